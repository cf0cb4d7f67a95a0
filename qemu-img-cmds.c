/*
 * qemu-img data copying commands: convert (sparse detection, compression,
 * backing-aware copies, parallel workers), dd and bench.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "block/block_int.h"
#include "qemu-img.h"
#include "block/coroutine.h"
#include "block/dirty-bitmap.h"
#include "block/file-aio.h"
#include "qemu/cutils.h"
#include "qemu/error.h"
#include "qemu/units.h"

#define CONVERT_BUF_SIZE (2 * MiB)

enum {
    OPT_TARGET_IS_ZERO = 300,
    OPT_FLUSH_INTERVAL,
    OPT_NO_DRAIN,
    OPT_PATTERN,
    OPT_OBJECT,
    OPT_SALVAGE,
    OPT_BITMAPS,
    OPT_SKIP_BROKEN_BITMAPS,
    OPT_IMAGE_OPTS,
    OPT_TARGET_IMAGE_OPTS,
};

/* --- convert ---------------------------------------------------------- */

typedef struct ConvertState {
    BlockDriverState **src;
    int64_t *src_len;
    int nb_src;
    int64_t total;
    BlockDriverState *target;
    bool compressed;
    bool target_has_backing;
    bool zero_target;       /* target reads as zeros: zero ranges skip */
    int64_t min_sparse;     /* 0: no zero detection */
    int cluster_size;       /* compression unit */
    int64_t chunk;
    GMutex lock;
    struct ConvertJob *jobs;        /* nb_jobs windows' buffers */
    int nb_jobs;
    struct ConvertJob *free_jobs;   /* not claimed */
    GCond job_freed;
    struct ConvertJob **ready;      /* prepared, by seq % nb_jobs */
    bool writing;           /* a worker is writing the windows in order */
    bool in_order;
    int64_t claim_seq;
    int64_t commit_seq;
    int64_t next;           /* next offset to claim */
    int64_t done;
    int ret;
    int64_t err_offset;
    bool err_write;
    bool copy_plain;        /* -C: copy data as is, no zero detection */
    bool salvage;           /* --salvage: unreadable sectors become zeros */
    int64_t rate_limit;     /* -r: bytes per second, 0 = unlimited */
    int64_t rate_start;     /* g_get_monotonic_time() at the first chunk */
    int64_t rate_bytes;     /* bytes released to the writers so far */
} ConvertState;

/* Map a global offset to (source index, offset within it, bytes left). */
static int convert_locate(ConvertState *s, int64_t off, int64_t *local,
                          int64_t *left)
{
    for (int i = 0; i < s->nb_src; i++) {
        if (off < s->src_len[i]) {
            *local = off;
            *left = s->src_len[i] - off;
            return i;
        }
        off -= s->src_len[i];
    }
    return -1;
}

/* Compression results of one chunk, computed before its ordered write. */
typedef struct CompressedChunk {
    uint8_t *out;           /* cluster_size bytes per cluster */
    int *clen;              /* per cluster: >0 compressed, 0 plain, -1 zero */
    int64_t nclusters;
    bool ready;             /* compress step done (driver supports it) */
} CompressedChunk;

/* Compress every non-zero cluster of @buf (no lock held). */
static int convert_compress(ConvertState *s, const uint8_t *buf, int64_t n,
                            CompressedChunk *cc)
{
    int64_t cs = s->cluster_size;
    cc->nclusters = (n + cs - 1) / cs;
    cc->ready = false;
    for (int64_t i = 0; i < cc->nclusters; i++) {
        int64_t m = MIN(cs, n - i * cs);
        if (buffer_is_zero(buf + i * cs, m)) {
            cc->clen[i] = -1;
            continue;
        }
        int r = bdrv_compress_cluster(s->target, buf + i * cs, m,
                                      cc->out + i * cs, cs);
        if (r == -ENOTSUP) {
            return 0;       /* the write step compresses itself */
        }
        if (r < 0) {
            return r;
        }
        cc->clen[i] = r;
    }
    cc->ready = true;
    return 0;
}

/* Write @n bytes of @buf at @off, skipping runs of min_sparse zeros. */
static int convert_write_data(ConvertState *s, int64_t off, int64_t n,
                              const uint8_t *buf, CompressedChunk *cc)
{
    if (s->compressed) {
        int64_t cs = s->cluster_size;
        for (int64_t i = 0; i * cs < n; i++) {
            int64_t m = MIN(cs, n - i * cs);
            int ret;
            if (cc->ready ? cc->clen[i] < 0 : buffer_is_zero(buf + i * cs, m)) {
                ret = s->zero_target ? 0
                      : bdrv_pwrite_zeroes(s->target, off + i * cs, m, 0);
            } else if (cc->ready) {
                ret = bdrv_pwrite_precompressed(s->target, off + i * cs, m,
                                                buf + i * cs, cc->out + i * cs,
                                                cc->clen[i]);
            } else {
                ret = bdrv_pwrite_compressed(s->target, off + i * cs, m,
                                             buf + i * cs);
            }
            if (ret < 0) {
                return ret;
            }
        }
        return 0;
    }
    if (!s->min_sparse || s->copy_plain) {
        return bdrv_pwrite(s->target, off, n, buf, 0);
    }
    int64_t ms = s->min_sparse;
    int64_t i = 0;
    while (i < n) {
        /* Classify the min_sparse-aligned block containing i. */
        int64_t blk_end = MIN(n, ((off + i) / ms + 1) * ms - off);
        bool zero = buffer_is_zero(buf + i, blk_end - i);
        int64_t j = blk_end;
        while (j < n) {
            int64_t e = MIN(n, j + ms);
            if (buffer_is_zero(buf + j, e - j) != zero) {
                break;
            }
            j = e;
        }
        int ret;
        if (zero) {
            ret = s->zero_target ? 0
                  : bdrv_pwrite_zeroes(s->target, off + i, j - i,
                                       BDRV_REQ_MAY_UNMAP);
        } else {
            ret = bdrv_pwrite(s->target, off + i, j - i, buf + i, 0);
        }
        if (ret < 0) {
            return ret;
        }
        i = j;
    }
    return 0;
}

/*
 * --salvage: read [off, off+n) of @src again sector by sector; sectors that
 * still fail are warned about (at their offset in the output) and read as
 * zeros, as QEMU does.
 */
static void convert_salvage_read(ConvertState *s, BlockDriverState *src,
                                 int64_t local, int64_t n, uint8_t *buf,
                                 int64_t out_off)
{
    for (int64_t i = 0; i < n; i += BDRV_SECTOR_SIZE) {
        int64_t m = MIN((int64_t)BDRV_SECTOR_SIZE, n - i);
        int ret = bdrv_pread(src, local + i, m, buf + i, 0);
        if (ret < 0) {
            warn_report("error while reading offset %" PRId64 ": %s",
                        out_off + i, strerror(-ret));
            memset(buf + i, 0, m);
        }
    }
}

/*
 * -r: hold a writer back until the bytes released before it fit the rate,
 * so the whole copy takes at least (total - last chunk) / rate.
 */
static void convert_rate_wait(ConvertState *s, int64_t bytes)
{
    g_mutex_lock(&s->lock);
    if (!s->rate_start) {
        s->rate_start = g_get_monotonic_time();
    }
    int64_t due = s->rate_start +
                  (int64_t)((double)s->rate_bytes * G_USEC_PER_SEC /
                            s->rate_limit);
    s->rate_bytes += bytes;
    g_mutex_unlock(&s->lock);
    int64_t now = g_get_monotonic_time();
    if (due > now) {
        g_usleep((gulong)(due - now));
    }
}

static void convert_fail(ConvertState *s, int ret, int64_t off, bool write)
{
    g_mutex_lock(&s->lock);
    if (s->ret == 0) {
        s->ret = ret;
        s->err_offset = off;
        s->err_write = write;
    }
    g_cond_broadcast(&s->job_freed);
    g_mutex_unlock(&s->lock);
}

/* What a run of a window becomes in the target. */
typedef enum ConvertRunKind {
    RUN_DATA,           /* read from the source, written */
    RUN_ZERO,           /* reads as zeros: zeroed, or skipped on a zero target */
    RUN_BACKING,        /* unallocated above a backed target: left alone */
} ConvertRunKind;

typedef struct ConvertRun {
    int64_t len;
    ConvertRunKind kind;
} ConvertRun;

/*
 * Split the window [off, off+n) into runs by the sources' block status,
 * with no lock held (a status query may read metadata or seek; holding the
 * claim lock across it would stall every other worker).  A compressed
 * window is one cluster and is read whole unless it is all zero or all
 * left to the backing file.  0, or -errno with *err_off.
 */
static int convert_window_runs(ConvertState *s, int64_t off, int64_t n,
                               GArray *runs, int64_t *err_off)
{
    g_array_set_size(runs, 0);
    for (int64_t p = 0; p < n;) {
        int64_t local = 0, left = 0;
        int idx = convert_locate(s, off + p, &local, &left);
        BlockDriverState *src = s->src[idx];
        int64_t want = MIN(n - p, left);
        int64_t pnum = 0;
        int st;
        if (s->target_has_backing) {
            st = bdrv_block_status(src, local, want, &pnum, NULL, NULL);
            if (st >= 0 && !(st & BDRV_BLOCK_ALLOCATED)) {
                st = -1000;     /* leave to the target's backing file */
            } else if (st >= 0) {
                int64_t p2;
                st = bdrv_block_status_above(src, NULL, local, pnum, &p2, NULL,
                                             NULL, NULL);
                pnum = MIN(pnum, p2);
            }
        } else {
            st = bdrv_block_status_above(src, NULL, local, want, &pnum, NULL,
                                         NULL, NULL);
        }
        if (st >= 0 && s->min_sparse == 0) {
            st = BDRV_BLOCK_DATA;   /* -S 0: allocate everything */
        }
        if (st < 0 && st != -1000 && s->salvage) {
            warn_report("error while reading block status at offset %" PRId64
                        ": %s", off + p, strerror(-st));
            st = BDRV_BLOCK_DATA;
            pnum = MIN(want, (int64_t)BDRV_SECTOR_SIZE);
        }
        if (st < 0 && st != -1000) {
            *err_off = off + p;
            return st;
        }
        if (pnum <= 0 || pnum > want) {
            pnum = want;
        }
        ConvertRunKind kind = st == -1000 ? RUN_BACKING
            : (st & BDRV_BLOCK_ZERO) && !(st & BDRV_BLOCK_DATA) ? RUN_ZERO
            : RUN_DATA;
        /* one run per status extent, not merged: a read error names the
         * start of the extent that failed, as QEMU's request does */
        ConvertRun r = { .len = pnum, .kind = kind };
        g_array_append_val(runs, r);
        p += pnum;
    }
    bool mixed = false;
    for (guint i = 1; i < runs->len; i++) {
        mixed |= g_array_index(runs, ConvertRun, i).kind !=
                 g_array_index(runs, ConvertRun, 0).kind;
    }
    if (s->compressed && runs->len > 1) {
        /* one cluster, one run; a mixed one is read whole (its zero parts
         * compress to little) */
        ConvertRun r = {
            .len = n,
            .kind = mixed ? RUN_DATA : g_array_index(runs, ConvertRun, 0).kind,
        };
        g_array_set_size(runs, 0);
        g_array_append_val(runs, r);
    }
    return 0;
}

/* Read the data runs of the window at @off into @buf (no lock held). */
static int convert_read_window(ConvertState *s, int64_t off, GArray *runs,
                               uint8_t *buf, int64_t *err_off)
{
    int64_t pos = 0;
    for (guint r = 0; r < runs->len; r++) {
        ConvertRun *run = &g_array_index(runs, ConvertRun, r);
        int64_t end = pos + run->len;
        while (run->kind == RUN_DATA && pos < end) {
            int64_t local = 0, left = 0;
            int idx = convert_locate(s, off + pos, &local, &left);
            int64_t n = MIN(end - pos, left);
            int ret = bdrv_pread(s->src[idx], local, n, buf + pos, 0);
            if (ret < 0 && s->salvage) {
                convert_salvage_read(s, s->src[idx], local, n, buf + pos,
                                     off + pos);
                ret = 0;
            }
            if (ret < 0) {
                *err_off = off + pos;
                return ret;
            }
            pos += n;
        }
        pos = end;
    }
    return 0;
}

/* Write the runs of the window at @off (its turn has come). */
static int convert_write_window(ConvertState *s, int64_t off, GArray *runs,
                                const uint8_t *buf, CompressedChunk *cc,
                                int64_t *err_off)
{
    int64_t pos = 0;
    for (guint r = 0; r < runs->len; r++) {
        ConvertRun *run = &g_array_index(runs, ConvertRun, r);
        int ret = 0;
        if (run->kind == RUN_ZERO && !s->zero_target) {
            ret = bdrv_pwrite_zeroes(s->target, off + pos, run->len,
                                     BDRV_REQ_MAY_UNMAP);
        } else if (run->kind == RUN_DATA) {
            ret = convert_write_data(s, off + pos, run->len, buf + pos, cc);
        }
        if (ret < 0) {
            *err_off = off + pos;
            return ret;
        }
        pos += run->len;
    }
    return 0;
}

/*
 * A claimed window on its way from a worker (status, read, compress) to
 * the write.  There are a few more jobs than workers, so a worker that has
 * prepared a window out of turn leaves it ready and claims the next one
 * instead of waiting.
 */
typedef struct ConvertJob {
    int64_t off, n, seq;
    GArray *runs;
    uint8_t *buf;
    CompressedChunk cc;
    struct ConvertJob *next;    /* in the free list */
} ConvertJob;

static void convert_jobs_init(ConvertState *s, int workers)
{
    /* Windows a writer may lag behind by: a few chunks, or up to 64
     * clusters when compressing (small buffers, jittery work). */
    s->nb_jobs = workers + (int)MIN(64, MAX(2, 8 * MiB / s->chunk));
    s->jobs = g_new0(ConvertJob, s->nb_jobs);
    s->ready = g_new0(ConvertJob *, s->nb_jobs);
    for (int i = 0; i < s->nb_jobs; i++) {
        ConvertJob *job = &s->jobs[i];
        job->buf = g_aligned_alloc(1, s->chunk, 4096);
        job->runs = g_array_new(false, false, sizeof(ConvertRun));
        if (s->compressed) {
            int64_t nc = (s->chunk + s->cluster_size - 1) / s->cluster_size;
            job->cc.out = g_malloc((size_t)nc * s->cluster_size);
            job->cc.clen = g_new(int, nc);
        }
        job->next = s->free_jobs;
        s->free_jobs = job;
    }
    g_cond_init(&s->job_freed);
}

static void convert_jobs_free(ConvertState *s)
{
    for (int i = 0; i < s->nb_jobs; i++) {
        g_aligned_free(s->jobs[i].buf);
        g_array_free(s->jobs[i].runs, true);
        g_free(s->jobs[i].cc.out);
        g_free(s->jobs[i].cc.clen);
    }
    g_free(s->jobs);
    g_free(s->ready);
    g_cond_clear(&s->job_freed);
}

/* Status, read and compress a claimed window (no lock held). */
static void convert_prepare(ConvertState *s, ConvertJob *job)
{
    int64_t err_off = job->off;
    bool err_write = false;
    int ret = convert_window_runs(s, job->off, job->n, job->runs, &err_off);
    if (ret == 0) {
        ret = convert_read_window(s, job->off, job->runs, job->buf, &err_off);
    }
    if (ret == 0 && s->compressed && job->runs->len == 1 &&
        g_array_index(job->runs, ConvertRun, 0).kind == RUN_DATA) {
        err_write = true;
        err_off = job->off;
        ret = convert_compress(s, job->buf, job->n, &job->cc);
    }
    if (ret < 0) {
        convert_fail(s, ret, err_off, err_write);
    }
}

/*
 * Write a prepared window (unless an error stopped the copy) and free its
 * job.  Called with s->lock held; drops it around the write.
 */
static void convert_write_job(ConvertState *s, ConvertJob *job)
{
    bool go = !s->ret;
    g_mutex_unlock(&s->lock);
    if (go && s->rate_limit) {
        convert_rate_wait(s, job->n);
    }
    if (go) {
        int64_t err_off;
        int ret = convert_write_window(s, job->off, job->runs, job->buf,
                                       &job->cc, &err_off);
        if (ret < 0) {
            convert_fail(s, ret, err_off, true);
        }
    }
    g_mutex_lock(&s->lock);
    s->done += job->n;
    if (s->total) {
        img_progress_print(s->done * 100.0 / s->total);
    }
    job->next = s->free_jobs;
    s->free_jobs = job;
    g_cond_signal(&s->job_freed);
}

/*
 * Workers claim fixed windows in order (a chunk, or one cluster when
 * compressing); the claim is all the lock covers.  Each worker asks the
 * sources what its window holds, reads (and compresses) it in parallel
 * with the others.  Unless -W, windows are written in claim order, so the
 * image layout does not depend on thread timing: whichever worker finds
 * the next window in order ready writes it and every ready one after it,
 * so no worker waits for its turn and no write needs a thread hand-off.
 */
