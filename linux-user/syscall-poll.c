/*
 * Waiting on descriptors and the descriptors made to be waited on:
 * poll/ppoll, _newselect/pselect6, the epoll calls, eventfd2,
 * timerfd_create/settime/gettime and inotify_init(1)/add_watch/rm_watch
 * (whose events read() returns in the same layout on e2k and the host).
 *
 * Layouts: struct pollfd (8 bytes), fd_set (bit arrays of 64-bit words),
 * struct timespec/timeval/itimerspec (64-bit fields) are the same on e2k
 * and x86-64 hosts and pass through after lock_user.  struct epoll_event
 * is not: x86-64 packs it into 12 bytes, e2k (like every other 64-bit
 * Linux) has 16, the 64-bit data at offset 8; it is converted.
 *
 * Every wait is a host call through safe_syscall6, so a guest signal
 * interrupts it however late it arrives.  A signal mask given to
 * ppoll/pselect6/epoll_pwait is the guest's for the duration of the wait
 * only, as the kernel's: see wait_under_mask.  The time left is written
 * back into a ppoll/pselect6 timespec and a select timeval, as the kernel
 * does (skipped when the guest's copy is read-only, also as it does).
 * select (82, the i386 one-argument form) is not in e2k's 64-bit ABI
 * (the kernel's table has sys_ni_syscall there): -ENOSYS.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <limits.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu.h"
#include "syscall-internal.h"
#include "e2k/syscall_nr.h"
#include "e2k/target_structs.h"

#define TARGET_EPOLL_EVENT_SIZEOF   16
#define TARGET_EPOLL_MAXEVENTS      (INT32_MAX / TARGET_EPOLL_EVENT_SIZEOF)
#define TARGET_FD_SETSIZE           1024
#define TARGET_TIMEVAL_SIZEOF       16
#define TARGET_ITIMERSPEC_SIZEOF    32

/* The guest mask at @set_addr (a sigset_t of @setsize bytes) into @mask;
   *given false when @set_addr is NULL. */
static int get_wait_mask(uint64_t set_addr, uint64_t setsize, bool *given,
                         uint64_t *mask)
{
    const uint8_t *p;

    *given = false;
    if (!set_addr) {
        return 0;
    }
    if (setsize != TARGET_SIGSET_SIZE) {
        return -EINVAL;
    }
    p = lock_user(set_addr, TARGET_SIGSET_SIZE, PAGE_READ);
    if (!p) {
        return -EFAULT;
    }
    *mask = ldq_le_p(p);
    *given = true;
    return 0;
}

/*
 * Host wait @nr (its arguments a1..a6) through safe_syscall6, under guest
 * mask @during when @given, as the kernel's ppoll/pselect6/epoll_pwait:
 * the mask is the thread's only while the call waits; a signal it lets
 * in, pending before or arriving during the wait, ends the wait with
 * EINTR and its handler runs under @during, the frame saving the mask
 * from before (rt_sigreturn restores it).  Otherwise the old mask is
 * back when the call returns, and a signal only @during let in stays
 * pending.
 *
 * Why no signal is missed: the guest's mask is the host thread's
 * (signal.c), so setting it makes the host deliver at once whatever it
 * holds that @during unblocks; the host handler queues it and sets the
 * "unseen" word safe_syscall6 tests before the call starts, and a later
 * one interrupts the call.  What was already queued, blocked under the
 * old mask, signal_peek_handler sees.
 */
