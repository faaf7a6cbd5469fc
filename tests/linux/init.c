/*
 * /init of the check-linux kernel: a freestanding static LoongArch64 Linux
 * program (no libc, raw syscalls; init_lib.h). As PID 1 it runs a few user-
 * space checks that lean on the simulated CPU through the kernel, prints a
 * line per check, then powers the machine off with reboot(2), which the
 * kernel turns into the DT's syscon-poweroff write to the GED register.
 *
 * Every line starting "init: " is compared with QEMU 7.2's boot of the same
 * kernel, except "init: cpucfg2" (lvzsim reports LVZ, QEMU 7.2 does not) and
 * "init: kvm" (only a CPU with LVZ has KVM). The checks themselves derive
 * their expected values inside the program, each explained at the check.
 *
 * Built with -march=loongarch64: QEMU 7.2 has no LSX.
 */
#include "init_lib.h"

#define SIGTRAP 5
#define SIGFPE  8
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGCHLD 17
#define SA_SIGINFO 4
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define FPE_INTDIV 1             /* include/uapi/asm-generic/siginfo.h */
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 0x02
#define MAP_ANONYMOUS 0x20
#define TCSBRK 0x5409           /* with arg 1: tcdrain() */
#define AT_PAGESZ 6             /* include/uapi/linux/auxvec.h */

/* The kernel's page size, from the auxiliary vector (cmain): 16 KiB for
 * check-linux, 4 KiB for check-linux-4k. */
static unsigned long page_size = 16384;

int checks_failed;

/* ---- output ---- */

static unsigned long slen(const char *s)
{
	unsigned long n = 0;
	while (s[n])
		n++;
	return n;
}

void puts1(const char *s) { sys3(SYS_write, 1, s, slen(s)); }

