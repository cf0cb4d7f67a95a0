/*
 * Unit tests for qcow2 internals: refcount entry arithmetic at every
 * width, refcount limits through the allocator, the metadata cache's LRU
 * eviction and flush dependency order, guest->host cluster mapping and the
 * compressed cluster descriptor encoding.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>

#include "block/qcow2.h"
#include "qemu/bswap.h"

static char *tmp_path(const char *name)
{
    char *dir = g_dir_make_tmp("test-qcow2-XXXXXX", NULL);
    g_assert_nonnull(dir);
    char *p = g_build_filename(dir, name, NULL);
    g_free(dir);
    return p;
}

static void remove_tmp(char *path)
{
    char *dir = g_path_get_dirname(path);
    unlink(path);
    rmdir(dir);
    g_free(dir);
    g_free(path);
}

/* Create a qcow2 image with the given options and open it read-write. */
static BlockDriverState *make_image(const char *path, const char *options,
                                    uint64_t size)
{
    QemuOpts *opts = qemu_opts_parse(&qcow2_create_opts, options, &error_abort);
    qemu_opt_set_number(opts, BLOCK_OPT_SIZE, size, &error_abort);
    g_assert_cmpint(bdrv_create(bdrv_find_format("qcow2"), path, opts,
                                &error_abort), ==, 0);
    qemu_opts_del(opts);
    BlockDriverState *bs = bdrv_open(path, "qcow2", NULL, BDRV_O_RDWR,
                                     &error_abort);
    g_assert_nonnull(bs);
    return bs;
}

/* Every width: values round-trip and neighbours are untouched. */
static void test_refcount_entry_widths(void)
{
    for (int order = 0; order <= 6; order++) {
        int bits = 1 << order;
        uint64_t max = bits == 64 ? UINT64_MAX : (1ULL << bits) - 1;
        size_t block_size = 512;
        uint64_t entries = block_size * 8 / bits;
        uint8_t *block = g_malloc0(block_size);
        uint64_t *want = g_new0(uint64_t, entries);
        GRand *r = g_rand_new_with_seed(order + 1);
        for (int round = 0; round < 4; round++) {
            for (uint64_t i = 0; i < entries; i++) {
                uint64_t v = ((uint64_t)g_rand_int(r) << 32) | g_rand_int(r);
                if (round == 0) {
                    v = max;            /* all ones */
                } else if (round == 1) {
                    v = 0;
                }
                v &= max;
                want[i] = v;
                qcow2_set_refcount_ro(block, i, v, order);
            }
            for (uint64_t i = 0; i < entries; i++) {
                g_assert_cmpuint(qcow2_get_refcount_ro(block, i, order), ==,
                                 want[i]);
            }
        }
        /* Changing one entry changes nothing else. */
        uint64_t mid = entries / 2;
        qcow2_set_refcount_ro(block, mid, 1, order);
        for (uint64_t i = 0; i < entries; i++) {
            g_assert_cmpuint(qcow2_get_refcount_ro(block, i, order), ==,
                             i == mid ? 1 : want[i]);
        }
        /* Big-endian layout for byte-sized and wider entries. */
        if (bits >= 16) {
            memset(block, 0, block_size);
            qcow2_set_refcount_ro(block, 1, 0x0102, order);
            g_assert_cmpuint(block[bits / 8 * 2 - 1], ==, 0x02);
            g_assert_cmpuint(block[bits / 8 * 2 - 2], ==, 0x01);
        }
        g_rand_free(r);
        g_free(want);
        g_free(block);
    }
}

