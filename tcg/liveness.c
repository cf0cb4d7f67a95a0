/*
 * Liveness analysis and dead-code removal.  Pass 0 demotes TB temps that
 * are only used between two labels to EBB temps (they then need no stack
 * slot traffic at branches).  Pass 1 walks the ops backwards, removes
 * ops without side effects whose outputs are all dead, and records per
 * op which arguments die (life_dead) and which outputs must be written
 * back to memory (life_sync) for the register allocator.
 *
 * States: TS_DEAD = the value is not needed later in a register;
 * TS_MEM = the memory copy must be up to date at this point.  A pinned
 * TB temp (tcg_temp_pin_i64) lives in its host register everywhere: it
 * is never dead, never written back and never demoted.  Globals
 * are written back before every guest memory access, so a fault sees
 * the guest state of the instructions that completed before it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg-internal.h"

static void liveness_pass0(TCGContext *s)
{
    int ebb = 0;

    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        s->temps[i].first_bb = -1;
    }
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        int n = op->nb_oargs + op->nb_iargs;

        if (op->opc == INDEX_op_set_label) {
            ebb++;
            continue;
        }
        for (int k = 0; k < n; k++) {
            TCGTemp *ts = arg_temp(op->args[k]);
            if (ts->kind != TEMP_TB) {
                continue;
            }
            if (ts->first_bb == -1) {
                ts->first_bb = ebb;
            } else if (ts->first_bb != ebb) {
                ts->first_bb = -2;        /* used in several blocks */
            }
        }
    }
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_TB && ts->first_bb != -2 && !ts->pinned) {
            ts->kind = TEMP_EBB;
        }
    }
}

/* End of the TB: globals must be in memory, nothing else matters. */
static void la_func_end(TCGContext *s)
{
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        ts->state = ts->kind == TEMP_GLOBAL ? TS_DEAD | TS_MEM
                    : ts->pinned ? 0 : TS_DEAD;
    }
}

/* End of a basic block: globals and TB temps go to memory. */
static void la_bb_end(TCGContext *s)
{
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        ts->state = ts->pinned ? 0
                    : (ts->kind == TEMP_GLOBAL || ts->kind == TEMP_TB)
                    ? TS_DEAD | TS_MEM : TS_DEAD;
    }
}

/* Conditional branch: memory must be current, registers stay valid. */
static void la_bb_sync(TCGContext *s)
{
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->pinned) {
            ts->state = 0;
        } else if (ts->kind == TEMP_GLOBAL || ts->kind == TEMP_TB) {
            ts->state |= TS_MEM;
        }
    }
}

static void la_global_kill(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_GLOBAL) {
            ts->state = TS_DEAD | TS_MEM;
        }
    }
}

static void la_global_sync(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_GLOBAL) {
            ts->state |= TS_MEM;
        }
    }
}

static bool outputs_all_dead(const TCGOp *op)
{
    for (int k = 0; k < op->nb_oargs; k++) {
        if (arg_temp(op->args[k])->state != TS_DEAD) {
            return false;
        }
    }
    return true;
}

static void la_outputs(TCGOp *op)
{
    for (int k = 0; k < op->nb_oargs; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);
        if (ts->pinned) {
            continue;           /* stays live, never written back */
        }
        if (ts->state & TS_DEAD) {
            op->life_dead |= 1u << k;
        }
        if (ts->state & TS_MEM) {
            op->life_sync |= 1u << k;
        }
        ts->state = TS_DEAD;
    }
}

static void la_inputs(TCGOp *op)
{
    int no = op->nb_oargs, n = no + op->nb_iargs;

    for (int k = no; k < n; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);
        if (ts->state & TS_DEAD) {
            op->life_dead |= 1u << k;
            ts->state &= ~TS_DEAD;
        }
    }
}

void tcg_liveness_analysis(TCGContext *s)
{
    liveness_pass0(s);
    la_func_end(s);

    for (int i = s->nb_ops - 1; i >= 0; i--) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = op_def(op);

        op->life_dead = op->life_sync = 0;
        switch (op->opc) {
        case INDEX_op_nop:
        case INDEX_op_insn_start:
            break;
        case INDEX_op_set_label:
            la_bb_end(s);
            break;
        case INDEX_op_discard:
            arg_temp(op->args[0])->state = TS_DEAD;
            break;
        case INDEX_op_call: {
            unsigned flags = op->args[TCG_CALL_FLAGS_ARG(op)];
            if ((flags & TCG_CALL_NO_SIDE_EFFECTS) && outputs_all_dead(op)) {
                tcg_op_remove(op);
                break;
            }
            la_outputs(op);
            if (flags & TCG_CALL_NO_RETURN) {
                la_func_end(s);
            } else if (!(flags & TCG_CALL_NO_WRITE_GLOBALS)) {
                la_global_kill(s);
            } else if (!(flags & TCG_CALL_NO_READ_GLOBALS)) {
                la_global_sync(s);
            }
            la_inputs(op);
            break;
        }
        default:
            if (!(def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END))
                && op->nb_oargs > 0 && outputs_all_dead(op)) {
                tcg_op_remove(op);
                break;
            }
            la_outputs(op);
            if (def->flags & TCG_OPF_BB_EXIT) {
                la_func_end(s);
            } else if (def->flags & TCG_OPF_GUEST_MEM) {
                /* may fault: the guest state in env must be current */
                la_global_sync(s);
            } else if (def->flags & TCG_OPF_COND_BRANCH) {
                la_bb_sync(s);
            } else if (def->flags & TCG_OPF_BB_END) {
                la_bb_end(s);
            }
            la_inputs(op);
            break;
        }
    }
}
