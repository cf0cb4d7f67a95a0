/*
 * qcow2 format driver: header parsing and validation, open/close, the
 * guest read path, request dispatch for writes (mapping changes live in
 * qcow2-cluster.c, compression in qcow2-compress.c), resize, header
 * updates and the `qemu-img info` facts.  Image creation is in qcow2-create.c.
 *
 * Every field read from the image is validated against the file size and
 * against overflow before use; a damaged image gets an error naming the
 * problem and is never written.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "qcow2.h"
#include "qemu/bswap.h"
#include "qemu/cutils.h"
#include "qemu/units.h"

static int qcow2_flush_caches(BlockDriverState *bs);

/* Options for opening (qemu-io -o, --image-opts). */
static const QemuOptsList qcow2_runtime_opts = {
    .name = "qcow2",
    .desc = {
        { "encrypt.format", QEMU_OPT_STRING, "encryption format (luks)" },
        { "encrypt.key-secret", QEMU_OPT_STRING,
          "ID of secret providing the LUKS passphrase" },
        { "data-file.filename", QEMU_OPT_STRING,
          "the external data file (instead of the recorded name)" },
        { NULL },
    },
};

static int qcow2_probe(const uint8_t *buf, int buf_size, const char *filename)
{
    if (buf_size >= 8 && ldl_be_p(buf) == QCOW_MAGIC &&
        ldl_be_p(buf + 4) >= 2) {
        return 100;
    }
    return 0;
}

int64_t qcow2_file_length(BlockDriverState *bs)
{
    return bdrv_getlength(bs->file);
}

int qcow2_mark_corrupt(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    s->corrupt = true;
    if (s->read_only || s->version < 3) {
        return 0;
    }
    s->incompatible_features |= QCOW2_INCOMPAT_CORRUPT;
    uint8_t buf[8];
    stq_be_p(buf, s->incompatible_features);
    int ret = bdrv_pwrite(bs->file, QH_INCOMPAT, 8, buf, 0);
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    return ret;
}

/*
 * Damage found while running: the image is marked corrupt (if writable) so
 * no further write can make things worse.  The message is kept for the
 * caller's error; library code does not print.
 */
void qcow2_signal_corruption(BlockDriverState *bs, const char *fmt, ...)
{
    BDRVQcow2State *s = bs->opaque;
    if (s->checking) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (!s->corrupt && !s->read_only) {
        bdrv_report_message("qcow2: Marking image as corrupt: %s; further "
                            "corruption events will be suppressed", msg);
        qcow2_mark_corrupt(bs);
    } else if (!s->corruption_reported) {
        bdrv_report_message("qcow2: Image is corrupt: %s; further non-fatal "
                            "corruption events will be suppressed", msg);
    }
    s->corruption_reported = true;
    s->corrupt = true;
    g_free(msg);
}

int qcow2_update_header_fields(BlockDriverState *bs, int field, int len,
                               uint64_t value)
{
    uint8_t buf[8];
    if (len == 8) {
        stq_be_p(buf, value);
    } else {
        stl_be_p(buf, (uint32_t)value);
    }
    return bdrv_pwrite(bs->file, field, len, buf, 0);
}

/*
 * Lazy refcounts: while the dirty bit is on disk, refcount blocks may lag
 * behind the L2 tables (the L2 cache no longer waits for the refcount
 * cache), because whoever opens the image next rebuilds the refcounts from
 * the tables.  The bit reaches the disk before any table that relies on it.
 */
int qcow2_mark_dirty(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    if (s->version < 3 || (s->incompatible_features & QCOW2_INCOMPAT_DIRTY)) {
        return 0;
    }
    int ret = bdrv_flush(bs->file);
    if (ret < 0) {
        return ret;
    }
    s->incompatible_features |= QCOW2_INCOMPAT_DIRTY;
    ret = qcow2_update_header_fields(bs, QH_INCOMPAT, 8,
                                     s->incompatible_features);
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    s->dirty_set_by_us = true;
    if (ret == 0) {
        qcow2_cache_set_dependency(s->l2_cache, NULL);
    }
    return ret;
}

/* All metadata stable and consistent: clear the dirty bit. */
int qcow2_mark_clean(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    if (!(s->incompatible_features & QCOW2_INCOMPAT_DIRTY)) {
        return 0;
    }
    int ret = qcow2_flush_caches(bs);
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret < 0) {
        return ret;
    }
    s->incompatible_features &= ~QCOW2_INCOMPAT_DIRTY;
    ret = qcow2_update_header_fields(bs, QH_INCOMPAT, 8,
                                     s->incompatible_features);
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret < 0) {
        s->incompatible_features |= QCOW2_INCOMPAT_DIRTY;
        return ret;
    }
    s->dirty_set_by_us = false;
    qcow2_cache_set_dependency(s->l2_cache, s->refcount_cache);
    return 0;
}

int qcow2_write_l1_entry(BlockDriverState *bs, int l1_index)
{
    BDRVQcow2State *s = bs->opaque;
    s->meta_gen++;
    uint8_t buf[8];
    stq_be_p(buf, s->l1_table[l1_index]);
    return bdrv_pwrite(bs->file, s->l1_table_offset + (uint64_t)l1_index * 8,
                       8, buf, 0);
}

/* Grow the active L1 table to at least @min_size entries (new copy). */
int qcow2_grow_l1_table(BlockDriverState *bs, uint64_t min_size)
{
    BDRVQcow2State *s = bs->opaque;
    if (min_size <= s->l1_size) {
        return 0;
    }
    if (min_size > QCOW_MAX_L1_SIZE / 8) {
        return -EFBIG;
    }
    uint64_t new_size = min_size;
    uint64_t new_bytes = (new_size * 8 + s->cluster_size - 1) &
                         ~(uint64_t)(s->cluster_size - 1);
    uint64_t *nt = g_try_malloc0(new_bytes);
    if (!nt) {
        return -ENOMEM;
    }
    int64_t off = qcow2_alloc_clusters(bs, new_bytes);
    if (off < 0) {
        g_free(nt);
        return (int)off;
    }
    /* Refcounts of the new table reach the disk before it is used. */
    int ret = qcow2_cache_flush(bs, s->refcount_cache);
    if (ret < 0) {
        goto fail;
    }
    for (uint64_t i = 0; i < s->l1_size; i++) {
        nt[i] = cpu_to_be64(s->l1_table[i]);
    }
    /* Only the entries in use (as QEMU), the rest of the cluster unused. */
    ret = bdrv_pwrite(bs->file, off, new_size * 8, nt, 0);
    if (ret < 0) {
        goto fail;
    }
    ret = bdrv_flush(bs->file);
    if (ret < 0) {
        goto fail;
    }
    uint8_t hdr[12];
    stl_be_p(hdr, (uint32_t)new_size);
    stq_be_p(hdr + 4, (uint64_t)off);
    ret = bdrv_pwrite(bs->file, QH_L1_SIZE, 12, hdr, 0);
    if (ret < 0) {
        goto fail;
    }
    ret = bdrv_flush(bs->file);
    if (ret < 0) {
        goto fail;
    }
    for (uint64_t i = 0; i < new_size; i++) {
        nt[i] = be64_to_cpu(nt[i]);
    }
    uint64_t old_off = s->l1_table_offset;
    uint64_t old_bytes = (uint64_t)s->l1_size * 8;
    g_free(s->l1_table);
    s->l1_table = nt;
    s->l1_table_offset = off;
    s->l1_size = (uint32_t)new_size;
    if (old_bytes) {
        qcow2_free_clusters(bs, old_off, old_bytes);
    }
    return 0;
fail:
    g_free(nt);
    qcow2_free_clusters(bs, off, new_bytes);
    return ret;
}

