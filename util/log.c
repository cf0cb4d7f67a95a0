/*
 * Debug log (-d / -D): a mask of enabled items and one output stream.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "qemu/log.h"

int qemu_loglevel;
static FILE *log_file;
static bool log_file_owned;

const QEMULogItem qemu_log_items[] = {
    { CPU_LOG_TB_OUT_ASM, "out_asm", "show generated host assembly code for each compiled TB" },
    { CPU_LOG_TB_IN_ASM, "in_asm", "show target assembly code for each compiled TB" },
    { CPU_LOG_TB_OP, "op", "show micro ops for each compiled TB" },
    { CPU_LOG_TB_OP_OPT, "op_opt", "show micro ops after optimization" },
    { CPU_LOG_INT, "int", "show interrupts/exceptions in short format" },
    { CPU_LOG_EXEC, "exec", "show trace before each executed TB (lots of logs)" },
    { CPU_LOG_TB_CPU, "cpu", "show CPU registers before entering a TB (lots of logs)" },
    { LOG_GUEST_ERROR, "guest_errors", "log when the guest OS does something invalid (eg accessing a\nnon-existent register)" },
    { LOG_UNIMP, "unimp", "log unimplemented functionality" },
    { LOG_STRACE, "strace", "log every user-mode syscall, its input, and its result" },
    { CPU_LOG_PAGE, "page", "dump pages at beginning of user mode emulation" },
    { CPU_LOG_TB_NOCHAIN, "nochain", "do not chain compiled TBs so that \"exec\" and \"cpu\" show\ncomplete traces" },
    { 0, NULL, NULL },
};

int qemu_str_to_log_mask(const char *str, Error **errp)
{
    char **parts = g_strsplit(str, ",", -1);
    int mask = 0;

    for (char **p = parts; *p; p++) {
        const QEMULogItem *item;

        if (**p == '\0') {
            continue;
        }
        if (g_str_equal(*p, "all")) {
            for (item = qemu_log_items; item->name; item++) {
                mask |= item->mask;
            }
            continue;
        }
        for (item = qemu_log_items; item->name; item++) {
            if (g_str_equal(*p, item->name)) {
                break;
            }
        }
        if (!item->name) {
            error_setg(errp, "Unknown log item '%s'", *p);
            g_strfreev(parts);
            return 0;
        }
        mask |= item->mask;
    }
    g_strfreev(parts);
    if (mask == 0) {
        error_setg(errp, "No log item given in '%s'", str);
    }
    return mask;
}

void qemu_print_log_usage(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (const QEMULogItem *item = qemu_log_items; item->name; item++) {
        char **lines = g_strsplit(item->help, "\n", -1);

        fprintf(f, "%-15s %s\n", item->name, lines[0]);
        for (char **l = lines + 1; *l; l++) {
            fprintf(f, "%-15s %s\n", "", *l);
        }
        g_strfreev(lines);
    }
}

void qemu_set_log(int mask)
{
    qemu_loglevel = mask;
}

bool qemu_set_log_filename(const char *filename, Error **errp)
{
    FILE *f = stderr;

    if (filename) {
        f = fopen(filename, "w");
        if (!f) {
            error_setg_errno(errp, errno, "Error opening logfile %s",
                             filename);
            return false;
        }
        setvbuf(f, NULL, _IOLBF, 0);
    }
    qemu_log_close();
    log_file = f;
    log_file_owned = filename != NULL;
    return true;
}

FILE *qemu_log_file(void)
{
    return log_file ? log_file : stderr;
}

void qemu_log(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(qemu_log_file(), fmt, ap);
    va_end(ap);
}

void qemu_log_flush(void)
{
    fflush(qemu_log_file());
}

void qemu_log_close(void)
{
    if (log_file && log_file_owned) {
        fclose(log_file);
    }
    log_file = NULL;
    log_file_owned = false;
}
