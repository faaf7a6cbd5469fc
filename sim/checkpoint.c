/*
 * checkpoint.c - save and restore the whole machine: CPU (GPRs, FPU, both
 * CSR banks, timers, TLB, LVZ exit records), RAM, devices (UART, IPI).
 *
 * Format (little-endian 64-bit words, field by field so it does not
 * depend on struct layout; docs/debugging.md):
 *   "LVZSIMCK", version, RAM size, number of RAM regions, (base, size) of
 *   each; the CPU section; the device section; RAM as (region, page number,
 *   4096 bytes) records for the pages that are not all zero (only pages
 *   ever written are looked at: ram_region.written); UINT64_MAX;
 *   "LVZSIMND".
 * Caches (soft TLB, decode cache) are not saved: they are rebuilt, which
 * is why a restored run produces the same trace as the original.
 *
 * Loading is all or nothing: the file is read and checked completely
 * (sizes, ranges, the end marker) before the machine is changed, so a
 * truncated or foreign file leaves the machine as it was.
 */
#include "sim/checkpoint.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmu/dcache.h"
#include "mmu/softtlb_ops.h"
#include "sim/machine.h"

#define MAGIC "LVZSIMCK"
#define END_MAGIC "LVZSIMND"
#define VERSION 2
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

static void device_state(struct io *io, struct uart16550 *u, struct ipi *p, bool save)
{
	F(u->ier); F(u->iir); F(u->lcr); F(u->mcr); F(u->lsr); F(u->msr); F(u->scr);
	F(u->dll); F(u->dlm); F(u->fcr); F(u->rx_head); F(u->rx_count); F(u->thr_ipending);
	if (save)
		put(io, u->rx, sizeof(u->rx));
	else
		get(io, u->rx, sizeof(u->rx));
	F(p->status);
	F(p->en);
	for (int i = 0; i < 8; i++)
		F(p->buf[i]);
}

/* Values the simulator would index or shift with: a checkpoint it did not
 * write must not make it crash. */
static const char *invalid_state(const struct cpu *c, const struct uart16550 *u)
{
	if (c->world >= NWORLDS)
		return "world";
	if (c->lvz.log_next >= LVZ_EXIT_LOG)
		return "exit log position";
	for (int i = 0; i < LVZ_EXIT_LOG; i++)
		if (c->lvz.log[i].kind >= EXIT_KINDS)
			return "exit kind";
	for (int i = 0; i < TLB_ENTRIES; i++)
		if (c->tlb.e[i].ps > 63 || c->tlb.e[i].asid > 0x3ff)
			return "TLB entry";
	if (c->last_exc.ecode > 63 || c->last_exc.world >= NWORLDS || c->last_exc.plv > 3)
		return "last exception";
	if (u->rx_head >= sizeof(u->rx) || u->rx_count > sizeof(u->rx))
		return "UART receive buffer";
	return NULL;
}

static bool page_is_zero(const uint8_t *p)
{
	static const uint8_t zero[PAGE];
	return !memcmp(p, zero, PAGE);
}

int checkpoint_save(struct machine *m, const char *path, char *err, size_t errlen)
{
	if (m->stop) {
		snprintf(err, errlen, "the machine has stopped (%s): nothing to checkpoint",
			 m->stop_msg ? m->stop_msg : "exit");
		return -1;
	}
	struct io io = { fopen(path, "wb"), false };
	if (!io.f) {
		snprintf(err, errlen, "cannot write checkpoint '%s': %s", path, strerror(errno));
		return -1;
	}
	put(&io, MAGIC, 8);
	put64(&io, VERSION);
	put64(&io, m->ram_size);
	put64(&io, m->bus.nram);
	for (unsigned r = 0; r < m->bus.nram; r++) {
		put64(&io, m->bus.ram[r].base);
		put64(&io, m->bus.ram[r].size);
	}
	cpu_state(&io, &m->cpu, true);
	device_state(&io, &m->uart, &m->ipi, true);
	for (unsigned r = 0; r < m->bus.nram; r++) {
		struct ram_region *rr = &m->bus.ram[r];
		for (uint64_t pn = 0; pn < rr->size / PAGE; pn++) {
			const uint8_t *pg = rr->host + pn * PAGE;
			if (!rr->written[pn] || page_is_zero(pg))
				continue;
			put64(&io, r);
			put64(&io, pn);
			put(&io, pg, PAGE);
		}
	}
	put64(&io, UINT64_MAX);     /* end of RAM pages */
	put(&io, END_MAGIC, 8);
	if (fclose(io.f) != 0)
		io.err = true;
	if (io.err) {
		snprintf(err, errlen, "error writing checkpoint '%s'", path);
		return -1;
	}
	return 0;
}

