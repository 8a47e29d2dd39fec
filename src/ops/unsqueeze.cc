// Unsqueeze: inserts size-1 axes. A pure view (ops/common/view_op.h).
//   opset 1-12: required `axes` attribute; opset 13+: required int64 axes input 1.
//   Axes index the output (rank + len(axes)); negative values allowed from opset 11; no repeats.
#include "ops/common/int_inputs.h"
#include "ops/common/view_op.h"

namespace onyx::ops {
namespace {

// Output dims for input `dims` with size-1 axes inserted at `axes`. Returns "" or an error.
std::string unsqueezed(const Shape& dims, std::vector<int64_t> axes, Shape* out) {
  const int64_t out_rank = static_cast<int64_t>(dims.size() + axes.size());
  std::string err = normalize_axes(&axes, out_rank);
  if (!err.empty()) return err;
  std::vector<bool> inserted(static_cast<size_t>(out_rank), false);
  for (int64_t a : axes) inserted[a] = true;
  out->clear();
  size_t next = 0;
  for (int64_t a = 0; a < out_rank; ++a) out->push_back(inserted[a] ? 1 : dims[next++]);
  return "";
}

class UnsqueezeOp final : public ViewOp {
 public:
  Status init(const InitContext& ctx) override { return axes_.init(ctx); }

 protected:
  Status output_shape(InferContext& ctx, ValueType& out) const override {
    const int n = axes_.from_input(ctx.opset()) ? 2 : 1;
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(n, n));
    IntListArg::Known axes;
    ONYX_RETURN_IF_ERROR(axes_.infer(ctx, &axes));
    const ValueType& x = ctx.input(0);
    if (!axes.values) {  // axes known only at run time
      if (x.has_shape && dim_known(axes.length)) {
        out.has_shape = true;
        out.dims.assign(static_cast<size_t>(x.rank() + axes.length), kUnknownDim);
      }
      return Status::ok();
    }
    if (!x.has_shape) return Status::ok();
    std::string err = unsqueezed(x.dims, *axes.values, &out.dims);
    if (!err.empty()) return ctx.input_error(axes_.error_input(ctx.opset()), err);
    out.has_shape = true;
    return Status::ok();
  }

  Status run_time_shape(RunContext& ctx, Shape* dims) const override {
    std::optional<std::vector<int64_t>> axes;
    ONYX_RETURN_IF_ERROR(axes_.run(ctx, &axes));
    std::string err = unsqueezed(ctx.input(0).shape(), *axes, dims);
    return err.empty() ? Status::ok() : ctx.error(err);
  }

 private:
  IntListArg axes_{"axes", 1, 13, /*required=*/true};
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Unsqueeze, UnsqueezeOp)
