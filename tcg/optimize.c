/*
 * The IR optimizer: one forward pass per TB doing constant folding (of
 * two-output ops too, which then become two moves) and propagation, copy propagation, algebraic simplification (x + 0, x & -1,
 * x * 1, shifts by 0, x - x, ...), operand canonicalization (constants
 * second, so the backends can use immediates) and branch folding on
 * known conditions, including removal of code after an unconditional
 * branch up to the next label.  Dead ops are removed afterwards by
 * liveness.c.  Folding uses tcg-eval.h, the interpreter's semantics.
 *
 * What is known about a temp (a constant value, or being a copy of
 * another temp) lives in its TCGTemp.opt_* fields and is valid only in
 * the current epoch; a label starts a new epoch (paths merge there).
 * Copies are validated with per-temp write versions, so overwriting a
 * temp silently invalidates every copy of it.  Globals are forgotten at
 * helper calls that may write them.  Front ends must not access a
 * global's env field with ld/st ops in the same TB (as in QEMU).
 *
 * Host-memory forwarding: within a stretch without labels or helper
 * calls, a full-width ld from (base, offset) that an st or ld of the
 * same width and type already accessed becomes a move from the temp that
 * was stored or loaded.  Stores are kept (env stays exact for faults and
 * helpers); a store forgets every overlapping entry of its base and the
 * entries of other bases it may alias: two pointers other than env may
 * alias anywhere, env and another pointer only in the range the front end
 * declared (tcg_set_env_alias_range).  Guest memory (qemu_ld/st) never
 * aliases host state, so it does not interfere.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg-internal.h"
#include "tcg-eval.h"

#define OPT_CONST    1
#define OPT_SETCOND  2      /* value is setcond/negsetcond of opt_sc_* */

static int32_t opt_epoch;

static bool info_valid(const TCGTemp *ts)
{
    return ts->opt_epoch == opt_epoch;
}

static bool ts_const(const TCGTemp *ts, uint64_t *val)
{
    if (ts->kind == TEMP_CONST) {
        *val = ts->val;
        return true;
    }
    if (info_valid(ts) && (ts->opt_flags & OPT_CONST)) {
        *val = ts->opt_val;
        return true;
    }
    return false;
}

static TCGTemp *ts_canon(TCGContext *s, TCGTemp *ts)
{
    if (info_valid(ts) && ts->opt_copy >= 0) {
        TCGTemp *src = &s->temps[ts->opt_copy];
        if (src->opt_ver == ts->opt_copy_ver) {
            return src;
        }
    }
    return ts;
}

static void ts_set_unknown(TCGTemp *ts)
{
    ts->opt_ver++;
    ts->opt_epoch = opt_epoch;
    ts->opt_flags = 0;
    ts->opt_copy = -1;
}

static void ts_set_const(TCGTemp *ts, uint64_t v)
{
    ts_set_unknown(ts);
    ts->opt_flags = OPT_CONST;
    ts->opt_val = v;
}

static void ts_set_copy(TCGContext *s, TCGTemp *dst, TCGTemp *src)
{
    uint64_t v;

    if (ts_const(src, &v)) {
        ts_set_const(dst, v);
        return;
    }
    src = ts_canon(s, src);
    ts_set_unknown(dst);
    if (src != dst && src->kind != TEMP_FIXED) {
        if (!info_valid(src)) {
            /* give src a version in this epoch */
            ts_set_unknown(src);
        }
        dst->opt_copy = src->index;
        dst->opt_copy_ver = src->opt_ver;
    }
}

/* Remember that @dst = (neg)setcond(cond, a, b) of type @t. */
static void ts_set_setcond(TCGTemp *dst, TCGType t, TCGCond cond,
                           TCGTemp *a, TCGTemp *b)
{
    TCGTemp *in[2] = { a, b };

    ts_set_unknown(dst);
    for (int k = 0; k < 2; k++) {
        if (in[k] == dst) {
            return;             /* the comparison's input is gone */
        }
        if (!info_valid(in[k]) && in[k]->kind != TEMP_CONST) {
            ts_set_unknown(in[k]);
        }
        dst->opt_sc_arg[k] = in[k]->index;
        dst->opt_sc_ver[k] = in[k]->opt_ver;
    }
    dst->opt_flags = OPT_SETCOND;
    dst->opt_sc_cond = cond;
    dst->opt_sc_type = t;
}

