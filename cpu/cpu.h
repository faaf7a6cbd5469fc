/*
 * cpu.h - architectural state of one LoongArch64 core (LA464-like) and the
 * simulator's per-core caches.
 *
 * Worlds (LVZ): world 0 is the host ("root"), world 1 is guest mode
 * (GSTAT.VM = 1).  Everything that differs between worlds is indexed by
 * world: the CSR bank, the timer, the soft-TLB sets.  See docs/lvz.md.
 */
#ifndef LVZSIM_CPU_H
#define LVZSIM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/csr.h"
#include "decode/decode.h"
#include "mmu/softtlb.h"
#include "mmu/tlb.h"
#include "lvz/lvz.h"

struct machine;

enum { WORLD_HOST = 0, WORLD_GUEST = 1, NWORLDS = 2 };

/* Constant timer of one CSR bank (Vol.1 7.6).  Time is the instruction
 * count: one instruction = one tick of the 100 MHz stable counter. */
struct ctimer {
	uint64_t deadline;  /* counter value at which TVAL reaches 0 */
	bool armed;         /* TCFG.En and not yet expired (one-shot) */
};

/* Why the fast loop stopped (cpu->stop_reason); the outer loop acts on it. */
enum {
	STOP_NONE = 0,
	STOP_EVENT = 1,     /* interrupt state or timer may have changed */
	STOP_MACHINE = 2,   /* machine wants to exit (power-off, error) */
	STOP_DEBUG = 4,     /* breakpoint/watchpoint/step requested */
};

/* The last exception taken, for the debugger's `explain`. */
struct exc_record {
	uint64_t icount, pc, badv, handler;
	uint32_t badi;
	uint8_t world, plv, ecode, esub, irq;  /* irq: the line an INT took */
	uint16_t lines;         /* INT: ESTAT.IS & ECFG.LIE when it was taken */
	bool valid, has_badi;
};

struct cpu {
	/* --- hot state first --- */
	uint64_t gpr[32];
	uint64_t pc;
	uint64_t icount;        /* instructions dispatched since reset */
	uint64_t stop_at;       /* fast loop runs while icount < stop_at */
	const struct dinsn *cur;/* instruction being executed (BADI, trace) */
	struct stlb_set *stlb;  /* soft-TLB set of the current context */
	/* fetch fast path: the decoded page the PC is in */
	uint64_t fetch_tag;     /* virtual page of fetch_base, or ~0 */
	struct dinsn *fetch_base;
	unsigned world;         /* WORLD_HOST or WORLD_GUEST */
	uint64_t *csr_cur;      /* csr[world] */

	/* --- FPU (Vol.1 3.1) --- */
	uint64_t fpr[32];
	uint8_t fcc[8];
	uint32_t fcsr;          /* FCSR0; FCSR1-3 are views of it */

	/* --- CSRs: [world][number] --- */
	uint64_t csr[NWORLDS][CSR_SPACE];
	struct ctimer timer[NWORLDS];
	uint64_t cpucfg[32];    /* what `cpucfg` returns on this core */

	/* --- MMU --- */
	struct tlb tlb;
	struct stlb stlbs;      /* soft TLB sets, one per context */

	/* --- time: stable counter = icount + time_skip (idle skips ahead) --- */
	uint64_t time_skip;

	/* --- run control --- */
	unsigned stop_reason;
	bool idle;              /* executed `idle`, waiting for an interrupt */
	uint64_t max_icount;    /* --max-insns (0 = unlimited) */
	struct machine *m;
	struct trace *trace;    /* NULL when tracing is off */
	struct debug *dbg;      /* NULL unless a debugger or gdb is attached */
	struct lvz_stats lvz;
	struct exc_record last_exc;
};

/* --- CSR shortcuts for the current world --- */
#define CSR(c, n) ((c)->csr_cur[(n)])
static inline unsigned cpu_plv(const struct cpu *c) { return CSR(c, CSR_CRMD) & CRMD_PLV; }

void cpu_init(struct cpu *c, struct machine *m);
void cpu_reset(struct cpu *c, uint64_t entry);

/* Ask the run loop to leave the fast path at the next instruction boundary. */
static inline void cpu_kick(struct cpu *c, unsigned reason)
{
	c->stop_reason |= reason;
	c->stop_at = 0;
}

/* Run until the machine stops or `limit` more instructions have executed.
 * Returns the reason it stopped (STOP_*). */
unsigned cpu_run(struct cpu *c, uint64_t limit);
/* Execute exactly one instruction (or take one pending interrupt). */
void cpu_step(struct cpu *c);

/* --- exceptions (cpu/exception.c) --- */
/* Raise a synchronous exception at the current instruction (c->pc). */
void cpu_exception(struct cpu *c, unsigned ecode, unsigned esubcode, uint64_t badv);
/* Raise a TLB refill for virtual address va (c->pc is the faulting insn). */
void cpu_tlb_refill(struct cpu *c, uint64_t va);
/* Take the highest-priority pending, enabled interrupt if any. */
bool cpu_check_interrupts(struct cpu *c);
/* Is some interrupt line pending and enabled in ECFG (wakes `idle`)? */
bool cpu_wakeup_pending(const struct cpu *c);
/* The ertn instruction (general, TLB refill or debug return; LVZ entry). */
void cpu_ertn(struct cpu *c);
/* Re-evaluate pending interrupts after ESTAT/ECFG/CRMD/devices changed. */
void cpu_update_irq(struct cpu *c);
/* External interrupt line (HWI0-7 = IS bits 2-9, IPI = 12) of the host. */
void cpu_set_irq(struct cpu *c, unsigned irq, bool level);
/* Switch world (LVZ entry/exit).  Updates csr_cur and soft-TLB context. */
void cpu_set_world(struct cpu *c, unsigned world);
/* Recompute the soft-TLB context after CRMD or world changed. */
void cpu_update_context(struct cpu *c);

/* --- timer (cpu/timer.c) --- */
uint64_t timer_counter(const struct cpu *c);        /* stable counter */
void timer_write_tcfg(struct cpu *c, unsigned bank, uint64_t v);
uint64_t timer_read_tval(const struct cpu *c, unsigned bank);
void timer_write_tval(struct cpu *c, unsigned bank, uint64_t v);
void timer_update(struct cpu *c);                   /* fire expired timers */
uint64_t timer_next_event(const struct cpu *c);     /* icount of next expiry */
uint64_t timer_next_wakeup(const struct cpu *c);    /* next expiry that ends an idle */

/* --- FPU state helpers (cpu/fpu.c) --- */
bool fpu_enabled_or_raise(struct cpu *c);

#endif
