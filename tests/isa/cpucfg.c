/*
 * cpucfg.c - the CPUCFG words (Vol.1 2.2.10.5, "CPUCFG" table): what an
 * LA464 without LSX/LASX reports, as QEMU 7.2's la464 does.  Words 0-20
 * are printed and compared with QEMU; words past 20 read 0.
 *
 * One departure, on purpose: lvzsim reports the virtualization extension
 * (CPUCFG2 bit 10 LVZ = 1, bits 13:11 LVZ_ver = 1) and QEMU 7.2 does not
 * (it has no LVZ), so CPUCFG2 is printed with bits 13:10 masked and those
 * bits are checked on lvzsim only.
 *
 * The CHECK_EQs decode the words by hand from the field table.
 */
#include "isa.h"

#define LVZ_BITS (0xful << 10)

int main(void)
{
	isa_init();
	for (unsigned long w = 0; w <= 20; w++) {
		unsigned long v = cpucfg(w);
		if (w == 2)
			v &= ~LVZ_BITS;
		printf("cpucfg %2lu = %08lx%s\n", w, v, w == 2 ? " (bits 13:10 masked)" : "");
	}
	CHECK_EQ(cpucfg(21), 0);
	CHECK_EQ(cpucfg(0x40), 0);
	CHECK_EQ(cpucfg(~0ul), 0);
	/* word 0: PRID 0x14c010 (Loongson, LA464) */
	CHECK_EQ(cpucfg(0), 0x0014c010);
	/* word 1: ARCH 1:0 = 2 (LA64), PGMMU 2, IOCSR 3, PALEN-1 11:4 = 47,
	 * VALEN-1 19:12 = 47, UAL 20, RI 21, EP 22, RPLV 23, HP 24, bit 25 */
	unsigned long c1 = cpucfg(1);
	CHECK_EQ(c1 & 3, 2);
	CHECK_EQ((c1 >> 2) & 3, 3);
	CHECK_EQ((c1 >> 4) & 0xff, 47);
	CHECK_EQ((c1 >> 12) & 0xff, 47);
	CHECK_EQ((c1 >> 20) & 0x3f, 0x3f);
	CHECK_EQ(c1, 0x03f2f2fe);
	/* word 2: FP 0, FP_SP 1, FP_DP 2, FP_ver 5:3 = 1, no LSX (6) / LASX (7),
	 * LLFTP 14, LLFTP_ver 17:15 = 1, LAM 22; nothing of LA v1.1 (24-30) */
	unsigned long c2 = cpucfg(2);
	CHECK_EQ(c2 & 0x3f, 0x0f);
	CHECK_EQ((c2 >> 6) & 3, 0);
	CHECK_EQ((c2 >> 14) & 0xf, 0x3);
	CHECK_EQ((c2 >> 22) & 1, 1);
	CHECK_EQ(c2 & ~LVZ_BITS, 0x0040c00f);
	/* LVZ = 1, LVZ_ver = 1 (lvzsim only: QEMU 7.2 has no LVZ) */
	CHECK_EQ_LVZSIM((c2 >> 10) & 0xf, 0x3);
	/* word 4: the constant timer's crystal, 100 MHz; word 5: CC_MUL 15:0 = 1,
	 * CC_DIV 31:16 = 1 (counter frequency = 100 MHz * 1 / 1) */
	CHECK_EQ(cpucfg(4), 100000000);
	CHECK_EQ(cpucfg(5), 0x00010001);
	/* word 3, 6 (PMU): none */
	CHECK_EQ(cpucfg(6), 0);
	return 0;
}
