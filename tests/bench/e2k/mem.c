/* mem: a memory walk: fill 1 Mi 64-bit words, then sum them 200 times.
   Exit status: the low byte of the sum; mem.S computes the same. */
#include <stdint.h>

#define N (1 << 20)
#define R 200

static uint64_t a[N];

int main(void)
{
    volatile int r_max = R;
    uint64_t s = 0;
    int i, r;

    for (i = 0; i < N; i++) {
        a[i] = (uint64_t)i ^ ((uint64_t)i >> 3);
    }
    for (r = 0; r < r_max; r++) {
        for (i = 0; i < N; i++) {
            s += a[i];
        }
        s ^= (uint64_t)r;
    }
    return (int)(s & 0xff);
}
