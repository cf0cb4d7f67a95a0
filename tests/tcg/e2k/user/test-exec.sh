#!/bin/sh
# execve end to end (TAP), with user/exec.S (see there): an e2k program
# and a #! script whose interpreter is one run under qemu-e2k again with
# the same options (-strace, -L) but not -0; host programs run natively
# with the guest's arguments and environment; the errors come back.
# usage: test-exec.sh QEMU_E2K BACKEND EXEC.ELF
set -u
qemu=$1 backend=$2 elf=$3
export QEMU_TCG_BACKEND=$backend
unset QEMU_LD_PREFIX QEMU_STRACE QEMU_LOG
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/bin"
cp "$elf" "$tmp/root/bin/prog"
cp "$elf" "$tmp/root/bin/prog2"
printf '#!%s  sb-arg  \n' "$elf" > "$tmp/script"
printf '#!/bin/sh\necho "host script $1"\n' > "$tmp/host-script"
cp "$elf" "$tmp/noexec"
chmod +x "$tmp/script" "$tmp/host-script"
chmod -x "$tmp/noexec"
nl='
'
n=0 fails=0

run() {      # run NAME WANT-RC WANT-STDOUT [WANT-STDERR-SUBSTRING] -- ARGS
    name=$1 want_rc=$2 want_out=$3 want_err=$4
    shift 5
    out=$(timeout 60 "$@" 2>"$tmp/err")
    rc=$?
    n=$((n + 1))
    if [ "$rc" != "$want_rc" ]; then
        echo "not ok $n - $name"
        echo "# exit status $rc, expected $want_rc"
        sed 's/^/# /' "$tmp/err"
        fails=$((fails + 1))
    elif [ "$out" != "$want_out" ]; then
        echo "not ok $n - $name"
        printf '%s\n' "stdout '$out', expected '$want_out'" | sed 's/^/# /'
        fails=$((fails + 1))
    elif [ -n "$want_err" ] && ! grep -qF -- "$want_err" "$tmp/err"; then
        echo "not ok $n - $name"
        echo "# stderr lacks '$want_err'"
        sed 's/^/# /' "$tmp/err"
        fails=$((fails + 1))
    else
        echo "ok $n - $name"
    fi
}

run "an e2k program runs under qemu-e2k again, without -0" 42 \
    "$elf${nl}x${nl}y" "" -- "$qemu" -0 other "$elf" exec "$elf" x y
run "execveat(AT_FDCWD, ...) runs an e2k program the same way" 42 \
    "$elf${nl}x" "" -- "$qemu" "$elf" Xat "$elf" x
run "a #! script with an e2k interpreter: interp, arg, script, args" 42 \
    "$elf${nl}sb-arg${nl}$tmp/script${nl}z" "" -- \
    "$qemu" "$elf" exec "$tmp/script" z
run "-L: the guest's path is looked up in the sysroot, twice" 42 \
    "/bin/prog2${nl}a" "" -- \
    "$qemu" -L "$tmp/root" "$elf" exec /bin/prog exec /bin/prog2 a
run "-strace is passed on: the new program's calls are logged" 42 \
    "$elf${nl}a" " write(1," -- "$qemu" -strace "$elf" exec "$elf" a
run "QEMU_STRACE is passed on even when the guest drops it" 42 \
    "$elf${nl}a" " write(1," -- \
    env QEMU_STRACE=1 "$qemu" -U QEMU_STRACE "$elf" exec "$elf" a
run "a host program runs natively, with the guest's environment" 0 \
    "host bar" "" -- "$qemu" -E FOO=bar "$elf" exec /bin/sh -c 'echo host $FOO'
run "a host #! script runs natively" 0 "host script q" "" -- \
    "$qemu" "$elf" exec "$tmp/host-script" q
run "ENOENT comes back to the guest" 102 "" "" -- \
    "$qemu" "$elf" exec "$tmp/missing"
run "EACCES for a file without x permission" 113 "" "" -- \
    "$qemu" "$elf" exec "$tmp/noexec"
run "EACCES for a directory" 113 "" "" -- "$qemu" "$elf" exec "$tmp"
run "EFAULT for a bad path pointer" 114 "" "" -- "$qemu" "$elf" fault
echo "1..$n"
[ $fails = 0 ]
