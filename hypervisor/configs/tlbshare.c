/* tlbshare: the same guest twice, keeper (id 0) and disturber (id 1). */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "tlb-a", .image = &image_tlbshare },
	{ .name = "tlb-b", .image = &image_tlbshare },
};
CONFIG("tlbshare");
