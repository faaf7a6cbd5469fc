# Differential random testing against QEMU 7.2 (tests/diff/diff.py).
#
#   make check-diff-quick            part of `make check`: DIFF_QUICK_N
#                                    sequences from a fixed seed
#   make check-diff N=5000 SEED=42   the long run; SEED defaults to the
#                                    time, and is printed either way
#
# DIFF_FP=1 (the default) adds the scalar FP classes: EUEN.FPE set, random
# FCSR rounding modes (and now and then enables and flags), FP arithmetic,
# fused multiply-add, conversions, compares, fsel, moves, FCSR moves,
# loads/stores and bceqz/bcnez.  DIFF_FP=0 leaves them out.

DIFF_OUT      := $(BUILD)/tests/diff
DIFF_HARNESS  := $(TGT)/tests/diff/harness.o
DIFF_QUICK_N  ?= 1024
DIFF_QUICK_SEED ?= 20261124
DIFF_FP       ?= 1
N             ?= 4096
SEED          ?= $(shell date +%s)

DIFF_RUN = python3 tests/diff/diff.py --lvzsim $(BUILD)/lvzsim \
	--cc "$(TARGET_CC) $(TGT_CFLAGS)" --ld "$(TARGET_LD) -T $(RT_LDS)" \
	--objs "$(RT_OBJS) $(DIFF_HARNESS)" --out $(DIFF_OUT) --fp $(DIFF_FP)

.PHONY: check-diff-quick check-diff diff-objs
diff-objs: $(RT_OBJS) $(DIFF_HARNESS)
images: diff-objs

check-diff-quick: sim diff-objs
	@$(DIFF_RUN) --name diff-quick --seed $(DIFF_QUICK_SEED) --count $(DIFF_QUICK_N)

check-diff: sim diff-objs
	@$(DIFF_RUN) --name diff --seed $(SEED) --count $(N)
