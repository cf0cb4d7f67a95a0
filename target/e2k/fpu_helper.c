/*
 * e2k FPU helpers: scalar f32/f64 arithmetic, compares and conversions,
 * and the f80 operations.
 *
 * Owns: the exact result and the IEEE flags of each operation in the
 * guest's rounding mode, flag accumulation into PFPFR (FPSR for f80) and
 * SIGFPE for unmasked exceptions.  Not here: decoding (translate-fpu.c), access to
 * the FP state registers (helper.c).
 *
 * MCST designed the e2k FPU to run x86 code, and its f32/f64 unit follows
 * SSE: the PFPFR layout is MXCSR's (flags 5:0, masks 12:7, rounding
 * 14:13, flush-to-zero 15), and the NaN, min/max, compare and
 * conversion conventions are SSE's (docs/devel/e2k-fpu.md lists the
 * sources).  So each operation runs as the one SSE instruction that
 * defines it, with MXCSR loaded from the guest's PFPFR (every exception
 * masked, flags clear), and the flags it raised are read back; the
 * host's MXCSR is restored before returning.  The tests check every
 * result and flag against MPFR (tests/unit/test-e2k-fpu.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "target/e2k/fpu_helper.h"
#include "target/e2k/helper.h"
#include "target/e2k/opsem.h"

#if !defined(__x86_64__)
#error "the e2k FPU helpers run the host's SSE unit: x86-64 hosts only"
#endif

static inline float f32_of(uint64_t v)
{
    uint32_t u = (uint32_t)v;
    float f;

    memcpy(&f, &u, sizeof(f));
    return f;
}

static inline uint64_t bits_f32(float f)
{
    uint32_t u;

    memcpy(&u, &f, sizeof(u));
    return u;
}

static inline double f64_of(uint64_t v)
{
    double d;

    memcpy(&d, &v, sizeof(d));
    return d;
}

static inline uint64_t bits_f64(double d)
{
    uint64_t u;

    memcpy(&u, &d, sizeof(u));
    return u;
}

/* MXCSR for the guest: its rounding and flush-to-zero, all exceptions
   masked, no flags, no DAZ (PFPFR has none). */
static inline uint32_t guest_mxcsr(const CPUE2KState *env)
{
    return 0x1f80u | (env->fpu.pfpfr & (PFPFR_RC_MASK | PFPFR_FZ));
}

/* ---- The inline path's flags (see fpu_helper.h) ---- */

static inline uint32_t host_mxcsr_get(void)
{
    uint32_t m;

    __asm__ volatile("stmxcsr %0" : "=m" (m));
    return m;
}

static inline void host_mxcsr_set(uint32_t m)
{
    __asm__ volatile("ldmxcsr %0" : : "m" (m));
}

void e2k_fpu_enter(CPUE2KState *env)
{
    uint32_t m = host_mxcsr_get();

    if ((m & ~(env->fpu.pfpfr & E2K_FP_ALL)) != E2K_MXCSR_DEFAULT) {
        host_mxcsr_set(E2K_MXCSR_DEFAULT);
    }
}

void e2k_fpu_sync_flags(CPUE2KState *env)
{
    env->fpu.pfpfr |= host_mxcsr_get() & E2K_FP_ALL;
}

void e2k_fpu_sync_saved_flags(CPUE2KState *env, uint32_t mxcsr)
{
    env->fpu.pfpfr |= mxcsr & E2K_FP_ALL;
}

void e2k_fpu_discard_flags(void)
{
    if (host_mxcsr_get() != E2K_MXCSR_DEFAULT) {
        host_mxcsr_set(E2K_MXCSR_DEFAULT);
    }
}

/* si_code for the highest-priority exception in @x (x86 Linux order). */
static int fpe_code(uint32_t x)
{
    if (x & E2K_FP_IE) {
        return E2K_FPE_FLTINV;
    }
    if (x & E2K_FP_ZE) {
        return E2K_FPE_FLTDIV;
    }
    if (x & E2K_FP_OE) {
        return E2K_FPE_FLTOVF;
    }
    if (x & (E2K_FP_UE | E2K_FP_DE)) {
        return E2K_FPE_FLTUND;
    }
    return E2K_FPE_FLTRES;
}

/*
 * Accumulate the flags an operation raised (MXCSR after it).  An
 * unmasked one raises SIGFPE instead, with PFPFR as before the wide
 * instruction.  A speculative operation (E2K_FP_PC_SPEC in @pc) raises
 * nothing: it reports the failure in fpu.spec_fail and accrues none of
 * its flags, as if it had trapped (our rule, docs/devel/e2k-fpu.md).
 */
void e2k_fpu_raise(CPUE2KState *env, uint32_t unmasked, uint64_t pc)
{
    if (pc & E2K_FP_PC_SPEC) {
        env->fpu.spec_fail = 1;
        return;
    }
    /* a fast path may have left this operation's flags in MXCSR */
    e2k_fpu_discard_flags();
    e2k_raise_signal(env, E2K_SIGFPE, fpe_code(unmasked), pc, pc);
}

static inline void fp_accrue(CPUE2KState *env, uint32_t mxcsr, uint64_t pc)
{
    uint32_t fl = mxcsr & E2K_FP_ALL;
    uint32_t unmasked;

    if (!fl) {
        return;
    }
    unmasked = fl & ~(env->fpu.pfpfr >> PFPFR_MASKS_SHIFT) & E2K_FP_ALL;
    if (unmasked) {
        e2k_fpu_raise(env, unmasked, pc);
        return;
    }
    env->fpu.pfpfr |= fl;
}

/*
 * One SSE instruction "insn src, dst" with the guest's MXCSR: @x is the
 * destination (and first operand), @y the source; @out receives MXCSR
 * after the instruction.  Everything happens inside one asm statement,
 * so the compiler cannot move FP work across the MXCSR switch.
 */
