/*
 * fpu_exc.c - FPU exceptions and state that the vector images do not
 * reach: FPD (EUEN.FPE = 0), FPE (an enabled Cause), FCSR1-3 as views of
 * FCSR0, fcc moves and FP branches, FP loads and stores including the
 * bound-check forms (BCE).  Runs on lvzsim and QEMU 7.2; the UART outputs
 * must be identical, and the CHECKs state what the manual (Vol.1 v1.10)
 * says, so a wrong value fails on both.
 *
 * Not compared, because QEMU 7.2 departs from the manual (each case is
 * printed as an "excluded:" line so the count shows in the output):
 *   1. FCSR0 reserved bits: a movgr2fcsr $fcsr0 keeps them in QEMU 7.2
 *      (trans_movgr2fcsr stores the whole word) and movfcsr2gr returns
 *      them; by the manual (3.1.3.1) only Enables, RM, Flags and Cause
 *      exist.  lvzsim reads them as 0; not printed.
 *   2. fldgt/fldle/fstgt/fstle access address rj + rk in QEMU 7.2
 *      (gen_fload_gt adds the registers); the manual (3.2.6.3) accesses
 *      rj.  Only BCE cases and successful cases with rk = 0 (same
 *      address either way) are compared.
 *   3. QEMU 7.2 does not check natural alignment of the FP bound-check
 *      forms; lvzsim raises ALE as for ldgt/ldle.  Not compared.
 *   4. bceqz/bcnez with EUEN.FPE = 0: QEMU 7.2 branches (gen_cz_bc has no
 *      FPE check, unlike every other FP instruction since its "Fix
 *      emulation of float-point disable exception").  They are basic FP
 *      instructions (Vol.1 3.2.5), which EUEN.FPE = 0 disables (7.4.3),
 *      and fcc is FP context that Linux switches lazily on FPD, so lvzsim
 *      raises FPD; checked in tests/unit/test_fpu.c instead.
 */
#include "rt.h"

typedef void stub_fn(void);
extern stub_fn x_fadd_d, x_fadd_s, x_fdiv_d, x_fmul_d, x_frecip_d, x_fmadd_s, x_fsqrt_s,
	x_ftintrz_w_d, x_ffint_s_l, x_frint_d, x_fcvt_s_d, x_fcmp_sor_d, x_fcmp_cor_d,
	x_fcmp_sueq_s, x_fcmp_cueq_s, x_fabs_d, x_fclass_s, x_fsel, x_fmov_d, x_movgr2fr_d,
	x_movfr2gr_s, x_movgr2fcsr, x_movfcsr2gr, x_movgr2cf, x_movcf2gr, x_movfr2cf,
	x_movcf2fr, x_fld_s, x_fld_d, x_fst_s, x_fst_d, x_fldx_s, x_fldx_d,
	x_fstx_s, x_fstx_d, x_fldgt_s, x_fldgt_d, x_fldle_s, x_fldle_d, x_fstgt_s, x_fstgt_d,
	x_fstle_s, x_fstle_d, x_fstle_d_zero, x_fldle_d_zero, x_fldle_s_zero, x_fstle_s_zero;
unsigned long x_call(stub_fn *s, unsigned long a0, unsigned long a1, unsigned long a2);
unsigned long x_callf(stub_fn *s, unsigned long a0, unsigned long a1, unsigned long a2);
extern uint64_t x_fin[4], x_fout[3];

#define FCSR_V 0x10u
#define FCSR_Z 0x08u
#define FCSR_O 0x04u
#define FCSR_U 0x02u
#define FCSR_I 0x01u
#define CAUSE(x) ((unsigned long)(x) << 24)
#define FLAGS(x) ((unsigned long)(x) << 16)

static const uint64_t QNAN_D = 0x7ff8000000000000ul, SNAN_D = 0x7ff0000000000001ul;
static const uint64_t ONE_D = 0x3ff0000000000000ul, TWO_D = 0x4000000000000000ul;
static const uint64_t MARK = 0x5a5a5a5a5a5a5a5aul;
static int excluded;

