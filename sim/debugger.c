/*
 * debugger.c - the interactive debugger (`lvzsim --debug IMAGE`).
 *
 * Reads commands with readline (history, completion) on a terminal, or
 * line by line from stdin otherwise, so sessions can be scripted and
 * tested.  Every stop names the world (host, or guest with its GID) and
 * the PLV.  `help` lists the commands; docs/debugging.md walks through
 * them.
 */
#include "sim/debugger.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cpu/ecode.h"
#include "mmu/softtlb_ops.h"
#include "sim/checkpoint.h"
#include "sim/debug.h"
#include "sim/explain.h"
#include "sim/inspect.h"
#include "sim/loader.h"
#include "sim/machine.h"
#include "sim/trace.h"

struct session {
	struct machine *m;
	struct cpu *c;
	const struct image *img;
	struct image *img_rw;    /* `symbols` adds to it (NULL for monitor commands) */
	struct debug *dbg;
	FILE *out;
	bool monitor;            /* a GDB `monitor` command: no run control */
	bool quit;
	struct trace *trace;     /* `trace on` writes here */
	struct trace *cmdline_trace;    /* --trace, given back when the session ends */
};

static struct session *g_session;   /* for the SIGINT handler */

static void on_sigint(int sig)
{
	(void)sig;
	if (g_session) {
		g_session->dbg->interrupted = 1;
		g_session->c->stop_at = 0;  /* leave the loop at the next instruction */
	}
}

/* ---- parsing helpers ---- */

static char *next_tok(char **p)
{
	char *s = *p;
	while (*s && isspace((unsigned char)*s))
		s++;
	if (!*s) {
		*p = s;
		return NULL;
	}
	char *t = s;
	while (*s && !isspace((unsigned char)*s))
		s++;
	if (*s)
		*s++ = 0;
	*p = s;
	return t;
}

static int reg_index(const char *name)
{
	for (unsigned r = 0; r < 32; r++)
		if (!strcmp(name, gpr_name(r)))
			return (int)r;
	if (name[0] == 'r' && isdigit((unsigned char)name[1])) {
		char *end;
		long n = strtol(name + 1, &end, 10);
		if (!*end && n >= 0 && n < 32)
			return (int)n;
	}
	return -1;
}

static bool parse_u64(const char *t, uint64_t *v)
{
	char *end;
	if (!t || !*t || *t == '-')
		return false;
	errno = 0;
	*v = strtoull(t, &end, 0);
	return !errno && !*end;
}

/* number | symbol | $reg | $pc | $csr (the current world's bank),
 * optionally "+off" / "-off". */
static bool parse_addr(struct session *s, const char *txt, uint64_t *out)
{
	char buf[128];
	snprintf(buf, sizeof(buf), "%s", txt);
	char *op = strpbrk(buf + 1, "+-");
	uint64_t off = 0;
	if (op) {
		if (!parse_u64(op + 1, &off))
			return false;
		if (*op == '-')
			off = -off;
		*op = 0;
	}
	uint64_t base;
	if (buf[0] == '$') {
		if (!strcmp(buf + 1, "pc")) {
			base = s->c->pc;
		} else {
			int r = reg_index(buf + 1);
			int n = r < 0 ? csr_by_name(buf + 1) : -1;
			if (r >= 0)
				base = s->c->gpr[r];
			else if (n >= 0 && csr_exists(s->c->world, (unsigned)n))
				base = csr_read(s->c, s->c->world, (unsigned)n);     /* $era, $badv ... */
			else
				return false;
		}
	} else if (isdigit((unsigned char)buf[0])) {
		if (!parse_u64(buf, &base))
			return false;
	} else if (!s->img || image_symbol_addr(s->img, buf, &base) != 0) {
		return false;
	}
	*out = base + off;
	return true;
}

/* ---- showing stops ---- */

/* A stop is at an instruction boundary before the events due there are
 * serviced (cpu_run): say so when one is due, since the instruction shown
 * may then not be the next to execute. */
static void show_due(struct session *s)
{
	const struct cpu *c = s->c;
	const uint64_t *h = c->csr[WORLD_HOST], *g = c->csr[WORLD_GUEST];
	uint64_t next = timer_next_event(c);
	bool timer = next != UINT64_MAX && next - c->time_skip <= c->icount;
	bool host = (h[CSR_ESTAT] & h[CSR_ECFG] & ESTAT_IS) && (h[CSR_CRMD] & CRMD_IE);
	bool guest = c->world == WORLD_GUEST && (lvz_guest_estat(c, g[CSR_ESTAT]) & g[CSR_ECFG] & ESTAT_IS) &&
		     (g[CSR_CRMD] & CRMD_IE);
	if (timer || host || guest)
		fprintf(s->out, "  note: %s is due here; it is serviced before this instruction runs\n",
			host || guest ? "an enabled interrupt" : "a timer expiry");
}

