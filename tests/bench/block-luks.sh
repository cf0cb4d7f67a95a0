#!/bin/sh
# LUKS speed: our qemu-img against Debian's (QEMU 7.2) on the same files in
# the same run; wall and CPU time (medians of BENCH_RUNS runs, default 5)
# and the ratio ours/reference.
# Goal: every ratio <= 0.8 (issue 20).
#
#   tests/bench/block-luks.sh BUILD_DIR [SIZE_MIB]
#
# Cases (aes-256-xts-plain64, as QEMU's default): convert raw -> encrypted
# qcow2 (write), encrypted qcow2 -> raw (read), the same for the luks
# format.  iter-time=1 keeps the PBKDF2 iterations small, but the create
# cases still include each tool's calibration of them (QEMU spends about
# a second per key there, we about 20 ms); the read cases do not.
set -eu

. "$(dirname "$0")/lib/block-common.sh"
bench_setup block-luks 256 "$@"

bench_make_input "$dir/in.raw" "$size_mib"
sec="--object secret,id=s,data=benchpass"
"$ref" convert $sec -f raw -O qcow2 \
    -o encrypt.format=luks,encrypt.key-secret=s,encrypt.iter-time=1 \
    "$dir/in.raw" "$dir/in.qcow2"
"$ref" convert $sec -f raw -O luks -o key-secret=s,iter-time=1 \
    "$dir/in.raw" "$dir/in.luks"

printf '%-30s %9s %9s %6s %9s %9s %6s\n' "case (${size_mib} MiB input)" \
    "ours ms" "QEMU ms" "ratio" "ours cpu" "QEMU cpu" "ratio"
row() {
    name=$1
    shift
    o=$(time_ms "$ours" "$@")
    r=$(time_ms "$ref" "$@")
    python3 - "$name" $o $r <<'PYEOF'
import sys
name, ow, oc, rw, rc = sys.argv[1], *map(float, sys.argv[2:])
ratio = lambda a, b: a / b if b else float("nan")
print("%-30s %9.1f %9.1f %6.2f %9.1f %9.1f %6.2f" %
      (name, ow, rw, ratio(ow, rw), oc, rc, ratio(oc, rc)))
PYEOF
}
row "convert raw -> qcow2+luks" convert $sec -f raw -O qcow2 \
    -o encrypt.format=luks,encrypt.key-secret=s,encrypt.iter-time=1 \
    "$dir/in.raw" "$dir/out.qcow2"
row "convert qcow2+luks -> raw" convert $sec --image-opts \
    "driver=qcow2,file.filename=$dir/in.qcow2,encrypt.key-secret=s" \
    -O raw "$dir/out.raw"
row "convert raw -> luks" convert $sec -f raw -O luks \
    -o key-secret=s,iter-time=1 "$dir/in.raw" "$dir/out.luks"
row "convert luks -> raw" convert $sec --image-opts \
    "driver=luks,file.filename=$dir/in.luks,key-secret=s" -O raw \
    "$dir/out.raw"
