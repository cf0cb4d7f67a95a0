/*
 * Guest signals: the rt_sigaction/rt_sigprocmask bookkeeping, the host
 * SIGSEGV/SIGBUS handler that turns faults in translated code into guest
 * signals (or restarts writes to write-protected code pages), and the
 * guest's death by a signal, reported like QEMU:
 *   qemu: uncaught target signal 11 (Segmentation fault) - core dumped
 * after which qemu-e2k kills itself with the same signal, so the parent
 * sees what it would see for the real program (a shell: status 128+N).
 *
 * Not here yet: delivering signals to guest handlers (signal frames on
 * the e2k stacks); a registered handler is recorded but a signal that
 * needs it is treated as fatal, with a log line (-d int) saying so.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <ucontext.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/log.h"
#include "qemu.h"
#include "target/e2k/cpu.h"

#define TARGET_SIG_DFL  0
#define TARGET_SIG_IGN  1
#define TARGET_SIG_BLOCK    0
#define TARGET_SIG_UNBLOCK  1
#define TARGET_SIG_SETMASK  2

__thread CPUE2KState *thread_cpu;

static TargetSigaction sigact_table[TARGET_NSIG + 1];
static uint64_t target_blocked;

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

/*
 * A signal the guest ignores must not kill us either (SIGPIPE: the write
 * then fails with EPIPE, as the guest expects).  SIGSEGV and SIGBUS stay
 * ours; handlers are not delivered yet, so they keep the host default.
 */
static void mirror_ignore(int sig, uint64_t handler)
{
    if (sig >= NSIG || sig == SIGSEGV || sig == SIGBUS ||
        sig == SIGKILL || sig == SIGSTOP) {
        return;
    }
    signal(sig, handler == TARGET_SIG_IGN ? SIG_IGN : SIG_DFL);
}

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
        mirror_ignore(sig, act->handler);
    }
    return 0;
}

int do_rt_sigprocmask(int how, const uint64_t *set, uint64_t *oldset)
{
    uint64_t old = target_blocked;

    if (set) {
        switch (how) {
        case TARGET_SIG_BLOCK:
            target_blocked |= *set;
            break;
        case TARGET_SIG_UNBLOCK:
            target_blocked &= ~*set;
            break;
        case TARGET_SIG_SETMASK:
            target_blocked = *set;
            break;
        default:
            return -EINVAL;
        }
        target_blocked &= ~unblockable;
    }
    if (oldset) {
        *oldset = old;
    }
    return 0;
}

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

void queue_signal(CPUE2KState *env, int sig, int code, uint64_t addr)
{
    const char *unimp;
    bool sync = sig == TARGET_SIGSEGV || sig == TARGET_SIGBUS ||
                sig == TARGET_SIGILL || sig == TARGET_SIGFPE ||
                sig == TARGET_SIGTRAP;
    uint64_t handler;

    if (sig < 1 || sig > TARGET_NSIG) {
        return;
    }
    qemu_log_mask(CPU_LOG_INT, "qemu: guest signal %d (%s) code %d "
                  "addr 0x%" PRIx64 "\n", sig, target_signal_name(sig),
                  code, addr);
    handler = sigact_table[sig].handler;
    unimp = sig == TARGET_SIGILL ? env->unimp_op : NULL;
    env->unimp_op = NULL;
    /* Like the kernel's force_sig: a synchronous fault that is blocked or
       ignored still kills the process. */
    if (!sync && handler == TARGET_SIG_IGN) {
        return;
    }
    if (!sync && (target_blocked & sig_bit(sig))) {
        return;
    }
    if (handler == TARGET_SIG_DFL || (sync && handler == TARGET_SIG_IGN) ||
        (sync && (target_blocked & sig_bit(sig)))) {
        if (default_ignored(sig) || sig == TARGET_SIGSTOP ||
            sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
            return;
        }
        report_unimp(unimp, env);
        dump_core_and_abort(sig);
    }
    qemu_log_mask(CPU_LOG_INT | LOG_UNIMP, "qemu: delivering signal %d to "
                  "the guest handler at 0x%" PRIx64 " is not supported "
                  "yet; treating it as fatal\n", sig, handler);
    report_unimp(unimp, env);
    dump_core_and_abort(sig);
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
}
