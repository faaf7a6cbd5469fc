/*
 * twoguests.c - two guests, GID 1 and GID 2, with the same GVA and the
 * same ASID, never see each other's TLB entries (docs/lvz.md "Guest TLB
 * instructions", "Stage 1 in guest mode", "Stage 2"; lvz-facts.md 4, 8):
 *   1. guest-type entries match only GSTAT.GID: guest 1's mapping of GVA X
 *      is invisible to guest 2 (tlbsrch misses, an access takes guest 2's
 *      own TLB refill with guest TLBRBADV = X), each reads its own page;
 *   2. a guest's tlbrd of an entry that is not its own reads as empty (NE,
 *      EHI = ELO = 0), and a host's tlbrd shows whose it is (TRGP);
 *   3. stage 2 is per GID too: guest 1's root-type entry for GPA Q does
 *      not serve guest 2, whose access to Q exits (refill, then PIL);
 *   4. one TLB: a guest's tlbwr at an index replaces whatever entry is
 *      there, another guest's included (GTLBC.GMTLBSZ partitions nothing
 *      in our model [L]); the evicted guest just misses (lvz-facts.md 8:
 *      "guest TLB content may silently vanish") and never sees the new
 *      entry.
 */
#include "lvz.h"

#define X 0xffff800000010000ul          /* outside the guests' DMW0 */
#define Q 0x40000000ul                  /* outside the 1:1 stage-2 map */

struct g_out {
	long srch;                      /* guest tlbsrch of X: index or -1 */
	unsigned long val;              /* what X reads */
	unsigned long rd_idx, rd_ne, rd_ehi, rd_lo0;
};

/* Guest: paged mode, DMW0 = VSEG 0 (its code, data and stack), ASID 5. */
static void g_paged(void)
{
	csr_write(CSR_DMW(0), 0x1 | (1ul << 4));
	csr_write(CSR_ASID, 5);
	csr_xchg(CSR_CRMD, CRMD_PG, CRMD_PG | CRMD_DA);
}

static long g_tlbsrch(unsigned long va)
{
	csr_write(CSR_TLBEHI, va);
	tlbsrch();
	unsigned long i = csr_read(CSR_TLBIDX);
	return (i & TLBIDX_NE) ? -1 : (long)(i & 0xfff);
}

/* Map X -> gpa at index idx with tlbwr, then read X. */
static void g_map_and_read(struct g_out *o, unsigned long gpa, unsigned long idx)
{
	g_paged();
	csr_write(CSR_TLBEHI, X);
	csr_write(CSR_TLBELO0, gpa | PTE_VDCC);
	csr_write(CSR_TLBELO1, (gpa + 0x1000) | PTE_VDCC);
	csr_write(CSR_TLBIDX, idx | TLBIDX_PS(12));
	tlbwr();
	o->srch = g_tlbsrch(X);
	o->val = *(volatile unsigned long *)X;
}

/* Look for X, tlbrd index idx (not ours), then touch X. */
static void g_probe(struct g_out *o, unsigned long idx)
{
	g_paged();
	o->srch = g_tlbsrch(X);
	csr_write(CSR_TLBIDX, idx);
	tlbrd();
	unsigned long i = csr_read(CSR_TLBIDX);
	o->rd_idx = i & 0xfff;
	o->rd_ne = i >> 31;
	o->rd_ehi = csr_read(CSR_TLBEHI);
	o->rd_lo0 = csr_read(CSR_TLBELO0);
	o->val = *(volatile unsigned long *)X;  /* guest refill: hvcl 0x7fe */
}

static void g_read_q(struct g_out *o)
{
	o->val = *(volatile unsigned long *)Q;
}

