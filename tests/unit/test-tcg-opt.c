/*
 * What the optimizer and liveness passes do to the IR: constant folding
 * and propagation, copy propagation, algebraic identities, branch
 * folding with removal of unreachable code, forwarding of host-memory
 * stores and loads, dead-code elimination and removal of unused
 * side-effect-free helper calls.  Each test builds IR,
 * generates code, inspects the surviving ops, and runs the TB on both
 * backends to check the result is still right.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>

#include "test-tcg-common.h"

/* Number of surviving ops with opcode @opc (any type). */
static int count_ops(TCGOpcode opc)
{
    int n = 0;

    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        n += tcg_ctx->ops[i].opc == opc;
    }
    return n;
}

static int count_real_ops(void)
{
    int n = 0;

    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        TCGOpcode opc = tcg_ctx->ops[i].opc;
        n += opc != INDEX_op_nop && opc != INDEX_op_insn_start
             && opc != INDEX_op_exit_tb;
    }
    return n;
}

/* The single op writing global @g, or NULL. */
static const TCGOp *writer_of(TCGTemp *g)
{
    const TCGOp *w = NULL;

    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        const TCGOp *op = &tcg_ctx->ops[i];
        for (int k = 0; k < op->nb_oargs; k++) {
            if (arg_temp(op->args[k]) == g) {
                g_assert_null(w);
                w = op;
            }
        }
    }
    return w;
}

static bool is_movi(const TCGOp *op, uint64_t val)
{
    TCGTemp *src;

    if (!op || op->opc != INDEX_op_mov) {
        return false;
    }
    src = arg_temp(op->args[1]);
    return src->kind == TEMP_CONST && src->val == val;
}

static void test_constant_folding(void)
{
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        TCGv_i64 a = NULL, b = NULL;
        TCGv_i32 c;
        const void *code;

        use_backend(be);
        tb_begin();
        a = tcg_temp_new_i64();
        b = tcg_temp_new_i64();
        c = tcg_temp_new_i32();
        tcg_gen_movi_i64(a, 6);
        tcg_gen_muli_i64(b, a, 7);                  /* 42 */
        tcg_gen_shli_i64(b, b, 4);                  /* 672 */
        tcg_gen_subi_i64(b, b, 2);                  /* 670 */
        tcg_gen_mov_i64(g_out[0], b);
        tcg_gen_movi_i32(c, -1);
        tcg_gen_clzi_i32(c, c, 32);                 /* 0 */
        tcg_gen_ext_i32_i64(g_out[1], tcg_constant_i32(-5));
        tcg_gen_deposit_i64(g_out[2], tcg_constant_i64(0xff00),
                            tcg_constant_i64(0xab), 4, 8);
        tcg_gen_setcondi_i64(TCG_COND_LTU, g_out[3], a, 7);
        tcg_gen_extu_i32_i64(g_out[4], c);
        code = tb_finish();
        g_assert_true(is_movi(writer_of(tcgv_i64_temp(g_out[0])), 670));
        g_assert_true(is_movi(writer_of(tcgv_i64_temp(g_out[1])),
                              (uint64_t)-5));
        g_assert_true(is_movi(writer_of(tcgv_i64_temp(g_out[2])), 0xfab0));
        g_assert_true(is_movi(writer_of(tcgv_i64_temp(g_out[3])), 1));
        g_assert_true(is_movi(writer_of(tcgv_i64_temp(g_out[4])), 0));
        /* everything folded: only the five global writes remain */
        g_assert_cmpint(count_real_ops(), ==, 5);
        tb_run(code, &env);
        g_assert_cmpint(env.out[0], ==, 670);
        g_assert_cmphex(env.out[1], ==, (uint64_t)-5);
        g_assert_cmphex(env.out[2], ==, 0xfab0);
        g_assert_cmpint(env.out[3], ==, 1);
        g_assert_cmpint(env.out[4], ==, 0);
    }
}

/*
 * Every value op whose inputs are all constants folds to constant moves,
 * including the two-output ops (mulu2/muls2 behind muluh/mulsh, divu2/
 * divs2 behind div/rem, add2/sub2): no op but the global writes
 * survives, and the values match the C model below.
 */
enum { NB_FOLD_CASES = 24 };