#define SSE_RUN(insn, x, xc, y, yc, g, out)                                 \
    do {                                                                    \
        uint32_t host_ = 0;                                                 \
        __asm__ volatile("stmxcsr %[h]\n\t"                                 \
                         "ldmxcsr %[gm]\n\t"                                \
                         insn " %[ys], %[xs]\n\t"                           \
                         "stmxcsr %[o]\n\t"                                 \
                         "ldmxcsr %[h]"                                     \
                         : [xs] xc (x), [o] "=m" (out), [h] "+m" (host_)    \
                         : [ys] yc (y), [gm] "m" (g));                      \
    } while (0)

/*
 * Fast paths without MXCSR.  Switching MXCSR costs more than the
 * operation (it is partly serializing), so the common cases are done in
 * plain host arithmetic, whose MXCSR is the default one (round to
 * nearest, no FTZ/DAZ): with the guest also rounding to nearest and
 * ordinary operands and results, an operation can raise no flag but
 * inexact, the host computes the same correctly rounded result, and an
 * exact error term says whether it was inexact.  Everything else --
 * other rounding modes, NaNs, infinities, zeros, denormals, results
 * near the denormals or near overflow -- takes the MXCSR path.  The
 * MPFR test runs both paths.
 */
static inline bool fast_nearest(const CPUE2KState *env, uint64_t pc)
{
    /* not ,sm: a failed speculative operation must leave no flag, and
       host arithmetic leaves inexact in MXCSR */
    return !(env->fpu.pfpfr & PFPFR_RC_MASK) && !(pc & E2K_FP_PC_SPEC);
}

/* Biased exponent of @v in [lo, hi]. */
static inline bool d_exp_in(uint64_t v, uint32_t lo, uint32_t hi)
{
    return ((v >> 52) & 0x7ff) - lo <= hi - lo;
}

static inline bool s_exp_in(uint64_t v, uint32_t lo, uint32_t hi)
{
    return ((v >> 23) & 0xff) - lo <= hi - lo;
}

/* Neither a NaN nor a denormal: compares, min/max raise nothing. */
static inline bool d_quiet(uint64_t v)
{
    return d_exp_in(v, 1, 0x7fe) || !(v << 1) ||
           (v << 1) == 0xffe0000000000000ull;
}

static inline bool s_quiet(uint64_t v)
{
    return s_exp_in(v, 1, 0xfe) || !(uint32_t)(v << 1) ||
           (uint32_t)(v << 1) == 0xff000000u;
}

/* a * b + c rounded once (exact here: used for error terms only). */
static inline double fma_d(double a, double b, double c)
{
    __asm__("vfmadd231sd %[b], %[a], %[c]"
            : [c] "+x" (c) : [a] "x" (a), [b] "x" (b));
    return c;
}

static int host_fma = -1;

static inline bool have_fma(void)
{
    if (host_fma < 0) {
        host_fma = __builtin_cpu_supports("fma");
    }
    return host_fma;
}

/*
 * f64 @op of normal @x, @y: the result in *r and whether it is inexact.
 * false: not a fast case.  Sums: TwoSum's error is exact for any finite
 * operands.  Products and quotients: x*y - r and x - r*y are exact with
 * one fused operation while no term underflows, which operands and
 * result within 2^-400..2^400 guarantee.
 */
static inline bool fast_d(int op, uint64_t a, uint64_t b, uint64_t *r,
                          uint32_t *flags)
{
    double x = f64_of(a), y = f64_of(b), z, bp, ap, e;

    switch (op) {
    case E2K_FOP_SUB:
        y = -y;
        /* fall through */
    case E2K_FOP_ADD:
        z = x + y;
        bp = z - x;
        ap = z - bp;
        e = (x - ap) + (y - bp);
        if (!d_exp_in(bits_f64(z), 2, 0x7fe)) {
            return false;
        }
        break;
    case E2K_FOP_MUL:
    case E2K_FOP_DIV:
        if (!d_exp_in(a, 0x3ff - 400, 0x3ff + 400) ||
            !d_exp_in(b, 0x3ff - 400, 0x3ff + 400) || !have_fma()) {
            return false;
        }
        if (op == E2K_FOP_MUL) {
            z = x * y;
            e = fma_d(x, y, -z);
        } else {
            z = x / y;
            e = fma_d(-z, y, x);
        }
        if (!d_exp_in(bits_f64(z), 0x3ff - 400, 0x3ff + 400)) {
            return false;
        }
        break;
    default:
        return false;
    }
    *r = bits_f64(z);
    *flags = e != 0 ? E2K_FP_PE : 0;
    return true;
}

/* The same for f32, with the error terms in f64 (a product of two f32
   is exact there), sums again by TwoSum. */
static inline bool fast_s(int op, uint64_t a, uint64_t b, uint64_t *r,
                          uint32_t *flags)
{
    float x = f32_of(a), y = f32_of(b), z, bp, ap;
    bool inexact;

    switch (op) {
    case E2K_FOP_SUB:
        y = -y;
        /* fall through */
    case E2K_FOP_ADD:
        z = x + y;
        bp = z - x;
        ap = z - bp;
        inexact = (x - ap) + (y - bp) != 0;
        break;
    case E2K_FOP_MUL:
        z = x * y;
        inexact = (double)x * (double)y != (double)z;
        break;
    case E2K_FOP_DIV:
        z = x / y;
        inexact = (double)z * (double)y != (double)x;
        break;
    default:
        return false;
    }
    if (!s_exp_in(bits_f32(z), 2, 0xfe)) {
        return false;
    }
    *r = bits_f32(z);
    *flags = inexact ? E2K_FP_PE : 0;
    return true;
}

