/*
 * loader.c - ELF loading with libelf (see loader.h).
 */
#include "sim/loader.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mmu/dcache.h"
#include "sim/machine.h"

#ifndef EM_LOONGARCH
#define EM_LOONGARCH 258
#endif

/* QEMU 7.2 hw/loongarch/virt.c: cpu_loongarch_virt_to_phys(). */
#define LOAD_ADDR_MASK 0x1fffffffull

/* Append e's function and object symbols to img->syms. */
static void load_symbols(Elf *e, struct image *img)
{
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
			continue;
		Elf_Data *data = elf_getdata(scn, NULL);
		if (!data)
			continue;
		size_t n = sh.sh_size / sh.sh_entsize;
		struct symbol *syms = realloc(img->syms, (img->nsyms + n + 1) * sizeof(*img->syms));
		if (!syms)
			return;
		img->syms = syms;
		for (size_t i = 0; i < n; i++) {
			GElf_Sym s;
			if (!gelf_getsym(data, (int)i, &s))
				continue;
			int type = GELF_ST_TYPE(s.st_info);
			if (s.st_shndx == SHN_UNDEF || (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE))
				continue;
			const char *name = elf_strptr(e, sh.sh_link, s.st_name);
			if (!name || !*name || name[0] == '.' || name[0] == '$')
				continue;
			img->syms[img->nsyms].name = strdup(name);
			img->syms[img->nsyms].addr = s.st_value;
			img->syms[img->nsyms].size = s.st_size;
			img->nsyms++;
		}
		return;
	}
}

int elf_load(struct machine *m, const char *path, struct image *img, char *err, size_t errlen)
{
	int rc = -1;
	memset(img, 0, sizeof(*img));
	if (elf_version(EV_CURRENT) == EV_NONE) {
		snprintf(err, errlen, "libelf initialisation failed");
		return -1;
	}
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	Elf *e = elf_begin(fd, ELF_C_READ, NULL);
	GElf_Ehdr eh;
	size_t nph = 0;
	if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh)) {
		snprintf(err, errlen, "'%s' is not an ELF file", path);
		goto out;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh.e_machine != EM_LOONGARCH) {
		snprintf(err, errlen, "'%s' is not a little-endian 64-bit LoongArch ELF (e_machine %u)",
			 path, eh.e_machine);
		goto out;
	}
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
		snprintf(err, errlen, "'%s' is not an executable ELF (e_type %u)", path, eh.e_type);
		goto out;
	}
	if (elf_getphdrnum(e, &nph) != 0 || nph == 0) {
		snprintf(err, errlen, "'%s' has no program headers", path);
		goto out;
	}
	unsigned loaded = 0;
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(e, (int)i, &ph)) {
			snprintf(err, errlen, "'%s': bad program header %zu", path, i);
			goto out;
		}
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		uint64_t pa = ph.p_paddr & LOAD_ADDR_MASK;
		struct ram_region *r = bus_find_ram(&m->bus, pa, ph.p_memsz);
		if (!r || ph.p_filesz > ph.p_memsz) {
			snprintf(err, errlen,
				 "'%s': segment %zu (physical 0x%llx, %llu bytes) is outside RAM (0x0-0x%llx%s)",
				 path, i, (unsigned long long)pa, (unsigned long long)ph.p_memsz,
				 (unsigned long long)(m->ram_size < LOWRAM_SIZE ? m->ram_size : LOWRAM_SIZE),
				 m->ram_size > LOWRAM_SIZE ? " and 0x90000000-" : "");
			goto out;
		}
		uint8_t *dst = r->host + (pa - r->base);
		if (ph.p_filesz) {
			if (pread(fd, dst, ph.p_filesz, (off_t)ph.p_offset) != (ssize_t)ph.p_filesz) {
				snprintf(err, errlen, "'%s': segment %zu is truncated", path, i);
				goto out;
			}
		}
		memset(dst + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
		ram_mark_written(r, pa, ph.p_memsz);
		dcache_invalidate(&m->bus, pa, ph.p_memsz);
		loaded++;
	}
	if (!loaded) {
		snprintf(err, errlen, "'%s' has no loadable segment", path);
		goto out;
	}
	img->entry = eh.e_entry;
	load_symbols(e, img);
	rc = 0;
out:
	if (e)
		elf_end(e);
	close(fd);
	return rc;
}

int image_add_symbols(struct image *img, const char *path, char *err, size_t errlen)
{
	if (elf_version(EV_CURRENT) == EV_NONE) {
		snprintf(err, errlen, "libelf initialisation failed");
		return -1;
	}
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	Elf *e = elf_begin(fd, ELF_C_READ, NULL);
	int rc = -1;
	if (!e || elf_kind(e) != ELF_K_ELF) {
		snprintf(err, errlen, "'%s' is not an ELF file", path);
	} else {
		size_t before = img->nsyms;
		load_symbols(e, img);
		snprintf(err, errlen, "%zu symbols from '%s'", img->nsyms - before, path);
		rc = 0;
	}
	if (e)
		elf_end(e);
	close(fd);
	return rc;
}

void image_free(struct image *img)
{
	for (size_t i = 0; i < img->nsyms; i++)
		free(img->syms[i].name);
	free(img->syms);
	img->syms = NULL;
	img->nsyms = 0;
}

int image_symbol_addr(const struct image *img, const char *name, uint64_t *addr)
{
	for (size_t i = 0; i < img->nsyms; i++)
		if (!strcmp(img->syms[i].name, name)) {
			*addr = img->syms[i].addr;
			return 0;
		}
	return -1;
}

const struct symbol *image_symbol_at(const struct image *img, uint64_t addr)
{
	const struct symbol *best = NULL;
	for (size_t i = 0; i < img->nsyms; i++) {
		const struct symbol *s = &img->syms[i];
		if (s->addr <= addr && (!best || s->addr > best->addr) &&
		    (s->size == 0 || addr < s->addr + s->size))
			best = s;
	}
	return best;
}