static gpointer convert_worker(gpointer opaque)
{
    ConvertState *s = opaque;
    g_mutex_lock(&s->lock);
    for (;;) {
        while (!s->ret && s->next < s->total && !s->free_jobs) {
            g_cond_wait(&s->job_freed, &s->lock);
        }
        if (s->ret || s->next >= s->total) {
            break;
        }
        ConvertJob *job = s->free_jobs;
        s->free_jobs = job->next;
        job->off = s->next;
        job->n = MIN(s->chunk - job->off % s->chunk, s->total - job->off);
        job->seq = s->claim_seq++;
        s->next += job->n;
        g_mutex_unlock(&s->lock);

        convert_prepare(s, job);

        g_mutex_lock(&s->lock);
        if (!s->in_order) {
            convert_write_job(s, job);
            continue;
        }
        /* Claimed and unwritten windows are fewer than nb_jobs: the slot
         * is free. */
        s->ready[job->seq % s->nb_jobs] = job;
        while (!s->writing) {
            ConvertJob **slot = &s->ready[s->commit_seq % s->nb_jobs];
            if (!*slot) {
                break;
            }
            ConvertJob *head = *slot;
            *slot = NULL;
            s->writing = true;
            convert_write_job(s, head);
            s->commit_seq++;
            s->writing = false;
        }
    }
    /* wake the workers waiting for a job: there is nothing left to claim */
    g_cond_broadcast(&s->job_freed);
    g_mutex_unlock(&s->lock);
    return NULL;
}

/* convert -l snapshot.id=ID,snapshot.name=NAME (QEMU's internal_snapshot_opts). */
static const QemuOptsList convert_snapshot_opts = {
    .name = "snapshot",
    .desc = {
        { "snapshot.id", QEMU_OPT_STRING, "snapshot id" },
        { "snapshot.name", QEMU_OPT_STRING, "snapshot name" },
        { NULL },
    },
};

bool img_snapshot_param_parse(const char *arg, QemuOpts **sn_opts,
                              const char **snapshot_name)
{
    if (!g_str_has_prefix(arg, "snapshot.")) {
        *snapshot_name = arg;
        return true;
    }
    Error *err = NULL;
    if (*sn_opts) {
        qemu_opts_del(*sn_opts);
    }
    *sn_opts = qemu_opts_parse(&convert_snapshot_opts, arg, &err);
    if (!*sn_opts) {
        error_report_err(err);
        error_report("Failed in parsing snapshot param '%s'", arg);
        return false;
    }
    return true;
}

bool img_snapshot_param_load(BlockDriverState *bs, QemuOpts *sn_opts,
                             const char *snapshot_name)
{
    Error *err = NULL;
    if (sn_opts) {
        bdrv_snapshot_load_tmp(bs, qemu_opt_get(sn_opts, "snapshot.id"),
                               qemu_opt_get(sn_opts, "snapshot.name"), &err);
    } else if (snapshot_name) {
        bdrv_snapshot_load_tmp_by_id_or_name(bs, snapshot_name, &err);
    }
    if (err) {
        error_prepend(&err, "Failed to load snapshot: ");
        error_report_err(err);
        return false;
    }
    return true;
}

