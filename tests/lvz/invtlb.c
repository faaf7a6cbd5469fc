/*
 * invtlb.c - every invtlb op removes exactly what it should from the one
 * shared TLB (docs/lvz.md "The TLB"; lvz-facts.md 8, the op table of K
 * asm/tlb.h; V1 4.2.4.7 for ops 0-6), checked entry by entry with tlbrd
 * and TRGP, and the host's TLB instructions under GTLBC.USETGID/TGID.
 *
 * The population (MTLB indices; A, C, D are VAs / GPAs):
 *   k0-k3   host root-type, GID 0: G=0 ASID 1 @A, G=0 ASID 2 @A, G=1 @C,
 *           G=0 ASID 1 @D                      (host tlbwr, TGID = 0)
 *   k4, k5  root-type GID 1 (stage 2) @A, @D   (host tlbwr, TGID = 1)
 *   k6      root-type GID 2 @A                 (host tlbwr, TGID = 2)
 *   k7-k10  guest-type GID 1: G=0 ASID 1 @A, G=0 ASID 2 @A, G=1 @C,
 *           G=0 ASID 1 @D                      (tlbwr in guest 1)
 *   k11,k12 guest-type GID 2: G=0 ASID 1 @A, G=1 @C   (tlbwr in guest 2)
 *   S1, S2  the 1:1 stage-2 maps of GIDs 1 and 2 (root-type; G=0 ASID 1)
 * Host ops run at host PLV0 with USETGID = 1, TGID = 0 (KVM's host state
 * between runs), so "the current context" of ops 1-6 is root-type GID 0.
 */
#include "lvz.h"

#define A 0x40000000ul
#define C 0x50000000ul
#define D 0x60000000ul
#define NK 15
#define K_S1 13
#define K_S2 14
#define BIT(k) (1u << (k))
#define HOST (BIT(0) | BIT(1) | BIT(2) | BIT(3))
#define R1 (BIT(4) | BIT(5) | BIT(K_S1))
#define R2 (BIT(6) | BIT(K_S2))
#define G1 (BIT(7) | BIT(8) | BIT(9) | BIT(10))
#define G2 (BIT(11) | BIT(12))
#define ALL ((1u << NK) - 1)

struct ent {
	unsigned idx;
	unsigned long va;
	unsigned asid, g, guest, gid;
};
static const struct ent ents[NK] = {
	{ MTLB(0), A, 1, 0, 0, 0 }, { MTLB(1), A, 2, 0, 0, 0 },
	{ MTLB(2), C, 0, 1, 0, 0 }, { MTLB(3), D, 1, 0, 0, 0 },
	{ MTLB(4), A, 1, 0, 0, 1 }, { MTLB(5), D, 1, 0, 0, 1 },
	{ MTLB(6), A, 1, 0, 0, 2 },
	{ MTLB(7), A, 1, 0, 1, 1 }, { MTLB(8), A, 2, 0, 1, 1 },
	{ MTLB(9), C, 0, 1, 1, 1 }, { MTLB(10), D, 1, 0, 1, 1 },
	{ MTLB(11), A, 1, 0, 1, 2 }, { MTLB(12), C, 0, 1, 1, 2 },
	{ S2_IDX(1), 0, 1, 0, 0, 1 }, { S2_IDX(2), 0, 1, 0, 0, 2 },
};

/* A recognisable PPN per entry (not for S1/S2, which map 0-512 MiB). */
static unsigned long pa_of(unsigned k) { return 0x01000000ul + ((unsigned long)k << 13); }

static void write_current(const struct ent *e, unsigned k)
{
	unsigned long g = e->g ? TLBELO_G : 0;
	csr_write(CSR_ASID, e->asid);
	csr_write(CSR_TLBEHI, e->va);
	csr_write(CSR_TLBELO0, pa_of(k) | TLBELO_V | g);
	csr_write(CSR_TLBELO1, (pa_of(k) + 0x1000) | TLBELO_V | g);
	csr_write(CSR_TLBIDX, e->idx | TLBIDX_PS(12));
	tlbwr();
}

/* In the guest: write the guest-type entries of this GID with the guest's
 * own TLB CSRs (they get GID = GSTAT.GID, the guest ASID). */
static void g_write(unsigned gid)
{
	for (unsigned k = 0; k < 13; k++)
		if (ents[k].guest && ents[k].gid == gid)
			write_current(&ents[k], k);
}

static void populate(void)
{
	invtlb(0, 0, 0);
	for (unsigned k = 0; k < 7; k++) {
		csr_write(CSR_GTLBC, GTLBC_USETGID | GTLBC_TGID(ents[k].gid));
		write_current(&ents[k], k);
	}
	csr_write(CSR_GTLBC, GTLBC_USETGID);
	csr_write(CSR_ASID, 1);
	s2_identity(1);
	s2_identity(2);
	struct vcpu v;
	for (unsigned gid = 1; gid <= 2; gid++) {
		vcpu_init(&v, gid, g_write, gid, 0, 0);
		CHECK(vm_call(&v));
	}
	csr_write(CSR_ASID, 1);
}

