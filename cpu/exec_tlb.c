/*
 * exec_tlb.c - TLB maintenance (Vol.1 4.2.4) and software page walking
 * (4.2.5), for the host and, in guest mode, for the guest's own entries.
 *
 * While TLBRERA.IsTLBR = 1 (inside a refill handler) tlbsrch/tlbwr/tlbfill
 * take the entry from TLBREHI/TLBRELO0/1 and always write it valid, and
 * lddir/ldpte walk for TLBRBADV (7.5.13).
 */
#include "cpu/exec.h"
#include "lvz/lvz.h"
#include "lvz/route.h"
#include "mmu/softtlb_ops.h"
#include "mmu/translate.h"
#include "sim/machine.h"
#include "sim/trace.h"

#define PA_MASK ((1ull << 48) - 1)
#define TLBIDX_INDEX 0xfffull

static bool tlb_insn_allowed(struct cpu *cpu)
{
	if (!require_plv0(cpu))
		return false;
	if (cpu->world == WORLD_GUEST && lvz_guest_tlb_traps(cpu)) {
		lvz_gspr(cpu);
		return false;
	}
	return true;
}

static bool in_refill(const struct cpu *cpu)
{
	return CSR(cpu, CSR_TLBRERA) & TLBRERA_ISTLBR;
}

static unsigned stlb_ps(const struct cpu *cpu)
{
	return CSR(cpu, CSR_STLBPS) & 0x3f;
}

static void tlb_changed(struct cpu *cpu, const char *what, int idx)
{
	stlb_flush_all(cpu);
	if (cpu->trace)
		trace_tlb(cpu->trace, cpu, what, idx);
}

/* tlbsrch: search with (TLBR)EHI.VPPN and ASID; hit -> TLBIDX.Index, NE=0. */
HANDLER(tlbsrch)
{
	(void)d;
	if (!tlb_insn_allowed(cpu))
		return;
	struct tlb_ctx ctx = lvz_tlb_ctx(cpu);
	uint64_t ehi = in_refill(cpu) ? CSR(cpu, CSR_TLBREHI) : CSR(cpu, CSR_TLBEHI);
	int idx = tlb_lookup(&cpu->tlb, &ctx, ehi & ~0x1fffull, stlb_ps(cpu));
	uint64_t *tlbidx = &CSR(cpu, CSR_TLBIDX);
	if (idx >= 0)
		*tlbidx = (*tlbidx & ~(TLBIDX_NE | TLBIDX_INDEX)) | (unsigned)idx;
	else
		*tlbidx |= TLBIDX_NE;
	NEXT();
}

/* Is entry idx visible to the current world's TLB instructions? */
static bool entry_visible(struct cpu *cpu, unsigned idx)
{
	const struct tlb_entry *e = &cpu->tlb.e[idx];
	if (cpu->world == WORLD_HOST)
		return true;        /* the host sees every entry (TRGP tells whose) */
	return e->guest && e->gid == lvz_current_gid(cpu);
}

HANDLER(tlbrd)
{
	(void)d;
	if (!tlb_insn_allowed(cpu))
		return;
	unsigned idx = (unsigned)(CSR(cpu, CSR_TLBIDX) & TLBIDX_INDEX);
	uint64_t *b = cpu->csr_cur;
	if (idx >= TLB_ENTRIES || !cpu->tlb.e[idx].e || !entry_visible(cpu, idx)) {
		/* Empty entry: NE=1, PS=0, EHI/ELO0/ELO1 = 0 (4.2.4.2). */
		b[CSR_TLBIDX] = (b[CSR_TLBIDX] & TLBIDX_INDEX) | TLBIDX_NE;
		b[CSR_TLBEHI] = b[CSR_TLBELO0] = b[CSR_TLBELO1] = 0;
		if (cpu->world == WORLD_HOST)
			b[CSR_TRGP] = 0;
	} else {
		const struct tlb_entry *e = &cpu->tlb.e[idx];
		uint64_t g = e->g ? TLBELO_G : 0;
		b[CSR_TLBIDX] = (b[CSR_TLBIDX] & TLBIDX_INDEX) | ((uint64_t)e->ps << TLBIDX_PS_SH);
		b[CSR_TLBEHI] = e->vppn << 13;
		b[CSR_TLBELO0] = e->lo[0] | g;
		b[CSR_TLBELO1] = e->lo[1] | g;
		b[CSR_ASID] = (b[CSR_ASID] & ~0x3ffull) | e->asid;
		if (cpu->world == WORLD_HOST)   /* TRGP: GTLB bit 0, RID 23:16 */
			b[CSR_TRGP] = (e->guest ? 1 : 0) | ((uint64_t)e->gid << 16);
		stlb_flush_all(cpu);    /* ASID may have changed */
	}
	NEXT();
}

