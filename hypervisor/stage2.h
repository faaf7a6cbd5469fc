/*
 * stage2.h - a VM's GPA -> HPA page table, in the host page-table format
 * (design part 5): 4 KiB pages, four levels, walked by refill.S with
 * lddir/ldpte exactly as Linux's handle_tlb_refill walks a process's table.
 */
#ifndef HV_STAGE2_H
#define HV_STAGE2_H

#include <stdbool.h>
#include <stdint.h>

/* PTE bits = TLBELO bits (Vol.1 7.5.3). */
#define PTE_V        (1ul << 0)
#define PTE_D        (1ul << 1)
#define PTE_MAT_CC   (1ul << 4)     /* coherent cached */
#define PTE_RAM      (PTE_V | PTE_D | PTE_MAT_CC)   /* PLV0, G=0: as KVM's kvm_map_page */

struct stage2 {
	uint64_t pgd_pa;            /* root: PGDL/PGDH while the VM runs */
	uint64_t slot_pa;           /* this VM's page-table pages */
	unsigned pages_used;
};

/* Set up the shared "invalid" tables once (stage2.c). */
void stage2_global_init(void);
void stage2_init(struct stage2 *s2, unsigned slot);
/* Map one 4 KiB page; false if the VM's page-table slot is full. */
bool stage2_map(struct stage2 *s2, uint64_t gpa, uint64_t hpa, uint64_t flags);
/* The PTE for gpa (0 if none). */
uint64_t stage2_pte(const struct stage2 *s2, uint64_t gpa);
/* Drop the second-stage TLB entry covering gpa for guest ID gid
 * (invtlb 0x16, as kvm_flush_tlb_gpa). */
void stage2_flush_gpa(uint8_t gid, uint64_t gpa);
/* Drop every TLB entry of guest ID gid, both stages (invtlb 0x15). */
void stage2_flush_gid(uint8_t gid);

#endif
