/*
 * The meaning of the value-computing TCG ops, as plain C on uint64_t
 * values.  The interpreter executes with these and the optimizer folds
 * constants with them, so the two can never disagree; the x86-64
 * backend and the unit tests' own reference model are checked against
 * them.  i32 values are kept zero-extended in the low 32 bits.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_EVAL_H
#define TCG_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/tcg.h"
#include "tcg/tcg-vec.h"

static inline uint64_t tcg_norm(TCGType t, uint64_t v)
{
    return t == TCG_TYPE_I32 ? (uint32_t)v : v;
}

static inline int64_t tcg_sval(TCGType t, uint64_t v)
{
    return t == TCG_TYPE_I32 ? (int64_t)(int32_t)v : (int64_t)v;
}

static inline bool tcg_eval_cond(TCGType t, TCGCond c, uint64_t a, uint64_t b)
{
    uint64_t ua = tcg_norm(t, a), ub = tcg_norm(t, b);
    int64_t sa = tcg_sval(t, a), sb = tcg_sval(t, b);

    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return ua == ub;
    case TCG_COND_NE: return ua != ub;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return ua < ub;
    case TCG_COND_GEU: return ua >= ub;
    case TCG_COND_LEU: return ua <= ub;
    case TCG_COND_GTU: return ua > ub;
    }
    return false;
}

static inline uint64_t tcg_eval_bswap16(uint64_t a)
{
    return ((a >> 8) & 0xff) | ((a & 0xff) << 8);
}

/*
 * Evaluate a one-output op whose inputs are @a, @b (@c, @d unused here)
 * and constants @c0, @c1.  Returns false if @opc is not such an op or
 * the result is undefined (nothing to fold).
 */
static inline bool tcg_eval_op(TCGOpcode opc, TCGType t, uint64_t a,
                               uint64_t b, TCGArg c0, TCGArg c1,
                               uint64_t *out)
{
    unsigned w = t == TCG_TYPE_I32 ? 32 : 64;
    unsigned sh = b & (w - 1);
    uint64_t r;

    a = tcg_norm(t, a);
    b = tcg_norm(t, b);
    switch (opc) {
    case INDEX_op_mov: r = a; break;
    case INDEX_op_add: r = a + b; break;
    case INDEX_op_sub: r = a - b; break;
    case INDEX_op_neg: r = -a; break;
    case INDEX_op_mul: r = a * b; break;
    case INDEX_op_and: r = a & b; break;
    case INDEX_op_or: r = a | b; break;
    case INDEX_op_xor: r = a ^ b; break;
    case INDEX_op_andc: r = a & ~b; break;
    case INDEX_op_orc: r = a | ~b; break;
    case INDEX_op_eqv: r = ~(a ^ b); break;
    case INDEX_op_nand: r = ~(a & b); break;
    case INDEX_op_nor: r = ~(a | b); break;
    case INDEX_op_not: r = ~a; break;
    case INDEX_op_shl: r = a << sh; break;
    case INDEX_op_shr: r = a >> sh; break;
    case INDEX_op_sar:
        r = (uint64_t)(tcg_sval(t, a) >> sh);
        break;
    case INDEX_op_rotl:
        r = sh ? (a << sh) | (a >> (w - sh)) : a;
        break;
    case INDEX_op_rotr:
        r = sh ? (a >> sh) | (a << (w - sh)) : a;
        break;
    case INDEX_op_extract:
        r = (a >> c0) & (~0ULL >> (64 - c1));
        break;
    case INDEX_op_sextract:
        r = (uint64_t)((int64_t)(a << (64 - c1 - c0)) >> (64 - c1));
        break;
    case INDEX_op_deposit: {
        uint64_t mask = (~0ULL >> (64 - c1)) << c0;
        r = (a & ~mask) | ((b << c0) & mask);
        break;
    }
    case INDEX_op_ext8s: r = (uint64_t)(int64_t)(int8_t)a; break;
    case INDEX_op_ext8u: r = (uint8_t)a; break;
    case INDEX_op_ext16s: r = (uint64_t)(int64_t)(int16_t)a; break;
    case INDEX_op_ext16u: r = (uint16_t)a; break;
    case INDEX_op_ext32s: r = (uint64_t)(int64_t)(int32_t)a; break;
    case INDEX_op_ext32u: r = (uint32_t)a; break;
    case INDEX_op_bswap16: r = tcg_eval_bswap16(a); break;
    case INDEX_op_bswap32: r = __builtin_bswap32((uint32_t)a); break;
    case INDEX_op_bswap64: r = __builtin_bswap64(a); break;
    case INDEX_op_clz:
        r = a ? (t == TCG_TYPE_I32 ? (uint64_t)__builtin_clz((uint32_t)a)
                 : (uint64_t)__builtin_clzll(a)) : b;
        break;
    case INDEX_op_ctz:
        r = a ? (uint64_t)__builtin_ctzll(a) : b;
        break;
    case INDEX_op_ctpop: r = __builtin_popcountll(a); break;
    case INDEX_op_setcond:
        r = tcg_eval_cond(t, (TCGCond)c0, a, b);
        break;
    case INDEX_op_negsetcond:
        r = -(uint64_t)tcg_eval_cond(t, (TCGCond)c0, a, b);
        break;
#if defined(__x86_64__)
    case INDEX_op_vec2:
        r = tcg_eval_vec((TCGVecOp)c0, a, b);
        break;
#endif
    default:
        return false;
    }
    *out = tcg_norm(t, r);
    return true;
}

