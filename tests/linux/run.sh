#!/bin/sh
# run.sh BUILD [4k] - the check-linux tier: build the kernels if needed,
# boot the host kernel on lvzsim, check the boot, and compare it with QEMU
# 7.2's. With "4k" (check-linux-4k): the same for the 4 KiB-page host kernel
# (build-kernel.sh host4k), which carries no guest kernel and which QEMU 7.2
# cannot boot (README.md), so there is no QEMU comparison.
#
# What is checked, and against what:
#  - the kernel log reaches "Run /init as init process" (init/main.c:
#    run_init_process prints it just before exec'ing /init);
#  - /init's first line "init: pid 1 argc 1 release 6.12.<n> H50 0x4011ff2faf287436":
#    pid 1 and argc 1 (argv = { "/init" }) follow from the kernel starting
#    /init as its first process; the release must be the kernel's own (the
#    built tree's include/config/kernel.release); H50 is the binary64 sum of
#    1/k for k = 1..50 in order, computed with Python's IEEE doubles;
#  - /init's own checks (init.c: fork, exec, demand paging, unaligned
#    accesses, signals with their fault addresses, FP state across signals
#    and preemption, nanosleep), each printing "ok" or "FAIL", and the total
#    "init: 0 checks failed";
#  - the kernel's boot-time self-tests (host.fragment): no KUnit case or
#    suite fails ("not ok"), except overflow's DEFINE_FLEX_test, which fails
#    the same way on QEMU 7.2: it checks __builtin_dynamic_object_size on a
#    __counted_by struct, which depends on the compiler (clang 19.1.7), not
#    on the CPU; the non-KUnit tests print their "passed" lines and no
#    "ERROR:"; and QEMU 7.2 gets the very same results;
#  - KVM: lvzsim reports LVZ (CPUCFG2 bit 10), so the kernel's KVM must
#    initialise (no "Hardware virtualization not available") and /init's
#    KVM probe must run its guest to the three MMIO exits (init_kvm.c);
#  - a Linux guest: /init boots the guest kernel (build-kernel.sh) in a KVM
#    VM (init_vmm.c) and prints its console as "guest| " lines. The guest
#    must reach its own /init, print the same "init: " lines as QEMU 7.2's
#    boot (same program, and a guest CPUCFG2 without LVZ is what QEMU 7.2
#    reports too), and power itself off through the VM's GED;
#  - the boot ends with the DT's syscon-poweroff write to the GED, i.e.
#    lvzsim exits 0, and "reboot: Power down" is in the log;
#  - no "Oops", "BUG:", "WARNING:", "Kernel panic" or "Unable to handle";
#  - QEMU 7.2 (if installed) boots the same vmlinux, powers off, and prints
#    the same "init: " lines, except "init: cpucfg2" and "init: kvm" ones
#    (QEMU 7.2 has no LVZ: its kernel has no KVM, which is checked too).
# It also prints lvzsim's instruction count and wall time, and QEMU's.
BUILD=${1:-build}
LVZSIM=$BUILD/lvzsim
if [ "$2" = 4k ]; then
	OUT=$BUILD/linux-4k KERNELS=host4k TAG=linux-4k
else
	OUT=$BUILD/linux KERNELS="guest host" TAG=linux
fi
K=$OUT/vmlinux
LOG=$OUT/boot-lvzsim.log
QLOG=$OUT/boot-qemu72.log
TIMEOUT=${LINUX_TIMEOUT:-600}
fails=0
ok() { echo "ok - $TAG: $1"; }
nok() { echo "not ok - $TAG: $1"; fails=$((fails + 1)); }
has() { grep -qF -- "$2" "$1"; }
seconds() { printf '%.2f' "$(echo "$2 - $1" | bc)"; }

if sh tests/linux/build-kernel.sh "$BUILD" $KERNELS >"$OUT.build.log" 2>&1; then
	ok "kernel built ($K)"
else
	tail -20 "$OUT.build.log"
	nok "kernel build failed (log: $OUT.build.log)"
	exit 1
fi
release=$(cat "$OUT/include/config/kernel.release")
first="init: pid 1 argc 1 release $release H50 0x4011ff2faf287436"

# The console is a tty with ONLCR: lines end in CR LF. Keep the raw output,
# check a copy without the CRs.
t0=$(date +%s.%N)
timeout "$TIMEOUT" "$LVZSIM" -m 1G --stats "$K" >"$LOG.raw" 2>"$LOG.stderr"
rc=$?
t1=$(date +%s.%N)
tr -d '\r' <"$LOG.raw" >"$LOG"
insns=$(sed -n 's/^instructions: //p' "$LOG.stderr")
echo "# lvzsim boot: ${insns:-?} instructions, $(seconds "$t0" "$t1") s wall (log: $LOG)"
tail -20 "$LOG" | sed 's/^/#   /'

