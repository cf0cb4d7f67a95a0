/*
 * e2k-asm input handling: reading files, running the C preprocessor,
 * following its line markers, removing comments and splitting lines into
 * statements the way gas does for e2k (`{', `}' and `;' separate
 * statements; `!' starts a comment; `#' at the start of a line is a
 * comment).  Strings and character constants are never split.
 */
#include "tools/e2k-asm/source.h"
#include <string.h>
#include <errno.h>

SourceLine *source_line_new(const char *text, AsmLoc loc)
{
    SourceLine *l = g_new0(SourceLine, 1);
    l->text = g_strdup(text);
    l->loc = loc;
    return l;
}

void source_line_free(gpointer p)
{
    SourceLine *l = p;
    if (l) {
        g_free(l->text);
        g_free(l);
    }
}

/* A line marker as cpp writes them and gas honours in any input:
 * `# 12 "file.S"' in column 0, optionally followed by flag numbers
 * (`# 12 "file.S" 2'), names line 12 of file.S as the next line.  Returns
 * false if @line is not a marker (then it is an ordinary `#' comment;
 * gas also ignores a marker without a file name). */
static bool parse_line_marker(AsmContext *ctx, const char *line,
                              AsmLoc *next)
{
    const char *p = line + 1;
    const char *q;
    char *end, *name;
    long n;

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    if (!g_ascii_isdigit(*p)) {
        return false;
    }
    errno = 0;
    n = strtol(p, &end, 10);
    if (errno || n < 0 || n > INT32_MAX) {
        return false;
    }
    p = end;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    if (*p != '"' || !(q = strchr(p + 1, '"'))) {
        return false;
    }
    for (end = (char *)q + 1; *end; end++) {
        if (!g_ascii_isdigit(*end) && *end != ' ' && *end != '\t' &&
            *end != '\r') {
            return false;
        }
    }
    name = g_strndup(p + 1, q - p - 1);
    next->file = asm_intern(ctx, name);
    g_free(name);
    next->line = (int)n;
    return true;
}

GPtrArray *source_split_lines(AsmContext *ctx, const char *text,
                              const char *fname, bool cpp_markers)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(source_line_free);
    AsmLoc loc = { asm_intern(ctx, fname), 1 };
    const char *p = text;

    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *line = g_strndup(p, len);

        if (len && line[len - 1] == '\r') {
            line[len - 1] = 0;
        }
        if (cpp_markers && line[0] == '#' && parse_line_marker(ctx, line,
                                                               &loc)) {
            /* the marker names the next line */
        } else {
            g_ptr_array_add(lines, source_line_new(line, loc));
            loc.line++;
        }
        g_free(line);
        p += len;
        if (*p == '\n') {
            p++;
        }
    }
    return lines;
}

void source_strip_comments(char *line, bool *in_c_comment)
{
    char *r = line, *w = line;
    char quote = 0;

    if (!*in_c_comment) {
        const char *s = line;
        while (*s == ' ' || *s == '\t') {
            s++;
        }
        if (*s == '#') {
            *line = 0;
            return;
        }
    }
    while (*r) {
        if (*in_c_comment) {
            if (r[0] == '*' && r[1] == '/') {
                *in_c_comment = false;
                r += 2;
                *w++ = ' ';
            } else {
                r++;
            }
            continue;
        }
        if (quote) {
            if (*r == '\\' && r[1]) {
                *w++ = *r++;
            } else if (*r == quote) {
                quote = 0;
            }
            *w++ = *r++;
            continue;
        }
        if (*r == '"') {
            quote = '"';
            *w++ = *r++;
            continue;
        }
        if (*r == '\'') {
            /* gas character constant 'c (optionally 'c'), or '\n' */
            *w++ = *r++;
            if (*r == '\\' && r[1]) {
                *w++ = *r++;
            }
            if (*r) {
                *w++ = *r++;
            }
            if (*r == '\'') {
                *w++ = *r++;
            }
            continue;
        }
        if (*r == '!') {
            break;
        }
        if (r[0] == '/' && r[1] == '*') {
            *in_c_comment = true;
            r += 2;
            continue;
        }
        *w++ = *r++;
    }
    *w = 0;
}

static char *trim_dup(const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
                   s[len - 1] == '\r')) {
        len--;
    }
    return g_strndup(s, len);
}

static void stmt_clear(gpointer p)
{
    Stmt *s = p;
    g_free(s->text);
}