/* Run a stub expecting at most one exception; print what happened.
 * Returns the Ecode, or -1 if none. */
static int run(const char *name, stub_fn *s, int fp, unsigned long a0, unsigned long a1,
	       unsigned long a2)
{
	rt_expect_trap();
	unsigned long r = fp ? x_callf(s, a0, a1, a2) : x_call(s, a0, a1, a2);
	int ec = rt_trap_result();
	printf("%-14s", name);
	if (ec < 0) {
		printf(" no exception, a0=0x%lx", r);
	} else {
		unsigned long era = rt_last_trap.era;
		printf(" ecode=0x%x esub=%u era=%s", ec, (unsigned)ESTAT_ESUB(rt_last_trap.estat),
		       era == (unsigned long)s ? "insn" : "?");
		CHECK_EQ(era, (unsigned long)s);
	}
	if (fp)
		printf(" f0=0x%lx fcc0=%lu fcsr0=0x%lx", (unsigned long)x_fout[0],
		       (unsigned long)x_fout[1], (unsigned long)x_fout[2]);
	putchar('\n');
	return ec;
}

static void fin(uint64_t f0, uint64_t f1, uint64_t f2, uint64_t f3)
{
	x_fin[0] = f0;
	x_fin[1] = f1;
	x_fin[2] = f2;
	x_fin[3] = f3;
}

/* ---- FPD: every kind of FP instruction with EUEN.FPE = 0 (7.4.3) ---- */
static void test_fpd(void)
{
	static const struct { const char *n; stub_fn *s; } list[] = {
		{ "fadd.d", x_fadd_d }, { "fmadd.s", x_fmadd_s }, { "fcmp.sor.d", x_fcmp_sor_d },
		{ "fabs.d", x_fabs_d }, { "fclass.s", x_fclass_s }, { "fsel", x_fsel },
		{ "fmov.d", x_fmov_d }, { "movgr2fr.d", x_movgr2fr_d }, { "movfr2gr.s", x_movfr2gr_s },
		{ "movgr2fcsr", x_movgr2fcsr }, { "movfcsr2gr", x_movfcsr2gr },
		{ "movgr2cf", x_movgr2cf }, { "movcf2gr", x_movcf2gr }, { "fld.d", x_fld_d }, { "fst.s", x_fst_s },
		{ "fldx.d", x_fldx_d }, { "fldgt.s", x_fldgt_s }, { "fstle.d", x_fstle_d },
		{ "ftintrz.w.d", x_ftintrz_w_d },
	};
	static uint64_t buf[4];
	puts("# FPD: EUEN.FPE = 0");
	csr_write(CSR_EUEN, 0);
	for (unsigned i = 0; i < sizeof(list) / sizeof(list[0]); i++) {
		/* addresses that would be valid, so only FPD can happen */
		int ec = run(list[i].n, list[i].s, 0, (unsigned long)&buf[1], 0, 0);
		CHECK_EQ(ec, EC_FPD);
	}
	/* Exclusion 4 (see the top of this file). */
	puts("excluded: bceqz/bcnez with EUEN.FPE = 0 (QEMU 7.2 raises no FPD for them)");
	excluded++;
	csr_write(CSR_EUEN, EUEN_FPE);
}

/* ---- FPE: Cause & Enables != 0 (3.1.3.1, Ecode 0x12) ---- */
static void fpe_case(const char *name, stub_fn *s, unsigned enables, uint64_t f1, uint64_t f2,
		     uint64_t f3, int want_ec, unsigned long want_cause)
{
	fin(MARK, f1, f2, f3);
	/* FCSR0: enables, RM = nearest, Flags = Z (to see they stay), fcc0 = 1 */
	x_call(x_movgr2cf, 1, 0, 0);
	x_call(x_movgr2fcsr, enables | FLAGS(FCSR_Z), 0, 0);
	int ec = run(name, s, 1, 0, 0, 0);
	CHECK_EQ(ec, want_ec);
	CHECK_EQ(x_fout[2] & CAUSE(0x1f), want_cause);
	if (ec == EC_FPE) {
		/* the destination is not written and Flags do not change */
		if (s == x_fcmp_sor_d || s == x_fcmp_sueq_s)
			CHECK_EQ(x_fout[1], 1);
		else
			CHECK_EQ(x_fout[0], MARK);
		CHECK_EQ(x_fout[2] & FLAGS(0x1f), FLAGS(FCSR_Z));
	}
	x_call(x_movgr2fcsr, 0, 0, 0);
}

