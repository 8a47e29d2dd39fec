// GEMM % of FMA peak, by shape, at 1 and 2 threads: the table for issue 8's closing note.
//
// Each shape runs with its operands as the runtime hands them to gemm(): square and skinny A
// unpacked; bert (FusedMatMul) and skinny with B pre-packed (constant weights); resnet50 pointwise
// convs with A pre-packed (weights) and B = activations unpacked. Time per shape: median of
// `runs` repeats after one warm-up, each repeat lasting >= `min_ms`; at 1 thread the time is the
// calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID: other processes' load on the shared cores
// then costs cache and frequency, not the time slices), at 2+ threads wall-clock time. The peak is
// measured in this process with independent FMA chains (as fma_peak.cc), per thread count, best
// of 3, timed the same way. Memory-bound shapes (M <= 16) also print GB/s of
// B read (the packed B panels are streamed once per call).
//
// Build: ninja -C build gemm_table (EXCLUDE_FROM_ALL; see bench/kernels/CMakeLists.txt)
// Usage: build/bench/kernels/gemm_table [--threads 1,2] [--runs 5] [--min-ms 20] [--filter SUB]
//                                       [--stat median|min]
#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "base/thread_pool.h"
#include "kernels/gemm.h"

namespace {

using onyx::kernels::GemmOperand;
using onyx::kernels::PackedMatrix;
using Clock = std::chrono::steady_clock;

double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Seconds: the calling thread's CPU time when `cpu`, else wall-clock time.
double now_seconds(bool cpu) {
  if (cpu) return thread_cpu_seconds();
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

// FMA peak (GFLOPS) of `threads` threads: 12 independent AVX2 FMA chains each for `ms`.
__attribute__((target("avx2,fma"))) double fma_chains(int ms, double* seconds) {
  const double cpu0 = thread_cpu_seconds();
  __m256 acc[12];
  for (int c = 0; c < 12; ++c) acc[c] = _mm256_set1_ps(0.001f * static_cast<float>(c));
  const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-6f);
  const auto deadline = Clock::now() + std::chrono::milliseconds(ms);
  long iterations = 0;
  while (Clock::now() < deadline) {
    for (int i = 0; i < 4096; ++i) {
#pragma GCC unroll 12
      for (int c = 0; c < 12; ++c) acc[c] = _mm256_fmadd_ps(acc[c], a, b);
    }
    iterations += 4096;
  }
  float s = 0;
  for (int c = 0; c < 12; ++c) s += _mm256_cvtss_f32(acc[c]);
  if (s == 12345.0f) std::puts("");
  *seconds = thread_cpu_seconds() - cpu0;
  return 2.0 * 8 * 12 * static_cast<double>(iterations);
}

double fma_peak_gflops(int threads) {
  double best = 0;
  for (int r = 0; r < 3; ++r) {
    std::vector<double> flops(static_cast<size_t>(threads)), cpu(static_cast<size_t>(threads));
    const auto start = Clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&, t] { flops[t] = fma_chains(100, &cpu[t]); });
    for (std::thread& th : pool) th.join();
    const double s =
        threads == 1 ? cpu[0] : std::chrono::duration<double>(Clock::now() - start).count();
    double total = 0;
    for (double f : flops) total += f;
    best = std::max(best, total / s / 1e9);
  }
  return best;
}

struct Shape {
  const char* group;
  int64_t m, n, k;
  bool pack_a, pack_b;
};

const Shape kShapes[] = {
    {"square", 256, 256, 256, false, false},    {"square", 512, 512, 512, false, false},
    {"square", 1024, 1024, 1024, false, false}, {"bert", 128, 768, 768, false, true},
    {"bert", 128, 3072, 768, false, true},      {"bert", 128, 768, 3072, false, true},
    {"resnet50", 64, 3136, 256, true, false},   {"resnet50", 256, 3136, 64, true, false},
    {"resnet50", 128, 784, 512, true, false},   {"resnet50", 512, 784, 128, true, false},
    {"resnet50", 256, 196, 1024, true, false},  {"resnet50", 1024, 196, 256, true, false},
    {"resnet50", 512, 49, 2048, true, false},   {"resnet50", 2048, 49, 512, true, false},
    {"skinny", 1, 768, 768, false, true},       {"skinny", 4, 768, 768, false, true},
    {"skinny", 16, 768, 768, false, true},      {"skinny", 1, 3072, 768, false, true},
    {"skinny", 4, 3072, 768, false, true},      {"skinny", 16, 3072, 768, false, true},
    {"skinny", 1, 1000, 2048, false, true},
};

