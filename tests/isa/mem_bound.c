/*
 * mem_bound.c - bound-check accesses and assertions (Vol.1 2.2.6 Bound
 * Check Memory Access, 2.2.10.x ASRTLE/ASRTGT): ld{gt,le}.{b,h,w,d},
 * st{gt,le}.{b,h,w,d} access [rj] only if rj > rk (gt) / rj <= rk (le),
 * else raise BCE; asrtle.d / asrtgt.d raise BCE unless rj <= rk / rj > rk.
 * The bound-check accesses compare unsigned (QEMU 7.2 compares
 * target_ulong; the manual writes GR[rj] > GR[rk] for addresses); asrtle.d
 * and asrtgt.d compare "as signed numbers" (2.2.10.3).
 *
 * CHECK_EQs by hand: the loaded values and their sign extension, that a
 * failing store writes nothing, ESTAT.Ecode = BCE.
 *
 * QEMU 7.2 departures (checked on lvzsim only, never printed):
 *   - ERA of BCE: QEMU raises it from a helper without the host return
 *     address (do_raise_exception(env, EXCCODE_BCE, 0)), so ERA is a stale
 *     PC (the start of the translation block), and BADI, read at that PC,
 *     is another instruction's word; the manual: ERA = the PC of the
 *     faulting instruction, BADI = its word (7.4.7, 7.4.9).
 *   - BADV of BCE: the manual lists BCE among the exceptions that record
 *     BADV (7.4.8): the access address rj; QEMU writes the PC.
 *   - natural alignment: the manual requires it (ALE); QEMU does not check.
 *   - asrtle.d/asrtgt.d: QEMU compares unsigned (helper_asrtle_d takes
 *     target_ulong); operands whose signed and unsigned order differ are
 *     checked on lvzsim only.
 */
#include "isa.h"

static uint64_t cell[4] __attribute__((aligned(64)));

/* Each form resumes at the label after it (QEMU 7.2's ERA of a BCE is not
 * the instruction, see above). */
#define BL(insn, a, k) ({ unsigned long __r = 0x5a5a; \
	__asm__ volatile(ISA_SET_RESUME insn " %0, %1, %2\n" ISA_LABEL \
			 : "+r"(__r) : "r"(a), "r"(k), ISA_RESUME_IN : ISA_RESUME_CLOBBER); __r; })
#define BS(insn, v, a, k) \
	__asm__ volatile(ISA_SET_RESUME insn " %0, %1, %2\n" ISA_LABEL \
			 : : "r"(v), "r"(a), "r"(k), ISA_RESUME_IN : ISA_RESUME_CLOBBER)
#define ASRT(insn, a, k) \
	__asm__ volatile(ISA_SET_RESUME insn " %0, %1\n" ISA_LABEL \
			 : : "r"(a), "r"(k), ISA_RESUME_IN : ISA_RESUME_CLOBBER)

/* Run `stmt` expecting BCE (or nothing); returns the ecode. */
#define EXPECT(stmt) ({ isa_expect(ISA_RESUME_LABEL); stmt; isa_ecode(); })

