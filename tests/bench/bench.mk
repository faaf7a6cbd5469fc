# make bench - lvzsim speed against qemu-system-loongarch64 (tests/bench/run.sh).
# Not part of `make check`: speed is measured here, never by a timed test.

BENCH_OUT := $(BUILD)/tests/bench
BENCH_ITERS_1 := 40000000
BENCH_ITERS_2 := 80000000

.PHONY: bench bench-images
BENCH_LOOPS := hotloop guestloop
bench-images: $(foreach w,$(BENCH_LOOPS),$(BENCH_OUT)/$(w)-1.elf $(BENCH_OUT)/$(w)-2.elf)

define bench_image
$(BENCH_OUT)/$(1)-%.elf: tests/bench/$(1).S
	@mkdir -p $$(dir $$@)
	$$(TARGET_CC) $$(TARGET_CFLAGS) -DITERS=$$(BENCH_ITERS_$$*) -c -o $(BENCH_OUT)/$(1)-$$*.o $$<
	$$(TARGET_LD) -Ttext=0x200000 -o $$@ $(BENCH_OUT)/$(1)-$$*.o
endef
$(foreach w,$(BENCH_LOOPS),$(eval $(call bench_image,$(w))))

bench: sim bench-images
	@sh tests/bench/run.sh
