// Pooling over 1-3 spatial dims (float32; MaxPool also double, int8, uint8), NC(D)(H)W layout.
// Windows start at o*stride - pad_begin and take kernel positions k*dilation; positions outside the
// input are skipped (max) or handled per count_include_pad (average). Output sizes are given by the
// caller (so ceil_mode and auto_pad are decided by the op). Parallel over (n, c) planes on `pool`
// (nullable).
//
// Fast paths (Highway, unless force_scalar_kernels()): float32 max / average pooling over 1-2
// spatial dims (MaxPool without indices) compute the output columns whose window lies inside the
// row a vector at a time for strides 1 and 2 (other strides, border columns and 3-D use the
// reference loops); GlobalAveragePool / GlobalMaxPool reduce with vectors. Max pooling is exact
// (same elements in the same order, NaN wins only when first in its window); average pooling sums
// in float in the reference's window order and divides by the same count (the reference sums in
// double), so it agrees within float rounding; global max agrees exactly except that of +0 and -0
// tying for the max either may be returned; global average agrees within float rounding.
#pragma once

#include <cstdint>

#include "base/thread_pool.h"

namespace onyx::kernels {

constexpr int kPoolMaxSpatialRank = 3;

struct PoolShape {
  int64_t batch = 1, channels = 1;
  int spatial_rank = 2;
  int64_t in[kPoolMaxSpatialRank] = {}, kernel[kPoolMaxSpatialRank] = {},
          out[kPoolMaxSpatialRank] = {}, stride[kPoolMaxSpatialRank] = {},
          dilation[kPoolMaxSpatialRank] = {}, pad_begin[kPoolMaxSpatialRank] = {},
          pad_end[kPoolMaxSpatialRank] = {};
};

// y = max over each window's in-bounds elements (a window with none yields -inf).
// indices (nullable): flat index of the max into x (over N, C and spatial dims; row-major, or
// with the spatial dims in column-major order when `column_major_indices`); first max wins.
// T: float, double, int8_t, uint8_t (a window with none in bounds yields the lowest value).
template <class T>
void max_pool(const PoolShape& s, const T* x, T* y, int64_t* indices, bool column_major_indices,
              ThreadPool* pool);

// y = (sum of |x|^p over the window's in-bounds elements)^(1/p); pads contribute nothing.
void lp_pool(const PoolShape& s, const float* x, float* y, float p, ThreadPool* pool);

// y = sum of the window's in-bounds elements / divisor, where the divisor counts in-bounds
// elements, or with count_include_pad every window position inside the padded input
// [-pad_begin, in + pad_end) (positions past that, from ceil_mode, are never counted).
void average_pool(const PoolShape& s, const float* x, float* y, bool count_include_pad,
                  ThreadPool* pool);

// y[p] = mean of x[p * plane_size .. (p+1) * plane_size) for p in [0, planes).
void global_average_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                         ThreadPool* pool);

// y[p] = max of plane p (-inf for an empty plane).
void global_max_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                     ThreadPool* pool);
// y[p] = (sum of |x|^p over plane p)^(1/p).
void global_lp_pool(int64_t planes, int64_t plane_size, float p, const float* x, float* y,
                    ThreadPool* pool);

// The reference loops (test oracle) and the fast paths regardless of force_scalar_kernels().
namespace reference {
template <class T>
void max_pool(const PoolShape& s, const T* x, T* y, int64_t* indices, bool column_major_indices,
              ThreadPool* pool);
void average_pool(const PoolShape& s, const float* x, float* y, bool count_include_pad,
                  ThreadPool* pool);
void global_average_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                         ThreadPool* pool);
void global_max_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                     ThreadPool* pool);
}  // namespace reference
namespace simd {
void max_pool(const PoolShape& s, const float* x, float* y, ThreadPool* pool);
void average_pool(const PoolShape& s, const float* x, float* y, bool count_include_pad,
                  ThreadPool* pool);
void global_average_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                         ThreadPool* pool);
void global_max_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                     ThreadPool* pool);
}  // namespace simd

// Local response normalization across channels, x and y [batch, channels, plane_size]:
//   y[n, c, i] = x[n, c, i] / (bias + alpha / size * sum_{c'} x[n, c', i]^2)^beta
// over c' in [c - floor((size-1)/2), c + ceil((size-1)/2)] clipped to [0, channels).
struct LrnParams {
  int64_t size = 1;
  float alpha = 1e-4f, beta = 0.75f, bias = 1.0f;
};
void lrn(int64_t batch, int64_t channels, int64_t plane_size, const LrnParams& params,
         const float* x, float* y, ThreadPool* pool);

}  // namespace onyx::kernels
