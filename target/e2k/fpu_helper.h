/*
 * e2k FPU helpers (fpu_helper.c): scalar f32/f64 arithmetic, compares,
 * conversions and f80 operations with the guest's rounding mode, exact
 * IEEE results and sticky flags.  Values travel as raw bit patterns in
 * 64-bit integers (f32 in the low 32 bits).  Each helper accumulates its
 * exception flags into PFPFR (f32/f64) or FPSR (f80) and raises SIGFPE
 * when a raised exception is unmasked; @pc is the wide instruction.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_E2K_FPU_HELPER_H
#define TARGET_E2K_FPU_HELPER_H

#include "target/e2k/helper-def.h"

/*
 * The inline SSE path (translate-fpu.c): while translated code runs, the
 * host MXCSR holds E2K_MXCSR_DEFAULT plus sticky flags that the inline
 * operations raised, which PFPFR may not have yet.
 *
 * e2k_fpu_enter runs before each tcg_qemu_tb_exec: MXCSR may then only
 * hold flags that PFPFR has (host code outside translated code, GLib's
 * hash tables for one, leaves inexact there), else they are cleared.
 * e2k_fpu_sync_flags adds MXCSR's flags to PFPFR: after each
 * tcg_qemu_tb_exec, when a helper longjmps out of translated code, and
 * before PFPFR is read.  e2k_fpu_discard_flags clears them: before PFPFR
 * is written as a whole and on a SIGFPE (PFPFR stays as before the wide
 * instruction).
 */
void e2k_fpu_enter(CPUE2KState *env);
void e2k_fpu_sync_flags(CPUE2KState *env);
void e2k_fpu_discard_flags(void);
/* Unmasked exceptions @unmasked (E2K_FP_*) of the operation at @pc:
   SIGFPE with the si_code of the first in x86 Linux order, the inline
   flags in MXCSR discarded (PFPFR stays as before the wide instruction).
   Under ,sm (E2K_FP_PC_SPEC in @pc) nothing is raised: fpu.spec_fail is
   set and the function returns. */
void e2k_fpu_raise(CPUE2KState *env, uint32_t unmasked, uint64_t pc)
    __attribute__((cold));
/* The same from an MXCSR value saved elsewhere: a host signal handler
   that leaves by siglongjmp passes its ucontext's (the kernel gave the
   handler a fresh MXCSR). */
void e2k_fpu_sync_saved_flags(CPUE2KState *env, uint32_t mxcsr);
/* tcg_guard_hook of the PFPFR guard (translate-fpu.c): PFPFR no longer
   allows inline SSE.  Reruns the wide instruction alone, translated
   with the helpers. */
void e2k_fpu_guard_failed(void *env, uintptr_t host_pc)
    __attribute__((noreturn));
/* After many guard failures the translator gives up inline SSE: the CPU
   loop then flushes every TB and calls e2k_fpu_inline_retire (with all
   other CPUs stopped), and code is translated again with the helpers. */
bool e2k_fpu_inline_retire_pending(void);
void e2k_fpu_inline_retire(void);

/*
 * Bit 0 of a helper's @pc (wide instructions are 8-byte aligned): the
 * operation is speculative (,sm).  An exception that would raise SIGFPE
 * then sets fpu.spec_fail instead, and the operation accrues no flags
 * at all; the translator makes the result diagnostic (translate-fpu.c).
 * The helpers strip the bit before using @pc as an address.
 */
#define E2K_FP_PC_SPEC  1

/* Guest si_code values for SIGFPE. */
#define E2K_FPE_FLTDIV  3
#define E2K_FPE_FLTOVF  4
#define E2K_FPE_FLTUND  5
#define E2K_FPE_FLTRES  6
#define E2K_FPE_FLTINV  7

/* Helpers may raise SIGFPE: globals are synced before, not reloaded. */
#define E2K_FP_CALL TCG_CALL_NO_WG

/* dst = a OP b */
E2K_DEF_HELPER_4(fadds, E2K_FP_CALL, i64, env, i64, i64, i64);
E2K_DEF_HELPER_4(faddd, E2K_FP_CALL, i64, env, i64, i64, i64);
E2K_DEF_HELPER_4(fsubs, E2K_FP_CALL, i64, env, i64, i64, i64);
E2K_DEF_HELPER_4(fsubd, E2K_FP_CALL, i64, env, i64, i64, i64);
E2K_DEF_HELPER_4(fmuls, E2K_FP_CALL, i64, env, i64, i64, i64);
E2K_DEF_HELPER_4(fmuld, E2K_FP_CALL, i64, env, i64, i64, i64);
E2K_DEF_HELPER_4(fdivs, E2K_FP_CALL, i64, env, i64, i64, i64);
E2K_DEF_HELPER_4(fdivd, E2K_FP_CALL, i64, env, i64, i64, i64);
E2K_DEF_HELPER_4(fmins, E2K_FP_CALL, i64, env, i64, i64, i64);
E2K_DEF_HELPER_4(fmind, E2K_FP_CALL, i64, env, i64, i64, i64);
E2K_DEF_HELPER_4(fmaxs, E2K_FP_CALL, i64, env, i64, i64, i64);
E2K_DEF_HELPER_4(fmaxd, E2K_FP_CALL, i64, env, i64, i64, i64);
/* a * 2^(int32_t)b, rounded once */
E2K_DEF_HELPER_4(fscales, E2K_FP_CALL, i64, env, i64, i64, i64);
E2K_DEF_HELPER_4(fscaled, E2K_FP_CALL, i64, env, i64, i64, i64);
/* round b to an integral value; a: bits 1:0 rounding mode, bit 2 use
   the current mode instead, bit 3 do not report inexact */
