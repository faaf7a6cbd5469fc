/*
 * timer.c - the constant timer of each CSR bank (Vol.1 7.6) and the stable
 * counter behind rdtime.
 *
 * Time is deterministic: the stable counter advances one tick (10 ns at
 * the nominal 100 MHz of CPUCFG4/5) per executed instruction, plus whatever
 * `idle` skipped.  A timer is a deadline on that counter; TVAL is derived.
 * One-shot expiry leaves the counter running down through zero (TVAL then
 * reads as all-ones and keeps decreasing), which is what Linux KVM's
 * "TVAL > TCFG means already fired" test expects (lvz-facts.md 7).
 */
#include "cpu/cpu.h"

#define TIMER_BITS 48
#define TIMER_MASK ((1ull << TIMER_BITS) - 1)

uint64_t timer_counter(const struct cpu *c)
{
	return c->icount + c->time_skip;
}

void timer_write_tcfg(struct cpu *c, unsigned bank, uint64_t v)
{
	struct ctimer *t = &c->timer[bank];
	uint64_t now = timer_counter(c);
	if (v & TCFG_EN) {
		t->deadline = now + (v & TCFG_INITVAL_MASK);
		t->armed = true;
	} else {
		/* Disabled: TVAL freezes at its current value. */
		c->csr[bank][CSR_TVAL] = (t->deadline - now) & TIMER_MASK;
		t->armed = false;
	}
	cpu_kick(c, STOP_EVENT);
}

uint64_t timer_read_tval(const struct cpu *c, unsigned bank)
{
	if (!(c->csr[bank][CSR_TCFG] & TCFG_EN))
		return c->csr[bank][CSR_TVAL];
	return (c->timer[bank].deadline - timer_counter(c)) & TIMER_MASK;
}

/* Only the host can do this, to the guest's timer, with gcsrwr (KVM's
 * timer restore): the countdown restarts from v; 0 fires at once. */
void timer_write_tval(struct cpu *c, unsigned bank, uint64_t v)
{
	struct ctimer *t = &c->timer[bank];
	v &= TIMER_MASK;
	c->csr[bank][CSR_TVAL] = v;
	t->deadline = timer_counter(c) + v;
	t->armed = (c->csr[bank][CSR_TCFG] & TCFG_EN) != 0;
	cpu_kick(c, STOP_EVENT);
}

void timer_update(struct cpu *c)
{
	uint64_t now = timer_counter(c);
	for (unsigned b = 0; b < NWORLDS; b++) {
		struct ctimer *t = &c->timer[b];
		if (!t->armed || now < t->deadline)
			continue;
		c->csr[b][CSR_ESTAT] |= 1ull << INT_TI;
		uint64_t tcfg = c->csr[b][CSR_TCFG];
		uint64_t period = tcfg & TCFG_INITVAL_MASK;
		if ((tcfg & TCFG_PERIOD) && period) {
			/* Reload InitVal; if idle skipped several periods, they
			 * merge into one interrupt (the line is level anyway). */
			uint64_t late = now - t->deadline;
			t->deadline = now + period - late % period;
		} else {
			t->armed = false;
		}
	}
}

uint64_t timer_next_event(const struct cpu *c)
{
	uint64_t next = UINT64_MAX;
	for (unsigned b = 0; b < NWORLDS; b++)
		if (c->timer[b].armed && c->timer[b].deadline < next)
			next = c->timer[b].deadline;
	return next;
}

/* The expiry that can end an `idle`: the earliest armed timer whose line
 * (TI, ESTAT.IS[11]) is enabled in its bank's ECFG.LIE; the guest bank's
 * lines only count in guest mode (cpu_wakeup_pending).  Nothing else can
 * change while the core idles, so a timer whose line is masked never
 * wakes it, however often it fires (Vol.1 4.2.6, idle: wait for an
 * interrupt; 6.1: a line interrupts only if ECFG.LIE enables it). */
uint64_t timer_next_wakeup(const struct cpu *c)
{
	uint64_t next = UINT64_MAX;
	for (unsigned b = 0; b < NWORLDS; b++) {
		if (b == WORLD_GUEST && c->world != WORLD_GUEST)
			continue;
		if (!(c->csr[b][CSR_ECFG] & (1ull << INT_TI)))
			continue;
		if (c->timer[b].armed && c->timer[b].deadline < next)
			next = c->timer[b].deadline;
	}
	return next;
}
