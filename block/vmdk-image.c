/*
 * VMDK images: open a descriptor or a self-describing sparse file, build
 * the ordered extent list, and route reads, writes, zeroing, discards,
 * flushes and checks to the extent kinds (flat here, hosted sparse in
 * vmdk-sparse.c, seSparse in vmdk-sesparse*.c).  Also the VmdkFile
 * helpers and the CID bookkeeping.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>
#include "block/vmdk-sesparse.h"
#include "qemu/bitops.h"
#include "qemu/bswap.h"

/* ---- VmdkFile helpers ------------------------------------------------- */

int vmdk_file_init_size(VmdkFile *f)
{
    int64_t len = f->ops->getlength(f);

    if (len < 0) {
        return len;
    }
    f->size = len;
    return 0;
}

int vmdk_file_read(VmdkFile *f, uint64_t off, void *buf, size_t len)
{
    uint64_t avail = 0;
    int ret = 0;

    if (off < (uint64_t)f->size) {
        avail = MIN((uint64_t)f->size - off, len);
    }
    if (avail) {
        ret = f->ops->pread(f, off, buf, avail);
    }
    if (ret == 0 && avail < len) {
        memset((uint8_t *)buf + avail, 0, len - avail);
    }
    return ret;
}

int vmdk_file_write(VmdkFile *f, uint64_t off, const void *buf, size_t len)
{
    int ret;

    if (off + len < off) {
        return -EINVAL;
    }
    ret = f->ops->pwrite(f, off, buf, len);
    if (ret == 0 && off + len > (uint64_t)f->size) {
        f->size = off + len;
    }
    return ret;
}

int vmdk_file_truncate(VmdkFile *f, uint64_t len)
{
    int ret = f->ops->truncate(f, len);

    if (ret == 0) {
        f->size = len;
    }
    return ret;
}

int vmdk_file_flush(VmdkFile *f)
{
    return f->ops->flush ? f->ops->flush(f) : 0;
}

/* ---- open ------------------------------------------------------------- */

static VmdkExtent *add_extent(VmdkImage *img)
{
    VmdkExtent *e;

    /* doubling (n is 0 or a power of two): a descriptor may list
       thousands of extents, and growing by one copies them all each time */
    if ((img->n_extents & (img->n_extents - 1)) == 0) {
        img->extents = g_renew(VmdkExtent, img->extents,
                               MAX(2 * img->n_extents, 1));
    }
    e = &img->extents[img->n_extents++];
    memset(e, 0, sizeof(*e));
    e->start = img->size;
    return e;
}

/* Open the KDMV or COWD file @f as extent @e (header at offset 0). */
static int open_hosted_sparse(VmdkExtent *e, const uint8_t *hdr,
                              bool writable, Error **errp)
{
    uint32_t magic = ldl_be_p(hdr);
    int ret;

    e->kind = VMDK_EXTENT_SPARSE;
    if (magic == VMDK3_MAGIC) {
        ret = vmdk3_geom_from_header(hdr, e->file->size, &e->g, errp);
    } else if (magic == VMDK4_MAGIC) {
        Vmdk4Header h;

        vmdk4_header_decode(hdr, &h);
        if (h.gd_offset == VMDK4_GD_AT_END) {
            /* streamOptimized from VMware: the footer holds the header */
            uint8_t foot[3 * VMDK_SECTOR];
            if (e->file->size < 4 * (int64_t)VMDK_SECTOR) {
                error_setg(errp, "Invalid footer");
                return -EINVAL;
            }
            ret = vmdk_file_read(e->file, ROUND_UP(e->file->size, VMDK_SECTOR)
                                 - 3 * VMDK_SECTOR, foot, sizeof(foot));
            if (ret < 0) {
                error_setg_errno(errp, -ret, "Failed to read footer");
                return ret;
            }
            if (ldl_be_p(foot + VMDK_SECTOR) != VMDK4_MAGIC ||
                ldl_le_p(foot + 8) != 0 ||
                ldl_le_p(foot + 12) != VMDK_MARKER_FOOTER ||
                ldq_le_p(foot + 2 * VMDK_SECTOR) != 0 ||
                ldl_le_p(foot + 2 * VMDK_SECTOR + 8) != 0 ||
                ldl_le_p(foot + 2 * VMDK_SECTOR + 12) != VMDK_MARKER_EOS) {
                error_setg(errp, "Invalid footer");
                return -EINVAL;
            }
            vmdk4_header_decode(foot + VMDK_SECTOR, &h);
            if (h.gd_offset == VMDK4_GD_AT_END) {
                error_setg(errp, "Invalid footer");
                return -EINVAL;
            }
        }
        ret = vmdk4_geom_from_header(&h, e->file->size, &e->g, errp);
        if (ret == 0 && writable && e->g.version == 3 && !e->g.compressed) {
            error_setg(errp, "VMDK version 3 must be read only");
            ret = -EINVAL;
        }
    } else {
        error_setg(errp, "Image not in VMDK format");
        return -EINVAL;
    }
    if (ret < 0) {
        return ret;
    }
    if (e->g.cowd || e->g.compressed || e->g.capacity == 0) {
        /* nothing else */
    }
    return vmdk_sparse_open(e, errp);
}

