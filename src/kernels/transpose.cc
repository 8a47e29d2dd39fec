#include "kernels/transpose.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <type_traits>
#include <vector>

#include "base/cpu.h"
#include "kernels/elementwise_parallel.h"

namespace onyx::kernels {
namespace {

struct Bytes16 {
  uint64_t lo, hi;
};

// Minimum elements per parallel chunk: below this, threading costs more than it saves.
constexpr int64_t kMinElemsPerChunk = 16384;

// Ranks up to this run the blocked path without heap allocation; higher ranks (no real model has
// them) fall back to the reference walk.
constexpr size_t kMaxFastRank = 16;

// Fixed-capacity vector of at most kMaxFastRank items (the blocked path's index arrays).
template <class T>
struct SmallVec {
  T items[kMaxFastRank] = {};
  size_t count = 0;

  SmallVec() = default;
  explicit SmallVec(size_t n, T value = T()) : count(n) { std::fill(items, items + n, value); }
  size_t size() const { return count; }
  bool empty() const { return count == 0; }
  void push_back(const T& v) { items[count++] = v; }
  T& back() { return items[count - 1]; }
  T& operator[](size_t i) { return items[i]; }
  const T& operator[](size_t i) const { return items[i]; }
  T* begin() { return items; }
  T* end() { return items + count; }
  const T* begin() const { return items; }
  const T* end() const { return items + count; }
};
using Axes = SmallVec<int64_t>;

Axes row_major_strides(const Axes& dims) {
  Axes strides(dims.size(), 1);
  for (size_t a = dims.size(); a-- > 1;) strides[a - 1] = strides[a] * dims[a];
  return strides;
}

// An equivalent, smaller problem: size-1 axes dropped, axes that stay adjacent merged.
struct Simplified {
  Axes dims;  // input dims
  Axes perm;
  int64_t numel = 1;
};

Simplified simplify(std::span<const int64_t> in_dims, std::span<const int64_t> perm) {
  const size_t rank = in_dims.size();
  Simplified s;
  for (int64_t d : in_dims) s.numel *= d;
  Axes new_axis(rank, -1), dims;
  for (size_t a = 0; a < rank; ++a)
    if (in_dims[a] != 1) {
      new_axis[a] = static_cast<int64_t>(dims.size());
      dims.push_back(in_dims[a]);
    }
  // Runs of consecutive input axes in output order: (first, last) input axis.
  SmallVec<std::pair<int64_t, int64_t>> groups;
  for (size_t k = 0; k < rank; ++k) {
    int64_t a = new_axis[static_cast<size_t>(perm[k])];
    if (a < 0) continue;
    if (!groups.empty() && a == groups.back().second + 1)
      groups.back().second = a;
    else
      groups.push_back({a, a});
  }
  SmallVec<size_t> order(groups.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t x, size_t y) { return groups[x].first < groups[y].first; });
  Axes position(groups.size());
  s.dims = Axes(groups.size());
  s.perm = Axes(groups.size());
  for (size_t pos = 0; pos < order.size(); ++pos) {
    const auto& g = groups[order[pos]];
    int64_t size = 1;
    for (int64_t a = g.first; a <= g.second; ++a) size *= dims[static_cast<size_t>(a)];
    s.dims[pos] = size;
    position[order[pos]] = static_cast<int64_t>(pos);
  }
  for (size_t k = 0; k < groups.size(); ++k) s.perm[k] = position[k];
  return s;
}

template <typename T>
void transpose_blocked_typed(const T* in, T* out, const Simplified& s, ThreadPool* pool) {
  const int rank = static_cast<int>(s.dims.size());
  if (s.numel == 0) return;
  if (rank <= 1) {
    std::copy(in, in + s.numel, out);
    return;
  }
  const Axes in_stride = row_major_strides(s.dims);
  Axes out_dims(static_cast<size_t>(rank));
  for (int k = 0; k < rank; ++k) out_dims[k] = s.dims[static_cast<size_t>(s.perm[k])];
  const Axes out_stride = row_major_strides(out_dims);
  // Input stride of output axis k.
  Axes src_step(static_cast<size_t>(rank));
  for (int k = 0; k < rank; ++k) src_step[k] = in_stride[static_cast<size_t>(s.perm[k])];

  if (s.perm[rank - 1] == rank - 1) {
    // Innermost axis unmoved: copy contiguous rows, odometer over the outer output axes.
    const int64_t row_len = s.dims[rank - 1];
    const int64_t rows = s.numel / row_len;
    parallel_ranges(pool, rows, std::max<int64_t>(1, kMinElemsPerChunk / row_len),
                    [&](int64_t begin, int64_t end) {
                      Axes idx(static_cast<size_t>(rank - 1));
                      int64_t rem = begin, src = 0;
                      for (int k = rank - 2; k >= 0; --k) {
                        idx[k] = rem % out_dims[k];
                        rem /= out_dims[k];
                        src += idx[k] * src_step[k];
                      }
                      for (int64_t t = begin; t < end; ++t) {
                        std::copy(in + src, in + src + row_len, out + t * row_len);
                        for (int k = rank - 2; k >= 0; --k) {
                          src += src_step[k];
                          if (++idx[k] < out_dims[k]) break;
                          src -= out_dims[k] * src_step[k];
                          idx[k] = 0;
                        }
                      }
                    });
    return;
  }

  // 2-D sub-problem between output axis `b` (the input's innermost axis) and output axis rank-1
  // (input axis `a`): out[j * ldd + i] = in[i * lds + j], batched over the other output axes.
  const int64_t a = s.perm[rank - 1];
  const int b =
      static_cast<int>(std::find(s.perm.begin(), s.perm.end(), rank - 1) - s.perm.begin());
  const int64_t n_i = s.dims[static_cast<size_t>(a)], n_j = s.dims[rank - 1];
  const int64_t lds = in_stride[static_cast<size_t>(a)], ldd = out_stride[static_cast<size_t>(b)];
  SmallVec<int> batch_axes;
  int64_t batch = 1;
  for (int k = 0; k < rank - 1; ++k)
    if (k != b) {
      batch_axes.push_back(k);
      batch *= out_dims[k];
    }
  constexpr int64_t kTile = std::is_same_v<T, uint32_t>
                                ? 32
                                : std::clamp<int64_t>(64 / static_cast<int64_t>(sizeof(T)), 8, 32);
  Transpose2D32Fn tile32 = nullptr;
  if constexpr (std::is_same_v<T, uint32_t>) tile32 = transpose_2d_32_best();
  // Column strip width: kTile, widened for short columns so each work item moves >= ~2K elements.
  const int64_t strip = std::is_same_v<T, uint32_t>
                            ? std::min(std::max<int64_t>(kTile, (2048 / n_i) / kTile * kTile),
                                       (n_j + kTile - 1) / kTile * kTile)
                            : kTile;
  const int64_t j_blocks = (n_j + strip - 1) / strip;
  const int64_t grain = std::max<int64_t>(1, kMinElemsPerChunk / (strip * n_i));
  parallel_ranges(pool, batch * j_blocks, grain, [&](int64_t begin, int64_t end) {
    for (int64_t unit = begin; unit < end; ++unit) {
      int64_t rem = unit / j_blocks, src_base = 0, dst_base = 0;
      for (size_t q = batch_axes.size(); q-- > 0;) {
        int k = batch_axes[q];
        int64_t idx = rem % out_dims[k];
        rem /= out_dims[k];
        src_base += idx * src_step[k];
        dst_base += idx * out_stride[k];
      }
      const int64_t j0 = (unit % j_blocks) * strip, j1 = std::min(n_j, j0 + strip);
      const T* src = in + src_base;
      T* dst = out + dst_base;
      if constexpr (std::is_same_v<T, uint32_t>) {
        // One column strip, all rows: dst rows are written contiguously.
        tile32(src + j0, lds, dst + j0 * ldd, ldd, n_i, j1 - j0);
        continue;
      }
      for (int64_t i0 = 0; i0 < n_i; i0 += kTile) {
        const int64_t i1 = std::min(n_i, i0 + kTile);
        for (int64_t j = j0; j < j1; ++j) {
          const T* s_col = src + i0 * lds + j;
          T* d_row = dst + j * ldd;
          for (int64_t i = i0; i < i1; ++i, s_col += lds) d_row[i] = *s_col;
        }
      }
    }
  });
}

// Calls copy(out_index, in_index) for every element, output in row-major order.
template <typename CopyElem>
void reference_walk(std::span<const int64_t> in_dims, std::span<const int64_t> perm,
                    CopyElem copy) {
  const size_t rank = in_dims.size();
  int64_t numel = 1;
  for (int64_t d : in_dims) numel *= d;
  if (numel == 0) return;
  std::vector<int64_t> in_stride(rank, 1);
  for (size_t a = rank; a-- > 1;) in_stride[a - 1] = in_stride[a] * in_dims[a];
  std::vector<int64_t> idx(rank, 0);
  int64_t src = 0;
  for (int64_t t = 0; t < numel; ++t) {
    copy(t, src);
    for (size_t k = rank; k-- > 0;) {
      const int64_t axis = perm[k];
      src += in_stride[axis];
      if (++idx[k] < in_dims[axis]) break;
      src -= in_dims[axis] * in_stride[axis];
      idx[k] = 0;
    }
  }
}

}  // namespace

