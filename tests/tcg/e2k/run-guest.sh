#!/bin/sh
# run-guest.sh QEMU BACKEND PROGRAM EXPECTED_STDOUT EXPECTED_STATUS
# Run one guest program under qemu-e2k with the given TCG backend and
# compare its stdout (one line) and exit status.
#
# SPDX-License-Identifier: GPL-2.0-or-later
qemu=$1 backend=$2 prog=$3 expect_out=$4 expect_status=$5
out=$("$qemu" -accel tcg,backend="$backend" "$prog")
status=$?
if [ "$out" != "$expect_out" ]; then
    echo "$prog ($backend): stdout '$out', expected '$expect_out'" >&2
    exit 1
fi
if [ "$status" -ne "$expect_status" ]; then
    echo "$prog ($backend): exit status $status, expected $expect_status" >&2
    exit 1
fi
exit 0
