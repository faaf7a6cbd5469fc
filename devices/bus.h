/*
 * bus.h - a small physical bus: RAM regions plus MMIO regions with
 * read/write callbacks (cf. TinyEMU's iomem.h).  The same structure serves
 * the IOCSR space, which is a second, separate address space (Vol.1 4.2.2).
 */
#ifndef LVZSIM_BUS_H
#define LVZSIM_BUS_H

#include <stdbool.h>
#include <stdint.h>

struct dpage;

typedef uint64_t (*mmio_read_fn)(void *opaque, uint64_t off, unsigned size);
typedef void (*mmio_write_fn)(void *opaque, uint64_t off, unsigned size, uint64_t val);

struct mmio_region {
	uint64_t base, size;
	const char *name;
	mmio_read_fn read;
	mmio_write_fn write;
	void *opaque;
	uint8_t min_size, max_size;  /* valid access sizes (0 = any), as QEMU's .valid */
};

/* A RAM block: host memory plus the decode cache of its code pages. */
struct ram_region {
	uint64_t base, size;
	uint8_t *host;
	struct dpage **dcache;  /* per 4 KiB page: decoded instructions or NULL */
	/* per 4 KiB page: 1 once anything may have written it (the slow
	 * store path, a soft-TLB write entry, AM*, the loader), so a
	 * checkpoint visits only those pages, not all of a mostly untouched
	 * 1 GiB. Kept in the slow paths: the fast path never sees it. */
	uint8_t *written;
};

#define RAM_PAGE_BITS 12

/* Note that [pa, pa+len) of region r may now hold nonzero bytes. */
static inline void ram_mark_written(struct ram_region *r, uint64_t pa, uint64_t len)
{
	if (!len)
		return;
	for (uint64_t p = (pa - r->base) >> RAM_PAGE_BITS; p <= (pa + len - 1 - r->base) >> RAM_PAGE_BITS; p++)
		r->written[p] = 1;
}

#define BUS_MAX_MMIO 32
#define BUS_MAX_RAM 4

struct bus {
	const char *name;
	struct ram_region ram[BUS_MAX_RAM];
	unsigned nram;
	struct mmio_region mmio[BUS_MAX_MMIO];
	unsigned nmmio;
	/* Called for an access that hits nothing (for the trace). */
	void (*unassigned)(void *opaque, uint64_t pa, unsigned size, bool write, uint64_t val);
	void *unassigned_opaque;
};

void bus_init(struct bus *b, const char *name);
/* Returns NULL and prints nothing on failure to allocate; caller reports. */
struct ram_region *bus_add_ram(struct bus *b, uint64_t base, uint64_t size);
struct mmio_region *bus_add_mmio(struct bus *b, uint64_t base, uint64_t size, const char *name,
				 mmio_read_fn rd, mmio_write_fn wr, void *opaque);
void bus_free(struct bus *b);

/* RAM lookup: region holding [pa, pa+len) or NULL. */
struct ram_region *bus_find_ram(struct bus *b, uint64_t pa, uint64_t len);
const struct mmio_region *bus_find_mmio(const struct bus *b, uint64_t pa);

/* Device or RAM access; false if nothing is mapped there or the device
 * rejects the access size (QEMU then raises ADEM/ADEF: a failed transaction). */
bool bus_read(struct bus *b, uint64_t pa, unsigned size, uint64_t *val);
bool bus_write(struct bus *b, uint64_t pa, unsigned size, uint64_t val);

#endif
