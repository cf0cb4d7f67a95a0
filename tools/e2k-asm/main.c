/*
 * e2k-asm: assembler and static linker for Elbrus (e2k) guest programs in
 * the reference assembler's syntax.
 *
 *   e2k-asm [-mcpu=CPU] [-I DIR] [-DNAME[=VAL]] [-c | -pie | -shared] -o OUT FILE...
 *
 * .S files go through the host C preprocessor first.  With -c the single
 * input becomes a relocatable object; otherwise all inputs are linked into
 * a static executable (entry _start), or with -pie/-shared a position-
 * independent one with the dynamic sections of elf-link.c.  Diagnostics are printed as
 * "file:line: message"; any error means exit status 1 and no output.
 */
#include "tools/e2k-asm/assemble.h"
#include "tools/e2k-asm/elf-out.h"
#include "target/e2k/asm-encode.h"
#include "qemu/error.h"
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>

#define DEFAULT_CPU "elbrus-v3"

void asm_error(AsmContext *ctx, AsmLoc loc, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (loc.line > 0) {
        fprintf(stderr, "%s:%d: error: %s\n", loc.file, loc.line, msg);
    } else {
        fprintf(stderr, "%s: error: %s\n", loc.file ? loc.file : "e2k-asm",
                msg);
    }
    g_free(msg);
    ctx->errors++;
}

void asm_warn(AsmContext *ctx, AsmLoc loc, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (loc.line > 0) {
        fprintf(stderr, "%s:%d: warning: %s\n", loc.file, loc.line, msg);
    } else {
        fprintf(stderr, "%s: warning: %s\n", loc.file ? loc.file : "e2k-asm",
                msg);
    }
    g_free(msg);
}

void asm_error_err(AsmContext *ctx, AsmLoc loc, Error *err)
{
    if (!err) {
        asm_error(ctx, loc, "unknown error");
        return;
    }
    asm_error(ctx, loc, "%s", error_get_pretty(err));
    error_free(err);
}

const char *asm_intern(AsmContext *ctx, const char *name)
{
    char *s = g_hash_table_lookup(ctx->names, name);

    if (!s) {
        s = g_strdup(name);
        g_hash_table_add(ctx->names, s);
    }
    return s;
}

static void usage(FILE *f)
{
    fprintf(f,
"Usage: e2k-asm [options] -o OUT FILE...\n"
"Assemble Elbrus (e2k) sources in the reference assembler's syntax and\n"
"link them into a static executable (or, with -c, one relocatable object).\n"
"A FILE that is an e2k ELF relocatable object (from e2k-asm -c or MCST's\n"
"gas) is linked as it is.  A FILE that is an e2k shared object (e2k-asm\n"
"-shared) is a DT_NEEDED library: its functions are called through the\n"
"PLT, its variables read through X@GOT; without -pie or -shared the\n"
"output is then a dynamic ET_EXEC (PT_INTERP " E2K_DEFAULT_INTERP ").\n"
"\n"
"  -o OUT          output file (required)\n"
"  -c              write a relocatable object; exactly one FILE, a source\n"
"  -mcpu=CPU       instruction set: elbrus-v2 .. elbrus-v7, elbrus-2c+,\n"
"                  elbrus-4c, elbrus-8c, elbrus-1c+, elbrus-8c2,\n"
"                  elbrus-12c, elbrus-16c, elbrus-2c3, elbrus-48c,\n"
"                  elbrus-8v7 (default " DEFAULT_CPU ")\n"
"  -pie            link a position-independent executable (ET_DYN) with\n"
"                  PT_INTERP " E2K_DEFAULT_INTERP "\n"
"  -shared         link a shared object (ET_DYN, globals exported)\n"
"  --dynamic-linker=PATH  the PT_INTERP of -pie or -shared output\n"
"  --no-dynamic-linker    no PT_INTERP (a -pie that relocates itself)\n"
"  -soname NAME    DT_SONAME of -shared output\n"
"  -z execstack    PT_GNU_STACK RWX (-pie/-shared; default RW)\n"
"  -z now          the loader binds every function at once (DT_BIND_NOW,\n"
"                  DF_1_NOW); -z lazy, the default, lets it bind lazily\n"
"  --hash-style=STYLE  the dynamic symbols' hash tables: sysv (.hash),\n"
"                  gnu (.gnu.hash) or both (the default)\n"
"  -I DIR          search DIR for .include and #include\n"
"  -DNAME[=VAL]    define a preprocessor macro for .S files\n"
"  --max-errors=N  stop after N errors (default 50, 0: no limit)\n"
"  -h, --help      this help\n"
"\n"
"Files ending in .S are run through the host C preprocessor (cpp, or\n"
"$E2K_ASM_CPP).  Errors are reported as FILE:LINE: error: MESSAGE and\n"
"make the exit status 1.\n");
}

