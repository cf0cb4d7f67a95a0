#!/bin/sh
# make bench: run every executable benchmark script in this directory,
# passing the build directory.  Each prints its own ratio table.
#
#   tests/bench/run-all.sh BUILD_DIR
set -u
build=${1:?usage: run-all.sh BUILD_DIR}
build=$(cd "$build" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
status=0
for script in "$here"/*.sh; do
    [ "$(basename "$script")" = run-all.sh ] && continue
    [ -x "$script" ] || continue
    echo "=== $(basename "$script")"
    "$script" "$build" || status=1
done
exit $status