static int open_desc_extents(VmdkImage *img, const VmdkDesc *d,
                             Error **errp)
{
    for (guint i = 0; i < d->extents->len; i++) {
        const VmdkDescExtent *x = &g_array_index(d->extents, VmdkDescExtent,
                                                 i);
        VmdkExtent *e = add_extent(img);
        uint8_t hdr[VMDK_SECTOR];
        int ret = 0;

        e->kind = x->kind;
        e->type = g_strdup(x->type);
        e->length = x->sectors * VMDK_SECTOR;
        e->read_only = strcmp(x->access, "RW") != 0;
        if (!strcmp(x->access, "NOACCESS")) {
            e->kind = VMDK_EXTENT_ZERO;
        }
        if (e->kind != VMDK_EXTENT_ZERO) {
            e->file = img->open_file(img->opaque, x->filename, false, errp);
            if (!e->file) {
                return -EINVAL;
            }
            e->owns_file = true;
            ret = vmdk_file_init_size(e->file);
            if (ret < 0) {
                error_setg_errno(errp, -ret, "Could not get the size of '%s'",
                                 x->filename);
                return ret;
            }
        }
        switch (e->kind) {
        case VMDK_EXTENT_FLAT:
            e->flat_offset = x->offset * VMDK_SECTOR;
            if ((uint64_t)e->file->size < e->flat_offset + e->length) {
                error_setg(errp, "Flat extent '%s' is too short: %" PRId64
                           " bytes, the descriptor needs %" PRIu64,
                           x->filename, e->file->size,
                           e->flat_offset + e->length);
                return -EINVAL;
            }
            break;
        case VMDK_EXTENT_ZERO:
            break;
        case VMDK_EXTENT_SPARSE:
            if (e->file->size < 4) {
                error_setg(errp, "File is too small, not a valid image");
                return -EINVAL;
            }
            ret = vmdk_file_read(e->file, 0, hdr, sizeof(hdr));
            if (ret < 0) {
                error_setg_errno(errp, -ret, "Could not read header from "
                                 "'%s'", x->filename);
                return ret;
            }
            ret = open_hosted_sparse(e, hdr, img->writable && !e->read_only,
                                     errp);
            if (ret == 0 && e->g.capacity * VMDK_SECTOR < e->length) {
                error_setg(errp, "Extent '%s' holds %" PRIu64 " sectors, "
                           "the descriptor says %" PRIu64, x->filename,
                           e->g.capacity, x->sectors);
                ret = -EINVAL;
            }
            break;
        case VMDK_EXTENT_SESPARSE:
            ret = sesparse_open(e, img->writable && !e->read_only, errp);
            if (ret == 0 && e->length > e->se->h.capacity * VMDK_SECTOR) {
                error_setg(errp, "seSparse extent '%s' holds %" PRIu64
                           " sectors, the descriptor says %" PRIu64,
                           x->filename, e->se->h.capacity, x->sectors);
                ret = -EINVAL;
            }
            break;
        }
        if (ret < 0) {
            error_prepend(errp, "%s: ", x->filename);
            return ret;
        }
        img->size += e->length;
    }
    return 0;
}

