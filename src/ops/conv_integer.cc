// ConvInteger (opset 10): y (int32) = conv(x - x_zero_point, w - w_zero_point), no bias.
// x, w: int8/uint8; x_zero_point per-tensor; w_zero_point per-tensor or per output channel.
// Padding holds x's zero point (contributes 0). Attributes and shapes as Conv (1-3 spatial dims).
#include "kernels/gemm_int.h"
#include "ops/common/quant_common.h"

namespace onyx::ops {
namespace {

class ConvIntegerOp final : public QuantConvBase {
 public:
  static constexpr DTypeSet kElementTypes = {DType::kUInt8, DType::kInt8};

  Status init(const InitContext& ctx) override { return init_conv(ctx); }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 4));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, kElementTypes));
    for (int i = 2; i < 4; ++i)
      if (ctx.has_input(i) && ctx.input(i).dtype != ctx.input(i - 2).dtype)
        return ctx.input_error(i, "zero point type differs from its operand's");
    return infer_conv(ctx, 0, 1, DType::kInt32);
  }

  Status prepare(PrepareContext& ctx) override {
    ONYX_RETURN_IF_ERROR(prepare_conv(ctx, 0, 1));
    ctx.request_scratch(kernels::conv_int_scratch(shape_) +
                        static_cast<size_t>(shape_.out_channels) * sizeof(int32_t) + 64);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const int32_t x_zero = ctx.has_input(2) ? zero_point_at(&ctx.input(2), 0) : 0;
    auto* w_zero = static_cast<int32_t*>(ctx.scratch());
    const Tensor* wz = ctx.has_input(3) ? &ctx.input(3) : nullptr;
    const int64_t wz_count = wz ? wz->numel() : 1;
    if (wz_count != 1 && wz_count != shape_.out_channels)
      return ctx.error("w_zero_point must have 1 or one entry per output channel");
    for (int64_t m = 0; m < shape_.out_channels; ++m)
      w_zero[m] = zero_point_at(wz, wz_count == 1 ? 0 : m);
    void* col = w_zero + shape_.out_channels;
    int32_t* y = ctx.output(0).data<int32_t>();
    using Int8 = TypeList<uint8_t, int8_t>;
    visit_dtype<Int8>(ctx.input(0).dtype(), [&](auto tx) {
      using TX = typename decltype(tx)::type;
      visit_dtype<Int8>(ctx.input(1).dtype(), [&](auto tw) {
        using TW = typename decltype(tw)::type;
        kernels::conv_int<TX, TW>(shape_, ctx.input(0).data<TX>(), x_zero, ctx.input(1).data<TW>(),
                                  w_zero, y, static_cast<TX*>(col), ctx.pool());
      });
    });
    return Status::ok();
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ConvInteger, ConvIntegerOp)
