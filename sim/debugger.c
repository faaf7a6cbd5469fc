/*
 * debugger.c - the interactive debugger (`lvzsim --debug IMAGE`).
 *
 * Reads commands with readline (history, completion) on a terminal, or
 * line by line from stdin otherwise, so sessions can be scripted and
 * tested.  Every stop names the world (host, or guest with its GID) and
 * the PLV.  `help` lists the commands.
 */
#include "sim/debugger.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cpu/ecode.h"
#include "mmu/mem.h"
#include "mmu/softtlb_ops.h"
#include "mmu/translate.h"
#include "sim/checkpoint.h"
#include "sim/debug.h"
#include "sim/explain.h"
#include "sim/loader.h"
#include "sim/machine.h"
#include "sim/trace.h"

struct session {
	struct machine *m;
	struct cpu *c;
	const struct image *img;
	struct debug dbg;
	FILE *out;
	bool tty;
	struct trace *trace;     /* `trace on` writes here (stdout) */
	unsigned trace_events;
};

static struct session *g_session;   /* for the SIGINT handler */

static void on_sigint(int sig)
{
	(void)sig;
	if (g_session) {
		g_session->dbg.interrupted = 1;
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
		int n = atoi(name + 1);
		if (n >= 0 && n < 32)
			return n;
	}
	return -1;
}

/* number | symbol | $reg | $pc, optionally "+off" / "-off". */
static bool parse_addr(struct session *s, const char *txt, uint64_t *out)
{
	char buf[128];
	snprintf(buf, sizeof(buf), "%s", txt);
	char *op = strpbrk(buf + 1, "+-");
	int64_t off = 0;
	if (op) {
		char *end;
		errno = 0;
		off = (int64_t)strtoull(op + 1, &end, 0);
		if (errno || *end || end == op + 1)
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
			if (r < 0)
				return false;
			base = s->c->gpr[r];
		}
	} else if (isdigit((unsigned char)buf[0])) {
		char *end;
		errno = 0;
		base = strtoull(buf, &end, 0);
		if (errno || *end)
			return false;
	} else if (!s->img || image_symbol_addr(s->img, buf, &base) != 0) {
		return false;
	}
	*out = base + (uint64_t)off;
	return true;
}

static bool parse_u64(const char *t, uint64_t *v)
{
	char *end;
	if (!t)
		return false;
	errno = 0;
	*v = strtoull(t, &end, 0);
	return !errno && *t && !*end;
}

/* ---- showing state ---- */

static void where(struct session *s, char *buf, size_t n)
{
	struct cpu *c = s->c;
	unsigned plv = cpu_plv(c);
	if (c->world == WORLD_GUEST)
		snprintf(buf, n, "guest gid %u plv%u", lvz_current_gid(c), plv);
	else
		snprintf(buf, n, "host plv%u", plv);
}

static void print_insn_at(struct session *s, uint64_t pc)
{
	struct xlate x;
	struct cpu *c = s->c;
	uint64_t w = 0;
	char dis[96] = "<no memory>";
	bool ok = mmu_translate(c, pc, ACC_FETCH, &x) && phys_read(s->m, x.pa, 4, &w);
	if (ok) {
		insn_disasm((uint32_t)w, pc, dis, sizeof(dis));
		for (char *p = dis; *p; p++)
			if (*p == '\t')
				*p = ' ';
	}
	const struct symbol *sym = s->img ? image_symbol_at(s->img, pc) : NULL;
	char symtxt[96] = "";
	if (sym)
		snprintf(symtxt, sizeof(symtxt), " <%s+%llu>", sym->name,
			 (unsigned long long)(pc - sym->addr));
	if (ok)
		fprintf(s->out, "0x%016" PRIx64 "%s: %08" PRIx64 "  %s\n", pc, symtxt, w, dis);
	else
		fprintf(s->out, "0x%016" PRIx64 "%s: %s\n", pc, symtxt, dis);
}

static void show_stop(struct session *s)
{
	char w[48];
	where(s, w, sizeof(w));
	fprintf(s->out, "[%s] insn %" PRIu64 " ", w, s->c->icount);
	print_insn_at(s, s->c->pc);
}

