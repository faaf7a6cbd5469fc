/* sharedgid: the negative control of tlbshare.  The same two VMs, but the
 * hypervisor gives both GID 1, so the TLB cannot tell their entries apart -
 * neither their own (GVA -> GPA) entries nor the second-stage ones, so one
 * VM even runs on the other's RAM through the other's GPA -> HPA entries.
 * Their checks must fail.  (A configuration for check-hypervisor only.) */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "tlb-a", .image = &image_tlbshare, .force_gid = 1 },
	{ .name = "tlb-b", .image = &image_tlbshare, .force_gid = 1 },
};
CONFIG("sharedgid");
