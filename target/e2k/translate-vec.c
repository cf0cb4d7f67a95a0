/*
 * e2k translator: packed (SIMD) operations.
 *
 * 64-bit registers: each integer operation is a row of vec-ops.h naming
 * a pure C helper (vec_helper.c), the operation's definition.  Where one
 * host SSE2/SSSE3/SSE4.1 instruction gives the same result, the
 * translator emits it as the vec2 IR op (vec_sse_rows, tcg-vec.h); when
 * the host lacks the feature, a few rows are a handful of TCG ops (64-bit
 * lanes, logic, add/sub and equality of narrow lanes, pmovmskb, pmaddh:
 * gen_vec_inline), and the rest call the helper.  The literal forms
 * (ALOPF11_LIT8 and pshufh's ALOPF12_PSHUFH) get the literal (ALES bits
 * 7..0) as the constant @c and are extracts, deposits and shifts of it
 * (gen_vec_lit).  Packed float (pf*, pistofs, the combined pf*_*) runs
 * each lane as the scalar operation's inline SSE instruction under the
 * scalar path's PFPFR guard (gen_pf_inline), else one call of
 * helper_pfop, which runs the scalar FP helpers lane by lane.
 *
 * 128-bit %qpr registers (v5+, e2k_gen_vec_q): both halves of each
 * source are read and both of the result written; lane-wise operations
 * run their 64-bit form on each half, the rest call helper_qpop.
 * pshufb, qpshufb and qppermb are host pshufb plus branch-free fix-ups
 * of the e2k control bits (gen_pshufb, gen_qppermb_half).  Also
 * here: plog_* and qplog_*, qpmrgp, the compares into a predicate (pmrgp is
 * translate-alu.c's merge).  Operations without a row are not implemented (SIGILL).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/e2k/translate.h"
#include <stdarg.h>
#include <string.h>

#include "target/e2k/vec_helper.h"

/*
 * A call of a pure 64-bit packed helper (vec_helper.c: a function of its
 * arguments alone): it reads and writes no TCG global and has no side
 * effect, so the globals stay in host registers across it.
 */
static void gen_pure_call(void *fn, TCGTemp *ret, int nargs, ...)
{
    TCGTemp *args[TCG_MAX_CALL_ARGS];
    va_list ap;
    int i;

    va_start(ap, nargs);
    for (i = 0; i < nargs; i++) {
        args[i] = va_arg(ap, TCGTemp *);
    }
    va_end(ap);
    tcg_gen_callN(fn, TCG_CALL_NO_RWG_SE, ret, nargs, args);
}

typedef struct VecRow {
    uint16_t id;            /* enum E2KOpId */
    int nsrc;               /* 2, 3, or VEC_LIT */
    void *fn;
} VecRow;

/* Two sources and the literal: @c is the literal as a constant, @a is
   NULL for the one-source pshufh. */
#define VEC_LIT 0

static const VecRow vec_rows[] = {
#define E2K_VEC2(id, name) { E2K_OP_##id, 2, (void *)helper_##name },
#define E2K_VEC3(id, name) { E2K_OP_##id, 3, (void *)helper_##name },
#define E2K_VECL(id, name) { E2K_OP_##id, VEC_LIT, (void *)helper_##name },
#define E2K_VECP(id, name)      /* predicate results: not here */
#include "target/e2k/vec-ops.h"
#undef E2K_VEC2
#undef E2K_VEC3
#undef E2K_VECL
#undef E2K_VECP
};

/*
 * Lane-wise add/sub without a helper call: clear each lane's top bit so
 * no carry (borrow) crosses into the next lane, then put the top bit
 * back as the XOR of the operands' top bits (and the carry into it).
 * @hi has the top bit of every lane set.
 */
static void gen_swar_add(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, uint64_t hi)
{
    TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();

    tcg_gen_andi_i64(t, a, ~hi);
    tcg_gen_andi_i64(u, b, ~hi);
    tcg_gen_add_i64(t, t, u);
    tcg_gen_xor_i64(u, a, b);
    tcg_gen_andi_i64(u, u, hi);
    tcg_gen_xor_i64(r, t, u);
}

static void gen_swar_sub(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, uint64_t hi)
{
    TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();

    tcg_gen_ori_i64(t, a, hi);
    tcg_gen_andi_i64(u, b, ~hi);
    tcg_gen_sub_i64(t, t, u);
    tcg_gen_eqv_i64(u, a, b);
    tcg_gen_andi_i64(u, u, hi);
    tcg_gen_xor_i64(r, t, u);
}

/*
 * Lane-wise equality: x = a ^ b is zero in the equal lanes.  Adding
 * 0x7f.. to x's low lane bits carries into the lane's top bit exactly
 * when they are not all zero, and OR-ing x adds its own top bit, so the
 * top bit of t is clear exactly in the equal lanes; spread it over the
 * lane by multiplying the lane's 0/1 by the all-ones lane.
 */
static void gen_swar_cmpeq(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, uint64_t hi,
                           int bits)
{
    TCGv_i64 x = tcg_temp_new_i64(), t = tcg_temp_new_i64();
    uint64_t ones = bits == 32 ? 0xffffffffULL : (1ULL << bits) - 1;

    tcg_gen_xor_i64(x, a, b);
    tcg_gen_andi_i64(t, x, ~hi);
    tcg_gen_addi_i64(t, t, ~hi);
    tcg_gen_or_i64(t, t, x);
    tcg_gen_andc_i64(t, tcg_constant_i64(hi), t);
    tcg_gen_shri_i64(t, t, bits - 1);
    tcg_gen_muli_i64(r, t, ones);
}

/*
 * pmovmskb: bit 0 of each byte (the top bits shifted down) times
 * 0x0102040810204080 puts byte i's bit at bit 56 + i; no two partial
 * products share a bit position, so nothing carries into bits 63..56.
 */
static void gen_gather_msb8(TCGv_i64 r, TCGv_i64 v)
{
    tcg_gen_shri_i64(r, v, 7);
    tcg_gen_andi_i64(r, r, 0x0101010101010101ULL);
    tcg_gen_muli_i64(r, r, 0x0102040810204080ULL);
    tcg_gen_shri_i64(r, r, 56);
}

static void gen_pmovmskb(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();

    gen_gather_msb8(t, a);
    gen_gather_msb8(u, b);
    tcg_gen_shli_i64(t, t, 8);
    tcg_gen_or_i64(r, t, u);
}

/* pmaddh: each 32-bit lane the sum of the two signed 16-bit products
   of its halfwords (wrapping, as the helper). */
static void gen_pmaddh(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    TCGv_i64 x = tcg_temp_new_i64(), y = tcg_temp_new_i64();
    TCGv_i64 s[2] = { tcg_temp_new_i64(), tcg_temp_new_i64() };
    int i;

    for (i = 0; i < 2; i++) {
        tcg_gen_sextract_i64(x, a, 32 * i, 16);
        tcg_gen_sextract_i64(y, b, 32 * i, 16);
        tcg_gen_mul_i64(s[i], x, y);
        tcg_gen_sextract_i64(x, a, 32 * i + 16, 16);
        tcg_gen_sextract_i64(y, b, 32 * i + 16, 16);
        tcg_gen_mul_i64(x, x, y);
        tcg_gen_add_i64(s[i], s[i], x);
    }
    tcg_gen_deposit_i64(r, s[0], s[1], 32, 32);
}

/* pmovmskps/pd: the sign bits of the 32-bit (64-bit) lanes, src2's in
   the low bits, src1's above them. */
static void gen_pmovmskp(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, bool dbl)
{
    TCGv_i64 t = tcg_temp_new_i64();
    int i;

    if (dbl) {
        tcg_gen_shri_i64(t, a, 63);
        tcg_gen_shri_i64(r, b, 63);
        tcg_gen_deposit_i64(r, r, t, 1, 1);
        return;
    }
    tcg_gen_extract_i64(r, b, 31, 1);
    for (i = 1; i < 4; i++) {
        tcg_gen_extract_i64(t, i < 2 ? b : a, i & 1 ? 63 : 31, 1);
        tcg_gen_deposit_i64(r, r, t, i, 1);
    }
}

