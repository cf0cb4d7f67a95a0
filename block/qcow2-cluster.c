/*
 * qcow2 guest-to-host mapping: L1/L2 lookups, L2 table allocation, and the
 * write-side operations that change the mapping (allocating writes with
 * copy-on-write of partial clusters, zero clusters, discard, compressed
 * clusters, metadata preallocation).  Data is always written before the
 * L2 entry that points to it; refcounts before both (see qcow2.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>

#include "qcow2.h"
#include "qemu/bswap.h"

Qcow2ClusterType qcow2_get_cluster_type(BDRVQcow2State *s, uint64_t l2_entry)
{
    if (l2_entry & QCOW_OFLAG_COMPRESSED) {
        return QCOW2_CLUSTER_COMPRESSED;
    }
    /* With extended L2 entries, zeros are in the bitmap (bit 0 reserved). */
    if ((l2_entry & QCOW_OFLAG_ZERO) && s->version >= 3 && !s->extended_l2) {
        return (l2_entry & L2E_OFFSET_MASK) ? QCOW2_CLUSTER_ZERO_ALLOC
                                            : QCOW2_CLUSTER_ZERO_PLAIN;
    }
    /* Offset 0 means unallocated, except in an external data file, where
     * guest cluster 0 lives at 0: there the COPIED flag (always set, as
     * every data cluster is ours alone) tells them apart, as in QEMU. */
    bool mapped = (l2_entry & L2E_OFFSET_MASK) ||
                  (qcow2_has_data_file(s) && (l2_entry & QCOW_OFLAG_COPIED));
    return mapped ? QCOW2_CLUSTER_NORMAL : QCOW2_CLUSTER_UNALLOCATED;
}

void qcow2_set_l2_geometry(BDRVQcow2State *s, bool extended_l2)
{
    s->extended_l2 = extended_l2;
    s->l2_entry_size = extended_l2 ? 16 : 8;
    s->l2_bits = s->cluster_bits - (extended_l2 ? 4 : 3);
    s->l2_size = 1 << s->l2_bits;
    s->subclusters = extended_l2 ? 32 : 1;
    s->subcluster_bits = s->cluster_bits - (extended_l2 ? 5 : 0);
}

/*
 * Extended L2: a subcluster's state from its cluster's entry and bitmap,
 * per the spec's table.  Allocated and zero at once, or allocated in an
 * unallocated cluster, is invalid.
 */
int qcow2_get_subcluster_type(BDRVQcow2State *s, uint64_t l2_entry,
                              uint64_t bitmap, int sc)
{
    Qcow2ClusterType ct = qcow2_get_cluster_type(s, l2_entry);
    if (!s->extended_l2 || ct == QCOW2_CLUSTER_COMPRESSED) {
        return ct;
    }
    bool alloc = bitmap & (1ULL << sc);
    bool zero = bitmap & (1ULL << (32 + sc));
    if (ct == QCOW2_CLUSTER_NORMAL) {
        if (alloc && zero) {
            return -1;
        }
        return alloc ? QCOW2_CLUSTER_NORMAL
               : zero ? QCOW2_CLUSTER_ZERO_ALLOC
                      : QCOW2_SUBCLUSTER_UNALLOCATED_ALLOC;
    }
    if (alloc) {
        return -1;
    }
    return zero ? QCOW2_CLUSTER_ZERO_PLAIN : QCOW2_CLUSTER_UNALLOCATED;
}

void qcow2_compressed_location(BDRVQcow2State *s, uint64_t l2_entry,
                               uint64_t *host, uint64_t *csize)
{
    *host = l2_entry & s->cluster_offset_mask;
    uint64_t nb_sectors = ((l2_entry >> s->csize_shift) & s->csize_mask) + 1;
    *csize = nb_sectors * 512 - (*host & 511);
}

/* Validated L2 table offset for @l1_index; 0 when unallocated. */
static int64_t l2_offset_for(BlockDriverState *bs, uint64_t l1_index)
{
    BDRVQcow2State *s = bs->opaque;
    if (l1_index >= s->l1_size) {
        return 0;
    }
    uint64_t off = s->l1_table[l1_index] & L1E_OFFSET_MASK;
    if (!off) {
        return 0;
    }
    if (offset_into_cluster(s, off)) {
        qcow2_signal_corruption(bs, "L2 table offset %#" PRIx64 " unaligned "
                                "(L1 index: %#" PRIx64 ")", off, l1_index);
        return -EIO;
    }
    if (off < (uint64_t)s->cluster_size) {
        qcow2_signal_corruption(bs, "L2 table at offset %#" PRIx64
                                " overlaps the image header (L1 index: %#"
                                PRIx64 ")", off, l1_index);
        return -EIO;
    }
    return (int64_t)off;
}

/*
 * qcow2_get_host_offset for extended L2 tables: the run of subclusters
 * from @offset with the same state (and, when mapped, contiguous host
 * bytes), up to *@bytes within this L2 table.
 */
