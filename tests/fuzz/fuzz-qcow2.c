/*
 * libFuzzer targets for the qcow2 driver: the input is an image file,
 * opened through the real block layer (file protocol over a memfd).
 * Any crash, sanitizer report or leak is a bug; errors are expected.
 *
 * fuzz-qcow2 (fast, thousands of inputs/s): open read-only (header,
 * extensions, L1, refcount, snapshot and bitmap tables), read a sample of
 * spots, walk a bounded number of block-status extents, the info dump,
 * and for a small input the full check; then open read-write and do one
 * small write, a discard and a flush.
 * fuzz-qcow2-deep (-DFUZZ_DEEP, tens of inputs/s): read every virtual
 * byte up to 1 MiB, walk block status, check; then on a read-write open
 * write, discard, zero, compress, check with repair and truncate.
 *
 * Both keep every run inside the process: no backing file is opened, an
 * image with an external data file gets a second memfd (a copy of the
 * input) as that file instead of the name its header records, and an
 * encrypted image is also opened metadata-only (BDRV_O_NO_IO, as
 * `qemu-img info' does), which parses the LUKS header without a
 * passphrase; legacy AES images get a key (cheap: no key derivation).
 * LUKS images are never unlocked: the PBKDF2 iteration counts come from
 * the input, and a large one would only measure PBKDF2.  Files may not
 * grow past FILE_LIMIT (RLIMIT_FSIZE; writes past it fail with EFBIG):
 * a repair that would place a refcount block gigabytes past the input's
 * end fails instead of walking millions of clusters.
 *
 * Built with --enable-fuzzing, -DFUZZ_LIBFUZZER selects libFuzzer's entry
 * point; otherwise this is a replayer: fuzz-qcow2 FILE... (plain or
 * gzip-compressed inputs) runs both the fast and the deep exercise on
 * each file (suite fuzz of `make check`).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>
#include <glib.h>

#include "block/block.h"
#include "block/info.h"
#include "block/qcow2.h"
#include "qemu/secret.h"

#define MAX_READ (1024 * 1024)
#define FILE_LIMIT (256 * 1024 * 1024)

/*
 * The image and the data file live in two memfds made once and refilled
 * for each input (making and closing them per input costs more than most
 * inputs' parsing).  The block layer opens them by their /proc path.
 */
typedef struct MemFile {
    int fd;
    char path[64];
} MemFile;

static bool memfile_fill(MemFile *m, const char *name, const uint8_t *data,
                         size_t size)
{
    size_t off = 0;

    if (!m->path[0]) {
        m->fd = memfd_create(name, 0);
        if (m->fd < 0) {
            return false;
        }
        snprintf(m->path, sizeof(m->path), "/proc/self/fd/%d", m->fd);
    }
    if (ftruncate(m->fd, 0) < 0) {
        return false;
    }
    while (off < size) {
        ssize_t n = pwrite(m->fd, data + off, size - off, off);
        if (n <= 0) {
            return false;
        }
        off += n;
    }
    return true;
}

static MemFile image_file, data_file;

/* How to open an input, from its header: runtime options naming the
   data-file memfd (filled with a copy of the input) and the AES key. */
typedef struct OpenHow {
    char options[128];
    bool data_file;
    uint32_t crypt_method;
} OpenHow;

#define AES_SECRET "fuzz-aes-key"

static bool open_how(const uint8_t *data, size_t size, OpenHow *how)
{
    memset(how, 0, sizeof(*how));
    if (size >= QH_INCOMPAT + 8) {
        how->crypt_method = ldl_be_p(data + QH_CRYPT_METHOD);
        how->data_file = ldl_be_p(data + QH_VERSION) >= 3 &&
                         (ldq_be_p(data + QH_INCOMPAT) &
                          QCOW2_INCOMPAT_DATA_FILE);
    }
    if (how->data_file) {
        if (!memfile_fill(&data_file, "fuzz-qcow2-data", data, size)) {
            return false;
        }
        snprintf(how->options, sizeof(how->options),
                 "data-file.filename=%s", data_file.path);
    }
    if (how->crypt_method == QCOW_CRYPT_AES) {
        size_t l = strlen(how->options);
        snprintf(how->options + l, sizeof(how->options) - l,
                 "%sencrypt.key-secret=" AES_SECRET, l ? "," : "");
    }
    return true;
}

static BlockDriverState *open_image(const OpenHow *how, int flags)
{
    Error *err = NULL;
    BlockDriverState *bs = bdrv_open(image_file.path, "qcow2",
                                     how->options[0] ? how->options : NULL,
                                     flags | BDRV_O_NO_BACKING, &err);

    error_free(err);
    return bs;
}

/* An encrypted image: what `qemu-img info' reaches without a key. */
static void exercise_metadata(const OpenHow *how)
{
    Error *err = NULL;
    BlockDriverState *bs = open_image(how, BDRV_O_NO_IO);

    if (bs) {
        info_free(bdrv_get_specific_info(bs, &err));
        error_free(err);
        bdrv_close(bs);
    }
}

/* Inputs up to this size also get the full check in the fast target. */
#define FAST_CHECK_MAX (64 * 1024)

static void exercise_fast(const OpenHow *how, size_t size, bool writable)
{
    Error *err = NULL;
    BlockDriverState *bs = open_image(how, writable ? BDRV_O_RDWR : 0);
    uint8_t buf[4096];
    int64_t len, pnum;

    if (!bs) {
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

static void exercise_deep(const OpenHow *how, bool writable)
{
    Error *err = NULL;
    BlockDriverState *bs = open_image(how, writable ? BDRV_O_RDWR : 0);
    if (!bs) {
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

/* Returns false if no memfd could be made or filled. */
static bool fuzz_one(const uint8_t *data, size_t size, bool deep)
{
    static bool secret_added;
    OpenHow how;

    if (!secret_added) {
        Error *err = NULL;
        struct rlimit fsize = { FILE_LIMIT, FILE_LIMIT };

        signal(SIGXFSZ, SIG_IGN);
        if (setrlimit(RLIMIT_FSIZE, &fsize) < 0) {
            return false;
        }

        if (qemu_secret_object_add("secret,id=" AES_SECRET
                                   ",data=0123456789abcdef", &err) < 0) {
            error_free(err);
            return false;
        }
        secret_added = true;
    }
    if (!memfile_fill(&image_file, "fuzz-qcow2", data, size)) {
        return false;
    }
    if (!open_how(data, size, &how)) {
        return false;
    }
    if (how.crypt_method) {
        exercise_metadata(&how);
    }
    if (deep) {
        exercise_deep(&how, false);
        exercise_deep(&how, true);
    } else {
        exercise_fast(&how, size, false);
        exercise_fast(&how, size, true);
    }
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
            fprintf(stderr, "fuzz-qcow2: cannot make a memfd\n");
            return 1;
        }
        printf("%s: ok (%u bytes)\n", argv[i], a->len);
        g_byte_array_free(a, TRUE);
    }
    return 0;
}
#endif
