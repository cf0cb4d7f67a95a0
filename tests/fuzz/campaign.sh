#!/bin/bash
# A fuzzing campaign: run libFuzzer targets one after another, each for
# SECONDS, and report what each run did (make fuzz-campaign).
#
#   tests/fuzz/campaign.sh BUILD SECONDS [TARGET...]
#
# BUILD is an --enable-fuzzing build; without TARGETs every target of
# run-fuzz.sh runs.  Each run goes through run-fuzz.sh (same corpus,
# dictionary, findings folder), its whole log is kept in
# BUILD/fuzz-logs/, and one line per target is appended to
# BUILD/fuzz-campaign.md:
#
#   | target | wall s | CPU s | inputs | inputs/s | cov | ft | corpus | findings |
#
# "inputs/s" is per second of CPU time (the machine may be shared);
# "cov"/"ft" are libFuzzer's covered edges and features at the end.
# The exit status is 1 if any run left a finding.
set -u

if [ $# -lt 2 ]; then
    echo "usage: $0 BUILD SECONDS [TARGET...]" >&2
    exit 2
fi
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
seconds=$2
shift 2
case $seconds in
''|*[!0-9]*) echo "campaign: SECONDS must be a number, not '$seconds'" >&2
             exit 2 ;;
esac
targets=${*:-$("$srcdir/tests/fuzz/run-fuzz.sh" "$build" list)}

logs=$build/fuzz-logs
report=$build/fuzz-campaign.md
mkdir -p "$logs"
if [ ! -f "$report" ]; then
    {
        echo "| target | wall s | CPU s | inputs | inputs/s | cov | ft | corpus | findings |"
        echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    } > "$report"
fi

failed=0
for target in $targets; do
    log=$logs/$target-$(date -u +%Y%m%dT%H%M%S).log
    # bash's `time' gives wall and CPU (user + system) of the run.
    TIMEFORMAT='%R %U %S'
    { time "$srcdir/tests/fuzz/run-fuzz.sh" "$build" "$target" "$seconds" \
          > "$log" 2>&1 ; } 2> "$log.time"
    status=$?
    wall=$(awk '{ printf "%.0f", $1 }' "$log.time")
    cpu=$(awk '{ printf "%.0f", $2 + $3 }' "$log.time")
    rm -f "$log.time"
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|REDUCE|NEW|pulse|INITED)' "$log" | tail -1)
    cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(printf '%s\n' "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
    found=$(sed -n 's/^run-fuzz: .*: \([0-9]*\) new finding.*/\1/p' "$log")
    runs=${runs:-0}
    rate=$(awk -v r="$runs" -v c="$cpu" 'BEGIN { printf "%.0f", (c > 0 ? r / c : 0) }')
    line="| $target | $wall | $cpu | $runs | $rate | ${cov:-?} | ${ft:-?} | ${corp:-?} | ${found:-?} |"
    echo "$line" >> "$report"
    echo "campaign: $line  (log $log)"
    if [ "$status" -ne 0 ] || [ "${found:-1}" != 0 ]; then
        failed=1
        grep -E '^run-fuzz: finding|^  reproduce:' "$log"
    fi
done
echo "campaign: report in $report"
exit $failed