#define DEF_BINOP_S(name, insn) DEF_BINOP_S_FAST(name, insn, E2K_FOP_NONE)
#define DEF_BINOP_D(name, insn) DEF_BINOP_D_FAST(name, insn, E2K_FOP_NONE)

#define DEF_BINOP_S_FAST(name, insn, fop)                                             \
uint64_t helper_##name(CPUE2KState *env, uint64_t a, uint64_t b,            \
                       uint64_t pc)                                         \
{                                                                           \
    float x = f32_of(a), y = f32_of(b);                                     \
    uint32_t g = guest_mxcsr(env), out;                                     \
    uint64_t r;                                                             \
                                                                            \
    if ((fop == E2K_FOP_MIN || fop == E2K_FOP_MAX) && s_quiet(a) &&        \
        s_quiet(b)) {                                                       \
        /* SSE's rule for numbers: src2 unless src1 is strictly beyond */ \
        return (uint32_t)((fop == E2K_FOP_MIN ? x < y : x > y) ? a : b);    \
    }                                                                       \
    if (fop != E2K_FOP_NONE && fast_nearest(env, pc) &&                         \
        s_exp_in(a, 1, 0xfe) && s_exp_in(b, 1, 0xfe) &&                     \
        fast_s(fop, a, b, &r, &out)) {                                      \
        fp_accrue(env, out, pc);                                            \
        return r;                                                           \
    }                                                                       \
    SSE_RUN(insn, x, "+x", y, "x", g, out);                                 \
    fp_accrue(env, out, pc);                                                \
    return bits_f32(x);                                                     \
}

#define DEF_BINOP_D_FAST(name, insn, fop)                                   \
uint64_t helper_##name(CPUE2KState *env, uint64_t a, uint64_t b,            \
                       uint64_t pc)                                         \
{                                                                           \
    double x = f64_of(a), y = f64_of(b);                                    \
    uint32_t g = guest_mxcsr(env), out;                                     \
    uint64_t r;                                                             \
                                                                            \
    if ((fop == E2K_FOP_MIN || fop == E2K_FOP_MAX) && d_quiet(a) &&        \
        d_quiet(b)) {                                                       \
        return (fop == E2K_FOP_MIN ? x < y : x > y) ? a : b;                \
    }                                                                       \
    if (fop != E2K_FOP_NONE && fast_nearest(env, pc) &&                         \
        d_exp_in(a, 1, 0x7fe) && d_exp_in(b, 1, 0x7fe) &&                   \
        fast_d(fop, a, b, &r, &out)) {                                      \
        fp_accrue(env, out, pc);                                            \
        return r;                                                           \
    }                                                                       \
    SSE_RUN(insn, x, "+x", y, "x", g, out);                                 \
    fp_accrue(env, out, pc);                                                \
    return bits_f64(x);                                                     \
}

DEF_BINOP_S_FAST(fadds, "addss", E2K_FOP_ADD)
DEF_BINOP_D_FAST(faddd, "addsd", E2K_FOP_ADD)
DEF_BINOP_S_FAST(fsubs, "subss", E2K_FOP_SUB)
DEF_BINOP_D_FAST(fsubd, "subsd", E2K_FOP_SUB)
DEF_BINOP_S_FAST(fmuls, "mulss", E2K_FOP_MUL)
DEF_BINOP_D_FAST(fmuld, "mulsd", E2K_FOP_MUL)
DEF_BINOP_S_FAST(fdivs, "divss", E2K_FOP_DIV)
DEF_BINOP_D_FAST(fdivd, "divsd", E2K_FOP_DIV)
/* SSE min/max: src2 when either is a NaN or both are zeros */
DEF_BINOP_S_FAST(fmins, "minss", E2K_FOP_MIN)
DEF_BINOP_D_FAST(fmind, "minsd", E2K_FOP_MIN)
DEF_BINOP_S_FAST(fmaxs, "maxss", E2K_FOP_MAX)
DEF_BINOP_D_FAST(fmaxd, "maxsd", E2K_FOP_MAX)

/* Square root: dst = sqrt(src). */
uint64_t helper_fsqrts(CPUE2KState *env, uint64_t a, uint64_t pc)
{
    float x = 0, y = f32_of(a);
    uint32_t g = guest_mxcsr(env), out;

    SSE_RUN("sqrtss", x, "+x", y, "x", g, out);
    fp_accrue(env, out, pc);
    return bits_f32(x);
}

uint64_t helper_fsqrtd(CPUE2KState *env, uint64_t a, uint64_t pc)
{
    double x = 0, y = f64_of(a);
    uint32_t g = guest_mxcsr(env), out;

    SSE_RUN("sqrtsd", x, "+x", y, "x", g, out);
    fp_accrue(env, out, pc);
    return bits_f64(x);
}

/* Conversions between the formats. */
uint64_t helper_fstofd(CPUE2KState *env, uint64_t a, uint64_t pc)
{
    double x = 0;
    float y = f32_of(a);
    uint32_t g = guest_mxcsr(env), out;

    if (s_quiet(a)) {
        return bits_f64(y);         /* exact, no flags */
    }

    SSE_RUN("cvtss2sd", x, "+x", y, "x", g, out);
    fp_accrue(env, out, pc);
    return bits_f64(x);
}

uint64_t helper_fdtofs(CPUE2KState *env, uint64_t a, uint64_t pc)
{
    float x = 0;
    double y = f64_of(a);
    uint32_t g = guest_mxcsr(env), out;

    SSE_RUN("cvtsd2ss", x, "+x", y, "x", g, out);
    fp_accrue(env, out, pc);
    return bits_f32(x);
}

/* FP -> integer: a NaN or an out-of-range value gives the integer
   indefinite (the most negative integer) and IE, as on SSE. */
