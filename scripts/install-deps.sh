#!/bin/sh
# Install the Debian packages the build and the tests need, if missing.
# As root this runs apt-get; otherwise it prints the exact command and
# stops, so a user is never surprised by sudo.
set -e

# Build: compiler, meson, ninja, GLib, zlib, libzstd (qcow2
# compression_type=zstd), nettle (LUKS encryption in qcow2 and luks;
# AES-NI through it); capstone is optional (host
# disassembly for -d out_asm); libaio and liburing are the kernel AIO
# engines of -i native and -i io_uring.  Tests: Debian's qemu-utils is the
# interoperability peer for the block tools; libmpfr-dev is the oracle of
# the e2k FPU tests (correctly rounded results); the zstd tool makes
# reference zstd frames; python3 runs the test summary and comes with
# meson.
pkgs="gcc pkg-config meson ninja-build libglib2.0-dev zlib1g-dev libzstd-dev nettle-dev libcapstone-dev libaio-dev liburing-dev qemu-utils libmpfr-dev zstd"

missing=
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing packages:$missing (no apt-get here: install them by hand)" >&2
    exit 1
fi
if [ "$(id -u)" != 0 ]; then
    echo "Missing build dependencies. Run as root:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing
