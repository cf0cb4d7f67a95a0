/*
 * An independent model of the 128-bit integer qp* operations, written
 * lane by lane from their definitions (saturation, rounding and operand
 * order spelled out here, not taken from vec_helper.c), that prints
 * execution-vector rows with edge-lane and random inputs:
 *
 *     qp-model N > rows.tsv
 *     test-vec-semantics -m e8c2 -b native|interp rows.tsv
 *
 * so the translated code (the inline halves and helper_qpop) is checked
 * against it on both backends.  Values are hi:lo (lo: bytes 0-7).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "target/e2k/isa.h"

typedef struct V128 {
    uint8_t b[16];
} V128;

static uint64_t get(const V128 *v, int bits, int i)
{
    uint64_t x = 0;
    int k;

    for (k = 0; k < bits / 8; k++) {
        x |= (uint64_t)v->b[i * bits / 8 + k] << (8 * k);
    }
    return x;
}

static int64_t sget(const V128 *v, int bits, int i)
{
    uint64_t x = get(v, bits, i);

    return bits == 64 ? (int64_t)x
                      : (int64_t)(x << (64 - bits)) >> (64 - bits);
}

static void set(V128 *v, int bits, int i, uint64_t x)
{
    int k;

    for (k = 0; k < bits / 8; k++) {
        v->b[i * bits / 8 + k] = x >> (8 * k);
    }
}

static int64_t clamp(int64_t x, int64_t lo, int64_t hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static int64_t smin(int bits) { return -(int64_t)(1ULL << (bits - 1)); }
static int64_t smax(int bits) { return (int64_t)((1ULL << (bits - 1)) - 1); }
static int64_t umax(int bits) { return (int64_t)((1ULL << bits) - 1); }

enum {
    ADD, SUB, ADDS, SUBS, ADDUS, SUBUS, AVGU, CMPEQ, CMPGT, MAXS, MINS,
    MAXU, MINU, AND, ANDN, OR, XOR, MULL, MULHS, MULHU, SIGN,
    SHL, SHR, SAR,
};

typedef struct Op {
    const char *name;
    int kind, bits;
} Op;

static const Op ops[] = {
    { "qpaddb", ADD, 8 }, { "qpaddh", ADD, 16 }, { "qpaddw", ADD, 32 },
    { "qpaddd", ADD, 64 }, { "qpsubb", SUB, 8 }, { "qpsubh", SUB, 16 },
    { "qpsubw", SUB, 32 }, { "qpsubd", SUB, 64 },
    { "qpaddsb", ADDS, 8 }, { "qpaddsh", ADDS, 16 },
    { "qpsubsb", SUBS, 8 }, { "qpsubsh", SUBS, 16 },
    { "qpaddusb", ADDUS, 8 }, { "qpaddush", ADDUS, 16 },
    { "qpsubusb", SUBUS, 8 }, { "qpsubush", SUBUS, 16 },
    { "qpavgusb", AVGU, 8 }, { "qpavgush", AVGU, 16 },
    { "qpcmpeqb", CMPEQ, 8 }, { "qpcmpeqh", CMPEQ, 16 },
    { "qpcmpeqw", CMPEQ, 32 }, { "qpcmpeqd", CMPEQ, 64 },
    { "qpcmpgtb", CMPGT, 8 }, { "qpcmpgth", CMPGT, 16 },
    { "qpcmpgtw", CMPGT, 32 }, { "qpcmpgtd", CMPGT, 64 },
    { "qpmaxsb", MAXS, 8 }, { "qpmaxsh", MAXS, 16 }, { "qpmaxsw", MAXS, 32 },
    { "qpminsb", MINS, 8 }, { "qpminsh", MINS, 16 }, { "qpminsw", MINS, 32 },
    { "qpmaxub", MAXU, 8 }, { "qpmaxuh", MAXU, 16 }, { "qpmaxuw", MAXU, 32 },
    { "qpminub", MINU, 8 }, { "qpminuh", MINU, 16 }, { "qpminuw", MINU, 32 },
    { "qpand", AND, 64 }, { "qpandn", ANDN, 64 }, { "qpor", OR, 64 },
    { "qpxor", XOR, 64 },
    { "qpmullh", MULL, 16 }, { "qpmullw", MULL, 32 },
    { "qpmulhh", MULHS, 16 }, { "qpmulhuh", MULHU, 16 },
    { "qpsignb", SIGN, 8 }, { "qpsignh", SIGN, 16 }, { "qpsignw", SIGN, 32 },
    { "qpsllh", SHL, 16 }, { "qpsllw", SHL, 32 }, { "qpslld", SHL, 64 },
    { "qpsrlh", SHR, 16 }, { "qpsrlw", SHR, 32 }, { "qpsrld", SHR, 64 },
    { "qpsrah", SAR, 16 }, { "qpsraw", SAR, 32 },
};

/* One lane of @op; @n is the shift count (the whole 64-bit src2). */
static uint64_t lane(const Op *op, const V128 *a, const V128 *b, int i,
                     uint64_t n)
{
    int w = op->bits;
    uint64_t x = get(a, w, i), y = get(b, w, i);
    int64_t sx = sget(a, w, i), sy = sget(b, w, i);

    switch (op->kind) {
    case ADD: return x + y;
    case SUB: return x - y;
    case ADDS: return (uint64_t)clamp(sx + sy, smin(w), smax(w));
    case SUBS: return (uint64_t)clamp(sx - sy, smin(w), smax(w));
    case ADDUS: return (uint64_t)clamp((int64_t)(x + y), 0, umax(w));
    case SUBUS: return (uint64_t)clamp((int64_t)x - (int64_t)y, 0, umax(w));
    case AVGU: return (x + y + 1) / 2;
    case CMPEQ: return x == y ? ~0ULL : 0;
    case CMPGT: return sx > sy ? ~0ULL : 0;
    case MAXS: return (uint64_t)(sx > sy ? sx : sy);
    case MINS: return (uint64_t)(sx < sy ? sx : sy);
    case MAXU: return x > y ? x : y;
    case MINU: return x < y ? x : y;
    case AND: return x & y;
    case ANDN: return x & ~y;       /* src1 & ~src2 on e2k */
    case OR: return x | y;
    case XOR: return x ^ y;
    case MULL: return x * y;
    case MULHS: return (uint64_t)((sx * sy) >> w);
    case MULHU: return (x * y) >> w;
    case SIGN: return sy < 0 ? -x : sy == 0 ? 0 : x;
    case SHL: return n >= (uint64_t)w ? 0 : x << n;
    case SHR: return n >= (uint64_t)w ? 0 : x >> n;
    case SAR: return (uint64_t)(sx >> (n >= (uint64_t)w ? w - 1 : (int)n));
    }
    abort();
}

/* The lowest channel the opcode table gives @name on v5 (only where to
   put it: the model does not use the table otherwise). */
static int v5_channel(const char *name)
{
    unsigned count, j;
    const E2KOpDesc *d = e2k_op_lookup_name(name, 5, &count);
    int chan;

    for (chan = 0; chan < 6; chan++) {
        for (j = 0; d && j < count; j++) {
            if (e2k_op_valid_on(&d[j], 5) && (d[j].chan_mask & (1u << chan))) {
                return chan;
            }
        }
    }
    return -1;
}

static uint8_t bit_reversed(uint8_t x)
{
    uint8_t r = 0;
    int i;

    for (i = 0; i < 8; i++) {
        r |= ((x >> i) & 1) << (7 - i);
    }
    return r;
}

/*
 * qpshufb: each 8-byte half of the result is the 64-bit pshufb of the
 * matching half of src3 over the 16 bytes of a source (low half: src2's
 * 16 bytes, high half: src1's), the upper 8 of them picked by control
 * bit 3.  A control byte: bits 2..0 (and 3) the byte; bit 4 inverts it,
 * bit 5 reverses its bits, bit 6 gives its sign (0x00/0xff); with bit 7
 * the byte is a constant from bits 6..4: 0x7f for 2, 0x80 for 4, 0xff
 * for 6, 0 otherwise.
 */
static uint8_t shufb_byte(const V128 *src, uint8_t ctl)
{
    uint8_t x = src->b[ctl & 15];

    if (ctl & 0x80) {
        switch ((ctl >> 4) & 7) {
        case 2: return 0x7f;
        case 4: return 0x80;
        case 6: return 0xff;
        default: return 0;
        }
    }
    if (ctl & 0x10) {
        x = ~x;
    }
    if (ctl & 0x20) {
        x = bit_reversed(x);
    }
    if (ctl & 0x40) {
        x = x & 0x80 ? 0xff : 0;
    }
    return x;
}

