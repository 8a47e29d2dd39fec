// Output comparison for the ONNX backend conformance tests, following ONNX's backend runner:
// same dtype and shape; floating point elements must satisfy numpy's assert_allclose rule
// |actual - expected| <= atol + rtol * |expected| (NaN matches NaN, infinities must be equal);
// integers, bools and strings must be equal. float8 / 4-bit types are compared bit for bit.
#pragma once

#include <string>

#include "onyx/tensor.hpp"

namespace onyx::conformance {

constexpr double kDefaultRtol = 1e-3;
constexpr double kDefaultAtol = 1e-7;

// "" when `actual` matches `expected`, else a one-line reason such as
// "dtype float16, expected float" or "max abs diff 0.3 at [0, 1, 2] (expected 1.5, got 1.2);
// 17 of 60 elements differ".
std::string compare_tensors(const Tensor& expected, const Tensor& actual,
                            double rtol = kDefaultRtol, double atol = kDefaultAtol);

// Max |actual - expected| over the elements (complex: over real and imaginary parts; integers
// as doubles; other types 0 when equal, inf otherwise); -1 when dtype or shape differ.
double max_abs_diff(const Tensor& expected, const Tensor& actual);

}  // namespace onyx::conformance