/* The allocator refuses to overflow or underflow a refcount. */
static void test_refcount_limits(void)
{
    for (int order = 0; order <= 6; order++) {
        char *path = tmp_path("limits.qcow2");
        char *o = g_strdup_printf("refcount_bits=%d,cluster_size=4k",
                                  1 << order);
        BlockDriverState *bs = make_image(path, o, 1 << 20);
        BDRVQcow2State *s = bs->opaque;
        int64_t off = qcow2_alloc_clusters(bs, 4096);
        g_assert_cmpint(off, >, 0);
        uint64_t rc;
        g_assert_cmpint(qcow2_get_refcount(bs, off >> 12, &rc), ==, 0);
        g_assert_cmpuint(rc, ==, 1);
        if (order < 6) {
            uint64_t max = (1ULL << (1 << order)) - 1;
            g_assert_cmpuint(s->refcount_max, ==, max);
            if (max > 1) {
                g_assert_cmpint(qcow2_update_refcount(bs, off, 4096, max - 1),
                                ==, 0);
            }
            g_assert_cmpint(qcow2_update_refcount(bs, off, 4096, 1), ==,
                            -ERANGE);
            g_assert_cmpint(qcow2_get_refcount(bs, off >> 12, &rc), ==, 0);
            g_assert_cmpuint(rc, ==, max);
            g_assert_cmpint(qcow2_update_refcount(bs, off, 4096,
                                                  -(int64_t)max), ==, 0);
        } else {
            g_assert_cmpint(qcow2_update_refcount(bs, off, 4096, -1), ==, 0);
        }
        /* Now free: one more decrement is corruption, refused. */
        s->checking = true;     /* do not mark the test image corrupt */
        g_assert_cmpint(qcow2_update_refcount(bs, off, 4096, -1), ==, -EIO);
        s->checking = false;
        /* The freed cluster is handed out again first. */
        g_assert_cmpint(qcow2_alloc_clusters(bs, 4096), ==, off);
        bdrv_close(bs);
        g_free(o);
        remove_tmp(path);
    }
}

/* LRU eviction writes dirty tables back; flush honours the dependency. */
static void test_cache_eviction_order(void)
{
    char *path = tmp_path("cache.qcow2");
    BlockDriverState *bs = make_image(path, "cluster_size=4k", 1 << 20);
    BlockDriverState *file = bs->file;
    Qcow2Cache *rc = qcow2_cache_create(file, 2, 4096);
    Qcow2Cache *l2 = qcow2_cache_create(file, 2, 4096);
    qcow2_cache_set_dependency(l2, rc);
    /* Use clusters far past the image's metadata as scratch tables. */
    uint64_t a = 64 * 4096, b = 65 * 4096, c = 66 * 4096, d = 67 * 4096;
    void *t;
    /* bs->file is the protocol node: caches read/write it directly. */
    g_assert_cmpint(qcow2_cache_get_empty(bs, l2, a, &t), ==, 0);
    memset(t, 0xaa, 4096);
    qcow2_cache_mark_dirty(l2, t);
    qcow2_cache_put(l2, &t);
    g_assert_cmpint(qcow2_cache_get_empty(bs, l2, b, &t), ==, 0);
    memset(t, 0xbb, 4096);
    qcow2_cache_put(l2, &t);
    /* Touch a again so that b is least recently used. */
    g_assert_cmpint(qcow2_cache_get(bs, l2, a, &t), ==, 0);
    qcow2_cache_put(l2, &t);
    /* A dirty refcount table that must reach the disk before any L2. */
    g_assert_cmpint(qcow2_cache_get_empty(bs, rc, d, &t), ==, 0);
    memset(t, 0xdd, 4096);
    qcow2_cache_mark_dirty(rc, t);
    qcow2_cache_put(rc, &t);
    /* Loading c evicts clean b: nothing written. */
    g_assert_cmpint(qcow2_cache_get(bs, l2, c, &t), ==, 0);
    qcow2_cache_put(l2, &t);
    g_assert_cmpuint(qcow2_cache_writebacks(l2), ==, 0);
    g_assert_cmpuint(qcow2_cache_writebacks(rc), ==, 0);
    /* Loading b again evicts dirty a: the refcount cache goes first. */
    g_assert_cmpint(qcow2_cache_get(bs, l2, b, &t), ==, 0);
    qcow2_cache_put(l2, &t);
    g_assert_cmpuint(qcow2_cache_writebacks(rc), ==, 1);
    g_assert_cmpuint(qcow2_cache_writebacks(l2), ==, 1);
    uint8_t buf[4096];
    g_assert_cmpint(bdrv_pread(file, a, 4096, buf, 0), ==, 0);
    g_assert_cmpuint(buf[0], ==, 0xaa);
    g_assert_cmpuint(buf[4095], ==, 0xaa);
    g_assert_cmpint(bdrv_pread(file, d, 4096, buf, 0), ==, 0);
    g_assert_cmpuint(buf[100], ==, 0xdd);
    /* b was never dirty: its zeros were not written, the disk is empty. */
    g_assert_cmpint(bdrv_pread(file, b, 4096, buf, 0), ==, 0);
    g_assert_cmpuint(buf[0], ==, 0);
    /* A referenced entry is never evicted. */
    void *pinned, *other;
    g_assert_cmpint(qcow2_cache_get(bs, l2, a, &pinned), ==, 0);
    g_assert_cmpint(qcow2_cache_get(bs, l2, c, &other), ==, 0);
    void *third;
    g_assert_cmpint(qcow2_cache_get(bs, l2, d, &third), ==, -ENOSPC);
    qcow2_cache_put(l2, &pinned);
    qcow2_cache_put(l2, &other);
    qcow2_cache_destroy(l2);
    qcow2_cache_destroy(rc);
    bdrv_close(bs);
    remove_tmp(path);
}

