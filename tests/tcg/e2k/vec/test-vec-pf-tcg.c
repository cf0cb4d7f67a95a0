/*
 * Packed floating point through the translator (-b native|interp), where
 * it runs inline (each lane one SSE instruction under the PFPFR guard)
 * while PFPFR is the default, and through the helpers otherwise.
 *
 * The arithmetic is judged by the MPFR oracle of the scalar FP test
 * (tests/unit/test-e2k-fpu.c, included with its main renamed): each
 * lane's result and the union of the lanes' flags in PFPFR, over the
 * special values in every lane and operand position and seeded random
 * ones, rounding to nearest (inline) and, fewer of them, the other
 * modes (the guard's way to the helpers).  The other operations (min,
 * max, the eight compares, conversions, roots, a combined form) are
 * judged by helper_pfop, whose scalar helpers that test checks with
 * MPFR.  The IR of a translated pfadds must be fpu2 ops, no call.
 * With --qp (last argument): the 128-bit qpf* arithmetic on an e8c2.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define main e2k_fpu_scalar_test_main
#define e2k_raise_signal e2k_fpu_scalar_test_raise
#include "../../../unit/test-e2k-fpu.c"
#undef main
#undef e2k_raise_signal

#include <unistd.h>

#include "qemu/log.h"
#include "target/e2k/vec_helper.h"
#include "../bundle-harness.h"

/* Number of the non-nearest runs per case: each fails the guard once,
   and 10,000 failures would retire the inline path for the process. */
#define OTHER_MODE_RUNS 60

typedef struct PfTcgCase {
    const char *insn;       /* "OP,0 %dr1, %dr2, %dr3" or one source */
    int op, shape, cond;    /* helper_pfop's */
    MpfrOp m;               /* the MPFR operation, NULL: judged by the
                               helper */
} PfTcgCase;

#define TWO(name) name ",0 %dr1, %dr2, %dr3"
#define ONE(name) name ",0 %dr2, %dr3"
#define TWO5(name) name ",5 %dr1, %dr2, %dr3"     /* the divider's */
#define ONE5(name) name ",5 %dr2, %dr3"

static const PfTcgCase cases[] = {
    { TWO("pfadds"), E2K_PF_ADD, E2K_PF_2S, 0, m_add },
    { TWO("pfsubs"), E2K_PF_SUB, E2K_PF_2S, 0, m_sub },
    { TWO("pfmuls"), E2K_PF_MUL, E2K_PF_2S, 0, m_mul },
    { TWO("pfhadds"), E2K_PF_HADD, E2K_PF_2S, 0, m_add },
    { TWO("pfhsubs"), E2K_PF_HSUB, E2K_PF_2S, 0, m_sub },
    { TWO("pfaddsubs"), E2K_PF_ADDSUB, E2K_PF_2S, 0, m_add },
    { TWO("pfaddd"), E2K_PF_ADD, E2K_PF_1D, 0, m_add },
    { TWO("pfsubd"), E2K_PF_SUB, E2K_PF_1D, 0, m_sub },
    { TWO("pfmuld"), E2K_PF_MUL, E2K_PF_1D, 0, m_mul },
    { TWO5("pfdivd"), E2K_PF_DIV, E2K_PF_1D, 0, m_div },
    { TWO5("pfdivs"), E2K_PF_DIV, E2K_PF_1S, 0, m_div },
    { TWO("pfmins"), E2K_PF_MIN, E2K_PF_2S, 0, NULL },
    { TWO("pfmaxs"), E2K_PF_MAX, E2K_PF_2S, 0, NULL },
    { TWO("pfmind"), E2K_PF_MIN, E2K_PF_1D, 0, NULL },
    { TWO("pfmaxd"), E2K_PF_MAX, E2K_PF_1D, 0, NULL },
#define CMP(c, n) \
    { TWO("pfcmp" c "s"), E2K_PF_CMP, E2K_PF_2S, n, NULL }, \
    { TWO("pfcmp" c "d"), E2K_PF_CMP, E2K_PF_1D, n, NULL },
    CMP("eq", 0) CMP("lt", 1) CMP("le", 2) CMP("uod", 3) CMP("neq", 4)
    CMP("nlt", 5) CMP("nle", 6) CMP("od", 7)
#undef CMP
    { ONE("pfstois"), E2K_PF_FTOI, E2K_PF_2S, 0, NULL },
    { ONE("pfstoistr"), E2K_PF_FTOITR, E2K_PF_2S, 0, NULL },
    { ONE("pistofs"), E2K_PF_ITOF, E2K_PF_2S, 0, NULL },
    { ONE("pfstofd"), E2K_PF_STOD, E2K_PF_1S, 0, NULL },
    { ONE("pfdtofs"), E2K_PF_DTOS, E2K_PF_1D, 0, NULL },
    { ONE("pfdtois"), E2K_PF_FTOI, E2K_PF_1D, 0, NULL },
    { ONE("pfdtoistr"), E2K_PF_FTOITR, E2K_PF_1D, 0, NULL },
    { ONE5("pfsqrts"), E2K_PF_SQRT, E2K_PF_1S, 0, NULL },
};

