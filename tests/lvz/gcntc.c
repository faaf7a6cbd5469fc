/*
 * gcntc.c - guest time (docs/lvz.md "Guest rdtime"; lvz-facts.md 2, 10.4;
 * K vcpu.c: KVM_REG_LOONGARCH_COUNTER sets GCNTC = wanted - drdtime()):
 * in guest mode rdtime returns stable counter + host CNTC + GCNTC + guest
 * CNTC, our choice [M] (KVM's offset is relative to the host's view,
 * which includes the host CNTC), and rj gets the guest's TID [M].  One
 * instruction is one tick, so the guest's value lies between the host's
 * readings before and after the run, shifted by GCNTC + guest CNTC.
 */
#include "lvz.h"

struct times { unsigned long d, id, lo, hi; };

static void g_rdtime(struct times *t)
{
	unsigned long id, lo, hi, dummy;
	__asm__ volatile("rdtime.d %0, %1" : "=r"(t->d), "=r"(id));
	t->id = id;
	__asm__ volatile("rdtimel.w %0, %1" : "=r"(lo), "=r"(dummy));
	__asm__ volatile("rdtimeh.w %0, %1" : "=r"(hi), "=r"(dummy));
	t->lo = lo;
	t->hi = hi;
}

static void check_run(unsigned long host_cntc, unsigned long gcntc, unsigned long guest_cntc)
{
	static struct times t;
	struct vcpu v;
	csr_write(CSR_CNTC, host_cntc);
	csr_write(CSR_GCNTC, gcntc);
	gcsr_write(CSR_CNTC, guest_cntc);
	vcpu_init(&v, 1, g_rdtime, (unsigned long)&t, 0, 0);
	unsigned long h0 = rdtime();
	CHECK(vm_call(&v));
	unsigned long h1 = rdtime();
	unsigned long shift = gcntc + guest_cntc;
	/* guest - shift lies in the host's window [h0, h1] */
	CHECK(t.d - shift - h0 <= h1 - h0);
	CHECK(t.d - shift - h0 > 0);
	CHECK_EQ(t.id, 0x77);
	/* rdtimel.w: bits 31:0, sign-extended, read a few ticks later */
	CHECK((unsigned)t.lo - (unsigned)t.d < 16);
	CHECK_EQ(t.lo, (unsigned long)(long)(int)t.lo);
	/* rdtimeh.w: bits 63:32 (no carry between the reads with these values) */
	CHECK_EQ((unsigned)t.hi, (unsigned)(t.d >> 32));
}

int main(void)
{
	lvz_init();
	s2_identity(1);
	gcsr_write(CSR_TID, 0x77);
	csr_write(CSR_TID, 0x5);
	check_run(0, 0, 0);
	check_run(0, 0x1234567800000000ul, 0);
	check_run(0, 0, 0x0000100000000000ul);
	/* the host's own CNTC counts in the guest's view too: with a large
	 * host CNTC, leaving it out would miss the window by 2^40 */
	check_run(1ul << 40, 0x100, 0x200);
	/* KVM's use: GCNTC = wanted - drdtime(), wanted = 1000: the guest's
	 * clock starts near 1000 */
	static struct times t;
	struct vcpu v;
	vcpu_init(&v, 1, g_rdtime, (unsigned long)&t, 0, 0);
	csr_write(CSR_CNTC, 0);
	gcsr_write(CSR_CNTC, 0);
	unsigned long now = rdtime();
	csr_write(CSR_GCNTC, 1000 - now);
	CHECK(vm_call(&v));
	CHECK(t.d > 1000 && t.d < 1000 + 500);          /* the entry takes < 100 insns */
	/* the host's own rdtime is not offset */
	csr_write(CSR_GCNTC, 1ul << 50);
	CHECK(rdtime() < (1ul << 50));
	unsigned long id;
	__asm__ volatile("rdtime.d %0, %1" : "=r"(now), "=r"(id));
	CHECK_EQ(id, 0x5);
	csr_write(CSR_GCNTC, 0);
	rt_done();
}
