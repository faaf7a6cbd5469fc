/*
 * disasm_gen.c - host-side half of the llvm-objdump comparison
 * (tests/disasm/run.sh drives it).
 *
 *   disasm_gen table  SEED K OUT.bin   every table entry: its match word,
 *                                      all operand bits set, K random operands
 *   disasm_gen flips  SEED OUT.bin     every entry's match word and one random
 *                                      instance, each with each bit flipped
 *   disasm_gen random SEED N OUT.bin   N uniformly random words
 *   disasm_gen compare MODE ARG OUT.bin OBJDUMP.txt
 *        compare llvm-objdump-19 -d --no-show-raw-insn output of OUT.bin with
 *        insn_disasm(); print a TAP line ("ok - ..." / "not ok - ...") and
 *        "# " details; exit 1 on any mismatch.
 *
 * Words llvm decodes as LSX, LASX or LBT are out of lvzsim's scope: they
 * are counted as excluded, but we still require that our decoder finds
 * them invalid (so the table cannot overlap those encodings).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"

/* splitmix64: small, good enough, and the same everywhere for a seed. */
static uint64_t rng_state;
static uint32_t rnd32(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return (uint32_t)((z ^ (z >> 31)) >> 32);
}

/*
 * Operand bits with a bias towards edge values: each 5-bit group (the
 * register fields, and slices of wider immediates) is 0, 1, all ones or
 * random, so register $zero/$ra, zero immediates and aliases (move, jr)
 * turn up often.
 */
static uint32_t rnd_operands(void)
{
	uint32_t w = 0;
	for (unsigned lo = 0; lo < 32; lo += 5) {
		uint32_t v;
		switch (rnd32() % 8) {
		case 0: case 1: v = 0; break;
		case 2: v = 0x1f; break;
		case 3: v = 1; break;
		default: v = rnd32() & 0x1f; break;
		}
		w |= v << lo;
	}
	return w;
}

static void put_word(FILE *f, uint32_t w)
{
	unsigned char b[4] = { (unsigned char)w, (unsigned char)(w >> 8),
			       (unsigned char)(w >> 16), (unsigned char)(w >> 24) };
	if (fwrite(b, 1, 4, f) != 4) {
		perror("disasm_gen: write");
		exit(2);
	}
}

static FILE *open_or_die(const char *path, const char *mode)
{
	FILE *f = fopen(path, mode);
	if (!f) {
		perror(path);
		exit(2);
	}
	return f;
}

