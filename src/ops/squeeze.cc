// Squeeze: removes size-1 axes. A pure view (aliases input 0).
//   opset 1-12: optional `axes` attribute; opset 13+: optional int64 axes input 1.
//   Negative axes (from the end) are allowed from opset 11. Without axes every size-1 dim goes;
//   that needs every dim known at inference, else the output rank is unknown.
#include <algorithm>

#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class SqueezeOp final : public OpKernel {
 public:
  Status init(const InitContext& ctx) override {
    if (ctx.opset() < 13 && ctx.node().has_attr("axes")) attr_axes_ = ctx.node().attr_ints("axes");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, ctx.opset() < 13 ? 1 : 2));
    const ValueType& x = ctx.input(0);
    ValueType& out = ctx.output(0);
    out = ValueType();
    out.dtype = x.dtype;
    std::optional<std::vector<int64_t>> axes = attr_axes_;
    if (ctx.has_input(1)) {
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
      const ValueType& a = ctx.input(1);
      if (a.has_shape && a.rank() > 1)
        return ctx.input_error(1, "axes must be 1-D, got rank " + std::to_string(a.rank()));
      axes = a.int_values();
      if (!axes) {  // axes only known at run time
        if (x.has_shape && a.has_shape && a.rank() == 1 && dim_known(a.dims[0]) &&
            a.dims[0] <= x.rank()) {
          out.has_shape = true;
          out.dims.assign(static_cast<size_t>(x.rank() - a.dims[0]), kUnknownDim);
        }
        return Status::ok();
      }
    }
    if (!x.has_shape) return Status::ok();
    if (!axes) {
      for (int64_t d : x.dims)
        if (!dim_known(d)) return Status::ok();  // which dims are 1 is unknown
    }
    std::string err;
    Shape dims = squeezed(x.dims, axes, &err);
    if (!err.empty()) return ctx.has_input(1) ? ctx.input_error(1, err) : ctx.input_error(0, err);
    out.has_shape = true;
    out.dims = std::move(dims);
    if (x.is_constant()) out.value = x.value.reshaped(out.dims);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    if (!ctx.output(0).defined()) {  // axes were only known at run time
      std::optional<std::vector<int64_t>> axes = tensor_int_values(ctx.input(1));
      if (!axes) return ctx.error("axes input must be int64");
      std::string err;
      Shape dims = squeezed(ctx.input(0).shape(), axes, &err);
      if (!err.empty()) return ctx.error(err);
      ctx.output(0) = ctx.input(0).reshaped(dims);
      return Status::ok();
    }
    copy_tensor_data(ctx.input(0), ctx.output(0));
    return Status::ok();
  }
  bool output_aliases_input() const override { return true; }

 private:
  // Output dims; `axes` nullopt = every dim equal to 1 (dims must be known then).
  static Shape squeezed(const Shape& dims, std::optional<std::vector<int64_t>> axes,
                        std::string* err) {
    const int64_t rank = static_cast<int64_t>(dims.size());
    std::vector<bool> drop(dims.size(), false);
    if (axes) {
      *err = normalize_axes(&*axes, rank);
      if (!err->empty()) return {};
      for (int64_t a : *axes) {
        if (dim_known(dims[a]) && dims[a] != 1) {
          *err = "cannot squeeze axis " + std::to_string(a) + " of size " +
                 std::to_string(dims[a]) + " (input shape " + dims_to_string(dims) + ")";
          return {};
        }
        drop[a] = true;
      }
    } else {
      for (size_t a = 0; a < dims.size(); ++a) drop[a] = dims[a] == 1;
    }
    Shape out;
    for (size_t a = 0; a < dims.size(); ++a)
      if (!drop[a]) out.push_back(dims[a]);
    return out;
  }

  std::optional<std::vector<int64_t>> attr_axes_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Squeeze, SqueezeOp)