/* psrcw/psrcd: each 32-bit (64-bit) lane of src1 rotated right by
   src2 modulo the lane width. */
static void gen_psrc(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, bool dbl)
{
    TCGv_i32 lo, hi, n;
    TCGv_i64 k;

    if (dbl) {
        k = tcg_temp_new_i64();
        tcg_gen_andi_i64(k, b, 63);
        tcg_gen_rotr_i64(r, a, k);
        return;
    }
    lo = tcg_temp_new_i32();
    hi = tcg_temp_new_i32();
    n = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(n, b);
    tcg_gen_andi_i32(n, n, 31);
    tcg_gen_extrl_i64_i32(lo, a);
    tcg_gen_extrh_i64_i32(hi, a);
    tcg_gen_rotr_i32(lo, lo, n);
    tcg_gen_rotr_i32(hi, hi, n);
    tcg_gen_concat_i32_i64(r, lo, hi);
}

/*
 * pmulubhh: 16-bit lane i = (u8 byte i of src1 * s16 lane i of src2 +
 * 0x80) >> 8.  With x = byte << 7 (at most 0x7f80, a positive int16),
 * SSSE3's pmulhrsw gives (x * y + 0x4000) >> 15, which is exactly that:
 * punpcklbw with 0 widens the bytes, psllw 7, pmulhrsw.
 */
static bool gen_pmulubhh(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    TCGv_i64 x;

    if (!tcg_vec_op_supported(TCG_VEC_PUNPCKLBW) ||
        !tcg_vec_op_supported(TCG_VEC_PSLLW) ||
        !tcg_vec_op_supported(TCG_VEC_PMULHRSW)) {
        return false;
    }
    x = tcg_temp_new_i64();
    tcg_gen_vec2_i64(TCG_VEC_PUNPCKLBW, x, a, tcg_constant_i64(0));
    tcg_gen_vec2_i64(TCG_VEC_PSLLW, x, x, tcg_constant_i64(7));
    tcg_gen_vec2_i64(TCG_VEC_PMULHRSW, r, x, b);
    return true;
}

/* The operations cheaper as a few TCG ops than as a call; exactly the
   helpers' results (the helpers stay their definition). */
static bool gen_vec_inline(unsigned id, TCGv_i64 r, TCGv_i64 a,
                           TCGv_i64 b)
{
    static const uint64_t hb = 0x8080808080808080ULL;
    static const uint64_t hh = 0x8000800080008000ULL;
    static const uint64_t hw = 0x8000000080000000ULL;

    switch (id) {
    case E2K_OP_PANDD: tcg_gen_and_i64(r, a, b); break;
    case E2K_OP_PANDND: tcg_gen_andc_i64(r, a, b); break;
    case E2K_OP_PORD: tcg_gen_or_i64(r, a, b); break;
    case E2K_OP_PXORD: tcg_gen_xor_i64(r, a, b); break;
    case E2K_OP_PADDD: tcg_gen_add_i64(r, a, b); break;
    case E2K_OP_PSUBD: tcg_gen_sub_i64(r, a, b); break;
    case E2K_OP_PCMPEQD: tcg_gen_negsetcond_i64(TCG_COND_EQ, r, a, b); break;
    case E2K_OP_PCMPGTD: tcg_gen_negsetcond_i64(TCG_COND_GT, r, a, b); break;
    case E2K_OP_PADDB: gen_swar_add(r, a, b, hb); break;
    case E2K_OP_PADDH: gen_swar_add(r, a, b, hh); break;
    case E2K_OP_PADDW: gen_swar_add(r, a, b, hw); break;
    case E2K_OP_PSUBB: gen_swar_sub(r, a, b, hb); break;
    case E2K_OP_PSUBH: gen_swar_sub(r, a, b, hh); break;
    case E2K_OP_PSUBW: gen_swar_sub(r, a, b, hw); break;
    case E2K_OP_PCMPEQB: gen_swar_cmpeq(r, a, b, hb, 8); break;
    case E2K_OP_PCMPEQH: gen_swar_cmpeq(r, a, b, hh, 16); break;
    case E2K_OP_PCMPEQW: gen_swar_cmpeq(r, a, b, hw, 32); break;
    case E2K_OP_PMOVMSKB: gen_pmovmskb(r, a, b); break;
    case E2K_OP_PMADDH: gen_pmaddh(r, a, b); break;
    case E2K_OP_PMULUBHH: return gen_pmulubhh(r, a, b);
    case E2K_OP_PSRCW: gen_psrc(r, a, b, false); break;
    case E2K_OP_PSRCD: gen_psrc(r, a, b, true); break;
    case E2K_OP_PMOVMSKPS: gen_pmovmskp(r, a, b, false); break;
    case E2K_OP_PMOVMSKPD: gen_pmovmskp(r, a, b, true); break;
    default:
        return false;
    }
    return true;
}

/* pmerge: src2's byte where src3's byte is negative, else src1's: the
   bytes' top bits spread over them (times 0xff) select bitwise. */
static void gen_pmerge(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, TCGv_i64 c)
{
    TCGv_i64 m = tcg_temp_new_i64(), t = tcg_temp_new_i64();

    tcg_gen_shri_i64(m, c, 7);
    tcg_gen_andi_i64(m, m, 0x0101010101010101ULL);
    tcg_gen_muli_i64(m, m, 0xff);
    tcg_gen_and_i64(t, b, m);
    tcg_gen_andc_i64(r, a, m);
    tcg_gen_or_i64(r, r, t);
}

/*
 * pshufb/qpshufb/qppermb without the helper (SSSE3): the byte selection
 * is the host pshufb (vec2 LOW: a zero-extended 8-byte table, so an index
 * of 8..15 gives 0 and each 8-byte piece is looked up apart and OR-ed),
 * and the per-byte modifiers of the e2k control byte, which x86 lacks,
 * are SWAR masks and selects on all eight bytes at once: the result is
 * the helper's for every control byte, with no branch.
 */

/* Each byte of @m: 0xff where bit @bit of the byte of @x is set, else 0. */
static void gen_byte_mask(TCGv_i64 m, TCGv_i64 x, int bit)
{
    tcg_gen_shri_i64(m, x, bit);
    tcg_gen_andi_i64(m, m, 0x0101010101010101ULL);
    tcg_gen_muli_i64(m, m, 0xff);
}

/* r = y where the byte of @m is 0xff, else x. */
static void gen_byte_select(TCGv_i64 r, TCGv_i64 x, TCGv_i64 y, TCGv_i64 m)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_xor_i64(t, x, y);
    tcg_gen_and_i64(t, t, m);
    tcg_gen_xor_i64(r, x, t);
}

/* The bits of each byte of @x in reverse order. */
static void gen_byte_reverse_bits(TCGv_i64 r, TCGv_i64 x)
{
    static const uint64_t mask[3] = {
        0x0f0f0f0f0f0f0f0fULL, 0x3333333333333333ULL, 0x5555555555555555ULL,
    };
    TCGv_i64 v = tcg_temp_new_i64(), t = tcg_temp_new_i64();
    int k;

    tcg_gen_mov_i64(v, x);
    for (k = 0; k < 3; k++) {
        int n = 4 >> k;

        tcg_gen_shri_i64(t, v, n);
        tcg_gen_andi_i64(t, t, mask[k]);
        tcg_gen_andi_i64(v, v, mask[k]);
        tcg_gen_shli_i64(v, v, n);
        tcg_gen_or_i64(v, v, t);
    }
    tcg_gen_mov_i64(r, v);
}

/* Byte i: byte (idx_i & 15) of hi:lo (lo the bytes 0..7); idx_i's other
   bits are ignored. */
static void gen_select16(TCGv_i64 r, TCGv_i64 lo, TCGv_i64 hi, TCGv_i64 idx)
{
    TCGv_i64 k = tcg_temp_new_i64(), t = tcg_temp_new_i64();

    tcg_gen_andi_i64(k, idx, 0x0f0f0f0f0f0f0f0fULL);
    tcg_gen_vec2_i64(TCG_VEC_PSHUFB, t, lo, k);
    tcg_gen_xori_i64(k, k, 0x0808080808080808ULL);
    tcg_gen_vec2_i64(TCG_VEC_PSHUFB, r, hi, k);
    tcg_gen_or_i64(r, r, t);
}

