/*
 * gcsr_priv.c - gcsrrd/gcsrwr/gcsrxchg/gtlbflush exist for the host kernel
 * only (docs/lvz.md "Structure"; lvz-facts.md 4):
 *   - at host PLV3 they raise IPE, like every privileged instruction
 *     (V1 4.2.1), and change nothing;
 *   - in guest mode (even at guest PLV0) they raise INE in the guest, our
 *     choice [M]: the guest has no LVZ (KVM never passes CPUCFG2.LVZ),
 *     and an unknown GSPR would become INE in KVM anyway.  No exit.
 */
#include "lvz.h"

#define N 4
static volatile long ec[N];
static volatile unsigned long badi[N], a0_after[N];

/* Each instruction runs with a0 = 0x1234; a faulting one leaves a0 alone.
 * CSR 0x32 = SAVE2 of the guest bank. */
#define TRY(i, insn) do { \
	register unsigned long __a0 __asm__("$a0") = 0x1234; \
	rt_expect_trap(); \
	__asm__ volatile(insn : "+r"(__a0) : : "memory"); \
	ec[i] = rt_trap_result(); \
	badi[i] = rt_last_trap.badi; \
	a0_after[i] = __a0; \
} while (0)

static void host_user(void)
{
	TRY(0, "gcsrrd $a0, 0x32");
	TRY(1, "gcsrwr $a0, 0x32");
	TRY(2, "gcsrxchg $a0, $a0, 0x32");
	TRY(3, "gtlbflush");
}

/* In the guest the guest's own handler (g_trap) records and skips. */
static volatile unsigned long g_ec[N], g_badi[N], g_a0[N];
#define GTRY(i, insn) do { \
	register unsigned long __a0 __asm__("$a0") = 0x1234; \
	unsigned long __n = g_last.count; \
	__asm__ volatile(insn : "+r"(__a0) : : "memory"); \
	g_ec[i] = g_last.count == __n + 1 ? ESTAT_ECODE(g_last.estat) : 0xff; \
	g_badi[i] = g_last.badi; \
	g_a0[i] = __a0; \
} while (0)

static void g_try(void)
{
	GTRY(0, "gcsrrd $a0, 0x32");
	GTRY(1, "gcsrwr $a0, 0x32");
	GTRY(2, "gcsrxchg $a0, $a0, 0x32");
	GTRY(3, "gtlbflush");
}

static const unsigned long words[N] = {
	0x0500c804,     /* gcsrrd $a0, 0x32: 0x05000000 | 0x32 << 10 | 0 << 5 | 4 */
	0x0500c824,     /* gcsrwr: rj = 1 */
	0x0500c884,     /* gcsrxchg $a0, $a0: rj = 4 */
	0x06482401,     /* gtlbflush */
};

int main(void)
{
	lvz_init();
	gcsr_write(CSR_SAVE(2), 0x77);

	plv3_call(host_user);
	CHECK_EQ(plv3_pplv, 3);
	for (int i = 0; i < N; i++) {
		CHECK_EQ(ec[i], EC_IPE);
		CHECK_EQ(badi[i], words[i]);
		CHECK_EQ(a0_after[i], 0x1234);
	}
	CHECK_EQ(gcsr_read(CSR_SAVE(2)), 0x77);

	s2_identity(1);
	struct vcpu v;
	vcpu_init(&v, 1, g_try, 0, 0, 0);
	g_last.count = 0;
	CHECK(vm_call(&v));     /* the first exit is the final hvcl */
	for (int i = 0; i < N; i++) {
		CHECK_EQ(g_ec[i], EC_INE);
		CHECK_EQ(g_badi[i], words[i]);
		CHECK_EQ(g_a0[i], 0x1234);
	}
	CHECK_EQ(gcsr_read(CSR_SAVE(2)), 0x77);
	rt_done();
}