GArray *source_split_statements(const char *line)
{
    GArray *out = g_array_new(false, true, sizeof(Stmt));
    const char *p = line, *start = line;
    char quote = 0;

    g_array_set_clear_func(out, stmt_clear);
    for (;; p++) {
        char c = *p;
        if (quote) {
            if (c == '\\' && p[1]) {
                p++;
            } else if (c == quote) {
                quote = 0;
            } else if (!c) {
                p--;        /* unterminated: let the end-of-line case run */
                quote = 0;
            }
            continue;
        }
        if (c == '"') {
            quote = '"';
            continue;
        }
        if (c == '\'') {
            if (p[1] == '\\' && p[2]) {
                p += 2;
            } else if (p[1]) {
                p++;
            }
            if (p[1] == '\'') {
                p++;    /* the optional closing quote of 'c' */
            }
            continue;
        }
        if (c == '{' || c == '}' || c == ';' || c == 0) {
            Stmt s = { 0 };
            s.text = trim_dup(start, p - start);
            s.end = p - line;
            if (*s.text) {
                g_array_append_val(out, s);
            } else {
                g_free(s.text);
            }
            if (c == '{' || c == '}') {
                Stmt b = { .sep = c, .text = NULL, .end = p + 1 - line };
                g_array_append_val(out, b);
            }
            if (!c) {
                break;
            }
            start = p + 1;
        }
    }
    return out;
}

void source_stmts_free(GArray *stmts)
{
    if (stmts) {
        g_array_free(stmts, true);
    }
}

bool source_read_file(const char *path, char **text, Error **errp)
{
    GError *gerr = NULL;
    gsize len;

    if (!g_file_get_contents(path, text, &len, &gerr)) {
        error_setg(errp, "%s", gerr->message);
        g_error_free(gerr);
        return false;
    }
    if (len >= 4 && !memcmp(*text, "\177ELF", 4)) {
        error_setg(errp, "%s: is an ELF file; e2k-asm assembles and links "
                   "sources, it does not read objects", path);
        g_free(*text);
        *text = NULL;
        return false;
    }
    if (memchr(*text, 0, len)) {
        error_setg(errp, "%s: contains a NUL byte (not a text file?)", path);
        g_free(*text);
        *text = NULL;
        return false;
    }
    return true;
}

char *source_run_cpp(AsmContext *ctx, const char *path, Error **errp)
{
    GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
    const char *cpp = g_getenv("E2K_ASM_CPP");
    char *out = NULL, *err = NULL;
    GError *gerr = NULL;
    int status = 0;
    guint i;

    g_ptr_array_add(argv, g_strdup(cpp && *cpp ? cpp : "cpp"));
    g_ptr_array_add(argv, g_strdup("-x"));
    g_ptr_array_add(argv, g_strdup("assembler-with-cpp"));
    /* no host predefines (`linux', `unix' would rewrite identifiers) */
    g_ptr_array_add(argv, g_strdup("-undef"));
    g_ptr_array_add(argv, g_strdup("-nostdinc"));
    g_ptr_array_add(argv, g_strdup("-D__ASSEMBLER__=1"));
    g_ptr_array_add(argv, g_strdup("-D__e2k__=1"));
    g_ptr_array_add(argv, g_strdup_printf("-D__iset__=%d", ctx->isa));
    for (i = 0; i < ctx->include_dirs->len; i++) {
        g_ptr_array_add(argv, g_strdup_printf(
                            "-I%s", (char *)ctx->include_dirs->pdata[i]));
    }
    for (i = 0; i < ctx->defines->len; i++) {
        g_ptr_array_add(argv, g_strdup_printf(
                            "-D%s", (char *)ctx->defines->pdata[i]));
    }
    g_ptr_array_add(argv, g_strdup(path));
    g_ptr_array_add(argv, NULL);

    if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                      NULL, NULL, &out, &err, &status, &gerr)) {
        error_setg(errp, "cannot run the C preprocessor `%s': %s",
                   (char *)argv->pdata[0], gerr->message);
        g_error_free(gerr);
        goto fail;
    }
    if (!g_spawn_check_wait_status(status, NULL)) {
        g_strchomp(err);
        error_setg(errp, "the C preprocessor failed on %s%s%s", path,
                   *err ? ":\n" : "", err);
        goto fail;
    }
    g_free(err);
    g_ptr_array_free(argv, true);
    return out;

fail:
    g_free(out);
    g_free(err);
    g_ptr_array_free(argv, true);
    return NULL;
}