static void info_regs(struct session *s)
{
	struct cpu *c = s->c;
	char w[48];
	where(s, w, sizeof(w));
	fprintf(s->out, "pc   0x%016" PRIx64 "   world: %s\n", c->pc, w);
	for (unsigned r = 0; r < 32; r++)
		fprintf(s->out, "%-4s 0x%016" PRIx64 "%s", gpr_name(r), c->gpr[r], r % 4 == 3 ? "\n" : "  ");
}

static void info_csrs(struct session *s, unsigned bank)
{
	unsigned col = 0;
	for (unsigned n = 0; n < CSR_SPACE; n++) {
		if (!csr_exists(bank, n))
			continue;
		fprintf(s->out, "%-9s 0x%016" PRIx64 "%s", csr_name(n), csr_read(s->c, bank, n),
			++col % 3 == 0 ? "\n" : "  ");
	}
	if (col % 3)
		fputc('\n', s->out);
}

static void info_lvz(struct session *s)
{
	const uint64_t *h = s->c->csr[WORLD_HOST];
	uint64_t v = h[CSR_GSTAT];
	fprintf(s->out, "GSTAT  0x%08" PRIx64 "  VM=%u PVM=%u GIDBIT=%u GID=%u   (CPU is in %s mode)\n", v,
		(unsigned)(v & 1), (unsigned)((v >> 1) & 1), (unsigned)((v >> 4) & 0x3f),
		(unsigned)((v >> 16) & 0xff), s->c->world == WORLD_GUEST ? "guest" : "host");
	v = h[CSR_GCFG];
	fprintf(s->out, "GCFG   0x%08" PRIx64 "  MATP=0x%x MATC=%u SIT=%u TIT=%u TOE=%u TOP=%u TORU=%u GCIP=0x%x GCI=%u GPERF=%u\n",
		v, (unsigned)(v & 0xf), (unsigned)((v >> 4) & 3), (unsigned)((v >> 7) & 1),
		(unsigned)((v >> 9) & 1), (unsigned)((v >> 11) & 1), (unsigned)((v >> 13) & 1),
		(unsigned)((v >> 15) & 1), (unsigned)((v >> 16) & 0xf), (unsigned)((v >> 20) & 3),
		(unsigned)((v >> 24) & 7));
	v = h[CSR_GINTC];
	fprintf(s->out, "GINTC  0x%08" PRIx64 "  VIP=0x%02x (guest HWI pending) PIP=0x%02x (passed through) HC=0x%02x\n",
		v, (unsigned)(v & 0xff), (unsigned)((v >> 8) & 0xff), (unsigned)((v >> 16) & 0xff));
	fprintf(s->out, "GCNTC  0x%016" PRIx64 "  (added to the guest's rdtime)\n", h[CSR_GCNTC]);
	v = h[CSR_GTLBC];
	fprintf(s->out, "GTLBC  0x%08" PRIx64 "  GMTLBSZ=%u USETGID=%u TOTI=%u TGID=%u\n", v,
		(unsigned)(v & 0x3f), (unsigned)((v >> 12) & 1), (unsigned)((v >> 13) & 1),
		(unsigned)((v >> 16) & 0xff));
	v = h[CSR_TRGP];
	fprintf(s->out, "TRGP   0x%08" PRIx64 "  GTLB=%u RID=%u   (entry read by the last host tlbrd)\n", v,
		(unsigned)(v & 1), (unsigned)((v >> 16) & 0xff));
	const struct lvz_stats *ls = &s->c->lvz;
	fprintf(s->out, "guest entries %" PRIu64 ", exits:", ls->entries);
	for (unsigned k = 0; k < EXIT_KINDS; k++)
		fprintf(s->out, " %s=%" PRIu64, lvz_exit_names[k], ls->exits[k]);
	fputc('\n', s->out);
}

static void print_lo(FILE *out, uint64_t lo, bool g, unsigned ps)
{
	uint64_t pa = lo & 0x0000fffffffff000ull & ~((1ull << ps) - 1);
	fprintf(out, "pa=0x%09" PRIx64 " %c%c%c%c%c plv%u mat%u", pa, lo & 1 ? 'V' : '-',
		lo & 2 ? 'D' : '-', g ? 'G' : '-', (lo >> 61) & 1 ? 'R' : '-', (lo >> 62) & 1 ? 'X' : '-',
		(unsigned)((lo >> 2) & 3), (unsigned)((lo >> 4) & 3));
}

