/*
 * x86-64 backend: the per-TB register allocator and code generation
 * driver.  One forward pass over the ops, guided by the liveness bits:
 * inputs are loaded into registers satisfying the op's constraints (or
 * used as immediates), dead inputs are released, outputs get registers,
 * the op is emitted by emit.c, then outputs are written back (life_sync)
 * or released (life_dead).  Globals live in env and are written back at
 * basic-block ends and helper calls as the call flags require; TB temps
 * and spilled temps get 8-byte slots in the frame.  Pinned TB temps
 * (tcg_temp_pin_i64) own a callee-saved register each for the whole TB
 * (pin_order): they are never spilled, re-homed or written back, so a
 * value carried around a loop inside the TB stays in its register across
 * the backward branch and every helper call.  An op whose output is a
 * pinned temp writes that register directly, and a two-address op
 * on a pinned temp (`add pin, pin, x') works in it (pinned_in_place).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "qemu/bitops.h"
#include "tcg-target.h"

/* Allocation order: callee-saved first (they survive helper calls). */
static const int alloc_order[] = {
    R_RBX, R_R12, R_R13, R_R15, R_R10, R_R9, R_R8, R_RCX, R_RDX, R_RSI,
    R_RDI, R_RAX,
};

/* Registers of pinned temps, in the order the temps were created; all
   callee-saved, so helper calls keep them. */
static const int pin_order[TCG_MAX_PINNED] = { R_RBX, R_R12, R_R13, R_R15 };

static const int call_iarg_regs[6] = { R_RDI, R_RSI, R_RDX, R_RCX, R_R8,
                                       R_R9 };

typedef struct RegAlloc {
    TCGContext *s;
    TCGTemp *reg_to_temp[X86_NB_REGS];
    TCGRegSet pinned;       /* registers of pinned temps, never handed out */
    int next_slot;
    GArray *free_slots;
    bool overflow;          /* frame slots exhausted: TB too large */
} RegAlloc;

static RegAlloc ra;

#define IS_DEAD_ARG(op, i) (((op)->life_dead >> (i)) & 1)
#define NEED_SYNC_ARG(op, i) (((op)->life_sync >> (i)) & 1)

/* ------------------------------------------------------------------ */
/* Memory slots and value movement                                     */

static void temp_alloc_slot(TCGTemp *ts)
{
    int slot;

    if (ra.free_slots->len) {
        slot = g_array_index(ra.free_slots, int, ra.free_slots->len - 1);
        g_array_set_size(ra.free_slots, ra.free_slots->len - 1);
    } else if (ra.next_slot < X86_FRAME_SLOTS) {
        slot = ra.next_slot++;
    } else {
        ra.overflow = true;
        slot = 0;
    }
    ts->mem_allocated = true;
    ts->mem_base = -1;          /* RSP-relative */
    ts->mem_offset = X86_STACK_ARGS_SIZE + slot * 8;
}

static void temp_release_slot(TCGTemp *ts)
{
    if (ts->kind == TEMP_EBB && ts->mem_allocated) {
        int slot = (ts->mem_offset - X86_STACK_ARGS_SIZE) / 8;
        g_array_append_val(ra.free_slots, slot);
        ts->mem_allocated = false;
    }
}

static int temp_mem_base(const TCGTemp *ts)
{
    return ts->kind == TEMP_GLOBAL ? TCG_AREG0 : R_RSP;
}

/* Bring the memory copy of @ts up to date (it stays where it is). */
static void temp_sync(TCGContext *s, TCGTemp *ts)
{
    if (ts->kind == TEMP_CONST || ts->kind == TEMP_FIXED || ts->pinned
        || ts->mem_coherent) {
        return;
    }
    switch (ts->val_type) {
    case TEMP_VAL_REG:
        if (!ts->mem_allocated) {
            temp_alloc_slot(ts);
        }
        x86_out_st(s, ts->type, ts->reg, temp_mem_base(ts), ts->mem_offset);
        break;
    case TEMP_VAL_CONST:
        if (!ts->mem_allocated) {
            temp_alloc_slot(ts);
        }
        x86_out_sti(s, ts->type, ts->val, temp_mem_base(ts), ts->mem_offset);
        break;
    default:
        return;
    }
    ts->mem_coherent = true;
}

/* The register copy of @ts is gone; its value now lives in memory (or is
 * a known constant, or nowhere for a dead EBB temp). */
static void temp_free_or_dead(TCGTemp *ts, bool dead)
{
    if (ts->kind == TEMP_FIXED || ts->pinned) {
        return;
    }
    if (ts->val_type == TEMP_VAL_REG) {
        ra.reg_to_temp[ts->reg] = NULL;
    }
    switch (ts->kind) {
    case TEMP_CONST:
        ts->val_type = TEMP_VAL_CONST;
        break;
    case TEMP_EBB:
        if (dead) {
            ts->val_type = TEMP_VAL_DEAD;
            temp_release_slot(ts);
            break;
        }
        /* fall through */
    default:
        if (ts->val_type == TEMP_VAL_CONST && !dead) {
            break;              /* still a known constant */
        }
        ts->val_type = ts->mem_allocated ? TEMP_VAL_MEM : TEMP_VAL_DEAD;
        break;
    }
}

static void temp_dead(TCGTemp *ts)
{
    temp_free_or_dead(ts, true);
}

