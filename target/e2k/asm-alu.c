/*
 * e2k assembler back end: parsing of ALU channel operations (every
 * ALOPF format, loads and stores with their address forms and mas=,
 * rrs/rws, AAU loads/stores and register moves, mmurr/mmurw) into ALS /
 * ALES values and literal placement candidates, following the reference
 * assembler's operand rules.
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#include <ctype.h>
#include <string.h>

#include <glib.h>

#include "asm-int.h"

/* which half-syllable positions a literal of each size may start at */
static const int lit_ok[3][8] = {
    { 1, 1, 1, 1, 0, 0, 0, 0 },
    { 1, 0, 1, 0, 1, 0, 1, 0 },
    { 1, 0, 1, 0, 1, 0, 0, 0 },
};

/* An operand as the reference assembler's expression handler sees it:
   at most two registers and one literal (a constant or a symbolic sum). */
typedef struct Operand {
    int reg1, reg2;        /* -1 absent */
    bool has_lit;
    bool lit_sym;
    bool lit_sym32;        /* ... in a 32-bit literal (eval returned 2) */
    int64_t lit;
    char expr[MAX_EXPR];
    bool const_first;
} Operand;

static bool is_term_end(char c)
{
    return c == 0 || c == ',' || c == '?';
}

/*
 * Parse one operand up to a top-level ',' or '?' or the end.  Terms are
 * joined by '+' (or '-' for constants); brackets only group.
 */
static bool parse_operand(AsmWide *w, const char **ps, Operand *op,
                          Error **errp)
{
    const char *s = *ps;
    char lit_text[MAX_EXPR];
    size_t lt = 0;
    int nterms = 0, nlit_terms = 0;
    bool all_lits_const = true, last_plus = true, left_is_const = false;
    int depth = 0;

    memset(op, 0, sizeof(*op));
    op->reg1 = op->reg2 = -1;
    lit_text[0] = 0;

    for (;;) {
        char sign = '+';
        while (*s == ' ' || *s == '[') {
            if (*s != ' ') {
                depth++;
            }
            s++;
        }
        if (*s == '+' || *s == '-') {
            sign = *s++;
            while (*s == ' ' || *s == '[') {
                if (*s != ' ') {
                    depth++;
                }
                s++;
            }
        }
        if (nterms > 0) {
            last_plus = sign == '+';
        }
        if (*s == '%') {
            int code;
            if (!asm_parse_reg(&s, &code)) {
                code = asm_parse_special_reg(&s);
                if (!code) {
                    error_setg(errp, "invalid register at `%s'", s);
                    return false;
                }
            }
            if (sign == '-') {
                error_setg(errp, "a register cannot be subtracted");
                return false;
            }
            if (nterms == 1 && nlit_terms == 1 && all_lits_const) {
                left_is_const = true;
            }
            if (op->reg1 < 0) {
                op->reg1 = code;
            } else if (op->reg2 < 0) {
                op->reg2 = code;
            } else {
                error_setg(errp, "too many registers in an operand");
                return false;
            }
        } else {
            /* a literal term: a number or a symbolic expression */
            const char *t = s;
            int pd = 0;
            size_t len;
            while (*t && !(pd == 0 && (*t == '+' || *t == ',' || *t == '?' ||
                                       *t == ']' || (*t == '-' && t > s)))) {
                if (*t == '(') {
                    pd++;
                } else if (*t == ')') {
                    pd--;
                }
                t++;
            }
            len = t - s;
            while (len > 0 && s[len - 1] == ' ') {
                len--;
            }
            if (len == 0) {
                if (nterms == 0 && is_term_end(*s)) {
                    break;
                }
                error_setg(errp, "invalid operand at `%s'", s);
                return false;
            }
            if (lt + len + 2 >= sizeof(lit_text)) {
                error_setg(errp, "operand too long");
                return false;
            }
            if (lt > 0 || sign == '-') {
                lit_text[lt++] = sign;
            }
            memcpy(lit_text + lt, s, len);
            lt += len;
            lit_text[lt] = 0;
            {
                bool numeric = true;
                size_t i;
                for (i = 0; i < len; i++) {
                    if (!isxdigit((unsigned char)s[i]) && s[i] != 'x' &&
                        s[i] != 'X' && s[i] != ' ') {
                        numeric = false;
                    }
                }
                if (!numeric) {
                    all_lits_const = false;
                }
            }
            nlit_terms++;
            s = t;
        }
        nterms++;
        while (*s == ' ' || *s == ']') {
            if (*s != ' ') {
                depth--;
            }
            s++;
        }
        if (*s == '+' || *s == '-') {
            continue;
        }
        break;
    }
    if (lt > 0) {
        const char *t = lit_text;
        int64_t v = 0;
        op->has_lit = true;
        if (asm_parse_const_expr(w, &t, &v, NULL) && *t == 0) {
            op->lit = v;
        } else if (w->env->eval) {
            int r = w->env->eval(w->env->opaque, lit_text, &v, errp);
            if (r < 0) {
                return false;
            }
            if (r == 0) {
                op->lit = v;
            } else {
                op->lit_sym = true;
                op->lit_sym32 = r == 2;
                g_strlcpy(op->expr, lit_text, sizeof(op->expr));
            }
        } else {
            error_setg(errp, "invalid expression `%s'", lit_text);
            return false;
        }
    }
    op->const_first = left_is_const && last_plus;
    *ps = s;
    return true;
}

/* ---- encoding helpers ---- */

static bool is_quad(int fmt)
{
    return fmt == E2K_FMT_Q;
}

static bool encode_reg(AsmWide *w, AsmAls *a, int idx, int fmt, int code,
                       Error **errp)
{
    int i;
    if (code >= 192 && code <= 223 && idx >= 1 && idx <= 3) {
        error_setg(errp, "special register not allowed in position of SRC%d",
                   idx);
        return false;
    }
    for (i = 0; i < a->nreal; i++) {
        uint32_t v = code & 0xff;
        int shift = idx == 1 ? 16 : idx == 2 ? 8 : 0;
        if (a->nreal == 2 && is_quad(fmt) && (idx != 1 || !a->same_src1_quad)) {
            v = (v & 0xfe) + i;
        }
        a->u[i] = (a->u[i] & ~(0xffu << shift)) | (v << shift);
    }
    return true;
}

