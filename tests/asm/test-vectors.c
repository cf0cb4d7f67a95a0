/*
 * Golden-vector test of the e2k ISA library: for every accepted vector of
 * the reference assembler (tests/asm/data/vectors-vN.tsv.gz) our encoder
 * must produce the same bytes, the decoder must accept them and find every
 * ALU operation in the opcode table, and our disassembler's text must
 * assemble back to the same bytes.  Inputs the reference rejects (by a
 * syntax or semantic rule) must be rejected.  Every opcode-table row must
 * round-trip encode -> decode.
 *
 * Documented exceptions (tests/asm/exceptions.txt): inputs the reference
 * silently truncates; ours must report an error instead.  Known failures
 * (tests/asm/known-failures.txt) are listed with a reason and counted.
 *
 * usage: test-vectors DATADIR [ISA...]
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <inttypes.h>
#include <glib.h>
#include <zlib.h>

#include "qemu/error.h"
#include "asm-encode.h"
#include "decode.h"
#include "disas.h"

typedef struct Fix {
    unsigned off;
    int kind;
    char expr[128];
} Fix;

typedef struct Ctx {
    uint64_t pc;
    Fix fix[8];
    int nfix;
} Ctx;

/* "." and numbers joined by + / - are all the vectors use */
static bool eval_simple(const char *e, uint64_t pc, int64_t *v)
{
    int64_t acc = 0;
    int sign = 1;
    while (*e) {
        while (*e == ' ') {
            e++;
        }
        if (*e == '.') {
            acc += sign * (int64_t)pc;
            e++;
        } else if (g_ascii_isdigit(*e)) {
            char *end;
            acc += sign * (int64_t)strtoull(e, &end, 0);
            e = end;
        } else {
            return false;
        }
        while (*e == ' ') {
            e++;
        }
        if (*e == '+') {
            sign = 1;
            e++;
        } else if (*e == '-') {
            sign = -1;
            e++;
        } else if (*e) {
            return false;
        }
    }
    *v = acc;
    return true;
}

static int test_eval(void *opaque, const char *expr, int64_t *val, Error **errp)
{
    Ctx *c = opaque;
    if (strchr(expr, '.') && eval_simple(expr, c->pc, val)) {
        return 1;       /* location-relative: resolved by a fixup */
    }
    if (eval_simple(expr, c->pc, val)) {
        return 0;
    }
    error_setg(errp, "unknown symbol in `%s'", expr);
    return -1;
}

static void test_fixup(void *opaque, unsigned off, int kind, const char *expr)
{
    Ctx *c = opaque;
    if (c->nfix < 8) {
        c->fix[c->nfix].off = off;
        c->fix[c->nfix].kind = kind;
        g_strlcpy(c->fix[c->nfix].expr, expr, sizeof(c->fix[0].expr));
        c->nfix++;
    }
}

/* Split "{ a ; b }" or "a" into operation texts. */
static int split_ops(const char *asm_text, char *buf, size_t bufsz,
                     const char **ops, int maxops, bool *braced)
{
    char *p, *q;
    int n = 0;

    g_strlcpy(buf, asm_text, bufsz);
    p = g_strstrip(buf);
    *braced = p[0] == '{';
    if (*braced) {
        size_t l = strlen(p);
        p++;
        if (l >= 2 && p[l - 2] == '}') {
            p[l - 2] = 0;
        }
    }
    while (p && *p) {
        q = strchr(p, ';');
        if (q) {
            *q = 0;
        }
        p = g_strstrip(p);
        if (*p && n < maxops) {
            ops[n++] = p;
        }
        p = q ? q + 1 : NULL;
    }
    return n;
}

static int encode_text(const char *asm_text, int isa, bool ld_st_style,
                       uint8_t *out, char **err)
{
    char buf[1024];
    const char *ops[32];
    bool braced;
    int n = split_ops(asm_text, buf, sizeof(buf), ops, 32, &braced);
    Ctx c = { 0 };
    E2KAsmEnv env = {
        .isa = isa, .pc = 0, .objdump_store_order = ld_st_style,
        .eval = test_eval, .add_fixup = test_fixup, .opaque = &c,
    };
    Error *local = NULL;
    int len, i;

    len = e2k_asm_encode(&env, ops, n, braced, out, &local);
    if (len < 0) {
        if (err) {
            *err = g_strdup(error_get_pretty(local));
        }
        error_free(local);
        return -1;
    }
    for (i = 0; i < c.nfix; i++) {
        int64_t v;
        if (!eval_simple(c.fix[i].expr, 0, &v) ||
            !e2k_asm_apply_fixup(out, c.fix[i].off, c.fix[i].kind, v, 0,
                                 &local)) {
            if (err) {
                *err = g_strdup(local ? error_get_pretty(local) : "bad fixup");
            }
            error_free(local);
            return -1;
        }
    }
    return len;
}

