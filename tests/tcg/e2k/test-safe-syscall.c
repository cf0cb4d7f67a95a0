/*
 * safe_syscall (linux-user/safe-syscall.c): a guest signal queued after
 * the thread last looked at its queue interrupts the next blocking host
 * call, wherever it lands:
 * - flag: with a signal queued unseen, a read that would block returns
 *   -EINTR at once (and reads normally once the queue has been seen);
 * - rewind: the host handler's half moves a program counter inside the
 *   window between the test and the `syscall' instruction to the -EINTR
 *   exit, and leaves one after the instruction alone;
 * - race: after the CPU loop's look at the queue, another thread sends
 *   one signal while this one does a random amount of work before a read
 *   on an empty pipe, many times: every read returns -EINTR by itself
 *   (none sleeps through its signal and needs a second one);
 * - ignored: a signal the guest ignores (SIGWINCH by default, SIGUSR2 by
 *   SIG_IGN) does not interrupt a blocking read at all: the host drops
 *   it, as the guest's kernel would.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu.h"
#include "e2k/syscall_nr.h"
#include "fake-cpu.h"

#define RACE_ROUNDS 1000

static CPUE2KState *env;
static uint64_t gbuf;
static int pipe_fd[2];

static int64_t sys_read(int fd, uint64_t len)
{
    return do_syscall(env, TARGET_NR_read, fd, gbuf, len, 0, 0, 0);
}

static void test_flag(void)
{
    int *unseen = signal_unseen_flag();

    __atomic_store_n(unseen, 1, __ATOMIC_RELAXED);
    /* the pipe is empty and has a writer: a real read would block */
    g_assert_cmpint(sys_read(pipe_fd[0], 1), ==, -EINTR);
    g_assert_cmpint(write(pipe_fd[1], "x", 1), ==, 1);
    g_assert_cmpint(sys_read(pipe_fd[0], 1), ==, -EINTR);
    /* the CPU loop looks at the queue: the flag goes */
    g_assert_cmpint(signal_pending_set(), ==, 0);
    g_assert_cmpint(__atomic_load_n(unseen, __ATOMIC_RELAXED), ==, 0);
    g_assert_cmpint(sys_read(pipe_fd[0], 1), ==, 1);
}

#ifdef __x86_64__
extern const char safe_syscall_start[], safe_syscall_end[],
                  safe_syscall_interrupted[];

static void test_rewind(void)
{
    ucontext_t uc;
    greg_t *pc = &uc.uc_mcontext.gregs[REG_RIP];

    memset(&uc, 0, sizeof(uc));
    for (const char *p = safe_syscall_start; p < safe_syscall_end; p++) {
        *pc = (greg_t)(uintptr_t)p;
        g_assert_true(safe_syscall_rewind(&uc));
        g_assert_cmphex(*pc, ==, (uintptr_t)safe_syscall_interrupted);
    }
    /* the `syscall' has run: the kernel's EINTR (or result) stands */
    *pc = (greg_t)(uintptr_t)safe_syscall_end;
    g_assert_false(safe_syscall_rewind(&uc));
    g_assert_cmphex(*pc, ==, (uintptr_t)safe_syscall_end);
    *pc = (greg_t)(uintptr_t)safe_syscall_start - 1;
    g_assert_false(safe_syscall_rewind(&uc));
}
#endif

typedef struct Race {
    pid_t tid;          /* the reading thread */
    int go;             /* round the sender may send in */
    int done;           /* round the reader has finished */
    int stuck;          /* rounds whose read slept through its signal */
} Race;

static void *race_sender(void *opaque)
{
    Race *r = opaque;

    for (int i = 1; i <= RACE_ROUNDS; i++) {
        gint64 deadline;

        while (__atomic_load_n(&r->go, __ATOMIC_ACQUIRE) < i) {
            continue;
        }
        syscall(SYS_tgkill, getpid(), r->tid, SIGUSR1);
        deadline = g_get_monotonic_time() + G_USEC_PER_SEC;
        while (__atomic_load_n(&r->done, __ATOMIC_ACQUIRE) < i) {
            if (g_get_monotonic_time() > deadline) {
                /* the read slept through our signal: give it a byte */
                r->stuck++;
                g_assert_cmpint(write(pipe_fd[1], "x", 1), ==, 1);
                deadline = g_get_monotonic_time() + G_USEC_PER_SEC;
            }
            sched_yield();
        }
    }
    return NULL;
}

