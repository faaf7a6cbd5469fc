/*
 * iocsr.c - the IOCSR space (Vol.1 4.2.2 IOCSRRD/IOCSRWR; Loongson 3A5000
 * user manual, "Chip Configuration Register" and "Inter-processor
 * Interrupts and Communication"; QEMU 7.2 virt's layout): the read-only
 * identification registers FEATURES (0x8), VENDOR (0x10, "Loongson"),
 * CPUNAME (0x20, "3A5000"), MISC_FUNC (0x420, EXT_IOI_EN); the IPI block
 * of core 0 at 0x1000: STATUS, EN, SET, CLEAR, the mailboxes, IPI_SEND,
 * MAIL_SEND, ANY_SEND, and the IPI line into ESTAT.IS[12].
 *
 * Values by hand from those manuals (the strings as little-endian bytes),
 * compared with QEMU 7.2 as well.
 *
 * QEMU 7.2 departures (lvzsim-only, nothing printed):
 *   - VERSION (0x0) reads 0 on QEMU; the 3A5000 manual gives 0x11;
 *   - a 32-bit read of the high half of a 64-bit register (VENDOR + 4)
 *     reads 0 on QEMU (its region decodes only the 8-byte-aligned offset);
 *   - QEMU re-evaluates the IPI line only on SET and CLEAR writes (and
 *     lowers it on CLEAR only when STATUS becomes 0 with EN != 0); the line
 *     is STATUS & EN, so enabling an already-set bit raises it at once.
 */
#include "isa.h"

#define IPI_STATUS 0x1000
#define IPI_EN     0x1004
#define IPI_SET    0x1008
#define IPI_CLEAR  0x100c
#define IPI_BUF0   0x1020
#define IPI_SEND   0x1040
#define MAIL_SEND  0x1048
#define ANY_SEND   0x1158

static volatile unsigned hits;
static int irq_hook(struct trap_frame *f)
{
	if (ESTAT_ECODE(f->estat) != EC_INT)
		return isa_trap_hook(f);
	hits++;
	iocsr_write32(IPI_CLEAR, iocsr_read32(IPI_STATUS));    /* acknowledge */
	return 1;
}

static void check_ident(void)
{
	CHECK_EQ(iocsr_read64(0x8), 0x1c);                  /* MSI | EXTIOI | IPI per core (bits 2-4) */
	CHECK_EQ(iocsr_read64(0x10), 0x6e6f73676e6f6f4cul); /* "Loongson" */
	CHECK_EQ(iocsr_read64(0x20), 0x0000303030354133ul); /* "3A5000" */
	CHECK_EQ(iocsr_read64(0x420), 1ul << 48);           /* EXT_IOI_EN */
	CHECK_EQ_LVZSIM(iocsr_read32(0x14), 0x6e6f7367);    /* high word: QEMU reads 0 (see header) */
	CHECK_EQ(iocsr_read32(0x20), 0x30354133);
	/* read-only: writes are ignored */
	iocsr_write64(0x10, 0);
	iocsr_write64(0x420, 0);
	CHECK_EQ(iocsr_read64(0x10), 0x6e6f73676e6f6f4cul);
	CHECK_EQ(iocsr_read64(0x420), 1ul << 48);
	char name[9];
	unsigned long v = iocsr_read64(0x10);
	for (int i = 0; i < 8; i++)
		name[i] = (char)(v >> (8 * i));
	name[8] = 0;
	printf("features %lx vendor %s cpuname %lx misc_func %lx\n", iocsr_read64(0x8), name,
	       iocsr_read64(0x20), iocsr_read64(0x420));
	CHECK_EQ_LVZSIM(iocsr_read64(0x0), 0x11);           /* VERSION */
	/* nothing there: reads 0, writes ignored */
	iocsr_write64(0x5000, ~0ul);
	CHECK_EQ(iocsr_read64(0x5000), 0);
}