static int host_offset_ext(BlockDriverState *bs, const uint8_t *t,
                           uint64_t l2_index, uint64_t l2_off, uint64_t offset,
                           uint64_t *bytes, uint64_t *l2_entry,
                           Qcow2ClusterType *type)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t cs = s->cluster_size, scs = 1ULL << s->subcluster_bits;
    uint64_t in_cluster = offset_into_cluster(s, offset);
    uint64_t first = l2_entry_get(s, t, l2_index);
    int ty = qcow2_get_subcluster_type(s, first, l2_bitmap_get(s, t, l2_index),
                                       (int)(in_cluster >> s->subcluster_bits));
    if (ty < 0) {
        /* QEMU's words, double space included. */
        qcow2_signal_corruption(bs, "Invalid cluster entry found  (L2 offset: "
                                "%#" PRIx64 ", L2 index: %#x)",
                                l2_off, (unsigned)l2_index);
        return -EIO;
    }
    bool mapped = ty == QCOW2_CLUSTER_NORMAL || ty == QCOW2_CLUSTER_ZERO_ALLOC ||
                  ty == QCOW2_SUBCLUSTER_UNALLOCATED_ALLOC;
    if (mapped && offset_into_cluster(s, first & L2E_OFFSET_MASK)) {
        qcow2_signal_corruption(bs, "Cluster allocation offset %#" PRIx64
                                " unaligned (L2 offset: %#" PRIx64
                                ", L2 index: %#" PRIx64 ")",
                                (uint64_t)(first & L2E_OFFSET_MASK), l2_off,
                                l2_index);
        return -EIO;
    }
    uint64_t want = *bytes;
    uint64_t done;
    if (ty == QCOW2_CLUSTER_COMPRESSED) {
        done = cs - in_cluster;
    } else {
        /* Walk subcluster by subcluster; stop at a change of state. */
        uint64_t pos = in_cluster;     /* relative to the first cluster */
        uint64_t host0 = first & L2E_OFFSET_MASK;
        for (;;) {
            pos = (pos | (scs - 1)) + 1;
            if (pos - in_cluster >= want) {
                break;
            }
            uint64_t idx = l2_index + (pos >> s->cluster_bits);
            uint64_t e = l2_entry_get(s, t, idx);
            int t2 = qcow2_get_subcluster_type(
                s, e, l2_bitmap_get(s, t, idx),
                (int)((pos & (cs - 1)) >> s->subcluster_bits));
            if (t2 != ty) {
                break;
            }
            if (mapped && (e & L2E_OFFSET_MASK) !=
                host0 + (pos & ~(cs - 1))) {
                break;
            }
        }
        done = pos - in_cluster;
    }
    if (*bytes > done) {
        *bytes = done;
    }
    *l2_entry = first;
    *type = ty;
    return 0;
}

int qcow2_get_host_offset(BlockDriverState *bs, uint64_t offset,
                          uint64_t *bytes, uint64_t *l2_entry,
                          Qcow2ClusterType *type)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l1_index = offset_to_l1_index(s, offset);
    uint64_t l2_index = offset_to_l2_index(s, offset);
    uint64_t in_cluster = offset_into_cluster(s, offset);
    /* At most to the end of this L2 table. */
    uint64_t max = ((uint64_t)(s->l2_size - l2_index) << s->cluster_bits) -
                   in_cluster;
    if (*bytes > max) {
        *bytes = max;
    }
    int64_t l2_off = l2_offset_for(bs, l1_index);
    if (l2_off < 0) {
        return (int)l2_off;
    }
    if (l2_off == 0) {
        *l2_entry = 0;
        *type = QCOW2_CLUSTER_UNALLOCATED;
        return 0;
    }
    void *table;
    int ret = qcow2_cache_get(bs, s->l2_cache, l2_off, &table);
    if (ret < 0) {
        return ret;
    }
    const uint8_t *t = table;
    if (s->extended_l2) {
        ret = host_offset_ext(bs, t, l2_index, (uint64_t)l2_off, offset, bytes,
                              l2_entry, type);
        qcow2_cache_put(s->l2_cache, &table);
        return ret;
    }
    uint64_t first = l2_entry_get(s, t, l2_index);
    Qcow2ClusterType ty = qcow2_get_cluster_type(s, first);
    uint64_t nclusters = (in_cluster + *bytes + s->cluster_size - 1) >>
                         s->cluster_bits;
    uint64_t n = 1;
    if (ty == QCOW2_CLUSTER_NORMAL || ty == QCOW2_CLUSTER_ZERO_ALLOC) {
        uint64_t host = first & L2E_OFFSET_MASK;
        if (offset_into_cluster(s, host)) {
            qcow2_cache_put(s->l2_cache, &table);
            qcow2_signal_corruption(bs, "Cluster allocation offset %#" PRIx64
                                    " unaligned (L2 offset: %#" PRIx64
                                    ", L2 index: %#" PRIx64 ")", host,
                                    (uint64_t)l2_off, l2_index);
            return -EIO;
        }
    }
    if (ty != QCOW2_CLUSTER_COMPRESSED) {
        for (; n < nclusters; n++) {
            uint64_t e = l2_entry_get(s, t, l2_index + n);
            if (qcow2_get_cluster_type(s, e) != ty) {
                break;
            }
            if (ty == QCOW2_CLUSTER_NORMAL &&
                (e & (L2E_OFFSET_MASK | QCOW_OFLAG_COPIED)) !=
                ((first & (L2E_OFFSET_MASK | QCOW_OFLAG_COPIED)) +
                 (n << s->cluster_bits))) {
                break;
            }
        }
    }
    qcow2_cache_put(s->l2_cache, &table);
    uint64_t avail = (n << s->cluster_bits) - in_cluster;
    if (*bytes > avail) {
        *bytes = avail;
    }
    *l2_entry = first;
    *type = ty;
    return 0;
}