static void free_context(AsmContext *ctx);

static void import_free(gpointer p)
{
    AsmImport *imp = p;

    if (imp->data_refs) {
        g_array_free(imp->data_refs, true);
    }
    g_free(imp);
}

/* Does @path start like an ELF file? (Unreadable: no, and reading it as a
 * source reports why.)  With @shared: like an ELF shared object. */
static bool is_object(const char *path, bool shared)
{
    FILE *fp = fopen(path, "rb");
    unsigned char h[18];
    size_t n;
    bool elf;

    if (!fp) {
        return false;
    }
    n = fread(h, 1, sizeof(h), fp);
    elf = n >= 4 && !memcmp(h, "\177ELF", 4) &&
          (!shared || (n == sizeof(h) && h[16] == 3 && h[17] == 0));
    fclose(fp);
    return elf;
}

/* An ELF input: a relocatable object, or a shared object whose symbols
 * the link may import. */
static bool read_object(AsmContext *ctx, const char *path, Error **errp)
{
    GError *gerr = NULL;
    gchar *data;
    gsize len;
    bool ok;

    if (!g_file_get_contents(path, &data, &len, &gerr)) {
        error_setg(errp, "%s", gerr->message);
        g_error_free(gerr);
        return false;
    }
    if (len >= 18 && data[16] == 3 && data[17] == 0) {     /* ET_DYN */
        ok = asm_read_shared(ctx, asm_intern(ctx, path),
                             (const uint8_t *)data, len, errp);
    } else {
        ok = asm_read_object(ctx, asm_intern(ctx, path),
                             (const uint8_t *)data, len, errp);
    }
    g_free(data);
    return ok;
}

