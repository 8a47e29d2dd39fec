// Normalization kernels (LayerNormalization, RMSNormalization, InstanceNormalization,
// GroupNormalization, LpNormalization, MeanVarianceNormalization).
//
// Row normalization over `rows` contiguous rows of `n` values each:
//   centered (layer/instance/group norm): m = mean(x), v = mean((x - m)^2)
//   uncentered (RMS norm):                m = 0,       v = mean(x^2)
//   r = 1 / sqrt(v + epsilon);  y = (x - m) * r * scale[j] + bias[j]   (j = index in the row)
// scale/bias are optional (nullptr = 1 / 0) and hold n values shared by every row. mean/inv_std
// (optional, `rows` values) receive m and r. Two passes over the row (mean, then squared
// deviations), accumulated in the element type. y may equal x; no partial overlap. rows == 0 or
// n == 0 does nothing (a zero-length row leaves mean/inv_std untouched).
#pragma once

#include <cstdint>

#include "base/thread_pool.h"

namespace onyx::kernels {

template <class T>
struct NormRows {
  int64_t rows = 0, n = 0;
  T epsilon = T(0);
  bool centered = true;
  const T* scale = nullptr;  // n values or nullptr
  const T* bias = nullptr;   // n values or nullptr
  T* mean = nullptr;         // rows values or nullptr
  T* inv_std = nullptr;      // rows values or nullptr
};

// float32: Highway SIMD unless ONYX_ISA=scalar; threaded over rows.
void normalize_rows(const float* x, float* y, const NormRows<float>& p, ThreadPool* pool = nullptr);
// float64: scalar, threaded over rows.
void normalize_rows(const double* x, double* y, const NormRows<double>& p,
                    ThreadPool* pool = nullptr);

// Residual add then row normalization in one pass over memory (SkipLayerNorm):
//   s = a + b (float32, as Add computes it);  y = normalize_rows(s)
// a, b, y (and sum when given) hold p.rows * p.n values; sum (nullable) receives s. Each block of
// rows is summed into sum (or y) and normalized while it is in cache. y and sum may equal a or b
// (each element is read before it is written); y must not equal sum. p.mean and p.inv_std are
// ignored.
void add_normalize_rows(const float* a, const float* b, float* sum, float* y,
                        const NormRows<float>& p, ThreadPool* pool = nullptr);

namespace reference {  // scalar, single-threaded (the test oracle)
void normalize_rows(const float* x, float* y, const NormRows<float>& p);
void add_normalize_rows(const float* a, const float* b, float* sum, float* y,
                        const NormRows<float>& p);
}  // namespace reference
namespace simd {  // best Highway target, single-threaded
void normalize_rows(const float* x, float* y, const NormRows<float>& p);
}  // namespace simd

// Per-channel affine on [outer, channels, inner]: y = y * scale[c] + bias[c], in place.
// scale/bias hold `channels` values (nullptr = 1 / 0).
template <class T>
void channel_affine(T* y, int64_t outer, int64_t channels, int64_t inner, const T* scale,
                    const T* bias);

// Lp normalization along the middle axis of [outer, n, inner]: y = x / (sum_k |x|^p)^(1/p) with
// p = 1 or 2; a zero vector gives zeros (as ONNX's reference does). y may equal x.
template <class T>
void lp_normalize(const T* x, T* y, int64_t outer, int64_t n, int64_t inner, int p);

// Mean-variance normalization over the axes where reduced[k] != 0 of a contiguous tensor with
// `rank` dims: y = (x - mean) / (sqrt(mean((x - mean)^2)) + epsilon), statistics taken over the
// reduced axes for each position of the kept ones. Scalar, accumulates in double in `workspace`
// (mean_variance_workspace() doubles). y may equal x.
int64_t mean_variance_workspace(const int64_t* dims, const uint8_t* reduced, int rank);
template <class T>
void mean_variance_normalize(const T* x, T* y, const int64_t* dims, const uint8_t* reduced,
                             int rank, double epsilon, double* workspace);

}  // namespace onyx::kernels
