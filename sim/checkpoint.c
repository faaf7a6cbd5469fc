/*
 * checkpoint.c - save and restore the whole machine: CPU (GPRs, FPU, both
 * CSR banks, timers, TLB, LVZ statistics), RAM, devices.
 *
 * Format (little-endian, field by field so it does not depend on struct
 * layout): "LVZSIMCK", version, then sections in a fixed order.  RAM is
 * stored as (page number, 4 KiB) pairs for pages that are not all zero.
 * Caches (soft TLB, decode cache) are not saved: they are rebuilt, which is
 * why a restored run produces the same trace as the original.
 */
#include "sim/checkpoint.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mmu/dcache.h"
#include "mmu/softtlb_ops.h"
#include "sim/machine.h"

#define MAGIC "LVZSIMCK"
#define VERSION 1
#define PAGE 4096u

struct io {
	FILE *f;
	bool err;
};

static void put(struct io *io, const void *p, size_t n)
{
	if (!io->err && fwrite(p, 1, n, io->f) != n)
		io->err = true;
}

static void get(struct io *io, void *p, size_t n)
{
	if (!io->err && fread(p, 1, n, io->f) != n)
		io->err = true;
}

static void put64(struct io *io, uint64_t v)
{
	uint8_t b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	put(io, b, 8);
}

static uint64_t get64(struct io *io)
{
	uint8_t b[8] = { 0 };
	get(io, b, 8);
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return v;
}

/* One function describes the layout for both directions. */
#define F(field) do { if (save) put64(io, (uint64_t)(field)); else (field) = (__typeof__(field))get64(io); } while (0)

static void cpu_state(struct io *io, struct cpu *c, bool save)
{
	for (int i = 0; i < 32; i++)
		F(c->gpr[i]);
	F(c->pc);
	F(c->icount);
	F(c->time_skip);
	for (int i = 0; i < 32; i++)
		F(c->fpr[i]);
	for (int i = 0; i < 8; i++)
		F(c->fcc[i]);
	F(c->fcsr);
	F(c->world);
	F(c->idle);
	for (int w = 0; w < NWORLDS; w++) {
		for (int n = 0; n < CSR_SPACE; n++)
			F(c->csr[w][n]);
		F(c->timer[w].deadline);
		F(c->timer[w].armed);
	}
	for (int i = 0; i < 32; i++)
		F(c->cpucfg[i]);
	for (int i = 0; i < TLB_ENTRIES; i++) {
		struct tlb_entry *e = &c->tlb.e[i];
		F(e->vppn); F(e->lo[0]); F(e->lo[1]); F(e->asid); F(e->ps);
		F(e->e); F(e->g); F(e->guest); F(e->gid);
	}
	F(c->tlb.lfsr);
	struct lvz_stats *s = &c->lvz;
	F(s->entries);
	for (int k = 0; k < EXIT_KINDS; k++)
		F(s->exits[k]);
	for (int i = 0; i < LVZ_EXIT_LOG; i++) {
		struct lvz_exit_record *r = &s->log[i];
		F(r->icount); F(r->pc); F(r->estat); F(r->badv); F(r->badi); F(r->kind); F(r->gid);
	}
	F(s->log_next);
	F(s->log_count);
	struct exc_record *x = &c->last_exc;
	F(x->icount); F(x->pc); F(x->badv); F(x->handler); F(x->badi); F(x->world); F(x->plv);
	F(x->ecode); F(x->esub); F(x->irq); F(x->lines); F(x->valid); F(x->has_badi);
}

static void device_state(struct io *io, struct machine *m, bool save)
{
	struct uart16550 *u = &m->uart;
	F(u->ier); F(u->iir); F(u->lcr); F(u->mcr); F(u->lsr); F(u->msr); F(u->scr);
	F(u->dll); F(u->dlm); F(u->fcr); F(u->rx_head); F(u->rx_count); F(u->thr_ipending);
	if (save)
		put(io, u->rx, sizeof(u->rx));
	else
		get(io, u->rx, sizeof(u->rx));
	struct ipi *p = &m->ipi;
	F(p->status);
	F(p->en);
	for (int i = 0; i < 8; i++)
		F(p->buf[i]);
}

