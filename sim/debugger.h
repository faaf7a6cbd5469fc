/*
 * debugger.h - the interactive debugger (--debug).
 */
#ifndef LVZSIM_DEBUGGER_H
#define LVZSIM_DEBUGGER_H

struct machine;
struct image;

/* Run the command loop until quit or end of input; returns the exit status
 * for lvzsim (the machine's, if it stopped). */
int debugger_main(struct machine *m, const struct image *img);

#endif
