/*
 * dcache.c - decode cache keyed by physical page (see dcache.h).
 */
#include "mmu/dcache.h"

#include <stdlib.h>

#include "cpu/cpu.h"
#include "mmu/mem.h"

void exec_decode(struct cpu *cpu, const struct dinsn *d)
{
	/* The slot lives in a (non-const) dpage; the const is the handler ABI. */
	struct dinsn *slot = (struct dinsn *)d;
	insn_decode(slot->raw, slot);
	slot->fn(cpu, slot);
}

static void slot_reset(struct dinsn *s, const uint8_t *word)
{
	s->fn = exec_decode;
	s->raw = (uint32_t)host_ld(word, 4);
	s->id = INSN_INVALID;
}

struct dpage *dcache_page(struct bus *b, uint64_t pa, int *created)
{
	struct ram_region *r = bus_find_ram(b, pa, 1);
	if (!r)
		return NULL;
	uint64_t pn = (pa - r->base) >> DPAGE_BITS;
	if (created)
		*created = 0;
	if (!r->dcache[pn]) {
		struct dpage *p = malloc(sizeof(*p));
		if (!p)
			return NULL;
		const uint8_t *page = r->host + (pn << DPAGE_BITS);
		for (unsigned i = 0; i < DPAGE_INSNS; i++)
			slot_reset(&p->d[i], page + 4 * i);
		r->dcache[pn] = p;
		if (created)
			*created = 1;
	}
	return r->dcache[pn];
}

int dcache_has_page(struct bus *b, uint64_t pa)
{
	struct ram_region *r = bus_find_ram(b, pa, 1);
	return r && r->dcache[(pa - r->base) >> DPAGE_BITS];
}

void dcache_invalidate(struct bus *b, uint64_t pa, uint64_t len)
{
	uint64_t first = pa & ~3ull, end = pa + len;
	for (uint64_t a = first; a < end; a += 4) {
		struct ram_region *r = bus_find_ram(b, a, 4);
		if (!r)
			continue;
		struct dpage *p = r->dcache[(a - r->base) >> DPAGE_BITS];
		if (!p) {
			/* skip to the next page */
			a = ((a >> DPAGE_BITS) + 1) << DPAGE_BITS;
			a -= 4;
			continue;
		}
		slot_reset(&p->d[((a - r->base) >> 2) & (DPAGE_INSNS - 1)], r->host + (a - r->base));
	}
}

void dcache_flush_all(struct bus *b)
{
	for (unsigned i = 0; i < b->nram; i++) {
		struct ram_region *r = &b->ram[i];
		for (uint64_t pn = 0; pn < r->size >> DPAGE_BITS; pn++) {
			free(r->dcache[pn]);
			r->dcache[pn] = NULL;
		}
	}
}
