/*
 * words.h - random instruction words for the fuzz harness (words.c).
 *
 * A code window is filled with a mix of
 *   - uniformly random 32-bit words,
 *   - entries of the instruction table (decode/insns.def) with random
 *     operand fields, weighted towards the privileged and LVZ ones, CSR
 *     numbers mostly ones that exist,
 *   - short snippets that reach states random words almost never do:
 *     guest entry (GSTAT.PVM + ertn), a TLB entry written from random
 *     TLBEHI/TLBELO/TLBIDX, a CSR written with a random 64-bit value,
 *     paging turned on with random DMWs, idle with the timer armed,
 *     IOCSR accesses to the device registers, stores to the board's
 *     devices (UART, GED power-off/reset).
 */
#ifndef FUZZ_WORDS_H
#define FUZZ_WORDS_H

#include <stdint.h>

struct rng {
	uint64_t s;
};

static inline uint64_t rng_next(struct rng *r)
{
	/* splitmix64 */
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline uint64_t rng_below(struct rng *r, uint64_t n)
{
	return n ? rng_next(r) % n : 0;
}

/* Prepare the tables (privileged entries, existing CSR numbers). */
void words_init(void);
/* Fill w[0..n) with random words; returns n. */
unsigned words_fill(struct rng *r, uint32_t *w, unsigned n);
/* Encoders used for the snippets and the exception handlers. */
uint32_t enc_csr(const char *mnem, unsigned rd, unsigned rj, unsigned csr);
uint32_t enc_ri12(const char *mnem, unsigned rd, unsigned rj, unsigned imm12);
uint32_t enc_plain(const char *mnem);
/* A random number of an existing CSR of bank 0 (host) or 1 (guest). */
unsigned words_random_csr(struct rng *r, unsigned bank);

#endif
