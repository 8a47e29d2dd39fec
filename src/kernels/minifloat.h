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

}  // namespace onyx::kernels
