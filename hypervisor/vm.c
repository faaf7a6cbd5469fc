/*
 * vm.c - design parts 3 and 10: creating a VM (its GID, its RAM region, its
 * stage-2 table, its devices, the CPU model it sees), starting it
 * (start_vm: direct-address mode, PLV0, interrupts off, PC = the image's
 * first byte), stopping it, and its console.
 */
#include "parts.h"

struct vm hv_vms[HV_MAX_VMS];
unsigned hv_nvms;

struct vm *vm_create(const struct vm_config *cfg)
{
	if (hv_nvms >= HV_MAX_VMS || hv_nvms + 1 > hv_max_gid)
		hv_panic("too many VMs (%u; at most %u VMs and %u guest IDs)", hv_nvms + 1, HV_MAX_VMS, hv_max_gid);
	struct vm *vm = &hv_vms[hv_nvms];
	memset(vm, 0, sizeof(*vm));
	vm->id = hv_nvms++;
	vm->gid = (uint8_t)(vm->id + 1);      /* GID 0 is the host's */
	vm->name = cfg->name;
	if (cfg->force_gid) {
		/* Only the negative control of the TLB test does this: two VMs
		 * with one GID are one VM to the TLB. */
		vm->gid = cfg->force_gid;
		hv_printf("hv: vm %u '%s' is forced to share GID %u (test configuration)\n", vm->id, vm->name, vm->gid);
	}
	vm->watched = cfg->watched;

	/* Memory: one RAM region, backed by a contiguous slot of host RAM. */
	vm->ram.gpa = VM_RAM_GPA;
	vm->ram.size = VM_RAM_SIZE;
	vm->ram.hpa = HV_VM_RAM_PA + vm->id * VM_RAM_SIZE;
	uint8_t *ram = pa_to_va(vm->ram.hpa);
	memset(ram, 0, VM_RAM_SIZE);
	size_t len = (size_t)(cfg->image->end - cfg->image->start);
	if (len > VM_RAM_SIZE - (VM_IMAGE_GPA - VM_RAM_GPA))
		hv_panic("guest image %s (%zu bytes) does not fit in %lu KiB", cfg->image->name, len, VM_RAM_SIZE >> 10);
	memcpy(ram + (VM_IMAGE_GPA - VM_RAM_GPA), cfg->image->start, len);

	/* Its stage-2 table starts empty: pages are mapped on first touch.
	 * No TLB entry of an earlier user of this GID may survive. */
	stage2_init(&vm->s2, vm->id);
	stage2_flush_gid(vm->gid);

	cpumodel_init(&vm->model);
	vuart_attach(vm);
	vpower_attach(vm);

	/* start_vm: the vCPU begins at the image's first byte. */
	vcpu_init(&vm->vcpu, vm, VM_KERNEL_VA | VM_IMAGE_GPA);
	hv_printf("hv: vm %u '%s': GID %u, RAM GPA 0x%lx-0x%lx at HPA 0x%lx, image %s (%zu bytes)\n",
		  vm->id, vm->name, vm->gid, vm->ram.gpa, vm->ram.gpa + vm->ram.size - 1, vm->ram.hpa,
		  cfg->image->name, len);
	return vm;
}

void vm_stop(struct vm *vm, int status, const char *reason)
{
	if (vm->stopped)
		return;
	vm_console_flush(vm);
	vm->stopped = true;
	vm->exit_status = status;
	vm->stop_reason = reason;
	vm->vcpu.state = VCPU_STOPPED;
	if (reason)
		hv_printf("hv: vm '%s' stopped: %s\n", vm->name, reason);
	else
		hv_printf("hv: vm '%s' exited with status %d\n", vm->name, status);
	/* Its translations are of no use to anyone any more. */
	stage2_flush_gid(vm->gid);
}

bool vm_gpa_in_ram(const struct vm *vm, uint64_t gpa, uint64_t len)
{
	return gpa >= vm->ram.gpa && len <= vm->ram.size && gpa - vm->ram.gpa <= vm->ram.size - len;
}

const struct mmio_device *vm_find_device(const struct vm *vm, uint64_t gpa)
{
	for (unsigned i = 0; i < vm->ndev; i++)
		if (gpa >= vm->dev[i].gpa && gpa - vm->dev[i].gpa < vm->dev[i].size)
			return &vm->dev[i];
	return NULL;
}

/* ---- console: "[name] text" one line at a time, so that lines of
 * different VMs never mix ---- */
void vm_console_flush(struct vm *vm)
{
	if (!vm->line_len)
		return;
	vm->line[vm->line_len] = 0;
	hv_printf("[%s] %s\n", vm->name, vm->line);
	vm->line_len = 0;
}

void vm_console_putc(struct vm *vm, char c)
{
	if (c == '\n') {
		if (!vm->line_len)
			hv_printf("[%s]\n", vm->name);
		vm_console_flush(vm);
		return;
	}
	if (c == '\r')
		return;
	if ((unsigned char)c < 0x20 || (unsigned char)c > 0x7e)
		c = '?';    /* the host console only gets printable text */
	vm->line[vm->line_len++] = c;
	if (vm->line_len == sizeof(vm->line) - 1)
		vm_console_flush(vm);
}
