/*
 * csr_table.c - every CSR as one table row: name, which banks have it, the
 * bits software may write, and side-effect hooks (cf. QEMU's csr_info[]).
 *
 * Write masks: LoongArch Reference Manual Vol.1 v1.10 chapter 7, LA64
 * definitions (n = 48 timer bits, PALEN = VALEN = 48).  LVZ registers and the
 * guest bank: docs/lvz.md (Linux arch/loongarch/kvm is the reference).
 *
 * Bank 0 is the host ("root") CSR file, bank 1 the guest copy (GCSR).  A CSR
 * in bank 1 exists only if it is in KVM's HW_GCSR list (lvz-facts.md 3):
 * a guest access to any other CSR traps to the host (GSPR).
 */
#include "cpu/csr.h"

#include <string.h>
#include <strings.h>

#include "cpu/cpu.h"
#include "lvz/lvz.h"
#include "mmu/softtlb_ops.h"
#include "sim/debug.h"

#define B_HOST  1u      /* exists in the host bank */
#define B_GUEST 2u      /* exists in the guest bank (hardware GCSR) */
#define B_BOTH  (B_HOST | B_GUEST)

struct csr_info {
	const char *name;
	uint8_t banks;
	uint64_t wmask;         /* bits a csrwr/csrxchg may change */
	uint64_t gwmask;        /* bits the host's gcsrwr may change in bank 1 */
	uint64_t (*read)(struct cpu *c, unsigned bank, uint64_t stored);
	/* Runs after the masked store; `old` is the previous stored value,
	 * `val` the value software wrote (the new one is in c->csr). */
	void (*write)(struct cpu *c, unsigned bank, uint64_t old, uint64_t val);
};

/* ---- hooks ---- */

static void w_mode(struct cpu *c, unsigned bank, uint64_t old, uint64_t val)
{
	(void)val;
	(void)old;
	/* PLV and DA/PG select the soft-TLB context (no flush needed: every
	 * context has its own set); IE may unmask interrupts. */
	if (bank == c->world)
		cpu_update_context(c);
	cpu_update_irq(c);
}

static void w_flush(struct cpu *c, unsigned bank, uint64_t old, uint64_t val)
{
	(void)val;
	(void)old;
	(void)bank;
	/* Called for ASID, DMWn, STLBPS, MISC, GTLBC: any translation may change.
	 * (Comparing old and new would miss nothing but costs a table lookup.) */
	stlb_flush_all(c);
}

static void w_irq(struct cpu *c, unsigned bank, uint64_t old, uint64_t val)
{
	(void)bank; (void)old; (void)val;
	cpu_update_irq(c);
}

static uint64_t r_sext48(struct cpu *c, unsigned bank, uint64_t v)
{
	(void)c; (void)bank;
	return (uint64_t)((int64_t)(v << 16) >> 16);
}

static uint64_t r_pgd(struct cpu *c, unsigned bank, uint64_t v)
{
	/* PGD (7.5.8): the page-table base for the faulting address: TLBRBADV
	 * inside a refill handler, BADV otherwise; VA[47] picks PGDH/PGDL. */
	const uint64_t *b = c->csr[bank];
	uint64_t bad = (b[CSR_TLBRERA] & TLBRERA_ISTLBR) ? b[CSR_TLBRBADV] : b[CSR_BADV];
	(void)v;
	return (bad >> 47) & 1 ? b[CSR_PGDH] : b[CSR_PGDL];
}

static uint64_t r_tval(struct cpu *c, unsigned bank, uint64_t v)
{
	(void)v;
	return timer_read_tval(c, bank);
}

static void w_tcfg(struct cpu *c, unsigned bank, uint64_t old, uint64_t val)
{
	(void)old;
	timer_write_tcfg(c, bank, val);
}

static void w_tval(struct cpu *c, unsigned bank, uint64_t old, uint64_t val)
{
	(void)old;
	timer_write_tval(c, bank, val);
}

static uint64_t r_zero(struct cpu *c, unsigned bank, uint64_t v)
{
	(void)c; (void)bank; (void)v;
	return 0;
}

