#!/bin/sh
# Run one libFuzzer target of a --enable-fuzzing build (make fuzz).
#
#   tests/fuzz/run-fuzz.sh BUILD TARGET SECONDS [libFuzzer options...]
#
# TARGET is a name from `tests/fuzz/run-fuzz.sh BUILD list' (qcow2,
# qcow2-deep, vmdk, vmdk-deep, elf, elf-deep, e2k, e2k-deep, e2k-disas, asm, tcg).
# The run uses, and grows, the working corpus BUILD/fuzz-corpus/TARGET/,
# seeded from the tree's inputs for that format (gzipped seeds are
# unpacked); findings (crash-*, leak-*, timeout-*, oom-*) land in
# BUILD/fuzz-findings/TARGET/, and a reproduction command is printed for
# each.  One fuzzing process, niced: the machine is shared.
set -e

if [ $# -lt 2 ]; then
    echo "usage: $0 BUILD TARGET [SECONDS] [libFuzzer options...]" >&2
    exit 2
fi
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
target=$2
seconds=${3:-60}
[ $# -ge 3 ] && shift 3 || shift $#

targets="qcow2 qcow2-deep vmdk vmdk-deep elf elf-deep e2k e2k-deep e2k-disas asm tcg"
if [ "$target" = list ]; then
    echo "$targets"
    exit 0
fi
case " $targets " in
*" $target "*) ;;
*) echo "run-fuzz: unknown TARGET '$target' (one of: $targets)" >&2
   exit 2 ;;
esac
bin=$build/tests/fuzz/fuzz-$target
if [ ! -x "$bin" ]; then
    echo "run-fuzz: $bin not built (./configure --builddir=$build --enable-fuzzing" \
         "&& ninja -C $build)" >&2
    exit 1
fi
if ! "$bin" -help=1 2>&1 | grep -q libFuzzer; then
    echo "run-fuzz: $bin is a replayer, not a libFuzzer binary:" \
         "configure $build with --enable-fuzzing" >&2
    exit 1
fi

corpus=$build/fuzz-corpus/$target
findings=$build/fuzz-findings/$target
mkdir -p "$corpus" "$findings"

# The seeds: files of the format from the tree.  Regression inputs for
# the target (tests/fuzz/corpus-NAME/) are always among them.
base=${target%-deep}
case $base in
qcow2) seeds="$srcdir/tests/fuzz/corpus-qcow2/*" ;;
vmdk) seeds="$srcdir/tests/fuzz/corpus-vmdk/*" ;;
elf) seeds="$srcdir/tests/tcg/e2k/ref/*.elf $srcdir/tests/asm/programs/*.elf" ;;
e2k) seeds="$srcdir/tests/tcg/e2k/ref/*.elf $srcdir/tests/fuzz/corpus-e2k/*" ;;
e2k-disas) seeds="$srcdir/tests/fuzz/corpus-e2k-disas/*" ;;
asm) seeds="$srcdir/tests/tcg/e2k/*/*.S $srcdir/tests/asm/programs/*.S
            $srcdir/tests/fuzz/corpus-asm/*" ;;
tcg) seeds="" ;;
esac
if [ -z "$(ls -A "$corpus")" ]; then
    for f in $seeds; do
        [ -f "$f" ] || continue
        name=$(basename "$f" .gz)
        case $f in
        *.gz) gunzip -c "$f" > "$corpus/seed-$name" ;;
        *) cp "$f" "$corpus/seed-$name" ;;
        esac
    done
fi

dict=
if [ -f "$srcdir/tests/fuzz/$base.dict" ]; then
    dict=-dict=$srcdir/tests/fuzz/$base.dict
fi
# Per-target options.  The fast targets cap the input size (larger seeds
# are cut): hashing, copying and leak-scanning big inputs costs more than
# the target.  The assembler reports every error on stderr: keep that out
# of the log (sanitizer reports still reach it).
opts=
case $target in
qcow2|vmdk) opts=-max_len=65536 ;;
asm) opts="-max_len=2048 -close_fd_mask=2" ;;
esac

# GLib's slice allocator caches memory: libFuzzer would count every input
# as leaking (and run a full leak check for it), and real leaks of GLib
# containers would hide in the caches.
export G_SLICE=always-malloc

stamp=$(mktemp)
echo "run-fuzz: $bin for ${seconds}s, corpus $corpus, findings $findings/"
status=0
nice -n 10 "$bin" $dict $opts -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix="$findings/" \
    "$@" "$corpus" || status=$?

new=0
for f in $(find "$findings" -type f -newer "$stamp" | sort); do
    new=$((new + 1))
    echo "run-fuzz: finding $f"
    echo "  reproduce: $bin $f"
done
rm -f "$stamp"
echo "run-fuzz: $target: $new new finding(s) in $findings/"
[ $new -eq 0 ] || exit 1
exit $status
