/*
 * e2k signal frames: how a guest handler is entered and how rt_sigreturn
 * comes back.  The queue, masks and dispositions are linux-user/signal.c;
 * the CPU loop (cpu_loop.c) calls e2k_deliver_signals() after every
 * system call and stop, and e2k_rt_sigreturn() for rt_sigreturn.
 *
 * The frame, on the user stack (or the sigaltstack with SA_ONSTACK),
 * 16-byte aligned, from its lowest address:
 *
 *     +0     siginfo_t (128 bytes, generic 64-bit layout)
 *     +128   struct ucontext as the e2k kernel lays it out (1792 bytes):
 *            uc_flags, uc_link, uc_stack, then uc_mcontext (struct
 *            sigcontext: cr0_lo, cr0_hi, cr1_lo, cr1_hi, sbr, usd_lo,
 *            usd_hi, psp_lo, psp_hi, pcsp_lo, pcsp_hi, then the binary
 *            compiler's part, zero here), uc_sigmask (in a 128-byte
 *            union), uc_extra (fpcr, fpsr, pfpfr, ctpr1..3)
 *     +1920  qemu-e2k's own save area (SAVE_*): what the kernel keeps in
 *            its own memory and we keep here, so that a handler that
 *            leaves by siglongjmp leaves nothing behind in qemu-e2k
 *            (except the AAU's registers, kept in host memory: aau_save).
 *
 * uc_mcontext's cr0/cr1 describe the interrupted procedure the way the
 * kernel shows them: cr0_hi is the address execution resumes at (a
 * handler may change it), cr0_lo the predicate file, cr1 the window
 * (wbs, wpsz) and BR.  rt_sigreturn takes the resume address from
 * cr0_hi, the predicates from cr0_lo and the mask from uc_sigmask; the
 * rest from the save area, which is checked (a magic word, and a
 * register window and chain stack that still make sense) before any of
 * it is used.
 *
 * Entering the handler.  Two frames are pushed on the chain stack, as if
 * the interrupted procedure had called a trampoline (frame A: the return
 * into the interrupted procedure, with wbs = its whole window) and the
 * trampoline had called the handler (frame B: the return into the
 * trampoline).  So the handler runs on a fresh window above every
 * register of the interrupted procedure, with sig, &info, &uc in its
 * %dr0..%dr2, and its `return' lands in the trampoline with the user
 * stack pointer back at the frame.  The trampoline is two wide
 * instructions in a page qemu-e2k maps into the guest (like QEMU's
 * sigtramp page), calling rt_sigreturn, which finds the frame at the
 * stack pointer.  The kernel does the same dance with its own code in
 * place of the trampoline; the guest cannot tell the difference except
 * by reading the trampoline's address in its chain stack.
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
#include "e2k/target_signal.h"
#include "e2k/target_ucontext.h"

/* Offsets in the frame. */
#define FRAME_INFO          0
#define FRAME_UC            128

/* The save area (ours; its layout is nobody else's business). */
#define FRAME_SAVE          (FRAME_UC + UC_SIZE)
#define SAVE_MAGIC          0       /* SIGFRAME_MAGIC */
#define SAVE_RF_INDEX       8       /* rf_spilled + wd_base */
#define SAVE_WD             16      /* wd_size, wd_psize, wd_fx, wdbl */
#define SAVE_BR             32      /* br, bgr, tbflags_extra, sys_wbs */
#define SAVE_LSR            48      /* lcnt, ecnt, vlc, over, pcnt, strmd,
                                       ldmc, ldovl: 8 x 32 bits */
#define SAVE_ILCR           80
#define SAVE_PSR            88
#define SAVE_PCSP_IND       96
#define SAVE_RESTART        104     /* 1: redo the system call below */
#define SAVE_SYS_NR         112
#define SAVE_SYS_ARGS       120     /* 6 x 64 bits */
#define SAVE_GREGS          168     /* 32 x (lo, hi, tag) */
#define SAVE_SIZE           (SAVE_GREGS + E2K_NR_GREGS * 24)
#define FRAME_SIZE          ((FRAME_SAVE + SAVE_SIZE + 15) & ~15)

#define SIGFRAME_MAGIC      0x454d415246474953ULL     /* "SIGFRAME" */

/* The handler's parameter area: %dr0..%dr2, in whole quad registers. */
#define HANDLER_PSIZE       4

