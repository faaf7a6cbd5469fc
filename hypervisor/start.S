/*
 * start.S - boot: from the loader's direct-address mode to the hypervisor's
 * own mode (PLV0, paging on, code and data in the DMW windows), a stack, a
 * zeroed .bss, then hv_main().
 *
 * Entry state (lvzsim, like QEMU 7.2 -kernel): CRMD = PLV0, IE = 0, DA = 1;
 * PC = e_entry = 0x9000000000200000, which direct-address mode truncates to
 * the load address 0x200000 (Vol.1 5.2.1: PA = VA[PALEN-1:0]).
 *
 * Why paging on, when the hypervisor never uses the TLB for itself: the
 * ertn that returns from a TLB refill always sets CRMD.PG = 1 and DA = 0
 * (Vol.1 4.2.6), and refills of guest (second-stage) addresses return
 * through the host's CRMD.  So the host must run where PG = 1 works:
 * in the direct-mapped windows, as Linux does.
 */
#include "hv_asm.h"
#include "layout.h"

	.section .text.start, "ax"
	.globl	_start
_start:
	li.d	$t0, HV_DMW_UNCACHED | 0x01	/* DMW0: PLV0, MAT = 0 (strongly-ordered uncached) */
	csrwr	$t0, CSR_DMW(0)
	li.d	$t0, HV_DMW_CACHED | 0x11	/* DMW1: PLV0, MAT = 1 (coherent cached) */
	csrwr	$t0, CSR_DMW(1)
	li.w	$t0, 0xb0			/* CRMD: PLV0, IE = 0, PG = 1, DATF = DATM = 1 */
	csrwr	$t0, CSR_CRMD
	/* From here the PC (0x9000...) goes through DMW1. */
	la.pcrel	$sp, hv_stack_top
	la.pcrel	$t0, __bss_start
	la.pcrel	$t1, __bss_end
1:	bgeu	$t0, $t1, 2f
	st.d	$zero, $t0, 0
	addi.d	$t0, $t0, 8
	b	1b
2:	bl	hv_main
3:	b	3b

	.bss
	.balign	16
hv_stack:
	.space	65536
	.globl	hv_stack_top
hv_stack_top:
