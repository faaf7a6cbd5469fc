/*
 * trace.c - text and JSON-lines trace writers.
 */
#include "sim/trace.h"

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
			free(t);
			return NULL;
		}
		t->owns_file = true;
	}
	t->events = events;
	t->format = fmt;
	return t;
}

void trace_close(struct trace *t)
{
	if (!t)
		return;
	if (t->owns_file)
		fclose(t->f);
	else
		fflush(t->f);
	free(t);
}

/* "host:0" or "g5:3": world (guest with its GID) and PLV. */
static void where(const struct cpu *c, char *buf, size_t n)
{
	unsigned plv = (unsigned)(c->csr[c->world][CSR_CRMD] & CRMD_PLV);
	if (c->world == WORLD_GUEST)
		snprintf(buf, n, "g%u:%u", lvz_current_gid(c), plv);
	else
		snprintf(buf, n, "host:%u", plv);
}

static void json_head(struct trace *t, const struct cpu *c, const char *ev)
{
	fprintf(t->f, "{\"n\":%llu,\"ev\":\"%s\",\"world\":\"%s\",\"gid\":%u,\"plv\":%u",
		(unsigned long long)c->icount, ev, c->world == WORLD_GUEST ? "guest" : "host",
		c->world == WORLD_GUEST ? lvz_current_gid(c) : 0,
		(unsigned)(c->csr[c->world][CSR_CRMD] & CRMD_PLV));
}

static void text_head(struct trace *t, const struct cpu *c)
{
	char w[16];
	where(c, w, sizeof(w));
	fprintf(t->f, "%llu %s ", (unsigned long long)c->icount, w);
}

void trace_insn_begin(struct trace *t, const struct cpu *c)
{
	memcpy(t->gpr_before, c->gpr, sizeof(t->gpr_before));
	memcpy(t->fpr_before, c->fpr, sizeof(t->fpr_before));
	memcpy(t->fcc_before, c->fcc, sizeof(t->fcc_before));
	t->fcsr_before = c->fcsr;
}

void trace_insn(struct trace *t, const struct cpu *c, uint64_t pc)
{
	if (!(t->events & TEV_INSN) || !c->cur)
		return;
	char dis[96];
	uint32_t raw = c->cur->raw;
	insn_disasm(raw, pc, dis, sizeof(dis));
	/* The instruction ran at the count before the increment. */
	uint64_t n = c->icount - 1;
	if (t->format == TRACE_JSONL) {
		fprintf(t->f, "{\"n\":%llu,\"ev\":\"insn\",\"world\":\"%s\",\"gid\":%u,\"plv\":%u,"
			"\"pc\":\"0x%016llx\",\"insn\":\"0x%08x\",\"asm\":\"",
			(unsigned long long)n, c->world == WORLD_GUEST ? "guest" : "host",
			c->world == WORLD_GUEST ? lvz_current_gid(c) : 0,
			(unsigned)(c->csr[c->world][CSR_CRMD] & CRMD_PLV),
			(unsigned long long)pc, raw);
		for (const char *p = dis; *p; p++)
			fputs(*p == '\t' ? " " : *p == '"' ? "\\\"" : (char[2]){ *p, 0 }, t->f);
		fputs("\",\"w\":{", t->f);
		const char *sep = "";
		for (unsigned r = 1; r < 32; r++)
			if (c->gpr[r] != t->gpr_before[r]) {
				fprintf(t->f, "%s\"%s\":\"0x%llx\"", sep, gpr_names[r],
					(unsigned long long)c->gpr[r]);
				sep = ",";
			}
		for (unsigned r = 0; r < 32; r++)
			if (c->fpr[r] != t->fpr_before[r]) {
				fprintf(t->f, "%s\"f%u\":\"0x%llx\"", sep, r, (unsigned long long)c->fpr[r]);
				sep = ",";
			}
		for (unsigned r = 0; r < 8; r++)
			if (c->fcc[r] != t->fcc_before[r]) {
				fprintf(t->f, "%s\"fcc%u\":\"0x%x\"", sep, r, c->fcc[r]);
				sep = ",";
			}
		if (c->fcsr != t->fcsr_before)
			fprintf(t->f, "%s\"fcsr0\":\"0x%x\"", sep, c->fcsr);
		fputs("}}\n", t->f);
		return;
	}
	char w[16];
	where(c, w, sizeof(w));
	for (char *p = dis; *p; p++)
		if (*p == '\t')
			*p = ' ';
	fprintf(t->f, "%llu %s 0x%016llx %08x %-32s", (unsigned long long)n, w,
		(unsigned long long)pc, raw, dis);
	for (unsigned r = 1; r < 32; r++)
		if (c->gpr[r] != t->gpr_before[r])
			fprintf(t->f, " %s=0x%llx", gpr_names[r], (unsigned long long)c->gpr[r]);
	for (unsigned r = 0; r < 32; r++)
		if (c->fpr[r] != t->fpr_before[r])
			fprintf(t->f, " f%u=0x%llx", r, (unsigned long long)c->fpr[r]);
	for (unsigned r = 0; r < 8; r++)
		if (c->fcc[r] != t->fcc_before[r])
			fprintf(t->f, " fcc%u=%u", r, c->fcc[r]);
	if (c->fcsr != t->fcsr_before)
		fprintf(t->f, " fcsr0=0x%x", c->fcsr);
	fputc('\n', t->f);
}

