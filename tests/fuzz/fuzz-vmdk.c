/*
 * libFuzzer target for the VMDK open + read path (descriptor, KDMV, COWD,
 * streamOptimized, seSparse incl. journal replay), then check and a few
 * writes on a copy.
 *
 * Input: the main file; if it contains the 5 bytes "\0EXT\0", what
 * follows is the content of every extent file the descriptor names.
 *
 * fuzz-vmdk (fast) reads 4 KiB at eight spots and does one write on the
 * read-write open; the check (the costliest step: it walks every table)
 * runs without a log (findings counted, not formatted) for a quarter of
 * the inputs, picked by the last byte so that the fuzzer can steer
 * towards it: 0 mod 4 checks on the read-only open, 1 mod 4 checks and
 * repairs on the read-write one (inputs up to 64 KiB);
 * fuzz-vmdk-deep (-DFUZZ_DEEP) reads 64 KiB at sixteen spots, checks
 * (repairing on the read-write open) and writes, discards and zeroes.
 *
 * Built with --enable-fuzzing, -DFUZZ_LIBFUZZER selects libFuzzer's entry
 * point; otherwise it is a replayer: fuzz-vmdk FILE... (plain or gzipped)
 * runs the fast and the deep exercise on each input.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include "block/vmdk.h"

typedef struct Buf {
    uint8_t *data;
    size_t len;
    bool writable;
    size_t cap;                 /* allocated bytes (writable Bufs) */
} Buf;

#define BUF_MAX (64u << 20)     /* keeps the fuzzer's memory bounded */

/*
 * Make @b @len bytes long; bytes it gains read as zeros.  The allocation
 * at least doubles when it grows: a check that appends a sector at a time
 * must not copy the whole file for each one (an input doing that took
 * 9 s under ASan).
 */
static void buf_resize(Buf *b, size_t len)
{
    if (len > b->cap) {
        size_t cap = MAX(len, MIN(2 * b->cap, (size_t)BUF_MAX));

        b->data = g_realloc(b->data, cap);
        b->cap = cap;
    }
    if (len > b->len) {
        memset(b->data + b->len, 0, len - b->len);
    }
    b->len = len;
}

static int f_pread(VmdkFile *f, uint64_t off, void *buf, size_t len)
{
    Buf *b = f->opaque;

    if (off > b->len || len > b->len - off) {
        return -EIO;
    }
    memcpy(buf, b->data + off, len);
    return 0;
}

static int f_pwrite(VmdkFile *f, uint64_t off, const void *buf, size_t len)
{
    Buf *b = f->opaque;

    if (!b->writable) {
        return -EACCES;
    }
    if (off + len > BUF_MAX) {
        return -ENOSPC;
    }
    if (off + len > b->len) {
        buf_resize(b, off + len);
    }
    memcpy(b->data + off, buf, len);
    return 0;
}

static int64_t f_getlength(VmdkFile *f)
{
    return ((Buf *)f->opaque)->len;
}

static int f_truncate(VmdkFile *f, uint64_t len)
{
    Buf *b = f->opaque;

    if (!b->writable) {
        return -EACCES;
    }
    if (len > BUF_MAX) {
        return -ENOSPC;
    }
    buf_resize(b, len);
    return 0;
}

static void f_close(VmdkFile *f)
{
    g_free(f->filename);
    g_free(f);
}

static const VmdkFileOps ops = {
    .pread = f_pread,
    .pwrite = f_pwrite,
    .getlength = f_getlength,
    .truncate = f_truncate,
    .close = f_close,
};

static VmdkFile *new_file(Buf *b, const char *name)
{
    VmdkFile *f = g_new0(VmdkFile, 1);

    f->ops = &ops;
    f->opaque = b;
    f->filename = g_strdup(name);
    f->size = b->len;
    return f;
}

static VmdkFile *open_extent(void *opaque, const char *name, bool create,
                             Error **errp)
{
    if (create) {
        error_setg(errp, "no create");
        return NULL;
    }
    return new_file(opaque, name);
}

#define FAST_CHECK_MAX (64 * 1024)

/* Whether the fast target checks on this pass (see the top comment). */
static bool fast_check(const uint8_t *data, size_t size, bool writable)
{
    return size && size <= FAST_CHECK_MAX &&
           data[size - 1] % 4 == (writable ? 1 : 0);
}

