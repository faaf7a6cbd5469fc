/*
 * la.h - LoongArch64 definitions for bare-metal test programs (target side):
 * CSR numbers and fields (Vol.1 chapter 7; LVZ registers as Linux's
 * arch/loongarch/include/asm/loongarch.h names them) and inline accessors
 * for the privileged instructions.  Built with clang-19.
 */
#ifndef RT_LA_H
#define RT_LA_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

/* ---- CSR numbers ---- */
#define CSR_CRMD      0x0
#define CSR_PRMD      0x1
#define CSR_EUEN      0x2
#define CSR_MISC      0x3
#define CSR_ECFG      0x4
#define CSR_ESTAT     0x5
#define CSR_ERA       0x6
#define CSR_BADV      0x7
#define CSR_BADI      0x8
#define CSR_EENTRY    0xc
#define CSR_TLBIDX    0x10
#define CSR_TLBEHI    0x11
#define CSR_TLBELO0   0x12
#define CSR_TLBELO1   0x13
#define CSR_GTLBC     0x15
#define CSR_TRGP      0x16
#define CSR_ASID      0x18
#define CSR_PGDL      0x19
#define CSR_PGDH      0x1a
#define CSR_PGD       0x1b
#define CSR_PWCL      0x1c
#define CSR_PWCH      0x1d
#define CSR_STLBPS    0x1e
#define CSR_RVACFG    0x1f
#define CSR_CPUID     0x20
#define CSR_PRCFG1    0x21
#define CSR_PRCFG2    0x22
#define CSR_PRCFG3    0x23
#define CSR_SAVE(n)   (0x30 + (n))
#define CSR_TID       0x40
#define CSR_TCFG      0x41
#define CSR_TVAL      0x42
#define CSR_CNTC      0x43
#define CSR_TICLR     0x44
#define CSR_GSTAT     0x50
#define CSR_GCFG      0x51
#define CSR_GINTC     0x52
#define CSR_GCNTC     0x53
#define CSR_LLBCTL    0x60
#define CSR_TLBRENTRY 0x88
#define CSR_TLBRBADV  0x89
#define CSR_TLBRERA   0x8a
#define CSR_TLBRSAVE  0x8b
#define CSR_TLBRELO0  0x8c
#define CSR_TLBRELO1  0x8d
#define CSR_TLBREHI   0x8e
#define CSR_TLBRPRMD  0x8f
#define CSR_MERRCTL   0x90
#define CSR_DMW(n)    (0x180 + (n))

/* ---- fields ---- */
#define CRMD_PLV_MASK 0x3ul
#define CRMD_IE       (1ul << 2)
#define CRMD_DA       (1ul << 3)
#define CRMD_PG       (1ul << 4)
#define CRMD_DATF(x)  ((unsigned long)(x) << 5)
#define CRMD_DATM(x)  ((unsigned long)(x) << 7)
#define CRMD_WE       (1ul << 9)
#define PRMD_PPLV_MASK 0x3ul
#define PRMD_PIE      (1ul << 2)
#define EUEN_FPE      (1ul << 0)
#define ECFG_VS(x)    ((unsigned long)(x) << 16)
#define ESTAT_ECODE(e) (((e) >> 16) & 0x3f)
#define ESTAT_ESUB(e)  (((e) >> 22) & 0x1ff)
#define TLBIDX_NE     (1ul << 31)
#define TLBIDX_PS(x)  ((unsigned long)(x) << 24)
#define TLBELO_V      (1ul << 0)
#define TLBELO_D      (1ul << 1)
#define TLBELO_PLV(x) ((unsigned long)(x) << 2)
#define TLBELO_MAT(x) ((unsigned long)(x) << 4)
#define TLBELO_G      (1ul << 6)
#define TLBELO_NR     (1ul << 61)
#define TLBELO_NX     (1ul << 62)
#define TLBELO_RPLV   (1ul << 63)
#define TCFG_EN       (1ul << 0)
#define TCFG_PERIODIC (1ul << 1)
#define GSTAT_VM      (1ul << 0)
#define GSTAT_PVM     (1ul << 1)
#define GSTAT_GID(x)  ((unsigned long)(x) << 16)
#define GTLBC_USETGID (1ul << 12)
#define GTLBC_TOTI    (1ul << 13)
#define GTLBC_TGID(x) ((unsigned long)(x) << 16)
#define TLBRPRMD_PGM  (1ul << 3)

/* Interrupt lines (ESTAT.IS / ECFG.LIE bits) */
#define INT_SWI0 0
#define INT_SWI1 1
#define INT_HWI(n) (2 + (n))
#define INT_TI   11
#define INT_IPI  12

