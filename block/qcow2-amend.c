/*
 * qcow2 amend (qemu-img amend): change an existing image's compat level
 * (0.10 <-> 1.1), refcount width, lazy refcounts and virtual size, with
 * QEMU 7.2's rules and messages.  Backing links are changed by rebase,
 * not here (QEMU 7.2 refuses them too); encryption and external data
 * files are not supported by this build.
 *
 * A new refcount width means a new refcount structure: every cluster's
 * refcount is read in the old width, new blocks and table are written
 * past the end of the file, and one header write switches to them (the
 * old structure then counts as free space).  A crash before that write
 * leaves the old structure in charge.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>

#include "qcow2.h"
#include "qemu/bswap.h"

const QemuOptsList qcow2_amend_opts = {
    .name = "qcow2-amend-opts",
    .desc = {
        /* The order in which the options are applied and checked. */
        { BLOCK_OPT_COMPAT_LEVEL, QEMU_OPT_STRING,
          "Compatibility level (v2 [0.10] or v3 [1.1])" },
        { BLOCK_OPT_SIZE, QEMU_OPT_SIZE, "Virtual disk size" },
        { BLOCK_OPT_BACKING_FILE, QEMU_OPT_STRING,
          "File name of a base image" },
        { BLOCK_OPT_BACKING_FMT, QEMU_OPT_STRING,
          "Image format of the base image" },
        { "data_file", QEMU_OPT_STRING,
          "File name of an external data file" },
        { "data_file_raw", QEMU_OPT_BOOL,
          "The external data file must stay valid as a raw image" },
        { "encrypt.state", QEMU_OPT_STRING,
          "Select new state of affected keyslots (active/inactive)" },
        { "encrypt.keyslot", QEMU_OPT_NUMBER,
          "Select a single keyslot to modify explicitly" },
        { "encrypt.old-secret", QEMU_OPT_STRING,
          "Select all keyslots that match this password" },
        { "encrypt.new-secret", QEMU_OPT_STRING,
          "New secret to set in the matching keyslots. Empty string to "
          "erase" },
        { "encrypt.iter-time", QEMU_OPT_NUMBER,
          "Time to spend in PBKDF in milliseconds" },
        { BLOCK_OPT_LAZY_REFCOUNTS, QEMU_OPT_BOOL,
          "Postpone refcount updates" },
        { BLOCK_OPT_REFCOUNT_BITS, QEMU_OPT_NUMBER,
          "Width of a reference count entry in bits" },
        { NULL },
    },
};

/*
 * amend -p, counted as QEMU 7.2 counts it.  Each operation (upgrade, key
 * slots, refcount width, downgrade) reports its own steps; the total given
 * to the caller is the work of the operations so far plus, for those not
 * started, a projection at the same average size.  The steps each
 * operation reports are QEMU's, listed where the operations run.
 */
typedef enum AmendOp {
    AMEND_NONE,
    AMEND_UPGRADE,
    AMEND_ENCRYPTION,
    AMEND_REFCOUNT_ORDER,
    AMEND_DOWNGRADE,
} AmendOp;

typedef struct AmendProgress {
    BlockAmendStatusCB *cb;
    void *opaque;
    int ops_total;
    int ops_done;
    AmendOp current;
    AmendOp last;           /* the operation of the previous report */
    int64_t done_before;    /* work of the operations finished */
    int64_t last_size;      /* work of the operation last reported */
} AmendProgress;

static void amend_report(BlockDriverState *bs, AmendProgress *p, int64_t done,
                         int64_t size)
{
    if (!p->cb) {
        return;
    }
    if (p->current != p->last) {
        if (p->last != AMEND_NONE) {
            p->done_before += p->last_size;
            p->ops_done++;
        }
        p->last = p->current;
    }
    if (p->ops_done >= p->ops_total) {
        return;
    }
    p->last_size = size;
    int64_t covered = p->done_before + size;
    int64_t projected = covered * (p->ops_total - p->ops_done - 1) /
                        (p->ops_done + 1);
    p->cb(bs, p->done_before + done, covered + projected, p->opaque);
}

