/*
 * trace.c - text and JSON-lines trace writers (see trace.h; the formats
 * are documented in docs/debugging.md).
 */
#include "sim/trace.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/ecode.h"
#include "decode/decode.h"

static const char *const gpr_names[32] = {
	"zero", "ra", "tp", "sp", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7",
	"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "r21", "fp",
	"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8",
};

const char *gpr_name(unsigned r) { return r < 32 ? gpr_names[r] : "?"; }

const char *ecode_name(unsigned ecode, unsigned sub)
{
	const struct ecode_info *e = ecode_info(ecode, sub);
	return e ? e->name : "?";
}

void disasm_text(uint32_t raw, uint64_t pc, char *buf, size_t n)
{
	insn_disasm(raw, pc, buf, n);
	size_t len = 0;
	for (char *p = buf; *p; p++, len++)
		if (*p == '\t')
			*p = ' ';
	while (len && buf[len - 1] == ' ')
		buf[--len] = 0;
}

int trace_parse_events(const char *list)
{
	static const struct { const char *n; unsigned bit; } names[] = {
		{ "insn", TEV_INSN }, { "exc", TEV_EXC }, { "vm", TEV_VM },
		{ "tlb", TEV_TLB }, { "csr", TEV_CSR }, { "mem", TEV_MEM }, { "all", TEV_ALL },
	};
	unsigned mask = 0;
	const char *p = list;
	while (*p) {
		size_t len = strcspn(p, ",");
		unsigned i;
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].n) == len && !strncmp(p, names[i].n, len))
				break;
		if (i == sizeof(names) / sizeof(names[0]))
			return -1;
		mask |= names[i].bit;
		p += len;
		if (*p == ',')
			p++;
	}
	return (int)mask;
}

struct trace *trace_open(const char *path, unsigned events, enum trace_format fmt)
{
	struct trace *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	if (!strcmp(path, "-")) {
		t->f = stdout;
	} else {
		t->f = fopen(path, "w");
		if (!t->f) {
			int e = errno;
			free(t);
			errno = e;
			return NULL;
		}
		t->owns_file = true;
	}
	/* Per-instruction buffer: only needed when instruction lines are on. */
	if (events & TEV_INSN) {
		t->buf = open_memstream(&t->bufp, &t->bufsize);
		if (!t->buf) {
			int e = errno;
			if (t->owns_file)
				fclose(t->f);
			free(t);
			errno = e;
			return NULL;
		}
	}
	t->out = t->f;
	t->events = events;
	t->format = fmt;
	return t;
}

void trace_close(struct trace *t)
{
	if (!t)
		return;
	if (t->buf) {
		fclose(t->buf);
		free(t->bufp);
	}
	if (t->owns_file)
		fclose(t->f);
	else
		fflush(t->f);
	free(t);
}

/* ---- pieces shared by the writers ---- */

static unsigned cur_plv(const struct cpu *c)
{
	return (unsigned)(c->csr[c->world][CSR_CRMD] & CRMD_PLV);
}

/* "host:0" or "g5:3": world (guest with its GID) and PLV. */
static void where_text(FILE *f, unsigned world, unsigned gid, unsigned plv)
{
	if (world == WORLD_GUEST)
		fprintf(f, "g%u:%u", gid, plv);
	else
		fprintf(f, "host:%u", plv);
}

static void where_json(FILE *f, unsigned world, unsigned gid, unsigned plv)
{
	if (world == WORLD_GUEST)
		fprintf(f, "\"world\":\"guest\",\"gid\":%u,\"plv\":%u", gid, plv);
	else
		fprintf(f, "\"world\":\"host\",\"plv\":%u", plv);
}

/* The start of an event line: instruction number, world, PLV (and in JSON
 * the event name). */
static FILE *head(struct trace *t, const struct cpu *c, const char *ev)
{
	FILE *f = t->out;
	unsigned gid = c->world == WORLD_GUEST ? lvz_current_gid(c) : 0;
	if (t->format == TRACE_JSONL) {
		fprintf(f, "{\"n\":%llu,\"ev\":\"%s\",", (unsigned long long)c->icount, ev);
		where_json(f, c->world, gid, cur_plv(c));
	} else {
		fprintf(f, "%llu ", (unsigned long long)c->icount);
		where_text(f, c->world, gid, cur_plv(c));
		fputc(' ', f);
	}
	return f;
}

