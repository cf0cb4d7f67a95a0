/*
 * qcow2 persistent dirty bitmaps: the bitmaps extension (0x23852875), the
 * bitmap directory and the bitmap tables as QEMU's docs/interop/qcow2.txt
 * defines them; listing for `info`, ranges for `check`, and the live side:
 * bitmaps loaded into memory, marked by every write, stored on close.
 *
 * Life cycle (QEMU's, so either tool can pick up after the other):
 *  - open read-only: bitmaps are read when asked (merge source, convert).
 *  - open read-write: every consistent bitmap is loaded and the in-use flag
 *    is set on disk, with the directory rewritten in place while autoclear
 *    bit 0 is off, before any guest write.  A crash from here on leaves
 *    bitmaps flagged in use, which no reader trusts.
 *  - writes, zero writes and discards set bits in enabled ("auto") bitmaps.
 *  - close: each consistent bitmap gets new data clusters and a new table,
 *    then a new directory; the header switches to it (in-use clear) and
 *    only then are the old clusters freed.
 * A bitmap flagged in use at open is "inconsistent": kept as it is on
 * disk, listed with its in-use flag, usable only for removal.
 *
 * Extension: nb_bitmaps (BE32), reserved (BE32, 0), directory size (BE64),
 * directory offset (BE64).  Directory entry (8-byte aligned): table offset
 * (BE64), table size in entries (BE32), flags (BE32: 0 in-use, 1 auto),
 * type (1 = dirty tracking), granularity bits, name size (BE16), extra
 * data size (BE32), extra data, name.  Table entry: bits 9-55 the data
 * cluster; 0 = all zeros, 1 = all ones.  Data: bit i of the bitmap is bit
 * (i % 8) of byte i / 8 of the concatenated clusters.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "block/dirty-bitmap.h"
#include "qcow2.h"
#include "qemu/cutils.h"

#define BME_MAX_BITMAPS 65535
#define BME_MAX_DIRECTORY_SIZE (64 * MiB)
#define BME_MAX_TABLE_SIZE 0x8000000u
#define BME_MAX_PHYS_SIZE 0x20000000u
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
#define BME_TABLE_ENTRY_RESERVED_MASK 0xff000000000001feULL
#define BME_TABLE_ENTRY_ALL_ONES 1ULL

struct Qcow2Bitmap {
    char *name;
    uint32_t flags;             /* as on disk */
    int granularity_bits;
    uint64_t table_offset;      /* 0: added in this session, not stored */
    uint32_t table_size;
    uint8_t *bits;              /* loaded data, NULL until loaded */
    bool enabled;
    bool inconsistent;          /* in use at open: contents unknown */
    bool from_disk;             /* in the directory at open */
};

/* A table (and its data clusters) to free once the header no longer
 * points at it. */
typedef struct Qcow2BitmapDrop {
    uint64_t offset;
    uint32_t size;
} Qcow2BitmapDrop;

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
        g_free(s->bitmaps[i].bits);
    }
    g_free(s->bitmaps);
    s->bitmaps = NULL;
    s->nb_bitmaps = 0;
    if (s->bitmap_drops) {
        g_array_free(s->bitmap_drops, TRUE);
        s->bitmap_drops = NULL;
    }
}

void qcow2_bitmaps_free(BDRVQcow2State *s)
{
    free_bitmaps(s);
    s->has_bitmaps_ext = false;
    s->bitmaps_live = false;
}

static uint64_t bitmap_bits(BDRVQcow2State *s, int granularity_bits)
{
    return DIV_ROUND_UP(s->size, 1ULL << granularity_bits);
}

static uint64_t bitmap_bytes(BDRVQcow2State *s, int granularity_bits)
{
    return DIV_ROUND_UP(bitmap_bits(s, granularity_bits), 8);
}