/* The L2 table for @l1_index, allocating (zeroed) when asked. */
static int get_l2_table(BlockDriverState *bs, uint64_t l1_index, bool alloc,
                        void **table, uint64_t *l2_offset)
{
    BDRVQcow2State *s = bs->opaque;
    if (l1_index >= s->l1_size) {
        int ret = qcow2_grow_l1_table(bs, l1_index + 1);
        if (ret < 0) {
            return ret;
        }
    }
    int64_t off = l2_offset_for(bs, l1_index);
    if (off < 0) {
        return (int)off;
    }
    if (off && (s->l1_table[l1_index] & QCOW_OFLAG_COPIED)) {
        *l2_offset = off;
        return qcow2_cache_get(bs, s->l2_cache, off, table);
    }
    if (!alloc) {
        *table = NULL;
        return 0;
    }
    /* New table (or copy of a shared one, e.g. from a snapshot). */
    int64_t new_off = qcow2_alloc_clusters(bs, s->cluster_size);
    if (new_off < 0) {
        return (int)new_off;
    }
    void *nt;
    int ret = qcow2_cache_get_empty(bs, s->l2_cache, new_off, &nt);
    if (ret < 0) {
        return ret;
    }
    if (off) {
        void *old;
        ret = qcow2_cache_get(bs, s->l2_cache, off, &old);
        if (ret < 0) {
            qcow2_cache_put(s->l2_cache, &nt);
            return ret;
        }
        memcpy(nt, old, s->cluster_size);
        qcow2_cache_put(s->l2_cache, &old);
        /* Entries now have one more referrer: drop their COPIED flags. */
        for (int i = 0; i < s->l2_size; i++) {
            l2_entry_set(s, nt, i, l2_entry_get(s, nt, i) & ~QCOW_OFLAG_COPIED);
        }
    }
    qcow2_cache_mark_dirty(s->l2_cache, nt);
    /* Table and its refcount on disk before the L1 entry names it (also
     * with lazy refcounts, as QEMU: only data clusters' refcounts lag). */
    ret = qcow2_cache_flush(bs, s->refcount_cache);
    if (ret == 0) {
        ret = qcow2_cache_flush(bs, s->l2_cache);
    }
    if (ret < 0) {
        qcow2_cache_put(s->l2_cache, &nt);
        return ret;
    }
    s->l1_table[l1_index] = new_off | QCOW_OFLAG_COPIED;
    ret = qcow2_write_l1_entry(bs, (int)l1_index);
    if (ret < 0) {
        s->l1_table[l1_index] = off ? (off | 0) : 0;
        qcow2_cache_put(s->l2_cache, &nt);
        return ret;
    }
    if (off) {
        /* The old shared table loses a referrer. */
        qcow2_free_clusters(bs, off, s->cluster_size);
    }
    *table = nt;
    *l2_offset = new_off;
    return 0;
}

static void free_l2_entry_target(BlockDriverState *bs, uint64_t entry);

/*
 * Release what the overwritten L2 entries @old[0..n) referenced: runs of
 * host-contiguous data clusters in one refcount update (and one hole
 * punch unless @punched: punch_sole_owned did it), compressed clusters
 * one by one.
 */
static void free_l2_entry_targets(BlockDriverState *bs, const uint64_t *old,
                                  uint64_t n, bool punched)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t run_start = 0, run_len = 0;
    for (uint64_t i = 0; i <= n; i++) {
        Qcow2ClusterType ty = i < n ? qcow2_get_cluster_type(s, old[i])
                                    : QCOW2_CLUSTER_UNALLOCATED;
        bool plain = !qcow2_has_data_file(s) &&
                     (ty == QCOW2_CLUSTER_NORMAL ||
                      ty == QCOW2_CLUSTER_ZERO_ALLOC);
        uint64_t host = plain ? old[i] & L2E_OFFSET_MASK : 0;
        if (plain && run_len && host == run_start + run_len) {
            run_len += s->cluster_size;
            continue;
        }
        if (run_len && punched) {
            qcow2_free_clusters_punched(bs, run_start, run_len);
            run_len = 0;
        } else if (run_len) {
            qcow2_free_clusters(bs, run_start, run_len);
            run_len = 0;
        }
        if (plain) {
            run_start = host;
            run_len = s->cluster_size;
        } else if (i < n) {
            free_l2_entry_target(bs, old[i]);
        }
    }
}

/* Release what an overwritten L2 entry referenced. */
static void free_l2_entry_target(BlockDriverState *bs, uint64_t entry)
{
    BDRVQcow2State *s = bs->opaque;
    if (qcow2_has_data_file(s)) {
        return;     /* data clusters are not refcounted */
    }
    switch (qcow2_get_cluster_type(s, entry)) {
    case QCOW2_CLUSTER_NORMAL:
    case QCOW2_CLUSTER_ZERO_ALLOC:
        qcow2_free_clusters(bs, entry & L2E_OFFSET_MASK, s->cluster_size);
        break;
    case QCOW2_CLUSTER_COMPRESSED: {
        uint64_t host, csize;
        qcow2_compressed_location(s, entry, &host, &csize);
        uint64_t start = host & ~511ULL;
        qcow2_free_clusters(bs, start, host + csize - start);
        break;
    }
    default:
        break;
    }
}

static bool entry_writable_in_place(BDRVQcow2State *s, uint64_t e)
{
    return qcow2_get_cluster_type(s, e) == QCOW2_CLUSTER_NORMAL &&
           (e & QCOW_OFLAG_COPIED);
}

/* Undo an allocation whose mapping was not made (none with a data file). */
static void release_new_clusters(BlockDriverState *bs, int64_t host,
                                 uint64_t bytes)
{
    BDRVQcow2State *s = bs->opaque;
    if (!qcow2_has_data_file(s)) {
        qcow2_free_clusters(bs, host, bytes);
    }
}

