/*
 * e2k packed (SIMD) operations: the lane-by-lane C definitions.  The
 * 64-bit integer ones are pure functions of their operands (no CPU
 * state), called from translated code (translate-vec.c) and usable as
 * the model in tests; packed float (helper_pfop) and the 128-bit %qpr
 * operations (helper_qpop) follow at the end, with the CPU state they
 * need (PFPFR, the env->vec scratch).
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
#include "target/e2k/fpu_helper.h"
#include "target/e2k/helper.h"
#include "target/e2k/opcodes-gen.h"

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

/* 64-bit lanes and bitwise logic; pandnd = src1 & ~src2. */
uint64_t helper_paddd(uint64_t a, uint64_t b) { return a + b; }
uint64_t helper_psubd(uint64_t a, uint64_t b) { return a - b; }
uint64_t helper_pandd(uint64_t a, uint64_t b) { return a & b; }
uint64_t helper_pandnd(uint64_t a, uint64_t b) { return a & ~b; }
uint64_t helper_pord(uint64_t a, uint64_t b) { return a | b; }
uint64_t helper_pxord(uint64_t a, uint64_t b) { return a ^ b; }

/* The remaining minimum and maximum widths. */
LANEOP(pmaxsb, 8, MAX(slane(a, 8, i), slane(b, 8, i)))
LANEOP(pminsb, 8, MIN(slane(a, 8, i), slane(b, 8, i)))
LANEOP(pmaxuh, 16, MAX(lane(a, 16, i), lane(b, 16, i)))
LANEOP(pminuh, 16, MIN(lane(a, 16, i), lane(b, 16, i)))
LANEOP(pmaxsw, 32, MAX(slane(a, 32, i), slane(b, 32, i)))
LANEOP(pminsw, 32, MIN(slane(a, 32, i), slane(b, 32, i)))
LANEOP(pmaxuw, 32, MAX(lane(a, 32, i), lane(b, 32, i)))
LANEOP(pminuw, 32, MIN(lane(a, 32, i), lane(b, 32, i)))

/*
 * Shifts: every lane of src1 by the count in src2, taken as a whole
 * 64-bit unsigned value; a count of the lane width or more gives 0
 * (logical) or the sign in every bit (arithmetic).
 */
static inline uint64_t shl_lane(uint64_t x, uint64_t n, int bits)
{
    return n >= (uint64_t)bits ? 0 : x << n;
}

static inline uint64_t shr_lane(uint64_t x, uint64_t n, int bits)
{
    return n >= (uint64_t)bits ? 0 : x >> n;
}

static inline int64_t sar_lane(int64_t x, uint64_t n, int bits)
{
    return x >> (n >= (uint64_t)bits ? bits - 1 : (int)n);
}

LANEOP(psllh, 16, shl_lane(lane(a, 16, i), b, 16))
LANEOP(psllw, 32, shl_lane(lane(a, 32, i), b, 32))
LANEOP(pslld, 64, shl_lane(a, b, 64))
LANEOP(psrlh, 16, shr_lane(lane(a, 16, i), b, 16))
LANEOP(psrlw, 32, shr_lane(lane(a, 32, i), b, 32))
LANEOP(psrld, 64, shr_lane(a, b, 64))
LANEOP(psrah, 16, sar_lane(slane(a, 16, i), b, 16))
LANEOP(psraw, 32, sar_lane(slane(a, 32, i), b, 32))

/* Rotates right (v5): the count modulo the lane width. */
static inline uint64_t ror_lane(uint64_t x, uint64_t n, int bits)
{
    uint64_t m = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
    int k = n & (bits - 1);

    return k ? ((x >> k) | (x << (bits - k))) & m : x;
}

LANEOP(psrcw, 32, ror_lane(lane(a, 32, i), b, 32))
LANEOP(psrcd, 64, ror_lane(a, b, 64))

/*
 * Packs: src2's lanes, narrowed with saturation, form the low half of
 * the result and src1's the high half (the reverse of x86's operand
 * order).
 */
#define PACK(name, bits, satexpr)                                       \
    uint64_t helper_##name(uint64_t a, uint64_t b)                      \
    {                                                                   \
        int n = 64 / bits, half = bits / 2, i;                          \
        uint64_t r = 0;                                                 \
                                                                        \
        for (i = 0; i < n; i++) {                                       \
            int64_t x = slane(b, bits, i);                              \
                                                                        \
            r = put(r, half, i, satexpr);                               \
            x = slane(a, bits, i);                                      \
            r = put(r, half, i + n, satexpr);                           \
        }                                                               \
        return r;                                                       \
    }
PACK(packsshb, 16, (uint64_t)sat(x, 8))
PACK(packushb, 16, usat(x, 8))
PACK(packsswh, 32, (uint64_t)sat(x, 16))
PACK(packuswh, 32, usat(x, 16))

/*
 * Unpacks: interleave the low (l) or high (h) halves' lanes, src2's
 * lane in the even position and src1's in the odd one.
 */
#define UNPACK(name, bits, hi)                                          \
    uint64_t helper_##name(uint64_t a, uint64_t b)                      \
    {                                                                   \
        int n = 32 / bits, i;                                           \
        uint64_t r = 0;                                                 \
                                                                        \
        for (i = 0; i < n; i++) {                                       \
            r = put(r, bits, 2 * i, lane(b, bits, i + (hi ? n : 0)));   \
            r = put(r, bits, 2 * i + 1, lane(a, bits, i + (hi ? n : 0))); \
        }                                                               \
        return r;                                                       \
    }
UNPACK(punpcklbh, 8, 0)
UNPACK(punpckhbh, 8, 1)
UNPACK(punpcklhw, 16, 0)
UNPACK(punpckhhw, 16, 1)
UNPACK(punpcklwd, 32, 0)
UNPACK(punpckhwd, 32, 1)

