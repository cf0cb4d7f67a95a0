/*
 * e2k translator: the TB loop, the bundle loop (read phase, then commit
 * at the end of the wide instruction) and register/operand access.
 *
 * Units live in their own files: translate-alu.c (integer ALU),
 * translate-mem.c (loads/stores), translate-plu.c (predicates, PLS, CDS
 * conditions), translate-ctl.c (CS0/CS1/SS: disp, ct, call, return,
 * ibranch, setwd/setbn/setbp, loops and rotation).  See translate.h for
 * the two-phase model.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <string.h>

#include "qemu/log.h"
#include "exec/guest-memory.h"
#include "target/e2k/translate.h"

#define REG_OFF(n) ((intptr_t)(n) << E2K_REG_SHIFT)

int e2k_breg_index(uint32_t br, int n)
{
    int rbs = (br >> BR_RBS_SHIFT) & 0x3f;
    int rsz = (br >> BR_RSZ_SHIFT) & 0x3f;
    int rcur = (br >> BR_RCUR_SHIFT) & 0x3f;
    int size = (rsz + 1) * 2;

    return rbs * 2 + (rcur * 2 + n) % size;
}

int e2k_pred_index(uint32_t br, int n)
{
    int psz = (br >> BR_PSZ_SHIFT) & 0x1f;
    int pcur = (br >> BR_PCUR_SHIFT) & 0x1f;

    if (n <= psz) {
        return (pcur + n) % (psz + 1);
    }
    return n;
}

void e2k_gen_call_helper(void *fn, TCGTemp *ret, int nargs, ...)
{
    TCGTemp *args[TCG_MAX_CALL_ARGS];
    va_list ap;
    int i;

    va_start(ap, nargs);
    for (i = 0; i < nargs; i++) {
        args[i] = va_arg(ap, TCGTemp *);
    }
    va_end(ap);
    tcg_gen_callN(fn, 0, ret, nargs, args);
}

void e2k_gen_exception(DisasContext *dc, int sig, int code)
{
    e2k_gen_store_br(dc);
    e2k_gen_call_helper((void *)helper_raise, NULL, 4, tcg_temp(tcg_env),
                        tcg_temp(tcg_constant_i32(sig)),
                        tcg_temp(tcg_constant_i32(code)),
                        tcg_temp(tcg_constant_i64(dc->pc)));
    tcg_gen_exit_tb(NULL, 0);
    dc->ended = true;
}

bool e2k_reg_location(DisasContext *dc, const E2KOperand *op,
                      bool *base_env, intptr_t *off)
{
    switch (op->kind) {
    case E2K_OPND_WREG:
        *base_env = false;
        *off = REG_OFF(op->index);
        return true;
    case E2K_OPND_BREG:
        *base_env = false;
        *off = REG_OFF(e2k_breg_index(dc->br, op->index));
        return true;
    case E2K_OPND_GREG:
        *base_env = true;
        *off = offsetof(CPUE2KState, gregs) + REG_OFF(op->index);
        return true;
    default:
        return false;
    }
}

TCGv_i64 e2k_gen_reg_read(DisasContext *dc, const E2KOperand *op)
{
    TCGv_i64 v;
    bool base_env;
    intptr_t off;

    if (op->kind == E2K_OPND_LIT) {
        return tcg_constant_i64(op->value);
    }
    if (!e2k_reg_location(dc, op, &base_env, &off)) {
        return NULL;
    }
    v = tcg_temp_new_i64();
    tcg_gen_ld_i64(v, base_env ? tcg_env : dc->wptr,
                   off + offsetof(E2KReg, lo));
    return v;
}

void e2k_gen_add_src_tag(DisasContext *dc, int chan, TCGv_i64 tag)
{
    if (!dc->src_tag[chan]) {
        dc->src_tag[chan] = tcg_temp_new_i64();
        tcg_gen_mov_i64(dc->src_tag[chan], tag);
    } else {
        tcg_gen_or_i64(dc->src_tag[chan], dc->src_tag[chan], tag);
    }
}

void e2k_gen_check_tag(DisasContext *dc, TCGv_i64 tag)
{
    TCGLabel *ok = gen_new_label();

    tcg_gen_brcondi_i64(TCG_COND_EQ, tag, 0, ok);
    e2k_gen_call_helper((void *)helper_raise, NULL, 4, tcg_temp(tcg_env),
                        tcg_temp(tcg_constant_i32(E2K_SIGILL)),
                        tcg_temp(tcg_constant_i32(E2K_ILL_ILLOPN)),
                        tcg_temp(tcg_constant_i64(dc->pc)));
    tcg_gen_set_label(ok);
}

TCGv_i64 e2k_gen_src(DisasContext *dc, int chan, uint8_t field,
                     E2KOperandRole role)
{
    E2KOperand op;
    bool base_env;
    intptr_t off;

    if (!e2k_decode_operand(&dc->b, chan, field, role, &op)) {
        return NULL;
    }
    if (dc->tags && e2k_reg_location(dc, &op, &base_env, &off)) {
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_ld_i64(t, base_env ? tcg_env : dc->wptr,
                       off + offsetof(E2KReg, tag));
        e2k_gen_add_src_tag(dc, chan, t);
    }
    return e2k_gen_reg_read(dc, &op);
}

TCGv_i32 e2k_gen_pred_read(DisasContext *dc, int n)
{
    TCGv_i64 pf = tcg_temp_new_i64();
    TCGv_i32 v = tcg_temp_new_i32();
    int bit = 2 * e2k_pred_index(dc->br, n);

    tcg_gen_ld_i64(pf, tcg_env, offsetof(CPUE2KState, pf));
    if (dc->tags) {
        /* a diagnostic predicate may not decide anything */
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_andi_i64(t, pf, 2ULL << bit);
        e2k_gen_check_tag(dc, t);
    }
    tcg_gen_extract_i64(pf, pf, bit, 1);
    tcg_gen_extrl_i64_i32(v, pf);
    return v;
}