/* x = sign (0x00/0xff) of x where the byte of @c has bit @bit. */
static void gen_byte_sign_if(TCGv_i64 x, TCGv_i64 c, int bit)
{
    TCGv_i64 m = tcg_temp_new_i64(), s = tcg_temp_new_i64();

    gen_byte_mask(m, c, bit);
    gen_byte_mask(s, x, 7);
    gen_byte_select(x, x, s, m);
}

/* x = x with its bits reversed where the byte of @c has bit @bit. */
static void gen_byte_reverse_if(TCGv_i64 x, TCGv_i64 c, int bit)
{
    TCGv_i64 m = tcg_temp_new_i64(), v = tcg_temp_new_i64();

    gen_byte_mask(m, c, bit);
    gen_byte_reverse_bits(v, x);
    gen_byte_select(x, x, v, m);
}

/* helper_pshufb(a, b, c) */
static void gen_pshufb(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, TCGv_i64 c)
{
    TCGv_i64 x = tcg_temp_new_i64(), m4 = tcg_temp_new_i64();
    TCGv_i64 m5 = tcg_temp_new_i64(), m6 = tcg_temp_new_i64();
    TCGv_i64 k = tcg_temp_new_i64(), t = tcg_temp_new_i64();

    gen_select16(x, b, a, c);               /* bit 3 picks src1 */
    gen_byte_mask(m4, c, 4);
    tcg_gen_xor_i64(x, x, m4);              /* bit 4: invert */
    gen_byte_reverse_if(x, c, 5);           /* bit 5: reverse */
    gen_byte_sign_if(x, c, 6);              /* bit 6: sign */
    /* bit 7: the constant of bits 6..4: 0x7f (010), 0x80 (100), 0xff
       (110), else 0, i.e. (b6 ? 0x80 : 0) | (b5 ? 0x7f : 0) unless b4 */
    gen_byte_mask(m5, c, 5);
    gen_byte_mask(m6, c, 6);
    tcg_gen_andi_i64(k, m6, 0x8080808080808080ULL);
    tcg_gen_andi_i64(t, m5, 0x7f7f7f7f7f7f7f7fULL);
    tcg_gen_or_i64(k, k, t);
    tcg_gen_andc_i64(k, k, m4);
    gen_byte_mask(t, c, 7);
    gen_byte_select(r, x, k, t);
}

/* qppermb's result half from control half @c: byte ctl & 31 of the
   32 bytes src2 (0..15) then src1 (16..31); bit 5 inverts it, bit 6
   reverses its bits, bit 7 replaces it by its sign. */
static void gen_qppermb_half(TCGv_i64 r, TCGv_i64 a, TCGv_i64 ah,
                             TCGv_i64 b, TCGv_i64 bh, TCGv_i64 c)
{
    TCGv_i64 x = tcg_temp_new_i64(), y = tcg_temp_new_i64();
    TCGv_i64 m = tcg_temp_new_i64();

    gen_select16(x, b, bh, c);
    gen_select16(y, a, ah, c);
    gen_byte_mask(m, c, 4);
    gen_byte_select(x, x, y, m);
    gen_byte_mask(m, c, 5);
    tcg_gen_xor_i64(x, x, m);
    gen_byte_reverse_if(x, c, 6);
    gen_byte_sign_if(x, c, 7);
    tcg_gen_mov_i64(r, x);
}

/* hi:lo shifted left (right) by @n bits, 0 < n < 64: the half that
   takes bits from the other one. */
static void gen_shl128_hi(TCGv_i64 r, TCGv_i64 hi, TCGv_i64 lo, int n)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_shri_i64(t, lo, 64 - n);
    tcg_gen_shli_i64(r, hi, n);
    tcg_gen_or_i64(r, r, t);
}

static void gen_shr128_lo(TCGv_i64 r, TCGv_i64 hi, TCGv_i64 lo, int n)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_shli_i64(t, hi, 64 - n);
    tcg_gen_shri_i64(r, lo, n);
    tcg_gen_or_i64(r, r, t);
}

/*
 * The literal forms (ALOPF11_LIT8, pshufh) as extracts, deposits and
 * shifts of the constant literal @lit, exactly the helpers' results
 * (vec_helper.c spells out each; @a is NULL for pshufh).
 */
static bool gen_vec_lit(unsigned id, TCGv_i64 r, TCGv_i64 a, TCGv_i64 b,
                        uint64_t lit)
{
    TCGv_i64 w[4], t;
    int n = lit >= 16 ? 128 : (int)lit * 8, i;

    switch (id) {
    case E2K_OP_PEXTRH:
        if (lit >= 8) {
            tcg_gen_movi_i64(r, 0);
        } else {
            tcg_gen_extract_i64(r, lit < 4 ? b : a, 16 * (lit & 3), 16);
        }
        return true;
    case E2K_OP_PINSH:
        if (lit >= 4) {
            tcg_gen_mov_i64(r, a);
        } else {
            tcg_gen_deposit_i64(r, a, b, 16 * lit, 16);
        }
        return true;
    case E2K_OP_PSHUFW:
        w[0] = w[1] = b;
        w[2] = w[3] = a;
        t = tcg_temp_new_i64();
        tcg_gen_extract_i64(t, w[lit & 3], 32 * (lit & 1), 32);
        tcg_gen_extract_i64(r, w[(lit >> 2) & 3], 32 * ((lit >> 2) & 1),
                            32);
        tcg_gen_deposit_i64(r, t, r, 32, 32);
        return true;
    case E2K_OP_PSHUFH:
        t = tcg_temp_new_i64();
        for (i = 0; i < 4; i++) {
            w[i] = tcg_temp_new_i64();
            tcg_gen_extract_i64(w[i], b, 16 * ((lit >> (2 * i)) & 3), 16);
        }
        tcg_gen_deposit_i64(t, w[0], w[1], 16, 16);
        tcg_gen_deposit_i64(t, t, w[2], 32, 16);
        tcg_gen_deposit_i64(r, t, w[3], 48, 16);
        return true;
    case E2K_OP_PSLLQH:         /* the high half of (a:b) << n */
        if (n >= 128) {
            tcg_gen_movi_i64(r, 0);
        } else if (n >= 64) {
            tcg_gen_shli_i64(r, b, n - 64);
        } else if (n) {
            gen_shl128_hi(r, a, b, n);
        } else {
            tcg_gen_mov_i64(r, a);
        }
        return true;
    case E2K_OP_PSLLQL:         /* the low half of (a:b) << n */
        if (n >= 64) {
            tcg_gen_movi_i64(r, 0);
        } else {
            tcg_gen_shli_i64(r, b, n);
        }
        return true;
    case E2K_OP_PSRLQH:         /* the high half of (a:b) >> n */
        if (n >= 64) {
            tcg_gen_movi_i64(r, 0);
        } else {
            tcg_gen_shri_i64(r, a, n);
        }
        return true;
    case E2K_OP_PSRLQL:         /* the low half of (a:b) >> n */
        if (n >= 128) {
            tcg_gen_movi_i64(r, 0);
        } else if (n >= 64) {
            tcg_gen_shri_i64(r, a, n - 64);
        } else if (n) {
            gen_shr128_lo(r, a, b, n);
        } else {
            tcg_gen_mov_i64(r, b);
        }
        return true;
    default:
        return false;
    }
}

/*
 * The operations that one host SSE2/SSSE3/SSE4.1 instruction does
 * exactly (tcg-vec.h), as the vec2 IR op.  @swap: the instruction takes
 * (src2, src1), as x86 puts src2's lanes first in packs, unpacks and
 * pmovmskb, and pmaddubsw's unsigned operand is e2k's src2.  The test
 * tests/tcg/e2k/vec/test-vec-sse.c pins each pairing against the
 * helpers; an operation whose host feature is missing falls back to
 * gen_vec_inline or the helper.
 */