static const char *const incompat_names[] = {
    "dirty bit", "corrupt bit", "external data file", "compression type",
    "extended L2 entries",
};

/* "Unsupported qcow2 feature(s): name, Unknown incompatible feature: 20" */
static void report_unsupported(BDRVQcow2State *s, uint64_t mask, Error **errp)
{
    GString *str = g_string_new(NULL);
    for (int bit = 0; bit < 64; bit++) {
        if (!(mask & (1ULL << bit))) {
            continue;
        }
        const char *name = NULL;
        for (int i = 0; s->feature_table && i + 48 <= s->feature_table_len;
             i += 48) {
            if (s->feature_table[i] == 0 && s->feature_table[i + 1] == bit) {
                name = &s->feature_table[i + 2];
                break;
            }
        }
        if (!name && bit < (int)G_N_ELEMENTS(incompat_names)) {
            name = incompat_names[bit];
        }
        if (str->len) {
            g_string_append(str, ", ");
        }
        if (name) {
            g_string_append_printf(str, "%.46s", name);
        } else {
            g_string_append_printf(str, "Unknown incompatible feature: %llx",
                                   (unsigned long long)(1ULL << bit));
        }
    }
    error_setg(errp, "Unsupported qcow2 feature(s): %s", str->str);
    g_string_free(str, TRUE);
}

static int read_extensions(BlockDriverState *bs, const uint8_t *hdr,
                           uint64_t start, uint64_t end, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t off = start;
    while (off + 8 <= end) {
        uint32_t magic = ldl_be_p(hdr + off);
        uint32_t len = ldl_be_p(hdr + off + 4);
        off += 8;
        if (len > end - off) {
            error_setg(errp, "Invalid header extension: length %u at offset "
                       "%" PRIu64 " exceeds the header", len, off - 8);
            return -EINVAL;
        }
        const uint8_t *data = hdr + off;
        switch (magic) {
        case QCOW2_EXT_END:
            return 0;
        case QCOW2_EXT_BACKING_FMT:
            if (len >= sizeof(bs->backing_format)) {
                error_setg(errp, "ERROR: ext_backing_format: len=%u too large "
                           "(>=%zu)", len, sizeof(bs->backing_format));
                return -EINVAL;
            }
            memcpy(bs->backing_format, data, len);
            bs->backing_format[len] = 0;
            break;
        case QCOW2_EXT_FEATURE_TABLE:
            g_free(s->feature_table);
            s->feature_table = g_malloc0(len + 1);
            memcpy(s->feature_table, data, len);
            s->feature_table_len = len;
            break;
        case QCOW2_EXT_CRYPTO:
            if (qcow2_crypto_parse_ext(bs, data, len, errp) < 0) {
                return -EINVAL;
            }
            break;
        case QCOW2_EXT_DATA_FILE:
            if (qcow2_data_file_parse_ext(bs, data, len, errp) < 0) {
                return -EINVAL;
            }
            break;
        case QCOW2_EXT_BITMAPS:
            if (qcow2_bitmaps_parse_ext(bs, data, len, errp) < 0) {
                return -EINVAL;
            }
            G_GNUC_FALLTHROUGH;     /* and kept like an unknown extension */
        default:
            /* Kept verbatim when the header is rewritten. */
            s->unknown_exts = g_renew(Qcow2UnknownExt, s->unknown_exts,
                                      s->nb_unknown_exts + 1);
            s->unknown_exts[s->nb_unknown_exts].magic = magic;
            s->unknown_exts[s->nb_unknown_exts].len = len;
            s->unknown_exts[s->nb_unknown_exts].data = g_memdup2(data, len);
            s->nb_unknown_exts++;
            break;
        }
        off += (len + 7) & ~7u;
    }
    return 0;
}

/* Is [off, off+len) a valid cluster-aligned table inside the file? */
static bool table_ok(BDRVQcow2State *s, uint64_t off, uint64_t len,
                     int64_t file_len)
{
    if (offset_into_cluster(s, off) || off > INT64_MAX / 2 ||
        len > INT64_MAX / 2) {
        return false;
    }
    return off + len <= (uint64_t)file_len + s->cluster_size;
}

static bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return alen && blen && a < b + blen && b < a + alen;
}

static void qcow2_free_state(BDRVQcow2State *s)
{
    if (s->meta_set) {
        g_hash_table_destroy(s->meta_set);
        s->meta_set = NULL;
    }
    qcow2_cache_destroy(s->l2_cache);
    qcow2_cache_destroy(s->refcount_cache);
    s->l2_cache = s->refcount_cache = NULL;
    g_free(s->l1_table);
    g_free(s->refcount_table);
    g_free(s->feature_table);
    g_free(s->cluster_data);
    g_free(s->cluster_cache);
    qcow2_compress_free_state(s);
    qcow2_crypto_free(s);
    qcow2_data_file_close(s);
    qcow2_bitmaps_free(s);
    for (int i = 0; i < s->nb_unknown_exts; i++) {
        g_free(s->unknown_exts[i].data);
    }
    g_free(s->unknown_exts);
    qcow2_free_snapshots(s);
}

static void report_repair(void *opaque, const char *msg)
{
    bdrv_report_message("%s", msg);
}