/* Check that exactly the entries in `gone` are absent, and that the
 * others are intact: VPPN, PPN, type and GID (TRGP), ASID. */
static void check_gone(unsigned gone, const char *what)
{
	for (unsigned k = 0; k < NK; k++) {
		struct tlb_view tv;
		const struct ent *e = &ents[k];
		int exists = host_tlbrd(e->idx, &tv);
		int want = !((gone >> k) & 1);
		if (exists != want) {
			printf("%s: entry k%u %s\n", what, k, exists ? "still there" : "removed");
			CHECK_EQ(exists, want);
			continue;
		}
		if (!exists)
			continue;
		CHECK_EQ(tv.trgp, (e->guest ? 1ul : 0) | ((unsigned long)e->gid << 16));
		CHECK_EQ(tv.ehi, e->va);
		CHECK_EQ(tv.asid, e->asid);
		if (k < 13)
			CHECK_EQ(tv.lo0 & ~0xffful, pa_of(k));
		CHECK_EQ((tv.lo0 & TLBELO_G) != 0, e->g);
	}
	csr_write(CSR_ASID, 1);
}

#define HOST_OP(op, rj, rk, gone) do { \
	populate(); \
	invtlb(op, rj, rk); \
	check_gone(gone, "host invtlb " #op " " #rj " " #rk); \
} while (0)

/* ---- guest-mode invtlb ---- */
static void g_invtlb(unsigned long op, unsigned long rj, unsigned long rk)
{
	switch (op) {
	case 0: invtlb(0, rj, rk); break;
	case 1: invtlb(1, rj, rk); break;
	case 2: invtlb(2, rj, rk); break;
	case 3: invtlb(3, rj, rk); break;
	case 4: invtlb(4, rj, rk); break;
	case 5: invtlb(5, rj, rk); break;
	case 6: invtlb(6, rj, rk); break;
	case 9: invtlb(9, rj, rk); break;
	case 0x12: invtlb(0x12, rj, rk); break;
	case 0x16: invtlb(0x16, rj, rk); break;
	}
}

static void guest_op(unsigned long op, unsigned long rj, unsigned long rk, unsigned gone,
		     long want_ec, const char *what)
{
	populate();
	struct vcpu v;
	vcpu_init(&v, 1, g_invtlb, op, rj, rk);
	g_last.count = 0;
	CHECK(vm_call(&v));
	if (want_ec < 0) {
		CHECK_EQ(g_last.count, 0);
	} else {
		CHECK_EQ(g_last.count, 1);
		CHECK_EQ(ESTAT_ECODE(g_last.estat), (unsigned long)want_ec);
	}
	check_gone(gone, what);
}

static void host_reserved(unsigned op)
{
	populate();
	rt_expect_trap();
	switch (op) {
	case 7: invtlb(7, 0, 0); break;
	case 8: invtlb(8, 0, 0); break;
	case 0xf: invtlb(0xf, 0, 0); break;
	case 0x17: invtlb(0x17, 0, 0); break;
	case 0x1f: invtlb(0x1f, 0, 0); break;
	}
	CHECK_EQ(rt_trap_result(), EC_INE);
	check_gone(0, "reserved op");
}

