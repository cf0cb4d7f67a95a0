/*
 * Persistent dirty bitmaps: the checks QEMU's QMP commands make before a
 * format driver sees a request (name, granularity, consistency, sizes),
 * and merging, which works on any two bitmaps through get and set_dirty.
 * The driver (qcow2-bitmap.c) owns the bits, the on-disk layout and the
 * tracking of writes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "block/block_int.h"
#include "block/dirty-bitmap.h"
#include "qemu/bitops.h"

void bdrv_bitmap_free(BdrvBitmap *bm)
{
    g_free(bm->name);
    g_free(bm->bits);
    memset(bm, 0, sizeof(*bm));
}

/* QEMU names nodes "#blockNNN"; ours have no graph, so one fixed name. */
static const char *node_name(BlockDriverState *bs)
{
    return "#block000";
}

bool bdrv_bitmap_supported(BlockDriverState *bs)
{
    const BdrvBitmapOps *ops = bs->drv->bitmap_ops;
    return ops && ops->supported(bs);
}

char **bdrv_bitmap_names(BlockDriverState *bs)
{
    char **names = NULL;
    const BdrvBitmapOps *ops = bs->drv->bitmap_ops;
    if (!ops || ops->list(bs, &names) < 0) {
        return g_new0(char *, 1);
    }
    return names;
}

int bdrv_bitmap_get(BlockDriverState *bs, const char *name, bool with_bits,
                    BdrvBitmap *out, Error **errp)
{
    const BdrvBitmapOps *ops = bs->drv->bitmap_ops;
    memset(out, 0, sizeof(*out));
    if (!ops) {
        error_setg(errp, "Dirty bitmap '%s' not found", name);
        return -ENOENT;
    }
    return ops->get(bs, name, with_bits, out, errp);
}

static void set_inconsistent_error(Error **errp, const char *name)
{
    error_setg(errp, "Bitmap '%s' is inconsistent and cannot be used", name);
    error_append_hint(errp, "Try block-dirty-bitmap-remove to delete this "
                      "bitmap from disk\n");
}

/* Look @name up; a usable one unless @allow_inconsistent. */
static int lookup(BlockDriverState *bs, const char *name,
                  bool allow_inconsistent, Error **errp)
{
    BdrvBitmap bm;
    int ret = bdrv_bitmap_get(bs, name, false, &bm, errp);
    if (ret < 0) {
        return ret;
    }
    if (bm.inconsistent && !allow_inconsistent) {
        set_inconsistent_error(errp, name);
        ret = -EINVAL;
    }
    bdrv_bitmap_free(&bm);
    return ret;
}

int bdrv_bitmap_add(BlockDriverState *bs, const char *name,
                    int64_t granularity, bool enabled, Error **errp)
{
    if (!name[0]) {
        error_setg(errp, "Bitmap name cannot be empty");
        return -EINVAL;
    }
    if (granularity) {
        /* QMP's granularity is 32 bits wide: larger values wrap. */
        uint32_t g = (uint32_t)granularity;
        if (g < 512 || (g & (g - 1))) {
            error_setg(errp, "Granularity must be power of 2 and at least "
                       "512");
            return -EINVAL;
        }
        granularity = g;
    } else {
        BlockDriverInfo bdi;
        granularity = 65536;
        if (bdrv_get_info(bs, &bdi) >= 0 && bdi.cluster_size > 0) {
            granularity = MIN(65536, MAX(4096, bdi.cluster_size));
        }
    }
    const BdrvBitmapOps *ops = bs->drv->bitmap_ops;
    if (!ops) {
        error_setg_errno(errp, ENOTSUP, "Can't store persistent bitmaps to %s",
                         node_name(bs));
        return -ENOTSUP;
    }
    int ret = ops->add(bs, name, (uint32_t)granularity, enabled, errp);
    if (ret < 0 && ret != -EEXIST) {
        error_prepend(errp, "Can't make bitmap '%s' persistent in '%s': ",
                      name, node_name(bs));
    }
    return ret;
}

int bdrv_bitmap_remove(BlockDriverState *bs, const char *name, Error **errp)
{
    int ret = lookup(bs, name, true, errp);
    return ret < 0 ? ret : bs->drv->bitmap_ops->remove(bs, name, errp);
}

int bdrv_bitmap_clear(BlockDriverState *bs, const char *name, Error **errp)
{
    int ret = lookup(bs, name, false, errp);
    return ret < 0 ? ret : bs->drv->bitmap_ops->clear(bs, name, errp);
}

int bdrv_bitmap_enable(BlockDriverState *bs, const char *name, bool enable,
                       Error **errp)
{
    int ret = lookup(bs, name, false, errp);
    return ret < 0 ? ret
                   : bs->drv->bitmap_ops->set_enabled(bs, name, enable, errp);
}

/*
 * QEMU's order: find the target, then the source; the source must be
 * consistent and of the same size; then the target must be usable.
 * Granularities may differ: each set source bit dirties its whole range.
 */
int bdrv_bitmap_merge(BlockDriverState *bs, const char *dst_name,
                      BlockDriverState *src_bs, const char *src_name,
                      Error **errp)
{
    BdrvBitmap dst, src;
    int ret = bdrv_bitmap_get(bs, dst_name, false, &dst, errp);
    if (ret < 0) {
        return ret;
    }
    ret = bdrv_bitmap_get(src_bs, src_name, true, &src, errp);
    if (ret < 0) {
        goto out_dst;
    }
    if (src.inconsistent) {
        set_inconsistent_error(errp, src_name);
        ret = -EINVAL;
        goto out;
    }
    if (src.size != dst.size) {
        error_setg(errp, "Bitmaps are of different sizes (destination size "
                   "is %" PRIu64 ", source size is %" PRIu64 ") and can't be "
                   "merged", dst.size, src.size);
        ret = -EINVAL;
        goto out;
    }
    if (dst.inconsistent) {
        set_inconsistent_error(errp, dst_name);
        ret = -EINVAL;
        goto out;
    }
    uint64_t nbits = DIV_ROUND_UP(src.size, src.granularity);
    for (uint64_t i = 0; i < nbits && ret == 0; i++) {
        if (!(src.bits[i / 8] & (1u << (i % 8)))) {
            continue;
        }
        uint64_t run = i;
        while (run + 1 < nbits && (src.bits[(run + 1) / 8] &
                                   (1u << ((run + 1) % 8)))) {
            run++;
        }
        uint64_t start = i * src.granularity;
        uint64_t end = MIN((run + 1) * src.granularity, src.size);
        ret = bs->drv->bitmap_ops->set_dirty(bs, dst_name, start, end - start,
                                             errp);
        i = run;
    }
out:
    bdrv_bitmap_free(&src);
out_dst:
    bdrv_bitmap_free(&dst);
    return ret;
}
