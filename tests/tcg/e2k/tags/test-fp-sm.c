/*
 * Speculative (,sm) FP operations and diagnostic values, through the CPU
 * harness so that the tags of both halves of a 128-bit result, the
 * values and PFPFR/FPSR are read directly (ISA v5, both backends).
 *
 * - A ,sm operation with a diagnostic operand gives a diagnostic result
 *   (value 0) and accrues no flag, even with every exception masked and
 *   although the operand's value alone would raise one (our rule,
 *   docs/devel/e2k-fpu.md); its twin with the same value as a number
 *   accrues the flag.  Inline, through the helpers (another rounding
 *   mode), packed, 128-bit and f80.
 * - A 128-bit ,sm operation whose exception is unmasked gives a
 *   diagnostic value in both halves (tag 0x55, value 0) and no flag.
 *
 * usage: test-tags-fp-sm [-b native|interp] [GTest options]
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

#define ONE_D   0x3ff0000000000000ull
#define ONE_S2  0x3f8000003f800000ull
#define INF_D   0x7ff0000000000000ull
#define NINF_D  0xfff0000000000000ull
#define JUNK    0x5555aaaa5555aaaaull
#define PFPFR_MASKED   (E2K_FP_ALL << PFPFR_MASKS_SHIFT)       /* 0x1f80 */
#define PFPFR_TO_ZERO  (PFPFR_MASKED | PFPFR_RC_MASK)          /* 0x7f80 */

/*
 * Run @op with %qpr1 = (a, ahi), %qpr2 = (b, bhi), %qpr3 = (c, c), %qpr4
 * junk, PFPFR @pfpfr and FPCR/FPSR the kernel's masks and no flags;
 * when @diag, "puttagd %dr2, 5, %dr2" first makes src2's lower half
 * diagnostic (its value kept).  Expects it to complete.
 */
static void run(const char *op, uint64_t a, uint64_t ahi, uint64_t b,
                uint64_t bhi, uint64_t c, uint32_t pfpfr, bool diag)
{
    const char *text[2] = { "puttagd,2 %dr2, 5, %dr2", op };
    uint64_t at[3], slot;
    int excp;

    slot = harness_assemble(5, diag ? text : text + 1, diag ? 2 : 1, at);
    harness_reset(slot);
    env->wd_size = 16;
    env->wptr[1].lo = a;
    env->wptr[1].hi = ahi;
    env->wptr[2].lo = b;
    env->wptr[2].hi = bhi;
    env->wptr[3].lo = env->wptr[3].hi = c;
    env->wptr[4].lo = env->wptr[4].hi = JUNK;
    for (int i = 1; i < 5; i++) {
        env->wptr[i].tag = 0;
    }
    env->fpu.pfpfr = pfpfr;
    env->fpu.fpcr = FPCR_INIT;
    env->fpu.fpsr = 0;
    excp = e2k_cpu_exec(env);
    harness_assert_signal(excp, at[diag ? 2 : 1], 4, -1, 0);
}

/* %dr4 (%qpr4's lower half) is diagnostic with value 0. */
static void assert_diag_result(void)
{
    g_assert_cmphex(env->wptr[4].tag & 0xf, !=, 0);
    g_assert_cmphex(env->wptr[4].lo, ==, 0);
}

typedef struct DiagCase {
    const char *op;
    uint64_t a, ahi, b, bhi;
    uint32_t pfpfr;
    uint32_t flags;         /* what the twin with a number accrues */
} DiagCase;

static const DiagCase diag_cases[] = {
    /* 1 / 0: ZE; inline (the default PFPFR) and through the helper */
    { "fdivd,5,sm %dr1, %dr2, %dr4", ONE_D, 0, 0, 0, PFPFR_MASKED,
      E2K_FP_ZE },
    { "fdivd,5,sm %dr1, %dr2, %dr4", ONE_D, 0, 0, 0, PFPFR_TO_ZERO,
      E2K_FP_ZE },
    { "fdivs,5,sm %r1, %r2, %r4", 0x3f800000, 0, 0, 0, PFPFR_MASKED,
      E2K_FP_ZE },
    /* sqrt(-inf), -inf to an integer: IE */
    { "fsqrts,5,sm %r2, %r4", 0, 0, 0xff800000, 0, PFPFR_MASKED,
      E2K_FP_IE },
    { "fdtoistr,0,sm %dr2, %r4", 0, 0, NINF_D, 0, PFPFR_TO_ZERO,
      E2K_FP_IE },
    /* compare of a signaling NaN: IE */
    { "fcmpeqd,0,sm %dr1, %dr2, %dr4", ONE_D, 0, 0x7ff0000000000001ull, 0,
      PFPFR_MASKED, E2K_FP_IE },
    /* packed, both lanes 1 / 0 */
    { "pfdivs,5,sm %dr1, %dr2, %dr4", ONE_S2, 0, 0, 0, PFPFR_MASKED,
      E2K_FP_ZE },
    { "pfdivd,5,sm %dr1, %dr2, %dr4", ONE_D, 0, 0, 0, PFPFR_TO_ZERO,
      E2K_FP_ZE },
    /* 128 bits: inf * 0 in the lower half, inline and in the helper */
    { "qpfmuld,0,sm %qpr1, %qpr2, %qpr4", 0, ONE_D, INF_D, ONE_D,
      PFPFR_MASKED, E2K_FP_IE },
    { "qpfmuld,0,sm %qpr1, %qpr2, %qpr4", 0, ONE_D, INF_D, ONE_D,
      PFPFR_TO_ZERO, E2K_FP_IE },
    { "qpfmul_addd,0,sm %qpr1, %qpr2, %qpr3, %qpr4", 0, ONE_D, INF_D, ONE_D,
      PFPFR_MASKED, E2K_FP_IE },
};