/* Table entries a bitmap of @granularity_bits needs for this image. */
static uint64_t table_entries(BDRVQcow2State *s, int granularity_bits)
{
    return DIV_ROUND_UP(bitmap_bytes(s, granularity_bits),
                        (uint64_t)s->cluster_size);
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
    uint32_t count = s->nb_bitmaps;
    s->bitmaps = g_new0(Qcow2Bitmap, count);
    uint64_t pos = 0;
    for (uint32_t i = 0; i < count; i++) {
        Qcow2Bitmap *b = &s->bitmaps[i];
        if (size - pos < BME_ENTRY_HEADER) {
            error_setg(errp, "Bitmap directory is too short for %u entries",
                       count);
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
        b->enabled = b->flags & BME_FLAG_AUTO;
        b->inconsistent = b->flags & BME_FLAG_IN_USE;
        b->from_disk = true;
        if (type != BME_TYPE_DIRTY_TRACKING ||
            b->granularity_bits < BME_MIN_GRANULARITY_BITS ||
            b->granularity_bits > BME_MAX_GRANULARITY_BITS ||
            (b->flags & ~BME_FLAGS_KNOWN) ||
            (extra && !(b->flags & BME_FLAG_EXTRA_COMPAT))) {
            error_setg(errp, "Bitmap '%s' has an unsupported type, "
                       "granularity or flags", b->name);
            goto fail;
        }
        /* An in-use bitmap may have missed a resize: its size is not
         * checked, only that its table lies inside the file. */
        if ((!b->inconsistent &&
             b->table_size != table_entries(s, b->granularity_bits)) ||
            b->table_size == 0 || b->table_size > BME_MAX_TABLE_SIZE ||
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

/* Read @b's table into host order, each entry checked; NULL on error. */
static uint64_t *read_table(BlockDriverState *bs, uint64_t offset,
                            uint32_t size, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t *t = g_new(uint64_t, size);
    int ret = bdrv_pread(bs->file, offset, (int64_t)size * 8, t, 0);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read bitmap table at %#"
                         PRIx64, offset);
        g_free(t);
        return NULL;
    }
    int64_t file_len = qcow2_file_length(bs);
    for (uint32_t i = 0; i < size; i++) {
        t[i] = be64_to_cpu(t[i]);
        uint64_t data = t[i] & BME_TABLE_ENTRY_OFFSET_MASK;
        if ((t[i] & BME_TABLE_ENTRY_RESERVED_MASK) ||
            (data && ((t[i] & BME_TABLE_ENTRY_ALL_ONES) ||
                      offset_into_cluster(s, data) ||
                      file_len < 0 || data >= (uint64_t)file_len))) {
            error_setg(errp, "Invalid bitmap table entry %u at %#" PRIx64,
                       i, offset);
            g_free(t);
            return NULL;
        }
    }
    return t;
}

static int load_bits(BlockDriverState *bs, Qcow2Bitmap *b, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    if (b->bits || b->inconsistent) {
        return 0;
    }
    uint64_t nbytes = bitmap_bytes(s, b->granularity_bits);
    uint64_t *t = read_table(bs, b->table_offset, b->table_size, errp);
    if (!t) {
        error_prepend(errp, "Could not read bitmap '%s': ", b->name);
        return -EINVAL;
    }
    uint8_t *bits = g_malloc0(MAX(nbytes, 1));
    int ret = 0;
    for (uint32_t i = 0; i < b->table_size; i++) {
        uint64_t start = (uint64_t)i * s->cluster_size;
        uint64_t n = MIN((uint64_t)s->cluster_size, nbytes - start);
        uint64_t data = t[i] & BME_TABLE_ENTRY_OFFSET_MASK;
        if (data) {
            ret = bdrv_pread(bs->file, data, n, bits + start, 0);
            if (ret < 0) {
                error_setg_errno(errp, -ret, "Could not read bitmap '%s'",
                                 b->name);
                break;
            }
        } else if (t[i] & BME_TABLE_ENTRY_ALL_ONES) {
            memset(bits + start, 0xff, n);
        }
    }
    g_free(t);
    if (ret < 0) {
        g_free(bits);
        return ret;
    }
    uint64_t nbits = bitmap_bits(s, b->granularity_bits);
    if (nbits % 8) {
        bits[nbytes - 1] &= (1u << (nbits % 8)) - 1;
    }
    b->bits = bits;
    return 0;
}

/* The directory as it would be written now, *@size bytes. */
static uint8_t *build_directory(BDRVQcow2State *s, uint64_t *size)
{
    uint64_t total = 0;
    for (uint32_t i = 0; i < s->nb_bitmaps; i++) {
        total += ROUND_UP(BME_ENTRY_HEADER + strlen(s->bitmaps[i].name), 8);
    }
    uint8_t *dir = g_malloc0(MAX(total, 1));
    uint64_t pos = 0;
    for (uint32_t i = 0; i < s->nb_bitmaps; i++) {
        const Qcow2Bitmap *b = &s->bitmaps[i];
        size_t len = strlen(b->name);
        stq_be_p(dir + pos, b->table_offset);
        stl_be_p(dir + pos + 8, b->table_size);
        stl_be_p(dir + pos + 12, b->flags);
        dir[pos + 16] = BME_TYPE_DIRTY_TRACKING;
        dir[pos + 17] = (uint8_t)b->granularity_bits;
        stw_be_p(dir + pos + 18, (uint16_t)len);
        stl_be_p(dir + pos + 20, 0);
        memcpy(dir + pos + BME_ENTRY_HEADER, b->name, len);
        pos += ROUND_UP(BME_ENTRY_HEADER + len, 8);
    }
    *size = total;
    return dir;
}

static int write_autoclear(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    int ret = qcow2_update_header_fields(bs, QH_AUTOCLEAR, 8,
                                         s->autoclear_features);
    return ret < 0 ? ret : bdrv_flush(bs->file);
}

/*
 * Open read-write: load every consistent bitmap and flag it in use on
 * disk.  The directory keeps its size, so it is rewritten in place while
 * autoclear bit 0 is off (a crash in between drops the bitmaps, which is
 * safe: nothing then claims to be consistent).
 */
int qcow2_bitmaps_open_rw(BlockDriverState *bs, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    s->bitmaps_live = true;
    s->bitmap_drops = g_array_new(FALSE, FALSE, sizeof(Qcow2BitmapDrop));
    bool update = false;
    for (uint32_t i = 0; i < s->nb_bitmaps; i++) {
        Qcow2Bitmap *b = &s->bitmaps[i];
        if (b->inconsistent) {
            continue;
        }
        int ret = load_bits(bs, b, errp);
        if (ret < 0) {
            return ret;
        }
        b->flags |= BME_FLAG_IN_USE;
        update = true;
    }
    if (!update) {
        return 0;
    }
    uint64_t size;
    uint8_t *dir = build_directory(s, &size);
    int ret = -EINVAL;
    if (size == s->bitmap_directory_size) {
        s->autoclear_features &= ~QCOW2_AUTOCLEAR_BITMAPS;
        ret = write_autoclear(bs);
        if (ret == 0) {
            ret = bdrv_pwrite(bs->file, s->bitmap_directory_offset, size, dir,
                              0);
        }
        if (ret == 0) {
            ret = bdrv_flush(bs->file);
        }
        if (ret == 0) {
            s->autoclear_features |= QCOW2_AUTOCLEAR_BITMAPS;
            ret = write_autoclear(bs);
        }
    }
    g_free(dir);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Can't update bitmap directory");
    }
    return ret;
}

/* Set the bits of @b covering guest bytes [offset, offset + bytes). */
static void mark_range(BDRVQcow2State *s, Qcow2Bitmap *b, uint64_t offset,
                       uint64_t bytes)
{
    uint64_t nbits = bitmap_bits(s, b->granularity_bits);
    if (bytes == 0 || nbits == 0) {
        return;
    }
    uint64_t first = offset >> b->granularity_bits;
    uint64_t last = MIN((offset + bytes - 1) >> b->granularity_bits,
                        nbits - 1);
    for (uint64_t bit = first; bit <= last; bit++) {
        if (bit % 8 == 0 && last - bit >= 7) {
            uint64_t whole = (last - bit + 1) / 8;
            memset(b->bits + bit / 8, 0xff, whole);
            bit += whole * 8 - 1;
            continue;
        }
        /* Atomic, so a driver running requests in parallel loses no bit. */
        __atomic_fetch_or(&b->bits[bit / 8], (uint8_t)(1u << (bit % 8)),
                          __ATOMIC_RELAXED);
    }
}

void qcow2_bitmaps_set_dirty(BlockDriverState *bs, uint64_t offset,
                             uint64_t bytes)
{
    BDRVQcow2State *s = bs->opaque;
    if (!s->bitmaps_live) {
        return;
    }
    for (uint32_t i = 0; i < s->nb_bitmaps; i++) {
        Qcow2Bitmap *b = &s->bitmaps[i];
        if (b->enabled && b->bits) {
            mark_range(s, b, offset, bytes);
        }
    }
}

/* Free a stored table and its data clusters (what can be trusted of it). */
static void free_table(BlockDriverState *bs, uint64_t offset, uint32_t size)
{
    BDRVQcow2State *s = bs->opaque;
    if (!offset || !size) {
        return;
    }
    uint64_t *t = read_table(bs, offset, size, NULL);
    for (uint32_t i = 0; t && i < size; i++) {
        uint64_t data = t[i] & BME_TABLE_ENTRY_OFFSET_MASK;
        if (data) {
            qcow2_free_clusters(bs, data, s->cluster_size);
        }
    }
    g_free(t);
    qcow2_free_clusters(bs, offset, (uint64_t)size * 8);
}

/* Write @b's bits to new clusters and a new table. */
static int store_bits(BlockDriverState *bs, Qcow2Bitmap *b)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t nbytes = bitmap_bytes(s, b->granularity_bits);
    uint32_t tsize = (uint32_t)table_entries(s, b->granularity_bits);
    uint64_t *t = g_new0(uint64_t, tsize);
    uint8_t *buf = g_malloc(s->cluster_size);
    int ret = 0;
    for (uint32_t i = 0; i < tsize && ret == 0; i++) {
        uint64_t start = (uint64_t)i * s->cluster_size;
        uint64_t n = MIN((uint64_t)s->cluster_size, nbytes - start);
        memset(buf, 0, s->cluster_size);
        memcpy(buf, b->bits + start, n);
        if (buffer_is_zero(buf, n)) {
            continue;
        }
        int64_t off = qcow2_alloc_clusters(bs, s->cluster_size);
        if (off < 0) {
            ret = (int)off;
            break;
        }
        t[i] = cpu_to_be64((uint64_t)off);
        ret = bdrv_pwrite(bs->file, off, s->cluster_size, buf, 0);
    }
    int64_t toff = -1;
    if (ret == 0) {
        toff = qcow2_alloc_clusters(bs, (uint64_t)tsize * 8);
        ret = toff < 0 ? (int)toff : 0;
    }
    if (ret == 0) {
        ret = bdrv_pwrite(bs->file, toff, (int64_t)tsize * 8, t, 0);
    }
    if (ret < 0) {
        for (uint32_t i = 0; i < tsize; i++) {
            if (t[i]) {
                qcow2_free_clusters(bs, be64_to_cpu(t[i]), s->cluster_size);
            }
        }
        if (toff > 0) {
            qcow2_free_clusters(bs, toff, (uint64_t)tsize * 8);
        }
    } else {
        if (b->table_offset) {
            Qcow2BitmapDrop d = { b->table_offset, b->table_size };
            g_array_append_val(s->bitmap_drops, d);
        }
        b->table_offset = toff;
        b->table_size = tsize;
        b->flags = b->enabled ? BME_FLAG_AUTO : 0;
    }
    g_free(buf);
    g_free(t);
    return ret;
}

