/*
 * qcow2 internal snapshots: parsing and validating the snapshot table so
 * that info can list snapshots and check/allocation can account for the
 * clusters they share.  Creating, applying or deleting snapshots is not
 * supported (writes to shared clusters copy them, which keeps snapshots
 * intact).  A read-only node can temporarily read a snapshot's contents
 * instead of the active image (convert -l).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
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
