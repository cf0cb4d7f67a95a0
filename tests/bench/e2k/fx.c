/* fx: an f80 loop, the twin of fx.S -- the logistic map and a cubic in
   Horner form with a running sum, in long double (the x87's 64-bit
   significand, e2k's f80 with FPCR's default precision control), each
   operation in the order fx.S performs it.  Exit status: the low byte
   of (long)(s * 1024). */
#include <stdint.h>

#define N 5000000ULL

int main(void)
{
    volatile uint64_t n = N;
    volatile double init[] = { 0.5, 1.0, 3.9, 0.125, -0.375, 0.7, 0.1 };
    long double x = init[0], one = init[1], k = init[2];
    long double c3 = init[3], c2 = init[4], c1 = init[5], c0 = init[6];
    long double s = 0.0L, t, u, p, xn;

    for (uint64_t i = n; i != 0; i--) {
        t = one - x;
        p = c3 * x;
        u = x * t;
        p = p + c2;
        xn = u * k;
        p = p * x;
        p = p + c1;
        p = p * x;
        p = p + c0;
        s = s + p;
        x = xn;
    }
    return (int)((uint64_t)(int64_t)(double)(s * 1024.0) & 0xff);
}
