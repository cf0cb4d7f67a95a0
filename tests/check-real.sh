#!/bin/sh
# check-real.sh [-e QEMU_E2K] [-k] DIR [-- QEMU-OPTIONS...]
#
# Run every e2k ELF executable (e_machine 175) in DIR under qemu-e2k and
# print a table: program, exit status, seconds, and whether its output
# matches the expected-results file beside it.  Each program runs in a
# scratch directory of its own with `yes ''` as standard input (real
# benchmarks wait for Enter at the end), under a time limit.  `make
# check-real DIR=...` calls this; it is not part of `make check` (the
# programs are not ours).
#
# Expected results, looked up beside the program.  For a program named
# NAME, the stem is NAME itself, else NAME without its last `_suffix`,
# again and again (so dhrystone.expected.txt serves
# dhrystone_e2k-elbrus-v4_ffast_O1):
#   STEM.expected.txt  lines that must appear in the output, in this
#                      order; an expected line matches an output line
#                      when its words (split on blanks) occur in that line
#                      in the same order, other words may sit between
#                      them, and the word `#` matches any number
#                      (decimal or 0x hex).  Blank lines are ignored.
#   STEM.filter        optional: a shell command line that reads the
#                      program's output (stdout and stderr) on its stdin
#                      and prints the part to compare, e.g.
#                      `grep 'O\.K\.'`.
#
# Options and environment:
#   -e QEMU_E2K   the emulator (default: $QEMU_E2K, else build/linux-user/
#                 qemu-e2k beside this script's tree)
#   -k            keep each program's scratch directory and output
#   -- ARGS       options for qemu-e2k, before the program (e.g. -cpu e2s)
#   TIMEOUT       seconds per program (default 120)
#
# Exit status: 0 when every output with an expected file matches and no
# program timed out, 1 otherwise, 2 for a usage error.
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -u

here=$(cd "$(dirname "$0")" && pwd)
qemu=${QEMU_E2K:-$here/../build/linux-user/qemu-e2k}
keep=0
timeout_s=${TIMEOUT:-120}

usage() {
    echo "usage: check-real.sh [-e QEMU_E2K] [-k] DIR [-- QEMU-OPTIONS...]" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case $1 in
    -e) [ $# -ge 2 ] || usage; qemu=$2; shift 2 ;;
    -k) keep=1; shift ;;
    -h|--help) sed -n '2,36s/^# \{0,1\}//p' "$0"; exit 0 ;;
    --) usage ;;
    -*) echo "check-real.sh: unknown option '$1'" >&2; usage ;;
    *) break ;;
    esac
done
[ $# -ge 1 ] || usage
dir=$1
shift
if [ $# -gt 0 ]; then
    [ "$1" = -- ] || usage
    shift
fi
if [ ! -d "$dir" ]; then
    echo "check-real.sh: '$dir' is not a directory" >&2
    exit 2
fi
case $timeout_s in
''|*[!0-9.]*) echo "check-real.sh: TIMEOUT='$timeout_s' is not a number" \
                   "of seconds" >&2; exit 2 ;;
esac
if [ ! -x "$qemu" ] || [ -d "$qemu" ]; then
    echo "check-real.sh: no qemu-e2k executable at '$qemu' (build it, or" \
         "give -e)" >&2
    exit 2
fi
qemu=$(cd "$(dirname "$qemu")" && pwd)/$(basename "$qemu")
dir=$(cd "$dir" && pwd)

# is_e2k_elf FILE: an ELF file whose e_machine (bytes 18-19,
# little-endian as every e2k file) is EM_MCST_ELBRUS, 175.
is_e2k_elf() {
    [ -f "$1" ] && [ -r "$1" ] || return 1
    # shellcheck disable=SC2046  # one word per byte, on purpose
    set -- $(od -An -tu1 -N20 "$1" 2>/dev/null)
    [ $# -eq 20 ] && [ "$1 $2 $3 $4" = "127 69 76 70" ] &&
        [ "${19}" = 175 ] && [ "${20}" = 0 ]
}

# stem_file NAME EXT: DIR/STEM.EXT for the longest stem of NAME that has
# one, or nothing.
stem_file() {
    s=$1
    while :; do
        if [ -f "$dir/$s.$2" ]; then
            echo "$dir/$s.$2"
            return
        fi
        case $s in
        *_*) s=${s%_*} ;;
        *) return ;;
        esac
    done
}