static int qcow2_open(BlockDriverState *bs, QemuOpts *opts, int flags,
                      Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    int64_t file_len = qcow2_file_length(bs);
    uint8_t hdr_buf[QCOW2_V3_HEADER_LEN_CT];
    uint8_t *hdr = NULL;
    int ret;

    if (file_len < 0) {
        error_setg_errno(errp, (int)-file_len, "Could not get the image size");
        return (int)file_len;
    }
    s->read_only = bs->read_only;
    s->checking = flags & BDRV_O_CHECK;
    s->discard_passthrough = true;
    memset(hdr_buf, 0, sizeof(hdr_buf));
    if (file_len < QCOW2_V2_HEADER_LEN) {
        error_setg(errp, "Image is not in qcow2 format (file is %" PRId64
                   " bytes, shorter than the 72-byte header)", file_len);
        return -EINVAL;
    }
    ret = bdrv_pread(bs->file, 0, MIN(file_len, (int64_t)sizeof(hdr_buf)),
                     hdr_buf, 0);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read qcow2 header");
        return ret;
    }
    if (ldl_be_p(hdr_buf) != QCOW_MAGIC) {
        error_setg(errp, "Image is not in qcow2 format");
        return -EINVAL;
    }
    s->version = ldl_be_p(hdr_buf + QH_VERSION);
    if (s->version < 2 || s->version > 3) {
        error_setg(errp, "Unsupported qcow2 version %u", s->version);
        return -ENOTSUP;
    }
    s->cluster_bits = (int)ldl_be_p(hdr_buf + QH_CLUSTER_BITS);
    if (ldl_be_p(hdr_buf + QH_CLUSTER_BITS) < QCOW_MIN_CLUSTER_BITS ||
        ldl_be_p(hdr_buf + QH_CLUSTER_BITS) > QCOW_MAX_CLUSTER_BITS) {
        error_setg(errp, "Unsupported cluster size: 2^%u",
                   ldl_be_p(hdr_buf + QH_CLUSTER_BITS));
        return -EINVAL;
    }
    s->cluster_size = 1 << s->cluster_bits;
    if (s->version == 2) {
        s->header_length = QCOW2_V2_HEADER_LEN;
        s->refcount_order = 4;
    } else {
        s->incompatible_features = ldq_be_p(hdr_buf + QH_INCOMPAT);
        s->compatible_features = ldq_be_p(hdr_buf + QH_COMPAT);
        s->autoclear_features = ldq_be_p(hdr_buf + QH_AUTOCLEAR);
        s->refcount_order = (int)ldl_be_p(hdr_buf + QH_REFCOUNT_ORDER);
        s->header_length = ldl_be_p(hdr_buf + QH_HEADER_LENGTH);
        if (s->header_length < QCOW2_V3_HEADER_LEN) {
            error_setg(errp, "qcow2 header too short");
            return -EINVAL;
        }
        if (ldl_be_p(hdr_buf + QH_REFCOUNT_ORDER) > 6) {
            error_setg(errp, "Reference count entry width too large; may not "
                       "exceed 64 bits");
            return -EINVAL;
        }
    }
    if (s->header_length > (uint32_t)s->cluster_size) {
        error_setg(errp, "qcow2 header exceeds cluster size");
        return -EINVAL;
    }
    s->refcount_block_bits = s->cluster_bits - (s->refcount_order - 3);
    s->refcount_max = s->refcount_order == 6 ? UINT64_MAX
                      : (1ULL << (1 << s->refcount_order)) - 1;
    qcow2_set_l2_geometry(s, s->incompatible_features & QCOW2_INCOMPAT_EXTL2);
    if (s->extended_l2 && s->cluster_bits < 14) {
        error_setg(errp, "Extended L2 entries are only supported with cluster "
                   "sizes of at least 16384 bytes");
        return -EINVAL;
    }
    s->csize_shift = 62 - (s->cluster_bits - 8);
    s->csize_mask = (1ULL << (s->cluster_bits - 8)) - 1;
    s->cluster_offset_mask = (1ULL << s->csize_shift) - 1;
    s->size = ldq_be_p(hdr_buf + QH_SIZE);
    s->crypt_method = ldl_be_p(hdr_buf + QH_CRYPT_METHOD);

    /* Extensions and backing file name live in the first cluster. */
    uint64_t backing_off = ldq_be_p(hdr_buf + QH_BACKING_OFFSET);
    uint32_t backing_len = ldl_be_p(hdr_buf + QH_BACKING_SIZE);
    uint64_t hdr_len = MIN((uint64_t)s->cluster_size, (uint64_t)file_len);
    hdr = g_malloc0(s->cluster_size);
    ret = bdrv_pread(bs->file, 0, hdr_len, hdr, 0);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read qcow2 header");
        goto fail;
    }
    if (backing_off > (uint64_t)s->cluster_size ||
        (backing_off && backing_len > s->cluster_size - backing_off)) {
        error_setg(errp, "Invalid backing file offset");
        ret = -EINVAL;
        goto fail;
    }
    if (s->version >= 3 && s->header_length > QH_COMPRESSION_TYPE) {
        s->compression_type = hdr[QH_COMPRESSION_TYPE];
    }
    ret = read_extensions(bs, hdr, s->header_length,
                          backing_off ? backing_off : (uint64_t)s->cluster_size,
                          errp);
    if (ret < 0) {
        goto fail;
    }
    /* Checked before unknown features, with QEMU's messages. */
    if (!qcow2_compression_type_name(s->compression_type)) {
        error_setg(errp, "qcow2: unknown compression type: %u",
                   s->compression_type);
        ret = -ENOTSUP;
        goto fail;
    }
    if ((s->compression_type != QCOW2_COMPRESSION_ZLIB) !=
        !!(s->incompatible_features & QCOW2_INCOMPAT_COMPRESSION)) {
        error_setg(errp, "qcow2: Compression type incompatible feature bit "
                   "must %sbe set",
                   s->compression_type == QCOW2_COMPRESSION_ZLIB ? "not " : "");
        ret = -EINVAL;
        goto fail;
    }
    uint64_t unsupported = s->incompatible_features & ~QCOW2_INCOMPAT_KNOWN;
    if (unsupported) {
        report_unsupported(s, unsupported, errp);
        ret = -ENOTSUP;
        goto fail;
    }
    if ((s->incompatible_features & QCOW2_INCOMPAT_CORRUPT) && !s->read_only &&
        !s->checking) {
        error_setg(errp, "qcow2: Image is corrupt; cannot be opened "
                   "read/write");
        ret = -EACCES;
        goto fail;
    }
    s->corrupt = s->incompatible_features & QCOW2_INCOMPAT_CORRUPT;
    ret = qcow2_crypto_open(bs, opts, flags, file_len, errp);
    if (ret < 0) {
        goto fail;
    }
    ret = qcow2_data_file_open(bs, opts, flags, errp);
    if (ret < 0) {
        goto fail;
    }
    if (backing_off && backing_len) {
        if (backing_len > QCOW_MAX_BACKING_FILE) {
            error_setg(errp, "Backing file name too long");
            ret = -EINVAL;
            goto fail;
        }
        memcpy(bs->backing_file, hdr + backing_off, backing_len);
        bs->backing_file[backing_len] = 0;
        if (strlen(bs->backing_file) != backing_len) {
            error_setg(errp, "Backing file name contains a NUL byte");
            ret = -EINVAL;
            goto fail;
        }
    } else {
        bs->backing_format[0] = 0;
    }

    /* Refcount table. */
    s->refcount_table_offset = ldq_be_p(hdr_buf + QH_REFTABLE_OFFSET);
    s->refcount_table_clusters = ldl_be_p(hdr_buf + QH_REFTABLE_CLUSTERS);
    if ((uint64_t)s->refcount_table_clusters << s->cluster_bits >
        QCOW_MAX_REFTABLE_SIZE) {
        error_setg(errp, "Reference count table too large");
        ret = -EINVAL;
        goto fail;
    }
    uint64_t rt_bytes = (uint64_t)s->refcount_table_clusters << s->cluster_bits;
    if (s->refcount_table_clusters == 0 && !s->checking) {
        error_setg(errp, "Image does not contain a reference count table");
        ret = -EINVAL;
        goto fail;
    }
    if (!table_ok(s, s->refcount_table_offset, rt_bytes, file_len)) {
        error_setg(errp, "Invalid reference count table offset %#" PRIx64
                   " (size %#" PRIx64 ", file size %#" PRIx64 ")",
                   s->refcount_table_offset, rt_bytes, (uint64_t)file_len);
        ret = -EINVAL;
        goto fail;
    }
    if (ranges_overlap(s->refcount_table_offset, rt_bytes, 0, s->cluster_size)) {
        error_setg(errp, "Reference count table at offset %#" PRIx64
                   " overlaps the image header", s->refcount_table_offset);
        ret = -EINVAL;
        goto fail;
    }

    /* Snapshot table fields (parsed in qcow2-snapshot.c). */
    s->nb_snapshots = ldl_be_p(hdr_buf + QH_NB_SNAPSHOTS);
    s->snapshots_offset = ldq_be_p(hdr_buf + QH_SNAPSHOTS_OFFSET);
    if (s->nb_snapshots > QCOW_MAX_SNAPSHOTS) {
        error_setg(errp, "Snapshot table too large");
        ret = -EINVAL;
        goto fail;
    }
    if (s->nb_snapshots && !table_ok(s, s->snapshots_offset, 40, file_len)) {
        error_setg(errp, "Invalid snapshot table offset");
        ret = -EINVAL;
        goto fail;
    }

    /* Active L1 table. */
    s->l1_size = ldl_be_p(hdr_buf + QH_L1_SIZE);
    s->l1_table_offset = ldq_be_p(hdr_buf + QH_L1_OFFSET);
    if (s->l1_size > QCOW_MAX_L1_SIZE / 8) {
        error_setg(errp, "Active L1 table too large");
        ret = -EFBIG;
        goto fail;
    }
    uint64_t l2_span = 1ULL << (s->cluster_bits + s->l2_bits);
    if (s->size > (uint64_t)INT64_MAX / 2 ||
        (s->size + l2_span - 1) / l2_span > s->l1_size) {
        error_setg(errp, "L1 table is too small (%u entries for a virtual size "
                   "of %" PRIu64 " bytes)", s->l1_size, s->size);
        ret = -EINVAL;
        goto fail;
    }
    uint64_t l1_bytes = (uint64_t)s->l1_size * 8;
    if (s->l1_size && !table_ok(s, s->l1_table_offset, l1_bytes, file_len)) {
        error_setg(errp, "Active L1 table offset invalid");
        ret = -EINVAL;
        goto fail;
    }
    if (ranges_overlap(s->l1_table_offset, l1_bytes, 0, s->cluster_size)) {
        error_setg(errp, "L1 table at offset %#" PRIx64 " overlaps the image "
                   "header", s->l1_table_offset);
        ret = -EINVAL;
        goto fail;
    }
    if (ranges_overlap(s->l1_table_offset, l1_bytes, s->refcount_table_offset,
                       rt_bytes)) {
        error_setg(errp, "L1 table at offset %#" PRIx64 " overlaps the "
                   "reference count table at %#" PRIx64, s->l1_table_offset,
                   s->refcount_table_offset);
        ret = -EINVAL;
        goto fail;
    }
    s->l1_table = g_try_new0(uint64_t, MAX(s->l1_size, 1));
    if (!s->l1_table) {
        error_setg(errp, "Could not allocate L1 table");
        ret = -ENOMEM;
        goto fail;
    }
    if (s->l1_size) {
        ret = bdrv_pread(bs->file, s->l1_table_offset, l1_bytes, s->l1_table, 0);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read L1 table");
            goto fail;
        }
        for (uint32_t i = 0; i < s->l1_size; i++) {
            s->l1_table[i] = be64_to_cpu(s->l1_table[i]);
        }
    }

    ret = qcow2_refcount_init(bs);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read refcount table");
        goto fail;
    }
    ret = qcow2_read_snapshots(bs, errp);
    if (ret < 0) {
        goto fail;
    }
    ret = qcow2_bitmaps_load(bs, file_len, errp);
    if (ret < 0) {
        goto fail;
    }

    /* Caches: cover the whole image with L2 tables up to 32 MiB. */
    uint64_t l2_tables = MAX(s->l1_size, 1);
    uint64_t max_tables = MAX(16, (32 * MiB) / s->cluster_size);
    int l2_entries = (int)MIN(MAX(l2_tables, 16), max_tables);
    int rc_entries = MAX(8, l2_entries / 4);
    s->l2_cache = qcow2_cache_create(bs, l2_entries, s->cluster_size);
    s->refcount_cache = qcow2_cache_create(bs, rc_entries, s->cluster_size);
    qcow2_cache_set_dependency(s->l2_cache, s->refcount_cache);
    s->cluster_data = g_malloc(s->cluster_size);
    s->cluster_cache = g_malloc(s->cluster_size);
    s->cluster_cache_offset = -1;

    g_free(hdr);
    hdr = NULL;

    if (!s->read_only && !s->checking) {
        /* Autoclear features we do not maintain become invalid now. */
        uint64_t kept = s->autoclear_features &
                        (qcow2_has_data_file(s) ? QCOW2_AUTOCLEAR_DATA_FILE_RAW
                                                : 0);
        if (s->has_bitmaps_ext && s->bitmaps) {
            kept |= s->autoclear_features & QCOW2_AUTOCLEAR_BITMAPS;
        }
        if (s->autoclear_features != kept) {
            s->autoclear_features = kept;
            ret = qcow2_update_header_fields(bs, QH_AUTOCLEAR, 8, kept);
            if (ret < 0) {
                error_setg_errno(errp, -ret, "Could not update qcow2 header");
                goto fail;
            }
        }
        if (s->incompatible_features & QCOW2_INCOMPAT_DIRTY) {
            /* Crashed with lazy refcounts: rebuild them (QEMU prints the
             * repairs as it goes, so do we). */
            BdrvCheckResult res;
            memset(&res, 0, sizeof(res));
            res.report = report_repair;
            ret = qcow2_check(bs, &res, BDRV_FIX_LEAKS | BDRV_FIX_ERRORS);
            if (ret < 0 || res.corruptions > res.corruptions_fixed ||
                res.check_errors) {
                error_setg(errp, "Could not repair dirty image");
                ret = ret < 0 ? ret : -EIO;
                goto fail;
            }
            ret = qcow2_mark_clean(bs);
            if (ret < 0) {
                error_setg_errno(errp, -ret, "Could not update qcow2 header");
                goto fail;
            }
        }
        ret = qcow2_bitmaps_open_rw(bs, errp);
        if (ret < 0) {
            goto fail;
        }
    }
    return 0;

