/*
 * POSIX timers and the clock calls beside syscall.c's clock_gettime:
 * timer_create/settime/gettime/getoverrun/delete, clock_settime,
 * clock_nanosleep.
 *
 * A guest struct sigevent (64 bytes: sigev_value, sigev_signo,
 * sigev_notify, then the thread id of SIGEV_THREAD_ID) becomes the
 * host's: guest threads are host threads and the signal numbers are the
 * same, so a timer signal arrives like any host signal and signal.c
 * hands it to the guest.  SIGEV_THREAD is the C library's business (it
 * asks for SIGEV_THREAD_ID); an unknown sigev_notify is -EINVAL.  Timer
 * ids are the kernel's (a 32-bit int in the guest's timer_t).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "qemu/bswap.h"
#include "qemu.h"
#include "syscall-internal.h"
#include "e2k/syscall_nr.h"
#include "e2k/target_structs.h"

#define TARGET_SIGEVENT_SIZEOF      64
#define TARGET_ITIMERSPEC_SIZEOF    32
#define TARGET_SIGEV_SIGNAL         0
#define TARGET_SIGEV_NONE           1
#define TARGET_SIGEV_THREAD_ID      4

/* The kernel's struct sigevent, as the raw timer_create reads it. */
typedef struct HostSigevent {
    uint64_t value;
    int32_t signo;
    int32_t notify;
    int32_t tid;
    int32_t pad[11];
} HostSigevent;

static int64_t errno_or(long r)
{
    return r < 0 ? -errno : r;
}

static int64_t do_timer_create(int clock, uint64_t sev_addr, uint64_t id_addr)
{
    HostSigevent sev;
    uint8_t *idp = lock_user(id_addr, 4, PAGE_WRITE);
    int id;

    if (!idp) {
        return -EFAULT;
    }
    memset(&sev, 0, sizeof(sev));
    if (sev_addr) {
        const uint8_t *p = lock_user(sev_addr, TARGET_SIGEVENT_SIZEOF,
                                     PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        sev.value = ldq_le_p(p);
        sev.signo = (int32_t)ldl_le_p(p + 8);
        sev.notify = (int32_t)ldl_le_p(p + 12);
        sev.tid = (int32_t)ldl_le_p(p + 16);
        if (sev.notify != TARGET_SIGEV_SIGNAL &&
            sev.notify != TARGET_SIGEV_NONE &&
            sev.notify != TARGET_SIGEV_THREAD_ID) {
            return -EINVAL;
        }
    }
    if (syscall(SYS_timer_create, clock, sev_addr ? &sev : NULL, &id) < 0) {
        return -errno;
    }
    stl_le_p(idp, id);
    return 0;
}

int64_t do_time_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                        uint64_t a4, uint64_t a5, uint64_t a6)
{
    struct itimerspec nv, ov;
    struct timespec ts, rem;
    const uint8_t *p;

    switch (nr) {
    case TARGET_NR_timer_create:
        return do_timer_create((int)a1, a2, a3);
    case TARGET_NR_timer_settime:
        p = lock_user(a3, TARGET_ITIMERSPEC_SIZEOF, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        if (a4 && !lock_user(a4, TARGET_ITIMERSPEC_SIZEOF, PAGE_WRITE)) {
            return -EFAULT;
        }
        target_get_itimerspec(p, &nv);
        if (syscall(SYS_timer_settime, (int)a1, (int)a2, &nv, &ov) < 0) {
            return -errno;
        }
        return a4 ? target_put_itimerspec(a4, &ov) : 0;
    case TARGET_NR_timer_gettime:
        if (!lock_user(a2, TARGET_ITIMERSPEC_SIZEOF, PAGE_WRITE)) {
            return -EFAULT;
        }
        if (syscall(SYS_timer_gettime, (int)a1, &ov) < 0) {
            return -errno;
        }
        return target_put_itimerspec(a2, &ov);
    case TARGET_NR_timer_getoverrun:
        return errno_or(syscall(SYS_timer_getoverrun, (int)a1));
    case TARGET_NR_timer_delete:
        return errno_or(syscall(SYS_timer_delete, (int)a1));
    case TARGET_NR_clock_settime:
        p = lock_user(a2, TARGET_TIMESPEC_SIZEOF, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        ts.tv_sec = ldq_le_p(p);
        ts.tv_nsec = ldq_le_p(p + 8);
        return errno_or(clock_settime((clockid_t)a1, &ts));
    case TARGET_NR_clock_nanosleep: {
        /* (clock, flags, request, remain) */
        int r;
        p = lock_user(a3, TARGET_TIMESPEC_SIZEOF, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        ts.tv_sec = ldq_le_p(p);
        ts.tv_nsec = ldq_le_p(p + 8);
        r = -safe_syscall6(SYS_clock_nanosleep, (clockid_t)a1, (int)a2,
                           (long)&ts, (long)&rem, 0, 0);
        if (r == EINTR && a4 && !(a2 & TIMER_ABSTIME)) {
            uint8_t *o = lock_user(a4, TARGET_TIMESPEC_SIZEOF, PAGE_WRITE);
            if (!o) {
                return -EFAULT;
            }
            stq_le_p(o, rem.tv_sec);
            stq_le_p(o + 8, rem.tv_nsec);
        }
        return -r;
    }
    default:
        return -ENOSYS;
    }
}
