/*
 * Guest threads and processes: clone/clone2/fork/vfork, thread exit,
 * set_tid_address and futex.
 *
 * Every guest thread is a host thread running its own CPU
 * (e2k_cpu_copy_for_thread) through cpu_loop.  A new thread gets its own
 * procedure and chain stacks (as the e2k kernel allocates them) and the
 * user stack clone names; it resumes after the clone system call in the
 * caller's window with 0 as the result, which is all glibc's __clone and
 * __clone2 need (the child calls the thread function and then _exit; it
 * never returns from the frame that made the call).  Guest memory is
 * host memory, so futexes are the host's on the same bytes, and a guest
 * thread id is its host thread id.
 *
 * Per-thread OS state: the CHILD_CLEARTID address in host thread-local
 * storage; the robust futex lists in a list of threads (get_robust_list
 * reads another thread's, exit_group walks them all).  A robust list
 * holds guest pointers the host kernel cannot follow, so a thread's exit
 * walks it here, as the kernel's exit_robust_list does: every futex the
 * thread still owns gets FUTEX_OWNER_DIED and one waiter is woken.  Not here: signal state (signal.c), the CPU list
 * and exclusive sections (accel/tcg/cpus.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu.h"
#include "exec/cpu-list.h"
#include "target/e2k/cpu.h"
#include "tcg/tcg.h"

/* clone flags (the generic Linux values, which e2k uses). */
#define T_CLONE_VM              0x00000100
#define T_CLONE_FS              0x00000200
#define T_CLONE_FILES           0x00000400
#define T_CLONE_SIGHAND         0x00000800
#define T_CLONE_PIDFD           0x00001000
#define T_CLONE_PTRACE          0x00002000
#define T_CLONE_VFORK           0x00004000
#define T_CLONE_PARENT          0x00008000
#define T_CLONE_THREAD          0x00010000
#define T_CLONE_NEWNS           0x00020000
#define T_CLONE_SYSVSEM         0x00040000
#define T_CLONE_SETTLS          0x00080000
#define T_CLONE_PARENT_SETTID   0x00100000
#define T_CLONE_CHILD_CLEARTID  0x00200000
#define T_CLONE_DETACHED        0x00400000
#define T_CLONE_UNTRACED        0x00800000
#define T_CLONE_CHILD_SETTID    0x01000000
#define T_CSIGNAL               0x000000ff

/* What a thread clone may ask for beyond CLONE_VM|CLONE_THREAD. */
#define THREAD_FLAGS (T_CLONE_VM | T_CLONE_FS | T_CLONE_FILES | \
                      T_CLONE_SIGHAND | T_CLONE_THREAD | T_CLONE_SYSVSEM | \
                      T_CLONE_SETTLS | T_CLONE_PARENT_SETTID | \
                      T_CLONE_CHILD_CLEARTID | T_CLONE_CHILD_SETTID | \
                      T_CLONE_DETACHED | T_CLONE_UNTRACED)
/* The same for a new process (fork-like). */
#define FORK_FLAGS (T_CSIGNAL | T_CLONE_VFORK | T_CLONE_VM | \
                    T_CLONE_PARENT_SETTID | T_CLONE_CHILD_CLEARTID | \
                    T_CLONE_CHILD_SETTID | T_CLONE_SETTLS | \
                    T_CLONE_UNTRACED | T_CLONE_DETACHED)

/* The e2k thread pointer register: %g13. */
#define E2K_TLS_GREG 13

/* set_tid_address / CLONE_CHILD_CLEARTID of this guest thread. */
static __thread uint64_t clear_child_tid;

/* set_robust_list of each guest thread that made one (head 0: none). */
typedef struct RobustList {
    pid_t tid;
    uint64_t head;
    struct RobustList *next;
} RobustList;

static pthread_mutex_t robust_lock = PTHREAD_MUTEX_INITIALIZER;
static RobustList *robust_lists;

/* struct robust_list_head (generic 64-bit layout): the list's first
   entry, the futex word's offset from an entry, the entry being locked
   or unlocked. */
