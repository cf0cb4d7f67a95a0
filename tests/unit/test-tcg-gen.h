/*
 * Random TCG IR programs for differential testing.  A program is a
 * deterministic function of its byte/PRNG stream: it initializes temps
 * from the test globals, then mixes arithmetic, logic, shifts, bit
 * fields, comparisons, double-word ops, guarded divisions, guest and
 * host memory traffic, helper calls with several flag sets, forward
 * branches and bounded loops, and finally stores every temp to env.
 * Running the same stream on several backends/configurations must give
 * identical env and guest memory.  Used by test-tcg-fuzz (PRNG) and
 * tests/fuzz/fuzz-tcg.c (libFuzzer bytes).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TEST_TCG_GEN_H
#define TEST_TCG_GEN_H

#include "test-tcg-common.h"

#define FZ_MEM_SIZE 4096
#define FZ_NT 12                        /* max temps per width */

typedef struct FuzzSrc {
    const uint8_t *data;                /* NULL: PRNG only */
    size_t len, pos;
    uint64_t rng;
} FuzzSrc;

static uint64_t fz_rand64(FuzzSrc *f)
{
    /* splitmix64 */
    uint64_t z = (f->rng += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint32_t fz_below(FuzzSrc *f, uint32_t n)
{
    if (f->data) {
        uint32_t v;
        if (f->pos >= f->len) {
            return 0;
        }
        v = f->data[f->pos++];
        if (n > 256 && f->pos < f->len) {
            v = (v << 8) | f->data[f->pos++];
        }
        return v % n;
    }
    return (uint32_t)(fz_rand64(f) % n);
}

static bool fz_exhausted(const FuzzSrc *f)
{
    return f->data && f->pos >= f->len;
}

static const uint64_t fz_edges[] = {
    0, 1, 2, 3, 7, 8, 31, 32, 63, 64, 0xff, 0x100, 0x7fff, 0x8000,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, ~0ull, ~1ull,
    0x123456789abcdef0ull, 0xfedcba9876543210ull,
};

static uint64_t fz_value(FuzzSrc *f)
{
    if (fz_below(f, 3) == 0) {
        uint64_t v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | fz_below(f, 256);
        }
        return v;
    }
    return fz_edges[fz_below(f, G_N_ELEMENTS(fz_edges))];
}

typedef struct FuzzProg {
    TCGv_i64 t64[FZ_NT];
    TCGv_i32 t32[FZ_NT];
    int nt;                             /* temps in use per width */
    int depth;                          /* open loops */
    TCGv_ptr envc;                      /* a TB temp holding a copy of env */
} FuzzProg;

static uint64_t fz_helper_mix(uint64_t a, uint64_t b)
{
    return (a * 0x9e3779b97f4a7c15ull) ^ (b >> 7) ^ (b << 13);
}

static void fz_helper_gwrite(TestEnv *env, uint64_t x)
{
    env->in[7] += x;
    env->out[7] ^= x << 1;
}

static uint64_t fz_helper_sum8(uint64_t a, uint32_t b, uint64_t c,
                               uint32_t d, uint64_t e, uint32_t f,
                               uint64_t g, uint32_t h)
{
    return a + 3 * (uint64_t)b + 5 * c + 7 * (uint64_t)d + 11 * e
           + 13 * (uint64_t)f + 17 * g + 19 * (uint64_t)h;
}

static uint32_t fz_helper_gread(TestEnv *env, uint32_t x)
{
    return (uint32_t)env->in[6] * 3 + x;
}

/* Operand sources: temps, globals or constants. */
static TCGv_i64 fz_src64(FuzzSrc *f, FuzzProg *p)
{
    switch (fz_below(f, 6)) {
    case 0: case 1: case 2:
        return p->t64[fz_below(f, p->nt)];
    case 3: case 4:
        return g_in[fz_below(f, NB_TEST_REGS)];
    default:
        return tcg_constant_i64((int64_t)fz_value(f));
    }
}

static TCGv_i32 fz_src32(FuzzSrc *f, FuzzProg *p)
{
    switch (fz_below(f, 6)) {
    case 0: case 1: case 2:
        return p->t32[fz_below(f, p->nt)];
    case 3: case 4:
        return g_in32[fz_below(f, NB_TEST_REGS)];
    default:
        return tcg_constant_i32((int32_t)fz_value(f));
    }
}

static TCGv_i64 fz_dst64(FuzzSrc *f, FuzzProg *p)
{
    if (fz_below(f, 4) == 0) {
        return g_out[fz_below(f, NB_TEST_REGS)];
    }
    return p->t64[fz_below(f, p->nt)];
}

static TCGv_i32 fz_dst32(FuzzSrc *f, FuzzProg *p)
{
    if (fz_below(f, 4) == 0) {
        return g_out32[fz_below(f, NB_TEST_REGS)];
    }
    return p->t32[fz_below(f, p->nt)];
}

static const TCGCond fz_conds[10] = {
    TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE,
    TCG_COND_GT, TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
};

typedef void (*FzBin64)(TCGv_i64, TCGv_i64, TCGv_i64);
typedef void (*FzBin32)(TCGv_i32, TCGv_i32, TCGv_i32);
typedef void (*FzUn64)(TCGv_i64, TCGv_i64);
typedef void (*FzUn32)(TCGv_i32, TCGv_i32);

static const FzBin64 fz_bin64[] = {
    tcg_gen_add_i64, tcg_gen_sub_i64, tcg_gen_mul_i64, tcg_gen_and_i64,
    tcg_gen_or_i64, tcg_gen_xor_i64, tcg_gen_andc_i64, tcg_gen_orc_i64,
    tcg_gen_eqv_i64, tcg_gen_nand_i64, tcg_gen_nor_i64, tcg_gen_shl_i64,
    tcg_gen_shr_i64, tcg_gen_sar_i64, tcg_gen_rotl_i64, tcg_gen_rotr_i64,
    tcg_gen_muluh_i64, tcg_gen_mulsh_i64, tcg_gen_clz_i64, tcg_gen_ctz_i64,
};
static const FzBin32 fz_bin32[] = {
    tcg_gen_add_i32, tcg_gen_sub_i32, tcg_gen_mul_i32, tcg_gen_and_i32,
    tcg_gen_or_i32, tcg_gen_xor_i32, tcg_gen_andc_i32, tcg_gen_orc_i32,
    tcg_gen_eqv_i32, tcg_gen_nand_i32, tcg_gen_nor_i32, tcg_gen_shl_i32,
    tcg_gen_shr_i32, tcg_gen_sar_i32, tcg_gen_rotl_i32, tcg_gen_rotr_i32,
    tcg_gen_muluh_i32, tcg_gen_mulsh_i32, tcg_gen_clz_i32, tcg_gen_ctz_i32,
};
static const FzUn64 fz_un64[] = {
    tcg_gen_mov_i64, tcg_gen_neg_i64, tcg_gen_not_i64, tcg_gen_ext8s_i64,
    tcg_gen_ext8u_i64, tcg_gen_ext16s_i64, tcg_gen_ext16u_i64,
    tcg_gen_ext32s_i64, tcg_gen_ext32u_i64, tcg_gen_bswap16_i64,
    tcg_gen_bswap32_i64, tcg_gen_bswap64_i64, tcg_gen_ctpop_i64,
};
static const FzUn32 fz_un32[] = {
    tcg_gen_mov_i32, tcg_gen_neg_i32, tcg_gen_not_i32, tcg_gen_ext8s_i32,
    tcg_gen_ext8u_i32, tcg_gen_ext16s_i32, tcg_gen_ext16u_i32,
    tcg_gen_bswap16_i32, tcg_gen_bswap32_i32, tcg_gen_ctpop_i32,
};

/* A guest address inside the test buffer (8 bytes of slack at the end). */
static TCGv_i64 fz_addr(FuzzSrc *f, FuzzProg *p)
{
    TCGv_i64 a = tcg_temp_ebb_new_i64();
    tcg_gen_andi_i64(a, fz_src64(f, p), FZ_MEM_SIZE - 32);
    if (fz_below(f, 2)) {
        tcg_gen_addi_i64(a, a, fz_below(f, 16));
    }
    return a;
}

static void fz_gen_divisor64(FuzzSrc *f, FuzzProg *p, TCGv_i64 d)
{
    /* odd and with bit 1 clear: never 0, never -1 */
    tcg_gen_andi_i64(d, fz_src64(f, p), ~2ll);
    tcg_gen_ori_i64(d, d, 1);
}

static void fz_gen_op(FuzzSrc *f, FuzzProg *p)
{
    unsigned k = fz_below(f, 31);

    switch (k) {
    case 0: case 1: case 2: case 3:
        fz_bin64[fz_below(f, G_N_ELEMENTS(fz_bin64))](
            fz_dst64(f, p), fz_src64(f, p), fz_src64(f, p));
        break;
    case 4: case 5: case 6:
        fz_bin32[fz_below(f, G_N_ELEMENTS(fz_bin32))](
            fz_dst32(f, p), fz_src32(f, p), fz_src32(f, p));
        break;
    case 7:
        fz_un64[fz_below(f, G_N_ELEMENTS(fz_un64))](fz_dst64(f, p),
                                                    fz_src64(f, p));
        break;
    case 8:
        fz_un32[fz_below(f, G_N_ELEMENTS(fz_un32))](fz_dst32(f, p),
                                                    fz_src32(f, p));
        break;
    case 9: {
        TCGCond c = fz_conds[fz_below(f, 10)];
        if (fz_below(f, 2)) {
            tcg_gen_setcond_i64(c, fz_dst64(f, p), fz_src64(f, p),
                                fz_src64(f, p));
        } else {
            tcg_gen_negsetcond_i32(c, fz_dst32(f, p), fz_src32(f, p),
                                   fz_src32(f, p));
        }
        break;
    }
    case 10: {
        TCGCond c = fz_conds[fz_below(f, 10)];
        if (fz_below(f, 2)) {
            tcg_gen_movcond_i64(c, fz_dst64(f, p), fz_src64(f, p),
                                fz_src64(f, p), fz_src64(f, p),
                                fz_src64(f, p));
        } else {
            tcg_gen_movcond_i32(c, fz_dst32(f, p), fz_src32(f, p),
                                fz_src32(f, p), fz_src32(f, p),
                                fz_src32(f, p));
        }
        break;
    }
    case 11: {
        unsigned w = fz_below(f, 2) ? 64 : 32;
        unsigned ofs = fz_below(f, w), len = 1 + fz_below(f, w - ofs);
        unsigned which = fz_below(f, 3);
        if (w == 64) {
            if (which == 0) {
                tcg_gen_extract_i64(fz_dst64(f, p), fz_src64(f, p), ofs, len);
            } else if (which == 1) {
                tcg_gen_sextract_i64(fz_dst64(f, p), fz_src64(f, p), ofs, len);
            } else {
                tcg_gen_deposit_i64(fz_dst64(f, p), fz_src64(f, p),
                                    fz_src64(f, p), ofs, len);
            }
        } else {
            if (which == 0) {
                tcg_gen_extract_i32(fz_dst32(f, p), fz_src32(f, p), ofs, len);
            } else if (which == 1) {
                tcg_gen_sextract_i32(fz_dst32(f, p), fz_src32(f, p), ofs, len);
            } else {
                tcg_gen_deposit_i32(fz_dst32(f, p), fz_src32(f, p),
                                    fz_src32(f, p), ofs, len);
            }
        }
        break;
    }
    case 12: {
        /* double-word ops need two distinct outputs */
        int i = fz_below(f, p->nt);
        int j = (i + 1 + fz_below(f, p->nt - 1)) % p->nt;
        switch (fz_below(f, 4)) {
        case 0:
            tcg_gen_mulu2_i64(p->t64[i], p->t64[j], fz_src64(f, p),
                              fz_src64(f, p));
            break;
        case 1:
            tcg_gen_muls2_i32(p->t32[i], p->t32[j], fz_src32(f, p),
                              fz_src32(f, p));
            break;
        case 2:
            tcg_gen_add2_i64(p->t64[i], p->t64[j], fz_src64(f, p),
                             fz_src64(f, p), fz_src64(f, p), fz_src64(f, p));
            break;
        default:
            tcg_gen_sub2_i32(p->t32[i], p->t32[j], fz_src32(f, p),
                             fz_src32(f, p), fz_src32(f, p), fz_src32(f, p));
            break;
        }
        break;
    }
    case 13: {
        TCGv_i64 d = tcg_temp_ebb_new_i64();
        fz_gen_divisor64(f, p, d);
        switch (fz_below(f, 4)) {
        case 0: tcg_gen_div_i64(fz_dst64(f, p), fz_src64(f, p), d); break;
        case 1: tcg_gen_divu_i64(fz_dst64(f, p), fz_src64(f, p), d); break;
        case 2: tcg_gen_rem_i64(fz_dst64(f, p), fz_src64(f, p), d); break;
        default: tcg_gen_remu_i64(fz_dst64(f, p), fz_src64(f, p), d); break;
        }
        break;
    }
    case 14: {
        TCGv_i32 d = tcg_temp_ebb_new_i32();
        tcg_gen_andi_i32(d, fz_src32(f, p), ~2);
        tcg_gen_ori_i32(d, d, 1);
        if (fz_below(f, 2)) {
            tcg_gen_div_i32(fz_dst32(f, p), fz_src32(f, p), d);
        } else {
            tcg_gen_remu_i32(fz_dst32(f, p), fz_src32(f, p), d);
        }
        break;
    }
    case 15:
        switch (fz_below(f, 5)) {
        case 0: tcg_gen_ext_i32_i64(fz_dst64(f, p), fz_src32(f, p)); break;
        case 1: tcg_gen_extu_i32_i64(fz_dst64(f, p), fz_src32(f, p)); break;
        case 2: tcg_gen_extrl_i64_i32(fz_dst32(f, p), fz_src64(f, p)); break;
        case 3: tcg_gen_extrh_i64_i32(fz_dst32(f, p), fz_src64(f, p)); break;
        default:
            tcg_gen_concat_i32_i64(fz_dst64(f, p), fz_src32(f, p),
                                   fz_src32(f, p));
            break;
        }
        break;
    case 16: case 17: {
        static const MemOp mops[] = {
            MO_UB, MO_SB, MO_LEUW, MO_LESW, MO_LEUL, MO_LESL, MO_LEUQ,
            MO_BEUW, MO_BESL, MO_BEUQ,
        };
        MemOp mop = mops[fz_below(f, G_N_ELEMENTS(mops))];
        TCGv_i64 a = fz_addr(f, p);
        if (k == 16) {
            tcg_gen_qemu_ld_i64(fz_dst64(f, p), a, mop);
        } else {
            tcg_gen_qemu_st_i64(fz_src64(f, p), a, mop);
        }
        break;
    }
    case 18: {
        static const MemOp mops[] = { MO_UB, MO_SW, MO_LEUL, MO_BEUL };
        MemOp mop = mops[fz_below(f, G_N_ELEMENTS(mops))];
        TCGv_i64 a = fz_addr(f, p);
        if (fz_below(f, 2)) {
            tcg_gen_qemu_ld_i32(fz_dst32(f, p), a, mop);
        } else {
            tcg_gen_qemu_st_i32(fz_src32(f, p), a, mop);
        }
        break;
    }
    case 19: {
        TCGv_i64 a = fz_addr(f, p);
        int i = fz_below(f, p->nt), j = (i + 1) % p->nt;
        MemOp mop = MO_128 | (fz_below(f, 2) ? MO_BE : MO_LE);
        if (fz_below(f, 2)) {
            tcg_gen_qemu_ld_i128(p->t64[i], p->t64[j], a, mop);
        } else {
            tcg_gen_qemu_st_i128(fz_src64(f, p), fz_src64(f, p), a, mop);
        }
        break;
    }
    case 20: {
        intptr_t ofs = offsetof(TestEnv, scratch) + 8 * fz_below(f, 8);
        switch (fz_below(f, 4)) {
        case 0: tcg_gen_ld_i64(fz_dst64(f, p), tcg_env, ofs); break;
        case 1: tcg_gen_ld16s_i32(fz_dst32(f, p), tcg_env, ofs + 2); break;
        case 2: tcg_gen_st_i64(fz_src64(f, p), tcg_env, ofs); break;
        default: tcg_gen_st8_i32(fz_src32(f, p), tcg_env, ofs + 5); break;
        }
        break;
    }
    case 21: {
        static const unsigned flags[] = { 0, TCG_CALL_NO_WG,
                                          TCG_CALL_NO_RWG,
                                          TCG_CALL_NO_RWG_SE };
        tcg_gen_call(fz_helper_mix, flags[fz_below(f, 4)],
                     tcg_temp(fz_dst64(f, p)), 2, tcg_temp(fz_src64(f, p)),
                     tcg_temp(fz_src64(f, p)));
        break;
    }
    case 22:
        if (fz_below(f, 2)) {
            tcg_gen_call(fz_helper_gwrite, 0, NULL, 2, tcg_temp(tcg_env),
                         tcg_temp(fz_src64(f, p)));
        } else {
            /* eight arguments: two go on the stack */
            TCGTemp *args[8];
            for (int i = 0; i < 8; i++) {
                args[i] = i & 1 ? tcg_temp(fz_src32(f, p))
                                : tcg_temp(fz_src64(f, p));
            }
            tcg_gen_callN(fz_helper_sum8, TCG_CALL_NO_RWG,
                          tcg_temp(fz_dst64(f, p)), 8, args);
        }
        break;
    case 23:
        tcg_gen_call(fz_helper_gread, TCG_CALL_NO_WG,
                     tcg_temp(fz_dst32(f, p)), 2, tcg_temp(tcg_env),
                     tcg_temp(fz_src32(f, p)));
        break;
    case 24: case 25: {
        /* forward branch over a few ops */
        TCGLabel *l = gen_new_label();
        int n = 1 + fz_below(f, 4);
        unsigned how = fz_below(f, 4);
        if (how == 3) {
            /* branch on a comparison result (folded by the optimizer) */
            TCGCond c = fz_below(f, 2) ? TCG_COND_EQ : TCG_COND_NE;
            TCGCond sc = fz_conds[fz_below(f, 10)];
            if (fz_below(f, 2)) {
                TCGv_i64 t = fz_dst64(f, p);
                tcg_gen_setcond_i64(sc, t, fz_src64(f, p), fz_src64(f, p));
                tcg_gen_brcondi_i64(c, t, 0, l);
            } else {
                TCGv_i32 t = fz_dst32(f, p);
                tcg_gen_negsetcond_i32(sc, t, fz_src32(f, p), fz_src32(f, p));
                tcg_gen_brcondi_i32(c, t, 0, l);
            }
        } else if (how == 2) {
            /* bit test: and + compare with zero (fused by x86-64) */
            TCGCond c = fz_below(f, 2) ? TCG_COND_EQ : TCG_COND_NE;
            if (fz_below(f, 2)) {
                TCGv_i64 t = tcg_temp_ebb_new_i64();
                tcg_gen_and_i64(t, fz_src64(f, p), fz_src64(f, p));
                tcg_gen_brcondi_i64(c, t, 0, l);
            } else {
                TCGv_i32 t = tcg_temp_ebb_new_i32();
                tcg_gen_andi_i32(t, fz_src32(f, p), (int32_t)fz_value(f));
                tcg_gen_brcondi_i32(c, t, 0, l);
            }
        } else if (how) {
            tcg_gen_brcond_i64(fz_conds[fz_below(f, 10)], fz_src64(f, p),
                               fz_src64(f, p), l);
        } else {
            tcg_gen_brcond_i32(fz_conds[fz_below(f, 10)], fz_src32(f, p),
                               fz_src32(f, p), l);
        }
        for (int i = 0; i < n && !fz_exhausted(f); i++) {
            fz_gen_op(f, p);
        }
        tcg_gen_set_label(l);
        break;
    }
    case 26: {
        /* bounded loop with its own counter */
        TCGv_i64 c;
        TCGLabel *top;
        int n;
        if (p->depth >= 2) {
            break;
        }
        p->depth++;
        c = tcg_temp_new_i64();
        top = gen_new_label();
        n = 1 + fz_below(f, 3);
        tcg_gen_movi_i64(c, 1 + fz_below(f, 5));
        tcg_gen_set_label(top);
        for (int i = 0; i < n && !fz_exhausted(f); i++) {
            fz_gen_op(f, p);
        }
        tcg_gen_subi_i64(c, c, 1);
        tcg_gen_brcondi_i64(TCG_COND_NE, c, 0, top);
        p->depth--;
        break;
    }
    case 27: {
        /*
         * A mode-selected extension built from movcond chains, as a
         * front end emits it without knowing the mode: six extensions of
         * one value, two masks of the mode, four movconds (constants as
         * the in-place operand) and a final select; the mode is often a
         * constant, so the optimizer folds part of it and leaves
         * constant-valued temps feeding movcond under register pressure.
         */
        TCGv_i64 m = fz_src64(f, p), v = fz_src64(f, p);
        TCGv_i64 d = fz_dst64(f, p), x[6], sz, zx, sres, ures;
        bool ebb = fz_below(f, 2);
        void (*const ext[6])(TCGv_i64, TCGv_i64) = {
            tcg_gen_ext8s_i64, tcg_gen_ext16s_i64, tcg_gen_ext32s_i64,
            tcg_gen_ext8u_i64, tcg_gen_ext16u_i64, tcg_gen_ext32u_i64,
        };
        for (int i = 0; i < 6; i++) {
            x[i] = ebb ? tcg_temp_ebb_new_i64() : tcg_temp_new_i64();
            ext[i](x[i], v);
        }
        sz = tcg_temp_new_i64();
        zx = tcg_temp_new_i64();
        sres = tcg_temp_new_i64();
        ures = tcg_temp_new_i64();
        tcg_gen_andi_i64(sz, m, 3);
        tcg_gen_andi_i64(zx, m, 4);
        tcg_gen_movcond_i64(TCG_COND_EQ, sres, sz, tcg_constant_i64(0), x[0],
                            x[2]);
        tcg_gen_movcond_i64(TCG_COND_EQ, sres, sz, tcg_constant_i64(1), x[1],
                            sres);
        tcg_gen_movcond_i64(TCG_COND_EQ, ures, sz, tcg_constant_i64(0), x[3],
                            x[5]);
        tcg_gen_movcond_i64(TCG_COND_EQ, ures, sz, tcg_constant_i64(1), x[4],
                            ures);
        if (fz_below(f, 2)) {
            /* a constant in the in-place (aliased) operand */
            tcg_gen_movcond_i64(fz_conds[fz_below(f, 10)], ures, zx,
                                fz_src64(f, p),
                                tcg_constant_i64((int64_t)fz_value(f)), ures);
        }
        tcg_gen_movcond_i64(TCG_COND_NE, d, zx, tcg_constant_i64(0), ures,
                            sres);
        break;
    }
    case 28: {
        /* host memory and helpers through a copy of env */
        intptr_t ofs = offsetof(TestEnv, scratch) + 8 * fz_below(f, 8);
        switch (fz_below(f, 5)) {
        case 0: tcg_gen_ld_i64(fz_dst64(f, p), p->envc, ofs); break;
        case 1: tcg_gen_st_i64(fz_src64(f, p), p->envc, ofs); break;
        case 2: tcg_gen_ld32s_i64(fz_dst64(f, p), p->envc, ofs + 4); break;
        case 3: tcg_gen_mov_ptr(p->envc, tcg_env); break;
        default:
            tcg_gen_call(fz_helper_gread, TCG_CALL_NO_WG,
                         tcg_temp(fz_dst32(f, p)), 2, tcg_temp(p->envc),
                         tcg_temp(fz_src32(f, p)));
            break;
        }
        break;
    }
    default: {
        /* immediates through the *i helpers */
        int64_t v = (int64_t)fz_value(f);
        TCGv_i64 d = fz_dst64(f, p), s = fz_src64(f, p);
        switch (fz_below(f, 6)) {
        case 0: tcg_gen_addi_i64(d, s, v); break;
        case 1: tcg_gen_andi_i64(d, s, v); break;
        case 2: tcg_gen_shli_i64(d, s, v & 63); break;
        case 3: tcg_gen_sari_i64(d, s, v & 63); break;
        case 4: tcg_gen_muli_i64(d, s, v); break;
        default: tcg_gen_rotri_i64(d, s, v & 63); break;
        }
        break;
    }
    }
}

/* Emit one whole program (a TB ending in exit_tb(NULL, 0)). */
static void fz_gen_program(FuzzSrc *f, int nops)
{
    FuzzProg p = { 0 };

    tcg_func_start(tcg_ctx);
    tcg_gen_insn_start2(0x1000, 0);
    /* 2..12 temps per width: many of them means register pressure */
    p.nt = 2 + fz_below(f, FZ_NT - 1);
    p.envc = tcg_temp_new_ptr();
    tcg_gen_mov_ptr(p.envc, tcg_env);
    for (int i = 0; i < p.nt; i++) {
        p.t64[i] = tcg_temp_new_i64();
        p.t32[i] = tcg_temp_new_i32();
        tcg_gen_mov_i64(p.t64[i], g_in[i % NB_TEST_REGS]);
        tcg_gen_mov_i32(p.t32[i], g_in32[(i + 3) % NB_TEST_REGS]);
    }
    for (int i = 0; i < nops && !fz_exhausted(f); i++) {
        if (fz_below(f, 8) == 0) {
            tcg_gen_insn_start2(0x1000 + 4 * i, i);
        }
        fz_gen_op(f, &p);
    }
    for (int i = 0; i < p.nt; i++) {
        TCGv_i64 x = tcg_temp_new_i64();
        int slot = i % 8;
        tcg_gen_ld_i64(x, tcg_env, offsetof(TestEnv, scratch) + 8 * slot);
        tcg_gen_rotli_i64(x, x, 7);
        tcg_gen_xor_i64(x, x, p.t64[i]);
        tcg_gen_st_i64(x, tcg_env, offsetof(TestEnv, scratch) + 8 * slot);
        tcg_gen_xor_i32(g_out32[slot], g_out32[slot], p.t32[i]);
    }
    tcg_gen_exit_tb(NULL, 0);
}

/* Initial state of a run, derived from @seed. */
static void fz_init_state(uint64_t seed, TestEnv *env, uint8_t *mem)
{
    FuzzSrc f = { .rng = seed ^ 0x5bd1e995 };

    for (int i = 0; i < NB_TEST_REGS; i++) {
        env->in[i] = fz_value(&f);
        env->out[i] = fz_rand64(&f);
        env->in32[i] = (uint32_t)fz_value(&f);
        env->out32[i] = (uint32_t)fz_rand64(&f);
    }
    for (int i = 0; i < 8; i++) {
        env->scratch[i] = fz_rand64(&f);
    }
    for (int i = 0; i < FZ_MEM_SIZE; i += 8) {
        uint64_t v = fz_rand64(&f);
        memcpy(mem + i, &v, 8);
    }
}

#endif
