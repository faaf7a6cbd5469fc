/*
 * mem.c - the slow path of every load, store and fetch: alignment checks,
 * translation, exceptions, MMIO, decode-cache invalidation and soft-TLB
 * refills.
 */
#include "mmu/mem.h"

#include "mmu/dcache.h"
#include "mmu/fetch.h"
#include "mmu/softtlb_ops.h"
#include "mmu/translate.h"
#include "sim/debug.h"
#include "sim/machine.h"
#include "sim/trace.h"

bool phys_read(struct machine *m, uint64_t pa, unsigned size, uint64_t *val)
{
	return bus_read(&m->bus, pa, size, val);
}

bool phys_write(struct machine *m, uint64_t pa, unsigned size, uint64_t val)
{
	return bus_write(&m->bus, pa, size, val);
}

/* Remember a translated RAM page in the soft TLB. */
static void stlb_fill(struct cpu *c, enum mem_access acc, uint64_t va, const struct xlate *x)
{
	if (c->trace && trace_wants_all_mem(c->trace))
		return;     /* every access must reach the slow path to be traced */
	if (c->dbg && c->dbg->nwatch)
		return;     /* ... or to be checked against watchpoints */
	struct ram_region *r = bus_find_ram(&c->m->bus, x->pa & ~STLB_PAGE_MASK, STLB_PAGE_SIZE);
	if (!r)
		return;
	uint64_t vpage = va & ~STLB_PAGE_MASK;
	uint8_t *hpage = r->host + ((x->pa & ~STLB_PAGE_MASK) - r->base);
	struct stlb_entry *e;
	if (acc == ACC_STORE) {
		/* Stores to pages holding decoded code must stay slow. */
		if (r->dcache[((x->pa & ~STLB_PAGE_MASK) - r->base) >> DPAGE_BITS])
			return;
		e = &c->stlb->w[stlb_index(va)];
		ram_mark_written(r, x->pa & ~STLB_PAGE_MASK, STLB_PAGE_SIZE);
	} else {
		e = &c->stlb->r[stlb_index(va)];
	}
	e->tag = vpage;
	e->addend = (uintptr_t)hpage - (uintptr_t)vpage;
}

/* Does the current PLV demand aligned accesses (MISC.ALCL0-3, bits 12-15,
 * Vol.1 7.4.4)?  ALCL0 exists too: PLV0 can ask for the check. */
static bool align_checked(struct cpu *c)
{
	return (CSR(c, CSR_MISC) >> (MISC_ALCL_SH + cpu_plv(c))) & 1;
}

/* One access that does not cross a 4 KiB page. */
static bool access_page(struct cpu *c, uint64_t va, unsigned size, uint64_t *val,
			enum mem_access acc)
{
	struct xlate x;
	if (!mmu_translate(c, va, acc, &x)) {
		mmu_raise(c, &x, acc);
		return false;
	}
	struct bus *b = &c->m->bus;
	bool ok;
	if (c->dbg && c->dbg->nwatch)
		debug_on_phys(c, x.pa, size, acc == ACC_STORE);
	if (acc == ACC_STORE) {
		ok = bus_write(b, x.pa, size, *val);
		if (c->trace)
			trace_mem(c->trace, c, true, va, x.pa, size, *val, ok);
	} else {
		ok = bus_read(b, x.pa, size, val);
		if (c->trace)
			trace_mem(c->trace, c, false, va, x.pa, size, *val, ok);
	}
	if (!ok) {
		/* Nothing at that physical address: QEMU 7.2 reports a failed
		 * transaction as ADEM (loongarch_cpu_do_transaction_failed). */
		cpu_exception(c, ECODE_ADE, ESUB_ADEM, va);
		return false;
	}
	stlb_fill(c, acc, va, &x);
	return true;
}

static bool access_slow(struct cpu *c, uint64_t va, unsigned size, uint64_t *val,
			enum mem_access acc, unsigned flags)
{
	if ((va & (size - 1)) && ((flags & MEMF_ALIGNED) || align_checked(c))) {
		cpu_exception(c, ECODE_ALE, 0, va);
		return false;
	}
	uint64_t off = va & STLB_PAGE_MASK;
	if (off + size <= STLB_PAGE_SIZE)
		return access_page(c, va, size, val, acc);

