/*
 * Test doubles for the few CPU entry points the linux-user library calls,
 * so test-elfload and test-syscall can link it without target/e2k:
 * they record what linux-user asked for and never execute guest code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>

#include "fake-cpu.h"
#include "target/e2k/fpu_helper.h"

uint64_t fake_ps_used;
unsigned fake_invalidations;
uint64_t fake_last_invalidated = UINT64_MAX;

void tb_invalidate_guest_page(uint64_t guest_page)
{
    fake_invalidations++;
    fake_last_invalidated = guest_page;
}

uint64_t e2k_flush_reg_stack(CPUE2KState *env)
{
    return fake_ps_used;
}

bool cpu_restore_state_from_host_pc(CPUE2KState *env, uintptr_t host_pc)
{
    return false;
}

void e2k_raise_signal(CPUE2KState *env, int sig, int code, uint64_t addr,
                      uint64_t pc)
{
    abort();
}

/* Only after cpu_restore_state_from_host_pc, which never succeeds here. */
void e2k_fpu_sync_saved_flags(CPUE2KState *env, uint32_t mxcsr)
{
    abort();
}

/* Threads (linux-user/thread.c): one CPU, which never runs here. */
unsigned cpu_list_count(void)
{
    return 1;
}

void start_exclusive(void)
{
}

void end_exclusive(void)
{
}

CPUE2KState *e2k_cpu_copy_for_thread(const CPUE2KState *parent)
{
    abort();
}

void e2k_cpu_free(CPUE2KState *env)
{
    abort();
}

void e2k_syscall_return(CPUE2KState *env, int64_t ret)
{
    abort();
}

unsigned cpu_list_remove_count(CPUE2KState *env)
{
    return 0;
}

void cpu_list_fork_child(CPUE2KState *env)
{
}

/* No code buffer here: a forked test child has nothing to copy. */
bool tcg_code_buffer_fork_child(void)
{
    return true;
}
