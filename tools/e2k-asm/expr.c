/*
 * e2k-asm expressions: parsing into a small tree and evaluation.
 *
 * The syntax and precedence follow gas: unary - ~ ! bind tightest, then
 * * / % << >>, then | & ^ !, then + - == != <> < > <= >=, then && ||.
 * Comparisons yield -1 (true) or 0.  Numbers: decimal, 0x hex, 0b binary,
 * leading-0 octal, 'c character constants.  Symbols are resolved to
 * AsmSymbol entries at parse time, numeric local label references (1b, 2f)
 * to the instance they denote at that point, and `.' to the current
 * section offset, so a tree can be evaluated later (fixups, deferred
 * equates) with the meaning it had where it was written.
 */
#include "tools/e2k-asm/asm.h"
#include <string.h>

/* Nodes of the expression being parsed: bounds the tree's depth, which
 * evaluation follows recursively. */
#define MAX_EXPR_NODES 2000
static int expr_nodes;

static ExprNode *node_new(ExprOp op)
{
    ExprNode *n = g_new0(ExprNode, 1);
    expr_nodes++;
    n->op = op;
    return n;
}

void expr_free(ExprNode *n)
{
    if (!n) {
        return;
    }
    expr_free(n->a);
    expr_free(n->b);
    g_free(n);
}

static bool is_sym_start(char c)
{
    return g_ascii_isalpha(c) || c == '_' || c == '.' || c == '$';
}

static bool is_sym_char(char c)
{
    return g_ascii_isalnum(c) || c == '_' || c == '.' || c == '$';
}

static void skip_blanks(const char **pp)
{
    while (**pp == ' ' || **pp == '\t') {
        (*pp)++;
    }
}

static ExprNode *parse_level(const ExprParseEnv *env, const char **pp,
                             int level, Error **errp);

/*
 * Skip the C-style suffix MCST's gas tolerates after an integer: one of
 * "UL", "llu", "ull", "U", or "u" when no "l" follows it, then any number
 * of "l"/"L".  So 28U, 1UL, 1ULL, 1Ul, 1ull, 1llu, 2L, 0x10u are numbers,
 * while 1ul, 1lu, 1LU, 1uu are not (gas reports junk).  A number that is
 * a lone 0 takes no suffix in gas's data directives (0U is junk there).
 */
static const char *skip_int_suffix(const char *p)
{
    if (p[0] == 'U' && p[1] == 'L') {
        p += 2;
    } else if ((p[0] == 'l' && p[1] == 'l' && p[2] == 'u') ||
               (p[0] == 'u' && p[1] == 'l' && p[2] == 'l')) {
        p += 3;
    } else if (p[0] == 'U' || (p[0] == 'u' && p[1] != 'l')) {
        p++;
    }
    while (*p == 'l' || *p == 'L') {
        p++;
    }
    return p;
}

/* Parse an integer as gas does: 0x hex, 0b binary, leading-0 octal,
 * otherwise decimal; an optional C suffix (skip_int_suffix). */
static bool parse_number(const char **pp, int64_t *out, Error **errp)
{
    const char *p = *pp;
    uint64_t v = 0;
    int base = 10;
    bool overflow = false;
    const char *digits;

    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
        if (!g_ascii_isxdigit(*p)) {
            error_setg(errp, "bad hexadecimal number");
            return false;
        }
    } else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) {
        base = 2;
        p += 2;
    } else if (p[0] == '0' && g_ascii_isdigit(p[1])) {
        base = 8;
        p++;
    }
    digits = p;
    for (;; p++) {
        int d;
        if (g_ascii_isdigit(*p)) {
            d = *p - '0';
        } else if (base == 16 && g_ascii_isxdigit(*p)) {
            d = g_ascii_xdigit_value(*p);
        } else {
            break;
        }
        if (d >= base) {
            error_setg(errp, "invalid digit '%c' in a base %d number", *p,
                       base);
            return false;
        }
        if (v > (UINT64_MAX - d) / base) {
            overflow = true;
        }
        v = v * base + d;
    }
    if (p == digits && base != 8) {
        error_setg(errp, "missing digits after '%.2s'", *pp);
        return false;
    }
    if (!(base == 10 && p == digits + 1 && *digits == '0')) {
        p = skip_int_suffix(p);
    }
    if (is_sym_char(*p)) {
        if ((*p == '.' || *p == 'e' || *p == 'E') && base == 10) {
            error_setg(errp, "floating-point number in an integer "
                       "expression");
        } else {
            error_setg(errp, "junk '%c' after a number", *p);
        }
        return false;
    }
    if (overflow) {
        error_setg(errp, "number does not fit in 64 bits");
        return false;
    }
    *out = (int64_t)v;
    *pp = p;
    return true;
}