static bool add_literal(AsmWide *w, AsmAls *a, const Operand *op, int fmt,
                        Error **errp)
{
    AsmLit *l;
    int min_row = w->min_row, max_row = w->max_row;
    int row, col;

    if (w->nlits >= MAX_LITS) {
        error_setg(errp, "too many literals in one wide instruction");
        return false;
    }
    l = &w->lits[w->nlits];
    memset(l, 0, sizeof(*l));
    l->val = op->lit;
    l->sym = op->lit_sym;
    g_strlcpy(l->expr, op->expr, sizeof(l->expr));
    if (l->sym) {
        if (min_row == LIT16 && max_row == LIT64) {
            min_row = max_row = op->lit_sym32 ? LIT32 : LIT64;
        } else if (!(min_row == max_row && (min_row == LIT64 || min_row == LIT32))) {
            error_setg(errp, "wrong size for symbol specified");
            return false;
        }
    } else if (min_row == LIT16 && max_row == LIT64) {
        int64_t v = op->lit;
        /* gas takes a 64-bit literal for a 64- or 128-bit operand */
        if ((fmt == E2K_FMT_D || fmt == E2K_FMT_P) &&
            (v < INT32_MIN || v > INT32_MAX)) {
            min_row = LIT64;
        } else if (v < -32768 || v > 32767) {
            min_row = LIT32;
            if (v < INT32_MIN || v > (int64_t)UINT32_MAX) {
                error_setg(errp, "literal 0x%" PRIx64 " does not fit the "
                           "32-bit operand", (uint64_t)v);
                return false;
            }
        }
    } else {
        int64_t v = op->lit;
        int bits = min_row == LIT16 ? 16 : min_row == LIT32 ? 32 : 64;
        if (bits < 64 && (v < -((int64_t)1 << (bits - 1)) ||
                          v > (((int64_t)1 << bits) - 1))) {
            error_setg(errp, "literal 0x%" PRIx64 " does not fit %d bits",
                       (uint64_t)v, bits);
            return false;
        }
    }
    for (row = min_row; row <= max_row; row++) {
        for (col = w->min_col; col <= w->max_col; col++) {
            static const int conv[8] = { 1, 0, 3, 2, 4, 5, 6, 7 };
            int k = (row == LIT16 && w->min_col != w->max_col) ? conv[col] : col;
            if (lit_ok[row][k] && l->n < 16) {
                l->size[l->n] = row == LIT16 ? 1 : row == LIT32 ? 2 : 4;
                l->pos[l->n++] = k;
            }
        }
    }
    if (l->n == 0) {
        error_setg(errp, "invalid literal format or position");
        return false;
    }
    a->lit = w->nlits++;
    return true;
}

static bool encode_src2(AsmWide *w, AsmAls *a, const Operand *op, int fmt,
                        Error **errp)
{
    if (op->reg1 >= 0) {
        return encode_reg(w, a, 2, fmt, op->reg1, errp);
    }
    if (w->lit_ref) {
        int p = w->min_col, i;
        uint32_t v;
        if (!(w->min_col == w->max_col || !lit_ok[w->min_row][w->max_col])) {
            error_setg(errp, "ambiguous literal reference");
            return false;
        }
        if (w->min_row == LIT16) {
            v = 0xd0 | ((p & 2) ? 1 : 0) | ((p & 1) ? 4 : 0);
        } else {
            v = (w->min_row == LIT32 ? 0xd8 : 0xdc) | (p >> 1);
        }
        for (i = 0; i < a->nreal; i++) {
            a->u[i] |= v << 8;
        }
        return true;
    }
    if (!op->lit_sym && op->lit >= 0 && op->lit <= 15 && !w->lit_spec) {
        int i;
        for (i = 0; i < a->nreal; i++) {
            a->u[i] |= (0xc0u | (uint32_t)op->lit) << 8;
        }
        return true;
    }
    return add_literal(w, a, op, fmt, errp);
}

static void set_field(AsmAls *a, int shift, uint32_t v)
{
    int i;
    for (i = 0; i < a->nreal; i++) {
        a->u[i] = (a->u[i] & ~(0xffu << shift)) | ((v & 0xff) << shift);
    }
}

/* src1: a register or a 5-bit literal */
static bool parse_src1(AsmWide *w, AsmAls *a, const char **s, int fmt,
                       Error **errp)
{
    const char *t = *s;
    int code, i;
    uint64_t v;

    while (*t == ' ') {
        t++;
    }
    if (asm_parse_reg(&t, &code)) {
        for (i = 0; i < a->nreal; i++) {
            int c = code & 0xff;
            if (a->nreal == 2 && is_quad(fmt) && !a->same_src1_quad) {
                c += i;
            }
            a->u[i] |= (uint32_t)c << 16;
        }
        *s = t;
        return true;
    }
    {
        int64_t sv;
        const char *u = t;
        if (asm_parse_const_expr(w, &u, &sv, NULL) && sv >= 0 && sv <= 31) {
            v = sv;
            set_field(a, 16, 0xc0 | (uint32_t)v);
            *s = u;
            return true;
        }
    }
    error_setg(errp, "invalid first argument (src1) at `%s'", t);
    return false;
}

static bool parse_src2(AsmWide *w, AsmAls *a, const char **s, int fmt,
                       Error **errp)
{
    Operand op;
    if (!parse_operand(w, s, &op, errp)) {
        return false;
    }
    if (op.reg1 < 0 && !op.has_lit) {
        error_setg(errp, "empty operand at position of SRC2");
        return false;
    }
    if (op.reg2 >= 0 || (op.reg1 >= 0 && op.has_lit)) {
        error_setg(errp, "illegal operand at position of SRC2");
        return false;
    }
    return encode_src2(w, a, &op, fmt, errp);
}

