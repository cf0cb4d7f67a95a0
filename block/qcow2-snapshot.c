/*
 * qcow2 internal snapshots: parsing and validating the snapshot table
 * (info, check), reading a snapshot on a read-only node (convert -l), and
 * creating, applying and deleting snapshots (qemu-img snapshot).
 *
 * A snapshot is a copy of the active L1 table.  Every cluster counts one
 * reference per L1 table that reaches it (an L2 table shared by two L1
 * tables gives its data clusters two references), so creating a snapshot
 * adds one to everything the active L1 reaches and deleting one subtracts
 * one from everything its L1 reaches.  QCOW_OFLAG_COPIED on the active
 * tables says "refcount is exactly 1, write in place"; it is recomputed
 * after each operation.  Writes to shared clusters copy them (see
 * qcow2-cluster.c), which keeps snapshots intact.
 *
 * Crash safety: refcount increments reach the disk before the snapshot
 * table names the new L1 copy; a deleted snapshot leaves the table before
 * its clusters are released.  A crash can leak clusters, never free one
 * that is still referenced.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcow2.h"
#include "qemu/bswap.h"

void qcow2_free_snapshots(BDRVQcow2State *s)
{
    for (uint32_t i = 0; s->snapshots && i < s->nb_snapshots; i++) {
        g_free(s->snapshots[i].id_str);
        g_free(s->snapshots[i].name);
    }
    g_free(s->snapshots);
    s->snapshots = NULL;
}

int qcow2_read_snapshots(BlockDriverState *bs, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    if (!s->nb_snapshots) {
        return 0;
    }
    int64_t flen = qcow2_file_length(bs);
    if (flen < 0) {
        error_setg_errno(errp, (int)-flen, "Could not get the image size");
        return (int)flen;
    }
    s->snapshots = g_new0(Qcow2Snapshot, s->nb_snapshots);
    uint64_t off = s->snapshots_offset;
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        uint8_t h[40];
        if (off > (uint64_t)flen || (uint64_t)flen - off < sizeof(h)) {
            error_setg(errp, "Snapshot table entry %u at offset %#" PRIx64
                       " lies beyond the end of the file", i, off);
            return -EINVAL;
        }
        int ret = bdrv_pread(bs->file, off, sizeof(h), h, 0);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read snapshot table");
            return ret;
        }
        Qcow2Snapshot *sn = &s->snapshots[i];
        sn->l1_table_offset = ldq_be_p(h);
        sn->l1_size = ldl_be_p(h + 8);
        uint16_t id_len = lduw_be_p(h + 12);
        uint16_t name_len = lduw_be_p(h + 14);
        sn->date_sec = ldl_be_p(h + 16);
        sn->date_nsec = ldl_be_p(h + 20);
        sn->vm_clock_nsec = ldq_be_p(h + 24);
        sn->vm_state_size = ldl_be_p(h + 32);
        uint32_t extra_len = ldl_be_p(h + 36);
        sn->icount = -1;
        off += sizeof(h);
        if (extra_len > 1024 || off + extra_len + id_len + name_len >
            (uint64_t)flen) {
            error_setg(errp, "Snapshot table entry %u is damaged (extra data "
                       "or names extend past the end of the file)", i);
            return -EINVAL;
        }
        uint8_t extra[1024];
        if (extra_len) {
            ret = bdrv_pread(bs->file, off, extra_len, extra, 0);
            if (ret < 0) {
                error_setg_errno(errp, -ret, "Could not read snapshot table");
                return ret;
            }
            if (extra_len >= 8) {
                sn->vm_state_size = ldq_be_p(extra);
            }
            if (extra_len >= 16) {
                sn->disk_size = ldq_be_p(extra + 8);
            }
            if (extra_len >= 24) {
                sn->icount = (int64_t)ldq_be_p(extra + 16);
            }
        }
        off += extra_len;
        sn->id_str = g_malloc0(id_len + 1);
        sn->name = g_malloc0(name_len + 1);
        ret = bdrv_pread(bs->file, off, id_len, sn->id_str, 0);
        if (ret == 0) {
            ret = bdrv_pread(bs->file, off + id_len, name_len, sn->name, 0);
        }
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read snapshot table");
            return ret;
        }
        off += id_len + name_len;
        off = (off + 7) & ~7ULL;
        if (sn->l1_size > QCOW_MAX_L1_SIZE / 8 ||
            offset_into_cluster(s, sn->l1_table_offset) ||
            sn->l1_table_offset + (uint64_t)sn->l1_size * 8 >
            (uint64_t)flen + s->cluster_size) {
            error_setg(errp, "Snapshot %u has an invalid L1 table (offset %#"
                       PRIx64 ", %u entries)", i, sn->l1_table_offset,
                       sn->l1_size);
            return -EINVAL;
        }
    }
    s->snapshots_size = off - s->snapshots_offset;
    return 0;
}

int qcow2_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **list)
{
    BDRVQcow2State *s = bs->opaque;
    if (!s->nb_snapshots) {
        *list = NULL;
        return 0;
    }
    QEMUSnapshotInfo *l = g_new0(QEMUSnapshotInfo, s->nb_snapshots);
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        Qcow2Snapshot *sn = &s->snapshots[i];
        g_strlcpy(l[i].id_str, sn->id_str, sizeof(l[i].id_str));
        g_strlcpy(l[i].name, sn->name, sizeof(l[i].name));
        l[i].vm_state_size = sn->vm_state_size;
        l[i].date_sec = sn->date_sec;
        l[i].date_nsec = sn->date_nsec;
        l[i].vm_clock_nsec = sn->vm_clock_nsec;
        l[i].icount = sn->icount < 0 ? UINT64_MAX : (uint64_t)sn->icount;
    }
    *list = l;
    return (int)s->nb_snapshots;
}

/* Index of the snapshot matching @id and/or @name (both must match when
 * both are given), or -1. */
