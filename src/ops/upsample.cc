// Upsample (deprecated since opset 10; models using it still load and run): nearest or linear
// resampling with asymmetric coordinates, output dim = floor(input dim * scale). Same code as
// Resize-10 (ops/common/resize_common.h).
//   opset 7: scales attribute (one float per axis, each >= 1); mode nearest | linear
//   opset 9: scales is input 1 (float tensor)
#include <optional>

#include "ops/common/resize_common.h"

namespace onyx::ops {
namespace {

class UpsampleOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kResizeAnyTypes;

  Status init(const InitContext& ctx) override {
    if (ctx.opset() < 7) return ctx.not_implemented("Upsample before opset 7 is not supported");
    scales_input_ = ctx.opset() >= 9;
    if (!scales_input_) {
      if (!ctx.node().has_attr("scales")) return ctx.error("attribute 'scales' is required");
      for (float s : ctx.node().attr_floats("scales")) scales_.push_back(s);
    }
    return parse_resize_attrs(InitContext(ctx.node(), 10), &attrs_);
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(scales_input_ ? ctx.expect_inputs(2, 2) : ctx.expect_inputs(1, 1));
    std::optional<std::vector<double>> scales;
    bool dynamic = false;
    if (!scales_input_) {
      scales = scales_;
    } else {
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kFloat32}));
      if (ctx.input(1).is_constant())
        scales = float_values(ctx.input(1).value);
      else
        dynamic = true;
    }
    return infer_resize(ctx, attrs_, scales, std::nullopt, std::nullopt, dynamic);
  }

  Status run(RunContext& ctx) const override {
    std::vector<double> scales = scales_input_ ? float_values(ctx.input(1)) : scales_;
    return run_resize(ctx, attrs_, &scales, nullptr, nullptr);
  }

 private:
  ResizeAttrs attrs_;
  bool scales_input_ = true;
  std::vector<double> scales_;  // opset 7
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Upsample, UpsampleOp)
