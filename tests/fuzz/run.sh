#!/bin/sh
# tests/fuzz/run.sh NAME BINARY WORDS SEED - run the fuzz harness, print
# its counts and one TAP line: ok if it executed WORDS random words and
# exited 0 (no crash, no sanitizer report, no hang), not ok otherwise.
name=$1 bin=$2 words=$3 seed=$4
out=$(dirname "$bin")/$name.out
start=$(date +%s)
"$bin" --words "$words" --seed "$seed" >"$out" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))
cat "$out"
if [ "$rc" -eq 0 ]; then
	echo "ok - $name: $words random words executed without a simulator crash or hang (seed $seed, ${secs} s)"
else
	echo "not ok - $name: harness exited with status $rc (seed $seed): $(grep -m1 -E 'fuzz:|ERROR|runtime error' "$out")"
	exit 1
fi
