/*
 * atomic_v11.c - the LoongArch v1.1 atomics (Vol.1 "New in LoongArch
 * v1.1"; 2.2.7): amcas[_db].{b,h,w,d}, am{swap,add}[_db].{b,h},
 * llacq/screl.{w,d}, sc.q.  An LA464 does not have them: CPUCFG2 reports
 * LAM_BH (bit 27), LAMCAS (28), LLACQ_SCREL (29) and SCQ (30) as 0 (Vol.1
 * 2.2.10.5, CPUCFG word 2), and executing them raises INE, on QEMU 7.2's
 * la464 as on lvzsim (which reports the same CPUCFG2 bits).  Memory and
 * the destination register must be left alone.
 *
 * Encodings by hand from the instruction table, with rd = $a0 (4),
 * rk = $a1 (5), rj = $a2 (6): opcode | 5 << 10 | 6 << 5 | 4 = opcode |
 * 0x14c4; llacq/screl have no rk: opcode | 6 << 5 | 4 = opcode | 0xc4.
 */
#include "isa.h"

static uint64_t cell[2] __attribute__((aligned(16)));

static const struct { const char *name; uint32_t word; } v11[] = {
	{ "sc.q",        0x38570000 | 0x14c4 },
	{ "llacq.w",     0x38578000 | 0xc4 }, { "screl.w",     0x38578400 | 0xc4 },
	{ "llacq.d",     0x38578800 | 0xc4 }, { "screl.d",     0x38578c00 | 0xc4 },
	{ "amcas.b",     0x38580000 | 0x14c4 }, { "amcas.h",     0x38588000 | 0x14c4 },
	{ "amcas.w",     0x38590000 | 0x14c4 }, { "amcas.d",     0x38598000 | 0x14c4 },
	{ "amcas_db.b",  0x385a0000 | 0x14c4 }, { "amcas_db.h",  0x385a8000 | 0x14c4 },
	{ "amcas_db.w",  0x385b0000 | 0x14c4 }, { "amcas_db.d",  0x385b8000 | 0x14c4 },
	{ "amswap.b",    0x385c0000 | 0x14c4 }, { "amswap.h",    0x385c8000 | 0x14c4 },
	{ "amadd.b",     0x385d0000 | 0x14c4 }, { "amadd.h",     0x385d8000 | 0x14c4 },
	{ "amswap_db.b", 0x385e0000 | 0x14c4 }, { "amswap_db.h", 0x385e8000 | 0x14c4 },
	{ "amadd_db.b",  0x385f0000 | 0x14c4 }, { "amadd_db.h",  0x385f8000 | 0x14c4 },
};

/* Execute one word from a small code buffer: a0/a1/a2 in, a0 out. */
static uint32_t slot[4] __attribute__((aligned(16)));

static unsigned long exec_word(uint32_t w, unsigned long a0, unsigned long a1, unsigned long a2)
{
	slot[0] = w;
	slot[1] = 0x4c000020;   /* jirl $zero, $ra, 0 */
	ibar();
	register unsigned long r4 __asm__("$a0") = a0;
	register unsigned long r5 __asm__("$a1") = a1;
	register unsigned long r6 __asm__("$a2") = a2;
	__asm__ volatile("jirl $ra, %3, 0" : "+r"(r4), "+r"(r5), "+r"(r6) : "r"(slot) : "$ra", "memory");
	return r4;
}

int main(void)
{
	isa_init();
	unsigned long c2 = cpucfg(2);
	CHECK_EQ((c2 >> 27) & 0xf, 0);     /* LAM_BH, LAMCAS, LLACQ_SCREL, SCQ */
	CHECK_EQ((c2 >> 22) & 1, 1);       /* LAM: the v1.0 AM* are there */
	printf("cpucfg2[30:27] = %lx\n", (c2 >> 27) & 0xf);
	for (unsigned i = 0; i < ARRAY_SIZE(v11); i++) {
		cell[0] = 0x1122334455667788ul;
		cell[1] = 0x99aabbccddeeff00ul;
		isa_expect(0);
		unsigned long r = exec_word(v11[i].word, 0x5151, 0x6262, (unsigned long)cell);
		int ec = isa_ecode();
		CHECK_EQ(ec, EC_INE);
		CHECK_EQ(isa_trap.badi, v11[i].word);
		CHECK_EQ(r, 0x5151);
		CHECK_EQ(cell[0], 0x1122334455667788ul);
		CHECK_EQ(cell[1], 0x99aabbccddeeff00ul);
		printf("%-12s %08x: ecode %d\n", v11[i].name, v11[i].word, ec);
	}
	return 0;
}
