#!/bin/sh
# The independent qp model's rows (qp-model N) through the translator
# (test-vec-semantics on the e8c2 model) on one backend.
# usage: run-qp-model.sh QP-MODEL TEST-VEC-SEMANTICS BACKEND [N]
set -e
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$1" "${4:-200}" > "$tmp"
"$2" -m e8c2 -b "$3" "$tmp"
