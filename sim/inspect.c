/*
 * inspect.c - the machine's state as text, and side-effect-free memory
 * access for debuggers (see inspect.h).
 */
#include "sim/inspect.h"

#include <inttypes.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/ecode.h"
#include "mmu/mem.h"
#include "mmu/translate.h"
#include "sim/loader.h"
#include "sim/machine.h"
#include "sim/trace.h"

static const char *const space_names[] = { "va", "hva", "gva", "gpa", "hpa" };

int inspect_space(const char *name)
{
	for (unsigned i = 0; i < sizeof(space_names) / sizeof(space_names[0]); i++)
		if (!strcmp(name, space_names[i]))
			return (int)i;
	return -1;
}

const char *inspect_space_name(enum addr_space s)
{
	return space_names[s];
}

bool inspect_translate(struct machine *m, enum addr_space s, uint64_t addr, uint64_t *hpa,
		       const char **why)
{
	struct cpu *c = &m->cpu;
	struct xlate x;
	bool ok = true;
	*why = NULL;
	switch (s) {
	case AS_VA:
		ok = mmu_debug_translate(c, c->world, addr, hpa);
		break;
	case AS_HVA:
		ok = mmu_debug_translate(c, WORLD_HOST, addr, hpa);
		break;
	case AS_GVA:
		ok = mmu_debug_translate(c, WORLD_GUEST, addr, hpa);
		break;
	case AS_GPA:
		ok = mmu_stage2(c, addr, ACC_LOAD, &x);
		*hpa = x.pa;
		break;
	case AS_HPA:
		*hpa = addr;
		break;
	}
	if (!ok)
		*why = "no translation";
	return ok;
}

bool inspect_read_phys(struct machine *m, uint64_t pa, unsigned size, uint64_t *val)
{
	struct ram_region *r = bus_find_ram(&m->bus, pa, size);
	if (!r)
		return false;
	*val = host_ld(r->host + (pa - r->base), size);
	return true;
}

bool inspect_write_phys(struct machine *m, uint64_t pa, unsigned size, uint64_t val)
{
	if (!bus_find_ram(&m->bus, pa, size))
		return false;
	return bus_write(&m->bus, pa, size, val);   /* invalidates decoded code */
}

size_t inspect_read_virt(struct machine *m, uint64_t va, uint8_t *buf, size_t len)
{
	const char *why;
	for (size_t i = 0; i < len; i++) {
		uint64_t pa, v;
		if (!inspect_translate(m, AS_VA, va + i, &pa, &why) || !inspect_read_phys(m, pa, 1, &v))
			return i;
		buf[i] = (uint8_t)v;
	}
	return len;
}

size_t inspect_write_virt(struct machine *m, uint64_t va, const uint8_t *buf, size_t len)
{
	const char *why;
	for (size_t i = 0; i < len; i++) {
		uint64_t pa;
		if (!inspect_translate(m, AS_VA, va + i, &pa, &why) || !inspect_write_phys(m, pa, 1, buf[i]))
			return i;
	}
	return len;
}

void inspect_where(const struct cpu *c, char *buf, size_t n)
{
	unsigned plv = (unsigned)(c->csr[c->world][CSR_CRMD] & CRMD_PLV);
	if (c->world == WORLD_GUEST)
		snprintf(buf, n, "guest gid %u plv%u", lvz_current_gid(c), plv);
	else
		snprintf(buf, n, "host plv%u", plv);
}

void inspect_insn_note(uint32_t raw, char *buf, size_t n)
{
	buf[0] = 0;
	unsigned id = insn_lookup(raw);
	if (id >= INSN_COUNT)
		return;
	/* csrrd/csrwr/csrxchg and gcsrrd/gcsrwr/gcsrxchg: the CSR by name
	 * (llvm-objdump prints only its number) */
	const char *m = insn_table[id].mnemonic;
	if (!strncmp(m, "csr", 3) || !strncmp(m, "gcsr", 4)) {
		const char *name = csr_name((raw >> 10) & 0x3fff);
		snprintf(buf, n, "   # %s%s", m[0] == 'g' ? "guest " : "", name ? name : "undefined CSR");
	}
}

void inspect_insn_line(FILE *out, struct machine *m, const struct image *img, uint64_t pc)
{
	uint64_t pa, w = 0;
	const char *why;
	bool ok = inspect_translate(m, AS_VA, pc, &pa, &why) && inspect_read_phys(m, pa, 4, &w);
	fprintf(out, "0x%016" PRIx64, pc);
	const struct symbol *sym = img ? image_symbol_at(img, pc) : NULL;
	if (sym)
		fprintf(out, " <%s+%" PRIu64 ">", sym->name, pc - sym->addr);
	if (ok) {
		char dis[96], note[48];
		disasm_text((uint32_t)w, pc, dis, sizeof(dis));
		inspect_insn_note((uint32_t)w, note, sizeof(note));
		fprintf(out, ": %08" PRIx64 "  %s%s\n", w, dis, note);
	} else {
		fprintf(out, ": <%s>\n", why ? why : "not RAM");
	}
}

