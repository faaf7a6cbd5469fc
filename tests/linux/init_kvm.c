/*
 * init_kvm.c - /init's KVM probe: if the kernel's KVM found LVZ (it then
 * registers /dev/kvm; arch/loongarch/kvm/main.c kvm_loongarch_init), create
 * a VM with one vCPU and run a five-instruction guest through three MMIO
 * exits, the way a VMM's run loop would (Documentation/virt/kvm/api.rst);
 * then boot the guest kernel in a second VM (init_vmm.c).
 *
 * Ioctl numbers are _IO/_IOR/_IOW(KVMIO = 0xAE, nr, size) from
 * include/uapi/linux/kvm.h: dir (1 = write, 2 = read) << 30 | size << 16 |
 * 0xAE << 8 | nr. struct kvm_regs (arch/loongarch/include/uapi/asm/kvm.h) is
 * gpr[32] + pc = 264 bytes.
 *
 * Lines printed start "init: kvm" and are not compared with QEMU 7.2, which
 * has no LVZ: there the kernel says "Hardware virtualization not available"
 * and this prints "init: kvm /dev/kvm absent".
 */
#include "init_lib.h"

#define AT_FDCWD (-100)
#define O_RDWR 2
#define O_CLOEXEC 0x80000
#define PROT_RW 3
#define MAP_SHARED_ANON (0x01 | 0x20)

#define KVM_GET_API_VERSION        0xae00
#define KVM_CREATE_VM              0xae01
#define KVM_GET_VCPU_MMAP_SIZE     0xae04
#define KVM_CREATE_VCPU            0xae41
#define KVM_SET_USER_MEMORY_REGION 0x4020ae46  /* struct of 32 bytes */
#define KVM_RUN                    0xae80
#define KVM_SET_REGS               0x4108ae82
#define KVM_API_VERSION 12
#define KVM_EXIT_MMIO 6

struct kvm_userspace_memory_region {
	unsigned int slot, flags;
	unsigned long guest_phys_addr, memory_size, userspace_addr;
};
struct kvm_regs {
	unsigned long gpr[32], pc;
};
/* struct kvm_run: exit_reason at 8, the exit union at 32; for MMIO:
 * phys_addr (u64), data[8], len (u32), is_write (u8). */
#define RUN_EXIT_REASON 8
#define RUN_MMIO_ADDR 32
#define RUN_MMIO_DATA 40
#define RUN_MMIO_LEN 48
#define RUN_MMIO_WRITE 52

/*
 * The guest, at GPA 0. The vCPU starts in direct-address mode
 * (kvm_arch_vcpu_create: guest CRMD = DA), so its addresses are GPAs. The
 * memory slot is GPA 0-64 KiB; 0x10000000 is outside it, so accesses there
 * exit to us as MMIO.
 */
/* Global and hidden, so that clang addresses them PC-relatively. With
 * plain local labels clang-19 reaches them through the GOT, and its
 * assembler writes those GOT relocations against the section symbol plus
 * the label's offset (R_LARCH_GOT_PC_LO12 .rodata + 0x20): both labels share
 * one GOT slot and the second load reads 0x20 bytes past it. */
extern const unsigned int kvm_guest[] __attribute__((visibility("hidden")));
extern const unsigned int kvm_guest_end[] __attribute__((visibility("hidden")));
__asm__(".section .rodata\n"
	".balign 4\n"
	".globl kvm_guest, kvm_guest_end\n"
	".hidden kvm_guest, kvm_guest_end\n"
	"kvm_guest:\n"
	"	lu12i.w	$t0, 0x10000\n"         /* t0 = 0x10000000 */
	"	ori	$t1, $zero, 0x2a\n"
	"	st.w	$t1, $t0, 0\n"          /* exit 1: write 0x2a */
	"	ld.w	$t2, $t0, 4\n"          /* exit 2: read; we answer 0x1234 */
	"	addi.w	$t2, $t2, 1\n"
	"	st.d	$t2, $zero, 0x100\n"    /* guest RAM: GPA 0x100 = 0x1235 */
	"	st.w	$t2, $t0, 8\n"          /* exit 3: write 0x1235 */
	"	b	0\n"
	"kvm_guest_end:\n"
	".previous\n");

#define GUEST_MEM (64ul << 10)
#define MMIO_READ_ANSWER 0x1234

static void say(const char *what, long v)
{
	puts1("init: kvm ");
	puts1(what);
	puthex((unsigned long)v);
	puts1("\n");
}

