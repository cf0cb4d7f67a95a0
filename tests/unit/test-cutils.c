/*
 * Number/size parsing and printing, zero detection.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>

#include <glib.h>

#include "qemu/cutils.h"
#include "qemu/units.h"

static void test_strtoi64(void)
{
    int64_t v;
    const char *end;

    g_assert_cmpint(qemu_strtoi64("-42", NULL, 0, &v), ==, 0);
    g_assert_cmpint(v, ==, -42);
    g_assert_cmpint(qemu_strtoi64("0x7fffffffffffffff", NULL, 0, &v), ==, 0);
    g_assert_cmpint(v, ==, INT64_MAX);
    g_assert_cmpint(qemu_strtoi64("9223372036854775808", NULL, 0, &v), ==,
                    -ERANGE);
    g_assert_cmpint(qemu_strtoi64("12abc", NULL, 0, &v), ==, -EINVAL);
    g_assert_cmpint(qemu_strtoi64("12abc", &end, 0, &v), ==, 0);
    g_assert_cmpstr(end, ==, "abc");
    g_assert_cmpint(qemu_strtoi64("", NULL, 0, &v), ==, -EINVAL);
    g_assert_cmpint(qemu_strtoi64(NULL, NULL, 0, &v), ==, -EINVAL);
}

static void test_strtou64(void)
{
    uint64_t v;
    int i;

    g_assert_cmpint(qemu_strtou64("18446744073709551615", NULL, 0, &v), ==, 0);
    g_assert_cmpuint(v, ==, UINT64_MAX);
    g_assert_cmpint(qemu_strtou64("18446744073709551616", NULL, 0, &v), ==,
                    -ERANGE);
    g_assert_cmpint(qemu_strtou64(" -1", NULL, 0, &v), ==, -EINVAL);
    g_assert_cmpint(qemu_strtoi("2147483648", NULL, 10, &i), ==, -ERANGE);
    g_assert_cmpint(qemu_strtoi("-2147483648", NULL, 10, &i), ==, 0);
    g_assert_cmpint(i, ==, INT32_MIN);
}

static void test_strtosz(void)
{
    uint64_t v;
    const char *end;

    g_assert_cmpint(qemu_strtosz("1.5k", NULL, &v), ==, 0);
    g_assert_cmpuint(v, ==, 1536);
    g_assert_cmpint(qemu_strtosz("10M", NULL, &v), ==, 0);
    g_assert_cmpuint(v, ==, 10 * MiB);
    g_assert_cmpint(qemu_strtosz("15E", NULL, &v), ==, 0);
    g_assert_cmpuint(v, ==, 15 * (uint64_t)EiB);
    g_assert_cmpint(qemu_strtosz("16E", NULL, &v), ==, -ERANGE);
    g_assert_cmpint(qemu_strtosz("1.5", NULL, &v), ==, -EINVAL);
    g_assert_cmpint(qemu_strtosz("1Q", NULL, &v), ==, -EINVAL);
    g_assert_cmpint(qemu_strtosz("4G,rest", &end, &v), ==, 0);
    g_assert_cmpstr(end, ==, ",rest");
    g_assert_cmpint(qemu_strtosz_suffix("2", NULL, &v, 'M'), ==, 0);
    g_assert_cmpuint(v, ==, 2 * MiB);
}

static void test_size_to_str(void)
{
    static const struct { uint64_t v; const char *s; } cases[] = {
        { 0, "0 B" }, { 512, "512 B" }, { 1000, "0.977 KiB" },
        { KiB, "1 KiB" }, { 1536, "1.5 KiB" }, { 64 * MiB, "64 MiB" },
        { 10 * GiB, "10 GiB" }, { 2 * TiB, "2 TiB" }, { UINT64_MAX, "16 EiB" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *s = size_to_str(cases[i].v);

        g_assert_cmpstr(s, ==, cases[i].s);
        g_free(s);
    }
}

static void test_strings(void)
{
    char buf[4];
    const char *rest;

    pstrcpy(buf, sizeof(buf), "abcdef");
    g_assert_cmpstr(buf, ==, "abc");
    g_assert_true(strstart("vmdk:file", "vmdk:", &rest));
    g_assert_cmpstr(rest, ==, "file");
    g_assert_false(strstart("qcow2", "vmdk", NULL));
}

static void test_buffer_is_zero(void)
{
    uint8_t *buf = g_malloc0(65536 + 3);

    g_assert_true(buffer_is_zero(buf, 0));
    g_assert_true(buffer_is_zero(buf, 5));
    g_assert_true(buffer_is_zero(buf, 65536 + 3));
    for (size_t pos = 0; pos < 65536 + 3; pos += 4099) {
        buf[pos] = 1;
        g_assert_false(buffer_is_zero(buf, 65536 + 3));
        buf[pos] = 0;
    }
    buf[65536 + 2] = 0x80;
    g_assert_false(buffer_is_zero(buf, 65536 + 3));
    g_assert_true(buffer_is_zero(buf, 65536 + 2));
    g_free(buf);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cutils/strtoi64", test_strtoi64);
    g_test_add_func("/cutils/strtou64", test_strtou64);
    g_test_add_func("/cutils/strtosz", test_strtosz);
    g_test_add_func("/cutils/size-to-str", test_size_to_str);
    g_test_add_func("/cutils/strings", test_strings);
    g_test_add_func("/cutils/buffer-is-zero", test_buffer_is_zero);
    return g_test_run();
}
