/*
 * e2k-asm directives: sections, symbols, data, alignment, conditional
 * assembly, macros (.macro/.endm with \arg and defaults, \@, \()),
 * .rept/.irp/.irpc, .include and the e2k-specific .ignore/.accept.
 * Names and semantics follow gas for e2k: `.align' counts bytes, `.word'
 * is 4 bytes, `.dword' 8.
 */
#include "tools/e2k-asm/assemble.h"
#include "tools/e2k-asm/cfi.h"
#include "tools/e2k-asm/dwarf-line.h"
#include <math.h>
#include <string.h>

/* ---- argument helpers ------------------------------------------------ */

/* Split @args at top-level commas (outside quotes, () and []). */
GPtrArray *asm_split_args(const char *args)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    const char *p = args, *start = args;
    int depth = 0;
    char quote = 0;

    while (*args == ' ' || *args == '\t') {
        args++;
    }
    if (!*args) {
        return out;
    }
    for (;; p++) {
        if (quote) {
            if (*p == '\\' && p[1]) {
                p++;
            } else if (*p == quote || !*p) {
                quote = 0;
                if (!*p) {
                    p--;
                }
            }
            continue;
        }
        if (*p == '"') {
            quote = '"';
        } else if (*p == '\'' && p[1]) {
            /* character constant 'c, '\c, optionally closed by ' */
            p += p[1] == '\\' && p[2] ? 2 : 1;
            if (p[1] == '\'') {
                p++;
            }
        } else if (*p == '(' || *p == '[') {
            depth++;
        } else if ((*p == ')' || *p == ']') && depth > 0) {
            depth--;
        } else if ((*p == ',' && depth == 0) || !*p) {
            g_ptr_array_add(out, g_strstrip(g_strndup(start, p - start)));
            if (!*p) {
                break;
            }
            start = p + 1;
        }
    }
    return out;
}

static ExprParseEnv parse_env(AsmState *st)
{
    ExprParseEnv env = { st->f, st->f->cur, asm_section_size(st->f->cur),
                         st->loc };
    return env;
}

/* Evaluate @text to an absolute constant known at this point. */
bool asm_eval_const(AsmState *st, const char *text, int64_t *out)
{
    ExprParseEnv env = parse_env(st);
    Error *err = NULL;
    ExprNode *n = expr_parse_all(&env, text, &err);
    bool ok;

    if (!n) {
        asm_error_err(st->ctx, st->loc, err);
        return false;
    }
    ok = expr_eval_const(n, out, &err);
    expr_free(n);
    if (!ok) {
        asm_error_err(st->ctx, st->loc, err);
    }
    return ok;
}

static bool parse_symbol_name(AsmState *st, const char *text, char **name)
{
    const char *p = text;

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    if (!(g_ascii_isalpha(*p) || *p == '_' || *p == '.' || *p == '$')) {
        asm_error(st->ctx, st->loc, "expected a symbol name, not `%s'", text);
        return false;
    }
    *name = g_strdup(p);
    g_strstrip(*name);
    for (p = *name; *p; p++) {
        if (!(g_ascii_isalnum(*p) || *p == '_' || *p == '.' || *p == '$')) {
            asm_error(st->ctx, st->loc, "bad character `%c' in symbol name "
                      "`%s'", *p, *name);
            g_free(*name);
            *name = NULL;       /* callers free it on every path */
            return false;
        }
    }
    return true;
}

/* Parse a string literal at *pp (which points at '"') with gas's escapes:
 * \b \f \n \r \t \v, \\ and \", up to three octal digits (gas also
 * takes 8 and 9 there), \x followed by any number of hex digits (the low
 * 8 bits count); any other escaped character stands for itself. */
bool asm_parse_string(AsmState *st, const char **pp, GByteArray *out)
{
    const char *p = *pp + 1;

    for (;;) {
        uint8_t c = (uint8_t)*p;
        if (!c) {
            asm_error(st->ctx, st->loc, "unterminated string");
            return false;
        }
        if (c == '"') {
            p++;
            break;
        }
        if (c == '\\') {
            p++;
            c = (uint8_t)*p;
            if (g_ascii_isdigit(c)) {
                int v = 0, i;
                for (i = 0; i < 3 && g_ascii_isdigit(*p); i++, p++) {
                    v = v * 8 + (*p - '0');
                }
                c = (uint8_t)v;
                g_byte_array_append(out, &c, 1);
                continue;
            }
            if (c == 'x' || c == 'X') {
                int v = 0;
                p++;
                while (g_ascii_isxdigit(*p)) {
                    v = (v * 16 + g_ascii_xdigit_value(*p)) & 0xff;
                    p++;
                }
                c = (uint8_t)v;
                g_byte_array_append(out, &c, 1);
                continue;
            }
            switch (c) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'v': c = '\v'; break;
            case 0:
                asm_error(st->ctx, st->loc, "unterminated string");
                return false;
            default:
                break;
            }
        }
        g_byte_array_append(out, &c, 1);
        p++;
    }
    *pp = p;
    return true;
}

/* ---- data ------------------------------------------------------------ */

static void emit_value(AsmState *st, int64_t v, unsigned size)
{
    uint8_t buf[8];
    unsigned i;

    if (size < 8) {
        int64_t lo = -((int64_t)1 << (size * 8 - 1));
        int64_t hi = ((int64_t)1 << (size * 8)) - 1;
        if (v < lo || v > hi) {
            asm_warn(st->ctx, st->loc, "value 0x%" PRIx64 " truncated to "
                     "%u bytes", (uint64_t)v, size);
        }
    }
    for (i = 0; i < size; i++) {
        buf[i] = (uint8_t)((uint64_t)v >> (8 * i));
    }
    asm_emit(st, buf, size);
}

/* Whether @n is `X - .' (a pc-relative datum, which may refer to
 * another section). */
static bool is_pc_relative(AsmState *st, const ExprNode *n)
{
    return n->op == EXPR_SUB && n->b->op == EXPR_SECOFF &&
           n->b->sec == st->f->cur &&
           n->b->num == (int64_t)asm_section_size(st->f->cur);
}

