/*
 * loader.h - loading an ELF image the way QEMU 7.2's `-M virt -kernel`
 * does: every PT_LOAD at p_paddr & 0x1fffffff, PC = e_entry.
 */
#ifndef LVZSIM_LOADER_H
#define LVZSIM_LOADER_H

#include <stddef.h>
#include <stdint.h>

struct machine;

struct symbol {
	char *name;
	uint64_t addr, size;
};

struct image {
	uint64_t entry;
	struct symbol *syms;
	size_t nsyms;
};

/* Load path into m's RAM.  On failure returns -1 and writes a one-line
 * reason (without a newline) into err. */
int elf_load(struct machine *m, const char *path, struct image *img, char *err, size_t errlen);
void image_free(struct image *img);
/* More symbols (a guest's own ELF, say) for the debugger; err gets the
 * result either way. */
int image_add_symbols(struct image *img, const char *path, char *err, size_t errlen);
/* Symbol lookup for the debugger: by name, and "name+off" for an address. */
int image_symbol_addr(const struct image *img, const char *name, uint64_t *addr);
const struct symbol *image_symbol_at(const struct image *img, uint64_t addr);

#endif
