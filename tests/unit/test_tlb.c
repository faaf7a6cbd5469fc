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

#include "cpu/cpu.h"
#include "mmu/tlb.h"
#include "mmu/translate.h"

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


/* ---- matching by world, GID and ASID (docs/lvz.md "Entry tags") ---- */
static void test_match_matrix(void **state)
{
	(void)state;
	setup();
	/* one VA, every combination of type x GID, G = 0 with ASID 7 */
	const uint64_t va = 0x7000000;
	unsigned idx = STLB_ENTRIES;
	for (int guest = 0; guest < 2; guest++)
		for (unsigned gid = 0; gid < 3; gid++)
			put(idx++, va, 12, 7, false, guest, (uint8_t)gid);
	for (int guest = 0; guest < 2; guest++) {
		for (unsigned gid = 0; gid < 3; gid++) {
			unsigned want = STLB_ENTRIES + (unsigned)guest * 3 + gid;
			struct tlb_ctx same = { .guest = guest, .gid = (uint8_t)gid, .asid = 7, .match_asid = true };
			struct tlb_ctx other_asid = same, no_asid = same;
			other_asid.asid = 8;
			no_asid.asid = 8;
			no_asid.match_asid = false;
			assert_int_equal(tlb_lookup(&t, &same, va, 12), (int)want);
			/* G = 0 and another ASID: miss, unless ASID is ignored (stage 2) */
			assert_int_equal(tlb_lookup(&t, &other_asid, va, 12), -1);
			assert_int_equal(tlb_lookup(&t, &no_asid, va, 12), (int)want);
		}
	}
	/* GID 3 has nothing, of either type */
	struct tlb_ctx g3 = { .guest = true, .gid = 3, .asid = 7, .match_asid = true };
	struct tlb_ctx r3 = { .guest = false, .gid = 3, .match_asid = false };
	assert_int_equal(tlb_lookup(&t, &g3, va, 12), -1);
	assert_int_equal(tlb_lookup(&t, &r3, va, 12), -1);
	/* a removed entry (e = 0) never matches */
	t.e[STLB_ENTRIES + 4].e = false;    /* guest, GID 1 */
	struct tlb_ctx g1 = { .guest = true, .gid = 1, .asid = 7, .match_asid = true };
	assert_int_equal(tlb_lookup(&t, &g1, va, 12), -1);
}

/* ---- the invtlb instruction, every op, host and guest (docs/lvz.md
 * "invtlb"; lvz-facts.md 8; V1 4.2.4.7).  Population (MTLB index k):
 *   0-3  root GID 0: G0 ASID1 @A, G0 ASID2 @A, G1 @C, G0 ASID1 @D
 *   4-5  root GID 1 @A, @D (ASID 1)     6  root GID 2 @A
 *   7-10 guest GID 1: G0 ASID1 @A, G0 ASID2 @A, G1 @C, G0 ASID1 @D
 *   11-12 guest GID 2: G0 ASID1 @A, G1 @C ---- */
#define VA_A 0x40000000ull
#define VA_C 0x50000000ull
#define VA_D 0x60000000ull
#define NPOP 13
static struct cpu cpu;

static void populate(void)
{
	static const struct { uint64_t va; uint16_t asid; bool g, guest; uint8_t gid; } p[NPOP] = {
		{ VA_A, 1, 0, 0, 0 }, { VA_A, 2, 0, 0, 0 }, { VA_C, 0, 1, 0, 0 }, { VA_D, 1, 0, 0, 0 },
		{ VA_A, 1, 0, 0, 1 }, { VA_D, 1, 0, 0, 1 }, { VA_A, 1, 0, 0, 2 },
		{ VA_A, 1, 0, 1, 1 }, { VA_A, 2, 0, 1, 1 }, { VA_C, 0, 1, 1, 1 }, { VA_D, 1, 0, 1, 1 },
		{ VA_A, 1, 0, 1, 2 }, { VA_C, 0, 1, 1, 2 },
	};
	tlb_reset(&cpu.tlb);
	for (unsigned k = 0; k < NPOP; k++) {
		struct tlb_entry *e = &cpu.tlb.e[STLB_ENTRIES + k];
		e->e = true;
		e->vppn = p[k].va >> 13;
		e->ps = 12;
		e->asid = p[k].asid;
		e->g = p[k].g;
		e->guest = p[k].guest;
		e->gid = p[k].gid;
		e->lo[0] = e->lo[1] = TLBELO_V;
	}
}