void kvm_probe(void)
{
	sys6(SYS_mount, (long)"devtmpfs", (long)"/dev", (long)"devtmpfs", 0, 0, 0);
	long kvm = sys6(SYS_openat, AT_FDCWD, (long)"/dev/kvm", O_RDWR | O_CLOEXEC, 0, 0, 0);
	if (kvm < 0) {
		puts1("init: kvm /dev/kvm absent\n");
		return;
	}
	long api = sys3(SYS_ioctl, kvm, KVM_GET_API_VERSION, 0);
	check("kvm: KVM_GET_API_VERSION is 12", api == KVM_API_VERSION);
	long vm = sys3(SYS_ioctl, kvm, KVM_CREATE_VM, 0);
	if (vm < 0) {
		say("KVM_CREATE_VM failed: ", vm);
		check("kvm: KVM_CREATE_VM", 0);
		return;
	}
	long mem = sys6(SYS_mmap, 0, GUEST_MEM, PROT_RW, MAP_SHARED_ANON, -1, 0);
	if (mem < 0) {
		check("kvm: guest memory", 0);
		return;
	}
	memcpy((void *)mem, kvm_guest, (unsigned long)((const char *)kvm_guest_end - (const char *)kvm_guest));
	struct kvm_userspace_memory_region slot = { 0, 0, 0, GUEST_MEM, (unsigned long)mem };
	long rc = sys3(SYS_ioctl, vm, KVM_SET_USER_MEMORY_REGION, &slot);
	check("kvm: memory slot at GPA 0", rc == 0);
	long vcpu = sys3(SYS_ioctl, vm, KVM_CREATE_VCPU, 0);
	long run_size = sys3(SYS_ioctl, kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (vcpu < 0 || run_size <= 0) {
		say("KVM_CREATE_VCPU failed: ", vcpu);
		check("kvm: KVM_CREATE_VCPU", 0);
		return;
	}
	char *run = (char *)sys6(SYS_mmap, 0, run_size, PROT_RW, 0x01 /* MAP_SHARED */, vcpu, 0);
	if ((long)run < 0) {
		check("kvm: mmap of kvm_run", 0);
		return;
	}
	static struct kvm_regs regs;    /* all zero: pc = GPA 0 */
	rc = sys3(SYS_ioctl, vcpu, KVM_SET_REGS, &regs);
	check("kvm: KVM_SET_REGS", rc == 0);

	/* Expected exits, from the guest program above. */
	static const struct { unsigned long addr, data; unsigned len, write; } want[3] = {
		{ 0x10000000, 0x2a, 4, 1 },
		{ 0x10000004, 0, 4, 0 },
		{ 0x10000008, MMIO_READ_ANSWER + 1, 4, 1 },
	};
	int good = 1;
	for (int i = 0; i < 3; i++) {
		rc = sys3(SYS_ioctl, vcpu, KVM_RUN, 0);
		unsigned reason = *(unsigned *)(run + RUN_EXIT_REASON);
		unsigned long addr = *(unsigned long *)(run + RUN_MMIO_ADDR);
		unsigned len = *(unsigned *)(run + RUN_MMIO_LEN);
		unsigned write = *(unsigned char *)(run + RUN_MMIO_WRITE);
		unsigned long data = 0;
		memcpy(&data, run + RUN_MMIO_DATA, len <= 8 ? len : 8);
		puts1("init: kvm run ");
		putdec(i + 1);
		puts1(": rc ");
		putdec(rc);
		puts1(" exit ");
		putdec(reason);
		puts1(write ? " mmio write " : " mmio read ");
		putdec(len);
		puts1(" bytes at ");
		puthex(addr);
		if (write) {
			puts1(" data ");
			puthex(data);
		}
		puts1("\n");
		if (rc != 0 || reason != KVM_EXIT_MMIO || addr != want[i].addr || len != want[i].len ||
		    write != want[i].write || (write && data != want[i].data)) {
			good = 0;
			break;
		}
		if (!write) {   /* answer the read; KVM completes it on the next KVM_RUN */
			unsigned int answer = MMIO_READ_ANSWER;
			memcpy(run + RUN_MMIO_DATA, &answer, 4);
		}
	}
	check("kvm: guest ran to its three MMIO exits", good);
	check("kvm: guest store to its RAM seen by the VMM",
	      good && *(volatile unsigned long *)(mem + 0x100) == MMIO_READ_ANSWER + 1);
	if (good)
		kvm_run_linux_guest(kvm);
}
