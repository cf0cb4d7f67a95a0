/*
 * The packed integer op (vec2) on both backends: every TCGVecOp against
 * a lane-by-lane C model written here (saturation, rounding, shift
 * counts and the LOW/HIGH/PAIR/MASK shapes spelled out), over edge
 * lanes and random inputs, with distinct registers, the same register
 * for both operands, a constant operand and all-constant operands (the
 * optimizer folds those with tcg_eval_vec); plus hand-checked values
 * for each shape, the removal of an unused result, and the feature
 * mask that front ends consult before emitting an op.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>

#include "test-tcg-common.h"
#include "tcg/tcg-vec.h"

/* --- the model --------------------------------------------------------- */

static uint64_t lane(uint64_t v, int bits, int i)
{
    return bits == 64 ? v : (v >> (bits * i)) & ((1ULL << bits) - 1);
}

static int64_t slane(uint64_t v, int bits, int i)
{
    return (int64_t)(lane(v, bits, i) << (64 - bits)) >> (64 - bits);
}

static uint64_t put(uint64_t r, int bits, int i, uint64_t x)
{
    uint64_t m = bits == 64 ? ~0ULL : (1ULL << bits) - 1;

    return r | ((x & m) << (bits * i));
}

static int64_t ssat(int64_t x, int bits)
{
    int64_t hi = (1LL << (bits - 1)) - 1;

    return x > hi ? hi : x < -hi - 1 ? -hi - 1 : x;
}

static int64_t usat(int64_t x, int bits)
{
    int64_t hi = (1LL << bits) - 1;

    return x > hi ? hi : x < 0 ? 0 : x;
}

typedef enum { ADD, SUB, ADDS, SUBS, ADDUS, SUBUS, EQ, GT, MAXU, MINU, MAXS,
               MINS, AVG, MULL, MULH, MULHU, MULHRS, SIGN, SLL, SRL, SRA }
    LaneOp;

/* One lane-wise operation over 64 bits of lanes of @bits. */
static uint64_t lanes(LaneOp op, int bits, uint64_t a, uint64_t b)
{
    uint64_t r = 0;

    for (int i = 0; i < 64 / bits; i++) {
        uint64_t ua = lane(a, bits, i), ub = lane(b, bits, i);
        int64_t sa = slane(a, bits, i), sb = slane(b, bits, i);
        int64_t x;

        switch (op) {
        case ADD: x = ua + ub; break;
        case SUB: x = ua - ub; break;
        case ADDS: x = ssat(sa + sb, bits); break;
        case SUBS: x = ssat(sa - sb, bits); break;
        case ADDUS: x = usat(ua + ub, bits); break;
        case SUBUS: x = usat((int64_t)ua - (int64_t)ub, bits); break;
        case EQ: x = ua == ub ? -1 : 0; break;
        case GT: x = sa > sb ? -1 : 0; break;
        case MAXU: x = ua > ub ? ua : ub; break;
        case MINU: x = ua < ub ? ua : ub; break;
        case MAXS: x = sa > sb ? sa : sb; break;
        case MINS: x = sa < sb ? sa : sb; break;
        case AVG: x = (ua + ub + 1) >> 1; break;
        case MULL: x = sa * sb; break;
        case MULH: x = (sa * sb) >> bits; break;
        case MULHU: x = (int64_t)((ua * ub) >> bits); break;
        case MULHRS: x = ((sa * sb >> 14) + 1) >> 1; break;
        case SIGN: x = sb < 0 ? -sa : sb == 0 ? 0 : sa; break;
        /* the count is all 64 bits of b; past the lane: 0 or the sign */
        case SLL: x = b >= (uint64_t)bits ? 0 : (int64_t)(ua << b); break;
        case SRL: x = b >= (uint64_t)bits ? 0 : (int64_t)(ua >> b); break;
        default: x = sa >> (b >= (uint64_t)bits ? bits - 1 : (int)b); break;
        }
        r = put(r, bits, i, (uint64_t)x);
    }
    return r;
}

