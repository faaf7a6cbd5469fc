/* user: the user guest alone. */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "user", .image = &image_user },
};
CONFIG("user");
