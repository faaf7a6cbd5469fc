#!/bin/sh
# tests/lvz/run.sh IMAGE... - run each LVZ test program on lvzsim and print
# one TAP line per program; then check the trace of one program (trace.sh).
# A program passes when lvzsim exits with status 0 (the image powered off)
# and the output has a PASS line and no FAIL line.
BUILD=${BUILD:-build}
LVZSIM=${LVZSIM:-$BUILD/lvzsim}
TIMEOUT=${TIMEOUT:-60}
MAXI=${MAXI:-200000000}
fail=0
for img in "$@"; do
	name=lvz/$(basename "$img" .elf)
	out=${img%.elf}.out
	timeout "$TIMEOUT" "$LVZSIM" --max-insns "$MAXI" "$img" >"$out" 2>"$out.err" </dev/null
	rc=$?
	skip=$(sed -n 's/^SKIP: //p' "$out" | head -1)
	why=
	if [ "$rc" -ne 0 ]; then
		why="lvzsim exited with status $rc: $(head -c 300 "$out.err")"
	elif grep -q '^FAIL' "$out"; then
		why=$(grep -m1 '^FAIL' "$out")
	elif [ -z "$skip" ] && ! grep -qx 'PASS' "$out"; then
		why="no PASS line"
	fi
	if [ -n "$why" ]; then
		echo "not ok - $name: $why"
		grep '^FAIL' "$out" | head -20 | sed 's/^/#   /'
		fail=1
	elif [ -n "$skip" ]; then
		echo "ok - $name # SKIP $skip"
	else
		echo "ok - $name"
	fi
done
sh tests/lvz/trace.sh || fail=1
exit $fail