/* src3 of 3-source ops (into ALES) or of AAU stores (ALS dst field) */
static bool parse_src3(AsmWide *w, AsmAls *a, const char **s, int fmt,
                       bool into_ales, bool comma, Error **errp)
{
    const char *t = *s;
    int code, i;
    bool br;

    if (comma && !asm_slurp_char(&t, ',')) {
        error_setg(errp, "comma followed by src3 expected at `%s'", t);
        return false;
    }
    br = asm_slurp_char(&t, '[');
    while (*t == ' ') {
        t++;
    }
    if (!asm_parse_reg(&t, &code)) {
        error_setg(errp, "invalid src3 at `%s'", t);
        return false;
    }
    if (br && !asm_slurp_char(&t, ']')) {
        error_setg(errp, "`]' expected");
        return false;
    }
    code &= 0xff;
    if (into_ales) {
        a->ales = (a->ales & 0xff00) | code;
    }
    for (i = 0; i < a->nreal; i++) {
        int c = code + ((a->nreal == 2 && is_quad(fmt)) ? i : 0);
        if (!into_ales) {
            a->u[i] = (a->u[i] & ~0xffu) | (c & 0xff);
        }
    }
    *s = t;
    return true;
}

static bool parse_dst(AsmWide *w, AsmAls *a, const char **s, int fmt,
                      Error **errp)
{
    const char *t = *s;
    int code, i;

    if (!asm_slurp_char(&t, ',')) {
        error_setg(errp, "comma followed by dst expected at `%s'", t);
        return false;
    }
    while (*t == ' ') {
        t++;
    }
    if (asm_parse_reg(&t, &code)) {
        code &= 0xff;
        for (i = 0; i < a->nreal; i++) {
            int c = code + ((a->nreal == 2 && is_quad(fmt)) ? i : 0);
            a->u[i] = (a->u[i] & ~0xffu) | (c & 0xff);
        }
    } else {
        code = asm_parse_special_reg(&t);
        if (!code) {
            error_setg(errp, "invalid dst at `%s'", t);
            return false;
        }
        if (a->nreal == 2) {
            code &= 0xfe;
        }
        for (i = 0; i < a->nreal; i++) {
            a->u[i] = (a->u[i] & ~0xffu) | ((code | i) & 0xff);
        }
    }
    *s = t;
    return true;
}

static bool parse_mas(AsmWide *w, AsmAls *a, const char **s, bool expected,
                      Error **errp)
{
    const char *t = *s;
    int64_t v;

    if (*t == '?') {
        return true;
    }
    if (!asm_slurp_str(&t, ",mas=")) {
        return true;
    }
    if (!asm_parse_const_expr(w, &t, &v, NULL)) {
        error_setg(errp, "mas value expected after mas=");
        return false;
    }
    if (v < 0 || v >= 0x80) {
        error_setg(errp, "illegal mas value `0x%x'", (unsigned)v);
        return false;
    }
    a->mas = (uint8_t)v;
    if (v) {
        a->need_mas = true;
    }
    *s = t;
    return true;
}

/* loads, stores and ALOPF1-style operations: the reference assembler's
   flexible `a, b, dst` / `[a + b], dst` / `value, [a + b]` forms */
static bool parse_ld_st(AsmWide *w, AsmAls *a, const char **ps,
                        const int fmt3[3], bool store, bool mas,
                        Error **errp)
{
    const char *s = *ps;
    Operand cl[3];
    const Operand *args[3];
    Operand lits[3], regs[6], zero;
    int len = 0, i, nr = 0;

    memset(&zero, 0, sizeof(zero));
    zero.reg1 = zero.reg2 = -1;
    zero.has_lit = true;

    for (i = 0; i < 3; i++) {
        Operand *c = &cl[i];
        if (!parse_operand(w, &s, c, errp)) {
            return false;
        }
        if (c->reg1 < 0 && c->reg2 < 0 && !c->has_lit) {
            error_setg(errp, "empty operand at `%s'", s);
            return false;
        }
        if (c->reg1 >= 0 && c->reg2 >= 0 && c->has_lit) {
            if (!c->lit_sym && c->lit == 0) {
                c->has_lit = false;
            } else {
                error_setg(errp, "excessive number of terms in an operand");
                return false;
            }
        }
        /* split into argument slots */
        {
            Operand *lo = &lits[i];
            *lo = *c;
            lo->reg1 = lo->reg2 = -1;
            if (c->has_lit) {
                bool fit_src1 = c->const_first && !is_quad(fmt3[0]) &&
                                !c->lit_sym && c->lit >= 0 && c->lit <= 31;
                if (fit_src1) {
                    if (len == 3) {
                        goto excess;
                    }
                    args[len++] = lo;
                }
                if (c->reg1 >= 0) {
                    if (len == 3) {
                        goto excess;
                    }
                    memset(&regs[nr], 0, sizeof(regs[nr]));
                    regs[nr].reg1 = c->reg1;
                    regs[nr].reg2 = -1;
                    args[len++] = &regs[nr++];
                }
                if (!fit_src1) {
                    if (len == 3) {
                        goto excess;
                    }
                    args[len++] = lo;
                }
            } else {
                if (len == 3) {
                    goto excess;
                }
                memset(&regs[nr], 0, sizeof(regs[nr]));
                regs[nr].reg1 = c->reg1;
                regs[nr].reg2 = -1;
                args[len++] = &regs[nr++];
                if (c->reg2 >= 0) {
                    if (len == 3) {
                        goto excess;
                    }
                    memset(&regs[nr], 0, sizeof(regs[nr]));
                    regs[nr].reg1 = c->reg2;
                    regs[nr].reg2 = -1;
                    args[len++] = &regs[nr++];
                }
            }
        }
        if (mas && !parse_mas(w, a, &s, false, errp)) {
            return false;
        }
        if (i < 2) {
            if (*s == 0 || *s == '?') {
                if (i == 0) {
                    error_setg(errp, "insufficient number of operands");
                    return false;
                }
                break;
            }
            if (!asm_slurp_char(&s, ',')) {
                error_setg(errp, "missing comma at `%s'", s);
                return false;
            }
        }
    }
    if (i == 3) {
        i = 2;
    }
    if (store && !w->env->objdump_store_order) {
        i = 0;
    }
    if (cl[i].reg1 < 0 || cl[i].reg2 >= 0 || cl[i].has_lit) {
        error_setg(errp, "register should be specified for %s",
                   store ? "SRC3" : "DST");
        return false;
    }
    if (store && !w->env->objdump_store_order) {
        const Operand *tmp = args[0];
        args[0] = args[1];
        if (len == 3) {
            args[1] = args[2];
        }
        args[len - 1] = tmp;
    }
    if (len == 2) {
        args[2] = args[1];
        if (args[0]->reg1 >= 0) {
            args[1] = &zero;
        } else {
            args[1] = args[0];
            args[0] = &zero;
        }
    }
    if (!encode_reg(w, a, 4, fmt3[2], args[2]->reg1, errp)) {
        return false;
    }
    if (args[0]->reg1 >= 0) {
        if (!encode_reg(w, a, 1, fmt3[0], args[0]->reg1, errp)) {
            return false;
        }
    } else if (!args[0]->lit_sym && args[0]->lit >= 0 && args[0]->lit <= 31) {
        set_field(a, 16, 0xc0 | (uint32_t)args[0]->lit);
    } else {
        error_setg(errp, "invalid argument in position of SRC1");
        return false;
    }
    if (!encode_src2(w, a, args[1], fmt3[1], errp)) {
        return false;
    }
    *ps = s;
    return true;

excess:
    error_setg(errp, "excessive number of operands for an instruction");
    return false;
}

