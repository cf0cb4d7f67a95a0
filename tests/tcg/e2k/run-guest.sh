#!/bin/sh
# run-guest.sh EXPECTED_STDOUT EXPECTED_STATUS COMMAND...
# Run a guest program (COMMAND is the full qemu-e2k command line, possibly
# behind env(1)) and compare its standard output (trailing newlines
# ignored) and exit status.
#
# SPDX-License-Identifier: GPL-2.0-or-later
expect_out=$1 expect_status=$2
shift 2
out=$("$@")
status=$?
if [ "$out" != "$expect_out" ]; then
    echo "$*: stdout '$out', expected '$expect_out'" >&2
    exit 1
fi
if [ "$status" -ne "$expect_status" ]; then
    echo "$*: exit status $status, expected $expect_status" >&2
    exit 1
fi
exit 0
