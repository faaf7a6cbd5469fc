/*
 * rt.c - printing, checks, trap dispatch and the page allocator of the
 * test runtime (see rt.h); the console and exit underneath are board.c's.
 */
#include "rt.h"

int rt_failures;
int (*rt_trap_hook)(struct trap_frame *f);
volatile struct rt_trap_info rt_last_trap;
static volatile int rt_expecting;
static int rt_in_trap;

/* ---- console: whole lines go out in one rt_console_write ---- */
int puts(const char *s)
{
	char buf[256];
	size_t n = strlen(s);
	if (n + 1 < sizeof(buf)) {
		memcpy(buf, s, n);
		buf[n] = '\n';
		rt_console_write(buf, n + 1);
	} else {
		rt_console_write(s, n);
		rt_console_write("\n", 1);
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
	rt_console_write(buf, strlen(buf));
	return n;
}

/* ---- checks ---- */
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
	rt_exit(rt_failures ? 1 : 0);
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
/* __heap_start: where the linker script says free RAM begins (rt.ld: 64 KiB
 * aligned after the image, so 16 KiB pages can be carved from it). */
extern char __heap_start[];
static unsigned long next_page;

void *rt_page_alloc(unsigned npages)
{
	if (!next_page)
		next_page = (unsigned long)__heap_start;
	void *p = (void *)next_page;
	next_page += (unsigned long)npages << 12;
	memset(p, 0, (size_t)npages << 12);
	return p;
}

