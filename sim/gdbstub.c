/* gdbstub.c - placeholder while the GDB stub is being written. */
#include "sim/gdbstub.h"

#include <stdio.h>

#include "sim/machine.h"

int gdbstub_main(struct machine *m, const struct image *img, int port)
{
	(void)m; (void)img; (void)port;
	fprintf(stderr, "lvzsim: --gdb is not available in this build yet\n");
	return EXIT_SIMERROR;
}