static void dir_data(AsmState *st, const char *args, unsigned size)
{
    GPtrArray *list = asm_split_args(args);
    guint i;

    for (i = 0; i < list->len; i++) {
        const char *text = list->pdata[i];
        ExprParseEnv env = parse_env(st);
        Error *err = NULL;
        ExprNode *n;
        AsmValue v;

        if (text[0] == '"' && size == 1) {
            /* gas accepts strings in .byte */
            GByteArray *b = g_byte_array_new();
            const char *p = text;
            if (asm_parse_string(st, &p, b)) {
                asm_emit(st, b->data, b->len);
            }
            g_byte_array_free(b, true);
            continue;
        }
        n = expr_parse_all(&env, text, &err);
        if (!n) {
            asm_error_err(st->ctx, st->loc, err);
            continue;
        }
        if (!expr_eval(n, EXPR_NOW, &v, &err)) {
            if (!is_pc_relative(st, n)) {
                asm_error_err(st->ctx, st->loc, err);
                expr_free(n);
                continue;
            }
            /* `X - .' with X in another section: R_E2K_32_PC */
            error_free(err);
            v.sec = st->f->cur;
        }
        if (asm_value_is_abs(&v)) {
            emit_value(st, v.off, size);
            expr_free(n);
            continue;
        }
        if (st->f->cur->type == ASM_SHT_NOBITS) {
            asm_error(st->ctx, st->loc, "address data in section %s, which "
                      "has no contents", st->f->cur->name);
            expr_free(n);
            continue;
        }
        {
            AsmFixup *fx = g_new0(AsmFixup, 1);
            fx->base = asm_section_size(st->f->cur);
            fx->data_size = size;
            fx->expr = n;
            fx->loc = st->loc;
            g_ptr_array_add(st->f->cur->fixups, fx);
            emit_value(st, 0, size);
        }
    }
    g_ptr_array_free(list, true);
}

/*
 * .ascii/.asciz/.string: strings separated by commas or just by blanks
 * ("a" "b", as the C preprocessor leaves them), and <N> for a byte of
 * value N.  As in gas, each string of .asciz/.string gets its own
 * terminating zero, adjacent or not.
 */
static void dir_string(AsmState *st, const char *args, bool zero)
{
    const char *p = args;

    for (;;) {
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (*p == '"') {
            GByteArray *b = g_byte_array_new();
            if (!asm_parse_string(st, &p, b)) {
                g_byte_array_free(b, true);
                return;
            }
            if (zero) {
                uint8_t z = 0;
                g_byte_array_append(b, &z, 1);
            }
            asm_emit(st, b->data, b->len);
            g_byte_array_free(b, true);
        } else if (*p == '<') {
            const char *end = strchr(p, '>');
            char *num;
            int64_t v;
            bool ok;
            if (!end) {
                asm_error(st->ctx, st->loc, "expected <nn>");
                return;
            }
            num = g_strndup(p + 1, end - p - 1);
            ok = asm_eval_const(st, num, &v);
            g_free(num);
            if (!ok) {
                return;
            }
            emit_value(st, v, 1);
            p = end + 1;
        } else if (*p == ',') {
            p++;        /* gas skips empty items: "a",,"b" and "a", */
        } else if (!*p) {
            return;
        } else {
            asm_error(st->ctx, st->loc, "expected a string in quotes%s%s",
                      *p ? " at " : "", p);
            return;
        }
    }
}

/*
 * .float/.single (IEEE single) and .double (IEEE double), little-endian.
 * An operand is a decimal number as gas reads it: an optional sign, then
 * `nan', `inf' or `infinity' (any case), or digits with an optional `.'
 * and an optional exponent (an `e'/`E' with no digits after it counts as
 * none).  A leading `0' and letter (`0f', `0d', `0r', ...; gas does not
 * check which) is skipped.  No expressions.
 *
 * Values are rounded as gas rounds them: to nearest, but a tie rounds
 * away from zero (16777217 gives 16777218.0f); a value too small for a
 * subnormal is a zero of its sign; a value that overflows is an error
 * (gas also refuses some extremely small ones); NaN is all ones whatever
 * its sign.
 */
static bool float_bits(const char *num, unsigned size, uint64_t *bits)
{
    const int mant = size == 4 ? 24 : 53;
    const int emin = size == 4 ? -125 : -1021;  /* frexp exponent of min */
    const int emax = size == 4 ? 128 : 1024;
    long double x = strtold(num, NULL), m, t;
    bool neg = signbit(x);
    int e, prec;

    if (isnan(x)) {
        *bits = size == 4 ? 0x7fffffff : 0x7fffffffffffffffull;
        return true;
    }
    if (isinf(x) && strpbrk(num, "iI")) {
        *bits = size == 4 ? 0x7f800000 : 0x7ff0000000000000ull;
        *bits |= (uint64_t)neg << (size * 8 - 1);
        return true;
    }
    if (x == 0) {
        *bits = (uint64_t)neg << (size * 8 - 1);
        return true;
    }
    if (isinf(x)) {
        return false;
    }
    /* |x| = m * 2**e, 0.5 <= m < 1; keep `prec' bits of m (fewer for a
       subnormal result), rounding a tie up in magnitude */
    m = frexpl(fabsl(x), &e);
    prec = e >= emin ? mant : mant - (emin - e);
    t = prec < 0 ? 0 : floorl(ldexpl(m, prec) + 0.5L);
    if (t == 0) {
        /* below half the smallest subnormal: a zero of that sign */
        *bits = (uint64_t)neg << (size * 8 - 1);
        return true;
    }
    if (t >= ldexpl(1.0L, prec)) {      /* rounded up to the next power */
        t /= 2;
        e++;
        if (prec < mant) {
            prec++;
            t *= 2;
        }
    }
    if (e > emax) {
        return false;
    }
    {
        uint64_t frac = (uint64_t)t;
        uint64_t biased;
        if (e >= emin && prec == mant) {
            biased = (uint64_t)(e - emin + 1);
            frac &= ((uint64_t)1 << (mant - 1)) - 1;
        } else {
            biased = 0;     /* subnormal: frac is already aligned */
            if (frac >> (mant - 1)) {       /* rounded up to the minimum */
                biased = 1;
                frac &= ((uint64_t)1 << (mant - 1)) - 1;
            }
        }
        *bits = frac | (biased << (mant - 1)) |
                ((uint64_t)neg << (size * 8 - 1));
    }
    return true;
}

