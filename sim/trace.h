/*
 * trace.h - the execution trace (--trace FILE).
 *
 * Every line names its world ("host", or "g<GID>" for a guest) and PLV.
 * Events are chosen with --trace-events (insn, exc, vm, tlb, csr, mem) and
 * written as text for people or JSON lines for tools (--trace-format);
 * docs/debugging.md lists the fields.  When tracing is off the CPU runs a
 * loop that has no trace calls at all.
 *
 * Order: an instruction's line comes first, then the events it caused
 * (its loads and stores, CSR and TLB writes, the exception or VM exit it
 * raised), all with its instruction number.  The events are buffered while
 * it executes because its line, which shows the registers it wrote, can
 * only be written afterwards.  World and PLV on the instruction's line are
 * those it executed in; on an event line, those of the moment of the event
 * (a VM exit is a host event: the CPU is in the host when it is recorded).
 */
#ifndef LVZSIM_TRACE_H
#define LVZSIM_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct cpu;
struct lvz_exit_record;

enum {
	TEV_INSN = 1u << 0, TEV_EXC = 1u << 1, TEV_VM = 1u << 2,
	TEV_TLB = 1u << 3, TEV_CSR = 1u << 4, TEV_MEM = 1u << 5,
	TEV_ALL = 0x3f,
};
enum trace_format { TRACE_TEXT, TRACE_JSONL };

struct trace {
	FILE *f;                /* the trace file */
	FILE *out;              /* where events go now: f, or buf during an insn */
	FILE *buf;              /* events of the instruction being executed */
	char *bufp;
	size_t bufsize;
	unsigned events;
	enum trace_format format;
	bool owns_file;
	/* the instruction being executed, as it started */
	uint8_t world, gid, plv;
	uint64_t gpr_before[32];
	uint64_t fpr_before[32];
	uint8_t fcc_before[8];
	uint32_t fcsr_before;
};

/* Parse "insn,exc,vm" into a TEV_* mask; -1 on an unknown name. */
int trace_parse_events(const char *list);
/* "-" is stdout.  NULL (errno set) if the file cannot be written. */
struct trace *trace_open(const char *path, unsigned events, enum trace_format fmt);
void trace_close(struct trace *t);
static inline bool trace_wants_all_mem(const struct trace *t) { return t->events & TEV_MEM; }

/* Called before / after each instruction by the traced run loops. */
void trace_insn_begin(struct trace *t, const struct cpu *c);
void trace_insn(struct trace *t, const struct cpu *c, uint64_t pc);
void trace_exception(struct trace *t, const struct cpu *c, unsigned ecode, unsigned sub, uint64_t badv);
void trace_mem(struct trace *t, const struct cpu *c, bool write, uint64_t va, uint64_t pa,
	       unsigned size, uint64_t val, bool ok);
/* An AM* read-modify-write: one event, the value is not known here. */
void trace_mem_rmw(struct trace *t, const struct cpu *c, uint64_t va, uint64_t pa, unsigned size);
void trace_csr(struct trace *t, const struct cpu *c, unsigned bank, unsigned num, uint64_t old, uint64_t nv);
void trace_tlb(struct trace *t, const struct cpu *c, const char *what, int idx);
/* Guest-mode entry and exit, named events "enter" and "exit:<kind>"
 * (lvz_exit_names) with the GID, the guest PC and the cause. */
void trace_vm_enter(struct trace *t, const struct cpu *c, const char *cause);
void trace_vm_exit(struct trace *t, const struct cpu *c, const struct lvz_exit_record *r);
/* A free-form remark (class: mem/exc), e.g. an access to no device. */
void trace_note(struct trace *t, const struct cpu *c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* One instruction as text: llvm-objdump's syntax, tabs made spaces, no
 * trailing blanks ("<unknown>" for an invalid word). */
void disasm_text(uint32_t raw, uint64_t pc, char *buf, size_t n);

/* Names used in traces and the debugger. */
const char *gpr_name(unsigned r);
const char *ecode_name(unsigned ecode, unsigned sub);

#endif
