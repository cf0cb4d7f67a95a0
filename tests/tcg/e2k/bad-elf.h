/*
 * Malformed e2k ELF files made from a valid one, for the loader tests
 * (test-elfload.c in memory, mkbadelf + run-cli-tests.sh through
 * qemu-e2k): each variant names the valid program it starts from, how it
 * is damaged and a phrase the loader's error must contain.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_TCG_E2K_BAD_ELF_H
#define TESTS_TCG_E2K_BAD_ELF_H

#include <glib.h>

typedef struct BadElf {
    const char *name;
    const char *base;                 /* "hello" or "gcd" (ref/<base>.ref.elf) */
    void (*mutate)(GByteArray *elf);
    const char *expect;               /* substring of the error message */
} BadElf;

extern const BadElf bad_elfs[];
extern const size_t n_bad_elfs;

#endif
