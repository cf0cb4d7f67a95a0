/*
 * 128-bit multiply/divide and bit counting against independent references.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "qemu/host-utils.h"

/* Schoolbook 64x64 multiply on 32-bit halves: independent of __int128. */
static void ref_mulu64(uint64_t *lo, uint64_t *hi, uint64_t a, uint64_t b)
{
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;

    *lo = (mid << 32) | (uint32_t)ll;
    *hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

static const uint64_t edge[] = {
    0, 1, 2, 3, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL,
    0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xfffffffffffffffeULL,
    0xffffffffffffffffULL, 0x123456789abcdef0ULL,
};

static void test_mulu64(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(edge); i++) {
        for (size_t j = 0; j < G_N_ELEMENTS(edge); j++) {
            uint64_t lo, hi, rlo, rhi;

            mulu64(&lo, &hi, edge[i], edge[j]);
            ref_mulu64(&rlo, &rhi, edge[i], edge[j]);
            g_assert_cmphex(lo, ==, rlo);
            g_assert_cmphex(hi, ==, rhi);
        }
    }
}

static void test_muls64(void)
{
    uint64_t lo, hi;

    muls64(&lo, &hi, -1, 1);
    g_assert_cmphex(lo, ==, UINT64_MAX);
    g_assert_cmphex(hi, ==, UINT64_MAX);
    muls64(&lo, &hi, INT64_MIN, -1);
    g_assert_cmphex(lo, ==, 0x8000000000000000ULL);
    g_assert_cmphex(hi, ==, 0);
    muls64(&lo, &hi, INT64_MIN, INT64_MIN);
    g_assert_cmphex(lo, ==, 0);
    g_assert_cmphex(hi, ==, 0x4000000000000000ULL);
}

static void test_divu128_inverts_mul(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(edge); i++) {
        for (size_t j = 1; j < G_N_ELEMENTS(edge); j++) {
            uint64_t lo, hi, rem;

            /* (a*b + r) / b == a, remainder r, for r < b. */
            uint64_t r = edge[j] > 1 ? edge[j] - 1 : 0;

            mulu64(&lo, &hi, edge[i], edge[j]);
            lo += r;
            hi += lo < r;
            g_assert_true(divu128(&lo, &hi, edge[j], &rem));
            g_assert_cmphex(lo, ==, edge[i]);
            g_assert_cmphex(hi, ==, 0);
            g_assert_cmphex(rem, ==, r);
        }
    }
}

static void test_div_by_zero_refused(void)
{
    uint64_t lo = 5, hi = 0, rem = 9;
    int64_t shi = 0, srem = 9;

    g_assert_false(divu128(&lo, &hi, 0, &rem));
    g_assert_cmpuint(lo, ==, 5);
    g_assert_cmpuint(rem, ==, 9);
    g_assert_false(divs128(&lo, &shi, 0, &srem));
}

static void test_divs128_signs(void)
{
    uint64_t lo = (uint64_t)-7;
    int64_t hi = -1, rem;

    g_assert_true(divs128(&lo, &hi, 2, &rem));
    g_assert_cmpint((int64_t)lo, ==, -3);
    g_assert_cmpint(hi, ==, -1);
    g_assert_cmpint(rem, ==, -1);

    /* The most negative 128-bit value divided by -1 wraps to itself. */
    lo = 0;
    hi = INT64_MIN;
    g_assert_true(divs128(&lo, &hi, -1, &rem));
    g_assert_cmphex(lo, ==, 0);
    g_assert_cmpint(hi, ==, INT64_MIN);
    g_assert_cmpint(rem, ==, 0);
}

static void test_bit_counts(void)
{
    g_assert_cmpint(clz32(0), ==, 32);
    g_assert_cmpint(clz64(0), ==, 64);
    g_assert_cmpint(ctz32(0), ==, 32);
    g_assert_cmpint(ctz64(0), ==, 64);
    g_assert_cmpint(clz64(1), ==, 63);
    g_assert_cmpint(ctz64(0x8000000000000000ULL), ==, 63);
    g_assert_cmpint(ctpop64(UINT64_MAX), ==, 64);
    g_assert_cmpint(ctpop32(0x80000001), ==, 2);
    g_assert_cmpint(clo64(0xff00000000000000ULL), ==, 8);
    g_assert_true(is_power_of_2(65536));
    g_assert_false(is_power_of_2(0));
    g_assert_false(is_power_of_2(65537));
    g_assert_cmpuint(pow2ceil(65537), ==, 131072);
    g_assert_cmpuint(pow2ceil(65536), ==, 65536);
    g_assert_cmpuint(pow2ceil(0), ==, 0);
    g_assert_cmpuint(pow2ceil(0x8000000000000001ULL), ==, 0);
}

static void test_overflow_checks(void)
{
    uint64_t u;
    int64_t s;

    g_assert_true(uadd64_overflow(UINT64_MAX, 1, &u));
    g_assert_false(uadd64_overflow(UINT64_MAX - 1, 1, &u));
    g_assert_true(sadd64_overflow(INT64_MAX, 1, &s));
    g_assert_true(umul64_overflow(1ULL << 32, 1ULL << 32, &u));
    g_assert_false(umul64_overflow(1ULL << 31, 1ULL << 32, &u));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/host-utils/mulu64", test_mulu64);
    g_test_add_func("/host-utils/muls64", test_muls64);
    g_test_add_func("/host-utils/divu128", test_divu128_inverts_mul);
    g_test_add_func("/host-utils/div-by-zero", test_div_by_zero_refused);
    g_test_add_func("/host-utils/divs128", test_divs128_signs);
    g_test_add_func("/host-utils/bit-counts", test_bit_counts);
    g_test_add_func("/host-utils/overflow", test_overflow_checks);
    return g_test_run();
}
