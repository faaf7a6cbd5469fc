/*
 * paging.c - a guest pages itself (docs/lvz.md "Stage 1 in guest mode",
 * "Guest physical accesses"; lvz-facts.md 8; the walk is Linux's
 * mm/tlbex.S handle_tlb_refill for three levels):
 *   1. in paged mode a guest TLB miss goes to the guest's own TLBRENTRY
 *      (no exit), whose lddir/ldpte walk the guest's page tables (at GPAs,
 *      read through stage 2) and tlbfill a guest-type entry; its ertn
 *      returns to the guest; the data comes from the pages the PTEs name;
 *   2. guest-stage permission faults are the guest's own: a store to a
 *      PTE without D is a guest PME with guest BADV = the GVA, no exit;
 *   3. the filled entries are guest-type, GID = GSTAT.GID, guest ASID
 *      (host tlbrd, TRGP).
 *
 * Page tables: 4 KiB pages, 8-byte entries, PT = VA[20:12], Dir1 =
 * VA[29:21], Dir2 = VA[38:30]; the guest maps VAs in the upper half (PGDH)
 * while its code runs through its DMW0 (VSEG 0).
 */
#include "lvz.h"

#define X1 0xffff800040202000ul         /* an even page (VA[12] = 0) */
#define X2 0xffff80004060a000ul         /* another PT, another Dir1 entry */

static volatile unsigned long g_refills;

extern char g_refill[];
__asm__(".text\n.balign 4096\n.globl g_refill\ng_refill:\n"
	"	csrwr $t0, 0x8b\n"              /* TLBRSAVE */
	"	csrwr $t1, 0x31\n"              /* SAVE1 */
	"	csrrd $t0, 0x1b\n"              /* PGD: PGDH for TLBRBADV[47] = 1 */
	"	lddir $t0, $t0, 2\n"
	"	lddir $t0, $t0, 1\n"
	"	ldpte $t0, 0\n"
	"	ldpte $t0, 1\n"
	"	tlbfill\n"
	"	la.pcrel $t1, g_refills\n"
	"	ld.d $t0, $t1, 0\n"
	"	addi.d $t0, $t0, 1\n"
	"	st.d $t0, $t1, 0\n"
	"	csrrd $t1, 0x31\n"
	"	csrrd $t0, 0x8b\n"
	"	ertn\n");

struct pt_cfg { unsigned long pgdh; unsigned long out[4]; };

#define PWCL_VAL (12 | 9 << 5 | 21 << 10 | 9 << 15 | 30ul << 20 | 9ul << 25)

static void g_paged(struct pt_cfg *c)
{
	csr_write(CSR_PWCL, PWCL_VAL);
	csr_write(CSR_PWCH, 0);
	csr_write(CSR_PGDH, c->pgdh);
	csr_write(CSR_PGDL, 0);
	csr_write(CSR_STLBPS, 12);
	csr_write(CSR_TLBRENTRY, (unsigned long)g_refill);
	csr_write(CSR_ASID, 3);
	csr_write(CSR_DMW(0), 0x1 | (1ul << 4));
	csr_xchg(CSR_CRMD, CRMD_PG, CRMD_PG | CRMD_DA);
	c->out[0] = *(volatile unsigned long *)(X1 + 0x08);
	c->out[1] = *(volatile unsigned long *)(X1 + 0x1010);    /* odd page, same pair */
	c->out[2] = *(volatile unsigned long *)(X2 + 0x18);
	*(volatile unsigned long *)(X1 + 0x20) = 0xc0ffee;       /* D = 1: fine */
	*(volatile unsigned long *)(X2 + 0x20) = 0xbad;          /* D = 0: guest PME */
	c->out[3] = *(volatile unsigned long *)(X2 + 0x20);
	csr_xchg(CSR_CRMD, CRMD_DA, CRMD_PG | CRMD_DA);
}

static unsigned idx(unsigned long va, unsigned base) { return (va >> base) & 0x1ff; }

int main(void)
{
	lvz_init();
	s2_identity(3);
	/* the guest's page tables and pages, in guest-physical = host memory */
	unsigned long *pgd = rt_page_alloc(1), *pmd = rt_page_alloc(1);
	unsigned long *pt1 = rt_page_alloc(1), *pt2 = rt_page_alloc(1);
	unsigned long *pg = rt_page_alloc(3);
	pg[1] = 0xaaaa;                 /* X1 + 0x08 */
	pg[512 + 2] = 0xbbbb;           /* X1 + 0x1010 */
	pg[1024 + 3] = 0xcccc;          /* X2 + 0x18 */
	pg[1024 + 4] = 0xdddd;          /* X2 + 0x20 */
	pgd[idx(X1, 30)] = (unsigned long)pmd;
	CHECK_EQ(idx(X1, 30), idx(X2, 30));
	pmd[idx(X1, 21)] = (unsigned long)pt1;
	pmd[idx(X2, 21)] = (unsigned long)pt2;
	CHECK(idx(X1, 21) != idx(X2, 21));
	pt1[idx(X1, 12)] = (unsigned long)pg | PTE_VDCC;
	pt1[idx(X1, 12) + 1] = ((unsigned long)pg + 0x1000) | PTE_VDCC;
	pt2[idx(X2, 12)] = ((unsigned long)pg + 0x2000) | TLBELO_V | TLBELO_MAT(1);  /* no D */

	static struct pt_cfg c;
	c.pgdh = (unsigned long)pgd;
	struct vcpu v;
	vcpu_init(&v, 3, g_paged, (unsigned long)&c, 0, 0);
	g_last.count = 0;
	g_refills = 0;
	CHECK(vm_call(&v));             /* no exit before the end */
	CHECK_EQ(c.out[0], 0xaaaa);
	CHECK_EQ(c.out[1], 0xbbbb);
	CHECK_EQ(c.out[2], 0xcccc);
	CHECK_EQ(pg[4], 0xc0ffee);
	/* ---- 2 ---- */
	CHECK_EQ(g_refills, 2);         /* one per pair: X1's, X2's */
	CHECK_EQ(g_last.count, 1);
	CHECK_EQ(ESTAT_ECODE(g_last.estat), EC_PME);
	CHECK_EQ(g_last.badv, X2 + 0x20);
	CHECK_EQ(c.out[3], 0xdddd);     /* the store was skipped */
	CHECK_EQ(pg[1024 + 4], 0xdddd);
	/* ---- 3: the guest's entry for X1, seen from the host ---- */
	unsigned found = 0;
	for (unsigned i = 0; i < MTLB(64); i++) {
		struct tlb_view tv;
		if (!host_tlbrd(i, &tv) || tv.ehi != (X1 & ~0x1ffful))
			continue;
		found++;
		CHECK_EQ(tv.trgp, GSTAT_GID(3) | 1);
		CHECK_EQ(tv.asid, 3);
		CHECK_EQ(tv.lo0 & ~0xffful, (unsigned long)pg);
	}
	CHECK_EQ(found, 1);
	rt_done();
}
