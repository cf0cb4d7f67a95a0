/*
 * Guest signals, the part that does not depend on the CPU: dispositions
 * (rt_sigaction), each thread's mask, pending queue and alternate stack,
 * the host signal handlers, and the guest's death by a signal, reported
 * like QEMU:
 *   qemu: uncaught target signal 11 (Segmentation fault) - core dumped
 * after which qemu-e2k kills itself with the same signal, so the parent
 * sees what it would see for the real program (a shell: status 128+N).
 *
 * How a signal travels.  Guest signal N is host signal N, and each guest
 * thread's mask is also its host thread's mask (for the signals we catch,
 * SIGSEGV and SIGBUS excepted: host faults must always reach us).  So the
 * host kernel does the routing the guest's kernel would do: a signal to
 * the process goes to a thread that does not block it, or stays pending
 * in the host until one unblocks it; a signal to one thread (tgkill, also
 * from another guest thread, which we forward to the host) waits for
 * that thread.  The host handler (host_signal_handler) only records the
 * host's siginfo in its thread's queue, leaves every host signal blocked
 * until the CPU loop has looked at it (the host keeps the rest queued,
 * real-time ones in order), and asks the CPU to stop at its next
 * exit-request point (every TB entry and loop head).  A fault in
 * translated code arrives from the CPU loop as a synchronous signal
 * (queue_signal).  The CPU loop calls signal_next() after every system
 * call and every stop, and linux-user/e2k/signal.c builds the handler's
 * frame.  Default actions (terminate, ignore, stop) are applied when a
 * signal is dequeued, never in the host handler.
 *
 * Guest signals 32 and 33 have no host twin (the host's C library keeps
 * them): they are queued by us directly, to this thread or to another
 * guest thread (tgkill), which sees them at its next exit-request point
 * but is not woken from a blocking host call for them.
 *
 * Per-thread state (mask, queue, alternate stack) is one TaskSignals per
 * guest thread.  The queues, the list of threads and the dispositions
 * are shared and change only under sig_lock, taken with the host signals
 * blocked (so the host handler, which takes it too, never waits for its
 * own thread).  A thread's mask and alternate stack are its own: only it
 * reads or writes them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu.h"
#include "target/e2k/cpu.h"
#include "target/e2k/fpu_helper.h"

#define TARGET_SIG_BLOCK    0
#define TARGET_SIG_UNBLOCK  1
#define TARGET_SIG_SETMASK  2

/* Signals queued at once per thread (the kernel's limit is RLIMIT_SIGPENDING,
   thousands; the host keeps what is beyond ours, as the host handler
   takes one signal at a time). */
#define SIGQUEUE_MAX        64

__thread CPUE2KState *thread_cpu;

typedef struct TaskSignals {
    /* Owner thread only. */
    uint64_t blocked;
    /* The mask rt_sigsuspend replaced: the next handler frame saves it
       instead of the current one. */
    uint64_t saved_mask;
    bool saved_mask_valid;
    /* sigaltstack; size 0: none. */
    uint64_t ss_sp;
    uint64_t ss_size;
    /* Set by the host handler when it queues a signal, cleared when the
       thread looks at its queue (signals_lock): safe_syscall's test. */
    int unseen;
    /* Under sig_lock (npending is also read without it, atomically, to
       see that there is nothing to do). */
    pid_t tid;
    CPUE2KState *env;           /* to stop, for a signal from a sibling */
    struct TaskSignals *next;
    /* A synchronous fault waiting for its handler (delivered first). */
    bool sync_pending;
    TargetSiginfo sync_info;
    /* Queued signals in arrival order. */
    int npending;
    TargetSiginfo pending[SIGQUEUE_MAX];
} TaskSignals;

static TargetSigaction sigact_table[TARGET_NSIG + 1];
/* The first thread's; the others' are allocated by signal_thread_start. */
static TaskSignals main_task;
static __thread TaskSignals *cur_task;
/* Every guest thread's TaskSignals (the 32/33 senders look a tid up). */
static TaskSignals *task_list;
static int sig_lock;
/* The host signals host_signal_handler is installed for (plus SIGSEGV
   and SIGBUS, which host_fault_handler passes on when sent). */
static sigset_t host_handled;
/* The same without SIGSEGV and SIGBUS: what a guest mask may block. */
static sigset_t host_maskable;

static void install_host_handler(int sig);
static void host_follow_disposition(int sig, uint64_t handler);
static bool default_ignored(int sig);

static TaskSignals *task_signals(void)
{
    /* A host thread that runs no guest CPU (a unit test's) uses the
       first thread's state. */
    return cur_task ? cur_task : &main_task;
}

