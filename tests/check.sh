#!/bin/sh
# tests/check.sh TIER... - run test tiers (make targets), show their
# output, and finish with the total: "N passed, N failed".
#
# Every tier prints TAP-like lines: "ok - name" / "not ok - name: why"
# (a "# SKIP" directive counts as neither).  A tier that fails without
# printing a "not ok" line (a build error, a crash) counts as one failure.
MAKE=${MAKE:-make}
BUILD=${BUILD:-build}
mkdir -p "$BUILD"
log=$BUILD/check.log
: >"$log"
pass=0 fail=0
for tier in "$@"; do
	echo "=== $tier"
	out=$BUILD/check-$tier.out
	$MAKE --no-print-directory "$tier" >"$out" 2>&1
	rc=$?
	cat "$out"
	cat "$out" >>"$log"
	p=$(grep -E '^ok( |$)' "$out" | grep -cv '# SKIP')
	f=$(grep -cE '^not ok( |$)' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $tier: exited with status $rc"
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
