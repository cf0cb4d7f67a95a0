/*
 * e2k assembler back end: text helpers shared by the operation parsers,
 * literal and channel placement, and packing of a wide instruction into
 * bytes in the reference assembler's layout (see docs/devel/e2k-isa.md).
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "asm-int.h"

/* ---- small text helpers ---- */

static const char *skip_blanks(const char *s)
{
    while (*s == ' ') {
        s++;
    }
    return s;
}

bool asm_slurp_char(const char **s, char c)
{
    const char *t = skip_blanks(*s);
    if (*t == c) {
        *s = t + 1;
        return true;
    }
    return false;
}

bool asm_slurp_str(const char **s, const char *str)
{
    const char *t = skip_blanks(*s);
    size_t n = strlen(str);
    if (strncmp(t, str, n) == 0) {
        *s = t + n;
        return true;
    }
    return false;
}

/* An unsigned C-style number (0x.., 0.., decimal), like strtoull(.., 0). */
bool asm_parse_number(const char **s, uint64_t *val)
{
    const char *t = skip_blanks(*s);
    char *end;
    bool neg = false;

    if (*t == '-') {
        neg = true;
        t++;
    } else if (*t == '+') {
        t++;
    }
    if (!isdigit((unsigned char)*t)) {
        return false;
    }
    *val = strtoull(t, &end, 0);
    if (neg) {
        *val = -*val;
    }
    *s = end;
    return true;
}

static bool is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '$';
}

static bool is_name_start(char c)
{
    return is_name_char(c) || c == '%';
}

/* Recursive descent over + - * / % & | ^ << >> ~ ( ); symbols go to env. */
typedef struct ExprCtx {
    AsmWide *w;
    const char *s;
    Error **errp;
    bool failed;
} ExprCtx;

static int64_t expr_or(ExprCtx *c);

static int64_t expr_primary(ExprCtx *c)
{
    const char *t = skip_blanks(c->s);
    uint64_t v;

    if (*t == '(') {
        int64_t r;
        c->s = t + 1;
        r = expr_or(c);
        t = skip_blanks(c->s);
        if (*t != ')') {
            c->failed = true;
            return 0;
        }
        c->s = t + 1;
        return r;
    }
    if (*t == '-') {
        c->s = t + 1;
        return -expr_primary(c);
    }
    if (*t == '+') {
        c->s = t + 1;
        return expr_primary(c);
    }
    if (*t == '~') {
        c->s = t + 1;
        return ~expr_primary(c);
    }
    if (isdigit((unsigned char)*t)) {
        c->s = t;
        asm_parse_number(&c->s, &v);
        return (int64_t)v;
    }
    if (is_name_char(*t) && c->w->env->eval) {
        const char *e = t;
        char buf[MAX_EXPR];
        int64_t val;
        int r;
        while (is_name_char(*e)) {
            e++;
        }
        if ((size_t)(e - t) >= sizeof(buf)) {
            c->failed = true;
            return 0;
        }
        memcpy(buf, t, e - t);
        buf[e - t] = 0;
        r = c->w->env->eval(c->w->env->opaque, buf, &val, c->errp);
        if (r != 0) {
            c->failed = true;
            return 0;
        }
        c->s = e;
        return val;
    }
    c->failed = true;
    return 0;
}

static int64_t expr_mul(ExprCtx *c)
{
    int64_t l = expr_primary(c);
    for (;;) {
        const char *t = skip_blanks(c->s);
        if (*t == '*' || *t == '/' || *t == '%') {
            int64_t r;
            c->s = t + 1;
            r = expr_primary(c);
            if (*t == '*') {
                l *= r;
            } else if (r == 0) {
                c->failed = true;
                return 0;
            } else if (*t == '/') {
                l /= r;
            } else {
                l %= r;
            }
        } else if ((t[0] == '<' && t[1] == '<') || (t[0] == '>' && t[1] == '>')) {
            int64_t r;
            c->s = t + 2;
            r = expr_primary(c);
            l = t[0] == '<' ? (int64_t)((uint64_t)l << (r & 63)) : l >> (r & 63);
        } else {
            return l;
        }
    }
}

static int64_t expr_add(ExprCtx *c)
{
    int64_t l = expr_mul(c);
    for (;;) {
        const char *t = skip_blanks(c->s);
        if (*t == '+' || *t == '-') {
            int64_t r;
            c->s = t + 1;
            r = expr_mul(c);
            l = *t == '+' ? (int64_t)((uint64_t)l + r) : (int64_t)((uint64_t)l - r);
        } else {
            return l;
        }
    }
}

static int64_t expr_or(ExprCtx *c)
{
    int64_t l = expr_add(c);
    for (;;) {
        const char *t = skip_blanks(c->s);
        if ((*t == '|' && t[1] != '|') || *t == '&' || *t == '^') {
            int64_t r;
            c->s = t + 1;
            r = expr_add(c);
            l = *t == '|' ? (l | r) : *t == '&' ? (l & r) : (l ^ r);
        } else {
            return l;
        }
    }
}

bool asm_parse_const_expr(AsmWide *w, const char **s, int64_t *val,
                          Error **errp)
{
    ExprCtx c = { w, *s, errp, false };
    int64_t v = expr_or(&c);
    if (c.failed) {
        return false;
    }
    *val = v;
    *s = c.s;
    return true;
}

