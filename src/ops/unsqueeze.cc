// Unsqueeze: inserts size-1 axes. A pure view (aliases input 0).
//   opset 1-12: required `axes` attribute; opset 13+: required int64 axes input 1.
//   Axes index the output (rank + len(axes)); negative values allowed from opset 11; no repeats.
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class UnsqueezeOp final : public OpKernel {
 public:
  Status init(const InitContext& ctx) override {
    if (ctx.opset() < 13) {
      if (!ctx.node().has_attr("axes")) return ctx.error("missing required attribute 'axes'");
      attr_axes_ = ctx.node().attr_ints("axes");
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    const bool axes_input = ctx.opset() >= 13;
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(axes_input ? 2 : 1, axes_input ? 2 : 1));
    const ValueType& x = ctx.input(0);
    ValueType& out = ctx.output(0);
    out = ValueType();
    out.dtype = x.dtype;
    std::optional<std::vector<int64_t>> axes = attr_axes_;
    if (axes_input) {
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
      const ValueType& a = ctx.input(1);
      if (a.has_shape && a.rank() > 1)
        return ctx.input_error(1, "axes must be 1-D, got rank " + std::to_string(a.rank()));
      axes = a.int_values();
      if (!axes) {  // axes only known at run time
        if (x.has_shape && a.has_shape && (a.rank() == 0 || dim_known(a.dims[0]))) {
          out.has_shape = true;
          out.dims.assign(static_cast<size_t>(x.rank() + (a.rank() == 0 ? 1 : a.dims[0])),
                          kUnknownDim);
        }
        return Status::ok();
      }
    }
    if (!x.has_shape) return Status::ok();
    std::string err;
    Shape dims = unsqueezed(x.dims, *axes, &err);
    if (!err.empty()) return ctx.input_error(axes_input ? 1 : 0, err);
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
      Shape dims = unsqueezed(ctx.input(0).shape(), *axes, &err);
      if (!err.empty()) return ctx.error(err);
      ctx.output(0) = ctx.input(0).reshaped(dims);
      return Status::ok();
    }
    copy_tensor_data(ctx.input(0), ctx.output(0));
    return Status::ok();
  }
  bool output_aliases_input() const override { return true; }

 private:
  static Shape unsqueezed(const Shape& dims, std::vector<int64_t> axes, std::string* err) {
    const int64_t out_rank = static_cast<int64_t>(dims.size() + axes.size());
    *err = normalize_axes(&axes, out_rank);
    if (!err->empty()) return {};
    std::vector<bool> inserted(static_cast<size_t>(out_rank), false);
    for (int64_t a : axes) inserted[a] = true;
    Shape out;
    size_t next = 0;
    for (int64_t a = 0; a < out_rank; ++a) out.push_back(inserted[a] ? 1 : dims[next++]);
    return out;
  }

  std::vector<int64_t> attr_axes_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Unsqueeze, UnsqueezeOp)
