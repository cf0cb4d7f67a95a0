#!/bin/sh
# binfmt_misc for real: scripts/qemu-binfmt-conf.sh registers a statically
# linked qemu-e2k (./configure --static, built here in a scratch
# directory) with the F flag on the running kernel, mounting binfmt_misc
# if it is not mounted; an e2k program then runs as ./prog and inside a
# chroot that holds nothing but the program.  A second registration is
# refused with a clear message; --unregister removes the entry.  The
# machine is left as it was found (entry removed, binfmt_misc unmounted
# if the test mounted it).
#
#   test-binfmt-chroot.sh SCRIPT SOURCE_ROOT E2K_PROGRAM EXPECTED_STDOUT
#
# Skipped (exit 77, with the reason) unless run as root on a kernel with
# binfmt_misc, with chroot(8), and with no qemu-e2k registered already.
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -u
script=$1
srcroot=$2
prog=$3
want=$4
bm=/proc/sys/fs/binfmt_misc

skip() {
    echo "1..0 # SKIP $*"
    exit 77
}
[ "$(id -u)" = 0 ] || skip "not root (registering with binfmt_misc needs root)"
grep -qw binfmt_misc /proc/filesystems 2>/dev/null ||
    skip "this kernel has no binfmt_misc"
command -v chroot >/dev/null 2>&1 || skip "no chroot(8)"
[ -e "$bm/qemu-e2k" ] &&
    skip "a qemu-e2k entry is registered on this machine already; not touching it"
mounted_before=no
[ -e "$bm/register" ] && mounted_before=yes

work=$(mktemp -d "${TMPDIR:-/tmp}/e2k-binfmt-chroot.XXXXXX")
cleanup() {
    [ -e "$bm/qemu-e2k" ] && echo -1 > "$bm/qemu-e2k"
    if [ "$mounted_before" = no ] && [ -e "$bm/register" ]; then
        umount "$bm"
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check() {
    desc=$1
    shift
    if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# A statically linked qemu-e2k: nothing of it needs to exist in a chroot.
if ! (cd "$srcroot" && ./configure --builddir="$work/build" --static) \
        >"$work/build.log" 2>&1 ||
   ! ninja -C "$work/build" linux-user/qemu-e2k >>"$work/build.log" 2>&1; then
    tail -n 20 "$work/build.log" | sed 's/^/# /'
    not_ok "configure --static and build qemu-e2k"
    echo "1..$n"
    exit 1
fi
ok "configure --static and build qemu-e2k"
mkdir "$work/bin"
cp "$work/build/linux-user/qemu-e2k" "$work/bin/qemu-e2k"
check "qemu-e2k is static" sh -c "! LC_ALL=C ldd '$work/bin/qemu-e2k' 2>&1 | grep -q '=>'"

sh "$script" --qemu-path "$work/bin" --persistent yes >"$work/out" 2>&1
check "register: exit 0" [ $? -eq 0 ]
check "register: says what it set" grep -q "^Setting $work/bin/qemu-e2k as binfmt interpreter for e2k" "$work/out"
check "register: binfmt_misc mounted" [ -e "$bm/register" ]
check "entry enabled" grep -qx enabled "$bm/qemu-e2k"
check "entry has the F flag" grep -qx "flags: F" "$bm/qemu-e2k"

sh "$script" --qemu-path "$work/bin" >"$work/out" 2>&1
check "second registration: exit 1" [ $? -eq 1 ]
check "second registration: says it is registered" grep -q "qemu-e2k is already registered" "$work/out"

# ./prog on the host, then inside a chroot holding only the program.
cp "$prog" "$work/prog"
chmod 755 "$work/prog"
out=$("$work/prog")
check "./prog runs through binfmt_misc" [ "$out" = "$want" ]
mkdir "$work/root"
cp "$prog" "$work/root/prog"
chmod 755 "$work/root/prog"
check "the chroot holds only the program" [ "$(cd "$work/root" && find . | sort | tr '\n' ' ')" = ". ./prog " ]
out=$(chroot "$work/root" /prog)
check "chroot /prog runs (exit 0)" [ $? -eq 0 ]
check "chroot /prog output" [ "$out" = "$want" ]

sh "$script" --unregister >"$work/out" 2>&1
check "unregister: exit 0" [ $? -eq 0 ]
check "unregister: entry gone" [ ! -e "$bm/qemu-e2k" ]
check "unregister: says so" grep -q "^Removing the binfmt interpreter for e2k" "$work/out"
"$work/prog" >/dev/null 2>&1
check "./prog no longer runs" [ $? -ne 0 ]
sh "$script" --unregister >"$work/out" 2>&1
check "unregister again: exit 1" [ $? -eq 1 ]
check "unregister again: says it is not registered" grep -q "qemu-e2k is not registered" "$work/out"

echo "1..$n"
[ $fails -eq 0 ]
