#!/bin/sh
# build-kernel.sh - build the check-linux kernel: Linux 6.12 (Debian's
# linux-source-6.12), tinyconfig + tests/linux/kernel.fragment, with the
# built-in DTB tests/linux/lvzsim-virt.dts and a built-in initramfs holding
# tests/linux/init.c (+ init_kvm.c) as /init, compiled with clang-19/ld.lld-19 (LLVM=-19).
#
#   tests/linux/build-kernel.sh [BUILD]      (BUILD defaults to ./build)
#
# Results: $BUILD/linux/vmlinux (the kernel build's O= directory),
# $BUILD/linux/initramfs/init. The source is unpacked once into
# $BUILD/linux-source-6.12/. Nothing is rebuilt when the inputs (this script,
# the fragment, the DTS, init.c, initramfs.list, the source tarball) are
# unchanged since the last successful build: their checksums are kept in
# $BUILD/linux/inputs.sha256. The first build takes about 7-10 minutes on two
# cores; set JOBS (default 2) and NICE (default 10) to change how it runs.
set -e

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
BUILD=${1:-${BUILD:-build}}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
JOBS=${JOBS:-2}
NICE=${NICE:-10}

TARBALL=/usr/src/linux-source-6.12.tar.xz
SRC=$BUILD/linux-source-6.12
OUT=$BUILD/linux
STAMP=$OUT/inputs.sha256
INIT=$OUT/initramfs/init    # not $OUT/init: that is the kernel's init/ object dir

# Debian packages: the source itself and the kernel's host-side build tools
# (kconfig: flex, bison; timeconst: bc; initramfs: cpio; objtool/resolve:
# libelf). scripts/deps.sh installs whatever is missing.
LVZSIM_EXTRA_DEPS="linux-source-6.12 flex bison bc cpio perl python3 libelf-dev xz-utils" \
	sh "$TOP/scripts/deps.sh"
[ -f "$TARBALL" ] || { echo "build-kernel: $TARBALL missing" >&2; exit 1; }

inputs_sum() {
	( cd "$HERE" && sha256sum build-kernel.sh kernel.fragment lvzsim-virt.dts init.c init_kvm.c init_lib.h initramfs.list
	  ls -l --time-style=+%s "$TARBALL" | awk '{print $5, $6, $7}' )
}
mkdir -p "$OUT/initramfs"
if [ -f "$OUT/vmlinux" ] && [ -f "$STAMP" ] && inputs_sum | cmp -s - "$STAMP"; then
	echo "build-kernel: $OUT/vmlinux is up to date"
	exit 0
fi
rm -f "$STAMP"

# 1. Source tree: a private unpacked copy (the build adds our DTS to it).
if [ ! -f "$SRC/.unpacked" ] || [ "$TARBALL" -nt "$SRC/.unpacked" ]; then
	echo "build-kernel: unpacking $TARBALL into $BUILD/"
	rm -rf "$SRC"
	tar -xJf "$TARBALL" -C "$BUILD"
	touch "$SRC/.unpacked"
fi
# BUILTIN_DTB_NAME names a DTS under arch/loongarch/boot/dts/
# (arch/loongarch/boot/dts/Makefile: obj-$(CONFIG_BUILTIN_DTB)).
cmp -s "$HERE/lvzsim-virt.dts" "$SRC/arch/loongarch/boot/dts/lvzsim-virt.dts" ||
	cp "$HERE/lvzsim-virt.dts" "$SRC/arch/loongarch/boot/dts/lvzsim-virt.dts"

# 2. /init: static, no libc, no LSX (-march=loongarch64; QEMU 7.2 has none).
clang-19 --target=loongarch64-linux-gnu -march=loongarch64 -O2 -Wall -Wextra \
	-ffreestanding -fno-pic -fno-stack-protector -nostdlib -static \
	--ld-path=/usr/bin/ld.lld-19 -Wl,--build-id=none \
	-o "$INIT.new" "$HERE/init.c" "$HERE/init_kvm.c"
if cmp -s "$INIT.new" "$INIT"; then rm "$INIT.new"; else mv "$INIT.new" "$INIT"; fi
sed "s|@INIT@|$INIT|" "$HERE/initramfs.list" > "$OUT/initramfs.list"

# 3. Configuration: tinyconfig, our fragment, then olddefconfig for the rest.
M="nice -n $NICE make -s -C $SRC O=$OUT ARCH=loongarch LLVM=-19"
sed "s|@INITRAMFS_LIST@|$OUT/initramfs.list|" "$HERE/kernel.fragment" > "$OUT/kernel.fragment"
$M tinyconfig >/dev/null
(cd "$OUT" && "$SRC/scripts/kconfig/merge_config.sh" -m -O "$OUT" "$OUT/.config" \
	"$OUT/kernel.fragment" >/dev/null)
$M olddefconfig >/dev/null
# merge_config.sh does not fail when Kconfig drops a request (unmet
# dependency): check every line of the fragment made it.
missing=$(grep '^CONFIG_[A-Z0-9_]*=' "$OUT/kernel.fragment" | grep -vxF -f "$OUT/.config" || true)
still=$(sed -n 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1=/p' "$OUT/kernel.fragment" |
	while read -r o; do grep "^$o" "$OUT/.config" || true; done)
[ -z "$missing$still" ] || {
	echo "build-kernel: fragment not applied: $missing $still" >&2; exit 1; }

# 4. vmlinux.
start=$(date +%s)
$M -j"$JOBS" vmlinux
echo "build-kernel: vmlinux built in $(( $(date +%s) - start )) s"
ls -l "$OUT/vmlinux"
inputs_sum > "$STAMP"
