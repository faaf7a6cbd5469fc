/*
 * int_muldiv.c - multiply and divide (Vol.1 2.2.1.8-2.2.1.10): mul.w/d,
 * mulh.w/wu/d/du, mulw.d.w/wu, div/mod .w/.wu/.d/.du.
 *
 * Hash lines over isa_vals x isa_vals are compared with QEMU 7.2.  Those
 * sets include divisors 0 and INT_MIN / -1, and .w operands whose high half
 * is not the sign extension of bit 31: the manual leaves all of these
 * results undefined, so for them QEMU 7.2 is the only reference (lvzsim
 * gives QEMU's values on purpose: x / 0 = x, x % 0 = 0, INT_MIN / -1 =
 * INT_MIN, INT_MIN % -1 = 0; the "undef" lines below print them one by
 * one).  The CHECK_EQs are the defined cases, worked out by hand.
 */
#include "isa.h"

ISA_RRR(mul_w, "mul.w")
ISA_RRR(mulh_w, "mulh.w")
ISA_RRR(mulh_wu, "mulh.wu")
ISA_RRR(mul_d, "mul.d")
ISA_RRR(mulh_d, "mulh.d")
ISA_RRR(mulh_du, "mulh.du")
ISA_RRR(mulw_d_w, "mulw.d.w")
ISA_RRR(mulw_d_wu, "mulw.d.wu")
ISA_RRR(div_w, "div.w")
ISA_RRR(mod_w, "mod.w")
ISA_RRR(div_wu, "div.wu")
ISA_RRR(mod_wu, "mod.wu")
ISA_RRR(div_d, "div.d")
ISA_RRR(mod_d, "mod.d")
ISA_RRR(div_du, "div.du")
ISA_RRR(mod_du, "mod.du")

static const struct isa_op ops[] = {
	{ "mul.w", mul_w, 0 }, { "mulh.w", mulh_w, 0 }, { "mulh.wu", mulh_wu, 0 },
	{ "mul.d", mul_d, 0 }, { "mulh.d", mulh_d, 0 }, { "mulh.du", mulh_du, 0 },
	{ "mulw.d.w", mulw_d_w, 0 }, { "mulw.d.wu", mulw_d_wu, 0 },
	{ "div.w", div_w, 0 }, { "mod.w", mod_w, 0 }, { "div.wu", div_wu, 0 },
	{ "mod.wu", mod_wu, 0 }, { "div.d", div_d, 0 }, { "mod.d", mod_d, 0 },
	{ "div.du", div_du, 0 }, { "mod.du", mod_du, 0 },
};

#define MIN32 0xffffffff80000000ul
#define MIN64 0x8000000000000000ul

static void check_by_hand(void)
{
	/* mul.w: low 32 bits of the product, sign-extended */
	CHECK_EQ(mul_w(0x10000, 0x10000), 0);
	CHECK_EQ(mul_w(0x7fffffff, 2), 0xfffffffffffffffeul);
	/* mulh.w: bits 63:32 of the signed 64-bit product, sign-extended */
	CHECK_EQ(mulh_w(~0ul, ~0ul), 0);                    /* (-1)(-1) = 1 */
	CHECK_EQ(mulh_w(MIN32, MIN32), 0x40000000);         /* 2^62 */
	CHECK_EQ(mulh_w(MIN32, 1), ~0ul);                   /* -2^31 */
	/* mulh.wu: unsigned; (2^32-1)^2 = 2^64 - 2^33 + 1, high = 0xfffffffe */
	CHECK_EQ(mulh_wu(0xffffffff, 0xffffffff), 0xfffffffffffffffeul);
	CHECK_EQ(mul_d(~0ul, ~0ul), 1);
	CHECK_EQ(mulh_d(~0ul, ~0ul), 0);
	CHECK_EQ(mulh_du(~0ul, ~0ul), 0xfffffffffffffffeul);
	CHECK_EQ(mulh_d(MIN64, MIN64), 0x4000000000000000ul);   /* 2^126 */
	CHECK_EQ(mulh_d(MIN64, ~0ul), 0);                       /* +2^63 */
	CHECK_EQ(mulh_d(~0ul, 1), ~0ul);
	CHECK_EQ(mulh_du(MIN64, 2), 1);
	/* mulw.d.w / .wu: 32 x 32 -> 64 */
	CHECK_EQ(mulw_d_w(0x80000000, 0x80000000), 0x4000000000000000ul);
	CHECK_EQ(mulw_d_w(~0ul, 2), ~1ul);
	CHECK_EQ(mulw_d_wu(0xffffffff, 0xffffffff), 0xfffffffe00000001ul);
	/* division truncates toward zero; the remainder has the dividend's sign */
	CHECK_EQ(div_w(-7ul, 2), -3ul);
	CHECK_EQ(mod_w(-7ul, 2), -1ul);
	CHECK_EQ(mod_w(7, -2ul), 1);
	CHECK_EQ(div_wu(0xfffffff9, 2), 0x7ffffffc);
	CHECK_EQ(div_wu(0xffffffff, 1), ~0ul);               /* 32-bit result sign-extended */
	CHECK_EQ(mod_wu(0xfffffff9, 2), 1);
	CHECK_EQ(div_d(-7ul, 2), -3ul);
	CHECK_EQ(mod_d(-7ul, 2), -1ul);
	CHECK_EQ(div_du(~0ul, 2), 0x7ffffffffffffffful);
	CHECK_EQ(mod_du(~0ul, 10), 5);                        /* 18446744073709551615 % 10 */
	CHECK_EQ(div_d(MIN64, 1), MIN64);
	CHECK_EQ(div_w(MIN32, 1), MIN32);
}

/* Undefined results: printed, so only QEMU 7.2 judges them. */
static void undefined_cases(void)
{
	static const unsigned long a[] = { 0, 1, 7, ~0ul, MIN32, MIN64, 0x123456789ul };
	for (unsigned i = 0; i < ARRAY_SIZE(a); i++)
		printf("undef x/0 x=%lx: div.w %lx mod.w %lx div.wu %lx mod.wu %lx div.d %lx mod.d %lx div.du %lx mod.du %lx\n",
		       a[i], div_w(a[i], 0), mod_w(a[i], 0), div_wu(a[i], 0), mod_wu(a[i], 0),
		       div_d(a[i], 0), mod_d(a[i], 0), div_du(a[i], 0), mod_du(a[i], 0));
	printf("undef min/-1: div.w %lx mod.w %lx div.d %lx mod.d %lx\n",
	       div_w(MIN32, ~0ul), mod_w(MIN32, ~0ul), div_d(MIN64, ~0ul), mod_d(MIN64, ~0ul));
	printf("undef .w unextended: div.w %lx mod.w %lx div.wu %lx mod.wu %lx\n",
	       div_w(0x100000007ul, 2), mod_w(0x1fffffff9ul, 2), div_wu(0x1fffffff9ul, 2),
	       mod_wu(0x1fffffff9ul, 0x100000002ul));
}

int main(void)
{
	isa_init();
	check_by_hand();
	undefined_cases();
	isa_run_ops(ops, ARRAY_SIZE(ops));
	return 0;
}
