/*
 * Unit tests of the decoder API the translator relies on (decode.h):
 * operand decoding (registers, short and LTS literals with their slot and
 * sign extension), predicates, MAS, channel pairs, table lookups, and the
 * rejection of malformed bundles.  Bundles are built with our encoder,
 * whose bytes the golden vectors pin.
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "qemu/error.h"
#include "asm-encode.h"
#include "decode.h"
#include "disas.h"

static int assemble(const char *text, int isa, uint8_t *out)
{
    const char *ops[16];
    char *buf = g_strdup(text), *p = buf, *q;
    int n = 0, len;
    E2KAsmEnv env = { .isa = isa };

    while (p && n < 16) {
        q = strchr(p, ';');
        if (q) {
            *q = 0;
        }
        ops[n++] = g_strstrip(p);
        p = q ? q + 1 : NULL;
    }
    len = e2k_asm_encode(&env, ops, n, true, out, &error_abort);
    g_free(buf);
    return len;
}

static void decode_ok(const uint8_t *p, int len, int isa, E2KBundle *b)
{
    g_assert_cmpint(e2k_decode_bundle(p, len, isa, b, &error_abort), ==, len);
}

static void test_literals(void)
{
    uint8_t buf[64];
    E2KBundle b;
    E2KOperand o;
    const E2KOpDesc *d;
    int len = assemble("addd,0 %dr1, 0x123456789abc, %dr2 ;"
                       "adds,1 %r3, -5000, %r4 ;"
                       "adds,3 7, 0xf, %r5 ;"
                       "ord,4 %dr6, 0x7fffffff, %g7", 3, buf);

    decode_ok(buf, len, 3, &b);
    d = e2k_bundle_alu_op(&b, 0, 3);
    g_assert_nonnull(d);
    g_assert_cmpint(d->id, ==, E2K_OP_ADDD);
    g_assert_true(e2k_decode_operand(&b, 0, e2k_op_src2_field(&b, 0, d),
                                     E2K_ROLE_SRC2, &o));
    g_assert_cmpint(o.kind, ==, E2K_OPND_LIT);
    g_assert_cmpint(o.lit_bits, ==, 64);
    g_assert_cmpint(o.value, ==, 0x123456789abcLL);
    g_assert_true(e2k_decode_operand(&b, 0, e2k_op_src1_field(&b, 0, d),
                                     E2K_ROLE_SRC1, &o));
    g_assert_cmpint(o.kind, ==, E2K_OPND_WREG);
    g_assert_cmpint(o.index, ==, 1);

    d = e2k_bundle_alu_op(&b, 1, 3);
    g_assert_cmpint(d->id, ==, E2K_OP_ADDS);
    g_assert_true(e2k_decode_operand(&b, 1, e2k_op_src2_field(&b, 1, d),
                                     E2K_ROLE_SRC2, &o));
    g_assert_cmpint(o.lit_bits, ==, 16);
    g_assert_cmpint(o.value, ==, -5000);

    d = e2k_bundle_alu_op(&b, 3, 3);
    g_assert_true(e2k_decode_operand(&b, 3, e2k_op_src1_field(&b, 3, d),
                                     E2K_ROLE_SRC1, &o));
    g_assert_cmpint(o.lit_bits, ==, 5);
    g_assert_cmpint(o.value, ==, 7);
    g_assert_true(e2k_decode_operand(&b, 3, e2k_op_src2_field(&b, 3, d),
                                     E2K_ROLE_SRC2, &o));
    g_assert_cmpint(o.lit_bits, ==, 4);
    g_assert_cmpint(o.value, ==, 15);

    d = e2k_bundle_alu_op(&b, 4, 3);
    g_assert_cmpint(d->id, ==, E2K_OP_ORD);
    g_assert_true(e2k_decode_operand(&b, 4, e2k_op_src2_field(&b, 4, d),
                                     E2K_ROLE_SRC2, &o));
    g_assert_cmpint(o.lit_bits, ==, 32);
    g_assert_cmpint(o.value, ==, 0x7fffffff);
    g_assert_true(e2k_decode_operand(&b, 4, e2k_op_dst_field(&b, 4, d),
                                     E2K_ROLE_DST, &o));
    g_assert_cmpint(o.kind, ==, E2K_OPND_GREG);
    g_assert_cmpint(o.index, ==, 7);
}

static void test_preds_and_mas(void)
{
    uint8_t buf[64];
    E2KBundle b;
    uint8_t p[2], mas;
    bool neg[2];
    const E2KOpDesc *d;
    int len = assemble("addd,3 %dr1, %dr2, %dr3 ? ~%pred24, %pcnt10 ;"
                       "ldd,0 %dr4, %dr5, %dr6, mas=0x12 ;"
                       "merges,1 %r1, %r2, %r3, ~%pred7", 3, buf);

    decode_ok(buf, len, 3, &b);
    g_assert_cmpint(e2k_bundle_chan_preds(&b, 3, false, p, neg), ==, 2);
    g_assert_cmpint(p[0] | p[1], ==, 0x60 | 24 | 0x40 | 10);
    g_assert_true(neg[0] != neg[1]);
    g_assert_true(e2k_bundle_chan_pred(&b, 1, true, p, neg));
    g_assert_cmpint(p[0], ==, 0x60 | 7);
    g_assert_true(neg[0]);
    g_assert_false(e2k_bundle_chan_pred(&b, 0, false, p, neg));
    mas = e2k_bundle_mas(&b, 0);
    g_assert_cmpint(mas, ==, 0x12);
    d = e2k_bundle_alu_op(&b, 0, 3);
    g_assert_cmpint(d->id, ==, E2K_OP_LDD);
    g_assert_true(d->flags & E2K_OPF_LOAD);
}

static void test_pairs_and_lookup(void)
{
    uint8_t buf[64];
    E2KBundle b;
    const E2KOpDesc *d, *d2;
    unsigned n;
    int a, c;
    int len = assemble("movtq,3 %qr4, %qr8", 3, buf);

    decode_ok(buf, len, 3, &b);
    g_assert_cmpint(b.als_mask, ==, (1 << 3) | (1 << 4));
    d = e2k_bundle_alu_op(&b, 3, 3);
    d2 = e2k_bundle_alu_op(&b, 4, 3);
    g_assert_true(d == d2);
    g_assert_cmpint(d->id, ==, E2K_OP_MOVTQ);
    g_assert_true(e2k_op_pair(d, 4, &a, &c));
    g_assert_cmpint(a, ==, 3);
    g_assert_cmpint(c, ==, 4);
    g_assert_cmpint(E2K_ALS_DST(b.als[4]), ==, E2K_ALS_DST(b.als[3]) + 1);

    d = e2k_op_lookup_name("adds", 3, &n);
    g_assert_nonnull(d);
    g_assert_cmpstr(e2k_op_name(d->id), ==, "adds");
    g_assert_null(e2k_op_lookup_name("qpand", 4, &n));
    g_assert_nonnull(e2k_op_lookup_name("qpand", 5, &n));
    g_assert_null(e2k_op_lookup_name("no_such_op", 3, &n));
}

static void test_invalid(void)
{
    uint8_t buf[64];
    E2KBundle b;
    Error *err = NULL;
    int len = assemble("addd,0 %dr1, 0x12345678, %dr2", 3, buf);

    /* truncated: HS.lng says more than is available */
    g_assert_cmpint(e2k_decode_bundle(buf, len - 8, 3, &b, &err), ==, -1);
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;
    /* fewer than 8 bytes */
    g_assert_cmpint(e2k_decode_bundle(buf, 4, 3, &b, &err), ==, -1);
    error_free(err);
    err = NULL;
    /* HS.mdl inconsistent with the syllables announced */
    buf[0] = (buf[0] & 0xf0) | 0x7;
    g_assert_cmpint(e2k_decode_bundle(buf, len, 3, &b, &err), ==, -1);
    error_free(err);
    err = NULL;
    /* reserved HS bit */
    len = assemble("adds,0 %r1, %r2, %r3", 3, buf);
    buf[1] |= 0x08;
    g_assert_cmpint(e2k_decode_bundle(buf, len, 3, &b, &err), ==, -1);
    error_free(err);
}

