/* fp: a floating-point loop -- the logistic map (a chaotic recurrence,
   so one wrongly rounded step changes everything after it), a cubic in
   Horner form, a running sum, a compare and a final truncating
   conversion.  Every operation is written in the order fp.S performs
   it.  The exit status is the low byte of (long)sum ^ count; fp.S
   computes the same. */
#include <stdint.h>

#define N 20000000ULL

int main(void)
{
    volatile uint64_t n = N;
    const double c3 = 0.125, c2 = -0.375, c1 = 0.7, c0 = 0.1;
    const double one = 1.0, k = 3.9, half = 0.5;
    double x = 0.5, s = 0.0, t, u, p, xn;
    uint64_t i = n, cnt = 0;

    for (;;) {
        t = one - x;
        p = c3 * x;
        i--;
        u = x * t;
        p = p + c2;
        xn = u * k;
        p = p * x;
        p = p + c1;
        p = p * x;
        p = p + c0;
        s = s + p;
        if (p < half) {
            cnt++;
        }
        x = xn;
        if (i == 0) {
            break;
        }
    }
    return (int)(((uint64_t)(int64_t)s ^ cnt) & 0xff);
}
