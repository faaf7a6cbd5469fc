/*
 * init_vmm.c - a minimal VMM in /init: boot the guest kernel /guest/vmlinux
 * in a KVM virtual machine and show its console. It is what QEMU's
 * "-M virt -kernel" direct boot does, cut down to the board of
 * lvzsim-kvm-guest.dts:
 *  - RAM: one memory slot, GPA 0-64 MiB; each ELF PT_LOAD segment goes to
 *    p_paddr & 0x1fffffff (QEMU's loader, hw/loongarch/virt.c), PC = the
 *    physical entry, a0 = a1 = a2 = 0, direct-address mode (KVM's vCPU
 *    reset state, arch/loongarch/kvm/vcpu.c kvm_arch_vcpu_create);
 *  - CPUCFG: the host's words, masked the way KVM 6.12 accepts them
 *    (vcpu.c _kvm_get_cpucfg_mask: no LVZ for the guest); CSR.CPUID = 0;
 *  - a polled ns16550a at 0x1fe001e0 (the register model of lvzsim's
 *    devices/uart16550.c, which the 8250 driver is known to work with);
 *    each console line is printed as "guest| LINE";
 *  - the GED sleep register at 0x100e001c: 0x34 ends the VM (power-off);
 *  - IOCSR: the identification words lvzsim reports; IPI writes ignored.
 * Nothing here is specific to lvzsim: on real LA464 hardware it would do
 * the same.
 */
#include "init_lib.h"

#define AT_FDCWD (-100)
#define O_RDONLY 0
#define SEEK_END 2
#define SYS_lseek 62
#define EINTR 4

#define KVM_CREATE_VM              0xae01
#define KVM_GET_VCPU_MMAP_SIZE     0xae04
#define KVM_CREATE_VCPU            0xae41
#define KVM_SET_USER_MEMORY_REGION 0x4020ae46
#define KVM_RUN                    0xae80
#define KVM_SET_REGS               0x4108ae82
#define KVM_SET_ONE_REG            0x4010aeac  /* struct kvm_one_reg, 16 bytes */
#define KVM_EXIT_MMIO 6
#define KVM_EXIT_INTR 10
#define KVM_EXIT_LOONGARCH_IOCSR 38
/* arch/loongarch/include/uapi/asm/kvm.h: LOONGARCH_REG_64(type, reg) */
#define KVM_REG_U64 (0x9000000000000000ul | 0x0030000000000000ul)
#define KVM_IOC_CSRID(n) (KVM_REG_U64 | 0x10000ul | ((unsigned long)(n) << 3))
#define KVM_IOC_CPUCFG(n) (KVM_REG_U64 | 0x40000ul | ((unsigned long)(n) << 3))
#define CSR_CPUID 0x20

/* struct kvm_run: exit_reason at 8; mmio and iocsr_io share the layout
 * phys_addr (u64) at 32, data[8] at 40, len (u32) at 48, is_write at 52. */
#define RUN_EXIT_REASON 8
#define RUN_ADDR 32
#define RUN_DATA 40
#define RUN_LEN 48
#define RUN_WRITE 52

#define GUEST_RAM (64ul << 20)
#define LOAD_MASK 0x1ffffffful
#define UART_BASE 0x1fe001e0ul
#define GED_BASE 0x100e001cul
#define MAX_EXITS 3000000

struct one_reg { unsigned long id, addr; };
struct mem_region { unsigned int slot, flags; unsigned long gpa, size, uaddr; };

/* ---- the 16550 (cf. devices/uart16550.c) ---- */
static struct {
	unsigned char ier, iir, fcr, lcr, mcr, scr, dll, dlm;
	int thr_ipending;
	char line[256];
	unsigned len;
	unsigned long chars;
} u;

static void uart_update(void)
{
	unsigned char iir = 0x01;                       /* no interrupt */
	if ((u.ier & 0x02) && u.thr_ipending)
		iir = 0x02;                             /* THR empty */
	u.iir = iir | (u.fcr & 1 ? 0xc0 : 0);
}

static void console_flush(void)
{
	puts1("guest| ");
	u.line[u.len] = 0;
	puts1(u.line);
	puts1("\n");
	u.len = 0;
}

static void uart_putc(char ch)
{
	u.chars++;
	if (ch == '\r')
		return;
	if (ch == '\n' || u.len == sizeof(u.line) - 1) {
		console_flush();
		if (ch == '\n')
			return;
	}
	u.line[u.len++] = ch;
}

