/* vmemchr: a packed byte search, the twin of vmemchr.S: 20000 times, put
   0xff at a pseudo-random place of a 64 KiB buffer of bytes 0..7 and
   find it 16 bytes at a time (SSE2 compare + movemask).  Exit status:
   the low byte of the sum of the positions found. */
#include <emmintrin.h>
#include <stdint.h>

#define N 65536
#define R 20000

static uint8_t buf[N] __attribute__((aligned(16)));

int main(void)
{
    volatile int r_max = R;
    const __m128i ff = _mm_set1_epi8((char)0xff);
    uint64_t sum = 0;
    int i, r;

    for (i = 0; i < N; i++) {
        buf[i] = i & 7;
    }
    for (r = 0; r < r_max; r++) {
        unsigned pos = (unsigned)r * 40503u & (N - 1);
        const uint8_t *p = buf;
        unsigned m;

        buf[pos] = 0xff;
        for (;;) {
            m = _mm_movemask_epi8(_mm_cmpeq_epi8(
                    _mm_load_si128((const __m128i *)p), ff));
            if (m) {
                break;
            }
            p += 16;
        }
        sum += (uint64_t)(p - buf) + __builtin_ctz(m);
        buf[pos] = pos & 7;
    }
    return (int)(sum & 0xff);
}
