/* sharedgid: the negative control of tlbshare.  The same two VMs, but the
 * hypervisor gives both GID 1, so the TLB cannot tell their entries apart:
 * the disturber's flushes and mappings reach the keeper, whose checks must
 * fail.  (A configuration for check-hypervisor only.) */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "tlb-a", .image = &image_tlbshare, .force_gid = 1 },
	{ .name = "tlb-b", .image = &image_tlbshare, .force_gid = 1 },
};
CONFIG("sharedgid");
