# check-linux: the slow tier (tests/linux/README.md). Builds two Linux 6.12
# kernels (tests/linux/build-kernel.sh: 7-10 minutes each the first time on
# two cores, cached afterwards), boots the host kernel on lvzsim through its
# self-tests, /init's checks and a KVM guest running the guest kernel, to
# power-off, and compares it with QEMU 7.2's boot of the same vmlinux.
# Not part of `make check` (CI has no time for kernel builds).

# check-linux-4k: the host kernel again with 4 KiB pages and four page-table
# levels (one more kernel build); no QEMU comparison (QEMU 7.2 cannot boot it).
.PHONY: check-linux check-linux-4k linux-kernels
linux-kernels:
	@sh tests/linux/build-kernel.sh $(BUILD)

check-linux: sim
	@sh tests/linux/run.sh $(BUILD)

check-linux-4k: sim
	@sh tests/linux/run.sh $(BUILD) 4k
