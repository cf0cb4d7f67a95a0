/*
 * The e2k context calls glibc's getcontext/setcontext/makecontext/
 * swapcontext/freecontext make, which are the kernel's on e2k (its
 * hardware stacks are out of the program's reach), and the fast system
 * call entry (`sdisp %ctprN, 6') getcontext goes through.
 *
 * The model, as the e2k kernel's (arch/e2k/kernel/proc_context.c):
 *   - A context is identified by the top of its user stack (the "key",
 *     written to uc_mcontext.sbr).  A thread's original stacks become a
 *     context (keyed by %sbr) the first time it switches away.
 *   - makecontext gives the context its own procedure and chain stacks;
 *     the function starts with its arguments in its first registers
 *     (the rest on its user stack) and returns into a trampoline that
 *     switches to uc_link, or ends the thread when there is none.
 *   - setcontext/swapcontext to a context on the current stacks is a long
 *     jump down the chain stack (e2k_chain_unwind) to the frame
 *     getcontext recorded; to another context they switch every stack
 *     register.  A context runs in one thread at a time (-EBUSY).
 * What glibc writes itself: uc_mcontext.cr0_hi/cr1_lo/cr1_hi (rrd in
 * getcontext and swapcontext, the return into their caller); the calls
 * add the mask, the key, %pcsp (the depth of that frame) and the FPU
 * control registers.  A context left by swapcontext resumes in the
 * swapcontext system call, which returns 0.
 *
 * While a context does not run, its hardware state is kept here:
 * everything of the register and chain stacks the CPU holds (the
 * register cache up to the window's top, the spilled registers' tags,
 * the window) and where the system call that left it returns.
 *
 * Facts: OpenE2K's linux (proc_context.c, fast_syscalls.c, the fast
 * system call table of ttable.c) and glibc (sysdeps/unix/sysv/linux/
 * e2k: getcontext.c, makecontext.c, makecontext_helper.S, sysdep-vdso.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <string.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu.h"
#include "target/e2k/cpu.h"
#include "target/e2k/fpu.h"
#include "target/e2k/fpu_helper.h"
#include "e2k/syscall_nr.h"
#include "e2k/target_signal.h"
#include "e2k/target_ucontext.h"

#define SIGSET_SIZE     8
/* The fast system calls (the kernel's table for entry 6): eight slots,
   the last two empty; the entry uses the number's low 3 bits only. */
enum {
    FAST_GETTIMEOFDAY, FAST_CLOCK_GETTIME, FAST_GETCPU, FAST_SIGGETMASK,
    FAST_GETCONTEXT, FAST_SET_RETURN,
};
#define FAST_NR_MASK    7
/* The parameter registers a context function (and the procedure a long
   jump lands in) gets: the C convention's 4 quad registers. */
#define CTX_PSIZE       8
/* The trampoline's window below the context function's. */
#define CTX_TRAMP_WBS   8
/* Where the trampoline's system call returns to. */
#define CTX_TRAMP_RET   (E2K_CTX_TRAMP_OFFSET + 40)

typedef struct HwContext {
    uint64_t key;           /* top of the context's user stack */
    uint64_t ucp;           /* makecontext's ucontext (uc_link), or 0 */
    bool busy;              /* a thread runs on it */
    bool own_stacks;        /* hardware stacks mapped by makecontext */
    bool home;              /* a thread's own stacks (never freed here) */
    bool fresh;             /* made, not yet run: starts at ip */
    /* The CPU's stack state while the context does not run. */
    uint64_t psp_base, psp_size, pcsp_base, pcsp_size, pcsp_ind;
    uint64_t rf_spilled;
    void *spill_tags;       /* while it runs, the CPU's are the ones */
    uint32_t wd_base, wd_size, wd_psize, wd_fx, wdbl, sys_wbs, br;
    uint64_t pf, ip, usd_lo, usd_hi, sbr;
    uint32_t nregs;
    E2KReg *regs;           /* rf[0 .. nregs) */
} HwContext;

/* Every context of the process, by key; ctx_lock also guards busy. */
static GHashTable *ctx_table;
static pthread_mutex_t ctx_lock = PTHREAD_MUTEX_INITIALIZER;
/* The context this thread runs (NULL: its own stacks, never switched),
   and its own stacks' context once it has switched. */
