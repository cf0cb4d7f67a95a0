/*
 * Sockets: socket, socketpair, bind, connect, listen, accept, accept4,
 * getsockname, getpeername, sendto, recvfrom, sendmsg, recvmsg,
 * sendmmsg, recvmmsg, shutdown, setsockopt, getsockopt, and socketcall
 * (102), the i386-style multiplexer older e2k glibc uses, whose argument
 * block is an array of 64-bit words.
 *
 * Layouts: a 64-bit e2k program's struct sockaddr_*, msghdr (56 bytes),
 * mmsghdr (64), cmsghdr (a 64-bit length, then level and type) and the
 * socket option values (int, struct linger, struct timeval) are those of
 * x86-64, and the socket constants (AF_*, SOCK_*, SOL_*, SO_*, MSG_*) are
 * asm-generic's on both; what differs is only that buffers are guest
 * memory.  So a message header is rebuilt with host pointers to checked
 * guest buffers (names, every iovec, the control buffer) and the lengths
 * the kernel writes back (msg_namelen, msg_controllen, msg_flags, socklen)
 * are copied back; control messages (SCM_RIGHTS descriptors, credentials)
 * pass through as the bytes they are.
 *
 * The calls that can block (connect, accept, send*, recv*) are host calls
 * through safe_syscall6, so a guest signal interrupts them exactly; with
 * SA_RESTART they are restarted unless the socket has a timeout
 * (sock_intr).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu.h"
#include "syscall-internal.h"
#include "e2k/syscall_nr.h"
#include "e2k/target_structs.h"

#define TARGET_MSGHDR_SIZEOF    56
#define TARGET_MMSGHDR_SIZEOF   64
#define TARGET_SOCKADDR_MAX     128     /* sizeof(struct sockaddr_storage) */
#define TARGET_OPTVAL_MAX       4096
#define TARGET_CMSG_MAX         65536
#define TARGET_MMSG_MAX         1024    /* UIO_MAXIOV, the kernel's cap */

/* A guest sockaddr of @len bytes, checked: a host pointer or NULL. */
static int lock_sockaddr(uint64_t addr, uint64_t len, void **out)
{
    *out = NULL;
    if (!addr) {
        return len ? -EFAULT : 0;
    }
    if (len > TARGET_SOCKADDR_MAX) {
        return -EINVAL;
    }
    *out = lock_user(addr, len, PAGE_READ);
    return *out ? 0 : -EFAULT;
}

/* For calls that return an address: @addr/@lenp the guest's buffer and
 * its socklen_t, @buf/@len the host's. */
static int get_socklen(uint64_t lenp, socklen_t *len)
{
    const uint8_t *p;

    *len = 0;
    if (!lenp) {
        return 0;
    }
    p = lock_user(lenp, 4, PAGE_READ | PAGE_WRITE);
    if (!p) {
        return -EFAULT;
    }
    *len = ldl_le_p(p);
    if ((int32_t)*len < 0) {
        return -EINVAL;
    }
    return 0;
}

static int put_sockaddr(uint64_t addr, uint64_t lenp, const void *sa,
                        socklen_t given, socklen_t got)
{
    if (!addr || !lenp) {
        return 0;
    }
    if (given) {
        uint8_t *p = lock_user(addr, MIN(given, got), PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        memcpy(p, sa, MIN(given, got));
    }
    stl_le_p(g2h(lenp), got);
    return 0;
}

/*
 * A socket wait interrupted by a signal: with a timeout set
 * (SO_RCVTIMEO for receiving and accept, SO_SNDTIMEO for sending and
 * connect) the kernel answers -EINTR, which SA_RESTART does not restart,
 * else -ERESTARTSYS (signal(7)).  Returns @r.
 */
static int64_t sock_intr(int64_t r, int fd, bool is_send)
{
    struct timeval tv;
    socklen_t len = sizeof(tv);

    if (r == -EINTR &&
        getsockopt(fd, SOL_SOCKET, is_send ? SO_SNDTIMEO : SO_RCVTIMEO,
                   &tv, &len) == 0 && (tv.tv_sec || tv.tv_usec)) {
        syscall_set_eintr_final();
    }
    return r;
}

static int64_t do_accept(int fd, uint64_t addr, uint64_t lenp, int flags)
{
    struct sockaddr_storage ss;
    socklen_t len, given;
    int ret = get_socklen(lenp, &len);

    if (ret < 0) {
        return ret;
    }
    if (addr && len && !lock_user(addr, MIN(len, sizeof(ss)), PAGE_WRITE)) {
        return -EFAULT;
    }
    given = len;
    len = sizeof(ss);
    ret = safe_syscall6(SYS_accept4, fd,
                        addr ? (long)&ss : 0, addr ? (long)&len : 0, flags,
                        0, 0);
    if (ret < 0) {
        return sock_intr(ret, fd, false);
    }
    put_sockaddr(addr, lenp, &ss, given, len);
    return ret;
}

static int64_t do_getname(bool peer, int fd, uint64_t addr, uint64_t lenp)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss), given;
    int ret = get_socklen(lenp, &given);

    if (ret < 0) {
        return ret;
    }
    if (!lenp) {
        return -EFAULT;
    }
    if (given && !lock_user(addr, MIN(given, sizeof(ss)), PAGE_WRITE)) {
        return -EFAULT;
    }
    ret = peer ? getpeername(fd, (struct sockaddr *)&ss, &len)
               : getsockname(fd, (struct sockaddr *)&ss, &len);
    if (ret < 0) {
        return -errno;
    }
    return put_sockaddr(addr, lenp, &ss, given, len);
}