static void gen_fold_case(int i, TCGv_i64 r, TCGv_i64 r2, uint64_t x,
                          uint64_t y, uint64_t *e, uint64_t *e2)
{
    TCGv_i64 cx = tcg_constant_i64((int64_t)x), cy = tcg_constant_i64((int64_t)y);
    TCGv_i32 wx = tcg_constant_i32((int32_t)x), wy = tcg_constant_i32((int32_t)y);
    TCGv_i32 w = tcg_temp_new_i32(), w2 = tcg_temp_new_i32();
    uint32_t ux = (uint32_t)x, uy = (uint32_t)y;

    *e2 = 0;
    switch (i) {
    case 0:
        tcg_gen_mulu2_i64(r, r2, cx, cy);
        *e = x * y;
        *e2 = (uint64_t)(((unsigned __int128)x * y) >> 64);
        break;
    case 1:
        tcg_gen_muls2_i64(r, r2, cx, cy);
        *e = x * y;
        *e2 = (uint64_t)(((__int128)(int64_t)x * (int64_t)y) >> 64);
        break;
    case 2:
        tcg_gen_add2_i64(r, r2, cx, cy, cy, cx);
        *e = x + y;
        *e2 = y + x + (x + y < x);
        break;
    case 3:
        tcg_gen_sub2_i64(r, r2, cx, cy, cy, cx);
        *e = x - y;
        *e2 = y - x - (x < y);
        break;
    case 4:
        tcg_gen_muluh_i64(r, cx, cy);
        *e = (uint64_t)(((unsigned __int128)x * y) >> 64);
        break;
    case 5:
        tcg_gen_mulsh_i64(r, cx, cy);
        *e = (uint64_t)(((__int128)(int64_t)x * (int64_t)y) >> 64);
        break;
    case 6:
        tcg_gen_divu_i64(r, cx, cy);
        *e = x / y;
        break;
    case 7:
        tcg_gen_remu_i64(r, cx, cy);
        *e = x % y;
        break;
    case 8:
        tcg_gen_div_i64(r, cx, cy);
        *e = (uint64_t)((int64_t)x / (int64_t)y);
        break;
    case 9:
        tcg_gen_rem_i64(r, cx, cy);
        *e = (uint64_t)((int64_t)x % (int64_t)y);
        break;
    case 10:
        tcg_gen_mulu2_i32(w, w2, wx, wy);
        tcg_gen_concat_i32_i64(r, w, w2);
        *e = (uint64_t)ux * uy;
        break;
    case 11:
        tcg_gen_muls2_i32(w, w2, wx, wy);
        tcg_gen_concat_i32_i64(r, w, w2);
        *e = (uint64_t)((int64_t)(int32_t)ux * (int32_t)uy);
        break;
    case 12:
        tcg_gen_div_i32(w, wx, wy);
        tcg_gen_extu_i32_i64(r, w);
        *e = (uint32_t)((int32_t)ux / (int32_t)uy);
        break;
    case 13:
        tcg_gen_remu_i32(w, wx, wy);
        tcg_gen_extu_i32_i64(r, w);
        *e = ux % uy;
        break;
    case 14:
        tcg_gen_add2_i32(w, w2, wx, wy, wy, wx);
        tcg_gen_concat_i32_i64(r, w, w2);
        *e = (uint64_t)(ux + uy)
             | (uint64_t)(uint32_t)(uy + ux + (uint32_t)(ux + uy < ux)) << 32;
        break;
    case 15:
        tcg_gen_movcond_i64(TCG_COND_LTU, r, cx, cy, cy, cx);
        *e = x < y ? y : x;
        break;
    case 16:
        tcg_gen_extract_i64(r, cx, 3, 17);
        *e = (x >> 3) & 0x1ffff;
        break;
    case 17:
        tcg_gen_sextract_i64(r, cx, 5, 40);
        *e = (uint64_t)((int64_t)(x << 19) >> 24);
        break;
    case 18:
        tcg_gen_clz_i64(r, cx, cy);
        *e = x ? (uint64_t)__builtin_clzll(x) : y;
        break;
    case 19:
        tcg_gen_ctpop_i64(r, cx);
        *e = (uint64_t)__builtin_popcountll(x);
        break;
    case 20:
        tcg_gen_negsetcond_i64(TCG_COND_GE, r, cx, cy);
        *e = (int64_t)x >= (int64_t)y ? ~0ull : 0;
        break;
    case 21:
        tcg_gen_rotr_i64(r, cx, cy);
        *e = (x >> (y & 63)) | (x << ((64 - (y & 63)) & 63));
        break;
    case 22:
        tcg_gen_extrh_i64_i32(w, cx);
        tcg_gen_ext_i32_i64(r, w);
        *e = (uint64_t)(int64_t)(int32_t)(x >> 32);
        break;
    default:
        tcg_gen_bswap32_i64(r, cx);
        *e = __builtin_bswap32((uint32_t)x);
        break;
    }
}