/* Interleave the low halves' lanes, a's lane first; @hi: the upper 64
   bits of that 128-bit interleaving. */
static uint64_t unpack(int bits, uint64_t a, uint64_t b, bool hi)
{
    int n = 32 / bits, base = hi ? n : 0;
    uint64_t r = 0;

    for (int i = 0; i < n; i++) {
        r = put(r, bits, 2 * i, lane(a, bits, base + i));
        r = put(r, bits, 2 * i + 1, lane(b, bits, base + i));
    }
    return r;
}

/* Narrow a's then b's lanes of @bits to half width. */
static uint64_t pack(int bits, bool sign, uint64_t a, uint64_t b)
{
    int n = 64 / bits;
    uint64_t r = 0;

    for (int i = 0; i < 2 * n; i++) {
        int64_t x = slane(i < n ? a : b, bits, i % n);

        r = put(r, bits / 2, i, sign ? ssat(x, bits / 2) : usat(x, bits / 2));
    }
    return r;
}

/* Horizontal pairs of a (low half of the result) then b. */
static uint64_t hop(int bits, bool sub, bool sat, uint64_t a, uint64_t b)
{
    int n = 32 / bits;
    uint64_t r = 0;

    for (int i = 0; i < 2 * n; i++) {
        uint64_t v = i < n ? a : b;
        int k = i % n;
        int64_t x = sub ? slane(v, bits, 2 * k) - slane(v, bits, 2 * k + 1)
                        : slane(v, bits, 2 * k) + slane(v, bits, 2 * k + 1);

        r = put(r, bits, i, sat ? ssat(x, bits) : x);
    }
    return r;
}

