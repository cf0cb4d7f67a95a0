/*
 * The scalar floating-point ops (fpu1/fpu2) and the guard op on both
 * backends: hand-computed results and MXCSR flags for the corner cases
 * (NaNs, zeros, infinities, denormals, overflow, integer indefinite,
 * inexact conversions), the f32 upper-half rules, agreement between the
 * backends on a grid of special values for every operation, flags from
 * an op whose result is unused, and the guard hook with the guest state
 * of its instruction.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <setjmp.h>
#include <x86intrin.h>

#include "test-tcg-common.h"

#define IE 0x01
#define DE 0x02
#define ZE 0x04
#define OE 0x08
#define UE 0x10
#define PE 0x20

static const void *gen_op(TCGFpOp op, bool use_result)
{
    tb_begin();
    if (tcg_fp_nb_inputs(op) == 2) {
        TCGv_i64 t = use_result ? g_out[0] : tcg_temp_new_i64();
        tcg_gen_fpu2_i64(op, t, g_in[0], g_in[1]);
    } else {
        TCGv_i64 t = use_result ? g_out[0] : tcg_temp_new_i64();
        tcg_gen_fpu1_i64(op, t, g_in[0]);
    }
    return tb_finish();
}

/* Run op(a, b) on the current backend: result and flags raised. */
static uint64_t run_op(TCGFpOp op, uint64_t a, uint64_t b, unsigned *flags,
                       bool use_result)
{
    const void *code = gen_op(op, use_result);
    TestEnv env = { 0 };

    env.in[0] = a;
    env.in[1] = b;
    env.out[0] = 0x5555555555555555ull;
    _mm_setcsr(0x1f80);
    tb_run(code, &env);
    *flags = _mm_getcsr() & 0x3f;
    _mm_setcsr(0x1f80);
    return env.out[0];
}

