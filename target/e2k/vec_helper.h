/*
 * e2k packed operations on 64-bit registers (vec_helper.c): pure
 * functions of their operands, called from translated code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_E2K_VEC_HELPER_H
#define TARGET_E2K_VEC_HELPER_H

#include <stdint.h>

#include <glib.h>

#include "target/e2k/helper-def.h"
#include "target/e2k/opsem.h"

#define E2K_VEC2(id, name) uint64_t helper_##name(uint64_t a, uint64_t b);
#define E2K_VEC3(id, name) uint64_t helper_##name(uint64_t a, uint64_t b, \
                                               uint64_t c);
#define E2K_VECL(id, name) uint64_t helper_##name(uint64_t a, uint64_t b, \
                                               uint64_t lit);
#define E2K_VECP(id, name) uint64_t helper_##name(uint64_t a, uint64_t b);
#include "target/e2k/vec-ops.h"
#undef E2K_VEC2
#undef E2K_VEC3
#undef E2K_VECL
#undef E2K_VECP

/*
 * Packed floating point on 64-bit registers (v3+): two f32 lanes, or
 * one f64 (or f32) lane, each computed by the scalar helper of
 * fpu_helper.c with the guest's rounding mode; the flags of all lanes
 * are gathered and accrued into PFPFR once, and an unmasked one raises
 * SIGFPE with PFPFR as before the operation.
 *
 * helper_pfop(env, src1, src2, meta, pc): @meta is E2K_PF_META(op,
 * shape, cond).  One-source operations take their operand in src2.
 */
enum {
    /* the scalar operations' values, so their tables serve both units */
    E2K_PF_ADD = E2K_FOP_ADD, E2K_PF_SUB = E2K_FOP_SUB,
    E2K_PF_MUL = E2K_FOP_MUL, E2K_PF_DIV = E2K_FOP_DIV,
    E2K_PF_MIN = E2K_FOP_MIN, E2K_PF_MAX = E2K_FOP_MAX,
    E2K_PF_HADD,        /* r0 = a0 + a1, r1 = b0 + b1 */
    E2K_PF_HSUB,        /* r0 = a0 - a1, r1 = b0 - b1 */
    E2K_PF_ADDSUB,      /* r0 = a0 - b0, r1 = a1 + b1 */
    E2K_PF_CMP,         /* all ones / zero per lane; cond E2K_FCMP_* */
    E2K_PF_FTOI,        /* float -> int32, current rounding */
    E2K_PF_FTOITR,      /* float -> int32, toward zero */
    E2K_PF_ITOF,        /* int32 -> f32 */
    E2K_PF_STOD,        /* f32 (low lane) -> f64 */
    E2K_PF_DTOS,        /* f64 -> f32 */
    E2K_PF_RINT,        /* round to integral, src1 the mode (fstoifs) */
    E2K_PF_SQRT,        /* sqrt(src2) */
    E2K_PF_SQRTT,       /* sqrt(src1): the last step of the two-step root */
    E2K_PF__COUNT
};
/* Lane shapes. */
#define E2K_PF_2S 0     /* two f32 lanes */
#define E2K_PF_1D 1     /* one f64 lane */
#define E2K_PF_1S 2     /* one f32 lane (the low half) */
#define E2K_PF_META(op, shape, cond) \
    ((uint64_t)(op) | ((uint64_t)(shape) << 8) | ((uint64_t)(cond) << 12))

E2K_DEF_HELPER_5(pfop, TCG_CALL_NO_WG, i64, env, i64, i64, i64, i64);

/* plog_* / qplog_* (v5+): bit i of the result is bit (a_i << 2 | b_i << 1
   | c_i) of the truth table @t, on each 64-bit half. */
E2K_DEF_HELPER_4(plog, TCG_CALL_NO_RWG_SE, i64, i64, i64, i64, i64);

/*
 * 128-bit (%qpr, v5+) operations that mix the halves: the translator
 * stores the sources' halves into env->vec.src and the helper leaves
 * the result in env->vec.dst.  @op says which (below), @pc the wide
 * instruction (the FP ones may raise SIGFPE).
 */
E2K_DEF_HELPER_3(qpop, TCG_CALL_NO_WG, void, env, i32, i64);
/* helper_qpop's @op: the operation's index (e2k_qpop_index) and, for a
   packed FP compare, the condition (E2K_FCMP_*); or a combined FP
   operation (qpf<op1>_<op2>): its two stages (E2K_PF_*), rsub (t -
   src3) and f64 lanes. */
#define E2K_QP_ID(x)        ((x) & 0xfff)    /* the index */
#define E2K_QP_COND(x)      (((x) >> 12) & 7)
#define E2K_QP_COMB         0x8000
#define E2K_QP_COMB_DBL     0x4000
#define E2K_QP_COMB_RSUB    0x2000
#define E2K_QP_COMB_OP1(x)  ((x) & 0xf)
#define E2K_QP_COMB_OP2(x)  (((x) >> 4) & 0xf)
/* helper_qpop's index of operation id @op, -1 if it has none. */
int e2k_qpop_index(unsigned op);
/* If @op is its 64-bit twin @fn (uint64_t (*)(uint64_t, uint64_t[,
   uint64_t])) on the halves, how (E2K_QPH_*), else -1: the translator
   then calls @fn twice instead of helper_qpop. */
enum {
    E2K_QPH_HALF2,      /* r[i] = fn(a[i], b[i]) */
    E2K_QPH_HALF3,      /* r[i] = fn(a[i], b[i], c[i]) */
    E2K_QPH_SHIFT,      /* r[i] = fn(a[i], b[0]) */
    E2K_QPH_PACK,       /* r[0] = fn(b[1], b[0]), r[1] = fn(a[1], a[0]) */
    E2K_QPH_HOP,        /* r[0] = fn(a[0], a[1]), r[1] = fn(b[0], b[1]) */
};
int e2k_qp_halves(unsigned op, void **fn);
/* If @op is helper_pfop's operation @pfop (@shape) on each half, r[i] =
   pf(a[i], b[i]), or (@horiz) r[0] = pf(a[0], a[1]), r[1] = pf(b[0],
   b[1]): true, and the translator may run it inline on the halves. */
bool e2k_qp_pf(unsigned op, int *pfop, int *shape, bool *horiz);

#endif /* TARGET_E2K_VEC_HELPER_H */