static int apply_desc_keys(VmdkImage *img, const char *text, size_t len,
                           bool need_cid, Error **errp)
{
    char *v;

    img->cid = 0;
    img->parent_cid = 0xffffffff;
    if (vmdk_desc_find_key(text, len, "CID", &v)) {
        uint64_t cid;
        char *end;
        cid = g_ascii_strtoull(v, &end, 16);
        if (end == v || cid > UINT32_MAX) {
            error_setg(errp, "Invalid CID '%s'", v);
            g_free(v);
            return -EINVAL;
        }
        img->cid = cid;
        g_free(v);
    } else if (need_cid) {
        error_setg(errp, "VMDK descriptor has no CID");
        return -EINVAL;
    }
    if (vmdk_desc_find_key(text, len, "parentCID", &v)) {
        char *end;
        uint64_t cid = g_ascii_strtoull(v, &end, 16);
        if (end == v || cid > UINT32_MAX) {
            error_setg(errp, "Invalid parentCID '%s'", v);
            g_free(v);
            return -EINVAL;
        }
        img->parent_cid = cid;
        g_free(v);
    }
    if (vmdk_desc_find_key(text, len, "parentFileNameHint", &v)) {
        if (v[0]) {
            img->parent_hint = v;
        } else {
            g_free(v);
        }
    }
    return 0;
}

VmdkImage *vmdk_image_open(VmdkFile *main, VmdkOpenFileFn open_file,
                           void *opaque, bool writable, Error **errp)
{
    VmdkImage *img = g_new0(VmdkImage, 1);
    uint8_t hdr[VMDK_SECTOR];
    uint32_t magic;
    int ret;

    img->main = main;
    img->open_file = open_file;
    img->opaque = opaque;
    img->writable = writable;
    ret = vmdk_file_init_size(main);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not access file");
        goto fail;
    }
    if (main->size < 4) {
        error_setg(errp, "File is too small, not a valid image");
        goto fail;
    }
    ret = vmdk_file_read(main, 0, hdr, sizeof(hdr));
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read from file");
        goto fail;
    }
    magic = ldl_be_p(hdr);
    if (magic == VMDK4_MAGIC && ldq_le_p(hdr + 12) == 0 &&
        ldq_le_p(hdr + 28) != 0) {
        /*
         * A KDMV header with no capacity but a descriptor: the descriptor
         * names the real extents (as QEMU reads it).
         */
        uint64_t doff = ldq_le_p(hdr + 28), dlen = ldq_le_p(hdr + 36);
        uint64_t len;
        char *text;
        VmdkDesc *d;

        if (doff > (uint64_t)main->size / VMDK_SECTOR ||
            dlen > ((uint64_t)main->size / VMDK_SECTOR) - doff || dlen == 0) {
            error_setg(errp, "Embedded descriptor past the end of the file");
            goto fail;
        }
        len = MIN(dlen * VMDK_SECTOR, VMDK_DESC_MAX);
        text = g_malloc(len);
        ret = vmdk_file_read(main, doff * VMDK_SECTOR, text, len);
        d = ret < 0 ? NULL : vmdk_desc_parse(text, len, errp);
        if (!d) {
            if (ret < 0) {
                error_setg_errno(errp, -ret, "Could not read descriptor");
            }
            g_free(text);
            goto fail;
        }
        img->desc_embedded = true;
        img->desc_offset = doff * VMDK_SECTOR;
        img->desc_size = len;
        img->create_type = g_strdup(d->create_type);
        ret = open_desc_extents(img, d, errp);
        vmdk_desc_free(d);
        if (ret == 0) {
            ret = apply_desc_keys(img, text, len, false, errp);
        }
        g_free(text);
        if (ret < 0) {
            goto fail;
        }
    } else if (magic == VMDK4_MAGIC || magic == VMDK3_MAGIC) {
        VmdkExtent *e = add_extent(img);
        char *text = NULL;

        e->file = main;
        ret = open_hosted_sparse(e, hdr, writable, errp);
        if (ret < 0) {
            goto fail;
        }
        if (e->g.desc_offset && e->g.desc_size) {
            uint64_t len = MIN(e->g.desc_size, VMDK_DESC_MAX);
            text = g_malloc(len);
            ret = vmdk_file_read(main, e->g.desc_offset, text, len);
            if (ret < 0) {
                g_free(text);
                error_setg_errno(errp, -ret, "Could not read descriptor");
                goto fail;
            }
            img->desc_embedded = true;
            img->desc_offset = e->g.desc_offset;
            img->desc_size = len;
        }
        e->length = e->g.capacity * VMDK_SECTOR;
        img->size = e->length;
        img->create_type = g_strdup(e->g.cowd ? "vmfsSparse" :
                                    e->g.compressed ? "streamOptimized" :
                                    "monolithicSparse");
        if (text) {
            ret = apply_desc_keys(img, text, img->desc_size, false, errp);
            g_free(text);
            if (ret < 0) {
                goto fail;
            }
        } else {
            img->parent_cid = 0xffffffff;
        }
    } else {
        uint64_t len = MIN((uint64_t)main->size, VMDK_DESC_MAX);
        char *text = g_malloc(len);
        VmdkDesc *d;

        ret = vmdk_file_read(main, 0, text, len);
        if (ret < 0) {
            g_free(text);
            error_setg_errno(errp, -ret, "Could not read from file");
            goto fail;
        }
        d = vmdk_desc_parse(text, len, errp);
        if (!d) {
            g_free(text);
            goto fail;
        }
        img->desc_embedded = false;
        img->desc_offset = 0;
        img->desc_size = len;
        img->create_type = g_strdup(d->create_type);
        ret = open_desc_extents(img, d, errp);
        vmdk_desc_free(d);
        if (ret == 0) {
            ret = apply_desc_keys(img, text, len, false, errp);
        }
        g_free(text);
        if (ret < 0) {
            goto fail;
        }
    }
    if (img->n_extents == 0 || img->size == 0) {
        error_setg(errp, "VMDK image has no usable extent");
        goto fail;
    }
    return img;

