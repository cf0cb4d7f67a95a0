/*
 * e2k FPU helpers against an independent oracle.
 *
 * Each f32/f64 helper of target/e2k/fpu_helper.c is run on special
 * values (zeros, denormals, smallest/largest normals, infinities, quiet
 * and signaling NaNs, halfway cases) and on seeded random inputs, in
 * every rounding mode, and its result and IEEE flags are compared with
 * MPFR's correctly rounded result: exponent range and subnormals
 * emulated with mpfr_set_emin/emax + mpfr_subnormalize, inexact from the
 * ternary value, overflow from MPFR, underflow as tiny (after rounding,
 * see below) and inexact, invalid from MPFR's NaN result, division by
 * zero from MPFR's flag.
 *
 * Where IEEE leaves a choice, the expectations say what e2k does, with
 * the source in docs/devel/e2k-fpu.md: a NaN result without a NaN operand
 * is the default NaN (negative quiet), a NaN operand propagates quieted
 * (the first one in operand order), float -> integer overflow or NaN
 * gives the most negative integer, tininess is detected after rounding,
 * and DE (denormal operand, not an IEEE flag) is raised by the
 * operations that raise it on x86 SSE.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <x86intrin.h>
#include <glib.h>
#include <mpfr.h>

#include "target/e2k/fpu_helper.h"
#include "target/e2k/opsem.h"
#include "target/e2k/helper.h"

/* The helpers raise guest signals through this; here it unwinds to the
   test, which never unmasks an exception, so it must not be reached. */
static sigjmp_buf raise_jmp;
static int raised_sig, raised_code;

void e2k_raise_signal(CPUE2KState *env, int sig, int code, uint64_t addr,
                      uint64_t pc)
{
    raised_sig = sig;
    raised_code = code;
    siglongjmp(raise_jmp, 1);
}

static CPUE2KState *env;

typedef struct Fmt {
    const char *name;
    int prec;
    mpfr_exp_t emin, emax;      /* MPFR exponents (0.5 <= m < 1) */
    mpfr_exp_t normal_emin;     /* MPFR exponent of the smallest normal */
    int ebits;
    uint64_t default_nan, quiet_bit;
} Fmt;

static const Fmt f32 = { "f32", 24, -148, 128, -125, 8, 0xffc00000u,
                         0x00400000u };
static const Fmt f64 = { "f64", 53, -1073, 1024, -1021, 11,
                         0xfff8000000000000ull, 0x0008000000000000ull };

static const mpfr_rnd_t rnd_of[4] = { MPFR_RNDN, MPFR_RNDD, MPFR_RNDU,
                                      MPFR_RNDZ };
static const char *const rnd_name[4] = { "nearest", "down", "up", "zero" };

static uint64_t abs_mask(const Fmt *f)
{
    return f->prec == 24 ? 0x7fffffffu : 0x7fffffffffffffffull;
}

static uint64_t exp_mask(const Fmt *f)
{
    return f->prec == 24 ? 0x7f800000u : 0x7ff0000000000000ull;
}

static bool is_nan(const Fmt *f, uint64_t v)
{
    return (v & abs_mask(f)) > exp_mask(f);
}

static bool is_snan(const Fmt *f, uint64_t v)
{
    return is_nan(f, v) && !(v & f->quiet_bit);
}

static bool is_denormal(const Fmt *f, uint64_t v)
{
    return !(v & exp_mask(f)) && (v & abs_mask(f));
}

static void load(const Fmt *f, mpfr_t m, uint64_t v)
{
    if (f->prec == 24) {
        uint32_t u = v;
        float x;

        memcpy(&x, &u, 4);
        mpfr_set_flt(m, x, MPFR_RNDN);
    } else {
        double x;

        memcpy(&x, &v, 8);
        mpfr_set_d(m, x, MPFR_RNDN);
    }
}

static uint64_t store(const Fmt *f, mpfr_t m)
{
    if (f->prec == 24) {
        float x = mpfr_get_flt(m, MPFR_RNDN);
        uint32_t u;

        memcpy(&u, &x, 4);
        return u;
    } else {
        double x = mpfr_get_d(m, MPFR_RNDN);
        uint64_t u;

        memcpy(&u, &x, 8);
        return u;
    }
}

/* An MPFR operation on up to three operands. */
typedef int (*MpfrOp)(mpfr_ptr r, mpfr_ptr *in, mpfr_rnd_t rnd);

static int m_add(mpfr_ptr r, mpfr_ptr *in, mpfr_rnd_t d)
{
    return mpfr_add(r, in[0], in[1], d);
}

static int m_sub(mpfr_ptr r, mpfr_ptr *in, mpfr_rnd_t d)
{
    return mpfr_sub(r, in[0], in[1], d);
}

static int m_mul(mpfr_ptr r, mpfr_ptr *in, mpfr_rnd_t d)
{
    return mpfr_mul(r, in[0], in[1], d);
}

static int m_div(mpfr_ptr r, mpfr_ptr *in, mpfr_rnd_t d)
{
    return mpfr_div(r, in[0], in[1], d);
}

static int m_sqrt(mpfr_ptr r, mpfr_ptr *in, mpfr_rnd_t d)
{
    return mpfr_sqrt(r, in[0], d);
}

static int m_fma(mpfr_ptr r, mpfr_ptr *in, mpfr_rnd_t d)
{
    return mpfr_fma(r, in[0], in[1], in[2], d);
}

static int m_fms(mpfr_ptr r, mpfr_ptr *in, mpfr_rnd_t d)
{
    return mpfr_fms(r, in[0], in[1], in[2], d);
}

/* -(a * b) + c and -(a * b) - c: (-a) * b is exact */
static int m_fnma(mpfr_ptr r, mpfr_ptr *in, mpfr_rnd_t d)
{
    mpfr_t na;
    int t;

    mpfr_init2(na, mpfr_get_prec(in[0]));
    mpfr_neg(na, in[0], MPFR_RNDN);
    t = mpfr_fma(r, na, in[1], in[2], d);
    mpfr_clear(na);
    return t;
}

static int m_fnms(mpfr_ptr r, mpfr_ptr *in, mpfr_rnd_t d)
{
    mpfr_t na;
    int t;

    mpfr_init2(na, mpfr_get_prec(in[0]));
    mpfr_neg(na, in[0], MPFR_RNDN);
    t = mpfr_fms(r, na, in[1], in[2], d);
    mpfr_clear(na);
    return t;
}

/* What a correctly rounded operation in format @f gives. */
typedef struct Expect {
    uint64_t bits;
    uint32_t flags;
} Expect;