static void w_ticlr(struct cpu *c, unsigned bank, uint64_t old, uint64_t val)
{
	(void)old;
	if (val & 1) {
		c->csr[bank][CSR_ESTAT] &= ~(1ull << INT_TI);
		cpu_update_irq(c);
	}
	c->csr[bank][CSR_TICLR] = 0;
}

static void w_llbctl(struct cpu *c, unsigned bank, uint64_t old, uint64_t val)
{
	(void)old;
	if (val & LLBCTL_WCLLB)     /* write 1 to clear the LLbit */
		c->csr[bank][CSR_LLBCTL] &= ~LLBCTL_ROLLB;
	c->csr[bank][CSR_LLBCTL] &= ~LLBCTL_WCLLB;
}

static uint64_t r_estat(struct cpu *c, unsigned bank, uint64_t v)
{
	return bank == WORLD_GUEST ? lvz_guest_estat(c, v) : v;
}

static void w_gstat(struct cpu *c, unsigned bank, uint64_t old, uint64_t val)
{
	(void)val;
	/* A new GID selects other TLB entries for guest translations. */
	if ((old ^ c->csr[bank][CSR_GSTAT]) & (0xffull << GSTAT_GID_SH))
		stlb_flush_all(c);
}

static void w_tlbrprmd(struct cpu *c, unsigned bank, uint64_t old, uint64_t val)
{
	(void)old; (void)val;
	/* Bit 3 (PGM) exists only with LVZ, and a guest has no LVZ (KVM never
	 * passes CPUCFG2.LVZ): in the guest bank it reads 0 (V1 7.5.14). */
	if (bank == WORLD_GUEST)
		c->csr[bank][CSR_TLBRPRMD] &= ~TLBRPRMD_PGM;
}

/* ---- the table ---- */

#define TLBELO_MASK 0xe000fffffffff07full   /* V D PLV MAT G PPN[47:12] NR NX RPLV */
#define PAGE_VA_MASK (~0xfffull)