/* Is 2^ps a page size this core implements (PRCFG2, Vol.1 7.3.2)? */
static bool page_size_ok(const struct cpu *cpu, unsigned ps)
{
	return ps < 64 && ((CSR(cpu, CSR_PRCFG2) >> ps) & 1);
}

/* Build an entry from the CSRs tlbwr/tlbfill read.  The manual leaves a
 * page size outside PRCFG2 undefined; we write nothing then (false), as
 * later QEMU versions do (check_ps), so no entry ever holds a size the
 * lookup cannot compare.  An entry written with NE = 1 is just removed. */
static bool entry_from_csrs(struct cpu *cpu, struct tlb_entry *out, unsigned *ps_out)
{
	const uint64_t *b = cpu->csr_cur;
	bool r = in_refill(cpu);
	uint64_t ehi = r ? b[CSR_TLBREHI] : b[CSR_TLBEHI];
	uint64_t lo0 = r ? b[CSR_TLBRELO0] : b[CSR_TLBELO0];
	uint64_t lo1 = r ? b[CSR_TLBRELO1] : b[CSR_TLBELO1];
	unsigned ps = r ? (unsigned)(b[CSR_TLBREHI] & 0x3f) : (unsigned)((b[CSR_TLBIDX] >> TLBIDX_PS_SH) & 0x3f);
	struct tlb_ctx ctx = lvz_tlb_ctx(cpu);
	struct tlb_entry e = {
		.vppn = (ehi >> 13) & ((1ull << 35) - 1),
		/* G is one bit per entry: set only if both halves say G. */
		.g = (lo0 & TLBELO_G) && (lo1 & TLBELO_G),
		.lo = { lo0 & ~TLBELO_G, lo1 & ~TLBELO_G },
		.asid = b[CSR_ASID] & 0x3ff,
		.ps = (uint8_t)ps,
		.e = r || !(b[CSR_TLBIDX] & TLBIDX_NE),
		.guest = ctx.guest,
		.gid = ctx.gid,
	};
	if (!page_size_ok(cpu, ps)) {
		if (e.e)
			return false;
		e.ps = 12;      /* removed anyway; keep every entry's ps valid */
	}
	*ps_out = e.ps;
	*out = e;
	return true;
}

HANDLER(tlbwr)
{
	(void)d;
	if (!tlb_insn_allowed(cpu))
		return;
	unsigned ps, idx = (unsigned)(CSR(cpu, CSR_TLBIDX) & TLBIDX_INDEX);
	struct tlb_entry e;
	bool written = entry_from_csrs(cpu, &e, &ps) && idx < TLB_ENTRIES;
	if (written)
		cpu->tlb.e[idx] = e;    /* beyond the TLB: undefined, we ignore it */
	tlb_changed(cpu, "tlbwr", written ? (int)idx : -1);
	NEXT();
}

HANDLER(tlbfill)
{
	(void)d;
	if (!tlb_insn_allowed(cpu))
		return;
	unsigned ps;
	int idx = -1;
	struct tlb_entry e;
	if (entry_from_csrs(cpu, &e, &ps)) {
		idx = (int)tlb_fill_index(&cpu->tlb, e.vppn << 13, ps, stlb_ps(cpu));
		cpu->tlb.e[idx] = e;
	}
	tlb_changed(cpu, "tlbfill", idx);
	NEXT();
}

/* tlbclr/tlbflush: one STLB set (all ways) or the whole MTLB, chosen by
 * TLBIDX.Index; tlbclr only removes G=0 entries of the current ASID. */
static void clear_by_index(struct cpu *cpu, bool asid_only)
{
	unsigned idx = (unsigned)(CSR(cpu, CSR_TLBIDX) & TLBIDX_INDEX);
	uint16_t asid = CSR(cpu, CSR_ASID) & 0x3ff;
	unsigned first, step, count;
	if (idx < STLB_ENTRIES) {
		first = idx % STLB_SETS;
		step = STLB_SETS;
		count = STLB_WAYS;
	} else if (idx < TLB_ENTRIES) {
		first = STLB_ENTRIES;
		step = 1;
		count = MTLB_ENTRIES;
	} else {
		return;
	}
	struct tlb_ctx ctx = lvz_tlb_ctx(cpu);
	for (unsigned k = 0, i = first; k < count; k++, i += step) {
		struct tlb_entry *e = &cpu->tlb.e[i];
		if (!e->e || e->guest != ctx.guest || e->gid != ctx.gid)
			continue;
		if (asid_only && (e->g || e->asid != asid))
			continue;
		e->e = false;
	}
}

