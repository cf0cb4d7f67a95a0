/*
 * Unit tests for the block core: format probing, request range checks,
 * the guessed-raw block 0 restriction, read-only enforcement, locking
 * between two opens, block status through a backing chain, and QEMU's
 * image specifications (json:, file:, --image-opts lists).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "block/block_int.h"

static char *tmp_dir;

static char *tmp_file(const char *name)
{
    return g_build_filename(tmp_dir, name, NULL);
}

static void create(const char *fmt, const char *path, uint64_t size,
                   const char *backing)
{
    BlockDriver *drv = bdrv_find_format(fmt);
    g_assert_nonnull(drv);
    QemuOpts *opts = qemu_opts_create(bdrv_create_opts(drv));
    qemu_opt_set_number(opts, BLOCK_OPT_SIZE, size, &error_abort);
    if (backing) {
        qemu_opt_set(opts, BLOCK_OPT_BACKING_FILE, backing, &error_abort);
        qemu_opt_set(opts, BLOCK_OPT_BACKING_FMT, "qcow2", &error_abort);
    }
    g_assert_cmpint(bdrv_create(drv, path, opts, &error_abort), ==, 0);
    qemu_opts_del(opts);
}

static void test_probe(void)
{
    char *q = tmp_file("p.qcow2"), *r = tmp_file("p.raw");
    create("qcow2", q, 1 << 20, NULL);
    create("raw", r, 1 << 20, NULL);
    bool raw;
    g_assert_true(bdrv_probe_format(q, &raw, &error_abort) ==
                  bdrv_find_format("qcow2"));
    g_assert_false(raw);
    g_assert_true(bdrv_probe_format(r, &raw, &error_abort) ==
                  bdrv_find_format("raw"));
    g_assert_true(raw);
    g_free(q);
    g_free(r);
}

static void test_request_checks(void)
{
    char *q = tmp_file("c.qcow2");
    create("qcow2", q, 1 << 20, NULL);
    BlockDriverState *bs = bdrv_open(q, NULL, NULL, BDRV_O_RDWR, &error_abort);
    uint8_t buf[512] = { 0 };
    g_assert_cmpint(bdrv_pread(bs, (1 << 20) - 256, 512, buf, 0), ==, -EIO);
    g_assert_cmpint(bdrv_pread(bs, -1, 1, buf, 0), ==, -EIO);
    g_assert_cmpint(bdrv_pwrite(bs, INT64_MAX - 10, 100, buf, 0), ==, -EIO);
    g_assert_cmpint(bdrv_pread(bs, 0, 512, buf, 0), ==, 0);
    bdrv_close(bs);
    bs = bdrv_open(q, NULL, NULL, 0, &error_abort);
    g_assert_cmpint(bdrv_pwrite(bs, 0, 512, buf, 0), ==, -EPERM);
    bdrv_close(bs);
    g_free(q);
}

static void test_raw_block0_restriction(void)
{
    char *r = tmp_file("b0.raw");
    create("raw", r, 1 << 20, NULL);
    uint8_t hdr[512] = { 'Q', 'F', 'I', 0xfb, 0, 0, 0, 3 };
    /* Guessed raw: turning block 0 into a qcow2 header is refused. */
    BlockDriverState *bs = bdrv_open(r, NULL, NULL, BDRV_O_RDWR, &error_abort);
    g_assert_true(bdrv_probed_raw(bs));
    g_assert_cmpint(bdrv_pwrite(bs, 0, 512, hdr, 0), ==, -EPERM);
    g_assert_cmpint(bdrv_pwrite(bs, 512, 512, hdr, 0), ==, 0);
    uint8_t plain[512];
    memset(plain, 7, sizeof(plain));
    g_assert_cmpint(bdrv_pwrite(bs, 0, 512, plain, 0), ==, 0);
    bdrv_close(bs);
    /* Explicit raw: allowed. */
    bs = bdrv_open(r, "raw", NULL, BDRV_O_RDWR, &error_abort);
    g_assert_false(bdrv_probed_raw(bs));
    g_assert_cmpint(bdrv_pwrite(bs, 0, 512, hdr, 0), ==, 0);
    bdrv_close(bs);
    g_free(r);
}

