/*
 * Hosted sparse VMDK extents: KDMV (monolithicSparse, twoGbMaxExtentSparse,
 * streamOptimized) and COWD (vmfsSparse).
 *
 * Layout (VMware "Virtual Disk Format 5.0"): a header, an optional
 * embedded descriptor, a grain directory (GD) of 32-bit sector offsets of
 * grain tables (GT), GTs of 32-bit sector offsets of grains, and an
 * optional redundant GD/GT copy (RGD) kept in step on every update.  A GT
 * entry of 0 is unallocated, 1 is a zeroed grain when the header's
 * zeroed-grain flag is set.  streamOptimized grains are deflated and
 * preceded by a 12-byte marker (LBA, size); VMware puts the GD at the end
 * with a footer, QEMU keeps it where monolithicSparse has it.
 *
 * Invariants: every offset taken from the file is checked against the
 * file size before use; a new grain is written (with its copy-on-write
 * data) before the GT entry that points to it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <zlib.h>
#include "block/vmdk.h"
#include "qemu/bitops.h"
#include "qemu/bswap.h"
#include "qemu/cutils.h"

#define MAX_GRAIN_SECTORS 0x10000        /* 32 MiB grains */
#define MAX_GD_ENTRIES    (32u * 1024 * 1024)
#define GT_CACHE_LIMIT    4096

void vmdk4_header_decode(const uint8_t *b, Vmdk4Header *h)
{
    h->version = ldl_le_p(b + 4);
    h->flags = ldl_le_p(b + 8);
    h->capacity = ldq_le_p(b + 12);
    h->granularity = ldq_le_p(b + 20);
    h->desc_offset = ldq_le_p(b + 28);
    h->desc_size = ldq_le_p(b + 36);
    h->num_gtes_per_gt = ldl_le_p(b + 44);
    h->rgd_offset = ldq_le_p(b + 48);
    h->gd_offset = ldq_le_p(b + 56);
    h->grain_offset = ldq_le_p(b + 64);
    memcpy(h->check_bytes, b + 73, 4);
    h->compress_algorithm = lduw_le_p(b + 77);
}

void vmdk4_header_encode(const Vmdk4Header *h, uint8_t *b)
{
    memset(b, 0, VMDK_SECTOR);
    stl_be_p(b, VMDK4_MAGIC);
    stl_le_p(b + 4, h->version);
    stl_le_p(b + 8, h->flags);
    stq_le_p(b + 12, h->capacity);
    stq_le_p(b + 20, h->granularity);
    stq_le_p(b + 28, h->desc_offset);
    stq_le_p(b + 36, h->desc_size);
    stl_le_p(b + 44, h->num_gtes_per_gt);
    stq_le_p(b + 48, h->rgd_offset);
    stq_le_p(b + 56, h->gd_offset);
    stq_le_p(b + 64, h->grain_offset);
    memcpy(b + 73, h->check_bytes, 4);
    stw_le_p(b + 77, h->compress_algorithm);
}

static bool range_in_file(uint64_t off, uint64_t len, int64_t file_size)
{
    return off <= (uint64_t)file_size && len <= (uint64_t)file_size - off;
}

static int check_gd_geometry(VmdkSparseGeom *g, int64_t file_size,
                             Error **errp)
{
    uint64_t per_gt;

    if (g->grain_sectors == 0 || g->grain_sectors > MAX_GRAIN_SECTORS) {
        error_setg(errp, "Invalid granularity %" PRIu64 " sectors, image "
                   "may be corrupt", g->grain_sectors);
        return -EINVAL;
    }
    if (g->gt_entries == 0) {
        error_setg(errp, "L1 entry size is invalid");
        return -EINVAL;
    }
    if (g->capacity > (UINT64_MAX >> 10)) {
        error_setg(errp, "Invalid capacity %" PRIu64 " sectors", g->capacity);
        return -EINVAL;
    }
    per_gt = (uint64_t)g->gt_entries * g->grain_sectors;
    if (DIV_ROUND_UP(g->capacity, per_gt) > MAX_GD_ENTRIES) {
        error_setg(errp, "L1 size too big");
        return -EFBIG;
    }
    if (g->gd_entries > MAX_GD_ENTRIES) {
        error_setg(errp, "L1 size too big");
        return -EFBIG;
    }
    if (g->gd_entries < DIV_ROUND_UP(g->capacity, per_gt)) {
        error_setg(errp, "Grain directory too small for the capacity");
        return -EINVAL;
    }
    if (g->gd_offset < VMDK_SECTOR ||
        !range_in_file(g->gd_offset, (uint64_t)g->gd_entries * 4, file_size)) {
        error_setg(errp, "Grain directory at offset %" PRIu64 " is past the "
                   "end of the file (%" PRId64 " bytes)", g->gd_offset,
                   file_size);
        return -EINVAL;
    }
    if (g->rgd_offset &&
        (g->rgd_offset < VMDK_SECTOR ||
         !range_in_file(g->rgd_offset, (uint64_t)g->gd_entries * 4,
                        file_size))) {
        error_setg(errp, "Redundant grain directory at offset %" PRIu64
                   " is past the end of the file", g->rgd_offset);
        return -EINVAL;
    }
    return 0;
}

