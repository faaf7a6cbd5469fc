/*
 * run.c - design part 4 (second half): the run loop.  vcpu_run() loads the
 * vCPU and enters the guest again and again; each guest_enter() returns at
 * the next exit with the host's ESTAT, BADV and BADI in v->exit, and
 * handle_exit() dispatches on ESTAT.Ecode:
 *
 *   INT             a host interrupt preempted the guest: the host timer,
 *                   i.e. the end of the time slice
 *   PIL/PIS/PIF/PME a second-stage fault (stage2_fault.c)
 *   GSPR            a sensitive instruction (gspr.c)
 *   HVC             a hypercall (hypercall.c)
 *   FPD             the guest enabled its FPU, which the VM does not have
 *                   (cpumodel.c): INE at the FP instruction
 * Second-stage TLB refills never come here: refill.S handles them and
 * returns to the guest directly.
 */
#include "parts.h"

uint64_t hv_host_ticks;

/* A time slice starts: the host timer (one-shot) fires HV_SLICE_TICKS from
 * now.  Counted from here, the hypervisor's own work before the guest runs
 * (a switch, an isolation check) does not eat the guest's slice. */
void host_timer_arm_slice(void)
{
	csr_write(CSR_TICLR, 1);
	csr_write(CSR_TCFG, HV_SLICE_TICKS | TCFG_EN);
}

static void host_timer_tick(void)
{
	csr_write(CSR_TICLR, 1);
	hv_host_ticks++;
}

static enum exit_action handle_exit(struct vcpu *v)
{
	unsigned ecode = ESTAT_ECODE(v->exit.estat);
	switch (ecode) {
	case EC_INT:
		if (v->exit.estat & (1ul << INT_TI)) {
			host_timer_tick();
			v->stats.host_timer++;
			return EXIT_RESCHED;
		}
		return EXIT_RESUME;
	case EC_PIL: case EC_PIS: case EC_PIF: case EC_PME:
		return handle_stage2_fault(v, ecode);
	case EC_GSPR:
		return handle_gspr(v);
	case EC_HVC:
		return handle_hypercall(v);
	case EC_FPD:
		v->stats.fpd++;
		inject_exception(v, EC_INE, 0, false, 0);
		return EXIT_RESUME;
	default: {
		static char why[80];
		snprintf(why, sizeof(why), "unexpected exit, ESTAT 0x%lx at PC 0x%lx", v->exit.estat, v->pc);
		vm_stop(v->vm, -1, why);
		return EXIT_RESCHED;
	}
	}
}

void vcpu_run(struct vcpu *v)
{
	vcpu_load(v);
	v->need_resched = false;
	isolation_on_entry(v);
	host_timer_arm_slice();
	while (v->state == VCPU_RUNNABLE) {
		guest_enter(v);
		uint64_t injected = v->stats.exc_injected;
		enum exit_action a = handle_exit(v);
		if (v->stats.exc_injected == injected)
			v->injections_in_row = 0;
		bool leaving = a == EXIT_RESCHED || v->need_resched || v->state != VCPU_RUNNABLE;
		isolation_on_exit(v, leaving);
		if (leaving)
			break;
	}
}

/* The hypervisor's own exceptions.  Only the timer interrupt is expected:
 * sched.c waits for it with interrupts on while no vCPU can run. */
void host_trap(struct host_frame *f)
{
	unsigned ecode = ESTAT_ECODE(f->estat);
	if (ecode == EC_INT && (f->estat & (1ul << INT_TI))) {
		host_timer_tick();
		return;
	}
	hv_panic("exception in the hypervisor: ESTAT 0x%lx ERA 0x%lx BADV 0x%lx", f->estat, f->era, f->badv);
}
