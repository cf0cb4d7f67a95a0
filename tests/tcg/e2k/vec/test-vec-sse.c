/*
 * The packed-operation helpers (vec_helper.c) against the host's SSE2/
 * SSSE3/SSE4.1 instructions, for the operations whose lane semantics
 * are x86's (with the e2k operand orders: packs, unpacks and pmovmsk*
 * take src2's lanes first, pmaddubsh's signed source is src1), over
 * edge-lane and random inputs.  The 64-bit e2k value sits in the low
 * half of an XMM register, or two of them fill one register where x86
 * works across both halves (packs, horizontal ops, minpos, movemask).
 *
 * Exit 77 (skipped) on a host without SSSE3 and SSE4.1.
 *
 * usage: test-vec-sse [-v] [ITERATIONS]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <immintrin.h>

#include "target/e2k/vec_helper.h"

#define SSE __attribute__((target("sse4.2,ssse3")))

SSE static inline __m128i lo(uint64_t v)
{
    return _mm_cvtsi64_si128((long long)v);
}

/* hi in bits 127..64, lo in 63..0 */
SSE static inline __m128i pair(uint64_t hi, uint64_t lo_)
{
    return _mm_set_epi64x((long long)hi, (long long)lo_);
}

SSE static inline uint64_t low(__m128i x)
{
    return (uint64_t)_mm_cvtsi128_si64(x);
}

SSE static inline uint64_t high(__m128i x)
{
    return (uint64_t)_mm_extract_epi64(x, 1);
}

#define OP(name, expr)                                                  \
    SSE static uint64_t sse_##name(uint64_t a, uint64_t b)              \
    {                                                                   \
        return (expr);                                                  \
    }
#define LANES(name, intr) OP(name, low(intr(lo(a), lo(b))))

LANES(paddb, _mm_add_epi8) LANES(paddh, _mm_add_epi16)
LANES(paddw, _mm_add_epi32) LANES(paddd, _mm_add_epi64)
LANES(psubb, _mm_sub_epi8) LANES(psubh, _mm_sub_epi16)
LANES(psubw, _mm_sub_epi32) LANES(psubd, _mm_sub_epi64)
LANES(paddsb, _mm_adds_epi8) LANES(paddsh, _mm_adds_epi16)
LANES(psubsb, _mm_subs_epi8) LANES(psubsh, _mm_subs_epi16)
LANES(paddusb, _mm_adds_epu8) LANES(paddush, _mm_adds_epu16)
LANES(psubusb, _mm_subs_epu8) LANES(psubush, _mm_subs_epu16)
LANES(pcmpeqb, _mm_cmpeq_epi8) LANES(pcmpeqh, _mm_cmpeq_epi16)
LANES(pcmpeqw, _mm_cmpeq_epi32) LANES(pcmpeqd, _mm_cmpeq_epi64)
LANES(pcmpgtb, _mm_cmpgt_epi8) LANES(pcmpgth, _mm_cmpgt_epi16)
LANES(pcmpgtw, _mm_cmpgt_epi32) LANES(pcmpgtd, _mm_cmpgt_epi64)
LANES(pmaxub, _mm_max_epu8) LANES(pminub, _mm_min_epu8)
LANES(pmaxsb, _mm_max_epi8) LANES(pminsb, _mm_min_epi8)
LANES(pmaxuh, _mm_max_epu16) LANES(pminuh, _mm_min_epu16)
LANES(pmaxsh, _mm_max_epi16) LANES(pminsh, _mm_min_epi16)
LANES(pmaxuw, _mm_max_epu32) LANES(pminuw, _mm_min_epu32)
LANES(pmaxsw, _mm_max_epi32) LANES(pminsw, _mm_min_epi32)
LANES(pavgusb, _mm_avg_epu8) LANES(pavgush, _mm_avg_epu16)
LANES(pandd, _mm_and_si128) LANES(pord, _mm_or_si128)
LANES(pxord, _mm_xor_si128)
OP(pandnd, low(_mm_andnot_si128(lo(b), lo(a))))
LANES(pmullh, _mm_mullo_epi16) LANES(pmulhh, _mm_mulhi_epi16)
LANES(pmulhuh, _mm_mulhi_epu16) LANES(pmulhrsh, _mm_mulhrs_epi16)
LANES(pmullw, _mm_mullo_epi32) LANES(pmaddh, _mm_madd_epi16)
OP(pmaddubsh, low(_mm_maddubs_epi16(lo(b), lo(a))))
LANES(psadbw, _mm_sad_epu8)
LANES(psignb, _mm_sign_epi8) LANES(psignh, _mm_sign_epi16)
LANES(psignw, _mm_sign_epi32)
LANES(psllh, _mm_sll_epi16) LANES(psllw, _mm_sll_epi32)
LANES(pslld, _mm_sll_epi64) LANES(psrlh, _mm_srl_epi16)
LANES(psrlw, _mm_srl_epi32) LANES(psrld, _mm_srl_epi64)
LANES(psrah, _mm_sra_epi16) LANES(psraw, _mm_sra_epi32)
/* packs: src2's lanes low, src1's high */
OP(packsshb, low(_mm_packs_epi16(pair(a, b), lo(0))))
OP(packushb, low(_mm_packus_epi16(pair(a, b), lo(0))))
OP(packsswh, low(_mm_packs_epi32(pair(a, b), lo(0))))
OP(packuswh, low(_mm_packus_epi32(pair(a, b), lo(0))))
/* unpacks: src2's lane even, src1's odd; the h forms are the upper half
   of interleaving all of both */
