/*
 * harness.c - target side of the differential test: runs every generated
 * sequence of the image (table diff_seqs, from tests/diff/image.py) from
 * its seeded state and dumps the state it ends in to the UART:
 *
 *   <seq> r<n> <hex>          every GPR r1..r31
 *   <seq> f<n> <hex>          every FPR (FP sequences only)
 *   <seq> fcsr <hex> fcc <8 bits, fcc7 first>
 *   <seq> trap <k> ecode=.. esub=.. era=.. badi=.. [badv=..]
 *   <seq> traps <count>
 *   <seq> m<offset> <hex bytes>   the sandbox window, 64 bytes a line
 *
 * Exceptions inside a sequence (break, syscall, BCE, INE, FPE, ...) are
 * recorded and skipped (ERA + 4).  BADV is printed for ALE and page faults
 * only: for BCE and ADEM QEMU 7.2 writes the PC instead of the bad address
 * (see DUMP_EXCLUSIONS in gen.py).
 */
#include "rt.h"

#define PAGE 4096
#define WINDOW_LO 256   /* gen.py WINDOW_LO / WINDOW_HI */
#define WINDOW_HI 264
#define WINDOW (WINDOW_LO + WINDOW_HI)
#define MAX_TRAPS 8

struct diff_seq {
	void (*run)(void);
	const uint8_t *buf;     /* initial sandbox window */
	const char *name;
	unsigned long flags;    /* 1: dump FP state */
};
extern const struct diff_seq diff_seqs[];
extern const unsigned long diff_nseqs;

/* Two pages: the base register points at the boundary between them, so
 * unaligned accesses near offset 0 cross a page. */
uint8_t diff_sandbox[2 * PAGE] __attribute__((aligned(PAGE)));
uint64_t diff_out[66];
uint64_t diff_ctx[32];

static struct { unsigned long estat, era, badv, badi; } traps[MAX_TRAPS];
static unsigned ntraps;
static volatile int in_seq;

static int diff_trap(struct trap_frame *f)
{
	if (!in_seq)
		return 0;
	if (ntraps < MAX_TRAPS) {
		traps[ntraps].estat = f->estat;
		traps[ntraps].era = f->era;
		traps[ntraps].badv = f->badv;
		traps[ntraps].badi = f->badi;
	}
	ntraps++;
	f->era += 4;
	return 1;
}

static void put_hex(uint64_t v, int digits)
{
	static const char hex[] = "0123456789abcdef";
	for (int i = digits - 1; i >= 0; i--)
		putchar(hex[(v >> (4 * i)) & 15]);
}

static void put_str(const char *s)
{
	while (*s)
		putchar(*s++);
}

static void put_dec(unsigned v)
{
	char b[12];
	int n = 0;
	do
		b[n++] = (char)('0' + v % 10);
	while (v /= 10);
	while (n)
		putchar(b[--n]);
}

static void line_start(const struct diff_seq *s, const char *what, unsigned n, int has_n)
{
	put_str(s->name);
	putchar(' ');
	put_str(what);
	if (has_n)
		put_dec(n);
}

/* Exceptions whose BADV QEMU 7.2 and the manual agree on (Vol.1 7.4.8):
 * page faults PIL..PPI (1-7) and ALE (9).  Not ADE: for an access to no
 * device QEMU 7.2 writes the PC (gen.py DUMP_EXCLUSIONS badv-adem). */
static int badv_comparable(unsigned ecode)
{
	return (ecode >= 1 && ecode <= 7) || ecode == 9;
}

static void dump(const struct diff_seq *s)
{
	for (unsigned i = 1; i < 32; i++) {
		line_start(s, "r", i, 1);
		putchar(' ');
		put_hex(diff_out[i], 16);
		putchar('\n');
	}
	if (s->flags & 1) {
		for (unsigned i = 0; i < 32; i++) {
			line_start(s, "f", i, 1);
			putchar(' ');
			put_hex(diff_out[32 + i], 16);
			putchar('\n');
		}
		line_start(s, "fcsr ", 0, 0);
		put_hex(diff_out[64], 8);
		put_str(" fcc ");
		for (int i = 7; i >= 0; i--)
			putchar('0' + (int)((diff_out[65] >> (8 * i)) & 1));
		putchar('\n');
	}
	for (unsigned i = 0; i < ntraps && i < MAX_TRAPS; i++) {
		unsigned ec = ESTAT_ECODE(traps[i].estat);
		line_start(s, "trap ", i, 1);
		put_str(" ecode=");
		put_hex(ec, 2);
		put_str(" esub=");
		put_hex(ESTAT_ESUB(traps[i].estat), 3);
		put_str(" era=");
		put_hex(traps[i].era, 16);
		put_str(" badi=");
		put_hex(traps[i].badi, 8);
		if (badv_comparable(ec)) {
			put_str(" badv=");
			put_hex(traps[i].badv, 16);
		}
		putchar('\n');
	}
	line_start(s, "traps ", ntraps, 1);
	putchar('\n');
	const uint8_t *w = diff_sandbox + PAGE - WINDOW_LO;
	for (unsigned off = 0; off < WINDOW; off += 64) {
		line_start(s, "m", off, 1);
		putchar(' ');
		for (unsigned i = off; i < off + 64 && i < WINDOW; i++)
			put_hex(w[i], 2);
		putchar('\n');
	}
}

int main(void)
{
	rt_trap_hook = diff_trap;
	for (unsigned long i = 0; i < diff_nseqs; i++) {
		const struct diff_seq *s = &diff_seqs[i];
		memcpy(diff_sandbox + PAGE - WINDOW_LO, s->buf, WINDOW);
		memset(diff_out, 0, sizeof(diff_out));
		ntraps = 0;
		in_seq = 1;
		s->run();
		in_seq = 0;
		dump(s);
	}
	puts("DIFF DONE");
	rt_poweroff();
}
