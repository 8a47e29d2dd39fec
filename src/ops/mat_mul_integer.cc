// MatMulInteger (opset 10): Y (int32) = (A - a_zero_point) x (B - b_zero_point) with numpy.matmul
// shapes. A, B: int8/uint8; a_zero_point per-tensor or per-row (M entries), b_zero_point
// per-tensor or per-column (N entries), each of its operand's type. Exact int32 accumulation.
#include "ops/common/quant_common.h"

namespace onyx::ops {
namespace {

class MatMulIntegerOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = {DType::kUInt8, DType::kInt8};

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 4));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, kElementTypes));
    for (int i = 2; i < 4; ++i)
      if (ctx.has_input(i) && ctx.input(i).dtype != ctx.input(i - 2).dtype)
        return ctx.input_error(i, "zero point type differs from its operand's");
    ValueType& y = ctx.output(0);
    y.dtype = DType::kInt32;
    if (!ctx.input(0).has_shape || !ctx.input(1).has_shape) return Status::ok();
    y.has_shape = true;
    return infer_matmul_dims(ctx, 0, 1, &y.dims);
  }

  Status run(RunContext& ctx) const override {
    return int_matmul(ctx, ctx.input(0), ctx.input(1), ctx.has_input(2) ? &ctx.input(2) : nullptr,
                      ctx.has_input(3) ? &ctx.input(3) : nullptr, ctx.output(0).data<int32_t>());
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(MatMulInteger, MatMulIntegerOp)