void inspect_regs(FILE *out, const struct cpu *c)
{
	char w[48];
	inspect_where(c, w, sizeof(w));
	fprintf(out, "pc   0x%016" PRIx64 "   world: %s   insn %" PRIu64 "\n", c->pc, w, c->icount);
	for (unsigned r = 0; r < 32; r++)
		fprintf(out, "%-4s 0x%016" PRIx64 "%s", gpr_name(r), c->gpr[r], r % 4 == 3 ? "\n" : "  ");
}

void inspect_fpu(FILE *out, const struct cpu *c)
{
	/* EUEN.FPE of the current world decides whether FP instructions run. */
	fprintf(out, "EUEN.FPE=%u (%s)   fcsr 0x%08x   fcc0-7:",
		(unsigned)(c->csr[c->world][CSR_EUEN] & EUEN_FPE),
		c->csr[c->world][CSR_EUEN] & EUEN_FPE ? "FPU enabled" : "FP instructions raise FPD",
		c->fcsr);
	for (unsigned i = 0; i < 8; i++)
		fprintf(out, " %u", c->fcc[i]);
	fputc('\n', out);
	for (unsigned r = 0; r < 32; r++)
		fprintf(out, "f%-3u 0x%016" PRIx64 "%s", r, c->fpr[r], r % 4 == 3 ? "\n" : "  ");
}

void inspect_csrs(FILE *out, struct cpu *c, unsigned bank, char *names)
{
	unsigned col = 0;
	if (names && *names) {
		for (char *t = strtok(names, " \t"); t; t = strtok(NULL, " \t")) {
			int n = csr_by_name(t);
			if (n < 0 || !csr_exists(bank, (unsigned)n)) {
				fprintf(out, "%s: no such CSR in the %s bank\n", t, bank ? "guest" : "host");
				continue;
			}
			fprintf(out, "%s%-9s 0x%016" PRIx64 "\n", bank ? "guest " : "", csr_name((unsigned)n),
				csr_read(c, bank, (unsigned)n));
		}
		return;
	}
	for (unsigned n = 0; n < CSR_SPACE; n++) {
		if (!csr_exists(bank, n))
			continue;
		fprintf(out, "%-9s 0x%016" PRIx64 "%s", csr_name(n), csr_read(c, bank, n),
			++col % 3 == 0 ? "\n" : "  ");
	}
	if (col % 3)
		fputc('\n', out);
}

/* Field positions: Linux asm/loongarch.h (CSR_GSTAT_*, CSR_GCFG_*,
 * CSR_GINTC_*, CSR_GTLBC_*, CSR_TRGP_*), as docs/lvz.md lists them. */
void inspect_lvz(FILE *out, const struct cpu *c)
{
	const uint64_t *h = c->csr[WORLD_HOST];
	uint64_t v = h[CSR_GSTAT];
	fprintf(out, "GSTAT  0x%08" PRIx64 "  VM=%u PVM=%u GIDBIT=%u GID=%u   (CPU is in %s mode)\n", v,
		(unsigned)(v & 1), (unsigned)((v >> 1) & 1), (unsigned)((v >> 4) & 0x3f),
		(unsigned)((v >> 16) & 0xff), c->world == WORLD_GUEST ? "guest" : "host");
	v = h[CSR_GCFG];
	fprintf(out, "GCFG   0x%08" PRIx64 "  MATP=0x%x MATC=%u SITP=%u SIT=%u TITP=%u TIT=%u TOEP=%u TOE=%u TOPP=%u TOP=%u TORUP=%u TORU=%u\n"
		     "                   GCIP=0x%x GCI=%u GPERF=%u\n",
		v, (unsigned)(v & 7), (unsigned)((v >> 4) & 3), (unsigned)((v >> 6) & 1),
		(unsigned)((v >> 7) & 1), (unsigned)((v >> 8) & 1), (unsigned)((v >> 9) & 1),
		(unsigned)((v >> 10) & 1), (unsigned)((v >> 11) & 1), (unsigned)((v >> 12) & 1),
		(unsigned)((v >> 13) & 1), (unsigned)((v >> 14) & 1), (unsigned)((v >> 15) & 1),
		(unsigned)((v >> 16) & 0xf), (unsigned)((v >> 20) & 3), (unsigned)((v >> 24) & 7));
	v = h[CSR_GINTC];
	fprintf(out, "GINTC  0x%08" PRIx64 "  VIP=0x%02x (guest HWI injected) PIP=0x%02x (host HWI passed through) HC=0x%02x\n",
		v, (unsigned)(v & 0xff), (unsigned)((v >> 8) & 0xff), (unsigned)((v >> 16) & 0xff));
	fprintf(out, "GCNTC  0x%016" PRIx64 "  (added to the guest's stable counter)\n", h[CSR_GCNTC]);
	v = h[CSR_GTLBC];
	fprintf(out, "GTLBC  0x%08" PRIx64 "  GMTLBSZ=%u USETGID=%u TOTI=%u TGID=%u\n", v,
		(unsigned)(v & 0x3f), (unsigned)((v >> 12) & 1), (unsigned)((v >> 13) & 1),
		(unsigned)((v >> 16) & 0xff));
	v = h[CSR_TRGP];
	fprintf(out, "TRGP   0x%08" PRIx64 "  GTLB=%u RID=%u   (the entry the last host tlbrd read)\n", v,
		(unsigned)(v & 1), (unsigned)((v >> 16) & 0xff));
	const struct lvz_stats *ls = &c->lvz;
	fprintf(out, "guest entries %" PRIu64 ", exits:", ls->entries);
	for (unsigned k = 0; k < EXIT_KINDS; k++)
		fprintf(out, " %s=%" PRIu64, lvz_exit_names[k], ls->exits[k]);
	fputc('\n', out);
}