static const struct {
    TCGFpOp op;
    uint64_t a, b, r;
    unsigned flags;
} cases[] = {
    /* arithmetic; f32 inputs ignore the upper half, results zero it */
    { TCG_FP_ADDD, 0x3ff0000000000000, 0x4000000000000000,
      0x4008000000000000, 0 },
    { TCG_FP_ADDS, 0xdead00003f800000, 0xbeef000040000000, 0x40400000, 0 },
    { TCG_FP_SUBD, 0x3ff0000000000000, 0x3ff0000000000000, 0, 0 },
    { TCG_FP_MULS, 0x7f7fffff, 0x40000000, 0x7f800000, OE | PE },
    { TCG_FP_DIVD, 0x3ff0000000000000, 0, 0x7ff0000000000000, ZE },
    { TCG_FP_DIVD, 0, 0, 0xfff8000000000000, IE },
    { TCG_FP_DIVS, 0x3f800000, 0x40400000, 0x3eaaaaab, PE },
    { TCG_FP_MULD, 0x0010000000000000, 0x3fe0000000000000,
      0x0008000000000000, 0 },
    { TCG_FP_MULD, 0x0010000000000001, 0x3fe0000000000000,
      0x0008000000000000, UE | PE },
    { TCG_FP_ADDD, 0x0000000000000001, 0, 0x0000000000000001, DE },
    /* the first NaN operand, quieted; sNaN raises IE */
    { TCG_FP_ADDD, 0x7ff0000000000001, 0x7ff8000000000002,
      0x7ff8000000000001, IE },
    { TCG_FP_ADDS, 0x3f800000, 0x7fc00001, 0x7fc00001, 0 },
    /* min/max: the second operand on a NaN or two zeros */
    { TCG_FP_MIND, 0x7ff8000000000000, 0x3ff0000000000000,
      0x3ff0000000000000, IE },
    { TCG_FP_MAXS, 0x80000000, 0x00000000, 0x00000000, 0 },
    { TCG_FP_MINS, 0x00000000, 0x80000000, 0x80000000, 0 },
    { TCG_FP_MAXD, 0x3ff0000000000000, 0xbff0000000000000,
      0x3ff0000000000000, 0 },
    /* compares: 1/0; lt raises IE on a quiet NaN, eq does not */
    { TCG_FP_CMPD + 1, 0x3ff0000000000000, 0x4000000000000000, 1, 0 },
    { TCG_FP_CMPD + 1, 0x7ff8000000000000, 0x4000000000000000, 0, IE },
    { TCG_FP_CMPD + 0, 0x7ff8000000000000, 0x4000000000000000, 0, 0 },
    { TCG_FP_CMPD + 3, 0x7ff8000000000000, 0x4000000000000000, 1, 0 },
    { TCG_FP_CMPS + 4, 0x3f800000, 0x3f800000, 0, 0 },
    { TCG_FP_CMPS + 6, 0x40000000, 0x3f800000, 1, 0 },
    { TCG_FP_CMPS + 7, 0x7f800001, 0x3f800000, 0, IE },
    /* flag compares: ZF 0x40, CF 0x01, unordered 0x45 */
    { TCG_FP_UCOMID, 0x3ff0000000000000, 0x3ff0000000000000, 0x40, 0 },
    { TCG_FP_UCOMID, 0x3ff0000000000000, 0x4000000000000000, 0x01, 0 },
    { TCG_FP_UCOMID, 0x4000000000000000, 0x3ff0000000000000, 0, 0 },
    { TCG_FP_UCOMID, 0x7ff8000000000000, 0x3ff0000000000000, 0x45, 0 },
    { TCG_FP_COMID, 0x7ff8000000000000, 0x3ff0000000000000, 0x45, IE },
    { TCG_FP_UCOMIS, 0x7f800001, 0x3f800000, 0x45, IE },
    { TCG_FP_COMIS, 0x3f800000, 0x00000001, 0, DE },
    /* square root */
    { TCG_FP_SQRTD, 0x4010000000000000, 0, 0x4000000000000000, 0 },
    { TCG_FP_SQRTD, 0xbff0000000000000, 0, 0xfff8000000000000, IE },
    { TCG_FP_SQRTS, 0x40000000, 0, 0x3fb504f3, PE },
    { TCG_FP_SQRTD, 0x8000000000000000, 0, 0x8000000000000000, 0 },
    /* FP <-> FP */
    { TCG_FP_STOD, 0x3f800000, 0, 0x3ff0000000000000, 0 },
    { TCG_FP_STOD, 0x7f800001, 0, 0x7ff8000020000000, IE },
    { TCG_FP_DTOS, 0x3ff0000000000001, 0, 0x3f800000, PE },
    { TCG_FP_DTOS, 0x47f0000000000000, 0, 0x7f800000, OE | PE },
    /* integer -> FP: only the low 32 bits of a 32-bit source */
    { TCG_FP_I32TOD, 0xffffffff00000003, 0, 0x4008000000000000, 0 },
    { TCG_FP_I32TOD, 0xffffffff, 0, 0xbff0000000000000, 0 },
    { TCG_FP_I32TOS, 16777217, 0, 0x4b800000, PE },
    { TCG_FP_I64TOS, 0x8000000000000000, 0, 0xdf000000, 0 },
    { TCG_FP_I64TOD, 0x7fffffffffffffff, 0, 0x43e0000000000000, PE },
    /* FP -> integer: indefinite with IE; 32-bit results zero-extended */
    { TCG_FP_DTOI32, 0xbff8000000000000, 0, 0xfffffffe, PE },
    { TCG_FP_DTOI32T, 0xbff8000000000000, 0, 0xffffffff, PE },
    { TCG_FP_DTOI32, 0x41e0000000000000, 0, 0x80000000, IE },
    { TCG_FP_DTOI64T, 0x7ff8000000000000, 0, 0x8000000000000000, IE },
    { TCG_FP_DTOI64, 0x4004000000000000, 0, 2, PE },
    { TCG_FP_STOI32T, 0x3fc00000, 0, 1, PE },
    { TCG_FP_STOI32, 0x40200000, 0, 2, PE },
    { TCG_FP_STOI64, 0x5f000000, 0, 0x8000000000000000, IE },
    { TCG_FP_STOI64T, 0xdf000000, 0, 0x8000000000000000, 0 },
};