static unsigned long num_arg(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);
	if (*s == '\0' || *end != '\0') {
		fprintf(stderr, "disasm_gen: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static int gen(const char *mode, unsigned long seed, unsigned long n, const char *out)
{
	FILE *f = open_or_die(out, "wb");
	rng_state = seed;
	if (!strcmp(mode, "table")) {
		for (unsigned i = 0; i < INSN_COUNT; i++) {
			const struct insn_info *e = &insn_table[i];
			put_word(f, e->match);
			put_word(f, e->match | ~e->mask);
			for (unsigned long k = 0; k < n; k++)
				put_word(f, e->match | (rnd_operands() & ~e->mask));
		}
	} else if (!strcmp(mode, "flips")) {
		for (unsigned i = 0; i < INSN_COUNT; i++) {
			const struct insn_info *e = &insn_table[i];
			uint32_t base[2] = { e->match, e->match | (rnd32() & ~e->mask) };
			for (unsigned j = 0; j < 2; j++)
				for (unsigned b = 0; b < 32; b++)
					put_word(f, base[j] ^ (1u << b));
		}
	} else {
		for (unsigned long k = 0; k < n; k++)
			put_word(f, rnd32());
	}
	return fclose(f) ? 2 : 0;
}

/*
 * Is llvm's text an LSX, LASX or LBT instruction (Vol.1 leaves them to
 * Vol.2 and the LBT specification; lvzsim implements none)?  LSX/LASX
 * mnemonics all start with v/xv; the LBT names are those of the LBT
 * opcode list (loongarch-opcodes lbt.txt) as llvm-objdump-19 spells them.
 */
static int excluded(const char *text)
{
	static const char *const prefix[] = {
		"v", "xv",                                    /* LSX, LASX */
		"x86", "arm", "setx86", "setarm",             /* LBT */
		"adc.", "sbc.", "rcr.", "rcri.", "addu12i.", "ldl.", "ldr.",
		"stl.", "str.",
	};
	static const char *const exact[] = {             /* LBT */
		"movgr2scr", "movscr2gr", "jiscr0", "jiscr1", "rotr.b",
		"rotr.h", "rotri.b", "rotri.h", "fcvt.ld.d", "fcvt.ud.d",
		"fcvt.d.ld",
	};
	size_t mlen = strcspn(text, "\t");
	for (size_t i = 0; i < sizeof prefix / sizeof prefix[0]; i++)
		if (!strncmp(text, prefix[i], strlen(prefix[i])))
			return 1;
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
		if (strlen(exact[i]) == mlen && !strncmp(text, exact[i], mlen))
			return 1;
	return 0;
}

/* Show a TAB as \t so reports are unambiguous. */
static const char *vis(const char *s)
{
	static char out[2][256];
	static int which;
	char *o = out[which ^= 1];
	size_t n = 0;
	for (; *s && n + 3 < sizeof out[0]; s++) {
		if (*s == '\t') {
			o[n++] = '\\';
			o[n++] = 't';
		} else {
			o[n++] = *s;
		}
	}
	o[n] = '\0';
	return o;
}

static int compare(const char *mode, const char *arg, const char *binpath, const char *txtpath)
{
	FILE *fb = open_or_die(binpath, "rb");
	fseek(fb, 0, SEEK_END);
	long size = ftell(fb);
	rewind(fb);
	size_t n = (size_t)size / 4;
	uint32_t *w = malloc(n * sizeof *w);
	char *seen = calloc(n ? n : 1, 1);
	unsigned char b[4];
	if (!w || !seen)
		return 2;
	for (size_t i = 0; i < n; i++) {
		if (fread(b, 1, 4, fb) != 4)
			return 2;
		w[i] = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	}
	fclose(fb);

	FILE *ft = open_or_die(txtpath, "r");
	char line[512], ours[128];
	size_t excl = 0, bad_excl = 0, agree = 0, disagree = 0, textmis = 0;
	size_t valid = 0, missing = 0, shown = 0;
	while (fgets(line, sizeof line, ft)) {
		/* "<spaces><hex addr>:<spaces>\t<text>[ <sym+off>]" */
		char *p = line, *end;
		while (*p == ' ')
			p++;
		unsigned long long addr = strtoull(p, &end, 16);
		if (end == p || *end != ':')
			continue;
		char *text = strchr(end, '\t');
		if (!text || addr % 4 || addr / 4 >= n)
			continue;
		text++;
		text[strcspn(text, "\n")] = '\0';
		char *cmt = strstr(text, " <");
		if (cmt && text[strlen(text) - 1] == '>')
			*cmt = '\0';   /* branch target comment */

		size_t i = (size_t)(addr / 4);
		seen[i] = 1;
		bool ok = insn_disasm(w[i], addr, ours, sizeof ours);
		const char *what = NULL;
		if (excluded(text)) {
			excl++;
			if (ok) {
				bad_excl++;
				what = "LSX/LASX/LBT word decoded as valid";
			}
		} else if (ok != (strcmp(text, "<unknown>") != 0)) {
			disagree++;
			what = "validity differs";
		} else {
			agree++;
			valid += ok;
			if (strcmp(ours, text)) {
				textmis++;
				what = "text differs";
			}
		}
		if (what && shown++ < 50)
			printf("# %s: 0x%08" PRIx32 " ours \"%s\" llvm \"%s\"\n",
			       what, w[i], vis(ours), vis(text));
	}
	fclose(ft);
	for (size_t i = 0; i < n; i++)
		missing += !seen[i];

	const bool pass = !bad_excl && !disagree && !textmis && !missing && n;
	const char *res = pass ? "ok" : "not ok";
	if (!strcmp(mode, "table"))
		printf("%s - disasm: table entries x %s random operands (%zu words)", res, arg, n);
	else if (!strcmp(mode, "flips"))
		printf("%s - disasm: single-bit neighbours of every entry (%zu words, %zu excluded as LSX/LASX/LBT)",
		       res, n, excl);
	else
		printf("%s - disasm: validity agreement on %zu random words (%zu excluded as LSX/LASX/LBT)",
		       res, n, excl);
	if (!pass)
		printf(": %zu validity disagreements, %zu text mismatches, %zu excluded words we accept, %zu words missing from llvm's output",
		       disagree, textmis, bad_excl, missing);
	printf("\n# %s: %zu words compared, %zu agree (%zu valid, %zu invalid), %zu disagree, %zu text mismatches, %zu excluded (LSX/LASX/LBT)\n",
	       mode, n, agree, valid, agree - valid, disagree, textmis, excl);
	free(w);
	free(seen);
	return pass ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 5 && (!strcmp(argv[1], "table") || !strcmp(argv[1], "random")))
		return gen(argv[1], num_arg(argv[2]), num_arg(argv[3]), argv[4]);
	if (argc == 4 && !strcmp(argv[1], "flips"))
		return gen(argv[1], num_arg(argv[2]), 0, argv[3]);
	if (argc == 6 && !strcmp(argv[1], "compare"))
		return compare(argv[2], argv[3], argv[4], argv[5]);
	fprintf(stderr,
		"usage: disasm_gen table SEED K OUT.bin | flips SEED OUT.bin |\n"
		"                  random SEED N OUT.bin |\n"
		"                  compare table|flips|random ARG OUT.bin OBJDUMP.txt\n");
	return 2;
}