static const struct {
    uint16_t id;
    uint8_t vop;
    bool swap;
} vec_sse_rows[] = {
    { E2K_OP_PADDB, TCG_VEC_PADDB }, { E2K_OP_PADDH, TCG_VEC_PADDW },
    { E2K_OP_PADDW, TCG_VEC_PADDD }, { E2K_OP_PSUBB, TCG_VEC_PSUBB },
    { E2K_OP_PSUBH, TCG_VEC_PSUBW }, { E2K_OP_PSUBW, TCG_VEC_PSUBD },
    { E2K_OP_PADDSB, TCG_VEC_PADDSB }, { E2K_OP_PADDSH, TCG_VEC_PADDSW },
    { E2K_OP_PSUBSB, TCG_VEC_PSUBSB }, { E2K_OP_PSUBSH, TCG_VEC_PSUBSW },
    { E2K_OP_PADDUSB, TCG_VEC_PADDUSB }, { E2K_OP_PADDUSH, TCG_VEC_PADDUSW },
    { E2K_OP_PSUBUSB, TCG_VEC_PSUBUSB }, { E2K_OP_PSUBUSH, TCG_VEC_PSUBUSW },
    { E2K_OP_PCMPEQB, TCG_VEC_PCMPEQB }, { E2K_OP_PCMPEQH, TCG_VEC_PCMPEQW },
    { E2K_OP_PCMPEQW, TCG_VEC_PCMPEQD }, { E2K_OP_PCMPGTB, TCG_VEC_PCMPGTB },
    { E2K_OP_PCMPGTH, TCG_VEC_PCMPGTW }, { E2K_OP_PCMPGTW, TCG_VEC_PCMPGTD },
    { E2K_OP_PMAXUB, TCG_VEC_PMAXUB }, { E2K_OP_PMINUB, TCG_VEC_PMINUB },
    { E2K_OP_PMAXSH, TCG_VEC_PMAXSW }, { E2K_OP_PMINSH, TCG_VEC_PMINSW },
    { E2K_OP_PMAXSB, TCG_VEC_PMAXSB }, { E2K_OP_PMINSB, TCG_VEC_PMINSB },
    { E2K_OP_PMAXUH, TCG_VEC_PMAXUW }, { E2K_OP_PMINUH, TCG_VEC_PMINUW },
    { E2K_OP_PMAXSW, TCG_VEC_PMAXSD }, { E2K_OP_PMINSW, TCG_VEC_PMINSD },
    { E2K_OP_PMAXUW, TCG_VEC_PMAXUD }, { E2K_OP_PMINUW, TCG_VEC_PMINUD },
    { E2K_OP_PAVGUSB, TCG_VEC_PAVGB }, { E2K_OP_PAVGUSH, TCG_VEC_PAVGW },
    { E2K_OP_PMULLH, TCG_VEC_PMULLW }, { E2K_OP_PMULHH, TCG_VEC_PMULHW },
    { E2K_OP_PMULHUH, TCG_VEC_PMULHUW }, { E2K_OP_PMULHRSH, TCG_VEC_PMULHRSW },
    { E2K_OP_PMULLW, TCG_VEC_PMULLD }, { E2K_OP_PMADDH, TCG_VEC_PMADDWD },
    { E2K_OP_PMADDUBSH, TCG_VEC_PMADDUBSW, true },
    { E2K_OP_PSADBW, TCG_VEC_PSADBW },
    { E2K_OP_PSIGNB, TCG_VEC_PSIGNB }, { E2K_OP_PSIGNH, TCG_VEC_PSIGNW },
    { E2K_OP_PSIGNW, TCG_VEC_PSIGND },
    { E2K_OP_PSLLH, TCG_VEC_PSLLW }, { E2K_OP_PSLLW, TCG_VEC_PSLLD },
    { E2K_OP_PSLLD, TCG_VEC_PSLLQ }, { E2K_OP_PSRLH, TCG_VEC_PSRLW },
    { E2K_OP_PSRLW, TCG_VEC_PSRLD }, { E2K_OP_PSRLD, TCG_VEC_PSRLQ },
    { E2K_OP_PSRAH, TCG_VEC_PSRAW }, { E2K_OP_PSRAW, TCG_VEC_PSRAD },
    { E2K_OP_PACKSSHB, TCG_VEC_PACKSSWB, true },
    { E2K_OP_PACKUSHB, TCG_VEC_PACKUSWB, true },
    { E2K_OP_PACKSSWH, TCG_VEC_PACKSSDW, true },
    { E2K_OP_PACKUSWH, TCG_VEC_PACKUSDW, true },
    { E2K_OP_PUNPCKLBH, TCG_VEC_PUNPCKLBW, true },
    { E2K_OP_PUNPCKHBH, TCG_VEC_PUNPCKHBW, true },
    { E2K_OP_PUNPCKLHW, TCG_VEC_PUNPCKLWD, true },
    { E2K_OP_PUNPCKHHW, TCG_VEC_PUNPCKHWD, true },
    { E2K_OP_PUNPCKLWD, TCG_VEC_PUNPCKLDQ, true },
    { E2K_OP_PUNPCKHWD, TCG_VEC_PUNPCKHDQ, true },
    { E2K_OP_PHADDH, TCG_VEC_PHADDW }, { E2K_OP_PHADDW, TCG_VEC_PHADDD },
    { E2K_OP_PHSUBH, TCG_VEC_PHSUBW }, { E2K_OP_PHSUBW, TCG_VEC_PHSUBD },
    { E2K_OP_PHADDSH, TCG_VEC_PHADDSW }, { E2K_OP_PHSUBSH, TCG_VEC_PHSUBSW },
    { E2K_OP_PMOVMSKB, TCG_VEC_PMOVMSKB, true },
    { E2K_OP_PHMINPOSUH, TCG_VEC_PHMINPOSUW },
};

/* The 64-bit operation whose helper is @fn (0: none). */
static unsigned vec_row_id(void *fn)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vec_rows); i++) {
        if (vec_rows[i].fn == fn) {
            return vec_rows[i].id;
        }
    }
    return 0;
}

static bool gen_vec_sse(unsigned id, TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vec_sse_rows); i++) {
        if (vec_sse_rows[i].id == id) {
            TCGVecOp vop = (TCGVecOp)vec_sse_rows[i].vop;

            if (!tcg_vec_op_supported(vop)) {
                return false;
            }
            if (vec_sse_rows[i].swap) {
                tcg_gen_vec2_i64(vop, r, b, a);
            } else {
                tcg_gen_vec2_i64(vop, r, a, b);
            }
            return true;
        }
    }
    return false;
}

/*
 * Packed floating point (v3+): one call of helper_pfop, which runs the
 * scalar FP helper lane by lane.  The compares take their condition
 * from ALES.opce (the E2K_FCMP_* order).
 */
typedef struct PfRow {
    uint16_t id;
    uint8_t op, shape;
} PfRow;

