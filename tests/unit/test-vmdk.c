/*
 * Unit tests of the VMDK engine on in-memory files: descriptor parsing,
 * header validation, hosted sparse and streamOptimized I/O, and seSparse
 * writes, discard, journal replay after a simulated crash, check and
 * reclamation.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <glib.h>
#include <zlib.h>
#include "block/vmdk-sesparse.h"
#include "qemu/bswap.h"
#include "qemu/cutils.h"

/* ---- in-memory files ------------------------------------------------------ */

typedef struct MemFs {
    GHashTable *files;       /* name -> GByteArray */
} MemFs;

static int mem_pread(VmdkFile *f, uint64_t off, void *buf, size_t len)
{
    GByteArray *a = f->opaque;

    g_assert_cmpuint(off + len, <=, a->len);
    memcpy(buf, a->data + off, len);
    return 0;
}

static int mem_pwrite(VmdkFile *f, uint64_t off, const void *buf, size_t len)
{
    GByteArray *a = f->opaque;

    if (off + len > a->len) {
        gsize old = a->len;
        g_byte_array_set_size(a, off + len);
        memset(a->data + old, 0, a->len - old);
    }
    memcpy(a->data + off, buf, len);
    return 0;
}

static int64_t mem_getlength(VmdkFile *f)
{
    return ((GByteArray *)f->opaque)->len;
}

static int mem_truncate(VmdkFile *f, uint64_t len)
{
    GByteArray *a = f->opaque;
    gsize old = a->len;

    g_byte_array_set_size(a, len);
    if (len > old) {
        memset(a->data + old, 0, len - old);
    }
    return 0;
}

static void mem_close(VmdkFile *f)
{
    g_free(f->filename);
    g_free(f);
}

static const VmdkFileOps mem_ops = {
    .pread = mem_pread,
    .pwrite = mem_pwrite,
    .getlength = mem_getlength,
    .truncate = mem_truncate,
    .close = mem_close,
};

static MemFs *memfs_new(void)
{
    MemFs *fs = g_new0(MemFs, 1);

    fs->files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify)g_byte_array_unref);
    return fs;
}

static void memfs_free(MemFs *fs)
{
    g_hash_table_destroy(fs->files);
    g_free(fs);
}

static GByteArray *memfs_get(MemFs *fs, const char *name)
{
    return g_hash_table_lookup(fs->files, name);
}

static VmdkFile *memfs_open(void *opaque, const char *name, bool create,
                            Error **errp)
{
    MemFs *fs = opaque;
    GByteArray *a = g_hash_table_lookup(fs->files, name);
    VmdkFile *f;

    if (create) {
        a = g_byte_array_new();
        g_hash_table_replace(fs->files, g_strdup(name), a);
    } else if (!a) {
        error_setg(errp, "Could not open '%s': No such file", name);
        return NULL;
    }
    f = g_new0(VmdkFile, 1);
    f->ops = &mem_ops;
    f->opaque = a;
    f->filename = g_strdup(name);
    f->size = a->len;
    return f;
}

/* Open @name as the image's main file (the caller keeps the handle). */
static VmdkImage *open_image(MemFs *fs, const char *name, bool rw,
                             VmdkFile **mainp, Error **errp)
{
    VmdkFile *m = memfs_open(fs, name, false, errp);
    VmdkImage *img;

    if (!m) {
        return NULL;
    }
    img = vmdk_image_open(m, memfs_open, fs, rw, errp);
    if (!img) {
        mem_close(m);
        return NULL;
    }
    *mainp = m;
    return img;
}

static void close_image(VmdkImage *img, VmdkFile *m)
{
    vmdk_image_close(img);
    mem_close(m);
}

static void create_image(MemFs *fs, const char *name, VmdkSubformat sub,
                         uint64_t size)
{
    VmdkCreateOptions o = { .size = size, .subformat = sub, .cid = 0x1234 };
    Error *err = NULL;

    g_assert_cmpint(vmdk_create(name, &o, memfs_open, fs, &err), ==, 0);
    g_assert_null(err);
}

static void fill(uint8_t *buf, size_t len, uint32_t seed)
{
    for (size_t i = 0; i < len; i++) {
        buf[i] = (uint8_t)((i * 31 + seed * 7) ^ (i >> 8));
    }
}

/* ---- descriptor ------------------------------------------------------------ */

static void test_desc_keys_exact(void)
{
    const char *t = "# Disk DescriptorFile\nversion=1\n"
                    "parentCID=ffffffff\nCID=1a2b3c\n"
                    "createType=\"twoGbMaxExtentFlat\"\n"
                    "parentFileNameHint=\"base.vmdk\"\n"
                    "RW 100 FLAT \"a.vmdk\" 5\nRDONLY 20 ZERO\n"
                    "RW 8 SPARSE \"b b.vmdk\"\n";
    Error *err = NULL;
    VmdkDesc *d = vmdk_desc_parse(t, strlen(t), &err);
    VmdkDescExtent *x;

    g_assert_nonnull(d);
    g_assert_cmphex(d->cid, ==, 0x1a2b3c);
    g_assert_cmphex(d->parent_cid, ==, 0xffffffff);
    g_assert_cmpstr(d->create_type, ==, "twoGbMaxExtentFlat");
    g_assert_cmpstr(d->parent_hint, ==, "base.vmdk");
    g_assert_cmpuint(d->extents->len, ==, 3);
    x = &g_array_index(d->extents, VmdkDescExtent, 0);
    g_assert_cmpuint(x->sectors, ==, 100);
    g_assert_cmpuint(x->offset, ==, 5);
    g_assert_cmpstr(x->filename, ==, "a.vmdk");
    x = &g_array_index(d->extents, VmdkDescExtent, 1);
    g_assert_cmpint(x->kind, ==, VMDK_EXTENT_ZERO);
    g_assert_cmpstr(x->access, ==, "RDONLY");
    x = &g_array_index(d->extents, VmdkDescExtent, 2);
    g_assert_cmpstr(x->filename, ==, "b b.vmdk");
    vmdk_desc_free(d);
}

static void expect_desc_error(const char *t, const char *msg)
{
    Error *err = NULL;
    VmdkDesc *d = vmdk_desc_parse(t, strlen(t), &err);

    g_assert_null(d);
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(error_get_pretty(err), msg));
    error_free(err);
}

