/*
 * host_init.c - design part 2: the host CSRs the hypervisor needs, set
 * once at boot.
 *
 *   EENTRY      entry.S's hv_exception_entry, with ECFG.VS = 0: every exit
 *               (and the hypervisor's own timer interrupt) lands there
 *   TLBRENTRY   refill.S (physical: refills run in direct-address mode)
 *   PWCL/PWCH   the page-walk geometry of the stage-2 tables (stage2.c):
 *               4 KiB pages, 9 index bits per level, four levels = 48 bits
 *   GCFG        MATC = root (the stage-2 PTE decides the cache attribute)
 *               and GCI = 2 (only cache-initialising cacop traps), exactly
 *               what Linux kvm/main.c: kvm_arch_enable_virtualization_cpu
 *               writes when the capability bits allow it; all trap
 *               controls (SIT, TIT, TOE, TOP, TORU) off, as there
 *   GTLBC       USETGID = 1 for good; TGID is set by guest_enter()
 *   GINTC       0: no virtual interrupt pending, no pass-through
 *   EUEN        0: the FPU is off for the host, so guest FP use exits (FPD)
 *   TCFG        the host timer: one-shot, armed for each time slice (run.c)
 */
#include "parts.h"

extern char hv_exception_entry[], hv_tlb_refill[];

void host_init(const struct lvz_caps *caps)
{
	csr_write(CSR_EENTRY, (uint64_t)hv_exception_entry);
	csr_write(CSR_TLBRENTRY, va_to_pa(hv_tlb_refill));
	csr_write(CSR_ECFG, ECFG_LIE_TI);

	/* PWCL: PTbase 12, PTwidth 9, Dir1 21/9, Dir2 30/9, PTEwidth 0 (8 bytes);
	 * PWCH: Dir3 39/9 (Vol.1 7.5.9-10; Linux mm/tlb.c: setup_ptwalker). */
	csr_write(CSR_PWCL, 12 | 9 << 5 | 21 << 10 | 9 << 15 | 30 << 20 | 9 << 25);
	csr_write(CSR_PWCH, 39 | 9 << 6);
	csr_write(CSR_STLBPS, 12);
	csr_write(CSR_ASID, 0);

	uint64_t gcfg = 0;
	if (caps->gcfg & GCFG_MATP_ROOT)
		gcfg |= GCFG_MATC_ROOT;
	if (caps->gcfg & GCFG_GCIP_SECURE)
		gcfg |= GCFG_GCI_SECURE;
	csr_write(CSR_GCFG, gcfg);
	csr_write(CSR_GTLBC, GTLBC_USETGID);
	csr_write(CSR_GINTC, 0);
	csr_write(CSR_GCNTC, 0);
	csr_write(CSR_EUEN, 0);

	stage2_global_init();

	csr_write(CSR_TCFG, 0);
	hv_printf("hv: host ready: GCFG 0x%lx, GTLBC 0x%lx, time slice %u ticks\n",
		  csr_read(CSR_GCFG), csr_read(CSR_GTLBC), HV_SLICE_TICKS);
}
