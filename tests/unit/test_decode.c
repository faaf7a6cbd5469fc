/*
 * test_decode.c - the instruction table (decode/insns.def), insn_lookup(),
 * insn_decode() and insn_disasm().
 *
 * Table invariants first, then operand extraction for every format with
 * words encoded by hand from Vol.1 "Table of instruction encoding"; each
 * comment shows the fields.  Register numbers: $ra=1 $sp=3 $a0..$a2=4..6
 * $t0..$t2=12..14.  The exhaustive comparison with llvm-objdump-19 lives
 * in tests/disasm/run.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "decode/decode.h"

static const struct insn_info *E(unsigned id) { return &insn_table[id]; }

/* ---- Table invariants ------------------------------------------------- */

static void test_match_within_mask(void **state)
{
	(void)state;
	for (unsigned i = 0; i < INSN_COUNT; i++)
		if (E(i)->match & ~E(i)->mask)
			fail_msg("%s: match 0x%08x has bits outside mask 0x%08x",
				 E(i)->name, E(i)->match, E(i)->mask);
}

static void test_no_duplicate_patterns(void **state)
{
	(void)state;
	for (unsigned i = 0; i < INSN_COUNT; i++)
		for (unsigned j = i + 1; j < INSN_COUNT; j++)
			if (E(i)->match == E(j)->match && E(i)->mask == E(j)->mask)
				fail_msg("%s and %s have the same pattern", E(i)->name, E(j)->name);
}

/*
 * The ORDER RULE of insns.def: when two patterns overlap (some word
 * matches both), the earlier one must be a specialization of the later
 * one (fixes every bit the later fixes, with the same values), otherwise
 * the later would shadow part of it or the outcome would depend on order
 * in a way nobody intended.
 */
static void test_overlaps_are_earlier_specializations(void **state)
{
	(void)state;
	unsigned overlaps = 0;
	for (unsigned i = 0; i < INSN_COUNT; i++)
		for (unsigned j = i + 1; j < INSN_COUNT; j++) {
			const struct insn_info *a = E(i), *b = E(j);
			if ((a->match ^ b->match) & a->mask & b->mask)
				continue;   /* disjoint */
			overlaps++;
			if ((a->mask & b->mask) != b->mask || (a->match & b->mask) != b->match)
				fail_msg("%s overlaps the later %s but does not specialize it",
					 a->name, b->name);
		}
	/* csrrd, csrwr < csrxchg and gcsrrd, gcsrwr < gcsrxchg, nothing else. */
	assert_int_equal(overlaps, 4);
}

/* Every entry decodes its own match word to itself, unless an earlier
 * specialization claims that word (csrxchg's rj = 0 is csrrd); then the
 * word with all operand bits set must be its own. */
static void test_each_entry_decodes_to_itself(void **state)
{
	(void)state;
	for (unsigned i = 0; i < INSN_COUNT; i++) {
		unsigned got = insn_lookup(E(i)->match);
		if (got == i)
			continue;
		if (got > i)
			fail_msg("%s: own match word decodes to %s", E(i)->name,
				 got == INSN_INVALID ? "invalid" : E(got)->name);
		assert_int_equal(insn_lookup(E(i)->match | ~E(i)->mask), i);
	}
	assert_int_equal(insn_lookup(0x04000000), INSN_csrrd);
	assert_int_equal(insn_lookup(0x04000000 | 31 << 5), INSN_csrxchg);
}

/* name is the mnemonic with '.' -> '_' (the X-macro naming rule). */
static void test_names_follow_mnemonics(void **state)
{
	(void)state;
	for (unsigned i = 0; i < INSN_COUNT; i++) {
		char want[32];
		size_t n = strlen(E(i)->mnemonic);
		assert_true(n < sizeof want);
		for (size_t k = 0; k <= n; k++)
			want[k] = E(i)->mnemonic[k] == '.' ? '_' : E(i)->mnemonic[k];
		assert_string_equal(E(i)->name, want);
		assert_non_null(E(i)->fn);
		assert_true(E(i)->fmt < FMT_COUNT);
	}
	assert_int_equal(E(INSN_add_d)->match, 0x00108000);
	assert_int_equal(E(INSN_add_d)->mask, 0xffff8000);
}

