/*
 * Guest signals, the part that does not depend on the CPU: dispositions
 * (rt_sigaction), the thread's mask, pending queue and alternate stack,
 * the host signal handlers, and the guest's death by a signal, reported
 * like QEMU:
 *   qemu: uncaught target signal 11 (Segmentation fault) - core dumped
 * after which qemu-e2k kills itself with the same signal, so the parent
 * sees what it would see for the real program (a shell: status 128+N).
 *
 * How a signal travels.  Every catchable host signal has our handler
 * (host_signal_handler), which only records the host's siginfo in the
 * thread's pending queue and asks the CPU to stop at its next
 * exit-request point (every TB entry and loop head).  A signal the
 * program sends itself (kill/tgkill/raise) is queued directly; a fault
 * in translated code arrives from the CPU loop as a synchronous signal
 * (queue_signal).  The CPU loop then calls signal_next() after every
 * system call and every stop, and linux-user/e2k/signal.c builds the
 * handler's frame.  Blocked signals stay queued; standard signals (1..31)
 * are queued once, real-time ones (32..64) in order, up to a limit.
 * Default actions (terminate, ignore, stop) are applied when a signal is
 * dequeued, never in the host handler.
 *
 * The host's own mask is left open: the guest's mask lives in
 * TaskSignals, and a host signal whose guest signal is blocked simply
 * stays queued.  A blocking host system call therefore returns EINTR on
 * any signal; the CPU loop restarts it unless a guest handler runs and
 * the call is not to be restarted (SA_RESTART, see cpu_loop.c).
 *
 * Per-thread state (mask, queue, alternate stack) is in one struct,
 * TaskSignals, reached through task_signals(): one guest thread today.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu.h"
#include "target/e2k/cpu.h"

#define TARGET_SIG_BLOCK    0
#define TARGET_SIG_UNBLOCK  1
#define TARGET_SIG_SETMASK  2

/* Signals queued at once per thread (the kernel's limit is RLIMIT_SIGPENDING,
   thousands; a guest that queues more real-time signals gets EAGAIN). */
#define SIGQUEUE_MAX        64

__thread CPUE2KState *thread_cpu;

typedef struct TaskSignals {
    uint64_t blocked;
    /* The mask rt_sigsuspend replaced: the next handler frame saves it
       instead of the current one. */
    uint64_t saved_mask;
    bool saved_mask_valid;
    /* sigaltstack; size 0: none. */
    uint64_t ss_sp;
    uint64_t ss_size;
    /* A synchronous fault waiting for its handler (delivered first). */
    bool sync_pending;
    TargetSiginfo sync_info;
    /* Queued signals in arrival order.  The host handler appends (entry
       first, then the count); everything that removes runs with the host
       signals blocked (host_block). */
    volatile sig_atomic_t npending;
    TargetSiginfo pending[SIGQUEUE_MAX];
} TaskSignals;

static TargetSigaction sigact_table[TARGET_NSIG + 1];
static TaskSignals the_task;
/* The host signals host_signal_handler is installed for. */
static sigset_t host_handled;

static void install_host_handler(int sig);

static TaskSignals *task_signals(void)
{
    return &the_task;
}

static uint64_t sig_bit(int sig)
{
    return (uint64_t)1 << (sig - 1);
}

static const uint64_t unblockable =
    ((uint64_t)1 << (TARGET_SIGKILL - 1)) | ((uint64_t)1 << (TARGET_SIGSTOP - 1));

const char *target_signal_name(int sig)
{
    /* e2k uses the generic signal numbers, which are the host's. */
    const char *s = sig > 0 && sig < NSIG ? strsignal(sig) : NULL;
    return s ? s : "Unknown signal";
}

static int info_signo(const TargetSiginfo *info)
{
    return (int)ldl_le_p(info->b);
}

/* Block the host signals we record, so the queue can be changed. */
static void host_block(sigset_t *old)
{
    pthread_sigmask(SIG_BLOCK, &host_handled, old);
}

