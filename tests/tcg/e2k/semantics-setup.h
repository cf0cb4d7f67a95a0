/*
 * The common start of the execution-vector tests (test-alu-semantics,
 * test-fpu-semantics): command line, backend, guest memory, a CPU and the
 * gzipped vector file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_TCG_E2K_SEMANTICS_SETUP_H
#define TESTS_TCG_E2K_SEMANTICS_SETUP_H

#include <stdbool.h>
#include <stdint.h>
#include <zlib.h>

#include "target/e2k/cpu.h"

typedef struct SemanticsRun {
    const char *file;       /* the vector file (FILE.tsv.gz) */
    bool verbose;           /* -v */
    CPUE2KState *env;       /* a CPU of the requested model */
    int64_t code;           /* 32 MiB of RWX guest memory for the bundles */
    int64_t stacks;         /* 2 MiB of RW guest memory for the stacks */
    gzFile gz;              /* @file, open */
} SemanticsRun;

/*
 * Parse "[-v] [-b native|interp] FILE.tsv.gz", select the backend, set up
 * a 4 GiB guest space with the code and stack areas and a CPU of @model
 * (ISA @isa), and open the file.  Returns 0, or 2 after saying why.
 */
int semantics_setup(int argc, char **argv, const char *model, int isa,
                    SemanticsRun *run);

#endif