/*
 * The trampoline, assembled with tools/e2k-asm from:
 *     { setwd wsz=8, nfx=1 ; sdisp %ctpr1, 0x3 ; addd,0 0, 173, %r8 }
 *     { call %ctpr1, wbs=4 }                  ! rt_sigreturn
 * rt_sigreturn does not come back here.  At E2K_CTX_TRAMP_OFFSET in the
 * same page, the same with 370 (makecontext) in place of 173: where a
 * context function made by makecontext returns to (context.c).
 */
static const uint8_t sigtramp_code[] = {
    0x23, 0xc0, 0x00, 0x04, 0x88, 0xd5, 0xc0, 0x11,
    0x03, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0xad, 0x00, 0x10, 0x01, 0x00, 0x00,
    0x12, 0x90, 0x00, 0x00, 0x20, 0x04, 0x00, 0xc0,
    0x04, 0x00, 0x00, 0x50, 0x00, 0x00, 0x00, 0x00,
};
static const uint8_t ctxtramp_code[] = {
    0x23, 0xc0, 0x00, 0x04, 0x88, 0xd5, 0xc0, 0x11,
    0x03, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x72, 0x01, 0x10, 0x01, 0x00, 0x00,
    0x12, 0x90, 0x00, 0x00, 0x20, 0x04, 0x00, 0xc0,
    0x04, 0x00, 0x00, 0x50, 0x00, 0x00, 0x00, 0x00,
};
static uint64_t sigtramp_addr;
static pthread_mutex_t sigtramp_lock = PTHREAD_MUTEX_INITIALIZER;

static bool tramp_page_intact(uint64_t a)
{
    return (page_get_flags(a) & (PAGE_VALID | PAGE_EXEC)) ==
               (PAGE_VALID | PAGE_EXEC) &&
           memcmp(g2h(a), sigtramp_code, sizeof(sigtramp_code)) == 0 &&
           memcmp(g2h(a + E2K_CTX_TRAMP_OFFSET), ctxtramp_code,
                  sizeof(ctxtramp_code)) == 0;
}

/* The trampoline page, mapped on first use (and again if the guest
   unmapped or overwrote it).  0 when no memory is left. */
uint64_t e2k_tramp_page(void)
{
    int64_t a;

    pthread_mutex_lock(&sigtramp_lock);
    if (sigtramp_addr && tramp_page_intact(sigtramp_addr)) {
        a = sigtramp_addr;
        pthread_mutex_unlock(&sigtramp_lock);
        return a;
    }
    a = target_mmap(0, TARGET_PAGE_SIZE,
                    TARGET_PROT_READ | TARGET_PROT_WRITE,
                    TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS, -1, 0);
    if (a < 0) {
        pthread_mutex_unlock(&sigtramp_lock);
        return 0;
    }
    memcpy(g2h(a), sigtramp_code, sizeof(sigtramp_code));
    memcpy(g2h(a + E2K_CTX_TRAMP_OFFSET), ctxtramp_code,
           sizeof(ctxtramp_code));
    target_mprotect(a, TARGET_PAGE_SIZE,
                    TARGET_PROT_READ | TARGET_PROT_EXEC);
    sigtramp_addr = a;
    pthread_mutex_unlock(&sigtramp_lock);
    return a;
}

static uint64_t usd_base(const CPUE2KState *env)
{
    return env->usd_lo & CTPR_BASE_MASK;
}

static uint64_t usd_size(const CPUE2KState *env)
{
    return env->usd_hi >> 32;
}

static void write_crs(CPUE2KState *env, uint64_t ind, uint64_t cr0_lo,
                      uint64_t cr0_hi, uint64_t cr1_lo, uint64_t cr1_hi)
{
    uint8_t *p = g2h(env->pcsp_base + ind);

    stq_le_p(p, cr0_lo);
    stq_le_p(p + 8, cr0_hi);
    stq_le_p(p + 16, cr1_lo);
    stq_le_p(p + 24, cr1_hi);
}

static uint64_t cr1_lo_for(const CPUE2KState *env, uint32_t wbs,
                           uint32_t psize, uint32_t wfx)
{
    return ((uint64_t)((wbs / 2) & 0x7f) << CR1_LO_WBS_SHIFT) |
           ((uint64_t)((psize / 2) & 0x7f) << CR1_LO_WPSZ_SHIFT) |
           ((uint64_t)(wfx & 1) << CR1_LO_WFX_BIT) |
           ((env->psr & 0x7f) << CR1_LO_PSR_SHIFT);
}

