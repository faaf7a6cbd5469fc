/*
 * images.S - tiny images for the command-line contract tests (run.sh).
 * One source, selected with -DWHAT=n:
 *   1 reset:    GED reset register (0x100e001e) <- 0x42   -> exit status 3
 *   2 spin:     an endless loop                          -> --max-insns, status 4
 *   3 halt:     idle with every interrupt masked          -> status 5
 *   4 highram:  store/load at 0x90000000 (high RAM, -m above 256 MiB), print "H"
 *               or "h" when the value did not stick, then power off
 *   5 hello:    print "hi\n" and power off                -> status 0
 */
#define UART 0x1fe001e0
	.text
	.globl _start
_start:
#if WHAT == 1
	li.d	$t0, 0x100e001e
	li.w	$t1, 0x42
	st.b	$t1, $t0, 0
1:	b	1b
#elif WHAT == 2
1:	addi.d	$t0, $t0, 1
	b	1b
#elif WHAT == 3
	csrwr	$zero, 0x4		/* ECFG.LIE = 0 */
	idle	0
	b	_start
#elif WHAT == 4
	li.d	$t0, 0x90000000
	li.d	$t1, 0x1234567890abcdef
	st.d	$t1, $t0, 8
	ld.d	$t2, $t0, 8
	li.w	$a0, 'H'
	beq	$t1, $t2, 2f
	li.w	$a0, 'h'
2:	li.d	$t0, UART
	st.b	$a0, $t0, 0
	li.w	$a0, '\n'
	st.b	$a0, $t0, 0
	b	poweroff
#else
	li.d	$t0, UART
	li.w	$a0, 'h'
	st.b	$a0, $t0, 0
	li.w	$a0, 'i'
	st.b	$a0, $t0, 0
	li.w	$a0, '\n'
	st.b	$a0, $t0, 0
	b	poweroff
#endif
poweroff:
	li.d	$t0, 0x100e001c
	li.w	$t1, 0x34
	st.b	$t1, $t0, 0
3:	b	3b