int vmdk4_geom_from_header(const Vmdk4Header *h, int64_t file_size,
                           VmdkSparseGeom *g, Error **errp)
{
    memset(g, 0, sizeof(*g));
    if (h->version < 1 || h->version > 3) {
        error_setg(errp, "Unsupported VMDK version %" PRIu32, h->version);
        return -ENOTSUP;
    }
    if ((h->flags & VMDK4_FLAG_NL_DETECT) &&
        memcmp(h->check_bytes, "\n \r\n", 4) != 0) {
        /* VMware's newline test: the file went through a text transfer */
        error_setg(errp, "Header check bytes are corrupted (was the file "
                   "transferred in text mode?)");
        return -EINVAL;
    }
    g->version = h->version;
    g->flags = h->flags;
    g->capacity = h->capacity;
    g->grain_sectors = h->granularity;
    g->compressed = h->compress_algorithm == VMDK4_COMPRESS_DEFLATE;
    if (h->compress_algorithm > VMDK4_COMPRESS_DEFLATE) {
        error_setg(errp, "Unsupported compression algorithm %u",
                   h->compress_algorithm);
        return -ENOTSUP;
    }
    g->has_marker = h->flags & VMDK4_FLAG_MARKER;
    g->zero_grain = h->flags & VMDK4_FLAG_ZERO_GRAIN;
    if (h->num_gtes_per_gt > 512) {
        error_setg(errp, "L2 table size too big");
        return -EINVAL;
    }
    g->gt_entries = h->num_gtes_per_gt;
    if (g->gt_entries && h->granularity &&
        h->granularity <= MAX_GRAIN_SECTORS) {
        g->gd_entries = DIV_ROUND_UP(h->capacity,
                                     (uint64_t)g->gt_entries * h->granularity);
    }
    if (h->gd_offset > (UINT64_MAX >> 10) || h->rgd_offset > (UINT64_MAX >> 10)
        || h->grain_offset > (UINT64_MAX >> 10) ||
        h->desc_offset > (UINT64_MAX >> 10) ||
        h->desc_size > (UINT64_MAX >> 10)) {
        error_setg(errp, "Header offsets out of range");
        return -EINVAL;
    }
    g->gd_offset = h->gd_offset * VMDK_SECTOR;
    g->rgd_offset = (h->flags & VMDK4_FLAG_RGD) ? h->rgd_offset * VMDK_SECTOR
                                                 : 0;
    if (h->grain_offset * VMDK_SECTOR > (uint64_t)file_size) {
        error_setg(errp, "File truncated, expecting at least %" PRIu64
                   " bytes", h->grain_offset * VMDK_SECTOR);
        return -EINVAL;
    }
    if (h->desc_offset) {
        if (!range_in_file(h->desc_offset * VMDK_SECTOR,
                           h->desc_size * VMDK_SECTOR, file_size)) {
            error_setg(errp, "Embedded descriptor past the end of the file");
            return -EINVAL;
        }
        g->desc_offset = h->desc_offset * VMDK_SECTOR;
        g->desc_size = h->desc_size * VMDK_SECTOR;
    }
    return check_gd_geometry(g, file_size, errp);
}

int vmdk3_geom_from_header(const uint8_t *b, int64_t file_size,
                           VmdkSparseGeom *g, Error **errp)
{
    uint32_t version = ldl_le_p(b + 4);

    memset(g, 0, sizeof(*g));
    if (version != 1) {
        error_setg(errp, "Unsupported COWD version %" PRIu32, version);
        return -ENOTSUP;
    }
    g->cowd = true;
    g->version = version;
    g->flags = ldl_le_p(b + 8);
    g->capacity = ldl_le_p(b + 12);
    g->grain_sectors = ldl_le_p(b + 16);
    g->gd_offset = (uint64_t)ldl_le_p(b + 20) * VMDK_SECTOR;
    g->gd_entries = ldl_le_p(b + 24);
    g->gt_entries = 4096;
    return check_gd_geometry(g, file_size, errp);
}

