/*
 * route.h - which instructions run natively in guest mode and which trap
 * to the host (GSPR), and the TLB context TLB instructions act on.
 * The rules and their sources: docs/lvz.md.
 */
#ifndef LVZSIM_ROUTE_H
#define LVZSIM_ROUTE_H

#include <stdbool.h>
#include <stdint.h>

#include "mmu/tlb.h"

struct cpu;

/* A guest csrrd/csrwr/csrxchg of CSR num uses the guest bank (true) or
 * traps to the host with GSPR (false). */
bool lvz_guest_csr_native(const struct cpu *c, unsigned num);
/* Does a guest cacop with this op code trap (GCFG.GCI)? */
bool lvz_guest_cacop_traps(const struct cpu *c, unsigned op);
/* Do the guest's TLB instructions trap (GTLBC.TOTI)? */
bool lvz_guest_tlb_traps(const struct cpu *c);

/* The entries TLB instructions of the current world act on: in the host,
 * root-type entries of GID = GTLBC.TGID if GTLBC.USETGID, else GID 0; in the
 * guest, guest-type entries of GSTAT.GID. */
struct tlb_ctx lvz_tlb_ctx(const struct cpu *c);

#endif