static int find_snapshot(BDRVQcow2State *s, const char *id, const char *name)
{
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        Qcow2Snapshot *sn = &s->snapshots[i];
        if ((!id || !strcmp(sn->id_str, id)) &&
            (!name || !strcmp(sn->name, name))) {
            return (int)i;
        }
    }
    return -1;
}

int qcow2_snapshot_load_tmp(BlockDriverState *bs, const char *id,
                            const char *name, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    int i = find_snapshot(s, id, name);
    if (i < 0) {
        error_setg(errp, "Can't find snapshot");
        return -ENOENT;
    }
    Qcow2Snapshot *sn = &s->snapshots[i];
    int64_t flen = qcow2_file_length(bs);
    if (flen < 0) {
        error_setg_errno(errp, (int)-flen, "Could not get the image size");
        return (int)flen;
    }
    uint64_t l1_bytes = (uint64_t)sn->l1_size * 8;
    if (sn->l1_table_offset < (uint64_t)s->cluster_size ||
        sn->l1_table_offset > (uint64_t)flen ||
        l1_bytes > (uint64_t)flen - sn->l1_table_offset) {
        error_setg(errp, "Snapshot L1 table offset invalid");
        return -EINVAL;
    }
    uint64_t *l1 = g_try_new0(uint64_t, MAX(sn->l1_size, 1));
    if (!l1) {
        error_setg(errp, "Could not allocate the snapshot L1 table");
        return -ENOMEM;
    }
    if (l1_bytes) {
        int ret = bdrv_pread(bs->file, sn->l1_table_offset, (int64_t)l1_bytes,
                             l1, 0);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read the snapshot L1 "
                             "table");
            g_free(l1);
            return ret;
        }
    }
    for (uint32_t j = 0; j < sn->l1_size; j++) {
        l1[j] = be64_to_cpu(l1[j]);
    }
    /* The virtual size stays the active one, as QEMU's. */
    g_free(s->l1_table);
    s->l1_table = l1;
    s->l1_size = sn->l1_size;
    s->l1_table_offset = sn->l1_table_offset;
    s->cluster_cache_offset = -1;
    return 0;
}

