/*
 * The older and the administrative calls of e2k's 64-bit table that
 * QEMU's linux-user implements too, each the kernel's 64-bit semantics:
 *
 * - the 32-bit-id names 198..216 (lchown32 ... setfsgid32), which a
 *   64-bit kernel maps to the plain calls (target_syscall_alias);
 * - waitpid (wait4 without rusage), nice (the kernel's: 0, not the new
 *   value), stime, settimeofday, adjtimex, clock_adjtime (struct timex
 *   is the LP64 asm-generic one on both sides, 208 bytes);
 * - the old-sigset calls: sgetmask, ssetmask, sigpending, sigprocmask
 *   (old_sigset_t is an unsigned long: 8 bytes);
 * - _llseek (the offset is high << 32 | low, the result stored as a
 *   64-bit word), mmap2 (the offset in 4096-byte units);
 * - rt_tgsigqueueinfo; name_to_handle_at/open_by_handle_at (struct
 *   file_handle: u32 handle_bytes, int handle_type, then the bytes);
 * - acct, swapon, swapoff, pivot_root (paths under -L), reboot (the
 *   RESTART2 command string), syslog, vhangup: passed to the host, whose
 *   permission checks apply (qemu-e2k has the guest's credentials).
 *
 * preadv2/pwritev2 (syscall-file.c) and ipc (syscall-ipc.c) are routed
 * from here too.  What stays -ENOSYS, and why, is listed in
 * docs/user/qemu-e2k.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu.h"
#include "syscall-internal.h"
#include "e2k/syscall_nr.h"
#include "e2k/target_structs.h"

#define TARGET_TIMEX_SIZEOF         208
#define TARGET_FILE_HANDLE_HDR      8
#define TARGET_MAX_HANDLE_SZ        128     /* the kernel's MAX_HANDLE_SZ */
#define TARGET_LINUX_REBOOT_CMD_RESTART2 0xA1B2C3D4u

G_STATIC_ASSERT(TARGET_NR_setfsgid32 - TARGET_NR_lchown32 == 18);

int target_syscall_alias(int nr)
{
    switch (nr) {
    case TARGET_NR_lchown32:    return TARGET_NR_lchown;
    case TARGET_NR_getuid32:    return TARGET_NR_getuid;
    case TARGET_NR_getgid32:    return TARGET_NR_getgid;
    case TARGET_NR_geteuid32:   return TARGET_NR_geteuid;
    case TARGET_NR_getegid32:   return TARGET_NR_getegid;
    case TARGET_NR_setreuid32:  return TARGET_NR_setreuid;
    case TARGET_NR_setregid32:  return TARGET_NR_setregid;
    case TARGET_NR_fchown32:    return TARGET_NR_fchown;
    case TARGET_NR_setresuid32: return TARGET_NR_setresuid;
    case TARGET_NR_getresuid32: return TARGET_NR_getresuid;
    case TARGET_NR_setresgid32: return TARGET_NR_setresgid;
    case TARGET_NR_getresgid32: return TARGET_NR_getresgid;
    case TARGET_NR_chown32:     return TARGET_NR_chown;
    case TARGET_NR_setuid32:    return TARGET_NR_setuid;
    case TARGET_NR_setgid32:    return TARGET_NR_setgid;
    case TARGET_NR_setfsuid32:  return TARGET_NR_setfsuid;
    case TARGET_NR_setfsgid32:  return TARGET_NR_setfsgid;
    default:                    return nr;
    }
}

static int64_t errno_or(long r)
{
    return r < 0 ? -errno : r;
}

/* A guest path (NULL allowed when @null_ok) under -L into @full. */
static int get_prefixed_path(uint64_t addr, bool null_ok, char *buf,
                             char *full, const char **out)
{
    int r;

    if (!addr && null_ok) {
        *out = NULL;
        return 0;
    }
    r = target_get_path(addr, buf, PATH_MAX);
    if (r < 0) {
        return r;
    }
    *out = path_with_prefix(buf, full, PATH_MAX);
    return 0;
}

