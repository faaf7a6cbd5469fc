/*
 * softtlb.c - generation-based flushing of the soft TLB (see softtlb.h).
 */
#include "mmu/softtlb.h"

#include "cpu/cpu.h"
#include "mmu/softtlb_ops.h"

static void set_clear(struct stlb_set *s, uint64_t gen)
{
	for (unsigned i = 0; i < STLB_N; i++) {
		s->r[i].tag = STLB_INVALID;
		s->w[i].tag = STLB_INVALID;
		s->x[i].tag = STLB_INVALID;
	}
	s->gen = gen;
}

struct stlb_set *stlb_select(struct cpu *c, unsigned ctx)
{
	struct stlb_set *s = &c->stlbs.set[ctx];
	if (s->gen != c->stlbs.gen)
		set_clear(s, c->stlbs.gen);
	return s;
}

void stlb_flush_all(struct cpu *c)
{
	c->stlbs.gen++;
	/* The current set must be valid at all times: clear it now. */
	if (c->stlb)
		set_clear(c->stlb, c->stlbs.gen);
	c->fetch_tag = STLB_INVALID;
}

void stlb_init(struct cpu *c)
{
	c->stlbs.gen = 1;
	for (unsigned i = 0; i < STLB_NCTX; i++)
		set_clear(&c->stlbs.set[i], 1);
	c->fetch_tag = STLB_INVALID;
}