static void exercise(Buf *main, Buf *ext, bool writable, bool deep,
                     bool check)
{
    Error *err = NULL;
    VmdkFile *m = new_file(main, "fuzz.vmdk");
    VmdkImage *img = vmdk_image_open(m, open_extent, ext, writable, &err);
    uint64_t chunk = deep ? 65536 : 4096;
    int spots = deep ? 16 : 8;
    uint8_t *buf;
    uint64_t size;

    if (!img) {
        error_free(err);
        f_close(m);
        return;
    }
    size = vmdk_image_size(img);
    buf = g_malloc(chunk);
    /* the start, a few spots and the end: every path, bounded time */
    for (int i = 0; i < spots; i++) {
        int half = spots / 2;
        uint64_t off = i < half ? (uint64_t)i * chunk
                                : (size / half) * (i - half);
        uint64_t n = chunk;
        VmdkMapping map;
        if (off >= size) {
            continue;
        }
        n = MIN(n, size - off);
        vmdk_image_map(img, off, n, &map);
        vmdk_image_read(img, off, buf, n, NULL, NULL);
        if (writable && i % 5 == 1 && (deep || i == 1)) {
            memset(buf, i, n);
            vmdk_image_write(img, off + 100 < size ? off + 100 : off, buf,
                             MIN(n, 4096), NULL, NULL);
            if (deep) {
                vmdk_image_discard(img, off, n);
                vmdk_image_write_zeroes(img, off, n, false);
            }
        }
    }
    if (size >= 1) {
        vmdk_image_read(img, size - 1, buf, 1, NULL, NULL);
    }
    if (deep || check) {
        VmdkCheckResult res;
        /* the fast target counts findings without formatting them: a
           table of garbage is thousands of lines */
        GString *log = deep ? g_string_new(NULL) : NULL;
        vmdk_image_check(img, &res, writable ? 3 : 0, log);
        if (log) {
            g_string_free(log, true);
        }
    }
    vmdk_image_flush(img);
    vmdk_image_close(img);
    f_close(m);
    g_free(buf);
}

static void fuzz_one(const uint8_t *data, size_t size, bool deep)
{
    static const uint8_t sep[5] = { 0, 'E', 'X', 'T', 0 };
    const uint8_t *cut = size >= 5 ? memmem(data, size, sep, 5) : NULL;
    size_t mlen = cut ? (size_t)(cut - data) : size;
    const uint8_t *edata = cut ? cut + 5 : data;
    size_t elen = cut ? size - mlen - 5 : mlen;
    /* The read-only pass reads the input where it is (f_pwrite and
       f_truncate refuse to touch a Buf that is not writable) */
    Buf main = { (uint8_t *)data, mlen, false };
    Buf ext = { (uint8_t *)edata, elen, false };

    exercise(&main, &ext, false, deep, fast_check(data, size, false));
    /* the read-write pass gets copies it may grow */
    main.data = g_malloc0(mlen ? mlen : 1);
    memcpy(main.data, data, mlen);
    main.cap = mlen ? mlen : 1;
    ext.data = g_malloc0(elen ? elen : 1);
    memcpy(ext.data, edata, elen);
    ext.cap = elen ? elen : 1;
    main.writable = ext.writable = true;
    exercise(&main, &ext, true, deep, fast_check(data, size, true));
    g_free(main.data);
    g_free(ext.data);
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
#include <zlib.h>

/* Replay inputs (plain or gzip-compressed) through both exercises. */
int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        gzFile gz = gzopen(argv[i], "rb");
        GByteArray *a = g_byte_array_new();
        uint8_t chunk[65536];
        int n;

        if (!gz) {
            fprintf(stderr, "fuzz-vmdk: cannot read %s\n", argv[i]);
            return 1;
        }
        while ((n = gzread(gz, chunk, sizeof(chunk))) > 0) {
            g_byte_array_append(a, chunk, n);
        }
        gzclose(gz);
        fuzz_one(a->data, a->len, false);
        fuzz_one(a->data, a->len, true);
        g_byte_array_unref(a);
    }
    printf("fuzz-vmdk: %d inputs replayed\n", argc - 1);
    return 0;
}
#endif
