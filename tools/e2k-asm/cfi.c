/*
 * e2k-asm call frame information: the `.cfi_*' directives and the
 * `.eh_frame' section they describe, laid out as MCST's gas lays it out.
 *
 * During assembly each directive becomes a CfiInsn of the open frame
 * description (FDE); a place in the code is a hidden label, so it moves
 * with the code when subsections are joined.  At the end of the file the
 * FDEs are written in `.cfi_startproc' order, each after the common
 * information entry (CIE) it shares: a new CIE is made when no earlier
 * one has the same return column, `S' flag and initial instructions (the
 * FDE's instructions before its first advance, remember_state or escape).
 *
 * The e2k facts (gas/config/tc-e2k.h of MCST binutils): code alignment 1,
 * data alignment -8, return address column 0 and no default initial
 * instructions; CIE version 1 with augmentation "zR" and FDE addresses
 * pc-relative 4-byte (0x1b), a R_E2K_32_PC relocation in an object;
 * CIEs and FDEs padded with DW_CFA_nop to 4 bytes, the last FDE to 8,
 * which is also the section's alignment.  Registers are DWARF numbers
 * or e2k register names (%bN/%b[N] 0-127, %rN 128-191, %gN 224-255,
 * %aastiN 256-271, with any d/x/q/qp prefix, as gas numbers them).
 *
 * `.cfi_personality'/`.cfi_lsda' add "P"/"L" to the CIE's augmentation
 * and the pointers (absolute or pc-relative, 2, 4 or 8 bytes, maybe
 * indirect) to the CIE / FDE augmentation data, as gas does.
 *
 * `.cfi_sections .debug_frame' writes the same frames to .debug_frame in
 * its own format (CIE id -1, no augmentation, absolute 8-byte addresses,
 * 8-byte padding).
 *
 * Not done (refused with an error, never ignored): `.cfi_label',
 * `.cfi_val_encoded_addr' and the compact EH directives.
 */
#include "tools/e2k-asm/assemble.h"
#include "tools/e2k-asm/cfi.h"
#include <string.h>

/* DWARF call frame instructions (DWARF 4, section 7.23) */
enum {
    DW_CFA_advance_loc = 0x40,
    DW_CFA_offset = 0x80,
    DW_CFA_restore = 0xc0,
    DW_CFA_nop = 0x00,
    DW_CFA_advance_loc1 = 0x02,
    DW_CFA_advance_loc2 = 0x03,
    DW_CFA_advance_loc4 = 0x04,
    DW_CFA_offset_extended = 0x05,
    DW_CFA_restore_extended = 0x06,
    DW_CFA_undefined = 0x07,
    DW_CFA_same_value = 0x08,
    DW_CFA_register = 0x09,
    DW_CFA_remember_state = 0x0a,
    DW_CFA_restore_state = 0x0b,
    DW_CFA_def_cfa = 0x0c,
    DW_CFA_def_cfa_register = 0x0d,
    DW_CFA_def_cfa_offset = 0x0e,
    DW_CFA_offset_extended_sf = 0x11,
    DW_CFA_def_cfa_sf = 0x12,
    DW_CFA_def_cfa_offset_sf = 0x13,
    DW_CFA_val_offset = 0x14,
    DW_CFA_val_offset_sf = 0x15,
    DW_CFA_GNU_window_save = 0x2d,
    CFI_ESCAPE = 0x100,     /* not DWARF: raw bytes of .cfi_escape */
};

#define CFI_DATA_ALIGN (-8)
#define CFI_RETURN_COLUMN 0
#define CFI_FDE_ENCODING 0x1b   /* DW_EH_PE_pcrel | DW_EH_PE_sdata4 */
#define CFI_OMIT 0xff           /* DW_EH_PE_omit */
#define CFI_PCREL 0x10          /* DW_EH_PE_pcrel */

typedef struct CfiInsn {
    int op;                 /* DW_CFA_* (advance: DW_CFA_advance_loc) */
    unsigned reg, reg2;
    int64_t off;
    AsmSymbol *from, *to;   /* advance */
    GByteArray *bytes;      /* CFI_ESCAPE */
} CfiInsn;

typedef struct CfiFde {
    AsmSection *sec;        /* where .cfi_startproc was (while open) */
    AsmSymbol *start, *end;
    AsmSymbol *last;        /* the place the instructions describe so far */
    GArray *insns;          /* CfiInsn */
    unsigned ret_col;
    bool signal_frame;
    int64_t cfa_offset;     /* for .cfi_rel_offset, .cfi_adjust_cfa_offset */
    unsigned per_enc, lsda_enc;     /* DW_EH_PE_*, CFI_OMIT: none */
    ExprNode *per, *lsda;   /* the personality routine, the LSDA */
    char *per_text;         /* for sharing CIEs: the personality operand */
    GArray *saved_offsets;  /* int64_t: remember_state */
    unsigned sections;      /* CFI_EH_FRAME | CFI_DEBUG_FRAME */
    AsmLoc loc;
} CfiFde;