static void bundle_reset(DisasContext *dc)
{
    memset(dc->res, 0, sizeof(dc->res));
    memset(dc->pres, 0, sizeof(dc->pres));
    dc->npres = 0;
    memset(dc->ctpr_new, 0, sizeof(dc->ctpr_new));
    dc->ct_cond = NULL;
    dc->ct_always = false;
    memset(dc->has_store, 0, sizeof(dc->has_store));
    memset(dc->st_guard, 0, sizeof(dc->st_guard));
    dc->st_enable = NULL;
    memset(dc->src_tag, 0, sizeof(dc->src_tag));
    memset(dc->getsp_delta, 0, sizeof(dc->getsp_delta));
    memset(dc->getsp_guard, 0, sizeof(dc->getsp_guard));
    dc->loop_end = NULL;
}

static void commit_results(DisasContext *dc)
{
    int i;

    for (i = 0; i < 6; i++) {
        Result *r = &dc->res[i];
        TCGLabel *skip = NULL;

        if (r->kind == RES_NONE) {
            continue;
        }
        if (r->guard) {
            skip = gen_new_label();
            tcg_gen_brcondi_i32(TCG_COND_EQ, r->guard, 0, skip);
        }
        switch (r->kind) {
        case RES_REG: {
            TCGv_ptr base = r->base_env ? tcg_env : dc->wptr;

            tcg_gen_st_i64(r->val, base, r->off + offsetof(E2KReg, lo));
            if (r->hi) {
                tcg_gen_st_i64(r->hi, base, r->off + offsetof(E2KReg, hi));
            }
            if (r->tag) {
                tcg_gen_st_i64(r->tag, base, r->off + offsetof(E2KReg, tag));
            } else if (dc->tags) {
                tcg_gen_st_i64(tcg_constant_i64(0), base,
                               r->off + offsetof(E2KReg, tag));
            }
            break;
        }
        case RES_CTPR: {
            TCGv_i64 t = tcg_temp_new_i64();

            tcg_gen_andi_i64(t, r->val, CTPR_BASE_MASK);
            tcg_gen_ori_i64(t, t, (uint64_t)CTPR_TAG_DISP << CTPR_TAG_SHIFT);
            tcg_gen_st_i64(t, tcg_env, offsetof(CPUE2KState, ctpr) +
                           8 * r->off);
            dc->ctpr_known[r->off] = 0;
            break;
        }
        case RES_SREG:
            e2k_gen_store_br(dc);
            e2k_gen_call_helper((void *)helper_rwd, NULL, 4,
                                tcg_temp(tcg_env),
                                tcg_temp(tcg_constant_i32(r->off)),
                                tcg_temp(r->val),
                                tcg_temp(tcg_constant_i64(dc->pc)));
            break;
        default:
            break;
        }
        if (skip) {
            tcg_gen_set_label(skip);
        }
    }
    for (i = 0; i < 6; i++) {
        TCGLabel *skip = NULL;

        if (!dc->getsp_delta[i]) {
            continue;
        }
        if (dc->getsp_guard[i]) {
            skip = gen_new_label();
            tcg_gen_brcondi_i32(TCG_COND_EQ, dc->getsp_guard[i], 0, skip);
        }
        e2k_gen_call_helper((void *)helper_getsp, NULL, 2,
                            tcg_temp(tcg_env), tcg_temp(dc->getsp_delta[i]));
        if (skip) {
            tcg_gen_set_label(skip);
        }
    }
    for (i = 0; i < dc->npres; i++) {
        Result *r = &dc->pres[i];
        TCGLabel *skip = NULL;
        TCGv_i64 pf = tcg_temp_new_i64();
        int bit = 2 * e2k_pred_index(dc->br, r->off);

        if (r->guard) {
            skip = gen_new_label();
            tcg_gen_brcondi_i32(TCG_COND_EQ, r->guard, 0, skip);
        }
        /* value (and tag) into the two bits of the predicate */
        tcg_gen_ld_i64(pf, tcg_env, offsetof(CPUE2KState, pf));
        tcg_gen_andi_i64(pf, pf, ~(3ULL << bit));
        if (bit) {
            TCGv_i64 v = tcg_temp_new_i64();

            tcg_gen_shli_i64(v, r->val, bit);
            tcg_gen_or_i64(pf, pf, v);
        } else {
            tcg_gen_or_i64(pf, pf, r->val);
        }
        tcg_gen_st_i64(pf, tcg_env, offsetof(CPUE2KState, pf));
        if (skip) {
            tcg_gen_set_label(skip);
        }
    }
}

