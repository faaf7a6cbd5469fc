#!/bin/sh
# build-kernel.sh - build the check-linux kernels from Linux 6.12 (Debian's
# linux-source-6.12) with clang-19/ld.lld-19 (LLVM=-19):
#
#   guest  tinyconfig + kernel.fragment + guest.fragment, built-in DTB
#          lvzsim-kvm-guest.dts (the VM /init creates under KVM), built-in
#          initramfs holding /init (init.c, init_kvm.c, init_vmm.c);
#   host   tinyconfig + kernel.fragment + host.fragment, built-in DTB
#          lvzsim-virt.dts (lvzsim and QEMU 7.2 -M virt), built-in initramfs
#          holding the same /init and the guest kernel as /guest/vmlinux.
#
#   host4k the host kernel with 4 KiB pages and four page-table levels
#          (+ page4k.fragment) and without the guest: $BUILD/linux-4k;
#          built only when asked for (check-linux-4k).
#
#   tests/linux/build-kernel.sh [BUILD [KERNEL...]]   (default: ./build guest host)
#
# Results: $BUILD/linux/vmlinux (host) and $BUILD/linux-guest/vmlinux, each
# directory being that kernel's O= build directory; /init in
# $BUILD/linux/initramfs/init. The source is unpacked once into
# $BUILD/linux-source-6.12/. A kernel is not rebuilt when its inputs (this
# script, its fragments and DTS, the /init sources, the source tarball and,
# for the host, the guest kernel) are unchanged since its last successful
# build: their checksums are kept in inputs.sha256 in its directory. The
# first build takes 7-10 minutes per kernel on two cores; JOBS (default 2)
# and NICE (default 10) say how it runs.
set -e

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
BUILD=${1:-${BUILD:-build}}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
[ $# -gt 1 ] && shift && WANT=" $* " || WANT=" guest host "
JOBS=${JOBS:-2}
NICE=${NICE:-10}

TARBALL=/usr/src/linux-source-6.12.tar.xz
SRC=$BUILD/linux-source-6.12
INITDIR=$BUILD/linux/initramfs
INIT=$INITDIR/init          # not $BUILD/linux/init: that is the kernel's init/ object dir

# Debian packages: the source itself and the kernel's host-side build tools
# (kconfig: flex, bison; timeconst: bc; initramfs: cpio; objtool/resolve:
# libelf). scripts/deps.sh installs whatever is missing.
LVZSIM_EXTRA_DEPS="linux-source-6.12 flex bison bc cpio perl python3 libelf-dev xz-utils" \
	sh "$TOP/scripts/deps.sh"
[ -f "$TARBALL" ] || { echo "build-kernel: $TARBALL missing" >&2; exit 1; }

# 1. Source tree: a private unpacked copy (the builds add our DTS files).
if [ ! -f "$SRC/.unpacked" ] || [ "$TARBALL" -nt "$SRC/.unpacked" ]; then
	echo "build-kernel: unpacking $TARBALL into $BUILD/"
	rm -rf "$SRC"
	mkdir -p "$BUILD"
	tar -xJf "$TARBALL" -C "$BUILD"
	touch "$SRC/.unpacked"
fi
# BUILTIN_DTB_NAME names a DTS under arch/loongarch/boot/dts/
# (arch/loongarch/boot/dts/Makefile: obj-$(CONFIG_BUILTIN_DTB)).
for dts in lvzsim-virt.dts lvzsim-kvm-guest.dts; do
	cmp -s "$HERE/$dts" "$SRC/arch/loongarch/boot/dts/$dts" ||
		cp "$HERE/$dts" "$SRC/arch/loongarch/boot/dts/$dts"
done

# 2. /init: static, no libc, no LSX (-march=loongarch64; QEMU 7.2 has none).
mkdir -p "$INITDIR"
clang-19 --target=loongarch64-linux-gnu -march=loongarch64 -O2 -Wall -Wextra \
	-ffreestanding -fno-pic -fno-stack-protector -nostdlib -static \
	--ld-path=/usr/bin/ld.lld-19 -Wl,--build-id=none \
	-o "$INIT.new" "$HERE/init.c" "$HERE/init_kvm.c" "$HERE/init_vmm.c"
if cmp -s "$INIT.new" "$INIT"; then rm "$INIT.new"; else mv "$INIT.new" "$INIT"; fi

# build_kernel NAME "FRAGMENT..." DTS: one kernel into $BUILD/NAME.
# $CPIO_EXTRA: more gen_init_cpio lines for its initramfs.
build_kernel() {
	out=$BUILD/$1 frag=$2 dts=$3
	mkdir -p "$out"
	{ cat "$HERE/initramfs.list"; [ -z "$CPIO_EXTRA" ] || printf "%s\n" "$CPIO_EXTRA"; } |
		sed "s|@INIT@|$INIT|" >"$out/initramfs.list.new"
	(cd "$HERE" && sed "s|@INITRAMFS_LIST@|$out/initramfs.list|" kernel.fragment $frag) \
		>"$out/kernel.fragment.new"
	for f in initramfs.list kernel.fragment; do
		if cmp -s "$out/$f.new" "$out/$f"; then rm "$out/$f.new"; else mv "$out/$f.new" "$out/$f"; fi
	done
	sum=$( (cd "$HERE" && sha256sum build-kernel.sh "$dts" init.c init_kvm.c init_vmm.c init_lib.h $frag
		cd "$out" && sha256sum initramfs.list kernel.fragment
		[ -z "$CPIO_EXTRA_FILE" ] || sha256sum "$CPIO_EXTRA_FILE"
		ls -l --time-style=+%s "$TARBALL" | awk '{print $5, $6, $7}') )
	if [ -f "$out/vmlinux" ] && [ -f "$out/inputs.sha256" ] &&
	   [ "$sum" = "$(cat "$out/inputs.sha256")" ]; then
		echo "build-kernel: $out/vmlinux is up to date"
		return 0
	fi
	rm -f "$out/inputs.sha256"

	# Configuration: tinyconfig, our fragments, then olddefconfig for the rest.
	M="nice -n $NICE make -s -C $SRC O=$out ARCH=loongarch LLVM=-19"
	$M tinyconfig >/dev/null
	(cd "$out" && "$SRC/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" \
		"$out/kernel.fragment" >/dev/null)
	$M olddefconfig >/dev/null
	# merge_config.sh does not fail when Kconfig drops a request (unmet
	# dependency): check that every line of the fragments made it.
	missing=$(grep '^CONFIG_[A-Z0-9_]*=' "$out/kernel.fragment" | grep -vxF -f "$out/.config" || true)
	still=$(sed -n 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1=/p' "$out/kernel.fragment" |
		while read -r o; do grep "^$o" "$out/.config" || true; done)
	[ -z "$missing$still" ] || {
		echo "build-kernel: $1: fragment not applied: $missing $still" >&2; exit 1; }

	start=$(date +%s)
	$M -j"$JOBS" vmlinux
	echo "build-kernel: $1/vmlinux built in $(( $(date +%s) - start )) s"
	ls -l "$out/vmlinux"
	echo "$sum" >"$out/inputs.sha256"
}

# 3. The guest first: the host's initramfs carries it (without symbols).
case $WANT in *" guest "*|*" host "*)
	CPIO_EXTRA="" CPIO_EXTRA_FILE=""
	build_kernel linux-guest guest.fragment lvzsim-kvm-guest.dts
	GUEST=$BUILD/linux/initramfs/guest-vmlinux
	llvm-objcopy-19 --strip-all "$BUILD/linux-guest/vmlinux" "$GUEST.new"
	if cmp -s "$GUEST.new" "$GUEST"; then rm "$GUEST.new"; else mv "$GUEST.new" "$GUEST"; fi
esac

# 4. The host.
case $WANT in *" host "*)
	CPIO_EXTRA="dir /guest 0755 0 0
file /guest/vmlinux $GUEST 0644 0 0"
	CPIO_EXTRA_FILE=$GUEST
	build_kernel linux host.fragment lvzsim-virt.dts
esac

# 5. The 4 KiB-page host, on request.
case $WANT in *" host4k "*)
	CPIO_EXTRA="" CPIO_EXTRA_FILE=""
	build_kernel linux-4k "host.fragment page4k.fragment" lvzsim-virt.dts
esac
