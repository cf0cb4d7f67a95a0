/*
 * File-descriptor and path system calls: read/write/readv/writev,
 * pread64/pwrite64, open/openat/close/lseek, fstat/stat/lstat/newfstatat,
 * dup/dup3, fcntl, pipe/pipe2, ioctl (terminal queries), getdents64,
 * access/faccessat, readlink/readlinkat, getcwd,
 * chdir/fchdir, umask, unlink/unlinkat, mkdir/mkdirat, rename/renameat,
 * truncate/ftruncate, fsync/fdatasync, plus the -L sysroot prefix for
 * absolute paths.  /proc files we synthesise are proc.c's.
 *
 * Guest buffers are checked with lock_user() before the host call, so the
 * host kernel never writes outside what the guest may write.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu.h"
#include "proc.h"
#include "syscall-internal.h"
#include "e2k/syscall_nr.h"
#include "e2k/target_structs.h"

const char *interp_prefix;
char *target_exec_path;

/* Generic Linux ioctl numbers (the e2k ABI uses asm-generic's: see
   syscall-ioctl.c for the source). */
#define TARGET_TCGETS       0x5401
#define TARGET_TCSETS       0x5402
#define TARGET_TCSETSW      0x5403
#define TARGET_TCSETSF      0x5404
#define TARGET_TIOCGPGRP    0x540f
#define TARGET_TIOCGWINSZ   0x5413
#define TARGET_TIOCSWINSZ   0x5414
#define TARGET_FIONREAD     0x541b
/* Kernel struct termios (not glibc's): 4 flags, c_line, 19 c_cc. */
#define TARGET_TERMIOS_SIZEOF  36
#define TARGET_WINSIZE_SIZEOF  8

const char *path_with_prefix(const char *path, char *buf, size_t bufsize)
{
    if (interp_prefix && interp_prefix[0] && path[0] == '/') {
        int n = snprintf(buf, bufsize, "%s%s", interp_prefix, path);
        if (n > 0 && (size_t)n < bufsize && access(buf, F_OK) == 0) {
            return buf;
        }
    }
    return path;
}

/* Copy a guest path into @buf; 0 or -errno. */
static int get_path(uint64_t addr, char *buf, size_t bufsize)
{
    int64_t len = target_strlen(addr, bufsize - 1);

    if (len < 0) {
        return (int)len;
    }
    memcpy(buf, g2h(addr), len);
    buf[len] = 0;
    return 0;
}

static uint32_t encode_dev(dev_t dev)
{
    /* The kernel's new_encode_dev for 32-bit device numbers. */
    unsigned maj = major(dev), min = minor(dev);
    return (min & 0xff) | ((maj & 0xfff) << 8) | ((min & ~0xffu) << 12);
}

static int put_stat(uint64_t addr, const struct stat *st)
{
    uint8_t *p = lock_user(addr, TARGET_STAT_SIZEOF, PAGE_WRITE);

    if (!p) {
        return -EFAULT;
    }
    memset(p, 0, TARGET_STAT_SIZEOF);
    stl_le_p(p + TARGET_STAT_DEV, encode_dev(st->st_dev));
    stq_le_p(p + TARGET_STAT_INO, st->st_ino);
    stl_le_p(p + TARGET_STAT_MODE, st->st_mode);
    stl_le_p(p + TARGET_STAT_NLINK, st->st_nlink);
    stl_le_p(p + TARGET_STAT_UID, st->st_uid);
    stl_le_p(p + TARGET_STAT_GID, st->st_gid);
    stl_le_p(p + TARGET_STAT_RDEV, encode_dev(st->st_rdev));
    stq_le_p(p + TARGET_STAT_SIZE, st->st_size);
    stq_le_p(p + TARGET_STAT_BLKSIZE, st->st_blksize);
    stq_le_p(p + TARGET_STAT_BLOCKS, st->st_blocks);
    stq_le_p(p + TARGET_STAT_ATIME, st->st_atim.tv_sec);
    stq_le_p(p + TARGET_STAT_ATIME + 8, st->st_atim.tv_nsec);
    stq_le_p(p + TARGET_STAT_MTIME, st->st_mtim.tv_sec);
    stq_le_p(p + TARGET_STAT_MTIME + 8, st->st_mtim.tv_nsec);
    stq_le_p(p + TARGET_STAT_CTIME, st->st_ctim.tv_sec);
    stq_le_p(p + TARGET_STAT_CTIME + 8, st->st_ctim.tv_nsec);
    return 0;
}

