/*
 * qcow2 image creation and whole-header rewrites.
 *
 * A new image is laid out as QEMU lays it out: header in cluster 0, the
 * refcount table in cluster 1, the first refcount block in cluster 2; the
 * image is then opened with our own driver and grown to its size, which
 * allocates the L1 table (cluster 3 onwards) and any preallocation through
 * the ordinary, crash-safe allocation paths.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "qcow2.h"
#include "qemu/bswap.h"
#include "qemu/cutils.h"

const QemuOptsList qcow2_create_opts = {
    .name = "qcow2-create-opts",
    .desc = {
        /* In QEMU's order: the "Formatting ..." line prints in this order. */
        { "encryption", QEMU_OPT_BOOL,
          "Encrypt the image with format 'aes'. (Deprecated in favor of "
          "encrypt.format=aes)" },
        { "encrypt.format", QEMU_OPT_STRING,
          "Encrypt the image, format choices: 'aes', 'luks'" },
        { "encrypt.key-secret", QEMU_OPT_STRING,
          "ID of secret providing qcow AES key or LUKS passphrase" },
        { "encrypt.cipher-alg", QEMU_OPT_STRING,
          "Name of encryption cipher algorithm" },
        { "encrypt.cipher-mode", QEMU_OPT_STRING,
          "Name of encryption cipher mode" },
        { "encrypt.ivgen-alg", QEMU_OPT_STRING,
          "Name of IV generator algorithm" },
        { "encrypt.ivgen-hash-alg", QEMU_OPT_STRING,
          "Name of IV generator hash algorithm" },
        { "encrypt.hash-alg", QEMU_OPT_STRING,
          "Name of encryption hash algorithm" },
        { "encrypt.iter-time", QEMU_OPT_NUMBER,
          "Time to spend in PBKDF in milliseconds" },
        { BLOCK_OPT_CLUSTER_SIZE, QEMU_OPT_SIZE, "qcow2 cluster size", "65536" },
        { BLOCK_OPT_EXTL2, QEMU_OPT_BOOL, "Extended L2 tables", "off" },
        { BLOCK_OPT_PREALLOC, QEMU_OPT_STRING,
          "Preallocation mode (allowed values: off, metadata, falloc, full)" },
        { BLOCK_OPT_COMPRESSION_TYPE, QEMU_OPT_STRING,
          "Compression method used for image cluster compression", "zlib" },
        { BLOCK_OPT_SIZE, QEMU_OPT_SIZE, "Virtual disk size" },
        { BLOCK_OPT_COMPAT_LEVEL, QEMU_OPT_STRING,
          "Compatibility level (v2 [0.10] or v3 [1.1])" },
        { BLOCK_OPT_BACKING_FILE, QEMU_OPT_STRING,
          "File name of a base image" },
        { BLOCK_OPT_BACKING_FMT, QEMU_OPT_STRING,
          "Image format of the base image" },
        { "data_file", QEMU_OPT_STRING,
          "File name of an external data file" },
        { "data_file_raw", QEMU_OPT_BOOL,
          "The external data file must stay valid as a raw image" },
        { BLOCK_OPT_LAZY_REFCOUNTS, QEMU_OPT_BOOL,
          "Postpone refcount updates", "off" },
        { BLOCK_OPT_REFCOUNT_BITS, QEMU_OPT_NUMBER,
          "Width of a reference count entry in bits", "16" },
        { NULL },
    },
};

static const struct {
    uint8_t type;
    uint8_t bit;
    const char *name;
} feature_names[] = {
    { 0, 0, "dirty bit" },
    { 0, 1, "corrupt bit" },
    { 0, 2, "external data file" },
    { 0, 3, "compression type" },
    { 0, 4, "extended L2 entries" },
    { 1, 0, "lazy refcounts" },
    { 2, 0, "bitmaps" },
    { 2, 1, "raw external data" },
};

static size_t put_ext(uint8_t *buf, size_t off, uint32_t magic,
                      const void *data, uint32_t len)
{
    stl_be_p(buf + off, magic);
    stl_be_p(buf + off + 4, len);
    memcpy(buf + off + 8, data, len);
    return off + 8 + ((len + 7) & ~7u);
}

