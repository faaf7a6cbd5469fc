/*
 * exits.c - what leaves guest mode, with which host ERA/ESTAT/BADI
 * (docs/lvz.md "What exits", "Privilege first", "GCI"; lvz-facts.md 5;
 * K exit.c kvm_handle_gspr / kvm_handle_hypercall decode BADI):
 *   1. GSPR (Ecode 0x16, EsubCode 0) for cpucfg, idle, the 8 iocsr forms,
 *      dbcl, and csrrd/csrwr/csrxchg of any CSR outside the guest bank;
 *      ERA = the instruction's PC, BADI = its word, and it has not run
 *      (its rd is unchanged, the host CSR it named is unchanged);
 *   2. cacop per GCFG.GCI: 0 = every cacop traps, 1 = hit-type ones
 *      (op[4:3] = 2), 2 = only cache initialisation (op[4:3] = 0), KVM's
 *      setting; the others execute in the guest;
 *   3. HVC (Ecode 0x17) for hvcl, code in BADI[14:0];
 *   4. privilege first: at guest PLV3 the privileged ones are a guest
 *      IPE, no exit; cpucfg (allowed at any PLV) still exits with GSPR;
 *   5. GTLBC.TOTI = 1 makes the guest's TLB instructions exit with GSPR
 *      [L] (KVM keeps TOTI = 0, where they run on the guest's entries);
 *   6. hvcl in the host (no guest to leave) is an HVC exception of the
 *      host itself [L].
 */
#include "lvz.h"

/* ---- 1: one trapping instruction after another; host skips each ---- */
extern char g_gspr_seq[], g_gspr_end[];
__asm__(".text\n.globl g_gspr_seq\ng_gspr_seq:\n"
	"	cpucfg $a0, $a1\n"
	"	idle 0\n"
	"	iocsrrd.b $a0, $a1\n iocsrrd.h $a0, $a1\n iocsrrd.w $a0, $a1\n iocsrrd.d $a0, $a1\n"
	"	iocsrwr.b $a0, $a1\n iocsrwr.h $a0, $a1\n iocsrwr.w $a0, $a1\n iocsrwr.d $a0, $a1\n"
	"	dbcl 0\n"
	/* root-only LVZ CSRs, RAS, implementation, debug, watch, PMU, KS8,
	 * undefined numbers: none is in the guest bank */
	"	csrrd $a0, 0x50\n csrrd $a0, 0x51\n csrrd $a0, 0x52\n csrrd $a0, 0x53\n"
	"	csrrd $a0, 0x15\n csrrd $a0, 0x16\n csrrd $a0, 0x80\n csrrd $a0, 0x81\n"
	"	csrrd $a0, 0x90\n csrrd $a0, 0x91\n csrrd $a0, 0x93\n csrrd $a0, 0x98\n"
	"	csrrd $a0, 0x500\n csrrd $a0, 0x501\n csrrd $a0, 0x502\n"
	"	csrrd $a0, 0x300\n csrrd $a0, 0x380\n csrrd $a0, 0x200\n csrrd $a0, 0x201\n"
	"	csrrd $a0, 0x38\n csrrd $a0, 0x9\n csrrd $a0, 0x24\n csrrd $a0, 0x3fff\n"
	"	csrwr $a0, 0x50\n csrwr $a0, 0x15\n csrwr $a0, 0x200\n"
	"	csrxchg $a0, $a1, 0x50\n csrxchg $a0, $a1, 0x52\n"
	".globl g_gspr_end\ng_gspr_end:\n"
	"	hvcl 0x7ff\n");

/* ---- 2: cacop of each kind, on a guest variable ---- */
static unsigned long cache_line[8];
extern char g_cacop_seq[];
__asm__(".text\n.globl g_cacop_seq\ng_cacop_seq:\n"
	"	cacop 0x00, $a0, 0\n"   /* op[4:3] = 0: initialise (store tag) */
	"	cacop 0x08, $a0, 0\n"   /* op[4:3] = 1: index invalidate/writeback */
	"	cacop 0x10, $a0, 0\n"   /* op[4:3] = 2: hit invalidate/writeback */
	"	hvcl 0x7ff\n");

/* ---- 3 ---- */
extern char g_hvcl_seq[];
__asm__(".text\n.globl g_hvcl_seq\ng_hvcl_seq:\n"
	"	hvcl 0x100\n"           /* KVM_HCALL_SERVICE */
	"	hvcl 0x7ff\n");

