/*
 * exec_int.c - integer arithmetic, logic, shifts, bit manipulation and CRC
 * (Vol.1 2.2.1-2.2.4, 2.2.9).  "32-bit" (.w) results are sign-extended to
 * 64 bits.  Division by zero has an undefined result in the manual; we give
 * QEMU 7.2's (x / 0 = x, x % 0 = 0, INT_MIN / -1 = INT_MIN) so differential
 * tests agree.
 */
#include "cpu/exec.h"

/* ---- add, sub, compare, immediates ---- */
HANDLER(add_w) { RD = sext32(RJ + RK); NEXT(); }
HANDLER(add_d) { RD = RJ + RK; NEXT(); }
HANDLER(sub_w) { RD = sext32(RJ - RK); NEXT(); }
HANDLER(sub_d) { RD = RJ - RK; NEXT(); }
HANDLER(addi_w) { RD = sext32(RJ + (uint64_t)IMM); NEXT(); }
HANDLER(addi_d) { RD = RJ + (uint64_t)IMM; NEXT(); }
HANDLER(addu16i_d) { RD = RJ + (uint64_t)IMM; NEXT(); }
HANDLER(alsl_w) { RD = sext32((RJ << IMM) + RK); NEXT(); }
HANDLER(alsl_wu) { RD = (uint32_t)((RJ << IMM) + RK); NEXT(); }
HANDLER(alsl_d) { RD = (RJ << IMM) + RK; NEXT(); }
HANDLER(lu12i_w) { RD = (uint64_t)IMM << 12; NEXT(); }
HANDLER(lu32i_d) { RD = (uint32_t)RD | ((uint64_t)IMM << 32); NEXT(); }
HANDLER(lu52i_d) { RD = (RJ & 0x000fffffffffffffull) | ((uint64_t)IMM << 52); NEXT(); }
HANDLER(slt) { RD = (int64_t)RJ < (int64_t)RK; NEXT(); }
HANDLER(sltu) { RD = RJ < RK; NEXT(); }
HANDLER(slti) { RD = (int64_t)RJ < IMM; NEXT(); }
HANDLER(sltui) { RD = RJ < (uint64_t)IMM; NEXT(); }
HANDLER(pcaddi) { RD = cpu->pc + ((uint64_t)IMM << 2); NEXT(); }
HANDLER(pcaddu12i) { RD = cpu->pc + ((uint64_t)IMM << 12); NEXT(); }
HANDLER(pcaddu18i) { RD = cpu->pc + ((uint64_t)IMM << 18); NEXT(); }
HANDLER(pcalau12i) { RD = (cpu->pc + ((uint64_t)IMM << 12)) & ~0xfffull; NEXT(); }

/* ---- logic ---- */
HANDLER(and) { RD = RJ & RK; NEXT(); }
HANDLER(or) { RD = RJ | RK; NEXT(); }
HANDLER(nor) { RD = ~(RJ | RK); NEXT(); }
HANDLER(xor) { RD = RJ ^ RK; NEXT(); }
HANDLER(andn) { RD = RJ & ~RK; NEXT(); }
HANDLER(orn) { RD = RJ | ~RK; NEXT(); }
HANDLER(andi) { RD = RJ & (uint64_t)IMM; NEXT(); }
HANDLER(ori) { RD = RJ | (uint64_t)IMM; NEXT(); }
HANDLER(xori) { RD = RJ ^ (uint64_t)IMM; NEXT(); }
HANDLER(maskeqz) { RD = RK ? RJ : 0; NEXT(); }
HANDLER(masknez) { RD = RK ? 0 : RJ; NEXT(); }

/* ---- multiply and divide ---- */
static uint64_t mulh_s64(int64_t a, int64_t b)
{
	/* High half of the 128-bit signed product, in portable C. */
	uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
	uint64_t al = ua & 0xffffffff, ah = ua >> 32, bl = ub & 0xffffffff, bh = ub >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (lh & 0xffffffff) + (hl & 0xffffffff);
	uint64_t hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
	/* Unsigned high part, then correct for the signs. */
	if (a < 0)
		hi -= ub;
	if (b < 0)
		hi -= ua;
	return hi;
}