static const struct csr_info csr_info[CSR_SPACE] = {
	[CSR_CRMD]   = { "CRMD",   B_BOTH, 0x3ff, 0x3ff, NULL, w_mode },
	[CSR_PRMD]   = { "PRMD",   B_BOTH, 0xf, 0xf, NULL, NULL },
	[CSR_EUEN]   = { "EUEN",   B_BOTH, EUEN_FPE, EUEN_FPE, NULL, NULL },
	/* MISC (7.4.4): VA32L1-3 (3:1), DRDTL1-3 (7:5), RPCNTL1-3 (11:9),
	 * ALCL0-3 (15:12), DWPL0-2 (18:16); bits 0, 4 and 8 are R0. */
	[CSR_MISC]   = { "MISC",   B_BOTH, 0x7feee, 0x7feee, NULL, w_flush },
	[CSR_ECFG]   = { "ECFG",   B_BOTH, 0x71fff, 0x71fff, NULL, w_irq },
	/* ESTAT: software sets SWI0/1; the host's gcsrwr/gcsrxchg may also
	 * inject TI/IPI and write Ecode/EsubCode (lvz-facts.md 3). */
	[CSR_ESTAT]  = { "ESTAT",  B_BOTH, 0x3, 0x7fff1803ull, r_estat, w_irq },
	[CSR_ERA]    = { "ERA",    B_BOTH, ~0ull, ~0ull, NULL, NULL },
	[CSR_BADV]   = { "BADV",   B_BOTH, ~0ull, ~0ull, NULL, NULL },
	[CSR_BADI]   = { "BADI",   B_BOTH, 0, 0xffffffff, NULL, NULL },
	[CSR_EENTRY] = { "EENTRY", B_BOTH, PAGE_VA_MASK, PAGE_VA_MASK, NULL, NULL },
	[CSR_TLBIDX] = { "TLBIDX", B_BOTH, 0xbf000fff, 0xbf000fff, NULL, NULL },
	[CSR_TLBEHI] = { "TLBEHI", B_BOTH, 0x0000ffffffffe000ull, 0x0000ffffffffe000ull, r_sext48, NULL },
	[CSR_TLBELO0]= { "TLBELO0",B_BOTH, TLBELO_MASK, TLBELO_MASK, NULL, NULL },
	[CSR_TLBELO1]= { "TLBELO1",B_BOTH, TLBELO_MASK, TLBELO_MASK, NULL, NULL },
	[CSR_GTLBC]  = { "GTLBC",  B_HOST, 0xff303f, 0, NULL, w_flush },
	[CSR_TRGP]   = { "TRGP",   B_HOST, 0, 0, NULL, NULL },
	[CSR_ASID]   = { "ASID",   B_BOTH, 0x3ff, 0x3ff, NULL, w_flush },
	[CSR_PGDL]   = { "PGDL",   B_BOTH, PAGE_VA_MASK, PAGE_VA_MASK, NULL, NULL },
	[CSR_PGDH]   = { "PGDH",   B_BOTH, PAGE_VA_MASK, PAGE_VA_MASK, NULL, NULL },
	[CSR_PGD]    = { "PGD",    B_BOTH, 0, 0, r_pgd, NULL },
	[CSR_PWCL]   = { "PWCL",   B_BOTH, 0xffffffff, 0xffffffff, NULL, NULL },
	[CSR_PWCH]   = { "PWCH",   B_BOTH, 0xffffff, 0xffffff, NULL, NULL },
	[CSR_STLBPS] = { "STLBPS", B_BOTH, 0x3f, 0x3f, NULL, w_flush },
	[CSR_RVACFG] = { "RVACFG", B_BOTH, 0xf, 0xf, NULL, NULL },
	/* CPUID is read-only to software but the host sets the guest's. */
	[CSR_CPUID]  = { "CPUID",  B_BOTH, 0, 0x1ff, NULL, NULL },
	[CSR_PRCFG1] = { "PRCFG1", B_BOTH, 0, 0, NULL, NULL },
	[CSR_PRCFG2] = { "PRCFG2", B_BOTH, 0, 0, NULL, NULL },
	[CSR_PRCFG3] = { "PRCFG3", B_BOTH, 0, 0, NULL, NULL },
	/* KSNUM = 8 (PRCFG1): SAVE0-7. */
	[CSR_SAVE0 + 0] = { "SAVE0", B_BOTH, ~0ull, ~0ull, NULL, NULL },
	[CSR_SAVE0 + 1] = { "SAVE1", B_BOTH, ~0ull, ~0ull, NULL, NULL },
	[CSR_SAVE0 + 2] = { "SAVE2", B_BOTH, ~0ull, ~0ull, NULL, NULL },
	[CSR_SAVE0 + 3] = { "SAVE3", B_BOTH, ~0ull, ~0ull, NULL, NULL },
	[CSR_SAVE0 + 4] = { "SAVE4", B_BOTH, ~0ull, ~0ull, NULL, NULL },
	[CSR_SAVE0 + 5] = { "SAVE5", B_BOTH, ~0ull, ~0ull, NULL, NULL },
	[CSR_SAVE0 + 6] = { "SAVE6", B_BOTH, ~0ull, ~0ull, NULL, NULL },
	[CSR_SAVE0 + 7] = { "SAVE7", B_BOTH, ~0ull, ~0ull, NULL, NULL },
	[CSR_TID]    = { "TID",    B_BOTH, 0xffffffff, 0xffffffff, NULL, NULL },
	[CSR_TCFG]   = { "TCFG",   B_BOTH, 0xffffffffffffull, 0xffffffffffffull, NULL, w_tcfg },
	/* TVAL: read-only to software; the host may set the guest's (KVM). */
	[CSR_TVAL]   = { "TVAL",   B_BOTH, 0, 0xffffffffffffull, r_tval, w_tval },
	[CSR_CNTC]   = { "CNTC",   B_BOTH, ~0ull, ~0ull, NULL, NULL },
	[CSR_TICLR]  = { "TICLR",  B_BOTH, 1, 1, r_zero, w_ticlr },
	[CSR_GSTAT]  = { "GSTAT",  B_HOST, 0xff0002, 0, NULL, w_gstat },
	[CSR_GCFG]   = { "GCFG",   B_HOST, 0x0730aab0, 0, NULL, NULL },
	[CSR_GINTC]  = { "GINTC",  B_HOST, 0xffffff, 0, NULL, w_irq },
	[CSR_GCNTC]  = { "GCNTC",  B_HOST, ~0ull, 0, NULL, NULL },
	[CSR_LLBCTL] = { "LLBCTL", B_BOTH, LLBCTL_WCLLB | LLBCTL_KLO, LLBCTL_WCLLB | LLBCTL_KLO, NULL, w_llbctl },
	[CSR_IMPCTL1]= { "IMPCTL1",B_HOST, ~0ull, 0, NULL, NULL },
	[CSR_IMPCTL2]= { "IMPCTL2",B_HOST, ~0ull, 0, NULL, NULL },
	[CSR_TLBRENTRY]={ "TLBRENTRY", B_BOTH, 0x0000fffffffff000ull, 0x0000fffffffff000ull, NULL, NULL },
	[CSR_TLBRBADV]= { "TLBRBADV", B_BOTH, ~0ull, ~0ull, NULL, NULL },
	[CSR_TLBRERA] = { "TLBRERA",  B_BOTH, ~0x2ull, ~0x2ull, NULL, NULL },
	[CSR_TLBRSAVE]= { "TLBRSAVE", B_BOTH, ~0ull, ~0ull, NULL, NULL },
	[CSR_TLBRELO0]= { "TLBRELO0", B_BOTH, TLBELO_MASK, TLBELO_MASK, NULL, NULL },
	[CSR_TLBRELO1]= { "TLBRELO1", B_BOTH, TLBELO_MASK, TLBELO_MASK, NULL, NULL },
	[CSR_TLBREHI] = { "TLBREHI",  B_BOTH, 0x0000ffffffffe03full, 0x0000ffffffffe03full, r_sext48, NULL },
	/* bit 3 (PGM: the refill came from guest mode) exists with LVZ, in
	 * the host bank only (w_tlbrprmd). */
	[CSR_TLBRPRMD]= { "TLBRPRMD", B_BOTH, 0x1f, 0x17, NULL, w_tlbrprmd },
	/* MERRCTL (7.7.1): Repairable, PPLV, PIE, bit 5 (LVZ: error taken in
	 * guest mode), PWE, PDA, PPG, PDATF, PDATM; IsMERR and Cause are RO. */
	[CSR_MERRCTL] = { "MERRCTL",  B_HOST, 0x1ffeull, 0, NULL, NULL },
	[CSR_MERRINFO1]={ "MERRINFO1",B_HOST, ~0ull, 0, NULL, NULL },
	[CSR_MERRINFO2]={ "MERRINFO2",B_HOST, ~0ull, 0, NULL, NULL },
	[CSR_MERRENTRY]={ "MERRENTRY",B_HOST, 0x0000fffffffff000ull, 0, NULL, NULL },
	[CSR_MERRERA] = { "MERRERA",  B_HOST, ~0ull, 0, NULL, NULL },
	[CSR_MERRSAVE]= { "MERRSAVE", B_HOST, ~0ull, 0, NULL, NULL },
	[CSR_CTAG]    = { "CTAG",     B_HOST, ~0ull, 0, NULL, NULL },
	[CSR_DMW0]   = { "DMW0",   B_BOTH, 0xf00000000000003full, 0xf00000000000003full, NULL, w_flush },
	[CSR_DMW1]   = { "DMW1",   B_BOTH, 0xf00000000000003full, 0xf00000000000003full, NULL, w_flush },
	[CSR_DMW2]   = { "DMW2",   B_BOTH, 0xf00000000000003full, 0xf00000000000003full, NULL, w_flush },
	[CSR_DMW3]   = { "DMW3",   B_BOTH, 0xf00000000000003full, 0xf00000000000003full, NULL, w_flush },
	/* No hardware watchpoints: the counts in MWPC/FWPC read 0. */
	[CSR_MWPC]   = { "MWPC",   B_HOST, 0, 0, NULL, NULL },
	[CSR_MWPS]   = { "MWPS",   B_HOST, 0, 0, NULL, NULL },
	[CSR_FWPC]   = { "FWPC",   B_HOST, 0, 0, NULL, NULL },
	[CSR_FWPS]   = { "FWPS",   B_HOST, 0, 0, NULL, NULL },
	[CSR_DBG]    = { "DBG",    B_HOST, 0, 0, NULL, NULL },
	[CSR_DERA]   = { "DERA",   B_HOST, ~0ull, 0, NULL, NULL },
	[CSR_DSAVE]  = { "DSAVE",  B_HOST, ~0ull, 0, NULL, NULL },
};

