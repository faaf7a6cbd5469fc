/*
 * atomic_llsc.c - LL/SC (Vol.1 2.2.7) and the LLbit controls (LLBCTL,
 * 7.4.12): ll.w/ll.d load (sign-extended) and set the LLbit; sc.w/sc.d
 * store only if the LLbit is 1 and write it to rd; ertn clears the LLbit
 * unless LLBCTL.KLO is 1 (KLO itself clears on that ertn); writing 1 to
 * LLBCTL.WCLLB clears it; LLBCTL.ROLLB reads it.
 *
 * Printed (and so compared with QEMU 7.2): the cases where QEMU and the
 * manual agree.  QEMU 7.2 models LL/SC as "address and value unchanged"
 * (a cmpxchg against the value ll read) and LLBCTL as a plain register,
 * so these are checked on lvzsim only, never printed:
 *   - KLO: QEMU's ertn always clears; ROLLB/WCLLB/KLO have no effect there;
 *   - a store by this core between ll and sc that changes the value: the
 *     manual clears the LLbit only on ertn or another master's store, so
 *     sc succeeds; QEMU's cmpxchg fails;
 *   - ll/sc at a misaligned address: ALE by the manual (atomic accesses
 *     are never unaligned, Vol.1 "Unaligned Memory Access"), performed by
 *     QEMU.
 */
#include "isa.h"

static uint64_t cell[2] __attribute__((aligned(16)));

static unsigned long ll_w(void *p)
{ unsigned long v; __asm__ volatile("ll.w %0, %1, 0" : "=r"(v) : "r"(p) : "memory"); return v; }
static unsigned long ll_d(void *p)
{ unsigned long v; __asm__ volatile("ll.d %0, %1, 0" : "=r"(v) : "r"(p) : "memory"); return v; }
static unsigned long sc_w(void *p, unsigned long v)
{ __asm__ volatile("sc.w %0, %1, 0" : "+r"(v) : "r"(p) : "memory"); return v; }
static unsigned long sc_d(void *p, unsigned long v)
{ __asm__ volatile("sc.d %0, %1, 0" : "+r"(v) : "r"(p) : "memory"); return v; }

/* An exception round trip: syscall, handler, ertn. */
static void ertn_roundtrip(void)
{
	isa_expect(0);
	__asm__ volatile("syscall 0" ::: "memory");
	CHECK_EQ(isa_ecode(), EC_SYS);
}

static unsigned long rollb(void) { return csr_read(CSR_LLBCTL) & 1; }

static void check_common(void)
{
	/* ll.w sign-extends; sc.w succeeds right after it */
	cell[0] = 0x1234567880000000ul;
	CHECK_EQ(ll_w(cell), 0xffffffff80000000ul);
	CHECK_EQ(sc_w(cell, 0x11111111ul), 1);
	CHECK_EQ(cell[0], 0x1234567811111111ul);
	/* ll.d / sc.d, with an si14 << 2 offset */
	cell[1] = 0x8000000000000001ul;
	unsigned long v, ok;
	__asm__ volatile("ll.d %0, %2, 8\n addi.d %0, %0, 1\n or %1, %0, $zero\n sc.d %1, %2, 8"
			 : "=&r"(v), "=&r"(ok) : "r"(cell) : "memory");
	CHECK_EQ(ok, 1);
	CHECK_EQ(cell[1], 0x8000000000000002ul);
	/* an ertn between ll and sc clears the LLbit: sc fails, writes nothing */
	cell[0] = 5;
	ll_d(cell);
	ertn_roundtrip();
	CHECK_EQ(sc_d(cell, 6), 0);
	CHECK_EQ(cell[0], 5);
	/* sc without a preceding ll (the LLbit is 0 after the last ertn) */
	ertn_roundtrip();
	CHECK_EQ(sc_w(cell, 7), 0);
	CHECK_EQ(cell[0], 5);
	/* a store of the same value between ll and sc does not break it */
	ll_d(cell);
	*(volatile uint64_t *)cell = 5;
	CHECK_EQ(sc_d(cell, 8), 1);
	CHECK_EQ(cell[0], 8);
	/* a retry loop: atomic increment */
	for (int i = 0; i < 10; i++) {
		do {
			v = ll_d(cell);
		} while (!sc_d(cell, v + 1));
	}
	CHECK_EQ(cell[0], 18);
	printf("ll/sc common ok\n");
}

static void check_llbctl(void)
{
	if (!isa_on_lvzsim())
		return;     /* QEMU 7.2: LLBCTL is a plain register (see the header) */
	cell[0] = 1;
	/* ROLLB follows the LLbit */
	ertn_roundtrip();
	CHECK_EQ(rollb(), 0);
	ll_d(cell);
	CHECK_EQ(rollb(), 1);
	/* WCLLB: writing 1 clears the LLbit; the bit reads 0 */
	csr_write(CSR_LLBCTL, 2);
	CHECK_EQ(rollb(), 0);
	CHECK_EQ(csr_read(CSR_LLBCTL) & 2, 0);
	CHECK_EQ(sc_d(cell, 2), 0);
	CHECK_EQ(cell[0], 1);
	/* KLO: one ertn keeps the LLbit, and KLO clears itself */
	ll_d(cell);
	csr_write(CSR_LLBCTL, 4);
	ertn_roundtrip();
	CHECK_EQ(csr_read(CSR_LLBCTL) & 4, 0);
	CHECK_EQ(rollb(), 1);
	CHECK_EQ(sc_d(cell, 3), 1);
	CHECK_EQ(cell[0], 3);
	/* ... only one: the second ertn clears it */
	ll_d(cell);
	csr_write(CSR_LLBCTL, 4);
	ertn_roundtrip();
	ertn_roundtrip();
	CHECK_EQ(sc_d(cell, 4), 0);
	CHECK_EQ(cell[0], 3);
	/* a store by this core that changes the value keeps the LLbit */
	ll_w(cell);
	*(volatile uint64_t *)cell = 0x77;
	CHECK_EQ(sc_w(cell, 0x99), 1);
	CHECK_EQ(cell[0], 0x99);
	/* misaligned ll/sc: ALE with BADV = the address */
	isa_expect(0);
	ll_w((uint8_t *)cell + 2);
	CHECK_EQ(isa_ecode(), EC_ALE);
	CHECK_EQ(isa_trap.badv, (unsigned long)cell + 2);
	ll_d(cell);
	isa_expect(0);
	sc_d((uint8_t *)cell + 4, 0);
	CHECK_EQ(isa_ecode(), EC_ALE);
	CHECK_EQ(cell[0], 0x99);
}

int main(void)
{
	isa_init();
	check_common();
	check_llbctl();
	return 0;
}
