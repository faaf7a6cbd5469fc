/*
 * test_fpu.c - the software floating point (cpu/softfloat.c) on values
 * derived by hand, and the FPU enable rules that QEMU 7.2 cannot check
 * (FPD for bceqz/bcnez, FPD in LVZ guest mode).  Each expected value's
 * derivation is in its comment; IEEE 754-2008 clause numbers in [].
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cpu/cpu.h"
#include "cpu/fpu.h"
#include "cpu/softfloat.h"

#define S SF_F32
#define D SF_F64

static struct sf_env env(unsigned rm) { struct sf_env e = { rm, 0 }; return e; }

static void test_add(void **state)
{
	(void)state;
	struct sf_env e = env(SF_RNE);
	/* 1 + 1 = 2 exactly: 0x3f800000 + 0x3f800000 = 0x40000000, no flags. */
	assert_int_equal(sf_add(S, &e, 0x3f800000, 0x3f800000), 0x40000000);
	assert_int_equal(e.flags, 0);
	/* 1 + 2^-24 is the halfway point between 1 and 1 + 2^-23: ties to
	 * even keeps 1 (mantissa 0 is even); Inexact [4.3.1]. */
	assert_int_equal(sf_add(S, &e, 0x3f800000, 0x33800000), 0x3f800000);
	assert_int_equal(e.flags, SF_INEXACT);
	/* The same sum rounded up goes to 1 + 2^-23 = 0x3f800001. */
	e = env(SF_RUP);
	assert_int_equal(sf_add(S, &e, 0x3f800000, 0x33800000), 0x3f800001);
	/* x - x = +0 in every mode but round-down, where it is -0 [6.3]. */
	e = env(SF_RNE);
	assert_int_equal(sf_sub(D, &e, 0x4008000000000000ull, 0x4008000000000000ull), 0);
	e = env(SF_RDN);
	assert_int_equal(sf_sub(D, &e, 0x4008000000000000ull, 0x4008000000000000ull),
			 0x8000000000000000ull);
	/* inf - inf is invalid: default NaN 0x7ff8000000000000 [7.2]. */
	e = env(SF_RNE);
	assert_int_equal(sf_sub(D, &e, 0x7ff0000000000000ull, 0x7ff0000000000000ull),
			 0x7ff8000000000000ull);
	assert_int_equal(e.flags, SF_INVALID);
	/* Largest double + its half ulp (2^970) ties to even upwards -> overflow
	 * to +inf, with Overflow and Inexact [7.4]; rounding to zero gives the
	 * largest finite number instead. */
	e = env(SF_RNE);
	assert_int_equal(sf_add(D, &e, 0x7fefffffffffffffull, 0x7c90000000000000ull),
			 0x7ff0000000000000ull);
	assert_int_equal(e.flags, SF_OVERFLOW | SF_INEXACT);
	e = env(SF_RZ);
	assert_int_equal(sf_add(D, &e, 0x7fefffffffffffffull, 0x7c90000000000000ull),
			 0x7fefffffffffffffull);
}

