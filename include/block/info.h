/*
 * A small tree of typed values (string, integer, bool, dict, list) that a
 * driver fills with its format-specific facts for `qemu-img info`.  The
 * tool prints it either as QEMU's human form ("key name: value", nested
 * dicts indented by four spaces, list items as "[0]:") or as JSON with the
 * keys in insertion order.  Keys are given in JSON form ("refcount-bits");
 * the human form replaces '-' with ' '.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BLOCK_INFO_H
#define BLOCK_INFO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <glib.h>

typedef enum InfoType {
    INFO_STR,
    INFO_INT,
    INFO_BOOL,
    INFO_DICT,
    INFO_LIST,
} InfoType;

typedef struct InfoNode {
    char *key;              /* NULL for list items */
    InfoType type;
    char *str;
    int64_t num;
    bool flag;
    GPtrArray *children;    /* dict members / list items (InfoNode *) */
    unsigned num_order;     /* scratch: insertion index while printing */
} InfoNode;

InfoNode *info_new_dict(void);
InfoNode *info_new_list(void);
/* Each adder returns the new child (for dicts/lists to fill further). */
InfoNode *info_add_str(InfoNode *parent, const char *key, const char *val);
InfoNode *info_add_int(InfoNode *parent, const char *key, int64_t val);
InfoNode *info_add_bool(InfoNode *parent, const char *key, bool val);
InfoNode *info_add_dict(InfoNode *parent, const char *key);
InfoNode *info_add_list(InfoNode *parent, const char *key);
/* Take ownership of @child and add it under @key. */
void info_add_node(InfoNode *parent, const char *key, InfoNode *child);
const InfoNode *info_find(const InfoNode *dict, const char *key);
void info_free(InfoNode *node);

/* Human form: each member at @indent spaces. */
void info_print_human(FILE *f, const InfoNode *node, int indent);
/* JSON value (no trailing newline); nested levels indented by 4. */
void info_print_json(FILE *f, const InfoNode *node, int indent);
/* JSON-quote @s onto @f. */
void info_print_json_string(FILE *f, const char *s);

#endif
