/*
 * Window bounds and BGR rotation driven through the CPU directly, where a
 * guest program cannot look: what a TB whose entry window check fails
 * (E2K_TBFLAG_WIN_EXACT) still executes before the illegal wide
 * instruction, where execution stops and with which si_code, and that a
 * BGR set with e2k_bgr_write (as rws %bgr and signal return must) rotates
 * %g24..%g31 in translated code.  Also a CDS guard naming a condition
 * source the translator cannot evaluate (patched into an encoded bundle,
 * as the assembler cannot write one): SIGILL before anything, where it
 * used to mean "never execute".
 *
 * Each case assembles a few bundles with our encoder, follows them with
 * an invalid wide instruction (execution stops there with SIGILL,
 * ILL_ILLOPC), runs them through the real translator and backend and
 * inspects the CPU state and guest memory afterwards.
 *
 * usage: test-win-exact [-b native|interp] [GTest options]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "qemu.h"
#include "qemu/bswap.h"
#include "exec/guest-memory.h"
#include "tcg/tcg.h"
#include "target/e2k/cpu.h"
#include "bundle-harness.h"

#define PAGE HARNESS_PAGE
#define GUEST_ILL_ILLOPC 1
#define GUEST_ILL_ILLOPN 2

static CPUE2KState *env;
static uint64_t data;
static bool gregs_numbered;     /* run_prog: %gN = 100 + N after reset */

typedef struct Run {
    int excp;
    uint64_t start;
    uint64_t at[8];     /* address of each bundle, then of the stop */
} Run;

/* Assemble @bundles (each "op ; op ; ..."), then the invalid stop bundle,
   and run them from a fresh reset with WD.size @wd_size and %drN = 0. */
static Run run_prog(const char *const *bundles, int n, int wd_size,
                    uint32_t bgr)
{
    Run r;
    int b;

    g_assert(n < 8);
    r.start = harness_assemble(3, bundles, n, r.at);
    harness_reset(r.start);
    env->wd_size = wd_size;
    env->pf = 1;                            /* %pred0 = 1 */
    if (bgr != BGR_INIT) {
        e2k_bgr_write(env, bgr);
    }
    for (b = 0; gregs_numbered && b < E2K_NR_GREGS; b++) {
        env->gregs[b].lo = 100 + b;
    }
    r.excp = e2k_cpu_exec(env);
    return r;
}

static void assert_sigill(const Run *r, uint64_t at, int code)
{
    g_assert_cmpint(r->excp, ==, EXCP_SIGNAL);
    g_assert_cmpint(env->exc_signal, ==, 4);
    g_assert_cmpint(env->exc_code, ==, code);
    g_assert_cmphex(env->ip, ==, at);
}

/* The third bundle reads %dr16 of a 16-register window: the TB's entry
   check fails, the bundles before it run in the exact translation (a
   register write and a store), the illegal one does nothing. */
static void test_exact_runs_earlier_bundles(void)
{
    char b0[64];
    const char *prog[3] = {
        b0,
        "std,2 %dr1, [ %dr2 + 0 ]",
        "addd,0 %dr16, 1, %dr3 ; addd,1 0, 7, %dr4",
    };
    Run r;

    g_snprintf(b0, sizeof(b0), "addd,0 0, 42, %%dr1 ; addd,1 0, 0x%" PRIx64
               ", %%dr2", data);
    memset(g2h(data), 0, 8);
    r = run_prog(prog, 3, 16, BGR_INIT);
    assert_sigill(&r, r.at[2], GUEST_ILL_ILLOPN);
    g_assert_cmphex(env->wptr[1].lo, ==, 42);
    g_assert_cmphex(ldq_le_p(g2h(data)), ==, 42);
    g_assert_cmphex(env->wptr[4].lo, ==, 0);
    /* the exact translation is a one-off: the flag is gone again */
    g_assert_false(env->tbflags_extra & E2K_TBFLAG_WIN_EXACT);
}

/* The same program with %dr15 is legal and runs to the stop bundle. */
static void test_last_register_in_window(void)
{
    const char *prog[2] = {
        "addd,0 0, 42, %dr15",
        "addd,0 %dr15, 1, %dr3",
    };
    Run r = run_prog(prog, 2, 16, BGR_INIT);

    assert_sigill(&r, r.at[2], GUEST_ILL_ILLOPC);
    g_assert_cmphex(env->wptr[3].lo, ==, 43);
}

/* A setwd makes the window larger: its own results and every later
   bundle may use the new registers. */
static void test_setwd_grows(void)
{
    const char *prog[2] = {
        "setwd wsz=16, nfx=1 ; addd,0 0, 5, %dr31",
        "addd,0 %dr31, 1, %dr30",
    };
    Run r = run_prog(prog, 2, 8, BGR_INIT);

    assert_sigill(&r, r.at[2], GUEST_ILL_ILLOPC);
    g_assert_cmpint(env->wd_size, ==, 32);
    g_assert_cmphex(env->wptr[30].lo, ==, 6);
}