static uint64_t sig_bit(int sig)
{
    return (uint64_t)1 << (sig - 1);
}

static const uint64_t unblockable =
    ((uint64_t)1 << (TARGET_SIGKILL - 1)) | ((uint64_t)1 << (TARGET_SIGSTOP - 1));

/* Guest signals the host's C library keeps for itself: queued by us. */
static bool host_reserved(int sig)
{
    return sig >= 32 && sig < SIGRTMIN;
}

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

/* The host mask that mirrors guest mask @blocked. */
static void host_mask_of(uint64_t blocked, sigset_t *set)
{
    sigemptyset(set);
    for (int sig = 1; sig <= TARGET_NSIG && sig < NSIG; sig++) {
        if ((blocked & sig_bit(sig)) && sigismember(&host_maskable, sig) == 1) {
            sigaddset(set, sig);
        }
    }
}

void signal_host_mask_of(uint64_t mask, sigset_t *set)
{
    host_mask_of(mask, set);
}

/* Give the host thread the guest thread's mask again. */
static void host_mask_apply(const TaskSignals *ts)
{
    sigset_t set;

    host_mask_of(ts->blocked, &set);
    pthread_sigmask(SIG_SETMASK, &set, NULL);
}

/* Change the thread's mask, the host's with it. */
static void set_blocked(TaskSignals *ts, uint64_t mask)
{
    ts->blocked = mask & ~unblockable;
    host_mask_apply(ts);
}

static void spin_lock(void)
{
    while (__atomic_exchange_n(&sig_lock, 1, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&sig_lock, __ATOMIC_RELAXED)) {
            sched_yield();
        }
    }
}

static void spin_unlock(void)
{
    __atomic_store_n(&sig_lock, 0, __ATOMIC_RELEASE);
}

/* Take sig_lock with the host signals blocked, so the queues can be
   changed; signals_unlock gives the thread the guest's mask back (which
   also lets in what the host handler held back). */
static void signals_lock(void)
{
    pthread_sigmask(SIG_BLOCK, &host_handled, NULL);
    spin_lock();
    /* Whatever is queued now is seen by the caller. */
    __atomic_store_n(&task_signals()->unseen, 0, __ATOMIC_RELAXED);
}

static void signals_unlock(TaskSignals *ts)
{
    spin_unlock();
    host_mask_apply(ts);
}

static int queued(const TaskSignals *ts)
{
    return __atomic_load_n(&ts->npending, __ATOMIC_ACQUIRE);
}

/* Under sig_lock (async-signal-safe: the host handler calls it). */
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
    __atomic_store_n(&ts->npending, n + 1, __ATOMIC_RELEASE);
    return true;
}

static void dequeue_at(TaskSignals *ts, int i)
{
    int n = ts->npending;

    memmove(&ts->pending[i], &ts->pending[i + 1],
            (n - i - 1) * sizeof(ts->pending[0]));
    __atomic_store_n(&ts->npending, n - 1, __ATOMIC_RELEASE);
}

/* ------------------------------------------------------------------ */
/* Threads                                                             */

void signal_thread_start(uint64_t blocked)
{
    TaskSignals *ts = g_new0(TaskSignals, 1);

    ts->tid = (pid_t)syscall(SYS_gettid);
    /* A new thread has the creator's mask and no alternate stack (the
       kernel drops it for CLONE_VM). */
    ts->blocked = blocked & ~unblockable;
    signals_lock();
    ts->next = task_list;
    task_list = ts;
    cur_task = ts;
    signals_unlock(ts);
}

void signal_thread_end(void)
{
    TaskSignals *ts = cur_task;
    sigset_t all;

    /* Nothing is delivered to a thread on its way out. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    if (!ts || ts == &main_task) {
        return;
    }
    spin_lock();
    for (TaskSignals **p = &task_list; *p; p = &(*p)->next) {
        if (*p == ts) {
            *p = ts->next;
            break;
        }
    }
    cur_task = NULL;
    spin_unlock();
    g_free(ts);
}

void signal_thread_cpu(CPUE2KState *env)
{
    TaskSignals *ts = task_signals();

    signals_lock();
    ts->env = env;
    signals_unlock(ts);
}

uint64_t signal_get_mask(void)
{
    return task_signals()->blocked;
}

void signal_fork_child(void)
{
    TaskSignals *ts = task_signals();

    /* The child is one thread with the caller's mask, dispositions and
       alternate stack, and nothing pending. */
    sig_lock = 0;
    ts->npending = 0;
    ts->sync_pending = false;
    ts->tid = (pid_t)syscall(SYS_gettid);
    ts->next = NULL;
    task_list = ts;
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
    signals_lock();
    if (oact) {
        *oact = sigact_table[sig];
    }
    if (act) {
        sigact_table[sig] = *act;
        sigact_table[sig].mask &= ~unblockable;
    }
    if (act) {
        host_follow_disposition(sig, act->handler);
    }
    signals_unlock(task_signals());
    return 0;
}