static int64_t do_rw(bool is_write, int fd, uint64_t buf, uint64_t count)
{
    void *p;
    ssize_t n;

    if (count > SSIZE_MAX) {
        return -EINVAL;
    }
    p = lock_user(buf, count, is_write ? PAGE_READ : PAGE_WRITE);
    if (!p) {
        return -EFAULT;
    }
    /* may block: a guest signal must interrupt it (safe-syscall.c) */
    n = safe_syscall6(is_write ? SYS_write : SYS_read, fd, (long)p,
                      (long)count, 0, 0, 0);
    return n;
}

static int64_t do_rwv(bool is_write, int fd, uint64_t iov_addr, uint64_t cnt)
{
    /* On the stack: a fault on guest memory unwinds past us (-EFAULT). */
    struct iovec iov[TARGET_UIO_MAXIOV];
    const uint8_t *g;
    ssize_t n;
    uint64_t total = 0;

    if (cnt > TARGET_UIO_MAXIOV) {
        return -EINVAL;
    }
    if (cnt == 0) {
        return 0;
    }
    g = lock_user(iov_addr, cnt * TARGET_IOVEC_SIZEOF, PAGE_READ);
    if (!g) {
        return -EFAULT;
    }
    for (uint64_t i = 0; i < cnt; i++) {
        uint64_t base = ldq_le_p(g + i * TARGET_IOVEC_SIZEOF);
        uint64_t len = ldq_le_p(g + i * TARGET_IOVEC_SIZEOF + 8);
        if (len > SSIZE_MAX || total + len > SSIZE_MAX) {
            return -EINVAL;
        }
        total += len;
        iov[i].iov_len = len;
        iov[i].iov_base = lock_user(base, len,
                                    is_write ? PAGE_READ : PAGE_WRITE);
        if (!iov[i].iov_base) {
            return -EFAULT;
        }
    }
    n = safe_syscall6(is_write ? SYS_writev : SYS_readv, fd, (long)iov,
                      (long)cnt, 0, 0, 0);
    return n;
}

static int64_t do_openat(int dirfd, uint64_t path_addr, int flags, int mode)
{
    char path[PATH_MAX], full[PATH_MAX];
    int ret = get_path(path_addr, path, sizeof(path));
    int fd;

    if (ret < 0) {
        return ret;
    }
    if (proc_open(dirfd, path, flags & TARGET_O_VALID_MASK, mode, &fd)) {
        return fd;
    }
    /* a FIFO's open waits for the other end: a guest signal ends it */
    return safe_syscall6(SYS_openat, dirfd,
                         (long)path_with_prefix(path, full, sizeof(full)),
                         flags & TARGET_O_VALID_MASK, mode, 0, 0);
}

static int64_t do_fstatat(int dirfd, uint64_t path_addr, uint64_t st_addr,
                          int flags)
{
    char path[PATH_MAX], full[PATH_MAX];
    struct stat st;
    int ret = get_path(path_addr, path, sizeof(path));

    if (ret < 0) {
        return ret;
    }
    if (!page_check_range(st_addr, TARGET_STAT_SIZEOF, PAGE_WRITE)) {
        return -EFAULT;
    }
    if (fstatat(dirfd, path_with_prefix(path, full, sizeof(full)), &st,
                flags) < 0) {
        return -errno;
    }
    return put_stat(st_addr, &st);
}

