/*
 * Fuzz target for the e2k assembler front end (tools/e2k-asm): the input
 * is the text of one source file (not preprocessed).  It is assembled
 * as `e2k-asm -c' would (fixups become relocations, an object is written)
 * or as a program (globals resolved, linked into an executable at the
 * fixed address): under libFuzzer one of the two, picked by the parity
 * of the last byte (parsing and encoding, most of the work, are the same
 * in both; the fuzzer can steer an input to either back end); the
 * replayer does both.  Errors are expected, any crash, sanitizer report,
 * leak or abort is a bug.
 *
 * The assembler's own main.c is included below with its main() renamed,
 * so the context is set up and torn down by exactly the code the tool
 * uses.  source.c is included too, with source_read_file() renamed: the
 * fuzzer's version refuses every file, so `.include' cannot wander into
 * the host's files (/dev/zero, /proc) and every run is hermetic.
 *
 * Built with --enable-fuzzing, -DFUZZ_LIBFUZZER selects libFuzzer's entry
 * point; otherwise this is a replayer: fuzz-asm FILE...
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define main e2k_asm_main
#include "tools/e2k-asm/main.c"
#undef main
#define source_read_file source_read_file_unused
#include "tools/e2k-asm/source.c"
#undef source_read_file

#include <unistd.h>

int e2k_asm_main(int argc, char **argv);
bool source_read_file(const char *path, char **text, Error **errp);

bool source_read_file(const char *path, char **text, Error **errp)
{
    *text = NULL;
    error_setg(errp, "%s: the fuzzer reads no files", path);
    return false;
}

static char *out_path;

static void assemble_one(const char *text, bool relocatable)
{
    AsmContext ctx = { 0 };
    Error *err = NULL;
    AsmFile *f;

    ctx.include_dirs = g_ptr_array_new_with_free_func(g_free);
    ctx.defines = g_ptr_array_new_with_free_func(g_free);
    ctx.files = g_ptr_array_new();
    ctx.globals = g_hash_table_new(g_str_hash, g_str_equal);
    ctx.names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    ctx.max_errors = 8;
    ctx.relocatable = relocatable;
    ctx.isa = e2k_isa_from_cpu_name(DEFAULT_CPU);
    ctx.e_flags = asm_e_flags_for_cpu(DEFAULT_CPU);

    f = asm_file_new(&ctx, "fuzz.s");
    asm_assemble_file(f, text, false);
    if (!ctx.errors) {
        if (relocatable) {
            asm_apply_fixups(&ctx, true);
            if (!ctx.errors && !asm_write_object(&ctx, out_path, &err)) {
                error_free(err);
            }
        } else {
            asm_resolve_globals(&ctx);
            if (!ctx.errors && !asm_link_executable(&ctx, out_path, &err)) {
                error_free(err);
            }
        }
    }
    free_context(&ctx);
    unlink(out_path);
}

static void assemble_text(const uint8_t *data, size_t size)
{
    char *text;

    if (!out_path) {
        char *dir = g_dir_make_tmp("fuzz-asm-XXXXXX", NULL);

        if (!dir) {
            abort();
        }
        out_path = g_build_filename(dir, "out", NULL);
        g_free(dir);
    }
    /* what source_read_file refuses never reaches the assembler */
    if (memchr(data, 0, size) ||
        (size >= 4 && !memcmp(data, "\177ELF", 4))) {
        return;
    }
    text = g_strndup((const char *)data, size);
#ifdef FUZZ_LIBFUZZER
    assemble_one(text, size && data[size - 1] % 2);
#else
    assemble_one(text, true);
    assemble_one(text, false);
#endif
    g_free(text);
}

#ifdef FUZZ_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    assemble_text(data, size);
    return 0;
}
#else
int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        gchar *data;
        gsize len;
        GError *gerr = NULL;

        if (!g_file_get_contents(argv[i], &data, &len, &gerr)) {
            fprintf(stderr, "fuzz-asm: %s\n", gerr->message);
            return 1;
        }
        assemble_text((const uint8_t *)data, len);
        g_free(data);
    }
    if (out_path) {
        char *dir = g_path_get_dirname(out_path);
        rmdir(dir);
        g_free(dir);
    }
    printf("fuzz-asm: %d inputs: no crash\n", argc - 1);
    return 0;
}
#endif