static void info_tlb(struct session *s, char *args)
{
	int want_gid = -1, want_type = -1;   /* type: 0 root, 1 guest */
	char *t = next_tok(&args);
	if (t && !strcmp(t, "gid")) {
		uint64_t g;
		if (!parse_u64(next_tok(&args), &g) || g > 255) {
			fprintf(s->out, "usage: info tlb [gid N|host|guest]\n");
			return;
		}
		want_gid = (int)g;
	} else if (t && !strcmp(t, "host")) {
		want_type = 0;
		want_gid = 0;
	} else if (t && !strcmp(t, "guest")) {
		want_type = 1;
	} else if (t) {
		fprintf(s->out, "usage: info tlb [gid N|host|guest]\n");
		return;
	}
	unsigned shown = 0;
	for (unsigned i = 0; i < TLB_ENTRIES; i++) {
		const struct tlb_entry *e = &s->c->tlb.e[i];
		if (!e->e || (want_gid >= 0 && e->gid != want_gid) || (want_type >= 0 && e->guest != want_type))
			continue;
		uint64_t va = (e->vppn << 13) & ~((2ull << e->ps) - 1);
		fprintf(s->out, "%4u %s %-11s gid=%-3u asid=%-4u va=0x%012" PRIx64 " ps=%-2u  even: ",
			i, i < STLB_ENTRIES ? "stlb" : "mtlb",
			e->guest ? "guest" : (e->gid ? "root(stg2)" : "root"), e->gid, e->asid, va, e->ps);
		print_lo(s->out, e->lo[0], e->g, e->ps);
		fprintf(s->out, "  odd: ");
		print_lo(s->out, e->lo[1], e->g, e->ps);
		fputc('\n', s->out);
		shown++;
	}
	fprintf(s->out, "%u entries\n", shown);
}

static void info_exits(struct session *s, char *args)
{
	const struct lvz_stats *ls = &s->c->lvz;
	uint64_t n = 10;
	char *t = next_tok(&args);
	if (t && !parse_u64(t, &n)) {
		fprintf(s->out, "usage: info exits [N]\n");
		return;
	}
	uint64_t have = ls->log_count < LVZ_EXIT_LOG ? ls->log_count : LVZ_EXIT_LOG;
	if (n > have)
		n = have;
	if (!have) {
		fprintf(s->out, "no VM exits yet\n");
		return;
	}
	for (uint64_t k = n; k > 0; k--) {
		const struct lvz_exit_record *r = &ls->log[(ls->log_next + LVZ_EXIT_LOG - k) % LVZ_EXIT_LOG];
		unsigned ec = (r->estat >> ESTAT_ECODE_SH) & 0x3f, sub = (r->estat >> ESTAT_ESUB_SH) & 0x1ff;
		char dis[96] = "";
		if (r->kind == EXIT_GSPR || r->kind == EXIT_HVC) {
			insn_disasm((uint32_t)r->badi, r->pc, dis, sizeof(dis));
			for (char *p = dis; *p; p++)
				if (*p == '\t')
					*p = ' ';
		}
		fprintf(s->out, "insn %-10" PRIu64 " gid %-3u exit:%-4s pc=0x%012" PRIx64 " cause=%-4s badv=0x%" PRIx64 " %s\n",
			r->icount, r->gid, lvz_exit_names[r->kind], r->pc,
			r->kind == EXIT_TLBR ? "TLBR" : ecode_name(ec, sub), r->badv, dis);
	}
}

