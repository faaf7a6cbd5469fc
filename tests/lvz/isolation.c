/*
 * isolation.c - a guest never reaches host memory that has no stage-2
 * mapping for it (issue 3; docs/lvz.md "Stage 2", "Guest physical
 * accesses"; lvz-facts.md 8: KVM's absent GPAs get V = 0 entries).
 *
 * GID 5 gets stage-2 mappings, on demand through the host's refill
 * handler, for [image, S) only; S is a host page with a known pattern,
 * allocated after everything the guest uses.  Every way a guest can name
 * a physical address is tried on S: DA loads, stores, atomics, LL/SC, an
 * unaligned store that starts in a mapped page, a fetch, a guest DMW
 * window, a guest TLB entry, lddir and ldpte reading page tables there,
 * a hit-type cacop, and a GPA where no RAM is.  Each one exits to the host
 * (stage-2 refill, then PIL/PIS/PIF with BADV = the GPA); S is unchanged
 * after each, and no destination register ever receives its contents.
 */
#include "lvz.h"

#define PATTERN 0x5ec2e75ec2e75ec2ul
static unsigned long *S;
static unsigned long S_gpa;

static int s_intact(void)
{
	for (unsigned i = 0; i < 1024; i++)
		if (S[i] != PATTERN + i)
			return 0;
	return 1;
}

/* Each probe: a0 = the address, a2 = 0 beforehand (the would-be secret). */
extern char g_ld[], g_st[], g_amswap[], g_ll[], g_sc[], g_st_cross[], g_jump[],
	g_lddir[], g_ldpte[], g_cacop[];
__asm__(".text\n"
	".globl g_ld\ng_ld:\n        ld.d $a2, $a0, 0\n hvcl 0x7ff\n"
	".globl g_st\ng_st:\n        st.d $a1, $a0, 8\n hvcl 0x7ff\n"
	".globl g_amswap\ng_amswap:\n amswap.d $a2, $a1, $a0\n hvcl 0x7ff\n"
	".globl g_ll\ng_ll:\n        ll.d $a2, $a0, 0\n hvcl 0x7ff\n"
	/* sc.d stores only with the LLbit set: ll.d on the mapped page first */
	".globl g_sc\ng_sc:\n        ll.d $a3, $a0, -8\n sc.d $a1, $a0, 0\n hvcl 0x7ff\n"
	".globl g_st_cross\ng_st_cross:\n st.d $a1, $a0, -4\n hvcl 0x7ff\n"
	".globl g_jump\ng_jump:\n    jirl $ra, $a0, 0\n hvcl 0x7ff\n"
	/* lddir reads base + index(BADV) * 8: BADV = 0 -> the first word */
	".globl g_lddir\ng_lddir:\n  lddir $a2, $a0, 1\n hvcl 0x7ff\n"
	".globl g_ldpte\ng_ldpte:\n  ldpte $a0, 0\n hvcl 0x7ff\n"
	".globl g_cacop\ng_cacop:\n  cacop 0x10, $a0, 0\n hvcl 0x7ff\n");

/* Enter at code with a0 = addr; expect an exit ecode at era with BADV =
 * badv, S untouched, a2 still 0; then go on after code's first word. */
static void probe_at(const char *name, char *code, unsigned long addr, unsigned ec,
		     unsigned long badv, unsigned long era)
{
	struct vcpu v;
	vcpu_init(&v, 5, code, addr, 0x1111111111111111ul, 0);
	unsigned got = vm_run(&v);
	if (got != ec || v.badv != badv || v.pc != era)
		printf("%s:\n", name);
	CHECK_EQ(got, ec);
	CHECK_EQ(v.pc, era);
	CHECK_EQ(v.badv, badv);
	CHECK_EQ(v.gpr[6], 0);
	CHECK(s_intact());
	/* skip the faulting instruction; a fault at the fetch of S returns
	 * to the caller (ra of the jirl) */
	v.pc = era == S_gpa ? v.gpr[1] : era + 4;
	CHECK(vm_call(&v));
	CHECK(s_intact());
}

static void probe(const char *name, char *code, unsigned long addr, unsigned ec,
		  unsigned long badv)
{
	probe_at(name, code, addr, ec, badv, (unsigned long)code);
}