#if defined(__SANITIZE_THREAD__)
#define UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_TSAN 1
#endif
#endif

static void test_race(void)
{
    TargetSigaction act = { .handler = 0x10000 };   /* any guest handler */
    TargetSiginfo info;
    Race r = { .tid = (pid_t)syscall(SYS_gettid) };
    pthread_t th;
    int interrupted = 0;

#ifdef UNDER_TSAN
    /* ThreadSanitizer runs a handler for a signal that lands outside
       its own interceptors later, with a copy of the context: neither
       the flag nor the rewind can act in time */
    g_test_skip("ThreadSanitizer defers signal handlers");
    return;
#endif
    g_assert_cmpint(do_rt_sigaction(SIGUSR1, &act, NULL), ==, 0);
    g_assert_cmpint(pthread_create(&th, NULL, race_sender, &r), ==, 0);
    for (int i = 1; i <= RACE_ROUNDS; i++) {
        volatile unsigned spin = g_random_int_range(0, 100000);

        /* what the CPU loop does after each system call: look */
        while (signal_next(&info, &act) != 0) {
            g_assert_cmpint(ldl_le_p(info.b), ==, SIGUSR1);
        }
        __atomic_store_n(&r.go, i, __ATOMIC_RELEASE);
        while (spin) {
            spin--;     /* the signal lands before the read, or in it */
        }
        if (sys_read(pipe_fd[0], 1) == -EINTR) {
            interrupted++;
        }
        __atomic_store_n(&r.done, i, __ATOMIC_RELEASE);
    }
    pthread_join(th, NULL);
    while (signal_next(&info, &act) != 0) {
        continue;
    }
    g_assert_cmpint(r.stuck, ==, 0);
    g_assert_cmpint(interrupted, ==, RACE_ROUNDS);
    act.handler = TARGET_SIG_DFL;
    do_rt_sigaction(SIGUSR1, &act, NULL);
}

typedef struct Poke {
    pid_t tid;
    int sig;
} Poke;

/* Send the signal to a thread that is by now blocked in a read, then
   give the read its byte. */
static void *poke_reader(void *opaque)
{
    Poke *p = opaque;

    g_usleep(50 * 1000);
    syscall(SYS_tgkill, getpid(), p->tid, p->sig);
    g_usleep(50 * 1000);
    g_assert_cmpint(write(pipe_fd[1], "y", 1), ==, 1);
    return NULL;
}

static void test_ignored(void)
{
    TargetSigaction ign = { .handler = TARGET_SIG_IGN };
    Poke p = { .tid = (pid_t)syscall(SYS_gettid) };
    pthread_t th;

    g_assert_cmpint(do_rt_sigaction(SIGUSR2, &ign, NULL), ==, 0);
    for (int i = 0; i < 2; i++) {
        p.sig = i == 0 ? SIGWINCH : SIGUSR2;
        g_assert_cmpint(pthread_create(&th, NULL, poke_reader, &p), ==, 0);
        g_assert_cmpint(sys_read(pipe_fd[0], 1), ==, 1);
        pthread_join(th, NULL);
        g_assert_cmpint(signal_pending_set(), ==, 0);
    }
    ign.handler = TARGET_SIG_DFL;
    do_rt_sigaction(SIGUSR2, &ign, NULL);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!guest_memory_init(GUEST_SPACE_DEFAULT_SIZE, 0, &error_abort)) {
        return 1;
    }
    signal_init();
    env = g_new0(CPUE2KState, 1);
    thread_cpu = env;
    gbuf = target_mmap(0, TARGET_PAGE_SIZE,
                       TARGET_PROT_READ | TARGET_PROT_WRITE,
                       TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS, -1, 0);
    g_assert_cmpint((int64_t)gbuf, >, 0);
    g_assert_cmpint(pipe(pipe_fd), ==, 0);
    g_test_add_func("/e2k/safe-syscall/flag", test_flag);
#ifdef __x86_64__
    g_test_add_func("/e2k/safe-syscall/rewind", test_rewind);
#endif
    g_test_add_func("/e2k/safe-syscall/race", test_race);
    g_test_add_func("/e2k/safe-syscall/ignored", test_ignored);
    return g_test_run();
}
