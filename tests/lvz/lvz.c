/*
 * lvz.c - host and guest helpers of the LVZ tests (see lvz.h).
 */
#include "lvz.h"

volatile struct s2_refill_log s2_log;
volatile struct g_trap_log g_last;
int (*g_trap_hook)(struct trap_frame *f);
int (*host_trap_hook)(struct trap_frame *f);

unsigned vm_run_asm(struct vcpu *v);
extern char plv3_back[], plv3_resume[];

#define SYSCALL_PLV3_BACK 0x002b07ffu   /* syscall 0x7ff */

volatile unsigned long plv3_pplv;

/* plv3_call's way back (host or guest): the syscall at plv3_back. */
static int plv3_return(struct trap_frame *f)
{
	if (ESTAT_ECODE(f->estat) == EC_SYS && f->era == (unsigned long)plv3_back &&
	    f->badi == SYSCALL_PLV3_BACK) {
		plv3_pplv = f->prmd & PRMD_PPLV_MASK;
		f->era = (unsigned long)plv3_resume;
		f->prmd &= ~PRMD_PPLV_MASK;     /* back at PLV0 */
		return 1;
	}
	return 0;
}

/* The host's trap hook: plv3_call's way back, then the test's hook. */
static int host_trap(struct trap_frame *f)
{
	return plv3_return(f) || (host_trap_hook && host_trap_hook(f));
}

void lvz_init(void)
{
	/* DMW0: VSEG 0 (VA[63:60] = 0), PLV0 and PLV3, MAT = 1 (cached):
	 * every low VA is its own PA in paged mode. */
	csr_write(CSR_DMW(0), 0x1 | 0x8 | (1ul << 4));
	csr_xchg(CSR_CRMD, CRMD_PG, CRMD_PG | CRMD_DA);
	/* KVM's kvm_arch_enable_virtualization_cpu: GTLBC.USETGID = 1. */
	csr_write(CSR_GTLBC, GTLBC_USETGID);
	/* Guest entry points (guest ECFG.VS = 0: one entry). */
	gcsr_write(CSR_EENTRY, (unsigned long)g_trap_entry);
	gcsr_write(CSR_TLBRENTRY, (unsigned long)g_tlbr_entry);
	gcsr_write(CSR_ECFG, 0);
	rt_trap_hook = host_trap;
}

void vcpu_init(struct vcpu *v, unsigned gid, void *fn, unsigned long a0, unsigned long a1,
	       unsigned long a2)
{
	memset(v, 0, sizeof(*v));
	v->gid = gid;
	v->pc = (unsigned long)fn;
	v->gpr[1] = (unsigned long)guest_return;
	/* one 16 KiB stack per GID (mod 8), allocated at first use and reused,
	 * so a test can place memory of its own after all guest stacks */
	static unsigned long stacks[8];
	if (!stacks[gid & 7])
		stacks[gid & 7] = (unsigned long)rt_page_alloc(4) + 4 * 4096;
	v->gpr[3] = stacks[gid & 7];
	v->gpr[4] = a0;
	v->gpr[5] = a1;
	v->gpr[6] = a2;
	/* Host PRMD for the entering ertn: PIE only, as K switch.S writes it,
	 * so host interrupts preempt the guest. */
	v->host_prmd = PRMD_PIE;
}

unsigned vm_run(struct vcpu *v)
{
	/* K kvm_check_vpid / switch.S: GSTAT.GID = the vCPU's GID, then
	 * GTLBC.TGID = GSTAT.GID right before entering, 0 after the exit. */
	csr_xchg(CSR_GSTAT, GSTAT_GID(v->gid), GSTAT_GID(0xff));
	if (v->keep_gtlbc)
		return vm_run_asm(v);
	csr_xchg(CSR_GTLBC, GTLBC_TGID(v->gid), GTLBC_TGID(0xff));
	unsigned ec = vm_run_asm(v);
	csr_xchg(CSR_GTLBC, 0, GTLBC_TGID(0xff));
	return ec;
}

int vm_done(const struct vcpu *v)
{
	return ecode_of(v->estat) == EC_HVC && v->badi == INSN_HVCL(HVC_DONE);
}

int vm_call(struct vcpu *v)
{
	vm_run(v);
	if (vm_done(v))
		return 1;
	printf("FAIL: unexpected exit ecode 0x%lx era=0x%lx badv=0x%lx badi=0x%lx\n",
	       ecode_of(v->estat), v->pc, v->badv, v->badi);
	rt_failures++;
	return 0;
}

