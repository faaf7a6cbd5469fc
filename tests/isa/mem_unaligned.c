/*
 * mem_unaligned.c - misaligned loads and stores (Vol.1 2.1.x "Unaligned
 * Memory Access"): CPUCFG1.UAL = 1 says ordinary loads/stores may be
 * misaligned; MISC.ALCLn (7.4.4) makes them raise ALE at PLVn.
 *
 * Every width at every misalignment, in the middle of a page and across a
 * 4 KiB and a 16 KiB boundary (QEMU 7.2's page size), for ld/st, ldx/stx
 * and ldptr/stptr.  CHECK_EQs: the little-endian value of known bytes,
 * by hand.  Hash lines are compared with QEMU 7.2.
 *
 * QEMU 7.2 departures (lvzsim-only checks, nothing printed): QEMU treats
 * MISC as read-only (csrwr MISC is INE there) and implements no ALCL.
 */
#include "isa.h"

static uint8_t buf[3 * 16384] __attribute__((aligned(16384)));

#define LDX(insn, base, idx) ({ unsigned long __r; \
	__asm__ volatile(insn " %0, %1, %2" : "=r"(__r) : "r"(base), "r"(idx) : "memory"); __r; })
#define STX(insn, v, base, idx) \
	__asm__ volatile(insn " %0, %1, %2" : : "r"(v), "r"(base), "r"(idx) : "memory")

/* Expected little-endian value of `size` bytes of the pattern at p. */
static unsigned long expect(const uint8_t *p, unsigned size)
{
	unsigned long v = 0;
	for (unsigned i = 0; i < size; i++)
		v |= (unsigned long)p[i] << (8 * i);
	return v;
}

static void fill(void)
{
	for (unsigned i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7 + (i >> 8) + 0x80);
}

/* Loads at offsets base-8 .. base+8 around `base` (a boundary or not). */
static unsigned long loads_around(unsigned long base)
{
	unsigned long h = ISA_HASH0;
	for (unsigned long off = base - 8; off <= base + 8; off++) {
		const uint8_t *p = buf + off;
		unsigned long hw = LDX("ldx.hu", buf, off), w = LDX("ldx.wu", buf, off), d = LDX("ldx.d", buf, off);
		CHECK_EQ(hw, expect(p, 2));
		CHECK_EQ(w, expect(p, 4));
		CHECK_EQ(d, expect(p, 8));
		/* sign-extending forms */
		CHECK_EQ(LDX("ldx.h", buf, off), (unsigned long)(long)(int16_t)hw);
		CHECK_EQ(LDX("ldx.w", buf, off), (unsigned long)(long)(int32_t)w);
		/* si12 and ldptr forms at the same address */
		unsigned long a, b, c;
		__asm__ volatile("ld.w %0, %3, 0\n ld.d %1, %3, 0\n ldptr.d %2, %3, 0"
				 : "=r"(a), "=r"(b), "=r"(c) : "r"(p) : "memory");
		CHECK_EQ(a, (unsigned long)(long)(int32_t)w);
		CHECK_EQ(b, d);
		CHECK_EQ(c, d);
		h = isa_mix(isa_mix(isa_mix(h, hw), w), d);
	}
	return h;
}

/* Stores of each width at each offset near `base`; check the bytes. */
static unsigned long stores_around(unsigned long base)
{
	unsigned long h = ISA_HASH0;
	for (unsigned size = 2; size <= 8; size *= 2) {
		for (unsigned long off = base - 8; off <= base + 8; off++) {
			fill();
			unsigned long v = 0x0102030405060708ul * (off | 1);
			if (size == 2) STX("stx.h", v, buf, off);
			if (size == 4) STX("stx.w", v, buf, off);
			if (size == 8) STX("stx.d", v, buf, off);
			for (unsigned i = 0; i < size; i++)
				CHECK_EQ(buf[off + i], (uint8_t)(v >> (8 * i)));
			/* the neighbours are untouched */
			CHECK_EQ(buf[off - 1], (uint8_t)((off - 1) * 7 + ((off - 1) >> 8) + 0x80));
			CHECK_EQ(buf[off + size], (uint8_t)((off + size) * 7 + ((off + size) >> 8) + 0x80));
			h = isa_mix(h, expect(buf + off - 8, 8));
			h = isa_mix(h, expect(buf + off + size, 8));
		}
	}
	/* st.d / stptr.d forms once each */
	fill();
	__asm__ volatile("st.d %0, %1, 0\n stptr.w %0, %1, 8" : : "r"(0x1122334455667788ul), "r"(buf + base - 3) : "memory");
	CHECK_EQ(expect(buf + base - 3, 8), 0x1122334455667788ul);
	CHECK_EQ(expect(buf + base + 5, 4), 0x55667788ul);
	return h;
}

/* MISC.ALCLn: misaligned accesses at PLVn raise ALE with BADV = address. */
static unsigned long user_unaligned_load(unsigned long addr)
{
	unsigned long v;
	__asm__ volatile("ld.w %0, %1, 0" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static void check_alcl(void)
{
	if (!isa_on_lvzsim())
		return;     /* QEMU 7.2: MISC is read-only (INE) and ALCL unimplemented */
	unsigned long misc = csr_read(CSR_MISC);
	fill();
	/* ALCL0 = bit 12 */
	csr_write(CSR_MISC, misc | (1ul << 12));
	isa_expect(0);
	unsigned long v = LDX("ldx.w", buf, 1ul);
	CHECK_EQ(isa_ecode(), EC_ALE);
	CHECK_EQ(isa_trap.badv, (unsigned long)buf + 1);
	(void)v;
	isa_expect(0);
	STX("stx.d", 0ul, buf, 4ul);
	CHECK_EQ(isa_ecode(), EC_ALE);
	CHECK_EQ(buf[4], (uint8_t)(4 * 7 + 0x80));       /* nothing written */
	isa_expect(0);
	v = LDX("ldx.w", buf, 4ul);                         /* aligned: fine */
	CHECK_EQ(isa_ecode(), -1);
	isa_expect(0);
	v = LDX("ldx.b", buf, 3ul);                         /* bytes are always aligned */
	CHECK_EQ(isa_ecode(), -1);
	/* ALCL3 = bit 15: checked at PLV3, not at PLV0 */
	csr_write(CSR_MISC, misc | (1ul << 15));
	isa_expect(0);
	v = LDX("ldx.w", buf, 1ul);
	CHECK_EQ(isa_ecode(), -1);
	isa_expect(0);
	isa_run_user(user_unaligned_load, (unsigned long)buf + 2, 0);
	CHECK_EQ(isa_ecode(), EC_ALE);
	CHECK_EQ(isa_trap.badv, (unsigned long)buf + 2);
	CHECK_EQ(isa_trap.prmd & 3, 3);
	csr_write(CSR_MISC, misc);
	fill();
	isa_expect(0);
	CHECK_EQ(isa_run_user(user_unaligned_load, (unsigned long)buf + 4, 0),
		 (unsigned long)(long)(int32_t)expect(buf + 4, 4));
	CHECK_EQ(isa_ecode(), -1);
}

int main(void)
{
	isa_init();
	/* CPUCFG1 bit 20 = UAL (Vol.1 2.2.10.5) */
	CHECK_EQ((cpucfg(1) >> 20) & 1, 1);
	fill();
	isa_report("mid-page ld", loads_around(100));
	isa_report("4K ld", loads_around(4096));
	isa_report("16K ld", loads_around(16384));
	isa_report("mid-page st", stores_around(100));
	isa_report("4K st", stores_around(8192));
	isa_report("16K st", stores_around(32768));
	check_alcl();
	return 0;
}