static bool parse_float(AsmState *st, const char *text, unsigned size,
                        uint8_t *out)
{
    const char *p = text, *start;
    char *num;
    uint64_t bits = 0;
    unsigned i;
    bool ok;

    if (p[0] == '0' && g_ascii_isalpha(p[1])) {
        p += 2;
    }
    start = p;
    if (*p == '+' || *p == '-') {
        p++;
    }
    if (!g_ascii_strncasecmp(p, "nan", 3)) {
        p += 3;
    } else if (!g_ascii_strncasecmp(p, "inf", 3)) {
        p += 3;
        if (!g_ascii_strncasecmp(p, "inity", 5)) {
            p += 5;
        }
    } else {
        bool digits = false;
        while (g_ascii_isdigit(*p)) {
            p++;
            digits = true;
        }
        if (*p == '.') {
            p++;
            while (g_ascii_isdigit(*p)) {
                p++;
                digits = true;
            }
        }
        if (!digits) {
            asm_error(st->ctx, st->loc, "bad floating-point number `%s'",
                      text);
            return false;
        }
        if (*p == 'e' || *p == 'E') {
            const char *q = p + 1;
            if (*q == '+' || *q == '-') {
                q++;
            }
            if (g_ascii_isdigit(*q)) {
                while (g_ascii_isdigit(*q)) {
                    q++;
                }
                num = g_strndup(start, q - start);
            } else {
                num = g_strndup(start, p - start);  /* no exponent */
            }
            p = q;
        } else {
            num = g_strndup(start, p - start);
        }
        goto convert;
    }
    num = g_strndup(start, p - start);
convert:
    if (*p) {
        asm_error(st->ctx, st->loc, "junk `%s' after floating-point number",
                  p);
        g_free(num);
        return false;
    }
    ok = float_bits(num, size, &bits);
    g_free(num);
    if (!ok) {
        asm_error(st->ctx, st->loc, "floating-point number `%s' is out of "
                  "range for %s", text, size == 4 ? ".float" : ".double");
        return false;
    }
    for (i = 0; i < size; i++) {
        out[i] = (uint8_t)(bits >> (8 * i));
    }
    return true;
}

static void dir_float(AsmState *st, const char *args, unsigned size)
{
    GPtrArray *list = asm_split_args(args);
    guint i;

    for (i = 0; i < list->len; i++) {
        uint8_t buf[8];
        if (parse_float(st, list->pdata[i], size, buf)) {
            asm_emit(st, buf, size);
        }
    }
    g_ptr_array_free(list, true);
}

static void dir_fill(AsmState *st, const char *args)
{
    GPtrArray *a = asm_split_args(args);
    int64_t rep = 0, size = 1, value = 0;
    uint8_t pattern[8];
    int64_t i;

    if (a->len < 1 || a->len > 3) {
        asm_error(st->ctx, st->loc, ".fill takes repeat[, size[, value]]");
        goto out;
    }
    if (!asm_eval_const(st, a->pdata[0], &rep) ||
        (a->len > 1 && !asm_eval_const(st, a->pdata[1], &size)) ||
        (a->len > 2 && !asm_eval_const(st, a->pdata[2], &value))) {
        goto out;
    }
    if (rep < 0 || size < 0) {
        asm_error(st->ctx, st->loc, ".fill with a negative count or size");
        goto out;
    }
    if (size > 8) {
        asm_warn(st->ctx, st->loc, ".fill size clamped to 8");
        size = 8;
    }
    if (rep > (1 << 28) || rep * size > (1 << 28)) {
        asm_error(st->ctx, st->loc, ".fill of %" PRId64 " bytes is too "
                  "large", rep * size);
        goto out;
    }
    memset(pattern, 0, sizeof(pattern));
    for (i = 0; i < size && i < 4; i++) {
        pattern[i] = (uint8_t)((uint64_t)value >> (8 * i));
    }
    if (value == 0) {
        asm_emit_fill(st, rep * size, 0);
    } else {
        for (i = 0; i < rep; i++) {
            asm_emit(st, pattern, size);
        }
    }
out:
    g_ptr_array_free(a, true);
}

static void dir_skip(AsmState *st, const char *args)
{
    GPtrArray *a = asm_split_args(args);
    int64_t n = 0, fill = 0;

    if (a->len < 1 || a->len > 2) {
        asm_error(st->ctx, st->loc, "expected size[, fill]");
    } else if (asm_eval_const(st, a->pdata[0], &n) &&
               (a->len < 2 || asm_eval_const(st, a->pdata[1], &fill))) {
        if (n < 0) {
            asm_error(st->ctx, st->loc, "negative size %" PRId64, n);
        } else {
            asm_emit_fill(st, n, (uint8_t)fill);
        }
    }
    g_ptr_array_free(a, true);
}

/* .align/.balign (bytes) and .p2align (power of two) */
static void dir_align(AsmState *st, const char *args, bool pow2)
{
    GPtrArray *a = asm_split_args(args);
    int64_t n = 0, fill = 0, max = 0;

    if (a->len < 1 || a->len > 3) {
        asm_error(st->ctx, st->loc, "expected alignment[, fill[, max]]");
        goto out;
    }
    if (!asm_eval_const(st, a->pdata[0], &n)) {
        goto out;
    }
    if (a->len > 1 && *(char *)a->pdata[1]) {
        if (!asm_eval_const(st, a->pdata[1], &fill)) {
            goto out;
        }
    }
    if (a->len > 2 && !asm_eval_const(st, a->pdata[2], &max)) {
        goto out;
    }
    if (pow2) {
        if (n < 0 || n > 30) {
            asm_error(st->ctx, st->loc, "alignment 2**%" PRId64 " is out of "
                      "range", n);
            goto out;
        }
        n = (int64_t)1 << n;
    } else if (n < 0 || n > (1 << 30) || (n & (n - 1))) {
        asm_error(st->ctx, st->loc, "alignment %" PRId64 " is not a power "
                  "of 2", n);
        goto out;
    }
    asm_align(st, n ? n : 1, (uint8_t)fill, max);
out:
    g_ptr_array_free(a, true);
}

/* ---- sections -------------------------------------------------------- */

static void switch_section(AsmState *st, AsmSection *s)
{
    if (s != st->f->cur) {
        st->f->prev = st->f->cur;
        st->f->cur = s;
    }
}

char *asm_unquote(const char *s)
{
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        return g_strndup(s + 1, n - 2);
    }
    return g_strdup(s);
}

/* A subsection number (0..8191; the parts are joined in number order at
 * the end of the file). */
static bool subsection_number(AsmState *st, const char *text, int64_t *n)
{
    if (!asm_eval_const(st, text, n)) {
        return false;
    }
    if (*n < 0 || *n > 8191) {
        asm_error(st->ctx, st->loc, "subsection %" PRId64 " is out of "
                  "range (0..8191)", *n);
        return false;
    }
    return true;
}

