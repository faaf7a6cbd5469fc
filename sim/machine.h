/*
 * machine.h - the board: one LoongArch64 core on a QEMU-7.2-`virt`-like
 * memory map (docs: ../shared/docs/linux-boot-platform.md section 3).
 *
 *   0x0000_0000  low RAM (up to 256 MiB)
 *   0x1008_0010  "loongarch_virt_pm" PM_CTRL (QEMU 7.2: 0xff off, 0x00 reset)
 *   0x100e_001c  ACPI GED sleep control / status / reset
 *   0x1fe0_01e0  ns16550a UART
 *   0x9000_0000  high RAM (the rest of -m above 256 MiB)
 *   IOCSR space: misc registers (0x0-0x427), IPI (0x1000-0x1158)
 */
#ifndef LVZSIM_MACHINE_H
#define LVZSIM_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu/cpu.h"
#include "devices/bus.h"
#include "devices/uart16550.h"
#include "devices/ipi.h"

#define LOWRAM_BASE   0x0ull
#define LOWRAM_SIZE   0x10000000ull
#define HIGHRAM_BASE  0x90000000ull
#define UART_BASE     0x1fe001e0ull
#define GED_REG_BASE  0x100e001cull
#define PM_BASE       0x10080010ull

/* Exit statuses of build/lvzsim (README, --help). */
enum {
	EXIT_POWEROFF = 0,      /* guest powered off (GED sleep S5, PM 0xff) */
	EXIT_BADINPUT = 1,      /* bad command line, file or image */
	EXIT_SIMERROR = 2,      /* the simulator itself failed */
	EXIT_RESET = 3,         /* guest requested a reset (GED 0x42, PM 0x00) */
	EXIT_MAXINSNS = 4,      /* --max-insns reached */
	EXIT_HALTED = 5,        /* idle with every wake-up source masked */
};

struct machine {
	struct cpu cpu;
	struct bus bus;         /* physical address space */
	struct bus iocsr;       /* IOCSR address space */
	struct uart16550 uart;
	struct ipi ipi;
	uint64_t ram_size;
	bool stop;              /* leave the run loop */
	int exit_status;
	const char *stop_msg;
};

/* Build the board with `ram_size` bytes of RAM; false with a message on error. */
bool machine_init(struct machine *m, uint64_t ram_size, FILE *uart_out);
void machine_free(struct machine *m);
/* Request the run loop to stop with this status. */
void machine_stop(struct machine *m, int status, const char *why);
/* Run until the machine stops; returns its exit status. */
int machine_run(struct machine *m);

#endif
