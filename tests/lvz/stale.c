/*
 * stale.c - the simulator's fast paths (soft TLB, fetch page, decode
 * cache) never serve a stale translation across a world switch, a GID
 * change or a stage-2 change (docs/lvz.md "Fast-path caches").  Expected
 * values are what the architecture says the access must return at that
 * moment; a cached translation would return the previous page's.
 *   1. one GPA, two GIDs with different stage-2 pages: each guest reads
 *      and runs its own, alternately, many times;
 *   2. the host remaps a GPA of a running guest (invtlb 0x16 + tlbwr, as
 *      K tlb.c kvm_flush_tlb_gpa): the next guest load and fetch see the
 *      new page;
 *   3. the host and a guest use the same VA (= GPA) for different pages:
 *      host DMW, guest stage 2 to another HPA;
 *   4. within one world and run, a tlbwr over a live entry, or an invtlb,
 *      takes effect at the next access: in the host, and in a guest on
 *      its own stage-1 entries;
 *   5. a guest's ASID or DMW change takes effect at its next access.
 * Section 1 runs once more with GTLBC left alone by the host, so that the
 * GID change is the only thing between the two guests.
 */
#include "lvz.h"

#define Q 0x40000000ul                  /* a GPA outside the 1:1 map */

/* Read Q and call the code at Q + 0x1000 (it returns a value). */
struct out { unsigned long data, code; };
static void g_use_q(struct out *o)
{
	o->data = *(volatile unsigned long *)Q;
	o->code = ((unsigned long (*)(void))(Q + 0x1000))();
}

/* One page pair of host memory standing for GPA Q: data word, and at
 * +0x1000 "addi.d $a0, $zero, tag; ret". */
static unsigned long *make_pages(unsigned long tag)
{
	unsigned long *p = rt_page_alloc(2);
	p[0] = 0xda7a0000 + tag;
	unsigned *code = (unsigned *)((char *)p + 0x1000);
	code[0] = 0x02c00004 | (unsigned)(tag << 10);   /* addi.d $a0, $zero, tag */
	code[1] = 0x4c000020;                           /* jirl $zero, $ra, 0 */
	return p;
}

static int keep_gtlbc;
static void run_expect(unsigned gid, unsigned long tag, const char *what)
{
	static struct out o;
	struct vcpu v;
	o.data = o.code = 0;
	vcpu_init(&v, gid, g_use_q, (unsigned long)&o, 0, 0);
	v.keep_gtlbc = keep_gtlbc;
	CHECK(vm_call(&v));
	if (o.data != 0xda7a0000 + tag || o.code != tag)
		printf("%s:\n", what);
	CHECK_EQ(o.data, 0xda7a0000 + tag);
	CHECK_EQ(o.code, tag);
}

extern char g_use_h[];

static unsigned long refill_target;
static void refill_to_p2(unsigned long badv)
{
	refill_fill(badv & ~0x1ffful, refill_target, refill_target + 0x1000, PTE_VDCC);
}

#define X 0xffff800000200000ul          /* mapped VA (outside any DMW) */

/* Map X -> pa (both pages of the pair) at TLB index idx, current world. */
static void map_x(unsigned long pa, unsigned idx)
{
	csr_write(CSR_TLBEHI, X);
	csr_write(CSR_TLBELO0, pa | PTE_VDCC);
	csr_write(CSR_TLBELO1, (pa + 0x1000) | PTE_VDCC);
	csr_write(CSR_TLBIDX, idx | TLBIDX_PS(12));
	tlbwr();
}

static volatile unsigned long g_seen[2];

/* In a guest: read X with ASID 1 (a G = 0 entry of ASID 1), switch to
 * ASID 2 and read again: a refill (the default guest refill handler:
 * hvcl 0x7fe); or read through DMW1 (VSEG 0xf), drop DMW1, read again:
 * that VA is not canonical for paging, a guest ADEM. */