static uint64_t cr1_hi_for(uint32_t br, uint32_t wdbl, uint64_t ussz)
{
    return (uint64_t)(br & BR_MASK) |
           ((uint64_t)(wdbl & 1) << CR1_HI_WDBL_BIT) |
           ((ussz >> 4) << CR1_HI_USSZ_SHIFT);
}

/* The guest cannot have a frame built: it dies of SIGSEGV, as under
   the kernel's force_sigsegv. */
static void G_GNUC_NORETURN frame_fault(const char *why, uint64_t addr)
{
    qemu_log_mask(CPU_LOG_INT, "qemu: %s at 0x%" PRIx64 "\n", why, addr);
    dump_core_and_abort(TARGET_SIGSEGV);
}

static void save_state(const CPUE2KState *env, uint8_t *s,
                       const E2KSyscallRestart *restart)
{
    stq_le_p(s + SAVE_MAGIC, SIGFRAME_MAGIC);
    stq_le_p(s + SAVE_RF_INDEX, env->rf_spilled + env->wd_base);
    stl_le_p(s + SAVE_WD, env->wd_size);
    stl_le_p(s + SAVE_WD + 4, env->wd_psize);
    stl_le_p(s + SAVE_WD + 8, env->wd_fx);
    stl_le_p(s + SAVE_WD + 12, env->wdbl);
    stl_le_p(s + SAVE_BR, env->br);
    stl_le_p(s + SAVE_BR + 4, env->bgr);
    stl_le_p(s + SAVE_BR + 8, env->tbflags_extra);
    stl_le_p(s + SAVE_BR + 12, env->sys_wbs);
    stl_le_p(s + SAVE_LSR, env->lsr_lcnt);
    stl_le_p(s + SAVE_LSR + 4, env->lsr_ecnt);
    stl_le_p(s + SAVE_LSR + 8, env->lsr_vlc);
    stl_le_p(s + SAVE_LSR + 12, env->lsr_over);
    stl_le_p(s + SAVE_LSR + 16, env->lsr_pcnt);
    stl_le_p(s + SAVE_LSR + 20, env->lsr_strmd);
    stl_le_p(s + SAVE_LSR + 24, env->lsr_ldmc);
    stl_le_p(s + SAVE_LSR + 28, env->lsr_ldovl);
    stq_le_p(s + SAVE_ILCR, env->ilcr);
    stq_le_p(s + SAVE_PSR, env->psr);
    stq_le_p(s + SAVE_PCSP_IND, env->pcsp_ind);
    if (restart) {
        stq_le_p(s + SAVE_RESTART, 1);
        stq_le_p(s + SAVE_SYS_NR, restart->nr);
        for (int i = 0; i < 6; i++) {
            stq_le_p(s + SAVE_SYS_ARGS + 8 * i, restart->args[i]);
        }
    }
    for (int i = 0; i < E2K_NR_GREGS; i++) {
        stq_le_p(s + SAVE_GREGS + 24 * i, env->gregs[i].lo);
        stq_le_p(s + SAVE_GREGS + 24 * i + 8, env->gregs[i].hi);
        stq_le_p(s + SAVE_GREGS + 24 * i + 16, env->gregs[i].tag);
    }
}

/*
 * The AAU's registers across a handler.  The kernel keeps them with the
 * interrupted state in its own memory (they are not in the ucontext) and
 * restores them at rt_sigreturn, so a handler that runs array-prefetch
 * loops cannot disturb a loop it interrupted.  Ours are in host memory
 * too, not in the frame (which stays small enough for a MINSIGSTKSZ
 * alternate stack): a per-thread stack of (frame address, AAU state),
 * newest last.  A handler that leaves by siglongjmp leaves its entry
 * behind; the next rt_sigreturn drops every entry above its own, and the
 * oldest goes when the stack is full.
 */
#define AAU_SAVE_DEPTH 32

typedef struct SavedAau {
    uint64_t frame;
    E2KAauState aau;
} SavedAau;

typedef struct AauStack {
    int n;
    SavedAau e[AAU_SAVE_DEPTH];
} AauStack;

static pthread_key_t aau_stack_key;
static pthread_once_t aau_stack_once = PTHREAD_ONCE_INIT;

static void aau_stack_key_init(void)
{
    pthread_key_create(&aau_stack_key, g_free);
}