/* --- creating, applying and deleting ---------------------------------- */

/* A run of clusters [first, first + count) that gets one reference. */
typedef struct ClusterRun {
    uint64_t first;
    uint64_t count;
} ClusterRun;

static void add_run(GArray *runs, uint64_t first, uint64_t count)
{
    if (runs->len) {
        ClusterRun *last = &g_array_index(runs, ClusterRun, runs->len - 1);
        /* Only clusters that follow on merge: two compressed clusters
         * sharing a host cluster must count it twice. */
        if (last->first + last->count == first) {
            last->count += count;
            return;
        }
    }
    ClusterRun r = { first, count };
    g_array_append_val(runs, r);
}

/*
 * Collect the clusters the L1 table @l1 (host endian, @l1_size entries)
 * references, one run entry per reference: its L2 tables and whatever
 * their entries point to (data, preallocated zero, compressed clusters).
 */
static int collect_l1_tree(BlockDriverState *bs, const uint64_t *l1,
                           uint32_t l1_size, GArray *runs)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t *l2 = g_malloc(s->cluster_size);
    int ret = 0;
    for (uint32_t i = 0; i < l1_size; i++) {
        uint64_t l2_off = l1[i] & L1E_OFFSET_MASK;
        if (!l2_off) {
            continue;
        }
        if (offset_into_cluster(s, l2_off) ||
            l2_off < (uint64_t)s->cluster_size) {
            qcow2_signal_corruption(bs, "L2 table offset %#" PRIx64
                                    " invalid (L1 index: %#" PRIx32 ")",
                                    l2_off, i);
            ret = -EIO;
            break;
        }
        void *t;
        ret = qcow2_cache_get(bs, s->l2_cache, l2_off, &t);
        if (ret < 0) {
            break;
        }
        memcpy(l2, t, s->cluster_size);
        qcow2_cache_put(s->l2_cache, &t);
        for (int j = 0; j < s->l2_size; j++) {
            uint64_t e = ldq_be_p(l2 + j * 8);
            switch (qcow2_get_cluster_type(s, e)) {
            case QCOW2_CLUSTER_NORMAL:
            case QCOW2_CLUSTER_ZERO_ALLOC:
                add_run(runs, (e & L2E_OFFSET_MASK) >> s->cluster_bits, 1);
                break;
            case QCOW2_CLUSTER_COMPRESSED: {
                uint64_t host, csize;
                qcow2_compressed_location(s, e, &host, &csize);
                uint64_t first = host >> s->cluster_bits;
                uint64_t last = (host + csize - 1) >> s->cluster_bits;
                add_run(runs, first, last - first + 1);
                break;
            }
            default:
                break;
            }
        }
        add_run(runs, l2_off >> s->cluster_bits, 1);
    }
    g_free(l2);
    return ret;
}

/*
 * Add @addend (+1 or -1) to the refcount of every cluster in @runs.  A
 * failed increment (a refcount at its maximum) is undone, so the image is
 * as before; a failed decrement leaves leaks, never a freed cluster in use.
 */
static int apply_runs(BlockDriverState *bs, GArray *runs, int addend)
{
    BDRVQcow2State *s = bs->opaque;
    for (guint k = 0; k < runs->len; k++) {
        ClusterRun *r = &g_array_index(runs, ClusterRun, k);
        for (uint64_t c = 0; c < r->count; c++) {
            int ret = qcow2_update_refcount(bs,
                                            (r->first + c) << s->cluster_bits,
                                            1, addend);
            if (ret < 0) {
                if (addend > 0) {
                    while (c-- > 0) {
                        qcow2_update_refcount(bs, (r->first + c) <<
                                              s->cluster_bits, 1, -addend);
                    }
                    while (k-- > 0) {
                        r = &g_array_index(runs, ClusterRun, k);
                        qcow2_update_refcount(bs, r->first << s->cluster_bits,
                                              r->count << s->cluster_bits,
                                              -addend);
                    }
                }
                return ret;
            }
        }
    }
    return 0;
}