int img_convert(int argc, char **argv)
{
    bool image_opts = false, target_image_opts = false;
    const char *fmt = NULL, *out_fmt = NULL, *cache = "unsafe";
    const char *src_cache = "writeback";
    const char *out_baseimg = NULL, *backing_fmt = NULL;
    char *options = NULL;
    bool compress = false, progress = false, quiet = false, skip_create = false;
    bool force_share = false, target_is_zero = false, wr_in_order = true;
    int64_t min_sparse = 8;     /* sectors (4 KiB) */
    int num_workers = 0;        /* -m; default chosen below */
    const char *snapshot_name = NULL;
    QemuOpts *sn_opts = NULL;
    bool copy_plain = false, salvage = false, explicit_min_sparse = false;
    int64_t rate_limit = 0;
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "image-opts", no_argument, NULL, OPT_IMAGE_OPTS },
        { "target-image-opts", no_argument, NULL, OPT_TARGET_IMAGE_OPTS },
        { "object", required_argument, NULL, OPT_OBJECT },
        { "force-share", no_argument, NULL, 'U' },
        { "target-is-zero", no_argument, NULL, OPT_TARGET_IS_ZERO },
        { "salvage", no_argument, NULL, OPT_SALVAGE },
        { "bitmaps", no_argument, NULL, OPT_BITMAPS },
        { "skip-broken-bitmaps", no_argument, NULL, OPT_SKIP_BROKEN_BITMAPS },
        { NULL, 0, NULL, 0 },
    };
    bool bitmaps = false, skip_broken = false;
    int c, ret = 1;
    while ((c = getopt_long(argc, argv, ":hf:O:B:Cco:l:S:pt:T:qnm:Wr:UF:",
                            long_options, NULL)) != -1) {
        switch (c) {
        case 'f':
            fmt = optarg;
            break;
        case 'O':
            out_fmt = optarg;
            break;
        case 'B':
            out_baseimg = optarg;
            break;
        case 'F':
            backing_fmt = optarg;
            break;
        case 'c':
            compress = true;
            break;
        case 'C':
            /* Copy offloading: data is copied as is, never zero-detected.
             * (Through read/write; the result is the same image.) */
            copy_plain = true;
            break;
        case 'o':
            if (!img_accumulate_options(&options, optarg)) {
                goto out_opts;
            }
            break;
        case 'S': {
            uint64_t sval;
            const char *end;
            if (qemu_strtosz(optarg, &end, &sval) < 0 || *end ||
                sval > INT64_MAX || (sval % 512)) {
                error_report("Invalid buffer size for sparse output specified. "
                             "Valid sizes are multiples of 512 up to 2M");
                goto out_opts;
            }
            min_sparse = (int64_t)sval / 512;
            explicit_min_sparse = true;
            break;
        }
        case 'p':
            progress = true;
            break;
        case 't':
            cache = optarg;
            break;
        case 'T':
            src_cache = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 'n':
            skip_create = true;
            break;
        case 'm': {
            int v;
            if (qemu_strtoi(optarg, NULL, 0, &v) < 0 || v < 1 || v > 16) {
                error_report("Invalid number of coroutines. Allowed number of"
                             " coroutines is between 1 and 16");
                goto out_opts;
            }
            num_workers = v;
            break;
        }
        case 'W':
            wr_in_order = false;
            break;
        case 'l':
            if (!img_snapshot_param_parse(optarg, &sn_opts, &snapshot_name)) {
                goto out_opts;
            }
            break;
        case 'r':
            rate_limit = img_parse_number("rate limit", optarg);
            if (rate_limit < 0) {
                goto out_opts;
            }
            break;
        case 'U':
            force_share = true;
            break;
        case OPT_TARGET_IS_ZERO:
            target_is_zero = true;
            break;
        case OPT_SALVAGE:
            salvage = true;
            break;
        case OPT_BITMAPS:
            bitmaps = true;
            break;
        case OPT_SKIP_BROKEN_BITMAPS:
            skip_broken = true;
            break;
        case OPT_OBJECT:
            if (!img_add_object(optarg)) {
                goto out_opts;
            }
            break;
        case 'h':
            printf("usage: qemu-img convert [-C] [-c] [-p] [-q] [-n] [-f fmt] "
                   "[-t cache] [-T src_cache] [-O output_fmt] "
                   "[-B backing_file [-F backing_fmt]] [-o options] "
                   "[-l snapshot_param] [-S sparse_size] [-r rate_limit] "
                   "[-m num_coroutines] [-W] [-U] [--salvage] "
                   "[--target-is-zero] [--bitmaps [--skip-broken-bitmaps]] "
                   "filename [filename2 [...]] "
                   "output_filename\n");
            ret = 0;
            goto out_opts;
        case OPT_IMAGE_OPTS:
            image_opts = true;
            break;
        case OPT_TARGET_IMAGE_OPTS:
            target_image_opts = true;
            break;
        case ':':
            img_missing_argument(argv[optind - 1]);
            goto out_opts;
        default:
            img_unrecognized_option(argv[optind - 1]);
            goto out_opts;
        }
    }
    if (quiet) {
        progress = false;
    }
    if (skip_broken && !bitmaps) {
        error_report("Use of --skip-broken-bitmaps requires --bitmaps");
        goto out_opts;
    }
    if (compress && copy_plain) {
        error_report("Cannot enable copy offloading when -c is used");
        goto out_opts;
    }
    if (explicit_min_sparse && copy_plain) {
        error_report("Cannot enable copy offloading when -S is used");
        goto out_opts;
    }
    if (copy_plain && salvage) {
        error_report("Cannot use copy offloading in salvaging mode");
        goto out_opts;
    }
    int nb_src = argc - optind - 1;
    if (target_image_opts && !skip_create) {
        error_report("--target-image-opts requires use of -n flag");
        goto out_opts;
    }
    if (target_is_zero && !skip_create) {
        error_report("--target-is-zero requires use of -n flag");
        goto out_opts;
    }
    if (!out_fmt) {
        out_fmt = "raw";
    }
    BlockDriver *drv = bdrv_find_format(out_fmt);
    if (!drv || !bdrv_create_opts(drv)) {
        error_report("Unknown file format '%s'", out_fmt);
        goto out_opts;
    }
    /* As QEMU: -o help needs no source, only (optionally) the target. */
    if (options && has_help_option(options)) {
        img_print_create_help(drv, nb_src >= 1 ? argv[argc - 1] : NULL);
        ret = 0;
        goto out_opts;
    }
    if (nb_src < 1) {
        error_report("Must specify image file name");
        goto out_opts;
    }
    const char *out_filename = argv[argc - 1];
    if (compress && !bdrv_supports_compressed_writes(drv)) {
        error_report("Compression not supported for this file format");
        goto out_opts;
    }
    int src_flags = force_share ? BDRV_O_FORCE_SHARE : 0;
    bool wt;
    if (!img_parse_cache(src_cache, &src_flags, &wt)) {
        error_report("Invalid source cache option: %s", src_cache);
        goto out_opts;
    }
    int dst_flags = BDRV_O_RDWR | BDRV_O_UNMAP;
    bool dst_wt;
    if (!img_parse_cache(cache, &dst_flags, &dst_wt)) {
        error_report("Invalid cache option: %s", cache);
        goto out_opts;
    }
    if (dst_wt) {
        dst_flags |= BDRV_O_WRITETHROUGH;
    }

    ConvertState s;
    memset(&s, 0, sizeof(s));
    g_mutex_init(&s.lock);
    s.nb_src = nb_src;
    s.src = g_new0(BlockDriverState *, nb_src);
    s.src_len = g_new0(int64_t, nb_src);
    QemuOpts *opts = NULL;
    for (int i = 0; i < nb_src; i++) {
        s.src[i] = img_open_spec(argv[optind + i], fmt, src_flags, quiet,
                                 image_opts);
        if (!s.src[i]) {
            goto out;
        }
        s.src_len[i] = bdrv_getlength(s.src[i]);
        if (s.src_len[i] < 0) {
            error_report("Could not get size of %s: %s", argv[optind + i],
                         strerror((int)-s.src_len[i]));
            goto out;
        }
        s.total += s.src_len[i];
    }
    if (!sn_opts && snapshot_name && nb_src > 1) {
        error_report("No support for concatenating multiple snapshot");
        goto out;
    }
    if (!img_snapshot_param_load(s.src[0], sn_opts, snapshot_name)) {
        goto out;
    }
    if (bitmaps && nb_src > 1) {
        error_report("Copying bitmaps only possible with single source");
        goto out;
    }
    if (bitmaps && !img_convert_check_bitmaps(s.src[0], skip_broken)) {
        goto out;
    }

    Error *err = NULL;
    if (!skip_create) {
        opts = img_parse_create_opts(drv, options, &err);
        if (!opts) {
            error_prepend(&err, "Invalid options for file format '%s': ",
                          out_fmt);
            error_report_err(err);
            goto out;
        }
        if (out_baseimg) {
            if (!bdrv_supports_backing(drv)) {
                error_report("Backing file not supported for file format '%s'",
                             out_fmt);
                goto out;
            }
            qemu_opt_set(opts, BLOCK_OPT_BACKING_FILE, out_baseimg, NULL);
            if (backing_fmt) {
                qemu_opt_set(opts, BLOCK_OPT_BACKING_FMT, backing_fmt, NULL);
            }
        }
        if (compress && (qemu_opt_get_bool(opts, "encryption", false) ||
                         qemu_opt_get(opts, "encrypt.format"))) {
            error_report("Compression and encryption not supported at the "
                         "same time");
            goto out;
        }
        qemu_opt_set_number(opts, BLOCK_OPT_SIZE, (uint64_t)s.total, NULL);
        if (bdrv_create(drv, out_filename, opts, &err) < 0) {
            error_prepend(&err, "%s: error while converting %s: ",
                          out_filename, out_fmt);
            error_report_err(err);
            goto out;
        }
    }
    if (target_image_opts) {
        s.target = img_open_spec(out_filename, NULL,
                                 dst_flags | BDRV_O_NO_BACKING, quiet, true);
    } else {
        /* As QEMU: the new image opens with the secrets it was made with. */
        char *secret_opts = img_key_secret_opts(opts);
        s.target = img_open_opts(out_filename, out_fmt, secret_opts,
                                 dst_flags | BDRV_O_NO_BACKING, quiet);
        g_free(secret_opts);
    }
    if (!s.target) {
        goto out;
    }
    if (bitmaps && !bdrv_bitmap_supported(s.target)) {
        error_report("Format driver '%s' does not support bitmaps",
                     bdrv_get_format_name(s.target));
        goto out;
    }
    s.target_has_backing = out_baseimg != NULL ||
                           (skip_create && bdrv_backing_file_name(s.target)[0]);
    if (skip_create) {
        int64_t tlen = bdrv_getlength(s.target);
        if (tlen < s.total) {
            error_report("output file is smaller than input file");
            goto out;
        }
    }
    s.zero_target = target_is_zero ||
                    (!skip_create && !s.target_has_backing &&
                     bdrv_has_zero_init(s.target));
    s.compressed = compress;
    s.min_sparse = min_sparse * 512;
    s.copy_plain = copy_plain;
    s.salvage = salvage;
    s.rate_limit = rate_limit;
    BlockDriverInfo bdi;
    s.cluster_size = 65536;
    if (bdrv_get_info(s.target, &bdi) == 0 && bdi.cluster_size) {
        s.cluster_size = bdi.cluster_size;
    }
    /* Compressed: one cluster per claim, as QEMU.  Writes go in claim
     * order, so with bigger chunks the workers that finished compressing
     * sit idle behind the one still compressing the head chunk. */
    s.chunk = compress ? s.cluster_size
                       : MAX((int64_t)CONVERT_BUF_SIZE, (int64_t)s.cluster_size);
    img_progress_init(progress);
    /* Parallel reads and compression; writes stay in order unless -W, so
     * the layout is deterministic, as QEMU's. */
    s.in_order = wr_in_order;
    /* Compression is CPU-bound and scales with threads; plain copies are
     * bound by the page cache, where more than two threads only add
     * wake-ups. */
    int workers = num_workers ? num_workers : (compress ? 8 : 2);
    convert_jobs_init(&s, workers);
    if (workers > 1) {
        GThread **th = g_new(GThread *, workers);
        for (int i = 0; i < workers; i++) {
            th[i] = g_thread_new("convert", convert_worker, &s);
        }
        for (int i = 0; i < workers; i++) {
            g_thread_join(th[i]);
        }
        g_free(th);
    } else {
        convert_worker(&s);
    }
    convert_jobs_free(&s);
    if (s.ret) {
        error_report("error while %s at byte %" PRId64 ": %s",
                     s.err_write ? "writing" : "reading", s.err_offset,
                     strerror(-s.ret));
        goto out;
    }
    if (bdrv_flush(s.target) < 0) {
        error_report("error while flushing the target");
        goto out;
    }
    if (bitmaps && !img_convert_copy_bitmaps(s.src[0], s.target,
                                             skip_broken)) {
        goto out;
    }
    img_progress_end();
    ret = 0;
out:
    if (s.target) {
        bdrv_close(s.target);
    }
    for (int i = 0; i < nb_src; i++) {
        bdrv_close(s.src[i]);
    }
    g_free(s.src);
    g_free(s.src_len);
    g_mutex_clear(&s.lock);
    if (opts) {
        qemu_opts_del(opts);
    }
out_opts:
    if (sn_opts) {
        qemu_opts_del(sn_opts);
    }
    g_free(options);
    return ret;
}

/* --- dd --------------------------------------------------------------- */