static int64_t wait_under_mask(bool given, uint64_t during, long nr, long a1,
                               long a2, long a3, long a4, long a5, long a6)
{
    uint64_t old, flags;
    int64_t ret;

    if (!given) {
        return safe_syscall6(nr, a1, a2, a3, a4, a5, a6);
    }
    do_rt_sigprocmask(2 /* SIG_SETMASK */, &during, &old);
    if (signal_peek_handler(&flags)) {
        ret = -EINTR;
    } else {
        ret = safe_syscall6(nr, a1, a2, a3, a4, a5, a6);
    }
    if (ret == -EINTR && signal_peek_handler(&flags)) {
        /* A handler is to run under @during: signal_suspend returns at
           once (the signal is pending), leaving @during in force and
           @old for the handler's frame. */
        do_rt_sigprocmask(2, &old, NULL);
        signal_suspend(during);
    } else {
        do_rt_sigprocmask(2, &old, NULL);
    }
    return ret;
}

/* The time left into the guest's timespec (@is_timeval: timeval) at
   @addr, when it is writable. */
static void put_time_left(uint64_t addr, const struct timespec *ts,
                          bool is_timeval)
{
    uint8_t *p = lock_user(addr, 16, PAGE_WRITE);

    if (p) {
        stq_le_p(p, ts->tv_sec);
        stq_le_p(p + 8, is_timeval ? ts->tv_nsec / 1000 : ts->tv_nsec);
    }
}

static int64_t do_poll(uint64_t fds, uint64_t nfds, int timeout_ms,
                       uint64_t ts_addr, bool with_ts, uint64_t mask_addr,
                       uint64_t masksize)
{
    struct pollfd *p = NULL;
    struct timespec ts, *tsp = NULL;
    uint64_t mask = 0;
    bool given;
    int64_t ret;

    if (nfds > (uint64_t)sysconf(_SC_OPEN_MAX)) {
        return -EINVAL;
    }
    if (nfds) {
        p = lock_user(fds, nfds * sizeof(struct pollfd),
                      PAGE_READ | PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
    }
    if (with_ts && ts_addr) {
        const uint8_t *t = lock_user(ts_addr, TARGET_TIMESPEC_SIZEOF,
                                     PAGE_READ);
        if (!t) {
            return -EFAULT;
        }
        ts.tv_sec = ldq_le_p(t);
        ts.tv_nsec = ldq_le_p(t + 8);
        tsp = &ts;
    } else if (!with_ts && timeout_ms >= 0) {
        ts.tv_sec = timeout_ms / 1000;
        ts.tv_nsec = (timeout_ms % 1000) * 1000000L;
        tsp = &ts;
    }
    ret = get_wait_mask(mask_addr, masksize, &given, &mask);
    if (ret < 0) {
        return ret;
    }
    ret = wait_under_mask(given, mask, SYS_ppoll, (long)p, (long)nfds,
                          (long)tsp, 0, 0, 0);
    if (with_ts && tsp && ret != -EINVAL) {
        put_time_left(ts_addr, tsp, false);
    }
    return ret;
}

static int lock_fd_set(uint64_t addr, int n, fd_set **out)
{
    *out = NULL;
    if (addr) {
        *out = lock_user(addr, (uint64_t)(n + 63) / 64 * 8,
                         PAGE_READ | PAGE_WRITE);
        if (!*out) {
            return -EFAULT;
        }
    }
    return 0;
}

/* select (@t_addr a timeval) and pselect6 (a timespec, and @sigdata its
   { mask pointer, mask size } pair). */
static int64_t do_select(int n, uint64_t in, uint64_t out, uint64_t ex,
                         uint64_t t_addr, bool is_pselect,
                         uint64_t sigdata)
{
    fd_set *r, *w, *e;
    struct timespec ts, *tsp = NULL;
    uint64_t mask_addr = 0, masksize = 0, mask = 0;
    bool given;
    int64_t ret;

    if (n < 0 || n > TARGET_FD_SETSIZE) {
        return -EINVAL;
    }
    if ((ret = lock_fd_set(in, n, &r)) < 0 ||
        (ret = lock_fd_set(out, n, &w)) < 0 ||
        (ret = lock_fd_set(ex, n, &e)) < 0) {
        return ret;
    }
    if (t_addr) {
        const uint8_t *t = lock_user(t_addr, 16, PAGE_READ);
        if (!t) {
            return -EFAULT;
        }
        ts.tv_sec = ldq_le_p(t);
        ts.tv_nsec = ldq_le_p(t + 8) * (is_pselect ? 1 : 1000);
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L) {
            return -EINVAL;
        }
        tsp = &ts;
    }
    if (is_pselect && sigdata) {
        const uint8_t *d = lock_user(sigdata, 16, PAGE_READ);
        if (!d) {
            return -EFAULT;
        }
        mask_addr = ldq_le_p(d);
        masksize = ldq_le_p(d + 8);
    }
    ret = get_wait_mask(mask_addr, masksize, &given, &mask);
    if (ret < 0) {
        return ret;
    }
    ret = wait_under_mask(given, mask, SYS_pselect6, n, (long)r, (long)w,
                          (long)e, (long)tsp, 0);
    if (tsp && ret != -EINVAL) {
        put_time_left(t_addr, tsp, !is_pselect);
    }
    return ret;
}