/*
 * If @ts holds a comparison result whose inputs are unchanged, return
 * the comparison: cond(args[0], args[1]) <=> ts != 0.
 */
static bool ts_setcond(TCGContext *s, TCGTemp *ts, TCGCond *cond,
                       TCGTemp **args, TCGType *type)
{
    if (!info_valid(ts) || !(ts->opt_flags & OPT_SETCOND)) {
        return false;
    }
    for (int k = 0; k < 2; k++) {
        TCGTemp *in = &s->temps[ts->opt_sc_arg[k]];
        if (in->opt_ver != ts->opt_sc_ver[k]) {
            return false;
        }
        args[k] = in;
    }
    *cond = (TCGCond)ts->opt_sc_cond;
    *type = (TCGType)ts->opt_sc_type;
    return true;
}

static void forget_globals(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        if (s->temps[i].kind == TEMP_GLOBAL) {
            ts_set_unknown(&s->temps[i]);
        }
    }
}

static void op_to_mov(TCGOp *op, TCGTemp *dst, TCGTemp *src)
{
    op->opc = INDEX_op_mov;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->args[0] = temp_arg(dst);
    op->args[1] = temp_arg(src);
}

/* What a host memory location (base + off, width bytes) is known to
   hold: the value of temp val_idx at version val_ver. */
typedef struct MemFact {
    int base_idx, base_ver;
    intptr_t off;
    int width;
    TCGType type;
    int val_idx, val_ver;
} MemFact;

#define MEM_FACTS 32

static MemFact mem_facts[MEM_FACTS];
static int nb_mem_facts;

static int ts_version(TCGTemp *ts)
{
    if (ts->kind == TEMP_FIXED || ts->kind == TEMP_CONST) {
        return 0;                       /* never changes */
    }
    if (!info_valid(ts)) {
        ts_set_unknown(ts);             /* a version in this epoch */
    }
    return ts->opt_ver;
}

static bool mem_fact_live(TCGContext *s, const MemFact *f)
{
    TCGTemp *b = &s->temps[f->base_idx], *v = &s->temps[f->val_idx];

    return ts_version(b) == f->base_ver && ts_version(v) == f->val_ver;
}

static bool in_env_alias_range(intptr_t off, int width)
{
    return off < tcg_env_alias_hi && tcg_env_alias_lo < off + width;
}

/* May a store of @width bytes at base + off change what @f records? */
static bool mem_fact_clobbered(TCGContext *s, const MemFact *f,
                               TCGTemp *base, intptr_t off, int width)
{
    TCGTemp *fb = &s->temps[f->base_idx];

    if (f->base_idx == base->index && f->base_ver == ts_version(base)) {
        return f->off < off + width && off < f->off + f->width;
    }
    if (fb->kind == TEMP_FIXED && base->kind != TEMP_FIXED) {
        return in_env_alias_range(f->off, f->width);
    }
    if (base->kind == TEMP_FIXED && fb->kind != TEMP_FIXED) {
        return in_env_alias_range(off, width);
    }
    return true;
}

/* A store of @width bytes at base + off: forget what it may overwrite. */
static void mem_facts_store(TCGContext *s, TCGTemp *base, intptr_t off,
                            int width)
{
    int i, n = 0;

    for (i = 0; i < nb_mem_facts; i++) {
        if (!mem_fact_clobbered(s, &mem_facts[i], base, off, width)) {
            mem_facts[n++] = mem_facts[i];
        }
    }
    nb_mem_facts = n;
}

static void mem_facts_add(TCGContext *s, TCGTemp *base, intptr_t off,
                          int width, TCGType type, TCGTemp *val)
{
    MemFact *f;

    if (nb_mem_facts == MEM_FACTS) {
        memmove(&mem_facts[0], &mem_facts[1],
                (MEM_FACTS - 1) * sizeof(MemFact));
        nb_mem_facts--;
    }
    f = &mem_facts[nb_mem_facts++];
    f->base_idx = base->index;
    f->base_ver = ts_version(base);
    f->off = off;
    f->width = width;
    f->type = type;
    f->val_idx = val->index;
    f->val_ver = ts_version(val);
}