int img_dd(int argc, char **argv)
{
    const char *fmt = NULL, *out_fmt = "raw", *in = NULL, *out = NULL;
    int64_t bs = 512, count = -1, skip = 0;
    bool force_share = false, image_opts = false;
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "force-share", no_argument, NULL, 'U' },
        { "object", required_argument, NULL, OPT_OBJECT },
        { "image-opts", no_argument, NULL, OPT_IMAGE_OPTS },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, ":hf:O:U", long_options, NULL)) != -1) {
        switch (c) {
        case 'f':
            fmt = optarg;
            break;
        case 'O':
            out_fmt = optarg;
            break;
        case 'U':
            force_share = true;
            break;
        case OPT_OBJECT:
            if (!img_add_object(optarg)) {
                return 1;
            }
            break;
        case OPT_IMAGE_OPTS:
            image_opts = true;
            break;
        case 'h':
            printf("usage: qemu-img dd [--object objectdef] [--image-opts] "
                   "[-U] [-f fmt] [-O output_fmt] "
                   "[bs=block_size] [count=blocks] [skip=blocks] if=input "
                   "of=output\n");
            return 0;
        case ':':
            img_missing_argument(argv[optind - 1]);
            return 1;
        default:
            img_unrecognized_option(argv[optind - 1]);
            return 1;
        }
    }
    for (int i = optind; i < argc; i++) {
        const char *v;
        uint64_t n;
        const char *end;
        if (strstart(argv[i], "if=", &v)) {
            in = v;
        } else if (strstart(argv[i], "of=", &v)) {
            out = v;
        } else if (strstart(argv[i], "bs=", &v)) {
            if (qemu_strtosz(v, &end, &n) < 0 || *end || n == 0 ||
                n > INT32_MAX) {
                error_report("Invalid bs specified. Must be between 1 and "
                             "%d.", INT32_MAX);
                return 1;
            }
            bs = (int64_t)n;
        } else if (strstart(argv[i], "count=", &v)) {
            if (qemu_strtosz(v, &end, &n) < 0 || *end || n > INT64_MAX) {
                error_report("invalid number: '%s'", v);
                return 1;
            }
            count = (int64_t)n;
        } else if (strstart(argv[i], "skip=", &v)) {
            if (qemu_strtosz(v, &end, &n) < 0 || *end || n > INT64_MAX) {
                error_report("invalid number: '%s'", v);
                return 1;
            }
            skip = (int64_t)n;
        } else {
            error_report("unrecognized operand %.*s",
                         (int)strcspn(argv[i], "="), argv[i]);
            return 1;
        }
    }
    if (!in || !out) {
        error_report("Must specify both input and output files");
        return 1;
    }
    BlockDriver *drv = bdrv_find_format(out_fmt);
    if (!drv || !bdrv_create_opts(drv)) {
        error_report("Unknown file format");
        return 1;
    }
    /* As QEMU 7.2: --image-opts names the input; of= stays a file name. */
    BlockDriverState *src = img_open_spec(in, fmt,
                                          force_share ? BDRV_O_FORCE_SHARE : 0,
                                          false, image_opts);
    if (!src) {
        return 1;
    }
    int ret = 1;
    BlockDriverState *dst = NULL;
    uint8_t *buf = NULL;
    int64_t size = bdrv_getlength(src);
    if (count >= 0 && count <= INT64_MAX / bs && count * bs < size) {
        size = count * bs;
    }
    int64_t in_pos = 0, out_size;
    if (skip > INT64_MAX / bs || size < skip * bs) {
        out_size = 0;
        in_pos = size;
    } else {
        in_pos = skip * bs;
        out_size = size - in_pos;
    }
    Error *err = NULL;
    QemuOpts *opts = img_parse_create_opts(drv, NULL, &err);
    qemu_opt_set_number(opts, BLOCK_OPT_SIZE, (uint64_t)out_size, NULL);
    if (bdrv_create(drv, out, opts, &err) < 0) {
        error_prepend(&err, "%s: error while creating output image: ", out);
        error_report_err(err);
        qemu_opts_del(opts);
        goto out;
    }
    qemu_opts_del(opts);
    dst = img_open(out, out_fmt, BDRV_O_RDWR | BDRV_O_NO_FLUSH, false);
    if (!dst) {
        goto out;
    }
    buf = g_malloc(bs);
    for (int64_t out_pos = 0; in_pos < size;) {
        int64_t n = MIN(bs, size - in_pos);
        if (bdrv_pread(src, in_pos, n, buf, 0) < 0) {
            error_report("error while reading from input image file");
            goto out;
        }
        if (bdrv_pwrite(dst, out_pos, n, buf, 0) < 0) {
            error_report("error while writing to output image file");
            goto out;
        }
        in_pos += n;
        out_pos += n;
    }
    ret = 0;
out:
    g_free(buf);
    bdrv_close(dst);
    bdrv_close(src);
    return ret;
}

/* --- bench ------------------------------------------------------------ */

/*
 * qemu-img bench keeps up to `depth` requests in flight, as QEMU does:
 * one thread per slot (the block layer takes requests from several
 * threads, as convert -m does), each taking the next request of the
 * sequence.  Every flush_interval requests a flush is issued; with drain
 * (the default) it waits until the requests before it have completed and
 * no new one starts until it is done, with --no-drain it runs beside them.
 */
/* The most requests bench keeps in flight, whatever -d asks. */
#define BENCH_MAX_THREADS 1024

typedef struct BenchState {
    BlockDriverState *bs;
    GMutex lock;
    GCond cond;
    int count, issued, completed;
    int64_t pos;                /* offset of the next request */
    int64_t offset, step, bufsize, image_size;
    int flush_interval, last_flush;
    bool is_write, drain_on_flush, flushing;
    int pattern;
    int ret;                    /* the first error, or 0 */
    const char *error_what;
} BenchState;

static void bench_fail(BenchState *b, int ret, const char *what)
{
    if (!b->ret) {
        b->ret = ret;
        b->error_what = what;
    }
    g_cond_broadcast(&b->cond);
}

static gpointer bench_worker(gpointer opaque)
{
    BenchState *b = opaque;
    uint8_t *buf = g_aligned_alloc(1, b->bufsize, 4096);

    memset(buf, b->pattern, b->bufsize);
    g_mutex_lock(&b->lock);
    while (!b->ret && b->issued < b->count) {
        int64_t pos;
        int ret;

        if (b->flushing) {
            g_cond_wait(&b->cond, &b->lock);
            continue;
        }
        /* as QEMU counts it: when the requests not yet issued are a
           multiple of the interval (the last flush comes after the last
           request, in img_bench) */
        if (b->flush_interval && b->issued > 0 &&
            (b->count - b->issued) % b->flush_interval == 0 &&
            b->last_flush != b->issued) {
            b->last_flush = b->issued;
            if (b->drain_on_flush) {
                b->flushing = true;
                while (b->completed < b->issued && !b->ret) {
                    g_cond_wait(&b->cond, &b->lock);
                }
            }
            g_mutex_unlock(&b->lock);
            ret = bdrv_flush(b->bs);
            g_mutex_lock(&b->lock);
            b->flushing = false;
            g_cond_broadcast(&b->cond);
            if (ret < 0) {
                bench_fail(b, ret, "flush request");
            }
            continue;
        }
        /* QEMU 7.2's sequence: the first request at the -o offset, each
           next one a step further, modulo the image size (a request that
           then runs past the end fails, as in QEMU) */
        pos = b->pos;
        b->pos = b->image_size ? (b->pos + b->step) % b->image_size : 0;
        b->issued++;
        g_mutex_unlock(&b->lock);
        ret = b->is_write ? bdrv_pwrite(b->bs, pos, b->bufsize, buf, 0)
                          : bdrv_pread(b->bs, pos, b->bufsize, buf, 0);
        g_mutex_lock(&b->lock);
        b->completed++;
        if (ret < 0) {
            bench_fail(b, ret, "request");
        } else if (b->flushing && b->completed == b->issued) {
            g_cond_broadcast(&b->cond);
        }
    }
    g_mutex_unlock(&b->lock);
    g_aligned_free(buf);
    return NULL;
}

/*
 * Requests through -i native|io_uring run as coroutines in this one
 * thread, as in QEMU: the kernel gets the requests in batches and the
 * thread sleeps only when none has completed (see "Coroutine loop" in
 * block/file-aio.c).  A write that frees a cluster drains the node's
 * transfers by running the other coroutines (bdrv_drain_data_io).  Runs
 * with --flush-interval stay on threads (a flush that drains would have
 * to wait for coroutines here).
 */
