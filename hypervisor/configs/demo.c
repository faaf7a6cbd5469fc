/* demo: what `make run` shows - every guest that passes, all at once, each
 * in its own VM with its own GID, the isolation guest watched (checked
 * over each of its time slices; configs/isolation.c checks each attempt). */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "hello", .image = &image_hello },
	{ .name = "sensitive", .image = &image_sensitive },
	{ .name = "timer", .image = &image_timer },
	{ .name = "vuart", .image = &image_vuart },
	{ .name = "paging", .image = &image_paging },
	{ .name = "user", .image = &image_user },
	{ .name = "tlb-a", .image = &image_tlbshare },
	{ .name = "tlb-b", .image = &image_tlbshare },
	{ .name = "victim", .image = &image_victim },
	{ .name = "isolation", .image = &image_isolation, .watched = WATCH_SLICES },
	{ .name = "bad", .image = &image_bad },
};
CONFIG("demo");