/* Spill whatever lives in @reg. */
static void reg_free(TCGContext *s, int reg)
{
    TCGTemp *ts = ra.reg_to_temp[reg];

    if (ts) {
        /* env is never in reg_to_temp: it could not be spilled; pinned
           registers are never candidates (ra.pinned) */
        assert(ts->kind != TEMP_FIXED && !ts->pinned);
        temp_sync(s, ts);
        temp_free_or_dead(ts, false);
    }
}

static int reg_alloc(TCGContext *s, TCGRegSet required, TCGRegSet allocated,
                     TCGRegSet preferred)
{
    TCGRegSet cand = required & ~allocated & ~ra.pinned & X86_ALLOCATABLE;
    int n = ARRAY_SIZE(alloc_order);

    assert(cand != 0);
    for (int pass = 0; pass < 2; pass++) {
        TCGRegSet set = pass == 0 && (cand & preferred) ? cand & preferred
                                                        : cand;
        for (int i = 0; i < n; i++) {
            int r = alloc_order[i];
            if ((set & REGSET(r)) && !ra.reg_to_temp[r]) {
                return r;
            }
        }
    }
    for (int i = 0; i < n; i++) {
        int r = alloc_order[i];
        if (cand & REGSET(r)) {
            reg_free(s, r);
            return r;
        }
    }
    abort();
}

/* Put the value of @ts into @reg without changing where @ts lives. */
static void temp_copy_to_reg(TCGContext *s, TCGTemp *ts, int reg)
{
    switch (ts->val_type) {
    case TEMP_VAL_REG:
        x86_out_mov(s, ts->type, reg, ts->reg);
        break;
    case TEMP_VAL_CONST:
        /* operands are loaded before an op's code: flags are free */
        x86_out_movi_nf(s, ts->type, reg, ts->val);
        break;
    case TEMP_VAL_MEM:
        x86_out_ld(s, ts->type, reg, temp_mem_base(ts), ts->mem_offset);
        break;
    default:
        break;                  /* read of an undefined temp */
    }
}

/*
 * Make @ts live in a register of @required.  Never for env (TEMP_FIXED)
 * outside its register: env must stay in TCG_AREG0 for the whole TB, so
 * callers that need it elsewhere copy it (temp_copy_to_reg into a
 * register they own for the op).  Re-homing it once made the allocator
 * hand env's new register out again while env was still read from it.
 */
static void temp_load(TCGContext *s, TCGTemp *ts, TCGRegSet required,
                      TCGRegSet allocated)
{
    int reg;

    if (ts->val_type == TEMP_VAL_REG && (required & REGSET(ts->reg))) {
        return;
    }
    assert(ts->kind != TEMP_FIXED && !ts->pinned);
    reg = reg_alloc(s, required, allocated, 0);
    temp_copy_to_reg(s, ts, reg);
    if (ts->val_type == TEMP_VAL_REG) {
        ra.reg_to_temp[ts->reg] = NULL;
    } else if (ts->val_type == TEMP_VAL_MEM) {
        ts->mem_coherent = true;
    } else if (ts->val_type == TEMP_VAL_DEAD) {
        ts->mem_coherent = false;
    }
    if (ts->kind == TEMP_CONST) {
        ts->mem_coherent = true;
    }
    ts->val_type = TEMP_VAL_REG;
    ts->reg = reg;
    ra.reg_to_temp[reg] = ts;
}

static bool temp_is_const(const TCGTemp *ts)
{
    return ts->kind == TEMP_CONST || ts->val_type == TEMP_VAL_CONST;
}

static uint64_t temp_const_val(const TCGTemp *ts)
{
    return ts->val;
}

/* Write back globals and TB temps; free their registers if @free. */
static void save_temps(TCGContext *s, bool globals_only, bool free)
{
    for (int i = 1; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        bool keep = ts->kind == TEMP_GLOBAL
                    || (!globals_only && ts->kind == TEMP_TB);
        if (!keep || ts->pinned) {
            continue;
        }
        temp_sync(s, ts);
        if (free && (ts->val_type == TEMP_VAL_REG
                     || ts->val_type == TEMP_VAL_CONST)) {
            if (ts->val_type == TEMP_VAL_REG) {
                ra.reg_to_temp[ts->reg] = NULL;
            }
            ts->val_type = ts->mem_allocated ? TEMP_VAL_MEM : TEMP_VAL_DEAD;
        }
    }
}

/* End of a basic block: everything to memory, all registers free. */
static void bb_end(TCGContext *s)
{
    save_temps(s, false, true);
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_EBB || ts->kind == TEMP_CONST) {
            temp_dead(ts);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Outputs                                                             */

static void set_output(TCGContext *s, const TCGOp *op, int k, int reg)
{
    TCGTemp *ts = arg_temp(op->args[k]);

    if (ts->kind == TEMP_FIXED) {
        abort();                /* env is read-only */
    }
    if (ts->pinned) {
        return;                 /* pinned_outputs moves it home */
    }
    if (ts->val_type == TEMP_VAL_REG && ra.reg_to_temp[ts->reg] == ts) {
        ra.reg_to_temp[ts->reg] = NULL;
    }
    ts->val_type = TEMP_VAL_REG;
    ts->reg = reg;
    ts->mem_coherent = false;
    ra.reg_to_temp[reg] = ts;
}

/* The op wrote pinned outputs to the registers in @a: move them home. */
static void pinned_outputs(TCGContext *s, const TCGOp *op, const TCGArg *a)
{
    for (int k = 0; k < op->nb_oargs; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);
        if (ts->pinned && ts->reg != a[k]) {
            x86_out_mov(s, op->type, ts->reg, a[k]);
        }
    }
}

