/*
 * fuzz.c - fuzz safety: random instruction words executed on lvzsim (the
 * library, build/liblvzsim.a) must never crash or hang the simulator; guest
 * exceptions are fine.
 *
 *   fuzz [--words N] [--seed S] [--episode E] [--verbose]
 *
 * The run is a series of episodes.  Each one builds a machine from
 * nothing (RAM, devices, decode cache, core), fills a code window with
 * random words (tests/fuzz/words.c: random words, table entries with
 * random operands, privileged snippets), seeds the GPRs, FPRs and a few
 * CSRs at random (PLV, EUEN, ECFG, the timer, GSTAT.PVM, a stage-2 mapping
 * of RAM for guests of GID 0-3), installs exception, TLB-refill and
 * machine-error handlers that skip the faulting word, and runs until an
 * instruction budget is spent or the machine stops (GED power-off or
 * reset, idle that can never wake).  An episode depends on nothing but
 * (seed, number), so `--episode E` replays it exactly.  One episode in
 * four runs in chunks through the fast loop instead of one instruction at
 * a time.  The run stops when N words from the code window have executed
 * in the stepped episodes, then prints the counts: instructions, words
 * from the window, exceptions by kind, guest entries and exits, machine
 * stops.

 * Exceptions are counted from the core's record of the last exception
 * (cpu->last_exc) after every instruction step, so two exceptions in one
 * step (an interrupt and a fault in its handler's first word) count once.
 *
 * A hang is a wall-clock watchdog (SIGALRM, 60 s with no finished
 * episode); the episode number is printed for a crash, a sanitizer report
 * or a hang, and `--episode E` replays just that one.
 *
 * One episode in 8 runs twice, on two fresh machines: both runs must end in
 * the same architectural state, TLB and code/handler pages (runs are
 * deterministic).
 *
 * Exit status: 0 = ran to N words; 1 = fewer words than asked (the harness
 * lost control); 2 = usage; 3 = hang; 5 = an episode ran differently twice;
 * a crash is whatever the signal gives.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu/ecode.h"
#include "devices/bus.h"
#include "mmu/dcache.h"
#include "mmu/softtlb_ops.h"
#include "sim/machine.h"
#include "sim/trace.h"
#include "tests/fuzz/words.h"

#define RAM_SIZE       (4ull << 20)
#define HANDLER_PA     0x00100000ull   /* EENTRY (4 KiB aligned) */
#define TLBR_PA        0x00101000ull   /* TLBRENTRY */
#define MERR_PA        0x00102000ull   /* MERRENTRY */
#define CODE_PA        0x00200000ull   /* the random words */
#define CODE_WORDS     1024u           /* four pages: page-crossing fetches */
#define BUDGET         (4 * CODE_WORDS)

static volatile sig_atomic_t cur_episode = -1;
static unsigned long long g_seed;

static void say_episode(const char *what)
{
	char buf[160];
	int n = snprintf(buf, sizeof(buf), "fuzz: %s in episode %ld (seed %llu; replay with --seed %llu --episode %ld)\n",
			 what, (long)cur_episode, g_seed, g_seed, (long)cur_episode);
	if (n > 0 && write(2, buf, (size_t)n) < 0)
		_exit(4);
}

static void on_signal(int sig)
{
	if (sig == SIGALRM) {
		say_episode("HANG: no progress for 60 s");
		_exit(3);
	}
	say_episode(sig == SIGSEGV ? "CRASH (SIGSEGV)" : sig == SIGABRT ? "ABORT" : "fatal signal");
	signal(sig, SIG_DFL);
	raise(sig);
}

/* AddressSanitizer calls this before it prints a report. */
void __asan_on_error(void);
void __asan_on_error(void)
{
	say_episode("sanitizer report");
}

struct counts {
	unsigned long long insns, words, guest_insns, episodes, chunk_episodes, chunk_insns, traced, twice;
	unsigned long long exc[0x40][2];        /* [ecode][world] */
	unsigned long long adef, adem;
	unsigned long long stops[8];
	unsigned long long entries, exits[EXIT_KINDS];
};

