// Per-layer time of the super-resolution 3x3 convolutions (1x?x224x224, pad 1, ReLU): im2col vs
// Winograd F(4x4, 3x3) at several tiles-per-block, 1 and 2 threads; best of `reps` runs in ms,
// the two algorithms interleaved so machine noise hits both alike. Build (no CMake target):
//   g++ -O3 -std=c++20 -I include -I src bench/kernels/winograd_bench.cc -L<build>
//       -lonyx_kernels -lonyx_base -lhwy -lpthread -o /tmp/winograd_bench
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "kernels/conv.h"
#include "kernels/winograd.h"

using namespace onyx;
using namespace onyx::kernels;

namespace {

ConvShape layer(int64_t cin, int64_t cout, int64_t hw) {
  ConvShape s;
  s.in_channels = cin;
  s.out_channels = cout;
  for (int d = 0; d < 2; ++d) {
    s.in[d] = s.out[d] = hw;
    s.kernel[d] = 3;
    s.stride[d] = s.dilation[d] = s.pad_begin[d] = 1;
  }
  return s;
}

template <class F>
double best_ms(F&& f, int reps) {
  double best = 1e30;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    const auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const int reps = argc > 1 ? std::atoi(argv[1]) : 5;
  const int64_t hw = argc > 2 ? std::atoi(argv[2]) : 224;
  const ConvActivation relu{Activation::kRelu, 0, 0};
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(-0.1f, 0.1f);
  const int64_t shapes[][2] = {{64, 64}, {64, 32}, {32, 9}, {16, 16}, {8, 8}};
  for (int threads : {1, 2}) {
    ThreadPool pool(threads);
    ThreadPool* p = threads > 1 ? &pool : nullptr;
    for (const auto& sh : shapes) {
      const ConvShape s = layer(sh[0], sh[1], hw);
      std::vector<float> x(static_cast<size_t>(sh[0] * hw * hw)),
          w(static_cast<size_t>(sh[0] * sh[1] * 9)), b(static_cast<size_t>(sh[1])),
          y(static_cast<size_t>(sh[1] * hw * hw));
      for (float& v : x) v = dist(rng);
      for (float& v : w) v = dist(rng);
      ConvPlan im2col = ConvPlan::create(s, threads, false);
      im2col.pack_weights(w.data());
      std::vector<float> scratch_i(im2col.scratch_bytes() / 4 + 16);
      auto run_i = [&] {
        im2col.run(x.data(), w.data(), b.data(), y.data(), relu, p, scratch_i.data());
      };
      std::vector<float> ww(static_cast<size_t>(winograd_weight_floats(sh[1], sh[0])));
      winograd_transform_weights(w.data(), sh[1], sh[0], ww.data());
      std::printf("threads=%d %3lldx%3lld->%3lld: im2col %7.2f ms", threads, (long long)hw,
                  (long long)sh[0], (long long)sh[1], best_ms(run_i, reps));
      std::printf(" | winograd(default T=%lld)", (long long)winograd_tiles_per_block(s));
      for (int64_t T : {16, 32, 48, 64}) {
        std::vector<float> scratch(static_cast<size_t>(winograd_scratch_floats(s, T, threads)));
        auto run_w = [&] {
          winograd_run(s, T, ww.data(), x.data(), b.data(), y.data(), relu, p, threads,
                       scratch.data());
        };
        run_i();
        std::printf(" T%lld %6.2f", (long long)T, best_ms(run_w, reps));
      }
      std::printf("\n");
      std::fflush(stdout);
    }
  }
  return 0;
}