/* Multiplies.  pmulhrsh: (a * b + 0x4000) >> 15, as SSSE3's. */
LANEOP(pmullh, 16, slane(a, 16, i) * slane(b, 16, i))
LANEOP(pmulhh, 16, (slane(a, 16, i) * slane(b, 16, i)) >> 16)
LANEOP(pmulhuh, 16, (lane(a, 16, i) * lane(b, 16, i)) >> 16)
LANEOP(pmulhrsh, 16, (slane(a, 16, i) * slane(b, 16, i) + 0x4000) >> 15)
LANEOP(pmullw, 32, lane(a, 32, i) * lane(b, 32, i))
/* Signed 16x16 products, adjacent pairs summed into 32-bit lanes
   (wrapping: only -32768 * -32768 twice overflows). */
LANEOP(pmaddh, 32, slane(a, 16, 2 * i) * slane(b, 16, 2 * i) +
                   slane(a, 16, 2 * i + 1) * slane(b, 16, 2 * i + 1))
/* Signed bytes of src1 times unsigned bytes of src2, adjacent pairs
   summed with signed saturation into 16-bit lanes. */
LANEOP(pmaddubsh, 16, sat(slane(a, 8, 2 * i) * (int64_t)lane(b, 8, 2 * i) +
                          slane(a, 8, 2 * i + 1) *
                          (int64_t)lane(b, 8, 2 * i + 1), 16))
/* Unsigned byte i of src1 times signed halfword i of src2, the high 16
   bits of the 24-bit product rounded to nearest (ties up). */
LANEOP(pmulubhh, 16, ((int64_t)lane(a, 8, i) * slane(b, 16, i) + 0x80) >> 8)

/* Sum of the absolute byte differences, in the low 16 bits. */
uint64_t helper_psadbw(uint64_t a, uint64_t b)
{
    uint64_t s = 0;
    int i;

    for (i = 0; i < 8; i++) {
        int64_t d = (int64_t)lane(a, 8, i) - (int64_t)lane(b, 8, i);

        s += d < 0 ? -d : d;
    }
    return s;
}

/* Horizontal add/subtract of adjacent pairs: src1's pairs fill the low
   half, src2's the high half (x86 order); lane 2i OP lane 2i+1. */
#define HOP(name, bits, expr)                                           \
    uint64_t helper_##name(uint64_t a, uint64_t b)                      \
    {                                                                   \
        int n = 32 / bits, i;                                           \
        uint64_t r = 0;                                                 \
                                                                        \
        for (i = 0; i < n; i++) {                                       \
            int64_t x = slane(a, bits, 2 * i);                          \
            int64_t y = slane(a, bits, 2 * i + 1);                      \
                                                                        \
            r = put(r, bits, i, (uint64_t)(expr));                      \
            x = slane(b, bits, 2 * i);                                  \
            y = slane(b, bits, 2 * i + 1);                              \
            r = put(r, bits, i + n, (uint64_t)(expr));                  \
        }                                                               \
        return r;                                                       \
    }
HOP(phaddh, 16, x + y)
HOP(phaddw, 32, x + y)
HOP(phsubh, 16, x - y)
HOP(phsubw, 32, x - y)
HOP(phaddsh, 16, sat(x + y, 16))
HOP(phsubsh, 16, sat(x - y, 16))

/* psign: src1's lane negated where src2's is negative, zeroed where it
   is zero, else kept. */
#define SIGN(b_, x_, bits) \
    ((b_) < 0 ? -(uint64_t)(x_) : (b_) == 0 ? 0 : (uint64_t)(x_))
LANEOP(psignb, 8, SIGN(slane(b, 8, i), lane(a, 8, i), 8))
LANEOP(psignh, 16, SIGN(slane(b, 16, i), lane(a, 16, i), 16))
LANEOP(psignw, 32, SIGN(slane(b, 32, i), lane(a, 32, i), 32))

/* Sign bits of the 32-bit (ps) / 64-bit (pd) lanes: src2's in the low
   bits, src1's above them (as pmovmskb). */
uint64_t helper_pmovmskps(uint64_t a, uint64_t b)
{
    return (b >> 31 & 1) | (b >> 62 & 2) | (a >> 29 & 4) | (a >> 60 & 8);
}

uint64_t helper_pmovmskpd(uint64_t a, uint64_t b)
{
    return (b >> 63) | (a >> 63) << 1;
}

/* The smallest unsigned halfword of the eight (src1's are 0-3, src2's
   4-7) in bits 15..0, the index of its first occurrence in bits 18..16. */
uint64_t helper_phminposuh(uint64_t a, uint64_t b)
{
    uint64_t best = lane(a, 16, 0);
    int at = 0, i;

    for (i = 1; i < 8; i++) {
        uint64_t x = i < 4 ? lane(a, 16, i) : lane(b, 16, i - 4);

        if (x < best) {
            best = x;
            at = i;
        }
    }
    return best | (uint64_t)at << 16;
}

/*
 * Operations with an 8-bit literal (ALOPF11_LIT8, and pshufh's order
 * byte): the literal is the third argument.  Where the literal names
 * lanes of a pair of registers, src2's lanes come first (the low
 * numbers), as in the packs.
 */

/* pextrh: halfword lit (0-3 of src2, 4-7 of src1), zero-extended; a
   literal past the last lane gives 0. */
uint64_t helper_pextrh(uint64_t a, uint64_t b, uint64_t lit)
{
    if (lit >= 8) {
        return 0;
    }
    return lit < 4 ? lane(b, 16, lit) : lane(a, 16, lit - 4);
}

/* pinsh: src1 with halfword lit replaced by src2's low halfword; a
   literal past the last lane leaves src1 as it is. */
uint64_t helper_pinsh(uint64_t a, uint64_t b, uint64_t lit)
{
    if (lit >= 4) {
        return a;
    }
    return (a & ~(0xffffULL << (16 * lit))) | lane(b, 16, 0) << (16 * lit);
}

