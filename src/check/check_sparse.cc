// SparseTensorProto rules: values present and of rank 1 (NNZ entries), dense dims positive,
// indices INT64 of rank 1 (linear positions) or 2 ([NNZ, rank] coordinates), in range and strictly
// increasing in row-major order.
#include "check/tensor_rules.h"
#include "proto/wire.h"

namespace onyx::check {

bool int64_values(const proto::TensorView& t, std::vector<int64_t>* out) {
  out->clear();
  if (t.int64_data.count > 0) {
    *out = t.int64_data.to_int64();
    return true;
  }
  if (t.raw_data.empty() || t.raw_data.size() % 8 != 0) return t.raw_data.empty();
  for (size_t i = 0; i < t.raw_data.size(); i += 8)
    out->push_back(static_cast<int64_t>(proto::load_le64(t.raw_data.data() + i)));
  return true;
}

void check_sparse_tensor(const proto::SparseTensorView& st, const Context& ctx,
                         const std::string& where) {
  if (!st.has_values) {
    ctx.error("sparse.values_missing", where, "the sparse tensor has no values tensor");
    return;
  }
  check_tensor(st.values, ctx, where + ".values");
  const std::vector<int64_t> values_dims = st.values.dims.to_int64();
  if (values_dims.size() != 1) {
    ctx.error("sparse.values_rank", where,
              "values must have rank 1 (one entry per non-zero), found rank " +
                  std::to_string(values_dims.size()));
    return;
  }
  const int64_t nnz = values_dims[0];
  const std::vector<int64_t> dims = st.dims.to_int64();
  if (dims.empty()) {
    ctx.error("sparse.dense_rank", where, "the dense shape (dims) must have rank > 0");
    return;
  }
  for (size_t i = 0; i < dims.size(); ++i)
    if (dims[i] <= 0) {
      ctx.error("sparse.dims", where,
                "dense dimension " + std::to_string(i) + " is " + std::to_string(dims[i]) +
                    " (must be positive)");
      return;
    }
  int64_t dense_size = 1;
  for (int64_t d : dims) {
    if (dense_size > INT64_MAX / d) {
      ctx.error("sparse.dims", where, "the dense shape's element count overflows 64 bits");
      return;
    }
    dense_size *= d;
  }
  if (!st.has_indices) {
    if (nnz != 0)
      ctx.error("sparse.indices_missing", where,
                "there are " + std::to_string(nnz) + " values but no indices");
    return;
  }
  const proto::TensorView& ind = st.indices;
  check_tensor(ind, ctx, where + ".indices");
  if (ind.data_type != 7) {
    ctx.error("sparse.indices_type", where,
              "indices must be INT64 (data_type 7), found " + std::to_string(ind.data_type));
    return;
  }
  const std::vector<int64_t> ind_dims = ind.dims.to_int64();
  const size_t rank = dims.size();
  if (ind_dims.size() != 1 && ind_dims.size() != 2) {
    ctx.error("sparse.indices_rank", where,
              "indices must have rank 1 or 2, found " + std::to_string(ind_dims.size()));
    return;
  }
  if (ind_dims[0] != nnz) {
    ctx.error("sparse.indices_count", where,
              "indices list " + std::to_string(ind_dims[0]) + " entries for " +
                  std::to_string(nnz) + " values");
    return;
  }
  const size_t width = ind_dims.size() == 1 ? 1 : rank;
  if (ind_dims.size() == 2 && ind_dims[1] != static_cast<int64_t>(rank)) {
    ctx.error("sparse.indices_width", where,
              "each index must have " + std::to_string(rank) + " coordinates, found " +
                  std::to_string(ind_dims[1]));
    return;
  }
  std::vector<int64_t> data;
  if (!int64_values(ind, &data) || data.size() < static_cast<size_t>(nnz) * width) return;
  int64_t previous = -1;
  for (int64_t i = 0; i < nnz; ++i) {
    int64_t linear = 0;
    for (size_t j = 0; j < width; ++j) {
      const int64_t v = data[static_cast<size_t>(i) * width + j];
      const int64_t limit = width == 1 ? dense_size : dims[j];
      if (v < 0 || v >= limit) {
        ctx.error("sparse.index_out_of_range", where,
                  "index " + std::to_string(i) + (width == 1 ? "" : "," + std::to_string(j)) +
                      " is " + std::to_string(v) + ", outside [0, " + std::to_string(limit) + ")");
        return;
      }
      linear = width == 1 ? v : linear * dims[j] + v;
    }
    if (linear <= previous) {
      ctx.error("sparse.indices_unsorted", where,
                "index " + std::to_string(i) +
                    " does not come after the previous one (indices must be strictly increasing)");
      return;
    }
    previous = linear;
  }
}

}  // namespace onyx::check