static int64_t do_pio(bool is_write, int fd, uint64_t buf, uint64_t count,
                      int64_t off)
{
    void *p;
    ssize_t n;

    if (count > SSIZE_MAX || off < 0) {
        return -EINVAL;
    }
    p = lock_user(buf, count, is_write ? PAGE_READ : PAGE_WRITE);
    if (!p) {
        return -EFAULT;
    }
    n = safe_syscall6(is_write ? SYS_pwrite64 : SYS_pread64, fd, (long)p,
                      (long)count, (long)off, 0, 0);
    return n;
}

/* Only argument layouts we know to be identical on the host. */
static int64_t do_ioctl(int fd, uint64_t cmd, uint64_t arg)
{
    size_t size;
    int flags;
    void *p;
    long r;

    switch (cmd) {
    case TARGET_TCGETS:
        size = TARGET_TERMIOS_SIZEOF;
        flags = PAGE_WRITE;
        break;
    case TARGET_TCSETS:
    case TARGET_TCSETSW:
    case TARGET_TCSETSF:
        size = TARGET_TERMIOS_SIZEOF;
        flags = PAGE_READ;
        break;
    case TARGET_TIOCGWINSZ:
        size = TARGET_WINSIZE_SIZEOF;
        flags = PAGE_WRITE;
        break;
    case TARGET_TIOCSWINSZ:
        size = TARGET_WINSIZE_SIZEOF;
        flags = PAGE_READ;
        break;
    case TARGET_TIOCGPGRP:
    case TARGET_FIONREAD:
        size = 4;
        flags = PAGE_WRITE;
        break;
    default:
        return -ENOSYS;
    }
    p = lock_user(arg, size, flags);
    if (!p) {
        return -EFAULT;
    }
    /* TCSETSW/TCSETSF wait for the output to drain */
    r = safe_syscall6(SYS_ioctl, fd, (long)cmd, (long)p, 0, 0, 0);
    return r;
}

static int64_t do_fcntl(int fd, int cmd, uint64_t arg)
{
    int r;

    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_SETFD:
    case F_SETFL:
        r = fcntl(fd, cmd, (int)arg);
        break;
    case F_GETFD:
    case F_GETFL:
        r = fcntl(fd, cmd);
        break;
    default:
        return -EINVAL;
    }
    return r < 0 ? -errno : r;
}

static int64_t do_pipe2(uint64_t addr, int flags)
{
    uint8_t *p = lock_user(addr, 8, PAGE_WRITE);
    int fds[2];

    if (!p) {
        return -EFAULT;
    }
    if (pipe2(fds, flags) < 0) {
        return -errno;
    }
    stl_le_p(p, fds[0]);
    stl_le_p(p + 4, fds[1]);
    return 0;
}

static int64_t do_getdents64(int fd, uint64_t buf, uint64_t count)
{
    /* struct linux_dirent64 is the same on every 64-bit Linux. */
    void *p = lock_user(buf, count, PAGE_WRITE);
    long r;

    if (!p) {
        return -EFAULT;
    }
    r = syscall(SYS_getdents64, fd, p, (size_t)MIN(count, (uint64_t)INT_MAX));
    return r < 0 ? -errno : r;
}

static int64_t do_readlinkat(int dirfd, uint64_t path_addr, uint64_t buf,
                             uint64_t size)
{
    char path[PATH_MAX], full[PATH_MAX], target[PATH_MAX];
    int ret = get_path(path_addr, path, sizeof(path));
    ssize_t n;
    char *p;

    if (ret < 0) {
        return ret;
    }
    if ((int64_t)size <= 0) {
        return -EINVAL;
    }
    if (proc_readlink(dirfd, path, target, MIN(size, sizeof(target)), &n)) {
        /* The guest's executable (not qemu-e2k), a synthetic file. */
        if (n < 0) {
            return n;
        }
    } else {
        n = readlinkat(dirfd, path_with_prefix(path, full, sizeof(full)),
                       target, sizeof(target));
        if (n < 0) {
            return -errno;
        }
        n = MIN((uint64_t)n, size);
    }
    p = lock_user(buf, n, PAGE_WRITE);
    if (!p) {
        return -EFAULT;
    }
    memcpy(p, target, n);
    return n;
}

