/*
 * test_idle.c - `idle` on the deterministic clock (cpu/cpu.c
 * service_events): time skips to the next timer expiry that can wake the
 * core; with no such expiry the machine stops as halted (exit status 5).
 *
 * Regression (found by tests/fuzz): a periodic timer whose line is masked
 * in ECFG.LIE fires forever without waking the core (Vol.1 6.1: a line
 * interrupts only if LIE enables it).  service_events used to skip time
 * from one of its expiries to the next without end, so cpu_run never
 * returned.  The tests below run under alarm(), which turns a hang into a
 * failure.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "mmu/dcache.h"
#include "sim/machine.h"

#define CODE 0x1000ull
#define IDLE_0 0x06488000u      /* idle 0 (insns.def) */
#define ANDI_NOP 0x03400000u    /* andi $r0, $r0, 0 (nop) */

static struct machine m;

/* `idle 0; nop` at CODE, PLV0, DA mode, interrupts off (CRMD.IE = 0). */
static struct cpu *boot(void)
{
	static FILE *null;
	if (!null)
		null = fopen("/dev/null", "w");
	assert_non_null(null);
	assert_true(machine_init(&m, 1u << 20, null));
	uint32_t code[2] = { IDLE_0, ANDI_NOP };
	struct ram_region *r = bus_find_ram(&m.bus, CODE, sizeof(code));
	assert_non_null(r);
	memcpy(r->host + CODE, code, sizeof(code));
	dcache_invalidate(&m.bus, CODE, sizeof(code));
	cpu_reset(&m.cpu, CODE);
	return &m.cpu;
}

static void test_masked_periodic_timer_halts(void **state)
{
	(void)state;
	struct cpu *c = boot();
	/* Periodic timer, InitVal 0x40, line TI not enabled (ECFG = 0). */
	csr_write(c, 0, CSR_TCFG, 0x40 | TCFG_PERIOD | TCFG_EN);
	alarm(10);
	cpu_run(c, 10);
	alarm(0);
	assert_true(m.stop);
	assert_int_equal(m.exit_status, EXIT_HALTED);
	assert_int_equal(c->pc, CODE + 4);      /* idle retired, nop never ran */
	machine_free(&m);
}

static void test_enabled_timer_wakes(void **state)
{
	(void)state;
	struct cpu *c = boot();
	/* One-shot timer armed at counter 0 with InitVal 0x40, TI enabled:
	 * idle (instruction 1) waits until the counter reaches 0x40, then the
	 * nop runs (IE = 0: the line wakes the core without an interrupt). */
	csr_write(c, 0, CSR_ECFG, 1u << INT_TI);
	csr_write(c, 0, CSR_TCFG, 0x40 | TCFG_EN);
	alarm(10);
	cpu_run(c, 2);
	alarm(0);
	assert_false(m.stop);
	assert_int_equal(c->pc, CODE + 8);
	assert_int_equal(c->icount, 2);
	assert_int_equal(timer_counter(c), 0x40 + 1);   /* woke at 0x40, then the nop */
	machine_free(&m);
}

static void test_masked_periodic_does_not_hide_enabled_one(void **state)
{
	(void)state;
	struct cpu *c = boot();
	/* The host timer is masked and periodic; the guest bank's timer cannot
	 * wake a host-mode core either: halted, not hung. */
	csr_write(c, 0, CSR_TCFG, 0x8 | TCFG_PERIOD | TCFG_EN);
	csr_write(c, 1, CSR_ECFG, 1u << INT_TI);
	csr_write(c, 1, CSR_TCFG, 0x80 | TCFG_EN);
	alarm(10);
	cpu_run(c, 10);
	alarm(0);
	assert_true(m.stop);
	assert_int_equal(m.exit_status, EXIT_HALTED);
	machine_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_masked_periodic_timer_halts),
		cmocka_unit_test(test_enabled_timer_wakes),
		cmocka_unit_test(test_masked_periodic_does_not_hide_enabled_one),
	};
	return cmocka_run_group_tests_name("idle", tests, NULL, NULL);
}
