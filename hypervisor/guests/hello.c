/*
 * hello - the first guest: it talks to the world both ways the VM offers.
 *
 *   1. the virtual 16550 UART, as it would drive the board's: poll LSR
 *      until THRE, write THR - each register access is an MMIO exit;
 *   2. the console hypercall (one HVC for a whole line);
 * then asks its VM id and yields once, and powers off through the VM's
 * power-off register (one more MMIO exit) instead of HC_EXIT.
 *
 * Exits it causes, for check-hypervisor: MMIO = 2 x strlen(UART_MSG) + 1;
 * HVC = 4 (the printf, HC_VM_ID, HC_YIELD, the "PASS" line); no GSPR.
 */
#include "guest.h"

#define UART_MSG "hello from the virtual UART (MMIO)\n"
#define LSR_THRE 0x20

static void uart_puts(const char *s)
{
	for (; *s; s++) {
		while (!(rt_uart[5] & LSR_THRE))
			;
		rt_uart[0] = (uint8_t)*s;
	}
}

int main(void)
{
	uart_puts(UART_MSG);
	printf("hello from the console hypercall\n");
	long id = hv_vm_id();
	CHECK(id >= 0 && id < 16);
	CHECK_EQ(hv_yield(), 0);
	if (rt_failures)
		rt_done();
	puts("PASS");
	rt_poweroff();
}
