// Family code of the index and data-movement ops (Slice, Tile, Expand, GatherElements, ScatterND,
// TopK, ...): element-size-generic visiting, index normalization with negative indices, dense
// strides, strided tensor copies and outputs whose shape depends on input values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ops/op.h"

namespace onyx::ops {

// Every element type the copy-only ops move (Slice, Tile, Expand, GatherElements...): types::All
// plus the one-byte float8, float4 and 4-bit integer types (moved as opaque bytes).
inline constexpr DTypeSet kMovableDTypes =
    dtype_set<types::All>() | DTypeSet{DType::kFloat8E4M3FN, DType::kFloat8E4M3FNUZ,
                                       DType::kFloat8E5M2,   DType::kFloat8E5M2FNUZ,
                                       DType::kUInt4,        DType::kInt4,
                                       DType::kFloat4E2M1};

// Calls fn(TypeTag<S>{}) with S a trivially copyable storage type of the same size as `dtype`'s
// elements (uint8_t/uint16_t/uint32_t/uint64_t), or std::string for strings. For ops that only
// move elements: every dtype with a 1/2/4/8-byte element (bool, float16, float8 included).
// Returns false (calling nothing) for other element sizes (complex128).
template <class Fn>
bool visit_storage(DType dtype, Fn&& fn) {
  if (dtype == DType::kString) {
    fn(TypeTag<std::string>{});
    return true;
  }
  switch (dtype_size(dtype)) {
    case 1:
      fn(TypeTag<uint8_t>{});
      return true;
    case 2:
      fn(TypeTag<uint16_t>{});
      return true;
    case 4:
      fn(TypeTag<uint32_t>{});
      return true;
    case 8:
      fn(TypeTag<uint64_t>{});
      return true;
    default:
      return false;
  }
}

// Element i of an int32 or int64 tensor, widened.
inline int64_t int_at(const Tensor& t, int64_t i) {
  return t.dtype() == DType::kInt32 ? t.data<int32_t>()[i] : t.data<int64_t>()[i];
}

// `index` into [0, n): negative counts from the end. nullopt when outside [-n, n).
inline std::optional<int64_t> normalize_index(int64_t index, int64_t n) {
  if (index < -n || index >= n) return std::nullopt;
  return index < 0 ? index + n : index;
}

// "index 7 is out of range for axis 1 of size 3"
std::string index_range_message(int64_t index, int64_t axis, int64_t size);

// Row-major strides (in elements) of a dense tensor of shape `dims`.
std::vector<int64_t> dense_strides(std::span<const int64_t> dims);

// [outer, axis_dim, inner] view of `dims` around `axis`.
struct AxisView {
  int64_t outer = 1, dim = 1, inner = 1;
};
AxisView axis_view(std::span<const int64_t> dims, int64_t axis);

// dst (dense, shape out_dims) = src viewed from element `src_offset` with `src_strides`
// (elements; 0 broadcasts, negative reverses). Any dtype; see kernels/strided_copy.h.
void strided_copy_tensor(const Tensor& src, int64_t src_offset, std::span<const int64_t> out_dims,
                         std::span<const int64_t> src_strides, Tensor& dst,
                         ThreadPool* pool = nullptr);

// Output i for run(): the pre-allocated tensor when the plan fixed it with this shape, else a fresh
// one from allocate_output (outputs whose shape depends on input values).
Tensor& output_of_shape(RunContext& ctx, int i, DType dtype, const Shape& shape);

// GatherND / ScatterND: the flat offset (elements) of the index tuple indices[first .. first + q)
// into dims[0..q) with the given strides; negative entries count from the end. On an entry
// outside [-n, n) returns nullopt and sets *bad to its flat position in `indices`.
inline std::optional<int64_t> tuple_offset(const Tensor& indices, int64_t first, int64_t q,
                                           const int64_t* dims, const int64_t* strides,
                                           int64_t* bad) {
  int64_t offset = 0;
  for (int64_t j = 0; j < q; ++j) {
    std::optional<int64_t> idx = normalize_index(int_at(indices, first + j), dims[j]);
    if (!idx) {
      *bad = first + j;
      return std::nullopt;
    }
    offset += *idx * strides[j];
  }
  return offset;
}

// For GatherElements / ScatterElements: calls fn(i, data_offset) for every element
// i of `indices` (int32/int64, same rank as data, each dim <= data's), where data_offset is the
// flat offset into data of indices' coordinates with the `axis` coordinate replaced by the index
// value (negative counts from the end). Returns the flat position in `indices` of the first
// index outside [-n, n) (stopping there), or -1.
template <class Fn>
int64_t for_each_axis_index(const Tensor& indices, std::span<const int64_t> data_dims, int64_t axis,
                            Fn&& fn) {
  const int rank = indices.rank();
  const std::vector<int64_t> data_strides = dense_strides(data_dims);
  const int64_t axis_dim = data_dims[static_cast<size_t>(axis)];
  const int64_t axis_stride = data_strides[static_cast<size_t>(axis)];
  std::vector<int64_t> coord(static_cast<size_t>(rank), 0);
  int64_t base = 0;  // offset of coord in data, without the axis coordinate
  for (int64_t i = 0; i < indices.numel(); ++i) {
    std::optional<int64_t> idx = normalize_index(int_at(indices, i), axis_dim);
    if (!idx) return i;
    fn(i, base + *idx * axis_stride);
    for (int d = rank - 1; d >= 0; --d) {  // odometer step over indices' shape
      const size_t du = static_cast<size_t>(d);
      const int64_t step = d == axis ? 0 : data_strides[du];
      if (++coord[du] < indices.dim(d)) {
        base += step;
        break;
      }
      base -= step * (coord[du] - 1);
      coord[du] = 0;
    }
  }
  return -1;
}

// Constant integer contents of input i at inference time; nullopt if absent or not constant.
std::optional<std::vector<int64_t>> constant_ints(const InferContext& ctx, int i);

}  // namespace onyx::ops
