/*
 * Unit tests for the file protocol's kernel AIO engines (block/file-aio.c):
 * data round trips from several threads at once under O_DIRECT, zeros
 * past the end of the file, and the open-time rules of -i native|io_uring
 * as QEMU 7.2 has them.  A mode this build has no library for is skipped
 * with a message, and its refusal is checked instead.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "block/block_int.h"
#include "block/coroutine.h"
#include "block/qcow2.h"
#include "block/file-aio.h"

#define FILE_SIZE (4 << 20)
#define THREADS 8
#define BLOCK 4096

static char *tmp_dir;

static char *make_file(const char *name)
{
    char *path = g_build_filename(tmp_dir, name, NULL);
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(ftruncate(fd, FILE_SIZE), ==, 0);
    close(fd);
    return path;
}

/* Byte k of block b: depends on both, so a misplaced block shows. */
static uint8_t pattern(int64_t b, int k)
{
    return (uint8_t)(b * 7 + k / 512 + 1);
}

typedef struct Job {
    FileAio *aio;
    int id;
    int bad;
} Job;

/* Thread @id owns blocks id, id + THREADS, ...: write them, read back. */
static gpointer job_run(gpointer opaque)
{
    Job *job = opaque;
    uint8_t *buf = g_aligned_alloc(1, BLOCK, BLOCK);
    for (int64_t b = job->id; b < FILE_SIZE / BLOCK; b += THREADS) {
        for (int k = 0; k < BLOCK; k++) {
            buf[k] = pattern(b, k);
        }
        if (file_aio_rw(job->aio, true, b * BLOCK, BLOCK, buf) < 0) {
            job->bad++;
        }
    }
    for (int64_t b = job->id; b < FILE_SIZE / BLOCK; b += THREADS) {
        memset(buf, 0xee, BLOCK);
        if (file_aio_rw(job->aio, false, b * BLOCK, BLOCK, buf) < 0) {
            job->bad++;
            continue;
        }
        for (int k = 0; k < BLOCK; k++) {
            if (buf[k] != pattern(b, k)) {
                job->bad++;
                break;
            }
        }
    }
    g_aligned_free(buf);
    return NULL;
}

static void test_engine(gconstpointer data)
{
    FileAioMode mode = GPOINTER_TO_INT(data);
    if (!file_aio_available(mode)) {
        g_test_skip("this build has no library for the mode");
        return;
    }
    char *path = make_file("engine.img");
    int fd = open(path, O_RDWR | O_DIRECT);
    g_assert_cmpint(fd, >=, 0);
    FileAio *aio = file_aio_new(fd, mode, &error_abort);
    g_assert_nonnull(aio);

    Job jobs[THREADS];
    GThread *th[THREADS];
    for (int t = 0; t < THREADS; t++) {
        jobs[t] = (Job) { .aio = aio, .id = t };
        th[t] = g_thread_new("aio", job_run, &jobs[t]);
    }
    for (int t = 0; t < THREADS; t++) {
        g_thread_join(th[t]);
        g_assert_cmpint(jobs[t].bad, ==, 0);
    }

    /* The writes reached the file itself. */
    uint8_t *buf = g_aligned_alloc(1, 2 * BLOCK, BLOCK);
    g_assert_cmpint(pread(fd, buf, BLOCK, 5 * BLOCK), ==, BLOCK);
    for (int k = 0; k < BLOCK; k++) {
        g_assert_cmpuint(buf[k], ==, pattern(5, k));
    }
    /* A read across the end of the file: the rest is zeros. */
    memset(buf, 0xee, 2 * BLOCK);
    g_assert_cmpint(file_aio_rw(aio, false, FILE_SIZE - BLOCK, 2 * BLOCK, buf),
                    ==, 0);
    g_assert_cmpuint(buf[0], ==, pattern(FILE_SIZE / BLOCK - 1, 0));
    for (int k = BLOCK; k < 2 * BLOCK; k++) {
        g_assert_cmpuint(buf[k], ==, 0);
    }
    /* A bad request comes back as the kernel's error. */
    g_assert_cmpint(file_aio_rw(aio, false, 1, BLOCK, buf), ==, -EINVAL);
    g_aligned_free(buf);
    file_aio_free(aio);
    close(fd);
    unlink(path);
    g_free(path);
}

