#!/bin/sh
# hypervisor/check.sh - the check-hypervisor tier: every guest under the
# hypervisor on lvzsim.  One TAP line per assertion group.
#
# Each configuration (hypervisor/configs/NAME.c) is one image,
# build/hv/NAME.elf.  For each run we assert the guests' own verdicts
# (PASS lines, exit statuses), the hypervisor's reaction to bad guests, and
# the exit counts of its table that are deterministic.  Every expected
# count below is derived from what the guest does (its source says the
# same); none is copied from a run.  Counts that depend on timing or on
# which pages a compiler put where (stage-2 refills, page-ins, timer ticks)
# are only checked against invariants of the design:
#   - s2-fault = pagein + mmio + bad (every second-stage fault is one of them)
#   - 1 <= pagein <= 64 (RAM is mapped on first touch, one 4 KiB page at a
#     time, never unmapped: at most the 256 KiB / 4 KiB pages of a VM)
#   - s2-refill >= pagein (a page-in drops the V = 0 entry, the retried
#     access refills it)
BUILD=${BUILD:-build}
SIM=$BUILD/lvzsim
HV=$BUILD/hv
OUT=$HV/check
mkdir -p "$OUT"
fail=0

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1: $2"; fail=1; }

# run NAME: boot build/hv/NAME.elf, keep the output and the exit status.
run() {
	timeout 60 "$SIM" "$HV/$1.elf" >"$OUT/$1.out" 2>&1
	echo $? >"$OUT/$1.rc"
}
rc() { cat "$OUT/$1.rc"; }

# col NAME VM COLUMN: a cell of the exit table of run NAME.
col() {
	awk -v vm="$2" -v c="$3" '
		$1 == "vm" && $2 == "gid" { for (i = 1; i <= NF; i++) idx[$i] = i; intable = 1; next }
		intable && $1 == vm { print $(idx[c]); exit }
		/^hv:/ { intable = 0 }' "$OUT/$1.out"
}

