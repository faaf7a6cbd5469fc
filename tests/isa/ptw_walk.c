/*
 * ptw_walk.c - software page walking (Vol.1 4.2.5 LDDIR/LDPTE, 7.5.x PWCL/
 * PWCH, PGD/PGDL/PGDH) with the refill handler of Linux
 * (arch/loongarch/mm/tlbex.S handle_tlb_refill, 3 levels):
 *     csrwr t0, TLBRSAVE; csrrd t0, PGD; lddir t0, t0, 3; lddir t0, t0, 1;
 *     ldpte t0, 0; ldpte t0, 1; tlbfill; csrrd t0, TLBRSAVE; ertn
 * over page tables laid out as Linux's setup_ptwalker() describes them for
 * 16 KiB pages: PTE index VA[24:14], PMD index VA[35:25] (PWCL), PGD index
 * VA[46:36] (PWCH), 8-byte entries; the upper half walks from PGDH.  A PMD
 * entry with _PAGE_HUGE (bit 6) is a 32 MiB huge page: ldpte turns it into
 * a pair of 16 MiB pages (PS = PTbase + PTwidth - 1 = 24), the odd one at
 * +16 MiB.
 *
 * Expected physical addresses and refill counts are worked out by hand.
 *
 * QEMU 7.2 departures (lvzsim-only, nothing printed):
 *   - ldpte drops PTE bits 63:48 (NR, NX, RPLV: QEMU masks the PTE with
 *     TARGET_PHYS_MASK), so an NX/NR PTE is not enforced there;
 *   - a huge entry's HGLOBAL (bit 12) moves to G and is cleared (Linux
 *     _PAGE_HGLOBAL); QEMU copies it to G but leaves bit 12 set, which it
 *     then ORs into the physical address.
 */
#include "isa.h"

#define PWCL_VAL (14 | 11 << 5 | 25 << 10 | 11 << 15)    /* PTE, Dir1 = PMD; Dir2 unused */
#define PWCH_VAL (36 | 11 << 6)                         /* Dir3 = PGD */
#define TVA 0xffff900000000000ul                       /* bit 47 set: PGDH */
#define V TLBELO_V
#define D TLBELO_D
#define CC TLBELO_MAT(1)
#define HUGE (1ul << 6)
#define HGLOBAL (1ul << 12)
#define PRESENT (1ul << 7)                             /* Linux software bit: ignored */

volatile unsigned long ptw_refills;

__asm__(
	"	.text\n"
	"	.balign	4096\n"
	"	.globl	ptw_refill\n"
	"ptw_refill:\n"
	"	csrwr	$t0, 0x8b\n"           /* TLBRSAVE */
	"	csrrd	$t0, 0x1b\n"           /* PGD */
	"	lddir	$t0, $t0, 3\n"
	"	lddir	$t0, $t0, 1\n"
	"	ldpte	$t0, 0\n"
	"	ldpte	$t0, 1\n"
	"	tlbfill\n"
	"	la.pcrel	$t0, ptw_refills\n"   /* count (not in Linux) */
	"	csrwr	$t1, 0x35\n"
	"	ld.d	$t1, $t0, 0\n"
	"	addi.d	$t1, $t1, 1\n"
	"	st.d	$t1, $t0, 0\n"
	"	csrrd	$t1, 0x35\n"
	"	csrrd	$t0, 0x8b\n"
	"	ertn\n");
extern char ptw_refill[];

static uint64_t *pgd, *pmd, *pte;
static uint8_t *frame[4];

#define PGD_IDX(va) (((va) >> 36) & 0x7ff)
#define PMD_IDX(va) (((va) >> 25) & 0x7ff)
#define PTE_IDX(va) (((va) >> 14) & 0x7ff)

static unsigned long ld(unsigned long a) { return *(volatile unsigned long *)a; }
static unsigned long fpa(int i) { return (unsigned long)frame[i]; }

static void expect_map(unsigned long va, unsigned long pa)
{
	unsigned long tag = 0x6b00000000000000ul ^ va;
	*(volatile unsigned long *)pa = tag;
	CHECK_EQ(ld(va), tag);
}