static void finish_outputs(TCGContext *s, const TCGOp *op)
{
    for (int k = 0; k < op->nb_oargs; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);
        if (NEED_SYNC_ARG(op, k)) {
            temp_sync(s, ts);
        }
        if (IS_DEAD_ARG(op, k)) {
            temp_dead(ts);
        }
    }
}

static void release_dead_inputs(const TCGOp *op)
{
    int no = op->nb_oargs, n = no + op->nb_iargs;

    for (int i = no; i < n; i++) {
        if (IS_DEAD_ARG(op, i)) {
            temp_dead(arg_temp(op->args[i]));
        }
    }
}

/* ------------------------------------------------------------------ */
/* mov                                                                 */

static void alloc_mov(TCGContext *s, const TCGOp *op)
{
    TCGTemp *ots = arg_temp(op->args[0]);
    TCGTemp *its = arg_temp(op->args[1]);
    TCGType t = op->type;

    if (ots->pinned && ots != its) {
        if (temp_is_const(its)) {
            x86_out_movi_nf(s, t, ots->reg, temp_const_val(its));
        } else {
            temp_load(s, its, X86_ALLOCATABLE | REGSET(TCG_AREG0),
                      X86_RESERVED);
            x86_out_mov(s, t, ots->reg, its->reg);
        }
        if (IS_DEAD_ARG(op, 1)) {
            temp_dead(its);
        }
        return;
    }
    if (ots == its) {
        /* no value moves, but the write-back/death bits still apply */
        if (NEED_SYNC_ARG(op, 0)) {
            temp_sync(s, ots);
        }
        if (IS_DEAD_ARG(op, 0) || IS_DEAD_ARG(op, 1)) {
            if (!(IS_DEAD_ARG(op, 0) && IS_DEAD_ARG(op, 1))) {
                return;
            }
            temp_dead(ots);
        }
        return;
    }
    if (temp_is_const(its)) {
        uint64_t v = temp_const_val(its);
        if (IS_DEAD_ARG(op, 1)) {
            temp_dead(its);
        }
        if (ots->val_type == TEMP_VAL_REG) {
            ra.reg_to_temp[ots->reg] = NULL;
        }
        ots->val_type = TEMP_VAL_CONST;
        ots->val = t == TCG_TYPE_I32 ? (uint32_t)v : v;
        ots->mem_coherent = false;
        finish_outputs(s, op);
        return;
    }

    temp_load(s, its, X86_ALLOCATABLE | REGSET(TCG_AREG0), X86_RESERVED);
    if (IS_DEAD_ARG(op, 1) && its->kind != TEMP_FIXED
        && its->kind != TEMP_GLOBAL && !its->pinned) {
        /* hand the register over */
        int reg = its->reg;
        temp_dead(its);
        set_output(s, op, 0, reg);
    } else {
        int reg = reg_alloc(s, X86_ALLOCATABLE,
                            X86_RESERVED | REGSET(its->reg), 0);
        x86_out_mov(s, t, reg, its->reg);
        if (IS_DEAD_ARG(op, 1)) {
            temp_dead(its);
        }
        set_output(s, op, 0, reg);
    }
    finish_outputs(s, op);
}

/* ------------------------------------------------------------------ */
/* Generic ops                                                         */

static int free_reg_count(TCGRegSet exclude)
{
    int n = 0;

    for (int r = 0; r < X86_NB_REGS; r++) {
        if ((X86_ALLOCATABLE & ~exclude & REGSET(r)) && !ra.reg_to_temp[r]) {
            n++;
        }
    }
    return n;
}

static bool const_fits(const X86ArgCt *ct, TCGType t, uint64_t v)
{
    if (ct->flags & CT_CONST_ANY) {
        return true;
    }
    if (ct->flags & CT_CONST_S32) {
        return t == TCG_TYPE_I32 || (int64_t)v == (int32_t)v;
    }
    return false;
}

static bool temp_used_elsewhere(const TCGOp *op, int i)
{
    int n = op->nb_oargs + op->nb_iargs;

    for (int k = op->nb_oargs; k < n; k++) {
        if (k != i && op->args[k] == op->args[i]) {
            return true;
        }
    }
    return false;
}

static bool input_is_aliased(const X86OpCt *ct, const TCGOp *op, int in)
{
    for (int k = 0; k < op->nb_oargs; k++) {
        if ((ct->args[k].flags & CT_ALIAS) && ct->args[k].alias == in) {
            return true;
        }
    }
    return false;
}

/* Input @in is a pinned temp that the output aliased to it (two-address
   form) also is, and no other input reads: the op works in the pinned
   register itself (`add %rbx, 4' instead of a copy, the add and a move
   back). */
static bool pinned_in_place(const X86OpCt *ct, const TCGOp *op, int in)
{
    TCGTemp *ts = arg_temp(op->args[op->nb_oargs + in]);

    for (int k = 0; k < op->nb_oargs; k++) {
        if ((ct->args[k].flags & CT_ALIAS) && ct->args[k].alias == in) {
            return arg_temp(op->args[k]) == ts
                   && (ct->args[op->nb_oargs + in].regs & REGSET(ts->reg))
                   && !temp_used_elsewhere(op, op->nb_oargs + in);
        }
    }
    return false;
}

