/*
 * words.c - random instruction words for the fuzz harness (see words.h).
 */
#include "tests/fuzz/words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/csr.h"
#include "decode/decode.h"

/* Privileged and LVZ entries: drawn more often than their share of the
 * table, since uniformly random words almost never hit exact encodings
 * such as tlbwr or ertn. */
static const char *const priv_mnems[] = {
	"csrrd", "csrwr", "csrxchg", "gcsrrd", "gcsrwr", "gcsrxchg",
	"iocsrrd.b", "iocsrrd.h", "iocsrrd.w", "iocsrrd.d",
	"iocsrwr.b", "iocsrwr.h", "iocsrwr.w", "iocsrwr.d",
	"tlbclr", "tlbflush", "gtlbflush", "tlbsrch", "tlbrd", "tlbwr", "tlbfill",
	"invtlb", "ertn", "idle", "cacop", "lddir", "ldpte", "hvcl", "dbcl",
	"cpucfg", "rdtime.d", "rdtimel.w", "rdtimeh.w", "syscall", "break",
};
#define NPRIV (sizeof(priv_mnems) / sizeof(priv_mnems[0]))
static unsigned priv_ids[NPRIV];
static unsigned csrs[2][CSR_SPACE], ncsrs[2];

static unsigned id_of(const char *mnem)
{
	for (unsigned i = 0; i < INSN_COUNT; i++)
		if (!strcmp(insn_table[i].mnemonic, mnem))
			return i;
	fprintf(stderr, "fuzz: no instruction '%s' in the table\n", mnem);
	exit(2);
}

void words_init(void)
{
	for (unsigned i = 0; i < NPRIV; i++)
		priv_ids[i] = id_of(priv_mnems[i]);
	for (unsigned bank = 0; bank < 2; bank++)
		for (unsigned n = 0; n < CSR_SPACE; n++)
			if (csr_exists(bank, n))
				csrs[bank][ncsrs[bank]++] = n;
}

unsigned words_random_csr(struct rng *r, unsigned bank)
{
	return csrs[bank][rng_below(r, ncsrs[bank])];
}

/* The encoders name instructions by mnemonic; remember the few they use
 * (looking each up in the whole table per word was most of the time). */
static uint32_t match_of(const char *mnem)
{
	static const char *names[64];
	static uint32_t matches[64];
	static unsigned n;
	for (unsigned i = 0; i < n; i++)
		if (names[i] == mnem || !strcmp(names[i], mnem))
			return matches[i];
	uint32_t m = insn_table[id_of(mnem)].match;
	if (n < 64) {
		names[n] = mnem;
		matches[n++] = m;
	}
	return m;
}

uint32_t enc_csr(const char *mnem, unsigned rd, unsigned rj, unsigned csr)
{
	return match_of(mnem) | (csr & 0x3fff) << 10 | (rj & 31) << 5 | (rd & 31);
}

uint32_t enc_ri12(const char *mnem, unsigned rd, unsigned rj, unsigned imm12)
{
	return match_of(mnem) | (imm12 & 0xfff) << 10 | (rj & 31) << 5 | (rd & 31);
}

static uint32_t enc_ri20(const char *mnem, unsigned rd, uint32_t imm20)
{
	return match_of(mnem) | (imm20 & 0xfffff) << 5 | (rd & 31);
}

static uint32_t enc_rr(const char *mnem, unsigned rd, unsigned rj)
{
	return match_of(mnem) | (rj & 31) << 5 | (rd & 31);
}

uint32_t enc_plain(const char *mnem)
{
	return match_of(mnem);
}

/* ---- snippets: each returns the number of words written (<= room) ---- */
enum { T0 = 12, T1 = 13 };  /* $t0/$t1: the snippets' scratch registers */

/* Four words: rd = v (lu12i.w, ori, lu32i.d, lu52i.d). */
static unsigned li64(uint32_t *w, unsigned rd, uint64_t v)
{
	w[0] = enc_ri20("lu12i.w", rd, (uint32_t)(v >> 12));
	w[1] = enc_ri12("ori", rd, rd, (unsigned)v);
	w[2] = enc_ri20("lu32i.d", rd, (uint32_t)(v >> 32));
	w[3] = enc_ri12("lu52i.d", rd, rd, (unsigned)(v >> 52));
	return 4;
}

