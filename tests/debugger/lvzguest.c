/*
 * lvzguest.c - the LVZ image of the debugger tests: a host that runs one
 * guest (GID 1) which causes each kind of exit the debugger must show.
 *
 * Host (PLV0, DA mode): maps GPA 0-4 MiB to HPA 0-4 MiB (stage 2), starts
 * its timer (every HOST_PERIOD ticks: exit:int while the guest runs), and
 * enters the guest.  It emulates the guest's cpucfg (exit:gspr) with the
 * LVZ bit (CPUCFG2 bit 10) cleared, as KVM does, records hypercalls
 * (exit:hvc) and maps GPAs on demand (exit:tlbr, s2_refill in guest.S).
 *
 * Guest (GID 1, starts at guest_main in DA mode, PLV0):
 *   1. cpucfg(2)                    -> exit:gspr, reported with HC_REPORT
 *   2. stores FAR_VALUE at GPA FAR_GPA, not mapped yet -> exit:tlbr
 *   3. its own TLB maps GVA_MAPPED -> GPA_MAPPED (guest-type entry, GID 1);
 *      with paging on it stores MAPPED_VALUE there
 *   4. its timer (period GUEST_PERIOD) interrupts it GUEST_TICKS times
 *   5. HC_DONE: the host checks everything and prints PASS.
 */
#include "rt.h"
#include "lvzguest.h"

/* guest.S */
void enter_guest(void (*pc)(void), void *sp);
extern char s2_refill[], guest_trap[], guest_stack_top[];
unsigned long guest_cpucfg(unsigned long word);
void guest_hvcl_report(unsigned long v);
__attribute__((noreturn)) void guest_hvcl_done(void);

volatile unsigned long s2_refills;      /* counted by s2_refill */
volatile unsigned long guest_ticks;     /* counted by guest_trap */
static volatile unsigned long host_ticks, gspr_exits, reports[8];
static volatile unsigned nreports;

/* ---------------- guest ---------------- */

static void guest_main(void)
{
	/* 1: a GSPR exit; the host answers */
	guest_hvcl_report(guest_cpucfg(2));

	/* 2: a second-stage refill: GPA FAR_GPA is not mapped yet */
	volatile unsigned long *far = (volatile unsigned long *)FAR_GPA;
	*far = FAR_VALUE;
	guest_hvcl_report(*far);

	/* 3: guest paging.  DMW0 keeps VSEG 0 (code, data, stack) direct at
	 * PLV0 (MAT 1); GVA_MAPPED goes through a guest TLB entry written
	 * with tlbfill (4 KiB pages: STLB, so it cannot replace the host's
	 * MTLB entry). */
	csr_write(CSR_DMW(0), 0x11);            /* PLV0, MAT 1, VSEG 0 */
	csr_write(CSR_STLBPS, 12);
	csr_write(CSR_TLBEHI, GVA_MAPPED);
	csr_write(CSR_TLBELO0, GPA_MAPPED | TLBELO_V | TLBELO_D | TLBELO_MAT(1));
	csr_write(CSR_TLBELO1, 0);
	csr_write(CSR_TLBIDX, TLBIDX_PS(12));
	tlbfill();
	csr_xchg(CSR_CRMD, CRMD_PG, CRMD_PG | CRMD_DA);
	*(volatile unsigned long *)GVA_MAPPED = MAPPED_VALUE;
	guest_hvcl_report(*(volatile unsigned long *)GVA_MAPPED);

	/* 4: the guest's own timer */
	csr_write(CSR_EENTRY, (unsigned long)guest_trap);
	csr_write(CSR_ECFG, 1ul << INT_TI);
	csr_write(CSR_TCFG, GUEST_PERIOD | TCFG_EN | TCFG_PERIODIC);
	csr_xchg(CSR_CRMD, CRMD_IE, CRMD_IE);
	while (guest_ticks < GUEST_TICKS)
		;
	csr_xchg(CSR_CRMD, 0, CRMD_IE);
	csr_write(CSR_TCFG, 0);
	guest_hvcl_report(guest_ticks);
	guest_hvcl_done();
}

