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
#include "exec/cpu-list.h"

static GMutex list_lock;
static GCond exclusive_cond;    /* the last running CPU left */
static GCond exclusive_resume;  /* the section ended */
static GPtrArray *cpus;
static int pending_cpus;

void cpu_list_add(CPUE2KState *env)
{
    g_mutex_lock(&list_lock);
    if (!cpus) {
        cpus = g_ptr_array_new();
    }
    g_ptr_array_add(cpus, env);
    g_mutex_unlock(&list_lock);
}

void cpu_list_remove(CPUE2KState *env)
{
    g_mutex_lock(&list_lock);
    if (cpus) {
        g_ptr_array_remove_fast(cpus, env);
    }
    g_mutex_unlock(&list_lock);
}

void cpu_list_foreach(void (*fn)(CPUE2KState *env, void *opaque),
                      void *opaque)
{
    guint i;

    g_mutex_lock(&list_lock);
    for (i = 0; cpus && i < cpus->len; i++) {
        fn(g_ptr_array_index(cpus, i), opaque);
    }
    g_mutex_unlock(&list_lock);
}

unsigned cpu_list_count(void)
{
    unsigned n;

    g_mutex_lock(&list_lock);
    n = cpus ? cpus->len : 0;
    g_mutex_unlock(&list_lock);
    return n;
}

/* Wait until no exclusive section is pending.  list_lock held. */
static void exclusive_idle(void)
{
    while (pending_cpus) {
        g_cond_wait(&exclusive_resume, &list_lock);
    }
}

void cpu_exec_start(CPUE2KState *env)
{
    __atomic_store_n(&env->running, true, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&pending_cpus, __ATOMIC_SEQ_CST)) {
        g_mutex_lock(&list_lock);
        if (!env->has_waiter) {
            /* Not counted by the section: stay out until it ends. */
            __atomic_store_n(&env->running, false, __ATOMIC_SEQ_CST);
            exclusive_idle();
            __atomic_store_n(&env->running, true, __ATOMIC_SEQ_CST);
        }
        /* else the section waits for us: it will see cpu_exec_end */
        g_mutex_unlock(&list_lock);
    }
}

void cpu_exec_end(CPUE2KState *env)
{
    __atomic_store_n(&env->running, false, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&pending_cpus, __ATOMIC_SEQ_CST)) {
        g_mutex_lock(&list_lock);
        if (env->has_waiter) {
            env->has_waiter = false;
            pending_cpus--;
            if (pending_cpus == 1) {
                g_cond_signal(&exclusive_cond);
            }
        }
        g_mutex_unlock(&list_lock);
    }
}

void start_exclusive(void)
{
    int running = 0;
    guint i;

    g_mutex_lock(&list_lock);
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
    pending_cpus = running + 1;
    while (pending_cpus > 1) {
        g_cond_wait(&exclusive_cond, &list_lock);
    }
    g_mutex_unlock(&list_lock);
}

void end_exclusive(void)
{
    g_mutex_lock(&list_lock);
    __atomic_store_n(&pending_cpus, 0, __ATOMIC_SEQ_CST);
    g_cond_broadcast(&exclusive_resume);
    g_mutex_unlock(&list_lock);
}
