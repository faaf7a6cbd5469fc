/*
 * rt.c - console, checks, exit, trap dispatch and memory helpers of the
 * test runtime (see rt.h).
 */
#include "rt.h"

#define GED_SLEEP_CTL ((volatile uint8_t *)0x100e001cul)
#define GED_RESET     ((volatile uint8_t *)0x100e001eul)
#define UART_LSR_THRE 0x20

volatile uint8_t *rt_uart = (volatile uint8_t *)0x1fe001e0ul;
int rt_failures;
int (*rt_trap_hook)(struct trap_frame *f);
volatile struct rt_trap_info rt_last_trap;
static volatile int rt_expecting;
static int rt_in_trap;

/* ---- console ---- */
int putchar(int c)
{
	while (!(rt_uart[5] & UART_LSR_THRE))
		;
	rt_uart[0] = (uint8_t)c;
	return c;
}

int puts(const char *s)
{
	while (*s)
		putchar(*s++);
	putchar('\n');
	return 0;
}

int printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (const char *p = buf; *p; p++)
		putchar(*p);
	return n;
}

/* ---- exit ---- */
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
	rt_poweroff();
}

/* ---- traps ---- */
static const char *const ecode_names[] = {
	"INT", "PIL", "PIS", "PIF", "PME", "PNR", "PNX", "PPI", "ADE", "ALE",
	"BCE", "SYS", "BRK", "INE", "IPE", "FPD", "SXD", "ASXD", "FPE", "WPE",
	"BTD", "BTE", "GSPR", "HVC", "GCM",
};

static const char *ecode_name(unsigned ec)
{
	return ec < sizeof(ecode_names) / sizeof(ecode_names[0]) ? ecode_names[ec] : "?";
}

void rt_expect_trap(void)
{
	rt_last_trap.taken = 0;
	rt_expecting = 1;
}

int rt_trap_result(void)
{
	rt_expecting = 0;
	return rt_last_trap.taken ? (int)ESTAT_ECODE(rt_last_trap.estat) : -1;
}

void rt_trap(struct trap_frame *f);
void rt_trap(struct trap_frame *f)
{
	if (rt_in_trap) {
		printf("FAIL: exception inside the trap handler: %s era=0x%lx badv=0x%lx\n",
		       ecode_name(ESTAT_ECODE(f->estat)), f->era, f->badv);
		rt_reset();
	}
	rt_in_trap = 1;
	int handled = rt_trap_hook && rt_trap_hook(f);
	if (!handled && rt_expecting && ESTAT_ECODE(f->estat) != EC_INT) {
		rt_last_trap.estat = f->estat;
		rt_last_trap.era = f->era;
		rt_last_trap.badv = f->badv;
		rt_last_trap.badi = f->badi;
		rt_last_trap.taken = 1;
		rt_expecting = 0;
		f->era += 4;
		handled = 1;
	}
	if (!handled) {
		unsigned ec = ESTAT_ECODE(f->estat);
		printf("FAIL: unexpected exception %s (ecode 0x%x esub %u) era=0x%lx badv=0x%lx badi=0x%lx estat=0x%lx\n",
		       ecode_name(ec), ec, (unsigned)ESTAT_ESUB(f->estat), f->era, f->badv, f->badi, f->estat);
		rt_reset();
	}
	rt_in_trap = 0;
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
		next_page = ((unsigned long)__end + 0xffff) & ~0xfffful;
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