fail:
    g_free(hdr);
    qcow2_free_state(s);
    memset(s, 0, sizeof(*s));
    return ret;
}

static int qcow2_flush_caches(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    if (s->read_only) {
        return 0;
    }
    int ret = qcow2_cache_flush(bs, s->refcount_cache);
    if (ret < 0) {
        return ret;
    }
    return qcow2_cache_flush(bs, s->l2_cache);
}

static void qcow2_close(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    if (!s->read_only && s->l2_cache) {
        /* A failure leaves the bitmaps flagged in use: safe. */
        qcow2_bitmaps_store(bs, NULL);
        if (qcow2_flush_caches(bs) == 0 && s->dirty_set_by_us) {
            qcow2_mark_clean(bs);
        }
    }
    qcow2_free_state(s);
}

static int qcow2_flush(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    if (!s->read_only && s->dirty_set_by_us) {
        /* Lazy refcounts: the tables are what must survive a crash; the
         * refcount blocks wait for eviction or close (as QEMU). */
        return qcow2_cache_flush(bs, s->l2_cache);
    }
    return qcow2_flush_caches(bs);
}

static int64_t qcow2_getlength(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    return (int64_t)s->size;
}

/*
 * Read guest data.  With @drop_lock (a request from the block layer, which
 * holds bs->lock for us) the lookups run under the lock and the transfers
 * of plain data clusters and of backing data without it, so requests of
 * several threads overlap their I/O as QEMU's coroutines do.  Encrypted
 * and compressed clusters use per-image buffers and stay under the lock.
 */
