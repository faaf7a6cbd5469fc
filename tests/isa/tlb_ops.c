/*
 * tlb_ops.c - the TLB maintenance instructions (Vol.1 4.2.4; 5.4 TLB
 * organisation; 7.5.1-7.5.4 TLBIDX, TLBEHI, TLBELO0/1): tlbsrch, tlbrd,
 * tlbwr, tlbfill, tlbclr, tlbflush, invtlb ops 0-6 (and a reserved op),
 * ASID and G matching, STLB index numbering (index = way * 256 + set,
 * set = VA[20:13] at 4 KiB pages) and MTLB indices (2048..2111).
 *
 * Runs in DA mode: TLB instructions do not need translation on.  Every
 * outcome (hit/miss, index, read-back, which entries survive an
 * invalidation) is worked out by hand and printed for QEMU 7.2 too.
 *
 * QEMU 7.2 departures (lvzsim-only checks, nothing printed):
 *   - tlbrd of a valid entry writes its ASID to CSR.ASID on hardware
 *     (Linux dump_tlb reads ASID after tlbrd); QEMU leaves CSR.ASID alone,
 *     and zeroes it for an empty entry;
 *   - TLBEHI[63:48] read as the sign extension of bit 47 (7.5.2); QEMU
 *     stores the raw value;
 *   - an entry's G is one bit, set only if both TLBELO0.G and TLBELO1.G
 *     are 1 (7.5.3); QEMU keeps both as written and matches on TLBELO0.G.
 */
#include "isa.h"

#define PS4K 12
#define PS2M 21
#define V TLBELO_V
#define D TLBELO_D
#define G TLBELO_G
#define CC TLBELO_MAT(1)

static void write_entry(unsigned idx, unsigned long va, unsigned long lo0, unsigned long lo1,
			unsigned ps, int ne)
{
	csr_write(CSR_TLBIDX, idx | TLBIDX_PS(ps) | (ne ? TLBIDX_NE : 0));
	csr_write(CSR_TLBEHI, va & ~0x1ffful);
	csr_write(CSR_TLBELO0, lo0);
	csr_write(CSR_TLBELO1, lo1);
	tlbwr();
}


static int present(unsigned idx)
{
	csr_write(CSR_TLBIDX, idx);
	tlbrd();
	return !(csr_read(CSR_TLBIDX) & TLBIDX_NE);
}

static void set_asid(unsigned a) { csr_write(CSR_ASID, a); }

/* STLB index of a 4 KiB-page pair: way * 256 + VA[20:13] */
#define SIDX(way, va) ((way) * 256 + (((va) >> 13) & 0xff))

#define VA1 0x12346000ul
#define VA2 0x22220000ul
#define VA3 0x00456000ul
#define VA4 0x40000000ul     /* 2 MiB pair: VA[47:22] */
#define VA5 0x7fc00000ul
#define PA(x) ((unsigned long)(x) & ~0xffful)

