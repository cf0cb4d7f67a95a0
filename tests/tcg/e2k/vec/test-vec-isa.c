/*
 * Every packed operation vec-ops.h implements decodes as itself on the
 * ISA versions its opcode-table row names, and not on the others: on an
 * earlier (or later) CPU the same bits are no operation of that name, so
 * the translator raises SIGILL.  Each row's channels are tried with the
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
            if (kind == 3) {
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
                if ((got && got->id == d->id) != want) {
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