static void check_loads(void)
{
	unsigned long a = (unsigned long)cell;
	cell[0] = 0x8182838485868788ul;
	/* gt: rj > rk */
	CHECK_EQ(BL("ldgt.b", a, a - 1), 0xffffffffffffff88ul);
	CHECK_EQ(BL("ldgt.h", a, a - 1), 0xffffffffffff8788ul);
	CHECK_EQ(BL("ldgt.w", a, 0ul), 0xffffffff85868788ul);
	CHECK_EQ(BL("ldgt.d", a, 0ul), 0x8182838485868788ul);
	/* le: rj <= rk, equality included */
	CHECK_EQ(BL("ldle.b", a, a), 0xffffffffffffff88ul);
	CHECK_EQ(BL("ldle.h", a, a), 0xffffffffffff8788ul);
	CHECK_EQ(BL("ldle.w", a, ~0ul), 0xffffffff85868788ul);
	CHECK_EQ(BL("ldle.d", a, a + 8), 0x8182838485868788ul);
	/* failing bounds: BCE, rd unchanged */
	unsigned long r = 0;
	CHECK_EQ(EXPECT(r = BL("ldgt.d", a, a)), EC_BCE);      /* equal is not greater */
	CHECK_EQ(r, 0x5a5a);
	CHECK_EQ_LVZSIM(isa_trap.badi & 0xffff8000, 0x38798000);   /* ldgt.d opcode */
	CHECK_EQ_LVZSIM(isa_trap.badv, a);
	CHECK_EQ(EXPECT(r = BL("ldgt.b", a, ~0ul)), EC_BCE);
	CHECK_EQ(EXPECT(r = BL("ldle.w", a, a - 1)), EC_BCE);
	CHECK_EQ(EXPECT(r = BL("ldle.h", a, 0ul)), EC_BCE);
	/* unsigned: 0x8000... > 1 */
	CHECK_EQ(EXPECT(r = BL("ldle.d", a, 0x8000000000000000ul)), -1);
	CHECK_EQ(r, 0x8182838485868788ul);
}

static void check_stores(void)
{
	unsigned long a = (unsigned long)cell;
	cell[1] = ~0ul;
	BS("stgt.b", 0x11ul, a + 8, a);
	BS("stgt.h", 0x2222ul, a + 10, a);
	BS("stle.w", 0x33333333ul, a + 12, a + 12);
	CHECK_EQ(cell[1], 0x333333332222ff11ul);   /* byte 1 untouched */
	BS("stle.d", 0x0123456789abcdeful, a + 8, ~0ul);
	CHECK_EQ(cell[1], 0x0123456789abcdeful);
	BS("stgt.d", 0x1111111111111111ul, a + 8, 0ul);
	CHECK_EQ(cell[1], 0x1111111111111111ul);
	BS("stle.b", 0x22ul, a + 8, a + 8);
	BS("stgt.w", 0x44444444ul, a + 12, a + 8);
	BS("stle.h", 0x3333ul, a + 10, a + 10);
	CHECK_EQ(cell[1], 0x4444444433331122ul);
	/* failing bounds write nothing */
	CHECK_EQ(EXPECT(BS("stgt.d", 0ul, a + 8, a + 8)), EC_BCE);
	CHECK_EQ(EXPECT(BS("stle.b", 0ul, a + 8, a)), EC_BCE);
	CHECK_EQ(EXPECT(BS("stle.w", 0ul, a + 8, 0ul)), EC_BCE);
	CHECK_EQ(EXPECT(BS("stgt.h", 0ul, a + 8, ~0ul)), EC_BCE);
	CHECK_EQ(cell[1], 0x4444444433331122ul);
	CHECK_EQ_LVZSIM(isa_trap.badv, a + 8);
}

/* ERA of a BCE must be the faulting instruction: lvzsim only (QEMU 7.2
 * reports a stale PC, see the header). */
static void check_era(void)
{
	unsigned long pc, a = (unsigned long)cell;
	isa_expect(ISA_RESUME_LABEL);
	__asm__ volatile(ISA_SET_RESUME "pcaddi %0, 0\n ldgt.w $zero, %1, %1\n" ISA_LABEL
			 : "=&r"(pc) : "r"(a), ISA_RESUME_IN : ISA_RESUME_CLOBBER);
	CHECK_EQ(isa_ecode(), EC_BCE);
	CHECK_EQ_LVZSIM(isa_trap.era, pc + 4);
	isa_expect(ISA_RESUME_LABEL);
	__asm__ volatile(ISA_SET_RESUME "pcaddi %0, 0\n asrtle.d %1, $zero\n" ISA_LABEL
			 : "=&r"(pc) : "r"(a), ISA_RESUME_IN : ISA_RESUME_CLOBBER);
	CHECK_EQ(isa_ecode(), EC_BCE);
	CHECK_EQ_LVZSIM(isa_trap.era, pc + 4);
}

