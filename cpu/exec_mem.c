/*
 * exec_mem.c - loads, stores, bound-check accesses, atomics and barriers
 * (Vol.1 2.2.5-2.2.8).
 *
 * Alignment: ordinary accesses may be misaligned (CPUCFG1.UAL = 1, unless
 * MISC.ALCL asks otherwise; mmu/mem.c).  ll/sc, am* and the bound-check
 * forms require natural alignment (ALE), as the manual's 2.2.7/2.2.8 say.
 */
#include "cpu/exec.h"

#define LOAD(name, size, ext)                                           \
	HANDLER(name) {                                                 \
		uint64_t v;                                             \
		if (!mem_load(cpu, RJ + (uint64_t)IMM, size, &v))       \
			return;                                         \
		RD = ext;                                               \
		NEXT();                                                 \
	}
#define LOADX(name, size, ext)                                          \
	HANDLER(name) {                                                 \
		uint64_t v;                                             \
		if (!mem_load(cpu, RJ + RK, size, &v))                  \
			return;                                         \
		RD = ext;                                               \
		NEXT();                                                 \
	}
#define STORE(name, size)                                               \
	HANDLER(name) {                                                 \
		if (mem_store(cpu, RJ + (uint64_t)IMM, size, RD))       \
			NEXT();                                         \
	}
#define STOREX(name, size)                                              \
	HANDLER(name) {                                                 \
		if (mem_store(cpu, RJ + RK, size, RD))                  \
			NEXT();                                         \
	}

LOAD(ld_b, 1, sext(v, 8))
LOAD(ld_h, 2, sext(v, 16))
LOAD(ld_w, 4, sext32(v))
LOAD(ld_d, 8, v)
LOAD(ld_bu, 1, v)
LOAD(ld_hu, 2, v)
LOAD(ld_wu, 4, v)
LOAD(ldptr_w, 4, sext32(v))
LOAD(ldptr_d, 8, v)
STORE(st_b, 1)
STORE(st_h, 2)
STORE(st_w, 4)
STORE(st_d, 8)
STORE(stptr_w, 4)
STORE(stptr_d, 8)
LOADX(ldx_b, 1, sext(v, 8))
LOADX(ldx_h, 2, sext(v, 16))
LOADX(ldx_w, 4, sext32(v))
LOADX(ldx_d, 8, v)
LOADX(ldx_bu, 1, v)
LOADX(ldx_hu, 2, v)
LOADX(ldx_wu, 4, v)
STOREX(stx_b, 1)
STOREX(stx_h, 2)
STOREX(stx_w, 4)
STOREX(stx_d, 8)

/* ---- bound-check accesses (2.2.6): the address is rj; the access happens
 * only if rj > rk (gt) / rj <= rk (le), else BCE with BADV = rj.  The
 * manual's pseudocode checks the address (ALE), then translates it (TLB
 * exceptions), then compares. ---- */
static bool bound_ok(struct cpu *cpu, const struct dinsn *d, bool gt, unsigned size, bool store)
{
	uint64_t a = RJ;
	if (a & (size - 1)) {
		cpu_exception(cpu, ECODE_ALE, 0, a);
		return false;
	}
	if (!mem_probe(cpu, a, store ? ACC_STORE : ACC_LOAD))
		return false;
	if (gt ? !(a > RK) : !(a <= RK)) {
		cpu_exception(cpu, ECODE_BCE, 0, a);
		return false;
	}
	return true;
}
#define BLOAD(name, gt, size, ext)                                      \
	HANDLER(name) {                                                 \
		uint64_t v;                                             \
		if (!bound_ok(cpu, d, gt, size, false) || !mem_load(cpu, RJ, size, &v)) \
			return;                                         \
		RD = ext;                                               \
		NEXT();                                                 \
	}
#define BSTORE(name, gt, size)                                          \
	HANDLER(name) {                                                 \
		if (bound_ok(cpu, d, gt, size, true) && mem_store(cpu, RJ, size, RD)) \
			NEXT();                                         \
	}
BLOAD(ldgt_b, true, 1, sext(v, 8))
BLOAD(ldgt_h, true, 2, sext(v, 16))
BLOAD(ldgt_w, true, 4, sext32(v))
BLOAD(ldgt_d, true, 8, v)
BLOAD(ldle_b, false, 1, sext(v, 8))
BLOAD(ldle_h, false, 2, sext(v, 16))
BLOAD(ldle_w, false, 4, sext32(v))
BLOAD(ldle_d, false, 8, v)
BSTORE(stgt_b, true, 1)
BSTORE(stgt_h, true, 2)
BSTORE(stgt_w, true, 4)
BSTORE(stgt_d, true, 8)
BSTORE(stle_b, false, 1)
BSTORE(stle_h, false, 2)
BSTORE(stle_w, false, 4)
BSTORE(stle_d, false, 8)

/* ---- LL/SC (2.2.7): the LLbit lives in LLBCTL.ROLLB of the current bank.
 * ertn clears it (cpu/exception.c); so does a write of WCLLB. ---- */
