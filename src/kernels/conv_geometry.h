// Internal: a ConvShape viewed as exactly 3 spatial dims (leading dims of size 1, kernel 1,
// stride 1, dilation 1, pad 0) so loops are written once for 1-D, 2-D and 3-D.
#pragma once

#include "kernels/conv.h"

namespace onyx::kernels::detail {

struct Geometry3 {
  int64_t in[3], kernel[3], out[3], stride[3], dilation[3], pad[3];
  int64_t in_plane() const { return in[0] * in[1] * in[2]; }
  int64_t out_plane() const { return out[0] * out[1] * out[2]; }
  int64_t kernel_size() const { return kernel[0] * kernel[1] * kernel[2]; }
};

inline Geometry3 to_geometry3(const ConvShape& s) {
  Geometry3 g;
  const int lead = kConvMaxSpatialRank - s.spatial_rank;
  for (int d = 0; d < 3; ++d) {
    if (d < lead) {
      g.in[d] = g.kernel[d] = g.out[d] = g.stride[d] = g.dilation[d] = 1;
      g.pad[d] = 0;
    } else {
      const int i = d - lead;
      g.in[d] = s.in[i];
      g.kernel[d] = s.kernel[i];
      g.out[d] = s.out[i];
      g.stride[d] = s.stride[i];
      g.dilation[d] = s.dilation[i];
      g.pad[d] = s.pad_begin[i];
    }
  }
  return g;
}

}  // namespace onyx::kernels::detail
