/*
 * Coroutines for the block layer (block/coroutine.c): many requests in
 * flight from one thread, as QEMU runs them.  A coroutine runs until it
 * yields or returns; whoever entered it continues then.  Only the thread
 * that created a coroutine may enter it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BLOCK_COROUTINE_H
#define BLOCK_COROUTINE_H

#include <stdbool.h>

typedef struct Coroutine Coroutine;
typedef void CoroutineEntry(void *opaque);

Coroutine *qemu_coroutine_create(CoroutineEntry *entry, void *opaque);
/* Run @co until it yields or returns (then it may be deleted). */
void qemu_coroutine_enter(Coroutine *co);
/* From inside a coroutine: back to the code that entered it. */
void qemu_coroutine_yield(void);
/* The coroutine running in this thread, or NULL outside coroutines. */
Coroutine *qemu_coroutine_self(void);
bool qemu_coroutine_finished(Coroutine *co);
void qemu_coroutine_delete(Coroutine *co);

#endif