static TCGTemp *mem_facts_find(TCGContext *s, TCGTemp *base, intptr_t off,
                               int width, TCGType type)
{
    int i;

    for (i = nb_mem_facts - 1; i >= 0; i--) {
        MemFact *f = &mem_facts[i];

        if (f->base_idx == base->index && f->off == off &&
            f->width == width && f->type == type && mem_fact_live(s, f)) {
            return &s->temps[f->val_idx];
        }
    }
    return NULL;
}

static int st_width(TCGOpcode opc, TCGType type)
{
    switch (opc) {
    case INDEX_op_st8:
        return 1;
    case INDEX_op_st16:
        return 2;
    case INDEX_op_st32:
        return 4;
    default:
        return type == TCG_TYPE_I32 ? 4 : 8;
    }
}

static void op_to_movi(TCGContext *s, TCGOp *op, TCGTemp *dst, uint64_t v)
{
    op_to_mov(op, dst, tcg_constant_internal(dst->type, v));
}

static bool is_commutative(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_add: case INDEX_op_mul: case INDEX_op_and:
    case INDEX_op_or: case INDEX_op_xor: case INDEX_op_eqv:
    case INDEX_op_nand: case INDEX_op_nor:
        return true;
    default:
        return false;
    }
}

static bool is_const_temp(const TCGTemp *ts)
{
    return ts->kind == TEMP_CONST;
}

/* Algebraic simplification of a binary op with operands a, b.
 * Returns true if the op was rewritten. */
static bool simplify_binary(TCGContext *s, TCGOp *op)
{
    TCGTemp *dst = arg_temp(op->args[0]);
    TCGTemp *a = arg_temp(op->args[1]);
    TCGTemp *b = arg_temp(op->args[2]);
    TCGType t = op->type;
    uint64_t ones = t == TCG_TYPE_I32 ? 0xffffffffu : ~0ull;
    unsigned w = t == TCG_TYPE_I32 ? 32 : 64;
    uint64_t bv;
    bool bc = ts_const(b, &bv);

    if (bc) {
        bv = tcg_norm(t, bv);
        switch (op->opc) {
        case INDEX_op_add: case INDEX_op_sub: case INDEX_op_or:
        case INDEX_op_xor:
            if (bv == 0) {
                op_to_mov(op, dst, a);
                return true;
            }
            break;
        case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
        case INDEX_op_rotl: case INDEX_op_rotr:
            if ((bv & (w - 1)) == 0) {
                op_to_mov(op, dst, a);
                return true;
            }
            break;
        case INDEX_op_mul:
            if (bv == 1) {
                op_to_mov(op, dst, a);
                return true;
            }
            if (bv == 0) {
                op_to_movi(s, op, dst, 0);
                return true;
            }
            break;
        case INDEX_op_and:
            if (bv == ones) {
                op_to_mov(op, dst, a);
                return true;
            }
            if (bv == 0) {
                op_to_movi(s, op, dst, 0);
                return true;
            }
            break;
        case INDEX_op_andc:
            if (bv == 0) {
                op_to_mov(op, dst, a);
                return true;
            }
            break;
        case INDEX_op_orc:
            if (bv == ones) {
                op_to_mov(op, dst, a);
                return true;
            }
            break;
        default:
            break;
        }
        if (op->opc == INDEX_op_or && bv == ones) {
            op_to_movi(s, op, dst, ones);
            return true;
        }
    }
    if (ts_canon(s, a) == ts_canon(s, b)) {
        switch (op->opc) {
        case INDEX_op_sub: case INDEX_op_xor: case INDEX_op_andc:
            op_to_movi(s, op, dst, 0);
            return true;
        case INDEX_op_and: case INDEX_op_or:
            op_to_mov(op, dst, a);
            return true;
        case INDEX_op_eqv: case INDEX_op_orc:
            op_to_movi(s, op, dst, ones);
            return true;
        default:
            break;
        }
    }
    return false;
}