bool asm_parse_pred(const char **s, AsmPred *p, bool allow_pcnt)
{
    const char *t = *s;
    uint64_t n;
    uint8_t mask;

    p->neg = asm_slurp_char(&t, '~');
    if (asm_slurp_str(&t, "%pred")) {
        mask = 0x60;
    } else if (allow_pcnt && asm_slurp_str(&t, "%pcnt")) {
        mask = 0x40;
    } else {
        p->num = -1;
        return false;
    }
    if (!asm_parse_number(&t, &n)) {
        p->num = -1;
        return false;
    }
    p->num = (int)n;
    p->fld = mask | (n & 0x1f);
    *s = t;
    return true;
}

bool asm_parse_reg(const char **s, int *code)
{
    const char *t = skip_blanks(*s);
    uint64_t idx;
    int type;   /* 0 based, 1 window, 2 global, 3 aasti */

    if (*t != '%') {
        return false;
    }
    t++;
    if (*t == 'd' || *t == 'x') {
        t++;
    } else if (t[0] == 'q' && t[1] == 'p') {
        t += 2;
    } else if (*t == 'q') {
        t++;
    }
    if ((t[0] == 'b' || t[0] == 'r') && t[1] == '[') {
        type = 0;
        t += 2;
    } else if (*t == 'g') {
        type = 2;
        t++;
    } else if (*t == 'r') {
        type = 1;
        t++;
    } else if (strncmp(t, "aasti", 5) == 0) {
        type = 3;
        t += 5;
    } else {
        return false;
    }
    if (!isdigit((unsigned char)*t) || !asm_parse_number(&t, &idx)) {
        return false;
    }
    if (type == 0) {
        if (*t != ']') {
            return false;
        }
        t++;
    }
    if ((type == 0 && idx >= 128) || (type == 1 && idx >= 64) ||
        (type == 2 && idx >= 32) || (type == 3 && idx >= 16)) {
        return false;
    }
    switch (type) {
    case 0:
        *code = (int)idx;
        break;
    case 1:
        *code = 0x80 | (int)idx;
        break;
    case 2:
        *code = 0xe0 | (int)idx;
        break;
    default:
        *code = 256 + (int)idx;
        break;
    }
    *s = t;
    return true;
}

int asm_parse_special_reg(const char **s)
{
    static const struct {
        const char *name;
        uint8_t code;
    } specials[] = {
        { "%tst", 0xcd }, { "%tcd", 0xcf }, { "%tc", 0xce },
        { "%ctpr1", 0xd1 }, { "%ctpr2", 0xd2 }, { "%ctpr3", 0xd3 },
        { "%empty", 0xdf },
    };
    unsigned i;
    for (i = 0; i < G_N_ELEMENTS(specials); i++) {
        if (asm_slurp_str(s, specials[i].name)) {
            return specials[i].code;
        }
    }
    return 0;
}

bool asm_set_field(AsmField *f, uint32_t v, bool dflt, const char *what,
                   Error **errp)
{
    if (!f->set || (!dflt && f->dflt)) {
        f->val = v;
        f->set = true;
        f->dflt = dflt;
        return true;
    }
    if (!dflt) {
        error_setg(errp, "explicitly overriding non-default value of %s", what);
        return false;
    }
    return true;
}

void asm_start_ss(AsmWide *w)
{
    if (w->ss_started) {
        return;
    }
    asm_set_field(&w->ss[SS_CTCOND], 0, true, "ss.ctcond", NULL);
    asm_set_field(&w->ss[SS_IPD], 3, true, "ss.ipd", NULL);
    w->ss_started = true;
}

/* ---- literal placement ---- */

static int lts_bit(int pos)
{
    return 1 << (((pos >> 1) << 1) + 1 - (pos & 1));
}

/* half-syllable @i of literal @l's value */
static uint16_t lit_half(const AsmLit *l, int i)
{
    return (uint16_t)((uint64_t)l->val >> (16 * i));
}

static bool same_half(const AsmWide *w, int pos, const AsmLit *l, int sub)
{
    const AsmLit *o = &w->lits[w->lts_owner[pos]];
    if (o->sym != l->sym) {
        return false;
    }
    if (!l->sym) {
        return lit_half(o, w->lts_sub[pos]) == lit_half(l, sub);
    }
    return !strcmp(o->expr, l->expr) && w->lts_sub[pos] == sub;
}

static bool place_one(AsmWide *w, int li, int idx, bool prove)
{
    AsmLit *l = &w->lits[li];
    int i, pos;

    if (prove) {
        for (i = 0, pos = l->pos[idx]; i < l->size[idx]; pos++, i++) {
            if ((w->busy_lts & lts_bit(pos)) && !same_half(w, pos, l, i)) {
                return false;
            }
        }
    }
    for (i = 0, pos = l->pos[idx]; i < l->size[idx]; pos++, i++) {
        if (w->busy_lts & lts_bit(pos)) {
            continue;
        }
        w->busy_lts |= lts_bit(pos);
        w->lts_owner[pos] = li;
        w->lts_sub[pos] = i;
    }
    return true;
}

static int lit_cmp(AsmWide *w, int a, int b)
{
    const AsmLit *x = &w->lits[a], *y = &w->lits[b];
    int i;
    if (x->n != y->n) {
        return x->n < y->n ? -1 : 1;
    }
    for (i = 0; i < x->n; i++) {
        if (x->size[i] != y->size[i]) {
            return x->size[i] > y->size[i] ? -1 : 1;
        }
    }
    return a < b ? -1 : 1;
}

