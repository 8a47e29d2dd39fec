// The SIMD exp / erfc building blocks (unary_math-inl.h) seen through the kernels that use them,
// swept densely over the ranges where their shortcuts matter: the flush-to-zero and subnormal
// thresholds of exp, the erfc fit around its former Taylor switch point (|w| = 0.5) and its cap
// (z = 10), and softmax rows with -inf, NaN and huge values. Truth is double precision.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "elementwise_test_util.h"
#include "kernels/softmax.h"
#include "kernels/unary.h"

namespace onyx::kernels {
namespace {

using testing::for_each_simd_target;
using testing::near;

std::vector<float> sweep(float lo, float hi, size_t n) {
  std::vector<float> x(n);
  for (size_t i = 0; i < n; ++i) x[i] = lo + (hi - lo) * static_cast<float>(i) / float(n - 1);
  return x;
}

double sigmoid(double v) {
  return 1.0 / (1.0 + std::exp(-v));
}

TEST(UnaryFastMath, SigmoidAndSwishThroughTheSubnormalRange) {
  // exp(-|x|) for |x| in [87, 104] is subnormal; swish scales it back up by x.
  const std::vector<float> x = sweep(-110.0f, 30.0f, 4099);
  std::vector<float> y(x.size());
  for_each_simd_target([&] {
    simd::unary_f32(UnaryF32::kSigmoid, x.data(), y.data(), static_cast<int64_t>(x.size()));
    for (size_t i = 0; i < x.size(); ++i)
      ASSERT_TRUE(near(y[i], float(sigmoid(x[i])), 2e-6f, 2e-45f)) << "x=" << x[i];
    simd::unary_f32(UnaryF32::kSwish, x.data(), y.data(), static_cast<int64_t>(x.size()),
                    {1.0f, 0.0f});
    for (size_t i = 0; i < x.size(); ++i)
      ASSERT_TRUE(near(y[i], float(x[i] * sigmoid(x[i])), 4e-6f, 1e-43f)) << "x=" << x[i];
  });
}

TEST(UnaryFastMath, GeluAndErfDenseSweep) {
  const std::vector<float> x = sweep(-14.0f, 14.0f, 8191);
  std::vector<float> y(x.size());
  for_each_simd_target([&] {
    simd::unary_f32(UnaryF32::kGelu, x.data(), y.data(), static_cast<int64_t>(x.size()));
    for (size_t i = 0; i < x.size(); ++i) {
      const double v = x[i], want = 0.5 * v * std::erfc(-v / std::sqrt(2.0));
      // Relative down to the flushed range (results below ~1e-37 may be 0). In the negative tail
      // the float rounding of x / sqrt 2 alone costs ~x^2 * 6e-8 relative (through exp(-x^2/2)).
      const float rtol = 2e-6f + 1.2e-7f * x[i] * x[i];
      ASSERT_TRUE(near(y[i], float(want), rtol, 1e-36f)) << "x=" << x[i];
    }
    simd::unary_f32(UnaryF32::kErf, x.data(), y.data(), static_cast<int64_t>(x.size()));
    for (size_t i = 0; i < x.size(); ++i)
      ASSERT_TRUE(near(y[i], float(std::erf(double(x[i]))), 2e-6f, 5e-7f)) << "x=" << x[i];
  });
}

TEST(UnaryFastMath, GeluSpecialValues) {
  const float inf = HUGE_VALF, nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> x = {inf, nan, 0.0f, -0.0f, 1e30f, -1e30f, 1e-30f, -50.0f, 50.0f};
  std::vector<float> y(x.size());
  for_each_simd_target([&] {
    simd::unary_f32(UnaryF32::kGelu, x.data(), y.data(), static_cast<int64_t>(x.size()));
    EXPECT_EQ(y[0], inf);
    EXPECT_TRUE(std::isnan(y[1]));
    EXPECT_EQ(y[2], 0.0f);
    EXPECT_EQ(y[3], 0.0f);
    EXPECT_EQ(y[4], 1e30f);
    EXPECT_EQ(y[5], 0.0f);
    EXPECT_TRUE(near(y[6], 5e-31f, 1e-6f, 0));
    EXPECT_EQ(y[7], 0.0f);
    EXPECT_EQ(y[8], 50.0f);
  });
}

TEST(UnaryFastMath, SoftmaxRowsWithNegInfNaNAndHugeValues) {
  const float inf = HUGE_VALF, nan = std::numeric_limits<float>::quiet_NaN();
  const int64_t n = 37;  // two-vector steps, a single vector and a tail
  for_each_simd_target([&] {
    for (int64_t special = 0; special < n; special += 5) {
      std::vector<float> x = sweep(-200.0f, 30.0f, static_cast<size_t>(n));
      std::vector<float> y(x.size()), ref(x.size());
      // Finite row with a wide spread: entries 100+ below the max give exactly 0 or tiny values.
      simd::softmax_f32(x.data(), y.data(), 1, n, 1);
      reference::softmax_f32(x.data(), ref.data(), 1, n, 1);
      for (int64_t i = 0; i < n; ++i) ASSERT_TRUE(near(y[i], ref[i], 2e-6f, 1e-37f)) << i;
      x[static_cast<size_t>(special)] = -inf;  // contributes exactly 0
      simd::softmax_f32(x.data(), y.data(), 1, n, 1);
      EXPECT_EQ(y[static_cast<size_t>(special)], 0.0f);
      x[static_cast<size_t>(special)] = nan;  // the whole row is NaN, like the reference
      simd::softmax_f32(x.data(), y.data(), 1, n, 1);
      reference::softmax_f32(x.data(), ref.data(), 1, n, 1);
      for (int64_t i = 0; i < n; ++i) {
        EXPECT_TRUE(std::isnan(ref[i]));
        ASSERT_TRUE(std::isnan(y[i])) << i << " special " << special;
      }
    }
  });
}

}  // namespace
}  // namespace onyx::kernels
