#!/bin/sh
# tests/bench/run.sh - speed of lvzsim against qemu-system-loongarch64 on
# the same images.  For each workload two sizes run (N and 2N iterations);
# MIPS = (instructions(2N) - instructions(N)) / (time(2N) - time(N)), which
# cancels start-up time.  Best of REPEAT runs.
BUILD=${BUILD:-build}
LVZSIM=${LVZSIM:-$BUILD/lvzsim}
QEMU=${QEMU:-qemu-system-loongarch64}
REPEAT=${REPEAT:-3}
DIR=$BUILD/tests/bench

now() { date +%s.%N; }

# best wall time of REPEAT runs of "$@"
best() {
	b=
	i=0
	while [ $i -lt "$REPEAT" ]; do
		t0=$(now)
		"$@" >/dev/null 2>&1 </dev/null
		t1=$(now)
		t=$(awk "BEGIN { print $t1 - $t0 }")
		if [ -z "$b" ] || awk "BEGIN { exit !($t < $b) }"; then b=$t; fi
		i=$((i + 1))
	done
	echo "$b"
}

printf '%-22s %14s %10s %10s %10s %8s\n' workload instructions lvzsim-s qemu-s lvzsim-MIPS ratio
for w in hotloop guestloop; do
	small=$DIR/$w-1.elf big=$DIR/$w-2.elf
	[ -f "$small" ] && [ -f "$big" ] || continue
	# instruction counts as lvzsim executes them
	n1=$("$LVZSIM" --stats "$small" 2>&1 >/dev/null | sed -n 's/^instructions: //p')
	n2=$("$LVZSIM" --stats "$big" 2>&1 >/dev/null | sed -n 's/^instructions: //p')
	s1=$(best "$LVZSIM" "$small") s2=$(best "$LVZSIM" "$big")
	mips=$(awk "BEGIN { print ($n2 - $n1) / ($s2 - $s1) / 1000000 }")
	if [ "$w" = guestloop ]; then
		q2=n/a ratio=n/a   # QEMU has no LVZ: guest mode runs on lvzsim only
	else
		q2=$(best "$QEMU" -M virt -m 1G -nographic -no-reboot -kernel "$big")
		ratio=$(awk "BEGIN { printf \"%.2f\", $s2 / $q2 }")
		q2=$(printf '%.3f' "$q2")
	fi
	printf '%-22s %14s %10.3f %10s %10.0f %8s\n' "$w" "$n2" "$s2" "$q2" "$mips" "$ratio"
done
echo "(ratio = lvzsim wall time / qemu wall time for the larger image, start-up included)"
