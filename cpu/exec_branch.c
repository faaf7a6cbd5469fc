/*
 * exec_branch.c - branches and jumps (Vol.1 2.2.3).  Offsets in d->imm are
 * already in bytes.  No delay slots.
 */
#include "cpu/exec.h"

#define BRANCH(name, cond) \
	HANDLER(name) { cpu->pc += (cond) ? (uint64_t)IMM : 4; }

BRANCH(beq, RJ == RD)
BRANCH(bne, RJ != RD)
BRANCH(blt, (int64_t)RJ < (int64_t)RD)
BRANCH(bge, (int64_t)RJ >= (int64_t)RD)
BRANCH(bltu, RJ < RD)
BRANCH(bgeu, RJ >= RD)
BRANCH(beqz, RJ == 0)
BRANCH(bnez, RJ != 0)
HANDLER(b) { cpu->pc += (uint64_t)IMM; }
HANDLER(bl)
{
	cpu->gpr[1] = cpu->pc + 4;      /* $ra */
	cpu->pc += (uint64_t)IMM;
}
HANDLER(jirl)
{
	uint64_t target = RJ + (uint64_t)IMM;   /* read rj before writing rd */
	RD = cpu->pc + 4;
	cpu->pc = target;
}
