/*
 * Public block-layer API: open an image (format node over a protocol node,
 * plus an optional backing chain), do byte-granular I/O on it, query its
 * allocation, create, check and describe images.  This is what qemu-img,
 * qemu-io and the tests use; drivers see include/block/block_int.h.
 *
 * Errors: functions returning int give 0 (or a positive count) on success
 * and a negative errno on failure; open/create/truncate also fill an Error.
 *
 * Threads: any function below may be called from several threads at once
 * on the same node; each node serialises what its driver cannot do in
 * parallel (see block_int.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BLOCK_BLOCK_H
#define BLOCK_BLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "qemu/error.h"
#include "qemu/option.h"

#define BDRV_SECTOR_BITS 9
#define BDRV_SECTOR_SIZE (1ULL << BDRV_SECTOR_BITS)

typedef struct BlockDriver BlockDriver;
typedef struct BlockDriverState BlockDriverState;
typedef struct InfoNode InfoNode;

/* Open flags (bdrv_open). */
enum {
    BDRV_O_RDWR        = 0x0002,  /* open for writing */
    BDRV_O_NOCACHE     = 0x0004,  /* O_DIRECT on the protocol node */
    BDRV_O_NO_FLUSH    = 0x0008,  /* cache=unsafe: flush is a no-op */
    BDRV_O_NO_BACKING  = 0x0010,  /* do not open the backing file */
    BDRV_O_PROTOCOL    = 0x0020,  /* filename names a protocol node only */
    BDRV_O_FORCE_SHARE = 0x0040,  /* -U: take no locks (read-only only) */
    BDRV_O_UNMAP       = 0x0080,  /* discard=unmap: pass discards down */
    BDRV_O_CHECK       = 0x0100,  /* opened by check: tolerate damage */
    BDRV_O_NO_IO       = 0x0200,  /* metadata only (info, measure) */
    BDRV_O_INACTIVE    = 0x0400,  /* do not touch the header (repair) */
    BDRV_O_WRITETHROUGH = 0x0800, /* flush after every write */
    BDRV_O_SNAPSHOT    = 0x1000,  /* -s: writes go to a temporary qcow2
                                     overlay deleted at close; the image
                                     itself is opened read-only */
    BDRV_O_NO_LOCKING  = 0x2000,  /* file.locking=off: take no locks */
    BDRV_O_NATIVE_AIO  = 0x4000,  /* aio=native: Linux AIO (needs NOCACHE) */
    BDRV_O_IO_URING    = 0x8000,  /* aio=io_uring */
};

/* Request flags. */
enum {
    BDRV_REQ_MAY_UNMAP   = 0x1,   /* write_zeroes may deallocate */
    BDRV_REQ_FUA         = 0x2,   /* data is stable when the call returns */
    BDRV_REQ_NO_FALLBACK = 0x4,   /* write_zeroes: fail with -ENOTSUP
                                     rather than writing a zero buffer */
};

/* Block status bits (bdrv_block_status), as QEMU's. */
#define BDRV_BLOCK_DATA         0x01  /* reads come from this layer's data */
#define BDRV_BLOCK_ZERO         0x02  /* reads as zero */
#define BDRV_BLOCK_OFFSET_VALID 0x04  /* *map is the host offset in *file */
#define BDRV_BLOCK_RAW          0x08  /* driver: ask *file at *map */
#define BDRV_BLOCK_ALLOCATED    0x10  /* this layer decides the contents */
#define BDRV_BLOCK_EOF          0x20  /* range reaches the end of the image */
#define BDRV_BLOCK_RECURSE      0x40  /* protocol node may know more */
#define BDRV_BLOCK_COMPRESSED   0x80  /* data is stored compressed */

typedef enum PreallocMode {
    PREALLOC_MODE_OFF,
    PREALLOC_MODE_METADATA,
    PREALLOC_MODE_FALLOC,
    PREALLOC_MODE_FULL,
} PreallocMode;

/* "off"/"metadata"/"falloc"/"full" -> mode; -1 when unknown. */
int prealloc_mode_parse(const char *s);
const char *prealloc_mode_name(PreallocMode mode);

