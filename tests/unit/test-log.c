/*
 * -d item parsing and -D log file output.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "qemu/log.h"

static void test_parse_items(void)
{
    Error *err = NULL;
    int mask = qemu_str_to_log_mask("in_asm,op_opt,strace", &err);

    g_assert_null(err);
    g_assert_cmpint(mask, ==, CPU_LOG_TB_IN_ASM | CPU_LOG_TB_OP_OPT | LOG_STRACE);
}

static void test_parse_all(void)
{
    Error *err = NULL;
    int mask = qemu_str_to_log_mask("all", &err);

    g_assert_null(err);
    for (const QEMULogItem *i = qemu_log_items; i->name; i++) {
        g_assert_true(mask & i->mask);
    }
}

static void test_unknown_item_named(void)
{
    Error *err = NULL;
    int mask = qemu_str_to_log_mask("in_asm,bogus", &err);

    g_assert_cmpint(mask, ==, 0);
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, "Unknown log item 'bogus'");
    error_free(err);
}

static void test_usage_lists_items(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    qemu_print_log_usage(f);
    fclose(f);
    g_assert_nonnull(strstr(buf, "\nout_asm "));
    g_assert_nonnull(strstr(buf, "\nstrace "));
    g_free(buf);
}

static void test_mask_and_file(void)
{
    char *path = g_build_filename(g_get_tmp_dir(), "test-log-XXXXXX", NULL);
    int fd = g_mkstemp(path);
    char *contents = NULL;
    Error *err = NULL;

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(qemu_set_log_filename(path, &err));
    qemu_set_log(CPU_LOG_INT);
    qemu_log_mask(CPU_LOG_INT, "shown %d\n", 1);
    qemu_log_mask(CPU_LOG_EXEC, "hidden\n");
    qemu_log_close();
    qemu_set_log(0);
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "shown 1\n");
    g_free(contents);
    unlink(path);
    g_free(path);
}

static void test_bad_log_file(void)
{
    Error *err = NULL;

    g_assert_false(qemu_set_log_filename("/nonexistent-dir/x.log", &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "/nonexistent-dir/x.log"));
    error_free(err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/log/parse-items", test_parse_items);
    g_test_add_func("/log/parse-all", test_parse_all);
    g_test_add_func("/log/unknown-item", test_unknown_item_named);
    g_test_add_func("/log/usage", test_usage_lists_items);
    g_test_add_func("/log/mask-and-file", test_mask_and_file);
    g_test_add_func("/log/bad-file", test_bad_log_file);
    return g_test_run();
}
