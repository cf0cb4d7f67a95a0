/*
 * qcow2 compressed clusters: the two compression types the header's
 * compression_type field names (0 = zlib, 1 = zstd), and reading and
 * producing one compressed cluster.  Where compressed clusters live in the
 * file (the L2 descriptor, the byte allocator) is qcow2-cluster.c's.
 *
 * What a compressed cluster holds (QEMU's docs/interop/qcow2.txt):
 *  - zlib: a raw deflate stream (no zlib header), 4 KiB window;
 *  - zstd: one or more zstd frames.
 * The L2 descriptor records the size only in 512-byte sectors, so the
 * stored bytes may be followed by unrelated data (the next compressed
 * cluster): decompression stops when it has produced one full cluster.
 * Compression is given cluster_size - 1 bytes of room; a cluster that does
 * not fit is written uncompressed, as QEMU does.
 *
 * qcow2_compress_cluster runs on convert's worker threads without the node
 * lock: it reads only immutable state, and its zstd context is per thread.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "qcow2.h"

const char *qcow2_compression_type_name(uint8_t type)
{
    switch (type) {
    case QCOW2_COMPRESSION_ZLIB:
        return "zlib";
    case QCOW2_COMPRESSION_ZSTD:
        return "zstd";
    default:
        return NULL;
    }
}

int qcow2_compression_type_parse(const char *name)
{
    if (!strcmp(name, "zlib")) {
        return QCOW2_COMPRESSION_ZLIB;
    }
    if (!strcmp(name, "zstd")) {
        return QCOW2_COMPRESSION_ZSTD;
    }
    return -EINVAL;
}

/* Raw deflate, 4 KiB window.  > 0: bytes used; 0: does not fit. */
static int deflate_cluster(const uint8_t *src, size_t len, uint8_t *out,
                           size_t room)
{
    z_stream strm;
    memset(&strm, 0, sizeof(strm));
    if (deflateInit2(&strm, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -12, 9,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        return -ENOMEM;
    }
    strm.next_in = (Bytef *)src;
    strm.avail_in = (uInt)len;
    strm.next_out = out;
    strm.avail_out = (uInt)room;
    int zr = deflate(&strm, Z_FINISH);
    int used = (int)(room - strm.avail_out);
    deflateEnd(&strm);
    return zr == Z_STREAM_END ? used : 0;
}

static int inflate_cluster(const uint8_t *in, size_t in_len, uint8_t *out,
                           size_t out_len)
{
    z_stream strm;
    memset(&strm, 0, sizeof(strm));
    if (inflateInit2(&strm, -12) != Z_OK) {
        return -ENOMEM;
    }
    strm.next_in = (Bytef *)in;
    strm.avail_in = (uInt)in_len;
    strm.next_out = out;
    strm.avail_out = (uInt)out_len;
    int zr = inflate(&strm, Z_FINISH);
    /* Z_BUF_ERROR: the cluster is full and trailing sector bytes remain. */
    bool ok = (zr == Z_STREAM_END || zr == Z_BUF_ERROR) && strm.avail_out == 0;
    inflateEnd(&strm);
    return ok ? 0 : -EIO;
}

/* One zstd compression context per thread, freed when the thread ends. */
static void free_cctx(gpointer p)
{
    ZSTD_freeCCtx(p);
}

static GPrivate zstd_cctx_key = G_PRIVATE_INIT(free_cctx);

/* zstd at its default level (as QEMU).  > 0: bytes used; 0: no fit. */
static int zstd_compress_cluster(const uint8_t *src, size_t len, uint8_t *out,
                                 size_t room)
{
    ZSTD_CCtx *cctx = g_private_get(&zstd_cctx_key);
    if (!cctx) {
        cctx = ZSTD_createCCtx();
        if (!cctx) {
            return -ENOMEM;
        }
        g_private_set(&zstd_cctx_key, cctx);
    }
    size_t r = ZSTD_compress2(cctx, out, room, src, len);
    if (ZSTD_isError(r)) {
        /* The context may hold a half-made frame: start clean next time. */
        ZSTD_CCtx_reset(cctx, ZSTD_reset_session_only);
        return ZSTD_getErrorCode(r) == ZSTD_error_dstSize_tooSmall ? 0 : -EIO;
    }
    return (int)r;
}

/*
 * Frames until exactly @out_len bytes are produced; the last frame must end
 * there (more data means a damaged cluster).  Bytes after it are ignored.
 */
static int zstd_decompress_cluster(BDRVQcow2State *s, const uint8_t *in,
                                   size_t in_len, uint8_t *out, size_t out_len)
{
    if (!s->zstd_dctx) {
        s->zstd_dctx = ZSTD_createDCtx();
        if (!s->zstd_dctx) {
            return -ENOMEM;
        }
    }
    ZSTD_DCtx *dctx = s->zstd_dctx;
    ZSTD_DCtx_reset(dctx, ZSTD_reset_session_only);
    ZSTD_inBuffer ib = { in, in_len, 0 };
    ZSTD_outBuffer ob = { out, out_len, 0 };
    size_t r = 0;
    while (ob.pos < ob.size) {
        size_t in_before = ib.pos, out_before = ob.pos;
        r = ZSTD_decompressStream(dctx, &ob, &ib);
        if (ZSTD_isError(r)) {
            return -EIO;
        }
        if (ib.pos == in_before && ob.pos == out_before) {
            return -EIO;    /* truncated: no progress possible */
        }
    }
    /* The cluster is full; a frame still wanting input is too long. */
    return r == 0 ? 0 : -EIO;
}

int qcow2_compress_cluster(BlockDriverState *bs, const void *in,
                           int64_t bytes, void *out, size_t out_size)
{
    BDRVQcow2State *s = bs->opaque;
    int cs = s->cluster_size;
    if (bytes <= 0 || bytes > cs || out_size < (size_t)cs) {
        return -EINVAL;
    }
    if (s->crypt_method) {
        return -ENOTSUP;    /* compressed clusters are never encrypted */
    }
    /* A short last cluster is compressed as a full one, zero padded. */
    uint8_t *padded = NULL;
    const uint8_t *src = in;
    if (bytes < cs) {
        padded = g_malloc0(cs);
        memcpy(padded, in, bytes);
        src = padded;
    }
    int ret;
    switch (s->compression_type) {
    case QCOW2_COMPRESSION_ZLIB:
        ret = deflate_cluster(src, cs, out, cs - 1);
        break;
    case QCOW2_COMPRESSION_ZSTD:
        ret = zstd_compress_cluster(src, cs, out, cs - 1);
        break;
    default:
        ret = -ENOTSUP;     /* open refuses other types */
        break;
    }
    g_free(padded);
    return ret;
}

/* Decompress the cluster at @l2_entry into s->cluster_cache. */
int qcow2_decompress_cluster(BlockDriverState *bs, uint64_t l2_entry)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t host, csize;
    qcow2_compressed_location(s, l2_entry, &host, &csize);
    if (s->cluster_cache_offset == (int64_t)host) {
        return 0;
    }
    int64_t flen = qcow2_file_length(bs);
    if (flen < 0) {
        return (int)flen;
    }
    if (host >= (uint64_t)flen) {
        qcow2_signal_corruption(bs, "Compressed cluster at %#" PRIx64
                                " lies beyond the end of the file", host);
        return -EIO;
    }
    /* The last sector may be cut short by the end of the file. */
    csize = MIN(csize, (uint64_t)flen - host);
    uint8_t *in = g_try_malloc(csize);
    if (!in) {
        return -ENOMEM;
    }
    int ret = bdrv_pread(bs->file, host, csize, in, 0);
    if (ret == 0) {
        switch (s->compression_type) {
        case QCOW2_COMPRESSION_ZLIB:
            ret = inflate_cluster(in, csize, s->cluster_cache, s->cluster_size);
            break;
        case QCOW2_COMPRESSION_ZSTD:
            ret = zstd_decompress_cluster(s, in, csize, s->cluster_cache,
                                          s->cluster_size);
            break;
        default:
            ret = -ENOTSUP;
            break;
        }
    }
    g_free(in);
    s->cluster_cache_offset = ret == 0 ? (int64_t)host : -1;
    return ret;
}

void qcow2_compress_free_state(BDRVQcow2State *s)
{
    ZSTD_freeDCtx(s->zstd_dctx);
    s->zstd_dctx = NULL;
}