static CPUE2KState *ref_env;        /* helper_pfop's, not the CPU's */
static int tcg_failures;

/* Run the assembled @slot with %dr1 = a, %dr2 = b under rounding @rc,
   everything masked, no flags; the result and PFPFR's flags. */
static uint64_t run_slot(uint64_t slot, uint64_t a, uint64_t b, int rc,
                         uint32_t *flags)
{
    CPUE2KState *cpu = harness_env;
    int excp;

    harness_reset(slot);
    cpu->wd_size = 8;
    cpu->wptr[1].lo = a;
    cpu->wptr[2].lo = b;
    cpu->wptr[3].lo = 0x5555aaaa5555aaaaULL;
    cpu->fpu.pfpfr = (E2K_FP_ALL << PFPFR_MASKS_SHIFT) |
                     ((uint32_t)rc << PFPFR_RC_SHIFT);
    excp = e2k_cpu_exec(cpu);
    g_assert_cmpint(excp, !=, EXCP_SPEC_RETRY);
    *flags = cpu->fpu.pfpfr & E2K_FP_ALL;
    return cpu->wptr[3].lo;
}

/* What the case must give: MPFR lane by lane, or helper_pfop. */
static Expect tcg_expect(const PfTcgCase *c, uint64_t a, uint64_t b, int rc)
{
    const uint64_t lo = 0xffffffffULL;
    Expect e = { 0, 0 }, l;
    uint64_t x[2];
    int i;

    if (!c->m) {
        ref_env->fpu.pfpfr = (E2K_FP_ALL << PFPFR_MASKS_SHIFT) |
                             ((uint32_t)rc << PFPFR_RC_SHIFT);
        e.bits = helper_pfop(ref_env, a, b,
                             E2K_PF_META(c->op, c->shape, c->cond), 0);
        e.flags = ref_env->fpu.pfpfr & E2K_FP_ALL;
        return e;
    }
    if (c->shape == E2K_PF_1D) {
        x[0] = a;
        x[1] = b;
        return oracle(&f64, c->m, x, 2, rc, true, false);
    }
    for (i = 0; i < (c->shape == E2K_PF_1S ? 1 : 2); i++) {
        MpfrOp m = c->m;

        if (c->op == E2K_PF_HADD || c->op == E2K_PF_HSUB) {
            /* low: src1's two lanes, high: src2's */
            x[0] = (i ? b : a) & lo;
            x[1] = (i ? b : a) >> 32;
        } else {
            x[0] = a >> (32 * i) & lo;
            x[1] = b >> (32 * i) & lo;
            if (c->op == E2K_PF_ADDSUB && i == 0) {
                m = m_sub;
            }
        }
        l = oracle(&f32, m, x, 2, rc, true, false);
        e.bits |= (l.bits & lo) << (32 * i);
        e.flags |= l.flags;
    }
    return e;
}