/*
 * Serialise the first cluster from @s with the given backing link.  Returns
 * the number of bytes used, or -ENOSPC if it does not fit in a cluster.
 */
static int64_t build_header(BDRVQcow2State *s, uint8_t *buf,
                            const char *backing, const char *backing_fmt)
{
    memset(buf, 0, s->cluster_size);
    stl_be_p(buf, QCOW_MAGIC);
    stl_be_p(buf + QH_VERSION, s->version);
    stl_be_p(buf + QH_CLUSTER_BITS, s->cluster_bits);
    stq_be_p(buf + QH_SIZE, s->size);
    stl_be_p(buf + QH_CRYPT_METHOD, s->crypt_method);
    stl_be_p(buf + QH_L1_SIZE, s->l1_size);
    stq_be_p(buf + QH_L1_OFFSET, s->l1_table_offset);
    stq_be_p(buf + QH_REFTABLE_OFFSET, s->refcount_table_offset);
    stl_be_p(buf + QH_REFTABLE_CLUSTERS, s->refcount_table_clusters);
    stl_be_p(buf + QH_NB_SNAPSHOTS, s->nb_snapshots);
    stq_be_p(buf + QH_SNAPSHOTS_OFFSET, s->snapshots_offset);
    size_t off;
    if (s->version >= 3) {
        stq_be_p(buf + QH_INCOMPAT, s->incompatible_features);
        stq_be_p(buf + QH_COMPAT, s->compatible_features);
        stq_be_p(buf + QH_AUTOCLEAR, s->autoclear_features);
        stl_be_p(buf + QH_REFCOUNT_ORDER, s->refcount_order);
        stl_be_p(buf + QH_HEADER_LENGTH, QCOW2_V3_HEADER_LEN_CT);
        buf[QH_COMPRESSION_TYPE] = s->compression_type;
        off = QCOW2_V3_HEADER_LEN_CT;
    } else {
        off = QCOW2_V2_HEADER_LEN;
    }
    size_t fmt_len = backing && backing_fmt ? strlen(backing_fmt) : 0;
    size_t need = off + 8 + (backing ? strlen(backing) : 0);
    if (fmt_len) {
        need += 8 + ((fmt_len + 7) & ~7u);
    }
    if (s->crypto_header_length) {
        need += 8 + 16;
    }
    if (s->data_file_name) {
        need += 8 + ((strlen(s->data_file_name) + 7) & ~7u);
    }
    for (int i = 0; i < s->nb_unknown_exts; i++) {
        need += 8 + ((s->unknown_exts[i].len + 7) & ~7u);
    }
    if (need > (size_t)s->cluster_size) {
        return -ENOSPC;
    }
    /* The feature name table is optional: only where it fits. */
    bool with_table = s->version >= 3 &&
        need + 8 + G_N_ELEMENTS(feature_names) * 48 <= (size_t)s->cluster_size;
    if (backing && backing_fmt && backing_fmt[0]) {
        off = put_ext(buf, off, QCOW2_EXT_BACKING_FMT, backing_fmt,
                      (uint32_t)strlen(backing_fmt));
    }
    if (s->data_file_name) {
        off = put_ext(buf, off, QCOW2_EXT_DATA_FILE, s->data_file_name,
                      (uint32_t)strlen(s->data_file_name));
    }
    if (s->crypto_header_length) {
        uint8_t ext[16];
        stq_be_p(ext, s->crypto_header_offset);
        stq_be_p(ext + 8, s->crypto_header_length);
        off = put_ext(buf, off, QCOW2_EXT_CRYPTO, ext, sizeof(ext));
    }
    if (with_table) {
        uint8_t table[G_N_ELEMENTS(feature_names) * 48];
        memset(table, 0, sizeof(table));
        for (size_t i = 0; i < G_N_ELEMENTS(feature_names); i++) {
            table[i * 48] = feature_names[i].type;
            table[i * 48 + 1] = feature_names[i].bit;
            memcpy(table + i * 48 + 2, feature_names[i].name,
                   strlen(feature_names[i].name));
        }
        off = put_ext(buf, off, QCOW2_EXT_FEATURE_TABLE, table, sizeof(table));
    }
    for (int i = 0; i < s->nb_unknown_exts; i++) {
        off = put_ext(buf, off, s->unknown_exts[i].magic,
                      s->unknown_exts[i].data, s->unknown_exts[i].len);
    }
    off += 8;   /* end-of-extensions marker (zeros) */
    if (backing && backing[0]) {
        size_t blen = strlen(backing);
        stq_be_p(buf + QH_BACKING_OFFSET, off);
        stl_be_p(buf + QH_BACKING_SIZE, (uint32_t)blen);
        memcpy(buf + off, backing, blen);
        off += blen;
    }
    return (int64_t)off;
}

