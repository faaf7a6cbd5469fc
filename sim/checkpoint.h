/*
 * checkpoint.h - save/restore the whole machine (debugger `save`/`load`,
 * --save-at / --restore).
 */
#ifndef LVZSIM_CHECKPOINT_H
#define LVZSIM_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

struct machine;

int checkpoint_save(struct machine *m, const char *path, char *err, size_t errlen);
/* The RAM size a checkpoint needs (to build the machine before loading). */
int checkpoint_ram_size(const char *path, uint64_t *ram_size, char *err, size_t errlen);
int checkpoint_load(struct machine *m, const char *path, char *err, size_t errlen);

#endif