static void show_stop(struct session *s)
{
	char w[48];
	inspect_where(s->c, w, sizeof(w));
	fprintf(s->out, "[%s] insn %" PRIu64 " ", w, s->c->icount);
	inspect_insn_line(s->out, s->m, s->img, s->c->pc);
	show_due(s);
}

/* What changed worlds or took an exception during a step: one line each,
 * so stepping through a trap shows where control went. */
struct marks {
	uint64_t exc_icount, exits, entries;
	bool exc_valid;
};

static void mark(const struct cpu *c, struct marks *k)
{
	k->exc_icount = c->last_exc.icount;
	k->exc_valid = c->last_exc.valid;
	k->exits = c->lvz.log_count;
	k->entries = c->lvz.entries;
}

static void show_events(struct session *s, const struct marks *before)
{
	const struct cpu *c = s->c;
	const struct lvz_stats *ls = &c->lvz;
	if (ls->log_count != before->exits) {
		const struct lvz_exit_record *r = &ls->log[(ls->log_next + LVZ_EXIT_LOG - 1) % LVZ_EXIT_LOG];
		fprintf(s->out, "  event: exit:%s from guest gid %u at pc 0x%" PRIx64 " (explain says why)\n",
			lvz_exit_names[r->kind], r->gid, r->pc);
	} else if (c->last_exc.valid &&
		   (!before->exc_valid || c->last_exc.icount != before->exc_icount)) {
		const struct exc_record *e = &c->last_exc;
		fprintf(s->out, "  event: exception %s in the %s at pc 0x%" PRIx64 " -> handler 0x%" PRIx64
			" (explain says why)\n", ecode_name(e->ecode, e->esub),
			e->world == WORLD_GUEST ? "guest" : "host", e->pc, e->handler);
	}
	if (ls->entries != before->entries)
		fprintf(s->out, "  event: entered guest gid %u\n", lvz_current_gid(c));
}

/* ---- commands ---- */

static void cmd_run(struct session *s, uint64_t steps)
{
	if (s->m->stop) {
		fprintf(s->out, "the machine has stopped (exit status %d); use load to restore a checkpoint\n",
			s->m->exit_status);
		return;
	}
	struct marks before;
	mark(s->c, &before);
	debug_resume(s->dbg, s->c);
	bool stopped = debug_run(s->c, steps);
	debug_clear(s->dbg, BP_UNTIL);      /* `until` targets are one-shot */
	if (steps != UINT64_MAX)
		show_events(s, &before);
	if (s->m->stop) {
		fflush(s->m->uart.out);
		fprintf(s->out, "machine stopped: %s (exit status %d)\n",
			s->m->stop_msg ? s->m->stop_msg : "", s->m->exit_status);
		return;
	}
	if (stopped && s->dbg->why[0])
		fprintf(s->out, "stopped: %s\n", s->dbg->why);
	show_stop(s);
}

static void cmd_step(struct session *s, char *args, const char *fmt)
{
	(void)fmt;
	uint64_t n = 1;
	char *t = next_tok(&args);
	if (t && (!parse_u64(t, &n) || !n)) {
		fprintf(s->out, "usage: step [N]\n");
		return;
	}
	cmd_run(s, n);
}

static void cmd_continue(struct session *s, char *args, const char *fmt)
{
	(void)args; (void)fmt;
	cmd_run(s, UINT64_MAX);
}

static void cmd_until(struct session *s, char *args, const char *fmt)
{
	(void)fmt;
	struct breakpoint b = { .kind = BP_PC, .owner = BP_UNTIL, .world = BP_ANY, .gid = BP_ANY };
	char *t = next_tok(&args);
	if (!t || !parse_addr(s, t, &b.addr)) {
		fprintf(s->out, "usage: until ADDR\n");
		return;
	}
	if (debug_add(s->dbg, &b) < 0) {
		fprintf(s->out, "too many breakpoints\n");
		return;
	}
	cmd_run(s, UINT64_MAX);
}

static void cmd_quit(struct session *s, char *args, const char *fmt)
{
	(void)args; (void)fmt;
	s->quit = true;
}

static bool parse_exception(const char *k, int *ecode, int *esub)
{
	uint64_t v;
	if (!strcmp(k, "any"))
		return true;
	if (parse_u64(k, &v) && v < 64) {
		*ecode = (int)v;
		return true;
	}
	for (unsigned ec = 0; ec < 64; ec++)
		for (unsigned sub = 0; sub < 2; sub++) {
			const struct ecode_info *ei = ecode_info(ec, sub);
			if (ei && ei->ecode == ec && ei->esub == sub && !strcasecmp(ei->name, k)) {
				*ecode = (int)ec;
				/* ADEF/ADEM, WPEF/WPEM, GCSC/GCHC differ by EsubCode */
				if (ecode_info(ec, sub ^ 1) && ecode_info(ec, sub ^ 1)->esub != sub)
					*esub = (int)sub;
				return true;
			}
		}
	return false;
}

