/*
 * TCG op semantics: every IR operation on edge values, in i32 and i64,
 * with register, constant and in-place operand forms, on both the
 * x86-64 backend and the interpreter, checked against a C reference
 * written here independently of the TCG sources.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test-tcg-common.h"
#include "tcg/x86_64/tcg-target.h"

static const uint64_t vals64[] = {
    0, 1, 2, 7, (uint64_t)-1, (uint64_t)-2, 0x8000000000000000ull,
    0x7fffffffffffffffull, 0xffffffff80000000ull, 0x7fffffff,
    0x80000000, 0xffffffff, 0x100000000ull, 0x123456789abcdef0ull,
    0xfedcba9876543210ull,
};
static const uint64_t vals32[] = {
    0, 1, 2, 7, 0xffffffff, 0xfffffffe, 0x80000000, 0x7fffffff, 0x80,
    0xffff, 0x12345678, 0x9abcdef0,
};
static const uint64_t shift_counts[] = { 0, 1, 5, 31, 32, 63, 64, 65 };

#define NV64 G_N_ELEMENTS(vals64)
#define NV32 G_N_ELEMENTS(vals32)

/* ------------------------------------------------------------------ */
/* Reference model                                                     */

typedef enum RefOp {
    R_ADD, R_SUB, R_MUL, R_AND, R_OR, R_XOR, R_ANDC, R_ORC, R_EQV, R_NAND,
    R_NOR, R_SHL, R_SHR, R_SAR, R_ROTL, R_ROTR, R_DIV, R_DIVU, R_REM, R_REMU,
    R_MULUH, R_MULSH, R_CLZ, R_CTZ,
    R_NEG, R_NOT, R_EXT8S, R_EXT8U, R_EXT16S, R_EXT16U, R_EXT32S, R_EXT32U,
    R_BSWAP16, R_BSWAP32, R_BSWAP64, R_CTPOP,
} RefOp;

static uint64_t mask_w(int w, uint64_t v)
{
    return w == 32 ? v & 0xffffffffu : v;
}

static int64_t sext_w(int w, uint64_t v)
{
    return w == 32 ? (int64_t)(int32_t)(uint32_t)v : (int64_t)v;
}

static uint64_t ref_op(RefOp op, int w, uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    unsigned n = (unsigned)(b % w);

    a = mask_w(w, a);
    b = mask_w(w, b);
    switch (op) {
    case R_ADD: r = a + b; break;
    case R_SUB: r = a - b; break;
    case R_MUL: r = a * b; break;
    case R_AND: r = a & b; break;
    case R_OR: r = a | b; break;
    case R_XOR: r = a ^ b; break;
    case R_ANDC: r = a & ~b; break;
    case R_ORC: r = a | ~b; break;
    case R_EQV: r = ~(a ^ b); break;
    case R_NAND: r = ~(a & b); break;
    case R_NOR: r = ~(a | b); break;
    case R_SHL: r = a << n; break;
    case R_SHR: r = a >> n; break;
    case R_SAR: r = (uint64_t)(sext_w(w, a) >> n); break;
    case R_ROTL:
        r = n == 0 ? a : (a << n) | (a >> (w - n));
        break;
    case R_ROTR:
        r = n == 0 ? a : (a >> n) | (a << (w - n));
        break;
    case R_DIV: r = (uint64_t)(sext_w(w, a) / sext_w(w, b)); break;
    case R_REM: r = (uint64_t)(sext_w(w, a) % sext_w(w, b)); break;
    case R_DIVU: r = a / b; break;
    case R_REMU: r = a % b; break;
    case R_MULUH:
        if (w == 32) {
            r = (a * b) >> 32;
        } else {
            r = (uint64_t)(((unsigned __int128)a * b) >> 64);
        }
        break;
    case R_MULSH:
        if (w == 32) {
            r = (uint64_t)((sext_w(32, a) * sext_w(32, b)) >> 32);
        } else {
            r = (uint64_t)(((__int128)(int64_t)a * (int64_t)b) >> 64);
        }
        break;
    case R_CLZ: {
        int c = 0;
        if (a == 0) {
            r = b;
            break;
        }
        for (int i = w - 1; i >= 0 && !((a >> i) & 1); i--) {
            c++;
        }
        r = c;
        break;
    }
    case R_CTZ: {
        int c = 0;
        if (a == 0) {
            r = b;
            break;
        }
        while (!((a >> c) & 1)) {
            c++;
        }
        r = c;
        break;
    }
    case R_NEG: r = 0 - a; break;
    case R_NOT: r = ~a; break;
    case R_EXT8S: r = (uint64_t)(int64_t)(int8_t)(uint8_t)a; break;
    case R_EXT8U: r = a & 0xff; break;
    case R_EXT16S: r = (uint64_t)(int64_t)(int16_t)(uint16_t)a; break;
    case R_EXT16U: r = a & 0xffff; break;
    case R_EXT32S: r = (uint64_t)(int64_t)(int32_t)(uint32_t)a; break;
    case R_EXT32U: r = a & 0xffffffffu; break;
    case R_BSWAP16: r = ((a & 0xff) << 8) | ((a >> 8) & 0xff); break;
    case R_BSWAP32:
        r = ((a & 0xff) << 24) | ((a & 0xff00) << 8) | ((a >> 8) & 0xff00)
            | ((a >> 24) & 0xff);
        break;
    case R_BSWAP64:
        for (int i = 0; i < 8; i++) {
            r |= ((a >> (8 * i)) & 0xff) << (8 * (7 - i));
        }
        break;
    case R_CTPOP:
        for (int i = 0; i < w; i++) {
            r += (a >> i) & 1;
        }
        break;
    }
    return mask_w(w, r);
}

