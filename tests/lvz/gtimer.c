/*
 * gtimer.c - the guest's constant timer (docs/lvz.md "Interrupts and
 * time"; lvz-facts.md 7; K timer.c kvm_save_timer/kvm_restore_timer):
 *   1. it runs while the CPU is in host mode: a one-shot guest timer
 *      armed by the host expires during host code and sets guest
 *      ESTAT.IS[11], seen by gcsrrd; the host's own ESTAT.TI stays 0;
 *      after a one-shot expiry TVAL reads above TCFG.InitVal (it goes on
 *      counting down through 0, wrapping to 2^48 - 1: KVM's "TVAL > TCFG
 *      means it fired");
 *   2. the guest takes that TI as soon as it runs with LIE/IE set, and
 *      acks it with its own TICLR;
 *   3. the host restarts the countdown with gcsrwr TVAL (KVM's restore):
 *      writing 0 with En = 1 fires at once;
 *   4. the guest's own periodic timer interrupts it in guest mode, and
 *      never the host (host ESTAT.TI stays 0, no exit, even with host
 *      ECFG.LIE.TI and IE = 1 during the run).
 */
#include "lvz.h"

static volatile unsigned long g_ticks, g_ran;
static volatile unsigned long stop_after;

static int g_timer_hook(struct trap_frame *f)
{
	if (ESTAT_ECODE(f->estat) != EC_INT || !((f->estat >> INT_TI) & 1))
		return 0;
	csr_write(CSR_TICLR, 1);
	if (++g_ticks >= stop_after)
		csr_write(CSR_TCFG, 0);
	return 1;
}

static void g_mark(void) { g_ran = 1; }

/* The guest programs its own periodic timer and waits for n ticks. */
static void g_periodic(unsigned long n)
{
	stop_after = n;
	csr_write(CSR_ECFG, 1ul << INT_TI);
	csr_write(CSR_TCFG, 400 | TCFG_PERIODIC | TCFG_EN);
	csr_xchg(CSR_CRMD, CRMD_IE, CRMD_IE);
	while (g_ticks < n)
		;
	csr_xchg(CSR_CRMD, 0, CRMD_IE);
}

int main(void)
{
	lvz_init();
	s2_identity(1);
	g_trap_hook = g_timer_hook;
	struct vcpu v;

	/* ---- 1 ---- */
	gcsr_write(CSR_ECFG, 0);
	gcsr_write(CSR_TCFG, 1000 | TCFG_EN);           /* one-shot, 1000 ticks */
	CHECK_EQ((gcsr_read(CSR_ESTAT) >> INT_TI) & 1, 0);
	spin(3000);                                     /* > 1000 instructions */
	CHECK_EQ((gcsr_read(CSR_ESTAT) >> INT_TI) & 1, 1);
	CHECK_EQ((csr_read(CSR_ESTAT) >> INT_TI) & 1, 0);
	unsigned long tval = gcsr_read(CSR_TVAL);
	CHECK(tval > 1000);                             /* KVM: TVAL > TCFG: fired */
	CHECK(tval > (1ul << 47));                      /* wrapped below 0 */

	/* ---- 2 ---- */
	g_ticks = 0;
	stop_after = 1;
	g_ran = 0;
	g_last.count = 0;
	gcsr_write(CSR_ECFG, 1ul << INT_TI);
	gcsr_write(CSR_CRMD, 0xa8 | CRMD_IE);
	vcpu_init(&v, 1, g_mark, 0, 0, 0);
	CHECK(vm_call(&v));
	CHECK_EQ(g_ticks, 1);
	CHECK_EQ(g_last.era, (unsigned long)g_mark);    /* taken before its 1st insn */
	CHECK_EQ(g_ran, 1);
	CHECK_EQ((gcsr_read(CSR_ESTAT) >> INT_TI) & 1, 0);      /* guest TICLR */
	gcsr_write(CSR_CRMD, 0xa8);
	gcsr_write(CSR_ECFG, 0);

	/* ---- 3: gcsrwr TVAL restarts the countdown ---- */
	gcsr_write(CSR_TCFG, (1ul << 40) | TCFG_EN);    /* far away */
	spin(2000);
	CHECK_EQ((gcsr_read(CSR_ESTAT) >> INT_TI) & 1, 0);
	gcsr_write(CSR_TVAL, 500);
	tval = gcsr_read(CSR_TVAL);
	CHECK(tval <= 500 && tval > 400);
	spin(1500);
	CHECK_EQ((gcsr_read(CSR_ESTAT) >> INT_TI) & 1, 1);
	gcsr_write(CSR_TICLR, 1);
	CHECK_EQ((gcsr_read(CSR_ESTAT) >> INT_TI) & 1, 0);
	gcsr_write(CSR_TVAL, 0);                        /* fires at once */
	spin(2);
	CHECK_EQ((gcsr_read(CSR_ESTAT) >> INT_TI) & 1, 1);
	gcsr_write(CSR_TCFG, 0);
	gcsr_write(CSR_TICLR, 1);

	/* ---- 4: the guest's periodic timer, never the host's ---- */
	g_ticks = 0;
	g_last.count = 0;
	csr_write(CSR_ECFG, 1ul << INT_TI);             /* host would take its TI */
	vcpu_init(&v, 1, g_periodic, 3, 0, 0);
	CHECK(vm_call(&v));                             /* no INT exit */
	CHECK_EQ(g_ticks, 3);
	CHECK_EQ(g_last.count, 3);
	CHECK_EQ((csr_read(CSR_ESTAT) >> INT_TI) & 1, 0);
	csr_write(CSR_ECFG, 0);
	CHECK_EQ(gcsr_read(CSR_TCFG) & TCFG_EN, 0);
	rt_done();
}