void transpose_reference(const void* in, void* out, size_t elem_size,
                         std::span<const int64_t> in_dims, std::span<const int64_t> perm) {
  const auto* src = static_cast<const char*>(in);
  auto* dst = static_cast<char*>(out);
  reference_walk(in_dims, perm, [&](int64_t o, int64_t i) {
    std::memcpy(dst + o * elem_size, src + i * elem_size, elem_size);
  });
}

void transpose_strings_reference(const std::string* in, std::string* out,
                                 std::span<const int64_t> in_dims, std::span<const int64_t> perm) {
  reference_walk(in_dims, perm, [&](int64_t o, int64_t i) { out[o] = in[i]; });
}

void transpose_blocked(const void* in, void* out, size_t elem_size,
                       std::span<const int64_t> in_dims, std::span<const int64_t> perm,
                       ThreadPool* pool) {
  if (in_dims.size() > kMaxFastRank) return transpose_reference(in, out, elem_size, in_dims, perm);
  const Simplified s = simplify(in_dims, perm);
  switch (elem_size) {
    case 1:
      return transpose_blocked_typed(static_cast<const uint8_t*>(in), static_cast<uint8_t*>(out), s,
                                     pool);
    case 2:
      return transpose_blocked_typed(static_cast<const uint16_t*>(in), static_cast<uint16_t*>(out),
                                     s, pool);
    case 4:
      return transpose_blocked_typed(static_cast<const uint32_t*>(in), static_cast<uint32_t*>(out),
                                     s, pool);
    case 8:
      return transpose_blocked_typed(static_cast<const uint64_t*>(in), static_cast<uint64_t*>(out),
                                     s, pool);
    case 16:
      return transpose_blocked_typed(static_cast<const Bytes16*>(in), static_cast<Bytes16*>(out), s,
                                     pool);
    default:  // no dtype has another size; keep it correct anyway
      return transpose_reference(in, out, elem_size, {s.dims.begin(), s.dims.end()},
                                 {s.perm.begin(), s.perm.end()});
  }
}

void transpose_strings_blocked(const std::string* in, std::string* out,
                               std::span<const int64_t> in_dims, std::span<const int64_t> perm,
                               ThreadPool* pool) {
  if (in_dims.size() > kMaxFastRank) return transpose_strings_reference(in, out, in_dims, perm);
  transpose_blocked_typed(in, out, simplify(in_dims, perm), pool);
}

void transpose(const void* in, void* out, size_t elem_size, std::span<const int64_t> in_dims,
               std::span<const int64_t> perm, ThreadPool* pool) {
  if (force_scalar_kernels())
    transpose_reference(in, out, elem_size, in_dims, perm);
  else
    transpose_blocked(in, out, elem_size, in_dims, perm, pool);
}

void transpose_strings(const std::string* in, std::string* out, std::span<const int64_t> in_dims,
                       std::span<const int64_t> perm, ThreadPool* pool) {
  if (force_scalar_kernels())
    transpose_strings_reference(in, out, in_dims, perm);
  else
    transpose_strings_blocked(in, out, in_dims, perm, pool);
}

}  // namespace onyx::kernels
