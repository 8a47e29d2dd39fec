// kernels/cast: every SIMD target against the scalar reference on all 65536 float16 patterns, on
// float32 values around every rounding boundary (ties, subnormals, overflow), on odd sizes
// (vector tails) and through a thread pool.
#include "kernels/cast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "base/half.h"
#include "elementwise_test_util.h"

namespace onyx::kernels {
namespace {

using testing::for_each_simd_target;

bool half_is_nan(uint16_t h) {
  return (h & 0x7c00u) == 0x7c00u && (h & 0x3ffu) != 0;
}

TEST(CastKernel, HalfToFloatAllPatterns) {
  std::vector<uint16_t> h(65536);
  for (size_t i = 0; i < h.size(); ++i) h[i] = static_cast<uint16_t>(i);
  std::vector<float> ref(h.size());
  reference::f16_to_f32(h.data(), ref.data(), static_cast<int64_t>(h.size()));
  EXPECT_EQ(ref[0x3c00], 1.0f);
  EXPECT_EQ(ref[0x0001], std::ldexp(1.0f, -24));
  for_each_simd_target([&] {
    for (int64_t n : {int64_t{65536}, int64_t{65535}, int64_t{13}, int64_t{1}}) {
      std::vector<float> out(h.size(), -7.0f);
      simd::f16_to_f32(h.data(), out.data(), n);
      for (int64_t i = 0; i < n; ++i)
        ASSERT_TRUE(out[i] == ref[i] || (std::isnan(out[i]) && std::isnan(ref[i])))
            << "pattern " << i << " n " << n;
      if (n < 65536) {
        ASSERT_EQ(out[n], -7.0f);  // nothing written past n
      }
    }
  });
}

TEST(CastKernel, FloatToHalfRoundingBoundaries) {
  // Every float16 value, the midpoints to its neighbour (ties) and the floats just around them.
  std::vector<float> x;
  for (uint32_t h = 0; h < 0x7c00u; ++h) {
    const float a = half_to_float(static_cast<uint16_t>(h));
    const float b = half_to_float(static_cast<uint16_t>(h + 1));
    const float mid = a + (b - a) / 2;
    for (float v : {a, mid, std::nextafter(mid, 0.0f), std::nextafter(mid, 1e9f)}) {
      x.push_back(v);
      x.push_back(-v);
    }
  }
  for (float v : {65504.0f, 65519.0f, 65520.0f, 1e10f, INFINITY, -INFINITY, NAN, 1e-10f, 0.0f})
    x.push_back(v);
  std::vector<uint16_t> ref(x.size());
  reference::f32_to_f16(x.data(), ref.data(), static_cast<int64_t>(x.size()));
  EXPECT_EQ(ref[x.size() - 6], 0x7c00u);  // 1e10 overflows to inf
  for_each_simd_target([&] {
    for (int64_t n : {static_cast<int64_t>(x.size()), int64_t{17}, int64_t{3}}) {
      std::vector<uint16_t> out(x.size(), 0xABCD);
      simd::f32_to_f16(x.data(), out.data(), n);
      for (int64_t i = 0; i < n; ++i)
        ASSERT_TRUE(out[i] == ref[i] || (half_is_nan(out[i]) && half_is_nan(ref[i])))
            << "value " << x[i] << " got " << out[i] << " want " << ref[i];
      if (n < static_cast<int64_t>(x.size())) {
        ASSERT_EQ(out[n], 0xABCD);
      }
    }
  });
}

TEST(CastKernel, ThreadedMatchesReference) {
  ThreadPool pool(2);
  std::vector<float> x(100003);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i) * 0.37f - 9000.0f;
  std::vector<uint16_t> h(x.size()), ref_h(x.size());
  f32_to_f16(x.data(), h.data(), static_cast<int64_t>(x.size()), &pool);
  reference::f32_to_f16(x.data(), ref_h.data(), static_cast<int64_t>(x.size()));
  EXPECT_EQ(h, ref_h);
  std::vector<float> back(x.size()), ref_back(x.size());
  f16_to_f32(h.data(), back.data(), static_cast<int64_t>(h.size()), &pool);
  reference::f16_to_f32(h.data(), ref_back.data(), static_cast<int64_t>(h.size()));
  EXPECT_EQ(back, ref_back);
}

}  // namespace
}  // namespace onyx::kernels