# expect NAME VM "col=value col=value ...": every listed count, exactly.
expect() {
	name=$1 vm=$2 why=""
	for kv in $3; do
		c=${kv%%=*} want=${kv#*=}
		got=$(col "$name" "$vm" "$c")
		[ "$got" = "$want" ] || why="$why $c=$got (want $want)"
	done
	if [ -z "$why" ]; then ok "$name: $vm exit counts ($3)"; else not_ok "$name: $vm exit counts" "$why"; fi
}

# invariants NAME VM: the design's invariants of the stage-2 counts.
invariants() {
	f=$(col "$1" "$2" s2-fault) p=$(col "$1" "$2" pagein) m=$(col "$1" "$2" mmio)
	b=$(col "$1" "$2" bad) r=$(col "$1" "$2" s2-refill)
	if [ -n "$f" ] && [ "$f" -eq $((p + m + b)) ] && [ "$p" -ge 1 ] && [ "$p" -le 64 ] && [ "$r" -ge "$p" ]; then
		ok "$1: $2 stage-2 counts consistent (fault $f = pagein $p + mmio $m + bad $b, refill $r)"
	else
		not_ok "$1: $2 stage-2 counts" "fault=$f pagein=$p mmio=$m bad=$b refill=$r"
	fi
}

# has NAME REGEX DESCRIPTION: the output contains a line matching REGEX.
has() {
	if grep -Eq "$2" "$OUT/$1.out"; then ok "$1: $3"; else not_ok "$1: $3" "no line matching /$2/"; fi
}
hasnt() {
	if grep -Eq "$2" "$OUT/$1.out"; then not_ok "$1: $3" "$(grep -E "$2" "$OUT/$1.out" | head -1)"; else ok "$1: $3"; fi
}

# passed NAME VM...: each VM printed PASS, exited 0, shows PASS in the table.
passed() {
	name=$1; shift
	for vm in "$@"; do
		if grep -qx "\[$vm\] PASS" "$OUT/$name.out" && grep -q "^hv: vm '$vm' exited with status 0" "$OUT/$name.out" &&
		   [ "$(col "$name" "$vm" result)" = PASS ]; then
			ok "$name: $vm passed"
		else
			not_ok "$name: $vm passed" "$(grep -E "^\[$vm\] FAIL|^hv: vm '$vm'" "$OUT/$name.out" | head -3 | tr '\n' ' ')"
		fi
	done
}

# status NAME N: lvzsim's exit status (0 = power-off: everything passed;
# 3 = reset: the hypervisor reported a failure).
status() {
	if [ "$(rc "$1")" = "$2" ]; then ok "$1: simulator exit status $2"; else not_ok "$1: simulator exit status" "$(rc "$1"), want $2"; fi
}

GSPR0="cpucfg=0 idle=0 iocsr=0 csr=0 cacop=0 other=0"

# ---- hello: the virtual UART by MMIO, the console by hypercall ----
run hello
status hello 0
passed hello hello
has hello '^\[hello\] hello from the virtual UART \(MMIO\)$' "UART output, prefixed with the VM name"
has hello '^\[hello\] hello from the console hypercall$' "hypercall output, prefixed with the VM name"
has hello '^hv: LVZ version 1, 8 guest ID bits' "capability check reports LVZ and GSTAT.GIDBIT"
# UART_MSG "hello from the virtual UART (MMIO)\n" is 35 characters: one LSR
# read and one THR write each, then one write to the power-off register:
# mmio = 2 * 35 + 1.  hvc = printf + HC_VM_ID + HC_YIELD + the PASS line.
expect hello hello "$GSPR0 hvc=4 mmio=71 bad=0 irq-inj=0 exc-inj=0"
invariants hello hello

# ---- sensitive: cpucfg, idle, iocsr, csr, cacop emulated ----
run sensitive
status sensitive 0
passed sensitive sensitive
# One exit per instruction executed (guests/sensitive.c lists them): 21 + 3
# cpucfg, 1 idle, 10 IOCSR accesses, 9 accesses to CSRs outside the guest
# bank, the 2 cache-initialising cacops.  hvc = HC_VM_ID + PASS + HC_EXIT.
# Alone, its vCPU is never switched out, so its timer is never re-injected.
expect sensitive sensitive "cpucfg=24 idle=1 iocsr=10 csr=9 cacop=2 other=0 hvc=3 mmio=0 bad=0 irq-inj=0 exc-inj=0"
invariants sensitive sensitive

# ---- timer: the guest's own timer and handler ----
run timer
status timer 0
passed timer timer
# One idle per interrupt (guests/timer.c): 5 periodic + 1 one-shot.  The
# timer is the guest's hardware timer: no interrupt is injected.
expect timer timer "cpucfg=0 idle=6 iocsr=0 csr=0 cacop=0 other=0 hvc=3 mmio=0 bad=0 irq-inj=0 exc-inj=0"
# Five periods of 30000 ticks; alone, a vCPU waiting in idle is looked at
# again at every host timer tick, so each wake-up is at most one slice
# (20000 ticks) late and lateness does not accumulate (the timer is
# periodic in hardware): 150000 <= elapsed <= 150000 + 20000.
el=$(sed -n 's/^\[timer\] 6 timer interrupts; the first 5 took \([0-9]*\) ticks$/\1/p' "$OUT/timer.out")
if [ -n "$el" ] && [ "$el" -ge 150000 ] && [ "$el" -le 170000 ]; then
	ok "timer: 5 periodic interrupts took $el ticks (150000-170000)"
else
	not_ok "timer: 5 periodic interrupts took 150000-170000 ticks" "got '${el}'"
fi

# The same guest switched out whenever it waits (configs/timershare.c):
# with the victim always runnable, each of its 6 interrupts (it arms each
# one when it is about to idle, 30000 ticks ahead) comes due while it is off
# the CPU, so each is injected on reload: irq-inj = 6.
run timershare
status timershare 0
passed timershare victim timer
expect timershare timer "idle=6 irq-inj=6 exc-inj=0"

# ---- vuart: an interrupt injected through GINTC.VIP ----
run vuart
status vuart 0
passed vuart vuart
has vuart '^\[vuart\] interrupt-driven output through the virtual 16550$' "interrupt-driven UART output"
# MSG is N = 50 characters.  The line rises when ETBEI is switched on and
# after each of the N THR writes: irq-inj = N + 1.  MMIO = LCR + IER on +
# N * (IIR + THR) + the last IIR + IER off + one IIR check = 2N + 5.
expect vuart vuart "$GSPR0 hvc=2 mmio=105 bad=0 irq-inj=51 exc-inj=0"

# ---- paging: the guest's own page tables and refill handler ----
run paging
status paging 0
passed paging paging
# Its refills, page faults and TLB instructions are all its own: no exit
# but the second stage's, no injected exception.
expect paging paging "$GSPR0 mmio=0 bad=0 irq-inj=0 exc-inj=0"
invariants paging paging

# ---- user: PLV3 with syscalls into the guest kernel ----
run user
status user 0
passed user user
has user '^\[user\] hello from user mode \(PLV3\)$' "the user program's write syscall"
# The user's cpucfg and the kernel's own; syscall, IPE and PPI stay in the VM.
expect user user "cpucfg=2 idle=0 iocsr=0 csr=0 cacop=0 other=0 mmio=0 bad=0 exc-inj=0"

# ---- isolation: host memory, the hypervisor, another VM ----
run isolation
status isolation 0
passed isolation victim isolation
# guests/isolation.c: 10 targets x (load + store) + TLB alias (2) + DMW
# alias (2) + lddir = 25 attempts, each a bad GPA and an injected ADEM.
expect isolation isolation "bad=25 exc-inj=25 mmio=0"
has isolation "^hv: isolation: 'isolation' was checked [0-9]+ times \(each fault and slice\) against 4 regions: nothing outside its memory changed$" \
	"checksums of the hypervisor, free RAM and the victim's RAM and tables unchanged"
hasnt isolation 'BREACH' "no isolation breach reported"
n=$(sed -n "s/^hv: isolation: 'isolation' was checked \([0-9]*\) times.*/\1/p" "$OUT/isolation.out")
if [ -n "$n" ] && [ "$n" -ge 25 ]; then ok "isolation: checked after each of the 25 attempts ($n checks)"; else not_ok "isolation: checks" "$n"; fi

# ---- tlbshare: two VMs, same addresses, same TLB, different GIDs ----
run tlbshare
status tlbshare 0
passed tlbshare tlb-a tlb-b
if [ "$(col tlbshare tlb-a gid)" != "$(col tlbshare tlb-b gid)" ]; then ok "tlbshare: the two VMs have different GIDs"; else not_ok "tlbshare: GIDs" "equal"; fi
has tlbshare '^\[tlb-a\] keeper: 40 rounds, the other VM ran during [0-9]+ of its yields' "keeper's entries and memory survived the disturber"
has tlbshare '^\[tlb-b\] disturber: 40 rounds' "disturber ran its 40 rounds"
# Negative controls: the same guests where the check must fail.
run sharedgid
status sharedgid 3
hasnt sharedgid '^\[tlb-[ab]\] PASS$' "one GID for both VMs: neither passes (so the test can fail)"
run tlbalone
status tlbalone 3
has tlbalone '^\[tlb-alone\] keeper: 40 rounds, the other VM ran during 0 of its yields' "alone, the guest sees nobody run during its yields"

# ---- bad: documented reactions, and the VM goes on ----
run bad
status bad 0
passed bad bad
# guests/bad.c: 5 accesses to memory it lacks (load, store, fetch, amswap on
# the UART, past the UART's registers); 8 injected exceptions (those 5, an
# unknown hypercall function, an unknown hvcl code, dbcl); 1 GSPR nobody
# emulates (dbcl); hvc = 2 unknown + 2 bad-buffer console writes + PASS + exit.
expect bad bad "cpucfg=0 idle=0 iocsr=0 csr=0 cacop=0 other=1 hvc=6 mmio=0 bad=5 exc-inj=8"

# ---- stops: guests the hypervisor must stop; the others carry on ----
run stops
status stops 3
passed stops hello
has stops "^hv: vm 'crash' stopped: its exception entry 0x40000000 is outside its memory \(GPA 0x40000000\)$" "a lost exception entry stops the VM with a message"
has stops "^hv: vm 'spin' stopped: timeout: still running after the time budget$" "an endless loop is preempted and stopped at the budget"
has stops "^hv: vm 'sleeper' stopped: idle with no interrupt enabled that could wake it$" "an idle nothing can wake stops the VM"
has stops '^hv: 1 of 4 VMs passed; FAILED$' "the hypervisor finished and reported the outcome"
hasnt stops 'PANIC' "no hypervisor panic"
# crash: one bad load (ADEM injected), then the fetch at EENTRY (stopped,
# nothing injected): bad = 2, exc-inj = 1.
expect stops crash "bad=2 exc-inj=1"

# ---- demo (make run): everything at once ----
run demo
status demo 0
passed demo hello sensitive timer vuart paging user tlb-a tlb-b victim isolation bad
has demo '^hv: 11 of 11 VMs passed$' "every VM passed"
gids=$(awk '$1 == "vm" && $2 == "gid" {t = 1; next} t && /^hv:/ {t = 0} t {print $2}' "$OUT/demo.out" | sort -u | wc -l)
if [ "$gids" -eq 11 ]; then ok "demo: 11 VMs with 11 different GIDs"; else not_ok "demo: GIDs" "$gids distinct"; fi
# The guests' deterministic counts do not depend on the company they keep.
expect demo sensitive "cpucfg=24 idle=1 iocsr=10 csr=9 cacop=2 other=0"
expect demo vuart "mmio=105 irq-inj=51"
expect demo isolation "bad=25 exc-inj=25"
has demo "^hv: isolation: 'isolation' was checked [0-9]+ times \(each slice\) against 22 regions: nothing outside its memory changed$" \
	"isolation checked against the hypervisor, free RAM and the 10 other VMs' RAM and tables"

# ---- no FP instruction in the hypervisor or a guest ----
fp=""
for f in "$HV"/*.elf "$HV"/guests/*.elf; do
	n=$(llvm-objdump-19 -d --no-show-raw-insn "$f" |
		grep -cE '^ *[0-9a-f]+:[[:space:]]+(f[a-z]|movgr2f|movf|movcf|movgr2cf|bceqz|bcnez|v[a-z]|xv)')
	[ "$n" -eq 0 ] || fp="$fp $(basename "$f"):$n"
done
if [ -z "$fp" ]; then ok "no FP or vector instruction in any hypervisor or guest image"; else not_ok "FP instructions" "$fp"; fi

exit $fail
