/* vcopy: a 128-bit copy, the twin of vcopy.S: 20000 times copy 64 KiB
   16 bytes at a time (SSE2 load/store), changing one source word between
   rounds.  Exit status: the low byte of the sum of the destination's
   64-bit words. */
#include <emmintrin.h>
#include <stdint.h>

#define N 65536
#define R 20000

static uint64_t src[N / 8] __attribute__((aligned(16)));
static uint64_t dst[N / 8] __attribute__((aligned(16)));

int main(void)
{
    volatile int r_max = R;
    uint64_t s = 0;
    int i, r;

    for (i = 0; i < N / 8; i++) {
        src[i] = (uint64_t)i * 0x9e3779b97f4a7c15ULL;
    }
    for (r = 0; r < r_max; r++) {
        for (i = 0; i < N / 8; i += 4) {
            __m128i a = _mm_load_si128((const __m128i *)&src[i]);
            __m128i b = _mm_load_si128((const __m128i *)&src[i + 2]);

            _mm_store_si128((__m128i *)&dst[i], a);
            _mm_store_si128((__m128i *)&dst[i + 2], b);
        }
        src[r & (N / 8 - 1)] += (uint64_t)r;
    }
    for (i = 0; i < N / 8; i++) {
        s += dst[i];
    }
    return (int)(s & 0xff);
}
