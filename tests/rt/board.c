/*
 * board.c - console and exit of a test image on the bare board (lvzsim or
 * QEMU 7.2 virt): the ns16550a UART, polled, and the ACPI GED registers.
 * A guest of the project's hypervisor has its own version of these few
 * functions (hypervisor/guests/lib/grt.c); the rest of the runtime
 * (rt.c, printf.c, string.c) is shared.
 */
#include "rt.h"

#define GED_SLEEP_CTL ((volatile uint8_t *)0x100e001cul)
#define GED_RESET     ((volatile uint8_t *)0x100e001eul)
#define UART_LSR_THRE 0x20

volatile uint8_t *rt_uart = (volatile uint8_t *)0x1fe001e0ul;

int putchar(int c)
{
	while (!(rt_uart[5] & UART_LSR_THRE))
		;
	rt_uart[0] = (uint8_t)c;
	return c;
}

void rt_console_write(const char *s, size_t n)
{
	while (n--)
		putchar(*s++);
}

void rt_poweroff(void)
{
	*GED_SLEEP_CTL = 0x34;  /* SLP_EN | SLP_TYP = 5 (S5) */
	for (;;)
		;
}

void rt_reset(void)
{
	*GED_RESET = 0x42;
	for (;;)
		;
}

/* The board has no exit status: the PASS / FAIL line rt_done() printed is
 * the result, and the image powers off either way (so QEMU exits 0 and the
 * outputs can be compared). */
void rt_exit(int status)
{
	(void)status;
	rt_poweroff();
}