fail:
    vmdk_image_close(img);
    return NULL;
}

void vmdk_image_close(VmdkImage *img)
{
    if (!img) {
        return;
    }
    for (int i = 0; i < img->n_extents; i++) {
        VmdkExtent *e = &img->extents[i];
        if (e->se) {
            sesparse_close(e);
        }
        if (e->kind == VMDK_EXTENT_SPARSE && e->gd && img->writable) {
            vmdk_sparse_stream_flush(e);
        }
        vmdk_sparse_close(e);
        if (e->owns_file && e->file) {
            vmdk_file_flush(e->file);
            if (e->file->ops->close) {
                e->file->ops->close(e->file);
            }
        }
        g_free(e->type);
    }
    g_free(img->extents);
    g_free(img->create_type);
    g_free(img->parent_hint);
    g_free(img);
}

/* ---- queries ------------------------------------------------------------ */

uint64_t vmdk_image_size(const VmdkImage *img)
{
    return img->size;
}

const char *vmdk_image_create_type(const VmdkImage *img)
{
    return img->create_type;
}

uint32_t vmdk_image_cid(const VmdkImage *img)
{
    return img->cid;
}

uint32_t vmdk_image_parent_cid(const VmdkImage *img)
{
    return img->parent_cid;
}

const char *vmdk_image_parent_hint(const VmdkImage *img)
{
    return img->parent_hint;
}

int vmdk_image_extent_count(const VmdkImage *img)
{
    return img->n_extents;
}

static uint64_t extent_cluster_size(const VmdkExtent *e)
{
    switch (e->kind) {
    case VMDK_EXTENT_SPARSE:
        return e->g.grain_sectors * VMDK_SECTOR;
    case VMDK_EXTENT_SESPARSE:
        return SESPARSE_GRAIN_SIZE;
    default:
        return 0;
    }
}

void vmdk_image_extent_info(const VmdkImage *img, int i, VmdkExtentInfo *out)
{
    const VmdkExtent *e = &img->extents[i];

    out->filename = e->file ? e->file->filename : "";
    out->type = e->type ? e->type : "";
    out->virtual_size = e->length;
    out->cluster_size = extent_cluster_size(e);
    out->compressed = e->kind == VMDK_EXTENT_SPARSE && e->g.compressed;
}

uint64_t vmdk_image_cluster_size(const VmdkImage *img)
{
    uint64_t cs = extent_cluster_size(&img->extents[0]);

    for (int i = 1; i < img->n_extents; i++) {
        if (extent_cluster_size(&img->extents[i]) != cs) {
            return 0;
        }
    }
    return cs;
}