#define DEF_FTOI(name, insn, FT, of, IT)                                    \
uint64_t helper_##name(CPUE2KState *env, uint64_t a, uint64_t pc)           \
{                                                                           \
    IT x = 0;                                                               \
    FT y = of(a);                                                           \
    uint32_t g = guest_mxcsr(env), out;                                     \
                                                                            \
    SSE_RUN(insn, x, "=r", y, "x", g, out);                                 \
    fp_accrue(env, out, pc);                                                \
    return (uint64_t)(uint32_t)x | (sizeof(IT) == 8 ? (uint64_t)x : 0);     \
}

DEF_FTOI(fstois, "cvtss2si", float, f32_of, int32_t)
DEF_FTOI(fstoistr, "cvttss2si", float, f32_of, int32_t)
DEF_FTOI(fstoid, "cvtss2si", float, f32_of, int64_t)
DEF_FTOI(fstoidtr, "cvttss2si", float, f32_of, int64_t)
DEF_FTOI(fdtois, "cvtsd2si", double, f64_of, int32_t)
DEF_FTOI(fdtoistr, "cvttsd2si", double, f64_of, int32_t)
DEF_FTOI(fdtoid, "cvtsd2si", double, f64_of, int64_t)
DEF_FTOI(fdtoidtr, "cvttsd2si", double, f64_of, int64_t)

/* Integer -> FP, rounded in the current mode. */
#define DEF_ITOF(name, insn, IT, FT, bits)                                  \
uint64_t helper_##name(CPUE2KState *env, uint64_t a, uint64_t pc)           \
{                                                                           \
    FT x = 0;                                                               \
    IT y = (IT)a;                                                           \
    uint32_t g = guest_mxcsr(env), out;                                     \
                                                                            \
    SSE_RUN(insn, x, "+x", y, "r", g, out);                                 \
    fp_accrue(env, out, pc);                                                \
    return bits(x);                                                         \
}

DEF_ITOF(istofs, "cvtsi2ssl", int32_t, float, bits_f32)
DEF_ITOF(istofd, "cvtsi2sdl", int32_t, double, bits_f64)
DEF_ITOF(idtofs, "cvtsi2ssq", int64_t, float, bits_f32)
DEF_ITOF(idtofd, "cvtsi2sdq", int64_t, double, bits_f64)

/* Compares (cmpss/cmpsd predicates 0-7 are the e2k conditions). */
#define CMP_CASE(insn, n, x, y)                                             \
    case n:                                                                 \
        SSE_RUN(insn " $" #n ",", x, "+x", y, "x", g, out);                 \
        break;

/* A compare of two numbers that are neither NaNs nor denormals raises
   nothing and does not depend on the rounding mode. */
static inline uint64_t cmp_ordered(int cond, bool lt, bool eq)
{
    switch (cond & 7) {
    case E2K_FCMP_EQ: return eq;
    case E2K_FCMP_LT: return lt;
    case E2K_FCMP_LE: return lt || eq;
    case E2K_FCMP_UOD: return 0;
    case E2K_FCMP_NEQ: return !eq;
    case E2K_FCMP_NLT: return !lt;
    case E2K_FCMP_NLE: return !(lt || eq);
    default: return 1;
    }
}

uint64_t helper_fcmps(CPUE2KState *env, uint64_t a, uint64_t b,
                      uint32_t cond, uint64_t pc)
{
    float x = f32_of(a), y = f32_of(b);
    uint32_t g = guest_mxcsr(env), out = 0;

    if (s_quiet(a) && s_quiet(b)) {
        return cmp_ordered(cond, x < y, x == y);
    }

    switch (cond & 7) {
    CMP_CASE("cmpss", 0, x, y)
    CMP_CASE("cmpss", 1, x, y)
    CMP_CASE("cmpss", 2, x, y)
    CMP_CASE("cmpss", 3, x, y)
    CMP_CASE("cmpss", 4, x, y)
    CMP_CASE("cmpss", 5, x, y)
    CMP_CASE("cmpss", 6, x, y)
    CMP_CASE("cmpss", 7, x, y)
    }
    fp_accrue(env, out, pc);
    return bits_f32(x) != 0;
}

uint64_t helper_fcmpd(CPUE2KState *env, uint64_t a, uint64_t b,
                      uint32_t cond, uint64_t pc)
{
    double x = f64_of(a), y = f64_of(b);
    uint32_t g = guest_mxcsr(env), out = 0;

    if (d_quiet(a) && d_quiet(b)) {
        return cmp_ordered(cond, x < y, x == y);
    }

    switch (cond & 7) {
    CMP_CASE("cmpsd", 0, x, y)
    CMP_CASE("cmpsd", 1, x, y)
    CMP_CASE("cmpsd", 2, x, y)
    CMP_CASE("cmpsd", 3, x, y)
    CMP_CASE("cmpsd", 4, x, y)
    CMP_CASE("cmpsd", 5, x, y)
    CMP_CASE("cmpsd", 6, x, y)
    CMP_CASE("cmpsd", 7, x, y)
    }
    fp_accrue(env, out, pc);
    return bits_f64(x) != 0;
}

/* Flag compares: comis* / ucomis* and the EFLAGS bits they set. */
#define SSE_COMI(insn, x, y)                                                \
    __asm__ volatile("stmxcsr %[h]\n\t"                                     \
                     "ldmxcsr %[gm]\n\t"                                    \
                     insn " %[ys], %[xs]\n\t"                               \
                     "setb %[cf]\n\t"                                       \
                     "sete %[zf]\n\t"                                       \
                     "setp %[pf]\n\t"                                       \
                     "stmxcsr %[o]\n\t"                                     \
                     "ldmxcsr %[h]"                                         \
                     : [o] "=m" (out), [h] "+m" (host), [cf] "=m" (cf),     \
                       [zf] "=m" (zf), [pf] "=m" (pf)                       \
                     : [xs] "x" (x), [ys] "x" (y), [gm] "m" (g)             \
                     : "cc")

static inline uint64_t eflags_bits(uint8_t cf, uint8_t zf, uint8_t pf)
{
    return ((uint64_t)zf << 6) | ((uint64_t)pf << 2) | cf;
}

uint64_t helper_fcmpfs(CPUE2KState *env, uint64_t a, uint64_t b,
                       uint32_t cond, uint64_t pc)
{
    float x = f32_of(a), y = f32_of(b);
    uint32_t g = guest_mxcsr(env), out = 0, host = 0;
    uint8_t cf = 0, zf = 0, pf = 0;

    if (s_quiet(a) && s_quiet(b)) {
        return eflags_bits(x < y, x == y, 0);
    }
    if (cond == E2K_FCMP_OD) {
        SSE_COMI("comiss", x, y);
    } else {
        SSE_COMI("ucomiss", x, y);
    }
    fp_accrue(env, out, pc);
    return eflags_bits(cf, zf, pf);
}

uint64_t helper_fcmpfd(CPUE2KState *env, uint64_t a, uint64_t b,
                       uint32_t cond, uint64_t pc)
{
    double x = f64_of(a), y = f64_of(b);
    uint32_t g = guest_mxcsr(env), out = 0, host = 0;
    uint8_t cf = 0, zf = 0, pf = 0;

    if (d_quiet(a) && d_quiet(b)) {
        return eflags_bits(x < y, x == y, 0);
    }
    if (cond == E2K_FCMP_OD) {
        SSE_COMI("comisd", x, y);
    } else {
        SSE_COMI("ucomisd", x, y);
    }
    fp_accrue(env, out, pc);
    return eflags_bits(cf, zf, pf);
}

/* An operation this host cannot run exactly: SIGILL, never a guess. */
static void require_host(CPUE2KState *env, bool ok, uint64_t pc)
{
    if (!ok) {
        pc &= ~(uint64_t)E2K_FP_PC_SPEC;
        e2k_raise_signal(env, E2K_SIGILL, E2K_ILL_ILLOPC, pc, pc);
    }
}

/*
 * Fused multiply-add, rounded once (the host's FMA3 instructions, which
 * every x86-64 CPU since 2013 has; without them the operation is
 * SIGILL).  The 132 forms compute a = a * b + c and, like the other
 * SSE operations, return the first NaN operand in the order a, b, c.
 */
#define DEF_FMA(name, insn, FT, of, bits)                                   \
uint64_t helper_##name(CPUE2KState *env, uint64_t a, uint64_t b,            \
                       uint64_t c, uint64_t pc)                             \
{                                                                           \
    FT x = of(a), y = of(b), z = of(c);                                     \
    uint32_t g = guest_mxcsr(env), out, host = 0;                           \
                                                                            \
    require_host(env, __builtin_cpu_supports("fma"), pc);                   \
    __asm__ volatile("stmxcsr %[h]\n\t"                                     \
                     "ldmxcsr %[gm]\n\t"                                    \
                     insn " %[ys], %[zs], %[xs]\n\t"                        \
                     "stmxcsr %[o]\n\t"                                     \
                     "ldmxcsr %[h]"                                         \
                     : [xs] "+x" (x), [o] "=m" (out), [h] "+m" (host)       \
                     : [ys] "x" (y), [zs] "x" (z), [gm] "m" (g));           \
    fp_accrue(env, out, pc);                                                \
    return bits(x);                                                         \
}

