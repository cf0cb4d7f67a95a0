/*
 * qcow2 refcounts: the refcount table (in memory, host endian), refcount
 * blocks (through the refcount cache, on-disk form), entries of 1 to 64
 * bits, and the cluster allocator built on them.  Growing the refcount
 * table writes a new, self-describing table plus the blocks that cover it
 * before the header is switched to it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>

#include "qcow2.h"
#include "qemu/bswap.h"

uint64_t qcow2_get_refcount_ro(const void *block, uint64_t index, int order)
{
    const uint8_t *p = block;
    switch (order) {
    case 0:
        return (p[index / 8] >> (index % 8)) & 1;
    case 1:
        return (p[index / 4] >> (2 * (index % 4))) & 3;
    case 2:
        return (p[index / 2] >> (4 * (index % 2))) & 15;
    case 3:
        return p[index];
    case 4:
        return lduw_be_p(p + 2 * index);
    case 5:
        return ldl_be_p(p + 4 * index);
    default:
        return ldq_be_p(p + 8 * index);
    }
}

void qcow2_set_refcount_ro(void *block, uint64_t index, uint64_t value,
                           int order)
{
    uint8_t *p = block;
    switch (order) {
    case 0:
    case 1:
    case 2: {
        int bits = 1 << order;
        int per_byte = 8 / bits;
        int shift = bits * (index % per_byte);
        uint8_t mask = (uint8_t)(((1u << bits) - 1) << shift);
        p[index / per_byte] = (p[index / per_byte] & ~mask) |
                              (uint8_t)((value << shift) & mask);
        break;
    }
    case 3:
        p[index] = (uint8_t)value;
        break;
    case 4:
        stw_be_p(p + 2 * index, (uint16_t)value);
        break;
    case 5:
        stl_be_p(p + 4 * index, (uint32_t)value);
        break;
    default:
        stq_be_p(p + 8 * index, value);
        break;
    }
}

int qcow2_refcount_init(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    s->refcount_table_size =
        ((uint64_t)s->refcount_table_clusters << s->cluster_bits) / 8;
    s->refcount_table = g_try_new0(uint64_t, MAX(s->refcount_table_size, 1));
    if (!s->refcount_table) {
        return -ENOMEM;
    }
    if (s->refcount_table_size) {
        int ret = bdrv_pread(bs->file, s->refcount_table_offset,
                             s->refcount_table_size * 8, s->refcount_table, 0);
        if (ret < 0) {
            return ret;
        }
        for (uint64_t i = 0; i < s->refcount_table_size; i++) {
            s->refcount_table[i] = be64_to_cpu(s->refcount_table[i]);
        }
    }
    return 0;
}

int qcow2_write_reftable_entry(BlockDriverState *bs, uint64_t index)
{
    BDRVQcow2State *s = bs->opaque;
    s->meta_gen++;
    uint8_t buf[8];
    stq_be_p(buf, s->refcount_table[index]);
    return bdrv_pwrite(bs->file, s->refcount_table_offset + index * 8, 8, buf, 0);
}

static inline uint64_t rb_index(const BDRVQcow2State *s, uint64_t cluster)
{
    return cluster >> s->refcount_block_bits;
}

static inline uint64_t rb_offset_in(const BDRVQcow2State *s, uint64_t cluster)
{
    return cluster & ((1ULL << s->refcount_block_bits) - 1);
}

/* Validated offset of refcount block @idx, 0 if none, <0 on damage. */
static int64_t refblock_offset(BlockDriverState *bs, uint64_t idx)
{
    BDRVQcow2State *s = bs->opaque;
    if (idx >= s->refcount_table_size) {
        return 0;
    }
    uint64_t off = s->refcount_table[idx] & REFT_OFFSET_MASK;
    if (!off) {
        return 0;
    }
    if (offset_into_cluster(s, off)) {
        qcow2_signal_corruption(bs, "Refblock offset %#" PRIx64 " unaligned "
                                "(reftable index: %#" PRIx64 ")", off, idx);
        return -EIO;
    }
    return (int64_t)off;
}