/* pshufw: the low word is word lit[1:0] of the four (src2's 0-1,
   src1's 2-3), the high word is word lit[3:2]. */
uint64_t helper_pshufw(uint64_t a, uint64_t b, uint64_t lit)
{
    uint64_t w[4] = { lane(b, 32, 0), lane(b, 32, 1),
                      lane(a, 32, 0), lane(a, 32, 1) };

    return w[lit & 3] | w[(lit >> 2) & 3] << 32;
}

/* pshufh: halfword i of the result is halfword lit[2i+1:2i] of the
   only source (src2; src1 is unused). */
uint64_t helper_pshufh(uint64_t a, uint64_t b, uint64_t lit)
{
    uint64_t r = 0;
    int i;

    (void)a;
    for (i = 0; i < 4; i++) {
        r = put(r, 16, i, lane(b, 16, (lit >> (2 * i)) & 3));
    }
    return r;
}

/*
 * Byte shifts of the 128-bit value src1:src2 (src1 the high half) by
 * lit bytes; psllqh/psrlqh return the high half of the result,
 * psllql/psrlql the low half.  Shifting by 16 bytes or more gives 0.
 */
static void shl128(uint64_t *hi, uint64_t *lo, unsigned n)
{
    if (n >= 128) {
        *hi = *lo = 0;
    } else if (n >= 64) {
        *hi = *lo << (n - 64);
        *lo = 0;
    } else if (n) {
        *hi = *hi << n | *lo >> (64 - n);
        *lo <<= n;
    }
}

static void shr128(uint64_t *hi, uint64_t *lo, unsigned n)
{
    if (n >= 128) {
        *hi = *lo = 0;
    } else if (n >= 64) {
        *lo = *hi >> (n - 64);
        *hi = 0;
    } else if (n) {
        *lo = *lo >> n | *hi << (64 - n);
        *hi >>= n;
    }
}

static unsigned byte_count(uint64_t lit)
{
    return lit >= 16 ? 128 : (unsigned)lit * 8;
}

uint64_t helper_psllqh(uint64_t a, uint64_t b, uint64_t lit)
{
    shl128(&a, &b, byte_count(lit));
    return a;
}

uint64_t helper_psllql(uint64_t a, uint64_t b, uint64_t lit)
{
    shl128(&a, &b, byte_count(lit));
    return b;
}

uint64_t helper_psrlqh(uint64_t a, uint64_t b, uint64_t lit)
{
    shr128(&a, &b, byte_count(lit));
    return a;
}

uint64_t helper_psrlql(uint64_t a, uint64_t b, uint64_t lit)
{
    shr128(&a, &b, byte_count(lit));
    return b;
}

/*
 * Compares into a predicate (v6): 1 if the lane compare holds in any
 * lane (the *op forms) or in every lane (the *ap forms), else 0.
 */
#define PCMP(name, bits, any, expr)                                     \
    uint64_t helper_##name(uint64_t a, uint64_t b)                      \
    {                                                                   \
        int i, n = 0;                                                   \
                                                                        \
        for (i = 0; i < 64 / bits; i++) {                               \
            n += (expr) ? 1 : 0;                                        \
        }                                                               \
        return any ? n != 0 : n == 64 / bits;                           \
    }
PCMP(pcmpeqbop, 8, 1, lane(a, 8, i) == lane(b, 8, i))
PCMP(pcmpeqhop, 16, 1, lane(a, 16, i) == lane(b, 16, i))
PCMP(pcmpeqwop, 32, 1, lane(a, 32, i) == lane(b, 32, i))
PCMP(pcmpeqdop, 64, 1, a == b)
PCMP(pcmpgtbop, 8, 1, slane(a, 8, i) > slane(b, 8, i))
PCMP(pcmpgthop, 16, 1, slane(a, 16, i) > slane(b, 16, i))
PCMP(pcmpgtwop, 32, 1, slane(a, 32, i) > slane(b, 32, i))
PCMP(pcmpgtdop, 64, 1, (int64_t)a > (int64_t)b)
PCMP(pcmpeqbap, 8, 0, lane(a, 8, i) == lane(b, 8, i))
PCMP(pcmpeqhap, 16, 0, lane(a, 16, i) == lane(b, 16, i))
PCMP(pcmpeqwap, 32, 0, lane(a, 32, i) == lane(b, 32, i))
PCMP(pcmpeqdap, 64, 0, a == b)
PCMP(pcmpgtbap, 8, 0, slane(a, 8, i) > slane(b, 8, i))
PCMP(pcmpgthap, 16, 0, slane(a, 16, i) > slane(b, 16, i))
PCMP(pcmpgtwap, 32, 0, slane(a, 32, i) > slane(b, 32, i))
PCMP(pcmpgtdap, 64, 0, (int64_t)a > (int64_t)b)

/*
 * Packed floating point (helper_pfop).  Each lane is one call of the
 * scalar helper, so results, NaN rules and flags are exactly the scalar
 * operation's.  While the lanes run every exception is masked and the
 * sticky flags start clear, so afterwards PFPFR holds exactly the flags
 * this operation raised; then PFPFR is put back and those flags are
 * accrued (or SIGFPE raised for an unmasked one, as the scalar helpers
 * do, leaving PFPFR as before).
 */
static uint32_t pf_begin(CPUE2KState *env)
{
    uint32_t saved = env->fpu.pfpfr;

    env->fpu.pfpfr = (saved & ~(uint32_t)(E2K_FP_ALL << PFPFR_FLAGS_SHIFT)) |
                     E2K_FP_ALL << PFPFR_MASKS_SHIFT;
    return saved;
}

