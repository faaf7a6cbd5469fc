/*
 * sensitive - the instructions a guest cannot execute itself.  Each one
 * exits (GSPR) and the hypervisor does it on the VM's behalf (gspr.c); the
 * guest checks the results against the VM's documented machine
 * (cpumodel.c, viocsr.c, README.md).
 *
 * Exits it causes, for check-hypervisor (each line below is one
 * instruction, executed once):
 *   cpucfg  24   words 0..20 (21), 0x40000000, 0x40000004, 21
 *   idle     1   one idle, woken by the guest's own timer
 *   iocsr   10   see iocsr_checks()
 *   csr      9   see csr_checks(): IMPCTL1 x5, GSTAT x3, MERRCTL x1
 *   cacop    2   the two cache-initialising cacops (op[4:3] = 0); the
 *                others run natively under GCFG.GCI = 2 and do not exit
 */
#include "guest.h"

/* ---- cpucfg: 24 exits ---- */
static void cpucfg_checks(void)
{
	uint32_t w[21];
	for (unsigned i = 0; i <= 20; i++)
		w[i] = (uint32_t)cpucfg(i);
	/* CPUCFG1 (Vol.1 2.2.10.5): ARCH = 2 (LA64), PGMMU, IOCSR, PALEN-1 = 47,
	 * VALEN-1 = 47; MSG_INT (bit 26) is never given to a guest. */
	CHECK_EQ(w[1] & 3, 2);
	CHECK(w[1] & (1u << 2));
	CHECK(w[1] & (1u << 3));
	CHECK_EQ((w[1] >> 4) & 0xff, 47);
	CHECK_EQ((w[1] >> 12) & 0xff, 47);
	CHECK_EQ(w[1] >> 26, 0);
	/* CPUCFG2: no LVZ and no LVZ version (the VM cannot nest), no FP, LSX,
	 * LASX, LBT, PTW; LLFTP (Linux KVM requires it). */
	CHECK_EQ(w[2] & (1u << 10), 0);
	CHECK_EQ((w[2] >> 11) & 7, 0);
	CHECK_EQ(w[2] & 0xff, 0);
	CHECK_EQ(w[2] & (7u << 18), 0);
	CHECK_EQ(w[2] & (1u << 24), 0);
	CHECK(w[2] & (1u << 14));
	/* CPUCFG4: the constant timer runs at 100 MHz on this board. */
	CHECK_EQ(w[4], 100000000);
	/* CPUCFG6: no PMU; 7-15 do not exist. */
	CHECK_EQ(w[6], 0);
	for (unsigned i = 7; i <= 15; i++)
		CHECK_EQ(w[i], 0);
	CHECK_EQ(cpucfg(0x40000000), 0x485a564c);      /* "LVZH" */
	CHECK_EQ(cpucfg(0x40000004), 0);               /* no paravirtual features */
	CHECK_EQ(cpucfg(21), 0);
}

/* ---- idle: 1 exit ---- */
static volatile unsigned timer_irqs;

static int on_timer(struct trap_frame *f)
{
	if (ESTAT_ECODE(f->estat) != EC_INT || !(f->estat & (1u << INT_TI)))
		return 0;
	csr_write(CSR_TICLR, 1);
	timer_irqs++;
	return 1;
}

static void idle_check(void)
{
	rt_trap_hook = on_timer;
	irq_disable();
	csr_write(CSR_ECFG, 1u << INT_TI);
	csr_write(CSR_TCFG, 5000 | TCFG_EN);    /* one-shot, 50 us */
	unsigned long t0 = rdtime();
	cpu_idle();                             /* interrupts off: wakes when TI is pending */
	unsigned long t1 = rdtime();
	CHECK_EQ(timer_irqs, 0);
	CHECK(t1 - t0 >= 5000);                 /* it did wait for the timer */
	irq_enable();                           /* now the interrupt is taken */
	irq_disable();
	CHECK_EQ(timer_irqs, 1);
	csr_write(CSR_TCFG, 0);
	csr_write(CSR_ECFG, 0);
	rt_trap_hook = 0;
}

/* ---- IOCSR: 10 exits ---- */
static void iocsr_checks(void)
{
	/* VENDOR (0x10) reads "Loongson"; narrower reads give its bytes. */
	CHECK_EQ(iocsr_read64(0x10), 0x6e6f73676e6f6f4cul);
	CHECK_EQ(iocsr_read8(0x10), 'L');
	CHECK_EQ(iocsr_read16(0x12), 0x6e6f);          /* "on" */
	CHECK_EQ(iocsr_read32(0x14), 0x6e6f7367);      /* "gson" */
	/* FEATURES: the VM has no IPI, EXTIOI or CSR-IPI. */
	CHECK_EQ(iocsr_read64(0x08), 0);
	/* CPUNAME: "vm-<id>", the same id HC_VM_ID gives. */
	long id = hv_vm_id();
	char name[8] = { 'v', 'm', '-' };
	unsigned n = 3;
	if (id >= 10)
		name[n++] = (char)('0' + id / 10);
	name[n] = (char)('0' + id % 10);
	uint64_t want;
	memcpy(&want, name, 8);
	CHECK_EQ(iocsr_read64(0x20), want);
	/* Writes are ignored: FEATURES still reads 0, the board's IPI send
	 * register is not reached, and nothing lives at the board's MISC_FUNC. */
	iocsr_write64(0x08, ~0ul);
	CHECK_EQ(iocsr_read64(0x08), 0);
	iocsr_write32(0x1040, 0x80000000u);
	CHECK_EQ(iocsr_read64(0x420), 0);
}

/* ---- CSRs outside the guest bank: 9 exits ---- */
static void csr_checks(void)
{
	/* IMPCTL1 (0x80): the hypervisor keeps a value for this vCPU. */
	CHECK_EQ(csr_read(0x80), 0);
	CHECK_EQ(csr_write(0x80, 0x1234), 0);          /* csrwr returns the old value */
	CHECK_EQ(csr_read(0x80), 0x1234);
	/* csrxchg: new = old & ~mask | value & mask = 0x1030 | 0x0f00 */
	CHECK_EQ(csr_xchg(0x80, 0xff00, 0x0f0f), 0x1234);
	CHECK_EQ(csr_read(0x80), 0x1f30);
	/* GSTAT (0x50) is the host's: the VM reads 0 and cannot change it. */
	CHECK_EQ(csr_read(0x50), 0);
	csr_write(0x50, ~0ul);
	CHECK_EQ(csr_read(0x50), 0);
	/* MERRCTL (0x90): a soft CSR, 0 until written. */
	CHECK_EQ(csr_read(0x90), 0);
	/* A CSR of the guest bank does not exit. */
	csr_write(CSR_SAVE(3), 0x5a5a);
	CHECK_EQ(csr_read(CSR_SAVE(3)), 0x5a5a);
}

/* ---- cacop: 2 exits ---- */
static void cacop_checks(void)
{
	static volatile uint64_t line;
	uint64_t p = (uint64_t)&line;
	__asm__ volatile("cacop 0x0, %0, 0" : : "r"(p) : "memory");    /* I-cache: init  -> exit */
	__asm__ volatile("cacop 0x1, %0, 0" : : "r"(p) : "memory");    /* D-cache: init  -> exit */
	__asm__ volatile("cacop 0x9, %0, 0" : : "r"(p) : "memory");    /* index writeback: native */
	__asm__ volatile("cacop 0x11, %0, 0" : : "r"(p) : "memory");   /* hit writeback: native */
}

int main(void)
{
	cpucfg_checks();
	idle_check();
	iocsr_checks();
	csr_checks();
	cacop_checks();
	rt_done();
}
