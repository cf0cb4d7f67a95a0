# Shared by the e2k benchmark scripts (e2k.sh, e2k-vec.sh): sourced after
# the caller has set $cc, $src (the directory with cputime.c) and $tmp.
#
# run PROGRAM...: sets $secs (the best of $REPEAT runs, in seconds) and
# $rc (the status of the last run).  The measure is CPU time (user +
# system, from wait4), which other load on the machine disturbs far less
# than wall-clock time.
REPEAT=${REPEAT:-3}
"$cc" -O2 -o "$tmp/cputime" "$src/cputime.c"
run() {
    best=
    i=0
    while [ $i -lt "$REPEAT" ]; do
        set +e
        ns=$("$tmp/cputime" "$@" 2>/dev/null)
        rc=$?
        set -e
        if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then
            best=$ns
        fi
        i=$((i + 1))
    done
    secs=$(awk -v n="$best" 'BEGIN { printf "%.3f", n / 1e9 }')
}
