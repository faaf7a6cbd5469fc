/*
 * cpu.c - reset, context switching and the run loop.
 *
 * The path of one instruction: fetch() finds the decoded slot for PC in the
 * current soft-TLB page (mmu/fetch.h), the slot's handler executes it
 * (cpu/exec_*.c) and advances PC.  The fast loop runs until icount reaches
 * stop_at, which is the next timer deadline, the run limit, or 0 after
 * cpu_kick() (anything that may change interrupt state).  The outer loop
 * then fires timers, takes interrupts, handles `idle`, and restarts.
 */
#include "cpu/cpu.h"

#include <string.h>

#include "mmu/fetch.h"
#include "mmu/softtlb_ops.h"
#include "sim/debug.h"
#include "sim/machine.h"
#include "sim/trace.h"

void cpu_init(struct cpu *c, struct machine *m)
{
	memset(c, 0, sizeof(*c));
	c->m = m;
	/* CPUCFG of QEMU 7.2's la464 (linux-boot-platform.md 3.3), with LSX/
	 * LASX absent as in QEMU 7.2, plus LVZ (bit 10, version 1). */
	c->cpucfg[0] = 0x0014c010;      /* PRID: Loongson, LA464 */
	c->cpucfg[1] = 0x03f2f2fe;      /* LA64, paging, IOCSR, PALEN/VALEN 48, UAL, RI, EP, RPLV, HP, CRC */
	c->cpucfg[2] = 0x0040c00f | (1u << 10) | (1u << 11);   /* FP, LLFTP, LAM; LVZ v1 */
	c->cpucfg[4] = 100000000;       /* 100 MHz constant timer */
	c->cpucfg[5] = 0x00010001;      /* multiplier 1, divider 1 */
	c->cpucfg[16] = 0x00002c3d;
	c->cpucfg[17] = 0x06080003;
	c->cpucfg[18] = 0x06080003;
	c->cpucfg[19] = 0x0608000f;
	c->cpucfg[20] = 0x060e000f;
}

void cpu_reset(struct cpu *c, uint64_t entry)
{
	memset(c->gpr, 0, sizeof(c->gpr));
	memset(c->fpr, 0, sizeof(c->fpr));
	memset(c->fcc, 0, sizeof(c->fcc));
	memset(c->timer, 0, sizeof(c->timer));
	c->fcsr = 0;
	c->icount = 0;
	c->time_skip = 0;
	c->idle = false;
	c->world = WORLD_HOST;
	csr_reset(c);
	tlb_reset(&c->tlb);
	c->stlb = NULL;
	stlb_init(c);
	c->pc = entry;
	cpu_update_context(c);
}

void cpu_update_context(struct cpu *c)
{
	uint64_t crmd = c->csr[c->world][CSR_CRMD];
	unsigned da = (crmd & CRMD_DA) && !(crmd & CRMD_PG);
	unsigned ctx = (c->world << 3) | (da << 2) | (unsigned)(crmd & CRMD_PLV);
	c->csr_cur = c->csr[c->world];
	c->stlb = stlb_select(c, ctx);
	c->fetch_tag = STLB_INVALID;
}

void cpu_set_world(struct cpu *c, unsigned world)
{
	c->world = world;
	cpu_update_context(c);
}

/* Execute one instruction at PC (or take the fetch exception). */
static inline void exec_one(struct cpu *c)
{
	c->cur = NULL;
	struct dinsn *d = fetch(c);
	if (d) {
		c->cur = d;
		d->fn(c, d);
		c->gpr[0] = 0;
	}
	c->icount++;
}

/* The fast loop: no tracing, no breakpoints, nothing but instructions. */
static void run_fast(struct cpu *c)
{
	while (c->icount < c->stop_at)
		exec_one(c);
}

/* The same loop with a trace line per instruction. */
static void run_traced(struct cpu *c)
{
	while (c->icount < c->stop_at) {
		uint64_t pc = c->pc;
		trace_insn_begin(c->trace, c);
		exec_one(c);
		trace_insn(c->trace, c, pc);
	}
}

/* The loop with a debugger attached: PC breakpoints, Ctrl-C, and the
 * trace if it is on. */
static void run_debug(struct cpu *c)
{
	struct debug *d = c->dbg;
	while (c->icount < c->stop_at) {
		if (d->interrupted || (d->npc && debug_check_pc(c))) {
			cpu_kick(c, STOP_DEBUG);
			break;
		}
		uint64_t pc = c->pc;
		if (c->trace)
			trace_insn_begin(c->trace, c);
		exec_one(c);
		if (c->trace)
			trace_insn(c->trace, c, pc);
	}
}

/* Fire timers and take an interrupt if one is due.  Returns false if the
 * machine must stop (idle with nothing that can ever wake it). */
static bool service_events(struct cpu *c, uint64_t end)
{
	timer_update(c);
	cpu_check_interrupts(c);
	if (!c->idle)
		return true;
	if (cpu_wakeup_pending(c)) {
		c->idle = false;
		return true;
	}
	/* Idle: jump time forward to the next timer expiry that can wake the
	 * core.  A periodic timer whose line ECFG masks fires forever without
	 * waking it: skipping to its expiries would never end (a host hang),
	 * so only timers with an enabled line count. */
	uint64_t next = timer_next_wakeup(c);
	if (next == UINT64_MAX) {
		machine_stop(c->m, EXIT_HALTED,
			     "guest halted: idle with no interrupt source that can wake it");
		return false;
	}
	uint64_t now = timer_counter(c);
	(void)end;
	if (next > now)
		c->time_skip += next - now;
	timer_update(c);
	if (cpu_wakeup_pending(c))
		c->idle = false;
	cpu_check_interrupts(c);
	return true;
}

unsigned cpu_run(struct cpu *c, uint64_t limit)
{
	uint64_t end = limit == UINT64_MAX || c->icount + limit < c->icount ? UINT64_MAX
									     : c->icount + limit;
	for (;;) {
		if (c->m->stop)
			return STOP_MACHINE;
		/* A run of N instructions ends at the boundary, before the
		 * events due there are serviced: the next run services them
		 * first.  So a machine stopped after N instructions (the
		 * debugger, --save-at, --max-insns) is in the state the N-th
		 * instruction left, and resuming it does exactly what an
		 * uninterrupted run does at that point. */
		if (c->icount >= end)
			return STOP_NONE;
		if (!service_events(c, end))
			return STOP_MACHINE;
		if (c->stop_reason & STOP_DEBUG)
			return STOP_DEBUG;
		if (c->idle)
			continue;
		uint64_t stop = end;
		uint64_t next = timer_next_event(c);
		if (next != UINT64_MAX) {
			uint64_t at = next - c->time_skip;
			if (at <= c->icount)
				at = c->icount + 1;
			if (at < stop)
				stop = at;
		}
		c->stop_reason = 0;
		c->stop_at = stop;
		if (c->dbg)
			run_debug(c);
		else if (c->trace)
			run_traced(c);
		else
			run_fast(c);
		if (c->stop_reason & STOP_DEBUG)
			return STOP_DEBUG;
	}
}

void cpu_step(struct cpu *c)
{
	cpu_run(c, 1);
}
