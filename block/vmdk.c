/*
 * The vmdk block driver: binds the VMDK engine (block/vmdk.h) to the
 * block core.  It owns probing, the BlockDriver callbacks, the create
 * options, the backing (parentFileNameHint) link with its CID check, and
 * the format-specific info; all format knowledge lives in vmdk-*.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "block/block_int.h"
#include "block/vmdk.h"
#include "qemu/bitops.h"
#include "qemu/bswap.h"
#include "qemu/cutils.h"

typedef struct BDRVVmdkState {
    GMutex lock;             /* guards img: the engine is single-threaded */
    VmdkImage *img;
    VmdkFile main;
    int open_flags;
    bool cid_checked;
} BDRVVmdkState;

/* ---- VmdkFile over a BlockDriverState ------------------------------------ */

static int bf_pread(VmdkFile *f, uint64_t off, void *buf, size_t len)
{
    int ret = bdrv_pread(f->opaque, off, len, buf, 0);
    return ret < 0 ? ret : 0;
}

static int bf_pwrite(VmdkFile *f, uint64_t off, const void *buf, size_t len)
{
    int ret = bdrv_pwrite(f->opaque, off, len, buf, 0);
    return ret < 0 ? ret : 0;
}

static int64_t bf_getlength(VmdkFile *f)
{
    return bdrv_getlength(f->opaque);
}

static int bf_truncate(VmdkFile *f, uint64_t len)
{
    int ret = bdrv_truncate(f->opaque, len, true, PREALLOC_MODE_OFF, NULL);
    return ret < 0 ? ret : 0;
}

static int bf_flush(VmdkFile *f)
{
    int ret = bdrv_flush(f->opaque);
    return ret < 0 ? ret : 0;
}

static void bf_close(VmdkFile *f)
{
    bdrv_close(f->opaque);
    g_free(f->filename);
    g_free(f);
}

static const VmdkFileOps bdrv_file_ops = {
    .pread = bf_pread,
    .pwrite = bf_pwrite,
    .getlength = bf_getlength,
    .truncate = bf_truncate,
    .flush = bf_flush,
    .close = bf_close,
};

typedef struct OpenCtx {
    const char *base;        /* file names are relative to this one */
    int flags;
} OpenCtx;

static VmdkFile *open_extent_file(void *opaque, const char *name, bool create,
                                  Error **errp)
{
    OpenCtx *c = opaque;
    char *path = bdrv_path_combine(c->base, name);
    BlockDriverState *bs;
    VmdkFile *f;

    if (create) {
        QemuOpts *o = qemu_opts_create(bdrv_create_opts(&bdrv_file));
        int ret = bdrv_file.create(path, o, errp);
        qemu_opts_del(o);
        if (ret < 0) {
            g_free(path);
            return NULL;
        }
    }
    bs = bdrv_open_child_file(path, c->flags, errp);
    if (!bs) {
        g_free(path);
        return NULL;
    }
    f = g_new0(VmdkFile, 1);
    f->ops = &bdrv_file_ops;
    f->opaque = bs;
    f->filename = path;
    if (vmdk_file_init_size(f) < 0) {
        error_setg(errp, "Could not get the size of '%s'", path);
        bf_close(f);
        return NULL;
    }
    return f;
}

/* ---- probe / open / close ------------------------------------------------ */

