# make bench - lvzsim speed against qemu-system-loongarch64 (tests/bench/run.sh).
# Not part of `make check`: speed is measured here, never by a timed test.

BENCH_OUT := $(BUILD)/tests/bench
BENCH_ITERS_1 := 40000000
BENCH_ITERS_2 := 80000000

.PHONY: bench bench-images
bench-images: $(BENCH_OUT)/hotloop-1.elf $(BENCH_OUT)/hotloop-2.elf

$(BENCH_OUT)/hotloop-%.elf: tests/bench/hotloop.S
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(TARGET_CFLAGS) -DITERS=$(BENCH_ITERS_$*) -c -o $(BENCH_OUT)/hotloop-$*.o $<
	$(TARGET_LD) -Ttext=0x200000 -o $@ $(BENCH_OUT)/hotloop-$*.o

bench: sim bench-images
	@sh tests/bench/run.sh