static unsigned long uart_read(unsigned off)
{
	unsigned char v = 0;
	switch (off) {
	case 0: v = (u.lcr & 0x80) ? u.dll : 0; break;  /* RBR: nothing received */
	case 1: v = (u.lcr & 0x80) ? u.dlm : u.ier; break;
	case 2:
		v = u.iir;
		if ((v & 0x0f) == 0x02) {               /* reading IIR acknowledges THRE */
			u.thr_ipending = 0;
			uart_update();
		}
		break;
	case 3: v = u.lcr; break;
	case 4: v = u.mcr; break;
	case 5: v = 0x60; break;                        /* LSR: THRE | TEMT */
	case 6: v = 0xb0; break;                        /* MSR: DCD, DSR, CTS */
	case 7: v = u.scr; break;
	}
	return v;
}

static void uart_write(unsigned off, unsigned long val)
{
	unsigned char v = (unsigned char)val;
	switch (off) {
	case 0:
		if (u.lcr & 0x80) {
			u.dll = v;
			break;
		}
		uart_putc((char)v);
		u.thr_ipending = 1;
		uart_update();
		break;
	case 1:
		if (u.lcr & 0x80) {
			u.dlm = v;
			break;
		}
		if ((v & 0x02) && !(u.ier & 0x02))
			u.thr_ipending = 1;
		u.ier = v & 0x0f;
		uart_update();
		break;
	case 2: u.fcr = v & 0xc9; uart_update(); break;
	case 3: u.lcr = v; break;
	case 4: u.mcr = v & 0x1f; break;
	case 7: u.scr = v; break;
	}
}

/* ---- IOCSR: the words devices/iocsr_misc.c reports ---- */
static unsigned long iocsr_read(unsigned long addr)
{
	switch (addr) {
	case 0x08: return 0x1c;                         /* FEATURES: MSI, EXTIOI, CSRIPI */
	case 0x10: return 0x6e6f73676e6f6f4cul;         /* VENDOR "Loongson" */
	case 0x20: return 0x303030354133ul;             /* CPUNAME "3A5000" */
	default: return 0;
	}
}

static unsigned int host_cpucfg(unsigned int word)
{
	unsigned int r;
	__asm__ volatile("cpucfg %0, %1" : "=r"(r) : "r"(word));
	return r;
}

/* What KVM 6.12 lets a guest have (_kvm_get_cpucfg_mask); CPUCFG2 keeps
 * FP, FPSP, FPDP, FPVERS, LLFTP, LLFTPREV, LSPW, LAM (no LSX here, no LVZ). */
static unsigned long guest_cpucfg(unsigned n)
{
	unsigned long v = host_cpucfg(n);
	switch (n) {
	case 0: case 4: case 5: return v;
	case 1: return v & ((1ul << 26) - 1);
	case 2: return v & 0x0063c03ful;
	case 3: case 16: return v & ((1ul << 17) - 1);
	case 17: case 18: case 19: case 20: return v & ((1ul << 31) - 1);
	default: return 0;                              /* 6 (no PMU) and the rest */
	}
}

static int set_one_reg(long vcpu, unsigned long id, unsigned long val)
{
	struct one_reg r = { id, (unsigned long)&val };
	return sys3(SYS_ioctl, vcpu, KVM_SET_ONE_REG, &r) == 0;
}

/* Load the PT_LOAD segments of an ELF64 LoongArch image; returns the
 * physical entry, or 0. */
static unsigned long load_elf(const unsigned char *img, unsigned long size, unsigned char *ram)
{
	if (size < 64 || img[0] != 0x7f || img[1] != 'E' || img[2] != 'L' || img[3] != 'F' ||
	    img[4] != 2 || *(const unsigned short *)(img + 18) != 258)
		return 0;
	unsigned long entry = *(const unsigned long *)(img + 24);
	unsigned long phoff = *(const unsigned long *)(img + 32);
	unsigned phentsize = *(const unsigned short *)(img + 54);
	unsigned phnum = *(const unsigned short *)(img + 56);
	for (unsigned i = 0; i < phnum; i++) {
		const unsigned char *ph = img + phoff + (unsigned long)i * phentsize;
		if (phoff + (unsigned long)(i + 1) * phentsize > size)
			return 0;
		if (*(const unsigned int *)ph != 1)     /* PT_LOAD */
			continue;
		unsigned long off = *(const unsigned long *)(ph + 8);
		unsigned long pa = *(const unsigned long *)(ph + 24) & LOAD_MASK;
		unsigned long filesz = *(const unsigned long *)(ph + 32);
		unsigned long memsz = *(const unsigned long *)(ph + 40);
		if (off + filesz > size || filesz > memsz || pa + memsz > GUEST_RAM)
			return 0;
		memcpy(ram + pa, img + off, filesz);    /* the rest of memsz is already 0 */
	}
	return entry & LOAD_MASK;
}

