/*
 * vm.h - the virtual machine and its virtual CPU (design part 3).
 *
 *   struct vm   = GID + memory regions (GPA -> HPA) + its stage-2 page
 *                 table + devices + one vCPU + the CPU model it shows
 *   struct vcpu = GPRs and PC + the saved guest CSR bank + pending virtual
 *                 interrupts + the guest timer + exit statistics
 *
 * Several VMs exist at once, each with its own GID; sched.c runs their
 * vCPUs round-robin on the host timer.
 */
#ifndef HV_VM_H
#define HV_VM_H

#include "hv.h"
#include "cpumodel.h"
#include "gcsr_bank.h"
#include "stage2.h"
#include "vuart.h"

struct vm;

/* Isolation checks for a VM (isolation.c): none, over each time slice it
 * runs, or also after each fault injected into it (each attempt to reach
 * memory it does not have). */
enum watch { WATCH_NONE, WATCH_SLICES, WATCH_EACH_FAULT };

/* ---- memory ---- */
struct mem_region {
	uint64_t gpa, size;     /* guest physical range */
	uint64_t hpa;           /* where it lives in host RAM (contiguous) */
};

/* An emulated device: a GPA window that is never mapped, so every access
 * to it faults at the second stage and becomes MMIO emulation (mmio.c). */
struct mmio_device {
	const char *name;
	uint64_t gpa, size;
	uint64_t (*read)(struct vm *vm, uint64_t off, unsigned size);
	void (*write)(struct vm *vm, uint64_t off, unsigned size, uint64_t val);
};
#define VM_MAX_DEVICES 4

/* ---- exit statistics: counted by the hypervisor itself ---- */
enum gspr_kind { GSPR_CPUCFG, GSPR_IDLE, GSPR_IOCSR, GSPR_CSR, GSPR_CACOP, GSPR_UNKNOWN, GSPR_KINDS };
struct exit_stats {
	uint64_t gspr[GSPR_KINDS];  /* sensitive instructions, by instruction */
	uint64_t hvc;               /* hypercalls */
	uint64_t s2_fault;          /* second-stage PIL/PIS/PIF/PME exits, of which: */
	uint64_t s2_pagein;         /*   a RAM page mapped on first touch */
	uint64_t mmio;              /*   an emulated device access */
	uint64_t s2_bad;            /*   a GPA outside every region (fault injected) */
	uint64_t irq_injected;      /* virtual interrupts raised (GINTC.VIP or guest ESTAT) */
	uint64_t exc_injected;      /* exceptions injected into the guest (INE, ADE) */
	uint64_t host_timer;        /* host timer interrupts that preempted the guest */
	uint64_t fpd;               /* FP use while the host has the FPU off */
};

/* ---- the guest's constant timer while its vCPU is off the CPU ---- */
struct vtimer {
	uint64_t tcfg, tval;        /* as read (TCFG first disabled, so TVAL froze) */
	uint64_t saved_at;          /* host time of the save */
};

/* CSRs outside the guest bank that a guest may still read and write: the
 * hypervisor keeps a value per vCPU (gspr.c; Linux KVM's SW_GCSR idea). */
#define SOFT_CSRS 12

enum vcpu_state { VCPU_RUNNABLE, VCPU_BLOCKED, VCPU_STOPPED };

struct vcpu {
	/* -- shared with entry.S / refill.S: offsets in hv_asm.h -- */
	uint64_t gpr[32];
	uint64_t pc;
	uint64_t host_sp;
	struct { uint64_t estat, badv, badi; } exit;
	uint64_t entry_gstat, entry_gtlbc;
	uint64_t s2_refills;
	/* -- C only -- */
	struct vm *vm;
	enum vcpu_state state;
	uint64_t gcsr[GCSR_COUNT];  /* guest CSR bank while not loaded (gcsr_bank.h) */
	uint64_t soft_csr[SOFT_CSRS];
	struct vtimer timer;
	uint64_t gcntc;             /* GCNTC: the guest's rdtime starts near 0 */
	uint8_t vip;                /* GINTC.VIP: virtual HWI0-7 line levels */
	uint64_t last_inject_pc;    /* where the last injected exception entered */
	unsigned injections_in_row; /* injected exceptions with no other exit between */
	uint64_t last_fault_gpa;    /* stage-2 fault loop detection */
	unsigned same_fault_count;
	bool need_resched;          /* host tick or yield: let the scheduler choose */
	struct exit_stats stats;
};