int main(void)
{
	lvz_init();
	s2_identity(1);
	s2_identity(2);
	unsigned long *p1 = rt_page_alloc(2), *p2 = rt_page_alloc(2);
	p1[0] = 0x1111;
	p2[0] = 0x2222;
	static struct g_out o;
	struct vcpu v;

	/* ---- 1 + 2 ---- */
	vcpu_init(&v, 1, g_map_and_read, (unsigned long)&o, (unsigned long)p1, MTLB(20));
	CHECK(vm_call(&v));
	CHECK_EQ(o.srch, MTLB(20));
	CHECK_EQ(o.val, 0x1111);
	/* guest 2: same GVA, same guest ASID, nothing of its own */
	gcsr_write(CSR_CRMD, 0xa8);
	vcpu_init(&v, 2, g_probe, (unsigned long)&o, MTLB(20), 0);
	CHECK_EQ(vm_run(&v), EC_HVC);
	CHECK_EQ(v.badi, INSN_HVCL(HVC_GUEST_REFILL));  /* its own refill handler */
	CHECK_EQ(gcsr_read(CSR_TLBRBADV), X);
	CHECK_EQ(o.srch, -1);
	CHECK_EQ(o.rd_idx, MTLB(20));
	CHECK_EQ(o.rd_ne, 1);                           /* guest 1's entry: empty */
	CHECK_EQ(o.rd_ehi, 0);
	CHECK_EQ(o.rd_lo0, 0);
	/* the host sees it, and whose it is */
	struct tlb_view tv;
	CHECK(host_tlbrd(MTLB(20), &tv));
	CHECK_EQ(tv.trgp, GSTAT_GID(1) | 1);
	CHECK_EQ(tv.ehi, X);
	CHECK_EQ(tv.asid, 5);
	/* guest 2 maps X to its own page, at another index */
	gcsr_write(CSR_CRMD, 0xa8);
	gcsr_write(CSR_TLBRERA, 0);
	vcpu_init(&v, 2, g_map_and_read, (unsigned long)&o, (unsigned long)p2, MTLB(21));
	CHECK(vm_call(&v));
	CHECK_EQ(o.srch, MTLB(21));
	CHECK_EQ(o.val, 0x2222);
	/* and guest 1 still reads its own */
	gcsr_write(CSR_CRMD, 0xa8);
	vcpu_init(&v, 1, g_probe, (unsigned long)&o, MTLB(21), 0);
	CHECK(vm_call(&v));
	CHECK_EQ(o.srch, MTLB(20));
	CHECK_EQ(o.rd_ne, 1);                           /* guest 2's entry: empty */
	CHECK_EQ(o.val, 0x1111);

	/* ---- 3: stage 2 of GPA Q for GID 1 only ---- */
	unsigned long *h1 = rt_page_alloc(2);
	h1[0] = 0x5151;
	s2_map(1, MTLB(22), Q, (unsigned long)h1, 12, PTE_VDCC, PTE_VDCC);
	gcsr_write(CSR_CRMD, 0xa8);
	gcsr_write(CSR_DMW(0), 0);
	o.val = 0;
	vcpu_init(&v, 1, g_read_q, (unsigned long)&o, 0, 0);
	CHECK(vm_call(&v));
	CHECK_EQ(o.val, 0x5151);
	s2_refill_install(0, 0x10000000);               /* Q is outside: V = 0 */
	o.val = 0;
	vcpu_init(&v, 2, g_read_q, (unsigned long)&o, 0, 0);
	CHECK_EQ(vm_run(&v), EC_PIL);
	CHECK_EQ(v.badv, Q);
	CHECK_EQ(s2_log.count, 1);
	CHECK_EQ(s2_log.r[0].tlbrbadv, Q);
	CHECK_EQ(s2_log.r[0].gstat & GSTAT_GID(0xff), GSTAT_GID(2));
	CHECK_EQ(o.val, 0);

	/* ---- 4: guest 2 writes X at guest 1's index MTLB(20) ---- */
	gcsr_write(CSR_CRMD, 0xa8);
	vcpu_init(&v, 2, g_map_and_read, (unsigned long)&o, (unsigned long)p2, MTLB(20));
	CHECK(vm_call(&v));
	CHECK_EQ(o.val, 0x2222);
	CHECK(host_tlbrd(MTLB(20), &tv));
	CHECK_EQ(tv.trgp, GSTAT_GID(2) | 1);
	/* guest 1: its entry is gone (tlbsrch misses, X takes its refill) */
	gcsr_write(CSR_CRMD, 0xa8);
	vcpu_init(&v, 1, g_probe, (unsigned long)&o, MTLB(20), 0);
	CHECK_EQ(vm_run(&v), EC_HVC);
	CHECK_EQ(v.badi, INSN_HVCL(HVC_GUEST_REFILL));
	CHECK_EQ(o.srch, -1);
	CHECK_EQ(o.rd_ne, 1);
	gcsr_write(CSR_CRMD, 0xa8);
	gcsr_write(CSR_TLBRERA, 0);
	rt_done();
}
