/*
 * inspect.h - looking at the machine without changing it: the debugger's
 * `info`, `x` and `disas`, shared with the gdb stub (registers, memory,
 * `monitor` commands).
 *
 * Memory is read through the address spaces LVZ has:
 *   va   virtual in the CPU's current world (a guest's GVA goes through
 *        both stages)          hva  host virtual (host CSR bank)
 *   gva  guest virtual (guest bank, GSTAT.GID, then stage 2)
 *   gpa  guest physical (stage 2 of GSTAT.GID)      hpa  host physical
 * Only RAM is read or written: device registers have side effects on
 * read (a UART's receive buffer), and a debugger must not change the run.
 */
#ifndef LVZSIM_INSPECT_H
#define LVZSIM_INSPECT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct machine;
struct cpu;
struct image;

enum addr_space { AS_VA, AS_HVA, AS_GVA, AS_GPA, AS_HPA };

/* "va", "hva", ...: the space, or -1. */
int inspect_space(const char *name);
const char *inspect_space_name(enum addr_space s);

/* addr in space -> host physical; false (with a reason) if it does not
 * translate.  No side effects: no TLB refill, no exception. */
bool inspect_translate(struct machine *m, enum addr_space s, uint64_t addr, uint64_t *hpa,
		       const char **why);
/* size 1/2/4/8 bytes of RAM at a physical address (not crossing a page). */
bool inspect_read_phys(struct machine *m, uint64_t pa, unsigned size, uint64_t *val);
/* Writes RAM (the decode cache of code pages is invalidated). */
bool inspect_write_phys(struct machine *m, uint64_t pa, unsigned size, uint64_t val);
/* Bytes at a virtual address of the current world, page by page; returns
 * how many could be read or written (they stop at the first failure). */
size_t inspect_read_virt(struct machine *m, uint64_t va, uint8_t *buf, size_t len);
size_t inspect_write_virt(struct machine *m, uint64_t va, const uint8_t *buf, size_t len);

/* "host plv0" or "guest gid 1 plv3". */
void inspect_where(const struct cpu *c, char *buf, size_t n);
/* "   # SAVE5" for an instruction that names a CSR by number, else "". */
void inspect_insn_note(uint32_t raw, char *buf, size_t n);
/* One line: address <symbol+off>: word  disassembly. */
void inspect_insn_line(FILE *out, struct machine *m, const struct image *img, uint64_t pc);

void inspect_regs(FILE *out, const struct cpu *c);
void inspect_fpu(FILE *out, const struct cpu *c);
/* All CSRs of a bank, or only those named in `names` (space separated). */
void inspect_csrs(FILE *out, struct cpu *c, unsigned bank, char *names);
void inspect_lvz(FILE *out, const struct cpu *c);
/* want_type: -1 any, 0 root, 1 guest; want_gid: -1 any. */
void inspect_tlb(FILE *out, const struct cpu *c, int want_type, int want_gid);
void inspect_exits(FILE *out, const struct cpu *c, uint64_t n);

#endif
