/*
 * dmw.c - direct mapping windows (Vol.1 5.2.x "Direct Mapped Address
 * Translation Mode", 7.5.x DMW0-3): in PG mode a VA whose VSEG = VA[63:60]
 * equals a window's VSEG, at a PLV whose bit is set in it, maps to
 * PA = VA[PALEN-1:0] with the window's MAT, ahead of the TLB; several
 * windows at once; code running from a window (the switch from DA to PG
 * the way Linux's kernel entry does it); a store through one alias seen
 * by fetches through another (decoding follows the physical address).
 *
 * A VA that no window takes goes to the TLB, if it is canonical (VA[63:48]
 * the sign extension of VA[47]); 0x8000.../0x9000... are not, so outside
 * their windows they are ADEM with BADV = the address.  Expected values
 * are the rules above, by hand.
 *
 * QEMU 7.2 departures (lvzsim-only, nothing printed):
 *   - QEMU compares VA[63:48] with DMW[63:48] (its base_v/base_c), i.e.
 *     it also requires VA[59:48] = 0; the manual compares VSEG only, so
 *     0x9001_0000_xxxx_xxxx or a canonical upper-half VA hit a window;
 *   - QEMU uses windows only at PLV0 and PLV3 (its mmu_idx), so the
 *     PLV1/PLV2 bits do nothing there;
 *   - DMW bits 59:6 are read-only 0 (the manual's definition); QEMU stores
 *     whatever is written.
 */
#include "isa.h"

#define VSEG8 0x8000000000000000ul
#define VSEG9 0x9000000000000000ul

static volatile unsigned long cell[2];

static unsigned long ld(unsigned long a)
{ unsigned long v = 0x5c5c; __asm__ volatile("ld.d %0, %1, 0" : "+r"(v) : "r"(a) : "memory"); return v; }
static unsigned long u_ld(unsigned long a) { return ld(a); }

/* Runs from the VSEG 9 alias: its PC-relative data addresses are too. */
static unsigned long __attribute__((noinline)) where_am_i(unsigned long x)
{
	unsigned long pc;
	__asm__ volatile("pcaddi %0, 0" : "=r"(pc));
	cell[1] = x;                /* through the alias as well */
	return pc;
}

static uint32_t code[4] __attribute__((aligned(16)));

int main(void)
{
	isa_init();
	csr_write(CSR_ASID, 0);
	invtlb(0, 0, 0);
	unsigned long crmd = isa_pg_identity();       /* DMW0: VSEG 0, PLV0|PLV3 */
	csr_write(CSR_DMW(1), VSEG8 | DMW_MAT(0) | DMW_PLV0);              /* uncached */
	csr_write(CSR_DMW(2), VSEG9 | DMW_MAT(1) | DMW_PLV0 | DMW_PLV3);   /* cached */
	CHECK_EQ(csr_read(CSR_DMW(1)), VSEG8 | DMW_PLV0);
	CHECK_EQ(csr_read(CSR_DMW(2)), VSEG9 | 0x19);

	/* aliases of one physical word */
	unsigned long p = (unsigned long)&cell[0];
	cell[0] = 0x1234;
	CHECK_EQ(ld(VSEG8 | p), 0x1234);
	CHECK_EQ(ld(VSEG9 | p), 0x1234);
	*(volatile unsigned long *)(VSEG9 | p) = 0x5678;
	CHECK_EQ(cell[0], 0x5678);
	printf("aliases: %lx %lx\n", ld(VSEG8 | p), ld(VSEG9 | p));

	/* PLV bits: VSEG 8 is PLV0-only, VSEG 9 also PLV3 */
	CHECK_EQ(isa_run_user(u_ld, VSEG9 | p, 0), 0x5678);
	isa_expect(0);
	CHECK_EQ(isa_run_user(u_ld, VSEG8 | p, 0), 0x5c5c);   /* no window: ADEM */
	CHECK_EQ(isa_ecode(), EC_ADE);
	CHECK_EQ(isa_esub(), 1);
	CHECK_EQ(isa_trap.badv, VSEG8 | p);
	printf("PLV3 in a PLV0 window: ecode %d esub %u\n", (int)ESTAT_ECODE(isa_trap.estat), isa_esub());
	/* a VSEG no window has */
	isa_expect(0);
	CHECK_EQ(ld(0xa000000000000000ul | p), 0x5c5c);
	CHECK_EQ(isa_ecode(), EC_ADE);
	CHECK_EQ(isa_trap.badv, 0xa000000000000000ul | p);

	/* code running from the VSEG 9 window */
	unsigned long (*hi)(unsigned long) = (void *)(VSEG9 | (unsigned long)where_am_i);
	unsigned long pc = hi(0x77);
	CHECK_EQ(pc >> 60, 9);
	CHECK((pc & ~VSEG9) - (unsigned long)where_am_i < 64);   /* inside where_am_i */
	CHECK_EQ(cell[1], 0x77);
	printf("ran at VSEG %lx\n", pc >> 60);

	/* store the code through the uncached alias, fetch it through the
	 * cached one */
	code[0] = 0x02800484;       /* addi.w $a0, $a0, 1 */
	code[1] = 0x4c000020;       /* jirl $zero, $ra, 0 */
	ibar();
	unsigned long (*f)(unsigned long) = (void *)(VSEG9 | (unsigned long)code);
	CHECK_EQ(f(1), 2);
	*(volatile uint32_t *)(VSEG8 | (unsigned long)code) = 0x02801484;    /* addi.w $a0, $a0, 5 */
	ibar();
	CHECK_EQ(f(1), 6);
	printf("code through two aliases: %lu\n", f(10));

	if (isa_on_lvzsim()) {
		/* VA[59:48] do not take part in the window compare */
		CHECK_EQ(ld(0x9001000000000000ul | p), cell[0]);
		/* PLV1: code and stack need DMW0 at PLV1 too */
		csr_write(CSR_DMW(0), DMW_VSEG(0) | DMW_MAT(1) | 0xf);
		/* PLV1 with only PLV0|PLV3 set in DMW2: no window */
		isa_expect(0);
		CHECK_EQ(isa_run_plv(u_ld, VSEG9 | p, 0, 1), 0x5c5c);
		CHECK_EQ(isa_ecode(), EC_ADE);
		csr_write(CSR_DMW(2), VSEG9 | DMW_MAT(1) | DMW_PLV0 | 2);
		CHECK_EQ(isa_run_plv(u_ld, VSEG9 | p, 0, 1), cell[0]);
		/* a window shadows the TLB for canonical upper-half VAs */
		csr_write(CSR_DMW(3), 0xf000000000000000ul | DMW_PLV0);
		CHECK_EQ(ld(0xffff000000000000ul | p), cell[0]);
		csr_write(CSR_DMW(3), ~0ul);
		CHECK_EQ(csr_read(CSR_DMW(3)), 0xf00000000000003ful);
		csr_write(CSR_DMW(3), 0);
		csr_write(CSR_DMW(0), DMW_VSEG(0) | DMW_MAT(1) | DMW_PLV0 | DMW_PLV3);
	}
	csr_write(CSR_DMW(1), 0);
	csr_write(CSR_DMW(2), 0);
	isa_pg_restore(crmd);

	/* back in DA mode: PA = VA[47:0], the window bits do not matter */
	CHECK_EQ(ld(VSEG9 | p), cell[0]);
	return 0;
}
