/*
 * The harness of bundle-harness.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <stdlib.h>
#include <glib.h>

#include "qemu.h"
#include "qemu/bswap.h"
#include "exec/guest-memory.h"
#include "tcg/tcg.h"
#include "target/e2k/asm-encode.h"
#include "bundle-harness.h"

#define CODE_SIZE   (1 << 20)
#define STACKS_SIZE (2 << 20)
#define SLOT_SIZE   1024

CPUE2KState *harness_env;
static uint64_t code_slot, code_end, stacks;

static void G_GNUC_NORETURN fail_setup(Error *err, const char *what)
{
    if (err) {
        error_report_err(err);
    } else {
        g_printerr("%s\n", what);
    }
    exit(2);
}

uint64_t harness_init(int *argc, char ***argv, const char *model, int isa,
                      int data_pages)
{
    const char *backend = NULL;
    Error *err = NULL;
    int64_t code, data;
    int i, j;

    /* take -b BACKEND out before GTest sees the arguments */
    for (i = 1, j = 1; i < *argc; i++) {
        if (!strcmp((*argv)[i], "-b") && i + 1 < *argc) {
            backend = (*argv)[++i];
        } else {
            (*argv)[j++] = (*argv)[i];
        }
    }
    *argc = j;
    (*argv)[j] = NULL;
    g_test_init(argc, argv, NULL);

    if (backend && !tcg_backend_select(backend, &err)) {
        fail_setup(err, NULL);
    }
    signal_init();          /* host faults in translated code -> guest */
    if (!guest_memory_init((uint64_t)1 << 32, 0, &err)) {
        fail_setup(err, NULL);
    }
    code = target_mmap(0, CODE_SIZE, TARGET_PROT_READ | TARGET_PROT_WRITE |
                       TARGET_PROT_EXEC,
                       TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS, -1, 0);
    stacks = target_mmap(0, STACKS_SIZE, TARGET_PROT_READ | TARGET_PROT_WRITE,
                         TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS, -1, 0);
    data = target_mmap(0, (uint64_t)data_pages * HARNESS_PAGE,
                       TARGET_PROT_READ | TARGET_PROT_WRITE,
                       TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS, -1, 0);
    if (code < 0 || (int64_t)stacks < 0 || data < 0) {
        fail_setup(NULL, "cannot set up guest memory");
    }
    code_slot = code;
    code_end = code + CODE_SIZE;
    harness_env = e2k_cpu_new(model, isa, &err);
    if (!harness_env) {
        fail_setup(err, NULL);
    }
    thread_cpu = harness_env;
    return data;
}

uint64_t harness_assemble(int isa, const char *const *bundles, int n,
                          uint64_t *at)
{
    E2KAsmEnv aenv = { .isa = isa };
    uint64_t start = code_slot, pc = start;
    int b;

    g_assert(code_slot + SLOT_SIZE <= code_end);
    code_slot += SLOT_SIZE;
    if (!(page_get_flags(pc) & PAGE_WRITE)) {
        page_unprotect(pc, 0);      /* translated code write-protects it */
    }
    for (b = 0; b < n; b++) {
        char *copy = g_strdup(bundles[b]);
        char *ops[8], *tok, *save = NULL;
        Error *err = NULL;
        int nops = 0, len;

        for (tok = strtok_r(copy, ";", &save); tok && nops < 8;
             tok = strtok_r(NULL, ";", &save)) {
            ops[nops++] = g_strstrip(tok);
        }
        aenv.pc = pc;
        len = e2k_asm_encode(&aenv, (const char *const *)ops, nops, true,
                             g2h(pc), &err);
        if (len <= 0) {
            g_error("cannot assemble '%s': %s", bundles[b],
                    err ? error_get_pretty(err) : "?");
        }
        g_free(copy);
        if (at) {
            at[b] = pc;
        }
        pc += len;
        g_assert(pc + 8 <= start + SLOT_SIZE);
    }
    if (at) {
        at[n] = pc;
    }
    stl_le_p(g2h(pc), 0x00000800);          /* invalid: stops execution */
    stl_le_p(g2h(pc + 4), 0);
    return start;
}

void harness_assert_signal(int excp, uint64_t pc, int sig, int code,
                           uint64_t addr)
{
    g_assert_cmpint(excp, ==, EXCP_SIGNAL);
    g_assert_cmphex(harness_env->ip, ==, pc);
    g_assert_cmpint(harness_env->exc_signal, ==, sig);
    if (code >= 0) {
        g_assert_cmpint(harness_env->exc_code, ==, code);
    }
    if (sig == 11) {
        g_assert_cmphex(harness_env->exc_addr, ==, addr);
    }
}

void harness_reset(uint64_t pc)
{
    e2k_cpu_reset_for_exec(harness_env, pc, stacks + (1 << 20), stacks,
                           1 << 20, stacks, 512 << 10,
                           stacks + (512 << 10), 256 << 10);
}