/* The value of a character constant 'c or 'c' as gas's input scrubber
 * computes it: a backslash escape is one character, and only \b \f \n
 * \r \t have a special meaning (so '\0' is the digit zero, 48). */
static int char_escape(const char **pp)
{
    const char *p = *pp;
    int c = (unsigned char)*p++;

    if (c == '\\' && *p) {
        c = (unsigned char)*p++;
        switch (c) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case 'r': c = '\r'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        default:
            break;
        }
    }
    *pp = p;
    return c;
}

/* The relocation operators, as MCST gas spells them after `@' (any case);
 * @ABS is a plain reference. */
static const struct {
    const char *name;
    int relop;
} relops[] = {
    { "GOTOFF", ASM_RELOP_GOTOFF }, { "GOTPLT", ASM_RELOP_GOTPLT },
    { "GOT", ASM_RELOP_GOT }, { "TLS_LE", ASM_RELOP_TLS_LE },
    { "TLS_IE", ASM_RELOP_TLS_IE }, { "TLS_GDMOD", ASM_RELOP_TLS_GDMOD },
    { "TLS_GDREL", ASM_RELOP_TLS_GDREL },
    { "TLS_DTPREL", ASM_RELOP_TLS_DTPREL }, { "SIZE", ASM_RELOP_SIZE },
    { "ISLOCAL32", ASM_RELOP_ISLOCAL32 }, { "DYNOPT", ASM_RELOP_DYNOPT },
    { "ABS", ASM_RELOP_NONE },
};

static int relop_lookup(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(relops); i++) {
        if (strlen(relops[i].name) == len &&
            !g_ascii_strncasecmp(s, relops[i].name, len)) {
            return relops[i].relop;
        }
    }
    return -1;
}

const char *asm_relop_name(int relop)
{
    size_t i;

    if (relop == ASM_RELOP_GOTPC) {
        return "_GLOBAL_OFFSET_TABLE_";
    }
    for (i = 0; i < G_N_ELEMENTS(relops); i++) {
        if (relops[i].relop == relop) {
            return relops[i].name;
        }
    }
    return "?";
}

/* Nesting of parentheses and unary operators; bounded so that hostile
 * input cannot exhaust the stack. */
#define MAX_EXPR_DEPTH 256
static int expr_depth;

static ExprNode *parse_primary_1(const ExprParseEnv *env, const char **pp,
                                 Error **errp);

static ExprNode *parse_primary(const ExprParseEnv *env, const char **pp,
                               Error **errp)
{
    ExprNode *n;

    if (expr_depth >= MAX_EXPR_DEPTH) {
        error_setg(errp, "expression nested too deeply");
        return NULL;
    }
    expr_depth++;
    n = parse_primary_1(env, pp, errp);
    expr_depth--;
    return n;
}

