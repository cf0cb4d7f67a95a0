/*
 * e2k translator: the read phase of scalar floating-point operations.
 *
 * Dispatch is by the operation's semantics row (opsem.h, generated with
 * the opcode table): the family says the shape (arithmetic, combined,
 * fused, compare, conversion, move) and the row's operation and operand
 * types pick the helper from the tables below.  An operation whose row
 * names something not implemented here returns false, which the caller
 * turns into SIGILL.
 *
 * Operations with an f80 operand or result (the x87-style unit) take
 * the sign/exponent halves of their f80 sources from the register
 * extensions and write the result's into the destination's.
 *
 * The helpers (fpu_helper.c) compute exact results and raise the IEEE
 * flags; they are declared with their call flags (fpu_helper.h), so a
 * call does not spill or reload every TCG global.
 *
 * Fast path: f32/f64 add, sub, mul, div, min, max, sqrt, compares and
 * the f32/f64/integer conversions are one inline SSE instruction (the
 * fpu1/fpu2 ops, include/tcg/tcg-fp.h), which gives the e2k result and
 * flags exactly while the host MXCSR is in its default state: round to
 * nearest, no flush-to-zero, every exception masked.  That is right
 * only while the guest's PFPFR asks for the same, so inline operations
 * are preceded by a guard on PFPFR's control bits (one per TB, unless a
 * label or an rws/rwd intervenes).  When it fails (the guest set another
 * rounding mode, FTZ or unmasked an exception), the wide instruction is
 * translated again on its own with the helpers (e2k_fpu_guard_failed).
 * The flags the inline operations leave in MXCSR reach PFPFR as
 * fpu_helper.h describes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdlib.h>

#include "qemu/bitops.h"
#include "qemu/log.h"
#include "target/e2k/translate.h"
#include "target/e2k/opsem.h"
#include "target/e2k/fpu_helper.h"

void e2k_gen_helper(const E2KHelperInfo *h, TCGTemp *ret, int nargs, ...)
{
    TCGTemp *args[TCG_MAX_CALL_ARGS];
    va_list ap;
    int i;

    g_assert(nargs == h->nargs);
    g_assert((ret == NULL) == (h->ret == E2K_HK_VOID));
    va_start(ap, nargs);
    for (i = 0; i < nargs; i++) {
        args[i] = va_arg(ap, TCGTemp *);
    }
    va_end(ap);
    tcg_gen_callN(h->fn, h->flags, ret, nargs, args);
}

/* Helpers by operation, [0] for f32 and [1] for f64. */
static const E2KHelperInfo *const fp_binop[][2] = {
    [E2K_FOP_ADD] = { &e2k_helper_fadds, &e2k_helper_faddd },
    [E2K_FOP_SUB] = { &e2k_helper_fsubs, &e2k_helper_fsubd },
    [E2K_FOP_MUL] = { &e2k_helper_fmuls, &e2k_helper_fmuld },
    [E2K_FOP_DIV] = { &e2k_helper_fdivs, &e2k_helper_fdivd },
    [E2K_FOP_MIN] = { &e2k_helper_fmins, &e2k_helper_fmind },
    [E2K_FOP_MAX] = { &e2k_helper_fmaxs, &e2k_helper_fmaxd },
    [E2K_FOP_SCALE] = { &e2k_helper_fscales, &e2k_helper_fscaled },
    [E2K_FOP_RINT] = { &e2k_helper_fstoifs, &e2k_helper_fdtoifd },
    [E2K_FOP_FMA] = { &e2k_helper_fmas, &e2k_helper_fmad },
    [E2K_FOP_FMS] = { &e2k_helper_fmss, &e2k_helper_fmsd },
    [E2K_FOP_FNMA] = { &e2k_helper_fnmas, &e2k_helper_fnmad },
    [E2K_FOP_FNMS] = { &e2k_helper_fnmss, &e2k_helper_fnmsd },
};

