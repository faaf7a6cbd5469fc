/*
 * int_crc.c - CRC instructions (Vol.1 2.2.9): crc.w.{b,h,w,d}.w use the
 * reflected IEEE 802.3 polynomial 0xedb88320, crcc.* the Castagnoli one
 * 0x82f63b78; rd = update of the CRC in rk[31:0] by the low 1/2/4/8 bytes
 * of rj, sign-extended.
 *
 * Hand-derived checks: the standard check values of both CRCs over
 * "123456789" (init ~0, final xor ~0): CRC-32 = 0xcbf43926, CRC-32C =
 * 0xe3069283, computed with every operand width.  Hash lines over isa_vals
 * are compared with QEMU 7.2.
 */
#include "isa.h"

ISA_RRR(crc_b, "crc.w.b.w")
ISA_RRR(crc_h, "crc.w.h.w")
ISA_RRR(crc_w, "crc.w.w.w")
ISA_RRR(crc_d, "crc.w.d.w")
ISA_RRR(crcc_b, "crcc.w.b.w")
ISA_RRR(crcc_h, "crcc.w.h.w")
ISA_RRR(crcc_w, "crcc.w.w.w")
ISA_RRR(crcc_d, "crcc.w.d.w")

static const struct isa_op ops[] = {
	{ "crc.w.b.w", crc_b, 0 }, { "crc.w.h.w", crc_h, 0 }, { "crc.w.w.w", crc_w, 0 },
	{ "crc.w.d.w", crc_d, 0 }, { "crcc.w.b.w", crcc_b, 0 }, { "crcc.w.h.w", crcc_h, 0 },
	{ "crcc.w.w.w", crcc_w, 0 }, { "crcc.w.d.w", crcc_d, 0 },
};

static const char msg[] = "123456789";

/* Feed "123456789" in chunks of `w` bytes (the tail byte by byte). */
static unsigned long check_value(isa_fn f1, isa_fn fw, unsigned w)
{
	unsigned long crc = 0xffffffff;
	unsigned i = 0;
	for (; i + w <= 9; i += w) {
		unsigned long v = 0;
		for (unsigned k = 0; k < w; k++)
			v |= (unsigned long)(unsigned char)msg[i + k] << (8 * k);
		crc = fw(v, crc);
	}
	for (; i < 9; i++)
		crc = f1((unsigned char)msg[i], crc);
	return ~crc & 0xffffffff;
}

int main(void)
{
	isa_init();
	CHECK_EQ(check_value(crc_b, crc_b, 1), 0xcbf43926);
	CHECK_EQ(check_value(crc_b, crc_h, 2), 0xcbf43926);
	CHECK_EQ(check_value(crc_b, crc_w, 4), 0xcbf43926);
	CHECK_EQ(check_value(crc_b, crc_d, 8), 0xcbf43926);
	CHECK_EQ(check_value(crcc_b, crcc_b, 1), 0xe3069283);
	CHECK_EQ(check_value(crcc_b, crcc_h, 2), 0xe3069283);
	CHECK_EQ(check_value(crcc_b, crcc_w, 4), 0xe3069283);
	CHECK_EQ(check_value(crcc_b, crcc_d, 8), 0xe3069283);
	/* Only the low byte of rj counts for .b, and the result is sign-extended:
	 * CRC-32 update of 0xffffffff by byte 0 = 0x2dfd1072 ^ 0xffffffff...,
	 * so compare the forms with each other instead of a constant. */
	CHECK_EQ(crc_b(0x1234567800ul, 0xffffffff), crc_b(0, 0xffffffff));
	CHECK_EQ(crc_w(0xffffffff00000031ul, 0), crc_w(0x31, 0));
	isa_run_ops(ops, ARRAY_SIZE(ops));
	return 0;
}