#define ROBUST_HEAD_SIZE        24
#define ROBUST_HEAD_NEXT        0
#define ROBUST_HEAD_OFFSET      8
#define ROBUST_HEAD_PENDING     16
/* The kernel's bound on the walk (a corrupt or circular list). */
#define ROBUST_LIST_LIMIT       2048

/* What a new thread runs: cpu_loop, which lives with the CPU outside the
   linux-user library (main.c hands it over). */
static void (*thread_loop)(CPUE2KState *env);

void thread_set_loop(void (*loop)(CPUE2KState *env))
{
    thread_loop = loop;
}

typedef struct NewThread {
    CPUE2KState *env;
    uint64_t ptid;
    uint64_t ctid;
    uint64_t flags;
    uint64_t sigmask;   /* the creating thread's guest signal mask */
    /* pthread primitives, not GLib's: ThreadSanitizer sees these */
    pthread_mutex_t lock;
    pthread_cond_t ready;
    pid_t tid;          /* 0 until the thread has started */
} NewThread;

static bool put_tid(uint64_t addr, pid_t tid)
{
    uint8_t *p = lock_user(addr, 4, PAGE_WRITE);

    if (!p) {
        return false;
    }
    stl_le_p(p, (uint32_t)tid);
    return true;
}

static void *thread_main(void *opaque)
{
    NewThread *nt = opaque;
    CPUE2KState *env = nt->env;
    pid_t tid = (pid_t)syscall(SYS_gettid);

    /* host signals were blocked while this thread had no CPU to take
       them (a fault here must reach the guest, not kill the process) */
    thread_cpu = env;
    signal_thread_start(nt->sigmask);
    if (nt->flags & T_CLONE_CHILD_CLEARTID) {
        clear_child_tid = nt->ctid;
    }

    /* both ids are in place before the new thread runs guest code (and
       so before it can exit and clear them), as the kernel does it */
    if (nt->flags & T_CLONE_PARENT_SETTID) {
        put_tid(nt->ptid, tid);
    }
    if (nt->flags & T_CLONE_CHILD_SETTID) {
        put_tid(nt->ctid, tid);
    }
    pthread_mutex_lock(&nt->lock);
    nt->tid = tid;
    pthread_cond_signal(&nt->ready);
    pthread_mutex_unlock(&nt->lock);
    /* nt belongs to the parent from here on */
    thread_loop(env);
    return NULL;
}

/*
 * The bottom of the mapping that holds @sp - 1: a new thread's user stack
 * size when clone gives only its top (glibc's __clone does).  At most
 * @limit bytes are looked at.
 */
static uint64_t stack_bottom(uint64_t sp, uint64_t limit)
{
    uint64_t a = (sp - 1) & TARGET_PAGE_MASK;

    while (a >= TARGET_PAGE_SIZE && sp - a < limit &&
           (page_get_flags(a - TARGET_PAGE_SIZE) & PAGE_VALID)) {
        a -= TARGET_PAGE_SIZE;
    }
    return a;
}

/* Reserve a hardware stack of @size bytes for a new thread. */
static int64_t map_hw_stack(uint64_t size)
{
    return target_mmap(0, size, TARGET_PROT_READ | TARGET_PROT_WRITE,
                       TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS |
                       TARGET_MAP_NORESERVE, -1, 0);
}

