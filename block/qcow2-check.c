/*
 * qcow2 consistency check and repair (`qemu-img check`), and the size
 * estimate for `qemu-img measure`.
 *
 * The check rebuilds every cluster's expected refcount from the metadata
 * (header, L1/L2 tables of the active image and of snapshots, data and
 * compressed clusters, refcount table and blocks, snapshot table) and
 * compares it with the on-disk refcounts: higher on disk is a leak, lower
 * is a corruption.  As QEMU, a first pass only reports ("Leaked cluster",
 * "ERROR cluster"); repair then sets the on-disk value to the expected one
 * and fixes QCOW_OFLAG_COPIED flags, looping because repairing can
 * allocate refcount blocks.  A referenced cluster whose refcount is 0 (or a
 * damaged refcount table) cannot be patched in place: with -r all the
 * whole refcount structure is rebuilt from the expected refcounts, exactly
 * as QEMU's rebuild_refcount_structure lays it out, and the old structure
 * is then freed as leaks.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>

#include "qcow2.h"
#include "block/dirty-bitmap.h"
#include "qemu/bswap.h"

/* Expected refcounts are kept densely for this many clusters, sparsely
 * (hash table) beyond: a sparse file can claim any length. */
#define CHECK_DENSE_CLUSTERS (1ULL << 22)

typedef struct CheckState {
    BlockDriverState *bs;
    BdrvCheckResult *res;
    uint32_t *refs;         /* expected refcount per cluster < nb_clusters */
    GHashTable *beyond;     /* cluster -> expected refcount, the rest */
    uint64_t nb_clusters;
    int fix;
    bool rebuild;           /* the refcount structure must be rebuilt */
} CheckState;

/* Largest image (in clusters) whose refcount structure check rebuilds. */
#define CHECK_REBUILD_MAX_CLUSTERS (1ULL << 24)