static uint64_t model(TCGVecOp op, uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    int i;

    switch (op) {
    case TCG_VEC_PADDB: return lanes(ADD, 8, a, b);
    case TCG_VEC_PADDW: return lanes(ADD, 16, a, b);
    case TCG_VEC_PADDD: return lanes(ADD, 32, a, b);
    case TCG_VEC_PSUBB: return lanes(SUB, 8, a, b);
    case TCG_VEC_PSUBW: return lanes(SUB, 16, a, b);
    case TCG_VEC_PSUBD: return lanes(SUB, 32, a, b);
    case TCG_VEC_PADDSB: return lanes(ADDS, 8, a, b);
    case TCG_VEC_PADDSW: return lanes(ADDS, 16, a, b);
    case TCG_VEC_PSUBSB: return lanes(SUBS, 8, a, b);
    case TCG_VEC_PSUBSW: return lanes(SUBS, 16, a, b);
    case TCG_VEC_PADDUSB: return lanes(ADDUS, 8, a, b);
    case TCG_VEC_PADDUSW: return lanes(ADDUS, 16, a, b);
    case TCG_VEC_PSUBUSB: return lanes(SUBUS, 8, a, b);
    case TCG_VEC_PSUBUSW: return lanes(SUBUS, 16, a, b);
    case TCG_VEC_PCMPEQB: return lanes(EQ, 8, a, b);
    case TCG_VEC_PCMPEQW: return lanes(EQ, 16, a, b);
    case TCG_VEC_PCMPEQD: return lanes(EQ, 32, a, b);
    case TCG_VEC_PCMPGTB: return lanes(GT, 8, a, b);
    case TCG_VEC_PCMPGTW: return lanes(GT, 16, a, b);
    case TCG_VEC_PCMPGTD: return lanes(GT, 32, a, b);
    case TCG_VEC_PMAXUB: return lanes(MAXU, 8, a, b);
    case TCG_VEC_PMINUB: return lanes(MINU, 8, a, b);
    case TCG_VEC_PMAXSW: return lanes(MAXS, 16, a, b);
    case TCG_VEC_PMINSW: return lanes(MINS, 16, a, b);
    case TCG_VEC_PAVGB: return lanes(AVG, 8, a, b);
    case TCG_VEC_PAVGW: return lanes(AVG, 16, a, b);
    case TCG_VEC_PMULLW: return lanes(MULL, 16, a, b);
    case TCG_VEC_PMULHW: return lanes(MULH, 16, a, b);
    case TCG_VEC_PMULHUW: return lanes(MULHU, 16, a, b);
    case TCG_VEC_PMADDWD:
        for (i = 0; i < 2; i++) {
            r = put(r, 32, i, (uint64_t)(slane(a, 16, 2 * i) * slane(b, 16, 2 * i)
                               + slane(a, 16, 2 * i + 1) *
                                 slane(b, 16, 2 * i + 1)));
        }
        return r;
    case TCG_VEC_PSADBW:
        for (i = 0; i < 8; i++) {
            int64_t d = (int64_t)lane(a, 8, i) - (int64_t)lane(b, 8, i);
            r += d < 0 ? -d : d;
        }
        return r;
    case TCG_VEC_PSLLW: return lanes(SLL, 16, a, b);
    case TCG_VEC_PSLLD: return lanes(SLL, 32, a, b);
    case TCG_VEC_PSLLQ: return lanes(SLL, 64, a, b);
    case TCG_VEC_PSRLW: return lanes(SRL, 16, a, b);
    case TCG_VEC_PSRLD: return lanes(SRL, 32, a, b);
    case TCG_VEC_PSRLQ: return lanes(SRL, 64, a, b);
    case TCG_VEC_PSRAW: return lanes(SRA, 16, a, b);
    case TCG_VEC_PSRAD: return lanes(SRA, 32, a, b);
    case TCG_VEC_PUNPCKLBW: return unpack(8, a, b, false);
    case TCG_VEC_PUNPCKLWD: return unpack(16, a, b, false);
    case TCG_VEC_PUNPCKLDQ: return unpack(32, a, b, false);
    case TCG_VEC_PUNPCKHBW: return unpack(8, a, b, true);
    case TCG_VEC_PUNPCKHWD: return unpack(16, a, b, true);
    case TCG_VEC_PUNPCKHDQ: return unpack(32, a, b, true);
    case TCG_VEC_PACKSSWB: return pack(16, true, a, b);
    case TCG_VEC_PACKUSWB: return pack(16, false, a, b);
    case TCG_VEC_PACKSSDW: return pack(32, true, a, b);
    case TCG_VEC_PACKUSDW: return pack(32, false, a, b);
    case TCG_VEC_PMULHRSW: return lanes(MULHRS, 16, a, b);
    case TCG_VEC_PMADDUBSW:
        for (i = 0; i < 4; i++) {
            r = put(r, 16, i, (uint64_t)ssat(
                        (int64_t)lane(a, 8, 2 * i) * slane(b, 8, 2 * i) +
                        (int64_t)lane(a, 8, 2 * i + 1) * slane(b, 8, 2 * i + 1),
                        16));
        }
        return r;
    case TCG_VEC_PSIGNB: return lanes(SIGN, 8, a, b);
    case TCG_VEC_PSIGNW: return lanes(SIGN, 16, a, b);
    case TCG_VEC_PSIGND: return lanes(SIGN, 32, a, b);
    case TCG_VEC_PHADDW: return hop(16, false, false, a, b);
    case TCG_VEC_PHADDD: return hop(32, false, false, a, b);
    case TCG_VEC_PHSUBW: return hop(16, true, false, a, b);
    case TCG_VEC_PHSUBD: return hop(32, true, false, a, b);
    case TCG_VEC_PHADDSW: return hop(16, false, true, a, b);
    case TCG_VEC_PHSUBSW: return hop(16, true, true, a, b);
    case TCG_VEC_PSHUFB:
        /* byte i: 0 if b's byte i has bit 7, else byte (b_i & 15) of the
           zero-extended a */
        for (i = 0; i < 8; i++) {
            uint64_t k = lane(b, 8, i);

            r = put(r, 8, i, k & 0x80 || (k & 15) >= 8 ? 0 : lane(a, 8, k & 15));
        }
        return r;
    case TCG_VEC_PMAXSB: return lanes(MAXS, 8, a, b);
    case TCG_VEC_PMINSB: return lanes(MINS, 8, a, b);
    case TCG_VEC_PMAXUW: return lanes(MAXU, 16, a, b);
    case TCG_VEC_PMINUW: return lanes(MINU, 16, a, b);
    case TCG_VEC_PMAXSD: return lanes(MAXS, 32, a, b);
    case TCG_VEC_PMINSD: return lanes(MINS, 32, a, b);
    case TCG_VEC_PMAXUD: return lanes(MAXU, 32, a, b);
    case TCG_VEC_PMINUD: return lanes(MINU, 32, a, b);
    case TCG_VEC_PMULLD: return lanes(MULL, 32, a, b);
    case TCG_VEC_PHMINPOSUW:
        /* the smallest of the eight unsigned words of b:a (the first
           if equal) at bits 15..0, its index at 18..16 */
        for (i = 1, r = 0; i < 8; i++) {
            uint64_t x = lane(i < 4 ? a : b, 16, i % 4);

            if (x < lane(r < 4 ? a : b, 16, r % 4)) {
                r = i;
            }
        }
        return lane(r < 4 ? a : b, 16, r % 4) | r << 16;
    case TCG_VEC_PMOVMSKB:
        for (i = 0; i < 8; i++) {
            r |= ((a >> (8 * i + 7)) & 1) << i;
            r |= ((b >> (8 * i + 7)) & 1) << (i + 8);
        }
        return r;
    default:
        g_assert_not_reached();
    }
}