/* Evaluate a conversion op on a constant. */
static bool fold_conversion(TCGOpcode opc, uint64_t a, uint64_t b,
                            uint64_t *r)
{
    switch (opc) {
    case INDEX_op_ext_i32_i64: *r = (uint64_t)(int64_t)(int32_t)a; return true;
    case INDEX_op_extu_i32_i64: *r = (uint32_t)a; return true;
    case INDEX_op_extrl_i64_i32: *r = (uint32_t)a; return true;
    case INDEX_op_extrh_i64_i32: *r = a >> 32; return true;
    case INDEX_op_concat_i32_i64:
        *r = (uint32_t)a | ((uint64_t)(uint32_t)b << 32);
        return true;
    default:
        return false;
    }
}

/*
 * Two-output ops folded in this pass: each became `mov rl, $lo` with
 * `mov rh, $hi` still to be inserted after it (its temp and constant are
 * kept in the op's unused args[2], args[3]).  All insertions happen in
 * one pass at the end, so folding stays linear in the number of ops.
 */
static int *split_at;
static int nb_split;

/*
 * A two-output op (mulu2, muls2, divu2, divs2, add2, sub2) whose inputs
 * are all constant becomes two constant moves.  Returns false if the
 * result is undefined (division by zero, quotient overflow) or the TB
 * has no room for the second move; the op then stays as it is.
 */
static bool fold_two_outputs(TCGContext *s, int i, const uint64_t *in)
{
    TCGOp *op = &s->ops[i];
    TCGTemp *rl = arg_temp(op->args[0]), *rh = arg_temp(op->args[1]);
    TCGType t = op->type;
    uint64_t lo, hi;

    if (s->nb_ops + nb_split >= TCG_MAX_OPS
        || !tcg_eval_op2(op->opc, t, in, &lo, &hi)) {
        return false;
    }
    op_to_movi(s, op, rl, lo);
    op->args[2] = temp_arg(rh);
    op->args[3] = temp_arg(tcg_constant_internal(t, hi));
    if (!split_at) {
        split_at = g_new(int, TCG_MAX_OPS);
    }
    split_at[nb_split++] = i;
    ts_set_const(rl, tcg_norm(t, lo));
    ts_set_const(rh, tcg_norm(t, hi));
    return true;
}

/* Insert the pending `mov rh, $hi` ops, moving each op once. */
static void split_folded(TCGContext *s)
{
    int n = s->nb_ops, k = nb_split;

    s->nb_ops += nb_split;
    for (int i = n - 1; k > 0; i--) {
        if (split_at[k - 1] == i) {
            TCGOp *op2 = &s->ops[i + k];
            TCGOp *op = &s->ops[i + k - 1];
            memcpy(op, &s->ops[i], sizeof(*op));
            memset(op2, 0, sizeof(*op2));
            op2->type = op->type;
            op_to_mov(op2, arg_temp(op->args[2]), arg_temp(op->args[3]));
            op->args[2] = op->args[3] = 0;
            k--;
        } else {
            memcpy(&s->ops[i + k], &s->ops[i], sizeof(TCGOp));
        }
    }
    nb_split = 0;
}

