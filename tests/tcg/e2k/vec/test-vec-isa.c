/*
 * Every packed operation translate-vec.c implements (vec-ops.h, packed
 * float, qp*, plog_*, pmrgp) decodes as itself (or an alias with the
 * same bits) on the ISA versions its opcode-table row names, and not on
 * the others: on an earlier (or later) CPU the same bits are no
 * operation of that name, so the translator raises SIGILL.  Each row's channels are tried with the
 * encoding our assembler gives it for the row's first version.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "qemu/error.h"
#include "target/e2k/isa.h"
#include "target/e2k/decode.h"
#include "target/e2k/asm-encode.h"

static const struct {
    unsigned id;
    int kind;               /* 2, 3, 'L', 'P' */
} impl[] = {
#define E2K_VEC2(id, name) { E2K_OP_##id, 2 },
#define E2K_VEC3(id, name) { E2K_OP_##id, 3 },
#define E2K_VECL(id, name) { E2K_OP_##id, 'L' },
#define E2K_VECP(id, name) { E2K_OP_##id, 'P' },
#include "target/e2k/vec-ops.h"
#undef E2K_VEC2
#undef E2K_VEC3
#undef E2K_VECL
#undef E2K_VECP
};

/* Is some row of operation @id valid on channel @chan of @isa? */
static bool id_valid(unsigned id, int chan, int isa)
{
    unsigned i;

    for (i = 0; i < e2k_op_table_size; i++) {
        const E2KOpDesc *d = &e2k_op_table[i];

        if (d->id == id && (d->chan_mask & (1u << chan)) &&
            e2k_op_valid_on(d, isa)) {
            return true;
        }
    }
    return false;
}

/* The operations translate-vec.c implements beside vec-ops.h: packed
   float (pf*, pistofs), the 128-bit qp* ones, the logic functions and
   pmrgp.  Operands are spelled from the row's formats. */
static bool other_impl(const E2KOpDesc *d)
{
    static const char *const prefix[] = { "pf", "pisto", "qp", "plog_",
                                           "pmrgp" };
    size_t k;

    if (d->flags & (E2K_OPF_LOAD | E2K_OPF_STORE) ||
        !strncmp(d->name, "qpcheck", 7)) {
        return false;
    }
    for (k = 0; k < G_N_ELEMENTS(prefix); k++) {
        if (!strncmp(d->name, prefix[k], strlen(prefix[k]))) {
            return true;
        }
    }
    return false;
}

/* @got is @d, or an alias with the same bits (plog_and = plog_0x80). */
static bool same_op(const E2KOpDesc *got, const E2KOpDesc *d)
{
    const char *us = strchr(d->name, '_');

    return got->id == d->id ||
           (us && !strncmp(got->name, d->name, us - d->name + 1) &&
            got->alopf == d->alopf && got->opc == d->opc &&
            got->opce == d->opce && got->ales_opc2 == d->ales_opc2 &&
            got->ales_opce == d->ales_opce);
}

static char *operands_text(const E2KOpDesc *d, int chan)
{
    static const char *const reg[] = {
        [E2K_FMT_S] = "%r", [E2K_FMT_D] = "%dr", [E2K_FMT_P] = "%qpr",
    };
    GString *t = g_string_new(NULL);
    int i;

    g_string_printf(t, "%s,%d", d->name, chan);
    for (i = 0; i < 3; i++) {
        /* the logic functions always name three sources and qpcext_*
           its one, even where the table leaves them out */
        if (d->fmt[i] == E2K_FMT_S || d->fmt[i] == E2K_FMT_D ||
            d->fmt[i] == E2K_FMT_P || strstr(d->name, "plog_") ||
            (i == 1 && !strncmp(d->name, "qpcext_", 7))) {
            g_string_append_printf(t, "%s %s%d", i && t->str[t->len - 1] != ','
                                   && strchr(t->str, ' ') ? "," : "",
                                   reg[d->fmt[i] ? d->fmt[i] : E2K_FMT_D],
                                   i + 1);
        }
    }
    if (d->alopf == E2K_ALOPF17) {
        g_string_append(t, ", %pred2");
    } else if (d->fmt[3] == E2K_FMT_S || d->fmt[3] == E2K_FMT_D ||
               d->fmt[3] == E2K_FMT_P) {
        g_string_append_printf(t, "%s %s4", strchr(t->str, ' ') ? "," : "",
                               reg[d->fmt[3]]);
    }
    if (d->alopf == E2K_ALOPF11_MERGE) {
        g_string_append(t, ", %pred0");
    }
    return g_string_free(t, false);
}

int main(void)
{
    int checked = 0, absent = 0, bad = 0;
    unsigned i;
    size_t k;

    for (i = 0; i < e2k_op_table_size; i++) {
        const E2KOpDesc *d = &e2k_op_table[i];
        int kind = 0, chan, isa;

        for (k = 0; k < G_N_ELEMENTS(impl); k++) {
            if (impl[k].id == d->id) {
                kind = impl[k].kind;
            }
        }
        if (!kind && other_impl(d)) {
            kind = 'O';
        }
        if (!kind) {
            continue;
        }
        for (chan = 0; chan < 6; chan++) {
            E2KAsmEnv env = { .isa = d->isa_min };
            uint8_t out[E2K_ASM_MAX_OUT];
            const char *ops[1];
            char *text;
            Error *err = NULL;
            int len;

            if (!(d->chan_mask & (1u << chan))) {
                continue;
            }
            if (kind == 'O') {
                text = operands_text(d, chan);
            } else if (kind == 3) {
                text = g_strdup_printf("%s,%d %%dr1, %%dr2, %%dr3, %%dr4",
                                       d->name, chan);
            } else if (kind == 'L' && d->alopf == E2K_ALOPF12_PSHUFH) {
                text = g_strdup_printf("%s,%d %%dr1, 0x1b, %%dr4", d->name,
                                       chan);
            } else if (kind == 'P') {
                text = g_strdup_printf("%s,%d %%dr1, %%dr2, %%pred2",
                                       d->name, chan);
            } else if (kind == 'L') {
                text = g_strdup_printf("%s,%d %%dr1, %%dr2, 0x1, %%dr4",
                                       d->name, chan);
            } else {
                text = g_strdup_printf("%s,%d %%dr1, %%dr2, %%dr4", d->name,
                                       chan);
            }
            ops[0] = text;
            len = e2k_asm_encode(&env, ops, 1, true, out, &err);
            if (len <= 0) {
                fprintf(stderr, "%s (v%d): %s\n", text, d->isa_min,
                        err ? error_get_pretty(err) : "?");
                error_free(err);
                g_free(text);
                bad++;
                continue;
            }
            for (isa = 2; isa <= 7; isa++) {
                E2KBundle b;
                const E2KOpDesc *got = NULL;
                bool want = id_valid(d->id, chan, isa);

                if (e2k_decode_bundle(out, len, isa, &b, NULL) > 0) {
                    got = e2k_bundle_alu_op(&b, chan, isa);
                }
                checked++;
                absent += !want;
                if ((got && same_op(got, d)) != want) {
                    fprintf(stderr, "%s (row v%d..v%d) on v%d: decodes as "
                            "%s\n", text, d->isa_min, d->isa_max, isa,
                            got ? got->name : "nothing");
                    bad++;
                }
            }
            g_free(text);
        }
    }
    printf("vec isa: %d encodings x versions checked (%d where the "
           "operation must not decode), %d wrong\n", checked, absent, bad);
    return bad || !checked ? 1 : 0;
}
