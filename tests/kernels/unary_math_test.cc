// unary_f32: every SIMD target against the scalar reference (tails, odd sizes, in-place, special
// values, large |x|), and the reference against double-precision math.
#include <cmath>
#include <limits>

#include "elementwise_test_util.h"
#include "kernels/unary.h"

namespace onyx::kernels {
namespace {

using testing::for_each_simd_target;
using testing::near;
using testing::random_floats;

struct Case {
  UnaryF32 op;
  const char* name;
  UnaryParams params;
  float rtol;  // SIMD vs reference; 0 = bit-exact (NaN matches NaN)
  float atol;
};

// Erf compares with an absolute tolerance (the SIMD erf has ~1e-7 absolute error); Gelu relative
// down to tiny values (exp(-z^2) amplifies the rounding of z^2 there).
const Case kCases[] = {
    {UnaryF32::kAbs, "abs", {}, 0, 0},
    {UnaryF32::kNeg, "neg", {}, 0, 0},
    {UnaryF32::kSqrt, "sqrt", {}, 0, 0},
    {UnaryF32::kReciprocal, "reciprocal", {}, 0, 0},
    {UnaryF32::kFloor, "floor", {}, 0, 0},
    {UnaryF32::kCeil, "ceil", {}, 0, 0},
    {UnaryF32::kRound, "round", {}, 0, 0},
    {UnaryF32::kExp, "exp", {}, 2e-6f, 1e-37f},
    {UnaryF32::kLog, "log", {}, 2e-6f, 1e-37f},
    {UnaryF32::kTanh, "tanh", {}, 2e-6f, 1e-37f},
    {UnaryF32::kErf, "erf", {}, 2e-6f, 5e-7f},
    {UnaryF32::kGelu, "gelu", {}, 4e-6f, 1e-20f},
    {UnaryF32::kGeluTanh, "gelu_tanh", {}, 2e-6f, 1e-7f},
    {UnaryF32::kRelu, "relu", {}, 0, 0},
    {UnaryF32::kLeakyRelu, "leaky_relu", {0.1f, 0}, 0, 0},
    {UnaryF32::kElu, "elu", {1.5f, 0}, 4e-6f, 1e-37f},
    {UnaryF32::kHardSigmoid, "hard_sigmoid", {0.2f, 0.5f}, 1e-6f, 1e-7f},
    {UnaryF32::kHardSwish, "hard_swish", {}, 1e-6f, 1e-7f},
    {UnaryF32::kSoftplus, "softplus", {}, 2e-6f, 1e-37f},
    {UnaryF32::kMish, "mish", {}, 4e-6f, 1e-37f},
    {UnaryF32::kSigmoid, "sigmoid", {}, 2e-6f, 1e-37f},
    {UnaryF32::kSwish, "swish", {0.75f, 0}, 4e-6f, 1e-37f},
    {UnaryF32::kClip, "clip", {-1.5f, 2.5f}, 0, 0},
};
static_assert(sizeof(kCases) / sizeof(kCases[0]) == kNumUnaryF32, "a case per UnaryF32");

// Random values in [-lo, hi] with special values (signed zeros, NaN, infinities, huge, tiny,
// exact halves for Round) sprinkled in.
std::vector<float> inputs(size_t n, float range, uint32_t seed) {
  std::vector<float> x = random_floats(n, -range, range, seed);
  const float specials[] = {0.0f,      -0.0f,      std::numeric_limits<float>::quiet_NaN(),
                            HUGE_VALF, -HUGE_VALF, 100.0f,
                            -100.0f,   1e-30f,     2.5f,
                            -0.5f,     3.5f,       1e30f,
                            -1e30f,    1e-3f,      -0.3f};
  constexpr size_t kNum = sizeof(specials) / sizeof(specials[0]);
  for (size_t i = 0; i < n; i += 3) x[i] = specials[(i / 3) % kNum];
  return x;
}

TEST(UnaryMathKernels, SimdMatchesReferenceAllTails) {
  for_each_simd_target([] {
    for (const Case& c : kCases) {
      SCOPED_TRACE(c.name);
      for (size_t n = 0; n <= 67; ++n) {
        const std::vector<float> x = inputs(n, 12.0f, static_cast<uint32_t>(n));
        std::vector<float> ref(n), got(n, 7.0f);
        reference::unary_f32(c.op, x.data(), ref.data(), static_cast<int64_t>(n), c.params);
        simd::unary_f32(c.op, x.data(), got.data(), static_cast<int64_t>(n), c.params);
        for (size_t i = 0; i < n; ++i)
          ASSERT_TRUE(near(got[i], ref[i], c.rtol, c.atol)) << "x=" << x[i] << " n=" << n;
      }
    }
  });
}

TEST(UnaryMathKernels, LargeMagnitudes) {
  for_each_simd_target([] {
    for (const Case& c : kCases) {
      SCOPED_TRACE(c.name);
      const std::vector<float> x = inputs(1001, 200.0f, 77);
      std::vector<float> ref(x.size()), got(x.size());
      reference::unary_f32(c.op, x.data(), ref.data(), 1001, c.params);
      simd::unary_f32(c.op, x.data(), got.data(), 1001, c.params);
      for (size_t i = 0; i < x.size(); ++i)
        ASSERT_TRUE(near(got[i], ref[i], c.rtol, c.atol)) << "x=" << x[i];
    }
  });
}

TEST(UnaryMathKernels, InPlaceThreadedMatchesReference) {
  ThreadPool pool(2);
  const size_t n = 100003;  // above both grains: split over threads; odd tail
  const std::vector<float> x = inputs(n, 30.0f, 9);
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    std::vector<float> ref(n), inplace = x;
    reference::unary_f32(c.op, x.data(), ref.data(), static_cast<int64_t>(n), c.params);
    unary_f32(c.op, inplace.data(), inplace.data(), static_cast<int64_t>(n), c.params, &pool);
    for (size_t i = 0; i < n; ++i)
      ASSERT_TRUE(near(inplace[i], ref[i], c.rtol, c.atol)) << "x=" << x[i];
  }
}

TEST(UnaryMathKernels, ReferenceAgainstDouble) {
  const std::vector<float> x = random_floats(2000, -9.0f, 9.0f, 3);
  std::vector<float> y(x.size());
  reference::unary_f32(UnaryF32::kGelu, x.data(), y.data(), 2000);
  for (size_t i = 0; i < x.size(); ++i) {
    const double v = x[i];
    ASSERT_TRUE(near(y[i], float(0.5 * v * (1 + std::erf(v / std::sqrt(2.0)))), 1e-6f, 1e-7f));
  }
  reference::unary_f32(UnaryF32::kSoftplus, x.data(), y.data(), 2000);
  for (size_t i = 0; i < x.size(); ++i)
    ASSERT_TRUE(near(y[i], float(std::log1p(std::exp(double(x[i])))), 1e-6f, 1e-30f));
  reference::unary_f32(UnaryF32::kMish, x.data(), y.data(), 2000);
  for (size_t i = 0; i < x.size(); ++i) {
    const double v = x[i];
    ASSERT_TRUE(near(y[i], float(v * std::tanh(std::log1p(std::exp(v)))), 1e-5f, 1e-30f));
  }
}

TEST(UnaryMathKernels, GeluKeepsRelativeAccuracyInTheNegativeTail) {
  // 1 + erf(x / sqrt 2) cancels for x << 0; the kernels evaluate x/2 erfc(-x / sqrt 2) instead.
  const std::vector<float> x = random_floats(1000, -9.0f, -3.0f, 11);
  std::vector<float> y(x.size());
  for_each_simd_target([&] {
    simd::unary_f32(UnaryF32::kGelu, x.data(), y.data(), 1000);
    for (size_t i = 0; i < x.size(); ++i) {
      const double v = x[i];
      const double want = 0.5 * v * std::erfc(-v / std::sqrt(2.0));
      ASSERT_TRUE(near(y[i], float(want), 1e-5f, 0)) << "x=" << x[i];
    }
  });
}

TEST(UnaryMathKernels, SpecialValues) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> x = {0.5f, 1.5f, 2.5f, -2.5f, -0.0f, HUGE_VALF, -HUGE_VALF, nan, -1.0f};
  std::vector<float> y(x.size());
  for_each_simd_target([&] {
    simd::unary_f32(UnaryF32::kRound, x.data(), y.data(), 9);
    EXPECT_EQ(y[0], 0.0f);
    EXPECT_EQ(y[1], 2.0f);
    EXPECT_EQ(y[2], 2.0f);
    EXPECT_EQ(y[3], -2.0f);
    EXPECT_TRUE(std::isnan(y[7]));
    simd::unary_f32(UnaryF32::kExp, x.data(), y.data(), 9);
    EXPECT_EQ(y[5], HUGE_VALF);
    EXPECT_EQ(y[6], 0.0f);
    EXPECT_TRUE(std::isnan(y[7]));
    simd::unary_f32(UnaryF32::kLog, x.data(), y.data(), 9);
    EXPECT_EQ(y[4], -HUGE_VALF);
    EXPECT_EQ(y[5], HUGE_VALF);
    EXPECT_TRUE(std::isnan(y[8]));
    simd::unary_f32(UnaryF32::kTanh, x.data(), y.data(), 9);
    EXPECT_EQ(y[5], 1.0f);
    EXPECT_EQ(y[6], -1.0f);
    simd::unary_f32(UnaryF32::kErf, x.data(), y.data(), 9);
    EXPECT_EQ(y[5], 1.0f);
    EXPECT_EQ(y[6], -1.0f);
    EXPECT_TRUE(std::isnan(y[7]));
    simd::unary_f32(UnaryF32::kSoftplus, x.data(), y.data(), 9);
    EXPECT_EQ(y[5], HUGE_VALF);
    EXPECT_EQ(y[6], 0.0f);
  });
}

}  // namespace
}  // namespace onyx::kernels