/* Many folded two-output ops in one TB, between ops that stay. */
static void test_fold_many_two_output(void)
{
    enum { N = 300 };

    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        TCGv_i64 acc, lo, hi;
        uint64_t want = 0;
        const void *code;

        use_backend(be);
        tb_begin();
        acc = tcg_temp_new_i64();
        lo = tcg_temp_new_i64();
        hi = tcg_temp_new_i64();
        tcg_gen_mov_i64(acc, g_in[0]);
        for (int j = 0; j < N; j++) {
            uint64_t x = 0x9e3779b97f4a7c15ull * (j + 1);
            tcg_gen_mulu2_i64(lo, hi, tcg_constant_i64((int64_t)x),
                              tcg_constant_i64(j + 3));
            tcg_gen_rotli_i64(acc, acc, 1);
            tcg_gen_xor_i64(acc, acc, lo);
            tcg_gen_add_i64(acc, acc, hi);
        }
        tcg_gen_mov_i64(g_out[0], acc);
        code = tb_finish();
        g_assert_cmpint(count_ops(INDEX_op_mulu2), ==, 0);
        env.in[0] = 0x0123456789abcdefull;
        tb_run(code, &env);
        want = env.in[0];
        for (int j = 0; j < N; j++) {
            uint64_t x = 0x9e3779b97f4a7c15ull * (j + 1);
            unsigned __int128 p = (unsigned __int128)x * (uint64_t)(j + 3);
            want = (want << 1) | (want >> 63);
            want ^= (uint64_t)p;
            want += (uint64_t)(p >> 64);
        }
        g_assert_cmphex(env.out[0], ==, want);
    }
}

static void test_fold_all_constant(void)
{
    /* divisors: nonzero, and no INT_MIN / -1 */
    static const uint64_t xs[] = { 0x123456789abcdef1ull, ~0ull - 6,
                                   0x80000000ull, 7 };
    static const uint64_t ys[] = { 0x9876543, 3, ~0ull - 1, 0x8000000000000001ull };

    for (int be = 0; be < 2; be++) {
        for (int v = 0; v < 4; v++) {
            for (int i = 0; i < NB_FOLD_CASES; i++) {
                TestEnv env = { 0 };
                uint64_t e, e2;
                const void *code;

                use_backend(be);
                tb_begin();
                gen_fold_case(i, g_out[0], g_out[1], xs[v], ys[v], &e, &e2);
                code = tb_finish();
                if (!is_movi(writer_of(tcgv_i64_temp(g_out[0])), e)
                    || count_real_ops() > 2) {
                    tcg_dump_ops(tcg_ctx, stderr);
                    g_error("case %d, values %d: not folded to %#" PRIx64,
                            i, v, e);
                }
                if (i < 4) {
                    g_assert_true(is_movi(writer_of(tcgv_i64_temp(g_out[1])),
                                          e2));
                }
                tb_run(code, &env);
                g_assert_cmphex(env.out[0], ==, e);
                if (i < 4) {
                    g_assert_cmphex(env.out[1], ==, e2);
                }
            }
        }
    }
}

/*
 * Liveness never deletes one output of a two-output op: the op stays
 * while either output is used, its unused output is marked dead (and is
 * still written: to its own slot in the interpreter, to a register the
 * x86-64 allocator releases right after), and the op goes only when both
 * outputs are unused.  Checked on mulu2/muls2/add2/sub2 with the low or
 * the high half unused, and on div/rem (divu2/divs2 with one half
 * unused), with a dozen values live around them, on both backends.
 */
