/*
 * decode.h - the one instruction table and what is derived from it.
 *
 * decode/insns.def is the single source of truth: every LA64 instruction
 * lvzsim knows, as INSN(name, "mnemonic", match, mask, FORMAT).  From it come
 *   - the decoder (decode.c): raw word -> struct dinsn (operands + handler),
 *   - the disassembler (disasm.c): raw word -> text identical to llvm-objdump-19,
 *   - the handler prototypes (exec_<name>, implemented in cpu/exec_*.c),
 *   - the tests (tests/unit/test_decode.c, tests/disasm/).
 */
#ifndef LVZSIM_DECODE_H
#define LVZSIM_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpu;
struct dinsn;

/* Every handler executes one decoded instruction and updates cpu->pc. */
typedef void (*exec_fn)(struct cpu *cpu, const struct dinsn *d);

/*
 * A decoded instruction.  Operand fields mean what the format says
 * (see the table of formats in decode/formats.def); `imm` always holds the
 * value the handler needs directly (already sign/zero extended and shifted,
 * e.g. a branch offset in bytes, lu12i.w's si20 << 12).
 */
struct dinsn {
	exec_fn fn;     /* handler, or the "decode me" stub for an empty slot */
	int64_t imm;
	uint32_t raw;   /* the instruction word */
	uint16_t id;    /* index into insn_table[] (INSN_INVALID if none) */
	uint8_t rd, rj, rk, ra;
};

/* Operand formats: the list with their field layouts lives in formats.def. */
enum insn_format {
#define FMT(name, desc) FMT_##name,
#include "formats.def"
#undef FMT
	FMT_COUNT
};

/* Instruction ids: INSN_add_d, ... in table order. */
enum insn_id {
#define INSN(name, mnem, match, mask, fmt) INSN_##name,
#include "insns.def"
#undef INSN
	INSN_COUNT,
	INSN_INVALID = INSN_COUNT
};

struct insn_info {
	const char *name;       /* C identifier: add_d */
	const char *mnemonic;   /* assembler mnemonic: add.d */
	uint32_t match, mask;
	enum insn_format fmt;
	exec_fn fn;
};

extern const struct insn_info insn_table[INSN_COUNT];

/* Handler prototypes, one per table entry. */
#define INSN(name, mnem, match, mask, fmt) \
	void exec_##name(struct cpu *cpu, const struct dinsn *d);
#include "insns.def"
#undef INSN
/* Executed for words that match no table entry: raises INE. */
void exec_invalid(struct cpu *cpu, const struct dinsn *d);

/* Find the table entry for a word; INSN_INVALID if none matches. */
unsigned insn_lookup(uint32_t raw);

/* Fill *d from raw (operands per format, fn = handler or exec_invalid). */
void insn_decode(uint32_t raw, struct dinsn *d);

/*
 * Disassemble one word exactly as `llvm-objdump-19 -d` prints the
 * instruction text (mnemonic, a tab, operands; no address, no bytes).
 * `pc` is used for branch targets the way llvm-objdump prints them.
 * Returns false (and writes "<unknown>") for an invalid word.
 */
bool insn_disasm(uint32_t raw, uint64_t pc, char *buf, size_t len);

#endif
