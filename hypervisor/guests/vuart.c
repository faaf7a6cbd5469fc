/*
 * vuart - interrupt-driven output through the virtual 16550.  The
 * hypervisor's UART model raises "THR empty" on the VM's HWI0, which it
 * injects by setting GINTC.VIP bit 0; the guest sees ESTAT.IS[2] and takes
 * the interrupt with its own handler, like a 16550 driver:
 *   handler: read IIR (must say THRE - reading acknowledges it); write the
 *            next character (THR empties at once: THRE is raised again);
 *            after the last one, switch ETBEI off.
 *
 * Exits for check-hypervisor, N = strlen(MSG):
 *   irq-inj = N + 1   the line rises when ETBEI is set, then after each of
 *                     the N THR writes (the IIR read before it lowered it)
 *   MMIO = 2N + 5     LCR, IER on; per character IIR + THR; the last
 *                     interrupt's IIR, IER off; one IIR check at the end
 *   interrupts handled = N + 1 (the guest checks this itself)
 */
#include "guest.h"

#define MSG "interrupt-driven output through the virtual 16550\n"
enum { THR = 0, IER = 1, IIR = 2, LCR = 3 };
#define IER_ETBEI 0x02
#define IIR_THRE  0x02
#define IIR_NONE  0x01
#define HWI0      (1u << INT_HWI(VM_UART_HWI))

static const char msg[] = MSG;
static volatile unsigned next, handled, bad_iir;
static volatile int done;

static int on_interrupt(struct trap_frame *f)
{
	if (ESTAT_ECODE(f->estat) != EC_INT || !(f->estat & HWI0))
		return 0;
	handled++;
	if (rt_uart[IIR] != IIR_THRE)
		bad_iir++;
	if (next < sizeof(msg) - 1) {
		rt_uart[THR] = (uint8_t)msg[next++];
	} else {
		rt_uart[IER] = 0;
		done = 1;
	}
	return 1;
}

int main(void)
{
	rt_trap_hook = on_interrupt;
	irq_disable();
	csr_write(CSR_ECFG, 0);
	rt_uart[LCR] = 0x03;                    /* 8 data bits, no parity, 1 stop */
	rt_uart[IER] = IER_ETBEI;               /* THR is empty: the line rises */

	/* The injected line shows in the guest's ESTAT, read-only to it. */
	CHECK(csr_read(CSR_ESTAT) & HWI0);
	csr_xchg(CSR_ESTAT, 0, HWI0);
	CHECK(csr_read(CSR_ESTAT) & HWI0);

	csr_write(CSR_ECFG, HWI0);
	irq_enable();
	while (!done)
		;
	irq_disable();
	CHECK_EQ(handled, sizeof(msg) - 1 + 1);
	CHECK_EQ(bad_iir, 0);
	CHECK_EQ(rt_uart[IIR], IIR_NONE);       /* nothing pending any more */
	CHECK_EQ(csr_read(CSR_ESTAT) & HWI0, 0);
	rt_done();
}
