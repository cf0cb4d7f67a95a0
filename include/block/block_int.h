/*
 * The driver interface of the block layer.
 *
 * HOW A DRIVER PLUGS IN
 *   1. Write block/foo.c defining `BlockDriver bdrv_foo = { ... }` with at
 *      least .format_name, .instance_size, .probe (formats), .open,
 *      .close, .pread and .getlength.  Everything else is optional; a
 *      missing hook means "not supported" (-ENOTSUP / a clear error).
 *   2. Add 'foo.c' to block_src in block/meson.build (one line).
 *   3. Add `&bdrv_foo,` to the table in block/drivers.c (one line).  The
 *      table order is the probing tie-break order.
 *
 * GRAPH
 *   A format node (qcow2, vmdk, raw) sits over a protocol node (file) in
 *   bs->file, opened for it by the core before .open is called (the
 *   driver reads its header with bdrv_pread(bs->file, ...)).  A driver
 *   with extra files (VMDK extents) opens them itself with
 *   bdrv_open_child_file() and closes them with bdrv_close().  The
 *   backing node (bs->backing) is opened by the core after .open when
 *   the driver set bs->backing_file (and bs->backing_format); the driver
 *   reads unallocated ranges through bdrv_pread(bs->backing, ...), or
 *   returns zeros when bs->backing is NULL.
 *
 * REQUESTS
 *   Callbacks are byte-granular: the core has already checked that the
 *   request lies inside the image (offset >= 0, offset + bytes <= size,
 *   no overflow) and that the node is writable for write requests.
 *   Requests smaller than the driver's request_alignment are not split or
 *   padded for formats: format drivers handle any byte range; the file
 *   protocol handles O_DIRECT alignment itself.
 *   Unless the driver sets .thread_safe, the core serialises all calls
 *   into it per node with bs->lock, so a driver may keep its metadata
 *   caches unlocked.  Drivers never print or exit: return -errno and, for
 *   the calls that take one, fill Error.
 *
 * PROBING
 *   .probe(buf, buf_size, filename) gets the first 2 KiB of the file and
 *   returns a score 0..100; the highest score wins, raw is the fallback.
 *
 * INFO / CHECK / STATUS
 *   .get_specific_info returns an InfoNode dict (include/block/info.h)
 *   printed under "Format specific information:" with "type" = format.
 *   .check fills BdrvCheckResult like QEMU's and repairs with fix bits.
 *   .block_status returns BDRV_BLOCK_* bits for a prefix of the range.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BLOCK_BLOCK_INT_H
#define BLOCK_BLOCK_INT_H

#include <glib.h>

#include "block/block.h"
#include "block/info.h"

struct BlockDriver {
    const char *format_name;
    int instance_size;          /* bytes of bs->opaque */
    bool is_protocol;           /* opens a host file itself (no bs->file) */
    bool thread_safe;           /* callbacks may run concurrently */
    /* Coroutines may yield under its requests: it holds no lock or state
     * across a request's I/O (a pass-through), or drops them around its
     * plain data transfers (bdrv_data_io_begin).  See bdrv_co_capable. */
    bool co_yields;
    bool passthrough;           /* holds no lock or state across I/O */
    bool supports_backing;
    bool has_zero_init;         /* a new image reads as zeros */

    int (*probe)(const uint8_t *buf, int buf_size, const char *filename);
    int (*open)(BlockDriverState *bs, QemuOpts *opts, int flags,
                Error **errp);
    void (*close)(BlockDriverState *bs);
    /* Runtime options accepted by .open (may be NULL). */
    const QemuOptsList *runtime_opts;

    /* Create: @opts parsed against create_opts (plus the protocol's). */
    int (*create)(const char *filename, QemuOpts *opts, Error **errp);
    const QemuOptsList *create_opts;

    int (*pread)(BlockDriverState *bs, int64_t offset, int64_t bytes,
                 void *buf, int flags);
    int (*pwrite)(BlockDriverState *bs, int64_t offset, int64_t bytes,
                  const void *buf, int flags);
    int (*pwrite_compressed)(BlockDriverState *bs, int64_t offset,
                             int64_t bytes, const void *buf);
    /* Optional split of pwrite_compressed (see block.h); compress_cluster
     * is called without bs->lock and must only read immutable state. */
    int (*compress_cluster)(BlockDriverState *bs, const void *in,
                            int64_t bytes, void *out, size_t out_size);
    int (*pwrite_precompressed)(BlockDriverState *bs, int64_t offset,
                                int64_t bytes, const void *raw,
                                const void *cdata, int clen);
    int (*pwrite_zeroes)(BlockDriverState *bs, int64_t offset,
                         int64_t bytes, int flags);
    int (*pdiscard)(BlockDriverState *bs, int64_t offset, int64_t bytes);
    int (*flush)(BlockDriverState *bs);
    int (*truncate)(BlockDriverState *bs, int64_t offset, bool exact,
                    PreallocMode prealloc, Error **errp);
    int64_t (*getlength)(BlockDriverState *bs);
    int64_t (*get_allocated_file_size)(BlockDriverState *bs);
    int (*block_status)(BlockDriverState *bs, int64_t offset, int64_t bytes,
                        int64_t *pnum, int64_t *map,
                        BlockDriverState **file);

    int (*get_info)(BlockDriverState *bs, BlockDriverInfo *bdi);
    InfoNode *(*get_specific_info)(BlockDriverState *bs, Error **errp);
    int (*check)(BlockDriverState *bs, BdrvCheckResult *res, int fix);
    int (*snapshot_list)(BlockDriverState *bs, QEMUSnapshotInfo **list);
    /* Read-only node: make reads return snapshot @id and/or @name (either
     * may be NULL, not both) until close; -ENOENT if there is none. */
    int (*snapshot_load_tmp)(BlockDriverState *bs, const char *id,
                             const char *name, Error **errp);
    /* Writable node: take a snapshot of the active image (@info gives
     * the name, date and VM fields; the driver picks the ID), make the
     * active image read as snapshot @id_or_name, or delete the snapshot
     * matching @id and/or @name (either may be NULL). */
    int (*snapshot_create)(BlockDriverState *bs, const QEMUSnapshotInfo *info,
                           Error **errp);
    int (*snapshot_goto)(BlockDriverState *bs, const char *id_or_name,
                         Error **errp);
    int (*snapshot_delete)(BlockDriverState *bs, const char *id,
                           const char *name, Error **errp);
    int (*measure)(QemuOpts *opts, BlockDriverState *in_bs,
                   BlockMeasureInfo *info, Error **errp);
    /* qemu-img amend: change the image as @opts (parsed against
     * amend_opts) say. */
    int (*amend)(BlockDriverState *bs, QemuOpts *opts, bool force,
                 BlockAmendStatusCB *status_cb, void *cb_opaque,
                 Error **errp);
    const QemuOptsList *amend_opts;
    /* Drop all data of this layer (qemu-img commit's emptying). */
    int (*make_empty)(BlockDriverState *bs);
    int (*change_backing_file)(BlockDriverState *bs, const char *file,
                               const char *fmt, Error **errp);
    /* Persistent dirty bitmaps (include/block/dirty-bitmap.h). */
    const struct BdrvBitmapOps *bitmap_ops;
};

