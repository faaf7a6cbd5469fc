/*
 * csr_masks.c - CSR read-only bits and write masks (Vol.1 chapter 7, LA64:
 * GRLEN = 64, PALEN = VALEN = 48, 48 timer bits): every base CSR is
 * written with all ones and with zeros and read back (the old value is put
 * back at once); read-only CSRs keep their value; undefined CSR numbers
 * read 0 and ignore writes; the PRCFG words describe this core.
 *
 * Each expected value is the CSR's field table in the manual, by hand
 * (comments).  Printed, and so compared with QEMU 7.2: only the CSRs where
 * QEMU 7.2 applies the manual's masks.  QEMU 7.2 departures (lvzsim-only):
 *   - QEMU stores most CSRs raw (no write masks: PRMD, ECFG, EENTRY,
 *     TLBIDX, TLBEHI, TLBELO*, PGDL/H, STLBPS, TID, TCFG, LLBCTL, TLBR*,
 *     DMW*), and does not sign-extend TLBEHI/TLBREHI;
 *   - QEMU makes csrwr to MISC, BADI, PGD, CPUID, PRCFG1-3, TVAL an INE
 *     (CSRFL_READONLY); the manual: read-only fields ignore writes;
 *   - PRCFG1 and PRCFG2 read 0 on QEMU (never initialised); SAVE8-15
 *     exist on QEMU although PRCFG1.KSNUM = 8 here.
 */
#include "isa.h"

#define XCSR(X) \
	X(CSR_PRMD) X(CSR_EUEN) X(CSR_MISC) X(CSR_ECFG) X(CSR_ESTAT) X(CSR_ERA) X(CSR_BADV) \
	X(CSR_BADI) X(CSR_EENTRY) X(CSR_TLBIDX) X(CSR_TLBEHI) X(CSR_TLBELO0) X(CSR_TLBELO1) \
	X(CSR_ASID) X(CSR_PGDL) X(CSR_PGDH) X(CSR_PGD) X(CSR_PWCL) X(CSR_PWCH) X(CSR_STLBPS) \
	X(CSR_CPUID) X(CSR_PRCFG1) X(CSR_PRCFG2) X(CSR_PRCFG3) \
	X(0x30) X(0x31) X(0x32) X(0x33) X(0x34) X(0x35) X(0x36) X(0x37) X(0x38) X(0x3f) \
	X(CSR_TID) X(CSR_TCFG) X(CSR_TVAL) X(CSR_CNTC) X(CSR_TICLR) X(CSR_LLBCTL) \
	X(CSR_TLBRENTRY) X(CSR_TLBRBADV) X(CSR_TLBRERA) X(CSR_TLBRSAVE) X(CSR_TLBRELO0) \
	X(CSR_TLBRELO1) X(CSR_TLBREHI) X(CSR_TLBRPRMD) X(CSR_DMW(0)) X(CSR_DMW(1)) \
	X(CSR_DMW(2)) X(CSR_DMW(3)) X(0x25) X(0x9f) X(0x1ff)

/* csrwr v, read back, put the old value back. */
static unsigned long probe(unsigned num, unsigned long v)
{
	unsigned long old, r = 0;
	switch (num) {
#define X(n) case n: old = csr_read(n); csr_write(n, v); r = csr_read(n); csr_write(n, old); break;
	XCSR(X)
#undef X
	}
	return r;
}

static unsigned long rd(unsigned num)
{
	switch (num) {
#define X(n) case n: return csr_read(n);
	XCSR(X)
#undef X
	}
	return 0;
}