/* Host RAM for [pa, pa+len), with the decode cache told about the write. */
static void ram_put(struct machine *m, uint64_t pa, const void *src, size_t len)
{
	struct ram_region *r = bus_find_ram(&m->bus, pa, len);
	if (!r) {
		fprintf(stderr, "fuzz: harness bug: 0x%llx is not RAM\n", (unsigned long long)pa);
		exit(2);
	}
	memcpy(r->host + (pa - r->base), src, len);
	dcache_invalidate(&m->bus, pa, len);
}

/* Skip the faulting word: save t0 in a scratch CSR, ERA += 4, ertn.  One
 * handler serves the host and (through the identity stage-2 mapping) the
 * guest, which has its own banks of the same CSRs. */
static void put_handler(struct machine *m, uint64_t pa, unsigned save, unsigned era, bool ack)
{
	uint32_t w[16];
	unsigned n = 0;
	w[n++] = enc_csr("csrwr", 12, 1, save);
	if (ack) {      /* acknowledge the timer and the SWIs, so IE = 1 makes progress */
		w[n++] = enc_ri12("ori", 12, 0, 1);
		w[n++] = enc_csr("csrwr", 12, 1, CSR_TICLR);
		w[n++] = enc_ri12("ori", 12, 0, 0);
		w[n++] = enc_csr("csrwr", 12, 1, CSR_ESTAT);
	}
	w[n++] = enc_csr("csrrd", 12, 0, era);
	w[n++] = enc_ri12("addi.d", 12, 12, 4);
	w[n++] = enc_csr("csrwr", 12, 1, era);
	w[n++] = enc_csr("csrrd", 12, 0, save);
	w[n++] = enc_plain("ertn");
	ram_put(m, pa, w, n * 4);
}

/* Device registers: UART, GED sleep/reset, QEMU 7.2's PM_CTRL (random
 * stores there power off or reset the machine, which the harness counts). */
static const uint64_t devices[] = { UART_BASE, UART_BASE + 5, GED_REG_BASE, GED_REG_BASE + 2, PM_BASE };

static uint64_t random_gpr(struct rng *r)
{
	switch (rng_below(r, 7)) {
	case 6: return devices[rng_below(r, sizeof(devices) / sizeof(devices[0]))] | (rng_below(r, 2) ? 0x8000000000000000ull : 0);
	case 0: return rng_next(r);
	case 1: return rng_below(r, RAM_SIZE);                      /* into RAM */
	case 2: return CODE_PA + 4 * rng_below(r, CODE_WORDS);      /* into the code */
	case 3: return 0x9000000000000000ull | rng_below(r, RAM_SIZE);   /* DMW-style */
	case 4: return rng_below(r, 64);
	default: return (uint64_t)-(int64_t)rng_below(r, 64);
	}
}

