#include "kernels/minifloat.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace onyx::kernels {
namespace {

struct Layout {
  int exp_bits, man_bits, bias;
  float max;
};

Layout layout(MiniFloat f) {
  switch (f) {
    case MiniFloat::kE4M3FN:
      return {4, 3, 7, 448.0f};
    case MiniFloat::kE4M3FNUZ:
      return {4, 3, 8, 240.0f};
    case MiniFloat::kE5M2:
      return {5, 2, 15, 57344.0f};
    case MiniFloat::kE5M2FNUZ:
      return {5, 2, 16, 57344.0f};
    case MiniFloat::kE2M1:
      return {2, 1, 1, 6.0f};
  }
  return {4, 3, 7, 448.0f};
}

bool is_fnuz(MiniFloat f) {
  return f == MiniFloat::kE4M3FNUZ || f == MiniFloat::kE5M2FNUZ;
}

// The NaN code for a value of the given sign.
uint8_t nan_code(MiniFloat f, bool negative) {
  const uint8_t sign = negative ? 0x80 : 0;
  switch (f) {
    case MiniFloat::kE4M3FN:
      return 0x7F | sign;
    case MiniFloat::kE5M2:
      return 0x7E | sign;
    case MiniFloat::kE2M1:
      return 0x8;
    default:
      return 0x80;
  }
}

}  // namespace

float minifloat_to_float(uint8_t code, MiniFloat format) {
  const Layout l = layout(format);
  const int bits = 1 + l.exp_bits + l.man_bits;
  const bool negative = (code >> (bits - 1)) & 1;
  const uint8_t magnitude = code & ((1u << (bits - 1)) - 1);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  if (is_fnuz(format) && code == 0x80) return nan;
  if (format == MiniFloat::kE4M3FN && magnitude == 0x7F) return nan;
  const int e = magnitude >> l.man_bits, m = magnitude & ((1 << l.man_bits) - 1);
  if (format == MiniFloat::kE5M2 && e == 31)
    return m == 0 ? (negative ? -INFINITY : INFINITY) : nan;
  const float v =
      e == 0 ? std::ldexp(static_cast<float>(m), 1 - l.bias - l.man_bits)
             : std::ldexp(1.0f + std::ldexp(static_cast<float>(m), -l.man_bits), e - l.bias);
  return negative ? -v : v;
}

uint8_t float_to_minifloat(float x, MiniFloat format, bool saturate) {
  const Layout l = layout(format);
  const int bits = 1 + l.exp_bits + l.man_bits;
  const bool negative = std::signbit(x);
  const uint8_t sign = negative ? static_cast<uint8_t>(1u << (bits - 1)) : 0;
  if (std::isnan(x)) return nan_code(format, negative);
  double a = std::fabs(static_cast<double>(x));
  if (format == MiniFloat::kE2M1) saturate = true;
  if (saturate && a > l.max) a = l.max;
  if (std::isinf(a)) return format == MiniFloat::kE5M2 ? (0x7C | sign) : nan_code(format, negative);
  // Quantum (spacing) of representable values at a's binade, subnormal below 2^(1 - bias).
  int exp = 0;
  std::frexp(a, &exp);  // a = f * 2^exp, f in [0.5, 1)
  const int binade = std::max(exp - 1, 1 - l.bias);
  const double quantum = std::ldexp(1.0, binade - l.man_bits);
  const double v = std::nearbyint(a / quantum) * quantum;  // round half to even
  if (v > l.max) return format == MiniFloat::kE5M2 ? (0x7C | sign) : nan_code(format, negative);
  if (v == 0) return is_fnuz(format) ? 0 : sign;
  std::frexp(v, &exp);
  uint8_t magnitude;
  if (exp - 1 < 1 - l.bias) {  // subnormal: biased exponent 0
    magnitude = static_cast<uint8_t>(v / std::ldexp(1.0, 1 - l.bias - l.man_bits));
  } else {
    const int e = exp - 1 + l.bias;
    const int m = static_cast<int>((v / std::ldexp(1.0, exp - 1) - 1.0) * (1 << l.man_bits));
    magnitude = static_cast<uint8_t>((e << l.man_bits) | m);
  }
  return magnitude | sign;
}

float e8m0_to_float(uint8_t code) {
  if (code == 0xFF) return std::numeric_limits<float>::quiet_NaN();
  return std::ldexp(1.0f, static_cast<int>(code) - 127);
}

uint8_t float_to_e8m0(float x, bool saturate, E8M0Round round) {
  uint32_t bits = 0;
  std::memcpy(&bits, &x, sizeof(bits));
  const uint32_t exponent = (bits >> 23) & 0xFF;
  const uint32_t mantissa = bits & 0x7FFFFF;
  if (exponent == 0xFF) return 0xFF;  // NaN, +-inf
  bool up = false;
  switch (round) {
    case E8M0Round::kUp:
      up = mantissa != 0;
      break;
    case E8M0Round::kDown:
      break;
    case E8M0Round::kNearest:
      up = (mantissa & 0x400000) != 0 && ((mantissa & 0x3FFFFF) != 0 || exponent != 0);
      break;
  }
  if (up && saturate && exponent == 0xFE) up = false;
  return static_cast<uint8_t>(exponent + (up ? 1 : 0));
}

}  // namespace onyx::kernels
