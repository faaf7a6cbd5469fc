/*
 * inject.c - interrupts the host gives a guest (docs/lvz.md "Interrupts
 * and time"; lvz-facts.md 3, 7; K interrupt.c kvm_irq_deliver/clear):
 *   1. GINTC.VIP bit i asserts guest ESTAT.IS[2 + i] (HWI i): with the
 *      guest's ECFG.LIE bit and CRMD.IE set, the guest takes an INT in
 *      its own handler (guest ERA = the interrupted PC), no exit; the
 *      guest cannot clear the bit (IS[9:2] are read-only), only the host
 *      can, by clearing VIP; gcsrrd ESTAT shows it meanwhile;
 *   2. SWI0/SWI1/TI/IPI (bits 0, 1, 11, 12) are set and cleared by the
 *      host with gcsrxchg, mask = the bit, and taken by the guest likewise;
 *   3. with guest IE = 0 nothing is taken, but the guest sees the line.
 */
#include "lvz.h"

static volatile unsigned long g_ran, h_is_after_clear, g_estat_seen;

static void g_mark(void) { g_ran++; }
static void g_peek(void) { g_estat_seen = csr_read(CSR_ESTAT); }

/* The guest's handler: try to clear the line itself (bits 2..12 other than
 * the guest-writable SWI0/1 cannot be), then ask the host with hvcl 0x11. */
static int g_int_hook(struct trap_frame *f)
{
	if (ESTAT_ECODE(f->estat) != EC_INT)
		return 0;
	unsigned long is = f->estat & 0x1ffc;
	if (is) {
		csr_xchg(CSR_ESTAT, 0, is);
		h_is_after_clear = csr_read(CSR_ESTAT) & is;
	} else {
		/* SWI: the guest may clear it itself */
		csr_xchg(CSR_ESTAT, 0, 3);
		h_is_after_clear = csr_read(CSR_ESTAT) & 3;
	}
	hvcl(0x11);
	return 1;
}

/* Enter g_mark with the interrupt of ESTAT bit `bit` pending; expect the
 * guest to take it before g_mark's first instruction. */
static void take_one(struct vcpu *v, unsigned bit, int via_vip)
{
	g_ran = 0;
	g_last.count = 0;
	h_is_after_clear = ~0ul;
	gcsr_write(CSR_ECFG, 1ul << bit);
	gcsr_write(CSR_CRMD, 0xa8 | CRMD_IE);
	if (via_vip)
		csr_write(CSR_GINTC, 1ul << (bit - 2));
	else
		gcsr_xchg(CSR_ESTAT, 1ul << bit, 1ul << bit);
	CHECK_EQ((gcsr_read(CSR_ESTAT) >> bit) & 1, 1);
	vcpu_init(v, 1, g_mark, 0, 0, 0);
	CHECK_EQ(vm_run(v), EC_HVC);                    /* the handler's hvcl 0x11 */
	CHECK_EQ(v->badi, INSN_HVCL(0x11));
	CHECK_EQ(g_last.count, 1);
	CHECK_EQ(ESTAT_ECODE(g_last.estat), EC_INT);
	CHECK_EQ((g_last.estat >> bit) & 1, 1);
	CHECK_EQ(g_last.era, (unsigned long)g_mark);
	CHECK_EQ(g_ran, 0);
	if (bit >= 2)
		CHECK_EQ(h_is_after_clear, 1ul << bit);    /* the guest could not clear it */
	else
		CHECK_EQ(h_is_after_clear, 0);             /* SWI: it could */
	/* the host clears the line: VIP, or gcsrxchg with mask = the bit */
	if (via_vip)
		csr_write(CSR_GINTC, 0);
	else
		gcsr_xchg(CSR_ESTAT, 0, 1ul << bit);
	CHECK_EQ((gcsr_read(CSR_ESTAT) >> bit) & 1, 0);
	v->pc += 4;
	CHECK(vm_call(v));
	CHECK_EQ(g_ran, 1);
	CHECK_EQ(g_last.count, 1);                      /* taken once */
}

int main(void)
{
	lvz_init();
	s2_identity(1);
	g_trap_hook = g_int_hook;
	struct vcpu v;

	/* ---- 1: every VIP bit ---- */
	for (unsigned i = 0; i < 8; i++)
		take_one(&v, INT_HWI(i), 1);
	/* VIP composes with the stored bits: VIP 0x81 -> IS bits 2 and 9 */
	csr_write(CSR_GINTC, 0x81);
	CHECK_EQ(gcsr_read(CSR_ESTAT) & 0x1fff, (1ul << 2) | (1ul << 9));
	/* PIP and HC are stored fields, not pending lines */
	csr_write(CSR_GINTC, 0xffff00);
	CHECK_EQ(gcsr_read(CSR_ESTAT) & 0x1fff, 0);
	csr_write(CSR_GINTC, 0);

	/* ---- 2: SWI0, SWI1, TI, IPI ---- */
	take_one(&v, INT_SWI0, 0);
	take_one(&v, INT_SWI1, 0);
	take_one(&v, INT_TI, 0);
	take_one(&v, INT_IPI, 0);

	/* ---- 3: guest IE = 0 ---- */
	gcsr_write(CSR_CRMD, 0xa8);
	gcsr_write(CSR_ECFG, 0x1fff);
	csr_write(CSR_GINTC, 1ul << 4);                 /* HWI4 = IS bit 6 */
	gcsr_xchg(CSR_ESTAT, 1ul << INT_IPI, 1ul << INT_IPI);
	g_last.count = 0;
	vcpu_init(&v, 1, g_peek, 0, 0, 0);
	CHECK(vm_call(&v));
	CHECK_EQ(g_last.count, 0);
	CHECK_EQ(g_estat_seen & 0x1fff, (1ul << 6) | (1ul << INT_IPI));
	csr_write(CSR_GINTC, 0);
	gcsr_xchg(CSR_ESTAT, 0, 1ul << INT_IPI);
	gcsr_write(CSR_ECFG, 0);
	rt_done();
}
