/*
 * stage2.c - design part 5: each VM's GPA -> HPA page table, in the host's
 * page-table format, so that the ordinary lddir/ldpte refill handler
 * (refill.S) walks it.
 *
 * Geometry (host_init.c programs PWCL/PWCH to match): 4 KiB pages, 512
 * eight-byte entries per table, four levels, indexed by GPA bits 47:39,
 * 38:30, 29:21 and 20:12.  That covers the whole 48-bit guest physical
 * space exactly once (PGDL and PGDH both hold the root, and bit 47 is
 * part of the top index), so no GPA aliases another.
 *
 * Directory entries hold the physical address of the next table (lddir
 * keeps PALEN bits of what it reads).  Absent parts of the space point at
 * shared "invalid" tables, as Linux's invalid_pud_table/invalid_pmd_table/
 * invalid_pte_table do: every walk completes and yields a PTE of 0 (V = 0),
 * so the refill handler needs no checks and the guest's retried access
 * raises a second-stage PIL/PIS/PIF that stage2_fault.c handles.
 *
 * Leaf PTEs are TLBELO values: V, D, MAT = CC, PLV 0, G = 0 (Linux
 * kvm/mmu.c: kvm_map_page).  The second stage checks no PLV, so guest user
 * code runs on these pages too.
 */
#include "parts.h"

#define PT_ENTRIES 512
#define PAGE_SIZE  4096ul

static uint64_t invalid_pte[PT_ENTRIES] __attribute__((aligned(4096)));
static uint64_t invalid_pmd[PT_ENTRIES] __attribute__((aligned(4096)));
static uint64_t invalid_pud[PT_ENTRIES] __attribute__((aligned(4096)));

static void fill(uint64_t *table, uint64_t v)
{
	for (unsigned i = 0; i < PT_ENTRIES; i++)
		table[i] = v;
}

void stage2_global_init(void)
{
	fill(invalid_pte, 0);
	fill(invalid_pmd, va_to_pa(invalid_pte));
	fill(invalid_pud, va_to_pa(invalid_pmd));
}

/* A new table page from the VM's slot, every entry = `empty`. */
static uint64_t *table_alloc(struct stage2 *s2, uint64_t empty)
{
	if (s2->pages_used >= HV_PT_SLOT_PAGES)
		return NULL;
	uint64_t *t = pa_to_va(s2->slot_pa + s2->pages_used++ * PAGE_SIZE);
	fill(t, empty);
	return t;
}

void stage2_init(struct stage2 *s2, unsigned slot)
{
	s2->slot_pa = HV_PT_PA + slot * HV_PT_SLOT_PAGES * PAGE_SIZE;
	s2->pages_used = 0;
	s2->pgd_pa = va_to_pa(table_alloc(s2, va_to_pa(invalid_pud)));
}

static unsigned index_at(uint64_t gpa, unsigned shift)
{
	return (unsigned)(gpa >> shift) & (PT_ENTRIES - 1);
}

/* The next-level table under entry e, creating it if e points at the
 * shared invalid table `invalid`. */
static uint64_t *next_table(struct stage2 *s2, uint64_t *e, const uint64_t *invalid, uint64_t empty)
{
	if (*e == va_to_pa(invalid)) {
		uint64_t *t = table_alloc(s2, empty);
		if (!t)
			return NULL;
		*e = va_to_pa(t);
	}
	return pa_to_va(*e);
}

bool stage2_map(struct stage2 *s2, uint64_t gpa, uint64_t hpa, uint64_t flags)
{
	uint64_t *pgd = pa_to_va(s2->pgd_pa);
	uint64_t *pud = next_table(s2, &pgd[index_at(gpa, 39)], invalid_pud, va_to_pa(invalid_pmd));
	if (!pud)
		return false;
	uint64_t *pmd = next_table(s2, &pud[index_at(gpa, 30)], invalid_pmd, va_to_pa(invalid_pte));
	if (!pmd)
		return false;
	uint64_t *pte = next_table(s2, &pmd[index_at(gpa, 21)], invalid_pte, 0);
	if (!pte)
		return false;
	pte[index_at(gpa, 12)] = (hpa & PALEN_MASK & ~(PAGE_SIZE - 1)) | flags;
	barrier();  /* the table write is visible before the TLB is told (dbar) */
	return true;
}

uint64_t stage2_pte(const struct stage2 *s2, uint64_t gpa)
{
	const uint64_t *t = pa_to_va(s2->pgd_pa);
	t = pa_to_va(t[index_at(gpa, 39)]);
	t = pa_to_va(t[index_at(gpa, 30)]);
	t = pa_to_va(t[index_at(gpa, 21)]);
	return t[index_at(gpa, 12)];
}

void stage2_flush_gpa(uint8_t gid, uint64_t gpa)
{
	/* invtlb 0x16: root-type entries of GID rj[23:16] covering rk. */
	invtlb(0x16, (uint64_t)gid << 16, gpa);
}

void stage2_flush_gid(uint8_t gid)
{
	/* invtlb 0x15: every entry of GID rj[23:16], guest and root type. */
	invtlb(0x15, (uint64_t)gid << 16, 0);
}
