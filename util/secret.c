/*
 * The `--object secret,...` registry (see include/qemu/secret.h).  Other
 * object types QEMU has (throttle-group, tls-creds, ...) are refused by
 * name; so are encrypted secrets (keyid=/iv=), which we cannot honour.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>

#include <glib.h>

#include "qemu/option.h"
#include "qemu/secret.h"

typedef struct Secret {
    char *id;
    uint8_t *data;
    size_t len;
} Secret;

static GPtrArray *secrets;
static GMutex secrets_lock;

static const QemuOptsList secret_opts = {
    .name = "secret",
    .implied_opt_name = "qom-type",
    .desc = {
        { "qom-type", QEMU_OPT_STRING, "object type" },
        { "id", QEMU_OPT_STRING, "name the secret is looked up by" },
        { "data", QEMU_OPT_STRING, "the secret itself" },
        { "file", QEMU_OPT_STRING, "file holding the secret" },
        { "format", QEMU_OPT_STRING, "raw or base64" },
        { "keyid", QEMU_OPT_STRING, "secret decrypting this one" },
        { "iv", QEMU_OPT_STRING, "IV for keyid" },
        { "loaded", QEMU_OPT_BOOL, "(accepted, no effect)" },
        { NULL },
    },
};

static Secret *secret_find(const char *id)
{
    for (guint i = 0; secrets && i < secrets->len; i++) {
        Secret *s = g_ptr_array_index(secrets, i);
        if (!strcmp(s->id, id)) {
            return s;
        }
    }
    return NULL;
}

/* Read the secret's raw bytes from data= or file=. */
static uint8_t *secret_load(const QemuOpts *opts, const char *id, size_t *len,
                            Error **errp)
{
    const char *data = qemu_opt_get(opts, "data");
    const char *file = qemu_opt_get(opts, "file");
    if (data && file) {
        error_setg(errp, "'data' and 'file' are mutually exclusive (secret "
                   "'%s')", id);
        return NULL;
    }
    if (data) {
        *len = strlen(data);
        return (uint8_t *)g_strdup(data);
    }
    if (!file) {
        error_setg(errp, "Either 'file' or 'data' must be provided");
        return NULL;
    }
    gchar *contents = NULL;
    gsize n = 0;
    GError *gerr = NULL;
    if (!g_file_get_contents(file, &contents, &n, &gerr)) {
        error_setg(errp, "Unable to read %s: %s", file, gerr->message);
        g_error_free(gerr);
        return NULL;
    }
    *len = n;
    return (uint8_t *)contents;
}

/* The object type: the leading element, bare or as qom-type=. */
static char *object_type(const char *optarg)
{
    const char *end = strchr(optarg, ',');
    char *first = g_strndup(optarg, end ? (size_t)(end - optarg)
                                        : strlen(optarg));
    if (g_str_has_prefix(first, "qom-type=")) {
        char *t = g_strdup(first + 9);
        g_free(first);
        return t;
    }
    return first;
}

int qemu_secret_object_add(const char *optarg, Error **errp)
{
    /* The type first: another type's parameters are not ours to judge. */
    char *type = object_type(optarg);
    QemuOpts *opts = NULL;
    int ret = -EINVAL;
    uint8_t *raw = NULL;
    if (strcmp(type, "secret")) {
        static const char *const qemu_types[] = {
            "throttle-group", "iothread", "tls-creds-anon", "tls-creds-psk",
            "tls-creds-x509", "tls-cipher-suites", "authz-simple",
            "authz-list", "authz-listfile", "authz-pam", "secret_keyring",
        };
        for (size_t i = 0; i < G_N_ELEMENTS(qemu_types); i++) {
            if (!strcmp(type, qemu_types[i])) {
                error_setg(errp, "Object type '%s' is not supported by this "
                           "build (only 'secret' is)", type);
                goto out;
            }
        }
        /* QEMU's words for a type it does not know either. */
        error_setg(errp, "Parameter 'qom-type' does not accept value '%s'",
                   type);
        goto out;
    }
    opts = qemu_opts_parse(&secret_opts, optarg, errp);
    if (!opts) {
        goto out;
    }
    const char *id = qemu_opt_get(opts, "id");
    const char *format = qemu_opt_get(opts, "format");
    if (!id || !id[0]) {
        error_setg(errp, "Parameter 'id' is missing");
        goto out;
    }
    if (qemu_opt_has(opts, "keyid") || qemu_opt_has(opts, "iv")) {
        error_setg(errp, "secret '%s': encrypted secrets (keyid=, iv=) are "
                   "not supported", id);
        goto out;
    }
    if (format && strcmp(format, "raw") && strcmp(format, "base64")) {
        error_setg(errp, "Parameter 'format' does not accept value '%s'",
                   format);
        goto out;
    }
    size_t len = 0;
    raw = secret_load(opts, id, &len, errp);
    if (!raw) {
        goto out;
    }
    if (format && !strcmp(format, "base64")) {
        /* g_base64_decode accepts garbage silently: check the alphabet. */
        for (size_t i = 0; i < len; i++) {
            if (!g_ascii_isalnum(raw[i]) && raw[i] != '+' && raw[i] != '/' &&
                raw[i] != '=' && !g_ascii_isspace(raw[i])) {
                error_setg(errp, "secret '%s': invalid base64 data", id);
                goto out;
            }
        }
        gsize dlen = 0;
        guchar *dec = g_base64_decode((const gchar *)raw, &dlen);
        g_free(raw);
        raw = g_malloc(dlen + 1);
        memcpy(raw, dec, dlen);
        raw[dlen] = 0;
        g_free(dec);
        len = dlen;
    }
    g_mutex_lock(&secrets_lock);
    if (secret_find(id)) {
        g_mutex_unlock(&secrets_lock);
        error_setg(errp, "attempt to add duplicate property '%s' to object "
                   "(type 'container')", id);
        goto out;
    }
    if (!secrets) {
        secrets = g_ptr_array_new();
    }
    Secret *s = g_new0(Secret, 1);
    s->id = g_strdup(id);
    s->data = raw;
    s->len = len;
    raw = NULL;
    g_ptr_array_add(secrets, s);
    g_mutex_unlock(&secrets_lock);
    ret = 0;
out:
    g_free(raw);
    g_free(type);
    if (opts) {
        qemu_opts_del(opts);
    }
    return ret;
}

uint8_t *qemu_secret_lookup(const char *id, size_t *len, Error **errp)
{
    g_mutex_lock(&secrets_lock);
    Secret *s = secret_find(id);
    uint8_t *copy = NULL;
    if (s) {
        copy = g_malloc(s->len + 1);
        memcpy(copy, s->data, s->len);
        copy[s->len] = 0;
        *len = s->len;
    }
    g_mutex_unlock(&secrets_lock);
    if (!copy) {
        error_setg(errp, "No secret with id '%s'", id);
    }
    return copy;
}