/* Replace (or drop, with @len 0) the bitmaps extension kept for the
 * header rewrite. */
static void set_extension(BDRVQcow2State *s, const uint8_t *data, uint32_t len)
{
    int j = 0;
    for (int i = 0; i < s->nb_unknown_exts; i++) {
        if (s->unknown_exts[i].magic == QCOW2_EXT_BITMAPS) {
            g_free(s->unknown_exts[i].data);
        } else {
            s->unknown_exts[j++] = s->unknown_exts[i];
        }
    }
    s->nb_unknown_exts = j;
    if (len) {
        s->unknown_exts = g_renew(Qcow2UnknownExt, s->unknown_exts, j + 1);
        s->unknown_exts[j].magic = QCOW2_EXT_BITMAPS;
        s->unknown_exts[j].len = len;
        s->unknown_exts[j].data = g_memdup2(data, len);
        s->nb_unknown_exts++;
    }
}

/*
 * Close: store every consistent bitmap with its in-use flag clear, then
 * switch the header to a new directory, then free what the old one used.
 * On failure the old directory stays, its bitmaps flagged in use.
 */
int qcow2_bitmaps_store(BlockDriverState *bs, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    if (!s->bitmaps_live || s->corrupt) {
        return 0;   /* corrupt: write nothing more; the flags stay in use */
    }
    bool need = s->bitmap_drops->len > 0 || s->bitmaps_changed;
    for (uint32_t i = 0; i < s->nb_bitmaps; i++) {
        need |= !s->bitmaps[i].inconsistent;
    }
    if (!need) {
        return 0;
    }
    int ret = 0;
    for (uint32_t i = 0; i < s->nb_bitmaps && ret == 0; i++) {
        if (!s->bitmaps[i].inconsistent) {
            ret = store_bits(bs, &s->bitmaps[i]);
        }
    }
    uint64_t dir_size = 0;
    int64_t dir_off = 0;
    uint8_t *dir = NULL;
    if (ret == 0 && s->nb_bitmaps) {
        dir = build_directory(s, &dir_size);
        dir_off = qcow2_alloc_clusters(bs, dir_size);
        ret = dir_off < 0 ? (int)dir_off : 0;
        if (ret == 0) {
            ret = bdrv_pwrite(bs->file, dir_off, dir_size, dir, 0);
        }
    }
    g_free(dir);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Failed to store the bitmaps");
        return ret;
    }
    uint64_t old_off = s->has_bitmaps_ext ? s->bitmap_directory_offset : 0;
    uint64_t old_size = s->bitmap_directory_size;
    uint8_t ext[24];
    stl_be_p(ext, s->nb_bitmaps);
    stl_be_p(ext + 4, 0);
    stq_be_p(ext + 8, dir_size);
    stq_be_p(ext + 16, (uint64_t)dir_off);
    set_extension(s, ext, s->nb_bitmaps ? sizeof(ext) : 0);
    if (s->nb_bitmaps) {
        s->autoclear_features |= QCOW2_AUTOCLEAR_BITMAPS;
    } else {
        s->autoclear_features &= ~QCOW2_AUTOCLEAR_BITMAPS;
    }
    s->has_bitmaps_ext = s->nb_bitmaps > 0;
    s->bitmap_directory_offset = (uint64_t)dir_off;
    s->bitmap_directory_size = dir_size;
    ret = qcow2_rewrite_header(bs, errp);
    if (ret < 0) {
        return ret;
    }
    if (old_off) {
        qcow2_free_clusters(bs, old_off, old_size);
    }
    for (guint i = 0; i < s->bitmap_drops->len; i++) {
        Qcow2BitmapDrop *d = &g_array_index(s->bitmap_drops, Qcow2BitmapDrop,
                                            i);
        free_table(bs, d->offset, d->size);
    }
    g_array_set_size(s->bitmap_drops, 0);
    s->bitmaps_changed = false;
    return 0;
}

