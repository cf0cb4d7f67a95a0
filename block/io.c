/*
 * The request layer: every byte-granular request enters here, is checked
 * (range, overflow, writability) and handed to the node's driver, under
 * the node's lock unless the driver is thread-safe.  Also the chain-aware
 * block-status walk.  The drivers themselves do the format work.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>

#include "block/block_int.h"
#include "block/coroutine.h"
#include "block/file-aio.h"

#define BDRV_MAX_LENGTH (INT64_MAX / 2)

/*
 * How many driver calls of this thread are inside a format driver (or
 * hold a lock, bdrv_hold_begin) and not in a data window: a coroutine may
 * yield only at zero, when no lock or driver state of this thread could
 * be met by another coroutine of the same thread (node locks are
 * recursive, so that other coroutine would walk straight in).
 */
static __thread int held_depth;

void bdrv_hold_begin(void)
{
    held_depth++;
}

void bdrv_hold_end(void)
{
    held_depth--;
}

bool bdrv_may_yield(void)
{
    return held_depth == 0;
}

bool bdrv_co_capable(BlockDriverState *bs)
{
    if (!bs || bs->drv->is_protocol) {
        return true;
    }
    BlockDriverInfo bdi;
    if (!bs->drv->co_yields ||
        (bdrv_get_info(bs, &bdi) == 0 && bdi.is_encrypted)) {
        return false;
    }
    return bdrv_co_capable(bs->file) && bdrv_co_capable(bs->backing);
}

static inline bool node_holds(BlockDriverState *bs)
{
    return !bs->drv->is_protocol && !bs->drv->passthrough;
}

/*
 * Coroutines of one thread and the node lock.  bs->lock is a recursive
 * mutex owned by a thread, so it would let every coroutine of the owning
 * thread in; bs->co_owner keeps the others out: a coroutine that finds
 * the lock held by another coroutine of its thread parks (yields to the
 * coroutine loop) until that one lets go, as a thread would block on the
 * mutex.  Only the thread running coroutines touches these fields, always
 * with bs->lock held or about to be taken by it.
 */
typedef struct CoLockWaiter {
    Coroutine *co;
    struct CoLockWaiter *next;
} CoLockWaiter;

static void co_lock_wait(BlockDriverState *bs, Coroutine *self)
{
    while (bs->co_owner && bs->co_owner != self) {
        CoLockWaiter w = { .co = self, .next = bs->co_waiters };
        bs->co_waiters = &w;
        qemu_coroutine_yield();
    }
}

static void co_lock_taken(BlockDriverState *bs, Coroutine *self)
{
    if (self) {
        bs->co_owner = self;
        bs->co_depth++;
    }
}

/* One level of bs->lock is being released by the running coroutine. */
static void co_lock_release(BlockDriverState *bs)
{
    Coroutine *self = qemu_coroutine_self();
    if (!self || bs->co_owner != self || --bs->co_depth > 0) {
        return;
    }
    bs->co_owner = NULL;
    /* every waiter tries again (in the order they came) */
    CoLockWaiter *w = bs->co_waiters, *rev = NULL;
    bs->co_waiters = NULL;
    while (w) {
        CoLockWaiter *next = w->next;
        w->next = rev;
        rev = w;
        w = next;
    }
    for (; rev; rev = rev->next) {
        file_aio_co_wake(rev->co);
    }
}

static inline void node_lock(BlockDriverState *bs)
{
    if (!bs->drv->thread_safe) {
        Coroutine *self = qemu_coroutine_self();
        if (self) {
            co_lock_wait(bs, self);
        }
        g_rec_mutex_lock(&bs->lock);
        co_lock_taken(bs, self);
    }
    if (node_holds(bs)) {
        held_depth++;
    }
}

static inline void node_unlock(BlockDriverState *bs)
{
    if (!bs->drv->thread_safe) {
        co_lock_release(bs);
        g_rec_mutex_unlock(&bs->lock);
    }
    if (node_holds(bs)) {
        held_depth--;
    }
}

void bdrv_data_io_begin(BlockDriverState *bs)
{
    g_atomic_int_inc(&bs->data_io_inflight);
    co_lock_release(bs);
    g_rec_mutex_unlock(&bs->lock);
    held_depth--;
}

void bdrv_data_io_end(BlockDriverState *bs)
{
    /* Leave the count before waiting for the lock: its holder may be
     * draining. */
    if (g_atomic_int_dec_and_test(&bs->data_io_inflight)) {
        g_mutex_lock(&bs->data_io_mutex);
        g_cond_broadcast(&bs->data_io_done);
        g_mutex_unlock(&bs->data_io_mutex);
    }
    Coroutine *self = qemu_coroutine_self();
    if (self) {
        co_lock_wait(bs, self);
    }
    held_depth++;
    g_rec_mutex_lock(&bs->lock);
    co_lock_taken(bs, self);
}