static __thread HwContext *cur_ctx;
static __thread HwContext *home_ctx;

static uint64_t current_key(const CPUE2KState *env)
{
    return cur_ctx ? cur_ctx->key : env->sbr;
}

static void hw_save(HwContext *c, const CPUE2KState *env)
{
    uint32_t n = MIN(env->wd_base + env->wd_size, E2K_RF_REGS);

    c->psp_base = env->psp_base;
    c->psp_size = env->psp_size;
    c->pcsp_base = env->pcsp_base;
    c->pcsp_size = env->pcsp_size;
    c->pcsp_ind = env->pcsp_ind;
    c->rf_spilled = env->rf_spilled;
    c->spill_tags = env->spill_tags;
    c->wd_base = env->wd_base;
    c->wd_size = env->wd_size;
    c->wd_psize = env->wd_psize;
    c->wd_fx = env->wd_fx;
    c->wdbl = env->wdbl;
    c->sys_wbs = env->sys_wbs;
    c->br = env->br;
    c->pf = env->pf;
    c->ip = env->ip;
    c->usd_lo = env->usd_lo;
    c->usd_hi = env->usd_hi;
    c->sbr = env->sbr;
    if (c->nregs < n) {
        c->regs = g_renew(E2KReg, c->regs, n);
    }
    c->nregs = n;
    memcpy(c->regs, env->rf, n * sizeof(E2KReg));
}

static void hw_load(CPUE2KState *env, const HwContext *c)
{
    env->psp_base = c->psp_base;
    env->psp_size = c->psp_size;
    env->pcsp_base = c->pcsp_base;
    env->pcsp_size = c->pcsp_size;
    env->pcsp_ind = c->pcsp_ind;
    env->rf_spilled = c->rf_spilled;
    env->spill_tags = c->spill_tags;
    env->wd_base = c->wd_base;
    env->wd_size = c->wd_size;
    env->wd_psize = c->wd_psize;
    env->wd_fx = c->wd_fx;
    env->wdbl = c->wdbl;
    env->sys_wbs = c->sys_wbs;
    env->br = c->br;
    env->pf = c->pf;
    env->ip = c->ip;
    env->usd_lo = c->usd_lo;
    env->usd_hi = c->usd_hi;
    env->sbr = c->sbr;
    memcpy(env->rf, c->regs, c->nregs * sizeof(E2KReg));
    e2k_set_wptr(env);
    env->ctpr[0] = env->ctpr[1] = env->ctpr[2] = 0;
}

static void hw_context_free(HwContext *c)
{
    if (c->own_stacks) {
        target_munmap(c->psp_base, c->psp_size);
        target_munmap(c->pcsp_base, c->pcsp_size);
        if (c->spill_tags) {
            g_hash_table_destroy(c->spill_tags);
        }
    }
    g_free(c->regs);
    g_free(c);
}

/*
 * A forked child has only the thread that forked: the contexts the other
 * threads ran are free in it (as the kernel's copies are), and the lock
 * starts afresh (another thread may have held it at the fork).
 */
static void ctx_fork_child(void)
{
    GHashTableIter it;
    HwContext *c;

    pthread_mutex_init(&ctx_lock, NULL);
    if (ctx_table) {
        g_hash_table_iter_init(&it, ctx_table);
        while (g_hash_table_iter_next(&it, NULL, (gpointer *)&c)) {
            c->busy = c == cur_ctx;
        }
    }
}

/* Under ctx_lock: the context @key, or NULL. */
static HwContext *ctx_lookup(uint64_t key)
{
    if (!ctx_table) {
        ctx_table = g_hash_table_new(g_int64_hash, g_int64_equal);
        pthread_atfork(NULL, NULL, ctx_fork_child);
    }
    return g_hash_table_lookup(ctx_table, &key);
}

/* Under ctx_lock: this thread's stacks as a context, busy. */
static HwContext *ctx_current(CPUE2KState *env)
{
    HwContext *c;

    if (cur_ctx) {
        return cur_ctx;
    }
    if (ctx_lookup(env->sbr)) {
        return NULL;    /* a context made on our own user stack */
    }
    c = g_new0(HwContext, 1);
    c->key = env->sbr;
    c->busy = true;
    c->home = true;
    g_hash_table_insert(ctx_table, &c->key, c);
    cur_ctx = c;
    home_ctx = c;
    return c;
}