static int l1_tree_refcount(BlockDriverState *bs, const uint64_t *l1,
                            uint32_t l1_size, int addend)
{
    GArray *runs = g_array_new(false, false, sizeof(ClusterRun));
    int ret = collect_l1_tree(bs, l1, l1_size, runs);
    if (ret == 0) {
        ret = apply_runs(bs, runs, addend);
    }
    g_array_free(runs, true);
    return ret;
}

static uint64_t copied_flag(BlockDriverState *bs, uint64_t cluster_offset,
                            int *err)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t rc;
    int ret = qcow2_get_refcount(bs, cluster_offset >> s->cluster_bits, &rc);
    if (ret < 0) {
        *err = ret;
        return 0;
    }
    return rc == 1 ? QCOW_OFLAG_COPIED : 0;
}

/*
 * Recompute QCOW_OFLAG_COPIED on the active L1 table and the L2 tables it
 * reaches (set exactly when the refcount is 1), then write everything
 * back: refcounts first, then L2 tables, then the L1 table.
 */
static int update_copied_flags(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    int ret = qcow2_cache_flush(bs, s->refcount_cache);
    if (ret < 0) {
        return ret;
    }
    bool l1_changed = false;
    for (uint32_t i = 0; i < s->l1_size; i++) {
        uint64_t l2_off = s->l1_table[i] & L1E_OFFSET_MASK;
        if (!l2_off) {
            continue;
        }
        int err = 0;
        uint64_t want = (s->l1_table[i] & ~QCOW_OFLAG_COPIED) |
                        copied_flag(bs, l2_off, &err);
        if (err < 0) {
            return err;
        }
        if (want != s->l1_table[i]) {
            s->l1_table[i] = want;
            l1_changed = true;
        }
        void *t;
        ret = qcow2_cache_get(bs, s->l2_cache, l2_off, &t);
        if (ret < 0) {
            return ret;
        }
        uint8_t *p = t;
        bool dirty = false;
        for (int j = 0; j < s->l2_size && err == 0; j++) {
            uint64_t e = ldq_be_p(p + j * 8);
            Qcow2ClusterType ty = qcow2_get_cluster_type(s, e);
            uint64_t ne = e & ~QCOW_OFLAG_COPIED;
            if (ty == QCOW2_CLUSTER_NORMAL || ty == QCOW2_CLUSTER_ZERO_ALLOC) {
                ne |= copied_flag(bs, e & L2E_OFFSET_MASK, &err);
            } else if (ty == QCOW2_CLUSTER_COMPRESSED) {
                ne = e;     /* COPIED is part of a compressed descriptor */
            }
            if (ne != e) {
                stq_be_p(p + j * 8, ne);
                dirty = true;
            }
        }
        if (dirty) {
            qcow2_cache_mark_dirty(s->l2_cache, t);
        }
        qcow2_cache_put(s->l2_cache, &t);
        if (err < 0) {
            return err;
        }
    }
    ret = qcow2_cache_flush(bs, s->l2_cache);
    if (ret < 0) {
        return ret;
    }
    if (l1_changed) {
        s->meta_gen++;
        uint64_t *be = g_new(uint64_t, MAX(s->l1_size, 1));
        for (uint32_t i = 0; i < s->l1_size; i++) {
            be[i] = cpu_to_be64(s->l1_table[i]);
        }
        ret = bdrv_pwrite(bs->file, s->l1_table_offset,
                          (int64_t)s->l1_size * 8, be, 0);
        g_free(be);
        if (ret < 0) {
            return ret;
        }
    }
    return bdrv_flush(bs->file);
}

/* Byte length of the on-disk table entry at @p (@avail bytes left),
 * padding included, or 0 when it does not fit. */