/*
 * A cache larger than what is used: its table memory is not zeroed and
 * its scans stop at the last entry used, so a table must still come back
 * as read or cleared, a freed entry be reused before a fresh one, and a
 * flush reach every dirty table.
 */
static void test_cache_partly_used(void)
{
    char *path = tmp_path("cache-big.qcow2");
    BlockDriverState *bs = make_image(path, "cluster_size=4k", 1 << 20);
    BlockDriverState *file = bs->file;
    Qcow2Cache *c = qcow2_cache_create(file, 1024, 4096);
    uint64_t base = 64 * 4096;
    uint8_t buf[4096], zero[4096] = { 0 };
    void *t, *u;

    /* past the end of the file: a read table is zeros */
    g_assert_cmpint(qcow2_cache_get(bs, c, base, &t), ==, 0);
    g_assert_cmpmem(t, 4096, zero, 4096);
    memset(t, 0x11, 4096);
    qcow2_cache_mark_dirty(c, t);
    qcow2_cache_put(c, &t);
    for (int i = 1; i < 3; i++) {
        g_assert_cmpint(qcow2_cache_get_empty(bs, c, base + i * 4096, &t),
                        ==, 0);
        g_assert_cmpmem(t, 4096, zero, 4096);
        memset(t, 0x11 * (i + 1), 4096);
        qcow2_cache_mark_dirty(c, t);
        qcow2_cache_put(c, &t);
    }
    /* the second entry freed and reused: cleared, not its old bytes */
    g_assert_cmpint(qcow2_cache_get(bs, c, base + 4096, &t), ==, 0);
    u = t;
    qcow2_cache_put(c, &t);
    qcow2_cache_discard(c, base + 4096);
    g_assert_cmpint(qcow2_cache_get_empty(bs, c, base + 8 * 4096, &t), ==, 0);
    g_assert_true(t == u);
    g_assert_cmpmem(t, 4096, zero, 4096);
    qcow2_cache_put(c, &t);
    /* the third (the last used) is still found, and flushed */
    g_assert_cmpint(qcow2_cache_get(bs, c, base + 2 * 4096, &t), ==, 0);
    g_assert_cmpuint(((uint8_t *)t)[4095], ==, 0x33);
    qcow2_cache_put(c, &t);
    g_assert_cmpint(qcow2_cache_flush(bs, c), ==, 0);
    g_assert_cmpuint(qcow2_cache_writebacks(c), ==, 2);
    g_assert_cmpint(bdrv_pread(file, base, 4096, buf, 0), ==, 0);
    g_assert_cmpuint(buf[0], ==, 0x11);
    g_assert_cmpint(bdrv_pread(file, base + 2 * 4096, 4096, buf, 0), ==, 0);
    g_assert_cmpuint(buf[0], ==, 0x33);
    qcow2_cache_destroy(c);
    bdrv_close(bs);
    remove_tmp(path);
}

