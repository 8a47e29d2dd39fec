// Strided element copies: the one loop behind Expand, Tile, Slice, SpaceToDepth and other ops
// that read their input through a strided view.
//
// dst is dense, row-major, of shape out_dims. Output element (i0, .., ik) is read from
//   src + sum_d i_d * src_strides[d]
// Units: strides are in elements of `elem_size` bytes (std::string objects for the string
// variant) and may be 0 (broadcast) or negative (reversed reads). src must not overlap dst.
// Runs of the innermost dim with stride 1 are memcpy'd; stride 0 runs are filled.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "base/thread_pool.h"

namespace onyx::kernels {

void strided_copy(const void* src, void* dst, size_t elem_size, std::span<const int64_t> out_dims,
                  std::span<const int64_t> src_strides, ThreadPool* pool = nullptr);
void strided_copy_strings(const std::string* src, std::string* dst,
                          std::span<const int64_t> out_dims, std::span<const int64_t> src_strides);

}  // namespace onyx::kernels
