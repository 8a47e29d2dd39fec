#include "ops/common/index_common.h"

#include "kernels/strided_copy.h"

namespace onyx::ops {

std::string index_range_message(int64_t index, int64_t axis, int64_t size) {
  return "index " + std::to_string(index) + " is out of range for axis " + std::to_string(axis) +
         " of size " + std::to_string(size);
}

std::vector<int64_t> dense_strides(std::span<const int64_t> dims) {
  std::vector<int64_t> strides(dims.size(), 1);
  for (size_t d = dims.size(); d-- > 1;) strides[d - 1] = strides[d] * dims[d];
  return strides;
}

AxisView axis_view(std::span<const int64_t> dims, int64_t axis) {
  AxisView v;
  for (int64_t d = 0; d < static_cast<int64_t>(dims.size()); ++d) {
    if (d < axis)
      v.outer *= dims[static_cast<size_t>(d)];
    else if (d == axis)
      v.dim = dims[static_cast<size_t>(d)];
    else
      v.inner *= dims[static_cast<size_t>(d)];
  }
  return v;
}

void strided_copy_tensor(const Tensor& src, int64_t src_offset, std::span<const int64_t> out_dims,
                         std::span<const int64_t> src_strides, Tensor& dst, ThreadPool* pool) {
  if (dst.numel() == 0) return;
  if (src.dtype() == DType::kString) {
    kernels::strided_copy_strings(src.data<std::string>() + src_offset, dst.data<std::string>(),
                                  out_dims, src_strides);
    return;
  }
  const size_t elem = dtype_size(src.dtype());
  kernels::strided_copy(static_cast<const uint8_t*>(src.raw_data()) + src_offset * elem,
                        dst.raw_data(), elem, out_dims, src_strides, pool);
}

Tensor& output_of_shape(RunContext& ctx, int i, DType dtype, const Shape& shape) {
  Tensor& out = ctx.output(i);
  if (out.defined() && out.dtype() == dtype && out.shape() == shape) return out;
  return ctx.allocate_output(i, dtype, shape);
}

std::optional<std::vector<int64_t>> constant_ints(const InferContext& ctx, int i) {
  if (!ctx.has_input(i)) return std::nullopt;
  return ctx.input(i).int_values();
}

}  // namespace onyx::ops