static bool place_literals(AsmWide *w, Error **errp)
{
    int order[MAX_LITS], idx[MAX_LITS] = { 0 };
    int i, j, n = w->nlits, first_incr = 0;
    unsigned best = 0x100;

    for (i = 0; i < n; i++) {
        order[i] = i;
    }
    /* stable insertion sort by the reference assembler's preference */
    for (i = 1; i < n; i++) {
        for (j = i; j > 0 && lit_cmp(w, order[j - 1], order[j]) > 0; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    }
    if (n == 0) {
        w->busy_lts = 0;
        return true;
    }
    for (;;) {
        w->busy_lts = 0;
        for (i = 0; i < n; i++) {
            if (!place_one(w, order[i], idx[i], i >= first_incr)) {
                break;
            }
        }
        if (i == n) {
            first_incr = n - 1;
            if (w->busy_lts < best) {
                best = w->busy_lts;
                for (i = 0; i < n; i++) {
                    w->lits[order[i]].opt = idx[i];
                }
            }
        } else {
            first_incr = i;
        }
        for (i = n - 1; i > first_incr; i--) {
            idx[i] = 0;
        }
        for (i = first_incr; i >= 0; i--) {
            if (++idx[i] < w->lits[order[i]].n) {
                break;
            }
            idx[i] = 0;
        }
        if (i < 0) {
            break;
        }
        first_incr = i;
    }
    if (best == 0x100) {
        error_setg(errp, "literals cannot be packed into a wide instruction");
        return false;
    }
    w->busy_lts = 0;
    for (i = 0; i < n; i++) {
        place_one(w, order[i], w->lits[order[i]].opt, false);
    }
    return true;
}

static uint8_t lit_src2_code(const AsmLit *l)
{
    int size = l->size[l->opt], pos = l->pos[l->opt];
    int nmb = pos / 2, hi = pos % 2;
    switch (size) {
    case 1:
        return 0xd0 | (nmb == 1 ? 1 : 0) | (hi ? 4 : 0);
    case 2:
        return 0xd8 | nmb;
    default:
        return 0xdc | nmb;
    }
}

/* ---- channel placement and CDS ---- */

static const int al_rlp_mrgc[8][2] = {
    { 0, 2 }, { 0, 2 }, { 0, 2 }, { 1, 3 }, { 1, 3 }, { 1, 3 },
    { 0, -1 }, { 1, -1 },
};
static const uint16_t al_mask[8] = { 1, 2, 4, 1, 2, 4, 8, 8 };
static const uint16_t al_neg[8] = { 1, 2, 4, 1, 2, 4, 4, 4 };

#define CDS_PRED(h)  ((h) & 0x7f)
#define CDS_NEG(h)   (((h) >> 7) & 7)
#define CDS_MASK(h)  (((h) >> 10) & 0xf)
#define CDS_OPC(h)   (((h) >> 14) & 3)
#define CDS_MAKE(opc, mask, neg, pred) \
    ((uint16_t)(((opc) << 14) | ((mask) << 10) | ((neg) << 7) | (pred)))

static bool add_cds(AsmWide *w, int real, int op_idx, const AsmPred *p,
                    Error **errp)
{
    int j;
    int opc = al_rlp_mrgc[real][op_idx];

    for (j = 0; j < 6; j++) {
        uint16_t h = w->cds[j];
        if (CDS_OPC(h) == opc && CDS_PRED(h) == p->fld) {
            if ((al_mask[real] == 4 && (CDS_MASK(h) & 8)) ||
                (al_mask[real] == 8 && (CDS_MASK(h) & 4))) {
                bool has_neg = (CDS_NEG(h) & al_neg[real]) != 0;
                if (p->neg != has_neg) {
                    continue;
                }
            }
            w->cds[j] = CDS_MAKE(opc, CDS_MASK(h) | al_mask[real],
                                 CDS_NEG(h) | (p->neg ? al_neg[real] : 0),
                                 CDS_PRED(h));
            return true;
        }
    }
    for (j = 0; j < 6 && CDS_MASK(w->cds[j]) != 0; j++) {
        continue;
    }
    if (j == 6) {
        error_setg(errp, "out of free CDS half-syllables");
        return false;
    }
    w->cds[j] = CDS_MAKE(opc, al_mask[real], p->neg ? al_neg[real] : 0, p->fld);
    return true;
}

static bool place_alses(AsmWide *w, Error **errp)
{
    int idx[6] = { 0 };
    int i, j, n = w->nals, first_incr = 0;
    bool found = false;
    bool met_mas = false;

    for (;;) {
        unsigned busy = 0;
        for (i = 0; i < n; i++) {
            AsmAls *a = &w->als[i];
            const int *r = a->real[a->pos[idx[i]]];
            for (j = 0; j < a->nreal; j++) {
                if (busy & (1u << r[j])) {
                    break;
                }
            }
            if (j < a->nreal) {
                break;
            }
            for (j = 0; j < a->nreal; j++) {
                busy |= 1u << r[j];
            }
        }
        if (i == n) {
            found = true;
            for (i = 0; i < n; i++) {
                w->als[i].opt = idx[i];
            }
            break;
        }
        first_incr = i;
        for (i = n - 1; i > first_incr; i--) {
            idx[i] = 0;
        }
        for (i = first_incr; i >= 0; i--) {
            if (++idx[i] < w->als[i].npos) {
                break;
            }
            idx[i] = 0;
        }
        if (i < 0) {
            break;
        }
    }
    if (!found) {
        error_setg(errp, "ALSes cannot be packed into a wide instruction");
        return false;
    }

    w->busy_al = 0;
    for (i = 0; i < n; i++) {
        AsmAls *a = &w->als[i];
        int al_num = a->pos[a->opt];
        int l, k;

        for (j = 0; j < a->nreal; j++) {
            int rn = a->real[al_num][j];
            w->busy_al |= 1u << rn;
            w->al[rn] = a->u[j];
        }
        if (a->need_mas) {
            if (w->cs1_set) {
                error_setg(errp, "cannot encode MAS: CS1 syllable is busy");
                return false;
            }
            if (!met_mas) {
                w->cs1 = 6u << 28;
                met_mas = true;
            }
            for (j = 0; j < a->nreal; j++) {
                switch (a->real[al_num][j]) {
                case 0:
                    w->cs1 |= (uint32_t)a->mas << 21;
                    break;
                case 2:
                    w->cs1 |= (uint32_t)a->mas << 14;
                    break;
                case 3:
                    w->cs1 |= (uint32_t)a->mas << 7;
                    break;
                case 5:
                    w->cs1 |= a->mas;
                    break;
                default:
                    error_setg(errp, "MAS applied to channel %d",
                               a->real[al_num][j]);
                    return false;
                }
            }
        }
        if (a->need_ales) {
            for (j = 0; j < a->nreal; j++) {
                int rn = a->real[al_num][j];
                uint16_t ales = a->ales;
                if (a->use_opc2_arr) {
                    if (a->opc2_by_chan[rn] < 0) {
                        continue;
                    }
                    ales = (ales & 0xff) | (a->opc2_by_chan[rn] << 8);
                }
                w->busy_ales |= 1u << rn;
                w->ales[rn] = ales;
                if (w->isa == 4 && a->ales25_v4 && (rn == 2 || rn == 5)) {
                    w->explicit_ales25 = true;
                }
            }
        }
        for (l = 0; l < 4; l++) {
            int op_idx = l < 2 ? l : 0;
            if (a->preds[l].num < 0) {
                continue;
            }
            for (k = 0; k < a->nreal; k++) {
                int rn = a->real[al_num][k];
                if (l == 3) {
                    if (rn == 2) {
                        rn = 6;
                    } else if (rn == 5) {
                        rn = 7;
                    } else {
                        error_setg(errp, "incr predicate on channel %d", rn);
                        return false;
                    }
                }
                if (!add_cds(w, rn, op_idx, &a->preds[l], errp)) {
                    return false;
                }
            }
        }
    }
    if (met_mas) {
        w->cs1_set = true;
    }
    return true;
}

/* ---- set* commands in CS1 / LTS0 ---- */

static bool encode_setcmds(AsmWide *w, Error **errp)
{
    bool bn = w->setcmd_set[SC_RSZ];
    bool bp = w->setcmd_set[SC_PSZ];
    bool tr = w->setcmd_set[SC_TYPE];
    bool wd = w->setcmd_set[SC_WSZ];
    bool rp = w->setcmd_set[SC_RPSZ];
    uint32_t cs1 = 0;

    if (bn || bp || tr || wd || rp) {
        if (w->cs1_set) {
            error_setg(errp, "cannot encode set instructions: CS1 is busy");
            return false;
        }
        /* setbn/setbp part */
        if (w->setcmd_set[SC_RSZ]) {
            cs1 |= 1u << 26;
            cs1 |= (uint32_t)(w->setcmd[SC_RSZ] & 0x3f) << 6;
            cs1 |= (uint32_t)(w->setcmd[SC_RBS] & 0x3f);
            cs1 |= (uint32_t)(w->setcmd[SC_RCUR] & 0x3f) << 12;
        }
        if (bp) {
            cs1 |= 1u << 27;
            cs1 |= (uint32_t)(w->setcmd[SC_PSZ] & 0x1f) << 18;
        }
        if (rp || wd || tr) {
            uint32_t lts = 0;
            AsmLit *l;
            if (w->nlits >= MAX_LITS) {
                error_setg(errp, "too many literals");
                return false;
            }
            if (tr) {
                cs1 |= 1u << 25;
                lts |= (uint32_t)(w->setcmd[SC_TYPE] & 0x7fff) << 17;
            }
            if (w->setcmd_set[SC_WSZ]) {
                lts |= (uint32_t)(w->setcmd[SC_WSZ] & 0x7f) << 5;
                if (w->setcmd_set[SC_NFX]) {
                    lts |= (uint32_t)(w->setcmd[SC_NFX] & 1) << 4;
                }
                if (w->setcmd_set[SC_DBL]) {
                    lts |= (uint32_t)(w->setcmd[SC_DBL] & 1) << 3;
                }
            }
            if (rp) {
                lts |= (uint32_t)(w->setcmd[SC_RPSZ] & 0x1f) << 12;
                cs1 |= 1u << 28;
            }
            l = &w->lits[w->nlits++];
            memset(l, 0, sizeof(*l));
            l->val = lts;
            l->n = 1;
            l->size[0] = 2;
            l->pos[0] = 0;
        } else {
            cs1 |= 4u << 28;
        }
        w->cs1 = cs1;
        w->cs1_set = true;
    }
    if (w->setcmd_set[SC_SETEI]) {
        if (w->cs1_set) {
            error_setg(errp, "cannot encode SETEI, CS1 syllable is already busy");
            return false;
        }
        w->cs1 = (2u << 28) | (uint32_t)(w->setcmd[SC_SETEI] & 0xff);
        w->cs1_set = true;
    }
    if (w->setsft) {
        if (w->cs1_set) {
            error_setg(errp, "cannot encode SETSFT, CS1 syllable is already busy");
            return false;
        }
        w->cs1 = (2u << 28) | (1u << 27);
        w->cs1_set = true;
    }
    return true;
}

/* ---- packing ---- */

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

static uint32_t get32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint32_t ss_word(const AsmWide *w)
{
    if (w->ss_flushts) {
        return 0xd4100000;
    }
    return (w->ss[SS_CTCOND].val & 0x1ff) | ((w->ss[SS_CTOP].val & 3) << 10) |
           ((w->ss_aa & 0xf) << 12) | ((w->ss[SS_ALCT].val & 1) << 16) |
           ((w->ss[SS_ALCF].val & 1) << 17) | ((w->ss[SS_ABPT].val & 1) << 18) |
           ((w->ss[SS_ABPF].val & 1) << 19) | ((w->ss[SS_ABNT].val & 1) << 21) |
           ((w->ss[SS_ABNF].val & 1) << 22) | ((w->ss[SS_ABG].val & 3) << 23) |
           ((w->ss[SS_CRP].val & 1) << 25) | ((w->ss[SS_VFDI].val & 1) << 26) |
           ((w->ss[SS_SRP].val & 1) << 27) | ((w->ss[SS_BAP].val & 1) << 28) |
           ((w->ss[SS_EAP].val & 1) << 29) | ((w->ss[SS_IPD].val & 3) << 30);
}

static uint32_t pls_word(const AsmWide *w, int i)
{
    const AsmField *f = w->pls[i];
    return (f[PL_CLP_PDST].val & 0x1f) | ((f[PL_CLP_VDST].val & 1) << 5) |
           ((f[PL_CLP_P1].val & 7) << 6) | ((f[PL_CLP_NEG1].val & 1) << 9) |
           ((f[PL_CLP_P0].val & 7) << 10) | ((f[PL_CLP_NEG0].val & 1) << 13) |
           ((f[PL_CLP_OPC].val & 3) << 14) | ((f[PL_ELP1].val & 0x7f) << 16) |
           ((f[PL_ELP0].val & 0x7f) << 24);
}

static void put_half(uint8_t *base, int n, uint16_t v)
{
    int idx = (n & ~1) + 1 - (n & 1);
    base[2 * idx] = v;
    base[2 * idx + 1] = v >> 8;
}

static int pack(AsmWide *w, uint8_t *out, Error **errp)
{
    uint8_t buf[64 + 16];
    uint32_t hs = 0;
    int syl = 1, i, nhalf = 0, lts = 0, cds = 0, pls;
    int lts_start;
    const E2KAsmEnv *env = w->env;

    if (w->busy_aps) {
        for (i = 0; i < 2; i++) {
            if (w->busy_aps & (1 << i)) {
                put32(out + 8 * i, w->aps[i]);
                put32(out + 8 * i + 4, w->apls[i]);
            } else {
                memset(out + 8 * i, 0, 8);
            }
        }
        return 16;
    }

    memset(buf, 0, sizeof(buf));
    if (w->lm) {
        hs |= 1u << 10;
    }
    if (w->sw) {
        hs |= 1u << 13;
    }
    if (w->ss_started || w->ss_flushts) {
        hs |= 1u << 12;
        put32(buf + 4 * syl++, ss_word(w));
    }
    for (i = 0; i < 6; i++) {
        if (w->busy_al & (1u << i)) {
            hs |= 1u << (26 + i);
            put32(buf + 4 * syl++, w->al[i]);
        }
    }
    if (w->cs0_set) {
        if (w->cs0_expr[0] && env->add_fixup) {
            /* offset fixed up below once the bundle is complete */
        }
        hs |= 1u << 14;
        put32(buf + 4 * syl++, w->cs0);
    }
    if (w->isa >= 4) {
        if (((w->busy_ales & 4) && w->ales[2] != E2K_ALES_DEFAULT) ||
            ((w->busy_ales & 0x20) && w->ales[5] != E2K_ALES_DEFAULT) ||
            w->explicit_ales25) {
            uint16_t a2 = (w->busy_ales & 4) ? w->ales[2] : E2K_ALES_DEFAULT;
            uint16_t a5 = (w->busy_ales & 0x20) ? w->ales[5] : E2K_ALES_DEFAULT;
            put32(buf + 4 * syl++, ((uint32_t)a2 << 16) | a5);
        }
    }
    if (w->cs1_set) {
        hs |= 1u << 15;
        put32(buf + 4 * syl++, w->cs1);
    }
    hs |= (uint32_t)(syl - 1);

    for (i = 0; i < 6; i++) {
        if (!(w->busy_ales & (1u << i))) {
            continue;
        }
        hs |= 1u << (20 + i);
        if (i == 2 || i == 5) {
            continue;
        }
        put_half(buf + 4 * syl, nhalf++, w->ales[i]);
    }
    for (i = 0; i < 2; i++) {
        if (w->busy_aa2f1 & (3u << (2 * i))) {
            put_half(buf + 4 * syl, nhalf++,
                     w->aa0f1[i][0] | (w->aa0f1[i][1] << 8));
        }
    }
    for (i = 0; i < 4; i++) {
        if (w->busy_aa2f1 & (1u << i)) {
            put_half(buf + 4 * syl, nhalf++, w->aa2f1[i]);
        }
    }
    syl += (nhalf + 1) / 2;

    for (i = 7; i >= 0; i--) {
        if (w->busy_lts & lts_bit(i)) {
            lts = 1 + (i >> 1);
            break;
        }
    }
    for (i = 5; i >= 0; i--) {
        if (CDS_MASK(w->cds[i])) {
            cds = 1 + (i >> 1);
            break;
        }
    }
    if (w->pls_needed[2]) {
        w->pls_needed[1] = true;
    }
    if (w->pls_needed[1]) {
        w->pls_needed[0] = true;
    }
    pls = w->pls_needed[0] + w->pls_needed[1] + w->pls_needed[2];
    hs |= (uint32_t)pls << 18;
    if ((syl + lts + pls + cds) & 1) {
        syl++;
    }
    if (syl + lts + pls + cds > 16) {
        error_setg(errp, "wide instruction requires %d syllables, at most 16 fit",
                   syl + lts + pls + cds);
        return -1;
    }
    lts_start = syl;
    for (i = 0; i < 2 * lts; i++) {
        /* half-syllable position i lives in word (lts - 1 - i / 2) */
        int word = lts_start + lts - 1 - i / 2;
        uint16_t v = 0;
        if (w->busy_lts & lts_bit(i)) {
            const AsmLit *l = &w->lits[w->lts_owner[i]];
            if (!l->sym) {
                v = lit_half(l, w->lts_sub[i]);
            }
        }
        buf[4 * word + 2 * (i & 1)] = v;
        buf[4 * word + 2 * (i & 1) + 1] = v >> 8;
    }
    syl += lts;
    for (i = 2; i >= 0; i--) {
        if (w->pls_needed[i]) {
            put32(buf + 4 * syl++, pls_word(w, i));
        }
    }
    for (i = 0; i < 2 * cds; i++) {
        int idx = 2 * cds - 2 - (i & ~1) + 1 - (i & 1);
        buf[4 * syl + 2 * idx] = w->cds[i];
        buf[4 * syl + 2 * idx + 1] = w->cds[i] >> 8;
    }
    hs |= (uint32_t)cds << 16;
    syl += cds;
    hs |= (uint32_t)((syl >> 1) - 1) << 4;
    if (w->nop != 0xff) {
        hs |= (uint32_t)(w->nop & 7) << 7;
    } else if (hs != 0) {
        hs |= 1u << 7;
    }
    put32(buf, hs);
    memcpy(out, buf, 4 * syl);

    /* fixups for symbolic literals and displacements */
    if (env->add_fixup) {
        for (i = 0; i < w->nlits; i++) {
            const AsmLit *l = &w->lits[i];
            int size, pos;
            if (!l->sym) {
                continue;
            }
            size = l->size[l->opt];
            pos = l->pos[l->opt];
            if (size == 2) {
                env->add_fixup(env->opaque, 4 * (lts_start + lts - 1 - pos / 2),
                               E2K_FIX_LIT32, l->expr);
            } else if (size == 4) {
                env->add_fixup(env->opaque, 4 * (lts_start + lts - 2 - pos / 2),
                               E2K_FIX_LIT64, l->expr);
            }
        }
        if (w->cs0_set && w->cs0_expr[0]) {
            int off = 4 * (1 + (w->ss_started ? 1 : 0) +
                           __builtin_popcount(w->busy_al));
            env->add_fixup(env->opaque, off, E2K_FIX_DISP, w->cs0_expr);
        }
    }
    return 4 * syl;
}

/* ---- source text ---- */

/* Collapse blanks the way the reference assembler's preprocessor does: one
   blank after the mnemonic; elsewhere a blank survives only between two
   name characters. */
static void scrub(const char *in, char *out, size_t outsz)
{
    size_t o = 0;
    const char *p = in;
    bool first_word = true;
    char prev = 0;

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    while (*p && o + 1 < outsz) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
                p++;
            }
            if (!*p) {
                break;
            }
            if (first_word || (is_name_char(prev) && is_name_start(*p))) {
                out[o++] = ' ';
                prev = ' ';
            }
            first_word = false;
            continue;
        }
        prev = *p;
        out[o++] = *p++;
    }
    out[o] = 0;
}