/* ---------------- host ---------------- */

static void finish(void)
{
	printf("exits: gspr %lu, tlbr refills %lu, host timer ticks %lu\n",
	       gspr_exits, s2_refills, host_ticks);
	CHECK_EQ(nreports, 4);
	CHECK_EQ(reports[0], cpucfg(2) & ~(1ul << 10));
	CHECK_EQ(reports[1], FAR_VALUE);
	CHECK_EQ(*(volatile unsigned long *)FAR_GPA, FAR_VALUE);   /* identity map */
	CHECK_EQ(reports[2], MAPPED_VALUE);
	CHECK_EQ(*(volatile unsigned long *)GPA_MAPPED, MAPPED_VALUE);
	CHECK_EQ(reports[3], GUEST_TICKS);
	CHECK_EQ(gspr_exits, 1);
	CHECK_EQ(s2_refills, 1);
	CHECK(host_ticks >= 1);
	rt_done();
}

static int hook(struct trap_frame *f)
{
	unsigned ec = ESTAT_ECODE(f->estat);
	if (ec == EC_INT && (f->estat & (1ul << INT_TI))) {
		csr_write(CSR_TICLR, 1);
		host_ticks++;
		return 1;
	}
	if (ec == EC_GSPR && (f->badi & 0xfffffc00) == 0x00006c00) {
		/* cpucfg rd, rj (Vol.1 2.2.10.5): hide LVZ from the guest */
		unsigned rd = f->badi & 0x1f, rj = (f->badi >> 5) & 0x1f;
		unsigned long v = cpucfg(f->gpr[rj]);
		if (f->gpr[rj] == 2)
			v &= ~(1ul << 10);
		f->gpr[rd] = v;
		f->era += 4;
		gspr_exits++;
		return 1;
	}
	if (ec == EC_HVC) {
		unsigned code = f->badi & 0x7fff;
		if (code == HC_DONE)
			finish();
		if (code == HC_REPORT && nreports < 8)
			reports[nreports++] = f->gpr[4];
		f->era += 4;
		return 1;
	}
	return 0;
}

int main(void)
{
	rt_trap_hook = hook;
	/* The refill ertn that resumes the guest after exit:tlbr sets the
	 * host's CRMD.PG = 1, DA = 0 (Vol.1 4.2.6.1, ertn from a refill), so
	 * the host needs a window for its own code and devices: DMW0 maps
	 * VSEG 0 one to one at PLV0, strongly-ordered uncached (MAT 0). */
	csr_write(CSR_DMW(0), 0x1);
	csr_write(CSR_TLBRENTRY, (unsigned long)s2_refill);
	csr_write(CSR_TLBREHI, 12);             /* PS of refilled pairs */
	csr_write(CSR_GTLBC, GTLBC_USETGID | GTLBC_TGID(GUEST_GID));
	csr_write(CSR_GSTAT, GSTAT_GID(GUEST_GID) | GSTAT_PVM);
	/* stage 2: GPA 0-4 MiB -> HPA 0-4 MiB, a pair of 2 MiB pages */
	csr_write(CSR_TLBEHI, 0);
	csr_write(CSR_TLBELO0, 0x000000 | TLBELO_V | TLBELO_D | TLBELO_MAT(1));
	csr_write(CSR_TLBELO1, 0x200000 | TLBELO_V | TLBELO_D | TLBELO_MAT(1));
	csr_write(CSR_TLBIDX, TLBIDX_PS(21) | S2_INDEX);
	tlbwr();
	/* the guest starts like a reset CPU: DA, PLV0, IE = 0 */
	gcsr_write(CSR_CRMD, CRMD_DA | CRMD_DATF(1) | CRMD_DATM(1));
	/* host timer */
	csr_write(CSR_ECFG, 1ul << INT_TI);
	csr_write(CSR_TCFG, HOST_PERIOD | TCFG_EN | TCFG_PERIODIC);
	enter_guest(guest_main, guest_stack_top);
	return 1;   /* not reached: HC_DONE powers off */
}