# match_expected EXPECTED < OUTPUT: the rule above; prints the first
# expected line not found.
match_expected() {
    awk -v expf="$1" '
    function isnum(w) {
        return w ~ /^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$/ ||
               w ~ /^0[xX][0-9a-fA-F]+$/
    }
    function line_matches(out, want_line,    o, e, no, ne, i, j) {
        no = split(out, o)
        ne = split(want_line, e)
        j = 1
        for (i = 1; i <= no && j <= ne; i++) {
            # Compare as strings: awk would compare numeric-looking
            # words as numbers, and 17 digits would round.
            if (e[j] == "#" ? isnum(o[i]) : (o[i] "") == (e[j] "")) {
                j++
            }
        }
        return j > ne
    }
    BEGIN {
        n = 0
        while ((getline l < expf) > 0) {
            if (l ~ /[^ \t\r]/) {
                want[++n] = l
            }
        }
        close(expf)
        i = 1
    }
    i <= n && line_matches($0, want[i]) { i++ }
    END {
        if (i <= n) {
            print want[i]
            exit 1
        }
    }'
}

work=$(mktemp -d "${TMPDIR:-/tmp}/check-real.XXXXXX") || exit 2
if [ $keep = 0 ]; then
    trap 'rm -rf "$work"' EXIT
fi
trap 'exit 130' INT TERM

status=0
count=0
details=$work/details
: > "$details"
printf '%-40s %6s %8s  %s\n' program exit seconds output
for prog in "$dir"/*; do
    is_e2k_elf "$prog" || continue
    name=$(basename "$prog")
    count=$((count + 1))
    run=$work/$name.run
    out=$work/$name.out
    mkdir "$run"
    start=$(date +%s.%N)
    (cd "$run" && yes '' 2>/dev/null |
        timeout "$timeout_s" "$qemu" "$@" "$prog" > "$out" 2>&1) 2>/dev/null
    rc=$?
    secs=$(awk -v s="$start" -v e="$(date +%s.%N)" \
               'BEGIN { printf "%.1f", e - s }')
    exit_col=$rc
    if [ $rc = 124 ]; then
        exit_col=TIMEOUT
        status=1
    fi
    expected=$(stem_file "$name" expected.txt)
    filter=$(stem_file "$name" filter)
    if [ -z "$expected" ]; then
        verdict=-
    else
        if [ -n "$filter" ]; then
            sh -c "$(cat "$filter")" < "$out" > "$out.filtered" 2>&1
        else
            cp "$out" "$out.filtered"
        fi
        if missing=$(match_expected "$expected" < "$out.filtered"); then
            verdict="ok ($(basename "$expected"))"
        else
            verdict="DIFFERS ($(basename "$expected"))"
            status=1
            {
                echo "$name: first expected line not found:"
                echo "    $missing"
                echo "  last lines of its output:"
                tail -3 "$out" | sed 's/^/    /'
            } >> "$details"
        fi
    fi
    printf '%-40s %6s %8s  %s\n' "$name" "$exit_col" "$secs" "$verdict"
done
if [ $count = 0 ]; then
    echo "check-real.sh: no e2k ELF programs (e_machine 175) in $dir" >&2
    exit 1
fi
if [ -s "$details" ]; then
    echo
    cat "$details"
fi
if [ $keep = 1 ]; then
    echo
    echo "scratch directories and outputs kept in $work"
fi
exit $status
