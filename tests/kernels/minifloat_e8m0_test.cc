// kernels/minifloat float8e8m0: decoding every code, and encoding under the three round modes
// with and without saturation (values from ONNX's reference rules).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kernels/minifloat.h"

namespace onyx::kernels {
namespace {

TEST(E8M0, DecodesEveryCode) {
  EXPECT_EQ(e8m0_to_float(127), 1.0f);
  EXPECT_EQ(e8m0_to_float(128), 2.0f);
  EXPECT_EQ(e8m0_to_float(0), std::ldexp(1.0f, -127));
  EXPECT_EQ(e8m0_to_float(254), std::ldexp(1.0f, 127));
  EXPECT_TRUE(std::isnan(e8m0_to_float(255)));
  // Code 0 (2^-127) is a float32 subnormal: its mantissa makes "up" round it to code 1.
  EXPECT_EQ(float_to_e8m0(e8m0_to_float(0), true, E8M0Round::kUp), 1);
  EXPECT_EQ(float_to_e8m0(e8m0_to_float(0), true, E8M0Round::kDown), 0);
  for (int c = 1; c < 255; ++c)
    EXPECT_EQ(float_to_e8m0(e8m0_to_float(static_cast<uint8_t>(c)), true, E8M0Round::kUp), c);
}

TEST(E8M0, RoundModes) {
  // 3 = 1.5 * 2^1: up -> 2^2, down -> 2^1, nearest (top mantissa bit set, exponent non-zero) ->
  // 2^2.
  EXPECT_EQ(float_to_e8m0(3.0f, true, E8M0Round::kUp), 129);
  EXPECT_EQ(float_to_e8m0(3.0f, true, E8M0Round::kDown), 128);
  EXPECT_EQ(float_to_e8m0(3.0f, true, E8M0Round::kNearest), 129);
  // 1.25 * 2^1: nearest keeps 2^1, up still rounds up.
  EXPECT_EQ(float_to_e8m0(2.5f, true, E8M0Round::kNearest), 128);
  EXPECT_EQ(float_to_e8m0(2.5f, true, E8M0Round::kUp), 129);
  // The sign is dropped; zero has exponent field 0.
  EXPECT_EQ(float_to_e8m0(-4.0f, true, E8M0Round::kUp), 129);
  EXPECT_EQ(float_to_e8m0(0.0f, true, E8M0Round::kUp), 0);
}

TEST(E8M0, SaturationAndSpecials) {
  const float big = std::numeric_limits<float>::max();  // exponent field 0xFE, mantissa all ones
  EXPECT_EQ(float_to_e8m0(big, true, E8M0Round::kUp), 0xFE);
  EXPECT_EQ(float_to_e8m0(big, false, E8M0Round::kUp), 0xFF);
  EXPECT_EQ(float_to_e8m0(std::numeric_limits<float>::infinity(), true, E8M0Round::kUp), 0xFF);
  EXPECT_EQ(float_to_e8m0(std::numeric_limits<float>::quiet_NaN(), true, E8M0Round::kDown), 0xFF);
}

}  // namespace
}  // namespace onyx::kernels