/* ---- 5 ---- */
extern char g_tlb_seq[], g_tlb_end[];
__asm__(".text\n.globl g_tlb_seq\ng_tlb_seq:\n"
	"	tlbsrch\n tlbrd\n tlbwr\n tlbfill\n tlbclr\n tlbflush\n"
	"	invtlb 0, $zero, $zero\n"
	".globl g_tlb_end\ng_tlb_end:\n"
	"	hvcl 0x7ff\n");

/* ---- 4: at guest PLV3 ---- */
#define NP3 8
static volatile unsigned long p3_count[NP3], p3_ec[NP3];
#define P3(i, insn) do { \
	unsigned long __n = g_last.count; \
	__asm__ volatile(insn ::: "$a0", "memory"); \
	p3_count[i] = g_last.count - __n; \
	p3_ec[i] = ESTAT_ECODE(g_last.estat); \
} while (0)
static void g_user(void)
{
	P3(0, "csrrd $a0, 0x50");       /* non-bank CSR: IPE, not GSPR */
	P3(1, "csrrd $a0, 0x5");        /* bank CSR: IPE */
	P3(2, "iocsrrd.w $a0, $a0");
	P3(3, "idle 0");
	P3(4, "cacop 0x00, $zero, 0");
	P3(5, "hvcl 0x100");
	P3(6, "invtlb 0, $zero, $zero");
	P3(7, "cpucfg $a0, $zero");     /* any PLV: exits (checked by the host) */
}
static void g_plv3(void)
{
	plv3_call(g_user);
}

static unsigned long word_at(unsigned long pc)
{
	return *(volatile unsigned *)pc;
}

/* Run from pc expecting GSPR exits at every instruction of [pc, end);
 * the host skips each (KVM: PC += 4 after emulating). */
static void expect_gspr_run(struct vcpu *v, char *start, char *end)
{
	v->pc = (unsigned long)start;
	for (unsigned long pc = (unsigned long)start; pc < (unsigned long)end; pc += 4) {
		v->gpr[4] = 0xa0a0;
		unsigned ec = vm_run(v);
		if (ec != EC_GSPR || v->pc != pc)
			printf("at 0x%lx (insn 0x%08lx):\n", pc, word_at(pc));
		CHECK_EQ(ec, EC_GSPR);
		CHECK_EQ(ESTAT_ESUB(v->estat), 0);
		CHECK_EQ(v->pc, pc);
		CHECK_EQ(v->badi, word_at(pc));
		CHECK_EQ(v->gpr[4], 0xa0a0);    /* rd not written */
		v->pc = pc + 4;
	}
}