/* Writes, zero writes, compressed writes map as expected. */
static void test_cluster_mapping(void)
{
    char *path = tmp_path("map.qcow2");
    BlockDriverState *bs = make_image(path, "cluster_size=4k", 4 << 20);
    uint8_t *buf = g_malloc(64 * 1024);
    memset(buf, 0x42, 64 * 1024);
    /* 3 clusters of data, partially covering the first and the last. */
    g_assert_cmpint(bdrv_pwrite(bs, 4096 + 100, 2 * 4096, buf, 0), ==, 0);
    uint64_t bytes = 1 << 20, e;
    Qcow2ClusterType ty;
    g_assert_cmpint(qcow2_get_host_offset(bs, 0, &bytes, &e, &ty), ==, 0);
    g_assert_cmpint(ty, ==, QCOW2_CLUSTER_UNALLOCATED);
    g_assert_cmpuint(bytes, ==, 4096);
    bytes = 1 << 20;
    g_assert_cmpint(qcow2_get_host_offset(bs, 4096, &bytes, &e, &ty), ==, 0);
    g_assert_cmpint(ty, ==, QCOW2_CLUSTER_NORMAL);
    g_assert_cmpuint(bytes, ==, 3 * 4096);      /* contiguous run */
    g_assert_true(e & QCOW_OFLAG_COPIED);
    /* COW kept the untouched head of the first cluster zero. */
    uint8_t rd[200];
    g_assert_cmpint(bdrv_pread(bs, 4096, 200, rd, 0), ==, 0);
    g_assert_cmpuint(rd[99], ==, 0);
    g_assert_cmpuint(rd[100], ==, 0x42);
    /* Zero clusters. */
    g_assert_cmpint(bdrv_pwrite_zeroes(bs, 16 * 4096, 2 * 4096,
                                       BDRV_REQ_MAY_UNMAP), ==, 0);
    bytes = 1 << 20;
    g_assert_cmpint(qcow2_get_host_offset(bs, 16 * 4096, &bytes, &e, &ty), ==, 0);
    g_assert_cmpint(ty, ==, QCOW2_CLUSTER_ZERO_PLAIN);
    g_assert_cmpuint(bytes, ==, 2 * 4096);
    /* Compressed clusters, and their descriptor decodes back. */
    memset(buf, 'x', 4096);
    g_assert_cmpint(bdrv_pwrite_compressed(bs, 32 * 4096, 4096, buf), ==, 0);
    bytes = 4096;
    g_assert_cmpint(qcow2_get_host_offset(bs, 32 * 4096, &bytes, &e, &ty), ==, 0);
    g_assert_cmpint(ty, ==, QCOW2_CLUSTER_COMPRESSED);
    memset(buf, 0, 4096);
    g_assert_cmpint(bdrv_pread(bs, 32 * 4096, 4096, buf, 0), ==, 0);
    for (int i = 0; i < 4096; i++) {
        g_assert_cmpuint(buf[i], ==, 'x');
    }
    /* Overwriting part of a compressed cluster makes it normal again. */
    g_assert_cmpint(bdrv_pwrite(bs, 32 * 4096 + 10, 1, "y", 0), ==, 0);
    bytes = 4096;
    g_assert_cmpint(qcow2_get_host_offset(bs, 32 * 4096, &bytes, &e, &ty), ==, 0);
    g_assert_cmpint(ty, ==, QCOW2_CLUSTER_NORMAL);
    g_assert_cmpint(bdrv_pread(bs, 32 * 4096, 4096, buf, 0), ==, 0);
    g_assert_cmpuint(buf[9], ==, 'x');
    g_assert_cmpuint(buf[10], ==, 'y');
    /* A clean image afterwards. */
    BdrvCheckResult res = { 0 };
    g_assert_cmpint(bdrv_check(bs, &res, 0), ==, 0);
    g_assert_cmpint(res.corruptions, ==, 0);
    g_assert_cmpint(res.leaks, ==, 0);
    g_free(buf);
    bdrv_close(bs);
    remove_tmp(path);
}

