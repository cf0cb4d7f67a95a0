/*
 * VMDK descriptor text: parsing, generation and the CID update.
 *
 * A descriptor is line oriented: "key = value" lines (value optionally in
 * double quotes), extent lines ("RW 204800 SPARSE "name.vmdk" [offset]")
 * and '#' comments.  Keys are compared whole and case-sensitively, so
 * "CID" never matches "parentCID".  Embedded descriptors are NUL padded:
 * the text ends at the first NUL.
 *
 * This file owns only text; opening the extents it names is vmdk-image.c's
 * job.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "block/vmdk.h"
#include "qemu/cutils.h"

static const char *const known_create_types[] = {
    "monolithicSparse", "monolithicFlat", "twoGbMaxExtentSparse",
    "twoGbMaxExtentFlat", "streamOptimized", "vmfs", "vmfsSparse",
    "vmfsThin", "vmfsPreallocated", "vmfsEagerZeroedThick", "vmfsRaw",
    "vmfsRawDeviceMap", "vmfsPassthroughRawDeviceMap", "seSparse",
    "custom", NULL,
};

typedef struct Line {
    const char *p;
    size_t len;
} Line;

static bool next_line(const char **cur, const char *end, Line *l)
{
    const char *p = *cur, *q;

    if (p >= end) {
        return false;
    }
    q = memchr(p, '\n', end - p);
    if (!q) {
        q = end;
    }
    l->p = p;
    l->len = q - p;
    while (l->len && (l->p[l->len - 1] == '\r' || l->p[l->len - 1] == ' ' ||
                      l->p[l->len - 1] == '\t')) {
        l->len--;
    }
    while (l->len && (*l->p == ' ' || *l->p == '\t')) {
        l->p++;
        l->len--;
    }
    *cur = q < end ? q + 1 : end;
    return true;
}

/* The text up to the first NUL, as the descriptor's real length. */
static size_t text_length(const char *text, size_t len)
{
    const char *nul = memchr(text, '\0', len);

    return nul ? (size_t)(nul - text) : len;
}

/*
 * If @l is "key = value", return the key span and the unquoted value span
 * (nothing is allocated: most lines of a descriptor are keys no caller
 * wants).  Lines that are comments or have no '=' return false.
 */
static bool split_key_value(const Line *l, const char **key, size_t *klen,
                            const char **value, size_t *vlen)
{
    const char *eq, *v, *vend;

    if (!l->len || l->p[0] == '#') {
        return false;
    }
    eq = memchr(l->p, '=', l->len);
    if (!eq) {
        return false;
    }
    *key = l->p;
    *klen = eq - l->p;
    while (*klen && ((*key)[*klen - 1] == ' ' || (*key)[*klen - 1] == '\t')) {
        (*klen)--;
    }
    if (*klen == 0) {
        return false;
    }
    v = eq + 1;
    vend = l->p + l->len;
    while (v < vend && (*v == ' ' || *v == '\t')) {
        v++;
    }
    if (v < vend && *v == '"') {
        const char *close = memchr(v + 1, '"', vend - v - 1);
        v++;
        vend = close ? close : vend;
    }
    *value = v;
    *vlen = vend - v;
    return true;
}

static bool key_is(const char *key, size_t klen, const char *want)
{
    return strlen(want) == klen && memcmp(key, want, klen) == 0;
}

/* Whether vmdk_desc_parse() reads this key (the DDB and others it skips). */
static bool key_is_parsed(const char *key, size_t klen)
{
    static const char *const parsed[] = {
        "version", "CID", "parentCID", "createType", "parentFileNameHint",
    };

    for (size_t i = 0; i < G_N_ELEMENTS(parsed); i++) {
        if (key_is(key, klen, parsed[i])) {
            return true;
        }
    }
    return false;
}

bool vmdk_desc_find_key(const char *text, size_t len, const char *want,
                        char **value)
{
    const char *cur = text, *end = text + text_length(text, len);
    Line l;

    while (next_line(&cur, end, &l)) {
        const char *key, *v;
        size_t klen, vlen;

        if (split_key_value(&l, &key, &klen, &v, &vlen) &&
            key_is(key, klen, want)) {
            *value = g_strndup(v, vlen);
            return true;
        }
    }
    return false;
}

static bool is_access_word(const Line *l, size_t *wlen)
{
    static const char *const words[] = { "RW", "RDONLY", "NOACCESS" };
    for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
        size_t n = strlen(words[i]);
        /* (the first letter first: memcmp is costly under the fuzzer) */
        if (l->len > n && l->p[0] == words[i][0] &&
            memcmp(l->p, words[i], n) == 0 &&
            (l->p[n] == ' ' || l->p[n] == '\t')) {
            *wlen = n;
            return true;
        }
    }
    return false;
}

