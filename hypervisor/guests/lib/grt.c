/*
 * grt.c - the tests/rt API (rt.h) for a guest of the hypervisor.  The same
 * names and behaviour as tests/rt/rt.c, but the console is the console
 * hypercall (one hvcl per printf, not two MMIO exits per character) and
 * rt_done() ends the VM with HC_EXIT: status 0 after "PASS", 1 after
 * "FAIL n".  rt_uart still points at the VM's virtual UART for guests that
 * want to drive it themselves.
 */
#include "guest.h"

volatile uint8_t *rt_uart = (volatile uint8_t *)VM_UART_GPA;
int rt_failures;
int (*rt_trap_hook)(struct trap_frame *f);
volatile struct rt_trap_info rt_last_trap;
static volatile int expecting;
static int in_trap;

/* ---- console ---- */
int putchar(int c)
{
	char ch = (char)c;
	hv_console_write(&ch, 1);
	return c;
}

int puts(const char *s)
{
	char buf[256];
	size_t n = strlen(s);
	if (n + 1 < sizeof(buf)) {
		memcpy(buf, s, n);
		buf[n] = '\n';
		hv_console_write(buf, n + 1);
	} else {
		hv_console_write(s, n);
		putchar('\n');
	}
	return 0;
}

int printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	hv_console_write(buf, strlen(buf));
	return n;
}

/* ---- exit ---- */
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

void rt_check_fail(const char *file, int line, const char *expr, unsigned long got, unsigned long want)
{
	rt_failures++;
	printf("FAIL %s:%d: %s = 0x%lx, expected 0x%lx\n", file, line, expr, got, want);
}

void rt_done(void)
{
	if (rt_failures)
		printf("FAIL %d\n", rt_failures);
	else
		puts("PASS");
	hv_exit(rt_failures ? 1 : 0);
}

/* ---- traps (tests/rt/start.S calls rt_trap with the saved frame) ---- */
void rt_expect_trap(void)
{
	rt_last_trap.taken = 0;
	expecting = 1;
}

int rt_trap_result(void)
{
	expecting = 0;
	return rt_last_trap.taken ? (int)ESTAT_ECODE(rt_last_trap.estat) : -1;
}

void rt_trap(struct trap_frame *f);
void rt_trap(struct trap_frame *f)
{
	unsigned ec = ESTAT_ECODE(f->estat);
	if (in_trap) {
		printf("FAIL: exception %u inside the trap handler at 0x%lx\n", ec, f->era);
		rt_reset();
	}
	in_trap = 1;
	int handled = rt_trap_hook && rt_trap_hook(f);
	if (!handled && expecting && ec != EC_INT) {
		rt_last_trap.estat = f->estat;
		rt_last_trap.era = f->era;
		rt_last_trap.badv = f->badv;
		rt_last_trap.badi = f->badi;
		rt_last_trap.taken = 1;
		expecting = 0;
		f->era += 4;
		handled = 1;
	}
	if (!handled) {
		printf("FAIL: unexpected exception ecode 0x%x esub %u era=0x%lx badv=0x%lx badi=0x%lx\n",
		       ec, (unsigned)ESTAT_ESUB(f->estat), f->era, f->badv, f->badi);
		rt_reset();
	}
	in_trap = 0;
}

void rt_unexpected_refill(unsigned long badv, unsigned long era);
void rt_unexpected_refill(unsigned long badv, unsigned long era)
{
	printf("FAIL: unexpected TLB refill badv=0x%lx era=0x%lx\n", badv, era & ~3ul);
	rt_reset();
}

/* ---- memory ---- */
extern char __end[];
static unsigned long next_page;

void *rt_page_alloc(unsigned npages)
{
	if (!next_page)
		next_page = ((unsigned long)__end + 0xfff) & ~0xffful;
	void *p = (void *)next_page;
	next_page += (unsigned long)npages << 12;
	memset(p, 0, (size_t)npages << 12);
	return p;
}

void *memset(void *d, int c, size_t n)
{
	uint8_t *p = d;
	while (n--)
		*p++ = (uint8_t)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *p = d;
	const uint8_t *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	uint8_t *p = d;
	const uint8_t *q = s;
	if (p < q)
		while (n--)
			*p++ = *q++;
	else
		while (n--)
			p[n] = q[n];
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *p = a, *q = b;
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}
