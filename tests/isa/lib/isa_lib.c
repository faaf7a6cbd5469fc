/*
 * isa_lib.c - the helpers of isa.h: operand sets, result hashing, capture
 * of expected exceptions, and PLV3 execution.
 */
#include "isa.h"

const unsigned long isa_vals[] = {
	0, 1, 2, 0xffffffffffffffff, 0xfffffffffffffffe,
	0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
	0xffffffff80000000, 0x7fffffffffffffff, 0x8000000000000000,
	0x0123456789abcdef, 0xfedcba9876543210, 0x00000000ffff0000,
	0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x000000000000ff80,
};
const unsigned isa_nvals = ARRAY_SIZE(isa_vals);

const unsigned long isa_small[] = { 0, 1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 0xffffffffffffffff };
const unsigned isa_nsmall = ARRAY_SIZE(isa_small);

/* FNV-1a over the 8 bytes of v. */
unsigned long isa_mix(unsigned long h, unsigned long v)
{
	for (int i = 0; i < 8; i++) {
		h ^= (v >> (8 * i)) & 0xff;
		h *= 0x100000001b3ul;
	}
	return h;
}

void isa_report(const char *name, unsigned long h)
{
	printf("%-14s %016lx\n", name, h);
}

void isa_run_ops(const struct isa_op *t, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		unsigned long h = ISA_HASH0;
		unsigned nb = t[i].nimm ? t[i].nimm : isa_nvals;
		for (unsigned x = 0; x < isa_nvals; x++)
			for (unsigned y = 0; y < nb; y++) {
				unsigned long a = isa_vals[x], b = t[i].nimm ? y : isa_vals[y];
				unsigned long r = t[i].fn(a, b);
				isa_note(t[i].name, a, b, r);
				h = isa_mix(h, r);
			}
		isa_report(t[i].name, h);
	}
}

/* ---- expected exceptions ---- */
volatile struct isa_trap isa_trap;
static volatile int armed;
static volatile unsigned long resume_at;
volatile unsigned long isa_resume_label;

void isa_expect(unsigned long resume)
{
	isa_trap.taken = 0;
	resume_at = resume;
	armed = 1;
}

int isa_ecode(void)
{
	armed = 0;
	return isa_trap.taken ? (int)ESTAT_ECODE(isa_trap.estat) : -1;
}

/* ---- user mode: isa_run_user saves the PLV0 context here; the exit
 * syscall's handler puts it back into the trap frame, so the ertn that
 * ends the trap lands at isa_user_return at PLV0 with it restored. ---- */
struct user_ctx {
	unsigned long ra, sp, fp, s[9], crmd;
};
struct user_ctx isa_user_ctx;
extern char isa_user_return[];
unsigned long (*isa_syscall_handler)(struct trap_frame *f);

__asm__(
	"	.text\n"
	"	.globl	isa_run_plv\n"
	"isa_run_plv:\n"
	"	la.pcrel	$t0, isa_user_ctx\n"
	"	st.d	$ra, $t0, 0\n"
	"	st.d	$sp, $t0, 8\n"
	"	st.d	$fp, $t0, 16\n"
	"	.irp	n, 0,1,2,3,4,5,6,7,8\n"
	"	st.d	$s\\n, $t0, 24 + 8 * \\n\n"
	"	.endr\n"
	"	csrrd	$t1, 0x0\n"           /* CRMD */
	"	st.d	$t1, $t0, 96\n"
	"	andi	$t1, $a3, 3\n"        /* PRMD.PPLV = plv */
	"	beqz	$a2, 1f\n"
	"	ori	$t1, $t1, 4\n"         /* PRMD.PIE */
	"1:	csrwr	$t1, 0x1\n"
	"	move	$t2, $a0\n"
	"	csrwr	$t2, 0x6\n"            /* ERA = fn */
	"	move	$a0, $a1\n"
	"	la.pcrel	$ra, isa_user_exit\n"
	"	la.pcrel	$sp, isa_user_stack_top\n"
	"	ertn\n"
	"	.globl	isa_user_return\n"
	"isa_user_return:\n"
	"	jr	$ra\n"
	"isa_user_exit:\n"
	"	ori	$a7, $zero, 0x7ff\n"
	"	syscall	0\n"
	"	b	isa_user_exit\n"
	"	.bss\n"
	"	.balign	16\n"
	"isa_user_stack:\n"
	"	.space	16384\n"
	"isa_user_stack_top:\n"
	"	.text\n");