static void check_report(CheckState *cs, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

static void check_report(CheckState *cs, const char *fmt, ...)
{
    if (!cs->res->report) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    cs->res->report(cs->res->report_opaque, msg);
    g_free(msg);
}

/* Count one more reference to every cluster in [offset, offset+size). */
static void inc_refs(CheckState *cs, uint64_t offset, uint64_t size)
{
    BDRVQcow2State *s = cs->bs->opaque;
    if (!size) {
        return;
    }
    uint64_t first = offset >> s->cluster_bits;
    uint64_t last = (offset + size - 1) >> s->cluster_bits;
    for (uint64_t c = first; c <= last; c++) {
        if (c >= cs->nb_clusters) {
            /* Past the dense range (e.g. past EOF, legal): sparse. */
            gpointer key = GSIZE_TO_POINTER((gsize)c);
            guint n = GPOINTER_TO_UINT(g_hash_table_lookup(cs->beyond, key));
            g_hash_table_insert(cs->beyond, key, GUINT_TO_POINTER(n + 1));
            continue;
        }
        if (cs->refs[c] < UINT32_MAX) {
            cs->refs[c]++;
        }
    }
}

/* Account an L2 table and the clusters it maps. */
static void inc_refs_cb(void *opaque, uint64_t offset, uint64_t bytes)
{
    inc_refs(opaque, offset, bytes);
}

/* Extended L2: the bitmap must agree with the entry (spec's table). */
static void check_ext_bitmap(CheckState *cs, uint64_t e, uint64_t bitmap,
                             uint64_t l2_offset, int i)
{
    BDRVQcow2State *s = cs->bs->opaque;
    Qcow2ClusterType ct = qcow2_get_cluster_type(s, e);
    if (ct == QCOW2_CLUSTER_COMPRESSED) {
        if (bitmap) {
            check_report(cs, "ERROR: compressed cluster %d with non-zero "
                         "subcluster allocation bitmap, entry=0x%" PRIx64,
                         i, e);
            cs->res->corruptions++;
        }
        return;
    }
    if (ct == QCOW2_CLUSTER_UNALLOCATED) {
        if (bitmap & QCOW_L2_BITMAP_ALL_ALLOC) {
            check_report(cs, "ERROR: Unallocated cluster has non-zero "
                         "subcluster allocation map");
            cs->res->corruptions++;
        }
    } else if (bitmap & (bitmap >> 32) & QCOW_L2_BITMAP_ALL_ALLOC) {
        check_report(cs, "ERROR offset=%" PRIx64 ": Allocated cluster has "
                     "corrupted subcluster allocation bitmap",
                     (uint64_t)(e & L2E_OFFSET_MASK));
        cs->res->corruptions++;
    }
    if (e & QCOW_OFLAG_ZERO) {
        /* Reserved with extended entries. */
        check_report(cs, "ERROR: Invalid cluster entry found (L2 offset: %#"
                     PRIx64 ", L2 index: %#x)", l2_offset, i);
        cs->res->corruptions++;
    }
}

static int check_l2(CheckState *cs, uint64_t l2_offset, bool active)
{
    uint64_t next_contig = 0;
    BlockDriverState *bs = cs->bs;
    BDRVQcow2State *s = bs->opaque;
    uint8_t *t = g_malloc(s->cluster_size);
    int ret = bdrv_pread(bs->file, l2_offset, s->cluster_size, t, 0);
    if (ret < 0) {
        check_report(cs, "ERROR: I/O error in check_refcounts_l2");
        cs->res->check_errors++;
        g_free(t);
        return ret;
    }
    for (int i = 0; i < s->l2_size; i++) {
        uint64_t e = l2_entry_get(s, t, i);
        if (s->extended_l2) {
            check_ext_bitmap(cs, e, l2_bitmap_get(s, t, i), l2_offset, i);
        }
        switch (qcow2_get_cluster_type(s, e)) {
        case QCOW2_CLUSTER_COMPRESSED: {
            if (e & QCOW_OFLAG_COPIED) {
                check_report(cs, "ERROR: coffset=0x%" PRIx64 ": copied flag "
                             "must never be set for compressed clusters",
                             e & s->cluster_offset_mask);
                cs->res->corruptions++;
            }
            uint64_t host, csize;
            qcow2_compressed_location(s, e, &host, &csize);
            uint64_t start = host & ~511ULL;
            inc_refs(cs, start, host + csize - start);
            if (active) {
                /* Compressed clusters count as fragmented, as in QEMU. */
                cs->res->bfi.allocated_clusters++;
                cs->res->bfi.compressed_clusters++;
                cs->res->bfi.fragmented_clusters++;
            }
            break;
        }
        case QCOW2_CLUSTER_NORMAL:
        case QCOW2_CLUSTER_ZERO_ALLOC: {
            uint64_t host = e & L2E_OFFSET_MASK;
            if (e & L2E_STD_RESERVED_MASK) {
                check_report(cs, "ERROR found L2 entry with reserved bits "
                             "set: %" PRIx64, e);
                cs->res->corruptions++;
            }
            if (offset_into_cluster(s, host)) {
                check_report(cs, "ERROR offset=%" PRIx64 ": Cluster is not "
                             "properly aligned; L2 entry corrupted.", host);
                cs->res->corruptions++;
                break;
            }
            if (active) {
                cs->res->bfi.allocated_clusters++;
                if (next_contig && host != next_contig) {
                    cs->res->bfi.fragmented_clusters++;
                }
                next_contig = host + s->cluster_size;
            }
            if (!qcow2_has_data_file(s)) {
                inc_refs(cs, host, s->cluster_size);
            }
            break;
        }
        default:
            break;
        }
    }
    g_free(t);
    return 0;
}

static int check_l1(CheckState *cs, uint64_t l1_offset, uint32_t l1_size,
                    bool active)
{
    BlockDriverState *bs = cs->bs;
    BDRVQcow2State *s = bs->opaque;
    if (!l1_size) {
        return 0;
    }
    inc_refs(cs, l1_offset, (uint64_t)l1_size * 8);
    uint64_t *l1;
    if (active) {
        l1 = g_memdup2(s->l1_table, (size_t)l1_size * 8);
    } else {
        l1 = g_try_new(uint64_t, l1_size);
        if (!l1) {
            cs->res->check_errors++;
            return -ENOMEM;
        }
        int ret = bdrv_pread(bs->file, l1_offset, (int64_t)l1_size * 8, l1, 0);
        if (ret < 0) {
            check_report(cs, "ERROR: I/O error in check_refcounts_l1");
            cs->res->check_errors++;
            g_free(l1);
            return ret;
        }
        for (uint32_t i = 0; i < l1_size; i++) {
            l1[i] = be64_to_cpu(l1[i]);
        }
    }
    int64_t flen = qcow2_file_length(bs);
    for (uint32_t i = 0; i < l1_size; i++) {
        uint64_t l2 = l1[i] & L1E_OFFSET_MASK;
        if (l1[i] & L1E_RESERVED_MASK) {
            check_report(cs, "ERROR found L1 entry with reserved bits set: %"
                         PRIx64, l1[i]);
            cs->res->corruptions++;
        }
        if (!l2) {
            continue;
        }
        if (offset_into_cluster(s, l2)) {
            check_report(cs, "ERROR l2_offset=%" PRIx64 ": Table is not "
                         "cluster aligned; L1 entry corrupted", l2);
            cs->res->corruptions++;
            continue;
        }
        if (l2 >= (uint64_t)flen) {
            check_report(cs, "ERROR l2_offset=%" PRIx64 ": Table is beyond "
                         "the end of the image file", l2);
            cs->res->corruptions++;
            continue;
        }
        inc_refs(cs, l2, s->cluster_size);
        check_l2(cs, l2, active);
    }
    g_free(l1);
    return 0;
}

/* Fix QCOW_OFLAG_COPIED in the active L1/L2 tables (needs refcounts). */
static int check_oflag_copied(CheckState *cs)
{
    BlockDriverState *bs = cs->bs;
    BDRVQcow2State *s = bs->opaque;
    bool fix = cs->fix & BDRV_FIX_ERRORS;
    int64_t flen = qcow2_file_length(bs);
    for (uint32_t i = 0; i < s->l1_size; i++) {
        uint64_t l2 = s->l1_table[i] & L1E_OFFSET_MASK;
        if (!l2 || offset_into_cluster(s, l2) || l2 >= (uint64_t)flen) {
            continue;
        }
        uint64_t rc;
        if (qcow2_get_refcount(bs, l2 >> s->cluster_bits, &rc) < 0) {
            cs->res->check_errors++;
            continue;
        }
        if ((rc == 1) != !!(s->l1_table[i] & QCOW_OFLAG_COPIED)) {
            check_report(cs, "%s OFLAG_COPIED L2 cluster: l1_index=%u "
                         "l1_entry=%" PRIx64 " refcount=%" PRIu64,
                         fix ? "Repairing" : "ERROR", i, s->l1_table[i], rc);
            if (fix) {
                s->l1_table[i] = rc == 1 ? (l2 | QCOW_OFLAG_COPIED) : l2;
                if (qcow2_write_l1_entry(bs, (int)i) < 0) {
                    cs->res->check_errors++;
                } else {
                    cs->res->corruptions_fixed++;
                }
            }
            cs->res->corruptions++;
        }
        void *table;
        if (qcow2_cache_get(bs, s->l2_cache, l2, &table) < 0) {
            cs->res->check_errors++;
            continue;
        }
        uint8_t *t = table;
        bool dirty = false;
        for (int j = 0; j < s->l2_size; j++) {
            uint64_t e = l2_entry_get(s, t, j);
            Qcow2ClusterType ty = qcow2_get_cluster_type(s, e);
            if (ty != QCOW2_CLUSTER_NORMAL && ty != QCOW2_CLUSTER_ZERO_ALLOC) {
                continue;
            }
            uint64_t host = e & L2E_OFFSET_MASK;
            if (offset_into_cluster(s, host) || qcow2_has_data_file(s)) {
                continue;   /* data file clusters have no refcount */
            }
            if (qcow2_get_refcount(bs, host >> s->cluster_bits, &rc) < 0) {
                cs->res->check_errors++;
                continue;
            }
            if ((rc == 1) != !!(e & QCOW_OFLAG_COPIED)) {
                check_report(cs, "%s OFLAG_COPIED data cluster: l2_entry=%"
                             PRIx64 " refcount=%" PRIu64,
                             fix ? "Repairing" : "ERROR", e, rc);
                if (fix) {
                    l2_entry_set(s, t, j, rc == 1 ? (e | QCOW_OFLAG_COPIED)
                                                  : (e & ~QCOW_OFLAG_COPIED));
                    dirty = true;
                    cs->res->corruptions_fixed++;
                }
                cs->res->corruptions++;
            }
        }
        if (dirty) {
            qcow2_cache_mark_dirty(s->l2_cache, table);
        }
        qcow2_cache_put(s->l2_cache, &table);
    }
    return 0;
}

/* Build expected refcounts; returns 0 or -errno (fatal). */
static int check_collect(CheckState *cs)
{
    BlockDriverState *bs = cs->bs;
    BDRVQcow2State *s = bs->opaque;
    int64_t flen = qcow2_file_length(bs);
    if (flen < 0) {
        return (int)flen;
    }
    /* Dense up to a cap (a sparse file may claim any length); the hash
     * table takes the rest. */
    cs->nb_clusters = MIN(MAX(size_to_clusters(s, flen), 1),
                          CHECK_DENSE_CLUSTERS);
    g_free(cs->refs);
    cs->refs = g_new0(uint32_t, cs->nb_clusters);
    if (cs->beyond) {
        g_hash_table_destroy(cs->beyond);
    }
    cs->beyond = g_hash_table_new(g_direct_hash, g_direct_equal);
    memset(&cs->res->bfi, 0, sizeof(cs->res->bfi));

    inc_refs(cs, 0, s->cluster_size);   /* header */
    if (s->crypto_header_length) {
        inc_refs(cs, s->crypto_header_offset, s->crypto_header_length);
    }
    if (qcow2_bitmaps_for_each_range(bs, inc_refs_cb, cs) < 0) {
        check_report(cs, "ERROR: could not read the bitmap tables");
        cs->res->check_errors++;
    }
    check_l1(cs, s->l1_table_offset, s->l1_size, true);
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        check_l1(cs, s->snapshots[i].l1_table_offset, s->snapshots[i].l1_size,
                 false);
    }
    if (s->nb_snapshots) {
        inc_refs(cs, s->snapshots_offset, s->snapshots_size);
    }
    inc_refs(cs, s->refcount_table_offset,
             (uint64_t)s->refcount_table_clusters << s->cluster_bits);
    for (uint64_t i = 0; i < s->refcount_table_size; i++) {
        uint64_t off = s->refcount_table[i] & REFT_OFFSET_MASK;
        if (!off) {
            continue;
        }
        if (offset_into_cluster(s, off)) {
            check_report(cs, "ERROR refcount block %" PRIu64 " is not cluster "
                         "aligned; refcount table entry corrupted", i);
            cs->res->corruptions++;
            cs->rebuild = true;
            continue;
        }
        if (off >= (uint64_t)flen) {
            check_report(cs, "ERROR refcount block %" PRIu64 " is outside "
                         "image", i);
            cs->res->corruptions++;
            cs->rebuild = true;
            continue;
        }
        inc_refs(cs, off, s->cluster_size);
    }
    cs->res->bfi.total_clusters = size_to_clusters(s, s->size);
    return 0;
}

