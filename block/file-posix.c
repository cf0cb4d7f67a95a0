/*
 * The `file` protocol: a host file accessed with pread/pwrite, holes via
 * fallocate (punch-hole for discard and unmapping zero writes, zero-range
 * otherwise), SEEK_DATA/SEEK_HOLE for block status, O_DIRECT for
 * cache=none (unaligned requests bounce through an aligned buffer),
 * aio=native / aio=io_uring through the engines of file-aio.c, and
 * QEMU-compatible image locking with open file description locks.
 *
 * Locking (the same bytes QEMU uses, so both tools see each other): for
 * each permission bit p we hold a shared lock on byte 100+p while we use
 * it and on byte 200+p while we refuse to share it.  Before taking them we
 * test that nobody refuses what we use and nobody uses what we refuse.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "block/block_int.h"
#include "block/file-aio.h"
#include "qemu/cutils.h"

#define LOCK_PERM_BASE   100
#define LOCK_SHARED_BASE 200

enum {
    PERM_CONSISTENT_READ = 0,
    PERM_WRITE = 1,
    PERM_WRITE_UNCHANGED = 2,
    PERM_RESIZE = 3,
    PERM_COUNT = 4,
};

static const char *const perm_names[PERM_COUNT] = {
    "consistent read", "write", "write unchanged", "resize",
};

typedef struct FileState {
    int fd;
    bool direct;
    bool no_flush;
    bool has_punch;
    bool has_zero_range;
    GMutex rmw_lock;            /* unaligned O_DIRECT read-modify-write */
    FileAio *aio;               /* NULL: aio=threads, plain pread/pwrite */
} FileState;

static int lock_byte(int fd, int64_t byte, bool lock)
{
    struct flock fl = {
        .l_whence = SEEK_SET,
        .l_start = byte,
        .l_len = 1,
        .l_type = lock ? F_RDLCK : F_UNLCK,
    };
    return fcntl(fd, F_OFD_SETLK, &fl) < 0 ? -errno : 0;
}

/* Is @byte locked by another open file description? */
static bool byte_locked_by_other(int fd, int64_t byte)
{
    struct flock fl = {
        .l_whence = SEEK_SET,
        .l_start = byte,
        .l_len = 1,
        .l_type = F_WRLCK,
    };
    if (fcntl(fd, F_OFD_GETLK, &fl) < 0) {
        return false;
    }
    return fl.l_type != F_UNLCK;
}

static int file_apply_locks(BlockDriverState *bs, int fd, int flags,
                            Error **errp)
{
    unsigned perm, shared;
    if (flags & (BDRV_O_FORCE_SHARE | BDRV_O_NO_LOCKING)) {
        return 0;
    }
    if (flags & BDRV_O_RDWR) {
        perm = (1u << PERM_CONSISTENT_READ) | (1u << PERM_WRITE) |
               (1u << PERM_WRITE_UNCHANGED) | (1u << PERM_RESIZE);
        shared = (1u << PERM_WRITE_UNCHANGED);
    } else {
        perm = 1u << PERM_CONSISTENT_READ;
        shared = (1u << PERM_CONSISTENT_READ) | (1u << PERM_WRITE_UNCHANGED) |
                 (1u << PERM_RESIZE);
    }
    shared |= 1u << PERM_CONSISTENT_READ;
    for (int p = 0; p < PERM_COUNT; p++) {
        if ((perm & (1u << p)) && byte_locked_by_other(fd, LOCK_SHARED_BASE + p)) {
            error_setg(errp, "Failed to get \"%s\" lock", perm_names[p]);
            error_append_hint(errp, "Is another process using the image [%s]?\n",
                              bs->filename);
            return -EAGAIN;
        }
    }
    for (int p = 0; p < PERM_COUNT; p++) {
        if (!(shared & (1u << p)) && byte_locked_by_other(fd, LOCK_PERM_BASE + p)) {
            error_setg(errp, "Failed to get shared \"%s\" lock", perm_names[p]);
            error_append_hint(errp, "Is another process using the image [%s]?\n",
                              bs->filename);
            return -EAGAIN;
        }
    }
    for (int p = 0; p < PERM_COUNT; p++) {
        int ret = 0;
        if (perm & (1u << p)) {
            ret = lock_byte(fd, LOCK_PERM_BASE + p, true);
        }
        if (ret == 0 && !(shared & (1u << p))) {
            ret = lock_byte(fd, LOCK_SHARED_BASE + p, true);
        }
        if (ret == -EINVAL || ret == -ENOTSUP) {
            return 0;   /* filesystem without OFD locks: run unlocked */
        }
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Failed to lock byte %d",
                             LOCK_PERM_BASE + p);
            return ret;
        }
    }
    return 0;
}

