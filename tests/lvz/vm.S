/*
 * vm.S - entering and leaving guest mode for the LVZ tests (see lvz.h),
 * modelled on Linux 6.12 arch/loongarch/kvm/switch.S: the host saves its
 * callee-saved registers, points EENTRY at an exit stub, sets ERA = guest
 * PC, PRMD, GSTAT.PVM = 1, loads the guest GPRs and executes ertn.  Every
 * exception or interrupt taken by the host while the guest runs lands in
 * vm_exit_entry (ECFG.VS = 0), which saves the guest GPRs and the host's
 * ESTAT/ERA/BADV/BADI/GSTAT/PRMD into the vCPU and returns from vm_run_asm.
 *
 * Also: the host's TLB refill entry for stage-2 misses, the guest's trap
 * and default refill entries, and plv3_call.
 */
#include "rt.h"

#define V_GPR    0
#define V_PC     256
#define V_ESTAT  264
#define V_BADV   272
#define V_BADI   280
#define V_GSTAT  288
#define V_PRMD   296
#define V_HPRMD  304
#define V_HOST   312
#define V_HEENTRY 440

#define KS_VCPU  CSR_SAVE(4)	/* as KVM: KS4 = current vCPU */
#define KS_TEMP  CSR_SAVE(5)	/*         KS5 = scratch */

/* host callee-saved: ra tp sp r21 fp s0-s8 */
.macro save_host base
	st.d	$ra, \base, V_HOST + 0
	st.d	$tp, \base, V_HOST + 8
	st.d	$sp, \base, V_HOST + 16
	st.d	$r21, \base, V_HOST + 24
	.irp n, 22,23,24,25,26,27,28,29,30,31
	st.d	$r\n, \base, V_HOST + (\n - 18) * 8
	.endr
.endm
.macro restore_host base
	ld.d	$ra, \base, V_HOST + 0
	ld.d	$tp, \base, V_HOST + 8
	ld.d	$sp, \base, V_HOST + 16
	ld.d	$r21, \base, V_HOST + 24
	.irp n, 22,23,24,25,26,27,28,29,30,31
	ld.d	$r\n, \base, V_HOST + (\n - 18) * 8
	.endr
.endm

	.text
/* unsigned vm_run_asm(struct vcpu *v): returns the exit's Ecode */
	.globl	vm_run_asm
vm_run_asm:
	save_host $a0
	move	$t0, $a0
	csrwr	$t0, KS_VCPU
	csrrd	$t0, CSR_EENTRY
	st.d	$t0, $a0, V_HEENTRY
	la.pcrel $t0, vm_exit_entry
	csrwr	$t0, CSR_EENTRY
	ld.d	$t0, $a0, V_PC
	csrwr	$t0, CSR_ERA
	ld.d	$t0, $a0, V_HPRMD
	csrwr	$t0, CSR_PRMD
	ori	$t0, $zero, GSTAT_PVM
	csrxchg	$t0, $t0, CSR_GSTAT
	.irp n, 1,2,3,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld.d	$r\n, $a0, V_GPR + \n * 8
	.endr
	ld.d	$a0, $a0, V_GPR + 4 * 8
	ertn

	.balign	4096
vm_exit_entry:
	csrwr	$a0, KS_TEMP
	csrrd	$a0, KS_VCPU
	.irp n, 1,2,3,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	st.d	$r\n, $a0, V_GPR + \n * 8
	.endr
	csrrd	$t0, KS_TEMP
	st.d	$t0, $a0, V_GPR + 4 * 8
	csrrd	$t0, CSR_ERA
	st.d	$t0, $a0, V_PC
	csrrd	$t0, CSR_BADV
	st.d	$t0, $a0, V_BADV
	csrrd	$t0, CSR_BADI
	st.d	$t0, $a0, V_BADI
	csrrd	$t0, CSR_GSTAT
	st.d	$t0, $a0, V_GSTAT
	csrrd	$t0, CSR_PRMD
	st.d	$t0, $a0, V_PRMD
	/* leave the host state as kvm_exc_entry does: PVM = 0, EENTRY back */
	ori	$t0, $zero, GSTAT_PVM
	csrxchg	$zero, $t0, CSR_GSTAT
	ld.d	$t0, $a0, V_HEENTRY
	csrwr	$t0, CSR_EENTRY
	restore_host $a0
	csrrd	$t0, CSR_ESTAT
	st.d	$t0, $a0, V_ESTAT
	bstrpick.d $a0, $t0, 21, 16
	jr	$ra