/*
 * Operations that can neither fault at run time nor fail to translate:
 * they may be generated after the stores of their wide instruction, so
 * their values need not survive the branches around the stores (which
 * would cost a spill and a reload each).  Everything else (loads, stores,
 * divisions, state registers, anything with tags on) comes first.
 */
static bool op_is_pure(DisasContext *dc, int chan, const E2KOpDesc *d)
{
    unsigned mask = e2k_op_operand_mask(d);
    E2KOperand op;

    if (dc->tags) {
        return false;
    }
    switch (d->id) {
    case E2K_OP_ADDS: case E2K_OP_ADDD: case E2K_OP_SUBS: case E2K_OP_SUBD:
    case E2K_OP_ANDS: case E2K_OP_ANDD: case E2K_OP_ANDNS: case E2K_OP_ANDND:
    case E2K_OP_ORS: case E2K_OP_ORD: case E2K_OP_ORNS: case E2K_OP_ORND:
    case E2K_OP_XORS: case E2K_OP_XORD: case E2K_OP_XORNS: case E2K_OP_XORND:
    case E2K_OP_SHLS: case E2K_OP_SHLD: case E2K_OP_SHRS: case E2K_OP_SHRD:
    case E2K_OP_SARS: case E2K_OP_SARD: case E2K_OP_SCLS: case E2K_OP_SCLD:
    case E2K_OP_SCRS: case E2K_OP_SCRD: case E2K_OP_MULS: case E2K_OP_MULD:
    case E2K_OP_UMULX: case E2K_OP_SMULX: case E2K_OP_SXT:
    case E2K_OP_GETFS: case E2K_OP_GETFD:
        break;
    default:
        if (d->alopf != E2K_ALOPF7 || !strncmp(d->name, "cmpand", 6)) {
            return false;
        }
        break;
    }
    /* every operand must decode, or translating it would fail late */
    if (((mask & 1) && !e2k_decode_operand(&dc->b, chan,
                                           e2k_op_src1_field(&dc->b, chan, d),
                                           E2K_ROLE_SRC1, &op)) ||
        ((mask & 2) && !e2k_decode_operand(&dc->b, chan,
                                           e2k_op_src2_field(&dc->b, chan, d),
                                           E2K_ROLE_SRC2, &op)) ||
        ((mask & 8) && !e2k_decode_operand(&dc->b, chan,
                                           e2k_op_dst_field(&dc->b, chan, d),
                                           E2K_ROLE_DST, &op))) {
        return false;
    }
    return true;
}

