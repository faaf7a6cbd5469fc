/*
 * csr.h - CSR numbers, fields, and the CSR table interface.
 *
 * Numbers and field positions: LoongArch Reference Manual Vol.1 v1.10,
 * chapter 7 ("Control and Status Registers"), and for the LVZ registers
 * Linux arch/loongarch/include/asm/loongarch.h (see docs/lvz.md).
 *
 * Storage: cpu->csr[bank][number] with bank 0 = host, 1 = guest (LVZ).
 * Every architectural access goes through csr_read()/csr_write(), which
 * apply the table's masks and hooks (cpu/csr_table.c).
 */
#ifndef LVZSIM_CSR_H
#define LVZSIM_CSR_H

#include <stdbool.h>
#include <stdint.h>

#define CSR_SPACE 0x510     /* numbers 0 .. 0x50f are stored */

enum {
	CSR_CRMD = 0x0, CSR_PRMD = 0x1, CSR_EUEN = 0x2, CSR_MISC = 0x3,
	CSR_ECFG = 0x4, CSR_ESTAT = 0x5, CSR_ERA = 0x6, CSR_BADV = 0x7,
	CSR_BADI = 0x8, CSR_EENTRY = 0xc,
	CSR_TLBIDX = 0x10, CSR_TLBEHI = 0x11, CSR_TLBELO0 = 0x12,
	CSR_TLBELO1 = 0x13, CSR_GTLBC = 0x15, CSR_TRGP = 0x16,
	CSR_ASID = 0x18, CSR_PGDL = 0x19, CSR_PGDH = 0x1a, CSR_PGD = 0x1b,
	CSR_PWCL = 0x1c, CSR_PWCH = 0x1d, CSR_STLBPS = 0x1e, CSR_RVACFG = 0x1f,
	CSR_CPUID = 0x20, CSR_PRCFG1 = 0x21, CSR_PRCFG2 = 0x22, CSR_PRCFG3 = 0x23,
	CSR_SAVE0 = 0x30,   /* SAVE0..SAVE15 = 0x30..0x3f */
	CSR_TID = 0x40, CSR_TCFG = 0x41, CSR_TVAL = 0x42, CSR_CNTC = 0x43,
	CSR_TICLR = 0x44,
	CSR_GSTAT = 0x50, CSR_GCFG = 0x51, CSR_GINTC = 0x52, CSR_GCNTC = 0x53,
	CSR_LLBCTL = 0x60,
	CSR_IMPCTL1 = 0x80, CSR_IMPCTL2 = 0x81,
	CSR_TLBRENTRY = 0x88, CSR_TLBRBADV = 0x89, CSR_TLBRERA = 0x8a,
	CSR_TLBRSAVE = 0x8b, CSR_TLBRELO0 = 0x8c, CSR_TLBRELO1 = 0x8d,
	CSR_TLBREHI = 0x8e, CSR_TLBRPRMD = 0x8f,
	CSR_MERRCTL = 0x90, CSR_MERRINFO1 = 0x91, CSR_MERRINFO2 = 0x92,
	CSR_MERRENTRY = 0x93, CSR_MERRERA = 0x94, CSR_MERRSAVE = 0x95,
	CSR_CTAG = 0x98,
	CSR_DMW0 = 0x180, CSR_DMW1 = 0x181, CSR_DMW2 = 0x182, CSR_DMW3 = 0x183,
	CSR_PERFCTRL0 = 0x200,  /* PERFCTRLn = 0x200 + 2n, PERFCNTRn = 0x201 + 2n */
	CSR_MWPC = 0x300, CSR_MWPS = 0x301,
	CSR_FWPC = 0x380, CSR_FWPS = 0x381,
	CSR_DBG = 0x500, CSR_DERA = 0x501, CSR_DSAVE = 0x502,
};

