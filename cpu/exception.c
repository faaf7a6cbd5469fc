/*
 * exception.c - taking exceptions and interrupts in the current world
 * (Vol.1 6.2: general exceptions, TLB refill, interrupts), and ertn.
 *
 * Exceptions that LVZ routes to the host while a guest runs (GSPR, HVC,
 * second-stage faults, host interrupts) go through lvz/ first, which
 * switches the world to the host; they then land here like any host
 * exception.
 */
#include "cpu/cpu.h"
#include "cpu/ecode.h"
#include "lvz/lvz.h"
#include "sim/debug.h"
#include "sim/trace.h"

static uint64_t vector_size(const struct cpu *c)
{
	unsigned vs = (CSR(c, CSR_ECFG) >> ECFG_VS_SH) & 7;
	return vs ? (4ull << vs) : 0;   /* 2^VS instructions per vector */
}

/* Save PLV/IE/WE into a PRMD-format register and enter PLV0, IE=0, WE=0. */
static void enter_plv0(struct cpu *c, unsigned prmd_csr, uint64_t pwe_bit)
{
	uint64_t crmd = CSR(c, CSR_CRMD);
	uint64_t p = CSR(c, prmd_csr) & ~(PRMD_PPLV | PRMD_PIE | pwe_bit);
	p |= crmd & (CRMD_PLV | CRMD_IE);
	if (crmd & CRMD_WE)
		p |= pwe_bit;
	CSR(c, prmd_csr) = p;
	CSR(c, CSR_CRMD) = crmd & ~(CRMD_PLV | CRMD_IE | CRMD_WE);
}

static void record(struct cpu *c, unsigned ecode, unsigned esub, uint64_t badv)
{
	struct exc_record *r = &c->last_exc;
	r->icount = c->icount;
	r->pc = c->pc;
	r->badv = badv;
	r->world = (uint8_t)c->world;
	r->plv = (uint8_t)cpu_plv(c);
	r->ecode = (uint8_t)ecode;
	r->esub = (uint8_t)esub;
	r->has_badi = c->cur != NULL;
	r->badi = c->cur ? c->cur->raw : 0;
	r->valid = true;
}

void cpu_exception(struct cpu *c, unsigned ecode, unsigned esubcode, uint64_t badv)
{
	record(c, ecode, esubcode, badv);
	if (c->trace)
		trace_exception(c->trace, c, ecode, esubcode, badv);
	if (c->dbg && c->dbg->nevent)
		debug_on_exception(c, ecode, esubcode);
	uint64_t *b = c->csr_cur;
	b[CSR_ESTAT] = (b[CSR_ESTAT] & ESTAT_IS) |
		       ((uint64_t)ecode << ESTAT_ECODE_SH) | ((uint64_t)esubcode << ESTAT_ESUB_SH);
	/* BADV for address-related exceptions (7.4.8); BADI, the word of the
	 * instruction that raised it, except for interrupts and fetch-stage
	 * exceptions, which have no instruction (c->cur is NULL then). */
	const struct ecode_info *ei = ecode_info(ecode, esubcode);
	if (ei && ei->badv)
		b[CSR_BADV] = badv;
	if (ei && ei->badi && c->cur)
		b[CSR_BADI] = c->cur->raw;
	b[CSR_ERA] = c->pc;
	enter_plv0(c, CSR_PRMD, PRMD_PWE);
	c->pc = b[CSR_EENTRY] + (uint64_t)ecode * vector_size(c);
	c->last_exc.handler = c->pc;
	cpu_update_context(c);
}

void cpu_tlb_refill(struct cpu *c, uint64_t va)
{
	record(c, ECODE_TLBR, 0, va);
	if (c->trace)
		trace_exception(c->trace, c, ECODE_TLBR, 0, va);
	if (c->dbg && c->dbg->nevent)
		debug_on_exception(c, ECODE_TLBR, 0);
	uint64_t *b = c->csr_cur;
	/* TLBRPRMD keeps PPLV/PIE and PWE at bit 4 (7.5.14). */
	enter_plv0(c, CSR_TLBRPRMD, 1ull << 4);
	b[CSR_TLBRPRMD] &= ~TLBRPRMD_PGM;
	b[CSR_CRMD] = (b[CSR_CRMD] | CRMD_DA) & ~CRMD_PG;
	b[CSR_TLBRERA] = (c->pc & ~3ull) | TLBRERA_ISTLBR;
	b[CSR_TLBRBADV] = va;
	b[CSR_TLBREHI] = (b[CSR_TLBREHI] & 0x3f) | (va & 0x0000ffffffffe000ull);
	/* BADI records the instruction of every synchronous exception but
	 * INT, GCHC and MERR (7.4.9), the refill of a load or store included;
	 * a fetch refill has no instruction (c->cur is NULL then). */
	if (c->cur)
		b[CSR_BADI] = c->cur->raw;
	c->pc = b[CSR_TLBRENTRY];
	c->last_exc.handler = c->pc;
	cpu_update_context(c);
}

/* Pending and enabled interrupt lines of a bank (ESTAT.IS & ECFG.LIE). */
static unsigned pending_lines(const struct cpu *c, unsigned world)
{
	const uint64_t *b = c->csr[world];
	uint64_t is = world == WORLD_GUEST ? lvz_guest_estat(c, b[CSR_ESTAT]) : b[CSR_ESTAT];
	return (unsigned)(is & b[CSR_ECFG] & ESTAT_IS);
}