/*
 * The thread ends (exit, or a context function without uc_link): its
 * context is free again, and the CPU gets back the thread's own
 * hardware stacks, which thread.c unmaps with it (a context's stay with
 * the context).
 */
static void ctx_thread_exit(CPUE2KState *env)
{
    HwContext *home = home_ctx;

    if (!cur_ctx) {
        return;
    }
    pthread_mutex_lock(&ctx_lock);
    cur_ctx->busy = false;
    if (home != cur_ctx) {
        cur_ctx->spill_tags = env->spill_tags;
        env->spill_tags = home->spill_tags;
        env->psp_base = home->psp_base;
        env->psp_size = home->psp_size;
        env->pcsp_base = home->pcsp_base;
        env->pcsp_size = home->pcsp_size;
    }
    g_hash_table_remove(ctx_table, &home->key);
    pthread_mutex_unlock(&ctx_lock);
    g_free(home->regs);
    g_free(home);
    cur_ctx = home_ctx = NULL;
}

static void fpu_from_ucontext(CPUE2KState *env, const uint8_t *uc)
{
    e2k_fpu_discard_flags();
    env->fpu.fpcr = (ldl_le_p(uc + UC_EXTRA + EX_FPCR) & FPCR_WRITABLE) |
                    0x40;
    env->fpu.fpsr = ldl_le_p(uc + UC_EXTRA + EX_FPSR) & FPSR_WRITABLE;
    env->fpu.pfpfr = ldl_le_p(uc + UC_EXTRA + EX_PFPFR) & PFPFR_WRITABLE;
}

/* What getcontext and swapcontext add to glibc's part of *@uc. */
static void ucontext_save(CPUE2KState *env, uint8_t *uc)
{
    uint8_t *sc = uc + UC_MCONTEXT;

    e2k_fpu_sync_flags(env);
    stq_le_p(uc + UC_SIGMASK, signal_get_mask());
    stq_le_p(sc + SC_SBR, current_key(env));
    stq_le_p(sc + SC_PCSP_LO,
             (env->pcsp_base & CTPR_BASE_MASK) | (3ULL << 59));
    stq_le_p(sc + SC_PCSP_HI, ((env->pcsp_size & 0xffffffffULL) << 32) |
             (env->pcsp_ind & 0xffffffffULL));
    stl_le_p(uc + UC_EXTRA + EX_FPCR, env->fpu.fpcr);
    stl_le_p(uc + UC_EXTRA + EX_FPSR, env->fpu.fpsr);
    stl_le_p(uc + UC_EXTRA + EX_PFPFR, env->fpu.pfpfr);
}

static int64_t do_getcontext(CPUE2KState *env, uint64_t ucp, uint64_t size)
{
    uint8_t *uc;

    if (size != SIGSET_SIZE) {
        return -EINVAL;
    }
    uc = lock_user(ucp, UC_SIZE, PAGE_WRITE);
    if (!uc) {
        return -EFAULT;
    }
    ucontext_save(env, uc);
    return 0;
}

/*
 * Long jump on the current stacks to the frame *@uc recorded: the
 * procedure making the system call returns into the caller of the one
 * that called getcontext (or swapcontext), which sees 0 returned.
 * A context that does not describe a frame below us kills the process,
 * as the kernel's longjmp does.
 */
static void ucontext_jump(CPUE2KState *env, uint64_t ucp, const uint8_t *uc)
{
    const uint8_t *sc = uc + UC_MCONTEXT;
    uint64_t cr1_hi = ldq_le_p(sc + SC_CR1_HI);
    uint64_t target = (uint32_t)ldq_le_p(sc + SC_PCSP_HI);
    uint64_t ip = ldq_le_p(sc + SC_CR0_HI);

    if (!e2k_chain_unwind(env, target, ip, ldq_le_p(sc + SC_CR1_LO),
                          cr1_hi & BR_MASK,
                          ((cr1_hi >> CR1_HI_USSZ_SHIFT) & 0xfffffff) << 4,
                          CTX_PSIZE)) {
        qemu_log_mask(CPU_LOG_INT, "qemu: setcontext: ucontext at 0x%"
                      PRIx64 " is not a frame of this stack\n", ucp);
        dump_core_and_abort(TARGET_SIGKILL);
    }
    qemu_log_mask(CPU_LOG_INT, "qemu: setcontext to 0x%" PRIx64
                  " (chain depth %" PRIu64 ")\n", ip, target);
}