static void test_desc_errors(void)
{
    expect_desc_error("version=1\nCID=1\ncreateType=\"monolithicFlat\"\n",
                      "no usable extent");
    expect_desc_error("version=1\ncreateType=\"monolithicFlat\"\n"
                      "RW 100 FLAT \"a.vmdk\"\n", "Invalid extent line");
    expect_desc_error("version=1\ncreateType=\"monolithicFlat\"\n"
                      "RW 0 FLAT \"a.vmdk\" 0\n", "Invalid extent line");
    expect_desc_error("version=1\ncreateType=\"monolithicFlat\"\n"
                      "RW 10 FLAT \"a.vmdk\" 0 junk\n", "Invalid extent line");
    expect_desc_error("version=1\ncreateType=\"monolithicFlat\"\n"
                      "RW 10 CDROM \"a.vmdk\"\n", "Unsupported extent type");
    expect_desc_error("version=1\ncreateType=\"floppy\"\n"
                      "RW 10 FLAT \"a.vmdk\" 0\n", "Unsupported image type");
    expect_desc_error("version=1\nRW 10 FLAT \"a.vmdk\" 0\n",
                      "invalid VMDK image descriptor");
    expect_desc_error("version=9\ncreateType=\"vmfs\"\nRW 10 VMFS \"a\"\n",
                      "Unsupported descriptor version");
    expect_desc_error("version=1\nCID=zz\ncreateType=\"vmfs\"\n"
                      "RW 10 VMFS \"a\"\n", "Invalid CID");
    expect_desc_error("version=1\ncreateType=\"vmfs\"\n"
                      "RW 99999999999999999999999 VMFS \"a\"\n",
                      "Invalid extent line");
}

static void test_desc_replace_cid(void)
{
    const char *t = "version=1\nparentCID=ffffffff\nCID=abc\nx=1\n";
    char *out = vmdk_desc_replace_cid(t, strlen(t), 0xdead);

    g_assert_cmpstr(out, ==, "version=1\nparentCID=ffffffff\nCID=dead\nx=1\n");
    g_free(out);
    out = vmdk_desc_replace_cid("version=1\nparentCID=5\n", 22, 7);
    g_assert_cmpstr(out, ==, "version=1\nCID=7\nparentCID=5\n");
    g_free(out);
}

/* ---- hosted sparse --------------------------------------------------------- */

static void patch_le32(GByteArray *a, size_t off, uint32_t v)
{
    stl_le_p(a->data + off, v);
}

static void patch_le64(GByteArray *a, size_t off, uint64_t v)
{
    stq_le_p(a->data + off, v);
}

static void expect_open_error(MemFs *fs, const char *name, const char *msg)
{
    Error *err = NULL;
    VmdkFile *m;
    VmdkImage *img = open_image(fs, name, false, &m, &err);

    g_assert_null(img);
    g_assert_nonnull(err);
    if (!strstr(error_get_pretty(err), msg)) {
        g_test_message("got: %s", error_get_pretty(err));
    }
    g_assert_nonnull(strstr(error_get_pretty(err), msg));
    error_free(err);
}

