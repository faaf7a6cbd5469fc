/*
 * inject.c - reflecting an exception into the guest, the reaction to a
 * guest doing something its machine does not allow (an unknown sensitive
 * instruction or hypercall: INE; memory it does not have: ADE).
 *
 * The hypervisor does to the guest CSR bank what the hardware does to a
 * bank when it takes a general exception (Vol.1 6.2.1 and 7.4): PRMD keeps
 * CRMD's PLV, IE and WE; CRMD goes to PLV0 with IE = WE = 0; ESTAT gets
 * Ecode/EsubCode (the interrupt bits are kept); ERA = the faulting PC; BADV
 * for address errors; BADI = the instruction; the guest continues at
 * EENTRY + Ecode x the vector spacing of its ECFG.VS.  (Linux KVM's
 * kvm_queue_exception does the same, except that it ORs the code into
 * ESTAT unshifted; here it goes into bits 21:16 where it belongs.)
 */
#include "parts.h"

#define INJECTION_STORM 100000   /* injected faults with no other exit between */

void inject_exception(struct vcpu *v, unsigned ecode, unsigned esub, bool has_badv, uint64_t badv)
{
	uint64_t crmd = gcsr_read(CSR_CRMD);
	uint64_t prmd = gcsr_read(CSR_PRMD) & ~0xful;
	prmd |= (crmd & CRMD_PLV_MASK) | (crmd & CRMD_IE) | ((crmd & CRMD_WE) ? 8 : 0);
	gcsr_write(CSR_PRMD, prmd);
	gcsr_write(CSR_CRMD, crmd & ~(CRMD_PLV_MASK | CRMD_IE | CRMD_WE));
	uint64_t estat = gcsr_read(CSR_ESTAT) & ESTAT_IS_MASK;
	gcsr_write(CSR_ESTAT, estat | (uint64_t)ecode << 16 | (uint64_t)esub << 22);
	gcsr_write(CSR_ERA, v->pc);
	if (has_badv)
		gcsr_write(CSR_BADV, badv);
	gcsr_write(CSR_BADI, v->exit.badi);
	unsigned vs = (gcsr_read(CSR_ECFG) >> 16) & 7;
	uint64_t spacing = vs ? 4ul << vs : 0;
	v->pc = gcsr_read(CSR_EENTRY) + ecode * spacing;
	v->last_inject_pc = v->pc;
	v->stats.exc_injected++;
	if (++v->injections_in_row > INJECTION_STORM)
		vm_stop(v->vm, -1, "exception storm: every fault it handles faults again");
}
