/* aausum: fill 64 Ki 64-bit words, then sum them 3000 times (the loop
   lcc turns into an array-prefetch loop).  Exit status: the low byte of
   the sum, multiplied by 3 after each pass; aausum.S computes the same with bap/mova. */
#include <stdint.h>

#define N (1 << 16)
#define R 3000

static uint64_t a[N];

int main(void)
{
    volatile int r_max = R;
    uint64_t s = 0;
    int i, r;

    for (i = 0; i < N; i++) {
        a[i] = (uint64_t)i * 0x9e3779b9u;
    }
    for (r = 0; r < r_max; r++) {
        for (i = 0; i < N; i++) {
            s += a[i];
        }
        s = (s ^ (uint64_t)r) * 3;
    }
    return (int)(s & 0xff);
}
