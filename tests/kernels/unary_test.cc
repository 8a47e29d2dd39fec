#include "kernels/unary.h"

#include <cmath>
#include <limits>

#include "elementwise_test_util.h"

namespace onyx::kernels {
namespace {

using testing::for_each_simd_target;
using testing::near;
using testing::random_floats;

// Inputs with special values sprinkled in.
std::vector<float> inputs(size_t n, uint32_t seed) {
  std::vector<float> x = random_floats(n, -20.0f, 20.0f, seed);
  const float specials[] = {0.0f,      -0.0f,      std::numeric_limits<float>::quiet_NaN(),
                            HUGE_VALF, -HUGE_VALF, 100.0f,
                            -100.0f,   1e-30f};
  for (size_t i = 0; i < n; i += 5) x[i] = specials[(i / 5) % 8];
  return x;
}

TEST(UnaryKernels, ReluClipExactVsReference) {
  for_each_simd_target([] {
    for (size_t n = 0; n <= 67; ++n) {
      const std::vector<float> x = inputs(n, static_cast<uint32_t>(n));
      std::vector<float> ref(n), got(n, 7.0f);
      reference::relu_f32(x.data(), ref.data(), n);
      simd::relu_f32(x.data(), got.data(), n);
      for (size_t i = 0; i < n; ++i) ASSERT_TRUE(near(got[i], ref[i], 0, 0)) << "relu n=" << n;
      reference::clip_f32(x.data(), ref.data(), n, -1.5f, 2.5f);
      simd::clip_f32(x.data(), got.data(), n, -1.5f, 2.5f);
      for (size_t i = 0; i < n; ++i) ASSERT_TRUE(near(got[i], ref[i], 0, 0)) << "clip n=" << n;
    }
  });
}

TEST(UnaryKernels, ReferenceSemantics) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> x = {-2.0f, 0.0f, 3.0f, nan}, y(4);
  reference::relu_f32(x.data(), y.data(), 4);
  EXPECT_EQ(y[0], 0.0f);
  EXPECT_EQ(y[2], 3.0f);
  EXPECT_TRUE(std::isnan(y[3]));
  reference::clip_f32(x.data(), y.data(), 4, 2.0f, 1.0f);  // lo > hi: everything becomes hi
  EXPECT_EQ(y[0], 1.0f);
  EXPECT_EQ(y[2], 1.0f);
  reference::sigmoid_f32(x.data(), y.data(), 4);
  EXPECT_NEAR(y[0], 1.0 / (1.0 + std::exp(2.0)), 1e-7);
  EXPECT_EQ(y[1], 0.5f);
  EXPECT_TRUE(std::isnan(y[3]));
}

TEST(UnaryKernels, SigmoidVsReference) {
  for_each_simd_target([] {
    for (size_t n = 0; n <= 67; ++n) {
      const std::vector<float> x = inputs(n, 100 + static_cast<uint32_t>(n));
      std::vector<float> ref(n), got(n);
      reference::sigmoid_f32(x.data(), ref.data(), n);
      simd::sigmoid_f32(x.data(), got.data(), n);
      for (size_t i = 0; i < n; ++i)
        ASSERT_TRUE(near(got[i], ref[i], 2e-6f, 1e-37f)) << "x=" << x[i] << " n=" << n;
    }
  });
}

TEST(UnaryKernels, SigmoidAccurateAgainstDouble) {
  std::vector<float> x = random_floats(4096, -90.0f, 90.0f, 5), y(x.size());
  simd::sigmoid_f32(x.data(), y.data(), static_cast<int64_t>(x.size()));
  for (size_t i = 0; i < x.size(); ++i) {
    const double want = 1.0 / (1.0 + std::exp(-static_cast<double>(x[i])));
    ASSERT_TRUE(near(y[i], static_cast<float>(want), 1e-6f, 1e-38f)) << "x=" << x[i];
  }
}

TEST(UnaryKernels, InPlaceAndThreaded) {
  ThreadPool pool(2);
  const size_t n = 100003;  // above the grain: split over threads; odd tail
  const std::vector<float> x = inputs(n, 9);
  std::vector<float> ref(n), inplace = x;
  reference::sigmoid_f32(x.data(), ref.data(), n);
  sigmoid_f32(inplace.data(), inplace.data(), n, &pool);
  for (size_t i = 0; i < n; ++i) ASSERT_TRUE(near(inplace[i], ref[i], 2e-6f, 1e-37f));
  inplace = x;
  reference::relu_f32(x.data(), ref.data(), n);
  relu_f32(inplace.data(), inplace.data(), n, &pool);
  for (size_t i = 0; i < n; ++i) ASSERT_TRUE(near(inplace[i], ref[i], 0, 0));
  inplace = x;
  reference::clip_f32(x.data(), ref.data(), n, -3.0f, 4.0f);
  clip_f32(inplace.data(), inplace.data(), n, -3.0f, 4.0f, &pool);
  for (size_t i = 0; i < n; ++i) ASSERT_TRUE(near(inplace[i], ref[i], 0, 0));
}

}  // namespace
}  // namespace onyx::kernels