/* Conversions: (source type, result type, operation) -> helper. */
static const struct {
    uint8_t from, to, op;
    const E2KHelperInfo *h;
    TCGFpOp sse;            /* the same result inline (32-bit results
                               zero-extended, as the helper's) */
} fp_cvt[] = {
    { E2K_FT_F32, E2K_FT_F64, E2K_FOP_ROUND, &e2k_helper_fstofd,
      TCG_FP_STOD },
    { E2K_FT_F64, E2K_FT_F32, E2K_FOP_ROUND, &e2k_helper_fdtofs,
      TCG_FP_DTOS },
    { E2K_FT_F32, E2K_FT_I32, E2K_FOP_ROUND, &e2k_helper_fstois,
      TCG_FP_STOI32 },
    { E2K_FT_F32, E2K_FT_I32, E2K_FOP_TRUNC, &e2k_helper_fstoistr,
      TCG_FP_STOI32T },
    { E2K_FT_F32, E2K_FT_I64, E2K_FOP_ROUND, &e2k_helper_fstoid,
      TCG_FP_STOI64 },
    { E2K_FT_F32, E2K_FT_I64, E2K_FOP_TRUNC, &e2k_helper_fstoidtr,
      TCG_FP_STOI64T },
    { E2K_FT_F64, E2K_FT_I32, E2K_FOP_ROUND, &e2k_helper_fdtois,
      TCG_FP_DTOI32 },
    { E2K_FT_F64, E2K_FT_I32, E2K_FOP_TRUNC, &e2k_helper_fdtoistr,
      TCG_FP_DTOI32T },
    { E2K_FT_F64, E2K_FT_I64, E2K_FOP_ROUND, &e2k_helper_fdtoid,
      TCG_FP_DTOI64 },
    { E2K_FT_F64, E2K_FT_I64, E2K_FOP_TRUNC, &e2k_helper_fdtoidtr,
      TCG_FP_DTOI64T },
    { E2K_FT_I32, E2K_FT_F32, E2K_FOP_ROUND, &e2k_helper_istofs,
      TCG_FP_I32TOS },
    { E2K_FT_I32, E2K_FT_F64, E2K_FOP_ROUND, &e2k_helper_istofd,
      TCG_FP_I32TOD },
    { E2K_FT_I64, E2K_FT_F32, E2K_FOP_ROUND, &e2k_helper_idtofs,
      TCG_FP_I64TOS },
    { E2K_FT_I64, E2K_FT_F64, E2K_FOP_ROUND, &e2k_helper_idtofd,
      TCG_FP_I64TOD },
};

/*
 * A program that runs with another PFPFR for long (a rounding mode, or
 * exceptions unmasked for good) would fail a guard at nearly every FP
 * wide instruction.  After this many failures the process stops using
 * inline SSE: every TB is translated again, with the helpers.
 */
#define FP_GUARD_FAILS_MAX 10000

static unsigned fp_guard_fails;
static bool fp_inline_off;          /* read by the translator */

bool e2k_fpu_inline_retire_pending(void)
{
    return __atomic_load_n(&fp_guard_fails, __ATOMIC_RELAXED) >=
           FP_GUARD_FAILS_MAX &&
           !__atomic_load_n(&fp_inline_off, __ATOMIC_RELAXED);
}

void e2k_fpu_inline_retire(void)
{
    __atomic_store_n(&fp_inline_off, true, __ATOMIC_RELAXED);
    qemu_log_mask(LOG_UNIMP, "e2k: %u FP mode guard failures: inline SSE "
                  "off, all code retranslated\n", FP_GUARD_FAILS_MAX);
}

void e2k_fpu_guard_failed(void *opaque, uintptr_t host_pc)
{
    CPUE2KState *env = opaque;
    TranslationBlock *tb = tcg_tb_lookup(host_pc);
    uint64_t data[2];

    if (!tb || !tcg_restore_state_from_host_pc(tb, host_pc, data, 2)) {
        abort();
    }
    __atomic_add_fetch(&fp_guard_fails, 1, __ATOMIC_RELAXED);
    /* The loop translates a TB of this one wide instruction with
       E2K_TBFLAG_SPEC_SAFE, and there the FP operations use helpers. */
    env->ip = data[0];
    env->spec_retry_pc = env->ip;
    e2k_cpu_loop_exit(env, EXCP_SPEC_RETRY);
}