/* ---- grain tables ---------------------------------------------------- */

static int load_dir(VmdkExtent *e, uint64_t off, uint32_t **out)
{
    size_t n = e->g.gd_entries;
    uint8_t *raw = g_malloc(n * 4);
    uint32_t *dir = g_new(uint32_t, n ? n : 1);
    int ret = vmdk_file_read(e->file, off, raw, n * 4);

    if (ret < 0) {
        g_free(raw);
        g_free(dir);
        return ret;
    }
    for (size_t i = 0; i < n; i++) {
        dir[i] = ldl_le_p(raw + i * 4);
    }
    g_free(raw);
    *out = dir;
    return 0;
}

int vmdk_sparse_open(VmdkExtent *e, Error **errp)
{
    int ret = load_dir(e, e->g.gd_offset, &e->gd);

    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read grain directory from "
                         "'%s'", e->file->filename);
        return ret;
    }
    if (e->g.rgd_offset) {
        ret = load_dir(e, e->g.rgd_offset, &e->rgd);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read redundant grain "
                             "directory from '%s'", e->file->filename);
            return ret;
        }
    }
    e->gt_cache = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                        g_free);
    e->stream_grain = UINT64_MAX;
    e->next_sector = ROUND_UP(DIV_ROUND_UP((uint64_t)e->file->size,
                                           VMDK_SECTOR), e->g.grain_sectors);
    return 0;
}

void vmdk_sparse_close(VmdkExtent *e)
{
    g_free(e->stream_buf);
    e->stream_buf = NULL;
    g_free(e->gd);
    g_free(e->rgd);
    if (e->gt_cache) {
        g_hash_table_destroy(e->gt_cache);
    }
    e->gd = e->rgd = NULL;
    e->gt_cache = NULL;
}

static uint64_t gt_bytes(const VmdkExtent *e)
{
    return (uint64_t)e->g.gt_entries * 4;
}

/* Get the GT at sector @gt_sector, from the cache or the file. */
static int get_gt(VmdkExtent *e, uint32_t gt_sector, uint32_t **gt)
{
    uint32_t *t = g_hash_table_lookup(e->gt_cache,
                                      GUINT_TO_POINTER(gt_sector));
    uint8_t *raw;
    int ret;

    if (t) {
        *gt = t;
        return 0;
    }
    if (!range_in_file((uint64_t)gt_sector * VMDK_SECTOR, gt_bytes(e),
                       e->file->size) || gt_sector == 0) {
        return -EIO;
    }
    raw = g_malloc(gt_bytes(e));
    ret = vmdk_file_read(e->file, (uint64_t)gt_sector * VMDK_SECTOR, raw,
                         gt_bytes(e));
    if (ret < 0) {
        g_free(raw);
        return ret;
    }
    t = g_new(uint32_t, e->g.gt_entries);
    for (uint32_t i = 0; i < e->g.gt_entries; i++) {
        t[i] = ldl_le_p(raw + i * 4);
    }
    g_free(raw);
    if (g_hash_table_size(e->gt_cache) >= GT_CACHE_LIMIT) {
        g_hash_table_remove_all(e->gt_cache);
    }
    g_hash_table_insert(e->gt_cache, GUINT_TO_POINTER(gt_sector), t);
    *gt = t;
    return 0;
}

static uint64_t grain_bytes(const VmdkExtent *e)
{
    return e->g.grain_sectors * VMDK_SECTOR;
}

