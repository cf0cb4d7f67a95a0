#!/bin/sh
# Dynamic programs end to end (TAP): dyn-prog (e2k-asm -pie, PT_INTERP
# /lib64/ld-e2k-test.so.1) run through dyn-interp (e2k-asm -shared), which
# checks every auxv entry and mapping the kernel promises an interpreter
# and relocates the program (see both sources); the interpreter found
# under -L / QEMU_LD_PREFIX, run directly, missing or bad; ET_DYN
# placement with and without ASLR.
# The same program linked as a dynamic ET_EXEC (DYN-EXEC) runs too, and
# reads a variable of the interpreter through a copy relocation and
# another through a datum bound by R_E2K_64_ABS.
# Both bind their PLT lazily (the first call goes through the PLT header
# to the interpreter's resolver), or at load with LD_BIND_NOW set.
# DYN-NOW is DYN-PROG linked with -z now, which is bound at load.
# usage: test-dyn.sh QEMU_E2K BACKEND DYN-INTERP DYN-PROG DYN-EXEC DYN-NOW
set -u
qemu=$1 backend=$2 interp=$3 prog=$4 exec_prog=$5 now_prog=$6
export QEMU_TCG_BACKEND=$backend
unset QEMU_LD_PREFIX QEMU_ASLR QEMU_RAND_SEED
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/lib64" "$tmp/self/lib64" "$tmp/junk/lib64"
cp "$interp" "$tmp/root/lib64/ld-e2k-test.so.1"
cp "$prog" "$tmp/self/lib64/ld-e2k-test.so.1"
echo 'not an ELF file' > "$tmp/junk/lib64/ld-e2k-test.so.1"
msg='dyn-prog: relocated by its interpreter
dyn-prog: PLT bound lazily'
msg_now='dyn-prog: relocated by its interpreter
dyn-prog: PLT bound at load'
n=0 fails=0

