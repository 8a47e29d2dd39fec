// ArgMax / ArgMin over [outer, n, inner] (scalar; threaded over outer). See kernels/reduce.h.
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "base/half.h"
#include "kernels/elementwise_parallel.h"
#include "kernels/reduce.h"

namespace onyx::kernels {
namespace {

template <class T>
auto comparable(T v) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>)
    return to_float(v);
  else
    return v;
}

template <class V>
bool is_nan(V v) {
  if constexpr (std::is_floating_point_v<V>)
    return std::isnan(v);
  else
    return false;
}

// Index of the best element of one column. A NaN is better than any number and ties with
// another NaN, so the first (or with select_last the last) NaN wins, as numpy does.
template <class T>
int64_t arg_of_column(bool is_max, bool select_last, const T* col, int64_t n, int64_t stride) {
  auto best = comparable(col[0]);
  int64_t best_k = 0;
  for (int64_t k = 1; k < n; ++k) {
    const auto v = comparable(col[k * stride]);
    bool take;
    if (is_nan(best))
      take = select_last && is_nan(v);
    else if (is_nan(v))
      take = true;
    else
      take = is_max ? (v > best || (select_last && v == best))
                    : (v < best || (select_last && v == best));
    if (take) {
      best = v;
      best_k = k;
    }
  }
  return best_k;
}

}  // namespace

template <class T>
void arg_reduce(bool is_max, bool select_last, const T* x, int64_t* y, ReduceShape s,
                ThreadPool* pool) {
  if (s.outer <= 0 || s.inner <= 0 || s.n <= 0) return;
  const int64_t grain =
      std::max<int64_t>(1, kElementwiseGrain / std::max<int64_t>(1, s.n * s.inner));
  parallel_ranges(pool, s.outer, grain, [&](int64_t o0, int64_t o1) {
    for (int64_t o = o0; o < o1; ++o)
      for (int64_t i = 0; i < s.inner; ++i)
        y[o * s.inner + i] =
            arg_of_column(is_max, select_last, x + o * s.n * s.inner + i, s.n, s.inner);
  });
}

#define ONYX_ARG_REDUCE_INSTANTIATE(T) \
  template void arg_reduce<T>(bool, bool, const T*, int64_t*, ReduceShape, ThreadPool*);
ONYX_ARG_REDUCE_INSTANTIATE(float)
ONYX_ARG_REDUCE_INSTANTIATE(double)
ONYX_ARG_REDUCE_INSTANTIATE(Float16)
ONYX_ARG_REDUCE_INSTANTIATE(BFloat16)
ONYX_ARG_REDUCE_INSTANTIATE(int8_t)
ONYX_ARG_REDUCE_INSTANTIATE(int16_t)
ONYX_ARG_REDUCE_INSTANTIATE(int32_t)
ONYX_ARG_REDUCE_INSTANTIATE(int64_t)
ONYX_ARG_REDUCE_INSTANTIATE(uint8_t)
ONYX_ARG_REDUCE_INSTANTIATE(uint16_t)
ONYX_ARG_REDUCE_INSTANTIATE(uint32_t)
ONYX_ARG_REDUCE_INSTANTIATE(uint64_t)

}  // namespace onyx::kernels