static void cmd_break(struct session *s, char *args, const char *fmt)
{
	(void)fmt;
	struct breakpoint b = { .world = BP_ANY, .gid = BP_ANY, .ecode = BP_ANY, .esub = BP_ANY };
	char *t = next_tok(&args);
	if (!t) {
		fprintf(s->out, "usage: break ADDR [host|guest|gid N] | exit [KIND...] | enter | exception NAME|CODE|any | csr NAME [host|guest]\n");
		return;
	}
	if (!strcmp(t, "exit")) {
		b.kind = BP_EXIT;
		char *k;
		while ((k = next_tok(&args))) {
			if (!strcmp(k, "any")) {
				b.exit_mask = (1u << EXIT_KINDS) - 1;
				continue;
			}
			unsigned i;
			for (i = 0; i < EXIT_KINDS; i++)
				if (!strcmp(k, lvz_exit_names[i]))
					break;
			if (i == EXIT_KINDS) {
				fprintf(s->out, "unknown exit kind '%s' (gspr hvc tlbr pf int fpd any)\n", k);
				return;
			}
			b.exit_mask |= 1u << i;
		}
		if (!b.exit_mask)
			b.exit_mask = (1u << EXIT_KINDS) - 1;
	} else if (!strcmp(t, "enter")) {
		b.kind = BP_ENTER;
	} else if (!strcmp(t, "exception")) {
		b.kind = BP_EXC;
		char *k = next_tok(&args);
		if (!k) {
			fprintf(s->out, "usage: break exception NAME|CODE|any\n");
			return;
		}
		if (!parse_exception(k, &b.ecode, &b.esub)) {
			fprintf(s->out, "unknown exception '%s'\n", k);
			return;
		}
	} else if (!strcmp(t, "csr")) {
		b.kind = BP_CSR;
		char *k = next_tok(&args);
		uint64_t v;
		int n = k ? csr_by_name(k) : -1;
		if (n < 0 && k && parse_u64(k, &v) && v < CSR_SPACE && csr_name((unsigned)v))
			n = (int)v;
		if (n < 0) {
			fprintf(s->out, "unknown CSR '%s'\n", k ? k : "");
			return;
		}
		b.csr = (unsigned)n;
		char *w = next_tok(&args);
		if (w && !strcmp(w, "host"))
			b.world = WORLD_HOST;
		else if (w && !strcmp(w, "guest"))
			b.world = WORLD_GUEST;
		else if (w) {
			fprintf(s->out, "unexpected '%s' (host or guest: which bank)\n", w);
			return;
		}
	} else {
		b.kind = BP_PC;
		if (!parse_addr(s, t, &b.addr)) {
			fprintf(s->out, "bad address '%s'\n", t);
			return;
		}
		char *k = next_tok(&args);
		uint64_t g;
		if (k && !strcmp(k, "host")) {
			b.world = WORLD_HOST;
		} else if (k && !strcmp(k, "guest")) {
			b.world = WORLD_GUEST;
		} else if (k && !strcmp(k, "gid")) {
			if (!parse_u64(next_tok(&args), &g) || g > 255) {
				fprintf(s->out, "usage: break ADDR gid N\n");
				return;
			}
			b.world = WORLD_GUEST;
			b.gid = (int)g;
		} else if (k) {
			fprintf(s->out, "unexpected '%s' (host, guest or gid N)\n", k);
			return;
		}
	}
	int id = debug_add(s->dbg, &b);
	if (id < 0)
		fprintf(s->out, "too many breakpoints\n");
	else
		fprintf(s->out, "breakpoint %d set\n", id);
}

/* watch / rwatch / awatch PHYSADDR [LEN]: stores / loads / both. */
static void add_watch(struct session *s, char *args, unsigned rw, const char *cmd)
{
	struct breakpoint b = { .kind = BP_WATCH, .len = 8, .rw = rw, .world = BP_ANY, .gid = BP_ANY };
	char *t = next_tok(&args);
	uint64_t len;
	if (!t || !parse_addr(s, t, &b.addr)) {
		fprintf(s->out, "usage: %s PHYSADDR [LEN]\n", cmd);
		return;
	}
	t = next_tok(&args);
	if (t && (!parse_u64(t, &len) || !len || len > (1ull << 30))) {
		fprintf(s->out, "usage: %s PHYSADDR [LEN]\n", cmd);
		return;
	}
	if (t)
		b.len = len;
	int id = debug_add(s->dbg, &b);
	if (id < 0) {
		fprintf(s->out, "too many breakpoints\n");
		return;
	}
	stlb_flush_all(s->c);   /* every access must now take the slow path */
	fprintf(s->out, "watchpoint %d set on %s of physical 0x%" PRIx64 " (%" PRIu64 " bytes)\n", id,
		rw == WATCH_STORE ? "stores" : rw == WATCH_LOAD ? "loads" : "loads and stores",
		b.addr, b.len);
}

