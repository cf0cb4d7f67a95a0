/*
 * A stop request reaches a guest that spins: e2k_cpu_exit_request from
 * another thread (as a signal to deliver will) makes e2k_cpu_exec return
 * EXCP_INTERRUPT with the state at a wide-instruction boundary, for a
 * loop that runs inside one TB (a branch to itself) and for a loop
 * through two chained TBs.  Without the check the test hangs and fails
 * by its timeout.  Also: without chaining (-d nochain) every TB ends in
 * the execution loop, returns included.
 *
 * usage: test-exit-request [-b native|interp] [GTest options]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "target/e2k/cpu.h"
#include "bundle-harness.h"

static CPUE2KState *env;

/* Ask for the stop once the guest has run (its loop counter %dr1 moved;
   a fixed delay lost the race on a loaded machine, when translation
   alone took longer), or after 30 s, when the test then fails. */
static gpointer stop_later(gpointer opaque)
{
    CPUE2KState *e = opaque;
    int i;

    for (i = 0; i < 30000; i++) {
        E2KReg *w = __atomic_load_n(&e->wptr, __ATOMIC_ACQUIRE);

        if (w && __atomic_load_n(&w[1].lo, __ATOMIC_RELAXED) != 0) {
            break;
        }
        g_usleep(1000);
    }
    g_usleep(10 * 1000);
    e2k_cpu_exit_request(e);
    return NULL;
}

/* Run from @start until stopped; the loop counts in %dr1. */
static void run_until_stopped(uint64_t start, uint64_t first, uint64_t last)
{
    GThread *t;
    int excp;

    harness_reset(start);
    env->wd_size = 16;
    t = g_thread_new("stop", stop_later, env);
    excp = e2k_cpu_exec(env);
    g_thread_join(t);
    g_assert_cmpint(excp, ==, EXCP_INTERRUPT);
    g_assert_cmphex(env->ip, >=, first);
    g_assert_cmphex(env->ip, <=, last);
    g_assert_cmpuint(env->wptr[1].lo, >, 0);    /* it did run */
}

/* a wide instruction that branches to itself */
static void test_loop_in_one_tb(void)
{
    const char *prog[1] = { "addd,0 %dr1, 1, %dr1 ; ibranch 0" };
    uint64_t at[2], slot = harness_assemble(3, prog, 1, at);

    run_until_stopped(slot, at[0], at[0]);
}

static void test_loop_through_two_tbs(void)
{
    /* bundle 0 jumps to bundle 1 (another TB), which jumps back; a
       number is a displacement in 8-byte units, as the disassembler
       prints it */
    const char *prog[2] = {
        "addd,0 %dr1, 1, %dr1 ; ibranch 2",
        "addd,0 %dr2, 1, %dr2 ; ibranch -2",
    };
    uint64_t at[3], slot = harness_assemble(3, prog, 2, at);

    g_assert_cmphex(at[1], ==, slot + 16);
    run_until_stopped(slot, at[0], at[1]);
}

/* A loop that calls a function returning at once three times, then a
   stop; without chaining, every TB (and so every call and every return,
   also to a return site seen before) comes back to the loop, which
   counts it in tb_budget:
     b0 disp f; b1 call; b2 %dr1 -= 1; b3 %pred0 = %dr1 == 0;
     b4 ibranch b0 ? ~%pred0; b5 ibranch stop; f: b6 return; b7 ct %ctpr3
   TBs entered: 3 x (b0-b1, f, b2-b4), b5, stop = 11. */
static void test_nochain_returns_to_loop(void)
{
    char *prog[8];
    uint64_t at[9], start = 0;
    int pass, i, excp;

    /* pass 0 finds the addresses, pass 1 encodes the displacements (in
       8-byte units; the bundles keep their sizes) */
    for (pass = 0; pass < 2; pass++) {
        prog[0] = g_strdup_printf("disp %%ctpr1, %" PRId64,
                                  pass ? (int64_t)(at[6] - at[0]) / 8 : 0);
        prog[1] = g_strdup("call %ctpr1, wbs=4");
        prog[2] = g_strdup("subd,0 %dr1, 1, %dr1");
        prog[3] = g_strdup("cmpedb,0 %dr1, 0, %pred0");
        prog[4] = g_strdup_printf("ibranch %" PRId64 " ? ~%%pred0",
                                  pass ? (int64_t)(at[0] - at[4]) / 8 : 0);
        prog[5] = g_strdup_printf("ibranch %" PRId64,
                                  pass ? (int64_t)(at[8] - at[5]) / 8 : 0);
        prog[6] = g_strdup("return %ctpr3");
        prog[7] = g_strdup("ct %ctpr3");
        start = harness_assemble(3, (const char *const *)prog, 8, at);
        for (i = 0; i < 8; i++) {
            g_free(prog[i]);
        }
    }
    harness_reset(start);
    env->wd_size = 16;
    env->wptr[1].lo = 3;
    env->no_chain = true;
    env->tb_budget = 1000;
    excp = e2k_cpu_exec(env);
    env->no_chain = false;
    harness_assert_signal(excp, at[8], 4, -1, 0);
    g_assert_cmpuint(env->wptr[1].lo, ==, 0);
    g_assert_cmpuint(1000 - env->tb_budget, ==, 11);
    env->tb_budget = 0;
}

int main(int argc, char **argv)
{
    harness_init(&argc, &argv, "e2s", 3, 1);
    env = harness_env;
    g_test_add_func("/e2k/exit-request/loop-in-one-tb", test_loop_in_one_tb);
    g_test_add_func("/e2k/exit-request/loop-through-two-tbs",
                    test_loop_through_two_tbs);
    g_test_add_func("/e2k/exit-request/nochain-returns-to-loop",
                    test_nochain_returns_to_loop);
    return g_test_run();
}