static void dir_section(AsmState *st, const char *args, bool push)
{
    GPtrArray *a = asm_split_args(args);
    char *name = NULL;
    uint64_t flags = 0;
    unsigned type = ASM_SHT_PROGBITS;
    bool explicit = false;
    int64_t subsec = 0;
    uint64_t entsize = 0;

    if (a->len < 1 || !*(char *)a->pdata[0]) {
        asm_error(st->ctx, st->loc, "expected a section name");
        goto out;
    }
    name = asm_unquote(a->pdata[0]);
    if (push && a->len > 1 && g_ascii_isdigit(*(char *)a->pdata[1])) {
        /* .pushsection name, subsection[, "flags"...] */
        if (!subsection_number(st, a->pdata[1], &subsec)) {
            goto out;
        }
        g_ptr_array_remove_index(a, 1);
    }
    if (a->len > 1) {
        char *fl = asm_unquote(a->pdata[1]);
        const char *p;
        explicit = true;
        for (p = fl; *p; p++) {
            switch (*p) {
            case 'a': flags |= ASM_SHF_ALLOC; break;
            case 'w': flags |= ASM_SHF_WRITE; break;
            case 'x': flags |= ASM_SHF_EXECINSTR; break;
            case 'M': flags |= ASM_SHF_MERGE; break;
            case 'S': flags |= ASM_SHF_STRINGS; break;
            case 'T': flags |= ASM_SHF_TLS; break;
            case 'e': flags |= ASM_SHF_EXCLUDE; break;
            case 'G': case 'o': case '?':
                asm_error(st->ctx, st->loc, "section flag `%c' (section "
                          "groups, linked-to sections) is not supported",
                          *p);
                break;
            default:
                asm_error(st->ctx, st->loc, "unknown section flag `%c'", *p);
                break;
            }
        }
        g_free(fl);
        if (a->len > 2) {
            char *t = asm_unquote(a->pdata[2]);
            const char *tp = t;
            if (*tp == '@' || *tp == '%' || *tp == '#') {
                tp++;
            }
            if (!strcmp(tp, "nobits")) {
                type = ASM_SHT_NOBITS;
            } else if (!strcmp(tp, "progbits")) {
                type = ASM_SHT_PROGBITS;
            } else if (!strcmp(tp, "note")) {
                type = ASM_SHT_NOTE;
            } else if (!strcmp(tp, "init_array")) {
                type = ASM_SHT_INIT_ARRAY;
            } else if (!strcmp(tp, "fini_array")) {
                type = ASM_SHT_FINI_ARRAY;
            } else if (!strcmp(tp, "preinit_array")) {
                type = ASM_SHT_PREINIT_ARRAY;
            } else {
                asm_error(st->ctx, st->loc, "unknown section type `%s'", t);
            }
            g_free(t);
        }
        if (type == ASM_SHT_INIT_ARRAY || type == ASM_SHT_FINI_ARRAY ||
            type == ASM_SHT_PREINIT_ARRAY) {
            entsize = 8;        /* pointers, as gas sets it */
        }
        if (flags & ASM_SHF_MERGE) {
            int64_t es = 0;
            if (a->len < 4) {
                asm_error(st->ctx, st->loc, "section %s with flag M needs "
                          "an entity size after its type", name);
            } else if (asm_eval_const(st, a->pdata[3], &es) && es <= 0) {
                asm_error(st->ctx, st->loc, "bad entity size %" PRId64, es);
            }
            entsize = es > 0 ? es : 0;
        } else if (a->len > 3) {
            asm_error(st->ctx, st->loc, "junk `%s' after the section type",
                      (char *)a->pdata[3]);
        }
    }
    if (push) {
        SectionStackEntry e = { st->f->cur, st->f->prev };
        g_array_append_val(st->f->section_stack, e);
    }
    {
        AsmSection *sec = asm_section_get(st->f, name, flags, type, explicit,
                                          st->loc);
        if (entsize && !sec->entsize) {
            sec->entsize = entsize;
        }
        switch_section(st, asm_subsection_get(sec, subsec));
    }
out:
    g_free(name);
    g_ptr_array_free(a, true);
}

static void dir_popsection(AsmState *st)
{
    GArray *stk = st->f->section_stack;
    SectionStackEntry e;

    if (!stk->len) {
        asm_error(st->ctx, st->loc, ".popsection without .pushsection");
        return;
    }
    e = g_array_index(stk, SectionStackEntry, stk->len - 1);
    g_array_set_size(stk, stk->len - 1);
    st->f->cur = e.cur;
    st->f->prev = e.prev;
}

/* `.text [N]', `.data [N]', `.bss [N]', `.rodata [N]': the section, or
 * its subsection N. */
static void dir_named_section(AsmState *st, const char *name,
                              const char *args)
{
    AsmSection *s = asm_section_get(st->f, name, 0, 0, false, st->loc);
    int64_t sub = 0;

    while (*args == ' ' || *args == '\t') {
        args++;
    }
    if (*args && !subsection_number(st, args, &sub)) {
        return;
    }
    switch_section(st, asm_subsection_get(s, sub));
}

/* .subsection N: subsection N of the current section */
static void dir_subsection(AsmState *st, const char *args)
{
    int64_t sub;

    if (subsection_number(st, args, &sub)) {
        switch_section(st, asm_subsection_get(st->f->cur, sub));
    }
}

/* ---- symbols --------------------------------------------------------- */

typedef enum SymAttr { ATTR_GLOBAL, ATTR_LOCAL, ATTR_WEAK } SymAttr;

static void dir_symattr(AsmState *st, const char *args, SymAttr attr)
{
    GPtrArray *a = asm_split_args(args);
    guint i;

    if (!a->len) {
        asm_error(st->ctx, st->loc, "expected a symbol name");
    }
    for (i = 0; i < a->len; i++) {
        char *name;
        AsmSymbol *s;
        if (!parse_symbol_name(st, a->pdata[i], &name)) {
            continue;
        }
        s = asm_symbol_lookup(st->f, name, false, st->loc);
        if (!s) {
            s = asm_symbol_lookup(st->f, name, true, st->loc);
            s->used = false;
        }
        s->global = attr != ATTR_LOCAL;
        s->weak = attr == ATTR_WEAK;
        g_free(name);
    }
    g_ptr_array_free(a, true);
}

