/*
 * exec.h - shorthand for instruction handlers (cpu/exec_*.c, lvz/exec_lvz.c).
 *
 * A handler reads its operands from the decoded instruction `d`, updates
 * architectural state and advances PC.  If it raises an exception it must
 * return at once without further side effects (cpu_exception already set
 * PC).  Writes to $r0 are harmless: the run loop clears gpr[0] after each
 * instruction.
 */
#ifndef LVZSIM_EXEC_H
#define LVZSIM_EXEC_H

#include "cpu/cpu.h"
#include "mmu/mem.h"

#define RD (cpu->gpr[d->rd])
#define RJ (cpu->gpr[d->rj])
#define RK (cpu->gpr[d->rk])
#define IMM (d->imm)
#define NEXT() (cpu->pc += 4)

#define HANDLER(name) void exec_##name(struct cpu *cpu, const struct dinsn *d __attribute__((unused)))

static inline uint64_t sext32(uint64_t v) { return (uint64_t)(int64_t)(int32_t)(uint32_t)v; }
static inline uint64_t sext(uint64_t v, unsigned bits)
{
	return (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
}

/* Privileged instructions need PLV0 (Vol.1 4.2.1); IPE otherwise. */
static inline bool require_plv0(struct cpu *c)
{
	if (cpu_plv(c) != 0) {
		cpu_exception(c, ECODE_IPE, 0, 0);
		return false;
	}
	return true;
}

#endif
