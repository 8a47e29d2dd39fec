// kernels/minifloat: every code of every format decodes and re-encodes to itself; known values,
// round-half-to-even ties, saturation and the formats' NaN/inf/zero encodings.
#include "kernels/minifloat.h"

#include <gtest/gtest.h>

#include <cmath>

namespace onyx::kernels {
namespace {

constexpr MiniFloat kAll[] = {MiniFloat::kE4M3FN, MiniFloat::kE4M3FNUZ, MiniFloat::kE5M2,
                              MiniFloat::kE5M2FNUZ, MiniFloat::kE2M1};

TEST(MiniFloat, EveryCodeRoundTrips) {
  for (MiniFloat f : kAll) {
    const int codes = f == MiniFloat::kE2M1 ? 16 : 256;
    for (int c = 0; c < codes; ++c) {
      const float v = minifloat_to_float(static_cast<uint8_t>(c), f);
      if (std::isnan(v)) continue;
      EXPECT_EQ(float_to_minifloat(v, f, false), c)
          << "format " << static_cast<int>(f) << " value " << v;
    }
  }
}

TEST(MiniFloat, KnownValuesTiesAndSpecials) {
  EXPECT_EQ(minifloat_to_float(0x7E, MiniFloat::kE4M3FN), 448.0f);
  EXPECT_EQ(minifloat_to_float(0x01, MiniFloat::kE4M3FN), std::ldexp(1.0f, -9));
  EXPECT_EQ(minifloat_to_float(0x7B, MiniFloat::kE5M2), 57344.0f);
  EXPECT_TRUE(std::isinf(minifloat_to_float(0x7C, MiniFloat::kE5M2)));
  EXPECT_TRUE(std::isnan(minifloat_to_float(0x80, MiniFloat::kE4M3FNUZ)));
  EXPECT_EQ(minifloat_to_float(0x7, MiniFloat::kE2M1), 6.0f);
  // 464 is the midpoint of 448 (mantissa 110, even) and 480 (would be the NaN code).
  EXPECT_EQ(float_to_minifloat(464.0f, MiniFloat::kE4M3FN, false), 0x7E);
  EXPECT_EQ(float_to_minifloat(470.0f, MiniFloat::kE4M3FN, false), 0x7F);  // NaN
  EXPECT_EQ(float_to_minifloat(1e6f, MiniFloat::kE4M3FN, true), 0x7E);
  EXPECT_EQ(float_to_minifloat(-INFINITY, MiniFloat::kE4M3FN, true), 0xFE);
  EXPECT_EQ(float_to_minifloat(INFINITY, MiniFloat::kE5M2, false), 0x7C);
  EXPECT_EQ(float_to_minifloat(1e6f, MiniFloat::kE5M2, true), 0x7B);
  EXPECT_EQ(float_to_minifloat(NAN, MiniFloat::kE5M2, true), 0x7E);
  EXPECT_EQ(float_to_minifloat(NAN, MiniFloat::kE5M2FNUZ, true), 0x80);
  EXPECT_EQ(float_to_minifloat(-1e-7f, MiniFloat::kE4M3FN, true), 0x80);    // -0 kept
  EXPECT_EQ(float_to_minifloat(-1e-7f, MiniFloat::kE4M3FNUZ, true), 0x00);  // no -0
  EXPECT_EQ(float_to_minifloat(0.25f, MiniFloat::kE2M1, false), 0x0);       // tie to even 0
  EXPECT_EQ(float_to_minifloat(-3.5f, MiniFloat::kE2M1, false), 0xE);       // tie to even 4
  EXPECT_EQ(float_to_minifloat(9.0f, MiniFloat::kE2M1, false), 0x7);        // always saturates
  EXPECT_EQ(float_to_minifloat(NAN, MiniFloat::kE2M1, false), 0x8);
}

}  // namespace
}  // namespace onyx::kernels
