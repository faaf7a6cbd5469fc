/*
 * iocsr_misc.h - identification and feature registers at the bottom of
 * IOCSR space (Loongson 3A5000 user manual 10.2; Linux asm/loongarch.h
 * LOONGARCH_IOCSR_*; QEMU 7.2 target/loongarch/cpu.c loongarch_qemu_read).
 */
#ifndef LVZSIM_IOCSR_MISC_H
#define LVZSIM_IOCSR_MISC_H

struct bus;

enum {
	IOCSR_VERSION = 0x0, IOCSR_FEATURES = 0x8, IOCSR_VENDOR = 0x10,
	IOCSR_CPUNAME = 0x20, IOCSR_NODECNT = 0x408, IOCSR_MISC_FUNC = 0x420,
};

void iocsr_misc_attach(struct bus *iocsr);

#endif
