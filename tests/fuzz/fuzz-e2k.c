/*
 * Fuzz target for the e2k front end: the input bytes are e2k code, placed
 * after a setwd wide instruction in an executable guest page and run
 * through the real decoder, translator, TB cache and TCG backend until
 * the guest faults or the code runs out (an invalid wide instruction ends
 * it), twice: once without chaining, where every TB comes back to the
 * loop and 2000 TBs are the limit, and once with chaining and loops
 * inside TBs, where a watchdog thread stops the guest after 2 ms through
 * e2k_cpu_exit_request.  System calls return -ENOSYS.  Any host crash,
 * abort, hang or sanitizer report is a bug; guest signals are the
 * expected outcome.
 *
 * fuzz-e2k (fast) runs the unchained mode only, with a budget of 64 TBs,
 * so every input costs a bounded amount of translation and execution;
 * fuzz-e2k-deep (-DFUZZ_DEEP) runs both modes as above.
 *
 * Built with --enable-fuzzing, -DFUZZ_LIBFUZZER selects libFuzzer's entry
 * point.  Otherwise it is a replayer: fuzz-e2k FILE... runs the code of
 * each file (the executable segment of an ELF file, else the raw bytes)
 * in both modes; with --mutate N, also N mutations of each.  Backend: the
 * QEMU_TCG_BACKEND environment variable.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "qemu.h"
#include "qemu/bswap.h"
#include "exec/guest-memory.h"
#include "target/e2k/cpu.h"
#include "accel/tcg/tb-internal.h"

#define CODE_SIZE  (64 * 1024)
#define MAX_CODE   (CODE_SIZE - 64)

/* { sdisp %ctpr1, 0x3 ; setwd wsz=0x8, nfx=0x1 } */
static const uint8_t prologue[16] = {
    0x12, 0xc0, 0x00, 0x00, 0x03, 0x00, 0x00, 0x60,
    0x00, 0x00, 0x00, 0x00, 0x10, 0x01, 0x00, 0x00,
};

static CPUE2KState *env;
static int64_t code, stacks;

/* The watchdog: stops the guest once the deadline (monotonic time, 0:
   none) has passed. */
static GMutex watch_lock;
static gint64 watch_deadline;

#if !defined(FUZZ_LIBFUZZER) || defined(FUZZ_DEEP)
static gpointer watchdog(gpointer opaque)
{
    for (;;) {
        g_usleep(500);
        g_mutex_lock(&watch_lock);
        if (watch_deadline && g_get_monotonic_time() > watch_deadline) {
            e2k_cpu_exit_request(env);
            watch_deadline = 0;
        }
        g_mutex_unlock(&watch_lock);
    }
    return NULL;
}
#endif

static void watch_set(gint64 deadline)
{
    g_mutex_lock(&watch_lock);
    watch_deadline = deadline;
    if (!deadline) {
        env->exit_request = 0;      /* one that came too late */
    }
    g_mutex_unlock(&watch_lock);
}

static void fuzz_init(void)
{
    Error *err = NULL;

    if (env) {
        return;
    }
    if (!guest_memory_init((uint64_t)1 << 32, 0, &err)) {
        error_report_err(err);
        abort();
    }
    signal_init();
    code = target_mmap(0x400000, CODE_SIZE, TARGET_PROT_READ | TARGET_PROT_WRITE |
                       TARGET_PROT_EXEC,
                       TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS, -1, 0);
    stacks = target_mmap(0x1000000, 4 << 20, TARGET_PROT_READ | TARGET_PROT_WRITE,
                         TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS, -1, 0);
    env = e2k_cpu_new(NULL, 4, &err);
    if (code < 0 || stacks < 0 || !env) {
        abort();
    }
    thread_cpu = env;
#if !defined(FUZZ_LIBFUZZER) || defined(FUZZ_DEEP)
    /* (only the chained mode needs it; a second thread makes every leak
       check libFuzzer runs stop the world) */
    g_thread_new("watchdog", watchdog, NULL);
#endif
}

