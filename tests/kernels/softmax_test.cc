#include "kernels/softmax.h"

#include <cmath>
#include <limits>

#include "elementwise_test_util.h"

namespace onyx::kernels {
namespace {

using testing::for_each_simd_target;
using testing::near;
using testing::random_floats;

// Double-precision oracle.
std::vector<float> softmax_double(const std::vector<float>& x, int64_t outer, int64_t n,
                                  int64_t inner) {
  std::vector<float> y(x.size());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      double mx = -HUGE_VAL, sum = 0;
      for (int64_t k = 0; k < n; ++k) mx = std::max<double>(mx, x[(o * n + k) * inner + i]);
      for (int64_t k = 0; k < n; ++k) sum += std::exp(x[(o * n + k) * inner + i] - mx);
      for (int64_t k = 0; k < n; ++k)
        y[(o * n + k) * inner + i] = float(std::exp(x[(o * n + k) * inner + i] - mx) / sum);
    }
  return y;
}

TEST(SoftmaxKernels, RowsAllTails) {
  for_each_simd_target([] {
    for (int64_t n = 0; n <= 67; ++n) {
      const int64_t outer = 3;
      const auto x = random_floats(static_cast<size_t>(outer * n), -30, 30, uint32_t(n));
      const auto want = softmax_double(x, outer, n, 1);
      std::vector<float> ref(x.size()), got(x.size());
      reference::softmax_f32(x.data(), ref.data(), outer, n, 1);
      simd::softmax_f32(x.data(), got.data(), outer, n, 1);
      for (size_t i = 0; i < x.size(); ++i) {
        ASSERT_TRUE(near(ref[i], want[i], 1e-5f, 1e-30f)) << "n=" << n;
        ASSERT_TRUE(near(got[i], ref[i], 1e-5f, 1e-30f)) << "n=" << n;
      }
    }
  });
}

TEST(SoftmaxKernels, InnerAxisVariants) {
  for_each_simd_target([] {
    for (int64_t inner : {2, 7, 67, 300}) {
      for (int64_t n : {1, 5, 16}) {
        const int64_t outer = 2;
        const auto x = random_floats(static_cast<size_t>(outer * n * inner), -10, 10, 3);
        const auto want = softmax_double(x, outer, n, inner);
        std::vector<float> ref(x.size()), got(x.size());
        reference::softmax_f32(x.data(), ref.data(), outer, n, inner);
        simd::softmax_f32(x.data(), got.data(), outer, n, inner);
        for (size_t i = 0; i < x.size(); ++i) {
          ASSERT_TRUE(near(ref[i], want[i], 1e-5f, 1e-30f));
          ASSERT_TRUE(near(got[i], want[i], 1e-5f, 1e-30f)) << inner << " " << n;
        }
      }
    }
  });
}

TEST(SoftmaxKernels, LargeValuesNoOverflowAndNegInf) {
  std::vector<float> x = {10000.0f, 10001.0f, 10002.0f, -HUGE_VALF, 0.0f}, y(5);
  simd::softmax_f32(x.data(), y.data(), 1, 5, 1);
  EXPECT_NEAR(y[0], 0.0900306f, 1e-6);
  EXPECT_NEAR(y[2], 0.6652409f, 1e-6);
  EXPECT_EQ(y[3], 0.0f);
  EXPECT_EQ(y[4], 0.0f);
}

TEST(SoftmaxKernels, InPlaceThreaded) {
  ThreadPool pool(2);
  for (int64_t inner : {1, 33}) {
    const int64_t outer = 61, n = 1000;
    const auto x = random_floats(static_cast<size_t>(outer * n * inner), -8, 8, 4);
    std::vector<float> ref(x.size()), inplace = x;
    reference::softmax_f32(x.data(), ref.data(), outer, n, inner);
    softmax_f32(inplace.data(), inplace.data(), outer, n, inner, &pool);
    for (size_t i = 0; i < x.size(); ++i) ASSERT_TRUE(near(inplace[i], ref[i], 1e-5f, 1e-30f));
  }
}

// log_softmax oracle from the double softmax; absolute tolerance because values near 0 come from
// x - lse cancellation.
std::vector<float> log_softmax_double(const std::vector<float>& x, int64_t outer, int64_t n,
                                      int64_t inner) {
  std::vector<float> y(x.size());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      double mx = -HUGE_VAL, sum = 0;
      for (int64_t k = 0; k < n; ++k) mx = std::max<double>(mx, x[(o * n + k) * inner + i]);
      for (int64_t k = 0; k < n; ++k) sum += std::exp(x[(o * n + k) * inner + i] - mx);
      for (int64_t k = 0; k < n; ++k)
        y[(o * n + k) * inner + i] = float(x[(o * n + k) * inner + i] - mx - std::log(sum));
    }
  return y;
}

