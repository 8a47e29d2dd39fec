// Pooling: the fast paths (simd::) vs the reference loops over strides, kernels, dilations,
// asymmetric pads, ceil-mode outputs, odd widths and NaN; the entry points' other element types
// and the reference itself on hand-computed cases.
#include "kernels/pool.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

namespace onyx::kernels {
namespace {

struct Case {
  std::vector<int64_t> in, kernel, stride, dilation, pb, pe;
  bool ceil_mode = false;
};

PoolShape make_shape(const Case& c, int64_t batch = 2, int64_t channels = 3) {
  PoolShape s;
  s.batch = batch;
  s.channels = channels;
  s.spatial_rank = static_cast<int>(c.in.size());
  for (int d = 0; d < s.spatial_rank; ++d) {
    s.in[d] = c.in[d];
    s.kernel[d] = c.kernel[d];
    s.stride[d] = c.stride[d];
    s.dilation[d] = c.dilation[d];
    s.pad_begin[d] = c.pb[d];
    s.pad_end[d] = c.pe[d];
    const int64_t span = c.in[d] + c.pb[d] + c.pe[d] - ((c.kernel[d] - 1) * c.dilation[d] + 1);
    s.out[d] = (c.ceil_mode ? (span + c.stride[d] - 1) / c.stride[d] : span / c.stride[d]) + 1;
  }
  return s;
}

int64_t numel(const PoolShape& s, bool out) {
  int64_t n = s.batch * s.channels;
  for (int d = 0; d < s.spatial_rank; ++d) n *= out ? s.out[d] : s.in[d];
  return n;
}

std::vector<float> random_input(const PoolShape& s, uint32_t seed, bool with_nan) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> x(static_cast<size_t>(numel(s, false)));
  for (float& v : x) v = u(rng);
  if (with_nan)
    for (size_t i = 2; i < x.size(); i += 29) x[i] = NAN;
  return x;
}

bool same(float a, float b) {
  return std::isnan(a) ? std::isnan(b) : a == b;
}

void check_case(const Case& c, bool with_nan) {
  const PoolShape s = make_shape(c);
  const std::vector<float> x =
      random_input(s, static_cast<uint32_t>(s.in[0] * 7 + s.kernel[0]), with_nan);
  const size_t ny = static_cast<size_t>(numel(s, true));
  SCOPED_TRACE(testing::Message() << "rank " << s.spatial_rank << " in " << s.in[0] << "x"
                                  << s.in[1] << " k " << s.kernel[0] << "x" << s.kernel[1] << " s "
                                  << s.stride[0] << "," << s.stride[1] << " d " << s.dilation[0]
                                  << "," << s.dilation[1] << " pads " << s.pad_begin[0] << ","
                                  << s.pad_begin[1] << "," << s.pad_end[0] << "," << s.pad_end[1]
                                  << " nan " << with_nan);
  std::vector<float> ref(ny, 5.0f), fast(ny, -5.0f);
  reference::max_pool(s, x.data(), ref.data(), nullptr, false, nullptr);
  simd::max_pool(s, x.data(), fast.data(), nullptr);
  for (size_t i = 0; i < ny; ++i) ASSERT_TRUE(same(fast[i], ref[i])) << "max at " << i;
  for (bool cip : {false, true}) {
    reference::average_pool(s, x.data(), ref.data(), cip, nullptr);
    simd::average_pool(s, x.data(), fast.data(), cip, nullptr);
    for (size_t i = 0; i < ny; ++i)
      ASSERT_TRUE(std::isnan(ref[i])
                      ? std::isnan(fast[i])
                      : std::fabs(fast[i] - ref[i]) <= 2e-6f * (1 + std::fabs(ref[i])))
          << "average (count_include_pad " << cip << ") at " << i << ": " << fast[i] << " vs "
          << ref[i];
  }
}

TEST(Pool, Simd2dMatchesReferenceOverGeometry) {
  for (int64_t k = 1; k <= 7; ++k)
    for (int64_t st = 1; st <= 3; ++st)
      for (int64_t w : {1, 5, 8, 13, 31, 40}) {
        const int64_t p = std::min<int64_t>(k / 2, 2);
        if (w + 2 * p < k) continue;
        check_case({{9, w}, {k, k}, {st, st}, {1, 1}, {p, p}, {p, p}}, false);
      }
}

TEST(Pool, DilationsAsymmetricPadsCeilModeAndNaN) {
  for (bool nan : {false, true}) {
    check_case({{12, 37}, {3, 3}, {2, 2}, {1, 1}, {1, 1}, {1, 1}}, nan);  // resnet's MaxPool
    check_case({{13, 29}, {3, 3}, {2, 2}, {1, 1}, {0, 0}, {0, 0}, true}, nan);
    check_case({{15, 33}, {3, 2}, {1, 2}, {2, 3}, {2, 0}, {0, 1}}, nan);
    check_case({{11, 26}, {2, 5}, {2, 1}, {1, 2}, {0, 3}, {1, 0}, true}, nan);
    check_case({{10, 20}, {7, 7}, {1, 2}, {1, 1}, {3, 3}, {3, 3}}, nan);
  }
  check_case({{1, 2}, {1, 1}, {1, 1}, {1, 1}, {0, 0}, {0, 0}}, false);
}

TEST(Pool, Simd1dAnd3dMatchReference) {
  check_case({{45}, {3}, {2}, {1}, {1}, {1}}, true);
  check_case({{30}, {4}, {1}, {2}, {0}, {3}, true}, false);
  check_case({{4, 5, 19}, {2, 3, 3}, {1, 2, 2}, {1, 1, 1}, {0, 1, 1}, {1, 1, 1}}, true);
}

TEST(Pool, GlobalPoolsMatchReference) {
  for (int64_t size : {0, 1, 7, 8, 31, 49, 64, 197, 3136}) {
    const int64_t planes = 5;
    std::mt19937 rng(static_cast<uint32_t>(size));
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    std::vector<float> x(static_cast<size_t>(planes * size));
    for (float& v : x) v = u(rng);
    if (size > 3) x[3] = NAN;  // plane 0: global max ignores NaN, global average gives NaN
    std::vector<float> ref(planes), fast(planes);
    reference::global_max_pool(planes, size, x.data(), ref.data(), nullptr);
    simd::global_max_pool(planes, size, x.data(), fast.data(), nullptr);
    for (int64_t p = 0; p < planes; ++p) EXPECT_TRUE(same(fast[p], ref[p])) << size << " " << p;
    reference::global_average_pool(planes, size, x.data(), ref.data(), nullptr);
    simd::global_average_pool(planes, size, x.data(), fast.data(), nullptr);
    for (int64_t p = 0; p < planes; ++p)
      EXPECT_TRUE(std::isnan(ref[p]) ? std::isnan(fast[p]) : std::fabs(fast[p] - ref[p]) <= 1e-6f)
          << size << " " << p << ": " << fast[p] << " vs " << ref[p];
  }
}

TEST(Pool, ReferenceHandComputed) {
  // 1x1x3x4, kernel 2x2, stride 2, pads (1, 1, 0, 0): windows hold 1, 2-3, 5, 6-7 / 9, ...
  const Case c{{3, 4}, {2, 2}, {2, 2}, {1, 1}, {1, 1}, {0, 0}};
  const PoolShape s = make_shape(c, 1, 1);
  ASSERT_EQ(s.out[0], 2);
  ASSERT_EQ(s.out[1], 2);
  const std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  std::vector<float> y(4);
  std::vector<int64_t> idx(4);
  max_pool<float>(s, x.data(), y.data(), idx.data(), false, nullptr);
  EXPECT_EQ(y, (std::vector<float>{1, 3, 9, 11}));
  EXPECT_EQ(idx, (std::vector<int64_t>{0, 2, 8, 10}));
  average_pool(s, x.data(), y.data(), false, nullptr);
  EXPECT_EQ(y, (std::vector<float>{1, 2.5f, 7, 8.5f}));
  average_pool(s, x.data(), y.data(), true, nullptr);
  EXPECT_EQ(y, (std::vector<float>{0.25f, 1.25f, 3.5f, 8.5f}));
}

TEST(Pool, OtherElementTypesUseTheReference) {
  const Case c{{7, 9}, {3, 3}, {2, 2}, {1, 1}, {1, 1}, {1, 1}};
  const PoolShape s = make_shape(c);
  const std::vector<float> xf = random_input(s, 3, false);
  std::vector<int8_t> x8(xf.size());
  std::vector<double> xd(xf.size());
  for (size_t i = 0; i < xf.size(); ++i) {
    x8[i] = static_cast<int8_t>(xf[i] * 100);
    xd[i] = xf[i];
  }
  const size_t ny = static_cast<size_t>(numel(s, true));
  std::vector<int8_t> y8(ny);
  std::vector<double> yd(ny);
  std::vector<float> yf(ny);
  max_pool<int8_t>(s, x8.data(), y8.data(), nullptr, false, nullptr);
  max_pool<double>(s, xd.data(), yd.data(), nullptr, false, nullptr);
  max_pool<float>(s, xf.data(), yf.data(), nullptr, false, nullptr);
  for (size_t i = 0; i < ny; ++i) {
    EXPECT_EQ(yd[i], static_cast<double>(yf[i]));
    EXPECT_EQ(y8[i], static_cast<int8_t>(yf[i] * 100));
  }
}

}  // namespace
}  // namespace onyx::kernels