static void test_sparse_header_validation(void)
{
    static const struct {
        size_t off;
        int width;
        uint64_t value;
        const char *msg;
    } cases[] = {
        { 4, 4, 4, "Unsupported VMDK version" },
        { 20, 8, 0, "granularity" },
        { 20, 8, 1ULL << 40, "granularity" },
        { 44, 4, 513, "L2 table size too big" },
        { 44, 4, 0, "L1 entry size is invalid" },
        { 56, 8, 1ULL << 30, "Grain directory" },
        { 64, 8, 1ULL << 30, "File truncated" },
        { 12, 8, 1ULL << 50, "L1 size too big" },
        { 77, 2, 7, "compression algorithm" },
        { 75, 2, 0x0a0a, "check bytes" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        MemFs *fs = memfs_new();
        GByteArray *a;

        create_image(fs, "t.vmdk", VMDK_SUB_MONOLITHIC_SPARSE, 16 << 20);
        a = memfs_get(fs, "t.vmdk");
        if (cases[i].width == 4) {
            patch_le32(a, cases[i].off, cases[i].value);
        } else if (cases[i].width == 2) {
            stw_le_p(a->data + cases[i].off, cases[i].value);
        } else {
            patch_le64(a, cases[i].off, cases[i].value);
        }
        expect_open_error(fs, "t.vmdk", cases[i].msg);
        memfs_free(fs);
    }
}

static void test_sparse_gt_past_eof(void)
{
    MemFs *fs = memfs_new();
    GByteArray *a;
    VmdkFile *m;
    VmdkImage *img;
    uint8_t buf[512];
    uint64_t gd;

    create_image(fs, "t.vmdk", VMDK_SUB_MONOLITHIC_SPARSE, 16 << 20);
    a = memfs_get(fs, "t.vmdk");
    gd = ldq_le_p(a->data + 56) * 512;
    patch_le32(a, gd, 0x7fffffff);        /* GT far past EOF */
    img = open_image(fs, "t.vmdk", false, &m, &error_abort);
    g_assert_cmpint(vmdk_image_read(img, 0, buf, 512, NULL, NULL), ==, -EIO);
    close_image(img, m);
    memfs_free(fs);
}

static void roundtrip(VmdkSubformat sub, uint64_t size)
{
    MemFs *fs = memfs_new();
    VmdkFile *m;
    VmdkImage *img;
    uint64_t cs;
    uint8_t *w = g_malloc(256 * 1024), *r = g_malloc(256 * 1024);

    create_image(fs, "t.vmdk", sub, size);
    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    g_assert_cmpuint(vmdk_image_size(img), ==, size);
    cs = vmdk_image_cluster_size(img);
    fill(w, 256 * 1024, 1);
    /* whole grains at the start and somewhere in the middle */
    g_assert_cmpint(vmdk_image_write(img, 0, w, 128 * 1024, NULL, NULL), ==,
                    0);
    g_assert_cmpint(vmdk_image_write(img, size / 2, w + 4096, 128 * 1024,
                                     NULL, NULL), ==, 0);
    /* partial grain write over an unallocated grain */
    g_assert_cmpint(vmdk_image_write(img, 3 * 65536 + 100, w, 1000, NULL,
                                     NULL), ==, 0);
    if (sub != VMDK_SUB_STREAM_OPTIMIZED) {
        /* ... and over an allocated one */
        g_assert_cmpint(vmdk_image_write(img, 50, w + 7, 10, NULL, NULL), ==,
                        0);
    } else {
        /* streamOptimized grains are written once */
        g_assert_cmpint(vmdk_image_write(img, 0, w, 65536, NULL, NULL), ==,
                        -EIO);
    }
    close_image(img, m);

    img = open_image(fs, "t.vmdk", false, &m, &error_abort);
    g_assert_cmpuint(vmdk_image_cluster_size(img), ==, cs);
    g_assert_cmpint(vmdk_image_read(img, 0, r, 128 * 1024, NULL, NULL), ==, 0);
    g_assert_cmpmem(r + 100, 1000, w + 100, 1000);
    g_assert_cmpint(vmdk_image_read(img, size / 2, r, 128 * 1024, NULL, NULL),
                    ==, 0);
    g_assert_cmpmem(r, 128 * 1024, w + 4096, 128 * 1024);
    g_assert_cmpint(vmdk_image_read(img, 3 * 65536, r, 65536, NULL, NULL), ==,
                    0);
    {
        uint8_t zero[100] = { 0 };
        g_assert_cmpmem(r, 100, zero, 100);
        g_assert_cmpmem(r + 100, 1000, w, 1000);
        g_assert_true(r[65535] == 0);
    }
    close_image(img, m);
    g_free(w);
    g_free(r);
    memfs_free(fs);
}

static void test_monolithic_sparse_rw(void)
{
    roundtrip(VMDK_SUB_MONOLITHIC_SPARSE, 64 << 20);
}

static void test_stream_optimized_rw(void)
{
    roundtrip(VMDK_SUB_STREAM_OPTIMIZED, 64 << 20);
}

static void test_twogb_sparse_rw(void)
{
    roundtrip(VMDK_SUB_TWOGB_SPARSE, 64 << 20);
}

static void test_flat_rw(void)
{
    roundtrip(VMDK_SUB_MONOLITHIC_FLAT, 8 << 20);
    roundtrip(VMDK_SUB_VMFS, 8 << 20);
}

static void test_cowd_rw(void)
{
    roundtrip(VMDK_SUB_VMFS_SPARSE, 8 << 20);
}

static void test_sesparse_rw(void)
{
    roundtrip(VMDK_SUB_SESPARSE, 64 << 20);
}

static void test_flat_too_short(void)
{
    MemFs *fs = memfs_new();

    create_image(fs, "t.vmdk", VMDK_SUB_MONOLITHIC_FLAT, 1 << 20);
    g_byte_array_set_size(memfs_get(fs, "t-flat.vmdk"), 4096);
    expect_open_error(fs, "t.vmdk", "too short");
    memfs_free(fs);
}

/* ---- seSparse ----------------------------------------------------------------- */

static void test_sesparse_layout_esxi(void)
{
    SeSparseConstHeader h;
    static const uint64_t off[] = { 1, 2, 2048, 4096, 6144, 8192, 10240,
                                    12288 };
    static const uint64_t size[] = { 1, 2, 2048, 2048, 2048, 2048, 2048,
                                     204800 };

    sesparse_layout(204800, &h);
    for (int i = 0; i < SES_REGION_COUNT; i++) {
        g_assert_cmpuint(h.region_offset[i], ==, off[i]);
        g_assert_cmpuint(h.region_size[i], ==, size[i]);
    }
}

static void test_sesparse_gte_encoding(void)
{
    static const uint64_t grains[] = { 0, 1, 0xfff, 0x1000, 0x123456789ULL,
                                       (1ULL << 60) - 1 };

    for (size_t i = 0; i < G_N_ELEMENTS(grains); i++) {
        uint64_t e = sesparse_gte_make(SESPARSE_GTE_ALLOC, grains[i]);
        g_assert_cmphex(e & SESPARSE_GTE_KIND_MASK, ==, SESPARSE_GTE_ALLOC);
        g_assert_cmphex(sesparse_gte_grain(e), ==, grains[i]);
    }
    /* the bit layout from the format description */
    g_assert_cmphex(sesparse_gte_grain(0x3abc000000000012ULL), ==,
                    (0x12ULL << 12) | 0xabc);
}

static uint64_t read_gte(MemFs *fs, uint64_t v)
{
    GByteArray *a = memfs_get(fs, "t-sesparse.vmdk");
    SeSparseConstHeader h;
    uint64_t gde, t;

    sesparse_const_header_decode(a->data, &h, NULL);
    gde = ldq_le_p(a->data + h.region_offset[SES_REGION_GD] * 512 +
                   (v / 4096) * 8);
    if (!gde) {
        return 0;
    }
    t = gde & 0xffffffff;
    return ldq_le_p(a->data + (h.region_offset[SES_REGION_GT] + t * 64) * 512 +
                    (v % 4096) * 8);
}

static void test_sesparse_discard_zero_reclaim(void)
{
    MemFs *fs = memfs_new();
    VmdkFile *m;
    VmdkImage *img;
    uint8_t *w = g_malloc(64 * 1024), *r = g_malloc(64 * 1024);
    uint8_t zero[4096] = { 0 };
    VmdkCheckResult res;
    GString *log = g_string_new(NULL);
    gsize size_before;

    create_image(fs, "t.vmdk", VMDK_SUB_SESPARSE, 32 << 20);
    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    fill(w, 64 * 1024, 3);
    g_assert_cmpint(vmdk_image_write(img, 0, w, 64 * 1024, NULL, NULL), ==, 0);
    /* unmap grains 2..3, zero grain 5, unmap never-written grain 100 */
    g_assert_cmpint(vmdk_image_discard(img, 2 * 4096, 2 * 4096), ==, 0);
    g_assert_cmpint(vmdk_image_write_zeroes(img, 5 * 4096, 4096, false), ==,
                    0);
    g_assert_cmpint(vmdk_image_discard(img, 100 * 4096, 4096), ==, 0);
    g_assert_cmpint(vmdk_image_write_zeroes(img, 5 * 4096 + 1, 4095, false),
                    ==, -ENOTSUP);
    g_assert_cmpint(vmdk_image_read(img, 0, r, 64 * 1024, NULL, NULL), ==, 0);
    g_assert_cmpmem(r, 8192, w, 8192);
    g_assert_cmpmem(r + 8192, 4096, zero, 4096);
    g_assert_cmpmem(r + 12288, 4096, zero, 4096);
    g_assert_cmpmem(r + 5 * 4096, 4096, zero, 4096);
    g_assert_cmpmem(r + 6 * 4096, 4096, w + 6 * 4096, 4096);
    close_image(img, m);

    g_assert_cmphex(read_gte(fs, 2) & SESPARSE_GTE_KIND_MASK, ==,
                    SESPARSE_GTE_UNMAPPED);
    g_assert_cmphex(read_gte(fs, 2), !=, SESPARSE_GTE_UNMAPPED);
    g_assert_cmphex(read_gte(fs, 5), ==, SESPARSE_GTE_ZERO);
    g_assert_cmphex(read_gte(fs, 100), ==, SESPARSE_GTE_UNMAPPED);
    g_assert_cmphex(read_gte(fs, 0) & SESPARSE_GTE_KIND_MASK, ==,
                    SESPARSE_GTE_ALLOC);

    /* check: the two unmapped grains are leaks; grain 5 was freed already */
    img = open_image(fs, "t.vmdk", false, &m, &error_abort);
    g_assert_cmpint(vmdk_image_check(img, &res, 0, log), ==, 0);
    g_assert_cmpint(res.corruptions, ==, 0);
    g_assert_cmpint(res.leaks, ==, 2);
    g_assert_cmpuint(res.allocated_clusters, ==, 13);
    close_image(img, m);

    /* repair reclaims them; the pointers go, the data is gone for good */
    size_before = memfs_get(fs, "t-sesparse.vmdk")->len;
    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    g_assert_cmpint(vmdk_image_check(img, &res, 1, log), ==, 0);
    g_assert_cmpint(res.leaks_fixed, ==, 2);
    close_image(img, m);
    g_assert_cmphex(read_gte(fs, 2), ==, SESPARSE_GTE_UNMAPPED);
    g_assert_cmpuint(memfs_get(fs, "t-sesparse.vmdk")->len, <=, size_before);

    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    g_assert_cmpint(vmdk_image_check(img, &res, 0, log), ==, 0);
    g_assert_cmpint(res.leaks + res.corruptions, ==, 0);
    /* a reclaimed grain is handed out again */
    g_assert_cmpint(vmdk_image_write(img, 200 * 4096, w, 8192, NULL, NULL),
                    ==, 0);
    g_assert_cmpint(vmdk_image_check(img, &res, 0, log), ==, 0);
    g_assert_cmpint(res.leaks + res.corruptions, ==, 0);
    g_assert_cmpint(vmdk_image_read(img, 200 * 4096, r, 8192, NULL, NULL), ==,
                    0);
    g_assert_cmpmem(r, 8192, w, 8192);
    close_image(img, m);
    g_string_free(log, true);
    g_free(w);
    g_free(r);
    memfs_free(fs);
}

static void test_sesparse_journal_replay(void)
{
    MemFs *fs = memfs_new();
    VmdkFile *m;
    VmdkImage *img;
    uint8_t *w = g_malloc(3 * 1024 * 1024), *r = g_malloc(3 * 1024 * 1024);
    VmdkCheckResult res;
    GString *log = g_string_new(NULL);
    GByteArray *copy;
    SeSparseVolatileHeader v;
    SeSparseConstHeader h;
    GByteArray *a;

    create_image(fs, "t.vmdk", VMDK_SUB_SESPARSE, 64 << 20);
    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    fill(w, 3 * 1024 * 1024, 9);
    g_assert_cmpint(vmdk_image_write(img, 0, w, 4096, NULL, NULL), ==, 0);
    /* crash between the journal write and the in-place update */
    img->extents[0].se->crash_after_journal = true;
    g_assert_cmpint(vmdk_image_write(img, 20 << 20, w, 3 * 1024 * 1024, NULL,
                                     NULL), ==, -EIO);
    /* simulate the crash: nothing of the close reaches the disk */
    a = memfs_get(fs, "t-sesparse.vmdk");
    copy = g_byte_array_sized_new(a->len);
    g_byte_array_append(copy, a->data, a->len);
    close_image(img, m);
    g_hash_table_replace(fs->files, g_strdup("t-sesparse.vmdk"), copy);
    a = copy;

    sesparse_const_header_decode(a->data, &h, NULL);
    sesparse_volatile_header_decode(a->data + 512, &v, NULL);
    g_assert_cmpuint(v.replay_journal, ==, 1);
    /* the new grains are not reachable without the journal */
    g_assert_cmphex(read_gte(fs, (20 << 20) / 4096), ==, 0);

    /* read-only open reads through the journal and changes nothing */
    {
        GByteArray *before = g_byte_array_sized_new(a->len);
        g_byte_array_append(before, a->data, a->len);
        img = open_image(fs, "t.vmdk", false, &m, &error_abort);
        g_assert_cmpint(vmdk_image_read(img, 20 << 20, r, 3 * 1024 * 1024,
                                        NULL, NULL), ==, 0);
        g_assert_cmpmem(r, 3 * 1024 * 1024, w, 3 * 1024 * 1024);
        g_assert_cmpint(vmdk_image_check(img, &res, 0, log), ==, 0);
        g_assert_cmpint(res.corruptions + res.leaks, ==, 0);
        close_image(img, m);
        g_assert_cmpmem(before->data, before->len, a->data, a->len);
        g_byte_array_unref(before);
    }

    /* read-write open replays */
    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    close_image(img, m);
    a = memfs_get(fs, "t-sesparse.vmdk");
    sesparse_volatile_header_decode(a->data + 512, &v, NULL);
    g_assert_cmpuint(v.replay_journal, ==, 0);
    g_assert_cmphex(read_gte(fs, (20 << 20) / 4096) & SESPARSE_GTE_KIND_MASK,
                    ==, SESPARSE_GTE_ALLOC);
    img = open_image(fs, "t.vmdk", false, &m, &error_abort);
    g_assert_cmpint(vmdk_image_read(img, 20 << 20, r, 3 * 1024 * 1024, NULL,
                                    NULL), ==, 0);
    g_assert_cmpmem(r, 3 * 1024 * 1024, w, 3 * 1024 * 1024);
    g_assert_cmpint(vmdk_image_read(img, 0, r, 4096, NULL, NULL), ==, 0);
    g_assert_cmpmem(r, 4096, w, 4096);
    g_assert_cmpint(vmdk_image_check(img, &res, 0, log), ==, 0);
    g_assert_cmpint(res.corruptions + res.leaks, ==, 0);
    close_image(img, m);
    g_string_free(log, true);
    g_free(w);
    g_free(r);
    memfs_free(fs);
}

/* A torn journal record (bad checksum) is not replayed. */
static void test_sesparse_torn_journal(void)
{
    MemFs *fs = memfs_new();
    VmdkFile *m;
    VmdkImage *img;
    uint8_t w[8192], r[8192];
    GByteArray *a, *copy;
    SeSparseConstHeader h;

    create_image(fs, "t.vmdk", VMDK_SUB_SESPARSE, 16 << 20);
    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    fill(w, sizeof(w), 4);
    img->extents[0].se->crash_after_journal = true;
    g_assert_cmpint(vmdk_image_write(img, 0, w, sizeof(w), NULL, NULL), ==,
                    -EIO);
    a = memfs_get(fs, "t-sesparse.vmdk");
    copy = g_byte_array_sized_new(a->len);
    g_byte_array_append(copy, a->data, a->len);
    close_image(img, m);
    g_hash_table_replace(fs->files, g_strdup("t-sesparse.vmdk"), copy);
    sesparse_const_header_decode(copy->data, &h, NULL);
    copy->data[h.region_offset[SES_REGION_JOURNAL] * 512 + 40] ^= 0xff;

    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    g_assert_cmpint(vmdk_image_read(img, 0, r, sizeof(r), NULL, NULL), ==, 0);
    g_assert_true(buffer_is_zero(r, sizeof(r)));
    close_image(img, m);
    memfs_free(fs);
}

static int backing_pattern(void *opaque, uint64_t off, void *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        ((uint8_t *)buf)[i] = (uint8_t)((off + i) / 512 + 1);
    }
    return 0;
}

