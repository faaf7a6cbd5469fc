/*
 * entry.S - the world switch (design part 4): guest_enter() loads a vCPU
 * and executes ertn into the guest; every exit lands in
 * hv_exception_entry, which saves the guest's registers and returns from
 * guest_enter() to the run loop (run.c), which dispatches on ESTAT.Ecode.
 *
 * The sequence follows Linux KVM's kvm/switch.S (kvm_switch_to_guest,
 * kvm_exc_entry): KS4 holds the vCPU, KS5 a scratch register; GTLBC.TGID =
 * the guest's GID while it runs and 0 in the host; GSTAT.PVM = 1 makes the
 * general ertn enter guest mode; host PRMD.PIE = 1 so that host interrupts
 * (the scheduler's timer) preempt the guest.
 *
 * One entry point (ECFG.VS = 0) also receives exceptions the hypervisor
 * takes itself: GSTAT.PVM tells them apart (the hardware sets it on every
 * exit from guest mode; the hypervisor clears it right after).  The only
 * expected one is the timer interrupt while the hypervisor waits in idle.
 */
#include "hv_asm.h"

#define GSTAT_PVM_BIT 0x2
#define PRMD_PIE_BIT  0x4

	.text
/* void guest_enter(struct vcpu *v): run v until its next exit. */
	.globl	guest_enter
guest_enter:
	addi.d	$sp, $sp, -HOST_FRAME
	st.d	$ra, $sp, 0
	st.d	$tp, $sp, 8
	st.d	$r21, $sp, 16
	st.d	$fp, $sp, 24
	.irp	n, 23, 24, 25, 26, 27, 28, 29, 30, 31
	st.d	$r\n, $sp, (\n - 19) * 8
	.endr
	st.d	$sp, $a0, VCPU_HOST_SP
	move	$t0, $a0
	csrwr	$a0, KS_VCPU
	ld.d	$t1, $t0, VCPU_PC
	csrwr	$t1, CSR_ERA			/* where the guest continues */
	ori	$t1, $zero, PRMD_PIE_BIT	/* host PLV0 with interrupts on in guest mode */
	csrwr	$t1, CSR_PRMD
	ld.d	$t1, $t0, VCPU_GTLBC		/* USETGID | TGID = GID: root TLB ops tag this guest */
	csrwr	$t1, CSR_GTLBC
	ld.d	$t1, $t0, VCPU_GSTAT		/* GID | PVM: the next ertn enters the guest */
	csrwr	$t1, CSR_GSTAT
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld.d	$r\n, $t0, VCPU_GPR + \n * 8
	.endr
	ld.d	$t0, $t0, VCPU_GPR + 12 * 8
	ertn

/* Every exception and interrupt (EENTRY; ECFG.VS = 0). */
	.balign	4096
	.globl	hv_exception_entry
hv_exception_entry:
	csrwr	$t0, KS_TMP
	csrrd	$t0, CSR_GSTAT
	andi	$t0, $t0, GSTAT_PVM_BIT
	beqz	$t0, host_exception
	/* An exit: save the guest's registers into the vCPU. */
	csrrd	$t0, KS_VCPU
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	st.d	$r\n, $t0, VCPU_GPR + \n * 8
	.endr
	csrrd	$t1, KS_TMP
	st.d	$t1, $t0, VCPU_GPR + 12 * 8
	csrrd	$t1, CSR_ERA
	st.d	$t1, $t0, VCPU_PC
	csrrd	$t1, CSR_ESTAT
	st.d	$t1, $t0, VCPU_ESTAT
	csrrd	$t1, CSR_BADV
	st.d	$t1, $t0, VCPU_BADV
	csrrd	$t1, CSR_BADI
	st.d	$t1, $t0, VCPU_BADI
	/* Back in the host: PVM = 0 (a later ertn stays here), TGID = 0. */
	ori	$t1, $zero, GSTAT_PVM_BIT
	csrxchg	$zero, $t1, CSR_GSTAT
	csrrd	$t1, CSR_GTLBC
	bstrins.w	$t1, $zero, 23, 16
	csrwr	$t1, CSR_GTLBC
	/* Return from guest_enter() with the host's registers. */
	ld.d	$sp, $t0, VCPU_HOST_SP
	ld.d	$ra, $sp, 0
	ld.d	$tp, $sp, 8
	ld.d	$r21, $sp, 16
	ld.d	$fp, $sp, 24
	.irp	n, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld.d	$r\n, $sp, (\n - 19) * 8
	.endr
	addi.d	$sp, $sp, HOST_FRAME
	jr	$ra

/* An exception of the hypervisor itself: a frame on its stack, host_trap(). */
host_exception:
	csrrd	$t0, KS_TMP
	addi.d	$sp, $sp, -HTF_SIZE
	.irp	n, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	st.d	$r\n, $sp, \n * 8
	.endr
	addi.d	$t0, $sp, HTF_SIZE
	st.d	$t0, $sp, 3 * 8
	st.d	$zero, $sp, 0
	csrrd	$t0, CSR_ERA
	st.d	$t0, $sp, HTF_ERA
	csrrd	$t0, CSR_ESTAT
	st.d	$t0, $sp, HTF_ESTAT
	csrrd	$t0, CSR_BADV
	st.d	$t0, $sp, HTF_BADV
	csrrd	$t0, CSR_PRMD
	st.d	$t0, $sp, HTF_PRMD
	move	$a0, $sp
	bl	host_trap
	ld.d	$t0, $sp, HTF_ERA
	csrwr	$t0, CSR_ERA
	ld.d	$t0, $sp, HTF_PRMD
	csrwr	$t0, CSR_PRMD
	.irp	n, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld.d	$r\n, $sp, \n * 8
	.endr
	addi.d	$sp, $sp, HTF_SIZE
	ertn