grep -q "^\[ *[0-9.]*\] Run /init as init process" "$LOG" && ok "lvzsim: kernel reached Run /init" ||
	nok "lvzsim: no \"Run /init as init process\" in $LOG"
grep -qxF "$first" "$LOG" && ok "lvzsim: /init printed \"$first\"" ||
	nok "lvzsim: /init did not print \"$first\""
failed=$(grep '^init: .* FAIL$' "$LOG" | sed 's/^init: //; s/ FAIL$//' | tr '\n' ';')
passed=$(grep -c '^init: .* ok$' "$LOG")
if [ -z "$failed" ] && grep -qx 'init: 0 checks failed' "$LOG"; then
	ok "lvzsim: /init's $passed checks passed"
else
	nok "lvzsim: /init's checks failed: ${failed:-no \"init: 0 checks failed\" line}"
fi
# Self-test results without timestamps and timings, one per line.
selftest_results() {
	sed -n 's/^\[ *[0-9.]*\] //p' "$1" |
		grep -E '^ *(not )?ok [0-9]+ |tests passed|self tests passed|^atomic64_test: passed|^ *# Totals: ' |
		sed 's/, processed \([0-9]*\) bytes in [0-9]* nsec/, processed \1 bytes/'
}
selftest_results "$LOG" >"$OUT/selftests.lvzsim"
kfail=$(grep -E '^ *not ok [0-9]+ ' "$OUT/selftests.lvzsim" | awk '{print $4}' |
	grep -vx -e DEFINE_FLEX_test -e overflow | tr '\n' ' ')
kok=$(grep -cE '^ +ok [0-9]+ ' "$OUT/selftests.lvzsim")
nonkunit="test_printf: test_bitmap: crc32: crc32c: crc32_combine: crc32c_combine: atomic64_test:"
missing=""
for t in $nonkunit; do
	grep -q "^$t.*passed" "$OUT/selftests.lvzsim" || missing="$missing $t"
done
errors=$(grep -E '\] (test_div64|test_mul_u64_u64_div_u64|test_kstrtox)?.*ERROR' "$LOG" | head -2)
if [ "$kok" -gt 0 ] && [ -z "$kfail$missing$errors" ]; then
	ok "lvzsim: kernel self-tests passed ($kok KUnit cases, and printf, bitmap, crc32, atomic64, div64)"
else
	nok "lvzsim: kernel self-tests failed: ${kfail:+KUnit: $kfail}${missing:+ missing:$missing} $errors"
fi
# The host's own lines: the guest's console ("guest| ") says other things.
grep -v '^guest| ' "$LOG" >"$OUT/host.log"
if has "$OUT/host.log" "Hardware virtualization not available"; then
	nok "lvzsim: KVM did not find LVZ (\"Hardware virtualization not available\")"
elif grep -qx "init: kvm: guest ran to its three MMIO exits ok" "$LOG"; then
	ok "lvzsim: KVM found LVZ and ran /init's guest to its MMIO exits"
else
	nok "lvzsim: /init's KVM guest did not run: $(grep '^init: kvm' "$LOG" | tail -1)"
fi
sed -n 's/^guest| //p' "$LOG" >"$OUT/guest.log"
if [ "$KERNELS" = host4k ]; then
	echo "ok - $TAG: KVM guest kernel # SKIP the 4 KiB-page kernel carries none"
elif has "$OUT/guest.log" "Run /init as init process" &&
   grep -qx "init: kvm: Linux guest powered itself off through the GED ok" "$LOG"; then
	ok "lvzsim: KVM guest kernel booted to its /init and powered off (after $(grep '^init: kvm guest ended' "$LOG" | sed 's/.*after //; s/ (.*//') to the VMM)"
else
	nok "lvzsim: KVM guest kernel: $(grep '^init: kvm guest ended' "$LOG" || echo no end line) (log: $OUT/guest.log)"
fi
grep -q "^\[ *[0-9.]*\] reboot: Power down" "$LOG" && ok "lvzsim: kernel powered down" ||
	nok "lvzsim: no \"reboot: Power down\" in $LOG"
[ "$rc" = 0 ] && ok "lvzsim: exit status 0 (GED power-off)" ||
	nok "lvzsim: exit status $rc, not 0 ($(grep -v '^[a-z ]*: [0-9]*$' "$LOG.stderr" | tail -1))"
