/*
 * guest.h - what the shipped guests use: the tests/rt API (rt.h: printf,
 * CHECK_EQ, rt_done, trap hooks, rt_expect_trap ...), implemented for a VM
 * by grt.c on top of the hypervisor's hypercalls, plus the hypercalls
 * themselves and the VM's machine (layout.h).
 *
 * The start code is tests/rt/start.S, unchanged: stack, .bss, EENTRY and
 * TLBRENTRY (the guest's own CSR bank), main(), rt_done().
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdbool.h>

#include "rt.h"
#include "hvcall.h"
#include "layout.h"

static inline long hv_call(long fn, long a1, long a2, long a3)
{
	register long r0 __asm__("$a0") = fn;
	register long r1 __asm__("$a1") = a1;
	register long r2 __asm__("$a2") = a2;
	register long r3 __asm__("$a3") = a3;
	__asm__ volatile("hvcl 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3) : "memory");
	return r0;
}

/* The guest physical address of a kernel pointer (DA mode or DMW1: the
 * address bits below PALEN). */
static inline unsigned long gpa_of(const volatile void *p)
{
	return (unsigned long)p & 0x0000fffffffffffful;
}

static inline long hv_console_write(const void *buf, unsigned long len)
{
	return hv_call(HC_CONSOLE_WRITE, (long)gpa_of(buf), (long)len, 0);
}
static inline long hv_vm_id(void) { return hv_call(HC_VM_ID, 0, 0, 0); }
static inline long hv_yield(void) { return hv_call(HC_YIELD, 0, 0, 0); }
__attribute__((noreturn)) static inline void hv_exit(long status)
{
	hv_call(HC_EXIT, status, 0, 0);
	for (;;)
		;
}

/* Interrupts of the guest's own CRMD. */
static inline void irq_enable(void) { csr_xchg(CSR_CRMD, CRMD_IE, CRMD_IE); }
static inline void irq_disable(void) { csr_xchg(CSR_CRMD, 0, CRMD_IE); }
static inline void cpu_idle(void) { __asm__ volatile("idle 0" ::: "memory"); }

#endif