static const PfRow pf_rows[] = {
    { E2K_OP_PFADDS, E2K_PF_ADD, E2K_PF_2S },
    { E2K_OP_PFSUBS, E2K_PF_SUB, E2K_PF_2S },
    { E2K_OP_PFMULS, E2K_PF_MUL, E2K_PF_2S },
    { E2K_OP_PFMINS, E2K_PF_MIN, E2K_PF_2S },
    { E2K_OP_PFMAXS, E2K_PF_MAX, E2K_PF_2S },
    { E2K_OP_PFHADDS, E2K_PF_HADD, E2K_PF_2S },
    { E2K_OP_PFHSUBS, E2K_PF_HSUB, E2K_PF_2S },
    { E2K_OP_PFADDSUBS, E2K_PF_ADDSUB, E2K_PF_2S },
    { E2K_OP_PFADDD, E2K_PF_ADD, E2K_PF_1D },
    { E2K_OP_PFSUBD, E2K_PF_SUB, E2K_PF_1D },
    { E2K_OP_PFMULD, E2K_PF_MUL, E2K_PF_1D },
    { E2K_OP_PFDIVD, E2K_PF_DIV, E2K_PF_1D },
    { E2K_OP_PFMIND, E2K_PF_MIN, E2K_PF_1D },
    { E2K_OP_PFMAXD, E2K_PF_MAX, E2K_PF_1D },
    { E2K_OP_PFDIVS, E2K_PF_DIV, E2K_PF_1S },
    { E2K_OP_PFSQRTS, E2K_PF_SQRT, E2K_PF_1S },
    { E2K_OP_PFSQRTTD, E2K_PF_SQRTT, E2K_PF_1D },
    { E2K_OP_PFSTOIS, E2K_PF_FTOI, E2K_PF_2S },
    { E2K_OP_PFSTOISTR, E2K_PF_FTOITR, E2K_PF_2S },
    { E2K_OP_PISTOFS, E2K_PF_ITOF, E2K_PF_2S },
    { E2K_OP_PFSTOFD, E2K_PF_STOD, E2K_PF_1S },
    { E2K_OP_PFDTOFS, E2K_PF_DTOS, E2K_PF_1D },
    { E2K_OP_PFDTOIS, E2K_PF_FTOI, E2K_PF_1D },
    { E2K_OP_PFDTOISTR, E2K_PF_FTOITR, E2K_PF_1D },
    { E2K_OP_PFSTOIFS, E2K_PF_RINT, E2K_PF_2S },
    { E2K_OP_PFDTOIFD, E2K_PF_RINT, E2K_PF_1D },
#define PFCMP(x) \
    { E2K_OP_PFCMP##x##S, E2K_PF_CMP, E2K_PF_2S }, \
    { E2K_OP_PFCMP##x##D, E2K_PF_CMP, E2K_PF_1D },
    PFCMP(EQ) PFCMP(LT) PFCMP(LE) PFCMP(UOD) PFCMP(NEQ) PFCMP(NLT)
    PFCMP(NLE) PFCMP(OD)
#undef PFCMP
};

/*
 * Inline packed FP: each lane is the scalar operation's one SSE
 * instruction (fpu1/fpu2), under the scalar path's PFPFR guard (every
 * exception masked, nearest, no FTZ), so results, NaN choice and flags
 * are the scalar helpers' and therefore helper_pfop's; the lanes' flags
 * accrue in MXCSR as the scalar ones do.  Round-to-integral keeps the
 * helper (as the scalar form does).  The binary operations' instructions
 * are the scalar ones' (e2k_fpu_sse_binop).
 */
/* The one-source conversions and roots, by shape; -1: none. */
static int pf_sse_one(int op, int shape)
{
    switch (op) {
    case E2K_PF_FTOI:
        return shape == E2K_PF_1D ? TCG_FP_DTOI32 : TCG_FP_STOI32;
    case E2K_PF_FTOITR:
        return shape == E2K_PF_1D ? TCG_FP_DTOI32T : TCG_FP_STOI32T;
    case E2K_PF_ITOF:
        return shape == E2K_PF_2S ? TCG_FP_I32TOS : -1;
    case E2K_PF_STOD:
        return shape == E2K_PF_1S ? TCG_FP_STOD : -1;
    case E2K_PF_DTOS:
        return shape == E2K_PF_1D ? TCG_FP_DTOS : -1;
    case E2K_PF_SQRT:
        return shape == E2K_PF_1D ? TCG_FP_SQRTD : TCG_FP_SQRTS;
    case E2K_PF_SQRTT:
        return shape == E2K_PF_1D ? TCG_FP_SQRTD : -1;
    default:
        return -1;
    }
}

static bool pf_inline_known(int op, int shape)
{
    switch (op) {
    case E2K_PF_HADD: case E2K_PF_HSUB: case E2K_PF_ADDSUB:
        return shape == E2K_PF_2S;
    case E2K_PF_CMP:
        return shape != E2K_PF_1S;
    default:
        return e2k_fpu_sse_binop(op, shape == E2K_PF_1D) >= 0 ||
               pf_sse_one(op, shape) >= 0;
    }
}

static TCGv_i64 hi32(TCGv_i64 x)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_shri_i64(t, x, 32);
    return t;
}

/* Two f32 lanes: r = op(x0, y0) | op(x1, y1) << 32 (the fpu ops ignore
   the upper half of an f32 and zero it in a result). */
static TCGv_i64 gen_pf_lanes(TCGFpOp lo_op, TCGFpOp hi_op, TCGv_i64 x0,
                             TCGv_i64 y0, TCGv_i64 x1, TCGv_i64 y1)
{
    TCGv_i64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();

    if (tcg_fp_nb_inputs(lo_op) == 2) {
        tcg_gen_fpu2_i64(lo_op, lo, x0, y0);
        tcg_gen_fpu2_i64(hi_op, hi, x1, y1);
    } else {
        tcg_gen_fpu1_i64(lo_op, lo, y0);
        tcg_gen_fpu1_i64(hi_op, hi, y1);
    }
    tcg_gen_deposit_i64(lo, lo, hi, 32, 32);
    return lo;
}

static TCGv_i64 gen_pf_inline(DisasContext *dc, TCGv_i64 a, TCGv_i64 b,
                              int op, int shape, int cond)
{
    bool d = shape == E2K_PF_1D;
    TCGv_i64 r;
    int fo;

    if (!pf_inline_known(op, shape) || !e2k_fpu_inline_ok(dc)) {
        return NULL;
    }
    a = e2k_fpu_spec_operand(dc, a ? a : tcg_constant_i64(0),
                             d ? E2K_FP_ONE_D : E2K_FP_ONE_S2);
    b = e2k_fpu_spec_operand(dc, b ? b : tcg_constant_i64(0),
                             d ? E2K_FP_ONE_D : E2K_FP_ONE_S2);
    switch (op) {
    case E2K_PF_HADD: case E2K_PF_HSUB:
        fo = op == E2K_PF_HADD ? TCG_FP_ADDS : TCG_FP_SUBS;
        return gen_pf_lanes(fo, fo, a, hi32(a), b, hi32(b));
    case E2K_PF_ADDSUB:
        return gen_pf_lanes(TCG_FP_SUBS, TCG_FP_ADDS, a, b, hi32(a),
                            hi32(b));
    case E2K_PF_CMP:
        r = tcg_temp_new_i64();
        if (d) {
            tcg_gen_fpu2_i64(TCG_FP_CMPD + cond, r, a, b);
            tcg_gen_neg_i64(r, r);
            return r;
        }
        /* 0/1 per lane, times 0xffffffff: all ones where it holds */
        fo = TCG_FP_CMPS + cond;
        r = gen_pf_lanes(fo, fo, a, b, hi32(a), hi32(b));
        tcg_gen_muli_i64(r, r, 0xffffffffULL);
        return r;
    case E2K_PF_SQRTT:
        r = tcg_temp_new_i64();
        tcg_gen_fpu1_i64(TCG_FP_SQRTD, r, a);
        return r;
    }
    fo = e2k_fpu_sse_binop(op, d);
    if (fo < 0) {
        fo = pf_sse_one(op, shape);
    }
    if (shape == E2K_PF_2S) {
        return gen_pf_lanes(fo, fo, a, b, hi32(a), hi32(b));
    }
    r = tcg_temp_new_i64();
    if (tcg_fp_nb_inputs(fo) == 2) {
        tcg_gen_fpu2_i64(fo, r, a, b);
    } else {
        tcg_gen_fpu1_i64(fo, r, b);
    }
    return r;
}

static TCGv_i64 gen_pfop(DisasContext *dc, TCGv_i64 a, TCGv_i64 b, int op,
                         int shape, int cond)
{
    TCGv_i64 r = gen_pf_inline(dc, a, b, op, shape, cond);

    if (r) {
        return r;
    }
    r = tcg_temp_new_i64();
    a = e2k_fpu_spec_operand(dc, a ? a : tcg_constant_i64(0),
                             shape == E2K_PF_1D ? E2K_FP_ONE_D
                                                : E2K_FP_ONE_S2);
    b = e2k_fpu_spec_operand(dc, b ? b : tcg_constant_i64(0),
                             shape == E2K_PF_1D ? E2K_FP_ONE_D
                                                : E2K_FP_ONE_S2);
    e2k_gen_helper(&e2k_helper_pfop, tcg_temp(r), 5, tcg_temp(tcg_env),
                   tcg_temp(a), tcg_temp(b),
                   tcg_temp(tcg_constant_i64(E2K_PF_META(op, shape, cond))),
                   tcg_temp(e2k_fpu_helper_pc(dc)));
    return r;
}

/* The stage names of the combined packed FP operations ("pfmul_rsubs":
   mul, then rsub), longest first so "addsub" is not read as "add". */
static const struct {
    const char *name;
    int op;
} pf_stage[] = {
    { "addsub", E2K_PF_ADDSUB }, { "hadd", E2K_PF_HADD },
    { "hsub", E2K_PF_HSUB }, { "rsub", -1 }, { "add", E2K_PF_ADD },
    { "sub", E2K_PF_SUB }, { "mul", E2K_PF_MUL },
};

static int pf_stage_op(const char *p, size_t n, bool *rsub)
{
    size_t i;

    *rsub = false;
    for (i = 0; i < G_N_ELEMENTS(pf_stage); i++) {
        if (strlen(pf_stage[i].name) == n &&
            !strncmp(p, pf_stage[i].name, n)) {
            if (pf_stage[i].op < 0) {
                *rsub = true;
                return E2K_PF_SUB;
            }
            return pf_stage[i].op;
        }
    }
    return -1;
}

/*
 * Combined packed FP (ALOPF21, "pf<op1>_<op2><s|d>"): t = src1 op1 src2,
 * then src3 op2 t (rsub: t - src3), each stage rounded, as the scalar
 * combined operations.  @prefix: "pf" (or "qpf").
 */
static bool pf_comb_parse(const char *name, const char *prefix, int *op1,
                       int *op2, bool *rsub, bool *dbl)
{
    size_t pl = strlen(prefix), n;
    const char *us, *p;
    bool r1;

    if (strncmp(name, prefix, pl)) {
        return false;
    }
    p = name + pl;
    us = strchr(p, '_');
    n = strlen(name);
    if (!us || n < 2 || (name[n - 1] != 's' && name[n - 1] != 'd')) {
        return false;
    }
    *dbl = name[n - 1] == 'd';
    *op1 = pf_stage_op(p, us - p, &r1);
    *op2 = pf_stage_op(us + 1, name + n - 1 - (us + 1), rsub);
    return *op1 >= 0 && !r1 && *op2 >= 0;
}

static bool gen_pf(DisasContext *dc, const E2KOpDesc *d, TCGv_i64 r,
                   TCGv_i64 a, TCGv_i64 b, TCGv_i64 c)
{
    int op1, op2;
    bool rsub, dbl;
    size_t i;
    TCGv_i64 t;

    for (i = 0; i < G_N_ELEMENTS(pf_rows); i++) {
        if (pf_rows[i].id == d->id) {
            t = gen_pfop(dc, a, b, pf_rows[i].op, pf_rows[i].shape,
                         d->ales_opce & 7);
            tcg_gen_mov_i64(r, t);
            return true;
        }
    }
    if (d->alopf != E2K_ALOPF21 || !c ||
        !pf_comb_parse(d->name, "pf", &op1, &op2, &rsub, &dbl)) {
        return false;
    }
    if (dbl && (op1 >= E2K_PF_HADD || op2 >= E2K_PF_HADD)) {
        return false;           /* no f64 horizontal forms on 64 bits */
    }
    t = gen_pfop(dc, a, b, op1, dbl ? E2K_PF_1D : E2K_PF_2S, 0);
    t = rsub ? gen_pfop(dc, t, c, op2, dbl ? E2K_PF_1D : E2K_PF_2S, 0)
             : gen_pfop(dc, c, t, op2, dbl ? E2K_PF_1D : E2K_PF_2S, 0);
    tcg_gen_mov_i64(r, t);
    return true;
}

bool e2k_gen_vec(DisasContext *dc, const E2KOpDesc *d, TCGv_i64 r,
                 TCGv_i64 a, TCGv_i64 b, TCGv_i64 c)
{
    size_t i;

    if (a && b && (gen_vec_sse(d->id, r, a, b) ||
                   gen_vec_inline(d->id, r, a, b))) {
        return true;
    }
    if (gen_pf(dc, d, r, a, b, c)) {
        return true;
    }

    if (d->id == E2K_OP_PSHUFB && a && b && c &&
        tcg_vec_op_supported(TCG_VEC_PSHUFB)) {
        gen_pshufb(r, a, b, c);
        return true;
    }
    for (i = 0; i < G_N_ELEMENTS(vec_rows); i++) {
        const VecRow *row = &vec_rows[i];

        if (row->id != d->id) {
            continue;
        }
        if (row->nsrc == VEC_LIT) {
            if (!c) {
                return false;       /* no literal passed: not decoded */
            }
            if (tcg_temp(c)->kind == TEMP_CONST &&
                (a || row->id == E2K_OP_PSHUFH) &&
                gen_vec_lit(row->id, r, a, b, tcg_temp(c)->val)) {
                return true;
            }
            gen_pure_call(row->fn, tcg_temp(r), 3,
                                tcg_temp(a ? a : tcg_constant_i64(0)),
                                tcg_temp(b), tcg_temp(c));
        } else if (row->nsrc == 3 && row->id == E2K_OP_PMERGE) {
            gen_pmerge(r, a, b, c);
        } else if (row->nsrc == 3) {
            gen_pure_call(row->fn, tcg_temp(r), 3, tcg_temp(a),
                                tcg_temp(b), tcg_temp(c));
        } else {
            gen_pure_call(row->fn, tcg_temp(r), 2, tcg_temp(a),
                                tcg_temp(b));
        }
        return true;
    }
    return false;
}

/* Compares into a predicate (E2K_VECP rows): 0 or 1 into @r. */
static const VecRow vec_pred_rows[] = {
#define E2K_VEC2(id, name)
#define E2K_VEC3(id, name)
#define E2K_VECL(id, name)
#define E2K_VECP(id, name) { E2K_OP_##id, 2, (void *)helper_##name },
#include "target/e2k/vec-ops.h"
#undef E2K_VEC2
#undef E2K_VEC3
#undef E2K_VECL
#undef E2K_VECP
};

/* The 128-bit forms (v6): the 64-bit compare on each half, OR-ed (any
   lane, *op) or AND-ed (every lane, *ap). */
static const struct {
    uint16_t qp, p;
} qp_pred[] = {
#define QPP(x) { E2K_OP_QPCMP##x, E2K_OP_PCMP##x },
    QPP(EQBOP) QPP(EQHOP) QPP(EQWOP) QPP(EQDOP) QPP(GTBOP) QPP(GTHOP)
    QPP(GTWOP) QPP(GTDOP) QPP(EQBAP) QPP(EQHAP) QPP(EQWAP) QPP(EQDAP)
    QPP(GTBAP) QPP(GTHAP) QPP(GTWAP) QPP(GTDAP)
#undef QPP
};

/* The upper half of source operand @field (0 for a literal). */
static TCGv_i64 gen_src_hi(DisasContext *dc, int chan, uint8_t field,
                           E2KOperandRole role)
{
    E2KOperand op;

    if (!e2k_decode_operand(&dc->b, chan, field, role, &op)) {
        return NULL;
    }
    return e2k_gen_reg_read_hi(dc, &op);
}

bool e2k_gen_vec_pred(DisasContext *dc, int chan, const E2KOpDesc *d,
                      TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    unsigned id = d->id;
    bool q = false;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(qp_pred); i++) {
        if (qp_pred[i].qp == id) {
            id = qp_pred[i].p;
            q = true;
        }
    }
    for (i = 0; i < G_N_ELEMENTS(vec_pred_rows); i++) {
        TCGv_i64 ah, bh, t;

        if (vec_pred_rows[i].id != id) {
            continue;
        }
        gen_pure_call(vec_pred_rows[i].fn, tcg_temp(r), 2,
                            tcg_temp(a), tcg_temp(b));
        if (!q) {
            return true;
        }
        ah = gen_src_hi(dc, chan, e2k_op_src1_field(&dc->b, chan, d),
                        E2K_ROLE_SRC1);
        bh = gen_src_hi(dc, chan, e2k_op_src2_field(&dc->b, chan, d),
                        E2K_ROLE_SRC2);
        if (!ah || !bh) {
            return false;
        }
        t = tcg_temp_new_i64();
        gen_pure_call(vec_pred_rows[i].fn, tcg_temp(t), 2,
                            tcg_temp(ah), tcg_temp(bh));
        if (d->name[strlen(d->name) - 2] == 'o') {
            tcg_gen_or_i64(r, r, t);
        } else {
            tcg_gen_and_i64(r, r, t);
        }
        return true;
    }
    return false;
}