bad=$(grep -nE "Oops|BUG:|WARNING:|Kernel panic|Unable to handle" "$LOG" | head -3)
[ -z "$bad" ] && ok "lvzsim: no oops, BUG, WARNING or panic in the log" ||
	nok "lvzsim: kernel complained: $bad"

if [ "$KERNELS" = host4k ]; then
	# QEMU 7.2 maps the earlycon fixmap page of a 4 KiB-page kernel as if
	# it were 16 KiB (it stores to 0x1fe031e3 instead of 0x1fe001e3) and
	# the kernel dies before its first line: README.md.
	echo "ok - $TAG: QEMU 7.2 comparison # SKIP QEMU 7.2 cannot boot 4 KiB-page kernels"
	[ "$fails" = 0 ]
	exit
fi
if ! command -v qemu-system-loongarch64 >/dev/null 2>&1; then
	echo "ok - $TAG: QEMU 7.2 comparison # SKIP qemu-system-loongarch64 not installed"
	[ "$fails" = 0 ]
	exit
fi
t0=$(date +%s.%N)
timeout 300 qemu-system-loongarch64 -M virt -m 1G -nographic -no-reboot -net none \
	-kernel "$K" </dev/null >"$QLOG.raw" 2>&1
qrc=$?
t1=$(date +%s.%N)
tr -d '\r' <"$QLOG.raw" >"$QLOG"
echo "# QEMU 7.2 boot: status $qrc, $(seconds "$t0" "$t1") s wall (log: $QLOG)"
[ "$qrc" = 0 ] && has "$QLOG" "reboot: Power down" && ok "QEMU 7.2: same kernel powered down" ||
	nok "QEMU 7.2: status $qrc, no power-down (log: $QLOG)"
# Lines QEMU 7.2 must differ in: it has no LVZ (CPUCFG2 bit 10 clear).
grep -v -e '^init: cpucfg2 ' -e '^init: kvm' "$LOG" | grep '^init: ' >"$OUT/init-lines.lvzsim"
grep -v -e '^init: cpucfg2 ' -e '^init: kvm' "$QLOG" | grep '^init: ' >"$OUT/init-lines.qemu72"
if [ -s "$OUT/init-lines.qemu72" ] && cmp -s "$OUT/init-lines.lvzsim" "$OUT/init-lines.qemu72"; then
	ok "QEMU 7.2: the same $(wc -l <"$OUT/init-lines.qemu72") /init lines as lvzsim"
else
	nok "QEMU 7.2: /init lines differ: $(diff "$OUT/init-lines.qemu72" "$OUT/init-lines.lvzsim" | head -4 | tr '\n' ' ')"
fi
grep -v -e '^init: cpucfg2 ' -e '^init: kvm' "$OUT/guest.log" | grep '^init: ' >"$OUT/init-lines.guest"
if [ -s "$OUT/init-lines.qemu72" ] && cmp -s "$OUT/init-lines.guest" "$OUT/init-lines.qemu72" &&
   [ "$(grep '^init: cpucfg2 ' "$OUT/guest.log")" = "$(grep '^init: cpucfg2 ' "$QLOG")" ]; then
	ok "QEMU 7.2: the KVM guest printed the same /init lines and CPUCFG2"
else
	nok "QEMU 7.2: the KVM guest's /init lines differ: $(diff "$OUT/init-lines.qemu72" "$OUT/init-lines.guest" | head -4 | tr '\n' ' ') $(grep -h '^init: cpucfg2 ' "$OUT/guest.log" "$QLOG" | tr '\n' ' ')"
fi
selftest_results "$QLOG" >"$OUT/selftests.qemu72"
if [ -s "$OUT/selftests.qemu72" ] && cmp -s "$OUT/selftests.lvzsim" "$OUT/selftests.qemu72"; then
	ok "QEMU 7.2: the same $(wc -l <"$OUT/selftests.qemu72") kernel self-test result lines as lvzsim"
else
	nok "QEMU 7.2: kernel self-test results differ: $(diff "$OUT/selftests.qemu72" "$OUT/selftests.lvzsim" | head -4 | tr '\n' ' ')"
fi
if has "$QLOG" "Hardware virtualization not available" && grep -qx "init: kvm /dev/kvm absent" "$QLOG"; then
	ok "QEMU 7.2: no LVZ, so no KVM (as expected)"
else
	nok "QEMU 7.2: KVM state unexpected: $(grep -e '^init: kvm' -e 'kvm' "$QLOG" | head -2 | tr '\n' ' ')"
fi
[ "$fails" = 0 ]
