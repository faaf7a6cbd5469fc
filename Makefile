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

DEPS_STAMP := $(BUILD)/.deps

.PHONY: all sim images run check bench clean deps
all: sim images

deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/deps.sh
	@mkdir -p $(BUILD)
	@sh scripts/deps.sh
	@touch $@

sim: $(BUILD)/lvzsim

$(BUILD)/lvzsim: $(SIM_OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/liblvzsim.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

-include $(SIM_OBJS:.o=.d)

# Test tiers and target images: each directory brings its own fragment.
-include $(sort $(wildcard tests/*/*.mk))
-include $(wildcard hypervisor/*.mk)

clean:
	rm -rf $(BUILD)