#define S48(x) ((unsigned long)(x))
static const struct csr_case {
	unsigned num;
	const char *name;
	unsigned long ones, zeros;  /* read-back after writing ~0 / 0 */
	int print;                  /* QEMU 7.2 agrees */
} cases[] = {
	/* PPLV 1:0, PIE 2, PWE 3 */
	{ CSR_PRMD, "PRMD", 0xf, 0, 0 },
	/* ECFG: LIE 12:0, VS 18:16 */
	{ CSR_ECFG, "ECFG", 0x71fff, 0, 0 },
	/* ESTAT: only IS[1:0] (SWI) are writable */
	{ CSR_ESTAT, "ESTAT", 3, 0, 1 },
	{ CSR_ERA, "ERA", ~0ul, 0, 1 },
	{ CSR_BADV, "BADV", ~0ul, 0, 1 },
	/* EENTRY: VPN 63:12 */
	{ CSR_EENTRY, "EENTRY", ~0xffful, 0, 0 },
	/* TLBIDX: Index 11:0 (2112 entries), PS 29:24, NE 31 */
	{ CSR_TLBIDX, "TLBIDX", 0xbf000fff, 0, 0 },
	/* TLBEHI: VPPN 47:13, 63:48 = sign of bit 47 */
	{ CSR_TLBEHI, "TLBEHI", 0xffffffffffffe000ul, 0, 0 },
	/* TLBELO: V D PLV MAT G 6:0, PPN 47:12, NR NX RPLV 63:61 */
	{ CSR_TLBELO0, "TLBELO0", 0xe000fffffffff07ful, 0, 0 },
	{ CSR_TLBELO1, "TLBELO1", 0xe000fffffffff07ful, 0, 0 },
	/* ASID: ASID 9:0, ASIDBITS 23:16 = 10 read-only */
	{ CSR_ASID, "ASID", 0x000a03ff, 0x000a0000, 1 },
	/* PGDL/PGDH: Base 63:12 */
	{ CSR_PGDL, "PGDL", ~0xffful, 0, 0 },
	{ CSR_PGDH, "PGDH", ~0xffful, 0, 0 },
	/* PWCL: PTbase .. PTEWidth, all 32 bits */
	{ CSR_PWCL, "PWCL", 0xffffffff, 0, 0 },
	/* PWCH: Dir3/Dir4 base and width, 23:0 (no hardware walker: 24 = 0) */
	{ CSR_PWCH, "PWCH", 0xffffff, 0, 0 },
	{ CSR_STLBPS, "STLBPS", 0x3f, 0, 0 },
	/* KSave 0-7 (PRCFG1.KSNUM = 8): 64 bits each */
	{ 0x30, "SAVE0", ~0ul, 0, 1 }, { 0x31, "SAVE1", ~0ul, 0, 1 }, { 0x32, "SAVE2", ~0ul, 0, 1 },
	{ 0x33, "SAVE3", ~0ul, 0, 1 }, { 0x34, "SAVE4", ~0ul, 0, 1 }, { 0x35, "SAVE5", ~0ul, 0, 1 },
	{ 0x36, "SAVE6", ~0ul, 0, 1 }, { 0x37, "SAVE7", ~0ul, 0, 1 },
	/* ... and no SAVE8-15 */
	{ 0x38, "SAVE8", 0, 0, 0 }, { 0x3f, "SAVE15", 0, 0, 0 },
	{ CSR_TID, "TID", 0xffffffff, 0, 0 },
	/* TCFG: En 0, Periodic 1, InitVal 47:2 */
	{ CSR_TCFG, "TCFG", 0x0000fffffffffffful, 0, 0 },
	{ CSR_CNTC, "CNTC", ~0ul, 0, 1 },
	/* TICLR: W1 (clears the timer line), reads 0 */
	{ CSR_TICLR, "TICLR", 0, 0, 1 },
	/* LLBCTL: ROLLB (read-only LLbit), WCLLB (W1, reads 0), KLO */
	{ CSR_LLBCTL, "LLBCTL", 0x4, 0, 0 },
	/* TLBRENTRY: PPN PALEN-1:12 */
	{ CSR_TLBRENTRY, "TLBRENTRY", 0x0000fffffffff000ul, 0, 0 },
	{ CSR_TLBRBADV, "TLBRBADV", ~0ul, 0, 1 },
	{ CSR_TLBRSAVE, "TLBRSAVE", ~0ul, 0, 1 },
	{ CSR_TLBRELO0, "TLBRELO0", 0xe000fffffffff07ful, 0, 0 },
	{ CSR_TLBRELO1, "TLBRELO1", 0xe000fffffffff07ful, 0, 0 },
	/* TLBREHI: PS 5:0, VPPN 47:13, sign of bit 47 above */
	{ CSR_TLBREHI, "TLBREHI", 0xffffffffffffe03ful, 0, 0 },
	/* TLBRPRMD: PPLV, PIE, bit 3 (LVZ: the refill came from a guest), PWE */
	{ CSR_TLBRPRMD, "TLBRPRMD", 0x1f, 0, 0 },
	/* DMW: PLV0-3 3:0, MAT 5:4, VSEG 63:60 */
	{ CSR_DMW(0), "DMW0", 0xf00000000000003ful, 0, 0 },
	{ CSR_DMW(1), "DMW1", 0xf00000000000003ful, 0, 0 },
	{ CSR_DMW(2), "DMW2", 0xf00000000000003ful, 0, 0 },
	{ CSR_DMW(3), "DMW3", 0xf00000000000003ful, 0, 0 },
	/* MISC (Vol.1 7.4.4): VA32L1-3 3:1, DRDTL1-3 7:5, RPCNTL1-3 11:9,
	 * ALCL0-3 15:12, DWPL0-2 18:16; bits 0, 4 and 8 are R0 -> 0x7feee */
	{ CSR_MISC, "MISC", 0x7feee, 0, 0 },
	/* undefined numbers: read 0, writes ignored (7.1.x) */
	{ 0x25, "csr 0x25", 0, 0, 1 }, { 0x9f, "csr 0x9f", 0, 0, 1 }, { 0x1ff, "csr 0x1ff", 0, 0, 1 },
};

