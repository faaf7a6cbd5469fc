# tests/rt/rt.mk - building bare-metal target images (clang-19, ld.lld-19).
#
# Target objects mirror their source path under $(BUILD)/tgt/, so any
# directory can have its C and assembly built for LoongArch:
#     $(BUILD)/tgt/tests/isa/int.o   from   tests/isa/int.c
# Per-directory flags: a target-specific TGT_CFLAGS, e.g.
#     $(BUILD)/tgt/hypervisor/%.o: TGT_CFLAGS += -Ihypervisor
# A test image links its objects with the runtime (RT_OBJS) using RT_LINK:
#     $(BUILD)/tests/isa/int.elf: $(BUILD)/tgt/tests/isa/int.o $(RT_OBJS)
#             $(RT_LINK)
# Included by the top-level Makefile before every other fragment.

TGT := $(BUILD)/tgt
TGT_CFLAGS = $(TARGET_CFLAGS) -mcmodel=normal -g -Itests/rt
RT_OBJS := $(addprefix $(TGT)/tests/rt/,start.o rt.o board.o printf.o string.o)
RT_LDS := tests/rt/rt.ld
RT_LINK = @mkdir -p $(dir $@) && $(TARGET_LD) -T $(RT_LDS) -o $@ $(filter %.o,$^)

$(TGT)/%.o: %.c
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(TGT_CFLAGS) -MMD -MP -c -o $@ $<

$(TGT)/%.o: %.S
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(TGT_CFLAGS) -MMD -MP -c -o $@ $<

-include $(shell find $(TGT) -name '*.d' 2>/dev/null)
