/*
 * test_tlb.c - TLB matching and invalidation (mmu/tlb.c), by hand-built
 * entries.  Expected values follow Vol.1 5.4.4 (lookup) and 4.2.4.7
 * (invtlb), and the LVZ tagging rules of docs/lvz.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mmu/tlb.h"

static struct tlb t;

/* Put an entry for the 2*2^ps pair containing va at index idx. */
static void put(unsigned idx, uint64_t va, unsigned ps, uint16_t asid, bool g, bool guest, uint8_t gid)
{
	struct tlb_entry *e = &t.e[idx];
	e->e = true;
	e->vppn = (va >> 13) & ((1ull << 35) - 1);
	e->ps = (uint8_t)ps;
	e->asid = asid;
	e->g = g;
	e->guest = guest;
	e->gid = gid;
	e->lo[0] = e->lo[1] = 1; /* V */
}

static struct tlb_ctx host(uint16_t asid)
{
	return (struct tlb_ctx){ .guest = false, .gid = 0, .asid = asid, .match_asid = true };
}

/* STLB set of va for 4 KiB pages: VA[19:13] (pairs of 4 KiB pages). */
static unsigned stlb_idx(uint64_t va, unsigned way)
{
	return way * STLB_SETS + (unsigned)((va >> 13) & (STLB_SETS - 1));
}

static void setup(void)
{
	tlb_reset(&t);
}

static void test_lookup_stlb_and_asid(void **state)
{
	(void)state;
	setup();
	put(stlb_idx(0x12345000, 3), 0x12345000, 12, 7, false, false, 0);
	struct tlb_ctx c7 = host(7), c8 = host(8);
	/* Both pages of the pair 0x12344000-0x12345fff hit; the next pair not. */
	assert_int_equal(tlb_lookup(&t, &c7, 0x12345abc, 12), (int)stlb_idx(0x12345000, 3));
	assert_int_equal(tlb_lookup(&t, &c7, 0x12344000, 12), (int)stlb_idx(0x12345000, 3));
	assert_int_equal(tlb_lookup(&t, &c7, 0x12346000, 12), -1);
	/* Another ASID misses a G=0 entry... */
	assert_int_equal(tlb_lookup(&t, &c8, 0x12345abc, 12), -1);
	/* ...but hits a G=1 one. */
	t.e[stlb_idx(0x12345000, 3)].g = true;
	assert_int_equal(tlb_lookup(&t, &c8, 0x12345abc, 12), (int)stlb_idx(0x12345000, 3));
}

static void test_lookup_mtlb_huge(void **state)
{
	(void)state;
	setup();
	/* A 2 MiB pair (ps = 21) covers 4 MiB: 0x40000000-0x403fffff. */
	put(STLB_ENTRIES + 5, 0x40000000, 21, 1, false, false, 0);
	struct tlb_ctx c = host(1);
	assert_int_equal(tlb_lookup(&t, &c, 0x403ff000, 12), STLB_ENTRIES + 5);
	assert_int_equal(tlb_lookup(&t, &c, 0x40400000, 12), -1);
	/* VA bits above 47 are not part of the compare (canonical check is
	 * done before the lookup). */
	assert_int_equal(tlb_lookup(&t, &c, 0xffff000040001000ull, 12), STLB_ENTRIES + 5);
}

static void test_world_and_gid_tags(void **state)
{
	(void)state;
	setup();
	put(STLB_ENTRIES + 0, 0x200000, 12, 0, true, false, 0);  /* host */
	put(STLB_ENTRIES + 1, 0x200000, 12, 0, true, true, 1);   /* guest GID 1 */
	put(STLB_ENTRIES + 2, 0x200000, 12, 0, true, true, 2);   /* guest GID 2 */
	put(STLB_ENTRIES + 3, 0x200000, 12, 0, true, false, 1);  /* stage 2 of GID 1 */
	struct tlb_ctx h = host(0);
	struct tlb_ctx g1 = { .guest = true, .gid = 1, .match_asid = true };
	struct tlb_ctx g2 = { .guest = true, .gid = 2, .match_asid = true };
	struct tlb_ctx s2 = { .guest = false, .gid = 1, .match_asid = false };
	assert_int_equal(tlb_lookup(&t, &h, 0x200000, 12), STLB_ENTRIES + 0);
	assert_int_equal(tlb_lookup(&t, &g1, 0x200000, 12), STLB_ENTRIES + 1);
	assert_int_equal(tlb_lookup(&t, &g2, 0x200000, 12), STLB_ENTRIES + 2);
	assert_int_equal(tlb_lookup(&t, &s2, 0x200000, 12), STLB_ENTRIES + 3);
	/* Stage-2 lookups ignore ASID even for G=0 entries. */
	t.e[STLB_ENTRIES + 3].g = false;
	t.e[STLB_ENTRIES + 3].asid = 99;
	assert_int_equal(tlb_lookup(&t, &s2, 0x200000, 12), STLB_ENTRIES + 3);
}

