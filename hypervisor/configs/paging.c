/* paging: the paging guest alone. */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "paging", .image = &image_paging },
};
CONFIG("paging");
