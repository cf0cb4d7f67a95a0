/*
 * Kernel asynchronous I/O for the file protocol: QEMU's aio=native (Linux
 * AIO through libaio) and aio=io_uring (through liburing).
 *
 * The block layer is synchronous per request and runs many requests in
 * parallel threads (bench -d, convert -m); the engine hands each of them
 * to the kernel as an asynchronous request (see AioCtx below).
 *
 * What this file does not do: open files, O_DIRECT alignment (the file
 * protocol bounces unaligned requests before they get here), flush and
 * discard (they stay synchronous system calls, as in QEMU).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>

#include "config-host.h"
#include "block/file-aio.h"

#ifdef CONFIG_LINUX_AIO
#include <libaio.h>
#endif
#ifdef CONFIG_LINUX_IO_URING
#include <liburing.h>
#endif

/*
 * Each request thread gets its own kernel context for the engine (made on
 * its first request), so a request is a submit and a wait in the calling
 * thread with no hand-off to another thread; the kernel still sees every
 * thread's request in flight at once, as many as bench -d or convert -m
 * run in parallel.  The engine owns the contexts and frees them at close.
 */
typedef struct AioCtx {
#ifdef CONFIG_LINUX_AIO
    io_context_t ctx;
#endif
#ifdef CONFIG_LINUX_IO_URING
    struct io_uring ring;
#endif
    GThread *owner;             /* the thread that submits on it */
} AioCtx;

struct FileAio {
    FileAioMode mode;
    int fd;
    uint64_t id;                /* never reused: keys the per-thread cache */
    GMutex lock;                /* guards ctxs */
    GPtrArray *ctxs;
};

/* A few engines per thread (convert reads one image and writes another). */
#define TLS_SLOTS 4
static __thread struct {
    uint64_t id;
    AioCtx *ctx;
} tls_ctx[TLS_SLOTS];
static __thread unsigned tls_next;

static uint64_t next_engine_id = 1;

static int ctx_init(FileAioMode mode, AioCtx *c)
{
    switch (mode) {
#ifdef CONFIG_LINUX_AIO
    case FILE_AIO_NATIVE:
        return io_setup(1, &c->ctx);
#endif
#ifdef CONFIG_LINUX_IO_URING
    case FILE_AIO_IO_URING:
        return io_uring_queue_init(2, &c->ring, 0);
#endif
    default:
        return -ENOTSUP;
    }
}

static void ctx_destroy(FileAioMode mode, AioCtx *c)
{
    switch (mode) {
#ifdef CONFIG_LINUX_AIO
    case FILE_AIO_NATIVE:
        io_destroy(c->ctx);
        break;
#endif
#ifdef CONFIG_LINUX_IO_URING
    case FILE_AIO_IO_URING:
        io_uring_queue_exit(&c->ring);
        break;
#endif
    default:
        break;
    }
}

const char *file_aio_mode_name(FileAioMode mode)
{
    switch (mode) {
    case FILE_AIO_NATIVE:
        return "native";
    case FILE_AIO_IO_URING:
        return "io_uring";
    default:
        return "threads";
    }
}

bool file_aio_mode_parse(const char *name, FileAioMode *mode)
{
    if (!strcmp(name, "threads")) {
        *mode = FILE_AIO_THREADS;
    } else if (!strcmp(name, "native")) {
        *mode = FILE_AIO_NATIVE;
    } else if (!strcmp(name, "io_uring")) {
        *mode = FILE_AIO_IO_URING;
    } else {
        return false;
    }
    return true;
}

bool file_aio_available(FileAioMode mode)
{
    switch (mode) {
    case FILE_AIO_THREADS:
        return true;
    case FILE_AIO_NATIVE:
#ifdef CONFIG_LINUX_AIO
        return true;
#else
        return false;
#endif
    case FILE_AIO_IO_URING:
#ifdef CONFIG_LINUX_IO_URING
        return true;
#else
        return false;
#endif
    }
    return false;
}

static const char *ctx_error(FileAioMode mode)
{
    return mode == FILE_AIO_NATIVE ? "failed to create linux AIO context"
                                   : "failed to init linux io_uring ring";
}

FileAio *file_aio_new(int fd, FileAioMode mode, Error **errp)
{
    if (mode == FILE_AIO_THREADS || !file_aio_available(mode)) {
        error_setg(errp, "aio=%s is not supported by this build",
                   file_aio_mode_name(mode));
        return NULL;
    }
    /* Fail at open, not at the first request, when the kernel refuses. */
    AioCtx *c = g_new0(AioCtx, 1);
    int ret = ctx_init(mode, c);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "%s", ctx_error(mode));
        g_free(c);
        return NULL;
    }
    FileAio *a = g_new0(FileAio, 1);
    a->mode = mode;
    a->fd = fd;
    a->id = __atomic_fetch_add(&next_engine_id, 1, __ATOMIC_RELAXED);
    g_mutex_init(&a->lock);
    a->ctxs = g_ptr_array_new();
    c->owner = g_thread_self();
    g_ptr_array_add(a->ctxs, c);
    unsigned slot = tls_next++ % TLS_SLOTS;
    tls_ctx[slot].id = a->id;
    tls_ctx[slot].ctx = c;
    return a;
}

