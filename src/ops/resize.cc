// Resize: N-d nearest / linear / cubic resampling (family code: ops/common/resize_common.h,
// tables and passes: kernels/resize.h).
//   opset 10: inputs (X, scales); attribute mode (nearest | linear); asymmetric coordinates
//   opset 11: inputs (X, roi, scales, sizes[optional]); mode cubic; coordinate_transformation_mode,
//             cubic_coeff_a, exclude_outside, extrapolation_value, nearest_mode
//   opset 13: roi and scales optional; tf_half_pixel_for_nn removed; bfloat16
//   opset 18: antialias, axes, keep_aspect_ratio_policy
//   opset 19: coordinate_transformation_mode half_pixel_symmetric
// Exactly one of scales / sizes is given; an empty tensor counts as absent. roi is read only by
// tf_crop_and_resize. Element types: float, double, float16, bfloat16, int8, uint8.
#include <optional>

#include "ops/common/int_inputs.h"
#include "ops/common/resize_common.h"

namespace onyx::ops {
namespace {

class ResizeOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ResizeTypes>();

  Status init(const InitContext& ctx) override {
    opset10_ = ctx.opset() < 11;
    return parse_resize_attrs(ctx, &attrs_);
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(opset10_ ? ctx.expect_inputs(2, 2) : ctx.expect_inputs(1, 4));
    bool dynamic = false;
    std::optional<std::vector<double>> scales, roi;
    std::optional<std::vector<int64_t>> sizes;
    if (int i = scales_input(); ctx.has_input(i)) {
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, {DType::kFloat32}));
      const ValueType& s = ctx.input(i);
      if (s.is_constant()) {
        if (s.value.numel() > 0) scales = float_values(s.value);
      } else if (!(s.has_shape && s.rank() == 1 && s.dims[0] == 0)) {
        dynamic = true;
      }
    }
    if (!opset10_ && ctx.has_input(3)) {
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(3, {DType::kInt64}));
      const ValueType& s = ctx.input(3);
      if (s.is_constant()) {
        if (s.value.numel() > 0) sizes = tensor_int_values(s.value);
      } else if (!(s.has_shape && s.rank() == 1 && s.dims[0] == 0)) {
        dynamic = true;
      }
    }
    if (!opset10_ && ctx.has_input(1)) {
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, dtype_set<types::Float>()));
      if (ctx.input(1).is_constant())
        roi = float_values(ctx.input(1).value);
      else if (attrs_.coord == kernels::ResizeCoord::kTfCropAndResize)
        dynamic = true;
    }
    if (scales && sizes) return ctx.error("only one of scales and sizes may be given");
    return infer_resize(ctx, attrs_, scales, sizes, roi, dynamic);
  }

  Status run(RunContext& ctx) const override {
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

  ResizeAttrs attrs_;
  bool opset10_ = false;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Resize, ResizeOp)