/* insn_lookup's index must give the same answer as a plain scan in table
 * order, on many words (fixed xorshift seed) and on every table pattern. */
static unsigned slow_lookup(uint32_t raw)
{
	for (unsigned i = 0; i < INSN_COUNT; i++)
		if ((raw & E(i)->mask) == E(i)->match)
			return i;
	return INSN_INVALID;
}

static void test_lookup_equals_linear_scan(void **state)
{
	(void)state;
	uint32_t x = 2463534242u;
	for (unsigned n = 0; n < 300000; n++) {
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		/* half the words: a random table pattern with random operands */
		uint32_t w = x;
		if (n & 1) {
			const struct insn_info *e = E((x >> 7) % INSN_COUNT);
			w = e->match | (x & ~e->mask);
		}
		if (insn_lookup(w) != slow_lookup(w))
			fail_msg("0x%08x: lookup %u, scan %u", w, insn_lookup(w), slow_lookup(w));
	}
}

/* ---- insn_decode -------------------------------------------------------- */

static struct dinsn dec(uint32_t raw, unsigned want_id)
{
	struct dinsn d;
	memset(&d, 0xa5, sizeof d);
	insn_decode(raw, &d);
	assert_int_equal(d.raw, raw);
	assert_int_equal(d.id, want_id);
	if (want_id != INSN_INVALID)
		assert_ptr_equal(d.fn, E(want_id)->fn);
	return d;
}

#define REGS(d, d_, j_, k_, a_) do {          \
		assert_int_equal((d).rd, (d_)); \
		assert_int_equal((d).rj, (j_)); \
		assert_int_equal((d).rk, (k_)); \
		assert_int_equal((d).ra, (a_)); \
	} while (0)

static void test_invalid_words(void **state)
{
	(void)state;
	const uint32_t bad[] = {
		0x00000000,  /* nothing lives at 0 */
		0xffffffff,
		0x06482402,  /* tlbflush with rd = 2: only 0 and 1 (gtlbflush) exist */
		0x0c1f8000,  /* fcmp.?.s cond 0x1f: unassigned condition */
		0x0c120008,  /* fcmp.ceq.s with rd bit 3 set: cd is 3 bits */
		0x0114dd00,  /* movcf2gr with rj bit 8 set: cj is 3 bits */
		0x0114c004,  /* movgr2fcsr $fcsr4: only fcsr0..3 */
		0x48000200,  /* bits [9:8] = 2: LBT jiscr0 */
		0x00000800,  /* LBT movgr2scr */
		0x70000000,  /* LSX vseq.b */
		0x00010001,  /* asrtle.d with rd != 0 */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct dinsn d = dec(bad[i], INSN_INVALID);
		assert_ptr_equal(d.fn, exec_invalid);
	}
}