static size_t snapshot_entry_len(const uint8_t *p, size_t avail)
{
    if (avail < 40) {
        return 0;
    }
    size_t len = 40 + (size_t)ldl_be_p(p + 36) + lduw_be_p(p + 12) +
                 lduw_be_p(p + 14);
    len = (len + 7) & ~(size_t)7;
    return len <= avail ? len : 0;
}

/* A new table entry for a snapshot of the active image. */
static void append_new_entry(GByteArray *out, const Qcow2Snapshot *sn)
{
    uint16_t id_len = (uint16_t)strlen(sn->id_str);
    uint16_t name_len = (uint16_t)strlen(sn->name);
    uint8_t h[40 + 24];
    stq_be_p(h, sn->l1_table_offset);
    stl_be_p(h + 8, sn->l1_size);
    stw_be_p(h + 12, id_len);
    stw_be_p(h + 14, name_len);
    stl_be_p(h + 16, sn->date_sec);
    stl_be_p(h + 20, sn->date_nsec);
    stq_be_p(h + 24, sn->vm_clock_nsec);
    stl_be_p(h + 32, (uint32_t)sn->vm_state_size);
    stl_be_p(h + 36, 24);       /* extra data: the three fields below */
    stq_be_p(h + 40, sn->vm_state_size);
    stq_be_p(h + 48, sn->disk_size);
    stq_be_p(h + 56, (uint64_t)sn->icount);
    g_byte_array_append(out, h, sizeof(h));
    g_byte_array_append(out, (const uint8_t *)sn->id_str, id_len);
    g_byte_array_append(out, (const uint8_t *)sn->name, name_len);
    static const uint8_t pad[8];
    g_byte_array_append(out, pad, (8 - out->len % 8) % 8);
}

/*
 * Replace the snapshot table: the existing entries except index @drop
 * (-1: none), copied byte for byte (unknown extra data is kept), then
 * @added (may be NULL).  New table first, then the header names it, then
 * the old table is freed; the in-memory list is re-read.
 */
static int rewrite_snapshot_table(BlockDriverState *bs, int drop,
                                  const Qcow2Snapshot *added, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    GByteArray *out = g_byte_array_new();
    uint8_t *old = NULL;
    uint32_t nb = 0;
    int ret = 0;
    if (s->nb_snapshots) {
        /* The last entry's padding may lie past the end of the file. */
        int64_t flen = qcow2_file_length(bs);
        if (flen < 0) {
            ret = (int)flen;
            error_setg_errno(errp, -ret, "Could not get the image size");
            goto out;
        }
        old = g_malloc0(s->snapshots_size);
        uint64_t have = (uint64_t)flen > s->snapshots_offset ?
                        MIN(s->snapshots_size,
                            (uint64_t)flen - s->snapshots_offset) : 0;
        ret = bdrv_pread(bs->file, s->snapshots_offset, (int64_t)have, old,
                         0);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read the snapshot table");
            goto out;
        }
    }
    size_t pos = 0;
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        size_t len = snapshot_entry_len(old + pos, s->snapshots_size - pos);
        if (!len) {
            error_setg(errp, "Snapshot table entry %u is damaged", i);
            ret = -EINVAL;
            goto out;
        }
        if ((int)i != drop) {
            g_byte_array_append(out, old + pos, (guint)len);
            nb++;
        }
        pos += len;
    }
    if (added) {
        append_new_entry(out, added);
        nb++;
    }

    int64_t new_off = 0;
    if (nb) {
        new_off = qcow2_alloc_clusters(bs, out->len);
        if (new_off < 0) {
            ret = (int)new_off;
            error_setg_errno(errp, -ret, "Could not allocate the snapshot "
                             "table");
            goto out;
        }
        ret = qcow2_cache_flush(bs, s->refcount_cache);
        if (ret == 0) {
            ret = bdrv_pwrite(bs->file, new_off, out->len, out->data, 0);
        }
        if (ret == 0) {
            ret = bdrv_flush(bs->file);
        }
        if (ret < 0) {
            qcow2_free_clusters(bs, (uint64_t)new_off, out->len);
            error_setg_errno(errp, -ret, "Could not write the snapshot table");
            goto out;
        }
    }
    uint8_t hdr[12];
    stl_be_p(hdr, nb);
    stq_be_p(hdr + 4, (uint64_t)new_off);
    ret = bdrv_pwrite(bs->file, QH_NB_SNAPSHOTS, sizeof(hdr), hdr, 0);
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret < 0) {
        if (nb) {
            qcow2_free_clusters(bs, (uint64_t)new_off, out->len);
        }
        error_setg_errno(errp, -ret, "Could not update the image header");
        goto out;
    }
    uint64_t old_off = s->snapshots_offset, old_size = s->snapshots_size;
    bool had = s->nb_snapshots != 0;
    qcow2_free_snapshots(s);
    s->nb_snapshots = nb;
    s->snapshots_offset = (uint64_t)new_off;
    s->snapshots_size = out->len;
    s->meta_gen++;
    if (had) {
        qcow2_free_clusters(bs, old_off, old_size);
    }
    ret = qcow2_read_snapshots(bs, errp);
