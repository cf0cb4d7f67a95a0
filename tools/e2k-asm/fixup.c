/*
 * e2k-asm after the assembly pass: the global symbol namespace across
 * input files and the application of fixups, either with final addresses
 * (linking) or, for -c, as far as an object file allows, the rest being
 * turned into relocations (the R_E2K_* numbers of the reference ABI).
 */
#include "tools/e2k-asm/assemble.h"
#include "tools/e2k-asm/elf-out.h"
#include "target/e2k/asm-encode.h"
#include <string.h>

void asm_resolve_globals(AsmContext *ctx)
{
    guint i, j;

    for (i = 0; i < ctx->files->len; i++) {
        AsmFile *f = ctx->files->pdata[i];
        for (j = 0; j < f->symbol_order->len; j++) {
            AsmSymbol *s = f->symbol_order->pdata[j];
            AsmSymbol *old;
            if (!s->global || s->kind == SYM_UNDEF) {
                continue;
            }
            old = g_hash_table_lookup(ctx->globals, s->name);
            if (!old || (old->weak && !s->weak)) {
                g_hash_table_insert(ctx->globals, s->name, s);
            } else if (!s->weak && !old->weak) {
                asm_error(ctx, s->def, "multiple definition of `%s'",
                          s->name);
                asm_error(ctx, old->def, "(first definition of `%s')",
                          s->name);
            }
        }
    }
}

/* The wide instruction of @sec that contains byte @target, searched from
 * the start of the encoder output at @base. */
static uint64_t containing_bundle(AsmSection *sec, uint64_t base,
                                  uint64_t target)
{
    uint64_t pos = base;

    while (pos < sec->data->len) {
        uint64_t len = 8 * (((sec->data->data[pos] >> 4) & 7) + 1);
        if (target < pos + len) {
            break;
        }
        pos += len;
    }
    return pos;
}

static void patch_data(AsmContext *ctx, AsmSection *sec, AsmFixup *fx,
                       int64_t v)
{
    unsigned i, size = fx->data_size;

    if (size < 8) {
        int64_t lo = -((int64_t)1 << (size * 8 - 1));
        int64_t hi = ((int64_t)1 << (size * 8)) - 1;
        if (v < lo || v > hi) {
            asm_error(ctx, fx->loc, "value 0x%" PRIx64 " does not fit in "
                      "%u bytes", (uint64_t)v, size);
            return;
        }
    }
    for (i = 0; i < size; i++) {
        sec->data->data[fx->base + i] = (uint8_t)((uint64_t)v >> (8 * i));
    }
}

static void patch_code(AsmContext *ctx, AsmSection *sec, AsmFixup *fx,
                       int64_t v, uint64_t pc_base)
{
    uint64_t target = fx->base + fx->offset;
    uint64_t pos = containing_bundle(sec, fx->base, target);
    Error *err = NULL;

    if (!e2k_asm_apply_fixup(sec->data->data + pos, target - pos, fx->kind,
                             v, pc_base + pos, &err)) {
        asm_error_err(ctx, fx->loc, err);
    }
}

static void add_reloc(AsmSection *sec, uint64_t offset, unsigned type,
                      const AsmValue *v)
{
    AsmReloc r = { 0 };

    r.offset = offset;
    r.type = type;
    r.sym = v->sym;
    r.sec = v->sec;
    r.addend = v->off;
    if (r.sym) {
        r.sym->used = true;
    }
    g_array_append_val(sec->relocs, r);
}

/* The global (or weak) label an address expression is based on: @n is
 * the label, or label + or - constants (the label not subtracted).  gas
 * keeps relocations against such a symbol (it may be preempted or
 * overridden at link time) instead of turning them into section-relative
 * ones, and does not resolve displacements to it. */
static AsmSymbol *global_base(ExprNode *n)
{
    AsmSymbol *a, *b;

    switch (n->op) {
    case EXPR_SYM:
        a = asm_symbol_resolve(n->sym);
        return a->global && a->kind == SYM_LABEL ? a : NULL;
    case EXPR_ADD:
        a = global_base(n->a);
        b = global_base(n->b);
        return a && !b ? a : b && !a ? b : NULL;
    case EXPR_SUB:
        return global_base(n->a);
    case EXPR_RELOP:
        /* sym@GOTOFF etc.: gas keeps a global symbol there too */
        return global_base(n->a);
    default:
        return NULL;
    }
}

