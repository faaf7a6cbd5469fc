/*
 * softfloat.h - IEEE 754-2008 binary32/binary64 arithmetic in portable C,
 * exactly rounded in the four rounding modes, with the five exception
 * flags.  No host floating point is used anywhere, so results and flags
 * are the same on every host.
 *
 * Values are bit patterns: binary32 in the low 32 bits of a uint64_t,
 * binary64 in all 64.  The format is chosen with SF_F32 / SF_F64.
 *
 * Conventions (the ones LoongArch uses; QEMU 7.2's float_status for
 * target/loongarch, checked against it by tests/fpu):
 *   - quiet NaNs have the most significant fraction bit set (IEEE 754-2008
 *     6.2.1); the default NaN is 0x7fc00000 / 0x7ff8000000000000;
 *   - an operation with NaN operands returns one of them, quieted: a
 *     signaling one first, else the first quiet one (operand order j, k;
 *     fused multiply-add: a, j, k), see sf_pick_nan;
 *   - tininess is detected after rounding; underflow is raised only when a
 *     tiny result is also inexact; no flush-to-zero.
 */
#ifndef LVZSIM_SOFTFLOAT_H
#define LVZSIM_SOFTFLOAT_H

#include <stdbool.h>
#include <stdint.h>

enum sf_format { SF_F32 = 0, SF_F64 = 1 };

/* Rounding modes, numbered as FCSR.RM (Vol.1 3.1.3.3). */
enum sf_round { SF_RNE = 0, SF_RZ = 1, SF_RUP = 2, SF_RDN = 3 };

/* Exception flags, in the bit order of FCSR's Flags/Cause/Enables fields
 * (I, U, O, Z, V = bits 0..4). */
enum {
	SF_INEXACT = 1u << 0,
	SF_UNDERFLOW = 1u << 1,
	SF_OVERFLOW = 1u << 2,
	SF_DIVZERO = 1u << 3,
	SF_INVALID = 1u << 4,
};

struct sf_env {
	unsigned rm;            /* enum sf_round */
	unsigned flags;         /* raised by the operations, never cleared */
};

/* Relations returned by sf_compare. */
enum sf_rel { SF_LT = 1, SF_EQ = 2, SF_GT = 4, SF_UN = 8 };

/* Fused multiply-add variants (Vol.1 3.2.1.2): negate the addend and/or
 * the rounded-over result, r = [-](a * b [+-] c) with one rounding. */
enum { SF_NEG_C = 1, SF_NEG_RESULT = 2 };

uint64_t sf_add(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b);
uint64_t sf_sub(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b);
uint64_t sf_mul(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b);
uint64_t sf_div(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b);
uint64_t sf_sqrt(enum sf_format f, struct sf_env *e, uint64_t a);
uint64_t sf_fma(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b, uint64_t c, unsigned neg);

/* IEEE 754-2008 minNum/maxNum (and the magnitude forms): a quiet NaN
 * loses against a number; signaling NaNs give a NaN and Invalid. */
uint64_t sf_minmax(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b, bool is_min, bool mag);

/* scaleB(a, n), n already limited by the caller. */
uint64_t sf_scalb(enum sf_format f, struct sf_env *e, uint64_t a, int32_t n);
/* floor(log2(|a|)) as a float for positive a: the unbiased exponent;
 * 0 -> -inf (DivByZero), negative -> default NaN (Invalid), +inf -> +inf. */
uint64_t sf_logb(enum sf_format f, struct sf_env *e, uint64_t a);
/* roundToIntegralExact in the current rounding mode (Inexact if changed). */
uint64_t sf_round_int(enum sf_format f, struct sf_env *e, uint64_t a);

/* Compare; `signaling` raises Invalid on any NaN, else only on sNaN. */
enum sf_rel sf_compare(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b, bool signaling);

/* Width conversions. */
uint64_t sf_f64_to_f32(struct sf_env *e, uint64_t a);
uint64_t sf_f32_to_f64(struct sf_env *e, uint64_t a);
/* Signed integer -> float (bits = 32 or 64: the integer's width). */
uint64_t sf_from_int(enum sf_format f, struct sf_env *e, int64_t v);
/* Float -> signed integer of `bits` (32 or 64) with rounding mode rm.
 * Out of range or infinite: Invalid and the saturated value; NaN: Invalid
 * and 0 (what LoongArch's ftint* return, as QEMU 7.2 does). */
int64_t sf_to_int(enum sf_format f, struct sf_env *e, uint64_t a, unsigned bits, unsigned rm);

/* Classification bits of fclass (Vol.1 3.2.1.4): sNaN, qNaN, -inf,
 * -normal, -subnormal, -0, +inf, +normal, +subnormal, +0. */
unsigned sf_class(enum sf_format f, uint64_t a);

bool sf_is_nan(enum sf_format f, uint64_t a);
bool sf_is_snan(enum sf_format f, uint64_t a);
uint64_t sf_default_nan(enum sf_format f);

#endif
