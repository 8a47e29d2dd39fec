// Softmax, LogSoftmax and Hardmax over one axis of a contiguous tensor viewed as [outer, n, inner]:
//   softmax:     y[o, k, i] = exp(x[o, k, i] - m) / sum_k exp(x[o, k, i] - m),  m = max_k x[o, k,
//   i] log_softmax: y[o, k, i] = x[o, k, i] - m - log(sum_k exp(x[o, k, i] - m)) hardmax:     y[o,
//   k, i] = 1 where k is the first index of max_k x[o, k, i], else 0
// inner == 1 is the common "last axis" case (rows of n contiguous values); inner > 1 handles any
// other axis without a transpose (vectorized along inner).
//
// Numerics: max subtraction keeps exp arguments <= 0, so nothing overflows; a row containing NaN
// or +inf yields NaN (as numpy does). y may equal x (in-place), no partial overlap. No alignment
// requirement. n == 0 or outer == 0 or inner == 0 does nothing.
#pragma once

#include <cstdint>

#include "base/thread_pool.h"

namespace onyx::kernels {

void softmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner,
                 ThreadPool* pool = nullptr);

// float64, scalar (double accumulation), threaded over rows/columns like softmax_f32.
void softmax_f64(const double* x, double* y, int64_t outer, int64_t n, int64_t inner,
                 ThreadPool* pool = nullptr);

void log_softmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner,
                     ThreadPool* pool = nullptr);
void log_softmax_f64(const double* x, double* y, int64_t outer, int64_t n, int64_t inner,
                     ThreadPool* pool = nullptr);

// Scalar (no hot path); threaded like softmax_f32.
void hardmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner,
                 ThreadPool* pool = nullptr);
void hardmax_f64(const double* x, double* y, int64_t outer, int64_t n, int64_t inner,
                 ThreadPool* pool = nullptr);

namespace reference {  // scalar, single-threaded, float accumulation like the SIMD path
void softmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner);
void log_softmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner);
}  // namespace reference

namespace simd {  // best Highway target, single-threaded
void softmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner);
void log_softmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner);
}  // namespace simd

}  // namespace onyx::kernels