int do_rt_sigprocmask(int how, const uint64_t *set, uint64_t *oldset)
{
    TaskSignals *ts = task_signals();
    uint64_t old = ts->blocked;

    if (set) {
        switch (how) {
        case TARGET_SIG_BLOCK:
            set_blocked(ts, old | *set);
            break;
        case TARGET_SIG_UNBLOCK:
            set_blocked(ts, old & ~*set);
            break;
        case TARGET_SIG_SETMASK:
            set_blocked(ts, *set);
            break;
        default:
            return -EINVAL;
        }
    }
    if (oldset) {
        *oldset = old;
    }
    return 0;
}

void signal_set_mask(uint64_t mask)
{
    set_blocked(task_signals(), mask);
}

uint64_t signal_pending_set(void)
{
    TaskSignals *ts = task_signals();
    uint64_t set = 0;
    sigset_t host;

    signals_lock();
    for (int i = 0; i < ts->npending; i++) {
        set |= sig_bit(info_signo(&ts->pending[i]));
    }
    /* What the host holds for us (blocked: the masks are the same),
       for this thread or the process. */
    if (sigpending(&host) == 0) {
        for (int sig = 1; sig <= TARGET_NSIG && sig < NSIG; sig++) {
            if (sigismember(&host, sig) == 1) {
                set |= sig_bit(sig);
            }
        }
    }
    signals_unlock(ts);
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
    /* every thread dies: what they held in robust futexes is freed */
    robust_lists_exit(true);
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
    int sig = 0;

    /* The common case, after every system call: nothing queued.  A host
       signal that arrives after this look sets exit_request, so it is
       delivered at the next TB. */
    if (!ts->sync_pending && queued(ts) == 0) {
        return 0;
    }
    signals_lock();
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
                host_follow_disposition(sig, TARGET_SIG_DFL);
            }
            break;
        }
        apply_default(sig);
        sig = 0;
    }
    signals_unlock(ts);
    return sig;
}

bool signal_peek_handler(uint64_t *flags)
{
    TaskSignals *ts = task_signals();
    bool ret = false;

    signals_lock();
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
    signals_unlock(ts);
    return ret;
}

uint64_t signal_enter_handler(int sig, const TargetSigaction *act)
{
    TaskSignals *ts = task_signals();
    uint64_t old = ts->saved_mask_valid ? ts->saved_mask : ts->blocked;
    uint64_t mask = ts->blocked | act->mask;

    ts->saved_mask_valid = false;
    if (!(act->flags & TARGET_SA_NODEFER)) {
        mask |= sig_bit(sig);
    }
    set_blocked(ts, mask);
    return old;
}

/* Queue @info for @ts (under sig_lock), as the kernel's send: an ignored
   signal is discarded unless blocked (then it waits, and is dropped when
   dequeued). */
static int send_locked(TaskSignals *ts, const TargetSiginfo *info)
{
    int sig = info_signo(info);

    if (is_ignored(sig) && !(ts->blocked & sig_bit(sig))) {
        return 0;
    }
    return enqueue(ts, info) ? 0 : -EAGAIN;
}

int signal_send_self(const TargetSiginfo *info)
{
    TaskSignals *ts = task_signals();
    int sig = info_signo(info);
    int ret;

    if (sig < 1 || sig > TARGET_NSIG) {
        return -EINVAL;
    }
    qemu_log_mask(CPU_LOG_INT, "qemu: guest signal %d (%s) code %d\n", sig,
                  target_signal_name(sig), (int)ldl_le_p(info->b + 8));
    signals_lock();
    ret = send_locked(ts, info);
    apply_pending_defaults_locked(ts);
    signals_unlock(ts);
    return ret;
}

int signal_send_thread(pid_t tid, const TargetSiginfo *info)
{
    TaskSignals *self = task_signals();
    TaskSignals *ts;
    int sig = info_signo(info);
    int ret = -ESRCH;

    if (sig < 1 || sig > TARGET_NSIG) {
        return -EINVAL;
    }
    if (tid == self->tid) {
        return signal_send_self(info);
    }
    qemu_log_mask(CPU_LOG_INT, "qemu: guest signal %d (%s) to thread %d\n",
                  sig, target_signal_name(sig), (int)tid);
    signals_lock();
    for (ts = task_list; ts; ts = ts->next) {
        if (ts->tid == tid) {
            /* Its mask is its own: a blocked signal is dropped at
               dequeueing if ignored, never here. */
            ret = enqueue(ts, info) ? 0 : -EAGAIN;
            __atomic_store_n(&ts->unseen, 1, __ATOMIC_RELAXED);
            if (ts->env) {
                __atomic_store_n(&ts->env->exit_request, 1, __ATOMIC_RELEASE);
            }
            break;
        }
    }
    signals_unlock(self);
    return ret;
}