/* Resize: bitmaps follow the new size (new bits clean), as QEMU's do. */
int qcow2_bitmaps_can_resize(BlockDriverState *bs, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    for (uint32_t i = 0; i < s->nb_bitmaps; i++) {
        if (s->bitmaps[i].inconsistent || !s->bitmaps_live) {
            error_setg(errp, "Bitmap '%s' is inconsistent and cannot be used",
                       s->bitmaps[i].name);
            error_append_hint(errp, "Try block-dirty-bitmap-remove to delete "
                              "this bitmap from disk\n");
            return -ENOTSUP;
        }
    }
    return 0;
}

void qcow2_bitmaps_resized(BlockDriverState *bs, uint64_t old_size)
{
    BDRVQcow2State *s = bs->opaque;
    for (uint32_t i = 0; i < s->nb_bitmaps; i++) {
        Qcow2Bitmap *b = &s->bitmaps[i];
        uint64_t old_bytes = DIV_ROUND_UP(DIV_ROUND_UP(old_size,
                                          1ULL << b->granularity_bits), 8);
        uint64_t nbytes = bitmap_bytes(s, b->granularity_bits);
        b->bits = g_realloc(b->bits, MAX(nbytes, 1));
        if (nbytes > old_bytes) {
            memset(b->bits + old_bytes, 0, nbytes - old_bytes);
        }
        uint64_t nbits = bitmap_bits(s, b->granularity_bits);
        if (nbits % 8) {
            b->bits[nbytes - 1] &= (1u << (nbits % 8)) - 1;
        }
        s->bitmaps_changed = true;
    }
}

