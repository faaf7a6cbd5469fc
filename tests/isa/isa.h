/*
 * isa.h - helpers shared by the ISA test programs (tests/isa/NAME.c), on top of
 * the test runtime (tests/rt/rt.h).  Implementation: tests/isa/lib/isa_lib.c.
 *
 *   - operand sets with edge values, and a hash that folds many results
 *     into one printed line (the line is what QEMU 7.2 must match; build with
 *     -DISA_VERBOSE to print every single result instead);
 *   - capture of one expected exception with everything the handler saw
 *     (ESTAT, ERA, BADV, BADI, PRMD, CRMD), resuming where the test says;
 *   - running a function at PLV3 and coming back with a syscall.
 */
#ifndef ISA_ISA_H
#define ISA_ISA_H

#include "rt.h"

/* ---- operand sets ---- */
/* Edge values for 64-bit operands: 0, 1, -1, 32-bit and 64-bit extremes,
 * mixed patterns (isa_lib.c lists them). */
extern const unsigned long isa_vals[];
extern const unsigned isa_nvals;
/* Shift amounts / small values, including ones beyond the width. */
extern const unsigned long isa_small[];
extern const unsigned isa_nsmall;

/* ---- result folding ---- */
unsigned long isa_mix(unsigned long h, unsigned long v);
#define ISA_HASH0 0xcbf29ce484222325ul
/* Print "name: <hash>" (or, with ISA_VERBOSE, nothing: isa_note prints). */
void isa_report(const char *name, unsigned long h);
/* With ISA_VERBOSE: print one operation's operands and result. */
#ifdef ISA_VERBOSE
#define isa_note(name, a, b, r) printf("  %s(0x%lx, 0x%lx) = 0x%lx\n", name, \
	(unsigned long)(a), (unsigned long)(b), (unsigned long)(r))
#else
#define isa_note(name, a, b, r) ((void)0)
#endif

/* ---- instruction wrappers: one function per instruction (and immediate) ----
 * ISA_RRR(fn, "add.w")         fn(a, b) = add.w rd, a, b
 * ISA_RR(fn, "clz.w")          fn(a, b) = clz.w rd, a         (b unused)
 * ISA_RRR_RD(fn, "x")          rd is also an input: fn(a, b) with rd = b first
 * ISA_RRI6(fn, "addi.w", i0..i5) fn(a, k) = addi.w rd, a, i_k
 * ISA_RDI6(fn, "lu32i.d", i0..i5) fn(a, k) = lu32i.d rd(= a), i_k
 */
typedef unsigned long (*isa_fn)(unsigned long a, unsigned long b);
struct isa_op { const char *name; isa_fn fn; unsigned nimm; };
/* Run each op over isa_vals x isa_vals (nimm = 0) or isa_vals x its nimm
 * immediates, print one hash line per op; returns nothing, prints. */
void isa_run_ops(const struct isa_op *t, unsigned n);