int vmdk_sparse_map(VmdkExtent *e, uint64_t off, VmdkMapping *m)
{
    uint64_t grain = off / grain_bytes(e);
    uint64_t in_grain = off % grain_bytes(e);
    uint64_t gd_index = grain / e->g.gt_entries;
    uint32_t *gt, entry;
    int ret;

    m->extent = e;
    m->file = e->file;
    m->bytes = grain_bytes(e) - in_grain;
    if (grain == e->stream_grain) {
        ret = vmdk_sparse_stream_flush(e);
        if (ret < 0) {
            return ret;
        }
    }
    if (gd_index >= e->g.gd_entries) {
        return -EIO;
    }
    if (e->gd[gd_index] == 0) {
        m->kind = VMDK_MAP_UNALLOC;
        return 0;
    }
    ret = get_gt(e, e->gd[gd_index], &gt);
    if (ret < 0) {
        return ret;
    }
    entry = gt[grain % e->g.gt_entries];
    if (entry == 0) {
        m->kind = VMDK_MAP_UNALLOC;
        return 0;
    }
    if (entry == VMDK_GTE_ZEROED && e->g.zero_grain) {
        m->kind = VMDK_MAP_ZERO;
        return 0;
    }
    if (e->g.compressed) {
        if ((uint64_t)entry * VMDK_SECTOR + 12 > (uint64_t)e->file->size) {
            return -EIO;
        }
        m->kind = VMDK_MAP_COMPRESSED;
        m->file_offset = (uint64_t)entry * VMDK_SECTOR;
        return 0;
    }
    if (!range_in_file((uint64_t)entry * VMDK_SECTOR + in_grain, 1,
                       e->file->size)) {
        return -EIO;
    }
    m->kind = VMDK_MAP_DATA;
    m->file_offset = (uint64_t)entry * VMDK_SECTOR + in_grain;
    return 0;
}

int vmdk_sparse_read_compressed(VmdkExtent *e, uint64_t grain_off,
                                uint64_t in_grain, void *buf, uint64_t bytes)
{
    uint64_t gb = grain_bytes(e);
    uint64_t avail = (uint64_t)e->file->size - grain_off;
    uint64_t data_off = grain_off, data_len;
    uint8_t hdr[12];
    uint8_t *comp, *out;
    uLongf out_len = gb;
    int ret;

    if (e->g.has_marker) {
        ret = vmdk_file_read(e->file, grain_off, hdr, sizeof(hdr));
        if (ret < 0) {
            return ret;
        }
        data_len = ldl_le_p(hdr + 8);
        data_off += 12;
        avail -= 12;
    } else {
        data_len = MIN(avail, 2 * gb);
    }
    if (data_len == 0 || data_len > avail || data_len > 2 * gb + 1024) {
        return -EIO;
    }
    comp = g_malloc(data_len);
    out = g_malloc(gb);
    ret = vmdk_file_read(e->file, data_off, comp, data_len);
    if (ret == 0) {
        int zr = uncompress(out, &out_len, comp, data_len);
        if (zr != Z_OK && !(zr == Z_BUF_ERROR && !e->g.has_marker)) {
            ret = -EIO;
        } else {
            /* a short grain reads as zeroes past its end; zero only
               what the caller asked for (a grain may be 32 MiB) */
            uint64_t have = out_len > in_grain ?
                            MIN(out_len - in_grain, bytes) : 0;
            memcpy(buf, out + in_grain, have);
            memset((uint8_t *)buf + have, 0, bytes - have);
        }
    }
    g_free(comp);
    g_free(out);
    return ret;
}

/* ---- writes ----------------------------------------------------------- */

static int write_le32(VmdkFile *f, uint64_t off, uint32_t v)
{
    uint8_t b[4];

    stl_le_p(b, v);
    return vmdk_file_write(f, off, b, 4);
}

/* Make sure directory slot @gd_index has a GT; allocate one if needed. */
static int ensure_gt(VmdkExtent *e, uint64_t gd_index)
{
    uint64_t tbl_sectors = DIV_ROUND_UP(gt_bytes(e), VMDK_SECTOR);
    uint64_t need = e->rgd ? 2 * tbl_sectors : tbl_sectors;
    uint64_t sec = e->next_sector;
    uint8_t *zero;
    int ret;

    if (e->gd[gd_index] != 0) {
        return 0;
    }
    if (sec + need > UINT32_MAX) {
        return -ENOSPC;
    }
    zero = g_malloc0(need * VMDK_SECTOR);
    ret = vmdk_file_write(e->file, sec * VMDK_SECTOR, zero,
                          need * VMDK_SECTOR);
    g_free(zero);
    if (ret < 0) {
        return ret;
    }
    if (e->rgd) {
        ret = write_le32(e->file, e->g.rgd_offset + gd_index * 4,
                         sec + tbl_sectors);
        if (ret < 0) {
            return ret;
        }
        e->rgd[gd_index] = sec + tbl_sectors;
    }
    ret = write_le32(e->file, e->g.gd_offset + gd_index * 4, sec);
    if (ret < 0) {
        return ret;
    }
    e->gd[gd_index] = sec;
    e->next_sector = ROUND_UP(sec + need, e->g.grain_sectors);
    return 0;
}