static void pf_end(CPUE2KState *env, uint32_t saved, uint64_t pc)
{
    uint32_t fl = (env->fpu.pfpfr >> PFPFR_FLAGS_SHIFT) & E2K_FP_ALL;
    uint32_t unmasked = fl & ~(saved >> PFPFR_MASKS_SHIFT) & E2K_FP_ALL;

    env->fpu.pfpfr = saved;
    if (unmasked) {
        /* SIGFPE, or under ,sm no flags and no signal */
        e2k_fpu_raise(env, unmasked, pc);
        return;
    }
    env->fpu.pfpfr |= fl << PFPFR_FLAGS_SHIFT;
}

typedef uint64_t (*PfBin)(CPUE2KState *, uint64_t, uint64_t, uint64_t);
typedef uint64_t (*PfCmp)(CPUE2KState *, uint64_t, uint64_t, uint32_t,
                          uint64_t);
typedef uint64_t (*PfOne)(CPUE2KState *, uint64_t, uint64_t);

/* [op][0]: f32, [1]: f64 */
static const PfBin pf_bin[][2] = {
    [E2K_PF_ADD] = { helper_fadds, helper_faddd },
    [E2K_PF_SUB] = { helper_fsubs, helper_fsubd },
    [E2K_PF_MUL] = { helper_fmuls, helper_fmuld },
    [E2K_PF_DIV] = { helper_fdivs, helper_fdivd },
    [E2K_PF_MIN] = { helper_fmins, helper_fmind },
    [E2K_PF_MAX] = { helper_fmaxs, helper_fmaxd },
    [E2K_PF_RINT] = { helper_fstoifs, helper_fdtoifd },
};

static const PfOne pf_one[][2] = {
    [E2K_PF_FTOI] = { helper_fstois, helper_fdtois },
    [E2K_PF_FTOITR] = { helper_fstoistr, helper_fdtoistr },
    [E2K_PF_ITOF] = { helper_istofs, NULL },
    [E2K_PF_STOD] = { helper_fstofd, NULL },
    [E2K_PF_DTOS] = { NULL, helper_fdtofs },
    [E2K_PF_SQRT] = { helper_fsqrts, helper_fsqrtd },
    [E2K_PF_SQRTT] = { NULL, helper_fsqrtd },
};

#define LO32(x) ((x) & 0xffffffffULL)
#define HI32(x) ((x) >> 32)

static uint64_t pf_lanes(CPUE2KState *env, int op, int shape, int cond,
                         uint64_t a, uint64_t b, uint64_t pc)
{
    int d = shape == E2K_PF_1D;
    uint64_t r0, r1;

    switch (op) {
    case E2K_PF_HADD: case E2K_PF_HSUB: {
        PfBin f = pf_bin[op == E2K_PF_HADD ? E2K_PF_ADD : E2K_PF_SUB][0];

        r0 = f(env, LO32(a), HI32(a), pc);
        r1 = f(env, LO32(b), HI32(b), pc);
        return LO32(r0) | r1 << 32;
    }
    case E2K_PF_ADDSUB:
        r0 = helper_fsubs(env, LO32(a), LO32(b), pc);
        r1 = helper_fadds(env, HI32(a), HI32(b), pc);
        return LO32(r0) | r1 << 32;
    case E2K_PF_CMP: {
        PfCmp f = d ? helper_fcmpd : helper_fcmps;

        if (shape != E2K_PF_2S) {
            return f(env, a, b, cond, pc) ? (d ? ~0ULL : 0xffffffffULL) : 0;
        }
        r0 = f(env, LO32(a), LO32(b), cond, pc) ? 0xffffffffULL : 0;
        r1 = f(env, HI32(a), HI32(b), cond, pc) ? 0xffffffffULL : 0;
        return r0 | r1 << 32;
    }
    case E2K_PF_RINT: {
        PfBin f = pf_bin[op][d];

        if (shape != E2K_PF_2S) {
            return f(env, a, b, pc);
        }
        r0 = f(env, a, LO32(b), pc);
        r1 = f(env, a, HI32(b), pc);
        return LO32(r0) | r1 << 32;
    }
    case E2K_PF_FTOI: case E2K_PF_FTOITR: case E2K_PF_ITOF:
    case E2K_PF_STOD: case E2K_PF_DTOS: case E2K_PF_SQRT: {
        PfOne f = pf_one[op][d];

        if (shape != E2K_PF_2S) {
            return f(env, b, pc);
        }
        r0 = f(env, LO32(b), pc);
        r1 = f(env, HI32(b), pc);
        return LO32(r0) | r1 << 32;
    }
    case E2K_PF_SQRTT:
        return helper_fsqrtd(env, a, pc);
    default: {
        PfBin f = pf_bin[op][d];

        if (shape != E2K_PF_2S) {
            return f(env, a, b, pc);
        }
        r0 = f(env, LO32(a), LO32(b), pc);
        r1 = f(env, HI32(a), HI32(b), pc);
        return LO32(r0) | r1 << 32;
    }
    }
}

uint64_t helper_pfop(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t meta,
                     uint64_t pc)
{
    uint32_t saved = pf_begin(env);
    uint64_t r = pf_lanes(env, meta & 0xff, (meta >> 8) & 0xf,
                          (meta >> 12) & 0xf, a, b, pc);

    pf_end(env, saved, pc);
    return r;
}

/*
 * 128-bit %qpr operations (v5+, helper_qpop).  A %qpr is two 64-bit
 * halves, [0] the low one (the half %drN names); the 64-bit lanes of
 * most operations are their 64-bit twins on each half.  Facts (lane
 * order of packs, horizontal operations, shuffles and conversions) from
 * MCST's operation list and the reference execution vectors
 * (tests/tcg/e2k/vec/semantics-v[56].tsv.gz).
 */
typedef uint64_t (*VecFn2)(uint64_t, uint64_t);
typedef uint64_t (*VecFn3)(uint64_t, uint64_t, uint64_t);