typedef struct Mismatch {
    uint64_t cluster;
    uint64_t refcount;
    uint64_t want;
} Mismatch;

static gint compare_mismatch(gconstpointer a, gconstpointer b)
{
    const Mismatch *x = a, *y = b;
    return x->cluster < y->cluster ? -1 : x->cluster > y->cluster;
}

static uint64_t expected_refs(CheckState *cs, uint64_t c)
{
    if (c < cs->nb_clusters) {
        return cs->refs[c];
    }
    if (g_hash_table_size(cs->beyond) == 0) {
        return 0;
    }
    return GPOINTER_TO_UINT(g_hash_table_lookup(cs->beyond,
                                                GSIZE_TO_POINTER((gsize)c)));
}

static bool refblock_usable(BlockDriverState *bs, uint64_t idx, int64_t flen)
{
    BDRVQcow2State *s = bs->opaque;
    if (idx >= s->refcount_table_size) {
        return false;
    }
    uint64_t off = s->refcount_table[idx] & REFT_OFFSET_MASK;
    return off && !offset_into_cluster(s, off) && off < (uint64_t)flen;
}

/*
 * Compare and (optionally) repair; returns the number of repairs.  Walks
 * the refcount blocks that exist (not every cluster of a possibly huge
 * sparse file), then the references whose refcount block is missing.
 */