static int extent_kind(const char *type, VmdkExtentKind *kind)
{
    static const struct {
        const char *name;
        VmdkExtentKind kind;
    } types[] = {
        { "FLAT", VMDK_EXTENT_FLAT },
        { "VMFS", VMDK_EXTENT_FLAT },
        { "VMFSRDM", VMDK_EXTENT_FLAT },
        { "VMFSRAW", VMDK_EXTENT_FLAT },
        { "ZERO", VMDK_EXTENT_ZERO },
        { "SPARSE", VMDK_EXTENT_SPARSE },
        { "VMFSSPARSE", VMDK_EXTENT_SPARSE },
        { "SESPARSE", VMDK_EXTENT_SESPARSE },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(types); i++) {
        if (!strcmp(type, types[i].name)) {
            *kind = types[i].kind;
            return 0;
        }
    }
    return -1;
}

static void skip_blank(const char **p, const char *end)
{
    while (*p < end && (**p == ' ' || **p == '\t')) {
        (*p)++;
    }
}

static bool parse_u64_token(const char **p, const char *end, uint64_t *v)
{
    uint64_t r = 0;
    const char *s = *p;

    if (s >= end || *s < '0' || *s > '9') {
        return false;
    }
    while (s < end && *s >= '0' && *s <= '9') {
        if (r > (UINT64_MAX - 9) / 10) {
            return false;
        }
        r = r * 10 + (*s - '0');
        s++;
    }
    if (s < end && *s != ' ' && *s != '\t') {
        return false;
    }
    *p = s;
    *v = r;
    return true;
}

static int parse_extent_line(const Line *l, size_t wlen, VmdkDescExtent *x,
                             Error **errp)
{
    const char *p = l->p + wlen, *end = l->p + l->len, *t;
    char type[16];
    size_t tlen;

    memset(x, 0, sizeof(*x));
    memcpy(x->access, l->p, wlen);
    x->access[wlen] = 0;
    skip_blank(&p, end);
    if (!parse_u64_token(&p, end, &x->sectors)) {
        goto invalid;
    }
    skip_blank(&p, end);
    t = p;
    while (p < end && *p != ' ' && *p != '\t') {
        p++;
    }
    tlen = p - t;
    if (tlen == 0 || tlen >= sizeof(type)) {
        goto invalid;
    }
    memcpy(type, t, tlen);
    type[tlen] = 0;
    if (extent_kind(type, &x->kind) < 0) {
        error_setg(errp, "Unsupported extent type '%s'", type);
        return -ENOTSUP;
    }
    memcpy(x->type, type, tlen + 1);
    skip_blank(&p, end);
    if (x->kind == VMDK_EXTENT_ZERO) {
        if (p != end) {
            goto invalid;
        }
    } else {
        const char *q;

        if (p >= end || *p != '"') {
            goto invalid;
        }
        q = memchr(p + 1, '"', end - p - 1);
        if (!q || q == p + 1) {
            goto invalid;
        }
        x->filename = g_strndup(p + 1, q - p - 1);
        p = q + 1;
        skip_blank(&p, end);
        if (p < end) {
            if (x->kind != VMDK_EXTENT_FLAT ||
                !parse_u64_token(&p, end, &x->offset)) {
                goto invalid;
            }
            skip_blank(&p, end);
            if (p != end) {
                goto invalid;
            }
        } else if (!strcmp(type, "FLAT")) {
            goto invalid;
        }
    }
    if (x->sectors == 0 || x->sectors > VMDK_MAX_SECTORS ||
        x->offset > VMDK_MAX_SECTORS) {
        goto invalid;
    }
    return 0;

invalid:
    g_free(x->filename);
    x->filename = NULL;
    error_setg(errp, "Invalid extent line: %.*s", (int)l->len, l->p);
    return -EINVAL;
}

static bool parse_hex32(const char *s, uint32_t *v)
{
    uint64_t r;

    if (qemu_strtou64(s, NULL, 16, &r) < 0 || r > UINT32_MAX) {
        return false;
    }
    *v = r;
    return true;
}

void vmdk_desc_free(VmdkDesc *d)
{
    if (!d) {
        return;
    }
    if (d->extents) {
        for (guint i = 0; i < d->extents->len; i++) {
            g_free(g_array_index(d->extents, VmdkDescExtent, i).filename);
        }
        g_array_free(d->extents, true);
    }
    g_free(d->create_type);
    g_free(d->parent_hint);
    g_free(d);
}