static int read_clusters(BlockDriverState *bs, int64_t offset, int64_t bytes,
                         uint8_t *buf, bool drop_lock)
{
    BDRVQcow2State *s = bs->opaque;
    while (bytes > 0) {
        uint64_t n = bytes;
        uint64_t e;
        Qcow2ClusterType ty;
        int ret = qcow2_get_host_offset(bs, offset, &n, &e, &ty);
        if (ret < 0) {
            return ret;
        }
        uint64_t in_cluster = offset_into_cluster(s, offset);
        switch (ty) {
        case QCOW2_CLUSTER_UNALLOCATED:
        case QCOW2_SUBCLUSTER_UNALLOCATED_ALLOC:
            if (bs->backing) {
                int64_t blen = bdrv_getlength(bs->backing);
                if (blen < 0) {
                    return (int)blen;
                }
                uint64_t avail = offset < blen ? MIN(n, (uint64_t)(blen - offset))
                                               : 0;
                if (avail && drop_lock) {
                    bdrv_data_io_begin(bs);
                    ret = bdrv_pread(bs->backing, offset, avail, buf, 0);
                    bdrv_data_io_end(bs);
                } else if (avail) {
                    ret = bdrv_pread(bs->backing, offset, avail, buf, 0);
                    if (ret < 0) {
                        return ret;
                    }
                }
                memset(buf + avail, 0, n - avail);
            } else {
                memset(buf, 0, n);
            }
            break;
        case QCOW2_CLUSTER_ZERO_PLAIN:
        case QCOW2_CLUSTER_ZERO_ALLOC:
            memset(buf, 0, n);
            break;
        case QCOW2_CLUSTER_NORMAL:
            if (s->crypto || s->legacy_aes) {
                ret = qcow2_crypto_pread(bs, (e & L2E_OFFSET_MASK) + in_cluster,
                                         offset, n, buf);
            } else if (drop_lock) {
                BlockDriverState *data = qcow2_data_bs(bs);
                bdrv_data_io_begin(bs);
                ret = bdrv_pread(data, (e & L2E_OFFSET_MASK) + in_cluster, n,
                                 buf, 0);
                bdrv_data_io_end(bs);
            } else {
                ret = bdrv_pread(qcow2_data_bs(bs),
                                 (e & L2E_OFFSET_MASK) + in_cluster, n, buf, 0);
            }
            if (ret < 0) {
                return ret;
            }
            break;
        case QCOW2_CLUSTER_COMPRESSED:
            if (s->crypt_method) {
                qcow2_signal_corruption(bs, "Compressed cluster in an "
                                        "encrypted image");
                return -EIO;
            }
            ret = qcow2_decompress_cluster(bs, e);
            if (ret < 0) {
                return ret;
            }
            memcpy(buf, s->cluster_cache + in_cluster, n);
            break;
        }
        offset += n;
        bytes -= n;
        buf += n;
    }
    return 0;
}

int qcow2_pread_internal(BlockDriverState *bs, int64_t offset, int64_t bytes,
                         uint8_t *buf)
{
    return read_clusters(bs, offset, bytes, buf, false);
}

static int qcow2_pread(BlockDriverState *bs, int64_t offset, int64_t bytes,
                       void *buf, int flags)
{
    return read_clusters(bs, offset, bytes, buf, true);
}

/* Every guest-visible change passes here: the bitmaps see it first. */
static int qcow2_prepare_write(BlockDriverState *bs, int64_t offset,
                               int64_t bytes)
{
    BDRVQcow2State *s = bs->opaque;
    if (s->corrupt) {
        return -EIO;
    }
    qcow2_bitmaps_set_dirty(bs, offset, bytes);
    return 0;
}

static int qcow2_pwrite(BlockDriverState *bs, int64_t offset, int64_t bytes,
                        const void *buf, int flags)
{
    BDRVQcow2State *s = bs->opaque;
    int ret = qcow2_prepare_write(bs, offset, bytes);
    if (ret < 0) {
        return ret;
    }
    s->cluster_cache_offset = -1;
    return qcow2_write_clusters_parallel(bs, offset, bytes, buf);
}

/* Write literal zeros over [offset, offset+bytes) (partial clusters). */
static int write_zero_data(BlockDriverState *bs, uint64_t offset,
                           uint64_t bytes)
{
    uint8_t *zeros = g_malloc0(bytes);
    int ret = qcow2_write_clusters(bs, offset, bytes, zeros);
    g_free(zeros);
    return ret;
}

/*
 * Extended L2: whole clusters as usual, whole subclusters through the
 * bitmap, and literal zeros only for the sub-subcluster edges.
 */
/* Does [offset, offset+bytes) read as zeros without reading data? */
static int range_reads_zero(BlockDriverState *bs, uint64_t offset,
                            uint64_t bytes, bool *zero)
{
    BDRVQcow2State *s = bs->opaque;
    *zero = true;
    bytes = offset < s->size ? MIN(bytes, s->size - offset) : 0;
    while (bytes && *zero) {
        uint64_t n = bytes, e;
        Qcow2ClusterType ty;
        int ret = qcow2_get_host_offset(bs, offset, &n, &e, &ty);
        if (ret < 0) {
            return ret;
        }
        *zero = ty == QCOW2_CLUSTER_ZERO_PLAIN || ty == QCOW2_CLUSTER_ZERO_ALLOC ||
                (!qcow2_has_backing(bs) && (ty == QCOW2_CLUSTER_UNALLOCATED ||
                                  ty == QCOW2_SUBCLUSTER_UNALLOCATED_ALLOC));
        offset += n;
        bytes -= n;
    }
    return 0;
}

/*
 * Zeros for [offset, offset+bytes) inside one subcluster (one cluster
 * without extended L2): when the rest of it reads as zeros already, the
 * whole unit becomes a zero (sub)cluster, as QEMU does; otherwise zeros
 * are written.
 */
static int zero_partial_subcluster(BlockDriverState *bs, uint64_t offset,
                                   uint64_t bytes, int flags)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t scs = 1ULL << s->subcluster_bits;
    if (s->version < 3 && qcow2_has_backing(bs)) {
        return write_zero_data(bs, offset, bytes);  /* no zero clusters */
    }
    uint64_t start = offset & ~(scs - 1), end = offset + bytes;
    bool head_zero, tail_zero = false;
    int ret = range_reads_zero(bs, start, offset - start, &head_zero);
    if (ret == 0 && head_zero) {
        ret = range_reads_zero(bs, end, start + scs - end, &tail_zero);
    }
    if (ret < 0) {
        return ret;
    }
    if (head_zero && tail_zero) {
        /* v2 without backing: an unallocated cluster reads as zeros. */
        ret = s->extended_l2 ? qcow2_zero_subclusters(bs, start, scs)
              : s->version < 3 ? qcow2_discard_clusters(bs, start, scs, true)
                               : qcow2_zero_clusters(bs, start, scs, flags);
        if (ret != -ENOTSUP) {
            return ret;
        }
    }
    return write_zero_data(bs, offset, bytes);
}