static Expect oracle(const Fmt *f, MpfrOp op, const uint64_t *v, int n,
                     int rc, bool de_flag, bool negate_zero_fix)
{
    Expect e = { 0, 0 };
    mpfr_t in[3], r, u, tiny;
    mpfr_ptr ip[3];
    mpfr_rnd_t rnd = rnd_of[rc];
    int i, t, tu;
    bool any_snan = false, ovf;

    for (i = 0; i < n; i++) {
        any_snan |= is_snan(f, v[i]);
    }
    for (i = 0; i < n; i++) {
        if (is_nan(f, v[i])) {
            /* the first NaN operand, quieted */
            e.bits = v[i] | f->quiet_bit;
            e.flags = any_snan ? E2K_FP_IE : 0;
            return e;
        }
    }
    for (i = 0; i < n; i++) {
        mpfr_init2(in[i], f->prec);
        load(f, in[i], v[i]);
        ip[i] = in[i];
        if (de_flag && is_denormal(f, v[i])) {
            e.flags |= E2K_FP_DE;
        }
    }
    /* rounded to the precision, unbounded exponent: for tininess */
    mpfr_init2(u, f->prec);
    mpfr_clear_flags();
    tu = op(u, ip, rnd);
    (void)tu;
    if (mpfr_nan_p(u)) {
        e.bits = f->default_nan;
        e.flags = E2K_FP_IE;    /* SSE: invalid without DE */
        goto out_u;
    }
    if (mpfr_divby0_p()) {
        /* SSE reports a division by zero without DE */
        e.flags = E2K_FP_ZE;
    }
    /* in the format's range, with subnormals */
    mpfr_set_emin(f->emin);
    mpfr_set_emax(f->emax);
    mpfr_init2(r, f->prec);
    mpfr_clear_flags();
    t = op(r, ip, rnd);
    t = mpfr_check_range(r, t, rnd);
    t = mpfr_subnormalize(r, t, rnd);
    ovf = mpfr_overflow_p();
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    if (t) {
        e.flags |= E2K_FP_PE;
    }
    if (ovf) {
        e.flags |= E2K_FP_OE;
    }
    /* tiny after rounding: |u| below the smallest normal */
    mpfr_init2(tiny, 2);
    mpfr_set_ui_2exp(tiny, 1, f->normal_emin - 1, MPFR_RNDN);
    if (t && mpfr_regular_p(u) && mpfr_cmpabs(u, tiny) < 0) {
        e.flags |= E2K_FP_UE;
    }
    mpfr_clear(tiny);
    e.bits = store(f, r);
    (void)negate_zero_fix;
    mpfr_clear(r);
out_u:
    mpfr_clear(u);
    for (i = 0; i < n; i++) {
        mpfr_clear(in[i]);
    }
    return e;
}

static int m_set(mpfr_ptr r, mpfr_ptr *in, mpfr_rnd_t d)
{
    return mpfr_set(r, in[0], d);
}

/* @x (exact, any precision) rounded into format @f: result and flags. */
static Expect oracle_set(const Fmt *f, mpfr_t x, int rc)
{
    Expect e = { 0, 0 };
    mpfr_t r, u, tiny;
    mpfr_ptr ip[1] = { x };
    mpfr_rnd_t rnd = rnd_of[rc];
    int t;
    bool ovf;

    if (mpfr_zero_p(x) || mpfr_inf_p(x)) {
        mpfr_init2(r, f->prec);
        mpfr_set(r, x, MPFR_RNDN);
        e.bits = store(f, r);
        mpfr_clear(r);
        return e;
    }
    mpfr_init2(u, f->prec);
    m_set(u, ip, rnd);
    mpfr_set_emin(f->emin);
    mpfr_set_emax(f->emax);
    mpfr_init2(r, f->prec);
    mpfr_clear_flags();
    t = m_set(r, ip, rnd);
    t = mpfr_check_range(r, t, rnd);
    t = mpfr_subnormalize(r, t, rnd);
    ovf = mpfr_overflow_p();
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    e.flags = (t ? E2K_FP_PE : 0) | (ovf ? E2K_FP_OE : 0);
    mpfr_init2(tiny, 2);
    mpfr_set_ui_2exp(tiny, 1, f->normal_emin - 1, MPFR_RNDN);
    if (t && mpfr_cmpabs(u, tiny) < 0) {
        e.flags |= E2K_FP_UE;
    }
    e.bits = store(f, r);
    mpfr_clears(r, u, tiny, (mpfr_ptr)NULL);
    return e;
}

/* Run a helper with rounding @rc, every exception masked, no flags. */
static void prepare(int rc)
{
    env->fpu.pfpfr = (E2K_FP_ALL << PFPFR_MASKS_SHIFT) |
                     ((uint32_t)rc << PFPFR_RC_SHIFT);
}

static uint32_t flags_after(void)
{
    return env->fpu.pfpfr & E2K_FP_ALL;
}

/* ---- inputs ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd64(void)
{
    /* xorshift64*: seeded, so a failure reproduces */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static uint64_t make(const Fmt *f, int sign, int64_t biased_exp,
                     uint64_t mant)
{
    int mbits = f->prec - 1;
    int total = f->prec == 24 ? 32 : 64;

    return ((uint64_t)sign << (total - 1)) |
           ((uint64_t)biased_exp << mbits) |
           (mant & ((1ull << mbits) - 1));
}

/* Special values of format @f; returns how many. */
static int specials(const Fmt *f, uint64_t *out)
{
    int bias = (1 << (f->ebits - 1)) - 1;
    int emax = (1 << f->ebits) - 1;
    uint64_t mmax = (1ull << (f->prec - 1)) - 1;
    int n = 0, s;

    for (s = 0; s < 2; s++) {
        out[n++] = make(f, s, 0, 0);                 /* zero */
        out[n++] = make(f, s, 0, 1);                 /* smallest denormal */
        out[n++] = make(f, s, 0, mmax);              /* largest denormal */
        out[n++] = make(f, s, 1, 0);                 /* smallest normal */
        out[n++] = make(f, s, 1, 1);
        out[n++] = make(f, s, emax - 1, mmax);       /* largest normal */
        out[n++] = make(f, s, emax - 1, 0);
        out[n++] = make(f, s, bias, 0);              /* 1 */
        out[n++] = make(f, s, bias, 1);              /* 1 + ulp */
        out[n++] = make(f, s, bias - 1, mmax);       /* 1 - ulp/2 */
        out[n++] = make(f, s, bias, 1ull << (f->prec - 2));   /* 1.5 */
        out[n++] = make(f, s, bias + 1, 1ull << (f->prec - 2)); /* 3 */
        out[n++] = make(f, s, bias - 2, mmax / 3);   /* ~1/3 */
        out[n++] = make(f, s, bias - f->prec, 0);    /* half an ulp of 1 */
        out[n++] = make(f, s, bias - f->prec, 1);    /* just above */
        out[n++] = make(f, s, emax, 0);              /* infinity */
        out[n++] = make(f, s, emax, 1ull << (f->prec - 2)); /* qNaN */
        out[n++] = make(f, s, emax, 1);              /* sNaN */
    }
    return n;
}

/* A random value: any bits, or a finite value from a narrow exponent
   band (so that sums cancel and round), or one near the denormals. */
