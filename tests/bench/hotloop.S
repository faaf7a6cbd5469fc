/*
 * hotloop.S - the 5-instruction integer loop of anchors.md section 3:
 * ld.d, add.d, st.d, addi.d, bnez, ITERS times (ITERS from -DITERS).
 * Executes 5 * ITERS + 11 instructions, then powers off through GED.
 * The buffer sits in its own page, away from the code (QEMU's TCG would
 * otherwise re-translate on every store: anchors.md section 3).
 */
	.text
	.globl _start
_start:
	li.d	$t0, 0x1000000		/* buffer at 16 MiB */
	li.d	$t1, ITERS
1:	ld.d	$t2, $t0, 0
	add.d	$t2, $t2, $t1
	st.d	$t2, $t0, 0
	addi.d	$t1, $t1, -1
	bnez	$t1, 1b
	li.d	$t0, 0x100e001c		/* GED sleep control */
	li.w	$t1, 0x34		/* SLP_EN | SLP_TYP = S5 */
	st.b	$t1, $t0, 0
2:	b	2b
