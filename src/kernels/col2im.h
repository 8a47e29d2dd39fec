// Col2Im: rearranges column blocks into an N-d image, summing where blocks overlap (the inverse
// layout of im2col; ONNX Col2Im).
//
// x is [planes, K, L] with K = prod(block) block offsets and L = prod(count) block positions
// (row-major over the spatial axes); y is [planes, prod(image)] and is overwritten. Block position
// l_d and offset k_d land at image index l_d * stride_d - pad_begin_d + k_d * dilation_d; indices
// outside [0, image_d) are dropped. Every span has one entry per spatial axis. x and y must not
// overlap. `pool` may be null.
#pragma once

#include <cstdint>
#include <span>

#include "base/thread_pool.h"

namespace onyx::kernels {

struct Col2ImGeometry {
  std::span<const int64_t> image, block, dilations, strides, pad_begin, count;
};

template <class T>
void col2im(const T* x, T* y, int64_t planes, const Col2ImGeometry& g, ThreadPool* pool);

}  // namespace onyx::kernels