typedef struct CfiCie {
    const CfiFde *model;    /* the FDE it was made for */
    guint ninsns;           /* its initial instructions: model's first n */
    uint64_t offset;        /* in .eh_frame */
} CfiCie;

#define CFI_EH_FRAME 1
#define CFI_DEBUG_FRAME 2

struct AsmCfi {
    GPtrArray *fdes;        /* CfiFde*, .cfi_startproc order */
    unsigned labels;
    unsigned sections;      /* .cfi_sections (CFI_EH_FRAME by default) */
    unsigned all_sections;  /* what every .cfi_startproc so far asked for */
    bool sections_set;      /* a .cfi_startproc was seen */
};

static AsmCfi *cfi_of(AsmFile *f)
{
    if (!f->cfi) {
        f->cfi = g_new0(AsmCfi, 1);
        f->cfi->fdes = g_ptr_array_new();
        f->cfi->sections = CFI_EH_FRAME;
    }
    return f->cfi;
}

/* A hidden label at the current place. */
static AsmSymbol *cfi_here(AsmState *st)
{
    AsmCfi *c = cfi_of(st->f);
    char *name = g_strdup_printf("\002cfi%u", c->labels++);
    AsmSymbol *s = asm_symbol_lookup(st->f, name, true, st->loc);

    g_free(name);
    s->kind = SYM_LABEL;
    s->sec = st->f->cur;
    s->value = asm_section_size(st->f->cur);
    s->def = st->loc;
    return s;
}

/* The FDE open in the current section (gas keeps CFI state per
 * subsection), or NULL. */
static CfiFde *open_fde(AsmState *st)
{
    AsmCfi *c = st->f->cfi;
    guint i;

    for (i = 0; c && i < c->fdes->len; i++) {
        CfiFde *d = c->fdes->pdata[i];
        if (!d->end && d->sec == st->f->cur) {
            return d;
        }
    }
    return NULL;
}

static CfiInsn *add_insn(CfiFde *d, int op)
{
    CfiInsn i = { 0 };

    i.op = op;
    g_array_append_val(d->insns, i);
    return &g_array_index(d->insns, CfiInsn, d->insns->len - 1);
}

/* A register: a DWARF number or an e2k register name. */
static bool parse_reg(AsmState *st, const char *text, unsigned *reg)
{
    const char *p = text;
    unsigned base, limit;
    char *end;
    unsigned long n;
    bool bracket = false;

    if (*p == '%') {
        p++;
        if (g_str_has_prefix(p, "qp")) {
            p += 2;
        } else if (*p == 'd' || *p == 'x' || *p == 'q') {
            p++;
        }
        if (g_str_has_prefix(p, "b[") || g_str_has_prefix(p, "r[")) {
            base = 0, limit = 128, p += 2, bracket = true;
        } else if (*p == 'b') {
            base = 0, limit = 128, p++;
        } else if (*p == 'g') {
            base = 224, limit = 32, p++;
        } else if (*p == 'r') {
            base = 128, limit = 64, p++;
        } else if (g_str_has_prefix(p, "aasti")) {
            base = 256, limit = 16, p += 5;
        } else {
            goto bad;
        }
        if (!g_ascii_isdigit(*p)) {
            goto bad;
        }
        n = strtoul(p, &end, 10);
        if (bracket && *end++ != ']') {
            goto bad;
        }
        if (*end || n >= limit) {
            goto bad;
        }
        *reg = base + (unsigned)n;
        return true;
    } else {
        int64_t v;
        if (!asm_eval_const(st, text, &v)) {
            return false;
        }
        if (v < 0 || v > UINT32_MAX) {
            goto bad;
        }
        *reg = (unsigned)v;
        return true;
    }
bad:
    asm_error(st->ctx, st->loc, "bad register `%s' (a DWARF register number "
              "or an e2k register name)", text);
    return false;
}

static bool want_args(AsmState *st, const char *dir, GPtrArray *a,
                      unsigned n)
{
    if (a->len != n || (n && !*(char *)a->pdata[n - 1])) {
        asm_error(st->ctx, st->loc, "%s takes %u operand%s", dir, n,
                  n == 1 ? "" : "s");
        return false;
    }
    return true;
}

static void add_reg_offset(AsmState *st, CfiFde *d, int op, unsigned reg,
                           int64_t off)
{
    CfiInsn *i = add_insn(d, op);

    i->reg = reg;
    i->off = off;
    if ((op == DW_CFA_offset || op == DW_CFA_val_offset) &&
        off % CFI_DATA_ALIGN) {
        asm_error(st->ctx, st->loc, "register save offset %" PRId64 " is "
                  "not a multiple of %d", off, -CFI_DATA_ALIGN);
    }
}