E2K_DEF_HELPER_4(fstoifs, E2K_FP_CALL, i64, env, i64, i64, i64);
E2K_DEF_HELPER_4(fdtoifd, E2K_FP_CALL, i64, env, i64, i64, i64);

/* a ? b for compare condition @cond (E2K_FCMP_*): 1 or 0 */
E2K_DEF_HELPER_5(fcmps, E2K_FP_CALL, i64, env, i64, i64, i32, i64);
E2K_DEF_HELPER_5(fcmpd, E2K_FP_CALL, i64, env, i64, i64, i32, i64);

/* a ? b as x86 (u)comis* leaves EFLAGS: ZF 0x40, PF 0x04, CF 0x01 (all
   three: unordered); @cond E2K_FCMP_OD signals IE on any NaN (comis*),
   E2K_FCMP_UOD only on a signaling NaN (ucomis*) */
E2K_DEF_HELPER_5(fcmpfs, E2K_FP_CALL, i64, env, i64, i64, i32, i64);
E2K_DEF_HELPER_5(fcmpfd, E2K_FP_CALL, i64, env, i64, i64, i32, i64);

/* fused: a * b + c, a * b - c, -(a * b) + c, -(a * b) - c */
E2K_DEF_HELPER_5(fmas, E2K_FP_CALL, i64, env, i64, i64, i64, i64);
E2K_DEF_HELPER_5(fmad, E2K_FP_CALL, i64, env, i64, i64, i64, i64);
E2K_DEF_HELPER_5(fmss, E2K_FP_CALL, i64, env, i64, i64, i64, i64);
E2K_DEF_HELPER_5(fmsd, E2K_FP_CALL, i64, env, i64, i64, i64, i64);
E2K_DEF_HELPER_5(fnmas, E2K_FP_CALL, i64, env, i64, i64, i64, i64);
E2K_DEF_HELPER_5(fnmad, E2K_FP_CALL, i64, env, i64, i64, i64, i64);
E2K_DEF_HELPER_5(fnmss, E2K_FP_CALL, i64, env, i64, i64, i64, i64);
E2K_DEF_HELPER_5(fnmsd, E2K_FP_CALL, i64, env, i64, i64, i64, i64);

/* one source */
E2K_DEF_HELPER_3(fsqrts, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(fsqrtd, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(fstofd, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(fdtofs, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(fstois, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(fstoistr, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(fstoid, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(fstoidtr, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(fdtois, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(fdtoistr, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(fdtoid, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(fdtoidtr, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(istofs, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(istofd, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(idtofs, E2K_FP_CALL, i64, env, i64, i64);
E2K_DEF_HELPER_3(idtofd, E2K_FP_CALL, i64, env, i64, i64);

#endif

/*
 * f80 ("fx") operations on the host's x87 unit with the guest's FPCR
 * (rounding and precision control, everything masked); flags go to
 * FPSR.  An f80 value travels as its significand (lo) and its 16-bit
 * sign/exponent; helpers that produce one return the significand and
 * leave the sign/exponent in env->fpu.ret_hi.
 *
 * @meta packs what the operation needs besides the 64-bit halves:
 * bits 15:0 src1's sign/exponent, 31:16 src2's, 39:32 the E2KFpOp (or
 * the compare condition), 47:40 the E2KFpType of src2, 55:48 that of the
 * result.
 */
#define E2K_FX_META(ahi, bhi, op, t2, tdst)                                 \
    (((uint64_t)(ahi) & 0xffff) | (((uint64_t)(bhi) & 0xffff) << 16) |       \
     ((uint64_t)(op) << 32) | ((uint64_t)(t2) << 40) |                      \
     ((uint64_t)(tdst) << 48))

/* src1 (f80) OP src2 (t2), rounded to tdst */
E2K_DEF_HELPER_5(fxop, E2K_FP_CALL, i64, env, i64, i64, i64, i64);
/* src1 (f80) ? src2 (t2): 1 or 0; with E2K_FX_CMP_FLAGS in the
   condition, the (u)comis-style flags as helper_fcmpfs returns them */
#define E2K_FX_CMP_FLAGS 0x10
E2K_DEF_HELPER_5(fxcmp, E2K_FP_CALL, i64, env, i64, i64, i64, i64);
/* convert src2 (t2) to tdst where one of them is f80; op TRUNC or ROUND */
E2K_DEF_HELPER_4(fxcvt, E2K_FP_CALL, i64, env, i64, i64, i64);