static const TCGOp *first_op(TCGOpcode opc)
{
    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        if (tcg_ctx->ops[i].opc == opc) {
            return &tcg_ctx->ops[i];
        }
    }
    return NULL;
}

static void test_two_output_liveness(void)
{
    static const TCGOpcode opcs[] = {
        INDEX_op_mulu2, INDEX_op_muls2, INDEX_op_add2, INDEX_op_sub2,
        INDEX_op_divu2, INDEX_op_divs2,
    };
    enum { N = 12 };

    for (int be = 0; be < 2; be++) {
        for (int c = 0; c < 6; c++) {
            /* keep: bit 0 = low output used, bit 1 = high output used */
            for (int keep = 0; keep < 4; keep++) {
                TestEnv env = { 0 };
                TCGv_i64 lo, hi, t[N], sum;
                const TCGOp *op;
                const void *code;
                uint64_t a, b, wl, wh, want_sum = 0;

                use_backend(be);
                tb_begin();
                lo = tcg_temp_ebb_new_i64();
                hi = tcg_temp_ebb_new_i64();
                for (int i = 0; i < N; i++) {
                    t[i] = tcg_temp_new_i64();
                    tcg_gen_xori_i64(t[i], g_in[i % NB_TEST_REGS], i);
                }
                switch (c) {
                case 0: tcg_gen_mulu2_i64(lo, hi, g_in[0], g_in[1]); break;
                case 1: tcg_gen_muls2_i64(lo, hi, g_in[0], g_in[1]); break;
                case 2:
                    tcg_gen_add2_i64(lo, hi, g_in[0], g_in[1], g_in[2],
                                     g_in[3]);
                    break;
                case 3:
                    tcg_gen_sub2_i64(lo, hi, g_in[0], g_in[1], g_in[2],
                                     g_in[3]);
                    break;
                case 4:
                    /* divu2 inside: remainder or quotient unused */
                    if (keep & 1) {
                        tcg_gen_divu_i64(lo, g_in[0], g_in[2]);
                    }
                    if (keep & 2) {
                        tcg_gen_remu_i64(hi, g_in[0], g_in[2]);
                    }
                    break;
                default:
                    if (keep & 1) {
                        tcg_gen_div_i64(lo, g_in[0], g_in[2]);
                    }
                    if (keep & 2) {
                        tcg_gen_rem_i64(hi, g_in[0], g_in[2]);
                    }
                    break;
                }
                if (keep & 1) {
                    tcg_gen_mov_i64(g_out[0], lo);
                }
                if (keep & 2) {
                    tcg_gen_mov_i64(g_out[1], hi);
                }
                sum = tcg_temp_new_i64();
                tcg_gen_movi_i64(sum, 0);
                for (int i = 0; i < N; i++) {
                    tcg_gen_rotli_i64(sum, sum, 9);
                    tcg_gen_add_i64(sum, sum, t[i]);
                }
                tcg_gen_mov_i64(g_out[2], sum);
                code = tb_finish();

                op = first_op(opcs[c]);
                if (c < 4) {
                    if (keep == 0) {
                        g_assert_null(op);          /* both unused: removed */
                    } else {
                        g_assert_nonnull(op);
                        g_assert_cmpint(op->life_dead & 1, ==, !(keep & 1));
                        g_assert_cmpint((op->life_dead >> 1) & 1, ==,
                                        !(keep & 2));
                    }
                } else {
                    /* one div/rem each: the other half of each is dead */
                    g_assert_cmpint(count_ops(opcs[c]), ==,
                                    !!(keep & 1) + !!(keep & 2));
                    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
                        const TCGOp *o = &tcg_ctx->ops[i];
                        if (o->opc == opcs[c]) {
                            g_assert_cmpint(__builtin_popcount(o->life_dead & 3),
                                            ==, 1);
                        }
                    }
                }

                for (int i = 0; i < NB_TEST_REGS; i++) {
                    env.in[i] = 0x9e3779b97f4a7c15ull * (i + 3) + i;
                    env.out[i] = 0xdeadull;
                }
                a = env.in[0];
                b = env.in[1];
                switch (c) {
                case 0:
                    wl = a * b;
                    wh = (uint64_t)(((unsigned __int128)a * b) >> 64);
                    break;
                case 1:
                    wl = a * b;
                    wh = (uint64_t)(((__int128)(int64_t)a * (int64_t)b) >> 64);
                    break;
                case 2:
                    wl = a + env.in[2];
                    wh = b + env.in[3] + (wl < a);
                    break;
                case 3:
                    wl = a - env.in[2];
                    wh = b - env.in[3] - (a < env.in[2]);
                    break;
                case 4:
                    wl = a / env.in[2];
                    wh = a % env.in[2];
                    break;
                default:
                    wl = (uint64_t)((int64_t)a / (int64_t)env.in[2]);
                    wh = (uint64_t)((int64_t)a % (int64_t)env.in[2]);
                    break;
                }
                tb_run(code, &env);
                g_assert_cmphex(env.out[0], ==, keep & 1 ? wl : 0xdead);
                g_assert_cmphex(env.out[1], ==, keep & 2 ? wh : 0xdead);
                for (int i = 0; i < N; i++) {
                    want_sum = (want_sum << 9) | (want_sum >> 55);
                    want_sum += env.in[i % NB_TEST_REGS] ^ (uint64_t)i;
                }
                g_assert_cmphex(env.out[2], ==, want_sum);
            }
        }
    }
}