static void bench_co(void *opaque)
{
    BenchState *b = opaque;
    uint8_t *buf = g_aligned_alloc(1, b->bufsize, 4096);

    memset(buf, b->pattern, b->bufsize);
    while (!b->ret && b->issued < b->count) {
        int64_t pos = b->pos;
        b->pos = b->image_size ? (b->pos + b->step) % b->image_size : 0;
        b->issued++;
        int ret = b->is_write ? bdrv_pwrite(b->bs, pos, b->bufsize, buf, 0)
                              : bdrv_pread(b->bs, pos, b->bufsize, buf, 0);
        b->completed++;
        if (ret < 0) {
            bench_fail(b, ret, "request");
        }
    }
    g_aligned_free(buf);
}

/* False when the kernel context cannot be made: run threads instead. */
static bool bench_run_coroutines(BenchState *b, int aio_flags, int depth)
{
    FileAioMode mode = (aio_flags & BDRV_O_NATIVE_AIO) ? FILE_AIO_NATIVE
                                                       : FILE_AIO_IO_URING;
    int n = MIN(depth, b->count);
    if (file_aio_co_loop_begin(mode, MAX(n, 1)) < 0) {
        return false;
    }
    Coroutine **co = g_new(Coroutine *, MAX(n, 1));
    for (int i = 0; i < n; i++) {
        co[i] = qemu_coroutine_create(bench_co, b);
        qemu_coroutine_enter(co[i]);
    }
    Coroutine *next;
    while ((next = file_aio_co_next())) {
        qemu_coroutine_enter(next);
    }
    for (int i = 0; i < n; i++) {
        g_assert(qemu_coroutine_finished(co[i]));
        qemu_coroutine_delete(co[i]);
    }
    g_free(co);
    file_aio_co_loop_end();
    return true;
}

