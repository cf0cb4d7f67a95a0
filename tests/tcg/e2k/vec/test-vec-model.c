/*
 * The packed-operation helpers (vec_helper.c) against the reference
 * rows the translator test does not run (vec/model-rows.tsv.gz): the
 * v5 and v6 operations (test-alu-semantics runs an e2s, v3).
 *
 * Columns: op asm src1 src2 src3 result status.  The literal is the src3
 * column, except for the one-source pshufh (source in src1, order byte
 * in src2).  Rows whose operation is in `known' count separately.
 *
 * With --emit-random N it instead writes N rows per operation in the same
 * format for every two- and three-source operation and every literal
 * form (literals 0..19, then random bytes) an e2s (v3) has:
 * edge-lane and random inputs, the result from the helper.  Run through
 * the translator by test-alu-semantics (run-vec-random.sh), they check
 * the translated code, inline forms included, against the helpers.
 *
 * usage: test-vec-model [-v] FILE.tsv.gz
 *        test-vec-model --emit-random N
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "target/e2k/vec_helper.h"
#include "target/e2k/isa.h"

typedef uint64_t (*Fn2)(uint64_t, uint64_t);
typedef uint64_t (*Fn3)(uint64_t, uint64_t, uint64_t);

static const struct {
    const char *name;
    int kind;                   /* 2, 3, 'L' or 'P' */
    void *fn;
} ops[] = {
#define E2K_VEC2(id, name) { #name, 2, (void *)helper_##name },
#define E2K_VEC3(id, name) { #name, 3, (void *)helper_##name },
#define E2K_VECL(id, name) { #name, 'L', (void *)helper_##name },
#define E2K_VECP(id, name) { #name, 'P', (void *)helper_##name },
#include "target/e2k/vec-ops.h"
#undef E2K_VEC2
#undef E2K_VEC3
#undef E2K_VECL
#undef E2K_VECP
};

/* Rows where we knowingly differ from the reference emulator. */
static const char *known_reason(const char *op, uint64_t lit)
{
    if (!strcmp(op, "psrlql") && lit == 0) {
        return "for a shift of 0 bytes the reference returns src1 | src2, "
               "not src2 (probably src1 << 64 done by its x86 host as a "
               "shift by 0); its psllqh by 0 does not do the same";
    }
    return NULL;
}

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
    uint64_t x = rng_state;

    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

/* Random values, edge bytes, or a mix; @like: sometimes a near copy, so
   compares see equal lanes. */
static uint64_t operand(uint64_t like)
{
    static const uint8_t edge[] = { 0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff };
    uint64_t v = 0;
    int i;

    switch (rnd() % 5) {
    case 0:
        return rnd();
    case 1:
        for (i = 0; i < 8; i++) {
            v |= (uint64_t)edge[rnd() % sizeof(edge)] << (8 * i);
        }
        return v;
    case 2:
        for (i = 0; i < 8; i++) {
            v |= (uint64_t)(rnd() % 2 ? edge[rnd() % sizeof(edge)]
                            : (uint8_t)rnd()) << (8 * i);
        }
        return v;
    case 3:
        v = rnd();
        return (like & v) | (rnd() & ~v & rnd());
    default:
        return rnd() % 70;
    }
}

/* The lowest channel of a row of @name valid on v3, -1 if none. */
static int v3_channel(const char *name)
{
    unsigned count, j;
    const E2KOpDesc *d = e2k_op_lookup_name(name, 3, &count);
    int best = -1, chan;

    for (j = 0; d && j < count; j++) {
        if (!e2k_op_valid_on(&d[j], 3)) {
            continue;
        }
        for (chan = 0; chan < 6; chan++) {
            if ((d[j].chan_mask & (1u << chan)) && (best < 0 || chan < best)) {
                best = chan;
            }
        }
    }
    return best;
}

