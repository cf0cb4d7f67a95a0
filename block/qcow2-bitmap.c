/*
 * qcow2 persistent dirty bitmaps, read side: the bitmaps extension
 * (0x23852875), the bitmap directory and the bitmap tables as QEMU's
 * docs/interop/qcow2.txt defines them, for `info` (listing them as QEMU
 * does) and `check` (their clusters are referenced, their fields valid).
 *
 * Not here: creating, changing or tracking bitmaps.  An image opened
 * read-write has autoclear bit 0 cleared (qcow2.c), which by the spec
 * makes its bitmaps invalid, so no bitmap ever claims to be consistent
 * after writes it did not see.
 *
 * Extension: nb_bitmaps (BE32), reserved (BE32, 0), directory size (BE64),
 * directory offset (BE64).  Directory entry (8-byte aligned): table offset
 * (BE64), table size in entries (BE32), flags (BE32: 0 in-use, 1 auto,
 * 2 extra data compatible), type (1 = dirty tracking), granularity bits,
 * name size (BE16), extra data size (BE32), extra data, name.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "qcow2.h"

#define BME_MAX_BITMAPS 65535
#define BME_MAX_DIRECTORY_SIZE (64 * MiB)
#define BME_ENTRY_HEADER 24
#define BME_FLAG_IN_USE (1u << 0)
#define BME_FLAG_AUTO (1u << 1)
#define BME_FLAG_EXTRA_COMPAT (1u << 2)
#define BME_FLAGS_KNOWN (BME_FLAG_IN_USE | BME_FLAG_AUTO | BME_FLAG_EXTRA_COMPAT)
#define BME_TYPE_DIRTY_TRACKING 1
#define BME_MIN_GRANULARITY_BITS 9
#define BME_MAX_GRANULARITY_BITS 31
#define BME_MAX_NAME_SIZE 1023
#define BME_TABLE_ENTRY_OFFSET_MASK 0x00fffffffffffe00ULL

struct Qcow2Bitmap {
    char *name;
    uint32_t flags;
    int granularity_bits;
    uint64_t table_offset;
    uint32_t table_size;
};

int qcow2_bitmaps_parse_ext(BlockDriverState *bs, const uint8_t *data,
                            uint32_t len, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    if (!(s->autoclear_features & QCOW2_AUTOCLEAR_BITMAPS)) {
        return 0;   /* stale: a writer that did not know them came by */
    }
    if (len < 24) {
        error_setg(errp, "bitmaps_ext: Invalid extension length");
        return -EINVAL;
    }
    s->nb_bitmaps = ldl_be_p(data);
    s->bitmap_directory_size = ldq_be_p(data + 8);
    s->bitmap_directory_offset = ldq_be_p(data + 16);
    if (ldl_be_p(data + 4)) {
        error_setg(errp, "bitmaps_ext: Reserved field is not zero");
        return -EINVAL;
    }
    if (s->nb_bitmaps == 0 || s->nb_bitmaps > BME_MAX_BITMAPS) {
        error_setg(errp, "bitmaps_ext: Image has %u bitmaps, which is not "
                   "between 1 and %d", s->nb_bitmaps, BME_MAX_BITMAPS);
        return -EINVAL;
    }
    if (s->bitmap_directory_size > BME_MAX_DIRECTORY_SIZE ||
        s->bitmap_directory_size < (uint64_t)s->nb_bitmaps * BME_ENTRY_HEADER) {
        error_setg(errp, "bitmaps_ext: Invalid bitmap directory size %" PRIu64,
                   s->bitmap_directory_size);
        return -EINVAL;
    }
    s->has_bitmaps_ext = true;
    return 0;
}

static void free_bitmaps(BDRVQcow2State *s)
{
    for (uint32_t i = 0; s->bitmaps && i < s->nb_bitmaps; i++) {
        g_free(s->bitmaps[i].name);
    }
    g_free(s->bitmaps);
    s->bitmaps = NULL;
}

void qcow2_bitmaps_free(BDRVQcow2State *s)
{
    free_bitmaps(s);
    s->has_bitmaps_ext = false;
}

/* Table entries a bitmap of @granularity_bits needs for this image. */
static uint64_t table_entries(BDRVQcow2State *s, int granularity_bits)
{
    uint64_t bits = DIV_ROUND_UP(s->size, 1ULL << granularity_bits);
    return DIV_ROUND_UP(bits, (uint64_t)s->cluster_size * 8);
}

