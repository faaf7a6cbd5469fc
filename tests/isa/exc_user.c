/*
 * exc_user.c - PLV3 user mode (Vol.1 1.x privilege levels, 4.1, 6.2):
 * ertn into PLV3 (PRMD.PPLV/PIE -> CRMD), syscalls from PLV3 into the PLV0
 * handler and back, IPE for every privileged instruction at PLV3 (4.2:
 * csr*, iocsr*, tlb*, invtlb, cacop, lddir, ldpte, ertn, idle), the
 * unprivileged ones (cpucfg, rdtime, barriers) working there.
 *
 * CHECK_EQs: PRMD seen by the handler (PPLV = 3, PIE = the user IE), the
 * values passed through a syscall, ESTAT.Ecode = IPE with ERA = the
 * instruction and BADI = its word.
 *
 * QEMU 7.2 departures (lvzsim-only, nothing printed): QEMU checks only
 * PLV3 for privileged instructions (check_plv: ctx->plv == MMU_PLV_USER),
 * while the manual requires PLV0 for them (4.2), so PLV1/PLV2 IPE is
 * lvzsim-only; MISC.DRDTL3 (rdtime at PLV3 -> IPE) needs a MISC write,
 * which QEMU 7.2 rejects (MISC is read-only there).
 */
#include "isa.h"

static unsigned long seen_prmd, seen_nr, seen_crmd;

static unsigned long record_syscall(struct trap_frame *f)
{
	seen_prmd = f->prmd;
	seen_nr = f->gpr[11];
	seen_crmd = csr_read(CSR_CRMD);
	return f->gpr[4] * 2 + f->gpr[11];
}

static unsigned long user_calls(unsigned long a)
{
	unsigned long r = isa_user_syscall(5, a);     /* a * 2 + 5 */
	r = isa_user_syscall(7, r);                   /* (a * 2 + 5) * 2 + 7 */
	return r + 1;
}

static unsigned long user_cpucfg(unsigned long w) { return cpucfg(w); }
static unsigned long user_rdtime(unsigned long a)
{
	unsigned long t1 = rdtime(), t2;
	__asm__ volatile("dbar 0\n ibar 0\n preld 0, $sp, 0\n rdtime.d %0, $zero" : "=r"(t2) : : "memory");
	return (t2 >= t1) + a;
}

static unsigned long user_rdtime_once(unsigned long a)
{
	unsigned long t;
	__asm__ volatile("rdtime.d %0, $zero" : "=r"(t) : : "memory");
	return a + (t & 0);
}

#define PRIV(name, text) static unsigned long u_##name(unsigned long a) \
	{ __asm__ volatile(text : : : "$t0", "$t1", "memory"); return a; }
PRIV(csrrd, "csrrd $t0, 0x0")
PRIV(csrwr, "csrwr $t0, 0x30")
PRIV(csrxchg, "csrxchg $t0, $t1, 0x30")
PRIV(iocsrrd_b, "iocsrrd.b $t0, $zero")
PRIV(iocsrrd_h, "iocsrrd.h $t0, $zero")
PRIV(iocsrrd_w, "iocsrrd.w $t0, $zero")
PRIV(iocsrrd_d, "iocsrrd.d $t0, $zero")
PRIV(iocsrwr_b, "iocsrwr.b $t0, $zero")
PRIV(iocsrwr_h, "iocsrwr.h $t0, $zero")
PRIV(iocsrwr_w, "iocsrwr.w $t0, $zero")
PRIV(iocsrwr_d, "iocsrwr.d $t0, $zero")
PRIV(tlbsrch, "tlbsrch")
PRIV(tlbrd, "tlbrd")
PRIV(tlbwr, "tlbwr")
PRIV(tlbfill, "tlbfill")
PRIV(tlbclr, "tlbclr")
PRIV(tlbflush, "tlbflush")
PRIV(invtlb, "invtlb 0, $zero, $zero")
PRIV(cacop, "cacop 0, $sp, 0")
PRIV(lddir, "lddir $t0, $zero, 1")
PRIV(ldpte, "ldpte $zero, 0")
PRIV(ertn, "ertn")
PRIV(idle, "idle 0")

