/*
 * Shared harness for the TCG unit tests: a test CPU state with i64 and
 * i32 globals, and helpers to build one TB, generate it with a chosen
 * backend and run it.  Every test runs on both backends.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TEST_TCG_COMMON_H
#define TEST_TCG_COMMON_H

#include <glib.h>
#include <stddef.h>
#include <string.h>

#include "tcg/tcg-op.h"

#define NB_TEST_REGS 8

typedef struct TestEnv {
    uint64_t in[NB_TEST_REGS];
    uint64_t out[NB_TEST_REGS];
    uint32_t in32[NB_TEST_REGS];
    uint32_t out32[NB_TEST_REGS];
    uint64_t scratch[8];
} TestEnv;

static TCGv_i64 g_in[NB_TEST_REGS], g_out[NB_TEST_REGS];
static TCGv_i32 g_in32[NB_TEST_REGS], g_out32[NB_TEST_REGS];
static TranslationBlock test_tb;
static const char *const test_backends[2] = { "native", "interp" };

static G_GNUC_UNUSED void test_tcg_setup(void)
{
    static const char *const in_names[NB_TEST_REGS] = {
        "in0", "in1", "in2", "in3", "in4", "in5", "in6", "in7" };
    static const char *const out_names[NB_TEST_REGS] = {
        "out0", "out1", "out2", "out3", "out4", "out5", "out6", "out7" };
    static const char *const in32_names[NB_TEST_REGS] = {
        "w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7" };
    static const char *const out32_names[NB_TEST_REGS] = {
        "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7" };

    tcg_init(16 << 20, 2, &error_abort);
    for (int i = 0; i < NB_TEST_REGS; i++) {
        g_in[i] = tcg_global_mem_new_i64(tcg_env, offsetof(TestEnv, in[i]),
                                         in_names[i]);
        g_out[i] = tcg_global_mem_new_i64(tcg_env, offsetof(TestEnv, out[i]),
                                          out_names[i]);
        g_in32[i] = tcg_global_mem_new_i32(
            tcg_env, offsetof(TestEnv, in32[i]), in32_names[i]);
        g_out32[i] = tcg_global_mem_new_i32(
            tcg_env, offsetof(TestEnv, out32[i]), out32_names[i]);
    }
}

static G_GNUC_UNUSED void use_backend(int b)
{
    tcg_backend_select(test_backends[b], &error_abort);
}

/* Start a TB (the code buffer is recycled: tests keep no old TBs). */
static G_GNUC_UNUSED void tb_begin(void)
{
    tcg_code_buffer_reset();
    tcg_func_start(tcg_ctx);
    tcg_gen_insn_start2(0x1000, 0);
}

static G_GNUC_UNUSED const void *tb_finish_into(TranslationBlock *tb)
{
    int n;

    tcg_gen_exit_tb(NULL, 0);
    memset(tb, 0, sizeof(*tb));
    n = tcg_gen_code(tcg_ctx, tb);
    g_assert_cmpint(n, >, 0);
    return tb->tc.ptr;
}

static G_GNUC_UNUSED const void *tb_finish(void)
{
    return tb_finish_into(&test_tb);
}

static unsigned long tb_runs;       /* executions, for the summary */

static G_GNUC_UNUSED void tb_run(const void *code, TestEnv *env)
{
    uintptr_t ret = tcg_qemu_tb_exec(env, code);

    tb_runs++;
    g_assert_cmphex(ret, ==, 0);
}

#endif
