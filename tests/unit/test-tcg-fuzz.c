/*
 * Differential fuzzing of the TCG pipeline: thousands of random IR
 * programs (test-tcg-gen.h) run on four configurations - x86-64 and
 * interpreter, each with and without the optimizer - and the final CPU
 * state and guest memory must be identical.  TCG_FUZZ_COUNT and
 * TCG_FUZZ_SEED override the number of programs and the first seed,
 * TCG_FUZZ_NOPS the smallest program (default 10 ops, up to 59 more),
 * TCG_FUZZ_VERBOSE=1 logs optimized IR and host code; a failure prints
 * the seed and the program's IR.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "qemu/log.h"
#include "tcg/tcg-internal.h"
#include "test-tcg-gen.h"

typedef struct FuzzResult {
    TestEnv env;
    uint8_t mem[FZ_MEM_SIZE];
} FuzzResult;

static uint8_t *fz_mem;

static const struct {
    int backend;
    bool optimize;
    const char *name;
} configs[] = {
    { 1, false, "interp, unoptimized" },
    { 1, true, "interp, optimized" },
    { 0, false, "native, unoptimized" },
    { 0, true, "native, optimized" },
};

static int fz_run(uint64_t seed, int nops, int cfg, FuzzResult *res)
{
    FuzzSrc f = { .rng = seed };
    TranslationBlock tb;
    int n;

    use_backend(configs[cfg].backend);
    tcg_optimize_disabled = !configs[cfg].optimize;
    tcg_code_buffer_reset();
    fz_gen_program(&f, nops);
    memset(&tb, 0, sizeof(tb));
    n = tcg_gen_code(tcg_ctx, &tb);
    tcg_optimize_disabled = false;
    if (n < 0) {
        return n;
    }
    fz_init_state(seed, &res->env, fz_mem);
    g_assert_cmphex(tcg_qemu_tb_exec(&res->env, tb.tc.ptr), ==, 0);
    memcpy(res->mem, fz_mem, FZ_MEM_SIZE);
    return 0;
}

static void fz_report(uint64_t seed, int nops, int cfg, const FuzzResult *a,
                      const FuzzResult *b)
{
    FuzzSrc f = { .rng = seed };

    g_test_message("seed %#" G_GINT64_MODIFIER "x nops %d: '%s' differs from "
                   "'%s'", seed, nops, configs[cfg].name, configs[0].name);
    for (size_t i = 0; i < sizeof(TestEnv) / 8; i++) {
        uint64_t x, y;
        memcpy(&x, (const uint8_t *)&a->env + 8 * i, 8);
        memcpy(&y, (const uint8_t *)&b->env + 8 * i, 8);
        if (x != y) {
            g_test_message("  env word %zu: %#" G_GINT64_MODIFIER "x vs %#"
                           G_GINT64_MODIFIER "x", i, x, y);
        }
    }
    for (int i = 0; i < FZ_MEM_SIZE; i++) {
        if (a->mem[i] != b->mem[i]) {
            g_test_message("  mem[%d]: %#x vs %#x", i, a->mem[i], b->mem[i]);
        }
    }
    fz_gen_program(&f, nops);
    tcg_dump_ops(tcg_ctx, stderr);
}

static void test_fuzz(void)
{
    const char *cs = getenv("TCG_FUZZ_COUNT");
    const char *ss = getenv("TCG_FUZZ_SEED");
    const char *ns = getenv("TCG_FUZZ_NOPS");
    long count = cs ? atol(cs) : 5000;
    int min_ops = ns ? atoi(ns) : 10;
    uint64_t base = ss ? strtoull(ss, NULL, 0) : 1;

    if (getenv("TCG_FUZZ_VERBOSE")) {
        qemu_set_log(CPU_LOG_TB_OP_OPT | CPU_LOG_TB_OUT_ASM);
    }
    FuzzResult *ref = g_new0(FuzzResult, 1), *res = g_new0(FuzzResult, 1);
    long compared = 0;

    for (long i = 0; i < count; i++) {
        uint64_t seed = base + (uint64_t)i;
        int nops = min_ops + (int)(seed % 60);

        g_assert_cmpint(fz_run(seed, nops, 0, ref), ==, 0);
        for (size_t c = 1; c < G_N_ELEMENTS(configs); c++) {
            g_assert_cmpint(fz_run(seed, nops, c, res), ==, 0);
            if (memcmp(ref, res, sizeof(*ref)) != 0) {
                fz_report(seed, nops, c, ref, res);
                g_assert_not_reached();
            }
            compared++;
        }
    }
    g_test_message("%ld programs, %ld comparisons", count, compared);
    g_free(ref);
    g_free(res);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    test_tcg_setup();
    fz_mem = mmap(NULL, FZ_MEM_SIZE, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(fz_mem != MAP_FAILED);
    guest_base = (uintptr_t)fz_mem;
    g_test_add_func("/tcg/fuzz/differential", test_fuzz);
    return g_test_run();
}
