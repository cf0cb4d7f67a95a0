/*
 * More file and memory system calls, beside syscall-fs.c's basics:
 * statx, statfs/fstatfs(64), permissions and owners (chmod, fchmod,
 * fchmodat, chown, fchown, lchown, fchownat), links (link, linkat,
 * symlink, symlinkat), mknod/mknodat, creat, utimensat and the older
 * utime/utimes/futimesat, renameat2, the extended
 * attributes (set/get/list/remove, plain, l- and f- forms), fallocate,
 * flock, sendfile(64), copy_file_range, splice, tee, vmsplice,
 * preadv/pwritev/preadv2/pwritev2, getdents (the old form), readahead,
 * fadvise64(_64), sync_file_range, syncfs, memfd_create, getrandom,
 * mincore, msync, mlock/mlock2/munlock/mlockall/munlockall.
 *
 * Layouts: struct statx is the same on every Linux and is copied as the
 * host fills it; struct statfs of a 64-bit e2k program is asm-generic's,
 * the x86-64 one field for field (written out explicitly); off_t and
 * loff_t pointers hold one 64-bit little-endian word.  Paths go through
 * the -L prefix (path_with_prefix) like syscall-fs.c's; memory calls act
 * on the host view of guest pages and refuse ranges the guest has not
 * mapped (ENOMEM, as the kernel).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu.h"
#include "syscall-internal.h"
#include "e2k/syscall_nr.h"
#include "e2k/target_structs.h"

#define TARGET_STATFS_SIZEOF    120
#define TARGET_STATX_SIZEOF     256
#define TARGET_XATTR_SIZE_MAX   65536
#define TARGET_AT_FDCWD         -100

int target_get_path(uint64_t addr, char *buf, size_t size)
{
    int64_t len = target_strlen(addr, size - 1);

    if (len < 0) {
        return (int)len;
    }
    memcpy(buf, g2h(addr), len);
    buf[len] = 0;
    return 0;
}

/* A guest path into @buf, then the host path to use (-L applied). */
#define GUEST_PATH(addr, buf, full)                                         \
    ({                                                                      \
        int r_ = target_get_path((addr), (buf), sizeof(buf));               \
        r_ < 0 ? (const char *)NULL                                         \
               : path_with_prefix((buf), (full), sizeof(full));             \
    })

static int64_t errno_or(int64_t r)
{
    return r < 0 ? -errno : r;
}

static int put_statfs(uint64_t addr, const struct statfs *st)
{
    uint8_t *p = lock_user(addr, TARGET_STATFS_SIZEOF, PAGE_WRITE);
    int fsid[2];

    if (!p) {
        return -EFAULT;
    }
    memset(p, 0, TARGET_STATFS_SIZEOF);
    memcpy(fsid, &st->f_fsid, sizeof(fsid));
    stq_le_p(p + 0, st->f_type);
    stq_le_p(p + 8, st->f_bsize);
    stq_le_p(p + 16, st->f_blocks);
    stq_le_p(p + 24, st->f_bfree);
    stq_le_p(p + 32, st->f_bavail);
    stq_le_p(p + 40, st->f_files);
    stq_le_p(p + 48, st->f_ffree);
    stl_le_p(p + 56, fsid[0]);
    stl_le_p(p + 60, fsid[1]);
    stq_le_p(p + 64, st->f_namelen);
    stq_le_p(p + 72, st->f_frsize);
    stq_le_p(p + 80, st->f_flags);
    return 0;
}

/* Are [addr, addr+len) all mapped guest pages? */
static bool guest_range_mapped(uint64_t addr, uint64_t len)
{
    uint64_t a;

    if (addr & (TARGET_PAGE_SIZE - 1)) {
        return false;
    }
    if (!guest_range_valid(addr, len)) {
        return false;
    }
    for (a = addr; a < addr + len; a += TARGET_PAGE_SIZE) {
        if (!(page_get_flags(a) & PAGE_VALID)) {
            return false;
        }
    }
    return true;
}