static void info_break(struct session *s)
{
	struct debug *d = &s->dbg;
	unsigned shown = 0;
	for (int i = 0; i < d->nbp; i++) {
		const struct breakpoint *b = &d->bp[i];
		if (b->internal)
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
		case BP_ENTER: fprintf(s->out, "break enter"); break;
		case BP_EXC:
			if (b->ecode == BP_ANY)
				fprintf(s->out, "break exception any");
			else
				fprintf(s->out, "break exception %s", ecode_name((unsigned)b->ecode,
						b->esub == BP_ANY ? 0 : (unsigned)b->esub));
			break;
		case BP_CSR: fprintf(s->out, "break csr %s", csr_name(b->csr)); break;
		case BP_WATCH: fprintf(s->out, "watch 0x%" PRIx64 " (%" PRIu64 " bytes, physical)", b->addr, b->len); break;
		}
		fprintf(s->out, "   hits %" PRIu64 "\n", b->hits);
		shown++;
	}
	if (!shown)
		fprintf(s->out, "no breakpoints\n");
}

/* ---- commands ---- */

static void cmd_break(struct session *s, char *args)
{
	struct breakpoint b = { .world = BP_ANY, .gid = BP_ANY, .ecode = BP_ANY, .esub = BP_ANY };
	char *t = next_tok(&args);
	if (!t) {
		fprintf(s->out, "usage: break ADDR [host|guest|gid N] | exit [KIND] | enter | exception CODE | csr NAME\n");
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
		uint64_t v;
		if (!k) {
			fprintf(s->out, "usage: break exception NAME|CODE|any\n");
			return;
		}
		if (!strcmp(k, "any")) {
			/* ecode stays BP_ANY */
		} else if (parse_u64(k, &v) && v < 64) {
			b.ecode = (int)v;
		} else {
			bool found = false;
			for (unsigned ec = 0; ec < 64 && !found; ec++)
				for (unsigned sub = 0; sub < 2 && !found; sub++) {
					const struct ecode_info *ei = ecode_info(ec, sub);
					if (ei && ei->ecode == ec && ei->esub == sub && !strcasecmp(ei->name, k)) {
						b.ecode = (int)ec;
						/* ADEF/ADEM and WPEF/WPEM differ by EsubCode */
						if (ec == ECODE_ADE || ec == ECODE_WPE || ec == ECODE_GCM)
							b.esub = (int)sub;
						found = true;
					}
				}
			if (!found) {
				fprintf(s->out, "unknown exception '%s'\n", k);
				return;
			}
		}
	} else if (!strcmp(t, "csr")) {
		b.kind = BP_CSR;
		char *k = next_tok(&args);
		uint64_t v;
		int n = k ? csr_by_name(k) : -1;
		if (n < 0 && k && parse_u64(k, &v) && v < CSR_SPACE)
			n = (int)v;
		if (n < 0 || !csr_name((unsigned)n)) {
			fprintf(s->out, "unknown CSR '%s'\n", k ? k : "");
			return;
		}
		b.csr = (unsigned)n;
	} else {
		b.kind = BP_PC;
		if (!parse_addr(s, t, &b.addr)) {
			fprintf(s->out, "bad address '%s'\n", t);
			return;
		}
		char *k = next_tok(&args);
		if (k && !strcmp(k, "host")) {
			b.world = WORLD_HOST;
		} else if (k && !strcmp(k, "guest")) {
			b.world = WORLD_GUEST;
		} else if (k && !strcmp(k, "gid")) {
			uint64_t g;
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
	int id = debug_add(&s->dbg, &b);
	if (id < 0)
		fprintf(s->out, "too many breakpoints\n");
	else
		fprintf(s->out, "breakpoint %d set\n", id);
}

static void cmd_watch(struct session *s, char *args)
{
	struct breakpoint b = { .kind = BP_WATCH, .len = 8, .world = BP_ANY, .gid = BP_ANY };
	char *t = next_tok(&args);
	uint64_t len;
	if (!t || !parse_addr(s, t, &b.addr)) {
		fprintf(s->out, "usage: watch PHYSADDR [LEN]\n");
		return;
	}
	t = next_tok(&args);
	if (t && parse_u64(t, &len) && len)
		b.len = len;
	int id = debug_add(&s->dbg, &b);
	stlb_flush_all(s->c);   /* every access must now take the slow path */
	fprintf(s->out, "watchpoint %d set on physical 0x%" PRIx64 " (%" PRIu64 " bytes)\n", id, b.addr, b.len);
}

static void report_stop(struct session *s, bool stopped)
{
	struct machine *m = s->m;
	if (m->stop) {
		fprintf(s->out, "machine stopped: %s (exit status %d)\n",
			m->stop_msg ? m->stop_msg : "", m->exit_status);
		return;
	}
	if (stopped && s->dbg.why[0])
		fprintf(s->out, "stopped: %s\n", s->dbg.why);
	show_stop(s);
}

static void cmd_run(struct session *s, uint64_t steps)
{
	if (s->m->stop) {
		fprintf(s->out, "the machine has stopped (exit status %d); use load to restore a checkpoint\n",
			s->m->exit_status);
		return;
	}
	bool stopped = debug_run(s->c, steps);
	debug_clear(&s->dbg, true);   /* `until` targets are one-shot */
	report_stop(s, stopped);
}

/* x/N[bhwdi] [hpa|gpa|gva] ADDR */
static void cmd_examine(struct session *s, const char *fmt, char *args)
{
	uint64_t count = 1;
	char unit = 'w';
	if (fmt && *fmt == '/') {
		fmt++;
		char *end;
		if (isdigit((unsigned char)*fmt)) {
			count = strtoull(fmt, &end, 10);
			fmt = end;
			if (count == 0 || count > 4096)
				count = 1;
		}
		if (*fmt)
			unit = *fmt;
	}
	unsigned size = unit == 'b' ? 1 : unit == 'h' ? 2 : unit == 'd' ? 8 : 4;
	if (!strchr("bhwdi", unit)) {
		fprintf(s->out, "unknown unit '%c' (b h w d i)\n", unit);
		return;
	}
	char *t = next_tok(&args);
	const char *space = "va";
	if (t && (!strcmp(t, "hpa") || !strcmp(t, "gpa") || !strcmp(t, "gva"))) {
		space = t;
		t = next_tok(&args);
	}
	uint64_t addr;
	if (!t || !parse_addr(s, t, &addr)) {
		fprintf(s->out, "usage: x/N[bhwdi] [hpa|gpa|gva] ADDR\n");
		return;
	}
	struct cpu *c = s->c;
	for (uint64_t i = 0; i < count; i++) {
		uint64_t a = addr + i * size, pa = a, v;
		bool ok = true;
		if (!strcmp(space, "va"))
			ok = mmu_debug_translate(c, c->world, a, &pa);
		else if (!strcmp(space, "gva"))
			ok = mmu_debug_translate(c, WORLD_GUEST, a, &pa);
		else if (!strcmp(space, "gpa")) {
			struct xlate x;
			ok = mmu_stage2(c, a, ACC_LOAD, &x);
			pa = x.pa;
		}
		if (!ok) {
			fprintf(s->out, "0x%016" PRIx64 ": <no translation in %s>\n", a, space);
			return;
		}
		if (!phys_read(s->m, pa, size, &v)) {
			fprintf(s->out, "0x%016" PRIx64 ": <no memory at physical 0x%" PRIx64 ">\n", a, pa);
			return;
		}
		if (unit == 'i') {
			char dis[96];
			insn_disasm((uint32_t)v, a, dis, sizeof(dis));
			for (char *p = dis; *p; p++)
				if (*p == '\t')
					*p = ' ';
			fprintf(s->out, "0x%016" PRIx64 ": %08" PRIx64 "  %s\n", a, v, dis);
		} else {
			fprintf(s->out, "0x%016" PRIx64 ": 0x%0*" PRIx64 "\n", a, (int)size * 2, v);
		}
	}
}

static void cmd_disas(struct session *s, char *args)
{
	uint64_t addr = s->c->pc, n = 8;
	char *t = next_tok(&args);
	if (t && !parse_addr(s, t, &addr)) {
		fprintf(s->out, "bad address '%s'\n", t);
		return;
	}
	t = next_tok(&args);
	if (t && !parse_u64(t, &n)) {
		fprintf(s->out, "usage: disas [ADDR [N]]\n");
		return;
	}
	for (uint64_t i = 0; i < n; i++)
		print_insn_at(s, addr + 4 * i);
}

static void cmd_trace(struct session *s, char *args)
{
	char *t = next_tok(&args);
	if (t && !strcmp(t, "on")) {
		if (!s->trace)
			s->trace = trace_open("-", s->trace_events, TRACE_TEXT);
		s->c->trace = s->trace;
		fprintf(s->out, "trace on\n");
	} else if (t && !strcmp(t, "off")) {
		s->c->trace = NULL;
		fprintf(s->out, "trace off\n");
	} else {
		fprintf(s->out, "usage: trace on|off\n");
	}
}

static const char help_text[] =
	"run control:  step [N] | continue | until ADDR | quit   (Ctrl-C stops a run)\n"
	"breakpoints:  break ADDR [host|guest|gid N]\n"
	"              break exit [gspr|hvc|tlbr|pf|int|fpd|any]   break enter\n"
	"              break exception NAME|CODE|any   break csr NAME (on write)\n"
	"              watch PHYSADDR [LEN]   delete [ID]   info break\n"
	"state:        info regs | info csr | info gcsr | info lvz | info tlb [gid N|host|guest]\n"
	"              info exits [N] | x/N[bhwdi] [hpa|gpa|gva] ADDR | disas [ADDR [N]]\n"
	"teaching:     explain   (the last exception or VM exit in plain words)\n"
	"other:        trace on|off | save FILE | load FILE | help\n"
	"addresses:    0x... | decimal | symbol | $reg | $pc, with +N / -N\n";

/* Returns false when the session should end. */
static bool execute(struct session *s, char *line)
{
	char *args = line;
	char *cmd = next_tok(&args);
	if (!cmd || cmd[0] == '#')
		return true;
	/* "x/4w": split the format from the command name */
	char fmt[32] = "";
	if (cmd[0] == 'x' && cmd[1] == '/') {
		snprintf(fmt, sizeof(fmt), "%s", cmd + 1);
		cmd[1] = 0;
	}
	if (!strcmp(cmd, "quit") || !strcmp(cmd, "q")) {
		return false;
	} else if (!strcmp(cmd, "step") || !strcmp(cmd, "s") || !strcmp(cmd, "si")) {
		uint64_t n = 1;
		char *t = next_tok(&args);
		if (t && !parse_u64(t, &n)) {
			fprintf(s->out, "usage: step [N]\n");
			return true;
		}
		cmd_run(s, n);
	} else if (!strcmp(cmd, "continue") || !strcmp(cmd, "c")) {
		cmd_run(s, UINT64_MAX);
	} else if (!strcmp(cmd, "until")) {
		struct breakpoint b = { .kind = BP_PC, .world = BP_ANY, .gid = BP_ANY, .internal = true };
		char *t = next_tok(&args);
		if (!t || !parse_addr(s, t, &b.addr)) {
			fprintf(s->out, "usage: until ADDR\n");
			return true;
		}
		debug_add(&s->dbg, &b);
		cmd_run(s, UINT64_MAX);
	} else if (!strcmp(cmd, "break") || !strcmp(cmd, "b")) {
		cmd_break(s, args);
	} else if (!strcmp(cmd, "watch")) {
		cmd_watch(s, args);
	} else if (!strcmp(cmd, "delete") || !strcmp(cmd, "d")) {
		uint64_t id;
		char *t = next_tok(&args);
		if (!t) {
			debug_clear(&s->dbg, false);
			fprintf(s->out, "all breakpoints deleted\n");
		} else if (parse_u64(t, &id) && debug_delete(&s->dbg, (int)id)) {
			fprintf(s->out, "breakpoint %d deleted\n", (int)id);
		} else {
			fprintf(s->out, "no breakpoint '%s'\n", t);
		}
	} else if (!strcmp(cmd, "info") || !strcmp(cmd, "i")) {
		char *what = next_tok(&args);
		if (!what)
			fprintf(s->out, "info regs|csr|gcsr|lvz|tlb|exits|break\n");
		else if (!strcmp(what, "regs") || !strcmp(what, "r"))
			info_regs(s);
		else if (!strcmp(what, "csr"))
			info_csrs(s, WORLD_HOST);
		else if (!strcmp(what, "gcsr"))
			info_csrs(s, WORLD_GUEST);
		else if (!strcmp(what, "lvz"))
			info_lvz(s);
		else if (!strcmp(what, "tlb"))
			info_tlb(s, args);
		else if (!strcmp(what, "exits"))
			info_exits(s, args);
		else if (!strcmp(what, "break") || !strcmp(what, "b"))
			info_break(s);
		else
			fprintf(s->out, "unknown: info %s\n", what);
	} else if (!strcmp(cmd, "x")) {
		cmd_examine(s, fmt, args);
	} else if (!strcmp(cmd, "disas")) {
		cmd_disas(s, args);
	} else if (!strcmp(cmd, "explain")) {
		explain(s->out, s->c);
	} else if (!strcmp(cmd, "trace")) {
		cmd_trace(s, args);
	} else if (!strcmp(cmd, "save") || !strcmp(cmd, "load")) {
		char *file = next_tok(&args);
		char err[512];
		if (!file) {
			fprintf(s->out, "usage: %s FILE\n", cmd);
		} else if (cmd[0] == 's') {
			if (checkpoint_save(s->m, file, err, sizeof(err)))
				fprintf(s->out, "%s\n", err);
			else
				fprintf(s->out, "saved to %s at insn %" PRIu64 "\n", file, s->c->icount);
		} else {
			if (checkpoint_load(s->m, file, err, sizeof(err))) {
				fprintf(s->out, "%s\n", err);
			} else {
				s->m->stop = false;
				s->m->exit_status = 0;
				fprintf(s->out, "loaded %s\n", file);
				show_stop(s);
			}
		}
	} else if (!strcmp(cmd, "help") || !strcmp(cmd, "h")) {
		fputs(help_text, s->out);
	} else {
		fprintf(s->out, "unknown command '%s' (try help)\n", cmd);
	}
	return true;
}

/* ---- readline completion ---- */

static const char *const words[] = {
	"step", "continue", "until", "quit", "break", "watch", "delete", "info", "x", "disas",
	"explain", "trace", "save", "load", "help", "exit", "enter", "exception", "csr", "regs",
	"gcsr", "lvz", "tlb", "exits", "host", "guest", "gid", "gspr", "hvc", "tlbr", "pf", "int",
	"fpd", "any", "on", "off", "hpa", "gpa", "gva", NULL,
};

static char *complete_word(const char *text, int state)
{
	static int i;
	static size_t len;
	if (!state) {
		i = 0;
		len = strlen(text);
	}
	while (words[i]) {
		const char *w = words[i++];
		if (!strncmp(w, text, len))
			return strdup(w);
	}
	return NULL;
}

static char **complete(const char *text, int start, int end)
{
	(void)start;
	(void)end;
	rl_attempted_completion_over = 1;
	return rl_completion_matches(text, complete_word);
}

int debugger_main(struct machine *m, const struct image *img)
{
	static struct session s;
	memset(&s, 0, sizeof(s));
	s.m = m;
	s.c = &m->cpu;
	s.img = img;
	s.out = stdout;
	s.tty = isatty(0) && isatty(1);
	s.trace_events = TEV_INSN | TEV_EXC | TEV_VM;
	debug_init(&s.dbg);
	m->cpu.dbg = &s.dbg;
	g_session = &s;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, NULL);

	if (s.tty) {
		rl_attempted_completion_function = complete;
		using_history();
	}
	fprintf(s.out, "lvzsim debugger: type help for commands\n");
	show_stop(&s);
	for (;;) {
		char *line;
		if (s.tty) {
			line = readline("(lvzsim) ");
			if (line && *line)
				add_history(line);
		} else {
			static char buf[1024];
			if (!fgets(buf, sizeof(buf), stdin)) {
				line = NULL;
			} else {
				buf[strcspn(buf, "\n")] = 0;
				fprintf(s.out, "(lvzsim) %s\n", buf);
				line = strdup(buf);
			}
		}
		if (!line)
			break;
		bool go_on = execute(&s, line);
		free(line);
		fflush(s.out);
		if (!go_on)
			break;
	}
	if (s.trace)
		trace_close(s.trace);
	m->cpu.trace = NULL;
	m->cpu.dbg = NULL;
	g_session = NULL;
	return m->stop ? m->exit_status : 0;
}
