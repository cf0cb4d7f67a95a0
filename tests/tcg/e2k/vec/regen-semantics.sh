#!/bin/sh
# Rebuild the packed-operation vectors from the reference data
# (/work/shared/e2k/semantics/ops-v[356].tsv, see its README):
# - vec/semantics-v3.tsv.gz: the header line and every v3 row of an
#   operation with an E2K_VEC2/E2K_VEC3 row in target/e2k/vec-ops.h (run
#   through the translator by test-alu-semantics);
# - vec/model-rows.tsv.gz: the rows the translator test cannot run, checked
#   against the helpers alone by test-vec-model: the v3 rows of the
#   E2K_VECL (literal) operations, and the v5 (else v6) rows of the
#   operations v3 lacks.
# usage: regen-semantics.sh DIR   (DIR holds ops-v3.tsv, ops-v5.tsv and
#                                  ops-v6.tsv; run from the tree's top)
set -e
# The row kinds the translator runs.  E2K_VECL joins them (and leaves
# model-rows; untranslated='') once the ALU read phase passes the literal
# to e2k_gen_vec.
translated='E2K_VEC[23L]'
untranslated=''
dir=${1:?usage: $0 DIR-WITH-ops-v3.tsv}
names() {
    [ -n "$1" ] || return 0
    grep -o "$1([A-Z0-9_]*, *[a-z0-9_]*)" target/e2k/vec-ops.h |
        sed 's/.*, *\([a-z0-9_]*\))/\1/' | sort -u | tr '\n' ' '
}
pick() {
    awk -F'\t' -v ops="$1" '
        BEGIN { n = split(ops, o, " "); for (i = 1; i <= n; i++) want[o[i]] = 1 }
        NR == 1 || ($1 in want)
    ' "$2"
}
v3ops=$(cut -f1 "$dir/ops-v3.tsv" | sort -u | tr '\n' ' ')
pick "$(names "$translated")" "$dir/ops-v3.tsv" |
    gzip -9n > tests/tcg/e2k/vec/semantics-v3.tsv.gz
v5ops=$(cut -f1 "$dir/ops-v5.tsv" | sort -u | tr '\n' ' ')
v5only=
v6only=
for op in $(names 'E2K_VEC[23LP]'); do
    case " $v3ops " in
    *" $op "*) continue ;;
    esac
    case " $v5ops " in
    *" $op "*) v5only="$v5only $op" ;;
    *) v6only="$v6only $op" ;;
    esac
done
{
    pick "$(names "$untranslated")" "$dir/ops-v3.tsv"
    pick "$v5only" "$dir/ops-v5.tsv" | tail -n +2
    pick "$v6only" "$dir/ops-v6.tsv" | tail -n +2
} | gzip -9n > tests/tcg/e2k/vec/model-rows.tsv.gz
# Rows run by test-vec-semantics on the model of their version:
# - vec/semantics-pf-v3.tsv.gz: the packed floating-point operations of
#   v3 (pf*, pistofs) on e2s;
# - vec/semantics-v5.tsv.gz: the packed operations v5 adds on 64-bit
#   registers (plog_* included) and every 128-bit qp* operation, on
#   e8c2;
# - vec/semantics-v6.tsv.gz: the packed operations v6 adds (64- and
#   128-bit), on e16c.
awk -F'\t' 'NR == 1 || $1 ~ /^(pf|pisto)/' "$dir/ops-v3.tsv" |
    gzip -9n > tests/tcg/e2k/vec/semantics-pf-v3.tsv.gz
v3ops=$(cut -f1 "$dir/ops-v3.tsv" | sort -u)
v6ops=$(cut -f1 "$dir/ops-v6.tsv" | sort -u)
awk -F'\t' -v old="$v3ops" '
    BEGIN { n = split(old, o, "\n"); for (i = 1; i <= n; i++) had[o[i]] = 1 }
    NR == 1 || $1 ~ /^qp/ ||
        ($1 ~ /^p/ && $1 != "puttagqp" && !($1 in had))
' "$dir/ops-v5.tsv" | gzip -9n > tests/tcg/e2k/vec/semantics-v5.tsv.gz
awk -F'\t' -v old="$v5ops" '
    BEGIN { n = split(old, o, " "); for (i = 1; i <= n; i++) had[o[i]] = 1 }
    NR == 1 || ($1 ~ /^(p|qp)/ && !($1 in had))
' "$dir/ops-v6.tsv" | gzip -9n > tests/tcg/e2k/vec/semantics-v6.tsv.gz
