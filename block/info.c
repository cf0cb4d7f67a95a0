/*
 * InfoNode: the typed value tree of format-specific image facts, and its
 * human and JSON printers (QEMU's `qemu-img info` layouts).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <string.h>

#include "block/info.h"

static InfoNode *info_new(InfoType type, const char *key)
{
    InfoNode *n = g_new0(InfoNode, 1);
    n->type = type;
    n->key = key ? g_strdup(key) : NULL;
    if (type == INFO_DICT || type == INFO_LIST) {
        n->children = g_ptr_array_new();
    }
    return n;
}

InfoNode *info_new_dict(void)
{
    return info_new(INFO_DICT, NULL);
}

InfoNode *info_new_list(void)
{
    return info_new(INFO_LIST, NULL);
}

static InfoNode *info_attach(InfoNode *parent, InfoNode *child)
{
    g_ptr_array_add(parent->children, child);
    return child;
}

InfoNode *info_add_str(InfoNode *parent, const char *key, const char *val)
{
    InfoNode *n = info_new(INFO_STR, key);
    n->str = g_strdup(val ? val : "");
    return info_attach(parent, n);
}

InfoNode *info_add_int(InfoNode *parent, const char *key, int64_t val)
{
    InfoNode *n = info_new(INFO_INT, key);
    n->num = val;
    return info_attach(parent, n);
}

InfoNode *info_add_bool(InfoNode *parent, const char *key, bool val)
{
    InfoNode *n = info_new(INFO_BOOL, key);
    n->flag = val;
    return info_attach(parent, n);
}

InfoNode *info_add_dict(InfoNode *parent, const char *key)
{
    return info_attach(parent, info_new(INFO_DICT, key));
}

InfoNode *info_add_list(InfoNode *parent, const char *key)
{
    return info_attach(parent, info_new(INFO_LIST, key));
}

void info_add_node(InfoNode *parent, const char *key, InfoNode *child)
{
    g_free(child->key);
    child->key = key ? g_strdup(key) : NULL;
    info_attach(parent, child);
}

const InfoNode *info_find(const InfoNode *dict, const char *key)
{
    if (!dict || !dict->children) {
        return NULL;
    }
    for (guint i = 0; i < dict->children->len; i++) {
        const InfoNode *c = g_ptr_array_index(dict->children, i);
        if (c->key && !strcmp(c->key, key)) {
            return c;
        }
    }
    return NULL;
}

void info_free(InfoNode *node)
{
    if (!node) {
        return;
    }
    if (node->children) {
        for (guint i = 0; i < node->children->len; i++) {
            info_free(g_ptr_array_index(node->children, i));
        }
        g_ptr_array_free(node->children, TRUE);
    }
    g_free(node->key);
    g_free(node->str);
    g_free(node);
}

static void print_human_key(FILE *f, const char *key, int indent)
{
    fprintf(f, "%*s", indent, "");
    for (const char *p = key; *p; p++) {
        fputc(*p == '-' ? ' ' : *p, f);
    }
    fputc(':', f);
}

static void print_scalar(FILE *f, const InfoNode *n)
{
    switch (n->type) {
    case INFO_STR:
        fputs(n->str, f);
        break;
    case INFO_INT:
        fprintf(f, "%" PRId64, n->num);
        break;
    case INFO_BOOL:
        fputs(n->flag ? "true" : "false", f);
        break;
    default:
        break;
    }
}

void info_print_human(FILE *f, const InfoNode *node, int indent)
{
    for (guint i = 0; i < node->children->len; i++) {
        const InfoNode *c = g_ptr_array_index(node->children, i);
        if (node->type == INFO_LIST) {
            fprintf(f, "%*s[%u]:", indent, "", i);
        } else {
            print_human_key(f, c->key, indent);
        }
        if (c->type == INFO_DICT || c->type == INFO_LIST) {
            fputc('\n', f);
            info_print_human(f, c, indent + 4);
        } else {
            fputc(' ', f);
            print_scalar(f, c);
            fputc('\n', f);
        }
    }
}

void info_print_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\b':
            fputs("\\b", f);
            break;
        case '\f':
            fputs("\\f", f);
            break;
        default:
            if (*p < 0x20) {
                fprintf(f, "\\u%04x", *p);
            } else {
                fputc(*p, f);
            }
        }
    }
    fputc('"', f);
}

/*
 * QEMU prints JSON objects from a hash table (512 buckets, tdb hash;
 * newest entry first within a bucket), so scripts and golden files see
 * that member order.  We reproduce it for drop-in identical output.
 */
static unsigned qdict_bucket(const char *name)
{
    uint32_t value = 0x238F13AFu * (uint32_t)strlen(name);
    for (uint32_t i = 0; name[i]; i++) {
        value += (uint32_t)(unsigned char)name[i] << (i * 5 % 24);
    }
    return (1103515243u * value + 12345u) % 512;
}

static gint compare_members(gconstpointer a, gconstpointer b)
{
    const InfoNode *x = *(InfoNode *const *)a;
    const InfoNode *y = *(InfoNode *const *)b;
    unsigned bx = qdict_bucket(x->key), by = qdict_bucket(y->key);
    if (bx != by) {
        return bx < by ? -1 : 1;
    }
    /* Same bucket: the later insertion comes first. */
    return x->num_order > y->num_order ? -1 : 1;
}

void info_print_json(FILE *f, const InfoNode *node, int indent)
{
    switch (node->type) {
    case INFO_STR:
        info_print_json_string(f, node->str);
        return;
    case INFO_INT:
    case INFO_BOOL:
        print_scalar(f, node);
        return;
    case INFO_DICT:
    case INFO_LIST:
        break;
    }
    bool dict = node->type == INFO_DICT;
    if (node->children->len == 0) {
        fputs(dict ? "{\n" : "[\n", f);
        fprintf(f, "%*s%c", indent, "", dict ? '}' : ']');
        return;
    }
    fputs(dict ? "{\n" : "[\n", f);
    GPtrArray *order = g_ptr_array_new();
    for (guint i = 0; i < node->children->len; i++) {
        InfoNode *c = g_ptr_array_index(node->children, i);
        c->num_order = i;
        g_ptr_array_add(order, c);
    }
    if (dict) {
        g_ptr_array_sort(order, compare_members);
    }
    for (guint i = 0; i < order->len; i++) {
        const InfoNode *c = g_ptr_array_index(order, i);
        fprintf(f, "%*s", indent + 4, "");
        if (dict) {
            info_print_json_string(f, c->key);
            fputs(": ", f);
        }
        info_print_json(f, c, indent + 4);
        fputs(i + 1 < order->len ? ",\n" : "\n", f);
    }
    g_ptr_array_free(order, TRUE);
    fprintf(f, "%*s%c", indent, "", dict ? '}' : ']');
}