static void test_sesparse_cow_from_backing(void)
{
    MemFs *fs = memfs_new();
    VmdkFile *m;
    VmdkImage *img;
    uint8_t w[100], r[8192], expect[8192];

    create_image(fs, "t.vmdk", VMDK_SUB_SESPARSE, 16 << 20);
    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    memset(w, 0xee, sizeof(w));
    g_assert_cmpint(vmdk_image_write(img, 4096 + 1000, w, sizeof(w),
                                     backing_pattern, NULL), ==, 0);
    g_assert_cmpint(vmdk_image_read(img, 4096, r, sizeof(r), backing_pattern,
                                    NULL), ==, 0);
    backing_pattern(NULL, 4096, expect, sizeof(expect));
    memset(expect + 1000, 0xee, sizeof(w));
    g_assert_cmpmem(r, sizeof(r), expect, sizeof(expect));
    /* an unmapped grain reads as zeroes, not from the backing file */
    g_assert_cmpint(vmdk_image_discard(img, 3 * 4096, 4096), ==, 0);
    g_assert_cmpint(vmdk_image_read(img, 3 * 4096, r, 4096, backing_pattern,
                                    NULL), ==, 0);
    g_assert_true(buffer_is_zero(r, 4096));
    close_image(img, m);
    memfs_free(fs);
}