/* What metadata [host, host+len) would overwrite, or NULL. */
static const char *overlapped_metadata(BDRVQcow2State *s, uint64_t host,
                                       uint64_t len)
{
    uint64_t end = host + len;
    if (host < (uint64_t)s->cluster_size) {
        return "qcow2_header";
    }
    uint64_t l1_end = s->l1_table_offset + (uint64_t)s->l1_size * 8;
    if (s->l1_size && host < l1_end && end > s->l1_table_offset) {
        return "active L1 table";
    }
    uint64_t rt_end = s->refcount_table_offset +
                      ((uint64_t)s->refcount_table_clusters << s->cluster_bits);
    if (host < rt_end && end > s->refcount_table_offset) {
        return "refcount table";
    }
    if (s->nb_snapshots && host < s->snapshots_offset + s->snapshots_size &&
        end > s->snapshots_offset) {
        return "snapshot table";
    }
    /* L2 tables and refcount blocks, from a set kept in step with L1 and
     * the refcount table. */
    if (!s->meta_set || s->meta_set_gen != s->meta_gen ||
        s->meta_set_l1 != s->l1_table || s->meta_set_rt != s->refcount_table) {
        if (!s->meta_set) {
            s->meta_set = g_hash_table_new(g_direct_hash, g_direct_equal);
        }
        g_hash_table_remove_all(s->meta_set);
        for (uint32_t i = 0; i < s->l1_size; i++) {
            uint64_t o = s->l1_table[i] & L1E_OFFSET_MASK;
            if (o) {
                g_hash_table_add(s->meta_set,
                                 GSIZE_TO_POINTER((gsize)(o >> s->cluster_bits)));
            }
        }
        for (uint64_t i = 0; i < s->refcount_table_size; i++) {
            uint64_t o = s->refcount_table[i] & REFT_OFFSET_MASK;
            if (o) {
                g_hash_table_add(s->meta_set,
                                 GSIZE_TO_POINTER((gsize)(o >> s->cluster_bits) |
                                                  ((gsize)1 << 62)));
            }
        }
        s->meta_set_gen = s->meta_gen;
        s->meta_set_l1 = s->l1_table;
        s->meta_set_rt = s->refcount_table;
    }
    for (uint64_t c = host >> s->cluster_bits; c <= (end - 1) >> s->cluster_bits;
         c++) {
        if (g_hash_table_contains(s->meta_set, GSIZE_TO_POINTER((gsize)c))) {
            return "active L2 table";
        }
        if (g_hash_table_contains(s->meta_set,
                                  GSIZE_TO_POINTER((gsize)c | ((gsize)1 << 62)))) {
            return "refcount block";
        }
    }
    return NULL;
}

/*
 * Write [offset, offset+bytes) of guest data: in place where the clusters
 * are ours alone, otherwise into newly allocated contiguous clusters with
 * the unwritten head/tail of the first/last cluster copied from the old
 * contents.  Works one L2 table at a time.
 */
/*
 * Extended L2: write [offset, offset+run) inside one cluster.  Only the
 * subclusters it touches are written (their untouched edges keep what
 * they read as before) and marked allocated, in place when the cluster is
 * ours alone, else in a new cluster; a cluster shared with a snapshot or
 * compressed is copied whole.
 */
static int write_cluster_ext(BlockDriverState *bs, uint64_t offset,
                             uint64_t run, const uint8_t *buf,
                             int64_t new_host)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t cs = s->cluster_size, scs = 1ULL << s->subcluster_bits;
    uint64_t l2_index = offset_to_l2_index(s, offset);
    uint64_t in_cluster = offset_into_cluster(s, offset);
    uint64_t gstart = offset - in_cluster;
    void *table;
    uint64_t l2_off;
    int ret = get_l2_table(bs, offset_to_l1_index(s, offset), true, &table,
                           &l2_off);
    if (ret < 0) {
        return ret;
    }
    uint64_t e = l2_entry_get(s, table, l2_index);
    uint64_t bitmap = l2_bitmap_get(s, table, l2_index);
    qcow2_cache_put(s->l2_cache, &table);
    Qcow2ClusterType ct = qcow2_get_cluster_type(s, e);
    bool in_place = entry_writable_in_place(s, e);
    bool whole = !in_place && ct != QCOW2_CLUSTER_UNALLOCATED;
    /* The bytes to write: whole subclusters, or the whole cluster. */
    uint64_t a = whole ? 0 : in_cluster & ~(scs - 1);
    uint64_t z = whole ? cs : MIN(ROUND_UP(in_cluster + run, scs), cs);
    uint8_t *bounce = g_try_malloc(z - a);
    if (!bounce) {
        return -ENOMEM;
    }
    uint64_t vend = MIN(gstart + z, s->size);
    if (in_cluster > a) {
        ret = qcow2_pread_internal(bs, gstart + a, in_cluster - a, bounce);
    }
    uint64_t tail = offset + run;
    memset(bounce + (tail - gstart - a), 0, z - (tail - gstart));
    if (ret == 0 && vend > tail) {
        ret = qcow2_pread_internal(bs, tail, vend - tail,
                                   bounce + (tail - gstart - a));
    }
    memcpy(bounce + in_cluster - a, buf, run);
    int64_t host;
    if (in_place) {
        host = e & L2E_OFFSET_MASK;
    } else if (new_host >= 0) {
        host = new_host;    /* allocated with its neighbours by the caller */
    } else {
        host = qcow2_has_data_file(s) ? (int64_t)gstart
                                      : qcow2_alloc_clusters(bs, cs);
    }
    if (ret == 0 && host < 0) {
        ret = (int)host;
    }
    if (ret == 0) {
        ret = qcow2_data_pwrite(bs, host + a, z - a, bounce);
    }
    g_free(bounce);
    if (ret == 0 && !in_place &&
        (s->compatible_features & QCOW2_COMPAT_LAZY_REFCOUNTS)) {
        ret = qcow2_mark_dirty(bs);
    }
    if (ret == 0) {
        ret = qcow2_cache_get(bs, s->l2_cache, l2_off, &table);
    }
    if (ret < 0) {
        if (!in_place && host >= 0) {
            release_new_clusters(bs, host, cs);
        }
        return ret;
    }
    uint64_t bits = l2_bitmap_range((int)(a >> s->subcluster_bits),
                                    (int)(z >> s->subcluster_bits));
    if (whole) {
        bitmap = QCOW_L2_BITMAP_ALL_ALLOC;
    } else {
        bitmap = (bitmap | bits) & ~(bits << 32);
    }
    l2_entry_set(s, table, l2_index, (uint64_t)host | QCOW_OFLAG_COPIED);
    l2_bitmap_set(s, table, l2_index, bitmap);
    qcow2_cache_mark_dirty(s->l2_cache, table);
    qcow2_cache_put(s->l2_cache, &table);
    if (whole) {
        /* The new mapping is on disk before the old cluster can be reused. */
        ret = qcow2_cache_flush(bs, s->l2_cache);
        if (ret == 0) {
            free_l2_entry_target(bs, e);
        }
    }
    return ret;
}