int e2k_fpu_sse_binop(int op, bool dbl)
{
    switch (op) {
    case E2K_FOP_ADD: return dbl ? TCG_FP_ADDD : TCG_FP_ADDS;
    case E2K_FOP_SUB: return dbl ? TCG_FP_SUBD : TCG_FP_SUBS;
    case E2K_FOP_MUL: return dbl ? TCG_FP_MULD : TCG_FP_MULS;
    case E2K_FOP_DIV: return dbl ? TCG_FP_DIVD : TCG_FP_DIVS;
    case E2K_FOP_MIN: return dbl ? TCG_FP_MIND : TCG_FP_MINS;
    case E2K_FOP_MAX: return dbl ? TCG_FP_MAXD : TCG_FP_MAXS;
    default: return -1;
    }
}

/*
 * Whether a guard already covers the code being generated: an earlier
 * guard op of this TB that every path here passed, with no rws/rwd in
 * between (the only way translated code changes PFPFR; the FP helpers
 * only add flags).  Scanning back stops at a label, where paths join.
 */
static bool guard_in_force(void)
{
    for (int i = tcg_ctx->nb_ops - 1; i >= 0; i--) {
        const TCGOp *op = &tcg_ctx->ops[i];

        switch (op->opc) {
        case INDEX_op_guard:
            return true;
        case INDEX_op_set_label:
            return false;
        case INDEX_op_call:
            if (op->args[op->nb_oargs + op->nb_iargs] ==
                (TCGArg)(uintptr_t)helper_rwd) {
                return false;
            }
            break;
        default:
            break;
        }
    }
    return false;
}

/*
 * May this operation use inline SSE?  Not in a TB retranslated after a
 * failed guard (or a speculative fault: both are one wide instruction,
 * with E2K_TBFLAG_SPEC_SAFE).  Emits a guard on the PFPFR control bits
 * unless one is in force.  A failing guard reruns its own wide
 * instruction, whose read phase has no effect yet.
 */
static bool gen_inline_ok(DisasContext *dc)
{
    if (dc->spec_safe || __atomic_load_n(&fp_inline_off, __ATOMIC_RELAXED)) {
        return false;
    }
    if (!guard_in_force()) {
        if (tcg_guard_hook != e2k_fpu_guard_failed) {
            /* once, before any guard is published: other threads that
               run guards only ever read it */
            tcg_guard_hook = e2k_fpu_guard_failed;
        }
        e2k_gen_store_br(dc);
        tcg_gen_guard_env32(offsetof(CPUE2KState, fpu.pfpfr),
                            PFPFR_INLINE_MASK, PFPFR_INLINE_VALUE);
    }
    return true;
}

bool e2k_fpu_inline_ok(DisasContext *dc)
{
    return gen_inline_ok(dc);
}

static TCGv_i64 gen_inline1(TCGFpOp op, TCGv_i64 x)
{
    TCGv_i64 r = tcg_temp_new_i64();

    tcg_gen_fpu1_i64(op, r, x);
    return r;
}

static TCGv_i64 gen_inline2(TCGFpOp op, TCGv_i64 x, TCGv_i64 y)
{
    TCGv_i64 r = tcg_temp_new_i64();

    tcg_gen_fpu2_i64(op, r, x, y);
    return r;
}

/* Index of an f32/f64 type in the tables, or -1. */
static int fp_idx(uint8_t t)
{
    return t == E2K_FT_F32 ? 0 : t == E2K_FT_F64 ? 1 : -1;
}

/*
 * Speculative FP operations.  Inline SSE runs only with every exception
 * masked, so only a helper can meet an unmasked one.  Under ,sm its @pc
 * carries E2K_FP_PC_SPEC, and instead of raising SIGFPE it sets
 * fpu.spec_fail, which is cleared before the operation's first helper
 * call and read after the last: nonzero makes the result diagnostic.
 * An operation's helper calls are straight-line code, so the clear
 * dominates them.  An inline ,sm operation costs nothing extra.
 *
 * A ,sm operation with a diagnostic source gives a diagnostic result
 * and, like a failed one, accrues no flag (e2k-fpu.md): its operands
 * are replaced by 1.0 (e2k_fpu_spec_operand), on which no operation
 * raises anything, inline or in a helper, and its result by 0.
 */
void e2k_fpu_spec_begin(DisasContext *dc, int chan)
{
    dc->fp_spec = E2K_ALS_SM(dc->b.als[chan]);
    dc->fp_spec_armed = false;
    dc->fp_spec_tag = dc->fp_spec && dc->tags ? dc->src_tag[chan] : NULL;
    dc->fp_spec_subst = false;
}

