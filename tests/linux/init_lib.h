/*
 * init_lib.h - the little runtime of the check-linux /init: raw Linux
 * syscalls, printing to fd 1 and a check counter. No libc.
 *
 * Syscall ABI (arch/loongarch/include/asm/syscall.h, the generic table
 * include/uapi/asm-generic/unistd.h): number in a7, arguments in a0-a5,
 * result in a0 (-errno on failure); `syscall 0` clobbers t0-t8.
 */
#ifndef INIT_LIB_H
#define INIT_LIB_H

#define SYS_ioctl         29
#define SYS_mount         40
#define SYS_openat        56
#define SYS_close         57
#define SYS_pipe2         59
#define SYS_read          63
#define SYS_write         64
#define SYS_exit_group    94
#define SYS_nanosleep     101
#define SYS_clock_gettime 113
#define SYS_kill          129
#define SYS_rt_sigaction  134
#define SYS_reboot        142
#define SYS_uname         160
#define SYS_getpid        172
#define SYS_munmap        215
#define SYS_clone         220
#define SYS_execve        221
#define SYS_mmap          222
#define SYS_mprotect      226
#define SYS_wait4         260

static inline long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long a7 __asm__("$a7") = n;
	register long a0 __asm__("$a0") = a;
	register long a1 __asm__("$a1") = b;
	register long a2 __asm__("$a2") = c;
	register long a3 __asm__("$a3") = d;
	register long a4 __asm__("$a4") = e;
	register long a5 __asm__("$a5") = f;
	__asm__ volatile("syscall 0"
			 : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
			 : "$t0", "$t1", "$t2", "$t3", "$t4", "$t5", "$t6",
			   "$t7", "$t8", "memory");
	return a0;
}
#define sys3(n, a, b, c) sys6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)

void puts1(const char *s);
void puthex(unsigned long v);
void putdec(long v);
/* Prints "init: NAME ok" or "init: NAME FAIL" and counts the failures. */
void check(const char *name, int ok);
extern int checks_failed;

void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);

/* Tests that run only where KVM works (init_kvm.c, init_vmm.c). */
void kvm_probe(void);
void kvm_run_linux_guest(long kvm_fd);

#endif
