/*
 * user - guest user mode.  The guest kernel maps a user page (code and
 * its string) and a user stack with PLV3 TLB entries, drops to PLV3 with
 * ertn and serves the user program's syscalls in its own exception
 * handler.  All of it - PLV changes, syscall, the kernel's handler, the
 * faults below - happens inside the VM; the only exit the user program
 * causes is its cpucfg (cpucfg exits at any PLV).  Privilege comes first:
 * csrrd, hvcl and idle at PLV3 are the guest's own IPE, not exits, and a
 * PLV0 page is the guest's own PPI.
 *
 * Exits for check-hypervisor: cpucfg = 2 (the user's, and the kernel's
 * own for comparison), no other GSPR.
 */
#include "guest.h"

#define SYS_WRITE   1
#define SYS_CPUCFG2 2
#define SYS_TIME    3
#define SYS_EXIT    4

#define USER_CODE   0x10000000ul    /* the .text.user page, then user_msg's page */
#define USER_STACK  0x20000000ul    /* one page */
#define KERNEL_PAGE 0x30000000ul    /* a PLV0 page: the user must not read it */
#define KERNEL_DMW  (0x9000000000000000ul | 0x11)

/* The user program: one page, position independent. */
__asm__(
	"	.section .text.user, \"ax\"\n"
	"	.balign	4096\n"
	"	.globl	user_start\n"
	"user_start:\n"
	"	li.w	$a0, 0x10001000\n"      /* user_msg: the data page after the code */
	"	li.w	$a1, 28\n"
	"	li.w	$a7, 1\n"               /* SYS_WRITE */
	"	syscall	0\n"
	"	li.w	$t0, 2\n"
	"	cpucfg	$a0, $t0\n"             /* exits to the hypervisor */
	"	li.w	$a7, 2\n"               /* SYS_CPUCFG2 */
	"	syscall	0\n"
	"	csrrd	$a0, 0\n"               /* IPE */
	"	hvcl	0\n"                    /* IPE */
	"	idle	0\n"                    /* IPE */
	"	li.w	$t0, 0x30000000\n"
	"	ld.d	$a0, $t0, 0\n"          /* PPI */
	"	rdtime.d	$a0, $a1\n"
	"	li.w	$a7, 3\n"               /* SYS_TIME */
	"	syscall	0\n"
	"	li.w	$a0, 42\n"
	"	li.w	$a7, 4\n"               /* SYS_EXIT */
	"	syscall	0\n"
	"1:	b	1b\n"
	"	.text\n");
extern char user_start[];
/* Its data: one page, mapped right after the code page. */
static const char user_msg[4096] __attribute__((aligned(4096))) = "hello from user mode (PLV3)\n";

/* enter_user(entry, user sp): to PLV3; returns the SYS_EXIT code. */
struct kernel_context { uint64_t ra, sp, tp, u0, fp, s[9]; } kctx;
long enter_user(uint64_t entry, uint64_t usp);
__asm__(
	"	.text\n"
	"	.globl	enter_user\n"
	"enter_user:\n"
	"	la.pcrel	$t0, kctx\n"
	"	st.d	$ra, $t0, 0\n"
	"	st.d	$sp, $t0, 8\n"
	"	st.d	$tp, $t0, 16\n"
	"	st.d	$r21, $t0, 24\n"
	"	st.d	$fp, $t0, 32\n"
	"	.irp	n, 23, 24, 25, 26, 27, 28, 29, 30, 31\n"
	"	st.d	$r\\n, $t0, (\\n - 23) * 8 + 40\n"
	"	.endr\n"
	"	li.w	$t0, 3\n"               /* PRMD: PPLV = 3, PIE = 0 */
	"	csrwr	$t0, 0x1\n"
	"	csrwr	$a0, 0x6\n"             /* ERA = user entry */
	"	move	$sp, $a1\n"
	"	ertn\n");

static char user_text[64];
static unsigned long user_cpucfg2, user_time;
static unsigned ipe_count, ppi_count;
static uint32_t ipe_badi[3];
static unsigned long ppi_badv;

