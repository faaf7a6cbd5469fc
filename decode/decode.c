/*
 * decode.c - the instruction table, lookup and operand extraction.
 *
 * Everything here is derived from decode/insns.def; operand layouts are
 * the ones formats.def documents (Vol.1 "Typical Instruction Formats" and
 * "Table of instruction encoding").
 */
#include "decode.h"

#include <stdio.h>
#include <stdlib.h>

/* A pattern must not fix a bit it leaves out of its mask (checked at build
 * time, so a typo in insns.def cannot compile). */
#define INSN(name, mnem, match, mask, fmt) \
	_Static_assert(((match) & ~(uint32_t)(mask)) == 0, #name ": match outside mask");
#include "insns.def"
#undef INSN

const struct insn_info insn_table[INSN_COUNT] = {
#define INSN(name, mnem, match, mask, fmt) \
	[INSN_##name] = { #name, mnem, match, mask, FMT_##fmt, exec_##name },
#include "insns.def"
#undef INSN
};

/*
 * Lookup index.  Level 1 is indexed by bits [31:22]; it holds the ids of
 * every entry whose pattern is compatible with those bits, in table order
 * (so "first match wins" still holds).  Buckets with more than SPLIT_AT
 * candidates (e.g. the 0x00xxxxxx integer block, the FP block) get a
 * level 2 indexed by bits [21:15]; the longest list is then 24 (clo.w ...
 * cpucfg at 0x0000xxxx, which differ only in [14:10]).  Built once, on the
 * first call (the simulator is single threaded); a lookup costs ~10 ns.
 */
#define L1_SHIFT 22
#define L1_SIZE  (1u << (32 - L1_SHIFT))
#define L2_SHIFT 15
#define L2_SIZE  (1u << (L1_SHIFT - L2_SHIFT))
#define SPLIT_AT 8

struct bucket {
	uint32_t start;   /* into cand[], or into l2[] when split */
	uint16_t len;
	uint16_t split;
};

static struct bucket l1[L1_SIZE];
static struct bucket *l2;
static uint16_t *cand;
static bool built;

/*
 * Append (if out != NULL) the ids of all entries that can match a word whose
 * bits under keymask equal key; return how many there are.
 */
static unsigned collect(uint32_t key, uint32_t keymask, uint16_t *out)
{
	unsigned n = 0;
	for (unsigned i = 0; i < INSN_COUNT; i++) {
		const struct insn_info *e = &insn_table[i];
		if (((key ^ e->match) & e->mask & keymask) == 0) {
			if (out)
				out[n] = (uint16_t)i;
			n++;
		}
	}
	return n;
}

static void build(void)
{
	const uint32_t m1 = ~0u << L1_SHIFT, m2 = ~0u << L2_SHIFT;
	size_t ncand = 0, nsplit = 0;

	/* Pass 1: sizes. */
	for (uint32_t k = 0; k < L1_SIZE; k++) {
		unsigned n = collect(k << L1_SHIFT, m1, NULL);
		if (n > SPLIT_AT) {
			nsplit++;
			for (uint32_t s = 0; s < L2_SIZE; s++)
				ncand += collect(k << L1_SHIFT | s << L2_SHIFT, m2, NULL);
		} else {
			ncand += n;
		}
	}
	cand = malloc((ncand ? ncand : 1) * sizeof *cand);
	l2 = malloc((nsplit ? nsplit : 1) * L2_SIZE * sizeof *l2);
	if (!cand || !l2) {
		fputs("decode: out of memory building the lookup index\n", stderr);
		abort();
	}

	/* Pass 2: fill. */
	size_t pos = 0, nl2 = 0;
	for (uint32_t k = 0; k < L1_SIZE; k++) {
		struct bucket *b = &l1[k];
		unsigned n = collect(k << L1_SHIFT, m1, NULL);
		if (n > SPLIT_AT) {
			b->split = 1;
			b->start = (uint32_t)(nl2 * L2_SIZE);
			for (uint32_t s = 0; s < L2_SIZE; s++) {
				struct bucket *c = &l2[nl2 * L2_SIZE + s];
				c->start = (uint32_t)pos;
				c->len = (uint16_t)collect(k << L1_SHIFT | s << L2_SHIFT, m2, cand + pos);
				pos += c->len;
			}
			nl2++;
		} else {
			b->start = (uint32_t)pos;
			b->len = (uint16_t)collect(k << L1_SHIFT, m1, cand + pos);
			pos += b->len;
		}
	}
	built = true;
}

unsigned insn_lookup(uint32_t raw)
{
	if (!built)
		build();
	const struct bucket *b = &l1[raw >> L1_SHIFT];
	if (b->split)
		b = &l2[b->start + ((raw >> L2_SHIFT) & (L2_SIZE - 1))];
	for (unsigned i = 0; i < b->len; i++) {
		unsigned id = cand[b->start + i];
		if ((raw & insn_table[id].mask) == insn_table[id].match)
			return id;
	}
	return INSN_INVALID;
}

/* raw[hi:lo] */
static uint32_t field(uint32_t raw, unsigned hi, unsigned lo)
{
	return (raw >> lo) & (uint32_t)((1ull << (hi - lo + 1)) - 1);
}

/* Sign-extend the low `width` bits of v (portable: no shifts of negatives). */
static int64_t sext(uint32_t v, unsigned width)
{
	const int64_t sign = (int64_t)1 << (width - 1);
	return ((int64_t)(v & ((1ull << width) - 1)) ^ sign) - sign;
}

void insn_decode(uint32_t raw, struct dinsn *d)
{
	const unsigned id = insn_lookup(raw);
	const uint8_t rd = (uint8_t)field(raw, 4, 0), rj = (uint8_t)field(raw, 9, 5);
	const uint8_t rk = (uint8_t)field(raw, 14, 10), ra = (uint8_t)field(raw, 19, 15);

	d->raw = raw;
	d->id = (uint16_t)id;
	d->imm = 0;
	d->rd = d->rj = d->rk = d->ra = 0;
	if (id == INSN_INVALID) {
		d->fn = exec_invalid;
		return;
	}
	d->fn = insn_table[id].fn;

	switch (insn_table[id].fmt) {
	case FMT_NONE:
		break;
	case FMT_RR: case FMT_FF: case FMT_FR: case FMT_RF:
		d->rd = rd; d->rj = rj;
		break;
	case FMT_RRR: case FMT_AM: case FMT_FFF: case FMT_FRR:
	case FMT_PRELDX: case FMT_INVTLB:
		d->rd = rd; d->rj = rj; d->rk = rk;
		break;
	case FMT_FFFF:
		d->rd = rd; d->rj = rj; d->rk = rk; d->ra = ra;
		break;
	case FMT_RRRSA2:
		d->rd = rd; d->rj = rj; d->rk = rk;
		d->imm = field(raw, 16, 15) + 1;
		break;
	case FMT_RRRSA2B:
		d->rd = rd; d->rj = rj; d->rk = rk;
		d->imm = field(raw, 16, 15);
		break;
	case FMT_RRRSA3:
		d->rd = rd; d->rj = rj; d->rk = rk;
		d->imm = field(raw, 17, 15);
		break;
	case FMT_RRUI5:
		d->rd = rd; d->rj = rj;
		d->imm = field(raw, 14, 10);
		break;
	case FMT_RRUI6:
		d->rd = rd; d->rj = rj;
		d->imm = field(raw, 15, 10);
		break;
	case FMT_RRSI12: case FMT_PRELD: case FMT_CACOP: case FMT_FRSI12:
		d->rd = rd; d->rj = rj;
		d->imm = sext(field(raw, 21, 10), 12);
		break;
	case FMT_RRUI12:
		d->rd = rd; d->rj = rj;
		d->imm = field(raw, 21, 10);
		break;
	case FMT_RRSI14S2:
		d->rd = rd; d->rj = rj;
		d->imm = sext(field(raw, 23, 10), 14) * 4;
		break;
	case FMT_RRSI16:
		d->rd = rd; d->rj = rj;
		d->imm = sext(field(raw, 25, 10), 16) * 65536;
		break;
	case FMT_RSI20:
		d->rd = rd;
		d->imm = sext(field(raw, 24, 5), 20);
		break;
	case FMT_BSTR_W:
		d->rd = rd; d->rj = rj;
		d->imm = field(raw, 20, 16) << 8 | field(raw, 14, 10);
		break;
	case FMT_BSTR_D:
		d->rd = rd; d->rj = rj;
		d->imm = field(raw, 21, 16) << 8 | field(raw, 15, 10);
		break;
	case FMT_B26:
		d->imm = sext(field(raw, 9, 0) << 16 | field(raw, 25, 10), 26) * 4;
		break;
	case FMT_RJB21:
		d->rj = rj;
		d->imm = sext(field(raw, 4, 0) << 16 | field(raw, 25, 10), 21) * 4;
		break;
	case FMT_CB21:
		d->rj = (uint8_t)field(raw, 7, 5);
		d->imm = sext(field(raw, 4, 0) << 16 | field(raw, 25, 10), 21) * 4;
		break;
	case FMT_RJRDB16: case FMT_JIRL:
		d->rd = rd; d->rj = rj;
		d->imm = sext(field(raw, 25, 10), 16) * 4;
		break;
	case FMT_CODE15: case FMT_HINT15:
		d->imm = field(raw, 14, 0);
		break;
	case FMT_RJRK:
		d->rj = rj; d->rk = rk;
		break;
	case FMT_CSR:
		d->rd = rd;
		d->imm = field(raw, 23, 10);
		break;
	case FMT_CSRX:
		d->rd = rd; d->rj = rj;
		d->imm = field(raw, 23, 10);
		break;
	case FMT_LDDIR:
		d->rd = rd; d->rj = rj;
		d->imm = field(raw, 17, 10);
		break;
	case FMT_LDPTE:
		d->rj = rj;
		d->imm = field(raw, 17, 10);
		break;
	case FMT_FFFC:
		d->rd = rd; d->rj = rj; d->rk = rk;
		d->ra = (uint8_t)field(raw, 17, 15);
		break;
	case FMT_FCMP:
		d->rd = (uint8_t)field(raw, 2, 0); d->rj = rj; d->rk = rk;
		d->imm = field(raw, 19, 15);
		break;
	case FMT_CF: case FMT_CR:
		d->rd = (uint8_t)field(raw, 2, 0); d->rj = rj;
		break;
	case FMT_FC: case FMT_RC:
		d->rd = rd; d->rj = (uint8_t)field(raw, 7, 5);
		break;
	case FMT_FCSRR: case FMT_RFCSR:
		d->rd = rd; d->rj = rj;
		break;
	case FMT_COUNT:
		break;
	}
}