static int vmdk_probe(const uint8_t *buf, int buf_size, const char *filename)
{
    const char *p = (const char *)buf, *end = p + buf_size;

    if (buf_size >= 4) {
        uint32_t magic = ldl_be_p(buf);
        if (magic == VMDK3_MAGIC || magic == VMDK4_MAGIC) {
            return 100;
        }
        if (ldq_le_p(buf) == SESPARSE_CONST_MAGIC && buf_size >= 8) {
            return 0;   /* a bare seSparse extent needs its descriptor */
        }
    }
    /* a descriptor: comments and blank lines, then "version=N" */
    while (p < end) {
        if (*p == '#') {
            while (p < end && *p != '\n') {
                p++;
            }
            p++;
            continue;
        }
        if (*p == ' ' || *p == '\r' || *p == '\n') {
            while (p < end && *p == ' ') {
                p++;
            }
            if (p < end && *p == '\r') {
                p++;
            }
            if (p >= end || *p != '\n') {
                return 0;
            }
            p++;
            continue;
        }
        for (char v = '1'; v <= '3'; v++) {
            char lf[] = { 'v', 'e', 'r', 's', 'i', 'o', 'n', '=', v, '\n' };
            char crlf[] = { 'v', 'e', 'r', 's', 'i', 'o', 'n', '=', v, '\r',
                            '\n' };
            if ((end - p >= (long)sizeof(lf) && !memcmp(p, lf, sizeof(lf))) ||
                (end - p >= (long)sizeof(crlf) &&
                 !memcmp(p, crlf, sizeof(crlf)))) {
                return 100;
            }
        }
        return 0;
    }
    return 0;
}

static int vmdk_open(BlockDriverState *bs, QemuOpts *opts, int flags,
                     Error **errp)
{
    BDRVVmdkState *s = bs->opaque;
    OpenCtx *ctx = g_new0(OpenCtx, 1);

    ctx->base = bs->filename;
    ctx->flags = flags & (BDRV_O_RDWR | BDRV_O_NOCACHE | BDRV_O_NO_FLUSH |
                          BDRV_O_FORCE_SHARE | BDRV_O_UNMAP |
                          BDRV_O_WRITETHROUGH);
    s->open_flags = flags;
    g_mutex_init(&s->lock);
    s->main.ops = &bdrv_file_ops;
    s->main.opaque = bs->file;
    s->main.filename = g_strdup(bs->file->filename);
    s->img = vmdk_image_open(&s->main, open_extent_file, ctx,
                             flags & BDRV_O_RDWR, errp);
    if (!s->img) {
        g_free(ctx);
        g_free(s->main.filename);
        return -EINVAL;
    }
    /* the context must outlive open only for its strings: keep it */
    s->img->opaque = ctx;
    if (vmdk_image_parent_hint(s->img)) {
        pstrcpy(bs->backing_file, sizeof(bs->backing_file),
                vmdk_image_parent_hint(s->img));
        pstrcpy(bs->backing_format, sizeof(bs->backing_format), "vmdk");
    }
    return 0;
}

static void vmdk_close(BlockDriverState *bs)
{
    BDRVVmdkState *s = bs->opaque;

    if (s->img) {
        void *ctx = s->img->opaque;
        vmdk_image_close(s->img);
        g_free(ctx);
        s->img = NULL;
    }
    g_free(s->main.filename);
    g_mutex_clear(&s->lock);
}

/* ---- I/O ------------------------------------------------------------------ */

/* A parent whose CID no longer matches our parentCID was changed under us. */
static int check_parent_cid(BlockDriverState *bs)
{
    BDRVVmdkState *s = bs->opaque;
    BlockDriverState *p = bs->backing;

    if (s->cid_checked || !p) {
        return 0;
    }
    if (p->drv == bs->drv) {
        BDRVVmdkState *ps = p->opaque;
        if (vmdk_image_cid(ps->img) != vmdk_image_parent_cid(s->img)) {
            return -EINVAL;
        }
    }
    s->cid_checked = true;
    return 0;
}

static int read_backing(void *opaque, uint64_t off, void *buf, size_t len)
{
    BlockDriverState *bs = opaque;
    int64_t blen;
    size_t n = 0;
    int ret = check_parent_cid(bs);

    if (ret < 0) {
        return ret;
    }
    blen = bdrv_getlength(bs->backing);
    if (blen < 0) {
        return blen;
    }
    if (off < (uint64_t)blen) {
        n = MIN(len, (uint64_t)blen - off);
        ret = bdrv_pread(bs->backing, off, n, buf, 0);
        if (ret < 0) {
            return ret;
        }
    }
    memset((uint8_t *)buf + n, 0, len - n);
    return 0;
}

static int read_segments_parallel(BlockDriverState *bs, GArray *segs,
                                  void *buf);

