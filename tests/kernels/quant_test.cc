// kernels/quant and kernels/gemm_int: every SIMD target against the scalar reference on rounding
// ties, saturation, NaN, odd sizes (vector tails) and a thread pool; the integer GEMM and
// convolution against plain loops.
#include "kernels/quant.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "base/thread_pool.h"
#include "elementwise_test_util.h"
#include "kernels/gemm_int.h"

namespace onyx::kernels {
namespace {

using testing::for_each_simd_target;

std::vector<float> quant_inputs() {
  // Ties at +-0.5, +-1.5, +-2.5 (of the 0.5 scale: x = 0.25, 0.75, ...), saturation, NaN, inf.
  std::vector<float> x = {0.25f,    0.75f,     1.25f,
                          -0.25f,   -0.75f,    -1.25f,
                          1000.0f,  -1000.0f,  std::numeric_limits<float>::quiet_NaN(),
                          INFINITY, -INFINITY, 0.0f};
  std::vector<float> r = testing::random_floats(301, -80.0f, 80.0f, 7);
  x.insert(x.end(), r.begin(), r.end());
  return x;
}

TEST(QuantKernel, ReferenceRoundsHalfToEvenAndSaturates) {
  const std::vector<float> x = {0.25f, 0.75f, -0.25f, -0.75f, 1000.0f, -1000.0f};
  std::vector<uint8_t> u(x.size());
  reference::quantize_f32(x.data(), u.data(), 6, 0.5f, 10);
  EXPECT_EQ(u, (std::vector<uint8_t>{10, 12, 10, 8, 255, 0}));
  std::vector<int8_t> s(x.size());
  reference::quantize_f32(x.data(), s.data(), 6, 0.5f, 0);
  EXPECT_EQ(s, (std::vector<int8_t>{0, 2, 0, -2, 127, -128}));
  std::vector<float> back(2);
  const std::vector<uint8_t> q = {0, 255};
  reference::dequantize_f32(q.data(), back.data(), 2, 0.5f, 128);
  EXPECT_EQ(back, (std::vector<float>{-64.0f, 63.5f}));
}

template <class T>
void check_simd_matches_reference(int32_t zero_point) {
  const std::vector<float> x = quant_inputs();
  const auto n = static_cast<int64_t>(x.size());
  std::vector<T> ref(x.size());
  reference::quantize_f32(x.data(), ref.data(), n, 0.5f, zero_point);
  std::vector<float> ref_back(x.size());
  reference::dequantize_f32(ref.data(), ref_back.data(), n, 0.37f, zero_point);
  for_each_simd_target([&] {
    for (int64_t len : {n, n - 1, int64_t{7}, int64_t{1}}) {
      std::vector<T> got(x.size(), T(3));
      simd::quantize_f32(x.data(), got.data(), len, 0.5f, zero_point);
      for (int64_t i = 0; i < len; ++i) ASSERT_EQ(got[i], ref[i]) << "x " << x[i] << " i " << i;
      if (len < n) {
        ASSERT_EQ(got[len], T(3));
      }
      std::vector<float> back(x.size(), -7.0f);
      simd::dequantize_f32(ref.data(), back.data(), len, 0.37f, zero_point);
      for (int64_t i = 0; i < len; ++i) ASSERT_EQ(back[i], ref_back[i]) << "i " << i;
      if (len < n) {
        ASSERT_EQ(back[len], -7.0f);
      }
    }
  });
}

TEST(QuantKernel, SimdMatchesReferenceUInt8) {
  check_simd_matches_reference<uint8_t>(100);
}
TEST(QuantKernel, SimdMatchesReferenceInt8) {
  check_simd_matches_reference<int8_t>(-3);
}

TEST(QuantKernel, ThreadedMatchesReference) {
  std::vector<float> x = testing::random_floats(100003, -300.0f, 300.0f, 3);
  const auto n = static_cast<int64_t>(x.size());
  std::vector<int8_t> ref(x.size()), got(x.size());
  reference::quantize_f32(x.data(), ref.data(), n, 2.0f, 5);
  ThreadPool pool(2);
  quantize_f32(x.data(), got.data(), n, 2.0f, 5, &pool);
  EXPECT_EQ(got, ref);
}

TEST(GemmIntKernel, MatchesPlainLoopWithZeroPoints) {
  std::mt19937 rng(11);
  const int64_t M = 5, N = 7, K = 300;  // K spans two blocks
  std::vector<uint8_t> a(static_cast<size_t>(M * K));
  std::vector<int8_t> b(static_cast<size_t>(K * N));
  for (auto& v : a) v = static_cast<uint8_t>(rng() % 256);
  for (auto& v : b) v = static_cast<int8_t>(static_cast<int>(rng() % 256) - 128);
  std::vector<int32_t> az = {0, 1, 128, 255, 7}, bz = {0, -1, 5, -128, 127, 3, 9};
  std::vector<int32_t> c(static_cast<size_t>(M * N), -1);
  ThreadPool pool(2);
  gemm_int<uint8_t, int8_t>(M, N, K, a.data(), K, az.data(), b.data(), N, bz.data(), c.data(), N,
                            &pool);
  for (int64_t m = 0; m < M; ++m)
    for (int64_t n = 0; n < N; ++n) {
      int64_t want = 0;
      for (int64_t k = 0; k < K; ++k) want += (a[m * K + k] - az[m]) * (b[k * N + n] - bz[n]);
      ASSERT_EQ(c[m * N + n], want) << m << "," << n;
    }
}

TEST(GemmIntKernel, ConvPadsWithZeroPoint) {
  // 1 image, 2 channels, 3x3, 2x2 kernel, pad 1, stride 2, 2 groups.
  ConvShape s;
  s.in_channels = 2;
  s.out_channels = 2;
  s.groups = 2;
  s.spatial_rank = 2;
  for (int d = 0; d < 2; ++d) {
    s.in[d] = 3;
    s.kernel[d] = 2;
    s.stride[d] = 2;
    s.dilation[d] = 1;
    s.pad_begin[d] = 1;
    s.out[d] = 2;
  }
  std::vector<uint8_t> x(18);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<uint8_t>(10 + i);
  const std::vector<uint8_t> w = {1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<int32_t> wz = {1, 0};
  const int32_t xz = 10;
  std::vector<uint8_t> col(conv_int_scratch(s));
  std::vector<int32_t> y(8);
  conv_int<uint8_t, uint8_t>(s, x.data(), xz, w.data(), wz.data(), y.data(), col.data());
  for (int m = 0; m < 2; ++m)
    for (int o0 = 0; o0 < 2; ++o0)
      for (int o1 = 0; o1 < 2; ++o1) {
        int32_t want = 0;
        for (int k0 = 0; k0 < 2; ++k0)
          for (int k1 = 0; k1 < 2; ++k1) {
            const int i0 = o0 * 2 - 1 + k0, i1 = o1 * 2 - 1 + k1;
            if (i0 < 0 || i0 >= 3 || i1 < 0 || i1 >= 3) continue;
            want += (w[m * 4 + k0 * 2 + k1] - wz[m]) * (x[m * 9 + i0 * 3 + i1] - xz);
          }
        EXPECT_EQ(y[m * 4 + o0 * 2 + o1], want) << m << " " << o0 << " " << o1;
      }
}

}  // namespace
}  // namespace onyx::kernels