static void cfi_startproc(AsmState *st, const char *args)
{
    AsmCfi *c = cfi_of(st->f);
    CfiFde *d;
    char *a = g_strstrip(g_strdup(args));

    if (open_fde(st)) {
        asm_error(st->ctx, st->loc, ".cfi_startproc: the previous one is "
                  "not closed with .cfi_endproc");
        g_free(a);
        return;
    }
    if (*a && strcmp(a, "simple")) {
        asm_error(st->ctx, st->loc, "junk `%s' after .cfi_startproc", a);
    }
    g_free(a);
    d = g_new0(CfiFde, 1);
    d->sec = st->f->cur;
    d->start = cfi_here(st);
    d->last = d->start;
    d->insns = g_array_new(false, true, sizeof(CfiInsn));
    d->saved_offsets = g_array_new(false, false, sizeof(int64_t));
    d->ret_col = CFI_RETURN_COLUMN;
    d->per_enc = d->lsda_enc = CFI_OMIT;
    d->loc = st->loc;
    /* as gas: the union of every .cfi_sections in force at a startproc */
    c->all_sections |= c->sections;
    c->sections_set = true;
    d->sections = c->all_sections;
    /* e2k has no default initial instructions: `simple' changes nothing */
    g_ptr_array_add(c->fdes, d);
}

/* The directives that describe the frame at the current place. */
static void cfi_insn(AsmState *st, CfiFde *d, const char *w, GPtrArray *a)
{
    AsmSection *cur = st->f->cur;
    uint64_t here = asm_section_size(cur);
    unsigned r1, r2;
    int64_t off;
    guint k;

    /* as gas: first advance to the current place (even for
       .cfi_return_column and .cfi_signal_frame) */
    if (d->last->sec != cur || (uint64_t)d->last->value != here) {
        AsmSymbol *to = cfi_here(st);
        CfiInsn *i = add_insn(d, DW_CFA_advance_loc);
        i->from = d->last;
        i->to = to;
        d->last = to;
    }

    if (!strcmp(w, ".cfi_offset") || !strcmp(w, ".cfi_val_offset") ||
        !strcmp(w, ".cfi_rel_offset")) {
        if (want_args(st, w, a, 2) && parse_reg(st, a->pdata[0], &r1) &&
            asm_eval_const(st, a->pdata[1], &off)) {
            if (!strcmp(w, ".cfi_rel_offset")) {
                off -= d->cfa_offset;
            }
            add_reg_offset(st, d, strcmp(w, ".cfi_val_offset") ?
                           DW_CFA_offset : DW_CFA_val_offset, r1, off);
        }
    } else if (!strcmp(w, ".cfi_def_cfa")) {
        if (want_args(st, w, a, 2) && parse_reg(st, a->pdata[0], &r1) &&
            asm_eval_const(st, a->pdata[1], &off)) {
            add_reg_offset(st, d, DW_CFA_def_cfa, r1, off);
            d->cfa_offset = off;
        }
    } else if (!strcmp(w, ".cfi_register")) {
        if (want_args(st, w, a, 2) && parse_reg(st, a->pdata[0], &r1) &&
            parse_reg(st, a->pdata[1], &r2)) {
            CfiInsn *i = add_insn(d, DW_CFA_register);
            i->reg = r1;
            i->reg2 = r2;
        }
    } else if (!strcmp(w, ".cfi_def_cfa_register") ||
               !strcmp(w, ".cfi_same_value")) {
        if (want_args(st, w, a, 1) && parse_reg(st, a->pdata[0], &r1)) {
            add_insn(d, strcmp(w, ".cfi_same_value") ?
                     DW_CFA_def_cfa_register : DW_CFA_same_value)->reg = r1;
        }
    } else if (!strcmp(w, ".cfi_def_cfa_offset") ||
               !strcmp(w, ".cfi_adjust_cfa_offset")) {
        if (want_args(st, w, a, 1) && asm_eval_const(st, a->pdata[0], &off)) {
            if (!strcmp(w, ".cfi_adjust_cfa_offset")) {
                off += d->cfa_offset;
            }
            add_insn(d, DW_CFA_def_cfa_offset)->off = off;
            d->cfa_offset = off;
        }
    } else if (!strcmp(w, ".cfi_restore") || !strcmp(w, ".cfi_undefined")) {
        if (!a->len) {
            want_args(st, w, a, 1);
        }
        for (k = 0; k < a->len; k++) {
            if (parse_reg(st, a->pdata[k], &r1)) {
                add_insn(d, strcmp(w, ".cfi_restore") ? DW_CFA_undefined
                         : DW_CFA_restore)->reg = r1;
            }
        }
    } else if (!strcmp(w, ".cfi_return_column")) {
        if (want_args(st, w, a, 1) && parse_reg(st, a->pdata[0], &r1)) {
            if (r1 > 0xff) {
                asm_error(st->ctx, st->loc, "return column %u does not fit "
                          "in a version 1 CIE (0..255)", r1);
            }
            d->ret_col = r1;
        }
    } else if (!strcmp(w, ".cfi_remember_state")) {
        if (want_args(st, w, a, 0)) {
            add_insn(d, DW_CFA_remember_state);
            g_array_append_val(d->saved_offsets, d->cfa_offset);
        }
    } else if (!strcmp(w, ".cfi_restore_state")) {
        if (want_args(st, w, a, 0)) {
            add_insn(d, DW_CFA_restore_state);
            if (d->saved_offsets->len) {
                d->cfa_offset = g_array_index(d->saved_offsets, int64_t,
                                              d->saved_offsets->len - 1);
                g_array_set_size(d->saved_offsets,
                                 d->saved_offsets->len - 1);
            } else {
                asm_error(st->ctx, st->loc, ".cfi_restore_state without "
                          "a .cfi_remember_state");
            }
        }
    } else if (!strcmp(w, ".cfi_window_save")) {
        if (want_args(st, w, a, 0)) {
            add_insn(d, DW_CFA_GNU_window_save);
        }
    } else if (!strcmp(w, ".cfi_signal_frame")) {
        if (want_args(st, w, a, 0)) {
            d->signal_frame = true;
        }
    } else if (!strcmp(w, ".cfi_escape")) {
        GByteArray *b = g_byte_array_new();
        for (k = 0; k < a->len; k++) {
            uint8_t byte;
            if (!asm_eval_const(st, a->pdata[k], &off)) {
                break;
            }
            if (off < -128 || off > 255) {
                asm_error(st->ctx, st->loc, ".cfi_escape: %" PRId64 " is "
                          "not a byte", off);
                break;
            }
            byte = (uint8_t)off;
            g_byte_array_append(b, &byte, 1);
        }
        if (!a->len) {
            asm_error(st->ctx, st->loc, ".cfi_escape needs bytes");
        }
        add_insn(d, CFI_ESCAPE)->bytes = b;
    } else {
        g_assert_not_reached();
    }
}

