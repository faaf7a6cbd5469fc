#!/bin/sh
# tests/debugger/run.sh - check-debugger: scripted debugger sessions, the
# gdb stub, checkpoints and the trace, on tests/debugger/lvzguest.elf (a
# host running one LVZ guest, GID 1: lvzguest.c says what it does).
#
# Expected facts come from the program, never from a previous run:
# addresses from its symbol table (llvm-nm-19), constants from
# lvzguest.h / lvzguest.c (noted where used), encodings and field values
# from the manual (noted where used).
BUILD=${BUILD:-build}
SIM=${LVZSIM:-$BUILD/lvzsim}
D=$BUILD/tests/debugger
IMG=$D/lvzguest.elf
SPIN=$BUILD/tests/cli/spin.elf
T=tests/debugger
fail=0
O=$D/out
mkdir -p "$O"

ok() { echo "ok - debugger/$1"; }
notok() { echo "not ok - debugger/$1: $2"; fail=$((fail + 1)); }

# symf ELF NAME: the symbol's address as the debugger prints it (0x%x)
symf() {
	a=$(llvm-nm-19 "$1" | awk -v s="$2" '$3 == s { print $1 }')
	[ -n "$a" ] || { echo "no symbol $2 in $1" >&2; exit 1; }
	printf '0x%x' "0x$a"
}
sym() { symf "$IMG" "$1"; }
# the same, as 0x%016x (the debugger's stop lines)
sym16() { printf '0x%016x' "$(sym "$1")"; }