void kvm_run_linux_guest(long kvm)
{
	long fd = sys6(SYS_openat, AT_FDCWD, (long)"/guest/vmlinux", O_RDONLY, 0, 0, 0);
	if (fd < 0) {
		puts1("init: kvm no /guest/vmlinux\n");
		return;
	}
	long size = sys3(SYS_lseek, fd, 0, SEEK_END);
	long img = sys6(SYS_mmap, 0, size, 1 /* PROT_READ */, 0x02 /* MAP_PRIVATE */, fd, 0);
	long ram = sys6(SYS_mmap, 0, GUEST_RAM, 3, 0x22 /* MAP_PRIVATE | MAP_ANONYMOUS */, -1, 0);
	if (size <= 0 || img < 0 || ram < 0) {
		check("kvm: guest image and RAM", 0);
		return;
	}
	unsigned long entry = load_elf((const unsigned char *)img, (unsigned long)size, (unsigned char *)ram);
	check("kvm: /guest/vmlinux loaded", entry != 0);
	long vm = sys3(SYS_ioctl, kvm, KVM_CREATE_VM, 0);
	struct mem_region slot = { 0, 0, 0, GUEST_RAM, (unsigned long)ram };
	long vcpu = -1;
	if (vm >= 0 && sys3(SYS_ioctl, vm, KVM_SET_USER_MEMORY_REGION, &slot) == 0)
		vcpu = sys3(SYS_ioctl, vm, KVM_CREATE_VCPU, 0);
	long run_size = sys3(SYS_ioctl, kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	char *run = vcpu < 0 ? 0 : (char *)sys6(SYS_mmap, 0, run_size, 3, 0x01 /* MAP_SHARED */, vcpu, 0);
	if (!entry || vcpu < 0 || (long)run < 0) {
		check("kvm: guest VM and vCPU", 0);
		return;
	}
	int cfg_ok = 1;
	for (unsigned n = 0; n <= 20; n++)
		cfg_ok &= set_one_reg(vcpu, KVM_IOC_CPUCFG(n), guest_cpucfg(n));
	cfg_ok &= set_one_reg(vcpu, KVM_IOC_CSRID(CSR_CPUID), 0);
	check("kvm: guest CPUCFG and CPUID accepted", cfg_ok);
	static unsigned long regs[33];                  /* gpr[32] = 0, pc */
	regs[32] = entry;
	check("kvm: guest PC set", sys3(SYS_ioctl, vcpu, KVM_SET_REGS, regs) == 0);

	uart_update();
	long exits = 0, mmio = 0, iocsr = 0, other = 0, rc = 0;
	int off = 0;
	unsigned reason = 0;
	while (!off && exits < MAX_EXITS) {
		rc = sys3(SYS_ioctl, vcpu, KVM_RUN, 0);
		if (rc == -EINTR)
			continue;
		if (rc < 0)
			break;
		exits++;
		reason = *(unsigned *)(run + RUN_EXIT_REASON);
		unsigned long addr = *(unsigned long *)(run + RUN_ADDR);
		unsigned len = *(unsigned *)(run + RUN_LEN);
		int write = *(unsigned char *)(run + RUN_WRITE);
		unsigned long data = 0;
		if (reason == KVM_EXIT_MMIO) {
			mmio++;
			if (write)
				memcpy(&data, run + RUN_DATA, len <= 8 ? len : 8);
			if (addr >= UART_BASE && addr < UART_BASE + 8) {
				if (write)
					uart_write((unsigned)(addr - UART_BASE), data);
				else
					data = uart_read((unsigned)(addr - UART_BASE));
			} else if (addr == GED_BASE && write && (data & 0xff) == 0x34) {
				off = 1;
			} else {
				other++;
			}
			if (!write)
				memcpy(run + RUN_DATA, &data, len <= 8 ? len : 8);
		} else if (reason == KVM_EXIT_LOONGARCH_IOCSR) {
			iocsr++;
			if (!write) {
				data = iocsr_read(addr);
				memcpy(run + RUN_DATA, &data, len <= 8 ? len : 8);
			}
		} else if (reason != KVM_EXIT_INTR) {
			break;
		}
	}
	if (u.len)
		console_flush();
	puts1("init: kvm guest ended: ");
	puts1(off ? "powered off" : rc < 0 ? "KVM_RUN failed" : exits >= MAX_EXITS ? "exit budget used up" : "unexpected exit");
	puts1(" after ");
	putdec(exits);
	puts1(" exits (");
	putdec(mmio);
	puts1(" MMIO, ");
	putdec(iocsr);
	puts1(" IOCSR, ");
	putdec(other);
	puts1(" to other addresses), ");
	putdec((long)u.chars);
	puts1(" console bytes; last KVM_RUN rc ");
	putdec(rc);
	puts1(", exit reason ");
	putdec(reason);
	puts1("\n");
	check("kvm: Linux guest powered itself off through the GED", off);
}
