#!/bin/sh
# test-proc.sh QEMU_E2K BACKEND PROCREAD_ELF -- /proc as a guest program
# reads it under qemu-e2k (procread.S opens, reads and readlinks; this
# script checks the text): /proc/cpuinfo for two -cpu models, the auxv
# against readelf's view of the program, /proc/self/exe, maps, cmdline,
# stat, the /proc/<pid>/ forms and uname's machine.  TAP output.
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -u
qemu=$1 backend=$2 elf=$(readlink -f "$3")
n=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() {   # ok DESCRIPTION CONDITION-EXIT-STATUS
    n=$((n + 1))
    if [ "$2" = 0 ]; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1"
        failed=$((failed + 1))
    fi
}

run() {  # run [QEMU-OPTIONS...] -- ARGS...: guest stdout into $tmp/out
    opts=
    while [ "$1" != -- ]; do opts="$opts $1"; shift; done
    shift
    # shellcheck disable=SC2086
    QEMU_TCG_BACKEND=$backend timeout 60 "$qemu" $opts "$elf" "$@" \
        > "$tmp/out" 2> "$tmp/err"
}

# /proc/cpuinfo follows -cpu: the e2k kernel's fields, one block per host
# processor (the count the guest's sysconf sees).
ncpu=$(getconf _NPROCESSORS_ONLN)
run -cpu e8c -- /proc/cpuinfo
ok "cpuinfo e8c: exit 0" $?
head -1 "$tmp/out" | grep -qx 'processor	: 0'
ok "cpuinfo e8c: first line" $?
grep -qx 'model name	: E8C' "$tmp/out" && grep -qx 'cpu family	: 4' "$tmp/out"
ok "cpuinfo e8c: model name and family" $?
[ "$(grep -c '^processor	: ' "$tmp/out")" = "$ncpu" ]
ok "cpuinfo e8c: $ncpu processors" $?
run -cpu e16c -- /proc/cpuinfo
grep -qx 'model name	: E16C' "$tmp/out" && grep -qx 'vendor_id	: Elbrus-MCST' "$tmp/out"
ok "cpuinfo e16c: model name and vendor" $?
! grep -q 'GenuineIntel\|AuthenticAMD\|flags' "$tmp/out"
ok "cpuinfo: nothing of the host's" $?

# /proc/self/auxv: 16-byte pairs in guest (little-endian) order, the
# values readelf reads in the program.
run -- /proc/self/auxv
ok "auxv: exit 0" $?
od -An -v -tu8 -w16 "$tmp/out" | awk '{print $1, $2}' > "$tmp/auxv"
entry=$(readelf -hW "$elf" | awk '/Entry point/ {print $4}')
phnum=$(readelf -hW "$elf" | awk '/Number of program headers/ {print $5}')
grep -qx "9 $((entry))" "$tmp/auxv"
ok "auxv: AT_ENTRY is the ELF entry $entry" $?
grep -qx "5 $phnum" "$tmp/auxv" && grep -qx "6 4096" "$tmp/auxv"
ok "auxv: AT_PHNUM $phnum, AT_PAGESZ 4096" $?
grep -qx "16 0" "$tmp/auxv" && ! grep -q "^15 " "$tmp/auxv"
ok "auxv: AT_HWCAP 0 and no AT_PLATFORM, as the e2k kernel" $?
[ "$(tail -1 "$tmp/auxv")" = "0 0" ]
ok "auxv: ends with AT_NULL" $?

# /proc/self/exe and /proc/<pid>/exe name the guest program.
run -- -l /proc/self/exe
[ "$(cat "$tmp/out")" = "$elf" ]
ok "exe: readlink is the program's absolute path" $?

# maps: the program's own text segment, at the address readelf gives.
run -- /proc/self/maps
vaddr=$(readelf -lW "$elf" | awk '$1 == "LOAD" {print $3; exit}')
start=$(printf '%08x' $((vaddr & ~0xfff)))
grep -q "^$start-[0-9a-f]* r-xp 00000000 .* $elf\$" "$tmp/out"
ok "maps: text segment at 0x$start named $elf" $?
grep -q ' \[stack\]$' "$tmp/out"
ok "maps: [stack]" $?
! grep -q 'qemu-e2k\|/lib' "$tmp/out"
ok "maps: no host mappings" $?

# The /proc/<own pid>/ form: sh execs qemu-e2k, so $$ is its pid.
cp "$tmp/out" "$tmp/maps-self"
# shellcheck disable=SC2016  # $$ is the inner shell's
QEMU_TCG_BACKEND=$backend timeout 60 sh -c 'exec "$0" "$1" "/proc/$$/maps"' \
    "$qemu" "$elf" > "$tmp/out" 2> "$tmp/err"
ok "/proc/<pid>/maps: exit 0" $?
grep "^$start-" "$tmp/maps-self" > "$tmp/a"
grep "^$start-" "$tmp/out" > "$tmp/b"
[ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b"
ok "/proc/<pid>/maps: the guest's, as /proc/self/maps" $?
# shellcheck disable=SC2016
QEMU_TCG_BACKEND=$backend timeout 60 sh -c 'exec "$0" "$1" -l "/proc/$$/exe"' \
    "$qemu" "$elf" > "$tmp/out" 2> "$tmp/err"
[ "$(cat "$tmp/out")" = "$elf" ]
ok "/proc/<pid>/exe: the guest program" $?

# cmdline and stat.
run -- /proc/self/cmdline
printf '%s\0%s\0' "$elf" /proc/self/cmdline | cmp -s - "$tmp/out"
ok "cmdline: the guest's argv" $?
run -- /proc/self/stat
grep -q "^[0-9]* ($(basename "$elf" | cut -c1-15)) " "$tmp/out"
ok "stat: the guest program's name" $?
[ "$(awk '{print $26}' "$tmp/out")" = "$((vaddr))" ]
ok "stat: startcode is the text segment" $?

# uname -m
run -- -u
[ "$(cat "$tmp/out")" = e2k ]
ok "uname: machine e2k" $?

# Errors: a missing /proc/self entry is the host's ENOENT (2).
run -- /proc/self/no-such-entry
ok "missing entry: exit ENOENT" "$([ $? = 2 ]; echo $?)"

echo "1..$n"
[ "$failed" = 0 ]
