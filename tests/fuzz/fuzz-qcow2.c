/*
 * libFuzzer targets for the qcow2 driver: the input is an image file,
 * opened through the real block layer (file protocol over a memfd).
 * Any crash, sanitizer report or leak is a bug; errors are expected.
 *
 * fuzz-qcow2 (fast, thousands of inputs/s): open read-only (header,
 * extensions, L1, refcount and snapshot tables), read a sample of spots,
 * walk a bounded number of block-status extents, the info dump, and for
 * a small input the full check; then open read-write and do one small
 * write, a discard and a flush.
 * fuzz-qcow2-deep (-DFUZZ_DEEP, tens of inputs/s): read every virtual
 * byte up to 1 MiB, walk block status, check; then on a read-write open
 * write, discard, zero, compress, check with repair and truncate.
 *
 * Built with --enable-fuzzing, -DFUZZ_LIBFUZZER selects libFuzzer's
 * entry point; otherwise this is a replayer: fuzz-qcow2 FILE... (plain
 * or gzip-compressed inputs) runs both the fast and the deep exercise on
 * each file (suite fuzz of `make check`).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>
#include <glib.h>

#include "block/block.h"
#include "block/info.h"

#define MAX_READ (1024 * 1024)

static int memfd_with(const uint8_t *data, size_t size, char *path,
                      size_t path_len)
{
    int fd = memfd_create("fuzz-qcow2", 0);
    if (fd < 0) {
        return -1;
    }
    size_t off = 0;
    while (off < size) {
        ssize_t n = write(fd, data + off, size - off);
        if (n <= 0) {
            close(fd);
            return -1;
        }
        off += n;
    }
    snprintf(path, path_len, "/proc/self/fd/%d", fd);
    return fd;
}

/* Inputs up to this size also get the full check in the fast target. */
#define FAST_CHECK_MAX (64 * 1024)

static void exercise_fast(const char *path, size_t size, bool writable)
{
    Error *err = NULL;
    int flags = BDRV_O_NO_BACKING | (writable ? BDRV_O_RDWR : 0);
    BlockDriverState *bs = bdrv_open(path, "qcow2", NULL, flags, &err);
    uint8_t buf[4096];
    int64_t len, pnum;

    if (!bs) {
        error_free(err);
        return;
    }
    len = bdrv_getlength(bs);
    if (!writable && len > 0) {
        /* the start, seven spots spread over the disk, the last byte */
        for (int i = 0; i < 8; i++) {
            int64_t off = i * (len / 8);
            bdrv_pread(bs, off, MIN((int64_t)sizeof(buf), len - off), buf, 0);
        }
        bdrv_pread(bs, len - 1, 1, buf, 0);
        for (int64_t off = 0, steps = 0; off < len && steps < 16; steps++) {
            int ret = bdrv_block_status_above(bs, NULL, off, len - off, &pnum,
                                              NULL, NULL, NULL);
            if (ret < 0 || pnum <= 0) {
                break;
            }
            off += pnum;
        }
        info_free(bdrv_get_specific_info(bs, &err));
        error_free(err);
        err = NULL;
        if (size <= FAST_CHECK_MAX) {
            BdrvCheckResult res = { 0 };
            bdrv_check(bs, &res, 0);
        }
    }
    if (writable && len > 0) {
        memset(buf, 0x5a, sizeof(buf));
        bdrv_pwrite(bs, len / 2, MIN(len - len / 2, 512), buf, 0);
        bdrv_pdiscard(bs, 0, MIN(len, 65536));
        bdrv_flush(bs);
    }
    bdrv_close(bs);
}

static void exercise_deep(const char *path, bool writable)
{
    Error *err = NULL;
    int flags = BDRV_O_NO_BACKING | (writable ? BDRV_O_RDWR : 0);
    BlockDriverState *bs = bdrv_open(path, "qcow2", NULL, flags, &err);
    if (!bs) {
        error_free(err);
        return;
    }
    int64_t len = bdrv_getlength(bs);
    uint8_t *buf = g_malloc(65536);
    for (int64_t off = 0; len > 0 && off < MIN(len, MAX_READ); off += 65536) {
        bdrv_pread(bs, off, MIN(65536, len - off), buf, 0);
    }
    int64_t pnum;
    int steps = 0;
    for (int64_t off = 0; len > 0 && off < len && steps < 4096; steps++) {
        int ret = bdrv_block_status_above(bs, NULL, off, len - off, &pnum,
                                          NULL, NULL, NULL);
        if (ret < 0 || pnum <= 0) {
            break;
        }
        off += pnum;
    }
    BdrvCheckResult res = { 0 };
    bdrv_check(bs, &res, 0);
    InfoNode *info = bdrv_get_specific_info(bs, &err);
    if (err) {
        error_free(err);
        err = NULL;
    }
    info_free(info);
    if (writable && len > 0) {
        memset(buf, 0x5a, 65536);
        bdrv_pwrite(bs, 0, MIN(len, 65536), buf, 0);
        bdrv_pwrite(bs, len / 2, MIN(len - len / 2, 4096), buf, 0);
        bdrv_pwrite_zeroes(bs, 0, MIN(len, 131072), 0);
        bdrv_pdiscard(bs, 0, MIN(len, 1 << 20));
        bdrv_pwrite_compressed(bs, 0, MIN(len, 65536), buf);
        bdrv_flush(bs);
        res = (BdrvCheckResult) { 0 };
        bdrv_check(bs, &res, BDRV_FIX_LEAKS | BDRV_FIX_ERRORS);
        Error *terr = NULL;
        bdrv_truncate(bs, len + 65536, true, PREALLOC_MODE_OFF, &terr);
        error_free(terr);
    }
    g_free(buf);
    bdrv_close(bs);
}

/* Returns false if no memfd could be made. */
static bool fuzz_one(const uint8_t *data, size_t size, bool deep)
{
    char path[64];
    int fd = memfd_with(data, size, path, sizeof(path));

    if (fd < 0) {
        return false;
    }
    if (deep) {
        exercise_deep(path, false);
        exercise_deep(path, true);
    } else {
        exercise_fast(path, size, false);
        exercise_fast(path, size, true);
    }
    close(fd);
    return true;
}

#ifdef FUZZ_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef FUZZ_DEEP
    fuzz_one(data, size, true);
#else
    fuzz_one(data, size, false);
#endif
    return 0;
}
#else
/* Replay inputs (plain or gzip-compressed) through both exercises. */
int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        gzFile f = gzopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "fuzz-qcow2: cannot open %s\n", argv[i]);
            return 1;
        }
        GByteArray *a = g_byte_array_new();
        uint8_t chunk[65536];
        int n;
        while ((n = gzread(f, chunk, sizeof(chunk))) > 0) {
            g_byte_array_append(a, chunk, n);
        }
        gzclose(f);
        if (!fuzz_one(a->data, a->len, false) ||
            !fuzz_one(a->data, a->len, true)) {
            fprintf(stderr, "fuzz-qcow2: memfd_create failed\n");
            return 1;
        }
        printf("%s: ok (%u bytes)\n", argv[i], a->len);
        g_byte_array_free(a, TRUE);
    }
    return 0;
}
#endif