/* qppermb: byte ctl & 31 of the 32 bytes src2 (0..15), src1 (16..31);
   bit 5 inverts it, bit 6 reverses its bits, bit 7 gives its sign. */
static uint8_t permb_byte(const V128 *a, const V128 *b, uint8_t ctl)
{
    uint8_t x = ctl & 16 ? a->b[ctl & 15] : b->b[ctl & 15];

    if (ctl & 0x20) {
        x = ~x;
    }
    if (ctl & 0x40) {
        x = bit_reversed(x);
    }
    if (ctl & 0x80) {
        x = x & 0x80 ? 0xff : 0;
    }
    return x;
}

static uint64_t state = 0x853c49e6748fea9bULL;

static uint64_t rnd(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* Random bytes, edge bytes, a near copy of @like, or small numbers. */
static void operand(V128 *v, const V128 *like)
{
    static const uint8_t edge[] = { 0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe,
                                    0xff };
    int i, how = rnd() % 4;

    for (i = 0; i < 16; i++) {
        switch (how) {
        case 0: v->b[i] = rnd(); break;
        case 1: v->b[i] = edge[rnd() % sizeof(edge)]; break;
        case 2: v->b[i] = rnd() % 3 ? like->b[i] : (uint8_t)rnd(); break;
        default: v->b[i] = i % 8 ? 0 : rnd() % 70; break;
        }
    }
}

static void print(const V128 *v)
{
    printf("%016" PRIx64 ":%016" PRIx64, get(v, 64, 1), get(v, 64, 0));
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 100, k, i;
    size_t j;

    if (n <= 0) {
        fprintf(stderr, "usage: %s N\n", argv[0]);
        return 2;
    }
    printf("op\tasm\tsrc1\tsrc2\tsrc3\tresult\tstatus\n");
    for (j = 0; j < sizeof(ops) / sizeof(ops[0]); j++) {
        const Op *op = &ops[j];
        bool shift = op->kind >= SHL;
        int ch = v5_channel(op->name);

        if (ch < 0) {
            fprintf(stderr, "%s: not in the opcode table\n", op->name);
            return 1;
        }
        for (k = 0; k < n; k++) {
            V128 a, b, r;
            uint64_t cnt;

            memset(&b, 0, sizeof(b));
            operand(&a, &b);
            operand(&b, &a);
            if (shift) {
                /* a 64-bit count: mostly in range, sometimes past it */
                cnt = k % 4 ? rnd() % (op->bits + 2) : rnd();
                memset(&b, 0, sizeof(b));
                set(&b, 64, 0, cnt);
            } else {
                cnt = 0;
            }
            for (i = 0; i < 128 / op->bits; i++) {
                set(&r, op->bits, i, lane(op, &a, &b, i, cnt));
            }
            if (shift) {
                printf("%s\t{ %s,%d %%qpr1, %%dr2, %%qpr4 }\t", op->name,
                       op->name, ch);
                print(&a);
                printf("\t%016" PRIx64 "\t-\t", cnt);
            } else {
                printf("%s\t{ %s,%d %%qpr1, %%qpr2, %%qpr4 }\t", op->name,
                       op->name, ch);
                print(&a);
                printf("\t");
                print(&b);
                printf("\t-\t");
            }
            print(&r);
            printf("\tok\n");
        }
    }
    for (j = 0; j < 2; j++) {
        const char *name = j ? "qppermb" : "qpshufb";
        int ch = v5_channel(name);

        if (ch < 0) {
            fprintf(stderr, "%s: not in the opcode table\n", name);
            return 1;
        }
        for (k = 0; k < n; k++) {
            V128 a, b, c, r;

            memset(&b, 0, sizeof(b));
            operand(&a, &b);
            operand(&b, &a);
            for (i = 0; i < 16; i++) {
                /* plain indices, or any byte (modifiers, constants) */
                c.b[i] = k % 3 ? rnd() : rnd() % 32;
            }
            for (i = 0; i < 16; i++) {
                r.b[i] = j ? permb_byte(&a, &b, c.b[i])
                           : shufb_byte(i < 8 ? &b : &a, c.b[i]);
            }
            printf("%s\t{ %s,%d %%qpr1, %%qpr2, %%qpr3, %%qpr4 }\t", name,
                   name, ch);
            print(&a);
            printf("\t");
            print(&b);
            printf("\t");
            print(&c);
            printf("\t");
            print(&r);
            printf("\tok\n");
        }
    }
    return 0;
}
