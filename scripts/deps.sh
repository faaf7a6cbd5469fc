#!/bin/sh
# deps.sh - install the Debian packages lvzsim needs, if any are missing.
# Run by `make` (through build/.deps). Prints what it installs; silent when
# everything is present. Set LVZSIM_NO_DEPS=1 to skip (e.g. non-Debian hosts).
set -e
[ -n "$LVZSIM_NO_DEPS" ] && exit 0
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: nothing to do

# Host build: compiler, ELF loader, REPL, unit tests, device trees.
# Target build and oracles: clang-19/lld-19/llvm-19, QEMU 7.2 (system + user).
# Test scripts: python3 (generators, the gdb protocol client).
PKGS="gcc make libelf-dev libreadline-dev libcmocka-dev libfdt-dev pkg-config \
      clang-19 lld-19 llvm-19 qemu-system-misc qemu-user-static python3"
[ -n "$LVZSIM_EXTRA_DEPS" ] && PKGS="$PKGS $LVZSIM_EXTRA_DEPS"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing missing Debian packages:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
echo "deps: done"