/* -i native|io_uring: QEMU's preconditions, then the engine. */
static int file_open_aio(FileState *s, int flags, Error **errp)
{
    FileAioMode mode = (flags & BDRV_O_NATIVE_AIO) ? FILE_AIO_NATIVE
                       : (flags & BDRV_O_IO_URING) ? FILE_AIO_IO_URING
                       : FILE_AIO_THREADS;
    if (mode == FILE_AIO_THREADS) {
        return 0;
    }
    if (mode == FILE_AIO_NATIVE && !s->direct) {
        error_setg(errp, "aio=native was specified, but it requires "
                   "cache.direct=on, which was not specified.");
        return -EINVAL;
    }
    if (!file_aio_available(mode)) {
        error_setg(errp, "aio=%s is not supported by this build: configure "
                   "found no %s", file_aio_mode_name(mode),
                   mode == FILE_AIO_NATIVE ? "libaio (Debian libaio-dev)"
                                           : "liburing (Debian liburing-dev)");
        return -ENOTSUP;
    }
    s->aio = file_aio_new(s->fd, mode, errp);
    return s->aio ? 0 : -EIO;
}

static int file_open(BlockDriverState *bs, QemuOpts *opts, int flags,
                     Error **errp)
{
    FileState *s = bs->opaque;
    int oflags = O_CLOEXEC | ((flags & BDRV_O_RDWR) ? O_RDWR : O_RDONLY);
    if (flags & BDRV_O_NOCACHE) {
        oflags |= O_DIRECT;
    }
    s->fd = open(bs->filename, oflags);
    if (s->fd < 0 && errno == EROFS && (flags & BDRV_O_RDWR)) {
        errno = EROFS;
    }
    if (s->fd < 0) {
        int err = errno;
        error_setg_errno(errp, err, "Could not open '%s'", bs->filename);
        return -err;
    }
    struct stat st;
    if (fstat(s->fd, &st) < 0 || S_ISDIR(st.st_mode)) {
        error_setg(errp, "'%s' is not a regular file or block device",
                   bs->filename);
        close(s->fd);
        return -EINVAL;
    }
    int ret = file_apply_locks(bs, s->fd, flags, errp);
    if (ret < 0) {
        close(s->fd);
        return ret;
    }
    s->direct = flags & BDRV_O_NOCACHE;
    ret = file_open_aio(s, flags, errp);
    if (ret < 0) {
        close(s->fd);
        return ret;
    }
    s->no_flush = flags & BDRV_O_NO_FLUSH;
    s->has_punch = true;
    s->has_zero_range = true;
    bs->request_alignment = s->direct ? 4096 : 1;
    g_mutex_init(&s->rmw_lock);
    return 0;
}

static void file_close(BlockDriverState *bs)
{
    FileState *s = bs->opaque;
    file_aio_free(s->aio);
    s->aio = NULL;
    if (s->fd >= 0) {
        close(s->fd);   /* releases the OFD locks too */
        s->fd = -1;
    }
    g_mutex_clear(&s->rmw_lock);
}

static int64_t file_getlength(BlockDriverState *bs)
{
    FileState *s = bs->opaque;
    struct stat st;
    if (fstat(s->fd, &st) < 0) {
        return -errno;
    }
    if (S_ISBLK(st.st_mode)) {
        off_t end = lseek(s->fd, 0, SEEK_END);
        return end < 0 ? -errno : end;
    }
    return st.st_size;
}