/* CRMD (Vol.1 7.4.1) */
#define CRMD_PLV     0x3ull
#define CRMD_IE      (1ull << 2)
#define CRMD_DA      (1ull << 3)
#define CRMD_PG      (1ull << 4)
#define CRMD_DATF_SH 5
#define CRMD_DATM_SH 7
#define CRMD_WE      (1ull << 9)
/* PRMD (7.4.2) */
#define PRMD_PPLV    0x3ull
#define PRMD_PIE     (1ull << 2)
#define PRMD_PWE     (1ull << 3)
/* EUEN (7.4.3) */
#define EUEN_FPE     (1ull << 0)
/* MISC (7.4.4) */
#define MISC_VA32L_SH  0    /* VA32L1..3: bits 1..3 (bit PLV), not modelled */
#define MISC_DRDTL_SH  4    /* DRDTL1..3: bits 5..7 (bit 4 + PLV) */
#define MISC_RPCNTL_SH 8    /* RPCNTL1..3: bits 9..11 (bit 8 + PLV) */
#define MISC_ALCL_SH   12   /* ALCL0..3: bits 12..15 (bit 12 + PLV) */
#define MISC_DWPL_SH   16   /* DWPL0..2: bits 16..18 (bit 16 + PLV) */
/* ECFG (7.4.5) */
#define ECFG_LIE     0x1fffull  /* bits 12:0 (bit 10 PMI) */
#define ECFG_VS_SH   16
/* ESTAT (7.4.6) */
#define ESTAT_IS     0x1fffull
#define ESTAT_ECODE_SH 16
#define ESTAT_ESUB_SH  22
/* TLBIDX (7.5.1) */
#define TLBIDX_PS_SH 24
#define TLBIDX_NE    (1ull << 31)  /* NE is bit 31 (Vol.1 7.5.1) */
/* TLBELO (7.5.3) */
#define TLBELO_V     (1ull << 0)
#define TLBELO_D     (1ull << 1)
#define TLBELO_PLV_SH 2
#define TLBELO_MAT_SH 4
#define TLBELO_G     (1ull << 6)
#define TLBELO_NR    (1ull << 61)
#define TLBELO_NX    (1ull << 62)
#define TLBELO_RPLV  (1ull << 63)
/* TLBRERA (7.5.13) */
#define TLBRERA_ISTLBR 1ull
/* LLBCTL (7.4.12) */
#define LLBCTL_ROLLB (1ull << 0)
#define LLBCTL_WCLLB (1ull << 1)
#define LLBCTL_KLO   (1ull << 2)
/* TCFG (7.6.2) */
#define TCFG_EN      (1ull << 0)
#define TCFG_PERIOD  (1ull << 1)
#define TCFG_INITVAL_MASK 0x0000fffffffffffcull   /* n = 48 timer bits */
/* GSTAT (LVZ) */
#define GSTAT_VM     (1ull << 0)
#define GSTAT_PVM    (1ull << 1)
#define GSTAT_GIDBIT_SH 4
#define GSTAT_GID_SH 16
/* GTLBC (LVZ) */
#define GTLBC_USETGID (1ull << 12)
#define GTLBC_TOTI    (1ull << 13)
#define GTLBC_TGID_SH 16
/* TLBRPRMD bit 3: the refill was taken from guest mode (LVZ) */
#define TLBRPRMD_PGM  (1ull << 3)

/* Interrupt numbers (ESTAT.IS bit positions; Vol.1 6.1.1) */
enum { INT_SWI0 = 0, INT_SWI1 = 1, INT_HWI0 = 2, INT_PMI = 10, INT_TI = 11,
       INT_IPI = 12 };

/* Exception codes (Vol.1 table 21, LVZ additions from Linux). */
enum {
	ECODE_INT = 0x0, ECODE_PIL = 0x1, ECODE_PIS = 0x2, ECODE_PIF = 0x3,
	ECODE_PME = 0x4, ECODE_PNR = 0x5, ECODE_PNX = 0x6, ECODE_PPI = 0x7,
	ECODE_ADE = 0x8, ECODE_ALE = 0x9, ECODE_BCE = 0xa, ECODE_SYS = 0xb,
	ECODE_BRK = 0xc, ECODE_INE = 0xd, ECODE_IPE = 0xe, ECODE_FPD = 0xf,
	ECODE_SXD = 0x10, ECODE_ASXD = 0x11, ECODE_FPE = 0x12, ECODE_WPE = 0x13,
	ECODE_BTD = 0x14, ECODE_BTE = 0x15, ECODE_GSPR = 0x16, ECODE_HVC = 0x17,
	ECODE_GCM = 0x18,
	ECODE_TLBR = 0x3f,  /* TLB refill: not written to ESTAT (Vol.1 6.2.3) */
};
enum { ESUB_ADEF = 0, ESUB_ADEM = 1 };

struct cpu;

/* Table-driven CSR access: apply masks and side-effect hooks. `bank` is 0 for
 * the host CSRs, 1 for the guest bank.  Return false if the CSR does not
 * exist in that bank (the caller decides what that means: IPE/GSPR...). */
bool csr_exists(unsigned bank, unsigned num);
uint64_t csr_read(struct cpu *c, unsigned bank, unsigned num);
/* The stored value without read hooks (for traces); 0 for a number
 * outside the storage, which csr* instructions can name (14 bits). */
uint64_t csr_stored(const struct cpu *c, unsigned bank, unsigned num);
void csr_write(struct cpu *c, unsigned bank, unsigned num, uint64_t val);
/* The host's gcsrwr/gcsrxchg into the guest bank (wider mask: CPUID, TVAL,
 * ESTAT TI/IPI/Ecode are writable from the host; docs/lvz.md). */
void csr_write_gcsr(struct cpu *c, unsigned num, uint64_t val);
const char *csr_name(unsigned num);   /* NULL if unknown */
int csr_by_name(const char *name);    /* -1 if unknown */
void csr_reset(struct cpu *c);

/* Write-mask as seen by software for (bank, num); used by tests. */
uint64_t csr_write_mask(unsigned bank, unsigned num);

#endif
