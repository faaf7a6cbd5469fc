#!/bin/sh
# tests/cli/run.sh - the command-line contract of build/lvzsim (README,
# --help): exit statuses, and one clear line on stderr for bad input.
BUILD=${BUILD:-build}
SIM=${LVZSIM:-$BUILD/lvzsim}
D=$BUILD/tests/cli
n=0 fail=0

# check NAME EXPECTED-STATUS STDOUT-PATTERN STDERR-PATTERN -- command...
# Patterns are grep -E; "" means "must be empty".
check() {
	name=$1 want=$2 outpat=$3 errpat=$4
	shift 5
	"$@" >"$D/out" 2>"$D/err" </dev/null
	rc=$?
	why=
	[ "$rc" -eq "$want" ] || why="exit status $rc, expected $want"
	if [ -z "$why" ]; then
		if [ -z "$outpat" ]; then [ -s "$D/out" ] && why="unexpected stdout: $(head -c 200 "$D/out")"
		else grep -Eq -- "$outpat" "$D/out" || why="stdout lacks /$outpat/: $(head -c 200 "$D/out")"; fi
	fi
	if [ -z "$why" ]; then
		if [ -z "$errpat" ]; then [ -s "$D/err" ] && why="unexpected stderr: $(head -c 200 "$D/err")"
		else
			grep -Eq -- "$errpat" "$D/err" || why="stderr lacks /$errpat/: $(head -c 200 "$D/err")"
			# bad input: exactly one line
			[ -z "$why" ] && [ "$want" -eq 1 ] && [ "$(wc -l <"$D/err")" -ne 1 ] && why="stderr has $(wc -l <"$D/err") lines, expected 1"
		fi
	fi
	n=$((n + 1))
	if [ -z "$why" ]; then echo "ok - cli/$name"; else echo "not ok - cli/$name: $why"; fail=$((fail + 1)); fi
}

printf 'not an elf\n' >"$D/text.bin"
# A valid ELF for another machine: the host's own /bin/true.
HOSTELF=/bin/true

check help 0 'usage: lvzsim' '' -- "$SIM" --help
check version 0 '^lvzsim [0-9]' '' -- "$SIM" --version
check hello 0 '^hi$' '' -- "$SIM" "$D/hello.elf"
check missing-file 1 '' "cannot open '$D/nonexistent.elf'" -- "$SIM" "$D/nonexistent.elf"
check not-elf 1 '' 'is not an ELF file' -- "$SIM" "$D/text.bin"
check not-loongarch 1 '' 'not a little-endian 64-bit LoongArch ELF' -- "$SIM" "$HOSTELF"
check outside-ram 1 '' 'outside RAM' -- "$SIM" -m 4M "$D/toolate.elf"
check bad-flag 1 '' "unknown option '--frobnicate'" -- "$SIM" --frobnicate "$D/hello.elf"
check bad-size 1 '' "-m 'lots'" -- "$SIM" -m lots "$D/hello.elf"
check bad-count 1 '' "--max-insns '-5'" -- "$SIM" --max-insns -5 "$D/hello.elf"
check no-image 1 '' 'no image given' -- "$SIM"
check missing-arg 1 '' "needs an argument" -- "$SIM" "$D/hello.elf" --max-insns
check reset 3 '' 'reset' -- "$SIM" "$D/reset.elf"
check max-insns 4 '' 'instruction limit' -- "$SIM" --max-insns 1000 "$D/spin.elf"
check halted 5 '' 'halted' -- "$SIM" "$D/halt.elf"
check high-ram 0 '^H$' '' -- "$SIM" -m 1G "$D/highram.elf"
# With 256 MiB there is no high RAM: the store is a failed transaction
# (ADEM; EENTRY is 0, so the image then runs into a hole and stops at the
# instruction limit).
check no-high-ram 4 '' 'instruction limit' -- "$SIM" -m 256M --max-insns 100000 "$D/highram.elf"
# The same run twice gives the same trace (determinism).
"$SIM" --trace "$D/t1" --trace-events all "$D/hello.elf" >/dev/null 2>&1
"$SIM" --trace "$D/t2" --trace-events all "$D/hello.elf" >/dev/null 2>&1
if [ -s "$D/t1" ] && cmp -s "$D/t1" "$D/t2"; then echo "ok - cli/trace-deterministic"
else echo "not ok - cli/trace-deterministic: traces differ or are empty"; fail=$((fail + 1)); fi
[ "$fail" -eq 0 ]