static uint64_t random_value(struct rng *r)
{
	switch (rng_below(r, 4)) {
	case 0: return rng_next(r);
	case 1: return rng_below(r, 0x400000);                  /* inside RAM (4 MiB) */
	case 2: return rng_next(r) & 0xffff;
	default: return 1ull << rng_below(r, 64);
	}
}

/* GSTAT.PVM (+ a random GID), ERA = the word after ertn, ertn: enters the
 * guest at the next word (docs/lvz.md "Entry"). */
static unsigned snip_guest_entry(struct rng *r, uint32_t *w)
{
	unsigned n = li64(w, T0, GSTAT_PVM | rng_below(r, 4) << GSTAT_GID_SH);
	w[n++] = enc_csr("csrwr", T0, 1, CSR_GSTAT);
	if (rng_below(r, 2)) {      /* a random PRMD: the guest's PLV/IE */
		n += li64(w + n, T0, rng_below(r, 8));
		w[n++] = enc_csr("csrwr", T0, 1, CSR_PRMD);
	}
	w[n++] = enc_ri20("pcaddi", T1, 3);     /* pcaddi, csrwr, ertn: next */
	w[n++] = enc_csr("csrwr", T1, 1, CSR_ERA);
	w[n++] = enc_plain("ertn");
	return n;
}

/* A random value into a random CSR (csrwr or csrxchg with a random mask),
 * in the host bank, or in the guest bank through gcsrwr. */
static unsigned snip_csr(struct rng *r, uint32_t *w)
{
	unsigned n = li64(w, T0, random_value(r));
	unsigned k = (unsigned)rng_below(r, 4);
	if (k == 0) {
		n += li64(w + n, T1, random_value(r));
		w[n++] = enc_csr("csrxchg", T0, T1, words_random_csr(r, 0));
	} else if (k == 1) {
		w[n++] = enc_csr("gcsrwr", T0, 1, words_random_csr(r, 1));
	} else {
		w[n++] = enc_csr("csrwr", T0, 1, words_random_csr(r, 0));
	}
	return n;
}

/* TLBEHI/TLBELO0/TLBELO1/TLBIDX from random values, then a TLB op. */
static unsigned snip_tlb(struct rng *r, uint32_t *w)
{
	static const unsigned regs[] = { CSR_TLBEHI, CSR_TLBELO0, CSR_TLBELO1, CSR_TLBIDX };
	static const char *const ops[] = { "tlbwr", "tlbfill", "tlbsrch", "tlbrd", "tlbclr", "tlbflush" };
	unsigned n = 0;
	for (unsigned i = 0; i < 4; i++) {
		uint64_t v = random_value(r);
		if (regs[i] == CSR_TLBIDX)  /* a sensible PS and index half the time */
			v = rng_below(r, 2) ? (rng_below(r, 2) ? TLBIDX_NE : 0) |
				(uint64_t)(12 + 2 * rng_below(r, 8)) << TLBIDX_PS_SH | rng_below(r, 2200) : v;
		if (regs[i] != CSR_TLBEHI && regs[i] != CSR_TLBIDX && rng_below(r, 2))
			v = (rng_below(r, 0x2000) << 12) | (rng_next(r) & 0xff);    /* V, D, PLV, MAT, G in RAM */
		n += li64(w + n, T0, v);
		w[n++] = enc_csr("csrwr", T0, 1, regs[i]);
	}
	w[n++] = enc_plain(ops[rng_below(r, 6)]);
	return n;
}