enum {
    QK_HALF2,       /* r[i] = f(a[i], b[i]) */
    QK_HALF3,       /* r[i] = f(a[i], b[i], c[i]) */
    QK_SHIFT,       /* r[i] = f(a[i], b[0]): the count is 64-bit */
    QK_PACK,        /* r[0] = f(b[1], b[0]), r[1] = f(a[1], a[0]) */
    QK_HOP,         /* r[0] = f(a[0], a[1]), r[1] = f(b[0], b[1]) */
    QK_PF,          /* helper_pfop's op/shape on each half */
    QK_PFH,         /* horizontal: r[0] = op(a[0], a[1]), r[1] = (b...) */
    QK_OTHER,       /* its own case in helper_qpop */
};

typedef struct QpRow {
    uint16_t id;
    uint8_t kind, op, shape;
    void *fn;
} QpRow;

#define H2(q, p) { E2K_OP_##q, QK_HALF2, 0, 0, (void *)helper_##p },
#define SH(q, p) { E2K_OP_##q, QK_SHIFT, 0, 0, (void *)helper_##p },
#define PF(q, o, s) { E2K_OP_##q, QK_PF, E2K_PF_##o, E2K_PF_##s, NULL },
#define OT(q) { E2K_OP_##q, QK_OTHER, 0, 0, NULL },

static uint64_t qp_psrad(uint64_t a, uint64_t b)
{
    return (uint64_t)sar_lane((int64_t)a, b, 64);
}

static const QpRow qp_rows[] = {
    H2(QPADDB, paddb) H2(QPADDH, paddh) H2(QPADDW, paddw) H2(QPADDD, paddd)
    H2(QPSUBB, psubb) H2(QPSUBH, psubh) H2(QPSUBW, psubw) H2(QPSUBD, psubd)
    H2(QPADDSB, paddsb) H2(QPADDSH, paddsh) H2(QPADDUSB, paddusb)
    H2(QPADDUSH, paddush) H2(QPSUBSB, psubsb) H2(QPSUBSH, psubsh)
    H2(QPSUBUSB, psubusb) H2(QPSUBUSH, psubush)
    H2(QPAND, pandd) H2(QPANDN, pandnd) H2(QPOR, pord) H2(QPXOR, pxord)
    H2(QPAVGUSB, pavgusb) H2(QPAVGUSH, pavgush)
    H2(QPCMPEQB, pcmpeqb) H2(QPCMPEQH, pcmpeqh) H2(QPCMPEQW, pcmpeqw)
    H2(QPCMPEQD, pcmpeqd) H2(QPCMPGTB, pcmpgtb) H2(QPCMPGTH, pcmpgth)
    H2(QPCMPGTW, pcmpgtw) H2(QPCMPGTD, pcmpgtd)
    H2(QPMAXSB, pmaxsb) H2(QPMAXSH, pmaxsh) H2(QPMAXSW, pmaxsw)
    H2(QPMAXUB, pmaxub) H2(QPMAXUH, pmaxuh) H2(QPMAXUW, pmaxuw)
    H2(QPMINSB, pminsb) H2(QPMINSH, pminsh) H2(QPMINSW, pminsw)
    H2(QPMINUB, pminub) H2(QPMINUH, pminuh) H2(QPMINUW, pminuw)
    H2(QPMULHH, pmulhh) H2(QPMULHRSH, pmulhrsh) H2(QPMULHUH, pmulhuh)
    H2(QPMULLH, pmullh) H2(QPMULLW, pmullw) H2(QPMADDH, pmaddh)
    H2(QPMADDUBSH, pmaddubsh) H2(QPSADBW, psadbw)
    H2(QPSIGNB, psignb) H2(QPSIGNH, psignh) H2(QPSIGNW, psignw)
    { E2K_OP_QPMERGE, QK_HALF3, 0, 0, (void *)helper_pmerge },
    SH(QPSLLH, psllh) SH(QPSLLW, psllw) SH(QPSLLD, pslld)
    SH(QPSRLH, psrlh) SH(QPSRLW, psrlw) SH(QPSRLD, psrld)
    SH(QPSRAH, psrah) SH(QPSRAW, psraw) SH(QPSRCW, psrcw) SH(QPSRCD, psrcd)
    { E2K_OP_QPSRAD, QK_SHIFT, 0, 0, (void *)qp_psrad },
    { E2K_OP_QPACKSSHB, QK_PACK, 0, 0, (void *)helper_packsshb },
    { E2K_OP_QPACKUSHB, QK_PACK, 0, 0, (void *)helper_packushb },
    { E2K_OP_QPACKSSWH, QK_PACK, 0, 0, (void *)helper_packsswh },
    { E2K_OP_QPACKUSWH, QK_PACK, 0, 0, (void *)helper_packuswh },
    { E2K_OP_QPHADDH, QK_HOP, 0, 0, (void *)helper_phaddh },
    { E2K_OP_QPHADDW, QK_HOP, 0, 0, (void *)helper_phaddw },
    { E2K_OP_QPHSUBH, QK_HOP, 0, 0, (void *)helper_phsubh },
    { E2K_OP_QPHSUBW, QK_HOP, 0, 0, (void *)helper_phsubw },
    { E2K_OP_QPHADDSH, QK_HOP, 0, 0, (void *)helper_phaddsh },
    { E2K_OP_QPHSUBSH, QK_HOP, 0, 0, (void *)helper_phsubsh },
    PF(QPFADDS, ADD, 2S) PF(QPFSUBS, SUB, 2S) PF(QPFMULS, MUL, 2S)
    PF(QPFMINS, MIN, 2S) PF(QPFMAXS, MAX, 2S) PF(QPFADDSUBS, ADDSUB, 2S)
    PF(QPFADDD, ADD, 1D) PF(QPFSUBD, SUB, 1D) PF(QPFMULD, MUL, 1D)
    PF(QPFMIND, MIN, 1D) PF(QPFMAXD, MAX, 1D)
    PF(QPFSTOIS, FTOI, 2S) PF(QPFSTOISTR, FTOITR, 2S) PF(QPISTOFS, ITOF, 2S)
#define QPFCMP(x) PF(QPFCMP##x##S, CMP, 2S) PF(QPFCMP##x##D, CMP, 1D)
    QPFCMP(EQ) QPFCMP(LT) QPFCMP(LE) QPFCMP(UOD) QPFCMP(NEQ) QPFCMP(NLT)
    QPFCMP(NLE) QPFCMP(OD)
#undef QPFCMP
    { E2K_OP_QPFHADDS, QK_PFH, E2K_PF_HADD, E2K_PF_2S, NULL },
    { E2K_OP_QPFHSUBS, QK_PFH, E2K_PF_HSUB, E2K_PF_2S, NULL },
    OT(QPFADDSUBD) OT(QPSHUFB) OT(QPPERMB) OT(QPMPSADBH) OT(QPMSK2SGNB)
    OT(QPSGN2MSKB) OT(QPHMINPOSUH) OT(QPMULUBHH) OT(QPPACKDL) OT(QPSWITCHD)
    OT(QPSWITCHW) OT(QPCEXT_0X00) OT(QPCEXT_0X7F) OT(QPCEXT_0X80)
    OT(QPCEXT_0XFF) OT(QPFSTOFD) OT(QPFSTOID) OT(QPFSTOIDTR) OT(QPISTOFD)
    OT(QPFDTOFS) OT(QPFDTOIS) OT(QPFDTOISTR) OT(QPIDTOFS) OT(QPFDTOID)
    OT(QPFDTOIDTR) OT(QPIDTOFD) OT(QPFSTOIFS) OT(QPFDTOIFD)
    OT(QPFMAS) OT(QPFMSS) OT(QPFNMAS) OT(QPFNMSS) OT(QPFMASS) OT(QPFMSAS)
    OT(QPFMAD) OT(QPFMSD) OT(QPFNMAD) OT(QPFNMSD) OT(QPFMASD) OT(QPFMSAD)
};