# session NAME: run the debugger with the commands on stdin, output in
# $O/NAME.out, for the checks that follow.
session() {
	"$SIM" --debug "${2:-$IMG}" >"$O/$1.out" 2>&1
}
# expect SESSION/CHECK TEXT...: every TEXT (a fixed string) is in the output.
expect() {
	name=$1
	out=$O/${name%%/*}.out
	shift
	for want in "$@"; do
		if ! grep -qF -- "$want" "$out"; then
			notok "$name" "output lacks '$want' (see $out)"
			return
		fi
	done
	ok "$name"
}
# expect_line SESSION/CHECK TEXT1 TEXT2: one line contains both.
expect_line() {
	out=$O/${1%%/*}.out
	if grep -F -- "$2" "$out" | grep -qF -- "$3"; then ok "$1"
	else notok "$1" "no line with '$2' and '$3' (see $out)"; fi
}

GUEST_CPUCFG=$(sym guest_cpucfg)
TRAP=$(sym16 rt_trap_entry)
REFILL=$(sym16 s2_refill)

# ---- 1. break on a GSPR exit, inspect, step into the handler, explain
session gspr <<EOF
break exit gspr
continue
info exits
explain
info gcsr CRMD ESTAT
info lvz
info tlb gid 1
info tlb guest
info tlb host
step
x/1i gva guest_cpucfg
x/1w gpa guest_cpucfg
x/1w hpa guest_cpucfg
x/1i gva \$era
quit
EOF
# The guest's cpucfg exits to the host's EENTRY = rt_trap_entry (start.S;
# ECFG.VS = 0: one entry for everything).
expect gspr/stop "stopped: breakpoint 1: exit:gspr from guest gid 1 at pc $GUEST_CPUCFG" \
	"[host plv0] insn" "$TRAP <rt_trap_entry+0>:"
expect_line gspr/info-exits "exit:gspr" "insn: cpucfg \$a0, \$a0"
# explain: the instruction, the rule, what the hardware wrote (ERA = the
# guest PC, Ecode 0x16 = GSPR, BADI = the instruction word 0x00006c84:
# cpucfg rd=4 rj=4, Vol.1 2.2.10.5), what a hypervisor does.
expect gspr/explain "exit from guest GID 1 to the host (exit:gspr)" "cpucfg is sensitive" \
	"host ESTAT.Ecode <- 0x16 (GSPR); host ERA <- $GUEST_CPUCFG" "host BADI <- 0x00006c84" \
	"ERA += 4, re-enter the guest"
# Guest CRMD = 0xa8 as main wrote it (DA | DATF=1 | DATM=1, Vol.1 7.4.1).
expect gspr/info-gcsr "guest CRMD      0x00000000000000a8"
# After an exit GSTAT.VM = 0, PVM = 1 (docs/lvz.md, Exit); GID = 1.
expect gspr/info-lvz "VM=0 PVM=1 GIDBIT=8 GID=1   (CPU is in host mode)" "USETGID=1 TOTI=0 TGID=1" "gspr=1"
# main's stage-2 pair: MTLB index 2048 (S2_INDEX), GID 1, VA 0, 2 MiB
# pages, even half at HPA 0; the guest has not written its own TLB yet.
expect_line gspr/info-tlb-gid "2048 mtlb root:stg2  gid=1" "va=0x0000000000000000 ps=21 even: pa=0x000000000 VD"
# ... and the host has none of its own (GID 0): it runs in DA mode and DMW0.
if [ "$(grep -c '^0 entries' "$O/gspr.out")" -eq 2 ]; then ok gspr/info-tlb-guest-host
else notok gspr/info-tlb-guest-host "expected no guest-type and no host entries (see $O/gspr.out)"; fi
expect gspr/step "[host plv0] insn" "<rt_trap_entry+4>"
# after the exit, host ERA = the guest PC (docs/lvz.md, Exit)
if grep -A1 -F '(lvzsim) x/1i gva $era' "$O/gspr.out" | grep -qF "$(printf '0x%016x' "$GUEST_CPUCFG"): 00006c84  cpucfg"; then
	ok gspr/x-csr-operand
else
	notok gspr/x-csr-operand "x/1i gva \$era did not show the guest's cpucfg (see $O/gspr.out)"
fi
expect gspr/x-spaces "$(printf '0x%016x' "$GUEST_CPUCFG"): 00006c84  cpucfg \$a0, \$a0" \
	"$(printf '0x%016x' "$GUEST_CPUCFG"): 0x00006c84"

# ---- 2. the second-stage refill: where it goes, what it maps
session tlbr <<EOF
break exit tlbr
continue
explain
until s2_refill_fill
step
info tlb gid 1
x/1d gpa 0x800000
delete
break enter
continue
quit
EOF
# FAR_GPA = 0x800000 (lvzguest.h) is outside the 0-4 MiB stage-2 map.
expect tlbr/stop "exit:tlbr from guest gid 1" "$REFILL <s2_refill+0>"
expect tlbr/explain "needed guest-physical address 0x800000" "TLBRBADV <- 0x800000" \
	"PC <- TLBRENTRY = $(sym s2_refill)"
# s2_refill's tlbfill: a root-type entry of GID 1 (GTLBC.USETGID, TGID 1)
# for the 4 KiB pair at 0x800000, identity-mapped, V and D set.
expect_line tlbr/refilled "root:stg2  gid=1" "va=0x0000000000800000 ps=12 even: pa=0x000800000 VD"
expect tlbr/gpa-mapped "0x0000000000800000: 0x0000000000000000"
# The refill's ertn re-enters the guest (TLBRPRMD.PGM) at TLBRERA, the
# instruction that faulted: the exit's pc.
fault_pc=$(sed -n 's/.*exit:tlbr from guest gid 1 at pc \(0x[0-9a-f]*\).*/\1/p' "$O/tlbr.out")
expect tlbr/reenter "entered guest gid 1 at ${fault_pc:-?}" "[guest gid 1 plv0]"

# ---- 3. the guest's own TLB, seen through gva and by GID
session guesttlb <<EOF
break exit hvc
continue
continue
continue
info tlb guest
x/1d gva 0xffffffff80000000
x/1d hpa 0x300000
quit
EOF
# The third hypercall reports the value stored through GVA_MAPPED
# (0xffffffff80000000) -> GPA_MAPPED (0x300000) = MAPPED_VALUE 0xfeedf00d.
expect_line guesttlb/entry " guest      gid=1" "va=0xffffffff80000000 ps=12 even: pa=0x000300000 VD"
expect guesttlb/gva "0xffffffff80000000 (hpa 0x300000): 0x00000000feedf00d" \
	"0x0000000000300000: 0x00000000feedf00d"

# ---- 4. every kind of breakpoint, then the end of the run
session breaks <<EOF
break guest_cpucfg host
break guest_cpucfg gid 2
break guest_cpucfg gid 1
continue
info break
delete
break exception HVC
continue
delete
watch 0x800000
continue
delete
break csr TICLR guest
continue
delete
rwatch guest_ticks
continue
delete
break exit int
continue
delete
break enter
continue
delete
awatch s2_refills
continue
delete
break exception bogus
break exit bogus
x/2w hpa 0x1fe001e0
frobnicate
continue
EOF
# guest_cpucfg runs only in the guest, GID 1: the host and GID 2
# breakpoints never match, the GID 1 one does, before executing it.
expect breaks/pc-gid "stopped: breakpoint 3 at $GUEST_CPUCFG" "[guest gid 1 plv0] insn"
expect_line breaks/hits "break $GUEST_CPUCFG gid 1" "hits 1"
expect_line breaks/hits-host "break $GUEST_CPUCFG host" "hits 0"
expect breaks/exception "exception HVC taken by the host; exit:hvc from guest gid 1 at pc $(sym guest_hvcl_report)"
expect breaks/watch "store of 8 bytes at physical 0x800000"
# guest_trap writes TICLR at guest_ticlr: the stop is after it.
expect breaks/csr "guest TICLR written" "<guest_ticlr+4>"
# The guest's wait loop loads guest_ticks.
expect breaks/rwatch "load of 8 bytes at physical $(sym guest_ticks)"
# The host timer (HOST_PERIOD) preempts the spinning guest.
expect breaks/exit-int "exit:int from guest gid 1"
expect breaks/enter "entered guest gid 1"
# s2_refill counted its one refill long before; the next access to
# s2_refills is finish()'s load, in the host, at HC_DONE (lvzguest.c;
# finish is static and compiled into hook, whose symbol the stop shows).
expect_line breaks/awatch "stopped: watchpoint" "load of 8 bytes at physical $(sym s2_refills)"
if grep -A1 "load of 8 bytes at physical $(sym s2_refills)" "$O/breaks.out" | grep -q '^\[host plv0\].*<hook+'; then
	ok breaks/awatch-where
else
	notok breaks/awatch-where "not stopped in hook/finish (see $O/breaks.out)"
fi
expect breaks/bad-input "unknown exception 'bogus'" "unknown exit kind 'bogus'" \
	"<device uart at physical 0x1fe001e0: not read" "unknown command 'frobnicate'"
# The program's own verdict, then the machine's.
expect breaks/end "PASS" "machine stopped: guest powered off"

# ---- 4b. the other commands
session misc <<EOF
disas guest_cpucfg 3
step 5
info regs
info fpu
info csr EENTRY TLBRENTRY NOSUCH
break exception 0x16
break exit any
info break
help
quit
EOF
# guest.S: cpucfg, jr \$ra (llvm-objdump prints ret), hvcl HC_REPORT (1)
expect misc/disas "<guest_cpucfg+0>: 00006c84  cpucfg \$a0, \$a0" "<guest_cpucfg+4>: 4c000020  ret" 	"<guest_hvcl_report+0>: 002b8001  hvcl 1"
expect misc/step "[host plv0] insn 5 "
expect misc/regs "pc   0x" "world: host plv0   insn 5" "EUEN.FPE=0" "fcsr 0x00000000"
# start.S writes EENTRY = rt_trap_entry; main writes TLBRENTRY = s2_refill,
# but after 5 instructions only the reset values (0) are there.
expect misc/csr "EENTRY    0x0000000000000000" "TLBRENTRY 0x0000000000000000" "NOSUCH: no such CSR"
expect misc/break "break exception GSPR (ecode 0x16)" "break exit int gspr hvc tlbr pf fpd"
expect misc/help "break exit [gspr|hvc|tlbr|pf|int|fpd|any]" "x/N[bhwdi] [va|hva|gva|gpa|hpa] ADDR"
# one line on stderr, status 1, for option misuse
"$SIM" --debug --gdb 0 "$IMG" </dev/null >/dev/null 2>"$O/err1"; s1=$?
"$SIM" --trace "$O/x" --trace-events insn,bogus "$IMG" >/dev/null 2>"$O/err2"; s2=$?
"$SIM" --gdb 99999 "$IMG" >/dev/null 2>"$O/err3"; s3=$?
if [ $s1 -eq 1 ] && [ $s2 -eq 1 ] && [ $s3 -eq 1 ] && [ "$(cat "$O/err1" "$O/err2" "$O/err3" | wc -l)" -eq 3 ]; then
	ok "cli-options"
else
	notok "cli-options" "statuses $s1 $s2 $s3: $(cat "$O/err1" "$O/err2" "$O/err3")"
fi

# ---- 5. save / load in the debugger; trace on / off
session saveload <<EOF
until guest_cpucfg
save $O/dbg.ck
step 3
load $O/dbg.ck
trace on
step 2
trace off
step
quit
EOF
icount=$(sed -n 's/^saved to .* at insn \([0-9]*\)$/\1/p' "$O/saveload.out")
stopline="[guest gid 1 plv0] insn $icount $(printf '0x%016x' "$GUEST_CPUCFG")"
if [ -n "$icount" ] && [ "$(grep -cF "$stopline" "$O/saveload.out")" -eq 2 ]; then
	ok "saveload/restores-stop"
else
	notok "saveload/restores-stop" "the stop after load is not the one saved (see $O/saveload.out)"
fi
# trace on, step 2: the cpucfg (guest, GID 1, PLV0) and then the host
# handler's first instruction, with the exit between; after trace off,
# nothing more.
g1=$(grep -c '^[0-9]* g1:0 0x' "$O/saveload.out")
h0=$(grep -c '^[0-9]* host:0 0x' "$O/saveload.out")
if grep -q "^$icount g1:0 $(printf '0x%016x' "$GUEST_CPUCFG") 00006c84 cpucfg" "$O/saveload.out" &&
   grep -q "^$icount host:0 vm exit:gspr gid=1" "$O/saveload.out" && [ "$g1" -eq 1 ] && [ "$h0" -eq 1 ]; then
	ok "saveload/trace-on-off"
else
	notok "saveload/trace-on-off" "expected two traced instructions around the exit (see $O/saveload.out)"
fi

# ---- 6. stepping in the debugger does not change the run: its trace
# equals the plain run's (the same instructions and events, in order).
"$SIM" --trace "$O/plain.trace" --trace-events all "$IMG" >/dev/null 2>&1
printf 'break exit gspr\ncontinue\nstep 7\ndelete\nbreak exit int\ncontinue\nstep\nstep 100\ndelete\ncontinue\n' |
	"$SIM" --debug --trace "$O/debug.trace" --trace-events all "$IMG" >/dev/null 2>&1
if [ -s "$O/plain.trace" ] && cmp -s "$O/plain.trace" "$O/debug.trace"; then ok "debug-run-same-trace"
else notok "debug-run-same-trace" "traces differ: $O/plain.trace $O/debug.trace"; fi

# ---- 7. the trace: deterministic, world-labelled, valid JSON lines
"$SIM" --trace "$O/again.trace" --trace-events all "$IMG" >/dev/null 2>&1
if cmp -s "$O/plain.trace" "$O/again.trace"; then ok "trace-deterministic-text"
else notok "trace-deterministic-text" "two runs differ"; fi
"$SIM" --trace "$O/a.jsonl" --trace-events all --trace-format jsonl "$IMG" >/dev/null 2>&1
"$SIM" --trace "$O/b.jsonl" --trace-events all --trace-format jsonl "$IMG" >/dev/null 2>&1
if [ -s "$O/a.jsonl" ] && cmp -s "$O/a.jsonl" "$O/b.jsonl"; then ok "trace-deterministic-jsonl"
else notok "trace-deterministic-jsonl" "two runs differ"; fi
python3 "$T/check_trace.py" "$O/a.jsonl" "$O/plain.trace" "$IMG" || fail=$((fail + 1))
# --trace-events selects: with only vm, every line is a VM event.
"$SIM" --trace "$O/vm.trace" --trace-events vm "$IMG" >/dev/null 2>&1
if [ -s "$O/vm.trace" ] && ! grep -qv ' vm e' "$O/vm.trace"; then ok "trace-events-vm-only"
else notok "trace-events-vm-only" "other lines in $O/vm.trace"; fi

# ---- 8. checkpoints: a run restored from a checkpoint writes the same
# trace as the original from that point on.
python3 "$T/check_checkpoint.py" "$SIM" "$IMG" "$O" all checkpoint || fail=$((fail + 1))

# ---- 9. a terminal: readline completion and history; Ctrl-C
python3 "$T/check_interactive.py" "$SIM" "$IMG" "$SPIN" || fail=$((fail + 1))

# ---- 10. the gdb stub, with the protocol client
python3 "$T/gdb_session.py" "$SIM" "$IMG" "$SPIN" || fail=$((fail + 1))

# ---- 11. the project's hypervisor (hypervisor/README.md): VM i runs as
# GID i + 1, its RAM at HPA 0x2000000 + i x 256 KiB, its image at GPA
# 0x10000 (linked at 0x9000... + GPA), booting with CRMD = 0xa8 (DA, PLV0,
# DATF = DATM = 1); host EENTRY = hv_exception_entry (host_init.c); GCFG
# with MATC = root (1) and GCI = 2.
HV=$BUILD/hv
if [ -f "$HV/sensitive.elf" ]; then
	session hv-sensitive "$HV/sensitive.elf" <<EOF
break exit gspr
continue
explain
info gcsr CRMD
info lvz
info tlb gid 1
step
quit
EOF
	expect hv-sensitive/stop "exit:gspr from guest gid 1" \
		"$(printf '0x%016x' "$(symf "$HV/sensitive.elf" hv_exception_entry)") <hv_exception_entry+0>"
	expect hv-sensitive/explain "the guest executed 'cpucfg" "cpucfg is sensitive"
	expect hv-sensitive/gcsr "guest CRMD      0x00000000000000a8"
	expect hv-sensitive/lvz "VM=0 PVM=1 GIDBIT=8 GID=1" "MATC=1" "GCI=2"
	# the guest's first code page, GPA 0x10000, paged in at HPA 0x2010000
	expect_line hv-sensitive/stage2 "root:stg2  gid=1" "va=0x0000000000010000 ps=12 even: pa=0x002010000 VD"
	expect hv-sensitive/step "<hv_exception_entry+4>"

	# The guest's own symbols: its main, in guest mode, GID 1.
	session hv-symbols "$HV/sensitive.elf" <<EOF
symbols $HV/guests/sensitive.elf
break main gid 1
continue
quit
EOF
	expect hv-symbols/main "symbols from '$HV/guests/sensitive.elf'" \
		"[guest gid 1 plv0] insn" "$(printf '0x%016x' "$(symf "$HV/guests/sensitive.elf" main)") <main+0>:"

	# The guest's sensitive instructions, counted from the trace's VM
	# exits by BADI, are those its source lists (guests/sensitive.c:
	# cpucfg 24, idle 1, iocsr 10, csr 9, cacop 2).
	"$SIM" --trace "$O/hv.jsonl" --trace-events vm --trace-format jsonl "$HV/sensitive.elf" >"$O/hv-sensitive.run" 2>&1
	python3 "$T/count_gspr.py" "$O/hv.jsonl" cpucfg=24 idle=1 iocsr=10 csr=9 cacop=2 || fail=$((fail + 1))
else
	notok hv-sensitive "no $HV/sensitive.elf (make hv-images)"
fi

if [ -f "$HV/paging.elf" ]; then
	# The paging guest's own TLB (guests/paging.c): at its rt_done its
	# pairs at VA_BASE 0x40000000 are guest-type entries of GID 1, and
	# word(VA_BASE, 0) holds 0xfeedface00000000; PWCL = 12 | 9 << 5 |
	# 21 << 10 | 9 << 15 | 30 << 20 | 9 << 25 = 0x13e4d52c.
	session hv-paging "$HV/paging.elf" <<EOF
break $(symf "$HV/guests/paging.elf" rt_done) gid 1
continue
info tlb guest
x/1d va 0x40000000
x/1d gva 0x40000000
info gcsr PWCL
quit
EOF
	expect hv-paging/stop "[guest gid 1 plv0]"
	expect_line hv-paging/guest-tlb " guest      gid=1" "va=0x0000000040000000 ps=12"
	expect hv-paging/va "0x0000000040000000 (hpa 0x" "0xfeedface00000000"
	expect hv-paging/gcsr "guest PWCL      0x0000000013e4d52c"
else
	notok hv-paging "no $HV/paging.elf (make hv-images)"
fi

if [ -f "$HV/timershare.elf" ]; then
	# two VMs, guest timer interrupts injected, host timer slices
	python3 "$T/check_checkpoint.py" "$SIM" "$HV/timershare.elf" "$O" exc,vm,tlb,csr hv-timershare/checkpoint 16 ||
		fail=$((fail + 1))
else
	notok hv-timershare "no $HV/timershare.elf (make hv-images)"
fi
if [ -f "$HV/sensitive.elf" ]; then
	python3 "$T/gdb_hv.py" "$SIM" "$HV/sensitive.elf" "$HV/guests/sensitive.elf" || fail=$((fail + 1))
fi

[ "$fail" -eq 0 ]
