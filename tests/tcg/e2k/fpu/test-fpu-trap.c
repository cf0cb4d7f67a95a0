/*
 * An unmasked FP exception raises SIGFPE with its si_code and leaves the
 * state as before the wide instruction: the destination registers of
 * every channel, and PFPFR (FPSR for f80) without the flag.  With the
 * exception masked the same wide instruction completes and sets the
 * flag.  A guest that dies of the SIGFPE cannot look, so this drives
 * the CPU directly (bundle-harness.c), on both backends.
 *
 * usage: test-fpu-trap [-b native|interp] [GTest options]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "qemu.h"
#include "tcg/tcg.h"
#include "target/e2k/cpu.h"
#include "target/e2k/fpu_helper.h"
#include "../bundle-harness.h"

static CPUE2KState *env;

#define ONE     0x3ff0000000000000ull
#define ONEHALF 0x3ff8000000000000ull
#define THREE   0x4008000000000000ull
#define JUNK    0x5555aaaa5555aaaaull

typedef struct Run {
    int excp;
    uint64_t slot, stop;
} Run;

/* Run @text with %dr1..%dr4 = a, b, c, d and %dr5..%dr7 = JUNK, PFPFR
   and FPCR as given. */
static Run run(const char *text, uint64_t a, uint64_t b, uint64_t c,
               uint64_t d, uint32_t pfpfr, uint32_t fpcr)
{
    uint64_t at[2];
    Run r;
    int i;

    r.slot = harness_assemble(3, &text, 1, at);
    r.stop = at[1];
    harness_reset(r.slot);
    env->wd_size = 16;
    env->wptr[1].lo = a;
    env->wptr[2].lo = b;
    env->wptr[3].lo = c;
    env->wptr[4].lo = d;
    env->wptr[1].hi = env->wptr[3].hi = 0x3fff;     /* f80 1.0 sign/exp */
    env->wptr[2].hi = env->wptr[4].hi = 0;          /* f80 +0 */
    for (i = 5; i < 8; i++) {
        env->wptr[i].lo = JUNK;
        env->wptr[i].hi = 0;
    }
    env->fpu.pfpfr = pfpfr;
    env->fpu.fpcr = fpcr;
    env->fpu.fpsr = 0;
    r.excp = e2k_cpu_exec(env);
    return r;
}

static const char two_channels[] =
    "faddd,0 %dr1, %dr3, %dr5 ; fdivd,5 %dr3, %dr4, %dr6";

/* 1.5 + 1.5 on ALC0 (exact), 1.0 / 0 on ALC5 */
static void test_zero_divide_unmasked(void)
{
    uint32_t pfpfr = (E2K_FP_ALL & ~E2K_FP_ZE) << PFPFR_MASKS_SHIFT;
    Run r = run(two_channels, ONEHALF, 0, ONEHALF, 0, pfpfr, FPCR_INIT);

    harness_assert_signal(r.excp, r.slot, 8, E2K_FPE_FLTDIV, 0);
    g_assert_cmphex(env->wptr[5].lo, ==, JUNK);
    g_assert_cmphex(env->wptr[6].lo, ==, JUNK);
    g_assert_cmphex(env->fpu.pfpfr, ==, pfpfr);
}

static void test_zero_divide_masked(void)
{
    uint32_t pfpfr = E2K_FP_ALL << PFPFR_MASKS_SHIFT;
    Run r = run(two_channels, ONEHALF, 0, ONEHALF, 0, pfpfr, FPCR_INIT);

    harness_assert_signal(r.excp, r.stop, 4, -1, 0);
    g_assert_cmphex(env->wptr[5].lo, ==, THREE);
    g_assert_cmphex(env->wptr[6].lo, ==, 0x7ff0000000000000ull);
    g_assert_cmphex(env->fpu.pfpfr, ==, pfpfr | E2K_FP_ZE);
}