static void cmd_watch(struct session *s, char *args, const char *fmt)
{
	(void)fmt;
	add_watch(s, args, WATCH_STORE, "watch");
}

static void cmd_rwatch(struct session *s, char *args, const char *fmt)
{
	(void)fmt;
	add_watch(s, args, WATCH_LOAD, "rwatch");
}

static void cmd_awatch(struct session *s, char *args, const char *fmt)
{
	(void)fmt;
	add_watch(s, args, WATCH_LOAD | WATCH_STORE, "awatch");
}

static void cmd_delete(struct session *s, char *args, const char *fmt)
{
	(void)fmt;
	uint64_t id;
	char *t = next_tok(&args);
	if (!t) {
		debug_clear(s->dbg, BP_USER);
		fprintf(s->out, "all breakpoints deleted\n");
		return;
	}
	for (; t; t = next_tok(&args)) {
		int i;
		for (i = 0; i < s->dbg->nbp; i++)
			if (parse_u64(t, &id) && s->dbg->bp[i].id == (int)id && s->dbg->bp[i].owner == BP_USER)
				break;
		if (i < s->dbg->nbp && debug_delete(s->dbg, (int)id))
			fprintf(s->out, "breakpoint %d deleted\n", (int)id);
		else
			fprintf(s->out, "no breakpoint '%s'\n", t);
	}
}

static void info_break(struct session *s)
{
	struct debug *d = s->dbg;
	unsigned shown = 0;
	for (int i = 0; i < d->nbp; i++) {
		const struct breakpoint *b = &d->bp[i];
		if (b->owner != BP_USER)
			continue;
		fprintf(s->out, "%-3d ", b->id);
		switch (b->kind) {
		case BP_PC:
			fprintf(s->out, "break 0x%" PRIx64, b->addr);
			if (b->gid != BP_ANY)
				fprintf(s->out, " gid %d", b->gid);
			else if (b->world != BP_ANY)
				fprintf(s->out, " %s", b->world == WORLD_GUEST ? "guest" : "host");
			break;
		case BP_EXIT:
			fprintf(s->out, "break exit");
			for (unsigned k = 0; k < EXIT_KINDS; k++)
				if ((b->exit_mask >> k) & 1)
					fprintf(s->out, " %s", lvz_exit_names[k]);
			break;
		case BP_ENTER:
			fprintf(s->out, "break enter");
			break;
		case BP_EXC:
			if (b->ecode == BP_ANY)
				fprintf(s->out, "break exception any");
			else
				fprintf(s->out, "break exception %s (ecode 0x%x)",
					ecode_name((unsigned)b->ecode, b->esub == BP_ANY ? 0 : (unsigned)b->esub),
					(unsigned)b->ecode);
			break;
		case BP_CSR:
			fprintf(s->out, "break csr %s%s", csr_name(b->csr),
				b->world == BP_ANY ? "" : b->world == WORLD_GUEST ? " guest" : " host");
			break;
		case BP_WATCH:
			fprintf(s->out, "%s 0x%" PRIx64 " (%" PRIu64 " bytes, physical)",
				b->rw == WATCH_STORE ? "watch" : b->rw == WATCH_LOAD ? "rwatch" : "awatch",
				b->addr, b->len);
			break;
		}
		fprintf(s->out, "   hits %" PRIu64 "\n", b->hits);
		shown++;
	}
	if (!shown)
		fprintf(s->out, "no breakpoints\n");
}

