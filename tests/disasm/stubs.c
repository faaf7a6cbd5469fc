/*
 * stubs.c - do-nothing exec_* handlers, generated from decode/insns.def,
 * so the decoder and disassembler can be linked on their own (the
 * llvm-objdump comparison and a standalone build of test_decode).
 */
#include "decode/decode.h"

#define INSN(name, mnem, match, mask, fmt) \
	void exec_##name(struct cpu *cpu, const struct dinsn *d) { (void)cpu; (void)d; }
#include "decode/insns.def"
#undef INSN

void exec_invalid(struct cpu *cpu, const struct dinsn *d)
{
	(void)cpu;
	(void)d;
}