/* Compressed descriptors: offset and sector count at every cluster size. */
static void test_compressed_descriptor(void)
{
    for (int bits = 9; bits <= 21; bits++) {
        BDRVQcow2State s = { 0 };
        s.cluster_bits = bits;
        s.csize_shift = 62 - (bits - 8);
        s.csize_mask = (1ULL << (bits - 8)) - 1;
        s.cluster_offset_mask = (1ULL << s.csize_shift) - 1;
        uint64_t host = (1ULL << 40) + 12345;
        uint64_t csize = (1ULL << bits) - 700;
        uint64_t nb = ((host + csize - 1) >> 9) - (host >> 9);
        if (nb > s.csize_mask) {
            csize = 300;
            nb = ((host + csize - 1) >> 9) - (host >> 9);
        }
        uint64_t e = QCOW_OFLAG_COMPRESSED | host | (nb << s.csize_shift);
        uint64_t h2, c2;
        qcow2_compressed_location(&s, e, &h2, &c2);
        g_assert_cmpuint(h2, ==, host);
        /* The decoded size covers the data up to its last sector. */
        g_assert_cmpuint(c2, >=, csize);
        g_assert_cmpuint(c2, <, csize + 512);
        g_assert_cmpint(qcow2_get_cluster_type(&s, e), ==,
                        QCOW2_CLUSTER_COMPRESSED);
    }
}

typedef struct ThreadJob {
    BlockDriverState *bs;
    int id;
    int errors;
} ThreadJob;

static gpointer concurrent_writer(gpointer opaque)
{
    ThreadJob *job = opaque;
    uint8_t buf[6000];
    /* Interleaved, unaligned 6000-byte writes: threads share clusters
     * and L2 tables, so allocation and COW race if unprotected. */
    for (int i = 0; i < 200; i++) {
        int64_t off = ((int64_t)i * 4 + job->id) * 6000;
        memset(buf, job->id * 50 + i % 50 + 1, sizeof(buf));
        if (bdrv_pwrite(job->bs, off, sizeof(buf), buf, 0) < 0) {
            job->errors++;
        }
        if (i % 7 == 0) {
            uint8_t rd[6000];
            if (bdrv_pread(job->bs, off, sizeof(rd), rd, 0) < 0 ||
                memcmp(rd, buf, sizeof(rd))) {
                job->errors++;
            }
        }
    }
    return NULL;
}

/* Several threads writing one image at once: data and metadata intact. */
static void test_concurrent_writes(void)
{
    char *path = tmp_path("threads.qcow2");
    BlockDriverState *bs = make_image(path, "cluster_size=4k", 8 << 20);
    ThreadJob jobs[4];
    GThread *th[4];
    for (int t = 0; t < 4; t++) {
        jobs[t] = (ThreadJob) { .bs = bs, .id = t };
        th[t] = g_thread_new("writer", concurrent_writer, &jobs[t]);
    }
    for (int t = 0; t < 4; t++) {
        g_thread_join(th[t]);
        g_assert_cmpint(jobs[t].errors, ==, 0);
    }
    uint8_t rd[6000];
    for (int i = 0; i < 200; i++) {
        for (int t = 0; t < 4; t++) {
            int64_t off = ((int64_t)i * 4 + t) * 6000;
            g_assert_cmpint(bdrv_pread(bs, off, sizeof(rd), rd, 0), ==, 0);
            for (size_t k = 0; k < sizeof(rd); k++) {
                g_assert_cmpuint(rd[k], ==, t * 50 + i % 50 + 1);
            }
        }
    }
    g_assert_cmpint(bdrv_flush(bs), ==, 0);
    BdrvCheckResult res = { 0 };
    g_assert_cmpint(bdrv_check(bs, &res, 0), ==, 0);
    g_assert_cmpint(res.corruptions, ==, 0);
    g_assert_cmpint(res.leaks, ==, 0);
    bdrv_close(bs);
    remove_tmp(path);
}