static ExprNode *parse_primary_1(const ExprParseEnv *env, const char **pp,
                                 Error **errp)
{
    const char *p;
    ExprNode *n;

    skip_blanks(pp);
    p = *pp;
    if (*p == '(') {
        (*pp)++;
        n = parse_level(env, pp, 4, errp);
        if (!n) {
            return NULL;
        }
        skip_blanks(pp);
        if (**pp != ')') {
            error_setg(errp, "missing ')' in expression");
            expr_free(n);
            return NULL;
        }
        (*pp)++;
        return n;
    }
    if (*p == '-' || *p == '~' || *p == '!' || *p == '+') {
        char c = *p;
        ExprNode *a;
        (*pp)++;
        a = parse_primary(env, pp, errp);
        if (!a) {
            return NULL;
        }
        if (c == '+') {
            return a;
        }
        n = node_new(c == '-' ? EXPR_NEG : c == '~' ? EXPR_NOT : EXPR_LNOT);
        n->a = a;
        return n;
    }
    if (*p == '\'') {
        p++;
        if (!*p) {
            error_setg(errp, "missing character after '");
            return NULL;
        }
        n = node_new(EXPR_NUM);
        n->num = char_escape(&p);
        if (*p == '\'') {
            p++;
        }
        *pp = p;
        return n;
    }
    if (g_ascii_isdigit(*p)) {
        const char *q = p;
        while (g_ascii_isdigit(*q)) {
            q++;
        }
        /* Numeric local label reference: 1b / 1f (but 0b101 is binary). */
        if ((*q == 'b' || *q == 'f' || *q == 'B' || *q == 'F') &&
            !is_sym_char(q[1]) &&
            !(q == p + 1 && *p == '0' && (q[1] == '0' || q[1] == '1'))) {
            char *digits = g_strndup(p, q - p);
            char *name = asm_local_label_name(env->file, digits,
                                              (*q == 'f' || *q == 'F'));
            n = node_new(EXPR_SYM);
            n->sym = asm_symbol_lookup(env->file, name, true, env->loc);
            g_free(digits);
            g_free(name);
            *pp = q + 1;
            return n;
        }
        n = node_new(EXPR_NUM);
        if (!parse_number(pp, &n->num, errp)) {
            g_free(n);
            return NULL;
        }
        return n;
    }
    if (*p == '.' && !is_sym_char(p[1])) {
        n = node_new(EXPR_SECOFF);
        n->sec = env->dot_sec;
        n->num = env->dot_off;
        *pp = p + 1;
        return n;
    }
    if (is_sym_start(*p)) {
        const char *q = p;
        char *name;
        int relop = 0;
        while (is_sym_char(*q)) {
            q++;
        }
        name = g_strndup(p, q - p);
        if (*q == '@') {
            const char *e = q + 1;
            while (g_ascii_isalnum(*e) || *e == '_') {
                e++;
            }
            relop = relop_lookup(q + 1, e - q - 1);
            if (relop < 0) {
                error_setg(errp, "unknown relocation `@%.*s'",
                           (int)(e - q - 1), q + 1);
                g_free(name);
                return NULL;
            }
            q = e;
        } else if (!strcmp(asm_symbol_canonical(name),
                           "_GLOBAL_OFFSET_TABLE_")) {
            /* gas: the GOT's address relative to the code */
            relop = ASM_RELOP_GOTPC;
        }
        n = node_new(EXPR_SYM);
        n->sym = asm_symbol_lookup(env->file, name, true, env->loc);
        g_free(name);
        *pp = q;
        if (relop) {
            ExprNode *r = node_new(EXPR_RELOP);
            r->a = n;
            r->num = relop;
            n = r;
        }
        return n;
    }
    if (!*p) {
        error_setg(errp, "missing expression");
    } else {
        error_setg(errp, "unexpected '%c' in expression", *p);
    }
    return NULL;
}

/* Binary operator at *p for precedence @level (1 = tightest), or -1. */
static int match_binop(const char *p, int level, int *len)
{
    *len = 1;
    switch (level) {
    case 1:
        if (p[0] == '*') {
            return EXPR_MUL;
        }
        if (p[0] == '/') {
            return EXPR_DIV;
        }
        if (p[0] == '%') {
            return EXPR_MOD;
        }
        if (p[0] == '<' && p[1] == '<') {
            *len = 2;
            return EXPR_SHL;
        }
        if (p[0] == '>' && p[1] == '>') {
            *len = 2;
            return EXPR_SHR;
        }
        return -1;
    case 2:
        if (p[0] == '|' && p[1] != '|') {
            return EXPR_OR;
        }
        if (p[0] == '&' && p[1] != '&') {
            return EXPR_AND;
        }
        if (p[0] == '^') {
            return EXPR_XOR;
        }
        if (p[0] == '!' && p[1] != '=') {
            return EXPR_ORNOT;
        }
        return -1;
    case 3:
        if (p[0] == '+') {
            return EXPR_ADD;
        }
        if (p[0] == '-') {
            return EXPR_SUB;
        }
        *len = 2;
        if (p[0] == '=' && p[1] == '=') {
            return EXPR_EQ;
        }
        if ((p[0] == '!' && p[1] == '=') || (p[0] == '<' && p[1] == '>')) {
            return EXPR_NE;
        }
        if (p[0] == '<' && p[1] == '=') {
            return EXPR_LE;
        }
        if (p[0] == '>' && p[1] == '=') {
            return EXPR_GE;
        }
        *len = 1;
        if (p[0] == '<' && p[1] != '<') {
            return EXPR_LT;
        }
        if (p[0] == '>' && p[1] != '>') {
            return EXPR_GT;
        }
        return -1;
    case 4:
        *len = 2;
        if (p[0] == '&' && p[1] == '&') {
            return EXPR_LAND;
        }
        if (p[0] == '|' && p[1] == '|') {
            return EXPR_LOR;
        }
        return -1;
    }
    return -1;
}

