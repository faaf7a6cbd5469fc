/* timer: the guest-timer guest alone. */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "timer", .image = &image_timer },
};
CONFIG("timer");