static int check_compare(CheckState *cs, int fix_mode, bool quiet_fixed)
{
    BlockDriverState *bs = cs->bs;
    BDRVQcow2State *s = bs->opaque;
    uint64_t rb_entries = 1ULL << s->refcount_block_bits;
    int64_t flen = qcow2_file_length(bs);
    uint64_t file_clusters = flen > 0 ? size_to_clusters(s, flen) : 0;
    GArray *mm = g_array_new(FALSE, FALSE, sizeof(Mismatch));
    int64_t highest = -1;
    int repairs = 0;

    /* Refcount blocks covering the file: compare every entry. */
    uint64_t nb_blocks = file_clusters
        ? MIN(s->refcount_table_size,
              ((file_clusters - 1) >> s->refcount_block_bits) + 1)
        : 0;
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (uint64_t b = 0; b < nb_blocks; b++) {
        if (!refblock_usable(bs, b, flen)) {
            continue;
        }
        /* A block shared by several table entries is damage (its own
         * refcount shows it); scan it once so the work stays bounded by
         * the file size. */
        gpointer boff = GSIZE_TO_POINTER((gsize)(s->refcount_table[b] &
                                                 REFT_OFFSET_MASK));
        if (g_hash_table_contains(seen, boff)) {
            continue;
        }
        g_hash_table_add(seen, boff);
        void *block;
        if (qcow2_cache_get(bs, s->refcount_cache,
                            s->refcount_table[b] & REFT_OFFSET_MASK,
                            &block) < 0) {
            check_report(cs, "Can't get refcount block %" PRIu64, b);
            cs->res->check_errors++;
            continue;
        }
        uint64_t n = MIN(rb_entries, file_clusters - b * rb_entries);
        for (uint64_t i = 0; i < n; i++) {
            uint64_t c = b * rb_entries + i;
            uint64_t rc = qcow2_get_refcount_ro(block, i, s->refcount_order);
            uint64_t want = expected_refs(cs, c);
            if (want || rc) {
                highest = MAX(highest, (int64_t)c);
            }
            if (rc != want) {
                Mismatch m = { c, rc, want };
                g_array_append_val(mm, m);
            }
        }
        qcow2_cache_put(s->refcount_cache, &block);
    }
    g_hash_table_destroy(seen);
    /* References to clusters that no refcount block covers. */
    for (uint64_t c = 0; c < cs->nb_clusters; c++) {
        if (cs->refs[c] && !refblock_usable(bs, c >> s->refcount_block_bits,
                                            flen)) {
            Mismatch m = { c, 0, cs->refs[c] };
            g_array_append_val(mm, m);
            highest = MAX(highest, (int64_t)c);
        }
    }
    /* The sparse rest: references past the dense range or past EOF. */
    GHashTableIter hi;
    gpointer key, val;
    g_hash_table_iter_init(&hi, cs->beyond);
    while (g_hash_table_iter_next(&hi, &key, &val)) {
        uint64_t c = GPOINTER_TO_SIZE(key);
        bool usable = refblock_usable(bs, c >> s->refcount_block_bits, flen);
        if (c < file_clusters && usable) {
            continue;   /* compared with its refcount block above */
        }
        uint64_t rc = 0;
        if (usable && qcow2_get_refcount(bs, c, &rc) < 0) {
            cs->res->check_errors++;
            continue;
        }
        highest = MAX(highest, (int64_t)c);
        if (rc != GPOINTER_TO_UINT(val)) {
            Mismatch m = { c, rc, GPOINTER_TO_UINT(val) };
            g_array_append_val(mm, m);
        }
    }
    g_array_sort(mm, compare_mismatch);

    for (guint k = 0; k < mm->len; k++) {
        Mismatch *m = &g_array_index(mm, Mismatch, k);
        bool leak = m->refcount > m->want;
        bool fix = leak ? (fix_mode & BDRV_FIX_LEAKS)
                        : (fix_mode & BDRV_FIX_ERRORS);
        if (m->refcount == 0) {
            /* Its refcount block may be missing: only a rebuild helps. */
            cs->rebuild = true;
            fix = false;
        }
        if (!quiet_fixed) {
            check_report(cs, "%s cluster %" PRIu64 " refcount=%" PRIu64
                         " reference=%" PRIu64,
                         fix ? "Repairing" : (leak ? "Leaked" : "ERROR"),
                         m->cluster, m->refcount, m->want);
        }
        if (leak) {
            cs->res->leaks++;
        } else {
            cs->res->corruptions++;
        }
        if (fix) {
            int ret = qcow2_set_refcount(bs, m->cluster, m->want);
            if (ret < 0) {
                cs->res->check_errors++;
                continue;
            }
            if (leak) {
                cs->res->leaks_fixed++;
            } else {
                cs->res->corruptions_fixed++;
            }
            repairs++;
        }
    }
    g_array_free(mm, TRUE);
    cs->res->image_end_offset = (highest + 1) << s->cluster_bits;
    return repairs;
}

