// Compress (opset 9; 11 allows negative axis; 13 bfloat16): keeps the slices of `input` along
// `axis` whose entry in the 1-D bool `condition` is true (numpy.compress). Without `axis` the input
// is flattened first. condition may be shorter than the axis (missing entries are false); a true
// entry beyond the axis is an error. Any element type. The output size depends on the condition's
// values, so the output is allocated by run() unless the condition is constant.
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class CompressOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status init(const InitContext& ctx) override {
    if (ctx.node().has_attr("axis")) axis_ = ctx.node().attr_int("axis", 0);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kBool}));
    const ValueType& x = ctx.input(0);
    const ValueType& cond = ctx.input(1);
    if (cond.has_shape && cond.rank() != 1)
      return ctx.input_error(1, "condition must be 1-D, got rank " + std::to_string(cond.rank()));
    ValueType& out = ctx.output(0);
    out = ValueType();
    out.dtype = x.dtype;
    int64_t kept = kUnknownDim;
    if (cond.is_constant()) {
      kept = 0;
      for (int64_t i = 0; i < cond.value.numel(); ++i) kept += cond.value.data<bool>()[i] ? 1 : 0;
    }
    if (!axis_) {
      out.has_shape = true;
      out.dims = {kept};
      return Status::ok();
    }
    if (!x.has_shape) return Status::ok();
    std::optional<int64_t> axis = normalize_axis(*axis_, x.rank());
    if (!axis)
      return ctx.error("axis " + std::to_string(*axis_) + " is out of range for rank " +
                       std::to_string(x.rank()));
    out.has_shape = true;
    out.dims = x.dims;
    out.dims[static_cast<size_t>(*axis)] = kept;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const Tensor& cond = ctx.input(1);
    const int64_t axis = axis_ ? *normalize_axis(*axis_, x.rank()) : 0;
    const Shape flat = {x.numel()};
    const Shape& in_dims = axis_ ? x.shape() : flat;
    const AxisView v = axis_view(in_dims, axis);
    const bool* keep = cond.data<bool>();
    int64_t kept = 0;
    for (int64_t i = 0; i < cond.numel(); ++i) {
      if (!keep[i]) continue;
      if (i >= v.dim)
        return ctx.error("condition entry " + std::to_string(i) + " is true but the axis has " +
                         std::to_string(v.dim) + " entries");
      ++kept;
    }
    Shape dims = in_dims;
    dims[static_cast<size_t>(axis)] = kept;
    Tensor& out = output_of_shape(ctx, 0, x.dtype(), dims);
    visit_storage(x.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = x.data<S>();
      S* dst = out.data<S>();
      for (int64_t o = 0; o < v.outer; ++o)
        for (int64_t a = 0; a < std::min(v.dim, cond.numel()); ++a) {
          if (!keep[a]) continue;
          dst = std::copy_n(src + (o * v.dim + a) * v.inner, v.inner, dst);
        }
    });
    return Status::ok();
  }

 private:
  std::optional<int64_t> axis_;  // absent: flatten
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Compress, CompressOp)
