/*
 * libFuzzer target for the qcow2 open + read path: the input is an image
 * file.  It is opened read-only through the real block layer (file
 * protocol over a memfd), every virtual byte up to a bound is read, block
 * status is walked and check runs; then a copy is opened read-write,
 * written, discarded, zeroed and checked again.  Any crash, sanitizer
 * report or leak is a bug; errors are expected.
 *
 * Build with libFuzzer (from the top of the tree, after a normal build
 * in BUILD so that config-host.h exists):
 *   clang -fsanitize=fuzzer,address,undefined -DFUZZ_LIBFUZZER -D_GNU_SOURCE
 *     -D_FILE_OFFSET_BITS=64 -I. -Iinclude -IBUILD
 *     $(pkg-config --cflags glib-2.0) tests/fuzz/fuzz-qcow2.c block/block.c
 *     block/io.c block/info.c block/file-posix.c block/raw-format.c
 *     block/qcow2*.c tests/fuzz/fuzz-qcow2-drivers.c util/[a-z]*.c
 *     $(pkg-config --libs glib-2.0) -lz -o fuzz-qcow2
 * Without -DFUZZ_LIBFUZZER it builds a replayer: fuzz-qcow2 FILE...
 * (plain or gzip-compressed inputs), run on the seed corpus by meson.
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

static void exercise(const char *path, bool writable)
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = memfd_with(data, size, path, sizeof(path));
    if (fd < 0) {
        return 0;
    }
    exercise(path, false);
    exercise(path, true);
    close(fd);
    return 0;
}

#ifndef FUZZ_LIBFUZZER
/* Replay inputs (plain or gzip-compressed) through the target. */
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
        LLVMFuzzerTestOneInput(a->data, a->len);
        printf("%s: ok (%u bytes)\n", argv[i], a->len);
        g_byte_array_free(a, TRUE);
    }
    return 0;
}
#endif
