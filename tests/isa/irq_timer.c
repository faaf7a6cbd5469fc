/*
 * irq_timer.c - the constant timer (Vol.1 7.6: TCFG, TVAL, TICLR, CNTC;
 * 2.2.10.4 rdtime) and idle (4.2.6).  TCFG.En starts a countdown from
 * InitVal; at 0 the timer sets ESTAT.IS[11] (TI); one-shot mode stops
 * there, periodic mode reloads InitVal; writing 1 to TICLR clears IS[11];
 * idle waits until an interrupt line is pending (IE need not be 1).
 *
 * QEMU runs its timer on virtual time, lvzsim on the instruction count, so
 * only timing-independent facts are printed and checked: that the
 * interrupt came, on which line, how many (one for one-shot, several for
 * periodic), that TVAL decreases, that idle returned because of the timer.
 * Never a tick count.
 *
 * QEMU 7.2 departure (lvzsim-only): rdtime does not add CNTC there
 * (helper_rdtime_d); the manual: the value read is the counter plus CNTC.
 */
#include "isa.h"

#define INIT 0x8000ul           /* 32768 ticks: 328 us at 100 MHz */

static volatile unsigned hits, last_line, order[4];
static volatile unsigned long estat_seen;

static int irq_hook(struct trap_frame *f)
{
	if (ESTAT_ECODE(f->estat) != EC_INT)
		return isa_trap_hook(f);
	unsigned pending = (unsigned)(f->estat & csr_read(CSR_ECFG) & 0x1fff);
	last_line = 31 - (unsigned)__builtin_clz(pending);
	estat_seen = f->estat;
	hits++;
	if (hits <= 4)
		order[hits - 1] = last_line;
	if (last_line == INT_TI)
		csr_write(CSR_TICLR, 1);
	else if (last_line <= INT_SWI1)
		csr_xchg(CSR_ESTAT, 0, 1ul << last_line);
	else
		csr_write(CSR_ECFG, 0);         /* unexpected line: stop it */
	return 1;
}

static unsigned wait_hits(unsigned n, unsigned long spins)
{
	for (unsigned long i = 0; i < spins && hits < n; i++)
		barrier();
	return hits;
}

static void spin(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		barrier();
}

static void ie(int on) { csr_xchg(CSR_CRMD, on ? CRMD_IE : 0, CRMD_IE); }

static void check_one_shot(void)
{
	hits = 0;
	csr_write(CSR_ECFG, 1ul << INT_TI);
	ie(1);
	csr_write(CSR_TCFG, INIT | TCFG_EN);
	unsigned long t1 = csr_read(CSR_TVAL), t2 = csr_read(CSR_TVAL);
	CHECK(t1 <= INIT);
	CHECK(t2 <= t1);                    /* counting down */
	CHECK_EQ(wait_hits(1, 100000000), 1);
	CHECK_EQ(last_line, INT_TI);
	CHECK_EQ(ESTAT_ECODE(estat_seen), 0);
	spin(2000000);                      /* far longer than INIT on both */
	CHECK_EQ(hits, 1);                  /* one-shot: no second interrupt */
	CHECK_EQ(csr_read(CSR_ESTAT) & (1ul << INT_TI), 0);
	printf("one-shot: %u interrupt, line %u; tval decreasing %d\n", hits, last_line, t2 <= t1);
	ie(0);
	csr_write(CSR_TCFG, 0);
}

static void check_periodic(void)
{
	hits = 0;
	csr_write(CSR_ECFG, 1ul << INT_TI);
	ie(1);
	csr_write(CSR_TCFG, INIT | TCFG_EN | TCFG_PERIODIC);
	CHECK_EQ(wait_hits(3, 300000000), 3);
	csr_write(CSR_TCFG, 0);             /* stop it ... */
	csr_write(CSR_TICLR, 1);
	unsigned n = hits;
	spin(2000000);
	CHECK_EQ(hits, n);                  /* ... and nothing more comes */
	printf("periodic: reached %u interrupts, then none after En = 0\n", n >= 3 ? 3 : n);
	ie(0);
}

/* TI with the line masked: IS[11] rises, nothing is taken; TICLR clears it.
 * TICLR reads 0. */
