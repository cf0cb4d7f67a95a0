/*
 * The C twin of threads.S: NTHREADS host threads share WORK trips of an
 * independent LCG loop (thread i seeded with 12345 + i), and the process
 * exits with the low byte of the sum of their results, as the guest
 * program does.  tests/bench/e2k-threads.sh checks the guest's exit
 * status against it and times it as the machine's own 2-thread
 * speed-up, the reference for the emulator's.
 *
 *   threads NTHREADS WORK
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_THREADS 8

static uint64_t trips;
static uint64_t results[MAX_THREADS];

static void *worker(void *arg)
{
    uintptr_t i = (uintptr_t)arg;
    /* volatile keeps gcc from folding the loop into a closed form */
    volatile uint64_t n = trips;
    uint64_t x = 12345 + i;

    for (uint64_t k = n; k != 0; k--) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    }
    results[i] = x;
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t tid[MAX_THREADS];
    uint64_t sum = 0;
    int n;

    if (argc != 3 || (n = atoi(argv[1])) < 1 || n > MAX_THREADS) {
        fprintf(stderr, "usage: threads NTHREADS(1-%d) WORK\n", MAX_THREADS);
        return 125;
    }
    trips = strtoull(argv[2], NULL, 0) / n;
    for (int i = 0; i < n; i++) {
        if (pthread_create(&tid[i], NULL, worker, (void *)(uintptr_t)i)) {
            perror("pthread_create");
            return 125;
        }
    }
    for (int i = 0; i < n; i++) {
        pthread_join(tid[i], NULL);
        sum += results[i];
    }
    return (int)(sum & 0xff);
}