/*
 * QEMU's refcount-width change walks the old refcount table three times
 * (two allocation passes, one writing pass), one step per table entry
 * and one at the end of each walk.
 */
enum { REFCOUNT_WALKS = 3 };

static void report_refcount_walk(BlockDriverState *bs, AmendProgress *p,
                                 int walk)
{
    BDRVQcow2State *s = bs->opaque;
    int64_t n = (int64_t)s->refcount_table_size;
    for (int64_t i = 0; i <= n; i++) {
        amend_report(bs, p, walk * n + i, REFCOUNT_WALKS * n);
    }
}

/* Rewrite the header from the in-memory state, keeping the backing link. */
static int rewrite_header(BlockDriverState *bs, Error **errp)
{
    return qcow2_change_backing_file(
        bs, bs->backing_file[0] ? bs->backing_file : NULL,
        bs->backing_format[0] ? bs->backing_format : NULL, errp);
}

/* Leave no refcount update pending (lazy refcounts): clear the dirty bit. */
static int make_clean(BlockDriverState *bs, Error **errp)
{
    int ret = qcow2_mark_clean(bs);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Failed to make the image clean");
    }
    return ret;
}

/* --- scanning every L2 table (active image and snapshots) ------------- */

typedef struct L2Census {
    uint64_t zero;          /* zero-flagged entries */
    uint64_t compressed;
    uint64_t zero_in_snapshots;
    uint64_t zero_in_shared;    /* in active tables shared with snapshots */
} L2Census;

static int census_l1(BlockDriverState *bs, const uint64_t *l1, uint32_t size,
                     bool active, L2Census *c)
{
    BDRVQcow2State *s = bs->opaque;
    for (uint32_t i = 0; i < size; i++) {
        uint64_t l2_off = l1[i] & L1E_OFFSET_MASK;
        if (!l2_off) {
            continue;
        }
        void *t;
        int ret = qcow2_cache_get(bs, s->l2_cache, l2_off, &t);
        if (ret < 0) {
            return ret;
        }
        const uint8_t *p = t;
        for (int j = 0; j < s->l2_size; j++) {
            Qcow2ClusterType ty = qcow2_get_cluster_type(s, ldq_be_p(p + j * 8));
            if (ty == QCOW2_CLUSTER_COMPRESSED) {
                c->compressed++;
            } else if (ty == QCOW2_CLUSTER_ZERO_PLAIN ||
                       ty == QCOW2_CLUSTER_ZERO_ALLOC) {
                c->zero++;
                if (!active) {
                    c->zero_in_snapshots++;
                } else if (!(l1[i] & QCOW_OFLAG_COPIED)) {
                    c->zero_in_shared++;
                }
            }
        }
        qcow2_cache_put(s->l2_cache, &t);
    }
    return 0;
}

static int census_image(BlockDriverState *bs, L2Census *c)
{
    BDRVQcow2State *s = bs->opaque;
    memset(c, 0, sizeof(*c));
    int ret = census_l1(bs, s->l1_table, s->l1_size, true, c);
    for (uint32_t i = 0; ret == 0 && i < s->nb_snapshots; i++) {
        Qcow2Snapshot *sn = &s->snapshots[i];
        uint64_t *l1 = g_try_new0(uint64_t, MAX(sn->l1_size, 1));
        if (!l1) {
            return -ENOMEM;
        }
        ret = bdrv_pread(bs->file, sn->l1_table_offset,
                         (int64_t)sn->l1_size * 8, l1, 0);
        for (uint32_t j = 0; ret == 0 && j < sn->l1_size; j++) {
            l1[j] = be64_to_cpu(l1[j]);
        }
        if (ret == 0) {
            ret = census_l1(bs, l1, sn->l1_size, false, c);
        }
        g_free(l1);
    }
    return ret;
}

