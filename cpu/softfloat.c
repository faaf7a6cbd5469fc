/*
 * softfloat.c - IEEE 754-2008 binary32/binary64 in portable C (see
 * softfloat.h for the conventions).
 *
 * Method: every finite operand is unpacked to (sign, exponent, 128-bit
 * significand) with the leading 1 at bit 126, value = sig / 2^126 * 2^exp.
 * Each operation computes its exact result, or a truncated one whose lost
 * bits are ORed ("jammed") into bit 0, which is enough to round correctly
 * since at least two more bits than the precision are kept.  One routine,
 * round_pack(), then rounds and packs for either format.  The 128-bit
 * arithmetic is written with pairs of uint64_t (no __int128).
 */
#include "cpu/softfloat.h"

/* ---- 128-bit unsigned helpers ---- */
typedef struct { uint64_t hi, lo; } u128;

static u128 u128_make(uint64_t hi, uint64_t lo) { u128 r = { hi, lo }; return r; }
static bool u128_zero(u128 a) { return !(a.hi | a.lo); }
static bool u128_lt(u128 a, u128 b) { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }
static u128 u128_add(u128 a, u128 b)
{
	u128 r = { a.hi + b.hi, a.lo + b.lo };
	r.hi += r.lo < a.lo;
	return r;
}
static u128 u128_sub(u128 a, u128 b)
{
	u128 r = { a.hi - b.hi - (a.lo < b.lo), a.lo - b.lo };
	return r;
}
static u128 u128_shl(u128 a, unsigned n)
{
	if (n == 0)
		return a;
	if (n >= 128)
		return u128_make(0, 0);
	if (n >= 64)
		return u128_make(a.lo << (n - 64), 0);
	return u128_make(a.hi << n | a.lo >> (64 - n), a.lo << n);
}
static u128 u128_shr(u128 a, unsigned n)
{
	if (n == 0)
		return a;
	if (n >= 128)
		return u128_make(0, 0);
	if (n >= 64)
		return u128_make(0, a.hi >> (n - 64));
	return u128_make(a.hi >> n, a.lo >> n | a.hi << (64 - n));
}
/* Shift right, ORing every bit shifted out into bit 0 (sticky). */
static u128 u128_shr_jam(u128 a, unsigned n)
{
	if (n == 0)
		return a;
	u128 r = u128_shr(a, n);
	bool lost = n >= 128 ? !u128_zero(a) : !u128_zero(u128_sub(a, u128_shl(r, n)));
	r.lo |= lost;
	return r;
}
static unsigned clz64(uint64_t v)
{
	unsigned n = 0;
	if (!v)
		return 64;
	while (!(v & (1ull << 63))) {
		v <<= 1;
		n++;
	}
	return n;
}
static unsigned u128_clz(u128 a) { return a.hi ? clz64(a.hi) : 64 + clz64(a.lo); }
static u128 mul64(uint64_t a, uint64_t b)
{
	uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
	u128 r = { hh + (lh >> 32) + (hl >> 32) + (mid >> 32), (mid << 32) | (uint32_t)ll };
	return r;
}

/* ---- formats ---- */
struct fmt {
	unsigned fbits;         /* stored fraction bits */
	int emax, emin;         /* unbiased exponent range of normals */
	uint64_t emask;         /* all-ones exponent, in place */
	uint64_t sign;          /* sign bit */
};
static const struct fmt fmts[2] = {
	{ 23, 127, -126, 0x7f800000ull, 0x80000000ull },
	{ 52, 1023, -1022, 0x7ff0000000000000ull, 0x8000000000000000ull },
};
#define FRAC_MASK(F) ((1ull << (F)->fbits) - 1)
#define QUIET_BIT(F) (1ull << ((F)->fbits - 1))

enum cls { C_ZERO, C_FINITE, C_INF, C_QNAN, C_SNAN };

struct unp {
	enum cls cls;
	bool sign;
	int32_t exp;
	u128 sig;               /* C_FINITE: leading 1 at bit 126 */
};