static void setup_episode(struct machine *m, struct rng *r)
{
	struct cpu *c = &m->cpu;
	cpu_reset(c, CODE_PA);

	static uint32_t words[CODE_WORDS];
	words_fill(r, words, CODE_WORDS);
	ram_put(m, CODE_PA, words, sizeof(words));
	put_handler(m, HANDLER_PA, CSR_SAVE0, CSR_ERA, true);
	put_handler(m, TLBR_PA, CSR_TLBRSAVE, CSR_TLBRERA, false);
	put_handler(m, MERR_PA, CSR_MERRSAVE, CSR_MERRERA, false);

	for (unsigned i = 1; i < 32; i++)
		c->gpr[i] = random_gpr(r);
	for (unsigned i = 0; i < 32; i++)
		c->fpr[i] = rng_next(r);
	c->fcsr = (uint32_t)rng_next(r) & 0x1f1f031f;
	for (unsigned i = 0; i < 8; i++)
		c->fcc[i] = (uint8_t)rng_below(r, 2);

	/* CSRs through the architectural write path (masks and hooks apply). */
	csr_write(c, 0, CSR_EENTRY, HANDLER_PA);
	csr_write(c, 0, CSR_TLBRENTRY, TLBR_PA);
	csr_write(c, 0, CSR_MERRENTRY, MERR_PA);
	csr_write(c, 0, CSR_EUEN, rng_below(r, 2));
	if (rng_below(r, 4) == 0)
		csr_write(c, 0, CSR_ECFG, rng_below(r, 0x2000));
	if (rng_below(r, 4) == 0)
		csr_write(c, 0, CSR_TCFG, TCFG_EN | rng_below(r, 2) * TCFG_PERIOD | (rng_below(r, 4000) << 2));
	if (rng_below(r, 8) == 0)
		csr_write(c, 0, CSR_CRMD, csr_read(c, 0, CSR_CRMD) | CRMD_IE);
	if (rng_below(r, 8) == 0)   /* start at PLV3: privileged words raise IPE */
		csr_write(c, 0, CSR_CRMD, csr_read(c, 0, CSR_CRMD) | 3);

	/* Guest mode: the first ertn (a snippet's, or a random one) enters it
	 * when GSTAT.PVM is set, here or by a snippet (GID 0..3).  Stage 2
	 * maps guest physical = host physical over all of RAM for each of
	 * those GIDs, with root-type MTLB entries (a pair of 2 MiB pages); the
	 * guest's exception entries are the same handlers. */
	for (unsigned gid = 0; gid < 4; gid++) {
		struct tlb_entry *e = &c->tlb.e[STLB_ENTRIES + MTLB_ENTRIES - 4 + gid];
		memset(e, 0, sizeof(*e));
		e->e = true;
		e->guest = false;
		e->gid = (uint8_t)gid;
		e->ps = 21;
		e->vppn = 0;
		e->lo[0] = TLBELO_V | TLBELO_D | (1ull << TLBELO_MAT_SH);
		e->lo[1] = (1ull << 21) | TLBELO_V | TLBELO_D | (1ull << TLBELO_MAT_SH);
	}
	stlb_flush_all(c);
	csr_write(c, 1, CSR_EENTRY, HANDLER_PA);
	csr_write(c, 1, CSR_TLBRENTRY, TLBR_PA);
	csr_write(c, 1, CSR_EUEN, rng_below(r, 2));
	if (rng_below(r, 3) == 0) {
		csr_write(c, 0, CSR_GSTAT, GSTAT_PVM | rng_below(r, 4) << GSTAT_GID_SH);
		csr_write(c, 0, CSR_ERA, CODE_PA + 4 * rng_below(r, CODE_WORDS));
	}
}

static void count_stop(struct machine *m, struct counts *k)
{
	int s = m->exit_status;
	k->stops[s >= 0 && s < 8 ? s : 7]++;
}

