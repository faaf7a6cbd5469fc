/*
 * ecode.h - the exception codes as data (Vol.1 table "exception encoding",
 * LVZ codes from Linux asm/loongarch.h).  The CPU, the trace and the
 * debugger's `explain` all read this one table.
 */
#ifndef LVZSIM_ECODE_H
#define LVZSIM_ECODE_H

#include <stdbool.h>

struct ecode_info {
	unsigned ecode, esub;
	const char *name;       /* short name: PIL, ADEM, GSPR ... */
	const char *what;       /* one line: what happened */
	const char *todo;       /* what the handler is expected to do */
	bool badv;              /* records BADV */
	bool badi;              /* records BADI */
	bool to_host;           /* in guest mode: always taken by the host (LVZ) */
};

const struct ecode_info *ecode_info(unsigned ecode, unsigned esub);

#endif