/* --- rebuilding the refcount structure ---------------------------------- */

/*
 * The expected refcounts (cs->refs) serve as the in-memory refcount table:
 * new refcount blocks and the new table are allocated in it, and each
 * refcount block written is the matching slice of it.
 */
static bool imrt_grow(CheckState *cs, uint64_t n)
{
    if (n <= cs->nb_clusters) {
        return true;
    }
    if (n > CHECK_REBUILD_MAX_CLUSTERS) {
        return false;
    }
    cs->refs = g_renew(uint32_t, cs->refs, n);
    memset(cs->refs + cs->nb_clusters, 0,
           (n - cs->nb_clusters) * sizeof(uint32_t));
    cs->nb_clusters = n;
    return true;
}

/* @count free clusters in a row from *first_free on, growing the image if
 * needed; marks them used and returns the offset of the first. */
static int64_t imrt_alloc(CheckState *cs, uint64_t count, uint64_t *first_free)
{
    BDRVQcow2State *s = cs->bs->opaque;
    uint64_t c = *first_free, run = 0;
    bool first_gap = true;
    for (; c < cs->nb_clusters && run < count; c++) {
        if (!cs->refs[c]) {
            run++;
            if (first_gap) {
                *first_free = c;
                first_gap = false;
            }
        } else {
            run = 0;
        }
    }
    if (run < count && !imrt_grow(cs, c + count - run)) {
        return -EFBIG;
    }
    c -= run;
    for (uint64_t i = 0; i < count; i++) {
        cs->refs[c + i] = 1;
    }
    return (int64_t)(c << s->cluster_bits);
}

/*
 * Write a refcount block for every block-sized group of clusters in
 * [first, end) that holds a used cluster, allocating it (and growing the
 * table *rt of *rt_entries entries) when it has none yet.  Returns 1 if
 * the table grew, 0 if not, or -errno.
 */
static int rebuild_write_refblocks(CheckState *cs, uint64_t first,
                                   uint64_t end, uint64_t **rt,
                                   uint64_t *rt_entries)
{
    BlockDriverState *bs = cs->bs;
    BDRVQcow2State *s = bs->opaque;
    uint64_t rb_entries = 1ULL << s->refcount_block_bits;
    uint64_t first_free = 0;
    bool grown = false;
    uint8_t *block = g_malloc(s->cluster_size);
    int ret = 0;
    /* Nothing is referenced at or past nb_clusters, and a block written
     * here only adds references below it: stop there, however far a
     * block placed past the end of the file moved `end`. */
    for (uint64_t c = first; c < end && c < cs->nb_clusters; c++) {
        if (!cs->refs[c]) {
            continue;
        }
        uint64_t idx = c >> s->refcount_block_bits;
        uint64_t start = idx << s->refcount_block_bits;
        uint64_t off;
        if (idx < *rt_entries && (*rt)[idx]) {
            off = (*rt)[idx];
        } else {
            /* Never inside a refcount block already written. */
            first_free = MAX(first_free, start);
            int64_t a = imrt_alloc(cs, 1, &first_free);
            if (a < 0) {
                ret = (int)a;
                break;
            }
            off = (uint64_t)a;
            end = MAX(end, (off >> s->cluster_bits) + 1);
            if (idx >= *rt_entries) {
                uint64_t per = (uint64_t)s->cluster_size / 8;
                uint64_t n = (idx + 1 + per - 1) / per * per;
                *rt = g_renew(uint64_t, *rt, n);
                memset(*rt + *rt_entries, 0, (n - *rt_entries) * 8);
                *rt_entries = n;
                grown = true;
            }
            (*rt)[idx] = off;
        }
        memset(block, 0, s->cluster_size);
        for (uint64_t i = 0; i < rb_entries && start + i < cs->nb_clusters;
             i++) {
            qcow2_set_refcount_ro(block, i, MIN((uint64_t)cs->refs[start + i],
                                                s->refcount_max),
                                  s->refcount_order);
        }
        ret = bdrv_pwrite(bs->file, (int64_t)off, s->cluster_size, block, 0);
        if (ret < 0) {
            check_report(cs, "ERROR writing refblock: %s", strerror(-ret));
            break;
        }
        c = start + rb_entries - 1;     /* this block is done */
    }
    g_free(block);
    return ret < 0 ? ret : grown;
}

