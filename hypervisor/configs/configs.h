/*
 * configs.h - what a configuration (one hypervisor image) is made of: the
 * guest images linked in (guests.S, images.c) and the VMs to start.
 * GUEST_LIST (set by hypervisor.mk) names every guest: G(hello) G(...) ...
 */
#ifndef HV_CONFIGS_H
#define HV_CONFIGS_H

#include "../vm.h"

#define G(name) extern const struct guest_image image_##name;
GUEST_LIST
#undef G

#define CONFIG(name) \
	const char hv_config_name[] = name; \
	const unsigned hv_config_count = sizeof(hv_config) / sizeof(hv_config[0])

#endif
