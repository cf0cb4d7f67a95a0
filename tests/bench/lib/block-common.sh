# Shared set-up of the block benchmarks (sourced, not run).
#
#   bench_setup NAME DEFAULT_SIZE_MIB "$@"
#       sets build, size_mib, ours (our qemu-img), ref (QEMU 7.2's) and a
#       scratch dir removed on exit; exits 0 with a message when either
#       qemu-img is missing, so `make bench` runs what it can.
#   bench_make_input FILE SIZE_MIB
#       a quarter random, a quarter hole, half text-like (compressible).
#   time_ms COMMAND...
#       prints "wall_ms cpu_ms", the medians of BENCH_RUNS runs (default 5;
#       "nan nan" and the command's stderr if it fails); removes $dir/out*
#       before each run.
#   pair_ms OURS REF COMMAND...
#       the same for both tools, their runs alternating: "ours_wall
#       ours_cpu ref_wall ref_cpu"; each run's wall/cpu go to $dir/runs.log.

bench_setup() {
    name=$1
    build=${3:?usage: $name.sh BUILD_DIR [SIZE_MIB]}
    size_mib=${4:-$2}
    ours=$build/qemu-img
    ref=${QEMU_IMG_REF:-/usr/bin/qemu-img}

    if [ ! -x "$ours" ]; then
        echo "$name: $ours not built, skipping"
        exit 0
    fi
    if [ ! -x "$ref" ]; then
        echo "$name: reference $ref missing (apt-get install qemu-utils)," \
             "skipping"
        exit 0
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-$name.XXXXXX")
    trap 'rm -rf "$dir"' EXIT INT TERM
}

bench_make_input() {
    python3 - "$1" "$2" <<'PYEOF'
import os, sys
path, mib = sys.argv[1], int(sys.argv[2])
chunk = 1 << 20
line = b"the quick brown fox jumps over the lazy dog 0123456789\n" * 20000
with open(path, "wb") as f:
    for i in range(mib):
        k = i % 4
        if k == 0:
            f.write(os.urandom(chunk))
        elif k == 1:
            f.seek(chunk, 1)
        else:
            f.write(line[:chunk])
    f.truncate(mib * chunk)
PYEOF
}

# Runs per measurement: BENCH_RUNS (default 5).  The machine these run on
# is usually shared, so each number is the median of the runs, wall and
# CPU (user + sys of the child, all threads) taken separately; CPU time is
# the steadier one under load (see docs/devel/testing.md, Benchmarks).
bench_runs=${BENCH_RUNS:-5}

# time_ms COMMAND...: "wall_ms cpu_ms", medians of $bench_runs runs.
time_ms() {
    pair_ms "$1" "$1" "$@" | cut -d' ' -f1,2
}

# pair_ms OURS REF COMMAND...: runs COMMAND with every word "@TOOL@" (or a
# first word equal to OURS) replaced by OURS, then by REF, alternately,
# $bench_runs times each, so a change of the machine's load hits both
# alike.  Prints "ours_wall ours_cpu ref_wall ref_cpu" (medians, ms);
# every run's numbers go to $dir/runs.log.  "nan" and the command's stderr
# if a run fails.
pair_ms() {
    python3 - "$dir" "$bench_runs" "$@" <<'PYEOF'
import glob, os, resource, statistics, subprocess, sys, time
d, n, ours, ref, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3], \
    sys.argv[4], sys.argv[5:]
tools = [ours] if ours == ref else [ours, ref]
runs = {t: [] for t in tools}

def one(tool):
    argv = [tool if (w == "@TOOL@" or (i == 0 and w == ours)) else w
            for i, w in enumerate(cmd)]
    for f in glob.glob(os.path.join(d, "out*")):
        os.unlink(f)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = (time.monotonic() - t0) * 1000
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)) * 1000
    if p.returncode != 0:
        sys.stderr.write("failed: %s\n%s" % (" ".join(argv),
                                             p.stderr.decode()))
        return None
    return wall, cpu

failed = set()
for _ in range(n):
    for t in tools:
        if t in failed:
            continue
        r = one(t)
        if r is None:
            failed.add(t)
        else:
            runs[t].append(r)
out = []
with open(os.path.join(d, "runs.log"), "a") as log:
    for t in tools:
        if t in failed or not runs[t]:
            out += ["nan", "nan"]
            continue
        out += ["%.1f" % statistics.median(w for w, c in runs[t]),
                "%.1f" % statistics.median(c for w, c in runs[t])]
        argv = [t if (w == "@TOOL@" or (i == 0 and w == ours)) else w
                 for i, w in enumerate(cmd)]
        log.write("%s: %s\n" % (" ".join(argv).replace(d + "/", ""),
                                 " ".join("%.0f/%.0f" % r for r in runs[t])))
print(" ".join(out))
PYEOF
}