static uint64_t random_value(const Fmt *f)
{
    int bias = (1 << (f->ebits - 1)) - 1;
    int emax = (1 << f->ebits) - 1;
    uint64_t r = rnd64(), m = rnd64();
    int sign = r & 1;

    switch ((r >> 1) % 4) {
    case 0:
        return f->prec == 24 ? (uint32_t)m : m;
    case 1:
        return make(f, sign, bias - 4 + (int)((r >> 8) % 9), m);
    case 2:
        return make(f, sign, (r >> 8) % 4, m);
    default:
        return make(f, sign, 1 + (r >> 8) % (emax - 1), m);
    }
}

/* ---- the checks ---- */

typedef uint64_t (*Helper2)(CPUE2KState *, uint64_t, uint64_t, uint64_t);
typedef uint64_t (*Helper1)(CPUE2KState *, uint64_t, uint64_t);
typedef uint64_t (*Helper3)(CPUE2KState *, uint64_t, uint64_t, uint64_t,
                            uint64_t);

typedef struct OpCase {
    const char *name;
    const Fmt *fmt;
    int nargs;
    void *helper;
    MpfrOp op;
    bool de;            /* raises DE on a denormal operand (SSE) */
} OpCase;

static int failures;

static void check_one(const OpCase *c, const uint64_t *v, int rc)
{
    Expect e = oracle(c->fmt, c->op, v, c->nargs, rc, c->de, false);
    uint64_t got;
    uint32_t fl;

    prepare(rc);
    if (sigsetjmp(raise_jmp, 0)) {
        g_test_message("%s raised signal %d code %d", c->name, raised_sig,
                       raised_code);
        failures++;
        return;
    }
    switch (c->nargs) {
    case 1:
        got = ((Helper1)c->helper)(env, v[0], 0);
        break;
    case 2:
        got = ((Helper2)c->helper)(env, v[0], v[1], 0);
        break;
    default:
        got = ((Helper3)c->helper)(env, v[0], v[1], v[2], 0);
        break;
    }
    fl = flags_after();
    if (got != e.bits || fl != e.flags) {
        if (failures < 20) {
            g_test_message("%s %s (%s) %llx %llx %llx: got %llx flags %02x, "
                           "MPFR %llx flags %02x", c->name, c->fmt->name,
                           rnd_name[rc], (unsigned long long)v[0],
                           (unsigned long long)(c->nargs > 1 ? v[1] : 0),
                           (unsigned long long)(c->nargs > 2 ? v[2] : 0),
                           (unsigned long long)got, fl,
                           (unsigned long long)e.bits, e.flags);
        }
        failures++;
    }
}

#define RANDOM_CASES 4000

static void run_case(gconstpointer data)
{
    const OpCase *c = data;
    uint64_t sp[64], v[3];
    int n = specials(c->fmt, sp), rc, i, j, k;

    failures = 0;
    for (rc = 0; rc < 4; rc++) {
        /* every special value in every operand position */
        for (i = 0; i < n; i++) {
            for (j = 0; j < (c->nargs > 1 ? n : 1); j++) {
                for (k = 0; k < (c->nargs > 2 ? n : 1); k += 3) {
                    v[0] = sp[i];
                    v[1] = sp[j];
                    v[2] = sp[(k + i) % n];
                    check_one(c, v, rc);
                }
            }
        }
        for (i = 0; i < RANDOM_CASES; i++) {
            v[0] = random_value(c->fmt);
            v[1] = random_value(c->fmt);
            v[2] = random_value(c->fmt);
            check_one(c, v, rc);
        }
    }
    if (failures) {
        g_test_message("%s: %d mismatches", c->name, failures);
        g_test_fail();
    }
}

static const OpCase arith_cases[] = {
    { "fadds", &f32, 2, (void *)helper_fadds, m_add, true },
    { "faddd", &f64, 2, (void *)helper_faddd, m_add, true },
    { "fsubs", &f32, 2, (void *)helper_fsubs, m_sub, true },
    { "fsubd", &f64, 2, (void *)helper_fsubd, m_sub, true },
    { "fmuls", &f32, 2, (void *)helper_fmuls, m_mul, true },
    { "fmuld", &f64, 2, (void *)helper_fmuld, m_mul, true },
    { "fdivs", &f32, 2, (void *)helper_fdivs, m_div, true },
    { "fdivd", &f64, 2, (void *)helper_fdivd, m_div, true },
    { "fsqrts", &f32, 1, (void *)helper_fsqrts, m_sqrt, true },
    { "fsqrtd", &f64, 1, (void *)helper_fsqrtd, m_sqrt, true },
    { "fmas", &f32, 3, (void *)helper_fmas, m_fma, true },
    { "fmad", &f64, 3, (void *)helper_fmad, m_fma, true },
    { "fmss", &f32, 3, (void *)helper_fmss, m_fms, true },
    { "fmsd", &f64, 3, (void *)helper_fmsd, m_fms, true },
    { "fnmas", &f32, 3, (void *)helper_fnmas, m_fnma, true },
    { "fnmad", &f64, 3, (void *)helper_fnmad, m_fnma, true },
    { "fnmss", &f32, 3, (void *)helper_fnmss, m_fnms, true },
    { "fnmsd", &f64, 3, (void *)helper_fnmsd, m_fnms, true },
};

/* ---- conversions, compares, min/max, scale, round to integral ---- */

static const Fmt *fmt_of(int ti)
{
    return ti ? &f64 : &f32;
}

/* @got must be computed before the call (C leaves the order of
   argument evaluation open), so the flags are read here. */
static void report(const char *name, const char *rn, uint64_t a, uint64_t b,
                   uint64_t got, uint64_t want, uint32_t wfl)
{
    uint32_t fl = flags_after();

    if (got != want || fl != wfl) {
        if (failures < 20) {
            g_test_message("%s (%s) %llx %llx: got %llx flags %02x, "
                           "expected %llx flags %02x", name, rn,
                           (unsigned long long)a, (unsigned long long)b,
                           (unsigned long long)got, fl,
                           (unsigned long long)want, wfl);
        }
        failures++;
    }
}

static void finish(const char *name)
{
    if (failures) {
        g_test_message("%s: %d mismatches", name, failures);
        g_test_fail();
    }
}

/* Inputs for a one-operand test in format @f: specials, then random. */
static int inputs(const Fmt *f, uint64_t *v, int max)
{
    int n = specials(f, v), i;

    for (i = n; i < max; i++) {
        v[i] = random_value(f);
    }
    return max;
}