out:
    g_free(old);
    g_byte_array_free(out, true);
    return ret;
}

/* Read snapshot @sn's L1 table, host endian, into a new array. */
static uint64_t *read_snapshot_l1(BlockDriverState *bs, const Qcow2Snapshot *sn,
                                  Error **errp)
{
    uint64_t *l1 = g_try_new0(uint64_t, MAX(sn->l1_size, 1));
    if (!l1) {
        error_setg(errp, "Could not allocate the snapshot L1 table");
        return NULL;
    }
    if (sn->l1_size) {
        int ret = bdrv_pread(bs->file, sn->l1_table_offset,
                             (int64_t)sn->l1_size * 8, l1, 0);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read the snapshot L1 "
                             "table");
            g_free(l1);
            return NULL;
        }
    }
    for (uint32_t i = 0; i < sn->l1_size; i++) {
        l1[i] = be64_to_cpu(l1[i]);
    }
    return l1;
}

static int check_writable(BlockDriverState *bs, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    if (s->read_only) {
        error_setg(errp, "Image is read-only");
        return -EACCES;
    }
    if (s->corrupt) {
        error_setg(errp, "Image is corrupt; cannot modify its snapshots");
        return -EIO;
    }
    return 0;
}

int qcow2_snapshot_create(BlockDriverState *bs, const QEMUSnapshotInfo *info,
                          Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    int ret = check_writable(bs, errp);
    if (ret < 0) {
        return ret;
    }
    if (s->nb_snapshots >= QCOW_MAX_SNAPSHOTS) {
        error_setg(errp, "Too many snapshots");
        return -EFBIG;
    }
    /* The ID is one more than the largest numeric ID in use, as QEMU's. */
    unsigned long max_id = 0;
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        unsigned long id = strtoul(s->snapshots[i].id_str, NULL, 10);
        max_id = MAX(max_id, id);
    }
    char id_str[32];
    snprintf(id_str, sizeof(id_str), "%lu", max_id + 1);

    Qcow2Snapshot sn = {
        .l1_size = s->l1_size,
        .id_str = id_str,
        .name = (char *)info->name,
        .disk_size = s->size,
        .vm_state_size = info->vm_state_size,
        .date_sec = info->date_sec,
        .date_nsec = info->date_nsec,
        .vm_clock_nsec = info->vm_clock_nsec,
        .icount = (int64_t)info->icount,
    };

    /* 1. A copy of the active L1 table (COPIED flags do not apply to it). */
    uint64_t l1_bytes = (uint64_t)s->l1_size * 8;
    int64_t l1_off = qcow2_alloc_clusters(bs, MAX(l1_bytes, 1));
    if (l1_off < 0) {
        error_setg_errno(errp, (int)-l1_off, "Could not allocate the "
                         "snapshot L1 table");
        return (int)l1_off;
    }
    sn.l1_table_offset = (uint64_t)l1_off;
    uint64_t *be = g_new(uint64_t, MAX(s->l1_size, 1));
    for (uint32_t i = 0; i < s->l1_size; i++) {
        be[i] = cpu_to_be64(s->l1_table[i] & ~QCOW_OFLAG_COPIED);
    }
    ret = qcow2_cache_flush(bs, s->refcount_cache);
    if (ret == 0 && l1_bytes) {
        ret = bdrv_pwrite(bs->file, l1_off, (int64_t)l1_bytes, be, 0);
    }
    g_free(be);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not write the snapshot L1 table");
        goto fail_l1;
    }

    /* 2. One more reference to everything the active image reaches. */
    ret = l1_tree_refcount(bs, s->l1_table, s->l1_size, 1);
    if (ret < 0) {
        /* A refcount at its maximum: QEMU's errno for the overflow. */
        if (ret == -ERANGE) {
            ret = -EINVAL;
        }
        error_setg_errno(errp, -ret, "Could not increase the refcounts");
        goto fail_l1;
    }
    ret = update_copied_flags(bs);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not update the L1/L2 tables");
        return ret;     /* the references stay: leaks at worst */
    }

    /* 3. The table names the snapshot: from here on it exists. */
    return rewrite_snapshot_table(bs, -1, &sn, errp);