static void test_identities(void)
{
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        const void *code;

        use_backend(be);
        tb_begin();
        tcg_gen_addi_i64(g_out[0], g_in[0], 0);
        tcg_gen_andi_i64(g_out[1], g_in[0], -1);
        tcg_gen_muli_i64(g_out[2], g_in[0], 1);
        tcg_gen_shri_i64(g_out[3], g_in[0], 64);    /* count mod 64 = 0 */
        tcg_gen_sub_i64(g_out[4], g_in[1], g_in[1]);
        tcg_gen_xor_i64(g_out[5], g_in[1], g_in[1]);
        tcg_gen_muli_i64(g_out[6], g_in[1], 0);
        tcg_gen_ori_i32(g_out32[0], g_in32[0], -1);
        code = tb_finish();
        for (int i = 0; i < 4; i++) {
            const TCGOp *w = writer_of(tcgv_i64_temp(g_out[i]));
            g_assert_nonnull(w);
            g_assert_cmpint(w->opc, ==, INDEX_op_mov);
            g_assert_true(arg_temp(w->args[1]) == tcgv_i64_temp(g_in[0]));
        }
        g_assert_true(is_movi(writer_of(tcgv_i64_temp(g_out[4])), 0));
        g_assert_true(is_movi(writer_of(tcgv_i64_temp(g_out[5])), 0));
        g_assert_true(is_movi(writer_of(tcgv_i64_temp(g_out[6])), 0));
        g_assert_true(is_movi(writer_of(tcgv_i32_temp(g_out32[0])),
                              0xffffffff));
        env.in[0] = 0x1234;
        env.in[1] = 99;
        env.out[4] = env.out[5] = env.out[6] = 7;
        tb_run(code, &env);
        for (int i = 0; i < 4; i++) {
            g_assert_cmphex(env.out[i], ==, 0x1234);
        }
        g_assert_cmphex(env.out[4] | env.out[5] | env.out[6], ==, 0);
        g_assert_cmphex(env.out32[0], ==, 0xffffffff);
    }
}

static void test_copy_propagation(void)
{
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        TCGv_i64 t, u;
        const void *code;
        const TCGOp *w;

        use_backend(be);
        tb_begin();
        t = tcg_temp_new_i64();
        u = tcg_temp_new_i64();
        tcg_gen_mov_i64(t, g_in[0]);
        tcg_gen_mov_i64(u, t);
        tcg_gen_add_i64(g_out[0], u, g_in[1]);
        /* a write to the source invalidates the copy */
        tcg_gen_addi_i64(g_in[0], g_in[0], 1);
        tcg_gen_add_i64(g_out[1], u, g_in[1]);
        code = tb_finish();
        w = writer_of(tcgv_i64_temp(g_out[0]));
        g_assert_nonnull(w);
        g_assert_cmpint(w->opc, ==, INDEX_op_add);
        g_assert_true(arg_temp(w->args[1]) == tcgv_i64_temp(g_in[0]));
        w = writer_of(tcgv_i64_temp(g_out[1]));
        g_assert_false(arg_temp(w->args[1]) == tcgv_i64_temp(g_in[0]));
        env.in[0] = 10;
        env.in[1] = 5;
        tb_run(code, &env);
        g_assert_cmpint(env.out[0], ==, 15);
        g_assert_cmpint(env.out[1], ==, 15);
        g_assert_cmpint(env.in[0], ==, 11);
    }
}

