/*
 * /init of the check-linux kernel: a freestanding static LoongArch64 Linux
 * program (no libc, raw syscalls). As PID 1 it prints what it found about
 * its environment, then powers the machine off with reboot(2), which the
 * kernel turns into the DT's syscon-poweroff write to the GED register.
 *
 * The line starting "init: " is the one check-linux compares between lvzsim
 * and QEMU 7.2, so it holds only things both must agree on: argc, the PID,
 * the kernel release from uname(2) and an FP result (the first FP
 * instruction in user mode takes the FPD exception and the kernel's lazy FPU
 * enable, arch/loongarch/kernel/traps.c do_fpu). CPUCFG2 differs on purpose
 * (lvzsim reports LVZ, QEMU 7.2 does not), so it goes on a separate line.
 *
 * Syscall ABI (arch/loongarch/include/asm/unistd.h, generic table): number
 * in a7, arguments in a0-a5, result in a0; `syscall 0` clobbers t0-t8.
 * Built with -march=loongarch64: QEMU 7.2 has no LSX.
 */
#define SYS_ioctl      29
#define SYS_write      64
#define SYS_exit_group 94
#define SYS_nanosleep  101
#define SYS_reboot     142
#define SYS_uname      160
#define SYS_getpid     172
#define TCSBRK         0x5409	/* with arg 1: tcdrain() */

static inline long sys3(long n, long a, long b, long c)
{
	register long a7 __asm__("$a7") = n;
	register long a0 __asm__("$a0") = a;
	register long a1 __asm__("$a1") = b;
	register long a2 __asm__("$a2") = c;
	__asm__ volatile("syscall 0"
			 : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2)
			 : "$t0", "$t1", "$t2", "$t3", "$t4", "$t5", "$t6",
			   "$t7", "$t8", "memory");
	return a0;
}

static unsigned long slen(const char *s)
{
	unsigned long n = 0;
	while (s[n])
		n++;
	return n;
}

static void puts1(const char *s) { sys3(SYS_write, 1, (long)s, (long)slen(s)); }

static void puthex(unsigned long v)
{
	char b[19];
	b[0] = '0';
	b[1] = 'x';
	for (int i = 0; i < 16; i++)
		b[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
	b[18] = 0;
	puts1(b);
}

static void putdec(unsigned long v)
{
	char b[21];
	int i = 20;
	b[i] = 0;
	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	puts1(b + i);
}

static unsigned int cpucfg(unsigned int word)
{
	unsigned int r;
	__asm__ volatile("cpucfg %0, %1" : "=r"(r) : "r"(word));
	return r;
}

/* struct new_utsname: six fields of 65 bytes; release is the third. */
static char uts[6 * 65];

/* Harmonic number H(50) in binary64: a fixed sequence of fdiv.d/fadd.d, so
 * the bit pattern is the same on every IEEE 754 implementation. */
static unsigned long harmonic_bits(void)
{
	volatile double one = 1.0;	/* keep the loop from being folded */
	double h = 0.0;
	for (int k = 1; k <= 50; k++)
		h += one / (double)k;
	union { double d; unsigned long u; } v = { h };
	return v.u;
}

__attribute__((used)) void cmain(long *sp)
{
	long argc = sp[0];
	long pid = sys3(SYS_getpid, 0, 0, 0);
	long uname_rc = sys3(SYS_uname, (long)uts, 0, 0);

	puts1("init: pid ");
	putdec((unsigned long)pid);
	puts1(" argc ");
	putdec((unsigned long)argc);
	puts1(" release ");
	puts1(uname_rc == 0 ? uts + 2 * 65 : "?");
	puts1(" H50 ");
	puthex(harmonic_bits());
	puts1("\n");
	puts1("init: cpucfg2 ");
	puthex(cpucfg(2));
	puts1("\n");
	if (pid != 1)
		sys3(SYS_exit_group, 0, 0, 0);

	puts1("init: powering off\n");
	/* The console UART is polled (no IRQ in the DT): drain the tty, then
	 * give the 8250 poll timer time to empty its FIFO, or the lines above
	 * are lost when the machine stops. */
	sys3(SYS_ioctl, 1, TCSBRK, 1);
	long ts[2] = { 0, 100000000 };	/* 100 ms */
	sys3(SYS_nanosleep, (long)ts, 0, 0);
	/* LINUX_REBOOT_MAGIC1, MAGIC2, LINUX_REBOOT_CMD_POWER_OFF */
	sys3(SYS_reboot, 0xfee1dead, 672274793, 0x4321fedc);
	for (;;)
		;
}

__asm__(".text\n"
	".globl _start\n"
	"_start:\n"
	"	move	$a0, $sp\n"
	"	bl	cmain\n"
	"	break	0\n");
