#!/bin/sh
# check-real-test.sh CHECK_REAL QEMU_E2K SYSCALLS_ELF CHECKSUM_ELF -- the
# self-test of tests/check-real.sh (part of `make check`): a directory of
# our own two guest programs under several names, with expected files
# that match and that do not, a filter, a suffixed name, a non-e2k ELF
# and a text file; the table and the exit status must say so.  TAP output.
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -u
check=$1 qemu=$2 syscalls=$3 checksum=$4
n=0 failed=0
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

ok() {
    n=$((n + 1))
    if [ "$2" = 0 ]; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1"
        failed=$((failed + 1))
    fi
}

# row NAME: the table row of program NAME
row() {
    grep "^$1 " "$d/table"
}

mkdir "$d/progs"
p=$d/progs
cp "$syscalls" "$p/syscalls_v3_O1"          # prints "syscalls: ok", exit 7
printf 'syscalls: ok\n' > "$p/syscalls.expected.txt"
cp "$syscalls" "$p/upper"
printf 'SYSCALLS: OK\n' > "$p/upper.expected.txt"
printf 'tr a-z A-Z\n' > "$p/upper.filter"
cp "$checksum" "$p/checksum"                # "FNV-1a of the built-in text: 0x..."
printf '\nFNV-1a of the #\n' > "$p/checksum.expected.txt"
cp "$syscalls" "$p/wrong"
printf 'syscalls: ok\nsyscalls: again\n' > "$p/wrong.expected.txt"
cp "$checksum" "$p/digits"
printf "echo 'N5 x 0.49911010265350343'\n" > "$p/digits.filter"
printf 'N5 0.49911010265350342\n' > "$p/digits.expected.txt"
cp "$checksum" "$p/noexp"
cp "$(command -v true)" "$p/host-true"
echo "notes" > "$p/README.txt"

TIMEOUT=60 "$check" -e "$qemu" "$p" > "$d/table" 2> "$d/err"
ok "a differing program makes the exit status 1" "$([ $? = 1 ]; echo $?)"
head -1 "$d/table" | grep -q '^program  *exit  *seconds  *output$'
ok "header line" $?
[ "$(grep -c '^[A-Za-z_0-9]\+  *[0-9A-Z]\+  *[0-9.]\+  ' "$d/table")" = 6 ]
ok "one row per e2k ELF, none for the host ELF and the text file" $?
row syscalls_v3_O1 | grep -q '^syscalls_v3_O1  *7  *[0-9.]*  ok (syscalls.expected.txt)$'
ok "NAME_suffix uses NAME.expected.txt; exit status 7 shown" $?
row upper | grep -q '  ok (upper.expected.txt)$'
ok "the filter is applied before matching" $?
row checksum | grep -q '  ok (checksum.expected.txt)$'
ok "words in order with others between, # matches a hex number" $?
row wrong | grep -q '  DIFFERS (wrong.expected.txt)$' &&
    grep -A1 '^wrong: first expected line not found' "$d/table" | grep -q 'syscalls: again'
ok "a missing line: DIFFERS, and the line is named" $?
row digits | grep -q '  DIFFERS (digits.expected.txt)$'
ok "17-digit numbers compare as text, not as doubles" $?
row noexp | grep -q '^noexp  *0  *[0-9.]*  -$'
ok "no expected file: -" $?

# The matching subset alone passes, with qemu-e2k options after --.
mkdir "$d/good"
cp "$p/syscalls_v3_O1" "$p/syscalls.expected.txt" "$p/checksum" \
   "$p/checksum.expected.txt" "$d/good/"
"$check" -e "$qemu" "$d/good" -- -cpu e2s > "$d/table" 2>&1
ok "all matching: exit status 0" $?

# -k keeps each program's output under its own name.
"$check" -k -e "$qemu" "$d/good" > "$d/table" 2>&1
kept=$(sed -n 's/^scratch directories and outputs kept in //p' "$d/table")
[ -n "$kept" ] && grep -qx 'syscalls: ok' "$kept/syscalls_v3_O1.out" &&
    [ -d "$kept/checksum.run" ]
ok "-k keeps NAME.out and NAME.run" $?
[ -n "$kept" ] && rm -rf "$kept"

# A program over the time limit: TIMEOUT in the table, exit status 1 (an
# emulator stand-in that sleeps, so the test does not depend on speed).
printf '#!/bin/sh\nsleep 10\n' > "$d/slow-qemu"
chmod +x "$d/slow-qemu"
TIMEOUT=1 "$check" -e "$d/slow-qemu" "$d/good" > "$d/table" 2>&1
[ $? = 1 ] && row checksum | grep -q '^checksum  *TIMEOUT  *[0-9.]*  DIFFERS'
ok "over TIMEOUT: TIMEOUT in the table, exit status 1" $?

# Usage errors are clear and exit 2.
"$check" -e "$qemu" "$d/missing" > /dev/null 2> "$d/err"
[ $? = 2 ] && grep -q "is not a directory" "$d/err"
ok "missing directory: exit 2 with a message" $?
"$check" -e "$d/no-qemu" "$d/good" > /dev/null 2> "$d/err"
[ $? = 2 ] && grep -q "no qemu-e2k executable" "$d/err"
ok "missing emulator: exit 2 with a message" $?
mkdir "$d/empty"
"$check" -e "$qemu" "$d/empty" > /dev/null 2> "$d/err"
[ $? = 1 ] && grep -q "no e2k ELF programs" "$d/err"
ok "no e2k programs: exit 1 with a message" $?
TIMEOUT=soon "$check" -e "$qemu" "$d/good" > /dev/null 2> "$d/err"
[ $? = 2 ] && grep -q "TIMEOUT='soon'" "$d/err"
ok "a bad TIMEOUT: exit 2 with a message" $?

echo "1..$n"
[ "$failed" = 0 ]