/*
 * Replace the refcount table and blocks by new ones built from the
 * expected refcounts (QEMU's algorithm and layout: blocks first, each in
 * the first free cluster of its own range or later, then the table in the
 * first free run, repeated while the table grows).  The old structure is
 * left behind as leaks for the caller to free.
 */
static int check_rebuild_refcounts(CheckState *cs)
{
    BlockDriverState *bs = cs->bs;
    BDRVQcow2State *s = bs->opaque;
    GHashTableIter hi;
    gpointer key, val;
    g_hash_table_iter_init(&hi, cs->beyond);
    while (g_hash_table_iter_next(&hi, &key, &val)) {
        uint64_t c = GPOINTER_TO_SIZE(key);
        if (!imrt_grow(cs, c + 1)) {
            check_report(cs, "ERROR cannot rebuild the refcount structure: "
                         "cluster %" PRIu64 " is referenced", c);
            return -EFBIG;
        }
        cs->refs[c] += GPOINTER_TO_UINT(val);
    }
    g_hash_table_remove_all(cs->beyond);
    int ret = qcow2_cache_empty(bs, s->refcount_cache);
    if (ret < 0) {
        return ret;
    }
    uint64_t *rt = NULL, rt_entries = 0, rt_clusters = 0;
    int64_t rt_off = -1;
    ret = rebuild_write_refblocks(cs, 0, cs->nb_clusters, &rt, &rt_entries);
    while (ret > 0) {
        uint64_t first_free = 0;
        rt_clusters = (rt_entries * 8 + s->cluster_size - 1) >> s->cluster_bits;
        rt_off = imrt_alloc(cs, rt_clusters, &first_free);
        if (rt_off < 0) {
            ret = (int)rt_off;
            break;
        }
        uint64_t c0 = (uint64_t)rt_off >> s->cluster_bits;
        ret = rebuild_write_refblocks(cs, c0, c0 + rt_clusters, &rt,
                                      &rt_entries);
    }
    if (ret < 0 || rt_off < 0) {
        g_free(rt);
        return ret < 0 ? ret : -EIO;
    }
    uint64_t *be = g_new(uint64_t, rt_entries);
    for (uint64_t i = 0; i < rt_entries; i++) {
        be[i] = cpu_to_be64(rt[i]);
    }
    ret = bdrv_pwrite(bs->file, rt_off, (int64_t)rt_entries * 8, be, 0);
    g_free(be);
    if (ret == 0) {
        uint8_t hdr[12];
        stq_be_p(hdr, (uint64_t)rt_off);
        stl_be_p(hdr + 8, (uint32_t)rt_clusters);
        ret = bdrv_pwrite(bs->file, QH_REFTABLE_OFFSET, sizeof(hdr), hdr, 0);
    }
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret < 0) {
        check_report(cs, "ERROR writing the new refcount table: %s",
                     strerror(-ret));
        g_free(rt);
        return ret;
    }
    g_free(s->refcount_table);
    s->refcount_table = rt;
    s->refcount_table_offset = (uint64_t)rt_off;
    s->refcount_table_clusters = (uint32_t)rt_clusters;
    s->refcount_table_size = rt_entries;
    s->free_cluster_index = 0;
    s->meta_gen++;
    return 0;
}

static void check_state_free(CheckState *cs)
{
    g_free(cs->refs);
    cs->refs = NULL;
    if (cs->beyond) {
        g_hash_table_destroy(cs->beyond);
        cs->beyond = NULL;
    }
}

/* Repairs may have allocated refcount blocks: recheck until stable. */
static int check_settle(CheckState *cs)
{
    for (int round = 0; round < 4; round++) {
        BdrvCheckResult tmp = { 0 };
        CheckState cs2 = { .bs = cs->bs, .res = &tmp, .fix = cs->fix };
        int ret = check_collect(&cs2);
        if (ret < 0) {
            check_state_free(&cs2);
            return ret;
        }
        int r2 = check_compare(&cs2, cs->fix, true);
        cs->res->image_end_offset = tmp.image_end_offset;
        check_state_free(&cs2);
        if (!r2) {
            break;
        }
    }
    BDRVQcow2State *s = cs->bs->opaque;
    s->free_cluster_index = 0;
    return 0;
}