static GHashTable *load_list(const char *path)
{
    GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                          g_free);
    char *text = NULL;
    char **lines;
    int i;

    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        return h;
    }
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++) {
        char **f;
        if (!lines[i][0] || lines[i][0] == '#') {
            continue;
        }
        f = g_strsplit(lines[i], "\t", 3);
        if (f[0] && f[1]) {
            g_hash_table_insert(h, g_strdup_printf("%s\t%s", f[0], f[1]),
                                g_strdup(f[2] ? f[2] : ""));
        }
        g_strfreev(f);
    }
    g_strfreev(lines);
    g_free(text);
    return h;
}

static char *read_gz(const char *path)
{
    gzFile f = gzopen(path, "rb");
    GString *s;
    char buf[65536];
    int n;

    if (!f) {
        return NULL;
    }
    s = g_string_new(NULL);
    while ((n = gzread(f, buf, sizeof(buf))) > 0) {
        g_string_append_len(s, buf, n);
    }
    gzclose(f);
    return g_string_free(s, FALSE);
}

static int hexval(char c)
{
    return g_ascii_xdigit_value(c);
}

static int verbose;

static void show(const char *what, int isa, const char *asm_text,
                 const char *detail)
{
    if (verbose) {
        printf("FAIL v%d %s: %s\t%s\n", isa, what, asm_text, detail ? detail : "");
    }
}

/*
 * Agreement with the reference disassembler (third column of the vectors):
 * after normalising spelling (literal slot prefixes, register width
 * prefixes, number bases, spacing, predicate order), every ALU operation
 * the reference prints must equal ours on the same channel.  Operations it
 * prints wrongly by design (`ambiguous', `unrecognized', aaur* as staa*,
 * `(null)' registers, the second half of a channel pair) are skipped.
 */
static GRegex *re_litspec, *re_regpfx, *re_num, *re_spaces;

static char *norm_op(const char *op)
{
    char *a, *b, *c, *d, *q;
    GString *o;
    char **parts;

    a = g_regex_replace(re_litspec, op, -1, 0, "", 0, NULL);
    b = g_regex_replace(re_regpfx, a, -1, 0, "%\\1", 0, NULL);
    c = g_regex_replace(re_num, b, -1, 0, "\\1", 0, NULL);
    d = g_regex_replace(re_spaces, c, -1, 0, "", 0, NULL);
    g_free(a);
    g_free(b);
    g_free(c);
    /* predicate list order is not significant */
    q = strchr(d, '?');
    if (!q) {
        return d;
    }
    *q = 0;
    parts = g_strsplit(q + 1, ",", -1);
    if (parts[0] && parts[1] && strcmp(parts[0], parts[1]) > 0) {
        char *t = parts[0];
        parts[0] = parts[1];
        parts[1] = t;
    }
    o = g_string_new(d);
    g_string_append(o, "?");
    {
        char *j = g_strjoinv(",", parts);
        g_string_append(o, j);
        g_free(j);
    }
    g_strfreev(parts);
    g_free(d);
    return g_string_free(o, FALSE);
}

static bool ref_skip(const char *op)
{
    return !strncmp(op, "ambiguous", 9) || !strncmp(op, "unrecognized", 12) ||
           !strncmp(op, "aaurr", 5) || !strncmp(op, "staa", 4) ||
           !strncmp(op, "incr", 4) || strstr(op, "(null)") != NULL ||
           /* the reference prints each half of movaq raw */
           (!strncmp(op, "movaq,", 6));
}

