/*
 * explain.c - the debugger's `explain`: the last exception or VM exit in
 * plain words, for teaching.  Everything comes from the tables the CPU
 * itself uses: the exception table (cpu/ecode.c: name, what, what the
 * handler should do), the instruction table (decode/), the CSR table, the
 * LVZ routing rules (lvz/route.c) and the records the CPU keeps of the last
 * exception (cpu->last_exc) and the last exits (cpu->lvz.log).
 */
#include "sim/explain.h"

#include <string.h>

#include "cpu/cpu.h"
#include "cpu/ecode.h"
#include "lvz/route.h"

static const char *const irq_names[13] = {
	"SWI0", "SWI1", "HWI0", "HWI1", "HWI2", "HWI3", "HWI4", "HWI5", "HWI6", "HWI7",
	"PMI", "TI (timer)", "IPI",
};

static void insn_text(uint32_t raw, char *buf, size_t n)
{
	char dis[96];
	insn_disasm(raw, 0, dis, sizeof(dis));
	for (char *p = dis; *p; p++)
		if (*p == '\t')
			*p = ' ';
	size_t len = strlen(dis);
	while (len && dis[len - 1] == ' ')
		dis[--len] = 0;
	snprintf(buf, n, "'%s' (0x%08x)", dis, raw);
}

/* Which routing rule made this guest instruction exit with GSPR. */
static void gspr_reason(FILE *out, const struct cpu *c, uint32_t badi)
{
	unsigned id = insn_lookup(badi);
	const char *m = id < INSN_COUNT ? insn_table[id].mnemonic : "?";
	if (!strcmp(m, "cpucfg")) {
		fprintf(out, "  Why:    cpucfg is sensitive: in guest mode it always exits, because the\n"
			     "          guest's CPU model is software (the hypervisor answers it).\n");
	} else if (!strcmp(m, "idle")) {
		fprintf(out, "  Why:    idle is sensitive: a guest may not stop the physical CPU; the\n"
			     "          hypervisor decides what to run until the guest has an interrupt.\n");
	} else if (!strncmp(m, "iocsr", 5)) {
		fprintf(out, "  Why:    IOCSR space (IPI, interrupt controllers, identification) belongs to\n"
			     "          the host; every guest iocsr access exits so it can be emulated.\n");
	} else if (!strcmp(m, "cacop")) {
		unsigned gci = (c->csr[WORLD_HOST][CSR_GCFG] >> 20) & 3;
		fprintf(out, "  Why:    GCFG.GCI = %u makes this cacop (op %u) trap (docs/lvz.md, GCI row).\n",
			gci, badi & 0x1f);
	} else if (!strncmp(m, "csr", 3)) {
		unsigned num = (badi >> 10) & 0x3fff;
		const char *name = csr_name(num);
		fprintf(out, "  Why:    CSR 0x%x (%s) is not in the guest CSR bank, so a guest access\n"
			     "          cannot be served by hardware and exits (bank CSRs never exit).\n",
			num, name ? name : "undefined");
	} else if (!strncmp(m, "tlb", 3) || !strcmp(m, "invtlb")) {
		fprintf(out, "  Why:    GTLBC.TOTI = 1: guest TLB instructions trap to the host.\n");
	} else {
		fprintf(out, "  Why:    %s is a sensitive instruction in guest mode.\n", m);
	}
}

