#!/bin/sh
# run.sh BUILD - the check-linux tier: build the kernel if needed, boot it on
# lvzsim, check the boot, and compare /init's line with QEMU 7.2's.
#
# What is checked, and against what:
#  - the kernel log reaches "Run /init as init process" (init/main.c:
#    run_init_process prints it just before exec'ing /init);
#  - /init's "init: pid 1 argc 1 release 6.12.<n> H50 0x4011ff2faf287436"
#    line. pid 1 and argc 1 (argv = { "/init" }) follow from the kernel
#    starting /init as its first process; the release must match the
#    kernel's own (read from the built tree's include/config/kernel.release);
#    H50 is the binary64 sum of 1/k for k = 1..50 in order, computed with
#    Python's IEEE doubles (0x4011ff2faf287436);
#  - the boot ends with the DT's syscon-poweroff write to the GED, i.e.
#    lvzsim exits 0, and "reboot: Power down" is in the log;
#  - no "Oops", "BUG:", "WARNING:", "Kernel panic" or "Unable to handle" in
#    the log;
#  - the same vmlinux on QEMU 7.2 (if installed) prints the same init line.
# It also prints lvzsim's instruction count and wall time.
BUILD=${1:-build}
LVZSIM=$BUILD/lvzsim
OUT=$BUILD/linux
K=$OUT/vmlinux
LOG=$OUT/boot-lvzsim.log
QLOG=$OUT/boot-qemu72.log
TIMEOUT=${LINUX_TIMEOUT:-1200}
fails=0
ok() { echo "ok - linux: $1"; }
nok() { echo "not ok - linux: $1"; fails=$((fails + 1)); }

if sh tests/linux/build-kernel.sh "$BUILD" >"$OUT.build.log" 2>&1; then
	ok "kernel built ($K)"
else
	tail -20 "$OUT.build.log"
	nok "kernel build failed (log: $OUT.build.log)"
	exit 1
fi
release=$(cat "$OUT/include/config/kernel.release")
want="init: pid 1 argc 1 release $release H50 0x4011ff2faf287436"

t0=$(date +%s.%N)
# The console is a tty with ONLCR: lines end in CR LF; keep the raw output
# and check a copy without the CRs.
timeout "$TIMEOUT" "$LVZSIM" -m 1G --stats "$K" >"$LOG.raw" 2>"$LOG.stderr"
rc=$?
tr -d '\r' <"$LOG.raw" >"$LOG"
t1=$(date +%s.%N)
insns=$(sed -n 's/^instructions: //p' "$LOG.stderr")
wall=$(printf '%.2f' "$(echo "$t1 - $t0" | bc)")
echo "# lvzsim boot: ${insns:-?} instructions, $wall s wall (log: $LOG)"
tail -20 "$LOG" | sed 's/^/#   /'

grep -q "Run /init as init process" "$LOG" && ok "lvzsim: kernel reached Run /init" ||
	nok "lvzsim: no \"Run /init as init process\" in $LOG"
grep -qxF "$want" "$LOG" && ok "lvzsim: /init printed \"$want\"" ||
	nok "lvzsim: /init did not print \"$want\""
grep -q "reboot: Power down" "$LOG" && ok "lvzsim: kernel powered down" ||
	nok "lvzsim: no \"reboot: Power down\" in $LOG"
[ "$rc" = 0 ] && ok "lvzsim: exit status 0 (GED power-off)" ||
	nok "lvzsim: exit status $rc, not 0 ($(tail -1 "$LOG.stderr"))"
bad=$(grep -nE "Oops|BUG:|WARNING:|Kernel panic|Unable to handle" "$LOG" | head -3)
[ -z "$bad" ] && ok "lvzsim: no oops, BUG, WARNING or panic in the log" ||
	nok "lvzsim: kernel complained: $bad"

if command -v qemu-system-loongarch64 >/dev/null 2>&1; then
	t0=$(date +%s.%N)
	timeout 300 qemu-system-loongarch64 -M virt -m 1G -nographic -no-reboot -net none \
		-kernel "$K" </dev/null >"$QLOG.raw" 2>&1
	qrc=$?
	tr -d '\r' <"$QLOG.raw" >"$QLOG"
	t1=$(date +%s.%N)
	echo "# QEMU 7.2 boot: status $qrc, $(printf '%.2f' "$(echo "$t1 - $t0" | bc)") s wall (log: $QLOG)"
	qline=$(grep '^init: pid ' "$QLOG")
	lline=$(grep '^init: pid ' "$LOG")
	if [ "$qrc" = 0 ] && [ -n "$qline" ] && [ "$qline" = "$lline" ]; then
		ok "QEMU 7.2 printed the same /init line and powered off"
	else
		nok "QEMU 7.2: status $qrc, init line \"$qline\" vs lvzsim \"$lline\""
	fi
else
	echo "ok - linux: QEMU 7.2 comparison # SKIP qemu-system-loongarch64 not installed"
fi
[ "$fails" = 0 ]