static void translate_bundle(DisasContext *dc)
{
    const E2KOpDesc *ops[6] = { NULL };
    bool pure[6] = { false };
    int chan, pass;

    bundle_reset(dc);
    if (!e2k_gen_ctl_read(dc)) {
        e2k_gen_exception(dc, E2K_SIGILL, E2K_ILL_ILLOPC);
        return;
    }
    for (chan = 0; chan < 6; chan++) {
        const E2KOpDesc *d;

        if (!(dc->b.als_mask & (1 << chan))) {
            continue;
        }
        if (chan >= 2 && ops[chan - 2] &&
            (ops[chan - 2]->flags & E2K_OPF_PAIR)) {
            continue;           /* second half of a channel pair */
        }
        d = e2k_bundle_alu_op(&dc->b, chan, dc->isa);
        if (!d) {
            qemu_log_mask(LOG_UNIMP | LOG_GUEST_ERROR,
                          "e2k: %#" PRIx64 ": no operation in ALS%d "
                          "(0x%08x)\n", dc->pc, chan, dc->b.als[chan]);
            e2k_gen_exception(dc, E2K_SIGILL, E2K_ILL_ILLOPC);
            return;
        }
        ops[chan] = d;
        pure[chan] = op_is_pure(dc, chan, d);
    }
    if (ops[0] && ops[5] && e2k_op_is_load(ops[0]) &&
        (ops[5]->alopf == E2K_ALOPF3 || ops[5]->alopf == E2K_ALOPF13 ||
         (ops[5]->flags & E2K_OPF_STORE))) {
        /* the hardware rejects a load on channel 0 together with a store
           on channel 5 in one wide instruction */
        qemu_log_mask(LOG_GUEST_ERROR, "e2k: %#" PRIx64 ": load in ALS0 "
                      "with a store in ALS5\n", dc->pc);
        e2k_gen_exception(dc, E2K_SIGILL, E2K_ILL_ILLOPC);
        return;
    }
    /* pass 0: everything that may fault; pass 1 (after the stores): the
       rest */
    for (pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            if (!e2k_gen_plu(dc)) {
                e2k_gen_exception(dc, E2K_SIGILL, E2K_ILL_ILLOPC);
                return;
            }
            e2k_gen_stores(dc);
        }
        for (chan = 0; chan < 6; chan++) {
            if (!ops[chan] || pure[chan] != (pass == 1)) {
                continue;
            }
            if (!e2k_gen_alu(dc, chan, ops[chan])) {
                qemu_log_mask(LOG_UNIMP, "e2k: %#" PRIx64 ": %s,%d is not "
                              "implemented\n", dc->pc, ops[chan]->name, chan);
                e2k_gen_exception(dc, E2K_SIGILL, E2K_ILL_ILLOPC);
                return;
            }
        }
    }
    commit_results(dc);
    e2k_gen_ctl_commit(dc);
}