/* f32 <-> f64: a NaN keeps its sign and the top of its payload. */
static void test_fp_to_fp(void)
{
    static uint64_t v[RANDOM_CASES];
    int dir, rc, i, n;

    failures = 0;
    for (dir = 0; dir < 2; dir++) {
        const Fmt *fi = fmt_of(dir == 0 ? 0 : 1), *fo = fmt_of(dir == 0);

        n = inputs(fi, v, RANDOM_CASES);
        for (rc = 0; rc < 4; rc++) {
            for (i = 0; i < n; i++) {
                uint64_t got, want;
                uint32_t wfl = 0;

                if (is_nan(fi, v[i])) {
                    uint64_t sign = v[i] >> (fi->prec == 24 ? 31 : 63);
                    uint64_t pay = v[i] & (fi->quiet_bit * 2 - 1);

                    pay = dir == 0 ? pay << 29 : pay >> 29;
                    want = (sign << (fo->prec == 24 ? 31 : 63)) |
                           exp_mask(fo) | fo->quiet_bit | pay;
                    wfl = is_snan(fi, v[i]) ? E2K_FP_IE : 0;
                } else {
                    mpfr_t x;
                    Expect e;

                    mpfr_init2(x, fi->prec);
                    load(fi, x, v[i]);
                    e = oracle_set(fo, x, rc);
                    mpfr_clear(x);
                    want = e.bits;
                    wfl = e.flags | (is_denormal(fi, v[i]) ? E2K_FP_DE : 0);
                }
                prepare(rc);
                got = dir == 0 ? helper_fstofd(env, v[i], 0) :
                                 helper_fdtofs(env, v[i], 0);
                report(dir == 0 ? "fstofd" : "fdtofs", rnd_name[rc], v[i], 0,
                       got, want, wfl);
            }
        }
    }
    finish("fp_to_fp");
}

/* integer -> f32/f64 */
static void test_int_to_fp(void)
{
    static const struct {
        const char *name;
        Helper1 h;
        bool is64;
        int to;
    } ops[] = {
        { "istofs", helper_istofs, false, 0 },
        { "istofd", helper_istofd, false, 1 },
        { "idtofs", helper_idtofs, true, 0 },
        { "idtofd", helper_idtofd, true, 1 },
    };
    size_t k;
    int rc, i;

    failures = 0;
    for (k = 0; k < G_N_ELEMENTS(ops); k++) {
        for (rc = 0; rc < 4; rc++) {
            for (i = 0; i < RANDOM_CASES; i++) {
                uint64_t r = rnd64(), a, got;
                int64_t iv;
                mpfr_t x;
                Expect e;

                /* random widths, so that small and exact values occur */
                a = i < 64 ? (i & 1 ? -1ull << (i / 2) : 1ull << (i / 2)) :
                    r >> (rnd64() % 64);
                iv = ops[k].is64 ? (int64_t)a : (int64_t)(int32_t)a;
                mpfr_init2(x, 64);
                mpfr_set_si(x, (long)iv, MPFR_RNDN);
                e = oracle_set(fmt_of(ops[k].to), x, rc);
                mpfr_clear(x);
                prepare(rc);
                got = ops[k].h(env, a, 0);
                report(ops[k].name, rnd_name[rc], a, 0, got, e.bits, e.flags);
            }
        }
    }
    finish("int_to_fp");
}

/* f32/f64 -> integer: round (current mode or toward zero); NaN and
   out-of-range give the most negative integer and IE. */
static void test_fp_to_int(void)
{
    static const struct {
        const char *name;
        Helper1 h;
        int from;
        bool is64, trunc;
    } ops[] = {
        { "fstois", helper_fstois, 0, false, false },
        { "fstoistr", helper_fstoistr, 0, false, true },
        { "fstoid", helper_fstoid, 0, true, false },
        { "fstoidtr", helper_fstoidtr, 0, true, true },
        { "fdtois", helper_fdtois, 1, false, false },
        { "fdtoistr", helper_fdtoistr, 1, false, true },
        { "fdtoid", helper_fdtoid, 1, true, false },
        { "fdtoidtr", helper_fdtoidtr, 1, true, true },
    };
    static uint64_t v[RANDOM_CASES];
    size_t k;
    int rc, i, n;

    failures = 0;
    for (k = 0; k < G_N_ELEMENTS(ops); k++) {
        const Fmt *f = fmt_of(ops[k].from);

        n = inputs(f, v, RANDOM_CASES);
        /* values around the integer limits and halfway points */
        for (i = 0; i < 64; i++) {
            mpfr_t x;

            mpfr_init2(x, f->prec);
            mpfr_set_si_2exp(x, (i & 1 ? -1 : 1) * (long)(2 + (i / 2) % 5),
                             (i / 10) % 2 ? (ops[k].is64 ? 61 : 29) : -1,
                             MPFR_RNDN);
            v[64 + i] = store(f, x);
            mpfr_clear(x);
        }
        for (rc = 0; rc < 4; rc++) {
            for (i = 0; i < n; i++) {
                uint64_t got, want, indef = ops[k].is64 ? 0x8000000000000000ull :
                                                     0x80000000u;
                uint32_t wfl = 0;

                if (is_nan(f, v[i])) {
                    want = indef;
                    wfl = E2K_FP_IE;
                } else {
                    mpfr_t x, r, lo, hi;
                    int t;

                    mpfr_inits2(200, x, r, lo, hi, (mpfr_ptr)NULL);
                    load(f, x, v[i]);
                    t = mpfr_rint(r, x, ops[k].trunc ? MPFR_RNDZ : rnd_of[rc]);
                    mpfr_set_si_2exp(lo, -1, ops[k].is64 ? 63 : 31,
                                     MPFR_RNDN);
                    mpfr_neg(hi, lo, MPFR_RNDN);
                    if (mpfr_inf_p(x) || mpfr_cmp(r, lo) < 0 ||
                        mpfr_cmp(r, hi) >= 0) {
                        want = indef;
                        wfl = E2K_FP_IE;
                    } else {
                        int64_t iv = mpfr_get_si(r, MPFR_RNDN);

                        want = ops[k].is64 ? (uint64_t)iv :
                                             (uint32_t)(int32_t)iv;
                        wfl = t ? E2K_FP_PE : 0;
                    }
                    mpfr_clears(x, r, lo, hi, (mpfr_ptr)NULL);
                }
                prepare(rc);
                got = ops[k].h(env, v[i], 0);
                report(ops[k].name, rnd_name[rc], v[i], 0, got, want, wfl);
            }
        }
    }
    finish("fp_to_int");
}

/* Compares: the eight conditions; 1, 2, 5, 6 (lt, le, nlt, nle) signal
   IE on any NaN, the others on a signaling NaN only.  The flag compares
   (fcmpod*f signalling, fcmpud*f quiet) give x86's (u)comis flags. */
