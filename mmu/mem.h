/*
 * mem.h - data accesses made by instructions: soft-TLB fast path inline,
 * everything else (translation, exceptions, devices, code invalidation) in
 * mmu/mem.c.
 *
 * Contract: on success the access happened and true is returned; on a fault
 * the architectural exception has been raised (PC now at the handler) and
 * false is returned, so the handler must return without side effects.
 * Values are little-endian, zero-extended to 64 bits.
 */
#ifndef LVZSIM_MEM_H
#define LVZSIM_MEM_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "cpu/cpu.h"

enum mem_access { ACC_LOAD = 0, ACC_STORE = 1, ACC_FETCH = 2 };

/* Flags for the slow path. */
#define MEMF_ALIGNED 1u     /* the instruction requires natural alignment (ALE) */

bool mem_load_slow(struct cpu *c, uint64_t va, unsigned size, uint64_t *val, unsigned flags);
bool mem_store_slow(struct cpu *c, uint64_t va, unsigned size, uint64_t val, unsigned flags);

static inline uint64_t host_ld(const void *p, unsigned size)
{
	switch (size) {
	case 1: return *(const uint8_t *)p;
	case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
	case 4: { uint32_t v; memcpy(&v, p, 4); return v; }
	default: { uint64_t v; memcpy(&v, p, 8); return v; }
	}
}

static inline void host_st(void *p, unsigned size, uint64_t v)
{
	switch (size) {
	case 1: *(uint8_t *)p = (uint8_t)v; break;
	case 2: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
	case 4: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); break; }
	default: memcpy(p, &v, 8); break;
	}
}

/*
 * The soft-TLB tag compare also checks natural alignment: an unaligned
 * address keeps low bits set and misses, so page-crossing and ALE are
 * handled by the slow path only.  (Host is assumed little-endian; checked
 * at start-up in sim/main.c.)
 */
static inline bool mem_load(struct cpu *c, uint64_t va, unsigned size, uint64_t *val)
{
	const struct stlb_entry *e = &c->stlb->r[stlb_index(va)];
	if (__builtin_expect(e->tag == (va & ~(STLB_PAGE_MASK & ~(uint64_t)(size - 1))), 1)) {
		*val = host_ld((const void *)(uintptr_t)(va + e->addend), size);
		return true;
	}
	return mem_load_slow(c, va, size, val, 0);
}

static inline bool mem_store(struct cpu *c, uint64_t va, unsigned size, uint64_t val)
{
	const struct stlb_entry *e = &c->stlb->w[stlb_index(va)];
	if (__builtin_expect(e->tag == (va & ~(STLB_PAGE_MASK & ~(uint64_t)(size - 1))), 1)) {
		host_st((void *)(uintptr_t)(va + e->addend), size, val);
		return true;
	}
	return mem_store_slow(c, va, size, val, 0);
}

/* Variants for instructions that require natural alignment (ll/sc, am*,
 * ldptr? no: only the atomics and the bound-check forms; see mem.c). */
static inline bool mem_load_aligned(struct cpu *c, uint64_t va, unsigned size, uint64_t *val)
{
	if (va & (size - 1))
		return mem_load_slow(c, va, size, val, MEMF_ALIGNED);
	return mem_load(c, va, size, val);
}

static inline bool mem_store_aligned(struct cpu *c, uint64_t va, unsigned size, uint64_t val)
{
	if (va & (size - 1))
		return mem_store_slow(c, va, size, val, MEMF_ALIGNED);
	return mem_store(c, va, size, val);
}

/*
 * Read-modify-write for AM* instructions: translate for a store (which
 * also checks load permission in our model), then hand back a host pointer
 * to RAM and its physical address, or NULL for a device (caller falls back
 * to load+store).  On a fault: the exception is raised, *fault set, NULL.
 * After writing through the pointer the caller calls mem_rmw_written(),
 * which drops decoded instructions of the bytes changed (self-modifying
 * code: the decode slots re-read memory when reset, so this must come
 * after the store).
 */
void *mem_rmw_ptr(struct cpu *c, uint64_t va, unsigned size, bool *fault, uint64_t *pa);
void mem_rmw_written(struct cpu *c, uint64_t pa, unsigned size);

/* Translate va for an access without making it: on a fault the exception
 * is raised and false returned.  (Bound-check accesses translate before
 * they compare, Vol.1 2.2.6 pseudocode.) */
bool mem_probe(struct cpu *c, uint64_t va, enum mem_access acc);

/* Physical accesses used by lddir/ldpte, loaders and the debugger. */
bool phys_read(struct machine *m, uint64_t pa, unsigned size, uint64_t *val);
bool phys_write(struct machine *m, uint64_t pa, unsigned size, uint64_t val);

#endif
