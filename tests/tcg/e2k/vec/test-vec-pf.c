/*
 * Packed floating point (helper_pfop, helper_qpop) against the MPFR
 * oracle of the scalar FP test (tests/unit/test-e2k-fpu.c, included
 * below with its main renamed, so both judge by the same rules).
 *
 * Each lane's expected result and flags come from MPFR; the packed
 * operation must give every lane's result and, in PFPFR, the union of
 * the lanes' flags -- over special values in every lane and operand
 * position and seeded random ones, in every rounding mode.  Then: an
 * unmasked exception in one lane raises SIGFPE with its si_code and
 * leaves PFPFR as it was, and a qp operation computes both halves.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define main e2k_fpu_scalar_test_main
#include "../../../unit/test-e2k-fpu.c"
#undef main

#include "target/e2k/vec_helper.h"

typedef struct PfCase {
    const char *name;
    int op;             /* E2K_PF_* */
    bool dbl;           /* one f64 lane, else two f32 */
    MpfrOp m;
    int m_op;           /* E2K_PF_ADD or _SUB for horizontal / addsub */
} PfCase;

static const PfCase pf_cases[] = {
    { "pfadds", E2K_PF_ADD, false, m_add, 0 },
    { "pfsubs", E2K_PF_SUB, false, m_sub, 0 },
    { "pfmuls", E2K_PF_MUL, false, m_mul, 0 },
    { "pfhadds", E2K_PF_HADD, false, m_add, 0 },
    { "pfhsubs", E2K_PF_HSUB, false, m_sub, 0 },
    { "pfaddsubs", E2K_PF_ADDSUB, false, NULL, 0 },
    { "pfaddd", E2K_PF_ADD, true, m_add, 0 },
    { "pfsubd", E2K_PF_SUB, true, m_sub, 0 },
    { "pfmuld", E2K_PF_MUL, true, m_mul, 0 },
    { "pfdivd", E2K_PF_DIV, true, m_div, 0 },
};

static int pf_failures;

/* The expected packed result of @c on a = (a0, a1), b = (b0, b1). */
static Expect pf_expect(const PfCase *c, const uint64_t *a, const uint64_t *b,
                        int rc)
{
    Expect e = { 0, 0 }, l[2];
    uint64_t x[2][2];
    MpfrOp m[2] = { c->m, c->m };
    int i;

    if (c->dbl) {
        uint64_t v[2] = { a[0], b[0] };

        return oracle(&f64, c->m, v, 2, rc, true, false);
    }
    switch (c->op) {
    case E2K_PF_HADD: case E2K_PF_HSUB:
        /* low: src1's lanes, high: src2's */
        x[0][0] = a[0]; x[0][1] = a[1];
        x[1][0] = b[0]; x[1][1] = b[1];
        break;
    case E2K_PF_ADDSUB:
        m[0] = m_sub;
        m[1] = m_add;
        /* fall through */
    default:
        x[0][0] = a[0]; x[0][1] = b[0];
        x[1][0] = a[1]; x[1][1] = b[1];
        break;
    }
    for (i = 0; i < 2; i++) {
        l[i] = oracle(&f32, m[i], x[i], 2, rc, true, false);
        e.flags |= l[i].flags;
    }
    e.bits = (l[0].bits & 0xffffffffULL) | l[1].bits << 32;
    return e;
}

static void pf_check(const PfCase *c, const uint64_t *a, const uint64_t *b,
                     int rc)
{
    Expect e = pf_expect(c, a, b, rc);
    uint64_t sa = c->dbl ? a[0] : (a[0] & 0xffffffffULL) | a[1] << 32;
    uint64_t sb = c->dbl ? b[0] : (b[0] & 0xffffffffULL) | b[1] << 32;
    uint64_t got;
    uint32_t fl;

    prepare(rc);
    if (sigsetjmp(raise_jmp, 0)) {
        g_test_message("%s raised signal %d", c->name, raised_sig);
        pf_failures++;
        return;
    }
    got = helper_pfop(env, sa, sb,
                      E2K_PF_META(c->op, c->dbl ? E2K_PF_1D : E2K_PF_2S, 0),
                      0);
    fl = flags_after();
    if (got != e.bits || fl != e.flags) {
        if (pf_failures < 20) {
            g_test_message("%s (%s) %016llx %016llx: got %016llx flags %02x,"
                           " MPFR %016llx flags %02x", c->name, rnd_name[rc],
                           (unsigned long long)sa, (unsigned long long)sb,
                           (unsigned long long)got, fl,
                           (unsigned long long)e.bits, e.flags);
        }
        pf_failures++;
    }
}