static void test_cases(void)
{
    for (int be = 0; be < 2; be++) {
        use_backend(be);
        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
            unsigned fl;
            uint64_t r = run_op(cases[i].op, cases[i].a, cases[i].b, &fl,
                                true);

            if (r != cases[i].r || fl != cases[i].flags) {
                g_test_message("%s case %zu (op %d): %#" PRIx64 " flags %#x",
                               test_backends[be], i, cases[i].op, r, fl);
            }
            g_assert_cmphex(r, ==, cases[i].r);
            g_assert_cmphex(fl, ==, cases[i].flags);
        }
    }
}

/* Every op on a grid of special values: both backends agree. */
static void test_backends_agree(void)
{
    static const uint64_t vals[] = {
        0, 0x8000000000000000, 0x3ff0000000000000, 0xc000000000000000,
        0x0000000000000001, 0x7fefffffffffffff, 0x7ff0000000000000,
        0x7ff8000000000000, 0x7ff0000000000001, 0x3f800000, 0xbf800000,
        0x00000001, 0x7f7fffff, 0x7f800000, 0x7fc00000, 0x7f800001,
        0x4f000000, 0x41e0000000000000, 0x43e0000000000000, 12345,
        0xffffffff80000000, 0x3f0000003f000000,
    };
    int n = G_N_ELEMENTS(vals);

    for (int op = 0; op < TCG_FP_COUNT; op++) {
        int nb = tcg_fp_nb_inputs((TCGFpOp)op) == 2 ? n : 1;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < nb; j++) {
                unsigned f0, f1;
                uint64_t r0, r1;

                use_backend(0);
                r0 = run_op((TCGFpOp)op, vals[i], vals[j], &f0, true);
                use_backend(1);
                r1 = run_op((TCGFpOp)op, vals[i], vals[j], &f1, true);
                if (r0 != r1 || f0 != f1) {
                    g_test_message("op %d (%#" PRIx64 ", %#" PRIx64 "): "
                                   "native %#" PRIx64 "/%#x interp %#" PRIx64
                                   "/%#x", op, vals[i], vals[j], r0, f0, r1,
                                   f1);
                }
                g_assert_cmphex(r0, ==, r1);
                g_assert_cmphex(f0, ==, f1);
            }
        }
    }
}

/* An op whose result nobody reads still raises its flags. */
static void test_dead_result(void)
{
    for (int be = 0; be < 2; be++) {
        unsigned fl;

        use_backend(be);
        run_op(TCG_FP_DIVD, 0x3ff0000000000000, 0, &fl, false);
        g_assert_cmphex(fl, ==, ZE);
        run_op(TCG_FP_CMPS + 1, 0x7fc00000, 0, &fl, false);
        g_assert_cmphex(fl, ==, IE);
    }
}

/* The guard: falls through while the field matches, else the hook gets
   a host pc that names the guard's guest instruction, with globals in
   memory. */
static sigjmp_buf guard_jmp;
static uint64_t guard_data[2];
static bool guard_found;

static void guard_hook(void *env, uintptr_t pc)
{
    TranslationBlock *tb = tcg_tb_lookup(pc);

    guard_found = tb && tcg_restore_state_from_host_pc(tb, pc, guard_data, 2);
    siglongjmp(guard_jmp, 1);
}