int main(void)
{
	isa_init();
	pgd = rt_page_alloc(4);
	pmd = rt_page_alloc(4);
	pte = rt_page_alloc(4);
	for (int i = 0; i < 4; i++)
		frame[i] = rt_page_alloc(4);
	csr_write(CSR_STLBPS, 14);
	csr_write(CSR_ASID, 0);
	csr_write(CSR_PWCL, PWCL_VAL);
	csr_write(CSR_PWCH, PWCH_VAL);
	CHECK_EQ(csr_read(CSR_PWCL), PWCL_VAL);
	CHECK_EQ(csr_read(CSR_PWCH), PWCH_VAL);
	csr_write(CSR_PGDH, (unsigned long)pgd);
	csr_write(CSR_PGDL, 0);
	csr_write(CSR_TLBRENTRY, (unsigned long)ptw_refill);

	/* tables: the PGD slot of TVA -> pmd; PMD slot 0 -> pte table; PMD
	 * slot 1 -> a huge 32 MiB page at PA 96 MiB */
	unsigned long va = TVA;
	CHECK_EQ(PGD_IDX(va), 0x100);                   /* VA[46:36] of 0xffff9000_00000000 */
	pgd[PGD_IDX(va)] = (unsigned long)pmd;
	pmd[0] = (unsigned long)pte;
	pmd[1] = 0x06000000ul | HUGE | V | D | CC | PRESENT;
	pte[0] = fpa(0) | V | D | CC | PRESENT;          /* even page of pair 0 */
	pte[1] = fpa(1) | V | D | CC | PRESENT;          /* odd page */
	pte[2] = fpa(2) | V | CC;                        /* pair 1: even clean */
	pte[3] = 0;                                      /* odd: invalid */
	pte[4] = fpa(3) | V | D | CC | TLBELO_NX | TLBELO_NR;   /* pair 2 */
	pte[5] = fpa(3) | V | D | CC;

	invtlb(0, 0, 0);
	unsigned long crmd = isa_pg_identity();
	ptw_refills = 0;
	expect_map(va + 0x10, fpa(0) + 0x10);
	CHECK_EQ(ptw_refills, 1);
	expect_map(va + 0x4000 + 0x3ff8, fpa(1) + 0x3ff8);   /* odd page: same entry */
	CHECK_EQ(ptw_refills, 1);
	/* the filled entry: VPPN of the pair, PS 14, both halves */
	csr_write(CSR_TLBEHI, va);
	tlbsrch();
	unsigned long idx = csr_read(CSR_TLBIDX);
	CHECK_EQ(idx & TLBIDX_NE, 0);
	tlbrd();
	CHECK_EQ((csr_read(CSR_TLBIDX) >> 24) & 0x3f, 14);
	CHECK_EQ(csr_read(CSR_TLBELO0) & ~0xffful, fpa(0));
	CHECK_EQ(csr_read(CSR_TLBELO1) & ~0xffful, fpa(1));
	printf("walk: 2 accesses, %lu refill, ps %lu\n", ptw_refills, (csr_read(CSR_TLBIDX) >> 24) & 0x3f);

	/* pair 1: even clean (PME on store), odd invalid (PIL after the refill) */
	expect_map(va + 0x8000, fpa(2));
	CHECK_EQ(ptw_refills, 2);
	isa_expect(0);
	*(volatile unsigned long *)(va + 0x8008) = 1;
	CHECK_EQ(isa_ecode(), EC_PME);
	isa_expect(0);
	ld(va + 0xc000);
	CHECK_EQ(isa_ecode(), EC_PIL);
	CHECK_EQ(isa_trap.badv, va + 0xc000);
	printf("pair 1: PME %d, PIL %d, refills %lu\n", EC_PME, EC_PIL, ptw_refills);

	/* the huge PMD entry: 32 MiB at PA 96 MiB as two 16 MiB pages */
	unsigned long hva = va + (1ul << 25);
	expect_map(hva + 0x123450, 0x06000000ul + 0x123450);
	CHECK_EQ(ptw_refills, 3);
	expect_map(hva + 0x1000000 + 0x8, 0x07000000ul + 0x8);
	CHECK_EQ(ptw_refills, 3);
	csr_write(CSR_TLBEHI, hva);
	tlbsrch();
	tlbrd();
	CHECK_EQ((csr_read(CSR_TLBIDX) >> 24) & 0x3f, 24);
	CHECK(csr_read(CSR_TLBIDX) & 0x800);            /* a 16 MiB page lives in the MTLB */
	CHECK_EQ(csr_read(CSR_TLBELO0) & ~0xffful & 0xffffffffffff, 0x06000000ul);
	CHECK_EQ(csr_read(CSR_TLBELO1) & ~0xffful & 0xffffffffffff, 0x07000000ul);
	CHECK_EQ(csr_read(CSR_TLBELO0) & HUGE, 0);      /* HUGE cleared: G stays 0 */
	printf("huge: ps %lu lo0 %lx lo1 %lx, refills %lu\n", (csr_read(CSR_TLBIDX) >> 24) & 0x3f,
	       csr_read(CSR_TLBELO0) & 0xfffffffff000ul, csr_read(CSR_TLBELO1) & 0xfffffffff000ul, ptw_refills);

	if (isa_on_lvzsim()) {
		/* NX/NR from the PTE are enforced (QEMU drops them) */
		isa_expect(0);
		ld(va + 0x10000);
		CHECK_EQ(isa_ecode(), EC_PNR);
		expect_map(va + 0x14000, fpa(3));
		/* HGLOBAL -> G, and no stray address bit */
		invtlb(0, 0, 0);
		pmd[2] = 0x08000000ul | HUGE | HGLOBAL | V | D | CC;
		unsigned long gva = va + (2ul << 25);
		expect_map(gva + 0x40, 0x08000000ul + 0x40);
		csr_write(CSR_TLBEHI, gva);
		tlbsrch();
		tlbrd();
		CHECK_EQ(csr_read(CSR_TLBELO0) & TLBELO_G, TLBELO_G);
		CHECK_EQ(csr_read(CSR_TLBELO0) & HGLOBAL, 0);
	}
	/* lddir with a level other than 1-4 is INE (outside a refill: no walk) */
	isa_pg_restore(crmd);
	isa_expect(0);
	__asm__ volatile("lddir $t0, $zero, 5" ::: "$t0", "memory");
	CHECK_EQ(isa_ecode(), EC_INE);
	csr_write(CSR_TLBRENTRY, (unsigned long)rt_tlbr_entry);
	invtlb(0, 0, 0);
	return 0;
}