static ExprNode *parse_level(const ExprParseEnv *env, const char **pp,
                             int level, Error **errp)
{
    ExprNode *left;

    if (level == 0) {
        return parse_primary(env, pp, errp);
    }
    left = parse_level(env, pp, level - 1, errp);
    while (left) {
        int len, op;
        ExprNode *right, *n;

        skip_blanks(pp);
        op = match_binop(*pp, level, &len);
        if (op < 0) {
            break;
        }
        *pp += len;
        right = parse_level(env, pp, level - 1, errp);
        if (!right) {
            expr_free(left);
            return NULL;
        }
        n = node_new(op);
        n->a = left;
        n->b = right;
        left = n;
        if (expr_nodes > MAX_EXPR_NODES) {
            error_setg(errp, "expression too long (more than %d terms)",
                       MAX_EXPR_NODES);
            expr_free(left);
            return NULL;
        }
    }
    return left;
}

ExprNode *expr_parse(const ExprParseEnv *env, const char **pp, Error **errp)
{
    ExprNode *n;

    expr_nodes = 0;
    expr_depth = 0;
    n = parse_level(env, pp, 4, errp);
    return n;
}

ExprNode *expr_parse_all(const ExprParseEnv *env, const char *text,
                         Error **errp)
{
    const char *p = text;
    ExprNode *n = expr_parse(env, &p, errp);

    if (!n) {
        return NULL;
    }
    skip_blanks(&p);
    if (*p) {
        error_setg(errp, "junk '%s' after expression", p);
        expr_free(n);
        return NULL;
    }
    return n;
}

/* ---- symbols --------------------------------------------------------- */

/* MCST gas drops one leading `$' of every symbol name (lcc's LAS-style
 * `$name'), wherever the name is defined or used. */
const char *asm_symbol_canonical(const char *name)
{
    return name[0] == '$' && name[1] ? name + 1 : name;
}

AsmSymbol *asm_symbol_lookup(AsmFile *f, const char *name, bool create,
                             AsmLoc loc)
{
    AsmSymbol *s;

    name = asm_symbol_canonical(name);
    s = g_hash_table_lookup(f->symbols, name);

    if (s || !create) {
        if (s && !s->used && create) {
            s->used = true;
            s->first_use = loc;
        }
        return s;
    }
    s = g_new0(AsmSymbol, 1);
    s->name = g_strdup(name);
    s->file = f;
    s->order = f->next_order++;
    s->kind = SYM_UNDEF;
    s->hidden = g_str_has_prefix(name, ".L") || strchr(name, '\002');
    s->used = true;
    s->first_use = loc;
    g_hash_table_insert(f->symbols, s->name, s);
    g_ptr_array_add(f->symbol_order, s);
    return s;
}

char *asm_local_label_name(AsmFile *f, const char *digits, int delta)
{
    unsigned count = GPOINTER_TO_UINT(g_hash_table_lookup(f->local_counts,
                                                          digits));
    return g_strdup_printf("%s\002%u", digits, count + delta);
}

AsmSymbol *asm_symbol_resolve(AsmSymbol *s)
{
    if (s->kind == SYM_UNDEF) {
        AsmSymbol *g = g_hash_table_lookup(s->file->ctx->globals, s->name);
        if (g) {
            return g;
        }
    }
    return s;
}

bool asm_symbol_value(AsmSymbol *s, ExprMode mode, AsmValue *out,
                      Error **errp)
{
    memset(out, 0, sizeof(*out));
    if (mode == EXPR_FINAL) {
        s = asm_symbol_resolve(s);
    }
    switch (s->kind) {
    case SYM_LABEL:
        if (mode == EXPR_FINAL) {
            out->off = s->sec->addr + s->value;
        } else {
            out->sec = s->sec;
            out->off = s->value;
        }
        return true;
    case SYM_EQU:
        if (!s->equ) {
            out->off = s->value;
            return true;
        }
        if (s->resolving) {
            error_setg(errp, "symbol `%s' is defined in terms of itself",
                       s->name);
            return false;
        }
        s->resolving = true;
        {
            bool ok = expr_eval(s->equ, mode, out, errp);
            s->resolving = false;
            return ok;
        }
    case SYM_UNDEF:
    default:
        if (mode == EXPR_FINAL && s->weak) {
            return true;    /* an undefined weak symbol is 0, as with ld */
        }
        if (mode == EXPR_FINAL && s->import) {
            error_setg(errp, "`%s' is a variable of %s: reach it through "
                       "`%s@GOT' (only a dynamic ET_EXEC, linked without "
                       "-pie or -shared, copies variables)",
                       s->name, s->import->lib, s->name);
            return false;
        }
        if (mode == EXPR_FINAL) {
            error_setg(errp, "undefined symbol `%s'", s->name);
            return false;
        }
        out->sym = s;
        return true;
    }
}

/* ---- evaluation ------------------------------------------------------ */

static bool combine_add(AsmValue *a, const AsmValue *b, bool sub,
                        Error **errp)
{
    if (!sub) {
        if (!asm_value_is_abs(a) && !asm_value_is_abs(b)) {
            error_setg(errp, "cannot add two relocatable values");
            return false;
        }
        if (asm_value_is_abs(a)) {
            a->sec = b->sec;
            a->sym = b->sym;
        }
        a->off = (int64_t)((uint64_t)a->off + (uint64_t)b->off);
        return true;
    }
    if (asm_value_is_abs(b)) {
        a->off = (int64_t)((uint64_t)a->off - (uint64_t)b->off);
        return true;
    }
    if (b->sec && a->sec == b->sec) {
        a->sec = NULL;
        a->off -= b->off;
        return true;
    }
    if (b->sym && a->sym == b->sym) {
        a->sym = NULL;
        a->off -= b->off;
        return true;
    }
    if (asm_value_is_abs(a)) {
        error_setg(errp, "cannot subtract a relocatable value from a number");
    } else if (a->sym || b->sym) {
        /* depends on symbols not known yet: keep it unresolved */
        a->sym = a->sym ? a->sym : b->sym;
        a->sec = NULL;
        return true;
    } else {
        error_setg(errp, "cannot subtract values in different sections "
                   "(%s and %s)", a->sec->name, b->sec->name);
    }
    return false;
}

bool expr_eval(ExprNode *n, ExprMode mode, AsmValue *out, Error **errp)
{
    AsmValue a, b;
    uint64_t x, y;

    memset(out, 0, sizeof(*out));
    switch (n->op) {
    case EXPR_NUM:
        out->off = n->num;
        return true;
    case EXPR_SECOFF:
        if (mode == EXPR_FINAL) {
            out->off = n->sec->addr + n->num;
        } else {
            out->sec = n->sec;
            out->off = n->num;
        }
        return true;
    case EXPR_SYM:
        return asm_symbol_value(n->sym, mode, out, errp);
    case EXPR_RELOP:
        if (mode == EXPR_FINAL && asm_link_got &&
            (n->num == ASM_RELOP_GOT || n->num == ASM_RELOP_GOTOFF ||
             n->num == ASM_RELOP_GOTPC)) {
            return asm_got_resolve(asm_link_got, n->num, n->a, out, errp);
        }
        if (!expr_eval(n->a, mode, out, errp)) {
            return false;
        }
        if (mode == EXPR_FINAL) {
            error_setg(errp, "%s%s needs a PLT or TLS, which a link by "
                       "e2k-asm does not make; assemble with -c",
                       n->num == ASM_RELOP_GOTPC ? "" : "@",
                       asm_relop_name(n->num));
            return false;
        }
        if (asm_value_is_abs(out)) {
            error_setg(errp, "@%s needs a symbol, not a constant",
                       asm_relop_name(n->num));
            return false;
        }
        out->relop = n->num;
        return true;
    default:
        break;
    }
    if (!expr_eval(n->a, mode, &a, errp)) {
        return false;
    }
    if (a.relop && n->op != EXPR_ADD && n->op != EXPR_SUB) {
        error_setg(errp, "a @%s reference can only be offset by a constant",
                   asm_relop_name(a.relop));
        return false;
    }
    if (n->op == EXPR_NEG || n->op == EXPR_NOT || n->op == EXPR_LNOT) {
        if (!asm_value_is_abs(&a)) {
            if (a.sym) {
                *out = a;   /* unresolved; the caller treats it as unknown */
                return true;
            }
            error_setg(errp, "operator needs an absolute value");
            return false;
        }
        x = a.off;
        out->off = n->op == EXPR_NEG ? (int64_t)(0 - x) :
                   n->op == EXPR_NOT ? (int64_t)~x : (x == 0);
        return true;
    }
    if (!expr_eval(n->b, mode, &b, errp)) {
        return false;
    }
    if (a.relop || b.relop) {
        const AsmValue *r = a.relop ? &a : &b, *c = a.relop ? &b : &a;
        if ((a.relop && b.relop) || !asm_value_is_abs(c) ||
            (b.relop && n->op != EXPR_ADD)) {
            error_setg(errp, "a @%s reference can only be offset by a "
                       "constant", asm_relop_name(r->relop));
            return false;
        }
        *out = *r;
        out->off += n->op == EXPR_SUB ? -c->off : c->off;
        return true;
    }
    if (n->op == EXPR_ADD || n->op == EXPR_SUB) {
        *out = a;
        return combine_add(out, &b, n->op == EXPR_SUB, errp);
    }
    if (!asm_value_is_abs(&a) || !asm_value_is_abs(&b)) {
        if (a.sym || b.sym) {
            *out = a.sym ? a : b;   /* unresolved */
            return true;
        }
        if ((n->op == EXPR_EQ || n->op == EXPR_NE) && a.sec == b.sec) {
            /* same section: compare the offsets */
        } else {
            error_setg(errp, "operator needs absolute values");
            return false;
        }
    }
    x = a.off;
    y = b.off;
    switch (n->op) {
    case EXPR_MUL: out->off = (int64_t)(x * y); break;
    case EXPR_DIV:
    case EXPR_MOD:
        if (y == 0) {
            error_setg(errp, "division by zero");
            return false;
        }
        if ((int64_t)y == -1) {
            out->off = n->op == EXPR_DIV ? (int64_t)(0 - x) : 0;
        } else {
            out->off = n->op == EXPR_DIV ? (int64_t)x / (int64_t)y
                                         : (int64_t)x % (int64_t)y;
        }
        break;
    case EXPR_SHL: out->off = y >= 64 ? 0 : (int64_t)(x << y); break;
    case EXPR_SHR: out->off = y >= 64 ? 0 : (int64_t)(x >> y); break;
    case EXPR_OR: out->off = x | y; break;
    case EXPR_AND: out->off = x & y; break;
    case EXPR_XOR: out->off = x ^ y; break;
    case EXPR_ORNOT: out->off = x | ~y; break;
    case EXPR_EQ: out->off = x == y ? -1 : 0; break;
    case EXPR_NE: out->off = x != y ? -1 : 0; break;
    case EXPR_LT: out->off = (int64_t)x < (int64_t)y ? -1 : 0; break;
    case EXPR_GT: out->off = (int64_t)x > (int64_t)y ? -1 : 0; break;
    case EXPR_LE: out->off = (int64_t)x <= (int64_t)y ? -1 : 0; break;
    case EXPR_GE: out->off = (int64_t)x >= (int64_t)y ? -1 : 0; break;
    case EXPR_LAND: out->off = (x && y) ? 1 : 0; break;
    case EXPR_LOR: out->off = (x || y) ? 1 : 0; break;
    default:
        error_setg(errp, "internal: bad expression node");
        return false;
    }
    return true;
}

bool expr_eval_const(ExprNode *n, int64_t *out, Error **errp)
{
    AsmValue v;

    if (!expr_eval(n, EXPR_NOW, &v, errp)) {
        return false;
    }
    if (v.sym) {
        error_setg(errp, "expression uses `%s', which is not defined yet",
                   v.sym->name);
        return false;
    }
    if (v.sec) {
        error_setg(errp, "expression must be a constant, not an address in "
                   "%s", v.sec->name);
        return false;
    }
    *out = v.off;
    return true;
}
