// Copied unchanged below this note from the project's shared benchmark folder (fma-peak.c, 2026), so the repository's
// figures can name the program that measured their peak. Build and run: gcc -O2 -march=native -pthread fma-peak.c -o fma-peak && ./fma-peak 2
// Each line prints the FP32 FMA rate of 1 or 2 threads with 256-bit and 512-bit registers; BENCHMARKS.md takes the best of 3.
// Empirical FP32 FMA peak: 12 independent FMA chains per thread, 256-bit (AVX2) and 512-bit
// (AVX-512) registers, on 1..T threads. FLOPs/cycle = measured / (threads * GHz), so with a known
// FLOPs/cycle it also tells the effective clock.
//   gcc -O2 -mavx2 -mfma -mavx512f -pthread fma-peak.c -o fma-peak && ./fma-peak 2
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ITERS 200000000L
#define CHAINS 12

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

static volatile float sink;
static long iters = ITERS;

static void *run256(void *arg) {
  (void)arg;
  __m256 a[CHAINS], b = _mm256_set1_ps(0.999999f), c = _mm256_set1_ps(1e-7f);
  for (int i = 0; i < CHAINS; i++) a[i] = _mm256_set1_ps((float)i);
  for (long n = 0; n < iters; n++) {
#pragma GCC unroll 12
    for (int i = 0; i < CHAINS; i++) a[i] = _mm256_fmadd_ps(a[i], b, c);
  }
  float s = 0; for (int i = 0; i < CHAINS; i++) s += _mm256_cvtss_f32(a[i]);
  sink = s; return NULL;
}

static void *run512(void *arg) {
  (void)arg;
  __m512 a[CHAINS], b = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-7f);
  for (int i = 0; i < CHAINS; i++) a[i] = _mm512_set1_ps((float)i);
  for (long n = 0; n < iters / 2; n++) {  // half the iterations: same FLOPs as the 256-bit run
#pragma GCC unroll 12
    for (int i = 0; i < CHAINS; i++) a[i] = _mm512_fmadd_ps(a[i], b, c);
  }
  float s = 0; for (int i = 0; i < CHAINS; i++) s += _mm512_cvtss_f32(a[i]);
  sink = s; return NULL;
}

static double bench(void *(*fn)(void *), int threads) {
  pthread_t th[64];
  double t0 = now();
  for (int i = 0; i < threads; i++) pthread_create(&th[i], NULL, fn, NULL);
  for (int i = 0; i < threads; i++) pthread_join(th[i], NULL);
  double dt = now() - t0;
  double flops = (double)threads * iters * CHAINS * 8 /*lanes of 256-bit*/ * 2 /*mul+add*/;
  return flops / dt / 1e9;
}

int main(int argc, char **argv) {
  int maxt = argc > 1 ? atoi(argv[1]) : 2;
  if (argc > 2) iters = atol(argv[2]);
  for (int t = 1; t <= maxt; t++) {
    for (int rep = 0; rep < 3; rep++) {
      double g256 = bench(run256, t), g512 = bench(run512, t);
      printf("{\"bench\":\"fma-peak\",\"threads\":%d,\"rep\":%d,\"gflops_ymm_fma\":%.1f,\"gflops_zmm_fma\":%.1f,"
             "\"ghz_if_32_flops_per_cycle\":%.3f}\n", t, rep, g256, g512, g256 / t / 32.0);
    }
  }
  return 0;
}
