/*
 * gcsr_bank.h - the guest CSR bank the hypervisor saves and restores when a
 * vCPU leaves and enters the CPU: Linux KVM's HW_GCSR list
 * (kvm/main.c: kvm_init_gcsr_flag; kvm/vcpu.c: _kvm_vcpu_put/_kvm_vcpu_load)
 * minus what needs special handling: TCFG/TVAL (vtimer.c), PGD (derived),
 * PRCFG1-3 (read-only), TICLR (write-only).
 *
 * X(index name, CSR number): gcsrrd/gcsrwr take the number as an immediate,
 * so each CSR is its own instruction (vcpu.c expands this list).
 */
#ifndef HV_GCSR_BANK_H
#define HV_GCSR_BANK_H

#define GUEST_BANK(X) \
	X(CRMD, CSR_CRMD) X(PRMD, CSR_PRMD) X(EUEN, CSR_EUEN) X(MISC, CSR_MISC) \
	X(ECFG, CSR_ECFG) X(ESTAT, CSR_ESTAT) X(ERA, CSR_ERA) X(BADV, CSR_BADV) \
	X(BADI, CSR_BADI) X(EENTRY, CSR_EENTRY) \
	X(TLBIDX, CSR_TLBIDX) X(TLBEHI, CSR_TLBEHI) X(TLBELO0, CSR_TLBELO0) X(TLBELO1, CSR_TLBELO1) \
	X(ASID, CSR_ASID) X(PGDL, CSR_PGDL) X(PGDH, CSR_PGDH) X(PWCL, CSR_PWCL) X(PWCH, CSR_PWCH) \
	X(STLBPS, CSR_STLBPS) X(RVACFG, CSR_RVACFG) X(CPUID, CSR_CPUID) \
	X(SAVE0, CSR_SAVE(0)) X(SAVE1, CSR_SAVE(1)) X(SAVE2, CSR_SAVE(2)) X(SAVE3, CSR_SAVE(3)) \
	X(SAVE4, CSR_SAVE(4)) X(SAVE5, CSR_SAVE(5)) X(SAVE6, CSR_SAVE(6)) X(SAVE7, CSR_SAVE(7)) \
	X(TID, CSR_TID) X(CNTC, CSR_CNTC) X(LLBCTL, CSR_LLBCTL) \
	X(TLBRENTRY, CSR_TLBRENTRY) X(TLBRBADV, CSR_TLBRBADV) X(TLBRERA, CSR_TLBRERA) \
	X(TLBRSAVE, CSR_TLBRSAVE) X(TLBRELO0, CSR_TLBRELO0) X(TLBRELO1, CSR_TLBRELO1) \
	X(TLBREHI, CSR_TLBREHI) X(TLBRPRMD, CSR_TLBRPRMD) \
	X(DMW0, CSR_DMW(0)) X(DMW1, CSR_DMW(1)) X(DMW2, CSR_DMW(2)) X(DMW3, CSR_DMW(3))

enum gcsr_index {
#define X(name, num) G_##name,
	GUEST_BANK(X)
#undef X
	GCSR_COUNT
};

#endif