static bool parse_pred_optional(AsmWide *w, AsmAls *a, const char **ps,
                                Error **errp)
{
    const char *s = *ps;
    int i;

    if (!asm_slurp_char(&s, '?')) {
        return true;
    }
    for (i = 0; i < 2; i++) {
        AsmPred p;
        int idx;
        if (i == 1 && !asm_slurp_char(&s, ',')) {
            break;
        }
        if (!asm_parse_pred(&s, &p, true)) {
            error_setg(errp, "invalid predicate `%s'", s);
            return false;
        }
        if (p.num > 31) {
            error_setg(errp, "predicate number %d out of range (0..31)", p.num);
            return false;
        }
        idx = (p.fld >> 5) == 3 ? 0 : 2;
        if (a->preds[idx].num != -1) {
            error_setg(errp, "two %%%s predicates acting on the same ALS",
                       idx == 0 ? "pred" : "pcnt");
            return false;
        }
        a->preds[idx] = p;
    }
    *ps = s;
    return true;
}

static bool parse_merge_pred(const char **s, AsmAls *a, Error **errp)
{
    AsmPred p;
    if (!asm_slurp_char(s, ',')) {
        error_setg(errp, "comma expected at `%s'", *s);
        return false;
    }
    if (!asm_parse_pred(s, &p, true) || p.num > 31) {
        error_setg(errp, "predicate expected at `%s'", *s);
        return false;
    }
    a->preds[1] = p;
    return true;
}

static const E2KStateReg *find_state_reg(const char **s, int isa, Error **errp)
{
    const char *t = *s, *e;
    int i;
    while (*t == ' ') {
        t++;
    }
    if (*t != '%') {
        error_setg(errp, "CU register expected at `%s'", t);
        return NULL;
    }
    for (e = t + 1; islower((unsigned char)*e) || isdigit((unsigned char)*e) ||
                    *e == '.' || *e == '_'; e++) {
        continue;
    }
    for (i = 0; e2k_state_regs[i].name; i++) {
        const E2KStateReg *r = &e2k_state_regs[i];
        if (strlen(r->name) == (size_t)(e - t) && !strncmp(r->name, t, e - t)) {
            if (isa < r->isa_min || isa > r->isa_max) {
                error_setg(errp, "CU register `%s' is not available on "
                           "elbrus-v%d", r->name, isa);
                return NULL;
            }
            *s = e;
            return r;
        }
    }
    error_setg(errp, "invalid CU register at `%s'", t);
    return NULL;
}

static const E2KMmuReg *find_mmu_reg(const char **s, int isa, Error **errp)
{
    const char *t = *s, *e;
    int i;
    while (*t == ' ') {
        t++;
    }
    for (e = t + 1; *t == '%' && (islower((unsigned char)*e) ||
                    isdigit((unsigned char)*e) || *e == '.' || *e == '_'); e++) {
        continue;
    }
    for (i = 0; *t == '%' && e2k_mmu_regs[i].name; i++) {
        const E2KMmuReg *r = &e2k_mmu_regs[i];
        if (strlen(r->name) == (size_t)(e - t) && !strncmp(r->name, t, e - t)) {
            if (isa < r->isa_min) {
                error_setg(errp, "MU register `%s' is not available for "
                           "elbrus-v%d", r->name, isa);
                return NULL;
            }
            *s = e;
            return r;
        }
    }
    error_setg(errp, "unknown MU register at `%s'", t);
    return NULL;
}

static const E2KAauReg *find_aau_reg(const char **s, Error **errp)
{
    const char *t = *s, *e;
    int i;
    while (*t == ' ') {
        t++;
    }
    for (e = t + 1; *t == '%' && (islower((unsigned char)*e) ||
                    isdigit((unsigned char)*e) || *e == '.' || *e == '_'); e++) {
        continue;
    }
    for (i = 0; *t == '%' && e2k_aau_regs[i].name; i++) {
        const E2KAauReg *r = &e2k_aau_regs[i];
        if (strlen(r->name) == (size_t)(e - t) && !strncmp(r->name, t, e - t)) {
            *s = e;
            return r;
        }
    }
    error_setg(errp, "invalid AAU register at `%s'", t);
    return NULL;
}