/* The label (of any binding) a `sym@OP [+- constant]' is based on. */
static AsmSymbol *label_base(ExprNode *n)
{
    while (n->op == EXPR_RELOP || n->op == EXPR_ADD || n->op == EXPR_SUB) {
        n = n->a;
    }
    if (n->op == EXPR_SYM) {
        AsmSymbol *s = asm_symbol_resolve(n->sym);
        return s->kind == SYM_LABEL ? s : NULL;
    }
    return NULL;
}

/* The relocation for a gas relocation operator (sym@GOT, ...) in a datum
 * of @size bytes or a literal of fixup @kind, as MCST gas chooses it, and
 * whether gas also writes the addend in place; -1 if gas has none. */
static int relop_reloc(int relop, unsigned size, int kind, bool *in_place)
{
    *in_place = false;
    if (size == 4) {
        switch (relop) {
        case ASM_RELOP_GOT: return R_E2K_GOT;
        case ASM_RELOP_GOTOFF: *in_place = true; return R_E2K_GOTOFF;
        case ASM_RELOP_TLS_DTPREL: return R_E2K_TLS_32_DTPREL;
        case ASM_RELOP_SIZE: return R_E2K_32_SIZE;
        case ASM_RELOP_DYNOPT: return R_E2K_32_DYNOPT;
        }
    } else if (size == 8) {
        switch (relop) {
        case ASM_RELOP_GOTOFF: return R_E2K_64_GOTOFF;
        case ASM_RELOP_TLS_DTPREL: return R_E2K_TLS_64_DTPREL;
        case ASM_RELOP_SIZE: return R_E2K_64_SIZE;
        case ASM_RELOP_DYNOPT: return R_E2K_64_DYNOPT;
        }
    } else if (size == 0 && kind == E2K_FIX_LIT32) {
        switch (relop) {
        case ASM_RELOP_GOT: return R_E2K_GOT;
        case ASM_RELOP_GOTPLT: return R_E2K_GOTPLT;
        case ASM_RELOP_TLS_IE: return R_E2K_TLS_IE;
        case ASM_RELOP_TLS_GDMOD: return R_E2K_TLS_GDMOD;
        case ASM_RELOP_TLS_GDREL: return R_E2K_TLS_GDREL;
        case ASM_RELOP_SIZE: return R_E2K_32_SIZE;
        case ASM_RELOP_ISLOCAL32: return R_E2K_ISLOCAL32;
        }
    } else if (size == 0 && kind == E2K_FIX_LIT64) {
        switch (relop) {
        case ASM_RELOP_GOTOFF: *in_place = true; return R_E2K_64_GOTOFF_LIT;
        case ASM_RELOP_TLS_LE: return R_E2K_64_TLS_LE;
        case ASM_RELOP_GOTPC: return R_E2K_64_PC_LIT;
        }
    }
    return -1;
}

/*
 * A datum `X - .' with X in another section or undefined (the FDE
 * addresses of .eh_frame, or written by hand).  gas writes it as a
 * relocation against X with contents zero: R_E2K_32_PC for 4 bytes,
 * R_E2K_64_PC_LIT for 8 (e2k has no other 64-bit pc-relative type).
 * ld.bfd resolves R_E2K_64_PC_LIT as it resolves a 64-bit literal, with
 * its two 32-bit halves swapped, in data too; a static link here does
 * the same (see fixup_final), so `e2k-asm -o' equals `as' then `ld'.
 * True if @fx is of this form; then @v is X and @g its global symbol.
 */
static bool pcrel_datum_target(AsmSection *sec, AsmFixup *fx, AsmValue *v)
{
    ExprNode *n = fx->expr;
    Error *err = NULL;

    if (!fx->data_size || n->op != EXPR_SUB || n->b->op != EXPR_SECOFF ||
        n->b->sec != sec || n->b->num != (int64_t)fx->base) {
        return false;
    }
    if (!expr_eval(n->a, EXPR_NOW, v, &err)) {
        error_free(err);
        return false;
    }
    return !asm_value_is_abs(v) && v->sec != sec && !v->relop;
}

/* The relocation of a pc-relative datum (pcrel_datum_target); false if
 * @fx is not one (or X is known here: then the value is a constant). */