static int on_trap(struct trap_frame *f)
{
	if ((f->prmd & PRMD_PPLV_MASK) != 3)
		return 0;       /* not from user mode */
	switch (ESTAT_ECODE(f->estat)) {
	case EC_SYS:
		f->era += 4;
		switch (f->gpr[11]) {   /* a7 */
		case SYS_WRITE: {
			/* The kernel reads user memory through the user's mapping. */
			unsigned long n = f->gpr[5] < sizeof(user_text) - 1 ? f->gpr[5] : sizeof(user_text) - 1;
			memcpy(user_text, (const void *)f->gpr[4], n);
			user_text[n] = 0;
			printf("%s", user_text);
			break;
		}
		case SYS_CPUCFG2: user_cpucfg2 = f->gpr[4]; break;
		case SYS_TIME: user_time = f->gpr[4]; break;
		case SYS_EXIT:
			/* Back to the kernel: return from enter_user() with a0. */
			f->gpr[1] = kctx.ra;
			f->gpr[3] = kctx.sp;
			f->gpr[2] = kctx.tp;
			f->gpr[21] = kctx.u0;
			f->gpr[22] = kctx.fp;
			for (unsigned i = 0; i < 9; i++)
				f->gpr[23 + i] = kctx.s[i];
			f->era = kctx.ra;
			f->prmd = 0;
			break;
		}
		return 1;
	case EC_IPE:
		if (ipe_count < 3)
			ipe_badi[ipe_count] = (uint32_t)f->badi;
		ipe_count++;
		f->era += 4;
		return 1;
	case EC_PPI:
		ppi_count++;
		ppi_badv = f->badv;
		f->era += 4;
		return 1;
	}
	return 0;
}

static void tlb_pair(unsigned index, uint64_t va, uint64_t lo0, uint64_t lo1)
{
	csr_write(CSR_TLBEHI, va);
	csr_write(CSR_TLBELO0, lo0);
	csr_write(CSR_TLBELO1, lo1);
	csr_write(CSR_TLBIDX, index | TLBIDX_PS(12));
	tlbwr();
}

int main(void)
{
	static uint8_t stack[4096] __attribute__((aligned(4096)));
	static uint64_t kernel_page[512] __attribute__((aligned(4096))) = { 0x6b65726e656cul };
	uint64_t user = TLBELO_V | TLBELO_MAT(1) | TLBELO_PLV(3);

	csr_write(CSR_STLBPS, 12);
	csr_write(CSR_ASID, 0);
	csr_write(CSR_DMW(1), KERNEL_DMW);
	invtlb(0, 0, 0);
	/* MTLB entries 2048+: code and its data (read/execute), the stack
	 * (read/write), and a PLV0 page (an invalid odd half where unused). */
	tlb_pair(2048, USER_CODE, gpa_of(user_start) | user, gpa_of(user_msg) | user);
	tlb_pair(2049, USER_STACK, gpa_of(stack) | user | TLBELO_D, 0);
	tlb_pair(2050, KERNEL_PAGE, gpa_of(kernel_page) | TLBELO_V | TLBELO_MAT(1), 0);
	csr_write(CSR_CRMD, (csr_read(CSR_CRMD) & ~CRMD_DA) | CRMD_PG);
	rt_trap_hook = on_trap;

	long code = enter_user(USER_CODE, USER_STACK + 4096);

	rt_trap_hook = 0;
	CHECK_EQ(code, 42);
	CHECK_EQ(strcmp(user_text, "hello from user mode (PLV3)\n"), 0);
	CHECK_EQ(user_cpucfg2 & (1u << 10), 0);         /* the VM's model, at PLV3 too */
	CHECK_EQ(user_cpucfg2, cpucfg(2) & 0xffffffff); /* (this one exits from PLV0) */
	CHECK_EQ(ipe_count, 3);
	CHECK_EQ(ipe_badi[0], 0x04000004);              /* csrrd $a0, 0 */
	CHECK_EQ(ipe_badi[1], 0x002b8000);              /* hvcl 0 */
	CHECK_EQ(ipe_badi[2], 0x06488000);              /* idle 0 */
	CHECK_EQ(ppi_count, 1);
	CHECK_EQ(ppi_badv, KERNEL_PAGE);
	CHECK(user_time != 0);
	rt_done();
}