/* A guest with a DMW window or its own TLB entry onto GPA S. */
static volatile unsigned long g_val;
static void g_dmw_read(unsigned long gpa)
{
	csr_write(CSR_DMW(0), 0x1 | (1ul << 4));        /* its code: VSEG 0 */
	csr_write(CSR_DMW(1), (0x9ul << 60) | 0x1);     /* VSEG 9, PLV0 */
	csr_xchg(CSR_CRMD, CRMD_PG, CRMD_PG | CRMD_DA);
	g_val = *(volatile unsigned long *)((0x9ul << 60) | gpa);
}
static void g_tlb_read(unsigned long gpa)
{
	csr_write(CSR_DMW(0), 0x1 | (1ul << 4));
	csr_write(CSR_TLBEHI, 0xffff800000100000ul);
	csr_write(CSR_TLBELO0, gpa | PTE_VDCC);
	csr_write(CSR_TLBELO1, (gpa + 0x1000) | PTE_VDCC);
	csr_write(CSR_TLBIDX, MTLB(30) | TLBIDX_PS(12));
	tlbwr();
	csr_xchg(CSR_CRMD, CRMD_PG, CRMD_PG | CRMD_DA);
	g_val = *(volatile unsigned long *)0xffff800000100000ul;
}

static void paged_probe(const char *name, void *fn)
{
	struct vcpu v;
	g_val = 0;
	gcsr_write(CSR_CRMD, 0xa8);
	vcpu_init(&v, 5, fn, S_gpa, 0, 0);
	unsigned got = vm_run(&v);
	if (got != EC_PIL || v.badv != S_gpa)
		printf("%s:\n", name);
	CHECK_EQ(got, EC_PIL);
	CHECK_EQ(v.badv, S_gpa);
	CHECK_EQ(g_val, 0);
	CHECK(s_intact());
	gcsr_write(CSR_CRMD, 0xa8);
	gcsr_write(CSR_DMW(0), 0);
	gcsr_write(CSR_DMW(1), 0);
}

extern char __end[];

int main(void)
{
	lvz_init();
	/* everything the guest uses comes first: its stack (vcpu_init
	 * allocates GID 5's now, later calls reuse it), then the page below
	 * S, then S itself */
	struct vcpu v0;
	vcpu_init(&v0, 5, g_ld, 0, 0, 0);
	unsigned long *mapped = rt_page_alloc(1);
	S = rt_page_alloc(2);
	S_gpa = (unsigned long)S;
	CHECK_EQ((unsigned long)mapped + 0x1000, S_gpa);
	CHECK(v0.gpr[3] <= (unsigned long)mapped);
	for (unsigned i = 0; i < 1024; i++)
		S[i] = PATTERN + i;
	/* GID 5's stage 2: [image, S) 1:1 on demand, V = 0 anywhere else */
	s2_refill_install(0x200000, S_gpa);
	CHECK(s_intact());

	probe("ld", g_ld, S_gpa, EC_PIL, S_gpa);
	CHECK_EQ(s2_log.r[0].tlbrbadv, (unsigned long)g_ld);   /* code: mapped */
	probe("st", g_st, S_gpa, EC_PIS, S_gpa + 8);
	probe("amswap", g_amswap, S_gpa, EC_PIS, S_gpa);
	probe("ll", g_ll, S_gpa, EC_PIL, S_gpa);
	probe_at("sc", g_sc, S_gpa, EC_PIS, S_gpa, (unsigned long)g_sc + 4);
	/* ll.d elsewhere so that sc.d would store: still no */
	probe("st across", g_st_cross, S_gpa, EC_PIS, S_gpa);
	CHECK_EQ(mapped[511], 0);                       /* nor its low half */
	probe_at("jump", g_jump, S_gpa, EC_PIF, S_gpa, S_gpa);
	probe("lddir", g_lddir, S_gpa, EC_PIL, S_gpa);
	/* ldpte: base = S, index from BADV (0) -> S + 0 */
	probe("ldpte", g_ldpte, S_gpa, EC_PIL, S_gpa);
	csr_xchg(CSR_GCFG, 2ul << 20, 3ul << 20);       /* GCI = 2: hit cacops run */
	probe("cacop", g_cacop, S_gpa, EC_PIL, S_gpa);
	csr_xchg(CSR_GCFG, 0, 3ul << 20);
	/* a GPA with no RAM behind it */
	probe("no ram", g_ld, 0x00007ffffff00000ul, EC_PIL, 0x00007ffffff00000ul);
	/* a guest DMW window and a guest TLB entry onto S */
	paged_probe("dmw", g_dmw_read);
	paged_probe("tlb", g_tlb_read);
	/* with V = 0 entries in place, a second try exits the same way,
	 * without a new refill */
	unsigned long refills = s2_log.count;
	probe("ld again", g_ld, S_gpa, EC_PIL, S_gpa);
	CHECK_EQ(s2_log.count, refills);
	rt_done();
}
