/*
 * gdbstub.h - GDB remote serial protocol server (--gdb PORT), on loopback.
 */
#ifndef LVZSIM_GDBSTUB_H
#define LVZSIM_GDBSTUB_H

struct machine;
struct image;

/* Listen on 127.0.0.1:port, serve one GDB connection until it detaches or
 * kills the target; returns the exit status for lvzsim. */
int gdbstub_main(struct machine *m, const struct image *img, int port);

#endif
