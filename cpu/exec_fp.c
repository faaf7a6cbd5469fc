/*
 * exec_fp.c - FP arithmetic, compare and conversion instructions (Vol.1
 * 3.2.1, 3.2.2, 3.2.3), on the software floating point of cpu/softfloat.c.
 *
 * Every arithmetic instruction: FPD check, compute with FCSR.RM, then
 * fpu_commit_flags() sets Cause and either raises FPE (destination not
 * written) or accumulates Flags.
 */
#include "cpu/exec_fp.h"

static inline uint64_t op_val(enum sf_format f, uint64_t reg) { return f == SF_F32 ? (uint32_t)reg : reg; }
static inline uint64_t res_box(enum sf_format f, uint64_t r) { return f == SF_F32 ? nanbox32(r) : r; }

static inline struct sf_env fp_env(const struct cpu *cpu) { struct sf_env e = { fcsr_rm(cpu), 0 }; return e; }

/* Write an arithmetic result unless an enabled exception was raised. */
static inline void fp_finish(struct cpu *cpu, const struct dinsn *d, const struct sf_env *e, uint64_t r)
{
	if (!fpu_commit_flags(cpu, e->flags))
		return;
	FD = r;
	NEXT();
}

/* ---- two-operand arithmetic (3.2.1.1) ---- */
#define ARITH2(name, F, fn)                                                     \
	HANDLER(name) {                                                         \
		FP_ENABLED();                                                   \
		struct sf_env e = fp_env(cpu);                                  \
		uint64_t r = fn(F, &e, op_val(F, FJ), op_val(F, FK));           \
		fp_finish(cpu, d, &e, res_box(F, r));                           \
	}
ARITH2(fadd_s, SF_F32, sf_add)
ARITH2(fadd_d, SF_F64, sf_add)
ARITH2(fsub_s, SF_F32, sf_sub)
ARITH2(fsub_d, SF_F64, sf_sub)
ARITH2(fmul_s, SF_F32, sf_mul)
ARITH2(fmul_d, SF_F64, sf_mul)
ARITH2(fdiv_s, SF_F32, sf_div)
ARITH2(fdiv_d, SF_F64, sf_div)

/* fmax/fmin: IEEE 754-2008 maxNum/minNum; fmaxa/fmina: maxNumMag/minNumMag
 * (3.2.1.1). */
#define MINMAX(name, F, is_min, mag)                                            \
	HANDLER(name) {                                                         \
		FP_ENABLED();                                                   \
		struct sf_env e = fp_env(cpu);                                  \
		uint64_t r = sf_minmax(F, &e, op_val(F, FJ), op_val(F, FK), is_min, mag); \
		fp_finish(cpu, d, &e, res_box(F, r));                           \
	}
MINMAX(fmax_s, SF_F32, false, false)
MINMAX(fmax_d, SF_F64, false, false)
MINMAX(fmin_s, SF_F32, true, false)
MINMAX(fmin_d, SF_F64, true, false)
MINMAX(fmaxa_s, SF_F32, false, true)
MINMAX(fmaxa_d, SF_F64, false, true)
MINMAX(fmina_s, SF_F32, true, true)
MINMAX(fmina_d, SF_F64, true, true)

/* fscaleb: fj * 2^fk with fk a signed integer (32-bit for .s, 64-bit for
 * .d).  Any |n| beyond the exponent range gives the same result as a
 * limited one; the limits are QEMU 7.2's (0x200, 0x1000), which are far
 * enough that results are exact scaleB. */
HANDLER(fscaleb_s)
{
	FP_ENABLED();
	struct sf_env e = fp_env(cpu);
	int32_t n = (int32_t)(uint32_t)FK;
	n = n > 0x200 ? 0x200 : n < -0x200 ? -0x200 : n;
	fp_finish(cpu, d, &e, nanbox32(sf_scalb(SF_F32, &e, (uint32_t)FJ, n)));
}
HANDLER(fscaleb_d)
{
	FP_ENABLED();
	struct sf_env e = fp_env(cpu);
	int64_t n = (int64_t)FK;
	n = n > 0x1000 ? 0x1000 : n < -0x1000 ? -0x1000 : n;
	fp_finish(cpu, d, &e, sf_scalb(SF_F64, &e, FJ, (int32_t)n));
}

/* ---- one-operand arithmetic ---- */
static uint64_t one(enum sf_format f) { return f == SF_F32 ? 0x3f800000ull : 0x3ff0000000000000ull; }
static uint64_t do_sqrt(enum sf_format f, struct sf_env *e, uint64_t a) { return sf_sqrt(f, e, a); }
static uint64_t do_recip(enum sf_format f, struct sf_env *e, uint64_t a) { return sf_div(f, e, one(f), a); }
/* frsqrt: 1 / sqrt(fj), two roundings, flags of both (as QEMU 7.2; the
 * manual gives no precision, only "the reciprocal of the square root"). */