static void cmd_info(struct session *s, char *args, const char *fmt)
{
	(void)fmt;
	char *what = next_tok(&args);
	if (!what) {
		fprintf(s->out, "info regs|fpu|csr [NAME..]|gcsr [NAME..]|lvz|tlb [gid N|host|guest]|exits [N]|break\n");
	} else if (!strcmp(what, "regs") || !strcmp(what, "r") || !strcmp(what, "registers")) {
		inspect_regs(s->out, s->c);
		inspect_fpu(s->out, s->c);
	} else if (!strcmp(what, "fpu")) {
		inspect_fpu(s->out, s->c);
	} else if (!strcmp(what, "csr")) {
		inspect_csrs(s->out, s->c, WORLD_HOST, args);
	} else if (!strcmp(what, "gcsr")) {
		inspect_csrs(s->out, s->c, WORLD_GUEST, args);
	} else if (!strcmp(what, "lvz")) {
		inspect_lvz(s->out, s->c);
	} else if (!strcmp(what, "tlb")) {
		int type = -1, gid = -1;
		char *t = next_tok(&args);
		uint64_t g;
		if (t && !strcmp(t, "gid") && parse_u64(next_tok(&args), &g) && g <= 255) {
			gid = (int)g;
		} else if (t && !strcmp(t, "host")) {
			type = 0;       /* the host's own translations: root type, GID 0 */
			gid = 0;
		} else if (t && !strcmp(t, "guest")) {
			type = 1;
		} else if (t) {
			fprintf(s->out, "usage: info tlb [gid N|host|guest]\n");
			return;
		}
		inspect_tlb(s->out, s->c, type, gid);
	} else if (!strcmp(what, "exits")) {
		uint64_t n = 10;
		char *t = next_tok(&args);
		if (t && !parse_u64(t, &n)) {
			fprintf(s->out, "usage: info exits [N]\n");
			return;
		}
		inspect_exits(s->out, s->c, n);
	} else if (!strcmp(what, "break") || !strcmp(what, "b")) {
		info_break(s);
	} else {
		fprintf(s->out, "unknown: info %s\n", what);
	}
}

/* x/N[bhwdi] [va|hva|gva|gpa|hpa] ADDR */
static void cmd_examine(struct session *s, char *args, const char *fmt)
{
	uint64_t count = 1;
	char unit = 'w';
	if (fmt && *fmt == '/') {
		fmt++;
		if (isdigit((unsigned char)*fmt)) {
			char *end;
			count = strtoull(fmt, &end, 10);
			fmt = end;
		}
		if (*fmt)
			unit = *fmt++;
		if (*fmt || count == 0 || count > 4096 || !strchr("bhwdi", unit)) {
			fprintf(s->out, "usage: x/N[bhwdi] [va|hva|gva|gpa|hpa] ADDR  (N from 1 to 4096)\n");
			return;
		}
	}
	unsigned size = unit == 'b' ? 1 : unit == 'h' ? 2 : unit == 'd' ? 8 : 4;
	char *t = next_tok(&args);
	int space = t ? inspect_space(t) : -1;
	if (space >= 0)
		t = next_tok(&args);
	else
		space = AS_VA;
	uint64_t addr;
	if (!t || !parse_addr(s, t, &addr)) {
		fprintf(s->out, "usage: x/N[bhwdi] [va|hva|gva|gpa|hpa] ADDR\n");
		return;
	}
	if (addr & (size - 1)) {
		fprintf(s->out, "0x%" PRIx64 " is not aligned to %u bytes\n", addr, size);
		return;
	}
	for (uint64_t i = 0; i < count; i++) {
		uint64_t a = addr + i * size, pa, v;
		const char *why;
		if (!inspect_translate(s->m, (enum addr_space)space, a, &pa, &why)) {
			fprintf(s->out, "0x%016" PRIx64 ": <%s in %s>\n", a, why, inspect_space_name((enum addr_space)space));
			return;
		}
		if (!inspect_read_phys(s->m, pa, size, &v)) {
			const struct mmio_region *r = bus_find_mmio(&s->m->bus, pa);
			if (r)
				fprintf(s->out, "0x%016" PRIx64 ": <device %s at physical 0x%" PRIx64
					": not read, reads have side effects>\n", a, r->name, pa);
			else
				fprintf(s->out, "0x%016" PRIx64 ": <nothing at physical 0x%" PRIx64 ">\n", a, pa);
			return;
		}
		const char *pa_note = "";
		char pabuf[40] = "";
		if (space != AS_HPA && pa != a) {
			snprintf(pabuf, sizeof(pabuf), " (hpa 0x%" PRIx64 ")", pa);
			pa_note = pabuf;
		}
		if (unit == 'i') {
			char dis[96], note[48];
			disasm_text((uint32_t)v, a, dis, sizeof(dis));
			inspect_insn_note((uint32_t)v, note, sizeof(note));
			fprintf(s->out, "0x%016" PRIx64 "%s: %08" PRIx64 "  %s%s\n", a, pa_note, v, dis, note);
		} else {
			fprintf(s->out, "0x%016" PRIx64 "%s: 0x%0*" PRIx64 "\n", a, pa_note, (int)size * 2, v);
		}
	}
}

static void cmd_disas(struct session *s, char *args, const char *fmt)
{
	(void)fmt;
	uint64_t addr = s->c->pc, n = 8;
	char *t = next_tok(&args);
	if (t && !parse_addr(s, t, &addr)) {
		fprintf(s->out, "bad address '%s'\n", t);
		return;
	}
	t = next_tok(&args);
	if (t && (!parse_u64(t, &n) || n > 4096)) {
		fprintf(s->out, "usage: disas [ADDR [N]]  (N up to 4096)\n");
		return;
	}
	for (uint64_t i = 0; i < n; i++)
		inspect_insn_line(s->out, s->m, s->img, (addr & ~3ull) + 4 * i);
}

