#!/bin/sh
# VMDK conversion speed, ours against Debian's qemu-img (QEMU 7.2) on the
# same files in the same run, their runs alternating.  Prints one line per
# case with the median wall times of BENCH_RUNS runs (default 5) and the
# ratios ours/reference of the median wall and CPU times, then every run
# (goal, issue 19: <= 0.8).
#
#   [BENCH_RUNS=N] tests/bench/block-vmdk.sh BUILD_DIR [SIZE_MIB]
#
# Cases: raw -> monolithicSparse, streamOptimized, seSparse and back to
# raw.  Debian's qemu-img cannot write seSparse; for raw -> seSparse the
# reference is its raw -> monolithicSparse, the closest thing it can do.
set -eu

. "$(dirname "$0")/lib/block-common.sh"
bench_setup block-vmdk 128 "$@"

# Input: a quarter random, a quarter hole, half text-like.
bench_make_input "$dir/in.raw" "$size_mib"

report() {
    name=$1
    set -- $2
    awk -v n="$name" -v ow="$1" -v oc="$2" -v rw="$3" -v rc="$4" 'BEGIN {
        printf "%-34s ours %6d ms  qemu %6d ms  ratio %.2f  (cpu ratio %.2f)\n",
               n, ow, rw, ow / (rw < 1 ? 1 : rw), oc / (rc < 1 ? 1 : rc) }'
}

# raw -> VMDK with the tool given: seSparse for ours, monolithicSparse for
# Debian's (which cannot write seSparse)
cat > "$dir/to-vmdk.sh" <<EOF
sub=\$2
[ "\$1" = "$ref" ] && [ "\$sub" = seSparse ] && sub=monolithicSparse
exec "\$1" convert -f raw -O vmdk -o subformat=\$sub "$dir/in.raw" \
    "$dir/out.vmdk"
EOF

for sub in monolithicSparse streamOptimized seSparse; do
    report "convert raw -> $sub" \
        "$(pair_ms "$ours" "$ref" sh "$dir/to-vmdk.sh" @TOOL@ $sub)"

    "$ours" convert -f raw -O vmdk -o subformat=$sub "$dir/in.raw" \
        "$dir/src-$sub.vmdk"
    report "convert $sub -> raw" "$(pair_ms "$ours" "$ref" @TOOL@ convert \
        -f vmdk -O raw "$dir/src-$sub.vmdk" "$dir/out.raw")"
done
echo "runs (wall/cpu ms, in order):"
sed 's/^/  /' "$dir/runs.log"
