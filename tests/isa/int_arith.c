/*
 * int_arith.c - integer add/sub, immediates, shifted add, compare, logic,
 * masks, the lu*i constant builders and the PC-relative adds
 * (Vol.1 2.2.1 Arithmetic Operation Instructions).
 *
 * Every instruction runs over isa_vals x isa_vals (or x six immediates); one
 * hash line per instruction is compared with QEMU 7.2 by compare.sh.  The
 * CHECK_EQs below are the manual's definitions applied by hand to edge
 * values, so a fault shared by both simulators still fails.
 */
#include "isa.h"

ISA_RRR(add_w, "add.w")
ISA_RRR(add_d, "add.d")
ISA_RRR(sub_w, "sub.w")
ISA_RRR(sub_d, "sub.d")
ISA_RRR(slt, "slt")
ISA_RRR(sltu, "sltu")
ISA_RRR(and_, "and")
ISA_RRR(or_, "or")
ISA_RRR(nor, "nor")
ISA_RRR(xor_, "xor")
ISA_RRR(andn, "andn")
ISA_RRR(orn, "orn")
ISA_RRR(maskeqz, "maskeqz")
ISA_RRR(masknez, "masknez")
ISA_RRI6(addi_w, "addi.w", 0, 1, -1, 2047, -2048, 0x555)
ISA_RRI6(addi_d, "addi.d", 0, 1, -1, 2047, -2048, 0x555)
ISA_RRI6(addu16i_d, "addu16i.d", 0, 1, -1, 0x7fff, -0x8000, 0x1234)
ISA_RRI6(slti, "slti", 0, 1, -1, 2047, -2048, 0x555)
ISA_RRI6(sltui, "sltui", 0, 1, -1, 2047, -2048, 0x555)
ISA_RRI6(andi, "andi", 0, 1, 0xfff, 0x800, 0x7ff, 0x555)
ISA_RRI6(ori, "ori", 0, 1, 0xfff, 0x800, 0x7ff, 0x555)
ISA_RRI6(xori, "xori", 0, 1, 0xfff, 0x800, 0x7ff, 0x555)
ISA_RRI6(lu52i_d, "lu52i.d", 0, 1, -1, 0x7ff, -0x800, 0x123)
ISA_RDI6(lu32i_d, "lu32i.d", 0, 1, -1, 0x7ffff, -0x80000, 0x12345)

/* alsl: sa is 1..4 in the assembler (encoded sa2 = sa - 1). */
#define ALSL(fn, insn) static unsigned long fn(unsigned long a, unsigned long k) { \
	unsigned long r, b = 0x123456789abcdef1ul ^ (k * 0x1111); \
	switch (k & 3) { \
	case 0: __asm__ volatile(insn " %0, %1, %2, 1" : "=r"(r) : "r"(a), "r"(b)); break; \
	case 1: __asm__ volatile(insn " %0, %1, %2, 2" : "=r"(r) : "r"(a), "r"(b)); break; \
	case 2: __asm__ volatile(insn " %0, %1, %2, 3" : "=r"(r) : "r"(a), "r"(b)); break; \
	default: __asm__ volatile(insn " %0, %1, %2, 4" : "=r"(r) : "r"(a), "r"(b)); break; \
	} return r; }
