/*
 * Packed integer operations in the IR: the operations of the vec2 op
 * (its constant argument), which host features they need, and their
 * meaning in C for the interpreter.
 *
 * Each operation is one x86-64 SSE2/SSSE3/SSE4.1 instruction on 64-bit
 * operands, and that instruction is its definition.  There are three
 * shapes (tcg_vec_shape):
 *
 *   TCG_VEC_LOW   r = low 64 bits of (INSN a, b): a and b zero-extended
 *                 to 128 bits, a the destination operand.  Lane-wise
 *                 operations (padd, pcmpeq, pmaddwd, shifts by b, ...).
 *   TCG_VEC_HIGH  r = high 64 bits of (INSN a, b), the same otherwise:
 *                 the upper half of an unpack.
 *   TCG_VEC_PAIR  r = low 64 bits of (INSN x, x) with x = b:a (a in the
 *                 low half): packs and horizontal operations of two
 *                 64-bit registers.
 *   TCG_VEC_MASK  r = pmovmskb of b:a (TCG_VEC_PMOVMSKB only: 16 bits).
 *
 * No operation reads or writes MXCSR or flags: the ops are pure and may
 * be folded or removed as dead.  A front end must check
 * tcg_vec_op_supported() (host CPUID, read at start-up) before emitting
 * one, and call its own C helper otherwise; both backends run the host
 * instruction.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_TCG_VEC_H
#define TCG_TCG_VEC_H

#include <stdbool.h>
#include <stdint.h>

#include "qemu/error.h"

#define TCG_VEC_OPS(X)                                                      \
    /* name       mnemonic      shape  feature */                           \
    X(PADDB,      "paddb",      LOW,   SSE2)                                \
    X(PADDW,      "paddw",      LOW,   SSE2)                                \
    X(PADDD,      "paddd",      LOW,   SSE2)                                \
    X(PSUBB,      "psubb",      LOW,   SSE2)                                \
    X(PSUBW,      "psubw",      LOW,   SSE2)                                \
    X(PSUBD,      "psubd",      LOW,   SSE2)                                \
    X(PADDSB,     "paddsb",     LOW,   SSE2)                                \
    X(PADDSW,     "paddsw",     LOW,   SSE2)                                \
    X(PSUBSB,     "psubsb",     LOW,   SSE2)                                \
    X(PSUBSW,     "psubsw",     LOW,   SSE2)                                \
    X(PADDUSB,    "paddusb",    LOW,   SSE2)                                \
    X(PADDUSW,    "paddusw",    LOW,   SSE2)                                \
    X(PSUBUSB,    "psubusb",    LOW,   SSE2)                                \
    X(PSUBUSW,    "psubusw",    LOW,   SSE2)                                \
    X(PCMPEQB,    "pcmpeqb",    LOW,   SSE2)                                \
    X(PCMPEQW,    "pcmpeqw",    LOW,   SSE2)                                \
    X(PCMPEQD,    "pcmpeqd",    LOW,   SSE2)                                \
    X(PCMPGTB,    "pcmpgtb",    LOW,   SSE2)                                \
    X(PCMPGTW,    "pcmpgtw",    LOW,   SSE2)                                \
    X(PCMPGTD,    "pcmpgtd",    LOW,   SSE2)                                \
    X(PMAXUB,     "pmaxub",     LOW,   SSE2)                                \
    X(PMINUB,     "pminub",     LOW,   SSE2)                                \
    X(PMAXSW,     "pmaxsw",     LOW,   SSE2)                                \
    X(PMINSW,     "pminsw",     LOW,   SSE2)                                \
    X(PAVGB,      "pavgb",      LOW,   SSE2)                                \
    X(PAVGW,      "pavgw",      LOW,   SSE2)                                \
    X(PMULLW,     "pmullw",     LOW,   SSE2)                                \
    X(PMULHW,     "pmulhw",     LOW,   SSE2)                                \
    X(PMULHUW,    "pmulhuw",    LOW,   SSE2)                                \
    X(PMADDWD,    "pmaddwd",    LOW,   SSE2)                                \
    X(PSADBW,     "psadbw",     LOW,   SSE2)                                \
    X(PSLLW,      "psllw",      LOW,   SSE2)                                \
    X(PSLLD,      "pslld",      LOW,   SSE2)                                \
    X(PSLLQ,      "psllq",      LOW,   SSE2)                                \
    X(PSRLW,      "psrlw",      LOW,   SSE2)                                \
    X(PSRLD,      "psrld",      LOW,   SSE2)                                \
    X(PSRLQ,      "psrlq",      LOW,   SSE2)                                \
    X(PSRAW,      "psraw",      LOW,   SSE2)                                \
    X(PSRAD,      "psrad",      LOW,   SSE2)                                \
    X(PUNPCKLBW,  "punpcklbw",  LOW,   SSE2)                                \
    X(PUNPCKLWD,  "punpcklwd",  LOW,   SSE2)                                \
    X(PUNPCKLDQ,  "punpckldq",  LOW,   SSE2)                                \
    X(PUNPCKHBW,  "punpcklbw",  HIGH,  SSE2)                                \
    X(PUNPCKHWD,  "punpcklwd",  HIGH,  SSE2)                                \
    X(PUNPCKHDQ,  "punpckldq",  HIGH,  SSE2)                                \
    X(PACKSSWB,   "packsswb",   PAIR,  SSE2)                                \
    X(PACKUSWB,   "packuswb",   PAIR,  SSE2)                                \
    X(PACKSSDW,   "packssdw",   PAIR,  SSE2)                                \
    X(PMULHRSW,   "pmulhrsw",   LOW,   SSSE3)                               \
    X(PMADDUBSW,  "pmaddubsw",  LOW,   SSSE3)                               \
    X(PSIGNB,     "psignb",     LOW,   SSSE3)                               \
    X(PSIGNW,     "psignw",     LOW,   SSSE3)                               \
    X(PSIGND,     "psignd",     LOW,   SSSE3)                               \
    X(PHADDW,     "phaddw",     PAIR,  SSSE3)                               \
    X(PHADDD,     "phaddd",     PAIR,  SSSE3)                               \
    X(PHSUBW,     "phsubw",     PAIR,  SSSE3)                               \
    X(PHSUBD,     "phsubd",     PAIR,  SSSE3)                               \
    X(PHADDSW,    "phaddsw",    PAIR,  SSSE3)                               \
    X(PHSUBSW,    "phsubsw",    PAIR,  SSSE3)                               \
    X(PSHUFB,     "pshufb",     LOW,   SSSE3)                               \
    X(PMAXSB,     "pmaxsb",     LOW,   SSE41)                               \
    X(PMINSB,     "pminsb",     LOW,   SSE41)                               \
    X(PMAXUW,     "pmaxuw",     LOW,   SSE41)                               \
    X(PMINUW,     "pminuw",     LOW,   SSE41)                               \
    X(PMAXSD,     "pmaxsd",     LOW,   SSE41)                               \
    X(PMINSD,     "pminsd",     LOW,   SSE41)                               \
    X(PMAXUD,     "pmaxud",     LOW,   SSE41)                               \
    X(PMINUD,     "pminud",     LOW,   SSE41)                               \
    X(PMULLD,     "pmulld",     LOW,   SSE41)                               \
    X(PACKUSDW,   "packusdw",   PAIR,  SSE41)                               \
    X(PHMINPOSUW, "phminposuw", PAIR,  SSE41)

