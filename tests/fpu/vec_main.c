/*
 * vec_main.c - print the outcome of every operation of a generated vector
 * table (tests/fpu/gen_vectors.py), one line per operation: the result
 * register f0, then FCSR0 with fcc0 in bit 32, in hex.  The same image runs on lvzsim and QEMU 7.2
 * (tests/rt/compare.sh); any difference is a failure.  No floating point
 * is printed, only bit patterns.
 */
#include "rt.h"

struct vec {
	uint32_t stub, fcsr;
	uint64_t a, b, c;
};
extern const struct vec vec_table[];
extern const unsigned long vec_count;
extern void (*const vec_stubs[])(void);
void vec_exec(const struct vec *v, void (*stub)(void), uint64_t out[3]);

int main(void)
{
	csr_write(CSR_EUEN, EUEN_FPE);
	for (unsigned long i = 0; i < vec_count; i++) {
		uint64_t out[3];
		const struct vec *v = &vec_table[i];
		vec_exec(v, vec_stubs[v->stub], out);
		/* Line i + 1 is operation i (line i + 1 of the .list file). */
		printf("%lx %lx\n", (unsigned long)out[0], (unsigned long)(out[1] | out[2] << 32));
	}
	printf("operations %lu\n", vec_count);
	return 0;
}