bool vmdk_image_is_dirty(const VmdkImage *img)
{
    for (int i = 0; i < img->n_extents; i++) {
        if (img->extents[i].se && img->extents[i].se->overlay) {
            return true;    /* opened read-only with a journal to replay */
        }
    }
    return false;
}

bool vmdk_image_has_flat(const VmdkImage *img)
{
    for (int i = 0; i < img->n_extents; i++) {
        if (img->extents[i].kind == VMDK_EXTENT_FLAT) {
            return true;
        }
    }
    return false;
}

/* ---- I/O ---------------------------------------------------------------- */

static VmdkExtent *find_extent(VmdkImage *img, uint64_t off)
{
    int lo = 0, hi = img->n_extents - 1;

    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        VmdkExtent *e = &img->extents[mid];
        if (off < e->start) {
            hi = mid - 1;
        } else if (off - e->start >= e->length) {
            lo = mid + 1;
        } else {
            return e;
        }
    }
    return NULL;
}

int vmdk_image_map(VmdkImage *img, uint64_t offset, uint64_t bytes,
                   VmdkMapping *m)
{
    VmdkExtent *e = find_extent(img, offset);
    uint64_t rel;
    int ret;

    if (!e) {
        return -EIO;
    }
    rel = offset - e->start;
    memset(m, 0, sizeof(*m));
    m->extent = e;
    m->file = e->file;
    switch (e->kind) {
    case VMDK_EXTENT_FLAT:
        m->kind = VMDK_MAP_DATA;
        m->file_offset = e->flat_offset + rel;
        m->bytes = e->length - rel;
        ret = 0;
        break;
    case VMDK_EXTENT_ZERO:
        m->kind = VMDK_MAP_ZERO;
        m->bytes = e->length - rel;
        ret = 0;
        break;
    case VMDK_EXTENT_SPARSE:
        ret = vmdk_sparse_map(e, rel, m);
        break;
    default:
        ret = sesparse_map(e, rel, m);
        break;
    }
    m->bytes = MIN(m->bytes, e->length - rel);
    m->bytes = MIN(m->bytes, bytes);
    return ret;
}

int vmdk_image_map_range(VmdkImage *img, uint64_t offset, uint64_t bytes,
                         GArray *segs)
{
    g_array_set_size(segs, 0);
    while (bytes > 0) {
        VmdkSegment seg = { .offset = offset };
        int ret = vmdk_image_map(img, offset, bytes, &seg.m);

        if (ret < 0) {
            return ret;
        }
        if (segs->len) {
            /* merge with the previous run when it simply continues */
            VmdkSegment *p = &g_array_index(segs, VmdkSegment, segs->len - 1);
            bool cont = p->m.kind == seg.m.kind &&
                        (seg.m.kind == VMDK_MAP_ZERO ||
                         seg.m.kind == VMDK_MAP_UNALLOC ||
                         (seg.m.kind == VMDK_MAP_DATA &&
                          p->m.file == seg.m.file &&
                          p->m.file_offset + p->m.bytes == seg.m.file_offset));
            if (cont) {
                p->m.bytes += seg.m.bytes;
                offset += seg.m.bytes;
                bytes -= seg.m.bytes;
                continue;
            }
        }
        g_array_append_val(segs, seg);
        offset += seg.m.bytes;
        bytes -= seg.m.bytes;
    }
    return 0;
}

int vmdk_image_read_segments(const VmdkSegment *segs, guint n, void *buf,
                             VmdkBackingReadFn backing, void *opaque)
{
    uint8_t *dst = buf;

    for (guint i = 0; i < n; i++) {
        const VmdkSegment *seg = &segs[i];
        const VmdkMapping *m = &seg->m;
        int ret = 0;

        if (m->kind == VMDK_MAP_DATA) {
            ret = vmdk_file_read(m->file, m->file_offset, dst, m->bytes);
        } else if (m->kind == VMDK_MAP_COMPRESSED) {
            uint64_t gb = m->extent->g.grain_sectors * VMDK_SECTOR;
            uint64_t rel = seg->offset - m->extent->start;
            ret = vmdk_sparse_read_compressed(m->extent, m->file_offset,
                                              rel % gb, dst, m->bytes);
        } else if (m->kind == VMDK_MAP_UNALLOC && backing) {
            ret = backing(opaque, seg->offset, dst, m->bytes);
        } else {
            memset(dst, 0, m->bytes);
        }
        if (ret < 0) {
            return ret;
        }
        dst += m->bytes;
    }
    return 0;
}

