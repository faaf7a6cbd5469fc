/*
 * hostint.c - host interrupts while a guest runs (docs/lvz.md "What
 * exits", "Priority"; lvz-facts.md 5, 6: "every root exception taken
 * while in guest mode is an exit"; K switch.S enters with host PRMD.PIE
 * = 1 so that "host interrupt can be responsed during VM runs"):
 *   1. a pending, enabled host interrupt (host ESTAT.IS & ECFG.LIE, host
 *      CRMD.IE = 1) exits at once with Ecode 0 (INT), host ERA = the guest
 *      PC it preempted, host BADI not written; masked in host ECFG.LIE, or
 *      with host IE = 0 during the run (PRMD.PIE = 0 at entry), it does not;
 *   2. the host timer preempts a guest that never exits by itself: the
 *      exit's ERA lies inside the guest's loop, and the guest resumed after
 *      each of many preemptions computes exactly what it would have alone;
 *   3. a host interrupt wins over a guest interrupt pending at the same
 *      time: the host gets it first, the guest's handler runs after.
 */
#include "lvz.h"

static volatile unsigned long g_ran;
static void g_mark(void) { g_ran = 1; }

/* a loop with no exit of its own: sum 1..n in registers, then store */
extern char g_loop[], g_loop_end[];
__asm__(".text\n.globl g_loop\ng_loop:\n"
	"	move $a2, $zero\n"
	"1:	add.d $a2, $a2, $a1\n"
	"	addi.d $a1, $a1, -1\n"
	"	bnez $a1, 1b\n"
	".globl g_loop_end\ng_loop_end:\n"
	"	st.d $a2, $a0, 0\n"
	"	hvcl 0x7ff\n");

static int g_int_hook(struct trap_frame *f)
{
	/* the guest's VIP interrupt: note it, drop the line (as a device
	 * driver acks its device), carry on */
	if (ESTAT_ECODE(f->estat) != EC_INT)
		return 0;
	hvcl(0x11);     /* ask the host to clear GINTC.VIP */
	return 1;
}

int main(void)
{
	lvz_init();
	s2_identity(1);
	struct vcpu v;

	/* ---- 1 ---- */
	csr_xchg(CSR_ESTAT, 1ul << INT_SWI0, 1ul << INT_SWI0);     /* host SWI0 */
	csr_write(CSR_ECFG, 1ul << INT_SWI0);
	csr_write(CSR_BADI, 0);
	unsigned long badi_before = csr_read(CSR_BADI);
	g_ran = 0;
	vcpu_init(&v, 1, g_mark, 0, 0, 0);
	CHECK_EQ(vm_run(&v), EC_INT);
	CHECK_EQ(v.pc, (unsigned long)g_mark);          /* before its first insn */
	CHECK_EQ(v.estat & 0x1fff, 1ul << INT_SWI0);    /* IS shows the line */
	CHECK_EQ(ESTAT_ESUB(v.estat), 0);
	CHECK_EQ(v.badi, badi_before);                  /* INT has no BADI */
	CHECK_EQ(v.gstat & (GSTAT_VM | GSTAT_PVM), GSTAT_PVM);
	CHECK_EQ(v.prmd & 7, PRMD_PIE);                 /* host PLV0, IE was 1 */
	CHECK_EQ(g_ran, 0);
	/* masked in host ECFG: no exit */
	csr_write(CSR_ECFG, 0);
	CHECK(vm_call(&v));
	CHECK_EQ(g_ran, 1);
	/* enabled, but the host enters with PRMD.PIE = 0 (host IE = 0 while
	 * the guest runs): no exit either */
	csr_write(CSR_ECFG, 1ul << INT_SWI0);
	g_ran = 0;
	vcpu_init(&v, 1, g_mark, 0, 0, 0);
	v.host_prmd = 0;
	CHECK(vm_call(&v));
	CHECK_EQ(g_ran, 1);
	CHECK_EQ(v.prmd & PRMD_PIE, 0);
	csr_xchg(CSR_ESTAT, 0, 1ul << INT_SWI0);
	csr_write(CSR_ECFG, 0);

	/* ---- 2: host timer, periodic, preempts the loop many times ---- */
	static unsigned long sum;
	const unsigned long n = 30000;          /* 3 insns per iteration */
	vcpu_init(&v, 1, g_loop, (unsigned long)&sum, n, 0);
	csr_write(CSR_ECFG, 1ul << INT_TI);
	csr_write(CSR_TCFG, 2000 | TCFG_PERIODIC | TCFG_EN);
	unsigned exits = 0, bad_era = 0, not_ti = 0;
	for (;;) {
		unsigned ec = vm_run(&v);
		if (ec != EC_INT)
			break;
		exits++;
		if (v.pc < (unsigned long)g_loop || v.pc >= (unsigned long)g_loop_end)
			bad_era++;
		if (!((v.estat >> INT_TI) & 1))
			not_ti++;
		csr_write(CSR_TICLR, 1);        /* ack, resume at the same PC */
	}
	csr_write(CSR_TCFG, 0);
	csr_write(CSR_TICLR, 1);
	csr_write(CSR_ECFG, 0);
	CHECK(vm_done(&v));
	CHECK_EQ(sum, n * (n + 1) / 2);
	/* 90000 guest instructions, a period of 2000 ticks of which the host
	 * spends some: at least 20 preemptions, all in the loop, all TI */
	CHECK(exits >= 20);
	CHECK_EQ(bad_era, 0);
	CHECK_EQ(not_ti, 0);

	/* ---- 3: host before guest ---- */
	gcsr_write(CSR_ECFG, 1ul << INT_HWI(0));
	gcsr_write(CSR_CRMD, 0xa8 | CRMD_IE);           /* guest IE = 1 */
	csr_write(CSR_GINTC, 1);                        /* VIP0 -> guest HWI0 */
	csr_xchg(CSR_ESTAT, 1ul << INT_SWI1, 1ul << INT_SWI1);
	csr_write(CSR_ECFG, 1ul << INT_SWI1);
	g_last.count = 0;
	g_trap_hook = g_int_hook;
	g_ran = 0;
	vcpu_init(&v, 1, g_mark, 0, 0, 0);
	CHECK_EQ(vm_run(&v), EC_INT);
	CHECK_EQ(v.estat & 0x1fff, 1ul << INT_SWI1);
	CHECK_EQ(g_last.count, 0);                      /* the guest saw nothing yet */
	csr_xchg(CSR_ESTAT, 0, 1ul << INT_SWI1);
	csr_write(CSR_ECFG, 0);
	/* now the guest takes its interrupt, and its handler asks for the ack */
	CHECK_EQ(vm_run(&v), EC_HVC);
	CHECK_EQ(v.badi, INSN_HVCL(0x11));
	CHECK_EQ(g_last.count, 1);
	CHECK_EQ(ESTAT_ECODE(g_last.estat), EC_INT);
	CHECK_EQ(g_last.era, (unsigned long)g_mark);
	csr_write(CSR_GINTC, 0);
	v.pc += 4;
	CHECK(vm_call(&v));
	CHECK_EQ(g_ran, 1);
	g_trap_hook = 0;
	rt_done();
}
