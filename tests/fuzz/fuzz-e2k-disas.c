/*
 * Fuzz target for the e2k decoder and disassembler (target/e2k/decode.c,
 * disas.c): the first input byte picks the ISA version (2..7), the rest
 * is a stream of wide instructions decoded one after another (an invalid
 * one skips 8 bytes).  For each:
 *   - the decoder and the disassembler agree on validity and length, and
 *     the length is within the bytes available;
 *   - every channel's operation lookup and operand decoding terminates;
 *   - the text of a valid bundle, when the assembler back end
 *     (target/e2k/asm-encode.c) accepts it, assembles to a bundle whose
 *     text names the same operations (disassembly is a fixed point, up to
 *     the order of the operations).
 * Any crash, sanitizer report or abort is a bug.
 *
 * Built with --enable-fuzzing, -DFUZZ_LIBFUZZER selects libFuzzer's entry
 * point; otherwise this is a replayer: fuzz-e2k-disas FILE...
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "qemu/error.h"
#include "decode.h"
#include "disas.h"
#include "isa.h"
#include "asm-encode.h"

#define MAX_BUNDLES 64

/* Split "{ a ; b }" (the disassembler's form) into trimmed operations. */
static int split_ops(char *text, const char **ops, int maxops)
{
    char *p = g_strstrip(text), *q;
    size_t l = strlen(p);
    int n = 0;

    if (p[0] == '{' && l >= 2 && p[l - 1] == '}') {
        p[l - 1] = 0;
        p++;
    }
    while (p && *p) {
        q = strchr(p, ';');
        if (q) {
            *q = 0;
        }
        p = g_strstrip(p);
        if (*p) {
            if (n == maxops) {
                return -1;
            }
            ops[n++] = p;
        }
        p = q ? q + 1 : NULL;
    }
    return n;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* An operation's text with its conditions (`op ? c1, c2') sorted: their
   order follows the predicate slots the encoder chose and means nothing.
   Returns a new string. */
static char *canonical_op(const char *op)
{
    const char *q = strstr(op, " ? ");
    char **conds;
    char *head, *joined, *out;
    guint n;

    if (!q) {
        return g_strdup(op);
    }
    head = g_strndup(op, q - op);
    conds = g_strsplit(q + 3, ", ", -1);
    n = g_strv_length(conds);
    qsort(conds, n, sizeof(conds[0]), cmp_str);
    joined = g_strjoinv(", ", conds);
    out = g_strdup_printf("%s ? %s", head, joined);
    g_free(joined);
    g_strfreev(conds);
    g_free(head);
    return out;
}

/* Whether two bundle texts name the same operations: the order in which
   the disassembler lists them follows the channels the encoder chose,
   and means nothing (a wide instruction's operations are parallel). */
static bool same_ops(const char *t1, const char *t2)
{
    char *c1 = g_strdup(t1), *c2 = g_strdup(t2);
    const char *o1[64], *o2[64];
    int n1 = split_ops(c1, o1, 64), n2 = split_ops(c2, o2, 64);
    bool same = n1 == n2 && n1 >= 0;

    if (same) {
        char *k1[64], *k2[64];

        for (int i = 0; i < n1; i++) {
            k1[i] = canonical_op(o1[i]);
            k2[i] = canonical_op(o2[i]);
        }
        qsort(k1, n1, sizeof(k1[0]), cmp_str);
        qsort(k2, n2, sizeof(k2[0]), cmp_str);
        for (int i = 0; i < n1; i++) {
            same = same && !strcmp(k1[i], k2[i]);
            g_free(k1[i]);
            g_free(k2[i]);
        }
    }
    g_free(c1);
    g_free(c2);
    return same;
}

/* Whether a quad pair operation in @text (movaq, ldaaq, ...: a mnemonic
   ending in 'q') writes a special register (%tst, %tc, %tcd, %ctprN): gas
   and ours encode its two halves as the even/odd pair of that number
   (%tst, 0xcd, becomes 0xcc and 0xcd), as for a register. */
static bool has_special_quad_dst(const char *text)
{
    const char *p = text;

    while (*p) {
        size_t len = strcspn(p, ";}");
        char *buf = g_strndup(p, len);
        const char *op = buf + strspn(buf, "{ ");
        size_t name = strcspn(op, ", ");
        bool special = name > 0 && op[name - 1] == 'q' &&
                       (strstr(op, "%t") || strstr(op, "%ctpr"));

        g_free(buf);
        if (special) {
            return true;
        }
        p += len;
        p += *p != 0;
    }
    return false;
}

/* Whether @text names a quad register pair (%qb[N], %qrN, %qgN; not the
   v5+ %qp registers) with an odd N.  Both MCST's gas and ours accept such
   a pair and encode it as the even one, so the text of a bundle whose
   first half reads an odd register is not a fixed point, by design. */
