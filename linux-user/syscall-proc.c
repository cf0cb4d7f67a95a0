/*
 * Process attributes: credentials (set/get uid and gid in every form,
 * supplementary groups, fs ids, capabilities), scheduling (priority, the
 * sched_* calls, getcpu), prctl, personality, waitid, host and domain
 * names, chroot, unshare, setns, mount/umount, membarrier,
 * ioprio, sched_setattr/getattr, pidfd_open/pidfd_send_signal, kcmp.
 *
 * Credentials change per thread, as the kernel's calls do (the raw
 * system calls, not glibc's wrappers that change every host thread): the
 * guest's C library makes them process-wide itself.  Structures (siginfo
 * for waitid, struct rusage, sched_param, the capability header and data)
 * have the same layout on e2k and x86-64 and are written field by field.
 * prctl implements the options a C library and common programs use; any
 * other is -EINVAL with a `-d unimp' line naming it, never silently
 * accepted.  personality records the guest's persona (it decides nothing
 * in this emulator) and reports it back.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu.h"
#include "syscall-internal.h"
#include "e2k/syscall_nr.h"

#define TARGET_SIGINFO_SIZEOF   128
#define TARGET_RUSAGE_SIZEOF    144
#define TARGET_NGROUPS_MAX      65536
#define TARGET_TASK_COMM_LEN    16

static uint32_t guest_personality;      /* PER_LINUX */

static int64_t raw(long r)
{
    return r < 0 ? -errno : r;
}

static int put_u32s(uint64_t addr, const uint32_t *v, int n)
{
    uint8_t *p = lock_user(addr, 4 * n, PAGE_WRITE);

    if (!p) {
        return -EFAULT;
    }
    for (int i = 0; i < n; i++) {
        stl_le_p(p + 4 * i, v[i]);
    }
    return 0;
}

static int put_rusage(uint64_t addr, const struct rusage *ru)
{
    uint8_t *p = lock_user(addr, TARGET_RUSAGE_SIZEOF, PAGE_WRITE);
    const long *rest = &ru->ru_maxrss;

    if (!p) {
        return -EFAULT;
    }
    stq_le_p(p, ru->ru_utime.tv_sec);
    stq_le_p(p + 8, ru->ru_utime.tv_usec);
    stq_le_p(p + 16, ru->ru_stime.tv_sec);
    stq_le_p(p + 24, ru->ru_stime.tv_usec);
    /* ru_maxrss .. ru_nivcsw: 14 longs in a row in both */
    for (int i = 0; i < 14; i++) {
        stq_le_p(p + 32 + 8 * i, rest[i]);
    }
    return 0;
}

static int64_t do_waitid(int idtype, int id, uint64_t info, int options,
                         uint64_t ru_addr)
{
    siginfo_t si;
    struct rusage ru;
    uint8_t *p = NULL;
    int64_t r;

    /* As the kernel: the wait first (ECHILD before EFAULT), then the
       copies out, EFAULT for a bad one (the child is reaped all the
       same) */
    memset(&si, 0, sizeof(si));
    r = safe_syscall6(SYS_waitid, idtype, id, (long)&si, options,
                      ru_addr ? (long)&ru : 0, 0);
    if (r < 0) {
        return r;
    }
    if (info && !(p = lock_user(info, TARGET_SIGINFO_SIZEOF, PAGE_WRITE))) {
        return -EFAULT;
    }
    if (ru_addr && !lock_user(ru_addr, TARGET_RUSAGE_SIZEOF, PAGE_WRITE)) {
        return -EFAULT;
    }
    if (p) {
        memset(p, 0, TARGET_SIGINFO_SIZEOF);
        stl_le_p(p, si.si_signo);
        stl_le_p(p + 4, si.si_errno);
        stl_le_p(p + 8, si.si_code);
        if (si.si_signo) {
            stl_le_p(p + 16, si.si_pid);
            stl_le_p(p + 20, si.si_uid);
            stl_le_p(p + 24, si.si_status);
            stq_le_p(p + 32, si.si_utime);
            stq_le_p(p + 40, si.si_stime);
        }
    }
    return ru_addr ? put_rusage(ru_addr, &ru) : 0;
}