typedef struct ReaderJob {
    BlockDriverState *bs;
    int clusters;
    volatile gint *stop;
    int bad;
    int reads;
} ReaderJob;

/* Each cluster holds its index + 1 or, while discarded, zeros. */
static gpointer pattern_reader(gpointer opaque)
{
    ReaderJob *job = opaque;
    uint8_t buf[4096];
    GRand *r = g_rand_new_with_seed(GPOINTER_TO_UINT(job));
    while (!g_atomic_int_get(job->stop)) {
        int c = g_rand_int_range(r, 0, job->clusters);
        if (bdrv_pread(job->bs, (int64_t)c * 4096, 4096, buf, 0) < 0) {
            job->bad++;
            continue;
        }
        for (int k = 0; k < 4096; k++) {
            if (buf[k] != c + 1 && buf[k] != 0) {
                job->bad++;
                break;
            }
        }
        job->reads++;
    }
    g_rand_free(r);
    return NULL;
}

/*
 * Reads transfer data without the node lock; a discard that frees their
 * cluster must wait for them, or the cluster is reused by the rewrite of
 * another guest cluster and the reader sees foreign data.
 */
static void test_parallel_reads_vs_discard(void)
{
    enum { CLUSTERS = 16, ROUNDS = 400, READERS = 3 };
    char *path = tmp_path("discard.qcow2");
    BlockDriverState *bs = make_image(path, "cluster_size=4k", 1 << 20);
    /* cache=unsafe: each discard's table flush skips fdatasync */
    bdrv_close(bs);
    bs = bdrv_open(path, "qcow2", NULL, BDRV_O_RDWR | BDRV_O_NO_FLUSH,
                   &error_abort);
    uint8_t buf[4096];
    for (int c = 0; c < CLUSTERS; c++) {
        memset(buf, c + 1, sizeof(buf));
        g_assert_cmpint(bdrv_pwrite(bs, (int64_t)c * 4096, 4096, buf, 0),
                        ==, 0);
    }
    volatile gint stop = 0;
    ReaderJob jobs[READERS];
    GThread *th[READERS];
    for (int t = 0; t < READERS; t++) {
        jobs[t] = (ReaderJob) { .bs = bs, .clusters = CLUSTERS,
                                .stop = &stop };
        th[t] = g_thread_new("reader", pattern_reader, &jobs[t]);
    }
    int prev = -1;
    for (int i = 0; i < ROUNDS; i++) {
        int c = i % CLUSTERS;
        g_assert_cmpint(bdrv_pdiscard(bs, (int64_t)c * 4096, 4096), ==, 0);
        if (prev >= 0) {
            /* Allocates the lowest free cluster: the one just freed. */
            memset(buf, prev + 1, sizeof(buf));
            g_assert_cmpint(bdrv_pwrite(bs, (int64_t)prev * 4096, 4096, buf,
                                        0), ==, 0);
        }
        prev = c;
    }
    g_atomic_int_set(&stop, 1);
    for (int t = 0; t < READERS; t++) {
        g_thread_join(th[t]);
        g_assert_cmpint(jobs[t].bad, ==, 0);
        g_assert_cmpint(jobs[t].reads, >, 0);
    }
    g_assert_cmpint(bdrv_flush(bs), ==, 0);
    BdrvCheckResult res = { 0 };
    g_assert_cmpint(bdrv_check(bs, &res, 0), ==, 0);
    g_assert_cmpint(res.corruptions, ==, 0);
    g_assert_cmpint(res.leaks, ==, 0);
    bdrv_close(bs);
    remove_tmp(path);
}