HANDLER(tlbclr)
{
	(void)d;
	if (!tlb_insn_allowed(cpu))
		return;
	clear_by_index(cpu, true);
	tlb_changed(cpu, "tlbclr", -1);
	NEXT();
}

HANDLER(tlbflush)
{
	(void)d;
	if (!tlb_insn_allowed(cpu))
		return;
	clear_by_index(cpu, false);
	tlb_changed(cpu, "tlbflush", -1);
	NEXT();
}

/*
 * invtlb op, rj, rk (4.2.4.7; LVZ ops 9-0x16 from Linux asm/tlb.h and
 * lvz-facts.md 8): rj[9:0] = ASID, rj[23:16] = GID, rk = VA.  In guest
 * mode only ops 0-6 exist and act on the guest's own entries.
 */
HANDLER(invtlb)
{
	if (!tlb_insn_allowed(cpu))
		return;
	unsigned op = d->rd;
	uint16_t asid = RJ & 0x3ff;
	uint8_t gid = (RJ >> 16) & 0xff;
	uint64_t va = RK;
	struct tlb_ctx ctx = lvz_tlb_ctx(cpu);
	struct tlb *t = &cpu->tlb;
	unsigned sp = stlb_ps(cpu);
	bool guest = cpu->world == WORLD_GUEST;

	if (guest && op > 6) {
		exec_invalid(cpu, d);
		return;
	}
	switch (op) {
	case 0:
		if (guest)
			tlb_invalidate(t, INV_CTX_ALL, ctx.guest, ctx.gid, 0, 0, sp);
		else
			tlb_invalidate(t, INV_ALL, false, 0, 0, 0, sp);
		break;
	case 1: tlb_invalidate(t, INV_CTX_ALL, ctx.guest, ctx.gid, 0, 0, sp); break;
	case 2: tlb_invalidate(t, INV_CTX_G1, ctx.guest, ctx.gid, 0, 0, sp); break;
	case 3: tlb_invalidate(t, INV_CTX_G0, ctx.guest, ctx.gid, 0, 0, sp); break;
	case 4: tlb_invalidate(t, INV_CTX_G0_ASID, ctx.guest, ctx.gid, asid, 0, sp); break;
	case 5: tlb_invalidate(t, INV_CTX_G0_ASID_VA, ctx.guest, ctx.gid, asid, va, sp); break;
	case 6: tlb_invalidate(t, INV_CTX_G1orASID_VA, ctx.guest, ctx.gid, asid, va, sp); break;
	case 0x9: tlb_invalidate(t, INV_CTX_ALL, true, gid, 0, 0, sp); break;
	case 0xa: tlb_invalidate(t, INV_CTX_G1, true, gid, 0, 0, sp); break;
	case 0xb: tlb_invalidate(t, INV_CTX_G0, true, gid, 0, 0, sp); break;
	case 0xc: tlb_invalidate(t, INV_CTX_G0_ASID, true, gid, asid, 0, sp); break;
	case 0xd: tlb_invalidate(t, INV_CTX_G0_ASID_VA, true, gid, asid, va, sp); break;
	case 0xe: tlb_invalidate(t, INV_CTX_G1orASID_VA, true, gid, asid, va, sp); break;
	case 0x10: tlb_invalidate(t, INV_TYPE_ALLGID, true, 0, 0, 0, sp); break;
	case 0x11: tlb_invalidate(t, INV_ROOT_GUESTS, false, 0, 0, 0, sp); break;
	case 0x12:
		tlb_invalidate(t, INV_TYPE_ALLGID, true, 0, 0, 0, sp);
		tlb_invalidate(t, INV_ROOT_GUESTS, false, 0, 0, 0, sp);
		break;
	case 0x13: tlb_invalidate(t, INV_CTX_ALL, true, gid, 0, 0, sp); break;
	case 0x14: tlb_invalidate(t, INV_CTX_ALL, false, gid, 0, 0, sp); break;
	case 0x15:
		tlb_invalidate(t, INV_CTX_ALL, true, gid, 0, 0, sp);
		tlb_invalidate(t, INV_CTX_ALL, false, gid, 0, 0, sp);
		break;
	case 0x16: tlb_invalidate(t, INV_VA_NOASID, false, gid, 0, va, sp); break;
	default:
		exec_invalid(cpu, d);   /* reserved op: INE (4.2.4.7) */
		return;
	}
	tlb_changed(cpu, "invtlb", -1);
	NEXT();
}

