/*
 * e2k-asm macros and repetition: .macro/.endm (parameters with defaults,
 * :req and :vararg, keyword arguments, \@ and \() in the body), .rept,
 * .irp and .irpc.  Bodies are recorded line by line (nested definitions
 * counted) and expanded onto the input stack, so expansions go through
 * the same statement processing as source lines.
 */
#include "tools/e2k-asm/assemble.h"
#include <string.h>

/* Bounds that keep hostile input from running away. */
#define MAX_MACRO_EXPANSIONS 1000000

static bool is_ident_char(char c)
{
    return g_ascii_isalnum(c) || c == '_' || c == '.' || c == '$';
}

/* Replace \name (names[i] -> values[i]), \@ and \() in @line. */
static char *substitute(const char *line, char **names, char **values,
                        int n, unsigned counter)
{
    GString *out = g_string_new(NULL);
    const char *p = line;

    while (*p) {
        if (*p == '\\') {
            const char *q = p + 1;
            int i, best = -1;
            size_t bestlen = 0;
            if (*q == '@') {
                g_string_append_printf(out, "%u", counter);
                p += 2;
                continue;
            }
            if (q[0] == '(' && q[1] == ')') {
                p += 3;
                continue;
            }
            while (is_ident_char(*q)) {
                q++;
            }
            for (i = 0; i < n; i++) {
                size_t l = strlen(names[i]);
                if (l == (size_t)(q - p - 1) && !strncmp(p + 1, names[i], l)
                    && l > bestlen) {
                    best = i;
                    bestlen = l;
                }
            }
            if (best >= 0) {
                g_string_append(out, values[best]);
                p += 1 + bestlen;
                continue;
            }
        }
        g_string_append_c(out, *p++);
    }
    return g_string_free(out, false);
}

/*
 * A macro argument (or default, or .irp value) that is a string in double
 * quotes stands for the string's characters, as gas's argument scanner
 * takes it: the quotes go, `""' inside is one `"', a backslash escape is
 * kept as written.  So `m "a b"' gives \a = a b, and `.ascii "\a"' in
 * the body makes the string again.  Anything else is kept as it is.
 */
static char *macro_arg_value(const char *arg)
{
    GString *v;
    const char *p = arg;
    bool escaped = false;

    if (*p != '"') {
        return g_strdup(arg);
    }
    v = g_string_new(NULL);
    for (p++; *p; p++) {
        if (*p == '"' && !escaped) {
            if (p[1] != '"') {
                break;
            }
            p++;        /* "" is a quote */
        }
        escaped = *p == '\\' && !escaped;
        g_string_append_c(v, *p);
    }
    if (*p != '"' || p[1]) {
        /* not one whole string: keep the text */
        g_string_free(v, true);
        return g_strdup(arg);
    }
    return g_string_free(v, false);
}

static GPtrArray *split_macro_args(const char *args, int nparams)
{
    GPtrArray *a = asm_split_args(args);

    if (a->len == 1 && nparams > 1) {
        /* gas also separates macro arguments by blanks */
        char **parts = g_strsplit_set(a->pdata[0], " \t", -1);
        int i;
        g_ptr_array_set_size(a, 0);
        for (i = 0; parts[i]; i++) {
            if (*parts[i]) {
                g_ptr_array_add(a, g_strdup(parts[i]));
            }
        }
        g_strfreev(parts);
    }
    return a;
}