static AauStack *aau_stack(bool create)
{
    AauStack *st;

    pthread_once(&aau_stack_once, aau_stack_key_init);
    st = pthread_getspecific(aau_stack_key);
    if (!st && create) {
        st = g_new0(AauStack, 1);
        pthread_setspecific(aau_stack_key, st);
    }
    return st;
}

static void aau_save(const CPUE2KState *env, uint64_t frame)
{
    AauStack *st = aau_stack(true);

    if (st->n == AAU_SAVE_DEPTH) {
        memmove(&st->e[0], &st->e[1], (AAU_SAVE_DEPTH - 1) * sizeof(st->e[0]));
        st->n--;
    }
    st->e[st->n].frame = frame;
    st->e[st->n].aau = env->aau;
    st->n++;
}

static void aau_restore(CPUE2KState *env, uint64_t frame)
{
    AauStack *st = aau_stack(false);

    while (st && st->n > 0) {
        SavedAau *top = &st->e[--st->n];

        if (top->frame == frame) {
            env->aau = top->aau;
            return;
        }
    }
}

static void setup_rt_frame(CPUE2KState *env, int sig,
                           const TargetSigaction *act,
                           const TargetSiginfo *info,
                           const E2KSyscallRestart *restart)
{
    uint64_t sp = usd_base(env), limit = sp - usd_size(env);
    uint64_t alt_base, alt_size, frame, new_size, tramp, mask;
    uint64_t ss_sp, ss_size, ind;
    int ss_flags;
    uint8_t *f, *uc, *sc, *ex;

    if ((act->flags & TARGET_SA_ONSTACK) &&
        signal_altstack_for(sp, &alt_base, &alt_size)) {
        sp = alt_base + alt_size;
        limit = alt_base;
    }
    limit = (limit + 15) & ~15ULL;
    frame = (sp - FRAME_SIZE) & ~15ULL;
    if (sp < FRAME_SIZE + limit || frame < limit) {
        frame_fault("no room on the stack for a signal frame", sp);
    }
    new_size = frame - limit;
    f = lock_user(frame, FRAME_SIZE, PAGE_WRITE);
    if (!f) {
        frame_fault("signal frame not writable", frame);
    }
    if (env->pcsp_ind + 3 * E2K_CRS_SIZE > env->pcsp_size) {
        frame_fault("chain stack full at signal delivery",
                    env->pcsp_base + env->pcsp_size);
    }
    tramp = e2k_tramp_page();
    if (!tramp) {
        frame_fault("no memory for the signal trampoline", 0);
    }
    mask = signal_enter_handler(sig, act);

    memset(f, 0, FRAME_SIZE);
    memcpy(f + FRAME_INFO, info->b, TARGET_SIGINFO_SIZE);
    uc = f + FRAME_UC;
    sc = uc + UC_MCONTEXT;
    ex = uc + UC_EXTRA;
    signal_altstack_get(usd_base(env), &ss_sp, &ss_flags, &ss_size);
    stq_le_p(uc + UC_STACK, ss_sp);
    stl_le_p(uc + UC_STACK + 8, ss_flags);
    stq_le_p(uc + UC_STACK + 16, ss_size);
    stq_le_p(sc + SC_CR0_LO, env->pf);
    stq_le_p(sc + SC_CR0_HI, env->ip);
    stq_le_p(sc + SC_CR1_LO, cr1_lo_for(env, env->wd_size, env->wd_psize,
                                        env->wd_fx));
    stq_le_p(sc + SC_CR1_HI, cr1_hi_for(env->br, env->wdbl,
                                        usd_size(env)));
    stq_le_p(sc + SC_SBR, env->sbr);
    stq_le_p(sc + SC_USD_LO, env->usd_lo);
    stq_le_p(sc + SC_USD_HI, env->usd_hi);
    stq_le_p(sc + SC_PSP_LO, (env->psp_base & CTPR_BASE_MASK) | (3ULL << 59));
    stq_le_p(sc + SC_PSP_HI, ((env->psp_size & 0xffffffffULL) << 32) |
             (((env->rf_spilled + env->wd_base + 1) / 2 * 32) &
              0xffffffffULL));
    stq_le_p(sc + SC_PCSP_LO,
             (env->pcsp_base & CTPR_BASE_MASK) | (3ULL << 59));
    stq_le_p(sc + SC_PCSP_HI, ((env->pcsp_size & 0xffffffffULL) << 32) |
             (env->pcsp_ind & 0xffffffffULL));
    stq_le_p(sc + SC_UPSR, env->upsr);
    stq_le_p(uc + UC_SIGMASK, mask);
    stl_le_p(ex + EX_SIZEOF, EX_SIZE - 4);
    stl_le_p(ex + EX_CURR_CNT, (uint32_t)-1);
    stl_le_p(ex + EX_FPCR, env->fpu.fpcr);
    stl_le_p(ex + EX_FPSR, env->fpu.fpsr);
    stl_le_p(ex + EX_PFPFR, env->fpu.pfpfr);
    for (int i = 0; i < 3; i++) {
        stq_le_p(ex + EX_CTPR1 + 8 * i, env->ctpr[i]);
    }
    save_state(env, f + FRAME_SAVE, restart);
    aau_save(env, frame);

    /* Frame A: back into the interrupted procedure; frame B: back into
       the trampoline, whose window starts above the interrupted one. */
    ind = env->pcsp_ind;
    write_crs(env, ind + E2K_CRS_SIZE, env->pf, env->ip,
              cr1_lo_for(env, env->wd_size, env->wd_psize, env->wd_fx),
              cr1_hi_for(env->br, env->wdbl, usd_size(env)));
    write_crs(env, ind + 2 * E2K_CRS_SIZE, env->pf, tramp,
              cr1_lo_for(env, 0, 0, 1), cr1_hi_for(0, 0, new_size));
    env->pcsp_ind = ind + 2 * E2K_CRS_SIZE;
    env->wd_base += env->wd_size;
    env->wd_size = HANDLER_PSIZE;
    env->wd_psize = HANDLER_PSIZE;
    env->wd_fx = 1;
    env->wdbl = 0;
    e2k_set_wptr(env);
    if (!e2k_rf_reserve(env)) {
        frame_fault("procedure stack full at signal delivery",
                    env->psp_base + env->psp_size);
    }
    e2k_reg_write(env, 0, (uint64_t)sig);
    e2k_reg_write(env, 1, frame + FRAME_INFO);
    e2k_reg_write(env, 2, frame + FRAME_UC);
    e2k_reg_write(env, 3, 0);
    env->ctpr[0] = env->ctpr[1] = env->ctpr[2] = 0;
    env->usd_lo = (env->usd_lo & ~CTPR_BASE_MASK) | frame;
    env->usd_hi = (env->usd_hi & 0xffffffffULL) | (new_size << 32);
    env->ip = act->handler;
    qemu_log_mask(CPU_LOG_INT, "qemu: signal %d: handler 0x%" PRIx64
                  " frame 0x%" PRIx64 "\n", sig, act->handler, frame);
}

