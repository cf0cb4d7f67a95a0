/*
 * The guest CPUs of the process (one per guest thread) and exclusive
 * sections: a piece of work that runs while every other guest thread is
 * stopped at a safe point (outside translated code: in the execution
 * loop between TBs, or in a system call).  A TB cache flush runs in one,
 * so no thread can be executing code that the flush frees.
 *
 * The scheme is QEMU's: a CPU marks itself running around the execution
 * of translated code (cpu_exec_start/cpu_exec_end); start_exclusive asks
 * every running CPU to leave (exit_request) and waits until all have;
 * a CPU that wants to start running while an exclusive section is
 * pending waits until it ends.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EXEC_CPU_LIST_H
#define EXEC_CPU_LIST_H

#include <glib.h>

#include "target/e2k/cpu.h"

void cpu_list_add(CPUE2KState *env);
void cpu_list_remove(CPUE2KState *env);
/* Call @fn for every CPU of the process, under the list lock. */
void cpu_list_foreach(void (*fn)(CPUE2KState *env, void *opaque),
                      void *opaque);
unsigned cpu_list_count(void);

/* Around the execution of translated code by @env's thread. */
void cpu_exec_start(CPUE2KState *env);
void cpu_exec_end(CPUE2KState *env);

/* Stop every other CPU at a safe point; the caller must not be between
   cpu_exec_start and cpu_exec_end itself.  Not nestable. */
void start_exclusive(void);
void end_exclusive(void);

#endif