/* --- running it -------------------------------------------------------- */

enum { FORM_REGS, FORM_SAME, FORM_CONST_B, FORM_CONSTS, FORM_COUNT };
static const char *const form_names[] = { "regs", "same", "const-b", "consts" };

static uint64_t run_op(TCGVecOp op, int form, uint64_t a, uint64_t b)
{
    TestEnv env = { 0 };
    const void *code;

    tb_begin();
    switch (form) {
    case FORM_REGS:
        tcg_gen_vec2_i64(op, g_out[0], g_in[0], g_in[1]);
        break;
    case FORM_SAME:
        tcg_gen_vec2_i64(op, g_out[0], g_in[0], g_in[0]);
        break;
    case FORM_CONST_B:
        tcg_gen_vec2_i64(op, g_out[0], g_in[0], tcg_constant_i64(b));
        break;
    default:
        tcg_gen_vec2_i64(op, g_out[0], tcg_constant_i64(a),
                         tcg_constant_i64(b));
        break;
    }
    code = tb_finish();
    env.in[0] = a;
    env.in[1] = b;
    env.out[0] = 0x5555555555555555ull;
    tb_run(code, &env);
    return env.out[0];
}

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Random lanes mixed with edge bytes and halfwords; small counts. */
static uint64_t operand(void)
{
    static const uint8_t edge[] = { 0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff };
    static const uint64_t whole[] = {
        0, 1, 15, 16, 31, 32, 63, 64, 65, ~0ULL, 0x8000000000000000ULL,
        0x8000800080008000ULL, 0x7fff7fff7fff7fffULL, 0x8000000080000000ULL,
        0x7fffffff7fffffffULL, 0x0000000100000000ULL,
    };
    uint64_t v = 0;

    switch (rnd() % 4) {
    case 0:
        return rnd();
    case 1:
        return whole[rnd() % G_N_ELEMENTS(whole)];
    default:
        for (int i = 0; i < 8; i++) {
            v |= (uint64_t)(rnd() % 3 ? edge[rnd() % sizeof(edge)]
                            : (uint8_t)rnd()) << (8 * i);
        }
        return v;
    }
}