void puthex(unsigned long v)
{
	char b[19];
	b[0] = '0';
	b[1] = 'x';
	for (int i = 0; i < 16; i++)
		b[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
	b[18] = 0;
	puts1(b);
}

void putdec(long v)
{
	char b[22];
	int i = 21;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;
	b[i] = 0;
	do {
		b[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		b[--i] = '-';
	puts1(b + i);
}

void check(const char *name, int ok)
{
	if (!ok)
		checks_failed++;
	puts1("init: ");
	puts1(name);
	puts1(ok ? " ok\n" : " FAIL\n");
}

/* Byte loops through volatile pointers, so that the compiler does not turn
 * them back into calls of memset/memcpy (there is no libc). */
void *memset(void *d, int c, unsigned long n)
{
	volatile unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
	volatile unsigned char *p = d;
	const volatile unsigned char *q = s;
	if ((((unsigned long)p | (unsigned long)q) & 7) == 0) {
		for (; n >= 8; n -= 8, p += 8, q += 8)      /* the guest kernel: MiBs */
			*(volatile unsigned long *)p = *(const volatile unsigned long *)q;
	}
	while (n--)
		*p++ = *q++;
	return d;
}

static unsigned int cpucfg(unsigned int word)
{
	unsigned int r;
	__asm__ volatile("cpucfg %0, %1" : "=r"(r) : "r"(word));
	return r;
}

/* ---- FP ---- */

static unsigned long bits(double d)
{
	union { double d; unsigned long u; } v = { d };
	return v.u;
}

/* Harmonic number H(n), summed in order in binary64: a fixed sequence of
 * ffint/fdiv/fadd, so the bits are the same on every IEEE 754 machine. */
static double harmonic(long n)
{
	volatile double one = 1.0;      /* keep the loop from being folded */
	double h = 0.0;
	for (long k = 1; k <= n; k++)
		h += one / (double)k;
	return h;
}

/* ---- fork, copy-on-write, pipes, FP state across preemption ---- */

static unsigned long table[4096];       /* 32 KiB: two 16 KiB pages */

static unsigned long table_sum(unsigned long flip)
{
	unsigned long s = 0;
	for (int i = 0; i < 4096; i++)
		s = s * 31 + (table[i] ^ flip);
	return s;
}

/* H(400000) takes about 2.4 M instructions: several 4 ms ticks (HZ=250) at
 * 100 MHz, so parent and child preempt each other while both hold live FP
 * registers (the kernel's lazy FPU switch, arch/loongarch/kernel/fpu.S). */
#define FORK_TERMS 400000

static void test_fork(void)
{
	for (int i = 0; i < 4096; i++)
		table[i] = (unsigned long)i * 0x9e3779b97f4a7c15ul;
	unsigned long before = table_sum(0);
	int fds[2];
	if (sys3(SYS_pipe2, fds, 0, 0) != 0) {
		check("fork: pipe2", 0);
		return;
	}
	long pid = sys3(SYS_clone, SIGCHLD, 0, 0);
	if (pid == 0) {
		/* Child: write every word (copy-on-write copies both pages),
		 * then report through the pipe. */
		for (int i = 0; i < 4096; i++)
			table[i] ^= ~0ul;
		unsigned long msg[2] = { table_sum(0), bits(harmonic(FORK_TERMS)) };
		sys3(SYS_write, fds[1], msg, sizeof(msg));
		sys3(SYS_exit_group, 42, 0, 0);
	}
	unsigned long hp = bits(harmonic(FORK_TERMS));
	unsigned long msg[2] = { 0, 0 };
	long got = 0;
	while (got < (long)sizeof(msg)) {
		long n = sys3(SYS_read, fds[0], (char *)msg + got, sizeof(msg) - got);
		if (n <= 0)
			break;
		got += n;
	}
	int status = -1;
	long w = sys6(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
	check("fork: child exited with status 42", w == pid && (status & 0xffff) == (42 << 8));
	check("fork: 16 bytes through the pipe", got == (long)sizeof(msg));
	/* The child's table is ours with every bit flipped. */
	check("fork: child wrote its own copy", msg[0] == table_sum(~0ul));
	check("fork: parent's pages unchanged (copy-on-write)", table_sum(0) == before);
	check("fork: child's FP result equals the parent's", msg[1] == hp);
	puts1("init: fork H400000 ");
	puthex(hp);
	puts1("\n");
	sys3(SYS_close, fds[0], 0, 0);
	sys3(SYS_close, fds[1], 0, 0);
}

/* ---- exec: run /init again with an argument; see cmain ---- */

static void test_exec(void)
{
	long pid = sys3(SYS_clone, SIGCHLD, 0, 0);
	if (pid == 0) {
		const char *argv[] = { "/init", "exec-test", 0 };
		const char *envp[] = { 0 };
		sys3(SYS_execve, "/init", argv, envp);
		sys3(SYS_exit_group, 99, 0, 0);
	}
	int status = -1;
	long w = sys6(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
	check("exec: /init exec-test exited with status 7", w == pid && (status & 0xffff) == (7 << 8));
}

/* ---- anonymous memory: demand paging, unaligned accesses ---- */

static unsigned long ld_d(unsigned long a)
{
	unsigned long v;
	__asm__ volatile("ld.d %0, %1, 0" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static void st_d(unsigned long a, unsigned long v)
{
	__asm__ volatile("st.d %1, %0, 0" : : "r"(a), "r"(v) : "memory");
}

static void test_mmap(void)
{
	const unsigned long size = 4ul << 20;
	long p = sys6(SYS_mmap, 0, (long)size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check("mmap: 4 MiB anonymous mapping", p > 0 && (p & (page_size - 1)) == 0);
	if (p <= 0)
		return;
	/* One word every 4 KiB: 256 pages faulted in by stores. */
	for (unsigned long off = 0; off < size; off += 4096)
		*(volatile unsigned long *)(p + off) = off * 3 + 1;
	unsigned long sum = 0;
	for (unsigned long off = 0; off < size; off += 4096)
		sum += *(volatile unsigned long *)(p + off);
	/* sum of 3*off+1 for off = 4096*i, i < 1024: 3*4096*(1023*1024/2) + 1024 */
	check("mmap: words read back", sum == 3ul * 4096 * (1023ul * 1024 / 2) + 1024);
	check("mmap: untouched word is zero", *(volatile unsigned long *)(p + 8) == 0);

	/* Unaligned doubleword across a page boundary (CPUCFG1.UAL: the
	 * hardware does it): bytes in, word out, and the reverse. */
	unsigned long a = (unsigned long)p + page_size - 3;
	for (int i = 0; i < 8; i++)
		((volatile unsigned char *)a)[i] = (unsigned char)(0x11 * (i + 1));
	check("unaligned: ld.d across a page boundary", ld_d(a) == 0x8877665544332211ul);
	st_d(a + 8, 0x0123456789abcdeful);
	int good = 1;
	for (int i = 0; i < 8; i++)
		good &= ((volatile unsigned char *)(a + 8))[i] == (unsigned char)(0x0123456789abcdeful >> (8 * i));
	check("unaligned: st.d across a page boundary", good);

	/* The same into two pages never touched: the access faults on each
	 * page in turn and is restarted (BADV must name the missing page). */
	long q = sys6(SYS_mmap, 0, 2 * page_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (q > 0) {
		check("unaligned: ld.d across two unmapped pages reads 0", ld_d((unsigned long)q + page_size - 5) == 0);
		long r = sys6(SYS_mmap, 0, 2 * page_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (r > 0) {
			st_d((unsigned long)r + page_size - 2, 0xa5a5a5a5deadbeeful);
			check("unaligned: st.d across two unmapped pages", ld_d((unsigned long)r + page_size - 2) == 0xa5a5a5a5deadbeeful);
			sys3(SYS_munmap, r, 2 * page_size, 0);
		}
		sys3(SYS_munmap, q, 2 * page_size, 0);
	}
	sys3(SYS_munmap, p, size, 0);
}

/* ---- signals: faults with their addresses, breaks, FP context ---- */

struct ksigaction {             /* include/uapi/asm-generic/signal.h, no SA_RESTORER */
	void (*handler)(int, void *, void *);
	unsigned long flags;
	unsigned long mask;
};
/* struct ucontext (arch/loongarch/include/uapi/asm/ucontext.h): flags 8,
 * link 8, stack_t 24, sigset_t 8, 120 bytes of padding, then the 16-byte
 * aligned sigcontext { sc_pc; sc_regs[32]; ... } at 176. */
#define UC_PC 176
#define UC_REG(n) (184 + 8 * (n))
/* siginfo_t: si_signo, si_errno, si_code (ints), then si_addr at 16. */
#define SI_CODE 8
#define SI_ADDR 16
#define MAGIC_T0 0x1122334455667788ul

static volatile unsigned long sig_addr, sig_pc, sig_t0;
static volatile int sig_no, sig_code, sig_count;

static void on_fault(int sig, void *info, void *uc)
{
	sig_no = sig;
	sig_code = *(int *)((char *)info + SI_CODE);
	sig_addr = *(unsigned long *)((char *)info + SI_ADDR);
	sig_t0 = *(unsigned long *)((char *)uc + UC_REG(12));
	sig_pc = *(unsigned long *)((char *)uc + UC_PC);
	*(unsigned long *)((char *)uc + UC_PC) += 4;       /* skip it */
	sig_count++;
}

static void on_usr1(int sig, void *info, void *uc)
{
	(void)info;
	(void)uc;
	/* Clobber the registers the interrupted code holds (see test_fp_signal). */
	__asm__ volatile("movgr2fr.d $fa0, $zero\n\t"
			 "movgr2fr.d $fs7, $zero\n\t"
			 "movgr2cf $fcc3, $zero\n\t"
			 "movgr2fcsr $fcsr0, $zero"
			 : : : "$f0", "$f31", "memory");
	sig_no = sig;
	sig_count++;
}

static void sigaction(int sig, void (*h)(int, void *, void *))
{
	struct ksigaction sa = { h, h ? SA_SIGINFO : 0, 0 };
	sys6(SYS_rt_sigaction, sig, (long)&sa, 0, 8, 0, 0);
}

/* Each returns the address of its faulting instruction (pcaddi rd, 1 =
 * the next instruction); t0 holds MAGIC_T0 at the fault. */
static unsigned long fault_store(unsigned long addr)
{
	unsigned long pc;
	register unsigned long t0 __asm__("$t0") = MAGIC_T0;
	__asm__ volatile("pcaddi %0, 1\n\tst.w $zero, %1, 0" : "=&r"(pc) : "r"(addr), "r"(t0) : "memory");
	return pc;
}

static unsigned long fault_load(unsigned long addr)
{
	unsigned long pc, v;
	register unsigned long t0 __asm__("$t0") = MAGIC_T0;
	__asm__ volatile("pcaddi %0, 1\n\tld.w %1, %2, 0" : "=&r"(pc), "=&r"(v) : "r"(addr), "r"(t0) : "memory");
	return pc;
}

static unsigned long break_divzero(void)
{
	unsigned long pc;
	register unsigned long t0 __asm__("$t0") = MAGIC_T0;
	__asm__ volatile("pcaddi %0, 1\n\tbreak 7" : "=&r"(pc) : "r"(t0) : "memory");
	return pc;
}

/* After the fault: the handler saw this signal, code, address and PC. */
static int fault_seen(int sig, int code, unsigned long addr, unsigned long pc, int count)
{
	return sig_count == count && sig_no == sig && sig_code == code &&
	       sig_addr == addr && sig_pc == pc && sig_t0 == MAGIC_T0;
}

static void test_signals(void)
{
	sigaction(SIGSEGV, on_fault);
	sigaction(SIGFPE, on_fault);
	sig_count = 0;

	unsigned long pc = fault_store(0x1238);
	check("signal: store to unmapped 0x1238 -> SIGSEGV MAPERR at it", fault_seen(SIGSEGV, SEGV_MAPERR, 0x1238, pc, 1));

	long p = sys6(SYS_mmap, 0, page_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p <= 0) {
		check("signal: mmap", 0);
		return;
	}
	*(volatile int *)(p + 0x10) = 5;        /* the TLB now holds a writable entry */
	sys3(SYS_mprotect, p, page_size, PROT_READ);
	pc = fault_store((unsigned long)p + 0x10);
	check("signal: store after mprotect(PROT_READ) -> SIGSEGV ACCERR", fault_seen(SIGSEGV, SEGV_ACCERR, (unsigned long)p + 0x10, pc, 2));
	check("signal: the refused store left memory alone", *(volatile int *)(p + 0x10) == 5);
	sys3(SYS_munmap, p, page_size, 0);
	pc = fault_load((unsigned long)p + 0x20);
	check("signal: load after munmap -> SIGSEGV MAPERR", fault_seen(SIGSEGV, SEGV_MAPERR, (unsigned long)p + 0x20, pc, 3));

	/* break 7 = BRK_DIVZERO (arch/loongarch/include/uapi/asm/break.h):
	 * do_bp sends SIGFPE FPE_INTDIV with si_addr = the break's PC. */
	pc = break_divzero();
	check("signal: break 7 -> SIGFPE INTDIV at the break", fault_seen(SIGFPE, FPE_INTDIV, pc, pc, 4));

	/* Back to SIG_DFL: a fault from here on kills init and the kernel
	 * panics (panic=-1 reboots), instead of skipping instructions. */
	sigaction(SIGSEGV, 0);
	sigaction(SIGFPE, 0);
}

/* FP registers, a condition flag and FCSR0 survive a signal handler that
 * clobbers them: the kernel saves them in the signal frame and sigreturn
 * restores them (arch/loongarch/kernel/signal.c). */
static void test_fp_signal(void)
{
	sigaction(SIGUSR1, on_usr1);
	sig_count = 0;
	long pid = sys3(SYS_getpid, 0, 0, 0);
	unsigned long f0, f31, fcc, fcsr;
	register long a7 __asm__("$a7") = SYS_kill;
	register long a0 __asm__("$a0") = pid;
	register long a1 __asm__("$a1") = SIGUSR1;
	__asm__ volatile("movgr2fr.d $fa0, %[x]\n\t"
			 "movgr2fr.d $fs7, %[y]\n\t"
			 "movgr2cf $fcc3, %[one]\n\t"
			 "movgr2fcsr $fcsr0, %[rm]\n\t"
			 "syscall 0\n\t"
			 "movfr2gr.d %[f0], $fa0\n\t"
			 "movfr2gr.d %[f31], $fs7\n\t"
			 "movcf2gr %[fcc], $fcc3\n\t"
			 "movfcsr2gr %[fcsr], $fcsr0\n\t"
			 "movgr2fcsr $fcsr0, $zero"
			 : [f0] "=&r"(f0), [f31] "=&r"(f31), [fcc] "=&r"(fcc), [fcsr] "=&r"(fcsr), "+r"(a0)
			 : [x] "r"(0x400921fb54442d18ul), [y] "r"(0xc00bf0a8b145769ul),
			   [one] "r"(1ul), [rm] "r"(0x300ul), "r"(a7), "r"(a1)
			 : "$t0", "$t1", "$t2", "$t3", "$t4", "$t5", "$t6", "$t7", "$t8",
			   "$f0", "$f31", "memory");
	check("signal: SIGUSR1 handler ran once", sig_count == 1 && sig_no == SIGUSR1);
	check("signal: FP registers kept across the handler",
	      f0 == 0x400921fb54442d18ul && f31 == 0xc00bf0a8b145769ul);
	/* FCSR0.RM is bits 9:8: 0x300 = round toward -inf. */
	check("signal: fcc3 and FCSR0 kept across the handler", fcc == 1 && fcsr == 0x300);
}

/* ---- time: the constant timer and nanosleep ---- */

static long mono_ns(void)
{
	long ts[2];
	sys3(SYS_clock_gettime, 1 /* CLOCK_MONOTONIC */, ts, 0);
	return ts[0] * 1000000000l + ts[1];
}

static void test_sleep(void)
{
	long ts[2] = { 0, 20000000 };   /* 20 ms */
	long t0 = mono_ns();
	long rc = sys3(SYS_nanosleep, ts, 0, 0);
	long dt = mono_ns() - t0;
	/* At least the 20 ms asked for; under a second even on a slow host. */
	check("time: nanosleep(20 ms) took 20 ms to 1 s of CLOCK_MONOTONIC", rc == 0 && dt >= 20000000 && dt < 1000000000);
}

/* Run a test in a child process and count its failures here. Signal tests
 * run so because for PID 1 every fault counts as unhandled and the kernel
 * logs it ("do_page_fault(): sending SIGSEGV to init", show_unhandled_signals),
 * interleaved with our lines at a timing-dependent point. */
static void in_child(void (*test)(void))
{
	long pid = sys3(SYS_clone, SIGCHLD, 0, 0);
	if (pid == 0) {
		checks_failed = 0;
		test();
		sys3(SYS_exit_group, checks_failed, 0, 0);
	}
	int status = -1;
	long w = sys6(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
	if (w != pid || (status & 0x7f) != 0)
		check("child process ended normally", 0);
	else
		checks_failed += (status >> 8) & 0xff;
}

/* struct new_utsname: six fields of 65 bytes; release is the third. */
static char uts[6 * 65];

__attribute__((used)) void cmain(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	/* The stack at entry: argc, argv[], NULL, envp[], NULL, auxv pairs. */
	long *p = sp + 1 + argc + 1;
	while (*p)
		p++;
	for (p++; p[0]; p += 2)
		if (p[0] == AT_PAGESZ)
			page_size = (unsigned long)p[1];

	if (argc == 2 && argv[1][0] == 'e') {   /* re-executed by test_exec */
		puts1("init: exec argc 2 argv[1] ");
		puts1(argv[1]);
		puts1("\n");
		sys3(SYS_exit_group, 7, 0, 0);
	}
	long pid = sys3(SYS_getpid, 0, 0, 0);
	long uname_rc = sys3(SYS_uname, uts, 0, 0);
	puts1("init: pid ");
	putdec(pid);
	puts1(" argc ");
	putdec(argc);
	puts1(" release ");
	puts1(uname_rc == 0 ? uts + 2 * 65 : "?");
	puts1(" H50 ");
	puthex(bits(harmonic(50)));
	puts1("\n");
	puts1("init: cpucfg2 ");
	puthex(cpucfg(2));
	puts1("\n");
	/* Not PID 1 (e.g. under qemu-loongarch64-static while developing):
	 * run the user-space checks, leave the machine alone. */
	test_fork();
	test_exec();
	test_mmap();
	in_child(test_signals);
	in_child(test_fp_signal);
	test_sleep();
	if (pid != 1) {
		puts1("init: ");
		putdec(checks_failed);
		puts1(" checks failed\n");
		sys3(SYS_exit_group, 0, 0, 0);
	}
	kvm_probe();

	/* Only the failures: the number of checks differs where KVM is absent. */
	puts1("init: ");
	putdec(checks_failed);
	puts1(" checks failed\n");
	puts1("init: powering off\n");
	/* The console UART is polled (no IRQ in the DT): drain the tty, then
	 * give the 8250 poll timer time to empty its FIFO, or the lines above
	 * are lost when the machine stops. */
	sys3(SYS_ioctl, 1, TCSBRK, 1);
	long ts[2] = { 0, 100000000 };  /* 100 ms */
	sys3(SYS_nanosleep, ts, 0, 0);
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