static void test_diag_operand(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(diag_cases); i++) {
        const DiagCase *k = &diag_cases[i];

        g_test_message("%s, PFPFR %#x", k->op, k->pfpfr);
        run(k->op, k->a, k->ahi, k->b, k->bhi, ONE_D, k->pfpfr, false);
        g_assert_cmphex(env->wptr[4].tag, ==, 0);
        g_assert_cmphex(env->fpu.pfpfr, ==, k->pfpfr | k->flags);

        run(k->op, k->a, k->ahi, k->b, k->bhi, ONE_D, k->pfpfr, true);
        assert_diag_result();
        g_assert_cmphex(env->fpu.pfpfr, ==, k->pfpfr);
    }
}

/* f80 1.0 / diagnostic f64 0: no ZE in FPSR */
static void test_diag_operand_f80(void)
{
    run("fxdivdd,5,sm %dr1, %dr2, %dr4", 1ull << 63, 0x3fff, 0, 0, 0,
        PFPFR_MASKED, false);
    g_assert_cmphex(env->fpu.fpsr, ==, E2K_FP_ZE);
    run("fxdivdd,5,sm %dr1, %dr2, %dr4", 1ull << 63, 0x3fff, 0, 0, 0,
        PFPFR_MASKED, true);
    assert_diag_result();
    g_assert_cmphex(env->fpu.fpsr, ==, 0);
    g_assert_cmphex(env->fpu.pfpfr, ==, PFPFR_MASKED);
}

/* qpfaddd,sm of inf + -inf in both lanes with IE unmasked */
static void test_qp_failure_both_halves(void)
{
    uint32_t pfpfr = (E2K_FP_ALL & ~E2K_FP_IE) << PFPFR_MASKS_SHIFT;

    run("qpfaddd,0,sm %qpr1, %qpr2, %qpr4", INF_D, INF_D, NINF_D, NINF_D, 0,
        pfpfr, false);
    g_assert_cmphex(env->wptr[4].tag, ==, 0x55);
    g_assert_cmphex(env->wptr[4].lo, ==, 0);
    g_assert_cmphex(env->wptr[4].hi, ==, 0);
    g_assert_cmphex(env->fpu.pfpfr, ==, pfpfr);

    /* only the upper lane fails: still both halves, no flag of the other */
    run("qpfaddd,0,sm %qpr1, %qpr2, %qpr4", ONE_D, INF_D, 0x3ca0000000000000ull,
        NINF_D, 0, pfpfr, false);
    g_assert_cmphex(env->wptr[4].tag, ==, 0x55);
    g_assert_cmphex(env->wptr[4].lo, ==, 0);
    g_assert_cmphex(env->wptr[4].hi, ==, 0);
    g_assert_cmphex(env->fpu.pfpfr, ==, pfpfr);

    /* twin: a number, the lower lane's inexact accrues */
    run("qpfaddd,0,sm %qpr1, %qpr2, %qpr4", ONE_D, ONE_D,
        0x3ca0000000000000ull, ONE_D, 0, pfpfr, false);
    g_assert_cmphex(env->wptr[4].tag, ==, 0);
    g_assert_cmphex(env->wptr[4].lo, ==, ONE_D);
    g_assert_cmphex(env->wptr[4].hi, ==, 0x4000000000000000ull);
    g_assert_cmphex(env->fpu.pfpfr, ==, pfpfr | E2K_FP_PE);
}

int main(int argc, char **argv)
{
    harness_init(&argc, &argv, "e8c2", 5, 1);
    env = harness_env;
    g_test_add_func("/e2k/tags/fp-sm/diag-operand", test_diag_operand);
    g_test_add_func("/e2k/tags/fp-sm/diag-operand-f80",
                    test_diag_operand_f80);
    g_test_add_func("/e2k/tags/fp-sm/qp-failure-both-halves",
                    test_qp_failure_both_halves);
    return g_test_run();
}
