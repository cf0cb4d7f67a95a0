/*
 * The execution loop: find or translate the TB for the current guest
 * pc and flags, chain it to the TB we came from, run it, repeat until
 * an event (system call, guest signal, exit request) leaves the loop.
 *
 * Events raised inside translated code or helpers unwind here with
 * siglongjmp(env->jmp_env); the architectural state is then exactly as
 * before the faulting wide instruction (or after the system call's
 * wide instruction), with env->ip naming where to resume.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <pthread.h>
#include <stdlib.h>
#include <glib.h>

#include "qemu/log.h"
#include "tcg/tcg.h"
#include "accel/tcg/tb-internal.h"
#include "exec/cpu-list.h"
#include "target/e2k/translate.h"
#include "target/e2k/fpu_helper.h"

static __thread CPUE2KState *current_env;

CPUE2KState *tb_current_env(void)
{
    return current_env;
}

/* goto_ptr target: the next TB for the state translated code left in
   env, or NULL to return to the loop (which translates it). */
const void *e2k_next_tb_ptr(CPUE2KState *env)
{
    TranslationBlock *tb;

    if (__atomic_load_n(&env->exit_request, __ATOMIC_ACQUIRE) ||
        env->no_chain || env->single_step) {
        /* (-d nochain, -one-insn-per-tb: every TB ends in the loop) */
        return NULL;
    }
    tb = tb_lookup(env, env->ip, e2k_tb_flags(env));
    return tb ? tb->tc.ptr : NULL;
}

static const void *lookup_tb_ptr(void *opaque)
{
    return e2k_next_tb_ptr(opaque);
}

static void accel_init(void)
{
    Error *err = NULL;

    if (!tcg_init(0, 2, &err)) {
        error_report_err(err);
        exit(1);
    }
    tcg_set_lookup_tb_ptr(lookup_tb_ptr);
    /* translated code reaches only the registers (global and the
       window cache) through pointers other than env */
    tcg_set_env_alias_range(offsetof(CPUE2KState, gregs),
                            sizeof(CPUE2KState));
    tb_cache_init();
}

/* Once per process, whichever guest thread gets here first (pthread_once:
   ThreadSanitizer sees its ordering, unlike GLib's g_once). */
static void accel_init_once(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, accel_init);
}

void e2k_raise_signal(CPUE2KState *env, int sig, int code, uint64_t addr,
                      uint64_t pc)
{
    if ((sig == 11 || sig == 7) && env->fault_in_spec && env->ip == pc) {
        /* probably a speculative load: rerun the bundle with safe ones */
        env->fault_in_spec = 0;
        env->spec_retry_pc = pc;
        e2k_cpu_loop_exit(env, EXCP_SPEC_RETRY);
    }
    env->fault_in_spec = 0;
    env->exc_signal = sig;
    env->exc_code = code;
    env->exc_addr = addr;
    env->ip = pc;
    e2k_cpu_loop_exit(env, EXCP_SIGNAL);
}

void e2k_cpu_loop_exit(CPUE2KState *env, int excp)
{
    env->exception = excp;
    siglongjmp(env->jmp_env, 1);
}

void e2k_cpu_exit_request(CPUE2KState *env)
{
    /* from any thread (another CPU, a signal handler); translated code
       polls it at TB and loop heads */
    __atomic_store_n(&env->exit_request, 1, __ATOMIC_RELEASE);
}

/* The loop proper, entered after the sigsetjmp in e2k_cpu_exec (kept
   apart so no local lives across the longjmp). */
static int __attribute__((noinline)) cpu_exec_loop(CPUE2KState *env)
{
    TranslationBlock *last = NULL;
    int last_slot = 0;
    unsigned flushes = tb_flush_count;

    for (;;) {
        TranslationBlock *tb;
        uint32_t flags = e2k_tb_flags(env);
        uintptr_t ret;

        if (env->spec_retry_pc) {
            if (env->spec_retry_pc == env->ip) {
                flags |= E2K_TBFLAG_SPEC_SAFE;
                last = NULL;
            }
            env->spec_retry_pc = 0;
        }

        if (__atomic_load_n(&env->exit_request, __ATOMIC_ACQUIRE)) {
            __atomic_store_n(&env->exit_request, 0, __ATOMIC_RELAXED);
            return EXCP_INTERRUPT;
        }
        if (env->tb_budget && --env->tb_budget == 0) {
            return EXCP_INTERRUPT;
        }
        if (qemu_loglevel_mask(CPU_LOG_TB_CPU)) {
            e2k_cpu_dump_state(env, qemu_log_file());
        }
        tb = tb_lookup(env, env->ip, flags);
        if (!tb) {
            tb = tb_gen_code(env, env->ip, flags);
        }
        if (flushes != tb_flush_count) {
            flushes = tb_flush_count;
            last = NULL;
        }
        if (last && !env->no_chain && !env->single_step) {
            tb_add_jump(last, last_slot, tb);
        }
        if (qemu_loglevel_mask(CPU_LOG_EXEC)) {
            qemu_log("Trace: pc 0x%" PRIx64 " flags 0x%x\n", tb->pc,
                     tb->flags);
        }
        e2k_fpu_enter(env);             /* FP flags: see fpu_helper.h */
        ret = tcg_qemu_tb_exec(env, tb->tc.ptr);
        e2k_fpu_sync_flags(env);
        last = (TranslationBlock *)(ret & ~(uintptr_t)TB_EXIT_MASK);
        last_slot = ret & TB_EXIT_MASK;
        if (last_slot > TB_EXIT_IDX1) {
            last = NULL;
        }
    }
}

/* Translated code with inline SSE is no good any more (fpu_helper.h):
   drop every TB, with the other CPUs stopped as for a full code buffer. */
static void retire_fpu_inline(CPUE2KState *env)
{
    bool others = cpu_list_count() > 1;

    if (others) {
        cpu_exec_end(env);
        start_exclusive();
    }
    if (e2k_fpu_inline_retire_pending()) {     /* once, by one thread */
        e2k_fpu_inline_retire();
        tb_flush(env);
    }
    if (others) {
        end_exclusive();
        cpu_exec_start(env);
    }
}

int e2k_cpu_exec(CPUE2KState *env)
{
    int ret;

    accel_init_once();
    current_env = env;
    cpu_exec_start(env);
    while (sigsetjmp(env->jmp_env, 0) != 0) {
        e2k_fpu_sync_flags(env);
        if (e2k_fpu_inline_retire_pending()) {
            retire_fpu_inline(env);
        }
        if (env->exception != EXCP_SPEC_RETRY) {
            cpu_exec_end(env);
            current_env = NULL;
            return env->exception;
        }
    }
    ret = cpu_exec_loop(env);
    cpu_exec_end(env);
    current_env = NULL;
    return ret;
}