ALSL(alsl_w, "alsl.w")
ALSL(alsl_wu, "alsl.wu")
ALSL(alsl_d, "alsl.d")
#define ALSL3(insn, a, b, sa) ({ unsigned long __r; \
	__asm__ volatile(insn " %0, %1, %2, " #sa : "=r"(__r) : "r"(a), "r"(b)); __r; })

/* lu12i.w has no source register: vary the immediate only. */
static unsigned long lu12i_w(unsigned long a, unsigned long k)
{
	unsigned long r;
	(void)a;
	switch (k) {
	case 0: __asm__ volatile("lu12i.w %0, 0" : "=r"(r)); break;
	case 1: __asm__ volatile("lu12i.w %0, 1" : "=r"(r)); break;
	case 2: __asm__ volatile("lu12i.w %0, -1" : "=r"(r)); break;
	case 3: __asm__ volatile("lu12i.w %0, 0x7ffff" : "=r"(r)); break;
	case 4: __asm__ volatile("lu12i.w %0, -0x80000" : "=r"(r)); break;
	default: __asm__ volatile("lu12i.w %0, 0x12345" : "=r"(r)); break;
	}
	return r;
}

static const struct isa_op ops[] = {
	{ "add.w", add_w, 0 }, { "add.d", add_d, 0 }, { "sub.w", sub_w, 0 },
	{ "sub.d", sub_d, 0 }, { "slt", slt, 0 }, { "sltu", sltu, 0 },
	{ "and", and_, 0 }, { "or", or_, 0 }, { "nor", nor, 0 }, { "xor", xor_, 0 },
	{ "andn", andn, 0 }, { "orn", orn, 0 }, { "maskeqz", maskeqz, 0 },
	{ "masknez", masknez, 0 },
	{ "addi.w", addi_w, 6 }, { "addi.d", addi_d, 6 }, { "addu16i.d", addu16i_d, 6 },
	{ "slti", slti, 6 }, { "sltui", sltui, 6 }, { "andi", andi, 6 },
	{ "ori", ori, 6 }, { "xori", xori, 6 }, { "lu52i.d", lu52i_d, 6 },
	{ "lu32i.d", lu32i_d, 6 }, { "lu12i.w", lu12i_w, 6 },
	{ "alsl.w", alsl_w, 4 }, { "alsl.wu", alsl_wu, 4 }, { "alsl.d", alsl_d, 4 },
};

/* The PC-relative adds, checked against the address `bl` leaves in $ra
 * (PC of the instruction after bl = PC of the pcadd* under test). */
static void check_pcrel(void)
{
	unsigned long pc, r;
	/* pcaddi rd, si20: rd = PC + sext(si20 << 2) */
	__asm__ volatile("bl 1f\n1: pcaddi %1, -3\n move %0, $ra" : "=r"(pc), "=r"(r) : : "$ra");
	CHECK_EQ(r, pc - 12);
	/* pcaddu12i rd, si20: rd = PC + sext(si20 << 12) */
	__asm__ volatile("bl 1f\n1: pcaddu12i %1, 0x7ffff\n move %0, $ra" : "=r"(pc), "=r"(r) : : "$ra");
	CHECK_EQ(r, pc + 0x7ffff000ul);
	/* pcaddu18i rd, si20: rd = PC + sext(si20 << 18); -1 << 18 = -0x40000 */
	__asm__ volatile("bl 1f\n1: pcaddu18i %1, -1\n move %0, $ra" : "=r"(pc), "=r"(r) : : "$ra");
	CHECK_EQ(r, pc - 0x40000ul);
	/* pcalau12i rd, si20: rd = (PC + sext(si20 << 12)) with bits 11:0 cleared */
	__asm__ volatile("bl 1f\n1: pcalau12i %1, 2\n move %0, $ra" : "=r"(pc), "=r"(r) : : "$ra");
	CHECK_EQ(r, (pc + 0x2000) & ~0xffful);
	printf("pcrel ok\n");
}

static void check_by_hand(void)
{
	/* .w results: the low 32 bits of the result, sign-extended (2.2.1.1). */
	CHECK_EQ(add_w(0x7fffffff, 1), 0xffffffff80000000ul);
	CHECK_EQ(add_w(0x100000001ul, 0xffffffff00000002ul), 3);   /* high halves ignored */
	CHECK_EQ(add_d(~0ul, 1), 0);
	CHECK_EQ(sub_w(0x80000000ul, 1), 0x7fffffff);
	CHECK_EQ(sub_w(0, 1), ~0ul);
	CHECK_EQ(sub_d(0, 1), ~0ul);
	CHECK_EQ(addi_w(0x7fffffff, 1), 0xffffffff80000000ul);     /* k=1: si12 = 1 */
	CHECK_EQ(addi_w(0, 4), 0xfffffffffffff800ul);              /* k=4: si12 = -2048 */
	CHECK_EQ(addi_d(0, 3), 0x7ff);                             /* k=3: 2047 */
	/* addu16i.d: rd = rj + sext(si16 << 16) */
	CHECK_EQ(addu16i_d(0, 2), 0xffffffffffff0000ul);           /* si16 = -1 */
	CHECK_EQ(addu16i_d(1, 3), 0x7fff0001ul);
	/* alsl: (rj << sa) + rk; .w sign-extends, .wu zero-extends bit 31 */
	CHECK_EQ(ALSL3("alsl.w", 0x40000000ul, 0ul, 1), 0xffffffff80000000ul);
	CHECK_EQ(ALSL3("alsl.wu", 0x40000000ul, 0ul, 1), 0x80000000ul);
	CHECK_EQ(ALSL3("alsl.d", 1ul, 2ul, 4), 18);
	CHECK_EQ(ALSL3("alsl.wu", 0xffffffffffffffff, 1ul, 2), 0xfffffffdul);
	/* lu12i.w: rd = sext(si20 << 12) */
	CHECK_EQ(lu12i_w(0, 4), 0xffffffff80000000ul);
	CHECK_EQ(lu12i_w(0, 5), 0x12345000ul);
	/* lu32i.d: rd[51:32] = si20, rd[63:52] = si20[19], rd[31:0] kept */
	CHECK_EQ(lu32i_d(0x12345678, 4), 0xfff8000012345678ul);
	CHECK_EQ(lu32i_d(~0ul, 3), 0x0007fffffffffffful);
	/* lu52i.d: rd = rj[51:0] | si12 << 52 */
	CHECK_EQ(lu52i_d(0x0123456789abcdeful, 4), 0x8003456789abcdeful);
	/* compares: signed / unsigned; sltui sign-extends si12, then compares unsigned */
	CHECK_EQ(slt(~0ul, 0), 1);
	CHECK_EQ(sltu(~0ul, 0), 0);
	CHECK_EQ(slti(~0ul, 0), 1);
	CHECK_EQ(sltui(5, 2), 1);                   /* 5 < 0xffff...ffff */
	CHECK_EQ(sltui(~0ul, 2), 0);
	/* logic; andi/ori/xori zero-extend ui12 */
	CHECK_EQ(nor(0, 0), ~0ul);
	CHECK_EQ(andn(0xff, 0x0f), 0xf0);
	CHECK_EQ(orn(0, 0), ~0ul);
	CHECK_EQ(andi(~0ul, 2), 0xfff);
	CHECK_EQ(ori(0, 3), 0x800);
	CHECK_EQ(xori(~0ul, 2), 0xfffffffffffff000ul);
	/* maskeqz: rk == 0 ? 0 : rj; masknez: rk != 0 ? 0 : rj */
	CHECK_EQ(maskeqz(5, 0), 0);
	CHECK_EQ(maskeqz(5, 7), 5);
	CHECK_EQ(masknez(5, 0), 5);
	CHECK_EQ(masknez(5, 7), 0);
}

int main(void)
{
	isa_init();
	check_by_hand();
	check_pcrel();
	isa_run_ops(ops, ARRAY_SIZE(ops));
	return 0;
}
