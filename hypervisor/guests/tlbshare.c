/*
 * tlbshare - two VMs (run it twice) using the same guest-virtual
 * addresses, the same ASID and the same TLB at once.  Entries are told
 * apart by their GID tag only.
 *
 * VM id even, the "keeper": maps VA_FIXED with tlbwr into MTLB entries it
 * never writes again, and VA_PAGED through its own page table and refill
 * handler; every round it checks that its memory still holds its pattern,
 * that its fixed entries are still there (tlbsrch finds them at its index,
 * tlbrd gives its GPAs) and that both mappings still lead to its own data.
 * VM id odd, the "disturber": does the same with the same addresses, and
 * every round also empties its TLB every way a guest can (invtlb 0, 1 and
 * 5, tlbclr, tlbflush) and writes its fixed entries again.
 * In guest mode those instructions act on the VM's own entries only, so
 * the keeper must never notice.  (A shared TLB tags entries, it does not
 * reserve slots: the two use different MTLB indices, 2048 + 8 * id.)
 *
 * Both yield after each round and check, with rdtime, that the other VM
 * really ran in between: the yield took more than half of what its own
 * round took (the other VM's round is the same work; the hypervisor's
 * yield path alone is a small fraction of it, see the single-VM run).
 */
#include "guest.h"

#define ROUNDS    40
#define VA_FIXED  0x60000000ul          /* 2 pages, MTLB entry */
#define VA_PAGED  0x70000000ul          /* PAGED_PAGES pages, page table + refill */
#define PAGED_PAGES 16
#define DATA_WORDS (8 * 1024 / 8)    /* small: a round fits in a time slice */
#define PTE_RW    (TLBELO_V | TLBELO_D | TLBELO_MAT(1))

volatile unsigned long refills;
__asm__(
	"	.text\n"
	"	.balign	4096\n"
	"	.globl	share_refill\n"
	"share_refill:\n"
	"	csrwr	$t0, 0x8b\n"
	"	csrrd	$t0, 0x1b\n"
	"	lddir	$t0, $t0, 2\n"
	"	lddir	$t0, $t0, 1\n"
	"	ldpte	$t0, 0\n"
	"	ldpte	$t0, 1\n"
	"	tlbfill\n"
	"	csrwr	$t1, 0x37\n"
	"	la.pcrel	$t0, refills\n"
	"	ld.d	$t1, $t0, 0\n"
	"	addi.d	$t1, $t1, 1\n"
	"	st.d	$t1, $t0, 0\n"
	"	csrrd	$t1, 0x37\n"
	"	csrrd	$t0, 0x8b\n"
	"	ertn\n");
extern char share_refill[];

static uint64_t *pgd;
static uint64_t salt;

static uint64_t *table(uint64_t e) { return (uint64_t *)(e | 0x9000000000000000ul); }

static void map(uint64_t va, uint64_t gpa)
{
	unsigned i2 = (va >> 30) & 511, i1 = (va >> 21) & 511, i0 = (va >> 12) & 511;
	if (!pgd[i2])
		pgd[i2] = gpa_of(rt_page_alloc(1));
	uint64_t *d1 = table(pgd[i2]);
	if (!d1[i1])
		d1[i1] = gpa_of(rt_page_alloc(1));
	table(d1[i1])[i0] = gpa | PTE_RW;
}

static uint64_t pattern(unsigned i) { return salt ^ (i * 0x9e3779b97f4a7c15ul); }

static void write_fixed(unsigned index, uint64_t gpa)
{
	csr_write(CSR_TLBEHI, VA_FIXED);
	csr_write(CSR_TLBELO0, gpa | PTE_RW);
	csr_write(CSR_TLBELO1, (gpa + 4096) | PTE_RW);
	csr_write(CSR_TLBIDX, index | TLBIDX_PS(12));
	tlbwr();
}