static void test_guard(void)
{
    tcg_guard_hook = guard_hook;
    for (int be = 0; be < 2; be++) {
        TranslationBlock tb;
        TestEnv env = { 0 };
        const void *code;
        volatile int r;

        use_backend(be);
        tcg_code_buffer_reset();
        tcg_func_start(tcg_ctx);
        tcg_gen_insn_start2(0x100, 1);
        tcg_gen_addi_i64(g_out[0], g_in[0], 1);
        tcg_gen_insn_start2(0x108, 2);
        tcg_gen_guard_env32(offsetof(TestEnv, in32[0]), 0xff00, 0x1f00);
        tcg_gen_addi_i64(g_out[1], g_in[0], 2);
        code = tb_finish_into(&tb);
        tcg_tb_insert(&tb);

        env.in[0] = 10;
        env.in32[0] = 0x1f3f;           /* masked bits differ: passes */
        tb_run(code, &env);
        g_assert_cmphex(env.out[0], ==, 11);
        g_assert_cmphex(env.out[1], ==, 12);

        memset(&env, 0, sizeof(env));
        env.in[0] = 20;
        env.in32[0] = 0x1e00;
        guard_found = false;
        r = sigsetjmp(guard_jmp, 1);
        if (r == 0) {
            tcg_qemu_tb_exec(&env, code);
            g_assert_not_reached();
        }
        g_assert_true(guard_found);
        g_assert_cmphex(guard_data[0], ==, 0x108);
        g_assert_cmphex(guard_data[1], ==, 2);
        g_assert_cmphex(env.out[0], ==, 21);    /* written back */
        g_assert_cmphex(env.out[1], ==, 0);     /* not reached */
        tcg_tb_remove(&tb);
    }
    tcg_guard_hook = NULL;
}

/*
 * Chains of fpu ops whose inputs are earlier results: the native backend
 * keeps results in xmm0/xmm1 and uses them from there, so mix f32 and
 * f64 producers and consumers (an f32 result's xmm holds only 32 exact
 * bits), in-place results, one temp as both operands, compares (which
 * leave a mask in the register), integer conversions, moves, labels and
 * helper calls (which clobber xmm) between them, against the
 * interpreter: every result and the flags.
 */
static uint64_t chain_helper(uint64_t x)
{
    /* touch xmm0/xmm1 as any C code may */
    volatile double d = (double)x * 0.5;
    return x ^ (uint64_t)(d > 1e300);
}

static void gen_chain(uint64_t seed, int len)
{
    /* more values than the native backend's 8 scratch xmm registers */
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
        TCGFpOp op;

        r = r * 6364136223846793005ULL + 1442695040888963407ULL;
        d = pool[(r >> 33) % 12];
        a = pool[(r >> 40) % 12];
        b = pool[(r >> 47) % 12];
        switch ((r >> 54) % 16) {
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
            tcg_gen_call((void *)chain_helper, TCG_CALL_NO_RWG, tcg_temp(d),
                         1, tcg_temp(a));
            continue;
        default:
            break;
        }
        op = (TCGFpOp)((r >> 8) % TCG_FP_COUNT);
        if (tcg_fp_nb_inputs(op) == 2) {
            tcg_gen_fpu2_i64(op, d, a, (r >> 20) & 1 ? a : b);
        } else {
            tcg_gen_fpu1_i64(op, d, a);
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
    static const uint64_t vals[] = {
        0x3ff0000000000000, 0x400921fb54442d18, 0xbfe0000000000000,
        0x3f800000, 0x40490fdb, 0xc2c80000, 0x7ff8000000000000, 0x7fc00000,
        0x0000000000000001, 0x00000001, 0x41dfffffffc00000, 12345,
        0xdeadbeef3f800000, 0x3fe0000040000000,
    };
    int bad = 0;

    for (uint64_t seed = 1; seed <= 300; seed++) {
        TestEnv env[2];
        unsigned fl[2];

        for (int be = 0; be < 2; be++) {
            const void *code;

            use_backend(be);
            tb_begin();
            gen_chain(seed, 4 + seed % 40);
            code = tb_finish();
            memset(&env[be], 0, sizeof(env[be]));
            for (int i = 0; i < 8; i++) {
                env[be].in[i] = vals[(seed * 7 + i * 3) % G_N_ELEMENTS(vals)];
            }
            _mm_setcsr(0x1f80);
            tb_run(code, &env[be]);
            fl[be] = _mm_getcsr() & 0x3f;
            _mm_setcsr(0x1f80);
        }
        if (memcmp(env[0].out, env[1].out, sizeof(env[0].out)) ||
            fl[0] != fl[1]) {
            if (bad++ < 5) {
                g_test_message("chain seed %" PRIu64 ": native and interp "
                               "differ (flags %#x/%#x)", seed, fl[0], fl[1]);
                for (int i = 0; i < 8; i++) {
                    g_test_message("  out%d %#" PRIx64 " %#" PRIx64, i,
                                   env[0].out[i], env[1].out[i]);
                }
            }
        }
    }
    g_assert_cmpint(bad, ==, 0);
}

/*
 * FP values that come from and go to host memory: the native backend
 * loads them straight into xmm (movq/movd xmm, m) and stores fpu results
 * straight from xmm when fpu ops and stores are their only readers.
 */
#define SCRATCH(k) (offsetof(TestEnv, scratch) + (k) * 8)

/* Does the code move a 64-bit value between a general and an xmm
   register (66 REX.W 0F 6E/7E)? */
static bool code_has_gpr_xmm_move(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 3 < n; i++) {
        if (p[i] == 0x66 && (p[i + 1] & 0xf8) == 0x48 && p[i + 2] == 0x0f
            && (p[i + 3] == 0x6e || p[i + 3] == 0x7e)) {
            return true;
        }
    }
    return false;
}