/* A JSON string: escape what JSON requires. */
static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch == '\t')
			fputc(' ', f);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

static void hex_field(FILE *f, const char *name, uint64_t v)
{
	fprintf(f, ",\"%s\":\"0x%llx\"", name, (unsigned long long)v);
}

/* ---- instructions ---- */

void trace_insn_begin(struct trace *t, const struct cpu *c)
{
	t->world = (uint8_t)c->world;
	t->gid = c->world == WORLD_GUEST ? lvz_current_gid(c) : 0;
	t->plv = (uint8_t)cur_plv(c);
	if (!(t->events & TEV_INSN))
		return;
	memcpy(t->gpr_before, c->gpr, sizeof(t->gpr_before));
	memcpy(t->fpr_before, c->fpr, sizeof(t->fpr_before));
	memcpy(t->fcc_before, c->fcc, sizeof(t->fcc_before));
	t->fcsr_before = c->fcsr;
	t->out = t->buf;
}

/* Write what the instruction's events put in the buffer, after its line. */
static void flush_events(struct trace *t)
{
	t->out = t->f;
	if (!t->buf)
		return;
	fflush(t->buf);
	long n = ftell(t->buf);
	if (n > 0)
		fwrite(t->bufp, 1, (size_t)n, t->f);
	rewind(t->buf);
}

void trace_insn(struct trace *t, const struct cpu *c, uint64_t pc)
{
	if (!(t->events & TEV_INSN))
		return;
	if (!c->cur) {
		/* Nothing was executed (the fetch faulted): events only. */
		flush_events(t);
		return;
	}
	FILE *f = t->f;
	char dis[96];
	uint32_t raw = c->cur->raw;
	disasm_text(raw, pc, dis, sizeof(dis));
	/* The instruction ran at the count before the increment. */
	unsigned long long n = (unsigned long long)(c->icount - 1);
	if (t->format == TRACE_JSONL) {
		fprintf(f, "{\"n\":%llu,\"ev\":\"insn\",", n);
		where_json(f, t->world, t->gid, t->plv);
		fprintf(f, ",\"pc\":\"0x%016llx\",\"insn\":\"0x%08x\",\"asm\":", (unsigned long long)pc, raw);
		json_str(f, dis);
		fputs(",\"w\":{", f);
		const char *sep = "";
		for (unsigned r = 1; r < 32; r++)
			if (c->gpr[r] != t->gpr_before[r]) {
				fprintf(f, "%s\"%s\":\"0x%llx\"", sep, gpr_names[r], (unsigned long long)c->gpr[r]);
				sep = ",";
			}
		for (unsigned r = 0; r < 32; r++)
			if (c->fpr[r] != t->fpr_before[r]) {
				fprintf(f, "%s\"f%u\":\"0x%llx\"", sep, r, (unsigned long long)c->fpr[r]);
				sep = ",";
			}
		for (unsigned r = 0; r < 8; r++)
			if (c->fcc[r] != t->fcc_before[r]) {
				fprintf(f, "%s\"fcc%u\":\"0x%x\"", sep, r, c->fcc[r]);
				sep = ",";
			}
		if (c->fcsr != t->fcsr_before)
			fprintf(f, "%s\"fcsr0\":\"0x%x\"", sep, c->fcsr);
		fputs("}}\n", f);
	} else {
		fprintf(f, "%llu ", n);
		where_text(f, t->world, t->gid, t->plv);
		fprintf(f, " 0x%016llx %08x %s", (unsigned long long)pc, raw, dis);
		int pad = 32 - (int)strlen(dis);
		bool first = true;
		for (unsigned r = 1; r < 32; r++)
			if (c->gpr[r] != t->gpr_before[r]) {
				fprintf(f, "%*s %s=0x%llx", first && pad > 0 ? pad : 0, "", gpr_names[r],
					(unsigned long long)c->gpr[r]);
				first = false;
			}
		for (unsigned r = 0; r < 32; r++)
			if (c->fpr[r] != t->fpr_before[r]) {
				fprintf(f, "%*s f%u=0x%llx", first && pad > 0 ? pad : 0, "", r,
					(unsigned long long)c->fpr[r]);
				first = false;
			}
		for (unsigned r = 0; r < 8; r++)
			if (c->fcc[r] != t->fcc_before[r]) {
				fprintf(f, "%*s fcc%u=%u", first && pad > 0 ? pad : 0, "", r, c->fcc[r]);
				first = false;
			}
		if (c->fcsr != t->fcsr_before) {
			fprintf(f, "%*s fcsr0=0x%x", first && pad > 0 ? pad : 0, "", c->fcsr);
			first = false;
		}
		fputc('\n', f);
	}
	flush_events(t);
}