#define ISA_RRR(fn, insn) static unsigned long fn(unsigned long a, unsigned long b) \
	{ unsigned long r; __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
#define ISA_RR(fn, insn) static unsigned long fn(unsigned long a, unsigned long b) \
	{ unsigned long r; (void)b; __asm__ volatile(insn " %0, %1" : "=r"(r) : "r"(a)); return r; }
#define ISA_RRR_RD(fn, insn) static unsigned long fn(unsigned long a, unsigned long b) \
	{ unsigned long r = b; __asm__ volatile(insn " %0, %1, %2" : "+r"(r) : "r"(a), "r"(b)); return r; }
#define ISA_I_CASE(insn, k, imm) case k: __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "i"(imm)); break;
#define ISA_RRI6(fn, insn, i0, i1, i2, i3, i4, i5) \
	static unsigned long fn(unsigned long a, unsigned long k) { unsigned long r = 0; switch (k) { \
	ISA_I_CASE(insn, 0, i0) ISA_I_CASE(insn, 1, i1) ISA_I_CASE(insn, 2, i2) \
	ISA_I_CASE(insn, 3, i3) ISA_I_CASE(insn, 4, i4) ISA_I_CASE(insn, 5, i5) } return r; }
#define ISA_D_CASE(insn, k, imm) case k: __asm__ volatile(insn " %0, %1" : "+r"(r) : "i"(imm)); break;
#define ISA_RDI6(fn, insn, i0, i1, i2, i3, i4, i5) \
	static unsigned long fn(unsigned long a, unsigned long k) { unsigned long r = a; switch (k) { \
	ISA_D_CASE(insn, 0, i0) ISA_D_CASE(insn, 1, i1) ISA_D_CASE(insn, 2, i2) \
	ISA_D_CASE(insn, 3, i3) ISA_D_CASE(insn, 4, i4) ISA_D_CASE(insn, 5, i5) } return r; }

/* ---- expected exceptions ---- */
struct isa_trap {
	unsigned long estat, era, badv, badi, prmd, crmd;
	unsigned long gpr[32];
	int taken;
};
extern volatile struct isa_trap isa_trap;
/* Arm capture of the next synchronous exception.  On it the handler records
 * isa_trap and resumes at `resume` (0: ERA + 4, ISA_RESUME_RA: the address in
 * $ra at the exception, for faults at a call target). */
#define ISA_RESUME_RA 1ul
void isa_expect(unsigned long resume);
/* For exceptions whose ERA is not reliable on QEMU 7.2 (BCE): resume at a
 * label.  Arm with isa_expect(ISA_RESUME_LABEL) and write the instruction
 * as  asm(ISA_SET_RESUME "insn ...\n" ISA_LABEL : ... : ISA_RESUME_IN
 *         : ISA_RESUME_CLOBBER)  -- the asm stores the address of the label
 * after the instruction in isa_resume_label first. */
#define ISA_RESUME_LABEL 2ul
extern volatile unsigned long isa_resume_label;
#define ISA_SET_RESUME "la.pcrel $t8, 9f\n st.d $t8, %[isa_res], 0\n"
#define ISA_LABEL "9:\n"
#define ISA_RESUME_IN [isa_res] "r"(&isa_resume_label)
#define ISA_RESUME_CLOBBER "$t8", "memory"
/* Ecode of the captured exception, -1 if none was taken (disarms). */
int isa_ecode(void);
static inline unsigned isa_esub(void) { return ESTAT_ESUB(isa_trap.estat); }

/* The trap hook isa_init() installs; a test with its own hook calls it for
 * what it does not handle itself. */
int isa_trap_hook(struct trap_frame *f);
void isa_init(void);

/* ---- user mode ---- */
/* Run fn(arg) at PLV3 (DA mode unless the test set up paging) on its own
 * stack; fn ends with a return (its a0 comes back) or calls isa_user_exit.
 * PRMD.PIE of the user context = pie. */
unsigned long isa_run_user(unsigned long (*fn)(unsigned long), unsigned long arg, int pie);
/* The same at any PLV 1..3. */
unsigned long isa_run_plv(unsigned long (*fn)(unsigned long), unsigned long arg, int pie, unsigned plv);
#define ISA_SYS_EXIT 0x7ff   /* a7 of the exit syscall isa_run_user's stub makes */
/* A syscall from PLV1-3 with a7 = nr and a0 = arg; returns a0 as the PLV0
 * handler left it (isa_syscall_handler, default: echo a0 + nr). */
unsigned long isa_user_syscall(unsigned long nr, unsigned long arg);
extern unsigned long (*isa_syscall_handler)(struct trap_frame *f);

/* ---- TLB ----
 * isa_tlb_search(va): tlbsrch for va under the current ASID (TLBEHI =
 * va's even/odd pair): the index TLBIDX reports, or -1 when NE says miss. */
long isa_tlb_search(unsigned long va);

/* ---- paging with an identity window ----
 * isa_pg_identity(): PG mode (CRMD.DA = 0, PG = 1) with DMW0 mapping VSEG 0
 * (VA[63:60] = 0) at PLV0 and PLV3, cached: VA = PA below 2^48, so code,
 * data, stack, UART and trap entry keep their addresses.  Returns the old
 * CRMD for isa_pg_restore(), which also restores DMW0. */
unsigned long isa_pg_identity(void);
void isa_pg_restore(unsigned long crmd);
#define DMW_PLV0 1ul
#define DMW_PLV3 8ul
#define DMW_MAT(m) ((unsigned long)(m) << 4)
#define DMW_VSEG(v) ((unsigned long)(v) << 60)

/* ---- QEMU 7.2 departures ----
 * Where QEMU 7.2 departs from the manual, a test keeps the check for
 * lvzsim and prints nothing that depends on it, so both outputs stay equal.
 * lvzsim is told apart by CPUCFG2 bit 10 (LVZ): QEMU 7.2's la464 does not
 * report it (../shared/docs/toolchain.md), lvzsim does. */
static inline int isa_on_lvzsim(void) { return (cpucfg(2) >> 10) & 1; }
/* CHECK_EQ on lvzsim only; the comment at the call says why QEMU differs. */
#define CHECK_EQ_LVZSIM(got, want) do { if (isa_on_lvzsim()) CHECK_EQ(got, want); } while (0)

/* QEMU 7.2 evaluates interrupts only while some hardware line holds
 * CPU_INTERRUPT_HARD (loongarch_cpu_set_irq); a csrwr setting ESTAT.SWI0/1
 * does not raise it, so a software interrupt is never taken there.  The
 * manual takes it as soon as ESTAT.IS & ECFG.LIE & CRMD.IE != 0 (6.1).
 * Tests of SWI hold IPI bit 31 pending (EN and SET, IOCSR 0x1004/0x1008),
 * i.e. line IS[12] high but masked in ECFG.LIE, so that QEMU looks;
 * lvzsim takes SWI either way. */
void isa_hold_ipi_line(int on);

/* ---- misc ---- */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define NOINLINE __attribute__((noinline))

#endif
