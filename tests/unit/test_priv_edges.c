/*
 * test_priv_edges.c - privileged instructions with operands at the edges
 * of their fields, found by the fuzz harness (tests/fuzz): the simulator
 * must stay inside its own state and give the documented result.
 *
 * Each test runs a few instruction words at PLV0 in DA mode on a small
 * machine.  Encodings are written out from decode/insns.def (match word |
 * operand fields); expected values are derived by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mmu/dcache.h"
#include "sim/machine.h"

#define CODE 0x1000ull

/* insns.def match words with the operand fields put in */
#define CSRRD(rd, csr)        (0x04000000u | (csr) << 10 | (rd))
#define CSRWR(rd, csr)        (0x04000020u | (csr) << 10 | (rd))
#define CSRXCHG(rd, rj, csr)  (0x04000000u | (csr) << 10 | (rj) << 5 | (rd))
#define GCSRRD(rd, csr)       (0x05000000u | (csr) << 10 | (rd))
#define GCSRWR(rd, csr)       (0x05000020u | (csr) << 10 | (rd))
#define GCSRXCHG(rd, rj, csr) (0x05000000u | (csr) << 10 | (rj) << 5 | (rd))

#define TLBWR   0x06483000u
#define TLBFILL 0x06483400u
#define TLBSRCH 0x06482800u
#define LDPTE(rj, seq) (0x06440000u | (seq) << 10 | (rj) << 5)

static struct machine m;

static struct cpu *run(const uint32_t *w, unsigned n)
{
	static FILE *null;
	if (!null)
		null = fopen("/dev/null", "w");
	assert_non_null(null);
	assert_true(machine_init(&m, 1u << 20, null));
	struct ram_region *r = bus_find_ram(&m.bus, CODE, 4 * n);
	assert_non_null(r);
	memcpy(r->host + CODE, w, 4 * n);
	dcache_invalidate(&m.bus, CODE, 4 * n);
	cpu_reset(&m.cpu, CODE);
	return &m.cpu;
}

/*
 * csr* and gcsr* name 14-bit CSR numbers, beyond the storage of the CSR
 * table (CSR_SPACE).  An undefined CSR reads as 0 and ignores writes
 * (csr_read/csr_write; QEMU 7.2 does the same), so rd gets 0 and no CSR
 * of either bank changes.  Before the fix, the handlers read (and traced)
 * c->csr[bank][num] for such numbers: out of bounds, reported by UBSan
 * from the fuzz harness (make check-fuzz-asan).
 */
static void test_undefined_csr_numbers(void **state)
{
	(void)state;
	static const unsigned nums[] = { 0x3fff, CSR_SPACE, CSR_SPACE + 1, 0x2000 };
	for (unsigned i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		unsigned n = nums[i];
		uint32_t w[] = { CSRRD(4, n), CSRWR(5, n), CSRXCHG(6, 7, n),
				 GCSRRD(8, n), GCSRWR(9, n), GCSRXCHG(10, 11, n) };
		struct cpu *c = run(w, 6);
		for (unsigned r = 4; r <= 11; r++)
			c->gpr[r] = 0x1111111111111111ull * r;
		static uint64_t before[NWORLDS][CSR_SPACE];
		memcpy(before, c->csr, sizeof(before));
		cpu_run(c, 6);
		assert_int_equal(c->pc, CODE + 6 * 4);          /* no exception */
		for (unsigned r = 4; r <= 10; r += 2)           /* every rd read 0 */
			assert_int_equal(c->gpr[r], 0);
		assert_int_equal(c->gpr[5], 0);
		assert_int_equal(c->gpr[9], 0);
		assert_int_equal(c->gpr[7], 0x1111111111111111ull * 7);  /* rj unchanged */
		assert_memory_equal(before, c->csr, sizeof(before));
		machine_free(&m);
	}
}

static unsigned live_entries(const struct cpu *c)
{
	unsigned n = 0;
	for (unsigned i = 0; i < TLB_ENTRIES; i++)
		n += c->tlb.e[i].e;
	return n;
}

/*
 * tlbwr/tlbfill with a page size the core does not implement.  PRCFG2 =
 * 0x3ffff000 says sizes 2^12 .. 2^29 (Vol.1 7.3.2); the manual leaves
 * other sizes undefined.  Our choice (as later QEMU versions, check_ps):
 * nothing is written.  Before the fix such entries were written and the
 * lookups shifted by ps + 1 - 13 < 0 (UBSan: shift exponent 4294967284,
 * mmu/tlb.c vppn_match, from the fuzz harness).
 */
static void test_tlb_write_bad_page_size(void **state)
{
	(void)state;
	static const unsigned bad[] = { 0, 11, 30, 63 };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t w[] = { TLBWR, TLBFILL, TLBSRCH };
		struct cpu *c = run(w, 3);
		csr_write(c, 0, CSR_TLBEHI, 0x12344000);
		csr_write(c, 0, CSR_TLBELO0, 0x5000 | TLBELO_V);
		csr_write(c, 0, CSR_TLBELO1, 0x6000 | TLBELO_V);
		csr_write(c, 0, CSR_TLBIDX, (uint64_t)bad[i] << TLBIDX_PS_SH | (STLB_ENTRIES + 5));
		cpu_run(c, 3);
		assert_int_equal(c->pc, CODE + 3 * 4);
		assert_int_equal(live_entries(c), 0);
		/* tlbsrch finds nothing: NE = 1 */
		assert_true(csr_read(c, 0, CSR_TLBIDX) & TLBIDX_NE);
		machine_free(&m);
	}
	/* The largest implemented size is written (MTLB index 5, ps 29). */
	uint32_t w[] = { TLBWR };
	struct cpu *c = run(w, 1);
	csr_write(c, 0, CSR_TLBEHI, 0x40000000);
	csr_write(c, 0, CSR_TLBELO0, TLBELO_V);
	csr_write(c, 0, CSR_TLBIDX, 29ull << TLBIDX_PS_SH | (STLB_ENTRIES + 5));
	cpu_run(c, 1);
	assert_true(c->tlb.e[STLB_ENTRIES + 5].e);
	assert_int_equal(c->tlb.e[STLB_ENTRIES + 5].ps, 29);
	machine_free(&m);
}

