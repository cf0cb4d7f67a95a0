/*
 * The ioctl and fcntl commands beyond syscall-fs.c's (which keeps the
 * terminal attribute and window size ioctls, FIONREAD, and the fcntl
 * descriptor and status flags): the common file ioctls (FIONBIO, FIOCLEX,
 * FIONCLEX, FIOASYNC, FIGETBSZ), job control and terminal ones
 * (TIOCSPGRP, TIOCGSID, TIOCSCTTY, TIOCNOTTY, TIOCOUTQ, TIOCEXCL,
 * TIOCNXCL, TIOCSTI, TIOCMGET/TIOCMSET, TIOCGETD/TIOCSETD, TCSBRK,
 * TCXONC, TCFLSH), the pseudo-terminal master ones (TIOCGPTN,
 * TIOCSPTLCK, TIOCGPTPEER), and the fcntl record locks (F_GETLK,
 * F_SETLK, F_SETLKW and the F_OFD_ forms, struct flock converted), owner
 * and signal (F_SETOWN, F_GETOWN, F_SETOWN_EX, F_GETOWN_EX, F_SETSIG,
 * F_GETSIG), leases, F_NOTIFY, pipe sizes and seals.
 *
 * The e2k kernel takes the asm-generic ioctl and fcntl numbers, as
 * x86-64 does (checked against OpenE2K's linux-headers: its
 * arch/e2k/include/uapi/asm/ioctls.h includes asm-generic/ioctls.h and
 * adds only TIOCGHAYESESP/TIOCSHAYESESP/TIOCGDB, termbits.h is
 * asm-generic/termbits.h, fcntl.h asm-generic/fcntl.h, and there is no
 * e2k ioctl.h, so the _IOC() encoding is asm-generic's too), and struct
 * flock (32 bytes) and struct f_owner_ex have the same layout; each
 * pointer argument is checked for the size and direction its command
 * uses.  Any other command goes to syscall-fs.c; an ioctl no one knows is
 * -ENOTTY, the kernel's answer for a command the file does not take,
 * with a `-d unimp' line.  Commands that can wait (TCSBRK drains the
 * output) go through safe_syscall6.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu.h"
#include "syscall-internal.h"
#include "e2k/syscall_nr.h"

#define TARGET_FLOCK_SIZEOF     32
#define TARGET_F_OWNER_EX_SIZEOF 8

/* asm-generic ioctl numbers */
#define T_TCSBRK        0x5409
#define T_TCXONC        0x540A
#define T_TCFLSH        0x540B
#define T_TIOCEXCL      0x540C
#define T_TIOCNXCL      0x540D
#define T_TIOCSCTTY     0x540E
#define T_TIOCSPGRP     0x5410
#define T_TIOCOUTQ      0x5411
#define T_TIOCSTI       0x5412
#define T_TIOCMGET      0x5415
#define T_TIOCMSET      0x5418
#define T_FIONBIO       0x5421
#define T_TIOCNOTTY     0x5422
#define T_TIOCSETD      0x5423
#define T_TIOCGETD      0x5424
#define T_TIOCGSID      0x5429
#define T_TIOCGPTN      0x80045430u
#define T_TIOCSPTLCK    0x40045431u
#define T_TIOCGPTPEER   0x5441
#define T_FIONCLEX      0x5450
#define T_FIOCLEX       0x5451
#define T_FIOASYNC      0x5452
#define T_FIGETBSZ      2

static int64_t errno_or(long r)
{
    return r < 0 ? -errno : r;
}

