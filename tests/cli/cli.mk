# check-cli: the command-line contract (tests/cli/run.sh).
CLI_OUT := $(BUILD)/tests/cli
CLI_IMAGES := $(addprefix $(CLI_OUT)/,reset.elf spin.elf halt.elf highram.elf hello.elf toolate.elf)
CLI_WHAT_reset := 1
CLI_WHAT_spin := 2
CLI_WHAT_halt := 3
CLI_WHAT_highram := 4
CLI_WHAT_hello := 5

.PHONY: check-cli cli-images
cli-images: $(CLI_IMAGES)
images: cli-images

$(CLI_OUT)/%.elf: tests/cli/images.S
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(TARGET_CFLAGS) -DWHAT=$(CLI_WHAT_$*) -c -o $(CLI_OUT)/$*.o $<
	$(TARGET_LD) -Ttext=0x200000 -o $@ $(CLI_OUT)/$*.o

# A valid LoongArch image linked at 8 MiB: outside RAM when run with -m 4M.
$(CLI_OUT)/toolate.elf: tests/cli/images.S
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(TARGET_CFLAGS) -DWHAT=5 -c -o $(CLI_OUT)/toolate.o $<
	$(TARGET_LD) -Ttext=0x800000 -o $@ $(CLI_OUT)/toolate.o

check-cli: sim cli-images
	@sh tests/cli/run.sh