#define LLBIT (CSR(cpu, CSR_LLBCTL))
HANDLER(ll_w)
{
	uint64_t v;
	if (!mem_load_aligned(cpu, RJ + (uint64_t)IMM, 4, &v))
		return;
	RD = sext32(v);
	LLBIT |= LLBCTL_ROLLB;
	NEXT();
}
HANDLER(ll_d)
{
	uint64_t v;
	if (!mem_load_aligned(cpu, RJ + (uint64_t)IMM, 8, &v))
		return;
	RD = v;
	LLBIT |= LLBCTL_ROLLB;
	NEXT();
}
static void sc(struct cpu *cpu, const struct dinsn *d, unsigned size)
{
	uint64_t a = RJ + (uint64_t)IMM;
	if (a & (size - 1)) {
		cpu_exception(cpu, ECODE_ALE, 0, a);
		return;
	}
	if (LLBIT & LLBCTL_ROLLB) {
		if (!mem_store(cpu, a, size, RD))
			return;
		RD = 1;
	} else {
		RD = 0;
	}
	LLBIT &= ~LLBCTL_ROLLB;
	NEXT();
}
HANDLER(sc_w) { sc(cpu, d, 4); }
HANDLER(sc_d) { sc(cpu, d, 8); }

/* ---- AM* (2.2.7): rd <- old [rj]; [rj] <- op(old, rk).  Operand order in
 * the assembler is "am* rd, rk, rj".  _db forms add barriers, which a
 * sequential model already provides. ---- */
enum am_op { AM_SWAP, AM_ADD, AM_AND, AM_OR, AM_XOR, AM_MAX, AM_MIN, AM_MAXU, AM_MINU };

static uint64_t am_apply(enum am_op op, uint64_t old, uint64_t v, unsigned size)
{
	unsigned bits = 8 * size;
	int64_t so = (int64_t)sext(old, bits), sv = (int64_t)sext(v, bits);
	uint64_t m = bits == 64 ? ~0ull : (1ull << bits) - 1;
	uint64_t uo = old & m, uv = v & m;
	switch (op) {
	case AM_SWAP: return v;
	case AM_ADD: return old + v;
	case AM_AND: return old & v;
	case AM_OR: return old | v;
	case AM_XOR: return old ^ v;
	case AM_MAX: return so > sv ? old : v;
	case AM_MIN: return so < sv ? old : v;
	case AM_MAXU: return uo > uv ? old : v;
	case AM_MINU: return uo < uv ? old : v;
	}
	return v;
}

static void am(struct cpu *cpu, const struct dinsn *d, enum am_op op, unsigned size)
{
	uint64_t a = RJ, v = RK, old;
	bool fault;
	/* rd equal to rj or rk is an invalid encoding (2.2.7; QEMU agrees). */
	if (d->rd != 0 && (d->rd == d->rj || d->rd == d->rk)) {
		exec_invalid(cpu, d);
		return;
	}
	uint64_t pa = 0;
	void *p = mem_rmw_ptr(cpu, a, size, &fault, &pa);
	if (fault)
		return;
	if (p) {
		old = host_ld(p, size);
		host_st(p, size, am_apply(op, old, v, size));
		mem_rmw_written(cpu, pa, size);
	} else {
		if (!mem_load(cpu, a, size, &old) ||
		    !mem_store(cpu, a, size, am_apply(op, old, v, size)))
			return;
	}
	/* rd gets the old value, sign-extended for .w/.h/.b (2.2.7). */
	RD = sext(old, 8 * size);
	NEXT();
}

/* amswap.w and amswap_db.w: the _db form only adds barriers. */
#define AM(op_name, sfx, op, size) \
	HANDLER(op_name##_##sfx) { am(cpu, d, op, size); } \
	HANDLER(op_name##_db_##sfx) { am(cpu, d, op, size); }
AM(amswap, w, AM_SWAP, 4)
AM(amswap, d, AM_SWAP, 8)
AM(amadd, w, AM_ADD, 4)
AM(amadd, d, AM_ADD, 8)
AM(amand, w, AM_AND, 4)
AM(amand, d, AM_AND, 8)
AM(amor, w, AM_OR, 4)
AM(amor, d, AM_OR, 8)
AM(amxor, w, AM_XOR, 4)
AM(amxor, d, AM_XOR, 8)
AM(ammax, w, AM_MAX, 4)
AM(ammax, d, AM_MAX, 8)
AM(ammin, w, AM_MIN, 4)
AM(ammin, d, AM_MIN, 8)
AM(ammax, wu, AM_MAXU, 4)
AM(ammax, du, AM_MAXU, 8)
AM(ammin, wu, AM_MINU, 4)
AM(ammin, du, AM_MINU, 8)

/*
 * LoongArch v1.1 atomics (amcas.*, amswap/amadd .b/.h, llacq/screl, sc.q)
 * are decoded and disassembled, but the modelled core is an LA464, whose
 * CPUCFG2 does not advertise LAM_BH, LAMCAS, LLACQ_SCREL or SCQ: executing
 * them is INE, exactly as on QEMU 7.2's la464.
 */
#define V11(name) HANDLER(name) { exec_invalid(cpu, d); }
V11(amcas_b) V11(amcas_h) V11(amcas_w) V11(amcas_d)
V11(amcas_db_b) V11(amcas_db_h) V11(amcas_db_w) V11(amcas_db_d)
V11(amswap_b) V11(amswap_h) V11(amadd_b) V11(amadd_h)
V11(amswap_db_b) V11(amswap_db_h) V11(amadd_db_b) V11(amadd_db_h)
V11(llacq_w) V11(llacq_d) V11(screl_w) V11(screl_d) V11(sc_q)

/* ---- barriers and hints: nothing to do in a sequential model, except
 * that ibar must make stores visible to fetch, which the decode cache's
 * per-store invalidation already guarantees. ---- */
HANDLER(dbar) { NEXT(); }
HANDLER(ibar) { NEXT(); }
HANDLER(preld) { NEXT(); }
HANDLER(preldx) { NEXT(); }
