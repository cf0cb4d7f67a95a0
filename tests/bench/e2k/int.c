/* int: a tight integer loop (64-bit LCG, shift, accumulate).  The exit
   status is the low byte of the sum; int.S computes the same. */
#include <stdint.h>
#include <stdlib.h>

#define N 100000000ULL

int main(void)
{
    volatile uint64_t n = N;
    uint64_t x = 1, s = 0, i;

    for (i = 0; i < n; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        s += x >> 33;
    }
    return (int)(s & 0xff);
}
