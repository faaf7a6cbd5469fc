/*
 * lib.c - the checksum the isolation checks use.  (memset, memcpy and the
 * other C library functions come from tests/rt/string.c.)
 */
#include "hv.h"

/* A Fletcher-style sum over 64-bit words (bytes: a multiple of 32): s1
 * is the plain sum, s2 the sum of the running sums, so a changed word and
 * two words swapped both show.  Two adds per word: the isolation checks
 * run it over megabytes after every attempt of a watched guest. */
uint64_t checksum(const void *p, size_t bytes)
{
	const uint64_t *w = p;
	uint64_t s1 = 0, s2 = 0;
	for (size_t i = 0; i < bytes / 8; i += 4) {
		s1 += w[i];
		s2 += s1;
		s1 += w[i + 1];
		s2 += s1;
		s1 += w[i + 2];
		s2 += s1;
		s1 += w[i + 3];
		s2 += s1;
	}
	return s1 ^ (s2 * 0x9e3779b97f4a7c15ul);
}