/*
 * 128-bit %qpr operations (v5+).  The lane-wise ones that have a cheap
 * 64-bit inline form are generated on each half; everything else goes
 * through helper_qpop, with the sources' halves stored into env->vec
 * and the result loaded from there.
 */
static const struct {
    uint16_t qp, p;
} qp_inline[] = {
    { E2K_OP_QPAND, E2K_OP_PANDD }, { E2K_OP_QPANDN, E2K_OP_PANDND },
    { E2K_OP_QPOR, E2K_OP_PORD }, { E2K_OP_QPXOR, E2K_OP_PXORD },
    { E2K_OP_QPADDB, E2K_OP_PADDB }, { E2K_OP_QPADDH, E2K_OP_PADDH },
    { E2K_OP_QPADDW, E2K_OP_PADDW }, { E2K_OP_QPADDD, E2K_OP_PADDD },
    { E2K_OP_QPSUBB, E2K_OP_PSUBB }, { E2K_OP_QPSUBH, E2K_OP_PSUBH },
    { E2K_OP_QPSUBW, E2K_OP_PSUBW }, { E2K_OP_QPSUBD, E2K_OP_PSUBD },
    { E2K_OP_QPCMPEQB, E2K_OP_PCMPEQB }, { E2K_OP_QPCMPEQH, E2K_OP_PCMPEQH },
    { E2K_OP_QPCMPEQW, E2K_OP_PCMPEQW }, { E2K_OP_QPCMPEQD, E2K_OP_PCMPEQD },
    { E2K_OP_QPCMPGTD, E2K_OP_PCMPGTD }, { E2K_OP_QPMADDH, E2K_OP_PMADDH },
};