static void tcg_check(const PfTcgCase *c, uint64_t slot, uint64_t a,
                      uint64_t b, int rc)
{
    Expect e = tcg_expect(c, a, b, rc);
    uint32_t fl;
    uint64_t got = run_slot(slot, a, b, rc, &fl);

    if (got != e.bits || fl != e.flags) {
        if (tcg_failures < 20) {
            g_test_message("%s (%s) %016llx %016llx: got %016llx flags %02x,"
                           " want %016llx flags %02x", c->insn,
                           rnd_name[rc], (unsigned long long)a,
                           (unsigned long long)b, (unsigned long long)got,
                           fl, (unsigned long long)e.bits, e.flags);
        }
        tcg_failures++;
    }
}

/* A value of the lane format: f32 pairs, f64, or (conversions from
   integers) any bits. */
static uint64_t pick(const PfTcgCase *c, const uint64_t *sp, int i)
{
    bool d = c->shape == E2K_PF_1D;

    if (c->op == E2K_PF_ITOF) {
        return i < 0 ? rnd64() : sp[i] | (uint64_t)sp[i] << 32;
    }
    if (i >= 0) {
        return sp[i];
    }
    return d ? random_value(&f64)
             : random_value(&f32) | random_value(&f32) << 32;
}

static void run_tcg_case(gconstpointer data)
{
    const PfTcgCase *c = data;
    const Fmt *f = c->shape == E2K_PF_1D ? &f64 : &f32;
    uint64_t slot = harness_assemble(3, &c->insn, 1, NULL);
    uint64_t sp[64], a, b;
    int n = specials(f, sp), rc, i, j;

    tcg_failures = 0;
    /* nearest: every pair of specials in the low lane (and for f32 in
       the high one), the other lane random; then random pairs */
    for (i = 0; i < n; i++) {
        for (j = 0; j < n; j++) {
            a = pick(c, sp, i);
            b = pick(c, sp, j);
            if (f == &f32 && c->op != E2K_PF_ITOF) {
                tcg_check(c, slot, a | random_value(f) << 32,
                          b | random_value(f) << 32, 0);
                a = a << 32 | random_value(f);
                b = b << 32 | random_value(f);
            }
            tcg_check(c, slot, a, b, 0);
        }
    }
    for (i = 0; i < 2000; i++) {
        tcg_check(c, slot, pick(c, sp, -1), pick(c, sp, -1), 0);
    }
    for (rc = 1; rc < 4; rc++) {
        for (i = 0; i < OTHER_MODE_RUNS; i++) {
            tcg_check(c, slot, pick(c, sp, -1), pick(c, sp, -1), rc);
        }
    }
    if (tcg_failures) {
        g_test_message("%s: %d mismatches", c->insn, tcg_failures);
        g_test_fail();
    }
}

/* The combined pfmul_adds (src3 + src1 * src2, each stage rounded): two
   inline stages, judged by two helper_pfop calls. */
static void test_combined(void)
{
    const char *insn = "pfmul_adds,0 %dr1, %dr2, %dr4, %dr3";
    uint64_t slot = harness_assemble(3, &insn, 1, NULL);
    int i;

    for (i = 0; i < 2000; i++) {
        uint64_t a = random_value(&f32) | random_value(&f32) << 32;
        uint64_t b = random_value(&f32) | random_value(&f32) << 32;
        uint64_t c = random_value(&f32) | random_value(&f32) << 32;
        uint64_t t, want, got;
        uint32_t fl;

        ref_env->fpu.pfpfr = E2K_FP_ALL << PFPFR_MASKS_SHIFT;
        t = helper_pfop(ref_env, a, b,
                        E2K_PF_META(E2K_PF_MUL, E2K_PF_2S, 0), 0);
        want = helper_pfop(ref_env, c, t,
                           E2K_PF_META(E2K_PF_ADD, E2K_PF_2S, 0), 0);
        harness_reset(slot);
        harness_env->wd_size = 8;
        harness_env->wptr[1].lo = a;
        harness_env->wptr[2].lo = b;
        harness_env->wptr[4].lo = c;
        harness_env->fpu.pfpfr = E2K_FP_ALL << PFPFR_MASKS_SHIFT;
        e2k_cpu_exec(harness_env);
        got = harness_env->wptr[3].lo;
        fl = harness_env->fpu.pfpfr & E2K_FP_ALL;
        g_assert_cmphex(got, ==, want);
        g_assert_cmphex(fl, ==, ref_env->fpu.pfpfr & E2K_FP_ALL);
    }
}