static unsigned survivors(void)
{
	unsigned m = 0;
	for (unsigned k = 0; k < NPOP; k++)
		if (cpu.tlb.e[STLB_ENTRIES + k].e)
			m |= 1u << k;
	return m;
}

/* Execute "invtlb op, $a1, $a2" in the given world; returns the ECODE
 * raised, or -1 if none. */
static int exec_invtlb_op(unsigned world, unsigned op, uint64_t rj, uint64_t rk)
{
	struct dinsn d;
	insn_decode(0x06498000u | (6u << 10) | (5u << 5) | op, &d);
	cpu_set_world(&cpu, world);
	cpu.gpr[5] = rj;
	cpu.gpr[6] = rk;
	cpu.pc = 0x1000;
	cpu.csr[world][CSR_EENTRY] = 0x8000;
	cpu.csr[world][CSR_ESTAT] = 0;
	d.fn(&cpu, &d);
	if (cpu.pc == 0x1004)
		return -1;
	return (int)((cpu.csr[world][CSR_ESTAT] >> ESTAT_ECODE_SH) & 0x3f);
}

#define B(k) (1u << (k))
#define ALLP ((1u << NPOP) - 1)
#define H0 (B(0) | B(1) | B(2) | B(3))
#define R1 (B(4) | B(5))
#define R2 B(6)
#define G1 (B(7) | B(8) | B(9) | B(10))
#define G2 (B(11) | B(12))