static bool page_is_zero(const uint8_t *p)
{
	static const uint8_t zero[PAGE];
	return !memcmp(p, zero, PAGE);
}

int checkpoint_save(struct machine *m, const char *path, char *err, size_t errlen)
{
	struct io io = { fopen(path, "wb"), false };
	if (!io.f) {
		snprintf(err, errlen, "cannot write checkpoint '%s': %s", path, strerror(errno));
		return -1;
	}
	put(&io, MAGIC, 8);
	put64(&io, VERSION);
	put64(&io, m->ram_size);
	cpu_state(&io, &m->cpu, true);
	device_state(&io, m, true);
	for (unsigned r = 0; r < m->bus.nram; r++) {
		struct ram_region *rr = &m->bus.ram[r];
		for (uint64_t pn = 0; pn < rr->size / PAGE; pn++) {
			const uint8_t *pg = rr->host + pn * PAGE;
			if (page_is_zero(pg))
				continue;
			put64(&io, r);
			put64(&io, pn);
			put(&io, pg, PAGE);
		}
	}
	put64(&io, UINT64_MAX);     /* end of RAM pages */
	if (fclose(io.f) != 0)
		io.err = true;
	if (io.err) {
		snprintf(err, errlen, "error writing checkpoint '%s'", path);
		return -1;
	}
	return 0;
}

int checkpoint_ram_size(const char *path, uint64_t *ram_size, char *err, size_t errlen)
{
	struct io io = { fopen(path, "rb"), false };
	char magic[8];
	if (!io.f) {
		snprintf(err, errlen, "cannot open checkpoint '%s': %s", path, strerror(errno));
		return -1;
	}
	get(&io, magic, 8);
	uint64_t ver = get64(&io);
	*ram_size = get64(&io);
	fclose(io.f);
	if (io.err || memcmp(magic, MAGIC, 8) || ver != VERSION) {
		snprintf(err, errlen, "'%s' is not an lvzsim checkpoint (version %d)", path, VERSION);
		return -1;
	}
	return 0;
}

int checkpoint_load(struct machine *m, const char *path, char *err, size_t errlen)
{
	uint64_t ram;
	if (checkpoint_ram_size(path, &ram, err, errlen))
		return -1;
	if (ram != m->ram_size) {
		snprintf(err, errlen, "checkpoint '%s' was taken with %llu bytes of RAM, this machine has %llu",
			 path, (unsigned long long)ram, (unsigned long long)m->ram_size);
		return -1;
	}
	struct io io = { fopen(path, "rb"), false };
	if (!io.f) {
		snprintf(err, errlen, "cannot open checkpoint '%s': %s", path, strerror(errno));
		return -1;
	}
	char magic[8];
	get(&io, magic, 8);
	get64(&io);
	get64(&io);
	struct cpu *c = &m->cpu;
	cpu_state(&io, c, false);
	device_state(&io, m, false);
	for (unsigned r = 0; r < m->bus.nram; r++)
		memset(m->bus.ram[r].host, 0, m->bus.ram[r].size);
	for (;;) {
		uint64_t r = get64(&io);
		if (io.err || r == UINT64_MAX)
			break;
		uint64_t pn = get64(&io);
		if (r >= m->bus.nram || pn >= m->bus.ram[r].size / PAGE) {
			io.err = true;
			break;
		}
		get(&io, m->bus.ram[r].host + pn * PAGE, PAGE);
	}
	fclose(io.f);
	if (io.err) {
		snprintf(err, errlen, "checkpoint '%s' is truncated or corrupt", path);
		return -1;
	}
	/* Rebuild what is derived: caches, the current bank and context. */
	dcache_flush_all(&m->bus);
	c->stlb = NULL;
	stlb_init(c);
	cpu_set_world(c, c->world);
	cpu_kick(c, STOP_EVENT);
	return 0;
}