DEF_FMA(fmas, "vfmadd132ss", float, f32_of, bits_f32)
DEF_FMA(fmad, "vfmadd132sd", double, f64_of, bits_f64)
DEF_FMA(fmss, "vfmsub132ss", float, f32_of, bits_f32)
DEF_FMA(fmsd, "vfmsub132sd", double, f64_of, bits_f64)
DEF_FMA(fnmas, "vfnmadd132ss", float, f32_of, bits_f32)
DEF_FMA(fnmad, "vfnmadd132sd", double, f64_of, bits_f64)
DEF_FMA(fnmss, "vfnmsub132ss", float, f32_of, bits_f32)
DEF_FMA(fnmsd, "vfnmsub132sd", double, f64_of, bits_f64)

/*
 * Round to an integral value in the format (SSE4.1 round): @rc bits 1:0
 * are the rounding mode, bit 2 asks for the current mode instead, bit 3
 * keeps inexact from being reported -- the layout of the instruction's
 * immediate.
 */
#define DEF_RINT(name, insn, FT, of, bits)                                  \
uint64_t helper_##name(CPUE2KState *env, uint64_t rc, uint64_t a,           \
                       uint64_t pc)                                         \
{                                                                           \
    FT x = 0, y = of(a);                                                    \
    uint32_t g = guest_mxcsr(env), out;                                     \
                                                                            \
    require_host(env, __builtin_cpu_supports("sse4.1"), pc);                \
    if (!(rc & 4)) {                                                        \
        g = (g & ~PFPFR_RC_MASK) | ((uint32_t)(rc & 3) << PFPFR_RC_SHIFT);  \
    }                                                                       \
    if (rc & 8) {                                                           \
        SSE_RUN(insn " $12,", x, "+x", y, "x", g, out);                     \
    } else {                                                                \
        SSE_RUN(insn " $4,", x, "+x", y, "x", g, out);                      \
    }                                                                       \
    fp_accrue(env, out, pc);                                                \
    return bits(x);                                                         \
}

DEF_RINT(fstoifs, "roundss", float, f32_of, bits_f32)
DEF_RINT(fdtoifd, "roundsd", double, f64_of, bits_f64)

/*
 * Scale by a power of two with one rounding: multiply by 2^k in steps
 * that cannot round (bringing a huge k into the exponent range first)
 * and let only the last multiplication round.  A step toward tiny
 * values keeps 24/53 bits of headroom, so an intermediate rounds only
 * when the final result is below half the smallest denormal anyway,
 * where either rounding gives the same answer.  The multiplications run
 * between two MXCSR switches that take @x as an operand, so the
 * compiler cannot move them out.
 */