static void test_nan(void **state)
{
	(void)state;
	struct sf_env e = env(SF_RNE);
	/* qNaN + 1: the NaN is returned as is, no flag. */
	assert_int_equal(sf_add(S, &e, 0x7fc12345, 0x3f800000), 0x7fc12345);
	assert_int_equal(e.flags, 0);
	/* 1 + sNaN(payload 1): Invalid, and the sNaN quieted (bit 22 set). */
	assert_int_equal(sf_add(S, &e, 0x3f800000, 0x7f800001), 0x7fc00001);
	assert_int_equal(e.flags, SF_INVALID);
	/* qNaN a, sNaN b: the signaling one wins (LoongArch/QEMU rule). */
	e = env(SF_RNE);
	assert_int_equal(sf_mul(S, &e, 0xffc00005, 0x7f800003), 0x7fc00003);
	/* Two quiet NaNs: the first operand. */
	assert_int_equal(sf_mul(S, &e, 0xffc00005, 0x7fc00003), 0xffc00005);
	/* maxNum(qNaN, 2) = 2 without a flag; maxNum(sNaN, 2) is a NaN. */
	e = env(SF_RNE);
	assert_int_equal(sf_minmax(S, &e, 0x7fc00000, 0x40000000, false, false), 0x40000000);
	assert_int_equal(e.flags, 0);
	assert_int_equal(sf_minmax(S, &e, 0x7f800001, 0x40000000, false, false), 0x7fc00001);
	assert_int_equal(e.flags, SF_INVALID);
	/* fma(inf, 0, qNaN): Invalid and the addend is returned. */
	e = env(SF_RNE);
	assert_int_equal(sf_fma(S, &e, 0x7f800000, 0, 0x7fc00042, 0), 0x7fc00042);
	assert_int_equal(e.flags, SF_INVALID);
	/* Width conversion keeps the payload's top bits: f32 sNaN 0x7f800001
	 * becomes 0x7ff8000020000000 (fraction << 29, quiet bit), Invalid. */
	e = env(SF_RNE);
	assert_int_equal(sf_f32_to_f64(&e, 0x7f800001), 0x7ff8000020000000ull);
	assert_int_equal(e.flags, SF_INVALID);
}

static void test_mul_div_sqrt(void **state)
{
	(void)state;
	struct sf_env e = env(SF_RNE);
	/* 0x3fd5555555555555 = (2^54 - 1) / 3 * 2^-54, so times 3 it is
	 * 1 - 2^-54 exactly: halfway between 1 - 2^-53 and 1, ties to even
	 * gives 1.0 (the even mantissa), Inexact. */
	assert_int_equal(sf_mul(D, &e, 0x4008000000000000ull, 0x3fd5555555555555ull),
			 0x3ff0000000000000ull);
	assert_int_equal(e.flags, SF_INEXACT);
	/* 1 / 3 = 0x3fd5555555555555 rounded to nearest (the next bit is 0). */
	e = env(SF_RNE);
	assert_int_equal(sf_div(D, &e, 0x3ff0000000000000ull, 0x4008000000000000ull),
			 0x3fd5555555555555ull);
	/* ... and 0x3fd5555555555556 rounding up. */
	e = env(SF_RUP);
	assert_int_equal(sf_div(D, &e, 0x3ff0000000000000ull, 0x4008000000000000ull),
			 0x3fd5555555555556ull);
	/* 1 / -0 = -inf with DivByZero [7.3]. */
	e = env(SF_RNE);
	assert_int_equal(sf_div(S, &e, 0x3f800000, 0x80000000), 0xff800000);
	assert_int_equal(e.flags, SF_DIVZERO);
	/* sqrt(4) = 2 exact; sqrt(2) = 0x3ff6a09e667f3bcd (1.41421356237309515);
	 * sqrt(-0) = -0 [5.4.1]; sqrt(-1) invalid. */
	e = env(SF_RNE);
	assert_int_equal(sf_sqrt(D, &e, 0x4010000000000000ull), 0x4000000000000000ull);
	assert_int_equal(e.flags, 0);
	assert_int_equal(sf_sqrt(D, &e, 0x4000000000000000ull), 0x3ff6a09e667f3bcdull);
	assert_int_equal(sf_sqrt(S, &e, 0x80000000), 0x80000000);
	e = env(SF_RNE);
	assert_int_equal(sf_sqrt(S, &e, 0xbf800000), 0x7fc00000);
	assert_int_equal(e.flags, SF_INVALID);
}

