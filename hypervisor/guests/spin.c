/*
 * spin - a guest that never gives the CPU back: interrupts off, no
 * hypercall, an endless loop.  The host timer still preempts it (guest
 * mode cannot mask host interrupts), so the other VMs keep running, and
 * the hypervisor's time budget stops it in the end.  It never prints PASS.
 */
#include "guest.h"

int main(void)
{
	printf("spinning forever\n");
	irq_disable();
	for (;;)
		__asm__ volatile("" ::: "memory");
}