/* The size of a pointer in encoding @enc (DW_EH_PE_*), as gas allows
 * them: absolute or pc-relative, 8 (absptr, udata8/sdata8), 4 or 2 bytes,
 * optionally indirect; 0 if not allowed. */
static unsigned encoding_size(unsigned enc)
{
    if (enc > 0xff || ((enc & 0x70) != 0 && (enc & 0x70) != CFI_PCREL)) {
        return 0;
    }
    switch (enc & 7) {
    case 0:
    case 4:
        return 8;
    case 2:
        return 2;
    case 3:
        return 4;
    default:
        return 0;
    }
}

/* .cfi_personality ENC, SYM / .cfi_lsda ENC, SYM */
static void cfi_pointer(AsmState *st, CfiFde *d, const char *w, GPtrArray *a)
{
    bool per = !strcmp(w, ".cfi_personality");
    ExprParseEnv env = { st->f, st->f->cur, asm_section_size(st->f->cur),
                         st->loc };
    Error *err = NULL;
    int64_t enc;
    ExprNode *n;
    AsmValue v;

    if (!a->len || !asm_eval_const(st, a->pdata[0], &enc)) {
        if (!a->len) {
            asm_error(st->ctx, st->loc, "%s needs an encoding", w);
        }
        return;
    }
    if (enc == CFI_OMIT) {
        want_args(st, w, a, 1);
        if (per) {
            d->per_enc = CFI_OMIT;
        } else {
            d->lsda_enc = CFI_OMIT;
        }
        return;
    }
    if (!encoding_size((unsigned)enc)) {
        asm_error(st->ctx, st->loc, "%s: encoding 0x%" PRIx64 " is not "
                  "supported (absolute or pc-relative, 2, 4 or 8 bytes)", w,
                  (uint64_t)enc);
        return;
    }
    if (a->len != 2 || !*(char *)a->pdata[1]) {
        asm_error(st->ctx, st->loc, "%s takes an encoding and a symbol", w);
        return;
    }
    n = expr_parse_all(&env, a->pdata[1], &err);
    if (!n || !expr_eval(n, EXPR_NOW, &v, &err)) {
        asm_error_err(st->ctx, st->loc, err);
        expr_free(n);
        return;
    }
    if (v.relop || (asm_value_is_abs(&v) && (enc & 0x70) == CFI_PCREL)) {
        asm_error(st->ctx, st->loc, "%s: `%s' must be a symbol (plus a "
                  "constant)", w, (char *)a->pdata[1]);
        expr_free(n);
        return;
    }
    if (per) {
        expr_free(d->per);
        g_free(d->per_text);
        d->per = n;
        d->per_text = g_strdup(a->pdata[1]);
        d->per_enc = (unsigned)enc;
    } else {
        expr_free(d->lsda);
        d->lsda = n;
        d->lsda_enc = (unsigned)enc;
    }
}

static const char *const insn_directives[] = {
    ".cfi_offset", ".cfi_val_offset", ".cfi_rel_offset", ".cfi_def_cfa",
    ".cfi_register", ".cfi_def_cfa_register", ".cfi_same_value",
    ".cfi_def_cfa_offset", ".cfi_adjust_cfa_offset", ".cfi_restore",
    ".cfi_undefined", ".cfi_return_column", ".cfi_remember_state",
    ".cfi_restore_state", ".cfi_window_save", ".cfi_signal_frame",
    ".cfi_escape", NULL
};

