/*
 * exec_fp_move.c - FP moves, sign operations, fsel, FCSR and condition
 * flag moves, FP branches and FP loads/stores (Vol.1 3.2.1.5, 3.2.4-3.2.6).
 *
 * None of these computes, so none touches FCSR's Flags or Cause (as in
 * QEMU 7.2); all of them need the FPU enabled (FPD otherwise).
 */
#include "cpu/exec_fp.h"

/* ---- sign operations: bit manipulation, no exceptions (3.2.1.5).
 * The .s forms NaN-box their result, fcopysign.s keeps bits [63:32] of
 * fk (QEMU 7.2's choices for the free upper half). */
HANDLER(fabs_s) { FP_ENABLED(); FD = nanbox32(FJ & 0x7fffffffull); NEXT(); }
HANDLER(fabs_d) { FP_ENABLED(); FD = FJ & 0x7fffffffffffffffull; NEXT(); }
HANDLER(fneg_s) { FP_ENABLED(); FD = nanbox32(FJ ^ 0x80000000ull); NEXT(); }
HANDLER(fneg_d) { FP_ENABLED(); FD = FJ ^ 0x8000000000000000ull; NEXT(); }
HANDLER(fcopysign_s)
{
	FP_ENABLED();
	FD = (FK & ~0x7fffffffull) | (FJ & 0x7fffffffull);
	NEXT();
}
HANDLER(fcopysign_d)
{
	FP_ENABLED();
	FD = (FK & 0x8000000000000000ull) | (FJ & 0x7fffffffffffffffull);
	NEXT();
}

/* ---- moves between FPRs and GPRs (3.2.4.1) ---- */
HANDLER(fmov_s) { FP_ENABLED(); FD = nanbox32(FJ); NEXT(); }
HANDLER(fmov_d) { FP_ENABLED(); FD = FJ; NEXT(); }
/* movgr2fr.w writes bits [31:0] and keeps [63:32]; movgr2frh.w the
 * reverse; the GPR reads sign-extend the word (3.2.4.1). */
HANDLER(movgr2fr_w) { FP_ENABLED(); FD = (FD & 0xffffffff00000000ull) | (uint32_t)RJ; NEXT(); }
HANDLER(movgr2fr_d) { FP_ENABLED(); FD = RJ; NEXT(); }
HANDLER(movgr2frh_w) { FP_ENABLED(); FD = (FD & 0xffffffffull) | (RJ << 32); NEXT(); }
HANDLER(movfr2gr_s) { FP_ENABLED(); RD = sext32(FJ); NEXT(); }
HANDLER(movfr2gr_d) { FP_ENABLED(); RD = FJ; NEXT(); }
HANDLER(movfrh2gr_s) { FP_ENABLED(); RD = sext32(FJ >> 32); NEXT(); }

/* ---- FCSR (3.1.3): FCSR1-3 are windows on FCSR0's fields; bits outside a
 * window are neither read nor written through it.  A write changes RM
 * at once; it does not raise FPE even if Cause & Enables != 0 (the
 * manual ties FPE to instructions that compute; QEMU 7.2 agrees). */
HANDLER(movgr2fcsr)
{
	FP_ENABLED();
	uint32_t m = fcsr_view_mask(d->rd);
	cpu->fcsr = (cpu->fcsr & ~m) | ((uint32_t)RJ & m);
	NEXT();
}
HANDLER(movfcsr2gr)
{
	FP_ENABLED();
	RD = cpu->fcsr & fcsr_view_mask(d->rj);
	NEXT();
}

/* ---- condition flags (3.2.4.2): fcc is one bit ---- */
HANDLER(movfr2cf) { FP_ENABLED(); cpu->fcc[d->rd & 7] = FJ & 1; NEXT(); }
HANDLER(movcf2fr) { FP_ENABLED(); FD = cpu->fcc[d->rj & 7]; NEXT(); }
HANDLER(movgr2cf) { FP_ENABLED(); cpu->fcc[d->rd & 7] = RJ & 1; NEXT(); }
HANDLER(movcf2gr) { FP_ENABLED(); RD = cpu->fcc[d->rj & 7]; NEXT(); }

