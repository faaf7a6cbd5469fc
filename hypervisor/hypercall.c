/*
 * hypercall.c - design part 8: hvcl.  The guest kernel executes
 * `hvcl 0` with a function number in a0 and arguments in a1..a3; it exits
 * with HVC (ESTAT.Ecode 0x17), BADI holding the instruction.  The ABI is
 * hvcall.h (README.md has the table).  The result goes to a0 and the PC
 * moves past the hvcl.  A code other than 0 or an unknown function: INE.
 * (hvcl at guest PLV3 never gets here: it is a guest IPE, privilege first.)
 */
#include "parts.h"
#include "hvcall.h"

static int64_t console_write(struct vm *vm, uint64_t gpa, uint64_t len)
{
	if (len > HC_CONSOLE_MAX || !vm_gpa_in_ram(vm, gpa, len))
		return HC_EFAULT;
	const char *s = pa_to_va(vm->ram.hpa + (gpa - vm->ram.gpa));
	for (uint64_t i = 0; i < len; i++)
		vm_console_putc(vm, s[i]);
	return (int64_t)len;
}

enum exit_action handle_hypercall(struct vcpu *v)
{
	struct vm *vm = v->vm;
	uint32_t code = (uint32_t)v->exit.badi & 0x7fff;
	uint64_t fn = v->gpr[4], a1 = v->gpr[5], a2 = v->gpr[6];
	int64_t ret;

	v->stats.hvc++;
	if (code != HVCL_CODE) {
		inject_exception(v, EC_INE, 0, false, 0);
		return EXIT_RESUME;
	}
	switch (fn) {
	case HC_CONSOLE_WRITE:
		ret = console_write(vm, a1, a2);
		break;
	case HC_EXIT:
		vm_stop(vm, (int)a1, NULL);
		return EXIT_RESCHED;
	case HC_YIELD:
		ret = 0;
		v->need_resched = true;
		break;
	case HC_VM_ID:
		ret = vm->id;
		break;
	default:
		inject_exception(v, EC_INE, 0, false, 0);
		return EXIT_RESUME;
	}
	v->gpr[4] = (uint64_t)ret;
	v->pc += 4;
	return v->need_resched ? EXIT_RESCHED : EXIT_RESUME;
}