result() {   # result OK|FAIL NAME [DETAIL]
    n=$((n + 1))
    if [ "$1" = OK ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/# /'
        fails=$((fails + 1))
    fi
}

run() {      # run NAME WANT-RC WANT-STDOUT [WANT-STDERR-SUBSTRING] -- ARGS
    name=$1 want_rc=$2 want_out=$3 want_err=$4
    shift 5
    out=$(timeout 60 "$@" 2>"$tmp/err")
    rc=$?
    err=$(cat "$tmp/err")
    if [ "$rc" != "$want_rc" ]; then
        result FAIL "$name" "exit status $rc, expected $want_rc; $err"
    elif [ "$out" != "$want_out" ]; then
        result FAIL "$name" "stdout '$out', expected '$want_out'"
    elif [ -n "$want_err" ] && ! grep -qF -- "$want_err" "$tmp/err"; then
        result FAIL "$name" "stderr lacks '$want_err': $err"
    else
        result OK "$name"
    fi
}

run "-L: interpreter checks auxv and relocates the PIE" 0 "$msg" "" -- \
    "$qemu" -L "$tmp/root" "$prog"
run "a dynamic ET_EXEC: its PLT and GOT imports bound by the interpreter" \
    0 "$msg" "" -- "$qemu" -L "$tmp/root" "$exec_prog"
run "LD_BIND_NOW=1: the PIE's PLT bound at load" 0 "$msg_now" "" -- \
    env LD_BIND_NOW=1 "$qemu" -L "$tmp/root" "$prog"
run "LD_BIND_NOW=1: the ET_EXEC's PLT bound at load" 0 "$msg_now" "" -- \
    env LD_BIND_NOW=1 "$qemu" -L "$tmp/root" "$exec_prog"
run "-z now (DT_BIND_NOW, DF_1_NOW): bound at load" 0 "$msg_now" "" -- \
    "$qemu" -L "$tmp/root" "$now_prog"
run "LD_BIND_NOW empty: still lazy, as glibc" 0 "$msg" "" -- \
    env LD_BIND_NOW= "$qemu" -L "$tmp/root" "$prog"
run "-E LD_BIND_NOW=yes (qemu's guest environment) binds at load" 0 \
    "$msg_now" "" -- "$qemu" -E LD_BIND_NOW=yes -L "$tmp/root" "$exec_prog"
run "QEMU_LD_PREFIX works like -L" 0 "$msg" "" -- \
    env QEMU_LD_PREFIX="$tmp/root" "$qemu" "$prog"
run "ASLR off: same checks pass" 0 "$msg" "" -- \
    "$qemu" -aslr off -L "$tmp/root" "$prog"
run "the interpreter's checks can fail: -0 makes argv[0] differ from AT_EXECFN" \
    20 "" "" -- "$qemu" -0 other -L "$tmp/root" "$prog"
run "the interpreter run directly: AT_BASE 0, its own entry" 0 \
    "dyn-interp: run directly" "" -- "$qemu" "$interp"
run "a missing interpreter is named" 1 "" \
    "/lib64/ld-e2k-test.so.1 (the interpreter of $prog, PT_INTERP): No such file or directory" -- \
    "$qemu" "$prog"
run "an interpreter with its own PT_INTERP is refused" 1 "" \
    "an interpreter cannot have an interpreter of its own" -- \
    "$qemu" -L "$tmp/self" "$prog"
run "an interpreter that is not ELF is refused" 1 "" \
    "ld-e2k-test.so.1: not an ELF file" -- "$qemu" -L "$tmp/junk" "$prog"
run "-aslr with a bad value is refused" 1 "" "-aslr: 'on' or 'off' expected" -- \
    "$qemu" -aslr maybe "$prog"

# Placement, from the loader's -d page log: the interpreter's address and
# the program's entry.
where() {
    "$qemu" -d page "$@" -L "$tmp/root" "$prog" 2>&1 >/dev/null |
        sed -n 's/^elf: interpreter .* at \(0x[0-9a-f]*\), .*/\1/p; s/^entry \(0x[0-9a-f]*\) .*/\1/p' |
        tr '\n' ' '
}
a=$(where -aslr off) b=$(where -aslr off)
if [ -n "$a" ] && [ "$a" = "$b" ] && [ "$(echo $a | wc -w)" = 2 ]; then
    result OK "ASLR off: the same addresses every run"
else
    result FAIL "ASLR off: the same addresses every run" "'$a' vs '$b'"
fi
a=$(where -seed 7) b=$(where -seed 7) c=$(where -seed 8)
if [ -n "$a" ] && [ "$a" = "$b" ] && [ "$a" != "$c" ]; then
    result OK "-seed: reproducible random placement"
else
    result FAIL "-seed: reproducible random placement" "'$a' '$b' '$c'"
fi
off=$(where -aslr off)
if [ "$a" != "$off" ] && [ "$c" != "$off" ]; then
    result OK "ASLR on moves the program and the interpreter"
else
    result FAIL "ASLR on moves the program and the interpreter" "'$a' '$c' '$off'"
fi
if command -v setarch >/dev/null 2>&1 &&
   setarch "$(uname -m)" -R true 2>/dev/null; then
    r=$(setarch "$(uname -m)" -R sh -c "$(cat <<'INNER'
"$0" -d page -L "$1" "$2" 2>&1 >/dev/null |
    sed -n 's/^elf: interpreter .* at \(0x[0-9a-f]*\), .*/\1/p; s/^entry \(0x[0-9a-f]*\) .*/\1/p' |
    tr '\n' ' '
INNER
)" "$qemu" "$tmp/root" "$prog")
    if [ "$r" = "$off" ]; then
        result OK "setarch -R turns ASLR off"
    else
        result FAIL "setarch -R turns ASLR off" "'$r' vs '$off'"
    fi
else
    n=$((n + 1))
    echo "ok $n - setarch -R turns ASLR off # SKIP no setarch -R here"
fi
echo "1..$n"
[ $fails = 0 ]
