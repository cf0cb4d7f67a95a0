/*
 * Error reporting: an Error object travels up through "Error **errp"
 * out-parameters until a caller that knows how to report it does so.
 * Library code only creates and propagates errors; tools print them once,
 * at the top, with error_report_err() in QEMU's "prog: message" form.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef QEMU_ERROR_H
#define QEMU_ERROR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <glib.h>

typedef struct Error Error;

/*
 * Special destinations: pass &error_abort when failure is a programming
 * error (abort with the message), &error_fatal when the only sensible
 * reaction is to report and exit(1) (used by tools only).
 */
extern Error *error_abort;
extern Error *error_fatal;

#define error_setg(errp, ...) \
    error_setg_internal((errp), __FILE__, __LINE__, __func__, __VA_ARGS__)
#define error_setg_errno(errp, os_errno, ...) \
    error_setg_errno_internal((errp), __FILE__, __LINE__, __func__, \
                              (os_errno), __VA_ARGS__)

void error_setg_internal(Error **errp, const char *src, int line,
                         const char *func, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);
void error_setg_errno_internal(Error **errp, const char *src, int line,
                               const char *func, int os_errno,
                               const char *fmt, ...)
    G_GNUC_PRINTF(6, 7);

/* Move @local_err into @dst_errp (which may be NULL: the error is freed). */
void error_propagate(Error **dst_errp, Error *local_err);
/* Prefix the message of *errp (if set) with the formatted text. */
void error_prepend(Error **errp, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Append a hint printed on its own line after the message. */
void error_append_hint(Error **errp, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

const char *error_get_pretty(const Error *err);
Error *error_copy(const Error *err);
void error_free(Error *err);
/* Free *errp and set it to NULL (no-op when errp or *errp is NULL). */
void error_free_or_abort(Error **errp);

/*
 * Program name used as the prefix of reported messages ("qemu-img: ...").
 * Set once by main(); defaults to g_get_prgname() or "qemu".
 */
void error_set_progname(const char *name);
const char *error_get_progname(void);

/* Print "prog: message\n" to stderr. */
void error_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void error_vreport(const char *fmt, va_list ap) G_GNUC_PRINTF(1, 0);
void warn_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void info_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Report @err (message plus hints) and free it. */
void error_report_err(Error *err);
void warn_report_err(Error *err);

/*
 * Redirect where reports go (tests capture them).  NULL restores stderr.
 */
void error_set_report_stream(FILE *stream);

#endif