TCGv_i64 e2k_fpu_spec_operand(DisasContext *dc, TCGv_i64 x, uint64_t one)
{
    TCGv_i64 t;

    if (!x || !dc->fp_spec_tag) {
        return x;
    }
    t = tcg_temp_new_i64();
    tcg_gen_movcond_i64(TCG_COND_NE, t, dc->fp_spec_tag, tcg_constant_i64(0),
                        tcg_constant_i64(one), x);
    dc->fp_spec_subst = true;
    return t;
}

TCGv_i64 e2k_fpu_helper_pc(DisasContext *dc)
{
    if (!dc->fp_spec) {
        return tcg_constant_i64(dc->pc);
    }
    if (!dc->fp_spec_armed) {
        tcg_gen_st32_i64(tcg_constant_i64(0), tcg_env,
                         offsetof(CPUE2KState, fpu.spec_fail));
        dc->fp_spec_armed = true;
    }
    return tcg_constant_i64(dc->pc | E2K_FP_PC_SPEC);
}

static TCGv_i64 zero_if(TCGv_i64 bad, TCGv_i64 x)
{
    TCGv_i64 out = tcg_temp_new_i64();

    tcg_gen_movcond_i64(TCG_COND_NE, out, bad, tcg_constant_i64(0),
                        tcg_constant_i64(0), x);
    return out;
}

TCGv_i64 e2k_fpu_spec_end_q(DisasContext *dc, int chan, TCGv_i64 r,
                            TCGv_i64 *hi)
{
    TCGv_i64 bad = NULL;
    bool armed = dc->fp_spec_armed;

    if (dc->fp_spec_subst) {
        bad = dc->fp_spec_tag;
    }
    dc->fp_spec = dc->fp_spec_armed = dc->fp_spec_subst = false;
    dc->fp_spec_tag = NULL;
    if (!r) {
        return r;
    }
    if (armed) {
        TCGv_i64 failed = tcg_temp_new_i64();

        tcg_gen_ld32u_i64(failed, tcg_env,
                          offsetof(CPUE2KState, fpu.spec_fail));
        e2k_gen_spec_failed(dc, chan, failed);
        if (bad) {
            tcg_gen_or_i64(failed, failed, bad);
        }
        bad = failed;
    }
    if (!bad) {
        return r;
    }
    if (hi && *hi) {
        *hi = zero_if(bad, *hi);
    }
    return zero_if(bad, r);
}

TCGv_i64 e2k_fpu_spec_end(DisasContext *dc, int chan, TCGv_i64 r)
{
    return e2k_fpu_spec_end_q(dc, chan, r, NULL);
}

static TCGv_i64 gen_pc(DisasContext *dc)
{
    return e2k_fpu_helper_pc(dc);
}

static TCGv_i64 gen_call2(DisasContext *dc, const E2KHelperInfo *h,
                          TCGv_i64 x, TCGv_i64 y)
{
    TCGv_i64 r = tcg_temp_new_i64();

    e2k_gen_helper(h, tcg_temp(r), 4, tcg_temp(tcg_env), tcg_temp(x),
                   tcg_temp(y), tcg_temp(gen_pc(dc)));
    return r;
}

static TCGv_i64 gen_call1(DisasContext *dc, const E2KHelperInfo *h,
                          TCGv_i64 x)
{
    TCGv_i64 r = tcg_temp_new_i64();

    e2k_gen_helper(h, tcg_temp(r), 3, tcg_temp(tcg_env), tcg_temp(x),
                   tcg_temp(gen_pc(dc)));
    return r;
}

static TCGv_i64 gen_call3(DisasContext *dc, const E2KHelperInfo *h,
                          TCGv_i64 x, TCGv_i64 y, TCGv_i64 z)
{
    TCGv_i64 r = tcg_temp_new_i64();

    e2k_gen_helper(h, tcg_temp(r), 5, tcg_temp(tcg_env), tcg_temp(x),
                   tcg_temp(y), tcg_temp(z), tcg_temp(gen_pc(dc)));
    return r;
}

