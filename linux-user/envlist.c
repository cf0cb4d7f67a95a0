/*
 * The guest's environment: qemu-e2k's own, edited by -E var=value /
 * -U var (and QEMU_SET_ENV / QEMU_UNSET_ENV) in the order given.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "qemu.h"

bool target_env_parse_list(const char *list, bool set, GPtrArray *edits,
                           Error **errp)
{
    gchar **items = g_strsplit(list, ",", -1);

    for (int i = 0; items[i]; i++) {
        const char *eq = strchr(items[i], '=');

        if (!items[i][0]) {
            continue;
        }
        if (set && (!eq || eq == items[i])) {
            error_setg(errp, "-E: '%s' is not of the form var=value",
                       items[i]);
            g_strfreev(items);
            return false;
        }
        if (!set && eq) {
            error_setg(errp, "-U: '%s' is not a variable name", items[i]);
            g_strfreev(items);
            return false;
        }
        g_ptr_array_add(edits, g_strdup(items[i]));
    }
    g_strfreev(items);
    return true;
}

char **target_env_build(char *const *env, const GPtrArray *edits)
{
    GPtrArray *out = g_ptr_array_new();

    for (char *const *e = env; e && *e; e++) {
        g_ptr_array_add(out, g_strdup(*e));
    }
    for (guint i = 0; edits && i < edits->len; i++) {
        const char *edit = edits->pdata[i];
        const char *eq = strchr(edit, '=');
        size_t namelen = eq ? (size_t)(eq - edit) : strlen(edit);
        guint j = 0;

        while (j < out->len) {
            const char *cur = out->pdata[j];
            if (strncmp(cur, edit, namelen) == 0 && cur[namelen] == '=') {
                g_free(g_ptr_array_steal_index(out, j));
            } else {
                j++;
            }
        }
        if (eq) {
            g_ptr_array_add(out, g_strdup(edit));
        }
    }
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, false);
}
