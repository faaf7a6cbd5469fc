/*
 * tlb.c - STLB/MTLB storage, lookup and invalidation (Vol.1 5.4.1-5.4.4).
 */
#include "mmu/tlb.h"

#include <string.h>

#define VA_BITS 48
#define VA_MASK ((1ull << VA_BITS) - 1)

void tlb_reset(struct tlb *t)
{
	memset(t->e, 0, sizeof(t->e));
	t->lfsr = 0xace1u;
}

/* VPPN compare: entry VPPN holds VA[47:13]; a pair of 2^ps pages spans
 * VA[ps:0], so compare VA[47:ps+1].  tlbwr/tlbfill only write sizes from
 * PRCFG2 (12..29); anything else cannot match (and would shift out of
 * range). */
static inline bool vppn_match(const struct tlb_entry *e, uint64_t va, unsigned ps)
{
	if (ps < 12 || ps >= VA_BITS)
		return false;
	return (e->vppn >> (ps + 1 - 13)) == ((va & VA_MASK) >> (ps + 1));
}

/* STLB set of va.  STLBPS.PS is a 6-bit field software may set to a size
 * the STLB does not have (undefined by the manual); the set index then
 * uses the nearest size in 12..47, so the shift stays in range. */
static inline unsigned stlb_set(uint64_t va, unsigned stlb_ps)
{
	unsigned ps = stlb_ps < 12 ? 12 : stlb_ps >= VA_BITS ? VA_BITS - 1 : stlb_ps;
	return (unsigned)((va & VA_MASK) >> (ps + 1)) & (STLB_SETS - 1);
}

static inline bool ctx_match(const struct tlb_entry *e, const struct tlb_ctx *c)
{
	if (!e->e || e->guest != c->guest || e->gid != c->gid)
		return false;
	return !c->match_asid || e->g || e->asid == c->asid;
}

bool tlb_entry_covers(const struct tlb *t, unsigned idx, uint64_t va, unsigned stlb_ps)
{
	return vppn_match(&t->e[idx], va, tlb_entry_ps(t, idx, stlb_ps));
}

int tlb_lookup(const struct tlb *t, const struct tlb_ctx *ctx, uint64_t va, unsigned stlb_ps)
{
	unsigned set = stlb_set(va, stlb_ps);
	for (unsigned way = 0; way < STLB_WAYS; way++) {
		unsigned i = way * STLB_SETS + set;
		const struct tlb_entry *e = &t->e[i];
		if (ctx_match(e, ctx) && vppn_match(e, va, e->ps))
			return (int)i;
	}
	for (unsigned i = STLB_ENTRIES; i < TLB_ENTRIES; i++) {
		const struct tlb_entry *e = &t->e[i];
		if (ctx_match(e, ctx) && vppn_match(e, va, e->ps))
			return (int)i;
	}
	return -1;
}

static uint32_t lfsr_next(struct tlb *t)
{
	/* 32-bit Galois LFSR, taps 32,22,2,1 */
	uint32_t x = t->lfsr;
	x = (x >> 1) ^ (-(x & 1u) & 0x80200003u);
	t->lfsr = x;
	return x;
}

unsigned tlb_fill_index(struct tlb *t, uint64_t va, unsigned ps, unsigned stlb_ps)
{
	if (ps == stlb_ps) {
		unsigned set = stlb_set(va, stlb_ps);
		return (lfsr_next(t) % STLB_WAYS) * STLB_SETS + set;
	}
	return STLB_ENTRIES + lfsr_next(t) % MTLB_ENTRIES;
}

static bool inv_match(const struct tlb *t, unsigned i, enum tlb_inv_op op, bool guest,
		      uint8_t gid, uint16_t asid, uint64_t va, unsigned stlb_ps)
{
	const struct tlb_entry *e = &t->e[i];
	if (!e->e)
		return false;
	if (op == INV_ALL)
		return true;
	if (op == INV_ROOT_GUESTS)
		return !e->guest && e->gid != 0;
	if (e->guest != guest)
		return false;
	if (op == INV_TYPE_ALLGID)
		return true;
	if (e->gid != gid)
		return false;
	switch (op) {
	case INV_CTX_ALL: return true;
	case INV_CTX_G1: return e->g;
	case INV_CTX_G0: return !e->g;
	case INV_CTX_G0_ASID: return !e->g && e->asid == asid;
	case INV_CTX_G0_ASID_VA:
		return !e->g && e->asid == asid && tlb_entry_covers(t, i, va, stlb_ps);
	case INV_CTX_G1orASID_VA:
		return (e->g || e->asid == asid) && tlb_entry_covers(t, i, va, stlb_ps);
	case INV_VA_NOASID: return tlb_entry_covers(t, i, va, stlb_ps);
	default: return false;
	}
}

unsigned tlb_invalidate(struct tlb *t, enum tlb_inv_op op, bool guest, uint8_t gid,
			uint16_t asid, uint64_t va, unsigned stlb_ps)
{
	unsigned n = 0;
	for (unsigned i = 0; i < TLB_ENTRIES; i++) {
		if (inv_match(t, i, op, guest, gid, asid, va, stlb_ps)) {
			t->e[i].e = false;
			n++;
		}
	}
	return n;
}
