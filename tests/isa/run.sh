#!/bin/sh
# tests/isa/run.sh IMAGE... - run each ISA test image on lvzsim and QEMU 7.2
# (tests/rt/compare.sh) and print one TAP line per image; exit non-zero if
# any failed.
fail=0
# A hung image (QEMU 7.2 has a few infinite exception loops) costs this much.
export TIMEOUT=${TIMEOUT:-20}
for img in "$@"; do
	name=isa/$(basename "$img" .elf)
	sh tests/rt/compare.sh "$name" "$img" || fail=1
done
exit $fail