fail_l1:
    qcow2_free_clusters(bs, (uint64_t)l1_off, MAX(l1_bytes, 1));
    qcow2_cache_flush(bs, s->refcount_cache);
    return ret;
}

/* QEMU's lookup for apply: an ID first, then a name. */
static int find_snapshot_by_id_or_name(BDRVQcow2State *s, const char *str)
{
    int i = find_snapshot(s, str, NULL);
    return i >= 0 ? i : find_snapshot(s, NULL, str);
}

int qcow2_snapshot_goto(BlockDriverState *bs, const char *id_or_name,
                        Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    int ret = check_writable(bs, errp);
    if (ret < 0) {
        return ret;
    }
    int idx = find_snapshot_by_id_or_name(s, id_or_name);
    if (idx < 0) {
        error_setg_errno(errp, ENOENT, "Failed to load snapshot");
        return -ENOENT;
    }
    Qcow2Snapshot *sn = &s->snapshots[idx];
    if (sn->disk_size && sn->disk_size != s->size && s->version < 3) {
        error_setg(errp, "Can't apply a snapshot of a different size to a "
                   "compat=0.10 image");
        return -ENOTSUP;
    }
    uint64_t *sn_l1 = read_snapshot_l1(bs, sn, errp);
    if (!sn_l1) {
        return -EIO;
    }
    uint32_t sn_l1_size = sn->l1_size;
    uint64_t sn_disk_size = sn->disk_size ? sn->disk_size : s->size;

    /* The active table must hold all of the snapshot's entries. */
    ret = qcow2_grow_l1_table(bs, sn_l1_size);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not grow the L1 table");
        goto out;
    }
    /* 1. The snapshot's tree gains the active image's reference. */
    ret = l1_tree_refcount(bs, sn_l1, sn_l1_size, 1);
    if (ret < 0) {
        if (ret == -ERANGE) {
            ret = -EINVAL;
        }
        error_setg_errno(errp, -ret, "Could not increase the refcounts");
        goto out;
    }
    ret = qcow2_cache_flush(bs, s->refcount_cache);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not write the refcounts");
        goto out;
    }
    /* 2. The active L1 table on disk becomes the snapshot's. */
    uint32_t cur_size = s->l1_size;
    uint64_t *be = g_new0(uint64_t, MAX(cur_size, 1));
    for (uint32_t i = 0; i < sn_l1_size; i++) {
        be[i] = cpu_to_be64(sn_l1[i] & ~QCOW_OFLAG_COPIED);
    }
    ret = bdrv_pwrite(bs->file, s->l1_table_offset, (int64_t)cur_size * 8,
                      be, 0);
    g_free(be);
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not write the L1 table");
        goto out;
    }
    if (sn_disk_size != s->size) {
        ret = qcow2_update_header_fields(bs, QH_SIZE, 8, sn_disk_size);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not update the image size");
            goto out;
        }
        s->size = sn_disk_size;
    }
    /* 3. The old active tree loses its reference (clusters only it used
     * are freed); then the in-memory table follows the disk. */
    uint64_t *old_l1 = s->l1_table;
    uint64_t *new_l1 = g_new0(uint64_t, MAX(cur_size, 1));
    for (uint32_t i = 0; i < sn_l1_size; i++) {
        new_l1[i] = sn_l1[i] & ~QCOW_OFLAG_COPIED;
    }
    int dec = l1_tree_refcount(bs, old_l1, cur_size, -1);
    s->l1_table = new_l1;
    g_free(old_l1);
    s->meta_gen++;
    s->cluster_cache_offset = -1;
    ret = update_copied_flags(bs);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not update the L1/L2 tables");
        goto out;
    }
    if (dec < 0) {
        ret = dec;
        error_setg_errno(errp, -ret, "Could not release the old active "
                         "image's clusters");
    }
