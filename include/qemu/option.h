/*
 * "key=value,key=value" option strings, as taken by qemu-img -o, -cpu
 * MODEL,prop=val and friends (QEMU's QemuOpts, simplified).
 *
 * A QemuOptsList describes the accepted keys and their types; parsing a
 * string against it yields a QemuOpts that remembers each value in the
 * order given.  ",," inside a value stands for a literal comma.  A bare
 * "key" means "key=on"; a first element without "=" is taken as the value
 * of the list's implied option (e.g. the CPU model in "-cpu e8c,tags=on").
 * "help" or "?" as an element asks for the option list.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef QEMU_OPTION_H
#define QEMU_OPTION_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "qemu/error.h"

typedef enum QemuOptType {
    QEMU_OPT_STRING,    /* any text */
    QEMU_OPT_BOOL,      /* on/off (also yes/no, true/false) */
    QEMU_OPT_NUMBER,    /* unsigned 64-bit integer, 0x allowed */
    QEMU_OPT_SIZE,      /* unsigned 64-bit with K/M/G/T/P/E suffix */
} QemuOptType;

typedef struct QemuOptDesc {
    const char *name;
    QemuOptType type;
    const char *help;
    const char *def_value_str;  /* shown by help; not applied implicitly */
} QemuOptDesc;

#define QEMU_OPTS_MAX_DESC 64

typedef struct QemuOptsList {
    const char *name;
    const char *implied_opt_name;   /* may be NULL */
    QemuOptDesc desc[QEMU_OPTS_MAX_DESC + 1];  /* ends with name == NULL */
} QemuOptsList;

typedef struct QemuOpts QemuOpts;

/*
 * Parse @params against @list.  Values are type-checked now, so later
 * getters cannot fail.  Unknown keys, malformed numbers and overflow are
 * errors naming the key ("Invalid parameter 'foo'").
 */
QemuOpts *qemu_opts_parse(const QemuOptsList *list, const char *params,
                          Error **errp);
/* An empty set of options for @list, to be filled by qemu_opt_set(). */
QemuOpts *qemu_opts_create(const QemuOptsList *list);
void qemu_opts_del(QemuOpts *opts);

/* Set (or replace) one option, type-checked against the list. */
bool qemu_opt_set(QemuOpts *opts, const char *name, const char *value,
                  Error **errp);
bool qemu_opt_set_number(QemuOpts *opts, const char *name, uint64_t val,
                         Error **errp);
bool qemu_opt_unset(QemuOpts *opts, const char *name);

/* Getters return @defval when the option was not given. */
bool qemu_opt_has(const QemuOpts *opts, const char *name);
const char *qemu_opt_get(const QemuOpts *opts, const char *name);
bool qemu_opt_get_bool(const QemuOpts *opts, const char *name, bool defval);
uint64_t qemu_opt_get_number(const QemuOpts *opts, const char *name,
                             uint64_t defval);
uint64_t qemu_opt_get_size(const QemuOpts *opts, const char *name,
                           uint64_t defval);

/* Was "help" (or "?") among the elements? */
bool qemu_opts_has_help(const QemuOpts *opts);
/* Number of options set, and the i-th in the order they were given. */
int qemu_opts_count(const QemuOpts *opts);
const char *qemu_opts_nth_name(const QemuOpts *opts, int i);
const char *qemu_opts_nth_value(const QemuOpts *opts, int i);

/*
 * Merge the descriptions of @src into @dst (keys already in @dst win),
 * so that e.g. format and protocol creation options form one list.
 * Returns false if the result would exceed QEMU_OPTS_MAX_DESC.
 */
bool qemu_opts_list_append(QemuOptsList *dst, const QemuOptsList *src);
const QemuOptDesc *qemu_opts_list_find(const QemuOptsList *list,
                                       const char *name);

/*
 * Print the list as "-o help" does:
 *   Supported options:
 *     name=<type>   - help (default: x)
 * @title replaces "Supported options:" when not NULL.
 */
void qemu_opts_print_help(FILE *f, const QemuOptsList *list,
                          const char *title);

/* Does @params contain a "help" element?  Cheap pre-check for tools. */
bool is_help_option(const char *s);
bool has_help_option(const char *params);

#endif