void trace_exception(struct trace *t, const struct cpu *c, unsigned ecode, unsigned sub, uint64_t badv)
{
	if (!(t->events & TEV_EXC))
		return;
	if (t->format == TRACE_JSONL) {
		json_head(t, c, "exc");
		fprintf(t->f, ",\"name\":\"%s\",\"ecode\":%u,\"esubcode\":%u,\"pc\":\"0x%llx\",\"badv\":\"0x%llx\"}\n",
			ecode_name(ecode, sub), ecode, sub, (unsigned long long)c->pc,
			(unsigned long long)badv);
		return;
	}
	text_head(t, c);
	fprintf(t->f, "exception %s ecode=0x%x esubcode=%u pc=0x%llx badv=0x%llx\n",
		ecode_name(ecode, sub), ecode, sub, (unsigned long long)c->pc,
		(unsigned long long)badv);
}

void trace_mem(struct trace *t, const struct cpu *c, bool write, uint64_t va, uint64_t pa,
	       unsigned size, uint64_t val, bool ok)
{
	if (!(t->events & TEV_MEM))
		return;
	if (t->format == TRACE_JSONL) {
		json_head(t, c, write ? "store" : "load");
		fprintf(t->f, ",\"va\":\"0x%llx\",\"pa\":\"0x%llx\",\"size\":%u,\"val\":\"0x%llx\",\"ok\":%s}\n",
			(unsigned long long)va, (unsigned long long)pa, size,
			(unsigned long long)val, ok ? "true" : "false");
		return;
	}
	text_head(t, c);
	fprintf(t->f, "%s va=0x%llx pa=0x%llx size=%u val=0x%llx%s\n", write ? "store" : "load",
		(unsigned long long)va, (unsigned long long)pa, size, (unsigned long long)val,
		ok ? "" : " (unassigned: nothing at this physical address)");
}

void trace_csr(struct trace *t, const struct cpu *c, unsigned bank, unsigned num, uint64_t old, uint64_t nv)
{
	if (!(t->events & TEV_CSR))
		return;
	const char *name = csr_name(num);
	if (t->format == TRACE_JSONL) {
		json_head(t, c, "csr");
		fprintf(t->f, ",\"bank\":\"%s\",\"csr\":\"%s\",\"num\":%u,\"old\":\"0x%llx\",\"new\":\"0x%llx\"}\n",
			bank ? "guest" : "host", name ? name : "?", num,
			(unsigned long long)old, (unsigned long long)nv);
		return;
	}
	text_head(t, c);
	fprintf(t->f, "csr %s%s (0x%x) 0x%llx -> 0x%llx\n", bank ? "guest " : "", name ? name : "?",
		num, (unsigned long long)old, (unsigned long long)nv);
}