static void g_asid_switch(unsigned long a)
{
	csr_write(CSR_DMW(0), 0x1 | (1ul << 4));
	csr_write(CSR_ASID, 1);
	csr_xchg(CSR_CRMD, CRMD_PG, CRMD_PG | CRMD_DA);
	map_x(a, MTLB(26));
	g_seen[0] = *(volatile unsigned long *)X;
	csr_write(CSR_ASID, 2);
	g_seen[1] = *(volatile unsigned long *)X;
}
static void g_dmw_drop(unsigned long a)
{
	csr_write(CSR_DMW(0), 0x1 | (1ul << 4));
	csr_write(CSR_DMW(1), (0xful << 60) | 0x1);     /* VSEG 0xf, PLV0 */
	csr_xchg(CSR_CRMD, CRMD_PG, CRMD_PG | CRMD_DA);
	g_seen[0] = *(volatile unsigned long *)((0xful << 60) | a);
	csr_write(CSR_DMW(1), 0);
	g_seen[1] = *(volatile unsigned long *)((0xful << 60) | a);
}

/* In a guest: X -> a, read; X -> b in place, read; invtlb, read (refill:
 * the default guest refill handler exits with hvcl HVC_GUEST_REFILL). */
static void g_remap(unsigned long a, unsigned long b)
{
	csr_write(CSR_DMW(0), 0x1 | (1ul << 4));
	csr_write(CSR_ASID, 1);
	csr_xchg(CSR_CRMD, CRMD_PG, CRMD_PG | CRMD_DA);
	map_x(a, MTLB(25));
	g_seen[0] = *(volatile unsigned long *)X;
	map_x(b, MTLB(25));
	g_seen[1] = *(volatile unsigned long *)X;
	invtlb(1, 0, 0);
	(void)*(volatile unsigned long *)X;
}

