/*
 * timer - the guest's own constant timer and its own interrupt handler.
 * TCFG, TVAL and TICLR are in the guest CSR bank: programming the timer,
 * its interrupts and acknowledging them involve no exit at all.  Waiting
 * does: the guest waits with idle, which the hypervisor emulates by
 * descheduling the vCPU until its timer interrupt is pending.
 *
 * Waiting pattern (exactly one idle per interrupt): interrupts off, check,
 * idle (wakes when TI is pending), interrupts on (the handler runs),
 * repeat.  Exits for check-hypervisor: idle = PERIODIC_TICKS + 1 (the
 * one-shot); no other GSPR.
 */
#include "guest.h"

#define PERIOD          30000   /* ticks: 300 us at 100 MHz */
#define PERIODIC_TICKS  5

static volatile unsigned ticks;
static volatile unsigned long ti_after_clear;

static int on_interrupt(struct trap_frame *f)
{
	if (ESTAT_ECODE(f->estat) != EC_INT || !(f->estat & (1u << INT_TI)))
		return 0;
	csr_write(CSR_TICLR, 1);
	ti_after_clear |= csr_read(CSR_ESTAT) & (1u << INT_TI);
	ticks++;
	return 1;
}

/* Wait until `ticks` reaches n, one idle per interrupt. */
static void wait_ticks(unsigned n)
{
	for (;;) {
		irq_disable();
		if (ticks >= n)
			break;
		cpu_idle();
		irq_enable();
	}
}

int main(void)
{
	rt_trap_hook = on_interrupt;
	csr_write(CSR_ECFG, 1u << INT_TI);

	/* Periodic: interrupt k arrives PERIOD * k after the start. */
	unsigned long t0 = rdtime();
	csr_write(CSR_TCFG, PERIOD | TCFG_PERIODIC | TCFG_EN);
	unsigned long v1 = csr_read(CSR_TVAL), v2 = csr_read(CSR_TVAL);
	CHECK(v2 < v1 && v1 <= PERIOD);         /* TVAL counts down from InitVal */
	wait_ticks(PERIODIC_TICKS);
	unsigned long elapsed = rdtime() - t0;
	csr_write(CSR_TCFG, 0);
	CHECK_EQ(ticks, PERIODIC_TICKS);
	CHECK(elapsed >= (unsigned long)PERIODIC_TICKS * PERIOD);   /* never early */
	CHECK_EQ(ti_after_clear, 0);            /* TICLR cleared ESTAT.TI */

	/* Stopped: no more interrupts, even after several periods. */
	irq_enable();
	unsigned long t1 = rdtime();
	while (rdtime() - t1 < 3 * PERIOD)
		;
	irq_disable();
	CHECK_EQ(ticks, PERIODIC_TICKS);

	/* One-shot: exactly one more interrupt. */
	t1 = rdtime();
	csr_write(CSR_TCFG, PERIOD | TCFG_EN);
	wait_ticks(PERIODIC_TICKS + 1);
	CHECK(rdtime() - t1 >= PERIOD);
	irq_enable();
	t1 = rdtime();
	while (rdtime() - t1 < 3 * PERIOD)
		;
	irq_disable();
	CHECK_EQ(ticks, PERIODIC_TICKS + 1);
	csr_write(CSR_TCFG, 0);
	/* How late the hypervisor woke it is up to how busy the CPU is:
	 * check-hypervisor bounds it for the guest running alone. */
	printf("%u timer interrupts; the first %u took %lu ticks\n", ticks, PERIODIC_TICKS, elapsed);
	rt_done();
}
