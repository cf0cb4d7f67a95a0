/*
 * Bit fields, rotations, bitmaps and endian load/store helpers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "qemu/bitops.h"
#include "qemu/bswap.h"

static void test_extract_deposit(void)
{
    g_assert_cmphex(extract32(0xdeadbeef, 8, 8), ==, 0xbe);
    g_assert_cmphex(extract32(0xdeadbeef, 0, 32), ==, 0xdeadbeef);
    g_assert_cmphex(extract64(0x0123456789abcdefULL, 60, 4), ==, 0);
    g_assert_cmphex(extract64(0xf123456789abcdefULL, 60, 4), ==, 0xf);
    g_assert_cmpint(sextract32(0x80, 4, 4), ==, -8);
    g_assert_cmpint(sextract64(0x7ULL << 61, 61, 3), ==, -1);
    g_assert_cmpint(sextract64(0x3ULL << 61, 61, 3), ==, 3);
    g_assert_cmphex(deposit32(0xffffffff, 4, 8, 0), ==, 0xfffff00f);
    g_assert_cmphex(deposit32(0, 28, 4, 0xff), ==, 0xf0000000);
    g_assert_cmphex(deposit64(0, 0, 64, 0x1234), ==, 0x1234);
    g_assert_cmphex(MAKE_64BIT_MASK(4, 8), ==, 0xff0);
    g_assert_cmphex(MAKE_64BIT_MASK(0, 64), ==, UINT64_MAX);
}

static void test_rotate(void)
{
    g_assert_cmphex(rol32(0x80000001, 1), ==, 0x3);
    g_assert_cmphex(ror32(0x3, 1), ==, 0x80000001);
    g_assert_cmphex(rol32(0x12345678, 0), ==, 0x12345678);
    g_assert_cmphex(rol32(0x12345678, 32), ==, 0x12345678);
    g_assert_cmphex(rol64(0x8000000000000000ULL, 1), ==, 1);
    g_assert_cmphex(ror64(1, 1), ==, 0x8000000000000000ULL);
    g_assert_cmphex(ror64(0xabcd, 64), ==, 0xabcd);
}

static void test_align(void)
{
    g_assert_cmpuint(QEMU_ALIGN_UP(65537, 65536), ==, 131072);
    g_assert_cmpuint(QEMU_ALIGN_DOWN(65537, 65536), ==, 65536);
    g_assert_cmpuint(DIV_ROUND_UP(1, 512), ==, 1);
    g_assert_cmpuint(DIV_ROUND_UP(0, 512), ==, 0);
    g_assert_true(QEMU_IS_ALIGNED(4096, 512));
    g_assert_false(QEMU_IS_ALIGNED(4097, 512));
}

static void test_bitmap(void)
{
    unsigned long map[BITS_TO_LONGS(200)] = { 0 };

    g_assert_cmpuint(find_next_bit(map, 200, 0), ==, 200);
    set_bit(5, map);
    set_bit(64, map);
    set_bit(199, map);
    g_assert_true(test_bit(64, map));
    g_assert_false(test_bit(63, map));
    g_assert_cmpuint(find_next_bit(map, 200, 0), ==, 5);
    g_assert_cmpuint(find_next_bit(map, 200, 6), ==, 64);
    g_assert_cmpuint(find_next_bit(map, 200, 65), ==, 199);
    g_assert_cmpuint(find_next_bit(map, 199, 65), ==, 199);
    clear_bit(64, map);
    g_assert_cmpuint(find_next_bit(map, 200, 6), ==, 199);
    g_assert_cmpuint(find_next_zero_bit(map, 200, 5), ==, 6);
    for (int i = 0; i < 200; i++) {
        set_bit(i, map);
    }
    g_assert_cmpuint(find_next_zero_bit(map, 200, 0), ==, 200);
}

static void test_endian(void)
{
    uint8_t buf[11] = { 0 };

    /* Deliberately unaligned. */
    stq_be_p(buf + 1, 0x0102030405060708ULL);
    g_assert_cmphex(buf[1], ==, 0x01);
    g_assert_cmphex(buf[8], ==, 0x08);
    g_assert_cmphex(ldq_be_p(buf + 1), ==, 0x0102030405060708ULL);
    g_assert_cmphex(ldq_le_p(buf + 1), ==, 0x0807060504030201ULL);
    stl_le_p(buf + 3, 0xcafebabe);
    g_assert_cmphex(buf[3], ==, 0xbe);
    g_assert_cmphex(ldl_be_p(buf + 3), ==, 0xbebafeca);
    stw_be_p(buf, 0x1234);
    g_assert_cmphex(lduw_le_p(buf), ==, 0x3412);
    g_assert_cmpint(ldsw_be_p((uint8_t[]){ 0xff, 0xfe }), ==, -2);
    g_assert_cmphex(be32_to_cpu(cpu_to_be32(0x11223344)), ==, 0x11223344);
    g_assert_cmphex(bswap64(0x0102030405060708ULL), ==, 0x0807060504030201ULL);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/bitops/extract-deposit", test_extract_deposit);
    g_test_add_func("/bitops/rotate", test_rotate);
    g_test_add_func("/bitops/align", test_align);
    g_test_add_func("/bitops/bitmap", test_bitmap);
    g_test_add_func("/bitops/endian", test_endian);
    return g_test_run();
}
