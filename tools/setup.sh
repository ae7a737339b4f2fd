#!/bin/sh
# Bulkhead: install everything the build, the demo and the tests need on Debian 12.
#
# Idempotent: when every package is present it only checks and returns (about a
# second). Host packages come from apt; AArch64 artefacts (libfdt.a for the EL2
# image, Debian's arm64 kernel and busybox for the guests) are fetched with
# `apt-get download` into build/pkgs/ and unpacked into build/sysroot/, so a second
# run downloads nothing. Uses sudo when not run as root.
set -eu

TOP=$(cd "$(dirname "$0")/.." && pwd)
PKGDIR="$TOP/build/pkgs"
SYSROOT="$TOP/build/sysroot"

HOST_PKGS="make gcc libc6-dev gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu \
qemu-system-arm u-boot-qemu u-boot-tools device-tree-compiler libfdt-dev \
dt-schema python3-kconfiglib libcmocka-dev python3-pytest python3-pexpect \
cpio clang llvm libclang-rt-14-dev clang-format cppcheck gdb-multiarch \
gcc-arm-none-eabi binutils-arm-none-eabi"

# arm64 packages unpacked into the sysroot (never installed on the host).
ARM64_PKGS="libfdt-dev libfdt1 busybox-static linux-image-arm64 linux-image-rt-arm64"
# armhf packages for the AArch32 Linux guest (guests/linux32), unpacked into
# their own sysroot (build/sysroot-armhf): the 32-bit Debian kernel (LPAE, a
# zImage) and busybox for its initramfs; libfdt.a for the AArch32 guests built
# on the guest library (guests/lib/build.mk, LIBFDT32_A).
ARMHF_PKGS="busybox-static linux-image-armmp-lpae libfdt-dev"
ARMHF_SYSROOT="$TOP/build/sysroot-armhf"
# Kernel flavours: linux-image-<flavour> is a metapackage; its real image package
# (linux-image-<abi>-<flavour>) is resolved and downloaded too.
KERNEL_FLAVOURS="arm64 rt-arm64"

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

log() { printf 'setup: %s\n' "$*"; }

missing_host_pkgs() {
	for p in $HOST_PKGS; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
			printf '%s ' "$p"
		fi
	done
}

apt_updated=0
apt_update() {
	if [ "$apt_updated" -eq 0 ]; then
		log "apt-get update"
		$SUDO apt-get update -qq
		apt_updated=1
	fi
}

install_host() {
	miss=$(missing_host_pkgs)
	if [ -n "$miss" ]; then
		apt_update
		log "installing: $miss"
		# shellcheck disable=SC2086
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $miss
	fi
}

ensure_arm64_arch() {
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		log "adding the arm64 architecture for apt-get download"
		$SUDO dpkg --add-architecture arm64
		apt_updated=0
	fi
}

# Resolve linux-image-<flavour> (a metapackage) to the real image package once.
resolve_kernel_pkg() {
	apt-cache depends "linux-image-$1:arm64" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -n1
}

# Is the real image package of flavour $1 downloaded? ("arm64" must not match
# "rt-arm64": its ABI ends in a digit.)
have_kernel_pkg() {
	case "$1" in
	arm64) ls "$PKGDIR"/linux-image-[0-9]*[0-9]-arm64_*_arm64.deb ;;
	*) ls "$PKGDIR"/linux-image-[0-9]*-"$1"_*_arm64.deb ;;
	esac >/dev/null 2>&1
}

fetch_arm64() {
	mkdir -p "$PKGDIR" "$SYSROOT"
	need=0
	for p in $ARM64_PKGS; do
		ls "$PKGDIR/${p}_"*_arm64.deb >/dev/null 2>&1 || need=1
	done
	for f in $KERNEL_FLAVOURS; do
		have_kernel_pkg "$f" || need=1
	done
	if [ "$need" -eq 1 ]; then
		ensure_arm64_arch
		apt_update
		for p in $ARM64_PKGS; do
			if ! ls "$PKGDIR/${p}_"*_arm64.deb >/dev/null 2>&1; then
				log "downloading $p:arm64"
				(cd "$PKGDIR" && apt-get download -q "$p:arm64")
			fi
		done
		for f in $KERNEL_FLAVOURS; do
			if ! have_kernel_pkg "$f"; then
				k=$(resolve_kernel_pkg "$f")
				[ -n "$k" ] || { log "cannot resolve the $f kernel package"; exit 1; }
				log "downloading $k:arm64"
				(cd "$PKGDIR" && apt-get download -q "$k:arm64")
			fi
		done
	fi
	stamp="$SYSROOT/.unpacked"
	if [ ! -f "$stamp" ] || [ -n "$(find "$PKGDIR" -name '*.deb' -newer "$stamp")" ]; then
		for d in "$PKGDIR"/*.deb; do
			log "unpacking $(basename "$d")"
			dpkg-deb -x "$d" "$SYSROOT"
		done
		touch "$stamp"
	fi
}

# The armhf packages, into $PKGDIR/armhf (kept apart from the arm64 ones that
# fetch_arm64 unpacks) and unpacked into $ARMHF_SYSROOT.
fetch_armhf() {
	dir="$PKGDIR/armhf"
	mkdir -p "$dir" "$ARMHF_SYSROOT"
	if ! ls "$dir"/linux-image-[0-9]*-armmp-lpae_*_armhf.deb >/dev/null 2>&1 ||
		! ls "$dir"/busybox-static_*_armhf.deb >/dev/null 2>&1 ||
		! ls "$dir"/libfdt-dev_*_armhf.deb >/dev/null 2>&1; then
		if ! dpkg --print-foreign-architectures | grep -qx armhf; then
			log "adding the armhf architecture for apt-get download"
			$SUDO dpkg --add-architecture armhf
			apt_updated=0
		fi
		apt_update
		k=$(apt-cache depends "linux-image-armmp-lpae:armhf" 2>/dev/null |
			sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -n1)
		[ -n "$k" ] || { log "cannot resolve the armmp-lpae kernel package"; exit 1; }
		log "downloading $k:armhf busybox-static:armhf libfdt-dev:armhf"
		(cd "$dir" && apt-get download -q "$k:armhf" "busybox-static:armhf" "libfdt-dev:armhf")
	fi
	stamp="$ARMHF_SYSROOT/.unpacked"
	if [ ! -f "$stamp" ] || [ -n "$(find "$dir" -name '*.deb' -newer "$stamp")" ]; then
		for d in "$dir"/*.deb; do
			log "unpacking $(basename "$d")"
			dpkg-deb -x "$d" "$ARMHF_SYSROOT"
		done
		touch "$stamp"
	fi
}

install_host
fetch_arm64
fetch_armhf
log "ready"
