/*
 * exec_fp.h - shorthand for the FP handlers (cpu/exec_fp*.c).
 *
 * A single-precision value lives in bits [31:0] of an FPR; the manual
 * leaves bits [63:32] of a single-precision result free (Vol.1 3.1.1),
 * and lvzsim sets them the way QEMU 7.2 does, so that full-register dumps
 * compare equal: all ones ("NaN-boxed") for arithmetic results, see each
 * handler for the exceptions.
 */
#ifndef LVZSIM_EXEC_FP_H
#define LVZSIM_EXEC_FP_H

#include "cpu/exec.h"
#include "cpu/fpu.h"
#include "cpu/softfloat.h"

#define FD (cpu->fpr[d->rd])
#define FJ (cpu->fpr[d->rj])
#define FK (cpu->fpr[d->rk])
#define FA (cpu->fpr[d->ra])

static inline uint64_t nanbox32(uint64_t v) { return v | 0xffffffff00000000ull; }

/* Every FP instruction starts here: FPD unless the FPU is enabled. */
#define FP_ENABLED() do { if (!fpu_enabled_or_raise(cpu)) return; } while (0)

#endif
