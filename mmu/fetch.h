/*
 * fetch.h - instruction fetch for the run loop: the decoded instruction at
 * cpu->pc, or NULL after raising ADEF/PIF/TLB refill/...
 */
#ifndef LVZSIM_FETCH_H
#define LVZSIM_FETCH_H

#include "cpu/cpu.h"

struct dinsn *fetch_slow(struct cpu *c, uint64_t pc);

static inline struct dinsn *fetch(struct cpu *c)
{
	uint64_t pc = c->pc;
	/* Keep PC[1:0] in the compare: a misaligned PC misses and faults. */
	if (__builtin_expect((pc & ~(STLB_PAGE_MASK & ~3ull)) == c->fetch_tag, 1))
		return c->fetch_base + ((pc & STLB_PAGE_MASK) >> 2);
	return fetch_slow(c, pc);
}

#endif