typedef enum TCGVecOp {
#define TCG_VEC_ENUM(name, mn, shape, feat) TCG_VEC_##name,
    TCG_VEC_OPS(TCG_VEC_ENUM)
#undef TCG_VEC_ENUM
    TCG_VEC_PMOVMSKB,
    TCG_VEC_COUNT
} TCGVecOp;

typedef enum TCGVecShape {
    TCG_VEC_SHAPE_LOW, TCG_VEC_SHAPE_HIGH, TCG_VEC_SHAPE_PAIR,
    TCG_VEC_SHAPE_MASK,
} TCGVecShape;

/* Host features, a bit each (TCG_VEC_FEAT_*). */
enum {
    TCG_VEC_FEAT_SSE2 = 1, TCG_VEC_FEAT_SSSE3 = 2, TCG_VEC_FEAT_SSE41 = 4,
};

static inline TCGVecShape tcg_vec_shape(TCGVecOp op)
{
    static const unsigned char shape[TCG_VEC_COUNT] = {
#define TCG_VEC_SHAPE(name, mn, sh, feat) TCG_VEC_SHAPE_##sh,
        TCG_VEC_OPS(TCG_VEC_SHAPE)
#undef TCG_VEC_SHAPE
        TCG_VEC_SHAPE_MASK,
    };
    return (TCGVecShape)shape[op];
}

static inline unsigned tcg_vec_feature(TCGVecOp op)
{
    static const unsigned char feat[TCG_VEC_COUNT] = {
#define TCG_VEC_FEAT(name, mn, sh, f) TCG_VEC_FEAT_##f,
        TCG_VEC_OPS(TCG_VEC_FEAT)
#undef TCG_VEC_FEAT
        TCG_VEC_FEAT_SSE2,
    };
    return feat[op];
}

/*
 * The features the host has (CPUID, read once by the first call), ANDed
 * with tcg_vec_feature_mask, which tests clear to exercise the front
 * end's fallbacks.
 */
extern unsigned tcg_vec_feature_mask;
unsigned tcg_vec_host_features(void);

/*
 * Set *@mask from a comma-separated list of none, sse2, ssse3, sse4.1
 * (NULL: leave it).  tcg_init reads the environment variable
 * QEMU_TCG_VEC_FEATURES this way, so tests can run the front end's
 * fallbacks on any host.
 */
bool tcg_vec_parse_features(const char *list, unsigned *mask, Error **errp);

static inline bool tcg_vec_op_supported(TCGVecOp op)
{
    return op < TCG_VEC_COUNT &&
           (tcg_vec_feature(op) & tcg_vec_host_features()
            & tcg_vec_feature_mask);
}

#if defined(__x86_64__)

typedef long long TCGVecXmm __attribute__((vector_size(16)));

/* The interpreter's implementation: the instruction itself. */
static inline uint64_t tcg_eval_vec(TCGVecOp op, uint64_t a, uint64_t b)
{
    TCGVecXmm x = { (long long)a, 0 }, y = { (long long)b, 0 };
    uint32_t m;

    if (tcg_vec_shape(op) >= TCG_VEC_SHAPE_PAIR) {
        x[1] = (long long)b;
        y = x;
    }
    switch ((unsigned)op) {
#define TCG_VEC_CASE(name, mn, sh, feat)                                    \
    case TCG_VEC_##name:                                                    \
        __asm__(mn " %1, %0" : "+x" (x) : "x" (y));                         \
        break;
    TCG_VEC_OPS(TCG_VEC_CASE)
#undef TCG_VEC_CASE
    case TCG_VEC_PMOVMSKB:
        __asm__("pmovmskb %1, %0" : "=r" (m) : "x" (x));
        return m;
    default:
        return 0;
    }
    return (uint64_t)(tcg_vec_shape(op) == TCG_VEC_SHAPE_HIGH ? x[1] : x[0]);
}

#endif /* __x86_64__ */

#endif
