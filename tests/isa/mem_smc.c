/*
 * mem_smc.c - self-modifying code (Vol.1 2.2.8 IBAR: after "ibar 0",
 * instruction fetches see earlier stores).  Code is written into a RAM
 * buffer, run, overwritten with stores of every width (and by an AM* and
 * an SC), synchronised with ibar and run again; the new instruction must
 * execute, also for a routine that already ran many times, and for code
 * that patches the next instruction of its own page.
 *
 * Expected results are worked out by hand from the encodings below;
 * the printed lines are compared with QEMU 7.2.
 */
#include "isa.h"

static uint32_t code[2048] __attribute__((aligned(4096)));

/* addi.w $a0, $a0, si12: 0x02800000 | si12 << 10 | rj 4 << 5 | rd 4 */
static uint32_t addi_w_a0(int si12) { return 0x02800000u | ((uint32_t)si12 & 0xfff) << 10 | 4u << 5 | 4u; }
#define JR_RA 0x4c000020u       /* jirl $zero, $ra, 0 */

typedef unsigned long (*fn_t)(unsigned long);

static unsigned long call(unsigned idx, unsigned long a)
{
	return ((fn_t)(void *)&code[idx])(a);
}

static unsigned long sum_loop(unsigned idx, unsigned n)
{
	unsigned long s = 0;
	for (unsigned i = 0; i < n; i++)
		s = call(idx, s);
	return s;
}

int main(void)
{
	isa_init();
	/* 1. write, ibar, run */
	code[0] = addi_w_a0(1);
	code[1] = JR_RA;
	ibar();
	CHECK_EQ(call(0, 10), 11);
	/* 2. run it 100 times (decoded and cached), then change it */
	CHECK_EQ(sum_loop(0, 100), 100);
	code[0] = addi_w_a0(3);
	ibar();
	CHECK_EQ(sum_loop(0, 100), 300);
	/* 3. patch with a halfword store: the low half holds si12[5:0] << 10
	 * and the registers; addi.w a0,a0,3 -> 7: low half 0x0c84 -> 0x1c84 */
	__asm__ volatile("st.h %0, %1, 0" : : "r"(0x1c84ul), "r"(&code[0]) : "memory");
	ibar();
	CHECK_EQ(call(0, 0), 7);
	/* 4. a byte store: bits 31:24 = 0x02 -> 0x03 turns addi.w (0x0280...)
	 * into ori (0x0380...): $a0 = a0 | ui12 with ui12 = 7 */
	__asm__ volatile("st.b %0, %1, 3" : : "r"(0x03ul), "r"(&code[0]) : "memory");
	ibar();
	CHECK_EQ(call(0, 0x123), 0x127);
	/* 5. stx.w and st.d (two instructions at once) */
	__asm__ volatile("stx.w %0, %1, %2" : : "r"((unsigned long)addi_w_a0(-1)), "r"(code), "r"(0ul) : "memory");
	ibar();
	CHECK_EQ(call(0, 5), 4);
	unsigned long two = (unsigned long)addi_w_a0(100) | (unsigned long)JR_RA << 32;
	__asm__ volatile("st.d %0, %1, 8" : : "r"(two), "r"(code) : "memory");
	ibar();
	CHECK_EQ(call(2, 1), 101);
	/* 6. an AM* and an LL/SC pair write code too */
	unsigned long old;
	__asm__ volatile("amswap.w %0, %1, %2" : "=&r"(old) : "r"((unsigned long)addi_w_a0(20)), "r"(&code[2]) : "memory");
	CHECK_EQ(old & 0xffffffff, addi_w_a0(100));
	ibar();
	CHECK_EQ(call(2, 1), 21);
	unsigned long ok, tmp;
	do {
		__asm__ volatile("ll.w %1, %2, 0\n or %0, %3, $zero\n sc.w %0, %2, 0"
				 : "=&r"(ok), "=&r"(tmp) : "r"(&code[2]), "r"((unsigned long)addi_w_a0(-20)) : "memory");
	} while (!ok);
	ibar();
	CHECK_EQ(call(2, 1), (unsigned long)-19);
	/* 7. code that patches a later instruction of its own page, then runs
	 * it: code[16..] = st.w $a1, $a2, 0 ; ibar 0 ; <patched> ; jr $ra,
	 * with $a2 = &code[18] and $a1 = the new instruction. */
	code[16] = 0x298000c5u;     /* st.w $a1, $a2, 0 */
	code[17] = 0x38728000u;     /* ibar 0 */
	code[18] = addi_w_a0(1);
	code[19] = JR_RA;
	ibar();
	register unsigned long a0 __asm__("$a0") = 40;
	register unsigned long a1 __asm__("$a1") = addi_w_a0(2);
	register unsigned long a2 __asm__("$a2") = (unsigned long)&code[18];
	__asm__ volatile("jirl $ra, %3, 0" : "+r"(a0) : "r"(a1), "r"(a2), "r"(&code[16])
			 : "$ra", "memory");
	CHECK_EQ(a0, 42);
	CHECK_EQ(code[18], addi_w_a0(2));
	/* 8. new code in a page never executed before, last word of a page */
	code[1023] = addi_w_a0(9);
	code[1024] = JR_RA;         /* first word of the next page */
	ibar();
	CHECK_EQ(call(1023, 1), 10);
	printf("smc ok\n");
	return 0;
}