/* `%aastiN [+ _f32s,_ltsK literal]` of AAU loads/stores */
static bool parse_aasti(AsmWide *w, AsmAls *a, const char **s, Error **errp)
{
    Operand op;
    int idx, i;

    if (!parse_operand(w, s, &op, errp)) {
        return false;
    }
    if (op.reg1 < 256 || op.reg1 > 256 + 15) {
        error_setg(errp, "%%aasti<idx> expected");
        return false;
    }
    if (op.reg2 >= 0) {
        error_setg(errp, "illegal argument for AASTI");
        return false;
    }
    idx = op.reg1 - 256;
    for (i = 0; i < a->nreal; i++) {
        a->u[i] |= (uint32_t)(idx >> 1) << 16;
        a->u[i] |= (uint32_t)(idx & 1) << 15;
    }
    if (op.has_lit) {
        AsmLit *l;
        if (w->min_row != w->max_row ||
            !(w->min_col == w->max_col || !lit_ok[w->min_row][w->max_col])) {
            error_setg(errp, "literal format or position in %%aasti not "
                       "specified");
            return false;
        }
        if (w->min_row != LIT32) {
            error_setg(errp, "wrong literal format in %%aasti");
            return false;
        }
        if (w->min_col != 0 && w->min_col != 2 && w->min_col != 4) {
            error_setg(errp, "wrong literal position in %%aasti");
            return false;
        }
        if (!op.lit_sym && (op.lit < INT32_MIN || op.lit > (int64_t)UINT32_MAX)) {
            error_setg(errp, "literal does not fit 32 bits");
            return false;
        }
        for (i = 0; i < a->nreal; i++) {
            a->u[i] |= (uint32_t)((w->min_col >> 1) + 1) << 8;
        }
        if (w->nlits >= MAX_LITS) {
            error_setg(errp, "too many literals");
            return false;
        }
        l = &w->lits[w->nlits++];
        memset(l, 0, sizeof(*l));
        l->val = op.lit;
        l->sym = op.lit_sym;
        g_strlcpy(l->expr, op.expr, sizeof(l->expr));
        l->n = 1;
        l->size[0] = 2;
        l->pos[0] = w->min_col;
    }
    return true;
}

static bool parse_aad(AsmWide *w, AsmAls *a, const char **s, Error **errp)
{
    uint64_t n;
    int i;
    if (!asm_slurp_str(s, "%aad")) {
        error_setg(errp, "%%aad expected");
        return false;
    }
    if (!asm_parse_number(s, &n)) {
        error_setg(errp, "%%aad index expected");
        return false;
    }
    if (n > 31) {
        error_setg(errp, "invalid %%aad index specified");
        return false;
    }
    for (i = 0; i < a->nreal; i++) {
        a->u[i] |= (uint32_t)n << 19;
    }
    return true;
}

/* ---- table-driven template of one mnemonic on one ISA ---- */

typedef struct Tmpl {
    const E2KOpDesc *d;
    unsigned allowed;       /* channels the user may write */
    int16_t opc2[6];        /* -1 none */
    bool need_ales;
    uint8_t ales_opce;      /* from a row that has an ALES */
    int fmt[4];             /* src1 src2 src3 dst */
} Tmpl;

static bool get_tmpl(const char *name, int isa, Tmpl *t)
{
    unsigned n, i, c;
    const E2KOpDesc *d = e2k_op_lookup_name(name, isa, &n);

    memset(t, 0, sizeof(*t));
    if (!d) {
        return false;
    }
    for (i = 0; i < 6; i++) {
        t->opc2[i] = -1;
    }
    for (i = 0; i < n; i++) {
        const E2KOpDesc *r = &d[i];
        if (!e2k_op_valid_on(r, isa)) {
            continue;
        }
        if (!t->d) {
            t->d = r;
        }
        t->allowed |= r->chan_mask;
        for (c = 0; c < 6; c++) {
            if (r->chan_mask & (1 << c)) {
                if (!(r->flags & E2K_OPF_NO_ALES)) {
                    t->opc2[c] = r->ales_opc2;
                    t->ales_opce = r->ales_opce;
                    t->need_ales = true;
                }
            }
        }
    }
    if (!t->d) {
        return false;
    }
    for (i = 0; i < 4; i++) {
        t->fmt[i] = t->d->fmt[i] == E2K_FMT_X ? E2K_FMT_D : t->d->fmt[i];
    }
    return true;
}

bool asm_is_alu_name(const char *name, int isa)
{
    Tmpl t;
    return get_tmpl(name, isa, &t);
}

static void setup_channels(AsmAls *a, const Tmpl *t, unsigned allowed)
{
    int i;
    if (t->d->flags & E2K_OPF_PAIR) {
        a->nreal = 2;
        if (allowed == 0x24) {
            a->real[2][0] = 2;
            a->real[2][1] = 5;
            a->real[5][0] = 2;
            a->real[5][1] = 5;
        } else if (allowed & 2) {
            a->real[0][0] = 0;
            a->real[0][1] = 1;
            a->real[1][0] = 0;
            a->real[1][1] = 1;
            a->real[3][0] = 3;
            a->real[3][1] = 4;
            a->real[4][0] = 3;
            a->real[4][1] = 4;
        } else {
            a->real[0][0] = 0;
            a->real[0][1] = 2;
            a->real[2][0] = 0;
            a->real[2][1] = 2;
            a->real[3][0] = 3;
            a->real[3][1] = 5;
            a->real[5][0] = 3;
            a->real[5][1] = 5;
        }
    } else {
        a->nreal = 1;
        for (i = 0; i < 6; i++) {
            a->real[i][0] = i;
        }
    }
}

static bool parse_chn(const char **s, unsigned allowed, AsmAls *a,
                      const char *name, Error **errp)
{
    const char *t = *s;
    uint64_t ch;
    if (asm_slurp_char(&t, ',') && asm_parse_number(&t, &ch)) {
        if (ch > 5 || !(allowed & (1u << ch))) {
            error_setg(errp, "illegal channel number for `%s'", name);
            return false;
        }
        a->npos = 1;
        a->pos[0] = (int)ch;
        *s = t;
    }
    return true;
}

static bool finish_common(AsmWide *w, AsmAls *a, const Tmpl *t)
{
    int i;
    for (i = 0; i < a->nreal; i++) {
        a->u[i] = (a->u[i] & 0x80ffffffu) | ((uint32_t)(t->d->opc & 0x7f) << 24);
        if (a->spec) {
            a->u[i] |= 1u << 31;
        }
    }
    return true;
}

