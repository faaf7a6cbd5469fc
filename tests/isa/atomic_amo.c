/*
 * atomic_amo.c - AM* read-modify-write instructions (Vol.1 2.2.7):
 * am{swap,add,and,or,xor,max,min}[_db].{w,d}, am{max,min}[_db].{wu,du}.
 * rd <- old [rj] (sign-extended for .w/.wu), [rj] <- op(old, rk).
 *
 * Hash lines (every instruction over isa_vals x isa_vals as (old, rk):
 * the returned value and the new 64-bit memory cell) are compared with
 * QEMU 7.2; CHECK_EQs are worked out by hand.  Corner cases:
 *   - rd == rj: INE by the manual; rd == rk: "uncertain" by the manual,
 *     INE on QEMU 7.2 and on lvzsim (we follow QEMU); rd = $zero is no
 *     overlap (the result is discarded, memory is still updated).
 *   - a misaligned address raises ALE (the manual: AM* always require
 *     natural alignment).  QEMU 7.2 performs the access instead (its
 *     atomics carry no MO_ALIGN): checked on lvzsim only, nothing printed.
 */
#include "isa.h"

static uint64_t cell[4] __attribute__((aligned(32)));

/* f_am<op>_<w> runs "am<op>.<w>", f_am<op>_db_<w> runs "am<op>_db.<w>". */
#define PAIR(op, w) \
	static unsigned long f_am##op##_##w(unsigned long *mem, unsigned long k) { unsigned long r; \
	__asm__ volatile("am" #op "." #w " %0, %1, %2" : "=&r"(r) : "r"(k), "r"(mem) : "memory"); return r; } \
	static unsigned long f_am##op##_db_##w(unsigned long *mem, unsigned long k) { unsigned long r; \
	__asm__ volatile("am" #op "_db." #w " %0, %1, %2" : "=&r"(r) : "r"(k), "r"(mem) : "memory"); return r; }
PAIR(swap, w) PAIR(swap, d) PAIR(add, w) PAIR(add, d) PAIR(and, w) PAIR(and, d)
PAIR(or, w) PAIR(or, d) PAIR(xor, w) PAIR(xor, d) PAIR(max, w) PAIR(max, d)
PAIR(min, w) PAIR(min, d) PAIR(max, wu) PAIR(max, du) PAIR(min, wu) PAIR(min, du)

typedef unsigned long (*am_fn)(unsigned long *, unsigned long);
#define E(op, w) { "am" #op "." #w, f_am##op##_##w }, { "am" #op "_db." #w, f_am##op##_db_##w }
static const struct { const char *name; am_fn fn; } ops[] = {
	E(swap, w), E(swap, d), E(add, w), E(add, d), E(and, w), E(and, d),
	E(or, w), E(or, d), E(xor, w), E(xor, d), E(max, w), E(max, d),
	E(min, w), E(min, d), E(max, wu), E(max, du), E(min, wu), E(min, du),
};

/* Run op on a cell holding `old` (the high word of a .w cell is a marker
 * that must survive); return rd, leave the cell in *after. */
static unsigned long run(am_fn f, unsigned long old, unsigned long k, unsigned long *after)
{
	cell[0] = old;
	unsigned long r = f((unsigned long *)cell, k);
	*after = cell[0];
	return r;
}

#define HI 0xdeadbeef00000000ul

static void check_by_hand(void)
{
	unsigned long m, r;
	/* .w: low word only, rd sign-extended, high word untouched */
	r = run(f_amswap_w, HI | 0x80000000, 0x123456789ul, &m);
	CHECK_EQ(r, 0xffffffff80000000ul);
	CHECK_EQ(m, HI | 0x23456789);
	r = run(f_amadd_w, HI | 0x7fffffff, 1, &m);
	CHECK_EQ(r, 0x7fffffff);
	CHECK_EQ(m, HI | 0x80000000);
	r = run(f_amadd_d, ~0ul, 2, &m);
	CHECK_EQ(r, ~0ul);
	CHECK_EQ(m, 1);
	r = run(f_amand_db_w, HI | 0xff00ff00, 0x0ff00ff0, &m);
	CHECK_EQ(m, HI | 0x0f000f00);
	CHECK_EQ(r, 0xffffffffff00ff00ul);
	r = run(f_amor_d, 0xf0, 0x0f, &m);
	CHECK_EQ(m, 0xff);
	r = run(f_amxor_w, HI | 0xffffffff, 0x0000ffff, &m);
	CHECK_EQ(m, HI | 0xffff0000);
	/* max/min signed vs unsigned, on 32 and 64 bits */
	run(f_ammax_w, HI | 0xffffffff, 1, &m);            /* -1 vs 1 */
	CHECK_EQ(m, HI | 1);
	run(f_ammax_wu, HI | 0xffffffff, 1, &m);           /* 0xffffffff vs 1 */
	CHECK_EQ(m, HI | 0xffffffff);
	run(f_ammin_w, HI | 0x80000000, 0x7fffffff, &m);
	CHECK_EQ(m, HI | 0x80000000);
	run(f_ammin_wu, HI | 0x80000000, 0x7fffffff, &m);
	CHECK_EQ(m, HI | 0x7fffffff);
	run(f_ammin_d, 0x8000000000000000ul, 0, &m);
	CHECK_EQ(m, 0x8000000000000000ul);
	run(f_ammax_du, 0x8000000000000000ul, 0, &m);
	CHECK_EQ(m, 0x8000000000000000ul);
	run(f_ammin_du, 5, ~0ul, &m);
	CHECK_EQ(m, 5);
	run(f_ammax_db_d, 5, ~0ul, &m);
	CHECK_EQ(m, 5);
	r = run(f_ammax_wu, HI | 0x80000000, 0, &m);        /* rd sign-extended for .wu too */
	CHECK_EQ(r, 0xffffffff80000000ul);
	/* rd = $zero: memory still updated */
	cell[0] = 10;
	__asm__ volatile("amadd.d $zero, %0, %1" : : "r"(5ul), "r"(cell) : "memory");
	CHECK_EQ(cell[0], 15);
}

/* rd == rj / rd == rk, encoded by hand with $a0 = 4, $a1 = 5:
 * amswap.w $a0, $a1, $a0 = 0x38600000 | 5 << 10 | 4 << 5 | 4 = 0x38601484
 * amadd.d  $a1, $a1, $a0 = 0x38618000 | 5 << 10 | 4 << 5 | 5 = 0x38619485 */
static void check_overlap(void)
{
	register unsigned long a0 __asm__("$a0") = (unsigned long)cell;
	register unsigned long a1 __asm__("$a1") = 7;
	cell[0] = 1;
	isa_expect(0);
	__asm__ volatile(".word 0x38601484" : "+r"(a0), "+r"(a1) : : "memory");
	CHECK_EQ(isa_ecode(), EC_INE);
	CHECK_EQ(cell[0], 1);
	isa_expect(0);
	__asm__ volatile(".word 0x38619485" : "+r"(a0), "+r"(a1) : : "memory");
	printf("rd==rk: ecode %d cell %lx\n", isa_ecode(), (unsigned long)cell[0]);
}

static void check_alignment(void)
{
	if (!isa_on_lvzsim())
		return;     /* QEMU 7.2 performs misaligned AM* (see the header) */
	for (unsigned i = 0; i < ARRAY_SIZE(ops); i++) {
		/* .d/.du: 4 bytes off; .w/.wu: 2 bytes off */
		const char *w = ops[i].name;
		while (*w++ != '.')
			;
		unsigned misalign = w[0] == 'd' ? 4 : 2;
		cell[0] = cell[1] = 0x1111111111111111ul;
		isa_expect(0);
		ops[i].fn((unsigned long *)((uint8_t *)cell + misalign), 0);
		CHECK_EQ(isa_ecode(), EC_ALE);
		CHECK_EQ(isa_trap.badv, (unsigned long)cell + misalign);
		CHECK_EQ(cell[0], 0x1111111111111111ul);
	}
}

int main(void)
{
	isa_init();
	check_by_hand();
	check_overlap();
	check_alignment();
	for (unsigned i = 0; i < ARRAY_SIZE(ops); i++) {
		unsigned long h = ISA_HASH0, m;
		for (unsigned x = 0; x < isa_nvals; x++)
			for (unsigned y = 0; y < isa_nvals; y++) {
				unsigned long r = run(ops[i].fn, isa_vals[x], isa_vals[y], &m);
				h = isa_mix(isa_mix(h, r), m);
			}
		isa_report(ops[i].name, h);
	}
	return 0;
}
