/*
 * route.c - what traps in guest mode (docs/lvz.md, lvz-facts.md 3-5).
 */
#include "lvz/route.h"

#include "cpu/cpu.h"

bool lvz_guest_csr_native(const struct cpu *c, unsigned num)
{
	(void)c;
	/* The hardware guest bank = KVM's HW_GCSR list; everything else
	 * (GSTAT, IMPCTL, MERR*, debug, watchpoints, PERF...) traps. */
	return csr_exists(WORLD_GUEST, num);
}

bool lvz_guest_cacop_traps(const struct cpu *c, unsigned op)
{
	unsigned gci = (c->csr[WORLD_HOST][CSR_GCFG] >> 20) & 3;
	unsigned kind = (op >> 3) & 3;
	switch (gci) {
	case 1: return kind == 2;   /* "hit": hit-type operations trap */
	case 2: return kind == 0;   /* "secure": only cache initialisation traps */
	default: return true;       /* 0 "all" (and reserved 3) */
	}
}

bool lvz_guest_tlb_traps(const struct cpu *c)
{
	return (c->csr[WORLD_HOST][CSR_GTLBC] & GTLBC_TOTI) != 0;
}

struct tlb_ctx lvz_tlb_ctx(const struct cpu *c)
{
	const uint64_t *h = c->csr[WORLD_HOST];
	struct tlb_ctx ctx = { .match_asid = true };
	if (c->world == WORLD_GUEST) {
		ctx.guest = true;
		ctx.gid = (h[CSR_GSTAT] >> GSTAT_GID_SH) & 0xff;
		ctx.asid = c->csr[WORLD_GUEST][CSR_ASID] & 0x3ff;
	} else {
		ctx.guest = false;
		ctx.gid = (h[CSR_GTLBC] & GTLBC_USETGID) ? (h[CSR_GTLBC] >> GTLBC_TGID_SH) & 0xff : 0;
		ctx.asid = h[CSR_ASID] & 0x3ff;
	}
	return ctx;
}
