/*
 * layout.h - where everything lives: the host physical memory map the
 * hypervisor uses, and the machine every VM sees.  Shared by the hypervisor,
 * its guests (the isolation guest attacks these host addresses) and
 * README.md, which draws the same map.
 */
#ifndef HV_LAYOUT_H
#define HV_LAYOUT_H

#ifdef __ASSEMBLER__
#define _UL(x) x
#else
#define _UL(x) x##ul
#endif

/* ---- host ---- */

/* Direct-mapped windows (host DMW0/DMW1, as Linux sets them): the hypervisor
 * runs at PLV0 with paging on and never uses the TLB for itself. */
#define HV_DMW_UNCACHED   _UL(0x8000000000000000)   /* DMW0: MAT = SUC, for devices */
#define HV_DMW_CACHED     _UL(0x9000000000000000)   /* DMW1: MAT = CC, for RAM and code */

#define HV_CANARY_PA      _UL(0x00100000)   /* 64 KiB of host RAM nobody uses: filled   */
#define HV_CANARY_SIZE    _UL(0x00010000)   /* with a pattern at boot, checked at the end */
#define HV_IMAGE_PA       _UL(0x00200000)   /* the hypervisor ELF (guest images inside)  */
#define HV_PT_PA          _UL(0x01000000)   /* stage-2 page tables: one slot per VM       */
#define HV_PT_SLOT_PAGES  32ul           /*   pages per slot (4 KiB each)             */
#define HV_VM_RAM_PA      _UL(0x02000000)   /* VM RAM: slot i at HV_VM_RAM_PA + i * VM_RAM_SIZE */
#define HV_MAX_VMS        16

/* Board devices the hypervisor drives itself (physical addresses). */
#define BOARD_UART_PA     _UL(0x1fe001e0)   /* ns16550a */
#define BOARD_GED_SLEEP   _UL(0x100e001c)   /* ACPI GED sleep control: 0x34 = S5 */
#define BOARD_GED_RESET   _UL(0x100e001e)   /* ACPI GED reset: 0x42 */

/* ---- the machine a VM sees (guest physical addresses) ---- */
#define VM_RAM_GPA        _UL(0x00000000)
#define VM_RAM_SIZE       _UL(0x00040000)   /* 256 KiB */
#define VM_IMAGE_GPA      _UL(0x00010000)   /* guest image copied here; entry = first byte */
#define VM_UART_GPA       _UL(0x1fe001e0)   /* virtual 16550, same address as the board's */
#define VM_UART_HWI       0              /* its interrupt: guest HWI0 = ESTAT.IS[2] = GINTC.VIP bit 0 */
#define VM_POWER_GPA      _UL(0x100e001c)   /* power-off register: write 0x34 = stop, status 0 */
#define VM_POWER_OFF      0x34

/* Guests are linked to run at GPA + this (their own DMW1 window; in
 * direct-address mode the high bits are dropped, so the same code runs
 * before and after a guest turns paging on). */
#define VM_KERNEL_VA      HV_DMW_CACHED

#endif