static int64_t do_nice(int inc)
{
    int cur, want;

    errno = 0;
    cur = getpriority(PRIO_PROCESS, 0);
    if (cur == -1 && errno) {
        return -errno;
    }
    inc = MAX(MIN(inc, 40), -40);
    want = MAX(MIN(cur + inc, 19), -20);
    if (setpriority(PRIO_PROCESS, 0, want) < 0) {
        /* the kernel's nice says EPERM where setpriority says EACCES */
        return errno == EACCES ? -EPERM : -errno;
    }
    return 0;
}

/* The old-sigset calls: @how as rt_sigprocmask's. */
static int64_t do_old_sigmask(int nr, uint64_t a1, uint64_t a2, uint64_t a3)
{
    uint64_t set, old;
    uint8_t *p;
    int r;

    switch (nr) {
    case TARGET_NR_sgetmask:
        do_rt_sigprocmask(0, NULL, &old);
        return old;
    case TARGET_NR_ssetmask:
        /* (int newmask): sign-extended, as the kernel's argument */
        set = (uint64_t)(int64_t)(int32_t)a1;
        do_rt_sigprocmask(2, &set, &old);
        return old;
    case TARGET_NR_sigpending:
        p = lock_user(a1, 8, PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        do_rt_sigprocmask(0, NULL, &old);
        stq_le_p(p, signal_pending_set() & old);
        return 0;
    default:    /* sigprocmask(how, set, oldset) */
        if (a2) {
            const uint8_t *s = lock_user(a2, 8, PAGE_READ);
            if (!s) {
                return -EFAULT;
            }
            set = ldq_le_p(s);
        }
        p = NULL;
        if (a3 && !(p = lock_user(a3, 8, PAGE_WRITE))) {
            return -EFAULT;
        }
        r = do_rt_sigprocmask((int)a1, a2 ? &set : NULL, &old);
        if (r == 0 && p) {
            stq_le_p(p, old);
        }
        return r;
    }
}

static int64_t do_llseek(int fd, uint64_t hi, uint64_t lo, uint64_t result,
                         unsigned whence)
{
    off_t off;
    uint8_t *p;

    if (whence > SEEK_HOLE) {
        return -EINVAL;
    }
    off = lseek(fd, (off_t)(hi << 32 | lo), (int)whence);
    if (off < 0) {
        return -errno;
    }
    p = lock_user(result, 8, PAGE_WRITE);
    if (!p) {
        return -EFAULT;
    }
    stq_le_p(p, off);
    return 0;
}

static int64_t do_rt_tgsigqueueinfo(pid_t tgid, pid_t tid, int sig,
                                    uint64_t uinfo)
{
    const uint8_t *p = lock_user(uinfo, TARGET_SIGINFO_SIZE, PAGE_READ);
    TargetSiginfo info;
    siginfo_t hi;

    if (!p) {
        return -EFAULT;
    }
    if (sig < 1 || sig > TARGET_NSIG || tgid <= 0 || tid <= 0) {
        return -EINVAL;
    }
    if (!signal_host_routed(sig) && tgid == getpid()) {
        memcpy(info.b, p, TARGET_SIGINFO_SIZE);
        stl_le_p(info.b, sig);
        return signal_send_thread(tid, &info);
    }
    /* The host applies the kernel's rule (another process may not be
       sent a kernel or tgkill code) to the same pids. */
    G_STATIC_ASSERT(sizeof(hi) == TARGET_SIGINFO_SIZE);
    memcpy(&hi, p, sizeof(hi));
    hi.si_signo = sig;
    if (syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, &hi) < 0) {
        return -errno;
    }
    signal_apply_defaults();
    return 0;
}