static bool ref_defined(RefOp op, int w, uint64_t a, uint64_t b)
{
    switch (op) {
    case R_DIV: case R_REM:
        return mask_w(w, b) != 0
               && !(sext_w(w, b) == -1 && mask_w(w, a) == mask_w(w, 1ull << (w - 1)));
    case R_DIVU: case R_REMU:
        return mask_w(w, b) != 0;
    default:
        return true;
    }
}

/* ------------------------------------------------------------------ */
/* Binary ops                                                          */

typedef struct BinOp {
    const char *name;
    RefOp ref;
    void (*g32)(TCGv_i32, TCGv_i32, TCGv_i32);
    void (*g64)(TCGv_i64, TCGv_i64, TCGv_i64);
    bool shift;
} BinOp;

static const BinOp binops[] = {
    { "add", R_ADD, tcg_gen_add_i32, tcg_gen_add_i64 },
    { "sub", R_SUB, tcg_gen_sub_i32, tcg_gen_sub_i64 },
    { "mul", R_MUL, tcg_gen_mul_i32, tcg_gen_mul_i64 },
    { "and", R_AND, tcg_gen_and_i32, tcg_gen_and_i64 },
    { "or", R_OR, tcg_gen_or_i32, tcg_gen_or_i64 },
    { "xor", R_XOR, tcg_gen_xor_i32, tcg_gen_xor_i64 },
    { "andc", R_ANDC, tcg_gen_andc_i32, tcg_gen_andc_i64 },
    { "orc", R_ORC, tcg_gen_orc_i32, tcg_gen_orc_i64 },
    { "eqv", R_EQV, tcg_gen_eqv_i32, tcg_gen_eqv_i64 },
    { "nand", R_NAND, tcg_gen_nand_i32, tcg_gen_nand_i64 },
    { "nor", R_NOR, tcg_gen_nor_i32, tcg_gen_nor_i64 },
    { "shl", R_SHL, tcg_gen_shl_i32, tcg_gen_shl_i64, true },
    { "shr", R_SHR, tcg_gen_shr_i32, tcg_gen_shr_i64, true },
    { "sar", R_SAR, tcg_gen_sar_i32, tcg_gen_sar_i64, true },
    { "rotl", R_ROTL, tcg_gen_rotl_i32, tcg_gen_rotl_i64, true },
    { "rotr", R_ROTR, tcg_gen_rotr_i32, tcg_gen_rotr_i64, true },
    { "div", R_DIV, tcg_gen_div_i32, tcg_gen_div_i64 },
    { "divu", R_DIVU, tcg_gen_divu_i32, tcg_gen_divu_i64 },
    { "rem", R_REM, tcg_gen_rem_i32, tcg_gen_rem_i64 },
    { "remu", R_REMU, tcg_gen_remu_i32, tcg_gen_remu_i64 },
    { "muluh", R_MULUH, tcg_gen_muluh_i32, tcg_gen_muluh_i64 },
    { "mulsh", R_MULSH, tcg_gen_mulsh_i32, tcg_gen_mulsh_i64 },
    { "clz", R_CLZ, tcg_gen_clz_i32, tcg_gen_clz_i64 },
    { "ctz", R_CTZ, tcg_gen_ctz_i32, tcg_gen_ctz_i64 },
};

/* Operand forms. */
enum { F_REG, F_CONST_B, F_CONST_A, F_SAME, F_TEMP, F_CONST_AB, F_COUNT };

