// QLinearMatMul (opsets 10, 21): y = saturate(rint((a - a_zp) x (b - b_zp) * a_scale * b_scale /
// y_scale) + y_zp), numpy.matmul shapes, exact int32 products. a, b, y: int8/uint8 (y of
// y_zero_point's type); per-tensor scales and zero points (a_zp may also be per-row, b_zp
// per-column). Opset 21 adds float16/bfloat16 scales (the scale product is rounded in their type).
// Requantization runs in double on the int32 sums.
#include "ops/common/quant_common.h"

namespace onyx::ops {
namespace {

class QLinearMatMulOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = {DType::kUInt8, DType::kInt8};

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(8, 8));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(3, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(7, kElementTypes));
    for (int i : {1, 4, 6}) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, kScaleDTypes));
    if (ctx.input(2).dtype != ctx.input(0).dtype)
      return ctx.input_error(2, "type differs from a's");
    if (ctx.input(5).dtype != ctx.input(3).dtype)
      return ctx.input_error(5, "type differs from b's");
    ValueType& y = ctx.output(0);
    y.dtype = ctx.input(7).dtype;
    if (!ctx.input(0).has_shape || !ctx.input(3).has_shape) return Status::ok();
    y.has_shape = true;
    return infer_matmul_dims(ctx, 0, 3, &y.dims);
  }

  void prepare_scratch(PrepareContext& ctx) const {
    ctx.request_scratch(static_cast<size_t>(numel(ctx.output(0).dims)) * sizeof(int32_t));
  }
  Status prepare(PrepareContext& ctx) override {
    prepare_scratch(ctx);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    Tensor& y = ctx.output(0);
    auto* acc = static_cast<int32_t*>(ctx.scratch());
    ONYX_RETURN_IF_ERROR(
        int_matmul(ctx, ctx.input(0), ctx.input(3), &ctx.input(2), &ctx.input(5), acc));
    const double mult = requant_multiplier(ctx.input(1), ctx.input(4), ctx.input(6));
    const double y_zero = zero_point_at(&ctx.input(7), 0);
    for (int64_t i = 0; i < y.numel(); ++i)
      store_requantized(y, i, static_cast<double>(acc[i]) * mult + y_zero);
    return Status::ok();
  }

 private:
  static int64_t numel(const Shape& s) {
    int64_t n = 1;
    for (int64_t d : s) n *= d;
    return n;
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(QLinearMatMul, QLinearMatMulOp)
