#!/bin/sh
# Guest threads on host threads: the same work (tests/bench/e2k/threads.S,
# an independent integer loop per thread, 400M trips in all) split over 1
# and over 2 guest threads.  Prints the best wall-clock time of REPEAT runs
# of each and the speed-up (1-thread time / 2-thread time; ideal 2.0 on a
# machine with two idle cores).  Wall time, not CPU time: the point is
# that the threads run at once.
#
#   [REPEAT=N] [WORK=TRIPS] tests/bench/e2k-threads.sh BUILD_DIR
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
WORK=${WORK:-400000000}     # loop trips in all (shorter runs: WORK=...)

# The CPU time (user + system) of a run, when /usr/bin/time can tell.
timer=
if [ -x /usr/bin/time ] && /usr/bin/time -f %U -o /dev/null true 2>/dev/null; then
    timer=/usr/bin/time
fi

# best wall-clock seconds of $REPEAT runs of PROGRAM -> $secs, and the
# CPU seconds of that run -> $cpu ("-" when unknown)
run() {
    best=
    cpu=-
    i=0
    while [ $i -lt "$REPEAT" ]; do
        start=$(date +%s.%N)
        set +e
        if [ -n "$timer" ]; then
            "$timer" -f '%U %S' -o "$tmp/cpu" "$qemu" "$1"
        else
            "$qemu" "$1"
        fi
        set -e
        end=$(date +%s.%N)
        s=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
        if [ -z "$best" ] || awk -v s="$s" -v b="$best" 'BEGIN { exit !(s < b) }'; then
            best=$s
            if [ -n "$timer" ]; then
                cpu=$(awk '{ printf "%.3f", $1 + $2 }' "$tmp/cpu")
            fi
        fi
        i=$((i + 1))
    done
    secs=$best
}

for n in 1 2; do
    "$asm" -DNTHREADS=$n -DWORK="$WORK" -o "$tmp/threads$n.elf" "$src/threads.S"
done
echo "== guest threads: the same work on 1 and 2 threads, wall time, best of $REPEAT ($(nproc) host CPUs) =="
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
run "$tmp/threads1.elf"
one=$secs one_cpu=$cpu
run "$tmp/threads2.elf"
two=$secs two_cpu=$cpu
printf '%-10s %10s %12s\n' threads seconds cpu-seconds
printf '%-10s %10s %12s\n' 1 "$one" "$one_cpu" 2 "$two" "$two_cpu"
awk -v a="$one" -v b="$two" 'BEGIN { printf "speed-up with 2 threads: %.2fx\n", a / b }'
# The wall-clock ratio only means something on idle cores: the CPU time
# of the two runs says whether the threads cost more together (locks,
# shared cache lines) or merely waited for a CPU.
if [ "$one_cpu" != - ]; then
    awk -v a="$one_cpu" -v b="$two_cpu" -v w1="$one" -v w2="$two" 'BEGIN {
        printf "CPU time 2 threads / 1 thread: %.2f (1.00: no cost of running together)\n", b / a
        printf "CPU use while running: %.0f%% (1 thread), %.0f%% (2 threads)\n", 100 * a / w1, 100 * b / w2
    }'
fi
awk -v l="$load" -v n="$(nproc)" 'BEGIN { if (l + 0 > n / 2) printf "warning: load average %s on %d CPUs: the speed-up is not measurable here\n", l, n }'
