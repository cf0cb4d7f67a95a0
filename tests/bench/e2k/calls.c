/* calls: deep recursive calls, fib(35).  gcc -O2 turns the second
   recursive call into a loop; calls.S is written in that same shape so
   both make the same calls.  Exit status: the low byte of the result. */
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