/* Double-word results: mulu2/muls2/divu2/divs2/add2/sub2.  Returns
 * false when undefined (division by zero or quotient overflow). */
static inline bool tcg_eval_op2(TCGOpcode opc, TCGType t, const uint64_t *in,
                                uint64_t *lo, uint64_t *hi)
{
    unsigned w = t == TCG_TYPE_I32 ? 32 : 64;

    if (t == TCG_TYPE_I32) {
        uint64_t a = (uint32_t)in[0], b = (uint32_t)in[1];
        uint64_t r;
        switch (opc) {
        case INDEX_op_mulu2: r = a * b; break;
        case INDEX_op_muls2:
            r = (uint64_t)((int64_t)(int32_t)a * (int32_t)b);
            break;
        case INDEX_op_divu2: {
            uint64_t n = a | ((uint64_t)(uint32_t)in[1] << 32);
            uint64_t d = (uint32_t)in[2];
            if (d == 0 || n / d > UINT32_MAX) {
                return false;
            }
            *lo = (uint32_t)(n / d);
            *hi = (uint32_t)(n % d);
            return true;
        }
        case INDEX_op_divs2: {
            int64_t n = (int64_t)(a | ((uint64_t)(uint32_t)in[1] << 32));
            int64_t d = (int32_t)in[2];
            if (d == 0 || (n == INT64_MIN && d == -1)) {
                return false;
            }
            if (n / d > INT32_MAX || n / d < INT32_MIN) {
                return false;
            }
            *lo = (uint32_t)(n / d);
            *hi = (uint32_t)(n % d);
            return true;
        }
        case INDEX_op_add2:
        case INDEX_op_sub2: {
            uint64_t x = (uint32_t)in[0] | ((uint64_t)(uint32_t)in[1] << 32);
            uint64_t y = (uint32_t)in[2] | ((uint64_t)(uint32_t)in[3] << 32);
            r = opc == INDEX_op_add2 ? x + y : x - y;
            break;
        }
        default:
            return false;
        }
        *lo = (uint32_t)r;
        *hi = (uint32_t)(r >> 32);
        return true;
    }
    (void)w;
    switch (opc) {
    case INDEX_op_mulu2: {
        unsigned __int128 r = (unsigned __int128)in[0] * in[1];
        *lo = (uint64_t)r;
        *hi = (uint64_t)(r >> 64);
        return true;
    }
    case INDEX_op_muls2: {
        __int128 r = (__int128)(int64_t)in[0] * (int64_t)in[1];
        *lo = (uint64_t)r;
        *hi = (uint64_t)((unsigned __int128)r >> 64);
        return true;
    }
    case INDEX_op_divu2: {
        unsigned __int128 n = ((unsigned __int128)in[1] << 64) | in[0];
        uint64_t d = in[2];
        if (d == 0 || n / d > UINT64_MAX) {
            return false;
        }
        *lo = (uint64_t)(n / d);
        *hi = (uint64_t)(n % d);
        return true;
    }
    case INDEX_op_divs2: {
        __int128 n = (__int128)(((unsigned __int128)in[1] << 64) | in[0]);
        int64_t d = (int64_t)in[2];
        __int128 q;
        if (d == 0 || (d == -1 && n < -(__int128)INT64_MAX)) {
            return false;
        }
        q = n / d;
        if (q > INT64_MAX || q < INT64_MIN) {
            return false;
        }
        *lo = (uint64_t)q;
        *hi = (uint64_t)(n % d);
        return true;
    }
    case INDEX_op_add2:
    case INDEX_op_sub2: {
        unsigned __int128 x = ((unsigned __int128)in[1] << 64) | in[0];
        unsigned __int128 y = ((unsigned __int128)in[3] << 64) | in[2];
        unsigned __int128 r = opc == INDEX_op_add2 ? x + y : x - y;
        *lo = (uint64_t)r;
        *hi = (uint64_t)(r >> 64);
        return true;
    }
    default:
        return false;
    }
}

#endif