static int vmdk_pread(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      void *buf, int flags)
{
    BDRVVmdkState *s = bs->opaque;

    GArray *segs = g_array_new(false, false, sizeof(VmdkSegment));
    int ret;

    /* map under the lock; file reads and inflating run in parallel */
    g_mutex_lock(&s->lock);
    ret = vmdk_image_map_range(s->img, offset, bytes, segs);
    g_mutex_unlock(&s->lock);
    if (ret == 0) {
        ret = read_segments_parallel(bs, segs, buf);
    }
    g_array_free(segs, true);
    return ret;
}

/* ---- streamOptimized parallel deflate ----------------------------------- */

typedef struct DeflateJob {
    /* inflate jobs (reads) set seg; deflate jobs (writes) leave it NULL */
    VmdkSegment *seg;
    uint8_t *dst;
    int ret;
    const uint8_t *src;
    uint64_t len;
    uint64_t lba;
    uint8_t *blob;           /* NULL: all zero, or deflate failed */
    size_t blen;
    bool zero;
    GMutex *mu;
    GCond *cond;
    int *pending;
} DeflateJob;

static void deflate_job(gpointer data, gpointer user_data)
{
    DeflateJob *j = data;

    if (j->seg) {
        j->ret = vmdk_image_read_segments(j->seg, 1, j->dst, NULL, NULL);
    } else if (!j->zero) {
        j->blob = vmdk_stream_compress_grain(j->lba, j->src, j->len, &j->blen);
    }
    g_mutex_lock(j->mu);
    (*j->pending)--;
    g_cond_signal(j->cond);
    g_mutex_unlock(j->mu);
}

static GThreadPool *deflate_pool(void)
{
    static gsize once;
    static GThreadPool *pool;

    if (g_once_init_enter(&once)) {
        pool = g_thread_pool_new(deflate_job, NULL,
                                 MAX(1, (int)g_get_num_processors()), FALSE,
                                 NULL);
        g_once_init_leave(&once, 1);
    }
    return pool;
}

/*
 * Read mapped segments; compressed grains (streamOptimized) are inflated
 * on the shared pool when a request has several, the rest inline.
 */
static int read_segments_parallel(BlockDriverState *bs, GArray *segs,
                                  void *buf)
{
    VmdkBackingReadFn backing = bs->backing ? read_backing : NULL;
    guint ncomp = 0;
    uint8_t *dst = buf;
    DeflateJob *jobs;
    GMutex mu;
    GCond cond;
    int pending = 0, ret = 0;

    for (guint i = 0; i < segs->len; i++) {
        ncomp += g_array_index(segs, VmdkSegment, i).m.kind ==
                 VMDK_MAP_COMPRESSED;
    }
    if (ncomp < 2) {
        return vmdk_image_read_segments((VmdkSegment *)segs->data, segs->len,
                                        buf, backing, bs);
    }
    jobs = g_new0(DeflateJob, ncomp);
    g_mutex_init(&mu);
    g_cond_init(&cond);
    for (guint i = 0, k = 0; i < segs->len; i++) {
        VmdkSegment *seg = &g_array_index(segs, VmdkSegment, i);
        if (seg->m.kind == VMDK_MAP_COMPRESSED) {
            DeflateJob *j = &jobs[k++];
            j->seg = seg;
            j->dst = dst;
            j->mu = &mu;
            j->cond = &cond;
            j->pending = &pending;
            g_mutex_lock(&mu);
            pending++;
            g_mutex_unlock(&mu);
            g_thread_pool_push(deflate_pool(), j, NULL);
        } else if (ret == 0) {
            ret = vmdk_image_read_segments(seg, 1, dst, backing, bs);
        }
        dst += seg->m.bytes;
    }
    g_mutex_lock(&mu);
    while (pending > 0) {
        g_cond_wait(&cond, &mu);
    }
    g_mutex_unlock(&mu);
    for (guint k = 0; k < ncomp && ret == 0; k++) {
        ret = jobs[k].ret;
    }
    g_free(jobs);
    g_cond_clear(&cond);
    g_mutex_clear(&mu);
    return ret;
}

