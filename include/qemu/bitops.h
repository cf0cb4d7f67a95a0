/*
 * Bit-field helpers used by decoders (e2k syllables) and on-disk formats
 * (qcow2 descriptors, refcount entries of 1..64 bits).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef QEMU_BITOPS_H
#define QEMU_BITOPS_H

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>

#define BIT(n)          (1UL << (n))
#define BIT_ULL(n)      (1ULL << (n))
/* Mask of @len low bits; valid for len 0..64. */
#define MAKE_64BIT_MASK(shift, len) \
    (((~0ULL) >> (64 - (len))) << (shift))
#define DIV_ROUND_UP(n, d)  (((n) + (d) - 1) / (d))
#define ROUND_UP(n, d)      (DIV_ROUND_UP(n, d) * (d))
#define ROUND_DOWN(n, d)    ((n) - ((n) % (d)))
#define QEMU_IS_ALIGNED(n, m) (((n) % (m)) == 0)
#define QEMU_ALIGN_DOWN(n, m) ((n) / (m) * (m))
#define QEMU_ALIGN_UP(n, m)   QEMU_ALIGN_DOWN((n) + (m) - 1, (m))
#define ARRAY_SIZE(x)       (sizeof(x) / sizeof((x)[0]))

/* Extract @length bits of @value starting at bit @start (LSB = 0). */
static inline uint32_t extract32(uint32_t value, int start, int length)
{
    assert(start >= 0 && length > 0 && length <= 32 - start);
    return (value >> start) & (~0U >> (32 - length));
}

static inline uint64_t extract64(uint64_t value, int start, int length)
{
    assert(start >= 0 && length > 0 && length <= 64 - start);
    return (value >> start) & (~0ULL >> (64 - length));
}

/* As extract, but sign-extend the field from its top bit. */
static inline int32_t sextract32(uint32_t value, int start, int length)
{
    assert(start >= 0 && length > 0 && length <= 32 - start);
    return ((int32_t)(value << (32 - length - start))) >> (32 - length);
}

static inline int64_t sextract64(uint64_t value, int start, int length)
{
    assert(start >= 0 && length > 0 && length <= 64 - start);
    return ((int64_t)(value << (64 - length - start))) >> (64 - length);
}

/* Replace @length bits of @value at @start with the low bits of @field. */
static inline uint32_t deposit32(uint32_t value, int start, int length,
                                 uint32_t field)
{
    uint32_t mask;

    assert(start >= 0 && length > 0 && length <= 32 - start);
    mask = (~0U >> (32 - length)) << start;
    return (value & ~mask) | ((field << start) & mask);
}

static inline uint64_t deposit64(uint64_t value, int start, int length,
                                 uint64_t field)
{
    uint64_t mask;

    assert(start >= 0 && length > 0 && length <= 64 - start);
    mask = (~0ULL >> (64 - length)) << start;
    return (value & ~mask) | ((field << start) & mask);
}

static inline uint32_t rol32(uint32_t w, unsigned s)
{
    s &= 31;
    return s ? (w << s) | (w >> (32 - s)) : w;
}

static inline uint32_t ror32(uint32_t w, unsigned s)
{
    s &= 31;
    return s ? (w >> s) | (w << (32 - s)) : w;
}

static inline uint64_t rol64(uint64_t w, unsigned s)
{
    s &= 63;
    return s ? (w << s) | (w >> (64 - s)) : w;
}

static inline uint64_t ror64(uint64_t w, unsigned s)
{
    s &= 63;
    return s ? (w >> s) | (w << (64 - s)) : w;
}

/* Bitmaps of unsigned long words, as used for dirty and free maps. */
#define BITS_PER_LONG       (sizeof(unsigned long) * 8)
#define BITS_TO_LONGS(n)    DIV_ROUND_UP(n, BITS_PER_LONG)

static inline void set_bit(long nr, unsigned long *addr)
{
    addr[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

static inline void clear_bit(long nr, unsigned long *addr)
{
    addr[nr / BITS_PER_LONG] &= ~(1UL << (nr % BITS_PER_LONG));
}

static inline bool test_bit(long nr, const unsigned long *addr)
{
    return (addr[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG)) & 1;
}

/* Index of the first set (or clear) bit at or after @offset, or @size. */
unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
                            unsigned long offset);
unsigned long find_next_zero_bit(const unsigned long *addr,
                                 unsigned long size, unsigned long offset);

#endif