static void print_lo(FILE *out, uint64_t lo, bool g, unsigned ps)
{
	uint64_t pa = lo & 0x0000fffffffff000ull & ~((1ull << ps) - 1);
	fprintf(out, "pa=0x%09" PRIx64 " %c%c%c%c%c%c plv%u mat%u", pa, lo & 1 ? 'V' : '-',
		lo & 2 ? 'D' : '-', g ? 'G' : '-', (lo >> 61) & 1 ? 'R' : '-', (lo >> 62) & 1 ? 'X' : '-',
		(lo >> 63) & 1 ? 'P' : '-', (unsigned)((lo >> 2) & 3), (unsigned)((lo >> 4) & 3));
}

void inspect_tlb(FILE *out, const struct cpu *c, int want_type, int want_gid)
{
	unsigned shown = 0;
	for (unsigned i = 0; i < TLB_ENTRIES; i++) {
		const struct tlb_entry *e = &c->tlb.e[i];
		if (!e->e || (want_gid >= 0 && e->gid != want_gid) || (want_type >= 0 && e->guest != want_type))
			continue;
		unsigned ps = e->ps < 63 ? e->ps : 62;
		/* VPPN is VA[47:13]; VA[63:48] sign-extend bit 47. */
		uint64_t va = (uint64_t)((int64_t)(e->vppn << 29) >> 16) & ~((2ull << ps) - 1);
		fprintf(out, "%4u %s %-10s gid=%-3u asid=%-4u va=0x%016" PRIx64 " ps=%-2u even: ",
			i, i < STLB_ENTRIES ? "stlb" : "mtlb",
			e->guest ? "guest" : (e->gid ? "root:stg2" : "root"), e->gid, e->asid, va, e->ps);
		print_lo(out, e->lo[0], e->g, ps);
		fprintf(out, "  odd: ");
		print_lo(out, e->lo[1], e->g, ps);
		fputc('\n', out);
		shown++;
	}
	fprintf(out, "%u entries (flags: V valid, D dirty, G global, R no-read, X no-exec, P RPLV)\n", shown);
}

void inspect_exits(FILE *out, const struct cpu *c, uint64_t n)
{
	const struct lvz_stats *ls = &c->lvz;
	uint64_t have = ls->log_count < LVZ_EXIT_LOG ? ls->log_count : LVZ_EXIT_LOG;
	if (!have) {
		fprintf(out, "no VM exits yet\n");
		return;
	}
	if (n > have)
		n = have;
	for (uint64_t k = n; k > 0; k--) {
		const struct lvz_exit_record *r = &ls->log[(ls->log_next + LVZ_EXIT_LOG - k) % LVZ_EXIT_LOG];
		unsigned ec = (r->estat >> ESTAT_ECODE_SH) & 0x3f, sub = (r->estat >> ESTAT_ESUB_SH) & 0x1ff;
		fprintf(out, "insn %-10" PRIu64 " gid %-3u exit:%-4s pc=0x%012" PRIx64 " cause=%-4s",
			r->icount, r->gid, lvz_exit_names[r->kind], r->pc,
			r->kind == EXIT_TLBR ? "TLBR" : ecode_name(ec, sub));
		if (r->kind == EXIT_TLBR || r->kind == EXIT_PF)
			fprintf(out, " gpa=0x%" PRIx64, r->badv);
		if (r->kind == EXIT_GSPR || r->kind == EXIT_HVC) {
			char dis[96];
			disasm_text((uint32_t)r->badi, r->pc, dis, sizeof(dis));
			fprintf(out, " insn: %s", dis);
		}
		fputc('\n', out);
	}
}
