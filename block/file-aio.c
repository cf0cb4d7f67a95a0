/*
 * Kernel asynchronous I/O for the file protocol: QEMU's aio=native (Linux
 * AIO through libaio) and aio=io_uring (through liburing).
 *
 * The block layer is synchronous per request and runs many requests in
 * parallel threads (bench -d, convert -m); the engine hands each of them
 * to the kernel as an asynchronous request (see AioCtx below).  A thread
 * may instead run its requests as coroutines (bench's reads): then they
 * are batched through one context (see "Coroutine loop").
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
#include "block/block_int.h"
#include "block/coroutine.h"
#include "block/file-aio.h"

#ifdef CONFIG_LINUX_AIO
#include <libaio.h>
#endif
#ifdef CONFIG_LINUX_IO_URING
#include <liburing.h>
#endif

/*
 * Each request thread has its own kernel context per mode (made on its
 * first request), so a request is a submit and a wait in the calling
 * thread with no hand-off to another thread; the kernel still sees every
 * thread's request in flight at once, as many as bench -d or convert -m
 * run in parallel.  A context carries no file (each request names its
 * fd), so it serves every engine of the thread.  When the thread exits
 * its contexts go to a pool that later threads take them from; the
 * kernel frees what is left when the process exits.  (Tearing a Linux AIO
 * context down waits for an RCU grace period, about 30 ms: doing that for
 * each of bench's 64 request threads cost more than the requests.)
 */
typedef struct AioCtx {
    FileAioMode mode;
#ifdef CONFIG_LINUX_AIO
    io_context_t ctx;
#endif
#ifdef CONFIG_LINUX_IO_URING
    struct io_uring ring;
#endif
} AioCtx;

struct FileAio {
    FileAioMode mode;
    int fd;
};

static void ctx_release(gpointer opaque);

/* This thread's context of each mode (index FileAioMode). */
static GPrivate thread_ctxs[3] = {
    G_PRIVATE_INIT(ctx_release),
    G_PRIVATE_INIT(ctx_release),
    G_PRIVATE_INIT(ctx_release),
};

/* Contexts of threads that exited, for the next threads to use. */
static GMutex pool_lock;
static GSList *pool[3];

static void ctx_release(gpointer opaque)
{
    AioCtx *c = opaque;
    g_mutex_lock(&pool_lock);
    pool[c->mode] = g_slist_prepend(pool[c->mode], c);
    g_mutex_unlock(&pool_lock);
}

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

/* This thread's context for @mode, made on first use. */
static int thread_ctx(FileAioMode mode, AioCtx **out)
{
    AioCtx *c = g_private_get(&thread_ctxs[mode]);
    if (c) {
        *out = c;
        return 0;
    }
    g_mutex_lock(&pool_lock);
    if (pool[mode]) {
        c = pool[mode]->data;
        pool[mode] = g_slist_delete_link(pool[mode], pool[mode]);
    }
    g_mutex_unlock(&pool_lock);
    if (!c) {
        c = g_new0(AioCtx, 1);
        c->mode = mode;
        int ret = ctx_init(mode, c);
        if (ret < 0) {
            g_free(c);
            return ret;
        }
    }
    g_private_set(&thread_ctxs[mode], c);
    *out = c;
    return 0;
}

FileAio *file_aio_new(int fd, FileAioMode mode, Error **errp)
{
    if (mode == FILE_AIO_THREADS || !file_aio_available(mode)) {
        error_setg(errp, "aio=%s is not supported by this build",
                   file_aio_mode_name(mode));
        return NULL;
    }
    /* Fail at open, not at the first request, when the kernel refuses. */
    AioCtx *c;
    int ret = thread_ctx(mode, &c);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "%s", ctx_error(mode));
        return NULL;
    }
    FileAio *a = g_new0(FileAio, 1);
    a->mode = mode;
    a->fd = fd;
    return a;
}

