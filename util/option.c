/*
 * key=value option strings (see include/qemu/option.h).
 *
 * Values are validated against their type when set, so that getters never
 * fail and an invalid string is reported once, naming the key.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>

#include "qemu/cutils.h"
#include "qemu/option.h"

typedef struct QemuOpt {
    char *name;
    char *str;
    union {
        bool boolean;
        uint64_t uint;
    } value;
} QemuOpt;

struct QemuOpts {
    const QemuOptsList *list;
    GPtrArray *opts;        /* QemuOpt *, in the order given */
    bool help;
};

static void qemu_opt_free(gpointer p)
{
    QemuOpt *opt = p;

    g_free(opt->name);
    g_free(opt->str);
    g_free(opt);
}

const QemuOptDesc *qemu_opts_list_find(const QemuOptsList *list,
                                       const char *name)
{
    for (const QemuOptDesc *d = list->desc; d->name; d++) {
        if (g_str_equal(d->name, name)) {
            return d;
        }
    }
    return NULL;
}

static const char *const size_hint =
    "Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, "
    "peta-\nand exabytes, respectively.\n";

/* Check @value against @desc's type and fill @opt's parsed value. */
static bool parse_value(const QemuOptDesc *desc, const char *value,
                        QemuOpt *opt, Error **errp)
{
    int ret;

    switch (desc->type) {
    case QEMU_OPT_STRING:
        return true;
    case QEMU_OPT_BOOL:
        if (g_str_equal(value, "on") || g_str_equal(value, "yes") ||
            g_str_equal(value, "true") || g_str_equal(value, "y")) {
            opt->value.boolean = true;
        } else if (g_str_equal(value, "off") || g_str_equal(value, "no") ||
                   g_str_equal(value, "false") || g_str_equal(value, "n")) {
            opt->value.boolean = false;
        } else {
            error_setg(errp, "Parameter '%s' expects 'on' or 'off'",
                       desc->name);
            return false;
        }
        return true;
    case QEMU_OPT_NUMBER:
        ret = qemu_strtou64(value, NULL, 0, &opt->value.uint);
        if (ret == -ERANGE) {
            error_setg(errp, "Value '%s' is too large for parameter '%s'",
                       value, desc->name);
            return false;
        }
        if (ret < 0) {
            error_setg(errp, "Parameter '%s' expects a number", desc->name);
            return false;
        }
        return true;
    case QEMU_OPT_SIZE:
        ret = qemu_strtosz(value, NULL, &opt->value.uint);
        if (ret < 0) {
            error_setg(errp, "Parameter '%s' expects a non-negative number "
                       "below 2^64", desc->name);
            error_append_hint(errp, "%s", size_hint);
            return false;
        }
        return true;
    }
    g_assert_not_reached();
}

static QemuOpt *find_opt(const QemuOpts *opts, const char *name)
{
    for (guint i = 0; i < opts->opts->len; i++) {
        QemuOpt *opt = g_ptr_array_index(opts->opts, i);

        if (g_str_equal(opt->name, name)) {
            return opt;
        }
    }
    return NULL;
}

QemuOpts *qemu_opts_create(const QemuOptsList *list)
{
    QemuOpts *opts = g_new0(QemuOpts, 1);

    opts->list = list;
    opts->opts = g_ptr_array_new_with_free_func(qemu_opt_free);
    return opts;
}

void qemu_opts_del(QemuOpts *opts)
{
    if (opts) {
        g_ptr_array_free(opts->opts, TRUE);
        g_free(opts);
    }
}

bool qemu_opt_set(QemuOpts *opts, const char *name, const char *value,
                  Error **errp)
{
    const QemuOptDesc *desc = qemu_opts_list_find(opts->list, name);
    QemuOpt parsed = { 0 }, *opt;

    if (!desc) {
        error_setg(errp, "Invalid parameter '%s'", name);
        return false;
    }
    if (!parse_value(desc, value, &parsed, errp)) {
        return false;
    }
    opt = find_opt(opts, name);
    if (opt) {
        /* A later value replaces an earlier one, keeping its position. */
        g_free(opt->str);
    } else {
        opt = g_new0(QemuOpt, 1);
        opt->name = g_strdup(name);
        g_ptr_array_add(opts->opts, opt);
    }
    opt->str = g_strdup(value);
    opt->value = parsed.value;
    return true;
}

bool qemu_opt_set_number(QemuOpts *opts, const char *name, uint64_t val,
                         Error **errp)
{
    char buf[32];

    g_snprintf(buf, sizeof(buf), "%" G_GUINT64_FORMAT, val);
    return qemu_opt_set(opts, name, buf, errp);
}

bool qemu_opt_unset(QemuOpts *opts, const char *name)
{
    for (guint i = 0; i < opts->opts->len; i++) {
        QemuOpt *opt = g_ptr_array_index(opts->opts, i);

        if (g_str_equal(opt->name, name)) {
            g_ptr_array_remove_index(opts->opts, i);
            return true;
        }
    }
    return false;
}

bool is_help_option(const char *s)
{
    return g_str_equal(s, "help") || g_str_equal(s, "?");
}

/*
 * Copy the next element of @p up to an unescaped ',' into @out (",," is
 * a literal comma) and return where the following element starts.
 */
static const char *next_element(const char *p, GString *out)
{
    g_string_truncate(out, 0);
    while (*p) {
        if (*p == ',') {
            if (p[1] == ',') {
                g_string_append_c(out, ',');
                p += 2;
                continue;
            }
            return p + 1;
        }
        g_string_append_c(out, *p++);
    }
    return p;
}