/* fsel fd, fj, fk, ca: fd = fcc[ca] ? fk : fj, all 64 bits (3.2.1.6). */
HANDLER(fsel) { FP_ENABLED(); FD = cpu->fcc[d->ra & 7] ? FK : FJ; NEXT(); }

/* bceqz/bcnez cj, offs21 (3.2.5); the offset is in bytes in d->imm. */
HANDLER(bceqz) { FP_ENABLED(); cpu->pc += cpu->fcc[d->rj & 7] == 0 ? (uint64_t)IMM : 4; }
HANDLER(bcnez) { FP_ENABLED(); cpu->pc += cpu->fcc[d->rj & 7] != 0 ? (uint64_t)IMM : 4; }

/* ---- loads and stores (3.2.6).  Ordinary forms may be misaligned like
 * integer accesses; fld.s NaN-boxes the word (as QEMU 7.2). ---- */
static void fload(struct cpu *cpu, const struct dinsn *d, uint64_t va, unsigned size)
{
	uint64_t v;
	if (!mem_load(cpu, va, size, &v))
		return;
	FD = size == 4 ? nanbox32(v) : v;
	NEXT();
}
static void fstore(struct cpu *cpu, const struct dinsn *d, uint64_t va, unsigned size)
{
	if (mem_store(cpu, va, size, size == 4 ? (uint32_t)FD : FD))
		NEXT();
}
HANDLER(fld_s) { FP_ENABLED(); fload(cpu, d, RJ + (uint64_t)IMM, 4); }
HANDLER(fld_d) { FP_ENABLED(); fload(cpu, d, RJ + (uint64_t)IMM, 8); }
HANDLER(fst_s) { FP_ENABLED(); fstore(cpu, d, RJ + (uint64_t)IMM, 4); }
HANDLER(fst_d) { FP_ENABLED(); fstore(cpu, d, RJ + (uint64_t)IMM, 8); }
HANDLER(fldx_s) { FP_ENABLED(); fload(cpu, d, RJ + RK, 4); }
HANDLER(fldx_d) { FP_ENABLED(); fload(cpu, d, RJ + RK, 8); }
HANDLER(fstx_s) { FP_ENABLED(); fstore(cpu, d, RJ + RK, 4); }
HANDLER(fstx_d) { FP_ENABLED(); fstore(cpu, d, RJ + RK, 8); }

/*
 * Bound-check forms (3.2.6.3): the address is rj, the access happens only
 * if rj > rk (gt) / rj <= rk (le), unsigned, else BCE; the address must be
 * naturally aligned (ALE), checked first as for ldgt/ldle (cpu/exec_mem.c).
 * QEMU 7.2 departs from the manual here: it accesses rj + rk and does not
 * check alignment (tests/fpu/README.md, exclusions 2 and 3).
 */
static bool fbound_ok(struct cpu *cpu, const struct dinsn *d, bool gt, unsigned size)
{
	uint64_t a = RJ;
	if (a & (size - 1)) {
		cpu_exception(cpu, ECODE_ALE, 0, a);
		return false;
	}
	if (gt ? !(a > RK) : !(a <= RK)) {
		cpu_exception(cpu, ECODE_BCE, 0, a);
		return false;
	}
	return true;
}
#define FBLOAD(name, gt, size) \
	HANDLER(name) { FP_ENABLED(); if (fbound_ok(cpu, d, gt, size)) fload(cpu, d, RJ, size); }
#define FBSTORE(name, gt, size) \
	HANDLER(name) { FP_ENABLED(); if (fbound_ok(cpu, d, gt, size)) fstore(cpu, d, RJ, size); }
FBLOAD(fldgt_s, true, 4)
FBLOAD(fldgt_d, true, 8)
FBLOAD(fldle_s, false, 4)
FBLOAD(fldle_d, false, 8)
FBSTORE(fstgt_s, true, 4)
FBSTORE(fstgt_d, true, 8)
FBSTORE(fstle_s, false, 4)
FBSTORE(fstle_d, false, 8)