#define MXCSR_ENTER(x, g, host)                                             \
    __asm__ volatile("stmxcsr %[h]\n\tldmxcsr %[gm]"                        \
                     : [h] "+m" (host), "+x" (x) : [gm] "m" (g))
#define MXCSR_LEAVE(x, out, host)                                           \
    __asm__ volatile("stmxcsr %[o]\n\tldmxcsr %[h]"                         \
                     : [o] "=m" (out), "+x" (x) : [h] "m" (host))

/* DE is about the operand, not about an intermediate step. */
static inline uint32_t scale_flags(uint32_t out, bool denormal_operand)
{
    out &= ~E2K_FP_DE;
    return out | (denormal_operand && !(out & E2K_FP_IE) ? E2K_FP_DE : 0);
}

static inline double pow2_d(int k)      /* -1022 <= k <= 1023 */
{
    return f64_of((uint64_t)(k + 1023) << 52);
}

static inline float pow2_s(int k)       /* -126 <= k <= 127 */
{
    return f32_of((uint64_t)(k + 127) << 23);
}

uint64_t helper_fscaled(CPUE2KState *env, uint64_t a, uint64_t b,
                        uint64_t pc)
{
    double x = f64_of(a);
    int64_t k = (int32_t)b;
    uint32_t g = guest_mxcsr(env), out, host = 0;
    int i;

    MXCSR_ENTER(x, g, host);
    for (i = 0; i < 2 && k > 1023; i++) {
        x *= pow2_d(1023);
        k -= 1023;
    }
    for (i = 0; i < 2 && k < -1022; i++) {
        x *= pow2_d(-1022 + 53);
        k += 1022 - 53;
    }
    k = k > 1023 ? 1023 : k < -1022 ? -1022 : k;
    x *= pow2_d((int)k);
    MXCSR_LEAVE(x, out, host);
    fp_accrue(env, scale_flags(out, (a & 0x7ff0000000000000ull) == 0 &&
                                    (a << 1) != 0), pc);
    return bits_f64(x);
}

uint64_t helper_fscales(CPUE2KState *env, uint64_t a, uint64_t b,
                        uint64_t pc)
{
    float x = f32_of(a);
    int64_t k = (int32_t)b;
    uint32_t g = guest_mxcsr(env), out, host = 0;
    int i;

    MXCSR_ENTER(x, g, host);
    for (i = 0; i < 2 && k > 127; i++) {
        x *= pow2_s(127);
        k -= 127;
    }
    for (i = 0; i < 2 && k < -126; i++) {
        x *= pow2_s(-126 + 24);
        k += 126 - 24;
    }
    k = k > 127 ? 127 : k < -126 ? -126 : k;
    x *= pow2_s((int)k);
    MXCSR_LEAVE(x, out, host);
    fp_accrue(env, scale_flags(out, (a & 0x7f800000u) == 0 &&
                                    (a & 0x7fffffffu) != 0), pc);
    return bits_f32(x);
}

/*
 * f80 operations on the host's x87 unit.  The x87 is the model e2k's
 * FPCR/FPSR copy (the same control and status word layouts), and its
 * 80-bit format is e2k's: significand with explicit integer bit, then
 * sign and 15-bit exponent.  Each helper runs in one asm statement:
 * save the host control word, load the guest's (FPCR rounding and
 * precision control, everything masked), clear the flags, compute,
 * store the result to memory, read the status word, clear it and
 * restore the host control word.  The x87 stack is empty on entry and
 * on exit.
 */
typedef struct X87Val {
    uint64_t lo;            /* significand, or an f32/f64/integer value */
    uint64_t hi;            /* sign/exponent of an f80 */
} X87Val;

static inline uint16_t guest_x87_cw(const CPUE2KState *env)
{
    return (env->fpu.fpcr & 0x0f00) | 0x007f;
}

/*
 * Around the x87 work of a helper: load the guest's control word and
 * start with no flags; afterwards clear the flags and restore the host's
 * control word.  fldcw and fnclex are slow, so each is skipped when it
 * would change nothing (with the kernel's FPCR the guest's control word
 * is the host's default one, and nothing else in the process leaves x87
 * flags behind).  Separate asm statements are fine: all are volatile, so
 * they stay in order, and the x87 stack is empty between them.
 */
/*
 * While FPCR masks every exception and FPSR already holds every flag
 * (what the kernel gives a new process), no f80 operation can change
 * FPSR or trap.  The helpers then skip the status word altogether:
 * reading it after the operation and clearing it cost more than the
 * operation.  The flags they leave in the host's status word are
 * cleared by x87_enter before the next operation whose flags count.
 */
static inline bool fx_flags_moot(const CPUE2KState *env)
{
    return (env->fpu.fpcr & env->fpu.fpsr & E2K_FP_ALL) == E2K_FP_ALL;
}

/* x87_enter for an operation whose flags are moot: the control word only. */
static inline uint16_t x87_enter_moot(uint16_t g)
{
    uint16_t host;

    __asm__ volatile("fnstcw %0" : "=m" (host));
    if (host != g) {
        __asm__ volatile("fldcw %0" : : "m" (g));
    }
    return host;
}

static inline uint16_t x87_enter(uint16_t g)
{
    uint16_t host, sw;

    __asm__ volatile("fnstcw %0" : "=m" (host));
    __asm__ volatile("fnstsw %0" : "=m" (sw));
    if (host != g) {
        __asm__ volatile("fldcw %0" : : "m" (g));
    }
    if (sw & 0xff) {
        __asm__ volatile("fnclex");
    }
    return host;
}