static void test_decode_integer_formats(void **state)
{
	(void)state;
	struct dinsn d;

	/* add.d $a0, $a1, $a2: 0x00108000 | rk=6<<10 | rj=5<<5 | rd=4 */
	d = dec(0x001098a4, INSN_add_d);
	REGS(d, 4, 5, 6, 0);

	/* alsl.d $t0, $t1, $t2, 3: sa2 [16:15] = 2 encodes shift 2+1 */
	d = dec(0x002d39ac, INSN_alsl_d);
	REGS(d, 12, 13, 14, 0);
	assert_int_equal(d.imm, 3);

	/* bytepick.w ..., 3: sa2 = 3 is used as is; bytepick.d ..., 5: sa3 = 5 */
	assert_int_equal(dec(0x0009b9ac, INSN_bytepick_w).imm, 3);
	assert_int_equal(dec(0x000eb9ac, INSN_bytepick_d).imm, 5);

	/* slli.d $a0, $a0, 63: ui6 [15:10] = 0x3f; srai.w $a0, $a1, 31: ui5 */
	d = dec(0x0041fc84, INSN_slli_d);
	REGS(d, 4, 4, 0, 0);
	assert_int_equal(d.imm, 63);
	assert_int_equal(dec(0x0048fca4, INSN_srai_w).imm, 31);

	/* addi.d $sp, $sp, -16: si12 [21:10] = 0xff0 */
	d = dec(0x02ffc063, INSN_addi_d);
	REGS(d, 3, 3, 0, 0);
	assert_int_equal(d.imm, -16);

	/* andi $a0, $a1, 4095: ui12 = 0xfff is NOT sign-extended */
	assert_int_equal(dec(0x037ffca4, INSN_andi).imm, 4095);

	/* ldptr.d $a0, $a1, -4: si14 [23:10] = 0x3fff (-1), scaled by 4 */
	d = dec(0x26fffca4, INSN_ldptr_d);
	REGS(d, 4, 5, 0, 0);
	assert_int_equal(d.imm, -4);

	/* addu16i.d $a0, $a1, -1: si16 = 0xffff; imm is si16 << 16 */
	assert_int_equal(dec(0x13fffca4, INSN_addu16i_d).imm, -65536);

	/* lu12i.w $a0, -1: si20 [24:5] = 0xfffff; the handler shifts */
	d = dec(0x15ffffe4, INSN_lu12i_w);
	assert_int_equal(d.rd, 4);
	assert_int_equal(d.imm, -1);

	/* bstrpick.d $a0, $a1, 63, 32: msbd [21:16] = 63, lsbd [15:10] = 32 */
	d = dec(0x00ff80a4, INSN_bstrpick_d);
	REGS(d, 4, 5, 0, 0);
	assert_int_equal(d.imm, 63 << 8 | 32);

	/* bstrins.w $a0, $a1, 31, 0: msbw [20:16] = 31, lsbw [14:10] = 0 */
	assert_int_equal(dec(0x007f00a4, INSN_bstrins_w).imm, 31 << 8);

	/* asrtle.d $a0, $a1: rj = 4, rk = 5, rd must be 0 */
	d = dec(0x00011480, INSN_asrtle_d);
	REGS(d, 0, 4, 5, 0);

	/* amswap_db.w $a0, $a1, $a2 (printed rd, rk, rj): rd=4 rk=5 rj=6 */
	d = dec(0x386914c4, INSN_amswap_db_w);
	REGS(d, 4, 6, 5, 0);
	/* sc.q $a0, $a1, $a2: same layout */
	REGS(dec(0x385714c4, INSN_sc_q), 4, 6, 5, 0);

	/* preld 8, $a0, 64: hint 8 in rd, si12 = 64 */
	d = dec(0x2ac10088, INSN_preld);
	REGS(d, 8, 4, 0, 0);
	assert_int_equal(d.imm, 64);

	/* hvcl 1, break 5, dbar 0x700: code/hint [14:0] */
	assert_int_equal(dec(0x002b8001, INSN_hvcl).imm, 1);
	assert_int_equal(dec(0x002a0005, INSN_break).imm, 5);
	assert_int_equal(dec(0x38720700, INSN_dbar).imm, 0x700);
}

static void test_decode_branches(void **state)
{
	(void)state;
	struct dinsn d;

	/* beq $a0, $a1, -8: offs16 [25:10] = 0xfffe (-2 words), rj = 4, rd = 5 */
	d = dec(0x5bfff885, INSN_beq);
	REGS(d, 5, 4, 0, 0);
	assert_int_equal(d.imm, -8);

	/* b -4: offs26 = [9:0]:[25:10] = 0x3ff:0xffff = -1 word */
	assert_int_equal(dec(0x53ffffff, INSN_b).imm, -4);
	/* b 262144: [9:0] = 1 is the HIGH part: offs26 = 1 << 16 words */
	assert_int_equal(dec(0x50000001, INSN_b).imm, 262144);

	/* beqz $a0, 8: offs21 = [4:0]:[25:10] = 0:2 */
	d = dec(0x40000880, INSN_beqz);
	REGS(d, 0, 4, 0, 0);
	assert_int_equal(d.imm, 8);
	/* bnez $a0, -4: offs21 = 0x1f:0xffff = -1 word */
	assert_int_equal(dec(0x47fffc9f, INSN_bnez).imm, -4);

	/* bcnez $fcc7, -4: bit 8 = 1 (bcnez), cj [7:5] = 7, offs21 = -1 */
	d = dec(0x4bfffdff, INSN_bcnez);
	assert_int_equal(d.rj, 7);
	assert_int_equal(d.imm, -4);

	/* jirl $ra, $a0, 4: offs16 = 1 word */
	d = dec(0x4c000481, INSN_jirl);
	REGS(d, 1, 4, 0, 0);
	assert_int_equal(d.imm, 4);
}