static int set_gte(VmdkExtent *e, uint64_t grain, uint32_t value)
{
    uint64_t gd_index = grain / e->g.gt_entries;
    uint32_t idx = grain % e->g.gt_entries;
    uint32_t *gt;
    int ret;

    ret = get_gt(e, e->gd[gd_index], &gt);
    if (ret < 0) {
        return ret;
    }
    ret = write_le32(e->file, (uint64_t)e->gd[gd_index] * VMDK_SECTOR +
                     idx * 4, value);
    if (ret < 0) {
        return ret;
    }
    if (e->rgd && e->rgd[gd_index] &&
        range_in_file((uint64_t)e->rgd[gd_index] * VMDK_SECTOR, gt_bytes(e),
                      e->file->size)) {
        ret = write_le32(e->file, (uint64_t)e->rgd[gd_index] * VMDK_SECTOR +
                         idx * 4, value);
        if (ret < 0) {
            return ret;
        }
    }
    gt[idx] = value;
    return 0;
}

uint8_t *vmdk_stream_compress_grain(uint64_t lba, const uint8_t *data,
                                    uint64_t len, size_t *out_len)
{
    uLongf clen = compressBound(len);
    uint8_t *out = g_malloc(12 + clen + VMDK_SECTOR);
    size_t total;

    if (compress(out + 12, &clen, data, len) != Z_OK) {
        g_free(out);
        return NULL;
    }
    stq_le_p(out, lba);
    stl_le_p(out + 8, clen);
    total = ROUND_UP(12 + clen, VMDK_SECTOR);
    memset(out + 12 + clen, 0, total - 12 - clen);
    *out_len = total;
    return out;
}

/* Append a compressed grain (marker included) and point the GT at it. */
static int append_compressed_grain(VmdkExtent *e, uint64_t grain,
                                   const uint8_t *blob, size_t total)
{
    uint64_t sec = DIV_ROUND_UP((uint64_t)e->file->size, VMDK_SECTOR);
    int ret;

    if (sec < e->next_sector) {
        sec = e->next_sector;
    }
    if (sec + total / VMDK_SECTOR > UINT32_MAX) {
        return -ENOSPC;
    }
    ret = vmdk_file_write(e->file, sec * VMDK_SECTOR, blob, total);
    if (ret < 0) {
        return ret;
    }
    e->next_sector = sec + total / VMDK_SECTOR;
    return set_gte(e, grain, sec);
}

static int write_compressed_grain(VmdkExtent *e, uint64_t grain,
                                  const uint8_t *data, uint64_t len)
{
    size_t total;
    uint8_t *blob = vmdk_stream_compress_grain(grain * e->g.grain_sectors,
                                               data, len, &total);
    int ret;

    if (!blob) {
        return -EIO;
    }
    ret = append_compressed_grain(e, grain, blob, total);
    g_free(blob);
    return ret;
}

int vmdk_sparse_write_prepared(VmdkExtent *e, uint64_t grain,
                               const uint8_t *blob, size_t len)
{
    VmdkMapping m;
    int ret = vmdk_sparse_stream_flush(e);

    if (ret == 0) {
        ret = vmdk_sparse_map(e, grain * grain_bytes(e), &m);
    }
    if (ret < 0) {
        return ret;
    }
    if (m.kind != VMDK_MAP_UNALLOC) {
        return -EIO;        /* streamOptimized grains are written once */
    }
    ret = ensure_gt(e, grain / e->g.gt_entries);
    return ret < 0 ? ret : append_compressed_grain(e, grain, blob, len);
}

int vmdk_sparse_stream_flush(VmdkExtent *e)
{
    uint64_t grain = e->stream_grain;
    uint64_t gb = grain_bytes(e);
    int ret;

    if (grain == UINT64_MAX) {
        return 0;
    }
    e->stream_grain = UINT64_MAX;
    ret = ensure_gt(e, grain / e->g.gt_entries);
    if (ret == 0) {
        ret = write_compressed_grain(e, grain, e->stream_buf,
                                     MIN(gb, e->length - grain * gb));
    }
    return ret;
}

/*
 * Full new grains of one request that land back to back are written with
 * one pwrite; their GT entries follow (after the data, as always), merged
 * into one write per run of neighbouring entries.
 */