static void test_compare(void)
{
    static uint64_t va[RANDOM_CASES], vb[RANDOM_CASES];
    int ti, cond, i, j, n;

    failures = 0;
    for (ti = 0; ti < 2; ti++) {
        const Fmt *f = fmt_of(ti);

        n = specials(f, va);
        memcpy(vb, va, sizeof(uint64_t) * n);
        for (cond = 0; cond < 8; cond++) {
            for (i = 0; i < n + 200; i++) {
                for (j = 0; j < (i < n ? n : 1); j++) {
                    uint64_t a = i < n ? va[i] : random_value(f);
                    uint64_t b = i < n ? vb[j] : (rnd64() & 1 ? a :
                                                  random_value(f));
                    bool un = is_nan(f, a) || is_nan(f, b), want = false;
                    uint64_t got;
                    bool lt = false, eq = false;
                    uint32_t wfl = 0;

                    if (!un) {
                        mpfr_t x, y;

                        mpfr_inits2(f->prec, x, y, (mpfr_ptr)NULL);
                        load(f, x, a);
                        load(f, y, b);
                        lt = mpfr_less_p(x, y);
                        eq = mpfr_equal_p(x, y);
                        mpfr_clears(x, y, (mpfr_ptr)NULL);
                        if (is_denormal(f, a) || is_denormal(f, b)) {
                            wfl = E2K_FP_DE;
                        }
                    }
                    switch (cond) {
                    case E2K_FCMP_EQ: want = !un && eq; break;
                    case E2K_FCMP_LT: want = !un && lt; break;
                    case E2K_FCMP_LE: want = !un && (lt || eq); break;
                    case E2K_FCMP_UOD: want = un; break;
                    case E2K_FCMP_NEQ: want = un || !eq; break;
                    case E2K_FCMP_NLT: want = un || !lt; break;
                    case E2K_FCMP_NLE: want = un || !(lt || eq); break;
                    case E2K_FCMP_OD: want = !un; break;
                    }
                    if (is_snan(f, a) || is_snan(f, b) ||
                        (un && (cond == 1 || cond == 2 || cond == 5 ||
                                cond == 6))) {
                        wfl = E2K_FP_IE;
                    }
                    prepare(0);
                    got = (ti ? helper_fcmpd : helper_fcmps)(env, a, b, cond,
                                                             0);
                    report(ti ? "fcmpd" : "fcmps", "cond", a, b, got, want,
                           wfl);
                    if (cond == E2K_FCMP_OD || cond == E2K_FCMP_UOD) {
                        /* (u)comis-style flags: ZF 0x40, PF 0x04, CF 1 */
                        uint64_t fwant = un ? 0x45 : lt ? 0x01 : eq ? 0x40 : 0;
                        uint32_t ffl = wfl;

                        if (un) {
                            ffl = is_snan(f, a) || is_snan(f, b) ||
                                  cond == E2K_FCMP_OD ? E2K_FP_IE : 0;
                        }
                        prepare(0);
                        got = (ti ? helper_fcmpfd : helper_fcmpfs)(env, a, b,
                                                                   cond, 0);
                        report(ti ? "fcmpfd" : "fcmpfs", "flags", a, b, got,
                               fwant, ffl);
                    }
                }
            }
        }
    }
    finish("compare");
}

/* min/max: SSE's rule -- src2 when either is a NaN (unchanged, IE) or
   both are zeros. */
static void test_minmax(void)
{
    static uint64_t v[64];
    int ti, mx, i, j, n;

    failures = 0;
    for (ti = 0; ti < 2; ti++) {
        const Fmt *f = fmt_of(ti);

        n = specials(f, v);
        for (mx = 0; mx < 2; mx++) {
            for (i = 0; i < n + 2000; i++) {
                for (j = 0; j < (i < n ? n : 1); j++) {
                    uint64_t a = i < n ? v[i] : random_value(f);
                    uint64_t b = i < n ? v[j] : random_value(f);
                    uint64_t want, got;
                    uint32_t wfl = 0;
                    Helper2 h = ti ? (mx ? helper_fmaxd : helper_fmind) :
                                     (mx ? helper_fmaxs : helper_fmins);

                    if (is_nan(f, a) || is_nan(f, b)) {
                        want = b;
                        wfl = E2K_FP_IE;
                    } else {
                        mpfr_t x, y;

                        mpfr_inits2(f->prec, x, y, (mpfr_ptr)NULL);
                        load(f, x, a);
                        load(f, y, b);
                        want = (mx ? mpfr_greater_p(x, y) :
                                     mpfr_less_p(x, y)) ? a : b;
                        mpfr_clears(x, y, (mpfr_ptr)NULL);
                        if (is_denormal(f, a) || is_denormal(f, b)) {
                            wfl = E2K_FP_DE;
                        }
                    }
                    prepare(0);
                    got = h(env, a, b, 0);
                    report(mx ? "fmax" : "fmin", f->name, a, b, got, want,
                           wfl);
                }
            }
        }
    }
    finish("minmax");
}

/* fscale: a * 2^n rounded once. */
static void test_scale(void)
{
    static uint64_t v[RANDOM_CASES];
    static const int32_t special_n[] = {
        0, 1, -1, 2, 23, 24, 52, 53, 126, 127, 128, -126, -127, -149, -150,
        1022, 1023, 1024, -1022, -1023, -1074, -1075, 2000, -2000, 3000,
        -3000, INT32_MAX, INT32_MIN,
    };
    int ti, rc, i, k, n;

    failures = 0;
    for (ti = 0; ti < 2; ti++) {
        const Fmt *f = fmt_of(ti);

        n = inputs(f, v, 1000);
        for (rc = 0; rc < 4; rc++) {
            for (i = 0; i < n; i++) {
                for (k = 0; k < (int)G_N_ELEMENTS(special_n) + 4; k++) {
                    int32_t sn = k < (int)G_N_ELEMENTS(special_n) ?
                                 special_n[k] : (int32_t)(rnd64() % 4400) - 2200;
                    uint64_t want, got;
                    uint32_t wfl;

                    if (is_nan(f, v[i])) {
                        want = v[i] | f->quiet_bit;
                        wfl = is_snan(f, v[i]) ? E2K_FP_IE : 0;
                    } else {
                        mpfr_t x;
                        Expect e;

                        mpfr_init2(x, f->prec);
                        load(f, x, v[i]);
                        mpfr_mul_2si(x, x, sn, MPFR_RNDN);    /* exact */
                        e = oracle_set(f, x, rc);
                        mpfr_clear(x);
                        want = e.bits;
                        wfl = e.flags | (is_denormal(f, v[i]) ? E2K_FP_DE : 0);
                    }
                    prepare(rc);
                    got = (ti ? helper_fscaled : helper_fscales)(
                        env, v[i], (uint32_t)sn, 0);
                    report(ti ? "fscaled" : "fscales", rnd_name[rc], v[i],
                           (uint32_t)sn, got, want, wfl);
                }
            }
        }
    }
    finish("scale");
}

/* Round to integral: mode from the operand (bit 2: the current one),
   bit 3 keeps PE quiet. */