/* Full pread: short reads at EOF are filled with zeros. */
static int do_pread(int fd, int64_t offset, int64_t bytes, uint8_t *buf)
{
    while (bytes > 0) {
        ssize_t n = pread(fd, buf, MIN(bytes, (int64_t)1 << 30), offset);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (n == 0) {
            memset(buf, 0, bytes);
            return 0;
        }
        buf += n;
        offset += n;
        bytes -= n;
    }
    return 0;
}

static int do_pwrite(int fd, int64_t offset, int64_t bytes, const uint8_t *buf)
{
    while (bytes > 0) {
        ssize_t n = pwrite(fd, buf, MIN(bytes, (int64_t)1 << 30), offset);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (n == 0) {
            return -EIO;
        }
        buf += n;
        offset += n;
        bytes -= n;
    }
    return 0;
}

/* A transfer through the engine, or pread/pwrite in this thread. */
static int file_read(FileState *s, int64_t offset, int64_t bytes,
                     uint8_t *buf)
{
    return s->aio ? file_aio_rw(s->aio, false, offset, bytes, buf)
                  : do_pread(s->fd, offset, bytes, buf);
}

static int file_write(FileState *s, int64_t offset, int64_t bytes,
                      const uint8_t *buf)
{
    return s->aio ? file_aio_rw(s->aio, true, offset, bytes, (uint8_t *)buf)
                  : do_pwrite(s->fd, offset, bytes, buf);
}

static bool is_aligned(const FileState *s, int64_t offset, int64_t bytes,
                       const void *buf)
{
    return !s->direct || (((offset | bytes | (uintptr_t)buf) & 4095) == 0);
}

static int file_pread(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      void *buf, int flags)
{
    FileState *s = bs->opaque;
    if (is_aligned(s, offset, bytes, buf)) {
        return file_read(s, offset, bytes, buf);
    }
    int64_t start = offset & ~(int64_t)4095;
    int64_t end = (offset + bytes + 4095) & ~(int64_t)4095;
    uint8_t *bounce = g_aligned_alloc(1, end - start, 4096);
    int ret = file_read(s, start, end - start, bounce);
    if (ret == 0) {
        memcpy(buf, bounce + (offset - start), bytes);
    }
    g_aligned_free(bounce);
    return ret;
}

static int file_pwrite(BlockDriverState *bs, int64_t offset, int64_t bytes,
                       const void *buf, int flags)
{
    FileState *s = bs->opaque;
    if (is_aligned(s, offset, bytes, buf)) {
        return file_write(s, offset, bytes, buf);
    }
    int64_t start = offset & ~(int64_t)4095;
    int64_t end = (offset + bytes + 4095) & ~(int64_t)4095;
    uint8_t *bounce = g_aligned_alloc(1, end - start, 4096);
    bdrv_hold_begin();
    g_mutex_lock(&s->rmw_lock);
    int64_t len = file_getlength(bs);
    int ret = file_read(s, start, end - start, bounce);
    if (ret == 0) {
        memcpy(bounce + (offset - start), buf, bytes);
        ret = file_write(s, start, end - start, bounce);
    }
    /* Do not leave the file longer than the write asked for. */
    if (ret == 0 && len >= 0 && end > MAX(len, offset + bytes)) {
        if (ftruncate(s->fd, MAX(len, offset + bytes)) < 0) {
            ret = -errno;
        }
    }
    g_mutex_unlock(&s->rmw_lock);
    bdrv_hold_end();
    g_aligned_free(bounce);
    return ret;
}

static int file_pwrite_zeroes(BlockDriverState *bs, int64_t offset,
                              int64_t bytes, int flags)
{
    FileState *s = bs->opaque;
    int64_t len = file_getlength(bs);
    if (len < 0) {
        return (int)len;
    }
    if ((flags & BDRV_REQ_MAY_UNMAP) && s->has_punch && offset + bytes <= len) {
        if (fallocate(s->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                      offset, bytes) == 0) {
            return 0;
        }
        if (errno != EOPNOTSUPP && errno != ENOSYS) {
            return -errno;
        }
        s->has_punch = false;
    }
    if (s->has_zero_range) {
        if (fallocate(s->fd, FALLOC_FL_ZERO_RANGE, offset, bytes) == 0) {
            return 0;
        }
        if (errno != EOPNOTSUPP && errno != ENOSYS && errno != EINVAL) {
            return -errno;
        }
        s->has_zero_range = false;
    }
    if (offset >= len) {
        /* Extending: a truncate is enough, new space reads as zero. */
        return ftruncate(s->fd, offset + bytes) < 0 ? -errno : 0;
    }
    return -ENOTSUP;
}

