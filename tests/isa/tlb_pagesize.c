/*
 * tlb_pagesize.c - page sizes (Vol.1 5.4.1 TLB structure, 7.5.1 TLBIDX.PS,
 * 7.5.x STLBPS, PRCFG2): the STLB holds pages of STLBPS, the MTLB pages of
 * any size in TLBIDX.PS; a TLB entry maps a pair of 2^PS pages, even page
 * from TLBELO0, odd page from TLBELO1, PA = PPN[PALEN-1:PS] | VA[PS-1:0];
 * huge pages (2 MiB, 32 MiB, 256 MiB) in the MTLB next to 16 KiB STLB
 * pages; STLBPS = 21 puts 2 MiB pages in the STLB; tlbsrch and invtlb
 * match anywhere in a huge pair.
 *
 * Expected physical addresses are worked out by hand from the rule above.
 *
 * QEMU 7.2 departures (lvzsim-only, nothing printed):
 *   - 4 KiB pages: QEMU caches translations per 16 KiB, so a 4 KiB page
 *     whose frame is not 16 KiB-aligned reads the wrong frame there;
 *   - PPN bits below PS: the manual ignores them (PPN[PALEN-1:PS]); QEMU
 *     ORs them into the address.
 */
#include "isa.h"

#define V TLBELO_V
#define D TLBELO_D
#define CC TLBELO_MAT(1)
#define TVA 0xffffff8000000000ul

/* Physical areas for huge pages (inside the low 256 MiB of RAM) */
#define PA2M_EVEN  0x04000000ul    /* 64 MiB */
#define PA2M_ODD   0x04600000ul    /* 70 MiB: not next to the even page */
#define PA32M_EVEN 0x06000000ul    /* 96 MiB */
#define PA32M_ODD  0x0a000000ul    /* 160 MiB */
#define PA256M_EVEN 0x00000000ul   /* the whole low RAM */

static void wr(unsigned idx, unsigned long va, unsigned long lo0, unsigned long lo1, unsigned ps)
{
	invtlb(6, 0, va);               /* also flushes QEMU's cache, see tlb_fault.c */
	csr_write(CSR_TLBIDX, idx | TLBIDX_PS(ps));
	csr_write(CSR_TLBEHI, va & ~0x1ffful);
	csr_write(CSR_TLBELO0, lo0);
	csr_write(CSR_TLBELO1, lo1);
	tlbwr();
}


static unsigned long ld(unsigned long a) { return *(volatile unsigned long *)a; }
static void poke(unsigned long pa, unsigned long v) { *(volatile unsigned long *)pa = v; }

/* Check VA -> PA by a value poked at the PA (identity window) */
static void expect_map(unsigned long va, unsigned long pa)
{
	unsigned long tag = 0x5a00000000000000ul ^ va;
	poke(pa, tag);
	CHECK_EQ(ld(va), tag);
}

static void check_mtlb(void)
{
	/* 2 MiB pages: pair at TVA spans 4 MiB */
	wr(2048, TVA, PA2M_EVEN | V | D | CC, PA2M_ODD | V | D | CC, 21);
	expect_map(TVA, PA2M_EVEN);
	expect_map(TVA + 0x1ffff8, PA2M_EVEN + 0x1ffff8);
	expect_map(TVA + 0x200000, PA2M_ODD);
	expect_map(TVA + 0x3abc08, PA2M_ODD + 0x1abc08);
	CHECK_EQ(isa_tlb_search(TVA + 0x3ff000), 2048);
	/* 32 MiB pages at TVA + 64 MiB */
	unsigned long va = TVA + 0x4000000;
	wr(2049, va, PA32M_EVEN | V | D | CC, PA32M_ODD | V | D | CC, 25);
	expect_map(va + 0x1234560, PA32M_EVEN + 0x1234560);
	expect_map(va + 0x2000000 + 0x1fffff8, PA32M_ODD + 0x1fffff8);
	CHECK_EQ(isa_tlb_search(va + 0x3fff000), 2049);
	CHECK_EQ(isa_tlb_search(va + 0x4000000), -1);
	/* 256 MiB pages at TVA + 1 GiB: even page = low RAM 0..256M */
	va = TVA + 0x40000000;
	wr(2050, va, PA256M_EVEN | V | D | CC, 0, 28);
	expect_map(va + 0x3f00008, 0x3f00008);
	expect_map(va + 0x0fffff00, 0x0fffff00);
	CHECK_EQ(isa_tlb_search(va + 0x10000000), 2050);         /* odd half: entry found, V = 0 */
	isa_expect(0);
	ld(va + 0x10000000);
	CHECK_EQ(isa_ecode(), EC_PIL);
	/* tlbrd reports the PS of MTLB entries */
	csr_write(CSR_TLBIDX, 2049);
	tlbrd();
	CHECK_EQ((csr_read(CSR_TLBIDX) >> 24) & 0x3f, 25);
	printf("MTLB 2M/32M/256M ok, tlbrd ps %lu\n", (csr_read(CSR_TLBIDX) >> 24) & 0x3f);
	/* invtlb 5 with an address inside the 32 MiB pair removes it */
	invtlb(5, 0, TVA + 0x4000000 + 0x2345678);
	CHECK_EQ(isa_tlb_search(TVA + 0x4000000), -1);
	CHECK_EQ(isa_tlb_search(TVA), 2048);
}

