/*
 * softtlb.h - the simulator's fast-path translation cache (not architectural).
 *
 * Maps a 4 KiB virtual page to a host pointer for loads, stores and fetches.
 * One set per context: (world, direct-address mode, PLV), so switching PLV,
 * entering a TLB refill handler (DA=1) or entering/leaving a guest only
 * switches sets.  Anything that can change a translation (TLB writes and
 * invalidations, ASID, DMW, PG/DA/DATM, GID, stage-2 changes) calls
 * stlb_flush_all(), which is O(1): it bumps a generation number and each
 * set is cleared when it is next selected.
 */
#ifndef LVZSIM_SOFTTLB_H
#define LVZSIM_SOFTTLB_H

#include <stdint.h>

#define STLB_PAGE_BITS 12
#define STLB_PAGE_SIZE (1ull << STLB_PAGE_BITS)
#define STLB_PAGE_MASK (STLB_PAGE_SIZE - 1)
#define STLB_BITS 8
#define STLB_N (1u << STLB_BITS)
#define STLB_NCTX 16        /* world(2) x DA(2) x PLV(4) */

struct dinsn;

struct stlb_entry {
	uint64_t tag;       /* virtual page address; STLB_INVALID if empty */
	uintptr_t addend;   /* host address = va + addend */
};

struct stlb_xentry {
	uint64_t tag;
	struct dinsn *base; /* decoded instructions of that page */
};

#define STLB_INVALID 0x800ull   /* bits 11:3 of a compared address are always 0 */

struct stlb_set {
	struct stlb_entry r[STLB_N], w[STLB_N];
	struct stlb_xentry x[STLB_N];
	uint64_t gen;
};

struct stlb {
	struct stlb_set set[STLB_NCTX];
	uint64_t gen;       /* current generation; a set with an older one is stale */
};

static inline unsigned stlb_index(uint64_t va)
{
	return (unsigned)(va >> STLB_PAGE_BITS) & (STLB_N - 1);
}

#endif