static void dir_type(AsmState *st, const char *args)
{
    GPtrArray *a = asm_split_args(args);
    char *name = NULL;
    const char *t;
    AsmSymbol *s;

    if (a->len != 2) {
        asm_error(st->ctx, st->loc, ".type takes a symbol and a type");
        goto out;
    }
    if (!parse_symbol_name(st, a->pdata[0], &name)) {
        goto out;
    }
    t = a->pdata[1];
    if (*t == '@' || *t == '%' || *t == '#') {
        t++;
    } else if (*t == '"') {
        t++;
    }
    s = asm_symbol_lookup(st->f, name, false, st->loc);
    if (!s) {
        s = asm_symbol_lookup(st->f, name, true, st->loc);
        s->used = false;
    }
    if (g_str_has_prefix(t, "function") || !strcmp(t, "STT_FUNC")) {
        s->type = ASM_STT_FUNC;
    } else if (g_str_has_prefix(t, "object") || !strcmp(t, "STT_OBJECT")) {
        s->type = ASM_STT_OBJECT;
    } else if (g_str_has_prefix(t, "tls_object") || !strcmp(t, "STT_TLS")) {
        s->type = ASM_STT_TLS;
    } else if (g_str_has_prefix(t, "notype") || !strcmp(t, "STT_NOTYPE")) {
        s->type = ASM_STT_NOTYPE;
    } else {
        asm_error(st->ctx, st->loc, "unknown symbol type `%s'",
                  (char *)a->pdata[1]);
    }
out:
    g_free(name);
    g_ptr_array_free(a, true);
}

static void dir_size(AsmState *st, const char *args)
{
    GPtrArray *a = asm_split_args(args);
    ExprParseEnv env = parse_env(st);
    Error *err = NULL;
    char *name = NULL;
    AsmSymbol *s;
    ExprNode *n;

    if (a->len != 2) {
        asm_error(st->ctx, st->loc, ".size takes a symbol and a size");
        goto out;
    }
    if (!parse_symbol_name(st, a->pdata[0], &name)) {
        goto out;
    }
    n = expr_parse_all(&env, a->pdata[1], &err);
    if (!n) {
        asm_error_err(st->ctx, st->loc, err);
        goto out;
    }
    s = asm_symbol_lookup(st->f, name, false, st->loc);
    if (!s) {
        s = asm_symbol_lookup(st->f, name, true, st->loc);
        s->used = false;
    }
    expr_free(s->size);
    s->size = n;
out:
    g_free(name);
    g_ptr_array_free(a, true);
}

static void dir_set(AsmState *st, const char *args, bool equiv)
{
    const char *comma = NULL, *p;
    int depth = 0;
    char *name;

    for (p = args; *p; p++) {
        if (*p == '(') {
            depth++;
        } else if (*p == ')') {
            depth--;
        } else if (*p == ',' && depth == 0) {
            comma = p;
            break;
        }
    }
    if (!comma) {
        asm_error(st->ctx, st->loc, "expected `symbol, expression'");
        return;
    }
    name = g_strstrip(g_strndup(args, comma - args));
    asm_define_equ(st, name, comma + 1, equiv);
    g_free(name);
}

/* .lcomm sym, size[, align] (local, in .bss) and .comm sym, size[, align]
 * (global; in an object a common symbol the linker allocates, as gas
 * makes it; when e2k-asm links, it is allocated in .bss like .lcomm).
 * Without an alignment, .comm aligns to the power of two that holds the
 * size, at most 16 (as gas for e2k); .lcomm to 8. */
static void dir_lcomm(AsmState *st, const char *args, bool global)
{
    GPtrArray *a = asm_split_args(args);
    AsmSection *save = st->f->cur, *saveprev = st->f->prev;
    int64_t size = 0, align = 8;
    char *name = NULL;
    AsmSymbol *s;

    if (a->len < 2 || a->len > 3) {
        asm_error(st->ctx, st->loc, "expected symbol, size[, alignment]");
        goto out;
    }
    if (!parse_symbol_name(st, a->pdata[0], &name) ||
        !asm_eval_const(st, a->pdata[1], &size) ||
        (a->len > 2 && !asm_eval_const(st, a->pdata[2], &align))) {
        goto out;
    }
    if (global && a->len == 2) {
        for (align = 1; align < size && align < 16; align *= 2) {
        }
    }
    if (size < 0 || size > (1 << 28) || align <= 0 ||
        (align & (align - 1))) {
        asm_error(st->ctx, st->loc, "bad size or alignment");
        goto out;
    }
    if (global && st->ctx->relocatable) {
        s = asm_symbol_lookup(st->f, name, false, st->loc);
        if (!s) {
            s = asm_symbol_lookup(st->f, name, true, st->loc);
            s->used = false;
        }
        if (s->kind != SYM_UNDEF) {
            asm_error(st->ctx, st->loc, "symbol `%s' is already defined",
                      name);
            goto out;
        }
        s->global = true;
        s->common = true;
        s->common_size = size;
        s->common_align = align;
        s->type = ASM_STT_OBJECT;
        goto out;
    }
    st->f->cur = asm_section_get(st->f, ".bss", 0, 0, false, st->loc);
    asm_align(st, align, 0, 0);
    asm_define_label(st, name);
    asm_emit_fill(st, size, 0);
    s = asm_symbol_lookup(st->f, name, false, st->loc);
    if (s) {
        char *sz = g_strdup_printf("%" PRId64, size);
        ExprParseEnv env = parse_env(st);
        s->global |= global;
        s->type = ASM_STT_OBJECT;
        expr_free(s->size);
        s->size = expr_parse_all(&env, sz, NULL);
        g_free(sz);
    }
    st->f->cur = save;
    st->f->prev = saveprev;
out:
    g_free(name);
    g_ptr_array_free(a, true);
}

/* .symver name, name2@VERSION (or @@, @@@): name2@VERSION becomes another
 * name of `name' with its value and binding, set at the end of the file
 * (asm_finish_symvers), as gas does. */
static void dir_symver(AsmState *st, const char *args)
{
    GPtrArray *a = asm_split_args(args);
    char *name = NULL;
    const char *alias;
    AsmSymbol *t, *s;

    if (a->len != 2) {
        asm_error(st->ctx, st->loc, ".symver takes a symbol and "
                  "name@version");
        goto out;
    }
    alias = a->pdata[1];
    if (!parse_symbol_name(st, a->pdata[0], &name)) {
        goto out;
    }
    if (!strchr(alias, '@') || alias[0] == '@' ||
        alias[strlen(alias) - 1] == '@' || strpbrk(alias, " \t")) {
        asm_error(st->ctx, st->loc, "expected name@version, not `%s'",
                  alias);
        goto out;
    }
    t = asm_symbol_lookup(st->f, name, false, st->loc);
    if (!t) {
        t = asm_symbol_lookup(st->f, name, true, st->loc);
        t->used = false;
    }
    s = asm_symbol_lookup(st->f, alias, false, st->loc);
    if (s && (s->kind != SYM_UNDEF || s->symver_of)) {
        asm_error(st->ctx, st->loc, "symbol `%s' is already defined", alias);
        goto out;
    }
    if (!s) {
        s = asm_symbol_lookup(st->f, alias, true, st->loc);
    }
    s->symver_of = t;
    s->def = st->loc;
out:
    g_free(name);
    g_ptr_array_free(a, true);
}

