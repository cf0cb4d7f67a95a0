#!/bin/sh
# qemu-e2k against native code: each workload in tests/bench/e2k/ exists
# as e2k assembly (assembled with our e2k-asm, run under qemu-e2k) and as
# its C twin (compiled here with gcc -O2, run natively).  Both must exit
# with the same status (a checksum of the work); the table gives the
# best time of three runs each and their ratio (lower is better).
#
#   tests/bench/e2k.sh BUILD_DIR [BACKEND]     (BACKEND: native | interp)
set -eu

build=${1:?usage: e2k.sh BUILD_DIR [native|interp]}
backend=${2:-native}
src=$(cd "$(dirname "$0")" && pwd)/e2k
qemu=$build/linux-user/qemu-e2k
asm=$build/tools/e2k-asm/e2k-asm
cc=${CC:-gcc}

if [ ! -x "$qemu" ] || [ ! -x "$asm" ]; then
    echo "e2k: qemu-e2k or e2k-asm not built, skipping"
    exit 0
fi
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "e2k: no C compiler ($cc), skipping"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/lib/e2k-common.sh"

echo "== qemu-e2k ($backend backend) vs native (gcc -O2): cpu time, best of $REPEAT =="
printf '%-8s %10s %10s %8s  %s\n' workload qemu-e2k native ratio check
status=0
for w in int mem calls pipe branch fp fx aausum aacopy; do
    "$asm" -o "$tmp/$w.elf" "$src/$w.S"
    "$cc" -O2 -o "$tmp/$w" "$src/$w.c"
    run "$tmp/$w"
    nat=$secs nrc=$rc
    run env QEMU_TCG_BACKEND="$backend" "$qemu" "$tmp/$w.elf"
    emu=$secs erc=$rc
    check=ok
    if [ "$nrc" != "$erc" ]; then
        check="MISMATCH (exit $erc, native $nrc)"
        status=1
    fi
    ratio=$(awk -v a="$emu" -v b="$nat" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }')
    printf '%-8s %9ss %9ss %8s  %s\n' "$w" "$emu" "$nat" "$ratio" "$check"
done
exit $status