int img_bench(int argc, char **argv)
{
    bool image_opts = false;
    const char *fmt = NULL, *cache = "writeback";
    int count = 75000, depth = 64, pattern = 0;
    int64_t bufsize = 4096, step = 0, offset = 0, flush_interval = 0;
    bool is_write = false, quiet = false, force_share = false;
    bool drain_on_flush = true;
    int aio_flags = 0;             /* -n / -i: the file protocol's engine */
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "image-opts", no_argument, NULL, OPT_IMAGE_OPTS },
        { "flush-interval", required_argument, NULL, OPT_FLUSH_INTERVAL },
        { "no-drain", no_argument, NULL, OPT_NO_DRAIN },
        { "pattern", required_argument, NULL, OPT_PATTERN },
        { "force-share", no_argument, NULL, 'U' },
        { "object", required_argument, NULL, OPT_OBJECT },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, ":hc:d:f:ni:o:qs:S:t:wU", long_options,
                            NULL)) != -1) {
        uint64_t v;
        const char *end;
        switch (c) {
        case 'c':
            if (qemu_strtoi(optarg, NULL, 0, &count) < 0 || count < 0) {
                error_report("Invalid request count specified");
                return 1;
            }
            break;
        case 'd':
            if (qemu_strtoi(optarg, NULL, 0, &depth) < 0 || depth < 1) {
                error_report("Invalid queue depth specified");
                return 1;
            }
            break;
        case 'f':
            fmt = optarg;
            break;
        case 'n':
            aio_flags = BDRV_O_NATIVE_AIO;
            break;
        case 'i':
            if (!bdrv_parse_aio(optarg, &aio_flags)) {
                error_report("Invalid aio option: %s", optarg);
                return 1;
            }
            break;
        case 'o':
            if (qemu_strtosz(optarg, &end, &v) < 0 || *end || v > INT64_MAX) {
                error_report("Invalid offset specified");
                return 1;
            }
            offset = (int64_t)v;
            break;
        case 'q':
            quiet = true;
            break;
        case 's':
            if (qemu_strtosz(optarg, &end, &v) < 0 || *end || !v ||
                v > INT32_MAX) {
                error_report("Invalid buffer size specified");
                return 1;
            }
            bufsize = (int64_t)v;
            break;
        case 'S':
            if (qemu_strtosz(optarg, &end, &v) < 0 || *end || v > INT32_MAX) {
                error_report("Invalid step size specified");
                return 1;
            }
            step = (int64_t)v;
            break;
        case 't':
            cache = optarg;
            break;
        case 'w':
            is_write = true;
            break;
        case 'U':
            force_share = true;
            break;
        case OPT_FLUSH_INTERVAL:
            if (qemu_strtosz(optarg, &end, &v) < 0 || *end || v > INT32_MAX) {
                error_report("Invalid flush interval specified");
                return 1;
            }
            flush_interval = (int64_t)v;
            break;
        case OPT_NO_DRAIN:
            drain_on_flush = false;
            break;
        case OPT_PATTERN:
            if (qemu_strtoi(optarg, NULL, 0, &pattern) < 0 || pattern < 0 ||
                pattern > 0xff) {
                error_report("Invalid pattern byte specified");
                return 1;
            }
            break;
        case 'h':
            printf("usage: qemu-img bench [-c count] [-d depth] [-f fmt] "
                   "[--flush-interval=flush_interval] [-i aio] [-n] "
                   "[--no-drain] "
                   "[-o offset] [--pattern=pattern] [-q] [-s buffer_size] "
                   "[-S step_size] [-t cache] [-w] [-U] filename\n");
            return 0;
        case OPT_OBJECT:
            if (!img_add_object(optarg)) {
                return 1;
            }
            break;
        case OPT_IMAGE_OPTS:
            image_opts = true;
            break;
        case ':':
            img_missing_argument(argv[optind - 1]);
            return 1;
        default:
            img_unrecognized_option(argv[optind - 1]);
            return 1;
        }
    }
    if (optind != argc - 1) {
        img_usage_error("Expecting one image file name");
        return 1;
    }
    if (!is_write && flush_interval) {
        error_report("--flush-interval is only available in write tests");
        return 1;
    }
    if (flush_interval && flush_interval < depth) {
        error_report("Flush interval can't be smaller than depth");
        return 1;
    }
    int flags = (is_write ? BDRV_O_RDWR : 0) |
                (force_share ? BDRV_O_FORCE_SHARE : 0) | aio_flags;
    bool wt;
    if (!img_parse_cache(cache, &flags, &wt)) {
        error_report("Invalid cache mode");
        return 1;
    }
    if (wt) {
        flags |= BDRV_O_WRITETHROUGH;
    }
    BlockDriverState *bs = img_open_spec(argv[optind], fmt, flags, quiet,
                                         image_opts);
    if (!bs) {
        return 1;
    }
    int64_t image_size = bdrv_getlength(bs);
    if (step == 0) {
        step = bufsize;
    }
    if (image_size < 0) {
        error_report("Could not get the size of '%s': %s", argv[optind],
                     strerror((int)-image_size));
        bdrv_close(bs);
        return 1;
    }
    /* QEMU prints these whatever -q says */
    printf("Sending %d %s requests, %d bytes each, %d in parallel "
           "(starting at offset %" PRId64 ", step size %d)\n",
           count, is_write ? "write" : "read", (int)bufsize, depth,
           offset, (int)step);
    if (flush_interval) {
        printf("Sending flush every %d requests\n", (int)flush_interval);
    }
    BenchState st = {
        .bs = bs, .count = count, .pos = offset, .offset = offset,
        .step = step, .bufsize = bufsize, .image_size = image_size,
        .flush_interval = flush_interval, .is_write = is_write,
        .drain_on_flush = drain_on_flush, .pattern = pattern,
    };
    /* a thread per queue slot, up to BENCH_MAX_THREADS; if the host
       gives fewer, the run goes on with those */
    int nthreads = MIN(MIN(depth, count), BENCH_MAX_THREADS), started = 0, ret;
    GThread **th = g_new(GThread *, MAX(nthreads, 1));
    struct timespec t0, t1;
    g_mutex_init(&st.lock);
    g_cond_init(&st.cond);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!flush_interval && (aio_flags & (BDRV_O_NATIVE_AIO | BDRV_O_IO_URING)) &&
        bdrv_co_capable(bs) && bench_run_coroutines(&st, aio_flags, depth)) {
        nthreads = 0;
    }
    for (int i = 0; i < nthreads; i++) {
        th[started] = g_thread_try_new("bench", bench_worker, &st, NULL);
        if (th[started]) {
            started++;
        }
    }
    if (nthreads && !started) {
        bench_fail(&st, -EAGAIN, "request");    /* no thread at all */
    }
    for (int i = 0; i < started; i++) {
        g_thread_join(th[i]);
    }
    if (!st.ret && flush_interval && count > 0) {
        /* the last flush, after the last request (QEMU's cadence) */
        int r = bdrv_flush(bs);
        if (r < 0) {
            bench_fail(&st, r, "flush request");
        }
    }
    ret = st.ret;
    if (ret < 0) {
        error_report("Failed %s: %s", st.error_what, strerror(-ret));
    }
    g_free(th);
    g_mutex_clear(&st.lock);
    g_cond_clear(&st.cond);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (ret >= 0) {
        printf("Run completed in %3.3f seconds.\n",
               (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    }
    bdrv_close(bs);
    return ret < 0 ? 1 : 0;
}

/* --- progress as QEMU's rebase prints it ------------------------------ */

/*
 * QEMU's step-wise progress: each step adds @delta percent; a line is
 * printed when the total moved by more than 2 points or hit 0 or 100.
 */
typedef struct StepProgress {
    bool on;
    float current;
    float last;
} StepProgress;

static void step_progress_print(StepProgress *p, float delta, int max)
{
    if (!p->on) {
        return;
    }
    float cur = max ? p->current + delta / 100 * max : delta;
    if (cur > 100) {
        cur = 100;
    }
    p->current = cur;
    if (cur > p->last + 2.0f || cur < p->last - 2.0f || cur == 0 ||
        cur == 100) {
        p->last = cur;
        printf("    (%3.2f/100%%)\r", cur);
        fflush(stdout);
    }
}

static void step_progress_end(StepProgress *p)
{
    if (p->on) {
        printf("\n");
        fflush(stdout);
    }
}

/* --- rebase ----------------------------------------------------------- */

#define REBASE_BUF_SIZE (2 * MiB)

/* Bytes from @off (up to @bytes) in which @a and @b are both equal or
 * both different per 512-byte sector; returns whether they differ. */
static bool sectors_differ(const uint8_t *a, const uint8_t *b, int64_t bytes,
                           int64_t *pnum)
{
    int64_t i = MIN(bytes, (int64_t)BDRV_SECTOR_SIZE);
    bool res = memcmp(a, b, i) != 0;
    while (i < bytes) {
        int64_t len = MIN(bytes - i, (int64_t)BDRV_SECTOR_SIZE);
        if ((memcmp(a + i, b + i, len) != 0) != res) {
            break;
        }
        i += len;
    }
    *pnum = i;
    return res;
}

/* Read [off, off+n) of @bs into @buf, zeros past its end (or if NULL). */
static int read_or_zero(BlockDriverState *bs, int64_t len, int64_t off,
                        int64_t n, uint8_t *buf)
{
    memset(buf, 0, n);
    if (!bs || off >= len) {
        return 0;
    }
    return bdrv_pread(bs, off, MIN(n, len - off), buf, 0);
}

/*
 * Safe mode: wherever the image does not allocate data itself, it reads
 * through its old backing chain; copy into the image every range where
 * the old and the new backing differ, so its contents stay the same.
 */
static int rebase_copy_differences(BlockDriverState *bs,
                                   BlockDriverState *old_backing,
                                   BlockDriverState *new_backing,
                                   StepProgress *prog)
{
    int64_t size = bdrv_getlength(bs);
    int64_t old_len = old_backing ? bdrv_getlength(old_backing) : 0;
    int64_t new_len = new_backing ? bdrv_getlength(new_backing) : 0;
    if (size < 0 || old_len < 0 || new_len < 0) {
        int err = size < 0 ? (int)size : old_len < 0 ? (int)old_len
                                                     : (int)new_len;
        error_report("Could not get the image sizes: %s", strerror(-err));
        return err;
    }
    uint8_t *buf_old = g_malloc(REBASE_BUF_SIZE);
    uint8_t *buf_new = g_malloc(REBASE_BUF_SIZE);
    float step = size ? 100.0f / (float)(size / MIN(size, REBASE_BUF_SIZE))
                      : 100.0f;
    int ret = 0;
    for (int64_t off = 0, n; off < size; off += n) {
        n = MIN((int64_t)REBASE_BUF_SIZE, size - off);
        ret = bdrv_is_allocated(bs, off, n, &n);
        if (ret < 0) {
            error_report("error while reading image metadata: %s",
                         strerror(-ret));
            break;
        }
        if (n <= 0) {
            ret = -EIO;
            error_report("error while reading image metadata: %s",
                         strerror(-ret));
            break;
        }
        if (ret) {
            continue;   /* the image's own data hides both backings */
        }
        bool old_is_zero = off >= old_len;
        if (!old_is_zero && off + n > old_len) {
            n = old_len - off;
        }
        ret = read_or_zero(old_backing, old_len, off, n, buf_old);
        if (ret < 0) {
            error_report("error while reading from old backing file");
            break;
        }
        if (off < new_len && off + n > new_len) {
            n = new_len - off;
        }
        ret = read_or_zero(new_backing, new_len, off, n, buf_new);
        if (ret < 0) {
            error_report("error while reading from new backing file");
            break;
        }
        for (int64_t done = 0, pnum; done < n; done += pnum) {
            if (!sectors_differ(buf_old + done, buf_new + done, n - done,
                                &pnum)) {
                continue;
            }
            ret = old_is_zero ? bdrv_pwrite_zeroes(bs, off + done, pnum, 0)
                              : bdrv_pwrite(bs, off + done, pnum,
                                            buf_old + done, 0);
            if (ret < 0) {
                error_report("Error while writing to COW image: %s",
                             strerror(-ret));
                goto out;
            }
        }
        step_progress_print(prog, step, 100);
    }
out:
    g_free(buf_old);
    g_free(buf_new);
    return ret < 0 ? ret : 0;
}

int img_rebase(int argc, char **argv)
{
    bool image_opts = false;
    const char *fmt = NULL, *out_basefmt = NULL, *out_baseimg = NULL;
    const char *cache = "writeback", *src_cache = "writeback";
    bool unsafe = false, progress = false, quiet = false, force_share = false;
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "image-opts", no_argument, NULL, OPT_IMAGE_OPTS },
        { "object", required_argument, NULL, OPT_OBJECT },
        { "force-share", no_argument, NULL, 'U' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, ":hf:F:b:upt:T:qU", long_options,
                            NULL)) != -1) {
        switch (c) {
        case 'h':
            img_help();
            return 0;
        case 'f':
            fmt = optarg;
            break;
        case 'F':
            out_basefmt = optarg;
            break;
        case 'b':
            out_baseimg = optarg;
            break;
        case 'u':
            unsafe = true;
            break;
        case 'p':
            progress = true;
            break;
        case 't':
            cache = optarg;
            break;
        case 'T':
            src_cache = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 'U':
            force_share = true;
            break;
        case OPT_OBJECT:
            if (!img_add_object(optarg)) {
                return 1;
            }
            break;
        case OPT_IMAGE_OPTS:
            image_opts = true;
            break;
        case ':':
            img_missing_argument(argv[optind - 1]);
            return 1;
        default:
            img_unrecognized_option(argv[optind - 1]);
            return 1;
        }
    }
    if (quiet) {
        progress = false;
    }
    if (argc - optind != 1) {
        img_usage_error("Expecting one image file name");
        return 1;
    }
    if (!unsafe && !out_baseimg) {
        img_usage_error("Must specify backing file (-b) or use unsafe mode "
                        "(-u)");
        return 1;
    }
    const char *filename = argv[optind];
    if (out_basefmt && !bdrv_find_format(out_basefmt)) {
        error_report("Invalid format name: '%s'", out_basefmt);
        return 1;
    }
    int flags = BDRV_O_RDWR | (unsafe ? BDRV_O_NO_BACKING : 0);
    bool wt;
    if (!img_parse_cache(cache, &flags, &wt)) {
        error_report("Invalid cache option: %s", cache);
        return 1;
    }
    if (wt) {
        flags |= BDRV_O_WRITETHROUGH;
    }
    int src_flags = force_share ? BDRV_O_FORCE_SHARE : 0;
    if (!img_parse_cache(src_cache, &src_flags, &wt)) {
        error_report("Invalid source cache option: %s", src_cache);
        return 1;
    }
    /* An empty -b means no backing file (flatten); -F goes with a file. */
    if (out_baseimg && !out_baseimg[0]) {
        out_baseimg = NULL;
        out_basefmt = NULL;
    }
    /* QEMU 7.2 checks this last, after copying; we check before writing
     * anything.  The message is the same. */
    if (out_baseimg && !out_basefmt) {
        error_report("Could not change the backing file to '%s': backing "
                     "format must be specified", out_baseimg);
        return 1;
    }

    StepProgress prog = { .on = progress, .last = -1 };
    step_progress_print(&prog, 0, 100);
    BlockDriverState *bs = img_open_spec(filename, fmt, flags, quiet,
                                         image_opts);
    if (!bs) {
        return 1;
    }
    int ret = 1;
    BlockDriverState *new_backing = NULL;
    if (!unsafe) {
        if (out_baseimg) {
            char *path = bdrv_path_combine(filename, out_baseimg);
            Error *err = NULL;
            new_backing = bdrv_open(path, out_basefmt, NULL, src_flags, &err);
            g_free(path);
            if (!new_backing) {
                error_prepend(&err, "Could not open new backing file '%s': ",
                              out_baseimg);
                error_report_err(err);
                goto out;
            }
        }
        if (rebase_copy_differences(bs, bdrv_backing(bs), new_backing,
                                    &prog) < 0) {
            goto out;
        }
    }
    Error *err = NULL;
    int r = bdrv_change_backing_file(bs, out_baseimg, out_basefmt, &err);
    if (r < 0) {
        error_free(err);
        error_report("Could not change the backing file to '%s': %s",
                     out_baseimg ? out_baseimg : "",
                     r == -ENOSPC ? "No space left in the file header"
                                  : strerror(-r));
        goto out;
    }
    step_progress_print(&prog, 100, 0);
    ret = 0;
