/*
 * lvz.h - what the LVZ test programs (tests/lvz/NAME.c) share: a minimal
 * "vCPU run" primitive in the style of riscv-hyp-tests, second-stage
 * mappings, a host TLB-refill handler for stage-2 misses, and the guest
 * side (a trap entry in guest mode, a way back to the host).
 *
 * These programs run on lvzsim only: QEMU 7.2 has no LVZ.  Every expected
 * value is derived by hand in a comment from ../shared/docs/lvz-facts.md,
 * docs/lvz.md or the Linux 6.12 KVM code it cites.
 *
 * The host runs at PLV0 in paged mode with DMW0 mapping the low VAs 1:1
 * (VSEG 0, PLV0 and PLV3): a refill `ertn` always sets CRMD.PG = 1 (Vol.1
 * 6.2.3), so a host that handles stage-2 refills cannot stay in DA mode.
 * Guests start in DA mode at PLV0 (guest CRMD reset value 0xa8) with the
 * GPA space 0-512 MiB mapped 1:1 by one root-type entry of their GID, so
 * guest code is the same C code at the same addresses.
 */
#ifndef TESTS_LVZ_H
#define TESTS_LVZ_H

#include "rt.h"

/* ---- CSRs and fields la.h does not name ---- */
#define CSR_IMPCTL1   0x80
#define CSR_IMPCTL2   0x81
#define CSR_MERRINFO1 0x91
#define CSR_CTAG      0x98
#define CSR_DBG       0x500
#define GSTAT_GIDBIT(x) ((unsigned long)(x) << 4)
#define PTE_VDCC      (TLBELO_V | TLBELO_D | TLBELO_MAT(1))   /* valid, dirty, cached, PLV0 */
#define EC_TLBR       0x3f   /* our tag for "went to TLBRENTRY" in logs */

/* Instruction words (lvz-facts.md 4, checked with llvm-objdump-19). */
#define INSN_HVCL(code) (0x002b8000u | (code))
#define HVC_DONE      0x7ff  /* guest_return: the guest function returned */
#define HVC_GUEST_REFILL 0x7fe /* the default guest TLB refill handler ran */
#define HVC_GUEST_NESTED 0x7fd /* an exception inside the guest's handler */

#define hvcl(code) __asm__ volatile("hvcl %0" : : "i"(code) : "memory")

/* ---- MTLB indices the tests use (TLBIDX.Index numbering: STLB 0-2047,
 * MTLB 2048-2111, docs/lvz.md) ---- */
#define MTLB(k)       (2048 + (k))
#define S2_IDX(gid)   MTLB(56 + ((gid) & 7))   /* the 1:1 GPA map of a GID */

/* ---- a vCPU: guest GPRs + what the host saw at the last exit ---- */
struct vcpu {
	unsigned long gpr[32];  /* guest r0..r31 (entry: loaded; exit: saved) */
	unsigned long pc;       /* guest PC to enter at; after an exit = host ERA */
	unsigned long estat, badv, badi, gstat, prmd;   /* host CSRs at the exit */
	unsigned long host_prmd;/* host PRMD for the entering ertn (default PIE) */
	unsigned long host[16]; /* host callee-saved registers (vm.S) */
	unsigned long host_eentry;
	unsigned gid;
	int keep_gtlbc;         /* vm_run leaves GTLBC alone (tests only) */
};

/* Set up the host (paged with DMW0, GTLBC.USETGID = 1 as KVM keeps it),
 * the guest bank's entry points and the trap hooks.  Call first. */
void lvz_init(void);

/* A vCPU of GID gid that will call fn(a0, a1, a2) on its own stack in
 * guest mode; when fn returns, the guest executes hvcl HVC_DONE.  The
 * stack is the GID's (mod 8): allocated by the first vcpu_init of that
 * GID, reused by later ones. */
void vcpu_init(struct vcpu *v, unsigned gid, void *fn, unsigned long a0, unsigned long a1,
	       unsigned long a2);
/* Enter the guest (GSTAT.GID = GTLBC.TGID = gid, GSTAT.PVM = 1, ertn, as
 * K switch.S does) and return at the next exit with its Ecode; v->pc is
 * then the guest PC of the exit (host ERA).  TGID is 0 again afterwards
 * and GSTAT.PVM cleared, as kvm_exc_entry does. */