/* --- compat 0.10: zero clusters become real zeros ---------------------- */

/*
 * v2 has no zero flag: a preallocated zero cluster gets zeros written
 * into it, an unallocated one becomes unallocated (no backing file) or a
 * new cluster of zeros (over a backing file).
 */
static int expand_zero_clusters(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    bool backing = bs->backing_file[0] != 0;
    for (uint32_t i = 0; i < s->l1_size; i++) {
        uint64_t l2_off = s->l1_table[i] & L1E_OFFSET_MASK;
        if (!l2_off) {
            continue;
        }
        void *t;
        int ret = qcow2_cache_get(bs, s->l2_cache, l2_off, &t);
        if (ret < 0) {
            return ret;
        }
        uint8_t *p = t;
        for (int j = 0; j < s->l2_size; j++) {
            uint64_t e = ldq_be_p(p + j * 8);
            Qcow2ClusterType ty = qcow2_get_cluster_type(s, e);
            uint64_t ne;
            if (ty == QCOW2_CLUSTER_ZERO_ALLOC) {
                ret = bdrv_pwrite_zeroes(bs->file, e & L2E_OFFSET_MASK,
                                         s->cluster_size, 0);
                ne = e & ~QCOW_OFLAG_ZERO;
            } else if (ty == QCOW2_CLUSTER_ZERO_PLAIN && backing) {
                int64_t off = qcow2_alloc_clusters(bs, s->cluster_size);
                if (off < 0) {
                    ret = (int)off;
                } else {
                    ret = bdrv_pwrite_zeroes(bs->file, off, s->cluster_size,
                                             0);
                }
                ne = (uint64_t)off | QCOW_OFLAG_COPIED;
            } else if (ty == QCOW2_CLUSTER_ZERO_PLAIN) {
                ne = 0;
            } else {
                continue;
            }
            if (ret < 0) {
                qcow2_cache_put(s->l2_cache, &t);
                return ret;
            }
            stq_be_p(p + j * 8, ne);
            qcow2_cache_mark_dirty(s->l2_cache, t);
        }
        qcow2_cache_put(s->l2_cache, &t);
    }
    /* Zeros and refcounts on disk before the tables that rely on them. */
    int ret = bdrv_flush(bs->file);
    if (ret == 0) {
        ret = qcow2_cache_flush(bs, s->refcount_cache);
    }
    if (ret == 0) {
        ret = qcow2_cache_flush(bs, s->l2_cache);
    }
    return ret;
}

static int downgrade(BlockDriverState *bs, AmendProgress *p, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    L2Census c;
    int ret = census_image(bs, &c);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read the L2 tables");
        return ret;
    }
    if (s->compression_type != QCOW2_COMPRESSION_ZLIB && c.compressed) {
        error_setg(errp, "Cannot downgrade an image with zstd compression "
                   "type and existing compressed clusters");
        return -ENOTSUP;
    }
    for (int i = 0; i < s->nb_unknown_exts; i++) {
        if (s->unknown_exts[i].magic == QCOW2_EXT_BITMAPS) {
            error_setg(errp, "Cannot downgrade an image with bitmaps");
            return -ENOTSUP;
        }
    }
    if (c.zero_in_snapshots || c.zero_in_shared) {
        error_setg(errp, "Cannot downgrade: internal snapshots share zero "
                   "clusters (delete the snapshots first)");
        return -ENOTSUP;
    }
    ret = make_clean(bs, errp);
    if (ret < 0) {
        return ret;
    }
    if (c.zero) {
        ret = expand_zero_clusters(bs);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Failed to turn zero clusters into "
                             "normal clusters");
            return ret;
        }
    }
    /* QEMU's zero expansion reports one step per L1 entry, the active
     * table's and every snapshot's (census_image read them all). */
    int64_t l1_entries = s->l1_size;
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        l1_entries += s->snapshots[i].l1_size;
    }
    for (int64_t i = 1; i <= l1_entries; i++) {
        amend_report(bs, p, i, l1_entries);
    }
    uint32_t old_version = s->version;
    uint64_t old[3] = { s->incompatible_features, s->compatible_features,
                        s->autoclear_features };
    uint8_t old_ct = s->compression_type;
    s->version = 2;
    s->incompatible_features = 0;
    s->compatible_features = 0;
    s->autoclear_features = 0;
    s->compression_type = QCOW2_COMPRESSION_ZLIB;
    ret = rewrite_header(bs, errp);
    if (ret < 0) {
        s->version = old_version;
        s->incompatible_features = old[0];
        s->compatible_features = old[1];
        s->autoclear_features = old[2];
        s->compression_type = old_ct;
    }
    return ret;
}