int qcow2_get_refcount(BlockDriverState *bs, uint64_t cluster_index,
                       uint64_t *refcount)
{
    BDRVQcow2State *s = bs->opaque;
    int64_t off = refblock_offset(bs, rb_index(s, cluster_index));
    if (off <= 0) {
        *refcount = 0;
        return (int)off;
    }
    void *block;
    int ret = qcow2_cache_get(bs, s->refcount_cache, off, &block);
    if (ret < 0) {
        return ret;
    }
    *refcount = qcow2_get_refcount_ro(block, rb_offset_in(s, cluster_index),
                                      s->refcount_order);
    qcow2_cache_put(s->refcount_cache, &block);
    return 0;
}

/* First run of @n free clusters at or after free_cluster_index. */
static int64_t alloc_clusters_noref(BlockDriverState *bs, uint64_t n)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t limit = (1ULL << (56 - s->cluster_bits));
    for (;;) {
        uint64_t start = s->free_cluster_index;
        uint64_t i;
        for (i = 0; i < n; i++) {
            uint64_t rc;
            if (start + i >= limit) {
                return -EFBIG;
            }
            int ret = qcow2_get_refcount(bs, start + i, &rc);
            if (ret < 0) {
                return ret;
            }
            if (rc != 0) {
                break;
            }
        }
        if (i == n) {
            s->free_cluster_index = start + n;
            return (int64_t)(start << s->cluster_bits);
        }
        s->free_cluster_index = start + i + 1;
    }
}

static int grow_reftable(BlockDriverState *bs, uint64_t min_index);

/* Make sure refcount block @idx exists, allocating it if needed. */
static int ensure_refblock(BlockDriverState *bs, uint64_t idx, int depth)
{
    BDRVQcow2State *s = bs->opaque;
    if (depth > 8) {
        return -EIO;
    }
    int64_t off = refblock_offset(bs, idx);
    if (off != 0) {
        return off < 0 ? (int)off : 0;
    }
    if (idx >= s->refcount_table_size) {
        int ret = grow_reftable(bs, idx);
        if (ret < 0) {
            return ret;
        }
        if (s->refcount_table[idx]) {
            return 0;   /* the growth placed it already */
        }
    }
    int64_t p = alloc_clusters_noref(bs, 1);
    if (p < 0) {
        return (int)p;
    }
    uint64_t pc = (uint64_t)p >> s->cluster_bits;
    void *block;
    if (rb_index(s, pc) == idx) {
        /* The new block describes itself. */
        int ret = qcow2_cache_get_empty(bs, s->refcount_cache, p, &block);
        if (ret < 0) {
            return ret;
        }
        qcow2_set_refcount_ro(block, rb_offset_in(s, pc), 1, s->refcount_order);
        qcow2_cache_mark_dirty(s->refcount_cache, block);
        qcow2_cache_put(s->refcount_cache, &block);
    } else {
        /* Account for it in its own block first (may recurse). */
        int ret = ensure_refblock(bs, rb_index(s, pc), depth + 1);
        if (ret < 0) {
            return ret;
        }
        ret = qcow2_update_refcount(bs, p, s->cluster_size, 1);
        if (ret < 0) {
            return ret;
        }
        ret = qcow2_cache_get_empty(bs, s->refcount_cache, p, &block);
        if (ret < 0) {
            return ret;
        }
        qcow2_cache_mark_dirty(s->refcount_cache, block);
        qcow2_cache_put(s->refcount_cache, &block);
    }
    /* Block on disk before the table entry that names it. */
    int ret = qcow2_cache_flush(bs, s->refcount_cache);
    if (ret < 0) {
        return ret;
    }
    s->refcount_table[idx] = p;
    ret = qcow2_write_reftable_entry(bs, idx);
    if (ret < 0) {
        s->refcount_table[idx] = 0;
        return ret;
    }
    return 0;
}

/*
 * Replace the refcount table with a bigger one placed at the end of the
 * image, together with any new refcount blocks needed to describe the
 * table and those blocks themselves.
 */