static uint64_t do_rsqrt(enum sf_format f, struct sf_env *e, uint64_t a)
{
	return sf_div(f, e, one(f), sf_sqrt(f, e, a));
}
/* flogb: logB, i.e. floor(log2 |fj|) for positive fj (3.2.1.3).  Inexact
 * cannot occur (the result is a small integer). */
static uint64_t do_logb(enum sf_format f, struct sf_env *e, uint64_t a) { return sf_logb(f, e, a); }

#define ARITH1(name, F, fn)                                                     \
	HANDLER(name) {                                                         \
		FP_ENABLED();                                                   \
		struct sf_env e = fp_env(cpu);                                  \
		uint64_t r = fn(F, &e, op_val(F, FJ));                          \
		fp_finish(cpu, d, &e, res_box(F, r));                           \
	}
ARITH1(fsqrt_s, SF_F32, do_sqrt)
ARITH1(fsqrt_d, SF_F64, do_sqrt)
ARITH1(frecip_s, SF_F32, do_recip)
ARITH1(frecip_d, SF_F64, do_recip)
ARITH1(frsqrt_s, SF_F32, do_rsqrt)
ARITH1(frsqrt_d, SF_F64, do_rsqrt)
ARITH1(flogb_s, SF_F32, do_logb)
ARITH1(flogb_d, SF_F64, do_logb)

/*
 * frecipe/frsqrte (estimates) are LoongArch v1.1: CPUCFG2.FRECIPE (bit 25)
 * says whether they exist.  The modelled LA464 does not advertise it (nor
 * does QEMU 7.2's la464, CPUCFG2 = 0x0040c00f), so they are INE as there.
 */
HANDLER(frecipe_s) { exec_invalid(cpu, d); }
HANDLER(frecipe_d) { exec_invalid(cpu, d); }
HANDLER(frsqrte_s) { exec_invalid(cpu, d); }
HANDLER(frsqrte_d) { exec_invalid(cpu, d); }

/* fclass (3.2.1.4): a bit mask in the integer sense; no flags, FCSR
 * untouched; the upper bits are 0 for both widths (as QEMU 7.2). */
HANDLER(fclass_s) { FP_ENABLED(); FD = sf_class(SF_F32, (uint32_t)FJ); NEXT(); }
HANDLER(fclass_d) { FP_ENABLED(); FD = sf_class(SF_F64, FJ); NEXT(); }

/* ---- fused multiply-add (3.2.1.2): one rounding ---- */
#define FMA(name, F, neg)                                                       \
	HANDLER(name) {                                                         \
		FP_ENABLED();                                                   \
		struct sf_env e = fp_env(cpu);                                  \
		uint64_t r = sf_fma(F, &e, op_val(F, FJ), op_val(F, FK), op_val(F, FA), neg); \
		fp_finish(cpu, d, &e, res_box(F, r));                           \
	}
FMA(fmadd_s, SF_F32, 0)
FMA(fmadd_d, SF_F64, 0)
FMA(fmsub_s, SF_F32, SF_NEG_C)
FMA(fmsub_d, SF_F64, SF_NEG_C)
FMA(fnmadd_s, SF_F32, SF_NEG_RESULT)
FMA(fnmadd_d, SF_F64, SF_NEG_RESULT)
FMA(fnmsub_s, SF_F32, SF_NEG_C | SF_NEG_RESULT)
FMA(fnmsub_d, SF_F64, SF_NEG_C | SF_NEG_RESULT)

/* ---- fcmp.cond.{s,d} cd, fj, fk (3.2.2) ----
 * cond[0] = 1: signaling (Invalid on any NaN), 0: quiet (only on sNaN).
 * cond[4:1] selects the relations that make fcc true: bit 1 LT, bit 2 EQ,
 * bit 3 UN, bit 4 LT|GT (so CNE = LT|GT, COR = LT|EQ|GT, CUNE = UN|LT|GT).
 * Like any arithmetic instruction it sets Cause and may raise FPE, in
 * which case fcc is not written. */
