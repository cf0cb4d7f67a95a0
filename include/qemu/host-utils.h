/*
 * Arithmetic helpers the host C compiler does not spell directly:
 * counting bits, 64x64->128 multiplication and 128/64 division, and
 * overflow-checked arithmetic.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef QEMU_HOST_UTILS_H
#define QEMU_HOST_UTILS_H

#include <stdbool.h>
#include <stdint.h>

/* Count leading/trailing zeros; the argument 0 yields the width. */
static inline int clz32(uint32_t v) { return v ? __builtin_clz(v) : 32; }
static inline int clz64(uint64_t v) { return v ? __builtin_clzll(v) : 64; }
static inline int ctz32(uint32_t v) { return v ? __builtin_ctz(v) : 32; }
static inline int ctz64(uint64_t v) { return v ? __builtin_ctzll(v) : 64; }
static inline int clo64(uint64_t v) { return clz64(~v); }
static inline int ctpop32(uint32_t v) { return __builtin_popcount(v); }
static inline int ctpop64(uint64_t v) { return __builtin_popcountll(v); }

static inline bool is_power_of_2(uint64_t v)
{
    return v && !(v & (v - 1));
}

/* Round up to the next power of two (0 and overflow yield 0). */
static inline uint64_t pow2ceil(uint64_t v)
{
    if (v <= 1) {
        return v ? 1 : 0;
    }
    return clz64(v - 1) ? UINT64_C(1) << (64 - clz64(v - 1)) : 0;
}

/* Full 128-bit products: *phigh:*plow = a * b. */
void mulu64(uint64_t *plow, uint64_t *phigh, uint64_t a, uint64_t b);
void muls64(uint64_t *plow, uint64_t *phigh, int64_t a, int64_t b);

/*
 * Divide the 128-bit value *phigh:*plow by @divisor.  On success the
 * quotient replaces *phigh:*plow and the remainder is returned through
 * @prem; returns false (nothing changed) when divisor is 0.
 */
bool divu128(uint64_t *plow, uint64_t *phigh, uint64_t divisor,
             uint64_t *prem);
/* Signed variant; remainder has the dividend's sign (C semantics). */
bool divs128(uint64_t *plow, int64_t *phigh, int64_t divisor,
             int64_t *prem);

/* Overflow-checked arithmetic: return true on overflow. */
static inline bool uadd64_overflow(uint64_t x, uint64_t y, uint64_t *ret)
{
    return __builtin_add_overflow(x, y, ret);
}

static inline bool sadd64_overflow(int64_t x, int64_t y, int64_t *ret)
{
    return __builtin_add_overflow(x, y, ret);
}

static inline bool umul64_overflow(uint64_t x, uint64_t y, uint64_t *ret)
{
    return __builtin_mul_overflow(x, y, ret);
}

#endif