static void test_decode_privileged(void **state)
{
	(void)state;
	struct dinsn d;

	/* csrrd $a0, 384: csr [23:10] = 0x180, rj = 0 */
	d = dec(0x04060004, INSN_csrrd);
	assert_int_equal(d.rd, 4);
	assert_int_equal(d.imm, 384);
	/* csrwr $a0, 1: rj = 1 */
	assert_int_equal(dec(0x04000424, INSN_csrwr).imm, 1);
	/* csrxchg $a0, $a1, 2: rj = 5 (any rj but 0 and 1) */
	d = dec(0x040008a4, INSN_csrxchg);
	REGS(d, 4, 5, 0, 0);
	assert_int_equal(d.imm, 2);
	/* gcsrrd/gcsrxchg: the same, major opcode 0x05 */
	assert_int_equal(dec(0x05060004, INSN_gcsrrd).imm, 384);
	assert_int_equal(dec(0x050008a4, INSN_gcsrxchg).rj, 5);

	/* cacop 19, $a0, -1: code in rd, si12 = 0xfff */
	d = dec(0x063ffc93, INSN_cacop);
	REGS(d, 19, 4, 0, 0);
	assert_int_equal(d.imm, -1);

	/* invtlb 5, $a0, $a1: op in rd */
	REGS(dec(0x06499485, INSN_invtlb), 5, 4, 5, 0);

	/* lddir $a0, $a1, 2 and ldpte $a0, 1: level/seq [17:10] */
	d = dec(0x064008a4, INSN_lddir);
	REGS(d, 4, 5, 0, 0);
	assert_int_equal(d.imm, 2);
	d = dec(0x06440480, INSN_ldpte);
	REGS(d, 0, 4, 0, 0);
	assert_int_equal(d.imm, 1);

	/* The no-operand group differs in [14:10] and, for gtlbflush, rd = 1. */
	dec(0x06482800, INSN_tlbsrch);
	dec(0x06483800, INSN_ertn);
	dec(0x06482400, INSN_tlbflush);
	dec(0x06482401, INSN_gtlbflush);
	assert_int_equal(dec(0x06488000, INSN_idle).imm, 0);
}