typedef struct BlockDriverInfo {
    int cluster_size;           /* 0: not a clustered format */
    bool is_dirty;              /* dirty bit set (needs repair on rw open) */
    bool is_encrypted;          /* guest data is encrypted (info shows it) */
    int64_t vm_state_offset;    /* where a VM state would be saved */
} BlockDriverInfo;

/* What bdrv_check found; fields and meaning match QEMU's BdrvCheckResult. */
typedef struct BlockFragInfo {
    uint64_t allocated_clusters;
    uint64_t total_clusters;
    uint64_t fragmented_clusters;
    uint64_t compressed_clusters;
} BlockFragInfo;

typedef struct BdrvCheckResult {
    int corruptions;
    int leaks;
    int check_errors;
    int corruptions_fixed;
    int leaks_fixed;
    int64_t image_end_offset;
    BlockFragInfo bfi;
    /*
     * Optional sink for the per-problem lines QEMU prints during a check
     * ("Leaked cluster 5 refcount=1 reference=0"); the library never
     * prints itself.  NULL drops them.
     */
    void (*report)(void *opaque, const char *line);
    void *report_opaque;
} BdrvCheckResult;

typedef enum BdrvCheckMode {
    BDRV_FIX_LEAKS  = 1,
    BDRV_FIX_ERRORS = 2,
} BdrvCheckMode;

/* qemu-img measure's answer, bytes. */
typedef struct BlockMeasureInfo {
    uint64_t required;
    uint64_t fully_allocated;
    uint64_t bitmaps;
    bool has_bitmaps;
} BlockMeasureInfo;

/* One internal snapshot, as `qemu-img info` lists it. */
typedef struct QEMUSnapshotInfo {
    char id_str[128];
    char name[256];
    uint64_t vm_state_size;
    uint32_t date_sec;
    uint32_t date_nsec;
    uint64_t vm_clock_nsec;
    uint64_t icount;            /* -1 (all ones) when not recorded */
} QEMUSnapshotInfo;

/* --- drivers ---------------------------------------------------------- */

/* Look a format or protocol driver up by name ("qcow2", "raw", "file"). */
/*
 * QEMU's aio= / -i values: "threads" clears the engine bits of @flags,
 * "native" sets BDRV_O_NATIVE_AIO, "io_uring" BDRV_O_IO_URING.  False for
 * anything else.
 */
bool bdrv_parse_aio(const char *mode, int *flags);
BlockDriver *bdrv_find_format(const char *name);
const char *bdrv_get_format_name(const BlockDriverState *bs);
const char *bdrv_driver_name(const BlockDriver *drv);
/* Call @fn for each format driver name, in registration order. */
void bdrv_iterate_format(void (*fn)(void *opaque, const char *name),
                         void *opaque);
/* The driver's create options merged with the protocol's; NULL if none. */
const QemuOptsList *bdrv_create_opts(BlockDriver *drv);
bool bdrv_supports_backing(const BlockDriver *drv);
bool bdrv_supports_compressed_writes(const BlockDriver *drv);

/* --- open / close ----------------------------------------------------- */

/*
 * Open @filename.  @fmt NULL probes the format (raw as a fallback, with
 * QEMU's warning).  @options, when not NULL, are driver-specific runtime
 * options in "key=val,..." form.  The backing chain is opened read-only
 * unless BDRV_O_NO_BACKING.
 */
BlockDriverState *bdrv_open(const char *filename, const char *fmt,
                            const char *options, int flags, Error **errp);
/*
 * QEMU's image specifications.  bdrv_open() also takes them as file
 * names: "json:{...}" (nested objects flatten to "file.filename" keys)
 * and a "file:" protocol prefix ("other:" is an unknown protocol).
 * bdrv_open_image_opts() takes --image-opts' "key=val,..." form.  Keys:
 * driver, filename / file.filename, file.driver (file), file.locking
 * (on/off/auto), file.aio (threads), read-only, cache.direct,
 * cache.no-flush, discard, force-share, backing (empty: none),
 * node-name; anything else is an error naming the option.
 */