#undef H2
#undef SH
#undef PF
#undef OT

static const QpRow *qp_row(unsigned op)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(qp_rows); i++) {
        if (qp_rows[i].id == op) {
            return &qp_rows[i];
        }
    }
    return NULL;
}

G_STATIC_ASSERT(G_N_ELEMENTS(qp_rows) <= 0x1000);

int e2k_qpop_index(unsigned op)
{
    const QpRow *row = qp_row(op);

    return row ? (int)(row - qp_rows) : -1;
}

int e2k_qp_halves(unsigned op, void **fn)
{
    const QpRow *row = qp_row(op);

    if (!row || row->kind > QK_HOP) {
        return -1;
    }
    *fn = row->fn;
    return row->kind == QK_HALF2 ? E2K_QPH_HALF2 :
           row->kind == QK_HALF3 ? E2K_QPH_HALF3 :
           row->kind == QK_SHIFT ? E2K_QPH_SHIFT :
           row->kind == QK_PACK ? E2K_QPH_PACK : E2K_QPH_HOP;
}

bool e2k_qp_pf(unsigned op, int *pfop, int *shape, bool *horiz)
{
    const QpRow *row = qp_row(op);

    if (!row || (row->kind != QK_PF && row->kind != QK_PFH)) {
        return false;
    }
    *pfop = row->op;
    *shape = row->shape;
    *horiz = row->kind == QK_PFH;
    return true;
}

/* One 128-bit FP stage of the combined operations (and of the plain
   ones): r = x op y on f32 (@dbl false) or f64 lanes. */
static void qp_fp2(CPUE2KState *env, int op, bool dbl, const uint64_t *x,
                   const uint64_t *y, uint64_t *r, uint64_t pc)
{
    int shape = dbl ? E2K_PF_1D : E2K_PF_2S;
    uint64_t r0, r1;

    if (op == E2K_PF_HADD || op == E2K_PF_HSUB) {
        r0 = pf_lanes(env, op, shape, 0, x[0], x[1], pc);
        r1 = pf_lanes(env, op, shape, 0, y[0], y[1], pc);
    } else if (op == E2K_PF_ADDSUB && dbl) {
        r0 = helper_fsubd(env, x[0], y[0], pc);
        r1 = helper_faddd(env, x[1], y[1], pc);
    } else {
        r0 = pf_lanes(env, op, shape, 0, x[0], y[0], pc);
        r1 = pf_lanes(env, op, shape, 0, x[1], y[1], pc);
    }
    r[0] = r0;
    r[1] = r1;
}

typedef uint64_t (*FmaFn)(CPUE2KState *, uint64_t, uint64_t, uint64_t,
                          uint64_t);

/* Fused multiply-add on each lane; @alt: odd lanes use @odd. */
static void qp_fma(CPUE2KState *env, FmaFn even, FmaFn odd, bool dbl,
                   const uint64_t *a, const uint64_t *b, const uint64_t *c,
                   uint64_t *r, uint64_t pc)
{
    int i;

    for (i = 0; i < 2; i++) {
        if (dbl) {
            r[i] = (i ? odd : even)(env, a[i], b[i], c[i], pc);
        } else {
            r[i] = LO32(even(env, LO32(a[i]), LO32(b[i]), LO32(c[i]), pc)) |
                   odd(env, HI32(a[i]), HI32(b[i]), HI32(c[i]), pc) << 32;
        }
    }
}

static uint8_t qp_byte(const uint64_t *v, int i)
{
    return v[i / 8] >> (8 * (i % 8));
}