static void test_locking(void)
{
    char *q = tmp_file("l.qcow2");
    create("qcow2", q, 1 << 20, NULL);
    BlockDriverState *w = bdrv_open(q, NULL, NULL, BDRV_O_RDWR, &error_abort);
    Error *err = NULL;
    BlockDriverState *w2 = bdrv_open(q, NULL, NULL, BDRV_O_RDWR, &err);
    g_assert_null(w2);
    g_assert_nonnull(strstr(error_get_pretty(err), "Failed to get \"write\" lock"));
    error_free(err);
    err = NULL;
    BlockDriverState *r = bdrv_open(q, NULL, NULL, 0, &err);
    g_assert_null(r);
    g_assert_nonnull(strstr(error_get_pretty(err), "shared \"write\" lock"));
    error_free(err);
    r = bdrv_open(q, NULL, NULL, BDRV_O_FORCE_SHARE, &error_abort);
    g_assert_nonnull(r);
    bdrv_close(r);
    bdrv_close(w);
    w2 = bdrv_open(q, NULL, NULL, BDRV_O_RDWR, &error_abort);
    bdrv_close(w2);
    g_free(q);
}

static void test_status_through_chain(void)
{
    char *base = tmp_file("base.qcow2"), *top = tmp_file("top.qcow2");
    create("qcow2", base, 4 << 20, NULL);
    create("qcow2", top, 8 << 20, "base.qcow2");
    BlockDriverState *bs = bdrv_open(base, NULL, NULL, BDRV_O_RDWR,
                                     &error_abort);
    uint8_t buf[65536];
    memset(buf, 1, sizeof(buf));
    g_assert_cmpint(bdrv_pwrite(bs, 0, 65536, buf, 0), ==, 0);
    bdrv_close(bs);
    bs = bdrv_open(top, NULL, NULL, BDRV_O_RDWR, &error_abort);
    memset(buf, 2, sizeof(buf));
    g_assert_cmpint(bdrv_pwrite(bs, 65536, 65536, buf, 0), ==, 0);
    int64_t pnum;
    int depth;
    int st = bdrv_block_status_above(bs, NULL, 0, 8 << 20, &pnum, NULL, NULL,
                                     &depth);
    g_assert_true(st & BDRV_BLOCK_DATA);
    g_assert_cmpint(depth, ==, 1);
    g_assert_cmpint(pnum, ==, 65536);
    st = bdrv_block_status_above(bs, NULL, 65536, 8 << 20, &pnum, NULL, NULL,
                                 &depth);
    g_assert_true(st & BDRV_BLOCK_DATA);
    g_assert_cmpint(depth, ==, 0);
    /* Past the end of the shorter backing file: zero, in the top layer. */
    st = bdrv_block_status_above(bs, NULL, 5 << 20, 1 << 20, &pnum, NULL,
                                 NULL, &depth);
    g_assert_true(st & BDRV_BLOCK_ZERO);
    g_assert_false(st & BDRV_BLOCK_ALLOCATED);
    g_assert_cmpint(depth, ==, 0);
    uint8_t rd[16];
    g_assert_cmpint(bdrv_pread(bs, 100, 16, rd, 0), ==, 0);
    g_assert_cmpuint(rd[0], ==, 1);
    g_assert_cmpint(bdrv_pread(bs, (5 << 20) + 100, 16, rd, 0), ==, 0);
    g_assert_cmpuint(rd[0], ==, 0);
    bdrv_close(bs);
    g_free(base);
    g_free(top);
}

/* Open @spec (a file name, or an --image-opts list); NULL and the error
 * text in *msg on failure. */
static BlockDriverState *open_spec(const char *spec, bool opts, int flags,
                                   char **msg)
{
    Error *err = NULL;
    BlockDriverState *bs = opts ? bdrv_open_image_opts(spec, flags, &err)
                                : bdrv_open(spec, NULL, NULL, flags, &err);
    *msg = bs ? NULL : g_strdup(error_get_pretty(err));
    error_free(err);
    return bs;
}

static void expect_error(const char *spec, bool opts, int flags,
                         const char *text)
{
    char *msg;
    BlockDriverState *bs = open_spec(spec, opts, flags, &msg);
    g_assert_null(bs);
    if (!strstr(msg, text)) {
        g_error("'%s': expected '%s', got '%s'", spec, text, msg);
    }
    g_free(msg);
}

