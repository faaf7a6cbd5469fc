/*
 * isolation - a guest that tries to reach memory that is not its own: the
 * hypervisor's code, free host RAM, the stage-2 page tables, another VM's
 * RAM (the host addresses of all of them are in layout.h, which an
 * attacker would know), and addresses just outside its own RAM.  It tries
 * each one directly (a GPA in direct-address mode), through a TLB entry of
 * its own, through a DMW window of its own and with its page walker.
 *
 * Every attempt must end in an address error (ADEM: the hypervisor finds
 * the GPA outside every region and injects it), at the address the
 * instruction used, with the load's destination register untouched.  The
 * hypervisor checks, after each of these faults, that nothing outside this
 * VM changed (checksums: hypervisor/isolation.c).  The LVZ instructions
 * that could reach other VMs do not exist for it: gcsrwr and the
 * GID-selecting invtlb ops are INE in guest mode.
 *
 * Exits for check-hypervisor: bad = exc-inj = 2 * N_DIRECT (a load and a
 * store each) + 2 (TLB) + 2 (DMW) + 1 (lddir) = 25.
 */
#include "guest.h"

#define SENTINEL 0x5e5e5e5e5e5e5e5eul
#define VA_ALIAS 0x50000000ul                       /* its own TLB entry to host memory */
#define DMW_ALIAS 0xa000000000000000ul              /* its own DMW2, VSEG 0xa */

struct target { const char *what; unsigned long gpa; };
static struct target targets[] = {
	{ "the hypervisor's code", HV_IMAGE_PA },
	{ "the hypervisor's code + 64 KiB", HV_IMAGE_PA + 0x10000 },
	{ "free host RAM", HV_CANARY_PA },
	{ "the stage-2 page tables", HV_PT_PA },
	{ "VM 0's RAM", HV_VM_RAM_PA },
	{ "VM 0's RAM + 64 KiB", HV_VM_RAM_PA + 0x10000 },
	{ "its own RAM by its host address", 0 },       /* filled in: depends on its id */
	{ "just past its RAM", VM_RAM_GPA + VM_RAM_SIZE },
	{ "the top of the 48-bit space", 0xfffffffff000ul },
	{ "its image address with bit 47 set", (1ul << 47) | VM_IMAGE_GPA },
};
#define N_DIRECT (sizeof(targets) / sizeof(targets[0]))

static unsigned faults, wrong;

static void expect_adem(const char *what, unsigned long va, int ok_trap)
{
	int ec = rt_trap_result();
	if (ec == EC_ADE && ESTAT_ESUB(rt_last_trap.estat) == 1 && (!ok_trap || rt_last_trap.badv == va)) {
		faults++;
		return;
	}
	wrong++;
	printf("FAIL: %s (0x%lx): ecode %d esub %lu badv 0x%lx\n", what, va, ec,
	       (unsigned long)ESTAT_ESUB(rt_last_trap.estat), rt_last_trap.badv);
}

static void try_load_store(const char *what, unsigned long va)
{
	unsigned long v = SENTINEL;
	rt_expect_trap();
	__asm__ volatile("ld.d %0, %1, 0" : "+r"(v) : "r"(va) : "memory");
	expect_adem(what, va, 1);
	CHECK_EQ(v, SENTINEL);              /* the load wrote nothing */
	rt_expect_trap();
	__asm__ volatile("st.d %0, %1, 0" : : "r"(0xbadbadbadul), "r"(va) : "memory");
	expect_adem(what, va, 1);
}

int main(void)
{
	long id = hv_vm_id();
	targets[6].gpa = HV_VM_RAM_PA + (unsigned long)id * VM_RAM_SIZE;

	/* 1. Directly, in direct-address mode: VA = GPA. */
	for (unsigned i = 0; i < N_DIRECT; i++)
		try_load_store(targets[i].what, targets[i].gpa);

	/* 2. Through its own mappings, paging on (the kernel in DMW1). */
	csr_write(CSR_DMW(1), 0x9000000000000011ul);
	csr_write(CSR_DMW(2), DMW_ALIAS | 0x11);
	csr_write(CSR_STLBPS, 12);
	csr_write(CSR_TLBEHI, VA_ALIAS);
	csr_write(CSR_TLBELO0, HV_IMAGE_PA | TLBELO_V | TLBELO_D | TLBELO_MAT(1));
	csr_write(CSR_TLBELO1, (HV_IMAGE_PA + 0x1000) | TLBELO_V | TLBELO_D | TLBELO_MAT(1));
	csr_write(CSR_TLBIDX, 2048 | TLBIDX_PS(12));
	tlbwr();
	csr_write(CSR_CRMD, (csr_read(CSR_CRMD) & ~CRMD_DA) | CRMD_PG);
	try_load_store("the hypervisor's code through its TLB", VA_ALIAS);
	try_load_store("VM 0's RAM through its DMW", DMW_ALIAS | HV_VM_RAM_PA);

	/* 3. Its page walker, pointed at the stage-2 tables: the table read
	 * is a GPA access like any other (no VA: BADV not compared). */
	unsigned long v = SENTINEL;
	rt_expect_trap();
	__asm__ volatile("lddir %0, %1, 1" : "+r"(v) : "r"(HV_PT_PA) : "memory");
	expect_adem("lddir on the stage-2 tables", 0, 0);
	CHECK_EQ(v, SENTINEL);

	/* 4. No LVZ in the VM: these are INE, not exits. */
	rt_expect_trap();
	__asm__ volatile("gcsrwr %0, 0x5" : "+r"(v) : : "memory");
	CHECK_EQ(rt_trap_result(), EC_INE);
	rt_expect_trap();
	__asm__ volatile("invtlb 0x15, %0, $zero" : : "r"(0x20000ul) : "memory");
	CHECK_EQ(rt_trap_result(), EC_INE);

	printf("%u attempts to leave its memory, %u faulted as they must\n", faults + wrong, faults);
	CHECK_EQ(faults, 2 * N_DIRECT + 5);
	CHECK_EQ(wrong, 0);
	rt_done();
}