static int64_t clone_thread(CPUE2KState *env, uint64_t flags, uint64_t sp,
                            uint64_t stack_size, uint64_t ptid,
                            uint64_t ctid, uint64_t tls)
{
    NewThread nt = { 0 };
    CPUE2KState *child;
    pthread_attr_t attr;
    pthread_t th;
    sigset_t all, old;
    int64_t psp, pcsp;
    int err;

    if (!thread_loop) {
        return -ENOSYS;
    }
    if ((flags & ~THREAD_FLAGS) ||
        (flags & (T_CLONE_SIGHAND | T_CLONE_VM)) !=
        (T_CLONE_SIGHAND | T_CLONE_VM)) {
        /* CLONE_THREAD needs the shared handlers and memory */
        qemu_log_mask(LOG_UNIMP, "clone: unsupported flags 0x%" PRIx64 "\n",
                      flags);
        return -EINVAL;
    }
    if ((flags & T_CLONE_PARENT_SETTID) &&
        !page_check_range(ptid, 4, PAGE_WRITE)) {
        return -EFAULT;
    }
    psp = map_hw_stack(env->psp_size);
    if (psp < 0) {
        return -ENOMEM;
    }
    pcsp = map_hw_stack(env->pcsp_size);
    if (pcsp < 0) {
        target_munmap(psp, env->psp_size);
        return -ENOMEM;
    }
    child = e2k_cpu_copy_for_thread(env);
    child->psp_base = psp;
    child->pcsp_base = pcsp;
    if (sp) {
        sp &= ~(uint64_t)0xf;
        if (!stack_size) {
            stack_size = sp - stack_bottom(sp, (uint64_t)1 << 32);
        }
        child->sbr = sp;
        child->usd_lo = (child->usd_lo & ~CTPR_BASE_MASK) |
                        (sp & CTPR_BASE_MASK);
        child->usd_hi = (child->usd_hi & 0xffffffffULL) |
                        ((stack_size & ~(uint64_t)0xf) << 32);
    }
    if (flags & T_CLONE_SETTLS) {
        child->gregs[E2K_TLS_GREG].lo = tls;
        child->gregs[E2K_TLS_GREG].tag = 0;
    }
    e2k_syscall_return(child, 0);

    nt.env = child;
    nt.ptid = ptid;
    nt.ctid = ctid;
    nt.flags = flags;
    pthread_mutex_init(&nt.lock, NULL);
    pthread_cond_init(&nt.ready, NULL);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* the new thread starts with every host signal blocked until it has
       its CPU (thread_main), then runs with our host mask */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    nt.sigmask = signal_get_mask();
    pthread_mutex_lock(&nt.lock);
    err = pthread_create(&th, &attr, thread_main, &nt);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (!err) {
        while (!nt.tid) {
            pthread_cond_wait(&nt.ready, &nt.lock);
        }
    }
    pthread_mutex_unlock(&nt.lock);
    pthread_attr_destroy(&attr);
    pthread_mutex_destroy(&nt.lock);
    pthread_cond_destroy(&nt.ready);
    if (err) {
        e2k_cpu_free(child);
        target_munmap(psp, env->psp_size);
        target_munmap(pcsp, env->pcsp_size);
        return -err;
    }
    return nt.tid;
}

/* A new process: the host forks; guest memory is host memory, so the
   child has its own copy of it (vfork too, as QEMU does it). */
static int64_t clone_process(CPUE2KState *env, uint64_t flags, uint64_t sp,
                             uint64_t ptid, uint64_t ctid, uint64_t tls)
{
    bool threads;
    pid_t pid;

    if ((flags & ~FORK_FLAGS) ||
        ((flags & T_CLONE_VM) && !(flags & T_CLONE_VFORK))) {
        qemu_log_mask(LOG_UNIMP, "clone: unsupported flags 0x%" PRIx64 "\n",
                      flags);
        return -EINVAL;
    }
    if ((flags & T_CSIGNAL) != SIGCHLD && (flags & T_CSIGNAL) != 0) {
        qemu_log_mask(LOG_UNIMP, "clone: exit signal %d is not SIGCHLD\n",
                      (int)(flags & T_CSIGNAL));
    }
    threads = cpu_list_count() > 1;
    if (threads) {
        /* no other thread may be translating (holding locks the child
           would inherit locked) or changing memory while it is copied */
        start_exclusive();
    }
    mmap_lock();
    pid = fork();
    if (pid == 0) {
        mmap_fork_child();
        if (!tcg_code_buffer_fork_child()) {
            fprintf(stderr, "qemu-e2k: fork: cannot copy the translated "
                    "code for the child: %s\n", strerror(errno));
            _exit(127);
        }
    } else {
        mmap_unlock();
    }
    if (pid != 0 && threads) {
        end_exclusive();
    }
    if (pid < 0) {
        return -errno;
    }
    if (pid == 0) {
        pid_t tid = (pid_t)syscall(SYS_gettid);

        /* only this thread goes on in the child */
        cpu_list_fork_child(env);
        signal_fork_child();
        /* a new process starts without robust lists (glibc's fork sets
           the child's again) */
        pthread_mutex_init(&robust_lock, NULL);
        robust_lists = NULL;
        if (sp) {
            env->usd_lo = (env->usd_lo & ~CTPR_BASE_MASK) |
                          (sp & ~(uint64_t)0xf & CTPR_BASE_MASK);
        }
        if (flags & T_CLONE_SETTLS) {
            env->gregs[E2K_TLS_GREG].lo = tls;
        }
        if (flags & T_CLONE_CHILD_SETTID) {
            put_tid(ctid, tid);
        }
        clear_child_tid = flags & T_CLONE_CHILD_CLEARTID ? ctid : 0;
        return 0;
    }
    if (flags & T_CLONE_PARENT_SETTID) {
        put_tid(ptid, pid);
    }
    return pid;
}