/* returns number of disagreeing operations; *cmp += compared ones */
static int ref_agree(const char *ref, const char *ours, int *cmp)
{
    char **r = g_strsplit(ref, " ; ", -1), **o;
    char *ot = g_strdup(ours);
    char *och[6] = { NULL };
    char *oname[6] = { NULL };
    int i, bad = 0;

    g_strstrip(ot);
    if (ot[0] == '{') {
        memmove(ot, ot + 1, strlen(ot));
    }
    if (*ot && ot[strlen(ot) - 1] == '}') {
        ot[strlen(ot) - 1] = 0;
    }
    o = g_strsplit(ot, " ; ", -1);
    for (i = 0; o[i]; i++) {
        char *t = g_strstrip(o[i]);
        char *comma = strchr(t, ',');
        if (comma && g_ascii_isdigit(comma[1]) && strncmp(t, "incr", 4)) {
            int ch = comma[1] - '0';
            if (ch >= 0 && ch < 6) {
                och[ch] = norm_op(t);
                oname[ch] = g_strndup(t, comma - t);
            }
        }
    }
    for (i = 0; r[i]; i++) {
        char *t = g_strstrip(r[i]);
        char *comma = strchr(t, ',');
        int ch, k;
        bool pair_half = false;
        char *n;
        if (!comma || !g_ascii_isdigit(comma[1]) || ref_skip(t)) {
            continue;
        }
        ch = comma[1] - '0';
        if (ch > 5) {
            continue;
        }
        if (!och[ch]) {
            for (k = 0; k < 6; k++) {
                if (oname[k] && strlen(oname[k]) == (size_t)(comma - t) &&
                    !strncmp(oname[k], t, comma - t)) {
                    pair_half = true;
                }
            }
            if (!pair_half) {
                bad++;
                show("reference disassembly: missing", 0, t, ours);
            }
            continue;
        }
        n = norm_op(t);
        (*cmp)++;
        if (strcmp(n, och[ch])) {
            bad++;
            if (verbose) {
                printf("FAIL reference disassembly: %s | ours %s\n", n, och[ch]);
            }
        }
        g_free(n);
    }
    for (i = 0; i < 6; i++) {
        g_free(och[i]);
        g_free(oname[i]);
    }
    g_strfreev(o);
    g_strfreev(r);
    g_free(ot);
    return bad;
}

/* An operation text exercising table row @d on channel @ch. */
static bool row_text(const E2KOpDesc *d, int ch, int isa, char *buf, size_t sz)
{
    const char *st = NULL;
    int i;

    switch (d->alopf) {
    case E2K_ALOPF1: case E2K_ALOPF11: case E2K_ALOPF3: case E2K_ALOPF13:
        snprintf(buf, sz, "%s,%d %%r2, %%r4, %%r6", d->name, ch);
        return true;
    case E2K_ALOPF11_MERGE: case E2K_ALOPF_MERGE:
        snprintf(buf, sz, "%s,%d %%r2, %%r4, %%r6, %%pred3", d->name, ch);
        return true;
    case E2K_ALOPF2: case E2K_ALOPF12: case E2K_ALOPF22:
        snprintf(buf, sz, "%s,%d %%r4, %%r6", d->name, ch);
        return true;
    case E2K_ALOPF7: case E2K_ALOPF17:
        snprintf(buf, sz, "%s,%d %%r2, %%r4, %%pred5", d->name, ch);
        return true;
    case E2K_ALOPF8:
        snprintf(buf, sz, "%s,%d %%r4, %%pred5", d->name, ch);
        return true;
    case E2K_ALOPF11_LIT8:
        snprintf(buf, sz, "%s,%d %%r2, %%r4, 3, %%r6", d->name, ch);
        return true;
    case E2K_ALOPF12_PSHUFH:
        snprintf(buf, sz, "%s,%d %%r4, 3, %%r6", d->name, ch);
        return true;
    case E2K_ALOPF21:
        snprintf(buf, sz, "%s,%d %%r2, %%r4, %%r8, %%r6", d->name, ch);
        return true;
    case E2K_ALOPF21_MERGE:
        snprintf(buf, sz, "%s,%d %%r2, %%r4, %%r8, %%r6, %%pred3", d->name, ch);
        return true;
    case E2K_ALOPF10:
        snprintf(buf, sz, "%s,%d %%r6, %%aad1 [ %%aasti2 ]", d->name, ch);
        return true;
    case E2K_ALOPF19:
        snprintf(buf, sz, "%s,%d %%aad1 [ %%aasti2 ], %%r6", d->name, ch);
        return true;
    case E2K_ALOPF_AAURW:
        snprintf(buf, sz, "%s,%d %%r6, %%aad1", d->name, ch);
        return true;
    case E2K_ALOPF_AAURR:
        snprintf(buf, sz, "%s,%d %%aad1, %%r6", d->name, ch);
        return true;
    case E2K_ALOPF12_IBRANCHD:
        snprintf(buf, sz, "%s,%d %%r4, %%r6", d->name, ch);
        return true;
    case E2K_ALOPF12_ICALLD:
        snprintf(buf, sz, "%s,%d wbs=4, %%r4, %%r6", d->name, ch);
        return true;
    case E2K_ALOPF15: case E2K_ALOPF16:
        for (i = 0; e2k_state_regs[i].name; i++) {
            if (isa >= e2k_state_regs[i].isa_min &&
                isa <= e2k_state_regs[i].isa_max) {
                st = e2k_state_regs[i].name;
                break;
            }
        }
        if (d->alopf == E2K_ALOPF15) {
            snprintf(buf, sz, "%s,%d %%r4, %s", d->name, ch, st);
        } else {
            snprintf(buf, sz, "%s,%d %s, %%r6", d->name, ch, st);
        }
        return true;
    default:
        return false;
    }
}

