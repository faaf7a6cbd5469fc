/*
 * hv.h - common definitions of the hypervisor's C code: the CSR fields the
 * hypervisor uses beyond tests/rt/la.h, the console, and small helpers.
 */
#ifndef HV_HV_H
#define HV_HV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hv_asm.h"
#include "layout.h"

/* LVZ fields (Linux arch/loongarch/include/asm/loongarch.h names). */
#define CPUCFG2_LVZ        (1u << 10)
#define CPUCFG2_LVZVER(x)  (((x) >> 11) & 7)
#define GSTAT_GIDBIT(x)    (((x) >> 4) & 0x3f)
#define GCFG_MATP_ROOT     (1ul << 1)     /* cap: root decides the memory access type */
#define GCFG_MATC_ROOT     (1ul << 4)     /* MATC = 1 */
#define GCFG_GCIP_SECURE   (1ul << 18)    /* cap: GCI = 2 exists */
#define GCFG_GCI_SECURE    (2ul << 20)    /* GCI = 2: only cache-init cacop traps */
#define ECFG_LIE_TI        (1ul << INT_TI)
#define ESTAT_IS_MASK      0x1ffful
#define TCFG_INITVAL(x)    ((x) & 0x0000fffffffffffcul)
#define TIMER_MASK         0x0000fffffffffffful  /* TVAL: 48 timer bits (PRCFG1.TIMERBITS) */
#define PALEN_MASK         0x0000fffffffffffful  /* 48-bit physical addresses */

/* Exception codes and subcodes the hypervisor injects (Vol.1 table 21). */
#define ESUB_ADEF 0
#define ESUB_ADEM 1

/* Host physical address <-> the hypervisor's cached DMW window. */
static inline void *pa_to_va(uint64_t pa) { return (void *)(pa | HV_DMW_CACHED); }
static inline uint64_t va_to_pa(const void *va) { return (uint64_t)va & PALEN_MASK; }

/* The stable counter, in host time (100 MHz). */
static inline uint64_t hv_now(void) { return rdtime(); }

/* ---- console.c: the board UART, lines from VMs, panics ---- */
int hv_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void hv_putc(char c);
__attribute__((noreturn, format(printf, 1, 2))) void hv_panic(const char *fmt, ...);
/* Leave the simulator: power off (exit status 0) or reset (exit status 3). */
__attribute__((noreturn)) void board_power_off(void);
__attribute__((noreturn)) void board_reset(void);

/* ---- lib.c ---- */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
uint64_t checksum(const void *p, size_t bytes);

#endif
