/*
 * translate.c - VA -> PA per Vol.1 5.2 (DA / DMW / TLB) and 5.4.4 (the TLB
 * lookup and its permission checks), plus the LVZ second stage.
 */
#include "mmu/translate.h"

#include "cpu/cpu.h"
#include "lvz/lvz.h"

#define PALEN 48
#define PA_MASK ((1ull << PALEN) - 1)
#define VALEN 48

/* Stage-1 translation of one world using that world's CSR bank `b`. */
static void translate_world(struct cpu *c, const uint64_t *b, const struct tlb_ctx *ctx,
			    uint64_t va, enum mem_access acc, struct xlate *x)
{
	uint64_t crmd = b[CSR_CRMD];
	unsigned plv = crmd & CRMD_PLV;

	x->tlb_index = -1;
	/* Direct address translation mode (DA=1, PG=0; QEMU treats every
	 * other combination as mapped, and so do we). */
	if ((crmd & CRMD_DA) && !(crmd & CRMD_PG)) {
		x->pa = va & PA_MASK;
		x->mat = (crmd >> (acc == ACC_FETCH ? CRMD_DATF_SH : CRMD_DATM_SH)) & 3;
		return;
	}
	/* Direct mapping windows: VSEG = VA[63:60] and the PLV bit set. */
	for (unsigned i = 0; i < 4; i++) {
		uint64_t dmw = b[CSR_DMW0 + i];
		if ((dmw >> plv) & 1 && (dmw >> 60) == (va >> 60)) {
			x->pa = va & PA_MASK;
			x->mat = (dmw >> 4) & 3;
			return;
		}
	}
	/* Page-table mapped: VA[63:VALEN] must sign-extend VA[VALEN-1]. */
	int64_t high = (int64_t)va >> (VALEN - 1);
	if (high != 0 && high != -1) {
		x->fault = XF_ADE;
		x->fault_addr = va;
		return;
	}
	unsigned stlb_ps = b[CSR_STLBPS] & 0x3f;
	int idx = tlb_lookup(&c->tlb, ctx, va, stlb_ps);
	if (idx < 0) {
		x->fault = XF_TLBR;
		x->fault_addr = va;
		return;
	}
	x->tlb_index = idx;
	const struct tlb_entry *e = &c->tlb.e[idx];
	unsigned ps = tlb_entry_ps(&c->tlb, (unsigned)idx, stlb_ps);
	uint64_t lo = e->lo[(va >> ps) & 1];
	unsigned eplv = (lo >> TLBELO_PLV_SH) & 3;
	uint8_t f = XF_NONE;

	/* Check order of the manual's pseudocode (5.4.4): V, NX, PLV, NR, D. */
	if (!(lo & TLBELO_V))
		f = XF_PI;
	else if (acc == ACC_FETCH && (lo & TLBELO_NX))
		f = XF_PNX;
	else if ((lo & TLBELO_RPLV) ? plv != eplv : plv > eplv)
		f = XF_PPI;
	else if (acc == ACC_LOAD && (lo & TLBELO_NR))
		f = XF_PNR;
	else if (acc == ACC_STORE && !(lo & TLBELO_D) &&
		 (plv == 3 || !((b[CSR_MISC] >> (MISC_DWPL_SH + plv)) & 1)))
		f = XF_PME;
	if (f) {
		x->fault = f;
		x->fault_addr = va;
		return;
	}
	uint64_t ppn_mask = PA_MASK & ~((1ull << ps) - 1);
	x->pa = (lo & ppn_mask) | (va & ((1ull << ps) - 1));
	x->mat = (lo >> TLBELO_MAT_SH) & 3;
}

/* LVZ second stage: GPA -> HPA through host-type entries of GSTAT.GID.
 * Only V and D are checked (no PLV: KVM maps guest memory with PLV0 and
 * guest user code must run; docs/lvz.md). */
