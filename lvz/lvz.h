/*
 * lvz.h - the LoongArch Virtualization extension: guest mode entry and
 * exit, trap routing, second-stage faults, interrupt injection.
 * Semantics and the choices made where public documents are silent:
 * docs/lvz.md.
 */
#ifndef LVZSIM_LVZ_H
#define LVZSIM_LVZ_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

/* Why the CPU left guest mode (trace events exit:<name>, `info exits`). */
enum lvz_exit_kind {
	EXIT_INT,       /* a host interrupt preempted the guest */
	EXIT_GSPR,      /* sensitive privileged instruction */
	EXIT_HVC,       /* hvcl */
	EXIT_TLBR,      /* second-stage TLB refill */
	EXIT_PF,        /* second-stage PIL/PIS/PIF/PME */
	EXIT_FPD,       /* FP used while the host has the FPU off */
	EXIT_KINDS
};
extern const char *const lvz_exit_names[EXIT_KINDS];

/* The last exits, for the debugger's `info exits` and teaching. */
#define LVZ_EXIT_LOG 64
struct lvz_exit_record {
	uint64_t icount, pc, estat, badv, badi;
	uint8_t kind, gid;
	bool has_badi;          /* the exit wrote BADI (not INT, not a fetch) */
	bool has_badv;          /* the exit wrote (TLBR)BADV: TLBR, PIL/PIS/PIF/PME */
};
struct lvz_stats {
	uint64_t entries;
	uint64_t exits[EXIT_KINDS];
	struct lvz_exit_record log[LVZ_EXIT_LOG];
	unsigned log_next;      /* ring buffer position */
	uint64_t log_count;
};

/* GID of the running guest (GSTAT.GID). */
uint8_t lvz_current_gid(const struct cpu *c);

/* ertn from host PLV0 with GSTAT.PVM=1 (refill = false), or a refill
 * ertn with TLBRPRMD.PGM = 1 (refill = true): enter guest mode at pc. */
void lvz_enter_guest(struct cpu *c, uint64_t pc, bool refill);
/* Leave guest mode for a host exception (interrupt, GSPR, HVC, stage-2
 * fault...): the host takes it as an ordinary exception afterwards. */
void lvz_exit_to_host(struct cpu *c, enum lvz_exit_kind kind);
/* Record the exit just taken (after the host's ESTAT/ERA/BADV are set). */
void lvz_note_exit(struct cpu *c, enum lvz_exit_kind kind);

/* Second-stage TLB refill: the host's refill handler runs with
 * TLBRBADV = GPA and TLBRPRMD.PGM = 1 (so its ertn returns to the guest). */
void lvz_stage2_refill(struct cpu *c, uint64_t gpa);
/* Second-stage PIL/PIS/PIF/PME: exit with host BADV = GPA. */
void lvz_stage2_fault(struct cpu *c, unsigned ecode, uint64_t gpa);
/* A sensitive instruction in guest mode: exit with GSPR. */
void lvz_gspr(struct cpu *c);
/* An exception the host takes on the guest's behalf (HVC, FPD). */
void lvz_exit_exception(struct cpu *c, enum lvz_exit_kind kind, unsigned ecode);
/* GPA -> HPA for the guest's own physical accesses (lddir/ldpte): false
 * after raising the second-stage exit. */
bool lvz_gpa_to_hpa(struct cpu *c, uint64_t gpa, unsigned acc, uint64_t *hpa);

/* Guest ESTAT.IS as the guest sees it (GINTC.VIP / PIP folded in). */
uint64_t lvz_guest_estat(const struct cpu *c, uint64_t stored);

#endif
