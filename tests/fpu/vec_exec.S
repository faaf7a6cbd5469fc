/*
 * vec_exec.S - run one FP test operation (tests/fpu/gen_vectors.py).
 *
 * void vec_exec(const struct vec *v, void (*stub)(void), uint64_t out[3])
 *   f1, f2, f3 = a, b, c; f0 = c (so partial writes of f0 show);
 *   $a5, $a6, $a7 = a, b, c for the GPR forms; fcc0 = c & 1;
 *   FCSR0 = v->fcsr (RM, flags and cause cleared); call the stub;
 *   out = { f0, FCSR0, fcc0 }; FCSR0 = 0 again.
 */
	.text
	.globl	vec_exec
vec_exec:
	addi.d		$sp, $sp, -16
	st.d		$ra, $sp, 0
	st.d		$a2, $sp, 8
	ld.d		$a5, $a0, 8
	ld.d		$a6, $a0, 16
	ld.d		$a7, $a0, 24
	movgr2fr.d	$f1, $a5
	movgr2fr.d	$f2, $a6
	movgr2fr.d	$f3, $a7
	movgr2fr.d	$f0, $a7
	andi		$t0, $a7, 1
	movgr2cf	$fcc0, $t0
	ld.wu		$t0, $a0, 4
	movgr2fcsr	$fcsr0, $t0
	jirl		$ra, $a1, 0
	ld.d		$a2, $sp, 8
	movfr2gr.d	$t0, $f0
	st.d		$t0, $a2, 0
	movfcsr2gr	$t0, $fcsr0
	st.d		$t0, $a2, 8
	movcf2gr	$t0, $fcc0
	st.d		$t0, $a2, 16
	movgr2fcsr	$fcsr0, $zero
	ld.d		$ra, $sp, 0
	addi.d		$sp, $sp, 16
	ret