/*
 * A guest msghdr at @addr as a host one: name, iovecs and control point
 * into (checked) guest memory; @iov has TARGET_UIO_MAXIOV entries.
 */
static int lock_msghdr(uint64_t addr, bool is_send, struct msghdr *m,
                       struct iovec *iov)
{
    const uint8_t *g = lock_user(addr, TARGET_MSGHDR_SIZEOF,
                                 is_send ? PAGE_READ
                                         : PAGE_READ | PAGE_WRITE);
    uint64_t name, iovp, iovlen, control, controllen, total = 0;
    uint32_t namelen;
    int flags = is_send ? PAGE_READ : PAGE_WRITE;

    if (!g) {
        return -EFAULT;
    }
    name = ldq_le_p(g);
    namelen = ldl_le_p(g + 8);
    iovp = ldq_le_p(g + 16);
    iovlen = ldq_le_p(g + 24);
    control = ldq_le_p(g + 32);
    controllen = ldq_le_p(g + 40);
    memset(m, 0, sizeof(*m));
    if (iovlen > TARGET_UIO_MAXIOV) {
        return -EMSGSIZE;
    }
    if ((int32_t)namelen < 0 || namelen > TARGET_SOCKADDR_MAX) {
        return -EINVAL;
    }
    if (name && namelen) {
        m->msg_name = lock_user(name, namelen, flags);
        if (!m->msg_name) {
            return -EFAULT;
        }
        m->msg_namelen = namelen;
    }
    if (controllen > TARGET_CMSG_MAX) {
        return -ENOBUFS;
    }
    if (control && controllen) {
        m->msg_control = lock_user(control, controllen, flags);
        if (!m->msg_control) {
            return -EFAULT;
        }
        m->msg_controllen = controllen;
    }
    if (iovlen) {
        const uint8_t *gi = lock_user(iovp, iovlen * TARGET_IOVEC_SIZEOF,
                                      PAGE_READ);
        if (!gi) {
            return -EFAULT;
        }
        for (uint64_t i = 0; i < iovlen; i++) {
            uint64_t base = ldq_le_p(gi + i * TARGET_IOVEC_SIZEOF);
            uint64_t len = ldq_le_p(gi + i * TARGET_IOVEC_SIZEOF + 8);
            if (len > SSIZE_MAX || total + len > SSIZE_MAX) {
                return -EINVAL;
            }
            total += len;
            iov[i].iov_base = lock_user(base, len, flags);
            iov[i].iov_len = len;
            if (!iov[i].iov_base && len) {
                return -EFAULT;
            }
        }
    }
    m->msg_iov = iov;
    m->msg_iovlen = iovlen;
    return 0;
}

/* What recvmsg writes back into the guest's msghdr. */
static void put_msghdr_result(uint64_t addr, const struct msghdr *m)
{
    uint8_t *g = g2h(addr);

    if (m->msg_name) {
        stl_le_p(g + 8, m->msg_namelen);
    }
    stq_le_p(g + 40, m->msg_controllen);
    stl_le_p(g + 48, m->msg_flags);
}

static int64_t do_msg(bool is_send, int fd, uint64_t addr, int flags)
{
    struct iovec iov[TARGET_UIO_MAXIOV];
    struct msghdr m;
    ssize_t n;
    int ret = lock_msghdr(addr, is_send, &m, iov);

    if (ret < 0) {
        return ret;
    }
    n = safe_syscall6(is_send ? SYS_sendmsg : SYS_recvmsg, fd, (long)&m,
                      flags, 0, 0, 0);
    if (n < 0) {
        return sock_intr(n, fd, is_send);
    }
    if (!is_send) {
        put_msghdr_result(addr, &m);
    }
    return n;
}

/* sendmmsg/recvmmsg one message at a time: the count done, or the first
 * error when none was.  recvmmsg's timeout (@ts_addr, a timespec) is the
 * kernel's: looked at after each message, the time left written back. */
