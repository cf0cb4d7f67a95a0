/*
 * Error objects and QEMU-style reporting ("prog: message").
 *
 * An Error carries a formatted message and optional hints.  It is created
 * by error_setg() at the point of failure, may gain context on the way up
 * (error_prepend), and is printed exactly once by the tool at the top.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu/error.h"

struct Error {
    char *msg;
    GString *hint;
    const char *src;
    const char *func;
    int line;
};

/* Distinct addresses used as markers; never dereferenced. */
Error *error_abort;
Error *error_fatal;

static const char *progname;
static FILE *report_stream;

void error_set_progname(const char *name)
{
    const char *slash = strrchr(name, '/');

    progname = slash ? slash + 1 : name;
}

const char *error_get_progname(void)
{
    if (progname) {
        return progname;
    }
    return g_get_prgname() ? g_get_prgname() : "qemu";
}

void error_set_report_stream(FILE *stream)
{
    report_stream = stream;
}

static FILE *report_out(void)
{
    return report_stream ? report_stream : stderr;
}

static void error_print(const Error *err, const char *prefix)
{
    FILE *f = report_out();

    fprintf(f, "%s: %s%s\n", error_get_progname(), prefix, err->msg);
    if (err->hint) {
        fputs(err->hint->str, f);
    }
}

/* Deliver a freshly made error to its destination. */
static void error_deliver(Error **errp, Error *err)
{
    if (errp == &error_abort) {
        fprintf(stderr, "Unexpected error in %s() at %s:%d:\n",
                err->func, err->src, err->line);
        error_print(err, "");
        abort();
    }
    if (errp == &error_fatal) {
        error_print(err, "");
        exit(1);
    }
    if (!errp) {
        error_free(err);
        return;
    }
    /* Overwriting an error that was never looked at loses information. */
    g_assert(*errp == NULL);
    *errp = err;
}

static void error_setv(Error **errp, const char *src, int line,
                       const char *func, const char *fmt, va_list ap,
                       const char *suffix)
{
    Error *err;

    if (!errp) {
        return;
    }
    err = g_new0(Error, 1);
    err->msg = g_strdup_vprintf(fmt, ap);
    if (suffix) {
        char *m = g_strdup_printf("%s: %s", err->msg, suffix);
        g_free(err->msg);
        err->msg = m;
    }
    err->src = src;
    err->line = line;
    err->func = func;
    error_deliver(errp, err);
}

void error_setg_internal(Error **errp, const char *src, int line,
                         const char *func, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_setv(errp, src, line, func, fmt, ap, NULL);
    va_end(ap);
}

void error_setg_errno_internal(Error **errp, const char *src, int line,
                               const char *func, int os_errno,
                               const char *fmt, ...)
{
    va_list ap;
    int saved = errno;

    va_start(ap, fmt);
    error_setv(errp, src, line, func, fmt, ap,
               os_errno != 0 ? strerror(os_errno) : NULL);
    va_end(ap);
    errno = saved;
}

void error_propagate(Error **dst_errp, Error *local_err)
{
    if (!local_err) {
        return;
    }
    error_deliver(dst_errp, local_err);
}

void error_prepend(Error **errp, const char *fmt, ...)
{
    va_list ap;
    char *prefix, *m;

    if (!errp || !*errp) {
        return;
    }
    va_start(ap, fmt);
    prefix = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    m = g_strconcat(prefix, (*errp)->msg, NULL);
    g_free(prefix);
    g_free((*errp)->msg);
    (*errp)->msg = m;
}

void error_append_hint(Error **errp, const char *fmt, ...)
{
    va_list ap;

    if (!errp || !*errp || errp == &error_abort || errp == &error_fatal) {
        return;
    }
    if (!(*errp)->hint) {
        (*errp)->hint = g_string_new(NULL);
    }
    va_start(ap, fmt);
    g_string_append_vprintf((*errp)->hint, fmt, ap);
    va_end(ap);
}

const char *error_get_pretty(const Error *err)
{
    return err->msg;
}

Error *error_copy(const Error *err)
{
    Error *copy = g_new0(Error, 1);

    copy->msg = g_strdup(err->msg);
    copy->src = err->src;
    copy->func = err->func;
    copy->line = err->line;
    if (err->hint) {
        copy->hint = g_string_new(err->hint->str);
    }
    return copy;
}

void error_free(Error *err)
{
    if (err) {
        g_free(err->msg);
        if (err->hint) {
            g_string_free(err->hint, TRUE);
        }
        g_free(err);
    }
}

void error_free_or_abort(Error **errp)
{
    g_assert(errp && *errp);
    error_free(*errp);
    *errp = NULL;
}

void error_vreport(const char *fmt, va_list ap)
{
    FILE *f = report_out();

    /* One allocation, so concurrent reports do not interleave mid-line. */
    char *msg = g_strdup_vprintf(fmt, ap);

    fprintf(f, "%s: %s\n", error_get_progname(), msg);
    g_free(msg);
}

void error_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vreport(fmt, ap);
    va_end(ap);
}

static void report_prefixed(const char *prefix, const char *fmt, va_list ap)
{
    FILE *f = report_out();

    char *msg = g_strdup_vprintf(fmt, ap);

    fprintf(f, "%s: %s%s\n", error_get_progname(), prefix, msg);
    g_free(msg);
}

void warn_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report_prefixed("warning: ", fmt, ap);
    va_end(ap);
}

void info_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report_prefixed("", fmt, ap);
    va_end(ap);
}

void error_report_err(Error *err)
{
    error_print(err, "");
    error_free(err);
}

void warn_report_err(Error *err)
{
    error_print(err, "warning: ");
    error_free(err);
}