unsigned long isa_run_user(unsigned long (*fn)(unsigned long), unsigned long arg, int pie)
{
	return isa_run_plv(fn, arg, pie, 3);
}

unsigned long isa_user_syscall(unsigned long nr, unsigned long arg)
{
	register unsigned long a0 __asm__("$a0") = arg;
	register unsigned long a7 __asm__("$a7") = nr;
	__asm__ volatile("syscall 0" : "+r"(a0) : "r"(a7) : "memory");
	return a0;
}

int isa_trap_hook(struct trap_frame *f)
{
	unsigned ec = ESTAT_ECODE(f->estat);
	if (ec == EC_SYS && (f->prmd & PRMD_PPLV_MASK) != 0 && f->gpr[11] == ISA_SYS_EXIT) {
		struct user_ctx *u = &isa_user_ctx;
		f->gpr[1] = u->ra;
		f->gpr[3] = u->sp;
		f->gpr[22] = u->fp;
		for (int i = 0; i < 9; i++)
			f->gpr[23 + i] = u->s[i];
		f->era = (unsigned long)isa_user_return;
		f->prmd = (u->crmd & CRMD_IE) ? PRMD_PIE : 0;   /* PPLV = 0 */
		return 1;
	}
	if (armed && ec != EC_INT) {
		armed = 0;
		isa_trap.estat = f->estat;
		isa_trap.era = f->era;
		isa_trap.badv = f->badv;
		isa_trap.badi = f->badi;
		isa_trap.prmd = f->prmd;
		isa_trap.crmd = csr_read(CSR_CRMD);
		for (int i = 0; i < 32; i++)
			isa_trap.gpr[i] = f->gpr[i];
		isa_trap.taken = 1;
		if (resume_at == 0)
			f->era += 4;
		else if (resume_at == ISA_RESUME_RA)
			f->era = f->gpr[1];
		else if (resume_at == ISA_RESUME_LABEL)
			f->era = isa_resume_label;
		else
			f->era = resume_at;
		return 1;
	}
	if (ec == EC_SYS && (f->prmd & PRMD_PPLV_MASK) != 0) {
		f->gpr[4] = isa_syscall_handler ? isa_syscall_handler(f) : f->gpr[4] + f->gpr[11];
		f->era += 4;
		return 1;
	}
	return 0;
}

void isa_init(void)
{
	rt_trap_hook = isa_trap_hook;
}

/* ---- paging with an identity window ---- */
static unsigned long saved_dmw0;

unsigned long isa_pg_identity(void)
{
	saved_dmw0 = csr_read(CSR_DMW(0));
	csr_write(CSR_DMW(0), DMW_VSEG(0) | DMW_MAT(1) | DMW_PLV0 | DMW_PLV3);
	unsigned long crmd = csr_read(CSR_CRMD);
	csr_write(CSR_CRMD, (crmd & ~CRMD_DA) | CRMD_PG);
	return crmd;
}

void isa_pg_restore(unsigned long crmd)
{
	csr_write(CSR_CRMD, crmd);
	csr_write(CSR_DMW(0), saved_dmw0);
}

void isa_hold_ipi_line(int on)
{
	if (on) {
		iocsr_write32(0x1004, iocsr_read32(0x1004) | 0x80000000u);  /* IPI EN */
		iocsr_write32(0x1008, 0x80000000u);                         /* IPI SET */
	} else {
		iocsr_write32(0x100c, 0x80000000u);                         /* IPI CLEAR */
		iocsr_write32(0x1004, iocsr_read32(0x1004) & ~0x80000000u);
	}
}

long isa_tlb_search(unsigned long va)
{
	csr_write(CSR_TLBEHI, va & ~0x1ffful);
	tlbsrch();
	unsigned long idx = csr_read(CSR_TLBIDX);
	return (idx & TLBIDX_NE) ? -1 : (long)(idx & 0xfff);
}
