/*
 * gspr.c - design part 6: sensitive instructions.  In guest mode the CPU
 * does not execute these; it exits with GSPR (ESTAT.Ecode 0x16) and the
 * instruction word in BADI, and the hypervisor does what the instruction
 * would have done on the VM's machine (Linux kvm/exit.c: kvm_handle_gspr):
 *
 *   cpucfg rd, rj        the VM's CPU model (cpumodel.c): LVZ bit clear
 *   idle level           the vCPU waits until one of its interrupts is pending
 *   iocsrrd/iocsrwr.*    the VM's own IOCSR space (viocsr.c)
 *   csrrd/csrwr/csrxchg  of a CSR outside the guest bank: a value kept per
 *                        vCPU for the CSRs listed below, 0 for the others
 *                        (reads 0, writes ignored, as Linux KVM does)
 *   cacop                nothing to do: there are no caches to initialise
 *                        for a guest (GCFG.GCI = 2 traps only that kind)
 * Anything else that exits with GSPR (dbcl, for one) is an instruction the
 * VM does not have: the guest gets INE at it.
 * On success PC moves past the instruction.
 */
#include "parts.h"

/* 2R cpucfg rd, rj: 0x00006c00 */
#define INSN_CPUCFG(i)  (((i) & 0xfffffc00u) == 0x00006c00u)
/* idle level: 0x06488000 */
#define INSN_IDLE(i)    (((i) & 0xffff8000u) == 0x06488000u)
/* iocsrrd.b/h/w/d = 0x06480000/0400/0800/0c00, iocsrwr.* = +0x1000 */
#define INSN_IOCSR(i)   (((i) >> 10) >= 0x19200u && ((i) >> 10) <= 0x19207u)
/* csrrd (rj = 0), csrwr (rj = 1), csrxchg: 0x04000000 | csr << 10 */
#define INSN_CSR(i)     (((i) >> 24) == 0x04u)
/* cacop code, rj, si12: 0x06000000 */
#define INSN_CACOP(i)   (((i) >> 22) == 0x018u)

/* CSRs a guest may use although they are not in the guest bank (Linux
 * KVM's SW_GCSR list, kvm/main.c): implementation control, machine error,
 * cache tag, debug.  Each vCPU keeps its own value. */
static const uint16_t soft_csr_numbers[SOFT_CSRS] = {
	0x80, 0x81,                             /* IMPCTL1, IMPCTL2 */
	0x90, 0x91, 0x92, 0x93, 0x94, 0x95,     /* MERRCTL, MERRINFO1/2, MERRENTRY, MERRERA, MERRSAVE */
	0x98,                                   /* CTAG */
	0x500, 0x501, 0x502,                    /* DBG, DERA, DSAVE */
};

static uint64_t *soft_csr(struct vcpu *v, unsigned num)
{
	for (unsigned i = 0; i < SOFT_CSRS; i++)
		if (soft_csr_numbers[i] == num)
			return &v->soft_csr[i];
	return NULL;
}

static void set_rd(struct vcpu *v, unsigned rd, uint64_t val)
{
	if (rd)
		v->gpr[rd] = val;
}

static void emulate_csr(struct vcpu *v, uint32_t insn)
{
	unsigned rd = insn & 31, rj = (insn >> 5) & 31, num = (insn >> 10) & 0x3fff;
	uint64_t *slot = soft_csr(v, num);
	uint64_t old = slot ? *slot : 0;
	if (rj == 1) {                      /* csrwr: swap */
		if (slot)
			*slot = v->gpr[rd];
	} else if (rj != 0) {               /* csrxchg: rd under the mask in rj */
		uint64_t mask = v->gpr[rj];
		if (slot)
			*slot = (old & ~mask) | (v->gpr[rd] & mask);
	}
	set_rd(v, rd, old);
}

static void emulate_iocsr(struct vcpu *v, uint32_t insn)
{
	unsigned rd = insn & 31, rj = (insn >> 5) & 31, op = (insn >> 10) & 7;
	unsigned size = 1u << (op & 3);
	uint64_t mask = size == 8 ? ~0ul : (1ul << (8 * size)) - 1;
	if (op & 4)
		viocsr_write(v->vm, v->gpr[rj], size, v->gpr[rd] & mask);
	else
		set_rd(v, rd, viocsr_read(v->vm, v->gpr[rj], size) & mask);
}

enum exit_action handle_gspr(struct vcpu *v)
{
	uint32_t insn = (uint32_t)v->exit.badi;
	unsigned rd = insn & 31, rj = (insn >> 5) & 31;

	if (INSN_CPUCFG(insn)) {
		v->stats.gspr[GSPR_CPUCFG]++;
		set_rd(v, rd, cpumodel_read(&v->vm->model, v->gpr[rj]));
	} else if (INSN_IDLE(insn)) {
		v->stats.gspr[GSPR_IDLE]++;
		v->pc += 4;     /* the interrupt returns after the idle */
		if (!vcpu_interrupt_pending(v)) {
			v->state = VCPU_BLOCKED;
			return EXIT_RESCHED;
		}
		return EXIT_RESUME;
	} else if (INSN_IOCSR(insn)) {
		v->stats.gspr[GSPR_IOCSR]++;
		emulate_iocsr(v, insn);
	} else if (INSN_CSR(insn)) {
		v->stats.gspr[GSPR_CSR]++;
		emulate_csr(v, insn);
	} else if (INSN_CACOP(insn)) {
		v->stats.gspr[GSPR_CACOP]++;
	} else {
		v->stats.gspr[GSPR_UNKNOWN]++;
		inject_exception(v, EC_INE, 0, false, 0);
		return EXIT_RESUME;
	}
	v->pc += 4;
	return EXIT_RESUME;
}