typedef struct BlockedJob {
    BlockDriverState *bs;
    bool discard;
    volatile gint done;
    int ret;
} BlockedJob;

static gpointer blocked_request(gpointer opaque)
{
    BlockedJob *job = opaque;
    uint8_t buf[4096];
    job->ret = job->discard ? bdrv_pdiscard(job->bs, 0, 4096)
                            : bdrv_pread(job->bs, 8192, 4096, buf, 0);
    g_atomic_int_set(&job->done, 1);
    return NULL;
}

static bool wait_done(BlockedJob *job, int ms)
{
    for (int i = 0; i < ms && !g_atomic_int_get(&job->done); i++) {
        g_usleep(1000);
    }
    return g_atomic_int_get(&job->done);
}

/*
 * The engine: while a transfer is in flight (begin without end), other
 * requests run, and an operation that frees a cluster waits for it.
 */
static void test_data_io_drain(void)
{
    char *path = tmp_path("drain.qcow2");
    BlockDriverState *bs = make_image(path, "cluster_size=4k", 1 << 20);
    uint8_t buf[4096];
    memset(buf, 0x5a, sizeof(buf));
    for (int c = 0; c < 4; c++) {
        g_assert_cmpint(bdrv_pwrite(bs, (int64_t)c * 4096, 4096, buf, 0),
                        ==, 0);
    }
    g_rec_mutex_lock(&bs->lock);
    bdrv_data_io_begin(bs);

    BlockedJob rd = { .bs = bs };
    GThread *t1 = g_thread_new("read", blocked_request, &rd);
    g_assert_true(wait_done(&rd, 10000));   /* not held up by the transfer */
    g_assert_cmpint(rd.ret, ==, 0);

    BlockedJob dc = { .bs = bs, .discard = true };
    GThread *t2 = g_thread_new("discard", blocked_request, &dc);
    g_assert_false(wait_done(&dc, 200));    /* waits for the transfer */

    bdrv_data_io_end(bs);
    g_rec_mutex_unlock(&bs->lock);
    g_assert_true(wait_done(&dc, 10000));
    g_assert_cmpint(dc.ret, ==, 0);
    g_thread_join(t1);
    g_thread_join(t2);
    bdrv_close(bs);
    remove_tmp(path);
}

/*
 * A discard over clusters whose host clusters form runs in host order and
 * in reverse order frees every one of them, punches their bytes out of
 * the file, and leaves the clusters around it intact; the image checks
 * clean.
 */
static void test_discard_runs(void)
{
    enum { CS = 4096, N = 96 };
    char *path = tmp_path("runs.qcow2");
    BlockDriverState *bs = make_image(path, "cluster_size=4k", N * CS);
    uint8_t buf[CS];
    /* Guest clusters 0..31 in host order, 32..63 written backwards (so
     * host order is reversed), 64..95 in order again. */
    for (int i = 0; i < N; i++) {
        int c = i < 32 || i >= 64 ? i : 95 - i;
        memset(buf, c + 1, sizeof(buf));
        g_assert_cmpint(bdrv_pwrite(bs, (int64_t)c * CS, CS, buf, 0), ==, 0);
    }
    g_assert_cmpint(bdrv_flush(bs), ==, 0);
    struct stat before, after;
    g_assert_cmpint(stat(path, &before), ==, 0);
    /* Keep clusters 0..3 and 92..95. */
    g_assert_cmpint(bdrv_pdiscard(bs, 4 * CS, (N - 8) * CS), ==, 0);
    g_assert_cmpint(bdrv_flush(bs), ==, 0);
    g_assert_cmpint(stat(path, &after), ==, 0);
    /* The discarded clusters went back to the file system: what stays
     * is the 8 kept clusters and a few of metadata. */
    g_assert_cmpint(before.st_blocks * 512, >=, (int64_t)N * CS);
    g_assert_cmpint(after.st_blocks * 512, <=, (int64_t)24 * CS);
    for (int c = 0; c < N; c++) {
        g_assert_cmpint(bdrv_pread(bs, (int64_t)c * CS, CS, buf, 0), ==, 0);
        uint8_t want = c < 4 || c >= N - 4 ? c + 1 : 0;
        for (int k = 0; k < CS; k++) {
            g_assert_cmpuint(buf[k], ==, want);
        }
    }
    BdrvCheckResult res = { 0 };
    g_assert_cmpint(bdrv_check(bs, &res, 0), ==, 0);
    g_assert_cmpint(res.corruptions, ==, 0);
    g_assert_cmpint(res.leaks, ==, 0);
    bdrv_close(bs);
    remove_tmp(path);
}