static bool fixup_pcrel_datum(AsmContext *ctx, AsmSection *sec, AsmFixup *fx)
{
    AsmSymbol *g;
    AsmValue v;

    if (!pcrel_datum_target(sec, fx, &v)) {
        return false;
    }
    if (fx->data_size != 4 && fx->data_size != 8) {
        asm_error(ctx, fx->loc, "a pc-relative datum in another section "
                  "must be 4 bytes (R_E2K_32_PC) or 8 (R_E2K_64_PC_LIT)");
        return true;
    }
    g = v.sec ? global_base(fx->expr->a) : NULL;
    if (g && g->sec == v.sec) {
        v.sym = g;
        v.sec = NULL;
        v.off -= g->value;
    }
    add_reloc(sec, fx->base, fx->data_size == 8 ? R_E2K_64_PC_LIT
              : R_E2K_32_PC, &v);
    return true;
}

static void fixup_relocatable(AsmContext *ctx, AsmSection *sec, AsmFixup *fx)
{
    AsmValue v;
    Error *err = NULL;
    bool pcrel = false;
    int64_t in_place;
    int type;

    if (fx->data_size && fixup_pcrel_datum(ctx, sec, fx)) {
        return;
    }
    if (!expr_eval(fx->expr, EXPR_NOW, &v, &err)) {
        asm_error_err(ctx, fx->loc, err);
        return;
    }
    in_place = v.off;
    if (v.sec && !v.sym) {
        AsmSymbol *g = global_base(fx->expr);
        if (g && g->sec == v.sec) {
            v.sym = g;
            v.sec = NULL;
            v.off -= g->value;
        }
    }
    if (v.sec && !v.sym && (v.sec->flags & ASM_SHF_TLS)) {
        /* gas keeps a relocation against a label of a thread-local
           section (even a .L one) instead of making it section-relative */
        AsmSymbol *l = label_base(fx->expr);
        if (l && l->sec == v.sec) {
            v.sym = l;
            v.sec = NULL;
            v.off -= l->value;
            l->in_reloc = true;
        }
    }
    if (v.relop == ASM_RELOP_TLS_IE || v.relop == ASM_RELOP_TLS_GDMOD ||
        v.relop == ASM_RELOP_TLS_GDREL || v.relop == ASM_RELOP_TLS_LE) {
        /* as gas: the target becomes thread-local (STT_TLS), which a
           function or a label of another section cannot be */
        AsmSymbol *t = v.sym ? asm_symbol_resolve(v.sym)
                             : label_base(fx->expr);
        const char *op = asm_relop_name(v.relop);

        if (t && t->type == ASM_STT_FUNC) {
            asm_error(ctx, fx->loc, "@%s of function `%s': a function is "
                      "not a thread-local object", op, t->name);
            return;
        }
        if (t && t->kind == SYM_LABEL && !(t->sec->flags & ASM_SHF_TLS)) {
            asm_error(ctx, fx->loc, "@%s of `%s', which is in %s: only a "
                      "symbol of a thread-local section (flag T) or an "
                      "undefined one can be", op, t->name, t->sec->name);
            return;
        }
        if (!t && v.sec && !(v.sec->flags & ASM_SHF_TLS)) {
            asm_error(ctx, fx->loc, "@%s of an address in %s: only a "
                      "symbol of a thread-local section (flag T) or an "
                      "undefined one can be", op, v.sec->name);
            return;
        }
        if (v.sym) {
            asm_symbol_resolve(v.sym)->tls = true;
        }
    }
    if (v.relop == ASM_RELOP_SIZE && v.sec && !v.sym) {
        /* gas never turns a @SIZE reference into one against the
           section (the symbol's size would be lost): local labels too */
        AsmSymbol *l = label_base(fx->expr);
        if (l && l->sec == v.sec && !l->hidden) {
            v.sym = l;
            v.sec = NULL;
            v.off -= l->value;
        }
    }
    if (v.relop) {
        bool write;
        type = relop_reloc(v.relop, fx->data_size, fx->kind, &write);
        if (type < 0) {
            asm_error(ctx, fx->loc, "%s%s cannot be used in %s",
                      v.relop == ASM_RELOP_GOTPC ? "" : "@",
                      asm_relop_name(v.relop),
                      fx->data_size ? "data of this size" :
                      fx->kind == E2K_FIX_DISP ? "a control transfer" :
                      "this literal");
            return;
        }
        if (write) {
            if (fx->data_size) {
                patch_data(ctx, sec, fx, in_place);
            } else {
                patch_code(ctx, sec, fx, in_place, 0);
            }
        }
        if (type == R_E2K_64_PC_LIT) {
            /* relative to the literal, gas's addend counts from the wide
               instruction */
            uint64_t target = fx->base + fx->offset;
            v.off += target - containing_bundle(sec, fx->base, target);
        }
        add_reloc(sec, fx->base + fx->offset, type, &v);
        return;
    }
    if (fx->data_size) {
        if (asm_value_is_abs(&v)) {
            patch_data(ctx, sec, fx, v.off);
        } else if (fx->data_size == 8 || fx->data_size == 4) {
            add_reloc(sec, fx->base, fx->data_size == 8 ? R_E2K_64_ABS
                      : R_E2K_32_ABS, &v);
        } else {
            asm_error(ctx, fx->loc, "a %u-byte datum cannot hold an "
                      "address", fx->data_size);
        }
        return;
    }
    type = asm_fixup_reloc_type(fx->kind, &pcrel);
    if (asm_value_is_abs(&v) && !pcrel) {
        patch_code(ctx, sec, fx, v.off, 0);
        return;
    }
    if (pcrel && v.sec == sec) {
        /* same section: the distance is known without the final address */
        patch_code(ctx, sec, fx, v.off, 0);
        return;
    }
    if (type < 0) {
        asm_error(ctx, fx->loc, "this reference needs a relocation the "
                  "object format cannot express; link the sources directly "
                  "(without -c)");
        return;
    }
    if (pcrel) {
        /* a displacement counts from its wide instruction, the
           relocation from the syllable it patches: gas puts the
           difference into the addend */
        uint64_t target = fx->base + fx->offset;
        v.off += target - containing_bundle(sec, fx->base, target);
    } else {
        /* as gas does, the value relative to the section of the symbol
           (the addend, for an undefined one) is also written into the
           literal */
        patch_code(ctx, sec, fx, in_place, 0);
    }
    add_reloc(sec, fx->base + fx->offset, type, &v);
}

