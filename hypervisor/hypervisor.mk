# hypervisor/hypervisor.mk - the project's own hypervisor (hypervisor/), its
# guests (hypervisor/guests/), `make run` and the check-hypervisor tier.
#
# Everything here is LoongArch code built with clang-19 for
# loongarch64-unknown-none-gnusf -march=loongarch64 -msoft-float: neither the
# hypervisor nor a guest contains an FP instruction (check.sh verifies it).
# The "gnusf" triple implies the soft-float ABI (lp64s), so clang does not
# warn that -msoft-float overrides the lp64d ABI of loongarch64-unknown-elf.
#
#   build/hv/guests/NAME.elf, .bin   a guest, linked at GPA 0x10000 (guest.ld)
#   build/hv/CONFIG.elf              the hypervisor with every guest image in
#                                    it and the VM list of configs/CONFIG.c

HV_OUT := $(BUILD)/hv
HV_CC = $(TARGET_CC)
HV_CFLAGS := --target=loongarch64-unknown-none-gnusf -march=loongarch64 -msoft-float -mcmodel=normal \
	-O2 -g -ffreestanding -fno-builtin -fno-pic -fno-stack-protector -nostdlib \
	-Wall -Wextra -Itests/rt -Ihypervisor

# Guests: one .c each.  GUEST_LIST tells guests.S and configs/ about them.
HV_GUESTS := hello sensitive timer vuart paging user isolation victim tlbshare bad crash spin sleeper
HV_GUEST_LIST := $(foreach g,$(HV_GUESTS),G($(g)))

# Configurations: one hypervisor image each (configs/NAME.c).
HV_CONFIGS := $(basename $(notdir $(filter-out hypervisor/configs/images.c,$(wildcard hypervisor/configs/*.c))))

HV_CORE_SRCS := $(wildcard hypervisor/*.c) hypervisor/start.S hypervisor/entry.S hypervisor/refill.S
HV_CORE_OBJS := $(patsubst hypervisor/%,$(HV_OUT)/obj/%.o,$(basename $(HV_CORE_SRCS))) \
	$(HV_OUT)/obj/rt/printf.o $(HV_OUT)/obj/rt/string.o $(HV_OUT)/obj/guests.o $(HV_OUT)/obj/configs/images.o
GUEST_LIB_OBJS := $(addprefix $(HV_OUT)/obj/rt/,start.o rt.o printf.o string.o) $(HV_OUT)/obj/guests/lib/grt.o
HV_GUEST_BINS := $(foreach g,$(HV_GUESTS),$(HV_OUT)/guests/$(g).bin)
HV_IMAGES := $(foreach c,$(HV_CONFIGS),$(HV_OUT)/$(c).elf)

.PHONY: hv-images check-hypervisor
images: hv-images
hv-images: $(HV_IMAGES)

$(HV_OUT)/obj/%.o: hypervisor/%.c
	@mkdir -p $(dir $@)
	$(HV_CC) $(HV_CFLAGS) -DGUEST_LIST="$(HV_GUEST_LIST)" -Ihypervisor/guests/lib -MMD -MP -c -o $@ $<

$(HV_OUT)/obj/%.o: hypervisor/%.S
	@mkdir -p $(dir $@)
	$(HV_CC) $(HV_CFLAGS) -MMD -MP -c -o $@ $<

# The shared test runtime (start code, rt.c, vsnprintf, string functions),
# rebuilt soft-float; grt.c is a guest's console and exit under it.
$(HV_OUT)/obj/rt/%.o: tests/rt/%.c
	@mkdir -p $(dir $@)
	$(HV_CC) $(HV_CFLAGS) -MMD -MP -c -o $@ $<

$(HV_OUT)/obj/rt/%.o: tests/rt/%.S
	@mkdir -p $(dir $@)
	$(HV_CC) $(HV_CFLAGS) -MMD -MP -c -o $@ $<

$(HV_OUT)/guests/%.elf: $(HV_OUT)/obj/guests/%.o $(GUEST_LIB_OBJS) hypervisor/guests/lib/guest.ld
	@mkdir -p $(dir $@)
	$(TARGET_LD) -T hypervisor/guests/lib/guest.ld -o $@ $< $(GUEST_LIB_OBJS)

$(HV_OUT)/guests/%.bin: $(HV_OUT)/guests/%.elf
	llvm-objcopy-19 -O binary $< $@

$(HV_OUT)/obj/guests.o: hypervisor/guests.S $(HV_GUEST_BINS)
	@mkdir -p $(dir $@)
	$(HV_CC) $(HV_CFLAGS) -DGUEST_LIST="$(HV_GUEST_LIST)" -I$(HV_OUT)/guests -c -o $@ $<

$(HV_OUT)/%.elf: $(HV_CORE_OBJS) $(HV_OUT)/obj/configs/%.o hypervisor/hv.ld
	$(TARGET_LD) -T hypervisor/hv.ld -o $@ $(HV_CORE_OBJS) $(HV_OUT)/obj/configs/$*.o

# GUEST_LIST is a command-line define: rebuild when the list changes.
$(HV_OUT)/obj/guests.o $(HV_OUT)/obj/configs/images.o $(foreach c,$(HV_CONFIGS),$(HV_OUT)/obj/configs/$(c).o): hypervisor/hypervisor.mk

-include $(shell find $(HV_OUT) -name '*.d' 2>/dev/null)

# The main demo: every shipped guest at once, each in its own VM.
run: sim hv-images
	@$(BUILD)/lvzsim $(HV_OUT)/demo.elf

check-hypervisor: sim hv-images
	@sh hypervisor/check.sh
