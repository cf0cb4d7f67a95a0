/*
 * Bitmap searches.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/bitops.h"
#include "qemu/host-utils.h"

static unsigned long find_next(const unsigned long *addr, unsigned long size,
                               unsigned long offset, unsigned long invert)
{
    while (offset < size) {
        unsigned long idx = offset / BITS_PER_LONG;
        unsigned long word = (addr[idx] ^ invert) >> (offset % BITS_PER_LONG);

        if (word) {
            offset += ctz64(word);
            return offset < size ? offset : size;
        }
        offset = (idx + 1) * BITS_PER_LONG;
    }
    return size;
}

unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
                            unsigned long offset)
{
    return find_next(addr, size, offset, 0);
}

unsigned long find_next_zero_bit(const unsigned long *addr,
                                 unsigned long size, unsigned long offset)
{
    return find_next(addr, size, offset, ~0UL);
}