/* Replace commas inside brackets by '+' and pull out one `_fXX,_ltsY'
   literal specifier, recording it in @w. */
static bool prepare_args(AsmWide *w, char *s, Error **errp)
{
    int level = 0;
    char br[64];
    size_t i;
    bool got = false;

    w->min_col = 0;
    w->max_col = 7;
    w->min_row = LIT16;
    w->max_row = LIT64;
    w->lit_spec = false;
    w->lit_ref = false;

    for (i = 0; s[i];) {
        if (s[i] == '(' || s[i] == '[') {
            if (level == (int)sizeof(br)) {
                error_setg(errp, "brackets nested too deeply");
                return false;
            }
            br[level++] = s[i] == '(' ? ')' : ']';
            i++;
        } else if (s[i] == ')' || s[i] == ']') {
            if (level == 0 || br[--level] != s[i]) {
                error_setg(errp, "unbalanced `%c'", s[i]);
                return false;
            }
            i++;
        } else if (s[i] == ',') {
            if (level > 0) {
                s[i] = '+';
            }
            i++;
        } else if (!got && s[i] == '_') {
            /* _f16[s] _f32[s] _f64 and _lts0[lo|hi] _lts1[lo|hi] _lts2 _lts3 */
            int f = 0, l = 0, flen = 0, llen = 0, row = 0, mn = 0, mx = 0;
            bool ref = false;
            const char *t = s + i;
            int k;

            for (k = 0; k < 2; k++) {
                const char *u = t + flen + llen;
                if (!f && !strncmp(u, "_lit", 4) && u[4] && u[5] &&
                    !strncmp(u + 6, "_ref", 4) &&
                    (u[10] == ' ' || u[10] == '(' || u[10] == '[' ||
                     u[10] == ',')) {
                    if (u[4] == '1' && u[5] == '6') {
                        row = LIT16;
                    } else if (u[4] == '3' && u[5] == '2') {
                        row = LIT32;
                    } else if (u[4] == '6' && u[5] == '4') {
                        row = LIT64;
                    } else {
                        break;
                    }
                    ref = true;
                    f = u[10] == ',' ? 2 : 1;
                    flen = u[10] == '(' || u[10] == '[' ? 10 : 11;
                    if (f == 1) {
                        break;
                    }
                } else if (!f && u[0] == '_' && u[1] == 'f') {
                    int j = 4;
                    if (u[2] == '1' && u[3] == '6') {
                        row = LIT16;
                        if (u[4] == 's') {
                            j = 5;
                        }
                    } else if (u[2] == '3' && u[3] == '2') {
                        row = LIT32;
                        if (u[4] == 's') {
                            j = 5;
                        }
                    } else if (u[2] == '6' && u[3] == '4') {
                        row = LIT64;
                    } else {
                        break;
                    }
                    if (u[j] == ' ') {
                        f = 1;
                        flen = j + 1;
                    } else if (u[j] == '(' || u[j] == '[') {
                        f = 1;
                        flen = j;
                    } else if (u[j] == ',') {
                        f = 2;
                        flen = j + 1;
                    } else {
                        break;
                    }
                    if (f == 1) {
                        break;
                    }
                } else if (!l && strncmp(u, "_lts", 4) == 0) {
                    int idx = u[4] - '0', j;
                    if (u[4] == '0' || u[4] == '1') {
                        if (u[5] == 'l' && u[6] == 'o') {
                            mn = mx = 2 * idx;
                            j = 7;
                        } else if (u[5] == 'h' && u[6] == 'i') {
                            mn = mx = 2 * idx + 1;
                            j = 7;
                        } else {
                            mn = 2 * idx;
                            mx = 2 * idx + 1;
                            j = 5;
                        }
                    } else if (u[4] == '2' || u[4] == '3') {
                        mn = mx = 2 * idx;
                        j = 5;
                    } else {
                        break;
                    }
                    if (u[j] == ' ') {
                        l = 1;
                        llen = j + 1;
                    } else if (u[j] == '(' || u[j] == '[') {
                        l = 1;
                        llen = j;
                    } else if (u[j] == ',') {
                        l = 2;
                        llen = j + 1;
                    } else {
                        break;
                    }
                    if (l == 1) {
                        break;
                    }
                } else {
                    break;
                }
            }
            if (!((f == 1 && l == 0) || (f == 0 && l == 1) ||
                  (f == 2 && l == 1) || (f == 1 && l == 2))) {
                i++;
                continue;
            }
            if (f == 1 && ref && !l) {
                error_setg(errp, "_ltsX not specified for a literal reference");
                return false;
            }
            if (f) {
                w->min_row = w->max_row = row;
                w->lit_ref = ref;
            }
            if (l) {
                w->min_col = mn;
                w->max_col = mx;
                if (mn == mx && mn < 4 && w->min_row != LIT16 && f) {
                    error_setg(errp, "invalid combination of literal format "
                               "and location");
                    return false;
                }
            }
            w->lit_spec = true;
            memmove(s + i, s + i + flen + llen, strlen(s + i + flen + llen) + 1);
            got = true;
        } else {
            i++;
        }
    }
    if (level > 0) {
        error_setg(errp, "unbalanced brackets");
        return false;
    }
    return true;
}