static int file_pdiscard(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
    FileState *s = bs->opaque;
    if (!s->has_punch) {
        return 0;
    }
    if (fallocate(s->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                  offset, bytes) < 0) {
        if (errno == EOPNOTSUPP || errno == ENOSYS) {
            s->has_punch = false;
            return 0;
        }
        return -errno;
    }
    return 0;
}

static int file_flush(BlockDriverState *bs)
{
    FileState *s = bs->opaque;
    if (s->no_flush) {
        return 0;
    }
    return fdatasync(s->fd) < 0 ? -errno : 0;
}

/*
 * Allocate [from, to) of a file already extended to @to, as falloc/full
 * preallocation asks.  The caller restores the old length on failure, so
 * a failed preallocation never leaves a large file behind (as QEMU).
 */
static int file_preallocate(int fd, int64_t from, int64_t to,
                            PreallocMode prealloc, Error **errp)
{
    if (to <= from) {
        return 0;
    }
    if (prealloc == PREALLOC_MODE_FALLOC) {
        int err = posix_fallocate(fd, from, to - from);
        if (err) {
            error_setg_errno(errp, err, "Could not preallocate new data");
            return -err;
        }
    } else if (prealloc == PREALLOC_MODE_FULL) {
        const int64_t chunk = 1 << 20;
        uint8_t *zeros = g_malloc0(chunk);
        int ret = 0;
        for (int64_t pos = from; pos < to && ret == 0; pos += chunk) {
            ret = do_pwrite(fd, pos, MIN(chunk, to - pos), zeros);
        }
        g_free(zeros);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not write zeros for "
                             "preallocation");
            return ret;
        }
    }
    return 0;
}

static int file_truncate(BlockDriverState *bs, int64_t offset, bool exact,
                         PreallocMode prealloc, Error **errp)
{
    FileState *s = bs->opaque;
    int64_t len = file_getlength(bs);
    if (len < 0) {
        error_setg_errno(errp, (int)-len, "Failed to get file length");
        return (int)len;
    }
    if (!exact && offset <= len) {
        return 0;
    }
    if (prealloc != PREALLOC_MODE_OFF && offset < len) {
        error_setg(errp, "Preallocation mode '%s' unsupported for shrinking",
                   prealloc_mode_name(prealloc));
        return -ENOTSUP;
    }
    if (offset > len && prealloc == PREALLOC_MODE_METADATA) {
        error_setg(errp, "Unsupported preallocation mode: metadata");
        return -ENOTSUP;
    }
    if (ftruncate(s->fd, offset) < 0) {
        int err = errno;
        error_setg_errno(errp, err, "Failed to resize file");
        return -err;
    }
    int ret = file_preallocate(s->fd, len, offset, prealloc, errp);
    if (ret < 0 && ftruncate(s->fd, len) < 0) {
        /* Best effort, as QEMU: the error above is the one to report. */
        error_append_hint(errp, "Failed to restore old file length: %s\n",
                          strerror(errno));
    }
    return ret;
}

static int64_t file_get_allocated_file_size(BlockDriverState *bs)
{
    FileState *s = bs->opaque;
    struct stat st;
    if (fstat(s->fd, &st) < 0) {
        return -errno;
    }
    return (int64_t)st.st_blocks * 512;
}

