#!/bin/sh
# Run CMocka test binaries with TAP output; exit non-zero if any failed.
rc=0
for t in "$@"; do
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" | sed -e "s/^\(not \)\{0,1\}ok [0-9]* - /&unit\/${t##*/}: /" || rc=1
done
exit $rc