/* .cfi_sections [.eh_frame][, .debug_frame] */
static void cfi_sections(AsmState *st, GPtrArray *a)
{
    AsmCfi *c = cfi_of(st->f);
    unsigned sections = 0;
    guint k;

    for (k = 0; k < a->len; k++) {
        char *name = a->pdata[k];
        if (!strcmp(name, ".eh_frame")) {
            sections |= CFI_EH_FRAME;
        } else if (!strcmp(name, ".debug_frame")) {
            sections |= CFI_DEBUG_FRAME;
        } else {
            asm_error(st->ctx, st->loc, ".cfi_sections: `%s' is not "
                      ".eh_frame or .debug_frame", name);
            return;
        }
    }
    if (c->sections_set &&
        (c->sections & CFI_EH_FRAME) != (sections & CFI_EH_FRAME) &&
        (sections & CFI_EH_FRAME)) {
        asm_error(st->ctx, st->loc, ".cfi_sections: .eh_frame is used or "
                  "not used inconsistently");
        return;
    }
    c->sections = sections;
}

void asm_cfi_directive(AsmState *st, const char *w, const char *args)
{
    GPtrArray *a = asm_split_args(args);
    CfiFde *d;
    guint k;

    if (!strcmp(w, ".cfi_startproc")) {
        cfi_startproc(st, args);
        goto out;
    }
    if (!strcmp(w, ".cfi_sections")) {
        cfi_sections(st, a);
        goto out;
    }
    for (k = 0; insn_directives[k]; k++) {
        if (!strcmp(w, insn_directives[k])) {
            break;
        }
    }
    if (!insn_directives[k] && strcmp(w, ".cfi_endproc") &&
        strcmp(w, ".cfi_personality") && strcmp(w, ".cfi_lsda")) {
        asm_error(st->ctx, st->loc, "%s is not supported by e2k-asm", w);
        goto out;
    }
    d = open_fde(st);
    if (!d) {
        asm_error(st->ctx, st->loc, "%s without .cfi_startproc in this "
                  "section", w);
        goto out;
    }
    if (!strcmp(w, ".cfi_endproc")) {
        want_args(st, w, a, 0);
        d->end = cfi_here(st);
        d->sec = NULL;
        goto out;
    }
    if (!strcmp(w, ".cfi_personality") || !strcmp(w, ".cfi_lsda")) {
        cfi_pointer(st, d, w, a);
        goto out;
    }
    cfi_insn(st, d, w, a);
out:
    g_ptr_array_free(a, true);
}

/* ---- .eh_frame ------------------------------------------------------- */

static void put_uleb(GByteArray *b, uint64_t v)
{
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        if (v) {
            byte |= 0x80;
        }
        g_byte_array_append(b, &byte, 1);
    } while (v);
}

static void put_sleb(GByteArray *b, int64_t v)
{
    bool more = true;

    while (more) {
        uint8_t byte = v & 0x7f;
        v >>= 7;    /* arithmetic shift: gcc and clang on every host */
        more = !((v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40)));
        if (more) {
            byte |= 0x80;
        }
        g_byte_array_append(b, &byte, 1);
    }
}

static void put_u8(GByteArray *b, unsigned v)
{
    uint8_t byte = (uint8_t)v;

    g_byte_array_append(b, &byte, 1);
}

static void put_le(GByteArray *b, uint64_t v, unsigned n)
{
    unsigned i;

    for (i = 0; i < n; i++) {
        put_u8(b, (unsigned)(v >> (8 * i)) & 0xff);
    }
}

static void set_le32(GByteArray *b, uint64_t at, uint32_t v)
{
    unsigned i;

    for (i = 0; i < 4; i++) {
        b->data[at + i] = (uint8_t)(v >> (8 * i));
    }
}

