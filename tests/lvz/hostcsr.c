/*
 * hostcsr.c - the host's LVZ CSRs: which fields exist, which are read-only
 * (docs/lvz.md "Structure"; lvz-facts.md 2).  Each check writes all ones
 * and then zero, and expects exactly the writable bits to follow, the
 * read-only ones to keep their value.
 */
#include "lvz.h"

/* Write v to CSR n and return what reads back. */
#define WR_RD(n, v) ({ csr_write(n, v); csr_read(n); })

int main(void)
{
	/* GSTAT 0x50: VM (bit 0) RO, 0 in host code; PVM (1) RW; GIDBIT (9:4)
	 * RO = 8 (KVM: vpid_mask = 2^GIDBIT - 1); GID (23:16) RW. */
	CHECK_EQ(csr_read(CSR_GSTAT), GSTAT_GIDBIT(8));
	CHECK_EQ(WR_RD(CSR_GSTAT, ~0ul), GSTAT_GID(0xff) | GSTAT_GIDBIT(8) | GSTAT_PVM);
	CHECK_EQ(WR_RD(CSR_GSTAT, 0), GSTAT_GIDBIT(8));

	/* GCFG 0x51: capability bits RO: MATP (3:0) = guest + root (0x3),
	 * GCIP (19:16) = all/hit/secure (0x7); RW: MATC 5:4, SIT 7, TIT 9,
	 * TOE 11, TOP 13, TORU 15, GCI 21:20, GPERF 26:24 = 0x0730aab0.  The
	 * trap-capability bits (6, 8, 10, 12, 14) read 0: the traps are stored
	 * only (KVM 6.12 leaves them 0).  KVM reads the caps first. */
	CHECK_EQ(csr_read(CSR_GCFG), 0x00070003);
	CHECK_EQ(WR_RD(CSR_GCFG, ~0ul), 0x0730aab0 | 0x00070003);
	CHECK_EQ(WR_RD(CSR_GCFG, 0), 0x00070003);
	/* KVM's value: GCI = 2 (secure) | MATC = 1 (root). */
	CHECK_EQ(WR_RD(CSR_GCFG, (2ul << 20) | (1ul << 4)), 0x00270013);

	/* GINTC 0x52: VIP 7:0, PIP 15:8, HC 23:16, all RW. */
	CHECK_EQ(WR_RD(CSR_GINTC, ~0ul), 0xffffff);
	CHECK_EQ(WR_RD(CSR_GINTC, 0), 0);

	/* GCNTC 0x53: a 64-bit offset (KVM writes time_offset, any value). */
	CHECK_EQ(WR_RD(CSR_GCNTC, ~0ul), ~0ul);
	CHECK_EQ(WR_RD(CSR_GCNTC, 0x8000000000000001ul), 0x8000000000000001ul);
	CHECK_EQ(WR_RD(CSR_GCNTC, 0), 0);

	/* GTLBC 0x15: GMTLBSZ 5:0, USETGID 12, TOTI 13, TGID 23:16 RW. */
	CHECK_EQ(WR_RD(CSR_GTLBC, ~0ul), 0xff303f);
	CHECK_EQ(WR_RD(CSR_GTLBC, 0), 0);

	/* TRGP 0x16: read-only; a host tlbrd fills it: bit 0 = guest-type
	 * entry, 23:16 = the entry's GID.  A root-type entry written with
	 * USETGID = 1, TGID = 0x5a reads back as GTLB = 0, RID = 0x5a. */
	CHECK_EQ(csr_read(CSR_TRGP), 0);
	CHECK_EQ(WR_RD(CSR_TRGP, ~0ul), 0);
	s2_map(0x5a, MTLB(3), 0x40000000, 0x40000000, 12, PTE_VDCC, PTE_VDCC);
	struct tlb_view tv;
	CHECK(host_tlbrd(MTLB(3), &tv));
	CHECK_EQ(tv.trgp, 0x5a0000);
	CHECK_EQ(WR_RD(CSR_TRGP, 0), 0x5a0000);
	/* an empty entry reads as GTLB = 0, RID = 0 */
	invtlb(0, 0, 0);
	CHECK(!host_tlbrd(MTLB(3), &tv));
	CHECK_EQ(tv.trgp, 0);

	/* TLBRPRMD 0x8f: PPLV 1:0, PIE 2, bit 3 (with LVZ: the refill came
	 * from guest mode), PWE 4; 31:5 read 0 (V1 7.5.14). */
	CHECK_EQ(WR_RD(CSR_TLBRPRMD, ~0ul), 0x1f);
	CHECK_EQ(WR_RD(CSR_TLBRPRMD, 1ul << 3), 1ul << 3);
	CHECK_EQ(WR_RD(CSR_TLBRPRMD, 0), 0);

	/* MERRCTL 0x90 (V1 7.7.1): IsMERR (0) RO; Repairable 1, PPLV 3:2,
	 * PIE 4, bit 5 (with LVZ: machine error from guest mode), PWE 6,
	 * PDA 7, PPG 8, PDATF 10:9, PDATM 12:11 RW = 0x1ffe; 15:13 R0, Cause
	 * 23:16 RO (0: no machine error ever happened), 31:24 R0.  (V1 marks
	 * PIE "R"; like the other saved fields it must be writable for ertn
	 * to restore a chosen IE, so we read it as RW: docs/lvz.md.) */
	CHECK_EQ(WR_RD(CSR_MERRCTL, ~0ul), 0x1ffe);
	CHECK_EQ(WR_RD(CSR_MERRCTL, 1ul << 5), 1ul << 5);
	CHECK_EQ(WR_RD(CSR_MERRCTL, 0), 0);
	rt_done();
}