out:
    step_progress_end(&prog);
    bdrv_close(new_backing);
    bdrv_close(bs);
    return ret;
}

/* --- commit ----------------------------------------------------------- */

#define COMMIT_BUF_SIZE (512 * KiB)

/*
 * Is [off, off+bytes) allocated in a layer from @top down to (not
 * including) @base?  0 if not, else the BDRV_BLOCK_* status of the layer
 * that allocates it; *pnum: how far the answer holds.
 */
static int allocated_above(BlockDriverState *top, BlockDriverState *base,
                           int64_t off, int64_t bytes, int64_t *pnum)
{
    int64_t want = bytes;
    for (BlockDriverState *p = top; p && p != base; p = bdrv_backing(p)) {
        int64_t len = bdrv_getlength(p);
        if (len < 0) {
            return (int)len;
        }
        if (off >= len) {
            continue;   /* a shorter layer has nothing here */
        }
        int64_t n;
        int ret = bdrv_block_status(p, off, MIN(want, len - off), &n, NULL,
                                    NULL);
        if (ret < 0) {
            return ret;
        }
        if (n <= 0) {
            return -EIO;
        }
        if (ret & BDRV_BLOCK_ALLOCATED) {
            *pnum = n;
            return ret;
        }
        want = n;
    }
    *pnum = want;
    return 0;
}

int img_commit(int argc, char **argv)
{
    const char *fmt = NULL, *cache = "writeback", *base = NULL;
    bool progress = false, quiet = false, drop = false, image_opts = false;
    int64_t rate_limit = 0;
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "image-opts", no_argument, NULL, OPT_IMAGE_OPTS },
        { "object", required_argument, NULL, OPT_OBJECT },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, ":f:ht:b:dpqr:", long_options,
                            NULL)) != -1) {
        switch (c) {
        case 'h':
            img_help();
            return 0;
        case 'f':
            fmt = optarg;
            break;
        case 't':
            cache = optarg;
            break;
        case 'b':
            base = optarg;
            drop = true;    /* as QEMU: -b implies -d */
            break;
        case 'd':
            drop = true;
            break;
        case 'p':
            progress = true;
            break;
        case 'q':
            quiet = true;
            break;
        case 'r':
            rate_limit = img_parse_number("rate limit", optarg);
            if (rate_limit < 0) {
                return 1;
            }
            break;
        case OPT_OBJECT:
            if (!img_add_object(optarg)) {
                return 1;
            }
            break;
        case OPT_IMAGE_OPTS:
            image_opts = true;
            break;
        case ':':
            img_missing_argument(argv[optind - 1]);
            return 1;
        default:
            img_unrecognized_option(argv[optind - 1]);
            return 1;
        }
    }
    if (quiet) {
        progress = false;
    }
    if (optind != argc - 1) {
        img_usage_error("Expecting one image file name");
        return 1;
    }
    const char *filename = argv[optind];
    int flags = BDRV_O_RDWR | BDRV_O_UNMAP;
    bool wt;
    if (!img_parse_cache(cache, &flags, &wt)) {
        error_report("Invalid cache option: %s", cache);
        return 1;
    }
    if (wt) {
        flags |= BDRV_O_WRITETHROUGH;
    }

    /* Find the base (by its name in the chain or as the same file) with
     * a read-only look, then open top to base read-write. */
    BlockDriverState *bs = img_open_spec(filename, fmt, flags & ~BDRV_O_RDWR,
                                         quiet, image_opts);
    if (!bs) {
        return 1;
    }
    int depth = 0;
    if (!bdrv_backing(bs)) {
        error_report("Image does not have a backing file");
        bdrv_close(bs);
        return 1;
    }
    if (!base) {
        depth = 1;
    } else {
        int d = 1;
        for (BlockDriverState *p = bs; bdrv_backing(p); p = bdrv_backing(p),
             d++) {
            BlockDriverState *b = bdrv_backing(p);
            if (!strcmp(bdrv_backing_file_name(p), base) ||
                !strcmp(bdrv_filename(b), base) ||
                bdrv_is_same_file(bdrv_filename(b), base)) {
                depth = d;
                break;
            }
        }
        if (!depth) {
            error_report("Did not find '%s' in the backing chain of '%s'",
                         base, filename);
            bdrv_close(bs);
            return 1;
        }
    }
    bdrv_close(bs);
    Error *err = NULL;
    bs = bdrv_open_rw_chain(filename, fmt, flags, depth, image_opts, &err);
    if (!bs) {
        error_prepend(&err, "Could not open '%s': ", filename);
        error_report_err(err);
        return 1;
    }
    BlockDriverState *base_bs = bs;
    for (int d = 0; d < depth; d++) {
        base_bs = bdrv_backing(base_bs);
    }

    int ret = 1;
    uint8_t *buf = g_malloc(COMMIT_BUF_SIZE);
    int64_t size = bdrv_getlength(bs);
    int64_t base_len = bdrv_getlength(base_bs);
    if (size < 0 || base_len < 0) {
        error_report("Could not get the image sizes");
        goto out;
    }
    if (base_len < size) {
        if (bdrv_truncate(base_bs, size, false, PREALLOC_MODE_OFF, &err) < 0) {
            error_prepend(&err, "Top image %s is larger than base image %s, "
                          "and resize of base image failed: ", filename,
                          bdrv_filename(base_bs));
            error_report_err(err);
            goto out;
        }
    }
    img_progress_init(progress);
    int64_t start = g_get_monotonic_time();
    int64_t copied = 0;
    for (int64_t off = 0, n = 0; off < size; off += n) {
        int r = allocated_above(bs, base_bs, off,
                                MIN((int64_t)COMMIT_BUF_SIZE, size - off), &n);
        if (r < 0) {
            error_report("Block job failed: %s", strerror(-r));
            goto out;
        }
        if (r) {
            if (rate_limit) {
                /* -r: hold the copy to rate_limit bytes per second. */
                int64_t due = start + copied * G_USEC_PER_SEC / rate_limit;
                int64_t now = g_get_monotonic_time();
                if (due > now) {
                    g_usleep((gulong)(due - now));
                }
            }
            if ((r & BDRV_BLOCK_ZERO) && !(r & BDRV_BLOCK_DATA)) {
                /* Zero clusters stay zero clusters, as QEMU's commit. */
                r = bdrv_pwrite_zeroes(base_bs, off, n, 0);
            } else {
                r = bdrv_pread(bs, off, n, buf, 0);
                if (r == 0) {
                    r = bdrv_pwrite(base_bs, off, n, buf, 0);
                }
            }
            if (r < 0) {
                error_report("Block job failed: %s", strerror(-r));
                goto out;
            }
            copied += n;
        }
        img_progress_print((off + n) * 100.0 / size);
    }
    if (bdrv_flush(base_bs) < 0) {
        error_report("Block job failed: could not flush the base image");
        goto out;
    }
    if (!drop) {
        int r = bdrv_make_empty(bs, &err);
        if (r < 0 && r != -ENOTSUP) {
            error_report_err(err);
            goto out;
        }
        error_free(err);
        err = NULL;
    }
    img_progress_end();
    if (!quiet) {
        printf("Image committed.\n");
    }
    ret = 0;
out:
    g_free(buf);
    bdrv_close(bs);
    return ret;
}
