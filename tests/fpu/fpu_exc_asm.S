/*
 * fpu_exc_asm.S - one FP instruction per stub, for tests/fpu/fpu_exc.c.
 * Each stub is "insn; ret": a trap the test expects returns to ERA + 4,
 * the ret.  Operands: $a0-$a2 and $f1-$f3 as the C caller set them; the
 * stubs with a result leave it in $f0 / $fcc0 / $a0.
 */
#define STUB(name, insn...)	\
	.globl name;		\
name:	insn;			\
	ret

	.text
STUB(x_fadd_d,     fadd.d $f0, $f1, $f2)
STUB(x_fadd_s,     fadd.s $f0, $f1, $f2)
STUB(x_fdiv_d,     fdiv.d $f0, $f1, $f2)
STUB(x_fmul_d,     fmul.d $f0, $f1, $f2)
STUB(x_frecip_d,   frecip.d $f0, $f1)
STUB(x_fmadd_s,    fmadd.s $f0, $f1, $f2, $f3)
STUB(x_fsqrt_s,    fsqrt.s $f0, $f1)
STUB(x_ftintrz_w_d, ftintrz.w.d $f0, $f1)
STUB(x_ffint_s_l,  ffint.s.l $f0, $f1)
STUB(x_frint_d,    frint.d $f0, $f1)
STUB(x_fcvt_s_d,   fcvt.s.d $f0, $f1)
STUB(x_fcmp_sor_d, fcmp.sor.d $fcc0, $f1, $f2)
STUB(x_fcmp_cor_d, fcmp.cor.d $fcc0, $f1, $f2)
STUB(x_fcmp_sueq_s, fcmp.sueq.s $fcc0, $f1, $f2)
STUB(x_fcmp_cueq_s, fcmp.cueq.s $fcc0, $f1, $f2)
STUB(x_fabs_d,     fabs.d $f0, $f1)
STUB(x_fclass_s,   fclass.s $f0, $f1)
STUB(x_fsel,       fsel $f0, $f1, $f2, $fcc0)
STUB(x_fmov_d,     fmov.d $f0, $f1)
STUB(x_movgr2fr_d, movgr2fr.d $f0, $a0)
STUB(x_movfr2gr_s, movfr2gr.s $a0, $f1)
STUB(x_movgr2fcsr, movgr2fcsr $fcsr0, $a0)
STUB(x_movfcsr2gr, movfcsr2gr $a0, $fcsr0)
STUB(x_movgr2cf,   movgr2cf $fcc0, $a0)
STUB(x_movcf2gr,   movcf2gr $a0, $fcc0)
STUB(x_movfr2cf,   movfr2cf $fcc0, $f1)
STUB(x_movcf2fr,   movcf2fr $f0, $fcc0)
STUB(x_fld_s,      fld.s $f0, $a0, 0)
STUB(x_fld_d,      fld.d $f0, $a0, 8)
STUB(x_fst_s,      fst.s $f1, $a0, 0)
STUB(x_fst_d,      fst.d $f1, $a0, -8)
STUB(x_fldx_s,     fldx.s $f0, $a0, $a1)
STUB(x_fldx_d,     fldx.d $f0, $a0, $a1)
STUB(x_fstx_s,     fstx.s $f1, $a0, $a1)
STUB(x_fstx_d,     fstx.d $f1, $a0, $a1)
STUB(x_fldgt_s,    fldgt.s $f0, $a0, $a1)
STUB(x_fldgt_d,    fldgt.d $f0, $a0, $a1)
STUB(x_fldle_s,    fldle.s $f0, $a0, $a1)
STUB(x_fldle_d,    fldle.d $f0, $a0, $a1)
STUB(x_fstgt_s,    fstgt.s $f1, $a0, $a1)
STUB(x_fstgt_d,    fstgt.d $f1, $a0, $a1)
STUB(x_fstle_s,    fstle.s $f1, $a0, $a1)
STUB(x_fstle_d,    fstle.d $f1, $a0, $a1)
/* bound-check forms with rj = rk = $zero: address 0 on both simulators */
STUB(x_fstle_d_zero, fstle.d $f1, $zero, $zero)
STUB(x_fldle_d_zero, fldle.d $f0, $zero, $zero)
STUB(x_fldle_s_zero, fldle.s $f0, $zero, $zero)
STUB(x_fstle_s_zero, fstle.s $f1, $zero, $zero)

/*
 * unsigned long x_call(void (*stub)(void), a0, a1, a2): call stub with
 * $a0-$a2 = a0-a2 and return the $a0 it leaves.  No FP state is touched
 * (usable with the FPU disabled).
 */
	.globl	x_call
x_call:
	addi.d		$sp, $sp, -16
	st.d		$ra, $sp, 0
	move		$t8, $a0
	move		$a0, $a1
	move		$a1, $a2
	move		$a2, $a3
	jirl		$ra, $t8, 0
	ld.d		$ra, $sp, 0
	addi.d		$sp, $sp, 16
	ret

/* x_callf: the same with f0-f3 = x_fin[0..3] before the call and
 * x_fout = { f0, fcc0, FCSR0 } after it. */
	.globl	x_callf
x_callf:
	addi.d		$sp, $sp, -16
	st.d		$ra, $sp, 0
	la.pcrel	$t0, x_fin
	fld.d		$f0, $t0, 0
	fld.d		$f1, $t0, 8
	fld.d		$f2, $t0, 16
	fld.d		$f3, $t0, 24
	move		$t8, $a0
	move		$a0, $a1
	move		$a1, $a2
	move		$a2, $a3
	jirl		$ra, $t8, 0
	la.pcrel	$t0, x_fout
	fst.d		$f0, $t0, 0
	movcf2gr	$t1, $fcc0
	st.d		$t1, $t0, 8
	movfcsr2gr	$t1, $fcsr0
	st.d		$t1, $t0, 16
	ld.d		$ra, $sp, 0
	addi.d		$sp, $sp, 16
	ret

	.data
	.balign	8
	.globl	x_fin, x_fout
x_fin:	.quad	0, 0, 0, 0
x_fout:	.quad	0, 0, 0
