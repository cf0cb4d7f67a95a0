# Shared set-up of the block benchmarks (sourced, not run).
#
#   bench_setup NAME DEFAULT_SIZE_MIB "$@"
#       sets build, size_mib, ours (our qemu-img), ref (QEMU 7.2's) and a
#       scratch dir removed on exit; exits 0 with a message when either
#       qemu-img is missing, so `make bench` runs what it can.
#   bench_make_input FILE SIZE_MIB
#       a quarter random, a quarter hole, half text-like (compressible).
#   time_ms COMMAND...
#       prints "wall_ms cpu_ms" of the best of 3 runs ("nan nan" and the
#       command's stderr if it fails); removes $dir/out* before each run.

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

# The best of 3 runs of a command: "wall_ms cpu_ms" (cpu = user + sys of the
# child).  CPU time is the steadier number on a busy machine.
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
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t = (time.monotonic() - t0) * 1000
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)) * 1000
    if p.returncode != 0:
        sys.stderr.write("failed: %s\n%s" % (" ".join(cmd), p.stderr.decode()))
        print("nan nan")
        sys.exit(0)
    if best is None or t < best[0]:
        best = (t, cpu)
print("%.1f %.1f" % best)
PYEOF
}