/*
 * Wait until no data transfer of @bs runs (bs->lock held).  In a
 * coroutine, transfers of other coroutines of this thread can only finish
 * if this thread runs them: the loop's ready coroutines are entered from
 * here until the count drops.  Each of them finishes its transfer (its
 * further I/O is synchronous while this thread holds a lock: see
 * bdrv_may_yield), then parks at bs->lock, which the caller holds, or
 * elsewhere; the caller's operation goes on as if they were threads
 * blocked on the mutex.  Transfers of other threads are waited for.
 */
void bdrv_drain_data_io(BlockDriverState *bs)
{
    if (qemu_coroutine_self() && file_aio_co_loop_active()) {
        while (g_atomic_int_get(&bs->data_io_inflight)) {
            Coroutine *co = file_aio_co_next();
            if (!co) {
                break;
            }
            qemu_coroutine_enter(co);
        }
    }
    g_mutex_lock(&bs->data_io_mutex);
    while (g_atomic_int_get(&bs->data_io_inflight)) {
        g_cond_wait(&bs->data_io_done, &bs->data_io_mutex);
    }
    g_mutex_unlock(&bs->data_io_mutex);
}

/* Range check: protocol nodes grow on write, formats have a fixed size. */
static int check_request(BlockDriverState *bs, int64_t offset, int64_t bytes,
                         bool write)
{
    if (offset < 0 || bytes < 0 || offset > BDRV_MAX_LENGTH ||
        bytes > BDRV_MAX_LENGTH - offset) {
        return -EIO;
    }
    if (write && bs->read_only) {
        return -EPERM;
    }
    if (!bs->drv->is_protocol) {
        int64_t len = bdrv_getlength(bs);
        if (len < 0) {
            return (int)len;
        }
        if (offset + bytes > len) {
            return -EIO;
        }
    }
    return 0;
}

int bdrv_pread(BlockDriverState *bs, int64_t offset, int64_t bytes,
               void *buf, int flags)
{
    int ret = check_request(bs, offset, bytes, false);
    if (ret < 0 || bytes == 0) {
        return ret;
    }
    node_lock(bs);
    ret = bs->drv->pread(bs, offset, bytes, buf, flags);
    node_unlock(bs);
    return ret < 0 ? ret : 0;
}

int bdrv_pread_full(BlockDriverState *bs, int64_t offset, void *buf,
                    int64_t bytes)
{
    return bdrv_pread(bs, offset, bytes, buf, 0);
}

int bdrv_pwrite(BlockDriverState *bs, int64_t offset, int64_t bytes,
                const void *buf, int flags)
{
    int ret = check_request(bs, offset, bytes, true);
    if (ret < 0 || bytes == 0) {
        return ret;
    }
    if (!bs->drv->pwrite) {
        return -ENOTSUP;
    }
    node_lock(bs);
    ret = bs->drv->pwrite(bs, offset, bytes, buf, flags);
    node_unlock(bs);
    if (ret >= 0 && ((flags & BDRV_REQ_FUA) ||
                     (bs->open_flags & BDRV_O_WRITETHROUGH))) {
        ret = bdrv_flush(bs);
    }
    return ret < 0 ? ret : 0;
}

int bdrv_pwrite_compressed(BlockDriverState *bs, int64_t offset,
                           int64_t bytes, const void *buf)
{
    int ret = check_request(bs, offset, bytes, true);
    if (ret < 0 || bytes == 0) {
        return ret;
    }
    if (!bs->drv->pwrite_compressed) {
        return -ENOTSUP;
    }
    node_lock(bs);
    ret = bs->drv->pwrite_compressed(bs, offset, bytes, buf);
    node_unlock(bs);
    return ret < 0 ? ret : 0;
}

int bdrv_compress_cluster(BlockDriverState *bs, const void *in, int64_t bytes,
                          void *out, size_t out_size)
{
    if (!bs->drv->compress_cluster) {
        return -ENOTSUP;
    }
    return bs->drv->compress_cluster(bs, in, bytes, out, out_size);
}

int bdrv_pwrite_precompressed(BlockDriverState *bs, int64_t offset,
                              int64_t bytes, const void *raw,
                              const void *cdata, int clen)
{
    int ret = check_request(bs, offset, bytes, true);
    if (ret < 0 || bytes == 0) {
        return ret;
    }
    if (!bs->drv->pwrite_precompressed) {
        return -ENOTSUP;
    }
    node_lock(bs);
    ret = bs->drv->pwrite_precompressed(bs, offset, bytes, raw, cdata, clen);
    node_unlock(bs);
    return ret < 0 ? ret : 0;
}

