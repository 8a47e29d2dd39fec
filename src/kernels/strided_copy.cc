#include "kernels/strided_copy.h"

#include <cstring>
#include <vector>

namespace onyx::kernels {
namespace {

// The view with size-1 dims dropped and mergeable neighbours (outer stride = inner stride *
// inner size) fused, so the innermost run is as long as possible.
struct View {
  std::vector<int64_t> dims, strides;
  int64_t numel = 1;
};

View simplify(std::span<const int64_t> out_dims, std::span<const int64_t> src_strides) {
  View v;
  for (size_t d = 0; d < out_dims.size(); ++d) {
    v.numel *= out_dims[d];
    if (out_dims[d] == 1) continue;
    if (!v.dims.empty() && v.strides.back() == src_strides[d] * out_dims[d]) {
      v.dims.back() *= out_dims[d];
      v.strides.back() = src_strides[d];
      continue;
    }
    v.dims.push_back(out_dims[d]);
    v.strides.push_back(src_strides[d]);
  }
  if (v.dims.empty()) {
    v.dims.push_back(1);
    v.strides.push_back(1);
  }
  return v;
}

// Source offset (elements) of the first element of row `row` (rows = all dims but the last).
int64_t row_offset(const View& v, int64_t row) {
  int64_t off = 0;
  for (size_t d = v.dims.size() - 1; d-- > 0;) {
    off += (row % v.dims[d]) * v.strides[d];
    row /= v.dims[d];
  }
  return off;
}

template <class T>
void copy_row(const T* src, T* dst, int64_t n, int64_t stride) {
  if (stride == 1) {
    if constexpr (std::is_trivially_copyable_v<T>)
      std::memcpy(dst, src, static_cast<size_t>(n) * sizeof(T));
    else
      for (int64_t i = 0; i < n; ++i) dst[i] = src[i];
  } else if (stride == 0) {
    for (int64_t i = 0; i < n; ++i) dst[i] = *src;
  } else {
    for (int64_t i = 0; i < n; ++i) dst[i] = src[i * stride];
  }
}

template <class T>
void copy_rows(const T* src, T* dst, const View& v, int64_t begin, int64_t end) {
  const int64_t n = v.dims.back(), stride = v.strides.back();
  for (int64_t r = begin; r < end; ++r) copy_row(src + row_offset(v, r), dst + r * n, n, stride);
}

template <class T>
void copy_all(const T* src, T* dst, const View& v, ThreadPool* pool) {
  if (v.numel == 0) return;
  const int64_t n = v.dims.back(), rows = v.numel / n;
  if (pool == nullptr || v.numel < (1 << 16)) {
    copy_rows(src, dst, v, 0, rows);
    return;
  }
  const int64_t grain = std::max<int64_t>(1, (1 << 14) / n);
  pool->parallel_for(rows, grain, [&](int64_t b, int64_t e) { copy_rows(src, dst, v, b, e); });
}

}  // namespace

void strided_copy(const void* src, void* dst, size_t elem_size, std::span<const int64_t> out_dims,
                  std::span<const int64_t> src_strides, ThreadPool* pool) {
  const View v = simplify(out_dims, src_strides);
  switch (elem_size) {
    case 1:
      return copy_all(static_cast<const uint8_t*>(src), static_cast<uint8_t*>(dst), v, pool);
    case 2:
      return copy_all(static_cast<const uint16_t*>(src), static_cast<uint16_t*>(dst), v, pool);
    case 4:
      return copy_all(static_cast<const uint32_t*>(src), static_cast<uint32_t*>(dst), v, pool);
    case 8:
      return copy_all(static_cast<const uint64_t*>(src), static_cast<uint64_t*>(dst), v, pool);
    default: {
      // Any other element size: copy bytes, treating each element as a row of elem_size bytes.
      std::vector<int64_t> dims(v.dims), strides(v.strides);
      for (int64_t& s : strides) s *= static_cast<int64_t>(elem_size);
      dims.push_back(static_cast<int64_t>(elem_size));
      strides.push_back(1);
      const View bytes = simplify(dims, strides);
      return copy_all(static_cast<const uint8_t*>(src), static_cast<uint8_t*>(dst), bytes, pool);
    }
  }
}

void strided_copy_strings(const std::string* src, std::string* dst,
                          std::span<const int64_t> out_dims, std::span<const int64_t> src_strides) {
  copy_all(src, dst, simplify(out_dims, src_strides), nullptr);
}

}  // namespace onyx::kernels
