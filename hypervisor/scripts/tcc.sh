#!/bin/sh
# tcc.sh COMPILER ARGS... - run the target compiler, dropping one line of
# noise.  The hypervisor and its guests are built with -msoft-float so that
# the compiler cannot emit a single FP instruction (the VMs have no FPU and
# the host keeps it off).  With the project's triple
# (loongarch64-unknown-elf, whose default ABI is lp64d) clang-19's
# LoongArch backend then prints "warning: triple-implied ABI conflicts with
# provided target-abi 'lp64s', using target-abi" for every file; the
# override is what we want, and the backend offers no flag to silence it.
# Everything else the compiler says is passed through, and its exit status
# is kept.
out=$("$@" 2>&1)
rc=$?
printf '%s\n' "$out" | grep -v "triple-implied ABI conflicts with provided target-abi 'lp64s'" | grep -v '^$' >&2
exit $rc