typedef struct SparseRun {
    uint64_t sec;            /* first sector of the run */
    uint64_t count;          /* grains */
    const uint8_t *src;
    GArray *gtes;            /* uint64_t pairs: grain, sector */
} SparseRun;

static int write_gte_run(VmdkExtent *e, uint32_t table, uint32_t first,
                         const uint32_t *vals, uint32_t n)
{
    uint8_t *buf = g_malloc(n * 4);
    int ret;

    for (uint32_t i = 0; i < n; i++) {
        stl_le_p(buf + i * 4, vals[i]);
    }
    ret = vmdk_file_write(e->file, (uint64_t)table * VMDK_SECTOR + first * 4,
                          buf, n * 4);
    g_free(buf);
    return ret;
}

static int sparse_run_flush(VmdkExtent *e, SparseRun *r)
{
    guint i = 0;
    int ret = 0;

    if (r->count) {
        ret = vmdk_file_write(e->file, r->sec * VMDK_SECTOR, r->src,
                              r->count * grain_bytes(e));
        r->count = 0;
    }
    while (ret == 0 && i < r->gtes->len / 2) {
        uint64_t g0 = g_array_index(r->gtes, uint64_t, 2 * i);
        uint64_t gdi = g0 / e->g.gt_entries;
        uint32_t vals[512];
        uint32_t *gt;
        guint j = i;

        /* neighbouring entries of the same table: one write */
        while (j < r->gtes->len / 2 && j - i < G_N_ELEMENTS(vals) &&
               g_array_index(r->gtes, uint64_t, 2 * j) == g0 + (j - i) &&
               (g0 + (j - i)) / e->g.gt_entries == gdi) {
            vals[j - i] = g_array_index(r->gtes, uint64_t, 2 * j + 1);
            j++;
        }
        ret = get_gt(e, e->gd[gdi], &gt);
        if (ret == 0) {
            ret = write_gte_run(e, e->gd[gdi], g0 % e->g.gt_entries, vals,
                                j - i);
        }
        if (ret == 0 && e->rgd && e->rgd[gdi] &&
            range_in_file((uint64_t)e->rgd[gdi] * VMDK_SECTOR, gt_bytes(e),
                          e->file->size)) {
            ret = write_gte_run(e, e->rgd[gdi], g0 % e->g.gt_entries, vals,
                                j - i);
        }
        if (ret == 0) {
            memcpy(gt + g0 % e->g.gt_entries, vals, (j - i) * 4);
        }
        i = j;
    }
    g_array_set_size(r->gtes, 0);
    return ret;
}

