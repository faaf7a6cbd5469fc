/*
 * tracekinds.c - one of each guest-mode entry and exit, in a known order,
 * for tests/lvz/trace.sh, which checks the trace's named events (enter,
 * exit:gspr, exit:hvc, exit:tlbr, exit:pf, exit:int) with their GID, PC
 * and cause in text and JSON lines against the symbols below (llvm-nm).
 * (exit:fpd needs the FP instructions: tests/lvz/fpd.)  It also checks
 * the exits it gets, so it is an ordinary test program too.
 */
#include "lvz.h"

#define Q 0x40000000ul                  /* GPA outside everything: V = 0 */

extern char tk_seq[], tk_gspr[], tk_hvc[], tk_ld[], tk_done[];
__asm__(".text\n.globl tk_seq\ntk_seq:\n"
	".globl tk_gspr\ntk_gspr:  cpucfg $a0, $a1\n"
	".globl tk_hvc\ntk_hvc:    hvcl 0x42\n"
	".globl tk_ld\ntk_ld:      ld.d $a2, $a0, 0\n"
	".globl tk_done\ntk_done:  hvcl 0x7ff\n");

int main(void)
{
	lvz_init();
	s2_identity(9);
	s2_refill_install(0, 0);                /* every refill: V = 0 */
	struct vcpu v;
	vcpu_init(&v, 9, tk_seq, Q, 0, 0);
	CHECK_EQ(vm_run(&v), EC_GSPR);          /* enter, exit:gspr */
	CHECK_EQ(v.pc, (unsigned long)tk_gspr);
	v.pc += 4;
	CHECK_EQ(vm_run(&v), EC_HVC);           /* enter, exit:hvc */
	CHECK_EQ(v.pc, (unsigned long)tk_hvc);
	v.pc += 4;
	v.gpr[4] = Q;
	CHECK_EQ(vm_run(&v), EC_PIL);           /* enter, exit:tlbr, enter, exit:pf */
	CHECK_EQ(v.pc, (unsigned long)tk_ld);
	CHECK_EQ(s2_log.count, 1);
	v.pc += 4;
	csr_xchg(CSR_ESTAT, 1ul << INT_SWI0, 1ul << INT_SWI0);
	csr_write(CSR_ECFG, 1ul << INT_SWI0);
	CHECK_EQ(vm_run(&v), EC_INT);           /* enter, exit:int */
	CHECK_EQ(v.pc, (unsigned long)tk_done);
	csr_xchg(CSR_ESTAT, 0, 1ul << INT_SWI0);
	csr_write(CSR_ECFG, 0);
	CHECK(vm_call(&v));                     /* enter, exit:hvc */
	rt_done();
}
