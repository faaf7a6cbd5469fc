/*
 * stage2_fault.c - design part 5: what a second-stage fault means.
 *
 * The exit is a host PIL/PIS/PIF (or PME) taken while the guest ran, with
 * host BADV = the GPA and BADI = the guest instruction (lvz-facts.md 5).
 * Three cases, in this order:
 *   1. the GPA is in the VM's RAM: the page was not mapped yet (RAM is
 *      mapped on first touch, like Linux kvm/mmu.c: kvm_handle_mm_fault):
 *      map it, drop the stale V = 0 entry with invtlb 0x16 (the GID in
 *      rj[23:16]), and let the guest retry;
 *   2. it is in a device window: emulate the access (mmio.c);
 *   3. anything else: the guest touched memory it does not have.  It gets
 *      an address error, as a machine without that memory would give it:
 *      ADEM for a load or store, with BADV = the address the instruction
 *      computed; ADEF for a fetch, with BADV = the PC.
 * A fetch fault at the very PC an injected exception just jumped to means
 * the guest's exception entry itself is unreachable: the VM is stopped.
 */
#include "parts.h"

#define SAME_FAULT_LIMIT 4

enum exit_action handle_stage2_fault(struct vcpu *v, unsigned ecode)
{
	struct vm *vm = v->vm;
	uint64_t gpa = v->exit.badv & PALEN_MASK;
	bool fetch = ecode == EC_PIF;

	v->stats.s2_fault++;
	if (vm_gpa_in_ram(vm, gpa, 1)) {
		/* The same GPA faulting again and again although it is mapped
		 * means the TLB did not take our flush: a bug, not the guest's. */
		if (gpa >> 12 == v->last_fault_gpa >> 12) {
			if (++v->same_fault_count > SAME_FAULT_LIMIT)
				hv_panic("vm '%s': stage-2 fault loop at GPA 0x%lx (ecode %u)", vm->name, gpa, ecode);
		} else {
			v->last_fault_gpa = gpa;
			v->same_fault_count = 0;
		}
		if (!(stage2_pte(&vm->s2, gpa) & PTE_V)) {
			uint64_t page = gpa & ~0xffful;
			uint64_t hpa = vm->ram.hpa + (page - vm->ram.gpa);
			if (!stage2_map(&vm->s2, page, hpa, PTE_RAM))
				hv_panic("vm '%s': no page-table page left for GPA 0x%lx", vm->name, gpa);
			v->stats.s2_pagein++;
		}
		stage2_flush_gpa(vm->gid, gpa);
		return EXIT_RESUME;
	}

	const struct mmio_device *dev = vm_find_device(vm, gpa);
	if (dev && !fetch)
		return mmio_emulate(v, dev, gpa);

	v->stats.s2_bad++;
	if (fetch) {
		if (v->injections_in_row && v->pc == v->last_inject_pc) {
			static char why[96];
			snprintf(why, sizeof(why), "its exception entry 0x%lx is outside its memory (GPA 0x%lx)", v->pc, gpa);
			vm_stop(vm, -1, why);
			return EXIT_RESCHED;
		}
		inject_exception(v, EC_ADE, ESUB_ADEF, true, v->pc);
	} else {
		struct mem_insn m = decode_mem_insn((uint32_t)v->exit.badi, v->gpr);
		inject_exception(v, EC_ADE, ESUB_ADEM, true, m.has_va ? m.va : gpa);
	}
	return EXIT_RESUME;
}