static void host_restore(const sigset_t *old)
{
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* Async-signal-safe: called from host_signal_handler too. */
static bool enqueue(TaskSignals *ts, const TargetSiginfo *info)
{
    int sig = info_signo(info);
    int n = ts->npending;

    if (sig < 32) {
        for (int i = 0; i < n; i++) {
            if (info_signo(&ts->pending[i]) == sig) {
                return true;    /* standard signals do not queue */
            }
        }
    }
    if (n >= SIGQUEUE_MAX) {
        return false;
    }
    ts->pending[n] = *info;
    ts->npending = n + 1;
    return true;
}

static void dequeue_at(TaskSignals *ts, int i)
{
    int n = ts->npending;

    memmove(&ts->pending[i], &ts->pending[i + 1],
            (n - i - 1) * sizeof(ts->pending[0]));
    ts->npending = n - 1;
}

/* ------------------------------------------------------------------ */
/* Dispositions and mask                                               */

int do_rt_sigaction(int sig, const TargetSigaction *act,
                    TargetSigaction *oact)
{
    if (sig < 1 || sig > TARGET_NSIG) {
        return -EINVAL;
    }
    if (act && (sig == TARGET_SIGKILL || sig == TARGET_SIGSTOP)) {
        return -EINVAL;
    }
    if (oact) {
        *oact = sigact_table[sig];
    }
    if (act) {
        sigact_table[sig] = *act;
        sigact_table[sig].mask &= ~unblockable;
        /* An ignored SIGCHLD also means "reap the children" (the host's
           SIG_IGN does that); any other disposition is ours to apply. */
        if (sig == SIGCHLD) {
            struct sigaction sa;

            sigaction(SIGCHLD, NULL, &sa);
            if (act->handler == TARGET_SIG_IGN) {
                sa.sa_handler = SIG_IGN;
                sa.sa_flags = 0;
                sigaction(SIGCHLD, &sa, NULL);
            } else if (sa.sa_handler == SIG_IGN) {
                install_host_handler(SIGCHLD);
            }
        }
    }
    return 0;
}

int do_rt_sigprocmask(int how, const uint64_t *set, uint64_t *oldset)
{
    TaskSignals *ts = task_signals();
    uint64_t old = ts->blocked;

    if (set) {
        switch (how) {
        case TARGET_SIG_BLOCK:
            ts->blocked |= *set;
            break;
        case TARGET_SIG_UNBLOCK:
            ts->blocked &= ~*set;
            break;
        case TARGET_SIG_SETMASK:
            ts->blocked = *set;
            break;
        default:
            return -EINVAL;
        }
        ts->blocked &= ~unblockable;
    }
    if (oldset) {
        *oldset = old;
    }
    return 0;
}

void signal_set_mask(uint64_t mask)
{
    task_signals()->blocked = mask & ~unblockable;
}

uint64_t signal_pending_set(void)
{
    TaskSignals *ts = task_signals();
    uint64_t set = 0;
    sigset_t old;

    host_block(&old);
    for (int i = 0; i < ts->npending; i++) {
        set |= sig_bit(info_signo(&ts->pending[i]));
    }
    host_restore(&old);
    return set;
}

/* ------------------------------------------------------------------ */
/* Default actions and delivery                                        */

static bool core_dump_signal(int sig)
{
    switch (sig) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
    case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
        return true;
    default:
        return false;
    }
}

static bool default_ignored(int sig)
{
    switch (sig) {
    case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
        return true;
    default:
        return false;
    }
}

void dump_core_and_abort(int sig)
{
    struct sigaction sa;
    struct rlimit nodump = { 0, 0 };
    sigset_t mask;

    if (core_dump_signal(sig)) {
        fprintf(stderr, "qemu: uncaught target signal %d (%s) - %s\n", sig,
                target_signal_name(sig), "core dumped");
    }
    qemu_log_flush();
    fflush(stdout);
    fflush(stderr);
    /* Die by the same signal, without dumping qemu-e2k's own core. */
    setrlimit(RLIMIT_CORE, &nodump);
    if (sig > 0 && sig < NSIG && sig != SIGSTOP && sig != SIGKILL) {
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = SIG_DFL;
        sigemptyset(&sa.sa_mask);
        sigaction(sig, &sa, NULL);
    }
    if (sig > 0 && sig < NSIG) {
        sigfillset(&mask);
        sigdelset(&mask, sig);
        pthread_sigmask(SIG_SETMASK, &mask, NULL);
        raise(sig);
    }
    /* The signal did not end us (impossible for fatal ones): exit with
       the status a shell would show. */
    _exit(128 + (sig & 0x7f));
}

