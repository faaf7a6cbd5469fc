/*
 * ipi.c - IPI registers of core 0 in IOCSR space.
 *
 * Register semantics from Linux (arch/loongarch/kernel/smp.c) and QEMU 7.2
 * (hw/intc/loongarch_ipi.c).  The interrupt line into ESTAT.IS[12] is
 * level = (STATUS & EN) != 0 (QEMU only re-evaluates it on SET/CLEAR; the
 * level form is what the hardware manual's "status & enable" describes).
 */
#include "devices/ipi.h"

#include <string.h>

#include "cpu/cpu.h"
#include "devices/bus.h"

void ipi_init(struct ipi *p, struct cpu *cpu, struct bus *iocsr)
{
	memset(p, 0, sizeof(*p));
	p->cpu = cpu;
	p->iocsr = iocsr;
}

static void ipi_update(struct ipi *p)
{
	cpu_set_irq(p->cpu, INT_IPI, (p->status & p->en) != 0);
}

uint64_t ipi_read(void *opaque, uint64_t off, unsigned size)
{
	struct ipi *p = opaque;
	uint64_t a = off + IPI_STATUS;
	uint64_t v = 0;

	switch (a) {
	case IPI_STATUS: v = p->status; break;
	case IPI_EN: v = p->en; break;
	default:
		if (a >= IPI_MBUF0 && a < IPI_MBUF0 + 32) {
			unsigned i = (unsigned)(a - IPI_MBUF0) >> 2;
			v = p->buf[i];
			if (size == 8 && i < 7)
				v |= (uint64_t)p->buf[i + 1] << 32;
		}
		break;
	}
	return v;
}

/* MAIL_SEND/ANY_SEND: bits 27-30 mask bytes to keep, data in bits 63:32. */
static void masked_store(struct ipi *p, uint64_t addr, uint64_t val)
{
	uint32_t keep = 0;
	for (int i = 0; i < 4; i++)
		if (val & (1ull << (27 + i)))
			keep |= 0xffu << (8 * i);
	uint64_t old = 0;
	bus_read(p->iocsr, addr, 4, &old);
	bus_write(p->iocsr, addr, 4, ((uint32_t)old & keep) | ((uint32_t)(val >> 32) & ~keep));
}

void ipi_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
	struct ipi *p = opaque;
	uint64_t a = off + IPI_STATUS;

	switch (a) {
	case IPI_STATUS: break;                 /* read-only */
	case IPI_EN: p->en = (uint32_t)val; ipi_update(p); break;
	case IPI_SET: p->status |= (uint32_t)val; ipi_update(p); break;
	case IPI_CLEAR: p->status &= ~(uint32_t)val; ipi_update(p); break;
	case IPI_SEND:
		/* cpu = val[25:16] (only core 0 exists), vector = val[4:0] */
		if (((val >> 16) & 0x3ff) == 0) {
			p->status |= 1u << (val & 0x1f);
			ipi_update(p);
		}
		break;
	case IPI_MAIL_SEND:
		if (((val >> 16) & 0x3ff) == 0)
			masked_store(p, IPI_MBUF0 + (val & 0x1c), val);
		break;
	case IPI_ANY_SEND:
		if (((val >> 16) & 0x3ff) == 0 && (val & 0xffff) != IPI_ANY_SEND)
			masked_store(p, val & 0xffff, val);
		break;
	default:
		if (a >= IPI_MBUF0 && a < IPI_MBUF0 + 32) {
			unsigned i = (unsigned)(a - IPI_MBUF0) >> 2;
			p->buf[i] = (uint32_t)val;
			if (size == 8 && i < 7)
				p->buf[i + 1] = (uint32_t)(val >> 32);
		}
		break;
	}
	(void)size;
}