static bool encode_one_op(AsmWide *w, const char *text, Error **errp)
{
    char buf[512], name[32];
    const char *s;
    size_t n = 0;
    int r;

    if (strlen(text) >= sizeof(buf)) {
        error_setg(errp, "operation text too long (%zu characters)",
                   strlen(text));
        return false;
    }
    scrub(text, buf, sizeof(buf));
    s = buf;
    if (!isalpha((unsigned char)*s)) {
        error_setg(errp, "unknown instruction `%s'", buf);
        return false;
    }
    while (isalpha((unsigned char)s[n]) || isdigit((unsigned char)s[n]) ||
           s[n] == '_') {
        n++;
    }
    if (n >= sizeof(name)) {
        error_setg(errp, "unknown instruction `%s'", buf);
        return false;
    }
    memcpy(name, s, n);
    name[n] = 0;
    for (r = 0; r < (int)n; r++) {
        name[r] = tolower((unsigned char)name[r]);
    }
    s += n;
    if (*s && *s != ',' && *s != ' ' && *s != '%' && *s != '[') {
        error_setg(errp, "unknown opcode `%s'", buf);
        return false;
    }
    /* aliases: apur* -> aaur*, ldl?s* / stl?s* -> ld?s* (v3+) */
    if (!strncmp(name, "apur", 4) && (n == 5 || n == 6)) {
        name[1] = 'a';
    } else if (w->isa >= 3 && n >= 5 &&
               ((name[0] == 'l' && name[1] == 'd') ||
                (name[0] == 's' && name[1] == 't')) && name[2] == 'l' &&
               strchr("cdsfg", name[3]) && name[4] == 's') {
        memmove(name + 2, name + 3, n - 2);
    }
    {
        char *args = g_strdup(s);
        bool ok = prepare_args(w, args, errp);
        if (ok) {
            r = asm_parse_ctl(w, name, args, errp);
            if (r == 0) {
                ok = asm_parse_alu(w, name, args, errp);
            } else {
                ok = r > 0;
            }
        }
        g_free(args);
        if (!ok) {
            return false;
        }
    }
    return true;
}

