/*
 * refill.S - the host TLB refill handler (TLBRENTRY), design part 5.
 *
 * The hypervisor itself runs in DMW windows and never misses in the TLB, so
 * every refill here is a second-stage miss: a guest used a GPA that no
 * root-type TLB entry of its GID covers.  The hardware gives TLBRBADV = the
 * GPA, sets TLBRPRMD.PGM (the refill came from guest mode) and runs this in
 * direct-address mode.  CSR.PGD is the VM's table (PGDL = PGDH = its root,
 * set by vcpu_load), so the walk is Linux's handle_tlb_refill
 * (arch/loongarch/mm/tlbex.S) for four levels.  tlbfill tags the new entry
 * with GTLBC.TGID = the guest's GID (USETGID = 1).  Addresses outside the
 * VM's regions walk through the shared invalid tables (stage2.c) and end in
 * an entry with V = 0: the retried access then exits with PIL/PIS/PIF and
 * stage2_fault.c decides (page in, MMIO, or a fault for the guest).
 * The ertn returns straight to the guest (TLBRPRMD.PGM = 1).
 *
 * Counting: vcpu->s2_refills++ through KS_VCPU; DA mode drops the DMW bits
 * of that pointer (PA = VA[47:0]), so the same pointer works here.
 */
#include "hv_asm.h"

#define TLBRPRMD_PGM_BIT 0x8

	.text
	.balign	4096
	.globl	hv_tlb_refill
hv_tlb_refill:
	csrwr	$t0, CSR_TLBRSAVE
	csrrd	$t0, CSR_TLBRPRMD
	andi	$t0, $t0, TLBRPRMD_PGM_BIT
	beqz	$t0, host_refill
	csrwr	$t1, KS_REFILL
	csrrd	$t0, KS_VCPU
	ld.d	$t1, $t0, VCPU_S2_REFILLS
	addi.d	$t1, $t1, 1
	st.d	$t1, $t0, VCPU_S2_REFILLS
	csrrd	$t1, KS_REFILL
	csrrd	$t0, CSR_PGD
	lddir	$t0, $t0, 3
	lddir	$t0, $t0, 2
	lddir	$t0, $t0, 1
	ldpte	$t0, 0
	ldpte	$t0, 1
	tlbfill
	csrrd	$t0, CSR_TLBRSAVE
	ertn

/* The hypervisor itself missed: a bug.  Report it (still in DA mode, where
 * the DMW addresses of C code and data work too) and stop. */
host_refill:
	csrrd	$a0, CSR_TLBRBADV
	csrrd	$a1, CSR_TLBRERA
	la.abs	$t0, hv_host_refill_panic
	jirl	$ra, $t0, 0