int qcow2_check(BlockDriverState *bs, BdrvCheckResult *res, int fix)
{
    BDRVQcow2State *s = bs->opaque;
    CheckState cs = { .bs = bs, .res = res, .fix = s->read_only ? 0 : fix };
    bool was_checking = s->checking;
    s->checking = true;
    int ret = check_collect(&cs);
    if (ret < 0) {
        goto out;
    }
    /* First pass, as QEMU: report only. */
    BdrvCheckResult pre = *res;
    /* Every corruption found was repaired (the two repair paths count
       differently: a rebuild leaves only what is still wrong in
       res->corruptions). */
    bool all_fixed;
    check_compare(&cs, 0, false);
    if (cs.rebuild && (cs.fix & BDRV_FIX_ERRORS)) {
        BdrvCheckResult old = *res;
        check_report(&cs, "Rebuilding refcount structure");
        ret = check_rebuild_refcounts(&cs);
        if (ret < 0) {
            res->check_errors++;
            goto out;
        }
        /* The old structure is now leaked: free it, and count as fixed
         * what the rebuild repaired. */
        BdrvCheckResult tmp = { .report = res->report,
                                .report_opaque = res->report_opaque };
        CheckState cs2 = { .bs = bs, .res = &tmp, .fix = cs.fix };
        ret = check_collect(&cs2);
        if (ret == 0) {
            int remaining = tmp.corruptions;
            check_compare(&cs2, BDRV_FIX_LEAKS, false);
            if (cs2.rebuild) {
                check_report(&cs, "ERROR rebuilt refcount structure is still "
                             "broken");
            }
            res->corruptions = remaining;
            res->leaks = tmp.leaks;
            if (res->corruptions < old.corruptions) {
                res->corruptions_fixed += old.corruptions - res->corruptions;
            }
            if (old.leaks > 0) {
                res->leaks_fixed += old.leaks;
            }
            res->image_end_offset = tmp.image_end_offset;
        }
        check_state_free(&cs2);
        if (ret < 0) {
            goto out;
        }
        ret = check_settle(&cs);
        if (ret < 0) {
            goto out;
        }
        all_fixed = res->corruptions == 0;
    } else if (cs.fix) {
        if (cs.rebuild) {
            check_report(&cs, "ERROR need to rebuild refcount structures");
            res->check_errors++;
            ret = -EIO;
            goto out;
        }
        if (res->leaks || res->corruptions) {
            void (*report)(void *, const char *) = res->report;
            void *opaque = res->report_opaque;
            *res = pre;
            res->report = report;
            res->report_opaque = opaque;
            if (check_compare(&cs, cs.fix, false)) {
                ret = check_settle(&cs);
                if (ret < 0) {
                    goto out;
                }
            }
        }
        all_fixed = res->corruptions == res->corruptions_fixed;
    } else {
        all_fixed = res->corruptions == res->corruptions_fixed;
    }
    check_oflag_copied(&cs);
    if (cs.fix) {
        int r = qcow2_cache_flush(bs, s->refcount_cache);
        if (r == 0) {
            r = qcow2_cache_flush(bs, s->l2_cache);
        }
        if (r < 0) {
            res->check_errors++;
        }
        /* Refcounts now match the tables: lazy refcounts caught up. */
        if (r == 0 && !res->check_errors && all_fixed &&
            (s->incompatible_features & QCOW2_INCOMPAT_DIRTY) &&
            qcow2_mark_clean(bs) < 0) {
            res->check_errors++;
        }
        /* Fully repaired: the image may be written again. */
        if (r == 0 && (cs.fix & BDRV_FIX_ERRORS) && !res->check_errors &&
            all_fixed &&
            (s->incompatible_features & QCOW2_INCOMPAT_CORRUPT)) {
            s->incompatible_features &= ~QCOW2_INCOMPAT_CORRUPT;
            if (qcow2_update_header_fields(bs, QH_INCOMPAT, 8,
                                           s->incompatible_features) == 0 &&
                bdrv_flush(bs->file) == 0) {
                s->corrupt = false;
            } else {
                res->check_errors++;
            }
        }
    }
out:
    check_state_free(&cs);
    s->checking = was_checking;
    return ret;
}

/* --- measure ------------------------------------------------------------ */

static uint64_t refcount_metadata_size(uint64_t clusters, uint64_t cluster_size,
                                       int refcount_order)
{
    uint64_t per_table = cluster_size / 8;
    uint64_t per_block = cluster_size * 8 / (1u << refcount_order);
    uint64_t table = 0, blocks = 0, n = 0, last;
    do {
        last = n;
        blocks = (clusters + table + blocks + per_block - 1) / per_block;
        table = (blocks + per_table - 1) / per_table;
        n = clusters + blocks + table;
    } while (n != last);
    return (blocks + table) * cluster_size;
}