/* Does any ALU channel of @b run speculatively (,sm)? */
static bool bundle_has_sm(const E2KBundle *b)
{
    int chan;

    for (chan = 0; chan < 6; chan++) {
        if ((b->als_mask & (1 << chan)) && E2K_ALS_SM(b->als[chan])) {
            return true;
        }
    }
    return false;
}

/* How many bytes of code at @pc may be read (0: not executable). */
static size_t code_avail(uint64_t pc)
{
    uint64_t page_end = (pc & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;
    size_t avail;

    if (!(page_get_flags(pc) & PAGE_EXEC)) {
        return 0;
    }
    avail = page_end - pc;
    if (avail < E2K_BUNDLE_MAX_BYTES &&
        (page_get_flags(page_end) & PAGE_EXEC)) {
        avail += E2K_BUNDLE_MAX_BYTES;
    }
    return avail;
}

void e2k_gen_intermediate_code(CPUE2KState *env, TranslationBlock *tb,
                               int max_bundles)
{
    DisasContext dc;
    uint64_t pc = tb->pc;
    int n = 0;

    memset(&dc, 0, sizeof(dc));
    dc.env = env;
    dc.tb = tb;
    dc.isa = env->isa;
    dc.tags = (tb->flags & E2K_TBFLAG_TAGS) != 0;
    dc.spec_safe = (tb->flags & E2K_TBFLAG_SPEC_SAFE) != 0;
    if (dc.spec_safe) {
        max_bundles = 1;
    }
    dc.br = tb->flags & E2K_TBFLAG_BR_MASK;
    dc.wptr = tcg_temp_new_ptr();
    tcg_gen_ld_ptr(dc.wptr, tcg_env, offsetof(CPUE2KState, wptr));
    if (max_bundles > 1) {
        /* (a TB too big to generate is retried with fewer bundles,
           finally one without copies) */
        e2k_loop_copies_begin(&dc);
    }

    for (;;) {
        size_t avail = code_avail(pc);
        Error *err = NULL;
        int len;

        dc.pc = pc;
        if (avail == 0) {
            if (n > 0) {
                e2k_gen_goto_pc(&dc, 0, pc);
                break;
            }
            tcg_gen_insn_start2(pc, 0);
            n++;
            e2k_gen_store_br(&dc);
            e2k_gen_call_helper((void *)helper_raise, NULL, 4,
                                tcg_temp(tcg_env),
                                tcg_temp(tcg_constant_i32(E2K_SIGSEGV)),
                                tcg_temp(tcg_constant_i32(E2K_SEGV_MAPERR)),
                                tcg_temp(tcg_constant_i64(pc)));
            tcg_gen_exit_tb(NULL, 0);
            pc += 8;
            break;
        }
        len = e2k_decode_bundle(g2h(pc), avail, dc.isa, &dc.b, &err);
        tcg_gen_insn_start2(pc, len > 0 && bundle_has_sm(&dc.b));
        n++;
        if (len < 0) {
            qemu_log_mask(LOG_GUEST_ERROR, "e2k: %#" PRIx64 ": %s\n", pc,
                          error_get_pretty(err));
            error_free(err);
            e2k_gen_exception(&dc, E2K_SIGILL, E2K_ILL_ILLOPC);
            pc += 8;
            break;
        }
        dc.next_pc = pc + len;
        if (n == 1) {
            e2k_loop_bundle(&dc, translate_bundle);
            e2k_loop_copies_emit(&dc, bundle_has_sm(&dc.b), translate_bundle);
        } else {
            translate_bundle(&dc);
        }
        pc += len;
        if (dc.ended) {
            break;
        }
        if (n >= max_bundles || tcg_op_buf_full() ||
            (pc & TARGET_PAGE_MASK) != (tb->pc & TARGET_PAGE_MASK)) {
            e2k_gen_goto_pc(&dc, 0, pc);
            break;
        }
    }
    tb->size = pc - tb->pc;
    tb->icount = n;
}