bool has_help_option(const char *params)
{
    GString *el = g_string_new(NULL);
    const char *p = params;
    bool found = false;

    while (*p && !found) {
        p = next_element(p, el);
        found = is_help_option(el->str);
    }
    g_string_free(el, TRUE);
    return found;
}

QemuOpts *qemu_opts_parse(const QemuOptsList *list, const char *params,
                          Error **errp)
{
    QemuOpts *opts = qemu_opts_create(list);
    GString *el = g_string_new(NULL);
    const char *p = params;
    bool first = true;

    while (*p) {
        char *eq;
        const char *name, *value;

        p = next_element(p, el);
        if (el->len == 0) {
            first = false;
            continue;
        }
        if (is_help_option(el->str)) {
            opts->help = true;
            first = false;
            continue;
        }
        eq = strchr(el->str, '=');
        if (eq) {
            *eq = '\0';
            name = el->str;
            value = eq + 1;
        } else if (first && list->implied_opt_name) {
            name = list->implied_opt_name;
            value = el->str;
        } else {
            /* A bare key switches a boolean on. */
            const QemuOptDesc *d = qemu_opts_list_find(list, el->str);

            name = el->str;
            value = "on";
            if (d && d->type != QEMU_OPT_BOOL) {
                error_setg(errp, "Parameter '%s' needs a value", name);
                goto fail;
            }
        }
        first = false;
        if (!qemu_opt_set(opts, name, value, errp)) {
            goto fail;
        }
    }
    g_string_free(el, TRUE);
    return opts;

fail:
    g_string_free(el, TRUE);
    qemu_opts_del(opts);
    return NULL;
}

bool qemu_opt_has(const QemuOpts *opts, const char *name)
{
    return find_opt(opts, name) != NULL;
}

const char *qemu_opt_get(const QemuOpts *opts, const char *name)
{
    QemuOpt *opt = find_opt(opts, name);

    return opt ? opt->str : NULL;
}

/* Look up @name and insist that the list declared it with @type. */
static QemuOpt *find_typed(const QemuOpts *opts, const char *name,
                           QemuOptType type)
{
    const QemuOptDesc *desc = qemu_opts_list_find(opts->list, name);

    g_assert(desc && desc->type == type);
    return find_opt(opts, name);
}

bool qemu_opt_get_bool(const QemuOpts *opts, const char *name, bool defval)
{
    QemuOpt *opt = find_typed(opts, name, QEMU_OPT_BOOL);

    return opt ? opt->value.boolean : defval;
}

uint64_t qemu_opt_get_number(const QemuOpts *opts, const char *name,
                             uint64_t defval)
{
    QemuOpt *opt = find_typed(opts, name, QEMU_OPT_NUMBER);

    return opt ? opt->value.uint : defval;
}

uint64_t qemu_opt_get_size(const QemuOpts *opts, const char *name,
                           uint64_t defval)
{
    QemuOpt *opt = find_typed(opts, name, QEMU_OPT_SIZE);

    return opt ? opt->value.uint : defval;
}

bool qemu_opts_has_help(const QemuOpts *opts)
{
    return opts->help;
}

int qemu_opts_count(const QemuOpts *opts)
{
    return opts->opts->len;
}

const char *qemu_opts_nth_name(const QemuOpts *opts, int i)
{
    return ((QemuOpt *)g_ptr_array_index(opts->opts, i))->name;
}

const char *qemu_opts_nth_value(const QemuOpts *opts, int i)
{
    return ((QemuOpt *)g_ptr_array_index(opts->opts, i))->str;
}

bool qemu_opts_list_append(QemuOptsList *dst, const QemuOptsList *src)
{
    int n = 0;

    while (dst->desc[n].name) {
        n++;
    }
    for (const QemuOptDesc *d = src->desc; d->name; d++) {
        if (qemu_opts_list_find(dst, d->name)) {
            continue;
        }
        if (n >= QEMU_OPTS_MAX_DESC) {
            return false;
        }
        dst->desc[n++] = *d;
        dst->desc[n].name = NULL;
    }
    return true;
}

static const char *type_name(QemuOptType type)
{
    switch (type) {
    case QEMU_OPT_STRING:
        return "str";
    case QEMU_OPT_BOOL:
        return "bool (on/off)";
    case QEMU_OPT_NUMBER:
        return "num";
    case QEMU_OPT_SIZE:
        return "size";
    }
    return "?";
}

static gint compare_lines(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void qemu_opts_print_help(FILE *f, const QemuOptsList *list,
                          const char *title)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);

    for (const QemuOptDesc *d = list->desc; d->name; d++) {
        char *lhs = g_strdup_printf("%s=<%s>", d->name, type_name(d->type));
        GString *line = g_string_new(NULL);

        g_string_printf(line, "  %-22s", lhs);
        if (d->help) {
            g_string_append_printf(line, " - %s", d->help);
        }
        if (d->def_value_str) {
            g_string_append_printf(line, " (default: %s)", d->def_value_str);
        }
        g_ptr_array_add(lines, g_string_free(line, FALSE));
        g_free(lhs);
    }
    /* Listed alphabetically, as QEMU does. */
    g_ptr_array_sort(lines, compare_lines);
    fprintf(f, "%s\n", title ? title : "Supported options:");
    for (guint i = 0; i < lines->len; i++) {
        fprintf(f, "%s\n", (char *)g_ptr_array_index(lines, i));
    }
    g_ptr_array_free(lines, TRUE);
}