/* tlbwr with NE = 1 removes the entry whatever the page size field says. */
static void test_tlb_remove_with_bad_page_size(void **state)
{
	(void)state;
	uint32_t w[] = { TLBWR };
	struct cpu *c = run(w, 1);
	c->tlb.e[STLB_ENTRIES + 7].e = true;
	c->tlb.e[STLB_ENTRIES + 7].ps = 12;
	/* Stored directly: which bit NE is (31, Vol.1 7.5.1) is not the point */
	c->csr[0][CSR_TLBIDX] = TLBIDX_NE | (STLB_ENTRIES + 7);         /* PS = 0 */
	cpu_run(c, 1);
	assert_false(c->tlb.e[STLB_ENTRIES + 7].e);
	machine_free(&m);
}

/* STLBPS.PS = 63 (a 6-bit field; no such STLB size): lookups still work
 * and find the MTLB entry; the STLB set index must not shift by 64. */
static void test_stlbps_out_of_range(void **state)
{
	(void)state;
	uint32_t w[] = { TLBWR, TLBSRCH };
	struct cpu *c = run(w, 2);
	csr_write(c, 0, CSR_STLBPS, 63);
	csr_write(c, 0, CSR_TLBEHI, 0x12344000);
	csr_write(c, 0, CSR_TLBELO0, TLBELO_V);
	csr_write(c, 0, CSR_TLBIDX, 14ull << TLBIDX_PS_SH | (STLB_ENTRIES + 3));
	cpu_run(c, 2);
	assert_int_equal(csr_read(c, 0, CSR_TLBIDX) & (TLBIDX_NE | 0xfff), STLB_ENTRIES + 3);
	machine_free(&m);
}

/*
 * ldpte of a huge PTE with PWCL.PTbase = PTwidth = 0: the page size is
 * PTbase + PTwidth - 1 (4.2.4.9), which wraps.  TLBREHI.PS is 6 bits
 * (7.5.11), so it gets the low 6 bits, 63, and the rest of TLBREHI (the
 * VPPN) must stay.  Before the fix the unsigned -1 was ORed into the whole
 * register and 1 << ps shifted by 2^32 - 1 (UB) for the odd half.
 */
static void test_ldpte_huge_ps_wraps(void **state)
{
	(void)state;
	uint32_t w[] = { LDPTE(4, 1) };
	struct cpu *c = run(w, 1);
	csr_write(c, 0, CSR_PWCL, 0);
	csr_write(c, 0, CSR_TLBREHI, 0x0000123456780000ull);
	c->gpr[4] = 0x1000 | (1ull << 6) | TLBELO_V;   /* a huge PTE: bit 6 (Linux _PAGE_HUGE) */
	cpu_run(c, 1);
	assert_int_equal(c->pc, CODE + 4);
	assert_int_equal(csr_read(c, 0, CSR_TLBREHI), 0x0000123456780000ull | 63);
	machine_free(&m);
}

/*
 * asrtle.d / asrtgt.d compare rj and rk "as signed numbers" (Vol.1
 * 2.2.10.3, Other Miscellaneous Instructions).  With rj = -1 and rk = 1:
 * asrtle (-1 <= 1) passes, asrtgt (-1 > 1) raises BCE.  An unsigned
 * compare (0xffff... vs 1) gives the opposite, as QEMU 7.2 does.
 */
#define ASRTLE(rj, rk) (0x00010000u | (rk) << 10 | (rj) << 5)
#define ASRTGT(rj, rk) (0x00018000u | (rk) << 10 | (rj) << 5)
static void test_asrt_signed(void **state)
{
	(void)state;
	uint32_t w[] = { ASRTLE(4, 5), ASRTGT(4, 5) };
	struct cpu *c = run(w, 2);
	csr_write(c, 0, CSR_EENTRY, 0x8000);
	c->gpr[4] = (uint64_t)-1;
	c->gpr[5] = 1;
	cpu_run(c, 2);
	/* the first passed, the second trapped: ERA = the asrtgt, BCE */
	assert_int_equal(c->pc, 0x8000);
	assert_int_equal(csr_read(c, 0, CSR_ERA), CODE + 4);
	assert_int_equal((csr_read(c, 0, CSR_ESTAT) >> ESTAT_ECODE_SH) & 0x3f, ECODE_BCE);
	machine_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_undefined_csr_numbers),
		cmocka_unit_test(test_tlb_write_bad_page_size),
		cmocka_unit_test(test_tlb_remove_with_bad_page_size),
		cmocka_unit_test(test_stlbps_out_of_range),
		cmocka_unit_test(test_ldpte_huge_ps_wraps),
		cmocka_unit_test(test_asrt_signed),
	};
	return cmocka_run_group_tests_name("priv_edges", tests, NULL, NULL);
}