static void test_fpe(void)
{
	puts("# FPE: enabled causes");
	fpe_case("0/0 V", x_fdiv_d, FCSR_V, 0, 0, 0, EC_FPE, CAUSE(FCSR_V));
	fpe_case("0/0 V off", x_fdiv_d, FCSR_Z, 0, 0, 0, -1, CAUSE(FCSR_V));
	fpe_case("1/0 Z", x_frecip_d, FCSR_Z, 0, 0, 0, EC_FPE, CAUSE(FCSR_Z));
	fpe_case("1+2^-60 I", x_fadd_d, FCSR_I, ONE_D, 0x3c30000000000000ul, 0, EC_FPE, CAUSE(FCSR_I));
	fpe_case("1+1 I exact", x_fadd_d, FCSR_I, ONE_D, ONE_D, 0, -1, 0);
	fpe_case("max*2 O", x_fmul_d, FCSR_O, 0x7feffffffffffffful, TWO_D, 0, EC_FPE, CAUSE(FCSR_O | FCSR_I));
	fpe_case("max*2 I", x_fmul_d, FCSR_I, 0x7feffffffffffffful, TWO_D, 0, EC_FPE, CAUSE(FCSR_O | FCSR_I));
	fpe_case("tiny*tiny U", x_fmul_d, FCSR_U, 0x0010000000000001ul, 0x3c90000000000000ul, 0, EC_FPE, CAUSE(FCSR_U | FCSR_I));
	/* exact subnormal result: tiny but exact, so no underflow (7.5) */
	fpe_case("min/2 exact", x_fmul_d, FCSR_U, 0x0010000000000000ul, 0x3fe0000000000000ul, 0, -1, 0);
	fpe_case("sqrt(-1) V", x_fsqrt_s, FCSR_V, 0xffffffffbf800000ul, 0, 0, EC_FPE, CAUSE(FCSR_V));
	fpe_case("fma inf*0+1", x_fmadd_s, FCSR_V, 0xffffffff7f800000ul, 0xffffffff00000000ul, 0xffffffff3f800000ul, EC_FPE, CAUSE(FCSR_V));
	fpe_case("ftintrz NaN", x_ftintrz_w_d, FCSR_V, QNAN_D, 0, 0, EC_FPE, CAUSE(FCSR_V));
	fpe_case("ftintrz 2^31", x_ftintrz_w_d, FCSR_V, 0x41e0000000000000ul, 0, 0, EC_FPE, CAUSE(FCSR_V));
	fpe_case("ffint 2^62+1 I", x_ffint_s_l, FCSR_I, 0x4000000000000001ul, 0, 0, EC_FPE, CAUSE(FCSR_I));
	fpe_case("frint 1.5 I", x_frint_d, FCSR_I, 0x3ff8000000000000ul, 0, 0, EC_FPE, CAUSE(FCSR_I));
	fpe_case("fcvt.s.d O", x_fcvt_s_d, FCSR_O, 0x47f0000000000000ul, 0, 0, EC_FPE, CAUSE(FCSR_O | FCSR_I));
	/* fcmp: signaling predicates raise Invalid on a quiet NaN, quiet ones
	 * only on a signaling NaN (3.2.2); fcc is not written on a trap. */
	fpe_case("fcmp.sor qNaN", x_fcmp_sor_d, FCSR_V, QNAN_D, ONE_D, 0, EC_FPE, CAUSE(FCSR_V));
	fpe_case("fcmp.cor qNaN", x_fcmp_cor_d, FCSR_V, QNAN_D, ONE_D, 0, -1, 0);
	fpe_case("fcmp.cor sNaN", x_fcmp_cor_d, FCSR_V, SNAN_D, ONE_D, 0, EC_FPE, CAUSE(FCSR_V));
	fpe_case("fcmp.sueq qNaN", x_fcmp_sueq_s, FCSR_V, 0xffffffff7fc00000ul, 0, 0, EC_FPE, CAUSE(FCSR_V));
	fpe_case("fcmp.cueq qNaN", x_fcmp_cueq_s, FCSR_V, 0xffffffff7fc00000ul, 0, 0, -1, 0);
	/* non-computing instructions neither trap nor touch Cause/Flags */
	fpe_case("fabs sNaN", x_fabs_d, FCSR_V, SNAN_D, 0, 0, -1, 0);
	fpe_case("fclass sNaN", x_fclass_s, FCSR_V, 0xffffffff7f800001ul, 0, 0, -1, 0);

	/* Flags accumulate over instructions; Cause is the last one's. */
	x_call(x_movgr2fcsr, 0, 0, 0);
	fin(0, 0, 0, 0);
	x_callf(x_fdiv_d, 0, 0, 0);                     /* V */
	fin(0, ONE_D, 0, 0);
	x_callf(x_fdiv_d, 0, 0, 0);                     /* Z */
	fin(0, ONE_D, 0x3c30000000000000ul, 0);
	x_callf(x_fadd_d, 0, 0, 0);                     /* I */
	printf("accumulated fcsr0=0x%lx\n", (unsigned long)x_fout[2]);
	CHECK_EQ(x_fout[2], FLAGS(FCSR_V | FCSR_Z | FCSR_I) | CAUSE(FCSR_I));
	/* A write of Cause with the same bit enabled does not trap (only
	 * computing instructions raise FPE); the next exact one clears Cause. */
	x_call(x_movgr2fcsr, CAUSE(FCSR_V) | FCSR_V, 0, 0);
	fin(0, ONE_D, ONE_D, 0);
	int ec = run("cause write", x_fadd_d, 1, 0, 0, 0);
	CHECK_EQ(ec, -1);
	CHECK_EQ(x_fout[2], FCSR_V);
	x_call(x_movgr2fcsr, 0, 0, 0);
}

