// Gather: out = data[:axis] ++ indices.shape ++ data[axis+1:], selecting along `axis`
// (default 0; negative counts from the end). Indices are int32 or int64; negative indices count
// from the end of the axis. An index outside [-n, n) is a RuntimeException from run() naming it
// (and an inference error when the indices are constant). All data element types.
#include "kernels/gather.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class GatherOp final : public OpKernel {
 public:
  // Element types: data: any element type; indices: int32/int64.
  static constexpr DTypeSet kElementTypes = dtype_set<types::All>();

  Status init(const InitContext& ctx) override {
    axis_ = ctx.node().attr_int("axis", 0);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64, DType::kInt32}));
    const ValueType& data = ctx.input(0);
    const ValueType& indices = ctx.input(1);
    ValueType& out = ctx.output(0);
    out = ValueType();
    out.dtype = data.dtype;
    if (!data.has_shape) return Status::ok();
    if (data.rank() == 0) return ctx.input_error(0, "data must have rank >= 1, got a scalar");
    std::optional<int64_t> axis = normalize_axis(axis_, data.rank());
    if (!axis)
      return ctx.error("axis " + std::to_string(axis_) + " is out of range for data rank " +
                       std::to_string(data.rank()));
    const int64_t axis_dim = data.dims[*axis];
    if (dim_known(axis_dim)) {
      if (std::optional<std::vector<int64_t>> values = indices.int_values()) {
        for (int64_t v : *values)
          if (v < -axis_dim || v >= axis_dim)
            return ctx.input_error(1, "index " + std::to_string(v) + " is out of range for axis " +
                                          std::to_string(*axis) + " of size " +
                                          std::to_string(axis_dim));
      }
    }
    if (!indices.has_shape) return Status::ok();
    out.has_shape = true;
    out.dims.assign(data.dims.begin(), data.dims.begin() + *axis);
    out.dims.insert(out.dims.end(), indices.dims.begin(), indices.dims.end());
    out.dims.insert(out.dims.end(), data.dims.begin() + *axis + 1, data.dims.end());
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& data = ctx.input(0);
    const Tensor& indices = ctx.input(1);
    Tensor& out = ctx.output(0);
    const int axis = static_cast<int>(*normalize_axis(axis_, data.rank()));
    int64_t outer = 1, inner = 1;
    for (int a = 0; a < axis; ++a) outer *= data.dim(a);
    for (int a = axis + 1; a < data.rank(); ++a) inner *= data.dim(a);
    const int64_t axis_dim = data.dim(axis), n = indices.numel();
    int64_t bad;
    const bool is_string = data.dtype() == DType::kString;
    if (indices.dtype() == DType::kInt64) {
      const int64_t* idx = indices.data<int64_t>();
      bad = is_string ? kernels::gather_strings(data.data<std::string>(), out.data<std::string>(),
                                                outer, axis_dim, inner, idx, n)
                      : kernels::gather(data.raw_data(), out.raw_data(), dtype_size(data.dtype()),
                                        outer, axis_dim, inner, idx, n, ctx.pool());
    } else {
      const int32_t* idx = indices.data<int32_t>();
      bad = is_string ? kernels::gather_strings(data.data<std::string>(), out.data<std::string>(),
                                                outer, axis_dim, inner, idx, n)
                      : kernels::gather(data.raw_data(), out.raw_data(), dtype_size(data.dtype()),
                                        outer, axis_dim, inner, idx, n, ctx.pool());
    }
    if (bad >= 0) {
      const int64_t value = indices.dtype() == DType::kInt64 ? indices.data<int64_t>()[bad]
                                                             : indices.data<int32_t>()[bad];
      return ctx.error("index " + std::to_string(value) + " (at flat position " +
                       std::to_string(bad) + " of indices) is out of range for axis " +
                       std::to_string(axis) + " of size " + std::to_string(axis_dim));
    }
    return Status::ok();
  }

 private:
  int64_t axis_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Gather, GatherOp)