static void test_underflow(void **state)
{
	(void)state;
	/* 2^-127 * (2 - 2^-24) (double 0x380ffffff0000000) is tiny before
	 * rounding, but rounded to 24 bits with an unbounded exponent it is a
	 * tie that goes to even, 2^-126: not tiny after rounding, so fcvt.s.d
	 * gives 0x00800000 with Inexact alone [7.5]. */
	struct sf_env e = env(SF_RNE);
	assert_int_equal(sf_f64_to_f32(&e, 0x380ffffff0000000ull), 0x00800000);
	assert_int_equal(e.flags, SF_INEXACT);
	/* Truncated it stays subnormal, 0x007fffff: tiny, inexact: Underflow. */
	e = env(SF_RZ);
	assert_int_equal(sf_f64_to_f32(&e, 0x380ffffff0000000ull), 0x007fffff);
	assert_int_equal(e.flags, SF_UNDERFLOW | SF_INEXACT);
	/* (1 - 2^-24) * 2^-126 = 2^-126 - 2^-150 is exact in 24 bits at
	 * exponent -127, so it is tiny after rounding too; in the subnormal
	 * range it is halfway between 0x007fffff and 0x00800000 and goes to
	 * the even one: 0x00800000 with Underflow and Inexact. */
	e = env(SF_RNE);
	assert_int_equal(sf_mul(S, &e, 0x3f7fffff, 0x00800000), 0x00800000);
	assert_int_equal(e.flags, SF_UNDERFLOW | SF_INEXACT);
	/* Smallest subnormal / 2 = 2^-150: halfway to 0, ties to even -> +0. */
	e = env(SF_RNE);
	assert_int_equal(sf_mul(S, &e, 0x00000001, 0x3f000000), 0);
	assert_int_equal(e.flags, SF_UNDERFLOW | SF_INEXACT);
	/* An exact subnormal result raises nothing: 2^-126 / 2 = 0x00400000. */
	e = env(SF_RNE);
	assert_int_equal(sf_mul(S, &e, 0x00800000, 0x3f000000), 0x00400000);
	assert_int_equal(e.flags, 0);
}

static void test_fma(void **state)
{
	(void)state;
	/* (1 + 2^-12)^2 - 1 = 2^-11 + 2^-24 = 2^-11 * (1 + 2^-13), exact in
	 * 24 bits: 0x3a000400.  A separate multiply would first round the
	 * square 1 + 2^-11 + 2^-24 to 1 + 2^-11 (2^-24 is half an ulp of 1,
	 * a tie to even) and give 2^-11: one rounding is visible. */
	struct sf_env e = env(SF_RNE);
	assert_int_equal(sf_fma(S, &e, 0x3f800800, 0x3f800800, 0xbf800000, 0), 0x3a000400);
	assert_int_equal(e.flags, 0);
	/* fnmadd of an exact zero sum: -(1 * 1 + -1) = -(+0) = -0. */
	e = env(SF_RNE);
	assert_int_equal(sf_fma(S, &e, 0x3f800000, 0x3f800000, 0xbf800000, SF_NEG_RESULT), 0x80000000);
	/* fmsub: 2 * 3 - 1 = 5 (0x40a00000). */
	assert_int_equal(sf_fma(S, &e, 0x40000000, 0x40400000, 0x3f800000, SF_NEG_C), 0x40a00000);
}

