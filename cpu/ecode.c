/*
 * ecode.c - the exception table (see ecode.h).
 */
#include "cpu/ecode.h"

#include <stddef.h>

#include "cpu/csr.h"

static const struct ecode_info table[] = {
	{ ECODE_INT, 0, "INT", "interrupt: ESTAT.IS & ECFG.LIE != 0 with CRMD.IE = 1", false, false, false },
	{ ECODE_PIL, 0, "PIL", "load from a page whose TLB entry has V = 0", true, true, false },
	{ ECODE_PIS, 0, "PIS", "store to a page whose TLB entry has V = 0", true, true, false },
	{ ECODE_PIF, 0, "PIF", "instruction fetch from a page whose TLB entry has V = 0", true, false, false },
	{ ECODE_PME, 0, "PME", "store to a page whose TLB entry has D = 0 (page modification)", true, true, false },
	{ ECODE_PNR, 0, "PNR", "load from a page whose TLB entry has NR = 1", true, true, false },
	{ ECODE_PNX, 0, "PNX", "instruction fetch from a page whose TLB entry has NX = 1", true, false, false },
	{ ECODE_PPI, 0, "PPI", "access at a privilege level the TLB entry's PLV/RPLV does not allow", true, true, false },
	{ ECODE_ADE, ESUB_ADEF, "ADEF", "instruction fetch address error (illegal or misaligned PC, or no memory there)", true, false, false },
	{ ECODE_ADE, ESUB_ADEM, "ADEM", "data address error (illegal address, or nothing at that physical address)", true, true, false },
	{ ECODE_ALE, 0, "ALE", "misaligned access by an instruction that requires alignment", true, true, false },
	{ ECODE_BCE, 0, "BCE", "bound check failed (ldgt/ldle/stgt/stle/asrt)", true, true, false },
	{ ECODE_SYS, 0, "SYS", "syscall instruction", false, true, false },
	{ ECODE_BRK, 0, "BRK", "break instruction", false, true, false },
	{ ECODE_INE, 0, "INE", "instruction not defined (reserved encoding)", false, true, false },
	{ ECODE_IPE, 0, "IPE", "privileged instruction at PLV != 0", false, true, false },
	{ ECODE_FPD, 0, "FPD", "floating-point instruction while EUEN.FPE = 0", false, true, false },
	{ ECODE_SXD, 0, "SXD", "LSX instruction while EUEN.SXE = 0", false, true, false },
	{ ECODE_ASXD, 0, "ASXD", "LASX instruction while EUEN.ASXE = 0", false, true, false },
	{ ECODE_FPE, 0, "FPE", "floating-point exception enabled in FCSR.Enables", false, true, false },
	{ ECODE_WPE, 0, "WPEF", "fetch watchpoint", false, true, false },
	{ ECODE_WPE, 1, "WPEM", "load/store watchpoint", false, true, false },
	{ ECODE_BTD, 0, "BTD", "binary translation instruction while EUEN.BTE = 0", false, true, false },
	{ ECODE_BTE, 0, "BTE", "binary translation exception", false, true, false },
	{ ECODE_GSPR, 0, "GSPR", "guest used a sensitive privileged resource (cpucfg, idle, iocsr, cacop, a CSR outside the guest bank)", false, true, true },
	{ ECODE_HVC, 0, "HVC", "hypervisor call (hvcl)", false, true, true },
	{ ECODE_GCM, 0, "GCSC", "guest CSR software change", false, true, true },
	{ ECODE_GCM, 1, "GCHC", "guest CSR hardware change", false, false, true },
	{ ECODE_TLBR, 0, "TLBR", "TLB refill: no TLB entry matches the address", false, false, false },
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
