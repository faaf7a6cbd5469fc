/*
 * bus.c - physical address decoding for RAM and MMIO regions.
 */
#include "devices/bus.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "mmu/dcache.h"
#include "mmu/mem.h"

void bus_init(struct bus *b, const char *name)
{
	memset(b, 0, sizeof(*b));
	b->name = name;
}

struct ram_region *bus_add_ram(struct bus *b, uint64_t base, uint64_t size)
{
	if (b->nram == BUS_MAX_RAM)
		return NULL;
	/* mmap: untouched guest RAM costs no host memory. */
	void *host = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (host == MAP_FAILED)
		return NULL;
	struct dpage **dc = calloc(size >> DPAGE_BITS, sizeof(*dc));
	uint8_t *written = calloc(size >> RAM_PAGE_BITS, 1);
	if (!dc || !written) {
		free(dc);
		free(written);
		munmap(host, size);
		return NULL;
	}
	struct ram_region *r = &b->ram[b->nram++];
	r->base = base;
	r->size = size;
	r->host = host;
	r->dcache = dc;
	r->written = written;
	return r;
}

struct mmio_region *bus_add_mmio(struct bus *b, uint64_t base, uint64_t size, const char *name,
				 mmio_read_fn rd, mmio_write_fn wr, void *opaque)
{
	if (b->nmmio == BUS_MAX_MMIO)
		abort();    /* a board-construction bug, not an input error */
	b->mmio[b->nmmio] = (struct mmio_region){ base, size, name, rd, wr, opaque, 0, 0 };
	return &b->mmio[b->nmmio++];
}

static bool size_ok(const struct mmio_region *m, unsigned size)
{
	return (!m->min_size || size >= m->min_size) && (!m->max_size || size <= m->max_size);
}

void bus_free(struct bus *b)
{
	dcache_flush_all(b);
	for (unsigned i = 0; i < b->nram; i++) {
		munmap(b->ram[i].host, b->ram[i].size);
		free(b->ram[i].dcache);
		free(b->ram[i].written);
	}
	b->nram = 0;
}

struct ram_region *bus_find_ram(struct bus *b, uint64_t pa, uint64_t len)
{
	for (unsigned i = 0; i < b->nram; i++) {
		struct ram_region *r = &b->ram[i];
		if (pa >= r->base && pa - r->base < r->size && len <= r->size - (pa - r->base))
			return r;
	}
	return NULL;
}

const struct mmio_region *bus_find_mmio(const struct bus *b, uint64_t pa)
{
	for (unsigned i = 0; i < b->nmmio; i++) {
		const struct mmio_region *m = &b->mmio[i];
		if (pa >= m->base && pa - m->base < m->size)
			return m;
	}
	return NULL;
}

bool bus_read(struct bus *b, uint64_t pa, unsigned size, uint64_t *val)
{
	struct ram_region *r = bus_find_ram(b, pa, size);
	if (r) {
		*val = host_ld(r->host + (pa - r->base), size);
		return true;
	}
	const struct mmio_region *m = bus_find_mmio(b, pa);
	if (m && size_ok(m, size)) {
		*val = m->read ? m->read(m->opaque, pa - m->base, size) : 0;
		return true;
	}
	*val = 0;
	if (b->unassigned)
		b->unassigned(b->unassigned_opaque, pa, size, false, 0);
	return false;
}

bool bus_write(struct bus *b, uint64_t pa, unsigned size, uint64_t val)
{
	struct ram_region *r = bus_find_ram(b, pa, size);
	if (r) {
		host_st(r->host + (pa - r->base), size, val);
		ram_mark_written(r, pa, size);
		if (r->dcache[(pa - r->base) >> DPAGE_BITS] ||
		    r->dcache[(pa + size - 1 - r->base) >> DPAGE_BITS])
			dcache_invalidate(b, pa, size);
		return true;
	}
	const struct mmio_region *m = bus_find_mmio(b, pa);
	if (m && size_ok(m, size)) {
		if (m->write)
			m->write(m->opaque, pa - m->base, size, val);
		return true;
	}
	if (b->unassigned)
		b->unassigned(b->unassigned_opaque, pa, size, true, val);
	return false;
}