struct BlockDriverState {
    BlockDriver *drv;
    void *opaque;               /* driver state, drv->instance_size bytes */
    char filename[4096];
    int open_flags;
    bool read_only;
    bool probed_raw;            /* format guessed as raw: tools warn */

    BlockDriverState *file;     /* protocol child (NULL for protocols) */
    BlockDriverState *backing;  /* backing node or NULL */
    char backing_file[1024];    /* as recorded in the image ("" = none) */
    char backing_format[16];    /* as recorded ("" = probe) */
    char full_backing_filename[4096];
    int backing_depth;          /* 0 for the top of a chain */

    uint32_t request_alignment; /* 1 unless O_DIRECT */
    GRecMutex lock;             /* serialises non-thread-safe drivers */
    /* Data transfers running with bs->lock released (bdrv_data_io_begin). */
    int data_io_inflight;
    GMutex data_io_mutex;
    GCond data_io_done;
    /* The coroutine of this thread holding bs->lock, its depth, and the
     * ones parked until it lets go (block/io.c). */
    struct Coroutine *co_owner;
    int co_depth;
    struct CoLockWaiter *co_waiters;
};

/* The registered drivers, NULL-terminated (block/drivers.c). */
extern BlockDriver *const bdrv_drivers[];

/* Open @filename with the file protocol (extents, external files). */
BlockDriverState *bdrv_open_child_file(const char *filename, int flags,
                                       Error **errp);
