/* hello: the hello guest alone (check-hypervisor: its exit counts). */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "hello", .image = &image_hello },
};
CONFIG("hello");