static void cmd_explain(struct session *s, char *args, const char *fmt)
{
	(void)args; (void)fmt;
	explain(s->out, s->c);
}

/* trace on [EVENTS] | off: the trace on stdout, in text. */
static void cmd_trace(struct session *s, char *args, const char *fmt)
{
	(void)fmt;
	char *t = next_tok(&args);
	if (t && !strcmp(t, "on")) {
		char *ev = next_tok(&args);
		int events = ev ? trace_parse_events(ev) : (int)(TEV_INSN | TEV_EXC | TEV_VM);
		if (events <= 0) {
			fprintf(s->out, "usage: trace on [insn,exc,vm,tlb,csr,mem|all]\n");
			return;
		}
		if (s->trace) {
			if (s->c->trace == s->trace)
				s->c->trace = NULL;
			trace_close(s->trace);
		}
		s->trace = trace_open("-", (unsigned)events, TRACE_TEXT);
		s->c->trace = s->trace;
		stlb_flush_all(s->c);   /* mem events need every access on the slow path */
		fprintf(s->out, "trace on\n");
	} else if (t && !strcmp(t, "off")) {
		s->c->trace = NULL;
		fprintf(s->out, "trace off\n");
	} else {
		fprintf(s->out, "usage: trace on [EVENTS] | trace off\n");
	}
}

static void cmd_save(struct session *s, char *args, const char *fmt)
{
	(void)fmt;
	char *file = next_tok(&args);
	char err[512];
	if (!file)
		fprintf(s->out, "usage: save FILE\n");
	else if (checkpoint_save(s->m, file, err, sizeof(err)))
		fprintf(s->out, "%s\n", err);
	else
		fprintf(s->out, "saved to %s at insn %" PRIu64 "\n", file, s->c->icount);
}

static void cmd_load(struct session *s, char *args, const char *fmt)
{
	(void)fmt;
	char *file = next_tok(&args);
	char err[512];
	if (!file) {
		fprintf(s->out, "usage: load FILE\n");
	} else if (checkpoint_load(s->m, file, err, sizeof(err))) {
		fprintf(s->out, "%s\n", err);
	} else {
		fprintf(s->out, "loaded %s\n", file);
		show_stop(s);
	}
}

static void cmd_symbols(struct session *s, char *args, const char *fmt)
{
	(void)fmt;
	char *file = next_tok(&args);
	char msg[512];
	if (!file || !s->img_rw) {
		fprintf(s->out, "usage: symbols ELF\n");
		return;
	}
	image_add_symbols(s->img_rw, file, msg, sizeof(msg));
	fprintf(s->out, "%s\n", msg);
}

static void cmd_help(struct session *s, char *args, const char *fmt);

struct command {
	const char *name, *alias;
	void (*fn)(struct session *s, char *args, const char *fmt);
	bool runs;              /* run control: not available as a monitor command */
	const char *help;
};

static const struct command commands[] = {
	{ "step", "s", cmd_step, true, "step [N]                 execute N instructions (default 1)" },
	{ "continue", "c", cmd_continue, true, "continue                 run until a breakpoint, Ctrl-C or the end" },
	{ "until", "u", cmd_until, true, "until ADDR               run until the PC is ADDR (any world)" },
	{ "break", "b", cmd_break, false,
	  "break ADDR [host|guest|gid N]   stop before executing ADDR\n"
	  "  break exit [gspr|hvc|tlbr|pf|int|fpd|any]...   stop after a VM exit\n"
	  "  break enter              stop after entering a guest\n"
	  "  break exception NAME|CODE|any   stop after taking an exception (e.g. GSPR, 0x16)\n"
	  "  break csr NAME [host|guest]     stop after a write to that CSR" },
	{ "watch", NULL, cmd_watch, false, "watch PHYSADDR [LEN]     stop after a store to host-physical memory" },
	{ "rwatch", NULL, cmd_rwatch, false, "rwatch PHYSADDR [LEN]    ... after a load" },
	{ "awatch", NULL, cmd_awatch, false, "awatch PHYSADDR [LEN]    ... after a load or a store" },
	{ "delete", "d", cmd_delete, false, "delete [ID...]           delete breakpoints (all without an ID)" },
	{ "info", "i", cmd_info, false,
	  "info regs | fpu | csr [NAME..] | gcsr [NAME..] | lvz | break\n"
	  "  info tlb [gid N|host|guest]     TLB entries (by GID, the host's, guest-type)\n"
	  "  info exits [N]           the last N VM exits with their cause" },
	{ "x", NULL, cmd_examine, false,
	  "x/N[bhwdi] [va|hva|gva|gpa|hpa] ADDR   examine memory (va: the current world;\n"
	  "                         gva/gpa through the guest's stages; hpa: physical)" },
	{ "disas", NULL, cmd_disas, false, "disas [ADDR [N]]         disassemble N instructions (default: 8 at PC)" },
	{ "explain", NULL, cmd_explain, false, "explain                  the last exception or VM exit in plain words" },
	{ "trace", NULL, cmd_trace, true, "trace on [EVENTS] | off  trace on stdout (events as --trace-events)" },
	{ "symbols", NULL, cmd_symbols, true, "symbols ELF              add an ELF's symbols (a guest's, say) to addresses and names" },
	{ "save", NULL, cmd_save, false, "save FILE                checkpoint the whole machine" },
	{ "load", NULL, cmd_load, true, "load FILE                restore a checkpoint" },
	{ "quit", "q", cmd_quit, true, "quit" },
	{ "help", "h", cmd_help, false, "help                     this text" },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void cmd_help(struct session *s, char *args, const char *fmt)
{
	(void)args; (void)fmt;
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!s->monitor || !commands[i].runs)
			fprintf(s->out, "%s\n", commands[i].help);
	fprintf(s->out, "Addresses: 0x... | decimal | symbol | $reg | $pc | $csr (e.g. $era), with +N / -N.\n");
	if (!s->monitor)
		fprintf(s->out, "Ctrl-C stops a running machine.\n");
}