/* The guest function returns here (vcpu_init puts it in ra). */
	.globl	guest_return
guest_return:
	hvcl	0x7ff
	b	guest_return

/*
 * Host TLB refill entry for stage-2 misses: runs in DA mode at host PLV0
 * with the guest's GPRs live, so save them all, call s2_refill() in C on a
 * stack of its own, restore and ertn (TLBRPRMD bit 3 takes it back to the
 * guest).
 */
	.balign	4096
	.globl	s2_refill_entry
s2_refill_entry:
	csrwr	$sp, CSR_TLBRSAVE
	la.pcrel $sp, s2_stack_top
	addi.d	$sp, $sp, -TF_SIZE
	.irp n, 1,2,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	st.d	$r\n, $sp, \n * 8
	.endr
	csrrd	$t0, CSR_TLBRSAVE
	st.d	$t0, $sp, 3 * 8
	move	$a0, $sp
	bl	s2_refill
	.irp n, 1,2,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld.d	$r\n, $sp, \n * 8
	.endr
	ld.d	$sp, $sp, 3 * 8
	ertn

/*
 * Guest trap entry (guest EENTRY, guest ECFG.VS = 0): the same frame as
 * rt_trap_entry (TRAP_ENTRY in rt.h), built with the guest's own CSRs
 * (csrrd in guest mode reads the guest bank) on a guest stack, then
 * g_trap() in C.
 */
	.balign	4096
	.globl	g_trap_entry
g_trap_entry:
	TRAP_ENTRY g_exc_stack_top, g_trap

/* Default guest TLB refill entry: tell the host (a test that pages the
 * guest installs its own). */
	.balign	4096
	.globl	g_tlbr_entry
g_tlbr_entry:
	hvcl	0x7fe
	b	g_tlbr_entry

/*
 * void plv3_call(void (*fn)(void)): run fn at PLV3 of the current world
 * with ertn (in the host GSTAT.PVM is 0 outside vm_run, so this ertn stays
 * in the host; in a guest, ertn is the guest's own); fn returns to
 * plv3_back, whose syscall 0x7ff the trap hook of that world (lvz.c)
 * turns into a return to plv3_resume at PLV0.
 */
	.globl	plv3_call
plv3_call:
	la.pcrel $t0, plv3_ctx
	st.d	$ra, $t0, 0
	st.d	$tp, $t0, 8
	st.d	$sp, $t0, 16
	st.d	$r21, $t0, 24
	.irp n, 22,23,24,25,26,27,28,29,30,31
	st.d	$r\n, $t0, (\n - 18) * 8
	.endr
	move	$t1, $a0
	csrwr	$t1, CSR_ERA
	ori	$t1, $zero, 3		/* PPLV = 3, PIE = 0 */
	csrwr	$t1, CSR_PRMD
	la.pcrel $ra, plv3_back
	ertn
	.globl	plv3_back
plv3_back:
	syscall	0x7ff
	b	plv3_back
	.globl	plv3_resume
plv3_resume:
	la.pcrel $t0, plv3_ctx
	ld.d	$ra, $t0, 0
	ld.d	$tp, $t0, 8
	ld.d	$sp, $t0, 16
	ld.d	$r21, $t0, 24
	.irp n, 22,23,24,25,26,27,28,29,30,31
	ld.d	$r\n, $t0, (\n - 18) * 8
	.endr
	jr	$ra

	.bss
	.balign	16
plv3_ctx:
	.space	16 * 8
	.balign	16
s2_stack:
	.space	8192
s2_stack_top:
	.balign	16
g_exc_stack:
	.space	16384
	.globl	g_exc_stack_top
g_exc_stack_top:
