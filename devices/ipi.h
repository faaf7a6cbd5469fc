/*
 * ipi.h - the per-core IPI block in IOCSR space (Linux kernel/smp.c,
 * QEMU hw/intc/loongarch_ipi.c): STATUS/EN/SET/CLEAR, four mailboxes,
 * IPI_SEND / MAIL_SEND / ANY_SEND.  One core: sends to core 0 only.
 */
#ifndef LVZSIM_IPI_H
#define LVZSIM_IPI_H

#include <stdint.h>

struct cpu;
struct bus;

enum {
	IPI_STATUS = 0x1000, IPI_EN = 0x1004, IPI_SET = 0x1008, IPI_CLEAR = 0x100c,
	IPI_MBUF0 = 0x1020, IPI_SEND = 0x1040, IPI_MAIL_SEND = 0x1048,
	IPI_ANY_SEND = 0x1158,
};

struct ipi {
	uint32_t status, en;
	uint32_t buf[8];        /* MBUF0-3 as 32-bit words, as QEMU stores them */
	struct cpu *cpu;
	struct bus *iocsr;      /* MAIL_SEND/ANY_SEND write through it */
};

void ipi_init(struct ipi *p, struct cpu *cpu, struct bus *iocsr);
uint64_t ipi_read(void *opaque, uint64_t off, unsigned size);
void ipi_write(void *opaque, uint64_t off, unsigned size, uint64_t val);

#endif
