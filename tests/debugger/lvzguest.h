/*
 * lvzguest.h - shared by the host and guest halves of lvzguest.elf, the
 * debugger tests' LVZ image (see lvzguest.c).
 */
#ifndef LVZGUEST_H
#define LVZGUEST_H

#define GUEST_GID       1
/* Stage 2 maps GPA 0-4 MiB onto HPA 0-4 MiB with one MTLB pair of 2 MiB
 * pages at index S2_INDEX; everything else is refilled on demand. */
#define S2_INDEX        2048
#define FAR_GPA         0x800000ul          /* outside the initial map */
#define FAR_VALUE       0x5a5aul
/* The guest's own TLB maps GVA_MAPPED (not covered by its DMW0, which only
 * covers VSEG 0) onto GPA_MAPPED. */
#define GVA_MAPPED      0xffffffff80000000ul
#define GPA_MAPPED      0x300000ul
#define MAPPED_VALUE    0xfeedf00dul
#define HOST_PERIOD     2500                /* host timer period, ticks */
#define GUEST_PERIOD    1500                /* guest timer period, ticks */
#define GUEST_TICKS     4                   /* guest waits for this many */

/* hypercall codes (hvcl immediate) */
#define HC_DONE         0
#define HC_REPORT       1                   /* a0 = value to record */

#endif
