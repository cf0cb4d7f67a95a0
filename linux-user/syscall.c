/*
 * Guest system call dispatch: do_syscall() decodes the e2k system call
 * number and arguments, checks every guest pointer against the page
 * flags before use, calls the host and converts results to the guest's
 * layouts (linux-user/e2k/target_structs.h).  File-descriptor calls live
 * in syscall-fs.c; memory management in mmap.c; signal bookkeeping in
 * signal.c; -strace printing in strace.c.
 *
 * Results follow the kernel convention: a value, or -errno.  The e2k ABI
 * uses the generic errno numbers, identical to the x86-64 host's, so host
 * errnos pass through unchanged.  Unknown numbers return -ENOSYS.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <signal.h>
#include <inttypes.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu.h"
#include "target/e2k/cpu.h"
#include "syscall-internal.h"
#include "e2k/syscall_nr.h"
#include "e2k/target_structs.h"

const char *qemu_uname_release;

const char *target_syscall_name(int nr)
{
    switch (nr) {
#define E2K_SYSCALL(n, name) case n: return #name;
#include "e2k/syscall-table.h"
#undef E2K_SYSCALL
    default:
        return NULL;
    }
}

static int64_t do_uname(uint64_t addr)
{
    struct utsname u;
    uint8_t *p = lock_user(addr, TARGET_UTSNAME_SIZEOF, PAGE_WRITE);
    const char *fields[6];

    if (!p) {
        return -EFAULT;
    }
    if (uname(&u) < 0) {
        return -errno;
    }
    fields[0] = u.sysname;
    fields[1] = u.nodename;
    fields[2] = qemu_uname_release ? qemu_uname_release : u.release;
    fields[3] = u.version;
    fields[4] = TARGET_UNAME_MACHINE;
#ifdef _GNU_SOURCE
    fields[5] = u.domainname;
#else
    fields[5] = "";
#endif
    memset(p, 0, TARGET_UTSNAME_SIZEOF);
    for (int i = 0; i < 6; i++) {
        strncpy((char *)p + i * TARGET_UTSNAME_FIELD, fields[i],
                TARGET_UTSNAME_FIELD - 1);
    }
    return 0;
}

static bool get_timespec(uint64_t addr, struct timespec *ts)
{
    const uint8_t *p = lock_user(addr, TARGET_TIMESPEC_SIZEOF, PAGE_READ);

    if (!p) {
        return false;
    }
    ts->tv_sec = (int64_t)ldq_le_p(p);
    ts->tv_nsec = (int64_t)ldq_le_p(p + 8);
    return true;
}

static bool put_pair(uint64_t addr, int64_t a, int64_t b)
{
    uint8_t *p = lock_user(addr, 16, PAGE_WRITE);

    if (!p) {
        return false;
    }
    stq_le_p(p, a);
    stq_le_p(p + 8, b);
    return true;
}

static int64_t do_clock_gettime(int64_t clk, uint64_t addr, bool res)
{
    struct timespec ts;

    if (res ? clock_getres(clk, &ts) : clock_gettime(clk, &ts)) {
        return -errno;
    }
    if ((res && addr == 0)) {
        return 0;
    }
    return put_pair(addr, ts.tv_sec, ts.tv_nsec) ? 0 : -EFAULT;
}

static int64_t do_gettimeofday(uint64_t tv_addr, uint64_t tz_addr)
{
    struct timeval tv;

    gettimeofday(&tv, NULL);
    if (tv_addr && !put_pair(tv_addr, tv.tv_sec, tv.tv_usec)) {
        return -EFAULT;
    }
    if (tz_addr) {
        uint8_t *p = lock_user(tz_addr, TARGET_TIMEZONE_SIZEOF, PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        memset(p, 0, TARGET_TIMEZONE_SIZEOF);
    }
    return 0;
}

static int64_t do_nanosleep(uint64_t req_addr, uint64_t rem_addr)
{
    struct timespec req, rem;
    int64_t r;

    if (!get_timespec(req_addr, &req)) {
        return -EFAULT;
    }
    if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000) {
        return -EINVAL;
    }
    /* rem is only written when the host call was interrupted */
    rem = req;
    r = safe_syscall6(SYS_nanosleep, (long)&req, (long)&rem, 0, 0, 0, 0);
    if (r == -EINTR && rem_addr &&
        !put_pair(rem_addr, rem.tv_sec, rem.tv_nsec)) {
        return -EFAULT;
    }
    return r;
}