/* x OP y for a binary operation of the table (RSUB: y - x). */
static TCGv_i64 gen_binop(DisasContext *dc, uint8_t op, int ti, TCGv_i64 x,
                          TCGv_i64 y)
{
    int sse;

    if (op == E2K_FOP_RSUB) {
        TCGv_i64 t = x;

        x = y;
        y = t;
        op = E2K_FOP_SUB;
    }
    sse = e2k_fpu_sse_binop(op, ti);
    if (sse >= 0 && gen_inline_ok(dc)) {
        return gen_inline2(sse, x, y);
    }
    if (op >= ARRAY_SIZE(fp_binop) || !fp_binop[op][ti]) {
        return NULL;
    }
    return gen_call2(dc, fp_binop[op][ti], x, y);
}

static TCGv_i64 gen_arith(DisasContext *dc, const E2KOpSem *s, TCGv_i64 a,
                          TCGv_i64 b)
{
    int ti = fp_idx(s->tdst);

    if (ti < 0 || (s->t1 != s->tdst && s->t1 != E2K_FT_NONE &&
                   s->op != E2K_FOP_RINT)) {
        return NULL;        /* f80 forms */
    }
    switch (s->op) {
    case E2K_FOP_SQRT:
        if (gen_inline_ok(dc)) {
            return gen_inline1(ti ? TCG_FP_SQRTD : TCG_FP_SQRTS, b);
        }
        return gen_call1(dc, ti ? &e2k_helper_fsqrtd : &e2k_helper_fsqrts, b);
    case E2K_FOP_SQRT_INIT: {
        /* First step of fsqrtid/fsqrttd: the last step computes the
           correctly rounded root from src1 alone (see e2k-fpu.md). */
        TCGv_i64 r = tcg_temp_new_i64();

        tcg_gen_mov_i64(r, b);
        return r;
    }
    case E2K_FOP_SQRT_FINAL:
        if (gen_inline_ok(dc)) {
            return gen_inline1(TCG_FP_SQRTD, a);
        }
        return gen_call1(dc, &e2k_helper_fsqrtd, a);
    default:
        return gen_binop(dc, s->op, ti, a, b);
    }
}

static TCGv_i64 gen_cvt(DisasContext *dc, const E2KOpSem *s, TCGv_i64 b)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(fp_cvt); i++) {
        if (fp_cvt[i].from == s->t2 && fp_cvt[i].to == s->tdst &&
            fp_cvt[i].op == s->op) {
            if (gen_inline_ok(dc)) {
                return gen_inline1(fp_cvt[i].sse, b);
            }
            return gen_call1(dc, fp_cvt[i].h, b);
        }
    }
    return NULL;
}

static TCGv_i64 gen_cmp(DisasContext *dc, const E2KOpSem *s, TCGv_i64 a,
                        TCGv_i64 b)
{
    TCGv_i64 r = tcg_temp_new_i64();
    int ti = fp_idx(s->t1);

    if (ti < 0 || s->t2 != s->t1) {
        return NULL;
    }
    if (gen_inline_ok(dc)) {
        return gen_inline2((ti ? TCG_FP_CMPD : TCG_FP_CMPS) + (s->op & 7),
                           a, b);
    }
    e2k_gen_helper(ti ? &e2k_helper_fcmpd : &e2k_helper_fcmps, tcg_temp(r),
                   5, tcg_temp(tcg_env), tcg_temp(a), tcg_temp(b),
                   tcg_temp(tcg_constant_i32(s->op)), tcg_temp(gen_pc(dc)));
    return r;
}

#define F80_ONE_HI 0x3fff      /* the sign/exponent half of f80 1.0 */

/* The upper half (f80 sign/exponent) of source operand @field. */
static TCGv_i64 gen_src_hi(DisasContext *dc, int chan, uint8_t field,
                           E2KOperandRole role)
{
    E2KOperand op;

    if (!e2k_decode_operand(&dc->b, chan, field, role, &op)) {
        return NULL;
    }
    return e2k_gen_reg_read_hi(dc, &op);
}

/*
 * An operation with an f80 operand or result (the x87-style unit):
 * arithmetic with src1 f80, compares into predicates, conversions.
 * Returns the result (NULL: not implemented); *hi receives the
 * sign/exponent half of an f80 result.
 */
