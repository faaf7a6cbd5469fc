/*
 * regcmp QEMU_LOG LVZSIM_TRACE - lock-step comparison of one run on both:
 * QEMU 7.2's "-singlestep -d cpu,nochain" log (one record per executed
 * instruction: PC, FCSR0, r0-r31 *before* it, then some CSRs) against
 * lvzsim's text trace with insn events (one line per instruction: its PC,
 * then the registers it changed *after* it). Prints the first instruction
 * at which the PC, a GPR or FCSR0 differs, with the lvzsim lines around it,
 * and exits 1; exits 0 when either stream ends first. Both arguments may be
 * FIFOs (lockstep.sh), so neither multi-GB stream is ever stored.
 *
 * TLB refills are allowed to differ: which entry tlbfill replaces is the
 * implementation's choice (Vol.1 4.2.4.4: a random way of the STLB set or
 * MTLB entry), so one machine may still hold a translation the other must
 * refill. A refill taken on one side only (its PC is TLBRENTRY, from QEMU's
 * record) is skipped there up to the return to the faulting instruction; the
 * handler saves and restores the one register it uses (TLBRSAVE).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[32] = {
	"zero", "ra", "tp", "sp", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7",
	"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "r21", "fp",
	"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8",
};

static FILE *qf, *lf;
static uint64_t qr[32], qpc, tlbrentry = ~0ull;
static unsigned long qfcsr;
static uint64_t lr[32], lpc;
static unsigned long lfcsr;
static char lline[1024], prev[1024];

/* Next QEMU record into qr/qpc/qfcsr; 0 at the end of the log. A record
 * ends with its GPR28 line; TLBRENTRY follows it, so the value seen is the
 * previous record's (it is written once, early in the boot). */
static int next_q(void)
{
	static char line[4096];
	int in_record = 0;
	while (fgets(line, sizeof(line), qf)) {
		char *p = line;
		while (*p == ' ')
			p++;
		if (!strncmp(p, "TLBRENTRY=", 10)) {
			tlbrentry = strtoull(p + 10, NULL, 16);
			continue;
		}
		if (!strncmp(p, "PC=", 3)) {
			qpc = strtoull(p + 3, &p, 16);
			char *f = strstr(p, "FCSR0 0x");
			qfcsr = f ? strtoul(f + 8, NULL, 16) : 0;
			in_record = 1;
			continue;
		}
		if (!in_record || strncmp(p, "GPR", 3))
			continue;
		/* " GPR08: r8 0000... r9 0000... r10 ... r11 ..." */
		int base = atoi(p + 3);
		char *r = strchr(p, ':');
		for (int i = 0; i < 4 && r && base + i < 32; i++) {
			r = strchr(r + 1, 'r');
			char *sp = r ? strchr(r, ' ') : NULL;
			if (!sp)
				break;
			qr[base + i] = strtoull(sp + 1, &r, 16);
		}
		if (base == 28)
			return 1;
	}
	return 0;
}

/* Next lvzsim instruction line into lline/lpc (registers not yet applied). */
static int next_l(void)
{
	unsigned long long n, pc;
	char where[32];
	if (!fgets(lline, sizeof(lline), lf))
		return 0;
	if (sscanf(lline, "%llu %31s %llx", &n, where, &pc) != 3) {
		printf("not an lvzsim insn trace line: %s", lline);
		exit(2);
	}
	lpc = pc;
	return 1;
}

/* Apply the "name=0x..." changes of lline (after the disassembly). */
static void apply_l(void)
{
	static char buf[1024];
	strcpy(prev, lline);
	strcpy(buf, lline);
	for (char *t = strtok(buf, " \n"); t; t = strtok(NULL, " \n")) {
		char *eq = strchr(t, '=');
		if (!eq)
			continue;
		*eq = 0;
		if (!strcmp(t, "fcsr0")) {
			lfcsr = strtoul(eq + 1, NULL, 16);
			continue;
		}
		for (int i = 1; i < 32; i++)
			if (!strcmp(t, names[i]))
				lr[i] = strtoull(eq + 1, NULL, 16);
	}
}

static int same(void)
{
	if (qpc != lpc || qfcsr != lfcsr)
		return 0;
	for (int i = 1; i < 32; i++)
		if (qr[i] != lr[i])
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: regcmp QEMU_LOG LVZSIM_TRACE\n");
		return 2;
	}
	qf = fopen(argv[1], "r");
	lf = fopen(argv[2], "r");
	if (!qf || !lf) {
		perror("regcmp");
		return 2;
	}
	uint64_t k = 0, only_l = 0, only_q = 0, last_pc = 0;
	int qok = next_q(), lok = next_l();
	while (qok && lok) {
		if (same()) {
			last_pc = lpc;
			apply_l();
			k++;
			if (k % 1000000 == 0)
				fprintf(stderr, "regcmp: %" PRIu64 " instructions agree\n", k);
			qok = next_q();
			lok = next_l();
			continue;
		}
		/* Both traces list the faulting instruction (last_pc) once before
		 * the handler and again when it is restarted after ertn. */
		if (lpc == tlbrentry && qpc != tlbrentry) {
			/* lvzsim refills, QEMU had the entry: skip the handler and
			 * the restarted instruction. */
			int ertn = 0;
			while (lok && !ertn) {
				ertn = strstr(lline, " ertn") != NULL;
				apply_l();
				lok = next_l();
			}
			if (lok && lpc == last_pc) {
				apply_l();
				lok = next_l();
			}
			only_l++;
			continue;
		}
		if (qpc == tlbrentry && lpc != tlbrentry) {
			/* QEMU refills, lvzsim had the entry: the same on its side. */
			int n = 0;
			while ((qok = next_q()) && qpc != last_pc && ++n < 64)
				;
			if (qok && qpc == last_pc)
				qok = next_q();
			only_q++;
			continue;
		}
		printf("first difference before instruction %" PRIu64 ": QEMU pc 0x%" PRIx64
		       ", lvzsim pc 0x%" PRIx64 "\n", k, qpc, lpc);
		for (int i = 1; i < 32; i++)
			if (qr[i] != lr[i])
				printf("  %-4s QEMU 0x%" PRIx64 "  lvzsim 0x%" PRIx64 "\n", names[i], qr[i], lr[i]);
		if (qfcsr != lfcsr)
			printf("  fcsr0 QEMU 0x%lx  lvzsim 0x%lx\n", qfcsr, lfcsr);
		printf("lvzsim, previous: %s", prev);
		printf("lvzsim, this:     %s", lline);
		printf("(%" PRIu64 " refills taken by lvzsim only, %" PRIu64 " by QEMU only)\n", only_l, only_q);
		return 1;
	}
	printf("%s ended after %" PRIu64 " instructions with no difference (%" PRIu64
	       " refills taken by lvzsim only, %" PRIu64 " by QEMU only)\n",
	       lok ? "QEMU's log" : "lvzsim's trace", k, only_l, only_q);
	return 0;
}