int64_t do_clone(CPUE2KState *env, uint64_t flags, uint64_t sp,
                 uint64_t stack_size, uint64_t ptid, uint64_t ctid,
                 uint64_t tls)
{
    if (flags & T_CLONE_THREAD) {
        return clone_thread(env, flags, sp, stack_size, ptid, ctid, tls);
    }
    if ((flags & T_CLONE_VM) && !(flags & T_CLONE_VFORK)) {
        /* a process sharing our memory but not our thread group: the
           host could run it as a thread, but it would be a different
           process to signals and wait4; not supported */
        qemu_log_mask(LOG_UNIMP, "clone: CLONE_VM without CLONE_THREAD\n");
        return -EINVAL;
    }
    return clone_process(env, flags, sp, ptid, ctid, tls);
}

/* Thread @tid's entry, under robust_lock; @create: add it if missing. */
static RobustList *robust_find(pid_t tid, bool create)
{
    RobustList *r;

    for (r = robust_lists; r; r = r->next) {
        if (r->tid == tid) {
            return r;
        }
    }
    if (create) {
        r = g_new0(RobustList, 1);
        r->tid = tid;
        r->next = robust_lists;
        robust_lists = r;
    }
    return r;
}

int64_t do_set_robust_list(uint64_t head, uint64_t len)
{
    if (len != ROBUST_HEAD_SIZE) {
        return -EINVAL;
    }
    pthread_mutex_lock(&robust_lock);
    robust_find((pid_t)syscall(SYS_gettid), true)->head = head;
    pthread_mutex_unlock(&robust_lock);
    return 0;
}

int64_t do_get_robust_list(int64_t tid, uint64_t head_addr, uint64_t len_addr)
{
    uint64_t head = 0;
    uint8_t *h, *l;
    RobustList *r;

    if (tid == 0) {
        tid = syscall(SYS_gettid);
    }
    pthread_mutex_lock(&robust_lock);
    r = robust_find((pid_t)tid, false);
    if (r) {
        head = r->head;
    }
    pthread_mutex_unlock(&robust_lock);
    if (!r && tid != syscall(SYS_gettid)) {
        /* one of our threads without a list reads as none; others are
           not ours to see */
        if (syscall(SYS_tgkill, getpid(), (pid_t)tid, 0) < 0) {
            return -ESRCH;
        }
    }
    h = lock_user(head_addr, 8, PAGE_WRITE);
    l = lock_user(len_addr, 8, PAGE_WRITE);
    if (!h || !l) {
        return -EFAULT;
    }
    stq_le_p(h, head);
    stq_le_p(l, ROBUST_HEAD_SIZE);
    return 0;
}

