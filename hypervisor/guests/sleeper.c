/*
 * sleeper - a guest that waits for an interrupt it has not enabled: idle
 * with ECFG.LIE = 0 and no timer.  Nothing can ever wake it, so the
 * hypervisor stops the VM with a message instead of waiting forever.  It
 * never prints PASS.
 */
#include "guest.h"

int main(void)
{
	printf("going to sleep for good\n");
	csr_write(CSR_ECFG, 0);
	csr_write(CSR_TCFG, 0);
	cpu_idle();
	printf("FAIL: woke up\n");
	rt_done();
}
