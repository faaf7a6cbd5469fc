/*
 * rt.h - the runtime of bare-metal test programs (tests/isa, tests/lvz,
 * tests/fpu, ...).  The same image runs on lvzsim and on
 * `qemu-system-loongarch64 -M virt -m 1G -nographic -no-reboot -kernel`:
 *
 *   - start.S: stack, .bss, EENTRY/TLBRENTRY, main(), then power-off;
 *   - a trap entry that saves every GPR in a struct trap_frame and calls
 *     rt_trap() in C: a test can install rt_trap_hook, or "expect" one
 *     synchronous exception (rt_expect_trap / rt_trap_result);
 *   - printf over the ns16550a UART, checks that count failures, and
 *     rt_done() which prints PASS or FAIL and powers off through GED.
 */
#ifndef RT_RT_H
#define RT_RT_H

#include "la.h"

#define TF_ERA   (32 * 8)
#define TF_ESTAT (33 * 8)
#define TF_BADV  (34 * 8)
#define TF_BADI  (35 * 8)
#define TF_PRMD  (36 * 8)
#define TF_SIZE  (38 * 8)

#ifdef __ASSEMBLER__
/*
 * TRAP_ENTRY stack_top, handler: the body of an exception entry (EENTRY,
 * ECFG.VS = 0) that saves every GPR and ERA/ESTAT/BADV/BADI/PRMD of the
 * current world in a struct trap_frame on its own stack, calls
 * handler(frame), reloads ERA, PRMD and the GPRs from the frame and
 * executes ertn.  SAVE0 holds the interrupted sp meanwhile.  Used by
 * start.S (rt_trap_entry) and by the LVZ tests' guest entry.
 */
.macro TRAP_ENTRY stack_top, handler
	csrwr		$sp, CSR_SAVE(0)
	la.pcrel	$sp, \stack_top
	addi.d		$sp, $sp, -TF_SIZE
	.irp r, 1,2,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	st.d		$r\r, $sp, \r * 8
	.endr
	csrrd		$t0, CSR_SAVE(0)
	st.d		$t0, $sp, 3 * 8
	st.d		$zero, $sp, 0
	csrrd		$t0, CSR_ERA
	st.d		$t0, $sp, TF_ERA
	csrrd		$t0, CSR_ESTAT
	st.d		$t0, $sp, TF_ESTAT
	csrrd		$t0, CSR_BADV
	st.d		$t0, $sp, TF_BADV
	csrrd		$t0, CSR_BADI
	st.d		$t0, $sp, TF_BADI
	csrrd		$t0, CSR_PRMD
	st.d		$t0, $sp, TF_PRMD
	move		$a0, $sp
	bl		\handler
	ld.d		$t0, $sp, TF_ERA
	csrwr		$t0, CSR_ERA
	ld.d		$t0, $sp, TF_PRMD
	csrwr		$t0, CSR_PRMD
	.irp r, 1,2,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld.d		$r\r, $sp, \r * 8
	.endr
	ld.d		$sp, $sp, 3 * 8
	ertn
.endm
#else
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* ---- trap frame: layout shared with start.S (TF_* above) ---- */
struct trap_frame {
	unsigned long gpr[32];  /* r0..r31 at the exception (r3 = sp) */
	unsigned long era, estat, badv, badi, prmd;
};

/* Called for every exception and interrupt taken through EENTRY.  Return
 * nonzero if handled (the frame, ERA and PRMD included, is restored and
 * ertn executes), 0 to fall back to the default handling. */
extern int (*rt_trap_hook)(struct trap_frame *f);

/* One expected synchronous exception: the default handler records it and
 * resumes after the faulting instruction. */
struct rt_trap_info {
	unsigned long estat, era, badv, badi;
	int taken;
};
extern volatile struct rt_trap_info rt_last_trap;
void rt_expect_trap(void);
/* Ecode of the exception taken since rt_expect_trap(), or -1 if none. */
int rt_trap_result(void);

/* ---- console and exit ----
 * The backend is board.c (UART polled, GED power-off) for images on the
 * board, or a hypervisor guest's own (hypervisor/guests/lib/grt.c). */
extern volatile uint8_t *rt_uart;     /* default: physical 0x1fe001e0 */
void rt_console_write(const char *s, size_t n);
__attribute__((noreturn)) void rt_exit(int status);
int putchar(int c);
int puts(const char *s);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
__attribute__((noreturn)) void rt_poweroff(void);   /* GED S5: exit status 0 */
__attribute__((noreturn)) void rt_reset(void);      /* GED reset */

/* ---- checks: each failure prints one FAIL line ---- */
extern int rt_failures;
void rt_check_fail(const char *file, int line, const char *expr, unsigned long got, unsigned long want);
#define CHECK_EQ(got, want) do { \
	unsigned long __g = (unsigned long)(got), __w = (unsigned long)(want); \
	if (__g != __w) rt_check_fail(__FILE__, __LINE__, #got, __g, __w); \
} while (0)
#define CHECK(cond) do { if (!(cond)) rt_check_fail(__FILE__, __LINE__, #cond, 0, 1); } while (0)
/* Print PASS (no failures) or FAIL <n>, then power off. */
__attribute__((noreturn)) void rt_done(void);

/* ---- memory ---- */
/* Zeroed, 4 KiB-aligned pages from the RAM after the image (bump allocator). */
void *rt_page_alloc(unsigned npages);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* Entry points in start.S (physical addresses: the image runs in DA mode). */
extern char rt_trap_entry[], rt_tlbr_entry[];
int main(void);

#endif /* __ASSEMBLER__ */
#endif