static void check_write_read_search(void)
{
	set_asid(1);
	unsigned idx = SIDX(2, VA1);
	CHECK_EQ(idx, 2 * 256 + 0xa3);          /* VA1[20:13] = 0x12346000 >> 13 & 0xff */
	unsigned long lo0 = 0x0000000012340000ul | V | D | CC | TLBELO_PLV(3);
	unsigned long lo1 = 0x0000000055550000ul | V | CC | TLBELO_NR | TLBELO_NX | TLBELO_RPLV;
	write_entry(idx, VA1, lo0, lo1, PS4K, 0);
	/* clobber, then tlbrd */
	csr_write(CSR_TLBEHI, 0);
	csr_write(CSR_TLBELO0, 0);
	csr_write(CSR_TLBELO1, 0);
	csr_write(CSR_TLBIDX, idx);
	tlbrd();
	unsigned long tlbidx = csr_read(CSR_TLBIDX);
	CHECK_EQ(tlbidx & TLBIDX_NE, 0);
	CHECK_EQ((tlbidx >> 24) & 0x3f, PS4K);
	CHECK_EQ(tlbidx & 0xfff, idx);
	CHECK_EQ(csr_read(CSR_TLBEHI), VA1 & ~0x1ffful);
	CHECK_EQ(csr_read(CSR_TLBELO0), lo0);
	CHECK_EQ(csr_read(CSR_TLBELO1), lo1);
	printf("tlbrd: idx %lx ps %lu ehi %lx lo0 %lx lo1 %lx\n", tlbidx & 0xfff, (tlbidx >> 24) & 0x3f,
	       csr_read(CSR_TLBEHI), csr_read(CSR_TLBELO0), csr_read(CSR_TLBELO1));
	/* tlbsrch: hit in either page of the pair, under the right ASID */
	CHECK_EQ(isa_tlb_search(VA1), idx);
	CHECK_EQ(isa_tlb_search(VA1 + 0x1000), idx);
	CHECK_EQ(isa_tlb_search(VA1 + 0x2000), -1);
	set_asid(2);
	CHECK_EQ(isa_tlb_search(VA1), -1);              /* G = 0: ASID must match */
	/* a miss sets NE and leaves Index alone */
	csr_write(CSR_TLBIDX, 0x123);
	csr_write(CSR_TLBEHI, VA1);
	tlbsrch();
	CHECK_EQ(csr_read(CSR_TLBIDX), 0x123 | TLBIDX_NE);
	printf("tlbsrch: hit %ld, odd page %ld, other ASID %ld\n", (set_asid(1), isa_tlb_search(VA1)),
	       isa_tlb_search(VA1 + 0x1000), (set_asid(2), isa_tlb_search(VA1)));
	/* lvzsim: tlbrd sets CSR.ASID from the entry */
	set_asid(7);
	csr_write(CSR_TLBIDX, idx);
	tlbrd();
	CHECK_EQ_LVZSIM(csr_read(CSR_ASID) & 0x3ff, 1);
	/* G entry: any ASID */
	set_asid(1);
	write_entry(SIDX(0, VA3), VA3, PA(0x800000) | V | G, PA(0x801000) | V | G, PS4K, 0);
	set_asid(0x3ff);
	CHECK_EQ(isa_tlb_search(VA3), SIDX(0, VA3));
	csr_write(CSR_TLBIDX, SIDX(0, VA3));
	tlbrd();
	CHECK_EQ(csr_read(CSR_TLBELO0) & G, G);  /* both halves read back G = 1 */
	CHECK_EQ(csr_read(CSR_TLBELO1) & G, G);
	printf("G entry: found under ASID 0x3ff at %ld\n", isa_tlb_search(VA3));
	/* tlbwr with NE = 1 writes an empty entry */
	set_asid(1);
	write_entry(SIDX(2, VA1), VA1, lo0, lo1, PS4K, 1);
	CHECK_EQ(present(SIDX(2, VA1)), 0);
	CHECK_EQ(isa_tlb_search(VA1), -1);
	/* tlbrd of an empty entry: NE = 1, EHI = ELO0 = ELO1 = 0, PS = 0 */
	csr_write(CSR_TLBEHI, VA2);
	csr_write(CSR_TLBELO0, 1);
	csr_write(CSR_TLBIDX, SIDX(5, VA2) | TLBIDX_PS(PS4K));
	tlbrd();
	CHECK_EQ(csr_read(CSR_TLBIDX), SIDX(5, VA2) | TLBIDX_NE);
	CHECK_EQ(csr_read(CSR_TLBEHI), 0);
	CHECK_EQ(csr_read(CSR_TLBELO0), 0);
	CHECK_EQ(csr_read(CSR_TLBELO1), 0);
	printf("empty entry: tlbidx %lx ehi %lx\n", csr_read(CSR_TLBIDX), csr_read(CSR_TLBEHI));
	/* lvzsim: G only if both halves have it (7.5.3) */
	if (isa_on_lvzsim()) {
		write_entry(SIDX(1, VA2), VA2, PA(0x900000) | V | G, PA(0x901000) | V, PS4K, 0);
		set_asid(9);
		CHECK_EQ(isa_tlb_search(VA2), -1);
		csr_write(CSR_TLBIDX, SIDX(1, VA2));
		tlbrd();
		CHECK_EQ(csr_read(CSR_TLBELO0) & G, 0);
		/* TLBEHI[63:48] = sign extension of bit 47 */
		csr_write(CSR_TLBEHI, 0x0000800000002000ul);
		CHECK_EQ(csr_read(CSR_TLBEHI), 0xffff800000002000ul);
		set_asid(1);
	}
}