static void check_asrt(void)
{
	/* asrtle.d rj, rk: BCE unless rj <= rk (signed, 2.2.10.3) */
	CHECK_EQ(EXPECT(ASRT("asrtle.d", 1ul, 1ul)), -1);
	CHECK_EQ_LVZSIM(EXPECT(ASRT("asrtle.d", 1ul, ~0ul)), EC_BCE);    /* 1 <= -1 fails */
	CHECK_EQ_LVZSIM(EXPECT(ASRT("asrtle.d", ~0ul, 1ul)), -1);        /* -1 <= 1 holds */
	CHECK_EQ(EXPECT(ASRT("asrtle.d", 2ul, 1ul)), EC_BCE);
	CHECK_EQ_LVZSIM(isa_trap.badi & 0xffff801f, 0x00010000);   /* asrtle.d, rd field 0 */
	/* asrtgt.d rj, rk: BCE unless rj > rk */
	CHECK_EQ(EXPECT(ASRT("asrtgt.d", 2ul, 1ul)), -1);
	CHECK_EQ(EXPECT(ASRT("asrtgt.d", 1ul, 1ul)), EC_BCE);
	CHECK_EQ_LVZSIM(isa_trap.badi & 0xffff801f, 0x00018000);
	CHECK_EQ_LVZSIM(EXPECT(ASRT("asrtgt.d", 0ul, ~0ul)), -1);        /* 0 > -1 holds */
	CHECK_EQ_LVZSIM(EXPECT(ASRT("asrtgt.d", ~0ul, 0ul)), EC_BCE);    /* -1 > 0 fails */
}

/* Bound-check accesses require natural alignment (ALE first: the
 * address check precedes the bound check, 2.2.6 pseudocode). */
static void check_alignment(void)
{
	if (!isa_on_lvzsim())
		return;     /* QEMU 7.2 does not check alignment here */
	unsigned long a = (unsigned long)cell;
	CHECK_EQ(EXPECT(BL("ldgt.w", a + 2, 0ul)), EC_ALE);
	CHECK_EQ(isa_trap.badv, a + 2);
	CHECK_EQ(EXPECT(BL("ldle.d", a + 4, 0ul)), EC_ALE);   /* bound fails too: ALE wins */
	CHECK_EQ(EXPECT(BS("stgt.h", 0ul, a + 1, 0ul)), EC_ALE);
	CHECK_EQ(EXPECT(BL("ldgt.b", a + 1, 0ul)), -1);       /* bytes are aligned */
}

/* All forms over isa_vals-like bounds around the address, hashed. */
static void hash_forms(void)
{
	static const char *const names[] = { "ldgt.b", "ldgt.h", "ldgt.w", "ldgt.d",
					     "ldle.b", "ldle.h", "ldle.w", "ldle.d" };
	unsigned long a = (unsigned long)cell;
	const unsigned long ks[] = { 0, a - 1, a, a + 1, ~0ul, 0x8000000000000000ul };
	cell[0] = 0xfedcba9876543210ul;
	for (int n = 0; n < 8; n++) {
		unsigned long h = ISA_HASH0;
		for (unsigned i = 0; i < ARRAY_SIZE(ks); i++) {
			unsigned long r = 0;
			isa_expect(ISA_RESUME_LABEL);
			switch (n) {
			case 0: r = BL("ldgt.b", a, ks[i]); break;
			case 1: r = BL("ldgt.h", a, ks[i]); break;
			case 2: r = BL("ldgt.w", a, ks[i]); break;
			case 3: r = BL("ldgt.d", a, ks[i]); break;
			case 4: r = BL("ldle.b", a, ks[i]); break;
			case 5: r = BL("ldle.h", a, ks[i]); break;
			case 6: r = BL("ldle.w", a, ks[i]); break;
			default: r = BL("ldle.d", a, ks[i]); break;
			}
			h = isa_mix(isa_mix(h, r), (unsigned long)isa_ecode());
		}
		isa_report(names[n], h);
	}
}

int main(void)
{
	isa_init();
	check_loads();
	check_stores();
	check_era();
	check_asrt();
	check_alignment();
	hash_forms();
	return 0;
}
