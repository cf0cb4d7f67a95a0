#!/bin/sh
# qemu-e2k on packed (SIMD) workloads against native code: each workload
# in tests/bench/e2k/v*.{S,c} is e2k assembly using packed operations
# (assembled with our e2k-asm, run under qemu-e2k) and its C twin using
# the same operations as SSE2 intrinsics (gcc -O2, run natively).  Both
# exit with the same status (a checksum); the table gives the best CPU
# time of three runs each and the ratio (goal of issue 13: <= 3x).
#
#   tests/bench/e2k-vec.sh BUILD_DIR [BACKEND]     (native | interp)
set -eu

build=${1:?usage: e2k-vec.sh BUILD_DIR [native|interp]}
backend=${2:-native}
src=$(cd "$(dirname "$0")" && pwd)/e2k
qemu=$build/linux-user/qemu-e2k
asm=$build/tools/e2k-asm/e2k-asm
cc=${CC:-gcc}

if [ ! -x "$qemu" ] || [ ! -x "$asm" ]; then
    echo "e2k-vec: qemu-e2k or e2k-asm not built, skipping"
    exit 0
fi
case $(uname -m) in
x86_64) ;;
*) echo "e2k-vec: the C twins use SSE2 intrinsics (x86-64), skipping"; exit 0 ;;
esac
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "e2k-vec: no C compiler ($cc), skipping"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/lib/e2k-common.sh"

echo "== qemu-e2k ($backend backend) vs native SSE2 (gcc -O2): cpu time, best of $REPEAT =="
printf '%-8s %10s %10s %8s  %s\n' workload qemu-e2k native ratio check
status=0
# workload and the ISA its assembly needs
for w in vmemchr:elbrus-v3 vmac:elbrus-v5 vcopy:elbrus-v5; do
    name=${w%%:*}
    "$asm" -mcpu="${w#*:}" -o "$tmp/$name.elf" "$src/$name.S"
    "$cc" -O2 -o "$tmp/$name" "$src/$name.c"
    run "$tmp/$name"
    nat=$secs nrc=$rc
    run env QEMU_TCG_BACKEND="$backend" "$qemu" "$tmp/$name.elf"
    emu=$secs erc=$rc
    check=ok
    if [ "$nrc" != "$erc" ]; then
        check="MISMATCH (exit $erc, native $nrc)"
        status=1
    fi
    ratio=$(awk -v a="$emu" -v b="$nat" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }')
    printf '%-8s %9ss %9ss %8s  %s\n' "$name" "$emu" "$nat" "$ratio" "$check"
done
exit $status
