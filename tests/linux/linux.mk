# check-linux: the slow tier. Builds Linux 6.12 (tests/linux/build-kernel.sh,
# about 7-10 minutes the first time, cached afterwards), boots it on lvzsim to
# /init and power-off, and compares /init's line with QEMU 7.2's boot of the
# same vmlinux. Not part of `make check` (CI has no time for a kernel build).
LINUX_OUT := $(BUILD)/linux

.PHONY: check-linux linux-kernel
linux-kernel:
	@sh tests/linux/build-kernel.sh $(BUILD)

check-linux: sim
	@sh tests/linux/run.sh $(BUILD)