/* The IR of a pfadds under the default PFPFR: the lanes are fpu2 ops
   and no helper is called. */
static void test_inline_ir(void)
{
    const char *insn = "pfadds,0 %dr1, %dr2, %dr3";
    char path[] = "/tmp/vec-pf-tcg-XXXXXX";
    int fd = mkstemp(path);
    char *log = NULL;
    uint32_t fl;
    uint64_t slot;

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(qemu_set_log_filename(path, NULL));
    qemu_set_log(CPU_LOG_TB_OP);
    slot = harness_assemble(3, &insn, 1, NULL);
    run_slot(slot, 0x3f8000003f800000ULL, 0x4000000040000000ULL, 0, &fl);
    qemu_set_log(0);
    qemu_log_close();
    g_assert_true(g_file_get_contents(path, &log, NULL, NULL));
    unlink(path);
    g_assert_nonnull(strstr(log, "fpu2"));
    g_assert_null(strstr(log, "pfop"));
    g_free(log);
    g_assert_cmphex(harness_env->wptr[3].lo, ==, 0x4040000040400000ULL);
    g_assert_false(e2k_fpu_inline_retire_pending());
}

/*
 * 128-bit qpf* (v5, with --qp): each half is the 64-bit operation's
 * lanes, inline on both; four f32 (two f64) lanes against MPFR, the
 * flags of all of them in PFPFR.
 */
typedef struct QpCase {
    const char *insn;
    MpfrOp m;
    bool dbl, horiz, addsub;
} QpCase;

static const QpCase qp_cases[] = {
    { "qpfadds,0 %qpr1, %qpr2, %qpr3", m_add, false, false, false },
    { "qpfsubs,0 %qpr1, %qpr2, %qpr3", m_sub, false, false, false },
    { "qpfmuls,0 %qpr1, %qpr2, %qpr3", m_mul, false, false, false },
    { "qpfhadds,0 %qpr1, %qpr2, %qpr3", m_add, false, true, false },
    { "qpfaddsubs,0 %qpr1, %qpr2, %qpr3", m_add, false, false, true },
    { "qpfaddd,0 %qpr1, %qpr2, %qpr3", m_add, true, false, false },
    { "qpfsubd,0 %qpr1, %qpr2, %qpr3", m_sub, true, false, false },
    { "qpfmuld,0 %qpr1, %qpr2, %qpr3", m_mul, true, false, false },
};

/* Lane @i of the 128-bit value @v (bits 32i.. or 64i..). */
static uint64_t qlane(const uint64_t *v, bool dbl, int i)
{
    return dbl ? v[i] : v[i / 2] >> (32 * (i % 2)) & 0xffffffffULL;
}