static const struct csr_info *info(unsigned num)
{
	return num < CSR_SPACE && csr_info[num].name ? &csr_info[num] : NULL;
}

bool csr_exists(unsigned bank, unsigned num)
{
	const struct csr_info *ci = info(num);
	return ci && (ci->banks & (bank ? B_GUEST : B_HOST));
}

uint64_t csr_read(struct cpu *c, unsigned bank, unsigned num)
{
	if (!csr_exists(bank, num))
		return 0;   /* undefined CSRs read as 0 (QEMU 7.2 does the same) */
	const struct csr_info *ci = info(num);
	uint64_t v = c->csr[bank][num];
	return ci->read ? ci->read(c, bank, v) : v;
}

uint64_t csr_stored(const struct cpu *c, unsigned bank, unsigned num)
{
	return num < CSR_SPACE ? c->csr[bank][num] : 0;
}

/* Store with a given mask, then run the hook. */
static void csr_store(struct cpu *c, unsigned bank, unsigned num, uint64_t val, uint64_t mask)
{
	const struct csr_info *ci = info(num);
	uint64_t old = c->csr[bank][num];
	uint64_t nv = (old & ~mask) | (val & mask);
	c->csr[bank][num] = nv;
	if (ci->write && mask)
		ci->write(c, bank, old, val);
	if (c->dbg && c->dbg->nevent)
		debug_on_csr(c, bank, num);
}

