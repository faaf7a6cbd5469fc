# check-isa: the ISA test programs.  Each tests/isa/NAME.c is one concept,
# built with the test runtime (tests/rt) into $(BUILD)/tests/isa/NAME.elf and
# run by tests/rt/compare.sh on lvzsim AND on qemu-system-loongarch64 7.2:
# the UART output must match, and the program's own CHECK_EQs (values
# derived by hand from the manual) must pass on both.
#
#   make check-isa                     all of them
#   make check-isa ISA_ONLY=int_arith  one (or a few, space-separated)

ISA_OUT    := $(BUILD)/tests/isa
ISA_TESTS  := $(sort $(basename $(notdir $(wildcard tests/isa/*.c))))
ISA_IMAGES := $(patsubst %,$(ISA_OUT)/%.elf,$(ISA_TESTS))

.PHONY: check-isa isa-images
isa-images: $(ISA_IMAGES)
images: isa-images

$(TGT)/tests/isa/%.o: TGT_CFLAGS += -Itests/isa

ISA_LIB := $(TGT)/tests/isa/lib/isa_lib.o

$(ISA_OUT)/%.elf: $(TGT)/tests/isa/%.o $(ISA_LIB) $(RT_OBJS) $(RT_LDS)
	$(RT_LINK)

check-isa: sim isa-images
	@sh tests/isa/run.sh $(if $(ISA_ONLY),$(addprefix $(ISA_OUT)/,$(addsuffix .elf,$(ISA_ONLY))),$(ISA_IMAGES))
