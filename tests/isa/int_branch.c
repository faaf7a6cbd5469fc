/*
 * int_branch.c - branches and jumps (Vol.1 2.2.2 Branch Instructions):
 * beq/bne/blt/bge (signed)/bltu/bgeu (unsigned) rj, rd, offs16;
 * beqz/bnez rj, offs21; b/bl offs26 (bl: $ra = PC + 4); jirl rd, rj,
 * offs16 (rd = PC + 4, PC = rj + offs16 << 2, with rj read before rd is
 * written, so jirl $ra, $ra, 0 jumps to the old $ra).
 *
 * Taken/not-taken of every conditional branch over isa_vals x isa_vals
 * is hashed and compared with QEMU 7.2; the CHECK_EQs are the conditions
 * by hand on edge values, and the link/target rules.
 */
#include "isa.h"

#define BR2(fn, insn) static unsigned long fn(unsigned long a, unsigned long b) { \
	unsigned long t = 0; \
	__asm__ volatile(insn " %1, %2, 1f\n b 2f\n1: ori %0, $zero, 1\n2:" \
			 : "+r"(t) : "r"(a), "r"(b)); return t; }
#define BR1(fn, insn) static unsigned long fn(unsigned long a, unsigned long b) { \
	unsigned long t = 0; (void)b; \
	__asm__ volatile(insn " %1, 1f\n b 2f\n1: ori %0, $zero, 1\n2:" \
			 : "+r"(t) : "r"(a)); return t; }
BR2(beq_, "beq") BR2(bne_, "bne") BR2(blt_, "blt") BR2(bge_, "bge")
BR2(bltu_, "bltu") BR2(bgeu_, "bgeu")
BR1(beqz_, "beqz") BR1(bnez_, "bnez")

static const struct isa_op ops[] = {
	{ "beq", beq_, 0 }, { "bne", bne_, 0 }, { "blt", blt_, 0 }, { "bge", bge_, 0 },
	{ "bltu", bltu_, 0 }, { "bgeu", bgeu_, 0 }, { "beqz", beqz_, 1 }, { "bnez", bnez_, 1 },
};

static void check_conditions(void)
{
	CHECK_EQ(beq_(5, 5), 1);
	CHECK_EQ(beq_(5, 6), 0);
	CHECK_EQ(bne_(0, 1ul << 63), 1);
	CHECK_EQ(blt_(~0ul, 0), 1);                 /* -1 < 0 signed */
	CHECK_EQ(bltu_(~0ul, 0), 0);                /* 0xff..ff < 0 unsigned: no */
	CHECK_EQ(bge_(0, ~0ul), 1);
	CHECK_EQ(bgeu_(0, ~0ul), 0);
	CHECK_EQ(bge_(7, 7), 1);
	CHECK_EQ(bgeu_(7, 7), 1);
	CHECK_EQ(blt_(0x8000000000000000ul, 0x7ffffffffffffffful), 1);
	CHECK_EQ(bltu_(0x7ffffffffffffffful, 0x8000000000000000ul), 1);
	CHECK_EQ(beqz_(0, 0), 1);
	CHECK_EQ(beqz_(1ul << 40, 0), 0);           /* all 64 bits count */
	CHECK_EQ(bnez_(1ul << 40, 0), 1);
}

static void check_links(void)
{
	unsigned long ra, pc, r;
	/* bl: $ra = PC of bl + 4 */
	__asm__ volatile("pcaddi %1, 0\n bl 1f\n nop\n1: move %0, $ra" : "=r"(ra), "=&r"(pc) : : "$ra");
	CHECK_EQ(ra, pc + 8);
	/* jirl rd, rj, offs: rd = PC + 4, target = rj + (offs16 << 2) */
	__asm__ volatile("pcaddi %1, 3\n jirl %0, %1, 8\n nop\n nop\n nop\n nop\n"
			 : "=&r"(r), "=&r"(pc));
	/* pc = address of jirl + 8 (pcaddi 3 -> PC + 12, the jirl is at PC + 4) */
	CHECK_EQ(r, pc - 12 + 4 + 4);
	/* jirl $ra, $ra, 0: the target is the old $ra */
	/* at P: pcaddi; P+4: $ra = P+16; P+8: jirl to P+16, $ra = P+12 */
	__asm__ volatile("pcaddi %1, 0\n pcaddi $ra, 3\n jirl $ra, $ra, 0\n nop\n move %0, $ra"
			 : "=r"(r), "=&r"(pc) : : "$ra");
	CHECK_EQ(r, pc + 12);
	/* jirl $zero: no link */
	unsigned long z;
	__asm__ volatile("pcaddi $t0, 3\n jirl $zero, $t0, 0\n nop\n move %0, $zero" : "=r"(z) : : "$t0");
	CHECK_EQ(z, 0);
	/* backward and forward b, a loop */
	unsigned long n = 0, i = 10;
	__asm__ volatile("1: addi.d %0, %0, 3\n addi.d %1, %1, -1\n bnez %1, 1b" : "+r"(n), "+r"(i));
	CHECK_EQ(n, 30);
	printf("links and loops ok\n");
}

int main(void)
{
	isa_init();
	check_conditions();
	check_links();
	isa_run_ops(ops, ARRAY_SIZE(ops));
	return 0;
}
