/* CPU competition for bench/sipp-pace.sh: THREADS threads that each spin for BUSY_US microseconds every PERIOD_US,
 * the on-off pattern of a server's event loop that wakes for a batch of datagrams. Usage: spin THREADS BUSY_US
 * PERIOD_US */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long busy_us, period_us;

static long now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000L + t.tv_nsec / 1000;
}

static void *spin(void *unused) {
    (void) unused;
    for (;;) {
        long start = now_us();
        while (now_us() - start < busy_us) {
        }
        usleep((useconds_t) (period_us - busy_us));
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: spin THREADS BUSY_US PERIOD_US\n");
        return 2;
    }
    int threads = atoi(argv[1]);
    busy_us = atol(argv[2]);
    period_us = atol(argv[3]);
    if (threads < 1 || busy_us < 1 || period_us <= busy_us) {
        fprintf(stderr, "spin: THREADS >= 1 and 0 < BUSY_US < PERIOD_US\n");
        return 2;
    }
    for (int i = 1; i < threads; i++) {
        pthread_t t;
        pthread_create(&t, NULL, spin, NULL);
    }
    spin(NULL);
    return 0;
}