static void test_decode_fp_formats(void **state)
{
	(void)state;
	struct dinsn d;

	/* fadd.d $fa0, $fa1, $fa2 */
	REGS(dec(0x01010820, INSN_fadd_d), 0, 1, 2, 0);
	/* fmadd.d $fa0, $fa1, $fa2, $fa3: fa [19:15] = 3 */
	REGS(dec(0x08218820, INSN_fmadd_d), 0, 1, 2, 3);
	/* fsel $fa0, $fa1, $fa2, $fcc7: ca [17:15] = 7 lands in ra */
	REGS(dec(0x0d038820, INSN_fsel), 0, 1, 2, 7);

	/* fcmp.clt.d $fcc3, $fa1, $fa2: cd [2:0] = 3, cond [19:15] = 2 (clt) */
	d = dec(0x0c210823, INSN_fcmp_clt_d);
	REGS(d, 3, 1, 2, 0);
	assert_int_equal(d.imm, 2);

	/* GPR/FPR/FCC/FCSR moves */
	REGS(dec(0x0114a880, INSN_movgr2fr_d), 0, 4, 0, 0);   /* $fa0, $a0 */
	REGS(dec(0x0114b804, INSN_movfr2gr_d), 4, 0, 0, 0);   /* $a0, $fa0 */
	REGS(dec(0x0114d002, INSN_movfr2cf), 2, 0, 0, 0);     /* $fcc2, $fa0 */
	REGS(dec(0x0114d4a0, INSN_movcf2fr), 0, 5, 0, 0);     /* $fa0, $fcc5 */
	REGS(dec(0x0114d881, INSN_movgr2cf), 1, 4, 0, 0);     /* $fcc1, $a0 */
	REGS(dec(0x0114dce4, INSN_movcf2gr), 4, 7, 0, 0);     /* $a0, $fcc7 */
	REGS(dec(0x0114c083, INSN_movgr2fcsr), 3, 4, 0, 0);   /* $fcsr3, $a0 */
	REGS(dec(0x0114c844, INSN_movfcsr2gr), 4, 2, 0, 0);   /* $a0, $fcsr2 */

	/* fld.d $fa0, $sp, 8 and fldx.d $fa0, $a0, $a1 */
	d = dec(0x2b802060, INSN_fld_d);
	REGS(d, 0, 3, 0, 0);
	assert_int_equal(d.imm, 8);
	REGS(dec(0x38341480, INSN_fldx_d), 0, 4, 5, 0);
}

/* ---- insn_disasm spot checks (the full comparison is tests/disasm) -------- */

static void expect_text(uint32_t raw, const char *want, bool valid)
{
	char buf[64];
	assert_int_equal(insn_disasm(raw, 0x1000, buf, sizeof buf), valid);
	assert_string_equal(buf, want);
}

static void test_disasm_spot_checks(void **state)
{
	(void)state;
	expect_text(0x5bfff885, "beq\t$a0, $a1, -8", true);
	expect_text(0x001098a4, "add.d\t$a0, $a1, $a2", true);
	expect_text(0x002d39ac, "alsl.d\t$t0, $t1, $t2, 3", true);
	expect_text(0x13fffca4, "addu16i.d\t$a0, $a1, -1", true);
	expect_text(0x386914c4, "amswap_db.w\t$a0, $a1, $a2", true);
	expect_text(0x0c210823, "fcmp.clt.d\t$fcc3, $fa1, $fa2", true);
	expect_text(0x0d038820, "fsel\t$fa0, $fa1, $fa2, $fcc7", true);
	expect_text(0x0114c844, "movfcsr2gr\t$a0, $fcsr2", true);
	expect_text(0x04060004, "csrrd\t$a0, 384", true);
	expect_text(0x06483800, "ertn\t", true);            /* TAB, no operands */
	expect_text(0x03400000, "nop", true);               /* andi $zero, $zero, 0 */
	expect_text(0x00150085, "move\t$a1, $a0", true);    /* or $a1, $a0, $zero */
	expect_text(0x4c000080, "jr\t$a0", true);           /* jirl $zero, $a0, 0 */
	expect_text(0x4c000020, "ret", true);               /* jirl $zero, $ra, 0 */
	expect_text(0x00000000, "<unknown>", false);

	/* A short buffer truncates but stays terminated. */
	char small[4];
	assert_true(insn_disasm(0x001098a4, 0, small, sizeof small));
	assert_string_equal(small, "add");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_within_mask),
		cmocka_unit_test(test_no_duplicate_patterns),
		cmocka_unit_test(test_overlaps_are_earlier_specializations),
		cmocka_unit_test(test_each_entry_decodes_to_itself),
		cmocka_unit_test(test_names_follow_mnemonics),
		cmocka_unit_test(test_lookup_equals_linear_scan),
		cmocka_unit_test(test_invalid_words),
		cmocka_unit_test(test_decode_integer_formats),
		cmocka_unit_test(test_decode_branches),
		cmocka_unit_test(test_decode_privileged),
		cmocka_unit_test(test_decode_fp_formats),
		cmocka_unit_test(test_disasm_spot_checks),
	};
	return cmocka_run_group_tests_name("decode", tests, NULL, NULL);
}
