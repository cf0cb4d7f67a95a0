/*
 * Persistent dirty bitmaps, the block-layer face (block/dirty-bitmap.c):
 * what `qemu-img bitmap` and `convert --bitmaps` call.  A format that can
 * store bitmaps (qcow2) fills BdrvBitmapOps; every other format answers
 * QEMU's "Can't store persistent bitmaps to ..." error.
 *
 * Bits are kept as the qcow2 specification serialises them: bit i (one
 * granularity-sized chunk of the guest disk) is bit (i % 8) of byte i / 8.
 * Errors carry QEMU 7.2's messages (its QMP block-dirty-bitmap-* text).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BLOCK_DIRTY_BITMAP_H
#define BLOCK_DIRTY_BITMAP_H

#include "block/block.h"

/* One bitmap as a snapshot: description and, when asked, a copy of the
 * bits (NULL when it is inconsistent). */
typedef struct BdrvBitmap {
    char *name;
    uint32_t granularity;
    bool enabled;           /* tracks writes ("auto" on disk) */
    bool inconsistent;      /* in use when opened: contents unknown */
    uint64_t size;          /* bytes of guest disk it covers */
    uint8_t *bits;
} BdrvBitmap;

typedef struct BdrvBitmapOps {
    /* Whether this image can hold persistent bitmaps at all. */
    bool (*supported)(BlockDriverState *bs);
    /* Names in directory order; *names is a NULL-terminated strv. */
    int (*list)(BlockDriverState *bs, char ***names);
    int (*get)(BlockDriverState *bs, const char *name, bool with_bits,
               BdrvBitmap *out, Error **errp);
    /* Checks beyond name and granularity (both already valid). */
    int (*add)(BlockDriverState *bs, const char *name, uint32_t granularity,
               bool enabled, Error **errp);
    int (*remove)(BlockDriverState *bs, const char *name, Error **errp);
    int (*clear)(BlockDriverState *bs, const char *name, Error **errp);
    int (*set_enabled)(BlockDriverState *bs, const char *name, bool enabled,
                       Error **errp);
    /* Mark guest bytes [offset, offset + bytes) in bitmap @name. */
    int (*set_dirty)(BlockDriverState *bs, const char *name, uint64_t offset,
                     uint64_t bytes, Error **errp);
} BdrvBitmapOps;

void bdrv_bitmap_free(BdrvBitmap *bm);
/* QEMU's bdrv_supports_persistent_dirty_bitmap. */
bool bdrv_bitmap_supported(BlockDriverState *bs);
/* Persistent bitmap names of @bs (empty for formats without bitmaps). */
char **bdrv_bitmap_names(BlockDriverState *bs);
/* Get one bitmap (with its bits if @with_bits and it is consistent). */
int bdrv_bitmap_get(BlockDriverState *bs, const char *name, bool with_bits,
                    BdrvBitmap *out, Error **errp);
/* Granularity 0: QEMU's default (the cluster size within 4 KiB..64 KiB). */
int bdrv_bitmap_add(BlockDriverState *bs, const char *name,
                    int64_t granularity, bool enabled, Error **errp);
int bdrv_bitmap_remove(BlockDriverState *bs, const char *name, Error **errp);
int bdrv_bitmap_clear(BlockDriverState *bs, const char *name, Error **errp);
int bdrv_bitmap_enable(BlockDriverState *bs, const char *name, bool enable,
                       Error **errp);
/* Set in @dst_name of @bs every bit set in @src_name of @src_bs. */
int bdrv_bitmap_merge(BlockDriverState *bs, const char *dst_name,
                      BlockDriverState *src_bs, const char *src_name,
                      Error **errp);

#endif