static struct unp unpack(const struct fmt *F, uint64_t a)
{
	struct unp u = { C_ZERO, (a & F->sign) != 0, 0, { 0, 0 } };
	uint64_t frac = a & FRAC_MASK(F);
	int32_t be = (int32_t)((a & F->emask) >> F->fbits);
	if (be == (int32_t)(F->emask >> F->fbits)) {
		u.cls = !frac ? C_INF : (frac & QUIET_BIT(F)) ? C_QNAN : C_SNAN;
		return u;
	}
	if (be == 0) {
		if (!frac)
			return u;
		u.cls = C_FINITE;
		u.sig = u128_shl(u128_make(0, frac), 126 - F->fbits);
		unsigned z = u128_clz(u.sig) - 1;
		u.sig = u128_shl(u.sig, z);
		u.exp = F->emin - (int32_t)z;
		return u;
	}
	u.cls = C_FINITE;
	u.sig = u128_shl(u128_make(0, frac | (1ull << F->fbits)), 126 - F->fbits);
	u.exp = be - (F->emax);
	return u;
}

static uint64_t pack_inf(const struct fmt *F, bool sign) { return (sign ? F->sign : 0) | F->emask; }
static uint64_t pack_zero(const struct fmt *F, bool sign) { return sign ? F->sign : 0; }
static uint64_t max_finite(const struct fmt *F, bool sign)
{
	return (sign ? F->sign : 0) | (F->emask - (1ull << F->fbits)) | FRAC_MASK(F);
}

/* Rounding increment (0 or 1) for an integer part `kept` followed by the
 * round bit and the sticky bit in `grs` (bits 1 and 0). */
static unsigned round_inc(uint64_t kept, unsigned grs, bool sign, unsigned rm)
{
	switch (rm) {
	case SF_RNE: return grs > 2 || (grs == 2 && (kept & 1));
	case SF_RUP: return !sign && grs;
	case SF_RDN: return sign && grs;
	default: return 0;      /* SF_RZ */
	}
}

/* x holds value << 2 with the round bit at bit 1 and the sticky bit at
 * bit 0 (x < 2^63).  Returns the rounded integer. */
static uint64_t round_grs(uint64_t x, bool sign, unsigned rm)
{
	return (x >> 2) + round_inc(x >> 2, (unsigned)(x & 3), sign, rm);
}

/*
 * Round a nonzero finite value sig / 2^126 * 2^exp (sig may have its
 * leading 1 anywhere; lost low bits jammed into bit 0) and pack it.
 * Overflow (7.4 of IEEE 754-2008) gives inf or the largest finite number
 * by rounding direction; tininess is detected after rounding (as if the
 * exponent range were unbounded), and underflow needs tiny and inexact.
 */
static uint64_t round_pack(const struct fmt *F, struct sf_env *e, bool sign, int32_t exp, u128 sig)
{
	unsigned z = u128_clz(sig);
	if (z == 0) {
		sig = u128_shr_jam(sig, 1);
		exp += 1;
	} else if (z > 1) {
		sig = u128_shl(sig, z - 1);
		exp -= (int32_t)(z - 1);
	}
	unsigned shift = 126 - F->fbits;        /* bits below the last kept one */
	uint64_t one = 1ull << F->fbits;
	if (exp >= F->emin) {
		uint64_t x = u128_shr_jam(sig, shift - 2).lo;
		uint64_t m = round_grs(x, sign, e->rm);
		if (m == one << 1) {
			m >>= 1;
			exp += 1;
		}
		if (exp > F->emax) {
			e->flags |= SF_OVERFLOW | SF_INEXACT;
			bool to_inf = e->rm == SF_RNE || (e->rm == SF_RUP && !sign) ||
				      (e->rm == SF_RDN && sign);
			return to_inf ? pack_inf(F, sign) : max_finite(F, sign);
		}
		if (x & 3)
			e->flags |= SF_INEXACT;
		return (sign ? F->sign : 0) | ((uint64_t)(exp + F->emax) << F->fbits) | (m & (one - 1));
	}
	/* Tiny before rounding.  Still tiny after rounding unless rounding to
	 * full precision at exponent emin - 1 carries into 2^emin. */
	bool tiny = true;
	if (exp == F->emin - 1) {
		uint64_t m = round_grs(u128_shr_jam(sig, shift - 2).lo, sign, e->rm);
		tiny = m != one << 1;
	}
	unsigned dshift = shift - 2 + (unsigned)(F->emin - exp);
	uint64_t x = u128_shr_jam(sig, dshift > 200 ? 200 : dshift).lo;
	uint64_t m = round_grs(x, sign, e->rm);
	if (x & 3) {
		e->flags |= SF_INEXACT;
		if (tiny)
			e->flags |= SF_UNDERFLOW;
	}
	/* m == one means the result rounded up to the smallest normal; its
	 * encoding is exactly m with a zero exponent field. */
	return (sign ? F->sign : 0) | m;
}

