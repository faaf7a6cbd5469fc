/* hello: the hello guest alone (check-hypervisor: its exit counts). */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ "hello", &image_hello, false },
};
CONFIG("hello");
