/*
 * translate.h - architectural address translation (Vol.1 chapter 5), for
 * both worlds: host VA -> PA, and in guest mode GVA -> GPA (guest CSRs and
 * guest-type TLB entries of GSTAT.GID) followed by GPA -> HPA (host-type
 * entries of that GID: the LVZ second stage, docs/lvz.md).
 */
#ifndef LVZSIM_TRANSLATE_H
#define LVZSIM_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "mmu/mem.h"

struct cpu;

enum xlate_fault {
	XF_NONE = 0,
	XF_ADE,     /* address error (illegal VA): ADEF / ADEM */
	XF_TLBR,    /* no matching TLB entry: TLB refill */
	XF_PI,      /* entry invalid: PIL / PIS / PIF by access */
	XF_PNX,     /* fetch from a no-execute page */
	XF_PPI,     /* privilege check failed */
	XF_PNR,     /* load from a no-read page */
	XF_PME,     /* store to a clean page */
};

struct xlate {
	uint64_t pa;        /* physical (host) address */
	uint64_t gpa;       /* guest physical address (guest world only) */
	uint8_t mat;        /* memory access type of the final stage */
	uint8_t fault;      /* enum xlate_fault */
	uint8_t stage;      /* where the fault was found: 1 = the world's own
	                       translation, 2 = GPA -> HPA (exits to the host) */
	uint64_t fault_addr;/* VA for stage 1, GPA for stage 2 */
	int tlb_index;      /* entry used (stage 1), -1 for DA/DMW */
};

/* Translate va for an access in the CPU's current world and PLV.  Never
 * raises anything: the caller turns x->fault into an exception. */
bool mmu_translate(struct cpu *c, uint64_t va, enum mem_access acc, struct xlate *x);
/* The LVZ second stage alone: GPA -> HPA under GSTAT.GID. */
bool mmu_stage2(struct cpu *c, uint64_t gpa, enum mem_access acc, struct xlate *x);
/* Raise the exception (or LVZ exit) x describes; va is the original VA. */
void mmu_raise(struct cpu *c, const struct xlate *x, enum mem_access acc);

/* Same translation without side effects for the debugger (`x gva`): returns
 * false if it would fault. */
bool mmu_debug_translate(struct cpu *c, unsigned world, uint64_t va, uint64_t *pa);

#endif