/* ---- NaNs ---- */
bool sf_is_nan(enum sf_format f, uint64_t a)
{
	const struct fmt *F = &fmts[f];
	return (a & F->emask) == F->emask && (a & FRAC_MASK(F));
}
bool sf_is_snan(enum sf_format f, uint64_t a)
{
	const struct fmt *F = &fmts[f];
	return sf_is_nan(f, a) && !(a & QUIET_BIT(F));
}
uint64_t sf_default_nan(enum sf_format f)
{
	const struct fmt *F = &fmts[f];
	return F->emask | QUIET_BIT(F);
}
static uint64_t quiet(const struct fmt *F, uint64_t a) { return a | QUIET_BIT(F); }

/* A NaN operand goes through an operation with one input (sqrt, rint,
 * scaleb...): Invalid if signaling, then quieted. */
static uint64_t return_nan(enum sf_format f, struct sf_env *e, uint64_t a)
{
	if (sf_is_snan(f, a))
		e->flags |= SF_INVALID;
	return quiet(&fmts[f], a);
}

/* Two operands, at least one NaN: a signaling NaN wins over a quiet one,
 * then the first operand over the second (QEMU 7.2 pickNaN for LoongArch,
 * like MIPS in IEEE 754-2008 mode). */
static uint64_t pick_nan(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b)
{
	bool sa = sf_is_snan(f, a), sb = sf_is_snan(f, b);
	if (sa || sb)
		e->flags |= SF_INVALID;
	uint64_t r = sa ? a : sb ? b : sf_is_nan(f, a) ? a : b;
	return quiet(&fmts[f], r);
}

/* Fused multiply-add with a NaN: (inf * 0) + NaN is Invalid and returns
 * the addend; otherwise sNaN over qNaN, in the order c, a, b. */
static uint64_t pick_nan3(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b, uint64_t c,
			  bool infzero)
{
	bool sa = sf_is_snan(f, a), sb = sf_is_snan(f, b), sc = sf_is_snan(f, c);
	if (sa || sb || sc || infzero)
		e->flags |= SF_INVALID;
	uint64_t r;
	if (infzero)
		r = c;
	else if (sc)
		r = c;
	else if (sa)
		r = a;
	else if (sb)
		r = b;
	else if (sf_is_nan(f, c))
		r = c;
	else if (sf_is_nan(f, a))
		r = a;
	else
		r = b;
	return quiet(&fmts[f], r);
}

static uint64_t invalid(enum sf_format f, struct sf_env *e)
{
	e->flags |= SF_INVALID;
	return sf_default_nan(f);
}

static bool is_nan_cls(enum cls c) { return c == C_QNAN || c == C_SNAN; }

/* ---- add / sub ---- */

/* Sum of two finite nonzero magnitudes with signs: exact, then rounded. */
static uint64_t add_finite(const struct fmt *F, struct sf_env *e, struct unp x, struct unp y)
{
	if (x.exp < y.exp || (x.exp == y.exp && u128_lt(x.sig, y.sig))) {
		struct unp t = x;
		x = y;
		y = t;
	}
	unsigned d = (unsigned)(x.exp - y.exp);
	y.sig = u128_shr_jam(y.sig, d > 200 ? 200 : d);
	if (x.sign == y.sign)
		return round_pack(F, e, x.sign, x.exp, u128_add(x.sig, y.sig));
	u128 diff = u128_sub(x.sig, y.sig);
	if (u128_zero(diff))
		return pack_zero(F, e->rm == SF_RDN);   /* x - x = +0, or -0 rounding down (6.3) */
	return round_pack(F, e, x.sign, x.exp, diff);
}

