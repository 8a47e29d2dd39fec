// Resize: N-d nearest / linear / cubic resampling (family code: ops/common/resize_common.h,
// tables and passes: kernels/resize.h).
//   opset 10: inputs (X, scales); attribute mode (nearest | linear); asymmetric coordinates
//   opset 11: inputs (X, roi, scales, sizes[optional]); mode cubic; coordinate_transformation_mode,
//             cubic_coeff_a, exclude_outside, extrapolation_value, nearest_mode
//   opset 13: roi and scales optional; tf_half_pixel_for_nn removed; bfloat16
//   opset 18: antialias, axes, keep_aspect_ratio_policy
//   opset 19: coordinate_transformation_mode half_pixel_symmetric
// Exactly one of scales / sizes is given; an empty tensor counts as absent. roi is read only by
// tf_crop_and_resize. Element types: float, double, float16, bfloat16, int8, uint8 in every mode;
// any other type in nearest mode without tf_crop_and_resize (exact copies).
#include <optional>

#include "ops/common/int_inputs.h"
#include "ops/common/resize_common.h"

namespace onyx::ops {
namespace {

class ResizeOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kResizeAnyTypes;

  Status init(const InitContext& ctx) override {
    opset10_ = ctx.opset() < 11;
    return parse_resize_attrs(ctx, &attrs_);
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(opset10_ ? ctx.expect_inputs(2, 2) : ctx.expect_inputs(1, 4));
    if (ctx.has_input(scales_input()))
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(scales_input(), {DType::kFloat32}));
    if (!opset10_ && ctx.has_input(3)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(3, {DType::kInt64}));
    if (!opset10_ && ctx.has_input(1))
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, dtype_set<types::Float>()));
    const PlanTimeParams p = plan_time_params(ctx);
    if (p.scales && p.sizes) return ctx.error("only one of scales and sizes may be given");
    return infer_resize(ctx, attrs_, p.scales, p.sizes, p.roi, p.dynamic);
  }

  Status prepare(PrepareContext& ctx) override {
    plan_ = ResizePlan();
    const PlanTimeParams p = plan_time_params(ctx);
    if (p.dynamic || !ctx.input(0).fully_known()) return Status::ok();  // planned per run
    const std::string msg =
        plan_resize(ctx.input(0).dims, attrs_, p.scales ? &*p.scales : nullptr,
                    p.sizes ? &*p.sizes : nullptr, p.roi ? &*p.roi : nullptr, &plan_);
    if (!msg.empty()) return ctx.error(msg);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    if (plan_matches(ctx.input(0).shape())) return run_resize_plan(ctx, attrs_, plan_);
    std::vector<double> scales, roi;
    std::vector<int64_t> sizes;
    const bool has_scales = ctx.has_input(scales_input()) && ctx.input(scales_input()).numel() > 0;
    const bool has_sizes = !opset10_ && ctx.has_input(3) && ctx.input(3).numel() > 0;
    if (has_scales) scales = float_values(ctx.input(scales_input()));
    if (has_sizes) sizes = *tensor_int_values(ctx.input(3));
    if (!opset10_ && ctx.has_input(1) && attrs_.coord == kernels::ResizeCoord::kTfCropAndResize)
      roi = float_values(ctx.input(1));
    return run_resize(ctx, attrs_, has_scales ? &scales : nullptr, has_sizes ? &sizes : nullptr,
                      &roi);
  }

 private:
  int scales_input() const { return opset10_ ? 1 : 2; }

  // True when prepare() planned for input dims `in`.
  bool plan_matches(const Shape& in) const {
    if (!plan_.ready || plan_.tables.size() != in.size()) return false;
    for (size_t a = 0; a < in.size(); ++a)
      if (plan_.tables[a].in != in[a]) return false;
    return true;
  }

  // scales / sizes / roi when they are plan-time constants (an empty tensor is absent);
  // `dynamic` when one that matters is only known at run time.
  struct PlanTimeParams {
    std::optional<std::vector<double>> scales, roi;
    std::optional<std::vector<int64_t>> sizes;
    bool dynamic = false;
  };
  template <class Ctx>
  PlanTimeParams plan_time_params(const Ctx& ctx) const {
    PlanTimeParams p;
    auto empty = [](const ValueType& v) { return v.has_shape && v.rank() == 1 && v.dims[0] == 0; };
    if (const int i = scales_input(); ctx.has_input(i)) {
      const ValueType& s = ctx.input(i);
      if (s.is_constant()) {
        if (s.value.numel() > 0) p.scales = float_values(s.value);
      } else if (!empty(s)) {
        p.dynamic = true;
      }
    }
    if (!opset10_ && ctx.has_input(3)) {
      const ValueType& s = ctx.input(3);
      if (s.is_constant()) {
        if (s.value.numel() > 0) p.sizes = tensor_int_values(s.value);
      } else if (!empty(s)) {
        p.dynamic = true;
      }
    }
    if (!opset10_ && ctx.has_input(1) && attrs_.coord == kernels::ResizeCoord::kTfCropAndResize) {
      if (ctx.input(1).is_constant())
        p.roi = float_values(ctx.input(1).value);
      else
        p.dynamic = true;
    }
    return p;
  }

  ResizeAttrs attrs_;
  bool opset10_ = false;
  ResizePlan plan_;  // from prepare() when nothing is data-dependent
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Resize, ResizeOp)