static TCGv_i64 gen_fx(DisasContext *dc, int chan, const E2KOpDesc *d,
                       const E2KOpSem *s, TCGv_i64 a, TCGv_i64 b,
                       TCGv_i64 *hi)
{
    TCGv_i64 meta = tcg_temp_new_i64(), r = tcg_temp_new_i64();
    TCGv_i64 h;

    tcg_gen_movi_i64(meta, E2K_FX_META(0, 0, s->op, s->t2, s->tdst));
    if (s->t1 == E2K_FT_F80) {
        h = gen_src_hi(dc, chan, e2k_op_src1_field(&dc->b, chan, d),
                       E2K_ROLE_SRC1);
        if (!h) {
            return NULL;
        }
        h = e2k_fpu_spec_operand(dc, h, F80_ONE_HI);
        tcg_gen_deposit_i64(meta, meta, h, 0, 16);
    }
    if (s->t2 == E2K_FT_F80) {
        h = gen_src_hi(dc, chan, e2k_op_src2_field(&dc->b, chan, d),
                       E2K_ROLE_SRC2);
        if (!h) {
            return NULL;
        }
        h = e2k_fpu_spec_operand(dc, h, F80_ONE_HI);
        tcg_gen_deposit_i64(meta, meta, h, 16, 16);
    }
    switch (s->family) {
    case E2K_SEM_FP_ARITH:
        if (s->t1 != E2K_FT_F80 || s->op < E2K_FOP_ADD ||
            s->op > E2K_FOP_DIV) {
            return NULL;
        }
        e2k_gen_helper(&e2k_helper_fxop, tcg_temp(r), 5, tcg_temp(tcg_env),
                       tcg_temp(a), tcg_temp(b), tcg_temp(meta),
                       tcg_temp(gen_pc(dc)));
        break;
    case E2K_SEM_FP_CMP_FLAGS:
        tcg_gen_ori_i64(meta, meta, (uint64_t)E2K_FX_CMP_FLAGS << 32);
        /* fall through */
    case E2K_SEM_FP_CMP_PRED:
        e2k_gen_helper(&e2k_helper_fxcmp, tcg_temp(r), 5, tcg_temp(tcg_env),
                       tcg_temp(a), tcg_temp(b), tcg_temp(meta),
                       tcg_temp(gen_pc(dc)));
        return r;
    case E2K_SEM_FP_CVT:
        e2k_gen_helper(&e2k_helper_fxcvt, tcg_temp(r), 4, tcg_temp(tcg_env),
                       tcg_temp(b), tcg_temp(meta), tcg_temp(gen_pc(dc)));
        break;
    default:
        return NULL;
    }
    if (s->tdst == E2K_FT_F80) {
        *hi = tcg_temp_new_i64();
        tcg_gen_ld_i64(*hi, tcg_env, offsetof(CPUE2KState, fpu.ret_hi));
    }
    return r;
}

/* 1.0 of type @t (an f80's significand; an integer 1). */
static uint64_t fp_one(uint8_t t)
{
    switch (t) {
    case E2K_FT_F32: return 0x3f800000;
    case E2K_FT_F64: return E2K_FP_ONE_D;
    case E2K_FT_F80: return 1ull << 63;
    default: return 1;
    }
}

static bool has_f80(const E2KOpSem *s)
{
    return s->family != E2K_SEM_FP_MOV &&
           (s->t1 == E2K_FT_F80 || s->t2 == E2K_FT_F80 ||
            s->tdst == E2K_FT_F80);
}

