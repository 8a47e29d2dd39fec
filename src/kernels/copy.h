// Strided row copies: the building block of Concat (and of any op that stitches slabs together).
//
// Units: strides and row lengths are in elements of `elem_size` bytes (or std::string objects for
// the *_strings variant). Row r of `src` (at src + r * src_stride) is copied to dst + r *
// dst_stride. Source and destination must not overlap. `pool` may be null.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/thread_pool.h"

namespace onyx::kernels {

void copy_rows(const void* src, int64_t src_stride, void* dst, int64_t dst_stride, int64_t row_len,
               int64_t rows, size_t elem_size, ThreadPool* pool = nullptr);
void copy_string_rows(const std::string* src, int64_t src_stride, std::string* dst,
                      int64_t dst_stride, int64_t row_len, int64_t rows);

}  // namespace onyx::kernels