/*
 * plog_* / qplog_* (v5+, and their named aliases): a three-input logic
 * function given by its truth table, the ALS opcode (bits 6..0) and bit
 * 0 of ALES.opc2 (bit 7).  The qplog forms work on %qpr registers (the
 * opcode table, after the reference assembler, calls their operands
 * 64-bit).  A source the form leaves out (plog_0xff's src1) is 0.
 */
static bool is_plog(const E2KOpDesc *d, bool *q)
{
    *q = !strncmp(d->name, "qplog_", 6);
    return *q || !strncmp(d->name, "plog_", 5);
}

static bool gen_plog(DisasContext *dc, int chan, const E2KOpDesc *d,
                     TCGv_i64 a, TCGv_i64 b, TCGv_i64 c, TCGv_i32 guard,
                     bool q)
{
    TCGv_i64 t = tcg_constant_i64(d->opc | (d->ales_opc2 & 1) << 7);
    TCGv_i64 zero = tcg_constant_i64(0);
    TCGv_i64 lo = tcg_temp_new_i64(), hi = NULL, h[3] = { zero, zero, zero };
    TCGv_i64 src[3] = { a, b, c };
    static const E2KOperandRole role[3] = {
        E2K_ROLE_SRC1, E2K_ROLE_SRC2, E2K_ROLE_SRC3,
    };
    uint8_t field[3] = {
        e2k_op_src1_field(&dc->b, chan, d),
        e2k_op_src2_field(&dc->b, chan, d),
        e2k_op_src3_field(&dc->b, chan, d),
    };
    int i;

    for (i = 0; i < 3; i++) {
        if (q && src[i]) {
            h[i] = gen_src_hi(dc, chan, field[i], role[i]);
            if (!h[i]) {
                return false;
            }
        }
        if (!src[i]) {
            src[i] = zero;
        }
    }
    e2k_gen_helper(&e2k_helper_plog, tcg_temp(lo), 4, tcg_temp(src[0]),
                   tcg_temp(src[1]), tcg_temp(src[2]), tcg_temp(t));
    if (q) {
        hi = tcg_temp_new_i64();
        e2k_gen_helper(&e2k_helper_plog, tcg_temp(hi), 4, tcg_temp(h[0]),
                       tcg_temp(h[1]), tcg_temp(h[2]), tcg_temp(t));
    }
    if (!e2k_alu_set_result(dc, chan, e2k_op_dst_field(&dc->b, chan, d), lo,
                            guard)) {
        return false;
    }
    dc->res[chan].hi = hi;
    return true;
}

bool e2k_vec_is_qp(const E2KOpDesc *d)
{
    bool q;
    int i;

    if (d->flags & (E2K_OPF_LOAD | E2K_OPF_STORE)) {
        return false;
    }
    if (is_plog(d, &q)) {
        return true;
    }
    for (i = 0; i < 4; i++) {
        if (d->fmt[i] == E2K_FMT_P) {
            return true;
        }
    }
    return false;
}


/* qpmrgp (v6): src2 where the merge condition holds, else src1. */
static bool gen_qpmrgp(DisasContext *dc, int chan, const E2KOpDesc *d,
                       TCGv_i64 a, TCGv_i64 b, TCGv_i32 guard)
{
    TCGv_i64 ah, bh, m = tcg_temp_new_i64(), zero = tcg_constant_i64(0);
    TCGv_i64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    TCGv_i32 mc;
    uint8_t p;
    bool neg;

    ah = gen_src_hi(dc, chan, e2k_op_src1_field(&dc->b, chan, d),
                    E2K_ROLE_SRC1);
    bh = gen_src_hi(dc, chan, e2k_op_src2_field(&dc->b, chan, d),
                    E2K_ROLE_SRC2);
    if (!ah || !bh || !e2k_bundle_chan_pred(&dc->b, chan, true, &p, &neg)) {
        return false;
    }
    mc = e2k_gen_cond(dc, p);
    if (!mc) {
        return false;
    }
    tcg_gen_extu_i32_i64(m, mc);
    if (neg) {
        tcg_gen_xori_i64(m, m, 1);
    }
    tcg_gen_movcond_i64(TCG_COND_NE, lo, m, zero, b, a);
    tcg_gen_movcond_i64(TCG_COND_NE, hi, m, zero, bh, ah);
    if (!e2k_alu_set_result(dc, chan, e2k_op_dst_field(&dc->b, chan, d), lo,
                            guard)) {
        return false;
    }
    dc->res[chan].hi = hi;
    return true;
}

/* helper_qpop, between e2k_fpu_spec_begin/end.  With a diagnostic source
   under ,sm its FP lanes must accrue no flag (e2k-fpu.md): PFPFR is put
   back as before the call, and the result is 0 as when an operand is
   replaced (e2k_fpu_spec_operand). */
static void gen_qpop_call(DisasContext *dc, uint32_t op)
{
    TCGv_i64 tag = dc->fp_spec_tag, saved = NULL, cur;

    if (tag) {
        saved = tcg_temp_new_i64();
        tcg_gen_ld32u_i64(saved, tcg_env, offsetof(CPUE2KState, fpu.pfpfr));
    }
    e2k_gen_helper(&e2k_helper_qpop, NULL, 3, tcg_temp(tcg_env),
                   tcg_temp(tcg_constant_i32(op)),
                   tcg_temp(e2k_fpu_helper_pc(dc)));
    if (tag) {
        cur = tcg_temp_new_i64();
        tcg_gen_ld32u_i64(cur, tcg_env, offsetof(CPUE2KState, fpu.pfpfr));
        tcg_gen_movcond_i64(TCG_COND_NE, cur, tag, tcg_constant_i64(0),
                            saved, cur);
        tcg_gen_st32_i64(cur, tcg_env, offsetof(CPUE2KState, fpu.pfpfr));
        dc->fp_spec_subst = true;
    }
}

