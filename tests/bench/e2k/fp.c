/* fp: a floating-point loop -- the logistic map (a chaotic recurrence,
   so one wrongly rounded step changes everything after it), a cubic in
   Horner form, a running sum, a compare and a final truncating
   conversion; then a dot product and a daxpy over two arrays filled by
   integer -> double conversion (fp.S uses combined multiply-adds, which
   round twice, as the separate operations here).  Every operation is
   written in the order fp.S performs it.  The exit status is the low
   byte of (long)sum ^ count ^ (long)dot; fp.S computes the same. */
#include <stdint.h>

#define N 20000000ULL
#define M 512
#define R 20000

static double arr_a[M], arr_b[M];

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
    for (int64_t j = 0; j < M; j++) {
        arr_a[j] = (double)j;
        arr_b[j] = arr_a[j] * half;
    }
    double d = 0.0;
    const double alpha = 0x1p-10;
    for (volatile int r = R; r != 0; r--) {
        for (int j = 0; j < M; j++) {
            double a = arr_a[j], b = arr_b[j];
            double t = a * b, t2 = alpha * a;
            d = d + t;
            arr_b[j] = b + t2;
        }
    }
    return (int)(((uint64_t)(int64_t)s ^ cnt ^ (uint64_t)(int64_t)d) & 0xff);
}