void qcow2_bitmaps_info(BlockDriverState *bs, InfoNode *d)
{
    BDRVQcow2State *s = bs->opaque;
    if (!s->has_bitmaps_ext || !s->bitmaps) {
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
    if (!s->has_bitmaps_ext || !s->bitmaps) {
        return 0;
    }
    fn(opaque, s->bitmap_directory_offset, s->bitmap_directory_size);
    for (uint32_t i = 0; i < s->nb_bitmaps; i++) {
        const Qcow2Bitmap *b = &s->bitmaps[i];
        if (!b->table_offset) {
            continue;   /* added in this session */
        }
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

/* --- BdrvBitmapOps: what qemu-img bitmap and convert --bitmaps call ---- */

static Qcow2Bitmap *find_bitmap(BDRVQcow2State *s, const char *name)
{
    for (uint32_t i = 0; i < s->nb_bitmaps; i++) {
        if (!strcmp(s->bitmaps[i].name, name)) {
            return &s->bitmaps[i];
        }
    }
    return NULL;
}

static Qcow2Bitmap *find_or_error(BDRVQcow2State *s, const char *name,
                                  Error **errp)
{
    Qcow2Bitmap *b = find_bitmap(s, name);
    if (!b) {
        error_setg(errp, "Dirty bitmap '%s' not found", name);
    }
    return b;
}

static bool bitmap_supported(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    return s->version >= 3;
}

static int bitmap_list(BlockDriverState *bs, char ***names)
{
    BDRVQcow2State *s = bs->opaque;
    *names = g_new0(char *, s->nb_bitmaps + 1);
    for (uint32_t i = 0; i < s->nb_bitmaps; i++) {
        (*names)[i] = g_strdup(s->bitmaps[i].name);
    }
    return 0;
}

static int bitmap_get(BlockDriverState *bs, const char *name, bool with_bits,
                      BdrvBitmap *out, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    Qcow2Bitmap *b = find_or_error(s, name, errp);
    if (!b) {
        return -ENOENT;
    }
    out->name = g_strdup(b->name);
    out->granularity = 1u << b->granularity_bits;
    out->enabled = b->enabled;
    out->inconsistent = b->inconsistent;
    out->size = s->size;
    if (with_bits && !b->inconsistent) {
        int ret = load_bits(bs, b, errp);
        if (ret < 0) {
            return ret;
        }
        out->bits = g_memdup2(b->bits, MAX(bitmap_bytes(s,
                                                        b->granularity_bits), 1));
    }
    return 0;
}

static int writable(BDRVQcow2State *s, Error **errp)
{
    if (!s->bitmaps_live) {
        error_setg(errp, "Bitmaps are read-only in this image");
        return -EPERM;
    }
    return 0;
}

static int bitmap_add(BlockDriverState *bs, const char *name,
                      uint32_t granularity, bool enabled, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    int gbits = ctz32(granularity);
    if (s->version < 3) {
        error_setg(errp, "Cannot store dirty bitmaps in qcow2 v2 files");
        return -ENOTSUP;
    }
    if (gbits > BME_MAX_GRANULARITY_BITS) {
        error_setg(errp, "Granularity exceeds maximum (%llu bytes)",
                   1ULL << BME_MAX_GRANULARITY_BITS);
        return -EINVAL;
    }
    if (gbits < BME_MIN_GRANULARITY_BITS) {
        error_setg(errp, "Granularity is under minimum (%llu bytes)",
                   1ULL << BME_MIN_GRANULARITY_BITS);
        return -EINVAL;
    }
    uint64_t nbytes = bitmap_bytes(s, gbits);
    if (nbytes > BME_MAX_PHYS_SIZE ||
        nbytes > (uint64_t)BME_MAX_TABLE_SIZE * s->cluster_size) {
        error_setg(errp, "Too much space will be occupied by the bitmap. "
                   "Use larger granularity");
        return -EINVAL;
    }
    if (strlen(name) > BME_MAX_NAME_SIZE) {
        error_setg(errp, "Name length exceeds maximum (%u characters)",
                   BME_MAX_NAME_SIZE);
        return -EINVAL;
    }
    if (s->nb_bitmaps >= BME_MAX_BITMAPS) {
        error_setg(errp, "Maximum number of persistent bitmaps is already "
                   "reached");
        return -EINVAL;
    }
    uint64_t dir_size;
    g_free(build_directory(s, &dir_size));
    if (dir_size + ROUND_UP(BME_ENTRY_HEADER + strlen(name), 8) >
        BME_MAX_DIRECTORY_SIZE) {
        error_setg(errp, "Not enough space in the bitmap directory");
        return -EINVAL;
    }
    if (find_bitmap(s, name)) {
        error_setg(errp, "Bitmap already exists: %s", name);
        return -EEXIST;
    }
    int ret = writable(s, errp);
    if (ret < 0) {
        return ret;
    }
    /*
     * QEMU stores the bitmaps of the directory first, then the new ones
     * newest first; keep that order so the directories come out alike.
     */
    uint32_t pos = 0;
    while (pos < s->nb_bitmaps && s->bitmaps[pos].from_disk) {
        pos++;
    }
    s->bitmaps = g_renew(Qcow2Bitmap, s->bitmaps, s->nb_bitmaps + 1);
    memmove(&s->bitmaps[pos + 1], &s->bitmaps[pos],
            (s->nb_bitmaps - pos) * sizeof(Qcow2Bitmap));
    s->nb_bitmaps++;
    Qcow2Bitmap *b = &s->bitmaps[pos];
    memset(b, 0, sizeof(*b));
    b->name = g_strdup(name);
    b->granularity_bits = gbits;
    b->enabled = enabled;
    b->bits = g_malloc0(MAX(nbytes, 1));
    s->bitmaps_changed = true;
    return 0;
}

static int bitmap_remove(BlockDriverState *bs, const char *name, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    Qcow2Bitmap *b = find_or_error(s, name, errp);
    int ret = b ? writable(s, errp) : -ENOENT;
    if (ret < 0) {
        return ret;
    }
    if (b->table_offset) {
        Qcow2BitmapDrop d = { b->table_offset, b->table_size };
        g_array_append_val(s->bitmap_drops, d);
    }
    g_free(b->name);
    g_free(b->bits);
    uint32_t i = (uint32_t)(b - s->bitmaps);
    memmove(b, b + 1, (s->nb_bitmaps - i - 1) * sizeof(*b));
    s->nb_bitmaps--;
    s->bitmaps_changed = true;
    return 0;
}

static int bitmap_clear(BlockDriverState *bs, const char *name, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    Qcow2Bitmap *b = find_or_error(s, name, errp);
    int ret = b ? writable(s, errp) : -ENOENT;
    if (ret == 0 && b->bits) {
        memset(b->bits, 0, MAX(bitmap_bytes(s, b->granularity_bits), 1));
    }
    return ret;
}

static int bitmap_set_enabled(BlockDriverState *bs, const char *name,
                              bool enabled, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    Qcow2Bitmap *b = find_or_error(s, name, errp);
    int ret = b ? writable(s, errp) : -ENOENT;
    if (ret == 0) {
        b->enabled = enabled;
    }
    return ret;
}

static int bitmap_set_dirty(BlockDriverState *bs, const char *name,
                            uint64_t offset, uint64_t bytes, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    Qcow2Bitmap *b = find_or_error(s, name, errp);
    int ret = b ? writable(s, errp) : -ENOENT;
    if (ret < 0) {
        return ret;
    }
    if (b->bits) {
        mark_range(s, b, offset, bytes);  /* disabled ones too: a merge */
    }
    return 0;
}

const BdrvBitmapOps qcow2_bitmap_ops = {
    .supported = bitmap_supported,
    .list = bitmap_list,
    .get = bitmap_get,
    .add = bitmap_add,
    .remove = bitmap_remove,
    .clear = bitmap_clear,
    .set_enabled = bitmap_set_enabled,
    .set_dirty = bitmap_set_dirty,
};