static void explain_exit(FILE *out, const struct cpu *c, const struct lvz_exit_record *r)
{
	char it[128];
	const uint64_t *h = c->csr[WORLD_HOST];
	unsigned ecode = (r->estat >> ESTAT_ECODE_SH) & 0x3f, sub = (r->estat >> ESTAT_ESUB_SH) & 0x1ff;
	const struct ecode_info *ei = r->kind == EXIT_TLBR ? ecode_info(ECODE_TLBR, 0) : ecode_info(ecode, sub);

	fprintf(out, "Last event: exit from guest GID %u to the host (exit:%s) at instruction %llu.\n",
		r->gid, lvz_exit_names[r->kind], (unsigned long long)r->icount);
	switch (r->kind) {
	case EXIT_GSPR:
		insn_text((uint32_t)r->badi, it, sizeof(it));
		fprintf(out, "  What:   the guest executed %s at 0x%llx.\n", it, (unsigned long long)r->pc);
		gspr_reason(out, c, (uint32_t)r->badi);
		break;
	case EXIT_HVC:
		fprintf(out, "  What:   the guest executed hvcl 0x%llx at 0x%llx (a hypercall).\n",
			(unsigned long long)(r->badi & 0x7fff), (unsigned long long)r->pc);
		fprintf(out, "  Why:    hvcl always exits from guest PLV0 with HVC (Ecode 0x17).\n");
		break;
	case EXIT_TLBR:
		fprintf(out, "  What:   the guest's access at pc 0x%llx needed guest-physical address 0x%llx.\n",
			(unsigned long long)r->pc, (unsigned long long)r->badv);
		fprintf(out, "  Why:    no root-type TLB entry of GID %u maps that GPA (second stage):\n"
			     "          the host's TLB refill handler runs, with TLBRBADV = the GPA.\n", r->gid);
		break;
	case EXIT_PF:
		fprintf(out, "  What:   the guest's access at pc 0x%llx hit guest-physical address 0x%llx.\n",
			(unsigned long long)r->pc, (unsigned long long)r->badv);
		fprintf(out, "  Why:    the second-stage entry for that GPA is %s (%s).\n",
			ecode == ECODE_PME ? "clean (D = 0) and this was a store" : "invalid (V = 0)",
			ei ? ei->name : "?");
		break;
	case EXIT_INT:
		fprintf(out, "  What:   a host interrupt arrived while the guest ran at 0x%llx.\n",
			(unsigned long long)r->pc);
		if (c->last_exc.ecode == ECODE_INT && c->last_exc.icount == r->icount)
			fprintf(out, "  Why:    host ESTAT.IS & ECFG.LIE = 0x%x with host CRMD.IE = 1; host interrupts\n"
				     "          preempt the guest. Line %u (%s) has the highest priority.\n",
				c->last_exc.lines, c->last_exc.irq,
				c->last_exc.irq < 13 ? irq_names[c->last_exc.irq] : "?");
		break;
	case EXIT_FPD:
		fprintf(out, "  What:   the guest used the FPU at 0x%llx.\n", (unsigned long long)r->pc);
		fprintf(out, "  Why:    guest EUEN.FPE = 1 but host EUEN.FPE = 0: the host owns the FPU state.\n");
		break;
	default:
		break;
	}
	fprintf(out, "  Hardware did: GSTAT.VM 1 -> 0 and GSTAT.PVM <- 1; switched to the host CSR bank\n"
		     "          (the guest's CSRs are left untouched);\n");
	if (r->kind == EXIT_TLBR) {
		fprintf(out, "          TLBRERA <- 0x%llx | IsTLBR, TLBRBADV <- 0x%llx, TLBRPRMD.PGM (bit 3) <- 1,\n"
			     "          CRMD.DA <- 1, PG <- 0, PLV <- 0, IE <- 0; PC <- TLBRENTRY = 0x%llx.\n",
			(unsigned long long)r->pc, (unsigned long long)r->badv,
			(unsigned long long)h[CSR_TLBRENTRY]);
	} else {
		fprintf(out, "          host ESTAT.Ecode <- 0x%x (%s); host ERA <- 0x%llx (the guest PC);\n",
			ecode, ei ? ei->name : "?", (unsigned long long)r->pc);
		if (ei && ei->badv)
			fprintf(out, "          host BADV <- 0x%llx;\n", (unsigned long long)r->badv);
		if (ei && ei->badi)
			fprintf(out, "          host BADI <- 0x%08llx;\n", (unsigned long long)r->badi);
		fprintf(out, "          host PRMD <- host CRMD.PLV/IE; CRMD.PLV <- 0, IE <- 0; PC <- host EENTRY + vector.\n");
	}
	if (ei)
		fprintf(out, "  The hypervisor should: %s.\n", ei->todo);
}

