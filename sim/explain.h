/*
 * explain.h - describe the last exception or VM exit in plain words.
 */
#ifndef LVZSIM_EXPLAIN_H
#define LVZSIM_EXPLAIN_H

#include <stdio.h>

struct cpu;

void explain(FILE *out, const struct cpu *c);

#endif
