/*
 * A stop request reaches a guest that spins: e2k_cpu_exit_request from
 * another thread (as a signal to deliver will) makes e2k_cpu_exec return
 * EXCP_INTERRUPT with the state at a wide-instruction boundary, for a
 * loop that runs inside one TB (a branch to itself) and for a loop
 * through two chained TBs.  Without the check the test hangs and fails
 * by its timeout.
 *
 * usage: test-exit-request [-b native|interp] [GTest options]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "target/e2k/cpu.h"
#include "bundle-harness.h"

static CPUE2KState *env;

static gpointer stop_later(gpointer opaque)
{
    g_usleep(50 * 1000);
    e2k_cpu_exit_request(opaque);
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

int main(int argc, char **argv)
{
    harness_init(&argc, &argv, "e2s", 3, 1);
    env = harness_env;
    g_test_add_func("/e2k/exit-request/loop-in-one-tb", test_loop_in_one_tb);
    g_test_add_func("/e2k/exit-request/loop-through-two-tbs",
                    test_loop_through_two_tbs);
    return g_test_run();
}