/* ---- FCSR1-3: windows on FCSR0's fields (3.1.3.2) ---- */
static unsigned long rd_fcsr(int n)
{
	unsigned long v;
	switch (n) {
	case 1: __asm__ volatile("movfcsr2gr %0, $fcsr1" : "=r"(v)); break;
	case 2: __asm__ volatile("movfcsr2gr %0, $fcsr2" : "=r"(v)); break;
	case 3: __asm__ volatile("movfcsr2gr %0, $fcsr3" : "=r"(v)); break;
	default: __asm__ volatile("movfcsr2gr %0, $fcsr0" : "=r"(v)); break;
	}
	return v;
}
static void wr_fcsr(int n, unsigned long v)
{
	switch (n) {
	case 1: __asm__ volatile("movgr2fcsr $fcsr1, %0" : : "r"(v)); break;
	case 2: __asm__ volatile("movgr2fcsr $fcsr2, %0" : : "r"(v)); break;
	case 3: __asm__ volatile("movgr2fcsr $fcsr3, %0" : : "r"(v)); break;
	default: __asm__ volatile("movgr2fcsr $fcsr0, %0" : : "r"(v)); break;
	}
}

static void test_fcsr(void)
{
	puts("# FCSR views");
	wr_fcsr(0, 0x1f1f031f);
	printf("all set: fcsr0=0x%lx fcsr1=0x%lx fcsr2=0x%lx fcsr3=0x%lx\n", rd_fcsr(0), rd_fcsr(1),
	       rd_fcsr(2), rd_fcsr(3));
	CHECK_EQ(rd_fcsr(1), 0x1f);
	CHECK_EQ(rd_fcsr(2), 0x1f1f0000);
	CHECK_EQ(rd_fcsr(3), 0x300);
	for (int n = 1; n <= 3; n++) {
		wr_fcsr(0, 0);
		wr_fcsr(n, ~0ul);
		printf("fcsr%d <- ~0: fcsr0=0x%lx\n", n, rd_fcsr(0));
		CHECK_EQ(rd_fcsr(0), n == 1 ? 0x1f : n == 2 ? 0x1f1f0000 : 0x300);
		wr_fcsr(0, 0x1f1f031f);
		wr_fcsr(n, 0);
		printf("fcsr%d <- 0: fcsr0=0x%lx\n", n, rd_fcsr(0));
	}
	/* Exclusion 1 (see the top of this file): FCSR0 reserved bits. */
	wr_fcsr(0, ~0ul);
	(void)rd_fcsr(0);
	puts("excluded: FCSR0 reserved bits after writing ~0 (QEMU 7.2 keeps them)");
	excluded++;
	wr_fcsr(0, 0);
}

