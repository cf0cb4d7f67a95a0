/*
 * 128-bit multiply and divide on 64-bit halves.  The compiler's
 * unsigned __int128 does the work on x86-64; the functions exist so
 * callers do not depend on that extension.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/host-utils.h"

void mulu64(uint64_t *plow, uint64_t *phigh, uint64_t a, uint64_t b)
{
    unsigned __int128 r = (unsigned __int128)a * b;

    *plow = (uint64_t)r;
    *phigh = (uint64_t)(r >> 64);
}

void muls64(uint64_t *plow, uint64_t *phigh, int64_t a, int64_t b)
{
    __int128 r = (__int128)a * b;

    *plow = (uint64_t)r;
    *phigh = (uint64_t)((unsigned __int128)r >> 64);
}

bool divu128(uint64_t *plow, uint64_t *phigh, uint64_t divisor,
             uint64_t *prem)
{
    unsigned __int128 n = ((unsigned __int128)*phigh << 64) | *plow;
    unsigned __int128 q;

    if (divisor == 0) {
        return false;
    }
    q = n / divisor;
    *prem = (uint64_t)(n % divisor);
    *plow = (uint64_t)q;
    *phigh = (uint64_t)(q >> 64);
    return true;
}

bool divs128(uint64_t *plow, int64_t *phigh, int64_t divisor, int64_t *prem)
{
    __int128 n = (__int128)(((unsigned __int128)(uint64_t)*phigh << 64) |
                            *plow);
    __int128 q;

    if (divisor == 0) {
        return false;
    }
    /* INT128_MIN / -1 overflows; its quotient wraps to itself, remainder 0. */
    if (divisor == -1) {
        q = (__int128)(0 - (unsigned __int128)n);
        *prem = 0;
    } else {
        q = n / divisor;
        *prem = (int64_t)(n % divisor);
    }
    *plow = (uint64_t)q;
    *phigh = (int64_t)((unsigned __int128)q >> 64);
    return true;
}