/* Coroutine loop: CO_JOBS coroutines of one thread read blocks. */
#define CO_JOBS 16

typedef struct CoShared {
    FileAio *aio;
    BlockDriverState *bs;   /* through the block layer when set */
    bool hold;              /* read while holding a lock (must not yield) */
    int in_flight, max_in_flight, bad, next;
} CoShared;

static void co_reader(void *opaque)
{
    CoShared *sh = opaque;
    uint8_t *buf = g_aligned_alloc(1, BLOCK, BLOCK);
    while (sh->next < FILE_SIZE / BLOCK) {
        int64_t b = sh->next++;
        memset(buf, 0xee, BLOCK);
        sh->in_flight++;
        sh->max_in_flight = MAX(sh->max_in_flight, sh->in_flight);
        if (sh->hold) {
            bdrv_hold_begin();
        }
        int ret = sh->bs ? bdrv_pread(sh->bs, b * BLOCK, BLOCK, buf, 0)
                         : file_aio_rw(sh->aio, false, b * BLOCK, BLOCK, buf);
        if (sh->hold) {
            bdrv_hold_end();
        }
        sh->in_flight--;
        if (ret < 0) {
            sh->bad++;
            continue;
        }
        for (int k = 0; k < BLOCK; k++) {
            if (buf[k] != pattern(b, k)) {
                sh->bad++;
                break;
            }
        }
    }
    g_aligned_free(buf);
}

static void co_run(CoShared *sh, FileAioMode mode)
{
    g_assert_cmpint(file_aio_co_loop_begin(mode, CO_JOBS), ==, 0);
    Coroutine *co[CO_JOBS];
    for (int i = 0; i < CO_JOBS; i++) {
        co[i] = qemu_coroutine_create(co_reader, sh);
        qemu_coroutine_enter(co[i]);
    }
    Coroutine *next;
    while ((next = file_aio_co_next())) {
        qemu_coroutine_enter(next);
    }
    for (int i = 0; i < CO_JOBS; i++) {
        g_assert_true(qemu_coroutine_finished(co[i]));
        qemu_coroutine_delete(co[i]);
    }
    file_aio_co_loop_end();
}

