/*
 * int_shift.c - shifts and rotates, register and immediate forms
 * (Vol.1 2.2.3 Bit-shift Instructions).  .w forms use rk[4:0] (or ui5) of
 * the low word and sign-extend the 32-bit result; .d forms use rk[5:0].
 *
 * Hash lines over isa_vals x isa_vals / x immediates are compared with
 * QEMU 7.2; the CHECK_EQs are worked out by hand from the definitions.
 */
#include "isa.h"

ISA_RRR(sll_w, "sll.w")
ISA_RRR(srl_w, "srl.w")
ISA_RRR(sra_w, "sra.w")
ISA_RRR(rotr_w, "rotr.w")
ISA_RRR(sll_d, "sll.d")
ISA_RRR(srl_d, "srl.d")
ISA_RRR(sra_d, "sra.d")
ISA_RRR(rotr_d, "rotr.d")
ISA_RRI6(slli_w, "slli.w", 0, 1, 8, 16, 31, 17)
ISA_RRI6(srli_w, "srli.w", 0, 1, 8, 16, 31, 17)
ISA_RRI6(srai_w, "srai.w", 0, 1, 8, 16, 31, 17)
ISA_RRI6(rotri_w, "rotri.w", 0, 1, 8, 16, 31, 17)
ISA_RRI6(slli_d, "slli.d", 0, 1, 31, 32, 63, 40)
ISA_RRI6(srli_d, "srli.d", 0, 1, 31, 32, 63, 40)
ISA_RRI6(srai_d, "srai.d", 0, 1, 31, 32, 63, 40)
ISA_RRI6(rotri_d, "rotri.d", 0, 1, 31, 32, 63, 40)

static const struct isa_op ops[] = {
	{ "sll.w", sll_w, 0 }, { "srl.w", srl_w, 0 }, { "sra.w", sra_w, 0 },
	{ "rotr.w", rotr_w, 0 }, { "sll.d", sll_d, 0 }, { "srl.d", srl_d, 0 },
	{ "sra.d", sra_d, 0 }, { "rotr.d", rotr_d, 0 },
	{ "slli.w", slli_w, 6 }, { "srli.w", srli_w, 6 }, { "srai.w", srai_w, 6 },
	{ "rotri.w", rotri_w, 6 }, { "slli.d", slli_d, 6 }, { "srli.d", srli_d, 6 },
	{ "srai.d", srai_d, 6 }, { "rotri.d", rotri_d, 6 },
};

/* Shift amounts from isa_small as the rk operand, too. */
static void run_small_amounts(void)
{
	static const struct isa_op *const t = ops;
	for (unsigned i = 0; i < 8; i++) {
		unsigned long h = ISA_HASH0;
		for (unsigned x = 0; x < isa_nvals; x++)
			for (unsigned y = 0; y < isa_nsmall; y++)
				h = isa_mix(h, t[i].fn(isa_vals[x], isa_small[y]));
		char name[24];
		snprintf(name, sizeof(name), "%s/sa", t[i].name);
		isa_report(name, h);
	}
}

static void check_by_hand(void)
{
	CHECK_EQ(sll_w(1, 31), 0xffffffff80000000ul);       /* bit 31 set -> sign-extended */
	CHECK_EQ(sll_w(1, 33), 2);                          /* rk[4:0] = 1 */
	CHECK_EQ(srl_w(0xffffffff80000000ul, 31), 1);
	CHECK_EQ(srl_w(0x180000000ul, 0), 0xffffffff80000000ul); /* low word, shift 0, sign-extend */
	CHECK_EQ(srl_w(0x80000000, 1), 0x40000000);
	CHECK_EQ(sra_w(0x80000000, 4), 0xfffffffff8000000ul);
	CHECK_EQ(rotr_w(1, 1), 0xffffffff80000000ul);
	CHECK_EQ(rotr_w(0x12345678, 8 + 32), 0x78123456);   /* rk[4:0] = 8 */
	CHECK_EQ(sll_d(1, 64), 1);                          /* rk[5:0] = 0 */
	CHECK_EQ(sll_d(1, 63), 0x8000000000000000ul);
	CHECK_EQ(srl_d(0x8000000000000000ul, 63), 1);
	CHECK_EQ(sra_d(0x8000000000000000ul, 63), ~0ul);
	CHECK_EQ(rotr_d(1, 1), 0x8000000000000000ul);
	CHECK_EQ(rotr_d(0x0123456789abcdeful, 4), 0xf0123456789abcdeul);
	CHECK_EQ(slli_w(0x12345678, 3), 0x56780000);        /* k=3: 16 */
	CHECK_EQ(srli_w(0xffffffff, 4), 0x1);               /* k=4: 31 */
	CHECK_EQ(srai_w(0x80000000, 4), ~0ul);
	CHECK_EQ(rotri_w(0x12345678, 2), 0x78123456);       /* k=2: 8 */
	CHECK_EQ(srli_d(~0ul, 4), 1);                       /* k=4: 63 */
	CHECK_EQ(srai_d(0x8000000000000000ul, 3), 0xffffffff80000000ul);  /* k=3: 32 */
	CHECK_EQ(rotri_d(0x0123456789abcdeful, 3), 0x89abcdef01234567ul);
}

int main(void)
{
	isa_init();
	check_by_hand();
	isa_run_ops(ops, ARRAY_SIZE(ops));
	run_small_amounts();
	return 0;
}