static void alloc_op(TCGContext *s, const TCGOp *op, TCGArg *a, bool *isc)
{
    const X86OpCt *ct = x86_op_constraints(op);
    int no = op->nb_oargs, ni = op->nb_iargs;
    TCGRegSet i_alloc = X86_RESERVED, o_alloc = X86_RESERVED;
    int order[TCG_MAX_OP_ARGS], n = 0;

    TCGRegSet fixed = 0;        /* registers some argument insists on */

    for (int k = 0; k < no + ni; k++) {
        TCGRegSet r = ct->args[k].regs;
        if ((r & (r - 1)) == 0) {
            fixed |= r;
        }
    }
    /* Inputs with a single permitted register go first. */
    for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < ni; k++) {
            TCGRegSet r = ct->args[no + k].regs;
            bool single = (r & (r - 1)) == 0;
            if (single == (pass == 0)) {
                order[n++] = k;
            }
        }
    }

    for (int j = 0; j < ni; j++) {
        int k = order[j], i = no + k;
        const X86ArgCt *act = &ct->args[i];
        TCGTemp *ts = arg_temp(op->args[i]);

        isc[i] = false;
        if (temp_is_const(ts) && const_fits(act, op->type,
                                            temp_const_val(ts))) {
            isc[i] = true;
            a[i] = temp_const_val(ts);
            continue;
        }
        if (ts->kind == TEMP_FIXED && !input_is_aliased(ct, op, k)
            && (act->regs & (act->regs - 1))) {
            /* env stays in its register; any-register inputs use it */
            a[i] = ts->reg;
            continue;
        }
        if (ts->pinned && pinned_in_place(ct, op, k)) {
            a[i] = ts->reg;     /* (the output is the same pinned temp) */
        } else if (input_is_aliased(ct, op, k) || ts->kind == TEMP_FIXED
                   || (ts->pinned && !(act->regs & REGSET(ts->reg)))) {
            /* The output overwrites this register: reuse it only if the
             * temp dies here and is not read through another input.  A
             * pinned temp is copied (never re-homed). */
            if (ts->val_type == TEMP_VAL_REG && IS_DEAD_ARG(op, i)
                && ts->kind != TEMP_FIXED && ts->kind != TEMP_CONST
                && !ts->pinned
                && (act->regs & REGSET(ts->reg)) && !temp_used_elsewhere(op, i)
                && !(i_alloc & REGSET(ts->reg))) {
                a[i] = ts->reg;
            } else {
                int reg;
                /* A live value still in memory: load it into a register
                 * of its own first (if one is free) so later uses hit a
                 * register, then copy. */
                if (ts->val_type == TEMP_VAL_MEM && !IS_DEAD_ARG(op, i)
                    && free_reg_count(i_alloc | fixed) >= 2) {
                    temp_load(s, ts, X86_ALLOCATABLE & ~fixed, i_alloc);
                    i_alloc |= REGSET(ts->reg);
                }
                reg = reg_alloc(s, act->regs, i_alloc, 0);
                temp_copy_to_reg(s, ts, reg);
                a[i] = reg;
            }
        } else {
            temp_load(s, ts, act->regs, i_alloc);
            a[i] = ts->reg;
        }
        i_alloc |= REGSET(a[i]);
    }

    release_dead_inputs(op);

    /* An op that may fault sees every global written back. */
    if (op_def(op)->flags & TCG_OPF_GUEST_MEM) {
        save_temps(s, true, false);
    }

    /* Registers holding input copies must survive until the op runs:
     * an aliased copy is owned by nobody, so protect it explicitly. */
    for (int k = 0; k < no; k++) {
        const X86ArgCt *oct = &ct->args[k];
        int reg;

        if (oct->flags & CT_ALIAS) {
            reg = a[no + oct->alias];
            assert(!isc[no + oct->alias]);
            if (ra.reg_to_temp[reg] && !(ra.pinned & REGSET(reg))) {
                /* still owned (input live elsewhere): must not happen;
                   a pinned register here is pinned_in_place's */
                reg_free(s, reg);
            }
        } else if (arg_temp(op->args[k])->pinned
                   && (oct->regs & REGSET(arg_temp(op->args[k])->reg))
                   && !(o_alloc & REGSET(arg_temp(op->args[k])->reg))
                   && !((oct->flags & CT_NEWREG)
                        && (i_alloc & REGSET(arg_temp(op->args[k])->reg)))) {
            /* a pinned output straight into its register (no move
               home); an input in it is the same temp, which the op
               overwrites anyway */
            reg = arg_temp(op->args[k])->reg;
        } else {
            TCGRegSet excl = o_alloc;
            if (oct->flags & CT_NEWREG) {
                excl |= i_alloc;
            } else {
                /* inputs that are aliased copies are not owned: keep */
                for (int q = 0; q < no; q++) {
                    if (ct->args[q].flags & CT_ALIAS) {
                        excl |= REGSET(a[no + ct->args[q].alias]);
                    }
                }
            }
            reg = reg_alloc(s, oct->regs, excl, 0);
        }
        a[k] = reg;
        o_alloc |= REGSET(reg);
    }
    for (int k = 0; k < no; k++) {
        set_output(s, op, k, a[k]);
    }
}

