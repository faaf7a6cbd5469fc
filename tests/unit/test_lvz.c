/*
 * test_lvz.c - LVZ routing that the bare-metal tier cannot reach yet:
 * lvz_unit_usable (the lazy-FPU exit, docs/lvz.md "FPU"), which the FP
 * instructions call; until they are merged, tests/lvz/fpd says SKIP.
 * Expected values: lvz-facts.md 5 ("FP op, guest EUEN bit = 1 but root
 * EUEN bit = 0 -> root FPD; guest EUEN bit 0 -> guest exception").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cpu/cpu.h"

static struct cpu c;

#define GUEST_PC 0x1230
#define HOST_EENTRY 0x8000
#define GUEST_EENTRY 0x9000

static void in_guest(uint64_t guest_euen, uint64_t host_euen)
{
	cpu_init(&c, NULL);
	cpu_reset(&c, 0);
	c.csr[WORLD_HOST][CSR_EENTRY] = HOST_EENTRY;
	c.csr[WORLD_GUEST][CSR_EENTRY] = GUEST_EENTRY;
	c.csr[WORLD_HOST][CSR_EUEN] = host_euen;
	c.csr[WORLD_GUEST][CSR_EUEN] = guest_euen;
	c.csr[WORLD_HOST][CSR_GSTAT] |= (3ull << GSTAT_GID_SH) | GSTAT_VM;
	cpu_set_world(&c, WORLD_GUEST);
	c.pc = GUEST_PC;
}

static unsigned ecode(unsigned world) { return (c.csr[world][CSR_ESTAT] >> ESTAT_ECODE_SH) & 0x3f; }

static void test_fpd_exit(void **state)
{
	(void)state;
	in_guest(EUEN_FPE, 0);
	assert_false(lvz_unit_usable(&c, EUEN_FPE, ECODE_FPD));
	/* an exit: host world, host ESTAT/ERA, GSTAT.VM = 0, PVM = 1 */
	assert_int_equal(c.world, WORLD_HOST);
	assert_int_equal(ecode(WORLD_HOST), ECODE_FPD);
	assert_int_equal(c.csr[WORLD_HOST][CSR_ERA], GUEST_PC);
	assert_int_equal(c.pc, HOST_EENTRY);
	assert_int_equal(c.csr[WORLD_HOST][CSR_GSTAT] & (GSTAT_VM | GSTAT_PVM), GSTAT_PVM);
	assert_int_equal(c.lvz.exits[EXIT_FPD], 1);
	/* the guest bank is untouched */
	assert_int_equal(ecode(WORLD_GUEST), 0);
	assert_int_equal(c.csr[WORLD_GUEST][CSR_ERA], 0);
}

static void test_guest_fpd(void **state)
{
	(void)state;
	in_guest(0, 0);
	assert_false(lvz_unit_usable(&c, EUEN_FPE, ECODE_FPD));
	/* the guest's own exception: still in guest mode, no exit */
	assert_int_equal(c.world, WORLD_GUEST);
	assert_int_equal(ecode(WORLD_GUEST), ECODE_FPD);
	assert_int_equal(c.csr[WORLD_GUEST][CSR_ERA], GUEST_PC);
	assert_int_equal(c.pc, GUEST_EENTRY);
	assert_int_equal(c.lvz.exits[EXIT_FPD], 0);
	assert_int_equal(ecode(WORLD_HOST), 0);
}

static void test_usable(void **state)
{
	(void)state;
	in_guest(EUEN_FPE, EUEN_FPE);
	assert_true(lvz_unit_usable(&c, EUEN_FPE, ECODE_FPD));
	assert_int_equal(c.world, WORLD_GUEST);
	assert_int_equal(c.pc, GUEST_PC);
	/* host mode: only the host's bit counts */
	cpu_set_world(&c, WORLD_HOST);
	c.csr[WORLD_GUEST][CSR_EUEN] = 0;
	assert_true(lvz_unit_usable(&c, EUEN_FPE, ECODE_FPD));
	c.csr[WORLD_HOST][CSR_EUEN] = 0;
	assert_false(lvz_unit_usable(&c, EUEN_FPE, ECODE_FPD));
	assert_int_equal(ecode(WORLD_HOST), ECODE_FPD);
	assert_int_equal(c.lvz.exits[EXIT_FPD], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fpd_exit),
		cmocka_unit_test(test_guest_fpd),
		cmocka_unit_test(test_usable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
