/*
 * Error objects: creation, propagation, prefixing and report format.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "qemu/error.h"

/* Capture what error_report & co. print. */
static char *capture_report(void (*fn)(void *), void *opaque)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    error_set_report_stream(f);
    fn(opaque);
    error_set_report_stream(NULL);
    fclose(f);
    return buf;
}

static void test_setg_message(void)
{
    Error *err = NULL;

    error_setg(&err, "bad %s at %d", "thing", 42);
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, "bad thing at 42");
    error_free(err);
}

static void test_setg_errno_appends_strerror(void)
{
    Error *err = NULL;
    char *want = g_strdup_printf("Could not open 'x': %s", strerror(ENOENT));

    error_setg_errno(&err, ENOENT, "Could not open '%s'", "x");
    g_assert_cmpstr(error_get_pretty(err), ==, want);
    error_free(err);
    g_free(want);
}

static void test_null_errp_ignores(void)
{
    error_setg(NULL, "nobody listens");
    error_propagate(NULL, NULL);
}

static void test_propagate_moves(void)
{
    Error *local = NULL, *dst = NULL;

    error_setg(&local, "inner");
    error_propagate(&dst, local);
    g_assert_cmpstr(error_get_pretty(dst), ==, "inner");
    error_propagate(&dst, NULL);            /* no error: nothing changes */
    g_assert_cmpstr(error_get_pretty(dst), ==, "inner");
    error_free_or_abort(&dst);
    g_assert_null(dst);
}

static void test_prepend(void)
{
    Error *err = NULL;

    error_prepend(&err, "ignored: ");       /* nothing to prefix */
    g_assert_null(err);
    error_setg(&err, "reason");
    error_prepend(&err, "%s: ", "file.qcow2");
    g_assert_cmpstr(error_get_pretty(err), ==, "file.qcow2: reason");
    error_free(err);
}

static void report_one(void *opaque)
{
    error_report("Could not open '%s'", (const char *)opaque);
}

static void report_err_with_hint(void *opaque)
{
    Error *err = NULL;

    error_setg(&err, "Parameter 'x' expects a size");
    error_append_hint(&err, "Use k, M or G.\n");
    error_report_err(err);
}

static void report_warning(void *opaque)
{
    warn_report("image is %s", "dirty");
}

static void test_report_format(void)
{
    char *out;

    error_set_progname("/usr/bin/qemu-img");
    out = capture_report(report_one, (void *)"a.img");
    g_assert_cmpstr(out, ==, "qemu-img: Could not open 'a.img'\n");
    g_free(out);

    out = capture_report(report_err_with_hint, NULL);
    g_assert_cmpstr(out, ==,
                    "qemu-img: Parameter 'x' expects a size\nUse k, M or G.\n");
    g_free(out);

    out = capture_report(report_warning, NULL);
    g_assert_cmpstr(out, ==, "qemu-img: warning: image is dirty\n");
    g_free(out);
}

static void test_copy_is_independent(void)
{
    Error *err = NULL, *copy;

    error_setg(&err, "original");
    error_append_hint(&err, "hint\n");
    copy = error_copy(err);
    error_free(err);
    g_assert_cmpstr(error_get_pretty(copy), ==, "original");
    error_free(copy);
}

static void test_fatal_exits(void)
{
    if (g_test_subprocess()) {
        error_set_progname("tool");
        error_setg(&error_fatal, "cannot go on");
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("tool: cannot go on\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/error/setg-message", test_setg_message);
    g_test_add_func("/error/setg-errno", test_setg_errno_appends_strerror);
    g_test_add_func("/error/null-errp", test_null_errp_ignores);
    g_test_add_func("/error/propagate", test_propagate_moves);
    g_test_add_func("/error/prepend", test_prepend);
    g_test_add_func("/error/report-format", test_report_format);
    g_test_add_func("/error/copy", test_copy_is_independent);
    g_test_add_func("/error/fatal-exits", test_fatal_exits);
    return g_test_run();
}