/*
 * Numbered aliases (one reference vector each) are legal on every channel
 * gas's table lists: ALU channels 0, 1, 3 and 4.  Each must assemble and
 * decode to itself there, and be refused by the assembler, and unknown to
 * the decoder, on channels 2 and 5.
 */
static void test_alias_channels(void)
{
    static const struct {
        const char *name, *operands;
        int isa;
    } cases[] = {
        { "qpcext_0x00", "%dr1, %qpr4", 6 },
        { "qpcext_0x7f", "%dr1, %qpr4", 6 },
        { "qpcext_0x80", "%dr1, %qpr4", 6 },
        { "qpcext_0xff", "%dr1, %qpr4", 6 },
        { "plog_0x00", "%dr1, %dr2, %dr3, %dr4", 5 },
        { "plog_0x08", "%dr1, %dr2, %dr3, %dr4", 5 },
        { "plog_0x0c", "%dr1, %dr2, %dr3, %dr4", 6 },
        { "plog_0x9b", "%dr1, %dr2, %dr3, %dr4", 5 },
        { "plog_255", "%dr1, %dr2, %dr3, %dr4", 6 },
        { "qplog_0x03", "%qpr1, %qpr2, %qpr3, %qpr4", 5 },
        { "qplog_0x8c", "%qpr1, %qpr2, %qpr3, %qpr4", 6 },
        { "qplog_sel3", "%qpr1, %qpr2, %qpr3, %qpr4", 5 },
    };
    unsigned i, n;
    int ch;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        int isa = cases[i].isa;
        const E2KOpDesc *want = e2k_op_lookup_name(cases[i].name, isa, &n);
        E2KBundle good;
        bool have_good = false;

        g_assert_nonnull(want);
        for (ch = 0; ch < 6; ch++) {
            char *text = g_strdup_printf("%s,%d %s", cases[i].name, ch,
                                         cases[i].operands);
            const char *ops[1] = { text };
            E2KAsmEnv env = { .isa = isa };
            Error *err = NULL;
            uint8_t buf[64];
            int len = e2k_asm_encode(&env, ops, 1, true, buf, &err);
            E2KBundle b;

            if (ch == 2 || ch == 5) {
                g_assert_cmpint(len, <, 0);
                g_assert_nonnull(err);
                g_assert_nonnull(strstr(error_get_pretty(err),
                                        "illegal channel number"));
                error_free(err);
            } else {
                const E2KOpDesc *d;
                g_assert_cmpint(len, >, 0);
                decode_ok(buf, len, isa, &b);
                g_assert_cmpint(b.als_mask, ==, 1 << ch);
                d = e2k_bundle_alu_op(&b, ch, isa);
                g_assert_nonnull(d);
                /* the row found encodes the same operation (plog_0x00
                   and plog_0 are one encoding, the decoder names one) */
                g_assert_cmpint(d->alopf, ==, want->alopf);
                g_assert_cmpint(d->opc, ==, want->opc);
                g_assert_cmpint(d->opce, ==, want->opce);
                g_assert_cmpint(d->ales_opc2, ==, want->ales_opc2);
                g_assert_cmpint(d->ales_opce, ==, want->ales_opce);
                g_assert_true(d->chan_mask & (1 << ch));
                /* an older ISA does not know the operation */
                g_assert_null(e2k_bundle_alu_op(&b, ch, d->isa_min - 1));
                if (ch == 1) {
                    good = b;
                    have_good = true;
                }
            }
            g_free(text);
        }
        /* the same syllables moved to channels 2 and 5: no operation */
        g_assert_true(have_good);
        for (ch = 2; ch < 6; ch += 3) {
            E2KBundle b = good;
            b.als[ch] = good.als[1];
            b.ales[ch] = good.ales[1];
            b.als_mask = 1 << ch;
            b.ales_mask = good.ales_mask ? 1 << ch : 0;
            g_assert_null(e2k_bundle_alu_op(&b, ch, isa));
        }
    }
}

