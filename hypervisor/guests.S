/*
 * guests.S - the guest images, linked into the hypervisor ELF (lvzsim
 * loads one ELF).  Each guest is a separately linked program (guests/),
 * converted to a flat binary that vm_create() copies to GPA VM_IMAGE_GPA.
 * The build passes -I<directory of the .bin files>.
 */
	.macro	guest name
	.section .rodata.guests, "a"
	.balign	16
	.globl	guest_\name\()_start
guest_\name\()_start:
	.incbin	"\name\().bin"
	.globl	guest_\name\()_end
guest_\name\()_end:
	.endm

#define G(name) guest name;
	GUEST_LIST