/*
 * Extended L2: how many clusters from @offset's, within @bytes and this
 * L2 table, cannot be written in place (0 when the first one can).
 */
static int new_clusters_ahead(BlockDriverState *bs, uint64_t offset,
                              uint64_t bytes, uint64_t *count)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l2_index = offset_to_l2_index(s, offset);
    uint64_t n = MIN((offset_into_cluster(s, offset) + bytes +
                      s->cluster_size - 1) >> s->cluster_bits,
                     (uint64_t)(s->l2_size - l2_index));
    void *table;
    uint64_t l2_off;
    *count = 0;
    /* The L2 table first, as QEMU places it before the data. */
    int ret = get_l2_table(bs, offset_to_l1_index(s, offset), true, &table,
                           &l2_off);
    if (ret < 0) {
        return ret;
    }
    while (*count < n &&
           !entry_writable_in_place(s, l2_entry_get(s, table,
                                                    l2_index + *count))) {
        (*count)++;
    }
    qcow2_cache_put(s->l2_cache, &table);
    return 0;
}

/*
 * Write guest data.  With @drop_lock (see read_clusters in qcow2.c),
 * writes into clusters this image owns alone go to the data file without
 * bs->lock; allocation, copy-on-write and the L2 update stay under it.
 */
static int write_clusters(BlockDriverState *bs, uint64_t offset,
                          uint64_t bytes, const uint8_t *buf, bool drop_lock)
{
    BDRVQcow2State *s = bs->opaque;
    while (s->extended_l2 && bytes > 0) {
        /* Clusters of the request that need new host clusters get them in
         * one contiguous allocation (as QEMU allocates them). */
        int64_t host = -1;
        uint64_t k = 0;
        int ret = new_clusters_ahead(bs, offset, bytes, &k);
        if (ret < 0) {
            return ret;
        }
        if (k > 1 && !qcow2_has_data_file(s)) {
            host = qcow2_alloc_clusters(bs, k << s->cluster_bits);
            if (host < 0) {
                return (int)host;
            }
        }
        for (uint64_t i = 0; i < MAX(k, 1) && bytes > 0; i++) {
            uint64_t run = MIN(bytes, s->cluster_size -
                                      offset_into_cluster(s, offset));
            ret = write_cluster_ext(bs, offset, run, buf,
                                    host < 0 ? -1
                                             : host + (int64_t)(i << s->cluster_bits));
            if (ret < 0) {
                if (host >= 0 && i + 1 < k) {
                    qcow2_free_clusters(bs, host + ((i + 1) << s->cluster_bits),
                                        (k - i - 1) << s->cluster_bits);
                }
                return ret;
            }
            offset += run;
            bytes -= run;
            buf += run;
        }
    }
    while (bytes > 0) {
        uint64_t l1_index = offset_to_l1_index(s, offset);
        uint64_t l2_index = offset_to_l2_index(s, offset);
        uint64_t in_cluster = offset_into_cluster(s, offset);
        uint64_t max = ((uint64_t)(s->l2_size - l2_index) << s->cluster_bits) -
                       in_cluster;
        uint64_t n = MIN(bytes, max);
        void *table;
        uint64_t l2_off;
        int ret = get_l2_table(bs, l1_index, true, &table, &l2_off);
        if (ret < 0) {
            return ret;
        }
        uint8_t *t = table;
        uint64_t nclusters = (in_cluster + n + s->cluster_size - 1) >>
                             s->cluster_bits;
        uint64_t e0 = l2_entry_get(s, t, l2_index);
        bool in_place = entry_writable_in_place(s, e0);
        uint64_t k = 1;
        for (; k < nclusters; k++) {
            uint64_t e = l2_entry_get(s, t, l2_index + k);
            if (entry_writable_in_place(s, e) != in_place) {
                break;
            }
            if (in_place && (e & L2E_OFFSET_MASK) !=
                (e0 & L2E_OFFSET_MASK) + (k << s->cluster_bits)) {
                break;
            }
        }
        uint64_t run = MIN(n, (k << s->cluster_bits) - in_cluster);
        if (in_place) {
            uint64_t host = (e0 & L2E_OFFSET_MASK) + in_cluster;
            qcow2_cache_put(s->l2_cache, &table);
            const char *what = qcow2_has_data_file(s) ? NULL
                               : overlapped_metadata(s, host, run);
            if (what) {
                qcow2_signal_corruption(bs, "Preventing invalid write on "
                                        "metadata (overlaps with %s)", what);
                return -EIO;
            }
            if (drop_lock && !s->crypto && !s->legacy_aes) {
                BlockDriverState *data = qcow2_data_bs(bs);
                bdrv_data_io_begin(bs);
                ret = bdrv_pwrite(data, host, run, buf, 0);
                bdrv_data_io_end(bs);
            } else {
                ret = qcow2_data_pwrite(bs, host, run, buf);
            }
            if (ret < 0) {
                return ret;
            }
        } else {
            /* Allocate k clusters; build the full-cluster image of them. */
            qcow2_cache_put(s->l2_cache, &table);
            uint64_t alloc_bytes = k << s->cluster_bits;
            /* An external data file maps each guest cluster to itself. */
            int64_t host = qcow2_has_data_file(s)
                           ? (int64_t)(offset - in_cluster)
                           : qcow2_alloc_clusters(bs, alloc_bytes);
            if (host < 0) {
                return (int)host;
            }
            uint64_t guest_start = offset - in_cluster;
            uint64_t tail = alloc_bytes - in_cluster - run;
            uint8_t *bounce = NULL;
            if (in_cluster || tail) {
                bounce = g_try_malloc(alloc_bytes);
                if (!bounce) {
                    release_new_clusters(bs, host, alloc_bytes);
                    return -ENOMEM;
                }
                uint64_t vend = MIN(guest_start + alloc_bytes, s->size);
                if (in_cluster) {
                    ret = qcow2_pread_internal(bs, guest_start, in_cluster,
                                               bounce);
                }
                if (ret == 0 && tail) {
                    uint64_t tstart = offset + run;
                    memset(bounce + in_cluster + run, 0, tail);
                    if (vend > tstart) {
                        ret = qcow2_pread_internal(bs, tstart, vend - tstart,
                                                   bounce + in_cluster + run);
                    }
                }
                memcpy(bounce + in_cluster, buf, run);
                if (ret == 0) {
                    ret = qcow2_data_pwrite(bs, host, alloc_bytes, bounce);
                }
                g_free(bounce);
            } else if (drop_lock && !s->crypto && !s->legacy_aes &&
                       !qcow2_has_data_file(s)) {
                /* Whole new clusters, not linked yet: nothing else can
                 * reach them, so their data goes out without the lock
                 * (convert -m writes in parallel, as under QEMU). */
                BlockDriverState *data = qcow2_data_bs(bs);
                bdrv_data_io_begin(bs);
                ret = bdrv_pwrite(data, host, alloc_bytes, buf, 0);
                bdrv_data_io_end(bs);
            } else {
                ret = qcow2_data_pwrite(bs, host, alloc_bytes, buf);
            }
            if (ret < 0) {
                release_new_clusters(bs, host, alloc_bytes);
                return ret;
            }
            /* Lazy refcounts: the dirty bit goes on disk before the first
             * new mapping whose refcount may lag (as QEMU, only here: in
             * place, zero, discard and compressed writes leave it). */
            if (s->compatible_features & QCOW2_COMPAT_LAZY_REFCOUNTS) {
                ret = qcow2_mark_dirty(bs);
                if (ret < 0) {
                    release_new_clusters(bs, host, alloc_bytes);
                    return ret;
                }
            }
            /* Look the table up again: while the lock was dropped it may
             * have been copied for a snapshot or evicted. */
            ret = get_l2_table(bs, l1_index, true, &table, &l2_off);
            if (ret < 0) {
                return ret;
            }
            t = table;
            uint64_t old[64];
            uint64_t nold = 0;
            for (uint64_t i = 0; i < k; i++) {
                uint64_t e = l2_entry_get(s, t, l2_index + i);
                l2_entry_set(s, t, l2_index + i,
                             ((uint64_t)host + (i << s->cluster_bits)) |
                             QCOW_OFLAG_COPIED);
                if (qcow2_get_cluster_type(s, e) != QCOW2_CLUSTER_UNALLOCATED &&
                    qcow2_get_cluster_type(s, e) != QCOW2_CLUSTER_ZERO_PLAIN) {
                    if (nold == 64) {
                        /* Write the table out before freeing more. */
                        qcow2_cache_mark_dirty(s->l2_cache, table);
                        ret = qcow2_cache_flush(bs, s->l2_cache);
                        for (uint64_t j = 0; j < nold && ret == 0; j++) {
                            free_l2_entry_target(bs, old[j]);
                        }
                        nold = 0;
                    }
                    old[nold++] = e;
                }
            }
            qcow2_cache_mark_dirty(s->l2_cache, table);
            qcow2_cache_put(s->l2_cache, &table);
            if (nold) {
                /* The new mapping reaches the disk before the old clusters
                 * can be reused. */
                ret = qcow2_cache_flush(bs, s->l2_cache);
                if (ret < 0) {
                    return ret;
                }
                for (uint64_t j = 0; j < nold; j++) {
                    free_l2_entry_target(bs, old[j]);
                }
            }
        }
        offset += run;
        bytes -= run;
        buf += run;
    }
    return 0;
}