/* ---- fcc moves and FP branches (3.2.4.2, 3.2.5) ---- */
static void test_fcc(void)
{
	puts("# fcc");
	for (unsigned long v = 0; v < 4; v++) {
		x_call(x_movgr2cf, v, 0, 0);
		unsigned long got = x_call(x_movcf2gr, 0, 0, 0);
		/* only bit 0 of the GPR is moved */
		CHECK_EQ(got, v & 1);
		printf("movgr2cf %lu -> %lu\n", v, got);
	}
	fin(0, 0x3, 0, 0);
	x_callf(x_movfr2cf, 0, 0, 0);
	printf("movfr2cf 3 -> fcc0=%lu\n", (unsigned long)x_fout[1]);
	CHECK_EQ(x_fout[1], 1);
	fin(MARK, 0, 0, 0);
	x_callf(x_movcf2fr, 0, 0, 0);
	printf("movcf2fr -> f0=0x%lx\n", (unsigned long)x_fout[0]);
	CHECK_EQ(x_fout[0], 1);
	/* 1 < 2: fcmp.cor is true, and fsel then picks fk. */
	fin(0, ONE_D, TWO_D, 0);
	x_callf(x_fcmp_cor_d, 0, 0, 0);
	CHECK_EQ(x_fout[1], 1);
	fin(0, ONE_D, TWO_D, 0);
	x_callf(x_fsel, 0, 0, 0);
	printf("fsel fcc0=1 -> 0x%lx\n", (unsigned long)x_fout[0]);
	CHECK_EQ(x_fout[0], TWO_D);
}

/* bceqz/bcnez taken and not taken, in C with inline asm. */
static int branch(int nez, unsigned long flag)
{
	unsigned long r = 0;
	if (nez)
		__asm__ volatile("movgr2cf $fcc3, %1\n\tori %0, $zero, 1\n\tbcnez $fcc3, 1f\n\t"
				 "ori %0, $zero, 2\n1:" : "=&r"(r) : "r"(flag));
	else
		__asm__ volatile("movgr2cf $fcc3, %1\n\tori %0, $zero, 1\n\tbceqz $fcc3, 1f\n\t"
				 "ori %0, $zero, 2\n1:" : "=&r"(r) : "r"(flag));
	return (int)r;
}

static void test_branch(void)
{
	puts("# bceqz/bcnez");
	for (int nez = 0; nez < 2; nez++)
		for (unsigned long f = 0; f < 2; f++) {
			int r = branch(nez, f);
			printf("%s fcc=%lu -> %s\n", nez ? "bcnez" : "bceqz", f, r == 1 ? "taken" : "not taken");
			CHECK_EQ(r, (nez ? f == 1 : f == 0) ? 1 : 2);
		}
}

/* ---- loads and stores (3.2.6) ---- */
static uint64_t mem[8] __attribute__((aligned(16)));

static void dump_mem(const char *what)
{
	printf("%s:", what);
	for (int i = 0; i < 4; i++)
		printf(" %016lx", (unsigned long)mem[i]);
	putchar('\n');
}

