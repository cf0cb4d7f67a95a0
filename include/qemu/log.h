/*
 * Debug logging selected with -d item,item and sent to -D file
 * (default stderr), like QEMU's qemu_log.  Items are bits of a mask so
 * that a disabled item costs one test on the hot path.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef QEMU_LOG_H
#define QEMU_LOG_H

#include <stdbool.h>
#include <stdio.h>
#include <glib.h>

#include "qemu/error.h"

#define CPU_LOG_TB_OUT_ASM  (1 << 0)   /* out_asm: generated host code */
#define CPU_LOG_TB_IN_ASM   (1 << 1)   /* in_asm: guest code per TB */
#define CPU_LOG_TB_OP       (1 << 2)   /* op: IR before optimization */
#define CPU_LOG_TB_OP_OPT   (1 << 3)   /* op_opt: IR after optimization */
#define CPU_LOG_INT         (1 << 4)   /* int: exceptions and signals */
#define CPU_LOG_EXEC        (1 << 5)   /* exec: each TB executed */
#define CPU_LOG_TB_CPU      (1 << 6)   /* cpu: CPU state before each TB */
#define LOG_GUEST_ERROR     (1 << 7)   /* guest_errors: invalid guest acts */
#define LOG_UNIMP           (1 << 8)   /* unimp: unimplemented features */
#define LOG_STRACE          (1 << 9)   /* strace: guest system calls */
#define CPU_LOG_PAGE        (1 << 10)  /* page: guest memory mappings */
#define CPU_LOG_TB_NOCHAIN  (1 << 11)  /* nochain: disable TB chaining */

typedef struct QEMULogItem {
    int mask;
    const char *name;
    const char *help;
} QEMULogItem;

/* The table behind -d; terminated by an entry with name NULL. */
extern const QEMULogItem qemu_log_items[];

extern int qemu_loglevel;

static inline bool qemu_loglevel_mask(int mask)
{
    return (qemu_loglevel & mask) != 0;
}

/*
 * Parse "item,item" (or "all").  Returns the mask, or 0 and sets @errp
 * naming the unknown item.  "help" is not an item: callers check for it
 * and call qemu_print_log_usage().
 */
int qemu_str_to_log_mask(const char *str, Error **errp);
void qemu_print_log_usage(FILE *f);

void qemu_set_log(int mask);
/* Send log output to @filename (NULL: stderr).  Returns false + errp. */
bool qemu_set_log_filename(const char *filename, Error **errp);

/* The current log stream (stderr unless -D was given). */
FILE *qemu_log_file(void);
void qemu_log(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void qemu_log_flush(void);
void qemu_log_close(void);

#define qemu_log_mask(mask, ...) do {           \
        if (unlikely(qemu_loglevel_mask(mask))) { \
            qemu_log(__VA_ARGS__);              \
        }                                       \
    } while (0)

#ifndef likely
#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

#endif
