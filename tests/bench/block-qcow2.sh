#!/bin/sh
# qcow2 speed: our qemu-img against Debian's (QEMU 7.2) on the same files
# in the same run, their runs alternating.  Prints the median wall and the
# median CPU time (user + sys) of BENCH_RUNS runs (default 5) of each tool
# and the ratios ours/reference per case, then every run's wall/cpu.
# Goal (issue 19): every ratio <= 0.8.  On a shared machine the wall time
# mostly measures the scheduler's share for the process; CPU is the
# steadier number (docs/devel/testing.md, Benchmarks).
#
#   [BENCH_RUNS=N] tests/bench/block-qcow2.sh BUILD_DIR [SIZE_MIB]
#
# Cases: convert qcow2->raw, raw->qcow2 (also -m 8 and -m 8 -W), compressed
# raw->qcow2 (zlib and zstd), reading a zstd-compressed image, bench read
# and write (4 KiB requests; reads also with -t none, O_DIRECT, from qcow2
# and raw, and with each -i mode: threads, native, io_uring; writes also
# with -t none and native, io_uring), discarding a
# fully allocated image, check of a 2 GiB fully allocated image.
set -eu

. "$(dirname "$0")/lib/block-common.sh"
bench_setup block-qcow2 256 "$@"

# Input: a quarter random, a quarter hole, half text-like.
bench_make_input "$dir/in.raw" "$size_mib"
"$ref" convert -f raw -O qcow2 "$dir/in.raw" "$dir/in.qcow2"
"$ref" convert -c -f raw -O qcow2 -o compression_type=zstd "$dir/in.raw" \
    "$dir/in-zstd.qcow2"
"$ref" create -q -f qcow2 -o preallocation=metadata "$dir/big.qcow2" 2G
"$ref" create -q -f qcow2 "$dir/bench.qcow2" 64M
"$ref" bench -q -w -c 16384 -s 4k "$dir/bench.qcow2" > /dev/null
"$ref" convert -O raw "$dir/bench.qcow2" "$dir/bench.raw"


printf '%-34s %9s %9s %6s %9s %9s %6s\n' "case (${size_mib} MiB input)" \
    "ours ms" "QEMU ms" "ratio" "ours cpu" "QEMU cpu" "ratio"
row() {
    name=$1
    shift
    print_row "$name" $(pair_ms "$ours" "$ref" @TOOL@ "$@")
}
print_row() {
    python3 - "$@" <<'PYEOF'
import sys
name, ow, oc, rw, rc = sys.argv[1], *map(float, sys.argv[2:])
ratio = lambda a, b: a / b if b else float("nan")
print("%-34s %9.1f %9.1f %6.2f %9.1f %9.1f %6.2f" %
      (name, ow, rw, ratio(ow, rw), oc, rc, ratio(oc, rc)))
PYEOF
}
row "convert qcow2 -> raw" convert -O raw "$dir/in.qcow2" "$dir/out.raw"
row "convert raw -> qcow2" convert -f raw -O qcow2 "$dir/in.raw" "$dir/out.qcow2"
row "convert -m 8 raw -> qcow2" convert -m 8 -f raw -O qcow2 "$dir/in.raw" \
    "$dir/out.qcow2"
row "convert -m 8 -W raw -> qcow2" convert -m 8 -W -f raw -O qcow2 \
    "$dir/in.raw" "$dir/out.qcow2"
row "convert -c raw -> qcow2" convert -c -f raw -O qcow2 "$dir/in.raw" "$dir/out.qcow2"
row "convert -c zstd raw -> qcow2" convert -c -f raw -O qcow2 \
    -o compression_type=zstd "$dir/in.raw" "$dir/out.qcow2"
row "convert zstd qcow2 -> raw" convert -O raw "$dir/in-zstd.qcow2" "$dir/out.raw"
row "bench read 4k x 65536" bench -q -c 65536 -s 4k "$dir/bench.qcow2"
row "bench write 4k x 16384" bench -q -w -c 16384 -s 4k "$dir/bench.qcow2"
row "bench -t none read 4k" bench -q -t none -c 16384 -s 4k \
    "$dir/bench.qcow2"
row "bench -t none raw read 4k" bench -q -t none -c 16384 -s 4k -f raw \
    "$dir/bench.raw"
for aio in native io_uring; do
    row "bench -t none -i $aio qcow2" bench -q -t none -i $aio -c 16384 \
        -s 4k "$dir/bench.qcow2"
    row "bench -t none -i $aio raw" bench -q -t none -i $aio -c 16384 \
        -s 4k -f raw "$dir/bench.raw"
    row "bench -w -t none -i $aio qcow2" bench -q -w -t none -i $aio \
        -c 16384 -s 4k "$dir/bench.qcow2"
done
# qemu-io discard of a fully written image: each run discards a fresh
# copy (the copy is part of both times)
cat > "$dir/discard.sh" <<EOF
cp "$dir/bench.qcow2" "$dir/out-d.qcow2" && "\$1" -c "discard 0 64M" \
    "$dir/out-d.qcow2"
EOF
print_row "qemu-io discard 64 MiB" $(pair_ms "$(dirname "$ours")/qemu-io" \
    "$(dirname "$ref")/qemu-io" sh "$dir/discard.sh" @TOOL@)
row "check 2 GiB allocated" check "$dir/big.qcow2"
echo "runs (wall/cpu ms, in order):"
sed 's/^/  /' "$dir/runs.log"