static int grow_reftable(BlockDriverState *bs, uint64_t min_index)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t entries_per_cluster = s->cluster_size / 8;
    uint64_t rb_entries = 1ULL << s->refcount_block_bits;
    uint64_t new_size = MAX(min_index + 1, s->refcount_table_size * 3 / 2);
    new_size = (new_size + entries_per_cluster - 1) / entries_per_cluster *
               entries_per_cluster;
    if (min_index >= QCOW_MAX_REFTABLE_SIZE / 8 ||
        new_size > QCOW_MAX_REFTABLE_SIZE / 8) {
        return -EFBIG;
    }

    /* Start past everything the old table knows about. */
    uint64_t start = MAX(s->free_cluster_index,
                         s->refcount_table_size * rb_entries);
    uint64_t file_clusters = size_to_clusters(s, qcow2_file_length(bs));
    start = MAX(start, file_clusters);
    uint64_t table_clusters, blocks;
    for (;;) {
        table_clusters = new_size / entries_per_cluster;
        /* Blocks needed for [start, start + table + blocks). */
        blocks = 0;
        for (;;) {
            uint64_t end = start + table_clusters + blocks;
            uint64_t need = 0;
            for (uint64_t b = rb_index(s, start); b <= rb_index(s, end - 1); b++) {
                if (b >= s->refcount_table_size || !s->refcount_table[b]) {
                    need++;
                }
            }
            if (need <= blocks) {
                break;
            }
            blocks = need;
        }
        uint64_t last = rb_index(s, start + table_clusters + blocks - 1);
        if (last < new_size) {
            break;
        }
        new_size = (last + 1 + entries_per_cluster - 1) / entries_per_cluster *
                   entries_per_cluster;
        if (new_size > QCOW_MAX_REFTABLE_SIZE / 8) {
            return -EFBIG;
        }
    }
    if (new_size * 8 > QCOW_MAX_REFTABLE_SIZE) {
        return -EFBIG;
    }

    uint64_t *new_table = g_try_new0(uint64_t, new_size);
    if (!new_table) {
        return -ENOMEM;
    }
    memcpy(new_table, s->refcount_table, s->refcount_table_size * 8);
    uint64_t end = start + table_clusters + blocks;
    uint8_t *block_data = g_malloc0((size_t)MAX(blocks, 1) * s->cluster_size);
    uint64_t next_block = start + table_clusters;
    int ret = 0;
    /* Assign new blocks and fill refcounts of the new area. */
    for (uint64_t b = rb_index(s, start); b <= rb_index(s, end - 1); b++) {
        if (!new_table[b]) {
            new_table[b] = next_block << s->cluster_bits;
            next_block++;
        }
    }
    for (uint64_t c = start; c < end; c++) {
        uint64_t b = rb_index(s, c);
        uint64_t boff = new_table[b] >> s->cluster_bits;
        if (boff >= start + table_clusters && boff < end &&
            (b >= s->refcount_table_size || !s->refcount_table[b])) {
            uint8_t *blk = block_data +
                           (boff - start - table_clusters) * s->cluster_size;
            qcow2_set_refcount_ro(blk, rb_offset_in(s, c), 1, s->refcount_order);
        } else {
            /* Covered by an existing block. */
            ret = qcow2_update_refcount(bs, c << s->cluster_bits,
                                        s->cluster_size, 1);
            if (ret < 0) {
                goto out;
            }
        }
    }
    ret = qcow2_cache_flush(bs, s->refcount_cache);
    if (ret < 0) {
        goto out;
    }
    if (blocks) {
        ret = bdrv_pwrite(bs->file, (start + table_clusters) << s->cluster_bits,
                          blocks * s->cluster_size, block_data, 0);
        if (ret < 0) {
            goto out;
        }
    }
    for (uint64_t i = 0; i < new_size; i++) {
        new_table[i] = cpu_to_be64(new_table[i]);
    }
    ret = bdrv_pwrite(bs->file, start << s->cluster_bits, new_size * 8,
                      new_table, 0);
    for (uint64_t i = 0; i < new_size; i++) {
        new_table[i] = be64_to_cpu(new_table[i]);
    }
    if (ret < 0) {
        goto out;
    }
    ret = bdrv_flush(bs->file);
    if (ret < 0) {
        goto out;
    }
    uint8_t hdr[12];
    stq_be_p(hdr, start << s->cluster_bits);
    stl_be_p(hdr + 8, (uint32_t)table_clusters);
    ret = bdrv_pwrite(bs->file, QH_REFTABLE_OFFSET, 12, hdr, 0);
    if (ret < 0) {
        goto out;
    }
    ret = bdrv_flush(bs->file);
    if (ret < 0) {
        goto out;
    }
    uint64_t old_offset = s->refcount_table_offset;
    uint64_t old_clusters = s->refcount_table_clusters;
    g_free(s->refcount_table);
    s->refcount_table = new_table;
    s->meta_gen++;
    new_table = NULL;
    s->refcount_table_size = new_size;
    s->refcount_table_offset = start << s->cluster_bits;
    s->refcount_table_clusters = (uint32_t)table_clusters;
    s->free_cluster_index = MAX(s->free_cluster_index, end);
    if (old_clusters) {
        qcow2_free_clusters(bs, old_offset, old_clusters << s->cluster_bits);
    }
