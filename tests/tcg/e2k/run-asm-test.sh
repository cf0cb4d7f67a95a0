#!/bin/sh
# Run one guest test program and check it against the expectations its
# source states in comment lines:
#   ! expect-exit: N        exit status (128+N: killed by guest signal N,
#                           which qemu-e2k must also report on stderr)
#   ! expect-stdout: TEXT   one line of standard output (repeatable;
#                           none or an empty one: no output)
#   ! expect-stderr: TEXT   a line that standard error must contain
#                           (repeatable)
#   ! qemu-args: ARGS       extra qemu-e2k options (e.g. -cpu e2s,tags=on)
#   ! host-signal: SIG SECS send host signal SIG (TERM, INT...) to
#                           qemu-e2k after SECS seconds
# usage: run-asm-test.sh QEMU_E2K BACKEND PROGRAM.elf SOURCE.S
set -u
qemu=$1 backend=$2 elf=$3 src=$4

want_exit=$(sed -n 's/^! expect-exit: *//p' "$src")
want_out=$(sed -n 's/^! expect-stdout: \{0,1\}//p' "$src")
want_err=$(sed -n 's/^! expect-stderr: *//p' "$src")
qargs=$(sed -n 's/^! qemu-args: *//p' "$src")
hostsig=$(sed -n 's/^! host-signal: *//p' "$src")
if [ -z "$want_exit" ]; then
    echo "$src: no '! expect-exit:' line" >&2
    exit 1
fi
errf=$(mktemp)
trap 'rm -f "$errf"' EXIT
if [ -n "$hostsig" ]; then
    # shellcheck disable=SC2086
    set -- --preserve-status -k 60 -s ${hostsig}
else
    set -- 60
fi
# shellcheck disable=SC2086
out=$(QEMU_TCG_BACKEND=$backend timeout "$@" "$qemu" $qargs "$elf" 2>"$errf")
rc=$?
fail=0
if [ "$rc" != "$want_exit" ]; then
    echo "exit status $rc, expected $want_exit" >&2
    fail=1
fi
if [ "$out" != "$want_out" ]; then
    echo "stdout differs: got '$out', expected '$want_out'" >&2
    fail=1
fi
# Only the signals that dump core are reported (like QEMU).
case $((want_exit - 128)) in
    3|4|5|6|7|8|11|24|25|31) core=1 ;;
    *) core=0 ;;
esac
if [ "$want_exit" -gt 128 ] && [ $core = 1 ]; then
    sig=$((want_exit - 128))
    if ! grep -q "qemu: uncaught target signal $sig " "$errf"; then
        echo "no 'uncaught target signal $sig' report on stderr" >&2
        fail=1
    fi
fi
if [ -n "$want_err" ]; then
    while IFS= read -r line; do
        if ! grep -qxF "$line" "$errf"; then
            echo "no line '$line' on stderr" >&2
            fail=1
        fi
    done <<EOF
$want_err
EOF
fi
if [ $fail != 0 ]; then
    echo "--- stderr:" >&2
    cat "$errf" >&2
fi
exit $fail