static int64_t do_sigaction(int sig, uint64_t act_addr, uint64_t oact_addr,
                            uint64_t setsize)
{
    TargetSigaction act, oact;
    int ret;

    if (setsize != TARGET_SIGSET_SIZE) {
        return -EINVAL;
    }
    if (act_addr) {
        const uint8_t *p = lock_user(act_addr, TARGET_SIGACTION_SIZEOF,
                                     PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        act.handler = ldq_le_p(p + TARGET_SIGACTION_HANDLER);
        act.flags = ldq_le_p(p + TARGET_SIGACTION_FLAGS);
        act.restorer = ldq_le_p(p + TARGET_SIGACTION_RESTORER);
        act.mask = ldq_le_p(p + TARGET_SIGACTION_MASK);
    }
    if (oact_addr && !page_check_range(oact_addr, TARGET_SIGACTION_SIZEOF,
                                       PAGE_WRITE)) {
        return -EFAULT;
    }
    ret = do_rt_sigaction(sig, act_addr ? &act : NULL,
                          oact_addr ? &oact : NULL);
    if (ret == 0 && oact_addr) {
        uint8_t *p = lock_user(oact_addr, TARGET_SIGACTION_SIZEOF,
                               PAGE_WRITE);
        stq_le_p(p + TARGET_SIGACTION_HANDLER, oact.handler);
        stq_le_p(p + TARGET_SIGACTION_FLAGS, oact.flags);
        stq_le_p(p + TARGET_SIGACTION_RESTORER, oact.restorer);
        stq_le_p(p + TARGET_SIGACTION_MASK, oact.mask);
    }
    return ret;
}

static int64_t do_sigprocmask(int how, uint64_t set_addr, uint64_t old_addr,
                              uint64_t setsize)
{
    uint64_t set, old;
    int ret;

    if (setsize != TARGET_SIGSET_SIZE) {
        return -EINVAL;
    }
    if (set_addr) {
        const uint8_t *p = lock_user(set_addr, 8, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        set = ldq_le_p(p);
    }
    if (old_addr && !page_check_range(old_addr, 8, PAGE_WRITE)) {
        return -EFAULT;
    }
    ret = do_rt_sigprocmask(how, set_addr ? &set : NULL, &old);
    if (ret == 0 && old_addr) {
        stq_le_p(lock_user(old_addr, 8, PAGE_WRITE), old);
    }
    return ret;
}

/* kill/tkill/tgkill: the host routes and delivers them (guest signal N is
   host signal N, and the masks are the same), also to ourselves; the two
   signals the host's C library keeps are queued by us (signal.c). */
static int64_t do_kill(CPUE2KState *env, int nr, int64_t a, int64_t b,
                       int64_t c)
{
    pid_t self = getpid(), tid = syscall(SYS_gettid);
    int sig;
    bool to_self;
    long r;

    switch (nr) {
    case TARGET_NR_kill:
        sig = (int)b;
        to_self = a == self || a == 0;
        break;
    case TARGET_NR_tkill:
        sig = (int)b;
        to_self = a == tid;
        break;
    default:                    /* tgkill */
        sig = (int)c;
        to_self = a == self && b == tid;
        break;
    }
    if (sig < 0 || sig > TARGET_NSIG) {
        return -EINVAL;
    }
    if (sig != 0 && !signal_host_routed(sig) &&
        (to_self || (nr == TARGET_NR_tgkill && a == self) ||
         nr == TARGET_NR_tkill)) {
        TargetSiginfo info;

        memset(&info, 0, sizeof(info));
        stl_le_p(info.b, sig);
        stl_le_p(info.b + 8, nr == TARGET_NR_kill ? TARGET_SI_USER
                                                  : TARGET_SI_TKILL);
        stl_le_p(info.b + 16, self);
        stl_le_p(info.b + 20, getuid());
        return nr == TARGET_NR_kill ? signal_send_self(&info)
                                    : signal_send_thread(nr == TARGET_NR_tkill
                                                         ? a : b, &info);
    }
    r = nr == TARGET_NR_kill ? kill((pid_t)a, sig) :
        nr == TARGET_NR_tkill ? syscall(SYS_tkill, (pid_t)a, sig) :
        syscall(SYS_tgkill, (pid_t)a, (pid_t)b, sig);
    if (r < 0) {
        return -errno;
    }
    signal_apply_defaults();
    return 0;
}

/* rt_sigpending, rt_sigsuspend, rt_sigtimedwait, rt_sigqueueinfo. */
static int64_t do_sigwait_calls(int nr, uint64_t a1, uint64_t a2,
                                uint64_t a3, uint64_t a4)
{
    TargetSiginfo info;
    uint8_t *p;

    switch (nr) {
    case TARGET_NR_rt_sigpending:
        if (a2 != TARGET_SIGSET_SIZE) {
            return -EINVAL;
        }
        p = lock_user(a1, 8, PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        stq_le_p(p, signal_pending_set());
        return 0;
    case TARGET_NR_rt_sigsuspend:
        if (a2 != TARGET_SIGSET_SIZE) {
            return -EINVAL;
        }
        p = lock_user(a1, 8, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        return signal_suspend(ldq_le_p(p));
    case TARGET_NR_rt_sigtimedwait: {
        struct timespec ts;
        int64_t timeout = -1, ret;
        uint64_t set;

        if (a4 != TARGET_SIGSET_SIZE) {
            return -EINVAL;
        }
        p = lock_user(a1, 8, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        set = ldq_le_p(p);
        if (a3) {
            if (!get_timespec(a3, &ts)) {
                return -EFAULT;
            }
            if (ts.tv_sec < 0 || ts.tv_nsec < 0 ||
                ts.tv_nsec >= 1000000000) {
                return -EINVAL;
            }
            timeout = ts.tv_sec > INT64_MAX / 1000000000 - 1 ? INT64_MAX :
                      ts.tv_sec * 1000000000 + ts.tv_nsec;
        }
        if (a2 && !page_check_range(a2, TARGET_SIGINFO_SIZE, PAGE_WRITE)) {
            return -EFAULT;
        }
        ret = signal_timedwait(set, &info, timeout);
        if (ret > 0 && a2) {
            memcpy(lock_user(a2, TARGET_SIGINFO_SIZE, PAGE_WRITE), info.b,
                   TARGET_SIGINFO_SIZE);
        }
        return ret;
    }
    default: {                  /* rt_sigqueueinfo(pid, sig, info) */
        int sig = (int)a2;

        p = lock_user(a3, TARGET_SIGINFO_SIZE, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        if (sig < 1 || sig > TARGET_NSIG) {
            return -EINVAL;
        }
        if ((pid_t)a1 != getpid() || signal_host_routed(sig)) {
            /* Like the kernel: to another process, one may not pretend
               to be the kernel or kill(). */
            if ((pid_t)a1 != getpid() &&
                ((int32_t)ldl_le_p(p + 8) >= 0 ||
                 (int32_t)ldl_le_p(p + 8) == TARGET_SI_TKILL)) {
                return -EPERM;
            }
            siginfo_t hi;

            memcpy(&hi, p, sizeof(hi));
            hi.si_signo = sig;
            if (syscall(SYS_rt_sigqueueinfo, (pid_t)a1, sig, &hi) < 0) {
                return -errno;
            }
            signal_apply_defaults();
            return 0;
        }
        memcpy(info.b, p, TARGET_SIGINFO_SIZE);
        stl_le_p(info.b, sig);
        return signal_send_self(&info);
    }
    }
}

/* sigaltstack(ss, old_ss): stack_t is ss_sp 0, ss_flags 8, ss_size 16. */
static int64_t do_sigaltstack(CPUE2KState *env, uint64_t ss_addr,
                              uint64_t old_addr)
{
    uint64_t sp = env->usd_lo & CTPR_BASE_MASK;
    uint64_t ss_sp, ss_size, old_sp, old_size;
    int ss_flags, old_flags, ret;
    uint8_t *p;

    if (ss_addr) {
        p = lock_user(ss_addr, 24, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        ss_sp = ldq_le_p(p);
        ss_flags = (int)ldl_le_p(p + 8);
        ss_size = ldq_le_p(p + 16);
    }
    if (old_addr && !page_check_range(old_addr, 24, PAGE_WRITE)) {
        return -EFAULT;
    }
    ret = signal_altstack(sp, ss_addr ? &ss_sp : NULL, &ss_flags,
                          &ss_size, &old_sp, &old_flags, &old_size);
    if (ret == 0 && old_addr) {
        p = lock_user(old_addr, 24, PAGE_WRITE);
        stq_le_p(p, old_sp);
        stq_le_p(p + 8, (uint32_t)old_flags);
        stq_le_p(p + 16, old_size);
    }
    return ret;
}

/* alarm, setitimer, getitimer: struct itimerval is four 64-bit words
   (interval, value), as on the host. */
static int64_t do_timer_calls(int nr, uint64_t a1, uint64_t a2, uint64_t a3)
{
    struct itimerval nv, ov;
    uint8_t *p;

    switch (nr) {
    case TARGET_NR_alarm:
        return alarm((unsigned)a1);
    case TARGET_NR_getitimer:
        if (getitimer((int)a1, &ov) < 0) {
            return -errno;
        }
        if (!put_pair(a2, ov.it_interval.tv_sec, ov.it_interval.tv_usec) ||
            !put_pair(a2 + 16, ov.it_value.tv_sec, ov.it_value.tv_usec)) {
            return -EFAULT;
        }
        return 0;
    default:                    /* setitimer */
        if (a2) {
            p = lock_user(a2, 32, PAGE_READ);
            if (!p) {
                return -EFAULT;
            }
            nv.it_interval.tv_sec = (int64_t)ldq_le_p(p);
            nv.it_interval.tv_usec = (int64_t)ldq_le_p(p + 8);
            nv.it_value.tv_sec = (int64_t)ldq_le_p(p + 16);
            nv.it_value.tv_usec = (int64_t)ldq_le_p(p + 24);
        } else {
            memset(&nv, 0, sizeof(nv));
        }
        if (a3 && !page_check_range(a3, 32, PAGE_WRITE)) {
            return -EFAULT;
        }
        if (setitimer((int)a1, &nv, &ov) < 0) {
            return -errno;
        }
        if (a3) {
            put_pair(a3, ov.it_interval.tv_sec, ov.it_interval.tv_usec);
            put_pair(a3 + 16, ov.it_value.tv_sec, ov.it_value.tv_usec);
        }
        return 0;
    }
}

/* prlimit64 / getrlimit: struct rlimit is two 64-bit words; the resource
   numbers are the generic ones. */
static int64_t do_prlimit(int64_t pid, int resource, uint64_t new_addr,
                          uint64_t old_addr)
{
    struct rlimit64 nl, ol;
    uint8_t *p;

    if (new_addr) {
        p = lock_user(new_addr, 16, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        nl.rlim_cur = ldq_le_p(p);
        nl.rlim_max = ldq_le_p(p + 8);
    }
    if (old_addr && !page_check_range(old_addr, 16, PAGE_WRITE)) {
        return -EFAULT;
    }
    if (prlimit64((pid_t)pid, resource, new_addr ? &nl : NULL, &ol) < 0) {
        return -errno;
    }
    if (old_addr) {
        p = lock_user(old_addr, 16, PAGE_WRITE);
        stq_le_p(p, ol.rlim_cur);
        stq_le_p(p + 8, ol.rlim_max);
    }
    return 0;
}

/*
 * Calls whose result structure has the same layout on every LP64
 * little-endian Linux (struct rusage, struct tms, struct sysinfo, a CPU
 * mask): the host fills the guest buffer directly.
 */
static int64_t do_fill_struct(int nr, uint64_t a1, uint64_t a2, uint64_t a3)
{
    void *p;
    long r;

    switch (nr) {
    case TARGET_NR_getrusage:
        p = lock_user(a2, sizeof(struct rusage), PAGE_WRITE);
        r = p ? getrusage((int)a1, p) : -2;
        break;
    case TARGET_NR_times: {
        clock_t t;
        p = a1 ? lock_user(a1, sizeof(struct tms), PAGE_WRITE) : NULL;
        if (a1 && !p) {
            return -EFAULT;
        }
        if (p) {
            t = times(p);
        } else {
            struct tms tmp;
            t = times(&tmp);
        }
        return t == (clock_t)-1 ? -errno : (int64_t)t;
    }
    case TARGET_NR_sysinfo:
        p = lock_user(a1, sizeof(struct sysinfo), PAGE_WRITE);
        r = p ? sysinfo(p) : -2;
        break;
    case TARGET_NR_sched_getaffinity:
        if (a2 > 4096 || (a2 & 7)) {
            return -EINVAL;
        }
        p = lock_user(a3, a2, PAGE_WRITE);
        r = p ? syscall(SYS_sched_getaffinity, (pid_t)a1, (size_t)a2, p) : -2;
        if (r >= 0) {
            return r;           /* bytes written */
        }
        break;
    default:
        return -ENOSYS;
    }
    if (r == -2) {
        return -EFAULT;         /* the guest buffer is not writable */
    }
    return r < 0 ? -errno : r;
}

static int64_t do_madvise(uint64_t addr, uint64_t len, int advice)
{
    if ((addr & (TARGET_PAGE_SIZE - 1)) || !guest_range_valid(addr, len)) {
        return -EINVAL;
    }
    len = TARGET_PAGE_ALIGN(len);
    /* MADV_DONTNEED (4) is visible (private pages read back as zero);
       the other advice is only a hint. */
    if (advice == 4 && len) {
        if (!page_check_range(addr, len, 0)) {
            return -ENOMEM;
        }
        if (madvise(g2h(addr), len, MADV_DONTNEED) < 0) {
            return -errno;
        }
    }
    return 0;
}

/*
 * Make guest memory hold the whole state of both hardware stacks.  The
 * CPU (target/e2k) keeps every chain-stack frame in guest memory,
 * including the current function's %cr0/%cr1 at pcsp_base + pcsp_ind
 * (what hardware holds in registers), so only the register windows need
 * spilling.  The kernel reports the chain stack as used + SZ_OF_CR:
 * that extra frame is the one at pcs_top.
 */
static void hw_stacks_flush(CPUE2KState *env, E2KHwStacks *st)
{
    uint64_t ps_used = e2k_flush_reg_stack(env);

    st->ps_base = env->psp_base;
    st->ps_size = env->psp_size;
    st->ps_top = env->psp_base + MIN(ps_used, env->psp_size);
    st->pcs_base = env->pcsp_base;
    st->pcs_size = env->pcsp_size;
    st->pcs_top = env->pcsp_base + MIN(env->pcsp_ind, env->pcsp_size);
    st->pcs_end = MIN(st->pcs_top + E2K_SZ_OF_CR,
                      st->pcs_base + st->pcs_size);
}

/* access_hw_stacks(mode, frame_ptr, buf, buf_size, real_size): read and
   write the caller's procedure and chain stacks (used by e2k glibc's
   setjmp/longjmp/makecontext and by debuggers). */
static int64_t do_access_hw_stacks(CPUE2KState *env, uint64_t mode,
                                   uint64_t frame_ptr, uint64_t buf,
                                   uint64_t buf_size, uint64_t real_size)
{
    E2KHwStacks st;
    uint64_t frame = 0, used;
    uint8_t *p;

    if (mode >= E2K_ACCESS_HW_STACKS_MODES) {
        return -EINVAL;
    }
    if (mode != E2K_GET_CHAIN_STACK_SIZE &&
        mode != E2K_GET_PROCEDURE_STACK_SIZE &&
        mode != E2K_WRITE_PROCEDURE_STACK) {
        const uint8_t *fp = lock_user(frame_ptr, 8, PAGE_READ);
        if (!fp) {
            return -EFAULT;
        }
        frame = ldq_le_p(fp);
    }
    hw_stacks_flush(env, &st);

    switch (mode) {
    case E2K_GET_CHAIN_STACK_SIZE:
        used = st.pcs_end - st.pcs_base;
        goto put_size;
    case E2K_GET_PROCEDURE_STACK_SIZE:
        used = st.ps_top - st.ps_base;
        goto put_size;
    case E2K_GET_CHAIN_STACK_OFFSET:
        if (frame < st.pcs_base || frame > st.pcs_end) {
            return -ESRCH;
        }
        used = frame - st.pcs_base;
    put_size:
        p = lock_user(real_size, 8, PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        stq_le_p(p, used);
        return 0;

    case E2K_READ_CHAIN_STACK:
    case E2K_READ_PROCEDURE_STACK: {
        bool chain = mode == E2K_READ_CHAIN_STACK;
        uint64_t base = chain ? st.pcs_base : st.ps_base;
        uint64_t top = chain ? st.pcs_top : st.ps_top;
        if (frame < base || frame > top) {
            return -EAGAIN;
        }
        if (frame - base > buf_size) {
            return -ENOMEM;
        }
        if (real_size) {
            p = lock_user(real_size, 8, PAGE_WRITE);
            if (!p) {
                return -EFAULT;
            }
            stq_le_p(p, frame - base);
        }
        p = lock_user(buf, frame - base, PAGE_WRITE);
        if (!p || !page_check_range(base, frame - base, PAGE_READ)) {
            return -EFAULT;
        }
        memmove(p, g2h(base), frame - base);
        return 0;
    }
    case E2K_READ_CHAIN_STACK_EX:
    case E2K_READ_PROCEDURE_STACK_EX:
    case E2K_WRITE_PROCEDURE_STACK_EX:
    case E2K_WRITE_CHAIN_STACK_EX:
    case E2K_WRITE_PROCEDURE_STACK: {
        bool chain = mode == E2K_READ_CHAIN_STACK_EX ||
                     mode == E2K_WRITE_CHAIN_STACK_EX;
        bool write = mode == E2K_WRITE_PROCEDURE_STACK_EX ||
                     mode == E2K_WRITE_CHAIN_STACK_EX ||
                     mode == E2K_WRITE_PROCEDURE_STACK;
        uint64_t base = chain ? st.pcs_base : st.ps_base;
        uint64_t limit = chain ? st.pcs_end : st.ps_top;
        uint64_t off = mode == E2K_WRITE_PROCEDURE_STACK ? 0 : frame;
        uint8_t *user;

        if (off > limit - base || buf_size > limit - base - off) {
            return -EINVAL;
        }
        user = lock_user(buf, buf_size, write ? PAGE_READ : PAGE_WRITE);
        if (!user || !page_check_range(base + off, buf_size,
                                       write ? PAGE_WRITE : PAGE_READ)) {
            return -EFAULT;
        }
        if (write) {
            memmove(g2h(base + off), user, buf_size);
        } else {
            memmove(user, g2h(base + off), buf_size);
        }
        return 0;
    }
    default:
        return -EINVAL;
    }
}

__thread sigjmp_buf *syscall_fault_jmp;
static __thread bool eintr_final;

bool syscall_eintr_final(void)
{
    return eintr_final;
}

void syscall_set_eintr_final(void)
{
    eintr_final = true;
}

static int64_t dispatch_syscall(CPUE2KState *env, int nr, uint64_t a1,
                                uint64_t a2, uint64_t a3, uint64_t a4,
                                uint64_t a5, uint64_t a6);

int64_t do_syscall(CPUE2KState *env, int nr, uint64_t a1, uint64_t a2,
                   uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6)
{
    sigjmp_buf jb;
    sigjmp_buf *volatile outer = syscall_fault_jmp;
    volatile int64_t ret;

    if (do_strace) {
        print_syscall(nr, a1, a2, a3, a4, a5, a6);
    }
    eintr_final = false;
    if (sigsetjmp(jb, 0) == 0) {
        syscall_fault_jmp = &jb;
        ret = dispatch_syscall(env, nr, a1, a2, a3, a4, a5, a6);
    } else {
        ret = -EFAULT;
    }
    syscall_fault_jmp = outer;
    if (do_strace) {
        print_syscall_ret(nr, ret);
    }
    return ret;
}

static int64_t dispatch_syscall(CPUE2KState *env, int nr, uint64_t a1,
                                uint64_t a2, uint64_t a3, uint64_t a4,
                                uint64_t a5, uint64_t a6)
{
    int64_t ret;
    uint64_t sigmask_now;

    nr = target_syscall_alias(nr);
    switch (nr) {
    case TARGET_NR_exit:
    case TARGET_NR_exit_group:
        if (do_strace) {
            qemu_log("\n");
        }
        do_thread_exit(env, (int)a1, nr == TARGET_NR_exit_group);

    case TARGET_NR_clone:
        /* clone(flags, newsp, parent_tid, child_tid, tls) */
        ret = do_clone(env, a1, a2, 0, a3, a4, a5);
        break;
    case TARGET_NR_clone2:
        /* clone2(flags, stack_base, stack_size, parent_tid, child_tid,
           tls): the stack is [base, base + size) */
        ret = a2 ? do_clone(env, a1, a2 + a3, a3 ? a3 : 1, a4, a5, a6)
                 : do_clone(env, a1, 0, 0, a4, a5, a6);
        break;
    case TARGET_NR_fork:
        ret = do_clone(env, SIGCHLD, 0, 0, 0, 0, 0);
        break;
    case TARGET_NR_vfork:
        ret = do_clone(env, 0x4000 /* CLONE_VFORK */ | 0x100 /* CLONE_VM */ |
                       SIGCHLD, 0, 0, 0, 0, 0);
        break;
    case TARGET_NR_futex:
        ret = do_futex(a1, (int)a2, (uint32_t)a3, a4, a5, (uint32_t)a6);
        break;
    case TARGET_NR_wait4:
        ret = do_wait4((int32_t)a1, a2, (int)a3, a4);
        break;
    case TARGET_NR_execve:
        ret = do_execve(a1, a2, a3);
        break;
    case TARGET_NR_execveat:
        ret = do_execveat((int)a1, a2, a3, a4, (int)a5);
        break;

    case TARGET_NR_ioctl:
    case TARGET_NR_fcntl:
    case TARGET_NR_fcntl64:
        ret = do_ioctl_fcntl_syscall(nr, a1, a2, a3, a4, a5, a6);
        break;
    case TARGET_NR_read:
    case TARGET_NR_write:
    case TARGET_NR_readv:
    case TARGET_NR_writev:
    case TARGET_NR_open:
    case TARGET_NR_openat:
    case TARGET_NR_close:
    case TARGET_NR_lseek:
    case TARGET_NR_fstat:
    case TARGET_NR_stat:
    case TARGET_NR_lstat:
    case TARGET_NR_newfstatat:
    case TARGET_NR_dup:
    case TARGET_NR_dup2:
    case TARGET_NR_dup3:
    case TARGET_NR_pread64:
    case TARGET_NR_pwrite64:
    case TARGET_NR_pipe:
    case TARGET_NR_pipe2:
    case TARGET_NR_getdents64:
    case TARGET_NR_readlink:
    case TARGET_NR_readlinkat:
    case TARGET_NR_getcwd:
    case TARGET_NR_access:
    case TARGET_NR_faccessat:
    case TARGET_NR_unlink:
    case TARGET_NR_unlinkat:
    case TARGET_NR_rmdir:
    case TARGET_NR_mkdir:
    case TARGET_NR_mkdirat:
    case TARGET_NR_chdir:
    case TARGET_NR_fchdir:
    case TARGET_NR_truncate:
    case TARGET_NR_ftruncate:
    case TARGET_NR_rename:
    case TARGET_NR_renameat:
    case TARGET_NR_fsync:
    case TARGET_NR_fdatasync:
    case TARGET_NR_umask:
        ret = do_fs_syscall(nr, a1, a2, a3, a4, a5, a6);
        break;

    case TARGET_NR_poll:
    case TARGET_NR_ppoll:
    case TARGET_NR__newselect:
    case TARGET_NR_pselect6:
    case TARGET_NR_epoll_create:
    case TARGET_NR_epoll_create1:
    case TARGET_NR_epoll_ctl:
    case TARGET_NR_epoll_wait:
    case TARGET_NR_epoll_pwait:
    case TARGET_NR_eventfd2:
    case TARGET_NR_inotify_init:
    case TARGET_NR_inotify_init1:
    case TARGET_NR_inotify_add_watch:
    case TARGET_NR_inotify_rm_watch:
    case TARGET_NR_timerfd_create:
    case TARGET_NR_timerfd_settime:
    case TARGET_NR_timerfd_gettime:
        ret = do_poll_syscall(nr, a1, a2, a3, a4, a5, a6);
        break;
    case TARGET_NR_statx:
    case TARGET_NR_statfs:
    case TARGET_NR_statfs64:
    case TARGET_NR_fstatfs:
    case TARGET_NR_fstatfs64:
    case TARGET_NR_chmod:
    case TARGET_NR_fchmod:
    case TARGET_NR_fchmodat:
    case TARGET_NR_chown:
    case TARGET_NR_lchown:
    case TARGET_NR_fchown:
    case TARGET_NR_fchownat:
    case TARGET_NR_link:
    case TARGET_NR_symlink:
    case TARGET_NR_linkat:
    case TARGET_NR_symlinkat:
    case TARGET_NR_mknod:
    case TARGET_NR_mknodat:
    case TARGET_NR_utimensat:
    case TARGET_NR_utime:
    case TARGET_NR_utimes:
    case TARGET_NR_futimesat:
    case TARGET_NR_creat:
    case TARGET_NR_renameat2:
    case TARGET_NR_setxattr:
    case TARGET_NR_lsetxattr:
    case TARGET_NR_fsetxattr:
    case TARGET_NR_getxattr:
    case TARGET_NR_lgetxattr:
    case TARGET_NR_fgetxattr:
    case TARGET_NR_listxattr:
    case TARGET_NR_llistxattr:
    case TARGET_NR_flistxattr:
    case TARGET_NR_removexattr:
    case TARGET_NR_lremovexattr:
    case TARGET_NR_fremovexattr:
    case TARGET_NR_fallocate:
    case TARGET_NR_flock:
    case TARGET_NR_sendfile:
    case TARGET_NR_sendfile64:
    case TARGET_NR_copy_file_range:
    case TARGET_NR_splice:
    case TARGET_NR_tee:
    case TARGET_NR_vmsplice:
    case TARGET_NR_getdents:
    case TARGET_NR_preadv:
    case TARGET_NR_pwritev:
    case TARGET_NR_readahead:
    case TARGET_NR_fadvise64:
    case TARGET_NR_fadvise64_64:
    case TARGET_NR_sync_file_range:
    case TARGET_NR_syncfs:
    case TARGET_NR_memfd_create:
    case TARGET_NR_getrandom:
    case TARGET_NR_mincore:
    case TARGET_NR_msync:
    case TARGET_NR_mlock:
    case TARGET_NR_munlock:
    case TARGET_NR_mlock2:
    case TARGET_NR_mlockall:
    case TARGET_NR_munlockall:
        ret = do_file_syscall(nr, a1, a2, a3, a4, a5, a6);
        break;
    case TARGET_NR_socket:
    case TARGET_NR_socketpair:
    case TARGET_NR_bind:
    case TARGET_NR_connect:
    case TARGET_NR_listen:
    case TARGET_NR_accept:
    case TARGET_NR_accept4:
    case TARGET_NR_getsockname:
    case TARGET_NR_getpeername:
    case TARGET_NR_sendto:
    case TARGET_NR_recvfrom:
    case TARGET_NR_sendmsg:
    case TARGET_NR_recvmsg:
    case TARGET_NR_sendmmsg:
    case TARGET_NR_recvmmsg:
    case TARGET_NR_shutdown:
    case TARGET_NR_setsockopt:
    case TARGET_NR_getsockopt:
    case TARGET_NR_socketcall:
        ret = do_net_syscall(nr, a1, a2, a3, a4, a5, a6);
        break;
    case TARGET_NR_setuid:
    case TARGET_NR_setgid:
    case TARGET_NR_setreuid:
    case TARGET_NR_setregid:
    case TARGET_NR_setresuid:
    case TARGET_NR_setresgid:
    case TARGET_NR_getresuid:
    case TARGET_NR_getresgid:
    case TARGET_NR_setfsuid:
    case TARGET_NR_setfsgid:
    case TARGET_NR_getgroups:
    case TARGET_NR_setgroups:
    case TARGET_NR_capget:
    case TARGET_NR_capset:
    case TARGET_NR_getpriority:
    case TARGET_NR_setpriority:
    case TARGET_NR_sched_getscheduler:
    case TARGET_NR_sched_setscheduler:
    case TARGET_NR_sched_setparam:
    case TARGET_NR_sched_getparam:
    case TARGET_NR_sched_get_priority_max:
    case TARGET_NR_sched_get_priority_min:
    case TARGET_NR_sched_rr_get_interval:
    case TARGET_NR_sched_setaffinity:
    case TARGET_NR_getcpu:
    case TARGET_NR_prctl:
    case TARGET_NR_personality:
    case TARGET_NR_waitid:
    case TARGET_NR_sethostname:
    case TARGET_NR_setdomainname:
    case TARGET_NR_chroot:
    case TARGET_NR_unshare:
    case TARGET_NR_membarrier:
    case TARGET_NR_ioprio_get:
    case TARGET_NR_ioprio_set:
    case TARGET_NR_sched_getattr:
    case TARGET_NR_sched_setattr:
    case TARGET_NR_pidfd_open:
    case TARGET_NR_pidfd_send_signal:
    case TARGET_NR_kcmp:
    case TARGET_NR_mount:
    case TARGET_NR_umount:
    case TARGET_NR_umount2:
    case TARGET_NR_setns:
        ret = do_proc_syscall(nr, a1, a2, a3, a4, a5, a6);
        break;
    case TARGET_NR_timer_create:
    case TARGET_NR_timer_settime:
    case TARGET_NR_timer_gettime:
    case TARGET_NR_timer_getoverrun:
    case TARGET_NR_timer_delete:
    case TARGET_NR_clock_settime:
    case TARGET_NR_clock_nanosleep:
        ret = do_time_syscall(nr, a1, a2, a3, a4, a5, a6);
        break;
    case TARGET_NR_mq_open:
    case TARGET_NR_mq_unlink:
    case TARGET_NR_mq_timedsend:
    case TARGET_NR_mq_timedreceive:
    case TARGET_NR_mq_notify:
    case TARGET_NR_mq_getsetattr:
    case TARGET_NR_msgget:
    case TARGET_NR_msgsnd:
    case TARGET_NR_msgrcv:
    case TARGET_NR_msgctl:
    case TARGET_NR_semget:
    case TARGET_NR_semop:
    case TARGET_NR_semtimedop:
    case TARGET_NR_semctl:
    case TARGET_NR_shmget:
    case TARGET_NR_shmat:
    case TARGET_NR_shmdt:
    case TARGET_NR_shmctl:
        ret = do_ipc_syscall(nr, a1, a2, a3, a4, a5, a6);
        break;

    case TARGET_NR_brk:
        ret = target_brk(a1);
        break;
    case TARGET_NR_mmap:
        ret = target_mmap(a1, a2, (int)a3, (int)a4, (int)a5, (int64_t)a6);
        break;
    case TARGET_NR_munmap:
        ret = target_munmap(a1, a2);
        break;
    case TARGET_NR_mprotect:
        ret = target_mprotect(a1, a2, (int)a3);
        break;
    case TARGET_NR_mremap:
        ret = target_mremap(a1, a2, a3, (int)a4, a5);
        break;

    case TARGET_NR_uname:
        ret = do_uname(a1);
        break;
    case TARGET_NR_getpid:
        ret = getpid();
        break;
    case TARGET_NR_getppid:
        ret = getppid();
        break;
    case TARGET_NR_gettid:
        ret = syscall(SYS_gettid);
        break;
    case TARGET_NR_set_tid_address:
        ret = do_set_tid_address(a1);
        break;
    case TARGET_NR_getuid:
        ret = getuid();
        break;
    case TARGET_NR_geteuid:
        ret = geteuid();
        break;
    case TARGET_NR_getgid:
        ret = getgid();
        break;
    case TARGET_NR_getegid:
        ret = getegid();
        break;
    case TARGET_NR_sched_yield:
        ret = sched_yield() < 0 ? -errno : 0;
        break;
    case TARGET_NR_kill:
    case TARGET_NR_tkill:
    case TARGET_NR_tgkill:
        ret = do_kill(env, nr, (int64_t)a1, (int64_t)a2, (int64_t)a3);
        break;
    case TARGET_NR_set_robust_list:
        ret = do_set_robust_list(a1, a2);
        break;
    case TARGET_NR_get_robust_list:
        ret = do_get_robust_list((int64_t)a1, a2, a3);
        break;
    case TARGET_NR_signalfd4:
        ret = do_signalfd4((int)a1, a2, a3, (int)a4);
        break;
    case TARGET_NR_prlimit64:
        ret = do_prlimit((int64_t)a1, (int)a2, a3, a4);
        break;
    case TARGET_NR_getrlimit:
    case TARGET_NR_ugetrlimit:
        ret = do_prlimit(0, (int)a1, 0, a2);
        break;
    case TARGET_NR_setrlimit:
        ret = do_prlimit(0, (int)a1, a2, 0);
        break;
    case TARGET_NR_madvise:
        ret = do_madvise(a1, a2, (int)a3);
        break;
    case TARGET_NR_getrusage:
    case TARGET_NR_times:
    case TARGET_NR_sysinfo:
    case TARGET_NR_sched_getaffinity:
        ret = do_fill_struct(nr, a1, a2, a3);
        break;
    case TARGET_NR_getpgrp:
        ret = getpgrp();
        break;
    case TARGET_NR_getpgid:
        ret = getpgid((pid_t)a1);
        ret = ret < 0 ? -errno : ret;
        break;
    case TARGET_NR_getsid:
        ret = getsid((pid_t)a1);
        ret = ret < 0 ? -errno : ret;
        break;
    case TARGET_NR_setsid:
        ret = setsid();
        ret = ret < 0 ? -errno : ret;
        break;
    case TARGET_NR_setpgid:
        ret = setpgid((pid_t)a1, (pid_t)a2) < 0 ? -errno : 0;
        break;
    case TARGET_NR_sync:
        sync();
        ret = 0;
        break;
    case TARGET_NR_time: {
        time_t t = time(NULL);
        if (a1) {
            uint8_t *p = lock_user(a1, 8, PAGE_WRITE);
            if (!p) {
                ret = -EFAULT;
                break;
            }
            stq_le_p(p, t);
        }
        ret = t;
        break;
    }

    case TARGET_NR_clock_gettime:
        ret = do_clock_gettime((int64_t)a1, a2, false);
        break;
    case TARGET_NR_clock_getres:
        ret = do_clock_gettime((int64_t)a1, a2, true);
        break;
    case TARGET_NR_gettimeofday:
        ret = do_gettimeofday(a1, a2);
        break;
    case TARGET_NR_nanosleep:
        ret = do_nanosleep(a1, a2);
        break;

    case TARGET_NR_rt_sigaction:
        ret = do_sigaction((int)a1, a2, a3, a4);
        break;
    case TARGET_NR_rt_sigprocmask:
        ret = do_sigprocmask((int)a1, a2, a3, a4);
        break;
    case TARGET_NR_rt_sigpending:
    case TARGET_NR_rt_sigsuspend:
    case TARGET_NR_rt_sigtimedwait:
    case TARGET_NR_rt_sigqueueinfo:
        ret = do_sigwait_calls(nr, a1, a2, a3, a4);
        break;
    case TARGET_NR_pause:
        ret = signal_suspend(do_rt_sigprocmask(0, NULL, &sigmask_now) == 0 ?
                             sigmask_now : 0);
        break;
    case TARGET_NR_sigaltstack:
        ret = do_sigaltstack(env, a1, a2);
        break;
    case TARGET_NR_alarm:
    case TARGET_NR_getitimer:
    case TARGET_NR_setitimer:
        ret = do_timer_calls(nr, a1, a2, a3);
        break;

    case TARGET_NR_access_hw_stacks:
        ret = do_access_hw_stacks(env, a1, a2, a3, a4, a5);
        break;

    default:
        if (do_compat_syscall(nr, a1, a2, a3, a4, a5, a6, &ret)) {
            break;
        }
        qemu_log_mask(LOG_UNIMP, "Unsupported syscall: %d (%s)\n", nr,
                      target_syscall_name(nr) ? target_syscall_name(nr)
                                              : "not in the e2k table");
        ret = -ENOSYS;
        break;
    }
    return ret;
}