void e2k_deliver_signals(CPUE2KState *env, const E2KSyscallRestart *restart)
{
    TargetSiginfo info;
    TargetSigaction act;
    int sig;

    while ((sig = signal_next(&info, &act)) != 0) {
        setup_rt_frame(env, sig, &act, &info, restart);
        /* A second signal interrupts the first handler at its entry. */
        restart = NULL;
    }
}

bool e2k_rt_sigreturn(CPUE2KState *env, E2KSyscallRestart *restart)
{
    uint64_t frame = usd_base(env);
    const uint8_t *f = lock_user(frame, FRAME_SIZE, PAGE_READ);
    const uint8_t *s, *uc;
    uint64_t rf_index, pcsp_ind, bgr;
    uint32_t wd_size, wd_psize, sys_wbs;
    bool redo, tagged;

    if (!f) {
        frame_fault("rt_sigreturn: frame not readable", frame);
    }
    s = f + FRAME_SAVE;
    uc = f + FRAME_UC;
    rf_index = ldq_le_p(s + SAVE_RF_INDEX);
    wd_size = ldl_le_p(s + SAVE_WD);
    wd_psize = ldl_le_p(s + SAVE_WD + 4);
    sys_wbs = ldl_le_p(s + SAVE_BR + 12);
    pcsp_ind = ldq_le_p(s + SAVE_PCSP_IND);
    redo = ldq_le_p(s + SAVE_RESTART) == 1;
    /* Only what we built, and only back down the stacks.  (sys_wbs only
       means something when a system call is to be redone.) */
    if (ldq_le_p(s + SAVE_MAGIC) != SIGFRAME_MAGIC ||
        wd_size > E2K_MAX_WINDOW || wd_psize > wd_size ||
        (redo && sys_wbs + 7 > E2K_MAX_WINDOW) ||
        rf_index > env->rf_spilled + env->wd_base ||
        pcsp_ind >= env->pcsp_ind) {
        frame_fault("rt_sigreturn: not a signal frame", frame);
    }
    e2k_rf_reach(env, rf_index);
    env->wd_base = rf_index - env->rf_spilled;
    env->wd_size = wd_size;
    env->wd_psize = wd_psize;
    env->wd_fx = ldl_le_p(s + SAVE_WD + 8) & 1;
    env->wdbl = ldl_le_p(s + SAVE_WD + 12) & 1;
    e2k_set_wptr(env);
    if (!e2k_rf_reserve(env)) {
        frame_fault("rt_sigreturn: procedure stack full", frame);
    }
    env->br = ldl_le_p(s + SAVE_BR) & BR_MASK;
    bgr = ldl_le_p(s + SAVE_BR + 4) & BGR_MASK;
    if (bgr != env->bgr) {
        e2k_bgr_write(env, bgr);
    }
    /* the one-way flags stay: BGR may be rotated, a diagnostic value
       may exist (the handler may have made one) */
    env->tbflags_extra = ldl_le_p(s + SAVE_BR + 8) |
        (env->tbflags_extra & (E2K_TBFLAG_BGR_ROT | E2K_TBFLAG_TAGS));
    env->sys_wbs = sys_wbs;
    env->lsr_lcnt = ldl_le_p(s + SAVE_LSR);
    env->lsr_ecnt = ldl_le_p(s + SAVE_LSR + 4);
    env->lsr_vlc = ldl_le_p(s + SAVE_LSR + 8);
    env->lsr_over = ldl_le_p(s + SAVE_LSR + 12);
    env->lsr_pcnt = ldl_le_p(s + SAVE_LSR + 16);
    env->lsr_strmd = ldl_le_p(s + SAVE_LSR + 20);
    env->lsr_ldmc = ldl_le_p(s + SAVE_LSR + 24);
    env->lsr_ldovl = ldl_le_p(s + SAVE_LSR + 28);
    env->ilcr = ldq_le_p(s + SAVE_ILCR);
    env->psr = ldq_le_p(s + SAVE_PSR);
    env->pcsp_ind = pcsp_ind;
    for (int i = 0; i < E2K_NR_GREGS; i++) {
        env->gregs[i].lo = ldq_le_p(s + SAVE_GREGS + 24 * i);
        env->gregs[i].hi = ldq_le_p(s + SAVE_GREGS + 24 * i + 8);
        env->gregs[i].tag = ldq_le_p(s + SAVE_GREGS + 24 * i + 16);
    }
    aau_restore(env, frame);
    /* What a handler may change: where to resume, the predicates, the
       user stack, the %ctprs, FP control and the mask. */
    env->ip = ldq_le_p(uc + UC_MCONTEXT + SC_CR0_HI) & CTPR_BASE_MASK;
    env->pf = ldq_le_p(uc + UC_MCONTEXT + SC_CR0_LO);
    env->usd_lo = ldq_le_p(uc + UC_MCONTEXT + SC_USD_LO);
    env->usd_hi = ldq_le_p(uc + UC_MCONTEXT + SC_USD_HI);
    env->upsr = ldq_le_p(uc + UC_MCONTEXT + SC_UPSR) & 0xffffffffULL;
    for (int i = 0; i < 3; i++) {
        env->ctpr[i] = ldq_le_p(uc + UC_EXTRA + EX_CTPR1 + 8 * i);
    }
    env->fpu.fpcr = (ldl_le_p(uc + UC_EXTRA + EX_FPCR) & FPCR_WRITABLE) |
                    0x40;
    env->fpu.fpsr = ldl_le_p(uc + UC_EXTRA + EX_FPSR) & FPSR_WRITABLE;
    env->fpu.pfpfr = ldl_le_p(uc + UC_EXTRA + EX_PFPFR) & PFPFR_WRITABLE;
    signal_set_mask(ldq_le_p(uc + UC_SIGMASK));
    /* a diagnostic register or predicate from the frame needs the tag
       code (E2K_TBFLAG_TAGS, set once one exists) */
    tagged = (env->pf & 0xaaaaaaaaaaaaaaaaULL) != 0;
    for (int i = 0; i < E2K_NR_GREGS; i++) {
        tagged |= env->gregs[i].tag != 0;
    }
    if (tagged && env->tags_on) {
        env->tbflags_extra |= E2K_TBFLAG_TAGS;
    }

    if (redo) {
        restart->nr = ldq_le_p(s + SAVE_SYS_NR);
        for (int i = 0; i < 6; i++) {
            restart->args[i] = ldq_le_p(s + SAVE_SYS_ARGS + 8 * i);
        }
    }
    qemu_log_mask(CPU_LOG_INT, "qemu: rt_sigreturn to 0x%" PRIx64 "%s\n",
                  env->ip, redo ? ", restarting the system call" : "");
    return redo;
}

