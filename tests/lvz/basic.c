/*
 * basic.c - entering and leaving guest mode (docs/lvz.md "Entering and
 * leaving guest mode"; lvz-facts.md 6; K switch.S kvm_switch_to_guest and
 * kvm_exc_entry).
 *
 *   1. entry: a general ertn at host PLV0 with GSTAT.PVM = 1 continues at
 *      ERA in guest mode, on the guest CSR bank; the guest runs its own
 *      exceptions (here: syscall) with its own CSRs and no exit;
 *   2. exit: hvcl exits with the host's ERA = guest PC, BADI = the insn,
 *      GSTAT.VM = 0 and (our choice [M]) GSTAT.PVM = 1, host PRMD = the
 *      host CRMD of the guest run (PLV0, IE = PIE = 1); the guest bank is
 *      untouched by exits;
 *   3. LLbit: one per bank; the host's entering ertn clears the host's,
 *      exits and entries leave the guest's alone (KVM clears it itself
 *      with WCLLB: K vcpu.c _kvm_vcpu_load).
 */
#include "lvz.h"

struct basic_out {
	unsigned long crmd, prcfg1, asid, syscall_pc;
};

static void g_basic(struct basic_out *o)
{
	o->crmd = csr_read(CSR_CRMD);
	o->prcfg1 = csr_read(CSR_PRCFG1);
	o->asid = csr_read(CSR_ASID);
	csr_write(CSR_SAVE(1), 0x600d);  /* SAVE0 is g_trap_entry's */
	unsigned long pc;
	__asm__ volatile("pcaddi %0, 1\n\tsyscall 0x12" : "=r"(pc) : : "memory");
	o->syscall_pc = pc;
}

static void g_cpucfg(void)
{
	(void)cpucfg(2);
}

static int g_ll_then_sc(unsigned *word)
{
	unsigned long ok, v;
	/* ll.w sets the guest's LLbit; hvcl 1 exits to the host and comes back;
	 * sc.w succeeds iff the guest's LLbit survived. */
	__asm__ volatile("ll.w %1, %2, 0\n\t"
			 "hvcl 1\n\t"
			 "addi.w %1, %1, 1\n\t"
			 "move %0, %1\n\t"
			 "sc.w %0, %2, 0"
			 : "=&r"(ok), "=&r"(v) : "r"(word) : "memory");
	return (int)ok;
}