static void test_rint(void)
{
    static uint64_t v[RANDOM_CASES];
    int ti, rc, ctl, i, n;

    failures = 0;
    for (ti = 0; ti < 2; ti++) {
        const Fmt *f = fmt_of(ti);

        n = inputs(f, v, RANDOM_CASES);
        for (rc = 0; rc < 4; rc++) {
            for (ctl = 0; ctl < 16; ctl++) {
                int mode = ctl & 4 ? rc : ctl & 3;

                for (i = 0; i < n; i += 1 + (i >= 64) * 7) {
                    uint64_t want, got;
                    uint32_t wfl = 0;

                    if (is_nan(f, v[i])) {
                        want = v[i] | f->quiet_bit;
                        wfl = is_snan(f, v[i]) ? E2K_FP_IE : 0;
                    } else {
                        mpfr_t x;
                        int t;

                        mpfr_init2(x, f->prec);
                        load(f, x, v[i]);
                        t = mpfr_rint(x, x, rnd_of[mode]);
                        want = store(f, x);
                        mpfr_clear(x);
                        if (t && !(ctl & 8)) {
                            wfl = E2K_FP_PE;
                        }
                    }
                    prepare(rc);
                    got = (ti ? helper_fdtoifd : helper_fstoifs)(env, ctl,
                                                                 v[i], 0);
                    report(ti ? "fdtoifd" : "fstoifs", rnd_name[rc], ctl,
                           v[i], got, want, wfl);
                }
            }
        }
    }
    finish("rint");
}

/* PFPFR.fz: a tiny result becomes a zero of its sign, with UE and PE;
   denormal operands are still used as they are (e2k has no DAZ). */
static void test_flush_to_zero(void)
{
    uint64_t got;

    failures = 0;
    env->fpu.pfpfr = (E2K_FP_ALL << PFPFR_MASKS_SHIFT) | PFPFR_FZ;
    got = helper_fmuld(env, 0x0010000000000000ull, 0x3fe0000000000000ull, 0);
    report("fmuld fz", "nearest", 0x0010000000000000ull,
           0x3fe0000000000000ull, got, 0, E2K_FP_UE | E2K_FP_PE);
    env->fpu.pfpfr = (E2K_FP_ALL << PFPFR_MASKS_SHIFT) | PFPFR_FZ;
    got = helper_fmuls(env, 0x80800000u, 0x3f000000u, 0);
    report("fmuls fz", "nearest", 0x80800000u, 0x3f000000u, got,
           0x80000000u, E2K_FP_UE | E2K_FP_PE);
    /* a denormal operand with a normal result is not flushed */
    env->fpu.pfpfr = (E2K_FP_ALL << PFPFR_MASKS_SHIFT) | PFPFR_FZ;
    got = helper_fmuld(env, 0x0008000000000000ull, 0x4010000000000000ull, 0);
    report("fmuld fz denormal operand", "nearest", 0x0008000000000000ull,
           0x4010000000000000ull, got, 0x0020000000000000ull, E2K_FP_DE);
    finish("flush_to_zero");
}

/* An unmasked exception raises SIGFPE with its si_code and leaves
   PFPFR as it was. */
static void test_unmasked(void)
{
    static const struct {
        uint32_t unmask;
        uint64_t a, b;
        int code;
    } cases[] = {
        { E2K_FP_ZE, 0x3ff0000000000000ull, 0, E2K_FPE_FLTDIV },
        { E2K_FP_IE, 0, 0, E2K_FPE_FLTINV },
        { E2K_FP_OE, 0x7fefffffffffffffull, 0x3fe0000000000000ull,
          E2K_FPE_FLTOVF },
        { E2K_FP_PE, 0x3ff0000000000000ull, 0x4008000000000000ull,
          E2K_FPE_FLTRES },
    };
    volatile size_t i;

    failures = 0;
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        uint32_t before = (E2K_FP_ALL & ~cases[i].unmask) << PFPFR_MASKS_SHIFT;

        env->fpu.pfpfr = before;
        raised_sig = 0;
        if (!sigsetjmp(raise_jmp, 0)) {
            helper_fdivd(env, cases[i].a, cases[i].b, 0x1000);
        }
        if (raised_sig != E2K_SIGFPE || raised_code != cases[i].code ||
            env->fpu.pfpfr != before) {
            g_test_message("unmasked %02x: signal %d code %d pfpfr %x",
                           cases[i].unmask, raised_sig, raised_code,
                           env->fpu.pfpfr);
            failures++;
        }
    }
    finish("unmasked");
}

/* ---- f80 (x87-style unit, FPCR/FPSR) ---- */

typedef struct F80 {
    uint64_t m;             /* significand, explicit integer bit */
    uint16_t se;            /* sign and exponent */
} F80;

static long double ld_of(F80 v)
{
    unsigned char b[sizeof(long double)] = { 0 };
    long double x;

    memcpy(b, &v.m, 8);
    memcpy(b + 8, &v.se, 2);
    memcpy(&x, b, sizeof(x));
    return x;
}

static F80 f80_of(long double x)
{
    unsigned char b[sizeof(long double)];
    F80 v;

    memcpy(b, &x, sizeof(x));
    memcpy(&v.m, b, 8);
    memcpy(&v.se, b + 8, 2);
    return v;
}

static bool f80_nan(F80 v)
{
    return (v.se & 0x7fff) == 0x7fff && (v.m << 1);
}

static bool f80_snan(F80 v)
{
    return f80_nan(v) && !(v.m & (1ull << 62));
}

static bool f80_denormal(F80 v)
{
    return !(v.se & 0x7fff) && v.m;
}

/* A canonical f80: specials, or random (any exponent, narrow bands). */
static F80 f80_value(int i)
{
    static const F80 sp[] = {
        { 0, 0 }, { 0, 0x8000 }, { 1, 0 }, { 0x7fffffffffffffffull, 0 },
        { 1ull << 63, 1 }, { ~0ull, 0x7ffe }, { 1ull << 63, 0x3fff },
        { (1ull << 63) | 1, 0x3fff }, { 0xc000000000000000ull, 0xbfff },
        { 1ull << 63, 0x3fff - 64 }, { 1ull << 63, 0x7fff },
        { 1ull << 63, 0xffff }, { 0xc000000000000000ull, 0x7fff },
        { 0xa000000000000000ull, 0x7fff }, { 0xaaaaaaaaaaaaaaabull, 0x3ffd },
    };
    uint64_t r = rnd64();
    F80 v;

    if (i < (int)G_N_ELEMENTS(sp)) {
        return sp[i];
    }
    v.m = rnd64() | (1ull << 63);
    switch (r % 3) {
    case 0:
        v.se = (r >> 8) % 0x7fff;
        break;
    case 1:
        v.se = 0x3ffb + (r >> 8) % 9;
        break;
    default:
        v.se = (r >> 8) % 3;
        break;
    }
    if (!(v.se & 0x7fff)) {
        v.m &= ~(1ull << 63);           /* denormal or zero */
    }
    v.se |= (r >> 20 & 1) << 15;
    return v;
}

static const Fmt f80_fmt = { "f80", 64, -16444, 16384, -16381, 15, 0, 0 };

