/*
 * mmio.c - design part 5: emulating a guest load or store to a device
 * window.  Device pages are never mapped at the second stage, so the
 * access exits with the GPA in BADV and the instruction in BADI; decoding
 * BADI tells the size, the direction and the register (Vol.1 2.2.7).
 * Like Linux kvm/exit.c: kvm_emu_mmio_read/write, only the plain integer
 * forms are emulated: ld.{b,h,w,d,bu,hu,wu}, st.{b,h,w,d}, their indexed
 * ldx/stx forms and ldptr/stptr.  Anything else (atomics, ll/sc, FP loads,
 * page-walk instructions) gets an address error (ADEM) in the guest.
 */
#include "parts.h"

static int64_t sext(uint64_t v, unsigned bits)
{
	return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static void set_shape(struct mem_insn *m, bool store, unsigned size, bool sign)
{
	m->ok = true;
	m->store = store;
	m->size = size;
	m->sign = sign;
}

struct mem_insn decode_mem_insn(uint32_t insn, const uint64_t *gpr)
{
	struct mem_insn m = { 0 };
	unsigned rj = (insn >> 5) & 31, rk = (insn >> 10) & 31;
	uint32_t op22 = insn >> 22, op24 = insn >> 24, op15 = insn >> 15;

	m.rd = insn & 31;
	if (op22 >= 0x0a0 && op22 <= 0x0af) {
		/* 2RI12: ld.b .h .w .d, st.b .h .w .d, ld.bu .hu .wu, preld,
		 * fld.s fst.s fld.d fst.d */
		m.va = gpr[rj] + (uint64_t)sext(insn >> 10, 12);
		m.has_va = true;
		static const uint8_t size[12] = { 1, 2, 4, 8, 1, 2, 4, 8, 1, 2, 4, 0 };
		unsigned k = op22 - 0x0a0;
		if (k < 11)
			set_shape(&m, k >= 4 && k < 8, size[k], k < 4);
	} else if (op15 >= 0x7000 && op15 <= 0x7050 && !(op15 & 7)) {
		/* 3R: ldx.b .h .w .d, stx.b .h .w .d, ldx.bu .hu .wu */
		m.va = gpr[rj] + gpr[rk];
		m.has_va = true;
		unsigned k = (op15 - 0x7000) >> 3;
		set_shape(&m, k >= 4 && k < 8, 1u << (k & 3), k < 4);
	} else if (op24 >= 0x20 && op24 <= 0x27) {
		/* 2RI14 (offset << 2): ll.w sc.w ll.d sc.d ldptr.w stptr.w ldptr.d stptr.d */
		m.va = gpr[rj] + ((uint64_t)sext(insn >> 10, 14) << 2);
		m.has_va = true;
		if (op24 >= 0x24)
			set_shape(&m, op24 & 1, op24 & 2 ? 8 : 4, true);
	} else if (op15 >= 0x70c0 && op15 <= 0x70e3) {
		/* AM*: the address is rj */
		m.va = gpr[rj];
		m.has_va = true;
	}
	return m;
}

enum exit_action mmio_emulate(struct vcpu *v, const struct mmio_device *dev, uint64_t gpa)
{
	struct vm *vm = v->vm;
	struct mem_insn m = decode_mem_insn((uint32_t)v->exit.badi, v->gpr);
	uint64_t off = gpa - dev->gpa;

	if (!m.ok || off + m.size > dev->size) {
		/* Not an access a device register can take. */
		v->stats.s2_bad++;
		inject_exception(v, EC_ADE, ESUB_ADEM, true, m.has_va ? m.va : gpa);
		return EXIT_RESUME;
	}
	v->stats.mmio++;
	uint64_t mask = m.size == 8 ? ~0ul : (1ul << (8 * m.size)) - 1;
	if (m.store) {
		dev->write(vm, off, m.size, v->gpr[m.rd] & mask);
	} else {
		uint64_t val = dev->read(vm, off, m.size) & mask;
		if (m.sign)
			val = (uint64_t)sext(val, 8 * m.size);
		if (m.rd)
			v->gpr[m.rd] = val;
	}
	v->pc += 4;
	return EXIT_RESUME;
}
