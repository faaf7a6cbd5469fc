/*
 * exec_priv.c - privileged and system instructions (Vol.1 4.2): CSR and
 * IOCSR access, cpucfg, rdtime, syscall/break, cacop, ertn, idle, dbcl.
 * TLB maintenance and page walking live in exec_tlb.c; LVZ instructions
 * in lvz/exec_lvz.c.
 *
 * In guest mode (LVZ) some of these are "sensitive": they exit to the host
 * with GSPR instead of executing (lvz/route.c decides; docs/lvz.md).
 */
#include "cpu/exec.h"
#include "lvz/lvz.h"
#include "lvz/route.h"
#include "sim/machine.h"
#include "sim/trace.h"

HANDLER(invalid)
{
	(void)d;
	cpu_exception(cpu, ECODE_INE, 0, 0);
}

/* ---- CSR access (4.2.1) ---- */

/* Resolve which bank a csr* instruction touches; false if it trapped. */
static bool csr_target(struct cpu *cpu, unsigned num, unsigned *bank)
{
	if (!require_plv0(cpu))
		return false;
	if (cpu->world == WORLD_GUEST && !lvz_guest_csr_native(cpu, num)) {
		lvz_gspr(cpu);
		return false;
	}
	*bank = cpu->world;
	return true;
}

static void csr_trace(struct cpu *cpu, unsigned bank, unsigned num, uint64_t old)
{
	if (cpu->trace)
		trace_csr(cpu->trace, cpu, bank, num, old, csr_stored(cpu, bank, num));
}

HANDLER(csrrd)
{
	unsigned bank, num = (unsigned)IMM;
	if (!csr_target(cpu, num, &bank))
		return;
	RD = csr_read(cpu, bank, num);
	NEXT();
}

HANDLER(csrwr)
{
	unsigned bank, num = (unsigned)IMM;
	if (!csr_target(cpu, num, &bank))
		return;
	uint64_t old = csr_read(cpu, bank, num), raw = csr_stored(cpu, bank, num);
	NEXT();     /* before the write: a CRMD/ERA change must not be undone */
	csr_write(cpu, bank, num, RD);
	RD = old;
	csr_trace(cpu, bank, num, raw);
}

HANDLER(csrxchg)
{
	unsigned bank, num = (unsigned)IMM;
	if (!csr_target(cpu, num, &bank))
		return;
	uint64_t old = csr_read(cpu, bank, num), raw = csr_stored(cpu, bank, num), mask = RJ;
	NEXT();
	csr_write(cpu, bank, num, (old & ~mask) | (RD & mask));
	RD = old;
	csr_trace(cpu, bank, num, raw);
}

/* ---- IOCSR (4.2.2): a separate address space; unmapped addresses read 0
 * and ignore writes, as QEMU's address_space_* calls do. ---- */
static bool iocsr_allowed(struct cpu *cpu)
{
	if (!require_plv0(cpu))
		return false;
	if (cpu->world == WORLD_GUEST) {
		lvz_gspr(cpu);
		return false;
	}
	return true;
}

static void iocsr_rd(struct cpu *cpu, const struct dinsn *d, unsigned size)
{
	if (!iocsr_allowed(cpu))
		return;
	uint64_t v = 0;
	bus_read(&cpu->m->iocsr, RJ, size, &v);
	RD = v;
	NEXT();
}

static void iocsr_wr(struct cpu *cpu, const struct dinsn *d, unsigned size)
{
	if (!iocsr_allowed(cpu))
		return;
	uint64_t v = RD;
	if (size < 8)
		v &= (1ull << (8 * size)) - 1;
	NEXT();
	bus_write(&cpu->m->iocsr, RJ, size, v);
}

HANDLER(iocsrrd_b) { iocsr_rd(cpu, d, 1); }
HANDLER(iocsrrd_h) { iocsr_rd(cpu, d, 2); }
HANDLER(iocsrrd_w) { iocsr_rd(cpu, d, 4); }
HANDLER(iocsrrd_d) { iocsr_rd(cpu, d, 8); }
HANDLER(iocsrwr_b) { iocsr_wr(cpu, d, 1); }
HANDLER(iocsrwr_h) { iocsr_wr(cpu, d, 2); }
HANDLER(iocsrwr_w) { iocsr_wr(cpu, d, 4); }
HANDLER(iocsrwr_d) { iocsr_wr(cpu, d, 8); }

/* ---- cpucfg (2.2.10.5), any PLV.  Words beyond 20 read 0 (QEMU). ---- */
HANDLER(cpucfg)
{
	if (cpu->world == WORLD_GUEST) {
		lvz_gspr(cpu);      /* guest CPUCFG is software (lvz-facts.md 1) */
		return;
	}
	uint64_t i = RJ;
	RD = i <= 20 ? cpu->cpucfg[i] : 0;
	NEXT();
}