static void test_sesparse_header_validation(void)
{
    static const struct {
        size_t off;
        uint64_t value;
        const char *msg;
    } cases[] = {
        { 0, 0xcafebab0, "Bad const header magic" },
        { 8, 0x100000001ULL, "Unsupported version" },
        { 16, 0, "Invalid capacity" },
        { 16, 1ULL << 40, "Invalid capacity" },
        { 24, 16, "Unsupported grain size" },
        { 32, 128, "Unsupported grain table size" },
        { 40, 1, "Unsupported flags" },
        { 56, 1, "reserved" },
        { 80, 0, "volatile header region" },
        { 80, 1ULL << 41, "volatile header region" },
        { 16, 1ULL << 36, "too small" },             /* GD too small */
        { 80 + 3 * 16, 6144, "overlaps" },           /* GD over GT */
        { 80 + 3 * 16, 1ULL << 30, "past the end" }, /* GD past EOF */
        { 300, 5, "padding" },
        { 512, 0xcafecaf0, "Bad volatile header magic" },
        { 512 + 24, 7, "replay-journal" },
        { 512 + 8, 1ULL << 40, "free grain table number" },
        { 512 + 100, 1, "volatile header padding" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        MemFs *fs = memfs_new();

        create_image(fs, "t.vmdk", VMDK_SUB_SESPARSE, 100 << 20);
        patch_le64(memfs_get(fs, "t-sesparse.vmdk"), cases[i].off,
                   cases[i].value);
        expect_open_error(fs, "t.vmdk", cases[i].msg);
        memfs_free(fs);
    }
}

static void test_sesparse_bad_entries(void)
{
    MemFs *fs = memfs_new();
    VmdkFile *m;
    VmdkImage *img;
    uint8_t w[4096], r[4096];
    GByteArray *a;
    SeSparseConstHeader h;
    VmdkCheckResult res;
    GString *log = g_string_new(NULL);
    uint64_t gt0;

    create_image(fs, "t.vmdk", VMDK_SUB_SESPARSE, 16 << 20);
    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    fill(w, sizeof(w), 5);
    g_assert_cmpint(vmdk_image_write(img, 0, w, 4096, NULL, NULL), ==, 0);
    close_image(img, m);
    a = memfs_get(fs, "t-sesparse.vmdk");
    sesparse_const_header_decode(a->data, &h, NULL);
    gt0 = h.region_offset[SES_REGION_GT] * 512;
    /* grain index overflow, kind 0x7, 0x0 with junk, grain past EOF */
    patch_le64(a, gt0 + 8, sesparse_gte_make(SESPARSE_GTE_ALLOC,
                                             (1ULL << 59) + 3));
    patch_le64(a, gt0 + 16, 0x7000000000000000ULL);
    patch_le64(a, gt0 + 24, 0x0000000000000005ULL);
    patch_le64(a, gt0 + 32, sesparse_gte_make(SESPARSE_GTE_ALLOC, 4000));
    /* a second reference to grain 0 */
    patch_le64(a, gt0 + 40, sesparse_gte_make(SESPARSE_GTE_ALLOC, 0));

    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    for (int i = 1; i <= 4; i++) {
        g_assert_cmpint(vmdk_image_read(img, i * 4096, r, 4096, NULL, NULL),
                        ==, -EIO);
    }
    g_assert_cmpint(vmdk_image_check(img, &res, 0, log), ==, 0);
    g_assert_cmpint(res.corruptions, ==, 5);
    /* without a log the same findings are counted */
    g_assert_cmpint(vmdk_image_check(img, &res, 0, NULL), ==, 0);
    g_assert_cmpint(res.corruptions, ==, 5);
    g_assert_cmpint(vmdk_image_check(img, &res, 3, log), ==, 0);
    g_assert_cmpint(res.corruptions_fixed, ==, 5);
    g_assert_cmpint(vmdk_image_check(img, &res, 0, log), ==, 0);
    g_assert_cmpint(res.corruptions + res.leaks, ==, 0);
    g_assert_cmpint(vmdk_image_read(img, 5 * 4096, r, 4096, NULL, NULL), ==,
                    0);
    g_assert_cmpmem(r, 4096, w, 4096);
    close_image(img, m);
    g_string_free(log, true);
    memfs_free(fs);
}

/* Journal wrap-around: many small transactions reach a checkpoint. */
static void test_sesparse_many_transactions(void)
{
    MemFs *fs = memfs_new();
    VmdkFile *m;
    VmdkImage *img;
    uint8_t w[4096], r[4096];
    VmdkCheckResult res;
    GString *log = g_string_new(NULL);

    create_image(fs, "t.vmdk", VMDK_SUB_SESPARSE, 64 << 20);
    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    for (int i = 0; i < 3000; i++) {
        fill(w, sizeof(w), i);
        g_assert_cmpint(vmdk_image_write(img, (uint64_t)i * 4096 * 3, w,
                                         4096, NULL, NULL), ==, 0);
    }
    close_image(img, m);
    img = open_image(fs, "t.vmdk", false, &m, &error_abort);
    for (int i = 0; i < 3000; i += 97) {
        fill(w, sizeof(w), i);
        g_assert_cmpint(vmdk_image_read(img, (uint64_t)i * 4096 * 3, r, 4096,
                                        NULL, NULL), ==, 0);
        g_assert_cmpmem(r, 4096, w, 4096);
    }
    g_assert_cmpint(vmdk_image_check(img, &res, 0, log), ==, 0);
    g_assert_cmpint(res.corruptions + res.leaks, ==, 0);
    g_assert_cmpuint(res.allocated_clusters, ==, 3000);
    close_image(img, m);
    g_string_free(log, true);
    memfs_free(fs);
}

/*
 * VMware's own streamOptimized layout: the header says "GD at the end";
 * grains, a GT and the GD each follow a marker; a footer repeats the
 * header with the real GD offset before the end-of-stream marker.
 */
static void put_sector(GByteArray *a, const uint8_t *data, size_t len)
{
    uint8_t pad[512] = { 0 };

    g_byte_array_append(a, data, len);
    g_byte_array_append(a, pad, (512 - len % 512) % 512);
}

static void test_stream_vmware_footer(void)
{
    MemFs *fs = memfs_new();
    GByteArray *a = g_byte_array_new();
    Vmdk4Header h = { 0 };
    uint8_t hdr[512], marker[512], gt[2048] = { 0 }, gd[512] = { 0 };
    uint8_t *grain = g_malloc(65536), *r = g_malloc(65536);
    uint32_t gt_sector, gd_sector;
    VmdkFile *m;
    VmdkImage *img;

    h.version = 3;
    h.flags = VMDK4_FLAG_NL_DETECT | VMDK4_FLAG_COMPRESS | VMDK4_FLAG_MARKER;
    h.capacity = 2048;                 /* 1 MiB: 16 grains, one GT */
    h.granularity = 128;
    h.num_gtes_per_gt = 512;
    h.gd_offset = VMDK4_GD_AT_END;
    h.grain_offset = 1;
    h.compress_algorithm = 1;
    memcpy(h.check_bytes, "\n \r\n", 4);
    vmdk4_header_encode(&h, hdr);
    put_sector(a, hdr, 512);
    /* grains 1 and 5; grain 5 inflates to 10000 bytes only */
    for (int g = 1; g <= 5; g += 4) {
        uLongf clen = compressBound(65536);
        uint8_t *buf = g_malloc(12 + clen);
        fill(grain, 65536, g);
        g_assert_cmpint(compress(buf + 12, &clen, grain,
                                 g == 5 ? 10000 : 65536), ==, Z_OK);
        stq_le_p(buf, g * 128);
        stl_le_p(buf + 8, clen);
        stl_le_p(gt + g * 4, a->len / 512);
        put_sector(a, buf, 12 + clen);
        g_free(buf);
    }
    memset(marker, 0, sizeof(marker));
    stq_le_p(marker, 4);
    stl_le_p(marker + 12, VMDK_MARKER_GT);
    put_sector(a, marker, 512);
    gt_sector = a->len / 512;
    put_sector(a, gt, sizeof(gt));
    stq_le_p(marker, 1);
    stl_le_p(marker + 12, VMDK_MARKER_GD);
    put_sector(a, marker, 512);
    gd_sector = a->len / 512;
    stl_le_p(gd, gt_sector);
    put_sector(a, gd, sizeof(gd));
    stq_le_p(marker, 1);
    stl_le_p(marker + 12, VMDK_MARKER_FOOTER);
    put_sector(a, marker, 512);
    h.gd_offset = gd_sector;
    vmdk4_header_encode(&h, hdr);
    put_sector(a, hdr, 512);
    memset(marker, 0, sizeof(marker));
    put_sector(a, marker, 512);
    g_hash_table_replace(fs->files, g_strdup("s.vmdk"), a);

    img = open_image(fs, "s.vmdk", false, &m, &error_abort);
    g_assert_cmpstr(vmdk_image_create_type(img), ==, "streamOptimized");
    g_assert_cmpuint(vmdk_image_size(img), ==, 1 << 20);
    for (int g = 0; g < 16; g++) {
        g_assert_cmpint(vmdk_image_read(img, g * 65536, r, 65536, NULL, NULL),
                        ==, 0);
        if (g == 1) {
            fill(grain, 65536, g);
            g_assert_cmpmem(r, 65536, grain, 65536);
        } else if (g == 5) {
            fill(grain, 65536, g);
            g_assert_cmpmem(r, 10000, grain, 10000);
            g_assert_true(buffer_is_zero(r + 10000, 65536 - 10000));
        } else {
            g_assert_true(buffer_is_zero(r, 65536));
        }
    }
    /* parts of the short grain: across its end, and past it */
    memset(r, 0xaa, 65536);
    g_assert_cmpint(vmdk_image_read(img, 5 * 65536 + 8192, r, 4096, NULL,
                                    NULL), ==, 0);
    g_assert_cmpmem(r, 10000 - 8192, grain + 8192, 10000 - 8192);
    g_assert_true(buffer_is_zero(r + 10000 - 8192, 4096 - (10000 - 8192)));
    memset(r, 0xaa, 65536);
    g_assert_cmpint(vmdk_image_read(img, 5 * 65536 + 32768, r, 4096, NULL,
                                    NULL), ==, 0);
    g_assert_true(buffer_is_zero(r, 4096));
    close_image(img, m);

    /* a broken footer is refused */
    a->data[a->len - 1536 + 12] = 9;
    expect_open_error(fs, "s.vmdk", "Invalid footer");
    g_free(grain);
    g_free(r);
    memfs_free(fs);
}

/* A journal header that is not ours: reads work, writes are refused. */
static void test_sesparse_foreign_journal(void)
{
    MemFs *fs = memfs_new();
    VmdkFile *m;
    VmdkImage *img;
    uint8_t w[4096], r[4096];
    GByteArray *a;

    create_image(fs, "t.vmdk", VMDK_SUB_SESPARSE, 16 << 20);
    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    fill(w, sizeof(w), 8);
    g_assert_cmpint(vmdk_image_write(img, 0, w, sizeof(w), NULL, NULL), ==, 0);
    close_image(img, m);
    a = memfs_get(fs, "t-sesparse.vmdk");
    patch_le64(a, 2 * 512, 0x1234567812345678ULL);

    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    g_assert_cmpint(vmdk_image_read(img, 0, r, sizeof(r), NULL, NULL), ==, 0);
    g_assert_cmpmem(r, 4096, w, 4096);
    g_assert_cmpint(vmdk_image_write(img, 8192, w, sizeof(w), NULL, NULL), ==,
                    -ENOTSUP);
    close_image(img, m);

    /* an all-zero journal header is claimed on a read-write open */
    memset(a->data + 2 * 512, 0, 1024);
    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    g_assert_cmpint(vmdk_image_write(img, 8192, w, sizeof(w), NULL, NULL), ==,
                    0);
    close_image(img, m);
    g_assert_cmphex(ldq_le_p(a->data + 2 * 512), ==, SES_JHDR_MAGIC);
    memfs_free(fs);
}

/* Hosted sparse check: a grain used twice, a grain past EOF. */
static void test_sparse_check(void)
{
    MemFs *fs = memfs_new();
    VmdkFile *m;
    VmdkImage *img;
    uint8_t *w = g_malloc(3 * 65536);
    VmdkCheckResult res;
    GString *log = g_string_new(NULL);
    GByteArray *a;
    uint64_t gt;

    create_image(fs, "t.vmdk", VMDK_SUB_MONOLITHIC_SPARSE, 16 << 20);
    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    fill(w, 3 * 65536, 2);
    g_assert_cmpint(vmdk_image_write(img, 0, w, 3 * 65536, NULL, NULL), ==,
                    0);
    g_assert_cmpint(vmdk_image_check(img, &res, 0, log), ==, 0);
    g_assert_cmpint(res.corruptions, ==, 0);
    g_assert_cmpuint(res.allocated_clusters, ==, 3);
    close_image(img, m);

    a = memfs_get(fs, "t.vmdk");
    gt = (uint64_t)ldl_le_p(a->data + ldq_le_p(a->data + 56) * 512) * 512;
    patch_le32(a, gt + 4, ldl_le_p(a->data + gt));     /* grain 1 = grain 0 */
    patch_le32(a, gt + 8, 0x7ffffff0);                 /* past EOF */
    img = open_image(fs, "t.vmdk", false, &m, &error_abort);
    g_assert_cmpint(vmdk_image_check(img, &res, 0, log), ==, 0);
    g_assert_cmpint(res.corruptions, ==, 2);
    g_assert_nonnull(strstr(log->str, "used twice"));
    g_assert_nonnull(strstr(log->str, "points after EOF"));
    g_assert_cmpint(vmdk_image_check(img, &res, 0, NULL), ==, 0);
    g_assert_cmpint(res.corruptions, ==, 2);
    close_image(img, m);
    g_string_free(log, true);
    g_free(w);
    memfs_free(fs);
}

/* A KDMV file of capacity 0 whose embedded descriptor names the extents. */
static void test_embedded_descriptor_extents(void)
{
    MemFs *fs = memfs_new();
    GByteArray *a = g_byte_array_new(), *flat = g_byte_array_new();
    Vmdk4Header h = { 0 };
    uint8_t hdr[512], r[4096];
    const char *desc = "# Disk DescriptorFile\nversion=1\nCID=abcd\n"
                       "parentCID=ffffffff\ncreateType=\"monolithicFlat\"\n"
                       "RW 16 FLAT \"f.img\" 2\n";
    VmdkFile *m;
    VmdkImage *img;

    h.version = 1;
    h.desc_offset = 1;
    h.desc_size = 2;
    vmdk4_header_encode(&h, hdr);
    g_byte_array_append(a, hdr, 512);
    g_byte_array_set_size(a, 3 * 512);
    memset(a->data + 512, 0, 1024);
    memcpy(a->data + 512, desc, strlen(desc));
    g_hash_table_replace(fs->files, g_strdup("e.vmdk"), a);
    g_byte_array_set_size(flat, 18 * 512);
    fill(flat->data, flat->len, 6);
    g_hash_table_replace(fs->files, g_strdup("f.img"), flat);

    img = open_image(fs, "e.vmdk", false, &m, &error_abort);
    g_assert_cmpuint(vmdk_image_size(img), ==, 16 * 512);
    g_assert_cmphex(vmdk_image_cid(img), ==, 0xabcd);
    g_assert_cmpstr(vmdk_image_create_type(img), ==, "monolithicFlat");
    g_assert_cmpint(vmdk_image_read(img, 0, r, sizeof(r), NULL, NULL), ==, 0);
    g_assert_cmpmem(r, sizeof(r), flat->data + 1024, sizeof(r));
    close_image(img, m);

    patch_le64(a, 36, 1000);        /* descriptor size past EOF */
    expect_open_error(fs, "e.vmdk", "past the end");
    memfs_free(fs);
}

/* A descriptor of many extents: each maps its own part of the disk. */
static void test_desc_many_extents(void)
{
    enum { N = 300 };
    MemFs *fs = memfs_new();
    GString *desc = g_string_new("# Disk DescriptorFile\nversion=1\n"
                                 "CID=abcd\nparentCID=ffffffff\n"
                                 "createType=\"monolithicFlat\"\n");
    GByteArray *flat = g_byte_array_new(), *d = g_byte_array_new();
    uint8_t r[512];
    VmdkFile *m;
    VmdkImage *img;

    g_byte_array_set_size(flat, N * 512);
    fill(flat->data, flat->len, 9);
    g_hash_table_replace(fs->files, g_strdup("f.img"), flat);
    /* odd extents: sector i of f.img; even ones: zeroes */
    for (int i = 0; i < N; i++) {
        if (i % 2) {
            g_string_append_printf(desc, "RW 1 FLAT \"f.img\" %d\n", i);
        } else {
            g_string_append(desc, "RW 1 ZERO\n");
        }
    }
    g_byte_array_append(d, (const uint8_t *)desc->str, desc->len);
    g_hash_table_replace(fs->files, g_strdup("d.vmdk"), d);

    img = open_image(fs, "d.vmdk", false, &m, &error_abort);
    g_assert_cmpint(vmdk_image_extent_count(img), ==, N);
    g_assert_cmpuint(vmdk_image_size(img), ==, N * 512);
    for (int i = N - 3; i < N; i++) {
        g_assert_cmpint(vmdk_image_read(img, i * 512, r, sizeof(r), NULL,
                                        NULL), ==, 0);
        if (i % 2) {
            g_assert_cmpmem(r, sizeof(r), flat->data + i * 512, sizeof(r));
        } else {
            g_assert_cmpuint(r[0] | r[511], ==, 0);
        }
    }
    close_image(img, m);
    g_string_free(desc, true);
    memfs_free(fs);
}

/* More grain tables than the cache holds: eviction keeps data intact. */
static void test_sesparse_gt_cache_eviction(void)
{
    MemFs *fs = memfs_new();
    VmdkFile *m;
    VmdkImage *img;
    const int n = SES_GT_CACHE_LIMIT + 40;
    uint8_t w[4096], r[4096];
    VmdkCheckResult res;
    GString *log = g_string_new(NULL);

    create_image(fs, "t.vmdk", VMDK_SUB_SESPARSE, (uint64_t)n << 24);
    img = open_image(fs, "t.vmdk", true, &m, &error_abort);
    for (int i = 0; i < n; i++) {
        fill(w, sizeof(w), i);
        g_assert_cmpint(vmdk_image_write(img, ((uint64_t)i << 24) + 8192, w,
                                         sizeof(w), NULL, NULL), ==, 0);
    }
    for (int i = n - 1; i >= 0; i -= 7) {
        fill(w, sizeof(w), i);
        g_assert_cmpint(vmdk_image_read(img, ((uint64_t)i << 24) + 8192, r,
                                        sizeof(r), NULL, NULL), ==, 0);
        g_assert_cmpmem(r, sizeof(r), w, sizeof(w));
    }
    close_image(img, m);
    img = open_image(fs, "t.vmdk", false, &m, &error_abort);
    g_assert_cmpint(vmdk_image_check(img, &res, 0, log), ==, 0);
    g_assert_cmpint(res.corruptions + res.leaks, ==, 0);
    g_assert_cmpuint(res.allocated_clusters, ==, n);
    close_image(img, m);
    g_string_free(log, true);
    memfs_free(fs);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/vmdk/desc/keys-exact", test_desc_keys_exact);
    g_test_add_func("/vmdk/desc/errors", test_desc_errors);
    g_test_add_func("/vmdk/desc/many-extents", test_desc_many_extents);
    g_test_add_func("/vmdk/desc/replace-cid", test_desc_replace_cid);
    g_test_add_func("/vmdk/sparse/header-validation",
                    test_sparse_header_validation);
    g_test_add_func("/vmdk/sparse/gt-past-eof", test_sparse_gt_past_eof);
    g_test_add_func("/vmdk/sparse/check", test_sparse_check);
    g_test_add_func("/vmdk/sparse/monolithic-rw", test_monolithic_sparse_rw);
    g_test_add_func("/vmdk/sparse/twogb-rw", test_twogb_sparse_rw);
    g_test_add_func("/vmdk/sparse/stream-rw", test_stream_optimized_rw);
    g_test_add_func("/vmdk/sparse/cowd-rw", test_cowd_rw);
    g_test_add_func("/vmdk/sparse/stream-vmware-footer",
                    test_stream_vmware_footer);
    g_test_add_func("/vmdk/flat/rw", test_flat_rw);
    g_test_add_func("/vmdk/flat/embedded-descriptor",
                    test_embedded_descriptor_extents);
    g_test_add_func("/vmdk/flat/too-short", test_flat_too_short);
    g_test_add_func("/vmdk/sesparse/layout-esxi", test_sesparse_layout_esxi);
    g_test_add_func("/vmdk/sesparse/gte-encoding",
                    test_sesparse_gte_encoding);
    g_test_add_func("/vmdk/sesparse/rw", test_sesparse_rw);
    g_test_add_func("/vmdk/sesparse/discard-zero-reclaim",
                    test_sesparse_discard_zero_reclaim);
    g_test_add_func("/vmdk/sesparse/journal-replay",
                    test_sesparse_journal_replay);
    g_test_add_func("/vmdk/sesparse/torn-journal", test_sesparse_torn_journal);
    g_test_add_func("/vmdk/sesparse/cow-from-backing",
                    test_sesparse_cow_from_backing);
    g_test_add_func("/vmdk/sesparse/header-validation",
                    test_sesparse_header_validation);
    g_test_add_func("/vmdk/sesparse/bad-entries", test_sesparse_bad_entries);
    g_test_add_func("/vmdk/sesparse/foreign-journal",
                    test_sesparse_foreign_journal);
    g_test_add_func("/vmdk/sesparse/gt-cache-eviction",
                    test_sesparse_gt_cache_eviction);
    g_test_add_func("/vmdk/sesparse/many-transactions",
                    test_sesparse_many_transactions);
    return g_test_run();
}
