#!/bin/sh
# Guest threads on host threads: the same work (tests/bench/e2k/threads.S,
# an independent integer loop per thread, 400M trips in all) split over 1
# and over 2 guest threads.  Prints the best wall-clock time of REPEAT runs
# of each and the speed-up (1-thread time / 2-thread time; ideal 2.0 on a
# machine with two idle cores).  Wall time, not CPU time: the point is
# that the threads run at once.
#
#   tests/bench/e2k-threads.sh BUILD_DIR
set -eu
build=${1:?usage: e2k-threads.sh BUILD_DIR}
src=$(cd "$(dirname "$0")" && pwd)/e2k
qemu=$build/linux-user/qemu-e2k
asm=$build/tools/e2k-asm/e2k-asm
if [ ! -x "$qemu" ] || [ ! -x "$asm" ]; then
    echo "e2k-threads: qemu-e2k or e2k-asm not built, skipping"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
REPEAT=${REPEAT:-3}

# best wall-clock seconds of $REPEAT runs of PROGRAM -> $secs
run() {
    best=
    i=0
    while [ $i -lt "$REPEAT" ]; do
        start=$(date +%s.%N)
        set +e
        "$qemu" "$1"
        set -e
        end=$(date +%s.%N)
        s=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
        if [ -z "$best" ] || awk -v s="$s" -v b="$best" 'BEGIN { exit !(s < b) }'; then
            best=$s
        fi
        i=$((i + 1))
    done
    secs=$best
}

for n in 1 2; do
    "$asm" -DNTHREADS=$n -o "$tmp/threads$n.elf" "$src/threads.S"
done
echo "== guest threads: the same work on 1 and 2 threads, wall time, best of $REPEAT ($(nproc) host CPUs) =="
run "$tmp/threads1.elf"
one=$secs
run "$tmp/threads2.elf"
two=$secs
printf '%-10s %10s\n' threads seconds
printf '%-10s %10s\n' 1 "$one" 2 "$two"
awk -v a="$one" -v b="$two" 'BEGIN { printf "speed-up with 2 threads: %.2fx\n", a / b }'