static void translate_stage2(struct cpu *c, uint64_t gpa, enum mem_access acc, struct xlate *x)
{
	const uint64_t *h = c->csr[WORLD_HOST];
	struct tlb_ctx ctx = { .guest = false, .gid = lvz_current_gid(c), .match_asid = false };
	unsigned stlb_ps = h[CSR_STLBPS] & 0x3f;
	int idx = tlb_lookup(&c->tlb, &ctx, gpa, stlb_ps);

	x->stage = 2;
	x->fault_addr = gpa;
	if (idx < 0) {
		x->fault = XF_TLBR;
		return;
	}
	const struct tlb_entry *e = &c->tlb.e[idx];
	unsigned ps = tlb_entry_ps(&c->tlb, (unsigned)idx, stlb_ps);
	uint64_t lo = e->lo[(gpa >> ps) & 1];
	if (!(lo & TLBELO_V)) {
		x->fault = XF_PI;
		return;
	}
	if (acc == ACC_STORE && !(lo & TLBELO_D)) {
		x->fault = XF_PME;
		return;
	}
	uint64_t ppn_mask = PA_MASK & ~((1ull << ps) - 1);
	x->pa = (lo & ppn_mask) | (gpa & ((1ull << ps) - 1));
	/* GCFG.MATC = 1 (root decides the memory access type) is what KVM sets. */
	x->mat = (lo >> TLBELO_MAT_SH) & 3;
	x->stage = 1;
}

bool mmu_translate(struct cpu *c, uint64_t va, enum mem_access acc, struct xlate *x)
{
	x->fault = XF_NONE;
	x->stage = 1;
	if (c->world == WORLD_HOST) {
		const uint64_t *h = c->csr[WORLD_HOST];
		struct tlb_ctx ctx = { .guest = false, .gid = 0,
				       .asid = h[CSR_ASID] & 0x3ff, .match_asid = true };
		translate_world(c, h, &ctx, va, acc, x);
		x->gpa = x->pa;
		return x->fault == XF_NONE;
	}
	const uint64_t *g = c->csr[WORLD_GUEST];
	struct tlb_ctx ctx = { .guest = true, .gid = lvz_current_gid(c),
			       .asid = g[CSR_ASID] & 0x3ff, .match_asid = true };
	translate_world(c, g, &ctx, va, acc, x);
	if (x->fault)
		return false;
	x->gpa = x->pa;
	translate_stage2(c, x->gpa, acc, x);
	return x->fault == XF_NONE;
}

bool mmu_stage2(struct cpu *c, uint64_t gpa, enum mem_access acc, struct xlate *x)
{
	x->fault = XF_NONE;
	x->gpa = gpa;
	translate_stage2(c, gpa, acc, x);
	return x->fault == XF_NONE;
}

bool mmu_debug_translate(struct cpu *c, unsigned world, uint64_t va, uint64_t *pa)
{
	unsigned saved = c->world;
	struct xlate x;
	c->world = world;
	bool ok = mmu_translate(c, va, ACC_LOAD, &x);
	c->world = saved;
	if (ok)
		*pa = x.pa;
	return ok;
}

static unsigned pi_code(enum mem_access acc)
{
	return acc == ACC_FETCH ? ECODE_PIF : acc == ACC_STORE ? ECODE_PIS : ECODE_PIL;
}

void mmu_raise(struct cpu *c, const struct xlate *x, enum mem_access acc)
{
	unsigned ecode = 0, sub = 0;

	switch (x->fault) {
	case XF_ADE:
		ecode = ECODE_ADE;
		sub = acc == ACC_FETCH ? ESUB_ADEF : ESUB_ADEM;
		break;
	case XF_TLBR:
		if (x->stage == 2)
			lvz_stage2_refill(c, x->fault_addr);
		else
			cpu_tlb_refill(c, x->fault_addr);
		return;
	case XF_PI: ecode = pi_code(acc); break;
	case XF_PNX: ecode = ECODE_PNX; break;
	case XF_PPI: ecode = ECODE_PPI; break;
	case XF_PNR: ecode = ECODE_PNR; break;
	case XF_PME: ecode = ECODE_PME; break;
	}
	if (x->stage == 2) {
		lvz_stage2_fault(c, ecode, x->fault_addr);
		return;
	}
	/* TLB-related exceptions also record the VPPN in TLBEHI (7.5.2). */
	if (x->fault != XF_ADE)
		CSR(c, CSR_TLBEHI) = x->fault_addr & 0xffffffffffffe000ull;
	cpu_exception(c, ecode, sub, x->fault_addr);
}