static void test_co_loop(gconstpointer data)
{
    FileAioMode mode = GPOINTER_TO_INT(data);
    if (!file_aio_available(mode)) {
        g_assert_cmpint(file_aio_co_loop_begin(mode, 4), ==, -ENOTSUP);
        g_test_skip("this build has no library for the mode");
        return;
    }
    char *path = make_file("co.img");
    int fd = open(path, O_RDWR);
    g_assert_cmpint(fd, >=, 0);
    uint8_t *buf = g_malloc(BLOCK);
    for (int64_t b = 0; b < FILE_SIZE / BLOCK; b++) {
        for (int k = 0; k < BLOCK; k++) {
            buf[k] = pattern(b, k);
        }
        g_assert_cmpint(pwrite(fd, buf, BLOCK, b * BLOCK), ==, BLOCK);
    }
    g_free(buf);
    close(fd);
    fd = open(path, O_RDWR | O_DIRECT);
    g_assert_cmpint(fd, >=, 0);

    /* the engine directly: every coroutine has a request in flight */
    CoShared sh = { .aio = file_aio_new(fd, mode, &error_abort) };
    co_run(&sh, mode);
    g_assert_cmpint(sh.bad, ==, 0);
    g_assert_cmpint(sh.max_in_flight, ==, CO_JOBS);

    /* holding a lock: each request completes before the next starts */
    sh = (CoShared) { .aio = sh.aio, .hold = true };
    co_run(&sh, mode);
    g_assert_cmpint(sh.bad, ==, 0);
    g_assert_cmpint(sh.max_in_flight, ==, 1);
    file_aio_free(sh.aio);
    close(fd);

    /* through raw over the file protocol, as qemu-img bench -f raw */
    int flags = BDRV_O_NOCACHE |
                (mode == FILE_AIO_NATIVE ? BDRV_O_NATIVE_AIO : BDRV_O_IO_URING);
    BlockDriverState *bs = bdrv_open(path, "raw", NULL, flags, &error_abort);
    g_assert_true(bdrv_co_capable(bs));
    sh = (CoShared) { .bs = bs };
    co_run(&sh, mode);
    g_assert_cmpint(sh.bad, ==, 0);
    g_assert_cmpint(sh.max_in_flight, ==, CO_JOBS);
    bdrv_close(bs);
    unlink(path);
    g_free(path);

    /* qcow2 over the file protocol: its data transfers yield, the L2
     * lookups before them run with the node lock held, unyielding */
    path = g_build_filename(tmp_dir, "co.qcow2", NULL);
    QemuOpts *opts = qemu_opts_parse(&qcow2_create_opts, "", &error_abort);
    qemu_opt_set_number(opts, BLOCK_OPT_SIZE, FILE_SIZE, &error_abort);
    g_assert_cmpint(bdrv_create(bdrv_find_format("qcow2"), path, opts,
                                &error_abort), ==, 0);
    qemu_opts_del(opts);
    bs = bdrv_open(path, "qcow2", NULL, BDRV_O_RDWR, &error_abort);
    buf = g_malloc(BLOCK);
    for (int64_t b = FILE_SIZE / BLOCK - 1; b >= 0; b--) {
        /* backwards: the host clusters are not in guest order */
        for (int k = 0; k < BLOCK; k++) {
            buf[k] = pattern(b, k);
        }
        g_assert_cmpint(bdrv_pwrite(bs, b * BLOCK, BLOCK, buf, 0), ==, 0);
    }
    g_free(buf);
    bdrv_close(bs);
    bs = bdrv_open(path, "qcow2", NULL, flags, &error_abort);
    g_assert_true(bdrv_co_capable(bs));
    sh = (CoShared) { .bs = bs };
    co_run(&sh, mode);
    g_assert_cmpint(sh.bad, ==, 0);
    g_assert_cmpint(sh.max_in_flight, ==, CO_JOBS);
    bdrv_close(bs);
    unlink(path);
    g_free(path);
}

/*
 * The drain with parked coroutines: CO_JOBS coroutines are parked in
 * qcow2 data transfers (reads and in-place writes of the first half)
 * when one more coroutine discards the second half, which frees clusters
 * and so drains the node's transfers with its lock held.  The drain must
 * run the parked coroutines of its own thread (they could never finish
 * otherwise), keep them out of the node while the discard holds it, and
 * the data of all of them must come out right.
 */
typedef struct CoDrain {
    BlockDriverState *bs;
    int next;                   /* next block of the first half */
    int bad;
    int parked_at_discard;      /* transfers in flight when it started */
    int inflight_after_drain;
    bool discard_running, entered_during_discard;
    int discard_ret;
} CoDrain;

/* The value written over block b by the writer coroutines. */
static uint8_t new_pattern(int64_t b, int k)
{
    return (uint8_t)~pattern(b, k);
}

static void co_drain_io(void *opaque)
{
    CoDrain *d = opaque;
    uint8_t *buf = g_aligned_alloc(1, BLOCK, BLOCK);
    while (d->next < FILE_SIZE / 2 / BLOCK) {
        int64_t b = d->next++;
        bool write = b % 2;
        for (int k = 0; k < BLOCK; k++) {
            buf[k] = write ? new_pattern(b, k) : 0xee;
        }
        int ret = write ? bdrv_pwrite(d->bs, b * BLOCK, BLOCK, buf, 0)
                        : bdrv_pread(d->bs, b * BLOCK, BLOCK, buf, 0);
        /* back in the node after the transfer: never inside the discard */
        d->entered_during_discard |= d->discard_running;
        if (ret < 0) {
            d->bad++;
            continue;
        }
        for (int k = 0; !write && k < BLOCK; k++) {
            if (buf[k] != pattern(b, k)) {
                d->bad++;
                break;
            }
        }
    }
    g_aligned_free(buf);
}

static void co_drain_discard(void *opaque)
{
    CoDrain *d = opaque;
    d->parked_at_discard = g_atomic_int_get(&d->bs->data_io_inflight);
    d->discard_running = true;
    d->discard_ret = bdrv_pdiscard(d->bs, FILE_SIZE / 2, FILE_SIZE / 2);
    d->inflight_after_drain = g_atomic_int_get(&d->bs->data_io_inflight);
    d->discard_running = false;
}

