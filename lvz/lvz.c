/*
 * lvz.c - entering and leaving guest mode (lvz-facts.md 5-6, docs/lvz.md).
 *
 * Entry: a general ertn at host PLV0 with GSTAT.PVM = 1 (or a refill ertn
 * with TLBRPRMD.PGM = 1) sets GSTAT.VM and switches the CPU to the guest
 * world: from then on CSR instructions, translation, exceptions and
 * interrupts use the guest bank, and PC continues at the host's ERA.
 *
 * Exit: anything the host must handle (its interrupts, GSPR, HVC,
 * second-stage faults) clears GSTAT.VM, sets GSTAT.PVM, switches back to
 * the host world and is then taken as an ordinary host exception, so the
 * host's ERA/ESTAT/BADV/BADI describe it.  The guest bank is untouched.
 */
#include "lvz/lvz.h"

#include "cpu/cpu.h"
#include "cpu/ecode.h"
#include "mmu/translate.h"
#include "sim/debug.h"
#include "sim/trace.h"

const char *const lvz_exit_names[EXIT_KINDS] = {
	[EXIT_INT] = "int", [EXIT_GSPR] = "gspr", [EXIT_HVC] = "hvc",
	[EXIT_TLBR] = "tlbr", [EXIT_PF] = "pf", [EXIT_FPD] = "fpd",
};

uint8_t lvz_current_gid(const struct cpu *c)
{
	return (c->csr[WORLD_HOST][CSR_GSTAT] >> GSTAT_GID_SH) & 0xff;
}

void lvz_enter_guest(struct cpu *c, uint64_t pc, bool refill)
{
	c->csr[WORLD_HOST][CSR_GSTAT] |= GSTAT_VM;
	c->pc = pc;
	cpu_set_world(c, WORLD_GUEST);
	c->lvz.entries++;
	if (c->trace)
		trace_vm_enter(c->trace, c, refill ? "tlbr-ertn" : "ertn");
	if (c->dbg && c->dbg->nevent)
		debug_on_enter(c);
	cpu_update_irq(c);
}

void lvz_exit_to_host(struct cpu *c, enum lvz_exit_kind kind)
{
	(void)kind;
	uint64_t *gstat = &c->csr[WORLD_HOST][CSR_GSTAT];
	*gstat = (*gstat & ~GSTAT_VM) | GSTAT_PVM;
	cpu_set_world(c, WORLD_HOST);
}

void lvz_note_exit(struct cpu *c, enum lvz_exit_kind kind)
{
	const uint64_t *h = c->csr[WORLD_HOST];
	struct lvz_stats *s = &c->lvz;
	bool refill = kind == EXIT_TLBR;
	struct lvz_exit_record *r = &s->log[s->log_next];

	s->exits[kind]++;
	r->icount = c->icount;
	r->pc = refill ? h[CSR_TLBRERA] & ~3ull : h[CSR_ERA];
	r->estat = h[CSR_ESTAT];
	r->badv = refill ? h[CSR_TLBRBADV] : h[CSR_BADV];
	/* BADI is written for every synchronous exception with an instruction
	 * (V1 7.4.9), load/store refills included: not for interrupts or
	 * fetch faults (c->cur is NULL then). */
	const struct ecode_info *ei = ecode_info((unsigned)(r->estat >> ESTAT_ECODE_SH) & 0x3f,
						 (unsigned)(r->estat >> ESTAT_ESUB_SH) & 0x1ff);
	r->has_badi = kind != EXIT_INT && c->cur && (refill || (ei && ei->badi));
	r->has_badv = refill || (kind != EXIT_INT && ei && ei->badv);
	r->badi = r->has_badi ? h[CSR_BADI] : 0;
	r->kind = (uint8_t)kind;
	r->gid = lvz_current_gid(c);
	s->log_next = (s->log_next + 1) % LVZ_EXIT_LOG;
	s->log_count++;
	if (c->trace)
		trace_vm_exit(c->trace, c, r);
	if (c->dbg && c->dbg->nevent)
		debug_on_exit(c, r);
}

void lvz_exit_exception(struct cpu *c, enum lvz_exit_kind kind, unsigned ecode)
{
	lvz_exit_to_host(c, kind);
	cpu_exception(c, ecode, 0, 0);
	lvz_note_exit(c, kind);
}

void lvz_gspr(struct cpu *c)
{
	lvz_exit_exception(c, EXIT_GSPR, ECODE_GSPR);
}

void lvz_stage2_fault(struct cpu *c, unsigned ecode, uint64_t gpa)
{
	lvz_exit_to_host(c, EXIT_PF);
	c->csr[WORLD_HOST][CSR_TLBEHI] = gpa & 0x0000ffffffffe000ull;
	cpu_exception(c, ecode, 0, gpa);
	lvz_note_exit(c, EXIT_PF);
}

void lvz_stage2_refill(struct cpu *c, uint64_t gpa)
{
	lvz_exit_to_host(c, EXIT_TLBR);
	cpu_tlb_refill(c, gpa);
	/* PGM: this refill interrupted the guest; the handler's ertn resumes it. */
	c->csr[WORLD_HOST][CSR_TLBRPRMD] |= TLBRPRMD_PGM;
	lvz_note_exit(c, EXIT_TLBR);
}

bool lvz_gpa_to_hpa(struct cpu *c, uint64_t gpa, unsigned acc, uint64_t *hpa)
{
	struct xlate x;
	if (!mmu_stage2(c, gpa, (enum mem_access)acc, &x)) {
		mmu_raise(c, &x, (enum mem_access)acc);
		return false;
	}
	*hpa = x.pa;
	return true;
}

/* Guest ESTAT.IS[9:2] = GINTC.VIP | (GINTC.PIP & the host's HWI lines). */
uint64_t lvz_guest_estat(const struct cpu *c, uint64_t stored)
{
	const uint64_t *h = c->csr[WORLD_HOST];
	uint64_t gintc = h[CSR_GINTC];
	uint64_t vip = gintc & 0xff, pip = (gintc >> 8) & 0xff;
	uint64_t lines = (h[CSR_ESTAT] >> 2) & 0xff;
	return (stored & ~(0xffull << 2)) | ((vip | (pip & lines)) << 2);
}