static void wide_init(AsmWide *w, const E2KAsmEnv *env, bool braced)
{
    memset(w, 0, sizeof(*w));
    w->env = env;
    w->isa = env->isa;
    w->braced = braced;
}

static int finish_wide(AsmWide *w, uint8_t *out, Error **errp)
{
    int i;

    if (!asm_end_checks(w, errp) || !encode_setcmds(w, errp) ||
        !place_literals(w, errp)) {
        return -1;
    }
    for (i = 0; i < w->nals; i++) {
        AsmAls *a = &w->als[i];
        if (a->lit >= 0) {
            int j;
            uint8_t code = lit_src2_code(&w->lits[a->lit]);
            for (j = 0; j < a->nreal; j++) {
                a->u[j] |= (uint32_t)code << 8;
            }
        }
    }
    if (!place_alses(w, errp)) {
        return -1;
    }
    return pack(w, out, errp);
}

int e2k_asm_encode(const E2KAsmEnv *env, const char *const *ops, int nops,
                   bool braced, uint8_t *out, Error **errp)
{
    AsmWide *w = g_new(AsmWide, 1);
    int i, len = 0, r;

    if (env->isa < E2K_ISA_MIN || env->isa > E2K_ISA_MAX) {
        error_setg(errp, "unsupported ISA version %d", env->isa);
        g_free(w);
        return -1;
    }
    if (braced) {
        wide_init(w, env, true);
        for (i = 0; i < nops; i++) {
            if (!encode_one_op(w, ops[i], errp)) {
                g_free(w);
                return -1;
            }
        }
        len = finish_wide(w, out, errp);
        g_free(w);
        return len;
    }
    for (i = 0; i < nops; i++) {
        if (len + 64 > E2K_ASM_MAX_OUT) {
            error_setg(errp, "too many operations in one line");
            g_free(w);
            return -1;
        }
        wide_init(w, env, false);
        if (!encode_one_op(w, ops[i], errp)) {
            g_free(w);
            return -1;
        }
        r = finish_wide(w, out + len, errp);
        if (r < 0) {
            g_free(w);
            return -1;
        }
        len += r;
    }
    g_free(w);
    return len;
}

