#include "kernels/copy.h"

#include <algorithm>
#include <cstring>

namespace onyx::kernels {

void copy_rows(const void* src, int64_t src_stride, void* dst, int64_t dst_stride, int64_t row_len,
               int64_t rows, size_t elem_size, ThreadPool* pool) {
  if (rows <= 0 || row_len <= 0) return;
  const auto* s = static_cast<const char*>(src);
  auto* d = static_cast<char*>(dst);
  const size_t row_bytes = static_cast<size_t>(row_len) * elem_size;
  const int64_t es = static_cast<int64_t>(elem_size);
  if (src_stride == row_len && dst_stride == row_len) {  // one contiguous block
    std::memcpy(d, s, row_bytes * static_cast<size_t>(rows));
    return;
  }
  auto body = [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r)
      std::memcpy(d + r * dst_stride * es, s + r * src_stride * es, row_bytes);
  };
  // Parallel only when there is enough to move (about 256 KiB per chunk).
  constexpr size_t kMinChunkBytes = size_t{1} << 18;
  const int64_t grain = static_cast<int64_t>(std::max<size_t>(1, kMinChunkBytes / row_bytes));
  if (pool && pool->num_threads() > 1 && rows > grain)
    pool->parallel_for(rows, grain, body);
  else
    body(0, rows);
}

void copy_string_rows(const std::string* src, int64_t src_stride, std::string* dst,
                      int64_t dst_stride, int64_t row_len, int64_t rows) {
  for (int64_t r = 0; r < rows; ++r)
    std::copy(src + r * src_stride, src + r * src_stride + row_len, dst + r * dst_stride);
}

}  // namespace onyx::kernels