/* One episode; returns false if the machine stopped. */
static void run_episode(struct machine *m, struct rng *r, struct counts *k, int verbose)
{
	struct cpu *c = &m->cpu;
	setup_episode(m, r);
	/* One episode in 16 with the whole trace on (every event, text or
	 * JSON lines, to /dev/null): the trace code formats random state too. */
	if (rng_below(r, 16) == 0) {
		c->trace = trace_open("/dev/null", TEV_ALL, rng_below(r, 2) ? TRACE_JSONL : TRACE_TEXT);
		k->traced += c->trace != NULL;
	}
	uint64_t last_icount = ~0ull, last_pc = 0;
	unsigned last_ecode = 0, last_world = 0;
	if (rng_below(r, 4) == 0) {
		/* One episode in four runs in chunks through the fast loop, as a
		 * real run does (stop_at, timer deadlines, kicks); its words are
		 * not counted, since the PC is not seen per instruction. */
		for (unsigned done = 0; done < BUDGET && !m->stop; done += 64)
			cpu_run(c, 64);
		k->chunk_insns += c->icount;
		k->chunk_episodes++;
		if (m->stop)
			count_stop(m, k);
		goto out;
	}
	for (unsigned step = 0; step < BUDGET; step++) {
		uint64_t pc = c->pc;
		unsigned world = c->world;
		uint64_t before = c->icount;
		cpu_run(c, 1);
		if (c->icount != before) {
			k->insns++;
			if (world == WORLD_GUEST)
				k->guest_insns++;
			if (pc >= CODE_PA && pc < CODE_PA + 4ull * CODE_WORDS)
				k->words++;
		}
		const struct exc_record *x = &c->last_exc;
		if (x->valid && (x->icount != last_icount || x->pc != last_pc || x->ecode != last_ecode ||
				 x->world != last_world)) {
			last_icount = x->icount;
			last_pc = x->pc;
			last_ecode = x->ecode;
			last_world = x->world;
			k->exc[x->ecode & 0x3f][x->world & 1]++;
			if (x->ecode == ECODE_ADE)
				*(x->esub == ESUB_ADEF ? &k->adef : &k->adem) += 1;
		}
		if (m->stop) {
			if (verbose)
				fprintf(stderr, "episode %ld: machine stop %d (%s) after %u steps\n",
					(long)cur_episode, m->exit_status, m->stop_msg ? m->stop_msg : "", step);
			count_stop(m, k);
			break;
		}
	}
out:
	if (c->trace) {
		trace_close(c->trace);
		c->trace = NULL;
	}
	k->entries += c->lvz.entries;
	for (unsigned i = 0; i < EXIT_KINDS; i++)
		k->exits[i] += c->lvz.exits[i];
	memset(&c->lvz, 0, sizeof(c->lvz));
	k->episodes++;
}

/* A digest of the architectural state after an episode (RAM is compared
 * directly): the same episode run twice must end in the same state (runs
 * are deterministic; a difference means uninitialised or host-dependent
 * state). */
static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v;
	h *= 0x100000001b3ull;
	return h ^ (h >> 29);
}

static uint64_t state_digest(struct machine *m)
{
	const struct cpu *c = &m->cpu;
	uint64_t h = 0xcbf29ce484222325ull;
	for (unsigned i = 0; i < 32; i++)
		h = mix(mix(h, c->gpr[i]), c->fpr[i]);
	for (unsigned i = 0; i < 8; i++)
		h = mix(h, c->fcc[i]);
	h = mix(mix(mix(mix(h, c->fcsr), c->pc), c->icount), c->time_skip);
	h = mix(mix(h, c->world), c->idle);
	for (unsigned b = 0; b < NWORLDS; b++)
		for (unsigned n = 0; n < CSR_SPACE; n++)
			h = mix(h, csr_read(&m->cpu, b, n));
	for (unsigned i = 0; i < TLB_ENTRIES; i++) {
		const struct tlb_entry *e = &c->tlb.e[i];
		h = mix(mix(mix(mix(h, e->vppn), e->lo[0]), e->lo[1]), e->asid);
		h = mix(h, (uint64_t)e->ps | (uint64_t)e->e << 8 | (uint64_t)e->g << 9 |
			   (uint64_t)e->guest << 10 | (uint64_t)e->gid << 16);
	}
	return mix(mix(h, (uint64_t)m->stop), (uint64_t)m->exit_status);
}

static const char *ecode_label(unsigned ec)
{
	const struct ecode_info *e = ecode_info(ec, 0);
	return e ? e->name : "?";
}