static int pwrite_zeroes_ext(BlockDriverState *bs, uint64_t offset,
                             uint64_t bytes, int flags)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t cs = s->cluster_size, scs = 1ULL << s->subcluster_bits;
    uint64_t end = offset + bytes;
    uint64_t astart = ROUND_UP(offset, scs);
    uint64_t aend = end == s->size ? ROUND_UP(end, scs) : end & ~(scs - 1);
    int ret = 0;
    if (astart >= aend) {
        /* One subcluster, or the pieces of two neighbours. */
        uint64_t mid = MIN(astart, end);
        ret = zero_partial_subcluster(bs, offset, mid - offset, flags);
        if (ret == 0 && mid < end) {
            ret = zero_partial_subcluster(bs, mid, end - mid, flags);
        }
        return ret;
    }
    if (offset < astart) {
        ret = zero_partial_subcluster(bs, offset, astart - offset, flags);
    }
    for (uint64_t o = astart; o < aend && ret == 0;) {
        uint64_t cend = MIN((o | (cs - 1)) + 1, aend);
        if (!offset_into_cluster(s, o) && cend - o == cs) {
            /* Whole clusters: as many as there are in a row. */
            uint64_t n = (aend - o) & ~(cs - 1);
            ret = qcow2_zero_clusters(bs, o, n, flags);
            o += n;
            continue;
        }
        if (cend == aend && aend > s->size) {
            cend = aend;    /* last, partial cluster of the image */
        }
        ret = qcow2_zero_subclusters(bs, o, cend - o);
        if (ret == -ENOTSUP) {
            ret = write_zero_data(bs, o, MIN(cend, s->size) - o);
        }
        o = cend;
    }
    if (ret == 0 && aend < end) {
        ret = zero_partial_subcluster(bs, aend, end - aend, flags);
    }
    return ret;
}

static int qcow2_pwrite_zeroes(BlockDriverState *bs, int64_t offset,
                               int64_t bytes, int flags)
{
    BDRVQcow2State *s = bs->opaque;
    int ret = qcow2_prepare_write(bs, offset, bytes);
    if (ret < 0) {
        return ret;
    }
    s->cluster_cache_offset = -1;
    if (s->extended_l2) {
        return pwrite_zeroes_ext(bs, offset, bytes, flags);
    }
    uint64_t cs = s->cluster_size;
    uint64_t end = offset + bytes;
    uint64_t astart = (offset + cs - 1) & ~(cs - 1);
    uint64_t aend = end == s->size ? (end + cs - 1) & ~(cs - 1) : end & ~(cs - 1);
    if (astart >= aend) {
        /* Inside one cluster, or the edges of two neighbours. */
        uint64_t mid = MIN(astart, end);
        ret = zero_partial_subcluster(bs, offset, mid - offset, flags);
        if (ret == 0 && mid < end) {
            ret = zero_partial_subcluster(bs, mid, end - mid, flags);
        }
        return ret;
    }
    if ((uint64_t)offset < astart) {
        ret = zero_partial_subcluster(bs, offset, astart - offset, flags);
        if (ret < 0) {
            return ret;
        }
    }
    if (s->version >= 3) {
        ret = qcow2_zero_clusters(bs, astart, aend - astart, flags);
    } else if (!qcow2_has_backing(bs)) {
        /* v2 without backing: unallocated reads as zero, so discard. */
        ret = qcow2_discard_clusters(bs, astart, aend - astart, true);
    } else {
        /* v2 has no zero flag: unallocated reads as zero without backing. */
        for (uint64_t o = astart; o < aend && ret == 0; o += cs) {
            uint64_t n = MIN(cs, s->size - o);
            uint64_t got = n, e;
            Qcow2ClusterType ty;
            ret = qcow2_get_host_offset(bs, o, &got, &e, &ty);
            if (ret == 0 && (ty != QCOW2_CLUSTER_UNALLOCATED || qcow2_has_backing(bs))) {
                ret = write_zero_data(bs, o, n);
            }
        }
    }
    if (ret < 0) {
        return ret;
    }
    if (aend < end) {
        ret = zero_partial_subcluster(bs, aend, end - aend, flags);
    }
    return ret;
}

static int qcow2_pdiscard(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
    BDRVQcow2State *s = bs->opaque;
    int ret = qcow2_prepare_write(bs, offset, bytes);
    if (ret < 0) {
        return ret;
    }
    s->cluster_cache_offset = -1;
    /* Only whole clusters (or the tail cluster at the end of the image). */
    uint64_t start = (offset + s->cluster_size - 1) &
                     ~(uint64_t)(s->cluster_size - 1);
    uint64_t end = offset + bytes;
    if (end == s->size) {
        end = (end + s->cluster_size - 1) & ~(uint64_t)(s->cluster_size - 1);
    } else {
        end = start_of_cluster(s, end);
    }
    if (start >= end) {
        return 0;
    }
    return qcow2_discard_clusters(bs, start, end - start, false);
}

static int qcow2_pwrite_precompressed(BlockDriverState *bs, int64_t offset,
                                      int64_t bytes, const void *raw,
                                      const void *cdata, int clen)
{
    BDRVQcow2State *s = bs->opaque;
    int ret = qcow2_prepare_write(bs, offset, bytes);
    if (ret < 0) {
        return ret;
    }
    if (offset_into_cluster(s, offset) || bytes > s->cluster_size ||
        (bytes < s->cluster_size && offset + bytes != (int64_t)s->size)) {
        return -EINVAL;  /* whole clusters (only the last may be partial) */
    }
    s->cluster_cache_offset = -1;
    if (clen > 0 && (s->crypt_method || qcow2_has_data_file(s))) {
        return -ENOTSUP;
    }
    if (clen > 0) {
        return qcow2_write_compressed_cluster(bs, offset, cdata, clen);
    }
    return qcow2_write_clusters(bs, offset, bytes, raw);
}

static int qcow2_pwrite_compressed(BlockDriverState *bs, int64_t offset,
                                   int64_t bytes, const void *buf)
{
    BDRVQcow2State *s = bs->opaque;
    if (offset_into_cluster(s, offset)) {
        return -EINVAL;
    }
    if (s->crypt_method || qcow2_has_data_file(s)) {
        return -ENOTSUP;
    }
    uint8_t *out = g_malloc(s->cluster_size);
    const uint8_t *p = buf;
    int ret = 0;
    while (bytes > 0 && ret == 0) {
        int64_t n = MIN(bytes, (int64_t)s->cluster_size);
        int clen = qcow2_compress_cluster(bs, p, n, out, s->cluster_size);
        if (clen < 0) {
            ret = clen;
            break;
        }
        ret = qcow2_pwrite_precompressed(bs, offset, n, p, out, clen);
        offset += n;
        bytes -= n;
        p += n;
    }
    g_free(out);
    return ret;
}

