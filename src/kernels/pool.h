// Float32 pooling over 1-3 spatial dims, NC(D)(H)W layout. Windows start at
// o*stride - pad_begin and take kernel positions k*dilation; positions outside the input are
// skipped (max) or handled per count_include_pad (average). Output sizes are given by the caller
// (so ceil_mode and auto_pad are decided by the op). Parallel over (n, c) planes on `pool`
// (nullable).
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
void max_pool(const PoolShape& s, const float* x, float* y, int64_t* indices,
              bool column_major_indices, ThreadPool* pool);

// y = sum of the window's in-bounds elements / divisor, where the divisor counts in-bounds
// elements, or with count_include_pad every window position inside the padded input
// [-pad_begin, in + pad_end) (positions past that, from ceil_mode, are never counted).
void average_pool(const PoolShape& s, const float* x, float* y, bool count_include_pad,
                  ThreadPool* pool);

// y[p] = mean of x[p * plane_size .. (p+1) * plane_size) for p in [0, planes).
void global_average_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                         ThreadPool* pool);

}  // namespace onyx::kernels
