/*
 * exc_sync.c - synchronous exceptions at PLV0 (Vol.1 6.2 "Exceptions" and
 * 7.4.5-7.4.9): SYS, BRK, INE (reserved words, LSX/LASX/LBT words on a core
 * without them), ADEM (illegal address in mapped mode; no device at a
 * physical address), ADEF (illegal PC in mapped mode; misaligned PC), with
 * ESTAT.Ecode/EsubCode, ERA, BADV, BADI, PRMD.PPLV/PIE and the CRMD the
 * handler runs with.  ALE and BCE: mem_unaligned, atomic_*, mem_bound;
 * IPE and user mode: exc_user; vectored entry: exc_vectored.
 *
 * CHECK_EQs are the manual's rules: ERA = PC of the faulting instruction
 * (7.4.7), BADI = its word (7.4.9), BADV = the bad address (7.4.8), the
 * handler at PLV0 with IE = 0, PRMD = the old PLV and IE (7.4.2).
 *
 * QEMU 7.2 departures (lvzsim-only checks, nothing printed):
 *   - QEMU writes BADV = PC for SYS, BRK, INE, IPE (its do_interrupt); the
 *     manual updates BADV only for address exceptions (7.4.8);
 *   - QEMU has no check for a misaligned PC (it fetches at PC & ~3...);
 *     the manual: ADEF, BADV = the PC (6.2.1, "Unaligned Memory Access");
 *   - for a failed physical transaction (no device) QEMU leaves BADV alone.
 */
#include "isa.h"

#define BADV_MARK 0x5a5a5a5a5a5a5a5aul

static void report(const char *what, unsigned long pc)
{
	int ec = isa_ecode();
	printf("%-18s ecode %2d esub %u era %s prmd %lx crmd %lx badi %08lx\n", what, ec,
	       isa_esub(), isa_trap.era == pc ? "=pc" : "!=pc", isa_trap.prmd & 7,
	       isa_trap.crmd & 0x1f, isa_trap.badi);
}

/* The handler's view: PLV0, IE = 0, translation mode unchanged. */
static void check_handler_mode(unsigned long crmd_before)
{
	CHECK_EQ(isa_trap.crmd & CRMD_PLV_MASK, 0);
	CHECK_EQ(isa_trap.crmd & CRMD_IE, 0);
	CHECK_EQ(isa_trap.crmd & (CRMD_DA | CRMD_PG), crmd_before & (CRMD_DA | CRMD_PG));
}

static void check_traps(void)
{
	unsigned long pc, crmd = csr_read(CSR_CRMD);

	csr_write(CSR_BADV, BADV_MARK);
	isa_expect(0);
	__asm__ volatile("pcaddi %0, 0\n syscall 0x123" : "=&r"(pc) : : "memory");
	report("syscall 0x123", pc + 4);
	CHECK_EQ(ESTAT_ECODE(isa_trap.estat), EC_SYS);
	CHECK_EQ(isa_trap.era, pc + 4);
	CHECK_EQ(isa_trap.badi, 0x002b0123);            /* syscall: 0x002b0000 | code */
	CHECK_EQ(isa_trap.prmd & 7, 0);                  /* from PLV0 with IE = 0 */
	CHECK_EQ_LVZSIM(isa_trap.badv, BADV_MARK);
	check_handler_mode(crmd);

	isa_expect(0);
	__asm__ volatile("pcaddi %0, 0\n break 5" : "=&r"(pc) : : "memory");
	report("break 5", pc + 4);
	CHECK_EQ(ESTAT_ECODE(isa_trap.estat), EC_BRK);
	CHECK_EQ(isa_trap.era, pc + 4);
	CHECK_EQ(isa_trap.badi, 0x002a0005);
	CHECK_EQ_LVZSIM(isa_trap.badv, BADV_MARK);

	/* PRMD.PIE: the exception saves IE = 1 and clears it; ertn restores it.
	 * ECFG.LIE = 0, so enabling IE takes no interrupt. */
	csr_write(CSR_ECFG, 0);
	csr_xchg(CSR_CRMD, CRMD_IE, CRMD_IE);
	isa_expect(0);
	__asm__ volatile("pcaddi %0, 0\n syscall 1" : "=&r"(pc) : : "memory");
	unsigned long ie_after = csr_read(CSR_CRMD) & CRMD_IE;
	csr_xchg(CSR_CRMD, 0, CRMD_IE);
	report("syscall, IE=1", pc + 4);
	CHECK_EQ(isa_trap.prmd & 7, PRMD_PIE);
	CHECK_EQ(isa_trap.crmd & CRMD_IE, 0);
	CHECK_EQ(ie_after, CRMD_IE);
}

/* Reserved and absent-extension words: INE with BADI = the word. */
static uint32_t slot[2] __attribute__((aligned(8)));