bool asm_fixup_eval_final(AsmSection *sec, AsmFixup *fx, AsmValue *v,
                          Error **errp)
{
    if (!expr_eval(fx->expr, EXPR_FINAL, v, errp)) {
        return false;
    }
    if (v->relop == ASM_RELOP_GOTPC) {
        /* the GOT relative to the wide instruction, as ld.bfd makes
           gas's R_E2K_64_PC_LIT of it */
        uint64_t target = fx->base + fx->offset;
        v->off -= (int64_t)(sec->addr +
                            containing_bundle(sec, fx->base, target));
    }
    return true;
}

static void fixup_final(AsmContext *ctx, AsmSection *sec, AsmFixup *fx)
{
    AsmValue v;
    Error *err = NULL;

    if (fx->load_time) {
        return;
    }
    if (!asm_fixup_eval_final(sec, fx, &v, &err)) {
        asm_error_err(ctx, fx->loc, err);
        return;
    }
    if (fx->data_size == 8 && !fx->swap_halves) {
        AsmValue x;
        fx->swap_halves = pcrel_datum_target(sec, fx, &x);
    }
    if (fx->swap_halves) {
        v.off = (int64_t)(((uint64_t)v.off >> 32) | ((uint64_t)v.off << 32));
    }
    if (fx->data_size) {
        patch_data(ctx, sec, fx, v.off);
    } else {
        patch_code(ctx, sec, fx, v.off, sec->addr);
    }
}

void asm_apply_fixups(AsmContext *ctx, bool relocatable)
{
    guint i, j, k;

    for (i = 0; i < ctx->files->len; i++) {
        AsmFile *f = ctx->files->pdata[i];
        for (j = 0; j < f->sections->len; j++) {
            AsmSection *sec = f->sections->pdata[j];
            for (k = 0; k < sec->fixups->len; k++) {
                AsmFixup *fx = sec->fixups->pdata[k];
                if (relocatable) {
                    fixup_relocatable(ctx, sec, fx);
                } else {
                    fixup_final(ctx, sec, fx);
                }
            }
        }
    }
}