VmdkDesc *vmdk_desc_parse(const char *text, size_t len, Error **errp)
{
    VmdkDesc *d = g_new0(VmdkDesc, 1);
    const char *cur = text, *end = text + text_length(text, len);
    uint64_t total = 0;
    Line l;

    d->extents = g_array_new(false, true, sizeof(VmdkDescExtent));
    while (next_line(&cur, end, &l)) {
        const char *key, *vspan;
        size_t klen, vlen, wlen;
        char *v;

        if (!l.len || l.p[0] == '#') {
            continue;
        }
        if (is_access_word(&l, &wlen)) {
            VmdkDescExtent x;
            if (parse_extent_line(&l, wlen, &x, errp) < 0) {
                goto fail;
            }
            if (total + x.sectors > VMDK_MAX_SECTORS) {
                g_free(x.filename);
                error_setg(errp, "Extents too large");
                goto fail;
            }
            total += x.sectors;
            g_array_append_val(d->extents, x);
            continue;
        }
        if (!split_key_value(&l, &key, &klen, &vspan, &vlen) ||
            !key_is_parsed(key, klen)) {
            continue;
        }
        v = g_strndup(vspan, vlen);
        if (key_is(key, klen, "version")) {
            int64_t ver;
            if (qemu_strtoi64(v, NULL, 10, &ver) < 0 || ver < 1 || ver > 3) {
                error_setg(errp, "Unsupported descriptor version '%s'", v);
                g_free(v);
                goto fail;
            }
            d->version = ver;
        } else if (key_is(key, klen, "CID")) {
            if (!parse_hex32(v, &d->cid)) {
                error_setg(errp, "Invalid CID '%s'", v);
                g_free(v);
                goto fail;
            }
            d->has_cid = true;
        } else if (key_is(key, klen, "parentCID")) {
            if (!parse_hex32(v, &d->parent_cid)) {
                error_setg(errp, "Invalid parentCID '%s'", v);
                g_free(v);
                goto fail;
            }
            d->has_parent_cid = true;
        } else if (key_is(key, klen, "createType")) {
            g_free(d->create_type);
            d->create_type = g_steal_pointer(&v);
        } else if (key_is(key, klen, "parentFileNameHint")) {
            g_free(d->parent_hint);
            d->parent_hint = v[0] ? g_steal_pointer(&v) : NULL;
        }
        g_free(v);
    }

    if (!d->create_type) {
        error_setg(errp, "invalid VMDK image descriptor");
        goto fail;
    }
    for (int i = 0;; i++) {
        if (!known_create_types[i]) {
            error_setg(errp, "Unsupported image type '%s'", d->create_type);
            goto fail;
        }
        if (!strcmp(known_create_types[i], d->create_type)) {
            break;
        }
    }
    if (d->extents->len == 0) {
        error_setg(errp, "VMDK descriptor has no usable extent");
        goto fail;
    }
    return d;

fail:
    vmdk_desc_free(d);
    return NULL;
}

char *vmdk_desc_replace_cid(const char *text, size_t len, uint32_t cid)
{
    GString *out = g_string_sized_new(len + 16);
    const char *cur = text, *end = text + text_length(text, len);
    bool done = false;

    while (cur < end) {
        const char *nl = memchr(cur, '\n', end - cur);
        const char *lend = nl ? nl + 1 : end;
        Line l = { cur, lend - cur };
        const char *key, *v;
        size_t klen, vlen;
        Line trimmed;
        const char *tmp = cur;

        next_line(&tmp, lend, &trimmed);
        l = trimmed;
        if (!done && split_key_value(&l, &key, &klen, &v, &vlen)) {
            if (key_is(key, klen, "CID")) {
                g_string_append_printf(out, "CID=%" PRIx32 "\n", cid);
                done = true;
                cur = lend;
                continue;
            }
        }
        g_string_append_len(out, cur, lend - cur);
        cur = lend;
    }
    if (!done) {
        /* no CID line: put one right after the first line */
        const char *nl = memchr(out->str, '\n', out->len);
        gsize pos = nl ? (gsize)(nl - out->str + 1) : out->len;
        char line[32];
        snprintf(line, sizeof(line), "CID=%" PRIx32 "\n", cid);
        g_string_insert(out, pos, line);
    }
    return g_string_free(out, false);
}

char *vmdk_desc_format(const VmdkDescParams *p)
{
    GString *s = g_string_new(NULL);

    g_string_append_printf(s,
        "# Disk DescriptorFile\n"
        "version=1\n"
        "CID=%" PRIx32 "\n"
        "parentCID=%" PRIx32 "\n"
        "createType=\"%s\"\n",
        p->cid, p->parent_cid, p->create_type);
    if (p->parent_hint) {
        g_string_append_printf(s, "parentFileNameHint=\"%s\"\n",
                               p->parent_hint);
    }
    g_string_append_printf(s,
        "\n"
        "# Extent description\n"
        "%s"
        "\n"
        "# The Disk Data Base\n"
        "#DDB\n"
        "\n"
        "ddb.virtualHWVersion = \"%s\"\n"
        "ddb.geometry.cylinders = \"%" PRIu64 "\"\n"
        "ddb.geometry.heads = \"%" PRIu32 "\"\n"
        "ddb.geometry.sectors = \"63\"\n"
        "ddb.adapterType = \"%s\"\n"
        "ddb.toolsVersion = \"%s\"\n",
        p->extent_lines, p->hw_version, p->cylinders, p->heads,
        p->adapter_type, p->tools_version);
    return g_string_free(s, false);
}