static int64_t do_xattr(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                        uint64_t a4, uint64_t a5)
{
    char path[PATH_MAX], full[PATH_MAX], name[256];
    const char *hp = NULL;
    void *val = NULL;
    int fd = -1, r;
    bool is_f = nr == TARGET_NR_fsetxattr || nr == TARGET_NR_fgetxattr ||
                nr == TARGET_NR_flistxattr || nr == TARGET_NR_fremovexattr;
    bool is_list = nr == TARGET_NR_listxattr || nr == TARGET_NR_llistxattr ||
                   nr == TARGET_NR_flistxattr;

    if (is_f) {
        fd = (int)a1;
    } else {
        hp = GUEST_PATH(a1, path, full);
        if (!hp) {
            return -EFAULT;
        }
    }
    if (is_list) {
        /* (path, list, size) */
        if (a3 > TARGET_XATTR_SIZE_MAX) {
            a3 = TARGET_XATTR_SIZE_MAX;
        }
        if (a3 && !(val = lock_user(a2, a3, PAGE_WRITE))) {
            return -EFAULT;
        }
        switch (nr) {
        case TARGET_NR_listxattr:
            return errno_or(listxattr(hp, val, a3));
        case TARGET_NR_llistxattr:
            return errno_or(llistxattr(hp, val, a3));
        default:
            return errno_or(flistxattr(fd, val, a3));
        }
    }
    r = target_get_path(a2, name, sizeof(name));
    if (r < 0) {
        return r == -ENAMETOOLONG ? -ERANGE : r;
    }
    switch (nr) {
    case TARGET_NR_setxattr:
    case TARGET_NR_lsetxattr:
    case TARGET_NR_fsetxattr:
        /* (path, name, value, size, flags) */
        if (a4 > TARGET_XATTR_SIZE_MAX) {
            return -E2BIG;
        }
        if (a4 && !(val = lock_user(a3, a4, PAGE_READ))) {
            return -EFAULT;
        }
        return errno_or(nr == TARGET_NR_setxattr ?
                        setxattr(hp, name, val, a4, (int)a5) :
                        nr == TARGET_NR_lsetxattr ?
                        lsetxattr(hp, name, val, a4, (int)a5) :
                        fsetxattr(fd, name, val, a4, (int)a5));
    case TARGET_NR_getxattr:
    case TARGET_NR_lgetxattr:
    case TARGET_NR_fgetxattr:
        if (a4 > TARGET_XATTR_SIZE_MAX) {
            a4 = TARGET_XATTR_SIZE_MAX;
        }
        if (a4 && !(val = lock_user(a3, a4, PAGE_WRITE))) {
            return -EFAULT;
        }
        return errno_or(nr == TARGET_NR_getxattr ?
                        getxattr(hp, name, val, a4) :
                        nr == TARGET_NR_lgetxattr ?
                        lgetxattr(hp, name, val, a4) :
                        fgetxattr(fd, name, val, a4));
    default:
        return errno_or(nr == TARGET_NR_removexattr ? removexattr(hp, name) :
                        nr == TARGET_NR_lremovexattr ?
                        lremovexattr(hp, name) : fremovexattr(fd, name));
    }
}

/* An optional in/out 64-bit offset of sendfile/copy_file_range. */
static int get_off(uint64_t addr, loff_t *off, loff_t **p)
{
    const uint8_t *g;

    *p = NULL;
    if (!addr) {
        return 0;
    }
    g = lock_user(addr, 8, PAGE_READ | PAGE_WRITE);
    if (!g) {
        return -EFAULT;
    }
    *off = (loff_t)ldq_le_p(g);
    *p = off;
    return 0;
}

static void put_off(uint64_t addr, loff_t off)
{
    uint8_t *g = addr ? lock_user(addr, 8, PAGE_WRITE) : NULL;

    if (g) {
        stq_le_p(g, off);
    }
}

/* preadv/pwritev, and preadv2/pwritev2 (@v2) with their RWF_* @flags
   and offset -1 for the file position. */