void asm_expand_macro(AsmState *st, AsmMacro *m, const char *args,
                      const char *remainder)
{
    GPtrArray *a;
    char **values;
    GPtrArray *lines;
    int i, pos = 0;
    guint k;
    bool ok = true;

    if (st->f->macro_counter >= MAX_MACRO_EXPANSIONS) {
        asm_error(st->ctx, st->loc, "more than %d macro expansions "
                  "(runaway recursion?)", MAX_MACRO_EXPANSIONS);
        st->stop = true;
        return;
    }
    a = split_macro_args(args, m->nparams);
    values = g_new0(char *, m->nparams + 1);

    for (k = 0; k < a->len; k++) {
        const char *arg = a->pdata[k];
        const char *eq = strchr(arg, '=');
        int target = -1;
        if (eq) {
            for (i = 0; i < m->nparams; i++) {
                if (strlen(m->params[i]) == (size_t)(eq - arg) &&
                    !strncmp(arg, m->params[i], eq - arg)) {
                    target = i;
                    break;
                }
            }
        }
        if (target >= 0) {
            char *t = g_strstrip(g_strdup(eq + 1));
            g_free(values[target]);
            values[target] = macro_arg_value(t);
            g_free(t);
            continue;
        }
        if (pos >= m->nparams) {
            asm_error(st->ctx, st->loc, "too many arguments for macro `%s'",
                      m->name);
            ok = false;
            break;
        }
        if (m->vararg[pos]) {
            GString *rest = g_string_new(arg);
            for (k++; k < a->len; k++) {
                g_string_append_printf(rest, ", %s", (char *)a->pdata[k]);
            }
            values[pos++] = g_string_free(rest, false);
            break;
        }
        g_free(values[pos]);
        values[pos++] = macro_arg_value(arg);
    }
    for (i = 0; ok && i < m->nparams; i++) {
        if ((!values[i] || !*values[i]) && m->required[i]) {
            asm_error(st->ctx, st->loc, "missing value for required "
                      "parameter `%s' of macro `%s'", m->params[i], m->name);
            ok = false;
            break;
        }
        if (!values[i] || !*values[i]) {
            g_free(values[i]);
            values[i] = g_strdup(m->defaults[i] ? m->defaults[i] : "");
        }
    }
    if (ok) {
        lines = g_ptr_array_new_with_free_func(source_line_free);
        for (k = 0; k < m->body->len; k++) {
            SourceLine *l = m->body->pdata[k];
            char *t = substitute(l->text, m->params, values, m->nparams,
                                 st->f->macro_counter);
            g_ptr_array_add(lines, source_line_new(t, st->loc));
            g_free(t);
        }
        st->f->macro_counter++;
        asm_push_rest(st, remainder ? remainder : "");
        asm_push_lines(st, lines, FRAME_MACRO);
    }
    for (i = 0; i < m->nparams; i++) {
        g_free(values[i]);
    }
    g_free(values);
    g_ptr_array_free(a, true);
}

static void start_recording(AsmState *st, RecKind kind)
{
    st->recording = true;
    st->rec_kind = kind;
    st->rec_depth = 1;
    st->rec_loc = st->loc;
    st->rec_lines = g_ptr_array_new_with_free_func(source_line_free);
}

static void macro_free(AsmMacro *m)
{
    int i;
    if (!m) {
        return;
    }
    for (i = 0; i < m->nparams; i++) {
        g_free(m->params[i]);
        g_free(m->defaults[i]);
    }
    g_free(m->params);
    g_free(m->defaults);
    g_free(m->vararg);
    g_free(m->required);
    if (m->body) {
        g_ptr_array_free(m->body, true);
    }
    g_free(m->name);
    g_free(m);
}

/* One value as gas's macro argument scanner reads it at @p (blanks before
 * it skipped): a string in double quotes (see macro_arg_value), or text up
 * to a blank or comma outside quotes and brackets.  *out gets the value;
 * returns the position after it. */
static const char *scan_any_string(const char *p, char **out)
{
    GString *v = g_string_new(NULL);
    int depth = 0;

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    while (*p && *p != ',' && (depth > 0 || (*p != ' ' && *p != '\t'))) {
        if (*p == '"' || *p == '\'') {
            char q = *p;
            g_string_append_c(v, *p++);
            while (*p && (*p != q || (q == '"' && p[-1] == '\\'))) {
                g_string_append_c(v, *p++);
            }
            if (!*p) {
                break;
            }
        } else if (*p == '(' || *p == '[') {
            depth++;
        } else if ((*p == ')' || *p == ']') && depth > 0) {
            depth--;
        }
        g_string_append_c(v, *p++);
    }
    *out = macro_arg_value(v->str);
    g_string_free(v, true);
    return p;
}

static const char *skip_blanks_comma(const char *p)
{
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    if (*p == ',') {
        p++;
    }
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    return p;
}

/* .macro name[,] [param[:req|:vararg][=default]][[,] ...], as gas reads
 * the parameter list. */
