/*
 * fpd.c - the lazy-FPU exit (docs/lvz.md "FPU"; lvz-facts.md 5: "FP op,
 * guest EUEN bit = 1 but root EUEN bit = 0 -> root FPD"; K exit.c
 * kvm_handle_fpu_disabled loads the guest FP state, sets the host's
 * EUEN.FPE and resumes):
 *   1. guest EUEN.FPE = 1, host EUEN.FPE = 0: an FP instruction exits with
 *      host Ecode FPD (0xf), ERA = its PC, BADI = its word, before it
 *      executes; with the host's FPE set, the retried instruction runs;
 *   2. guest EUEN.FPE = 0: the guest's own FPD, no exit.
 *
 * It needs the scalar FP instructions: on a build without them (every FP
 * instruction INE) it says SKIP.  The routing (cpu/fpu.c
 * fpu_enabled_or_raise) is also unit-tested in tests/unit/test_lvz.c.
 */
#include "lvz.h"

extern char g_fp_seq[], g_fp_mov[], g_fp_back[];
__asm__(".text\n.globl g_fp_seq\ng_fp_seq:\n"
	".globl g_fp_mov\ng_fp_mov:\n"
	"	movgr2fr.d $fa0, $a1\n"
	".globl g_fp_back\ng_fp_back:\n"
	"	movfr2gr.d $a2, $fa0\n"
	"	hvcl 0x7ff\n");

int main(void)
{
	lvz_init();
	/* Is FP there?  Host FPE = 1 and one FP instruction. */
	csr_write(CSR_EUEN, EUEN_FPE);
	rt_expect_trap();
	__asm__ volatile("movgr2fr.d $fa0, $zero" ::: "memory");
	if (rt_trap_result() == EC_INE) {
		puts("SKIP: no scalar FP in this build (FP instructions raise INE)");
		rt_poweroff();
	}
	s2_identity(1);
	struct vcpu v;

	/* ---- 1 ---- */
	csr_write(CSR_EUEN, 0);
	gcsr_write(CSR_EUEN, EUEN_FPE);
	vcpu_init(&v, 1, g_fp_seq, 0, 0x4010000000000000ul, 0);
	CHECK_EQ(vm_run(&v), EC_FPD);
	CHECK_EQ(v.pc, (unsigned long)g_fp_mov);
	CHECK_EQ(v.badi, *(unsigned *)g_fp_mov);
	csr_write(CSR_EUEN, EUEN_FPE);                  /* the host gives the FPU */
	CHECK(vm_call(&v));
	CHECK_EQ(v.gpr[6], 0x4010000000000000ul);

	/* ---- 2 ---- */
	gcsr_write(CSR_EUEN, 0);
	g_last.count = 0;
	vcpu_init(&v, 1, g_fp_seq, 0, 0x1234, 0);
	CHECK(vm_call(&v));
	CHECK_EQ(g_last.count, 2);                      /* both FP insns: guest FPD */
	CHECK_EQ(ESTAT_ECODE(g_last.estat), EC_FPD);
	CHECK_EQ(g_last.era, (unsigned long)g_fp_back);
	csr_write(CSR_EUEN, 0);
	rt_done();
}