static int64_t do_preadv_pwritev(bool is_write, int fd, uint64_t iov_addr,
                                 uint64_t cnt, int64_t off, bool v2,
                                 int flags)
{
    struct iovec iov[TARGET_UIO_MAXIOV];
    const uint8_t *g;
    uint64_t total = 0;

    if (cnt > TARGET_UIO_MAXIOV) {
        return -EINVAL;
    }
    g = cnt ? lock_user(iov_addr, cnt * TARGET_IOVEC_SIZEOF, PAGE_READ)
            : NULL;
    if (cnt && !g) {
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
    /* (fd, iov, cnt, offset low, offset high): on a 64-bit host the
       low word holds all of it */
    if (v2) {
        return safe_syscall6(is_write ? SYS_pwritev2 : SYS_preadv2, fd,
                             (long)iov, (long)cnt, (long)off, 0, flags);
    }
    return safe_syscall6(is_write ? SYS_pwritev : SYS_preadv, fd, (long)iov,
                         (long)cnt, (long)off, 0, 0);
}

int64_t do_file_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                        uint64_t a4, uint64_t a5, uint64_t a6)
{
    char path[PATH_MAX], full[PATH_MAX], path2[PATH_MAX], full2[PATH_MAX];
    const char *hp, *hp2;
    struct statfs sfs;
    loff_t o1, o2, *p1, *p2;
    int64_t r;

    switch (nr) {
    case TARGET_NR_statx: {
        /* (dirfd, path, flags, mask, buf) */
        struct statx stx;
        uint8_t *out;
        hp = GUEST_PATH(a2, path, full);
        if (!hp) {
            return -EFAULT;
        }
        out = lock_user(a5, TARGET_STATX_SIZEOF, PAGE_WRITE);
        if (!out) {
            return -EFAULT;
        }
        if (statx((int)a1, hp, (int)a3, (unsigned)a4, &stx) < 0) {
            return -errno;
        }
        memcpy(out, &stx, TARGET_STATX_SIZEOF);
        return 0;
    }
    case TARGET_NR_statfs:
    case TARGET_NR_statfs64:
        hp = GUEST_PATH(a1, path, full);
        if (!hp) {
            return -EFAULT;
        }
        if (nr == TARGET_NR_statfs64 && a2 != TARGET_STATFS_SIZEOF) {
            return -EINVAL;
        }
        if (statfs(hp, &sfs) < 0) {
            return -errno;
        }
        return put_statfs(nr == TARGET_NR_statfs64 ? a3 : a2, &sfs);
    case TARGET_NR_fstatfs:
    case TARGET_NR_fstatfs64:
        if (nr == TARGET_NR_fstatfs64 && a2 != TARGET_STATFS_SIZEOF) {
            return -EINVAL;
        }
        if (fstatfs((int)a1, &sfs) < 0) {
            return -errno;
        }
        return put_statfs(nr == TARGET_NR_fstatfs64 ? a3 : a2, &sfs);

    case TARGET_NR_chmod:
        hp = GUEST_PATH(a1, path, full);
        return hp ? errno_or(chmod(hp, (mode_t)a2)) : -EFAULT;
    case TARGET_NR_fchmod:
        return errno_or(fchmod((int)a1, (mode_t)a2));
    case TARGET_NR_fchmodat:
        hp = GUEST_PATH(a2, path, full);
        return hp ? errno_or(fchmodat((int)a1, hp, (mode_t)a3, 0)) : -EFAULT;
    case TARGET_NR_chown:
    case TARGET_NR_lchown:
        hp = GUEST_PATH(a1, path, full);
        if (!hp) {
            return -EFAULT;
        }
        return errno_or(nr == TARGET_NR_chown ?
                        chown(hp, (uid_t)a2, (gid_t)a3) :
                        lchown(hp, (uid_t)a2, (gid_t)a3));
    case TARGET_NR_fchown:
        return errno_or(fchown((int)a1, (uid_t)a2, (gid_t)a3));
    case TARGET_NR_fchownat:
        hp = GUEST_PATH(a2, path, full);
        return hp ? errno_or(fchownat((int)a1, hp, (uid_t)a3, (gid_t)a4,
                                      (int)a5)) : -EFAULT;

    case TARGET_NR_link:
    case TARGET_NR_symlink:
        hp = GUEST_PATH(a1, path, full);
        hp2 = hp ? GUEST_PATH(a2, path2, full2) : NULL;
        if (!hp2) {
            return -EFAULT;
        }
        /* a symbolic link's contents are the guest's text, unprefixed */
        return errno_or(nr == TARGET_NR_link ? link(hp, hp2)
                                             : symlink(path, hp2));
    case TARGET_NR_linkat:
        hp = GUEST_PATH(a2, path, full);
        hp2 = hp ? GUEST_PATH(a4, path2, full2) : NULL;
        return hp2 ? errno_or(linkat((int)a1, hp, (int)a3, hp2, (int)a5))
                   : -EFAULT;
    case TARGET_NR_symlinkat:
        r = target_get_path(a1, path, sizeof(path));
        hp2 = r == 0 ? GUEST_PATH(a3, path2, full2) : NULL;
        return hp2 ? errno_or(symlinkat(path, (int)a2, hp2)) : -EFAULT;
    case TARGET_NR_mknod:
        hp = GUEST_PATH(a1, path, full);
        return hp ? errno_or(mknod(hp, (mode_t)a2, (dev_t)a3)) : -EFAULT;
    case TARGET_NR_mknodat:
        hp = GUEST_PATH(a2, path, full);
        return hp ? errno_or(mknodat((int)a1, hp, (mode_t)a3, (dev_t)a4))
                  : -EFAULT;
    case TARGET_NR_utimensat: {
        /* (dirfd, path or NULL, times[2] or NULL, flags) */
        struct timespec ts[2], *tsp = NULL;
        hp = NULL;
        if (a2) {
            hp = GUEST_PATH(a2, path, full);
            if (!hp) {
                return -EFAULT;
            }
        }
        if (a3) {
            const uint8_t *t = lock_user(a3, 2 * TARGET_TIMESPEC_SIZEOF,
                                         PAGE_READ);
            if (!t) {
                return -EFAULT;
            }
            for (int i = 0; i < 2; i++) {
                ts[i].tv_sec = ldq_le_p(t + 16 * i);
                ts[i].tv_nsec = ldq_le_p(t + 16 * i + 8);
            }
            tsp = ts;
        }
        return errno_or(syscall(SYS_utimensat, (int)a1, hp, tsp, (int)a4));
    }
    case TARGET_NR_utime:
    case TARGET_NR_utimes:
    case TARGET_NR_futimesat: {
        /* utime(path, {actime, modtime} seconds); utimes/futimesat
           (dirfd,) path, two struct timeval; NULL: now */
        struct timespec ts[2], *tsp = NULL;
        int dirfd = nr == TARGET_NR_futimesat ? (int)a1 : TARGET_AT_FDCWD;
        uint64_t pa = nr == TARGET_NR_futimesat ? a2 : a1;
        uint64_t ta = nr == TARGET_NR_futimesat ? a3 : a2;
        hp = GUEST_PATH(pa, path, full);
        if (!hp) {
            return -EFAULT;
        }
        if (ta) {
            const uint8_t *t = lock_user(ta, nr == TARGET_NR_utime ? 16 : 32,
                                         PAGE_READ);
            if (!t) {
                return -EFAULT;
            }
            for (int i = 0; i < 2; i++) {
                if (nr == TARGET_NR_utime) {
                    ts[i].tv_sec = ldq_le_p(t + 8 * i);
                    ts[i].tv_nsec = 0;
                } else {
                    ts[i].tv_sec = ldq_le_p(t + 16 * i);
                    ts[i].tv_nsec = ldq_le_p(t + 16 * i + 8);
                    if (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= 1000000) {
                        return -EINVAL;
                    }
                    ts[i].tv_nsec *= 1000;
                }
            }
            tsp = ts;
        }
        return errno_or(utimensat(dirfd, hp, tsp, 0));
    }
    case TARGET_NR_creat:
        hp = GUEST_PATH(a1, path, full);
        return hp ? errno_or(creat(hp, (mode_t)a2)) : -EFAULT;
    case TARGET_NR_renameat2:
        hp = GUEST_PATH(a2, path, full);
        hp2 = hp ? GUEST_PATH(a4, path2, full2) : NULL;
        return hp2 ? errno_or(renameat2((int)a1, hp, (int)a3, hp2,
                                        (unsigned)a5)) : -EFAULT;

    case TARGET_NR_setxattr: case TARGET_NR_lsetxattr:
    case TARGET_NR_fsetxattr: case TARGET_NR_getxattr:
    case TARGET_NR_lgetxattr: case TARGET_NR_fgetxattr:
    case TARGET_NR_listxattr: case TARGET_NR_llistxattr:
    case TARGET_NR_flistxattr: case TARGET_NR_removexattr:
    case TARGET_NR_lremovexattr: case TARGET_NR_fremovexattr:
        return do_xattr(nr, a1, a2, a3, a4, a5);

    case TARGET_NR_fallocate:
        return errno_or(fallocate((int)a1, (int)a2, (off_t)a3, (off_t)a4));
    case TARGET_NR_flock:
        return safe_syscall6(SYS_flock, (int)a1, (int)a2, 0, 0, 0, 0);
    case TARGET_NR_sendfile:
    case TARGET_NR_sendfile64:
        if ((r = get_off(a3, &o1, &p1)) < 0) {
            return r;
        }
        r = sendfile((int)a1, (int)a2, p1, a4);
        if (r >= 0 && p1) {
            put_off(a3, o1);
        }
        return errno_or(r);
    case TARGET_NR_copy_file_range:
        if ((r = get_off(a2, &o1, &p1)) < 0 ||
            (r = get_off(a4, &o2, &p2)) < 0) {
            return r;
        }
        r = copy_file_range((int)a1, p1, (int)a3, p2, a5, (unsigned)a6);
        if (r >= 0) {
            if (p1) {
                put_off(a2, o1);
            }
            if (p2) {
                put_off(a4, o2);
            }
        }
        return errno_or(r);
    case TARGET_NR_splice:
        /* (fd_in, off_in*, fd_out, off_out*, len, flags) */
        if ((r = get_off(a2, &o1, &p1)) < 0 ||
            (r = get_off(a4, &o2, &p2)) < 0) {
            return r;
        }
        r = splice((int)a1, p1, (int)a3, p2, a5, (unsigned)a6);
        if (r >= 0) {
            if (p1) {
                put_off(a2, o1);
            }
            if (p2) {
                put_off(a4, o2);
            }
        }
        return errno_or(r);
    case TARGET_NR_tee:
        return errno_or(tee((int)a1, (int)a2, a3, (unsigned)a4));
    case TARGET_NR_vmsplice: {
        /* (fd, iov, nr, flags): the guest iovecs as host ones */
        struct iovec iov[TARGET_UIO_MAXIOV];
        const uint8_t *g;
        if (a3 > TARGET_UIO_MAXIOV) {
            return -EINVAL;
        }
        g = a3 ? lock_user(a2, a3 * TARGET_IOVEC_SIZEOF, PAGE_READ) : NULL;
        if (a3 && !g) {
            return -EFAULT;
        }
        for (uint64_t i = 0; i < a3; i++) {
            uint64_t base = ldq_le_p(g + i * TARGET_IOVEC_SIZEOF);
            uint64_t len = ldq_le_p(g + i * TARGET_IOVEC_SIZEOF + 8);
            /* into a pipe the pages are read; out of one, written */
            iov[i].iov_base = lock_user(base, len, PAGE_READ);
            iov[i].iov_len = len;
            if (!iov[i].iov_base && len) {
                return -EFAULT;
            }
        }
        return errno_or(vmsplice((int)a1, iov, a3, (unsigned)a4));
    }
    case TARGET_NR_getdents: {
        /* the old struct linux_dirent: the same on 64-bit e2k and
           x86-64 (ino, off, reclen, name, type in the last byte) */
        void *p = lock_user(a2, a3, PAGE_WRITE);
        if (!p && a3) {
            return -EFAULT;
        }
        return errno_or(syscall(SYS_getdents, (int)a1, p, (unsigned)a3));
    }
    case TARGET_NR_preadv:
    case TARGET_NR_pwritev:
        return do_preadv_pwritev(nr == TARGET_NR_pwritev, (int)a1, a2, a3,
                                 (int64_t)a4, false, 0);
    case TARGET_NR_preadv2:
    case TARGET_NR_pwritev2:
        /* (fd, iov, cnt, pos_l, pos_h, flags): pos_l is all of it */
        return do_preadv_pwritev(nr == TARGET_NR_pwritev2, (int)a1, a2, a3,
                                 (int64_t)a4, true, (int)a6);
    case TARGET_NR_readahead:
        return errno_or(readahead((int)a1, (off64_t)a2, a3));
    case TARGET_NR_fadvise64:
    case TARGET_NR_fadvise64_64:
        return -posix_fadvise((int)a1, (off_t)a2, (off_t)a3, (int)a4);
    case TARGET_NR_sync_file_range:
        return errno_or(sync_file_range((int)a1, (off64_t)a2, (off64_t)a3,
                                        (unsigned)a4));
    case TARGET_NR_syncfs:
        return errno_or(syncfs((int)a1));
    case TARGET_NR_memfd_create:
        r = target_get_path(a1, path, sizeof(path));
        if (r < 0) {
            return r == -ENAMETOOLONG ? -EINVAL : r;
        }
        return errno_or(memfd_create(path, (unsigned)a2));
    case TARGET_NR_getrandom: {
        void *buf = a2 ? lock_user(a1, a2, PAGE_WRITE) : g2h(a1);
        if (!buf) {
            return -EFAULT;
        }
        return errno_or(getrandom(buf, a2, (unsigned)a3));
    }

    case TARGET_NR_mincore: {
        uint64_t pages = (a2 + TARGET_PAGE_SIZE - 1) / TARGET_PAGE_SIZE;
        uint8_t *vec;
        if (a1 & (TARGET_PAGE_SIZE - 1)) {
            return -EINVAL;
        }
        vec = lock_user(a3, pages ? pages : 1, PAGE_WRITE);
        if (!vec) {
            return -EFAULT;
        }
        if (!guest_range_mapped(a1, pages * TARGET_PAGE_SIZE)) {
            return -ENOMEM;
        }
        return errno_or(mincore(g2h(a1), a2, vec));
    }
    case TARGET_NR_msync:
        if (a1 & (TARGET_PAGE_SIZE - 1)) {
            return -EINVAL;
        }
        if (!guest_range_mapped(a1, TARGET_PAGE_ALIGN(a2))) {
            return -ENOMEM;
        }
        return errno_or(msync(g2h(a1), a2, (int)a3));
    case TARGET_NR_mlock:
    case TARGET_NR_munlock:
    case TARGET_NR_mlock2: {
        uint64_t lo = a1 & TARGET_PAGE_MASK;
        uint64_t hi = TARGET_PAGE_ALIGN(a1 + a2);
        if (a1 + a2 < a1 || !guest_range_mapped(lo, hi - lo)) {
            return -ENOMEM;
        }
        return errno_or(nr == TARGET_NR_mlock ? mlock(g2h(lo), hi - lo) :
                        nr == TARGET_NR_munlock ? munlock(g2h(lo), hi - lo) :
                        mlock2(g2h(lo), hi - lo, (unsigned)a3));
    }
    case TARGET_NR_mlockall:
        /* the emulator's own memory is locked too, as QEMU does */
        return errno_or(mlockall((int)a1));
    case TARGET_NR_munlockall:
        return errno_or(munlockall());
    default:
        return -ENOSYS;
    }
}