static void put_insn(AsmContext *ctx, GByteArray *b, const CfiInsn *i)
{
    int64_t off;

    switch (i->op) {
    case DW_CFA_advance_loc: {
        uint64_t delta;
        if (i->to->sec != i->from->sec) {
            asm_error(ctx, i->to->def, "call frame information spans two "
                      "sections (%s and %s)", i->from->sec->name,
                      i->to->sec->name);
            return;
        }
        delta = (uint64_t)(i->to->value - i->from->value);
        if (delta == 0) {
            /* nothing */
        } else if (delta < 0x40) {
            put_u8(b, DW_CFA_advance_loc | (unsigned)delta);
        } else if (delta <= 0xff) {
            put_u8(b, DW_CFA_advance_loc1);
            put_u8(b, (unsigned)delta);
        } else if (delta <= 0xffff) {
            put_u8(b, DW_CFA_advance_loc2);
            put_le(b, delta, 2);
        } else {
            put_u8(b, DW_CFA_advance_loc4);
            put_le(b, delta, 4);
        }
        break;
    }
    case DW_CFA_def_cfa:
        if (i->off < 0) {
            put_u8(b, DW_CFA_def_cfa_sf);
            put_uleb(b, i->reg);
            put_sleb(b, i->off / CFI_DATA_ALIGN);
        } else {
            put_u8(b, DW_CFA_def_cfa);
            put_uleb(b, i->reg);
            put_uleb(b, (uint64_t)i->off);
        }
        break;
    case DW_CFA_def_cfa_register:
    case DW_CFA_undefined:
    case DW_CFA_same_value:
        put_u8(b, (unsigned)i->op);
        put_uleb(b, i->reg);
        break;
    case DW_CFA_def_cfa_offset:
        if (i->off < 0) {
            put_u8(b, DW_CFA_def_cfa_offset_sf);
            put_sleb(b, i->off / CFI_DATA_ALIGN);
        } else {
            put_u8(b, DW_CFA_def_cfa_offset);
            put_uleb(b, (uint64_t)i->off);
        }
        break;
    case DW_CFA_restore:
        if (i->reg <= 0x3f) {
            put_u8(b, DW_CFA_restore | i->reg);
        } else {
            put_u8(b, DW_CFA_restore_extended);
            put_uleb(b, i->reg);
        }
        break;
    case DW_CFA_offset:
        off = i->off / CFI_DATA_ALIGN;
        if (off < 0) {
            put_u8(b, DW_CFA_offset_extended_sf);
            put_uleb(b, i->reg);
            put_sleb(b, off);
        } else if (i->reg <= 0x3f) {
            put_u8(b, DW_CFA_offset | i->reg);
            put_uleb(b, (uint64_t)off);
        } else {
            put_u8(b, DW_CFA_offset_extended);
            put_uleb(b, i->reg);
            put_uleb(b, (uint64_t)off);
        }
        break;
    case DW_CFA_val_offset:
        off = i->off / CFI_DATA_ALIGN;
        put_u8(b, off < 0 ? DW_CFA_val_offset_sf : DW_CFA_val_offset);
        put_uleb(b, i->reg);
        if (off < 0) {
            put_sleb(b, off);
        } else {
            put_uleb(b, (uint64_t)off);
        }
        break;
    case DW_CFA_register:
        put_u8(b, DW_CFA_register);
        put_uleb(b, i->reg);
        put_uleb(b, i->reg2);
        break;
    case DW_CFA_remember_state:
    case DW_CFA_restore_state:
    case DW_CFA_GNU_window_save:
        put_u8(b, (unsigned)i->op);
        break;
    case CFI_ESCAPE:
        g_byte_array_append(b, i->bytes->data, i->bytes->len);
        break;
    default:
        g_assert_not_reached();
    }
}

/* Where a CIE's initial instructions end: before the first advance,
 * remember_state or escape. */
static guint initial_insns(const CfiFde *d)
{
    guint n;

    for (n = 0; n < d->insns->len; n++) {
        int op = g_array_index(d->insns, CfiInsn, n).op;
        if (op == DW_CFA_advance_loc || op == DW_CFA_remember_state ||
            op == CFI_ESCAPE) {
            break;
        }
    }
    return n;
}

static bool same_insn(const CfiInsn *x, const CfiInsn *y)
{
    return x->op == y->op && x->reg == y->reg && x->reg2 == y->reg2 &&
           x->off == y->off;
}

/* Whether @c serves @d (in .eh_frame if @is_eh), as gas decides: same return column and `S',
 * and its initial instructions start @d's, which then continue (if at
 * all) with an advance, remember_state or escape. */
static bool cie_matches(const CfiCie *c, const CfiFde *d, bool is_eh)
{
    guint k;

    if (c->model->ret_col != d->ret_col ||
        c->model->signal_frame != d->signal_frame ||
        c->ninsns > d->insns->len) {
        return false;
    }
    /* .debug_frame has no personality or LSDA */
    if (is_eh && (c->model->per_enc != d->per_enc ||
                  c->model->lsda_enc != d->lsda_enc ||
                  (d->per_enc != CFI_OMIT &&
                   strcmp(c->model->per_text, d->per_text)))) {
        return false;
    }
    for (k = 0; k < c->ninsns; k++) {
        if (!same_insn(&g_array_index(c->model->insns, CfiInsn, k),
                       &g_array_index(d->insns, CfiInsn, k))) {
            return false;
        }
    }
    if (k < d->insns->len) {
        int op = g_array_index(d->insns, CfiInsn, k).op;
        return op == DW_CFA_advance_loc || op == DW_CFA_remember_state ||
               op == CFI_ESCAPE;
    }
    return true;
}

static void pad_to(GByteArray *b, unsigned align)
{
    while (b->len % align) {
        put_u8(b, DW_CFA_nop);
    }
}

static ExprNode *expr_clone(const ExprNode *n)
{
    ExprNode *c;

    if (!n) {
        return NULL;
    }
    c = g_new0(ExprNode, 1);
    *c = *n;
    c->a = expr_clone(n->a);
    c->b = expr_clone(n->b);
    return c;
}

