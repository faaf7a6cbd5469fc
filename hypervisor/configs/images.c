/* images.c - a struct guest_image for every guest in guests.S. */
#include "configs.h"

#define G(name) \
	extern const uint8_t guest_##name##_start[], guest_##name##_end[]; \
	const struct guest_image image_##name = { #name, guest_##name##_start, guest_##name##_end };
GUEST_LIST
