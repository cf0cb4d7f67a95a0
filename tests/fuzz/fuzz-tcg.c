/*
 * libFuzzer target for the TCG pipeline: the input bytes drive the random
 * IR program generator of tests/unit/test-tcg-gen.h; the program runs on
 * the interpreter without optimization (the reference) and on the
 * interpreter and x86-64 backend with optimization, and any difference
 * in final CPU state or guest memory aborts.  The first 8 bytes seed the
 * initial state.
 *
 * Built with --enable-fuzzing, -DFUZZ_LIBFUZZER selects libFuzzer's entry
 * point (make fuzz TARGET=tcg).  Otherwise it builds a replayer:
 * fuzz-tcg FILE... runs the given inputs, fuzz-tcg --random N runs N
 * pseudo-random inputs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "tcg/tcg-internal.h"
#include "../unit/test-tcg-gen.h"

typedef struct FuzzState {
    TestEnv env;
    uint8_t mem[FZ_MEM_SIZE];
} FuzzState;

static uint8_t *fuzz_mem;

static void fuzz_init(void)
{
    static bool done;

    if (done) {
        return;
    }
    done = true;
    test_tcg_setup();
    fuzz_mem = mmap(NULL, FZ_MEM_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (fuzz_mem == MAP_FAILED) {
        abort();
    }
    guest_base = (uintptr_t)fuzz_mem;
}

static void run_config(const uint8_t *data, size_t size, uint64_t seed,
                       int backend, bool optimize, FuzzState *st)
{
    FuzzSrc f = { .data = data, .len = size, .rng = seed };
    TranslationBlock tb;

    use_backend(backend);
    tcg_optimize_disabled = !optimize;
    tcg_code_buffer_reset();
    fz_gen_program(&f, 200);
    memset(&tb, 0, sizeof(tb));
    if (tcg_gen_code(tcg_ctx, &tb) < 0) {
        abort();
    }
    tcg_optimize_disabled = false;
    fz_init_state(seed, &st->env, fuzz_mem);
    tcg_qemu_tb_exec(&st->env, tb.tc.ptr);
    memcpy(st->mem, fuzz_mem, FZ_MEM_SIZE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FuzzState ref, got;
    uint64_t seed = 0;

    fuzz_init();
    for (size_t i = 0; i < 8 && i < size; i++) {
        seed = (seed << 8) | data[i];
    }
    if (size > 8) {
        data += 8;
        size -= 8;
    } else {
        size = 0;
    }
    run_config(data, size, seed, 1, false, &ref);
    run_config(data, size, seed, 1, true, &got);
    if (memcmp(&ref, &got, sizeof(ref))) {
        fprintf(stderr, "fuzz-tcg: optimized interpreter differs\n");
        abort();
    }
    run_config(data, size, seed, 0, true, &got);
    if (memcmp(&ref, &got, sizeof(ref))) {
        fprintf(stderr, "fuzz-tcg: x86-64 backend differs\n");
        abort();
    }
    return 0;
}

#ifndef FUZZ_LIBFUZZER
int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--random")) {
        long n = atol(argv[2]);
        FuzzSrc r = { .rng = 12345 };
        for (long i = 0; i < n; i++) {
            uint8_t buf[512];
            size_t len = 8 + fz_rand64(&r) % (sizeof(buf) - 8);
            for (size_t j = 0; j < len; j++) {
                buf[j] = (uint8_t)fz_rand64(&r);
            }
            LLVMFuzzerTestOneInput(buf, len);
        }
        printf("fuzz-tcg: %ld random inputs agree\n", n);
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        gchar *buf;
        gsize len;
        if (!g_file_get_contents(argv[i], &buf, &len, NULL)) {
            fprintf(stderr, "fuzz-tcg: cannot read %s\n", argv[i]);
            return 1;
        }
        LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
        g_free(buf);
    }
    return 0;
}
#endif
