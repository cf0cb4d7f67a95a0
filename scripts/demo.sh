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

qemu_e2k=$build/linux-user/qemu-e2k
guest=$build/tests/tcg/e2k/demo/checksum.elf
if [ -x "$qemu_e2k" ] && [ -f "$guest" ]; then
    echo "-- qemu-e2k runs an Elbrus program on this $(uname -m) host"
    echo "   (source: tests/tcg/e2k/demo/checksum.S, assembled by our e2k-asm)"
    run "$qemu_e2k" "$guest"
    echo "-- the same program on the portable IR interpreter backend"
    run "$qemu_e2k" -accel tcg,backend=interp "$guest"
    echo "-- its first translation block: guest code in, host code out"
    run "$qemu_e2k" -d in_asm -D "$work/trace.log" "$guest"
    head -n 12 "$work/trace.log"
    echo
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

if [ -x "$build/qemu-img" ] && "$build/qemu-img" create -f vmdk -o help 2>/dev/null | grep -q seSparse; then
    echo "-- seSparse (ESXi snapshot) round trip through qemu-img"
    head -c 2M /dev/urandom > "$work/disk.raw"
    run "$build/qemu-img" convert -f raw -O vmdk -o subformat=seSparse "$work/disk.raw" "$work/disk.vmdk"
    run "$build/qemu-img" info "$work/disk.vmdk"
    run "$build/qemu-img" check "$work/disk.vmdk"
    run "$build/qemu-img" compare -f raw -F vmdk "$work/disk.raw" "$work/disk.vmdk"
    if [ -x /usr/bin/qemu-img ]; then
        echo "-- and QEMU 7.2's own qemu-img reads what we wrote"
        run /usr/bin/qemu-img compare -f raw -F vmdk "$work/disk.raw" "$work/disk.vmdk"
    fi
fi

echo "demo finished"
