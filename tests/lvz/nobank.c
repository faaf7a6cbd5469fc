/*
 * nobank.c - no exit for the guest bank (docs/lvz.md "Guest bank
 * contents"; lvz-facts.md 3): the guest's own csrrd/csrwr/csrxchg of any
 * CSR in KVM's HW_GCSR list run natively on the guest copy.  The guest
 * reads each CSR, writes the value back with csrwr, and does a csrxchg
 * with mask 0 (no change), then returns: the first and only exit must be
 * the final hvcl.  The values it read are then compared with what the
 * host reads through gcsrrd.
 */
#include "lvz.h"

#define EACH(X) X(0x0) X(0x1) X(0x2) X(0x3) X(0x4) X(0x5) X(0x6) X(0x7) X(0x8) X(0xc) \
	X(0x10) X(0x11) X(0x12) X(0x13) X(0x18) X(0x19) X(0x1a) X(0x1b) X(0x1c) X(0x1d) X(0x1e) \
	X(0x1f) X(0x20) X(0x21) X(0x22) X(0x23) X(0x30) X(0x31) X(0x32) X(0x33) X(0x34) X(0x35) \
	X(0x36) X(0x37) X(0x40) X(0x41) X(0x42) X(0x43) X(0x44) X(0x60) X(0x88) X(0x89) X(0x8a) \
	X(0x8b) X(0x8c) X(0x8d) X(0x8e) X(0x8f) X(0x180) X(0x181) X(0x182) X(0x183)
#define COUNT(n) + 1
#define NCSR (0 EACH(COUNT))

static unsigned long seen[NCSR];

/* csrxchg's rj must not be $r0/$r1 (those encode csrrd/csrwr): a zero
 * mask in a register of its own */
static volatile unsigned long zero_mask;

static void g_touch_all(void)
{
	unsigned i = 0;
	unsigned long m = zero_mask;
#define TOUCH(n) { unsigned long val_ = csr_read(n); seen[i++] = val_; \
		csr_write(n, val_); \
		__asm__ volatile("csrxchg %0, %1, %2" : "+r"(val_) : "r"(m), "i"(n) : "memory"); }
	EACH(TOUCH)
}

static const unsigned nums[NCSR] = {
#define NUM(n) n,
	EACH(NUM)
};

#define RD(n) case n: return gcsr_read(n);
static unsigned long host_view(unsigned num)
{
	switch (num) {
	EACH(RD)
	}
	return ~0ul;
}

static unsigned long seen_of(unsigned num)
{
	for (unsigned i = 0; i < NCSR; i++)
		if (nums[i] == num)
			return seen[i];
	return ~0ul;
}

int main(void)
{
	lvz_init();
	s2_identity(1);
	/* Recognisable values where a read-back is stable; TCFG stays 0 so
	 * TVAL does not move. */
	gcsr_write(CSR_SAVE(3), 0x5a5a5a5a5a5a5a5aul);
	gcsr_write(CSR_DMW(1), 0x9000000000000011ul);
	gcsr_write(CSR_TID, 0x42);
	struct vcpu v;
	vcpu_init(&v, 1, g_touch_all, 0, 0, 0);
	g_last.count = 0;
	CHECK(vm_call(&v));
	CHECK_EQ(g_last.count, 0);
	for (unsigned i = 0; i < NCSR; i++) {
		unsigned long h = host_view(nums[i]);
		/* ERA/BADV/BADI... are only changed by guest exceptions (none);
		 * the stable counter does not feed any of these. */
		if (seen[i] != h)
			printf("CSR 0x%x:\n", nums[i]);
		CHECK_EQ(seen[i], h);
	}
	CHECK_EQ(seen_of(CSR_SAVE(3)), 0x5a5a5a5a5a5a5a5aul);
	CHECK_EQ(seen_of(CSR_TID), 0x42);
	CHECK_EQ(seen_of(CSR_DMW(1)), 0x9000000000000011ul);
	rt_done();
}