int qcow2_write_clusters(BlockDriverState *bs, uint64_t offset,
                         uint64_t bytes, const uint8_t *buf)
{
    return write_clusters(bs, offset, bytes, buf, false);
}

int qcow2_write_clusters_parallel(BlockDriverState *bs, uint64_t offset,
                                  uint64_t bytes, const uint8_t *buf)
{
    return write_clusters(bs, offset, bytes, buf, true);
}

/*
 * Punch out the data clusters of the dropped L2 entries @old[0..n) that
 * nothing else references (refcount 1), before the L2 update is written,
 * as QEMU does: the hole then drops the clusters' dirty pages instead of
 * the L2 flush writing them out first.  A crash in between leaves entries
 * that point at clusters reading as zeros, which a discard or a zero write
 * allows; the refcounts change only after the flush, as before.  Returns
 * false (nothing punched) when the image does not pass discards through.
 */
static bool punch_sole_owned(BlockDriverState *bs, const uint64_t *old,
                             uint64_t n)
{
    BDRVQcow2State *s = bs->opaque;
    if (!s->discard_passthrough || qcow2_has_data_file(s)) {
        return false;
    }
    uint64_t run_start = 0, run_len = 0;
    for (uint64_t i = 0; i <= n; i++) {
        bool sole = false;
        uint64_t host = 0;
        if (i < n) {
            Qcow2ClusterType ty = qcow2_get_cluster_type(s, old[i]);
            uint64_t rc = 0;
            host = old[i] & L2E_OFFSET_MASK;
            sole = (ty == QCOW2_CLUSTER_NORMAL ||
                    ty == QCOW2_CLUSTER_ZERO_ALLOC) &&
                   qcow2_get_refcount(bs, host >> s->cluster_bits, &rc) == 0 &&
                   rc == 1;
        }
        if (sole && run_len && host == run_start + run_len) {
            run_len += s->cluster_size;
            continue;
        }
        if (run_len) {
            bdrv_pdiscard(bs->file, run_start, run_len);
            run_len = 0;
        }
        if (sole) {
            run_start = host;
            run_len = s->cluster_size;
        }
    }
    return true;
}

