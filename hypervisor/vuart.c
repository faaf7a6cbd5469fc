/*
 * vuart.c - design part 9: a virtual 16550 UART per VM at VM_UART_GPA
 * (the board's address, so guest code written for the board works).
 * Every register access is an MMIO exit (mmio.c).  What the guest
 * transmits goes to the host console, one "[vm name] ..." line at a time.
 *
 * Registers (NS16550A data sheet; DLAB = LCR bit 7 selects DLL/DLM):
 *   0 THR (write) / RBR (read, always 0: there is no input)   1 IER
 *   2 IIR (read) / FCR (write, ignored)   3 LCR   4 MCR   5 LSR   6 MSR   7 SCR
 * Transmission takes no time: LSR always says THRE | TEMT.
 *
 * Interrupt (IER bit 1, ETBEI, "THR empty"): pending when THR becomes empty
 * - right after every THR write - and when ETBEI is switched on while THR
 * is empty; cleared by a THR write or by reading IIR while IIR reports it.
 * The line (pending & ETBEI) drives the guest's HWI0 through GINTC.VIP.
 */
#include "parts.h"

enum { THR = 0, IER = 1, IIR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };
#define IER_ETBEI   0x02
#define IIR_NONE    0x01
#define IIR_THRE    0x02
#define LCR_DLAB    0x80
#define LSR_THRE    0x20
#define LSR_TEMT    0x40
#define MSR_CTS_DSR_DCD 0xb0

static void update_line(struct vm *vm)
{
	struct vuart *u = &vm->uart;
	vm_set_irq_line(vm, VM_UART_HWI, (u->ier & IER_ETBEI) && u->thre_pending);
}

uint64_t vuart_read(struct vm *vm, uint64_t off, unsigned size)
{
	struct vuart *u = &vm->uart;
	uint64_t v = 0;
	(void)size;     /* byte registers: a wider read returns the first */
	switch (off) {
	case THR: v = (u->lcr & LCR_DLAB) ? u->dll : 0; break;
	case IER: v = (u->lcr & LCR_DLAB) ? u->dlm : u->ier; break;
	case IIR:
		if ((u->ier & IER_ETBEI) && u->thre_pending) {
			v = IIR_THRE;
			u->thre_pending = false;    /* reading IIR acknowledges it */
		} else {
			v = IIR_NONE;
		}
		break;
	case LCR: v = u->lcr; break;
	case MCR: v = u->mcr; break;
	case LSR: v = LSR_THRE | LSR_TEMT; break;
	case MSR: v = MSR_CTS_DSR_DCD; break;
	case SCR: v = u->scr; break;
	}
	update_line(vm);
	return v;
}

void vuart_write(struct vm *vm, uint64_t off, unsigned size, uint64_t val)
{
	struct vuart *u = &vm->uart;
	uint8_t b = (uint8_t)val;
	(void)size;
	switch (off) {
	case THR:
		if (u->lcr & LCR_DLAB) {
			u->dll = b;
		} else {
			vm_console_putc(vm, (char)b);
			u->thre_pending = true;     /* sent at once: THR is empty again */
		}
		break;
	case IER:
		if (u->lcr & LCR_DLAB) {
			u->dlm = b;
		} else {
			if ((b & IER_ETBEI) && !(u->ier & IER_ETBEI))
				u->thre_pending = true; /* THR is empty: say so */
			u->ier = b & 0x0f;
		}
		break;
	case LCR: u->lcr = b; break;
	case MCR: u->mcr = b & 0x1f; break;
	case SCR: u->scr = b; break;
	default: break;     /* FCR, LSR, MSR: nothing to change */
	}
	update_line(vm);
}

void vuart_attach(struct vm *vm)
{
	memset(&vm->uart, 0, sizeof(vm->uart));
	vm->dev[vm->ndev++] = (struct mmio_device){
		.name = "uart", .gpa = VM_UART_GPA, .size = 8, .read = vuart_read, .write = vuart_write,
	};
}