static int64_t do_epoll_ctl(int epfd, int op, int fd, uint64_t ev_addr)
{
    struct epoll_event ev, *evp = NULL;

    if (ev_addr && op != EPOLL_CTL_DEL) {
        const uint8_t *p = lock_user(ev_addr, TARGET_EPOLL_EVENT_SIZEOF,
                                     PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        ev.events = ldl_le_p(p);
        ev.data.u64 = ldq_le_p(p + 8);
        evp = &ev;
    } else if (op != EPOLL_CTL_DEL) {
        return -EFAULT;
    }
    return epoll_ctl(epfd, op, fd, evp) < 0 ? -errno : 0;
}

static int64_t do_epoll_wait(int epfd, uint64_t ev_addr, int maxevents,
                             int timeout, uint64_t mask_addr,
                             uint64_t masksize)
{
    g_autofree struct epoll_event *ev = NULL;
    uint8_t *out;
    uint64_t mask = 0;
    bool given;
    int64_t ret;

    if (maxevents <= 0 || maxevents > TARGET_EPOLL_MAXEVENTS) {
        return -EINVAL;
    }
    out = lock_user(ev_addr, (uint64_t)maxevents * TARGET_EPOLL_EVENT_SIZEOF,
                    PAGE_WRITE);
    if (!out) {
        return -EFAULT;
    }
    ev = g_new(struct epoll_event, MIN(maxevents, 4096));
    ret = get_wait_mask(mask_addr, masksize, &given, &mask);
    if (ret < 0) {
        return ret;
    }
    ret = wait_under_mask(given, mask, SYS_epoll_pwait, epfd, (long)ev,
                          MIN(maxevents, 4096), timeout, 0, 0);
    for (int i = 0; i < ret; i++) {
        stl_le_p(out + i * TARGET_EPOLL_EVENT_SIZEOF, ev[i].events);
        stl_le_p(out + i * TARGET_EPOLL_EVENT_SIZEOF + 4, 0);
        stq_le_p(out + i * TARGET_EPOLL_EVENT_SIZEOF + 8, ev[i].data.u64);
    }
    return ret;
}

void target_get_itimerspec(const uint8_t *p, struct itimerspec *its)
{
    its->it_interval.tv_sec = ldq_le_p(p);
    its->it_interval.tv_nsec = ldq_le_p(p + 8);
    its->it_value.tv_sec = ldq_le_p(p + 16);
    its->it_value.tv_nsec = ldq_le_p(p + 24);
}

int target_put_itimerspec(uint64_t addr, const struct itimerspec *its)
{
    uint8_t *p;

    if (!addr) {
        return 0;
    }
    p = lock_user(addr, TARGET_ITIMERSPEC_SIZEOF, PAGE_WRITE);
    if (!p) {
        return -EFAULT;
    }
    stq_le_p(p, its->it_interval.tv_sec);
    stq_le_p(p + 8, its->it_interval.tv_nsec);
    stq_le_p(p + 16, its->it_value.tv_sec);
    stq_le_p(p + 24, its->it_value.tv_nsec);
    return 0;
}

static int64_t do_timerfd(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                          uint64_t a4)
{
    struct itimerspec nv, ov;
    int ret;

    switch (nr) {
    case TARGET_NR_timerfd_create:
        ret = timerfd_create((int)a1, (int)a2);
        return ret < 0 ? -errno : ret;
    case TARGET_NR_timerfd_settime: {
        const uint8_t *p = lock_user(a3, TARGET_ITIMERSPEC_SIZEOF, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        if (a4 && !lock_user(a4, TARGET_ITIMERSPEC_SIZEOF, PAGE_WRITE)) {
            return -EFAULT;
        }
        target_get_itimerspec(p, &nv);
        if (timerfd_settime((int)a1, (int)a2, &nv, &ov) < 0) {
            return -errno;
        }
        return target_put_itimerspec(a4, &ov);
    }
    default: /* timerfd_gettime */
        if (!lock_user(a2, TARGET_ITIMERSPEC_SIZEOF, PAGE_WRITE)) {
            return -EFAULT;
        }
        if (timerfd_gettime((int)a1, &ov) < 0) {
            return -errno;
        }
        return target_put_itimerspec(a2, &ov);
    }
}

int64_t do_poll_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                        uint64_t a4, uint64_t a5, uint64_t a6)
{
    int ret;

    switch (nr) {
    case TARGET_NR_poll:
        return do_poll(a1, a2, (int)a3, 0, false, 0, 0);
    case TARGET_NR_ppoll:
        return do_poll(a1, a2, -1, a3, true, a4, a5);
    case TARGET_NR__newselect:
        return do_select((int)a1, a2, a3, a4, a5, false, 0);
    case TARGET_NR_pselect6:
        return do_select((int)a1, a2, a3, a4, a5, true, a6);
    case TARGET_NR_epoll_create:
        if ((int)a1 <= 0) {
            return -EINVAL;
        }
        ret = epoll_create1(0);
        return ret < 0 ? -errno : ret;
    case TARGET_NR_epoll_create1:
        ret = epoll_create1((int)a1);
        return ret < 0 ? -errno : ret;
    case TARGET_NR_epoll_ctl:
        return do_epoll_ctl((int)a1, (int)a2, (int)a3, a4);
    case TARGET_NR_epoll_wait:
        return do_epoll_wait((int)a1, a2, (int)a3, (int)a4, 0, 0);
    case TARGET_NR_epoll_pwait:
        return do_epoll_wait((int)a1, a2, (int)a3, (int)a4, a5, a6);
    case TARGET_NR_eventfd2:
        ret = eventfd((unsigned)a1, (int)a2);
        return ret < 0 ? -errno : ret;
    case TARGET_NR_timerfd_create:
    case TARGET_NR_timerfd_settime:
    case TARGET_NR_timerfd_gettime:
        return do_timerfd(nr, a1, a2, a3, a4);
    case TARGET_NR_inotify_init:
        ret = inotify_init();
        return ret < 0 ? -errno : ret;
    case TARGET_NR_inotify_init1:
        ret = inotify_init1((int)a1);
        return ret < 0 ? -errno : ret;
    case TARGET_NR_inotify_add_watch: {
        char path[PATH_MAX], full[PATH_MAX];
        ret = target_get_path(a2, path, sizeof(path));
        if (ret < 0) {
            return ret;
        }
        ret = inotify_add_watch((int)a1, path_with_prefix(path, full,
                                                          sizeof(full)),
                                (uint32_t)a3);
        return ret < 0 ? -errno : ret;
    }
    case TARGET_NR_inotify_rm_watch:
        ret = inotify_rm_watch((int)a1, (int)a2);
        return ret < 0 ? -errno : 0;
    default:
        return -ENOSYS;
    }
}