int main(int argc, char **argv)
{
    AsmContext ctx = { 0 };
    AsmLinkOptions link = { ASM_LINK_STATIC, NULL, NULL, false };
    bool interp_given = false, now_given = false;
    const char *out = NULL, *mcpu = DEFAULT_CPU;
    GPtrArray *inputs = g_ptr_array_new();
    Error *err = NULL;
    int i, status = 1;

    error_set_progname("e2k-asm");
    ctx.include_dirs = g_ptr_array_new_with_free_func(g_free);
    ctx.defines = g_ptr_array_new_with_free_func(g_free);
    ctx.files = g_ptr_array_new();
    ctx.globals = g_hash_table_new(g_str_hash, g_str_equal);
    ctx.names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    ctx.imports = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                        import_free);
    ctx.needed = g_ptr_array_new();
    ctx.max_errors = 50;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            status = 0;
            goto done;
        } else if (!strcmp(a, "-c")) {
            ctx.relocatable = true;
        } else if (!strcmp(a, "-pie") || !strcmp(a, "-shared")) {
            link.kind = a[1] == 'p' ? ASM_LINK_PIE : ASM_LINK_SHARED;
        } else if (!strcmp(a, "--dynamic-linker") ||
                   !strcmp(a, "-soname") || !strcmp(a, "-z")) {
            const char *v;
            if (++i >= argc) {
                error_report("%s needs an argument", a);
                goto done;
            }
            v = argv[i];
            if (a[1] == 's') {
                link.soname = v;
            } else if (a[1] == 'z') {
                if (!strcmp(v, "now") || !strcmp(v, "lazy")) {
                    link.bind_now = v[0] == 'n';
                    now_given = true;
                } else if (!strcmp(v, "execstack") ||
                           !strcmp(v, "noexecstack")) {
                    link.execstack = v[0] == 'e';
                } else {
                    error_report("unknown -z keyword `%s' (execstack, "
                                 "noexecstack, now, lazy)", v);
                    goto done;
                }
            } else {
                link.interp = v;
                interp_given = true;
            }
        } else if (g_str_has_prefix(a, "--dynamic-linker=")) {
            link.interp = a + strlen("--dynamic-linker=");
            interp_given = true;
        } else if (g_str_has_prefix(a, "--hash-style=")) {
            const char *v = a + strlen("--hash-style=");
            link.hash_style = !strcmp(v, "sysv") ? ASM_HASH_SYSV :
                              !strcmp(v, "gnu") ? ASM_HASH_GNU :
                              !strcmp(v, "both") ? ASM_HASH_SYSV | ASM_HASH_GNU
                                                 : 0;
            if (!link.hash_style) {
                error_report("--hash-style: `%s' is not sysv, gnu or both",
                             v);
                goto done;
            }
        } else if (!strcmp(a, "--no-dynamic-linker")) {
            link.interp = "";
            interp_given = true;
        } else if (!strcmp(a, "-o")) {
            if (++i >= argc) {
                error_report("-o needs a file name");
                goto done;
            }
            out = argv[i];
        } else if (g_str_has_prefix(a, "-o") && a[2]) {
            out = a + 2;
        } else if (g_str_has_prefix(a, "--max-errors=")) {
            int n = atoi(a + 13);
            ctx.max_errors = n > 0 ? n : INT_MAX;
        } else if (g_str_has_prefix(a, "-mcpu=") ||
                   g_str_has_prefix(a, "-march=")) {
            mcpu = strchr(a, '=') + 1;
        } else if (!strcmp(a, "-I") || !strcmp(a, "-D")) {
            if (++i >= argc) {
                error_report("%s needs an argument", a);
                goto done;
            }
            g_ptr_array_add(a[1] == 'I' ? ctx.include_dirs : ctx.defines,
                            g_strdup(argv[i]));
        } else if (g_str_has_prefix(a, "-I")) {
            g_ptr_array_add(ctx.include_dirs, g_strdup(a + 2));
        } else if (g_str_has_prefix(a, "-D")) {
            g_ptr_array_add(ctx.defines, g_strdup(a + 2));
        } else if (a[0] == '-' && a[1]) {
            error_report("unknown option `%s' (try --help)", a);
            goto done;
        } else {
            g_ptr_array_add(inputs, (char *)a);
        }
    }
    if (!out) {
        error_report("no output file given (-o OUT)");
        goto done;
    }
    if (!inputs->len) {
        error_report("no input files");
        goto done;
    }
    for (i = 0; i < (int)inputs->len && link.kind == ASM_LINK_STATIC &&
                !ctx.relocatable; i++) {
        const char *path = inputs->pdata[i];
        if (!g_str_has_suffix(path, ".S") && !g_str_has_suffix(path, ".sx") &&
            is_object(path, true)) {
            /* as ld: an executable that needs a shared object is dynamic */
            link.kind = ASM_LINK_EXEC;
        }
    }
    if (link.kind == ASM_LINK_STATIC &&
        (interp_given || link.soname || link.execstack || link.hash_style ||
         now_given)) {
        error_report("--dynamic-linker, -soname, -z execstack, -z now/lazy "
                     "and --hash-style need -pie, -shared or a shared "
                     "object among the inputs");
        goto done;
    }
    if (link.kind != ASM_LINK_STATIC && ctx.relocatable) {
        error_report("-c cannot be combined with -pie or -shared");
        goto done;
    }
    if (link.soname && link.kind != ASM_LINK_SHARED) {
        error_report("-soname needs -shared");
        goto done;
    }
    if (link.interp && link.interp[0] != '/' && link.interp[0]) {
        error_report("--dynamic-linker `%s': an absolute path is expected",
                     link.interp);
        goto done;
    }
    if (ctx.relocatable && inputs->len != 1) {
        error_report("-c takes exactly one input file");
        goto done;
    }
    ctx.isa = e2k_isa_from_cpu_name(mcpu);
    ctx.e_flags = asm_e_flags_for_cpu(mcpu);
    if (ctx.isa < 0 || !ctx.e_flags) {
        error_report("unknown -mcpu `%s' (elbrus-v2 .. elbrus-v7, "
                     "elbrus-4c, elbrus-8c, elbrus-8c2, elbrus-16c, ...)",
                     mcpu);
        goto done;
    }

    for (i = 0; i < (int)inputs->len; i++) {
        const char *path = inputs->pdata[i];
        bool cpp = g_str_has_suffix(path, ".S") || g_str_has_suffix(path, ".sx");
        char *text = NULL;
        AsmFile *f;

        if (!cpp && is_object(path, false)) {
            /* an object (ours with -c, or MCST gas's): link it */
            if (ctx.relocatable) {
                error_report("%s: -c assembles a source, not an object",
                             path);
                ctx.errors++;
            } else if (!read_object(&ctx, path, &err)) {
                error_report_err(err);
                err = NULL;
                ctx.errors++;
            }
            continue;
        }
        if (cpp) {
            text = source_run_cpp(&ctx, path, &err);
        } else {
            source_read_file(path, &text, &err);
        }
        if (!text) {
            error_report_err(err);
            err = NULL;
            ctx.errors++;
            continue;
        }
        f = asm_file_new(&ctx, path);
        asm_assemble_file(f, text, cpp);
        g_free(text);
        if (ctx.errors >= ctx.max_errors) {
            error_report("too many errors, giving up");
            break;
        }
    }
    if (ctx.errors) {
        goto done;
    }

    if (ctx.relocatable) {
        asm_apply_fixups(&ctx, true);
        if (!ctx.errors && !asm_write_object(&ctx, out, &err)) {
            error_report_err(err);
            goto done;
        }
    } else {
        asm_resolve_globals(&ctx);
        if (!ctx.errors && !asm_link_output(&ctx, out, &link, &err)) {
            error_report_err(err);
            goto done;
        }
    }
    status = ctx.errors ? 1 : 0;