/* Fallback for drivers without a zero hook: write a zero buffer. */
static int write_zero_buffer(BlockDriverState *bs, int64_t offset,
                             int64_t bytes, int flags)
{
    const int64_t chunk = 1 << 20;
    void *zeros = g_malloc0(MIN(chunk, bytes));
    int ret = 0;
    while (bytes > 0) {
        int64_t n = MIN(chunk, bytes);
        ret = bs->drv->pwrite(bs, offset, n, zeros, flags & ~BDRV_REQ_MAY_UNMAP);
        if (ret < 0) {
            break;
        }
        offset += n;
        bytes -= n;
    }
    g_free(zeros);
    return ret;
}

int bdrv_pwrite_zeroes(BlockDriverState *bs, int64_t offset, int64_t bytes,
                       int flags)
{
    int ret = check_request(bs, offset, bytes, true);
    if (ret < 0 || bytes == 0) {
        return ret;
    }
    node_lock(bs);
    ret = -ENOTSUP;
    if (bs->drv->pwrite_zeroes) {
        ret = bs->drv->pwrite_zeroes(bs, offset, bytes, flags);
    }
    if (ret == -ENOTSUP && !(flags & BDRV_REQ_NO_FALLBACK) && bs->drv->pwrite) {
        ret = write_zero_buffer(bs, offset, bytes, flags);
    }
    node_unlock(bs);
    return ret < 0 ? ret : 0;
}

int bdrv_pdiscard(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
    int ret = check_request(bs, offset, bytes, true);
    if (ret < 0 || bytes == 0) {
        return ret;
    }
    if (!bs->drv->pdiscard) {
        return 0;   /* discard is advisory */
    }
    node_lock(bs);
    ret = bs->drv->pdiscard(bs, offset, bytes);
    node_unlock(bs);
    return ret == -ENOTSUP ? 0 : ret;
}

int bdrv_flush(BlockDriverState *bs)
{
    int ret = 0;
    if (bs->read_only) {
        return 0;
    }
    if (bs->drv->flush) {
        node_lock(bs);
        ret = bs->drv->flush(bs);
        node_unlock(bs);
    }
    if (ret >= 0 && bs->file) {
        ret = bdrv_flush(bs->file);
    }
    return ret;
}

int bdrv_truncate(BlockDriverState *bs, int64_t offset, bool exact,
                  PreallocMode prealloc, Error **errp)
{
    if (offset < 0 || offset > BDRV_MAX_LENGTH) {
        error_setg(errp, "Invalid image size specified");
        return -EINVAL;
    }
    if (bs->read_only) {
        error_setg(errp, "Image is read-only");
        return -EACCES;
    }
    if (!bs->drv->truncate) {
        error_setg(errp, "Image format driver does not support resize");
        return -ENOTSUP;
    }
    if (!bs->drv->is_protocol) {
        offset = (offset + BDRV_SECTOR_SIZE - 1) &
                 ~(int64_t)(BDRV_SECTOR_SIZE - 1);
    }
    g_rec_mutex_lock(&bs->lock);
    bdrv_drain_data_io(bs);
    int ret = bs->drv->truncate(bs, offset, exact, prealloc, errp);
    g_rec_mutex_unlock(&bs->lock);
    return ret;
}

int64_t bdrv_getlength(BlockDriverState *bs)
{
    if (!bs->drv->getlength) {
        return -ENOTSUP;
    }
    int64_t len = bs->drv->getlength(bs);
    if (len > 0 && !bs->drv->is_protocol) {
        /* Like QEMU, images are a whole number of 512-byte sectors. */
        len = (len + BDRV_SECTOR_SIZE - 1) & ~(int64_t)(BDRV_SECTOR_SIZE - 1);
    }
    return len;
}

int64_t bdrv_get_allocated_file_size(BlockDriverState *bs)
{
    if (bs->drv->get_allocated_file_size) {
        return bs->drv->get_allocated_file_size(bs);
    }
    if (bs->file) {
        return bdrv_get_allocated_file_size(bs->file);
    }
    return -ENOTSUP;
}