static uint64_t addsub(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b, bool subtract)
{
	const struct fmt *F = &fmts[f];
	struct unp x = unpack(F, a), y = unpack(F, b);
	if (is_nan_cls(x.cls) || is_nan_cls(y.cls))
		return pick_nan(f, e, a, b);
	y.sign ^= subtract;
	if (x.cls == C_INF) {
		if (y.cls == C_INF && x.sign != y.sign)
			return invalid(f, e);
		return pack_inf(F, x.sign);
	}
	if (y.cls == C_INF)
		return pack_inf(F, y.sign);
	if (x.cls == C_ZERO && y.cls == C_ZERO)
		return pack_zero(F, x.sign == y.sign ? x.sign : e->rm == SF_RDN);
	if (x.cls == C_ZERO)
		return (b & ~F->sign) | (y.sign ? F->sign : 0);
	if (y.cls == C_ZERO)
		return a;
	return add_finite(F, e, x, y);
}

uint64_t sf_add(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b) { return addsub(f, e, a, b, false); }
uint64_t sf_sub(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b) { return addsub(f, e, a, b, true); }

/* ---- mul / div / sqrt ---- */

/* The significand's top 64 bits (exact: at most 53 bits are set). */
static uint64_t top64(u128 sig) { return u128_shr(sig, 63).lo; }

uint64_t sf_mul(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b)
{
	const struct fmt *F = &fmts[f];
	struct unp x = unpack(F, a), y = unpack(F, b);
	bool sign = x.sign ^ y.sign;
	if (is_nan_cls(x.cls) || is_nan_cls(y.cls))
		return pick_nan(f, e, a, b);
	if ((x.cls == C_INF && y.cls == C_ZERO) || (x.cls == C_ZERO && y.cls == C_INF))
		return invalid(f, e);
	if (x.cls == C_INF || y.cls == C_INF)
		return pack_inf(F, sign);
	if (x.cls == C_ZERO || y.cls == C_ZERO)
		return pack_zero(F, sign);
	/* (m1 * 2^63) * (m2 * 2^63) = m1 * m2 * 2^126: exact product. */
	return round_pack(F, e, sign, x.exp + y.exp, mul64(top64(x.sig), top64(y.sig)));
}

uint64_t sf_div(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b)
{
	const struct fmt *F = &fmts[f];
	struct unp x = unpack(F, a), y = unpack(F, b);
	bool sign = x.sign ^ y.sign;
	if (is_nan_cls(x.cls) || is_nan_cls(y.cls))
		return pick_nan(f, e, a, b);
	if ((x.cls == C_INF && y.cls == C_INF) || (x.cls == C_ZERO && y.cls == C_ZERO))
		return invalid(f, e);
	if (x.cls == C_INF)
		return pack_inf(F, sign);
	if (y.cls == C_INF || x.cls == C_ZERO)
		return pack_zero(F, sign);
	if (y.cls == C_ZERO) {
		e->flags |= SF_DIVZERO;
		return pack_inf(F, sign);
	}
	/* Restoring division on 64-bit integers with the leading 1 at bit 62:
	 * 64 quotient bits (leading 1 at bit 63) and a sticky remainder. */
	uint64_t n = u128_shr(x.sig, 64).lo, dv = u128_shr(y.sig, 64).lo;
	int32_t exp = x.exp - y.exp;
	if (n < dv) {
		n <<= 1;
		exp -= 1;
	}
	uint64_t q = 0;
	for (int i = 0; i < 64; i++) {
		q <<= 1;
		if (n >= dv) {
			n -= dv;
			q |= 1;
		}
		n <<= 1;
	}
	u128 sig = u128_shl(u128_make(0, q), 63);
	sig.lo |= n != 0;
	return round_pack(F, e, sign, exp, sig);
}