void s2_map(unsigned gid, unsigned idx, unsigned long gpa, unsigned long hpa, unsigned ps,
	    unsigned long flags_even, unsigned long flags_odd)
{
	/* Host tlbwr with USETGID = 1 tags the entry root-type, GID = TGID
	 * (lvz-facts.md 4). */
	unsigned long gtlbc = csr_write(CSR_GTLBC, GTLBC_USETGID | GTLBC_TGID(gid));
	csr_write(CSR_TLBEHI, gpa);
	csr_write(CSR_TLBELO0, hpa | flags_even);
	csr_write(CSR_TLBELO1, (hpa + (1ul << ps)) | flags_odd);
	csr_write(CSR_TLBIDX, idx | TLBIDX_PS(ps));
	tlbwr();
	csr_write(CSR_GTLBC, gtlbc);
}

void s2_identity(unsigned gid)
{
	/* PS = 28: a pair of 256 MiB pages covers GPA 0-512 MiB (PRCFG2 has
	 * every size 4 KiB-512 MiB). */
	s2_map(gid, S2_IDX(gid), 0, 0, 28, PTE_VDCC, PTE_VDCC);
}

void (*s2_refill_hook)(unsigned long badv);

void refill_fill2(unsigned long base, unsigned long lo0, unsigned long lo1)
{
	/* Inside the refill handler tlbfill takes TLBREHI/TLBRELO0/1 and the
	 * page size from TLBREHI.PS (Vol.1 7.5.13). */
	csr_write(CSR_TLBREHI, base | 12);
	csr_write(CSR_TLBRELO0, lo0);
	csr_write(CSR_TLBRELO1, lo1);
	tlbfill();
}

void refill_fill(unsigned long base, unsigned long pa0, unsigned long pa1, unsigned long flags)
{
	refill_fill2(base, pa0 | flags, pa1 | flags);
}

static unsigned long window_flags(unsigned long gpa)
{
	return gpa >= s2_log.lo && gpa < s2_log.hi ? PTE_VDCC : 0;
}

/* Called from s2_refill_entry in DA mode at host PLV0. */
void s2_refill(struct trap_frame *f);
void s2_refill(struct trap_frame *f)
{
	(void)f;
	unsigned long badv = csr_read(CSR_TLBRBADV);
	if (s2_log.count < S2_LOG) {
		volatile struct s2_refill *r = &s2_log.r[s2_log.count];
		r->tlbrbadv = badv;
		r->tlbrera = csr_read(CSR_TLBRERA);
		r->tlbrprmd = csr_read(CSR_TLBRPRMD);
		r->tlbrehi = csr_read(CSR_TLBREHI);
		r->gstat = csr_read(CSR_GSTAT);
		r->crmd = csr_read(CSR_CRMD);
		r->badi = csr_read(CSR_BADI);
	}
	s2_log.count++;
	if (s2_refill_hook) {
		s2_refill_hook(badv);
		return;
	}
	/* each page of the pair on its own: in the window or not */
	unsigned long base = badv & ~0x1ffful;
	refill_fill2(base, base | window_flags(base), (base + 0x1000) | window_flags(base + 0x1000));
}

void s2_refill_install(unsigned long lo, unsigned long hi)
{
	memset((void *)&s2_log, 0, sizeof(s2_log));
	s2_log.lo = lo;
	s2_log.hi = hi;
	csr_write(CSR_TLBRENTRY, (unsigned long)s2_refill_entry);
}

/* ---- guest side ---- */
static volatile int g_in_trap;

void g_trap(struct trap_frame *f);
void g_trap(struct trap_frame *f)
{
	if (g_in_trap) {
		for (;;)
			hvcl(HVC_GUEST_NESTED);
	}
	if (plv3_return(f))
		return;
	g_in_trap = 1;
	g_last.count++;
	g_last.estat = f->estat;
	g_last.era = f->era;
	g_last.badv = f->badv;
	g_last.badi = f->badi;
	g_last.prmd = f->prmd;
	g_last.crmd = csr_read(CSR_CRMD);
	if (!(g_trap_hook && g_trap_hook(f))) {
		if (ESTAT_ECODE(f->estat) == EC_INT)
			f->prmd &= ~PRMD_PIE;
		else
			f->era += 4;
	}
	g_in_trap = 0;
}

/* ---- TLB inspection from the host ---- */
int host_tlbrd(unsigned idx, struct tlb_view *out)
{
	csr_write(CSR_TLBIDX, idx);
	tlbrd();
	unsigned long tlbidx = csr_read(CSR_TLBIDX);
	out->idx = idx;
	out->ehi = csr_read(CSR_TLBEHI);
	out->lo0 = csr_read(CSR_TLBELO0);
	out->lo1 = csr_read(CSR_TLBELO1);
	out->asid = csr_read(CSR_ASID) & 0x3ff;
	out->trgp = csr_read(CSR_TRGP);
	out->exists = !(tlbidx & TLBIDX_NE);
	return out->exists;
}

long host_tlbsrch(unsigned long va)
{
	csr_write(CSR_TLBEHI, va);
	tlbsrch();
	unsigned long tlbidx = csr_read(CSR_TLBIDX);
	return (tlbidx & TLBIDX_NE) ? -1 : (long)(tlbidx & 0xfff);
}
