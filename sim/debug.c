/*
 * debug.c - breakpoints and event stops (see debug.h).
 */
#include "sim/debug.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cpu/cpu.h"
#include "sim/machine.h"
#include "sim/trace.h"

void debug_init(struct debug *d)
{
	memset(d, 0, sizeof(*d));
	d->next_id = 1;
	d->hit = -1;
	d->resume_icount = UINT64_MAX;
}

static void recount(struct debug *d)
{
	d->npc = d->nevent = d->nwatch = 0;
	for (int i = 0; i < d->nbp; i++) {
		if (d->bp[i].kind == BP_PC)
			d->npc++;
		else if (d->bp[i].kind == BP_WATCH)
			d->nwatch++;
		else
			d->nevent++;
	}
}

int debug_add(struct debug *d, const struct breakpoint *bp)
{
	if (d->nbp == DEBUG_MAX_BP)
		return -1;
	d->bp[d->nbp] = *bp;
	d->bp[d->nbp].id = d->next_id++;
	d->bp[d->nbp].hits = 0;
	d->nbp++;
	recount(d);
	return d->bp[d->nbp - 1].id;
}

/* Removal keeps the order of the rest (`info break` lists by id). */
static void remove_at(struct debug *d, int i)
{
	memmove(&d->bp[i], &d->bp[i + 1], (size_t)(d->nbp - i - 1) * sizeof(d->bp[0]));
	d->nbp--;
	if (d->hit == i)
		d->hit = -1;
	else if (d->hit > i)
		d->hit--;
}

bool debug_delete(struct debug *d, int id)
{
	for (int i = 0; i < d->nbp; i++) {
		if (d->bp[i].id == id) {
			remove_at(d, i);
			recount(d);
			return true;
		}
	}
	return false;
}

void debug_clear(struct debug *d, enum bp_owner owner)
{
	for (int i = d->nbp - 1; i >= 0; i--)
		if (d->bp[i].owner == owner)
			remove_at(d, i);
	recount(d);
}

const struct breakpoint *debug_hit(const struct debug *d)
{
	return d->hit >= 0 && d->hit < d->nbp ? &d->bp[d->hit] : NULL;
}

/* Record a hit and ask the run loop to stop after this instruction. */
static void hit(struct cpu *c, int i, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void hit(struct cpu *c, int i, const char *fmt, ...)
{
	struct debug *d = c->dbg;
	if (d->hit >= 0)
		return;     /* the first event of an instruction wins */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->why, sizeof(d->why), fmt, ap);
	va_end(ap);
	d->hit = i;
	d->bp[i].hits++;
	cpu_kick(c, STOP_DEBUG);
}

bool debug_check_pc(struct cpu *c)
{
	struct debug *d = c->dbg;
	/* Resuming at a breakpoint's PC must execute that instruction. */
	if (c->icount == d->resume_icount && c->pc == d->resume_pc)
		return false;
	for (int i = 0; i < d->nbp; i++) {
		const struct breakpoint *b = &d->bp[i];
		if (b->kind != BP_PC || b->addr != c->pc)
			continue;
		if (b->world != BP_ANY && b->world != (int)c->world)
			continue;
		if (b->gid != BP_ANY && (c->world != WORLD_GUEST || b->gid != lvz_current_gid(c)))
			continue;
		if (b->owner == BP_UNTIL)
			snprintf(d->why, sizeof(d->why), "reached 0x%llx", (unsigned long long)c->pc);
		else
			snprintf(d->why, sizeof(d->why), "breakpoint %d at 0x%llx", b->id,
				 (unsigned long long)c->pc);
		d->hit = i;
		d->bp[i].hits++;
		return true;
	}
	return false;
}

void debug_on_exception(struct cpu *c, unsigned ecode, unsigned esub)
{
	struct debug *d = c->dbg;
	for (int i = 0; i < d->nbp; i++) {
		const struct breakpoint *b = &d->bp[i];
		if (b->kind != BP_EXC)
			continue;
		if (b->ecode != BP_ANY && (unsigned)b->ecode != ecode)
			continue;
		if (b->esub != BP_ANY && (unsigned)b->esub != esub)
			continue;
		/* For a VM exit the world is already the host here; the
		 * exit hook then adds "; exit:KIND from guest gid N". */
		hit(c, i, "breakpoint %d: exception %s taken by the %s", b->id, ecode_name(ecode, esub),
		    c->world == WORLD_GUEST ? "guest" : "host");
		return;
	}
}

