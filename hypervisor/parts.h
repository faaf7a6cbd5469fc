/*
 * parts.h - the hypervisor's parts, in the order of the design
 * (../shared/docs/hypervisor-design.md; README.md maps them to files).
 */
#ifndef HV_PARTS_H
#define HV_PARTS_H

#include "vm.h"

/* 1. Capability check (capability.c) */
struct lvz_caps {
	unsigned version;       /* CPUCFG2.LVZ_ver */
	unsigned gid_bits;      /* GSTAT.GIDBIT */
	uint64_t gcfg;          /* GCFG as reset: its capability bits */
};
void capability_check(struct lvz_caps *caps);

/* 2. Host initialisation (host_init.c) */
#define HV_SLICE_TICKS 20000    /* one time slice of the host timer (200 us at 100 MHz) */
void host_init(const struct lvz_caps *caps);

/* 4. The run loop (run.c, entry.S) */
void guest_enter(struct vcpu *v);
/* Run v until it must give up the CPU (time slice over, yield, idle, stop). */
void vcpu_run(struct vcpu *v);
/* The hypervisor's own exceptions (entry.S -> here). */
struct host_frame { uint64_t gpr[32], era, estat, badv, prmd; };
void host_trap(struct host_frame *f);
extern uint64_t hv_host_ticks;   /* host timer interrupts so far */
void host_timer_arm_slice(void);

/* 5. Memory virtualisation (stage2.c, refill.S, stage2_fault.c, mmio.c) */
enum exit_action { EXIT_RESUME, EXIT_RESCHED };
enum exit_action handle_stage2_fault(struct vcpu *v, unsigned ecode);
/* The effective address a load/store instruction computes, and its shape. */
struct mem_insn {
	bool ok;                /* a plain load or store MMIO can emulate */
	bool store, sign;
	unsigned size, rd;
	uint64_t va;            /* effective address (valid if has_va) */
	bool has_va;
};
struct mem_insn decode_mem_insn(uint32_t insn, const uint64_t *gpr);
enum exit_action mmio_emulate(struct vcpu *v, const struct mmio_device *dev, uint64_t gpa);

/* 6. Sensitive instructions (gspr.c, cpumodel.c, viocsr.c) */
enum exit_action handle_gspr(struct vcpu *v);
uint64_t viocsr_read(struct vm *vm, uint64_t addr, unsigned size);
void viocsr_write(struct vm *vm, uint64_t addr, unsigned size, uint64_t val);
/* Reflect an exception into the guest as the hardware would take it
 * (inject.c): PC = guest EENTRY + vector, guest ERA = the faulting PC. */
void inject_exception(struct vcpu *v, unsigned ecode, unsigned esub, bool has_badv, uint64_t badv);

/* 7. Interrupt virtualisation (irq.c, vtimer.c) */
void vm_set_irq_line(struct vm *vm, unsigned hwi, bool level);
void vcpu_raise_estat(struct vcpu *v, unsigned irq);
bool vcpu_interrupt_pending(struct vcpu *v);
bool vcpu_can_ever_wake(struct vcpu *v);
void vtimer_save(struct vcpu *v);
void vtimer_restore(struct vcpu *v);
bool vtimer_expired_while_away(struct vcpu *v);

/* 8. Hypercalls (hypercall.c) */
enum exit_action handle_hypercall(struct vcpu *v);

/* 9. Devices (vuart.c, vpower.c) */
void vpower_attach(struct vm *vm);
void vuart_attach(struct vm *vm);

/* Scheduling (sched.c) */
void sched_run(void);

/* Isolation checks (isolation.c) and the exit table (stats.c) */
void isolation_boot(void);
void isolation_on_entry(struct vcpu *v);
void isolation_on_exit(struct vcpu *v, bool leaving);
bool isolation_final(void);
void stats_print(void);

#endif