/* The disassembly re-assembles to the same bytes where the order of the
   operations decides the order of the CDS half-syllables: lcc writes
   the three merges below in channel order, so the MRGC of channel 1
   comes before the RLP of channel 2 (a bundle of a real lcc -O2
   program). */
static void test_disas_cds_order(void)
{
    static const char *const texts[] = {
        "merges,0,sm 0x1, %g17, %g16, %pred2 ;"
        "merges,1,sm 0x1, %g19, %g18, %pred3 ;"
        "merges,2,sm 0x1, %g17, %r18, %pred2 ? %pred0",
        "adds,0 %r1, %r2, %r3 ? %pred1 ; merges,1 %r1, %r2, %r4, %pred2 ;"
        "merges,3 %r1, %r2, %r5, %pred1 ; adds,4 %r1, %r2, %r6 ? %pred2",
    };
    unsigned i;

    for (i = 0; i < G_N_ELEMENTS(texts); i++) {
        uint8_t buf[64], again[64];
        int len = assemble(texts[i], 5, buf), len2;
        GString *t = g_string_new(NULL);
        char *body;

        g_assert_cmpint(len, >, 0);
        g_assert_cmpint(e2k_disas_bundle(buf, len, 0, 5, t), ==, len);
        /* strip the braces: assemble() takes the operations */
        body = g_strndup(t->str + 2, t->len - 4);
        len2 = assemble(body, 5, again);
        g_assert_cmpint(len2, ==, len);
        g_assert_cmpmem(again, len2, buf, len);
        g_free(body);
        g_string_free(t, TRUE);
    }
}