/*
 * Switch to the context of *@uc (at @ucp), on other stacks; @oucp: where
 * to save the current one (0: nowhere).  *@keep_regs: the new context has
 * not run yet (its registers are its function's arguments).
 */
static int64_t ctx_switch(CPUE2KState *env, uint64_t oucp, uint64_t ucp,
                          bool *keep_regs)
{
    const uint8_t *uc = lock_user(ucp, UC_SIZE, PAGE_READ);
    uint8_t *ouc = NULL;
    HwContext *cur, *next;
    uint64_t key, mask;
    bool fresh;

    if (!uc) {
        return -EFAULT;
    }
    if (oucp) {
        ouc = lock_user(oucp, UC_SIZE, PAGE_WRITE);
        if (!ouc) {
            return -EFAULT;
        }
    }
    key = ldq_le_p(uc + UC_MCONTEXT + SC_SBR);
    mask = ldq_le_p(uc + UC_SIGMASK);

    pthread_mutex_lock(&ctx_lock);
    cur = ctx_current(env);
    next = ctx_lookup(key);
    if (!cur || !next || next->busy) {
        pthread_mutex_unlock(&ctx_lock);
        return !next ? -ESRCH : -EBUSY;
    }
    if (ouc) {
        ucontext_save(env, ouc);
    }
    hw_save(cur, env);
    cur->busy = false;
    next->busy = true;
    fresh = next->fresh;
    next->fresh = false;
    cur_ctx = next;
    hw_load(env, next);
    pthread_mutex_unlock(&ctx_lock);

    fpu_from_ucontext(env, uc);
    *keep_regs = fresh;
    if (!fresh &&
        (ldq_le_p(uc + UC_MCONTEXT + SC_PCSP_HI) & 0xffffffffULL) !=
            env->pcsp_ind) {
        /* resumes elsewhere than where the context left its stacks */
        ucontext_jump(env, ucp, uc);
    } else if (!fresh && env->pcsp_ind >= E2K_CRS_SIZE &&
               ldq_le_p(uc + UC_MCONTEXT + SC_CR0_HI) !=
               ldq_le_p(g2h(env->pcsp_base + env->pcsp_ind + 8))) {
        ucontext_jump(env, ucp, uc);
    }
    signal_set_mask(mask);
    qemu_log_mask(CPU_LOG_INT, "qemu: context switch to stack 0x%" PRIx64
                  "%s\n", key, fresh ? " (first run)" : "");
    return 0;
}

static int64_t do_setcontext(CPUE2KState *env, uint64_t ucp, uint64_t size,
                             bool *keep_regs)
{
    const uint8_t *uc;

    if (size != SIGSET_SIZE) {
        return -EINVAL;
    }
    uc = lock_user(ucp, UC_SIZE, PAGE_READ);
    if (!uc) {
        return -EFAULT;
    }
    if (ldq_le_p(uc + UC_MCONTEXT + SC_SBR) != current_key(env)) {
        return ctx_switch(env, 0, ucp, keep_regs);
    }
    ucontext_jump(env, ucp, uc);
    fpu_from_ucontext(env, uc);
    signal_set_mask(ldq_le_p(uc + UC_SIGMASK));
    return 0;
}

static int64_t do_swapcontext(CPUE2KState *env, uint64_t oucp, uint64_t ucp,
                              uint64_t size, bool *keep_regs)
{
    uint8_t *ouc;

    if (size != SIGSET_SIZE) {
        return -EINVAL;
    }
    if (!oucp) {
        return ctx_switch(env, 0, ucp, keep_regs);
    }
    /* glibc's part, in case the caller is not glibc: the return into the
       caller of the procedure making the call */
    ouc = lock_user(oucp, UC_SIZE, PAGE_WRITE);
    if (!ouc || env->pcsp_ind < E2K_CRS_SIZE) {
        return -EFAULT;
    }
    for (int i = 1; i < 4; i++) {
        stq_le_p(ouc + UC_MCONTEXT + SC_CR0_LO + 8 * i,
                 ldq_le_p(g2h(env->pcsp_base + env->pcsp_ind + 8 * i)));
    }
    return ctx_switch(env, oucp, ucp, keep_regs);
}

