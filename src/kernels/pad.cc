#include "kernels/pad.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <functional>
#include <vector>

namespace onyx::kernels {
namespace {

struct Bytes16 {
  uint64_t lo, hi;
};

// One axis after cropping: input elements [crop, crop + len) land at output [pad_begin, ...).
struct AxisMap {
  int64_t crop = 0, len = 0, pad_begin = 0, out_dim = 0;
};

// Input index feeding output index `o` on this axis, or -1 for the constant value.
inline int64_t source_index(const AxisMap& m, int64_t o, PadMode mode) {
  int64_t i = o - m.pad_begin;
  if (i >= 0 && i < m.len) return m.crop + i;
  switch (mode) {
    case PadMode::kConstant:
      return -1;
    case PadMode::kEdge:
      i = std::clamp<int64_t>(i, 0, m.len - 1);
      break;
    case PadMode::kReflect:
      if (m.len == 1) {
        i = 0;
      } else {
        const int64_t period = 2 * (m.len - 1);
        i %= period;
        if (i < 0) i += period;
        if (i >= m.len) i = period - i;
      }
      break;
    case PadMode::kWrap:
      i %= m.len;
      if (i < 0) i += m.len;
      break;
  }
  return m.crop + i;
}

template <typename T>
void pad_typed(const T* in, T* out, std::span<const int64_t> in_dims, std::span<const int64_t> pads,
               PadMode mode, const T& value, ThreadPool* pool) {
  const int rank = static_cast<int>(in_dims.size());
  if (rank == 0) {
    out[0] = in[0];
    return;
  }
  std::vector<AxisMap> maps(static_cast<size_t>(rank));
  std::vector<int64_t> in_stride(static_cast<size_t>(rank), 1);
  int64_t out_numel = 1;
  for (int a = 0; a < rank; ++a) {
    const int64_t begin = pads[a], end = pads[rank + a];
    AxisMap& m = maps[a];
    m.crop = std::max<int64_t>(0, -begin);
    m.len = in_dims[a] - m.crop - std::max<int64_t>(0, -end);
    m.pad_begin = std::max<int64_t>(0, begin);
    m.out_dim = in_dims[a] + begin + end;
    assert(m.len >= 0 && m.out_dim >= 0);
    assert(mode == PadMode::kConstant || m.len > 0 || m.out_dim == 0);
    out_numel *= m.out_dim;
  }
  for (int a = rank - 1; a > 0; --a) in_stride[a - 1] = in_stride[a] * in_dims[a];
  if (out_numel == 0) return;

  const AxisMap& last = maps[rank - 1];
  const int64_t row_len = last.out_dim, rows = out_numel / row_len;
  const int64_t mid_begin = std::min(row_len, last.pad_begin);
  const int64_t mid_end = std::min(row_len, last.pad_begin + last.len);
  auto body = [&](int64_t begin, int64_t end) {
    std::vector<int64_t> idx(static_cast<size_t>(rank - 1));
    int64_t rem = begin;
    for (int k = rank - 2; k >= 0; --k) {
      idx[k] = rem % maps[k].out_dim;
      rem /= maps[k].out_dim;
    }
    for (int64_t t = begin; t < end; ++t) {
      T* dst = out + t * row_len;
      int64_t src = 0;
      bool constant_row = false;
      for (int k = 0; k < rank - 1 && !constant_row; ++k) {
        const int64_t s = source_index(maps[k], idx[k], mode);
        constant_row = s < 0;
        src += s * in_stride[k];
      }
      if (constant_row) {
        std::fill(dst, dst + row_len, value);
      } else {
        const T* row = in + src;
        auto edge_value = [&](int64_t o) {
          const int64_t s = source_index(last, o, mode);
          return s < 0 ? value : row[s];
        };
        for (int64_t o = 0; o < mid_begin; ++o) dst[o] = edge_value(o);
        std::copy(row + last.crop, row + last.crop + (mid_end - mid_begin), dst + mid_begin);
        for (int64_t o = mid_end; o < row_len; ++o) dst[o] = edge_value(o);
      }
      for (int k = rank - 2; k >= 0; --k) {
        if (++idx[k] < maps[k].out_dim) break;
        idx[k] = 0;
      }
    }
  };
  constexpr int64_t kMinElemsPerChunk = 16384;
  const int64_t grain = std::max<int64_t>(1, kMinElemsPerChunk / row_len);
  if (pool && pool->num_threads() > 1 && rows > grain)
    pool->parallel_for(rows, grain, body);
  else
    body(0, rows);
}

template <typename T>
void pad_as(const void* in, void* out, std::span<const int64_t> in_dims,
            std::span<const int64_t> pads, PadMode mode, const void* constant_value,
            ThreadPool* pool) {
  T value;
  std::memcpy(&value, constant_value, sizeof(T));
  pad_typed(static_cast<const T*>(in), static_cast<T*>(out), in_dims, pads, mode, value, pool);
}

}  // namespace

void pad(const void* in, void* out, size_t elem_size, std::span<const int64_t> in_dims,
         std::span<const int64_t> pads, PadMode mode, const void* constant_value,
         ThreadPool* pool) {
  switch (elem_size) {
    case 1:
      return pad_as<uint8_t>(in, out, in_dims, pads, mode, constant_value, pool);
    case 2:
      return pad_as<uint16_t>(in, out, in_dims, pads, mode, constant_value, pool);
    case 4:
      return pad_as<uint32_t>(in, out, in_dims, pads, mode, constant_value, pool);
    case 8:
      return pad_as<uint64_t>(in, out, in_dims, pads, mode, constant_value, pool);
    case 16:
      return pad_as<Bytes16>(in, out, in_dims, pads, mode, constant_value, pool);
    default:
      assert(false && "pad: unsupported element size");
  }
}

void pad_strings(const std::string* in, std::string* out, std::span<const int64_t> in_dims,
                 std::span<const int64_t> pads, PadMode mode, const std::string& constant_value) {
  pad_typed(in, out, in_dims, pads, mode, constant_value, nullptr);
}

}  // namespace onyx::kernels