/* A pointer in encoding @enc to @e, here in @eh: a fixup (`e - .' when
 * pc-relative), resolved by the link or made a relocation. */
static void put_pointer(AsmSection *eh, unsigned enc, const ExprNode *e,
                        AsmLoc loc)
{
    AsmFixup *fx = g_new0(AsmFixup, 1);
    ExprNode *n = expr_clone(e);

    fx->base = eh->data->len;
    fx->data_size = encoding_size(enc);
    if ((enc & 0x70) == CFI_PCREL) {
        ExprNode *sub = g_new0(ExprNode, 1);
        sub->op = EXPR_SUB;
        sub->a = n;
        sub->b = g_new0(ExprNode, 1);
        sub->b->op = EXPR_SECOFF;
        sub->b->sec = eh;
        sub->b->num = (int64_t)fx->base;
        n = sub;
    }
    fx->expr = n;
    fx->loc = loc;
    g_ptr_array_add(eh->fixups, fx);
    put_le(eh->data, 0, fx->data_size);
}

static void put_cie(AsmContext *ctx, AsmSection *eh, CfiCie *c, bool is_eh)
{
    GByteArray *b = eh->data;
    const CfiFde *m = c->model;
    uint64_t start = b->len;
    guint k;

    c->offset = start;
    put_le(b, 0, 4);            /* length, set below */
    put_le(b, is_eh ? 0 : 0xffffffffu, 4);      /* CIE id */
    put_u8(b, 1);               /* version */
    if (is_eh) {
        put_u8(b, 'z');
        if (m->per_enc != CFI_OMIT) {
            put_u8(b, 'P');
        }
        if (m->lsda_enc != CFI_OMIT) {
            put_u8(b, 'L');
        }
        put_u8(b, 'R');
    }
    if (c->model->signal_frame) {
        put_u8(b, 'S');
    }
    put_u8(b, 0);
    put_uleb(b, 1);             /* code alignment */
    put_sleb(b, CFI_DATA_ALIGN);
    put_u8(b, c->model->ret_col & 0xff);
    if (is_eh) {
        /* augmentation data: personality, LSDA and FDE encodings */
        put_uleb(b, 1 + (m->lsda_enc != CFI_OMIT) +
                 (m->per_enc != CFI_OMIT ? 1 + encoding_size(m->per_enc)
                                         : 0));
        if (m->per_enc != CFI_OMIT) {
            put_u8(b, m->per_enc);
            put_pointer(eh, m->per_enc, m->per, m->loc);
        }
        if (m->lsda_enc != CFI_OMIT) {
            put_u8(b, m->lsda_enc);
        }
        put_u8(b, CFI_FDE_ENCODING);
    }
    for (k = 0; k < c->ninsns; k++) {
        put_insn(ctx, b, &g_array_index(c->model->insns, CfiInsn, k));
    }
    pad_to(b, is_eh ? 4 : 8);
    set_le32(b, start, (uint32_t)(b->len - start - 4));
}

/* The FDE of @d after CIE @c; returns the offset of its address field. */
static uint64_t put_fde(AsmContext *ctx, AsmSection *eh, const CfiCie *c,
                        const CfiFde *d, unsigned align, bool is_eh)
{
    GByteArray *b = eh->data;
    uint64_t start = b->len, at;
    guint k;

    put_le(b, 0, 4);                            /* length, set below */
    if (!is_eh) {
        /* .debug_frame: the CIE's offset in the section (relocated), the
           address (relocated) and the length, 8 bytes each */
        AsmFixup *fx = g_new0(AsmFixup, 1);
        fx->base = b->len;
        fx->data_size = 4;
        fx->expr = g_new0(ExprNode, 1);
        fx->expr->op = EXPR_SECOFF;
        fx->expr->sec = eh;
        fx->expr->num = (int64_t)c->offset;
        fx->loc = d->loc;
        g_ptr_array_add(eh->fixups, fx);
        put_le(b, 0, 4);
        at = b->len;
        put_le(b, 0, 8);
        put_le(b, (uint64_t)(d->end->value - d->start->value), 8);
    } else {
        put_le(b, b->len - c->offset, 4);       /* back to the CIE */
        at = b->len;
        put_le(b, 0, 4);                        /* address: relocated */
        put_le(b, (uint64_t)(d->end->value - d->start->value), 4);
    }
    if (!is_eh) {
        /* no augmentation */
    } else if (d->lsda_enc != CFI_OMIT) {
        put_uleb(b, encoding_size(d->lsda_enc));
        put_pointer(eh, d->lsda_enc, d->lsda, d->loc);
    } else {
        put_uleb(b, 0);                         /* no augmentation data */
    }
    for (k = c->ninsns; k < d->insns->len; k++) {
        put_insn(ctx, b, &g_array_index(d->insns, CfiInsn, k));
    }
    pad_to(b, align);
    set_le32(b, start, (uint32_t)(b->len - start - 4));
    return at;
}

static void cfi_write(AsmFile *f);

