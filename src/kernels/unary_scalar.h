// Scalar definitions of the unary activation and math functions, templated on the compute type
// (float or double). They are the reference semantics: kernels::reference:: applies them to
// float32 arrays (the oracle of the SIMD kernels) and the ops apply them to float64 (and, through
// float32, to float16/bfloat16).
//
// NaN in gives NaN out for every function (comparisons are written so that NaN falls through).
#pragma once

#include <cmath>

namespace onyx::kernels::scalar {

template <class T>
T relu(T x) {
  return x < T(0) ? T(0) : x;
}

// Overflow-free form: e = exp(-|x|); x >= 0: 1/(1+e), x < 0: e/(1+e).
template <class T>
T sigmoid(T x) {
  const T e = std::exp(-std::fabs(x));
  return std::isnan(x) ? x : x < T(0) ? e / (T(1) + e) : T(1) / (T(1) + e);
}

// Swish (opset 24): x * sigmoid(alpha * x).
template <class T>
T swish(T x, T alpha) {
  return x * sigmoid(alpha * x);
}

// numpy.clip order: lo > hi gives hi.
template <class T>
T clip(T x, T lo, T hi) {
  const T v = x < lo ? lo : x;
  return v > hi ? hi : v;
}

// Round half to even (ONNX Round), independent of the current rounding mode for ties.
template <class T>
T round_half_even(T x) {
  const T r = std::round(x);  // half away from zero
  if (std::fabs(x - std::trunc(x)) == T(0.5)) return T(2) * std::round(x / T(2));
  return r;
}

template <class T>
T leaky_relu(T x, T alpha) {
  return x < T(0) ? alpha * x : x;
}

// alpha * (exp(x) - 1) for x < 0, else x.
template <class T>
T elu(T x, T alpha) {
  return x < T(0) ? alpha * std::expm1(x) : x;
}

// max(0, min(1, alpha * x + beta))
template <class T>
T hard_sigmoid(T x, T alpha, T beta) {
  return clip(alpha * x + beta, T(0), T(1));
}

// x * max(0, min(1, x / 6 + 1/2))
template <class T>
T hard_swish(T x) {
  return x * hard_sigmoid(x, T(1) / T(6), T(0.5));
}

// log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)): never overflows.
template <class T>
T softplus(T x) {
  if (std::isnan(x)) return x;
  return (x > T(0) ? x : T(0)) + std::log1p(std::exp(-std::fabs(x)));
}

// x * tanh(softplus(x))
template <class T>
T mish(T x) {
  return x * std::tanh(softplus(x));
}

// Gelu, approximate="none": x/2 (1 + erf(x / sqrt 2)), evaluated as the equal x/2 erfc(-x / sqrt
// 2), which keeps relative accuracy where 1 + erf cancels (x << 0).
template <class T>
T gelu(T x) {
  return T(0.5) * x * std::erfc(x * T(-0.70710678118654752440));
}

// Gelu, approximate="tanh": x/2 (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3), evaluated as
// the equal x * sigmoid(2u), which keeps relative accuracy where 1 + tanh(u) cancels (x << 0).
template <class T>
T gelu_tanh(T x) {
  const T u = T(0.79788456080286535588) * (x + T(0.044715) * x * x * x);
  return x * sigmoid(T(2) * u);
}

}  // namespace onyx::kernels::scalar