/* Read-only CSRs keep their value when written (lvzsim: QEMU traps). */
static const unsigned readonly[] = { CSR_BADI, CSR_PGD, CSR_CPUID, CSR_PRCFG1, CSR_PRCFG2,
				     CSR_PRCFG3, CSR_TVAL };

int main(void)
{
	isa_init();
	int lvz = isa_on_lvzsim();
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct csr_case *c = &cases[i];
		if (!c->print && !lvz)
			continue;       /* QEMU 7.2 departs here: see the header */
		unsigned long one = probe(c->num, ~0ul), zero = probe(c->num, 0);
		CHECK_EQ(one, c->ones);
		CHECK_EQ(zero, c->zeros);
		if (c->print)
			printf("%-10s ~0 -> %016lx  0 -> %016lx\n", c->name, one, zero);
	}
	/* TLBEHI/TLBREHI with bit 47 clear: no sign extension */
	if (lvz) {
		CHECK_EQ(probe(CSR_TLBEHI, 0x00007ffffffffffful), 0x00007fffffffe000ul);
		CHECK_EQ(probe(CSR_TLBREHI, 0x00007ffffffffffful), 0x00007fffffffe03ful);
		/* TLBRERA: IsTLBR 0 and PC 63:2 (bit 1 reads 0); writing
		 * IsTLBR = 1 would make the next ertn a refill return, so
		 * leave it 0 */
		CHECK_EQ(probe(CSR_TLBRERA, ~1ul), ~3ul);
		for (unsigned i = 0; i < ARRAY_SIZE(readonly); i++) {
			unsigned long before = rd(readonly[i]);
			CHECK_EQ(probe(readonly[i], ~0ul), before);   /* TVAL: the timer is off, so it stands still */
		}
		/* CRMD: bits 63:10 read 0; WE (9) is writable */
		unsigned long crmd = csr_read(CSR_CRMD);
		csr_write(CSR_CRMD, crmd | 0xfffffffffffffc00ul | CRMD_WE);
		CHECK_EQ(csr_read(CSR_CRMD), crmd | CRMD_WE);
		csr_write(CSR_CRMD, crmd);
		/* PRCFG1: KSNUM 3:0 = 8, TIMERBITS 11:4 = 47 (48 bits), VSMAX 14:12 = 7;
		 * PRCFG2: page sizes 2^12 .. 2^29 */
		CHECK_EQ(csr_read(CSR_PRCFG1), 0x72f8);
		CHECK_EQ(csr_read(CSR_PRCFG2), 0x3ffff000);
	}
	/* PRCFG3: TLBType 3:0 = 2 (STLB + MTLB), MTLBEntries 11:4 = 63,
	 * STLBWays 19:12 = 7, STLBSets 25:20 = 8 (256 sets) */
	CHECK_EQ(csr_read(CSR_PRCFG3), 0x8073f2);
	printf("PRCFG3 %lx\n", csr_read(CSR_PRCFG3));
	return 0;
}