static void test_co_drain(gconstpointer data)
{
    FileAioMode mode = GPOINTER_TO_INT(data);
    if (!file_aio_available(mode)) {
        g_test_skip("this build has no library for the mode");
        return;
    }
    char *path = g_build_filename(tmp_dir, "drain.qcow2", NULL);
    QemuOpts *opts = qemu_opts_parse(&qcow2_create_opts, "", &error_abort);
    qemu_opt_set_number(opts, BLOCK_OPT_SIZE, FILE_SIZE, &error_abort);
    g_assert_cmpint(bdrv_create(bdrv_find_format("qcow2"), path, opts,
                                &error_abort), ==, 0);
    qemu_opts_del(opts);
    BlockDriverState *bs = bdrv_open(path, "qcow2", NULL, BDRV_O_RDWR,
                                     &error_abort);
    uint8_t *buf = g_malloc(BLOCK);
    for (int64_t b = 0; b < FILE_SIZE / BLOCK; b++) {
        for (int k = 0; k < BLOCK; k++) {
            buf[k] = pattern(b, k);
        }
        g_assert_cmpint(bdrv_pwrite(bs, b * BLOCK, BLOCK, buf, 0), ==, 0);
    }
    bdrv_close(bs);

    int flags = BDRV_O_RDWR | BDRV_O_NOCACHE |
                (mode == FILE_AIO_NATIVE ? BDRV_O_NATIVE_AIO : BDRV_O_IO_URING);
    bs = bdrv_open(path, "qcow2", NULL, flags, &error_abort);
    g_assert_true(bdrv_co_capable(bs));
    CoDrain d = { .bs = bs };
    g_assert_cmpint(file_aio_co_loop_begin(mode, CO_JOBS + 1), ==, 0);
    Coroutine *co[CO_JOBS + 1];
    for (int i = 0; i < CO_JOBS; i++) {
        co[i] = qemu_coroutine_create(co_drain_io, &d);
        qemu_coroutine_enter(co[i]);
    }
    co[CO_JOBS] = qemu_coroutine_create(co_drain_discard, &d);
    qemu_coroutine_enter(co[CO_JOBS]);
    Coroutine *next;
    while ((next = file_aio_co_next())) {
        qemu_coroutine_enter(next);
    }
    for (int i = 0; i <= CO_JOBS; i++) {
        g_assert_true(qemu_coroutine_finished(co[i]));
        qemu_coroutine_delete(co[i]);
    }
    file_aio_co_loop_end();

    /* every other coroutine was parked in a transfer, and the discard
     * went on only when none was left */
    g_assert_cmpint(d.parked_at_discard, ==, CO_JOBS);
    g_assert_cmpint(d.inflight_after_drain, ==, 0);
    g_assert_false(d.entered_during_discard);
    g_assert_cmpint(d.discard_ret, ==, 0);
    g_assert_cmpint(d.bad, ==, 0);
    g_assert_cmpint(d.next, ==, FILE_SIZE / 2 / BLOCK);

    /* the data: new blocks written, old ones kept, second half zeros */
    for (int64_t b = 0; b < FILE_SIZE / BLOCK; b++) {
        g_assert_cmpint(bdrv_pread(bs, b * BLOCK, BLOCK, buf, 0), ==, 0);
        for (int k = 0; k < BLOCK; k++) {
            uint8_t want = b >= FILE_SIZE / 2 / BLOCK ? 0
                           : b % 2 ? new_pattern(b, k) : pattern(b, k);
            if (buf[k] != want) {
                g_error("block %" G_GINT64_FORMAT " byte %d: %#x, not %#x",
                        b, k, buf[k], want);
            }
        }
    }
    BdrvCheckResult res = { 0 };
    g_assert_cmpint(bdrv_check(bs, &res, 0), ==, 0);
    g_assert_cmpint(res.corruptions, ==, 0);
    g_assert_cmpint(res.leaks, ==, 0);
    g_free(buf);
    bdrv_close(bs);
    unlink(path);
    g_free(path);
}