static gpointer cluster_writer(gpointer opaque)
{
    ThreadJob *job = opaque;
    uint8_t buf[3 * 4096];
    /* Whole new clusters (1 to 3 at a time), interleaved with the other
     * threads': their data goes out without the node lock. */
    for (int i = 0; i < 64; i++) {
        int n = 1 + (i + job->id) % 3;
        int64_t off = ((int64_t)i * 4 + job->id) * sizeof(buf);
        memset(buf, job->id * 60 + i + 1, sizeof(buf));
        if (bdrv_pwrite(job->bs, off, (int64_t)n * 4096, buf, 0) < 0) {
            job->errors++;
        }
    }
    return NULL;
}

/* Allocating whole-cluster writes from several threads: data, mapping
 * and refcounts intact. */
static void test_concurrent_cluster_writes(void)
{
    char *path = tmp_path("alloc.qcow2");
    BlockDriverState *bs = make_image(path, "cluster_size=4k", 4 << 20);
    ThreadJob jobs[4];
    GThread *th[4];
    for (int t = 0; t < 4; t++) {
        jobs[t] = (ThreadJob) { .bs = bs, .id = t };
        th[t] = g_thread_new("writer", cluster_writer, &jobs[t]);
    }
    for (int t = 0; t < 4; t++) {
        g_thread_join(th[t]);
        g_assert_cmpint(jobs[t].errors, ==, 0);
    }
    uint8_t rd[3 * 4096];
    for (int i = 0; i < 64; i++) {
        for (int t = 0; t < 4; t++) {
            int n = 1 + (i + t) % 3;
            int64_t off = ((int64_t)i * 4 + t) * sizeof(rd);
            g_assert_cmpint(bdrv_pread(bs, off, sizeof(rd), rd, 0), ==, 0);
            for (size_t k = 0; k < sizeof(rd); k++) {
                g_assert_cmpuint(rd[k], ==,
                                 k < (size_t)n * 4096 ? t * 60 + i + 1 : 0);
            }
        }
    }
    g_assert_cmpint(bdrv_flush(bs), ==, 0);
    BdrvCheckResult res = { 0 };
    g_assert_cmpint(bdrv_check(bs, &res, 0), ==, 0);
    g_assert_cmpint(res.corruptions, ==, 0);
    g_assert_cmpint(res.leaks, ==, 0);
    bdrv_close(bs);
    remove_tmp(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qcow2/refcount/entry-widths", test_refcount_entry_widths);
    g_test_add_func("/qcow2/refcount/limits", test_refcount_limits);
    g_test_add_func("/qcow2/cache/eviction-order", test_cache_eviction_order);
    g_test_add_func("/qcow2/cache/partly-used", test_cache_partly_used);
    g_test_add_func("/qcow2/cluster/mapping", test_cluster_mapping);
    g_test_add_func("/qcow2/cluster/compressed-descriptor",
                    test_compressed_descriptor);
    g_test_add_func("/qcow2/concurrent-writes", test_concurrent_writes);
    g_test_add_func("/qcow2/concurrent-cluster-writes",
                    test_concurrent_cluster_writes);
    g_test_add_func("/qcow2/parallel-reads-vs-discard",
                    test_parallel_reads_vs_discard);
    g_test_add_func("/qcow2/data-io-drain", test_data_io_drain);
    g_test_add_func("/qcow2/discard-runs", test_discard_runs);
    return g_test_run();
}
