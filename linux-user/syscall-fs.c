/*
 * File-descriptor and path system calls: read/write/readv/writev,
 * open/openat/close/lseek, fstat/stat/lstat/newfstatat, dup/dup3, plus
 * the -L sysroot prefix for absolute paths.
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
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu.h"
#include "syscall-internal.h"
#include "e2k/syscall_nr.h"
#include "e2k/target_structs.h"

const char *interp_prefix;

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
    n = is_write ? write(fd, p, count) : read(fd, p, count);
    return n < 0 ? -errno : n;
}

static int64_t do_rwv(bool is_write, int fd, uint64_t iov_addr, uint64_t cnt)
{
    struct iovec *iov;
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
    iov = g_new(struct iovec, cnt);
    for (uint64_t i = 0; i < cnt; i++) {
        uint64_t base = ldq_le_p(g + i * TARGET_IOVEC_SIZEOF);
        uint64_t len = ldq_le_p(g + i * TARGET_IOVEC_SIZEOF + 8);
        if (len > SSIZE_MAX || total + len > SSIZE_MAX) {
            g_free(iov);
            return -EINVAL;
        }
        total += len;
        iov[i].iov_len = len;
        iov[i].iov_base = lock_user(base, len,
                                    is_write ? PAGE_READ : PAGE_WRITE);
        if (!iov[i].iov_base) {
            g_free(iov);
            return -EFAULT;
        }
    }
    n = is_write ? writev(fd, iov, cnt) : readv(fd, iov, cnt);
    g_free(iov);
    return n < 0 ? -errno : n;
}

static int64_t do_openat(int dirfd, uint64_t path_addr, int flags, int mode)
{
    char path[PATH_MAX], full[PATH_MAX];
    int ret = get_path(path_addr, path, sizeof(path));
    int fd;

    if (ret < 0) {
        return ret;
    }
    fd = openat(dirfd, path_with_prefix(path, full, sizeof(full)),
                flags & TARGET_O_VALID_MASK, mode);
    return fd < 0 ? -errno : fd;
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
    default:
        (void)a5;
        (void)a6;
        return -ENOSYS;
    }
}