int vmdk_image_read(VmdkImage *img, uint64_t offset, void *buf,
                    uint64_t bytes, VmdkBackingReadFn backing, void *opaque)
{
    GArray *segs = g_array_new(false, false, sizeof(VmdkSegment));
    int ret = vmdk_image_map_range(img, offset, bytes, segs);

    if (ret == 0) {
        ret = vmdk_image_read_segments((VmdkSegment *)segs->data, segs->len,
                                       buf, backing, opaque);
    }
    g_array_free(segs, true);
    return ret;
}

int vmdk_image_touch_cid(VmdkImage *img)
{
    uint32_t cid;
    char *text, *out;
    size_t out_len;
    int ret;

    if (img->cid_touched) {
        return 0;
    }
    img->cid_touched = true;
    if (!img->desc_size) {
        return 0;
    }
    do {
        cid = g_random_int();
    } while (cid == img->cid || cid == 0xffffffff);
    text = g_malloc0(img->desc_size + 1);
    ret = vmdk_file_read(img->main, img->desc_offset, text, img->desc_size);
    if (ret < 0) {
        g_free(text);
        return ret;
    }
    out = vmdk_desc_replace_cid(text, img->desc_size, cid);
    out_len = strlen(out);
    g_free(text);
    if (img->desc_embedded) {
        char *pad;
        if (out_len > img->desc_size) {
            g_free(out);
            return 0;   /* no room: keep the old CID rather than truncate */
        }
        pad = g_malloc0(img->desc_size);
        memcpy(pad, out, out_len);
        ret = vmdk_file_write(img->main, img->desc_offset, pad,
                              img->desc_size);
        g_free(pad);
    } else {
        ret = vmdk_file_write(img->main, 0, out, out_len);
        if (ret == 0 && out_len != (uint64_t)img->main->size) {
            ret = vmdk_file_truncate(img->main, out_len);
        }
        img->desc_size = out_len;
    }
    g_free(out);
    if (ret == 0) {
        img->cid = cid;
    }
    return ret;
}

int vmdk_image_write(VmdkImage *img, uint64_t offset, const void *buf,
                     uint64_t bytes, VmdkBackingReadFn backing, void *opaque)
{
    const uint8_t *src = buf;
    int ret = vmdk_image_touch_cid(img);

    while (ret == 0 && bytes > 0) {
        VmdkExtent *e = find_extent(img, offset);
        uint64_t rel, n;

        if (!e) {
            return -EIO;
        }
        rel = offset - e->start;
        n = MIN(bytes, e->length - rel);
        if (e->read_only || e->kind == VMDK_EXTENT_ZERO) {
            return -EACCES;
        }
        switch (e->kind) {
        case VMDK_EXTENT_FLAT:
            ret = vmdk_file_write(e->file, e->flat_offset + rel, src, n);
            break;
        case VMDK_EXTENT_SPARSE:
            ret = vmdk_sparse_write(e, rel, src, n, backing, opaque,
                                    e->start);
            break;
        default:
            ret = sesparse_write(e, rel, src, n, backing, opaque, e->start);
            break;
        }
        offset += n;
        src += n;
        bytes -= n;
    }
    return ret;
}

VmdkExtent *vmdk_image_stream_extent(VmdkImage *img, uint64_t offset,
                                     uint64_t bytes, uint64_t *grain_bytes)
{
    VmdkExtent *e = find_extent(img, offset);
    uint64_t gb, rel;

    if (!e || e->kind != VMDK_EXTENT_SPARSE || !e->g.compressed ||
        e->read_only || bytes == 0) {
        return NULL;
    }
    gb = e->g.grain_sectors * VMDK_SECTOR;
    rel = offset - e->start;
    if (rel % gb || bytes > e->length - rel ||
        (bytes % gb && rel + bytes != e->length)) {
        return NULL;
    }
    *grain_bytes = gb;
    return e;
}

