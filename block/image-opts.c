/*
 * --image-opts splitting (include/block/image-opts.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "block/image-opts.h"

/* Append "key=value" to @out, doubling commas in the value again. */
static void append_opt(GString *out, const char *key, const char *value)
{
    if (out->len) {
        g_string_append_c(out, ',');
    }
    g_string_append(out, key);
    g_string_append_c(out, '=');
    for (const char *p = value; *p; p++) {
        if (*p == ',') {
            g_string_append_c(out, ',');
        }
        g_string_append_c(out, *p);
    }
}

bool image_opts_split(const char *spec, char **filename, char **fmt,
                      char **options, Error **errp)
{
    GString *rest = g_string_new(NULL);
    GString *el = g_string_new(NULL);
    char *file = NULL, *drv = NULL;
    bool ok = false;
    const char *p = spec;
    for (;;) {
        /* One element; ",," is a literal comma. */
        g_string_truncate(el, 0);
        while (*p && !(*p == ',' && p[1] != ',')) {
            if (*p == ',') {
                p++;
            }
            g_string_append_c(el, *p++);
        }
        if (el->len) {
            char *eq = strchr(el->str, '=');
            if (!eq) {
                error_setg(errp, "Invalid image option '%s': expected "
                           "key=value", el->str);
                goto out;
            }
            *eq = 0;
            const char *key = el->str, *val = eq + 1;
            if (!strcmp(key, "driver")) {
                g_free(drv);
                drv = g_strdup(val);
            } else if (!strcmp(key, "file.filename") ||
                       !strcmp(key, "file")) {
                g_free(file);
                file = g_strdup(val);
            } else if (!strcmp(key, "file.driver")) {
                if (strcmp(val, "file")) {
                    error_setg(errp, "Unknown protocol driver '%s' (only "
                               "'file' is supported)", val);
                    goto out;
                }
            } else if (!strncmp(key, "file.", 5)) {
                error_setg(errp, "Image option '%s' is not supported", key);
                goto out;
            } else {
                append_opt(rest, key, val);
            }
        }
        if (!*p) {
            break;
        }
        p++;
    }
    if (!file) {
        error_setg(errp, "Parameter 'file.filename' is missing");
        goto out;
    }
    *filename = file;
    *fmt = drv;
    *options = rest->len ? g_strdup(rest->str) : NULL;
    file = drv = NULL;
    ok = true;
out:
    g_free(file);
    g_free(drv);
    g_string_free(rest, TRUE);
    g_string_free(el, TRUE);
    return ok;
}
