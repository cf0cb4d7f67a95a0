#!/bin/sh
# Run every test suite of the build directory $1 and end with one line:
#   N passed, N failed[, N skipped]
# Exit status is non-zero if any test failed.
build=${1:-build}
shift 2>/dev/null || true
jobs=$(nproc 2>/dev/null || echo 2)
meson test -C "$build" --no-rebuild --print-errorlogs \
    --num-processes "$jobs" "$@"
status=$?
python3 "$(dirname "$0")/test-summary.py" "$build/meson-logs/testlog.json" || status=1
exit $status