BlockDriverState *bdrv_open_image_opts(const char *optstr, int flags,
                                       Error **errp);

/*
 * bdrv_open for commit: the first @rw_depth backing layers (1 = the
 * top's backing file) get the top's flags, read-write with BDRV_O_RDWR;
 * the layers below stay read-only.  @image_opts: @filename is an
 * --image-opts list.
 */
BlockDriverState *bdrv_open_rw_chain(const char *filename, const char *fmt,
                                     int flags, int rw_depth, bool image_opts,
                                     Error **errp);
/* Do the two paths name the same file (device and inode)? */
bool bdrv_is_same_file(const char *a, const char *b);
/* Drop all of this layer's data, so it reads from its backing file
 * (commit); -ENOTSUP if the driver cannot. */
int bdrv_make_empty(BlockDriverState *bs, Error **errp);
/* qemu-img amend: the options @drv can change (NULL: none), and the
 * change itself (@opts parsed against that list).  A driver that works
 * in steps reports them through @status_cb (may be NULL): @done of
 * @total units of work, both as QEMU 7.2 counts them, so amend -p prints
 * the same progress lines. */
typedef void BlockAmendStatusCB(BlockDriverState *bs, int64_t done,
                                int64_t total, void *opaque);
const QemuOptsList *bdrv_amend_opts(BlockDriver *drv);
int bdrv_amend_options(BlockDriverState *bs, QemuOpts *opts, bool force,
                       BlockAmendStatusCB *status_cb, void *cb_opaque,
                       Error **errp);
/* Flush and close the node and its children. */
void bdrv_close(BlockDriverState *bs);

/* Probe the format of @filename without opening it as an image. */
BlockDriver *bdrv_probe_format(const char *filename, bool *probed_raw,
                               Error **errp);

BlockDriverState *bdrv_file_child(BlockDriverState *bs);
BlockDriverState *bdrv_backing(BlockDriverState *bs);
const char *bdrv_filename(const BlockDriverState *bs);
/* The backing file name as recorded in the image header ("" if none). */
const char *bdrv_backing_file_name(const BlockDriverState *bs);
const char *bdrv_backing_format_name(const BlockDriverState *bs);
bool bdrv_is_read_only(const BlockDriverState *bs);
/* The format was guessed as raw (tools print QEMU's warning). */
bool bdrv_probed_raw(const BlockDriverState *bs);
/* Largest alignment I/O must respect for the fast path (>= 1). */
uint32_t bdrv_request_alignment(const BlockDriverState *bs);

/* --- I/O -------------------------------------------------------------- */

int bdrv_pread(BlockDriverState *bs, int64_t offset, int64_t bytes,
               void *buf, int flags);
int bdrv_pwrite(BlockDriverState *bs, int64_t offset, int64_t bytes,
                const void *buf, int flags);
/* Write whole clusters compressed (only drivers that support it). */
int bdrv_pwrite_compressed(BlockDriverState *bs, int64_t offset,
                           int64_t bytes, const void *buf);
/*
 * Compressed writes in two steps, so that callers can compress in
 * parallel: bdrv_compress_cluster() takes no lock and may run in any
 * thread; it returns the compressed size (> 0), 0 when the data does not
 * compress (store it plainly), or -ENOTSUP when the format has no separate
 * step (use bdrv_pwrite_compressed).  bdrv_pwrite_precompressed() then
 * stores one cluster: @cdata/@clen when clen > 0, else @raw as is.
 */
int bdrv_compress_cluster(BlockDriverState *bs, const void *in, int64_t bytes,
                          void *out, size_t out_size);
int bdrv_pwrite_precompressed(BlockDriverState *bs, int64_t offset,
                              int64_t bytes, const void *raw,
                              const void *cdata, int clen);
int bdrv_pwrite_zeroes(BlockDriverState *bs, int64_t offset, int64_t bytes,
                       int flags);
int bdrv_pdiscard(BlockDriverState *bs, int64_t offset, int64_t bytes);
int bdrv_flush(BlockDriverState *bs);
int bdrv_truncate(BlockDriverState *bs, int64_t offset, bool exact,
                  PreallocMode prealloc, Error **errp);