/* The futex word at @uaddr of a lock the dying thread @tid may hold. */
static void robust_futex_death(uint64_t uaddr, uint32_t tid, bool pi,
                               bool pending)
{
    uint32_t *word, uval, mval;

    if ((uaddr & 3) || !page_check_range(uaddr, 4, PAGE_READ | PAGE_WRITE)) {
        return;
    }
    word = g2h(uaddr);
    uval = __atomic_load_n(word, __ATOMIC_SEQ_CST);
    if (pending && !pi && uval == 0) {
        /* died between unlocking and waking: wake for it */
        syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
        return;
    }
    do {
        if ((uval & FUTEX_TID_MASK) != tid) {
            return;             /* not ours (any more) */
        }
        mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
    } while (!__atomic_compare_exchange_n(word, &uval, mval, false,
                                          __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST));
    /* a PI futex's waiters are the host kernel's to hand over */
    if (!pi && (uval & FUTEX_WAITERS)) {
        syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
    }
}

/* Read the guest pointer at @addr (bit 0: the entry is a PI futex). */
static bool robust_fetch(uint64_t addr, uint64_t *entry, bool *pi)
{
    const uint8_t *p = lock_user(addr, 8, PAGE_READ);

    if (!p) {
        return false;
    }
    *entry = ldq_le_p(p) & ~(uint64_t)1;
    *pi = ldq_le_p(p) & 1;
    return true;
}

/* Thread @tid is gone: release what its robust list at @head says it
   held. */
static void robust_list_walk(uint32_t tid, uint64_t head)
{
    uint64_t entry, pending, next;
    bool pi, pending_pi, next_pi;
    const uint8_t *h;
    int64_t offset;
    int limit = ROBUST_LIST_LIMIT;

    if (!head) {
        return;
    }
    h = lock_user(head, ROBUST_HEAD_SIZE, PAGE_READ);
    if (!h || !robust_fetch(head + ROBUST_HEAD_NEXT, &entry, &pi) ||
        !robust_fetch(head + ROBUST_HEAD_PENDING, &pending, &pending_pi)) {
        return;
    }
    offset = (int64_t)ldq_le_p(h + ROBUST_HEAD_OFFSET);
    while (entry != head) {
        /* the next pointer first: the death may free the entry */
        if (!robust_fetch(entry, &next, &next_pi)) {
            return;
        }
        if (entry != pending) {
            robust_futex_death(entry + offset, tid, pi, false);
        }
        entry = next;
        pi = next_pi;
        if (--limit == 0) {
            return;
        }
    }
    if (pending) {
        robust_futex_death(pending + offset, tid, pending_pi, true);
    }
}

/* The calling thread exits (@all: and so do all the others). */
void robust_lists_exit(bool all)
{
    pid_t self = (pid_t)syscall(SYS_gettid);
    RobustList **p = &robust_lists;

    pthread_mutex_lock(&robust_lock);
    while (*p) {
        RobustList *r = *p;

        if (all || r->tid == self) {
            robust_list_walk((uint32_t)r->tid, r->head);
            *p = r->next;
            g_free(r);
        } else {
            p = &r->next;
        }
    }
    pthread_mutex_unlock(&robust_lock);
}

int64_t do_set_tid_address(uint64_t addr)
{
    clear_child_tid = addr;
    return syscall(SYS_gettid);
}

/* The exit status of the thread group's leader (the first thread),
   once it has exited while others still ran: the process's status then,
   as the kernel reports the leader's. */
static int leader_status = -1;

static void G_GNUC_NORETURN exit_process(int status)
{
    qemu_log_flush();
    fflush(stdout);
    fflush(stderr);
    _exit(status & 0xff);
}

void do_thread_exit(CPUE2KState *env, int status, bool group)
{
    bool leader = syscall(SYS_gettid) == getpid();
    unsigned left;

    if (group) {
        /* a robust mutex in memory shared with other processes must not
           stay held by the threads that are going */
        robust_lists_exit(true);
        exit_process(status);
    }
    /* one thread of the group: the others go on */
    robust_lists_exit(false);
    if (clear_child_tid && page_check_range(clear_child_tid, 4,
                                            PAGE_WRITE)) {
        __atomic_store_n((uint32_t *)g2h(clear_child_tid), 0,
                         __ATOMIC_SEQ_CST);
        syscall(SYS_futex, g2h(clear_child_tid), FUTEX_WAKE, 1,
                NULL, NULL, 0);
    }
    if (leader) {
        __atomic_store_n(&leader_status, status & 0xff, __ATOMIC_SEQ_CST);
    }
    left = cpu_list_remove_count(env);
    if (left == 0) {
        int s = __atomic_load_n(&leader_status, __ATOMIC_SEQ_CST);

        exit_process(s >= 0 ? s : status);
    }
    signal_thread_end();
    thread_cpu = NULL;
    if (!leader) {
        target_munmap(env->psp_base, env->psp_size);
        target_munmap(env->pcsp_base, env->pcsp_size);
        e2k_cpu_free(env);
    }
    pthread_exit(NULL);
}