/* ---- events ---- */

void trace_exception(struct trace *t, const struct cpu *c, unsigned ecode, unsigned sub, uint64_t badv)
{
	if (!(t->events & TEV_EXC))
		return;
	const struct ecode_info *ei = ecode_info(ecode, sub);
	FILE *f = head(t, c, "exc");
	if (t->format == TRACE_JSONL) {
		fprintf(f, ",\"name\":\"%s\",\"ecode\":%u,\"esubcode\":%u", ecode_name(ecode, sub), ecode, sub);
		hex_field(f, "pc", c->pc);
		if (ei && ei->badv)
			hex_field(f, "badv", badv);
		fputs("}\n", f);
		return;
	}
	fprintf(f, "exception %s ecode=0x%x esubcode=%u pc=0x%llx", ecode_name(ecode, sub), ecode, sub,
		(unsigned long long)c->pc);
	if (ei && ei->badv)
		fprintf(f, " badv=0x%llx", (unsigned long long)badv);
	fputc('\n', f);
}

static void mem_event(struct trace *t, const struct cpu *c, const char *op, uint64_t va, uint64_t pa,
		      unsigned size, const uint64_t *val, bool ok)
{
	FILE *f = head(t, c, op);
	if (t->format == TRACE_JSONL) {
		hex_field(f, "va", va);
		hex_field(f, "pa", pa);
		fprintf(f, ",\"size\":%u", size);
		if (val)
			hex_field(f, "val", *val);
		fprintf(f, ",\"ok\":%s}\n", ok ? "true" : "false");
		return;
	}
	fprintf(f, "%s va=0x%llx pa=0x%llx size=%u", op, (unsigned long long)va, (unsigned long long)pa, size);
	if (val)
		fprintf(f, " val=0x%llx", (unsigned long long)*val);
	fputs(ok ? "\n" : " (unassigned: nothing at this physical address)\n", f);
}

void trace_mem(struct trace *t, const struct cpu *c, bool write, uint64_t va, uint64_t pa,
	       unsigned size, uint64_t val, bool ok)
{
	if (t->events & TEV_MEM)
		mem_event(t, c, write ? "store" : "load", va, pa, size, ok || write ? &val : NULL, ok);
}

void trace_mem_rmw(struct trace *t, const struct cpu *c, uint64_t va, uint64_t pa, unsigned size)
{
	if (t->events & TEV_MEM)
		mem_event(t, c, "rmw", va, pa, size, NULL, true);
}

void trace_csr(struct trace *t, const struct cpu *c, unsigned bank, unsigned num, uint64_t old, uint64_t nv)
{
	if (!(t->events & TEV_CSR))
		return;
	const char *name = csr_name(num);
	FILE *f = head(t, c, "csr");
	if (t->format == TRACE_JSONL) {
		fprintf(f, ",\"bank\":\"%s\",\"csr\":\"%s\",\"num\":%u", bank ? "guest" : "host",
			name ? name : "?", num);
		hex_field(f, "old", old);
		hex_field(f, "new", nv);
		fputs("}\n", f);
		return;
	}
	fprintf(f, "csr %s%s (0x%x) 0x%llx -> 0x%llx\n", bank ? "guest " : "", name ? name : "?",
		num, (unsigned long long)old, (unsigned long long)nv);
}

