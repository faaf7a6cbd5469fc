/* timershare: the timer guest next to a VM that always wants the CPU
 * (victim), so that the timer guest is switched out whenever it waits and
 * its timer expires while it is off the CPU: each interrupt then reaches it
 * through the hypervisor's injection on reload (vtimer.c, gcsrxchg). */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "victim", .image = &image_victim },
	{ .name = "timer", .image = &image_timer },
};
CONFIG("timershare");