static void test_env_direct(void)
{
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        TCGv_i64 a, b, c, d, e;
        const void *code;
        union { double d; uint64_t u; } x = { 1.5 }, y = { -0.25 }, r;
        union { float f; uint32_t u; } fx = { 3.0f }, fr;

        use_backend(be);
        tb_begin();
        a = tcg_temp_ebb_new_i64();
        b = tcg_temp_ebb_new_i64();
        c = tcg_temp_ebb_new_i64();
        d = tcg_temp_ebb_new_i64();
        e = tcg_temp_ebb_new_i64();
        tcg_gen_ld_i64(a, tcg_env, SCRATCH(0));
        tcg_gen_ld_i64(b, tcg_env, SCRATCH(1));
        tcg_gen_ld32u_i64(e, tcg_env, SCRATCH(4));
        tcg_gen_fpu2_i64(TCG_FP_ADDD, c, a, b);
        tcg_gen_fpu2_i64(TCG_FP_MULD, d, c, a);
        tcg_gen_st_i64(d, tcg_env, SCRATCH(2));
        tcg_gen_st_i64(c, tcg_env, SCRATCH(3));
        tcg_gen_fpu2_i64(TCG_FP_MULS, e, e, e);
        tcg_gen_st32_i64(e, tcg_env, SCRATCH(5));
        code = tb_finish();
        if (be == 0) {
            g_assert_false(code_has_gpr_xmm_move(code, test_tb.tc.size));
        }
        env.scratch[0] = x.u;
        env.scratch[1] = y.u;
        env.scratch[4] = 0xdeadbeef00000000ull | fx.u;
        env.scratch[5] = 0x1234567800000000ull;
        _mm_setcsr(0x1f80);
        tb_run(code, &env);
        r.d = (1.5 - 0.25) * 1.5;
        g_assert_cmphex(env.scratch[2], ==, r.u);
        r.d = 1.25;
        g_assert_cmphex(env.scratch[3], ==, r.u);
        fr.f = 9.0f;
        g_assert_cmphex(env.scratch[5], ==, 0x1234567800000000ull | fr.u);
    }
}

/* A TB abandoned for a full code buffer while FP values lived in xmm
   only must not leave them behind for the next TB. */