static void test_invtlb_ops(void **state)
{
	(void)state;
	setup();
	put(stlb_idx(0x10000, 0), 0x10000, 12, 5, false, false, 0);   /* A: asid 5 */
	put(stlb_idx(0x20000, 0), 0x20000, 12, 6, false, false, 0);   /* B: asid 6 */
	put(stlb_idx(0x30000, 0), 0x30000, 12, 0, true, false, 0);    /* C: global */
	put(stlb_idx(0x10000, 1), 0x10000, 12, 5, false, true, 3);    /* D: guest 3 */
	/* op 5: G=0, ASID 5, VA 0x10000 -> only A (D is another context). */
	assert_int_equal(tlb_invalidate(&t, INV_CTX_G0_ASID_VA, false, 0, 5, 0x10000, 12), 1);
	assert_false(t.e[stlb_idx(0x10000, 0)].e);
	assert_true(t.e[stlb_idx(0x10000, 1)].e);
	/* op 6 on C with another ASID: G=1 matches. */
	assert_int_equal(tlb_invalidate(&t, INV_CTX_G1orASID_VA, false, 0, 9, 0x30000, 12), 1);
	/* op 3 (G=0): B goes, D (guest) stays. */
	assert_int_equal(tlb_invalidate(&t, INV_CTX_G0, false, 0, 0, 0, 12), 1);
	assert_true(t.e[stlb_idx(0x10000, 1)].e);
	/* op 0x13 for GID 3 removes D. */
	assert_int_equal(tlb_invalidate(&t, INV_CTX_ALL, true, 3, 0, 0, 12), 1);
	assert_false(t.e[stlb_idx(0x10000, 1)].e);
}

static void test_invtlb_stage2(void **state)
{
	(void)state;
	setup();
	put(STLB_ENTRIES + 0, 0x80000, 12, 1, false, false, 4);   /* GID 4 stage 2 */
	put(STLB_ENTRIES + 1, 0x82000, 12, 1, false, false, 4);   /* GID 4, other page */
	put(STLB_ENTRIES + 2, 0x80000, 12, 1, false, false, 5);   /* GID 5 */
	put(STLB_ENTRIES + 3, 0x80000, 12, 1, false, false, 0);   /* host */
	/* 0x16: exactly GID 4 at 0x80000, whatever the ASID. */
	assert_int_equal(tlb_invalidate(&t, INV_VA_NOASID, false, 4, 0, 0x80fff, 12), 1);
	assert_false(t.e[STLB_ENTRIES + 0].e);
	assert_true(t.e[STLB_ENTRIES + 1].e);
	/* 0x11: root-type entries of every guest, never the host's. */
	assert_int_equal(tlb_invalidate(&t, INV_ROOT_GUESTS, false, 0, 0, 0, 12), 2);
	assert_true(t.e[STLB_ENTRIES + 3].e);
}

static void test_fill_index(void **state)
{
	(void)state;
	setup();
	/* STLB-sized pages go to the set of their VA, other sizes to MTLB. */
	for (int i = 0; i < 100; i++) {
		unsigned idx = tlb_fill_index(&t, 0x12344000, 12, 12);
		assert_true(idx < STLB_ENTRIES);
		assert_int_equal(idx % STLB_SETS, (0x12344000 >> 13) & 0xff);
		unsigned m = tlb_fill_index(&t, 0x40000000, 21, 12);
		assert_true(m >= STLB_ENTRIES && m < TLB_ENTRIES);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup_stlb_and_asid),
		cmocka_unit_test(test_lookup_mtlb_huge),
		cmocka_unit_test(test_world_and_gid_tags),
		cmocka_unit_test(test_invtlb_ops),
		cmocka_unit_test(test_invtlb_stage2),
		cmocka_unit_test(test_fill_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
