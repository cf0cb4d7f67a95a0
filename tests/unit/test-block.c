/*
 * Unit tests for the block core: format probing, request range checks,
 * the guessed-raw block 0 restriction, read-only enforcement, locking
 * between two opens, and block status through a backing chain.
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
