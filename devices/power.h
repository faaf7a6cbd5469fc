/*
 * power.h - how a guest ends the run: the ACPI GED registers of QEMU's virt
 * board (hw/acpi/generic_event_device.c) and QEMU 7.2's "loongarch_virt_pm"
 * PM_CTRL register (hw/loongarch/virt.c).
 */
#ifndef LVZSIM_POWER_H
#define LVZSIM_POWER_H

#include <stdint.h>

struct machine;

void power_attach(struct machine *m);

#endif
