// Internal: a PoolShape viewed as exactly 3 spatial dims (leading dims of size 1, kernel 1,
// stride 1, dilation 1, no pads), the (n, c) plane splitter the pooling kernels share, and the
// per-window reference computations (bounds checked per element; the fast paths use them for
// border windows).
#pragma once

#include <algorithm>
#include <functional>
#include <limits>

#include "kernels/pool.h"

namespace onyx::kernels::detail {

struct Geo {
  int64_t in[3], kernel[3], out[3], stride[3], dilation[3], pb[3], pe[3];
  int rank;
};

inline Geo to_geo(const PoolShape& s) {
  Geo g;
  g.rank = s.spatial_rank;
  const int lead = kPoolMaxSpatialRank - s.spatial_rank;
  for (int d = 0; d < 3; ++d) {
    if (d < lead) {
      g.in[d] = g.kernel[d] = g.out[d] = g.stride[d] = g.dilation[d] = 1;
      g.pb[d] = g.pe[d] = 0;
    } else {
      const int i = d - lead;
      g.in[d] = s.in[i];
      g.kernel[d] = s.kernel[i];
      g.out[d] = s.out[i];
      g.stride[d] = s.stride[i];
      g.dilation[d] = s.dilation[i];
      g.pb[d] = s.pad_begin[i];
      g.pe[d] = s.pad_end[i];
    }
  }
  return g;
}

inline void for_planes(ThreadPool* pool, int64_t planes, int64_t work_per_plane,
                       const std::function<void(int64_t, int64_t)>& fn) {
  if (pool && planes > 1)
    pool->parallel_for(planes, std::max<int64_t>(1, 16384 / std::max<int64_t>(1, work_per_plane)),
                       fn);
  else
    fn(0, planes);
}

// Calls fn(x, i0, i1, i2) for each in-bounds element x of plane xp's window at output
// (o0, o1, o2), in (k0, k1, k2) order; (i0, i1, i2) is its input position.
template <class T, class Fn>
void for_window_elements(const Geo& g, const T* xp, int64_t o0, int64_t o1, int64_t o2, Fn&& fn) {
  for (int64_t k0 = 0; k0 < g.kernel[0]; ++k0) {
    const int64_t i0 = o0 * g.stride[0] - g.pb[0] + k0 * g.dilation[0];
    if (i0 < 0 || i0 >= g.in[0]) continue;
    for (int64_t k1 = 0; k1 < g.kernel[1]; ++k1) {
      const int64_t i1 = o1 * g.stride[1] - g.pb[1] + k1 * g.dilation[1];
      if (i1 < 0 || i1 >= g.in[1]) continue;
      const T* row = xp + (i0 * g.in[1] + i1) * g.in[2];
      for (int64_t k2 = 0; k2 < g.kernel[2]; ++k2) {
        const int64_t i2 = o2 * g.stride[2] - g.pb[2] + k2 * g.dilation[2];
        if (i2 < 0 || i2 >= g.in[2]) continue;
        fn(row[i2], i0, i1, i2);
      }
    }
  }
}

// Max over the in-bounds elements of plane xp's window at output (o0, o1, o2), in (k0, k1, k2)
// order: the first in-bounds element starts, a later one replaces it only when greater (so NaN
// wins only when first). at: the max's (d, h, w), at[0] = -1 when no element is in bounds (then
// the result is -inf, or the lowest value for types without infinity).
template <class T>
T max_window(const Geo& g, const T* xp, int64_t o0, int64_t o1, int64_t o2, int64_t at[3]) {
  T best = std::numeric_limits<T>::has_infinity ? -std::numeric_limits<T>::infinity()
                                                : std::numeric_limits<T>::lowest();
  at[0] = -1;
  at[1] = at[2] = 0;
  for_window_elements(g, xp, o0, o1, o2, [&](T x, int64_t i0, int64_t i1, int64_t i2) {
    if (x > best || at[0] < 0) {
      best = x;
      at[0] = i0;
      at[1] = i1;
      at[2] = i2;
    }
  });
  return best;
}

// Window positions of output index o along dim d that lie inside the padded input
// [-pad_begin, in + pad_end) (the count_include_pad divisor is the product over the dims).
inline int64_t padded_window_count(const Geo& g, int d, int64_t o) {
  int64_t n = 0;
  for (int64_t k = 0; k < g.kernel[d]; ++k) {
    const int64_t i = o * g.stride[d] - g.pb[d] + k * g.dilation[d];
    n += (i >= -g.pb[d] && i < g.in[d] + g.pe[d]) ? 1 : 0;
  }
  return n;
}

// Average of plane xp's window at output (o0, o1, o2): the in-bounds elements summed in double in
// (k0, k1, k2) order, divided by their count, or with count_include_pad by the padded count
// (0 when the divisor is 0).
inline float average_window(const Geo& g, const float* xp, int64_t o0, int64_t o1, int64_t o2,
                            bool count_include_pad) {
  double sum = 0;
  int64_t count = 0;
  for_window_elements(g, xp, o0, o1, o2, [&](float x, int64_t, int64_t, int64_t) {
    sum += x;
    ++count;
  });
  const int64_t divisor = count_include_pad
                              ? padded_window_count(g, 0, o0) * padded_window_count(g, 1, o1) *
                                    padded_window_count(g, 2, o2)
                              : count;
  return divisor > 0 ? static_cast<float>(sum / static_cast<double>(divisor)) : 0.0f;
}

}  // namespace onyx::kernels::detail
