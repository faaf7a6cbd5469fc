/*
 * iocsr_misc.c - read-only identification registers in IOCSR space.
 *
 * Values are QEMU 7.2's (so images print the same on both) except VERSION:
 * QEMU 7.2 reads it as 0 (it does not implement it); we report 0x11 as
 * later QEMU versions and real 3A5000 parts do.
 */
#include "devices/iocsr_misc.h"

#include "devices/bus.h"

#include <stddef.h>

#define FEAT_MSI     (1ull << 2)
#define FEAT_EXTIOI  (1ull << 3)
#define FEAT_CSRIPI  (1ull << 4)
#define MISC_EXTIOI_EN (1ull << 48)

static uint64_t misc_read(void *opaque, uint64_t off, unsigned size)
{
	(void)opaque;
	uint64_t v;
	switch (off & ~7ull) {
	case IOCSR_VERSION: v = 0x11; break;
	case IOCSR_FEATURES: v = FEAT_MSI | FEAT_EXTIOI | FEAT_CSRIPI; break;
	case IOCSR_VENDOR: v = 0x6e6f73676e6f6f4cull; break;   /* "Loongson" */
	case IOCSR_CPUNAME: v = 0x303030354133ull; break;      /* "3A5000" */
	case IOCSR_MISC_FUNC: v = MISC_EXTIOI_EN; break;
	default: v = 0; break;
	}
	v >>= 8 * (off & 7);
	return size == 8 ? v : v & ((1ull << (8 * size)) - 1);
}

static void misc_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
	/* QEMU 7.2 ignores writes here (EXTIOI_EN is always on). */
	(void)opaque; (void)off; (void)size; (void)val;
}

void iocsr_misc_attach(struct bus *iocsr)
{
	bus_add_mmio(iocsr, 0, 0x428, "iocsr-misc", misc_read, misc_write, NULL);
}