/* Paging on: DMW0/1 random or identity-like, then CRMD with PG = 1. */
static unsigned snip_paging(struct rng *r, uint32_t *w)
{
	unsigned n = 0;
	for (unsigned i = 0; i < 2; i++) {
		uint64_t v = rng_below(r, 2) ? rng_next(r) : (rng_below(r, 16) << 60) | (rng_below(r, 4) << 4) | 1 | (rng_below(r, 2) << 3);
		n += li64(w + n, T0, v);
		w[n++] = enc_csr("csrwr", T0, 1, CSR_DMW0 + i);
	}
	n += li64(w + n, T0, CRMD_PG | (rng_below(r, 4) << CRMD_DATF_SH) | (rng_below(r, 4) << CRMD_DATM_SH) |
			      (rng_below(r, 4) == 0 ? rng_below(r, 4) : 0));
	w[n++] = enc_csr("csrwr", T0, 1, CSR_CRMD);
	return n;
}

/* A TLB entry for a page at VSEG 0xf (no DMW covers it) with random
 * permission bits (V, D, PLV, MAT, NR, NX, RPLV) and page size over RAM,
 * paging on with DMW0 mapping VSEG 0 one to one (so the code and the
 * handlers keep running), then a load, a store or a jump through it: the
 * page-fault exceptions (PIL, PIS, PIF, PME, PNR, PNX, PPI). */
static unsigned snip_tlb_touch(struct rng *r, uint32_t *w)
{
	static const unsigned ps[] = { 12, 14, 16, 21 };
	static const char *const acc[] = { "ld.d", "ld.w", "st.d", "st.b" };
	unsigned p = ps[rng_below(r, 4)];
	uint64_t va = 0xffff800000000000ull | (rng_below(r, 64) << (p + 1));
	unsigned n = li64(w, T0, va);
	w[n++] = enc_csr("csrwr", T0, 1, CSR_TLBEHI);
	for (unsigned half = 0; half < 2; half++) {
		uint64_t flags = rng_next(r) & (0x7full | 3ull << 61 | 1ull << 63);
		uint64_t lo = (rng_below(r, 0x400000 >> p) << p) | flags | (rng_below(r, 4) ? TLBELO_V : 0);
		n += li64(w + n, T0, lo);
		w[n++] = enc_csr("csrwr", T0, 1, half ? CSR_TLBELO1 : CSR_TLBELO0);
	}
	n += li64(w + n, T0, (uint64_t)p << TLBIDX_PS_SH | (2048 + rng_below(r, 64)));
	w[n++] = enc_csr("csrwr", T0, 1, CSR_TLBIDX);
	w[n++] = enc_plain("tlbwr");
	w[n++] = enc_ri12("ori", T0, 0, 0x11 | (rng_below(r, 2) ? 8 : 0));   /* DMW0: VSEG 0, PLV0 (+PLV3), MAT 1 */
	w[n++] = enc_csr("csrwr", T0, 1, CSR_DMW0);
	w[n++] = enc_ri12("ori", T0, 0, CRMD_PG | (1u << CRMD_DATF_SH) | (1u << CRMD_DATM_SH));
	w[n++] = enc_csr("csrwr", T0, 1, CSR_CRMD);
	n += li64(w + n, T1, va + (rng_below(r, 2) << p) + 8 * rng_below(r, 16));
	if (rng_below(r, 5) == 0)
		w[n++] = match_of("jirl") | T1 << 5;            /* jirl $zero, $t1, 0: a fetch */
	else
		w[n++] = enc_ri12(acc[rng_below(r, 4)], T0, T1, 0);
	return n;
}

/* The timer armed (maybe periodic), its line enabled, then idle. */
static unsigned snip_idle(struct rng *r, uint32_t *w)
{
	unsigned n = li64(w, T0, TCFG_EN | (rng_below(r, 2) ? TCFG_PERIOD : 0) | (rng_below(r, 2000) << 2));
	w[n++] = enc_csr("csrwr", T0, 1, CSR_TCFG);
	n += li64(w + n, T0, rng_below(r, 4) ? (1u << INT_TI) : rng_below(r, 0x2000));
	w[n++] = enc_csr("csrwr", T0, 1, CSR_ECFG);
	if (rng_below(r, 2)) {
		w[n++] = enc_ri12("ori", T0, 0, CRMD_IE);
		w[n++] = enc_csr("csrxchg", T0, T0, CSR_CRMD);
	}
	w[n++] = enc_plain("idle") | (uint32_t)rng_below(r, 0x8000);
	return n;
}