out:
    g_free(new_table);
    g_free(block_data);
    return ret;
}

int qcow2_update_refcount(BlockDriverState *bs, uint64_t offset,
                          uint64_t length, int64_t addend)
{
    BDRVQcow2State *s = bs->opaque;
    if (length == 0) {
        return 0;
    }
    if (addend < 0) {
        /* A cluster about to be freed may be under a transfer. */
        bdrv_drain_data_io(bs);
    }
    uint64_t first = offset >> s->cluster_bits;
    uint64_t last = (offset + length - 1) >> s->cluster_bits;
    void *block = NULL;
    uint64_t block_idx = UINT64_MAX;
    int ret = 0;
    for (uint64_t c = first; c <= last; c++) {
        uint64_t idx = rb_index(s, c);
        if (idx != block_idx) {
            if (block) {
                qcow2_cache_put(s->refcount_cache, &block);
            }
            int64_t off = refblock_offset(bs, idx);
            if (off == 0 && addend > 0) {
                ret = ensure_refblock(bs, idx, 0);
                if (ret < 0) {
                    return ret;
                }
                off = refblock_offset(bs, idx);
            }
            if (off <= 0) {
                if (off == 0) {
                    qcow2_signal_corruption(bs, "Freeing cluster %#" PRIx64
                                            " that has no refcount block", c);
                }
                return off < 0 ? (int)off : -EIO;
            }
            ret = qcow2_cache_get(bs, s->refcount_cache, off, &block);
            if (ret < 0) {
                return ret;
            }
            block_idx = idx;
        }
        uint64_t i = rb_offset_in(s, c);
        uint64_t rc = qcow2_get_refcount_ro(block, i, s->refcount_order);
        if ((addend < 0 && rc < (uint64_t)-addend) ||
            (addend > 0 && s->refcount_max - rc < (uint64_t)addend)) {
            qcow2_cache_put(s->refcount_cache, &block);
            if (addend < 0) {
                qcow2_signal_corruption(bs, "Refcount of cluster %#" PRIx64
                                        " would drop below zero", c);
                return -EIO;
            }
            return -ERANGE;
        }
        rc += addend;
        qcow2_set_refcount_ro(block, i, rc, s->refcount_order);
        qcow2_cache_mark_dirty(s->refcount_cache, block);
        if (rc == 0) {
            if (c < s->free_cluster_index) {
                s->free_cluster_index = c;
            }
            qcow2_cache_discard(s->l2_cache, c << s->cluster_bits);
            /* The rest of a freed cluster is not free space for compressed
               data any more: the cluster may come back as a data cluster,
               and compressed data put into it then would share it (refcount
               2 on a data cluster, and later writes fail with EIO; QEMU
               7.2 does that). */
            if (s->free_byte_offset &&
                s->free_byte_offset >> s->cluster_bits == c) {
                s->free_byte_offset = 0;
            }
        }
    }
    if (block) {
        qcow2_cache_put(s->refcount_cache, &block);
    }
    return ret;
}

