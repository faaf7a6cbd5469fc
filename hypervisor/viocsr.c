/*
 * viocsr.c - design part 6: the VM's IOCSR space.  Guest iocsrrd/iocsrwr
 * exit (GSPR) and land here; nothing reaches the board's IOCSR devices
 * (its IPI block, its interrupt routing).  The VM has a small IOCSR space
 * of identification registers at the addresses Linux reads them
 * (asm/loongarch.h LOONGARCH_IOCSR_*):
 *
 *   0x00 VERSION    the board's value (read once from the real register)
 *   0x08 FEATURES   0: the VM has no IPI, no EXTIOI, no CSR-IPI
 *   0x10 VENDOR     the board's "Loongson"
 *   0x20 CPUNAME    "vm-<id>": the VM id in decimal, NUL padded
 *
 * Any other address reads 0; every write is ignored (the registers are
 * read-only on the board too).  A narrower read returns the addressed
 * bytes of the 64-bit register, zero-extended.
 */
#include "parts.h"

#define IOCSR_VERSION  0x00
#define IOCSR_FEATURES 0x08
#define IOCSR_VENDOR   0x10
#define IOCSR_CPUNAME  0x20

static uint64_t cpuname(const struct vm *vm)
{
	char s[8] = { 'v', 'm', '-' };
	unsigned id = vm->id, n = 3;
	if (id >= 10)
		s[n++] = (char)('0' + id / 10);
	s[n] = (char)('0' + id % 10);
	uint64_t v;
	memcpy(&v, s, 8);
	return v;
}

uint64_t viocsr_read(struct vm *vm, uint64_t addr, unsigned size)
{
	uint64_t v;
	switch (addr & ~7ul) {
	case IOCSR_VERSION: v = iocsr_read64(IOCSR_VERSION); break;
	case IOCSR_VENDOR: v = iocsr_read64(IOCSR_VENDOR); break;
	case IOCSR_CPUNAME: v = cpuname(vm); break;
	case IOCSR_FEATURES:
	default: v = 0; break;
	}
	v >>= 8 * (addr & 7);
	return size == 8 ? v : v & ((1ul << (8 * size)) - 1);
}

void viocsr_write(struct vm *vm, uint64_t addr, unsigned size, uint64_t val)
{
	(void)vm; (void)addr; (void)size; (void)val;
}
