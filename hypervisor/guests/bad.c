/*
 * bad - a guest that misbehaves on purpose, and checks each time that the
 * hypervisor reacts the documented way (README.md, "Bad guest behaviour")
 * and lets it go on:
 *
 *   what it does                                      reaction
 *   load / store at a GPA outside every region        ADEM, BADV = the address
 *   jump to such a GPA                                ADEF, BADV = ERA = the address
 *   amswap.w on the UART (not a plain load/store)     ADEM
 *   load inside the UART's page but past its 8 bytes  ADEM
 *   hvcl 0 with an unknown function (a0 = 99)         INE at the hvcl
 *   hvcl 5 (an unknown hypercall code)                INE at the hvcl
 *   console write of a buffer outside its RAM         returns HC_EFAULT, prints nothing
 *   dbcl 0 (exits GSPR; no emulation for it)          INE at the dbcl
 *
 * Exits for check-hypervisor: s2 bad = 5 (load, store, fetch, amswap, past
 * the UART); exc-inj = 8 (those 5, two hypercalls, dbcl); GSPR other = 1.
 */
#include "guest.h"

#define NOWHERE 0x40000000ul    /* no region, no device */

static volatile unsigned fetch_faults;
static volatile unsigned long fetch_badv, fetch_era;

static int on_fetch_fault(struct trap_frame *f)
{
	if (ESTAT_ECODE(f->estat) != EC_ADE || ESTAT_ESUB(f->estat) != 0)
		return 0;
	fetch_faults++;
	fetch_badv = f->badv;
	fetch_era = f->era;
	f->era = f->gpr[1];
	return 1;
}

int main(void)
{
	unsigned long v = 0x1111;

	/* Memory the VM does not have. */
	rt_expect_trap();
	__asm__ volatile("ld.w %0, %1, 8" : "+r"(v) : "r"(NOWHERE) : "memory");
	CHECK_EQ(rt_trap_result(), EC_ADE);
	CHECK_EQ(ESTAT_ESUB(rt_last_trap.estat), 1);            /* ADEM */
	CHECK_EQ(rt_last_trap.badv, NOWHERE + 8);
	CHECK_EQ(v, 0x1111);
	rt_expect_trap();
	__asm__ volatile("stx.d %0, %1, %2" : : "r"(v), "r"(NOWHERE), "r"(0x100ul) : "memory");
	CHECK_EQ(rt_trap_result(), EC_ADE);
	CHECK_EQ(ESTAT_ESUB(rt_last_trap.estat), 1);
	CHECK_EQ(rt_last_trap.badv, NOWHERE + 0x100);

	/* A jump there: ADEF with BADV = ERA = the target.  The handler
	 * returns to the caller ($ra) instead of retrying. */
	rt_trap_hook = on_fetch_fault;
	__asm__ volatile(
		"	la.pcrel	$ra, 1f\n"
		"	jr	%0\n"
		"1:\n" : : "r"(NOWHERE) : "ra", "memory");
	rt_trap_hook = 0;
	CHECK_EQ(fetch_faults, 1);
	CHECK_EQ(fetch_badv, NOWHERE);
	CHECK_EQ(fetch_era, NOWHERE);

	/* The UART takes plain loads and stores only, and only its 8 bytes. */
	rt_expect_trap();
	__asm__ volatile("amswap.w %0, %1, %2" : "=&r"(v) : "r"(0x41ul), "r"(VM_UART_GPA) : "memory");
	CHECK_EQ(rt_trap_result(), EC_ADE);
	CHECK_EQ(rt_last_trap.badv, VM_UART_GPA);
	rt_expect_trap();
	(void)*(volatile uint8_t *)(VM_UART_GPA + 8);
	CHECK_EQ(rt_trap_result(), EC_ADE);
	CHECK_EQ(rt_last_trap.badv, VM_UART_GPA + 8);

	/* Hypercalls that do not exist. */
	rt_expect_trap();
	long r = hv_call(99, 0, 0, 0);
	CHECK_EQ(rt_trap_result(), EC_INE);
	CHECK_EQ(rt_last_trap.badi, 0x002b8000);                /* hvcl 0 */
	(void)r;
	rt_expect_trap();
	__asm__ volatile("hvcl 5" ::: "memory");
	CHECK_EQ(rt_trap_result(), EC_INE);
	CHECK_EQ(rt_last_trap.badi, 0x002b8005);
	/* A hypercall with a bad argument: an error, nothing else. */
	CHECK_EQ(hv_call(HC_CONSOLE_WRITE, (long)NOWHERE, 16, 0), HC_EFAULT);
	CHECK_EQ(hv_call(HC_CONSOLE_WRITE, VM_RAM_GPA + VM_RAM_SIZE - 4, 8, 0), HC_EFAULT);

	/* A sensitive instruction the hypervisor does not emulate. */
	rt_expect_trap();
	__asm__ volatile("dbcl 0" ::: "memory");
	CHECK_EQ(rt_trap_result(), EC_INE);
	CHECK_EQ(rt_last_trap.badi, 0x002a8000);

	rt_done();
}
