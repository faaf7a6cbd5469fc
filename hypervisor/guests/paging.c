/*
 * paging - the guest's own page tables and TLB refill handler.  Paging is
 * the guest's business: its CSRs (PGDL, PWCL/PWCH, STLBPS, TLBRENTRY, ASID,
 * DMW1) are in the guest bank, its refill handler runs in guest mode, its
 * lddir/ldpte read its tables by GPA (through the second stage: the
 * hypervisor pages those table pages in on first touch like any other),
 * its tlbfill/tlbsrch/tlbrd/invtlb act on its own GID-tagged entries, and
 * its page faults are its own exceptions.  None of that is an exit.
 *
 * The table: 3 levels of 4 KiB pages (PWCL: PT 12/9, Dir1 21/9, Dir2
 * 30/9), the layout Linux uses with 4 KiB pages and 39-bit VAs.  The
 * kernel itself runs in DMW1 (0x9000...).  The refill handler is Linux's
 * handle_tlb_refill plus a counter, which the checks below predict: ldpte
 * loads both halves of an even/odd pair, so touching 2k pages costs k
 * refills.  The four pairs at VA_BASE sit in four different STLB sets (0-3)
 * and no other entry of this VM maps to those sets (its GPAs 0x10000 and up
 * index sets 8 and up), so nothing evicts them between the checks.
 */
#include "guest.h"

#define VA_BASE    0x40000000ul     /* NPAGES read/write pages */
#define NPAGES     8
#define VA_RO      (VA_BASE + 0x10000)  /* mapped without D */
#define VA_INVALID (VA_BASE + 0x12000)  /* PTE with V = 0 */
#define PTE_RW     (TLBELO_V | TLBELO_D | TLBELO_MAT(1))   /* PLV0, coherent cached */
#define PTE_RO     (TLBELO_V | TLBELO_MAT(1))
#define KERNEL_DMW (0x9000000000000000ul | 0x11)             /* PLV0, MAT CC */

volatile unsigned long refills;

/* The refill handler: runs in direct-address mode at its GPA. */
__asm__(
	"	.text\n"
	"	.balign	4096\n"
	"	.globl	guest_refill\n"
	"guest_refill:\n"
	"	csrwr	$t0, 0x8b\n"            /* TLBRSAVE */
	"	csrrd	$t0, 0x1b\n"            /* PGD (= PGDL here) */
	"	lddir	$t0, $t0, 2\n"
	"	lddir	$t0, $t0, 1\n"
	"	ldpte	$t0, 0\n"
	"	ldpte	$t0, 1\n"
	"	tlbfill\n"
	"	csrwr	$t1, 0x37\n"            /* SAVE7: scratch */
	"	la.pcrel	$t0, refills\n"
	"	ld.d	$t1, $t0, 0\n"
	"	addi.d	$t1, $t1, 1\n"
	"	st.d	$t1, $t0, 0\n"
	"	csrrd	$t1, 0x37\n"
	"	csrrd	$t0, 0x8b\n"
	"	ertn\n");
extern char guest_refill[];

static uint64_t *pgd;

static uint64_t *table(uint64_t entry)
{
	return (uint64_t *)(entry | 0x9000000000000000ul);
}

static void map(uint64_t va, uint64_t gpa, uint64_t flags)
{
	uint64_t *d2 = pgd, *d1, *pt;
	unsigned i2 = (va >> 30) & 511, i1 = (va >> 21) & 511, i0 = (va >> 12) & 511;
	if (!d2[i2])
		d2[i2] = gpa_of(rt_page_alloc(1));
	d1 = table(d2[i2]);
	if (!d1[i1])
		d1[i1] = gpa_of(rt_page_alloc(1));
	pt = table(d1[i1]);
	pt[i0] = gpa | flags;
}

static volatile uint64_t *word(uint64_t va, unsigned i) { return (volatile uint64_t *)(va + i * 4096ul + 8 * i); }

static void touch_all(void)
{
	for (unsigned i = 0; i < NPAGES; i++)
		(void)*word(VA_BASE, i);
}