/*
 * Change the mapping of whole clusters [offset, offset+bytes) to "zero"
 * (zero_mode) or "unallocated/discarded" and free what they referenced.
 */
static int set_clusters_entry(BlockDriverState *bs, uint64_t offset,
                              uint64_t bytes, bool zero, bool keep_alloc,
                              bool discard)
{
    BDRVQcow2State *s = bs->opaque;
    while (bytes > 0) {
        uint64_t l1_index = offset_to_l1_index(s, offset);
        uint64_t l2_index = offset_to_l2_index(s, offset);
        uint64_t n = MIN(bytes >> s->cluster_bits,
                         (uint64_t)(s->l2_size - l2_index));
        void *table;
        uint64_t l2_off;
        /* Zeroing an unallocated table region over no backing: no-op. */
        bool need_table = zero && (qcow2_has_backing(bs) || keep_alloc);
        if (!need_table && (l1_index >= s->l1_size ||
                            !(s->l1_table[l1_index] & L1E_OFFSET_MASK))) {
            offset += n << s->cluster_bits;
            bytes -= n << s->cluster_bits;
            continue;
        }
        int ret = get_l2_table(bs, l1_index, true, &table, &l2_off);
        if (ret < 0) {
            return ret;
        }
        uint8_t *t = table;
        /* All the table's old entries are freed after one flush. */
        g_autofree uint64_t *old = g_new(uint64_t, n);
        uint64_t nold = 0;
        uint64_t done = 0;
        for (; done < n; done++) {
            uint64_t e = l2_entry_get(s, t, l2_index + done);
            uint64_t b = l2_bitmap_get(s, t, l2_index + done);
            Qcow2ClusterType ty = qcow2_get_cluster_type(s, e);
            uint64_t ne, nb = 0;
            if (s->extended_l2) {
                /* Zeros live in the bitmap; the entry keeps or drops the
                 * cluster. */
                if (zero && keep_alloc && entry_writable_in_place(s, e)) {
                    ne = e;
                    nb = QCOW_L2_BITMAP_ALL_ZERO;
                } else if (discard && ty == QCOW2_CLUSTER_UNALLOCATED &&
                           !qcow2_has_backing(bs)) {
                    ne = e;
                    nb = b;
                } else {
                    ne = 0;
                    nb = zero ? QCOW_L2_BITMAP_ALL_ZERO : 0;
                    if (ty != QCOW2_CLUSTER_UNALLOCATED) {
                        old[nold++] = e;
                    }
                }
            } else if (zero && keep_alloc && entry_writable_in_place(s, e)) {
                ne = e | QCOW_OFLAG_ZERO;     /* preallocated zero */
            } else if (zero && keep_alloc && ty == QCOW2_CLUSTER_ZERO_ALLOC) {
                ne = e;
            } else if (discard && ty == QCOW2_CLUSTER_UNALLOCATED &&
                       !qcow2_has_backing(bs)) {
                ne = e;     /* already reads as zero */
            } else {
                ne = zero ? QCOW_OFLAG_ZERO : 0;
                if (ty == QCOW2_CLUSTER_NORMAL || ty == QCOW2_CLUSTER_ZERO_ALLOC ||
                    ty == QCOW2_CLUSTER_COMPRESSED) {
                    old[nold++] = e;
                }
            }
            l2_entry_set(s, t, l2_index + done, ne);
            l2_bitmap_set(s, t, l2_index + done, nb);
        }
        qcow2_cache_mark_dirty(s->l2_cache, table);
        qcow2_cache_put(s->l2_cache, &table);
        if (nold) {
            bool punched = punch_sole_owned(bs, old, nold);
            ret = qcow2_cache_flush(bs, s->l2_cache);
            if (ret < 0) {
                return ret;
            }
            free_l2_entry_targets(bs, old, nold, punched);
        }
        offset += done << s->cluster_bits;
        bytes -= done << s->cluster_bits;
    }
    return 0;
}

int qcow2_zero_clusters(BlockDriverState *bs, uint64_t offset, uint64_t bytes,
                        int flags)
{
    BDRVQcow2State *s = bs->opaque;
    if (s->version < 3) {
        return -ENOTSUP;
    }
    if (qcow2_data_file_is_raw(s)) {
        /* The raw data file must read as zeros too. */
        int ret = bdrv_pwrite_zeroes(s->data_file, offset,
                                     MIN(bytes, s->size - offset), 0);
        if (ret < 0) {
            return ret;
        }
    }
    return set_clusters_entry(bs, offset, bytes, true,
                              !(flags & BDRV_REQ_MAY_UNMAP), false);
}

/*
 * Extended L2: make whole subclusters [offset, offset+bytes) of one
 * cluster read as zero through the bitmap.  -ENOTSUP when the cluster is
 * compressed or shared (the caller writes zeros instead).
 */
int qcow2_zero_subclusters(BlockDriverState *bs, uint64_t offset,
                           uint64_t bytes)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l2_index = offset_to_l2_index(s, offset);
    uint64_t in_cluster = offset_into_cluster(s, offset);
    void *table;
    uint64_t l2_off;
    int ret = get_l2_table(bs, offset_to_l1_index(s, offset), true, &table,
                           &l2_off);
    if (ret < 0) {
        return ret;
    }
    uint64_t e = l2_entry_get(s, table, l2_index);
    Qcow2ClusterType ct = qcow2_get_cluster_type(s, e);
    if (ct == QCOW2_CLUSTER_COMPRESSED ||
        (ct == QCOW2_CLUSTER_NORMAL && !(e & QCOW_OFLAG_COPIED))) {
        qcow2_cache_put(s->l2_cache, &table);
        return -ENOTSUP;
    }
    uint64_t bits = l2_bitmap_range(
        (int)(in_cluster >> s->subcluster_bits),
        (int)((in_cluster + bytes) >> s->subcluster_bits));
    uint64_t b = l2_bitmap_get(s, table, l2_index);
    l2_bitmap_set(s, table, l2_index, (b & ~bits) | (bits << 32));
    qcow2_cache_mark_dirty(s->l2_cache, table);
    qcow2_cache_put(s->l2_cache, &table);
    return 0;
}

