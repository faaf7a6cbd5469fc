/*
 * vtimer.c - design part 7: the guest's own constant timer.
 *
 * While its vCPU is loaded, the guest's TCFG/TVAL/TICLR are the hardware
 * timer of the guest CSR bank: the guest programs it, it counts in
 * hardware and sets the guest's ESTAT.TI, and the guest's handler clears
 * it; no exit is involved.  There is one guest bank, so when a vCPU leaves
 * the CPU its timer is frozen and saved, and when it comes back the time
 * it was away is taken off (Linux kvm/timer.c: kvm_save_timer /
 * kvm_restore_timer): if the timer expired meanwhile, TI is injected with
 * gcsrxchg and a periodic timer continues with the right phase.
 *
 * TVAL is the 48-bit down-counter.  A one-shot timer that has fired keeps
 * counting down through zero, so it reads larger than its initial value
 * (the test Linux KVM uses for "already fired").
 */
#include "parts.h"

void vtimer_save(struct vcpu *v)
{
	uint64_t tcfg = gcsr_read(CSR_TCFG);
	gcsr_write(CSR_TCFG, tcfg & ~TCFG_EN);      /* stop it: TVAL holds */
	v->timer.tcfg = tcfg;
	v->timer.tval = gcsr_read(CSR_TVAL);
	v->timer.saved_at = hv_now();
}

/* What TVAL would read now, and whether it passed zero while away. */
static uint64_t remaining(const struct vcpu *v, bool *expired)
{
	uint64_t tcfg = v->timer.tcfg, tval = v->timer.tval;
	uint64_t init = TCFG_INITVAL(tcfg);
	uint64_t away = hv_now() - v->timer.saved_at;
	bool fired_before = tval > init;            /* a one-shot that already fired */
	*expired = false;
	if (fired_before || away < tval)
		return (tval - away) & TIMER_MASK;
	*expired = true;
	if ((tcfg & TCFG_PERIODIC) && init)
		return init - (away - tval) % init;     /* periodic: reloaded each period */
	return (tval - away) & TIMER_MASK;          /* one-shot: past zero */
}

bool vtimer_expired_while_away(struct vcpu *v)
{
	bool expired = false;
	if (v->timer.tcfg & TCFG_EN)
		remaining(v, &expired);
	return expired;
}

void vtimer_restore(struct vcpu *v)
{
	uint64_t tcfg = v->timer.tcfg;
	gcsr_write(CSR_TCFG, tcfg);                 /* En = 1 restarts from InitVal ... */
	if (!(tcfg & TCFG_EN)) {
		gcsr_write(CSR_TVAL, v->timer.tval);    /* (stopped: the frozen value) */
		return;
	}
	bool expired;
	uint64_t tval = remaining(v, &expired);
	gcsr_write(CSR_TVAL, tval);                 /* ... and this sets the real count */
	if (expired)
		vcpu_raise_estat(v, INT_TI);
}
