/*
 * stage2.c - the second stage GPA -> HPA (docs/lvz.md "The TLB" and "What
 * exits"; lvz-facts.md 5, 8; K mmu.c, tlb.c):
 *   1. a GPA with no root-type entry of GSTAT.GID is a TLB refill taken
 *      by the host at its TLBRENTRY: TLBRBADV = the GPA (the PC for a
 *      fetch), TLBRERA = guest PC | IsTLBR, TLBREHI.VPPN = GPA[47:13],
 *      TLBRPRMD bit 3 = 1 (from guest mode) with PPLV/PIE = the host's
 *      CRMD of the guest run (PLV0, IE = 1); the handler runs in DA mode
 *      and BADI = the instruction for a load/store (V1 7.4.9: every
 *      synchronous exception but INT, GCHC, MERR), not for a fetch;
 *      its tlbfill, with GTLBC.USETGID = 1, tags the entry root-type
 *      with GID = TGID (the guest's, K switch.S); its ertn returns to the
 *      guest, which goes on;
 *   2. the filled entries are the guest's only: tlbsrch finds them under
 *      TGID = the guest's GID, not under GID 0 or another GID; tlbrd
 *      reports GTLB = 0, RID = GID in TRGP;
 *   3. a refill from the host itself has bit 3 = 0 and returns to the host;
 *   4. a root-type entry with V = 0 gives the host PIL/PIS/PIF, a store to
 *      one with D = 0 PME, with host BADV = the GPA, BADI = the guest
 *      instruction (not for a fetch), ERA = guest PC, TLBEHI.VPPN = GPA;
 *   5. no PLV, NR or NX check at stage 2 (KVM maps guest RAM at PLV0 and
 *      guest user code must run): a PLV0 NR NX RPLV stage-2 page can be
 *      read and executed from guest PLV3;
 *   6. the refill ertn returns to the guest because of TLBRPRMD bit 3
 *      alone (GSTAT.PVM cleared by the handler does not matter), and the
 *      next exit sets GSTAT.PVM = 1 again, our choice [M] (lvz-facts.md
 *      10.1: KVM writes PVM itself either way).
 */
#include "lvz.h"

/* ---- 1: a sequence of its own, in an even/odd page pair of its own ---- */
extern char g_s2_seq[];
__asm__(".text\n.balign 8192\n.globl g_s2_seq\ng_s2_seq:\n"
	"	ld.d $a2, $a0, 0\n"     /* refill for the fetch, then for a0 */
	"	st.d $a2, $a1, 8\n"     /* refill for a1 + 8 (another pair) */
	"	ld.d $a3, $a0, 8\n"     /* same pair as a0: no refill */
	"	hvcl 0x7ff\n"
	".balign 8192\n");

/* ---- 4 + 5: GPA 1 GiB + k pages, beyond the 1:1 map, on host pages ---- */
#define GPA_T 0x40000000ul
extern char g_fault_seq[], g_fault_st_even[], g_fault_ld_odd[], g_fault_st_odd[],
	g_fault_jump_odd[], g_fault_jump_even[], g_fault_end[];
__asm__(".text\n.globl g_fault_seq\ng_fault_seq:\n"
	"	ld.d $a2, $a0, 0x10\n"          /* even page: V = 1, D = 0: fine */
	".globl g_fault_st_even\ng_fault_st_even:\n"
	"	st.d $a2, $a0, 0x18\n"          /* PME */
	".globl g_fault_ld_odd\ng_fault_ld_odd:\n"
	"	ld.d $a3, $a1, 8\n"             /* odd page V = 0: PIL */
	".globl g_fault_st_odd\ng_fault_st_odd:\n"
	"	st.d $a3, $a1, 16\n"            /* PIS */
	".globl g_fault_jump_odd\ng_fault_jump_odd:\n"
	"	jirl $ra, $a1, 0\n"             /* PIF at the odd page */
	".globl g_fault_jump_even\ng_fault_jump_even:\n"
	"	jirl $ra, $a0, 0\n"             /* runs the hvcl stored there */
	".globl g_fault_end\ng_fault_end:\n"
	"	hvcl 0x7ff\n");