static uint8_t *f16[2];

static void check_stlb_16k(void)
{
	/* STLBPS = 14 next to the MTLB entries: set = VA[22:15] */
	unsigned long va = TVA + 0x80000000ul + 0x18000;   /* pair 3 of that region */
	unsigned idx = 5 * 256 + ((va >> 15) & 0xff);
	wr(idx, va, (unsigned long)f16[0] | V | D | CC, (unsigned long)f16[1] | V | D | CC, 14);
	expect_map(va + 0x3ff8, (unsigned long)f16[0] + 0x3ff8);
	expect_map(va + 0x4000, (unsigned long)f16[1]);
	CHECK_EQ(isa_tlb_search(va + 0x7000), idx);
	expect_map(TVA + 0x200008, PA2M_ODD + 8);          /* the MTLB still works */
	printf("STLB 16K at index %u ok\n", idx);
}

/* STLBPS = 21: 2 MiB pages in the STLB; set = VA[28:21]... of the pair:
 * VA[PS+8:PS+1] = VA[29:22]. */
static void check_stlb_2m(void)
{
	invtlb(0, 0, 0);
	csr_write(CSR_STLBPS, 21);
	unsigned long va = TVA + 0x1c00000;                 /* pair 7 */
	unsigned idx = 3 * 256 + ((va >> 22) & 0xff);
	CHECK_EQ(idx, 3 * 256 + 7);
	wr(idx, va, PA2M_ODD | V | D | CC, PA2M_EVEN | V | D | CC, 21);
	expect_map(va + 0x100000, PA2M_ODD + 0x100000);
	expect_map(va + 0x300000, PA2M_EVEN + 0x100000);
	CHECK_EQ(isa_tlb_search(va + 0x3fffff), idx);
	/* tlbfill with PS = STLBPS goes to that set */
	csr_write(CSR_TLBEHI, TVA);
	csr_write(CSR_TLBELO0, PA2M_EVEN | V | CC);
	csr_write(CSR_TLBELO1, PA2M_ODD | V | CC);
	csr_write(CSR_TLBIDX, TLBIDX_PS(21));
	tlbfill();
	long j = isa_tlb_search(TVA + 0x250000);
	CHECK(j >= 0 && j < 2048 && (j & 0xff) == 0);
	printf("STLB 2M ok, fill set %ld\n", j & 0xff);
	csr_write(CSR_STLBPS, 14);
	invtlb(0, 0, 0);
}

static void check_lvzsim_only(void)
{
	if (!isa_on_lvzsim())
		return;
	/* 4 KiB STLB pages on frames that are not 16 KiB-aligned */
	csr_write(CSR_STLBPS, 12);
	unsigned long va = TVA + 0x90000000ul;
	unsigned long p0 = (unsigned long)f16[0] + 0x1000, p1 = (unsigned long)f16[1] + 0x3000;
	wr(((va >> 13) & 0xff), va, p0 | V | D | CC, p1 | V | D | CC, 12);
	expect_map(va + 8, p0 + 8);
	expect_map(va + 0x1ff8, p1 + 0xff8);
	/* PPN bits below PS are ignored: a 2 MiB page whose TLBELO has
	 * PPN[20:12] != 0 still maps VA[20:0] onto the 2 MiB frame */
	wr(2051, TVA, (PA2M_EVEN + 0x5000) | V | D | CC, 0, 21);
	expect_map(TVA + 0x10, PA2M_EVEN + 0x10);
	csr_write(CSR_STLBPS, 14);
	invtlb(0, 0, 0);
}

int main(void)
{
	isa_init();
	f16[0] = rt_page_alloc(4);
	f16[1] = rt_page_alloc(4);
	csr_write(CSR_STLBPS, 14);
	csr_write(CSR_ASID, 0);
	invtlb(0, 0, 0);
	unsigned long crmd = isa_pg_identity();
	check_mtlb();
	check_stlb_16k();
	check_stlb_2m();
	check_lvzsim_only();
	isa_pg_restore(crmd);
	return 0;
}
