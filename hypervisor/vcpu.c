/*
 * vcpu.c - design part 4 (first half): a vCPU's guest CSR bank on and off
 * the CPU.  The CPU has one guest CSR bank; the vCPU that owns it is
 * "loaded".  vcpu_load() writes a vCPU's saved bank into the hardware with
 * gcsrwr, vcpu_put() reads it back with gcsrrd (Linux kvm/vcpu.c:
 * _kvm_vcpu_load/_kvm_vcpu_put).  Loading the vCPU that is already loaded
 * costs nothing, so a VM that runs alone never pays for a switch.
 *
 * Guest TLB entries are not saved: they stay in the TLB, tagged with the
 * VM's GID, while other VMs run.
 */
#include "parts.h"

struct vcpu *hv_loaded_vcpu;

void vcpu_init(struct vcpu *v, struct vm *vm, uint64_t entry)
{
	memset(v, 0, sizeof(*v));
	v->vm = vm;
	v->state = VCPU_RUNNABLE;
	v->pc = entry;
	/* The boot state of the board (QEMU 7.2 -kernel): PLV0, interrupts
	 * off, direct-address mode, DATF = DATM = 1 (coherent cached). */
	v->gcsr[G_CRMD] = CRMD_DA | CRMD_DATF(1) | CRMD_DATM(1);
	v->gcsr[G_STLBPS] = 12;
	v->gcsr[G_CPUID] = 0;               /* the VM's only CPU */
	v->gpr[4] = VM_RAM_GPA + VM_RAM_SIZE;   /* a0: end of RAM */
	/* Entry values for GSTAT and GTLBC (entry.S). */
	v->entry_gstat = GSTAT_GID(vm->gid) | GSTAT_PVM;
	v->entry_gtlbc = GTLBC_USETGID | GTLBC_TGID(vm->gid);
	/* The guest's stable counter starts at 0 when it is created
	 * (GCNTC is added to the host counter in guest mode). */
	v->gcntc = -hv_now();
}

static void bank_save(struct vcpu *v)
{
#define X(name, num) v->gcsr[G_##name] = gcsr_read(num);
	GUEST_BANK(X)
#undef X
}

static void bank_restore(const struct vcpu *v)
{
#define X(name, num) gcsr_write(num, v->gcsr[G_##name]);
	GUEST_BANK(X)
#undef X
	/* LLBCTL: keep KLO; an LL/SC pair never spans a switch (WCLLB clears
	 * the LLbit), as kvm/vcpu.c does when vCPUs share a CPU. */
	gcsr_write(CSR_LLBCTL, (v->gcsr[G_LLBCTL] & 4) | 2);
}

void vcpu_load(struct vcpu *v)
{
	if (hv_loaded_vcpu == v)
		return;
	if (hv_loaded_vcpu)
		vcpu_put(hv_loaded_vcpu);
	struct vm *vm = v->vm;
	bank_restore(v);
	hv_loaded_vcpu = v;     /* the bank is v's now: vtimer_restore may inject */
	vtimer_restore(v);
	csr_write(CSR_GCNTC, v->gcntc);
	csr_write(CSR_GINTC, v->vip);
	/* The host refill handler walks CSR.PGD: this VM's GPA table for both
	 * halves of the address space (stage2.c). */
	csr_write(CSR_PGDL, vm->s2.pgd_pa);
	csr_write(CSR_PGDH, vm->s2.pgd_pa);
}

void vcpu_put(struct vcpu *v)
{
	vtimer_save(v);     /* first: it stops the timer, so ESTAT.TI is final */
	bank_save(v);
	hv_loaded_vcpu = NULL;
}