static void check_masked(void)
{
	hits = 0;
	csr_write(CSR_ECFG, 0);
	ie(1);
	csr_write(CSR_TCFG, INIT | TCFG_EN);
	unsigned long i;
	for (i = 0; i < 100000000 && !(csr_read(CSR_ESTAT) & (1ul << INT_TI)); i++)
		;
	CHECK(csr_read(CSR_ESTAT) & (1ul << INT_TI));
	CHECK_EQ(hits, 0);
	CHECK_EQ(csr_read(CSR_TICLR), 0);
	csr_write(CSR_TICLR, 1);
	CHECK_EQ(csr_read(CSR_ESTAT) & (1ul << INT_TI), 0);
	printf("masked TI: pending seen, %u taken, cleared by TICLR\n", hits);
	ie(0);
	csr_write(CSR_TCFG, 0);
}

/* idle: woken by the timer; with IE = 1 the interrupt is taken, with
 * IE = 0 idle returns and the line stays pending. */
static void check_idle(void)
{
	hits = 0;
	csr_write(CSR_ECFG, 1ul << INT_TI);
	ie(1);
	csr_write(CSR_TCFG, INIT | TCFG_EN);
	__asm__ volatile("idle 0" ::: "memory");
	spin(1000);
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_line, INT_TI);
	printf("idle, IE=1: woken, %u interrupt\n", hits);
	ie(0);
	hits = 0;
	csr_write(CSR_TCFG, INIT | TCFG_EN);
	__asm__ volatile("idle 0" ::: "memory");
	CHECK_EQ(hits, 0);
	CHECK(csr_read(CSR_ESTAT) & (1ul << INT_TI));
	printf("idle, IE=0: woken, %u interrupts, TI pending %d\n", hits,
	       (int)((csr_read(CSR_ESTAT) >> INT_TI) & 1));
	csr_write(CSR_TICLR, 1);
	csr_write(CSR_TCFG, 0);
	csr_write(CSR_ECFG, 0);
}

/* TI (line 11) and SWI1 (line 1) pending together: the higher line first */
static void check_priority(void)
{
	hits = 0;
	csr_write(CSR_ECFG, 1ul << INT_TI | 1ul << INT_SWI1);
	csr_write(CSR_TCFG, INIT | TCFG_EN);
	unsigned long i;
	for (i = 0; i < 100000000 && !(csr_read(CSR_ESTAT) & (1ul << INT_TI)); i++)
		;
	csr_xchg(CSR_ESTAT, 2, 3);              /* SWI1 */
	ie(1);
	CHECK_EQ(wait_hits(2, 1000000), 2);
	CHECK_EQ(order[0], INT_TI);
	CHECK_EQ(order[1], INT_SWI1);
	printf("TI and SWI1 pending: lines %u then %u\n", order[0], order[1]);
	ie(0);
	csr_write(CSR_TCFG, 0);
	csr_write(CSR_ECFG, 0);
}

static void check_rdtime(void)
{
	unsigned long t1, t2, id, lo, hi;
	csr_write(CSR_TID, 0x1234);
	__asm__ volatile("rdtime.d %0, %1" : "=r"(t1), "=r"(id));
	CHECK_EQ(id, 0x1234);               /* rj <- TID */
	__asm__ volatile("rdtimeh.w %0, $zero\n rdtimel.w %1, $zero\n rdtime.d %2, $zero"
			 : "=r"(hi), "=r"(lo), "=r"(t2));
	CHECK(t2 >= t1);
	CHECK_EQ(hi, (unsigned long)(long)(int)(t1 >> 32));   /* high word: no carry in a few ticks */
	CHECK_EQ(lo, (unsigned long)(long)(int)lo);            /* sign-extended */
	printf("rdtime: monotonic %d, TID %lx\n", t2 >= t1, id);
	/* CNTC is added to what rdtime reads (lvzsim only, see the header) */
	if (isa_on_lvzsim()) {
		csr_write(CSR_CNTC, 1ul << 50);
		t2 = rdtime();
		CHECK(t2 >= (1ul << 50) + t1 && t2 < (1ul << 50) + t1 + (1ul << 32));
		csr_write(CSR_CNTC, -(t1 >> 1));
		unsigned long t3 = rdtime();
		CHECK(t3 < t2 - (1ul << 50) && t3 + (t1 >> 1) >= t1);
		csr_write(CSR_CNTC, 0);
	}
}

int main(void)
{
	isa_init();
	rt_trap_hook = irq_hook;
	/* CPUCFG2.LLFTP (bit 14): the constant timer exists; CPUCFG4 = 100 MHz */
	CHECK_EQ((cpucfg(2) >> 14) & 1, 1);
	CHECK_EQ(cpucfg(4), 100000000);
	check_one_shot();
	check_periodic();
	check_masked();
	check_idle();
	check_priority();
	check_rdtime();
	rt_trap_hook = isa_trap_hook;
	return 0;
}