static int write_stream_grains(BDRVVmdkState *s, VmdkExtent *e,
                               int64_t offset, int64_t bytes,
                               const void *buf, uint64_t gb)
{
    uint64_t n = DIV_ROUND_UP((uint64_t)bytes, gb);
    DeflateJob *jobs = g_new0(DeflateJob, n);
    GMutex mu;
    GCond cond;
    int pending = n, ret = 0;

    g_mutex_init(&mu);
    g_cond_init(&cond);
    for (uint64_t i = 0; i < n; i++) {
        DeflateJob *j = &jobs[i];
        j->src = (const uint8_t *)buf + i * gb;
        j->len = MIN(gb, (uint64_t)bytes - i * gb);
        j->lba = (offset + i * gb - e->start) / VMDK_SECTOR;
        j->zero = buffer_is_zero(j->src, j->len);
        j->mu = &mu;
        j->cond = &cond;
        j->pending = &pending;
        if (n > 1) {
            g_thread_pool_push(deflate_pool(), j, NULL);
        } else {
            deflate_job(j, NULL);
        }
    }
    g_mutex_lock(&mu);
    while (pending > 0) {
        g_cond_wait(&cond, &mu);
    }
    g_mutex_unlock(&mu);

    g_mutex_lock(&s->lock);
    for (uint64_t i = 0; i < n && ret == 0; i++) {
        DeflateJob *j = &jobs[i];
        if (j->zero) {
            /* zeroes over an unallocated grain: nothing to store */
            ret = vmdk_image_write(s->img, offset + i * gb, j->src, j->len,
                                   NULL, NULL);
        } else if (!j->blob) {
            ret = -EIO;
        } else {
            ret = vmdk_image_write_prepared(s->img, e, offset + i * gb,
                                            j->blob, j->blen);
        }
    }
    g_mutex_unlock(&s->lock);
    for (uint64_t i = 0; i < n; i++) {
        g_free(jobs[i].blob);
    }
    g_free(jobs);
    g_cond_clear(&cond);
    g_mutex_clear(&mu);
    return ret;
}

static int vmdk_pwrite(BlockDriverState *bs, int64_t offset, int64_t bytes,
                       const void *buf, int flags)
{
    BDRVVmdkState *s = bs->opaque;
    uint64_t gb = 0;
    VmdkExtent *e = NULL;
    int ret = 0;

    g_mutex_lock(&s->lock);
    if (!bs->backing) {
        e = vmdk_image_stream_extent(s->img, offset, bytes, &gb);
    }
    if (!e) {
        ret = vmdk_image_write(s->img, offset, buf, bytes,
                               bs->backing ? read_backing : NULL, bs);
    }
    g_mutex_unlock(&s->lock);
    /*
     * streamOptimized: deflate the grains outside the lock, several at a
     * time on the shared compression pool, then append them in order.
     */
    if (e && ret == 0) {
        ret = write_stream_grains(s, e, offset, bytes, buf, gb);
    }
    if (ret == 0 && (flags & BDRV_REQ_FUA)) {
        g_mutex_lock(&s->lock);
        ret = vmdk_image_flush(s->img);
        g_mutex_unlock(&s->lock);
    }
    return ret;
}

static int vmdk_pwrite_compressed(BlockDriverState *bs, int64_t offset,
                                  int64_t bytes, const void *buf)
{
    if (bytes == 0) {
        return 0;
    }
    return vmdk_pwrite(bs, offset, bytes, buf, 0);
}

static int vmdk_pwrite_zeroes(BlockDriverState *bs, int64_t offset,
                              int64_t bytes, int flags)
{
    BDRVVmdkState *s = bs->opaque;

    int ret;

    g_mutex_lock(&s->lock);
    ret = vmdk_image_write_zeroes(s->img, offset, bytes, bs->backing);
    g_mutex_unlock(&s->lock);
    return ret;
}