/* fxop{add,sub,mul,div}xx: f80 OP f80 -> f80 at 64-bit precision. */
static void test_f80_arith(void)
{
    static const struct {
        const char *name;
        int op;
        MpfrOp m;
    } ops[] = {
        { "fxaddxx", E2K_FOP_ADD, m_add }, { "fxsubxx", E2K_FOP_SUB, m_sub },
        { "fxmulxx", E2K_FOP_MUL, m_mul }, { "fxdivxx", E2K_FOP_DIV, m_div },
    };
    size_t k;
    int rc, i, j;

    failures = 0;
    for (k = 0; k < G_N_ELEMENTS(ops); k++) {
        for (rc = 0; rc < 4; rc++) {
            for (i = 0; i < 3000; i++) {
                F80 a = f80_value(i % 15 == i ? i : 99);
                F80 b = f80_value(i < 15 * 15 ? i / 15 : 99), got, want;
                uint32_t wfl = 0, fl;
                uint64_t lo;

                if (i < 15 * 15) {
                    a = f80_value(i % 15);
                }
                if (f80_nan(a) && f80_nan(b)) {
                    continue;       /* x87 picks by significand */
                }
                if (f80_nan(a) || f80_nan(b)) {
                    want = f80_nan(a) ? a : b;
                    want.m |= 1ull << 62;
                    wfl = f80_snan(a) || f80_snan(b) ? E2K_FP_IE : 0;
                } else {
                    mpfr_t x, y, r, u, tiny;
                    mpfr_ptr ip[2];
                    int t;
                    bool ovf;

                    mpfr_inits2(64, x, y, r, u, (mpfr_ptr)NULL);
                    mpfr_set_ld(x, ld_of(a), MPFR_RNDN);
                    mpfr_set_ld(y, ld_of(b), MPFR_RNDN);
                    ip[0] = x;
                    ip[1] = y;
                    mpfr_clear_flags();
                    ops[k].m(u, ip, rnd_of[rc]);
                    if (mpfr_nan_p(u)) {
                        want.m = 0xc000000000000000ull;
                        want.se = 0xffff;
                        wfl = E2K_FP_IE;
                    } else {
                        bool zdiv = mpfr_divby0_p();

                        mpfr_set_emin(f80_fmt.emin);
                        mpfr_set_emax(f80_fmt.emax);
                        t = ops[k].m(r, ip, rnd_of[rc]);
                        t = mpfr_check_range(r, t, rnd_of[rc]);
                        t = mpfr_subnormalize(r, t, rnd_of[rc]);
                        ovf = mpfr_overflow_p();
                        mpfr_set_emin(mpfr_get_emin_min());
                        mpfr_set_emax(mpfr_get_emax_max());
                        want = f80_of(mpfr_get_ld(r, MPFR_RNDN));
                        if (zdiv) {
                            wfl = E2K_FP_ZE;
                        } else {
                            wfl = (t ? E2K_FP_PE : 0) | (ovf ? E2K_FP_OE : 0);
                            mpfr_init2(tiny, 2);
                            mpfr_set_ui_2exp(tiny, 1, f80_fmt.normal_emin - 1,
                                             MPFR_RNDN);
                            if (t && mpfr_regular_p(u) &&
                                mpfr_cmpabs(u, tiny) < 0) {
                                wfl |= E2K_FP_UE;
                            }
                            mpfr_clear(tiny);
                            if (f80_denormal(a) || f80_denormal(b)) {
                                wfl |= E2K_FP_DE;
                            }
                        }
                    }
                    mpfr_clears(x, y, r, u, (mpfr_ptr)NULL);
                }
                env->fpu.fpcr = FPCR_INIT | ((uint32_t)rc << FPCR_RC_SHIFT);
                env->fpu.fpsr = 0;
                lo = helper_fxop(env, a.m, b.m,
                                 E2K_FX_META(a.se, b.se, ops[k].op, E2K_FT_F80,
                                             E2K_FT_F80), 0);
                got.m = lo;
                got.se = env->fpu.ret_hi;
                fl = env->fpu.fpsr & E2K_FP_ALL;
                if (got.m != want.m || got.se != want.se || fl != wfl) {
                    if (failures < 20) {
                        g_test_message("%s (%s) %04x:%016llx %04x:%016llx: "
                                       "got %04x:%016llx flags %02x, MPFR "
                                       "%04x:%016llx flags %02x", ops[k].name,
                                       rnd_name[rc], a.se,
                                       (unsigned long long)a.m, b.se,
                                       (unsigned long long)b.m, got.se,
                                       (unsigned long long)got.m, fl, want.se,
                                       (unsigned long long)want.m, wfl);
                    }
                    failures++;
                }
                (void)j;
            }
        }
    }
    finish("f80_arith");
}

/*
 * The f80 helpers skip the x87 status word while FPCR masks everything
 * and FPSR holds every flag (fx_flags_moot in fpu_helper.c).  For every
 * rounding mode and precision control, each arithmetic form, conversion
 * and compare gives the same result with FPSR full (that fast path) as
 * with FPSR empty, FPSR stays full, and the flags the fast path leaves
 * in the host's status word do not leak into the next operation whose
 * flags count: its flags equal those of a run after a clean one.
 */
static uint64_t fx_run(int kind, F80 a, F80 b, uint64_t meta, uint32_t fpsr,
                       uint16_t *hi, uint32_t *flags)
{
    uint64_t r;

    env->fpu.fpsr = fpsr;
    env->fpu.ret_hi = 0;
    if (kind == 0) {
        r = helper_fxop(env, a.m, b.m, meta, 0);
    } else if (kind == 1) {
        r = helper_fxcvt(env, b.m, meta, 0);
    } else {
        r = helper_fxcmp(env, a.m, b.m, meta, 0);
    }
    *hi = env->fpu.ret_hi;
    *flags = env->fpu.fpsr & E2K_FP_ALL;
    return r;
}