/* BGR.cur = 3 from outside the translator: %g24 is gregs[27], %g29
   gregs[24]; %g23 does not rotate. */
static void test_bgr_write_rotates(void)
{
    const char *prog[1] = {
        "addd,0 %dg24, 0, %dr1 ; addd,1 %dg29, 0, %dr2 ; "
        "addd,3 %dg23, 0, %dr3 ; addd,4 0, 9, %dg25",
    };
    Run r;

    gregs_numbered = true;
    r = run_prog(prog, 1, 16, BGR_INIT | (3 << BGR_CUR_SHIFT));
    gregs_numbered = false;
    assert_sigill(&r, r.at[1], GUEST_ILL_ILLOPC);
    g_assert_cmphex(env->wptr[1].lo, ==, 127);
    g_assert_cmphex(env->wptr[2].lo, ==, 124);
    g_assert_cmphex(env->wptr[3].lo, ==, 123);
    g_assert_cmphex(env->gregs[28].lo, ==, 9);
    g_assert_true(env->tbflags_extra & E2K_TBFLAG_BGR_ROT);
}

/* abgi with BGR.cur 7 wraps to 0; the rotation is visible to the next
   bundle of the same TB. */
static void test_abg_wraps(void)
{
    const char *prog[2] = {
        "abg 2",
        "addd,0 %dg24, 0, %dr1",
    };
    Run r;

    gregs_numbered = true;
    r = run_prog(prog, 2, 16, BGR_INIT | (7 << BGR_CUR_SHIFT));
    gregs_numbered = false;
    assert_sigill(&r, r.at[2], GUEST_ILL_ILLOPC);
    g_assert_cmphex(env->wptr[1].lo, ==, 124);
    g_assert_cmphex(env->bgr, ==, BGR_INIT);
}

/* "addd,0 0, 1, %dr1 ? %pred0" with the guard's source patched from
   %pred0 (0x60) to @psrc; %dr1 starts as 0. */
static void run_guarded(uint8_t psrc, Run *r)
{
    const char *prog[2] = {
        "addd,1 0, 5, %dr2",
        "addd,0 0, 1, %dr1 ? %pred0",
    };
    uint8_t *p;
    int found = 0;

    *r = run_prog(prog, 2, 16, BGR_INIT);
    g_assert_cmphex(env->wptr[1].lo, ==, 1);    /* unpatched: it runs */
    /* the CDS syllable is the last word of the second bundle; writing
       the page drops its translations */
    if (!(page_get_flags(r->at[1]) & PAGE_WRITE)) {
        page_unprotect(r->at[1], 0);
    }
    p = g2h(r->at[2] - 4);
    if ((lduw_le_p(p + 2) & 0x7f) == 0x60) {
        stw_le_p(p + 2, (lduw_le_p(p + 2) & ~0x7f) | psrc);
        found++;
    }
    if ((lduw_le_p(p) & 0x7f) == 0x60) {
        stw_le_p(p, (lduw_le_p(p) & ~0x7f) | psrc);
        found++;
    }
    g_assert_cmpint(found, ==, 1);
    harness_reset(r->start);
    env->wd_size = 16;
    env->pf = 1;                            /* %pred0 = 1 */
    r->excp = e2k_cpu_exec(env);
}

static void test_cds_unsupported_source(void)
{
    Run r;

    run_guarded(0x01, &r);                  /* %spred0 is not a CDS source */
    assert_sigill(&r, r.at[1], GUEST_ILL_ILLOPN);
    g_assert_cmphex(env->wptr[2].lo, ==, 5);   /* the bundle before ran */
    g_assert_cmphex(env->wptr[1].lo, ==, 0);
}

static void test_cds_pcnt_source(void)
{
    Run r;

    run_guarded(0x40, &r);                  /* %pcnt0: LSR.pcnt 0 <= 0 */
    assert_sigill(&r, r.at[2], GUEST_ILL_ILLOPC);
    g_assert_cmphex(env->wptr[1].lo, ==, 1);
}

int main(int argc, char **argv)
{
    data = harness_init(&argc, &argv, "e2s", 3, 1);
    env = harness_env;

    g_test_add_func("/e2k/win/exact-runs-earlier-bundles",
                    test_exact_runs_earlier_bundles);
    g_test_add_func("/e2k/win/last-register", test_last_register_in_window);
    g_test_add_func("/e2k/win/setwd-grows", test_setwd_grows);
    g_test_add_func("/e2k/bgr/write-rotates", test_bgr_write_rotates);
    g_test_add_func("/e2k/bgr/abg-wraps", test_abg_wraps);
    g_test_add_func("/e2k/cond/cds-unsupported",
                    test_cds_unsupported_source);
    g_test_add_func("/e2k/cond/cds-pcnt", test_cds_pcnt_source);
    return g_test_run();
}
