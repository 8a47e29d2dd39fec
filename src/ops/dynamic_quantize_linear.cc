// DynamicQuantizeLinear (opset 11): uint8 quantization of float32 x with a scale and zero point
// computed from its range, which is widened to include 0:
//   scale = (max(0, max x) - min(0, min x)) / 255   (1 when x is all zeros)
//   zero_point = rint(clamp(0 - min / scale, 0, 255)),  y = clamp(rint(x / scale) + zero_point)
// Outputs: y (uint8, x's shape), y_scale (float32 scalar), y_zero_point (uint8 scalar).
#include <algorithm>
#include <cmath>

#include "kernels/quant.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class DynamicQuantizeLinearOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<TypeList<float>>();

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ctx.output(0) = ctx.input(0).type_only();
    ctx.output(0).dtype = DType::kUInt8;
    if (ctx.num_outputs() > 1) ctx.output(1) = ValueType::tensor(DType::kFloat32, {});
    if (ctx.num_outputs() > 2) ctx.output(2) = ValueType::tensor(DType::kUInt8, {});
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const float* xs = x.data<float>();
    float lo = 0.0f, hi = 0.0f;
    for (int64_t i = 0; i < x.numel(); ++i) {
      lo = std::min(lo, xs[i]);
      hi = std::max(hi, xs[i]);
    }
    const float scale = hi == lo ? 1.0f : (hi - lo) / 255.0f;
    const float zero = std::nearbyint(std::clamp(0.0f - lo / scale, 0.0f, 255.0f));
    const auto zp = static_cast<int32_t>(zero);
    kernels::quantize_f32(xs, ctx.output(0).data<uint8_t>(), x.numel(), scale, zp, ctx.pool());
    if (ctx.has_output(1)) ctx.output(1).data<float>()[0] = scale;
    if (ctx.has_output(2)) ctx.output(2).data<uint8_t>()[0] = static_cast<uint8_t>(zp);
    return Status::ok();
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(DynamicQuantizeLinear, DynamicQuantizeLinearOp)