uint64_t sf_sqrt(enum sf_format f, struct sf_env *e, uint64_t a)
{
	const struct fmt *F = &fmts[f];
	struct unp x = unpack(F, a);
	if (is_nan_cls(x.cls))
		return return_nan(f, e, a);
	if (x.cls == C_ZERO)
		return a;                       /* sqrt(-0) = -0 (IEEE 754-2008 5.4.1) */
	if (x.sign)
		return invalid(f, e);
	if (x.cls == C_INF)
		return a;
	/* X = m * 2^126 with m in [1, 4) and an even exponent; then
	 * isqrt(X) = sqrt(m) * 2^63, bit by bit. */
	u128 rem = x.sig;
	int32_t exp = x.exp;
	if (exp & 1) {
		rem = u128_shl(rem, 1);
		exp -= 1;
	}
	u128 res = { 0, 0 }, bit = { 1ull << 62, 0 };
	while (!u128_zero(bit)) {
		u128 t = u128_add(res, bit);
		if (!u128_lt(rem, t)) {
			rem = u128_sub(rem, t);
			res = u128_add(u128_shr(res, 1), bit);
		} else {
			res = u128_shr(res, 1);
		}
		bit = u128_shr(bit, 2);
	}
	u128 sig = u128_shl(res, 63);
	sig.lo |= !u128_zero(rem);
	return round_pack(F, e, false, exp / 2, sig);
}

/* ---- fused multiply-add ---- */
uint64_t sf_fma(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b, uint64_t c, unsigned neg)
{
	const struct fmt *F = &fmts[f];
	struct unp x = unpack(F, a), y = unpack(F, b), z = unpack(F, c);
	bool infzero = (x.cls == C_INF && y.cls == C_ZERO) || (x.cls == C_ZERO && y.cls == C_INF);
	if (is_nan_cls(x.cls) || is_nan_cls(y.cls) || is_nan_cls(z.cls))
		return pick_nan3(f, e, a, b, c, infzero);
	bool nr = (neg & SF_NEG_RESULT) != 0;
	if (neg & SF_NEG_C)
		z.sign ^= 1;
	bool psign = x.sign ^ y.sign;
	if (infzero)
		return invalid(f, e);
	if (x.cls == C_INF || y.cls == C_INF) {
		if (z.cls == C_INF && z.sign != psign)
			return invalid(f, e);
		return pack_inf(F, psign ^ nr);
	}
	if (z.cls == C_INF)
		return pack_inf(F, z.sign ^ nr);
	if (x.cls == C_ZERO || y.cls == C_ZERO) {
		if (z.cls == C_ZERO)
			return pack_zero(F, (psign == z.sign ? psign : e->rm == SF_RDN) ^ nr);
		return (c & ~F->sign) | ((z.sign ^ nr) ? F->sign : 0);
	}
	/* Exact product with its leading 1 at bit 126 (the low bits of a
	 * 53x53-bit product in 128 bits are zero, so the shift is exact). */
	struct unp p = { C_FINITE, psign ^ nr, x.exp + y.exp, mul64(top64(x.sig), top64(y.sig)) };
	if (u128_clz(p.sig) == 0) {
		p.sig = u128_shr_jam(p.sig, 1);
		p.exp += 1;
	}
	if (z.cls == C_ZERO)
		return round_pack(F, e, p.sign, p.exp, p.sig);
	z.sign ^= nr;
	/* Exact cancellation: +0 (-0 rounding down), then negated for
	 * fnmadd/fnmsub like every other result (QEMU 7.2 does the same). */
	if (p.sign != z.sign && p.exp == z.exp && !u128_lt(p.sig, z.sig) && !u128_lt(z.sig, p.sig))
		return pack_zero(F, (e->rm == SF_RDN) ^ nr);
	return add_finite(F, e, p, z);
}