static uint64_t prealloc_size(uint64_t total, uint64_t cluster_size,
                              int refcount_order, uint64_t l2e_size)
{
    uint64_t aligned = (total + cluster_size - 1) / cluster_size * cluster_size;
    uint64_t meta = cluster_size;
    uint64_t per = cluster_size / 8;
    uint64_t per_l2 = cluster_size / l2e_size;
    uint64_t nl2e = aligned / cluster_size;
    nl2e = (nl2e + per_l2 - 1) / per_l2 * per_l2;
    meta += nl2e * l2e_size;
    uint64_t nl1e = nl2e * l2e_size / cluster_size;
    nl1e = (nl1e + per - 1) / per * per;
    meta += nl1e * 8;
    meta += refcount_metadata_size((meta + aligned) / cluster_size,
                                   cluster_size, refcount_order);
    return meta + aligned;
}

/*
 * Room the source's persistent bitmaps take in a target with @cs-byte
 * clusters, each assumed full (QEMU's estimate): data and table clusters
 * per bitmap, plus the directory.
 */
static uint64_t measure_bitmaps(BlockDriverState *in_bs, uint64_t cs)
{
    int64_t ssize = bdrv_getlength(in_bs);
    char **names = bdrv_bitmap_names(in_bs);
    uint64_t total = 0, dir = 0;
    for (char **n = names; ssize >= 0 && *n; n++) {
        BdrvBitmap bm;
        if (bdrv_bitmap_get(in_bs, *n, false, &bm, NULL) == 0) {
            uint64_t bytes = DIV_ROUND_UP(DIV_ROUND_UP((uint64_t)ssize,
                                                       bm.granularity), 8);
            uint64_t clusters = DIV_ROUND_UP(bytes, cs);
            total += clusters * cs + ROUND_UP(clusters * 8, cs);
            dir += ROUND_UP(24 + strlen(*n), 8);
        }
        bdrv_bitmap_free(&bm);
    }
    g_strfreev(names);
    return total + ROUND_UP(dir, cs);
}

int qcow2_measure(QemuOpts *opts, BlockDriverState *in_bs,
                  BlockMeasureInfo *info, Error **errp)
{
    uint64_t cs = qemu_opt_get_size(opts, BLOCK_OPT_CLUSTER_SIZE, 65536);
    if (cs < 512 || cs > 2 * 1024 * 1024 || (cs & (cs - 1))) {
        error_setg(errp, "Cluster size must be a power of two between 512 and "
                   "2048k");
        return -EINVAL;
    }
    uint64_t rb = qemu_opt_get_number(opts, BLOCK_OPT_REFCOUNT_BITS, 16);
    if (rb > 64 || !rb || (rb & (rb - 1))) {
        error_setg(errp, "Refcount width must be a power of two and may not "
                   "exceed 64 bits");
        return -EINVAL;
    }
    const char *pa = qemu_opt_get(opts, BLOCK_OPT_PREALLOC);
    int prealloc = pa ? prealloc_mode_parse(pa) : PREALLOC_MODE_OFF;
    if (prealloc < 0) {
        error_setg(errp, "Invalid preallocation mode: '%s'", pa);
        return -EINVAL;
    }
    const char *compat = qemu_opt_get(opts, BLOCK_OPT_COMPAT_LEVEL);
    bool v3 = !compat || strcmp(compat, "0.10");
    uint64_t virtual_size, required = 0;
    if (in_bs) {
        int64_t ssize = bdrv_getlength(in_bs);
        if (ssize < 0) {
            error_setg_errno(errp, (int)-ssize, "Unable to get image virtual "
                             "size");
            return (int)ssize;
        }
        virtual_size = (ssize + cs - 1) / cs * cs;
        if (prealloc == PREALLOC_MODE_FULL || prealloc == PREALLOC_MODE_FALLOC) {
            required = virtual_size;
        } else {
            int64_t pnum;
            for (int64_t off = 0; off < ssize; off += pnum) {
                int ret = bdrv_block_status_above(in_bs, NULL, off, ssize - off,
                                                  &pnum, NULL, NULL, NULL);
                if (ret < 0) {
                    error_setg_errno(errp, -ret, "Unable to get block status");
                    return ret;
                }
                if (pnum <= 0) {
                    break;
                }
                if (ret & BDRV_BLOCK_ZERO) {
                    continue;
                }
                if ((ret & (BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED)) ==
                    (BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED)) {
                    pnum = (int64_t)(((uint64_t)(off + pnum) + cs - 1) / cs * cs)
                           - off;
                    required += off % cs + pnum;
                }
            }
        }
    } else {
        uint64_t sz = qemu_opt_get_size(opts, BLOCK_OPT_SIZE, 0);
        virtual_size = (sz + 511) & ~511ULL;
        required = prealloc == PREALLOC_MODE_OFF ||
                   prealloc == PREALLOC_MODE_METADATA ? 0 : virtual_size;
    }
    uint64_t l2e_size = qemu_opt_get_bool(opts, BLOCK_OPT_EXTL2, false) ? 16 : 8;
    info->fully_allocated = prealloc_size(virtual_size, cs, ctz64(rb),
                                          l2e_size);
    info->required = info->fully_allocated - virtual_size + required;
    info->has_bitmaps = v3 && in_bs && bdrv_bitmap_supported(in_bs);
    info->bitmaps = info->has_bitmaps ? measure_bitmaps(in_bs, cs) : 0;
    return 0;
}