// Seconds per gemm() call: the median of the repeats, or the fastest when `best` (on a loaded
// machine the fastest repeat is the one least disturbed).
double time_shape(const Shape& s, onyx::ThreadPool* pool, int runs, int min_ms, bool best) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> a(static_cast<size_t>(s.m * s.k)), b(static_cast<size_t>(s.k * s.n)),
      c(static_cast<size_t>(s.m * s.n));
  for (float& x : a) x = dist(rng);
  for (float& x : b) x = dist(rng);
  PackedMatrix pa, pb;
  GemmOperand opa = GemmOperand::matrix(a.data(), s.k), opb = GemmOperand::matrix(b.data(), s.n);
  if (s.pack_a) {
    pa = PackedMatrix::pack_a(s.m, s.k, a.data(), s.k, false);
    opa = GemmOperand::panels(pa.view());
  }
  if (s.pack_b) {
    pb = PackedMatrix::pack_b(s.k, s.n, b.data(), s.n, false);
    opb = GemmOperand::panels(pb.view());
  }
  const int threads = pool ? pool->num_threads() : 1;
  const size_t ws_bytes =
      onyx::kernels::gemm_workspace_bytes(s.m, s.n, s.k, s.pack_a, s.pack_b, threads);
  void* ws = ws_bytes ? std::aligned_alloc(64, (ws_bytes + 63) / 64 * 64) : nullptr;
  auto call = [&] {
    onyx::kernels::gemm(s.m, s.n, s.k, 1.0f, opa, opb, 0.0f, c.data(), s.n, {}, pool, ws);
  };
  call();
  // Calls per repeat so that one repeat lasts >= min_ms.
  const bool cpu = threads == 1;
  double t0 = now_seconds(cpu);
  call();
  const double one = now_seconds(cpu) - t0;
  const int reps = std::max(1, static_cast<int>(min_ms * 1e-3 / std::max(one, 1e-7)));
  std::vector<double> times;
  for (int r = 0; r < runs; ++r) {
    t0 = now_seconds(cpu);
    for (int i = 0; i < reps; ++i) call();
    times.push_back((now_seconds(cpu) - t0) / reps);
  }
  std::free(ws);
  std::sort(times.begin(), times.end());
  return best ? times[0] : times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> thread_counts = {1, 2};
  int runs = 5, min_ms = 20;
  bool best = false;
  std::string filter;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--threads") {
      thread_counts.clear();
      for (size_t p = 0; p < value.size();) {
        size_t q = value.find(',', p);
        if (q == std::string::npos) q = value.size();
        thread_counts.push_back(std::atoi(value.substr(p, q - p).c_str()));
        p = q + 1;
      }
    } else if (flag == "--runs") {
      runs = std::max(1, std::atoi(value.c_str()));
    } else if (flag == "--min-ms") {
      min_ms = std::max(1, std::atoi(value.c_str()));
    } else if (flag == "--stat") {
      best = value == "min";
    } else if (flag == "--filter") {
      filter = value;
    } else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  const onyx::kernels::GemmTile tile = onyx::kernels::gemm_tile();
  std::printf("tile %dx%d\n", tile.mr, tile.nr);
  std::printf("| group | M | N | K | packed | threads | ms | GFLOPS | %% peak | GB/s (B) |\n");
  std::printf("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
  for (int threads : thread_counts) {
    if (threads < 1) continue;
    onyx::ThreadPool pool(threads);
    const double peak = fma_peak_gflops(threads);
    std::printf("| peak | | | | | %d | | %.1f | 100 | |\n", threads, peak);
    for (const Shape& s : kShapes) {
      const std::string name = std::string(s.group) + " " + std::to_string(s.m) + "x" +
                               std::to_string(s.n) + "x" + std::to_string(s.k);
      if (!filter.empty() && name.find(filter) == std::string::npos) continue;
      const double sec = time_shape(s, threads > 1 ? &pool : nullptr, runs, min_ms, best);
      const double gflops = 2.0 * double(s.m) * double(s.n) * double(s.k) / sec / 1e9;
      const char* packed = s.pack_a ? (s.pack_b ? "A,B" : "A") : (s.pack_b ? "B" : "-");
      char gbs[32] = "";
      if (s.m <= 16) std::snprintf(gbs, sizeof gbs, "%.1f", 4.0 * s.k * s.n / sec / 1e9);
      std::printf("| %s | %ld | %ld | %ld | %s | %d | %.3f | %.1f | %.0f | %s |\n", s.group,
                  static_cast<long>(s.m), static_cast<long>(s.n), static_cast<long>(s.k), packed,
                  threads, sec * 1e3, gflops, 100.0 * gflops / peak, gbs);
      std::fflush(stdout);
    }
  }
  return 0;
}
