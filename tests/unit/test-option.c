/*
 * key=value option parsing: types, help, implied names, errors.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "qemu/option.h"
#include "qemu/units.h"

static const QemuOptsList create_opts = {
    .name = "create",
    .desc = {
        { "size", QEMU_OPT_SIZE, "Virtual disk size" },
        { "compat", QEMU_OPT_STRING, "Compatibility level" },
        { "lazy_refcounts", QEMU_OPT_BOOL, "Postpone refcount updates" },
        { "refcount_bits", QEMU_OPT_NUMBER, "Width of a reference count" },
        { NULL }
    },
};

static const QemuOptsList cpu_opts = {
    .name = "cpu",
    .implied_opt_name = "model",
    .desc = {
        { "model", QEMU_OPT_STRING, "CPU model" },
        { "tags", QEMU_OPT_BOOL, "Tagged registers" },
        { NULL }
    },
};

static void test_typed_values(void)
{
    Error *err = NULL;
    QemuOpts *o = qemu_opts_parse(&create_opts,
        "size=1.5G,compat=1.1,lazy_refcounts=on,refcount_bits=0x10", &err);

    g_assert_null(err);
    g_assert_cmpuint(qemu_opt_get_size(o, "size", 0), ==, GiB + GiB / 2);
    g_assert_cmpstr(qemu_opt_get(o, "compat"), ==, "1.1");
    g_assert_true(qemu_opt_get_bool(o, "lazy_refcounts", false));
    g_assert_cmpuint(qemu_opt_get_number(o, "refcount_bits", 0), ==, 16);
    g_assert_cmpint(qemu_opts_count(o), ==, 4);
    g_assert_cmpstr(qemu_opts_nth_name(o, 1), ==, "compat");
    qemu_opts_del(o);
}

static void test_defaults_when_absent(void)
{
    QemuOpts *o = qemu_opts_parse(&create_opts, "", &error_abort);

    g_assert_false(qemu_opt_has(o, "size"));
    g_assert_cmpuint(qemu_opt_get_size(o, "size", 7), ==, 7);
    g_assert_true(qemu_opt_get_bool(o, "lazy_refcounts", true));
    g_assert_null(qemu_opt_get(o, "compat"));
    qemu_opts_del(o);
}

static void test_size_suffixes(void)
{
    static const struct { const char *s; uint64_t v; } cases[] = {
        { "512", 512 }, { "1k", KiB }, { "1K", KiB }, { "64M", 64 * MiB },
        { "2G", 2 * GiB }, { "3T", 3 * TiB }, { "1P", PiB }, { "2E", 2 * (uint64_t)EiB },
        { "0x200", 512 }, { "1B", 1 },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *params = g_strdup_printf("size=%s", cases[i].s);
        QemuOpts *o = qemu_opts_parse(&create_opts, params, &error_abort);

        g_assert_cmpuint(qemu_opt_get_size(o, "size", 0), ==, cases[i].v);
        qemu_opts_del(o);
        g_free(params);
    }
}

static void expect_error(const QemuOptsList *list, const char *params,
                         const char *msg)
{
    Error *err = NULL;
    QemuOpts *o = qemu_opts_parse(list, params, &err);

    g_assert_null(o);
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, msg);
    error_free(err);
}

static void test_errors_name_the_key(void)
{
    expect_error(&create_opts, "size=1G,foo=1", "Invalid parameter 'foo'");
    expect_error(&create_opts, "lazy_refcounts=maybe",
                 "Parameter 'lazy_refcounts' expects 'on' or 'off'");
    expect_error(&create_opts, "refcount_bits=12x",
                 "Parameter 'refcount_bits' expects a number");
    expect_error(&create_opts, "refcount_bits=99999999999999999999999",
                 "Value '99999999999999999999999' is too large for "
                 "parameter 'refcount_bits'");
    expect_error(&create_opts, "size=1X",
                 "Parameter 'size' expects a non-negative number below 2^64");
    expect_error(&create_opts, "size=-1",
                 "Parameter 'size' expects a non-negative number below 2^64");
    expect_error(&create_opts, "size=16E",
                 "Parameter 'size' expects a non-negative number below 2^64");
    expect_error(&create_opts, "size", "Parameter 'size' needs a value");
}

static void test_escaped_comma(void)
{
    QemuOpts *o = qemu_opts_parse(&create_opts, "compat=a,,b,size=1k",
                                  &error_abort);

    g_assert_cmpstr(qemu_opt_get(o, "compat"), ==, "a,b");
    g_assert_cmpuint(qemu_opt_get_size(o, "size", 0), ==, KiB);
    qemu_opts_del(o);
}

static void test_implied_and_bare_bool(void)
{
    QemuOpts *o = qemu_opts_parse(&cpu_opts, "e8c,tags", &error_abort);

    g_assert_cmpstr(qemu_opt_get(o, "model"), ==, "e8c");
    g_assert_true(qemu_opt_get_bool(o, "tags", false));
    qemu_opts_del(o);

    o = qemu_opts_parse(&cpu_opts, "e16c,tags=off", &error_abort);
    g_assert_false(qemu_opt_get_bool(o, "tags", true));
    qemu_opts_del(o);
}

static void test_later_value_wins(void)
{
    QemuOpts *o = qemu_opts_parse(&create_opts, "compat=0.10,compat=1.1",
                                  &error_abort);

    g_assert_cmpstr(qemu_opt_get(o, "compat"), ==, "1.1");
    g_assert_cmpint(qemu_opts_count(o), ==, 1);
    g_assert_true(qemu_opt_unset(o, "compat"));
    g_assert_false(qemu_opt_has(o, "compat"));
    qemu_opts_del(o);
}

static void test_help(void)
{
    QemuOpts *o = qemu_opts_parse(&create_opts, "size=1M,help", &error_abort);
    char *buf = NULL;
    size_t len = 0;
    FILE *f;

    g_assert_true(qemu_opts_has_help(o));
    g_assert_true(has_help_option("a=b,?"));
    g_assert_false(has_help_option("compat=help,,x"));
    qemu_opts_del(o);

    f = open_memstream(&buf, &len);
    qemu_opts_print_help(f, &create_opts, "Supported qcow2 options:");
    fclose(f);
    g_assert_cmpstr(buf, ==,
        "Supported qcow2 options:\n"
        "  compat=<str>           - Compatibility level\n"
        "  lazy_refcounts=<bool (on/off)> - Postpone refcount updates\n"
        "  refcount_bits=<num>    - Width of a reference count\n"
        "  size=<size>            - Virtual disk size\n");
    g_free(buf);
}

static void test_list_append(void)
{
    QemuOptsList merged = { .name = "merged" };

    g_assert_true(qemu_opts_list_append(&merged, &create_opts));
    g_assert_true(qemu_opts_list_append(&merged, &cpu_opts));
    g_assert_nonnull(qemu_opts_list_find(&merged, "tags"));
    g_assert_nonnull(qemu_opts_list_find(&merged, "size"));
    g_assert_null(qemu_opts_list_find(&merged, "nope"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/option/typed-values", test_typed_values);
    g_test_add_func("/option/defaults", test_defaults_when_absent);
    g_test_add_func("/option/size-suffixes", test_size_suffixes);
    g_test_add_func("/option/errors", test_errors_name_the_key);
    g_test_add_func("/option/escaped-comma", test_escaped_comma);
    g_test_add_func("/option/implied-and-bare-bool", test_implied_and_bare_bool);
    g_test_add_func("/option/later-value-wins", test_later_value_wins);
    g_test_add_func("/option/help", test_help);
    g_test_add_func("/option/list-append", test_list_append);
    return g_test_run();
}