/* An IOCSR access at one of the device registers (or near them). */
static unsigned snip_iocsr(struct rng *r, uint32_t *w)
{
	static const char *const ops[] = { "iocsrrd.b", "iocsrrd.h", "iocsrrd.w", "iocsrrd.d",
					   "iocsrwr.b", "iocsrwr.h", "iocsrwr.w", "iocsrwr.d" };
	uint64_t a;
	switch (rng_below(r, 3)) {
	case 0: a = rng_below(r, 0x430); break;
	case 1: a = 0x1000 + rng_below(r, 0x160); break;
	default: a = rng_next(r); break;
	}
	unsigned n = li64(w, T0, a);
	n += li64(w + n, T1, random_value(r));
	w[n++] = enc_rr(ops[rng_below(r, 8)], T1, T0);
	return n;
}

/* ertn to a random place with a random PRMD (PLV3 code, IE on ...). */
static unsigned snip_ertn(struct rng *r, uint32_t *w)
{
	unsigned n = li64(w, T0, rng_below(r, 8));
	w[n++] = enc_csr("csrwr", T0, 1, CSR_PRMD);
	w[n++] = enc_ri20("pcaddi", T1, (uint32_t)(2 + rng_below(r, 8)));
	w[n++] = enc_csr("csrwr", T1, 1, CSR_ERA);
	w[n++] = enc_plain("ertn");
	return n;
}

/* A store to a board device: GED sleep/reset with their magic bytes
 * (power-off 0x34, reset 0x42) or anything, the UART, QEMU 7.2's PM_CTRL. */
static unsigned snip_device(struct rng *r, uint32_t *w)
{
	static const uint64_t addr[] = { 0x100e001c, 0x100e001e, 0x1fe001e0, 0x1fe001e5, 0x10080010 };
	static const char *const st[] = { "st.b", "st.h", "st.w", "st.d" };
	uint64_t v = rng_below(r, 2) ? (rng_below(r, 2) ? 0x34 : 0x42) : rng_next(r);
	unsigned n = li64(w, T0, addr[rng_below(r, 5)]);
	n += li64(w + n, T1, v);
	w[n++] = enc_ri12(st[rng_below(r, 4)], T1, T0, 0);
	return n;
}

#define SNIP_MAX 40
static unsigned (*const snippets[])(struct rng *, uint32_t *) = {
	snip_guest_entry, snip_csr, snip_csr, snip_tlb, snip_paging, snip_idle, snip_iocsr, snip_ertn,
	snip_guest_entry, snip_csr, snip_csr, snip_tlb, snip_paging, snip_idle, snip_iocsr, snip_ertn,
	snip_device, snip_tlb_touch, snip_tlb_touch, snip_tlb_touch,
};

/* A table entry with random operand fields; CSR numbers mostly real ones. */
static uint32_t table_word(struct rng *r)
{
	unsigned id = rng_below(r, 10) < 3 ? priv_ids[rng_below(r, NPRIV)] : (unsigned)rng_below(r, INSN_COUNT);
	const struct insn_info *e = &insn_table[id];
	uint32_t w = e->match | ((uint32_t)rng_next(r) & ~e->mask);
	if ((e->fmt == FMT_CSR || e->fmt == FMT_CSRX) && rng_below(r, 8)) {
		unsigned bank = e->mnemonic[0] == 'g';
		w = (w & ~(0x3fffu << 10)) | words_random_csr(r, bank) << 10;
	}
	return w;
}

unsigned words_fill(struct rng *r, uint32_t *w, unsigned n)
{
	unsigned i = 0;
	while (i < n) {
		unsigned k = (unsigned)rng_below(r, 100);
		if (k < 35) {
			w[i++] = (uint32_t)rng_next(r);
		} else if (k < 88 || n - i < SNIP_MAX) {
			w[i++] = table_word(r);
		} else {
			unsigned which = (unsigned)rng_below(r, sizeof(snippets) / sizeof(snippets[0]));
			i += snippets[which](r, w + i);
		}
	}
	return n;
}