static int64_t do_handle_at(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                            uint64_t a4, uint64_t a5)
{
    char path[PATH_MAX], full[PATH_MAX];
    const char *hp;
    uint8_t *h;
    void *mount_id;
    uint32_t bytes;
    int r;

    if (nr == TARGET_NR_open_by_handle_at) {
        /* (mount_fd, handle, flags) */
        h = lock_user(a2, TARGET_FILE_HANDLE_HDR, PAGE_READ);
        if (!h) {
            return -EFAULT;
        }
        bytes = ldl_le_p(h);
        if (bytes > TARGET_MAX_HANDLE_SZ) {
            return -EINVAL;
        }
        h = lock_user(a2, TARGET_FILE_HANDLE_HDR + bytes, PAGE_READ);
        if (!h) {
            return -EFAULT;
        }
        return errno_or(syscall(SYS_open_by_handle_at, (int)a1, h,
                                (int)a3 & TARGET_O_VALID_MASK));
    }
    /* name_to_handle_at(dirfd, path, handle, mount_id, flags) */
    r = get_prefixed_path(a2, false, path, full, &hp);
    if (r < 0) {
        return r;
    }
    h = lock_user(a3, TARGET_FILE_HANDLE_HDR, PAGE_READ | PAGE_WRITE);
    if (!h) {
        return -EFAULT;
    }
    bytes = ldl_le_p(h);
    if (bytes > TARGET_MAX_HANDLE_SZ) {
        return -EINVAL;
    }
    h = lock_user(a3, TARGET_FILE_HANDLE_HDR + bytes, PAGE_READ | PAGE_WRITE);
    mount_id = lock_user(a4, 4, PAGE_WRITE);
    if (!h || !mount_id) {
        return -EFAULT;
    }
    return errno_or(syscall(SYS_name_to_handle_at, (int)a1, hp, h, mount_id,
                            (int)a5));
}

static int64_t do_admin(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                        uint64_t a4)
{
    char b1[PATH_MAX], f1[PATH_MAX], b2[PATH_MAX], f2[PATH_MAX];
    const char *p1, *p2;
    void *p;
    int r;

    switch (nr) {
    case TARGET_NR_acct:
        r = get_prefixed_path(a1, true, b1, f1, &p1);
        return r < 0 ? r : errno_or(syscall(SYS_acct, p1));
    case TARGET_NR_swapon:
    case TARGET_NR_swapoff:
        r = get_prefixed_path(a1, false, b1, f1, &p1);
        if (r < 0) {
            return r;
        }
        return nr == TARGET_NR_swapon
               ? errno_or(syscall(SYS_swapon, p1, (int)a2))
               : errno_or(syscall(SYS_swapoff, p1));
    case TARGET_NR_pivot_root:
        if ((r = get_prefixed_path(a1, false, b1, f1, &p1)) < 0 ||
            (r = get_prefixed_path(a2, false, b2, f2, &p2)) < 0) {
            return r;
        }
        return errno_or(syscall(SYS_pivot_root, p1, p2));
    case TARGET_NR_reboot:
        p = NULL;
        if ((uint32_t)a3 == TARGET_LINUX_REBOOT_CMD_RESTART2) {
            r = target_get_path(a4, b1, sizeof(b1));
            if (r < 0) {
                return r;
            }
            p = b1;
        }
        return errno_or(syscall(SYS_reboot, (int)a1, (int)a2, (uint32_t)a3,
                                p));
    case TARGET_NR_syslog:
        /* READ, READ_ALL, READ_CLEAR fill @a2 with up to @a3 bytes */
        p = NULL;
        if (((int)a1 == 2 || (int)a1 == 3 || (int)a1 == 4) && (int)a3 > 0) {
            p = lock_user(a2, (uint32_t)a3, PAGE_WRITE);
            if (!p) {
                return -EFAULT;
            }
        }
        return errno_or(syscall(SYS_syslog, (int)a1, p, (int)a3));
    default:    /* vhangup */
        return errno_or(syscall(SYS_vhangup));
    }
}