static void test_mem(void)
{
	puts("# loads and stores");
	for (int i = 0; i < 8; i++)
		mem[i] = 0x1111111111111111ul * (unsigned long)(i + 1);
	unsigned long b = (unsigned long)mem;
	fin(0, 0xaabbccdd99887766ul, 0, 0);
	run("fld.s", x_fld_s, 1, b + 4, 0, 0);          /* f0 = NaN-boxed word */
	run("fld.d", x_fld_d, 1, b, 0, 0);
	run("fld.d +3", x_fld_d, 1, b + 3, 0, 0);       /* misaligned: allowed (UAL) */
	run("fst.s", x_fst_s, 1, b + 8, 0, 0);          /* only bits [31:0] */
	run("fst.d", x_fst_d, 1, b + 24, 0, 0);
	dump_mem("after fst");
	run("fldx.s", x_fldx_s, 1, b, 12, 0);
	run("fldx.d", x_fldx_d, 1, b + 16, 8, 0);
	run("fstx.s", x_fstx_s, 1, b, 4, 0);
	run("fstx.d", x_fstx_d, 1, b + 1, 15, 0);
	dump_mem("after fstx");
	/* bound checks: BCE when the bound fails (unsigned compare) */
	int ec;
	ec = run("fldgt.s bce", x_fldgt_s, 1, b, b, 0);
	CHECK_EQ(ec, EC_BCE);
	ec = run("fldgt.d bce", x_fldgt_d, 1, b, b + 8, 0);
	CHECK_EQ(ec, EC_BCE);
	ec = run("fldle.s bce", x_fldle_s, 1, b + 8, b, 0);
	CHECK_EQ(ec, EC_BCE);
	ec = run("fldle.d bce", x_fldle_d, 1, b, 0, 0);
	CHECK_EQ(ec, EC_BCE);
	ec = run("fstgt.s bce", x_fstgt_s, 1, b, ~0ul, 0);
	CHECK_EQ(ec, EC_BCE);
	ec = run("fstgt.d bce", x_fstgt_d, 1, b, b, 0);
	CHECK_EQ(ec, EC_BCE);
	ec = run("fstle.s bce", x_fstle_s, 1, b + 4, b, 0);
	CHECK_EQ(ec, EC_BCE);
	ec = run("fstle.d bce", x_fstle_d, 1, ~0ul - 7, 1, 0);
	CHECK_EQ(ec, EC_BCE);
	dump_mem("after bce (unchanged)");
	/* successful gt forms with rk = 0: address rj on both (exclusion 2) */
	ec = run("fldgt.s ok", x_fldgt_s, 1, b + 8, 0, 0);
	CHECK_EQ(ec, -1);
	ec = run("fldgt.d ok", x_fldgt_d, 1, b + 16, 0, 0);
	CHECK_EQ(ec, -1);
	fin(0, 0x0123456789abcdeful, 0, 0);
	ec = run("fstgt.s ok", x_fstgt_s, 1, b + 4, 0, 0);
	CHECK_EQ(ec, -1);
	ec = run("fstgt.d ok", x_fstgt_d, 1, b + 24, 0, 0);
	CHECK_EQ(ec, -1);
	dump_mem("after fstgt");
	/* successful le forms: rj = rk = 0, so address 0 (low RAM) */
	fin(0, 0xfedcba9876543210ul, 0, 0);
	run("fstle.d 0", x_fstle_d_zero, 1, 0, 0, 0);
	run("fldle.d 0", x_fldle_d_zero, 1, 0, 0, 0);
	run("fstle.s 0", x_fstle_s_zero, 1, 0, 0, 0);
	run("fldle.s 0", x_fldle_s_zero, 1, 0, 0, 0);
	puts("excluded: fldgt/fldle/fstgt/fstle with rk != 0 that pass the check (QEMU 7.2 uses rj + rk)");
	puts("excluded: misaligned fldgt/fldle/fstgt/fstle (QEMU 7.2 has no ALE for them)");
	excluded += 2;
}

int main(void)
{
	test_fpd();
	test_fpe();
	test_fcsr();
	test_fcc();
	test_branch();
	test_mem();
	printf("excluded %d\n", excluded);
	return 0;
}