static void check_fill(void)
{
	set_asid(1);
	invtlb(0, 0, 0);
	/* PS = STLBPS: some way of VA's set in the STLB */
	csr_write(CSR_TLBEHI, VA2);
	csr_write(CSR_TLBELO0, PA(0x100000) | V);
	csr_write(CSR_TLBELO1, PA(0x101000) | V);
	csr_write(CSR_TLBIDX, TLBIDX_PS(PS4K));
	tlbfill();
	long i = isa_tlb_search(VA2);
	CHECK(i >= 0 && i < 2048);
	CHECK_EQ(i % 256, (VA2 >> 13) & 0xff);
	/* PS != STLBPS: the MTLB */
	csr_write(CSR_TLBEHI, VA4);
	csr_write(CSR_TLBELO0, PA(0x200000) | V);
	csr_write(CSR_TLBELO1, PA(0x400000) | V);
	csr_write(CSR_TLBIDX, TLBIDX_PS(PS2M));
	tlbfill();
	long j = isa_tlb_search(VA4 + 0x3ff000);         /* any address of the 4 MiB pair */
	CHECK(j >= 2048 && j < 2048 + 64);
	csr_write(CSR_TLBIDX, (unsigned long)j);
	tlbrd();
	CHECK_EQ((csr_read(CSR_TLBIDX) >> 24) & 0x3f, PS2M);
	printf("tlbfill: 4K into STLB set %s, 2M into MTLB %s, ps %lu\n",
	       i % 256 == ((VA2 >> 13) & 0xff) ? "ok" : "bad", j >= 2048 ? "ok" : "bad",
	       (csr_read(CSR_TLBIDX) >> 24) & 0x3f);
}

/* The population every invalidation starts from (index: entry):
 *   A SIDX(0,VA1) VA1 ASID 1 G0     B SIDX(1,VA2) VA2 ASID 1 G0
 *   C SIDX(1,VA1) VA1 ASID 2 G0     D SIDX(3,VA3) VA3 G1
 *   E 2048        VA4 2M ASID 2 G0  F 2049        VA5 2M G1
 *   H 2050        VA4+8M 2M ASID 1 G0 */
enum { A, B, C, Dd, E, F, H, NENT };
static const unsigned idxs[NENT] = { SIDX(0, VA1), SIDX(1, VA2), SIDX(1, VA1), SIDX(3, VA3), 2048, 2049, 2050 };

static void populate(void)
{
	invtlb(0, 0, 0);
	set_asid(1);
	write_entry(idxs[A], VA1, PA(0x10000) | V, PA(0x11000) | V, PS4K, 0);
	write_entry(idxs[B], VA2, PA(0x12000) | V, PA(0x13000) | V, PS4K, 0);
	write_entry(idxs[H], VA4 + 0x800000, PA(0x1000000) | V, PA(0x1200000) | V, PS2M, 0);
	set_asid(2);
	write_entry(idxs[C], VA1, PA(0x14000) | V, PA(0x15000) | V, PS4K, 0);
	write_entry(idxs[E], VA4, PA(0x400000) | V, PA(0x600000) | V, PS2M, 0);
	write_entry(idxs[Dd], VA3, PA(0x16000) | V | G, PA(0x17000) | V | G, PS4K, 0);
	write_entry(idxs[F], VA5, PA(0x800000) | V | G, PA(0xa00000) | V | G, PS2M, 0);
	set_asid(1);
}

/* Which entries are still there (tlbrd may change CSR.ASID: keep it). */
static unsigned survivors(void)
{
	unsigned m = 0;
	unsigned long asid = csr_read(CSR_ASID);
	for (int e = 0; e < NENT; e++)
		m |= (unsigned)present(idxs[e]) << e;
	csr_write(CSR_ASID, asid);
	return m;
}

#define ALL ((1u << NENT) - 1)
#define BIT(e) (1u << (e))