static void execute(struct session *s, char *line)
{
	char *args = line;
	char *cmd = next_tok(&args);
	if (!cmd || cmd[0] == '#')
		return;
	/* "x/4w": split the format from the command name */
	char fmt[32] = "";
	char *slash = strchr(cmd, '/');
	if (slash) {
		snprintf(fmt, sizeof(fmt), "%s", slash);
		*slash = 0;
	}
	for (size_t i = 0; i < NCOMMANDS; i++) {
		const struct command *k = &commands[i];
		if (strcmp(cmd, k->name) && (!k->alias || strcmp(cmd, k->alias)))
			continue;
		if (*fmt && k->fn != cmd_examine)
			break;
		if (s->monitor && k->runs) {
			fprintf(s->out, "'%s' is not available as a monitor command: use GDB's own\n", cmd);
			return;
		}
		k->fn(s, args, fmt);
		return;
	}
	fprintf(s->out, "unknown command '%s%s' (try help)\n", cmd, fmt);
}

void debugger_monitor(struct machine *m, const struct image *img, struct debug *d,
		      const char *line, FILE *out)
{
	struct session s = { .m = m, .c = &m->cpu, .img = img, .dbg = d, .out = out, .monitor = true };
	char *copy = strdup(line);
	if (!copy)
		return;
	execute(&s, copy);
	free(copy);
}

/* ---- readline completion: the words that can follow what is typed ---- */

static const char *const info_words[] = { "regs", "fpu", "csr", "gcsr", "lvz", "tlb", "exits", "break", NULL };
static const char *const break_words[] = { "exit", "enter", "exception", "csr", NULL };
static const char *const exit_words[] = { "gspr", "hvc", "tlbr", "pf", "int", "fpd", "any", NULL };
static const char *const tlb_words[] = { "gid", "host", "guest", NULL };
static const char *const world_words[] = { "host", "guest", "gid", NULL };
static const char *const trace_words[] = { "on", "off", NULL };
static const char *const bank_words[] = { "host", "guest", NULL };
static const char *const space_words[] = { "va", "hva", "gva", "gpa", "hpa", NULL };

enum cword { CW_NONE, CW_COMMAND, CW_LIST, CW_CSR, CW_ECODE, CW_SYMBOL, CW_FILE };
static struct {
	enum cword kind;
	const char *const *list;
	bool symbols;           /* CW_LIST: symbols too */
	size_t i, len;
} comp;

static char *complete_next(const char *text, int state)
{
	if (!state)
		comp.i = 0, comp.len = strlen(text);
	for (;;) {
		const char *w = NULL;
		size_t i = comp.i++;
		switch (comp.kind) {
		case CW_COMMAND:
			if (i < NCOMMANDS)
				w = commands[i].name;
			else
				return NULL;
			break;
		case CW_LIST: {
			size_t nlist = 0;
			while (comp.list[nlist])
				nlist++;
			if (i < nlist)
				w = comp.list[i];
			else if (comp.symbols && g_session && g_session->img && i - nlist < g_session->img->nsyms)
				w = g_session->img->syms[i - nlist].name;
			else
				return NULL;
			break;
		}
		case CW_SYMBOL:
			if (!g_session || !g_session->img || i >= g_session->img->nsyms)
				return NULL;
			w = g_session->img->syms[i].name;
			break;
		case CW_CSR:
			if (i >= CSR_SPACE)
				return NULL;
			w = csr_name((unsigned)i);
			break;
		case CW_ECODE: {
			if (i >= 128)
				return NULL;
			const struct ecode_info *e = ecode_info((unsigned)(i / 2), (unsigned)(i % 2));
			if (e && e->ecode == i / 2 && e->esub == i % 2)
				w = e->name;
			break;
		}
		default:
			return NULL;
		}
		if (w && *w && !strncasecmp(w, text, comp.len))
			return strdup(w);
	}
}