static bool parse_mmu(AsmWide *w, AsmAls *a, const char *name, const char **ps,
                      Error **errp)
{
    bool read = !strcmp(name, "mmurr");
    const char *s = *ps;
    const E2KMmuReg *r;
    Operand addr;
    int fmt3[3] = { E2K_FMT_D, E2K_FMT_D, E2K_FMT_D };

    memset(&addr, 0, sizeof(addr));
    addr.reg1 = addr.reg2 = -1;
    addr.has_lit = true;
    set_field(a, 16, 0xc0);
    if (read) {
        r = find_mmu_reg(&s, w->isa, errp);
        if (!r) {
            return false;
        }
        if (r->read_chn < 0) {
            error_setg(errp, "`%s' is not readable", r->name);
            return false;
        }
        if (a->npos == 1 && a->pos[0] != r->read_chn) {
            error_setg(errp, "`mmurr %s' can be encoded in ALC%d only",
                       r->name, r->read_chn);
            return false;
        }
        a->npos = 1;
        a->pos[0] = r->read_chn;
        addr.lit = r->addr;
        if (!encode_src2(w, a, &addr, fmt3[1], errp) ||
            !parse_dst(w, a, &s, fmt3[2], errp)) {
            return false;
        }
    } else {
        if (!parse_src3(w, a, &s, fmt3[2], false, false, errp)) {
            return false;
        }
        if (!asm_slurp_char(&s, ',')) {
            error_setg(errp, "`,' expected");
            return false;
        }
        r = find_mmu_reg(&s, w->isa, errp);
        if (!r) {
            return false;
        }
        if (!r->write_isa) {
            error_setg(errp, "`%s' is not writable", r->name);
            return false;
        }
        if (w->isa < r->write_isa) {
            error_setg(errp, "`%s' is not writable on `elbrus-v%d'", r->name,
                       w->isa);
            return false;
        }
        addr.lit = r->addr;
        if (!encode_src2(w, a, &addr, fmt3[1], errp)) {
            return false;
        }
    }
    a->need_mas = true;
    a->mas = r->mas;
    *ps = s;
    return true;
}

