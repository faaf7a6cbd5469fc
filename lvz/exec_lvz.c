/*
 * exec_lvz.c - the LVZ instructions: gcsrrd/gcsrwr/gcsrxchg, gtlbflush,
 * hvcl (lvz-facts.md 4).  The gcsr* forms are host-PLV0 only; a guest has
 * no LVZ, so they do not exist for it (INE).
 */
#include "cpu/exec.h"
#include "lvz/lvz.h"
#include "mmu/softtlb_ops.h"
#include "sim/trace.h"

static bool host_plv0(struct cpu *cpu, const struct dinsn *d)
{
	if (cpu->world == WORLD_GUEST) {
		exec_invalid(cpu, d);
		return false;
	}
	return require_plv0(cpu);
}

HANDLER(gcsrrd)
{
	if (!host_plv0(cpu, d))
		return;
	RD = csr_read(cpu, WORLD_GUEST, (unsigned)IMM);
	NEXT();
}

/* gcsrwr swaps: the guest CSR gets rd, rd gets the old value (KVM's
 * kvm_read_clear_hw_gcsr relies on it). */
HANDLER(gcsrwr)
{
	if (!host_plv0(cpu, d))
		return;
	unsigned num = (unsigned)IMM;
	uint64_t old = csr_read(cpu, WORLD_GUEST, num), raw = csr_stored(cpu, WORLD_GUEST, num);
	csr_write_gcsr(cpu, num, RD);
	RD = old;
	if (cpu->trace)
		trace_csr(cpu->trace, cpu, WORLD_GUEST, num, raw, csr_stored(cpu, WORLD_GUEST, num));
	NEXT();
}

HANDLER(gcsrxchg)
{
	if (!host_plv0(cpu, d))
		return;
	unsigned num = (unsigned)IMM;
	uint64_t old = csr_read(cpu, WORLD_GUEST, num), raw = csr_stored(cpu, WORLD_GUEST, num);
	csr_write_gcsr(cpu, num, (old & ~RJ) | (RD & RJ));
	RD = old;
	if (cpu->trace)
		trace_csr(cpu->trace, cpu, WORLD_GUEST, num, raw, csr_stored(cpu, WORLD_GUEST, num));
	NEXT();
}

/* gtlbflush: drop the guest-type entries of the target guest (GTLBC.TGID
 * when USETGID, else GSTAT.GID).  Unused by Linux 6.12; docs/lvz.md. */
HANDLER(gtlbflush)
{
	if (!host_plv0(cpu, d))
		return;
	const uint64_t *h = cpu->csr[WORLD_HOST];
	uint8_t gid = (h[CSR_GTLBC] & GTLBC_USETGID) ? (h[CSR_GTLBC] >> GTLBC_TGID_SH) & 0xff
						    : (h[CSR_GSTAT] >> GSTAT_GID_SH) & 0xff;
	tlb_invalidate(&cpu->tlb, INV_CTX_ALL, true, gid, 0, 0, 0);
	stlb_flush_all(cpu);
	if (cpu->trace)
		trace_tlb(cpu->trace, cpu, "gtlbflush", -1);
	NEXT();
}

/* hvcl code: from the guest kernel it exits with HVC (code in BADI[14:0]);
 * from guest user mode it is a guest IPE; in the host it raises HVC at the
 * host itself (docs/lvz.md). */
HANDLER(hvcl)
{
	(void)d;
	if (!require_plv0(cpu))
		return;
	if (cpu->world == WORLD_GUEST)
		lvz_exit_exception(cpu, EXIT_HVC, ECODE_HVC);
	else
		cpu_exception(cpu, ECODE_HVC, 0, 0);
}