/* Virtual size in bytes, or a negative errno. */
int64_t bdrv_getlength(BlockDriverState *bs);
/* Bytes the image occupies on the host (all files), or negative errno. */
int64_t bdrv_get_allocated_file_size(BlockDriverState *bs);
int bdrv_get_info(BlockDriverState *bs, BlockDriverInfo *bdi);

/*
 * Allocation status of [offset, offset+bytes) in this layer only.
 * Returns BDRV_BLOCK_* bits (>= 0) describing the first *pnum bytes
 * (*pnum > 0 unless at EOF), or a negative errno.  When OFFSET_VALID,
 * *map and *file say where the data lives.
 */
int bdrv_block_status(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      int64_t *pnum, int64_t *map, BlockDriverState **file);
/*
 * The same through the backing chain down to (not including) @base
 * (NULL: the whole chain).  *depth (may be NULL) receives the layer that
 * answered (0 = top).  Unallocated ranges past the chain read as zero.
 */
int bdrv_block_status_above(BlockDriverState *bs, BlockDriverState *base,
                            int64_t offset, int64_t bytes, int64_t *pnum,
                            int64_t *map, BlockDriverState **file,
                            int *depth);
/* 1 if allocated in this layer, 0 if not; *pnum says how far. */
int bdrv_is_allocated(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      int64_t *pnum);

/*
 * Runtime events QEMU prints from inside the block layer (e.g. "qcow2:
 * Marking image as corrupt: ...").  The library never prints: a tool
 * installs a handler (typically printing to stderr); NULL drops them.
 */
void bdrv_set_message_handler(void (*fn)(const char *msg));
void bdrv_report_message(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/* --- whole-image operations ------------------------------------------ */

/*
 * Create an image of format @drv at @filename.  @opts holds the merged
 * create options (size, backing_file, ...), see bdrv_create_opts().
 */
int bdrv_create(BlockDriver *drv, const char *filename, QemuOpts *opts,
                Error **errp);
/* @res->report/report_opaque are kept; the counters are reset. */
int bdrv_check(BlockDriverState *bs, BdrvCheckResult *res, int fix);
bool bdrv_can_check(BlockDriverState *bs);
/* Format-specific description for `qemu-img info` (NULL if none). */
InfoNode *bdrv_get_specific_info(BlockDriverState *bs, Error **errp);
/* Internal snapshots: count (>= 0, *list g_free'd by caller) or -errno. */
int bdrv_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **list);
/*
 * Make the read-only node @bs read as internal snapshot @id and/or @name
 * (either may be NULL, not both) until it is closed.  The _by_id_or_name
 * form tries @id_or_name as an ID first, then as a name (convert -l).
 */
int bdrv_snapshot_load_tmp(BlockDriverState *bs, const char *id,
                           const char *name, Error **errp);
int bdrv_snapshot_load_tmp_by_id_or_name(BlockDriverState *bs,
                                         const char *id_or_name, Error **errp);
/*
 * Internal snapshots of a writable node: create one from the active image
 * (@info's name, date and VM fields; the ID is chosen), revert the active
 * image to one (an ID, else a name), delete one (@id and/or @name must
 * match).  0 or -errno with @errp set.
 */
int bdrv_snapshot_create(BlockDriverState *bs, const QEMUSnapshotInfo *info,
                         Error **errp);
int bdrv_snapshot_goto(BlockDriverState *bs, const char *id_or_name,
                       Error **errp);
int bdrv_snapshot_delete(BlockDriverState *bs, const char *id,
                         const char *name, Error **errp);
/* Space needed to convert @in_bs (or a new image of the opts' size). */
int bdrv_measure(BlockDriver *drv, QemuOpts *opts, BlockDriverState *in_bs,
                 BlockMeasureInfo *info, Error **errp);
/* Rewrite the backing file link in the header (rebase -u, convert -B). */
int bdrv_change_backing_file(BlockDriverState *bs, const char *backing_file,
                             const char *backing_fmt, Error **errp);
/* Is the whole image known to read as zeros (fresh target)? */
bool bdrv_has_zero_init(BlockDriverState *bs);

#endif