int vmdk_image_write_prepared(VmdkImage *img, VmdkExtent *e,
                              uint64_t offset, const uint8_t *blob,
                              size_t len)
{
    int ret = vmdk_image_touch_cid(img);
    uint64_t gb = e->g.grain_sectors * VMDK_SECTOR;

    return ret < 0 ? ret : vmdk_sparse_write_prepared(e, (offset - e->start)
                                                      / gb, blob, len);
}

static int zeroes_pass(VmdkImage *img, uint64_t offset, uint64_t bytes,
                       bool dry_run)
{
    while (bytes > 0) {
        VmdkExtent *e = find_extent(img, offset);
        uint64_t rel, n;
        int ret;

        if (!e) {
            return -EIO;
        }
        rel = offset - e->start;
        n = MIN(bytes, e->length - rel);
        if (e->read_only) {
            return -EACCES;
        }
        switch (e->kind) {
        case VMDK_EXTENT_SPARSE:
            ret = vmdk_sparse_write_zeroes(e, rel, n, dry_run);
            break;
        case VMDK_EXTENT_SESPARSE:
            ret = sesparse_write_zeroes(e, rel, n, dry_run);
            break;
        case VMDK_EXTENT_ZERO:
            ret = 0;
            break;
        default:
            ret = -ENOTSUP;
            break;
        }
        if (ret < 0) {
            return ret;
        }
        offset += n;
        bytes -= n;
    }
    return 0;
}

int vmdk_image_write_zeroes(VmdkImage *img, uint64_t offset, uint64_t bytes,
                            bool backing_present)
{
    int ret = zeroes_pass(img, offset, bytes, true);

    if (ret == 0) {
        ret = vmdk_image_touch_cid(img);
    }
    if (ret == 0) {
        ret = zeroes_pass(img, offset, bytes, false);
    }
    return ret;
}

int vmdk_image_discard(VmdkImage *img, uint64_t offset, uint64_t bytes)
{
    while (bytes > 0) {
        VmdkExtent *e = find_extent(img, offset);
        uint64_t rel, n;
        int ret = 0;

        if (!e) {
            return -EIO;
        }
        rel = offset - e->start;
        n = MIN(bytes, e->length - rel);
        if (e->kind == VMDK_EXTENT_SESPARSE && !e->read_only) {
            ret = vmdk_image_touch_cid(img);
            if (ret == 0) {
                ret = sesparse_discard(e, rel, n);
            }
        }
        if (ret < 0) {
            return ret;
        }
        offset += n;
        bytes -= n;
    }
    return 0;
}

int vmdk_image_flush(VmdkImage *img)
{
    int ret = 0;

    for (int i = 0; i < img->n_extents; i++) {
        VmdkExtent *e = &img->extents[i];
        int r = 0;
        if (e->kind == VMDK_EXTENT_SPARSE && e->gd) {
            r = vmdk_sparse_stream_flush(e);
        }
        if (r < 0) {
            /* keep going: flush the files anyway */
        } else if (e->se) {
            r = sesparse_flush(e);
        } else if (e->file && e->owns_file) {
            r = vmdk_file_flush(e->file);
        }
        if (r < 0 && ret == 0) {
            ret = r;
        }
    }
    if (ret == 0) {
        ret = vmdk_file_flush(img->main);
    }
    return ret;
}

void vmdk_check_log(GString *log, const char *fmt, ...)
{
    va_list ap;

    if (!log) {
        return;
    }
    va_start(ap, fmt);
    g_string_append_vprintf(log, fmt, ap);
    va_end(ap);
}

int vmdk_image_check(VmdkImage *img, VmdkCheckResult *res, int repair,
                     GString *log)
{
    memset(res, 0, sizeof(*res));
    for (int i = 0; i < img->n_extents; i++) {
        VmdkExtent *e = &img->extents[i];
        int ret = 0;

        if (e->kind == VMDK_EXTENT_SPARSE) {
            ret = vmdk_sparse_check(e, res, log);
        } else if (e->kind == VMDK_EXTENT_SESPARSE) {
            ret = sesparse_check(e, res, repair, log);
        } else if (e->kind == VMDK_EXTENT_FLAT) {
            uint64_t n = DIV_ROUND_UP(e->length, 65536);
            res->total_clusters += n;
            res->allocated_clusters += n;
        }
        if (ret < 0) {
            res->check_errors++;
            return ret;
        }
    }
    return 0;
}
