#!/bin/sh
# `make demo`: show what the tree does today, on bundled inputs.
# Each step prints the command it runs, so the output reads as a tutorial.
set -e
build=${1:-build}
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/qemu-e2k-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT

run() {
    echo "\$ $*"
    "$@"
    echo
}

echo "== qemu-e2k $(cat "$src/VERSION") demo (scratch directory $work)"
echo

if [ -x "$build/qemu-e2k" ]; then
    echo "-- qemu-e2k runs an Elbrus program on this $(uname -m) host"
    run "$build/qemu-e2k" -version
fi

if [ -x "$build/qemu-img" ]; then
    echo "-- qcow2 round trip through qemu-img"
    head -c 4M /dev/urandom > "$work/data.raw"
    run "$build/qemu-img" convert -f raw -O qcow2 -c "$work/data.raw" "$work/data.qcow2"
    run "$build/qemu-img" info "$work/data.qcow2"
    run "$build/qemu-img" check "$work/data.qcow2"
    run "$build/qemu-img" convert -f qcow2 -O raw "$work/data.qcow2" "$work/back.raw"
    run cmp "$work/data.raw" "$work/back.raw"
    echo "round trip: identical"
    echo
fi

echo "-- util self-test"
run meson test -C "$build" --no-rebuild --suite util -q
echo "demo finished"