#define SCRATCH(n) (offsetof(TestEnv, scratch) + 8 * (n))

static void test_memory_forwarding(void)
{
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        TCGv_i64 a, b, c, d, e, f;
        TCGv_ptr p;
        TCGLabel *l;
        const void *code;

        use_backend(be);
        tb_begin();
        a = tcg_temp_new_i64();
        b = tcg_temp_new_i64();
        c = tcg_temp_new_i64();
        d = tcg_temp_new_i64();
        e = tcg_temp_new_i64();
        f = tcg_temp_new_i64();
        p = tcg_temp_new_ptr();
        l = gen_new_label();
        /* st then ld of the same slot: the load becomes a move */
        tcg_gen_st_i64(g_in[0], tcg_env, SCRATCH(0));
        tcg_gen_ld_i64(a, tcg_env, SCRATCH(0));
        /* ld then ld: the second is a move */
        tcg_gen_ld_i64(b, tcg_env, SCRATCH(1));
        tcg_gen_ld_i64(c, tcg_env, SCRATCH(1));
        /* a store through another pointer (which aliases) forgets it */
        tcg_gen_addi_ptr(p, tcg_env, 8);
        tcg_gen_st_i64(g_in[1], p, SCRATCH(1) - 8);
        tcg_gen_ld_i64(d, tcg_env, SCRATCH(1));
        /* a narrow store into the slot forgets it too */
        tcg_gen_st8_i64(g_in[2], tcg_env, SCRATCH(0) + 1);
        tcg_gen_ld_i64(e, tcg_env, SCRATCH(0));
        tcg_gen_add_i64(g_out[0], a, b);
        tcg_gen_add_i64(g_out[1], c, d);
        tcg_gen_mov_i64(g_out[2], e);
        /* a label (paths merge) forgets everything */
        tcg_gen_st_i64(g_in[3], tcg_env, SCRATCH(2));
        tcg_gen_set_label(l);
        tcg_gen_ld_i64(f, tcg_env, SCRATCH(2));
        tcg_gen_mov_i64(g_out[3], f);
        code = tb_finish();
        /* loads left: scratch1 once, after the aliasing store, after the
           narrow store, after the label */
        g_assert_cmpint(count_ops(INDEX_op_ld), ==, 4);
        env.in[0] = 0x1111;
        env.in[1] = 0x2222;
        env.in[2] = 0x33;
        env.in[3] = 0x4444;
        env.scratch[1] = 7;
        tb_run(code, &env);
        g_assert_cmpint(env.out[0], ==, 0x1111 + 7);
        g_assert_cmpint(env.out[1], ==, 7 + 0x2222);
        g_assert_cmpint(env.out[2], ==, 0x3311);
        g_assert_cmpint(env.out[3], ==, 0x4444);
    }
}

/* With only scratch[4..7] reachable through other pointers, a store
   through one keeps what is known of env elsewhere, and a store to env
   elsewhere keeps what is known through the pointer. */
