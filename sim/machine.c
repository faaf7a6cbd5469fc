/*
 * machine.c - assembling the board and running it.
 */
#include "sim/machine.h"

#include <stdlib.h>
#include <string.h>

#include "devices/iocsr_misc.h"
#include "devices/power.h"
#include "sim/trace.h"

static void unassigned_mem(void *opaque, uint64_t pa, unsigned size, bool write, uint64_t val)
{
	struct machine *m = opaque;
	struct cpu *c = &m->cpu;
	if (c->trace && (c->trace->events & (TEV_MEM | TEV_EXC)))
		trace_note(c->trace, c, "unassigned %s pa=0x%llx size=%u: no device here (QEMU 7.2: failed transaction, ADEM/ADEF)",
			   write ? "store" : "load", (unsigned long long)pa, size);
	(void)val;
}

static void unassigned_iocsr(void *opaque, uint64_t pa, unsigned size, bool write, uint64_t val)
{
	struct machine *m = opaque;
	struct cpu *c = &m->cpu;
	if (c->trace && (c->trace->events & (TEV_MEM | TEV_EXC)))
		trace_note(c->trace, c, "unassigned iocsr %s addr=0x%llx size=%u val=0x%llx (reads 0, writes ignored, as QEMU)",
			   write ? "write" : "read", (unsigned long long)pa, size,
			   (unsigned long long)val);
}

static uint64_t uart_rd(void *opaque, uint64_t off, unsigned size)
{
	return uart16550_read(opaque, off, size);
}

static void uart_wr(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
	uart16550_write(opaque, off, size, val);
}

static uint64_t ipi_rd(void *opaque, uint64_t off, unsigned size)
{
	return ipi_read(opaque, off, size);
}

static void ipi_wr(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
	ipi_write(opaque, off, size, val);
}

bool machine_init(struct machine *m, uint64_t ram_size, FILE *uart_out)
{
	memset(m, 0, sizeof(*m));
	m->ram_size = ram_size;
	bus_init(&m->bus, "system");
	bus_init(&m->iocsr, "iocsr");
	m->bus.unassigned = unassigned_mem;
	m->bus.unassigned_opaque = m;
	m->iocsr.unassigned = unassigned_iocsr;
	m->iocsr.unassigned_opaque = m;

	uint64_t low = ram_size < LOWRAM_SIZE ? ram_size : LOWRAM_SIZE;
	if (!bus_add_ram(&m->bus, LOWRAM_BASE, low))
		return false;
	if (ram_size > LOWRAM_SIZE && !bus_add_ram(&m->bus, HIGHRAM_BASE, ram_size - LOWRAM_SIZE))
		return false;

	cpu_init(&m->cpu, m);
	uart16550_init(&m->uart, uart_out);
	bus_add_mmio(&m->bus, UART_BASE, 8, "uart", uart_rd, uart_wr, &m->uart);
	power_attach(m);

	iocsr_misc_attach(&m->iocsr);
	ipi_init(&m->ipi, &m->cpu, &m->iocsr);
	bus_add_mmio(&m->iocsr, IPI_STATUS, 0x160, "ipi", ipi_rd, ipi_wr, &m->ipi);
	return true;
}

void machine_free(struct machine *m)
{
	bus_free(&m->bus);
	bus_free(&m->iocsr);
}

void machine_stop(struct machine *m, int status, const char *why)
{
	if (m->stop)
		return;     /* the first reason wins */
	m->stop = true;
	m->exit_status = status;
	m->stop_msg = why;
	cpu_kick(&m->cpu, STOP_MACHINE);
}

int machine_run(struct machine *m)
{
	struct cpu *c = &m->cpu;
	while (!m->stop) {
		uint64_t limit = UINT64_MAX;
		if (c->max_icount) {
			if (c->icount >= c->max_icount) {
				machine_stop(m, EXIT_MAXINSNS, "instruction limit (--max-insns) reached");
				break;
			}
			limit = c->max_icount - c->icount;
		}
		cpu_run(c, limit);
	}
	fflush(m->uart.out);
	return m->exit_status;
}