OP(punpcklbh, low(_mm_unpacklo_epi8(lo(b), lo(a))))
OP(punpckhbh, high(_mm_unpacklo_epi8(lo(b), lo(a))))
OP(punpcklhw, low(_mm_unpacklo_epi16(lo(b), lo(a))))
OP(punpckhhw, high(_mm_unpacklo_epi16(lo(b), lo(a))))
OP(punpcklwd, low(_mm_unpacklo_epi32(lo(b), lo(a))))
OP(punpckhwd, high(_mm_unpacklo_epi32(lo(b), lo(a))))
/* horizontal: src1's pairs low, src2's high */
OP(phaddh, low(_mm_hadd_epi16(pair(b, a), lo(0))))
OP(phaddw, low(_mm_hadd_epi32(pair(b, a), lo(0))))
OP(phsubh, low(_mm_hsub_epi16(pair(b, a), lo(0))))
OP(phsubw, low(_mm_hsub_epi32(pair(b, a), lo(0))))
OP(phaddsh, low(_mm_hadds_epi16(pair(b, a), lo(0))))
OP(phsubsh, low(_mm_hsubs_epi16(pair(b, a), lo(0))))
OP(phminposuh, low(_mm_minpos_epu16(pair(b, a))))
OP(pmovmskb, (uint64_t)_mm_movemask_epi8(pair(a, b)))
OP(pmovmskps, (uint64_t)_mm_movemask_ps(_mm_castsi128_ps(pair(a, b))))
OP(pmovmskpd, (uint64_t)_mm_movemask_pd(_mm_castsi128_pd(pair(a, b))))

/* pmerge: src2's byte where src3's byte is negative, as blendv */
SSE static uint64_t sse_pmerge(uint64_t a, uint64_t b, uint64_t c)
{
    return low(_mm_blendv_epi8(lo(a), lo(b), lo(c)));
}

typedef uint64_t (*Fn2)(uint64_t, uint64_t);