static void test_model(void)
{
    int fails = 0, checked = 0;

    for (int be = 0; be < 2; be++) {
        use_backend(be);
        for (int op = 0; op < TCG_VEC_COUNT; op++) {
            if (!tcg_vec_op_supported(op)) {
                continue;
            }
            for (int n = 0; n < 120; n++) {
                uint64_t a = operand(), b = operand();
                int form = n % FORM_COUNT;
                uint64_t want, got;

                if (form == FORM_SAME) {
                    b = a;
                }
                want = model(op, a, b);
                got = run_op(op, form, a, b);
                checked++;
                if (got != want && fails++ < 20) {
                    g_test_message("%s op %d (%s) a %#" PRIx64 " b %#" PRIx64
                                   ": %#" PRIx64 ", model %#" PRIx64,
                                   test_backends[be], op, form_names[form],
                                   a, b, got, want);
                }
            }
        }
    }
    g_test_message("%d runs", checked);
    g_assert_cmpint(fails, ==, 0);
}

/* Values worked out by hand, one or more per shape. */
static void test_cases(void)
{
    static const struct {
        TCGVecOp op;
        uint64_t a, b, r;
    } cases[] = {
        { TCG_VEC_PADDB, 0x01ff7f80000000ffULL, 0x0101010100000001ULL,
          0x0200808100000000ULL },
        { TCG_VEC_PADDSW, 0x7fff800000010000ULL, 0x00018000ffff0000ULL,
          0x7fff800000000000ULL },
        { TCG_VEC_PSRAW, 0x8000400000017fffULL, 16, 0xffff000000000000ULL },
        { TCG_VEC_PSLLQ, 1, 64, 0 },
        /* HIGH: bytes 4..7 of a and b interleaved */
        { TCG_VEC_PUNPCKHBW, 0x7766554433221100ULL, 0xffeeddccbbaa9988ULL,
          0xff77ee66dd55cc44ULL },
        /* PAIR: a's words narrowed to the low bytes, b's to the high */
        { TCG_VEC_PACKSSWB, 0x8000ff807fff0001ULL, 0x0000000100020003ULL,
          0x0001020380807f01ULL },
        { TCG_VEC_PHADDD, 0x0000000200000001ULL, 0xffffffff00000005ULL,
          0x0000000400000003ULL },
        /* MASK: a's top bits in 7..0, b's in 15..8 */
        { TCG_VEC_PMOVMSKB, 0x80000000000000ffULL, 0x0000000000008000ULL,
          0x0281 },
        { TCG_VEC_PSADBW, 0x00ff00ff00ff00ffULL, 0xff00ff00ff00ff00ULL,
          8 * 255 },
    };

    for (int be = 0; be < 2; be++) {
        use_backend(be);
        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
            uint64_t r = run_op(cases[i].op, FORM_REGS, cases[i].a,
                                cases[i].b);

            if (r != cases[i].r) {
                g_test_message("%s case %zu: %#" PRIx64, test_backends[be],
                               i, r);
            }
            g_assert_cmphex(r, ==, cases[i].r);
            g_assert_cmphex(model(cases[i].op, cases[i].a, cases[i].b), ==,
                            cases[i].r);
        }
    }
}

/* The op is pure: an unused result leaves nothing behind, and a constant
   result is folded to a move. */
static void test_pure(void)
{
    int nvec = 0;

    tb_begin();
    tcg_gen_vec2_i64(TCG_VEC_PADDB, tcg_temp_new_i64(), g_in[0], g_in[1]);
    tcg_gen_vec2_i64(TCG_VEC_PADDB, g_out[0], tcg_constant_i64(0x7f),
                     tcg_constant_i64(1));
    tb_finish();
    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        nvec += tcg_ctx->ops[i].opc == INDEX_op_vec2;
    }
    g_assert_cmpint(nvec, ==, 0);
}

/*
 * Chains of vec2 (and f64 fpu) ops whose inputs are earlier results: the
 * native backend keeps them in scratch xmm registers, whose upper halves
 * hold leftovers, and copies an input it still needs before an
 * instruction overwrites it.  Against the interpreter, with more values
 * than scratch registers, moves and labels in between.
 */