static void test_memory_forwarding_alias_range(void)
{
    tcg_set_env_alias_range(SCRATCH(4), SCRATCH(8));
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        TCGv_i64 a, b, c, d;
        TCGv_ptr p;
        const void *code;

        use_backend(be);
        tb_begin();
        a = tcg_temp_new_i64();
        b = tcg_temp_new_i64();
        c = tcg_temp_new_i64();
        d = tcg_temp_new_i64();
        p = tcg_temp_new_ptr();
        tcg_gen_addi_ptr(p, tcg_env, SCRATCH(4));
        tcg_gen_st_i64(g_in[0], tcg_env, SCRATCH(0));   /* outside */
        tcg_gen_ld_i64(b, p, 8);                        /* scratch[5] */
        tcg_gen_st_i64(g_in[1], p, 0);                  /* scratch[4] */
        tcg_gen_ld_i64(a, tcg_env, SCRATCH(0));         /* kept: a move */
        tcg_gen_st_i64(g_in[2], tcg_env, SCRATCH(1));   /* outside */
        tcg_gen_ld_i64(c, p, 8);                        /* kept: a move */
        tcg_gen_st_i64(g_in[3], tcg_env, SCRATCH(5));   /* inside */
        tcg_gen_ld_i64(d, p, 8);                        /* reloaded */
        tcg_gen_add_i64(g_out[0], a, b);
        tcg_gen_add_i64(g_out[1], c, d);
        code = tb_finish();
        g_assert_cmpint(count_ops(INDEX_op_ld), ==, 2);
        env.in[0] = 0x100;
        env.in[1] = 0x200;
        env.in[2] = 0x300;
        env.in[3] = 0x400;
        env.scratch[5] = 5;
        tb_run(code, &env);
        g_assert_cmpint(env.out[0], ==, 0x100 + 5);
        g_assert_cmpint(env.out[1], ==, 5 + 0x400);
        g_assert_cmpint(env.scratch[4], ==, 0x200);
    }
    tcg_set_env_alias_range(0, INTPTR_MAX);
}

static void test_branch_folding(void)
{
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        TCGv_i64 t;
        TCGLabel *l1, *l2;
        const void *code;

        use_backend(be);
        tb_begin();
        t = tcg_temp_new_i64();
        l1 = gen_new_label();
        l2 = gen_new_label();
        tcg_gen_movi_i64(t, 3);
        /* never taken: removed */
        tcg_gen_brcondi_i64(TCG_COND_GT, t, 5, l1);
        tcg_gen_movi_i64(g_out[0], 1);
        tcg_gen_set_label(l1);
        tcg_gen_movi_i64(t, 3);
        /* always taken: becomes br, the code after it up to l2 goes */
        tcg_gen_brcondi_i64(TCG_COND_LTU, t, 5, l2);
        tcg_gen_movi_i64(g_out[1], 2);
        tcg_gen_mul_i64(g_out[2], g_in[0], g_in[1]);
        tcg_gen_set_label(l2);
        tcg_gen_movi_i64(g_out[3], 4);
        code = tb_finish();
        g_assert_cmpint(count_ops(INDEX_op_brcond), ==, 0);
        g_assert_cmpint(count_ops(INDEX_op_br), ==, 1);
        g_assert_cmpint(count_ops(INDEX_op_mul), ==, 0);
        g_assert_null(writer_of(tcgv_i64_temp(g_out[1])));
        env.out[1] = env.out[2] = 77;
        tb_run(code, &env);
        g_assert_cmpint(env.out[0], ==, 1);
        g_assert_cmpint(env.out[1], ==, 77);
        g_assert_cmpint(env.out[2], ==, 77);
        g_assert_cmpint(env.out[3], ==, 4);
    }
}

static void test_branch_on_comparison(void)
{
    for (int be = 0; be < 2; be++) {
        const void *code;
        TCGv_i64 t;
        TCGLabel *l;
        const TCGOp *br = NULL;

        use_backend(be);
        tb_begin();
        t = tcg_temp_new_i64();
        l = gen_new_label();
        tcg_gen_movi_i64(g_out[0], 1);
        tcg_gen_setcond_i64(TCG_COND_LT, t, g_in[0], g_in[1]);
        tcg_gen_brcondi_i64(TCG_COND_EQ, t, 0, l);     /* !(in0 < in1) */
        tcg_gen_movi_i64(g_out[0], 2);
        tcg_gen_set_label(l);
        code = tb_finish();
        /* the branch tests in0 >= in1 directly; the setcond is gone */
        for (int i = 0; i < tcg_ctx->nb_ops; i++) {
            if (tcg_ctx->ops[i].opc == INDEX_op_brcond) {
                br = &tcg_ctx->ops[i];
            }
        }
        g_assert_nonnull(br);
        g_assert_true(arg_temp(br->args[0]) == tcgv_i64_temp(g_in[0]));
        g_assert_true(arg_temp(br->args[1]) == tcgv_i64_temp(g_in[1]));
        g_assert_cmpint(br->args[2], ==, TCG_COND_GE);
        g_assert_cmpint(count_ops(INDEX_op_setcond), ==, 0);
        for (int k = 0; k < 3; k++) {
            TestEnv env = { 0 };
            env.in[0] = (uint64_t)(k - 1);          /* -1, 0, 1 */
            env.in[1] = 0;
            tb_run(code, &env);
            g_assert_cmpint(env.out[0], ==, k == 0 ? 2 : 1);
        }
    }
}