/* guest PLV3 reads and executes a PLV0 NR NX RPLV stage-2 page */
static volatile unsigned long p3_val, p3_ret;
static void g_user(void)
{
	p3_val = *(volatile unsigned long *)(GPA_T + 0x2000 + 0x100);
	p3_ret = ((unsigned long (*)(void))(GPA_T + 0x2000))();
}
static void g_plv3(void) { plv3_call(g_user); }

static unsigned long host_page_va = 0xffff800000004000ul;
static unsigned long host_page_pa;
static void host_refill_hook(unsigned long badv)
{
	/* the host's own refill for host_page_va: map the pair to a buffer */
	refill_fill(badv & ~0x1ffful, host_page_pa, host_page_pa + 0x1000, PTE_VDCC);
}

static unsigned long word_at(unsigned long pc) { return *(volatile unsigned *)pc; }

/* ---- 6 ---- */
static void clear_pvm_then_map(unsigned long badv)
{
	csr_xchg(CSR_GSTAT, 0, GSTAT_PVM);
	unsigned long base = badv & ~0x1ffful;
	refill_fill(base, base, base + 0x1000, PTE_VDCC);
}

int main(void)
{
	lvz_init();
	struct vcpu v;
	unsigned long *a = rt_page_alloc(2), *b = rt_page_alloc(2);
	a[0] = 0x1111;
	a[1] = 0x2222;
	/* RAM (0-256 MiB) is mapped on demand, anything else gets V = 0 */
	s2_refill_install(0, 0x10000000);

	/* ---- 1 ---- */
	unsigned long seq = (unsigned long)g_s2_seq;
	vcpu_init(&v, 4, g_s2_seq, (unsigned long)a, (unsigned long)b + 0x1000, 0);
	unsigned long badi0 = csr_read(CSR_BADI);
	CHECK_EQ(vm_run(&v), EC_HVC);
	CHECK_EQ(v.badi, INSN_HVCL(HVC_DONE));
	CHECK_EQ(v.pc, seq + 12);
	CHECK_EQ(v.gpr[6], 0x1111);                     /* the loads worked */
	CHECK_EQ(v.gpr[7], 0x2222);
	CHECK_EQ(b[0x1000 / 8 + 1], 0x1111);            /* the store too */
	CHECK_EQ(s2_log.count, 3);
	const volatile struct s2_refill *r = s2_log.r;
	/* fetch: TLBRBADV = the PC (a GPA, guest DA), ERA = PC | IsTLBR */
	CHECK_EQ(r[0].tlbrbadv, seq);
	CHECK_EQ(r[0].tlbrera, seq | 1);
	CHECK_EQ(r[0].tlbrehi & ~0x3ful, seq & ~0x1ffful);
	/* bit 3 (from guest mode) | PIE (host IE was 1), PPLV 0 */
	CHECK_EQ(r[0].tlbrprmd, TLBRPRMD_PGM | PRMD_PIE);
	/* the exit: GSTAT.VM = 0, PVM = 1 [M], GID of the guest */
	CHECK_EQ(r[0].gstat, GSTAT_GID(4) | GSTAT_GIDBIT(8) | GSTAT_PVM);
	CHECK_EQ(r[0].crmd & 0x1f, CRMD_DA);            /* PLV0, IE 0, DA, PG 0 */
	CHECK_EQ(r[0].badi, badi0);                     /* a fetch: no BADI */
	/* load at seq: TLBRBADV = the GPA itself, not its page; BADI = ld.d */
	CHECK_EQ(r[1].tlbrbadv, (unsigned long)a);
	CHECK_EQ(r[1].badi, word_at(seq));
	CHECK_EQ(r[1].tlbrera, seq | 1);
	CHECK_EQ(r[1].tlbrprmd, TLBRPRMD_PGM | PRMD_PIE);
	/* store at seq + 4 */
	CHECK_EQ(r[2].tlbrbadv, (unsigned long)b + 0x1008);
	CHECK_EQ(r[2].tlbrera, (seq + 4) | 1);
	CHECK_EQ(r[2].tlbrehi & ~0x3ful, ((unsigned long)b + 0x1000) & ~0x1ffful);
	CHECK_EQ(r[2].badi, word_at(seq + 4));
	/* the host is paged again after the refill ertn (V1 6.2.3) */
	CHECK_EQ(csr_read(CSR_CRMD) & (CRMD_DA | CRMD_PG), CRMD_PG);

	/* ---- 2: GID tagging ---- */
	csr_write(CSR_GTLBC, GTLBC_USETGID | GTLBC_TGID(4));
	long ia = host_tlbsrch((unsigned long)a), iseq = host_tlbsrch(seq);
	CHECK(ia >= 0);
	CHECK(iseq >= 0);
	struct tlb_view tv;
	CHECK(host_tlbrd((unsigned)ia, &tv));
	CHECK_EQ(tv.trgp, GSTAT_GID(4));                /* GTLB 0, RID 4 */
	CHECK_EQ(tv.ehi, (unsigned long)a & ~0x1ffful);
	CHECK_EQ(tv.lo0 & ~0xfffful, (unsigned long)a & ~0x1ffful);   /* 1:1 */
	csr_write(CSR_GTLBC, GTLBC_USETGID | GTLBC_TGID(0));
	CHECK_EQ(host_tlbsrch((unsigned long)a), -1);
	/* a miss sets TLBIDX.NE, bit 31 of the 32-bit TLBIDX (V1 7.5.1) */
	CHECK_EQ(csr_read(CSR_TLBIDX) >> 31, 1);
	csr_write(CSR_GTLBC, GTLBC_USETGID | GTLBC_TGID(5));
	CHECK_EQ(host_tlbsrch((unsigned long)a), -1);
	/* USETGID = 0: the host's instructions see GID 0 whatever TGID says */
	csr_write(CSR_GTLBC, GTLBC_TGID(4));
	CHECK_EQ(host_tlbsrch((unsigned long)a), -1);
	csr_write(CSR_GTLBC, GTLBC_USETGID);
	/* a second run of the same guest needs no refill */
	s2_log.count = 0;
	vcpu_init(&v, 4, g_s2_seq, (unsigned long)a, (unsigned long)b + 0x1000, 0);
	CHECK_EQ(vm_run(&v), EC_HVC);
	CHECK_EQ(s2_log.count, 0);
	/* ... but another GID does */
	vcpu_init(&v, 6, g_s2_seq, (unsigned long)a, (unsigned long)b + 0x1000, 0);
	CHECK_EQ(vm_run(&v), EC_HVC);
	CHECK_EQ(s2_log.count, 3);
	CHECK_EQ(s2_log.r[0].gstat & GSTAT_GID(0xff), GSTAT_GID(6));

	/* ---- 3: a refill of the host itself ---- */
	unsigned long *hp = rt_page_alloc(2);
	host_page_pa = (unsigned long)hp;
	hp[512 + 3] = 0xabcdef;                          /* odd page, +0x18 */
	s2_log.count = 0;
	s2_refill_hook = host_refill_hook;
	CHECK_EQ(*(volatile unsigned long *)(host_page_va + 0x1018), 0xabcdef);
	s2_refill_hook = 0;
	CHECK_EQ(s2_log.count, 1);
	CHECK_EQ(s2_log.r[0].tlbrbadv, host_page_va + 0x1018);
	CHECK_EQ(s2_log.r[0].tlbrprmd & TLBRPRMD_PGM, 0);
	CHECK_EQ(s2_log.r[0].gstat & (GSTAT_PVM | GSTAT_VM), 0);

	/* ---- 4: stage-2 faults ---- */
	unsigned *t = rt_page_alloc(4);                  /* HPA of GPA_T */
	((unsigned long *)t)[2] = 0xfeed;
	t[0] = INSN_HVCL(0x123);
	t[1] = 0x4c000020;                               /* jirl $zero, $ra, 0 */
	t[2048] = 0x02d15804;                            /* GPA_T + 0x2000: addi.d $a0, $zero, 0x456 */
	t[2049] = 0x4c000020;
	((unsigned long *)t)[1024 + 32] = 0x7777;        /* GPA_T + 0x2100 */
	s2_identity(7);
	/* GPA_T: even page V = 1, D = 0; odd page V = 0 */
	s2_map(7, MTLB(8), GPA_T, (unsigned long)t, 12, TLBELO_V | TLBELO_MAT(1), 0);
	vcpu_init(&v, 7, g_fault_seq, GPA_T, GPA_T + 0x1000, 0);
	unsigned ec = vm_run(&v);
	CHECK_EQ(v.gpr[6], 0xfeed);                      /* read through D = 0 */
	CHECK_EQ(ec, EC_PME);
	CHECK_EQ(v.pc, (unsigned long)g_fault_st_even);
	CHECK_EQ(v.badv, GPA_T + 0x18);
	CHECK_EQ(v.badi, word_at(v.pc));
	CHECK_EQ(csr_read(CSR_TLBEHI) & ~0x1ffful, GPA_T);
	CHECK_EQ(((unsigned long *)t)[3], 0);            /* nothing stored */
	v.pc += 4;
	CHECK_EQ(vm_run(&v), EC_PIL);
	CHECK_EQ(v.pc, (unsigned long)g_fault_ld_odd);
	CHECK_EQ(v.badv, GPA_T + 0x1008);
	CHECK_EQ(v.badi, word_at(v.pc));
	v.pc += 4;
	CHECK_EQ(vm_run(&v), EC_PIS);
	CHECK_EQ(v.pc, (unsigned long)g_fault_st_odd);
	CHECK_EQ(v.badv, GPA_T + 0x1010);
	CHECK_EQ(v.badi, word_at(v.pc));
	CHECK_EQ(((unsigned long *)t)[512 + 2], 0);
	v.pc += 4;
	unsigned long badi_before = csr_read(CSR_BADI);
	CHECK_EQ(vm_run(&v), EC_PIF);
	CHECK_EQ(v.pc, GPA_T + 0x1000);                  /* ERA = the fetch PC */
	CHECK_EQ(v.badv, GPA_T + 0x1000);
	CHECK_EQ(v.badi, badi_before);                   /* no instruction: BADI kept */
	v.pc = v.gpr[1];                                 /* return to after the jirl */
	CHECK_EQ(v.pc, (unsigned long)g_fault_jump_even);
	/* the even page (V = 1, D = 0) is executable: its hvcl 0x123 exits */
	CHECK_EQ(vm_run(&v), EC_HVC);
	CHECK_EQ(v.pc, GPA_T);
	CHECK_EQ(v.badi, INSN_HVCL(0x123));
	v.pc += 4;
	CHECK(vm_call(&v));
	CHECK_EQ(v.pc, (unsigned long)g_fault_end);

	/* ---- 5: no PLV/NR/NX at stage 2 ---- */
	s2_map(7, MTLB(9), GPA_T + 0x2000, (unsigned long)t + 0x2000, 12,
	       TLBELO_V | TLBELO_NR | TLBELO_NX | TLBELO_RPLV | TLBELO_MAT(1),
	       TLBELO_V | TLBELO_MAT(1));
	vcpu_init(&v, 7, g_plv3, 0, 0, 0);
	g_last.count = 0;
	CHECK(vm_call(&v));
	CHECK_EQ(p3_val, 0x7777);                        /* read at guest PLV3 */
	CHECK_EQ(p3_ret, 0x456);                         /* executed at guest PLV3 */
	CHECK_EQ(plv3_pplv, 3);
	CHECK_EQ(g_last.count, 0);                       /* no guest exception */

	/* ---- 6 ---- */
	s2_refill_install(0, 0x10000000);
	s2_refill_hook = clear_pvm_then_map;
	vcpu_init(&v, 10, g_s2_seq, (unsigned long)a, (unsigned long)b + 0x1000, 0);
	CHECK_EQ(vm_run(&v), EC_HVC);
	s2_refill_hook = 0;
	CHECK_EQ(s2_log.count, 3);
	CHECK_EQ(v.pc, seq + 12);                       /* the guest went on */
	CHECK_EQ(v.gstat & (GSTAT_PVM | GSTAT_VM), GSTAT_PVM);
	rt_done();
}