/* An fapb entry prints as the line that assembles to it; ct=1 is last. */
static void test_disas_apb(void)
{
    static const struct {
        const char *text;
        bool last;
    } cases[] = {
        { "fapb ct=1, d=4, fmt=3, incr=2, ind=5, asz=1, abs=3, disp=0x40 ;"
          "fapb dpl=0, d=9, fmt=2, incr=0, ind=0, disp=8", true },
        { "fapb ct=0, si=1, fmt=4, mrng=31, d=7, be=1, am=1, area=17, "
          "disp=0xffffffff", false },
        { "fapb dpl=1, fmt=4, mrng=2, d=3, incr=1, ind=2, asz=2, abs=3, "
          "disp=0x40", false },
    };
    unsigned i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        uint8_t buf[64], again[64];
        GString *t = g_string_new(NULL);
        bool last = !cases[i].last;
        char *body;

        g_assert_cmpint(assemble(cases[i].text, 3, buf), ==, 16);
        g_assert_cmpint(e2k_disas_apb(buf, 15, t, &last), ==, -1);
        g_assert_cmpint(e2k_disas_apb(buf, 16, t, &last), ==, 16);
        g_assert_cmpint(last, ==, cases[i].last);
        body = g_strndup(t->str + 2, t->len - 4);
        g_assert_cmpint(assemble(body, 3, again), ==, 16);
        g_assert_cmpmem(again, 16, buf, 16);
        g_free(body);
        g_string_free(t, TRUE);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/e2k-isa/decode/literals", test_literals);
    g_test_add_func("/e2k-isa/decode/preds-mas", test_preds_and_mas);
    g_test_add_func("/e2k-isa/decode/pairs-lookup", test_pairs_and_lookup);
    g_test_add_func("/e2k-isa/decode/invalid", test_invalid);
    g_test_add_func("/e2k-isa/decode/alias-channels", test_alias_channels);
    g_test_add_func("/e2k-isa/disas/cds-order", test_disas_cds_order);
    g_test_add_func("/e2k-isa/disas/apb", test_disas_apb);
    return g_test_run();
}