static void gen_bin(const BinOp *op, int w, int form, uint64_t a, uint64_t b)
{
    if (w == 64) {
        TCGv_i64 x = g_in[0], y = g_in[1];
        switch (form) {
        case F_CONST_B: y = tcg_constant_i64(b); break;
        case F_CONST_A: x = tcg_constant_i64(a); break;
        case F_CONST_AB:
            x = tcg_constant_i64(a);
            y = tcg_constant_i64(b);
            break;
        case F_SAME: y = x; break;
        case F_TEMP: {
            /* in-place on temps, with the second operand still live */
            TCGv_i64 t0 = tcg_temp_new_i64(), t1 = tcg_temp_new_i64();
            tcg_gen_mov_i64(t0, g_in[0]);
            tcg_gen_mov_i64(t1, g_in[1]);
            op->g64(t0, t0, t1);
            tcg_gen_mov_i64(g_out[0], t0);
            tcg_gen_mov_i64(g_out[1], t1);
            return;
        }
        }
        op->g64(g_out[0], x, y);
    } else {
        TCGv_i32 x = g_in32[0], y = g_in32[1];
        switch (form) {
        case F_CONST_B: y = tcg_constant_i32((int32_t)b); break;
        case F_CONST_A: x = tcg_constant_i32((int32_t)a); break;
        case F_CONST_AB:
            x = tcg_constant_i32((int32_t)a);
            y = tcg_constant_i32((int32_t)b);
            break;
        case F_SAME: y = x; break;
        case F_TEMP: {
            TCGv_i32 t0 = tcg_temp_new_i32(), t1 = tcg_temp_new_i32();
            tcg_gen_mov_i32(t0, g_in32[0]);
            tcg_gen_mov_i32(t1, g_in32[1]);
            op->g32(t0, t0, t1);
            tcg_gen_mov_i32(g_out32[0], t0);
            tcg_gen_mov_i32(g_out32[1], t1);
            return;
        }
        }
        op->g32(g_out32[0], x, y);
    }
}

static void check_bin_case(const BinOp *op, int w, int form, int be,
                           const void *code, uint64_t a, uint64_t b)
{
    TestEnv env = { 0 };
    uint64_t got, want;

    if (form == F_SAME) {
        b = a;
    }
    if (!ref_defined(op->ref, w, a, b)) {
        return;
    }
    env.in[0] = a;
    env.in[1] = b;
    env.in32[0] = (uint32_t)a;
    env.in32[1] = (uint32_t)b;
    env.out[0] = env.out[1] = 0x5555555555555555ull;
    env.out32[0] = env.out32[1] = 0x55555555;
    tb_run(code, &env);
    got = w == 64 ? env.out[0] : env.out32[0];
    want = ref_op(op->ref, w, a, b);
    if (got != want) {
        g_test_message("%s_i%d form %d backend %s: a=%#" G_GINT64_MODIFIER
                       "x b=%#" G_GINT64_MODIFIER "x got %#"
                       G_GINT64_MODIFIER "x want %#" G_GINT64_MODIFIER "x",
                       op->name, w, form, test_backends[be], a, b, got, want);
    }
    g_assert_cmphex(got, ==, want);
    /* inputs are never clobbered */
    g_assert_cmphex(env.in[0], ==, a);
    g_assert_cmphex(env.in[1], ==, b);
    if (form == F_TEMP) {
        g_assert_cmphex(w == 64 ? env.out[1] : env.out32[1], ==, mask_w(w, b));
    }
}