/*
 * e2k_longjmp2(jmp_info, retval): glibc's longjmp/siglongjmp.  setjmp
 * recorded (with rrd) the chain-stack depth of its own frame and the
 * frame's cr0.hi (return address), cr1.lo (wbs, wpsz, wfx) and BR, the
 * caller's %usd.lo, %wd (for the parameter size) and, for sigsetjmp, the
 * mask with bit SIGKILL set as "saved" marker.  The kernel rewrites the
 * chain so that the procedure that made the system call (glibc's
 * longjmp) returns straight into setjmp's caller, as if that caller had
 * called it instead of setjmp; the call returns @retval.  Here: walk the
 * chain stack down to that depth, adding up the window shifts to find
 * where setjmp's caller's registers are in the register stack, move the
 * current window there (plus setjmp's wbs), rewrite the frame and the
 * user stack pointer.
 */
#define JMP_SIGMASK     0x00
#define JMP_IP          0x08
#define JMP_CR1LO       0x10
#define JMP_PCSPLO      0x18
#define JMP_PCSPHI      0x20
#define JMP_PCSHTP      0x28
#define JMP_BR          0x2c
#define JMP_USDLO       0x30
#define JMP_WD_HI       0x3c
#define JMP_SIZE        0x50

static uint32_t frame_wbs(const CPUE2KState *env, uint64_t ind)
{
    uint64_t cr1_lo = ldq_le_p(g2h(env->pcsp_base + ind + 16));

    return ((cr1_lo >> CR1_LO_WBS_SHIFT) & 0x7f) * 2;
}