static void run_code_once(const uint8_t *data, size_t len, bool chained,
                          int tb_budget)
{
    uint64_t a;
    uint8_t *p;
    int steps;

    fuzz_init();
    p = g2h(code);
    if (len > MAX_CODE - sizeof(prologue)) {
        len = MAX_CODE - sizeof(prologue);
    }
    /* translated code write-protected the pages: open them again (this
       drops the old translations, as a guest store would) */
    for (a = code; a < (uint64_t)code + CODE_SIZE; a += TARGET_PAGE_SIZE) {
        if (!(page_get_flags(a) & PAGE_WRITE)) {
            page_unprotect(a, 0);
        }
    }
    memset(p, 0, CODE_SIZE);
    memcpy(p, prologue, sizeof(prologue));
    memcpy(p + sizeof(prologue), data, len);
    /* an invalid wide instruction (reserved HS bit 11) ends the code */
    stl_le_p(p + sizeof(prologue) + len, 0x00000800);

    e2k_cpu_reset_for_exec(env, code, stacks + (1 << 20), stacks, 1 << 20,
                           stacks + (1 << 20), 2 << 20,
                           stacks + (3 << 20), 1 << 20);
    env->no_chain = !chained;
    env->tb_budget = tb_budget;
    if (chained) {
        watch_set(g_get_monotonic_time() + 2000);
    }
    for (steps = 0; steps < 100; steps++) {
        int excp = e2k_cpu_exec(env);

        if (excp != EXCP_SYSCALL) {
            break;          /* a guest signal, the budget, the watchdog */
        }
        e2k_syscall_return(env, -38);       /* ENOSYS */
    }
    if (chained) {
        watch_set(0);
    }
}

#if !defined(FUZZ_LIBFUZZER) || defined(FUZZ_DEEP)
static void run_code(const uint8_t *data, size_t len)
{
    /* (run_code_once drops the translations of the previous run, so
       the two modes never share a TB) */
    run_code_once(data, len, false, 2000);
    run_code_once(data, len, true, 2000);
}
#endif

#ifndef FUZZ_LIBFUZZER
/* The executable PT_LOAD segment of an ELF64 file, else the whole file. */
static void code_of(const uint8_t *data, size_t len, const uint8_t **out,
                    size_t *out_len)
{
    *out = data;
    *out_len = len;
    if (len >= 64 && !memcmp(data, "\x7f" "ELF", 4) && data[4] == 2) {
        uint64_t phoff = ldq_le_p(data + 32);
        unsigned phnum = lduw_le_p(data + 56), i;

        for (i = 0; i < phnum && phoff + 56 * (uint64_t)(i + 1) <= len;
             i++) {
            const uint8_t *ph = data + phoff + 56 * i;
            uint64_t off = ldq_le_p(ph + 8), fsz = ldq_le_p(ph + 32);

            if (ldl_le_p(ph) == 1 && (ldl_le_p(ph + 4) & 1) &&
                off <= len && fsz <= len - off) {
                /* skip the ELF and program headers in the segment */
                uint64_t entry = ldq_le_p(data + 24);
                uint64_t vaddr = ldq_le_p(ph + 16);
                uint64_t skip = entry >= vaddr && entry - vaddr < fsz ?
                                entry - vaddr : 0;

                *out = data + off + skip;
                *out_len = fsz - skip;
                return;
            }
        }
    }
}

#endif

#ifdef FUZZ_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef FUZZ_DEEP
    run_code(data, size);
#else
    run_code_once(data, size, false, 64);
    /* drop this input's translations now: libFuzzer counts what an input
       leaves allocated as a suspected leak and scans the heap for it */
    tb_flush(env);
#endif
    return 0;
}
#else
int main(int argc, char **argv)
{
    int first = 1, mutations = 0, i, m;
    GRand *rand = g_rand_new_with_seed(0xe2c);

    if (argc > 2 && strcmp(argv[1], "--mutate") == 0) {
        mutations = atoi(argv[2]);
        first = 3;
    }
    for (i = first; i < argc; i++) {
        gchar *data;
        gsize len;
        const uint8_t *c;
        size_t clen;
        GError *gerr = NULL;

        if (!g_file_get_contents(argv[i], &data, &len, &gerr)) {
            fprintf(stderr, "fuzz-e2k: %s\n", gerr->message);
            return 1;
        }
        code_of((const uint8_t *)data, len, &c, &clen);
        run_code(c, clen);
        for (m = 0; m < mutations && clen; m++) {
            uint8_t *copy = g_memdup2(c, clen);
            int k;

            for (k = g_rand_int_range(rand, 1, 8); k > 0; k--) {
                copy[g_rand_int_range(rand, 0, clen)] ^=
                    1u << g_rand_int_range(rand, 0, 8);
            }
            run_code(copy, clen);
            g_free(copy);
        }
        g_free(data);
    }
    g_rand_free(rand);
    printf("fuzz-e2k: %d inputs, %d mutations each: no crash\n",
           argc - first, mutations);
    return 0;
}
#endif
