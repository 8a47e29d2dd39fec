// Unary elementwise float32 kernels: Relu, Clip, Sigmoid.
//
// Contracts (all functions): x and y hold n elements; y may equal x (in-place) but must not
// partially overlap it. No alignment requirement. NaN inputs give NaN outputs.
// The top-level functions pick the SIMD target at run time (or the scalar reference when
// force_scalar_kernels()) and split work over `pool` (nullable) for large n.
#pragma once

#include <cstdint>

#include "base/thread_pool.h"

namespace onyx::kernels {

// y = max(x, 0)
void relu_f32(const float* x, float* y, int64_t n, ThreadPool* pool = nullptr);
// y = min(max(x, lo), hi)  (numpy.clip order: when lo > hi every output is hi)
void clip_f32(const float* x, float* y, int64_t n, float lo, float hi, ThreadPool* pool = nullptr);
// y = 1 / (1 + exp(-x)), computed from exp(-|x|) so it never overflows; relative error ~1e-7.
void sigmoid_f32(const float* x, float* y, int64_t n, ThreadPool* pool = nullptr);

// Plain scalar reference (the test oracle), single-threaded.
namespace reference {
void relu_f32(const float* x, float* y, int64_t n);
void clip_f32(const float* x, float* y, int64_t n, float lo, float hi);
void sigmoid_f32(const float* x, float* y, int64_t n);
}  // namespace reference

// Highway SIMD for the current best target (dynamic dispatch), single-threaded; ignores
// force_scalar_kernels() so tests can compare it with the reference.
namespace simd {
void relu_f32(const float* x, float* y, int64_t n);
void clip_f32(const float* x, float* y, int64_t n, float lo, float hi);
void sigmoid_f32(const float* x, float* y, int64_t n);
}  // namespace simd

}  // namespace onyx::kernels
