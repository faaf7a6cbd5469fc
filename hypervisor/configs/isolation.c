/* isolation: the attacker, watched by the hypervisor, next to its victim. */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "victim", .image = &image_victim },
	{ .name = "isolation", .image = &image_isolation, .watched = WATCH_EACH_FAULT },
};
CONFIG("isolation");