/*
 * makecontext(ucp, func, args_size, args, sigsetsize): glibc passes
 * its helper as @func and (ucp, func, argc, 0, arguments...) as the
 * argument block.  The first 8 double words go to the function's
 * registers, all of them to the bottom of its stack frame (as a caller
 * reserves room for every parameter), which is the top of the context's
 * user stack.
 */
static int64_t do_makecontext(CPUE2KState *env, uint64_t ucp, uint64_t func,
                              uint64_t args_size, uint64_t args,
                              uint64_t size)
{
    uint8_t *uc, *cr;
    const uint8_t *argp = NULL;
    uint64_t base, ss_size, key, frame_size, nargs;
    HwContext *c;
    bool reuse;

    if (size != SIGSET_SIZE) {
        return -EINVAL;
    }
    uc = lock_user(ucp, UC_SIZE, PAGE_WRITE);
    if (!uc) {
        return -EFAULT;
    }
    base = ldq_le_p(uc + UC_STACK);
    ss_size = ldq_le_p(uc + UC_STACK + 16);
    if (ss_size < 16 || base + ss_size < base) {
        return -EINVAL;
    }
    ss_size -= ((base + 15) & ~15ULL) - base;
    base = (base + 15) & ~15ULL;
    ss_size &= ~15ULL;
    frame_size = (args_size + 15) & ~15ULL;
    if (args_size > ss_size || frame_size > ss_size || args_size % 8) {
        return -EINVAL;
    }
    if (!page_check_range(base, ss_size, PAGE_WRITE)) {
        return -EFAULT;
    }
    if (args_size) {
        argp = lock_user(args, args_size, PAGE_READ);
        if (!argp) {
            return -EFAULT;
        }
    }
    key = base + ss_size;

    pthread_mutex_lock(&ctx_lock);
    c = ctx_lookup(key);
    if (c && (c->busy || c->home)) {
        pthread_mutex_unlock(&ctx_lock);
        return -EBUSY;
    }
    reuse = c && c->own_stacks;
    if (!reuse) {
        int64_t psp, pcsp;

        psp = target_mmap(0, env->psp_size,
                          TARGET_PROT_READ | TARGET_PROT_WRITE,
                          TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS |
                          TARGET_MAP_NORESERVE, -1, 0);
        pcsp = psp < 0 ? psp :
               target_mmap(0, env->pcsp_size,
                           TARGET_PROT_READ | TARGET_PROT_WRITE,
                           TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS |
                           TARGET_MAP_NORESERVE, -1, 0);
        if (pcsp < 0) {
            if (psp >= 0) {
                target_munmap(psp, env->psp_size);
            }
            pthread_mutex_unlock(&ctx_lock);
            return -ENOMEM;
        }
        c = g_new0(HwContext, 1);
        c->key = key;
        c->own_stacks = true;
        c->psp_base = psp;
        c->psp_size = env->psp_size;
        c->pcsp_base = pcsp;
        c->pcsp_size = env->pcsp_size;
        g_hash_table_insert(ctx_table, &c->key, c);
    } else if (c->spill_tags) {
        g_hash_table_destroy(c->spill_tags);
    }
    c->ucp = ucp;
    c->fresh = true;
    c->spill_tags = NULL;
    c->rf_spilled = 0;
    /* the trampoline's window, then the function's parameters */
    c->nregs = CTX_TRAMP_WBS + CTX_PSIZE;
    c->regs = g_renew(E2KReg, c->regs, c->nregs);
    memset(c->regs, 0, c->nregs * sizeof(E2KReg));
    nargs = MIN(args_size / 8, CTX_PSIZE);
    for (uint64_t i = 0; i < nargs; i++) {
        c->regs[CTX_TRAMP_WBS + i].lo = ldq_le_p(argp + 8 * i);
    }
    c->wd_base = CTX_TRAMP_WBS;
    c->wd_size = CTX_PSIZE;
    c->wd_psize = CTX_PSIZE;
    c->wd_fx = 1;
    c->wdbl = 0;
    c->sys_wbs = 0;
    c->br = 0;
    c->pf = 0;
    c->ip = func & CTPR_BASE_MASK;
    c->sbr = key;
    c->usd_lo = (env->usd_lo & ~CTPR_BASE_MASK) | (key - frame_size);
    c->usd_hi = (env->usd_hi & 0xffffffffULL) |
                ((ss_size - frame_size) << 32);
    /* The function's frame at depth 1 returns into the trampoline, with
       the whole user stack back. */
    c->pcsp_ind = E2K_CRS_SIZE;
    cr = g2h(c->pcsp_base);
    memset(cr, 0, 2 * E2K_CRS_SIZE);
    cr += E2K_CRS_SIZE;
    stq_le_p(cr + 8, e2k_tramp_page() + E2K_CTX_TRAMP_OFFSET);
    stq_le_p(cr + 16, ((uint64_t)(CTX_TRAMP_WBS / 2) << CR1_LO_WBS_SHIFT) |
             (1ULL << CR1_LO_WFX_BIT));
    stq_le_p(cr + 24, (ss_size >> 4) << CR1_HI_USSZ_SHIFT);
    if (args_size) {
        memcpy(g2h(key - frame_size), argp, args_size);
    }

    /* The ucontext, as the kernel fills it. */
    memset(uc + UC_SIGMASK, 0, SIGSET_SIZE);
    stq_le_p(uc + UC_MCONTEXT + SC_SBR, key);
    stq_le_p(uc + UC_MCONTEXT + SC_CR0_HI, c->ip);
    stq_le_p(uc + UC_MCONTEXT + SC_CR1_LO,
             (uint64_t)(CTX_TRAMP_WBS / 2) << CR1_LO_WBS_SHIFT);
    stq_le_p(uc + UC_MCONTEXT + SC_CR1_HI,
             ((ss_size - frame_size) >> 4) << CR1_HI_USSZ_SHIFT);
    stq_le_p(uc + UC_MCONTEXT + SC_PCSP_LO,
             (c->pcsp_base & CTPR_BASE_MASK) | (3ULL << 59));
    stq_le_p(uc + UC_MCONTEXT + SC_PCSP_HI,
             ((c->pcsp_size & 0xffffffffULL) << 32) | c->pcsp_ind);
    stl_le_p(uc + UC_EXTRA + EX_FPCR, FPCR_INIT);
    stl_le_p(uc + UC_EXTRA + EX_FPSR, FPSR_INIT);
    stl_le_p(uc + UC_EXTRA + EX_PFPFR, PFPFR_INIT);
    pthread_mutex_unlock(&ctx_lock);
    return 0;
}