static void qp_other(CPUE2KState *env, unsigned op, const uint64_t *a,
                     const uint64_t *b, const uint64_t *c, uint64_t *r,
                     uint64_t pc)
{
    int i, j;

    switch (op) {
    case E2K_OP_QPFADDSUBD:
        qp_fp2(env, E2K_PF_ADDSUB, true, a, b, r, pc);
        break;
    case E2K_OP_QPSHUFB:
        r[0] = helper_pshufb(b[1], b[0], c[0]);
        r[1] = helper_pshufb(a[1], a[0], c[1]);
        break;
    case E2K_OP_QPPERMB:
        /* byte i: byte ctl[4:0] of src2:src1 (src2 the low 16), then
           ctl bit 5 inverts it, bit 6 reverses its bits, bit 7 spreads
           its top bit over it */
        r[0] = r[1] = 0;
        for (i = 0; i < 16; i++) {
            uint8_t ctl = qp_byte(c, i), k = ctl & 31;
            uint8_t x = k < 16 ? qp_byte(b, k) : qp_byte(a, k - 16);

            if (ctl & 0x20) {
                x = ~x;
            }
            if (ctl & 0x40) {
                x = reverse_byte(x);
            }
            if (ctl & 0x80) {
                x = x & 0x80 ? 0xff : 0;
            }
            r[i / 8] |= (uint64_t)x << (8 * (i % 8));
        }
        break;
    case E2K_OP_QPMPSADBH:
        /* halfword i: the sum of |src1 byte k+j - src2 byte j|, j < 4,
           k = i for the low four, 8 + i - 4 for the high four */
        r[0] = r[1] = 0;
        for (i = 0; i < 8; i++) {
            int k = (i / 4) * 8 + i % 4, s = 0;

            for (j = 0; j < 4; j++) {
                int d = qp_byte(a, k + j) - (int)((b[0] >> (8 * j)) & 0xff);

                s += d < 0 ? -d : d;
            }
            r[i / 4] |= (uint64_t)s << (16 * (i % 4));
        }
        break;
    case E2K_OP_QPMSK2SGNB:
        /* byte i of src1 with its sign bit replaced by bit i of src2 */
        for (i = 0; i < 2; i++) {
            uint64_t m = 0;

            for (j = 0; j < 8; j++) {
                m |= ((b[0] >> (8 * i + j)) & 1) << (8 * j + 7);
            }
            r[i] = (a[i] & 0x7f7f7f7f7f7f7f7fULL) | m;
        }
        break;
    case E2K_OP_QPSGN2MSKB:
        /* one source (src2): the sign bits of its 16 bytes */
        r[0] = helper_pmovmskb(b[1], b[0]);
        r[1] = 0;
        break;
    case E2K_OP_QPHMINPOSUH: {
        /* the smallest of the 16 unsigned halfwords (src1's 0-7, src2's
           8-15) and the index of its first occurrence in bits 19..16 */
        uint64_t best = a[0] & 0xffff;
        int at = 0;

        for (i = 1; i < 16; i++) {
            const uint64_t *v = i < 8 ? a : b;
            uint64_t x = (v[(i % 8) / 4] >> (16 * (i % 4))) & 0xffff;

            if (x < best) {
                best = x;
                at = i;
            }
        }
        r[0] = best | (uint64_t)at << 16;
        r[1] = 0;
        break;
    }
    case E2K_OP_QPMULUBHH:
        /* src1 is 64-bit: its bytes 0-3 with the low half of src2, 4-7
           with the high half */
        r[0] = helper_pmulubhh(a[0], b[0]);
        r[1] = helper_pmulubhh(a[0] >> 32, b[1]);
        break;
    case E2K_OP_QPPACKDL:
        r[0] = b[0];
        r[1] = a[0];
        break;
    case E2K_OP_QPSWITCHD:
        r[0] = b[1];
        r[1] = b[0];
        break;
    case E2K_OP_QPSWITCHW:
        r[0] = b[0] >> 32 | b[0] << 32;
        r[1] = b[1] >> 32 | b[1] << 32;
        break;
    case E2K_OP_QPCEXT_0X00: case E2K_OP_QPCEXT_0X7F:
    case E2K_OP_QPCEXT_0X80: case E2K_OP_QPCEXT_0XFF: {
        static const uint8_t fill[4] = { 0x00, 0x7f, 0x80, 0xff };

        r[0] = b[0];
        r[1] = fill[op - E2K_OP_QPCEXT_0X00] * 0x0101010101010101ULL;
        break;
    }
    /* conversions: one source (src2), the low 64 bits when it is not a
       %qpr */
    case E2K_OP_QPFSTOFD:
        r[0] = helper_fstofd(env, LO32(b[0]), pc);
        r[1] = helper_fstofd(env, HI32(b[0]), pc);
        break;
    case E2K_OP_QPFSTOID:
        r[0] = helper_fstoid(env, LO32(b[0]), pc);
        r[1] = helper_fstoid(env, HI32(b[0]), pc);
        break;
    case E2K_OP_QPFSTOIDTR:
        r[0] = helper_fstoidtr(env, LO32(b[0]), pc);
        r[1] = helper_fstoidtr(env, HI32(b[0]), pc);
        break;
    case E2K_OP_QPISTOFD:
        r[0] = helper_istofd(env, LO32(b[0]), pc);
        r[1] = helper_istofd(env, HI32(b[0]), pc);
        break;
    case E2K_OP_QPFDTOFS:
        r[0] = LO32(helper_fdtofs(env, b[0], pc)) |
               helper_fdtofs(env, b[1], pc) << 32;
        r[1] = 0;
        break;
    case E2K_OP_QPFDTOIS:
        r[0] = LO32(helper_fdtois(env, b[0], pc)) |
               LO32(helper_fdtois(env, b[1], pc)) << 32;
        r[1] = 0;
        break;
    case E2K_OP_QPFDTOISTR:
        r[0] = LO32(helper_fdtoistr(env, b[0], pc)) |
               LO32(helper_fdtoistr(env, b[1], pc)) << 32;
        r[1] = 0;
        break;
    case E2K_OP_QPIDTOFS:
        r[0] = LO32(helper_idtofs(env, b[0], pc)) |
               helper_idtofs(env, b[1], pc) << 32;
        r[1] = 0;
        break;
    case E2K_OP_QPFDTOID: case E2K_OP_QPFDTOIDTR: case E2K_OP_QPIDTOFD: {
        PfOne f = op == E2K_OP_QPFDTOID ? helper_fdtoid :
                  op == E2K_OP_QPFDTOIDTR ? helper_fdtoidtr : helper_idtofd;

        r[0] = f(env, b[0], pc);
        r[1] = f(env, b[1], pc);
        break;
    }
    case E2K_OP_QPFSTOIFS:
        r[0] = pf_lanes(env, E2K_PF_RINT, E2K_PF_2S, 0, a[0], b[0], pc);
        r[1] = pf_lanes(env, E2K_PF_RINT, E2K_PF_2S, 0, a[0], b[1], pc);
        break;
    case E2K_OP_QPFDTOIFD:
        r[0] = helper_fdtoifd(env, a[0], b[0], pc);
        r[1] = helper_fdtoifd(env, a[0], b[1], pc);
        break;
    /* v6 fused multiply-add: fmas a*b+c, fmss a*b-c, fnmas -(a*b)+c,
       fnmss -(a*b)-c; *mas* alternate add (even lanes) and subtract
       (odd), *msa* the other way round */
    case E2K_OP_QPFMAS: qp_fma(env, helper_fmas, helper_fmas, 0, a, b, c, r, pc); break;
    case E2K_OP_QPFMSS: qp_fma(env, helper_fmss, helper_fmss, 0, a, b, c, r, pc); break;
    case E2K_OP_QPFNMAS: qp_fma(env, helper_fnmas, helper_fnmas, 0, a, b, c, r, pc); break;
    case E2K_OP_QPFNMSS: qp_fma(env, helper_fnmss, helper_fnmss, 0, a, b, c, r, pc); break;
    case E2K_OP_QPFMASS: qp_fma(env, helper_fmas, helper_fmss, 0, a, b, c, r, pc); break;
    case E2K_OP_QPFMSAS: qp_fma(env, helper_fmss, helper_fmas, 0, a, b, c, r, pc); break;
    case E2K_OP_QPFMAD: qp_fma(env, helper_fmad, helper_fmad, 1, a, b, c, r, pc); break;
    case E2K_OP_QPFMSD: qp_fma(env, helper_fmsd, helper_fmsd, 1, a, b, c, r, pc); break;
    case E2K_OP_QPFNMAD: qp_fma(env, helper_fnmad, helper_fnmad, 1, a, b, c, r, pc); break;
    case E2K_OP_QPFNMSD: qp_fma(env, helper_fnmsd, helper_fnmsd, 1, a, b, c, r, pc); break;
    case E2K_OP_QPFMASD: qp_fma(env, helper_fmad, helper_fmsd, 1, a, b, c, r, pc); break;
    case E2K_OP_QPFMSAD: qp_fma(env, helper_fmsd, helper_fmad, 1, a, b, c, r, pc); break;
    default:
        g_assert_not_reached();
    }
}