/* ---- min / max ---- */
uint64_t sf_minmax(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b, bool is_min, bool mag)
{
	const struct fmt *F = &fmts[f];
	bool na = sf_is_nan(f, a), nb = sf_is_nan(f, b);
	if (na || nb) {
		/* maxNum: a quiet NaN against a number gives the number. */
		if (!sf_is_snan(f, a) && !sf_is_snan(f, b) && !(na && nb))
			return na ? b : a;
		return pick_nan(f, e, a, b);
	}
	uint64_t ma = a & ~F->sign, mb = b & ~F->sign;
	bool sa = (a & F->sign) != 0, sb = (b & F->sign) != 0;
	int cmp = ma < mb ? -1 : ma > mb;
	if (!mag || cmp == 0) {
		if (sa != sb)
			cmp = sa ? -1 : 1;
		else if (sa)
			cmp = -cmp;
	}
	if (is_min)
		cmp = -cmp;
	return cmp < 0 ? b : a;
}

/* ---- scaleB, logB, rounding to integral ---- */
uint64_t sf_scalb(enum sf_format f, struct sf_env *e, uint64_t a, int32_t n)
{
	const struct fmt *F = &fmts[f];
	struct unp x = unpack(F, a);
	if (is_nan_cls(x.cls))
		return return_nan(f, e, a);
	if (x.cls != C_FINITE)
		return a;
	return round_pack(F, e, x.sign, x.exp + n, x.sig);
}

uint64_t sf_logb(enum sf_format f, struct sf_env *e, uint64_t a)
{
	const struct fmt *F = &fmts[f];
	struct unp x = unpack(F, a);
	if (is_nan_cls(x.cls))
		return return_nan(f, e, a);
	if (x.cls == C_ZERO) {
		e->flags |= SF_DIVZERO;
		return pack_inf(F, true);
	}
	if (x.sign)
		return invalid(f, e);
	if (x.cls == C_INF)
		return a;
	return sf_from_int(f, e, x.exp);
}

uint64_t sf_round_int(enum sf_format f, struct sf_env *e, uint64_t a)
{
	const struct fmt *F = &fmts[f];
	struct unp x = unpack(F, a);
	if (is_nan_cls(x.cls))
		return return_nan(f, e, a);
	if (x.cls != C_FINITE || x.exp >= (int32_t)F->fbits)
		return a;                       /* already integral */
	/* value << 2 with round and sticky bits; x.exp < 52 keeps it small. */
	unsigned sh = (unsigned)(124 - x.exp);
	uint64_t v = u128_shr_jam(x.sig, sh > 200 ? 200 : sh).lo;
	uint64_t m = round_grs(v, x.sign, e->rm);
	if (v & 3)
		e->flags |= SF_INEXACT;
	if (!m)
		return pack_zero(F, x.sign);
	unsigned z = clz64(m);
	return round_pack(F, e, x.sign, 63 - (int32_t)z, u128_shl(u128_make(0, m), 63 + z));
}

/* ---- compare ---- */
enum sf_rel sf_compare(enum sf_format f, struct sf_env *e, uint64_t a, uint64_t b, bool signaling)
{
	const struct fmt *F = &fmts[f];
	if (sf_is_nan(f, a) || sf_is_nan(f, b)) {
		if (signaling || sf_is_snan(f, a) || sf_is_snan(f, b))
			e->flags |= SF_INVALID;
		return SF_UN;
	}
	uint64_t ma = a & ~F->sign, mb = b & ~F->sign;
	if (!ma && !mb)
		return SF_EQ;                   /* +0 == -0 */
	/* Sign-magnitude to an ordered integer key. */
	int64_t ka = (a & F->sign) ? -(int64_t)ma : (int64_t)ma;
	int64_t kb = (b & F->sign) ? -(int64_t)mb : (int64_t)mb;
	return ka < kb ? SF_LT : ka > kb ? SF_GT : SF_EQ;
}

/* ---- conversions ---- */
uint64_t sf_f64_to_f32(struct sf_env *e, uint64_t a)
{
	const struct fmt *D = &fmts[SF_F64], *S = &fmts[SF_F32];
	struct unp x = unpack(D, a);
	switch (x.cls) {
	case C_SNAN:
		e->flags |= SF_INVALID;
		/* fall through */
	case C_QNAN:
		/* The payload keeps its top bits (IEEE 754-2008 6.2.3). */
		return (x.sign ? S->sign : 0) | S->emask | QUIET_BIT(S) |
		       ((a & FRAC_MASK(D)) >> (D->fbits - S->fbits));
	case C_INF: return pack_inf(S, x.sign);
	case C_ZERO: return pack_zero(S, x.sign);
	default: return round_pack(S, e, x.sign, x.exp, x.sig);
	}
}

