/*
 * softtlb_ops.h - operations on the soft TLB (mmu/softtlb.c).
 */
#ifndef LVZSIM_SOFTTLB_OPS_H
#define LVZSIM_SOFTTLB_OPS_H

#include <stdint.h>

struct cpu;
struct stlb_set;

/* Forget every cached translation (O(1): sets are cleared lazily). */
void stlb_flush_all(struct cpu *c);
/* Select the set of context ctx, clearing it if it is stale. */
struct stlb_set *stlb_select(struct cpu *c, unsigned ctx);
/* Initialise (all sets empty). */
void stlb_init(struct cpu *c);

#endif