int *signal_unseen_flag(void)
{
    return &task_signals()->unseen;
}

void signal_apply_defaults(void)
{
    TaskSignals *ts = task_signals();

    if (queued(ts) == 0) {
        return;
    }
    signals_lock();
    apply_pending_defaults_locked(ts);
    signals_unlock(ts);
}

bool signal_host_routed(int sig)
{
    return sig >= 1 && sig <= TARGET_NSIG && !host_reserved(sig);
}

void queue_signal(CPUE2KState *env, int sig, int code, uint64_t addr)
{
    TaskSignals *ts = task_signals();
    const char *unimp;
    bool sync = sig == TARGET_SIGSEGV || sig == TARGET_SIGBUS ||
                sig == TARGET_SIGILL || sig == TARGET_SIGFPE ||
                sig == TARGET_SIGTRAP;
    TargetSiginfo info;
    bool fatal;

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
       ignored (or has no handler) kills the process.  It is this
       thread's, whatever the others block. */
    signals_lock();
    fatal = !has_handler(sig) || (ts->blocked & sig_bit(sig));
    if (!fatal) {
        ts->sync_info = info;
        ts->sync_pending = true;
    }
    signals_unlock(ts);
    if (fatal) {
        report_unimp(unimp, env);
        dump_core_and_abort(sig);
    }
}

/* ------------------------------------------------------------------ */
/* Waiting for signals                                                 */

/* Some unblocked signal is pending (defaults already applied). */
static bool wake_pending_locked(TaskSignals *ts)
{
    apply_pending_defaults_locked(ts);
    return next_unblocked(ts) >= 0;
}

/* The same, for a caller that holds no lock; the host signals are left
   blocked, so that nothing arrives unseen before the caller sleeps with
   an atomic mask change (sigsuspend, ppoll). */
static bool wake_pending(TaskSignals *ts)
{
    bool woken;

    signals_lock();
    woken = wake_pending_locked(ts);
    spin_unlock();
    return woken;
}

int64_t signal_suspend(uint64_t mask)
{
    TaskSignals *ts = task_signals();
    uint64_t old_mask = ts->blocked;
    sigset_t during;

    /* Host signals stay blocked until sigsuspend opens the new mask. */
    pthread_sigmask(SIG_BLOCK, &host_handled, NULL);
    ts->blocked = mask & ~unblockable;
    host_mask_of(ts->blocked, &during);
    while (!wake_pending(ts)) {
        sigsuspend(&during);
    }
    host_mask_apply(ts);
    ts->saved_mask = old_mask;
    ts->saved_mask_valid = true;
    return -EINTR;
}

/* Dequeue the lowest pending signal of @set into @info; 0 when none. */
static int take_from_set(TaskSignals *ts, uint64_t set, TargetSiginfo *info)
{
    int best = -1;
    int sig = 0;

    signals_lock();
    for (int i = 0; i < ts->npending; i++) {
        int s = info_signo(&ts->pending[i]);

        if ((set & sig_bit(s)) &&
            (best < 0 || s < info_signo(&ts->pending[best]))) {
            best = i;
        }
    }
    if (best >= 0) {
        *info = ts->pending[best];
        dequeue_at(ts, best);
        sig = info_signo(info);
    }
    spin_unlock();
    return sig;
}

