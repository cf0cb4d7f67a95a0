/* pipe: a software-pipelined loop: dst[i] = src[i] * 3 + 7 over 64 Ki
   words, 1000 times (the e2k twin uses loop_mode, rotating registers and
   speculative loads).  Exit status: the low byte of a checksum. */
#include <stdint.h>

#define N (1 << 16)
#define R 1000

static uint64_t src[N], dst[N];

int main(void)
{
    volatile int r_max = R;
    uint64_t s = 0;
    int i, r;

    for (i = 0; i < N; i++) {
        src[i] = (uint64_t)i * 0x9e3779b9ULL;
    }
    for (r = 0; r < r_max; r++) {
        for (i = 0; i < N; i++) {
            dst[i] = src[i] * 3 + 7;
        }
        s += dst[r];
        src[r] = s;
    }
    return (int)(s & 0xff);
}