/* Open and check the header; on success io->f is positioned after it. */
static int open_checked(struct io *io, const char *path, uint64_t *ram_size, char *err, size_t errlen)
{
	char magic[8];
	io->f = fopen(path, "rb");
	io->err = false;
	if (!io->f) {
		snprintf(err, errlen, "cannot open checkpoint '%s': %s", path, strerror(errno));
		return -1;
	}
	get(io, magic, 8);
	uint64_t ver = get64(io);
	*ram_size = get64(io);
	if (io->err || memcmp(magic, MAGIC, 8) || ver != VERSION) {
		snprintf(err, errlen, "'%s' is not an lvzsim checkpoint (version %d)", path, VERSION);
		fclose(io->f);
		return -1;
	}
	return 0;
}

int checkpoint_ram_size(const char *path, uint64_t *ram_size, char *err, size_t errlen)
{
	struct io io;
	if (open_checked(&io, path, ram_size, err, errlen))
		return -1;
	fclose(io.f);
	return 0;
}

int checkpoint_load(struct machine *m, const char *path, char *err, size_t errlen)
{
	struct io io;
	uint64_t ram;
	if (open_checked(&io, path, &ram, err, errlen))
		return -1;
	int ret = -1;
	uint8_t **present = NULL;
	struct cpu *tmp = malloc(sizeof(*tmp));
	if (!tmp) {
		snprintf(err, errlen, "out of memory loading '%s'", path);
		goto out;
	}
	bool layout_ok = ram == m->ram_size && get64(&io) == m->bus.nram;
	for (unsigned r = 0; layout_ok && r < m->bus.nram; r++)
		layout_ok = get64(&io) == m->bus.ram[r].base && get64(&io) == m->bus.ram[r].size;
	if (!layout_ok || io.err) {
		snprintf(err, errlen, "checkpoint '%s' was taken with another RAM layout (%llu bytes), this machine has %llu",
			 path, (unsigned long long)ram, (unsigned long long)m->ram_size);
		goto out;
	}
	/* Pass 1: state into copies, RAM records checked and skipped. */
	*tmp = m->cpu;
	struct uart16550 uart = m->uart;
	struct ipi ipi = m->ipi;
	cpu_state(&io, tmp, false);
	device_state(&io, &uart, &ipi, false);
	const char *bad = io.err ? NULL : invalid_state(tmp, &uart);
	if (bad) {
		snprintf(err, errlen, "checkpoint '%s' is corrupt (%s)", path, bad);
		goto out;
	}
	long ram_start = ftell(io.f);
	present = calloc(m->bus.nram, sizeof(*present));
	for (unsigned r = 0; present && r < m->bus.nram; r++)
		if (!(present[r] = calloc(m->bus.ram[r].size / PAGE, 1)))
			io.err = true;
	if (!present)
		io.err = true;
	for (;;) {
		uint64_t r = get64(&io);
		if (io.err || r == UINT64_MAX)
			break;
		uint64_t pn = get64(&io);
		if (r >= m->bus.nram || pn >= m->bus.ram[r].size / PAGE || present[r][pn] ||
		    fseek(io.f, PAGE, SEEK_CUR) != 0) {
			io.err = true;
			break;
		}
		present[r][pn] = 1;
	}
	char end[8];
	get(&io, end, 8);
	if (io.err || memcmp(end, END_MAGIC, 8) || ram_start < 0) {
		snprintf(err, errlen, "checkpoint '%s' is truncated or corrupt", path);
		goto out;
	}
	/* Pass 2: RAM, then the state.  Only a read error can fail now; the
	 * file was complete a moment ago. */
	if (fseek(io.f, ram_start, SEEK_SET) != 0) {
		snprintf(err, errlen, "cannot read checkpoint '%s' again", path);
		goto out;
	}
	for (unsigned r = 0; r < m->bus.nram; r++) {
		struct ram_region *rr = &m->bus.ram[r];
		for (uint64_t pn = 0; pn < rr->size / PAGE; pn++) {
			if (!present[r][pn] && rr->written[pn] && !page_is_zero(rr->host + pn * PAGE))
				memset(rr->host + pn * PAGE, 0, PAGE);
			rr->written[pn] = present[r][pn];
		}
	}
	for (;;) {
		uint64_t r = get64(&io);
		if (io.err || r == UINT64_MAX)
			break;
		uint64_t pn = get64(&io);
		get(&io, m->bus.ram[r].host + pn * PAGE, PAGE);
	}
	if (io.err) {
		snprintf(err, errlen, "error reading checkpoint '%s': the machine's RAM is now inconsistent", path);
		goto out;
	}
	m->cpu = *tmp;
	m->uart = uart;
	m->ipi = ipi;
	/* Rebuild what is derived: caches, the current bank and context. */
	struct cpu *c = &m->cpu;
	dcache_flush_all(&m->bus);
	c->cur = NULL;
	c->stlb = NULL;
	stlb_init(c);
	cpu_set_world(c, c->world);
	cpu_kick(c, STOP_EVENT);
	m->stop = false;
	m->exit_status = 0;
	m->stop_msg = NULL;
	ret = 0;
out:
	if (present)
		for (unsigned r = 0; r < m->bus.nram; r++)
			free(present[r]);
	free(present);
	free(tmp);
	fclose(io.f);
	return ret;
}
