/*
 * capability.c - design part 1: does this CPU have the virtualization
 * extension, which version, and how many guest IDs does it implement?
 *
 * CPUCFG word 2 bit 10 is LVZ, bits 13:11 its version (Vol.1 2.2.10.5;
 * Linux CPUCFG2_LVZP / CPUCFG2_LVZVER).  GSTAT.GIDBIT (bits 9:4) is the
 * number of implemented GID bits (Linux kvm/main.c: kvm_loongarch_env_init
 * derives its VPID mask from it).  GCFG's read-only bits say which optional
 * controls exist; host_init.c uses them as Linux KVM does.
 */
#include "parts.h"

unsigned hv_max_gid;

void capability_check(struct lvz_caps *caps)
{
	uint32_t c2 = (uint32_t)cpucfg(2);
	if (!(c2 & CPUCFG2_LVZ)) {
		hv_printf("hv: this CPU has no virtualization extension (CPUCFG2.LVZ = 0); stopping\n");
		board_reset();
	}
	caps->version = CPUCFG2_LVZVER(c2);
	caps->gid_bits = GSTAT_GIDBIT(csr_read(CSR_GSTAT));
	caps->gcfg = csr_read(CSR_GCFG);
	/* GID 0 is the host; guests get 1 .. 2^GIDBIT - 1. */
	unsigned bits = caps->gid_bits > 8 ? 8 : caps->gid_bits;
	hv_max_gid = (1u << bits) - 1;
	hv_printf("hv: LVZ version %u, %u guest ID bits (GIDs 1-%u), GCFG caps 0x%lx\n",
		  caps->version, caps->gid_bits, hv_max_gid, caps->gcfg);
	if (hv_max_gid == 0) {
		hv_printf("hv: no guest IDs (GSTAT.GIDBIT = 0): guests would share the host's TLB tag; stopping\n");
		board_reset();
	}
}
