// Unary elementwise float32 kernels: Relu, Clip, Sigmoid, and the table-driven unary_f32 family
// (math functions and activations, see UnaryF32). Scalar semantics: kernels/unary_scalar.h.
//
// Contracts (all functions): x and y hold n elements; y may equal x (in-place) but must not
// partially overlap it. No alignment requirement. NaN inputs give NaN outputs.
// The top-level functions pick the SIMD target at run time (or the scalar reference when
// force_scalar_kernels()) and split work over `pool` (nullable) for large n.
#pragma once

#include <cstdint>

#include "base/thread_pool.h"

namespace onyx::kernels {

// The float32 functions unary_f32 computes. Parameters come in UnaryParams (unused ones ignored).
// SIMD accuracy against the scalar reference: exact for kAbs..kRound, kRelu, kClip, kLeakyRelu,
// kHardSigmoid, kHardSwish; within a few ulp (relative ~1e-6) for the transcendental ones.
enum class UnaryF32 : int {
  kAbs,
  kNeg,
  kSqrt,        // NaN for x < 0
  kReciprocal,  // 1 / x (+-inf at +-0)
  kFloor,
  kCeil,
  kRound,  // half to even
  kExp,
  kLog,  // NaN for x < 0, -inf at 0
  kTanh,
  kErf,
  kGelu,      // x/2 (1 + erf(x/sqrt 2))
  kGeluTanh,  // x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
  kRelu,
  kLeakyRelu,    // alpha
  kElu,          // alpha
  kHardSigmoid,  // alpha, beta
  kHardSwish,
  kSoftplus,
  kMish,
  kSigmoid,
  kSwish,  // x * sigmoid(alpha * x)
  kClip,   // alpha = lo, beta = hi
};
inline constexpr int kNumUnaryF32 = static_cast<int>(UnaryF32::kClip) + 1;

struct UnaryParams {
  float alpha = 0.0f;
  float beta = 0.0f;
};

// y = f(x) for the function `op`; threaded over `pool` (nullable) for large n.
void unary_f32(UnaryF32 op, const float* x, float* y, int64_t n, UnaryParams params = {},
               ThreadPool* pool = nullptr);

// y = max(x, 0)
void relu_f32(const float* x, float* y, int64_t n, ThreadPool* pool = nullptr);
// y = min(max(x, lo), hi)  (numpy.clip order: when lo > hi every output is hi)
void clip_f32(const float* x, float* y, int64_t n, float lo, float hi, ThreadPool* pool = nullptr);
// y = 1 / (1 + exp(-x)), computed from exp(-|x|) so it never overflows; relative error ~1e-7.
void sigmoid_f32(const float* x, float* y, int64_t n, ThreadPool* pool = nullptr);

// Plain scalar reference (the test oracle), single-threaded.
namespace reference {
void unary_f32(UnaryF32 op, const float* x, float* y, int64_t n, UnaryParams params = {});
void relu_f32(const float* x, float* y, int64_t n);
void clip_f32(const float* x, float* y, int64_t n, float lo, float hi);
void sigmoid_f32(const float* x, float* y, int64_t n);
}  // namespace reference

// Highway SIMD for the current best target (dynamic dispatch), single-threaded; ignores
// force_scalar_kernels() so tests can compare it with the reference.
namespace simd {
void unary_f32(UnaryF32 op, const float* x, float* y, int64_t n, UnaryParams params = {});
void relu_f32(const float* x, float* y, int64_t n);
void clip_f32(const float* x, float* y, int64_t n, float lo, float hi);
void sigmoid_f32(const float* x, float* y, int64_t n);
}  // namespace simd

}  // namespace onyx::kernels