out:
    g_free(sn_l1);
    return ret;
}

int qcow2_snapshot_delete(BlockDriverState *bs, const char *id,
                          const char *name, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    int ret = check_writable(bs, errp);
    if (ret < 0) {
        return ret;
    }
    int idx = find_snapshot(s, id, name);
    if (idx < 0) {
        error_setg(errp, "Can't find the snapshot");
        return -ENOENT;
    }
    Qcow2Snapshot *sn = &s->snapshots[idx];
    uint64_t l1_off = sn->l1_table_offset;
    uint32_t l1_size = sn->l1_size;
    uint64_t *l1 = read_snapshot_l1(bs, sn, errp);
    if (!l1) {
        return -EIO;
    }
    /* 1. Out of the table first: a crash after this only leaks. */
    ret = rewrite_snapshot_table(bs, idx, NULL, errp);
    if (ret < 0) {
        goto out;
    }
    /* 2. Its references go; clusters nobody else reaches are freed. */
    ret = l1_tree_refcount(bs, l1, l1_size, -1);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not release the snapshot's "
                         "clusters");
        goto out;
    }
    qcow2_free_clusters(bs, l1_off, MAX((uint64_t)l1_size * 8, 1));
    /* 3. Clusters now referenced once may be written in place again. */
    ret = update_copied_flags(bs);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not update the L1/L2 tables");
    }
out:
    g_free(l1);
    return ret;
}

/*
 * commit's emptying: the active image drops its whole tree, the way a
 * deleted snapshot drops its own (the L1 entries are cleared first, so a
 * crash leaks clusters at worst); reads then fall through to the backing
 * file.  The file is not shrunk (QEMU rebuilds an emptied v3 image).
 */
int qcow2_make_empty(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    if (s->read_only) {
        return -EACCES;
    }
    if (s->corrupt) {
        return -EIO;
    }
    uint32_t n = s->l1_size;
    uint64_t *old = g_memdup2(s->l1_table, MAX(n, 1) * sizeof(uint64_t));
    uint64_t *zeros = g_new0(uint64_t, MAX(n, 1));
    int ret = n ? bdrv_pwrite(bs->file, s->l1_table_offset, (int64_t)n * 8,
                              zeros, 0) : 0;
    g_free(zeros);
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret < 0) {
        g_free(old);
        return ret;
    }
    memset(s->l1_table, 0, (size_t)n * sizeof(uint64_t));
    s->meta_gen++;
    s->cluster_cache_offset = -1;
    ret = l1_tree_refcount(bs, old, n, -1);
    g_free(old);
    if (ret == 0) {
        ret = qcow2_cache_flush(bs, s->refcount_cache);
    }
    return ret;
}