/* Set the refcount of one cluster to @value (repair; any width). */
int qcow2_set_refcount(BlockDriverState *bs, uint64_t cluster, uint64_t value)
{
    BDRVQcow2State *s = bs->opaque;
    if (value > s->refcount_max) {
        return -ERANGE;
    }
    bdrv_drain_data_io(bs);
    uint64_t idx = rb_index(s, cluster);
    int64_t off = refblock_offset(bs, idx);
    if (off == 0 && value > 0) {
        int ret = ensure_refblock(bs, idx, 0);
        if (ret < 0) {
            return ret;
        }
        off = refblock_offset(bs, idx);
    }
    if (off <= 0) {
        return off < 0 ? (int)off : 0;  /* no block and value 0: nothing */
    }
    void *block;
    int ret = qcow2_cache_get(bs, s->refcount_cache, off, &block);
    if (ret < 0) {
        return ret;
    }
    qcow2_set_refcount_ro(block, rb_offset_in(s, cluster), value,
                          s->refcount_order);
    qcow2_cache_mark_dirty(s->refcount_cache, block);
    qcow2_cache_put(s->refcount_cache, &block);
    if (value == 0) {
        if (cluster < s->free_cluster_index) {
            s->free_cluster_index = cluster;
        }
        qcow2_cache_discard(s->l2_cache, cluster << s->cluster_bits);
    }
    return 0;
}

int64_t qcow2_alloc_clusters(BlockDriverState *bs, uint64_t size)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t n = size_to_clusters(s, size);
    for (int tries = 0; tries < 16; tries++) {
        int64_t off = alloc_clusters_noref(bs, n);
        if (off < 0) {
            return off;
        }
        int ret = qcow2_update_refcount(bs, off, n << s->cluster_bits, 1);
        if (ret == 0) {
            return off;
        }
        if (ret != -EAGAIN) {
            return ret;
        }
    }
    return -EIO;
}

/* Byte-granular allocation for compressed data. */
int64_t qcow2_alloc_bytes(BlockDriverState *bs, int size)
{
    BDRVQcow2State *s = bs->opaque;
    int64_t off = s->free_byte_offset;
    if (off && offset_into_cluster(s, off) &&
        offset_into_cluster(s, off) + size <= (uint64_t)s->cluster_size) {
        /* Shares the cluster with earlier compressed data. */
        uint64_t rc;
        int ret = qcow2_get_refcount(bs, off >> s->cluster_bits, &rc);
        if (ret < 0) {
            return ret;
        }
        if (rc > 0 && rc < s->refcount_max) {
            ret = qcow2_update_refcount(bs, off, 1, 1);
            if (ret < 0) {
                return ret;
            }
            s->free_byte_offset = off + size;
            if (!offset_into_cluster(s, s->free_byte_offset)) {
                s->free_byte_offset = 0;
            }
            return off;
        }
    }
    off = qcow2_alloc_clusters(bs, size);
    if (off < 0) {
        return off;
    }
    s->free_byte_offset = off + size;
    if (!offset_into_cluster(s, s->free_byte_offset)) {
        s->free_byte_offset = 0;
    }
    return off;
}

static void free_clusters(BlockDriverState *bs, uint64_t offset, uint64_t size,
                          bool punch);

void qcow2_free_clusters(BlockDriverState *bs, uint64_t offset, uint64_t size)
{
    free_clusters(bs, offset, size, true);
}

void qcow2_free_clusters_punched(BlockDriverState *bs, uint64_t offset,
                                 uint64_t size)
{
    free_clusters(bs, offset, size, false);
}

static void free_clusters(BlockDriverState *bs, uint64_t offset, uint64_t size,
                          bool punch)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t first = offset >> s->cluster_bits;
    uint64_t last = (offset + size - 1) >> s->cluster_bits;
    if (qcow2_update_refcount(bs, offset, size, -1) < 0) {
        return;     /* leak rather than corrupt */
    }
    if (punch && s->discard_passthrough) {
        /* Punch out clusters that became free, one hole per run of them
         * (a large discard is one system call, not one per cluster). */
        uint64_t run = 0;
        for (uint64_t c = first; c <= last + 1; c++) {
            uint64_t rc = 1;
            if (c <= last && qcow2_get_refcount(bs, c, &rc) == 0 && rc == 0) {
                run++;
                continue;
            }
            if (run) {
                bdrv_pdiscard(bs->file, (c - run) << s->cluster_bits,
                              run << s->cluster_bits);
                run = 0;
            }
        }
    }
}