static int64_t do_mmsg(bool is_send, int fd, uint64_t vec, uint64_t vlen,
                       int flags, uint64_t ts_addr)
{
    int64_t deadline = 0, left = 0;
    uint64_t i;

    if (ts_addr) {
        const uint8_t *t = lock_user(ts_addr, TARGET_TIMESPEC_SIZEOF,
                                     PAGE_READ);
        int64_t sec, nsec;

        if (!t) {
            return -EFAULT;
        }
        sec = (int64_t)ldq_le_p(t);
        nsec = (int64_t)ldq_le_p(t + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1000000000 ||
            sec > INT64_MAX / 1000000000 - 1) {
            return -EINVAL;
        }
        left = sec * 1000000000 + nsec;
        deadline = g_get_monotonic_time() * 1000 + left;
    }
    if (vlen > TARGET_MMSG_MAX) {
        vlen = TARGET_MMSG_MAX;
    }
    for (i = 0; i < vlen; i++) {
        uint64_t h = vec + i * TARGET_MMSGHDR_SIZEOF;
        int64_t n;
        if (!lock_user(h, TARGET_MMSGHDR_SIZEOF, PAGE_READ | PAGE_WRITE)) {
            n = -EFAULT;
        } else {
            n = do_msg(is_send, fd, h, flags & ~MSG_WAITFORONE);
        }
        if (n < 0) {
            if (i == 0) {
                return n;
            }
            break;
        }
        stl_le_p(g2h(h + TARGET_MSGHDR_SIZEOF), (uint32_t)n);
        if (!is_send && (flags & MSG_WAITFORONE)) {
            flags |= MSG_DONTWAIT;
        }
        if (ts_addr) {
            left = deadline - g_get_monotonic_time() * 1000;
            if (left <= 0) {
                left = 0;
                i++;
                break;
            }
        }
    }
    if (ts_addr && i > 0) {
        uint8_t *t = lock_user(ts_addr, TARGET_TIMESPEC_SIZEOF, PAGE_WRITE);

        if (!t) {
            return -EFAULT;
        }
        stq_le_p(t, left / 1000000000);
        stq_le_p(t + 8, left % 1000000000);
    }
    return i;
}

static int64_t do_sockopt(bool set, int fd, int level, int name,
                          uint64_t val, uint64_t len_or_lenp)
{
    socklen_t len;
    void *p;
    int ret;

    if (set) {
        if (len_or_lenp > TARGET_OPTVAL_MAX) {
            return -EINVAL;
        }
        p = NULL;
        if (len_or_lenp) {
            p = lock_user(val, len_or_lenp, PAGE_READ);
            if (!p) {
                return -EFAULT;
            }
        }
        return setsockopt(fd, level, name, p, len_or_lenp) < 0 ? -errno : 0;
    }
    ret = get_socklen(len_or_lenp, &len);
    if (ret < 0) {
        return ret;
    }
    if (!len_or_lenp) {
        return -EFAULT;
    }
    len = MIN(len, TARGET_OPTVAL_MAX);
    p = len ? lock_user(val, len, PAGE_WRITE) : NULL;
    if (len && !p) {
        return -EFAULT;
    }
    if (getsockopt(fd, level, name, p, &len) < 0) {
        return -errno;
    }
    stl_le_p(g2h(len_or_lenp), len);
    return 0;
}

static int64_t do_sendto(int fd, uint64_t buf, uint64_t len, int flags,
                         uint64_t addr, uint64_t alen)
{
    void *p = len ? lock_user(buf, len, PAGE_READ) : NULL, *sa;
    int ret;

    if (len && !p) {
        return -EFAULT;
    }
    ret = lock_sockaddr(addr, alen, &sa);
    if (ret < 0) {
        return ret;
    }
    return sock_intr(safe_syscall6(SYS_sendto, fd, (long)p, (long)len, flags,
                                   (long)sa, sa ? (long)alen : 0),
                     fd, true);
}

static int64_t do_recvfrom(int fd, uint64_t buf, uint64_t len, int flags,
                           uint64_t addr, uint64_t lenp)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss), given = 0;
    void *p = len ? lock_user(buf, len, PAGE_WRITE) : NULL;
    ssize_t n;

    if (len && !p) {
        return -EFAULT;
    }
    if (addr) {
        int ret = get_socklen(lenp, &given);
        if (ret < 0) {
            return ret;
        }
        if (given && !lock_user(addr, MIN(given, sizeof(ss)), PAGE_WRITE)) {
            return -EFAULT;
        }
    }
    n = safe_syscall6(SYS_recvfrom, fd, (long)p, (long)len, flags,
                      addr ? (long)&ss : 0, addr ? (long)&sl : 0);
    if (n < 0) {
        return sock_intr(n, fd, false);
    }
    if (addr) {
        put_sockaddr(addr, lenp, &ss, given, sl);
    }
    return n;
}