static char **complete(const char *text, int start, int end)
{
	(void)end;
	/* The words before the one being completed decide what it can be. */
	char before[256];
	snprintf(before, sizeof(before), "%.*s", start, rl_line_buffer);
	char *p = before, *w[4] = { 0 };
	int n = 0;
	for (char *t; n < 4 && (t = next_tok(&p));)
		w[n++] = t;
	if (n > 0) {
		char *slash = strchr(w[0], '/');
		if (slash)
			*slash = 0;
	}
	comp.symbols = false;
	comp.kind = CW_LIST;
	rl_attempted_completion_over = 1;
	if (n == 0) {
		comp.kind = CW_COMMAND;
	} else if (!strcmp(w[0], "info") || !strcmp(w[0], "i")) {
		if (n == 1)
			comp.list = info_words;
		else if (!strcmp(w[1], "csr") || !strcmp(w[1], "gcsr"))
			comp.kind = CW_CSR;
		else if (!strcmp(w[1], "tlb") && n == 2)
			comp.list = tlb_words;
		else
			comp.kind = CW_NONE;
	} else if (!strcmp(w[0], "break") || !strcmp(w[0], "b")) {
		if (n == 1) {
			comp.list = break_words;
			comp.symbols = true;
		} else if (!strcmp(w[1], "exit")) {
			comp.list = exit_words;
		} else if (!strcmp(w[1], "exception")) {
			comp.kind = n == 2 ? CW_ECODE : CW_NONE;
		} else if (!strcmp(w[1], "csr")) {
			comp.kind = n == 2 ? CW_CSR : CW_LIST;
			comp.list = bank_words;
		} else if (n == 2) {
			comp.list = world_words;
		} else {
			comp.kind = CW_NONE;
		}
	} else if (!strcmp(w[0], "x")) {
		comp.list = space_words;
		comp.symbols = true;
	} else if (!strcmp(w[0], "trace")) {
		comp.list = trace_words;
	} else if (!strcmp(w[0], "save") || !strcmp(w[0], "load") || !strcmp(w[0], "symbols")) {
		rl_attempted_completion_over = 0;   /* readline completes file names */
		return NULL;
	} else {
		comp.kind = CW_SYMBOL;
	}
	if (comp.kind == CW_NONE)
		return NULL;
	return rl_completion_matches(text, complete_next);
}

/* ---- the command loop ---- */

static char *read_command(struct session *s, bool tty)
{
	if (tty) {
		char *line = readline("(lvzsim) ");
		if (line && *line)
			add_history(line);
		return line;
	}
	static char buf[4096];
	for (;;) {
		if (fgets(buf, sizeof(buf), stdin)) {
			buf[strcspn(buf, "\n")] = 0;
			fprintf(s->out, "(lvzsim) %s\n", buf);
			fflush(s->out);     /* a script can see the command was taken */
			return strdup(buf);
		}
		if (ferror(stdin) && errno == EINTR) {     /* Ctrl-C while waiting */
			clearerr(stdin);
			continue;
		}
		return NULL;
	}
}

int debugger_main(struct machine *m, struct image *img)
{
	static struct debug dbg;
	static struct session s;
	memset(&s, 0, sizeof(s));
	s.m = m;
	s.c = &m->cpu;
	s.img = img;
	s.img_rw = img;
	s.dbg = &dbg;
	s.out = stdout;
	s.cmdline_trace = m->cpu.trace;
	debug_init(&dbg);
	m->cpu.dbg = &dbg;
	g_session = &s;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGINT, &sa, NULL);

	bool tty = isatty(0) && isatty(1);
	if (tty) {
		rl_readline_name = "lvzsim";
		rl_attempted_completion_function = complete;
		using_history();
	}
	fprintf(s.out, "lvzsim debugger: type help for commands\n");
	show_stop(&s);
	while (!s.quit) {
		char *line = read_command(&s, tty);
		if (!line)
			break;
		execute(&s, line);
		free(line);
		fflush(s.out);
	}
	sa.sa_handler = SIG_DFL;
	sigaction(SIGINT, &sa, NULL);
	if (s.trace)
		trace_close(s.trace);
	m->cpu.trace = s.cmdline_trace;
	m->cpu.dbg = NULL;
	g_session = NULL;
	return m->stop ? m->exit_status : 0;
}