/* ---- rdtime (2.2.10.4): stable counter + CNTC; rj <- counter ID (TID).
 * MISC.DRDTLn forbids it at PLVn (IPE).  In guest mode the guest sees
 * counter + host CNTC + GCNTC + its own CNTC (docs/lvz.md). ---- */
static uint64_t rdtime_value(struct cpu *cpu)
{
	uint64_t t = timer_counter(cpu) + cpu->csr[WORLD_HOST][CSR_CNTC];
	if (cpu->world == WORLD_GUEST)
		t += cpu->csr[WORLD_HOST][CSR_GCNTC] + cpu->csr[WORLD_GUEST][CSR_CNTC];
	return t;
}

static bool rdtime_allowed(struct cpu *cpu)
{
	unsigned plv = cpu_plv(cpu);
	if (plv && ((CSR(cpu, CSR_MISC) >> (MISC_DRDTL_SH + plv)) & 1)) {
		cpu_exception(cpu, ECODE_IPE, 0, 0);
		return false;
	}
	return true;
}

HANDLER(rdtime_d)
{
	if (!rdtime_allowed(cpu))
		return;
	uint64_t t = rdtime_value(cpu), id = CSR(cpu, CSR_TID);
	RD = t;
	RJ = id;
	NEXT();
}
HANDLER(rdtimel_w)
{
	if (!rdtime_allowed(cpu))
		return;
	uint64_t t = rdtime_value(cpu), id = CSR(cpu, CSR_TID);
	RD = sext32(t);
	RJ = id;
	NEXT();
}
HANDLER(rdtimeh_w)
{
	if (!rdtime_allowed(cpu))
		return;
	uint64_t t = rdtime_value(cpu), id = CSR(cpu, CSR_TID);
	RD = sext32(t >> 32);
	RJ = id;
	NEXT();
}

/* ---- traps ---- */
HANDLER(syscall) { (void)d; cpu_exception(cpu, ECODE_SYS, 0, 0); }
HANDLER(break) { (void)d; cpu_exception(cpu, ECODE_BRK, 0, 0); }

/* asrtle.d/asrtgt.d (2.2.10.3): BCE unless rj <= rk / rj > rk, "compared
 * as signed numbers" (QEMU 7.2 compares them unsigned). */
HANDLER(asrtle_d)
{
	if ((int64_t)RJ <= (int64_t)RK)
		NEXT();
	else
		cpu_exception(cpu, ECODE_BCE, 0, 0);
}
HANDLER(asrtgt_d)
{
	if ((int64_t)RJ > (int64_t)RK)
		NEXT();
	else
		cpu_exception(cpu, ECODE_BCE, 0, 0);
}

/* ---- cacop (4.2.3): caches are not modelled, but the hit-type operations
 * (op[4:3] = 2) translate their address like a load and may fault. ---- */
HANDLER(cacop)
{
	if (!require_plv0(cpu))
		return;
	if (cpu->world == WORLD_GUEST && lvz_guest_cacop_traps(cpu, d->rd)) {
		lvz_gspr(cpu);
		return;
	}
	if (((d->rd >> 3) & 3) == 2) {
		uint64_t v;
		if (!mem_load(cpu, RJ + (uint64_t)IMM, 1, &v))
			return;
	}
	NEXT();
}

/* ---- ertn, idle, dbcl (4.2.6) ---- */
HANDLER(ertn)
{
	(void)d;
	if (!require_plv0(cpu))
		return;
	cpu_ertn(cpu);
}

HANDLER(idle)
{
	(void)d;
	if (!require_plv0(cpu))
		return;
	if (cpu->world == WORLD_GUEST) {
		lvz_gspr(cpu);
		return;
	}
	/* PC moves past idle first, so the interrupt returns after it (as
	 * QEMU does; Linux's __arch_cpu_idle copes with both). */
	NEXT();
	cpu->idle = true;
	cpu_kick(cpu, STOP_EVENT);
}

/*
 * dbcl: enter debug mode.  The debug entry point is implementation
 * defined; like QEMU 7.2 we set DBG.DST, save the PC in DERA and jump to
 * EENTRY + 0x480 (ertn with DBG.DST returns to DERA).
 */
HANDLER(dbcl)
{
	(void)d;
	if (!require_plv0(cpu))
		return;
	if (cpu->world == WORLD_GUEST) {
		lvz_gspr(cpu);
		return;
	}
	uint64_t *h = cpu->csr[WORLD_HOST];
	h[CSR_DBG] |= 1;                    /* DST */
	h[CSR_DBG] = (h[CSR_DBG] & ~(0x3full << 16)) | ((uint64_t)ECODE_BRK << 16);
	h[CSR_DERA] = cpu->pc;
	cpu->pc = h[CSR_EENTRY] + 0x480;
}