int main(void)
{
	long id = hv_vm_id();
	bool keeper = !(id & 1);
	unsigned index = 2048 + 8 * (unsigned)id;
	salt = 0x746c627300000000ul | (uint64_t)id << 16;

	uint64_t *data = rt_page_alloc(DATA_WORDS * 8 / 4096);
	uint64_t *fixed = rt_page_alloc(2);
	uint64_t *paged = rt_page_alloc(PAGED_PAGES);
	for (unsigned i = 0; i < DATA_WORDS; i++)
		data[i] = pattern(i);
	fixed[0] = pattern(1000);
	fixed[512] = pattern(1001);
	for (unsigned p = 0; p < PAGED_PAGES; p++)
		paged[p * 512] = pattern(2000 + p);

	pgd = rt_page_alloc(1);
	for (unsigned p = 0; p < PAGED_PAGES; p++)
		map(VA_PAGED + p * 4096ul, gpa_of(paged + p * 512));
	csr_write(CSR_PWCL, 12 | 9 << 5 | 21 << 10 | 9 << 15 | 30 << 20 | 9 << 25);
	csr_write(CSR_PWCH, 0);
	csr_write(CSR_STLBPS, 12);
	csr_write(CSR_ASID, 0);
	csr_write(CSR_PGDL, gpa_of(pgd));
	csr_write(CSR_TLBRENTRY, gpa_of(share_refill));
	csr_write(CSR_DMW(1), 0x9000000000000011ul);
	invtlb(0, 0, 0);
	write_fixed(index, gpa_of(fixed));
	csr_write(CSR_CRMD, (csr_read(CSR_CRMD) & ~CRMD_DA) | CRMD_PG);

	unsigned bad_data = 0, bad_tlb = 0, bad_va = 0, others_ran = 0;
	for (unsigned r = 0; r < ROUNDS; r++) {
		unsigned long t_round = rdtime();
		for (unsigned i = 0; i < DATA_WORDS; i++)
			bad_data += data[i] != pattern(i);
		csr_write(CSR_TLBEHI, VA_FIXED);
		tlbsrch();
		uint64_t idx = csr_read(CSR_TLBIDX);
		if ((idx & TLBIDX_NE) || (idx & 0xfff) != index) {
			bad_tlb++;
		} else {
			tlbrd();
			if ((csr_read(CSR_TLBELO0) & 0xfffffffff000ul) != gpa_of(fixed) ||
			    (csr_read(CSR_TLBELO1) & 0xfffffffff000ul) != gpa_of(fixed + 512))
				bad_tlb++;
		}
		bad_va += *(volatile uint64_t *)VA_FIXED != pattern(1000);
		bad_va += *(volatile uint64_t *)(VA_FIXED + 4096) != pattern(1001);
		for (unsigned p = 0; p < PAGED_PAGES; p++)
			bad_va += *(volatile uint64_t *)(VA_PAGED + p * 4096ul) != pattern(2000 + p);
		if (!keeper) {
			invtlb(0, 0, 0);
			invtlb(1, 0, 0);
			invtlb(5, 0, VA_PAGED);
			csr_write(CSR_TLBIDX, 2048);
			tlbflush();             /* the whole MTLB (its own entries) */
			csr_write(CSR_TLBIDX, 0);
			tlbclr();               /* STLB set 0 */
			write_fixed(index, gpa_of(fixed));
		}
		unsigned long t = rdtime();
		hv_yield();
		/* The other VM's round costs what ours did; the hypervisor's
		 * yield path alone costs a small fraction of it. */
		if (rdtime() - t > (t - t_round) / 2)
			others_ran++;
	}
	CHECK_EQ(bad_data, 0);
	CHECK_EQ(bad_tlb, 0);
	CHECK_EQ(bad_va, 0);
	CHECK(others_ran >= ROUNDS / 2);
	printf("%s: %u rounds, the other VM ran during %u of its yields, %lu refills of its own\n",
	       keeper ? "keeper" : "disturber", ROUNDS, others_ran, refills);
	rt_done();
}