static int64_t do_getcwd(uint64_t buf, uint64_t size)
{
    char cwd[PATH_MAX];
    size_t len;
    char *p;

    if (!getcwd(cwd, sizeof(cwd))) {
        return -errno;
    }
    len = strlen(cwd) + 1;
    if (size < len) {
        return -ERANGE;
    }
    p = lock_user(buf, len, PAGE_WRITE);
    if (!p) {
        return -EFAULT;
    }
    memcpy(p, cwd, len);
    return len;
}

/* Calls taking one path (plus plain integers). */
static int64_t do_path_call(int nr, int dirfd, uint64_t path_addr,
                            uint64_t a, uint64_t b)
{
    char path[PATH_MAX], full[PATH_MAX];
    const char *hp;
    int ret = get_path(path_addr, path, sizeof(path));

    if (ret < 0) {
        return ret;
    }
    hp = path_with_prefix(path, full, sizeof(full));
    switch (nr) {
    case TARGET_NR_access:
    case TARGET_NR_faccessat:
        ret = faccessat(dirfd, hp, (int)a, 0);
        break;
    case TARGET_NR_unlink:
    case TARGET_NR_unlinkat:
        ret = unlinkat(dirfd, hp, (int)a);
        break;
    case TARGET_NR_rmdir:
        ret = unlinkat(dirfd, hp, AT_REMOVEDIR);
        break;
    case TARGET_NR_mkdir:
    case TARGET_NR_mkdirat:
        ret = mkdirat(dirfd, hp, (mode_t)a);
        break;
    case TARGET_NR_chdir:
        ret = chdir(hp);
        break;
    case TARGET_NR_truncate:
        ret = truncate(hp, (off_t)a);
        break;
    default:
        return -ENOSYS;
    }
    return ret < 0 ? -errno : ret;
}

static int64_t do_renameat(int olddir, uint64_t old_addr, int newdir,
                           uint64_t new_addr)
{
    char oldp[PATH_MAX], newp[PATH_MAX];
    char oldf[PATH_MAX], newf[PATH_MAX];
    int ret = get_path(old_addr, oldp, sizeof(oldp));

    if (ret < 0 || (ret = get_path(new_addr, newp, sizeof(newp))) < 0) {
        return ret;
    }
    ret = renameat(olddir, path_with_prefix(oldp, oldf, sizeof(oldf)),
                   newdir, path_with_prefix(newp, newf, sizeof(newf)));
    return ret < 0 ? -errno : 0;
}

#define RET_ERRNO(expr) ((expr) < 0 ? -errno : 0)