/* ------------------------------------------------------------------ */
/* Calls                                                               */

static void alloc_call(TCGContext *s, const TCGOp *op)
{
    int no = op->nb_oargs, ni = op->nb_iargs;
    void *func = (void *)op->args[TCG_CALL_FUNC_ARG(op)];
    unsigned flags = op->args[TCG_CALL_FLAGS_ARG(op)];

    /* Stack arguments first: they only need the scratch register. */
    for (int k = 6; k < ni; k++) {
        TCGTemp *ts = arg_temp(op->args[no + k]);
        int ofs = (k - 6) * 8;
        if (ts->kind == TEMP_FIXED) {
            x86_out_st(s, TCG_TYPE_I64, TCG_AREG0, R_RSP, ofs);
        } else if (ts->val_type == TEMP_VAL_REG) {
            x86_out_st(s, TCG_TYPE_I64, ts->reg, R_RSP, ofs);
        } else {
            temp_copy_to_reg(s, ts, TCG_REG_TMP);
            x86_out_st(s, TCG_TYPE_I64, TCG_REG_TMP, R_RSP, ofs);
        }
    }
    for (int k = 0; k < ni && k < 6; k++) {
        TCGTemp *ts = arg_temp(op->args[no + k]);
        int reg = call_iarg_regs[k];
        if (!(ts->val_type == TEMP_VAL_REG && ts->reg == reg)) {
            reg_free(s, reg);
        }
        if (ts->kind == TEMP_FIXED) {
            x86_out_mov(s, TCG_TYPE_I64, reg, TCG_AREG0);
        } else if (!(ts->val_type == TEMP_VAL_REG && ts->reg == reg)) {
            temp_copy_to_reg(s, ts, reg);
        }
    }
    release_dead_inputs(op);

    /* Call-clobbered registers lose their temps. */
    for (int r = 0; r < X86_NB_REGS; r++) {
        if ((X86_CALL_CLOBBER & REGSET(r)) && ra.reg_to_temp[r]) {
            reg_free(s, r);
        }
    }
    if (flags & TCG_CALL_NO_RETURN) {
        save_temps(s, true, true);
    } else if (!(flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        save_temps(s, true, true);
    } else if (!(flags & TCG_CALL_NO_READ_GLOBALS)) {
        save_temps(s, true, false);
    }

    x86_out_call(s, func);

    if (no) {
        TCGArg a[1] = { R_RAX };

        set_output(s, op, 0, R_RAX);
        pinned_outputs(s, op, a);
        finish_outputs(s, op);
    }
}

/* ------------------------------------------------------------------ */
/* Register state across forward-only labels                           */

/*
 * A label whose references all precede it in the op stream is entered
 * only from branches and the fall-through, whose register states are
 * known by the time it is placed.  After the usual write-back, the
 * registers on which every predecessor agrees (a global or TB temp,
 * coherent with memory) are kept, saving the reloads.  Labels reached
 * by a backward branch (loops) start with empty registers.
 */
typedef struct LabelState {
    bool forward_only;
    bool seen;
    TCGTemp *regs[X86_NB_REGS];
} LabelState;

static LabelState *label_state;
static int label_state_size;
static bool fallthrough_dead;

static void labels_prepare(TCGContext *s)
{
    if (label_state_size < s->nb_labels) {
        label_state_size = s->nb_labels;
        label_state = g_renew(LabelState, label_state, label_state_size);
    }
    for (int i = 0; i < s->nb_labels; i++) {
        label_state[i].forward_only = true;
        label_state[i].seen = false;
    }
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        TCGLabel *l = NULL;

        if (op->opc == INDEX_op_set_label) {
            /* from here on, references to it are backward */
            s->labels[arg_label(op->args[0])->id].has_value = true;
            continue;
        }
        if (op->opc == INDEX_op_br) {
            l = arg_label(op->args[0]);
        } else if (op->opc == INDEX_op_brcond) {
            l = arg_label(op->args[3]);
        }
        if (l && l->has_value) {
            label_state[l->id].forward_only = false;
        }
    }
    for (int i = 0; i < s->nb_labels; i++) {
        s->labels[i].has_value = false;
    }
    fallthrough_dead = false;
}

/* One more way into @l: keep only what agrees with the current state. */
static void label_merge(TCGLabel *l)
{
    LabelState *ls = &label_state[l->id];

    if (!ls->forward_only) {
        return;
    }
    for (int r = 0; r < X86_NB_REGS; r++) {
        TCGTemp *t = ra.reg_to_temp[r];
        if (t && (t->pinned
                  || !((t->kind == TEMP_GLOBAL || t->kind == TEMP_TB)
                       && t->val_type == TEMP_VAL_REG && t->reg == r
                       && t->mem_coherent))) {
            t = NULL;           /* (a pinned temp never leaves its reg) */
        }
        if (!ls->seen) {
            ls->regs[r] = t;
        } else if (ls->regs[r] != t) {
            ls->regs[r] = NULL;
        }
    }
    ls->seen = true;
}