static int vmdk_pdiscard(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
    BDRVVmdkState *s = bs->opaque;

    int ret;

    g_mutex_lock(&s->lock);
    ret = vmdk_image_discard(s->img, offset, bytes);
    g_mutex_unlock(&s->lock);
    return ret;
}

static int vmdk_flush(BlockDriverState *bs)
{
    BDRVVmdkState *s = bs->opaque;

    int ret;

    g_mutex_lock(&s->lock);
    ret = vmdk_image_flush(s->img);
    g_mutex_unlock(&s->lock);
    return ret;
}

static int64_t vmdk_getlength(BlockDriverState *bs)
{
    BDRVVmdkState *s = bs->opaque;

    return vmdk_image_size(s->img);
}

static int64_t vmdk_get_allocated_file_size(BlockDriverState *bs)
{
    BDRVVmdkState *s = bs->opaque;
    int64_t total = bdrv_get_allocated_file_size(bs->file);

    for (int i = 0; total >= 0 && i < s->img->n_extents; i++) {
        VmdkExtent *e = &s->img->extents[i];
        int64_t r;
        if (!e->file || e->file == &s->main) {
            continue;
        }
        r = bdrv_get_allocated_file_size(e->file->opaque);
        total = r < 0 ? r : total + r;
    }
    return total;
}

static int vmdk_block_status(BlockDriverState *bs, int64_t offset,
                             int64_t bytes, int64_t *pnum, int64_t *map,
                             BlockDriverState **file)
{
    BDRVVmdkState *s = bs->opaque;
    VmdkMapping m;
    int ret;

    g_mutex_lock(&s->lock);
    ret = vmdk_image_map(s->img, offset, bytes, &m);
    /* report the whole run that continues alike, not one grain at a time */
    while (ret == 0 && m.bytes < (uint64_t)bytes &&
           m.kind != VMDK_MAP_COMPRESSED) {
        VmdkMapping n;
        if (vmdk_image_map(s->img, offset + m.bytes, bytes - m.bytes,
                           &n) < 0 || n.kind != m.kind ||
            (m.kind == VMDK_MAP_DATA &&
             (n.file != m.file || n.extent->kind != m.extent->kind ||
              n.file_offset != m.file_offset + m.bytes))) {
            break;
        }
        m.bytes += n.bytes;
    }
    g_mutex_unlock(&s->lock);
    if (ret < 0) {
        return ret;
    }
    *pnum = m.bytes;
    switch (m.kind) {
    case VMDK_MAP_UNALLOC:
        return 0;
    case VMDK_MAP_ZERO:
        return BDRV_BLOCK_ZERO;
    case VMDK_MAP_COMPRESSED:
        *file = m.file->opaque;
        return BDRV_BLOCK_DATA | BDRV_BLOCK_COMPRESSED;
    default:
        *map = m.file_offset;
        *file = m.file->opaque;
        ret = BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET_VALID;
        if (m.extent->kind == VMDK_EXTENT_FLAT) {
            /*
             * As QEMU's RECURSE: a hole in a flat extent file is data that
             * reads as zero; the file node knows where the holes are.
             */
            int64_t fpnum;
            int r2 = bdrv_block_status(*file, m.file_offset, *pnum, &fpnum,
                                       NULL, NULL);
            if (r2 >= 0) {
                if ((r2 & BDRV_BLOCK_EOF) &&
                    (fpnum <= 0 || (r2 & BDRV_BLOCK_ZERO))) {
                    ret |= BDRV_BLOCK_ZERO;
                } else if (fpnum > 0) {
                    *pnum = MIN(*pnum, fpnum);
                    ret |= r2 & BDRV_BLOCK_ZERO;
                }
            }
        }
        return ret;
    }
}

/* ---- info / check ---------------------------------------------------------- */

static int vmdk_get_info(BlockDriverState *bs, BlockDriverInfo *bdi)
{
    BDRVVmdkState *s = bs->opaque;

    bdi->cluster_size = vmdk_image_cluster_size(s->img);
    bdi->is_dirty = vmdk_image_is_dirty(s->img);
    return 0;
}