static void test_convert(void **state)
{
	(void)state;
	struct sf_env e = env(SF_RNE);
	/* 2.5 -> 2 (ties to even), -2.5 -> -3 rounding down, 2.5 -> 3 up. */
	assert_int_equal(sf_to_int(D, &e, 0x4004000000000000ull, 32, SF_RNE), 2);
	assert_int_equal(e.flags, SF_INEXACT);
	assert_int_equal(sf_to_int(D, &e, 0xc004000000000000ull, 32, SF_RDN), -3);
	assert_int_equal(sf_to_int(D, &e, 0x4004000000000000ull, 32, SF_RUP), 3);
	/* 2^31 does not fit int32: Invalid alone and INT32_MAX; -2^31 fits. */
	e = env(SF_RNE);
	assert_int_equal(sf_to_int(D, &e, 0x41e0000000000000ull, 32, SF_RZ), 0x7fffffff);
	assert_int_equal(e.flags, SF_INVALID);
	e = env(SF_RNE);
	assert_int_equal(sf_to_int(D, &e, 0xc1e0000000000000ull, 32, SF_RZ), INT32_MIN);
	assert_int_equal(e.flags, 0);
	/* -2^63 fits int64 exactly; NaN gives 0 with Invalid. */
	assert_true(sf_to_int(D, &e, 0xc3e0000000000000ull, 64, SF_RNE) == INT64_MIN);
	assert_int_equal(e.flags, 0);
	assert_int_equal(sf_to_int(S, &e, 0x7fc00000, 64, SF_RNE), 0);
	assert_int_equal(e.flags, SF_INVALID);
	/* 2^24 + 1 -> float: halfway between 2^24 and 2^24 + 2, even -> 2^24. */
	e = env(SF_RNE);
	assert_int_equal(sf_from_int(S, &e, 0x1000001), 0x4b800000);
	assert_int_equal(e.flags, SF_INEXACT);
	/* INT64_MIN -> -2^63 = 0xdf000000 exactly. */
	e = env(SF_RNE);
	assert_int_equal(sf_from_int(S, &e, INT64_MIN), 0xdf000000);
	assert_int_equal(e.flags, 0);
	/* 1e39-ish double 0x4810000000000000 (2^130) -> f32 overflow. */
	assert_int_equal(sf_f64_to_f32(&e, 0x4810000000000000ull), 0x7f800000);
	assert_int_equal(e.flags, SF_OVERFLOW | SF_INEXACT);
	/* frint: -0.5 -> -0 (nearest even), 0.5 -> +1 rounding up. */
	e = env(SF_RNE);
	assert_int_equal(sf_round_int(D, &e, 0xbfe0000000000000ull), 0x8000000000000000ull);
	e = env(SF_RUP);
	assert_int_equal(sf_round_int(D, &e, 0x3fe0000000000000ull), 0x3ff0000000000000ull);
	/* logb: 0x00000001 = 2^-149 -> -149.0 = 0xc3150000; 0 -> -inf DivByZero. */
	e = env(SF_RNE);
	assert_int_equal(sf_logb(S, &e, 0x00000001), 0xc3150000);
	assert_int_equal(sf_logb(S, &e, 0), 0xff800000);
	assert_int_equal(e.flags, SF_DIVZERO);
	/* scaleb(1, -1075) = 2^-1075: halfway below the smallest subnormal,
	 * ties to even -> +0 with Underflow and Inexact. */
	e = env(SF_RNE);
	assert_int_equal(sf_scalb(D, &e, 0x3ff0000000000000ull, -1075), 0);
	assert_int_equal(e.flags, SF_UNDERFLOW | SF_INEXACT);
}

static void test_compare_class(void **state)
{
	(void)state;
	struct sf_env e = env(SF_RNE);
	/* -0 == +0; quiet compare of qNaN: unordered, no flag; signaling: V. */
	assert_int_equal(sf_compare(S, &e, 0x80000000, 0, false), SF_EQ);
	assert_int_equal(sf_compare(S, &e, 0x7fc00000, 0, false), SF_UN);
	assert_int_equal(e.flags, 0);
	assert_int_equal(sf_compare(S, &e, 0x7fc00000, 0, true), SF_UN);
	assert_int_equal(e.flags, SF_INVALID);
	assert_int_equal(sf_compare(D, &e, 0xbff0000000000000ull, 0x3ff0000000000000ull, false), SF_LT);
	/* fclass bits (Vol.1 3.2.1.4): sNaN 0, qNaN 1, -inf 2, -normal 3,
	 * -subnormal 4, -0 5, +inf 6, +normal 7, +subnormal 8, +0 9. */
	assert_int_equal(sf_class(S, 0x7f800001), 1 << 0);
	assert_int_equal(sf_class(S, 0xffc00000), 1 << 1);
	assert_int_equal(sf_class(D, 0xfff0000000000000ull), 1 << 2);
	assert_int_equal(sf_class(S, 0xbf800000), 1 << 3);
	assert_int_equal(sf_class(S, 0x80000001), 1 << 4);
	assert_int_equal(sf_class(S, 0x80000000), 1 << 5);
	assert_int_equal(sf_class(D, 0x000fffffffffffffull), 1 << 8);
	assert_int_equal(sf_class(D, 0), 1 << 9);
}