bool e2k_asm_apply_fixup(uint8_t *out, unsigned offset, int kind, int64_t value,
                         uint64_t pc, Error **errp)
{
    uint32_t v;

    switch (kind) {
    case E2K_FIX_DISP: {
        int64_t d = value - (int64_t)pc;
        if (d & 7) {
            error_setg(errp, "control transfer target 0x%" PRIx64
                       " is not 8-byte aligned", (uint64_t)value);
            return false;
        }
        d /= 8;
        if (d < -(1 << 27) || d >= (1 << 27)) {
            error_setg(errp, "control transfer target out of range");
            return false;
        }
        v = get32(out + offset);
        v = (v & ~0x0fffffffu) | ((uint32_t)d & 0x0fffffff);
        put32(out + offset, v);
        return true;
    }
    case E2K_FIX_LIT32:
        put32(out + offset, (uint32_t)value);
        return true;
    case E2K_FIX_LIT32_PCREL:
        put32(out + offset, (uint32_t)(value - (int64_t)pc));
        return true;
    case E2K_FIX_LIT64:
        put32(out + offset, (uint32_t)((uint64_t)value >> 32));
        put32(out + offset + 4, (uint32_t)value);
        return true;
    default:
        error_setg(errp, "unknown fixup kind %d", kind);
        return false;
    }
}

int e2k_isa_from_cpu_name(const char *mcpu)
{
    static const struct {
        const char *name;
        int isa;
    } cpus[] = {
        { "elbrus-v2", 2 }, { "elbrus-2cm", 2 }, { "elbrus-2c+", 2 },
        { "elbrus-v3", 3 }, { "elbrus-4c", 3 },
        { "elbrus-v4", 4 }, { "elbrus-8c", 4 }, { "elbrus-1c+", 4 },
        { "elbrus-v5", 5 }, { "elbrus-8c2", 5 },
        { "elbrus-v6", 6 }, { "elbrus-12c", 6 }, { "elbrus-16c", 6 },
        { "elbrus-2c3", 6 },
        { "elbrus-v7", 7 }, { "elbrus-48c", 7 },
    };
    unsigned i;
    for (i = 0; i < G_N_ELEMENTS(cpus); i++) {
        if (!strcmp(mcpu, cpus[i].name)) {
            return cpus[i].isa;
        }
    }
    return -1;
}