static InfoNode *vmdk_get_specific_info(BlockDriverState *bs, Error **errp)
{
    BDRVVmdkState *s = bs->opaque;
    InfoNode *d = info_new_dict(), *list;

    info_add_int(d, "cid", vmdk_image_cid(s->img));
    info_add_int(d, "parent-cid", vmdk_image_parent_cid(s->img));
    info_add_str(d, "create-type", vmdk_image_create_type(s->img));
    list = info_add_list(d, "extents");
    for (int i = 0; i < vmdk_image_extent_count(s->img); i++) {
        VmdkExtentInfo x;
        InfoNode *e = info_add_dict(list, NULL);

        vmdk_image_extent_info(s->img, i, &x);
        if (x.compressed) {
            info_add_bool(e, "compressed", true);
        }
        info_add_int(e, "virtual-size", x.virtual_size);
        info_add_str(e, "filename", x.filename);
        if (x.cluster_size) {
            info_add_int(e, "cluster-size", x.cluster_size);
        }
        info_add_str(e, "format", x.type);
    }
    return d;
}

static int vmdk_check(BlockDriverState *bs, BdrvCheckResult *res, int fix)
{
    BDRVVmdkState *s = bs->opaque;
    VmdkCheckResult r;
    GString *log = g_string_new(NULL);
    bool repairable = false;
    int ret;

    /* as QEMU's: only seSparse (ours) can repair; others refuse -r */
    for (int i = 0; i < s->img->n_extents; i++) {
        repairable |= s->img->extents[i].kind == VMDK_EXTENT_SESPARSE;
    }
    if (fix && !repairable) {
        g_string_free(log, true);
        return -ENOTSUP;
    }
    g_mutex_lock(&s->lock);
    ret = vmdk_image_check(s->img, &r, fix, log);
    g_mutex_unlock(&s->lock);

    /* per-problem lines go to the caller's sink, one line at a time */
    if (res->report) {
        char **lines = g_strsplit(log->str, "\n", -1);
        for (int i = 0; lines[i]; i++) {
            if (lines[i][0]) {
                res->report(res->report_opaque, lines[i]);
            }
        }
        g_strfreev(lines);
    }
    g_string_free(log, true);
    res->corruptions = r.corruptions - r.corruptions_fixed;
    res->leaks = r.leaks - r.leaks_fixed;
    res->corruptions_fixed = r.corruptions_fixed;
    res->leaks_fixed = r.leaks_fixed;
    res->check_errors = r.check_errors;
    /*
     * QEMU's vmdk check reports neither cluster statistics nor an image
     * end offset; leaving them zero keeps `qemu-img check` output equal.
     */
    return ret;
}

/* ---- create ----------------------------------------------------------------- */

