// FMA peak probe for bench/run_all.py: the float32 multiply-add throughput this machine reaches
// now, with T threads, on the widest vector ISA the compiler targets (-march=native).
//
// Method: every thread runs independent FMA dependency chains held in vector registers
// (acc = acc * a + b; 12 with AVX2's 16 registers, 24 with AVX-512's 32: more than FMA latency x
// pipes on current x86 cores, few enough not to spill) for `ms` milliseconds per repeat;
// FLOPs = 2 * lanes * chains per loop iteration. The best of `repeats`
// repeats is reported, so a transient load spike lowers nothing but one repeat.
//
// Build: c++ -O2 -march=native -pthread bench/kernels/fma_peak.cc -o fma_peak
// Usage: fma_peak [THREADS=1] [MS=200] [REPEATS=5]
// Prints one JSON line: {"isa", "lanes", "threads", "gflops", "gflops_per_thread"}.
#include <immintrin.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

#if defined(__AVX512F__)
using Vec = __m512;
constexpr int kLanes = 16;
constexpr int kChains = 24;  // of 32 vector registers: chains + 2 constants, no spills
const char* const kIsa = "avx512";
inline Vec splat(float x) {
  return _mm512_set1_ps(x);
}
inline Vec fma(Vec acc, Vec a, Vec b) {
  return _mm512_fmadd_ps(acc, a, b);
}
inline float lane0(Vec v) {
  return _mm512_cvtss_f32(v);
}
#elif defined(__AVX2__) && defined(__FMA__)
using Vec = __m256;
constexpr int kLanes = 8;
constexpr int kChains = 12;  // of 16 vector registers: chains + 2 constants, no spills
const char* const kIsa = "avx2";
inline Vec splat(float x) {
  return _mm256_set1_ps(x);
}
inline Vec fma(Vec acc, Vec a, Vec b) {
  return _mm256_fmadd_ps(acc, a, b);
}
inline float lane0(Vec v) {
  return _mm256_cvtss_f32(v);
}
#else
using Vec = float;
constexpr int kLanes = 1;
constexpr int kChains = 12;
const char* const kIsa = "scalar";
inline Vec splat(float x) {
  return x;
}
inline Vec fma(Vec acc, Vec a, Vec b) {
  return acc * a + b;
}
inline float lane0(Vec v) {
  return v;
}
#endif

constexpr long kInner = 4096;  // loop iterations between clock reads

// Runs FMA chains until `deadline`; returns the FLOPs done. `sink` keeps the result alive.
double fma_loop(std::chrono::steady_clock::time_point deadline, float* sink) {
  Vec acc[kChains];
  for (int c = 0; c < kChains; ++c) acc[c] = splat(0.001f * static_cast<float>(c));
  const Vec a = splat(0.999999f), b = splat(1e-6f);
  long iterations = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    for (long i = 0; i < kInner; ++i) {
#pragma GCC unroll 24
      for (int c = 0; c < kChains; ++c) acc[c] = fma(acc[c], a, b);
    }
    iterations += kInner;
  }
  float s = 0;
  for (int c = 0; c < kChains; ++c) s += lane0(acc[c]);
  *sink = s;
  return 2.0 * kLanes * kChains * static_cast<double>(iterations);
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  const int ms = argc > 2 ? std::atoi(argv[2]) : 200;
  const int repeats = argc > 3 ? std::atoi(argv[3]) : 5;
  if (threads < 1 || ms < 1 || repeats < 1) {
    std::fprintf(stderr, "usage: fma_peak [THREADS>=1] [MS>=1] [REPEATS>=1]\n");
    return 2;
  }
  double best = 0;
  std::vector<float> sinks(static_cast<size_t>(threads));
  for (int r = 0; r < repeats; ++r) {
    std::vector<double> flops(static_cast<size_t>(threads));
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + std::chrono::milliseconds(ms);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&, t] { flops[t] = fma_loop(deadline, &sinks[t]); });
    for (std::thread& th : pool) th.join();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double total = 0;
    for (double f : flops) total += f;
    if (total / seconds > best) best = total / seconds;
  }
  float sink = 0;
  for (float s : sinks) sink += s;
  std::printf(
      "{\"isa\": \"%s\", \"lanes\": %d, \"threads\": %d, \"gflops\": %.2f, "
      "\"gflops_per_thread\": %.2f, \"checksum\": %.3g}\n",
      kIsa, kLanes, threads, best / 1e9, best / 1e9 / threads, sink);
  return 0;
}
