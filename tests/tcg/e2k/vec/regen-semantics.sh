#!/bin/sh
# Rebuild vec/semantics-v3.tsv.gz from the reference vectors: the header
# line and every row whose operation has a row in target/e2k/vec-ops.h.
# usage: regen-semantics.sh PATH/TO/ops-v3.tsv   (run from the tree's top)
set -e
src=${1:?usage: $0 ops-v3.tsv}
ops=$(grep -o 'E2K_VEC[23]([A-Z0-9_]*, *[a-z0-9_]*)' target/e2k/vec-ops.h |
      sed 's/.*, *\([a-z0-9_]*\))/\1/' | sort -u | tr '\n' ' ')
awk -F'\t' -v ops="$ops" '
    BEGIN { n = split(ops, o, " "); for (i = 1; i <= n; i++) want[o[i]] = 1 }
    NR == 1 || ($1 in want)
' "$src" | gzip -9n > tests/tcg/e2k/vec/semantics-v3.tsv.gz