int main(void)
{
	lvz_init();
	populate();
	check_gone(0, "population");

	/* host tlbsrch sees root-type entries of TGID, with the host ASID */
	csr_write(CSR_ASID, 1);
	CHECK_EQ(host_tlbsrch(A), MTLB(0));
	CHECK_EQ(host_tlbsrch(D), MTLB(3));
	CHECK_EQ(host_tlbsrch(C), MTLB(2));             /* G = 1 */
	csr_write(CSR_ASID, 2);
	CHECK_EQ(host_tlbsrch(A), MTLB(1));
	CHECK_EQ(host_tlbsrch(D), -1);
	CHECK_EQ(host_tlbsrch(C), MTLB(2));
	csr_write(CSR_ASID, 1);
	csr_write(CSR_GTLBC, GTLBC_USETGID | GTLBC_TGID(1));
	CHECK_EQ(host_tlbsrch(A), MTLB(4));
	CHECK_EQ(host_tlbsrch(C), -1);                  /* guest entries: never */
	csr_write(CSR_GTLBC, GTLBC_USETGID | GTLBC_TGID(2));
	CHECK_EQ(host_tlbsrch(A), MTLB(6));
	csr_write(CSR_GTLBC, GTLBC_TGID(2));            /* USETGID = 0: GID 0 */
	CHECK_EQ(host_tlbsrch(A), MTLB(0));
	csr_write(CSR_GTLBC, GTLBC_USETGID);

	/* ops 0-6 from the host: 0 = everything, 1-6 = root-type GID 0 */
	HOST_OP(0, 0, 0, ALL);
	HOST_OP(1, 0, 0, HOST);
	HOST_OP(2, 0, 0, BIT(2));
	HOST_OP(3, 0, 0, BIT(0) | BIT(1) | BIT(3));
	HOST_OP(4, 1, 0, BIT(0) | BIT(3));
	HOST_OP(5, 1, A, BIT(0));
	HOST_OP(6, 2, A, BIT(1));
	HOST_OP(6, 2, C, BIT(2));                       /* G = 1 matches any ASID */
	/* 9-0xe: the same conditions on guest-type entries of GID = rj[23:16] */
	HOST_OP(9, 1ul << 16, 0, G1);
	HOST_OP(0xa, 1ul << 16, 0, BIT(9));
	HOST_OP(0xb, 1ul << 16, 0, BIT(7) | BIT(8) | BIT(10));
	HOST_OP(0xc, (1ul << 16) | 1, 0, BIT(7) | BIT(10));
	HOST_OP(0xd, (1ul << 16) | 1, A, BIT(7));
	HOST_OP(0xe, (1ul << 16) | 2, A, BIT(8));
	HOST_OP(0xe, (1ul << 16) | 2, C, BIT(9));
	HOST_OP(9, 2ul << 16, 0, G2);
	/* 0x10-0x12: every GID; 0x11 = root-type of guests (GID != 0) */
	HOST_OP(0x10, 0, 0, G1 | G2);
	HOST_OP(0x11, 0, 0, R1 | R2);
	HOST_OP(0x12, 0, 0, G1 | G2 | R1 | R2);
	/* 0x13-0x15: GID = rj[23:16] */
	HOST_OP(0x13, 1ul << 16, 0, G1);
	HOST_OP(0x14, 1ul << 16, 0, R1);
	HOST_OP(0x15, 1ul << 16, 0, G1 | R1);
	HOST_OP(0x15, 2ul << 16, 0, G2 | R2);
	/* 0x16: root-type, GID = rj[23:16], address rk; ASID ignored */
	HOST_OP(0x16, 1ul << 16, A, BIT(4));
	HOST_OP(0x16, (1ul << 16) | 0x3ff, A + 0x1abc, BIT(4));
	HOST_OP(0x16, 2ul << 16, A, BIT(6));
	HOST_OP(0x16, 1ul << 16, C, 0);
	/* reserved ops: INE, nothing removed */
	host_reserved(7);
	host_reserved(8);
	host_reserved(0xf);
	host_reserved(0x17);
	host_reserved(0x1f);

	/* the host's "current context" follows GTLBC (K switch.S sets TGID
	 * before entering the guest) */
	populate();
	csr_write(CSR_GTLBC, GTLBC_USETGID | GTLBC_TGID(1));
	invtlb(1, 0, 0);
	csr_write(CSR_GTLBC, GTLBC_USETGID);
	check_gone(R1, "op 1 with TGID 1");
	populate();
	csr_write(CSR_GTLBC, GTLBC_TGID(1));            /* USETGID = 0 */
	invtlb(1, 0, 0);
	csr_write(CSR_GTLBC, GTLBC_USETGID);
	check_gone(HOST, "op 1 with USETGID 0");

	/* ops 0-6 in guest 1 act on its own guest-type entries only */
	guest_op(0, 0, 0, G1, -1, "guest op 0");
	guest_op(1, 0, 0, G1, -1, "guest op 1");
	guest_op(2, 0, 0, BIT(9), -1, "guest op 2");
	guest_op(3, 0, 0, BIT(7) | BIT(8) | BIT(10), -1, "guest op 3");
	guest_op(4, 1, 0, BIT(7) | BIT(10), -1, "guest op 4");
	guest_op(5, 1, A, BIT(7), -1, "guest op 5");
	guest_op(6, 2, A, BIT(8), -1, "guest op 6 A");
	guest_op(6, 2, C, BIT(9), -1, "guest op 6 C");
	/* the GID ops do not exist for a guest: INE, nothing removed [L] */
	guest_op(9, 1ul << 16, 0, 0, EC_INE, "guest op 9");
	guest_op(0x12, 0, 0, 0, EC_INE, "guest op 0x12");
	guest_op(0x16, 1ul << 16, A, 0, EC_INE, "guest op 0x16");

	/* gtlbflush (host): the guest-type entries of TGID (USETGID = 1) */
	populate();
	csr_write(CSR_GTLBC, GTLBC_USETGID | GTLBC_TGID(2));
	__asm__ volatile("gtlbflush" ::: "memory");
	csr_write(CSR_GTLBC, GTLBC_USETGID);
	check_gone(G2, "gtlbflush TGID 2");
	rt_done();
}