static int64_t do_time_set(int nr, uint64_t a1, uint64_t a2)
{
    uint8_t *p;
    void *tz = NULL;

    switch (nr) {
    case TARGET_NR_stime: {
        struct timespec ts = { 0, 0 };

        p = lock_user(a1, 8, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        ts.tv_sec = (int64_t)ldq_le_p(p);
        return errno_or(clock_settime(CLOCK_REALTIME, &ts));
    }
    case TARGET_NR_settimeofday:
        /* struct timeval (16 bytes) and struct timezone (8): the host's */
        p = a1 ? lock_user(a1, 16, PAGE_READ) : NULL;
        if (a2 && !(tz = lock_user(a2, 8, PAGE_READ))) {
            return -EFAULT;
        }
        if (a1 && !p) {
            return -EFAULT;
        }
        return errno_or(syscall(SYS_settimeofday, p, tz));
    case TARGET_NR_adjtimex:
        p = lock_user(a1, TARGET_TIMEX_SIZEOF, PAGE_READ | PAGE_WRITE);
        return p ? errno_or(syscall(SYS_adjtimex, p)) : -EFAULT;
    default:    /* clock_adjtime(clock, timex) */
        p = lock_user(a2, TARGET_TIMEX_SIZEOF, PAGE_READ | PAGE_WRITE);
        return p ? errno_or(syscall(SYS_clock_adjtime, (int)a1, p)) : -EFAULT;
    }
}

bool do_compat_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                       uint64_t a4, uint64_t a5, uint64_t a6, int64_t *ret)
{
    switch (nr) {
    case TARGET_NR_waitpid:
        *ret = do_wait4((int32_t)a1, a2, (int)a3, 0);
        break;
    case TARGET_NR_nice:
        *ret = do_nice((int)a1);
        break;
    case TARGET_NR_stime:
    case TARGET_NR_settimeofday:
    case TARGET_NR_adjtimex:
    case TARGET_NR_clock_adjtime:
        *ret = do_time_set(nr, a1, a2);
        break;
    case TARGET_NR_sgetmask:
    case TARGET_NR_ssetmask:
    case TARGET_NR_sigpending:
    case TARGET_NR_sigprocmask:
        *ret = do_old_sigmask(nr, a1, a2, a3);
        break;
    case TARGET_NR__llseek:
        *ret = do_llseek((int)a1, a2, a3, a4, (unsigned)a5);
        break;
    case TARGET_NR_mmap2:
        if (a6 > (UINT64_MAX >> 12)) {
            *ret = -EINVAL;
        } else {
            *ret = target_mmap(a1, a2, (int)a3, (int)a4, (int)a5,
                               (int64_t)(a6 << 12));
        }
        break;
    case TARGET_NR_rt_tgsigqueueinfo:
        *ret = do_rt_tgsigqueueinfo((pid_t)a1, (pid_t)a2, (int)a3, a4);
        break;
    case TARGET_NR_name_to_handle_at:
    case TARGET_NR_open_by_handle_at:
        *ret = do_handle_at(nr, a1, a2, a3, a4, a5);
        break;
    case TARGET_NR_acct:
    case TARGET_NR_swapon:
    case TARGET_NR_swapoff:
    case TARGET_NR_pivot_root:
    case TARGET_NR_reboot:
    case TARGET_NR_syslog:
    case TARGET_NR_vhangup:
        *ret = do_admin(nr, a1, a2, a3, a4);
        break;
    case TARGET_NR_preadv2:
    case TARGET_NR_pwritev2:
        *ret = do_file_syscall(nr, a1, a2, a3, a4, a5, a6);
        break;
    case TARGET_NR_ipc:
        *ret = do_ipc_syscall(nr, a1, a2, a3, a4, a5, a6);
        break;
    default:
        return false;
    }
    return true;
}
