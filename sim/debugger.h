/*
 * debugger.h - the interactive debugger (--debug) and its commands, which
 * the gdb stub also serves as `monitor` commands.
 */
#ifndef LVZSIM_DEBUGGER_H
#define LVZSIM_DEBUGGER_H

#include <stdio.h>

struct machine;
struct image;
struct debug;

/* Run the command loop until quit or end of input; returns the exit status
 * for lvzsim (the machine's, if it stopped). */
int debugger_main(struct machine *m, struct image *img);

/* One command for GDB's `monitor`: everything but run control (step,
 * continue, until, load, quit, trace), with breakpoints in d.  Output
 * goes to out. */
void debugger_monitor(struct machine *m, const struct image *img, struct debug *d,
		      const char *line, FILE *out);

#endif
