// GEMM throughput (GFLOP/s) with Google Benchmark, at 1 and 2 threads.
// Shapes: square 256, and the super-resolution conv GEMMs (M=out_ch, K=in_ch*kh*kw, N=224*224)
// with pre-packed A (weights), as Conv runs them. Build (no CMake target yet):
//   g++ -O3 -std=c++20 -I include -I src bench/kernels/gemm_bench.cc -L<build> -lonyx_kernels
//       -lonyx_base -lhwy -lbenchmark -lpthread
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "kernels/gemm.h"

namespace {

void BM_Gemm(benchmark::State& state) {
  const int64_t m = state.range(0), n = state.range(1), k = state.range(2);
  const int threads = static_cast<int>(state.range(3));
  const bool pack_a = state.range(4) != 0;
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> a(static_cast<size_t>(m * k)), b(static_cast<size_t>(k * n)),
      c(static_cast<size_t>(m * n));
  for (float& x : a) x = dist(rng);
  for (float& x : b) x = dist(rng);
  onyx::ThreadPool pool(threads);
  onyx::kernels::PackedMatrix pa;
  onyx::kernels::GemmOperand opa = onyx::kernels::GemmOperand::matrix(a.data(), k);
  if (pack_a) {
    pa = onyx::kernels::PackedMatrix::pack_a(m, k, a.data(), k, false);
    opa = onyx::kernels::GemmOperand::panels(pa.view());
  }
  for (auto _ : state) {
    onyx::kernels::gemm(m, n, k, 1.0f, opa, onyx::kernels::GemmOperand::matrix(b.data(), n), 0.0f,
                        c.data(), n, {}, &pool);
    benchmark::DoNotOptimize(c.data());
  }
  state.counters["GFLOP/s"] = benchmark::Counter(2.0 * double(m) * double(n) * double(k) * 1e-9,
                                                 benchmark::Counter::kIsIterationInvariantRate);
}

void Shapes(benchmark::internal::Benchmark* b) {
  for (int threads : {1, 2}) {
    b->Args({256, 256, 256, threads, 0});
    b->Args({64, 224 * 224, 25, threads, 1});      // conv 5x5 1->64
    b->Args({64, 224 * 224, 64 * 9, threads, 1});  // conv 3x3 64->64
    b->Args({32, 224 * 224, 64 * 9, threads, 1});  // conv 3x3 64->32
    b->Args({9, 224 * 224, 32 * 9, threads, 1});   // conv 3x3 32->9
  }
}
BENCHMARK(BM_Gemm)->Apply(Shapes)->ArgNames({"M", "N", "K", "threads", "packA"})->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
