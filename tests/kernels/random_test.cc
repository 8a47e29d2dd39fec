// kernels/random.h: Philox4x32-10 known answer, determinism per key, range and moments of the
// uniform and normal distributions, odd sizes (prefixes of a stream are stable).
#include "kernels/random.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace onyx::kernels {
namespace {

TEST(RandomKernel, PhiloxKnownAnswer) {
  // Random123's kat_vectors: philox4x32_10 with counter 0 and key 0.
  const std::array<uint32_t, 4> w = philox4x32(0, 0);
  EXPECT_EQ(w[0], 0x6627e8d5u);
  EXPECT_EQ(w[1], 0xe169c58du);
  EXPECT_EQ(w[2], 0xbc57ac4cu);
  EXPECT_EQ(w[3], 0x9b00dbd8u);
  EXPECT_EQ(random_word(0, 2), 0xbc57ac4cu);
  EXPECT_NE(philox4x32(1, 0), w);
  EXPECT_NE(philox4x32(0, 1), w);
}

TEST(RandomKernel, UniformRangeMomentsAndDeterminism) {
  for (int64_t n : {1, 3, 5, 1001}) {
    std::vector<float> a(static_cast<size_t>(n)), b(a.size());
    random_uniform_f32(42, -2.0f, 3.0f, a.data(), n);
    random_uniform_f32(42, -2.0f, 3.0f, b.data(), n);
    EXPECT_EQ(a, b);
    for (float v : a) {
      EXPECT_GE(v, -2.0f);
      EXPECT_LT(v, 3.0f);
    }
  }
  // A shorter request is a prefix of a longer one.
  std::vector<double> longer(17), shorter(5);
  random_uniform_f64(7, 0.0, 1.0, longer.data(), 17);
  random_uniform_f64(7, 0.0, 1.0, shorter.data(), 5);
  for (size_t i = 0; i < shorter.size(); ++i) EXPECT_EQ(shorter[i], longer[i]);

  const int64_t n = 100000;
  std::vector<double> u(static_cast<size_t>(n));
  random_uniform_f64(mix64(3), 0.0, 1.0, u.data(), n);
  double sum = 0, sq = 0;
  for (double v : u) sum += v, sq += v * v;
  EXPECT_NEAR(sum / n, 0.5, 0.01);
  EXPECT_NEAR(sq / n - (sum / n) * (sum / n), 1.0 / 12, 0.005);
  std::vector<double> other(static_cast<size_t>(n));
  random_uniform_f64(mix64(4), 0.0, 1.0, other.data(), n);
  EXPECT_NE(u, other);
}

TEST(RandomKernel, UniformNeverReachesHigh) {
  // A range so narrow that low + (high - low) * u rounds to high for most u.
  const float low = 1.0f, high = std::nextafter(1.0f, 2.0f);
  std::vector<float> v(64);
  random_uniform_f32(9, low, high, v.data(), 64);
  for (float x : v) EXPECT_EQ(x, low);
}

TEST(RandomKernel, NormalMoments) {
  const int64_t n = 100000;
  std::vector<float> z(static_cast<size_t>(n));
  random_normal_f32(11, 1.5f, 2.0f, z.data(), n);
  double sum = 0, sq = 0;
  for (float v : z) sum += v, sq += double(v) * v;
  const double mean = sum / n;
  EXPECT_NEAR(mean, 1.5, 0.03);
  EXPECT_NEAR(std::sqrt(sq / n - mean * mean), 2.0, 0.03);
  std::vector<double> zd(static_cast<size_t>(n));
  random_normal_f64(11, 0.0, 1.0, zd.data(), n);
  for (double v : zd) ASSERT_TRUE(std::isfinite(v));
}

}  // namespace
}  // namespace onyx::kernels
