// Scalar conversions between float32 and the 8- and 4-bit float formats ONNX defines, one code
// per uint8_t (4-bit codes in the low nibble):
//   E4M3FN    bias 7,  max 448,   no inf; NaN = S.1111.111 (0x7F | sign)
//   E4M3FNUZ  bias 8,  max 240,   no inf, no -0; NaN = 0x80
//   E5M2      bias 15, max 57344, inf = 0x7C | sign; NaN = 0x7E | sign
//   E5M2FNUZ  bias 16, max 57344, no inf, no -0; NaN = 0x80
//   E2M1      bias 1,  max 6,     no inf, no NaN (4-bit)
// float -> code rounds to nearest even. Values beyond max (including +-inf): with `saturate`
// they become +-max; without, inf for E5M2 and NaN for the other 8-bit formats. E2M1 always
// saturates and encodes NaN as 0x8 (its -0 pattern), as ml_dtypes (ONNX's reference) does.
// Zeros that underflow keep their sign except in the FNUZ formats.
#pragma once

#include <cstdint>

namespace onyx::kernels {

enum class MiniFloat { kE4M3FN, kE4M3FNUZ, kE5M2, kE5M2FNUZ, kE2M1 };

float minifloat_to_float(uint8_t code, MiniFloat format);
uint8_t float_to_minifloat(float x, MiniFloat format, bool saturate);

// Float8 E8M0 (ONNX FLOAT8E8M0, opset 25): exponent only, bias 127, no sign, no zero, no inf;
// code e means 2^(e - 127), 0xFF is NaN. float -> code takes float32's exponent field (the sign
// is dropped; zero and subnormals have exponent 0) and rounds the mantissa by `round`:
//   kUp       any non-zero mantissa adds 1 (ONNX's default, round_mode "up")
//   kDown     mantissa dropped
//   kNearest  adds 1 when the mantissa's top bit is set and a lower mantissa bit is set or the
//             exponent field is non-zero (ONNX reference's guard/round/sticky rule)
// NaN and inf give 0xFF. With `saturate` rounding never goes past 0xFE (2^127); without, a
// carry out of 0xFE gives 0xFF.
enum class E8M0Round { kUp, kDown, kNearest };
float e8m0_to_float(uint8_t code);
uint8_t float_to_e8m0(float x, bool saturate, E8M0Round round);

}  // namespace onyx::kernels