static int pure_calls;

static uint64_t pure_helper(uint64_t x)
{
    pure_calls++;
    return x * 2;
}

static void test_dead_code(void)
{
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        TCGv_i64 t, u;
        const void *code;

        use_backend(be);
        tb_begin();
        t = tcg_temp_new_i64();
        u = tcg_temp_new_i64();
        tcg_gen_mul_i64(t, g_in[0], g_in[1]);       /* unused */
        tcg_gen_add_i64(u, g_in[0], g_in[1]);
        tcg_gen_mov_i64(g_out[0], u);
        tcg_gen_mul_i64(g_out[1], g_in[0], g_in[0]); /* overwritten below */
        tcg_gen_movi_i64(g_out[1], 9);
        tcg_gen_call(pure_helper, TCG_CALL_NO_RWG_SE, tcg_temp(t), 1,
                     tcg_temp(g_in[0]));               /* result unused */
        tcg_gen_call(pure_helper, TCG_CALL_NO_RWG_SE, tcg_temp(g_out[2]), 1,
                     tcg_temp(g_in[0]));
        code = tb_finish();
        g_assert_cmpint(count_ops(INDEX_op_mul), ==, 0);
        g_assert_cmpint(count_ops(INDEX_op_call), ==, 1);
        pure_calls = 0;
        env.in[0] = 3;
        env.in[1] = 4;
        tb_run(code, &env);
        g_assert_cmpint(pure_calls, ==, 1);
        g_assert_cmpint(env.out[0], ==, 7);
        g_assert_cmpint(env.out[1], ==, 9);
        g_assert_cmpint(env.out[2], ==, 6);
    }
}

static void test_canonical_operands(void)
{
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        const TCGOp *w;
        const void *code;

        use_backend(be);
        tb_begin();
        tcg_gen_add_i64(g_out[0], tcg_constant_i64(5), g_in[0]);
        tcg_gen_setcond_i64(TCG_COND_LT, g_out[1], tcg_constant_i64(5),
                            g_in[0]);
        code = tb_finish();
        w = writer_of(tcgv_i64_temp(g_out[0]));
        g_assert_true(arg_temp(w->args[2])->kind == TEMP_CONST);
        w = writer_of(tcgv_i64_temp(g_out[1]));
        g_assert_true(arg_temp(w->args[2])->kind == TEMP_CONST);
        g_assert_cmpint(w->args[3], ==, TCG_COND_GT);
        env.in[0] = 9;
        tb_run(code, &env);
        g_assert_cmpint(env.out[0], ==, 14);
        g_assert_cmpint(env.out[1], ==, 1);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    test_tcg_setup();
    g_test_add_func("/tcg/opt/constant-folding", test_constant_folding);
    g_test_add_func("/tcg/opt/fold-all-constant", test_fold_all_constant);
    g_test_add_func("/tcg/opt/fold-many-two-output",
                    test_fold_many_two_output);
    g_test_add_func("/tcg/opt/two-output-liveness",
                    test_two_output_liveness);
    g_test_add_func("/tcg/opt/identities", test_identities);
    g_test_add_func("/tcg/opt/copy-propagation", test_copy_propagation);
    g_test_add_func("/tcg/opt/memory-forwarding", test_memory_forwarding);
    g_test_add_func("/tcg/opt/memory-forwarding-alias-range",
                    test_memory_forwarding_alias_range);
    g_test_add_func("/tcg/opt/branch-folding", test_branch_folding);
    g_test_add_func("/tcg/opt/branch-on-comparison", test_branch_on_comparison);
    g_test_add_func("/tcg/opt/dead-code", test_dead_code);
    g_test_add_func("/tcg/opt/canonical-operands", test_canonical_operands);
    return g_test_run();
}
