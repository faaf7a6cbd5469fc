/*
 * grt.c - the console and exit of the tests/rt runtime (rt.h) for a guest
 * of the hypervisor; printing, checks, traps and memory are tests/rt's own
 * rt.c, printf.c and string.c.  The console is the console hypercall (one
 * hvcl per line, not two MMIO exits per character) and rt_done() ends the
 * VM with HC_EXIT: status 0 after "PASS", 1 after "FAIL n".  rt_uart still
 * points at the VM's virtual UART for guests that want to drive it
 * themselves.
 */
#include "guest.h"

volatile uint8_t *rt_uart = (volatile uint8_t *)VM_UART_GPA;

int putchar(int c)
{
	char ch = (char)c;
	hv_console_write(&ch, 1);
	return c;
}

void rt_console_write(const char *s, size_t n)
{
	hv_console_write(s, n);
}

void rt_poweroff(void)
{
	*(volatile uint8_t *)VM_POWER_GPA = VM_POWER_OFF;
	for (;;)
		;
}

void rt_reset(void)
{
	hv_exit(3);
}

void rt_exit(int status)
{
	hv_exit(status);
}
