/*
 * exc_vectored.c - vectored exception and interrupt entry (Vol.1 6.2.x,
 * 7.4.5 ECFG.VS): with VS != 0, an exception with code E enters at
 * EENTRY + E * 2^VS instructions (4 << VS bytes) and interrupt line n at
 * EENTRY + (64 + n) * (4 << VS); with VS = 0 everything enters at EENTRY.
 *
 * Three vector tables (VS = 1, 3, 7: 8, 32 and 512 bytes per vector), each
 * slot a branch to a trampoline that leaves its slot number in SAVE2 and
 * goes on to the runtime's trap entry.  The slot taken for SYS (11),
 * BRK (12), INE (13), SWI0 (64) and SWI1 (65) must be that number: a rule
 * worked out by hand; the same lines are compared with QEMU 7.2 (which
 * needs a masked hardware line held high to notice SWI: isa.h,
 * isa_hold_ipi_line).
 */
#include "isa.h"

#define NSLOTS 78   /* 64 exception codes + 13 interrupt lines + 1 */

/* Slot n of a table with S-byte slots: "b vtramp_n", then nops. */
__asm__(
	"	.macro	vtable name, size\n"
	"	.section .text.\\name, \"ax\"\n"
	"	.balign	4096\n"
	"	.globl	\\name\n"
	"\\name:\n"
	"	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77\n"
	"	b	vtramp_\\n\n"
	"	.fill	(\\size - 4) / 4, 4, 0x03400000\n"
	"	.endr\n"
	"	.endm\n"
	"	vtable	vtab1, 8\n"
	"	vtable	vtab3, 32\n"
	"	vtable	vtab7, 512\n"
	"	.text\n"
	"	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77\n"
	"vtramp_\\n:\n"
	"	csrwr	$t0, 0x31\n"           /* SAVE1 <- t0 */
	"	ori	$t0, $zero, \\n\n"
	"	csrwr	$t0, 0x32\n"           /* SAVE2 <- slot number */
	"	csrrd	$t0, 0x31\n"
	"	b	rt_trap_entry\n"
	"	.endr\n");

extern char vtab1[], vtab3[], vtab7[];

static volatile unsigned long slot_taken, ecode_taken, era_taken;

static int vec_hook(struct trap_frame *f)
{
	slot_taken = csr_read(CSR_SAVE(2));
	ecode_taken = ESTAT_ECODE(f->estat);
	era_taken = f->era;
	if (ecode_taken == EC_INT)
		csr_xchg(CSR_ESTAT, 0, 3);      /* drop SWI0/SWI1 */
	else
		f->era += 4;
	return 1;
}

static void run_vs(unsigned vs, char *table)
{
	unsigned long pc;
	csr_write(CSR_SAVE(2), ~0ul);
	csr_write(CSR_EENTRY, (unsigned long)table);
	csr_write(CSR_ECFG, ECFG_VS(vs));
	CHECK_EQ(csr_read(CSR_ECFG), ECFG_VS(vs));

	__asm__ volatile("pcaddi %0, 0\n syscall 0" : "=&r"(pc) : : "memory");
	CHECK_EQ(slot_taken, EC_SYS);
	CHECK_EQ(era_taken, pc + 4);
	printf("VS=%u syscall -> slot %lu\n", vs, slot_taken);
	__asm__ volatile("break 0" ::: "memory");
	CHECK_EQ(slot_taken, EC_BRK);
	printf("VS=%u break   -> slot %lu\n", vs, slot_taken);
	__asm__ volatile(".word 0" ::: "memory");
	CHECK_EQ(slot_taken, EC_INE);
	printf("VS=%u INE     -> slot %lu\n", vs, slot_taken);

	/* interrupts: SWI0 and SWI1 enabled in ECFG.LIE, IE = 1 */
	isa_hold_ipi_line(1);
	csr_write(CSR_ECFG, ECFG_VS(vs) | 3);
	csr_xchg(CSR_CRMD, CRMD_IE, CRMD_IE);
	csr_xchg(CSR_ESTAT, 1, 3);              /* SWI0 */
	barrier();
	CHECK_EQ(slot_taken, 64 + INT_SWI0);
	CHECK_EQ(ecode_taken, EC_INT);
	printf("VS=%u SWI0    -> slot %lu\n", vs, slot_taken);
	csr_xchg(CSR_ESTAT, 2, 3);              /* SWI1 */
	barrier();
	CHECK_EQ(slot_taken, 64 + INT_SWI1);
	printf("VS=%u SWI1    -> slot %lu\n", vs, slot_taken);
	csr_xchg(CSR_CRMD, 0, CRMD_IE);
	isa_hold_ipi_line(0);
	csr_write(CSR_ECFG, 0);
	csr_write(CSR_EENTRY, (unsigned long)rt_trap_entry);
}

int main(void)
{
	rt_trap_hook = vec_hook;
	run_vs(1, vtab1);
	run_vs(3, vtab3);
	run_vs(7, vtab7);
	/* VS = 0: everything at EENTRY (the runtime's entry, no slot) */
	csr_write(CSR_SAVE(2), ~0ul);
	__asm__ volatile("syscall 0" ::: "memory");
	CHECK_EQ(slot_taken, ~0ul);
	CHECK_EQ(ecode_taken, EC_SYS);
	rt_trap_hook = 0;
	return 0;
}