int main(void)
{
	lvz_init();
	s2_identity(1);
	s2_identity(2);
	unsigned long *p1 = make_pages(1), *p2 = make_pages(2), *p3 = make_pages(3);

	/* ---- 1 ---- */
	s2_map(1, MTLB(10), Q, (unsigned long)p1, 12, PTE_VDCC, PTE_VDCC);
	s2_map(2, MTLB(11), Q, (unsigned long)p2, 12, PTE_VDCC, PTE_VDCC);
	for (int i = 0; i < 4; i++) {
		run_expect(1, 1, "GID 1");
		run_expect(2, 2, "GID 2");
	}
	keep_gtlbc = 1;
	for (int i = 0; i < 2; i++) {
		run_expect(1, 1, "GID 1, GTLBC untouched");
		run_expect(2, 2, "GID 2, GTLBC untouched");
	}
	keep_gtlbc = 0;

	/* ---- 2: GID 1's Q moves to p3 ---- */
	csr_write(CSR_GTLBC, GTLBC_USETGID | GTLBC_TGID(1));
	invtlb(0x16, GSTAT_GID(1), Q);                  /* even page */
	invtlb(0x16, GSTAT_GID(1), Q + 0x1000);         /* odd page */
	csr_write(CSR_GTLBC, GTLBC_USETGID);
	s2_map(1, MTLB(12), Q, (unsigned long)p3, 12, PTE_VDCC, PTE_VDCC);
	run_expect(1, 3, "GID 1 after the remap");
	run_expect(2, 2, "GID 2 after GID 1's remap");
	/* an overwrite of the entry in place (same index), no invtlb */
	s2_map(1, MTLB(12), Q, (unsigned long)p1, 12, PTE_VDCC, PTE_VDCC);
	run_expect(1, 1, "GID 1 after tlbwr in place");

	/* ---- 3: VA h is the host's page h (DMW0) and, as a GPA of GID 1,
	 * the page g (a specific stage-2 entry; GID 1's 1:1 map, which also
	 * covers h, is dropped so that this entry is the only match) ---- */
	unsigned long *h = make_pages(4), *g = make_pages(5);
	csr_write(CSR_GTLBC, GTLBC_USETGID | GTLBC_TGID(1));
	invtlb(0x14, GSTAT_GID(1), 0);                  /* root-type entries of GID 1 */
	csr_write(CSR_GTLBC, GTLBC_USETGID);
	s2_refill_install(0, 0x10000000);               /* the rest 1:1 on demand */
	s2_map(1, MTLB(13), (unsigned long)h, (unsigned long)g, 12, PTE_VDCC, PTE_VDCC);
	static struct out o;
	struct vcpu v;
	for (int i = 0; i < 3; i++) {
		CHECK_EQ(*(volatile unsigned long *)h, 0xda7a0000 + 4);
		CHECK_EQ(((unsigned long (*)(void))((char *)h + 0x1000))(), 4);
		o.data = o.code = 0;
		vcpu_init(&v, 1, g_use_h, (unsigned long)&o, (unsigned long)h, 0);
		CHECK(vm_call(&v));
		CHECK_EQ(o.data, 0xda7a0000 + 5);
		CHECK_EQ(o.code, 5);
	}

	/* ---- 4: host ---- */
	csr_write(CSR_ASID, 1);
	map_x((unsigned long)p1, MTLB(24));
	CHECK_EQ(*(volatile unsigned long *)X, 0xda7a0000 + 1);
	map_x((unsigned long)p2, MTLB(24));             /* in place */
	CHECK_EQ(*(volatile unsigned long *)X, 0xda7a0000 + 2);
	map_x((unsigned long)p3, MTLB(24));
	CHECK_EQ(((unsigned long (*)(void))(X + 0x1000))(), 3);
	map_x((unsigned long)p1, MTLB(24));
	CHECK_EQ(((unsigned long (*)(void))(X + 0x1000))(), 1);
	/* invtlb, then the host's own refill (logged by s2_refill; it maps X
	 * 1:1 outside RAM, so install a hook mapping it to p2) */
	invtlb(1, 0, 0);
	s2_log.count = 0;
	s2_refill_hook = refill_to_p2;
	refill_target = (unsigned long)p2;
	CHECK_EQ(*(volatile unsigned long *)X, 0xda7a0000 + 2);
	CHECK_EQ(s2_log.count, 1);
	s2_refill_hook = 0;
	/* ---- 4: guest (GID 2, its own stage 1; stage 2 1:1 for p1/p2) ---- */
	gcsr_write(CSR_CRMD, 0xa8);
	vcpu_init(&v, 2, g_remap, (unsigned long)p1, (unsigned long)p2, 0);
	CHECK_EQ(vm_run(&v), EC_HVC);
	CHECK_EQ(v.badi, INSN_HVCL(HVC_GUEST_REFILL));
	CHECK_EQ(gcsr_read(CSR_TLBRBADV), X);
	CHECK_EQ(g_seen[0], 0xda7a0000 + 1);
	CHECK_EQ(g_seen[1], 0xda7a0000 + 2);
	gcsr_write(CSR_CRMD, 0xa8);
	gcsr_write(CSR_TLBRERA, 0);

	/* ---- 5 ---- */
	g_seen[1] = 0;
	vcpu_init(&v, 2, g_asid_switch, (unsigned long)p1, 0, 0);
	CHECK_EQ(vm_run(&v), EC_HVC);
	CHECK_EQ(v.badi, INSN_HVCL(HVC_GUEST_REFILL));
	CHECK_EQ(g_seen[0], 0xda7a0000 + 1);
	CHECK_EQ(g_seen[1], 0);
	gcsr_write(CSR_CRMD, 0xa8);
	gcsr_write(CSR_TLBRERA, 0);
	g_last.count = 0;
	vcpu_init(&v, 2, g_dmw_drop, (unsigned long)p3, 0, 0);
	CHECK(vm_call(&v));
	CHECK_EQ(g_seen[0], 0xda7a0000 + 3);
	CHECK_EQ(g_last.count, 1);
	CHECK_EQ(ESTAT_ECODE(g_last.estat), EC_ADE);
	CHECK_EQ(g_last.badv, (0xful << 60) | (unsigned long)p3);
	CHECK(g_seen[1] != 0xda7a0000 + 3);
	gcsr_write(CSR_CRMD, 0xa8);
	gcsr_write(CSR_TLBRERA, 0);
	gcsr_write(CSR_DMW(0), 0);
	rt_done();
}

/* g_use_h(out, addr): g_use_q for the page pair at addr. */
__asm__(".text\n.globl g_use_h\ng_use_h:\n"
	"	ld.d $t0, $a1, 0\n"
	"	st.d $t0, $a0, 0\n"
	"	addi.d $sp, $sp, -16\n"
	"	st.d $ra, $sp, 8\n"
	"	st.d $a0, $sp, 0\n"
	"	lu12i.w $t0, 1\n"               /* 0x1000 */
	"	add.d $t0, $a1, $t0\n"
	"	jirl $ra, $t0, 0\n"
	"	ld.d $t1, $sp, 0\n"
	"	st.d $a0, $t1, 8\n"
	"	ld.d $ra, $sp, 8\n"
	"	addi.d $sp, $sp, 16\n"
	"	ret\n");
