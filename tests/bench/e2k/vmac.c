/* vmac: a 16-bit multiply-accumulate, the twin of vmac.S: 20000 times
   the dot product of two 4096-element int16 arrays, 8 products at a
   time (SSE2 madd into four 32-bit sums, add).  Exit status: bits 23..16
   of the four sums added (32-bit). */
#include <emmintrin.h>
#include <stdint.h>

#define N 4096
#define R 20000

static int16_t x[N] __attribute__((aligned(16)));
static int16_t y[N] __attribute__((aligned(16)));

int main(void)
{
    volatile int r_max = R;
    __m128i acc = _mm_setzero_si128();
    uint32_t s[4];
    int i, r;

    for (i = 0; i < N; i++) {
        x[i] = (int16_t)((i * 7 & 0xff) - 128);
        y[i] = (int16_t)((i * 13 & 0x1ff) - 256);
    }
    for (r = 0; r < r_max; r++) {
        for (i = 0; i < N; i += 8) {
            acc = _mm_add_epi32(acc, _mm_madd_epi16(
                      _mm_load_si128((const __m128i *)&x[i]),
                      _mm_load_si128((const __m128i *)&y[i])));
        }
    }
    _mm_storeu_si128((__m128i *)s, acc);
    return (int)((s[0] + s[1] + s[2] + s[3]) >> 16 & 0xff);
}