void tcg_optimize(TCGContext *s)
{
    bool unreachable = false;

    opt_epoch++;
    nb_split = 0;
    nb_mem_facts = 0;
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = op_def(op);
        int no = op->nb_oargs, ni = op->nb_iargs;
        int cstart = no + ni;
        uint64_t in[4] = { 0 }, r;
        bool all_const = ni > 0;

        if (op->opc == INDEX_op_set_label) {
            unreachable = false;
            opt_epoch++;            /* paths merge: forget everything */
            nb_mem_facts = 0;
            continue;
        }
        if (unreachable) {
            if (op->opc != INDEX_op_insn_start) {
                tcg_op_remove(op);
            }
            continue;
        }
        if (op->opc == INDEX_op_nop || op->opc == INDEX_op_insn_start) {
            continue;
        }
        if (op->opc == INDEX_op_discard) {
            ts_set_unknown(arg_temp(op->args[0]));
            continue;
        }

        /* Propagate constants and copies into the inputs. */
        for (int k = no; k < no + ni; k++) {
            TCGTemp *ts = arg_temp(op->args[k]);
            uint64_t v;
            if (ts->kind == TEMP_FIXED || is_const_temp(ts)) {
                continue;
            }
            if (ts_const(ts, &v)) {
                op->args[k] = temp_arg(tcg_constant_internal(ts->type, v));
            } else {
                op->args[k] = temp_arg(ts_canon(s, ts));
            }
        }
        for (int k = 0; k < ni && k < 4; k++) {
            if (!ts_const(arg_temp(op->args[no + k]), &in[k])) {
                all_const = false;
            }
        }

        switch (op->opc) {
        case INDEX_op_mov: {
            TCGTemp *dst = arg_temp(op->args[0]);
            TCGTemp *src = arg_temp(op->args[1]);
            if (dst == src || (ts_canon(s, dst) == ts_canon(s, src)
                               && info_valid(dst) && dst->opt_copy >= 0)) {
                tcg_op_remove(op);      /* already a copy */
                continue;
            }
            ts_set_copy(s, dst, src);
            continue;
        }
        case INDEX_op_ld: {
            TCGTemp *dst = arg_temp(op->args[0]);
            TCGTemp *base = arg_temp(op->args[1]);
            intptr_t off = op->args[2];
            int width = op->type == TCG_TYPE_I32 ? 4 : 8;
            TCGTemp *known = mem_facts_find(s, base, off, width, op->type);

            if (known && known != dst) {
                op_to_mov(op, dst, known);
                ts_set_copy(s, dst, known);
                continue;
            }
            ts_set_unknown(dst);
            if (dst != base) {
                mem_facts_add(s, base, off, width, op->type, dst);
            }
            continue;
        }
        case INDEX_op_st:
        case INDEX_op_st8:
        case INDEX_op_st16:
        case INDEX_op_st32: {
            TCGTemp *val = arg_temp(op->args[0]);
            TCGTemp *base = arg_temp(op->args[1]);
            intptr_t off = op->args[2];
            int width = st_width(op->opc, op->type);

            mem_facts_store(s, base, off, width);
            if (op->opc == INDEX_op_st) {
                mem_facts_add(s, base, off, width, op->type, val);
            }
            continue;
        }
        case INDEX_op_call: {
            unsigned flags = op->args[TCG_CALL_FLAGS_ARG(op)];
            nb_mem_facts = 0;       /* a helper may write any host memory */
            if (!(flags & (TCG_CALL_NO_WRITE_GLOBALS | TCG_CALL_NO_RETURN))) {
                forget_globals(s);
            }
            for (int k = 0; k < no; k++) {
                ts_set_unknown(arg_temp(op->args[k]));
            }
            if (flags & TCG_CALL_NO_RETURN) {
                unreachable = true;
            }
            continue;
        }
        case INDEX_op_brcond: {
            TCGCond c = (TCGCond)op->args[2];
            if (all_const) {
                if (tcg_eval_cond(op->type, c, in[0], in[1])) {
                    TCGLabel *l = arg_label(op->args[3]);
                    op->opc = INDEX_op_br;
                    op->nb_oargs = op->nb_iargs = 0;
                    op->args[0] = label_arg(l);
                    unreachable = true;
                } else {
                    tcg_op_remove(op);
                }
                continue;
            }
            if (is_const_temp(arg_temp(op->args[0]))) {
                TCGArg x = op->args[0];
                op->args[0] = op->args[1];
                op->args[1] = x;
                op->args[2] = c = tcg_swap_cond(c);
            }
            /* branch on a comparison result: branch on the comparison */
            if ((c == TCG_COND_EQ || c == TCG_COND_NE)
                && ts_const(arg_temp(op->args[1]), &in[1])
                && tcg_norm(op->type, in[1]) == 0) {
                TCGCond sc;
                TCGTemp *sargs[2];
                TCGType st;
                if (ts_setcond(s, arg_temp(op->args[0]), &sc, sargs, &st)) {
                    op->type = st;
                    op->args[0] = temp_arg(sargs[0]);
                    op->args[1] = temp_arg(sargs[1]);
                    op->args[2] = c == TCG_COND_NE ? sc : tcg_invert_cond(sc);
                }
            }
            continue;
        }
        case INDEX_op_br:
        case INDEX_op_goto_tb:
        case INDEX_op_exit_tb:
        case INDEX_op_goto_ptr:
            if (op->opc != INDEX_op_goto_tb) {
                unreachable = true;
            }
            continue;
        case INDEX_op_setcond:
        case INDEX_op_negsetcond:
            if (!all_const && is_const_temp(arg_temp(op->args[1]))) {
                TCGArg x = op->args[1];
                op->args[1] = op->args[2];
                op->args[2] = x;
                op->args[3] = tcg_swap_cond((TCGCond)op->args[3]);
            }
            break;
        case INDEX_op_movcond: {
            TCGTemp *dst = arg_temp(op->args[0]);
            if (ts_const(arg_temp(op->args[1]), &in[0])
                && ts_const(arg_temp(op->args[2]), &in[1])) {
                bool t = tcg_eval_cond(op->type, (TCGCond)op->args[5],
                                       in[0], in[1]);
                TCGTemp *src = arg_temp(op->args[t ? 3 : 4]);
                op_to_mov(op, dst, src);
                ts_set_copy(s, dst, src);
                continue;
            }
            if (ts_canon(s, arg_temp(op->args[3]))
                == ts_canon(s, arg_temp(op->args[4]))) {
                TCGTemp *src = arg_temp(op->args[3]);
                op_to_mov(op, dst, src);
                ts_set_copy(s, dst, src);
                continue;
            }
            if (is_const_temp(arg_temp(op->args[1]))) {
                TCGArg x = op->args[1];
                op->args[1] = op->args[2];
                op->args[2] = x;
                op->args[5] = tcg_swap_cond((TCGCond)op->args[5]);
            }
            break;
        }
        default:
            break;
        }

        /* Constant folding of single-output ops. */
        if (no == 1 && all_const
            && !(def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END))) {
            TCGTemp *dst = arg_temp(op->args[0]);
            TCGArg c0 = def->nb_cargs > 0 ? op->args[cstart] : 0;
            TCGArg c1 = def->nb_cargs > 1 ? op->args[cstart + 1] : 0;
            bool ok = tcg_eval_op(op->opc, op->type, in[0], in[1], c0, c1, &r)
                      || fold_conversion(op->opc, in[0], in[1], &r);
            if (op->opc == INDEX_op_deposit) {
                ok = tcg_eval_op(op->opc, op->type, in[0], in[1],
                                 op->args[3], op->args[4], &r);
            }
            if (ok) {
                op_to_movi(s, op, dst, r);
                ts_set_const(dst, r);
                continue;
            }
        }

        if (no == 2 && all_const && fold_two_outputs(s, i, in)) {
            continue;
        }

        /* Canonicalize: constant second for commutative ops. */
        if (ni == 2 && no == 1 && is_commutative(op->opc)
            && is_const_temp(arg_temp(op->args[1]))) {
            TCGArg x = op->args[1];
            op->args[1] = op->args[2];
            op->args[2] = x;
        }
        if (ni == 2 && no == 1 && op->opc != INDEX_op_setcond
            && op->opc != INDEX_op_negsetcond && op->opc != INDEX_op_clz
            && op->opc != INDEX_op_ctz && op->opc != INDEX_op_concat_i32_i64
            && op->opc != INDEX_op_deposit && def->nb_cargs == 0
            && simplify_binary(s, op)) {
            TCGTemp *dst = arg_temp(op->args[0]);
            TCGTemp *src = arg_temp(op->args[1]);
            ts_set_copy(s, dst, src);
            continue;
        }

        if (op->opc == INDEX_op_setcond || op->opc == INDEX_op_negsetcond) {
            ts_set_setcond(arg_temp(op->args[0]), op->type,
                           (TCGCond)op->args[3], arg_temp(op->args[1]),
                           arg_temp(op->args[2]));
            continue;
        }
        for (int k = 0; k < no; k++) {
            ts_set_unknown(arg_temp(op->args[k]));
        }
    }
    if (nb_split) {
        split_folded(s);
    }
}