/* PE unmasked: 1 / 3 traps with FPE_FLTRES */
static void test_inexact_unmasked(void)
{
    uint32_t pfpfr = (E2K_FP_ALL & ~E2K_FP_PE) << PFPFR_MASKS_SHIFT;
    Run r = run("fdivd,5 %dr1, %dr2, %dr6", ONE, THREE, 0, 0, pfpfr,
                FPCR_INIT);

    harness_assert_signal(r.excp, r.slot, 8, E2K_FPE_FLTRES, 0);
    g_assert_cmphex(env->wptr[6].lo, ==, JUNK);
    g_assert_cmphex(env->fpu.pfpfr, ==, pfpfr);
}

/* f80: FPCR's masks and FPSR's flags; 1.0 / +0 with ZE unmasked */
static void test_f80_zero_divide(void)
{
    Run r = run("fxdivxx,5 %dr1, %dr2, %dr6", 1ull << 63, 0, 0, 0,
                PFPFR_INIT, FPCR_INIT & ~E2K_FP_ZE);

    harness_assert_signal(r.excp, r.slot, 8, E2K_FPE_FLTDIV, 0);
    g_assert_cmphex(env->wptr[6].lo, ==, JUNK);
    g_assert_cmphex(env->fpu.fpsr, ==, 0);

    r = run("fxdivxx,5 %dr1, %dr2, %dr6", 1ull << 63, 0, 0, 0, PFPFR_INIT,
            FPCR_INIT);
    harness_assert_signal(r.excp, r.stop, 4, -1, 0);
    g_assert_cmphex(env->wptr[6].lo, ==, 1ull << 63);       /* +inf */
    g_assert_cmphex(env->wptr[6].hi, ==, 0x7fff);
    g_assert_cmphex(env->fpu.fpsr, ==, E2K_FP_ZE);
}

/*
 * A packed operation's SIGFPE leaves PFPFR as before it even when one of
 * its lanes took a helper fast path, which leaves inexact in the host's
 * MXCSR: pfadds of 1 + 2^-30 (inexact) and +inf + -inf (invalid, unmasked).
 */
static void test_packed_invalid_after_inexact(void)
{
    uint32_t pfpfr = (E2K_FP_ALL & ~E2K_FP_IE) << PFPFR_MASKS_SHIFT;
    Run r = run("pfadds,0 %dr1, %dr2, %dr5", 0x7f8000003f800000ull,
                0xff80000030800000ull, 0, 0, pfpfr, FPCR_INIT);

    harness_assert_signal(r.excp, r.slot, 8, E2K_FPE_FLTINV, 0);
    g_assert_cmphex(env->wptr[5].lo, ==, JUNK);
    g_assert_cmphex(env->fpu.pfpfr, ==, pfpfr);

    /* twin: invalid masked, both flags accrue */
    pfpfr = E2K_FP_ALL << PFPFR_MASKS_SHIFT;
    r = run("pfadds,0 %dr1, %dr2, %dr5", 0x7f8000003f800000ull,
            0xff80000030800000ull, 0, 0, pfpfr, FPCR_INIT);
    harness_assert_signal(r.excp, r.stop, 4, -1, 0);
    g_assert_cmphex(env->wptr[5].lo, ==, 0xffc000003f800000ull);
    g_assert_cmphex(env->fpu.pfpfr, ==, pfpfr | E2K_FP_IE | E2K_FP_PE);
}

int main(int argc, char **argv)
{
    harness_init(&argc, &argv, "e2s", 3, 1);
    env = harness_env;
    g_test_add_func("/e2k/fpu/trap/zero-divide", test_zero_divide_unmasked);
    g_test_add_func("/e2k/fpu/trap/zero-divide-masked",
                    test_zero_divide_masked);
    g_test_add_func("/e2k/fpu/trap/inexact", test_inexact_unmasked);
    g_test_add_func("/e2k/fpu/trap/f80-zero-divide", test_f80_zero_divide);
    g_test_add_func("/e2k/fpu/trap/packed-invalid-after-inexact",
                    test_packed_invalid_after_inexact);
    return g_test_run();
}
