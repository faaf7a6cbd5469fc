/* vuart: the interrupt-driven UART guest alone. */
#include "configs.h"

const struct vm_config hv_config[] = {
	{ .name = "vuart", .image = &image_vuart },
};
CONFIG("vuart");