static void test_abandoned_tb(void)
{
    for (int be = 0; be < 2; be++) {
        TranslationBlock tb;
        TestEnv env = { 0 };
        union { double d; uint64_t u; } x = { 2.0 }, r;

        use_backend(be);
        tcg_code_buffer_reset();
        tcg_ctx->code_used = tcg_ctx->code_size - 8192;  /* 4 KiB usable */
        tcg_func_start(tcg_ctx);
        tcg_gen_insn_start2(0, 0);
        TCGv_i64 a = tcg_temp_ebb_new_i64(), b = tcg_temp_ebb_new_i64();
        TCGv_i64 c = tcg_temp_ebb_new_i64();

        for (int i = 0; i < 1000; i++) {
            tcg_gen_ld_i64(a, tcg_env, SCRATCH(i % 4));
            tcg_gen_ld_i64(b, tcg_env, SCRATCH(4 + i % 3));
            tcg_gen_fpu2_i64(TCG_FP_ADDD, c, a, b);
            tcg_gen_st_i64(c, tcg_env, SCRATCH(i % 4));
        }
        tcg_gen_exit_tb(NULL, 0);
        g_assert_cmpint(tcg_gen_code(tcg_ctx, &tb), ==, -1);

        tb_begin();
        {
            TCGv_i64 a = tcg_temp_ebb_new_i64(), c = tcg_temp_ebb_new_i64();

            tcg_gen_ld_i64(a, tcg_env, SCRATCH(0));
            tcg_gen_fpu2_i64(TCG_FP_MULD, c, a, a);
            tcg_gen_st_i64(c, tcg_env, SCRATCH(1));
        }
        env.scratch[0] = x.u;
        tb_run(tb_finish(), &env);
        r.d = 4.0;
        g_assert_cmphex(env.scratch[1], ==, r.u);
    }
}

/*
 * Random programs of host loads, fpu ops and host stores (through env
 * and through another base pointer), f32 and f64 mixed, with integer
 * uses, moves, labels, calls, guards and instruction starts between
 * them and more live values than xmm registers, against the
 * interpreter: the memory, the outputs and the flags.
 */
static void gen_mem_chain(uint64_t seed, int len)
{
    TCGv_i64 v[10];
    TCGv_ptr p = tcg_temp_new_ptr();
    uint64_t r = seed;

    tcg_gen_addi_ptr(p, tcg_env, offsetof(TestEnv, scratch));
    for (int i = 0; i < 10; i++) {
        v[i] = tcg_temp_new_i64();
        tcg_gen_ld_i64(v[i], tcg_env, SCRATCH(i % 8));
    }
    for (int n = 0; n < len; n++) {
        TCGv_i64 d, a, b;
        TCGv_ptr base;
        intptr_t ofs;
        TCGFpOp op;

        r = r * 6364136223846793005ULL + 1442695040888963407ULL;
        d = v[(r >> 33) % 10];
        a = v[(r >> 37) % 10];
        b = v[(r >> 41) % 10];
        base = (r >> 45) & 1 ? p : tcg_env;
        ofs = (base == p ? 0 : offsetof(TestEnv, scratch)) + ((r >> 46) % 8) * 8;
        switch ((r >> 54) % 24) {
        case 0: case 1: case 2:
            tcg_gen_ld_i64(d, base, ofs);
            continue;
        case 3:
            tcg_gen_ld32u_i64(d, base, ofs);
            continue;
        case 4: case 5: case 6:
            tcg_gen_st_i64(a, base, ofs);
            continue;
        case 7:
            tcg_gen_st32_i64(a, base, ofs);
            continue;
        case 8:
            tcg_gen_xori_i64(d, a, 1);
            continue;
        case 9:
            tcg_gen_mov_i64(d, a);
            continue;
        case 10: {
            TCGLabel *l = gen_new_label();
            tcg_gen_brcondi_i64(TCG_COND_EQ, a, 0, l);
            tcg_gen_xori_i64(d, d, 2);
            tcg_gen_set_label(l);
            continue;
        }
        case 11:
            tcg_gen_call((void *)chain_helper, TCG_CALL_NO_RWG, tcg_temp(d),
                         1, tcg_temp(a));
            continue;
        case 12:
            tcg_gen_insn_start2(0x1000 + n * 8, n);
            tcg_gen_guard_env32(offsetof(TestEnv, scratch[7]), 0, 0);
            continue;
        case 13: case 14: {
            /* guest memory: gmem[], 64 or 32 bits, sometimes byte-swapped
               or alignment-checked (those keep the general registers) */
            static const MemOp mops[] = {
                MO_LEUQ, MO_LEUQ, MO_LEUL, MO_BEUQ, MO_LEUQ | MO_ALIGN,
            };
            MemOp mop = mops[(r >> 49) % G_N_ELEMENTS(mops)];
            TCGv_i64 addr = tcg_constant_i64(((r >> 46) % 8) * 8);

            if ((r >> 54) % 24 == 13) {
                tcg_gen_qemu_ld_i64(d, addr, mop);
            } else {
                tcg_gen_qemu_st_i64(a, addr, mop);
            }
            continue;
        }
        default:
            break;
        }
        op = (TCGFpOp)((r >> 8) % TCG_FP_COUNT);
        if (tcg_fp_nb_inputs(op) == 2) {
            tcg_gen_fpu2_i64(op, d, a, (r >> 20) & 1 ? a : b);
        } else {
            tcg_gen_fpu1_i64(op, d, a);
        }
    }
    for (int i = 0; i < 8; i++) {
        tcg_gen_mov_i64(g_out[i], v[i]);
    }
    tcg_gen_xor_i64(g_out[0], g_out[0], v[8]);
    tcg_gen_xor_i64(g_out[1], g_out[1], v[9]);
}

