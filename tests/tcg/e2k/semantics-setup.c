/*
 * The common start of the execution-vector tests (semantics-setup.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "qemu.h"
#include "exec/guest-memory.h"
#include "tcg/tcg.h"
#include "semantics-setup.h"

int semantics_setup(int argc, char **argv, const char *model, int isa,
                    SemanticsRun *run)
{
    const char *backend = NULL;
    Error *err = NULL;
    int i;

    memset(run, 0, sizeof(*run));
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v")) {
            run->verbose = true;
        } else if (!strcmp(argv[i], "-b") && i + 1 < argc) {
            backend = argv[++i];
        } else {
            run->file = argv[i];
        }
    }
    if (!run->file) {
        fprintf(stderr, "usage: %s [-v] [-b native|interp] FILE.tsv.gz\n",
                argv[0]);
        return 2;
    }
    if (backend && !tcg_backend_select(backend, &err)) {
        error_report_err(err);
        return 2;
    }
    if (!guest_memory_init((uint64_t)1 << 32, 0, &err)) {
        error_report_err(err);
        return 2;
    }
    run->code = target_mmap(0, 32 << 20, TARGET_PROT_READ |
                            TARGET_PROT_WRITE | TARGET_PROT_EXEC,
                            TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS, -1, 0);
    run->stacks = target_mmap(0, 2 << 20,
                              TARGET_PROT_READ | TARGET_PROT_WRITE,
                              TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS,
                              -1, 0);
    if (run->code < 0 || run->stacks < 0) {
        fprintf(stderr, "cannot map guest memory\n");
        return 2;
    }
    run->env = e2k_cpu_new(model, isa, &err);
    if (!run->env) {
        error_report_err(err);
        return 2;
    }
    run->gz = gzopen(run->file, "rb");
    if (!run->gz) {
        fprintf(stderr, "%s: cannot open\n", run->file);
        return 2;
    }
    return 0;
}
