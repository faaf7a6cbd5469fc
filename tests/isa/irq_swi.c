/*
 * irq_swi.c - software interrupts and interrupt masking (Vol.1 6.1
 * "Interrupts", 7.4.5 ECFG, 7.4.6 ESTAT): software sets ESTAT.IS[1:0]
 * (SWI0/1), only those two IS bits are writable; an interrupt is taken
 * when ESTAT.IS & ECFG.LIE != 0 and CRMD.IE = 1; the handler sees
 * Ecode = 0, PRMD.PIE = 1, CRMD.IE = 0; with several lines pending the
 * highest-numbered one is taken first.
 *
 * Printed: which line came and in which order, never where (ERA): QEMU 7.2
 * takes an interrupt at the next translation-block boundary, lvzsim at the
 * next instruction; both are allowed.  QEMU 7.2 needs a hardware line held
 * high to notice SWI at all (isa.h, isa_hold_ipi_line); that line is IPI,
 * kept masked (ECFG.LIE[12] = 0) here.
 */
#include "isa.h"

#define MAXHITS 8
static volatile unsigned hits, lines[MAXHITS];
static volatile unsigned long prmd_seen, crmd_seen, estat_seen;

static int irq_hook(struct trap_frame *f)
{
	if (ESTAT_ECODE(f->estat) != EC_INT)
		return isa_trap_hook(f);
	unsigned pending = (unsigned)(f->estat & csr_read(CSR_ECFG) & 0x1fff);
	unsigned line = 31 - (unsigned)__builtin_clz(pending);
	if (hits < MAXHITS)
		lines[hits] = line;
	hits++;
	prmd_seen = f->prmd;
	crmd_seen = csr_read(CSR_CRMD);
	estat_seen = f->estat;
	csr_xchg(CSR_ESTAT, 0, 1ul << line);    /* acknowledge that SWI line only */
	return 1;
}

/* Spin (bounded) until `n` interrupts arrived; returns how many did. */
static unsigned wait_hits(unsigned n, unsigned long spins)
{
	for (unsigned long i = 0; i < spins && hits < n; i++)
		barrier();
	return hits;
}

/* PLV3: wait for the interrupt (only memory, no CSR access) */
static unsigned long user_wait(unsigned long spins)
{
	for (unsigned long i = 0; i < spins && !hits; i++)
		__asm__ volatile("" ::: "memory");
	return hits;
}

static void ie(int on) { csr_xchg(CSR_CRMD, on ? CRMD_IE : 0, CRMD_IE); }

int main(void)
{
	isa_init();
	rt_trap_hook = irq_hook;
	isa_hold_ipi_line(1);

	/* only IS[1:0] are writable by software */
	csr_write(CSR_ECFG, 0);
	csr_write(CSR_ESTAT, ~0ul);
	CHECK_EQ(csr_read(CSR_ESTAT) & 0x0fff, 3);      /* IS[11:2] untouched; [12] is the held IPI */
	CHECK_EQ(csr_read(CSR_ESTAT) & ~0x1ffful, 0);   /* Ecode/EsubCode are read-only too */
	csr_write(CSR_ESTAT, 0);
	CHECK_EQ(csr_read(CSR_ESTAT) & 3, 0);

	/* 1. ECFG.LIE masks: SWI0 pending, IE = 1, LIE = 0 -> nothing */
	hits = 0;
	ie(1);
	csr_xchg(CSR_ESTAT, 1, 3);
	CHECK_EQ(wait_hits(1, 10000), 0);
	printf("SWI0 masked by LIE: %u interrupts\n", hits);
	csr_write(CSR_ECFG, 1ul << INT_SWI0);          /* unmask: taken at once */
	CHECK_EQ(wait_hits(1, 1000000), 1);
	CHECK_EQ(lines[0], INT_SWI0);
	CHECK_EQ(ESTAT_ECODE(estat_seen), 0);
	CHECK_EQ(prmd_seen & PRMD_PIE, PRMD_PIE);
	CHECK_EQ(crmd_seen & CRMD_IE, 0);
	CHECK_EQ(csr_read(CSR_ESTAT) & 3, 0);           /* the handler acknowledged it */
	printf("SWI0 unmasked: %u interrupt(s), line %u\n", hits, lines[0]);

	/* 2. CRMD.IE masks: pending and enabled, IE = 0 -> nothing until IE = 1 */
	ie(0);
	hits = 0;
	csr_write(CSR_ECFG, 3);
	csr_xchg(CSR_ESTAT, 2, 3);                      /* SWI1 */
	CHECK_EQ(wait_hits(1, 10000), 0);
	CHECK_EQ(csr_read(CSR_ESTAT) & 3, 2);           /* still pending */
	printf("SWI1 with IE=0: %u interrupts\n", hits);
	ie(1);
	CHECK_EQ(wait_hits(1, 1000000), 1);
	CHECK_EQ(lines[0], INT_SWI1);
	printf("SWI1 with IE=1: line %u\n", lines[0]);

	/* 3. priority: both pending, then IE = 1: SWI1 first, then SWI0 */
	ie(0);
	hits = 0;
	csr_xchg(CSR_ESTAT, 3, 3);
	ie(1);
	CHECK_EQ(wait_hits(2, 1000000), 2);
	CHECK_EQ(lines[0], INT_SWI1);
	CHECK_EQ(lines[1], INT_SWI0);
	printf("both pending: lines %u then %u\n", lines[0], lines[1]);

	/* 4. acknowledged: nothing more comes */
	CHECK_EQ(wait_hits(3, 10000), 2);

	/* 5. taken in user mode: SWI0 pending, ertn to PLV3 with PIE = 1 -> the
	 * interrupt comes from PLV3 (PRMD.PPLV = 3, PIE = 1) and returns there */
	ie(0);
	hits = 0;
	csr_write(CSR_ECFG, 1ul << INT_SWI0);
	csr_xchg(CSR_ESTAT, 1, 3);
	CHECK_EQ(isa_run_user(user_wait, 1000000, 1), 1);
	CHECK_EQ(prmd_seen & 7, 3 | PRMD_PIE);
	CHECK_EQ(lines[0], INT_SWI0);
	printf("from PLV3: line %u, prmd %lx\n", lines[0], prmd_seen & 7);
	ie(0);
	csr_write(CSR_ECFG, 0);
	isa_hold_ipi_line(0);
	rt_trap_hook = isa_trap_hook;
	return 0;
}
