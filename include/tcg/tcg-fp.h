/*
 * Scalar IEEE floating point in the IR: the operations of the fpu1/fpu2
 * ops (their constant argument) and their meaning in C for the
 * interpreter.
 *
 * Each operation is one x86-64 SSE instruction, and that instruction is
 * its definition: result, NaN choice and flags are the host's.  The
 * native backend emits the instruction inline; the interpreter runs the
 * same instruction from C (tcg_eval_fp).  Values are IEEE bit patterns in
 * i64 temps: an f32 or a 32-bit integer in the low half (the upper half
 * of an input is ignored; a result's is zero), an f64 or a 64-bit
 * integer in the whole.
 *
 * Rounding, flush-to-zero and the exception flags are the host MXCSR's
 * at run time: the front end keeps MXCSR in the state its guest needs
 * while translated code runs and collects the sticky flags the
 * operations leave there.  Every exception must be masked in MXCSR.
 * The ops are never folded or removed as dead, because their flags are
 * a side effect.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_TCG_FP_H
#define TCG_TCG_FP_H

#include <stdint.h>
#include <string.h>

typedef enum TCGFpOp {
    /* fpu2: r = a OP b */
    TCG_FP_ADDS, TCG_FP_SUBS, TCG_FP_MULS, TCG_FP_DIVS,
    TCG_FP_MINS, TCG_FP_MAXS,           /* minss/maxss: b if either is NaN */
    TCG_FP_ADDD, TCG_FP_SUBD, TCG_FP_MULD, TCG_FP_DIVD,
    TCG_FP_MIND, TCG_FP_MAXD,
    /* fpu2: cmpss/cmpsd predicate N (eq lt le unord neq nlt nle ord):
       r = 1 if it holds, else 0 */
    TCG_FP_CMPS,
    TCG_FP_CMPD = TCG_FP_CMPS + 8,
    /* fpu2: comis / ucomis: r = EFLAGS & (ZF | PF | CF), i.e. 0x40
       equal, 0x01 less, 0x45 unordered, 0 greater */
    TCG_FP_COMIS = TCG_FP_CMPD + 8, TCG_FP_UCOMIS,
    TCG_FP_COMID, TCG_FP_UCOMID,
    /* fpu1: r = OP a */
    TCG_FP_SQRTS, TCG_FP_SQRTD,
    TCG_FP_STOD, TCG_FP_DTOS,           /* cvtss2sd, cvtsd2ss */
    TCG_FP_I32TOS, TCG_FP_I64TOS,       /* cvtsi2ss from r32 / r64 */
    TCG_FP_I32TOD, TCG_FP_I64TOD,
    /* cvt(t)ss2si, cvt(t)sd2si into r32 / r64 (T: truncating) */
    TCG_FP_STOI32, TCG_FP_STOI32T, TCG_FP_STOI64, TCG_FP_STOI64T,
    TCG_FP_DTOI32, TCG_FP_DTOI32T, TCG_FP_DTOI64, TCG_FP_DTOI64T,
    TCG_FP_COUNT
} TCGFpOp;

/* The operations of fpu2 (two inputs) are those below TCG_FP_SQRTS. */
static inline int tcg_fp_nb_inputs(TCGFpOp op)
{
    return op < TCG_FP_SQRTS ? 2 : 1;
}

#if defined(__x86_64__)

/* The interpreter's implementation: the instruction itself. */

#define TCG_FP_BIN(insn, T)                                                 \
    do {                                                                    \
        T x_, y_;                                                           \
        memcpy(&x_, &a, sizeof(T));                                         \
        memcpy(&y_, &b, sizeof(T));                                         \
        __asm__ volatile(insn " %1, %0" : "+x" (x_) : "x" (y_));            \
        r = 0;                                                              \
        memcpy(&r, &x_, sizeof(T));                                         \
    } while (0)