int qcow2_bitmaps_load(BlockDriverState *bs, int64_t file_len, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    if (!s->has_bitmaps_ext) {
        return 0;
    }
    uint64_t off = s->bitmap_directory_offset;
    uint64_t size = s->bitmap_directory_size;
    if (offset_into_cluster(s, off) || off > (uint64_t)file_len ||
        size > (uint64_t)file_len - off) {
        error_setg(errp, "Bitmap directory at %#" PRIx64 " (%" PRIu64
                   " bytes) lies outside the image", off, size);
        return -EINVAL;
    }
    uint8_t *dir = g_malloc(size);
    int ret = bdrv_pread(bs->file, off, size, dir, 0);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read the bitmap directory");
        g_free(dir);
        return ret;
    }
    s->bitmaps = g_new0(Qcow2Bitmap, s->nb_bitmaps);
    uint64_t pos = 0;
    for (uint32_t i = 0; i < s->nb_bitmaps; i++) {
        Qcow2Bitmap *b = &s->bitmaps[i];
        if (size - pos < BME_ENTRY_HEADER) {
            error_setg(errp, "Bitmap directory is too short for %u entries",
                       s->nb_bitmaps);
            goto fail;
        }
        const uint8_t *e = dir + pos;
        b->table_offset = ldq_be_p(e);
        b->table_size = ldl_be_p(e + 8);
        b->flags = ldl_be_p(e + 12);
        uint8_t type = e[16];
        b->granularity_bits = e[17];
        uint16_t name_size = lduw_be_p(e + 18);
        uint32_t extra = ldl_be_p(e + 20);
        uint64_t entry = ROUND_UP((uint64_t)BME_ENTRY_HEADER + extra + name_size,
                                  8);
        if (entry > size - pos) {
            error_setg(errp, "Bitmap directory entry %u runs past the "
                       "directory", i);
            goto fail;
        }
        if (name_size == 0 || name_size > BME_MAX_NAME_SIZE) {
            error_setg(errp, "Bitmap %u has an invalid name length %u", i,
                       name_size);
            goto fail;
        }
        b->name = g_strndup((const char *)e + BME_ENTRY_HEADER + extra,
                            name_size);
        if (type != BME_TYPE_DIRTY_TRACKING ||
            b->granularity_bits < BME_MIN_GRANULARITY_BITS ||
            b->granularity_bits > BME_MAX_GRANULARITY_BITS ||
            (b->flags & ~BME_FLAGS_KNOWN) ||
            (extra && !(b->flags & BME_FLAG_EXTRA_COMPAT))) {
            error_setg(errp, "Bitmap '%s' has an unsupported type, "
                       "granularity or flags", b->name);
            goto fail;
        }
        if (b->table_size != table_entries(s, b->granularity_bits) ||
            offset_into_cluster(s, b->table_offset) ||
            b->table_offset > (uint64_t)file_len ||
            (uint64_t)b->table_size * 8 > (uint64_t)file_len - b->table_offset) {
            error_setg(errp, "Bitmap '%s': invalid bitmap table (offset %#"
                       PRIx64 ", %u entries)", b->name, b->table_offset,
                       b->table_size);
            goto fail;
        }
        pos += entry;
    }
    g_free(dir);
    return 0;
fail:
    g_free(dir);
    free_bitmaps(s);
    return -EINVAL;
}

void qcow2_bitmaps_info(BlockDriverState *bs, InfoNode *d)
{
    BDRVQcow2State *s = bs->opaque;
    if (!s->bitmaps) {
        return;
    }
    InfoNode *list = info_add_list(d, "bitmaps");
    for (uint32_t i = 0; i < s->nb_bitmaps; i++) {
        const Qcow2Bitmap *b = &s->bitmaps[i];
        InfoNode *e = info_new_dict();
        InfoNode *flags = info_add_list(e, "flags");
        if (b->flags & BME_FLAG_IN_USE) {
            info_add_str(flags, NULL, "in-use");
        }
        if (b->flags & BME_FLAG_AUTO) {
            info_add_str(flags, NULL, "auto");
        }
        info_add_str(e, "name", b->name);
        info_add_int(e, "granularity", 1LL << b->granularity_bits);
        info_add_node(list, NULL, e);
    }
}

int qcow2_bitmaps_for_each_range(BlockDriverState *bs,
                                 void (*fn)(void *opaque, uint64_t offset,
                                            uint64_t bytes),
                                 void *opaque)
{
    BDRVQcow2State *s = bs->opaque;
    if (!s->bitmaps) {
        return 0;
    }
    fn(opaque, s->bitmap_directory_offset, s->bitmap_directory_size);
    for (uint32_t i = 0; i < s->nb_bitmaps; i++) {
        const Qcow2Bitmap *b = &s->bitmaps[i];
        uint64_t bytes = (uint64_t)b->table_size * 8;
        fn(opaque, b->table_offset, bytes);
        uint8_t *t = g_malloc(MAX(bytes, 1));
        int ret = bdrv_pread(bs->file, b->table_offset, bytes, t, 0);
        if (ret < 0) {
            g_free(t);
            return ret;
        }
        for (uint32_t j = 0; j < b->table_size; j++) {
            uint64_t off = ldq_be_p(t + j * 8) & BME_TABLE_ENTRY_OFFSET_MASK;
            if (off) {
                fn(opaque, off, s->cluster_size);
            }
        }
        g_free(t);
    }
    return 0;
}
