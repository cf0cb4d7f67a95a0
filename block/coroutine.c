/*
 * Coroutines on their own stacks.  A new coroutine's stack is entered once
 * (a stack-pointer switch on x86-64, makecontext/swapcontext elsewhere);
 * every later switch is a _setjmp/_longjmp pair, which saves no signal
 * mask (no system call per switch).  Under
 * AddressSanitizer each switch is announced, so it follows the stacks.
 *
 * What this file does not do: scheduling (the user decides whom to enter
 * next: see file_aio_co_wait), locking (a coroutine must not yield while
 * it holds a lock another coroutine of its thread could take: see
 * bdrv_may_yield).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <setjmp.h>
#include <stdint.h>
#if !defined(__x86_64__)
#include <ucontext.h>
#endif
#include <glib.h>

#include "block/coroutine.h"

#if defined(__SANITIZE_ADDRESS__)
#define CO_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CO_ASAN 1
#endif
#endif
#ifdef CO_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

/* Enough for the deepest block-layer request path (format over format
 * over the file protocol); pages are only touched when used. */
#define CO_STACK_SIZE (1 << 20)

struct Coroutine {
    CoroutineEntry *entry;
    void *opaque;
    jmp_buf self;           /* where the coroutine continues */
    jmp_buf caller;         /* where its enterer continues */
    void *stack;
    bool finished;
    const void *caller_stack;   /* AddressSanitizer: the enterer's stack */
    size_t caller_stack_size;
    void *fake_stack;
    void *caller_fake_stack;    /* AddressSanitizer: the enterer's, saved */
};

static __thread Coroutine *current;

/* AddressSanitizer's view of a switch; nothing without it. */
static void co_switch_start(void **save, const void *bottom, size_t size)
{
#ifdef CO_ASAN
    __sanitizer_start_switch_fiber(save, bottom, size);
#else
    (void)save, (void)bottom, (void)size;
#endif
}

static void co_switch_finish(void *save, const void **bottom, size_t *size)
{
#ifdef CO_ASAN
    __sanitizer_finish_switch_fiber(save, bottom, size);
#else
    (void)save, (void)bottom, (void)size;
#endif
}

/* Back to whoever entered @co; returns when @co is entered again. */
static void co_park(Coroutine *co)
{
    if (!_setjmp(co->self)) {
        co_switch_start(&co->fake_stack, co->caller_stack,
                        co->caller_stack_size);
        _longjmp(co->caller, 1);
    }
    co_switch_finish(co->fake_stack, &co->caller_stack,
                     &co->caller_stack_size);
}

/* First code on the coroutine's stack: park, then run the entry. */
static void co_start(Coroutine *co)
{
    co_switch_finish(NULL, &co->caller_stack, &co->caller_stack_size);
    co_park(co);                /* set up: back to qemu_coroutine_create */
    co->entry(co->opaque);
    co->finished = true;
    /* never resumed: its fake stack frames can go */
    co_switch_start(NULL, co->caller_stack, co->caller_stack_size);
    _longjmp(co->caller, 1);
}

#if defined(__x86_64__)
/*
 * Move to the new stack and call co_start there; it comes back with
 * _longjmp.  (Not swapcontext: AddressSanitizer warns on every process
 * that calls it, which would show in the tools' output.)
 */
static void co_boot(Coroutine *co)
{
    uintptr_t top = ((uintptr_t)co->stack + CO_STACK_SIZE) & ~(uintptr_t)15;
    __asm__ volatile("mov %0, %%rsp\n\t"
                     "mov %1, %%rdi\n\t"
                     "call *%2\n\t"
                     "ud2"
                     : : "r"(top), "r"(co), "r"(co_start) : "memory");
}
#else
static void co_trampoline(int lo, int hi)
{
    co_start((Coroutine *)(((uintptr_t)(unsigned)hi << 32) |
                           (uintptr_t)(unsigned)lo));
}

static void co_boot(Coroutine *co)
{
    ucontext_t uc, old;
    getcontext(&uc);
    uc.uc_stack.ss_sp = co->stack;
    uc.uc_stack.ss_size = CO_STACK_SIZE;
    uc.uc_link = NULL;
    uintptr_t p = (uintptr_t)co;
    makecontext(&uc, (void (*)(void))co_trampoline, 2,
                (int)(unsigned)(p & 0xffffffffu), (int)(unsigned)(p >> 32));
    swapcontext(&old, &uc);
}
#endif

Coroutine *qemu_coroutine_create(CoroutineEntry *entry, void *opaque)
{
    Coroutine *co = g_new0(Coroutine, 1);
    co->entry = entry;
    co->opaque = opaque;
    co->stack = g_malloc(CO_STACK_SIZE);

    /* (what is set between _setjmp and the _longjmp back lives in *co,
     * not in registers) */
    if (!_setjmp(co->caller)) {
        co_switch_start(&co->caller_fake_stack, co->stack, CO_STACK_SIZE);
        co_boot(co);
    }
    co_switch_finish(co->caller_fake_stack, NULL, NULL);
    return co;
}

void qemu_coroutine_enter(Coroutine *co)
{
    g_assert(!co->finished);
    Coroutine *prev = current;
    current = co;
    if (!_setjmp(co->caller)) {
        co_switch_start(&co->caller_fake_stack, co->stack, CO_STACK_SIZE);
        _longjmp(co->self, 1);
    }
    co_switch_finish(co->caller_fake_stack, NULL, NULL);
    current = prev;
}

void qemu_coroutine_yield(void)
{
    Coroutine *co = current;
    g_assert(co);
    co_park(co);
}

Coroutine *qemu_coroutine_self(void)
{
    return current;
}

bool qemu_coroutine_finished(Coroutine *co)
{
    return co->finished;
}

void qemu_coroutine_delete(Coroutine *co)
{
    g_free(co->stack);
    g_free(co);
}