static void check_ipi_regs(void)
{
	iocsr_write32(IPI_EN, 0);
	iocsr_write32(IPI_CLEAR, ~0u);
	CHECK_EQ(iocsr_read32(IPI_STATUS), 0);
	iocsr_write32(IPI_EN, 0x80000003);
	CHECK_EQ(iocsr_read32(IPI_EN), 0x80000003);
	iocsr_write32(IPI_SET, 0x30);
	CHECK_EQ(iocsr_read32(IPI_STATUS), 0x30);
	iocsr_write32(IPI_SET, 0x01);
	CHECK_EQ(iocsr_read32(IPI_STATUS), 0x31);           /* SET ors */
	iocsr_write32(IPI_CLEAR, 0x21);
	CHECK_EQ(iocsr_read32(IPI_STATUS), 0x10);           /* CLEAR clears those bits */
	iocsr_write32(IPI_STATUS, 0xff);                    /* read-only */
	CHECK_EQ(iocsr_read32(IPI_STATUS), 0x10);
	iocsr_write32(IPI_CLEAR, ~0u);
	/* mailboxes: 4 x 64 bits at 0x1020..0x1038 */
	iocsr_write64(IPI_BUF0, 0x1111222233334444ul);
	iocsr_write32(IPI_BUF0 + 0x18, 0xdeadbeef);
	CHECK_EQ(iocsr_read64(IPI_BUF0), 0x1111222233334444ul);
	CHECK_EQ(iocsr_read32(IPI_BUF0 + 4), 0x11112222);
	CHECK_EQ(iocsr_read32(IPI_BUF0 + 0x18), 0xdeadbeef);
	/* IPI_SEND: vector val[4:0] to cpu val[25:16] -> STATUS bit */
	iocsr_write32(IPI_SEND, 0u << 16 | 5);
	CHECK_EQ(iocsr_read32(IPI_STATUS), 1u << 5);
	iocsr_write32(IPI_CLEAR, ~0u);
	/* MAIL_SEND: data val[63:32] into mailbox word val[4:2] of cpu
	 * val[25:16]; val[30:27] set = keep that byte */
	iocsr_write64(IPI_BUF0 + 8, 0);
	iocsr_write64(MAIL_SEND, 0xaabbccddul << 32 | 1u << 28 | 0u << 16 | 0x8);
	CHECK_EQ(iocsr_read32(IPI_BUF0 + 8), 0xaabb00dd);   /* byte 1 kept (0) */
	/* ANY_SEND: val[15:0] is the IOCSR address */
	iocsr_write64(ANY_SEND, 0x12345678ul << 32 | 0u << 16 | (IPI_BUF0 + 0x10));
	CHECK_EQ(iocsr_read32(IPI_BUF0 + 0x10), 0x12345678);
	printf("ipi regs ok: buf %lx %x %x\n", iocsr_read64(IPI_BUF0), iocsr_read32(IPI_BUF0 + 8),
	       iocsr_read32(IPI_BUF0 + 0x10));
}

/* The IPI line: STATUS & EN != 0 sets ESTAT.IS[12]; with ECFG.LIE[12] and
 * CRMD.IE the interrupt is taken. */
static void check_ipi_irq(void)
{
	rt_trap_hook = irq_hook;
	hits = 0;
	iocsr_write32(IPI_CLEAR, ~0u);
	iocsr_write32(IPI_EN, 1u << 7);
	csr_write(CSR_ECFG, 1ul << INT_IPI);
	csr_xchg(CSR_CRMD, CRMD_IE, CRMD_IE);
	iocsr_write32(IPI_SEND, 7);
	for (unsigned long i = 0; i < 1000000 && !hits; i++)
		barrier();
	CHECK_EQ(hits, 1);
	CHECK_EQ(iocsr_read32(IPI_STATUS), 0);
	CHECK_EQ(csr_read(CSR_ESTAT) & (1ul << INT_IPI), 0);
	/* a vector that EN does not enable: pending in STATUS, no interrupt */
	iocsr_write32(IPI_SEND, 3);
	for (unsigned long i = 0; i < 100000; i++)
		barrier();
	CHECK_EQ(hits, 1);
	CHECK_EQ(iocsr_read32(IPI_STATUS), 1u << 3);
	printf("ipi irq: %u interrupt, masked vector pending %x\n", hits, iocsr_read32(IPI_STATUS));
	if (isa_on_lvzsim()) {
		/* enabling it raises the line at once */
		iocsr_write32(IPI_EN, 1u << 3 | 1u << 7);
		for (unsigned long i = 0; i < 1000 && hits < 2; i++)
			barrier();
		CHECK_EQ(hits, 2);
	}
	csr_xchg(CSR_CRMD, 0, CRMD_IE);
	csr_write(CSR_ECFG, 0);
	iocsr_write32(IPI_EN, 0);
	iocsr_write32(IPI_CLEAR, ~0u);
	rt_trap_hook = isa_trap_hook;
}

int main(void)
{
	isa_init();
	check_ident();
	check_ipi_regs();
	check_ipi_irq();
	return 0;
}
