/*
 * Runtime helpers called from e2k translated code (and from cpu_loop).
 *
 * Owns: the C side of operations too rare or too complex to inline:
 * procedure call/return with the register window shift and the chain
 * stack, register-stack spill/fill, setwd checks, state register access
 * (rrd/rwd), division, speculative loads, raising guest signals.
 *
 * Every helper that can fault takes @pc, the address of the wide
 * instruction, and raises with the architectural state as before it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_E2K_HELPER_H
#define TARGET_E2K_HELPER_H

#include "target/e2k/cpu.h"

/* Guest signal numbers (Linux generic). */
#define E2K_SIGILL   4
#define E2K_SIGTRAP  5
#define E2K_SIGBUS   7
#define E2K_SIGFPE   8
#define E2K_SIGSEGV  11

#define E2K_ILL_ILLOPC  1
#define E2K_ILL_ILLOPN  2
#define E2K_ILL_ILLADR  3
#define E2K_ILL_PRVOPC  5
#define E2K_FPE_INTDIV  1
#define E2K_SEGV_MAPERR 1
#define E2K_SEGV_ACCERR 2

void helper_raise(CPUE2KState *env, uint32_t sig, uint32_t code,
                  uint64_t pc);
/* e2k_tags_begin (cpu.h): the wide instruction at @pc is about to make
   the first diagnostic value; rerun it with the tag code. */
void helper_tags_begin(CPUE2KState *env, uint64_t pc);
/* call through a %ctpr holding @ctpr (its value at the start of the
   wide instruction) with a window shift of @wbs registers; @next: the
   return address.  Sets env->ip to the callee (or leaves for a system
   call). */
/* SIGILL for operation @name (a const char *), which we do not
   implement; the name is reported if the guest dies of it. */
void helper_unimp(CPUE2KState *env, uint64_t name, uint64_t pc);
/* rws/rwd of @value to UPSR: SIGILL (as helper_unimp) when it sets
   UPSR.ac, the misaligned-access trap we do not model. */
void helper_upsr_check(CPUE2KState *env, uint64_t value, uint64_t pc);
void helper_call(CPUE2KState *env, uint64_t ctpr, uint32_t wbs,
                 uint64_t next, uint64_t pc);
/* The faults of a call, raised before its wide instruction stores or
   commits anything; returns when the call will not fault. */
void helper_call_check(CPUE2KState *env, uint64_t ctpr, uint32_t wbs,
                       uint64_t pc);
/* The faults of a ct through %ctpr @idx holding @ctpr (no jump target,
   a return with nothing to return to), raised before its wide
   instruction stores or commits anything; returns when it will not. */
/* a return's fill of the caller's window (helper_return) would fail:
   SIGSEGV, before the wide instruction commits */
void helper_return_check(CPUE2KState *env, uint64_t pc);
void helper_ct_check(CPUE2KState *env, uint32_t idx, uint64_t ctpr,
                     uint64_t pc);
/* `return': the value %ctpr3 takes (the caller's continuation). */
uint64_t helper_prep_return(CPUE2KState *env, uint64_t pc);
/* ct through a %ctpr holding a return target: pop the chain stack. */
void helper_return(CPUE2KState *env, uint64_t pc);
/* Jump through a %ctpr that is not a plain disp (sdisp without call,
   return with ct, empty); returns the next ip or raises. */
void helper_ct_indirect(CPUE2KState *env, uint32_t idx, uint64_t pc);
/* helper_ct_indirect and the lookup of the TB it leads to in one call:
   returns that TB's host code for goto_ptr (NULL: back to the loop). */
const void *helper_ct_goto(CPUE2KState *env, uint32_t idx, uint64_t pc);
/* setwd: window size in registers; SIGILL below the parameter area. */
void helper_setwd(CPUE2KState *env, uint32_t size, uint32_t nfx,
                  uint32_t dbl, uint64_t pc);
uint64_t helper_rrd(CPUE2KState *env, uint32_t sreg, uint64_t pc);
/* May user code write state register @sreg (rws/rwd)? */
bool e2k_sreg_user_writable(uint32_t sreg);
void helper_rwd(CPUE2KState *env, uint32_t sreg, uint64_t value,
                uint64_t pc);
/* getsp: move the user stack pointer (USD) by @delta (16-byte aligned,
   negative allocates); returns the new stack pointer. */
uint64_t helper_getsp(CPUE2KState *env, uint64_t delta);
/* flushr / flushc. */
void helper_flushr(CPUE2KState *env);

/* Integer division; SIGFPE on a zero divisor. */
uint64_t helper_udivd(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc);
uint64_t helper_sdivd(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc);
uint64_t helper_umodd(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc);
uint64_t helper_smodd(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc);
uint64_t helper_udivs(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc);
uint64_t helper_sdivs(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc);
uint64_t helper_umods(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc);
uint64_t helper_smods(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc);

/* Speculative load of (1 << size_log2) bytes: value (zero-extended) or,
   when the address is not readable, 0 with env->spec_fail set... we
   return the diagnostic flag in bit 0 of *diag. */
uint64_t helper_ld_spec(CPUE2KState *env, uint64_t addr, uint32_t size_log2,
                        uint64_t pc);

/* A wide instruction with two or more stores probes every store before
   performing the first, so that either all of them happen or none: raise
   SIGSEGV (as the store itself would) when [addr, addr + (1 << size_log2))
   is not writable. */
void helper_probe_store(CPUE2KState *env, uint64_t addr, uint32_t size_log2,
                        uint64_t pc);

/* Pack/unpack the predicate file as CR0.lo holds it (2 bits each). */
uint64_t e2k_pack_preds(const CPUE2KState *env);
void e2k_unpack_preds(CPUE2KState *env, uint64_t pf);
/* A return: the user stack as the chain-stack frame CR1.hi saved it. */
void e2k_restore_usd(CPUE2KState *env, uint64_t cr1_hi);

#endif