void trace_tlb(struct trace *t, const struct cpu *c, const char *what, int idx)
{
	if (!(t->events & TEV_TLB))
		return;
	if (t->format == TRACE_JSONL) {
		json_head(t, c, "tlb");
		fprintf(t->f, ",\"op\":\"%s\",\"index\":%d}\n", what, idx);
		return;
	}
	text_head(t, c);
	if (idx >= 0) {
		const struct tlb_entry *e = &c->tlb.e[idx];
		fprintf(t->f, "tlb %s index=%d %s gid=%u asid=%u g=%d va=0x%llx ps=%u lo0=0x%llx lo1=0x%llx\n",
			what, idx, e->guest ? "guest" : "root", e->gid, e->asid, e->g,
			(unsigned long long)(e->vppn << 13), e->ps,
			(unsigned long long)e->lo[0], (unsigned long long)e->lo[1]);
	} else {
		fprintf(t->f, "tlb %s\n", what);
	}
}

/* JSON head of a vm event: "gid" is the guest's, even on an exit (the
 * CPU is in host mode by then). */
static void json_vm_head(struct trace *t, const struct cpu *c, const char *ev, unsigned gid)
{
	fprintf(t->f, "{\"n\":%llu,\"ev\":\"%s\",\"world\":\"%s\",\"gid\":%u,\"plv\":%u",
		(unsigned long long)c->icount, ev, c->world == WORLD_GUEST ? "guest" : "host", gid,
		(unsigned)(c->csr[c->world][CSR_CRMD] & CRMD_PLV));
}

void trace_vm_enter(struct trace *t, const struct cpu *c, const char *cause)
{
	if (!(t->events & TEV_VM))
		return;
	if (t->format == TRACE_JSONL) {
		json_vm_head(t, c, "enter", lvz_current_gid(c));
		fprintf(t->f, ",\"pc\":\"0x%llx\",\"cause\":\"%s\"}\n", (unsigned long long)c->pc, cause);
		return;
	}
	text_head(t, c);
	fprintf(t->f, "vm enter gid=%u pc=0x%llx cause=%s\n", lvz_current_gid(c),
		(unsigned long long)c->pc, cause);
}

void trace_vm_exit(struct trace *t, const struct cpu *c, const struct lvz_exit_record *r)
{
	if (!(t->events & TEV_VM))
		return;
	unsigned ecode = (r->estat >> ESTAT_ECODE_SH) & 0x3f, sub = (r->estat >> ESTAT_ESUB_SH) & 0x1ff;
	const char *cause = r->kind == EXIT_TLBR ? "TLBR" : ecode_name(ecode, sub);
	char ev[16], badi[16], badv[24];
	bool json = t->format == TRACE_JSONL;
	snprintf(ev, sizeof(ev), "exit:%s", lvz_exit_names[r->kind]);
	/* BADV/BADI only where the exit wrote them; else null / "-" */
	if (r->has_badi)
		snprintf(badi, sizeof(badi), json ? "\"0x%08llx\"" : "0x%08llx", (unsigned long long)r->badi);
	else
		snprintf(badi, sizeof(badi), json ? "null" : "-");
	if (r->has_badv)
		snprintf(badv, sizeof(badv), json ? "\"0x%llx\"" : "0x%llx", (unsigned long long)r->badv);
	else
		snprintf(badv, sizeof(badv), json ? "null" : "-");
	if (json) {
		json_vm_head(t, c, ev, r->gid);
		fprintf(t->f, ",\"pc\":\"0x%llx\",\"cause\":\"%s\",\"ecode\":%u,\"badv\":%s,\"badi\":%s}\n",
			(unsigned long long)r->pc, cause, r->kind == EXIT_TLBR ? ECODE_TLBR : ecode, badv, badi);
		return;
	}
	text_head(t, c);
	fprintf(t->f, "vm %s gid=%u pc=0x%llx cause=%s badv=%s badi=%s\n", ev, r->gid,
		(unsigned long long)r->pc, cause, badv, badi);
}

void trace_note(struct trace *t, const struct cpu *c, const char *fmt, ...)
{
	va_list ap;
	text_head(t, c);
	va_start(ap, fmt);
	vfprintf(t->f, fmt, ap);
	va_end(ap);
	fputc('\n', t->f);
}