static void check_invalidate(void)
{
	static const struct { const char *what; int op; unsigned long rj, rk; unsigned keep; } cases[] = {
		{ "invtlb 0", 0, 0, 0, 0 },
		{ "invtlb 1", 1, 0, 0, 0 },
		{ "invtlb 2 (G=1)", 2, 0, 0, ALL & ~(BIT(Dd) | BIT(F)) },
		{ "invtlb 3 (G=0)", 3, 0, 0, BIT(Dd) | BIT(F) },
		{ "invtlb 4 asid 2", 4, 2, 0, ALL & ~(BIT(C) | BIT(E)) },
		{ "invtlb 5 asid 1 VA1", 5, 1, VA1, ALL & ~BIT(A) },
		{ "invtlb 5 asid 2 VA1+4K", 5, 2, VA1 + 0x1000, ALL & ~BIT(C) },   /* odd page */
		{ "invtlb 5 asid 1 VA3", 5, 1, VA3, ALL },                       /* G=1: kept */
		{ "invtlb 5 asid 2 VA4+3M", 5, 2, VA4 + 0x300000, ALL & ~BIT(E) },
		{ "invtlb 6 asid 1 VA3", 6, 1, VA3, ALL & ~BIT(Dd) },            /* G=1 matches */
		{ "invtlb 6 asid 1 VA1", 6, 1, VA1, ALL & ~BIT(A) },
		{ "invtlb 6 asid 3 VA5+2M", 6, 3, VA5 + 0x200000, ALL & ~BIT(F) },
		{ "invtlb 6 asid 3 VA2", 6, 3, VA2, ALL },
	};
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		populate();
		CHECK_EQ(survivors(), ALL);
		switch (cases[i].op) {
		case 0: invtlb(0, cases[i].rj, cases[i].rk); break;
		case 1: invtlb(1, cases[i].rj, cases[i].rk); break;
		case 2: invtlb(2, cases[i].rj, cases[i].rk); break;
		case 3: invtlb(3, cases[i].rj, cases[i].rk); break;
		case 4: invtlb(4, cases[i].rj, cases[i].rk); break;
		case 5: invtlb(5, cases[i].rj, cases[i].rk); break;
		default: invtlb(6, cases[i].rj, cases[i].rk); break;
		}
		unsigned m = survivors();
		CHECK_EQ(m, cases[i].keep);
		printf("%-24s keeps %02x\n", cases[i].what, m);
	}
	/* a reserved op: INE */
	isa_expect(0);
	invtlb(7, 0, 0);
	CHECK_EQ(isa_ecode(), EC_INE);
	isa_expect(0);
	invtlb(0x1f, 0, 0);
	printf("invtlb 7: ecode %d, 0x1f: ecode %d\n", EC_INE, isa_ecode());
	/* tlbclr: G=0 entries of the current ASID in one STLB set (all ways)
	 * or in the whole MTLB; tlbflush: every entry there */
	populate();
	set_asid(2);
	csr_write(CSR_TLBIDX, 0xa3);            /* set of VA1: A (ASID 1) and C (ASID 2) */
	tlbclr();
	CHECK_EQ(survivors(), ALL & ~BIT(C));
	csr_write(CSR_TLBIDX, 2048 + 5);        /* MTLB: E (ASID 2) */
	tlbclr();
	CHECK_EQ(survivors(), ALL & ~(BIT(C) | BIT(E)));
	printf("tlbclr: keeps %02x\n", survivors());
	populate();
	csr_write(CSR_TLBIDX, 7 * 256 + 0xa3);  /* any way of the set */
	tlbflush();
	CHECK_EQ(survivors(), ALL & ~(BIT(A) | BIT(C)));
	csr_write(CSR_TLBIDX, 2100);
	tlbflush();
	CHECK_EQ(survivors(), BIT(B) | BIT(Dd));
	printf("tlbflush: keeps %02x\n", survivors());
}

int main(void)
{
	isa_init();
	csr_write(CSR_STLBPS, PS4K);            /* QEMU 7.2 resets it to 0 */
	CHECK_EQ(csr_read(CSR_STLBPS), PS4K);
	invtlb(0, 0, 0);
	check_write_read_search();
	check_fill();
	check_invalidate();
	invtlb(0, 0, 0);
	set_asid(0);
	return 0;
}