static int64_t do_freecontext(CPUE2KState *env, uint64_t ucp)
{
    const uint8_t *uc = lock_user(ucp, UC_SIZE, PAGE_READ);
    HwContext *c;
    uint64_t key;

    if (!uc) {
        return -EFAULT;
    }
    key = ldq_le_p(uc + UC_MCONTEXT + SC_SBR);
    pthread_mutex_lock(&ctx_lock);
    c = ctx_lookup(key);
    if (!c || c == cur_ctx || c->busy || c->home) {
        /* (the kernel would free a thread's own stacks it has left) */
        pthread_mutex_unlock(&ctx_lock);
        return !c ? -ENOENT : -EBUSY;
    }
    g_hash_table_remove(ctx_table, &c->key);
    pthread_mutex_unlock(&ctx_lock);
    hw_context_free(c);
    return 0;
}

/*
 * A function makecontext started returned into the trampoline: go on
 * with uc_link's context, or end the thread when there is none.
 */
static void ctx_function_returned(CPUE2KState *env)
{
    uint64_t ucp = cur_ctx ? cur_ctx->ucp : 0;
    const uint8_t *uc = ucp ? lock_user(ucp, UC_SIZE, PAGE_READ) : NULL;
    uint64_t link = uc ? ldq_le_p(uc + UC_LINK) : 0;
    bool keep_regs = false;
    int64_t ret;

    if (!link) {
        ctx_thread_exit(env);
        do_thread_exit(env, 0, false);
    }
    ret = ctx_switch(env, 0, link, &keep_regs);
    if (ret < 0) {
        qemu_log_mask(CPU_LOG_INT, "qemu: cannot go on with uc_link 0x%"
                      PRIx64 ": error %" PRId64 "\n", link, ret);
        dump_core_and_abort(TARGET_SIGSEGV);
    }
    if (!keep_regs) {
        e2k_syscall_return(env, 0);
    }
}