/* The guest dies of an operation we do not implement: say which, whatever
   -d says, so that "it crashed" comes with the reason. */
static void report_unimp(const char *op, const CPUE2KState *env)
{
    if (op) {
        fprintf(stderr, "qemu-e2k: unimplemented e2k operation '%s' at "
                "0x%" PRIx64 "\n", op, env->unimp_pc);
    }
}

static bool default_stops(int sig)
{
    return sig == TARGET_SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
           sig == SIGTTOU;
}

/*
 * Apply what happens to @sig without a handler: nothing for an ignored
 * one, a stop of the whole emulator for the stop signals, else death.
 * True when the signal was consumed (ignored or stopped us).
 */
static bool apply_default(int sig)
{
    uint64_t handler = sigact_table[sig].handler;

    if (handler == TARGET_SIG_IGN) {
        return true;
    }
    if (default_ignored(sig)) {
        return true;
    }
    if (default_stops(sig)) {
        raise(SIGSTOP);
        return true;
    }
    dump_core_and_abort(sig);
}

static bool has_handler(int sig)
{
    return sigact_table[sig].handler > TARGET_SIG_IGN;
}

/* A signal the kernel would not even wake a sleeper for. */
static bool is_ignored(int sig)
{
    uint64_t handler = sigact_table[sig].handler;

    return handler == TARGET_SIG_IGN ||
           (handler == TARGET_SIG_DFL && default_ignored(sig));
}

/*
 * Dequeue and apply the default action of every pending unblocked
 * signal without a handler (with the host signals blocked by the caller).
 */
static void apply_pending_defaults_locked(TaskSignals *ts)
{
    for (int i = 0; i < ts->npending;) {
        int sig = info_signo(&ts->pending[i]);

        if ((ts->blocked & sig_bit(sig)) || has_handler(sig)) {
            i++;
            continue;
        }
        dequeue_at(ts, i);
        apply_default(sig);
    }
}

/* Index of the first signal to deliver (lowest number, unblocked), or -1. */
static int next_unblocked(const TaskSignals *ts)
{
    int best = -1;

    for (int i = 0; i < ts->npending; i++) {
        int sig = info_signo(&ts->pending[i]);

        if (!(ts->blocked & sig_bit(sig)) &&
            (best < 0 || sig < info_signo(&ts->pending[best]))) {
            best = i;
        }
    }
    return best;
}

int signal_next(TargetSiginfo *info, TargetSigaction *act)
{
    TaskSignals *ts = task_signals();
    sigset_t old;
    int sig = 0;

    /* The common case, after every system call: nothing queued.  A host
       signal that arrives after this look sets exit_request, so it is
       delivered at the next TB. */
    if (!ts->sync_pending && ts->npending == 0) {
        return 0;
    }
    host_block(&old);
    for (;;) {
        int i;

        if (ts->sync_pending) {
            ts->sync_pending = false;
            *info = ts->sync_info;
        } else {
            i = next_unblocked(ts);
            if (i < 0) {
                break;
            }
            *info = ts->pending[i];
            dequeue_at(ts, i);
        }
        sig = info_signo(info);
        if (has_handler(sig)) {
            *act = sigact_table[sig];
            if (act->flags & TARGET_SA_RESETHAND) {
                sigact_table[sig].handler = TARGET_SIG_DFL;
                sigact_table[sig].flags &= ~TARGET_SA_SIGINFO;
            }
            break;
        }
        apply_default(sig);
        sig = 0;
    }
    host_restore(&old);
    return sig;
}

bool signal_peek_handler(uint64_t *flags)
{
    TaskSignals *ts = task_signals();
    sigset_t old;
    bool ret = false;

    host_block(&old);
    apply_pending_defaults_locked(ts);
    if (ts->sync_pending) {
        *flags = sigact_table[info_signo(&ts->sync_info)].flags;
        ret = true;
    } else {
        int i = next_unblocked(ts);

        if (i >= 0) {
            *flags = sigact_table[info_signo(&ts->pending[i])].flags;
            ret = true;
        }
    }
    host_restore(&old);
    return ret;
}