static int vmdk_create_image(const char *filename, QemuOpts *opts,
                             Error **errp)
{
    VmdkCreateOptions o = { 0 };
    const char *sub = qemu_opt_get(opts, BLOCK_OPT_SUBFMT);
    const char *hw = qemu_opt_get(opts, BLOCK_OPT_HWVERSION);
    const char *bfmt = qemu_opt_get(opts, BLOCK_OPT_BACKING_FMT);
    OpenCtx ctx = { filename, BDRV_O_RDWR };
    int subformat;

    o.size = ROUND_UP(qemu_opt_get_size(opts, BLOCK_OPT_SIZE, 0),
                      BDRV_SECTOR_SIZE);
    subformat = sub ? vmdk_subformat_parse(sub) : VMDK_SUB_MONOLITHIC_SPARSE;
    if (subformat < 0) {
        error_setg(errp, "invalid parameter value: %s", sub);
        return -EINVAL;
    }
    o.subformat = subformat;
    o.adapter_type = qemu_opt_get(opts, BLOCK_OPT_ADAPTER_TYPE);
    o.hw_version = (hw && strcmp(hw, "undefined")) ? hw : NULL;
    o.tools_version = qemu_opt_get(opts, BLOCK_OPT_TOOLSVERSION);
    o.compat6 = qemu_opt_get_bool(opts, BLOCK_OPT_COMPAT6, false);
    o.zeroed_grain = qemu_opt_get_bool(opts, BLOCK_OPT_ZEROED_GRAIN, false);
    o.backing_file = qemu_opt_get(opts, BLOCK_OPT_BACKING_FILE);
    o.cid = g_random_int();
    if (bfmt && strcmp(bfmt, "vmdk")) {
        error_setg(errp, "backing_file must be a vmdk image");
        return -EINVAL;
    }
    if (o.backing_file) {
        char *full = bdrv_path_combine(filename, o.backing_file);
        BlockDriverState *p = bdrv_open(full, NULL, NULL,
                                        BDRV_O_NO_BACKING | BDRV_O_FORCE_SHARE,
                                        errp);
        g_free(full);
        if (!p) {
            return -ENOENT;
        }
        if (strcmp(bdrv_get_format_name(p), "vmdk")) {
            error_setg(errp, "Invalid backing file format: %s. Must be vmdk",
                       bdrv_get_format_name(p));
            bdrv_close(p);
            return -EINVAL;
        }
        o.parent_cid = vmdk_image_cid(((BDRVVmdkState *)p->opaque)->img);
        if (o.size == 0) {
            o.size = ROUND_UP(bdrv_getlength(p), BDRV_SECTOR_SIZE);
        }
        bdrv_close(p);
    }
    return vmdk_create(filename, &o, open_extent_file, &ctx, errp);
}

static const QemuOptsList vmdk_create_opts = {
    .name = "vmdk-create-opts",
    .desc = {
        { BLOCK_OPT_SIZE, QEMU_OPT_SIZE, "Virtual disk size" },
        { BLOCK_OPT_ADAPTER_TYPE, QEMU_OPT_STRING,
          "Virtual adapter type, can be one of ide (default), lsilogic, "
          "buslogic or legacyESX" },
        { BLOCK_OPT_BACKING_FILE, QEMU_OPT_STRING,
          "File name of a base image" },
        { BLOCK_OPT_BACKING_FMT, QEMU_OPT_STRING,
          "Must be 'vmdk' if present" },
        { BLOCK_OPT_COMPAT6, QEMU_OPT_BOOL, "VMDK version 6 image", "off" },
        { BLOCK_OPT_HWVERSION, QEMU_OPT_STRING, "VMDK hardware version",
          "undefined" },
        { BLOCK_OPT_TOOLSVERSION, QEMU_OPT_STRING,
          "VMware guest tools version" },
        { BLOCK_OPT_SUBFMT, QEMU_OPT_STRING,
          "VMDK flat extent format, can be one of {monolithicSparse "
          "(default) | monolithicFlat | twoGbMaxExtentSparse | "
          "twoGbMaxExtentFlat | streamOptimized | seSparse | vmfs | "
          "vmfsSparse} " },
        { BLOCK_OPT_ZEROED_GRAIN, QEMU_OPT_BOOL,
          "Enable efficient zero writes using the zeroed-grain GTE feature" },
        { NULL },
    },
};

BlockDriver bdrv_vmdk = {
    .format_name = "vmdk",
    .instance_size = sizeof(BDRVVmdkState),
    .thread_safe = true,
    .supports_backing = true,
    .has_zero_init = true,
    .probe = vmdk_probe,
    .open = vmdk_open,
    .close = vmdk_close,
    .create = vmdk_create_image,
    .create_opts = &vmdk_create_opts,
    .pread = vmdk_pread,
    .pwrite = vmdk_pwrite,
    .pwrite_compressed = vmdk_pwrite_compressed,
    .pwrite_zeroes = vmdk_pwrite_zeroes,
    .pdiscard = vmdk_pdiscard,
    .flush = vmdk_flush,
    .getlength = vmdk_getlength,
    .get_allocated_file_size = vmdk_get_allocated_file_size,
    .block_status = vmdk_block_status,
    .get_info = vmdk_get_info,
    .get_specific_info = vmdk_get_specific_info,
    .check = vmdk_check,
};
