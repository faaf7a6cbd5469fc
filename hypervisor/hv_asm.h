/*
 * hv_asm.h - what the assembly (entry.S, refill.S, start.S) and the C side
 * agree on: the KScratch registers the hypervisor owns and the offsets of
 * the fields of struct vcpu the assembly touches.  vm.h checks every offset
 * with _Static_assert, so the two cannot drift apart.
 */
#ifndef HV_ASM_H
#define HV_ASM_H

#include "la.h"

/* Host KScratch registers (PRCFG1.KSNUM = 8).  KS4/KS5 as Linux KVM uses
 * them (kvm/switch.S: KVM_VCPU_KS, KVM_TEMP_KS). */
#define KS_VCPU     CSR_SAVE(4)   /* the vCPU that is running or just exited */
#define KS_TMP      CSR_SAVE(5)   /* exception entry: the guest's t0 */
#define KS_REFILL   CSR_SAVE(6)   /* refill handler: t1 */

/* struct vcpu, the part shared with assembly (8-byte fields). */
#define VCPU_GPR        0                 /* gpr[32]: r0..r31 */
#define VCPU_PC         (32 * 8)          /* guest PC: entry point, then ERA of each exit */
#define VCPU_HOST_SP    (33 * 8)          /* host sp inside guest_enter() */
#define VCPU_ESTAT      (34 * 8)          /* host ESTAT/BADV/BADI of the last exit */
#define VCPU_BADV       (35 * 8)
#define VCPU_BADI       (36 * 8)
#define VCPU_GSTAT      (37 * 8)          /* GSTAT value for entry: GID | PVM */
#define VCPU_GTLBC      (38 * 8)          /* GTLBC value for entry: USETGID | TGID */
#define VCPU_S2_REFILLS (39 * 8)          /* second-stage refills, counted by refill.S */

/* Callee-saved host registers guest_enter() keeps on the host stack. */
#define HOST_FRAME      (14 * 8)    /* ra tp u0 fp s0-s8, 16-byte aligned */

/* Trap frame of an exception the hypervisor takes in host mode. */
#define HTF_ERA    (32 * 8)
#define HTF_ESTAT  (33 * 8)
#define HTF_BADV   (34 * 8)
#define HTF_PRMD   (35 * 8)
#define HTF_SIZE   (36 * 8)

#endif