static void explain_exception(FILE *out, const struct cpu *c)
{
	const struct exc_record *e = &c->last_exc;
	const struct ecode_info *ei = ecode_info(e->ecode, e->esub);
	const char *world = e->world == WORLD_GUEST ? "the guest" : "the host";
	char it[128];

	fprintf(out, "Last event: %s exception in %s (Ecode 0x%x", ei ? ei->name : "?", world, e->ecode);
	if (e->esub)
		fprintf(out, ", EsubCode %u", e->esub);
	fprintf(out, ") at PLV%u, instruction %llu.\n", e->plv, (unsigned long long)e->icount);
	if (e->has_badi) {
		insn_text(e->badi, it, sizeof(it));
		fprintf(out, "  What:   %s at 0x%llx.\n", it, (unsigned long long)e->pc);
	} else if (e->ecode == ECODE_INT) {
		fprintf(out, "  What:   an interrupt, taken before the instruction at 0x%llx.\n",
			(unsigned long long)e->pc);
	} else {
		fprintf(out, "  What:   fetching the instruction at 0x%llx.\n", (unsigned long long)e->pc);
	}
	if (ei)
		fprintf(out, "  Why:    %s.\n", ei->what);
	const char *g = e->world == WORLD_GUEST ? "guest " : "";
	if (e->ecode == ECODE_INT)
		fprintf(out, "          %sESTAT.IS & %sECFG.LIE = 0x%x with %sCRMD.IE = 1; line %u (%s) has the\n"
			     "          highest priority (higher numbers win).\n",
			g, g, e->lines, g, e->irq, e->irq < 13 ? irq_names[e->irq] : "?");
	if (e->world == WORLD_GUEST) {
		/* The routing rule, from the exception table's to_host flags. */
		fprintf(out, "  World:  the guest (GID %u) took it itself, on the guest CSR bank: no VM exit.\n"
			     "          Only host interrupts, second-stage faults and",
			lvz_current_gid(c));
		for (unsigned ec = 0; ec < 64; ec++) {
			const struct ecode_info *x = ecode_info(ec, 0);
			if (x && x->ecode == ec && x->to_host)
				fprintf(out, " %s", x->name);
		}
		fprintf(out, "\n          leave the guest.\n");
	}
	if (e->ecode == ECODE_IPE)
		fprintf(out, "          The instruction is privileged and CRMD.PLV was %u.\n", e->plv);
	if (e->ecode == ECODE_TLBR) {
		fprintf(out, "  Hardware did: TLBRPRMD <- CRMD.PLV/IE; CRMD.PLV <- 0, IE <- 0, DA <- 1, PG <- 0;\n"
			     "          TLBRERA <- 0x%llx | IsTLBR; TLBRBADV <- 0x%llx; TLBREHI.VPPN <- VA[47:13];\n"
			     "          PC <- TLBRENTRY = 0x%llx (ESTAT is not written).\n",
			(unsigned long long)e->pc, (unsigned long long)e->badv,
			(unsigned long long)e->handler);
	} else {
		fprintf(out, "  Hardware did (%sbank): ESTAT.Ecode <- 0x%x; ERA <- 0x%llx; PRMD.PPLV <- %u, PRMD.PIE <- CRMD.IE;\n"
			     "          CRMD.PLV <- 0, CRMD.IE <- 0;", g, e->ecode, (unsigned long long)e->pc, e->plv);
		if (ei && ei->badv)
			fprintf(out, " BADV <- 0x%llx;", (unsigned long long)e->badv);
		if (ei && ei->badi && e->has_badi)
			fprintf(out, " BADI <- 0x%08x;", e->badi);
		fprintf(out, "\n          PC <- EENTRY + vector = 0x%llx.\n", (unsigned long long)e->handler);
	}
	if (ei)
		fprintf(out, "  The handler should: %s.\n", ei->todo);
}

void explain(FILE *out, const struct cpu *c)
{
	const struct lvz_stats *s = &c->lvz;
	const struct lvz_exit_record *last = NULL;
	if (s->log_count)
		last = &s->log[(s->log_next + LVZ_EXIT_LOG - 1) % LVZ_EXIT_LOG];
	if (!c->last_exc.valid && !last) {
		fprintf(out, "Nothing to explain yet: no exception or VM exit has happened.\n");
		return;
	}
	/* An exit is also a host exception at the same instruction: prefer the
	 * exit, which says more. */
	if (last && (!c->last_exc.valid || last->icount >= c->last_exc.icount))
		explain_exit(out, c, last);
	else
		explain_exception(out, c);
}
