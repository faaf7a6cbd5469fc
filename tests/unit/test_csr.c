/*
 * test_csr.c - the CSR table: write masks, read-only fields, derived
 * registers and side effects (cpu/csr_table.c).  Expected values are the
 * field layouts of Vol.1 chapter 7 (LA64, PALEN = VALEN = 48).
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
	cpu_reset(&c, 0x200000);
}

static void test_reset_state(void **state)
{
	(void)state;
	fresh();
	/* QEMU 7.2 -kernel entry: PLV0, IE=0, DA=1, DATF=DATM=1 -> 0xa8. */
	assert_int_equal(csr_read(&c, 0, CSR_CRMD), 0xa8);
	/* ASIDBITS = 10 in ASID[23:16]. */
	assert_int_equal(csr_read(&c, 0, CSR_ASID), 10 << 16);
	assert_int_equal(c.pc, 0x200000);
}

static void test_masks(void **state)
{
	(void)state;
	fresh();
	/* CRMD: bits 9:0 only (PLV IE DA PG DATF DATM WE). */
	csr_write(&c, 0, CSR_CRMD, ~0ull);
	assert_int_equal(csr_read(&c, 0, CSR_CRMD), 0x3ff);
	/* ESTAT: software may only set IS[1:0] (SWI). */
	csr_write(&c, 0, CSR_ESTAT, ~0ull);
	assert_int_equal(csr_read(&c, 0, CSR_ESTAT), 0x3);
	/* EENTRY: bits 11:0 read as zero. */
	csr_write(&c, 0, CSR_EENTRY, 0x123456789abcdefull);
	assert_int_equal(csr_read(&c, 0, CSR_EENTRY), 0x123456789abc000ull);
	/* ASID: ASIDBITS read-only, ASID 9:0. */
	csr_write(&c, 0, CSR_ASID, 0xffffffff);
	assert_int_equal(csr_read(&c, 0, CSR_ASID), (10 << 16) | 0x3ff);
	/* TLBIDX: Index 11:0, PS 29:24, NE 31. */
	csr_write(&c, 0, CSR_TLBIDX, ~0ull);
	assert_int_equal(csr_read(&c, 0, CSR_TLBIDX), 0xbf000fffull);
	/* DMW: PLV0-3 (3:0), MAT (5:4), VSEG (63:60). */
	csr_write(&c, 0, CSR_DMW1, ~0ull);
	assert_int_equal(csr_read(&c, 0, CSR_DMW1), 0xf00000000000003full);
	/* BADI, CPUID, PRCFG1 are read-only. */
	csr_write(&c, 0, CSR_BADI, 0x1234);
	assert_int_equal(csr_read(&c, 0, CSR_BADI), 0);
	csr_write(&c, 0, CSR_PRCFG1, 0);
	assert_int_equal(csr_read(&c, 0, CSR_PRCFG1), 0x72f8);
}

static void test_sign_extension(void **state)
{
	(void)state;
	fresh();
	/* TLBEHI[63:48] read as copies of VPPN's top bit, VA[47]. */
	csr_write(&c, 0, CSR_TLBEHI, 0x0000800000002000ull);
	assert_int_equal(csr_read(&c, 0, CSR_TLBEHI), 0xffff800000002000ull);
	csr_write(&c, 0, CSR_TLBEHI, 0xffff000000004000ull);
	assert_int_equal(csr_read(&c, 0, CSR_TLBEHI), 0x0000000000004000ull);
}

static void test_pgd_is_derived(void **state)
{
	(void)state;
	fresh();
	csr_write(&c, 0, CSR_PGDL, 0x1000);
	csr_write(&c, 0, CSR_PGDH, 0x2000);
	csr_write(&c, 0, CSR_BADV, 0x0000000012345678ull);
	assert_int_equal(csr_read(&c, 0, CSR_PGD), 0x1000);         /* VA[47] = 0 */
	csr_write(&c, 0, CSR_BADV, 0xffff800000000000ull);
	assert_int_equal(csr_read(&c, 0, CSR_PGD), 0x2000);         /* VA[47] = 1 */
	/* Inside a refill handler, TLBRBADV decides. */
	csr_write(&c, 0, CSR_TLBRERA, 1);
	csr_write(&c, 0, CSR_TLBRBADV, 0x1000);
	assert_int_equal(csr_read(&c, 0, CSR_PGD), 0x1000);
}

