/* stops: three guests the hypervisor has to stop (a lost exception entry,
 * an endless loop, an idle nothing can wake) next to one that passes. */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "crash", .image = &image_crash },
	{ .name = "spin", .image = &image_spin },
	{ .name = "sleeper", .image = &image_sleeper },
	{ .name = "hello", .image = &image_hello },
};
CONFIG("stops");
/* spin needs the budget to end: keep it short (500 slices = 1e7 ticks). */
const unsigned hv_config_budget = 500;
