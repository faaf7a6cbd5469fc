/*
 * ecode.c - the exception table (see ecode.h).
 */
#include "cpu/ecode.h"

#include <stddef.h>

#include "cpu/csr.h"

static const struct ecode_info table[] = {
	{ ECODE_INT, 0, "INT", "interrupt: ESTAT.IS & ECFG.LIE != 0 with CRMD.IE = 1", "find the highest pending line in ESTAT.IS & ECFG.LIE, acknowledge its source (e.g. TICLR for the timer), ertn", false, false, false },
	{ ECODE_PIL, 0, "PIL", "load from a page whose TLB entry has V = 0", "map the page (or kill the program), invalidate the stale TLB entry, ertn to retry the load", true, true, false },
	{ ECODE_PIS, 0, "PIS", "store to a page whose TLB entry has V = 0", "map the page (or kill the program), invalidate the stale TLB entry, ertn to retry the store", true, true, false },
	{ ECODE_PIF, 0, "PIF", "instruction fetch from a page whose TLB entry has V = 0", "map the page (or kill the program), invalidate the stale TLB entry, ertn to retry the fetch", true, false, false },
	{ ECODE_PME, 0, "PME", "store to a page whose TLB entry has D = 0 (page modification)", "mark the page dirty (set D in the PTE and the TLB entry) or handle copy-on-write, ertn", true, true, false },
	{ ECODE_PNR, 0, "PNR", "load from a page whose TLB entry has NR = 1", "deliver a fault to the program: the page is not readable", true, true, false },
	{ ECODE_PNX, 0, "PNX", "instruction fetch from a page whose TLB entry has NX = 1", "deliver a fault to the program: the page is not executable", true, false, false },
	{ ECODE_PPI, 0, "PPI", "access at a privilege level the TLB entry's PLV/RPLV does not allow", "deliver a fault to the program: the page's privilege level forbids the access", true, true, false },
	{ ECODE_ADE, ESUB_ADEF, "ADEF", "instruction fetch address error (illegal or misaligned PC, or no memory there)", "deliver a fault: the PC is illegal, misaligned, or points at no memory", true, false, false },
	{ ECODE_ADE, ESUB_ADEM, "ADEM", "data address error (illegal address, or nothing at that physical address)", "deliver a fault: the address is illegal or nothing is mapped at that physical address", true, true, false },
	{ ECODE_ALE, 0, "ALE", "misaligned access by an instruction that requires alignment", "emulate the misaligned access or deliver a fault", true, true, false },
	{ ECODE_BCE, 0, "BCE", "bound check failed (ldgt/ldle/stgt/stle/asrt)", "deliver a bound-check fault to the program", true, true, false },
	{ ECODE_SYS, 0, "SYS", "syscall instruction", "serve the system call (number in a7 under Linux), set ERA += 4, ertn", false, true, false },
	{ ECODE_BRK, 0, "BRK", "break instruction", "hand over to a debugger or deliver SIGTRAP; ERA += 4 to continue", false, true, false },
	{ ECODE_INE, 0, "INE", "instruction not defined (reserved encoding)", "deliver an illegal-instruction fault (or emulate the instruction)", false, true, false },
	{ ECODE_IPE, 0, "IPE", "privileged instruction at PLV != 0", "deliver a privilege fault: only PLV0 may run this instruction", false, true, false },
	{ ECODE_FPD, 0, "FPD", "floating-point instruction while EUEN.FPE = 0", "enable the FPU (EUEN.FPE = 1), restore the FP context lazily, ertn to retry", false, true, false },
	{ ECODE_SXD, 0, "SXD", "LSX instruction while EUEN.SXE = 0", "enable LSX and retry", false, true, false },
	{ ECODE_ASXD, 0, "ASXD", "LASX instruction while EUEN.ASXE = 0", "enable LASX and retry", false, true, false },
	{ ECODE_FPE, 0, "FPE", "floating-point exception enabled in FCSR.Enables", "read FCSR.Cause, deliver SIGFPE (or emulate), ertn", false, true, false },
	{ ECODE_WPE, 0, "WPEF", "fetch watchpoint", "report the watchpoint hit to the debugger", false, true, false },
	{ ECODE_WPE, 1, "WPEM", "load/store watchpoint", "report the watchpoint hit to the debugger", false, true, false },
	{ ECODE_BTD, 0, "BTD", "binary translation instruction while EUEN.BTE = 0", "enable LBT and retry", false, true, false },
	{ ECODE_BTE, 0, "BTE", "binary translation exception", "handle the binary translation exception", false, true, false },
	{ ECODE_GSPR, 0, "GSPR", "guest used a sensitive privileged resource (cpucfg, idle, iocsr, cacop, a CSR outside the guest bank)", "decode BADI and emulate the instruction for the guest (KVM: kvm_handle_gspr), ERA += 4, re-enter the guest with ertn (GSTAT.PVM = 1)", false, true, true },
	{ ECODE_HVC, 0, "HVC", "hypervisor call (hvcl)", "serve the hypercall (code = BADI[14:0], arguments in the guest's a0..), put the result in a0, ERA += 4, re-enter", false, true, true },
	{ ECODE_GCM, 0, "GCSC", "guest CSR software change", "emulate the guest CSR change", false, true, true },
	{ ECODE_GCM, 1, "GCHC", "guest CSR hardware change", "emulate the guest CSR change", false, false, true },
	{ ECODE_TLBR, 0, "TLBR", "TLB refill: no TLB entry matches the address", "walk the page table for TLBRBADV (lddir/ldpte), tlbfill, ertn (returns to TLBRERA; to the guest if TLBRPRMD.PGM)", false, false, false },
};

const struct ecode_info *ecode_info(unsigned ecode, unsigned esub)
{
	const struct ecode_info *any = NULL;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (table[i].ecode != ecode)
			continue;
		if (table[i].esub == esub)
			return &table[i];
		if (!any)
			any = &table[i];
	}
	return any;
}
