/*
 * seq.h - assembler macros around one generated sequence (included by the
 * generated images, tests/diff/image.py).  A sequence is a function
 * called from harness.c:
 *
 *     DIFF_BEGIN gpr_table      save the C context, load r1..r31
 *     (DIFF_FP_BEGIN fp_table   before DIFF_BEGIN: EUEN.FPE, f0..f31, FCSR0, FCC)
 *     ... the random instructions ...
 *     DIFF_END                  r1..r31 to diff_out, restore the C context
 *     (DIFF_FP_END              after DIFF_END: f0..f31, FCSR0, FCC to diff_out)
 *
 * A paged sequence (DIFF_PG_BEGIN dmw0, dmw2 before the rest, DIFF_PG_END
 * last) runs with CRMD.PG = 1: DMW1 maps VSEG 0 one to one, so the code,
 * the runtime and its pointers keep working, and the sandbox base is an
 * alias through DMW0 (VSEG 9) or DMW2 (VSEG 8).  Back to DA mode before
 * C runs again.
 *
 * Every GPR, sp included, is random inside the sequence, so the C context
 * (ra, sp, tp, u0, fp, s0-s8) is kept in diff_ctx and the first register
 * stored goes through CSR SAVE1 (the trap entry uses SAVE0).
 *
 * diff_out layout (harness.c): [0..31] GPRs, [32..63] FPRs, [64] FCSR0,
 * [65] FCC0..7 one byte each.
 */
#include "la.h"

#define DIFF_CTX_REGS 1, 2, 3, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31

.macro DIFF_BEGIN table
	la.pcrel	$t0, diff_ctx
	.irp r, DIFF_CTX_REGS
	st.d		$r\r, $t0, \r * 8
	.endr
	la.pcrel	$r31, \table
	.irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	ld.d		$r\r, $r31, \r * 8
	.endr
	ld.d		$r31, $r31, 31 * 8
.endm

.macro DIFF_END
	csrwr		$r1, CSR_SAVE(1)
	la.pcrel	$r1, diff_out
	.irp r, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	st.d		$r\r, $r1, \r * 8
	.endr
	csrrd		$r2, CSR_SAVE(1)
	st.d		$r2, $r1, 8
	la.pcrel	$t0, diff_ctx
	.irp r, DIFF_CTX_REGS
	ld.d		$r\r, $t0, \r * 8
	.endr
.endm

/* Uses t0/t1 before DIFF_BEGIN loads every GPR. */
.macro DIFF_FP_BEGIN table
	ori		$t0, $zero, EUEN_FPE
	csrwr		$t0, CSR_EUEN
	la.pcrel	$t0, \table
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld.d		$f\n, $t0, \n * 8
	.endr
	ld.d		$t1, $t0, 32 * 8
	movgr2fcsr	$fcsr0, $t1
	ld.d		$t1, $t0, 33 * 8
	.irp n, 0,1,2,3,4,5,6,7
	movgr2cf	$fcc\n, $t1
	srli.d		$t1, $t1, 1
	.endr
.endm

/* Paging on through the direct-map windows (Vol.1 5.2.1); uses t0 before
 * DIFF_BEGIN loads every GPR. */
.macro DIFF_PG_BEGIN dmw0, dmw2
	li.d		$t0, \dmw0
	csrwr		$t0, CSR_DMW(0)
	ori		$t0, $zero, 0x11	/* DMW1: VSEG 0, PLV0, MAT 1 (cached) */
	csrwr		$t0, CSR_DMW(1)
	li.d		$t0, \dmw2
	csrwr		$t0, CSR_DMW(2)
	ori		$t0, $zero, 0xb0	/* PG, PLV0, IE 0, DATF = DATM = 1 */
	csrwr		$t0, CSR_CRMD
.endm

/* Last: DA mode again (QEMU 7.2's entry value 0xa8). */
.macro DIFF_PG_END
	ori		$t0, $zero, 0xa8	/* DA, PLV0, IE 0, DATF = DATM = 1 */
	csrwr		$t0, CSR_CRMD
.endm

/* After DIFF_END: the C context is back, t0/t1 are free. */
.macro DIFF_FP_END
	la.pcrel	$t0, diff_out
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fst.d		$f\n, $t0, (32 + \n) * 8
	.endr
	movfcsr2gr	$t1, $fcsr0
	st.d		$t1, $t0, 64 * 8
	.irp n, 0,1,2,3,4,5,6,7
	movcf2gr	$t1, $fcc\n
	st.b		$t1, $t0, 65 * 8 + \n
	.endr
.endm