void asm_start_macro(AsmState *st, const char *args)
{
    const char *p = args, *q;
    AsmMacro *m = g_new0(AsmMacro, 1);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *defs = g_ptr_array_new_with_free_func(g_free);
    GArray *kinds = g_array_new(false, true, sizeof(int));
    guint i;

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    for (q = p; is_ident_char(*q); q++) {
    }
    if (q == p) {
        asm_error(st->ctx, st->loc, ".macro needs a name");
        g_free(m);
        /* take the body anyway (and drop it), rather than assemble it */
        start_recording(st, REC_MACRO);
        st->rec_macro = NULL;
        goto out;
    }
    m->name = g_strndup(p, q - p);
    p = skip_blanks_comma(q);
    while (*p) {
        int kind = 0;           /* 1 :req, 2 :vararg */
        char *def = NULL;

        for (q = p; is_ident_char(*q); q++) {
        }
        if (q == p) {
            asm_error(st->ctx, st->loc, "bad parameter list of macro `%s' "
                      "at `%s'", m->name, p);
            break;
        }
        g_ptr_array_add(names, g_strndup(p, q - p));
        p = q;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (*p == ':') {
            const char *r = p + 1;
            while (*r == ' ' || *r == '\t') {
                r++;
            }
            for (q = r; is_ident_char(*q); q++) {
            }
            if (q - r == 3 && !strncmp(r, "req", 3)) {
                kind = 1;
            } else if (q - r == 6 && !strncmp(r, "vararg", 6)) {
                kind = 2;
            } else {
                asm_error(st->ctx, st->loc, "unknown qualifier `%.*s' of "
                          "parameter `%s' of macro `%s'", (int)(q - r), r,
                          (char *)names->pdata[names->len - 1], m->name);
            }
            p = q;
            while (*p == ' ' || *p == '\t') {
                p++;
            }
        }
        if (*p == '=') {
            p = scan_any_string(p + 1, &def);
        }
        g_ptr_array_add(defs, def);
        g_array_append_val(kinds, kind);
        p = skip_blanks_comma(p);
    }
    m->nparams = names->len;
    m->params = g_new0(char *, m->nparams + 1);
    m->defaults = g_new0(char *, m->nparams + 1);
    m->vararg = g_new0(bool, m->nparams + 1);
    m->required = g_new0(bool, m->nparams + 1);
    for (i = 0; i < names->len; i++) {
        m->params[i] = g_strdup(names->pdata[i]);
        m->defaults[i] = g_strdup(defs->pdata[i]);
        m->vararg[i] = g_array_index(kinds, int, i) == 2;
        m->required[i] = g_array_index(kinds, int, i) == 1;
    }
    start_recording(st, REC_MACRO);
    st->rec_macro = m;
out:
    g_ptr_array_free(names, true);
    g_ptr_array_free(defs, true);
    g_array_free(kinds, true);
}

/* End of a body: define the macro, or expand .rept/.irp/.irpc (followed
 * by @remainder, the rest of the line of the .endr).  Returns true if
 * @remainder was taken over. */
static bool finish_recording(AsmState *st, const char *remainder)
{
    GPtrArray *body = st->rec_lines;
    RecKind kind = st->rec_kind;
    AsmLoc save = st->loc;
    guint k;

    st->recording = false;
    st->rec_lines = NULL;
    if (kind == REC_MACRO) {
        AsmMacro *m = st->rec_macro;
        st->rec_macro = NULL;
        if (!m) {
            g_ptr_array_free(body, true);
            return false;
        }
        m->body = body;
        if (g_hash_table_lookup(st->f->macros, m->name)) {
            asm_error(st->ctx, st->rec_loc, "macro `%s' is already defined",
                      m->name);
            macro_free(m);
            return false;
        }
        g_hash_table_insert(st->f->macros, m->name, m);
        return false;
    }
    asm_push_rest(st, remainder);
    st->loc = st->rec_loc;
    if (kind == REC_REPT) {
        GPtrArray *lines = g_ptr_array_new_with_free_func(source_line_free);
        int64_t i;
        if (st->rept_count > 1000000 ||
            st->rept_count * (int64_t)body->len > 1000000) {
            asm_error(st->ctx, st->loc, ".rept expands to too many lines");
        } else {
            for (i = 0; i < st->rept_count; i++) {
                for (k = 0; k < body->len; k++) {
                    SourceLine *l = body->pdata[k];
                    g_ptr_array_add(lines, source_line_new(l->text, l->loc));
                }
            }
        }
        asm_push_lines(st, lines, FRAME_REPT);
    } else {
        GPtrArray *lines = g_ptr_array_new_with_free_func(source_line_free);
        guint v;
        for (v = 0; v < st->irp_values->len; v++) {
            char *val = st->irp_values->pdata[v];
            for (k = 0; k < body->len; k++) {
                SourceLine *l = body->pdata[k];
                char *t = substitute(l->text, &st->irp_param, &val, 1, 0);
                g_ptr_array_add(lines, source_line_new(t, l->loc));
                g_free(t);
            }
        }
        asm_push_lines(st, lines, FRAME_REPT);
        g_ptr_array_free(st->irp_values, true);
        st->irp_values = NULL;
        g_free(st->irp_param);
        st->irp_param = NULL;
    }
    g_ptr_array_free(body, true);
    st->loc = save;
    return true;
}

void asm_purge_macro(AsmState *st, const char *args)
{
    char *name = g_strstrip(g_strdup(args));
    AsmMacro *m = g_hash_table_lookup(st->f->macros, name);

    if (!m) {
        asm_error(st->ctx, st->loc, ".purgem: macro `%s' is not defined",
                  name);
    } else {
        g_hash_table_remove(st->f->macros, name);
        macro_free(m);
    }
    g_free(name);
}

