/*
 * sched.c - scheduling: the vCPUs of all VMs share the one CPU,
 * round-robin, one time slice (HV_SLICE_TICKS of the host timer, armed
 * when the vCPU starts its slice) at a time.  A vCPU gives up the CPU early when it yields (HC_YIELD), idles
 * with nothing pending (it is then BLOCKED until one of its interrupts is
 * pending) or stops.  When every remaining vCPU is blocked the hypervisor
 * waits for its timer with `idle`.
 *
 * Two safety nets, so that one guest can never keep the others (or the
 * run) from finishing: a vCPU idling with no interrupt that could ever
 * wake it is stopped, and after the time budget (hv_config_budget
 * slices) everything still running is stopped ("timeout").
 */
#include "parts.h"

/* The time budget, in slices: 10000 (2e8 ticks, 2 s of guest time) unless
 * a configuration sets its own. */
__attribute__((weak)) const unsigned hv_config_budget = 10000;

static bool any_left(void)
{
	for (unsigned i = 0; i < hv_nvms; i++)
		if (!hv_vms[i].stopped)
			return true;
	return false;
}

/* Wake blocked vCPUs whose interrupt is pending; stop hopeless ones. */
static void wake_blocked(void)
{
	for (unsigned i = 0; i < hv_nvms; i++) {
		struct vcpu *v = &hv_vms[i].vcpu;
		if (v->state != VCPU_BLOCKED)
			continue;
		if (vcpu_interrupt_pending(v))
			v->state = VCPU_RUNNABLE;
		else if (!vcpu_can_ever_wake(v))
			vm_stop(v->vm, -1, "idle with no interrupt enabled that could wake it");
	}
}

/* Let the host timer interrupt in (host_trap() counts it), then mask it again. */
static void wait_for_host_timer(void)
{
	host_timer_arm_slice();
	csr_xchg(CSR_CRMD, CRMD_IE, CRMD_IE);
	__asm__ volatile("idle 0" ::: "memory");
	csr_xchg(CSR_CRMD, 0, CRMD_IE);
}

void sched_run(void)
{
	unsigned next = 0;
	while (any_left()) {
		if (hv_host_ticks >= hv_config_budget) {
			for (unsigned i = 0; i < hv_nvms; i++)
				vm_stop(&hv_vms[i], -1, "timeout: still running after the time budget");
			break;
		}
		wake_blocked();
		struct vcpu *v = NULL;
		for (unsigned k = 0; k < hv_nvms && !v; k++) {
			unsigned i = (next + k) % hv_nvms;
			if (hv_vms[i].vcpu.state == VCPU_RUNNABLE) {
				v = &hv_vms[i].vcpu;
				next = (i + 1) % hv_nvms;
			}
		}
		if (v)
			vcpu_run(v);
		else if (any_left())
			wait_for_host_timer();
	}
}
