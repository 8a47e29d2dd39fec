// Splitting elementwise work over an optional ThreadPool. Shared by the unary, binary and softmax
// kernels so that tiny tensors stay on the calling thread.
#pragma once

#include <cstdint>

#include "base/thread_pool.h"

namespace onyx::kernels {

// Minimum elements per task for cheap elementwise ops (add, relu): below about this many a thread
// hand-off costs more than the work.
constexpr int64_t kElementwiseGrain = 32768;
// Minimum elements per task for transcendental ops (sigmoid, exp in softmax).
constexpr int64_t kTranscendentalGrain = 8192;

// Calls fn(begin, end) over [0, n): inline when `pool` is null or n <= grain, else split over the
// pool in ranges of at least `grain` items.
template <class Fn>
void parallel_ranges(ThreadPool* pool, int64_t n, int64_t grain, Fn&& fn) {
  if (n <= 0) return;
  if (pool == nullptr || pool->num_threads() == 1 || n <= grain) {
    fn(int64_t{0}, n);
    return;
  }
  pool->parallel_for(n, grain, [&fn](int64_t begin, int64_t end) { fn(begin, end); });
}

}  // namespace onyx::kernels