void asm_record_abort(AsmState *st)
{
    st->recording = false;
    macro_free(st->rec_macro);
    st->rec_macro = NULL;
    if (st->rec_lines) {
        g_ptr_array_free(st->rec_lines, true);
        st->rec_lines = NULL;
    }
    if (st->irp_values) {
        g_ptr_array_free(st->irp_values, true);
        st->irp_values = NULL;
    }
    g_free(st->irp_param);
    st->irp_param = NULL;
}

/* The directive a body statement starts with (labels skipped, as gas
 * does), lower case without the dot, or NULL if it is not a directive;
 * *@labels_end: where the labels before it end. */
static char *stmt_directive(const char *p, const char **labels_end)
{
    const char *q;

    *labels_end = p;
    for (;;) {
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (!(g_ascii_isalpha(*p) || *p == '_' || *p == '.' || *p == '$')) {
            break;
        }
        for (q = p + 1; is_ident_char(*q); q++) {
        }
        if (*q != ':') {
            break;
        }
        p = q + 1;
        *labels_end = p;
    }
    if (*p != '.') {
        return NULL;
    }
    for (q = p + 1; is_ident_char(*q); q++) {
    }
    return g_ascii_strdown(p + 1, q - p - 1);
}

bool asm_record_stmt(AsmState *st, const char *text, const char *remainder)
{
    const char *labels_end;
    char *w = stmt_directive(text, &labels_end);
    bool nest, end;

    /* as in gas: a macro body nests .macro/.endm only, a repetition body
       .rept/.irp/.irpc (and their aliases) and .endr only */
    if (st->rec_kind == REC_MACRO) {
        nest = w && !strcmp(w, "macro");
        end = w && !strcmp(w, "endm");
    } else {
        nest = w && (!strcmp(w, "rept") || !strcmp(w, "rep") ||
                     !strcmp(w, "irp") || !strcmp(w, "irpc") ||
                     !strcmp(w, "irep") || !strcmp(w, "irepc"));
        end = w && !strcmp(w, "endr");
    }
    g_free(w);
    if (nest) {
        st->rec_depth++;
    } else if (end && --st->rec_depth == 0) {
        if (labels_end > text) {
            /* gas keeps the labels before .endm/.endr in the body */
            char *labels = g_strndup(text, labels_end - text);
            g_ptr_array_add(st->rec_lines, source_line_new(labels, st->loc));
            g_free(labels);
        }
        return finish_recording(st, remainder);
    }
    g_ptr_array_add(st->rec_lines, source_line_new(text, st->loc));
    return false;
}

/* Values of .irp: separated by commas and/or blanks, as gas's macro
 * argument scanner reads them (scan_any_string). */
static void split_irp_values(const char *p, GPtrArray *out)
{
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    while (*p) {
        char *v;
        const char *q = scan_any_string(p, &v);
        g_ptr_array_add(out, v);
        p = skip_blanks_comma(q);
        if (q == p && *p) {
            p++;        /* cannot happen: a value stops at a separator */
        }
    }
}

void asm_start_irp(AsmState *st, const char *args, bool chars)
{
    const char *p = args, *q;

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    for (q = p; is_ident_char(*q); q++) {
    }
    if (q == p) {
        asm_error(st->ctx, st->loc, "%s needs a parameter name",
                  chars ? ".irpc" : ".irp");
        /* still take the body, so that it is not assembled as it is */
        asm_start_rept(st, 0);
        return;
    }
    start_recording(st, chars ? REC_IRPC : REC_IRP);
    st->irp_param = g_strndup(p, q - p);
    st->irp_values = g_ptr_array_new_with_free_func(g_free);
    p = q;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    if (*p == ',') {
        p++;
    }
    if (chars) {
        /* every character; blanks and commas between them (outside
           quotes) separate, quotes themselves are dropped */
        bool quoted = false;
        for (; *p; p++) {
            if (*p == '"') {
                quoted = !quoted;
            } else if (quoted || (*p != ' ' && *p != '\t' && *p != ',')) {
                g_ptr_array_add(st->irp_values, g_strndup(p, 1));
            }
        }
    } else {
        split_irp_values(p, st->irp_values);
    }
    if (!st->irp_values->len) {
        /* gas expands the body once, with an empty value */
        g_ptr_array_add(st->irp_values, g_strdup(""));
    }
}

void asm_start_rept(AsmState *st, int64_t count)
{
    start_recording(st, REC_REPT);
    st->rept_count = count;
}