int vmdk_sparse_write(VmdkExtent *e, uint64_t off, const void *buf,
                      uint64_t bytes, VmdkBackingReadFn backing,
                      void *opaque, uint64_t guest_base)
{
    const uint8_t *src = buf;
    uint64_t gb = grain_bytes(e);
    SparseRun run = { .gtes = g_array_new(false, false, sizeof(uint64_t)) };
    int ret = 0;

    while (ret == 0 && bytes > 0) {
        uint64_t grain = off / gb, in_grain = off % gb;
        uint64_t n = MIN(bytes, gb - in_grain);
        uint64_t gd_index = grain / e->g.gt_entries;
        VmdkMapping m = { .kind = VMDK_MAP_UNALLOC };

        if (!e->g.compressed || grain != e->stream_grain) {
            ret = vmdk_sparse_map(e, off, &m);
        }

        if (ret < 0) {
            break;
        }
        if (m.kind == VMDK_MAP_DATA) {
            ret = vmdk_file_write(e->file, m.file_offset, src, n);
        } else if (m.kind == VMDK_MAP_COMPRESSED) {
            ret = -EIO;    /* streamOptimized grains are written once */
        } else if (m.kind == VMDK_MAP_UNALLOC && !backing &&
                   buffer_is_zero(src, n)) {
            ret = 0;    /* unallocated already reads as zeroes */
        } else if (e->g.compressed) {
            uint64_t glen = MIN(gb, e->length - grain * gb);
            if (e->stream_grain != grain) {
                ret = vmdk_sparse_stream_flush(e);
            }
            if (ret == 0 && in_grain == 0 && n == glen) {
                ret = ensure_gt(e, gd_index);
                if (ret == 0) {
                    ret = write_compressed_grain(e, grain, src, glen);
                }
            } else if (ret == 0) {
                /* a partial grain waits in memory for the rest */
                if (e->stream_grain != grain) {
                    if (!e->stream_buf) {
                        e->stream_buf = g_malloc(gb);
                    }
                    memset(e->stream_buf, 0, gb);
                    if (m.kind == VMDK_MAP_UNALLOC && backing) {
                        ret = backing(opaque, guest_base + grain * gb,
                                      e->stream_buf, glen);
                    }
                    e->stream_grain = grain;
                }
                memcpy(e->stream_buf + in_grain, src, n);
                if (ret == 0 && in_grain + n == glen) {
                    ret = vmdk_sparse_stream_flush(e);
                }
            }
        } else {
            uint8_t *whole = NULL;
            const uint8_t *data = src;
            uint64_t sec = e->next_sector;

            if (n < gb) {
                whole = g_malloc0(gb);
                if (m.kind == VMDK_MAP_UNALLOC && backing) {
                    uint64_t glen = MIN(gb, e->length - grain * gb);
                    ret = backing(opaque, guest_base + grain * gb, whole,
                                  glen);
                }
                memcpy(whole + in_grain, src, n);
                data = whole;
            }
            if (ret == 0) {
                ret = ensure_gt(e, gd_index);
                sec = e->next_sector;
            }
            if (ret == 0 && sec + e->g.grain_sectors > UINT32_MAX) {
                ret = -ENOSPC;
            }
            if (ret == 0 && !whole) {
                /* a full grain: join the run of back-to-back grains */
                if (!run.count || run.sec + run.count * e->g.grain_sectors !=
                    sec || run.src + run.count * gb != data) {
                    if (run.count) {
                        ret = vmdk_file_write(e->file, run.sec * VMDK_SECTOR,
                                              run.src, run.count * gb);
                    }
                    run.sec = sec;
                    run.src = data;
                    run.count = 0;
                }
                run.count++;
                e->next_sector = sec + e->g.grain_sectors;
                g_array_append_val(run.gtes, grain);
                g_array_append_val(run.gtes, sec);
            } else if (ret == 0) {
                ret = vmdk_file_write(e->file, sec * VMDK_SECTOR, data, gb);
                if (ret == 0) {
                    e->next_sector = sec + e->g.grain_sectors;
                    ret = set_gte(e, grain, sec);
                }
            }
            g_free(whole);
        }
        if (ret < 0) {
            break;
        }
        off += n;
        src += n;
        bytes -= n;
    }
    if (ret == 0) {
        ret = sparse_run_flush(e, &run);
    }
    g_array_free(run.gtes, true);
    return ret;
}

int vmdk_sparse_write_zeroes(VmdkExtent *e, uint64_t off, uint64_t bytes,
                             bool dry_run)
{
    uint64_t gb = grain_bytes(e);

    while (bytes > 0) {
        uint64_t grain = off / gb;
        uint64_t glen = MIN(gb, e->length - grain * gb);
        int ret;

        if (!e->g.zero_grain || off % gb || bytes < glen) {
            return -ENOTSUP;
        }
        if (!dry_run) {
            ret = ensure_gt(e, grain / e->g.gt_entries);
            if (ret == 0) {
                ret = set_gte(e, grain, VMDK_GTE_ZEROED);
            }
            if (ret < 0) {
                return ret;
            }
        }
        off += glen;
        bytes -= glen;
    }
    return 0;
}

/* ---- check ------------------------------------------------------------ */