uint64_t signal_enter_handler(int sig, const TargetSigaction *act)
{
    TaskSignals *ts = task_signals();
    uint64_t old = ts->saved_mask_valid ? ts->saved_mask : ts->blocked;

    ts->saved_mask_valid = false;
    ts->blocked |= act->mask;
    if (!(act->flags & TARGET_SA_NODEFER)) {
        ts->blocked |= sig_bit(sig);
    }
    ts->blocked &= ~unblockable;
    return old;
}

int signal_send_self(const TargetSiginfo *info)
{
    TaskSignals *ts = task_signals();
    int sig = info_signo(info);
    sigset_t old;
    int ret = 0;

    if (sig < 1 || sig > TARGET_NSIG) {
        return -EINVAL;
    }
    qemu_log_mask(CPU_LOG_INT, "qemu: guest signal %d (%s) code %d\n", sig,
                  target_signal_name(sig), (int)ldl_le_p(info->b + 8));
    host_block(&old);
    /* An ignored signal is discarded when sent, unless it is blocked
       (then it waits, and is dropped when dequeued). */
    if (!is_ignored(sig) || (ts->blocked & sig_bit(sig))) {
        if (!enqueue(ts, info)) {
            ret = -EAGAIN;
        }
    }
    apply_pending_defaults_locked(ts);
    host_restore(&old);
    return ret;
}

void queue_signal(CPUE2KState *env, int sig, int code, uint64_t addr)
{
    TaskSignals *ts = task_signals();
    const char *unimp;
    bool sync = sig == TARGET_SIGSEGV || sig == TARGET_SIGBUS ||
                sig == TARGET_SIGILL || sig == TARGET_SIGFPE ||
                sig == TARGET_SIGTRAP;
    TargetSiginfo info;

    if (sig < 1 || sig > TARGET_NSIG) {
        return;
    }
    unimp = sig == TARGET_SIGILL ? env->unimp_op : NULL;
    env->unimp_op = NULL;
    memset(&info, 0, sizeof(info));
    stl_le_p(info.b, sig);
    stl_le_p(info.b + 8, code);
    if (!sync) {
        stl_le_p(info.b + 16, getpid());
        stl_le_p(info.b + 20, getuid());
        signal_send_self(&info);
        return;
    }
    qemu_log_mask(CPU_LOG_INT, "qemu: guest signal %d (%s) code %d "
                  "addr 0x%" PRIx64 "\n", sig, target_signal_name(sig),
                  code, addr);
    stq_le_p(info.b + 16, addr);
    /* Like the kernel's force_sig: a synchronous fault that is blocked or
       ignored (or has no handler) kills the process. */
    if (!has_handler(sig) || (ts->blocked & sig_bit(sig))) {
        report_unimp(unimp, env);
        dump_core_and_abort(sig);
    }
    ts->sync_info = info;
    ts->sync_pending = true;
}

/* ------------------------------------------------------------------ */
/* Waiting for signals                                                 */

/* Some unblocked signal is pending (defaults already applied). */
static bool wake_pending_locked(TaskSignals *ts)
{
    apply_pending_defaults_locked(ts);
    return next_unblocked(ts) >= 0;
}

int64_t signal_suspend(uint64_t mask)
{
    TaskSignals *ts = task_signals();
    uint64_t old_mask = ts->blocked;
    sigset_t old;

    host_block(&old);
    ts->blocked = mask & ~unblockable;
    while (!wake_pending_locked(ts)) {
        sigsuspend(&old);
    }
    host_restore(&old);
    ts->saved_mask = old_mask;
    ts->saved_mask_valid = true;
    return -EINTR;
}

