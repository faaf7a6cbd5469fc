/*
 * gdbstub.h - GDB remote serial protocol server (--gdb PORT), on loopback.
 */
#ifndef LVZSIM_GDBSTUB_H
#define LVZSIM_GDBSTUB_H

struct machine;
struct image;

/* Listen on 127.0.0.1:port (0: a free port, which is printed), serve one
 * GDB connection until it detaches (the machine then runs on to its end)
 * or kills the target; returns the exit status for lvzsim. */
int gdbstub_main(struct machine *m, const struct image *img, int port);

#endif