static void label_restore(TCGLabel *l)
{
    LabelState *ls = &label_state[l->id];

    if (!ls->forward_only || !ls->seen) {
        return;
    }
    for (int r = 0; r < X86_NB_REGS; r++) {
        TCGTemp *t = ls->regs[r];
        if (t) {
            t->val_type = TEMP_VAL_REG;
            t->reg = r;
            t->mem_coherent = true;
            ra.reg_to_temp[r] = t;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */

static void ra_start(TCGContext *s)
{
    int npin = 0;

    memset(ra.reg_to_temp, 0, sizeof(ra.reg_to_temp));
    ra.pinned = 0;
    ra.s = s;
    ra.next_slot = 0;
    ra.overflow = false;
    if (!ra.free_slots) {
        ra.free_slots = g_array_new(false, false, sizeof(int));
    }
    g_array_set_size(ra.free_slots, 0);
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        switch (ts->kind) {
        case TEMP_FIXED:
            ts->val_type = TEMP_VAL_REG;
            ts->reg = TCG_AREG0;
            break;
        case TEMP_GLOBAL:
            ts->val_type = TEMP_VAL_MEM;
            ts->mem_coherent = true;
            ts->mem_allocated = true;
            break;
        case TEMP_CONST:
            ts->val_type = TEMP_VAL_CONST;
            ts->mem_coherent = true;
            break;
        default:
            ts->val_type = TEMP_VAL_DEAD;
            ts->mem_allocated = false;
            ts->mem_coherent = false;
            if (ts->pinned) {
                /* (tcg_temp_pin_i64 allows no more than pin_order has) */
                int r = pin_order[npin++];

                ts->val_type = TEMP_VAL_REG;
                ts->reg = r;
                ts->mem_coherent = true;
                ra.reg_to_temp[r] = ts;
                ra.pinned |= REGSET(r);
            }
            break;
        }
    }
    labels_prepare(s);
    x86_reset_labels(s);
}

/*
 * `and t, x, y; brcond t, 0, eq|ne` with t used nowhere else becomes
 * `test x, y; je|jne`.  Returns true if ops[i] and ops[i + 1] were
 * handled that way.
 */
static bool try_and_brcond(TCGContext *s, int i, TCGArg *a, bool *isc)
{
    TCGOp *and_op = &s->ops[i], *br, fused;
    TCGTemp *t;
    TCGCond c;

    if (and_op->opc != INDEX_op_and || i + 1 >= s->nb_ops) {
        return false;
    }
    br = &s->ops[i + 1];
    t = arg_temp(and_op->args[0]);
    if (br->opc != INDEX_op_brcond || br->type != and_op->type
        || arg_temp(br->args[0]) != t || t->kind != TEMP_EBB
        || !IS_DEAD_ARG(br, 0) || NEED_SYNC_ARG(and_op, 0)
        || arg_temp(br->args[1])->kind != TEMP_CONST
        || arg_temp(br->args[1])->val != 0) {
        return false;
    }
    c = (TCGCond)br->args[2];
    if (c != TCG_COND_EQ && c != TCG_COND_NE) {
        return false;
    }
    /* a brcond-shaped op on the and's inputs, with their liveness */
    fused = *br;
    fused.args[0] = and_op->args[1];
    fused.args[1] = and_op->args[2];
    fused.life_dead = (and_op->life_dead >> 1) & 3;
    fused.life_sync = 0;
    alloc_op(s, &fused, a, isc);
    save_temps(s, false, false);
    label_merge(arg_label(br->args[3]));
    x86_out_brtest(s, fused.type, c, a[0], a[1], isc[1],
                   arg_label(br->args[3]));
    return true;
}

/*
 * `add_i64 p, p, x; ext32u_i64 p, p' on a pinned temp p (a 32-bit
 * counter kept zero-extended in a 64-bit pin, e2k_gen_add_env32) is
 * one 32-bit add, which zero-extends the register: the low 32 bits of
 * the sum only depend on those of the inputs.
 */
static bool try_add_ext32u(TCGContext *s, int i, TCGArg *a, bool *isc)
{
    TCGOp *add = &s->ops[i], *ext, narrow;
    TCGTemp *p;

    if (add->opc != INDEX_op_add || add->type != TCG_TYPE_I64
        || i + 1 >= s->nb_ops) {
        return false;
    }
    ext = &s->ops[i + 1];
    p = arg_temp(add->args[0]);
    if (!p->pinned || ext->opc != INDEX_op_ext32u
        || ext->type != TCG_TYPE_I64 || arg_temp(ext->args[0]) != p
        || arg_temp(ext->args[1]) != p) {
        return false;
    }
    narrow = *add;
    narrow.type = TCG_TYPE_I32;
    alloc_op(s, &narrow, a, isc);
    x86_out_op(s, &narrow, a, isc);
    pinned_outputs(s, &narrow, a);
    finish_outputs(s, &narrow);
    return true;
}

/* ------------------------------------------------------------------ */
/* FP values that live only in xmm registers                           */

#define XMM_ONLY_SCAN 64        /* ops looked at for the uses of a value
                                   (nops not counted, up to 4 times that) */

/*
 * May the value ops[i] gives @t (all 64 bits of it if @q) live only in
 * an xmm register (tcg-target.h)?  Every use until @t dies, within the
 * next XMM_ONLY_SCAN ops, must read it from xmm: an fpu input the
 * instruction takes from xmm, or the value stored by st/st32 (st needs
 * all 64 bits), and no op on the way may clobber the xmm registers.
 */
static bool xmm_only_ok(TCGContext *s, int i, TCGTemp *t, bool q)
{
    const TCGOp *def = &s->ops[i];

    if (t->kind != TEMP_EBB || NEED_SYNC_ARG(def, 0) || IS_DEAD_ARG(def, 0)
        || x86_xmm_only_count() >= X86_XMM_ONLY_MAX) {
        return false;
    }
    for (int j = i + 1, seen = 0;
         j < s->nb_ops && j <= i + 4 * XMM_ONLY_SCAN && seen < XMM_ONLY_SCAN;
         j++) {
        const TCGOp *op = &s->ops[j];
        int no = op->nb_oargs, n = no + op->nb_iargs;
        bool dies = false;

        if (op->opc == INDEX_op_nop) {
            continue;                   /* removed by the optimizer */
        }
        seen++;
        if (x86_xmm_op_clobbers(op)) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            bool need_q;

            if (arg_temp(op->args[k]) != t) {
                continue;
            }
            if (k < no) {
                return false;           /* written again while live */
            }
            if (op->opc == INDEX_op_fpu1 || op->opc == INDEX_op_fpu2) {
                if (!x86_fpu_input_xmm(op, k, &need_q)) {
                    return false;
                }
            } else if ((op->opc == INDEX_op_st || op->opc == INDEX_op_st32)
                       && k == 0 && op->type == TCG_TYPE_I64) {
                need_q = op->opc == INDEX_op_st;
            } else {
                return false;
            }
            if (need_q && !q) {
                return false;
            }
            dies |= IS_DEAD_ARG(op, k);
        }
        if (dies) {
            return true;
        }
    }
    return false;
}

/* @ts gets no register: its value is in an xmm register only. */
static void temp_to_xmm_only(TCGTemp *ts)
{
    if (ts->val_type == TEMP_VAL_REG && ra.reg_to_temp[ts->reg] == ts) {
        ra.reg_to_temp[ts->reg] = NULL;
    }
    ts->val_type = TEMP_VAL_DEAD;
    ts->mem_coherent = false;
}

/* The register holding the base pointer of the host load/store @op. */
static int host_base_reg(TCGContext *s, const TCGOp *op)
{
    TCGTemp *base = arg_temp(op->args[1]);

    if (base->kind != TEMP_FIXED) {
        temp_load(s, base, X86_ALLOCATABLE, X86_RESERVED);
    }
    return base->reg;
}

/* `ld`/`ld32u` (i64) of a value only fpu ops and stores read: straight
   into an xmm register. */
static bool try_ld_to_xmm(TCGContext *s, int i)
{
    TCGOp *op = &s->ops[i];
    TCGTemp *t = arg_temp(op->args[0]);

    if ((op->opc != INDEX_op_ld && op->opc != INDEX_op_ld32u)
        || op->type != TCG_TYPE_I64 || !xmm_only_ok(s, i, t, true)) {
        return false;
    }
    x86_xmm_ld(s, op, host_base_reg(s, op), (intptr_t)op->args[2]);
    release_dead_inputs(op);
    temp_to_xmm_only(t);
    return true;
}

/* `st`/`st32` of an xmm-only value: straight from its xmm register. */
static bool try_st_from_xmm(TCGContext *s, int i)
{
    TCGOp *op = &s->ops[i];
    TCGTemp *t = arg_temp(op->args[0]);

    if ((op->opc != INDEX_op_st && op->opc != INDEX_op_st32)
        || !x86_xmm_holds_only(t)) {
        return false;
    }
    x86_xmm_st(s, op, host_base_reg(s, op), (intptr_t)op->args[2]);
    release_dead_inputs(op);
    if (IS_DEAD_ARG(op, 0)) {
        x86_xmm_release(t);
    }
    return true;
}

/* An fpu op with an xmm-only input, or whose result can be one. */
static bool try_fpu_xmm(TCGContext *s, int i, TCGArg *a, bool *isc)
{
    TCGOp *op = &s->ops[i];
    int no = op->nb_oargs, n = no + op->nb_iargs;
    TCGTemp *td;
    TCGRegSet i_alloc = X86_RESERVED;
    bool q, out_xmm, in_xmm = false;

    if (op->opc != INDEX_op_fpu1 && op->opc != INDEX_op_fpu2) {
        return false;
    }
    td = arg_temp(op->args[0]);
    for (int k = no; k < n; k++) {
        in_xmm |= x86_xmm_holds_only(arg_temp(op->args[k]));
    }
    out_xmm = x86_fpu_output_xmm(op, &q) && xmm_only_ok(s, i, td, q);
    if (!out_xmm && !in_xmm) {
        return false;
    }
    for (int k = no; k < n; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);

        isc[k] = false;
        if (x86_xmm_holds_only(ts)) {
            a[k] = (TCGArg)-1;
            continue;
        }
        if (ts->kind == TEMP_FIXED) {
            a[k] = ts->reg;             /* env stays where it is */
            continue;
        }
        temp_load(s, ts, X86_ALLOCATABLE, i_alloc);
        a[k] = ts->reg;
        i_alloc |= REGSET(ts->reg);
    }
    release_dead_inputs(op);
    if (out_xmm) {
        temp_to_xmm_only(td);
        a[0] = (TCGArg)-1;
    } else {
        a[0] = reg_alloc(s, X86_ALLOCATABLE, X86_RESERVED, 0);
        set_output(s, op, 0, a[0]);
    }
    a[n] = op->args[n];
    x86_out_op(s, op, a, isc);
    if (!out_xmm) {
        finish_outputs(s, op);
    }
    for (int k = no; k < n; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);
        if (IS_DEAD_ARG(op, k) && ts != td) {
            x86_xmm_release(ts);
        }
    }
    return true;
}