/* ---- software page walking (4.2.5) ---- */

/* Read a page-table word at a physical address of the current world (a
 * GPA in guest mode, so it goes through the second stage). */
static bool pt_read(struct cpu *cpu, uint64_t addr, uint64_t *val)
{
	uint64_t pa = addr & PA_MASK;
	if (cpu->world == WORLD_GUEST) {
		if (!lvz_gpa_to_hpa(cpu, pa, ACC_LOAD, &pa))
			return false;
	}
	if (!phys_read(cpu->m, pa, 8, val)) {
		cpu_exception(cpu, ECODE_ADE, ESUB_ADEM, addr);
		return false;
	}
	return true;
}

static uint64_t walk_badv(const struct cpu *cpu)
{
	return in_refill(cpu) ? CSR(cpu, CSR_TLBRBADV) : CSR(cpu, CSR_BADV);
}

#define PTE_HUGE (1ull << 6)        /* Linux _PAGE_HUGE: rj holds a huge PTE */
#define PTE_HGLOBAL (1ull << 12)    /* Linux _PAGE_HGLOBAL: G of a huge PTE */

HANDLER(lddir)
{
	if (!require_plv0(cpu))
		return;
	uint64_t base = RJ;
	if (base & PTE_HUGE) {
		RD = base;
		NEXT();
		return;
	}
	uint64_t pwcl = CSR(cpu, CSR_PWCL), pwch = CSR(cpu, CSR_PWCH);
	unsigned dbase, dwidth;
	switch (IMM) {
	case 1: dbase = (pwcl >> 10) & 0x1f; dwidth = (pwcl >> 15) & 0x1f; break;
	case 2: dbase = (pwcl >> 20) & 0x1f; dwidth = (pwcl >> 25) & 0x1f; break;
	case 3: dbase = pwch & 0x3f; dwidth = (pwch >> 6) & 0x3f; break;
	case 4: dbase = (pwch >> 12) & 0x3f; dwidth = (pwch >> 18) & 0x3f; break;
	default:
		exec_invalid(cpu, d);   /* QEMU 7.2 does the same */
		return;
	}
	unsigned entry_bytes = 8 * (unsigned)(((pwcl >> 30) & 3) + 1);
	uint64_t index = (walk_badv(cpu) >> dbase) & ((1ull << dwidth) - 1);
	uint64_t v;
	if (!pt_read(cpu, (base & PA_MASK) + index * entry_bytes, &v))
		return;
	/* A directory entry is a table address: keep PALEN bits, as QEMU
	 * does; a huge-page entry is passed on whole (its NR/NX/RPLV bits
	 * matter to the ldpte that follows). */
	RD = (v & PTE_HUGE) ? v : (v & PA_MASK);
	NEXT();
}

HANDLER(ldpte)
{
	if (!require_plv0(cpu))
		return;
	uint64_t base = RJ, pwcl = CSR(cpu, CSR_PWCL), v;
	unsigned ptbase = pwcl & 0x1f, ptwidth = (pwcl >> 5) & 0x1f, ps;
	unsigned odd = IMM & 1;
	if (base & PTE_HUGE) {
		/* A huge PTE becomes the two halves of a (ptbase+ptwidth-1)-sized
		 * pair: clear HUGE, move HGLOBAL to G, odd half = +2^ps. */
		ps = (ptbase + ptwidth - 1) & 0x3f;     /* PS is 6 bits; 0 + 0 - 1 wraps */
		v = base & ~PTE_HUGE;
		if (v & PTE_HGLOBAL)
			v = (v & ~PTE_HGLOBAL) | TLBELO_G;
		if (odd)
			v += 1ull << ps;
	} else {
		unsigned entry_bytes = 8 * (unsigned)(((pwcl >> 30) & 3) + 1);
		uint64_t index = ((walk_badv(cpu) >> ptbase) & ((1ull << ptwidth) - 1)) & ~1ull;
		if (!pt_read(cpu, (base & PA_MASK) + (index + odd) * entry_bytes, &v))
			return;
		ps = ptbase;
	}
	csr_write(cpu, cpu->world, odd ? CSR_TLBRELO1 : CSR_TLBRELO0, v);
	CSR(cpu, CSR_TLBREHI) = (CSR(cpu, CSR_TLBREHI) & ~0x3full) | ps;
	NEXT();
}
