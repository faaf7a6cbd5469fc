/* sensitive: the sensitive-instruction guest alone. */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "sensitive", .image = &image_sensitive },
};
CONFIG("sensitive");
