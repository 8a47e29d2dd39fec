#include "ops/common/sequence_common.h"

#include <cstring>
#include <string>

namespace onyx::ops {

Status expect_position(InferContext& ctx, int i) {
  if (!ctx.has_input(i)) return Status::ok();
  ONYX_RETURN_IF_ERROR(ctx.expect_kind(i, ValueKind::kTensor));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, {DType::kInt32, DType::kInt64}));
  const ValueType& p = ctx.input(i);
  if (p.has_shape && p.rank() > 1) return ctx.input_error(i, "position must be a scalar");
  return Status::ok();
}

Status sequence_position(const RunContext& ctx, const Tensor& pos, int64_t size, bool allow_end,
                         int64_t* out) {
  if (pos.numel() != 1) return ctx.error("position must hold one value");
  int64_t p = pos.dtype() == DType::kInt32 ? pos.data<int32_t>()[0] : pos.data<int64_t>()[0];
  const int64_t hi = allow_end ? size : size - 1;
  if (p < -size || p > hi)
    return ctx.error("position " + std::to_string(p) + " is out of range for a sequence of " +
                     std::to_string(size) + " tensors");
  *out = p < 0 ? p + size : p;
  return Status::ok();
}

void merge_element_shape(ValueType* seq, const ValueType& t) {
  if (!seq->has_shape || !t.has_shape || seq->rank() != t.rank()) {
    seq->has_shape = false;
    seq->dims.clear();
    return;
  }
  for (size_t d = 0; d < seq->dims.size(); ++d)
    if (seq->dims[d] != t.dims[d]) seq->dims[d] = kUnknownDim;
}

void copy_elements(const Tensor& src, int64_t src_off, Tensor& dst, int64_t dst_off, int64_t n) {
  if (n <= 0) return;
  if (src.dtype() == DType::kString) {
    for (int64_t k = 0; k < n; ++k)
      dst.data<std::string>()[dst_off + k] = src.data<std::string>()[src_off + k];
    return;
  }
  const size_t es = dtype_size(src.dtype());
  std::memcpy(static_cast<char*>(dst.raw_data()) + static_cast<size_t>(dst_off) * es,
              static_cast<const char*>(src.raw_data()) + static_cast<size_t>(src_off) * es,
              static_cast<size_t>(n) * es);
}

}  // namespace onyx::ops
