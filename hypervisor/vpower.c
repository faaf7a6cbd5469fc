/*
 * vpower.c - design part 9: the VM's power-off register, at the board's
 * GED sleep-control address (VM_POWER_GPA).  Writing 0x34 (SLP_EN | S5,
 * what tests/rt's rt_poweroff writes on the board) stops the VM with exit
 * status 0; other values are ignored; reads return 0.
 */
#include "parts.h"

static uint64_t power_read(struct vm *vm, uint64_t off, unsigned size)
{
	(void)vm; (void)off; (void)size;
	return 0;
}

static void power_write(struct vm *vm, uint64_t off, unsigned size, uint64_t val)
{
	(void)size;
	if (off == 0 && (val & 0xff) == VM_POWER_OFF)
		vm_stop(vm, 0, NULL);
}

void vpower_attach(struct vm *vm)
{
	vm->dev[vm->ndev++] = (struct mmio_device){
		.name = "power", .gpa = VM_POWER_GPA, .size = 4, .read = power_read, .write = power_write,
	};
}