static int x86_gen_code(TCGContext *s, TranslationBlock *tb)
{
    TCGArg a[TCG_MAX_OP_ARGS];
    bool isc[TCG_MAX_OP_ARGS];

    ra_start(s);
    x86_xmm_reset();
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];

        if (s->code_ptr > s->code_end) {
            return -1;
        }
        if (ra.overflow) {
            return -2;
        }
        x86_xmm_note_op(op);
        switch (op->opc) {
        case INDEX_op_nop:
            break;
        case INDEX_op_insn_start:
            tcg_record_insn_start(s, op);
            break;
        case INDEX_op_discard:
            temp_dead(arg_temp(op->args[0]));
            break;
        case INDEX_op_mov:
            alloc_mov(s, op);
            break;
        case INDEX_op_call:
            alloc_call(s, op);
            break;
        case INDEX_op_set_label: {
            TCGLabel *l = arg_label(op->args[0]);
            if (!fallthrough_dead) {
                save_temps(s, false, false);
                label_merge(l);
            }
            bb_end(s);
            x86_bind_label(s, l);
            label_restore(l);
            fallthrough_dead = false;
            break;
        }
        case INDEX_op_br:
            save_temps(s, false, false);
            label_merge(arg_label(op->args[0]));
            bb_end(s);
            x86_out_label_ref(s, -1, arg_label(op->args[0]));
            fallthrough_dead = true;
            break;
        case INDEX_op_brcond:
            alloc_op(s, op, a, isc);
            /* globals and TB temps to memory; registers stay valid */
            save_temps(s, false, false);
            label_merge(arg_label(op->args[3]));
            x86_out_brcond(s, op->type, (TCGCond)op->args[2], a[0], a[1],
                           isc[1], arg_label(op->args[3]));
            break;
        case INDEX_op_goto_tb:
            bb_end(s);
            x86_out_goto_tb(s, tb, op->args[0]);
            break;
        case INDEX_op_exit_tb:
            bb_end(s);
            x86_out_exit_tb(s, op->args[0]);
            fallthrough_dead = true;
            break;
        case INDEX_op_goto_ptr: {
            TCGTemp *ts = arg_temp(op->args[0]);
            if (ts->kind == TEMP_FIXED) {
                a[0] = ts->reg;         /* jumping to env: nonsense, but safe */
            } else {
                temp_load(s, ts, X86_ALLOCATABLE, X86_RESERVED);
                a[0] = ts->reg;
            }
            bb_end(s);
            x86_out_goto_ptr(s, a[0]);
            fallthrough_dead = true;
            break;
        }
        case INDEX_op_mb:
            x86_out_mb(s, op->args[0]);
            break;
        default: {
            int nc = op_def(op)->nb_cargs, base = op->nb_oargs + op->nb_iargs;
            if (try_ld_to_xmm(s, i) || try_st_from_xmm(s, i)
                || try_fpu_xmm(s, i, a, isc)) {
                break;
            }
            if (try_and_brcond(s, i, a, isc)) {
                i++;                    /* the brcond went with it */
                break;
            }
            if (try_add_ext32u(s, i, a, isc)) {
                i++;                    /* the ext32u went with it */
                break;
            }
            alloc_op(s, op, a, isc);
            for (int c = 0; c < nc; c++) {
                a[base + c] = op->args[base + c];
            }
            x86_out_op(s, op, a, isc);
            pinned_outputs(s, op, a);
            finish_outputs(s, op);
            break;
        }
        }
    }
    if (ra.overflow) {
        return -2;
    }
    if (!x86_out_stubs(s) || s->code_ptr > s->code_end) {
        return -1;
    }
    assert(x86_labels_resolved(s));
    return 0;
}

/* ------------------------------------------------------------------ */
/* Backend glue                                                        */

static uintptr_t x86_exec(void *env, const void *tb_ptr)
{
    uintptr_t (*prologue)(void *, const void *) =
        (uintptr_t (*)(void *, const void *))(uintptr_t)tcg_ctx->code_rx;
    return prologue(env, tb_ptr);
}

static uintptr_t x86_signal_search_pc(uintptr_t pc)
{
    TCGContext *s = tcg_ctx;

    if (pc >= (uintptr_t)s->code_rx + s->prologue_size
        && pc < (uintptr_t)s->code_rx + s->code_size) {
        return pc;
    }
    return 0;
}

static uintptr_t x86_helper_search_pc(uintptr_t ra_)
{
    return ra_ - 1;
}

static bool x86_backend_init(TCGContext *s, Error **errp)
{
    return x86_init_prologue(s, errp);
}

const TCGBackend tcg_backend_x86_64 = {
    .name = "native",
    .init = x86_backend_init,
    .gen_code = x86_gen_code,
    .exec = x86_exec,
    .set_jmp_target = x86_set_jmp_target,
    .signal_search_pc = x86_signal_search_pc,
    .helper_search_pc = x86_helper_search_pc,
    .disas = x86_disas,
};