	/* Unaligned access crossing a page (UAL): two parts, low part first.
	 * Both pages are translated before any byte is stored. */
	unsigned n1 = (unsigned)(STLB_PAGE_SIZE - off), n2 = size - n1;
	uint64_t va2 = va + n1;
	if (acc == ACC_STORE) {
		struct xlate x1, x2;
		if (!mmu_translate(c, va, acc, &x1)) {
			mmu_raise(c, &x1, acc);
			return false;
		}
		if (!mmu_translate(c, va2, acc, &x2)) {
			mmu_raise(c, &x2, acc);
			return false;
		}
	}
	uint64_t lo = 0, hi = 0;
	if (acc == ACC_STORE) {
		lo = *val & ((1ull << (8 * n1)) - 1);
		hi = *val >> (8 * n1);
	}
	for (unsigned i = 0; i < n1; i++) {
		uint64_t byte = (lo >> (8 * i)) & 0xff;
		if (!access_page(c, va + i, 1, &byte, acc))
			return false;
		lo |= byte << (8 * i);
	}
	for (unsigned i = 0; i < n2; i++) {
		uint64_t byte = (hi >> (8 * i)) & 0xff;
		if (!access_page(c, va2 + i, 1, &byte, acc))
			return false;
		hi |= byte << (8 * i);
	}
	if (acc != ACC_STORE)
		*val = lo | (hi << (8 * n1));
	return true;
}

bool mem_load_slow(struct cpu *c, uint64_t va, unsigned size, uint64_t *val, unsigned flags)
{
	return access_slow(c, va, size, val, ACC_LOAD, flags);
}

bool mem_store_slow(struct cpu *c, uint64_t va, unsigned size, uint64_t val, unsigned flags)
{
	return access_slow(c, va, size, &val, ACC_STORE, flags);
}

void *mem_rmw_ptr(struct cpu *c, uint64_t va, unsigned size, bool *fault, uint64_t *pa)
{
	*fault = false;
	if (va & (size - 1)) {
		cpu_exception(c, ECODE_ALE, 0, va);
		*fault = true;
		return NULL;
	}
	struct xlate x;
	/* An AM* instruction both reads and writes: check the store first
	 * (PME/PIS), then the load permission (PNR). */
	if (!mmu_translate(c, va, ACC_STORE, &x)) {
		mmu_raise(c, &x, ACC_STORE);
		*fault = true;
		return NULL;
	}
	if (!mmu_translate(c, va, ACC_LOAD, &x)) {
		mmu_raise(c, &x, ACC_LOAD);
		*fault = true;
		return NULL;
	}
	struct ram_region *r = bus_find_ram(&c->m->bus, x.pa, size);
	if (!r)
		return NULL;    /* device: caller does load + store */
	*pa = x.pa;
	ram_mark_written(r, x.pa, size);
	if (c->dbg && c->dbg->nwatch)
		debug_on_phys(c, x.pa, size, true);
	if (c->trace)
		trace_mem_rmw(c->trace, c, va, x.pa, size);
	return r->host + (x.pa - r->base);
}

bool mem_probe(struct cpu *c, uint64_t va, enum mem_access acc)
{
	struct xlate x;
	if (!mmu_translate(c, va, acc, &x)) {
		mmu_raise(c, &x, acc);
		return false;
	}
	return true;
}

void mem_rmw_written(struct cpu *c, uint64_t pa, unsigned size)
{
	struct ram_region *r = bus_find_ram(&c->m->bus, pa, size);
	if (r && r->dcache[(pa - r->base) >> DPAGE_BITS])
		dcache_invalidate(&c->m->bus, pa, size);
}

struct dinsn *fetch_slow(struct cpu *c, uint64_t pc)
{
	struct stlb_xentry *e = &c->stlb->x[stlb_index(pc)];
	uint64_t vpage = pc & ~STLB_PAGE_MASK;

	if (pc & 3) {
		/* Misaligned PC: fetch address error (Vol.1 6.2.1, ADEF). */
		cpu_exception(c, ECODE_ADE, ESUB_ADEF, pc);
		return NULL;
	}
	if (e->tag != vpage) {
		struct xlate x;
		if (!mmu_translate(c, pc, ACC_FETCH, &x)) {
			mmu_raise(c, &x, ACC_FETCH);
			return NULL;
		}
		int created = 0;
		struct dpage *dp = dcache_page(&c->m->bus, x.pa, &created);
		if (!dp) {
			/* Only RAM holds code here (QEMU: a fetch from a hole is a
			 * failed transaction, ADEF). */
			cpu_exception(c, ECODE_ADE, ESUB_ADEF, pc);
			return NULL;
		}
		if (created) {
			/* Soft-TLB write entries may map this page: drop them so
			 * stores to it take the slow path and invalidate. */
			stlb_flush_all(c);
			e = &c->stlb->x[stlb_index(pc)];
		}
		e->tag = vpage;
		e->base = dp->d;
	}
	c->fetch_tag = vpage;
	c->fetch_base = e->base;
	return e->base + ((pc & STLB_PAGE_MASK) >> 2);
}