/* -ENOSYS: not one of ours. */
static int64_t do_more_ioctl(int fd, uint64_t cmd, uint64_t arg)
{
    uint8_t *p;
    int v;

    switch (cmd) {
    /* no argument, or a value */
    case T_TIOCEXCL: case T_TIOCNXCL: case T_TIOCNOTTY:
    case T_FIONCLEX: case T_FIOCLEX:
    case T_TCSBRK: case T_TCXONC: case T_TCFLSH: case T_TIOCSCTTY:
    case T_TIOCGPTPEER:
        return safe_syscall6(SYS_ioctl, fd, (long)cmd, (long)arg, 0, 0, 0);
    /* an int the kernel reads */
    case T_TIOCSPGRP: case T_FIONBIO: case T_FIOASYNC: case T_TIOCMSET:
    case T_TIOCSETD: case T_TIOCSPTLCK:
        p = lock_user(arg, 4, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        v = (int32_t)ldl_le_p(p);
        return errno_or(syscall(SYS_ioctl, fd, (unsigned long)cmd, &v));
    /* an int the kernel writes */
    case T_TIOCGSID: case T_TIOCOUTQ: case T_TIOCMGET: case T_TIOCGETD:
    case T_TIOCGPTN: case T_FIGETBSZ:
        p = lock_user(arg, 4, PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        if (syscall(SYS_ioctl, fd, (unsigned long)cmd, &v) < 0) {
            return -errno;
        }
        stl_le_p(p, v);
        return 0;
    case T_TIOCSTI:
        p = lock_user(arg, 1, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        return errno_or(syscall(SYS_ioctl, fd, (unsigned long)cmd, p));
    default:
        return -ENOSYS;
    }
}

static int64_t do_lock(int fd, int cmd, uint64_t arg)
{
    uint8_t *p = lock_user(arg, TARGET_FLOCK_SIZEOF,
                           cmd == F_GETLK || cmd == F_OFD_GETLK
                           ? PAGE_READ | PAGE_WRITE : PAGE_READ);
    struct flock fl;
    int64_t r;

    if (!p) {
        return -EFAULT;
    }
    memset(&fl, 0, sizeof(fl));
    fl.l_type = (int16_t)lduw_le_p(p);
    fl.l_whence = (int16_t)lduw_le_p(p + 2);
    fl.l_start = (int64_t)ldq_le_p(p + 8);
    fl.l_len = (int64_t)ldq_le_p(p + 16);
    fl.l_pid = (int32_t)ldl_le_p(p + 24);
    /* F_SETLKW and F_OFD_SETLKW wait: a guest signal must end the wait */
    r = safe_syscall6(SYS_fcntl, fd, cmd, (long)&fl, 0, 0, 0);
    if (r < 0) {
        return r;
    }
    if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
        stw_le_p(p, fl.l_type);
        stw_le_p(p + 2, fl.l_whence);
        stq_le_p(p + 8, fl.l_start);
        stq_le_p(p + 16, fl.l_len);
        stl_le_p(p + 24, fl.l_pid);
    }
    return 0;
}

/* -ENOSYS: not one of ours. */
static int64_t do_more_fcntl(int fd, int cmd, uint64_t arg)
{
    struct f_owner_ex ox;
    uint8_t *p;

    switch (cmd) {
    case F_GETLK: case F_SETLK: case F_SETLKW:
    case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
        return do_lock(fd, cmd, arg);
    case F_GETOWN: case F_GETSIG: case F_GETLEASE: case F_GETPIPE_SZ:
    case F_GET_SEALS:
        return errno_or(fcntl(fd, cmd));
    case F_SETOWN: case F_SETSIG: case F_SETLEASE: case F_NOTIFY:
    case F_SETPIPE_SZ: case F_ADD_SEALS:
        return errno_or(fcntl(fd, cmd, (int)arg));
    case F_GETOWN_EX:
    case F_SETOWN_EX:
        p = lock_user(arg, TARGET_F_OWNER_EX_SIZEOF,
                      cmd == F_GETOWN_EX ? PAGE_WRITE : PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        ox.type = (int32_t)ldl_le_p(p);
        ox.pid = (int32_t)ldl_le_p(p + 4);
        if (fcntl(fd, cmd, &ox) < 0) {
            return -errno;
        }
        if (cmd == F_GETOWN_EX) {
            stl_le_p(p, ox.type);
            stl_le_p(p + 4, ox.pid);
        }
        return 0;
    default:
        return -ENOSYS;
    }
}

int64_t do_ioctl_fcntl_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                               uint64_t a4, uint64_t a5, uint64_t a6)
{
    int64_t r = nr == TARGET_NR_ioctl ? do_more_ioctl((int)a1, a2, a3)
                                      : do_more_fcntl((int)a1, (int)a2, a3);

    if (r != -ENOSYS) {
        return r;
    }
    r = do_fs_syscall(nr, a1, a2, a3, a4, a5, a6);
    if (r == -ENOSYS && nr == TARGET_NR_ioctl) {
        qemu_log_mask(LOG_UNIMP, "Unsupported ioctl: fd %d cmd 0x%" PRIx64
                      "\n", (int)a1, a2);
        return -ENOTTY;
    }
    return r;
}
