// im2col_pack_panels (row copies without per-element bounds checks) vs its reference: identical
// panels for strides 1-3, pads on either side, dilations, 1-D / 2-D / 3-D, pixel ranges starting
// mid-row and mid-panel, partial last panels and several panel widths.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "kernels/conv.h"
#include "kernels/gemm.h"

namespace onyx::kernels {
namespace {

struct Geo {
  std::vector<int64_t> in, kernel, stride, dilation, pad_begin, pad_end;
};

ConvShape make(const Geo& g, int64_t channels) {
  ConvShape s;
  s.in_channels = channels;
  s.out_channels = 1;
  s.spatial_rank = static_cast<int>(g.in.size());
  for (int d = 0; d < s.spatial_rank; ++d) {
    s.in[d] = g.in[d];
    s.kernel[d] = g.kernel[d];
    s.stride[d] = g.stride[d];
    s.dilation[d] = g.dilation[d];
    s.pad_begin[d] = g.pad_begin[d];
    const int64_t span = (g.kernel[d] - 1) * g.dilation[d] + 1;
    s.out[d] = (g.in[d] + g.pad_begin[d] + g.pad_end[d] - span) / g.stride[d] + 1;
  }
  return s;
}

TEST(Im2colPack, MatchesReference) {
  const Geo geos[] = {
      {{9, 11}, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {1, 1}},
      {{224, 30}, {7, 7}, {2, 2}, {1, 1}, {3, 3}, {3, 3}},
      {{15, 22}, {3, 3}, {2, 2}, {1, 1}, {1, 1}, {1, 1}},
      {{15, 22}, {3, 3}, {2, 2}, {1, 1}, {0, 0}, {1, 1}},
      {{13, 12}, {5, 5}, {3, 2}, {2, 1}, {4, 2}, {3, 2}},
      {{14, 14}, {1, 1}, {2, 2}, {1, 1}, {0, 0}, {0, 0}},
      {{9, 9}, {1, 1}, {2, 3}, {1, 1}, {1, 2}, {1, 0}},
      {{10, 7}, {3, 2}, {2, 1}, {1, 2}, {1, 0}, {2, 1}},
      {{6, 40}, {2, 9}, {1, 3}, {1, 1}, {0, 4}, {0, 4}},
      {{17}, {3}, {2}, {2}, {1}, {2}},
      {{33}, {4}, {3}, {1}, {5}, {0}},
      {{5, 6, 7}, {2, 3, 2}, {1, 2, 1}, {2, 1, 1}, {1, 1, 0}, {0, 1, 1}},
  };
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (const Geo& geo : geos)
    for (int64_t channels : {1, 3}) {
      const ConvShape s = make(geo, channels);
      int64_t in_plane = 1, pixels = 1, ksize = 1;
      for (int d = 0; d < s.spatial_rank; ++d) {
        in_plane *= s.in[d];
        pixels *= s.out[d];
        ksize *= s.kernel[d];
      }
      std::vector<float> x(static_cast<size_t>(channels * in_plane));
      for (float& v : x) v = dist(rng);
      const int64_t k = channels * ksize;
      for (int panel : {gemm_tile().nr, 8, 5})
        for (int64_t p0 : {int64_t{0}, int64_t{3}, pixels / 2}) {
          const int64_t np = pixels - p0;
          if (np <= 0) continue;
          std::vector<float> got(static_cast<size_t>(packed_floats(np, k, panel)), 9.0f);
          std::vector<float> expect(got.size(), -9.0f);
          im2col_pack_panels(s, x.data(), channels, p0, np, panel, got.data());
          im2col_pack_panels_reference(s, x.data(), channels, p0, np, panel, expect.data());
          ASSERT_EQ(got, expect) << "rank " << s.spatial_rank << " in " << s.in[0] << " stride "
                                 << s.stride[0] << " channels " << channels << " panel " << panel
                                 << " p0 " << p0;
        }
    }
}

}  // namespace
}  // namespace onyx::kernels