int qcow2_change_backing_file(BlockDriverState *bs, const char *file,
                              const char *fmt, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    if (file && strlen(file) > QCOW_MAX_BACKING_FILE) {
        error_setg(errp, "Backing file name too long");
        return -EINVAL;
    }
    if (fmt && strlen(fmt) >= sizeof(bs->backing_format)) {
        error_setg(errp, "Backing format name too long");
        return -EINVAL;
    }
    uint8_t *buf = g_malloc(s->cluster_size);
    int64_t len = build_header(s, buf, file, fmt);
    int ret;
    if (len < 0) {
        error_setg(errp, "Header does not fit in one cluster");
        ret = (int)len;
        goto out;
    }
    ret = bdrv_flush(bs);
    if (ret == 0) {
        ret = bdrv_pwrite(bs->file, 0, len, buf, 0);
    }
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not update the qcow2 header");
    }
out:
    g_free(buf);
    return ret;
}

/* Rewrite the first cluster from the open state (same backing link). */
int qcow2_rewrite_header(BlockDriverState *bs, Error **errp)
{
    return qcow2_change_backing_file(bs, bs->backing_file[0] ?
                                     bs->backing_file : NULL,
                                     bs->backing_format[0] ?
                                     bs->backing_format : NULL, errp);
}

static int parse_create_opts(QemuOpts *opts, BDRVQcow2State *s,
                             PreallocMode *prealloc, bool *lazy, Error **errp)
{
    const char *compat = qemu_opt_get(opts, BLOCK_OPT_COMPAT_LEVEL);
    if (!compat || !strcmp(compat, "1.1") || !strcmp(compat, "v3")) {
        s->version = 3;
    } else if (!strcmp(compat, "0.10") || !strcmp(compat, "v2")) {
        s->version = 2;
    } else {
        error_setg(errp, "Parameter 'version' does not accept value '%s'",
                   compat);
        return -EINVAL;
    }
    uint64_t cs = qemu_opt_get_size(opts, BLOCK_OPT_CLUSTER_SIZE, 65536);
    if (cs < 512 || cs > 2 * MiB || (cs & (cs - 1))) {
        error_setg(errp, "Cluster size must be a power of two between 512 and "
                   "2048k");
        return -EINVAL;
    }
    s->cluster_bits = ctz64(cs);
    s->cluster_size = (int)cs;
    uint64_t rb = qemu_opt_get_number(opts, BLOCK_OPT_REFCOUNT_BITS, 16);
    if (rb > 64 || !rb || (rb & (rb - 1))) {
        error_setg(errp, "Refcount width must be a power of two and may not "
                   "exceed 64 bits");
        return -EINVAL;
    }
    if (s->version < 3 && rb != 16) {
        error_setg(errp, "Different refcount widths than 16 bits require "
                   "compatibility level 1.1 or above (use version=v3 or "
                   "greater)");
        return -EINVAL;
    }
    s->refcount_order = ctz64(rb);
    *lazy = qemu_opt_get_bool(opts, BLOCK_OPT_LAZY_REFCOUNTS, false);
    if (*lazy && s->version < 3) {
        error_setg(errp, "Lazy refcounts only supported with compatibility "
                   "level 1.1 and above (use version=v3 or greater)");
        return -EINVAL;
    }
    const char *pa = qemu_opt_get(opts, BLOCK_OPT_PREALLOC);
    int p = pa ? prealloc_mode_parse(pa) : PREALLOC_MODE_OFF;
    if (p < 0) {
        error_setg(errp, "Parameter 'preallocation' does not accept value "
                   "'%s'", pa);
        return -EINVAL;
    }
    *prealloc = p;
    bool extl2 = qemu_opt_get_bool(opts, BLOCK_OPT_EXTL2, false);
    if (qemu_opt_get(opts, BLOCK_OPT_BACKING_FILE) && p != PREALLOC_MODE_OFF &&
        !extl2) {
        error_setg(errp, "Backing file and preallocation can only be used at "
                   "the same time if extended_l2 is on");
        return -EINVAL;
    }
    if (extl2) {
        if (s->version < 3) {
            error_setg(errp, "Extended L2 entries are only supported with "
                       "compatibility level 1.1 and above (use version=v3 or "
                       "greater)");
            return -EINVAL;
        }
        if (s->cluster_bits < 14) {
            error_setg(errp, "Extended L2 entries are only supported with "
                       "cluster sizes of at least 16384 bytes");
            return -EINVAL;
        }
        s->incompatible_features |= QCOW2_INCOMPAT_EXTL2;
    }
    qcow2_set_l2_geometry(s, extl2);
    const char *ct = qemu_opt_get(opts, BLOCK_OPT_COMPRESSION_TYPE);
    int type = ct ? qcow2_compression_type_parse(ct) : QCOW2_COMPRESSION_ZLIB;
    if (type < 0) {
        error_setg(errp, "Parameter 'compression-type' does not accept value "
                   "'%s'", ct);
        return -EINVAL;
    }
    if (type != QCOW2_COMPRESSION_ZLIB && s->version < 3) {
        error_setg(errp, "Non-zlib compression type is only supported with "
                   "compatibility level 1.1 and above (use version=v3 or "
                   "greater)");
        return -EINVAL;
    }
    s->compression_type = (uint8_t)type;
    if (type != QCOW2_COMPRESSION_ZLIB) {
        s->incompatible_features |= QCOW2_INCOMPAT_COMPRESSION;
    }
    int ret = qcow2_data_file_create_opts(opts, s, errp);
    if (ret < 0) {
        return ret;
    }
    Error *err = NULL;
    bool encrypt = qcow2_create_wants_encryption(opts, &err);
    if (err) {
        error_propagate(errp, err);
        return -EINVAL;
    }
    if (!encrypt) {
        static const char *const luks_only[] = {
            "encrypt.key-secret", "encrypt.cipher-alg", "encrypt.cipher-mode",
            "encrypt.ivgen-alg", "encrypt.ivgen-hash-alg", "encrypt.hash-alg",
            "encrypt.iter-time",
        };
        for (size_t i = 0; i < G_N_ELEMENTS(luks_only); i++) {
            if (qemu_opt_has(opts, luks_only[i])) {
                error_setg(errp, "Parameter 'encrypt.format' is missing");
                return -EINVAL;
            }
        }
    }
    return 0;
}

