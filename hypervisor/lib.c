/*
 * lib.c - the few C library functions the hypervisor needs (the compiler
 * may call memset/memcpy for structure copies), and the checksum the
 * isolation checks use.
 */
#include "hv.h"

void *memset(void *d, int c, size_t n)
{
	uint8_t *p = d;
	if (!(((uintptr_t)p | n) & 7)) {
		uint64_t v = 0x0101010101010101ul * (uint8_t)c;
		for (uint64_t *q = d; n; n -= 8)
			*q++ = v;
		return d;
	}
	while (n--)
		*p++ = (uint8_t)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *p = d;
	const uint8_t *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *p = a, *q = b;
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

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
