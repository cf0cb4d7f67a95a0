/*
 * What the linux-user test doubles in fake-cpu.c record.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_TCG_E2K_FAKE_CPU_H
#define TESTS_TCG_E2K_FAKE_CPU_H

#include <stdint.h>

#include "target/e2k/cpu.h"
#include "exec/guest-memory.h"

/* e2k_flush_reg_stack() returns this (procedure stack bytes in use). */
extern uint64_t fake_ps_used;
/* tb_invalidate_guest_page() calls so far, and the last page. */
extern unsigned fake_invalidations;
extern uint64_t fake_last_invalidated;

#endif