int main(void)
{
	lvz_init();
	s2_identity(3);
	struct vcpu v;
	static struct basic_out o;

	/* ---- 1 + 2: a guest with its own exception, then hvcl ---- */
	csr_write(CSR_SAVE(1), 0x1111);
	unsigned long host_eentry = csr_read(CSR_EENTRY);
	gcsr_write(CSR_CRMD, 0xa8);     /* guest: PLV0, IE = 0, DA (reset value) */
	g_last.count = 0;
	vcpu_init(&v, 3, g_basic, (unsigned long)&o, 0, 0);
	CHECK(vm_call(&v));
	/* only one exit: the final hvcl, ERA = its PC, BADI = its word */
	CHECK_EQ(v.pc, (unsigned long)guest_return);
	CHECK_EQ(v.badi, INSN_HVCL(HVC_DONE));
	CHECK_EQ(ecode_of(v.estat), EC_HVC);
	/* GSTAT at the exit: VM = 0, PVM = 1, GID = 3, GIDBIT = 8 */
	CHECK_EQ(v.gstat, GSTAT_GID(3) | GSTAT_GIDBIT(8) | GSTAT_PVM);
	/* host PRMD saved the host CRMD of the guest run: PLV0, IE = 1 */
	CHECK_EQ(v.prmd & 7, PRMD_PIE);
	/* after the exit the host is at PLV0 with IE = 0; vm.S cleared PVM */
	CHECK_EQ(csr_read(CSR_CRMD) & 7, 0);
	CHECK_EQ(csr_read(CSR_GSTAT) & (GSTAT_PVM | GSTAT_VM), 0);
	CHECK_EQ(csr_read(CSR_EENTRY), host_eentry);
	/* the guest saw its own bank: CRMD 0xa8, PRCFG1, ASIDBITS = 10 */
	CHECK_EQ(o.crmd, 0xa8);
	CHECK_EQ(o.prcfg1, 0x72f8);
	CHECK_EQ(o.asid, 10ul << 16);
	/* its syscall went to the guest's handler (guest EENTRY), with the
	 * guest's ERA/ESTAT/BADI, and was no exit */
	CHECK_EQ(g_last.count, 1);
	CHECK_EQ(ESTAT_ECODE(g_last.estat), EC_SYS);
	CHECK_EQ(g_last.era, o.syscall_pc);
	CHECK_EQ(g_last.badi, 0x002b0012);  /* syscall 0x12 */
	CHECK_EQ(g_last.prmd & 3, 0);        /* guest PPLV 0 */
	CHECK_EQ(ESTAT_ECODE(gcsr_read(CSR_ESTAT)), EC_SYS);
	CHECK_EQ(gcsr_read(CSR_ERA), o.syscall_pc + 4);  /* handler's ERA += 4 */
	CHECK_EQ(gcsr_read(CSR_BADI), 0x002b0012);
	/* guest SAVE1 is the guest's; the host's SAVE1 is untouched */
	CHECK_EQ(gcsr_read(CSR_SAVE(1)), 0x600d);
	CHECK_EQ(csr_read(CSR_SAVE(1)), 0x1111);

	/* ---- 2: exits leave the guest bank alone ---- */
	gcsr_write(CSR_ERA, 0x12340);
	gcsr_write(CSR_BADV, 0x45670);
	gcsr_write(CSR_BADI, 0x789);
	gcsr_write(CSR_PRMD, 0x7);
	gcsr_write(CSR_ESTAT, 0x3);          /* SWI0/1 pending, Ecode 0 */
	gcsr_write(CSR_ECFG, 0);             /* ... but masked */
	vcpu_init(&v, 3, g_cpucfg, 0, 0, 0);
	CHECK_EQ(vm_run(&v), EC_GSPR);
	CHECK_EQ(gcsr_read(CSR_ERA), 0x12340);
	CHECK_EQ(gcsr_read(CSR_BADV), 0x45670);
	CHECK_EQ(gcsr_read(CSR_BADI), 0x789);
	CHECK_EQ(gcsr_read(CSR_PRMD), 0x7);
	CHECK_EQ(gcsr_read(CSR_ESTAT), 0x3);
	CHECK_EQ(gcsr_read(CSR_CRMD), 0xa8);
	v.pc += 4;
	CHECK(vm_call(&v));
	gcsr_write(CSR_ESTAT, 0);

	/* ---- 3: LLbit per bank ---- */
	static unsigned word;
	unsigned long hv, hok;
	/* host ll.w, then a guest run: the host's entering ertn clears the
	 * host's LLbit, so its sc.w fails (rd = 0) and stores nothing */
	vcpu_init(&v, 3, g_ll_then_sc, (unsigned long)&word, 0, 0);
	__asm__ volatile("ll.w %0, %1, 0" : "=r"(hv) : "r"(&word) : "memory");
	CHECK_EQ(vm_run(&v), EC_HVC);                /* hvcl 1 */
	CHECK_EQ(v.badi, INSN_HVCL(1));
	CHECK_EQ(csr_read(CSR_LLBCTL) & 1, 0);       /* host ROLLB */
	CHECK_EQ(gcsr_read(CSR_LLBCTL) & 1, 1);      /* guest ROLLB kept */
	hok = 7;
	__asm__ volatile("sc.w %0, %1, 0" : "+r"(hok) : "r"(&word) : "memory");
	CHECK_EQ(hok, 0);
	v.pc += 4;
	CHECK(vm_call(&v));
	CHECK_EQ(v.gpr[4], 1);                       /* guest sc.w succeeded */
	CHECK_EQ(word, 1);
	/* the same, but the host clears the guest's LLbit with WCLLB as KVM
	 * does for multi-vCPU guests: the guest's sc.w fails */
	vcpu_init(&v, 3, g_ll_then_sc, (unsigned long)&word, 0, 0);
	CHECK_EQ(vm_run(&v), EC_HVC);
	CHECK_EQ(gcsr_read(CSR_LLBCTL) & 1, 1);
	gcsr_xchg(CSR_LLBCTL, 2, 2);                 /* WCLLB */
	CHECK_EQ(gcsr_read(CSR_LLBCTL) & 3, 0);
	v.pc += 4;
	CHECK(vm_call(&v));
	CHECK_EQ(v.gpr[4], 0);
	CHECK_EQ(word, 1);
	rt_done();
}