static void test_invtlb_every_op(void **state)
{
	(void)state;
	static const struct { unsigned op; uint64_t rj, rk; unsigned gone; } host[] = {
		{ 0, 0, 0, ALLP }, { 1, 0, 0, H0 }, { 2, 0, 0, B(2) },
		{ 3, 0, 0, B(0) | B(1) | B(3) }, { 4, 1, 0, B(0) | B(3) }, { 5, 1, VA_A, B(0) },
		{ 6, 2, VA_A, B(1) }, { 6, 2, VA_C, B(2) },
		{ 9, 1 << 16, 0, G1 }, { 0xa, 1 << 16, 0, B(9) }, { 0xb, 1 << 16, 0, B(7) | B(8) | B(10) },
		{ 0xc, (1 << 16) | 1, 0, B(7) | B(10) }, { 0xd, (1 << 16) | 1, VA_A, B(7) },
		{ 0xe, (1 << 16) | 2, VA_A, B(8) }, { 0xe, (1 << 16) | 2, VA_C, B(9) },
		{ 0x10, 0, 0, G1 | G2 }, { 0x11, 0, 0, R1 | R2 }, { 0x12, 0, 0, G1 | G2 | R1 | R2 },
		{ 0x13, 2 << 16, 0, G2 }, { 0x14, 1 << 16, 0, R1 }, { 0x15, 1 << 16, 0, G1 | R1 },
		{ 0x16, (1 << 16) | 0x3ff, VA_A + 0x123, B(4) }, { 0x16, 2 << 16, VA_A, R2 },
	};
	cpu_init(&cpu, NULL);
	cpu_reset(&cpu, 0);
	cpu.csr[WORLD_HOST][CSR_GTLBC] = GTLBC_USETGID;    /* TGID 0 */
	for (unsigned i = 0; i < sizeof(host) / sizeof(host[0]); i++) {
		populate();
		assert_int_equal(exec_invtlb_op(WORLD_HOST, host[i].op, host[i].rj, host[i].rk), -1);
		if (survivors() != (ALLP & ~host[i].gone))
			print_message("host op 0x%x rj 0x%llx\n", host[i].op, (unsigned long long)host[i].rj);
		assert_int_equal(survivors(), ALLP & ~host[i].gone);
	}
	/* reserved ops: INE, nothing removed */
	static const unsigned reserved[] = { 7, 8, 0xf, 0x17, 0x1f };
	for (unsigned i = 0; i < 5; i++) {
		populate();
		assert_int_equal(exec_invtlb_op(WORLD_HOST, reserved[i], 0, 0), ECODE_INE);
		assert_int_equal(survivors(), ALLP);
	}
	/* the host's current context follows TGID when USETGID = 1 */
	populate();
	cpu.csr[WORLD_HOST][CSR_GTLBC] = GTLBC_USETGID | (1ull << GTLBC_TGID_SH);
	assert_int_equal(exec_invtlb_op(WORLD_HOST, 1, 0, 0), -1);
	assert_int_equal(survivors(), ALLP & ~R1);
	populate();
	cpu.csr[WORLD_HOST][CSR_GTLBC] = 1ull << GTLBC_TGID_SH;   /* USETGID = 0 */
	assert_int_equal(exec_invtlb_op(WORLD_HOST, 1, 0, 0), -1);
	assert_int_equal(survivors(), ALLP & ~H0);
	cpu.csr[WORLD_HOST][CSR_GTLBC] = GTLBC_USETGID;

	/* guest GID 1: ops 0-6 on its own entries; others INE */
	static const struct { unsigned op; uint64_t rj, rk; unsigned gone; int ec; } guest[] = {
		{ 0, 0, 0, G1, -1 }, { 1, 0, 0, G1, -1 }, { 2, 0, 0, B(9), -1 },
		{ 3, 0, 0, B(7) | B(8) | B(10), -1 }, { 4, 1, 0, B(7) | B(10), -1 },
		{ 5, 1, VA_A, B(7), -1 }, { 6, 2, VA_A, B(8), -1 }, { 6, 2, VA_C, B(9), -1 },
		{ 9, 1 << 16, 0, 0, ECODE_INE }, { 0x12, 0, 0, 0, ECODE_INE },
		{ 0x16, 1 << 16, VA_A, 0, ECODE_INE },
	};
	cpu.csr[WORLD_HOST][CSR_GSTAT] = 1ull << GSTAT_GID_SH;
	for (unsigned i = 0; i < sizeof(guest) / sizeof(guest[0]); i++) {
		populate();
		assert_int_equal(exec_invtlb_op(WORLD_GUEST, guest[i].op, guest[i].rj, guest[i].rk), guest[i].ec);
		assert_int_equal(survivors(), ALLP & ~guest[i].gone);
	}
}

/* ---- two-stage translation in guest mode (docs/lvz.md "Stage 1 in
 * guest mode", "Stage 2") ---- */