/* .hidden/.internal/.protected sym[, sym...]: the symbol's visibility
 * (st_other in the symbol table). */
static void dir_visibility(AsmState *st, const char *args, uint8_t vis)
{
    GPtrArray *a = asm_split_args(args);
    guint i;

    if (!a->len) {
        asm_error(st->ctx, st->loc, "expected a symbol name");
    }
    for (i = 0; i < a->len; i++) {
        char *name;
        AsmSymbol *s;
        if (!parse_symbol_name(st, a->pdata[i], &name)) {
            continue;
        }
        s = asm_symbol_lookup(st->f, name, false, st->loc);
        if (!s) {
            s = asm_symbol_lookup(st->f, name, true, st->loc);
            s->used = false;
        }
        s->visibility = vis;
        g_free(name);
    }
    g_ptr_array_free(a, true);
}

/* .ident "text": the string in .comment (which starts with a zero byte),
 * as gas writes it. */
static void dir_ident(AsmState *st, const char *args)
{
    AsmSection *save = st->f->cur, *saveprev = st->f->prev;
    AsmSection *c = asm_section_get(st->f, ".comment",
                                    ASM_SHF_MERGE | ASM_SHF_STRINGS,
                                    ASM_SHT_PROGBITS, true, st->loc);

    st->f->cur = c;
    if (!c->data->len) {
        asm_emit_fill(st, 1, 0);
    }
    dir_string(st, args, true);
    c->align = 1;
    c->entsize = 1;
    st->f->cur = save;
    st->f->prev = saveprev;
}

/* ---- .include -------------------------------------------------------- */

static void dir_include(AsmState *st, const char *args)
{
    char *trimmed = g_strstrip(g_strdup(args));
    char *name = asm_unquote(trimmed);
    char *dir = g_path_get_dirname(st->loc.file ? st->loc.file : ".");
    char *path = NULL, *text = NULL;
    Error *err = NULL;
    guint i;

    if (!*name) {
        asm_error(st->ctx, st->loc, ".include needs a file name");
        goto out;
    }
    if (g_path_is_absolute(name)) {
        path = g_strdup(name);
    } else {
        path = g_build_filename(dir, name, NULL);
        for (i = 0; !g_file_test(path, G_FILE_TEST_IS_REGULAR) &&
             i < st->ctx->include_dirs->len; i++) {
            g_free(path);
            path = g_build_filename(st->ctx->include_dirs->pdata[i], name,
                                    NULL);
        }
        if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            g_free(path);
            path = g_strdup(name);
        }
    }
    if (!source_read_file(path, &text, &err)) {
        error_prepend(&err, ".include: ");
        asm_error_err(st->ctx, st->loc, err);
        goto out;
    }
    asm_push_lines(st, source_split_lines(st->ctx, text, path, true),
                   FRAME_FILE);
out:
    g_free(text);
    g_free(path);
    g_free(dir);
    g_free(name);
    g_free(trimmed);
}

/* ---- .org and .incbin ------------------------------------------------ */

/* .org expr[, fill]: advance to offset @expr of the current section (an
 * absolute number or a label of this section), never backwards. */
static void dir_org(AsmState *st, const char *args)
{
    GPtrArray *a = asm_split_args(args);
    ExprParseEnv env = parse_env(st);
    Error *err = NULL;
    ExprNode *n = NULL;
    AsmValue v;
    int64_t fill = 0;
    uint64_t cur = asm_section_size(st->f->cur);

    if (a->len < 1 || a->len > 2) {
        asm_error(st->ctx, st->loc, ".org takes an offset[, fill]");
        goto out;
    }
    if (a->len > 1 && !asm_eval_const(st, a->pdata[1], &fill)) {
        goto out;
    }
    n = expr_parse_all(&env, a->pdata[0], &err);
    if (!n || !expr_eval(n, EXPR_NOW, &v, &err)) {
        asm_error_err(st->ctx, st->loc, err);
        goto out;
    }
    if (v.sym || (v.sec && v.sec != st->f->cur)) {
        asm_error(st->ctx, st->loc, ".org needs a constant or a label of "
                  "this section defined before it");
        goto out;
    }
    if (v.off < 0 || (uint64_t)v.off < cur) {
        asm_error(st->ctx, st->loc, ".org 0x%" PRIx64 " would move "
                  "backwards (the section is at 0x%" PRIx64 ")",
                  (uint64_t)v.off, cur);
        goto out;
    }
    asm_emit_fill(st, (uint64_t)v.off - cur, (uint8_t)fill);
out:
    expr_free(n);
    g_ptr_array_free(a, true);
}

/* Where .include and .incbin find @name: next to the including file,
 * then in the -I directories; NULL if nowhere. */
static char *find_input(AsmState *st, const char *name)
{
    char *dir, *path;
    guint i;

    if (g_path_is_absolute(name)) {
        return g_file_test(name, G_FILE_TEST_IS_REGULAR) ? g_strdup(name)
                                                         : NULL;
    }
    dir = g_path_get_dirname(st->loc.file ? st->loc.file : ".");
    path = g_build_filename(dir, name, NULL);
    g_free(dir);
    for (i = 0; !g_file_test(path, G_FILE_TEST_IS_REGULAR) &&
         i < st->ctx->include_dirs->len; i++) {
        g_free(path);
        path = g_build_filename(st->ctx->include_dirs->pdata[i], name, NULL);
    }
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        g_free(path);
        return NULL;
    }
    return path;
}