void file_aio_free(FileAio *a)
{
    g_free(a);      /* the contexts belong to the threads */
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

/*
 * Coroutine loop (qemu-img bench): one thread runs many requests as
 * coroutines, as QEMU does.  A request that may yield (bdrv_may_yield)
 * is queued in the loop's context and its coroutine yields;
 * file_aio_co_next() hands all queued requests to the kernel in one
 * io_submit / io_uring_enter, waits for completions, reaps every one that
 * is there, and returns the coroutines to resume one by one.  So the
 * thread sleeps only when no request at all has completed, not once per
 * request.  A request that may not yield (a lock held across it) is a
 * plain synchronous one on the thread's own context, beside the loop's.
 */
typedef struct CoRequest {
    Coroutine *co;
    long res;
    struct CoRequest *next;     /* in the loop's completed list */
#ifdef CONFIG_LINUX_AIO
    struct iocb cb;
#endif
} CoRequest;

typedef struct CoLoop {
    AioCtx ctx;
    int depth;
    int inflight;               /* queued or submitted, not reaped */
    CoRequest *done_head, *done_tail;
    GQueue woken;               /* coroutines made ready by file_aio_co_wake */
#ifdef CONFIG_LINUX_AIO
    struct iocb **queued;       /* native: not yet submitted */
    int nqueued;
    struct io_event *events;
#endif
} CoLoop;

static __thread CoLoop *co_loop;

int file_aio_co_loop_begin(FileAioMode mode, int depth)
{
    if (mode == FILE_AIO_THREADS || !file_aio_available(mode) || co_loop) {
        return -ENOTSUP;
    }
    CoLoop *l = g_new0(CoLoop, 1);
    l->ctx.mode = mode;
    l->depth = depth;
    int ret = -ENOTSUP;
    switch (mode) {
#ifdef CONFIG_LINUX_AIO
    case FILE_AIO_NATIVE:
        ret = io_setup(depth, &l->ctx.ctx);
        l->queued = g_new(struct iocb *, depth);
        l->events = g_new(struct io_event, depth);
        break;
#endif
#ifdef CONFIG_LINUX_IO_URING
    case FILE_AIO_IO_URING:
        ret = io_uring_queue_init(depth, &l->ctx.ring, 0);
        break;
#endif
    default:
        break;
    }
    if (ret < 0) {
#ifdef CONFIG_LINUX_AIO
        g_free(l->queued);
        g_free(l->events);
#endif
        g_free(l);
        return ret;
    }
    co_loop = l;
    return 0;
}

void file_aio_co_loop_end(void)
{
    CoLoop *l = co_loop;
    g_assert(l && l->inflight == 0 && g_queue_is_empty(&l->woken));
    switch (l->ctx.mode) {
#ifdef CONFIG_LINUX_AIO
    case FILE_AIO_NATIVE:
        io_destroy(l->ctx.ctx);
        g_free(l->queued);
        g_free(l->events);
        break;
#endif
#ifdef CONFIG_LINUX_IO_URING
    case FILE_AIO_IO_URING:
        io_uring_queue_exit(&l->ctx.ring);
        break;
#endif
    default:
        break;
    }
    g_free(l);
    co_loop = NULL;
}

static void co_loop_complete(CoLoop *l, CoRequest *r, long res)
{
    r->res = res;
    r->next = NULL;
    if (l->done_tail) {
        l->done_tail->next = r;
    } else {
        l->done_head = r;
    }
    l->done_tail = r;
    l->inflight--;
}

/* Queue a request of the running coroutine and yield until it is done. */
static long co_loop_rw(CoLoop *l, FileAio *a, bool write, int64_t offset,
                       int64_t bytes, void *buf)
{
    CoRequest r = { .co = qemu_coroutine_self() };
    switch (l->ctx.mode) {
#ifdef CONFIG_LINUX_AIO
    case FILE_AIO_NATIVE:
        if (write) {
            io_prep_pwrite(&r.cb, a->fd, buf, bytes, offset);
        } else {
            io_prep_pread(&r.cb, a->fd, buf, bytes, offset);
        }
        r.cb.data = &r;
        l->queued[l->nqueued++] = &r.cb;
        break;
#endif
#ifdef CONFIG_LINUX_IO_URING
    case FILE_AIO_IO_URING: {
        struct io_uring_sqe *sqe = io_uring_get_sqe(&l->ctx.ring);
        if (!sqe) {
            io_uring_submit(&l->ctx.ring);
            sqe = io_uring_get_sqe(&l->ctx.ring);
        }
        if (!sqe) {
            return -EBUSY;
        }
        if (write) {
            io_uring_prep_write(sqe, a->fd, buf, bytes, offset);
        } else {
            io_uring_prep_read(sqe, a->fd, buf, bytes, offset);
        }
        io_uring_sqe_set_data(sqe, &r);
        break;
    }
#endif
    default:
        return -ENOTSUP;
    }
    l->inflight++;
    qemu_coroutine_yield();
    return r.res;
}

#ifdef CONFIG_LINUX_AIO
static void co_loop_native_wait(CoLoop *l)
{
    int done = 0;
    while (done < l->nqueued) {
        int ret = io_submit(l->ctx.ctx, l->nqueued - done, l->queued + done);
        if (ret == -EINTR || ret == -EAGAIN) {
            continue;
        }
        if (ret <= 0) {
            /* the kernel took none of the rest: they fail */
            for (int i = done; i < l->nqueued; i++) {
                co_loop_complete(l, l->queued[i]->data, ret < 0 ? ret : -EIO);
            }
            break;
        }
        done += ret;
    }
    l->nqueued = 0;
    if (l->done_head || !l->inflight) {
        return;
    }
    int ret;
    do {
        ret = io_getevents(l->ctx.ctx, 1, l->depth, l->events, NULL);
    } while (ret == -EINTR);
    g_assert(ret > 0);
    for (int i = 0; i < ret; i++) {
        co_loop_complete(l, l->events[i].data, (long)l->events[i].res);
    }
}
#endif

#ifdef CONFIG_LINUX_IO_URING
static void co_loop_io_uring_wait(CoLoop *l)
{
    int ret;
    do {
        ret = io_uring_submit_and_wait(&l->ctx.ring, l->done_head ? 0 : 1);
    } while (ret == -EINTR);
    g_assert(ret >= 0);
    struct io_uring_cqe *cqe;
    while (io_uring_peek_cqe(&l->ctx.ring, &cqe) == 0) {
        co_loop_complete(l, io_uring_cqe_get_data(cqe), cqe->res);
        io_uring_cqe_seen(&l->ctx.ring, cqe);
    }
}
#endif

bool file_aio_co_loop_active(void)
{
    return co_loop != NULL;
}

void file_aio_co_wake(Coroutine *co)
{
    g_assert(co_loop);
    g_queue_push_tail(&co_loop->woken, co);
}

Coroutine *file_aio_co_next(void)
{
    CoLoop *l = co_loop;
    if (!g_queue_is_empty(&l->woken)) {
        return g_queue_pop_head(&l->woken);
    }
    if (!l->done_head && l->inflight) {
        switch (l->ctx.mode) {
#ifdef CONFIG_LINUX_AIO
        case FILE_AIO_NATIVE:
            co_loop_native_wait(l);
            break;
#endif
#ifdef CONFIG_LINUX_IO_URING
        case FILE_AIO_IO_URING:
            co_loop_io_uring_wait(l);
            break;
#endif
        default:
            break;
        }
    }
    CoRequest *r = l->done_head;
    if (!r) {
        return NULL;
    }
    l->done_head = r->next;
    if (!l->done_head) {
        l->done_tail = NULL;
    }
    return r->co;
}

/* One kernel request; returns bytes transferred or -errno. */
static long file_aio_one(FileAio *a, bool write, int64_t offset, int64_t bytes,
                         void *buf)
{
    if (co_loop && co_loop->ctx.mode == a->mode && qemu_coroutine_self() &&
        bdrv_may_yield()) {
        return co_loop_rw(co_loop, a, write, offset, bytes, buf);
    }
    AioCtx *c;
    int ret = thread_ctx(a->mode, &c);
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