static bool has_odd_quad_pair(const char *text)
{
    const char *p = text;

    if (has_special_quad_dst(text)) {
        return true;
    }

    while ((p = strstr(p, "%q")) != NULL) {
        const char *q = p + 2;
        char *end;
        long n;

        p += 2;
        if (*q == 'b' && q[1] == '[') {
            q += 2;
        } else if (*q == 'r' || *q == 'g') {
            q++;
        } else {
            continue;
        }
        n = strtol(q, &end, 10);
        if (end != q && (n & 1)) {
            return true;
        }
    }
    return false;
}

/* Whether @text has an AAU store or load (staa*, ldaa*) with MAS 0x3f.
   That MAS makes the same opcode an AAU register move (aaurw*, aaurr*)
   when bits 23:8 name a register; bytes that name none are shown as the
   store or load, without the bits its syntax cannot say (bit 11; the
   increment number without the increment).  Reassembled, the text can
   name a register: MCST's gas (checked, elbrus-v6) encodes `staaw ...
   %aad0 [ %aasti0 ],mas=0x3f` exactly as `aaurw ... %aad0`, so such text
   is not a fixed point, by design. */
static bool has_aau_mas_3f(const char *text)
{
    static const char *const ops[] = { "staa", "ldaa" };

    for (int i = 0; i < 2; i++) {
        for (const char *p = text; (p = strstr(p, ops[i])) != NULL; p += 4) {
            if (g_strstr_len(p, strcspn(p, ";}"), "mas=0x3f")) {
                return true;
            }
        }
    }
    return false;
}

/* The text of a valid bundle, reassembled and disassembled, names the
   same operations. */
static void check_fixed_point(const char *text, int isa, uint64_t pc)
{
    char *copy;
    const char *ops[64];
    uint8_t out[E2K_ASM_MAX_OUT];
    E2KAsmEnv env = { .isa = isa, .pc = pc, .objdump_store_order = true };
    Error *err = NULL;
    int n, len;

    if (has_odd_quad_pair(text) || has_aau_mas_3f(text)) {
        return;
    }
    copy = g_strdup(text);
    n = split_ops(copy, ops, 64);
    if (n < 0) {
        g_free(copy);
        return;
    }
    len = e2k_asm_encode(&env, ops, n, true, out, &err);
    if (len > 0) {
        GString *again = g_string_new(NULL);
        int l2 = e2k_disas_bundle(out, len, pc, isa, again);

        if (l2 != len || !same_ops(again->str, text)) {
            fprintf(stderr, "fuzz-e2k-disas: isa %d: not a fixed point:\n"
                    "  %s\n  %s\n", isa, text, again->str);
            abort();
        }
        g_string_free(again, true);
    }
    error_free(err);
    g_free(copy);
}

static void disas_stream(const uint8_t *data, size_t size)
{
    int isa;
    size_t pos = 0;
    GString *s = g_string_new(NULL);

    if (size < 1) {
        g_string_free(s, true);
        return;
    }
    isa = E2K_ISA_MIN + data[0] % (E2K_ISA_MAX - E2K_ISA_MIN + 1);
    data++;
    size--;
    for (int n = 0; n < MAX_BUNDLES && pos < size; n++) {
        E2KBundle b;
        size_t avail = size - pos;
        int l1 = e2k_decode_bundle(data + pos, avail, isa, &b, NULL);
        int l2;

        if (l1 > 0) {
            for (int chan = 0; chan < 6; chan++) {
                const E2KOpDesc *d = e2k_bundle_alu_op(&b, chan, isa);
                E2KOperand o;

                if (d) {
                    e2k_decode_operand(&b, chan, e2k_op_src1_field(&b, chan, d),
                                       E2K_ROLE_SRC1, &o);
                    e2k_decode_operand(&b, chan, e2k_op_src2_field(&b, chan, d),
                                       E2K_ROLE_SRC2, &o);
                    e2k_decode_operand(&b, chan, e2k_op_dst_field(&b, chan, d),
                                       E2K_ROLE_DST, &o);
                }
            }
        }
        g_string_truncate(s, 0);
        l2 = e2k_disas_bundle(data + pos, avail, pos, isa, s);
        if (l1 != l2 || l1 > (int)avail || (l1 > 0 && l1 % 8)) {
            fprintf(stderr, "fuzz-e2k-disas: isa %d, offset %zu: decode says "
                    "%d, disas says %d (%zu bytes left)\n", isa, pos, l1, l2,
                    avail);
            abort();
        }
        if (l1 > 0) {
            check_fixed_point(s->str, isa, pos);
        }
        pos += l1 > 0 ? (size_t)l1 : 8;
    }
    g_string_free(s, true);
}

#ifdef FUZZ_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    disas_stream(data, size);
    return 0;
}
#else
int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        gchar *data;
        gsize len;
        GError *gerr = NULL;

        if (!g_file_get_contents(argv[i], &data, &len, &gerr)) {
            fprintf(stderr, "fuzz-e2k-disas: %s\n", gerr->message);
            return 1;
        }
        disas_stream((const uint8_t *)data, len);
        g_free(data);
    }
    printf("fuzz-e2k-disas: %d inputs: no crash\n", argc - 1);
    return 0;
}
#endif