void helper_qpop(CPUE2KState *env, uint32_t op, uint64_t pc)
{
    const uint64_t *a = env->vec.src[0], *b = env->vec.src[1];
    const uint64_t *c = env->vec.src[2];
    uint64_t r[2];
    uint32_t saved = pf_begin(env);
    const QpRow *row;
    int i;

    if (op & E2K_QP_COMB) {
        /* combined FP: t = a op1 b, then c op2 t (rsub: t - c) */
        uint64_t t[2];
        bool dbl = op & E2K_QP_COMB_DBL;

        qp_fp2(env, E2K_QP_COMB_OP1(op), dbl, a, b, t, pc);
        if (op & E2K_QP_COMB_RSUB) {
            qp_fp2(env, E2K_PF_SUB, dbl, t, c, r, pc);
        } else {
            qp_fp2(env, E2K_QP_COMB_OP2(op), dbl, c, t, r, pc);
        }
    } else {
        g_assert(E2K_QP_ID(op) < G_N_ELEMENTS(qp_rows));
        row = &qp_rows[E2K_QP_ID(op)];
        for (i = 0; i < 2 && row->kind <= QK_PF; i++) {
            switch (row->kind) {
            case QK_HALF2: r[i] = ((VecFn2)row->fn)(a[i], b[i]); break;
            case QK_HALF3: r[i] = ((VecFn3)row->fn)(a[i], b[i], c[i]); break;
            case QK_SHIFT: r[i] = ((VecFn2)row->fn)(a[i], b[0]); break;
            case QK_PACK:
                r[i] = ((VecFn2)row->fn)(i ? a[1] : b[1], i ? a[0] : b[0]);
                break;
            case QK_HOP:
                r[i] = ((VecFn2)row->fn)(i ? b[0] : a[0], i ? b[1] : a[1]);
                break;
            case QK_PF:
                /* one-source conversions take src2 */
                r[i] = pf_lanes(env, row->op, row->shape,
                                E2K_QP_COND(op), a[i], b[i], pc);
                break;
            }
        }
        if (row->kind == QK_PFH) {
            qp_fp2(env, row->op, false, a, b, r, pc);
        } else if (row->kind == QK_OTHER) {
            qp_other(env, row->id, a, b, c, r, pc);
        }
    }
    pf_end(env, saved, pc);
    env->vec.dst[0] = r[0];
    env->vec.dst[1] = r[1];
}

uint64_t helper_plog(uint64_t a, uint64_t b, uint64_t c, uint64_t t)
{
    uint64_t r = 0;
    int i;

    for (i = 0; i < 8; i++) {
        if (t & (1u << i)) {
            r |= (i & 4 ? a : ~a) & (i & 2 ? b : ~b) & (i & 1 ? c : ~c);
        }
    }
    return r;
}
