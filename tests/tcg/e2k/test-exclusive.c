/*
 * Exclusive sections with several guest CPUs running at once
 * (exec/cpu-list.h): start_exclusive returns only when no other CPU
 * executes translated code, none runs until end_exclusive, and a TB
 * cache flush inside the section leaves every CPU able to go on (their
 * jump caches were cleared with it).  Two host threads each run a CPU
 * through a guest loop that counts in %dr1, re-entering e2k_cpu_exec
 * after each stop as the CPU loop does.
 *
 * usage: test-exclusive [-b native|interp] [GTest options]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "target/e2k/cpu.h"
#include "exec/cpu-list.h"
#include "accel/tcg/tb-internal.h"
#include "bundle-harness.h"

typedef struct Runner {
    CPUE2KState *env;
    GThread *thread;
    int stop;
} Runner;

static gpointer run_cpu(gpointer opaque)
{
    Runner *r = opaque;

    while (!__atomic_load_n(&r->stop, __ATOMIC_SEQ_CST)) {
        int excp = e2k_cpu_exec(r->env);

        g_assert_cmpint(excp, ==, EXCP_INTERRUPT);
    }
    return NULL;
}

static uint64_t count(Runner *r)
{
    return __atomic_load_n(&r->env->wptr[1].lo, __ATOMIC_SEQ_CST);
}

/* Wait (up to 5 s) until the runner's counter moves past @from. */
static bool advances(Runner *r, uint64_t from)
{
    int i;

    for (i = 0; i < 5000; i++) {
        if (count(r) > from) {
            return true;
        }
        g_usleep(1000);
    }
    return false;
}

static void test_exclusive_stops_everyone(void)
{
    const char *prog[1] = { "addd,0 %dr1, 1, %dr1 ; ibranch 0" };
    uint64_t slot = harness_assemble(3, prog, 1, NULL);
    Runner r[2];
    uint64_t c[2];
    int i, round;

    for (i = 0; i < 2; i++) {
        r[i].env = i ? e2k_cpu_new("e2s", 3, &error_abort) : harness_env;
        if (i == 0) {
            harness_reset(slot);
        }
        r[i].env->ip = slot;
        r[i].env->wd_size = 16;
        e2k_set_wptr(r[i].env);
        r[i].env->wptr[1].lo = 0;
        r[i].stop = 0;
        r[i].thread = g_thread_new("cpu", run_cpu, &r[i]);
    }
    g_assert_cmpuint(cpu_list_count(), ==, 2);
    for (i = 0; i < 2; i++) {
        g_assert_true(advances(&r[i], 0));
    }
    for (round = 0; round < 3; round++) {
        start_exclusive();
        /* (env->running may still be true here for a CPU that was
           between two TB runs: cpu_exec_start publishes it before it
           looks at the pending section and then waits for the end of
           it; what counts is that no CPU executes guest code) */
        for (i = 0; i < 2; i++) {
            c[i] = count(&r[i]);
        }
        if (round == 1) {
            tb_flush(NULL);     /* frees the code both were running */
        }
        g_usleep(20 * 1000);
        for (i = 0; i < 2; i++) {
            g_assert_cmpuint(count(&r[i]), ==, c[i]);   /* stopped */
        }
        end_exclusive();
        for (i = 0; i < 2; i++) {
            g_assert_true(advances(&r[i], c[i]));       /* and going */
        }
    }
    for (i = 0; i < 2; i++) {
        __atomic_store_n(&r[i].stop, 1, __ATOMIC_SEQ_CST);
        e2k_cpu_exit_request(r[i].env);
        g_thread_join(r[i].thread);
    }
    e2k_cpu_free(r[1].env);
    g_assert_cmpuint(cpu_list_count(), ==, 1);
}

int main(int argc, char **argv)
{
    harness_init(&argc, &argv, "e2s", 3, 1);
    g_test_add_func("/e2k/exclusive/stops-everyone",
                    test_exclusive_stops_everyone);
    return g_test_run();
}