static void test_binop(gconstpointer data)
{
    const BinOp *op = data;

    for (int w = 32; w <= 64; w += 32) {
        const uint64_t *va = w == 64 ? vals64 : vals32;
        size_t na = w == 64 ? NV64 : NV32;
        const uint64_t *vb = op->shift ? shift_counts : va;
        size_t nb = op->shift ? G_N_ELEMENTS(shift_counts) : na;

        for (int be = 0; be < 2; be++) {
            use_backend(be);
            for (int form = 0; form < F_COUNT; form++) {
                bool per_a = form == F_CONST_A || form == F_CONST_AB;
                bool per_b = form == F_CONST_B || form == F_CONST_AB;
                for (size_t i = 0; i < (per_a ? na : 1); i++) {
                    for (size_t j = 0; j < (per_b ? nb : 1); j++) {
                        const void *code;
                        if ((per_a && !ref_defined(op->ref, w, va[i], 1))
                            || (per_b && !ref_defined(op->ref, w, 0, vb[j]))) {
                            continue;
                        }
                        tb_begin();
                        gen_bin(op, w, form, va[i], vb[j]);
                        code = tb_finish();
                        for (size_t x = 0; x < (per_a ? 1 : na); x++) {
                            for (size_t y = 0; y < (per_b ? 1 : nb); y++) {
                                check_bin_case(op, w, form, be, code,
                                               per_a ? va[i] : va[x],
                                               per_b ? vb[j] : vb[y]);
                            }
                        }
                    }
                }
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Unary ops                                                           */

typedef struct UnOp {
    const char *name;
    RefOp ref;
    void (*g32)(TCGv_i32, TCGv_i32);
    void (*g64)(TCGv_i64, TCGv_i64);
} UnOp;

static const UnOp unops[] = {
    { "neg", R_NEG, tcg_gen_neg_i32, tcg_gen_neg_i64 },
    { "not", R_NOT, tcg_gen_not_i32, tcg_gen_not_i64 },
    { "ext8s", R_EXT8S, tcg_gen_ext8s_i32, tcg_gen_ext8s_i64 },
    { "ext8u", R_EXT8U, tcg_gen_ext8u_i32, tcg_gen_ext8u_i64 },
    { "ext16s", R_EXT16S, tcg_gen_ext16s_i32, tcg_gen_ext16s_i64 },
    { "ext16u", R_EXT16U, tcg_gen_ext16u_i32, tcg_gen_ext16u_i64 },
    { "ext32s", R_EXT32S, NULL, tcg_gen_ext32s_i64 },
    { "ext32u", R_EXT32U, NULL, tcg_gen_ext32u_i64 },
    { "bswap16", R_BSWAP16, tcg_gen_bswap16_i32, tcg_gen_bswap16_i64 },
    { "bswap32", R_BSWAP32, tcg_gen_bswap32_i32, tcg_gen_bswap32_i64 },
    { "bswap64", R_BSWAP64, NULL, tcg_gen_bswap64_i64 },
    { "ctpop", R_CTPOP, tcg_gen_ctpop_i32, tcg_gen_ctpop_i64 },
};

static void test_unop(gconstpointer data)
{
    const UnOp *op = data;

    for (int w = 32; w <= 64; w += 32) {
        const uint64_t *va = w == 64 ? vals64 : vals32;
        size_t na = w == 64 ? NV64 : NV32;

        if ((w == 32 && !op->g32)) {
            continue;
        }
        for (int be = 0; be < 2; be++) {
            use_backend(be);
            /* form 0: global -> global; 1: in place on a temp; 2: const */
            for (int form = 0; form < 3; form++) {
                for (size_t i = 0; i < (form == 2 ? na : 1); i++) {
                    const void *code;
                    tb_begin();
                    if (w == 64) {
                        if (form == 0) {
                            op->g64(g_out[0], g_in[0]);
                        } else if (form == 1) {
                            TCGv_i64 t = tcg_temp_new_i64();
                            tcg_gen_mov_i64(t, g_in[0]);
                            op->g64(t, t);
                            tcg_gen_mov_i64(g_out[0], t);
                        } else {
                            op->g64(g_out[0], tcg_constant_i64(va[i]));
                        }
                    } else {
                        if (form == 0) {
                            op->g32(g_out32[0], g_in32[0]);
                        } else if (form == 1) {
                            TCGv_i32 t = tcg_temp_new_i32();
                            tcg_gen_mov_i32(t, g_in32[0]);
                            op->g32(t, t);
                            tcg_gen_mov_i32(g_out32[0], t);
                        } else {
                            op->g32(g_out32[0],
                                    tcg_constant_i32((int32_t)va[i]));
                        }
                    }
                    code = tb_finish();
                    for (size_t x = 0; x < (form == 2 ? 1 : na); x++) {
                        uint64_t a = form == 2 ? va[i] : va[x];
                        TestEnv env = { 0 };
                        env.in[0] = a;
                        env.in32[0] = (uint32_t)a;
                        env.out[0] = 0x5555555555555555ull;
                        env.out32[0] = 0x55555555;
                        tb_run(code, &env);
                        g_assert_cmphex(w == 64 ? env.out[0] : env.out32[0],
                                        ==, ref_op(op->ref, w, a, 0));
                    }
                }
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Conditions                                                          */

static const TCGCond all_conds[10] = {
    TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE,
    TCG_COND_GT, TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
};

static bool ref_cond(TCGCond c, int w, uint64_t a, uint64_t b)
{
    uint64_t ua = mask_w(w, a), ub = mask_w(w, b);
    int64_t sa = sext_w(w, a), sb = sext_w(w, b);

    switch (c) {
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
    default: g_assert_not_reached();
    }
}

/* kind: 0 setcond, 1 negsetcond, 2 movcond, 3 brcond */
static void gen_cond(int kind, int w, TCGCond c, int form, uint64_t a,
                     uint64_t b)
{
    if (w == 64) {
        TCGv_i64 x = g_in[0], y = g_in[1];
        if (form == 1) {
            y = tcg_constant_i64(b);
        } else if (form == 2) {
            x = tcg_constant_i64(a);
        }
        switch (kind) {
        case 0: tcg_gen_setcond_i64(c, g_out[0], x, y); break;
        case 1: tcg_gen_negsetcond_i64(c, g_out[0], x, y); break;
        case 2:
            tcg_gen_movcond_i64(c, g_out[0], x, y, g_in[2], g_in[3]);
            break;
        default: {
            TCGLabel *l = gen_new_label();
            tcg_gen_movi_i64(g_out[0], 5);
            tcg_gen_brcond_i64(c, x, y, l);
            tcg_gen_movi_i64(g_out[0], 7);
            tcg_gen_set_label(l);
            break;
        }
        }
    } else {
        TCGv_i32 x = g_in32[0], y = g_in32[1];
        if (form == 1) {
            y = tcg_constant_i32((int32_t)b);
        } else if (form == 2) {
            x = tcg_constant_i32((int32_t)a);
        }
        switch (kind) {
        case 0: tcg_gen_setcond_i32(c, g_out32[0], x, y); break;
        case 1: tcg_gen_negsetcond_i32(c, g_out32[0], x, y); break;
        case 2:
            tcg_gen_movcond_i32(c, g_out32[0], x, y, g_in32[2], g_in32[3]);
            break;
        default: {
            TCGLabel *l = gen_new_label();
            tcg_gen_movi_i32(g_out32[0], 5);
            tcg_gen_brcond_i32(c, x, y, l);
            tcg_gen_movi_i32(g_out32[0], 7);
            tcg_gen_set_label(l);
            break;
        }
        }
    }
}

static void test_cond(gconstpointer data)
{
    int kind = GPOINTER_TO_INT(data);

    for (int w = 32; w <= 64; w += 32) {
        const uint64_t *v = w == 64 ? vals64 : vals32;
        size_t n = w == 64 ? NV64 : NV32;
        for (int be = 0; be < 2; be++) {
            use_backend(be);
            for (int ci = 0; ci < 10; ci++) {
                TCGCond c = all_conds[ci];
                for (int form = 0; form < 3; form++) {
                    for (size_t i = 0; i < (form ? n : 1); i++) {
                        const void *code;
                        tb_begin();
                        gen_cond(kind, w, c, form, v[i], v[i]);
                        code = tb_finish();
                        for (size_t x = 0; x < n; x++) {
                            TestEnv env = { 0 };
                            uint64_t a = form == 2 ? v[i] : v[x];
                            uint64_t b = form == 1 ? v[i] : form == 2 ? v[x]
                                         : v[(x * 7 + 3) % n];
                            bool t;
                            uint64_t want;
                            if (form == 0) {
                                /* all pairs for the register form */
                                for (size_t y = 0; y < n; y++) {
                                    b = v[y];
                                    env.in[0] = a; env.in[1] = b;
                                    env.in32[0] = a; env.in32[1] = b;
                                    env.in[2] = 0x1111; env.in[3] = 0x2222;
                                    env.in32[2] = 0x1111; env.in32[3] = 0x2222;
                                    tb_run(code, &env);
                                    t = ref_cond(c, w, a, b);
                                    want = kind == 0 ? t : kind == 1
                                           ? mask_w(w, -(uint64_t)t)
                                           : kind == 2 ? (t ? 0x1111 : 0x2222)
                                           : (t ? 5 : 7);
                                    g_assert_cmphex(w == 64 ? env.out[0]
                                                    : env.out32[0], ==, want);
                                }
                                continue;
                            }
                            env.in[0] = a; env.in[1] = b;
                            env.in32[0] = a; env.in32[1] = b;
                            env.in[2] = 0x1111; env.in[3] = 0x2222;
                            env.in32[2] = 0x1111; env.in32[3] = 0x2222;
                            tb_run(code, &env);
                            t = ref_cond(c, w, a, b);
                            want = kind == 0 ? t : kind == 1
                                   ? mask_w(w, -(uint64_t)t)
                                   : kind == 2 ? (t ? 0x1111 : 0x2222)
                                   : (t ? 5 : 7);
                            g_assert_cmphex(w == 64 ? env.out[0]
                                            : env.out32[0], ==, want);
                        }
                    }
                }
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Double-word ops                                                     */

static void test_double(gconstpointer data)
{
    int kind = GPOINTER_TO_INT(data);   /* 0 mulu2 1 muls2 2 add2 3 sub2 */

    for (int w = 32; w <= 64; w += 32) {
        const uint64_t *v = w == 64 ? vals64 : vals32;
        size_t n = w == 64 ? NV64 : NV32;
        for (int be = 0; be < 2; be++) {
            const void *code;
            use_backend(be);
            tb_begin();
            if (w == 64) {
                switch (kind) {
                case 0: tcg_gen_mulu2_i64(g_out[0], g_out[1], g_in[0], g_in[1]); break;
                case 1: tcg_gen_muls2_i64(g_out[0], g_out[1], g_in[0], g_in[1]); break;
                case 2:
                    tcg_gen_add2_i64(g_out[0], g_out[1], g_in[0], g_in[1],
                                     g_in[2], g_in[3]);
                    break;
                default:
                    tcg_gen_sub2_i64(g_out[0], g_out[1], g_in[0], g_in[1],
                                     g_in[2], g_in[3]);
                    break;
                }
            } else {
                switch (kind) {
                case 0: tcg_gen_mulu2_i32(g_out32[0], g_out32[1], g_in32[0], g_in32[1]); break;
                case 1: tcg_gen_muls2_i32(g_out32[0], g_out32[1], g_in32[0], g_in32[1]); break;
                case 2:
                    tcg_gen_add2_i32(g_out32[0], g_out32[1], g_in32[0],
                                     g_in32[1], g_in32[2], g_in32[3]);
                    break;
                default:
                    tcg_gen_sub2_i32(g_out32[0], g_out32[1], g_in32[0],
                                     g_in32[1], g_in32[2], g_in32[3]);
                    break;
                }
            }
            code = tb_finish();
            for (size_t x = 0; x < n; x++) {
                for (size_t y = 0; y < n; y++) {
                    TestEnv env = { 0 };
                    uint64_t a = v[x], b = v[y], lo, hi;
                    uint64_t c = v[(x + 3) % n], d = v[(y + 5) % n];
                    env.in[0] = a; env.in[1] = b; env.in[2] = c; env.in[3] = d;
                    env.in32[0] = a; env.in32[1] = b;
                    env.in32[2] = c; env.in32[3] = d;
                    tb_run(code, &env);
                    if (w == 64) {
                        unsigned __int128 r;
                        if (kind == 0) {
                            r = (unsigned __int128)a * b;
                        } else if (kind == 1) {
                            r = (unsigned __int128)((__int128)(int64_t)a * (int64_t)b);
                        } else {
                            unsigned __int128 p = ((unsigned __int128)b << 64) | a;
                            unsigned __int128 q = ((unsigned __int128)d << 64) | c;
                            r = kind == 2 ? p + q : p - q;
                        }
                        lo = (uint64_t)r;
                        hi = (uint64_t)(r >> 64);
                        g_assert_cmphex(env.out[0], ==, lo);
                        g_assert_cmphex(env.out[1], ==, hi);
                    } else {
                        uint64_t r;
                        a = (uint32_t)a; b = (uint32_t)b;
                        c = (uint32_t)c; d = (uint32_t)d;
                        if (kind == 0) {
                            r = a * b;
                        } else if (kind == 1) {
                            r = (uint64_t)(sext_w(32, a) * sext_w(32, b));
                        } else {
                            uint64_t p = a | (b << 32), q = c | (d << 32);
                            r = kind == 2 ? p + q : p - q;
                        }
                        g_assert_cmphex(env.out32[0], ==, (uint32_t)r);
                        g_assert_cmphex(env.out32[1], ==, (uint32_t)(r >> 32));
                    }
                }
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Bit fields                                                          */

static void test_bitfield(void)
{
    static const unsigned fields64[][2] = {
        { 0, 8 }, { 0, 16 }, { 0, 32 }, { 8, 8 }, { 4, 12 }, { 0, 64 },
        { 1, 63 }, { 63, 1 }, { 16, 16 }, { 32, 32 }, { 3, 40 }, { 0, 1 },
        { 20, 31 }, { 31, 2 },
    };
    static const unsigned fields32[][2] = {
        { 0, 8 }, { 0, 16 }, { 8, 8 }, { 4, 12 }, { 0, 32 }, { 1, 31 },
        { 31, 1 }, { 16, 16 }, { 3, 20 }, { 0, 1 },
    };

    for (int w = 32; w <= 64; w += 32) {
        const uint64_t *v = w == 64 ? vals64 : vals32;
        size_t n = w == 64 ? NV64 : NV32;
        size_t nf = w == 64 ? G_N_ELEMENTS(fields64) : G_N_ELEMENTS(fields32);
        for (int be = 0; be < 2; be++) {
            use_backend(be);
            for (size_t f = 0; f < nf; f++) {
                unsigned ofs = w == 64 ? fields64[f][0] : fields32[f][0];
                unsigned len = w == 64 ? fields64[f][1] : fields32[f][1];
                uint64_t m = len == 64 ? ~0ull : (1ull << len) - 1;
                const void *code;
                tb_begin();
                if (w == 64) {
                    tcg_gen_extract_i64(g_out[0], g_in[0], ofs, len);
                    tcg_gen_sextract_i64(g_out[1], g_in[0], ofs, len);
                    tcg_gen_deposit_i64(g_out[2], g_in[0], g_in[1], ofs, len);
                } else {
                    tcg_gen_extract_i32(g_out32[0], g_in32[0], ofs, len);
                    tcg_gen_sextract_i32(g_out32[1], g_in32[0], ofs, len);
                    tcg_gen_deposit_i32(g_out32[2], g_in32[0], g_in32[1], ofs,
                                        len);
                }
                code = tb_finish();
                for (size_t x = 0; x < n; x++) {
                    for (size_t y = 0; y < n; y += 3) {
                        TestEnv env = { 0 };
                        uint64_t a = v[x], b = v[y], fld, sfld, dep;
                        env.in[0] = a; env.in[1] = b;
                        env.in32[0] = a; env.in32[1] = b;
                        tb_run(code, &env);
                        a = mask_w(w, a);
                        fld = (a >> ofs) & m;
                        sfld = fld;
                        if (len < 64 && (fld >> (len - 1)) & 1) {
                            sfld |= ~m;
                        }
                        dep = (a & ~(m << ofs)) | ((b & m) << ofs);
                        g_assert_cmphex(w == 64 ? env.out[0] : env.out32[0],
                                        ==, mask_w(w, fld));
                        g_assert_cmphex(w == 64 ? env.out[1] : env.out32[1],
                                        ==, mask_w(w, sfld));
                        g_assert_cmphex(w == 64 ? env.out[2] : env.out32[2],
                                        ==, mask_w(w, dep));
                    }
                }
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* i32 <-> i64                                                         */

static void test_conversions(void)
{
    for (int be = 0; be < 2; be++) {
        const void *code;
        TCGv_i32 lo = NULL, hi = NULL;
        use_backend(be);
        tb_begin();
        tcg_gen_ext_i32_i64(g_out[0], g_in32[0]);
        tcg_gen_extu_i32_i64(g_out[1], g_in32[0]);
        tcg_gen_extrl_i64_i32(g_out32[0], g_in[0]);
        tcg_gen_extrh_i64_i32(g_out32[1], g_in[0]);
        tcg_gen_concat_i32_i64(g_out[2], g_in32[0], g_in32[1]);
        lo = tcg_temp_new_i32();
        hi = tcg_temp_new_i32();
        tcg_gen_extr_i64_i32(lo, hi, g_in[1]);
        tcg_gen_concat_i32_i64(g_out[3], hi, lo);
        /* an i32 result with garbage-free upper half feeding i64 */
        tcg_gen_add_i32(lo, g_in32[0], g_in32[1]);
        tcg_gen_extu_i32_i64(g_out[4], lo);
        code = tb_finish();
        for (size_t x = 0; x < NV64; x++) {
            TestEnv env = { 0 };
            uint64_t a = vals64[x], b = vals64[(x + 4) % NV64];
            uint32_t w0 = (uint32_t)vals64[(x + 7) % NV64];
            uint32_t w1 = (uint32_t)vals64[(x + 2) % NV64];
            env.in[0] = a; env.in[1] = b;
            env.in32[0] = w0; env.in32[1] = w1;
            tb_run(code, &env);
            g_assert_cmphex(env.out[0], ==, (uint64_t)(int64_t)(int32_t)w0);
            g_assert_cmphex(env.out[1], ==, w0);
            g_assert_cmphex(env.out32[0], ==, (uint32_t)a);
            g_assert_cmphex(env.out32[1], ==, (uint32_t)(a >> 32));
            g_assert_cmphex(env.out[2], ==, w0 | ((uint64_t)w1 << 32));
            g_assert_cmphex(env.out[3], ==, (b >> 32) | (b << 32));
            g_assert_cmphex(env.out[4], ==, (uint32_t)(w0 + w1));
        }
    }
}

/* ------------------------------------------------------------------ */
/* Immediate helpers (addi/subi/...) against their register twins      */

static void test_immediates(void)
{
    static const int64_t imms[] = { 0, 1, -1, 127, 128, -129, 0x7fffffff,
                                    -0x80000000ll, 0x80000000ll,
                                    0x123456789ll, INT64_MIN, INT64_MAX };
    for (int be = 0; be < 2; be++) {
        use_backend(be);
        for (size_t i = 0; i < G_N_ELEMENTS(imms); i++) {
            int64_t k = imms[i];
            const void *code;
            tb_begin();
            tcg_gen_addi_i64(g_out[0], g_in[0], k);
            tcg_gen_subi_i64(g_out[1], g_in[0], k);
            tcg_gen_andi_i64(g_out[2], g_in[0], k);
            tcg_gen_ori_i64(g_out[3], g_in[0], k);
            tcg_gen_xori_i64(g_out[4], g_in[0], k);
            tcg_gen_muli_i64(g_out[5], g_in[0], k);
            tcg_gen_subfi_i64(g_out[6], k, g_in[0]);
            tcg_gen_setcondi_i64(TCG_COND_LT, g_out[7], g_in[0], k);
            tcg_gen_addi_i32(g_out32[0], g_in32[0], (int32_t)k);
            tcg_gen_andi_i32(g_out32[1], g_in32[0], (int32_t)k);
            tcg_gen_shli_i32(g_out32[2], g_in32[0], (int32_t)(k & 31));
            tcg_gen_sari_i64(g_in[5], g_in[0], k & 63);
            tcg_gen_rotli_i64(g_in[6], g_in[0], k & 63);
            code = tb_finish();
            for (size_t x = 0; x < NV64; x++) {
                TestEnv env = { 0 };
                uint64_t a = vals64[x];
                env.in[0] = a;
                env.in32[0] = (uint32_t)a;
                tb_run(code, &env);
                g_assert_cmphex(env.out[0], ==, a + k);
                g_assert_cmphex(env.out[1], ==, a - k);
                g_assert_cmphex(env.out[2], ==, a & k);
                g_assert_cmphex(env.out[3], ==, a | k);
                g_assert_cmphex(env.out[4], ==, a ^ k);
                g_assert_cmphex(env.out[5], ==, a * k);
                g_assert_cmphex(env.out[6], ==, k - a);
                g_assert_cmphex(env.out[7], ==, (int64_t)a < k);
                g_assert_cmphex(env.out32[0], ==, (uint32_t)(a + k));
                g_assert_cmphex(env.out32[1], ==, (uint32_t)(a & k));
                g_assert_cmphex(env.out32[2], ==, (uint32_t)a << (k & 31));
                g_assert_cmphex(env.in[5], ==, ref_op(R_SAR, 64, a, k & 63));
                g_assert_cmphex(env.in[6], ==, ref_op(R_ROTL, 64, a, k & 63));
            }
        }
    }
}

/* clz/ctz again with the BSR/BSF sequences older CPUs need. */
static void test_count_zeros_fallback(gconstpointer data)
{
    bool lz = x86_have_lzcnt, bmi = x86_have_bmi1;

    x86_have_lzcnt = x86_have_bmi1 = false;
    test_binop(data);
    x86_have_lzcnt = lz;
    x86_have_bmi1 = bmi;
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    test_tcg_setup();
    for (size_t i = 0; i < G_N_ELEMENTS(binops); i++) {
        char *path = g_strdup_printf("/tcg/op/%s", binops[i].name);
        g_test_add_data_func(path, &binops[i], test_binop);
        g_free(path);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(binops); i++) {
        if (binops[i].ref == R_CLZ || binops[i].ref == R_CTZ) {
            char *path = g_strdup_printf("/tcg/op/%s-bsr-bsf",
                                         binops[i].name);
            g_test_add_data_func(path, &binops[i], test_count_zeros_fallback);
            g_free(path);
        }
    }
    for (size_t i = 0; i < G_N_ELEMENTS(unops); i++) {
        char *path = g_strdup_printf("/tcg/op/%s", unops[i].name);
        g_test_add_data_func(path, &unops[i], test_unop);
        g_free(path);
    }
    g_test_add_data_func("/tcg/cond/setcond", GINT_TO_POINTER(0), test_cond);
    g_test_add_data_func("/tcg/cond/negsetcond", GINT_TO_POINTER(1), test_cond);
    g_test_add_data_func("/tcg/cond/movcond", GINT_TO_POINTER(2), test_cond);
    g_test_add_data_func("/tcg/cond/brcond", GINT_TO_POINTER(3), test_cond);
    g_test_add_data_func("/tcg/op/mulu2", GINT_TO_POINTER(0), test_double);
    g_test_add_data_func("/tcg/op/muls2", GINT_TO_POINTER(1), test_double);
    g_test_add_data_func("/tcg/op/add2", GINT_TO_POINTER(2), test_double);
    g_test_add_data_func("/tcg/op/sub2", GINT_TO_POINTER(3), test_double);
    g_test_add_func("/tcg/op/extract-sextract-deposit", test_bitfield);
    g_test_add_func("/tcg/op/i32-i64-conversions", test_conversions);
    g_test_add_func("/tcg/op/immediates", test_immediates);
    {
        int ret = g_test_run();
        printf("# %lu TB executions checked against the C model\n", tb_runs);
        return ret;
    }
}
