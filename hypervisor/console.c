/*
 * console.c - the hypervisor's output on the board UART (ns16550a at
 * 0x1fe001e0, through the uncached window), and leaving the simulator
 * through the board's ACPI GED registers.
 */
#include "hv.h"

#define UART_THR 0
#define UART_LSR 5
#define LSR_THRE 0x20

static volatile uint8_t *const uart = (volatile uint8_t *)(HV_DMW_UNCACHED | BOARD_UART_PA);

void hv_putc(char c)
{
	while (!(uart[UART_LSR] & LSR_THRE))
		;
	uart[UART_THR] = (uint8_t)c;
}

int hv_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (const char *p = buf; *p; p++)
		hv_putc(*p);
	return n;
}

void board_power_off(void)
{
	*(volatile uint8_t *)(HV_DMW_UNCACHED | BOARD_GED_SLEEP) = 0x34;   /* S5 */
	for (;;)
		;
}

void board_reset(void)
{
	*(volatile uint8_t *)(HV_DMW_UNCACHED | BOARD_GED_RESET) = 0x42;
	for (;;)
		;
}

void hv_panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	hv_printf("hv: PANIC: %s\n", buf);
	board_reset();
}

/* refill.S: a TLB refill of the hypervisor's own (not a guest's) address. */
void hv_host_refill_panic(uint64_t badv, uint64_t era);
void hv_host_refill_panic(uint64_t badv, uint64_t era)
{
	hv_panic("TLB refill in the hypervisor itself: badv=0x%lx era=0x%lx", badv, era & ~3ul);
}
