#!/bin/sh
# run-cli-tests.sh QEMU MKBADELF REFDIR
# The qemu-e2k command line end to end (TAP output): help and version,
# option errors, -cpu help, QEMU_* variables, and every malformed ELF
# variant from mkbadelf, which must fail with exit status 1 and a clear
# message naming the file, never a crash.
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -u
qemu=$1 mkbadelf=$2 refdir=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/e2k-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
n=0
fails=0

result() {
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $n - $2"
    else
        fails=$((fails + 1))
        echo "not ok $n - $2"
        sed 's/^/# /' "$work/out" "$work/err" 2>/dev/null | head -20
    fi
}

# run EXPECTED_STATUS DESC ARGS...: stdout in $work/out, stderr in $work/err
run() {
    want=$1 desc=$2
    shift 2
    "$@" >"$work/out" 2>"$work/err"
    got=$?
    [ "$got" -eq "$want" ]
    r=$?
    [ $r -eq 0 ] || echo "exit status $got, expected $want" >>"$work/err"
    result $r "$desc"
}
grep_out() { grep -q -- "$2" "$work/$1"; result $? "$3"; }

run 0 "-h exits 0" "$qemu" -h
grep_out out "^usage: qemu-e2k \[options\] program \[arguments...\]" "-h: usage line"
grep_out out "^-cpu model  *QEMU_CPU  *select CPU (-cpu help for list)" "-h: -cpu row"
grep_out out "^-strace  *QEMU_STRACE  *log system calls" "-h: -strace row"
grep_out out "^-L path  *QEMU_LD_PREFIX" "-h: -L row"
grep_out out "^QEMU_STACK_SIZE = 8388608 byte" "-h: defaults"
run 0 "-help exits 0" "$qemu" -help
run 0 "--help exits 0" "$qemu" --help
run 0 "-version exits 0" "$qemu" -version
grep_out out "^qemu-e2k version [0-9]" "-version text"
run 0 "--version" "$qemu" --version
run 0 "QEMU_VERSION variable" env QEMU_VERSION=1 "$qemu" "$refdir/hello.ref.elf"
grep_out out "^qemu-e2k version [0-9]" "QEMU_VERSION prints the version"
run 1 "no program: exit 1" "$qemu"
grep_out out "^usage:" "no program: usage"
run 1 "unknown option" "$qemu" -bogus "$refdir/hello.ref.elf"
grep_out err "qemu-e2k: unknown option '-bogus'" "unknown option message"
run 1 "missing argument" "$qemu" -cpu
grep_out err "missing argument for option '-cpu'" "missing argument message"
run 1 "bad stack size" "$qemu" -s 12Q "$refdir/hello.ref.elf"
grep_out err "invalid stack size '12Q'" "bad stack size message"
run 1 "bad -d item" "$qemu" -d nosuchitem "$refdir/hello.ref.elf"
run 0 "-d help" "$qemu" -d help
grep_out out "strace" "-d help lists strace"
run 1 "bad -accel backend" "$qemu" -accel tcg,backend=jit "$refdir/hello.ref.elf"
grep_out err "invalid backend 'jit'" "bad backend message"
run 1 "bad -accel" "$qemu" -accel kvm "$refdir/hello.ref.elf"
run 1 "bad -B" "$qemu" -B 0x1001 "$refdir/hello.ref.elf"
run 1 "-E without =" "$qemu" -E FOO "$refdir/hello.ref.elf"
run 0 "-cpu help" "$qemu" -cpu help
for m in e2c+ e2s e8c e8c2 e16c; do
    grep_out out "$m" "-cpu help lists $m"
done
run 1 "-cpu unknown" "$qemu" -cpu no-such-cpu "$refdir/hello.ref.elf"
run 1 "QEMU_CPU unknown" env QEMU_CPU=no-such-cpu "$qemu" "$refdir/hello.ref.elf"
run 0 "QEMU_CPU=help lists" env QEMU_CPU=help "$qemu" "$refdir/hello.ref.elf"
grep_out out "e8c" "QEMU_CPU=help output"
run 1 "QEMU_STACK_SIZE invalid" env QEMU_STACK_SIZE=junk "$qemu" "$refdir/hello.ref.elf"
run 1 "missing file" "$qemu" "$work/nonexistent"
grep_out err "nonexistent: No such file or directory" "missing file message"
run 1 "directory" "$qemu" /
grep_out err "not a regular file" "directory message"

