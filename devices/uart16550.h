/*
 * uart16550.h - ns16550a UART (byte registers, reg-shift 0), as QEMU's
 * serial-mm at 0x1fe001e0.  Transmit goes to a FILE*; receive from an
 * optional input buffer.  The interrupt output is a level line.
 */
#ifndef LVZSIM_UART16550_H
#define LVZSIM_UART16550_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct uart16550 {
	uint8_t ier, iir, lcr, mcr, lsr, msr, scr, dll, dlm, fcr;
	uint8_t rx[64];
	unsigned rx_head, rx_count;
	bool thr_ipending;      /* THRE interrupt pending (cleared by IIR read / THR write) */
	FILE *out;
	void (*irq)(void *opaque, bool level);
	void *irq_opaque;
};

void uart16550_init(struct uart16550 *u, FILE *out);
uint64_t uart16550_read(void *opaque, uint64_t off, unsigned size);
void uart16550_write(void *opaque, uint64_t off, unsigned size, uint64_t val);
/* Queue received bytes (from the host terminal or a test). */
void uart16550_receive(struct uart16550 *u, const uint8_t *buf, unsigned len);

#endif
