// Squeeze: removes size-1 axes. A pure view (ops/common/view_op.h).
//   opset 1-12: optional `axes` attribute; opset 13+: optional int64 axes input 1.
//   Negative axes (from the end) are allowed from opset 11. Without axes every size-1 dim goes;
//   that needs every dim known at inference, else the output rank is unknown.
#include "ops/common/int_inputs.h"
#include "ops/common/view_op.h"

namespace onyx::ops {
namespace {

// Output dims; `axes` nullopt = every dim equal to 1 (dims must be known then). Returns "" or an
// error message.
std::string squeezed(const Shape& dims, std::optional<std::vector<int64_t>> axes, Shape* out) {
  const int64_t rank = static_cast<int64_t>(dims.size());
  std::vector<bool> drop(dims.size(), false);
  if (axes) {
    std::string err = normalize_axes(&*axes, rank);
    if (!err.empty()) return err;
    for (int64_t a : *axes) {
      if (dim_known(dims[a]) && dims[a] != 1)
        return "cannot squeeze axis " + std::to_string(a) + " of size " + std::to_string(dims[a]) +
               " (input shape " + dims_to_string(dims) + ")";
      drop[a] = true;
    }
  } else {
    for (size_t a = 0; a < dims.size(); ++a) drop[a] = dims[a] == 1;
  }
  out->clear();
  for (size_t a = 0; a < dims.size(); ++a)
    if (!drop[a]) out->push_back(dims[a]);
  return "";
}

class SqueezeOp final : public ViewOp {
 public:
  Status init(const InitContext& ctx) override { return axes_.init(ctx); }

 protected:
  Status output_shape(InferContext& ctx, ValueType& out) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, axes_.from_input(ctx.opset()) ? 2 : 1));
    IntListArg::Known axes;
    ONYX_RETURN_IF_ERROR(axes_.infer(ctx, &axes));
    const ValueType& x = ctx.input(0);
    if (axes.present && !axes.values) {  // axes known only at run time
      if (x.has_shape && dim_known(axes.length) && axes.length <= x.rank()) {
        out.has_shape = true;
        out.dims.assign(static_cast<size_t>(x.rank() - axes.length), kUnknownDim);
      }
      return Status::ok();
    }
    if (!x.has_shape) return Status::ok();
    if (!axes.present) {
      for (int64_t d : x.dims)
        if (!dim_known(d)) return Status::ok();  // which dims are 1 is unknown
    }
    std::string err = squeezed(x.dims, axes.values, &out.dims);
    if (!err.empty()) return ctx.input_error(axes_.error_input(ctx.opset()), err);
    out.has_shape = true;
    return Status::ok();
  }

  Status run_time_shape(RunContext& ctx, Shape* dims) const override {
    std::optional<std::vector<int64_t>> axes;
    ONYX_RETURN_IF_ERROR(axes_.run(ctx, &axes));
    std::string err = squeezed(ctx.input(0).shape(), axes, dims);
    return err.empty() ? Status::ok() : ctx.error(err);
  }

 private:
  IntListArg axes_{"axes", 1, 13, /*required=*/false};
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Squeeze, SqueezeOp)
