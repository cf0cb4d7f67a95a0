/*
 * The call_cold op on both backends: the function runs exactly when the
 * condition is nonzero (a register or a constant), with env, the argument
 * and both constants; values live in host registers across the op survive
 * a function that overwrites every caller-saved register; and a function
 * that leaves by longjmp (a guest fault) finds the globals written back.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <setjmp.h>

#include "test-tcg-common.h"

#define NB_LIVE 12

static unsigned cold_calls;
static void *cold_env;
static uint64_t cold_args[3];

static void cold_record(void *env, uint64_t arg, uint64_t c1, uint64_t c2)
{
    cold_calls++;
    cold_env = env;
    cold_args[0] = arg;
    cold_args[1] = c1;
    cold_args[2] = c2;
#ifdef __x86_64__
    /* what any C function may do to the registers it need not keep */
    __asm__ volatile("mov $-1, %%rax\n\tmov $-1, %%rcx\n\tmov $-1, %%rdx\n\t"
                     "mov $-1, %%rsi\n\tmov $-1, %%rdi\n\tmov $-1, %%r8\n\t"
                     "mov $-1, %%r9\n\tmov $-1, %%r10\n\tmov $-1, %%r11\n\t"
                     "pcmpeqb %%xmm0, %%xmm0\n\tpcmpeqb %%xmm1, %%xmm1"
                     ::: "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10",
                     "r11", "xmm0", "xmm1", "memory");
#endif
}

/*
 * out[i] = f(in) for values computed before the op and used after it, so
 * the allocator keeps them in registers across it (more than the
 * callee-saved ones); cond and arg are in[1] and in[2] or constants.
 */
static const void *gen_live_across(bool const_cond, uint64_t cond)
{
    TCGv_i64 live[NB_LIVE];

    tb_begin();
    for (int i = 0; i < NB_LIVE; i++) {
        live[i] = tcg_temp_new_i64();
        tcg_gen_muli_i64(live[i], g_in[i % 4], 3 + 2 * i);
    }
    tcg_gen_addi_i64(g_out[7], g_in[0], 1);
    tcg_gen_call_cold_i64(const_cond ? tcg_constant_i64(cond) : g_in[1],
                          g_in[2], cold_record, 7, 0x0123456789abcdefULL);
    for (int i = 0; i < NB_LIVE; i++) {
        tcg_gen_xor_i64(g_out[i % 7], g_out[i % 7], live[i]);
    }
    return tb_finish();
}

static void check_live(const TestEnv *env)
{
    uint64_t want[NB_TEST_REGS] = { 0 };

    for (int i = 0; i < NB_LIVE; i++) {
        want[i % 7] ^= env->in[i % 4] * (3 + 2 * i);
    }
    want[7] = env->in[0] + 1;
    for (int i = 0; i < NB_TEST_REGS; i++) {
        g_assert_cmphex(env->out[i], ==, want[i]);
    }
}

static void test_call(void)
{
    static const uint64_t conds[] = { 0, 1, 1ULL << 63, 0x1000 };

    for (int be = 0; be < 2; be++) {
        use_backend(be);
        for (unsigned k = 0; k < G_N_ELEMENTS(conds); k++) {
            const void *code = gen_live_across(false, 0);
            TestEnv env = { .in = { 0x1111, conds[k], 0xdead0000beef,
                                    0x7fffffffffffffffULL } };

            cold_calls = 0;
            tb_run(code, &env);
            check_live(&env);
            g_assert_cmpuint(cold_calls, ==, conds[k] != 0);
            if (conds[k]) {
                g_assert_true(cold_env == &env);
                g_assert_cmphex(cold_args[0], ==, 0xdead0000beef);
                g_assert_cmphex(cold_args[1], ==, 7);
                g_assert_cmphex(cold_args[2], ==, 0x0123456789abcdefULL);
            }
        }
    }
}

static void test_const_cond(void)
{
    for (int be = 0; be < 2; be++) {
        use_backend(be);
        for (uint64_t cond = 0; cond < 2; cond++) {
            const void *code = gen_live_across(true, cond);
            TestEnv env = { .in = { 5, 0, 0x42, 9 } };

            cold_calls = 0;
            tb_run(code, &env);
            check_live(&env);
            g_assert_cmpuint(cold_calls, ==, cond);
            if (cond) {
                g_assert_cmphex(cold_args[0], ==, 0x42);
            }
        }
    }
}

static sigjmp_buf fault_jmp;
static uint64_t fault_seen_out7;

static void cold_fault(void *env, uint64_t arg, uint64_t c1, uint64_t c2)
{
    fault_seen_out7 = ((TestEnv *)env)->out[7];
    siglongjmp(fault_jmp, 1);
}

/* A function that does not return: the globals are in env at the call,
   and nothing after the op runs. */
static void test_fault(void)
{
    for (int be = 0; be < 2; be++) {
        TestEnv env = { .in = { 41, 1, 0 } };
        const void *code;
        volatile int r;

        use_backend(be);
        tb_begin();
        tcg_gen_addi_i64(g_out[7], g_in[0], 1);
        tcg_gen_call_cold_i64(g_in[1], g_in[2], cold_fault, 0, 0);
        tcg_gen_movi_i64(g_out[6], 99);
        code = tb_finish();
        fault_seen_out7 = 0;
        r = sigsetjmp(fault_jmp, 1);
        if (r == 0) {
            tcg_qemu_tb_exec(&env, code);
            g_assert_not_reached();
        }
        g_assert_cmphex(fault_seen_out7, ==, 42);
        g_assert_cmphex(env.out[6], ==, 0);

        env.in[1] = 0;                  /* not taken: runs to the end */
        tb_run(code, &env);
        g_assert_cmphex(env.out[6], ==, 99);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    test_tcg_setup();
    g_test_add_func("/tcg/cold/call", test_call);
    g_test_add_func("/tcg/cold/const-cond", test_const_cond);
    g_test_add_func("/tcg/cold/fault", test_fault);
    return g_test_run();
}
