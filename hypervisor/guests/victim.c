/*
 * victim - the isolation guest's neighbour.  It fills a part of its RAM
 * with a pattern and checks it, yielding after each check so that the
 * other VMs (the attacker) run in between, ROUNDS times.
 */
#include "guest.h"

#define ROUNDS 60
#define WORDS  (64 * 1024 / 8)

int main(void)
{
	uint64_t *area = rt_page_alloc(WORDS * 8 / 4096);
	for (unsigned i = 0; i < WORDS; i++)
		area[i] = 0x76696374696d0000ul ^ (i * 0x9e3779b97f4a7c15ul);
	unsigned bad = 0;
	for (unsigned r = 0; r < ROUNDS; r++) {
		for (unsigned i = 0; i < WORDS; i++)
			if (area[i] != (0x76696374696d0000ul ^ (i * 0x9e3779b97f4a7c15ul)))
				bad++;
		hv_yield();
	}
	CHECK_EQ(bad, 0);
	printf("its 64 KiB pattern survived %u rounds\n", ROUNDS);
	rt_done();
}