static void test_mem_chains(void)
{
    static const uint64_t vals[] = {
        0x3ff0000000000000, 0x400921fb54442d18, 0xbfe0000000000000,
        0xdeadbeef3f800000, 0x40490fdbc2c80000, 0x7ff8000000000000,
        0x0000000000000001, 0x41dfffffffc00000, 0x3fe0000040000000,
        0xc024000000000000,
    };
    int bad = 0;

    static uint64_t gmem[8];
    uintptr_t old_base = guest_base;

    tcg_guard_hook = guard_hook;        /* never called: the guard holds */
    guest_base = (uintptr_t)gmem;
    for (uint64_t seed = 1; seed <= 400; seed++) {
        TestEnv env[2];
        uint64_t mem[2][8];
        unsigned fl[2];

        for (int be = 0; be < 2; be++) {
            const void *code;

            use_backend(be);
            tb_begin();
            gen_mem_chain(seed, 8 + seed % 60);
            code = tb_finish();
            memset(&env[be], 0, sizeof(env[be]));
            for (int i = 0; i < 8; i++) {
                uint64_t v = vals[(seed * 5 + i * 3) % G_N_ELEMENTS(vals)];
                if (i < 7) {
                    env[be].scratch[i] = v;
                }
                gmem[i] = v ^ (i & 1 ? 0x8000000000000000ull : 0);
            }
            _mm_setcsr(0x1f80);
            tb_run(code, &env[be]);
            fl[be] = _mm_getcsr() & 0x3f;
            _mm_setcsr(0x1f80);
            memcpy(mem[be], gmem, sizeof(gmem));
        }
        if (memcmp(env[0].out, env[1].out, sizeof(env[0].out))
            || memcmp(env[0].scratch, env[1].scratch, sizeof(env[0].scratch))
            || memcmp(mem[0], mem[1], sizeof(mem[0])) || fl[0] != fl[1]) {
            if (bad++ < 5) {
                g_test_message("memory chain seed %" PRIu64 ": native and "
                               "interp differ (flags %#x/%#x)", seed, fl[0],
                               fl[1]);
                for (int i = 0; i < 8; i++) {
                    g_test_message("  out%d %#" PRIx64 " %#" PRIx64
                                   "  scratch%d %#" PRIx64 " %#" PRIx64, i,
                                   env[0].out[i], env[1].out[i], i,
                                   env[0].scratch[i], env[1].scratch[i]);
                }
            }
        }
    }
    tcg_guard_hook = NULL;
    guest_base = old_base;
    g_assert_cmpint(bad, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    test_tcg_setup();
    g_test_add_func("/tcg/fp/cases", test_cases);
    g_test_add_func("/tcg/fp/backends-agree", test_backends_agree);
    g_test_add_func("/tcg/fp/dead-result", test_dead_result);
    g_test_add_func("/tcg/fp/guard", test_guard);
    g_test_add_func("/tcg/fp/chains", test_chains);
    g_test_add_func("/tcg/fp/env-direct", test_env_direct);
    g_test_add_func("/tcg/fp/mem-chains", test_mem_chains);
    g_test_add_func("/tcg/fp/abandoned-tb", test_abandoned_tb);
    return g_test_run();
}
