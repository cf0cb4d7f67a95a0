/*
 * The list of guest CPUs and exclusive sections (include/exec/cpu-list.h).
 *
 * Invariant: pending_cpus is 0 outside an exclusive section; inside one
 * it is 1 plus the number of CPUs that were running translated code when
 * it started and have not left it yet.  Every change of pending_cpus,
 * running and has_waiter happens under list_lock, except the fast paths
 * of cpu_exec_start/cpu_exec_end, which publish `running' first and only
 * then look at pending_cpus (a full barrier between), so either the CPU
 * sees the pending section or start_exclusive sees the CPU running.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <pthread.h>
#include <string.h>

#include "exec/cpu-list.h"

/* pthread primitives, not GLib's (futex-based on Linux): ThreadSanitizer
   follows these. */
static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t exclusive_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t exclusive_resume = PTHREAD_COND_INITIALIZER;
static GPtrArray *cpus;
static int pending_cpus;

void cpu_list_add(CPUE2KState *env)
{
    pthread_mutex_lock(&list_lock);
    if (!cpus) {
        cpus = g_ptr_array_new();
    }
    g_ptr_array_add(cpus, env);
    pthread_mutex_unlock(&list_lock);
}

void cpu_list_remove(CPUE2KState *env)
{
    pthread_mutex_lock(&list_lock);
    if (cpus) {
        g_ptr_array_remove_fast(cpus, env);
    }
    pthread_mutex_unlock(&list_lock);
}

unsigned cpu_list_remove_count(CPUE2KState *env)
{
    unsigned n;

    pthread_mutex_lock(&list_lock);
    if (cpus) {
        g_ptr_array_remove_fast(cpus, env);
    }
    n = cpus ? cpus->len : 0;
    pthread_mutex_unlock(&list_lock);
    return n;
}

void cpu_list_fork_child(CPUE2KState *env)
{
    /* only the forking thread exists in the child: forget the others,
       and the exclusive section the parent may have been in */
    pthread_mutex_init(&list_lock, NULL);
    pthread_cond_init(&exclusive_cond, NULL);
    pthread_cond_init(&exclusive_resume, NULL);
    __atomic_store_n(&pending_cpus, 0, __ATOMIC_SEQ_CST);
    if (cpus) {
        g_ptr_array_set_size(cpus, 0);
        g_ptr_array_add(cpus, env);
    }
    env->has_waiter = false;
}

void cpu_list_foreach(void (*fn)(CPUE2KState *env, void *opaque),
                      void *opaque)
{
    guint i;

    pthread_mutex_lock(&list_lock);
    for (i = 0; cpus && i < cpus->len; i++) {
        fn(g_ptr_array_index(cpus, i), opaque);
    }
    pthread_mutex_unlock(&list_lock);
}

unsigned cpu_list_count(void)
{
    unsigned n;

    pthread_mutex_lock(&list_lock);
    n = cpus ? cpus->len : 0;
    pthread_mutex_unlock(&list_lock);
    return n;
}

/* Wait until no exclusive section is pending.  list_lock held. */
static void exclusive_idle(void)
{
    while (pending_cpus) {
        pthread_cond_wait(&exclusive_resume, &list_lock);
    }
}

void cpu_exec_start(CPUE2KState *env)
{
    __atomic_store_n(&env->running, true, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&pending_cpus, __ATOMIC_SEQ_CST)) {
        pthread_mutex_lock(&list_lock);
        if (!env->has_waiter) {
            /* Not counted by the section: stay out until it ends. */
            __atomic_store_n(&env->running, false, __ATOMIC_SEQ_CST);
            exclusive_idle();
            __atomic_store_n(&env->running, true, __ATOMIC_SEQ_CST);
        }
        /* else the section waits for us: it will see cpu_exec_end */
        pthread_mutex_unlock(&list_lock);
    }
}

void cpu_exec_end(CPUE2KState *env)
{
    __atomic_store_n(&env->running, false, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&pending_cpus, __ATOMIC_SEQ_CST)) {
        pthread_mutex_lock(&list_lock);
        if (env->has_waiter) {
            env->has_waiter = false;
            __atomic_sub_fetch(&pending_cpus, 1, __ATOMIC_SEQ_CST);
            if (pending_cpus == 1) {
                pthread_cond_signal(&exclusive_cond);
            }
        }
        pthread_mutex_unlock(&list_lock);
    }
}

void start_exclusive(void)
{
    int running = 0;
    guint i;

    pthread_mutex_lock(&list_lock);
    exclusive_idle();
    __atomic_store_n(&pending_cpus, 1, __ATOMIC_SEQ_CST);
    for (i = 0; cpus && i < cpus->len; i++) {
        CPUE2KState *other = g_ptr_array_index(cpus, i);

        if (__atomic_load_n(&other->running, __ATOMIC_SEQ_CST)) {
            other->has_waiter = true;
            running++;
            e2k_cpu_exit_request(other);
        }
    }
    __atomic_store_n(&pending_cpus, running + 1, __ATOMIC_SEQ_CST);
    while (pending_cpus > 1) {
        pthread_cond_wait(&exclusive_cond, &list_lock);
    }
    pthread_mutex_unlock(&list_lock);
}

void end_exclusive(void)
{
    pthread_mutex_lock(&list_lock);
    __atomic_store_n(&pending_cpus, 0, __ATOMIC_SEQ_CST);
    pthread_cond_broadcast(&exclusive_resume);
    pthread_mutex_unlock(&list_lock);
}
