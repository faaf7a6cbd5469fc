#!/bin/sh
# tests/fuzz/unit_asan.sh BIN... - the CMocka unit tests built with
# -fsanitize=address,undefined: their TAP lines (prefixed unit-asan/NAME),
# plus a "not ok" for a binary that exits non-zero (a sanitizer report
# aborts it before CMocka can print one).
rc=0
for t in "$@"; do
	name=${t##*/}
	out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$t" 2>&1)
	st=$?
	printf '%s\n' "$out" | sed -e "s/^\(not \)\{0,1\}ok [0-9]* - /&unit-asan\/$name: /"
	if [ "$st" -ne 0 ]; then
		echo "not ok - unit-asan/$name: exited with status $st: $(printf '%s\n' "$out" | grep -m1 -E 'runtime error|ERROR')"
		rc=1
	fi
done
exit $rc
