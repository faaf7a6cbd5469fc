/*
 * cpucfg.c - how a hypervisor detects LVZ and finds its scratch registers.
 *
 * Rules (docs/lvz.md "Structure"; lvz-facts.md 1, 2, 9.1-9.2):
 *   - CPUCFG word 2 bit 10 (LVZ) = 1: the only thing Linux checks
 *     (K kernel/cpu-probe.c: cpu_has_lvz from CPUCFG2_LVZP);
 *   - CPUCFG2 bits 13:11 (LVZ_ver) = 1, the initial version (V1 2.2.10.5);
 *   - PRCFG1.KSNUM (bits 3:0) >= 8: KVM keeps the vCPU pointer in KS4 and
 *     a scratch value in KS5 (K switch.S KVM_VCPU_KS / KVM_TEMP_KS); we
 *     implement exactly 8 (SAVE0-7), the most KVM saves for a guest.
 */
#include "lvz.h"

int main(void)
{
	unsigned long c2 = cpucfg(2);
	CHECK_EQ((c2 >> 10) & 1, 1);            /* LVZ */
	CHECK_EQ((c2 >> 11) & 7, 1);            /* LVZ_ver = 1 */
	/* Nested virtualisation is never offered, but the host has PTW = 0
	 * (bit 24): KVM then relies on the software refill path we test. */
	CHECK_EQ((c2 >> 24) & 1, 0);

	unsigned long prcfg1 = csr_read(CSR_PRCFG1);
	CHECK_EQ(prcfg1 & 0xf, 8);              /* KSNUM = 8 */

	/* The 8 scratch registers exist and hold 64 bits each: KS4/KS5 are
	 * what KVM's exit stub needs. */
	csr_write(CSR_SAVE(0), 0x0123456789abcdeful);
	csr_write(CSR_SAVE(4), 0xfedcba9876543210ul);
	csr_write(CSR_SAVE(5), 0x5555aaaa5555aaaaul);
	csr_write(CSR_SAVE(7), 0x7777777777777777ul);
	CHECK_EQ(csr_read(CSR_SAVE(0)), 0x0123456789abcdeful);
	CHECK_EQ(csr_read(CSR_SAVE(4)), 0xfedcba9876543210ul);
	CHECK_EQ(csr_read(CSR_SAVE(5)), 0x5555aaaa5555aaaaul);
	CHECK_EQ(csr_read(CSR_SAVE(7)), 0x7777777777777777ul);
	/* KS8 does not exist (KSNUM = 8): writes to an unimplemented CSR do
	 * not change any state (V1 7.1.1); its read value is undefined, ours
	 * is 0 as in QEMU 7.2. */
	csr_write(CSR_SAVE(8), 0x1234);
	CHECK_EQ(csr_read(CSR_SAVE(8)), 0);
	rt_done();
}