static int qcow2_create_in(BDRVQcow2State *sp, const char *filename,
                           QemuOpts *opts, Error **errp);

int qcow2_create(const char *filename, QemuOpts *opts, Error **errp)
{
    BDRVQcow2State st;
    memset(&st, 0, sizeof(st));
    int ret = qcow2_create_in(&st, filename, opts, errp);
    g_free(st.data_file_name);
    return ret;
}

static int qcow2_create_in(BDRVQcow2State *sp, const char *filename,
                           QemuOpts *opts, Error **errp)
{
    PreallocMode prealloc;
    bool lazy;
    int ret = parse_create_opts(opts, sp, &prealloc, &lazy, errp);
    if (ret < 0) {
        return ret;
    }
    uint64_t size = qemu_opt_get_size(opts, BLOCK_OPT_SIZE, 0);
    size = (size + BDRV_SECTOR_SIZE - 1) & ~(uint64_t)(BDRV_SECTOR_SIZE - 1);
    if (size > (uint64_t)INT64_MAX / 2) {
        error_setg(errp, "Image size too large");
        return -EFBIG;
    }
    uint64_t l2_span = 1ULL << (sp->cluster_bits + sp->l2_bits);
    if ((size + l2_span - 1) / l2_span > QCOW_MAX_L1_SIZE / 8) {
        error_setg(errp, "The image size is too large for file format 'qcow2' "
                   "(try using a larger cluster size)");
        return -EFBIG;
    }
    const char *backing = qemu_opt_get(opts, BLOCK_OPT_BACKING_FILE);
    const char *backing_fmt = qemu_opt_get(opts, BLOCK_OPT_BACKING_FMT);
    if (backing && strlen(backing) > QCOW_MAX_BACKING_FILE) {
        error_setg(errp, "Backing file name too long");
        return -EINVAL;
    }

    QemuOpts *fopts = qemu_opts_create(bdrv_file.create_opts);
    ret = bdrv_file.create(filename, fopts, errp);
    qemu_opts_del(fopts);
    if (ret < 0) {
        return ret;
    }
    ret = qcow2_data_file_create(filename, sp, errp);
    if (ret < 0) {
        unlink(filename);
        return ret;
    }
    if (qcow2_data_file_is_raw(sp) && prealloc == PREALLOC_MODE_OFF) {
        /* A raw data file is the whole disk: map every cluster now. */
        prealloc = PREALLOC_MODE_METADATA;
    }

    /* Cluster 0: header, 1: refcount table, 2: first refcount block. */
    sp->size = 0;
    sp->l1_size = 0;
    sp->l1_table_offset = 0;
    sp->refcount_table_offset = (uint64_t)sp->cluster_size;
    sp->refcount_table_clusters = 1;
    /* A half-created image is useless anyway: no syncs until the end. */
    BlockDriverState *file = bdrv_open_child_file(filename,
                                                  BDRV_O_RDWR | BDRV_O_NO_FLUSH,
                                                  errp);
    if (!file) {
        return -EIO;
    }
    uint8_t *buf = g_malloc0((size_t)sp->cluster_size * 3);
    int64_t hlen = build_header(sp, buf, backing, backing_fmt);
    if (hlen < 0) {
        error_setg(errp, "Backing file name too long for the header");
        ret = (int)hlen;
        g_free(buf);
        bdrv_close(file);
        unlink(filename);
        return ret;
    }
    stq_be_p(buf + sp->cluster_size, 2ULL * sp->cluster_size);
    for (int i = 0; i < 3; i++) {
        qcow2_set_refcount_ro(buf + 2 * sp->cluster_size, i, 1,
                              sp->refcount_order);
    }
    ret = bdrv_pwrite(file, 0, 3 * (int64_t)sp->cluster_size, buf, 0);
    g_free(buf);
    bdrv_close(file);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not write qcow2 header");
        unlink(filename);
        return ret;
    }

    /* Grow to the requested size through the driver itself. */
    BlockDriverState *bs = bdrv_open(filename, "qcow2", NULL,
                                     BDRV_O_RDWR | BDRV_O_NO_BACKING |
                                     BDRV_O_NO_FLUSH, errp);
    if (!bs) {
        return -EIO;
    }
    ret = 0;
    if (qcow2_create_wants_encryption(opts, NULL)) {
        /* Before any data cluster, so that all are encrypted. */
        ret = qcow2_crypto_create(bs, opts, errp);
    }
    if (ret == 0) {
        ret = bdrv_truncate(bs, size, true, prealloc, errp);
        if (ret < 0) {
            error_prepend(errp, "Could not resize image: ");
        }
    }
    if (ret == 0 && lazy) {
        BDRVQcow2State *s = bs->opaque;
        s->compatible_features |= QCOW2_COMPAT_LAZY_REFCOUNTS;
        ret = qcow2_update_header_fields(bs, QH_COMPAT, 8,
                                         s->compatible_features);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not update qcow2 header");
        }
    }
    if (ret == 0) {
        ret = bdrv_flush(bs);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not flush the new image");
        }
    }
    bdrv_close(bs);
    if (ret == 0) {
        /* One real sync for the whole creation. */
        BlockDriverState *f = bdrv_open_child_file(filename, BDRV_O_RDWR,
                                                   NULL);
        if (f) {
            ret = bdrv_flush(f);
            bdrv_close(f);
            if (ret < 0) {
                error_setg_errno(errp, -ret, "Could not sync the new image");
            }
        }
    }
    if (ret < 0) {
        unlink(filename);   /* never leave a half-made image behind */
    }
    return ret;
}
