/*
 * uart16550.c - ns16550a register model (National Semiconductor PC16550D
 * data sheet; the subset QEMU's hw/char/serial.c implements).
 *
 * Transmission is instantaneous: THR writes go straight to the output file
 * and LSR always shows THRE|TEMT, so polling loops never spin.
 */
#include "devices/uart16550.h"

#include <string.h>

enum { RBR_THR = 0, IER = 1, IIR_FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };
#define LSR_DR   0x01
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define LCR_DLAB 0x80
#define IER_RDI  0x01
#define IER_THRI 0x02
#define IIR_NONE 0x01
#define IIR_THRI 0x02
#define IIR_RDI  0x04

static void uart_update(struct uart16550 *u)
{
	uint8_t iir = IIR_NONE;
	if ((u->ier & IER_RDI) && u->rx_count)
		iir = IIR_RDI;
	else if ((u->ier & IER_THRI) && u->thr_ipending)
		iir = IIR_THRI;
	u->iir = iir | (u->fcr & 1 ? 0xc0 : 0);
	u->lsr = LSR_THRE | LSR_TEMT | (u->rx_count ? LSR_DR : 0);
	if (u->irq)
		u->irq(u->irq_opaque, !(iir & IIR_NONE));
}

void uart16550_init(struct uart16550 *u, FILE *out)
{
	memset(u, 0, sizeof(*u));
	u->out = out;
	u->msr = 0xb0;  /* DCD, DSR, CTS as QEMU reports them */
	uart_update(u);
}

void uart16550_receive(struct uart16550 *u, const uint8_t *buf, unsigned len)
{
	for (unsigned i = 0; i < len && u->rx_count < sizeof(u->rx); i++) {
		u->rx[(u->rx_head + u->rx_count) % sizeof(u->rx)] = buf[i];
		u->rx_count++;
	}
	uart_update(u);
}

uint64_t uart16550_read(void *opaque, uint64_t off, unsigned size)
{
	struct uart16550 *u = opaque;
	uint8_t v = 0;
	(void)size;
	switch (off & 7) {
	case RBR_THR:
		if (u->lcr & LCR_DLAB) {
			v = u->dll;
		} else if (u->rx_count) {
			v = u->rx[u->rx_head];
			u->rx_head = (u->rx_head + 1) % sizeof(u->rx);
			u->rx_count--;
			uart_update(u);
		}
		break;
	case IER: v = (u->lcr & LCR_DLAB) ? u->dlm : u->ier; break;
	case IIR_FCR:
		v = u->iir;
		if ((v & 0x0f) == IIR_THRI) {   /* reading IIR acknowledges THRE */
			u->thr_ipending = false;
			uart_update(u);
		}
		break;
	case LCR: v = u->lcr; break;
	case MCR: v = u->mcr; break;
	case LSR: v = u->lsr; break;
	case MSR: v = u->msr; break;
	case SCR: v = u->scr; break;
	}
	return v;
}

void uart16550_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
	struct uart16550 *u = opaque;
	uint8_t v = (uint8_t)val;
	(void)size;
	switch (off & 7) {
	case RBR_THR:
		if (u->lcr & LCR_DLAB) {
			u->dll = v;
			break;
		}
		if (u->out) {
			fputc(v, u->out);
			if (v == '\n')
				fflush(u->out);
		}
		u->thr_ipending = true;     /* transmitter empty again at once */
		uart_update(u);
		break;
	case IER:
		if (u->lcr & LCR_DLAB) {
			u->dlm = v;
		} else {
			/* enabling THRI with an empty transmitter raises it (16550D) */
			if ((v & IER_THRI) && !(u->ier & IER_THRI))
				u->thr_ipending = true;
			u->ier = v & 0x0f;
			uart_update(u);
		}
		break;
	case IIR_FCR:
		u->fcr = v & 0xc9;
		if (v & 0x02) {     /* clear receive FIFO */
			u->rx_count = 0;
			u->rx_head = 0;
		}
		uart_update(u);
		break;
	case LCR: u->lcr = v; break;
	case MCR: u->mcr = v & 0x1f; break;
	case LSR: break;
	case MSR: break;
	case SCR: u->scr = v; break;
	}
}
