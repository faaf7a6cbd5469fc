/*
 * crash - a guest whose exception entry is outside its memory: it sets
 * EENTRY to a GPA no region covers and then touches such a GPA.  The
 * hypervisor injects the address error, the guest's CPU goes to EENTRY,
 * and that fetch faults at the very PC the injection chose: nothing can
 * be reflected any more, so the hypervisor stops the VM with a message
 * (and the other VMs go on).  It never prints PASS.
 */
#include "guest.h"

int main(void)
{
	printf("about to lose my exception entry\n");
	csr_write(CSR_EENTRY, 0x40000000ul);
	(void)*(volatile uint64_t *)0x40001000ul;
	printf("FAIL: still running\n");
	rt_done();
}