static void report(const struct counts *k, unsigned long long want)
{
	printf("# fuzz: seed %llu, %llu episodes; stepped: %llu instructions, %llu of them random words "
	       "from the code window (asked for %llu), %llu in guest mode; %llu episodes in chunks: "
	       "%llu instructions more; %llu episodes traced; %llu run twice with identical end states\n",
	       g_seed, k->episodes, k->insns, k->words, want, k->guest_insns, k->chunk_episodes, k->chunk_insns,
	       k->traced, k->twice);
	printf("# exceptions taken in stepped episodes (host / guest):");
	for (unsigned ec = 0; ec < 0x40; ec++) {
		if (!k->exc[ec][0] && !k->exc[ec][1])
			continue;
		if (ec == ECODE_ADE)
			printf(" ADE(F %llu, M %llu)=%llu/%llu", k->adef, k->adem, k->exc[ec][0], k->exc[ec][1]);
		else
			printf(" %s=%llu/%llu", ec == ECODE_TLBR ? "TLBR" : ecode_label(ec), k->exc[ec][0], k->exc[ec][1]);
	}
	printf("\n# guest entries %llu; exits:", k->entries);
	for (unsigned i = 0; i < EXIT_KINDS; i++)
		printf(" %s=%llu", lvz_exit_names[i], k->exits[i]);
	printf("\n# machine stops: power-off %llu, reset %llu, halted %llu, other %llu\n",
	       k->stops[EXIT_POWEROFF], k->stops[EXIT_RESET], k->stops[EXIT_HALTED],
	       k->stops[EXIT_BADINPUT] + k->stops[EXIT_SIMERROR] + k->stops[EXIT_MAXINSNS] + k->stops[6] + k->stops[7]);
}

int main(int argc, char **argv)
{
	unsigned long long want = 1000000;
	long only = -1;
	int verbose = 0;
	g_seed = 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--words") && i + 1 < argc)
			want = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			g_seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--episode") && i + 1 < argc)
			only = strtol(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--verbose"))
			verbose = 1;
		else {
			fprintf(stderr, "usage: fuzz [--words N] [--seed S] [--episode E] [--verbose]\n");
			return 2;
		}
	}
#ifndef __SANITIZE_ADDRESS__    /* under ASan its own handlers report */
	signal(SIGSEGV, on_signal);
	signal(SIGBUS, on_signal);
	signal(SIGFPE, on_signal);
	signal(SIGILL, on_signal);
#endif
	signal(SIGABRT, on_signal);
	signal(SIGALRM, on_signal);
	words_init();

	FILE *uart = fopen("/dev/null", "w");
	static struct machine m, m2;
	static struct counts k;
	if (!uart) {
		fprintf(stderr, "fuzz: cannot open /dev/null\n");
		return 2;
	}
	/* Every episode gets a new machine (RAM, devices, decode cache, core),
	 * so an episode depends on nothing but (seed, number): --episode
	 * replays it exactly. */
	for (long e = only >= 0 ? only : 0; only >= 0 ? e <= only : k.words < want; e++) {
		cur_episode = e;
		alarm(60);
		/* One episode in 8 runs twice on fresh machines; both runs must
		 * end in the same state. */
		bool twice = e % 8 == 0;
		struct machine *runs[2] = { &m2, &m };
		for (int run = twice ? 0 : 1; run < 2; run++) {
			struct rng r = { g_seed * 0x100000001b3ull ^ (uint64_t)e };
			static struct counts scratch;
			if (!machine_init(runs[run], RAM_SIZE, uart)) {
				fprintf(stderr, "fuzz: cannot build the machine\n");
				return 2;
			}
			run_episode(runs[run], &r, run ? &k : &scratch, verbose);
		}
		if (twice) {
			/* RAM: the handler pages and the code window (stores land
			 * anywhere, but their values come from the registers the
			 * digest covers; comparing all 4 MiB cost more than the
			 * episodes). */
			const struct ram_region *a = bus_find_ram(&m.bus, 0, RAM_SIZE);
			const struct ram_region *b = bus_find_ram(&m2.bus, 0, RAM_SIZE);
			if (state_digest(&m) != state_digest(&m2) ||
			    memcmp(a->host + HANDLER_PA, b->host + HANDLER_PA, 3 * 4096) ||
			    memcmp(a->host + CODE_PA, b->host + CODE_PA, 4 * CODE_WORDS)) {
				say_episode("NONDETERMINISM: two runs of one episode ended in different states");
				return 5;
			}
			machine_free(&m2);
			k.twice++;
		}
		machine_free(&m);
	}
	alarm(0);
	report(&k, want);
	fclose(uart);
	return only >= 0 || k.words >= want ? 0 : 1;
}