void csr_write(struct cpu *c, unsigned bank, unsigned num, uint64_t val)
{
	if (!csr_exists(bank, num))
		return;     /* writes to undefined CSRs are ignored */
	const struct csr_info *ci = info(num);
	/* Software in a world writes its own bank with wmask; the host's
	 * gcsrwr into the guest bank uses gwmask (see csr_write_gcsr). */
	csr_store(c, bank, num, val, ci->wmask);
}

void csr_write_gcsr(struct cpu *c, unsigned num, uint64_t val)
{
	if (!csr_exists(WORLD_GUEST, num))
		return;
	csr_store(c, WORLD_GUEST, num, val, info(num)->gwmask);
}

uint64_t csr_write_mask(unsigned bank, unsigned num)
{
	const struct csr_info *ci = info(num);
	if (!ci || !csr_exists(bank, num))
		return 0;
	return ci->wmask;
}

const char *csr_name(unsigned num)
{
	const struct csr_info *ci = info(num);
	return ci ? ci->name : NULL;
}

int csr_by_name(const char *name)
{
	for (unsigned i = 0; i < CSR_SPACE; i++)
		if (csr_info[i].name && !strcasecmp(csr_info[i].name, name))
			return (int)i;
	return -1;
}

/*
 * Reset values: Vol.1 7.x "reset value" notes and QEMU 7.2's
 * loongarch_cpu_reset (entry state of -kernel boot: CRMD = 0xa8, i.e.
 * PLV0, IE=0, DA=1, DATF=DATM=1).
 */
void csr_reset(struct cpu *c)
{
	memset(c->csr, 0, sizeof(c->csr));
	for (unsigned b = 0; b < NWORLDS; b++) {
		uint64_t *r = c->csr[b];
		r[CSR_CRMD] = CRMD_DA | (1ull << CRMD_DATF_SH) | (1ull << CRMD_DATM_SH);
		r[CSR_ASID] = 10ull << 16;              /* ASIDBITS = 10 */
		r[CSR_PRCFG1] = 0x72f8;                 /* KSNUM 8, TMRBITS 47, VSMAX 7 */
		r[CSR_PRCFG2] = 0x3ffff000;             /* page sizes 4 KiB .. 512 MiB */
		r[CSR_PRCFG3] = 0x008073f2;             /* MTLB 64, STLB 8 ways x 256 */
		r[CSR_STLBPS] = 12;
	}
	/* LVZ capability bits: GSTAT.GIDBIT = 8; GCFG: MATP guest+root,
	 * GCIP all/hit/secure (docs/lvz.md). */
	c->csr[WORLD_HOST][CSR_GSTAT] = 8ull << GSTAT_GIDBIT_SH;
	c->csr[WORLD_HOST][CSR_GCFG] = 0x3 | (0x7ull << 16);
}