static int64_t do_prctl(int option, uint64_t a2, uint64_t a3, uint64_t a4,
                        uint64_t a5)
{
    int v = 0;
    uint8_t *p;

    switch (option) {
    case PR_SET_NAME: {
        char name[TARGET_TASK_COMM_LEN];
        int64_t len = target_strlen(a2, sizeof(name) - 1);
        if (len == -ENAMETOOLONG) {
            p = lock_user(a2, sizeof(name) - 1, PAGE_READ);
            len = sizeof(name) - 1;     /* the kernel truncates */
        } else {
            p = len < 0 ? NULL : g2h(a2);
        }
        if (!p) {
            return -EFAULT;
        }
        memcpy(name, p, len);
        name[len] = 0;
        return raw(prctl(PR_SET_NAME, name, 0, 0, 0));
    }
    case PR_GET_NAME: {
        char name[TARGET_TASK_COMM_LEN] = { 0 };
        p = lock_user(a2, sizeof(name), PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        if (prctl(PR_GET_NAME, name, 0, 0, 0) < 0) {
            return -errno;
        }
        memcpy(p, name, sizeof(name));
        return 0;
    }
    case PR_GET_PDEATHSIG:
    case PR_GET_CHILD_SUBREAPER:
        p = lock_user(a2, 4, PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        if (prctl(option, &v, 0, 0, 0) < 0) {
            return -errno;
        }
        stl_le_p(p, v);
        return 0;
    case PR_SET_PDEATHSIG:
        /* signal numbers are the same (e2k uses the generic ones) */
    case PR_SET_CHILD_SUBREAPER:
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
    case PR_GET_NO_NEW_PRIVS:
    case PR_SET_NO_NEW_PRIVS:
    case PR_GET_TIMERSLACK:
    case PR_SET_TIMERSLACK:
    case PR_CAPBSET_READ:
    case PR_GET_SECUREBITS:
        return raw(prctl(option, a2, a3, a4, a5));
    default:
        /* includes PR_SET_SECCOMP: filters of e2k system calls cannot be
           handed to the host kernel */
        qemu_log_mask(LOG_UNIMP, "Unsupported prctl option: %d\n", option);
        return -EINVAL;
    }
}

static int64_t do_groups(bool set, int n, uint64_t list)
{
    g_autofree gid_t *g = NULL;
    uint8_t *p;
    int r;

    if (n < 0 || n > TARGET_NGROUPS_MAX) {
        return -EINVAL;
    }
    g = g_new(gid_t, n ? n : 1);
    if (set) {
        p = n ? lock_user(list, 4 * (uint64_t)n, PAGE_READ) : NULL;
        if (n && !p) {
            return -EFAULT;
        }
        for (int i = 0; i < n; i++) {
            g[i] = ldl_le_p(p + 4 * i);
        }
        return raw(syscall(SYS_setgroups, n, g));
    }
    if (n && !lock_user(list, 4 * (uint64_t)n, PAGE_WRITE)) {
        return -EFAULT;
    }
    r = syscall(SYS_getgroups, n, g);
    if (r < 0) {
        return -errno;
    }
    if (n) {
        p = g2h(list);
        for (int i = 0; i < r; i++) {
            stl_le_p(p + 4 * i, g[i]);
        }
    }
    return r;
}

static int64_t do_capget_set(bool set, uint64_t hdr, uint64_t data)
{
    uint8_t *h = lock_user(hdr, 8, PAGE_READ | PAGE_WRITE);
    uint32_t ver, d[6];
    int n;
    struct {
        uint32_t version;
        int pid;
    } hh;
    uint8_t *dp;

    if (!h) {
        return -EFAULT;
    }
    hh.version = ver = ldl_le_p(h);
    hh.pid = (int32_t)ldl_le_p(h + 4);
    n = ver == 0x19980330 ? 1 : 2;      /* _LINUX_CAPABILITY_VERSION_1 */
    if (!data) {
        int r = syscall(SYS_capget, &hh, NULL);
        stl_le_p(h, hh.version);
        return raw(r);
    }
    dp = lock_user(data, 12 * n, set ? PAGE_READ : PAGE_WRITE);
    if (!dp) {
        return -EFAULT;
    }
    if (set) {
        for (int i = 0; i < 3 * n; i++) {
            d[i] = ldl_le_p(dp + 4 * i);
        }
        return raw(syscall(SYS_capset, &hh, d));
    }
    if (syscall(SYS_capget, &hh, d) < 0) {
        stl_le_p(h, hh.version);
        return -errno;
    }
    return put_u32s(data, d, 3 * n);
}

int64_t do_proc_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                        uint64_t a4, uint64_t a5, uint64_t a6)
{
    char path[PATH_MAX], full[PATH_MAX];
    uid_t r, e, s;
    gid_t gr, ge, gs;
    int ret;

    switch (nr) {
    case TARGET_NR_setuid:
        return raw(syscall(SYS_setuid, (uid_t)a1));
    case TARGET_NR_setgid:
        return raw(syscall(SYS_setgid, (gid_t)a1));
    case TARGET_NR_setreuid:
        return raw(syscall(SYS_setreuid, (uid_t)a1, (uid_t)a2));
    case TARGET_NR_setregid:
        return raw(syscall(SYS_setregid, (gid_t)a1, (gid_t)a2));
    case TARGET_NR_setresuid:
        return raw(syscall(SYS_setresuid, (uid_t)a1, (uid_t)a2, (uid_t)a3));
    case TARGET_NR_setresgid:
        return raw(syscall(SYS_setresgid, (gid_t)a1, (gid_t)a2, (gid_t)a3));
    case TARGET_NR_getresuid:
        if (getresuid(&r, &e, &s) < 0) {
            return -errno;
        }
        if ((ret = put_u32s(a1, &r, 1)) < 0 ||
            (ret = put_u32s(a2, &e, 1)) < 0) {
            return ret;
        }
        return put_u32s(a3, &s, 1);
    case TARGET_NR_getresgid:
        if (getresgid(&gr, &ge, &gs) < 0) {
            return -errno;
        }
        if ((ret = put_u32s(a1, &gr, 1)) < 0 ||
            (ret = put_u32s(a2, &ge, 1)) < 0) {
            return ret;
        }
        return put_u32s(a3, &gs, 1);
    case TARGET_NR_setfsuid:
        return syscall(SYS_setfsuid, (uid_t)a1);
    case TARGET_NR_setfsgid:
        return syscall(SYS_setfsgid, (gid_t)a1);
    case TARGET_NR_getgroups:
    case TARGET_NR_setgroups:
        return do_groups(nr == TARGET_NR_setgroups, (int)a1, a2);
    case TARGET_NR_capget:
    case TARGET_NR_capset:
        return do_capget_set(nr == TARGET_NR_capset, a1, a2);

    case TARGET_NR_getpriority:
        /* the kernel's 40..1 (20 - nice): the guest's C library maps it */
        return raw(syscall(SYS_getpriority, (int)a1, (id_t)a2));
    case TARGET_NR_setpriority:
        return raw(syscall(SYS_setpriority, (int)a1, (id_t)a2, (int)a3));
    case TARGET_NR_sched_getscheduler:
        return raw(sched_getscheduler((pid_t)a1));
    case TARGET_NR_sched_setscheduler:
    case TARGET_NR_sched_setparam: {
        struct sched_param sp;
        const uint8_t *p = lock_user(nr == TARGET_NR_sched_setparam ? a2 : a3,
                                     4, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        sp.sched_priority = (int32_t)ldl_le_p(p);
        return raw(nr == TARGET_NR_sched_setparam ?
                   sched_setparam((pid_t)a1, &sp) :
                   syscall(SYS_sched_setscheduler, (pid_t)a1, (int)a2, &sp));
    }
    case TARGET_NR_sched_getparam: {
        struct sched_param sp;
        uint8_t *p = lock_user(a2, 4, PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        if (sched_getparam((pid_t)a1, &sp) < 0) {
            return -errno;
        }
        stl_le_p(p, sp.sched_priority);
        return 0;
    }
    case TARGET_NR_sched_get_priority_max:
        return raw(sched_get_priority_max((int)a1));
    case TARGET_NR_sched_get_priority_min:
        return raw(sched_get_priority_min((int)a1));
    case TARGET_NR_sched_rr_get_interval: {
        struct timespec ts;
        uint8_t *p = lock_user(a2, 16, PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        if (sched_rr_get_interval((pid_t)a1, &ts) < 0) {
            return -errno;
        }
        stq_le_p(p, ts.tv_sec);
        stq_le_p(p + 8, ts.tv_nsec);
        return 0;
    }
    case TARGET_NR_sched_setaffinity: {
        uint8_t *p;
        if (a2 > 8192) {
            a2 = 8192;
        }
        p = lock_user(a3, a2, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        return raw(syscall(SYS_sched_setaffinity, (pid_t)a1, a2, p));
    }
    case TARGET_NR_getcpu: {
        unsigned cpu, node;
        if (syscall(SYS_getcpu, &cpu, &node, NULL) < 0) {
            return -errno;
        }
        if (a1 && (ret = put_u32s(a1, &cpu, 1)) < 0) {
            return ret;
        }
        return a2 ? put_u32s(a2, &node, 1) : 0;
    }

    case TARGET_NR_prctl:
        return do_prctl((int)a1, a2, a3, a4, a5);
    case TARGET_NR_personality: {
        uint32_t old = guest_personality;
        if ((uint32_t)a1 != 0xffffffff) {
            guest_personality = (uint32_t)a1;
        }
        return old;
    }
    case TARGET_NR_waitid:
        return do_waitid((int)a1, (int)a2, a3, (int)a4, a5);
    case TARGET_NR_sethostname:
    case TARGET_NR_setdomainname: {
        uint8_t *p;
        if (a2 > 64) {
            return -EINVAL;
        }
        p = lock_user(a1, a2, PAGE_READ);
        if (!p && a2) {
            return -EFAULT;
        }
        return raw(nr == TARGET_NR_sethostname ?
                   sethostname((char *)p, a2) : setdomainname((char *)p, a2));
    }
    case TARGET_NR_unshare:
        return raw(unshare((int)a1));
    case TARGET_NR_membarrier:
        /* guest threads are host threads: the host's barrier is theirs */
        return raw(syscall(SYS_membarrier, (int)a1, (unsigned)a2,
                           (int)a3));
    case TARGET_NR_ioprio_get:
        return raw(syscall(SYS_ioprio_get, (int)a1, (int)a2));
    case TARGET_NR_ioprio_set:
        return raw(syscall(SYS_ioprio_set, (int)a1, (int)a2, (int)a3));
    case TARGET_NR_sched_getattr:
    case TARGET_NR_sched_setattr: {
        /* struct sched_attr: its own size first (u32), then u32 policy,
           u64 flags, s32 nice, u32 priority, u64 runtime/deadline/period,
           u32 util_min/max: the same everywhere, sized by the caller */
        uint64_t size = nr == TARGET_NR_sched_getattr ? a3 : 0;
        uint8_t *p;
        if (nr == TARGET_NR_sched_setattr) {
            p = lock_user(a2, 4, PAGE_READ);
            if (!p) {
                return -EFAULT;
            }
            size = ldl_le_p(p);
            if (size == 0) {
                size = 48;      /* SCHED_ATTR_SIZE_VER0 */
            }
        }
        if (size < 48 || size > 4096) {
            return -EINVAL;
        }
        p = lock_user(a2, size, nr == TARGET_NR_sched_getattr ? PAGE_WRITE
                                                              : PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        return nr == TARGET_NR_sched_getattr
               ? raw(syscall(SYS_sched_getattr, (pid_t)a1, p, (unsigned)a3,
                             (unsigned)a4))
               : raw(syscall(SYS_sched_setattr, (pid_t)a1, p, (unsigned)a3));
    }
    case TARGET_NR_pidfd_open:
        return raw(syscall(SYS_pidfd_open, (pid_t)a1, (unsigned)a2));
    case TARGET_NR_pidfd_send_signal: {
        /* the signal numbers and siginfo layout are the host's */
        uint8_t *info = NULL;
        if (a3 && !(info = lock_user(a3, 128, PAGE_READ))) {
            return -EFAULT;
        }
        return raw(syscall(SYS_pidfd_send_signal, (int)a1, (int)a2, info,
                           (unsigned)a4));
    }
    case TARGET_NR_kcmp:
        return raw(syscall(SYS_kcmp, (pid_t)a1, (pid_t)a2, (int)a3,
                           (unsigned long)a4, (unsigned long)a5));
    case TARGET_NR_mount: {
        char src[PATH_MAX], dst[PATH_MAX], fst[256], fsrc[PATH_MAX];
        const char *hs = NULL, *hd;
        char *data = NULL;
        if (a1) {
            ret = target_get_path(a1, src, sizeof(src));
            if (ret < 0) {
                return ret;
            }
            hs = path_with_prefix(src, fsrc, sizeof(fsrc));
        }
        ret = target_get_path(a2, dst, sizeof(dst));
        if (ret < 0) {
            return ret;
        }
        hd = path_with_prefix(dst, full, sizeof(full));
        fst[0] = 0;
        if (a3 && (ret = target_get_path(a3, fst, sizeof(fst))) < 0) {
            return ret;
        }
        if (a5 && !(data = lock_user(a5, 1, PAGE_READ))) {
            return -EFAULT;
        }
        if (data && target_strlen(a5, 4095) < 0) {
            return -EFAULT;
        }
        return raw(mount(hs, hd, a3 ? fst : NULL, a4, data));
    }
    case TARGET_NR_umount:
    case TARGET_NR_umount2:
        ret = target_get_path(a1, path, sizeof(path));
        if (ret < 0) {
            return ret;
        }
        return raw(umount2(path_with_prefix(path, full, sizeof(full)),
                           nr == TARGET_NR_umount2 ? (int)a2 : 0));
    case TARGET_NR_setns:
        return raw(setns((int)a1, (int)a2));
    case TARGET_NR_chroot:
        ret = target_get_path(a1, path, sizeof(path));
        if (ret < 0) {
            return ret;
        }
        return raw(chroot(path_with_prefix(path, full, sizeof(full))));
    default:
        return -ENOSYS;
    }
}
