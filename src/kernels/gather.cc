#include "kernels/gather.h"

#include <algorithm>
#include <cstring>

namespace onyx::kernels {
namespace {

template <typename Index>
int64_t first_bad_index(const Index* indices, int64_t n, int64_t axis_dim) {
  for (int64_t k = 0; k < n; ++k) {
    const int64_t v = static_cast<int64_t>(indices[k]);
    if (v < -axis_dim || v >= axis_dim) return k;
  }
  return -1;
}

template <typename Index>
inline int64_t resolve(Index v, int64_t axis_dim) {
  const int64_t i = static_cast<int64_t>(v);
  return i < 0 ? i + axis_dim : i;
}

template <typename Index>
int64_t gather_bytes(const void* data, void* out, size_t elem_size, int64_t outer, int64_t axis_dim,
                     int64_t inner, const Index* indices, int64_t num_indices, ThreadPool* pool) {
  const int64_t bad = first_bad_index(indices, num_indices, axis_dim);
  if (bad >= 0) return bad;
  const auto* src = static_cast<const char*>(data);
  auto* dst = static_cast<char*>(out);
  const size_t slab = static_cast<size_t>(inner) * elem_size;  // bytes per gathered slice
  // One unit = one (outer, index) slice.
  auto body = [&](int64_t begin, int64_t end) {
    for (int64_t u = begin; u < end; ++u) {
      const int64_t o = u / num_indices, n = u % num_indices;
      const int64_t row = o * axis_dim + resolve(indices[n], axis_dim);
      std::memcpy(dst + static_cast<size_t>(u) * slab, src + static_cast<size_t>(row) * slab, slab);
    }
  };
  const int64_t units = outer * num_indices;
  if (units == 0 || slab == 0) return -1;
  constexpr size_t kMinChunkBytes = size_t{1} << 16;
  const int64_t grain = static_cast<int64_t>(std::max<size_t>(1, kMinChunkBytes / slab));
  if (pool && pool->num_threads() > 1 && units > grain)
    pool->parallel_for(units, grain, body);
  else
    body(0, units);
  return -1;
}

template <typename Index>
int64_t gather_string_impl(const std::string* data, std::string* out, int64_t outer,
                           int64_t axis_dim, int64_t inner, const Index* indices,
                           int64_t num_indices) {
  const int64_t bad = first_bad_index(indices, num_indices, axis_dim);
  if (bad >= 0) return bad;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t n = 0; n < num_indices; ++n) {
      const std::string* s = data + (o * axis_dim + resolve(indices[n], axis_dim)) * inner;
      std::copy(s, s + inner, out + (o * num_indices + n) * inner);
    }
  return -1;
}

}  // namespace

int64_t gather(const void* data, void* out, size_t elem_size, int64_t outer, int64_t axis_dim,
               int64_t inner, const int64_t* indices, int64_t num_indices, ThreadPool* pool) {
  return gather_bytes(data, out, elem_size, outer, axis_dim, inner, indices, num_indices, pool);
}
int64_t gather(const void* data, void* out, size_t elem_size, int64_t outer, int64_t axis_dim,
               int64_t inner, const int32_t* indices, int64_t num_indices, ThreadPool* pool) {
  return gather_bytes(data, out, elem_size, outer, axis_dim, inner, indices, num_indices, pool);
}
int64_t gather_strings(const std::string* data, std::string* out, int64_t outer, int64_t axis_dim,
                       int64_t inner, const int64_t* indices, int64_t num_indices) {
  return gather_string_impl(data, out, outer, axis_dim, inner, indices, num_indices);
}
int64_t gather_strings(const std::string* data, std::string* out, int64_t outer, int64_t axis_dim,
                       int64_t inner, const int32_t* indices, int64_t num_indices) {
  return gather_string_impl(data, out, outer, axis_dim, inner, indices, num_indices);
}

}  // namespace onyx::kernels