static void gen_chain(uint64_t seed, int len)
{
    TCGv_i64 pool[12];
    uint64_t r = seed;

    for (int i = 0; i < 8; i++) {
        pool[i] = g_in[i];
    }
    for (int i = 8; i < 12; i++) {
        pool[i] = tcg_temp_new_i64();
        tcg_gen_mov_i64(pool[i], g_in[i - 8]);
    }
    for (int n = 0; n < len; n++) {
        TCGv_i64 d, a, b;
        TCGVecOp op;

        r = r * 6364136223846793005ULL + 1442695040888963407ULL;
        d = pool[(r >> 33) % 12];
        a = pool[(r >> 40) % 12];
        b = (r >> 20) & 1 ? a : pool[(r >> 47) % 12];
        switch ((r >> 54) % 12) {
        case 0:
            tcg_gen_mov_i64(d, a);
            continue;
        case 1: {
            TCGLabel *l = gen_new_label();
            tcg_gen_brcondi_i64(TCG_COND_EQ, a, 0, l);
            tcg_gen_xori_i64(d, d, 1);
            tcg_gen_set_label(l);
            continue;
        }
        case 2:
            tcg_gen_fpu2_i64(TCG_FP_ADDD, d, a, b);
            continue;
        default:
            break;
        }
        op = (TCGVecOp)((r >> 8) % TCG_VEC_COUNT);
        if (tcg_vec_op_supported(op)) {
            tcg_gen_vec2_i64(op, d, a, b);
        }
    }
    for (int i = 0; i < 8; i++) {
        tcg_gen_mov_i64(g_out[i], pool[i]);
    }
    for (int i = 8; i < 12; i++) {
        tcg_gen_xor_i64(g_out[i - 8], g_out[i - 8], pool[i]);
    }
}

static void test_chains(void)
{
    int bad = 0;

    for (uint64_t seed = 1; seed <= 300; seed++) {
        TestEnv env[2];

        for (int be = 0; be < 2; be++) {
            const void *code;

            use_backend(be);
            tb_begin();
            gen_chain(seed, 4 + seed % 40);
            code = tb_finish();
            memset(&env[be], 0, sizeof(env[be]));
            rng = seed * 0x9e3779b97f4a7c15ULL;
            for (int i = 0; i < 8; i++) {
                env[be].in[i] = operand();
            }
            tb_run(code, &env[be]);
        }
        if (memcmp(env[0].out, env[1].out, sizeof(env[0].out)) &&
            bad++ < 5) {
            g_test_message("chain seed %" PRIu64 ": native and interp differ",
                           seed);
        }
    }
    g_assert_cmpint(bad, ==, 0);
}

/* Without a feature the ops needing it are unsupported; SSE2 ones stay. */
static void test_feature_mask(void)
{
    g_assert_true(tcg_vec_op_supported(TCG_VEC_PADDB));
    tcg_vec_feature_mask = TCG_VEC_FEAT_SSE2;
    g_assert_true(tcg_vec_op_supported(TCG_VEC_PMOVMSKB));
    g_assert_false(tcg_vec_op_supported(TCG_VEC_PMULLD));
    g_assert_false(tcg_vec_op_supported(TCG_VEC_PSIGNB));
    tcg_vec_feature_mask = 0;
    g_assert_false(tcg_vec_op_supported(TCG_VEC_PADDB));
    tcg_vec_feature_mask = ~0u;
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    test_tcg_setup();
    g_test_add_func("/tcg/vec/cases", test_cases);
    g_test_add_func("/tcg/vec/model", test_model);
    g_test_add_func("/tcg/vec/pure", test_pure);
    g_test_add_func("/tcg/vec/chains", test_chains);
    g_test_add_func("/tcg/vec/feature-mask", test_feature_mask);
    return g_test_run();
}