#ifndef __ASSEMBLER__
/* Exception codes (Vol.1 table 21; LVZ: Linux EXCCODE_GSPR/HVC/GCM) */
enum {
	EC_INT = 0x0, EC_PIL = 0x1, EC_PIS = 0x2, EC_PIF = 0x3, EC_PME = 0x4,
	EC_PNR = 0x5, EC_PNX = 0x6, EC_PPI = 0x7, EC_ADE = 0x8, EC_ALE = 0x9,
	EC_BCE = 0xa, EC_SYS = 0xb, EC_BRK = 0xc, EC_INE = 0xd, EC_IPE = 0xe,
	EC_FPD = 0xf, EC_FPE = 0x12, EC_GSPR = 0x16, EC_HVC = 0x17,
};
#endif

#ifndef __ASSEMBLER__
/* ---- accessors: the CSR number must be a compile-time constant ---- */
#define csr_read(n) ({ unsigned long __v; \
	__asm__ volatile("csrrd %0, %1" : "=r"(__v) : "i"(n) : "memory"); __v; })
/* csrwr: returns the old value */
#define csr_write(n, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrwr %0, %1" : "+r"(__v) : "i"(n) : "memory"); __v; })
#define csr_xchg(n, val, mask) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrxchg %0, %1, %2" : "+r"(__v) : "r"((unsigned long)(mask)), "i"(n) : "memory"); __v; })
#define gcsr_read(n) ({ unsigned long __v; \
	__asm__ volatile("gcsrrd %0, %1" : "=r"(__v) : "i"(n) : "memory"); __v; })
#define gcsr_write(n, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("gcsrwr %0, %1" : "+r"(__v) : "i"(n) : "memory"); __v; })
#define gcsr_xchg(n, val, mask) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("gcsrxchg %0, %1, %2" : "+r"(__v) : "r"((unsigned long)(mask)), "i"(n) : "memory"); __v; })

static inline unsigned long cpucfg(unsigned long word)
{
	unsigned long v;
	__asm__ volatile("cpucfg %0, %1" : "=r"(v) : "r"(word));
	return v;
}

static inline unsigned long rdtime(void)
{
	unsigned long v, id;
	__asm__ volatile("rdtime.d %0, %1" : "=r"(v), "=r"(id));
	return v;
}

static inline uint8_t iocsr_read8(unsigned long a)
{ unsigned long v; __asm__ volatile("iocsrrd.b %0, %1" : "=r"(v) : "r"(a) : "memory"); return (uint8_t)v; }
static inline uint16_t iocsr_read16(unsigned long a)
{ unsigned long v; __asm__ volatile("iocsrrd.h %0, %1" : "=r"(v) : "r"(a) : "memory"); return (uint16_t)v; }
static inline uint32_t iocsr_read32(unsigned long a)
{ unsigned long v; __asm__ volatile("iocsrrd.w %0, %1" : "=r"(v) : "r"(a) : "memory"); return (uint32_t)v; }
static inline uint64_t iocsr_read64(unsigned long a)
{ unsigned long v; __asm__ volatile("iocsrrd.d %0, %1" : "=r"(v) : "r"(a) : "memory"); return v; }
static inline void iocsr_write8(unsigned long a, uint8_t v)
{ __asm__ volatile("iocsrwr.b %0, %1" : : "r"((unsigned long)v), "r"(a) : "memory"); }
static inline void iocsr_write16(unsigned long a, uint16_t v)
{ __asm__ volatile("iocsrwr.h %0, %1" : : "r"((unsigned long)v), "r"(a) : "memory"); }
static inline void iocsr_write32(unsigned long a, uint32_t v)
{ __asm__ volatile("iocsrwr.w %0, %1" : : "r"((unsigned long)v), "r"(a) : "memory"); }
static inline void iocsr_write64(unsigned long a, uint64_t v)
{ __asm__ volatile("iocsrwr.d %0, %1" : : "r"(v), "r"(a) : "memory"); }

static inline void tlbsrch(void) { __asm__ volatile("tlbsrch" ::: "memory"); }
static inline void tlbrd(void) { __asm__ volatile("tlbrd" ::: "memory"); }
static inline void tlbwr(void) { __asm__ volatile("tlbwr" ::: "memory"); }
static inline void tlbfill(void) { __asm__ volatile("tlbfill" ::: "memory"); }
static inline void tlbclr(void) { __asm__ volatile("tlbclr" ::: "memory"); }
static inline void tlbflush(void) { __asm__ volatile("tlbflush" ::: "memory"); }
#define invtlb(op, rj, rk) __asm__ volatile("invtlb %0, %1, %2" : : "i"(op), "r"((unsigned long)(rj)), "r"((unsigned long)(rk)) : "memory")
static inline void barrier(void) { __asm__ volatile("dbar 0" ::: "memory"); }
static inline void ibar(void) { __asm__ volatile("ibar 0" ::: "memory"); }
#endif /* __ASSEMBLER__ */

#endif
