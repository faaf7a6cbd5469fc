/*
 * debug.h - run control for the debugger and the gdb stub: breakpoints on
 * PCs (optionally per world or GID), on VM entries and exits, exceptions,
 * CSR writes and physical watchpoints.
 *
 * When cpu->dbg is NULL nothing here costs anything: the CPU runs its fast
 * loop.  With a debugger attached it runs run_debug() (cpu/cpu.c), which
 * checks PC breakpoints before each instruction; the event breakpoints are
 * checked by hooks at the points where the CPU already does the work
 * (cpu_exception, lvz_note_exit, csr writes, the memory slow path).
 */
#ifndef LVZSIM_DEBUG_H
#define LVZSIM_DEBUG_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

struct cpu;
struct lvz_exit_record;

enum bp_kind { BP_PC, BP_EXIT, BP_ENTER, BP_EXC, BP_CSR, BP_WATCH };
/* Who set a breakpoint: the user (listed by `info break`), `until` (one
 * shot, removed after the run), or GDB (Z packets). */
enum bp_owner { BP_USER, BP_UNTIL, BP_GDB };

#define BP_ANY (-1)
#define WATCH_LOAD  1u
#define WATCH_STORE 2u

struct breakpoint {
	int id;
	enum bp_kind kind;
	enum bp_owner owner;
	uint64_t addr;          /* BP_PC: virtual PC; BP_WATCH: physical address */
	uint64_t len;           /* BP_WATCH: bytes watched */
	unsigned rw;            /* BP_WATCH: WATCH_LOAD | WATCH_STORE */
	uint64_t vaddr;         /* BP_WATCH set by GDB: the virtual address it gave */
	int world;              /* BP_PC: BP_ANY, WORLD_HOST or WORLD_GUEST;
	                           BP_CSR: BP_ANY or the bank */
	int gid;                /* BP_PC (guest): BP_ANY or a GID */
	unsigned exit_mask;     /* BP_EXIT: bit per enum lvz_exit_kind */
	int ecode, esub;        /* BP_EXC: BP_ANY or a code */
	unsigned csr;           /* BP_CSR: CSR number */
	uint64_t hits;
};

#define DEBUG_MAX_BP 64

struct debug {
	struct breakpoint bp[DEBUG_MAX_BP];
	int nbp, next_id;
	unsigned npc, nevent, nwatch;   /* counts by class, for fast checks */
	/* why the last run stopped */
	int hit;                /* index into bp[], or -1 */
	char why[256];
	uint64_t watch_hit;     /* BP_WATCH: physical address of the access */
	/* no PC breakpoint before the first instruction after resuming */
	uint64_t resume_icount, resume_pc;
	volatile sig_atomic_t interrupted;  /* Ctrl-C */
};

void debug_init(struct debug *d);
/* Add a breakpoint; returns its id, or -1 if the table is full. */
int debug_add(struct debug *d, const struct breakpoint *bp);
bool debug_delete(struct debug *d, int id);
/* Remove every breakpoint of an owner. */
void debug_clear(struct debug *d, enum bp_owner owner);
const struct breakpoint *debug_hit(const struct debug *d);

/* Before running again from a stop: the instruction at the current PC
 * executes even if a PC breakpoint is set on it, and a pending Ctrl-C is
 * forgotten. */
void debug_resume(struct debug *d, const struct cpu *c);
/* Run up to `steps` instructions (UINT64_MAX: until something stops it).
 * Returns true if a breakpoint/event/interrupt stopped it (reason in
 * d->why), false if the count ran out or the machine stopped. */
bool debug_run(struct cpu *c, uint64_t steps);

/* Hooks (called only when cpu->dbg != NULL). */
bool debug_check_pc(struct cpu *c);
void debug_on_exception(struct cpu *c, unsigned ecode, unsigned esub);
void debug_on_enter(struct cpu *c);
void debug_on_exit(struct cpu *c, const struct lvz_exit_record *r);
void debug_on_csr(struct cpu *c, unsigned bank, unsigned num);
void debug_on_phys(struct cpu *c, uint64_t pa, unsigned size, bool write);

#endif