bool e2k_context_enter_chain(CPUE2KState *env, uint64_t pcsp_base)
{
    GHashTableIter it;
    HwContext *cur, *c, *next = NULL;

    pthread_mutex_lock(&ctx_lock);
    cur = ctx_current(env);
    g_hash_table_iter_init(&it, ctx_table);
    while (cur && g_hash_table_iter_next(&it, NULL, (gpointer *)&c)) {
        if (c != cur && c->pcsp_base == pcsp_base) {
            next = c;
            break;
        }
    }
    if (!next || next->busy || next->fresh) {
        pthread_mutex_unlock(&ctx_lock);
        return false;
    }
    hw_save(cur, env);
    cur->busy = false;
    next->busy = true;
    cur_ctx = next;
    hw_load(env, next);
    pthread_mutex_unlock(&ctx_lock);
    qemu_log_mask(CPU_LOG_INT, "qemu: long jump into the context of stack "
                  "0x%" PRIx64 "\n", next->key);
    return true;
}

bool e2k_context_call(CPUE2KState *env, uint64_t nr, const uint64_t a[6],
                      int64_t *ret, bool *keep_regs)
{
    *keep_regs = false;
    switch (nr) {
    case TARGET_NR_setcontext:
        *ret = do_setcontext(env, a[0], a[1], keep_regs);
        return true;
    case TARGET_NR_swapcontext:
        *ret = do_swapcontext(env, a[0], a[1], a[2], keep_regs);
        return true;
    case TARGET_NR_makecontext:
        if (cur_ctx && cur_ctx->own_stacks && env->pcsp_ind == 0 &&
            env->ip == e2k_tramp_page() + CTX_TRAMP_RET) {
            ctx_function_returned(env);
            *keep_regs = true;      /* done (the result is written) */
            return true;
        }
        *ret = do_makecontext(env, a[0], a[1], a[2], a[3], a[4]);
        return true;
    case TARGET_NR_freecontext:
        *ret = do_freecontext(env, a[0]);
        return true;
    case TARGET_NR_exit:
        ctx_thread_exit(env);
        return false;           /* thread.c does the rest */
    default:
        return false;
    }
}

/*
 * set_return(ip, flags): the procedure that made the fast call returns
 * to @ip instead of to its caller.  The kernel's entry 6 jumps to the
 * handler without a frame of its own, so the top frame of the chain
 * stack is that procedure's (here: the one at pcsp_ind, whose cr0.hi
 * its `return' reads), and the kernel rewrites its cr0.hi.ip.
 */
static int64_t do_set_return(CPUE2KState *env, uint64_t ip, uint64_t flags)
{
    if ((int32_t)flags != 0) {
        return -EINVAL;
    }
    if (ip >= guest_space_size) {
        return -EFAULT;
    }
    if (env->pcsp_ind < E2K_CRS_SIZE) {
        return -EPERM;          /* no frame of the program to return to */
    }
    stq_le_p(g2h(env->pcsp_base + env->pcsp_ind + 8), ip & ~(uint64_t)7);
    return 0;
}

int64_t e2k_fast_syscall(CPUE2KState *env, uint64_t nr, const uint64_t a[6])
{
    uint8_t *p;

    switch (nr & FAST_NR_MASK) {
    case FAST_GETTIMEOFDAY:
        return do_syscall(env, TARGET_NR_gettimeofday, a[0], a[1], 0, 0, 0,
                          0);
    case FAST_CLOCK_GETTIME:
        return do_syscall(env, TARGET_NR_clock_gettime, a[0], a[1], 0, 0, 0,
                          0);
    case FAST_GETCPU:
        return do_syscall(env, TARGET_NR_getcpu, a[0], a[1], a[2], 0, 0, 0);
    case FAST_SIGGETMASK:
        if (a[1] != SIGSET_SIZE) {
            return -EINVAL;
        }
        p = lock_user(a[0], SIGSET_SIZE, PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        stq_le_p(p, signal_get_mask());
        return 0;
    case FAST_GETCONTEXT:
        return do_getcontext(env, a[0], a[1]);
    case FAST_SET_RETURN:
        return do_set_return(env, a[0], a[1]);
    default:
        /* slots 6 and 7: sys_ni_syscall in the kernel's table too */
        qemu_log_mask(LOG_UNIMP, "qemu-e2k: fast system call %" PRIu64
                      " is not implemented (the kernel has none there)\n",
                      nr);
        return -ENOSYS;
    }
}