/* .incbin "file"[, skip[, count]]: the bytes of a file, as they are. */
static void dir_incbin(AsmState *st, const char *args)
{
    GPtrArray *a = asm_split_args(args);
    char *name = NULL, *path = NULL, *data = NULL;
    int64_t skip = 0, count = -1;
    gsize len = 0;
    GError *gerr = NULL;

    if (a->len < 1 || a->len > 3 || *(char *)a->pdata[0] != '"') {
        asm_error(st->ctx, st->loc, ".incbin takes \"file\"[, skip[, "
                  "count]]");
        goto out;
    }
    if ((a->len > 1 && !asm_eval_const(st, a->pdata[1], &skip)) ||
        (a->len > 2 && !asm_eval_const(st, a->pdata[2], &count))) {
        goto out;
    }
    name = asm_unquote(a->pdata[0]);
    path = find_input(st, name);
    if (!path) {
        asm_error(st->ctx, st->loc, ".incbin: file `%s' not found", name);
        goto out;
    }
    if (!g_file_get_contents(path, &data, &len, &gerr)) {
        asm_error(st->ctx, st->loc, ".incbin: %s", gerr->message);
        g_error_free(gerr);
        goto out;
    }
    if (skip < 0 || (uint64_t)skip > len) {
        asm_error(st->ctx, st->loc, ".incbin: skip %" PRId64 " is outside "
                  "`%s' (%zu bytes)", skip, path, (size_t)len);
        goto out;
    }
    if (count < 0) {
        count = len - skip;
    } else if ((uint64_t)count > len - skip) {
        asm_error(st->ctx, st->loc, ".incbin: %" PRId64 " bytes from offset "
                  "%" PRId64 " are more than `%s' has (%zu bytes)", count,
                  skip, path, (size_t)len);
        goto out;
    }
    asm_emit(st, data + skip, count);
out:
    g_free(data);
    g_free(path);
    g_free(name);
    g_ptr_array_free(a, true);
}

/* ---- conditionals ---------------------------------------------------- */

static const char *const cond_words[] = {
    ".if", ".ifdef", ".ifndef", ".ifnotdef", ".ifeq", ".ifne", ".ifgt",
    ".ifge", ".iflt", ".ifle", ".ifb", ".ifnb", ".ifc", ".ifnc", ".else",
    ".elseif", ".endif", NULL
};

bool asm_is_conditional(const char *word)
{
    int i;
    for (i = 0; cond_words[i]; i++) {
        if (!g_ascii_strcasecmp(word, cond_words[i])) {
            return true;
        }
    }
    return false;
}

static bool cond_value(AsmState *st, const char *w, const char *args)
{
    int64_t v = 0;

    if (!strcmp(w, ".ifdef") || !strcmp(w, ".ifndef") ||
        !strcmp(w, ".ifnotdef")) {
        char *name;
        AsmSymbol *s;
        bool def = false;
        if (parse_symbol_name(st, args, &name)) {
            s = asm_symbol_lookup(st->f, name, false, st->loc);
            def = s && s->kind != SYM_UNDEF;
            g_free(name);
        }
        return !strcmp(w, ".ifdef") ? def : !def;
    }
    if (!strcmp(w, ".ifb") || !strcmp(w, ".ifnb")) {
        bool blank = !*args;
        return !strcmp(w, ".ifb") ? blank : !blank;
    }
    if (!strcmp(w, ".ifc") || !strcmp(w, ".ifnc")) {
        GPtrArray *a = asm_split_args(args);
        bool same = false;
        if (a->len != 2) {
            asm_error(st->ctx, st->loc, "%s takes two strings", w);
        } else {
            char *x = asm_unquote(a->pdata[0]), *y = asm_unquote(a->pdata[1]);
            same = !strcmp(x, y);
            g_free(x);
            g_free(y);
        }
        g_ptr_array_free(a, true);
        return !strcmp(w, ".ifc") ? same : !same;
    }
    if (!asm_eval_const(st, args, &v)) {
        return false;
    }
    if (!strcmp(w, ".ifeq")) {
        return v == 0;
    } else if (!strcmp(w, ".ifgt")) {
        return v > 0;
    } else if (!strcmp(w, ".ifge")) {
        return v >= 0;
    } else if (!strcmp(w, ".iflt")) {
        return v < 0;
    } else if (!strcmp(w, ".ifle")) {
        return v <= 0;
    }
    return v != 0;
}

void asm_directive_conditional(AsmState *st, const char *word,
                               const char *args)
{
    char *w = g_ascii_strdown(word, -1);
    CondEntry *top = st->conds->len ?
        &g_array_index(st->conds, CondEntry, st->conds->len - 1) : NULL;

    if (!strcmp(w, ".endif")) {
        if (!top) {
            asm_error(st->ctx, st->loc, ".endif without .if");
        } else {
            g_array_set_size(st->conds, st->conds->len - 1);
        }
    } else if (!strcmp(w, ".else")) {
        if (!top || top->in_else) {
            asm_error(st->ctx, st->loc, top ? "two .else for one .if"
                      : ".else without .if");
        } else {
            top->active = top->parent_active && !top->taken;
            top->taken = true;
            top->in_else = true;
        }
    } else if (!strcmp(w, ".elseif")) {
        if (!top || top->in_else) {
            asm_error(st->ctx, st->loc, ".elseif without .if");
        } else if (top->taken || !top->parent_active) {
            top->active = false;
        } else {
            top->active = cond_value(st, ".if", args);
            top->taken = top->active;
        }
    } else {
        CondEntry e = { 0 };
        e.parent_active = asm_cond_active(st);
        e.loc = st->loc;
        if (e.parent_active) {
            e.active = cond_value(st, w, args);
            e.taken = e.active;
        } else {
            e.taken = true;
        }
        g_array_append_val(st->conds, e);
    }
    g_free(w);
}

/* ---- the directive table --------------------------------------------- */

static void dir_ignore(AsmState *st, const char *args, bool ignore)
{
    char *w = g_strstrip(g_strdup(args));
    if (!strcmp(w, "ld_st_style")) {
        st->f->ld_st_style = ignore;
    } else if (strcmp(w, "strict_delay")) {
        asm_warn(st->ctx, st->loc, "unknown .%s argument `%s'",
                 ignore ? "ignore" : "accept", w);
    }
    g_free(w);
}

static void dir_message(AsmState *st, const char *args, bool error)
{
    char *trimmed = g_strstrip(g_strdup(args));
    char *m = asm_unquote(trimmed);

    g_free(trimmed);
    if (error) {
        asm_error(st->ctx, st->loc, "%s", *m ? m : ".error directive");
    } else {
        asm_warn(st->ctx, st->loc, "%s", *m ? m : ".warning directive");
    }
    g_free(m);
}

