#!/bin/sh
# tests/rt/compare.sh NAME IMAGE [QEMU-ONLY-FILTER]
#
# Runs one bare-metal image on lvzsim and on QEMU 7.2
# (qemu-system-loongarch64 -M virt -m 1G -nographic -no-reboot -net none
# -kernel IMAGE) and compares what each wrote to the UART.  Prints one TAP
# line, "ok - NAME" or "not ok - NAME: why" followed by the first lines of
# the difference.  The outputs stay in $OUT_DIR (default: next to IMAGE) as
# NAME.sim and NAME.qemu.
#
# Environment: LVZSIM (default build/lvzsim), QEMU, TIMEOUT (seconds, 60),
# SIM_ARGS (extra lvzsim options).
BUILD=${BUILD:-build}
LVZSIM=${LVZSIM:-$BUILD/lvzsim}
QEMU=${QEMU:-qemu-system-loongarch64}
TIMEOUT=${TIMEOUT:-60}
name=$1 image=$2
dir=${OUT_DIR:-$(dirname "$image")}
base=$dir/$(basename "$name")
mkdir -p "$dir"

timeout "$TIMEOUT" "$LVZSIM" $SIM_ARGS "$image" >"$base.sim" 2>"$base.sim.err" </dev/null
src=$?
timeout "$TIMEOUT" "$QEMU" -M virt -m 1G -nographic -no-reboot -net none \
	-kernel "$image" >"$base.qemu" 2>"$base.qemu.err" </dev/null
qrc=$?

why=
if [ "$qrc" -ne 0 ]; then
	why="qemu exited with status $qrc: $(head -c 200 "$base.qemu.err")"
elif [ "$src" -ne 0 ]; then
	why="lvzsim exited with status $src: $(head -c 200 "$base.sim.err")"
elif [ ! -s "$base.qemu" ]; then
	why="no output from qemu"
elif ! cmp -s "$base.sim" "$base.qemu"; then
	why="UART output differs (lvzsim vs qemu)"
elif grep -q '^FAIL' "$base.sim"; then
	why="both report a failure: $(grep -m1 '^FAIL' "$base.sim")"
fi
if [ -z "$why" ]; then
	echo "ok - $name"
else
	echo "not ok - $name: $why"
	diff "$base.sim" "$base.qemu" 2>/dev/null | head -20 | sed 's/^/#   /'
	exit 1
fi
