/*
 * fpu.c - FPU enable check (EUEN.FPE, also for LVZ guests) and FCSR
 * bookkeeping shared by the FP handlers (cpu/exec_fp*.c).
 */
#include "cpu/fpu.h"

#include "cpu/csr.h"
#include "lvz/lvz.h"

/*
 * EUEN.FPE = 0 makes every FP instruction raise FPD (Vol.1 7.4.3).  In
 * guest mode the guest's own EUEN decides first (its FPD goes to the
 * guest); with the guest's FPU on but the host's EUEN.FPE = 0 the FPU
 * context still belongs to the host, so the instruction exits to the host
 * with FPD (docs/lvz.md "FPU"; Linux kvm_handle_fpu_disabled).
 */
bool fpu_enabled_or_raise(struct cpu *c)
{
	if (!(CSR(c, CSR_EUEN) & EUEN_FPE)) {
		cpu_exception(c, ECODE_FPD, 0, 0);
		return false;
	}
	if (c->world == WORLD_GUEST && !(c->csr[WORLD_HOST][CSR_EUEN] & EUEN_FPE)) {
		lvz_exit_exception(c, EXIT_FPD, ECODE_FPD);
		return false;
	}
	return true;
}

uint32_t fcsr_view_mask(unsigned n)
{
	static const uint32_t mask[4] = {
		FCSR0_MASK, FCSR_ENABLES, FCSR_FLAGS | FCSR_CAUSE, FCSR_RM,
	};
	return mask[n & 3];
}

bool fpu_commit_flags(struct cpu *c, unsigned flags)
{
	c->fcsr = (c->fcsr & ~FCSR_CAUSE) | (flags << FCSR_CAUSE_SH);
	if (flags & c->fcsr & FCSR_ENABLES) {
		cpu_exception(c, ECODE_FPE, 0, 0);
		return false;
	}
	c->fcsr |= flags << FCSR_FLAGS_SH;
	return true;
}
