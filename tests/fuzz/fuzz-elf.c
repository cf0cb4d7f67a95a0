/*
 * libFuzzer target for the e2k ELF loader and the initial process image
 * (linux-user/elfload.c, mmap.c): any input must either load, with its
 * entry point executable and a stack built, or fail with an Error; never
 * crash, hang or touch memory outside the guest reservation.
 *
 * fuzz-elf (fast) gives each input a fresh 4 GiB guest address space,
 * which keeps the loader's free-range searches short; fuzz-elf-deep
 * (-DFUZZ_DEEP) the emulator's default 1 TiB one, fresh every 64 inputs
 * (about a hundred times slower).
 *
 * Built with --enable-fuzzing, -DFUZZ_LIBFUZZER selects libFuzzer's entry
 * point; otherwise it builds a replayer: fuzz-elf [--mutate N] FILE...
 * loads each file, then N random mutations of its headers, in the
 * default address space.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "qemu.h"

#if defined(FUZZ_LIBFUZZER) && !defined(FUZZ_DEEP)
#define FUZZ_GUEST_SPACE ((uint64_t)1 << 32)
#define FUZZ_FRESH_SPACE 1
#else
#define FUZZ_GUEST_SPACE GUEST_SPACE_DEFAULT_SIZE
#define FUZZ_FRESH_SPACE 64
#endif

static void load_one(const uint8_t *data, size_t size)
{
    static int uses;
    ImageInfo info;
    Error *err = NULL;
    char *argv[] = { "prog", "arg", NULL };
    char *envp[] = { "A=1", NULL };

    /* A fresh address space now and then keeps the map from filling
       (and the free-range searches short). */
    if (!guest_space_size || ++uses % FUZZ_FRESH_SPACE == 0) {
        guest_memory_cleanup();
        if (!guest_memory_init(FUZZ_GUEST_SPACE, 0, &err)) {
            error_report_err(err);
            abort();
        }
    }
    if (!elf_load_image("fuzz", data, size, &info, &err)) {
        g_assert(err);
        error_free(err);
        return;
    }
    g_assert(page_get_flags(info.entry) & PAGE_EXEC);
    if (!setup_process_stacks(&info, 2, argv, envp, "/fuzz", 256 * 1024,
                              &err)) {
        error_free(err);
        return;
    }
    g_assert(page_check_range(info.sp, 8, PAGE_READ | PAGE_WRITE));
}

#ifdef FUZZ_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_one(data, size);
    return 0;
}
#else
int main(int argc, char **argv)
{
    int first = 1, mutations = 0;
    GRand *rand = g_rand_new_with_seed(0xe1f);

    if (argc > 2 && strcmp(argv[1], "--mutate") == 0) {
        mutations = atoi(argv[2]);
        first = 3;
    }
    for (int i = first; i < argc; i++) {
        gchar *data;
        gsize len;
        GError *gerr = NULL;

        if (!g_file_get_contents(argv[i], &data, &len, &gerr)) {
            fprintf(stderr, "fuzz-elf: %s\n", gerr->message);
            return 1;
        }
        load_one((const uint8_t *)data, len);
        for (int m = 0; m < mutations; m++) {
            guint8 *copy = g_malloc(len + 1);
            gsize clen = len;

            memcpy(copy, data, len);
            for (int k = g_rand_int_range(rand, 1, 8); k > 0; k--) {
                gsize span = MIN(len, 64 + 3 * 56);
                copy[g_rand_int_range(rand, 0, span)] =
                    g_rand_int_range(rand, 0, 256);
            }
            if (g_rand_int_range(rand, 0, 6) == 0) {
                clen = g_rand_int_range(rand, 0, len + 1);
            }
            load_one(copy, clen);
            g_free(copy);
        }
        g_free(data);
    }
    g_rand_free(rand);
    printf("fuzz-elf: %d files, %d mutations each: no crash\n",
           argc - first, mutations);
    return 0;
}
#endif