int main(void)
{
	lvz_init();
	s2_identity(2);
	struct vcpu v;

	/* ---- 1 ---- */
	unsigned long gstat = csr_read(CSR_GSTAT), gintc = csr_read(CSR_GINTC);
	vcpu_init(&v, 2, g_gspr_seq, 0, 0x1fe001e0, 0);
	v.gpr[5] = 0x18;        /* rj of the csrxchg: a mask */
	g_last.count = 0;
	expect_gspr_run(&v, g_gspr_seq, g_gspr_end);
	CHECK(vm_call(&v));
	CHECK_EQ(g_last.count, 0);              /* the guest itself saw nothing */
	/* csrwr GSTAT / csrxchg GINTC did not reach the host's registers
	 * (GSTAT.GID is vm_run's own write) */
	CHECK_EQ(csr_read(CSR_GSTAT) & ~GSTAT_GID(0xff), gstat & ~GSTAT_GID(0xff));
	CHECK_EQ(csr_read(CSR_GINTC), gintc);
	/* BADI classes, by hand from the encodings (lvz-facts.md 5, K
	 * exit.c): cpucfg = 0x00006c00 | rj << 5 | rd; idle = 0x06488000;
	 * iocsrrd.b = 0x06480000 | rj << 5 | rd; csrrd 0x50 = 0x04014004 */
	CHECK_EQ(word_at((unsigned long)g_gspr_seq), 0x00006c00 | (5 << 5) | 4);
	CHECK_EQ(word_at((unsigned long)g_gspr_seq + 4), 0x06488000);
	CHECK_EQ(word_at((unsigned long)g_gspr_seq + 8), 0x06480000 | (5 << 5) | 4);
	CHECK_EQ(word_at((unsigned long)g_gspr_seq + 44), 0x04014004);

	/* ---- 2: cacop per GCI ---- */
	static const int traps[3][3] = {
		{ 1, 1, 1 },    /* GCI 0: all */
		{ 0, 0, 1 },    /* GCI 1: hit-type */
		{ 1, 0, 0 },    /* GCI 2: initialisation only (KVM's choice) */
	};
	for (unsigned gci = 0; gci < 3; gci++) {
		csr_xchg(CSR_GCFG, (unsigned long)gci << 20, 3ul << 20);
		vcpu_init(&v, 2, g_cacop_seq, (unsigned long)cache_line, 0, 0);
		for (unsigned k = 0; k < 3; k++) {
			if (!traps[gci][k])
				continue;
			unsigned long pc = (unsigned long)g_cacop_seq + 4 * k;
			unsigned ec = vm_run(&v);
			if (ec != EC_GSPR || v.pc != pc)
				printf("GCI %u, cacop %u:\n", gci, k);
			CHECK_EQ(ec, EC_GSPR);
			CHECK_EQ(v.pc, pc);
			CHECK_EQ(v.badi, word_at(pc));
			v.pc += 4;
		}
		CHECK(vm_call(&v));
	}
	csr_xchg(CSR_GCFG, 0, 3ul << 20);

	/* ---- 3: hvcl ---- */
	vcpu_init(&v, 2, g_hvcl_seq, 0, 0, 0);
	CHECK_EQ(vm_run(&v), EC_HVC);
	CHECK_EQ(ESTAT_ESUB(v.estat), 0);
	CHECK_EQ(v.pc, (unsigned long)g_hvcl_seq);
	CHECK_EQ(v.badi, INSN_HVCL(0x100));
	CHECK_EQ(v.badi & 0x7fff, 0x100);       /* KVM: code = BADI[14:0] */
	v.pc += 4;
	CHECK(vm_call(&v));

	/* ---- 4: privilege first ---- */
	vcpu_init(&v, 2, g_plv3, 0, 0, 0);
	g_last.count = 0;
	unsigned ec = vm_run(&v);
	/* the only exit before the end: cpucfg, at guest PLV3 */
	CHECK_EQ(ec, EC_GSPR);
	CHECK_EQ(v.badi & 0xfffffc00, 0x00006c00);
	CHECK_EQ(gcsr_read(CSR_CRMD) & 3, 3);
	v.pc += 4;
	CHECK(vm_call(&v));
	for (int i = 0; i < 7; i++) {
		if (p3_count[i] != 1 || p3_ec[i] != EC_IPE)
			printf("PLV3 case %d:\n", i);
		CHECK_EQ(p3_count[i], 1);
		CHECK_EQ(p3_ec[i], EC_IPE);
	}
	CHECK_EQ(p3_count[7], 0);
	CHECK_EQ(plv3_pplv, 3);
	gcsr_write(CSR_CRMD, 0xa8);

	/* ---- 5: TOTI ---- */
	csr_write(CSR_GTLBC, GTLBC_USETGID | GTLBC_TOTI);
	vcpu_init(&v, 2, g_tlb_seq, 0, 0, 0);
	g_last.count = 0;
	expect_gspr_run(&v, g_tlb_seq, g_tlb_end);
	CHECK(vm_call(&v));
	CHECK_EQ(g_last.count, 0);
	csr_write(CSR_GTLBC, GTLBC_USETGID);
	/* with TOTI = 0 they run in the guest (tlbsrch/tlbrd only: no exit) */
	vcpu_init(&v, 2, g_tlb_seq, 0, 0, 0);
	gcsr_write(CSR_TLBIDX, TLBIDX_NE);
	v.pc = (unsigned long)g_tlb_seq;
	CHECK_EQ(vm_run(&v), EC_HVC);
	CHECK_EQ(v.pc, (unsigned long)g_tlb_end);

	/* ---- 6: hvcl in the host ---- */
	rt_expect_trap();
	__asm__ volatile("hvcl 0x33" ::: "memory");
	CHECK_EQ(rt_trap_result(), EC_HVC);
	CHECK_EQ(rt_last_trap.badi, INSN_HVCL(0x33));
	rt_done();
}