static int qcow2_block_status(BlockDriverState *bs, int64_t offset,
                              int64_t bytes, int64_t *pnum, int64_t *map,
                              BlockDriverState **file)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t n = bytes;
    uint64_t e;
    Qcow2ClusterType ty;
    int ret = qcow2_get_host_offset(bs, offset, &n, &e, &ty);
    if (ret < 0) {
        return ret;
    }
    *pnum = n;
    switch (ty) {
    case QCOW2_CLUSTER_UNALLOCATED:
        return 0;
    case QCOW2_SUBCLUSTER_UNALLOCATED_ALLOC:
        /* As QEMU: not allocated here, but the host place is known. */
        if (s->crypt_method) {
            return 0;
        }
        *map = (e & L2E_OFFSET_MASK) + offset_into_cluster(s, offset);
        *file = qcow2_data_bs(bs);
        return BDRV_BLOCK_OFFSET_VALID;
    case QCOW2_CLUSTER_ZERO_PLAIN:
        return BDRV_BLOCK_ZERO;
    case QCOW2_CLUSTER_ZERO_ALLOC:
        if (s->crypt_method) {
            return BDRV_BLOCK_ZERO;     /* host bytes are not guest bytes */
        }
        *map = (e & L2E_OFFSET_MASK) + offset_into_cluster(s, offset);
        *file = qcow2_data_bs(bs);
        return BDRV_BLOCK_ZERO | BDRV_BLOCK_OFFSET_VALID;
    case QCOW2_CLUSTER_COMPRESSED:
        return BDRV_BLOCK_DATA | BDRV_BLOCK_COMPRESSED;
    case QCOW2_CLUSTER_NORMAL:
    default:
        if (s->crypt_method) {
            return BDRV_BLOCK_DATA;
        }
        *map = (e & L2E_OFFSET_MASK) + offset_into_cluster(s, offset);
        *file = qcow2_data_bs(bs);
        return BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET_VALID;
    }
}

/*
 * Upper bound of the host bytes that preallocating the guest range
 * [old, new) can allocate: its data clusters plus the L2 tables, refcount
 * blocks and table copies that may come with them, with some slack.
 */
static uint64_t qcow2_prealloc_bound(BDRVQcow2State *s, uint64_t old,
                                     uint64_t new)
{
    uint64_t cs = (uint64_t)s->cluster_size;
    uint64_t data = (new - start_of_cluster(s, old) + cs - 1) / cs + 1;
    uint64_t l2 = data / (uint64_t)s->l2_size + 2;
    uint64_t per_rb = 1ULL << s->refcount_block_bits;
    uint64_t rb = (data + l2) / per_rb + 2;
    uint64_t l1 = ((new >> (s->cluster_bits + s->l2_bits)) + 1) * 8 / cs + 2;
    uint64_t rt = rb * 8 / cs + 2;
    return (data + l2 + rb + l1 + rt + 8) * cs;
}

/*
 * After preallocating into a file grown by qcow2_prealloc_bound(), cut the
 * unused reserve: keep everything up to the last cluster in use (and at
 * least the length the file had before, @from).
 */
static int qcow2_trim_reserve(BlockDriverState *bs, int64_t from)
{
    BDRVQcow2State *s = bs->opaque;
    int64_t flen = qcow2_file_length(bs);
    if (flen < 0) {
        return (int)flen;
    }
    uint64_t first = ((uint64_t)from + s->cluster_size - 1) >> s->cluster_bits;
    uint64_t end = first;
    for (uint64_t c = (uint64_t)flen >> s->cluster_bits; c > first; c--) {
        uint64_t rc;
        int ret = qcow2_get_refcount(bs, c - 1, &rc);
        if (ret < 0) {
            return ret;
        }
        if (rc) {
            end = c;
            break;
        }
    }
    int64_t keep = MAX(from, (int64_t)(end << s->cluster_bits));
    if (keep >= flen) {
        return 0;
    }
    return bdrv_truncate(bs->file, keep, true, PREALLOC_MODE_OFF, NULL);
}

static int qcow2_truncate(BlockDriverState *bs, int64_t offset, bool exact,
                          PreallocMode prealloc, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    if (s->corrupt) {
        error_setg(errp, "Image is corrupt; cannot be resized");
        return -EIO;
    }
    if (s->nb_snapshots && (uint64_t)offset < s->size) {
        error_setg(errp, "Can't shrink an image with internal snapshots");
        return -ENOTSUP;
    }
    uint64_t old = s->size;
    int ret = qcow2_bitmaps_can_resize(bs, errp);
    if (ret < 0) {
        return ret;
    }
    if ((uint64_t)offset < old) {
        if (prealloc != PREALLOC_MODE_OFF) {
            error_setg(errp, "Preallocation can't be used for shrinking an "
                       "image");
            return -EINVAL;
        }
        /* Free every cluster past the new end. */
        uint64_t start = (offset + s->cluster_size - 1) &
                         ~(uint64_t)(s->cluster_size - 1);
        uint64_t end = (old + s->cluster_size - 1) &
                       ~(uint64_t)(s->cluster_size - 1);
        if (start < end) {
            ret = qcow2_discard_clusters(bs, start, end - start, true);
            if (ret < 0) {
                error_setg_errno(errp, -ret, "Failed to discard cropped "
                                 "clusters");
                return ret;
            }
        }
        /* Zero the tail of a now-partial last cluster. */
        if (offset_into_cluster(s, offset)) {
            uint64_t tail = start - offset;
            uint8_t *zeros = g_malloc0(tail);
            s->size = start;
            uint64_t n = tail, e;
            Qcow2ClusterType ty;
            ret = qcow2_get_host_offset(bs, offset, &n, &e, &ty);
            if (ret == 0 && ty != QCOW2_CLUSTER_UNALLOCATED &&
                ty != QCOW2_CLUSTER_ZERO_PLAIN) {
                ret = qcow2_write_clusters(bs, offset, tail, zeros);
            }
            s->size = old;
            g_free(zeros);
            if (ret < 0) {
                error_setg_errno(errp, -ret, "Failed to zero the new tail");
                return ret;
            }
        }
        /* Drop L2 tables wholly past the end. */
        uint64_t l2_span = 1ULL << (s->cluster_bits + s->l2_bits);
        uint64_t new_l1 = (offset + l2_span - 1) / l2_span;
        ret = qcow2_flush_caches(bs);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Failed to flush metadata");
            return ret;
        }
        for (uint64_t i = new_l1; i < s->l1_size; i++) {
            uint64_t l2 = s->l1_table[i] & L1E_OFFSET_MASK;
            if (l2) {
                s->l1_table[i] = 0;
                ret = qcow2_write_l1_entry(bs, (int)i);
                if (ret < 0) {
                    error_setg_errno(errp, -ret, "Failed to update L1 table");
                    return ret;
                }
                qcow2_cache_discard(s->l2_cache, l2);
                qcow2_free_clusters(bs, l2, s->cluster_size);
            }
        }
    } else {
        uint64_t l2_span = 1ULL << (s->cluster_bits + s->l2_bits);
        uint64_t need = (offset + l2_span - 1) / l2_span;
        ret = qcow2_grow_l1_table(bs, need);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Failed to grow the L1 table");
            return ret;
        }
    }
    /*
     * falloc/full: reserve the host space first, so that running out of
     * it fails before any metadata or the size changes (the file layer
     * restores its old length), as QEMU's truncate does.
     */
    int64_t reserved_from = -1;
    if (s->data_file) {
        /* Data lives there: it takes the new size (and the allocation). */
        Error *ferr = NULL;
        bool alloc = (uint64_t)offset > old &&
                     (prealloc == PREALLOC_MODE_FALLOC ||
                      prealloc == PREALLOC_MODE_FULL);
        ret = bdrv_truncate(s->data_file, offset, true,
                            alloc ? prealloc : PREALLOC_MODE_OFF, &ferr);
        if (ret < 0) {
            error_propagate(errp, ferr);
            error_prepend(errp, "Failed to resize the data file: ");
            return ret;
        }
        if (qcow2_data_file_is_raw(s) && prealloc == PREALLOC_MODE_OFF) {
            prealloc = PREALLOC_MODE_METADATA;  /* keep every cluster mapped */
        }
    } else if ((uint64_t)offset > old && (prealloc == PREALLOC_MODE_FALLOC ||
                                          prealloc == PREALLOC_MODE_FULL)) {
        int64_t flen = qcow2_file_length(bs);
        if (flen < 0) {
            error_setg_errno(errp, (int)-flen, "Failed to get file length");
            return (int)flen;
        }
        uint64_t bound = qcow2_prealloc_bound(s, old, offset);
        Error *ferr = NULL;
        ret = bdrv_truncate(bs->file, flen + (int64_t)bound, true, prealloc,
                            &ferr);
        if (ret < 0) {
            error_propagate(errp, ferr);
            error_prepend(errp, "Failed to resize underlying file: ");
            return ret;
        }
        reserved_from = flen;
    }
    ret = bdrv_flush(bs->file);
    if (ret == 0) {
        ret = qcow2_update_header_fields(bs, QH_SIZE, 8, offset);
    }
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Failed to update the image size");
        return ret;
    }
    s->size = offset;
    qcow2_bitmaps_resized(bs, old);
    if ((uint64_t)offset > old && prealloc != PREALLOC_MODE_OFF) {
        ret = qcow2_preallocate(bs, old, offset - old);
        if (ret == 0) {
            ret = qcow2_flush_caches(bs);
        }
        if (ret == 0 && !s->data_file) {
            int64_t flen = qcow2_file_length(bs);
            /* Data clusters were allocated at the end of the file. */
            uint64_t host_end = 0;
            for (uint64_t o = start_of_cluster(s, old); o < (uint64_t)offset;) {
                uint64_t n = offset - o, e;
                Qcow2ClusterType ty;
                ret = qcow2_get_host_offset(bs, o, &n, &e, &ty);
                if (ret < 0) {
                    break;
                }
                if (ty == QCOW2_CLUSTER_NORMAL ||
                    ty == QCOW2_SUBCLUSTER_UNALLOCATED_ALLOC) {
                    host_end = MAX(host_end, (e & L2E_OFFSET_MASK) +
                                   ((n + s->cluster_size - 1) &
                                    ~(uint64_t)(s->cluster_size - 1)));
                }
                o += n;
            }
            if (ret == 0 && host_end > (uint64_t)flen) {
                Error *ferr = NULL;
                ret = bdrv_truncate(bs->file, host_end, true,
                                    prealloc == PREALLOC_MODE_METADATA
                                    ? PREALLOC_MODE_OFF : prealloc, &ferr);
                if (ret < 0) {
                    error_propagate(errp, ferr);
                    error_prepend(errp, "Failed to resize underlying file: ");
                    return ret;
                }
            }
        }
        if (ret == 0 && reserved_from >= 0) {
            ret = qcow2_trim_reserve(bs, reserved_from);
        }
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Failed to preallocate");
            return ret;
        }
    }
    return 0;
}