int64_t signal_timedwait(uint64_t set, TargetSiginfo *info,
                         int64_t timeout_ns)
{
    TaskSignals *ts = task_signals();
    int64_t deadline = timeout_ns < 0 ? -1 :
                       g_get_monotonic_time() * 1000 + timeout_ns;
    int64_t ret;
    sigset_t old;

    set &= ~unblockable;
    host_block(&old);
    for (;;) {
        int best = -1;
        int64_t now;
        struct timespec ts_left;

        for (int i = 0; i < ts->npending; i++) {
            int sig = info_signo(&ts->pending[i]);

            if ((set & sig_bit(sig)) &&
                (best < 0 || sig < info_signo(&ts->pending[best]))) {
                best = i;
            }
        }
        if (best >= 0) {
            *info = ts->pending[best];
            dequeue_at(ts, best);
            ret = info_signo(info);
            break;
        }
        if (wake_pending_locked(ts)) {
            ret = -EINTR;
            break;
        }
        now = g_get_monotonic_time() * 1000;
        if (deadline >= 0 && now >= deadline) {
            ret = -EAGAIN;
            break;
        }
        if (deadline >= 0) {
            ts_left.tv_sec = (deadline - now) / 1000000000;
            ts_left.tv_nsec = (deadline - now) % 1000000000;
        }
        ppoll(NULL, 0, deadline >= 0 ? &ts_left : NULL, &old);
    }
    host_restore(&old);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Alternate stack                                                     */

static bool on_altstack(const TaskSignals *ts, uint64_t sp)
{
    return ts->ss_size && sp > ts->ss_sp && sp - ts->ss_sp <= ts->ss_size;
}

int signal_altstack(uint64_t sp, const uint64_t *ss_sp, const int *ss_flags,
                    const uint64_t *ss_size, uint64_t *old_sp,
                    int *old_flags, uint64_t *old_size)
{
    TaskSignals *ts = task_signals();

    if (old_sp) {
        signal_altstack_get(sp, old_sp, old_flags, old_size);
    }
    if (ss_sp) {
        if (on_altstack(ts, sp)) {
            return -EPERM;
        }
        if (*ss_flags != 0 && *ss_flags != TARGET_SS_ONSTACK &&
            *ss_flags != TARGET_SS_DISABLE) {
            return -EINVAL;
        }
        if (*ss_flags == TARGET_SS_DISABLE) {
            ts->ss_sp = 0;
            ts->ss_size = 0;
            return 0;
        }
        if (*ss_size < TARGET_MINSIGSTKSZ) {
            return -ENOMEM;
        }
        if (*ss_sp + *ss_size < *ss_sp) {
            return -EINVAL;
        }
        ts->ss_sp = *ss_sp;
        ts->ss_size = *ss_size;
    }
    return 0;
}

void signal_altstack_get(uint64_t sp, uint64_t *ss_sp, int *ss_flags,
                         uint64_t *ss_size)
{
    TaskSignals *ts = task_signals();

    *ss_sp = ts->ss_sp;
    *ss_size = ts->ss_size;
    *ss_flags = !ts->ss_size ? TARGET_SS_DISABLE :
                on_altstack(ts, sp) ? TARGET_SS_ONSTACK : 0;
}

bool signal_altstack_for(uint64_t sp, uint64_t *base, uint64_t *size)
{
    TaskSignals *ts = task_signals();

    if (!ts->ss_size || on_altstack(ts, sp)) {
        return false;
    }
    *base = ts->ss_sp;
    *size = ts->ss_size;
    return true;
}

/* ------------------------------------------------------------------ */
/* Host signals                                                        */

static void host_signal_handler(int sig, siginfo_t *info, void *puc)
{
    int saved_errno = errno;
    TargetSiginfo ti;
    CPUE2KState *env = thread_cpu;

    /* A fault of qemu-e2k's own code (not a signal someone sent): let
       the host report it as the bug it is. */
    if (info->si_code > 0 && (sig == SIGILL || sig == SIGFPE ||
                              sig == SIGTRAP)) {
        signal(sig, SIG_DFL);
        return;
    }
    G_STATIC_ASSERT(sizeof(*info) == TARGET_SIGINFO_SIZE);
    memcpy(ti.b, info, TARGET_SIGINFO_SIZE);
    enqueue(task_signals(), &ti);
    if (env) {
        env->exit_request = 1;
    }
    errno = saved_errno;
}

static void install_host_handler(int sig)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_signal_handler;
    /* No SA_RESTART: a blocking call must come back to the CPU loop,
       which decides (SA_RESTART of the guest's handler). */
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigfillset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* ------------------------------------------------------------------ */
/* Host faults                                                         */

static void host_fault_handler(int sig, siginfo_t *info, void *puc)
{
    ucontext_t *uc = puc;
    uintptr_t host_addr = (uintptr_t)info->si_addr;
    uintptr_t pc = 0;
    bool is_write = true;
    CPUE2KState *env = thread_cpu;

    if (info->si_code <= 0) {
        /* Sent (kill, sigqueue...), not a fault. */
        host_signal_handler(sig, info, puc);
        return;
    }
#ifdef __x86_64__
    pc = uc->uc_mcontext.gregs[REG_RIP];
    /* Page-fault error code bit 1: the access was a write. */
    is_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
#else
    (void)uc;
#endif

    if (sig == SIGSEGV && info->si_code == SEGV_ACCERR && is_write &&
        h2g_valid((void *)host_addr) &&
        page_unprotect(h2g((void *)host_addr), pc)) {
        return;                 /* restart the write */
    }
    if (env && cpu_restore_state_from_host_pc(env, pc)) {
        /* The guest address the access used (modulo 2^64, also when it
           lies outside the reservation). */
        uint64_t gaddr = h2g((void *)host_addr);
        int tsig = sig == SIGBUS ? TARGET_SIGBUS : TARGET_SIGSEGV;
        int code = info->si_code;
        sigset_t unblock;

        if (tsig == TARGET_SIGSEGV) {
            /* SEGV_MAPERR (1) for unmapped guest pages, else SEGV_ACCERR. */
            code = page_get_flags(gaddr) & PAGE_VALID ? 2 : 1;
        }
        /* We leave the handler by a long jump: let the next fault in. */
        sigemptyset(&unblock);
        sigaddset(&unblock, sig);
        pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
        e2k_raise_signal(env, tsig, code, gaddr, env->ip);
    }
    /* A system call touching a guest page the host cannot back (a file
       mapping past its end...): the call fails with EFAULT. */
    if (syscall_fault_jmp && h2g_valid((void *)host_addr)) {
        sigset_t unblock;
        sigemptyset(&unblock);
        sigaddset(&unblock, sig);
        pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
        siglongjmp(*syscall_fault_jmp, 1);
    }
    /* A fault outside translated code is a bug in qemu-e2k itself: let the
       host report it as such. */
    signal(sig, SIG_DFL);
}

void signal_init(void)
{
    struct sigaction sa;
    static stack_t altstack;
    TaskSignals *ts = task_signals();
    sigset_t mask;

    /* An alternate stack, so a runaway host stack is still reported. */
    if (!altstack.ss_sp) {
        altstack.ss_size = 64 * 1024;
        altstack.ss_sp = g_malloc(altstack.ss_size);
        altstack.ss_flags = 0;
        sigaltstack(&altstack, NULL);
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    /* What execve keeps: the mask, and signals set to SIG_IGN. */
    pthread_sigmask(SIG_SETMASK, NULL, &mask);
    sigemptyset(&host_handled);
    for (int sig = 1; sig <= TARGET_NSIG && sig < NSIG; sig++) {
        struct sigaction cur;

        if (sigismember(&mask, sig) == 1) {
            ts->blocked |= sig_bit(sig);
        }
        /* Not ours to catch: the faults (above), the uncatchable ones,
           and the two real-time signals glibc keeps for itself (a guest
           can still send them to itself). */
        if (sig == SIGSEGV || sig == SIGBUS || sig == SIGKILL ||
            sig == SIGSTOP || (sig >= 32 && sig < SIGRTMIN)) {
            continue;
        }
        sigaddset(&host_handled, sig);
        if (sigaction(sig, NULL, &cur) == 0 && cur.sa_handler == SIG_IGN &&
            !(cur.sa_flags & SA_SIGINFO)) {
            sigact_table[sig].handler = TARGET_SIG_IGN;
            if (sig == SIGCHLD) {
                continue;       /* the host's SIG_IGN reaps children */
            }
        }
        install_host_handler(sig);
    }
    ts->blocked &= ~unblockable;
    /* A SIGSEGV/SIGBUS someone sends us is queued too (host_fault_handler),
       so the queue lock blocks them as well: no guest memory is touched
       while it is held. */
    sigaddset(&host_handled, SIGSEGV);
    sigaddset(&host_handled, SIGBUS);
    /* The guest's mask is ours to apply; the host's stays open. */
    pthread_sigmask(SIG_UNBLOCK, &host_handled, NULL);
}
