/*
 * e2k packed (SIMD) operations on 64-bit registers: the lane-by-lane
 * C definitions.  Each is a pure function of its operands (no CPU
 * state), called from translated code (translate-vec.c) and usable as
 * the model in tests.
 *
 * Lanes are numbered from the least significant end: byte lane i is
 * bits 8i+7..8i.  Facts: MCST's instruction list (the mnemonics and
 * operand formats of binutils' e2k opcode table) and, for pshufb's
 * control byte, OpenE2K's qemu-e2k (read for the facts, not copied);
 * the results are checked against the reference execution vectors in
 * tests/tcg/e2k/vec/.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/e2k/vec_helper.h"

static inline uint64_t lane(uint64_t v, int bits, int i)
{
    uint64_t m = bits == 64 ? ~0ULL : (1ULL << bits) - 1;

    return (v >> (bits * i)) & m;
}

static inline int64_t slane(uint64_t v, int bits, int i)
{
    return (int64_t)(lane(v, bits, i) << (64 - bits)) >> (64 - bits);
}

static inline uint64_t put(uint64_t r, int bits, int i, uint64_t x)
{
    uint64_t m = bits == 64 ? ~0ULL : (1ULL << bits) - 1;

    return r | ((x & m) << (bits * i));
}

/* Per-lane compares: all ones where true. */
#define CMP(name, bits, expr)                                           \
    uint64_t helper_##name(uint64_t a, uint64_t b)                      \
    {                                                                   \
        uint64_t r = 0;                                                 \
        int i;                                                          \
                                                                        \
        for (i = 0; i < 64 / bits; i++) {                               \
            r = put(r, bits, i, (expr) ? ~0ULL : 0);                    \
        }                                                               \
        return r;                                                       \
    }
CMP(pcmpeqb, 8, lane(a, 8, i) == lane(b, 8, i))
CMP(pcmpeqh, 16, lane(a, 16, i) == lane(b, 16, i))
CMP(pcmpeqw, 32, lane(a, 32, i) == lane(b, 32, i))
CMP(pcmpeqd, 64, a == b)
CMP(pcmpgtb, 8, slane(a, 8, i) > slane(b, 8, i))
CMP(pcmpgth, 16, slane(a, 16, i) > slane(b, 16, i))
CMP(pcmpgtw, 32, slane(a, 32, i) > slane(b, 32, i))
CMP(pcmpgtd, 64, (int64_t)a > (int64_t)b)

/* Per-lane arithmetic, wrapping. */
#define LANEOP(name, bits, expr)                                        \
    uint64_t helper_##name(uint64_t a, uint64_t b)                      \
    {                                                                   \
        uint64_t r = 0;                                                 \
        int i;                                                          \
                                                                        \
        for (i = 0; i < 64 / bits; i++) {                               \
            r = put(r, bits, i, (expr));                                \
        }                                                               \
        return r;                                                       \
    }

static inline int64_t sat(int64_t x, int bits)
{
    int64_t hi = (1LL << (bits - 1)) - 1, lo = -hi - 1;

    return x > hi ? hi : x < lo ? lo : x;
}

static inline uint64_t usat(int64_t x, int bits)
{
    int64_t hi = (1LL << bits) - 1;

    return x > hi ? hi : x < 0 ? 0 : x;
}

LANEOP(paddb, 8, lane(a, 8, i) + lane(b, 8, i))
LANEOP(paddh, 16, lane(a, 16, i) + lane(b, 16, i))
LANEOP(paddw, 32, lane(a, 32, i) + lane(b, 32, i))
LANEOP(psubb, 8, lane(a, 8, i) - lane(b, 8, i))
LANEOP(psubh, 16, lane(a, 16, i) - lane(b, 16, i))
LANEOP(psubw, 32, lane(a, 32, i) - lane(b, 32, i))
LANEOP(paddsb, 8, sat(slane(a, 8, i) + slane(b, 8, i), 8))
LANEOP(paddsh, 16, sat(slane(a, 16, i) + slane(b, 16, i), 16))
LANEOP(psubsb, 8, sat(slane(a, 8, i) - slane(b, 8, i), 8))
LANEOP(psubsh, 16, sat(slane(a, 16, i) - slane(b, 16, i), 16))
LANEOP(paddusb, 8, usat(lane(a, 8, i) + lane(b, 8, i), 8))
LANEOP(paddush, 16, usat(lane(a, 16, i) + lane(b, 16, i), 16))
LANEOP(psubusb, 8, usat((int64_t)lane(a, 8, i) - lane(b, 8, i), 8))
LANEOP(psubush, 16, usat((int64_t)lane(a, 16, i) - lane(b, 16, i), 16))
LANEOP(pmaxub, 8, MAX(lane(a, 8, i), lane(b, 8, i)))
LANEOP(pminub, 8, MIN(lane(a, 8, i), lane(b, 8, i)))
LANEOP(pmaxsh, 16, MAX(slane(a, 16, i), slane(b, 16, i)))
LANEOP(pminsh, 16, MIN(slane(a, 16, i), slane(b, 16, i)))
LANEOP(pavgusb, 8, (lane(a, 8, i) + lane(b, 8, i) + 1) >> 1)
LANEOP(pavgush, 16, (lane(a, 16, i) + lane(b, 16, i) + 1) >> 1)

/* One bit per byte lane: the lane's top bit, in bit i of the result;
   src1's lanes go to bits 15..8, src2's to bits 7..0. */
uint64_t helper_pmovmskb(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    int i;

    for (i = 0; i < 8; i++) {
        r |= ((b >> (8 * i + 7)) & 1) << i;
        r |= ((a >> (8 * i + 7)) & 1) << (i + 8);
    }
    return r;
}

static uint8_t reverse_byte(uint8_t x)
{
    x = (uint8_t)((x & 0xf0) >> 4 | (x & 0x0f) << 4);
    x = (uint8_t)((x & 0xcc) >> 2 | (x & 0x33) << 2);
    return (uint8_t)((x & 0xaa) >> 1 | (x & 0x55) << 1);
}

/*
 * pshufb: byte i of the result from control byte i of src3: bits 2..0
 * index a byte of src1 (bit 3 set) or src2 (bit 3 clear); bit 4 inverts
 * it, bit 5 reverses its bits, bit 6 replaces it by its sign (0x00 or
 * 0xff).  With bit 7 set the byte is a constant chosen by bits 6..4:
 * 0x7f for 2, 0x80 for 4, 0xff for 6, else 0.
 */
uint64_t helper_pshufb(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t r = 0;
    int i;

    for (i = 0; i < 8; i++) {
        uint8_t ctl = c >> (8 * i);
        uint8_t x = (ctl & 8 ? a : b) >> (8 * (ctl & 7));

        if (ctl & 0x80) {
            static const uint8_t k[8] = { 0, 0, 0x7f, 0, 0x80, 0, 0xff, 0 };

            x = k[(ctl >> 4) & 7];
        } else {
            if (ctl & 0x10) {
                x = ~x;
            }
            if (ctl & 0x20) {
                x = reverse_byte(x);
            }
            if (ctl & 0x40) {
                x = x & 0x80 ? 0xff : 0;
            }
        }
        r |= (uint64_t)x << (8 * i);
    }
    return r;
}

/* pmerge: byte by byte, src2's where src3's byte is negative, else
   src1's. */
uint64_t helper_pmerge(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t m = 0;
    int i;

    for (i = 0; i < 8; i++) {
        if (c & (0x80ULL << (8 * i))) {
            m |= 0xffULL << (8 * i);
        }
    }
    return (a & ~m) | (b & m);
}
