/*
 * The `raw` format: the image is the file, byte for byte.  Every request
 * passes straight to the protocol node; block status maps 1:1 so holes in
 * the file show as zeros.  Probing never picks raw on merit: it is the
 * fallback when no other driver recognises the file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>

#include "block/block_int.h"

/*
 * The length is read once at open and kept up to date by truncate, as
 * QEMU keeps total_sectors: every request is range-checked against it, and
 * asking the file (an fstat) each time cost a system call per request.
 */
typedef struct RawState {
    int64_t size;
} RawState;

static int raw_probe(const uint8_t *buf, int buf_size, const char *filename)
{
    return 1;
}

static int raw_open(BlockDriverState *bs, QemuOpts *opts, int flags,
                    Error **errp)
{
    RawState *s = bs->opaque;
    bs->request_alignment = bs->file->request_alignment;
    s->size = bdrv_getlength(bs->file);
    if (s->size < 0) {
        error_setg_errno(errp, (int)-s->size, "Could not get the size of %s",
                         bs->file->filename);
        return (int)s->size;
    }
    return 0;
}

static int raw_pread(BlockDriverState *bs, int64_t offset, int64_t bytes,
                     void *buf, int flags)
{
    return bdrv_pread(bs->file, offset, bytes, buf, flags);
}

/*
 * A raw format that was only guessed must not let a guest write a header
 * that would make the next probe pick another format (QEMU's block 0
 * restriction).
 */
static bool raw_write_changes_format(BlockDriverState *bs, int64_t offset,
                                     int64_t bytes, const void *buf)
{
    enum { PROBE_SIZE = 512 };
    if (!bs->probed_raw || offset >= PROBE_SIZE) {
        return false;
    }
    uint8_t head[PROBE_SIZE];
    memset(head, 0, sizeof(head));
    bdrv_pread(bs->file, 0, PROBE_SIZE, head, 0);
    memcpy(head + offset, buf, MIN(bytes, PROBE_SIZE - offset));
    for (int i = 0; bdrv_drivers[i]; i++) {
        BlockDriver *d = bdrv_drivers[i];
        if (d != &bdrv_raw && !d->is_protocol && d->probe &&
            d->probe(head, PROBE_SIZE, bs->filename) > 1) {
            return true;
        }
    }
    return false;
}

static int raw_pwrite(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      const void *buf, int flags)
{
    if (raw_write_changes_format(bs, offset, bytes, buf)) {
        return -EPERM;
    }
    return bdrv_pwrite(bs->file, offset, bytes, buf, flags);
}

static int raw_pwrite_zeroes(BlockDriverState *bs, int64_t offset,
                             int64_t bytes, int flags)
{
    return bdrv_pwrite_zeroes(bs->file, offset, bytes, flags);
}

static int raw_pdiscard(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
    return bdrv_pdiscard(bs->file, offset, bytes);
}

static int raw_truncate(BlockDriverState *bs, int64_t offset, bool exact,
                        PreallocMode prealloc, Error **errp)
{
    RawState *s = bs->opaque;
    int ret = bdrv_truncate(bs->file, offset, true, prealloc, errp);
    int64_t len = bdrv_getlength(bs->file);
    if (len >= 0) {
        s->size = len;      /* also after a failed truncate: it may have
                               grown the file part way */
    }
    return ret;
}

static int64_t raw_getlength(BlockDriverState *bs)
{
    RawState *s = bs->opaque;
    return s->size;
}

static int raw_block_status(BlockDriverState *bs, int64_t offset,
                            int64_t bytes, int64_t *pnum, int64_t *map,
                            BlockDriverState **file)
{
    *pnum = bytes;
    *map = offset;
    *file = bs->file;
    return BDRV_BLOCK_RAW | BDRV_BLOCK_OFFSET_VALID | BDRV_BLOCK_DATA;
}

static int raw_create(const char *filename, QemuOpts *opts, Error **errp)
{
    return bdrv_file.create(filename, opts, errp);
}

static const QemuOptsList raw_create_opts = {
    .name = "raw-create-opts",
    .desc = {
        { BLOCK_OPT_SIZE, QEMU_OPT_SIZE, "Virtual disk size" },
        { BLOCK_OPT_PREALLOC, QEMU_OPT_STRING,
          "Preallocation mode (allowed values: off, falloc, full)" },
        { NULL },
    },
};

static int raw_measure(QemuOpts *opts, BlockDriverState *in_bs,
                       BlockMeasureInfo *info, Error **errp)
{
    int64_t size;
    if (in_bs) {
        size = bdrv_getlength(in_bs);
        if (size < 0) {
            error_setg_errno(errp, (int)-size, "Unable to get image virtual "
                             "size");
            return (int)size;
        }
    } else {
        size = qemu_opt_get_size(opts, BLOCK_OPT_SIZE, 0);
    }
    size = (size + BDRV_SECTOR_SIZE - 1) & ~(int64_t)(BDRV_SECTOR_SIZE - 1);
    info->required = size;
    info->fully_allocated = size;
    return 0;
}

BlockDriver bdrv_raw = {
    .format_name = "raw",
    .instance_size = sizeof(RawState),
    .thread_safe = true,
    .co_yields = true,
    .passthrough = true,
    .has_zero_init = true,
    .probe = raw_probe,
    .open = raw_open,
    .create = raw_create,
    .create_opts = &raw_create_opts,
    .pread = raw_pread,
    .pwrite = raw_pwrite,
    .pwrite_zeroes = raw_pwrite_zeroes,
    .pdiscard = raw_pdiscard,
    .truncate = raw_truncate,
    .getlength = raw_getlength,
    .block_status = raw_block_status,
    .measure = raw_measure,
};