bool e2k_gen_fpu(DisasContext *dc, int chan, const E2KOpDesc *d,
                 TCGv_i64 a, TCGv_i64 b, TCGv_i64 c, TCGv_i32 guard)
{
    const E2KOpSem *s = &e2k_op_sem[d->id];
    uint8_t dst = e2k_op_dst_field(&dc->b, chan, d);
    TCGv_i64 r = NULL, hi = NULL;
    int ti;

    e2k_fpu_spec_begin(dc, chan);
    if (s->family != E2K_SEM_FP_MOV) {
        a = e2k_fpu_spec_operand(dc, a, fp_one(s->t1));
        b = e2k_fpu_spec_operand(dc, b, fp_one(s->t2));
        c = e2k_fpu_spec_operand(dc, c, fp_one(s->t3 ? s->t3 : s->tdst));
    }
    if (has_f80(s)) {
        r = gen_fx(dc, chan, d, s, a, b, &hi);
        if (r && s->family == E2K_SEM_FP_CMP_PRED) {
            r = e2k_fpu_spec_end(dc, chan, r);
            e2k_alu_add_pred_result(dc, chan, dc->b.als[chan] & 0x1f, r,
                                    guard);
            return true;
        }
    } else {
        switch (s->family) {
        case E2K_SEM_FP_ARITH:
            r = gen_arith(dc, s, a, b);
            break;
        case E2K_SEM_FP_COMB: {
            TCGv_i64 t;

            ti = fp_idx(s->tdst);
            if (ti < 0) {
                return false;
            }
            /* the second stage takes src3 first: x_subd is src3 - x */
            t = gen_binop(dc, s->op, ti, a, b);
            r = t ? gen_binop(dc, s->op2, ti, c, t) : NULL;
            break;
        }
        case E2K_SEM_FP_FMA:
            ti = fp_idx(s->tdst);
            if (ti < 0) {
                return false;
            }
            r = gen_call3(dc, fp_binop[s->op][ti], a, b, c);
            break;
        case E2K_SEM_FP_CMP_PRED:
            r = gen_cmp(dc, s, a, b);
            if (!r) {
                return false;
            }
            r = e2k_fpu_spec_end(dc, chan, r);
            e2k_alu_add_pred_result(dc, chan, dc->b.als[chan] & 0x1f, r, guard);
            return true;
        case E2K_SEM_FP_CMP_REG:
            r = gen_cmp(dc, s, a, b);
            if (r) {
                /* all ones when true */
                tcg_gen_neg_i64(r, r);
                if (s->tdst == E2K_FT_F32) {
                    tcg_gen_ext32u_i64(r, r);
                }
            }
            break;
        case E2K_SEM_FP_CMP_FLAGS:
            ti = fp_idx(s->t1);
            if (ti < 0) {
                return false;
            }
            if (gen_inline_ok(dc)) {
                bool od = s->op == E2K_FCMP_OD;

                r = gen_inline2(ti ? (od ? TCG_FP_COMID : TCG_FP_UCOMID)
                                   : (od ? TCG_FP_COMIS : TCG_FP_UCOMIS),
                                a, b);
                break;
            }
            r = tcg_temp_new_i64();
            e2k_gen_helper(ti ? &e2k_helper_fcmpfd : &e2k_helper_fcmpfs,
                           tcg_temp(r), 5, tcg_temp(tcg_env), tcg_temp(a),
                           tcg_temp(b), tcg_temp(tcg_constant_i32(s->op)),
                           tcg_temp(gen_pc(dc)));
            break;
        case E2K_SEM_FP_CVT:
            r = gen_cvt(dc, s, b);
            break;
        case E2K_SEM_FP_MOV:
            if (s->op == E2K_FOP_MOVFI) {
                /* the sign/exponent half of an f80 register */
                r = gen_src_hi(dc, chan, e2k_op_src2_field(&dc->b, chan, d),
                               E2K_ROLE_SRC2);
                if (r) {
                    TCGv_i64 t = tcg_temp_new_i64();

                    tcg_gen_andi_i64(t, r, 0xffff);
                    r = t;
                }
            } else if (s->op != E2K_FOP_MOVIF) {
                /* movx/movxa/movxc: an f80 copy, its sign kept, cleared
                   or flipped (bit 15 of the extension) */
                TCGv_i64 h = gen_src_hi(dc, chan,
                                        e2k_op_src2_field(&dc->b, chan, d),
                                        E2K_ROLE_SRC2);

                if (!h) {
                    return false;
                }
                r = tcg_temp_new_i64();
                tcg_gen_mov_i64(r, b);
                hi = tcg_temp_new_i64();
                tcg_gen_andi_i64(hi, h, s->op == E2K_FOP_MOVXA ? 0x7fff :
                                 0xffff);
                if (s->op == E2K_FOP_MOVXC) {
                    tcg_gen_xori_i64(hi, hi, 0x8000);
                }
            } else {
                /* movif: significand from src1, sign/exponent from src2 */
                r = tcg_temp_new_i64();
                tcg_gen_mov_i64(r, a);
                hi = tcg_temp_new_i64();
                tcg_gen_andi_i64(hi, b, 0xffff);
            }
            break;
        default:
            return false;
        }
    }
    if (!r) {
        return false;
    }
    r = e2k_fpu_spec_end(dc, chan, r);
    if (!e2k_alu_set_result(dc, chan, dst, r, guard)) {
        return false;
    }
    dc->res[chan].hi = hi;
    return true;
}