static bool same_encoding(const E2KOpDesc *a, const E2KOpDesc *b)
{
    return a->opc == b->opc && a->opce == b->opce &&
           a->ales_opc2 == b->ales_opc2 && a->ales_opce == b->ales_opce &&
           a->alopf == b->alopf;
}

/* Every opcode-table row: text -> bytes -> decode (same row or an alias
   with identical bits) -> disassembly -> the same bytes. */
static int table_roundtrip(int *total)
{
    unsigned r;
    int fails = 0, n = 0;

    for (r = 0; r < e2k_op_table_size; r++) {
        const E2KOpDesc *d = &e2k_op_table[r];
        int isa, ch;
        for (isa = d->isa_min; isa <= d->isa_max && isa <= 6; isa++) {
            for (ch = 0; ch < 6; ch++) {
                char text[160];
                uint8_t buf[256], re[256];
                E2KBundle b;
                const E2KOpDesc *got;
                GString *dis;
                int len, rl, a2, c2;
                bool ok = true;

                if (!(d->chan_mask & (1 << ch))) {
                    continue;
                }
                if ((d->flags & E2K_OPF_PAIR) && e2k_op_pair(d, ch, &a2, &c2) &&
                    ch != a2) {
                    continue;
                }
                if (!row_text(d, ch, isa, text, sizeof(text))) {
                    continue;
                }
                n++;
                {
                    char *wrapped = g_strdup_printf("{ %s }", text);
                    len = encode_text(wrapped, isa, true, buf, NULL);
                    g_free(wrapped);
                }
                if (len < 0 || e2k_decode_bundle(buf, len, isa, &b, NULL) != len) {
                    ok = false;
                } else {
                    got = e2k_bundle_alu_op(&b, ch, isa);
                    if (!got || (strcmp(got->name, d->name) &&
                                 !same_encoding(got, d))) {
                        ok = false;
                    }
                }
                if (ok) {
                    dis = g_string_new(NULL);
                    e2k_disas_bundle(buf, len, 0, isa, dis);
                    rl = encode_text(dis->str, isa, true, re, NULL);
                    if (rl != len || memcmp(re, buf, len)) {
                        ok = false;
                    }
                    g_string_free(dis, TRUE);
                }
                if (!ok) {
                    fails++;
                    show("table row", isa, text, NULL);
                }
            }
        }
    }
    *total = n;
    return fails;
}

/* Random bytes: the decoder and disassembler must never read past the
   buffer or crash, and must agree on validity. */
static int random_bundles(int count)
{
    uint32_t x = 0x2545f491;
    int i, fails = 0;

    for (i = 0; i < count; i++) {
        uint8_t buf[64];
        size_t avail;
        int k, l1, l2, isa = 2 + i % 6;
        E2KBundle b;
        GString *s = g_string_new(NULL);

        for (k = 0; k < 64; k++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            buf[k] = x;
        }
        avail = 8 + (x % 57);
        l1 = e2k_decode_bundle(buf, avail, isa, &b, NULL);
        if (l1 > 0) {
            for (k = 0; k < 6; k++) {
                e2k_bundle_alu_op(&b, k, isa);
            }
        }
        l2 = e2k_disas_bundle(buf, avail, 0, isa, s);
        if (l1 != l2 || l1 > (int)avail) {
            fails++;
        }
        g_string_free(s, TRUE);
    }
    return fails;
}

/* Mutated source text: the encoder must either fail cleanly or produce a
   bundle the decoder accepts; never crash or overrun. */