/*
 * Make the procedure now running (at a system call) return into the
 * procedure whose frame is at chain depth @target, as if that frame's
 * call had been made by it: its window moves down to where the callee
 * of that call had its registers, the frame's return address, window
 * (wbs, wpsz, wfx of @cr1_lo) and BR are replaced, and the user stack
 * becomes the caller's (@ussz bytes free above the stack's limit, given
 * back by the return).  @psize: the parameter size (registers) the
 * running procedure keeps.  False, and nothing changed, when @target is
 * not a frame below us.
 */
bool e2k_chain_unwind(CPUE2KState *env, uint64_t target, uint64_t ip,
                      uint64_t cr1_lo, uint32_t br, uint64_t ussz,
                      uint32_t psize)
{
    uint64_t abs, new_abs, limit, old_cr1_lo, mask;
    uint32_t wbs = ((cr1_lo >> CR1_LO_WBS_SHIFT) & 0x7f) * 2;
    uint32_t n;
    E2KReg *win;
    uint8_t *f;

    limit = usd_base(env) - usd_size(env);
    if (target < E2K_CRS_SIZE || target > env->pcsp_ind ||
        target % E2K_CRS_SIZE || psize > E2K_MAX_WINDOW || ussz % 16) {
        return false;
    }
    /* Where the procedure now at depth @target has its window. */
    abs = env->rf_spilled + env->wd_base;
    for (uint64_t k = env->pcsp_ind; k > target; k -= E2K_CRS_SIZE) {
        abs -= frame_wbs(env, k);
    }
    new_abs = abs - frame_wbs(env, target) + wbs;
    if (new_abs > env->rf_spilled + env->wd_base) {
        return false;
    }

    /* Move our window down to where that callee's was. */
    n = env->wd_size;
    win = g_new(E2KReg, n);
    memcpy(win, env->wptr, n * sizeof(E2KReg));
    e2k_rf_reach(env, new_abs);
    env->wd_base = new_abs - env->rf_spilled;
    e2k_set_wptr(env);
    if (!e2k_rf_reserve(env)) {
        g_free(win);
        frame_fault("procedure stack full in a long jump", env->psp_base);
    }
    memcpy(env->wptr, win, n * sizeof(E2KReg));
    g_free(win);
    env->wd_psize = psize;
    if (env->wd_size < env->wd_psize) {
        env->wd_size = env->wd_psize;
    }

    /* The frame we return through now returns into that procedure. */
    f = g2h(env->pcsp_base + target);
    old_cr1_lo = ldq_le_p(f + 16);
    mask = (0x7fULL << CR1_LO_WBS_SHIFT) | (0x7fULL << CR1_LO_WPSZ_SHIFT) |
           (1ULL << CR1_LO_WFX_BIT);
    stq_le_p(f + 8, ip);
    stq_le_p(f + 16, (old_cr1_lo & ~mask) | (cr1_lo & mask));
    stq_le_p(f + 24, (ldq_le_p(f + 24) &
                      ~(BR_MASK | (0xfffffffULL << CR1_HI_USSZ_SHIFT))) |
                     (br & BR_MASK) | ((ussz >> 4) << CR1_HI_USSZ_SHIFT));
    env->pcsp_ind = target;
    env->usd_lo = (env->usd_lo & ~CTPR_BASE_MASK) |
                  ((limit + ussz) & CTPR_BASE_MASK);
    env->usd_hi = (env->usd_hi & 0xffffffffULL) | (ussz << 32);
    return true;
}