int bdrv_block_status(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      int64_t *pnum, int64_t *map, BlockDriverState **file)
{
    int64_t len = bdrv_getlength(bs);
    int64_t local_map = 0;
    BlockDriverState *local_file = NULL;
    if (!map) {
        map = &local_map;
    }
    if (!file) {
        file = &local_file;
    }
    *map = 0;
    *file = NULL;
    if (len < 0) {
        return (int)len;
    }
    if (offset < 0 || bytes < 0) {
        return -EINVAL;
    }
    if (offset >= len || bytes == 0) {
        *pnum = 0;
        return BDRV_BLOCK_EOF;
    }
    if (bytes > len - offset) {
        bytes = len - offset;
    }
    int ret;
    if (!bs->drv->block_status) {
        /* No knowledge: everything is data owned by this layer. */
        *pnum = bytes;
        ret = BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED;
    } else {
        node_lock(bs);
        ret = bs->drv->block_status(bs, offset, bytes, pnum, map, file);
        node_unlock(bs);
        if (ret < 0) {
            return ret;
        }
        if (*pnum <= 0 || *pnum > bytes) {
            *pnum = bytes;
        }
        if (ret & (BDRV_BLOCK_DATA | BDRV_BLOCK_ZERO)) {
            ret |= BDRV_BLOCK_ALLOCATED;
        } else if (!bs->backing) {
            /* Unallocated with nothing below reads as zero. */
            ret |= BDRV_BLOCK_ZERO;
        } else {
            /* Past the end of a shorter backing file reads as zero too. */
            int64_t blen = bdrv_getlength(bs->backing);
            if (blen >= 0 && offset >= blen) {
                ret |= BDRV_BLOCK_ZERO;
            } else if (blen >= 0 && offset + *pnum > blen) {
                *pnum = blen - offset;
            }
        }
        /* A raw mapping onto a protocol node: ask it about holes. */
        if ((ret & BDRV_BLOCK_RAW) && *file && *file != bs) {
            int64_t pnum2;
            int64_t map2;
            BlockDriverState *file2;
            int ret2 = bdrv_block_status(*file, *map, *pnum, &pnum2, &map2,
                                         &file2);
            if (ret2 >= 0 && pnum2 == 0 && (ret2 & BDRV_BLOCK_EOF)) {
                /* Entirely past the end of the file: reads as zeros. */
                ret = (ret & ~(BDRV_BLOCK_RAW | BDRV_BLOCK_DATA)) |
                      BDRV_BLOCK_OFFSET_VALID | BDRV_BLOCK_ZERO;
            } else if (ret2 >= 0) {
                *pnum = pnum2 > 0 ? pnum2 : *pnum;
                ret = (ret & ~BDRV_BLOCK_RAW) | BDRV_BLOCK_OFFSET_VALID |
                      (ret2 & BDRV_BLOCK_ZERO);
                if (!(ret2 & BDRV_BLOCK_DATA) && (ret2 & BDRV_BLOCK_ZERO)) {
                    ret &= ~BDRV_BLOCK_DATA;
                    ret |= BDRV_BLOCK_ZERO;
                }
            } else {
                ret = (ret & ~BDRV_BLOCK_RAW) | BDRV_BLOCK_OFFSET_VALID;
            }
        }
    }
    if (offset + *pnum == len) {
        ret |= BDRV_BLOCK_EOF;
    }
    return ret;
}

int bdrv_block_status_above(BlockDriverState *bs, BlockDriverState *base,
                            int64_t offset, int64_t bytes, int64_t *pnum,
                            int64_t *map, BlockDriverState **file,
                            int *depth)
{
    int d = 0;
    int64_t want = bytes;
    int64_t top_len = bdrv_getlength(bs);
    if (top_len < 0) {
        return (int)top_len;
    }
    for (BlockDriverState *p = bs; p && p != base; p = p->backing, d++) {
        int64_t n;
        int ret = bdrv_block_status(p, offset, want, &n, map, file);
        if (ret < 0) {
            return ret;
        }
        if ((ret & BDRV_BLOCK_ALLOCATED) || (ret & BDRV_BLOCK_ZERO)) {
            *pnum = n;
            if (depth) {
                *depth = d;
            }
            if (offset + n == top_len) {
                ret |= BDRV_BLOCK_EOF;
            } else {
                ret &= ~BDRV_BLOCK_EOF;
            }
            return ret;
        }
        if (n == 0) {
            break;
        }
        want = n;   /* the next layer only needs to describe this prefix */
        if (!p->backing || p->backing == base) {
            /* Unallocated in the whole chain: reads as zero. */
            *pnum = n;
            if (depth) {
                *depth = d;
            }
            if (map) {
                *map = 0;
            }
            if (file) {
                *file = NULL;
            }
            int r = p->backing ? 0 : BDRV_BLOCK_ZERO;
            return r | ((offset + n == top_len) ? BDRV_BLOCK_EOF : 0);
        }
    }
    *pnum = want;
    if (depth) {
        *depth = d;
    }
    return 0;
}

int bdrv_is_allocated(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      int64_t *pnum)
{
    int ret = bdrv_block_status(bs, offset, bytes, pnum, NULL, NULL);
    if (ret < 0) {
        return ret;
    }
    return !!(ret & BDRV_BLOCK_ALLOCATED);
}
