/* calls: deep recursive calls, fib(35) the naive way.  Exit status: the
   low byte of the result; calls.S computes the same. */
#include <stdint.h>

static uint64_t __attribute__((noinline)) fib(uint64_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(void)
{
    volatile uint64_t n = 35;

    return (int)(fib(n) & 0xff);
}