int64_t do_fs_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                      uint64_t a4, uint64_t a5, uint64_t a6)
{
    struct stat st;
    off_t off;
    int fd;

    switch (nr) {
    case TARGET_NR_read:
        return do_rw(false, (int)a1, a2, a3);
    case TARGET_NR_write:
        return do_rw(true, (int)a1, a2, a3);
    case TARGET_NR_readv:
        return do_rwv(false, (int)a1, a2, a3);
    case TARGET_NR_writev:
        return do_rwv(true, (int)a1, a2, a3);
    case TARGET_NR_open:
        return do_openat(AT_FDCWD, a1, (int)a2, (int)a3);
    case TARGET_NR_openat:
        return do_openat((int)a1, a2, (int)a3, (int)a4);
    case TARGET_NR_close:
        return close((int)a1) < 0 ? -errno : 0;
    case TARGET_NR_lseek:
        off = lseek((int)a1, (off_t)a2, (int)a3);
        return off < 0 ? -errno : off;
    case TARGET_NR_fstat:
        if (!page_check_range(a2, TARGET_STAT_SIZEOF, PAGE_WRITE)) {
            return -EFAULT;
        }
        if (fstat((int)a1, &st) < 0) {
            return -errno;
        }
        return put_stat(a2, &st);
    case TARGET_NR_stat:
        return do_fstatat(AT_FDCWD, a1, a2, 0);
    case TARGET_NR_lstat:
        return do_fstatat(AT_FDCWD, a1, a2, AT_SYMLINK_NOFOLLOW);
    case TARGET_NR_newfstatat:
        return do_fstatat((int)a1, a2, a3, (int)a4);
    case TARGET_NR_dup:
        fd = dup((int)a1);
        return fd < 0 ? -errno : fd;
    case TARGET_NR_dup3:
        fd = dup3((int)a1, (int)a2, (int)a3);
        return fd < 0 ? -errno : fd;
    case TARGET_NR_dup2:
        fd = dup2((int)a1, (int)a2);
        return fd < 0 ? -errno : fd;
    case TARGET_NR_pread64:
        return do_pio(false, (int)a1, a2, a3, (int64_t)a4);
    case TARGET_NR_pwrite64:
        return do_pio(true, (int)a1, a2, a3, (int64_t)a4);
    case TARGET_NR_ioctl:
        return do_ioctl((int)a1, a2, a3);
    case TARGET_NR_fcntl:
    case TARGET_NR_fcntl64:
        return do_fcntl((int)a1, (int)a2, a3);
    case TARGET_NR_pipe:
        return do_pipe2(a1, 0);
    case TARGET_NR_pipe2:
        return do_pipe2(a1, (int)a2);
    case TARGET_NR_getdents64:
        return do_getdents64((int)a1, a2, a3);
    case TARGET_NR_readlink:
        return do_readlinkat(AT_FDCWD, a1, a2, a3);
    case TARGET_NR_readlinkat:
        return do_readlinkat((int)a1, a2, a3, a4);
    case TARGET_NR_getcwd:
        return do_getcwd(a1, a2);
    case TARGET_NR_access:
        return do_path_call(nr, AT_FDCWD, a1, a2, 0);
    case TARGET_NR_faccessat:
        return do_path_call(nr, (int)a1, a2, a3, 0);
    case TARGET_NR_unlink:
        return do_path_call(nr, AT_FDCWD, a1, 0, 0);
    case TARGET_NR_unlinkat:
        return do_path_call(nr, (int)a1, a2, a3, 0);
    case TARGET_NR_rmdir:
        return do_path_call(nr, AT_FDCWD, a1, 0, 0);
    case TARGET_NR_mkdir:
        return do_path_call(nr, AT_FDCWD, a1, a2, 0);
    case TARGET_NR_mkdirat:
        return do_path_call(nr, (int)a1, a2, a3, 0);
    case TARGET_NR_chdir:
        return do_path_call(nr, AT_FDCWD, a1, 0, 0);
    case TARGET_NR_truncate:
        return do_path_call(nr, AT_FDCWD, a1, a2, 0);
    case TARGET_NR_rename:
        return do_renameat(AT_FDCWD, a1, AT_FDCWD, a2);
    case TARGET_NR_renameat:
        return do_renameat((int)a1, a2, (int)a3, a4);
    case TARGET_NR_fchdir:
        return RET_ERRNO(fchdir((int)a1));
    case TARGET_NR_ftruncate:
        return RET_ERRNO(ftruncate((int)a1, (off_t)a2));
    case TARGET_NR_fsync:
        return RET_ERRNO(fsync((int)a1));
    case TARGET_NR_fdatasync:
        return RET_ERRNO(fdatasync((int)a1));
    case TARGET_NR_umask:
        return umask((mode_t)a1 & 0777);
    default:
        (void)a5;
        (void)a6;
        return -ENOSYS;
    }
}