static void take_interrupt(struct cpu *c, unsigned lines)
{
	unsigned irq = 31 - (unsigned)__builtin_clz(lines);    /* highest wins (6.1.3) */
	c->cur = NULL;
	cpu_exception(c, ECODE_INT, 0, 0);
	c->pc = CSR(c, CSR_EENTRY) + (64ull + irq) * vector_size(c);
	c->last_exc.handler = c->pc;
	c->last_exc.irq = (uint8_t)irq;
	c->last_exc.lines = (uint16_t)lines;
}

bool cpu_check_interrupts(struct cpu *c)
{
	/* While a guest runs, the host's CRMD still decides whether host
	 * interrupts are taken; they preempt the guest (lvz-facts.md 5). */
	const uint64_t *h = c->csr[WORLD_HOST];
	unsigned host = pending_lines(c, WORLD_HOST);
	if (host && (h[CSR_CRMD] & CRMD_IE)) {
		bool exit = c->world == WORLD_GUEST;
		if (exit)
			lvz_exit_to_host(c, EXIT_INT);
		take_interrupt(c, host);
		if (exit)
			lvz_note_exit(c, EXIT_INT);
		return true;
	}
	if (c->world == WORLD_GUEST) {
		unsigned guest = pending_lines(c, WORLD_GUEST);
		if (guest && (CSR(c, CSR_CRMD) & CRMD_IE)) {
			take_interrupt(c, guest);
			return true;
		}
	}
	return false;
}

/* Can anything wake an `idle`?  (Lines already pending count, whatever IE.) */
bool cpu_wakeup_pending(const struct cpu *c)
{
	return pending_lines(c, WORLD_HOST) ||
	       (c->world == WORLD_GUEST && pending_lines(c, WORLD_GUEST));
}

void cpu_update_irq(struct cpu *c)
{
	cpu_kick(c, STOP_EVENT);
}

void cpu_set_irq(struct cpu *c, unsigned irq, bool level)
{
	uint64_t *is = &c->csr[WORLD_HOST][CSR_ESTAT];
	uint64_t bit = 1ull << irq;
	uint64_t old = *is;
	*is = level ? (old | bit) : (old & ~bit);
	if (*is != old)
		cpu_update_irq(c);
}

/*
 * ertn (Vol.1 4.2.6 / 6.2): return from the TLB refill handler if
 * TLBRERA.IsTLBR, else from a general exception.  From the host at PLV0 with
 * GSTAT.PVM = 1 a general ertn enters guest mode; a refill ertn enters it if
 * TLBRPRMD.PGM says the refill came from the guest (lvz-facts.md 6).
 */
void cpu_ertn(struct cpu *c)
{
	uint64_t *b = c->csr_cur;
	uint64_t crmd = b[CSR_CRMD], pc;
	bool to_guest = false, refill = false;

	if (c->world == WORLD_HOST && (b[CSR_DBG] & 1)) {
		/* Leaving debug mode (dbcl): DERA holds the return PC. */
		b[CSR_DBG] &= ~1ull;
		c->pc = b[CSR_DERA];
		cpu_update_context(c);
		return;
	}
	if (b[CSR_TLBRERA] & TLBRERA_ISTLBR) {
		uint64_t p = b[CSR_TLBRPRMD];
		crmd = (crmd & ~(CRMD_PLV | CRMD_IE | CRMD_WE | CRMD_DA)) | CRMD_PG |
		       (p & (PRMD_PPLV | PRMD_PIE)) | ((p >> 4) & 1 ? CRMD_WE : 0);
		b[CSR_TLBRERA] &= ~TLBRERA_ISTLBR;
		pc = b[CSR_TLBRERA] & ~3ull;
		to_guest = c->world == WORLD_HOST && (p & TLBRPRMD_PGM);
		refill = true;
	} else {
		uint64_t p = b[CSR_PRMD];
		crmd = (crmd & ~(CRMD_PLV | CRMD_IE | CRMD_WE)) |
		       (p & (PRMD_PPLV | PRMD_PIE)) | ((p & PRMD_PWE) ? CRMD_WE : 0);
		pc = b[CSR_ERA];
		to_guest = c->world == WORLD_HOST && (c->csr[WORLD_HOST][CSR_GSTAT] & GSTAT_PVM);
	}
	/* Every ertn, the refill return included, clears the LLbit unless KLO
	 * asked to keep it once (Vol.1 2.2.7 LL/SC: "The ERTN instruction is
	 * executed and the KLO bit in CSR.LLBCTL is not equal to 1"; QEMU 7.2
	 * clears it on every ertn too). */
	if (b[CSR_LLBCTL] & LLBCTL_KLO)
		b[CSR_LLBCTL] &= ~LLBCTL_KLO;
	else
		b[CSR_LLBCTL] &= ~LLBCTL_ROLLB;
	b[CSR_CRMD] = crmd;
	if (to_guest) {
		lvz_enter_guest(c, pc, refill);
		return;
	}
	c->pc = pc;
	cpu_update_context(c);
	cpu_update_irq(c);
}
