/*
 * dcache.h - the decode cache: decoded instructions of each RAM page that
 * has been executed, keyed by physical address (so every virtual alias and
 * every world shares one decoding).
 *
 * An empty slot's handler is exec_decode(), which decodes the word on first
 * execution.  A store into a page that has a decode page resets just the
 * slots it overwrote, so self-modifying code costs a slow-path store, not a
 * page flush.  Stores reach RAM either through mem_store_slow (soft-TLB write
 * entries are never installed for code pages) or through ram_write_notify().
 */
#ifndef LVZSIM_DCACHE_H
#define LVZSIM_DCACHE_H

#include <stdint.h>

#include "decode/decode.h"
#include "devices/bus.h"

#define DPAGE_BITS 12
#define DPAGE_INSNS (1u << (DPAGE_BITS - 2))

struct dpage {
	struct dinsn d[DPAGE_INSNS];
};

/* Handler of an empty slot: decode from RAM, then execute. */
void exec_decode(struct cpu *cpu, const struct dinsn *d);

/* Decode page for the page holding pa (allocating it); NULL if pa is not RAM. */
struct dpage *dcache_page(struct bus *b, uint64_t pa, int *created);
/* RAM bytes [pa, pa+len) changed: forget decodings there. */
void dcache_invalidate(struct bus *b, uint64_t pa, uint64_t len);
/* Is there decoded code in the page holding pa? */
int dcache_has_page(struct bus *b, uint64_t pa);
/* Drop every decode page (checkpoint restore, bulk loads). */
void dcache_flush_all(struct bus *b);

#endif