TEST(SoftmaxKernels, LogSoftmaxRowsColumnsTailsInPlace) {
  for_each_simd_target([] {
    for (int64_t inner : {1, 2, 7, 67, 300}) {
      for (int64_t n : {1, 3, 16, 67}) {
        const int64_t outer = 2;
        const auto x = random_floats(static_cast<size_t>(outer * n * inner), -30, 30,
                                     uint32_t(n * 1000 + inner));
        const auto want = log_softmax_double(x, outer, n, inner);
        std::vector<float> ref(x.size()), got = x;
        reference::log_softmax_f32(x.data(), ref.data(), outer, n, inner);
        simd::log_softmax_f32(got.data(), got.data(), outer, n, inner);  // in-place
        for (size_t i = 0; i < x.size(); ++i) {
          ASSERT_TRUE(near(ref[i], want[i], 1e-5f, 1e-5f)) << inner << " " << n;
          ASSERT_TRUE(near(got[i], want[i], 1e-5f, 1e-5f)) << inner << " " << n;
        }
      }
    }
  });
}

TEST(SoftmaxKernels, LogSoftmaxLargeValuesNegInfAndThreads) {
  std::vector<float> x = {10000.0f, 10001.0f, 10002.0f, -HUGE_VALF, 0.0f}, y(5);
  for_each_simd_target([&] {
    simd::log_softmax_f32(x.data(), y.data(), 1, 5, 1);
    EXPECT_NEAR(y[0], -2.4076059f, 1e-5);
    EXPECT_NEAR(y[2], -0.4076059f, 1e-5);
    EXPECT_EQ(y[3], -HUGE_VALF);
    EXPECT_NEAR(y[4], -10002.4076f, 1e-2);
  });
  ThreadPool pool(2);
  const int64_t outer = 61, n = 1000;
  const auto big = random_floats(static_cast<size_t>(outer * n), -8, 8, 4);
  std::vector<float> ref(big.size()), got(big.size());
  reference::log_softmax_f32(big.data(), ref.data(), outer, n, 1);
  log_softmax_f32(big.data(), got.data(), outer, n, 1, &pool);
  for (size_t i = 0; i < big.size(); ++i) ASSERT_TRUE(near(got[i], ref[i], 1e-5f, 1e-5f));
}

TEST(SoftmaxKernels, HardmaxFirstMaximumAlongAxis) {
  // [outer=1, n=3, inner=2]: column 0 has its max at k=1, column 1 ties at k=0 and k=2.
  const std::vector<float> x = {1, 5, 4, 2, 3, 5};
  std::vector<float> y(6);
  hardmax_f32(x.data(), y.data(), 1, 3, 2);
  EXPECT_EQ(y, (std::vector<float>{0, 1, 1, 0, 0, 0}));
  std::vector<double> xd = {2, 2, -1}, yd(3);
  hardmax_f64(xd.data(), yd.data(), 1, 3, 1);
  EXPECT_EQ(yd, (std::vector<double>{1, 0, 0}));
}

}  // namespace
}  // namespace onyx::kernels