bool asm_parse_alu(AsmWide *w, const char *name, const char *args,
                   Error **errp)
{
    Tmpl t;
    AsmAls *a;
    const char *s = args;
    int alopf, i;
    bool mmu = !strcmp(name, "mmurr") || !strcmp(name, "mmurw");
    static const E2KOpDesc mmurr_desc = {
        0, E2K_OPF_NO_ALES | E2K_OPF_MAS, "mmurr", E2K_ALOPF_MMURR, 0x67, 0, 0,
        0, 0x24, 2, 7, { E2K_FMT_D, E2K_FMT_D, E2K_FMT_NONE, E2K_FMT_D } };
    static const E2KOpDesc mmurw_desc = {
        0, E2K_OPF_NO_ALES | E2K_OPF_MAS, "mmurw", E2K_ALOPF_MMURW, 0x27, 0, 0,
        0, 0x04, 2, 7, { E2K_FMT_D, E2K_FMT_D, E2K_FMT_D, E2K_FMT_NONE } };

    if (mmu) {
        memset(&t, 0, sizeof(t));
        t.d = name[4] == 'r' ? &mmurr_desc : &mmurw_desc;
        t.allowed = t.d->chan_mask;
        for (i = 0; i < 6; i++) {
            t.opc2[i] = -1;
        }
    } else if (!get_tmpl(name, w->isa, &t)) {
        error_setg(errp, "unknown instruction `%s'", name);
        return false;
    }
    if (w->nals == 6) {
        error_setg(errp, "an excessive ALU operation");
        return false;
    }
    a = &w->als[w->nals];
    memset(a, 0, sizeof(*a));
    for (i = 0; i < 4; i++) {
        a->preds[i].num = -1;
    }
    a->lit = -1;
    a->desc = t.d;
    alopf = a->alopf = t.d->alopf;
    setup_channels(a, &t, t.allowed);
    a->need_ales = t.need_ales;
    memcpy(a->opc2_by_chan, t.opc2, sizeof(a->opc2_by_chan));
    a->use_opc2_arr = true;
    a->ales25_v4 = (t.d->flags & E2K_OPF_ALES25_V4) != 0;
    a->ales = E2K_ALES_DEFAULT;
    switch (alopf) {
    case E2K_ALOPF21: case E2K_ALOPF21_MERGE: case E2K_ALOPF11_LIT8:
    case E2K_ALOPF12_PSHUFH:
        a->ales = 0;
        break;
    default:
        a->ales = t.ales_opce;
        break;
    }
    if (a->nreal == 2 && t.fmt[0] == E2K_FMT_Q &&
        ((alopf == E2K_ALOPF11 && (t.d->flags & E2K_OPF_MAS)) ||
         alopf == E2K_ALOPF13 || alopf == E2K_ALOPF10 ||
         alopf == E2K_ALOPF_AAURW)) {
        a->same_src1_quad = true;
    }

    /* channel and speculative mark */
    if (!parse_chn(&s, t.allowed, a, name, errp)) {
        return false;
    }
    if (asm_slurp_str(&s, ",sm") || asm_slurp_str(&s, ", sm") ||
        asm_slurp_str(&s, ",s") || asm_slurp_str(&s, ", s")) {
        a->spec = true;
    }
    if (a->npos != 1) {
        if (!parse_chn(&s, t.allowed, a, name, errp)) {
            return false;
        }
    }
    if (a->npos != 1) {
        a->npos = 0;
        for (i = 0; i < 6; i++) {
            if (t.allowed & (1u << i)) {
                a->pos[a->npos++] = i;
            }
        }
    }
    if (a->npos == 1 && a->spec) {
        w->explicit_alces |= 1u << a->real[a->pos[0]][0];
        if (a->nreal == 2) {
            w->explicit_alces |= 1u << a->real[a->pos[0]][1];
        }
    }
    while (*s == ' ') {
        s++;
    }

    switch (alopf) {
    case E2K_ALOPF1:
    case E2K_ALOPF11:
    case E2K_ALOPF11_MERGE: {
        int f3[3] = { t.fmt[0], t.fmt[1], t.fmt[3] };
        if (!parse_ld_st(w, a, &s, f3, false, t.d->flags & E2K_OPF_MAS, errp)) {
            return false;
        }
        if (alopf == E2K_ALOPF11_MERGE && !parse_merge_pred(&s, a, errp)) {
            return false;
        }
        break;
    }
    case E2K_ALOPF3:
    case E2K_ALOPF13: {
        int f3[3] = { t.fmt[0], t.fmt[1], t.fmt[2] };
        if (!parse_ld_st(w, a, &s, f3, true, t.d->flags & E2K_OPF_MAS, errp)) {
            return false;
        }
        break;
    }
    case E2K_ALOPF_MMURR:
    case E2K_ALOPF_MMURW:
        if (!parse_mmu(w, a, name, &s, errp)) {
            return false;
        }
        break;
    case E2K_ALOPF2: case E2K_ALOPF12: case E2K_ALOPF22:
    case E2K_ALOPF12_IBRANCHD: case E2K_ALOPF12_ICALLD: {
        if (alopf == E2K_ALOPF12_IBRANCHD || alopf == E2K_ALOPF12_ICALLD) {
            asm_start_ss(w);
            if (w->ss[SS_CTOP].set && !w->ss[SS_CTOP].dflt) {
                error_setg(errp, "cannot encode `%s': SS.ctop is already busy",
                           name);
                return false;
            }
            if (!asm_set_field(&w->ss[SS_CTOP], 0, false, "ss.ctop", errp)) {
                return false;
            }
        }
        if (alopf == E2K_ALOPF12_ICALLD) {
            int64_t wbs;
            asm_slurp_str(&s, "wbs=");
            if (!asm_parse_const_expr(w, &s, &wbs, NULL)) {
                error_setg(errp, "wbs value expected");
                return false;
            }
            if (wbs < 0 || wbs > 0xff) {
                error_setg(errp, "wbs value out of range");
                return false;
            }
            set_field(a, 16, (uint32_t)wbs);
            if (!asm_slurp_char(&s, ',')) {
                error_setg(errp, "comma expected after WBS");
                return false;
            }
        } else {
            set_field(a, 16, t.d->opce);
        }
        if (!parse_src2(w, a, &s, t.fmt[1], errp) ||
            !parse_dst(w, a, &s, t.fmt[3], errp)) {
            return false;
        }
        if (alopf == E2K_ALOPF2 && (t.d->opc == 0x61 || t.d->opc == 0x63)) {
            uint8_t dst = a->u[0] & 0xff;
            if (dst >= 0xd1 && dst <= 0xd3) {
                if (a->npos == 1 && a->pos[0] != 0) {
                    error_setg(errp, "`%s' to %%ctpr may be encoded in the "
                               "0-th channel only", name);
                    return false;
                }
                a->npos = 1;
                a->pos[0] = 0;
            }
        }
        if (alopf == E2K_ALOPF12_IBRANCHD || alopf == E2K_ALOPF12_ICALLD) {
            int r = asm_parse_ctl(w, alopf == E2K_ALOPF12_IBRANCHD ?
                                  "\001ctcond-ibranch" : "\001ctcond", s, errp);
            if (r <= 0) {
                return false;
            }
            s += strlen(s);
        }
        break;
    }
    case E2K_ALOPF12_PSHUFH: {
        int64_t order;
        set_field(a, 16, t.d->opce);
        if (!parse_src2(w, a, &s, t.fmt[1], errp)) {
            return false;
        }
        if (!asm_slurp_char(&s, ',') || !asm_parse_const_expr(w, &s, &order, NULL)) {
            error_setg(errp, "`, order' expected for PSHUFH");
            return false;
        }
        if (order < 0 || order > 0xff) {
            error_setg(errp, "pshufh order %" PRId64 " out of range (0..255)",
                       order);
            return false;
        }
        a->ales = (uint8_t)order;
        if (!parse_dst(w, a, &s, t.fmt[3], errp)) {
            return false;
        }
        break;
    }
    case E2K_ALOPF11_LIT8: {
        int64_t lit8;
        if (!parse_src1(w, a, &s, t.fmt[0], errp) || !asm_slurp_char(&s, ',') ||
            !parse_src2(w, a, &s, t.fmt[1], errp)) {
            if (!(errp && *errp)) {
                error_setg(errp, "invalid operands");
            }
            return false;
        }
        if (!asm_slurp_char(&s, ',') || !asm_parse_const_expr(w, &s, &lit8, NULL)) {
            error_setg(errp, "`, literal8' expected");
            return false;
        }
        if (lit8 < 0 || lit8 > 0xff) {
            error_setg(errp, "value of literal8 is out of range");
            return false;
        }
        a->ales = (uint8_t)lit8;
        if (!parse_dst(w, a, &s, t.fmt[3], errp)) {
            return false;
        }
        break;
    }
    case E2K_ALOPF7:
    case E2K_ALOPF17: {
        AsmPred p;
        if (!parse_src1(w, a, &s, t.fmt[0], errp)) {
            return false;
        }
        if (!asm_slurp_char(&s, ',')) {
            error_setg(errp, "comma expected at `%s'", s);
            return false;
        }
        if (!parse_src2(w, a, &s, t.fmt[1], errp)) {
            return false;
        }
        if (!asm_slurp_char(&s, ',') || !asm_parse_pred(&s, &p, false)) {
            error_setg(errp, "%%pred expected at `%s'", s);
            return false;
        }
        if (p.neg) {
            error_setg(errp, "negated predicate is irrelevant in dst2");
            return false;
        }
        if (p.num > 31) {
            error_setg(errp, "predicate number %d out of range (0..31)", p.num);
            return false;
        }
        set_field(a, 0, (uint32_t)p.num | (alopf == E2K_ALOPF7 ?
                                            (uint32_t)t.d->opce << 5 : 0));
        if (a->npos == 1) {
            w->explicit_int_cmp |= 1u << a->pos[0];
        }
        break;
    }
    case E2K_ALOPF8: {
        AsmPred p;
        if (!parse_src2(w, a, &s, t.fmt[1], errp)) {
            return false;
        }
        if (!asm_slurp_char(&s, ',') || !asm_parse_pred(&s, &p, false)) {
            error_setg(errp, "%%pred expected at `%s'", s);
            return false;
        }
        if (p.neg || p.num > 31) {
            error_setg(errp, "invalid predicate in ALF8.dst2");
            return false;
        }
        set_field(a, 0, (uint32_t)p.num | ((uint32_t)t.d->opce << 5));
        set_field(a, 16, 0xc0);
        break;
    }
    case E2K_ALOPF15: {
        const E2KStateReg *r;
        if (!parse_src2(w, a, &s, t.fmt[1], errp)) {
            return false;
        }
        if (!asm_slurp_char(&s, ',')) {
            error_setg(errp, "comma expected at `%s'", s);
            return false;
        }
        r = find_state_reg(&s, w->isa, errp);
        if (!r) {
            return false;
        }
        set_field(a, 0, r->num);
        set_field(a, 16, 0xc0);
        if (!w->braced && r->rw_wait) {
            if (w->cs1_set) {
                error_setg(errp, "CS1 is busy");
                return false;
            }
            w->cs1_set = true;
            w->cs1 = (3u << 28) | 2;
        }
        break;
    }
    case E2K_ALOPF16: {
        const E2KStateReg *r = find_state_reg(&s, w->isa, errp);
        if (!r) {
            return false;
        }
        set_field(a, 16, r->num);
        if (!parse_dst(w, a, &s, t.fmt[3], errp)) {
            return false;
        }
        set_field(a, 8, 0xc0);
        if (!w->braced && r->rr_nop) {
            w->nop = 4;
        }
        break;
    }
    case E2K_ALOPF21:
    case E2K_ALOPF21_MERGE:
        if (!parse_src1(w, a, &s, t.fmt[0], errp)) {
            return false;
        }
        if (!asm_slurp_char(&s, ',')) {
            error_setg(errp, "comma followed with src2 expected at `%s'", s);
            return false;
        }
        if (!parse_src2(w, a, &s, t.fmt[1], errp) ||
            !parse_src3(w, a, &s, t.fmt[2], true, true, errp) ||
            !parse_dst(w, a, &s, t.fmt[3], errp)) {
            return false;
        }
        if (alopf == E2K_ALOPF21_MERGE && !parse_merge_pred(&s, a, errp)) {
            return false;
        }
        break;
    case E2K_ALOPF_MERGE:
        if (!parse_src1(w, a, &s, t.fmt[0], errp) || !asm_slurp_char(&s, ',') ||
            !parse_src2(w, a, &s, t.fmt[1], errp) ||
            !parse_dst(w, a, &s, t.fmt[3], errp) ||
            !parse_merge_pred(&s, a, errp)) {
            if (!(errp && *errp)) {
                error_setg(errp, "invalid operands for `%s'", name);
            }
            return false;
        }
        break;
    case E2K_ALOPF10:
        if (!parse_src3(w, a, &s, t.fmt[2] ? t.fmt[2] : t.fmt[0], false, false,
                        errp)) {
            return false;
        }
        if (!asm_slurp_char(&s, ',')) {
            error_setg(errp, ", %%aad expected");
            return false;
        }
        if (!parse_aad(w, a, &s, errp) || !parse_aasti(w, a, &s, errp) ||
            !parse_mas(w, a, &s, true, errp)) {
            return false;
        }
        break;
    case E2K_ALOPF19:
        if (!parse_aad(w, a, &s, errp) || !parse_aasti(w, a, &s, errp) ||
            !parse_dst(w, a, &s, t.fmt[3], errp) ||
            !parse_mas(w, a, &s, true, errp)) {
            return false;
        }
        break;
    case E2K_ALOPF_AAURW: {
        const E2KAauReg *r;
        if (!parse_src3(w, a, &s, t.fmt[2] ? t.fmt[2] : t.fmt[0], false, false,
                        errp)) {
            return false;
        }
        if (!asm_slurp_char(&s, ',')) {
            error_setg(errp, "`,' expected");
            return false;
        }
        r = find_aau_reg(&s, errp);
        if (!r) {
            return false;
        }
        for (i = 0; i < a->nreal; i++) {
            a->u[i] |= (uint32_t)r->opce1 << 8;
        }
        a->need_mas = true;
        a->mas = 0x3f;
        break;
    }
    case E2K_ALOPF_AAURR: {
        const E2KAauReg *r = find_aau_reg(&s, errp);
        if (!r) {
            return false;
        }
        for (i = 0; i < a->nreal; i++) {
            a->u[i] |= (uint32_t)r->opce1 << 8;
        }
        if (!parse_dst(w, a, &s, t.fmt[3], errp)) {
            return false;
        }
        a->need_mas = true;
        a->mas = 0x3f;
        break;
    }
    default:
        error_setg(errp, "unsupported operation format for `%s'", name);
        return false;
    }

    if (alopf != E2K_ALOPF12_IBRANCHD && alopf != E2K_ALOPF12_ICALLD &&
        !parse_pred_optional(w, a, &s, errp)) {
        return false;
    }
    finish_common(w, a, &t);
    w->nals++;

    if (!w->braced) {
        if (alopf == E2K_ALOPF15) {
            w->nop = 5;
        } else if (alopf == E2K_ALOPF8) {
            w->nop = 2;
        } else if (alopf == E2K_ALOPF7 || alopf == E2K_ALOPF17) {
            w->nop = (!strncmp(name, "fcmp", 4) || !strncmp(name, "fxcmp", 5))
                     ? 4 : 2;
        }
    }
    while (*s == ' ') {
        s++;
    }
    if (*s) {
        error_setg(errp, "unrecognized arguments `%s'", s);
        return false;
    }
    return true;
}
