#!/bin/sh
# VMDK conversion speed, ours against Debian's qemu-img (QEMU 7.2) on the
# same files in the same run.  Prints one line per case with both times
# and the ratio ours/reference (goal: <= 1.0).
#
#   tests/bench/block-vmdk.sh BUILD_DIR [SIZE_MIB]
#
# Cases: raw -> monolithicSparse, streamOptimized, seSparse and back to
# raw.  Debian's qemu-img cannot write seSparse; for raw -> seSparse the
# reference is its raw -> monolithicSparse, the closest thing it can do.
set -eu

. "$(dirname "$0")/lib/block-common.sh"
bench_setup block-vmdk 128 "$@"

# Input: a quarter random, a quarter hole, half text-like.
bench_make_input "$dir/in.raw" "$size_mib"

# best of 3 runs of "$@": "wall_ms cpu_ms" (cpu = user + sys of the child)
time_ms() {
    python3 - "$dir" "$@" <<'PYEOF'
import glob, os, resource, subprocess, sys, time
d, cmd = sys.argv[1], sys.argv[2:]
best = None
for _ in range(3):
    for f in glob.glob(os.path.join(d, "out*")):
        os.unlink(f)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t1 = time.monotonic()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode:
        sys.exit("FAILED: " + " ".join(cmd))
    wall = (t1 - t0) * 1000
    cpu = (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000
    if best is None or wall < best[0]:
        best = (wall, cpu)
print("%d %d" % best)
PYEOF
}

report() {
    name=$1 o=$2 r=$3
    set -- $o $r
    awk -v n="$name" -v ow="$1" -v oc="$2" -v rw="$3" -v rc="$4" 'BEGIN {
        printf "%-34s ours %6d ms  qemu %6d ms  ratio %.2f  (cpu ratio %.2f)\n",
               n, ow, rw, ow / (rw < 1 ? 1 : rw), oc / (rc < 1 ? 1 : rc) }'
}

for sub in monolithicSparse streamOptimized seSparse; do
    refsub=$sub
    [ "$sub" = seSparse ] && refsub=monolithicSparse
    o=$(time_ms "$ours" convert -f raw -O vmdk -o subformat=$sub \
        "$dir/in.raw" "$dir/out.vmdk")
    r=$(time_ms "$ref" convert -f raw -O vmdk -o subformat=$refsub \
        "$dir/in.raw" "$dir/out.vmdk")
    report "convert raw -> $sub" "$o" "$r"

    "$ours" convert -f raw -O vmdk -o subformat=$sub "$dir/in.raw" \
        "$dir/src-$sub.vmdk"
    o=$(time_ms "$ours" convert -f vmdk -O raw "$dir/src-$sub.vmdk" \
        "$dir/out.raw")
    r=$(time_ms "$ref" convert -f vmdk -O raw "$dir/src-$sub.vmdk" \
        "$dir/out.raw")
    report "convert $sub -> raw" "$o" "$r"
done