static int emit_random(long n)
{
    size_t k;
    long i;

    printf("op\tasm\tsrc1\tsrc2\tsrc3\tresult\tstatus\n");
    for (k = 0; k < G_N_ELEMENTS(ops); k++) {
        int chan = v3_channel(ops[k].name);

        if (ops[k].kind == 'P' || chan < 0) {
            continue;
        }
        for (i = 0; i < n; i++) {
            uint64_t a = operand(0), b = operand(a), c = operand(b), r;

            if (ops[k].kind == 'L') {
                /* the literal: every value up to past the last lane or
                   byte, then random bytes */
                uint64_t lit = i < 20 ? (uint64_t)i : c & 0xff;

                if (!strcmp(ops[k].name, "pshufh")) {
                    r = ((Fn3)ops[k].fn)(0, a, lit);
                    printf("%s\t{ %s,%d %%dr1, 0x%llx, %%dr4 }\t%016llx"
                           "\t%02llx\t-\t%016llx\tok\n", ops[k].name,
                           ops[k].name, chan, (unsigned long long)lit,
                           (unsigned long long)a, (unsigned long long)lit,
                           (unsigned long long)r);
                    continue;
                }
                r = ((Fn3)ops[k].fn)(a, b, lit);
                printf("%s\t{ %s,%d %%dr1, %%dr2, 0x%llx, %s4 }\t%016llx"
                       "\t%016llx\t%02llx\t%0*llx\tok\n", ops[k].name,
                       ops[k].name, chan, (unsigned long long)lit,
                       strcmp(ops[k].name, "pextrh") ? "%dr" : "%r",
                       (unsigned long long)a, (unsigned long long)b,
                       (unsigned long long)lit,
                       strcmp(ops[k].name, "pextrh") ? 16 : 8,
                       (unsigned long long)r);
                continue;
            }
            if (ops[k].kind == 2) {
                r = ((Fn2)ops[k].fn)(a, b);
                printf("%s\t{ %s,%d %%dr1, %%dr2, %%dr4 }\t%016llx\t%016llx"
                       "\t-\t%016llx\tok\n", ops[k].name, ops[k].name, chan,
                       (unsigned long long)a, (unsigned long long)b,
                       (unsigned long long)r);
            } else {
                r = ((Fn3)ops[k].fn)(a, b, c);
                printf("%s\t{ %s,%d %%dr1, %%dr2, %%dr3, %%dr4 }\t%016llx"
                       "\t%016llx\t%016llx\t%016llx\tok\n", ops[k].name,
                       ops[k].name, chan, (unsigned long long)a,
                       (unsigned long long)b, (unsigned long long)c,
                       (unsigned long long)r);
            }
        }
    }
    return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
    const char *file = NULL;
    bool verbose = false;
    char line[1024];
    int total = 0, agree = 0, differ = 0, known = 0, unknown_op = 0;
    gzFile gz;
    int i;

    if (argc == 3 && !strcmp(argv[1], "--emit-random")) {
        return emit_random(strtol(argv[2], NULL, 0));
    }
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v")) {
            verbose = true;
        } else {
            file = argv[i];
        }
    }
    if (!file) {
        fprintf(stderr, "usage: %s [-v] FILE.tsv.gz\n", argv[0]);
        return 2;
    }
    gz = gzopen(file, "rb");
    if (!gz) {
        fprintf(stderr, "%s: cannot open\n", file);
        return 2;
    }
    while (gzgets(gz, line, sizeof(line))) {
        char *f[8], *tok, *save = NULL, *nl;
        uint64_t a, b, c, want, got;
        const char *why;
        size_t k;
        int nf = 0;

        nl = strchr(line, '\n');
        if (nl) {
            *nl = 0;
        }
        if (!strncmp(line, "op\t", 3)) {
            continue;
        }
        for (tok = strtok_r(line, "\t", &save); tok && nf < 8;
             tok = strtok_r(NULL, "\t", &save)) {
            f[nf++] = tok;
        }
        if (nf < 7 || strcmp(f[6], "ok")) {
            continue;
        }
        for (k = 0; k < G_N_ELEMENTS(ops); k++) {
            if (!strcmp(ops[k].name, f[0])) {
                break;
            }
        }
        total++;
        if (k == G_N_ELEMENTS(ops)) {
            fprintf(stderr, "%s: no helper\n", f[0]);
            unknown_op++;
            continue;
        }
        a = strtoull(f[2], NULL, 16);
        b = strtoull(f[3], NULL, 16);
        c = strcmp(f[4], "-") ? strtoull(f[4], NULL, 16) : 0;
        want = strtoull(f[5], NULL, 16);
        if (ops[k].kind == 'L' && !strcmp(f[0], "pshufh")) {
            c = b;
            b = a;
            a = 0;
        }
        if (ops[k].kind == 2 || ops[k].kind == 'P') {
            got = ((Fn2)ops[k].fn)(a, b);
        } else {
            got = ((Fn3)ops[k].fn)(a, b, c);
        }
        if (strlen(f[5]) == 8) {
            got &= 0xffffffffULL;
        }
        if (got == want) {
            agree++;
            continue;
        }
        why = known_reason(f[0], c);
        if (why) {
            known++;
        } else {
            differ++;
        }
        if (verbose || !why) {
            fprintf(stderr, "DIFF %s  srcs %s %s %s: got %016llx, "
                    "reference %s%s%s\n", f[1], f[2], f[3], f[4],
                    (unsigned long long)got, f[5], why ? ": " : "",
                    why ? why : "");
        }
    }
    gzclose(gz);
    printf("vec model: %d vectors, %d agree, %d differ (%d known reference "
           "bugs), %d without a helper\n", total, agree, differ + known,
           known, unknown_op);
    return differ || unknown_op || !total ? 1 : 0;
}
