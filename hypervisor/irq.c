/*
 * irq.c - design part 7: virtual interrupts.
 *
 *   HWI0-7 (guest ESTAT.IS[9:2]) are levels the hypervisor drives through
 *   GINTC.VIP: bit i pending = guest HWIi pending, read-only to the guest
 *   (Linux kvm/interrupt.c).  A device model calls vm_set_irq_line().
 *   SWI0/1, TI and IPI (IS[0], [1], [11], [12]) are bits of the guest's
 *   ESTAT that the host sets with gcsrxchg (vcpu_raise_estat); the guest
 *   clears them itself (TICLR for TI).
 * Each rising edge counts as one injected interrupt.  An interrupt the
 * guest has enabled (ECFG.LIE) wakes its vCPU from idle; the guest takes
 * it as soon as it runs with CRMD.IE = 1.
 */
#include "parts.h"

void vm_set_irq_line(struct vm *vm, unsigned hwi, bool level)
{
	struct vcpu *v = &vm->vcpu;
	uint8_t bit = (uint8_t)(1u << hwi);
	uint8_t old = v->vip;
	v->vip = level ? old | bit : old & (uint8_t)~bit;
	if (v->vip == old)
		return;
	if (level)
		v->stats.irq_injected++;
	if (hv_loaded_vcpu == v)
		csr_write(CSR_GINTC, v->vip);   /* VIP = bits 7:0; no pass-through */
	if (level && v->state == VCPU_BLOCKED && vcpu_interrupt_pending(v))
		v->state = VCPU_RUNNABLE;
}

void vcpu_raise_estat(struct vcpu *v, unsigned irq)
{
	uint64_t bit = 1ul << irq;
	if (hv_loaded_vcpu == v)
		gcsr_xchg(CSR_ESTAT, bit, bit);
	else
		v->gcsr[G_ESTAT] |= bit;
	v->stats.irq_injected++;
}

/* Pending and enabled (ESTAT.IS & ECFG.LIE), whatever CRMD.IE says: what
 * wakes an idle CPU (Vol.1 4.2.6). */
bool vcpu_interrupt_pending(struct vcpu *v)
{
	uint64_t estat, ecfg;
	if (hv_loaded_vcpu == v) {
		estat = gcsr_read(CSR_ESTAT);   /* IS[9:2] come from GINTC.VIP */
		ecfg = gcsr_read(CSR_ECFG);
	} else {
		estat = v->gcsr[G_ESTAT] | (uint64_t)v->vip << 2;
		if (vtimer_expired_while_away(v))
			estat |= 1ul << INT_TI;
		ecfg = v->gcsr[G_ECFG];
	}
	return (estat & ecfg & ESTAT_IS_MASK) != 0;
}

/* Could an interrupt still wake this idle vCPU?  While it waits it does
 * nothing, so its devices raise nothing new: only its own timer can. */
bool vcpu_can_ever_wake(struct vcpu *v)
{
	if (vcpu_interrupt_pending(v))
		return true;
	uint64_t tcfg = hv_loaded_vcpu == v ? gcsr_read(CSR_TCFG) : v->timer.tcfg;
	uint64_t ecfg = hv_loaded_vcpu == v ? gcsr_read(CSR_ECFG) : v->gcsr[G_ECFG];
	return (tcfg & TCFG_EN) && (ecfg & ECFG_LIE_TI);
}