#define TCG_FP_CMP(insn, base, n, T)                                        \
    case base + n: {                                                        \
        T x_, y_;                                                           \
        uint32_t m_ = 0;                                                    \
        memcpy(&x_, &a, sizeof(T));                                         \
        memcpy(&y_, &b, sizeof(T));                                         \
        __asm__ volatile(insn " $" #n ", %1, %0" : "+x" (x_) : "x" (y_));   \
        memcpy(&m_, &x_, 4);                                                \
        r = m_ & 1;                                                         \
        break;                                                              \
    }

#define TCG_FP_COMI(insn, T)                                                \
    do {                                                                    \
        T x_, y_;                                                           \
        uint8_t cf_, zf_, pf_;                                              \
        memcpy(&x_, &a, sizeof(T));                                         \
        memcpy(&y_, &b, sizeof(T));                                         \
        __asm__ volatile(insn " %4, %3\n\tsetb %0\n\tsete %1\n\tsetp %2"       \
                         : "=q" (cf_), "=q" (zf_), "=q" (pf_)               \
                         : "x" (x_), "x" (y_) : "cc");                      \
        r = (uint64_t)zf_ << 6 | (uint64_t)pf_ << 2 | cf_;                  \
    } while (0)

/* FP -> FP or FP -> integer: "insn src(xmm), dst" */
#define TCG_FP_CVT(insn, TS, TD, cons)                                      \
    do {                                                                    \
        TS y_;                                                              \
        TD x_;                                                              \
        memcpy(&y_, &a, sizeof(TS));                                        \
        __asm__ volatile(insn " %1, %0" : "=" cons (x_) : "x" (y_));        \
        r = 0;                                                              \
        memcpy(&r, &x_, sizeof(TD));                                        \
    } while (0)

/* integer -> FP */
#define TCG_FP_ICVT(insn, TS, TD)                                           \
    do {                                                                    \
        TS y_;                                                              \
        TD x_ = 0;                                                          \
        memcpy(&y_, &a, sizeof(TS));                                        \
        __asm__ volatile(insn " %1, %0" : "+x" (x_) : "r" (y_));            \
        r = 0;                                                              \
        memcpy(&r, &x_, sizeof(TD));                                        \
    } while (0)

static inline uint64_t tcg_eval_fp(TCGFpOp op, uint64_t a, uint64_t b)
{
    uint64_t r = 0;

    switch ((unsigned)op) {
    case TCG_FP_ADDS: TCG_FP_BIN("addss", float); break;
    case TCG_FP_SUBS: TCG_FP_BIN("subss", float); break;
    case TCG_FP_MULS: TCG_FP_BIN("mulss", float); break;
    case TCG_FP_DIVS: TCG_FP_BIN("divss", float); break;
    case TCG_FP_MINS: TCG_FP_BIN("minss", float); break;
    case TCG_FP_MAXS: TCG_FP_BIN("maxss", float); break;
    case TCG_FP_ADDD: TCG_FP_BIN("addsd", double); break;
    case TCG_FP_SUBD: TCG_FP_BIN("subsd", double); break;
    case TCG_FP_MULD: TCG_FP_BIN("mulsd", double); break;
    case TCG_FP_DIVD: TCG_FP_BIN("divsd", double); break;
    case TCG_FP_MIND: TCG_FP_BIN("minsd", double); break;
    case TCG_FP_MAXD: TCG_FP_BIN("maxsd", double); break;
    TCG_FP_CMP("cmpss", TCG_FP_CMPS, 0, float)
    TCG_FP_CMP("cmpss", TCG_FP_CMPS, 1, float)
    TCG_FP_CMP("cmpss", TCG_FP_CMPS, 2, float)
    TCG_FP_CMP("cmpss", TCG_FP_CMPS, 3, float)
    TCG_FP_CMP("cmpss", TCG_FP_CMPS, 4, float)
    TCG_FP_CMP("cmpss", TCG_FP_CMPS, 5, float)
    TCG_FP_CMP("cmpss", TCG_FP_CMPS, 6, float)
    TCG_FP_CMP("cmpss", TCG_FP_CMPS, 7, float)
    TCG_FP_CMP("cmpsd", TCG_FP_CMPD, 0, double)
    TCG_FP_CMP("cmpsd", TCG_FP_CMPD, 1, double)
    TCG_FP_CMP("cmpsd", TCG_FP_CMPD, 2, double)
    TCG_FP_CMP("cmpsd", TCG_FP_CMPD, 3, double)
    TCG_FP_CMP("cmpsd", TCG_FP_CMPD, 4, double)
    TCG_FP_CMP("cmpsd", TCG_FP_CMPD, 5, double)
    TCG_FP_CMP("cmpsd", TCG_FP_CMPD, 6, double)
    TCG_FP_CMP("cmpsd", TCG_FP_CMPD, 7, double)
    case TCG_FP_COMIS: TCG_FP_COMI("comiss", float); break;
    case TCG_FP_UCOMIS: TCG_FP_COMI("ucomiss", float); break;
    case TCG_FP_COMID: TCG_FP_COMI("comisd", double); break;
    case TCG_FP_UCOMID: TCG_FP_COMI("ucomisd", double); break;
    case TCG_FP_SQRTS: TCG_FP_CVT("sqrtss", float, float, "x"); break;
    case TCG_FP_SQRTD: TCG_FP_CVT("sqrtsd", double, double, "x"); break;
    case TCG_FP_STOD: TCG_FP_CVT("cvtss2sd", float, double, "x"); break;
    case TCG_FP_DTOS: TCG_FP_CVT("cvtsd2ss", double, float, "x"); break;
    case TCG_FP_I32TOS: TCG_FP_ICVT("cvtsi2ssl", int32_t, float); break;
    case TCG_FP_I64TOS: TCG_FP_ICVT("cvtsi2ssq", int64_t, float); break;
    case TCG_FP_I32TOD: TCG_FP_ICVT("cvtsi2sdl", int32_t, double); break;
    case TCG_FP_I64TOD: TCG_FP_ICVT("cvtsi2sdq", int64_t, double); break;
    case TCG_FP_STOI32: TCG_FP_CVT("cvtss2si", float, int32_t, "r"); break;
    case TCG_FP_STOI32T: TCG_FP_CVT("cvttss2si", float, int32_t, "r"); break;
    case TCG_FP_STOI64: TCG_FP_CVT("cvtss2si", float, int64_t, "r"); break;
    case TCG_FP_STOI64T: TCG_FP_CVT("cvttss2si", float, int64_t, "r"); break;
    case TCG_FP_DTOI32: TCG_FP_CVT("cvtsd2si", double, int32_t, "r"); break;
    case TCG_FP_DTOI32T: TCG_FP_CVT("cvttsd2si", double, int32_t, "r"); break;
    case TCG_FP_DTOI64: TCG_FP_CVT("cvtsd2si", double, int64_t, "r"); break;
    case TCG_FP_DTOI64T: TCG_FP_CVT("cvttsd2si", double, int64_t, "r"); break;
    default:
        break;
    }
    return r;
}

#undef TCG_FP_BIN
#undef TCG_FP_CMP
#undef TCG_FP_COMI
#undef TCG_FP_CVT
#undef TCG_FP_ICVT

#endif /* __x86_64__ */

#endif
