/* demo: what `make run` shows. */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ "hello", &image_hello, false },
	{ "hello2", &image_hello, false },
};
CONFIG("demo");