int main(void)
{
	uint8_t *pages = rt_page_alloc(NPAGES);
	uint8_t *ro = rt_page_alloc(1);
	pgd = rt_page_alloc(1);
	for (unsigned i = 0; i < NPAGES; i++)
		map(VA_BASE + i * 4096ul, gpa_of(pages + i * 4096), PTE_RW);
	map(VA_RO, gpa_of(ro), PTE_RO);
	map(VA_INVALID, 0, 0);
	((volatile uint64_t *)ro)[0] = 0x0123456789abcdeful;

	csr_write(CSR_PWCL, 12 | 9 << 5 | 21 << 10 | 9 << 15 | 30 << 20 | 9 << 25);
	csr_write(CSR_PWCH, 0);
	csr_write(CSR_STLBPS, 12);
	csr_write(CSR_ASID, 0);
	csr_write(CSR_PGDL, gpa_of(pgd));
	csr_write(CSR_TLBRENTRY, gpa_of(guest_refill));
	csr_write(CSR_DMW(1), KERNEL_DMW);
	invtlb(0, 0, 0);
	csr_write(CSR_CRMD, (csr_read(CSR_CRMD) & ~CRMD_DA) | CRMD_PG);     /* paging on */

	/* Through the new mappings; then the same bytes through DMW1. */
	for (unsigned i = 0; i < NPAGES; i++)
		*word(VA_BASE, i) = 0xfeedface00000000ul | i;
	CHECK_EQ(refills, NPAGES / 2);
	for (unsigned i = 0; i < NPAGES; i++)
		CHECK_EQ(*(volatile uint64_t *)(pages + i * 4096 + 8 * i), 0xfeedface00000000ul | i);
	touch_all();
	CHECK_EQ(refills, NPAGES / 2);          /* all in the TLB now */

	/* tlbsrch finds the first pair, tlbrd shows both halves' GPAs. */
	csr_write(CSR_TLBEHI, VA_BASE);
	tlbsrch();
	CHECK_EQ(csr_read(CSR_TLBIDX) & TLBIDX_NE, 0);
	tlbrd();
	CHECK_EQ(csr_read(CSR_TLBELO0) & 0xfffffffff000ul, gpa_of(pages));
	CHECK_EQ(csr_read(CSR_TLBELO1) & 0xfffffffff000ul, gpa_of(pages + 4096));

	/* invtlb 0 empties the guest's TLB: one refill per pair again. */
	invtlb(0, 0, 0);
	touch_all();
	CHECK_EQ(refills, NPAGES);
	/* invtlb 5 (G = 0, this ASID, this VA): just that pair. */
	invtlb(5, 0, VA_BASE);
	touch_all();
	CHECK_EQ(refills, NPAGES + 1);
	/* Another ASID does not match these entries (G = 0): one refill per
	 * pair.  Back in ASID 0 the old entries may or may not have survived
	 * (tlbfill picks a random way of the set, which may be one of them),
	 * so at most one refill per pair. */
	csr_write(CSR_ASID, 1);
	touch_all();
	CHECK_EQ(refills, NPAGES + 1 + NPAGES / 2);
	csr_write(CSR_ASID, 0);
	unsigned long before = refills;
	for (unsigned i = 0; i < NPAGES; i++)
		CHECK_EQ(*word(VA_BASE, i), 0xfeedface00000000ul | i);
	CHECK(refills - before <= NPAGES / 2);

	/* The guest's own page faults: PIL on a V = 0 PTE, PME on a store to a
	 * page without D; BADV = the virtual address. */
	rt_expect_trap();
	(void)*(volatile uint64_t *)VA_INVALID;
	CHECK_EQ(rt_trap_result(), EC_PIL);
	CHECK_EQ(rt_last_trap.badv, VA_INVALID);
	CHECK_EQ(*(volatile uint64_t *)VA_RO, 0x0123456789abcdeful);
	rt_expect_trap();
	*(volatile uint64_t *)VA_RO = 1;
	CHECK_EQ(rt_trap_result(), EC_PME);
	CHECK_EQ(rt_last_trap.badv, VA_RO);
	CHECK_EQ(((volatile uint64_t *)ro)[0], 0x0123456789abcdeful);

	printf("%lu refills of its own TLB, all predicted\n", refills);
	rt_done();
}