bool e2k_gen_vec_q(DisasContext *dc, int chan, const E2KOpDesc *d,
                   TCGv_i64 a, TCGv_i64 b, TCGv_i64 c, TCGv_i32 guard)
{
    static const E2KOperandRole role[3] = {
        E2K_ROLE_SRC1, E2K_ROLE_SRC2, E2K_ROLE_SRC3,
    };
    uint8_t field[3] = {
        e2k_op_src1_field(&dc->b, chan, d),
        e2k_op_src2_field(&dc->b, chan, d),
        e2k_op_src3_field(&dc->b, chan, d),
    };
    TCGv_i64 src[3] = { a, b, c }, hi[3] = { NULL, NULL, NULL };
    TCGv_i64 lo = tcg_temp_new_i64(), rhi = tcg_temp_new_i64();
    uint32_t op = 0;
    int op1, op2, i;
    bool rsub, dbl, q, inl = false;
    size_t k;

    if (d->id == E2K_OP_QPMRGP) {
        return gen_qpmrgp(dc, chan, d, a, b, guard);
    }
    if (is_plog(d, &q)) {
        return gen_plog(dc, chan, d, a, b, c, guard, q);
    }
    if (d->alopf == E2K_ALOPF21 &&
        pf_comb_parse(d->name, "qpf", &op1, &op2, &rsub, &dbl)) {
        op = E2K_QP_COMB | op1 | op2 << 4 | (rsub ? E2K_QP_COMB_RSUB : 0) |
             (dbl ? E2K_QP_COMB_DBL : 0);
    } else if (e2k_qpop_index(d->id) >= 0) {
        op = e2k_qpop_index(d->id) |
             (d->alopf == E2K_ALOPF11 ? (d->ales_opce & 7) << 12 : 0);
    } else {
        return false;
    }
    for (i = 0; i < 3; i++) {
        if (!src[i]) {
            continue;
        }
        if (d->fmt[i] == E2K_FMT_P) {
            hi[i] = gen_src_hi(dc, chan, field[i], role[i]);
            if (!hi[i]) {
                return false;
            }
        } else {
            hi[i] = tcg_constant_i64(0);
        }
    }
    /* the half moves of helper_qpop's: no host op at all */
    switch (b && hi[1] ? d->id : 0) {
    case E2K_OP_QPPACKDL:           /* src1's low half over src2's */
        if (!a) {
            break;
        }
        tcg_gen_mov_i64(lo, b);
        tcg_gen_mov_i64(rhi, a);
        inl = true;
        break;
    case E2K_OP_QPSWITCHD:          /* src2's halves swapped */
        tcg_gen_mov_i64(lo, hi[1]);
        tcg_gen_mov_i64(rhi, b);
        inl = true;
        break;
    case E2K_OP_QPSWITCHW:          /* the words of each half swapped */
        tcg_gen_rotli_i64(lo, b, 32);
        tcg_gen_rotli_i64(rhi, hi[1], 32);
        inl = true;
        break;
    case E2K_OP_QPSHUFB:            /* pshufb of src2's, src1's halves */
        if (a && c && hi[2] && tcg_vec_op_supported(TCG_VEC_PSHUFB)) {
            gen_pshufb(lo, hi[1], b, c);
            gen_pshufb(rhi, hi[0], a, hi[2]);
            inl = true;
        }
        break;
    case E2K_OP_QPPERMB:
        if (a && c && hi[2] && tcg_vec_op_supported(TCG_VEC_PSHUFB)) {
            gen_qppermb_half(lo, a, hi[0], b, hi[1], c);
            gen_qppermb_half(rhi, a, hi[0], b, hi[1], hi[2]);
            inl = true;
        }
        break;
    }
    for (k = 0; k < G_N_ELEMENTS(qp_inline) && a && b && !inl; k++) {
        if (qp_inline[k].qp == d->id) {
            if (!gen_vec_sse(qp_inline[k].p, lo, a, b)) {
                gen_vec_inline(qp_inline[k].p, lo, a, b);
            }
            if (!gen_vec_sse(qp_inline[k].p, rhi, hi[0], hi[1])) {
                gen_vec_inline(qp_inline[k].p, rhi, hi[0], hi[1]);
            }
            inl = true;
            break;
        }
    }
    e2k_fpu_spec_begin(dc, chan);           /* FP lanes under ,sm */
    if (!inl && !(op & E2K_QP_COMB) &&
        e2k_qp_pf(d->id, &op1, &op2, &dbl)) {
        /* packed FP on each half (op2: the shape, dbl: horizontal),
           inline under the guard when the lanes allow */
        TCGv_i64 x0 = a, y0 = dbl ? hi[0] : b, x1 = dbl ? b : hi[0];
        TCGv_i64 y1 = hi[1], t = gen_pf_inline(dc, x0, y0, op1, op2,
                                                E2K_QP_COND(op));

        if (t) {
            tcg_gen_mov_i64(lo, t);
            tcg_gen_mov_i64(rhi, gen_pf_inline(dc, x1, y1, op1, op2,
                                               E2K_QP_COND(op)));
            inl = true;
        }
    }
    if (!inl && !(op & E2K_QP_COMB)) {
        void *fn;
        int how = e2k_qp_halves(d->id, &fn);
        TCGv_i64 x[2][3] = { { NULL } };

        switch (how) {
        case E2K_QPH_HALF2: case E2K_QPH_HALF3: case E2K_QPH_SHIFT:
            for (i = 0; i < 2; i++) {
                x[i][0] = i ? hi[0] : a;
                x[i][1] = how == E2K_QPH_SHIFT ? b : i ? hi[1] : b;
                x[i][2] = i ? hi[2] : c;
            }
            break;
        case E2K_QPH_PACK:
            x[0][0] = hi[1];
            x[0][1] = b;
            x[1][0] = hi[0];
            x[1][1] = a;
            break;
        case E2K_QPH_HOP:
            x[0][0] = a;
            x[0][1] = hi[0];
            x[1][0] = b;
            x[1][1] = hi[1];
            break;
        }
        if (how >= 0) {
            for (i = 0; i < 2; i++) {
                if (how != E2K_QPH_HALF3 &&
                    (gen_vec_sse(vec_row_id(fn), i ? rhi : lo, x[i][0],
                                 x[i][1]) ||
                     gen_vec_inline(vec_row_id(fn), i ? rhi : lo, x[i][0],
                                    x[i][1]))) {
                    continue;
                }
                if (how == E2K_QPH_HALF3 && fn == (void *)helper_pmerge) {
                    gen_pmerge(i ? rhi : lo, x[i][0], x[i][1], x[i][2]);
                } else if (how == E2K_QPH_HALF3) {
                    gen_pure_call(fn, tcg_temp(i ? rhi : lo), 3,
                                        tcg_temp(x[i][0]), tcg_temp(x[i][1]),
                                        tcg_temp(x[i][2]));
                } else {
                    gen_pure_call(fn, tcg_temp(i ? rhi : lo), 2,
                                        tcg_temp(x[i][0]), tcg_temp(x[i][1]));
                }
            }
            inl = true;
        }
    }
    if (!inl) {
        for (i = 0; i < 3; i++) {
            if (src[i]) {
                tcg_gen_st_i64(src[i], tcg_env,
                               offsetof(CPUE2KState, vec.src[i][0]));
                tcg_gen_st_i64(hi[i], tcg_env,
                               offsetof(CPUE2KState, vec.src[i][1]));
            }
        }
        gen_qpop_call(dc, op);
        tcg_gen_ld_i64(lo, tcg_env, offsetof(CPUE2KState, vec.dst[0]));
        tcg_gen_ld_i64(rhi, tcg_env, offsetof(CPUE2KState, vec.dst[1]));
    }
    lo = e2k_fpu_spec_end_q(dc, chan, lo, &rhi);
    if (d->fmt[3] == E2K_FMT_S) {
        tcg_gen_ext32u_i64(lo, lo);
    }
    if (!e2k_alu_set_result(dc, chan, e2k_op_dst_field(&dc->b, chan, d), lo,
                            guard)) {
        return false;
    }
    if (d->fmt[3] == E2K_FMT_P) {
        Result *res = &dc->res[chan];

        res->hi = rhi;
        if (res->tag) {
            /* a diagnostic result: both halves */
            tcg_gen_movcond_i64(TCG_COND_NE, res->tag, res->tag,
                                tcg_constant_i64(0), tcg_constant_i64(0x55),
                                res->tag);
        }
    }
    return true;
}
