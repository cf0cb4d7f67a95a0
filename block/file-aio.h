/*
 * Kernel asynchronous I/O engines of the file protocol (block/file-aio.c):
 * QEMU's aio=threads (no engine: each request thread calls pread/pwrite),
 * aio=native (Linux AIO) and aio=io_uring.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BLOCK_FILE_AIO_H
#define BLOCK_FILE_AIO_H

#include <stdbool.h>
#include <stdint.h>

#include "qemu/error.h"

typedef enum FileAioMode {
    FILE_AIO_THREADS,
    FILE_AIO_NATIVE,
    FILE_AIO_IO_URING,
} FileAioMode;

typedef struct FileAio FileAio;

/* "threads", "native", "io_uring" (QEMU's -i / aio= values). */
bool file_aio_mode_parse(const char *name, FileAioMode *mode);
const char *file_aio_mode_name(FileAioMode mode);
/* Was this build configured with the library @mode needs? */
bool file_aio_available(FileAioMode mode);

/* An engine for @fd (native or io_uring); NULL with @errp on failure. */
FileAio *file_aio_new(int fd, FileAioMode mode, Error **errp);
/* Waits for the engine's requests, then frees it. */
void file_aio_free(FileAio *a);
/*
 * Read or write all of [offset, offset+bytes) through the engine, from
 * any thread; reads past the end of the file are zeros.  0 or -errno.
 */
int file_aio_rw(FileAio *a, bool write, int64_t offset, int64_t bytes,
                void *buf);

/*
 * Run this thread's coroutines' requests of @mode through one kernel
 * context with room for @depth of them (see "Coroutine loop" in
 * file-aio.c).  0, or -errno when the mode cannot (then the caller runs
 * its requests in threads).
 */
int file_aio_co_loop_begin(FileAioMode mode, int depth);
/*
 * The coroutine to enter next: one made ready by file_aio_co_wake, else
 * one whose request completed (submitting what the coroutines queued and
 * waiting until one completes); NULL when none is ready or in flight.
 */
struct Coroutine *file_aio_co_next(void);
void file_aio_co_loop_end(void);
/* Is a coroutine loop running in this thread? */
bool file_aio_co_loop_active(void);
/* Make @co (parked by its own qemu_coroutine_yield) ready to be entered
 * again by the loop; the loop must be active. */
void file_aio_co_wake(struct Coroutine *co);

#endif