static const struct { const char *name; unsigned long (*fn)(unsigned long); } priv[] = {
	{ "csrrd", u_csrrd }, { "csrwr", u_csrwr }, { "csrxchg", u_csrxchg },
	{ "iocsrrd.b", u_iocsrrd_b }, { "iocsrrd.h", u_iocsrrd_h }, { "iocsrrd.w", u_iocsrrd_w },
	{ "iocsrrd.d", u_iocsrrd_d }, { "iocsrwr.b", u_iocsrwr_b }, { "iocsrwr.h", u_iocsrwr_h },
	{ "iocsrwr.w", u_iocsrwr_w }, { "iocsrwr.d", u_iocsrwr_d }, { "tlbsrch", u_tlbsrch },
	{ "tlbrd", u_tlbrd }, { "tlbwr", u_tlbwr }, { "tlbfill", u_tlbfill }, { "tlbclr", u_tlbclr },
	{ "tlbflush", u_tlbflush }, { "invtlb", u_invtlb }, { "cacop", u_cacop }, { "lddir", u_lddir },
	{ "ldpte", u_ldpte }, { "ertn", u_ertn }, { "idle", u_idle },
};

static void check_priv(unsigned plv, int print)
{
	for (unsigned i = 0; i < ARRAY_SIZE(priv); i++) {
		isa_expect(0);
		CHECK_EQ(isa_run_plv(priv[i].fn, 0x77, 0, plv), 0x77);
		int ec = isa_ecode();
		CHECK_EQ(ec, EC_IPE);
		CHECK_EQ(isa_trap.prmd & 3, plv);
		/* BADI is the word at ERA (the instruction, not the next one) */
		CHECK_EQ(isa_trap.badi, *(volatile uint32_t *)isa_trap.era);
		if (print)
			printf("PLV%u %-10s ecode %d badi %08lx\n", plv, priv[i].name, ec, isa_trap.badi);
	}
}

int main(void)
{
	isa_init();
	isa_syscall_handler = record_syscall;
	csr_write(CSR_ECFG, 0);     /* no interrupt line enabled: IE = 1 takes none */

	/* syscalls from PLV3: PRMD.PPLV = 3, PIE = 0; the handler at PLV0 */
	unsigned long r = isa_run_user(user_calls, 10, 0);
	CHECK_EQ(r, (10 * 2 + 5) * 2 + 7 + 1);
	CHECK_EQ(seen_prmd & 7, 3);
	CHECK_EQ(seen_nr, 7);
	CHECK_EQ(seen_crmd & 7, 0);                 /* PLV0, IE = 0 */
	printf("user syscalls: %lu prmd %lx\n", r, seen_prmd & 7);
	/* the same with IE = 1 in user mode: PRMD.PIE = 1 */
	r = isa_run_user(user_calls, 1, 1);
	CHECK_EQ(r, (1 * 2 + 5) * 2 + 7 + 1);
	CHECK_EQ(seen_prmd & 7, 3 | PRMD_PIE);
	CHECK_EQ(seen_crmd & 7, 0);
	printf("user syscalls, IE: %lu prmd %lx\n", r, seen_prmd & 7);
	/* back at PLV0 with IE as before */
	CHECK_EQ(csr_read(CSR_CRMD) & 7, 0);

	/* unprivileged instructions at PLV3 */
	CHECK_EQ(isa_run_user(user_cpucfg, 1, 0), cpucfg(1));
	CHECK_EQ(isa_run_user(user_cpucfg, 4, 0), 100000000);  /* CPUCFG4: 100 MHz */
	CHECK_EQ(isa_run_user(user_rdtime, 0, 0), 1);

	/* IPE at PLV3 */
	check_priv(3, 1);
	/* ... and at PLV1/PLV2, where QEMU 7.2 lets them run */
	if (isa_on_lvzsim()) {
		check_priv(1, 0);
		check_priv(2, 0);
		/* MISC.DRDTL3 (bit 7): rdtime at PLV3 raises IPE */
		unsigned long misc = csr_read(CSR_MISC);
		csr_write(CSR_MISC, misc | (1ul << 7));
		isa_expect(0);
		isa_run_user(user_rdtime_once, 0, 0);
		CHECK_EQ(isa_ecode(), EC_IPE);
		CHECK_EQ(isa_trap.badi & 0xfffffc00, 0x00006800);   /* rdtime.d */
		isa_expect(0);
		CHECK_EQ(isa_run_plv(user_rdtime, 0, 0, 2), 1);   /* DRDTL2 = 0 */
		CHECK_EQ(isa_ecode(), -1);
		csr_write(CSR_MISC, misc);
	}
	return 0;
}