static inline void x87_leave(uint16_t host, uint16_t g, uint16_t sw)
{
    if (sw & 0xff) {
        __asm__ volatile("fnclex");
    }
    if (host != g) {
        __asm__ volatile("fldcw %0" : : "m" (host));
    }
}

static void fx_accrue(CPUE2KState *env, uint16_t sw, uint64_t pc)
{
    uint32_t fl = sw & E2K_FP_ALL;
    uint32_t unmasked;

    if (!fl) {
        return;
    }
    unmasked = fl & ~env->fpu.fpcr & E2K_FP_ALL;
    if (unmasked) {
        e2k_fpu_raise(env, unmasked, pc);
        return;
    }
    env->fpu.fpsr |= fl;
}

/* Bring an operand of type @t into x87-loadable memory. */
static X87Val x87_operand(uint64_t v, uint16_t hi, int t)
{
    X87Val x = { v, 0 };

    if (t == E2K_FT_F32 || t == E2K_FT_I32) {
        x.lo = (uint32_t)v;
    } else if (t == E2K_FT_F80) {
        x.hi = hi;
    }
    return x;
}

/* The register value of a result of type @t stored at @r. */
static uint64_t x87_result(CPUE2KState *env, const X87Val *r, int t)
{
    if (t == E2K_FT_F80) {
        env->fpu.ret_hi = r->hi & 0xffff;
        return r->lo;
    }
    if (t == E2K_FT_F32 || t == E2K_FT_I32) {
        return (uint32_t)r->lo;
    }
    return r->lo;
}

/* SW: "fnstsw %[sw]" to read the flags, "" when they are moot */
#define X87_SW "fnstsw %[sw]"

#define X87_BINOP(LDB, OPI, STR, SW)                                        \
    __asm__ volatile(LDB " %[b]\n\t"                                        \
                     "fldt %[a]\n\t"                                        \
                     OPI " %%st(1), %%st\n\t"                               \
                     STR " %[r]\n\t"                                        \
                     "fstp %%st(0)\n\t"                                     \
                     SW                                                     \
                     : [r] "=m" (r), [sw] "=m" (sw)                         \
                     : [a] "m" (xa), [b] "m" (xb)                           \
                     : "st", "st(1)")

#define X87_BINOP_STR(LDB, OPI, SW)                                         \
    do {                                                                    \
        if (tdst == E2K_FT_F32) {                                           \
            X87_BINOP(LDB, OPI, "fstps", SW);                               \
        } else if (tdst == E2K_FT_F64) {                                    \
            X87_BINOP(LDB, OPI, "fstpl", SW);                               \
        } else {                                                            \
            X87_BINOP(LDB, OPI, "fstpt", SW);                               \
        }                                                                   \
    } while (0)

#define X87_BINOP_LDB_SW(OPI, SW)                                           \
    do {                                                                    \
        if (t2 == E2K_FT_F32) {                                             \
            X87_BINOP_STR("flds", OPI, SW);                                 \
        } else if (t2 == E2K_FT_F64) {                                      \
            X87_BINOP_STR("fldl", OPI, SW);                                 \
        } else {                                                            \
            X87_BINOP_STR("fldt", OPI, SW);                                 \
        }                                                                   \
    } while (0)

#define X87_BINOP_LDB(OPI)                                                  \
    do {                                                                    \
        if (moot) {                                                         \
            X87_BINOP_LDB_SW(OPI, "");                                      \
        } else {                                                            \
            X87_BINOP_LDB_SW(OPI, X87_SW);                                  \
        }                                                                   \
    } while (0)

static bool fx_type_ok(int t)
{
    return t == E2K_FT_F32 || t == E2K_FT_F64 || t == E2K_FT_F80;
}

uint64_t helper_fxop(CPUE2KState *env, uint64_t a, uint64_t b,
                     uint64_t meta, uint64_t pc)
{
    int op = (meta >> 32) & 0xff, t2 = (meta >> 40) & 0xff;
    int tdst = (meta >> 48) & 0xff;
    X87Val xa = x87_operand(a, meta & 0xffff, E2K_FT_F80);
    X87Val xb = x87_operand(b, (meta >> 16) & 0xffff, t2);
    X87Val r = { 0, 0 };
    uint16_t g = guest_x87_cw(env), host = 0, sw = 0;
    bool moot = fx_flags_moot(env);

    require_host(env, fx_type_ok(t2) && fx_type_ok(tdst) &&
                 op >= E2K_FOP_ADD && op <= E2K_FOP_DIV &&
                 op != E2K_FOP_MIN && op != E2K_FOP_MAX, pc);
    host = moot ? x87_enter_moot(g) : x87_enter(g);
    switch (op) {
    case E2K_FOP_ADD:
        X87_BINOP_LDB("fadd");
        break;
    case E2K_FOP_SUB:
        X87_BINOP_LDB("fsub");
        break;
    case E2K_FOP_RSUB:
        X87_BINOP_LDB("fsubr");
        break;
    case E2K_FOP_MUL:
        X87_BINOP_LDB("fmul");
        break;
    default:
        X87_BINOP_LDB("fdiv");
        break;
    }
    x87_leave(host, g, sw);
    fx_accrue(env, sw, pc);
    return x87_result(env, &r, tdst);
}

/* Quiet compares (eq, uod, neq, od) raise IE on a signaling NaN only,
   the ordered ones (lt, le, nlt, nle) on any NaN, as the f32/f64 ones. */
#define X87_CMP(LDB, CMPI, SW)                                              \
    __asm__ volatile(LDB " %[b]\n\t"                                        \
                     "fldt %[a]\n\t"                                        \
                     CMPI " %%st(1), %%st\n\t"                              \
                     "setb %[cf]\n\t"                                       \
                     "sete %[zf]\n\t"                                       \
                     "setp %[pf]\n\t"                                       \
                     "fstp %%st(0)\n\t"                                     \
                     SW                                                     \
                     : [cf] "=m" (cf), [zf] "=m" (zf), [pf] "=m" (pf),      \
                       [sw] "=m" (sw)                                       \
                     : [a] "m" (xa), [b] "m" (xb)                           \
                     : "st", "st(1)", "cc")