static uint64_t mulh_u64(uint64_t a, uint64_t b)
{
	uint64_t al = a & 0xffffffff, ah = a >> 32, bl = b & 0xffffffff, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (lh & 0xffffffff) + (hl & 0xffffffff);
	return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

HANDLER(mul_w) { RD = sext32(RJ * RK); NEXT(); }
HANDLER(mulh_w)
{
	RD = (uint64_t)(((int64_t)(int32_t)RJ * (int64_t)(int32_t)RK) >> 32);
	NEXT();
}
HANDLER(mulh_wu)
{
	RD = sext32(((uint64_t)(uint32_t)RJ * (uint32_t)RK) >> 32);
	NEXT();
}
HANDLER(mul_d) { RD = RJ * RK; NEXT(); }
HANDLER(mulh_d) { RD = mulh_s64((int64_t)RJ, (int64_t)RK); NEXT(); }
HANDLER(mulh_du) { RD = mulh_u64(RJ, RK); NEXT(); }
HANDLER(mulw_d_w) { RD = (uint64_t)((int64_t)(int32_t)RJ * (int64_t)(int32_t)RK); NEXT(); }
HANDLER(mulw_d_wu) { RD = (uint64_t)(uint32_t)RJ * (uint32_t)RK; NEXT(); }

HANDLER(div_w)
{
	int64_t a = (int32_t)RJ, b = (int32_t)RK;
	RD = sext32((uint64_t)(b ? a / b : a));
	NEXT();
}
HANDLER(mod_w)
{
	int64_t a = (int32_t)RJ, b = (int32_t)RK;
	RD = sext32((uint64_t)(b ? a % b : 0));
	NEXT();
}
HANDLER(div_wu)
{
	uint32_t a = (uint32_t)RJ, b = (uint32_t)RK;
	RD = sext32(b ? a / b : a);
	NEXT();
}
HANDLER(mod_wu)
{
	uint32_t a = (uint32_t)RJ, b = (uint32_t)RK;
	RD = sext32(b ? a % b : 0);
	NEXT();
}
HANDLER(div_d)
{
	int64_t a = (int64_t)RJ, b = (int64_t)RK;
	if (b == 0 || (a == INT64_MIN && b == -1))
		RD = (uint64_t)a;
	else
		RD = (uint64_t)(a / b);
	NEXT();
}
HANDLER(mod_d)
{
	int64_t a = (int64_t)RJ, b = (int64_t)RK;
	if (b == 0 || (a == INT64_MIN && b == -1))
		RD = 0;
	else
		RD = (uint64_t)(a % b);
	NEXT();
}
HANDLER(div_du) { RD = RK ? RJ / RK : RJ; NEXT(); }
HANDLER(mod_du) { RD = RK ? RJ % RK : 0; NEXT(); }

/* ---- shifts and rotates ---- */
static inline uint32_t ror32(uint32_t v, unsigned s) { s &= 31; return s ? (v >> s) | (v << (32 - s)) : v; }
static inline uint64_t ror64(uint64_t v, unsigned s) { s &= 63; return s ? (v >> s) | (v << (64 - s)) : v; }

HANDLER(sll_w) { RD = sext32((uint32_t)RJ << (RK & 31)); NEXT(); }
HANDLER(srl_w) { RD = sext32((uint32_t)RJ >> (RK & 31)); NEXT(); }
HANDLER(sra_w) { RD = sext32((uint64_t)((int32_t)RJ >> (RK & 31))); NEXT(); }
HANDLER(rotr_w) { RD = sext32(ror32((uint32_t)RJ, (unsigned)RK)); NEXT(); }
HANDLER(slli_w) { RD = sext32((uint32_t)RJ << IMM); NEXT(); }
HANDLER(srli_w) { RD = sext32((uint32_t)RJ >> IMM); NEXT(); }
HANDLER(srai_w) { RD = sext32((uint64_t)((int32_t)RJ >> IMM)); NEXT(); }
HANDLER(rotri_w) { RD = sext32(ror32((uint32_t)RJ, (unsigned)IMM)); NEXT(); }
HANDLER(sll_d) { RD = RJ << (RK & 63); NEXT(); }
HANDLER(srl_d) { RD = RJ >> (RK & 63); NEXT(); }
HANDLER(sra_d) { RD = (uint64_t)((int64_t)RJ >> (RK & 63)); NEXT(); }
HANDLER(rotr_d) { RD = ror64(RJ, (unsigned)RK); NEXT(); }
HANDLER(slli_d) { RD = RJ << IMM; NEXT(); }
HANDLER(srli_d) { RD = RJ >> IMM; NEXT(); }
HANDLER(srai_d) { RD = (uint64_t)((int64_t)RJ >> IMM); NEXT(); }
HANDLER(rotri_d) { RD = ror64(RJ, (unsigned)IMM); NEXT(); }

/* ---- bit manipulation (2.2.4) ---- */
static unsigned clz64(uint64_t v) { return v ? (unsigned)__builtin_clzll(v) : 64; }
static unsigned ctz64(uint64_t v) { return v ? (unsigned)__builtin_ctzll(v) : 64; }

HANDLER(ext_w_b) { RD = sext(RJ, 8); NEXT(); }
HANDLER(ext_w_h) { RD = sext(RJ, 16); NEXT(); }
HANDLER(clo_w) { RD = clz64(~((uint64_t)(uint32_t)RJ << 32)); NEXT(); }
HANDLER(clz_w) { uint32_t v = (uint32_t)RJ; RD = v ? (unsigned)__builtin_clz(v) : 32; NEXT(); }
HANDLER(cto_w) { RD = ctz64(~(uint64_t)(uint32_t)RJ) > 32 ? 32 : ctz64(~(uint64_t)(uint32_t)RJ); NEXT(); }
HANDLER(ctz_w) { uint32_t v = (uint32_t)RJ; RD = v ? (unsigned)__builtin_ctz(v) : 32; NEXT(); }
HANDLER(clo_d) { RD = clz64(~RJ); NEXT(); }
HANDLER(clz_d) { RD = clz64(RJ); NEXT(); }
HANDLER(cto_d) { RD = ctz64(~RJ); NEXT(); }
HANDLER(ctz_d) { RD = ctz64(RJ); NEXT(); }

static uint64_t bswap16x(uint64_t v)   /* bytes swapped inside each halfword */
{
	return ((v & 0x00ff00ff00ff00ffull) << 8) | ((v >> 8) & 0x00ff00ff00ff00ffull);
}
static uint64_t hswap32x(uint64_t v)   /* halfwords swapped inside each word */
{
	return ((v & 0x0000ffff0000ffffull) << 16) | ((v >> 16) & 0x0000ffff0000ffffull);
}
static uint64_t wswap(uint64_t v) { return (v << 32) | (v >> 32); }
static uint64_t bitrev_bytes(uint64_t v)   /* bits reversed inside each byte */
{
	v = ((v & 0x5555555555555555ull) << 1) | ((v >> 1) & 0x5555555555555555ull);
	v = ((v & 0x3333333333333333ull) << 2) | ((v >> 2) & 0x3333333333333333ull);
	v = ((v & 0x0f0f0f0f0f0f0f0full) << 4) | ((v >> 4) & 0x0f0f0f0f0f0f0f0full);
	return v;
}

HANDLER(revb_2h) { RD = sext32(bswap16x((uint32_t)RJ)); NEXT(); }
HANDLER(revb_4h) { RD = bswap16x(RJ); NEXT(); }
HANDLER(revb_2w) { RD = hswap32x(bswap16x(RJ)); NEXT(); }
HANDLER(revb_d) { RD = wswap(hswap32x(bswap16x(RJ))); NEXT(); }
HANDLER(revh_2w) { RD = hswap32x(RJ); NEXT(); }
HANDLER(revh_d) { RD = wswap(hswap32x(RJ)); NEXT(); }
HANDLER(bitrev_4b) { RD = sext32(bitrev_bytes((uint32_t)RJ)); NEXT(); }
HANDLER(bitrev_8b) { RD = bitrev_bytes(RJ); NEXT(); }
HANDLER(bitrev_w) { RD = sext32(wswap(hswap32x(bswap16x(bitrev_bytes(RJ)))) >> 32); NEXT(); }
HANDLER(bitrev_d) { RD = wswap(hswap32x(bswap16x(bitrev_bytes(RJ)))); NEXT(); }

HANDLER(bytepick_w)
{
	/* {rk[31-8sa:0], rj[31:32-8sa]} */
	unsigned s = 8 * (unsigned)IMM;
	uint64_t v = ((uint64_t)(uint32_t)RK << s) | (s ? (uint32_t)RJ >> (32 - s) : 0);
	RD = sext32(v);
	NEXT();
}
HANDLER(bytepick_d)
{
	unsigned s = 8 * (unsigned)IMM;
	RD = s ? (RK << s) | (RJ >> (64 - s)) : RK;
	NEXT();
}

static inline uint64_t field_mask(unsigned msb, unsigned lsb)
{
	return (msb - lsb == 63 ? ~0ull : ((1ull << (msb - lsb + 1)) - 1)) << lsb;
}

/* msb < lsb is undefined in the manual; QEMU 7.2 rejects it as INE. */
HANDLER(bstrins_w)
{
	unsigned msb = (unsigned)(IMM >> 8), lsb = (unsigned)(IMM & 0xff);
	if (msb < lsb) {
		exec_invalid(cpu, d);
		return;
	}
	uint64_t m = field_mask(msb, lsb);
	RD = sext32((RD & ~m) | ((RJ << lsb) & m));
	NEXT();
}
HANDLER(bstrins_d)
{
	unsigned msb = (unsigned)(IMM >> 8), lsb = (unsigned)(IMM & 0xff);
	if (msb < lsb) {
		exec_invalid(cpu, d);
		return;
	}
	uint64_t m = field_mask(msb, lsb);
	RD = (RD & ~m) | ((RJ << lsb) & m);
	NEXT();
}
HANDLER(bstrpick_w)
{
	unsigned msb = (unsigned)(IMM >> 8), lsb = (unsigned)(IMM & 0xff);
	if (msb < lsb) {
		exec_invalid(cpu, d);
		return;
	}
	RD = sext32((RJ & field_mask(msb, lsb)) >> lsb);
	NEXT();
}
HANDLER(bstrpick_d)
{
	unsigned msb = (unsigned)(IMM >> 8), lsb = (unsigned)(IMM & 0xff);
	if (msb < lsb) {
		exec_invalid(cpu, d);
		return;
	}
	RD = (RJ & field_mask(msb, lsb)) >> lsb;
	NEXT();
}

/* ---- CRC (2.2.9): raw reflected CRC-32 update of rk[31:0] by the low
 * 1/2/4/8 bytes of rj, least significant byte first, no inversion. ---- */
static uint32_t crc_update(uint32_t crc, uint64_t data, unsigned bytes, uint32_t poly)
{
	for (unsigned i = 0; i < bytes; i++) {
		crc ^= (uint8_t)(data >> (8 * i));
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (poly & -(crc & 1));
	}
	return crc;
}
#define CRC32_POLY  0xedb88320u     /* IEEE 802.3, reflected */
#define CRC32C_POLY 0x82f63b78u     /* Castagnoli, reflected */

HANDLER(crc_w_b_w) { RD = sext32(crc_update((uint32_t)RK, RJ, 1, CRC32_POLY)); NEXT(); }
HANDLER(crc_w_h_w) { RD = sext32(crc_update((uint32_t)RK, RJ, 2, CRC32_POLY)); NEXT(); }
HANDLER(crc_w_w_w) { RD = sext32(crc_update((uint32_t)RK, RJ, 4, CRC32_POLY)); NEXT(); }
HANDLER(crc_w_d_w) { RD = sext32(crc_update((uint32_t)RK, RJ, 8, CRC32_POLY)); NEXT(); }
HANDLER(crcc_w_b_w) { RD = sext32(crc_update((uint32_t)RK, RJ, 1, CRC32C_POLY)); NEXT(); }
HANDLER(crcc_w_h_w) { RD = sext32(crc_update((uint32_t)RK, RJ, 2, CRC32C_POLY)); NEXT(); }
HANDLER(crcc_w_w_w) { RD = sext32(crc_update((uint32_t)RK, RJ, 4, CRC32C_POLY)); NEXT(); }
HANDLER(crcc_w_d_w) { RD = sext32(crc_update((uint32_t)RK, RJ, 8, CRC32C_POLY)); NEXT(); }
