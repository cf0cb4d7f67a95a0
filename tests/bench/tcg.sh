#!/bin/sh
# TCG code quality: the same IR loops (arithmetic, guest memory, branches)
# on the x86-64 backend, on the interpreter and as C compiled by the host
# compiler, in one run.  Prints ns per iteration and the time ratios
# native-backend/interpreter (goal: well under 0.1) and native-backend/C.
#
#   tests/bench/tcg.sh BUILD_DIR [MIN_SECONDS_PER_MEASUREMENT]
set -eu

build=${1:?usage: tcg.sh BUILD_DIR [MIN_SECONDS]}
bench=$build/tests/bench/tcg-bench

if [ ! -x "$bench" ]; then
    echo "tcg: $bench not built, skipping"
    exit 0
fi
echo "== TCG backends: x86-64 vs interpreter vs C =="
"$bench" "${2:-0.2}"