static void check_ine(void)
{
	static const struct { const char *name; uint32_t w; } words[] = {
		{ "0x00000000", 0x00000000 }, { "0xffffffff", 0xffffffff },
		{ "vadd.b (LSX)", 0x700a0820 }, { "xvadd.b (LASX)", 0x740a0820 },
		{ "vld (LSX)", 0x2c000080 }, { "movgr2scr (LBT)", 0x00000880 },
		{ "x86adc.b (LBT)", 0x003f148c },
	};
	for (unsigned i = 0; i < ARRAY_SIZE(words); i++) {
		slot[0] = words[i].w;
		slot[1] = 0x4c000020;       /* jirl $zero, $ra, 0 */
		ibar();
		isa_expect(0);
		__asm__ volatile("jirl $ra, %0, 0" : : "r"(slot) : "$ra", "memory");
		report(words[i].name, (unsigned long)slot);
		CHECK_EQ(ESTAT_ECODE(isa_trap.estat), EC_INE);
		CHECK_EQ(isa_trap.era, (unsigned long)slot);
		CHECK_EQ(isa_trap.badi, words[i].w);
	}
}

/* Mapped mode: VA[63:48] must be the sign extension of VA[47] (VALEN = 48,
 * Vol.1 5.2.x); an address in no DMW and not canonical is ADE. */
#define BAD_VA 0x4000000000000000ul

static unsigned long jump_to(unsigned long target)
{
	register unsigned long a0 __asm__("$a0") = 0;
	__asm__ volatile("jirl $ra, %1, 0" : "+r"(a0) : "r"(target) : "$ra", "memory");
	return a0;
}

static void check_ade(void)
{
	unsigned long pc, v, crmd = isa_pg_identity();
	isa_expect(0);
	__asm__ volatile("pcaddi %0, 0\n ld.d %1, %2, 0" : "=&r"(pc), "=r"(v) : "r"(BAD_VA) : "memory");
	report("ld.d bad VA", pc + 4);
	CHECK_EQ(ESTAT_ECODE(isa_trap.estat), EC_ADE);
	CHECK_EQ(isa_esub(), 1);                          /* ADEM */
	CHECK_EQ(isa_trap.badv, BAD_VA);
	CHECK_EQ(isa_trap.era, pc + 4);
	CHECK_EQ(isa_trap.badi & 0xffc00000, 0x28c00000); /* ld.d */
	check_handler_mode(csr_read(CSR_CRMD));
	printf("  badv %lx\n", isa_trap.badv);
	isa_expect(0);
	__asm__ volatile("pcaddi %0, 0\n st.w $zero, %1, 8" : "=&r"(pc) : "r"(BAD_VA) : "memory");
	report("st.w bad VA", pc + 4);
	CHECK_EQ(isa_esub(), 1);
	CHECK_EQ(isa_trap.badv, BAD_VA + 8);
	/* fetch: ADEF, ERA = BADV = the PC */
	isa_expect(ISA_RESUME_RA);
	jump_to(BAD_VA + 0x100);
	report("jump bad VA", BAD_VA + 0x100);
	CHECK_EQ(ESTAT_ECODE(isa_trap.estat), EC_ADE);
	CHECK_EQ(isa_esub(), 0);                          /* ADEF */
	CHECK_EQ(isa_trap.era, BAD_VA + 0x100);
	CHECK_EQ(isa_trap.badv, BAD_VA + 0x100);
	isa_pg_restore(crmd);
}

/* Nothing at a physical address: a failed transaction.  QEMU 7.2 raises
 * ADEM (load) / ADEF (fetch) for it and lvzsim does the same. */
#define HOLE_PA 0x300000000000ul

static void check_holes(void)
{
	unsigned long pc, v;
	isa_expect(0);
	__asm__ volatile("pcaddi %0, 0\n ld.w %1, %2, 0" : "=&r"(pc), "=r"(v) : "r"(HOLE_PA) : "memory");
	report("ld.w hole", pc + 4);
	CHECK_EQ(ESTAT_ECODE(isa_trap.estat), EC_ADE);
	CHECK_EQ_LVZSIM(isa_trap.badv, HOLE_PA);
}

/* A misaligned PC: ADEF with BADV = ERA = the PC (lvzsim only). */
static void check_misaligned_pc(void)
{
	if (!isa_on_lvzsim())
		return;
	slot[0] = 0x4c000020;
	ibar();
	for (unsigned long off = 1; off < 4; off++) {
		isa_expect(ISA_RESUME_RA);
		jump_to((unsigned long)slot + off);
		CHECK_EQ(isa_ecode(), EC_ADE);
		CHECK_EQ(isa_esub(), 0);
		CHECK_EQ(isa_trap.era, (unsigned long)slot + off);
		CHECK_EQ(isa_trap.badv, (unsigned long)slot + off);
	}
	/* jirl with a misaligned base + offset (offs16 << 2 keeps it) */
	isa_expect(ISA_RESUME_RA);
	__asm__ volatile("jirl $ra, %0, 4" : : "r"((unsigned long)slot + 2) : "$ra", "memory");
	CHECK_EQ(isa_ecode(), EC_ADE);
	CHECK_EQ(isa_trap.badv, (unsigned long)slot + 6);
}

int main(void)
{
	isa_init();
	check_traps();
	check_ine();
	check_ade();
	check_holes();
	check_misaligned_pc();
	return 0;
}
