/* branch: data-dependent branches: an LCG whose bit 40 picks one of two
   updates.  Exit status: the low byte of the result; branch.S computes
   the same. */
#include <stdint.h>

#define N 30000000ULL

int main(void)
{
    volatile uint64_t n = N;
    uint64_t x = 1, s = 0, i;

    for (i = 0; i < n; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        if ((x >> 40) & 1) {
            s += x >> 20;
        } else {
            s ^= x;
        }
    }
    return (int)(s & 0xff);
}