static void test_two_stages(void **state)
{
	(void)state;
	cpu_init(&cpu, NULL);
	cpu_reset(&cpu, 0);
	struct tlb *tl = &cpu.tlb;
	cpu.csr[WORLD_HOST][CSR_GSTAT] = 2ull << GSTAT_GID_SH;
	/* guest paged, ASID 5: GVA 0x10000 -> GPA 0x20000 (guest GID 2) */
	cpu.csr[WORLD_GUEST][CSR_CRMD] = CRMD_PG;
	cpu.csr[WORLD_GUEST][CSR_ASID] = 5;
	struct tlb_entry *g = &tl->e[STLB_ENTRIES + 0];
	*g = (struct tlb_entry){ .e = true, .vppn = 0x10000 >> 13, .ps = 12, .asid = 5,
				 .guest = true, .gid = 2,
				 .lo = { 0x20000 | TLBELO_V | TLBELO_D | (3 << TLBELO_PLV_SH), 0 } };
	/* stage 2 (root GID 2, PLV0, ASID 9 ignored): GPA 0x20000 -> HPA 0x350000 */
	struct tlb_entry *r = &tl->e[STLB_ENTRIES + 1];
	*r = (struct tlb_entry){ .e = true, .vppn = 0x20000 >> 13, .ps = 12, .asid = 9,
				 .guest = false, .gid = 2,
				 .lo = { 0x350000 | TLBELO_V | TLBELO_D, 0x351000 | TLBELO_V } };
	cpu_set_world(&cpu, WORLD_GUEST);
	struct xlate x;
	assert_true(mmu_translate(&cpu, 0x10abc, ACC_LOAD, &x));
	assert_int_equal(x.gpa, 0x20abc);
	assert_int_equal(x.pa, 0x350abc);
	/* guest PLV3: stage 1 allows PLV3, stage 2 (PLV0) has no PLV check */
	cpu.csr[WORLD_GUEST][CSR_CRMD] = CRMD_PG | 3;
	assert_true(mmu_translate(&cpu, 0x10abc, ACC_STORE, &x));
	assert_int_equal(x.pa, 0x350abc);
	/* the odd GVA page is invalid at stage 1: a guest PIL (stage 1) */
	assert_false(mmu_translate(&cpu, 0x11000, ACC_LOAD, &x));
	assert_int_equal(x.fault, XF_PI);
	assert_int_equal(x.stage, 1);
	/* guest DA: GPA 0x21008 (odd stage-2 page, D = 0): loads work, stores PME at stage 2 */
	cpu.csr[WORLD_GUEST][CSR_CRMD] = CRMD_DA;
	cpu_update_context(&cpu);
	assert_true(mmu_translate(&cpu, 0x21008, ACC_LOAD, &x));
	assert_int_equal(x.pa, 0x351008);
	assert_false(mmu_translate(&cpu, 0x21008, ACC_STORE, &x));
	assert_int_equal(x.fault, XF_PME);
	assert_int_equal(x.stage, 2);
	assert_int_equal(x.fault_addr, 0x21008);
	/* a GPA with no root entry of GID 2: a stage-2 refill */
	assert_false(mmu_translate(&cpu, 0x40000, ACC_FETCH, &x));
	assert_int_equal(x.fault, XF_TLBR);
	assert_int_equal(x.stage, 2);
	assert_int_equal(x.fault_addr, 0x40000);
	/* another GID: GID 2's stage-2 entry does not serve it */
	cpu.csr[WORLD_HOST][CSR_GSTAT] = 3ull << GSTAT_GID_SH;
	assert_false(mmu_translate(&cpu, 0x20000, ACC_LOAD, &x));
	assert_int_equal(x.fault, XF_TLBR);
	assert_int_equal(x.stage, 2);
	/* a root-type entry of GID 0 is the host's own: a guest run with
	 * GSTAT.GID = 0 (KVM never does: vpid 0 is the root's) would use it
	 * as its stage 2 */
	tl->e[STLB_ENTRIES + 1].gid = 0;
	cpu.csr[WORLD_HOST][CSR_GSTAT] = 0;
	assert_true(mmu_translate(&cpu, 0x20010, ACC_LOAD, &x));
	assert_int_equal(x.pa, 0x350010);
	/* in the host world it translates the host's VA (PLV0 entry, host at
	 * PLV0, G = 0: the host's ASID must be the entry's, 9) */
	cpu_set_world(&cpu, WORLD_HOST);
	cpu.csr[WORLD_HOST][CSR_CRMD] = CRMD_PG;
	cpu.csr[WORLD_HOST][CSR_ASID] = 8;
	assert_false(mmu_translate(&cpu, 0x20010, ACC_LOAD, &x));
	cpu.csr[WORLD_HOST][CSR_ASID] = 9;
	assert_true(mmu_translate(&cpu, 0x20010, ACC_LOAD, &x));
	assert_int_equal(x.pa, 0x350010);
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
		cmocka_unit_test(test_match_matrix),
		cmocka_unit_test(test_invtlb_every_op),
		cmocka_unit_test(test_two_stages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