/* --- a new refcount width ---------------------------------------------- */

static int change_refcount_order(BlockDriverState *bs, int order,
                                 AmendProgress *p, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    int ret = make_clean(bs, errp);
    if (ret < 0) {
        return ret;
    }
    ret = qcow2_cache_flush(bs, s->l2_cache);
    if (ret == 0) {
        ret = qcow2_cache_empty(bs, s->refcount_cache);
    }
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not flush the metadata");
        return ret;
    }
    int64_t flen = qcow2_file_length(bs);
    if (flen < 0) {
        error_setg_errno(errp, (int)-flen, "Could not get the image size");
        return (int)flen;
    }
    uint64_t n = size_to_clusters(s, (uint64_t)flen);
    uint64_t new_max = order == 6 ? UINT64_MAX : (1ULL << (1 << order)) - 1;
    int new_rb_bits = s->cluster_bits - (order - 3);
    uint64_t per_rb = 1ULL << new_rb_bits;

    /* Where the new structure goes: refcount blocks for every cluster
     * including themselves and the table, then the table. */
    uint64_t blocks = 0, table_clusters = 0;
    for (;;) {
        uint64_t total = n + blocks + table_clusters;
        uint64_t b = (total + per_rb - 1) / per_rb;
        uint64_t t = size_to_clusters(s, b * 8);
        if (b == blocks && t == table_clusters) {
            break;
        }
        blocks = b;
        table_clusters = t;
    }
    if (table_clusters * s->cluster_size > QCOW_MAX_REFTABLE_SIZE) {
        error_setg(errp, "Refcount table would be too large");
        return -EFBIG;
    }
    uint64_t total = n + blocks + table_clusters;
    uint64_t *rc = g_try_new0(uint64_t, total);
    if (!rc) {
        error_setg(errp, "Could not allocate the refcount array");
        return -ENOMEM;
    }
    uint8_t *buf = NULL;
    uint8_t *table = NULL;
    for (uint64_t c = 0; c < n; c++) {
        ret = qcow2_get_refcount(bs, c, &rc[c]);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read the refcounts");
            goto out;
        }
        if (rc[c] > new_max) {
            error_setg(errp, "Cannot decrease refcount entry width to %i "
                       "bits: Cluster at offset %#" PRIx64 " has a refcount "
                       "of %" PRIu64, 1 << order, c << s->cluster_bits, rc[c]);
            ret = -EINVAL;
            goto out;
        }
    }
    /* The old structure becomes free space once the header switches. */
    for (uint64_t i = 0; i < s->refcount_table_size; i++) {
        uint64_t c = (s->refcount_table[i] & REFT_OFFSET_MASK) >>
                     s->cluster_bits;
        if (c && c < n) {
            rc[c] = 0;
        }
    }
    for (uint64_t i = 0; i < s->refcount_table_clusters; i++) {
        uint64_t c = (s->refcount_table_offset >> s->cluster_bits) + i;
        if (c < n) {
            rc[c] = 0;
        }
    }
    for (uint64_t c = n; c < total; c++) {
        rc[c] = 1;
    }
    /* The counting done here is QEMU's two allocation walks. */
    report_refcount_walk(bs, p, 0);
    report_refcount_walk(bs, p, 1);

    buf = g_malloc(s->cluster_size);
    table = g_malloc0(table_clusters * s->cluster_size);
    for (uint64_t b = 0; b < blocks; b++) {
        memset(buf, 0, s->cluster_size);
        for (uint64_t i = 0; i < per_rb && b * per_rb + i < total; i++) {
            qcow2_set_refcount_ro(buf, i, rc[b * per_rb + i], order);
        }
        uint64_t off = (n + b) << s->cluster_bits;
        ret = bdrv_pwrite(bs->file, (int64_t)off, s->cluster_size, buf, 0);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not write a refcount block");
            goto out;
        }
        stq_be_p(table + b * 8, off);
    }
    report_refcount_walk(bs, p, 2);
    uint64_t table_off = (n + blocks) << s->cluster_bits;
    ret = bdrv_pwrite(bs->file, (int64_t)table_off,
                      (int64_t)(table_clusters * s->cluster_size), table, 0);
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not write the refcount table");
        goto out;
    }

    /* One write of the header's first sector switches everything. */
    uint8_t hdr[512];
    ret = bdrv_pread(bs->file, 0, sizeof(hdr), hdr, 0);
    if (ret == 0) {
        stq_be_p(hdr + QH_REFTABLE_OFFSET, table_off);
        stl_be_p(hdr + QH_REFTABLE_CLUSTERS, (uint32_t)table_clusters);
        stl_be_p(hdr + QH_REFCOUNT_ORDER, (uint32_t)order);
        ret = bdrv_pwrite(bs->file, 0, sizeof(hdr), hdr, 0);
    }
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not update the image header");
        goto out;
    }
    s->refcount_order = order;
    s->refcount_block_bits = new_rb_bits;
    s->refcount_max = new_max;
    s->refcount_table_offset = table_off;
    s->refcount_table_clusters = (uint32_t)table_clusters;
    g_free(s->refcount_table);
    s->refcount_table = NULL;
    s->free_cluster_index = 0;
    s->free_byte_offset = 0;
    s->meta_gen++;
    ret = qcow2_refcount_init(bs);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read the new refcount table");
    }