static void test_image_specs(void)
{
    char *q = tmp_file("spec.qcow2");
    create("qcow2", q, 1 << 20, NULL);
    char *msg;
    /* Nested objects, dotted keys and \u escapes name the same file. */
    char *esc = g_strdup(q);
    esc[strlen(esc) - 5] = 0;   /* drop "qcow2": spelled with escapes */
    char *names[] = {
        g_strdup_printf("json:{\"driver\":\"qcow2\",\"file\":{\"driver\":"
                        "\"file\",\"filename\":\"%s\"}}", q),
        g_strdup_printf("json: { \"file.filename\" : \"%s\\u0071cow2\" }",
                        esc),
        g_strdup_printf("file:%s", q),
    };
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        BlockDriverState *bs = open_spec(names[i], false, 0, &msg);
        if (!bs) {
            g_error("'%s': %s", names[i], msg);
        }
        g_assert_cmpstr(bdrv_get_format_name(bs), ==, "qcow2");
        g_assert_cmpstr(bdrv_filename(bs), ==, q);
        bdrv_close(bs);
        g_free(names[i]);
    }
    g_free(esc);

    /* file.locking=off: a second writer gets in; without it, it cannot. */
    char *opts = g_strdup_printf("driver=qcow2,file.filename=%s", q);
    char *nolock = g_strdup_printf("%s,file.locking=off", opts);
    BlockDriverState *w = open_spec(opts, true, BDRV_O_RDWR, &msg);
    g_assert_nonnull(w);
    expect_error(opts, true, BDRV_O_RDWR, "Failed to get \"write\" lock");
    BlockDriverState *w2 = open_spec(nolock, true, BDRV_O_RDWR, &msg);
    g_assert_nonnull(w2);
    bdrv_close(w2);
    bdrv_close(w);

    /* Options the node cannot honour are errors that name them. */
    char *bad = g_strdup_printf("%s,l2-cache-size=1M", opts);
    expect_error(bad, true, 0, "does not support the option 'l2-cache-size'");
    g_free(bad);
    bad = g_strdup_printf("%s,file.aio=native", opts);
    expect_error(bad, true, 0, "aio=native was specified, but it requires "
                 "cache.direct=on");
    g_free(bad);
    bad = g_strdup_printf("%s,file.aio=fast", opts);
    expect_error(bad, true, 0, "invalid parameter value: fast");
    g_free(bad);
    bad = g_strdup_printf("%s,read-only=on", opts);
    expect_error(bad, true, BDRV_O_RDWR, "Block node is read-only");
    w = open_spec(bad, true, 0, &msg);
    g_assert_nonnull(w);
    bdrv_close(w);
    g_free(bad);
    expect_error("json:{\"driver\":\"qcow2\"", false, 0, "premature EOI");
    expect_error("json:{\"a\":1} x", false, 0, "trailing characters");
    expect_error("json:{\"a\":[1]}", false, 0, "arrays are not supported");
    expect_error("json:\"x\"", false, 0, "Invalid JSON object given");
    expect_error("nbd:localhost", false, 0, "Unknown protocol 'nbd'");
    expect_error("driver=qcow2", true, 0, "must be specified for \"file\"");
    expect_error(q, true, 0, "Cannot find device=");
    g_free(nolock);
    g_free(opts);
    g_free(q);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmp_dir = g_dir_make_tmp("test-block-XXXXXX", NULL);
    g_test_add_func("/block/probe", test_probe);
    g_test_add_func("/block/request-checks", test_request_checks);
    g_test_add_func("/block/raw-block0-restriction",
                    test_raw_block0_restriction);
    g_test_add_func("/block/locking", test_locking);
    g_test_add_func("/block/status-through-chain", test_status_through_chain);
    g_test_add_func("/block/image-specs", test_image_specs);
    int ret = g_test_run();
    GDir *d = g_dir_open(tmp_dir, 0, NULL);
    const char *n;
    while (d && (n = g_dir_read_name(d))) {
        char *p = g_build_filename(tmp_dir, n, NULL);
        unlink(p);
        g_free(p);
    }
    if (d) {
        g_dir_close(d);
    }
    rmdir(tmp_dir);
    g_free(tmp_dir);
    return ret;
}
