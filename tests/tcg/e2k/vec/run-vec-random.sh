#!/bin/sh
# Random and edge-lane rows for every packed operation of an e2s, with
# the helpers' results (test-vec-model --emit-random), run through the
# translator (test-alu-semantics) on one backend.
# usage: run-vec-random.sh TEST-VEC-MODEL TEST-ALU-SEMANTICS BACKEND [N]
set -e
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$1" --emit-random "${4:-200}" > "$tmp"
"$2" -b "$3" "$tmp"