out:
    g_free(rc);
    g_free(buf);
    g_free(table);
    return ret;
}

/* --- the amend entry point --------------------------------------------- */

int qcow2_amend(BlockDriverState *bs, QemuOpts *opts, bool force,
                BlockAmendStatusCB *status_cb, void *cb_opaque, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    int version = (int)s->version;
    int order = s->refcount_order;
    bool order_given = false;
    int lazy = -1;
    bool has_size = false, encrypt = false;
    uint64_t size = 0;

    for (const QemuOptDesc *d = qcow2_amend_opts.desc; d->name; d++) {
        if (!qemu_opt_has(opts, d->name)) {
            continue;
        }
        const char *v = qemu_opt_get(opts, d->name);
        if (!strcmp(d->name, BLOCK_OPT_COMPAT_LEVEL)) {
            if (!strcmp(v, "0.10") || !strcmp(v, "v2")) {
                version = 2;
            } else if (!strcmp(v, "1.1") || !strcmp(v, "v3")) {
                version = 3;
            } else {
                error_setg(errp, "Unknown compatibility level %s", v);
                return -EINVAL;
            }
        } else if (!strcmp(d->name, BLOCK_OPT_SIZE)) {
            has_size = true;
            size = qemu_opt_get_size(opts, BLOCK_OPT_SIZE, 0);
        } else if (!strcmp(d->name, BLOCK_OPT_BACKING_FILE) ||
                   !strcmp(d->name, BLOCK_OPT_BACKING_FMT)) {
            error_setg(errp, "Cannot amend the backing file");
            error_append_hint(errp, "You can use 'qemu-img rebase' "
                              "instead.\n");
            return -EINVAL;
        } else if (!strcmp(d->name, "data_file")) {
            error_setg(errp, "data-file can only be set for images that use "
                       "an external data file");
            return -EINVAL;
        } else if (!strcmp(d->name, "data_file_raw")) {
            error_setg(errp, "data-file-raw cannot be set on existing "
                       "images");
            return -EINVAL;
        } else if (g_str_has_prefix(d->name, "encrypt.")) {
            encrypt = true;
        } else if (!strcmp(d->name, BLOCK_OPT_LAZY_REFCOUNTS)) {
            lazy = qemu_opt_get_bool(opts, d->name, false);
        } else if (!strcmp(d->name, BLOCK_OPT_REFCOUNT_BITS)) {
            uint64_t bits = qemu_opt_get_number(opts, d->name, 16);
            if (bits == 0 || bits > 64 || (bits & (bits - 1))) {
                error_setg(errp, "Refcount width must be a power of two and "
                           "may not exceed 64 bits");
                return -EINVAL;
            }
            order = ctz64(bits);
            order_given = true;
        }
    }
    if (lazy == 1 && version < 3) {
        error_setg(errp, "Lazy refcounts only supported with compatibility "
                   "level 1.1 and above (use compat=1.1 or greater)");
        return -EINVAL;
    }
    if (order != 4 && version < 3) {
        if (order_given) {
            error_setg(errp, "Refcount widths other than 16 bits require "
                       "compatibility level 1.1 or above (use compat=1.1 or "
                       "greater)");
        } else {
            error_setg(errp, "compat=0.10 requires refcount_bits=16");
        }
        return -EINVAL;
    }

    AmendProgress progress = {
        .cb = status_cb,
        .opaque = cb_opaque,
        .ops_total = (version != (int)s->version) +
                     (order != s->refcount_order) + encrypt,
    };
    int ret;
    if (encrypt) {
        /* Key slots first, as QEMU amends them before the rest. */
        progress.current = AMEND_ENCRYPTION;
        ret = qcow2_crypto_amend(bs, opts, force, errp);
        if (ret < 0) {
            return ret;
        }
    }
    if (version > (int)s->version) {
        /* QEMU's steps: start, snapshot table, header. */
        progress.current = AMEND_UPGRADE;
        amend_report(bs, &progress, 0, 2);
        s->version = 3;
        s->compression_type = QCOW2_COMPRESSION_ZLIB;
        amend_report(bs, &progress, 1, 2);
        ret = rewrite_header(bs, errp);
        if (ret < 0) {
            s->version = 2;
            return ret;
        }
        amend_report(bs, &progress, 2, 2);
    }
    if (order != s->refcount_order) {
        progress.current = AMEND_REFCOUNT_ORDER;
        ret = change_refcount_order(bs, order, &progress, errp);
        if (ret < 0) {
            return ret;
        }
    }
    if (lazy >= 0 && version >= 3 &&
        lazy != !!(s->compatible_features & QCOW2_COMPAT_LAZY_REFCOUNTS)) {
        if (!lazy) {
            ret = make_clean(bs, errp);
            if (ret < 0) {
                return ret;
            }
            s->compatible_features &= ~QCOW2_COMPAT_LAZY_REFCOUNTS;
        } else {
            s->compatible_features |= QCOW2_COMPAT_LAZY_REFCOUNTS;
        }
        ret = rewrite_header(bs, errp);
        if (ret < 0) {
            s->compatible_features ^= QCOW2_COMPAT_LAZY_REFCOUNTS;
            return ret;
        }
    }
    if (has_size && size != s->size) {
        ret = bdrv_truncate(bs, (int64_t)size, false, PREALLOC_MODE_OFF,
                            errp);
        if (ret < 0) {
            return ret;
        }
    }
    if (version < (int)s->version) {
        progress.current = AMEND_DOWNGRADE;
        ret = downgrade(bs, &progress, errp);
        if (ret < 0) {
            return ret;
        }
    }
    return 0;
}
