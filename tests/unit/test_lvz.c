/*
 * test_lvz.c - LVZ rules the bare-metal tier cannot reach:
 *   - fpu_enabled_or_raise in guest mode (the lazy-FPU exit, docs/lvz.md
 *     "FPU"), at the unit level too (tests/lvz/fpd runs real FP
 *     instructions).  Expected: lvz-facts.md 5 ("FP op, guest EUEN bit = 1
 *     but root EUEN bit = 0 -> root FPD; guest EUEN bit 0 -> guest
 *     exception");
 *   - GINTC.PIP routing a host HWI line to the guest (docs/lvz.md
 *     "Virtual interrupts"; lvz-facts.md 2 [M]): no device of the board
 *     drives a host HWI line, so the line is raised with cpu_set_irq here.
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
	assert_false(fpu_enabled_or_raise(&c));
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
	assert_false(fpu_enabled_or_raise(&c));
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
	assert_true(fpu_enabled_or_raise(&c));
	assert_int_equal(c.world, WORLD_GUEST);
	assert_int_equal(c.pc, GUEST_PC);
	/* host mode: only the host's bit counts */
	cpu_set_world(&c, WORLD_HOST);
	c.csr[WORLD_GUEST][CSR_EUEN] = 0;
	assert_true(fpu_enabled_or_raise(&c));
	c.csr[WORLD_HOST][CSR_EUEN] = 0;
	assert_false(fpu_enabled_or_raise(&c));
	assert_int_equal(ecode(WORLD_HOST), ECODE_FPD);
	assert_int_equal(c.lvz.exits[EXIT_FPD], 0);
}

static void test_pip(void **state)
{
	(void)state;
	in_guest(0, 0);
	uint64_t *gintc = &c.csr[WORLD_HOST][CSR_GINTC];
	/* host HWI3 (ESTAT bit 5) high, not routed: the guest sees nothing */
	cpu_set_irq(&c, INT_HWI0 + 3, true);
	assert_int_equal(csr_read(&c, WORLD_GUEST, CSR_ESTAT) & ESTAT_IS, 0);
	/* PIP bit 3: guest HWI3 follows the host line */
	*gintc = 1ull << (8 + 3);
	assert_int_equal(csr_read(&c, WORLD_GUEST, CSR_ESTAT) & ESTAT_IS, 1ull << 5);
	cpu_set_irq(&c, INT_HWI0 + 3, false);
	assert_int_equal(csr_read(&c, WORLD_GUEST, CSR_ESTAT) & ESTAT_IS, 0);
	/* PIP of another line does not route HWI3; VIP adds its own bit */
	cpu_set_irq(&c, INT_HWI0 + 3, true);
	*gintc = (1ull << (8 + 2)) | (1ull << 7);
	assert_int_equal(csr_read(&c, WORLD_GUEST, CSR_ESTAT) & ESTAT_IS, 1ull << 9);
	/* HC (23:16) is a stored field, no pending line */
	*gintc = 0xffull << 16;
	assert_int_equal(csr_read(&c, WORLD_GUEST, CSR_ESTAT) & ESTAT_IS, 0);
	/* the guest takes a routed line as its own interrupt */
	*gintc = 1ull << (8 + 3);
	c.csr[WORLD_GUEST][CSR_ECFG] = 1ull << 5;
	c.csr[WORLD_GUEST][CSR_CRMD] |= CRMD_IE;
	c.csr[WORLD_HOST][CSR_ECFG] = 0;     /* the host masks it for itself */
	assert_true(cpu_check_interrupts(&c));
	assert_int_equal(c.world, WORLD_GUEST);
	assert_int_equal(ecode(WORLD_GUEST), ECODE_INT);
	assert_int_equal(c.csr[WORLD_GUEST][CSR_ERA], GUEST_PC);
	/* unmasked in the host too, with host IE: the host wins (an exit) */
	in_guest(0, 0);
	cpu_set_irq(&c, INT_HWI0 + 3, true);
	c.csr[WORLD_HOST][CSR_GINTC] = 1ull << (8 + 3);
	c.csr[WORLD_GUEST][CSR_ECFG] = 1ull << 5;
	c.csr[WORLD_GUEST][CSR_CRMD] |= CRMD_IE;
	c.csr[WORLD_HOST][CSR_ECFG] = 1ull << 5;
	c.csr[WORLD_HOST][CSR_CRMD] |= CRMD_IE;
	assert_true(cpu_check_interrupts(&c));
	assert_int_equal(c.world, WORLD_HOST);
	assert_int_equal(c.lvz.exits[EXIT_INT], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fpd_exit),
		cmocka_unit_test(test_guest_fpd),
		cmocka_unit_test(test_usable),
		cmocka_unit_test(test_pip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