static const struct {
    const char *name;
    Fn2 sse, model;
} ops[] = {
#define R(n) { #n, sse_##n, helper_##n },
    R(paddb) R(paddh) R(paddw) R(paddd) R(psubb) R(psubh) R(psubw) R(psubd)
    R(paddsb) R(paddsh) R(psubsb) R(psubsh)
    R(paddusb) R(paddush) R(psubusb) R(psubush)
    R(pcmpeqb) R(pcmpeqh) R(pcmpeqw) R(pcmpeqd)
    R(pcmpgtb) R(pcmpgth) R(pcmpgtw) R(pcmpgtd)
    R(pmaxub) R(pminub) R(pmaxsb) R(pminsb) R(pmaxuh) R(pminuh)
    R(pmaxsh) R(pminsh) R(pmaxuw) R(pminuw) R(pmaxsw) R(pminsw)
    R(pavgusb) R(pavgush) R(pandd) R(pandnd) R(pord) R(pxord)
    R(pmullh) R(pmulhh) R(pmulhuh) R(pmulhrsh) R(pmullw) R(pmaddh)
    R(pmaddubsh) R(psadbw) R(psignb) R(psignh) R(psignw)
    R(psllh) R(psllw) R(pslld) R(psrlh) R(psrlw) R(psrld) R(psrah) R(psraw)
    R(packsshb) R(packushb) R(packsswh) R(packuswh)
    R(punpcklbh) R(punpckhbh) R(punpcklhw) R(punpckhhw)
    R(punpcklwd) R(punpckhwd)
    R(phaddh) R(phaddw) R(phsubh) R(phsubw) R(phaddsh) R(phsubsh)
    R(phminposuh) R(pmovmskb) R(pmovmskps) R(pmovmskpd)
#undef R
};

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
    uint64_t x = rng_state;

    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

/* Edge bytes and halfwords mixed into random values; small shift counts
   now and then. */
static uint64_t operand(bool shift_count)
{
    static const uint8_t edge[] = { 0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff };
    uint64_t v = 0;
    int i;

    switch (rnd() % 4) {
    case 0:
        return rnd();
    case 1:
        for (i = 0; i < 8; i++) {
            v |= (uint64_t)edge[rnd() % sizeof(edge)] << (8 * i);
        }
        return v;
    case 2:
        for (i = 0; i < 8; i++) {
            v |= (uint64_t)(rnd() % 2 ? edge[rnd() % sizeof(edge)]
                            : (uint8_t)rnd()) << (8 * i);
        }
        return v;
    default:
        return shift_count ? rnd() % 70 : (rnd() % 2 ? 0x8000800080008000ULL
                                                     : 0x7fff7fff7fff7fffULL);
    }
}

int main(int argc, char **argv)
{
    long iters = 20000;
    bool verbose = false;
    int fails = 0, i;
    size_t k;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v")) {
            verbose = true;
        } else {
            iters = strtol(argv[i], NULL, 0);
        }
    }
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("ssse3") || !__builtin_cpu_supports("sse4.2")) {
        printf("vec sse: the host lacks SSSE3 or SSE4.2, skipped\n");
        return 77;
    }
    for (k = 0; k < G_N_ELEMENTS(ops); k++) {
        int bad = 0;
        long n;

        for (n = 0; n < iters; n++) {
            uint64_t a = operand(false), b = operand(true);
            uint64_t want = ops[k].sse(a, b), got = ops[k].model(a, b);

            if (got != want) {
                if (bad++ < 3 || verbose) {
                    fprintf(stderr, "%s %016llx %016llx: model %016llx, "
                            "host %016llx\n", ops[k].name,
                            (unsigned long long)a, (unsigned long long)b,
                            (unsigned long long)got,
                            (unsigned long long)want);
                }
            }
        }
        fails += bad != 0;
    }
    {
        int bad = 0;
        long n;

        for (n = 0; n < iters; n++) {
            uint64_t a = operand(false), b = operand(false);
            uint64_t c = operand(false);

            if (helper_pmerge(a, b, c) != sse_pmerge(a, b, c) && bad++ < 3) {
                fprintf(stderr, "pmerge %016llx %016llx %016llx\n",
                        (unsigned long long)a, (unsigned long long)b,
                        (unsigned long long)c);
            }
        }
        fails += bad != 0;
    }
    printf("vec sse: %zu operations x %ld inputs, %d disagree\n",
           G_N_ELEMENTS(ops) + 1, iters, fails);
    return fails ? 1 : 0;
}