done:
    free_context(&ctx);
    g_ptr_array_free(inputs, true);
    return status;
}

/* ---- teardown (keeps leak checkers quiet) ------------------------------ */

static void free_symbol(gpointer p)
{
    AsmSymbol *s = p;
    expr_free(s->equ);
    expr_free(s->size);
    g_free(s->name);
    g_free(s);
}

static void free_macro(gpointer p)
{
    AsmMacro *m = p;
    int i;
    for (i = 0; i < m->nparams; i++) {
        g_free(m->params[i]);
        g_free(m->defaults[i]);
    }
    g_free(m->params);
    g_free(m->defaults);
    g_free(m->vararg);
    g_free(m->required);
    g_ptr_array_free(m->body, true);
    g_free(m->name);
    g_free(m);
}

static void free_file(AsmFile *f)
{
    guint i, j;

    for (i = 0; i < f->sections->len; i++) {
        AsmSection *s = f->sections->pdata[i];
        for (j = 0; j < s->fixups->len; j++) {
            AsmFixup *fx = s->fixups->pdata[j];
            expr_free(fx->expr);
            g_free(fx);
        }
        g_ptr_array_free(s->fixups, true);
        g_array_free(s->relocs, true);
        g_byte_array_free(s->data, true);
        g_free(s->name);
        g_free(s);
    }
    g_ptr_array_free(f->sections, true);
    for (i = 0; i < f->symbol_order->len; i++) {
        free_symbol(f->symbol_order->pdata[i]);
    }
    g_ptr_array_free(f->symbol_order, true);
    g_hash_table_destroy(f->symbols);
    {
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init(&it, f->macros);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            free_macro(v);
        }
    }
    g_hash_table_destroy(f->macros);
    g_hash_table_destroy(f->local_counts);
    g_array_free(f->section_stack, true);
    g_free(f);
}

static void free_context(AsmContext *ctx)
{
    guint i;
    GHashTableIter it;
    gpointer k, v;

    /* linker-made symbols belong to no file */
    if (ctx->globals) {
        g_hash_table_iter_init(&it, ctx->globals);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            AsmSymbol *s = v;
            if (!s->file) {
                g_hash_table_iter_steal(&it);
                free_symbol(s);
            }
        }
        g_hash_table_destroy(ctx->globals);
    }
    if (ctx->files) {
        for (i = 0; i < ctx->files->len; i++) {
            free_file(ctx->files->pdata[i]);
        }
        g_ptr_array_free(ctx->files, true);
    }
    if (ctx->include_dirs) {
        g_ptr_array_free(ctx->include_dirs, true);
    }
    if (ctx->defines) {
        g_ptr_array_free(ctx->defines, true);
    }
    if (ctx->names) {
        g_hash_table_destroy(ctx->names);
    }
    if (ctx->imports) {
        g_hash_table_destroy(ctx->imports);
    }
    if (ctx->needed) {
        g_ptr_array_free(ctx->needed, true);
    }
}