#define X87_CMP_LDB_SW(CMPI, SW)                                            \
    do {                                                                    \
        if (t2 == E2K_FT_F32) {                                             \
            X87_CMP("flds", CMPI, SW);                                      \
        } else if (t2 == E2K_FT_F64) {                                      \
            X87_CMP("fldl", CMPI, SW);                                      \
        } else {                                                            \
            X87_CMP("fldt", CMPI, SW);                                      \
        }                                                                   \
    } while (0)

#define X87_CMP_LDB(CMPI)                                                   \
    do {                                                                    \
        if (moot) {                                                         \
            X87_CMP_LDB_SW(CMPI, "");                                       \
        } else {                                                            \
            X87_CMP_LDB_SW(CMPI, X87_SW);                                   \
        }                                                                   \
    } while (0)

uint64_t helper_fxcmp(CPUE2KState *env, uint64_t a, uint64_t b,
                      uint64_t meta, uint64_t pc)
{
    int cond = (meta >> 32) & 7, t2 = (meta >> 40) & 0xff;
    bool flags = (meta >> 32) & E2K_FX_CMP_FLAGS;
    X87Val xa = x87_operand(a, meta & 0xffff, E2K_FT_F80);
    X87Val xb = x87_operand(b, (meta >> 16) & 0xffff, t2);
    uint16_t g = guest_x87_cw(env), host = 0, sw = 0;
    uint8_t cf = 0, zf = 0, pf = 0;
    bool un, lt, eq, res = false;
    bool moot = fx_flags_moot(env);

    require_host(env, fx_type_ok(t2), pc);
    host = moot ? x87_enter_moot(g) : x87_enter(g);
    if (cond == E2K_FCMP_EQ || cond == E2K_FCMP_UOD ||
        cond == E2K_FCMP_NEQ || cond == E2K_FCMP_OD) {
        X87_CMP_LDB("fucomip");
    } else {
        X87_CMP_LDB("fcomip");
    }
    x87_leave(host, g, sw);
    fx_accrue(env, sw, pc);
    if (flags) {
        return eflags_bits(cf, zf, pf);
    }
    un = pf;
    lt = cf && !un;
    eq = zf && !un;
    switch (cond) {
    case E2K_FCMP_EQ: res = eq; break;
    case E2K_FCMP_LT: res = lt; break;
    case E2K_FCMP_LE: res = lt || eq; break;
    case E2K_FCMP_UOD: res = un; break;
    case E2K_FCMP_NEQ: res = !eq; break;
    case E2K_FCMP_NLT: res = !lt; break;
    case E2K_FCMP_NLE: res = !(lt || eq); break;
    case E2K_FCMP_OD: res = !un; break;
    }
    return res;
}

#define X87_CVT_SW(LD, ST, SW)                                              \
    __asm__ volatile(LD " %[b]\n\t"                                         \
                     ST " %[r]\n\t"                                         \
                     SW                                                     \
                     : [r] "=m" (r), [sw] "=m" (sw)                         \
                     : [b] "m" (xb)                                         \
                     : "st")

#define X87_CVT(LD, ST)                                                     \
    do {                                                                    \
        if (moot) {                                                         \
            X87_CVT_SW(LD, ST, "");                                         \
        } else {                                                            \
            X87_CVT_SW(LD, ST, X87_SW);                                     \
        }                                                                   \
    } while (0)

uint64_t helper_fxcvt(CPUE2KState *env, uint64_t b, uint64_t meta,
                      uint64_t pc)
{
    int op = (meta >> 32) & 0xff, t2 = (meta >> 40) & 0xff;
    int tdst = (meta >> 48) & 0xff;
    X87Val xb = x87_operand(b, (meta >> 16) & 0xffff, t2);
    X87Val r = { 0, 0 };
    uint16_t g = guest_x87_cw(env), host = 0, sw = 0;
    bool trunc = op == E2K_FOP_TRUNC;
    bool moot = fx_flags_moot(env);

    /* every combination the semantics rows name; fisttp (SSE3)
       truncates whatever the rounding control */
    require_host(env, (tdst == E2K_FT_F80 && t2 != E2K_FT_F80 &&
                       t2 != E2K_FT_NONE) ||
                      (t2 == E2K_FT_F80 && tdst != E2K_FT_F80 &&
                       tdst != E2K_FT_NONE), pc);
    if (trunc) {
        require_host(env, __builtin_cpu_supports("sse3"), pc);
    }
    host = moot ? x87_enter_moot(g) : x87_enter(g);
    if (tdst == E2K_FT_F80) {
        switch (t2) {
        case E2K_FT_F32: X87_CVT("flds", "fstpt"); break;
        case E2K_FT_F64: X87_CVT("fldl", "fstpt"); break;
        case E2K_FT_I32: X87_CVT("fildl", "fstpt"); break;
        default: X87_CVT("fildll", "fstpt"); break;
        }
    } else {
        switch (tdst) {
        case E2K_FT_F32: X87_CVT("fldt", "fstps"); break;
        case E2K_FT_F64: X87_CVT("fldt", "fstpl"); break;
        case E2K_FT_I32:
            if (trunc) {
                X87_CVT("fldt", "fisttpl");
            } else {
                X87_CVT("fldt", "fistpl");
            }
            break;
        default:
            if (trunc) {
                X87_CVT("fldt", "fisttpll");
            } else {
                X87_CVT("fldt", "fistpll");
            }
            break;
        }
    }
    x87_leave(host, g, sw);
    fx_accrue(env, sw, pc);
    return x87_result(env, &r, tdst);
}
