# lvzsim - LoongArch64 + LVZ instruction-level simulator.
#
#   make            build build/lvzsim and the target-side images
#   make run        the main demo
#   make check      every default test tier; ends with "N passed, N failed"
#   make bench      speed: MIPS and wall time against qemu-system-loongarch64
#
# Missing Debian packages are installed first by scripts/deps.sh.

BUILD    ?= build
CC       ?= gcc
ifeq ($(origin CC),default)
CC       := gcc
endif
OPT      ?= -O2
CFLAGS   ?= -std=c11 $(OPT) -g -Wall -Wextra -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
CPPFLAGS += -I. -MMD -MP
LDLIBS   += -lelf -lreadline -lm

TARGET_CC     ?= clang-19
TARGET_LD     ?= ld.lld-19
TARGET_CFLAGS ?= --target=loongarch64-unknown-elf -march=loongarch64 -mabi=lp64d -O2 \
                 -ffreestanding -fno-builtin -fno-pic -fno-stack-protector -nostdlib -Wall
export BUILD TARGET_CC TARGET_LD TARGET_CFLAGS

SIM_DIRS := sim decode cpu mmu lvz devices
SIM_SRCS := $(sort $(wildcard $(addsuffix /*.c,$(SIM_DIRS))))
SIM_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(SIM_SRCS))
# Everything but the command-line front end: linked into unit tests too.
LIB_OBJS := $(filter-out $(BUILD)/obj/sim/main.o,$(SIM_OBJS))

# Install missing Debian packages before anything is built (silent when
# everything is present; LVZSIM_NO_DEPS=1 skips it).
ifeq ($(filter clean,$(MAKECMDGOALS)),)
DEPS_STATUS := $(shell sh scripts/deps.sh >&2; echo $$?)
ifneq ($(DEPS_STATUS),0)
$(error scripts/deps.sh could not install the packages lvzsim needs)
endif
endif

.PHONY: all sim images run check bench clean
# Keep every intermediate file (generated sources, target objects): make
# would otherwise delete them after the goal and print "rm ..." after the
# test summary, which must be the last line of `make check`.
.SECONDARY:
all: sim images

sim: $(BUILD)/lvzsim

$(BUILD)/lvzsim: $(SIM_OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/liblvzsim.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

-include $(SIM_OBJS:.o=.d)

# Test tiers and target images: each directory brings its own fragment.
# tests/rt/rt.mk first: it defines how target images are built.
include tests/rt/rt.mk
-include $(sort $(filter-out tests/rt/rt.mk,$(wildcard tests/*/*.mk)))
-include $(wildcard hypervisor/*.mk)

# The default test suite (CI runs this through .ci/run).  Slow tiers are
# separate targets: check-diff (long random runs), check-linux and
# check-linux-4k (kernel builds, tests/linux/README.md), bench.
tier = $(if $(wildcard $(1)),$(2))
CHECK_TIERS := check-unit \
	$(call tier,tests/disasm/disasm.mk,check-disasm) \
	$(call tier,tests/fpu/fpu.mk,check-fpu) \
	$(call tier,tests/isa/isa.mk,check-isa) \
	$(call tier,tests/diff/diff.mk,check-diff-quick) \
	$(call tier,tests/fuzz/fuzz.mk,check-fuzz) \
	$(call tier,tests/lvz/lvz.mk,check-lvz) \
	$(call tier,hypervisor/hypervisor.mk,check-hypervisor) \
	$(call tier,tests/debugger/debugger.mk,check-debugger) \
	check-cli

# Until the hypervisor exists (hypervisor/hypervisor.mk defines `run`), the
# demo is the smallest image there is.
ifeq ($(wildcard hypervisor/hypervisor.mk),)
run: all
	$(BUILD)/lvzsim $(BUILD)/tests/cli/hello.elf
endif

check: all
	@sh tests/check.sh $(CHECK_TIERS)

clean:
	rm -rf $(BUILD)
