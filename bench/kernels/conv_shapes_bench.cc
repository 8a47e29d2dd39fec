// Per-shape convolution time of every applicable algorithm and of ConvPlan::create's choice, at
// 1 thread (thread CPU time) and 2 threads (wall), min of `reps` interleaved runs, in ms. Shapes:
// the non-depthwise convs of resnet50, squeezenet1_1 and superres. Build (no CMake target):
//   g++ -O3 -std=c++20 -I include -I src bench/kernels/conv_shapes_bench.cc -L<build>
//       -lonyx_kernels -lonyx_base -lhwy -lpthread -o /tmp/conv_shapes_bench
// Usage: conv_shapes_bench [reps] [model substring] [threads: 1 or 2, 0 = both]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "kernels/conv.h"

using namespace onyx;
using namespace onyx::kernels;

namespace {
struct S {
  const char* model;
  int64_t cin, cout, hw, k, s, p;
};
const S kShapes[] = {
    {"resnet50", 3, 64, 224, 7, 2, 3},         {"resnet50", 64, 64, 56, 1, 1, 0},
    {"resnet50", 64, 64, 56, 3, 1, 1},         {"resnet50", 64, 256, 56, 1, 1, 0},
    {"resnet50", 256, 64, 56, 1, 1, 0},        {"resnet50", 256, 128, 56, 1, 1, 0},
    {"resnet50", 128, 128, 56, 3, 2, 1},       {"resnet50", 128, 512, 28, 1, 1, 0},
    {"resnet50", 256, 512, 56, 1, 2, 0},       {"resnet50", 512, 128, 28, 1, 1, 0},
    {"resnet50", 128, 128, 28, 3, 1, 1},       {"resnet50", 512, 256, 28, 1, 1, 0},
    {"resnet50", 256, 256, 28, 3, 2, 1},       {"resnet50", 256, 1024, 14, 1, 1, 0},
    {"resnet50", 512, 1024, 28, 1, 2, 0},      {"resnet50", 1024, 256, 14, 1, 1, 0},
    {"resnet50", 256, 256, 14, 3, 1, 1},       {"resnet50", 1024, 512, 14, 1, 1, 0},
    {"resnet50", 512, 512, 14, 3, 2, 1},       {"resnet50", 512, 2048, 7, 1, 1, 0},
    {"resnet50", 1024, 2048, 14, 1, 2, 0},     {"resnet50", 2048, 512, 7, 1, 1, 0},
    {"resnet50", 512, 512, 7, 3, 1, 1},        {"squeezenet1_1", 3, 64, 224, 3, 2, 0},
    {"squeezenet1_1", 64, 16, 55, 1, 1, 0},    {"squeezenet1_1", 16, 64, 55, 1, 1, 0},
    {"squeezenet1_1", 16, 64, 55, 3, 1, 1},    {"squeezenet1_1", 128, 16, 55, 1, 1, 0},
    {"squeezenet1_1", 128, 32, 27, 1, 1, 0},   {"squeezenet1_1", 32, 128, 27, 1, 1, 0},
    {"squeezenet1_1", 32, 128, 27, 3, 1, 1},   {"squeezenet1_1", 256, 32, 27, 1, 1, 0},
    {"squeezenet1_1", 256, 48, 13, 1, 1, 0},   {"squeezenet1_1", 48, 192, 13, 1, 1, 0},
    {"squeezenet1_1", 48, 192, 13, 3, 1, 1},   {"squeezenet1_1", 384, 48, 13, 1, 1, 0},
    {"squeezenet1_1", 384, 64, 13, 1, 1, 0},   {"squeezenet1_1", 64, 256, 13, 1, 1, 0},
    {"squeezenet1_1", 64, 256, 13, 3, 1, 1},   {"squeezenet1_1", 512, 64, 13, 1, 1, 0},
    {"squeezenet1_1", 512, 1000, 13, 1, 1, 0}, {"superres", 1, 64, 224, 5, 1, 2},
    {"superres", 64, 64, 224, 3, 1, 1},        {"superres", 64, 32, 224, 3, 1, 1},
    {"superres", 32, 9, 224, 3, 1, 1},
};

double now_ms(bool cpu) {
  timespec ts;
  clock_gettime(cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}
}  // namespace

int main(int argc, char** argv) {
  const int reps = argc > 1 ? std::atoi(argv[1]) : 5;
  const char* filter = argc > 2 ? argv[2] : "";
  const int only_threads = argc > 3 ? std::atoi(argv[3]) : 0;
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(-0.1f, 0.1f);
  const ConvActivation relu{Activation::kRelu, 0, 0};
  for (const S& sh : kShapes) {
    if (*filter && !std::strstr(sh.model, filter)) continue;
    ConvShape s;
    s.in_channels = sh.cin;
    s.out_channels = sh.cout;
    for (int d = 0; d < 2; ++d) {
      s.in[d] = sh.hw;
      s.kernel[d] = sh.k;
      s.stride[d] = sh.s;
      s.dilation[d] = 1;
      s.pad_begin[d] = sh.p;
      s.out[d] = (sh.hw + 2 * sh.p - sh.k) / sh.s + 1;
    }
    const double gflop = 2.0 * sh.cin * sh.cout * sh.k * sh.k * s.out[0] * s.out[1] * 1e-9;
    std::vector<float> x(sh.cin * sh.hw * sh.hw), w(sh.cout * sh.cin * sh.k * sh.k), b(sh.cout),
        y(sh.cout * s.out[0] * s.out[1]);
    for (float& v : x) v = dist(rng);
    for (float& v : w) v = dist(rng);
    std::printf("%-14s %4lld->%4lld %3lld k%lld s%lld %5.3fGF", sh.model, (long long)sh.cin,
                (long long)sh.cout, (long long)sh.hw, (long long)sh.k, (long long)sh.s, gflop);
    for (int threads : {1, 2}) {
      if (only_threads && threads != only_threads) continue;
      ThreadPool pool(threads);
      ThreadPool* p = threads > 1 ? &pool : nullptr;
      std::vector<ConvPlan> plans;
      for (auto a : {ConvPlan::Algorithm::kPointwise, ConvPlan::Algorithm::kIm2col,
                     ConvPlan::Algorithm::kWinograd}) {
        if (!ConvPlan::applicable(s, a)) continue;
        plans.push_back(ConvPlan::create_forced(s, threads, a));
      }
      plans.push_back(ConvPlan::create(s, threads));
      std::vector<std::vector<float>> scratch;
      for (auto& pl : plans) {
        pl.pack_weights(w.data());
        scratch.emplace_back(pl.scratch_bytes() / 4 + 16);
      }
      std::vector<double> best(plans.size(), 1e30);
      for (int r = 0; r < reps; ++r)
        for (size_t i = 0; i < plans.size(); ++i) {
          const double t0 = now_ms(threads == 1);
          plans[i].run(x.data(), w.data(), b.data(), y.data(), relu, p, scratch[i].data());
          best[i] = std::min(best[i], now_ms(threads == 1) - t0);
        }
      std::printf(" | t%d", threads);
      for (size_t i = 0; i + 1 < plans.size(); ++i)
        std::printf(" %s %.3f", plans[i].algorithm_name(), best[i]);
      std::printf(" -> %s %.3fms %.0fGF/s", plans.back().algorithm_name(), best.back(),
                  gflop / best.back() * 1e3);
    }
    std::printf("\n");
    std::fflush(stdout);
  }
  return 0;
}