static void fcmp(struct cpu *cpu, const struct dinsn *d, enum sf_format f)
{
	FP_ENABLED();
	unsigned cond = (unsigned)IMM >> 1;
	unsigned want = ((cond & 1) ? SF_LT : 0) | ((cond & 2) ? SF_EQ : 0) |
			((cond & 4) ? SF_UN : 0) | ((cond & 8) ? SF_LT | SF_GT : 0);
	struct sf_env e = fp_env(cpu);
	enum sf_rel rel = sf_compare(f, &e, op_val(f, FJ), op_val(f, FK), IMM & 1);
	if (!fpu_commit_flags(cpu, e.flags))
		return;
	cpu->fcc[d->rd & 7] = (rel & want) != 0;
	NEXT();
}
#define FCMP(c) \
	HANDLER(fcmp_##c##_s) { fcmp(cpu, d, SF_F32); } \
	HANDLER(fcmp_##c##_d) { fcmp(cpu, d, SF_F64); }
FCMP(caf) FCMP(saf) FCMP(clt) FCMP(slt) FCMP(ceq) FCMP(seq) FCMP(cle) FCMP(sle)
FCMP(cun) FCMP(sun) FCMP(cult) FCMP(sult) FCMP(cueq) FCMP(sueq) FCMP(cule) FCMP(sule)
FCMP(cne) FCMP(sne) FCMP(cor) FCMP(sor) FCMP(cune) FCMP(sune)

/* ---- conversions (3.2.3) ---- */
HANDLER(fcvt_s_d)
{
	FP_ENABLED();
	struct sf_env e = fp_env(cpu);
	fp_finish(cpu, d, &e, nanbox32(sf_f64_to_f32(&e, FJ)));
}
HANDLER(fcvt_d_s)
{
	FP_ENABLED();
	struct sf_env e = fp_env(cpu);
	fp_finish(cpu, d, &e, sf_f32_to_f64(&e, (uint32_t)FJ));
}

/* ffint.{s,d}.{w,l}: the integer is in the FPR (word: bits [31:0]). */
#define FFINT(name, F, ival)                                                    \
	HANDLER(name) {                                                         \
		FP_ENABLED();                                                   \
		struct sf_env e = fp_env(cpu);                                  \
		fp_finish(cpu, d, &e, res_box(F, sf_from_int(F, &e, ival)));    \
	}
FFINT(ffint_s_w, SF_F32, (int32_t)(uint32_t)FJ)
FFINT(ffint_s_l, SF_F32, (int64_t)FJ)
FFINT(ffint_d_w, SF_F64, (int32_t)(uint32_t)FJ)
FFINT(ffint_d_l, SF_F64, (int64_t)FJ)

/*
 * ftint*: float -> signed integer in an FPR with a fixed rounding mode (rm,
 * rp, rz, rne) or FCSR.RM.  A NaN gives 0, an out-of-range value the
 * saturated integer, both with Invalid (3.2.3.2; the values are QEMU
 * 7.2's).  A word result is sign-extended to 64 bits, except for
 * ftintrz.w.s and ftintrne.w.s, where QEMU 7.2 zero-extends it; bits
 * [63:32] of a word result are free by the manual (3.1.1), so lvzsim
 * follows QEMU there.
 */
enum { RM_FCSR = 4 };
static void ftint(struct cpu *cpu, const struct dinsn *d, enum sf_format f, unsigned bits, unsigned rm,
		  bool zext)
{
	FP_ENABLED();
	struct sf_env e = fp_env(cpu);
	int64_t v = sf_to_int(f, &e, op_val(f, FJ), bits, rm == RM_FCSR ? e.rm : rm);
	uint64_t r = (uint64_t)v;
	if (bits == 32 && zext)
		r = (uint32_t)r;
	fp_finish(cpu, d, &e, r);
}
#define FTINT(name, F, bits, rm, zext) HANDLER(name) { ftint(cpu, d, F, bits, rm, zext); }
FTINT(ftintrm_w_s, SF_F32, 32, SF_RDN, false)
FTINT(ftintrm_w_d, SF_F64, 32, SF_RDN, false)
FTINT(ftintrm_l_s, SF_F32, 64, SF_RDN, false)
FTINT(ftintrm_l_d, SF_F64, 64, SF_RDN, false)
FTINT(ftintrp_w_s, SF_F32, 32, SF_RUP, false)
FTINT(ftintrp_w_d, SF_F64, 32, SF_RUP, false)
FTINT(ftintrp_l_s, SF_F32, 64, SF_RUP, false)
FTINT(ftintrp_l_d, SF_F64, 64, SF_RUP, false)
FTINT(ftintrz_w_s, SF_F32, 32, SF_RZ, true)
FTINT(ftintrz_w_d, SF_F64, 32, SF_RZ, false)
FTINT(ftintrz_l_s, SF_F32, 64, SF_RZ, false)
FTINT(ftintrz_l_d, SF_F64, 64, SF_RZ, false)
FTINT(ftintrne_w_s, SF_F32, 32, SF_RNE, true)
FTINT(ftintrne_w_d, SF_F64, 32, SF_RNE, false)
FTINT(ftintrne_l_s, SF_F32, 64, SF_RNE, false)
FTINT(ftintrne_l_d, SF_F64, 64, SF_RNE, false)
FTINT(ftint_w_s, SF_F32, 32, RM_FCSR, false)
FTINT(ftint_w_d, SF_F64, 32, RM_FCSR, false)
FTINT(ftint_l_s, SF_F32, 64, RM_FCSR, false)
FTINT(ftint_l_d, SF_F64, 64, RM_FCSR, false)

/* frint: round to an integral value in FCSR.RM, Inexact if it changed.
 * frint.s leaves bits [63:32] zero (QEMU 7.2 does not NaN-box it). */
HANDLER(frint_s)
{
	FP_ENABLED();
	struct sf_env e = fp_env(cpu);
	fp_finish(cpu, d, &e, sf_round_int(SF_F32, &e, (uint32_t)FJ));
}
HANDLER(frint_d)
{
	FP_ENABLED();
	struct sf_env e = fp_env(cpu);
	fp_finish(cpu, d, &e, sf_round_int(SF_F64, &e, FJ));
}