struct vm {
	unsigned id;                /* 0, 1, ... in start order */
	uint8_t gid;                /* hardware guest ID: id + 1 (GID 0 is the host) */
	const char *name;
	struct mem_region ram;
	struct stage2 s2;           /* GPA -> HPA page table (host format) */
	struct mmio_device dev[VM_MAX_DEVICES];
	unsigned ndev;
	struct vuart uart;
	struct cpu_model model;     /* what cpucfg answers */
	struct vcpu vcpu;           /* one vCPU per VM */
	/* outcome */
	bool stopped;
	int exit_status;            /* HC_EXIT status, 0 for power-off */
	const char *stop_reason;    /* set when the hypervisor stopped it */
	/* console line buffer: output is printed one prefixed line at a time */
	char line[160];
	unsigned line_len;
	/* isolation watch (isolation.c) */
	enum watch watched;
};

_Static_assert(__builtin_offsetof(struct vcpu, gpr) == VCPU_GPR, "hv_asm.h");
_Static_assert(__builtin_offsetof(struct vcpu, pc) == VCPU_PC, "hv_asm.h");
_Static_assert(__builtin_offsetof(struct vcpu, host_sp) == VCPU_HOST_SP, "hv_asm.h");
_Static_assert(__builtin_offsetof(struct vcpu, exit.estat) == VCPU_ESTAT, "hv_asm.h");
_Static_assert(__builtin_offsetof(struct vcpu, exit.badv) == VCPU_BADV, "hv_asm.h");
_Static_assert(__builtin_offsetof(struct vcpu, exit.badi) == VCPU_BADI, "hv_asm.h");
_Static_assert(__builtin_offsetof(struct vcpu, entry_gstat) == VCPU_GSTAT, "hv_asm.h");
_Static_assert(__builtin_offsetof(struct vcpu, entry_gtlbc) == VCPU_GTLBC, "hv_asm.h");
_Static_assert(__builtin_offsetof(struct vcpu, s2_refills) == VCPU_S2_REFILLS, "hv_asm.h");

/* ---- the VMs that exist (vm.c) ---- */
extern struct vm hv_vms[HV_MAX_VMS];
extern unsigned hv_nvms;
extern unsigned hv_max_gid;     /* from GSTAT.GIDBIT (capability.c) */

/* What a configuration asks for (configs/). */
struct guest_image { const char *name; const uint8_t *start, *end; };
struct vm_config {
	const char *name;
	const struct guest_image *image;
	enum watch watched;         /* check that it changes nothing outside its regions */
	uint8_t force_gid;          /* test only (configs/sharedgid.c): use this GID, 0 = the VM's own */
};
extern const struct vm_config hv_config[];
extern const unsigned hv_config_count;
extern const char hv_config_name[];
extern const unsigned hv_config_budget;     /* time budget in slices (sched.c) */

/* Design part 10: create a VM, copy its image, set its vCPU to the entry state. */
struct vm *vm_create(const struct vm_config *cfg);
void vm_stop(struct vm *vm, int status, const char *reason);
bool vm_gpa_in_ram(const struct vm *vm, uint64_t gpa, uint64_t len);
const struct mmio_device *vm_find_device(const struct vm *vm, uint64_t gpa);
/* Console output of a VM: one prefixed line at a time. */
void vm_console_putc(struct vm *vm, char c);
void vm_console_flush(struct vm *vm);

/* ---- vcpu.c: the guest CSR bank on and off the CPU ---- */
extern struct vcpu *hv_loaded_vcpu;     /* whose guest CSRs the CPU holds */
void vcpu_init(struct vcpu *v, struct vm *vm, uint64_t entry);
void vcpu_load(struct vcpu *v);
void vcpu_put(struct vcpu *v);

#endif