/* The FDE address: `start - .' as a 4-byte datum (an R_E2K_32_PC in an
 * object, resolved by the link). */
static void add_address_fixup(AsmSection *eh, uint64_t at, AsmSymbol *start,
                              AsmLoc loc, bool is_eh)
{
    AsmFixup *fx = g_new0(AsmFixup, 1);
    ExprNode *sub = g_new0(ExprNode, 1);

    sub->op = EXPR_SUB;
    sub->a = g_new0(ExprNode, 1);
    sub->a->op = EXPR_SYM;
    sub->a->sym = start;
    sub->b = g_new0(ExprNode, 1);
    sub->b->op = EXPR_SECOFF;
    sub->b->sec = eh;
    sub->b->num = (int64_t)at;
    if (!is_eh) {
        /* .debug_frame: the absolute address */
        ExprNode *a = sub->a;
        expr_free(sub->b);
        g_free(sub);
        sub = a;
    }
    fx->base = at;
    fx->data_size = is_eh ? 4 : 8;
    fx->expr = sub;
    fx->loc = loc;
    g_ptr_array_add(eh->fixups, fx);
}

static void cfi_free(AsmFile *f)
{
    AsmCfi *c = f->cfi;
    guint i, k;

    for (i = 0; i < c->fdes->len; i++) {
        CfiFde *d = c->fdes->pdata[i];
        for (k = 0; k < d->insns->len; k++) {
            CfiInsn *n = &g_array_index(d->insns, CfiInsn, k);
            if (n->bytes) {
                g_byte_array_free(n->bytes, true);
            }
        }
        g_array_free(d->insns, true);
        g_array_free(d->saved_offsets, true);
        expr_free(d->per);
        expr_free(d->lsda);
        g_free(d->per_text);
        g_free(d);
    }
    g_ptr_array_free(c->fdes, true);
    g_free(c);
    f->cfi = NULL;
}

void asm_cfi_finish(AsmFile *f)
{
    if (f->cfi) {
        cfi_write(f);
        cfi_free(f);
    }
}

/* One of the two sections: .eh_frame (@is_eh) or .debug_frame, for the
 * FDEs that asked for it. */
static void write_frames(AsmFile *f, bool is_eh)
{
    AsmCfi *c = f->cfi;
    const char *name = is_eh ? ".eh_frame" : ".debug_frame";
    unsigned want = is_eh ? CFI_EH_FRAME : CFI_DEBUG_FRAME;
    GArray *cies;
    AsmSection *eh;
    AsmLoc where = { f->path, 0 };
    bool fresh;
    guint i, k;

    for (i = 0; i < c->fdes->len; i++) {
        CfiFde *d = c->fdes->pdata[i];
        if ((d->sections & want) && d->end->sec == d->start->sec) {
            break;
        }
    }
    if (i == c->fdes->len) {
        return;
    }
    /* appended to what the source put into the section itself, as gas
       does; offsets and padding are the section's */
    fresh = !asm_section_find(f, name);
    eh = asm_section_get(f, name, is_eh ? ASM_SHF_ALLOC : 0,
                         ASM_SHT_PROGBITS, true, where);
    if (fresh || eh->align < 8) {
        eh->align = 8;
    }
    cies = g_array_new(false, true, sizeof(CfiCie));
    for (i = 0; i < c->fdes->len; i++) {
        CfiFde *d = c->fdes->pdata[i];
        CfiCie *cie = NULL;
        uint64_t at;

        if (!(d->sections & want) || d->end->sec != d->start->sec) {
            continue;
        }
        /* gas looks at the newest CIE first */
        for (k = cies->len; k-- > 0;) {
            if (cie_matches(&g_array_index(cies, CfiCie, k), d, is_eh)) {
                cie = &g_array_index(cies, CfiCie, k);
                break;
            }
        }
        if (!cie) {
            CfiCie n = { d, initial_insns(d), 0 };
            g_array_append_val(cies, n);
            cie = &g_array_index(cies, CfiCie, cies->len - 1);
            put_cie(f->ctx, eh, cie, is_eh);
        }
        at = put_fde(f->ctx, eh, cie, d,
                     !is_eh || i + 1 == c->fdes->len ? 8 : 4, is_eh);
        add_address_fixup(eh, at, d->start, d->loc, is_eh);
    }
    g_array_free(cies, true);
}

static void cfi_write(AsmFile *f)
{
    AsmCfi *c = f->cfi;
    guint i;

    for (i = 0; i < c->fdes->len; i++) {
        CfiFde *d = c->fdes->pdata[i];
        if (!d->end) {
            asm_error(f->ctx, d->loc, ".cfi_startproc is never closed with "
                      ".cfi_endproc");
            d->end = d->start;
        }
        if (d->end->sec != d->start->sec) {
            asm_error(f->ctx, d->end->def, ".cfi_endproc in section %s, "
                      ".cfi_startproc in %s", d->end->sec->name,
                      d->start->sec->name);
        }
    }
    write_frames(f, true);
    write_frames(f, false);
}