/* The mode reaches the file protocol through bdrv_open, as -i does. */
static void test_open_modes(void)
{
    char *path = make_file("open.img");
    Error *err = NULL;
    BlockDriverState *bs = bdrv_open(path, "raw", NULL,
                                     BDRV_O_RDWR | BDRV_O_NATIVE_AIO, &err);
    g_assert_null(bs);
    g_assert_nonnull(strstr(error_get_pretty(err), "aio=native was specified, "
                            "but it requires cache.direct=on"));
    error_free(err);
    err = NULL;

    int modes[] = { BDRV_O_NATIVE_AIO | BDRV_O_NOCACHE, BDRV_O_IO_URING,
                    BDRV_O_IO_URING | BDRV_O_NOCACHE };
    FileAioMode kinds[] = { FILE_AIO_NATIVE, FILE_AIO_IO_URING,
                            FILE_AIO_IO_URING };
    for (size_t i = 0; i < G_N_ELEMENTS(modes); i++) {
        bs = bdrv_open(path, "raw", NULL, BDRV_O_RDWR | modes[i], &err);
        if (!file_aio_available(kinds[i])) {
            g_assert_null(bs);
            g_assert_nonnull(strstr(error_get_pretty(err),
                                    "is not supported by this build"));
            error_free(err);
            err = NULL;
            continue;
        }
        g_assert_nonnull(bs);
        uint8_t *w = g_aligned_alloc(1, BLOCK, BLOCK);
        uint8_t *r = g_aligned_alloc(1, BLOCK, BLOCK);
        memset(w, 0x40 + (int)i, BLOCK);
        g_assert_cmpint(bdrv_pwrite(bs, 3 * BLOCK, BLOCK, w, 0), ==, 0);
        /* unaligned: bounced through an aligned buffer under O_DIRECT */
        g_assert_cmpint(bdrv_pread(bs, 3 * BLOCK + 100, 200, r, 0), ==, 0);
        g_assert_cmpmem(r, 200, w, 200);
        g_aligned_free(w);
        g_aligned_free(r);
        bdrv_close(bs);
    }
    unlink(path);
    g_free(path);
}

static void test_parse(void)
{
    int flags = BDRV_O_RDWR;
    g_assert_true(bdrv_parse_aio("native", &flags));
    g_assert_cmpint(flags, ==, BDRV_O_RDWR | BDRV_O_NATIVE_AIO);
    g_assert_true(bdrv_parse_aio("io_uring", &flags));
    g_assert_cmpint(flags, ==, BDRV_O_RDWR | BDRV_O_IO_URING);
    g_assert_true(bdrv_parse_aio("threads", &flags));
    g_assert_cmpint(flags, ==, BDRV_O_RDWR);
    g_assert_false(bdrv_parse_aio("Native", &flags));
    g_assert_false(bdrv_parse_aio("", &flags));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmp_dir = g_dir_make_tmp("test-file-aio-XXXXXX", NULL);
    g_assert_nonnull(tmp_dir);
    g_test_add_data_func("/file-aio/native", GINT_TO_POINTER(FILE_AIO_NATIVE),
                         test_engine);
    g_test_add_data_func("/file-aio/io_uring",
                         GINT_TO_POINTER(FILE_AIO_IO_URING), test_engine);
    g_test_add_data_func("/file-aio/co-loop/native",
                         GINT_TO_POINTER(FILE_AIO_NATIVE), test_co_loop);
    g_test_add_data_func("/file-aio/co-loop/io_uring",
                         GINT_TO_POINTER(FILE_AIO_IO_URING), test_co_loop);
    g_test_add_data_func("/file-aio/co-drain/native",
                         GINT_TO_POINTER(FILE_AIO_NATIVE), test_co_drain);
    g_test_add_data_func("/file-aio/co-drain/io_uring",
                         GINT_TO_POINTER(FILE_AIO_IO_URING), test_co_drain);
    g_test_add_func("/file-aio/open-modes", test_open_modes);
    g_test_add_func("/file-aio/parse", test_parse);
    int ret = g_test_run();
    rmdir(tmp_dir);
    g_free(tmp_dir);
    return ret;
}
