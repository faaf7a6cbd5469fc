/*
 * start.S - entry, trap entry and default TLB-refill entry of test images.
 *
 * Entry state (QEMU 7.2 `-M virt -kernel`, and lvzsim the same): PC =
 * e_entry, CRMD = 0xa8 (PLV0, IE = 0, DA = 1), GPRs 0, EENTRY 0, EUEN 0.
 */
#include "rt.h"

	.section .text.start, "ax"
	.globl _start
_start:
	la.pcrel	$sp, __stack_top
	la.pcrel	$t0, __bss_start
	la.pcrel	$t1, __bss_end
1:	bgeu		$t0, $t1, 2f
	st.d		$zero, $t0, 0
	addi.d		$t0, $t0, 8
	b		1b
2:	la.pcrel	$t0, rt_trap_entry
	csrwr		$t0, CSR_EENTRY
	la.pcrel	$t0, rt_tlbr_entry
	csrwr		$t0, CSR_TLBRENTRY
	csrwr		$zero, CSR_ECFG		/* VS = 0: one entry for everything */
	bl		main
	bl		rt_done

/*
 * Every exception and interrupt (ECFG.VS = 0).  The frame goes on a stack of
 * its own (rt_exc_stack), so a trap taken with any sp is handled.  rt_trap()
 * may change the frame; ERA, PRMD and the GPRs are reloaded from it before
 * ertn (TRAP_ENTRY in rt.h).
 */
	.text
	.balign	4096
	.globl	rt_trap_entry
rt_trap_entry:
	TRAP_ENTRY rt_exc_stack_top, rt_trap

/*
 * Default TLB refill handler: a test that uses the TLB installs its own.
 * Runs in DA mode (the CPU cleared PG), so C code at its physical address
 * works; report and stop.
 */
	.balign	4096
	.globl	rt_tlbr_entry
rt_tlbr_entry:
	la.pcrel	$sp, rt_exc_stack_top
	csrrd		$a0, CSR_TLBRBADV
	csrrd		$a1, CSR_TLBRERA
	bl		rt_unexpected_refill

	.bss
	.balign	16
rt_exc_stack:
	.space	16384
rt_exc_stack_top:
