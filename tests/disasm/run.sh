#!/usr/bin/env bash
# Compare lvzsim's disassembler (decode/disasm.c) with llvm-objdump-19.
#
#   bash tests/disasm/run.sh        (or: make check-disasm)
#
# Environment: SEED (default 20240601), K random operand sets per table
# entry (default 16), N random words (default 1000000), BUILD (build),
# DISASM_GEN (the generator; built with tests/disasm/disasm.mk if unset).
#
# Three test cases, all words generated now and all expected text coming
# from llvm-objdump-19 now (nothing is stored):
#   1. every table entry: its match word, all operand bits set, and K
#      random operand sets -> exact text;
#   2. single-bit neighbours of every entry -> exact text (finds masks
#      that are too loose or too strict, and the aliases nop/move/jr/ret);
#   3. N random words -> valid/invalid agreement (and exact text).
# Deliberate exclusions (the only ones):
#   - words llvm decodes as LSX, LASX or LBT: lvzsim implements none of
#     them, so they are left out of the text/validity comparison, but they
#     must be invalid for our decoder.  With the default seed: 0 of the
#     table words, 902 of the 25856 neighbours, 38166 of the 1000000
#     random words (the exact counts are printed on every run);
#   - llvm's " <sym+off>" comment after branch offsets is cut off before
#     comparing the instruction text.
# llvm-objdump runs with -z so that it prints zero words too.  One run
# over 1M words takes a few seconds, so the words are not split in chunks.
set -u
cd "$(dirname "$0")/../.."

SEED=${SEED:-20240601}
K=${K:-16}
N=${N:-1000000}
BUILD=${BUILD:-build}
OUT=$BUILD/tests/disasm
CLANG=${CLANG:-clang-19}
OBJDUMP=${OBJDUMP:-llvm-objdump-19}

mkdir -p "$OUT"
if [ -z "${DISASM_GEN:-}" ]; then
	DISASM_GEN=$OUT/disasm_gen
	make -s -f tests/disasm/disasm.mk BUILD="$BUILD" "$DISASM_GEN" || {
		echo "not ok - disasm: cannot build the generator"; exit 1; }
fi
for tool in "$CLANG" "$OBJDUMP"; do
	command -v "$tool" >/dev/null || { echo "not ok - disasm: $tool not found"; exit 1; }
done

# words.bin -> llvm-objdump text: assemble the raw words into .text.
objdump_words() {   # $1 = .bin, $2 = output .txt
	local s=${1%.bin}.s o=${1%.bin}.o
	printf '.text\n.incbin "%s"\n' "$(basename "$1")" > "$s"
	(cd "$(dirname "$1")" && "$CLANG" --target=loongarch64-unknown-elf -c "$(basename "$s")" -o "$(basename "$o")") &&
	"$OBJDUMP" -d -z --no-show-raw-insn "$o" > "$2"
}

rc=0
run_case() {   # $1 = mode, $2 = label arg, then generator arguments
	local mode=$1 arg=$2; shift 2
	local bin=$OUT/$mode.bin txt=$OUT/$mode.txt
	if ! "$DISASM_GEN" "$mode" "$@" "$bin"; then
		echo "not ok - disasm: $mode: generator failed"; rc=1; return
	fi
	if ! objdump_words "$bin" "$txt"; then
		echo "not ok - disasm: $mode: clang/llvm-objdump failed"; rc=1; return
	fi
	"$DISASM_GEN" compare "$mode" "$arg" "$bin" "$txt" || rc=1
}

echo "# seed $SEED"
run_case table "$K" "$SEED" "$K"
run_case flips - "$SEED"
run_case random "$N" "$SEED" "$N"
exit $rc