static void test_ticlr_and_llbctl(void **state)
{
	(void)state;
	fresh();
	c.csr[0][CSR_ESTAT] |= 1ull << INT_TI;
	csr_write(&c, 0, CSR_TICLR, 1);
	assert_int_equal(csr_read(&c, 0, CSR_ESTAT) & (1ull << INT_TI), 0);
	assert_int_equal(csr_read(&c, 0, CSR_TICLR), 0);
	/* LLBCTL: ROLLB is read-only, WCLLB=1 clears it, KLO is stored. */
	c.csr[0][CSR_LLBCTL] = LLBCTL_ROLLB;
	csr_write(&c, 0, CSR_LLBCTL, LLBCTL_KLO);
	assert_int_equal(csr_read(&c, 0, CSR_LLBCTL), LLBCTL_ROLLB | LLBCTL_KLO);
	csr_write(&c, 0, CSR_LLBCTL, LLBCTL_WCLLB | LLBCTL_KLO);
	assert_int_equal(csr_read(&c, 0, CSR_LLBCTL), LLBCTL_KLO);
}

static void test_guest_bank(void **state)
{
	(void)state;
	fresh();
	/* Host-only CSRs are not in the guest bank; bank CSRs are. */
	assert_true(csr_exists(0, CSR_GSTAT));
	assert_false(csr_exists(1, CSR_GSTAT));
	assert_false(csr_exists(1, CSR_IMPCTL1));
	assert_true(csr_exists(1, CSR_TLBRPRMD));
	assert_true(csr_exists(1, CSR_DMW3));
	/* The banks are separate storage. */
	csr_write(&c, 1, CSR_SAVE0, 111);
	csr_write(&c, 0, CSR_SAVE0, 222);
	assert_int_equal(csr_read(&c, 1, CSR_SAVE0), 111);
	/* Guest software cannot write its CPUID; the host's gcsrwr can. */
	csr_write(&c, 1, CSR_CPUID, 5);
	assert_int_equal(csr_read(&c, 1, CSR_CPUID), 0);
	csr_write_gcsr(&c, CSR_CPUID, 5);
	assert_int_equal(csr_read(&c, 1, CSR_CPUID), 5);
	/* The host may inject TI (bit 11) into the guest ESTAT, software may not. */
	csr_write(&c, 1, CSR_ESTAT, 1ull << INT_TI);
	assert_int_equal(csr_read(&c, 1, CSR_ESTAT), 0);
	csr_write_gcsr(&c, CSR_ESTAT, 1ull << INT_TI);
	assert_int_equal(csr_read(&c, 1, CSR_ESTAT), 1ull << INT_TI);
	/* GINTC.VIP bit i shows as guest ESTAT.IS[2+i]. */
	csr_write(&c, 0, CSR_GINTC, 0x5);
	assert_int_equal(csr_read(&c, 1, CSR_ESTAT), (1ull << INT_TI) | (0x5 << 2));
	/* GSTAT: GIDBIT = 8 read-only, VM read-only, PVM and GID writable. */
	csr_write(&c, 0, CSR_GSTAT, ~0ull);
	assert_int_equal(csr_read(&c, 0, CSR_GSTAT), (8 << 4) | 0x2 | (0xffull << 16));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reset_state),
		cmocka_unit_test(test_masks),
		cmocka_unit_test(test_sign_extension),
		cmocka_unit_test(test_pgd_is_derived),
		cmocka_unit_test(test_ticlr_and_llbctl),
		cmocka_unit_test(test_guest_bank),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
