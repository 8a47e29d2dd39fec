// Internal: a PoolShape viewed as exactly 3 spatial dims (leading dims of size 1, kernel 1,
// stride 1, dilation 1, no pads), and the (n, c) plane splitter the pooling kernels share.
#pragma once

#include <algorithm>
#include <functional>

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

}  // namespace onyx::kernels::detail