static void test_f80_flags_moot(void)
{
    static const uint8_t ft[] = { E2K_FT_F32, E2K_FT_F64, E2K_FT_F80 };
    static const uint8_t cvt_from[] = { E2K_FT_F32, E2K_FT_F64, E2K_FT_I32,
                                        E2K_FT_I64 };
    static const uint8_t ops[] = { E2K_FOP_ADD, E2K_FOP_SUB, E2K_FOP_RSUB,
                                   E2K_FOP_MUL, E2K_FOP_DIV };
    static const int pcs[] = { 0, 2, 3 };
    int failures = 0, runs = 0;

    for (int rc = 0; rc < 4; rc++) {
        for (int p = 0; p < 3; p++) {
            env->fpu.fpcr = (FPCR_INIT & ~(0xfu << FPCR_PC_SHIFT)) |
                            ((uint32_t)pcs[p] << FPCR_PC_SHIFT) |
                            ((uint32_t)rc << FPCR_RC_SHIFT);
            for (int i = 0; i < 15 * 15 + 400; i++) {
                F80 a = f80_value(i < 15 * 15 ? i % 15 : 99);
                F80 b = f80_value(i < 15 * 15 ? i / 15 : 99);
                int n = 0;
                struct { int kind; uint64_t meta; } c[64];

                /* an f32/f64/integer src2 uses the low bits of b.m */
                for (size_t o = 0; o < G_N_ELEMENTS(ops); o++) {
                    for (int t2 = 0; t2 < 3; t2++) {
                        for (int td = 0; td < 3; td++) {
                            c[n].kind = 0;
                            c[n++].meta = E2K_FX_META(a.se, b.se, ops[o],
                                                      ft[t2], ft[td]);
                        }
                    }
                }
                for (size_t f = 0; f < G_N_ELEMENTS(cvt_from); f++) {
                    c[n].kind = 1;
                    c[n++].meta = E2K_FX_META(0, b.se, E2K_FOP_ROUND,
                                              cvt_from[f], E2K_FT_F80);
                }
                for (int td = 0; td < 4; td++) {
                    c[n].kind = 1;
                    c[n++].meta = E2K_FX_META(0, b.se, td < 2 ?
                                              E2K_FOP_ROUND : E2K_FOP_TRUNC,
                                              E2K_FT_F80, td & 1 ?
                                              E2K_FT_I64 : E2K_FT_I32);
                }
                c[n].kind = 2;
                c[n++].meta = E2K_FX_META(a.se, b.se, E2K_FCMP_LT,
                                          E2K_FT_F80, 0);
                c[n].kind = 2;
                c[n++].meta = E2K_FX_META(a.se, b.se, E2K_FCMP_EQ |
                                          E2K_FX_CMP_FLAGS, E2K_FT_F80, 0);
                g_assert(n <= (int)G_N_ELEMENTS(c));
                for (int k = 0; k < n; k++) {
                    uint16_t h1, h2, h3;
                    uint32_t f1, f2, f3;
                    uint64_t r1, r2, r3;

                    r1 = fx_run(c[k].kind, a, b, c[k].meta, 0, &h1, &f1);
                    r2 = fx_run(c[k].kind, a, b, c[k].meta, E2K_FP_ALL,
                                &h2, &f2);
                    r3 = fx_run(c[k].kind, a, b, c[k].meta, 0, &h3, &f3);
                    runs++;
                    if (r1 != r2 || h1 != h2 || f2 != E2K_FP_ALL ||
                        r3 != r1 || h3 != h1 || f3 != f1) {
                        if (failures < 20) {
                            g_test_message("kind %d meta %016llx rc %d pc %d "
                                           "%04x:%016llx %04x:%016llx: exact "
                                           "%04x:%016llx/%02x, moot "
                                           "%04x:%016llx/%02x, after it "
                                           "%04x:%016llx/%02x", c[k].kind,
                                           (unsigned long long)c[k].meta, rc,
                                           pcs[p], a.se,
                                           (unsigned long long)a.m, b.se,
                                           (unsigned long long)b.m, h1,
                                           (unsigned long long)r1, f1, h2,
                                           (unsigned long long)r2, f2, h3,
                                           (unsigned long long)r3, f3);
                        }
                        failures++;
                    }
                }
            }
        }
    }
    env->fpu.fpcr = FPCR_INIT;
    env->fpu.fpsr = FPSR_INIT;
    g_test_message("f80 moot-flags path: %d runs, %d failures", runs,
                   failures);
    g_assert_cmpint(failures, ==, 0);
}

/*
 * The inline path's flag hand-over (fpu_helper.h): MXCSR's flags reach
 * PFPFR by sync, enter keeps them only while PFPFR has them all, a
 * whole-PFPFR write (discard) and a SIGFPE drop them.
 */
static void test_inline_flags(void)
{
    const uint32_t def = E2K_MXCSR_DEFAULT;

    _mm_setcsr(def | E2K_FP_PE | E2K_FP_IE);
    env->fpu.pfpfr = PFPFR_INLINE_VALUE;
    e2k_fpu_sync_flags(env);
    g_assert_cmphex(env->fpu.pfpfr, ==, PFPFR_INLINE_VALUE | 0x21);
    g_assert_cmphex(_mm_getcsr(), ==, def | 0x21);
    e2k_fpu_enter(env);                 /* PFPFR has them: kept */
    g_assert_cmphex(_mm_getcsr(), ==, def | 0x21);
    env->fpu.pfpfr = PFPFR_INLINE_VALUE | E2K_FP_PE;  /* e.g. sigreturn */
    e2k_fpu_enter(env);                 /* IE is not PFPFR's: cleared */
    g_assert_cmphex(_mm_getcsr(), ==, def);
    _mm_setcsr(def | E2K_FP_OE);
    e2k_fpu_discard_flags();
    g_assert_cmphex(_mm_getcsr(), ==, def);
    e2k_fpu_sync_saved_flags(env, 0x9f84);
    g_assert_cmphex(env->fpu.pfpfr, ==,
                    PFPFR_INLINE_VALUE | E2K_FP_PE | E2K_FP_ZE);

    /* a SIGFPE leaves no flag behind in MXCSR */
    env->fpu.pfpfr = (E2K_FP_ALL & ~E2K_FP_PE) << PFPFR_MASKS_SHIFT;
    _mm_setcsr(def | E2K_FP_PE);
    raised_sig = 0;
    if (!sigsetjmp(raise_jmp, 0)) {
        helper_fdivd(env, 0x3ff0000000000000ull, 0x4008000000000000ull,
                     0x1000);
    }
    g_assert_cmpint(raised_sig, ==, E2K_SIGFPE);
    g_assert_cmphex(_mm_getcsr(), ==, def);
    _mm_setcsr(def);
}

int main(int argc, char **argv)
{
    size_t i;

    g_test_init(&argc, &argv, NULL);
    env = g_new0(CPUE2KState, 1);
    for (i = 0; i < G_N_ELEMENTS(arith_cases); i++) {
        char *path = g_strdup_printf("/e2k-fpu/mpfr/%s",
                                     arith_cases[i].name);

        g_test_add_data_func(path, &arith_cases[i], run_case);
        g_free(path);
    }
    g_test_add_func("/e2k-fpu/mpfr/fp-to-fp", test_fp_to_fp);
    g_test_add_func("/e2k-fpu/mpfr/int-to-fp", test_int_to_fp);
    g_test_add_func("/e2k-fpu/mpfr/fp-to-int", test_fp_to_int);
    g_test_add_func("/e2k-fpu/mpfr/compare", test_compare);
    g_test_add_func("/e2k-fpu/mpfr/minmax", test_minmax);
    g_test_add_func("/e2k-fpu/mpfr/scale", test_scale);
    g_test_add_func("/e2k-fpu/mpfr/rint", test_rint);
    g_test_add_func("/e2k-fpu/flush-to-zero", test_flush_to_zero);
    g_test_add_func("/e2k-fpu/mpfr/f80-arith", test_f80_arith);
    g_test_add_func("/e2k-fpu/f80-flags-moot", test_f80_flags_moot);
    g_test_add_func("/e2k-fpu/unmasked-sigfpe", test_unmasked);
    g_test_add_func("/e2k-fpu/inline-flags", test_inline_flags);
    return g_test_run();
}
