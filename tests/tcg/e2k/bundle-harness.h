/*
 * A harness for tests that run a few wide instructions through the real
 * translator and backend and then look at the CPU and guest memory, as
 * a guest program that dies from a fault cannot: command line (-b
 * BACKEND), guest memory with a code area and hardware stacks, a CPU,
 * assembly of wide instructions with our encoder followed by an invalid
 * one that stops execution (SIGILL, ILL_ILLOPC), and a reset to run them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_TCG_E2K_BUNDLE_HARNESS_H
#define TESTS_TCG_E2K_BUNDLE_HARNESS_H

#include <stdint.h>

#include "target/e2k/cpu.h"

#define HARNESS_PAGE TARGET_PAGE_SIZE

/* The CPU under test. */
extern CPUE2KState *harness_env;

/*
 * Take "-b BACKEND" out of the arguments, start GTest, select the
 * backend, route host faults in translated code to the guest, and set up
 * guest memory and a CPU of @model (ISA @isa).  @data_pages pages of
 * read-write data are mapped; the first page's address is returned.
 * Exits with status 2 and a message when any of that fails.
 */
uint64_t harness_init(int *argc, char ***argv, const char *model, int isa,
                      int data_pages);

/*
 * Assemble @n wide instructions (each "op ; op ; ...") for ISA @isa at a
 * fresh code slot, then the invalid stop instruction.  at[i] (when @at
 * is not NULL) receives the address of wide instruction i and at[n] that
 * of the stop.  Returns the address of the first.
 */
uint64_t harness_assemble(int isa, const char *const *bundles, int n,
                          uint64_t *at);

/* Reset the CPU to start at @pc on the harness's hardware stacks. */
void harness_reset(uint64_t pc);

/* e2k_cpu_exec returned @excp for guest signal @sig raised at @pc, with
   si_code @code (unless -1) and, for SIGSEGV, fault address @addr. */
void harness_assert_signal(int excp, uint64_t pc, int sig, int code,
                           uint64_t addr);

#endif