bool asm_directive(AsmState *st, const char *word, const char *args)
{
    char *w = g_ascii_strdown(word, -1);
    bool stop = false;

    if (!strcmp(w, ".text") || !strcmp(w, ".data") || !strcmp(w, ".bss") ||
        !strcmp(w, ".rodata")) {
        dir_named_section(st, w, args);
    } else if (!strcmp(w, ".section") || !strcmp(w, ".seg")) {
        dir_section(st, args, false);
    } else if (!strcmp(w, ".pushsection")) {
        dir_section(st, args, true);
    } else if (!strcmp(w, ".subsection")) {
        dir_subsection(st, args);
    } else if (!strcmp(w, ".popsection")) {
        dir_popsection(st);
    } else if (!strcmp(w, ".previous")) {
        AsmSection *t = st->f->cur;
        st->f->cur = st->f->prev;
        st->f->prev = t;
    } else if (!strcmp(w, ".global") || !strcmp(w, ".globl")) {
        dir_symattr(st, args, ATTR_GLOBAL);
    } else if (!strcmp(w, ".local")) {
        dir_symattr(st, args, ATTR_LOCAL);
    } else if (!strcmp(w, ".weak")) {
        dir_symattr(st, args, ATTR_WEAK);
    } else if (!strcmp(w, ".type")) {
        dir_type(st, args);
    } else if (!strcmp(w, ".size")) {
        dir_size(st, args);
    } else if (!strcmp(w, ".byte")) {
        dir_data(st, args, 1);
    } else if (!strcmp(w, ".short") || !strcmp(w, ".hword") ||
               !strcmp(w, ".half") || !strcmp(w, ".uahalf") ||
               !strcmp(w, ".2byte")) {
        dir_data(st, args, 2);
    } else if (!strcmp(w, ".word") || !strcmp(w, ".long") ||
               !strcmp(w, ".int") || !strcmp(w, ".uaword") ||
               !strcmp(w, ".4byte")) {
        dir_data(st, args, 4);
    } else if (!strcmp(w, ".quad") || !strcmp(w, ".dword") ||
               !strcmp(w, ".uadword") || !strcmp(w, ".8byte")) {
        dir_data(st, args, 8);
    } else if (!strcmp(w, ".ascii")) {
        dir_string(st, args, false);
    } else if (!strcmp(w, ".asciz") || !strcmp(w, ".string")) {
        dir_string(st, args, true);
    } else if (!strcmp(w, ".float") || !strcmp(w, ".single")) {
        dir_float(st, args, 4);
    } else if (!strcmp(w, ".double")) {
        dir_float(st, args, 8);
    } else if (!strcmp(w, ".fill")) {
        dir_fill(st, args);
    } else if (!strcmp(w, ".zero") || !strcmp(w, ".skip") ||
               !strcmp(w, ".space")) {
        dir_skip(st, args);
    } else if (!strcmp(w, ".align") || !strcmp(w, ".balign")) {
        dir_align(st, args, false);
    } else if (!strcmp(w, ".p2align")) {
        dir_align(st, args, true);
    } else if (!strcmp(w, ".set") || !strcmp(w, ".equ")) {
        dir_set(st, args, false);
    } else if (!strcmp(w, ".equiv")) {
        dir_set(st, args, true);
    } else if (!strcmp(w, ".lcomm")) {
        dir_lcomm(st, args, false);
    } else if (!strcmp(w, ".comm")) {
        dir_lcomm(st, args, true);
    } else if (!strcmp(w, ".org")) {
        dir_org(st, args);
    } else if (!strcmp(w, ".incbin")) {
        dir_incbin(st, args);
    } else if (!strcmp(w, ".include")) {
        dir_include(st, args);
    } else if (!strcmp(w, ".macro")) {
        asm_start_macro(st, args);
    } else if (!strcmp(w, ".endm") || !strcmp(w, ".endr")) {
        asm_error(st->ctx, st->loc, "%s without a matching %s", w,
                  !strcmp(w, ".endm") ? ".macro" : ".rept/.irp");
    } else if (!strcmp(w, ".purgem")) {
        asm_purge_macro(st, args);
    } else if (!strcmp(w, ".exitm")) {
        if (asm_exit_macro(st)) {
            stop = true;
        } else {
            asm_error(st->ctx, st->loc, ".exitm outside a macro");
        }
    } else if (!strcmp(w, ".rept") || !strcmp(w, ".rep")) {
        int64_t n = 0;
        if (asm_eval_const(st, args, &n) && n < 0) {
            asm_error(st->ctx, st->loc, "negative .rept count");
            n = 0;
        }
        /* on an error, the body is still taken (and dropped) */
        asm_start_rept(st, n);
    } else if (!strcmp(w, ".irp") || !strcmp(w, ".irpc") ||
               !strcmp(w, ".irep") || !strcmp(w, ".irepc")) {
        asm_start_irp(st, args, !strcmp(w, ".irpc") || !strcmp(w, ".irepc"));
    } else if (!strcmp(w, ".ignore")) {
        dir_ignore(st, args, true);
    } else if (!strcmp(w, ".accept")) {
        dir_ignore(st, args, false);
    } else if (!strcmp(w, ".error") || !strcmp(w, ".err")) {
        dir_message(st, args, true);
    } else if (!strcmp(w, ".warning")) {
        dir_message(st, args, false);
    } else if (!strcmp(w, ".end")) {
        st->stop = true;
        stop = true;
    } else if (!strcmp(w, ".file") && *args == '"') {
        /* `.file "name"' names the FILE symbol (`.file N "name"' is
           the line table's, below) */
        char *trimmed = g_strstrip(g_strdup(args));
        char *name = asm_unquote(trimmed);
        st->f->file_sym = asm_intern(st->ctx, name);
        g_free(name);
        g_free(trimmed);
    } else if (!strcmp(w, ".symver")) {
        dir_symver(st, args);
    } else if (!strcmp(w, ".hidden")) {
        dir_visibility(st, args, ASM_STV_HIDDEN);
    } else if (!strcmp(w, ".protected")) {
        dir_visibility(st, args, ASM_STV_PROTECTED);
    } else if (!strcmp(w, ".internal")) {
        dir_visibility(st, args, ASM_STV_INTERNAL);
    } else if (!strcmp(w, ".ident")) {
        dir_ident(st, args);
    } else if (g_str_has_prefix(w, ".cfi_")) {
        asm_cfi_directive(st, w, args);
    } else if (!strcmp(w, ".file")) {
        asm_line_file(st, args);
    } else if (!strcmp(w, ".loc")) {
        asm_line_loc(st, args);
    } else if (!strcmp(w, ".version") ||
               !strcmp(w, ".ias_line")) {
        /* debugging / visibility information: not represented */
    } else {
        asm_error(st->ctx, st->loc, "unknown directive `%s'", word);
    }
    g_free(w);
    return stop;
}