static int file_block_status(BlockDriverState *bs, int64_t offset,
                             int64_t bytes, int64_t *pnum, int64_t *map,
                             BlockDriverState **file)
{
    FileState *s = bs->opaque;
    *map = offset;
    *file = bs;
    off_t data = lseek(s->fd, offset, SEEK_DATA);
    if (data < 0) {
        if (errno == ENXIO) {
            /* Only a hole up to EOF. */
            *pnum = bytes;
            return BDRV_BLOCK_ZERO | BDRV_BLOCK_OFFSET_VALID;
        }
        *pnum = bytes;
        return BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET_VALID;
    }
    if (data > offset) {
        *pnum = MIN(bytes, data - offset);
        return BDRV_BLOCK_ZERO | BDRV_BLOCK_OFFSET_VALID;
    }
    off_t hole = lseek(s->fd, offset, SEEK_HOLE);
    if (hole < 0 || hole <= offset) {
        *pnum = bytes;
    } else {
        *pnum = MIN(bytes, hole - offset);
    }
    return BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET_VALID;
}

static int file_create(const char *filename, QemuOpts *opts, Error **errp)
{
    uint64_t size = qemu_opt_get_size(opts, BLOCK_OPT_SIZE, 0);
    const char *pa = qemu_opt_get(opts, BLOCK_OPT_PREALLOC);
    int prealloc = pa ? prealloc_mode_parse(pa) : PREALLOC_MODE_OFF;
    if (prealloc < 0) {
        error_setg(errp, "invalid parameter value: %s", pa);
        return -EINVAL;
    }
    int fd = open(filename, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        int err = errno;
        error_setg_errno(errp, err, "Could not create '%s'", filename);
        return -err;
    }
    /* Refuse to clobber an image somebody has open for writing. */
    if (byte_locked_by_other(fd, LOCK_PERM_BASE + PERM_WRITE) ||
        byte_locked_by_other(fd, LOCK_SHARED_BASE + PERM_WRITE)) {
        close(fd);
        error_setg(errp, "Failed to get \"write\" lock");
        error_append_hint(errp, "Is another process using the image [%s]?\n",
                          filename);
        return -EAGAIN;
    }
    int ret = 0;
    if (ftruncate(fd, 0) < 0) {
        ret = -errno;
        error_setg_errno(errp, -ret, "Could not resize file");
    } else if (prealloc == PREALLOC_MODE_METADATA) {
        /* As QEMU: the (empty) file exists, the mode is refused. */
        error_setg(errp, "Unsupported preallocation mode: metadata");
        ret = -ENOTSUP;
    } else if (ftruncate(fd, size) < 0) {
        ret = -errno;
        error_setg_errno(errp, -ret, "Could not resize file");
    } else if (prealloc == PREALLOC_MODE_OFF && size > 0) {
        /* As QEMU: allocate the first block so that block status and
         * O_DIRECT alignment probing see the same file layout. */
        uint8_t zeros[4096] = { 0 };
        ret = do_pwrite(fd, 0, MIN(size, (uint64_t)sizeof(zeros)), zeros);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not write the first block");
        }
    } else {
        ret = file_preallocate(fd, 0, (int64_t)size, prealloc, errp);
        if (ret < 0 && ftruncate(fd, 0) < 0) {
            /* Best effort: the preallocation error is the one to report. */
            error_append_hint(errp, "Failed to restore old file length: "
                              "%s\n", strerror(errno));
        }
    }
    if (close(fd) < 0 && ret == 0) {
        ret = -errno;
        error_setg_errno(errp, -ret, "Could not close the new file");
    }
    return ret;
}

static const QemuOptsList file_create_opts = {
    .name = "file-create-opts",
    .desc = {
        { BLOCK_OPT_SIZE, QEMU_OPT_SIZE, "Virtual disk size" },
        { BLOCK_OPT_PREALLOC, QEMU_OPT_STRING,
          "Preallocation mode (allowed values: off, falloc, full)" },
        { NULL },
    },
};

BlockDriver bdrv_file = {
    .format_name = "file",
    .instance_size = sizeof(FileState),
    .is_protocol = true,
    .thread_safe = true,
    .has_zero_init = true,
    .open = file_open,
    .close = file_close,
    .create = file_create,
    .create_opts = &file_create_opts,
    .pread = file_pread,
    .pwrite = file_pwrite,
    .pwrite_zeroes = file_pwrite_zeroes,
    .pdiscard = file_pdiscard,
    .flush = file_flush,
    .truncate = file_truncate,
    .getlength = file_getlength,
    .get_allocated_file_size = file_get_allocated_file_size,
    .block_status = file_block_status,
};