/* The futex operations that take a second address (uaddr2) and those
   whose fourth argument is a number (val2), not a timeout. */
static bool futex_has_uaddr2(int cmd)
{
    return cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE ||
           cmd == FUTEX_WAKE_OP || cmd == FUTEX_CMP_REQUEUE_PI ||
           cmd == FUTEX_WAIT_REQUEUE_PI;
}

static bool futex_val2_is_number(int cmd)
{
    return cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE ||
           cmd == FUTEX_WAKE_OP || cmd == FUTEX_CMP_REQUEUE_PI;
}

int64_t do_futex(uint64_t uaddr, int op, uint32_t val, uint64_t timeout,
                 uint64_t uaddr2, uint32_t val3)
{
    int cmd = op & FUTEX_CMD_MASK;
    void *t = NULL, *u2 = NULL;

    switch (cmd) {
    case FUTEX_WAIT: case FUTEX_WAKE: case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE: case FUTEX_WAKE_OP: case FUTEX_LOCK_PI:
    case FUTEX_UNLOCK_PI: case FUTEX_TRYLOCK_PI: case FUTEX_WAIT_BITSET:
    case FUTEX_WAKE_BITSET: case FUTEX_WAIT_REQUEUE_PI:
    case FUTEX_CMP_REQUEUE_PI: case FUTEX_LOCK_PI2:
        break;
    default:
        return -ENOSYS;
    }
    if ((uaddr & 3) || !page_check_range(uaddr, 4, PAGE_READ)) {
        return (uaddr & 3) ? -EINVAL : -EFAULT;
    }
    if (futex_val2_is_number(cmd)) {
        t = (void *)(uintptr_t)timeout;
    } else if (timeout) {
        /* struct timespec: two 64-bit fields, as on the host */
        if (!page_check_range(timeout, 16, PAGE_READ)) {
            return -EFAULT;
        }
        t = g2h(timeout);
    }
    if (futex_has_uaddr2(cmd)) {
        if ((uaddr2 & 3) || !page_check_range(uaddr2, 4, PAGE_READ)) {
            return (uaddr2 & 3) ? -EINVAL : -EFAULT;
        }
        u2 = g2h(uaddr2);
    }
    /* the waits block: a guest signal must interrupt them */
    return safe_syscall6(SYS_futex, (long)g2h(uaddr), op, val, (long)t,
                         (long)u2, val3);
}

int64_t do_wait4(int64_t pid, uint64_t status_addr, int options,
                 uint64_t rusage_addr)
{
    struct rusage ru;
    int status;
    int64_t r;

    /* struct rusage has the same layout on e2k as on x86-64 (longs and
       64-bit timevals) */
    if ((status_addr && !page_check_range(status_addr, 4, PAGE_WRITE)) ||
        (rusage_addr && !page_check_range(rusage_addr, sizeof(ru),
                                          PAGE_WRITE))) {
        return -EFAULT;
    }
    r = safe_syscall6(SYS_wait4, (pid_t)pid, (long)&status, options,
                      rusage_addr ? (long)&ru : 0, 0, 0);
    if (r < 0) {
        return r;
    }
    if (r > 0 && status_addr) {
        stl_le_p(g2h(status_addr), (uint32_t)status);
    }
    if (r > 0 && rusage_addr) {
        memcpy(g2h(rusage_addr), &ru, sizeof(ru));
    }
    return r;
}
