/*
 * power.c - GED sleep/reset registers and PM_CTRL.
 *
 * GED (3 byte registers at 0x100e001c, byte access only):
 *   +0 SLEEP_CTL: SLP_EN (bit 5) with SLP_TYP (bits 4:2) = 5 (S5) powers off
 *   +1 SLEEP_STS: ignored
 *   +2 RESET:     0x42 resets
 * PM_CTRL (0x10080010, byte): 0xff powers off, 0x00 resets (QEMU 7.2 only).
 * All read as 0.  Wider accesses are rejected, as QEMU's .valid sizes do.
 */
#include "devices/power.h"

#include "sim/machine.h"

static uint64_t zero_read(void *opaque, uint64_t off, unsigned size)
{
	(void)opaque; (void)off; (void)size;
	return 0;
}

static void ged_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
	struct machine *m = opaque;
	(void)size;
	if (off == 0 && ((val >> 5) & 1) && ((val >> 2) & 7) == 5)
		machine_stop(m, EXIT_POWEROFF, "guest powered off (GED sleep S5)");
	else if (off == 2 && val == 0x42)
		machine_stop(m, EXIT_RESET, "guest requested reset (GED)");
}

static void pm_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
	struct machine *m = opaque;
	(void)size;
	if (off != 0)
		return;
	if (val == 0xff)
		machine_stop(m, EXIT_POWEROFF, "guest powered off (PM_CTRL)");
	else if (val == 0x00)
		machine_stop(m, EXIT_RESET, "guest requested reset (PM_CTRL)");
}

void power_attach(struct machine *m)
{
	struct mmio_region *r;
	r = bus_add_mmio(&m->bus, GED_REG_BASE, 3, "ged", zero_read, ged_write, m);
	r->min_size = r->max_size = 1;
	r = bus_add_mmio(&m->bus, PM_BASE, 1, "pm", zero_read, pm_write, m);
	r->min_size = r->max_size = 1;
}
