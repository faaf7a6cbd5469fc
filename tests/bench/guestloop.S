/*
 * guestloop.S - the hot loop of hotloop.S run inside an LVZ guest (GID 1),
 * to measure guest-mode speed: every fetch and data access goes through
 * both translation stages (guest DA mode, then root-type TLB entries of
 * GID 1).  The host maps GPA 0-4 MiB and 16-20 MiB to the same host
 * addresses with two 2 MiB-page MTLB entries, enters the guest with ertn
 * (GSTAT.PVM = 1), and powers off when the guest's hvcl exits.
 */
#define CSR_PRMD   0x1
#define CSR_ERA    0x6
#define CSR_EENTRY 0xc
#define CSR_TLBIDX 0x10
#define CSR_TLBEHI 0x11
#define CSR_TLBELO0 0x12
#define CSR_TLBELO1 0x13
#define CSR_GTLBC  0x15
#define CSR_GSTAT  0x50
#define PTE_VDCC   0x13		/* V | D | MAT = 1 (coherent cached), PLV0 */

	.text
	.globl _start
_start:
	la.pcrel $t0, host_exit
	csrwr	$t0, CSR_EENTRY
	li.w	$t0, (1 << 12) | (1 << 16)	/* GTLBC: USETGID, TGID = 1 */
	csrwr	$t0, CSR_GTLBC
	li.w	$t0, (1 << 16) | 2		/* GSTAT: GID = 1, PVM = 1 */
	csrwr	$t0, CSR_GSTAT
	/* stage 2: GPA 0-4 MiB -> HPA 0-4 MiB */
	move	$t0, $zero
	csrwr	$t0, CSR_TLBEHI
	li.d	$t0, 0x000000 | PTE_VDCC
	csrwr	$t0, CSR_TLBELO0
	li.d	$t0, 0x200000 | PTE_VDCC
	csrwr	$t0, CSR_TLBELO1
	li.w	$t0, (21 << 24) | 2048		/* MTLB entry 0, PS = 2 MiB */
	csrwr	$t0, CSR_TLBIDX
	tlbwr
	/* stage 2: GPA 16-20 MiB -> HPA 16-20 MiB (the loop's buffer) */
	li.d	$t0, 0x1000000
	csrwr	$t0, CSR_TLBEHI
	li.d	$t0, 0x1000000 | PTE_VDCC
	csrwr	$t0, CSR_TLBELO0
	li.d	$t0, 0x1200000 | PTE_VDCC
	csrwr	$t0, CSR_TLBELO1
	li.w	$t0, (21 << 24) | 2049
	csrwr	$t0, CSR_TLBIDX
	tlbwr
	/* the guest starts in direct-address mode at PLV0 */
	li.w	$t0, 0xa8
	gcsrwr	$t0, 0x0
	csrwr	$zero, CSR_PRMD
	la.pcrel $t0, guest
	csrwr	$t0, CSR_ERA
	ertn

guest:
	li.d	$t0, 0x1000000
	li.d	$t1, ITERS
1:	ld.d	$t2, $t0, 0
	add.d	$t2, $t2, $t1
	st.d	$t2, $t0, 0
	addi.d	$t1, $t1, -1
	bnez	$t1, 1b
	hvcl	0

	.balign 4096
host_exit:
	li.d	$t0, 0x100e001c
	li.w	$t1, 0x34
	st.b	$t1, $t0, 0
2:	b	2b