int64_t do_net_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                       uint64_t a4, uint64_t a5, uint64_t a6)
{
    void *sa;
    int ret;

    switch (nr) {
    case TARGET_NR_socket:
        ret = socket((int)a1, (int)a2, (int)a3);
        return ret < 0 ? -errno : ret;
    case TARGET_NR_socketpair: {
        int sv[2];
        uint8_t *p = lock_user(a4, 8, PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        if (socketpair((int)a1, (int)a2, (int)a3, sv) < 0) {
            return -errno;
        }
        stl_le_p(p, sv[0]);
        stl_le_p(p + 4, sv[1]);
        return 0;
    }
    case TARGET_NR_bind:
    case TARGET_NR_connect:
        ret = lock_sockaddr(a2, a3, &sa);
        if (ret < 0) {
            return ret;
        }
        if (nr == TARGET_NR_connect) {
            return sock_intr(safe_syscall6(SYS_connect, (int)a1, (long)sa,
                                           (long)a3, 0, 0, 0),
                             (int)a1, true);
        }
        return bind((int)a1, sa, a3) < 0 ? -errno : 0;
    case TARGET_NR_listen:
        return listen((int)a1, (int)a2) < 0 ? -errno : 0;
    case TARGET_NR_accept:
        return do_accept((int)a1, a2, a3, 0);
    case TARGET_NR_accept4:
        return do_accept((int)a1, a2, a3, (int)a4);
    case TARGET_NR_getsockname:
    case TARGET_NR_getpeername:
        return do_getname(nr == TARGET_NR_getpeername, (int)a1, a2, a3);
    case TARGET_NR_sendto:
        return do_sendto((int)a1, a2, a3, (int)a4, a5, a6);
    case TARGET_NR_recvfrom:
        return do_recvfrom((int)a1, a2, a3, (int)a4, a5, a6);
    case TARGET_NR_sendmsg:
    case TARGET_NR_recvmsg:
        return do_msg(nr == TARGET_NR_sendmsg, (int)a1, a2, (int)a3);
    case TARGET_NR_sendmmsg:
    case TARGET_NR_recvmmsg:
        return do_mmsg(nr == TARGET_NR_sendmmsg, (int)a1, a2, a3, (int)a4,
                       nr == TARGET_NR_recvmmsg ? a5 : 0);
    case TARGET_NR_shutdown:
        return shutdown((int)a1, (int)a2) < 0 ? -errno : 0;
    case TARGET_NR_setsockopt:
    case TARGET_NR_getsockopt:
        return do_sockopt(nr == TARGET_NR_setsockopt, (int)a1, (int)a2,
                          (int)a3, a4, a5);
    case TARGET_NR_socketcall: {
        /* (call, args[]): the linux/net.h SYS_* numbers */
        static const uint8_t nargs[21] = { 0, 3, 3, 3, 2, 3, 3, 3, 4, 4, 4,
                                           6, 6, 2, 5, 5, 3, 3, 4, 5, 4 };
        static const int target[21] = {
            0, TARGET_NR_socket, TARGET_NR_bind, TARGET_NR_connect,
            TARGET_NR_listen, TARGET_NR_accept, TARGET_NR_getsockname,
            TARGET_NR_getpeername, TARGET_NR_socketpair, -1 /* send */,
            -2 /* recv */, TARGET_NR_sendto, TARGET_NR_recvfrom,
            TARGET_NR_shutdown, TARGET_NR_setsockopt, TARGET_NR_getsockopt,
            TARGET_NR_sendmsg, TARGET_NR_recvmsg, TARGET_NR_accept4,
            TARGET_NR_recvmmsg, TARGET_NR_sendmmsg,
        };
        uint64_t v[6] = { 0 };
        const uint8_t *p;
        if (a1 < 1 || a1 > 20) {
            return -EINVAL;
        }
        p = lock_user(a2, 8 * nargs[a1], PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        for (int i = 0; i < nargs[a1]; i++) {
            v[i] = ldq_le_p(p + 8 * i);
        }
        if (target[a1] == -1) {         /* send = sendto without address */
            return do_sendto((int)v[0], v[1], v[2], (int)v[3], 0, 0);
        }
        if (target[a1] == -2) {
            return do_recvfrom((int)v[0], v[1], v[2], (int)v[3], 0, 0);
        }
        return do_net_syscall(target[a1], v[0], v[1], v[2], v[3], v[4],
                              v[5]);
    }
    default:
        return -ENOSYS;
    }
}
