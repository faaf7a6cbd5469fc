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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_undefined_csr_numbers),
	};
	return cmocka_run_group_tests_name("priv_edges", tests, NULL, NULL);
}
