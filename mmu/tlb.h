/*
 * tlb.h - the architectural TLB: STLB (sets x ways, one page size) plus a
 * fully associative MTLB (Vol.1 5.4).  ONE TLB shared by every world: each
 * entry carries its type (host "root" entry, or guest GVA->GPA entry) and its
 * GID, so LVZ adds no second structure (docs/lvz.md).
 *
 * Index space, as TLBIDX.Index sees it (same numbering as QEMU's la464):
 *   0 .. STLB_ENTRIES-1       STLB, index = way * STLB_SETS + set
 *   STLB_ENTRIES .. +MTLB     MTLB
 * STLB entries hold pages of the size CSR.STLBPS says at lookup time (their
 * own ps field is ignored), as on hardware.
 */
#ifndef LVZSIM_TLB_H
#define LVZSIM_TLB_H

#include <stdbool.h>
#include <stdint.h>

#define STLB_SETS 256
#define STLB_WAYS 8
#define STLB_ENTRIES (STLB_SETS * STLB_WAYS)
#define MTLB_ENTRIES 64
#define TLB_ENTRIES (STLB_ENTRIES + MTLB_ENTRIES)

struct tlb_entry {
	uint64_t vppn;      /* VA[47:13] (the even/odd pair), shifted down by 13 */
	uint64_t lo[2];     /* TLBELO0/1 format: V D PLV MAT G PPN NR NX RPLV */
	uint16_t asid;
	uint8_t ps;         /* log2 of the page size (each half of the pair) */
	bool e;             /* exists (TLBIDX.NE = !e) */
	bool g;             /* global: matches any ASID */
	bool guest;         /* entry type: guest GVA->GPA entry (LVZ) */
	uint8_t gid;        /* GID tag; 0 for ordinary host entries */
};

struct tlb {
	struct tlb_entry e[TLB_ENTRIES];
	uint32_t lfsr;      /* deterministic victim choice for tlbfill */
};

/* What a lookup matches against: the "context" of a world. */
struct tlb_ctx {
	bool guest;         /* match guest-type entries (else host-type) */
	uint8_t gid;
	uint16_t asid;
	bool match_asid;    /* stage-2 lookups ignore ASID/G (docs/lvz.md) */
};

/* Page size of entry idx.  Every entry keeps the size it was written with,
 * STLB entries included (QEMU re-reads STLBPS instead; the two differ only
 * if software changes STLBPS under live entries, and LVZ needs per-world
 * sizes in one TLB: docs/lvz.md). */
static inline unsigned tlb_entry_ps(const struct tlb *t, unsigned idx, unsigned stlb_ps)
{
	(void)stlb_ps;
	return t->e[idx].ps;
}
/* Find the entry translating va in ctx (this is also TLBSRCH); -1 if none. */
int tlb_lookup(const struct tlb *t, const struct tlb_ctx *ctx, uint64_t va, unsigned stlb_ps);
/* Pick the entry index tlbfill writes for page size ps (deterministic LFSR
 * instead of QEMU's random choice, so runs repeat). */
unsigned tlb_fill_index(struct tlb *t, uint64_t va, unsigned ps, unsigned stlb_ps);

/* Invalidation predicates for invtlb and friends. */
enum tlb_inv_op {
	INV_ALL,            /* every entry */
	INV_CTX_ALL,        /* every entry of (guest, gid) */
	INV_CTX_G1,         /* ... with G=1 */
	INV_CTX_G0,         /* ... with G=0 */
	INV_CTX_G0_ASID,    /* ... G=0 and ASID */
	INV_CTX_G0_ASID_VA, /* ... G=0 and ASID and VA */
	INV_CTX_G1orASID_VA,/* ... (G=1 or ASID) and VA */
	INV_TYPE_ALLGID,    /* every entry of a type, any GID */
	INV_VA_NOASID,      /* type+gid, VA match, ASID/G ignored (stage 2) */
	INV_ROOT_GUESTS,    /* root-type entries of every GID != 0 (stage 2) */
};
/* Invalidate entries matching (op, type, gid, asid, va).  Returns the
 * number of entries removed. */
unsigned tlb_invalidate(struct tlb *t, enum tlb_inv_op op, bool guest, uint8_t gid,
			uint16_t asid, uint64_t va, unsigned stlb_ps);
/* Does entry idx cover va (VPPN compare at its page size)? */
bool tlb_entry_covers(const struct tlb *t, unsigned idx, uint64_t va, unsigned stlb_ps);

void tlb_reset(struct tlb *t);

#endif
