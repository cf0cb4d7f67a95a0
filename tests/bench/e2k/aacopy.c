/* aacopy: copy 64 Ki 32-bit words from one array to another 3000 times,
   one element changed before each copy (the loop lcc turns into an
   array-prefetch loop with staa).  Exit status: the low byte of a
   checksum of the copies; aacopy.S computes the same with bap/mova/staa. */
#include <stdint.h>

#define N (1 << 16)
#define R 3000

static uint32_t a[N], b[N];

int main(void)
{
    volatile int r_max = R;
    uint64_t s = 0;
    int i, r;

    for (i = 0; i < N; i++) {
        a[i] = (uint32_t)i * 2654435761u;
    }
    for (r = 0; r < r_max; r++) {
        a[r & (N - 1)] ^= (uint32_t)r;
        for (i = 0; i < N; i++) {
            b[i] = a[i];
        }
        s += b[(r * 7) & (N - 1)];
    }
    return (int)(s & 0xff);
}