static void run_pf_case(gconstpointer data)
{
    const PfCase *c = data;
    const Fmt *f = c->dbl ? &f64 : &f32;
    uint64_t sp[64], a[2], b[2];
    int n = specials(f, sp), rc, i, j;

    pf_failures = 0;
    for (rc = 0; rc < 4; rc++) {
        /* every pair of special values, in the low and in the high
           lane, the other lane random */
        for (i = 0; i < n; i++) {
            for (j = 0; j < n; j++) {
                a[0] = sp[i];
                b[0] = sp[j];
                a[1] = random_value(f);
                b[1] = random_value(f);
                pf_check(c, a, b, rc);
                if (!c->dbl) {
                    a[1] = sp[i];
                    b[1] = sp[j];
                    a[0] = random_value(f);
                    b[0] = random_value(f);
                    pf_check(c, a, b, rc);
                }
            }
        }
        for (i = 0; i < 2000; i++) {
            a[0] = random_value(f);
            a[1] = random_value(f);
            b[0] = random_value(f);
            b[1] = random_value(f);
            pf_check(c, a, b, rc);
        }
    }
    if (pf_failures) {
        g_test_message("%s: %d mismatches", c->name, pf_failures);
        g_test_fail();
    }
}

/* An unmasked overflow in the high lane: SIGFPE (FLTOVF), PFPFR as it
   was; the same masked completes with OE | PE and the low lane's flags. */
static void test_pf_unmasked(void)
{
    const uint64_t a = 0x7f7fffff00000000ULL;
    volatile uint64_t b = 0x400000007f800000ULL;
    uint32_t before;
    volatile bool raised = false;

    /* everything masked but overflow, flags clear */
    env->fpu.pfpfr = (E2K_FP_ALL & ~E2K_FP_OE) << PFPFR_MASKS_SHIFT;
    before = env->fpu.pfpfr;
    if (!sigsetjmp(raise_jmp, 0)) {
        helper_pfop(env, a, b, E2K_PF_META(E2K_PF_MUL, E2K_PF_2S, 0), 0x1234);
    } else {
        raised = true;
    }
    g_assert_true(raised);
    g_assert_cmpint(raised_sig, ==, 8);
    /* the low lane's IE is masked: the code is the overflow's */
    g_assert_cmpint(raised_code, ==, E2K_FPE_FLTOVF);
    g_assert_cmphex(env->fpu.pfpfr, ==, before);

    /* low lane exact: only the overflow is left to trap on */
    raised = false;
    b = 0x400000003f800000ULL;
    if (!sigsetjmp(raise_jmp, 0)) {
        helper_pfop(env, a, b, E2K_PF_META(E2K_PF_MUL, E2K_PF_2S, 0), 0x1234);
    } else {
        raised = true;
    }
    g_assert_true(raised);
    g_assert_cmpint(raised_code, ==, E2K_FPE_FLTOVF);
    g_assert_cmphex(env->fpu.pfpfr, ==, before);

    prepare(0);
    g_assert_cmphex(helper_pfop(env, a, b,
                                E2K_PF_META(E2K_PF_MUL, E2K_PF_2S, 0), 0),
                    ==, 0x7f80000000000000ULL);
    g_assert_cmphex(flags_after(), ==, E2K_FP_OE | E2K_FP_PE);
}

/* qpfadds through helper_qpop: four lanes, both halves, flags of all. */
static void test_qp_fadds(void)
{
    uint64_t a[2] = { 0x3f800000ffc00000ULL, 0x7f7fffff40400000ULL };
    uint64_t b[2] = { 0x3f8000003f800000ULL, 0x7f7fffff3eaaaaabULL };
    Expect l;
    uint64_t x[2];
    int i;

    prepare(0);
    memcpy(env->vec.src[0], a, sizeof(a));
    memcpy(env->vec.src[1], b, sizeof(b));
    helper_qpop(env, e2k_qpop_index(E2K_OP_QPFADDS), 0);
    for (i = 0; i < 4; i++) {
        uint64_t got = env->vec.dst[i / 2] >> (32 * (i % 2)) & 0xffffffffULL;

        x[0] = a[i / 2] >> (32 * (i % 2)) & 0xffffffffULL;
        x[1] = b[i / 2] >> (32 * (i % 2)) & 0xffffffffULL;
        l = oracle(&f32, m_add, x, 2, 0, true, false);
        g_assert_cmphex(got, ==, l.bits);
    }
    /* lane 3 overflows, lane 2 is inexact, lane 0 has a NaN operand */
    g_assert_cmphex(flags_after(), ==, E2K_FP_OE | E2K_FP_PE);
}

int main(int argc, char **argv)
{
    size_t i;

    g_test_init(&argc, &argv, NULL);
    env = g_new0(CPUE2KState, 1);
    for (i = 0; i < G_N_ELEMENTS(pf_cases); i++) {
        char *path = g_strdup_printf("/e2k-vec/mpfr/%s", pf_cases[i].name);

        g_test_add_data_func(path, &pf_cases[i], run_pf_case);
        g_free(path);
    }
    g_test_add_func("/e2k-vec/unmasked-sigfpe", test_pf_unmasked);
    g_test_add_func("/e2k-vec/qpfadds", test_qp_fadds);
    return g_test_run();
}
