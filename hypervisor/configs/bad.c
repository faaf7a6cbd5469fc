/* bad: the misbehaving guest alone. */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "bad", .image = &image_bad },
};
CONFIG("bad");