/*
 * Resolve @name relative to the directory of @base_filename
 * (as QEMU resolves backing file and extent names).
 */
char *bdrv_path_combine(const char *base_filename, const char *name);

/* Helpers for drivers. */
int bdrv_pread_full(BlockDriverState *bs, int64_t offset, void *buf,
                    int64_t bytes);
static inline bool bdrv_is_writable(const BlockDriverState *bs)
{
    return !bs->read_only;
}

/*
 * Parallel data transfers for drivers that are not thread-safe.  Under
 * bs->lock a driver maps a request to a data range of a child node, then
 * wraps the transfer in begin/end: begin releases bs->lock so other
 * requests proceed, end takes it back.  Whatever could retarget that
 * range (freeing a cluster, a snapshot sharing it, resize, amend) calls
 * bdrv_drain_data_io under bs->lock first, which waits until no such
 * transfer is running; none can start while the lock is held.  In a
 * coroutine the drain runs the thread's other coroutines until their
 * transfers are done (they then park at bs->lock: see block/io.c).
 */
void bdrv_data_io_begin(BlockDriverState *bs);
void bdrv_data_io_end(BlockDriverState *bs);
void bdrv_drain_data_io(BlockDriverState *bs);

/*
 * Coroutines (bench's I/O loop) share a thread: a request may yield in the
 * file protocol only when bdrv_may_yield() - no format driver call of this
 * thread is outside a data window and no lock is held across the I/O
 * (code holding one across I/O brackets it with bdrv_hold_begin/end).
 * Whole-node operations (snapshots, amend, ...) never run in coroutines.
 */
void bdrv_hold_begin(void);
void bdrv_hold_end(void);
bool bdrv_may_yield(void);
/*
 * Can requests to @bs yield in coroutines all the way down (each node a
 * protocol or a co_yields driver, no encryption)?  Otherwise a coroutine
 * loop would run them one at a time.
 */
bool bdrv_co_capable(BlockDriverState *bs);

/* The file protocol and raw format (also usable by other drivers). */
extern BlockDriver bdrv_file;
extern BlockDriver bdrv_raw;

/* Shared "size" create option names. */
#define BLOCK_OPT_SIZE              "size"
#define BLOCK_OPT_BACKING_FILE      "backing_file"
#define BLOCK_OPT_BACKING_FMT       "backing_fmt"
#define BLOCK_OPT_CLUSTER_SIZE      "cluster_size"
#define BLOCK_OPT_PREALLOC          "preallocation"
#define BLOCK_OPT_COMPAT_LEVEL      "compat"
#define BLOCK_OPT_LAZY_REFCOUNTS    "lazy_refcounts"
#define BLOCK_OPT_REFCOUNT_BITS     "refcount_bits"
#define BLOCK_OPT_COMPRESSION_TYPE  "compression_type"
#define BLOCK_OPT_EXTL2             "extended_l2"
#define BLOCK_OPT_SUBFMT            "subformat"
#define BLOCK_OPT_ADAPTER_TYPE      "adapter_type"
#define BLOCK_OPT_COMPAT6           "compat6"
#define BLOCK_OPT_HWVERSION         "hwversion"
#define BLOCK_OPT_TOOLSVERSION      "toolsversion"
#define BLOCK_OPT_ZEROED_GRAIN      "zeroed_grain"

#endif