static int mutated_sources(char **lines, int isa, int count)
{
    uint32_t x = 0x9e3779b9u + isa;
    int nlines = 0, i, fails = 0;
    static const char alphabet[] = "%[]+-,;?~_ 0123456789abcdefgrdxqpmaslt=.@#";

    while (lines[nlines]) {
        nlines++;
    }
    if (nlines < 2) {
        return 0;
    }
    for (i = 0; i < count; i++) {
        char buf[600];
        char **f;
        uint8_t out[E2K_ASM_MAX_OUT];
        int len, k, edits;

        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        f = g_strsplit(lines[1 + x % (nlines - 1)], "\t", 2);
        if (!f[0]) {
            g_strfreev(f);
            continue;
        }
        g_strlcpy(buf, f[0], sizeof(buf) - 64);
        g_strfreev(f);
        edits = 1 + x % 4;
        for (k = 0; k < edits; k++) {
            size_t l = strlen(buf);
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            if (!l) {
                break;
            }
            switch (x % 3) {
            case 0:
                buf[x % l] = alphabet[(x >> 8) % (sizeof(alphabet) - 1)];
                break;
            case 1:
                memmove(buf + x % l, buf + x % l + 1, l - x % l);
                break;
            default:
                if (l + 40 < sizeof(buf)) {
                    memmove(buf + x % l + 1, buf + x % l, l - x % l + 1);
                    buf[x % l] = alphabet[(x >> 8) % (sizeof(alphabet) - 1)];
                }
                break;
            }
        }
        len = encode_text(buf, isa, (x >> 3) & 1, out, NULL);
        if (len > 0) {
            int off = 0;
            while (off < len) {
                E2KBundle b;
                int l = e2k_decode_bundle(out + off, len - off, isa, &b, NULL);
                if (l < 0) {
                    /* an APB pair (fapb) is not a bundle */
                    if (!strstr(buf, "fapb")) {
                        fails++;
                        show("mutated source gives an undecodable bundle", isa,
                             buf, NULL);
                    }
                    break;
                }
                off += l;
            }
        }
    }
    return fails;
}

static uint64_t rd(const uint8_t *p, int n)
{
    uint64_t v = 0;
    while (n--) {
        v = (v << 8) | p[n];
    }
    return v;
}

/* The reference executables: every bundle of .text must decode and its
   disassembly must re-assemble to the same bytes.  Returns failures, -1 if
   a file is missing or malformed. */
static int elf_roundtrip(const char *path, int isa, int *nbundles)
{
    gchar *data = NULL;
    gsize size = 0;
    const uint8_t *e;
    uint64_t shoff, i;
    unsigned shentsize, shnum, shstrndx;
    int fails = 0;
    GHashTable *apb;        /* addresses `ldisp %ctpr2' points at */
    const char *ldisp;

    *nbundles = 0;
    if (!g_file_get_contents(path, &data, &size, NULL)) {
        return -1;
    }
    e = (const uint8_t *)data;
    if (size < 64 || memcmp(e, "\177ELF", 4) || e[4] != 2) {
        g_free(data);
        return -1;
    }
    shoff = rd(e + 0x28, 8);
    shentsize = rd(e + 0x3a, 2);
    shnum = rd(e + 0x3c, 2);
    shstrndx = rd(e + 0x3e, 2);
    if (shentsize < 64 || shstrndx >= shnum ||
        shoff > size || (uint64_t)shnum * shentsize > size - shoff) {
        g_free(data);
        return -1;
    }
    apb = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (i = 0; i < shnum; i++) {
        const uint8_t *sh = e + shoff + i * shentsize;
        const uint8_t *str = e + shoff + shstrndx * shentsize;
        uint64_t stroff = rd(str + 0x18, 8), name = rd(sh, 4);
        uint64_t off = rd(sh + 0x18, 8), sz = rd(sh + 0x20, 8);
        uint64_t addr = rd(sh + 0x10, 8), pos = 0;
        if (stroff + name + 6 > size || memcmp(e + stroff + name, ".text", 6) ||
            off > size || sz > size - off) {
            continue;
        }
        while (pos + 8 <= sz) {
            GString *t = g_string_new(NULL);
            uint8_t re[256];
            int l;

            if (g_hash_table_contains(apb, GSIZE_TO_POINTER(addr + pos))) {
                /* an fapb program: entries up to the one with ct=1 */
                bool last = false;
                int n;

                for (n = 0; n < 32 && !last && pos + 16 <= sz; n++) {
                    g_string_truncate(t, 0);
                    l = e2k_disas_apb(e + off + pos, sz - pos, t, &last);
                    (*nbundles)++;
                    if (encode_text(t->str, isa, true, re, NULL) != 16 ||
                        memcmp(re, e + off + pos, 16)) {
                        fails++;
                        show("program APB entry", isa, path, t->str);
                    }
                    pos += 16;
                }
                g_string_free(t, TRUE);
                continue;
            }
            l = e2k_disas_bundle(e + off + pos, sz - pos, addr + pos, isa, t);
            ldisp = strstr(t->str, "ldisp %ctpr2, ");
            if (l > 0 && ldisp) {
                /* the displacement counts 8-byte units from this bundle */
                const char *num = ldisp + strlen("ldisp %ctpr2, ");
                bool neg = *num == '-';
                int64_t units = g_ascii_strtoll(num + neg, NULL, 16);

                g_hash_table_add(apb, GSIZE_TO_POINTER(addr + pos +
                                                       (neg ? -units : units) * 8));
            }
            int rl = l > 0 ? encode_text(t->str, isa, true, re, NULL) : -1;
            (*nbundles)++;
            if (l <= 0 || rl != l || memcmp(re, e + off + pos, l)) {
                g_autofree gchar *where = NULL;
                GString *hex = g_string_new(NULL);
                unsigned k, n = l > 0 ? l : MIN(sz - pos, 64);

                for (k = 0; k < n; k += 4) {
                    g_string_append_printf(hex, " %08x",
                                           (unsigned)rd(e + off + pos + k,
                                                        MIN(4, n - k)));
                }
                where = g_strdup_printf("%s at 0x%" PRIx64 " (%s)", path,
                                        addr + pos, hex->str + 1);
                fails++;
                show("program bundle", isa, where, t->str);
                g_string_free(hex, TRUE);
            }
            g_string_free(t, TRUE);
            if (l <= 0) {
                break;
            }
            pos += l;
        }
    }
    g_hash_table_destroy(apb);
    g_free(data);
    return fails;
}