void debug_on_enter(struct cpu *c)
{
	struct debug *d = c->dbg;
	for (int i = 0; i < d->nbp; i++)
		if (d->bp[i].kind == BP_ENTER) {
			hit(c, i, "breakpoint %d: entered guest gid %u at 0x%llx", d->bp[i].id,
			    lvz_current_gid(c), (unsigned long long)c->pc);
			return;
		}
}

void debug_on_exit(struct cpu *c, const struct lvz_exit_record *r)
{
	struct debug *d = c->dbg;
	if (d->hit >= 0) {
		/* Something else stopped this instruction (an exception
		 * breakpoint on the exit's Ecode): name the exit too. */
		size_t len = strlen(d->why);
		snprintf(d->why + len, sizeof(d->why) - len, "; exit:%s from guest gid %u at pc 0x%llx",
			 lvz_exit_names[r->kind], r->gid, (unsigned long long)r->pc);
		return;
	}
	for (int i = 0; i < d->nbp; i++)
		if (d->bp[i].kind == BP_EXIT && (d->bp[i].exit_mask >> r->kind) & 1) {
			hit(c, i, "breakpoint %d: exit:%s from guest gid %u at pc 0x%llx", d->bp[i].id,
			    lvz_exit_names[r->kind], r->gid, (unsigned long long)r->pc);
			return;
		}
}

void debug_on_csr(struct cpu *c, unsigned bank, unsigned num)
{
	struct debug *d = c->dbg;
	for (int i = 0; i < d->nbp; i++) {
		const struct breakpoint *b = &d->bp[i];
		if (b->kind == BP_CSR && b->csr == num && (b->world == BP_ANY || b->world == (int)bank)) {
			hit(c, i, "breakpoint %d: %s %s written: now 0x%llx", b->id,
			    bank ? "guest" : "host", csr_name(num),
			    (unsigned long long)c->csr[bank][num]);
			return;
		}
	}
}

void debug_on_phys(struct cpu *c, uint64_t pa, unsigned size, bool write)
{
	struct debug *d = c->dbg;
	for (int i = 0; i < d->nbp; i++) {
		const struct breakpoint *b = &d->bp[i];
		if (b->kind == BP_WATCH && (b->rw & (write ? WATCH_STORE : WATCH_LOAD)) &&
		    pa < b->addr + b->len && b->addr < pa + size) {
			if (d->hit < 0)
				d->watch_hit = pa;
			hit(c, i, "watchpoint %d: %s of %u bytes at physical 0x%llx", b->id,
			    write ? "store" : "load", size, (unsigned long long)pa);
			return;
		}
	}
}

void debug_resume(struct debug *d, const struct cpu *c)
{
	d->resume_icount = c->icount;
	d->resume_pc = c->pc;
	d->interrupted = 0;
}

bool debug_run(struct cpu *c, uint64_t steps)
{
	struct debug *d = c->dbg;
	struct machine *m = c->m;
	d->hit = -1;
	d->why[0] = 0;
	c->stop_reason &= ~STOP_DEBUG;
	while (steps && !m->stop) {
		uint64_t before = c->icount;
		uint64_t chunk = steps;
		if (c->max_icount) {
			if (c->icount >= c->max_icount) {
				machine_stop(m, EXIT_MAXINSNS, "instruction limit (--max-insns) reached");
				break;
			}
			if (chunk > c->max_icount - c->icount)
				chunk = c->max_icount - c->icount;
		}
		unsigned r = cpu_run(c, chunk);
		uint64_t done = c->icount - before;
		steps = steps > done ? steps - done : 0;
		if (r & STOP_DEBUG) {
			c->stop_reason &= ~STOP_DEBUG;
			if (d->interrupted && d->hit < 0) {
				snprintf(d->why, sizeof(d->why), "interrupted");
				d->interrupted = 0;
			}
			return true;
		}
		if (done == 0 && !(r & STOP_MACHINE))
			break;
	}
	return false;
}
