#!/bin/sh
# tests/lvz/trace.sh - the trace names every guest-mode entry and exit
# (docs/lvz.md "Trace"): run tracekinds.elf with --trace-events vm in text
# and in JSON lines, and compare its events (name, GID, guest PC, cause,
# BADV, BADI) with the sequence tracekinds.c performs.  Expected values
# come from outside the simulator: PCs from the ELF's symbols (llvm-nm-19),
# BADI words from llvm-objdump-19 at those PCs, the faulting GPA from the
# program; "-" where that exit writes no BADV/BADI (INT; BADV also for
# GSPR/HVC).  A load's TLB refill writes BADI (V1 7.4.9).
BUILD=${BUILD:-build}
LVZSIM=${LVZSIM:-$BUILD/lvzsim}
NM=${NM:-llvm-nm-19}
OBJDUMP=${OBJDUMP:-llvm-objdump-19}
img=$BUILD/tests/lvz/tracekinds.elf
d=$BUILD/tests/lvz
fail=0

sym() { printf '0x%x' "0x$($NM "$img" | awk -v s="$1" '$3 == s { print $1 }')"; }
plus4() { printf '0x%x' $(($1 + 4)); }
# the little-endian instruction word at an address, as llvm-objdump shows it
word() {
	$OBJDUMP -d --start-address="$1" --stop-address=$(($1 + 4)) "$img" |
		awk -F'\t' '/^ *[0-9a-f]+:/ { split($1, a, " "); print "0x" a[5] a[4] a[3] a[2] }'
}
seq=$(sym tk_seq) gspr=$(sym tk_gspr) hvc=$(sym tk_hvc) ld=$(sym tk_ld) fin=$(sym tk_done)
Q=0x40000000

cat >"$d/trace.want" <<EOW
enter 9 $seq ertn
exit:gspr 9 $gspr GSPR - $(word "$gspr")
enter 9 $(plus4 "$gspr") ertn
exit:hvc 9 $hvc HVC - $(word "$hvc")
enter 9 $(plus4 "$hvc") ertn
exit:tlbr 9 $ld TLBR $Q $(word "$ld")
enter 9 $ld tlbr-ertn
exit:pf 9 $ld PIL $Q $(word "$ld")
enter 9 $fin ertn
exit:int 9 $fin INT - -
enter 9 $fin ertn
exit:hvc 9 $fin HVC - $(word "$fin")
EOW

# text: "N host:0 vm exit:gspr gid=9 pc=0x.. cause=GSPR badv=- badi=0x.."
timeout 60 "$LVZSIM" --max-insns 20000000 --trace "$d/trace.txt" --trace-events vm "$img" >/dev/null 2>&1
sed -n -e 's/^[0-9]* [a-z0-9]*:[0-3] vm \(enter\) gid=\([0-9]*\) pc=\([0-9a-fx]*\) cause=\([a-z-]*\)$/\1 \2 \3 \4/p' \
	-e 's/^[0-9]* [a-z0-9]*:[0-3] vm \(exit:[a-z]*\) gid=\([0-9]*\) pc=\([0-9a-fx]*\) cause=\([A-Z]*\) badv=\([-0-9a-fx]*\) badi=\([-0-9a-fx]*\)$/\1 \2 \3 \4 \5 \6/p' \
	"$d/trace.txt" >"$d/trace.got"
# JSON lines: the same fields
timeout 60 "$LVZSIM" --max-insns 20000000 --trace "$d/trace.jsonl" --trace-format jsonl --trace-events vm "$img" >/dev/null 2>&1
python3 - "$d/trace.jsonl" >"$d/trace.jgot" <<'EOP'
import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["ev"] != "enter" and not e["ev"].startswith("exit:"):
        continue
    if e["ev"] == "enter":
        f = [e["ev"], str(e["gid"]), e["pc"], e["cause"]]
    else:
        f = [e["ev"], str(e["guest_gid"]), e["guest_pc"], e["cause"], e["badv"] or "-", e["badi"] or "-"]
    print(" ".join(f))
EOP

check() {
	if cmp -s "$2" "$d/trace.want"; then
		echo "ok - $1"
	else
		echo "not ok - $1: events differ from tracekinds.c's sequence"
		diff "$d/trace.want" "$2" | head -20 | sed 's/^/#   /'
		fail=1
	fi
}
check lvz/trace-text "$d/trace.got"
check lvz/trace-jsonl "$d/trace.jgot"
exit $fail
