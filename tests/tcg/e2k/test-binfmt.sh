#!/bin/sh
# scripts/qemu-binfmt-conf.sh without root: --debian and --systemd output
# into a scratch --exportdir, option errors, and the magic/mask checked
# against the real reference executables (they must match, an x86-64
# ELF must not).
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -u
script=$1
srcdir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/e2k-binfmt.XXXXXX")
trap 'rm -rf "$work"' EXIT
fails=0
n=0

ok() {
    n=$((n + 1))
    echo "ok $n - $1"
}
not_ok() {
    n=$((n + 1))
    fails=$((fails + 1))
    echo "not ok $n - $1"
}
check() {
    desc=$1
    shift
    if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# Debian update-binfmts template.
mkdir "$work/deb"
HOST_ARCH=x86_64 sh "$script" --debian --exportdir "$work/deb" \
    --qemu-path /opt/qemu/bin --persistent yes >"$work/out" 2>"$work/err"
check "debian: exit 0" [ $? -eq 0 ]
check "debian: one file qemu-e2k" [ "$(ls "$work/deb")" = "qemu-e2k" ]
cat >"$work/expect" <<'EOT'
package qemu-e2k
interpreter /opt/qemu/bin/qemu-e2k
magic \x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xaf\x00
mask \xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff
credential no
preserve no
fix_binary yes
EOT
check "debian: template content" cmp -s "$work/expect" "$work/deb/qemu-e2k"

# systemd binfmt.d file, with credential and suffix.
mkdir "$work/sd"
HOST_ARCH=x86_64 sh "$script" --systemd e2k --exportdir "$work/sd" \
    --credential yes --qemu-suffix -static >"$work/out" 2>&1
check "systemd: exit 0" [ $? -eq 0 ]
line=$(cat "$work/sd/qemu-e2k.conf" 2>/dev/null)
check "systemd: register line" [ "$line" = ':qemu-e2k:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xaf\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/local/bin/qemu-e2k-static:OC' ]
mkdir "$work/sd2"
HOST_ARCH=x86_64 sh "$script" --systemd ALL --exportdir "$work/sd2" \
    --persistent yes --preserve-argv0 yes >/dev/null 2>&1
check "systemd ALL: flags FP" grep -q ':/usr/local/bin/qemu-e2k:FP$' "$work/sd2/qemu-e2k.conf"

# On an e2k host nothing is registered.
mkdir "$work/native"
HOST_ARCH=e2k sh "$script" --debian --exportdir "$work/native" >/dev/null 2>&1
check "e2k host: nothing generated" [ -z "$(ls "$work/native")" ]

# Errors.
sh "$script" --systemd sparc --exportdir "$work" >/dev/null 2>"$work/err"
check "unknown cpu: exit 1" [ $? -eq 1 ]
check "unknown cpu: message" grep -q "invalid CPU sparc" "$work/err"
sh "$script" --bogus >/dev/null 2>"$work/err"
check "unknown option: exit 1" [ $? -eq 1 ]
check "unknown option: message" grep -q "unknown option '--bogus'" "$work/err"
sh "$script" --debian --persistent maybe --exportdir "$work" >/dev/null 2>&1
check "bad yes/no: exit 1" [ $? -eq 1 ]
sh "$script" --debian --exportdir "$work/missing" >/dev/null 2>"$work/err"
check "unwritable exportdir: exit 1" [ $? -eq 1 ]
sh "$script" --help >"$work/out"
check "help" grep -q "Usage: qemu-binfmt-conf.sh" "$work/out"

# The magic/mask select e2k executables: apply them like the kernel does
# (shell arithmetic on the first 20 bytes).
e2k_magic_hex="7f 45 4c 46 02 01 01 00 00 00 00 00 00 00 00 00 02 00 af 00"
e2k_mask_hex="ff ff ff ff ff ff ff 00 ff ff ff ff ff ff ff ff fe ff ff ff"
matches() {
    set -- $(od -An -v -tx1 -N20 "$1")
    [ $# -eq 20 ] || return 1
    m=$e2k_magic_hex
    k=$e2k_mask_hex
    for b in "$@"; do
        mb=${m%% *}; m=${m#* }
        kb=${k%% *}; k=${k#* }
        [ $((0x$b & 0x$kb)) -eq $((0x$mb & 0x$kb)) ] || return 1
    done
    return 0
}
for p in hello loop call gcd; do
    check "magic matches ref/$p.ref.elf" matches "$srcdir/ref/$p.ref.elf"
done
host_sh=$(command -v sh)
if matches "$host_sh"; then not_ok "magic rejects $host_sh"; else ok "magic rejects $host_sh"; fi
# ET_DYN matches too, ET_REL does not.
cp "$srcdir/ref/hello.ref.elf" "$work/dyn"
printf '\003' | dd of="$work/dyn" bs=1 seek=16 conv=notrunc 2>/dev/null
check "magic matches ET_DYN" matches "$work/dyn"
printf '\001' | dd of="$work/dyn" bs=1 seek=16 conv=notrunc 2>/dev/null
if matches "$work/dyn"; then not_ok "magic rejects ET_REL"; else ok "magic rejects ET_REL"; fi

# Registering through a stand-in binfmt_misc directory
# (QEMU_BINFMT_MISC_DIR: used as it is, nothing mounted): the line
# written to register, an existing entry reported and left alone,
# --unregister writing -1 to the entry, and the errors.
bm="$work/binfmt_misc"
mkdir "$bm"
: > "$bm/register"
QEMU_BINFMT_MISC_DIR=$bm HOST_ARCH=x86_64 sh "$script" --qemu-path /q \
    --persistent yes >"$work/out" 2>"$work/err"
check "register: exit 0" [ $? -eq 0 ]
check "register: the kernel's line" [ "$(cat "$bm/register")" = \
    ":qemu-e2k:M::$(printf '%s' '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xaf\x00'):$(printf '%s' '\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'):/q/qemu-e2k:F" ]
printf 'enabled\ninterpreter /old/qemu-e2k\n' > "$bm/qemu-e2k"
: > "$bm/register"
QEMU_BINFMT_MISC_DIR=$bm HOST_ARCH=x86_64 sh "$script" --qemu-path /q \
    >"$work/out" 2>"$work/err"
check "register over an entry: exit 1" [ $? -eq 1 ]
check "register over an entry: says so" grep -q \
    "qemu-e2k is already registered ($bm/qemu-e2k, interpreter /old/qemu-e2k); remove it first with --unregister" "$work/err"
check "register over an entry: nothing written" [ ! -s "$bm/register" ]
QEMU_BINFMT_MISC_DIR=$bm HOST_ARCH=x86_64 sh "$script" --unregister \
    >"$work/out" 2>"$work/err"
check "unregister: exit 0" [ $? -eq 0 ]
check "unregister: -1 written to the entry" [ "$(cat "$bm/qemu-e2k")" = "-1" ]
rm "$bm/qemu-e2k"
QEMU_BINFMT_MISC_DIR=$bm HOST_ARCH=x86_64 sh "$script" --unregister \
    >"$work/out" 2>"$work/err"
check "unregister without an entry: exit 1" [ $? -eq 1 ]
check "unregister without an entry: says so" grep -q \
    "qemu-e2k is not registered" "$work/err"
rm "$bm/register"
QEMU_BINFMT_MISC_DIR=$bm HOST_ARCH=x86_64 sh "$script" \
    >"$work/out" 2>"$work/err"
check "no binfmt_misc: exit 1" [ $? -eq 1 ]
check "no binfmt_misc: says so" grep -q \
    "binfmt_misc is not available: $bm/register does not exist" "$work/err"

echo "1..$n"
[ $fails -eq 0 ]