int qcow2_discard_clusters(BlockDriverState *bs, uint64_t offset,
                           uint64_t bytes, bool full_discard)
{
    BDRVQcow2State *s = bs->opaque;
    /* As QEMU: unless full_discard, a discarded v3 cluster reads back as
     * zero (zero flag); v2 can only make it unallocated. */
    bool zero = !full_discard && s->version >= 3;
    int ret = set_clusters_entry(bs, offset, bytes, zero, false, true);
    if (ret == 0 && s->data_file) {
        /* Unmapped now: the data file may drop the bytes (a raw one then
         * reads zeros, as the image does). */
        bdrv_pdiscard(s->data_file, offset, MIN(bytes, s->size - offset));
    }
    return ret;
}

int qcow2_write_compressed_cluster(BlockDriverState *bs, uint64_t offset,
                                   const uint8_t *cdata, int csize)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l1_index = offset_to_l1_index(s, offset);
    uint64_t l2_index = offset_to_l2_index(s, offset);
    void *table;
    uint64_t l2_off;
    int ret = get_l2_table(bs, l1_index, true, &table, &l2_off);
    if (ret < 0) {
        return ret;
    }
    uint64_t e = l2_entry_get(s, table, l2_index);
    qcow2_cache_put(s->l2_cache, &table);
    Qcow2ClusterType ty = qcow2_get_cluster_type(s, e);
    if (ty != QCOW2_CLUSTER_UNALLOCATED && ty != QCOW2_CLUSTER_ZERO_PLAIN) {
        return -EIO;    /* as QEMU: compressed writes only to new clusters */
    }
    int64_t host = qcow2_alloc_bytes(bs, csize);
    if (host < 0) {
        return (int)host;
    }
    ret = bdrv_pwrite(bs->file, host, csize, cdata, 0);
    if (ret < 0) {
        return ret;
    }
    uint64_t nb_csectors = (((uint64_t)host + csize - 1) >> 9) -
                           ((uint64_t)host >> 9);
    uint64_t ne = QCOW_OFLAG_COMPRESSED | (uint64_t)host |
                  (nb_csectors << s->csize_shift);
    ret = qcow2_cache_get(bs, s->l2_cache, l2_off, &table);
    if (ret < 0) {
        return ret;
    }
    l2_entry_set(s, table, l2_index, ne);
    l2_bitmap_set(s, table, l2_index, 0);   /* reserved for compressed */
    qcow2_cache_mark_dirty(s->l2_cache, table);
    qcow2_cache_put(s->l2_cache, &table);
    return 0;
}

/* Allocate clusters for every unallocated cluster in the range. */
int qcow2_preallocate(BlockDriverState *bs, uint64_t offset, uint64_t bytes)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t end = offset + bytes;
    offset = start_of_cluster(s, offset);
    while (offset < end) {
        uint64_t l1_index = offset_to_l1_index(s, offset);
        uint64_t l2_index = offset_to_l2_index(s, offset);
        uint64_t n = MIN(size_to_clusters(s, end - offset),
                         (uint64_t)(s->l2_size - l2_index));
        void *table;
        uint64_t l2_off;
        int ret = get_l2_table(bs, l1_index, true, &table, &l2_off);
        if (ret < 0) {
            return ret;
        }
        qcow2_cache_put(s->l2_cache, &table);
        int64_t host = qcow2_has_data_file(s)
                       ? (int64_t)offset
                       : qcow2_alloc_clusters(bs, n << s->cluster_bits);
        if (host < 0) {
            return (int)host;
        }
        ret = qcow2_cache_get(bs, s->l2_cache, l2_off, &table);
        if (ret < 0) {
            return ret;
        }
        uint8_t *t = table;
        uint64_t unused_start = 0, unused = 0;
        for (uint64_t i = 0; i < n; i++) {
            uint64_t e = l2_entry_get(s, t, l2_index + i);
            if (qcow2_get_cluster_type(s, e) == QCOW2_CLUSTER_UNALLOCATED) {
                l2_entry_set(s, t, l2_index + i,
                             ((uint64_t)host + (i << s->cluster_bits)) |
                             QCOW_OFLAG_COPIED);
                /* Subclusters stay as they were (unallocated: backing or
                 * zeros show through), as QEMU preallocates. */
            } else {
                /* Already mapped: give the spare cluster back below. */
                if (!unused) {
                    unused_start = host + (i << s->cluster_bits);
                }
                unused++;
            }
        }
        qcow2_cache_mark_dirty(s->l2_cache, table);
        qcow2_cache_put(s->l2_cache, &table);
        if (unused) {
            /* Rare; free each spare cluster individually. */
            ret = qcow2_cache_get(bs, s->l2_cache, l2_off, &table);
            if (ret < 0) {
                return ret;
            }
            t = table;
            for (uint64_t i = 0; i < n; i++) {
                uint64_t h = host + (i << s->cluster_bits);
                bool used = false;
                for (uint64_t j = 0; j < n && !used; j++) {
                    used = (l2_entry_get(s, t, l2_index + j) &
                            L2E_OFFSET_MASK) == h;
                }
                if (!used) {
                    release_new_clusters(bs, h, s->cluster_size);
                }
            }
            qcow2_cache_put(s->l2_cache, &table);
            (void)unused_start;
        }
        offset += n << s->cluster_bits;
    }
    return 0;
}