uint64_t sf_f32_to_f64(struct sf_env *e, uint64_t a)
{
	const struct fmt *D = &fmts[SF_F64], *S = &fmts[SF_F32];
	struct unp x = unpack(S, a);
	switch (x.cls) {
	case C_SNAN:
		e->flags |= SF_INVALID;
		/* fall through */
	case C_QNAN:
		return (x.sign ? D->sign : 0) | D->emask | QUIET_BIT(D) |
		       ((a & FRAC_MASK(S)) << (D->fbits - S->fbits));
	case C_INF: return pack_inf(D, x.sign);
	case C_ZERO: return pack_zero(D, x.sign);
	default: return round_pack(D, e, x.sign, x.exp, x.sig);
	}
}

uint64_t sf_from_int(enum sf_format f, struct sf_env *e, int64_t v)
{
	const struct fmt *F = &fmts[f];
	if (!v)
		return 0;
	bool sign = v < 0;
	uint64_t m = sign ? 0 - (uint64_t)v : (uint64_t)v;
	unsigned z = clz64(m);
	return round_pack(F, e, sign, 63 - (int32_t)z, u128_shl(u128_make(0, m), 63 + z));
}

int64_t sf_to_int(enum sf_format f, struct sf_env *e, uint64_t a, unsigned bits, unsigned rm)
{
	const struct fmt *F = &fmts[f];
	struct unp x = unpack(F, a);
	uint64_t lim = 1ull << (bits - 1);     /* |min|; max = lim - 1 */
	int64_t min = bits == 64 ? INT64_MIN : -(int64_t)lim, max = (int64_t)(lim - 1);
	switch (x.cls) {
	case C_QNAN:
	case C_SNAN:
		e->flags |= SF_INVALID;
		return 0;
	case C_INF:
		e->flags |= SF_INVALID;
		return x.sign ? min : max;
	case C_ZERO:
		return 0;
	default:
		break;
	}
	if (x.exp >= 63) {
		/* Only -2^63 itself fits (every such value is an integer). */
		if (bits == 64 && x.sign && x.exp == 63 && !x.sig.lo && x.sig.hi == 1ull << 62)
			return INT64_MIN;
		e->flags |= SF_INVALID;
		return x.sign ? min : max;
	}
	unsigned sh = (unsigned)(124 - x.exp);
	u128 w = u128_shr_jam(x.sig, sh > 200 ? 200 : sh);     /* < 2^65 */
	/* Round: integer part (< 2^63) and the two extra bits. */
	uint64_t ip = u128_shr(w, 2).lo;
	uint64_t m = ip + round_inc(ip, (unsigned)(w.lo & 3), x.sign, rm);
	if (x.sign ? m > lim : m > lim - 1) {
		/* Out of range: Invalid alone, no Inexact (as QEMU 7.2). */
		e->flags |= SF_INVALID;
		return x.sign ? min : max;
	}
	if (w.lo & 3)
		e->flags |= SF_INEXACT;
	return x.sign ? (int64_t)(0 - m) : (int64_t)m;
}

unsigned sf_class(enum sf_format f, uint64_t a)
{
	const struct fmt *F = &fmts[f];
	bool neg = (a & F->sign) != 0;
	uint64_t frac = a & FRAC_MASK(F), ex = a & F->emask;
	if (ex == F->emask) {
		if (!frac)
			return neg ? 1u << 2 : 1u << 6;
		return (frac & QUIET_BIT(F)) ? 1u << 1 : 1u << 0;
	}
	if (!ex)
		return !frac ? (neg ? 1u << 5 : 1u << 9) : (neg ? 1u << 4 : 1u << 8);
	return neg ? 1u << 3 : 1u << 7;
}
