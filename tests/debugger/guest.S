/*
 * guest.S - the assembly parts of lvzguest.elf: entering the guest, the
 * host's second-stage TLB refill handler and the guest's timer handler.
 * Labels are global so the debugger tests can find them with nm.
 */
#include "rt.h"
#include "lvzguest.h"

#define PTE_VDCC 0x13		/* V | D | MAT = 1 (coherent cached), PLV0 */

	.text
/* enter_guest(pc, sp): ertn with GSTAT.PVM = 1 (set by the caller) enters
 * guest mode at ERA; PRMD.PIE = 1 keeps host interrupts enabled while the
 * guest runs, so the host timer preempts it (exit:int). */
	.globl	enter_guest
enter_guest:
	csrwr	$a0, CSR_ERA
	li.w	$t0, PRMD_PIE
	csrwr	$t0, CSR_PRMD
	move	$sp, $a1
	ertn

/*
 * Host TLB refill entry.  It is only reached from the guest, for a GPA
 * that stage 2 does not map (the host itself runs in DA mode): map that
 * even/odd pair of 4 KiB pages one to one with tlbfill (GTLBC.USETGID makes
 * it a root-type entry of GID 1), count it, and ertn, which returns to the
 * guest because the CPU set TLBRPRMD.PGM.  TLBREHI.PS (12) was set by main.
 */
	.balign	4096
	.globl	s2_refill
s2_refill:
	csrwr	$t0, CSR_TLBRSAVE
	csrwr	$t1, CSR_SAVE(1)
	csrrd	$t0, CSR_TLBRBADV
	bstrins.d $t0, $zero, 12, 0
	ori	$t1, $t0, PTE_VDCC
	csrwr	$t1, CSR_TLBRELO0
	lu12i.w	$t1, 1
	or	$t1, $t1, $t0
	ori	$t1, $t1, PTE_VDCC
	csrwr	$t1, CSR_TLBRELO1
	la.pcrel $t0, s2_refills
	ld.d	$t1, $t0, 0
	addi.d	$t1, $t1, 1
	st.d	$t1, $t0, 0
	.globl	s2_refill_fill
s2_refill_fill:
	tlbfill
	csrrd	$t0, CSR_TLBRSAVE
	csrrd	$t1, CSR_SAVE(1)
	ertn

/* Guest exception entry (guest EENTRY): only the guest timer is enabled;
 * acknowledge it and count. Runs in guest mode on the guest's CSR bank. */
	.balign	4096
	.globl	guest_trap
guest_trap:
	csrwr	$t0, CSR_SAVE(0)
	csrwr	$t1, CSR_SAVE(1)
	li.w	$t0, 1
	.globl	guest_ticlr
guest_ticlr:
	csrwr	$t0, CSR_TICLR
	la.pcrel $t0, guest_ticks
	ld.d	$t1, $t0, 0
	addi.d	$t1, $t1, 1
	st.d	$t1, $t0, 0
	csrrd	$t0, CSR_SAVE(0)
	csrrd	$t1, CSR_SAVE(1)
	ertn

/* The guest's sensitive instructions, each at a label of its own. */
	.globl	guest_cpucfg
guest_cpucfg:			/* a0 = cpucfg(a0): exits with GSPR */
	cpucfg	$a0, $a0
	jr	$ra

	.globl	guest_hvcl_report
guest_hvcl_report:		/* hypercall HC_REPORT(a0): exits with HVC */
	hvcl	HC_REPORT
	jr	$ra

	.globl	guest_hvcl_done
guest_hvcl_done:
	hvcl	HC_DONE
1:	b	1b

	.bss
	.balign	16
	.globl	guest_stack, guest_stack_top
guest_stack:
	.space	16384
guest_stack_top:
