/*
 * e2k-asm statement processing: the per-file assembly pass.
 *
 * Reads a file's lines (through an input stack of the file itself,
 * .include'd files, macro and .rept expansions), keeps conditional
 * assembly state, defines labels and symbols, runs directives
 * (directives.c) and collects the operations of each wide instruction,
 * which target/e2k/asm-encode.c turns into bytes.  What it owns: the
 * single-pass semantics of gas (a value is "known" only if everything it
 * depends on was defined earlier in the source), the 8-byte alignment of
 * wide instructions and the fixups the encoder asks for.
 */
#include "tools/e2k-asm/assemble.h"
#include "tools/e2k-asm/cfi.h"
#include "tools/e2k-asm/dwarf-line.h"
#include "target/e2k/asm-encode.h"
#include <string.h>

#define MAX_INPUT_DEPTH 64

/* ---- sections -------------------------------------------------------- */

uint64_t asm_align_up(uint64_t v, uint64_t a)
{
    return a > 1 ? (v + a - 1) / a * a : v;
}

uint64_t asm_section_align(const AsmSection *s)
{
    if ((!strcmp(s->name, ".data") || !strcmp(s->name, ".bss") ||
         !strcmp(s->name, ".rodata")) && !asm_section_size(s)) {
        return 1;
    }
    return s->align;
}

uint64_t asm_section_link_align(const AsmSection *s)
{
    uint64_t a = asm_section_align(s);

    return (s->flags & ASM_SHF_EXECINSTR) && a < 8 ? 8 : a;
}

uint64_t asm_section_size(const AsmSection *s)
{
    return s->type == ASM_SHT_NOBITS ? s->size : s->data->len;
}

static AsmSection *section_alloc(AsmFile *f, const char *name,
                                 uint64_t flags, unsigned type)
{
    AsmSection *s = g_new0(AsmSection, 1);

    s->name = g_strdup(name);
    s->file = f;
    s->order = f->next_order++;
    s->flags = flags;
    s->type = type;
    /* sh_addralign as MCST gas gives it: 8 for .text, 16 for .data,
       .bss and .rodata (1 when they stay empty, see asm_section_align),
       else what .align and the like ask for */
    if (!strcmp(name, ".text")) {
        s->align = 8;
    } else if (!strcmp(name, ".data") || !strcmp(name, ".bss") ||
               !strcmp(name, ".rodata")) {
        s->align = 16;
    } else {
        s->align = 1;
    }
    s->data = g_byte_array_new();
    s->fixups = g_ptr_array_new();
    s->relocs = g_array_new(false, true, sizeof(AsmReloc));
    return s;
}

static AsmSection *section_new(AsmFile *f, const char *name, uint64_t flags,
                               unsigned type)
{
    AsmSection *s = section_alloc(f, name, flags, type);

    g_ptr_array_add(f->sections, s);
    return s;
}

AsmSection *asm_subsection_get(AsmSection *s, int64_t n)
{
    AsmSection *part;
    guint i;

    if (s->parent) {
        s = s->parent;
    }
    if (n == 0) {
        return s;
    }
    if (!s->parts) {
        s->parts = g_ptr_array_new();
    }
    for (i = 0; i < s->parts->len; i++) {
        part = s->parts->pdata[i];
        if (part->subsec == n) {
            return part;
        }
    }
    part = section_alloc(s->file, s->name, s->flags, s->type);
    part->align = 1;        /* what its contents ask for */
    part->parent = s;
    part->subsec = n;
    g_ptr_array_add(s->parts, part);
    return part;
}

/* .symver names take the value and binding of their symbol, known now. */
static void finish_symvers(AsmFile *f)
{
    guint i;

    for (i = 0; i < f->symbol_order->len; i++) {
        AsmSymbol *s = f->symbol_order->pdata[i];
        AsmSymbol *t = s->symver_of;
        if (!t) {
            continue;
        }
        if (t->kind == SYM_LABEL) {
            s->kind = SYM_LABEL;
            s->sec = t->sec;
            s->value = t->value;
            s->global = t->global;
            s->weak = t->weak;
            s->type = t->type;
            s->visibility = t->visibility;
        } else {
            /* a versioned reference to a symbol defined elsewhere */
            s->global = true;
            s->used = t->used;
        }
    }
}

/* ---- merging subsections at the end of a file -------------------------- */

typedef struct PartMove {
    AsmSection *from, *to;
    uint64_t base;
} PartMove;

static void move_expr(ExprNode *n, const PartMove *m)
{
    if (!n) {
        return;
    }
    if (n->op == EXPR_SECOFF && n->sec == m->from) {
        n->sec = m->to;
        n->num += m->base;
    }
    move_expr(n->a, m);
    move_expr(n->b, m);
}

static int part_cmp(gconstpointer a, gconstpointer b)
{
    const AsmSection *x = *(AsmSection *const *)a;
    const AsmSection *y = *(AsmSection *const *)b;

    return x->subsec < y->subsec ? -1 : x->subsec > y->subsec;
}

/* Append the parts of every section to it in subsection order, each at
 * the alignment its contents asked for (gas aligns inside the joined
 * section; the result is the same whenever a part's size is a multiple
 * of the next part's alignment, as wide instructions are of 8), and
 * move what refers to a part: labels, `.', fixups. */
static void merge_subsections(AsmFile *f)
{
    guint i, j, k;

    for (i = 0; i < f->sections->len; i++) {
        AsmSection *s = f->sections->pdata[i];
        if (!s->parts) {
            continue;
        }
        g_ptr_array_sort(s->parts, part_cmp);
        for (j = 0; j < s->parts->len; j++) {
            AsmSection *part = s->parts->pdata[j];
            uint64_t size = asm_section_size(s);
            PartMove m = { part, s, 0 };

            m.base = asm_align_up(size, asm_section_link_align(part));
            if (part->align > s->align) {
                s->align = part->align;
            }
            if (s->type == ASM_SHT_NOBITS) {
                s->size = m.base + part->size;
            } else {
                if (m.base > size) {
                    g_byte_array_set_size(s->data, m.base);
                    memset(s->data->data + size, 0, m.base - size);
                }
                if (part->data->len) {
                    g_byte_array_append(s->data, part->data->data,
                                        part->data->len);
                }
            }
            for (k = 0; k < part->fixups->len; k++) {
                AsmFixup *fx = part->fixups->pdata[k];
                fx->base += m.base;
                g_ptr_array_add(s->fixups, fx);
            }
            g_ptr_array_set_size(part->fixups, 0);
            for (k = 0; k < f->symbol_order->len; k++) {
                AsmSymbol *sym = f->symbol_order->pdata[k];
                if (sym->sec == part) {
                    sym->sec = s;
                    sym->value += m.base;
                }
                move_expr(sym->equ, &m);
                move_expr(sym->size, &m);
            }
            for (k = 0; k < f->sections->len; k++) {
                AsmSection *o = f->sections->pdata[k];
                guint q;
                for (q = 0; q < o->fixups->len; q++) {
                    move_expr(((AsmFixup *)o->fixups->pdata[q])->expr, &m);
                }
            }
        }
        for (j = 0; j < s->parts->len; j++) {
            AsmSection *part = s->parts->pdata[j];
            if (f->cur == part) {
                f->cur = s;
            }
            if (f->prev == part) {
                f->prev = s;
            }
            g_ptr_array_free(part->fixups, true);
            g_array_free(part->relocs, true);
            g_byte_array_free(part->data, true);
            g_free(part->name);
            g_free(part);
        }
        g_ptr_array_free(s->parts, true);
        s->parts = NULL;
    }
}

/* Default flags of a section by its name, as gas gives them. */
static void section_defaults(const char *name, uint64_t *flags,
                             unsigned *type)
{
    *type = ASM_SHT_PROGBITS;
    *flags = 0;
    if (!strcmp(name, ".text") || g_str_has_prefix(name, ".text.") ||
        !strcmp(name, ".init") || !strcmp(name, ".fini")) {
        *flags = ASM_SHF_ALLOC | ASM_SHF_EXECINSTR;
    } else if (!strcmp(name, ".data") || g_str_has_prefix(name, ".data.") ||
               !strcmp(name, ".sdata") || g_str_has_prefix(name, ".init_array")
               || g_str_has_prefix(name, ".fini_array")) {
        *flags = ASM_SHF_ALLOC | ASM_SHF_WRITE;
    } else if (!strcmp(name, ".rodata") ||
               g_str_has_prefix(name, ".rodata.")) {
        *flags = ASM_SHF_ALLOC;
    } else if (!strcmp(name, ".bss") || g_str_has_prefix(name, ".bss.") ||
               !strcmp(name, ".sbss")) {
        *flags = ASM_SHF_ALLOC | ASM_SHF_WRITE;
        *type = ASM_SHT_NOBITS;
    }
}

AsmSection *asm_section_find(AsmFile *f, const char *name)
{
    guint i;

    for (i = 0; i < f->sections->len; i++) {
        AsmSection *s = f->sections->pdata[i];
        if (!strcmp(s->name, name)) {
            return s;
        }
    }
    return NULL;
}

AsmSection *asm_section_get(AsmFile *f, const char *name, uint64_t flags,
                            unsigned type, bool explicit_flags, AsmLoc loc)
{
    guint i;
    uint64_t dflags;
    unsigned dtype;

    section_defaults(name, &dflags, &dtype);
    if (!explicit_flags) {
        flags = dflags;
        type = dtype;
    }
    for (i = 0; i < f->sections->len; i++) {
        AsmSection *s = f->sections->pdata[i];
        if (!strcmp(s->name, name)) {
            if (explicit_flags && (s->flags != flags || s->type != type)) {
                asm_warn(f->ctx, loc, "changed attributes of section %s "
                         "ignored", name);
            }
            return s;
        }
    }
    return section_new(f, name, flags, type);
}

AsmFile *asm_file_new(AsmContext *ctx, const char *path)
{
    AsmFile *f = g_new0(AsmFile, 1);
    AsmLoc none = { path, 0 };

    f->ctx = ctx;
    f->path = asm_intern(ctx, path);
    f->file_sym = f->path;
    f->sections = g_ptr_array_new();
    f->symbols = g_hash_table_new(g_str_hash, g_str_equal);
    f->symbol_order = g_ptr_array_new();
    f->macros = g_hash_table_new(g_str_hash, g_str_equal);
    f->local_counts = g_hash_table_new_full(g_str_hash, g_str_equal,
                                            g_free, NULL);
    f->section_stack = g_array_new(false, true, sizeof(SectionStackEntry));
    /* gas always has these three, in this order */
    f->cur = asm_section_get(f, ".text", 0, 0, false, none);
    asm_section_get(f, ".data", 0, 0, false, none);
    asm_section_get(f, ".bss", 0, 0, false, none);
    f->prev = f->cur;
    g_ptr_array_add(ctx->files, f);
    return f;
}

/* ---- output helpers used by the directives --------------------------- */

void asm_emit(AsmState *st, const void *buf, size_t len)
{
    AsmSection *s = st->f->cur;

    if (s->type == ASM_SHT_NOBITS) {
        const uint8_t *b = buf;
        size_t i;
        for (i = 0; i < len; i++) {
            if (b[i]) {
                asm_error(st->ctx, st->loc, "non-zero data in section %s "
                          "(which has no contents)", s->name);
                return;
            }
        }
        s->size += len;
        return;
    }
    g_byte_array_append(s->data, buf, len);
}

void asm_emit_fill(AsmState *st, uint64_t count, uint8_t byte)
{
    AsmSection *s = st->f->cur;
    uint8_t chunk[256];

    if (count > (1u << 28)) {
        asm_error(st->ctx, st->loc, "fill of %" PRIu64 " bytes is too large",
                  count);
        return;
    }
    if (s->type == ASM_SHT_NOBITS && byte == 0) {
        s->size += count;
        return;
    }
    memset(chunk, byte, sizeof(chunk));
    while (count) {
        size_t n = count > sizeof(chunk) ? sizeof(chunk) : count;
        asm_emit(st, chunk, n);
        count -= n;
    }
}

void asm_align(AsmState *st, uint64_t align, uint8_t fill, uint64_t max)
{
    AsmSection *s = st->f->cur;
    uint64_t size = asm_section_size(s);
    uint64_t pad;

    if (align <= 1) {
        return;
    }
    pad = (align - size % align) % align;
    if (max && pad > max) {
        return;
    }
    if (align > s->align) {
        s->align = align;
    }
    asm_emit_fill(st, pad, fill);
}

/* ---- symbols --------------------------------------------------------- */

static bool is_sym_start(char c)
{
    return g_ascii_isalpha(c) || c == '_' || c == '.' || c == '$';
}

static bool is_sym_char(char c)
{
    return g_ascii_isalnum(c) || c == '_' || c == '.' || c == '$';
}

void asm_define_label(AsmState *st, const char *name)
{
    AsmFile *f = st->f;
    AsmSymbol *s;
    char *real = NULL;

    if (g_ascii_isdigit(name[0])) {
        unsigned n = GPOINTER_TO_UINT(g_hash_table_lookup(f->local_counts,
                                                          name)) + 1;
        g_hash_table_insert(f->local_counts, g_strdup(name),
                            GUINT_TO_POINTER(n));
        real = g_strdup_printf("%s\002%u", name, n);
        name = real;
    }
    s = asm_symbol_lookup(f, name, true, st->loc);
    if (s->kind != SYM_UNDEF) {
        asm_error(st->ctx, st->loc, "symbol `%s' is already defined",
                  s->name);
        if (s->def.file) {
            asm_error(st->ctx, s->def, "(previous definition of `%s' "
                      "was here)", s->name);
        }
        g_free(real);
        return;
    }
    s->kind = SYM_LABEL;
    s->sec = f->cur;
    s->value = asm_section_size(f->cur);
    s->def = st->loc;
    g_free(real);
}

/* The symbol of `Y' or `Y +/- N' (an alias, for gas), else NULL. */
static AsmSymbol *alias_target(const ExprNode *n)
{
    if (n->op == EXPR_SYM) {
        return n->sym;
    }
    if ((n->op == EXPR_ADD || n->op == EXPR_SUB) && n->a->op == EXPR_SYM &&
        n->b->op == EXPR_NUM) {
        return n->a->sym;
    }
    return NULL;
}

/* gas: `X = Y' (or `Y + N') gives X the function or object type of Y and
 * Y's size, as they are when X gets its value; later changes to Y's
 * .size or .type do not follow. */
static void alias_copy_attributes(AsmSymbol *s, AsmSymbol *t)
{
    if (!s->type && t->type != ASM_STT_TLS) {
        s->type = t->type;
    }
    if (!s->size && (t->size || t->size_from)) {
        s->size_from = t;
    }
}

/* Aliases assigned before their symbol was defined (see asm_define_equ):
 * their attributes, once the file is read. */
static void finish_alias(AsmSymbol *s)
{
    AsmSymbol *t = s->alias_of;

    if (!t) {
        return;
    }
    s->alias_of = NULL;
    finish_alias(t);
    if (t->kind != SYM_UNDEF) {
        alias_copy_attributes(s, t);
    }
}

static void finish_aliases(AsmFile *f)
{
    guint i;

    for (i = 0; i < f->symbol_order->len; i++) {
        finish_alias(f->symbol_order->pdata[i]);
    }
}

void asm_define_equ(AsmState *st, const char *name, const char *text,
                    bool equiv)
{
    ExprParseEnv env = { st->f, st->f->cur, asm_section_size(st->f->cur),
                         st->loc };
    Error *err = NULL;
    AsmSymbol *s;
    ExprNode *n;
    AsmValue v;

    if (!*name || !is_sym_start(name[0]) || g_ascii_isdigit(name[0])) {
        asm_error(st->ctx, st->loc, "bad symbol name `%s'", name);
        return;
    }
    /* the name first: gas's symbol table lists it before those of the
       value */
    s = asm_symbol_lookup(st->f, name, true, st->loc);
    n = expr_parse_all(&env, text, &err);
    if (!n) {
        asm_error_err(st->ctx, st->loc, err);
        return;
    }
    if (s->kind != SYM_UNDEF && (!s->assigned || equiv)) {
        asm_error(st->ctx, st->loc, "symbol `%s' is already defined",
                  name);
        expr_free(n);
        return;
    }
    if (!expr_eval(n, EXPR_NOW, &v, &err)) {
        asm_error_err(st->ctx, st->loc, err);
        expr_free(n);
        return;
    }
    expr_free(s->equ);
    s->equ = NULL;
    s->assigned = true;
    s->def = st->loc;
    s->alias_of = NULL;
    if (v.sym) {
        /* depends on something defined later: keep the expression; an
           alias of a symbol takes its attributes at the end (as gas) */
        s->kind = SYM_EQU;
        s->equ = n;
        if (n->op == EXPR_SYM && n->sym != s) {
            s->alias_of = n->sym;
        }
        return;
    }
    if (v.sec) {
        AsmSymbol *t = alias_target(n);
        s->kind = SYM_LABEL;
        s->sec = v.sec;
        if (t && t != s) {
            alias_copy_attributes(s, t);
        }
    } else {
        s->kind = SYM_EQU;
        s->sec = NULL;
    }
    s->value = v.off;
    expr_free(n);
}

/* ---- wide instructions ----------------------------------------------- */

typedef struct BundleCtx {
    AsmState *st;
    AsmSection *sec;
    uint64_t base;
    GPtrArray *pending;     /* AsmFixup* */
    Error *fixup_err;
} BundleCtx;

static int bundle_eval(void *opaque, const char *expr, int64_t *val,
                       Error **errp)
{
    BundleCtx *bc = opaque;
    ExprParseEnv env = { bc->st->f, bc->sec, bc->base, bc->st->loc };
    ExprNode *n = expr_parse_all(&env, expr, errp);
    AsmValue v;
    bool ok;

    if (!n) {
        return -1;
    }
    ok = expr_eval(n, EXPR_NOW, &v, errp);
    expr_free(n);
    if (!ok) {
        return -1;
    }
    *val = v.off;
    if (v.relop) {
        /* gas's relocation operators: 32-bit or 64-bit literals */
        *val = 0;
        switch (v.relop) {
        case ASM_RELOP_GOT: case ASM_RELOP_GOTPLT: case ASM_RELOP_TLS_IE:
        case ASM_RELOP_TLS_GDMOD: case ASM_RELOP_TLS_GDREL:
        case ASM_RELOP_SIZE: case ASM_RELOP_ISLOCAL32:
            return 2;
        case ASM_RELOP_GOTOFF: case ASM_RELOP_TLS_LE: case ASM_RELOP_GOTPC:
            return 1;
        default:
            error_setg(errp, "@%s cannot be used in an instruction",
                       asm_relop_name(v.relop));
            return -1;
        }
    }
    if (!asm_value_is_abs(&v)) {
        /* an address, or a symbol defined later: final value unknown */
        *val = 0;
        return 1;
    }
    return 0;
}

static void bundle_add_fixup(void *opaque, unsigned offset, int kind,
                             const char *expr)
{
    BundleCtx *bc = opaque;
    ExprParseEnv env = { bc->st->f, bc->sec, bc->base, bc->st->loc };
    Error *err = NULL;
    ExprNode *n = expr_parse_all(&env, expr, &err);
    AsmFixup *fx;

    if (!n) {
        if (!bc->fixup_err) {
            bc->fixup_err = err;
        } else {
            error_free(err);
        }
        return;
    }
    fx = g_new0(AsmFixup, 1);
    fx->base = bc->base;
    fx->offset = offset;
    fx->kind = kind;
    fx->expr = n;
    fx->loc = bc->st->loc;
    g_ptr_array_add(bc->pending, fx);
}

static void encode_bundle(AsmState *st, GPtrArray *ops, bool braced)
{
    AsmSection *sec = st->f->cur;
    uint8_t out[E2K_ASM_MAX_OUT];
    BundleCtx bc = { st, sec, 0, g_ptr_array_new(), NULL };
    E2KAsmEnv env = { 0 };
    Error *err = NULL;
    int n;
    guint i;

    if (sec->type == ASM_SHT_NOBITS) {
        asm_error(st->ctx, st->loc, "instruction in section %s, which has "
                  "no contents", sec->name);
        goto out;
    }
    /* wide instructions are 8-byte aligned (which gas does not record
       in the section's alignment) */
    asm_emit_fill(st, (8 - asm_section_size(sec) % 8) % 8, 0);
    bc.base = asm_section_size(sec);

    env.isa = st->ctx->isa;
    env.pc = bc.base;
    env.objdump_store_order = st->f->ld_st_style;
    env.eval = bundle_eval;
    env.add_fixup = bundle_add_fixup;
    env.opaque = &bc;
    memset(out, 0, sizeof(out));
    n = e2k_asm_encode(&env, (const char *const *)ops->pdata, ops->len,
                       braced, out, &err);
    if (n < 0 || bc.fixup_err) {
        asm_error_err(st->ctx, st->loc, err ? err : bc.fixup_err);
        if (err && bc.fixup_err) {
            error_free(bc.fixup_err);
        }
        goto out;
    }
    if (n == 0 || n > E2K_ASM_MAX_OUT || n % 8) {
        asm_error(st->ctx, st->loc, "internal: encoder returned %d bytes",
                  n);
        goto out;
    }
    asm_emit(st, out, n);
    for (i = 0; i < bc.pending->len; i++) {
        AsmFixup *fx = bc.pending->pdata[i];
        if (fx->offset >= (unsigned)n) {
            asm_error(st->ctx, st->loc, "internal: fixup outside the "
                      "instruction");
            expr_free(fx->expr);
            g_free(fx);
            continue;
        }
        g_ptr_array_add(sec->fixups, fx);
    }
    g_ptr_array_set_size(bc.pending, 0);
out:
    for (i = 0; i < bc.pending->len; i++) {
        AsmFixup *fx = bc.pending->pdata[i];
        expr_free(fx->expr);
        g_free(fx);
    }
    g_ptr_array_free(bc.pending, true);
}

/* ---- the input stack ------------------------------------------------- */

typedef struct Frame {
    GPtrArray *lines;       /* SourceLine*, owned */
    guint pos;
    bool c_comment;
    FrameKind kind;
    guint cond_depth;       /* open .if levels when the frame was pushed */
} Frame;

void asm_push_lines(AsmState *st, GPtrArray *lines, FrameKind kind)
{
    Frame *fr;

    if (st->frames->len >= MAX_INPUT_DEPTH) {
        asm_error(st->ctx, st->loc, "macros or .include nested more than %d "
                  "levels deep", MAX_INPUT_DEPTH);
        g_ptr_array_free(lines, true);
        return;
    }
    fr = g_new0(Frame, 1);
    fr->lines = lines;
    fr->kind = kind;
    fr->cond_depth = st->conds->len;
    g_ptr_array_add(st->frames, fr);
}

void asm_push_rest(AsmState *st, const char *remainder)
{
    GPtrArray *lines;

    while (*remainder == ' ' || *remainder == '\t') {
        remainder++;
    }
    if (!*remainder) {
        return;
    }
    lines = g_ptr_array_new_with_free_func(source_line_free);
    g_ptr_array_add(lines, source_line_new(remainder, st->loc));
    asm_push_lines(st, lines, FRAME_REST);
}

bool asm_exit_macro(AsmState *st)
{
    guint i = st->frames->len, j;

    while (i > 0) {
        Frame *fr = st->frames->pdata[i - 1];
        if (fr->kind == FRAME_FILE) {
            return false;
        }
        if (fr->kind == FRAME_MACRO) {
            break;
        }
        i--;
    }
    if (i == 0) {
        return false;
    }
    /* conditionals opened inside the expansion end with it */
    g_array_set_size(st->conds, MIN(st->conds->len,
                                    ((Frame *)st->frames->pdata[i - 1])
                                    ->cond_depth));
    /* exhaust the expansion and whatever it pushed; the main loop drops
       exhausted frames */
    for (j = i - 1; j < st->frames->len; j++) {
        Frame *fr = st->frames->pdata[j];
        fr->pos = fr->lines->len;
    }
    return true;
}

static void frame_free(gpointer p)
{
    Frame *fr = p;
    g_ptr_array_free(fr->lines, true);
    g_free(fr);
}

bool asm_cond_active(AsmState *st)
{
    if (!st->conds->len) {
        return true;
    }
    return g_array_index(st->conds, CondEntry, st->conds->len - 1).active;
}

/* ---- statements ------------------------------------------------------ */

/* Length of a label `name:' at @p (name then ':' directly), or 0. */
static size_t match_label(const char *p)
{
    const char *q = p;

    if (g_ascii_isdigit(*q)) {
        while (g_ascii_isdigit(*q)) {
            q++;
        }
    } else if (is_sym_start(*q)) {
        while (is_sym_char(*q)) {
            q++;
        }
    } else {
        return 0;
    }
    if (*q != ':' || q[1] == ':' || q[1] == '=') {
        return 0;
    }
    return q - p;
}

/* First word of @p (up to blank or end), newly allocated. */
static char *first_word(const char *p, const char **rest)
{
    const char *q = p;

    while (*q && *q != ' ' && *q != '\t') {
        q++;
    }
    if (rest) {
        const char *r = q;
        while (*r == ' ' || *r == '\t') {
            r++;
        }
        *rest = r;
    }
    return g_strndup(p, q - p);
}

/* Returns true if the rest of the line must not be processed (its text
 * was handed over to a macro expansion or a recording). */
static bool process_statement(AsmState *st, const char *text,
                              const char *remainder)
{
    const char *p = text;
    const char *args;
    char *word;
    size_t len;
    bool stop = false;

    word = first_word(p, &args);
    if (word[0] == '.' && asm_is_conditional(word)) {
        asm_directive_conditional(st, word, args);
        g_free(word);
        return false;
    }
    g_free(word);
    if (!asm_cond_active(st)) {
        return false;
    }

    while ((len = match_label(p)) != 0) {
        char *name = g_strndup(p, len);
        if (st->in_bundle) {
            asm_error(st->ctx, st->loc, "label `%s' inside a wide "
                      "instruction { ... }", name);
        } else {
            asm_define_label(st, name);
        }
        g_free(name);
        p += len + 1;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
    }
    if (!*p) {
        return false;
    }

    /* name = expr */
    if (is_sym_start(*p) || g_ascii_isdigit(*p)) {
        const char *q = p;
        while (is_sym_char(*q)) {
            q++;
        }
        const char *e = q;
        while (*e == ' ' || *e == '\t') {
            e++;
        }
        if (*e == '=' && e[1] != '=') {
            char *name = g_strndup(p, q - p);
            if (st->in_bundle) {
                asm_error(st->ctx, st->loc, "assignment inside a wide "
                          "instruction { ... }");
            } else {
                asm_define_equ(st, name, e + 1, false);
            }
            g_free(name);
            return false;
        }
    }

    word = first_word(p, &args);
    {
        AsmMacro *m = g_hash_table_lookup(st->f->macros, word);
        if (m) {
            asm_expand_macro(st, m, args, remainder);
            g_free(word);
            return true;
        }
    }
    if (word[0] == '.') {
        if (st->in_bundle) {
            asm_error(st->ctx, st->loc, "directive %s inside a wide "
                      "instruction { ... }", word);
        } else {
            stop = asm_directive(st, word, args);
        }
        g_free(word);
        return stop;
    }
    g_free(word);

    if (st->in_bundle) {
        g_ptr_array_add(st->ops, g_strdup(p));
    } else {
        GPtrArray *ops = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(ops, g_strdup(p));
        encode_bundle(st, ops, false);
        g_ptr_array_free(ops, true);
    }
    return false;
}

static void process_line(AsmState *st, const SourceLine *line, Frame *fr)
{
    char *text = g_strdup(line->text);
    GArray *stmts;
    guint i;

    st->loc = line->loc;
    source_strip_comments(text, &fr->c_comment);
    stmts = source_split_statements(text);
    for (i = 0; i < stmts->len && !st->stop; i++) {
        Stmt *s = &g_array_index(stmts, Stmt, i);
        if (st->recording) {
            /* a body is recorded statement by statement, so that
               `.macro m; ...; .endm' may be one line, as in gas */
            const char *piece = s->sep == '{' ? "{" :
                                s->sep == '}' ? "}" : s->text;
            if (asm_record_stmt(st, piece, text + s->end)) {
                break;
            }
            continue;
        }
        if (s->sep == '{' || s->sep == '}') {
            if (!asm_cond_active(st)) {
                continue;
            }
            if (s->sep == '{') {
                if (st->in_bundle) {
                    asm_error(st->ctx, st->loc, "'{' inside a wide "
                              "instruction (missing '}'?)");
                    continue;
                }
                st->in_bundle = true;
                st->bundle_loc = st->loc;
                g_ptr_array_set_size(st->ops, 0);
            } else {
                if (!st->in_bundle) {
                    asm_error(st->ctx, st->loc, "'}' without '{'");
                    continue;
                }
                st->in_bundle = false;
                {
                    AsmLoc save = st->loc;
                    st->loc = st->bundle_loc;
                    encode_bundle(st, st->ops, true);
                    st->loc = save;
                }
                g_ptr_array_set_size(st->ops, 0);
            }
            continue;
        }
        if (process_statement(st, s->text, text + s->end)) {
            break;
        }
    }
    source_stmts_free(stmts);
    g_free(text);
}

void asm_assemble_file(AsmFile *f, const char *text, bool is_cpp_output)
{
    AsmContext *ctx = f->ctx;
    AsmState st = { 0 };

    st.f = f;
    st.ctx = ctx;
    st.frames = g_ptr_array_new_with_free_func(frame_free);
    st.conds = g_array_new(false, true, sizeof(CondEntry));
    st.ops = g_ptr_array_new_with_free_func(g_free);
    st.loc.file = f->path;
    asm_push_lines(&st, source_split_lines(ctx, text, f->path, true),
                   FRAME_FILE);

    while (st.frames->len && !st.stop) {
        Frame *fr = st.frames->pdata[st.frames->len - 1];
        if (fr->pos >= fr->lines->len) {
            g_ptr_array_remove_index(st.frames, st.frames->len - 1);
            continue;
        }
        process_line(&st, fr->lines->pdata[fr->pos++], fr);
        if (ctx->errors >= ctx->max_errors) {
            break;
        }
    }

    if (st.in_bundle) {
        asm_error(ctx, st.bundle_loc, "wide instruction `{' is never "
                  "closed with `}'");
    }
    if (st.recording) {
        asm_error(ctx, st.rec_loc, "%s without a matching %s",
                  st.rec_kind == REC_MACRO ? ".macro" : ".rept/.irp",
                  st.rec_kind == REC_MACRO ? ".endm" : ".endr");
        asm_record_abort(&st);
    }
    if (st.conds->len) {
        asm_error(ctx, g_array_index(st.conds, CondEntry, 0).loc,
                  ".if without a matching .endif");
    }
    merge_subsections(f);
    /* gas's order: the line table, then call frame information */
    asm_line_finish(f);
    asm_cfi_finish(f);
    finish_aliases(f);
    finish_symvers(f);
    g_ptr_array_free(st.frames, true);
    g_array_free(st.conds, true);
    g_ptr_array_free(st.ops, true);
}