/* ---- FPU enable: EUEN.FPE (Vol.1 7.4.3) and LVZ (docs/lvz.md "FPU") ---- */
static struct cpu c;

static void run_word(uint32_t raw)
{
	struct dinsn d;
	insn_decode(raw, &d);
	c.cur = &d;
	d.fn(&c, &d);
	c.cur = NULL;
}

static unsigned ecode(unsigned world) { return (c.csr[world][CSR_ESTAT] >> ESTAT_ECODE_SH) & 0x3f; }

static void test_fpd(void **state)
{
	(void)state;
	cpu_init(&c, NULL);
	cpu_reset(&c, 0x200000);
	/* bceqz $fcc0, 8 (0x48000800): a basic FP instruction (3.2.5), so with
	 * EUEN.FPE = 0 it raises FPD and does not branch. */
	c.csr[WORLD_HOST][CSR_EENTRY] = 0x1000;
	run_word(0x48000800);
	assert_int_equal(ecode(WORLD_HOST), ECODE_FPD);
	assert_int_equal(c.csr[WORLD_HOST][CSR_ERA], 0x200000);
	assert_int_equal(c.pc, 0x1000);
	/* With the FPU on it branches: fcc0 = 0, so pc + 8. */
	c.csr[WORLD_HOST][CSR_EUEN] = EUEN_FPE;
	c.pc = 0x200000;
	run_word(0x48000800);
	assert_int_equal(c.pc, 0x200008);
}

static void test_fpd_guest(void **state)
{
	(void)state;
	cpu_init(&c, NULL);
	cpu_reset(&c, 0x200000);
	c.csr[WORLD_HOST][CSR_EENTRY] = 0x1000;
	c.csr[WORLD_GUEST][CSR_EENTRY] = 0x2000;
	/* Guest EUEN.FPE = 0: the guest's own FPD, taken in guest mode. */
	cpu_set_world(&c, WORLD_GUEST);
	c.pc = 0x3000;
	run_word(0x01010000 | 1 << 5 | 2 << 10);        /* fadd.d $f0, $f1, $f2 */
	assert_int_equal(c.world, WORLD_GUEST);
	assert_int_equal(ecode(WORLD_GUEST), ECODE_FPD);
	assert_int_equal(c.pc, 0x2000);
	assert_int_equal(c.lvz.exits[EXIT_FPD], 0);
	/* Guest FPE = 1, host FPE = 0: exit to the host with FPD. */
	c.csr[WORLD_GUEST][CSR_EUEN] = EUEN_FPE;
	c.pc = 0x3000;
	run_word(0x01010000 | 1 << 5 | 2 << 10);
	assert_int_equal(c.world, WORLD_HOST);
	assert_int_equal(ecode(WORLD_HOST), ECODE_FPD);
	assert_int_equal(c.csr[WORLD_HOST][CSR_ERA], 0x3000);
	assert_int_equal(c.pc, 0x1000);
	assert_int_equal(c.lvz.exits[EXIT_FPD], 1);
	/* Both on: the instruction executes in the guest (1 + 1 = 2). */
	cpu_set_world(&c, WORLD_GUEST);
	c.csr[WORLD_HOST][CSR_EUEN] = EUEN_FPE;
	c.fpr[1] = c.fpr[2] = 0x3ff0000000000000ull;
	c.pc = 0x3000;
	run_word(0x01010000 | 1 << 5 | 2 << 10);
	assert_int_equal(c.world, WORLD_GUEST);
	assert_int_equal(c.pc, 0x3004);
	assert_int_equal(c.fpr[0], 0x4000000000000000ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_nan),
		cmocka_unit_test(test_mul_div_sqrt),
		cmocka_unit_test(test_underflow),
		cmocka_unit_test(test_fma),
		cmocka_unit_test(test_convert),
		cmocka_unit_test(test_compare_class),
		cmocka_unit_test(test_fpd),
		cmocka_unit_test(test_fpd_guest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
