#!/bin/sh
# tests/fpu/run.sh IMAGE... - run each FP test image on lvzsim and QEMU 7.2
# (tests/rt/compare.sh) and print one TAP line per image, then the number
# of FP operations whose results were compared.  Exits non-zero on failure.
status=0
total=0
for img in "$@"; do
	name=$(basename "$img" .elf)
	sh tests/rt/compare.sh "$name" "$img" || status=1
	out=$(dirname "$img")/$name.sim
	n=$(sed -n 's/^operations //p' "$out" 2>/dev/null)
	[ -n "$n" ] && total=$((total + n))
done
echo "# FP operations compared with QEMU 7.2: $total"
exit $status