void file_aio_free(FileAio *a)
{
    if (!a) {
        return;
    }
    for (guint i = 0; i < a->ctxs->len; i++) {
        ctx_destroy(a->mode, g_ptr_array_index(a->ctxs, i));
        g_free(g_ptr_array_index(a->ctxs, i));
    }
    g_ptr_array_free(a->ctxs, true);
    g_mutex_clear(&a->lock);
    g_free(a);
}

/*
 * This thread's context for @a: from the thread's cache, else from the
 * engine's list (a thread that used more engines than the cache holds),
 * else a new one.
 */
static int thread_ctx(FileAio *a, AioCtx **out)
{
    for (int i = 0; i < TLS_SLOTS; i++) {
        if (tls_ctx[i].id == a->id) {
            *out = tls_ctx[i].ctx;
            return 0;
        }
    }
    GThread *self = g_thread_self();
    AioCtx *c = NULL;
    g_mutex_lock(&a->lock);
    for (guint i = 0; i < a->ctxs->len && !c; i++) {
        AioCtx *k = g_ptr_array_index(a->ctxs, i);
        if (k->owner == self) {
            c = k;
        }
    }
    g_mutex_unlock(&a->lock);
    if (!c) {
        c = g_new0(AioCtx, 1);
        int ret = ctx_init(a->mode, c);
        if (ret < 0) {
            g_free(c);
            return ret;
        }
        c->owner = self;
        g_mutex_lock(&a->lock);
        g_ptr_array_add(a->ctxs, c);
        g_mutex_unlock(&a->lock);
    }
    unsigned slot = tls_next++ % TLS_SLOTS;
    tls_ctx[slot].id = a->id;
    tls_ctx[slot].ctx = c;
    *out = c;
    return 0;
}

#ifdef CONFIG_LINUX_AIO
static long one_native(FileAio *a, AioCtx *c, bool write, int64_t offset,
                       int64_t bytes, void *buf)
{
    struct iocb cb;
    struct iocb *cbp = &cb;
    if (write) {
        io_prep_pwrite(&cb, a->fd, buf, bytes, offset);
    } else {
        io_prep_pread(&cb, a->fd, buf, bytes, offset);
    }
    int ret;
    do {
        ret = io_submit(c->ctx, 1, &cbp);
    } while (ret == -EINTR || ret == -EAGAIN);
    if (ret != 1) {
        return ret < 0 ? ret : -EIO;
    }
    struct io_event ev;
    do {
        ret = io_getevents(c->ctx, 1, 1, &ev, NULL);
    } while (ret == -EINTR);
    if (ret != 1) {
        return ret < 0 ? ret : -EIO;
    }
    return (long)ev.res;
}
#endif

#ifdef CONFIG_LINUX_IO_URING
static long one_io_uring(FileAio *a, AioCtx *c, bool write, int64_t offset,
                         int64_t bytes, void *buf)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(&c->ring);
    if (!sqe) {
        return -EBUSY;      /* cannot happen: one request at a time */
    }
    if (write) {
        io_uring_prep_write(sqe, a->fd, buf, bytes, offset);
    } else {
        io_uring_prep_read(sqe, a->fd, buf, bytes, offset);
    }
    int ret;
    do {
        ret = io_uring_submit_and_wait(&c->ring, 1);
    } while (ret == -EINTR);
    if (ret < 0) {
        return ret;
    }
    struct io_uring_cqe *cqe;
    do {
        ret = io_uring_wait_cqe(&c->ring, &cqe);
    } while (ret == -EINTR);
    if (ret < 0) {
        return ret;
    }
    long res = cqe->res;
    io_uring_cqe_seen(&c->ring, cqe);
    return res;
}
#endif

/* One kernel request; returns bytes transferred or -errno. */
static long file_aio_one(FileAio *a, bool write, int64_t offset, int64_t bytes,
                         void *buf)
{
    AioCtx *c;
    int ret = thread_ctx(a, &c);
    if (ret < 0) {
        return ret;
    }
    switch (a->mode) {
#ifdef CONFIG_LINUX_AIO
    case FILE_AIO_NATIVE:
        return one_native(a, c, write, offset, bytes, buf);
#endif
#ifdef CONFIG_LINUX_IO_URING
    case FILE_AIO_IO_URING:
        return one_io_uring(a, c, write, offset, bytes, buf);
#endif
    default:
        return -ENOTSUP;
    }
}

int file_aio_rw(FileAio *a, bool write, int64_t offset, int64_t bytes,
                void *buf)
{
    uint8_t *p = buf;
    while (bytes > 0) {
        int64_t n = MIN(bytes, (int64_t)1 << 30);
        long r = file_aio_one(a, write, offset, n, p);
        if (r == -EINTR || r == -EAGAIN) {
            continue;
        }
        if (r < 0) {
            return (int)r;
        }
        if (!write && r < n) {
            /* A short read ends at the end of the file: zeros follow
             * (and under O_DIRECT the rest could not be asked for). */
            memset(p + r, 0, bytes - r);
            return 0;
        }
        if (r == 0) {
            return -EIO;
        }
        p += r;
        offset += r;
        bytes -= r;
    }
    return 0;
}