int64_t signal_timedwait(uint64_t set, TargetSiginfo *info,
                         int64_t timeout_ns)
{
    TaskSignals *ts = task_signals();
    int64_t deadline = timeout_ns < 0 ? -1 :
                       g_get_monotonic_time() * 1000 + timeout_ns;
    sigset_t host_set;
    int64_t ret;

    set &= ~unblockable;
    host_mask_of(set, &host_set);
    for (;;) {
        struct timespec left;
        siginfo_t hi;
        int64_t now;

        /* what reached our queue first, then what the host holds or
           brings while we wait (its sigtimedwait, which also keeps a
           signal the host would drop as ignored); another signal with a
           handler, also one that comes just before the wait, ends it
           with EINTR (safe_syscall6) */
        ret = take_from_set(ts, set, info);
        if (ret > 0) {
            break;
        }
        if (wake_pending(ts)) {
            ret = -EINTR;
            break;
        }
        host_mask_apply(ts);
        now = g_get_monotonic_time() * 1000;
        if (deadline >= 0) {
            int64_t d = deadline > now ? deadline - now : 0;

            left.tv_sec = d / 1000000000;
            left.tv_nsec = d % 1000000000;
        }
        /* the system call, not the C library's wrapper, which would
           report SI_TKILL as SI_USER */
        ret = safe_syscall6(SYS_rt_sigtimedwait, (long)&host_set, (long)&hi,
                            deadline >= 0 ? (long)&left : 0, NSIG / 8, 0, 0);
        if (ret > 0) {
            memcpy(info->b, &hi, TARGET_SIGINFO_SIZE);
            break;
        }
        if (ret != -EINTR) {
            break;              /* -EAGAIN: the time is up */
        }
    }
    host_mask_apply(ts);
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
    ucontext_t *uc = puc;
    TaskSignals *ts = task_signals();
    TargetSiginfo ti;
    CPUE2KState *env = thread_cpu;
    bool queued_now;

    /* A fault of qemu-e2k's own code (not a signal someone sent): let
       the host report it as the bug it is. */
    if (info->si_code > 0 && (sig == SIGILL || sig == SIGFPE ||
                              sig == SIGTRAP)) {
        signal(sig, SIG_DFL);
        return;
    }
    G_STATIC_ASSERT(sizeof(*info) == TARGET_SIGINFO_SIZE);
    memcpy(ti.b, info, TARGET_SIGINFO_SIZE);
    spin_lock();
    /* An ignored signal the guest does not block goes, as the kernel
       drops it when sent. */
    queued_now = !(is_ignored(sig) && !(ts->blocked & sig_bit(sig))) &&
                 enqueue(ts, &ti);
    spin_unlock();
    /* One at a time: the host keeps the next ones (in order, and beyond
       our queue's size) until the CPU loop has taken this one and
       reopened the guest's mask (signals_unlock). */
    if (queued_now) {
        /* A blocking call about to start must not start (safe-syscall.c). */
        __atomic_store_n(&ts->unseen, 1, __ATOMIC_RELAXED);
        if (uc) {
            sigorset(&uc->uc_sigmask, &uc->uc_sigmask, &host_maskable);
            safe_syscall_rewind(uc);
        }
    }
    if (env) {
        __atomic_store_n(&env->exit_request, 1, __ATOMIC_RELEASE);
    }
    errno = saved_errno;
}

/*
 * What the host does with @sig follows the guest's disposition where the
 * host can do it alone: a signal the guest ignores (SIG_IGN, or SIG_DFL
 * of one ignored by default) is the host's to drop, as the guest's
 * kernel would, so it does not even interrupt a blocking call (and an
 * ignored SIGCHLD reaps children, as it should); a blocked one still
 * waits in the host.  Every other disposition needs our handler.
 */
static void host_follow_disposition(int sig, uint64_t handler)
{
    struct sigaction sa;

    if (sigismember(&host_maskable, sig) != 1) {
        return;                 /* not a signal we catch */
    }
    if (handler == TARGET_SIG_IGN ||
        (handler == TARGET_SIG_DFL && default_ignored(sig))) {
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = handler == TARGET_SIG_IGN ? SIG_IGN : SIG_DFL;
        sigemptyset(&sa.sa_mask);
        sigaction(sig, &sa, NULL);
    } else {
        install_host_handler(sig);
    }
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
#ifdef __x86_64__
        /* The flags inline FP operations left in MXCSR: this handler runs
           with a fresh one, and the long jump would lose them. */
        if (uc->uc_mcontext.fpregs) {
            e2k_fpu_sync_saved_flags(env, uc->uc_mcontext.fpregs->mxcsr);
        }
#endif
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
    TaskSignals *ts = &main_task;
    sigset_t mask;

    ts->tid = (pid_t)syscall(SYS_gettid);
    task_list = ts;
    cur_task = ts;
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
        }
    }
    ts->blocked &= ~unblockable;
    host_maskable = host_handled;
    for (int sig = 1; sig <= TARGET_NSIG && sig < NSIG; sig++) {
        host_follow_disposition(sig, sigact_table[sig].handler);
    }
    /* A SIGSEGV/SIGBUS someone sends us is queued too (host_fault_handler),
       so the queue lock blocks them as well: no guest memory is touched
       while it is held. */
    sigaddset(&host_handled, SIGSEGV);
    sigaddset(&host_handled, SIGBUS);
    /* From here on the host mask is the guest's. */
    host_mask_apply(ts);
}
