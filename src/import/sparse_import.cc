// SparseTensorProto -> dense Tensor. values has shape [NNZ]; indices is int64 (int32 accepted)
// with shape [NNZ] (linear indices into the dense row-major tensor) or [NNZ, rank] (coordinates).
// Unlisted elements are zero (empty strings for string tensors).
#include <cstring>
#include <new>

#include "import/import_internal.h"

namespace onyx::import {
namespace {

Status sparse_error(const std::string& msg) {
  return Status(StatusCode::kInvalidGraph, "sparse tensor: " + msg);
}

Result<int64_t> index_at(const Tensor& indices, int64_t i) {
  if (indices.dtype() == DType::kInt64) return indices.data<int64_t>()[i];
  if (indices.dtype() == DType::kInt32) return int64_t{indices.data<int32_t>()[i]};
  return sparse_error(std::string("indices must be int64, got ") + dtype_name(indices.dtype()));
}

}  // namespace

Result<Tensor> import_sparse_tensor(const proto::SparseTensorView& v, ImportContext& ctx) {
  if (!v.has_values || !v.has_indices) return sparse_error("missing values or indices");
  ONYX_ASSIGN_OR_RETURN(Tensor values, import_tensor(v.values, ctx));
  ONYX_ASSIGN_OR_RETURN(Tensor indices, import_tensor(v.indices, ctx));
  Shape dims = v.dims.to_int64();
  ONYX_ASSIGN_OR_RETURN(int64_t dense_numel, checked_numel(dims));
  int64_t nnz = values.numel();
  if (values.rank() != 1)
    return sparse_error("values must have rank 1, got " + shape_to_string(values.shape()));
  const int64_t rank = static_cast<int64_t>(dims.size());
  bool linear = indices.rank() == 1 && indices.numel() == nnz;
  bool coords = indices.rank() == 2 && indices.dim(0) == nnz && indices.dim(1) == rank;
  if (!linear && !coords)
    return sparse_error("indices of shape " + shape_to_string(indices.shape()) +
                        " match neither [NNZ] nor [NNZ, rank] for " + std::to_string(nnz) +
                        " values and dims " + shape_to_string(dims));

  // A few bytes of sparse input can describe a huge dense tensor: bound what we allocate.
  constexpr int64_t kMaxDenseElements = int64_t{1} << 32;
  if (dense_numel > kMaxDenseElements)
    return sparse_error("dense shape " + shape_to_string(dims) + " is too large to densify");
  Tensor dense;
  try {
    dense = Tensor::empty(values.dtype(), dims);
  } catch (const std::bad_alloc&) {
    return sparse_error("out of memory densifying " + shape_to_string(dims));
  }
  size_t elem = dtype_size(values.dtype());
  for (int64_t i = 0; i < nnz; ++i) {
    int64_t pos = 0;
    if (linear) {
      ONYX_ASSIGN_OR_RETURN(pos, index_at(indices, i));
    } else {
      for (int64_t d = 0; d < rank; ++d) {
        ONYX_ASSIGN_OR_RETURN(int64_t c, index_at(indices, i * rank + d));
        if (c < 0 || c >= dims[static_cast<size_t>(d)])
          return sparse_error("index " + std::to_string(c) + " out of range for dim " +
                              std::to_string(d) + " of " + shape_to_string(dims));
        pos = pos * dims[static_cast<size_t>(d)] + c;
      }
    }
    if (pos < 0 || pos >= dense_numel)
      return sparse_error("linear index " + std::to_string(pos) + " out of range for " +
                          shape_to_string(dims));
    if (values.dtype() == DType::kString) {
      dense.data<std::string>()[pos] = values.data<std::string>()[i];
    } else {
      std::memcpy(static_cast<char*>(dense.raw_data()) + static_cast<size_t>(pos) * elem,
                  static_cast<const char*>(values.raw_data()) + static_cast<size_t>(i) * elem,
                  elem);
    }
  }
  return dense;
}

}  // namespace onyx::import
