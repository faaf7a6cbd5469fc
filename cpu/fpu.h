/*
 * fpu.h - FCSR layout and the helpers every FP handler uses (Vol.1 3.1:
 * FPRs f0-f31, condition flags fcc0-fcc7, FCSR0 with FCSR1-3 as views).
 */
#ifndef LVZSIM_FPU_H
#define LVZSIM_FPU_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"

/* FCSR0 fields (Vol.1 3.1.3.1): Enables [4:0], RM [9:8], Flags [20:16],
 * Cause [28:24]; each of Enables/Flags/Cause is V Z O U I from bit 4 to 0,
 * the order of the SF_* flags in cpu/softfloat.h. */
#define FCSR_ENABLES    0x0000001fu
#define FCSR_RM         0x00000300u
#define FCSR_RM_SH      8
#define FCSR_FLAGS      0x001f0000u
#define FCSR_FLAGS_SH   16
#define FCSR_CAUSE      0x1f000000u
#define FCSR_CAUSE_SH   24
/* Bits of FCSR0 that exist; the others read as 0 (3.1.3.1). */
#define FCSR0_MASK      (FCSR_ENABLES | FCSR_RM | FCSR_FLAGS | FCSR_CAUSE)

/* What FCSRn reads and writes: FCSR0 is everything; FCSR1 is Enables,
 * FCSR2 Flags and Cause, FCSR3 RM, each in its FCSR0 position (3.1.3.2). */
uint32_t fcsr_view_mask(unsigned n);

static inline unsigned fcsr_rm(const struct cpu *c) { return (c->fcsr & FCSR_RM) >> FCSR_RM_SH; }

/*
 * After an FP arithmetic instruction computed its result with exception
 * flags `flags` (SF_*): Cause := flags; if some cause is enabled, raise
 * FPE (Ecode 0x12) and return false - the destination must not be written
 * and Flags stay as they were; otherwise Flags |= flags and return true.
 * This is Vol.1 3.1.3.1 and what QEMU 7.2 does (Cause is rewritten by every
 * arithmetic instruction, also to 0).
 */
bool fpu_commit_flags(struct cpu *c, unsigned flags);

#endif
