/* tlbalone: the tlbshare guest alone - it must notice that nobody else
 * ran during its yields (the negative control of its "others ran" check). */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "tlb-alone", .image = &image_tlbshare },
};
CONFIG("tlbalone");