int64_t e2k_longjmp2(CPUE2KState *env, uint64_t jmp_addr, uint64_t retval)
{
    const uint8_t *j = lock_user(jmp_addr, JMP_SIZE, PAGE_READ);
    uint64_t ip, cr1_lo, usd_lo, target, limit, sigmask, pcs;
    uint32_t br, psize_bytes;
    int32_t pcshtp;

    if (!j) {
        return -EFAULT;
    }
    /* setjmp ran on another context's stacks (glibc's setjmp saves
       %pcsp.lo; 0: a buffer that does not say) */
    pcs = ldq_le_p(j + JMP_PCSPLO) & CTPR_BASE_MASK;
    if (pcs && pcs != (env->pcsp_base & CTPR_BASE_MASK) &&
        !e2k_context_enter_chain(env, pcs)) {
        qemu_log_mask(CPU_LOG_INT, "qemu: e2k_longjmp2: jmp_buf at 0x%"
                      PRIx64 " is of no context that can be entered\n",
                      jmp_addr);
        dump_core_and_abort(TARGET_SIGKILL);
    }
    sigmask = ldq_le_p(j + JMP_SIGMASK);
    ip = ldq_le_p(j + JMP_IP);
    cr1_lo = ldq_le_p(j + JMP_CR1LO);
    pcshtp = (int32_t)(ldl_le_p(j + JMP_PCSHTP) << 21) >> 21;
    target = (uint32_t)ldq_le_p(j + JMP_PCSPHI) + (int64_t)pcshtp;
    br = ldl_le_p(j + JMP_BR) & BR_MASK;
    usd_lo = ldq_le_p(j + JMP_USDLO);
    psize_bytes = ldl_le_p(j + JMP_WD_HI) & 0x7ff;

    /* As the kernel: a buffer that does not describe a frame below us
       kills the process.  (The kernel also insists that longjmp was
       called with setjmp's parameter size; we take setjmp's instead, so
       the caller gets back exactly the window it had after setjmp.) */
    limit = usd_base(env) - usd_size(env);
    if (psize_bytes % 16 || (usd_lo & CTPR_BASE_MASK) < limit ||
        !e2k_chain_unwind(env, target, ip, cr1_lo, br,
                          (usd_lo & CTPR_BASE_MASK) - limit,
                          psize_bytes / 8)) {
        qemu_log_mask(CPU_LOG_INT, "qemu: e2k_longjmp2: bad jmp_buf at "
                      "0x%" PRIx64 "\n", jmp_addr);
        dump_core_and_abort(TARGET_SIGKILL);
    }
    if (sigmask & ((uint64_t)1 << (TARGET_SIGKILL - 1))) {
        signal_set_mask(sigmask);
    }
    qemu_log_mask(CPU_LOG_INT, "qemu: e2k_longjmp2 to 0x%" PRIx64
                  " (chain depth %" PRIu64 ")\n", ip, target);
    return (int64_t)retval;
}