# Options that change how a program runs; hello must still say hello.
hello=$refdir/hello.ref.elf
greeting="Hello from an Elbrus wide instruction!"
run 0 "plain run" "$qemu" "$hello"
grep_out out "^$greeting\$" "plain run output"
run 0 "-B guest base" "$qemu" -B 0x200000000000 "$hello"
grep_out out "^$greeting\$" "-B output"
run 0 "-s stack size" "$qemu" -s 1M "$hello"
run 0 "-E/-U/-0" "$qemu" -E A=1,B=2 -U PATH -0 renamed "$hello"
run 0 "-one-insn-per-tb" "$qemu" -one-insn-per-tb "$hello"
grep_out out "^$greeting\$" "-one-insn-per-tb output"
run 0 "-accel tcg,backend=interp" "$qemu" -accel tcg,backend=interp "$hello"
grep_out out "^$greeting\$" "interp output"
run 0 "-cpu e16c" "$qemu" -cpu e16c "$hello"
run 0 "-- ends options" "$qemu" -- "$hello" -h
grep_out out "^$greeting\$" "-- output"
run 0 "-strace" "$qemu" -strace "$hello"
grep_out err "^[0-9][0-9]* write(1,0x[0-9a-f]*,39) = 39\$" "-strace write line"
grep_out err "^[0-9][0-9]* exit(0)\$" "-strace exit line"
run 0 "QEMU_STRACE" env QEMU_STRACE=1 "$qemu" "$hello"
grep_out err "write(1," "QEMU_STRACE output"
run 0 "-d page -D file" "$qemu" -d page -D "$work/log" "$hello"
grep -q "entry 0x10078" "$work/log"
result $? "-D log file written"
run 0 "QEMU_LOG + QEMU_LOG_FILENAME" env QEMU_LOG=page QEMU_LOG_FILENAME="$work/log2" "$qemu" "$hello"
grep -q "elf: segment 0" "$work/log2"
result $? "QEMU_LOG_FILENAME log written"
run 1 "-D unwritable" "$qemu" -d page -D /nonexistent/dir/log "$hello"
# QEMU's order for one TB: IN (guest code), then OP, then OUT (host code)
run 0 "-d in_asm,op,out_asm" "$qemu" -d in_asm,op,out_asm -D "$work/log3" "$hello"
awk '/^IN: /{ if (s != 0 && s != 3) bad = 1; s = 1 }
     /^OP: /{ if (s != 1) bad = 1; s = 2 }
     /^OUT: /{ if (s != 2) bad = 1; s = 3 }
     END { exit bad || s != 3 }' "$work/log3"
result $? "-d in_asm,op,out_asm: IN, OP, OUT for each TB"
run 21 "gcd exit status" "$qemu" "$refdir/gcd.ref.elf"
run 0 "-R 256M" "$qemu" -R 256M "$hello"
grep_out out "^$greeting\$" "-R output"
run 1 "-R too small" "$qemu" -R 1k "$hello"
run 0 "-seed" "$qemu" -seed 1234 "$hello"
run 1 "-seed junk" "$qemu" -seed junk "$hello"
run 0 "-r uname" "$qemu" -r 6.1.0-e2k "$hello"
run 0 "QEMU_UNAME/QEMU_RAND_SEED/QEMU_RESERVED_VA" env QEMU_UNAME=1.2.3 QEMU_RAND_SEED=5 QEMU_RESERVED_VA=1G "$qemu" "$hello"
run 1 "-B where the space does not fit" "$qemu" -B 0x7fff00000000 "$hello"
grep_out err "cannot reserve" "-B failure message"

# -perfmap: perf's map of the translated code, naming the guest entry
"$qemu" -perfmap "$hello" >"$work/out" 2>"$work/err" &
pid=$!
wait $pid
map=/tmp/perf-$pid.map
entry=$(od -An -j24 -N8 -tx8 "$hello" | tr -d ' ' | sed 's/^0*//')
grep -q " e2k:0x$entry\$" "$map" 2>/dev/null
result $? "-perfmap names the entry TB (0x$entry) in $map"
rm -f "$map"
QEMU_PERFMAP=1 "$qemu" "$hello" >"$work/out" 2>"$work/err" &
pid=$!
wait $pid
test -s "/tmp/perf-$pid.map"
result $? "QEMU_PERFMAP variable"
rm -f "/tmp/perf-$pid.map"

"$mkbadelf" "$refdir" "$work" >"$work/list" || { echo "Bail out! mkbadelf failed"; exit 1; }
tab=$(printf '\t')
while IFS="$tab" read -r name expect; do
    run 1 "bad ELF $name: exit 1" "$qemu" "$work/$name.elf"
    grep_out err "^qemu-e2k: $work/$name.elf: .*$expect" "bad ELF $name: message"
done <"$work/list"

echo "1..$n"
[ $fails -eq 0 ]
