/*
 * test_timer.c - the constant timer on the deterministic clock (one tick
 * per instruction; cpu/timer.c).  Vol.1 7.6: TVAL counts down from
 * InitVal = TCFG[47:2] << 2; at 0 ESTAT.IS[11] is set; periodic mode
 * reloads, one-shot keeps counting down (docs/lvz.md: TVAL then wraps).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cpu/cpu.h"

static struct cpu c;

static void fresh(void)
{
	cpu_init(&c, NULL);
	cpu_reset(&c, 0);
}

static bool ti(unsigned bank) { return (c.csr[bank][CSR_ESTAT] >> INT_TI) & 1; }

static void advance(uint64_t n)
{
	c.icount += n;
	timer_update(&c);
}

static void test_oneshot(void **state)
{
	(void)state;
	fresh();
	csr_write(&c, 0, CSR_TCFG, 100 | TCFG_EN);      /* InitVal 100 (bits 1:0 = 0) */
	assert_int_equal(csr_read(&c, 0, CSR_TVAL), 100);
	assert_int_equal(timer_next_event(&c), 100);
	advance(99);
	assert_int_equal(csr_read(&c, 0, CSR_TVAL), 1);
	assert_false(ti(0));
	advance(1);                                     /* TVAL reaches 0 */
	assert_true(ti(0));
	assert_int_equal(csr_read(&c, 0, CSR_TVAL), 0);
	advance(1);                                     /* keeps counting: 2^48 - 1 */
	assert_int_equal(csr_read(&c, 0, CSR_TVAL), (1ull << 48) - 1);
	assert_int_equal(timer_next_event(&c), UINT64_MAX);
	csr_write(&c, 0, CSR_TICLR, 1);
	assert_false(ti(0));
	advance(1000);
	assert_false(ti(0));                            /* one-shot: no second fire */
}

static void test_periodic(void **state)
{
	(void)state;
	fresh();
	csr_write(&c, 0, CSR_TCFG, 40 | TCFG_PERIOD | TCFG_EN);
	advance(40);
	assert_true(ti(0));
	csr_write(&c, 0, CSR_TICLR, 1);
	assert_int_equal(csr_read(&c, 0, CSR_TVAL), 40);  /* reloaded */
	advance(40);
	assert_true(ti(0));
}

static void test_disable_freezes(void **state)
{
	(void)state;
	fresh();
	csr_write(&c, 0, CSR_TCFG, 1000 | TCFG_EN);
	advance(300);
	csr_write(&c, 0, CSR_TCFG, 1000);                /* En = 0 */
	advance(5000);
	assert_int_equal(csr_read(&c, 0, CSR_TVAL), 700);
	assert_false(ti(0));
	/* Software cannot write TVAL. */
	csr_write(&c, 0, CSR_TVAL, 5);
	assert_int_equal(csr_read(&c, 0, CSR_TVAL), 700);
}

static void test_guest_timer_runs_in_host_mode(void **state)
{
	(void)state;
	fresh();
	/* The host programs the guest timer with gcsrwr (KVM's restore path:
	 * TCFG then TVAL = remaining ticks); it runs while the CPU is in host
	 * mode and raises only the guest's TI. */
	csr_write_gcsr(&c, CSR_TCFG, 1000 | TCFG_EN);
	csr_write_gcsr(&c, CSR_TVAL, 10);
	assert_int_equal(c.world, WORLD_HOST);
	advance(10);
	assert_true(ti(1));
	assert_false(ti(0));
	/* TVAL = 0 from the host fires at once. */
	csr_write_gcsr(&c, CSR_ESTAT, 0);
	csr_write_gcsr(&c, CSR_TCFG, 1000 | TCFG_EN);
	csr_write_gcsr(&c, CSR_TVAL, 0);
	advance(0);
	assert_true(ti(1));
}

static void test_rdtime_counter(void **state)
{
	(void)state;
	fresh();
	advance(12345);
	c.time_skip = 5;
	assert_int_equal(timer_counter(&c), 12350);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oneshot),
		cmocka_unit_test(test_periodic),
		cmocka_unit_test(test_disable_freezes),
		cmocka_unit_test(test_guest_timer_runs_in_host_mode),
		cmocka_unit_test(test_rdtime_counter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
