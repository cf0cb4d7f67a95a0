/*
 * Internal interfaces between the TCG core (tcg.c), the passes
 * (optimize.c, liveness.c) and the two backends (x86_64/, tci/).  Not
 * for front ends.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_INTERNAL_H
#define TCG_INTERNAL_H

#include "tcg/tcg.h"

struct TCGBackend {
    const char *name;
    /* Emit the prologue at s->code_ptr; false + errp if unusable. */
    bool (*init)(TCGContext *s, Error **errp);
    /* Emit the TB's ops at s->code_ptr (rw view), recording insn
     * boundaries and goto_tb offsets.  0, or -1 (buffer) / -2 (TB). */
    int (*gen_code)(TCGContext *s, TranslationBlock *tb);
    uintptr_t (*exec)(void *env, const void *tb_ptr);
    /* Patch slot @n of @tb (rw = writable alias of the slot's bytes). */
    void (*set_jmp_target)(TranslationBlock *tb, int n, uintptr_t addr,
                           uint8_t *rw);
    uintptr_t (*signal_search_pc)(uintptr_t host_pc);
    uintptr_t (*helper_search_pc)(uintptr_t ra);
    /* Print the TB's code for -d out_asm. */
    void (*disas)(FILE *f, const void *code, size_t size, uintptr_t addr);
};

extern const TCGBackend tcg_backend_x86_64;
extern const TCGBackend tcg_backend_interp;

/* Liveness states. */
#define TS_DEAD 1
#define TS_MEM  2

/* Op helpers. */
TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type);
static inline const TCGOpDef *op_def(const TCGOp *op)
{
    return &tcg_op_defs[op->opc];
}
static inline int op_nb_oargs(const TCGOp *op) { return op->nb_oargs; }
static inline int op_nb_iargs(const TCGOp *op) { return op->nb_iargs; }
/* Index in op->args of the first constant argument. */
static inline int op_cargs_start(const TCGOp *op)
{
    return op->nb_oargs + op->nb_iargs;
}
static inline void tcg_op_remove(TCGOp *op)
{
    op->opc = INDEX_op_nop;
    op->nb_oargs = op->nb_iargs = 0;
}

/* Interned constant temp (tcg_constant_*). */
TCGTemp *tcg_constant_internal(TCGType type, uint64_t val);

/* Passes.  tcg_optimize_disabled (tests only) skips the optimizer so the
 * differential fuzzer can check it against unoptimized IR. */
extern bool tcg_optimize_disabled;
void tcg_optimize(TCGContext *s);
void tcg_liveness_analysis(TCGContext *s);

/* Code buffer helpers for backends. */
static inline uintptr_t tcg_rw_to_rx(TCGContext *s, const void *rw)
{
    return (uintptr_t)rw - (uintptr_t)s->code_rw + (uintptr_t)s->code_rx;
}
static inline uint8_t *tcg_rx_to_rw(TCGContext *s, uintptr_t rx)
{
    return (uint8_t *)(rx - (uintptr_t)s->code_rx + (uintptr_t)s->code_rw);
}
static inline size_t tcg_current_code_size(TCGContext *s)
{
    return s->code_ptr - s->code_buf;
}
/* Record the start of guest insn @idx (called by the backends when they
 * reach insn_start): closes the previous one at the current offset. */
void tcg_record_insn_start(TCGContext *s, const TCGOp *op);

/* The hook for tcg_gen_lookup_and_goto_ptr. */
extern const void *(*tcg_lookup_tb_ptr_fn)(void *env);
/* tcg_set_env_alias_range */
extern intptr_t tcg_env_alias_lo, tcg_env_alias_hi;

/* The number of op arguments a call op carries besides temps. */
#define TCG_CALL_FUNC_ARG(op) ((op)->nb_oargs + (op)->nb_iargs)
#define TCG_CALL_FLAGS_ARG(op) ((op)->nb_oargs + (op)->nb_iargs + 1)

#endif