unsigned vm_run(struct vcpu *v);
/* vm_run until the guest function returns (hvcl HVC_DONE); any other
 * exit is a failure.  Returns 1 if it ended that way. */
int vm_call(struct vcpu *v);
/* Did the last exit come from hvcl HVC_DONE? */
int vm_done(const struct vcpu *v);

/* Root-type (second-stage) entry of GID gid at TLB index idx for the pair
 * of 2^ps pages at gpa: even page -> hpa, odd page -> hpa + 2^ps. */
void s2_map(unsigned gid, unsigned idx, unsigned long gpa, unsigned long hpa, unsigned ps,
	    unsigned long flags_even, unsigned long flags_odd);
/* GPA 0-512 MiB -> HPA 0-512 MiB for GID gid (RAM, UART, GED) at S2_IDX. */
void s2_identity(unsigned gid);

/* ---- stage-2 refills taken at the host's TLBRENTRY ---- */
/* Host CSRs as the refill handler found them. */
struct s2_refill {
	unsigned long tlbrbadv, tlbrera, tlbrprmd, tlbrehi, gstat, crmd, badi;
};
#define S2_LOG 16
struct s2_refill_log {
	unsigned long count;            /* refills taken */
	struct s2_refill r[S2_LOG];     /* the first S2_LOG of them */
	/* policy of the default handler: pages in [lo, hi) are mapped 1:1
	 * (4 KiB pages); others get an invalid (V = 0) half, as KVM's host
	 * refill handler does for an absent GPA (lvz-facts.md 8) */
	unsigned long lo, hi;
};
extern volatile struct s2_refill_log s2_log;
/* If set, called instead of the default policy (after logging); it must
 * tlbfill (or not) itself. */
extern void (*s2_refill_hook)(unsigned long badv);
/* The host TLBRENTRY handler (vm.S: saves every GPR, calls s2_refill). */
extern char s2_refill_entry[];
/* Install s2_refill_entry as the host TLBRENTRY with the window [lo, hi);
 * clears the log. */
void s2_refill_install(unsigned long lo, unsigned long hi);
/* tlbfill the 4 KiB pair at base (TLBREHI.PS = 12): even -> pa0, odd ->
 * pa1, with the given TLBELO flags (inside a refill handler only). */
void refill_fill(unsigned long base, unsigned long pa0, unsigned long pa1, unsigned long flags);
/* The same with whole TLBELO values for each half. */
void refill_fill2(unsigned long base, unsigned long lo0, unsigned long lo1);

/* ---- PLV3 ---- */
/* Run fn at PLV3 of the current world (host: paged through DMW0; guest:
 * its DA mode), back at PLV0 when it returns.  Not reentrant. */
void plv3_call(void (*fn)(void));
/* PRMD.PPLV of the syscall that ended the last plv3_call (3 if fn really
 * ran at PLV3). */
extern volatile unsigned long plv3_pplv;

/* ---- guest side ---- */
/* Every guest exception lands in g_trap (guest EENTRY = g_trap_entry).  A
 * hook returning nonzero handled it; otherwise the default records it in
 * g_last and resumes after the faulting instruction (interrupts: returns
 * with guest PRMD.PIE cleared, so the guest runs on with IE = 0). */
struct g_trap_log {
	unsigned long count;
	unsigned long estat, era, badv, badi, prmd, crmd;
};
extern volatile struct g_trap_log g_last;
extern int (*g_trap_hook)(struct trap_frame *f);
extern char g_trap_entry[], g_tlbr_entry[], guest_return[];

/* ---- host side ---- */
/* Called by the host trap hook for anything lvz.c does not handle. */
extern int (*host_trap_hook)(struct trap_frame *f);

static inline unsigned long ecode_of(unsigned long estat) { return ESTAT_ECODE(estat); }

/* Spin for about n instructions (the stable counter ticks once each). */
static inline void spin(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		__asm__ volatile("" ::: "memory");
}

/* tlbrd at idx: 1 if the entry exists; fills ehi/lo0/lo1/trgp. */
struct tlb_view { unsigned long idx, ehi, lo0, lo1, asid, trgp; int exists; };
int host_tlbrd(unsigned idx, struct tlb_view *out);
/* tlbsrch for va in the current host context; index or -1. */
long host_tlbsrch(unsigned long va);

#endif
