/*
 * cpumodel.h - the CPU a VM sees through cpucfg (design part 6).
 */
#ifndef HV_CPUMODEL_H
#define HV_CPUMODEL_H

#include <stdint.h>

#define CPUCFG_WORDS 21

/* Words 0x40000000.. are the hypervisor's own (as Linux KVM does it,
 * kvm/exit.c: kvm_emu_cpucfg): 0x40000000 reads a signature. */
#define CPUCFG_HV_SIGNATURE_WORD 0x40000000u
#define CPUCFG_HV_SIGNATURE      0x485a564cu    /* "LVZH", little-endian */
#define CPUCFG_HV_FEATURES_WORD  0x40000004u    /* no paravirtual features: 0 */

struct cpu_model {
	uint32_t word[CPUCFG_WORDS];
};

/* Build the VM's model from the host's CPUCFG words. */
void cpumodel_init(struct cpu_model *m);
/* What cpucfg of word `index` answers in the guest. */
uint32_t cpumodel_read(const struct cpu_model *m, uint64_t index);

#endif
