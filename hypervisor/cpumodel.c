/*
 * cpumodel.c - design part 6: the CPU a VM sees through cpucfg.
 *
 * In guest mode every cpucfg exits (GSPR); the answer is this table.  It
 * is the host's CPUCFG filtered through the masks Linux KVM allows a VMM
 * to give a guest (kvm/vcpu.c: _kvm_get_cpucfg_mask), narrowed further to
 * what this hypervisor offers:
 *   word 1      bits 25:0 (ISA, paging, IOCSR, PALEN, VALEN, ...)
 *   word 2      LLFTP, LLFTPVERS, LSPW, LAM only: no FP (the hypervisor
 *               does not switch FP state; a guest that enables it anyway
 *               gets INE), no LSX/LASX/LBT, and never LVZ or its version
 *               (no nested virtualization), nor PTW
 *   word 3      bits 16:0;  words 4-5 (constant timer) as the host
 *   word 6      0: no PMU
 *   words 16-20 the host's caches (16: bits 16:0, 17-20: bits 30:0)
 *   others <= 20  0
 *   0x40000000  the hypervisor signature "LVZH"; 0x40000004 its
 *               paravirtual features: none
 *   any other   0
 */
#include "parts.h"

#define CPUCFG2_LLFTP     (1u << 14)
#define CPUCFG2_LLFTPVERS (7u << 15)
#define CPUCFG2_LSPW      (1u << 21)
#define CPUCFG2_LAM       (1u << 22)

void cpumodel_init(struct cpu_model *m)
{
	memset(m, 0, sizeof(*m));
	m->word[0] = (uint32_t)cpucfg(0);
	m->word[1] = (uint32_t)cpucfg(1) & 0x03ffffffu;
	m->word[2] = (uint32_t)cpucfg(2) & (CPUCFG2_LLFTP | CPUCFG2_LLFTPVERS | CPUCFG2_LSPW | CPUCFG2_LAM);
	m->word[3] = (uint32_t)cpucfg(3) & 0x0001ffffu;
	m->word[4] = (uint32_t)cpucfg(4);
	m->word[5] = (uint32_t)cpucfg(5);
	m->word[16] = (uint32_t)cpucfg(16) & 0x0001ffffu;
	for (unsigned w = 17; w <= 20; w++)
		m->word[w] = (uint32_t)cpucfg(w) & 0x7fffffffu;
}

uint32_t cpumodel_read(const struct cpu_model *m, uint64_t index)
{
	if (index < CPUCFG_WORDS)
		return m->word[index];
	if (index == CPUCFG_HV_SIGNATURE_WORD)
		return CPUCFG_HV_SIGNATURE;
	return 0;
}