int vmdk_sparse_check(VmdkExtent *e, VmdkCheckResult *res, GString *log)
{
    uint64_t grains = DIV_ROUND_UP(e->length, grain_bytes(e));
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    int64_t fsize = e->file->size;

    res->total_clusters += grains;
    for (uint64_t gdi = 0; gdi < e->g.gd_entries; gdi++) {
        uint32_t *gt;
        uint64_t base = gdi * e->g.gt_entries;

        if (e->gd[gdi] == 0) {
            continue;
        }
        if (get_gt(e, e->gd[gdi], &gt) < 0) {
            vmdk_check_log(log, "ERROR: grain table %" PRIu64
                           " at sector %" PRIu32 " in '%s' is past "
                           "the end of the file\n", gdi, e->gd[gdi],
                           e->file->filename);
            res->corruptions++;
            continue;
        }
        if (e->rgd && e->rgd[gdi] &&
            !range_in_file((uint64_t)e->rgd[gdi] * VMDK_SECTOR, gt_bytes(e),
                           fsize)) {
            vmdk_check_log(log, "ERROR: redundant grain table %"
                           PRIu64 " is past the end of the file\n",
                           gdi);
            res->corruptions++;
        }
        for (uint32_t i = 0; i < e->g.gt_entries && base + i < grains; i++) {
            uint32_t v = gt[i];
            if (v == 0 || (v == VMDK_GTE_ZEROED && e->g.zero_grain)) {
                continue;
            }
            res->allocated_clusters++;
            if ((uint64_t)v * VMDK_SECTOR >= (uint64_t)fsize) {
                vmdk_check_log(log, "ERROR: cluster offset for "
                               "sector %" PRIu64 " points after "
                               "EOF\n", (e->start / VMDK_SECTOR) +
                               (base + i) * e->g.grain_sectors);
                res->corruptions++;
                continue;
            }
            if (!e->g.compressed &&
                g_hash_table_contains(seen, GUINT_TO_POINTER(v))) {
                vmdk_check_log(log, "ERROR: grain at sector %" PRIu32
                               " is used twice\n", v);
                res->corruptions++;
            }
            g_hash_table_add(seen, GUINT_TO_POINTER(v));
            res->image_end_offset = MAX(res->image_end_offset,
                                        (uint64_t)v * VMDK_SECTOR +
                                        grain_bytes(e));
        }
    }
    g_hash_table_destroy(seen);
    return 0;
}

/* ---- create ----------------------------------------------------------- */

int vmdk_sparse_init_file(VmdkFile *f, uint64_t capacity_sectors,
                          bool compressed, bool zeroed_grain, Error **errp)
{
    Vmdk4Header h = { 0 };
    uint8_t hdr[VMDK_SECTOR];
    uint64_t grains, gt_sectors, gt_count, gd_sectors;
    uint8_t *buf;
    size_t buf_len;
    int ret;

    h.version = compressed ? 3 : zeroed_grain ? 2 : 1;
    h.flags = VMDK4_FLAG_RGD | VMDK4_FLAG_NL_DETECT |
              (compressed ? VMDK4_FLAG_COMPRESS | VMDK4_FLAG_MARKER : 0) |
              (zeroed_grain ? VMDK4_FLAG_ZERO_GRAIN : 0);
    h.compress_algorithm = compressed ? VMDK4_COMPRESS_DEFLATE : 0;
    h.capacity = capacity_sectors;
    h.granularity = 128;
    h.num_gtes_per_gt = 512;
    grains = DIV_ROUND_UP(capacity_sectors, h.granularity);
    gt_sectors = DIV_ROUND_UP(h.num_gtes_per_gt * 4, VMDK_SECTOR);
    gt_count = DIV_ROUND_UP(grains, h.num_gtes_per_gt);
    gd_sectors = DIV_ROUND_UP(gt_count * 4, VMDK_SECTOR);
    if (gd_sectors + gt_count * gt_sectors > UINT32_MAX / 4) {
        error_setg(errp, "Image too large for a VMDK sparse extent");
        return -EFBIG;
    }
    h.desc_offset = 1;
    h.desc_size = 20;
    h.rgd_offset = h.desc_offset + h.desc_size;
    h.gd_offset = h.rgd_offset + gd_sectors + gt_sectors * gt_count;
    h.grain_offset = ROUND_UP(h.gd_offset + gd_sectors +
                              gt_sectors * gt_count, h.granularity);
    h.check_bytes[0] = 0xa;
    h.check_bytes[1] = 0x20;
    h.check_bytes[2] = 0xd;
    h.check_bytes[3] = 0xa;
    vmdk4_header_encode(&h, hdr);

    ret = vmdk_file_write(f, 0, hdr, sizeof(hdr));
    if (ret == 0) {
        ret = vmdk_file_truncate(f, h.grain_offset * VMDK_SECTOR);
    }
    buf_len = gd_sectors * VMDK_SECTOR;
    buf = g_malloc0(buf_len ? buf_len : 1);
    for (int copy = 0; copy < 2 && ret == 0; copy++) {
        uint64_t dir = copy ? h.gd_offset : h.rgd_offset;
        for (uint64_t i = 0; i < gt_count; i++) {
            stl_le_p(buf + i * 4, dir + gd_sectors + i * gt_sectors);
        }
        ret = vmdk_file_write(f, dir * VMDK_SECTOR, buf, buf_len);
    }
    g_free(buf);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not write VMDK header to '%s'",
                         f->filename);
    }
    return ret;
}
