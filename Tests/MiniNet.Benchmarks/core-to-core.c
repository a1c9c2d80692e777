// How long one cache line takes to go from core 0 to core 1 and back: two threads, pinned to CPUs 0 and 1, pass a flag
// 200,000 times and the mean round trip is printed. Cores that share an L3 answer in about 100-200 ns, cores of different
// chiplets (AMD's CCDs) in several hundred: then every pass that reads what the other core just wrote pays that crossing,
// and splitting short passes over the two cores can cost more than it saves (BENCHMARKS.md, the Zen 5 sitting).
//   gcc -O2 -pthread Tests/MiniNet.Benchmarks/core-to-core.c -o core-to-core && ./core-to-core
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

enum { RoundTrips = 200000 };
static _Atomic int flag = 0;

static void pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

// Core 1 answers each 1 with a 0.
static void *answer(void *unused)
{
    (void)unused;
    pin(1);
    for (int i = 0; i < RoundTrips; i++)
    {
        while (atomic_load(&flag) != 1) { }
        atomic_store(&flag, 0);
    }
    return NULL;
}

int main(void)
{
    pthread_t other;
    pthread_create(&other, NULL, answer, NULL);
    pin(0);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < RoundTrips; i++)
    {
        atomic_store(&flag, 1);
        while (atomic_load(&flag) != 0) { }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    pthread_join(other, NULL);
    double ns = ((end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec)) / RoundTrips;
    printf("{\"bench\":\"core-to-core\",\"round_trip_ns\":%.1f}\n", ns);
    return 0;
}