void trace_tlb(struct trace *t, const struct cpu *c, const char *what, int idx)
{
	if (!(t->events & TEV_TLB))
		return;
	const struct tlb_entry *e = idx >= 0 && idx < TLB_ENTRIES ? &c->tlb.e[idx] : NULL;
	/* VPPN is VA[47:13]; VA[63:48] sign-extend bit 47 */
	uint64_t va = e ? (uint64_t)((int64_t)(e->vppn << 29) >> 16) : 0;
	FILE *f = head(t, c, "tlb");
	if (t->format == TRACE_JSONL) {
		fprintf(f, ",\"op\":\"%s\"", what);
		if (e) {
			fprintf(f, ",\"index\":%d,\"exists\":%s,\"type\":\"%s\",\"entry_gid\":%u,\"asid\":%u,\"g\":%s",
				idx, e->e ? "true" : "false", e->guest ? "guest" : "root", e->gid, e->asid,
				e->g ? "true" : "false");
			hex_field(f, "va", va);
			fprintf(f, ",\"ps\":%u", e->ps);
			hex_field(f, "lo0", e->lo[0]);
			hex_field(f, "lo1", e->lo[1]);
		}
		fputs("}\n", f);
		return;
	}
	if (e)
		fprintf(f, "tlb %s index=%d%s %s gid=%u asid=%u g=%d va=0x%llx ps=%u lo0=0x%llx lo1=0x%llx\n",
			what, idx, e->e ? "" : " (not present)", e->guest ? "guest" : "root", e->gid, e->asid,
			e->g, (unsigned long long)va, e->ps,
			(unsigned long long)e->lo[0], (unsigned long long)e->lo[1]);
	else
		fprintf(f, "tlb %s\n", what);
}

void trace_vm_enter(struct trace *t, const struct cpu *c, const char *cause)
{
	if (!(t->events & TEV_VM))
		return;
	/* The CPU is in the guest world already: the head names its GID. */
	FILE *f = head(t, c, "enter");
	if (t->format == TRACE_JSONL) {
		hex_field(f, "pc", c->pc);
		fprintf(f, ",\"cause\":\"%s\"}\n", cause);
		return;
	}
	fprintf(f, "vm enter gid=%u pc=0x%llx cause=%s\n", lvz_current_gid(c),
		(unsigned long long)c->pc, cause);
}

/*
 * An exit: the CPU is back in the host world, so the guest's GID and PC are
 * fields of their own (guest_gid, guest_pc in JSON).  BADV and BADI are
 * given only where the exit wrote them (lvz_note_exit decides), else "-" in
 * text and null in JSON.
 */
void trace_vm_exit(struct trace *t, const struct cpu *c, const struct lvz_exit_record *r)
{
	if (!(t->events & TEV_VM))
		return;
	unsigned ecode = (r->estat >> ESTAT_ECODE_SH) & 0x3f, sub = (r->estat >> ESTAT_ESUB_SH) & 0x1ff;
	if (r->kind == EXIT_TLBR) {
		ecode = ECODE_TLBR;
		sub = 0;
	}
	const char *cause = ecode_name(ecode, sub);
	char ev[16];
	snprintf(ev, sizeof(ev), "exit:%s", lvz_exit_names[r->kind]);
	FILE *f = head(t, c, ev);
	if (t->format == TRACE_JSONL) {
		fprintf(f, ",\"kind\":\"%s\",\"guest_gid\":%u", lvz_exit_names[r->kind], r->gid);
		hex_field(f, "guest_pc", r->pc);
		fprintf(f, ",\"cause\":\"%s\",\"ecode\":%u", cause, ecode);
		if (r->has_badv)
			hex_field(f, "badv", r->badv);
		else
			fputs(",\"badv\":null", f);
		if (r->has_badi)
			fprintf(f, ",\"badi\":\"0x%08llx\"", (unsigned long long)r->badi);
		else
			fputs(",\"badi\":null", f);
		fputs("}\n", f);
		return;
	}
	fprintf(f, "vm %s gid=%u pc=0x%llx cause=%s", ev, r->gid, (unsigned long long)r->pc, cause);
	if (r->has_badv)
		fprintf(f, " badv=0x%llx", (unsigned long long)r->badv);
	else
		fputs(" badv=-", f);
	if (r->has_badi)
		fprintf(f, " badi=0x%08llx\n", (unsigned long long)r->badi);
	else
		fputs(" badi=-\n", f);
}

void trace_note(struct trace *t, const struct cpu *c, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	FILE *f = head(t, c, "note");
	if (t->format == TRACE_JSONL) {
		fputs(",\"text\":", f);
		json_str(f, text);
		fputs("}\n", f);
	} else {
		fprintf(f, "%s\n", text);
	}
}