static int64_t qcow2_get_allocated_file_size(BlockDriverState *bs)
{
    int64_t total = bdrv_get_allocated_file_size(bs->file);
    return total;
}

static int qcow2_get_info(BlockDriverState *bs, BlockDriverInfo *bdi)
{
    BDRVQcow2State *s = bs->opaque;
    bdi->cluster_size = s->cluster_size;
    bdi->is_dirty = s->incompatible_features & QCOW2_INCOMPAT_DIRTY;
    bdi->is_encrypted = s->crypt_method != QCOW_CRYPT_NONE;
    uint64_t l2_span = 1ULL << (s->cluster_bits + s->l2_bits);
    bdi->vm_state_offset = (int64_t)((s->size + l2_span - 1) / l2_span * l2_span);
    return 0;
}

static InfoNode *qcow2_get_specific_info(BlockDriverState *bs, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    InfoNode *d = info_new_dict();
    if (s->version == 2) {
        info_add_str(d, "compat", "0.10");
        info_add_str(d, "compression-type", "zlib");
        info_add_int(d, "refcount-bits", 1 << s->refcount_order);
        if (s->crypt_method) {
            info_add_node(d, "encrypt", qcow2_crypto_info(bs));
        }
    } else {
        info_add_str(d, "compat", "1.1");
        info_add_str(d, "compression-type",
                     qcow2_compression_type_name(s->compression_type));
        info_add_bool(d, "lazy-refcounts",
                      s->compatible_features & QCOW2_COMPAT_LAZY_REFCOUNTS);
        qcow2_bitmaps_info(bs, d);
        info_add_int(d, "refcount-bits", 1 << s->refcount_order);
        qcow2_data_file_info(bs, d);
        if (s->crypt_method) {
            info_add_node(d, "encrypt", qcow2_crypto_info(bs));
        }
        qcow2_data_file_info_raw(bs, d);    /* QEMU's order */
        info_add_bool(d, "corrupt", s->corrupt);
        info_add_bool(d, "extended-l2", s->extended_l2);
    }
    return d;
}


BlockDriver bdrv_qcow2 = {
    .format_name = "qcow2",
    .co_yields = true,
    .instance_size = sizeof(BDRVQcow2State),
    .supports_backing = true,
    .has_zero_init = true,
    .probe = qcow2_probe,
    .open = qcow2_open,
    .close = qcow2_close,
    .runtime_opts = &qcow2_runtime_opts,
    .create = qcow2_create,
    .create_opts = &qcow2_create_opts,
    .pread = qcow2_pread,
    .pwrite = qcow2_pwrite,
    .pwrite_compressed = qcow2_pwrite_compressed,
    .compress_cluster = qcow2_compress_cluster,
    .pwrite_precompressed = qcow2_pwrite_precompressed,
    .pwrite_zeroes = qcow2_pwrite_zeroes,
    .pdiscard = qcow2_pdiscard,
    .flush = qcow2_flush,
    .truncate = qcow2_truncate,
    .getlength = qcow2_getlength,
    .get_allocated_file_size = qcow2_get_allocated_file_size,
    .block_status = qcow2_block_status,
    .get_info = qcow2_get_info,
    .get_specific_info = qcow2_get_specific_info,
    .check = qcow2_check,
    .snapshot_list = qcow2_snapshot_list,
    .snapshot_load_tmp = qcow2_snapshot_load_tmp,
    .snapshot_create = qcow2_snapshot_create,
    .snapshot_goto = qcow2_snapshot_goto,
    .snapshot_delete = qcow2_snapshot_delete,
    .measure = qcow2_measure,
    .change_backing_file = qcow2_change_backing_file,
    .make_empty = qcow2_make_empty,
    .amend = qcow2_amend,
    .amend_opts = &qcow2_amend_opts,
    .bitmap_ops = &qcow2_bitmap_ops,
};