int main(int argc, char **argv)
{
    const char *dir;
    GHashTable *exc, *known;
    int isas[8], nisa = 0, i;
    int total_fail = 0, total_known = 0, total_exc = 0;
    char *path;

    if (argc < 2) {
        fprintf(stderr, "usage: %s DATADIR [ISA...]\n"
                "       %s --elf ISA FILE...\n", argv[0], argv[0]);
        return 2;
    }
    verbose = getenv("E2K_VECTORS_VERBOSE") != NULL;
    if (!strcmp(argv[1], "--elf") && argc >= 4) {
        /* Round-trip the .text of executables someone else built (not in
           the tree): every bundle disassembles and re-assembles to itself. */
        int isa = atoi(argv[2]), bad = 0;
        for (i = 3; i < argc; i++) {
            int nb, pf = elf_roundtrip(argv[i], isa, &nb);
            if (pf < 0) {
                printf("%s: missing or malformed\n", argv[i]);
                bad++;
            } else {
                printf("%s: %d bundles disassembled and re-assembled, "
                       "%d failures\n", argv[i], nb, pf);
                bad += pf != 0 || nb == 0;  /* no .text: nothing checked */
            }
        }
        return bad ? 1 : 0;
    }
    re_litspec = g_regex_new("_f(16s|32s|64)(,_lts[0-3](lo|hi)?)? ", 0, 0, NULL);
    re_regpfx = g_regex_new("%(?:d|x|qp|q)(r|g|b\\[)", 0, 0, NULL);
    re_num = g_regex_new("(?<![%\\w.])(0x[0-9a-f]+|\\d+)(?![\\w\\]])", 0, 0, NULL);
    re_spaces = g_regex_new("\\s+|\\.(hi|lo)\\b", 0, 0, NULL);
    dir = argv[1];
    for (i = 2; i < argc && nisa < 8; i++) {
        isas[nisa++] = atoi(argv[i]);
    }
    if (!nisa) {
        for (i = 2; i <= 6; i++) {
            isas[nisa++] = i;
        }
    }
    path = g_build_filename(dir, "..", "exceptions.txt", NULL);
    exc = load_list(path);
    g_free(path);
    path = g_build_filename(dir, "..", "known-failures.txt", NULL);
    known = load_list(path);
    g_free(path);

    for (i = 0; i < nisa; i++) {
        int isa = isas[i];
        char *name = g_strdup_printf("vectors-v%d.tsv.gz", isa);
        char *text, **lines;
        int n = 0, enc_ok = 0, dec_ok = 0, dis_ok = 0, nexc = 0, nknown = 0;
        int fail = 0, rej = 0, rej_ok = 0, j, ref_cmp = 0, ref_bad = 0;

        path = g_build_filename(dir, name, NULL);
        g_free(name);
        text = read_gz(path);
        if (!text) {
            fprintf(stderr, "cannot read %s\n", path);
            return 1;
        }
        g_free(path);
        lines = g_strsplit(text, "\n", -1);
        g_free(text);
        for (j = 1; lines[j]; j++) {
            char **f = g_strsplit(lines[j], "\t", 3);
            uint8_t want[256], got[256];
            int wlen = 0, glen;
            char *err = NULL, *key;
            bool bad = false;
            bool is_fapb;
            const char *reason;

            if (!f[0] || !f[1]) {
                g_strfreev(f);
                continue;
            }
            n++;
            for (glen = 0; f[1][2 * glen] && f[1][2 * glen + 1] && glen < 256;
                 glen++) {
                want[glen] = hexval(f[1][2 * glen]) * 16 +
                             hexval(f[1][2 * glen + 1]);
            }
            wlen = glen;
            is_fapb = strstr(f[0], "fapb") != NULL;
            key = g_strdup_printf("v%d\t%s", isa, f[0]);
            glen = encode_text(f[0], isa, false, got, &err);
            if (g_hash_table_lookup(exc, key)) {
                /* the reference truncates silently; we must refuse */
                if (glen < 0) {
                    nexc++;
                } else {
                    show("exception accepted", isa, f[0], NULL);
                    fail++;
                }
                g_free(err);
                g_free(key);
                g_strfreev(f);
                continue;
            }
            if (glen != wlen || memcmp(got, want, wlen)) {
                char *h = NULL;
                if (glen > 0) {
                    GString *hs = g_string_new(NULL);
                    int k;
                    for (k = 0; k < glen; k++) {
                        g_string_append_printf(hs, "%02x", got[k]);
                    }
                    h = g_string_free(hs, FALSE);
                }
                if (h) {
                    char *t = g_strdup_printf("%s\twant %s", h, f[1]);
                    g_free(h);
                    h = t;
                }
                show("encode", isa, f[0], glen < 0 ? err : h);
                g_free(h);
                bad = true;
            } else {
                enc_ok++;
            }
            g_free(err);
            /* decode */
            if (!is_fapb) {
                int off = 0;
                bool dok = true;
                while (off < wlen) {
                    E2KBundle b;
                    int l = e2k_decode_bundle(want + off, wlen - off, isa, &b,
                                              NULL);
                    int ch;
                    if (l < 0) {
                        dok = false;
                        break;
                    }
                    for (ch = 0; ch < 6; ch++) {
                        if ((b.als_mask & (1 << ch)) &&
                            !e2k_bundle_alu_op(&b, ch, isa)) {
                            dok = false;
                        }
                    }
                    off += l;
                }
                if (dok) {
                    dec_ok++;
                } else {
                    show("decode", isa, f[0], f[1]);
                    bad = true;
                }
            } else {
                dec_ok++;
            }
            /* disassemble and re-encode (an APB entry is not a bundle:
               it has its own printer) */
            if (is_fapb) {
                GString *out = g_string_new(NULL);
                uint8_t re[256];
                bool last;

                if (wlen == 16 && e2k_disas_apb(want, wlen, out, &last) == 16 &&
                    encode_text(out->str, isa, true, re, NULL) == 16 &&
                    !memcmp(re, want, 16)) {
                    dis_ok++;
                } else {
                    show("disas (APB entry)", isa, f[0], out->str);
                    bad = true;
                }
                g_string_free(out, TRUE);
            } else {
                GString *out = g_string_new(NULL);
                int off = 0, l;
                bool ok = true;
                while (off < wlen && ok) {
                    l = e2k_disas_bundle(want + off, wlen - off, off, isa, out);
                    if (l <= 0) {
                        ok = false;
                        break;
                    }
                    off += l;
                    if (off < wlen) {
                        g_string_append(out, "\n");
                    }
                }
                if (ok) {
                    /* one bundle per line; assemble each */
                    char **bl = g_strsplit(out->str, "\n", -1);
                    int k, pos = 0;
                    for (k = 0; bl[k] && ok; k++) {
                        uint8_t re[256];
                        char *e2 = NULL;
                        int rl = encode_text(bl[k], isa, true, re, &e2);
                        if (rl < 0 || pos + rl > wlen ||
                            memcmp(re, want + pos, rl)) {
                            ok = false;
                            show("disas", isa, f[0], bl[k]);
                            if (verbose && rl > 0) {
                                int q;
                                printf("      got  ");
                                for (q = 0; q < rl; q++) {
                                    printf("%02x", re[q]);
                                }
                                printf("\n      want %s\n", f[1]);
                            }
                            if (verbose && e2) {
                                printf("      (%s)\n", e2);
                            }
                        }
                        g_free(e2);
                        pos += rl > 0 ? rl : 0;
                    }
                    if (ok && pos != wlen) {
                        ok = false;
                        show("disas length", isa, f[0], out->str);
                    }
                    g_strfreev(bl);
                }
                if (ok) {
                    dis_ok++;
                } else {
                    bad = true;
                }
                if (f[2] && !strchr(out->str, '\n')) {
                    int rb = ref_agree(f[2], out->str, &ref_cmp);
                    if (rb) {
                        ref_bad += rb;
                        bad = true;
                    }
                }
                g_string_free(out, TRUE);
            }
            if (bad) {
                reason = g_hash_table_lookup(known, key);
                if (reason) {
                    nknown++;
                } else {
                    fail++;
                }
            }
            g_free(key);
            g_strfreev(f);
        }
        {
            int mf = mutated_sources(lines, isa, 20000);
            printf("v%d: 20000 mutated sources, %d failures\n", isa, mf);
            fail += mf;
        }
        g_strfreev(lines);

        /* rejected inputs */
        name = g_strdup_printf("rejected-v%d.tsv.gz", isa);
        path = g_build_filename(dir, name, NULL);
        g_free(name);
        text = read_gz(path);
        g_free(path);
        if (text) {
            lines = g_strsplit(text, "\n", -1);
            g_free(text);
            for (j = 1; lines[j]; j++) {
                char **f = g_strsplit(lines[j], "\t", 2);
                uint8_t got[256];
                char *key;
                if (!f[0] || !f[1] || strstr(f[1], "Internal error") ||
                    strstr(f[1], "no bytes were emitted")) {
                    g_strfreev(f);
                    continue;
                }
                rej++;
                key = g_strdup_printf("v%d\t%s", isa, f[0]);
                if (encode_text(f[0], isa, false, got, NULL) < 0) {
                    rej_ok++;
                } else if (g_hash_table_lookup(known, key)) {
                    nknown++;
                } else {
                    show("accepted a rejected input", isa, f[0], f[1]);
                    fail++;
                }
                g_free(key);
                g_strfreev(f);
            }
            g_strfreev(lines);
        }
        printf("v%d: %d operations compared with the reference disassembly, "
               "%d differ\n", isa, ref_cmp, ref_bad);
        printf("v%d: %d vectors: encode %d, decode %d, disassemble+reassemble "
               "%d; %d truncation exceptions refused; rejected %d/%d; "
               "known failures %d; new failures %d\n",
               isa, n, enc_ok, dec_ok, dis_ok, nexc, rej_ok, rej, nknown, fail);
        total_fail += fail;
        total_known += nknown;
        total_exc += nexc;
    }
    {
        static const char *const progs[] = { "hello", "loop", "call", "gcd" };
        unsigned k;
        for (k = 0; k < G_N_ELEMENTS(progs); k++) {
            char *elf = g_strdup_printf("%s/../programs/%s.ref.elf", dir,
                                        progs[k]);
            int nb, pf = elf_roundtrip(elf, 3, &nb);
            if (pf < 0) {
                printf("%s: missing or malformed\n", elf);
                total_fail++;
            } else {
                printf("program %s: %d bundles disassembled and re-assembled, "
                       "%d failures\n", progs[k], nb, pf);
                total_fail += pf;
            }
            g_free(elf);
        }
    }
    {
        int rows, rf = table_roundtrip(&rows);
        printf("opcode table: %u rows, %d row/ISA/channel cases, %d "
               "round-trip failures\n", e2k_op_table_size, rows, rf);
        total_fail += rf;
    }
    {
        int rf = random_bundles(100000);
        printf("random bytes: 100000 bundles decoded and disassembled, %d "
               "disagreements\n", rf);
        total_fail += rf;
    }
    printf("total: %d truncation exceptions refused "
           "(tests/asm/exceptions.txt), %d known failures "
           "(tests/asm/known-failures.txt), %d new failures\n",
           total_exc, total_known, total_fail);
    g_hash_table_destroy(exc);
    g_hash_table_destroy(known);
    return total_fail ? 1 : 0;
}