static void qp_check(const QpCase *c, uint64_t slot, const uint64_t *a,
                     const uint64_t *b)
{
    CPUE2KState *cpu = harness_env;
    int n = c->dbl ? 2 : 4, i;
    uint64_t want[2] = { 0, 0 }, x[2], s[8];
    uint32_t flags = 0;
    Expect l;

    for (i = 0; i < n; i++) {
        MpfrOp m = c->m;

        if (c->horiz) {
            /* result lane i: lanes 2i and 2i+1 of src1 (i < 2), src2 */
            for (int k = 0; k < 4; k++) {
                s[k] = qlane(a, false, k);
                s[4 + k] = qlane(b, false, k);
            }
            x[0] = s[2 * i];
            x[1] = s[2 * i + 1];
        } else {
            x[0] = qlane(a, c->dbl, i);
            x[1] = qlane(b, c->dbl, i);
            if (c->addsub && !(i & 1)) {
                m = m_sub;
            }
        }
        l = oracle(c->dbl ? &f64 : &f32, m, x, 2, 0, true, false);
        want[c->dbl ? i : i / 2] |= c->dbl ? l.bits
                                 : (l.bits & 0xffffffffULL) << (32 * (i % 2));
        flags |= l.flags;
    }
    harness_reset(slot);
    cpu->wd_size = 8;
    cpu->wptr[1].lo = a[0];
    cpu->wptr[1].hi = a[1];
    cpu->wptr[2].lo = b[0];
    cpu->wptr[2].hi = b[1];
    cpu->fpu.pfpfr = E2K_FP_ALL << PFPFR_MASKS_SHIFT;
    e2k_cpu_exec(cpu);
    if (cpu->wptr[3].lo != want[0] || cpu->wptr[3].hi != want[1] ||
        (cpu->fpu.pfpfr & E2K_FP_ALL) != flags) {
        if (tcg_failures < 20) {
            g_test_message("%s %016llx:%016llx %016llx:%016llx: got "
                           "%016llx:%016llx flags %02x, MPFR %016llx:%016llx"
                           " flags %02x", c->insn,
                           (unsigned long long)a[1], (unsigned long long)a[0],
                           (unsigned long long)b[1], (unsigned long long)b[0],
                           (unsigned long long)cpu->wptr[3].hi,
                           (unsigned long long)cpu->wptr[3].lo,
                           cpu->fpu.pfpfr & E2K_FP_ALL,
                           (unsigned long long)want[1],
                           (unsigned long long)want[0], flags);
        }
        tcg_failures++;
    }
}

static void run_qp_case(gconstpointer data)
{
    const QpCase *c = data;
    const Fmt *f = c->dbl ? &f64 : &f32;
    uint64_t slot = harness_assemble(5, &c->insn, 1, NULL);
    uint64_t sp[64], a[2], b[2];
    int n = specials(f, sp), i, j, k;

    tcg_failures = 0;
    for (i = 0; i < n; i++) {
        for (j = 0; j < n; j++) {
            for (k = 0; k < 2; k++) {
                a[k] = b[k] = 0;
                if (c->dbl) {
                    a[k] = sp[i];
                    b[k] = sp[j];
                    a[!k] = random_value(f);
                    b[!k] = random_value(f);
                } else {
                    a[k] = sp[i] << 32 * k | random_value(f) << 32 * !k;
                    b[k] = sp[j] << 32 * k | random_value(f) << 32 * !k;
                    a[!k] = random_value(f) | random_value(f) << 32;
                    b[!k] = random_value(f) | random_value(f) << 32;
                }
                qp_check(c, slot, a, b);
            }
        }
    }
    for (i = 0; i < 2000; i++) {
        for (k = 0; k < 2; k++) {
            a[k] = c->dbl ? random_value(f)
                          : random_value(f) | random_value(f) << 32;
            b[k] = c->dbl ? random_value(f)
                          : random_value(f) | random_value(f) << 32;
        }
        qp_check(c, slot, a, b);
    }
    if (tcg_failures) {
        g_test_message("%s: %d mismatches", c->insn, tcg_failures);
        g_test_fail();
    }
}

int main(int argc, char **argv)
{
    size_t i;

    if (argc > 1 && !strcmp(argv[argc - 1], "--qp")) {
        argc--;
        harness_init(&argc, &argv, "e8c2", 5, 1);
        env = harness_env;
        for (i = 0; i < G_N_ELEMENTS(qp_cases); i++) {
            char *path = g_strdup_printf("/e2k-vec/tcg/qp/%.*s",
                                         (int)strcspn(qp_cases[i].insn, ","),
                                         qp_cases[i].insn);

            g_test_add_data_func(path, &qp_cases[i], run_qp_case);
            g_free(path);
        }
        return g_test_run();
    }
    harness_init(&argc, &argv, "e2s", 3, 1);
    env = harness_env;
    ref_env = g_new0(CPUE2KState, 1);
    g_test_add_func("/e2k-vec/tcg/inline-ir", test_inline_ir);
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *path = g_strdup_printf("/e2k-vec/tcg/%.*s",
                                     (int)strcspn(cases[i].insn, ","),
                                     cases[i].insn);

        g_test_add_data_func(path, &cases[i], run_tcg_case);
        g_free(path);
    }
    g_test_add_func("/e2k-vec/tcg/pfmul_adds", test_combined);
    return g_test_run();
}
