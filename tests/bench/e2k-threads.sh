#!/bin/sh
# Guest threads on host threads: the same work (tests/bench/e2k/threads.S,
# an independent integer loop per thread, WORK trips in all) split over 1
# and over 2 guest threads, beside its C twin (threads.c, pthreads) as the
# reference: how much faster 2 threads are on this machine when nothing
# is emulated.  The guest's exit status (a checksum of the work) must be
# the twin's.
#
# Every run is printed (wall seconds, CPU seconds = user + system, the
# hypervisor's steal time while it ran, exit status), then the speed-up
# (1-thread wall / 2-thread wall) of the medians and of each pair of runs
# made one after the other.  Ideal 2.0 on two idle cores; the CPU time
# ratio (2 threads / 1 thread) says whether running together costs the
# threads anything (1.00: no) or they only waited for a CPU.
#
#   [REPEAT=N] [WORK=TRIPS] tests/bench/e2k-threads.sh BUILD_DIR
set -eu
build=${1:?usage: e2k-threads.sh BUILD_DIR}
src=$(cd "$(dirname "$0")" && pwd)/e2k
qemu=$build/linux-user/qemu-e2k
asm=$build/tools/e2k-asm/e2k-asm
cc=${CC:-gcc}
if [ ! -x "$qemu" ] || [ ! -x "$asm" ]; then
    echo "e2k-threads: qemu-e2k or e2k-asm not built, skipping"
    exit 0
fi
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "e2k-threads: no C compiler ($cc), skipping"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
REPEAT=${REPEAT:-5}
WORK=${WORK:-400000000}     # loop trips in all (shorter runs: WORK=...)

"$cc" -O2 -o "$tmp/cputime" "$src/cputime.c"
"$cc" -O2 -pthread -o "$tmp/threads" "$src/threads.c"
for n in 1 2; do
    "$asm" -DNTHREADS=$n -DWORK="$WORK" -o "$tmp/threads$n.elf" "$src/threads.S"
done

# steal ticks (USER_HZ) of all CPUs so far
steal() {
    awk '$1 == "cpu" { print $9 + 0; exit }' /proc/stat 2>/dev/null || echo 0
}

# run LABEL PROGRAM...: one timed run; appends "LABEL wall cpu steal rc"
# to $tmp/runs and prints it
run() {
    label=$1
    shift
    s0=$(steal)
    t0=$(date +%s.%N)
    set +e
    ns=$("$tmp/cputime" "$@")
    rc=$?
    set -e
    t1=$(date +%s.%N)
    s1=$(steal)
    awk -v l="$label" -v a="$t0" -v b="$t1" -v ns="$ns" -v s0="$s0" \
        -v s1="$s1" -v rc="$rc" 'BEGIN {
        printf "%-8s %8.3f %8.3f %8.2f %4d\n", l, b - a, ns / 1e9,
               (s1 - s0) / 100, rc }' | tee -a "$tmp/runs"
}

echo "== guest threads: the same work ($WORK trips) on 1 and 2 threads," \
     "$REPEAT runs each, $(nproc) host CPUs, load $(cut -d' ' -f1 /proc/loadavg) =="
printf '%-8s %8s %8s %8s %4s\n' run wall-s cpu-s steal-s exit
i=0
while [ "$i" -lt "$REPEAT" ]; do
    run native1 "$tmp/threads" 1 "$WORK"
    run native2 "$tmp/threads" 2 "$WORK"
    run guest1 "$qemu" "$tmp/threads1.elf"
    run guest2 "$qemu" "$tmp/threads2.elf"
    i=$((i + 1))
done

awk '
function median(k,    n, i, j, t, v) {
    n = cnt[k]
    for (i = 1; i <= n; i++) v[i] = wall[k, i]
    for (i = 2; i <= n; i++)
        for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
            t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
        }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
{
    k = $1; n = ++cnt[k]
    wall[k, n] = $2; cpu[k] += $3; st[k] += $4; rc[k, n] = $5
}
END {
    bad = 0
    for (n = 1; n <= cnt["guest1"]; n++) {
        if (rc["guest1", n] != rc["native1", n] ||
            rc["guest2", n] != rc["native2", n]) bad = 1
    }
    for (t = 1; t <= 2; t++) {
        g = "guest" t; h = "native" t
        printf "%d thread%s: median wall %.3f s guest, %.3f s native\n",
               t, (t > 1 ? "s" : " "), median(g), median(h)
    }
    printf "speed-up with 2 threads (medians): guest %.2fx, native %.2fx\n",
           median("guest1") / median("guest2"),
           median("native1") / median("native2")
    lo = 99; hi = 0; list = ""
    for (n = 1; n <= cnt["guest1"]; n++) {
        r = wall["guest1", n] / wall["guest2", n]
        list = list sprintf(" %.2f", r)
        if (r < lo) lo = r
        if (r > hi) hi = r
    }
    printf "guest speed-up of each pair:%s (min %.2fx, max %.2fx)\n", list, lo, hi
    printf "CPU time 2 threads / 1 thread: guest %.2f, native %.2f" \
           " (1.00: no cost of running together)\n",
           cpu["guest2"] / cpu["guest1"], cpu["native2"] / cpu["native1"]
    printf "steal time during the guest runs: %.2f s (1 thread), %.2f s (2 threads)\n",
           st["guest1"], st["guest2"]
    if (bad) {
        print "MISMATCH: the guest exit status differs from the C twin"
        exit 1
    }
}' "$tmp/runs"
awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN {
    if (l + 0 > n / 2)
        printf "warning: load average %s on %d CPUs: the speed-up is not measurable here\n", l, n }'
